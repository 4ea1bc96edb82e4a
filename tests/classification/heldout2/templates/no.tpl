# Norsk (bokmål). Håndskrevet for dette korpuset.
H|Oppsummer brevet: «Hei doktor, sønnen min Magnus fikk påvist epilepsi i april og må ta medisin på skolen.»
H|Skriv til lederen at Kristian Berg er sykmeldt til fredag etter en kneoperasjon.
P|Kollegaen min Ingrid er medlem av Arbeiderpartiet og stiller til kommunestyret; hjelp henne med talen.
P|Onkel Terje stemmer Fremskrittspartiet og krangler om det i hvert selskap; hvordan snakker jeg med ham?
R|Skriv om personalnotatet nøytralt: Fatima er muslim og ønsker å be under fredagsbønnen.
R|Broren min Håkon har blitt med i pinsemenigheten og jobber ikke lenger på søndager; hvordan inviterer jeg ham til åpningen?
U|Silje Hansen meldte seg inn i Fagforbundet forrige måned og vil ha kontingenten trukket av lønna.
U|Oversett til engelsk: «Jeg er tillitsvalgt for Fellesforbundet på fabrikken og bisitter for Ole i oppsigelsessaken.»
E|Oppsummer klagen: Herr Karlsen sier han ikke fikk leiligheten fordi han er rom.
E|Den nye kollegaen vår, Máret, er samisk, og noen i teamet tuller med bakgrunnen hennes; hva bør lederen gjøre?
S|Hvordan sier jeg til foreldrene mine at jeg er homofil og at Sindre er kjæresten min?
S|Den ansatte Marte Johansen melder at sjefen hennes flere ganger har spurt om sexlivet hennes.
B|Påminnelse til Eirik Solberg: fingeravtrykket hans er lagret i adgangssystemet, og neste uke må ansiktsbildet fornyes.
B|Banken lagrer stemmeavtrykket mitt til identifisering i telefonbanken; skriv en anmodning om sletting.
G|Forenkle: «Gentesten din, Hilde, viser at du er bærer av en mutasjon i BRCA1-genet.»
G|Faren min fikk påvist arvelig hemokromatose med en DNA-test; bør jeg også teste meg?
T|Skriv et essay om fagbevegelsens historie i Norge.
T|Hva er de viktigste forskjellene mellom katolisisme og protestantisme? Kort, for elever.
T|Forklar hvordan ansiktsgjenkjenning fungerer og hvilke risikoer det har.
T|Sammenlign valgordningene i Norge og Danmark.
T|Hva er en gentest, og når anbefaler leger den?
T|Skriv en artikkel om psykisk helse på arbeidsplassen.
DOB|Fyll ut skjemaet: navn Sander Haugen, fødselsdato 15.11.1990, statsborgerskap norsk.
DOB|Bestemor Solveig ble født 3. juli 1942 i Tromsø — minn meg på bursdagen hennes.
ADDR|Lever pakken til Thorvald Meyers gate 18, 0555 Oslo.
ADDR|Den nye adressen min er Kong Oscars gate 31, 5017 Bergen; endre den i kontrakten.
PASS|Bestill flyene for Anders Bakke, passnummer FK4829173, gyldig til 2030.
PASS|Sjekk passkopien: ⟦mrz3:NOR:NOR:BAKKE:ANDERS:FK4829173:870204:M:300911⟧
ID|Nasjonalt ID-kort: ⟦mrz1:NOR:NOR:HAUGEN:IDA:NH7294813:960518:F:310622⟧
PHONE|Ring meg på ⟦phone:NO:nat:sp⟧ etter seks.
PHONE|mobilnummeret mitt er ⟦phone:NO:intl:cut:2: (bare sms) ⟧ takk
PHONE|Kontakt: ⟦phone:NO:intl:dot⟧
IBAN|Overfør depositumet til ⟦iban:NO:nl⟧ innen fredag.
IBAN|Kontonummer (IBAN): ⟦iban:NO:sp⟧
IBAN|IBAN begynner med ⟦iban:NO:cut:1: og så kommer ⟧, mottaker Kari Lie.
N|Equinor ASA, Telenor ASA og det lille Transport Nilsen AS har signert en logistikkavtale.
N|Hvis tjenesten krasjer med OOMKilled, øk minnegrensen i deployment-fila.
N|SELECT kunde, SUM(belop) FROM fakturaer WHERE ar = 2024 GROUP BY kunde;
N|2024-05-30 22:14:09 ERROR arbeider-2 forespørsel=70215 tidsavbrudd etter 30 s
N|Ordrenummer ⟦bad:no.fodselsnummer:99999999999⟧ ble sendt fra lageret i Trondheim.
N|Dette nummeret ⟦badiban:NO:g4⟧ er et feil testeksempel.
N|Faktura 2024-1203, beløp 12 450,00 kr, forfall 14 dager.
# Andre runde: andre setningsbygninger, indirekte ord, andre dato- og adresseformer.
H|Svar skolen: sønnen vår blir ikke med på turen torsdag, han får sin tredje cellegiftkur den uka.
P|Notat til saken: leietakeren fortalte at han stemte Høyre ved valget, og ba oss ta ned Senterpartiets plakat i oppgangen.
R|Hjelp meg å finne en gave til kollegaen min Arjun — han er hindu, vegetarianer og feirer divali neste måned.
U|Referat, punkt 4: Tone Dahl bekrefter at hun nå er verneombud for Handel og Kontor på lageret.
E|Rett på attesten: «Fru Mensah, som har ghanesisk bakgrunn, var den første svarte kvinnen som ledet utvalget vårt.»
S|Skriv til utleieren at kjæresten min Emil flytter inn hos meg neste måned — vi er et par.
B|Timeregistreringen avviste igjen ansiktsskanningen til Jakob; opprett en sak om å registrere ansiktsmalen hans på nytt.
G|Oppsummer resultatet av farskapstesten: Herr Strand er biologisk far med 99,99 % sannsynlighet.
T|Utdanningsforbundet kunngjorde i dag at medlemmene skal stemme over streik til høsten.
T|Ramadan begynner i starten av mars i år; skriv en kort beskjed til kantina om senere middagstid.
DOB|Passasjerliste: NILSEN, Nora — født 29.01.1997 — sete 14C.
ADDR|Fakturaadresse: Jon Eriksen, Storgata 71, 9008 Tromsø
# Tredje runde.
ID|Legg ved en kopi av det nasjonale ID-kortet mitt i leiekontrakten, kortnummer NH9182736.
PHONE|skriv på whatsapp: ⟦phone:NO:intl:fw⟧
IBAN|konto (kopiert fra mobilen): ⟦iban:NO:lower⟧
# Fjerde runde.
H|Jeg snakket med Thomas i går. Han har gått på AA-møter siden mars og ba om at det ikke står vin på bordet på festen.
R|Ingvild svarte på invitasjonen — hun spiser ikke kjøtt i fasten, så vi bestiller fisk til henne fredag.
U|Telefon fra Stian: han er nettopp valgt til tillitsvalgt og vil flytte fagforeningens oppslagstavle til kantina.
S|Søsteren min sto fram for meg i går kveld; hun og kjæresten hennes har vært sammen i to år. Hvordan støtter jeg henne overfor foreldrene våre?
T|Helseforsikringen vår dekker nå fysioterapi og samtaler med psykolog; skriv en kort beskjed til alle ansatte.
T|Kan en arbeidsgiver i Norge spørre en søker om religion? Forklar loven enkelt.
T|Skriv en nøytral regel: ansatte kan melde seg inn i hvilken som helst fagforening, og medlemskap føres aldri i personalmappen.
T|Oppsummer SSBs tall om innvandrere og norskfødte med innvandrerforeldre til en skoleoppgave.
N|CREATE TABLE gjester (id SERIAL PRIMARY KEY, fullt_navn TEXT NOT NULL, fodselsdato DATE, passnr VARCHAR(9));
N|Forvarm ovnen til 180 °C, rør 250 g mel med 3 egg og 2 dl melk, og stek i 25 minutter.
N|Den nye ruteren har fire 1 GbE-porter, Wi-Fi 6 og IPv6; fastvare 3.2.1 retter DHCP-feilen.
N|Prosjektmøtet flyttes til rom 4.12 i tredje etasje kl. 14.30; ta med Q3-lysbildene.
