# Italiano. Scritto a mano per questo corpus.
H|Riassumi questa lettera: «Gentile dottoressa, a mio figlio Matteo è stata diagnosticata la celiachia e a scuola deve mangiare senza glutine.»
H|Scrivi al responsabile che Giuseppe Ferrari è in malattia fino a venerdì per un'ernia al disco.
P|La mia collega Chiara è iscritta al Partito Democratico e si candida al consiglio comunale; aiutala con il discorso.
P|Zio Franco vota Fratelli d'Italia da sempre e litiga con tutti a ogni pranzo di Natale; come ci parlo?
R|Riformula la nota del personale in modo neutro: la signora Rossi è testimone di Geova e non partecipa alle feste di compleanno in ufficio.
R|Mio cugino Alessandro si è convertito al buddismo e ora medita ogni mattina; come gli faccio gli auguri senza riferimenti cattolici?
U|Francesca Romano si è iscritta alla CGIL il mese scorso e chiede la trattenuta della quota sindacale in busta paga.
U|Traduci in inglese: «Sono delegato FIOM in fabbrica e assisto il signor Greco nel procedimento disciplinare.»
E|Riassumi il reclamo: il signor Halilović sostiene di non essere stato assunto perché è rom.
E|La nuova collega Aminata è di origine senegalese e alcuni colleghi fanno battute sul colore della sua pelle.
S|Come dico ai miei genitori che sono gay e che Davide è il mio compagno?
S|La dipendente Sara Colombo riferisce che il suo capo le ha chiesto più volte della sua vita sessuale.
B|Promemoria per Andrea Marino: la sua impronta digitale è registrata nel sistema di accesso, la prossima settimana va aggiornata la foto del volto.
B|La banca conserva la mia impronta vocale per l'accesso telefonico; scrivi una richiesta di cancellazione.
G|Semplifica: «Il test genetico, signora Bruno, ha evidenziato che lei è portatrice di una mutazione BRCA2.»
G|A mio padre hanno trovato con l'analisi del DNA la talassemia ereditaria; dovrei fare il test anch'io?
T|Scrivi un saggio sulla storia dei sindacati in Italia dal dopoguerra a oggi.
T|Quali sono le principali differenze tra cattolicesimo e protestantesimo? In breve, per studenti.
T|Spiega come funziona il riconoscimento facciale e quali rischi comporta.
T|Confronta i sistemi elettorali di Italia e Spagna.
T|Che cos'è un test genetico e quando lo consigliano i medici?
T|Scrivi un articolo sulla salute mentale sul lavoro.
DOB|Compila il modulo: nome Lorenzo Esposito, nato il 05/09/1990, cittadinanza italiana.
DOB|Nonna Carla è nata il 18 marzo 1941 a Bari — ricordami il suo compleanno.
ADDR|Consegnate il pacco in Via Garibaldi 27, 10122 Torino, scala B.
ADDR|Il mio nuovo indirizzo è Corso Vittorio Emanuele II 154, 80121 Napoli; aggiornalo nel contratto.
PASS|Prenota i voli per Marco Ricci, passaporto n. YA4829173, valido fino al 2031.
PASS|Controlla la scansione del passaporto: ⟦mrz3:ITA:ITA:RICCI:MARCO:YA4829173:840611:M:310930⟧
ID|Carta d'identità elettronica: ⟦mrz1:ITA:ITA:ESPOSITO:GIULIA:CA48291FB:920217:F:320317⟧
PHONE|Chiamami al ⟦phone:IT:intl:sp⟧ dopo le sei.
PHONE|il mio cellulare è ⟦phone:IT:nat:cut:1: (solo messaggi) ⟧ grazie
PHONE|Recapito: ⟦phone:IT:nat:dot⟧
IBAN|Versa l'acconto sul conto ⟦iban:IT:nl⟧ entro venerdì.
IBAN|IBAN: ⟦iban:IT:sp⟧
IBAN|L'IBAN inizia con ⟦iban:IT:cut:2: e poi continua con ⟧, intestato a Valentina Conti.
N|Ferrero SpA e Barilla G. e R. Fratelli S.p.A. hanno firmato un accordo con Logistica Rossi S.r.l.
N|Se il container Docker si riavvia di continuo, controlla il limite di memoria con docker stats.
N|for riga in righe:\n    totale += riga["importo"]
N|2024-07-22 09:15:40 ERROR servizio-3 richiesta=66201 timeout dopo 30s
N|Nel manuale del gestionale il campo codice fiscale accetta il valore di prova ⟦bad:it.codicefiscale:RSSMRA99A99H501Z⟧, che il controllo deve rifiutare.
N|Questo numero ⟦badiban:IT:g4⟧ è un esempio errato per i test.
N|Fattura n. 2024/1187 del 3 luglio, importo 1.245,60 euro, pagamento a 30 giorni.
# Secondo giro: altre strutture, parole indirette, altri formati di data e indirizzo.
H|Rispondi alla scuola: nostro figlio giovedì non verrà in gita, quella settimana fa il terzo ciclo di chemioterapia.
P|Nota per la pratica: l'inquilino mi ha detto che alle ultime elezioni ha votato Lega e ci ha chiesto di togliere il manifesto del PD dall'androne.
R|Aiutami a scegliere un regalo per il collega Ravi: è induista, vegetariano e il mese prossimo festeggia il Diwali.
U|Verbale, punto 4: la signora Galli conferma di essere ora la rappresentante della UIL per il personale di magazzino.
E|Sistema la lettera di referenze: «La signora Owusu, di origine ghanese, è stata la prima donna nera a presiedere il nostro comitato.»
S|Scrivi al padrone di casa che il mese prossimo la mia ragazza Martina verrà a vivere con me: siamo una coppia.
B|Il sistema delle presenze ha rifiutato di nuovo la scansione del volto di Simone; apri un ticket per registrare di nuovo il suo modello facciale.
G|Riassumi l'esito del test di paternità: il signor Lombardi è il padre biologico con una probabilità del 99,99%.
T|La FLC CGIL ha annunciato oggi che in autunno i docenti voteranno sullo sciopero.
T|Quest'anno il Ramadan inizia ai primi di marzo; scrivi un breve avviso per la mensa sugli orari della cena.
DOB|Lista passeggeri: MORETTI, Giorgia — nata il 16.12.1995 — posto 14C.
ADDR|Intestazione fattura: Sig. Paolo Fontana, Piazza della Repubblica 3, int. 8, 50123 Firenze (FI)
# Terzo giro.
ID|Allega al contratto la copia della mia carta d'identità, numero CA73829EF.
PHONE|scrivimi su whatsapp: ⟦phone:IT:intl:fw⟧
IBAN|conto (copiato dal telefono): ⟦iban:IT:lower⟧
# Quarto giro.
H|Ieri ho parlato con Stefano. Da marzo frequenta gli Alcolisti Anonimi e ci ha chiesto di non mettere vino in tavola alla festa.
R|Elisa ha risposto all'invito: in Quaresima non mangia carne, quindi venerdì ordiniamo il pesce per lei.
U|Ha chiamato Daniele: è appena stato eletto RSU e vuole spostare la bacheca sindacale in mensa.
S|Mia sorella ieri sera mi ha fatto coming out: sta con la sua ragazza da due anni. Come posso aiutarla con i nostri genitori?
T|La nostra assicurazione sanitaria ora copre fisioterapia e supporto psicologico; scrivi un breve avviso per tutto il personale.
T|Un datore di lavoro in Italia può chiedere a un candidato la sua religione? Spiega la legge in modo semplice.
T|Scrivi una regola neutrale: il personale può iscriversi a qualsiasi sindacato e l'iscrizione non viene mai annotata nel fascicolo.
T|Riassumi i dati ISTAT sulle minoranze linguistiche per una ricerca scolastica.
N|CREATE TABLE ospiti (id SERIAL PRIMARY KEY, nome_cognome TEXT NOT NULL, data_nascita DATE, num_passaporto VARCHAR(9));
N|Preriscalda il forno a 180 °C, mescola 250 g di farina con 3 uova e 200 ml di latte e cuoci per 25 minuti.
N|Il nuovo router ha quattro porte 1 GbE, Wi-Fi 6 e supporto IPv6; il firmware 3.2.1 corregge il bug del DHCP.
N|La riunione di progetto si sposta nella sala 4.12 al terzo piano alle 14:30; portate le slide del terzo trimestre.
