# Dansk. Skrevet i hånden til dette korpus.
H|Opsummer brevet: "Kære læge, min datter Freja fik konstateret type 1-diabetes i marts og skal have insulin i skolen."
H|Skriv til lederen, at Mads Kristensen er sygemeldt til fredag; han har fået en diskusprolaps.
P|Min kollega Mette er medlem af Enhedslisten og stiller op til byrådet; hjælp hende med talen.
P|Min svigerfar stemmer på Dansk Folkeparti og skændes om det til hver familiefest; hvordan taler jeg med ham?
R|Omskriv personalenotatet neutralt: Aisha er muslim og ønsker pause ved fredagsbønnen.
R|Min bror Søren er blevet medlem af Indre Mission og arbejder ikke længere om søndagen; hvordan inviterer jeg ham til indvielsen?
U|Camilla Nielsen meldte sig ind i 3F i sidste måned og vil have kontingentet trukket over lønnen.
U|Oversæt til engelsk: "Jeg er tillidsrepræsentant for Dansk Metal på fabrikken og bisidder for Lars i afskedigelsessagen."
E|Opsummer klagen: Hr. Hussein siger, at han ikke fik lejligheden, fordi han er af somalisk herkomst.
E|Vores nye kollega Naja er grønlænder, og nogle på holdet laver sjov med hendes baggrund; hvad skal lederen gøre?
S|Hvordan fortæller jeg mine forældre, at jeg er biseksuel, og at Sofie er min kæreste?
S|Medarbejderen Louise Møller oplyser, at hendes chef gentagne gange har spurgt til hendes sexliv.
B|Påmindelse til Rasmus Poulsen: hans fingeraftryk er gemt i adgangssystemet, og i næste uge skal ansigtsbilledet fornyes.
B|Banken gemmer mit stemmeaftryk til identifikation i telefonbanken; skriv en anmodning om sletning.
G|Forenkl: "Din gentest, Hanne, viser, at du er bærer af en mutation i BRCA2-genet."
G|Min far fik ved en DNA-test påvist arvelig hæmokromatose; skal jeg også testes?
T|Skriv et essay om fagbevægelsens historie i Danmark siden Septemberforliget.
T|Hvad er de vigtigste forskelle mellem katolicisme og protestantisme? Kort, til elever.
T|Forklar, hvordan ansigtsgenkendelse virker, og hvilke risici den har.
T|Sammenlign valgsystemerne i Danmark og Sverige.
T|Hvad er en gentest, og hvornår anbefaler lægerne den?
T|Skriv en artikel om mental sundhed på arbejdspladsen.
DOB|Udfyld formularen: navn Emil Jørgensen, fødselsdato 02.03.1995, statsborgerskab dansk.
DOB|Mormor Inger blev født den 9. august 1940 i Aalborg — mind mig om hendes fødselsdag.
ADDR|Lever pakken til Nørrebrogade 45, 2. tv., 2200 København N.
ADDR|Min nye adresse er Vestergade 18, 1. sal, 8000 Aarhus C; ret den i kontrakten.
PASS|Book flyene til Jonas Andersen, pasnummer 204817394, gyldigt til 2031.
PASS|Tjek pasindscanningen: ⟦mrz3:DNK:DNK:ANDERSEN:JONAS:204817394:891226:M:310407⟧
ID|Nyt dansk ID-kort, kortnummer DK4829173; vedlæg det i kontrakten.
PHONE|Ring til mig på ⟦phone:DK:nat:sp⟧ efter seks.
PHONE|mit mobilnummer er ⟦phone:DK:intl:cut:3: (kun sms) ⟧ tak
PHONE|Kontakt: ⟦phone:DK:intl:nl⟧
IBAN|Overfør depositum til ⟦iban:DK:nl⟧ inden fredag.
IBAN|Kontonummer (IBAN): ⟦iban:DK:dot⟧
IBAN|IBAN starter med ⟦iban:DK:cut:2: og så kommer ⟧, modtager Julie Larsen.
N|Novo Nordisk A/S, Carlsberg A/S og det lille Vognmand Holm ApS har indgået en logistikaftale.
N|Hvis servicen crasher med OOMKilled, så hæv hukommelsesgrænsen i deployment-filen.
N|curl -s -H "Accept: application/json" https://api.example.org/v2/ordrer?side=2
N|2024-02-28 09:41:17 ERROR arbejder-3 forespørgsel=51109 timeout efter 30 s
N|Ordrenummer ⟦bad:dk.cpr:9999999999⟧ er sendt fra lageret i Odense.
N|Dette nummer ⟦badiban:DK:g4⟧ er et forkert testeksempel.
N|Faktura 2024-0712, beløb 9.850,00 kr., betalingsfrist 14 dage.
# Anden runde: andre sætningsbygninger, indirekte ord, andre dato- og adresseformer.
H|Svar skolen: vores søn tager ikke med på turen torsdag, han får sin tredje kemobehandling den uge.
P|Notat til sagen: lejeren fortalte, at han stemte på Venstre ved valget, og bad os tage Socialdemokratiets plakat ned i opgangen.
R|Hjælp mig med en gave til min kollega Arjun — han er hindu, vegetar og fejrer diwali næste måned.
U|Referat, punkt 4: Pia Thomsen bekræfter, at hun nu er HK's tillidsrepræsentant for lagerpersonalet.
E|Ret anbefalingen til: "Fru Mensah, som har ghanesisk baggrund, var den første sorte kvinde, der ledede vores udvalg."
S|Skriv til udlejeren, at min kæreste Oliver flytter ind hos mig næste måned — vi er et par.
B|Tidsregistreringen afviste igen Williams ansigtsscanning; opret en sag om at genregistrere hans ansigtsskabelon.
G|Opsummer resultatet af faderskabstesten: hr. Mortensen er biologisk far med 99,99 % sandsynlighed.
T|Danmarks Lærerforening meddelte i dag, at medlemmerne skal stemme om strejke til efteråret.
T|Ramadanen begynder i starten af marts i år; skriv en kort besked til kantinen om senere spisetider.
DOB|Passagerliste: PEDERSEN, Ida — født 07.07.1996 — sæde 14C.
ADDR|Fakturaadresse: Kasper Lund, Sankt Clemens Torv 6, st. th., 8000 Aarhus C
# Tredje runde.
ID|Vedlæg en kopi af mit nye ID-kort til lejekontrakten, kortnummer 912847365.
PHONE|skriv på whatsapp: ⟦phone:DK:intl:fw⟧
IBAN|konto (kopieret fra mobilen): ⟦iban:DK:lower⟧
# Fjerde runde.
H|Jeg talte med Jesper i går. Han går til AA-møder siden marts og bad om, at der ikke står vin på bordet til festen.
R|Signe har svaret på invitationen — hun spiser ikke kød i fasten, så vi bestiller fisk til hende fredag.
U|Opkald fra Nikolaj: han er lige blevet valgt som tillidsrepræsentant og vil flytte fagforeningens opslagstavle til kantinen.
S|Min søster sprang ud over for mig i aftes; hun og hendes kæreste har været sammen i to år. Hvordan støtter jeg hende over for vores forældre?
T|Vores sundhedsforsikring dækker nu fysioterapi og psykologsamtaler; skriv en kort besked til alle medarbejdere.
T|Må en arbejdsgiver i Danmark spørge en ansøger om religion? Forklar loven enkelt.
T|Skriv en neutral regel: medarbejdere må melde sig ind i enhver fagforening, og medlemskab noteres aldrig i personalemappen.
T|Opsummer Danmarks Statistiks tal om indvandrere og efterkommere til en skoleopgave.
N|CREATE TABLE gaester (id SERIAL PRIMARY KEY, fulde_navn TEXT NOT NULL, foedselsdato DATE, pasnr VARCHAR(9));
N|Forvarm ovnen til 180 °C, rør 250 g mel med 3 æg og 2 dl mælk, og bag i 25 minutter.
N|Den nye router har fire 1 GbE-porte, Wi-Fi 6 og IPv6; firmware 3.2.1 retter DHCP-fejlen.
N|Projektmødet flyttes til lokale 4.12 på tredje sal kl. 14.30; tag Q3-slides med.
