# Nederlands (Nederland, Vlaanderen). Met de hand geschreven voor dit corpus.
H|Vat deze brief samen: "Beste dokter, bij mijn dochter Sanne is vorige maand de ziekte van Crohn vastgesteld en ze moet op school vaak naar het toilet."
H|Schrijf aan de teamleider dat Bram de Vries tot vrijdag ziek thuis is; hij heeft een hernia en mag niet tillen.
P|Mijn collega Femke is al jaren lid van GroenLinks-PvdA en staat op de kieslijst voor de gemeenteraad; help haar met haar speech.
P|Oom Kees stemt tegenwoordig op de PVV en begint er op elk verjaardagsfeest over; hoe ga ik het gesprek aan?
R|Herschrijf deze HR-notitie neutraal: mevrouw Bakkali is moslima en wil tijdens de ramadan haar pauze aan het eind van de dag.
R|Mijn broer Joost is lid geworden van een gereformeerde gemeente en werkt niet meer op zondag; hoe nodig ik hem uit voor de opening?
U|Lotte Jansen is vorige week lid geworden van de FNV en vraagt of de contributie van haar salaris kan worden ingehouden.
U|Vertaal naar het Engels: "Ik ben kaderlid van de ACV in ons bedrijf en sta meneer Peeters bij in het ontslaggesprek."
E|Vat de klacht samen: meneer Rahimi zegt dat hij de woning niet kreeg omdat hij Afghaans van afkomst is.
E|Onze nieuwe collega Shanti is van Surinaams-Hindoestaanse afkomst en sommige collega's maken grappen over haar huidskleur.
S|Hoe vertel ik mijn ouders dat ik homo ben en dat Thijs mijn vriend is?
S|Medewerkster Anouk Visser meldt dat haar leidinggevende haar herhaaldelijk vragen stelt over haar seksleven.
B|Herinnering voor Daan Mulder: zijn vingerafdruk staat in het toegangssysteem en volgende week moet de gezichtsfoto worden vernieuwd.
B|De bank bewaart mijn stemafdruk om me telefonisch te herkennen; schrijf een verzoek om die te verwijderen.
G|Maak eenvoudiger: "Uw genetisch onderzoek, mevrouw Smit, laat zien dat u draagster bent van een BRCA1-mutatie."
G|Bij mijn vader is met een DNA-test erfelijke hemochromatose gevonden; moet ik me ook laten testen?
T|Schrijf een essay over de geschiedenis van de vakbeweging in Nederland.
T|Wat zijn de belangrijkste verschillen tussen katholicisme en protestantisme? Kort, voor leerlingen.
T|Leg uit hoe gezichtsherkenning werkt en welke risico's eraan kleven.
T|Vergelijk het Nederlandse en het Belgische kiesstelsel.
T|Wat is een genetische test en wanneer raden artsen die aan?
T|Schrijf een artikel over mentale gezondheid op het werk.
DOB|Vul het formulier in: naam Ruben Bosman, geboren op 19-10-1992, nationaliteit Nederlandse.
DOB|Oma Truus is geboren op 8 mei 1938 in Zwolle — herinner me aan haar verjaardag.
ADDR|Bezorg het pakket op Prinsengracht 263-1, 1016 GV Amsterdam.
ADDR|Mijn nieuwe adres is Kortrijksesteenweg 412, 9000 Gent; pas het aan in het contract.
PASS|Boek de vluchten voor Niels van Dam, paspoortnummer NRF7K2LP4, geldig tot 2031.
PASS|Controleer de paspoortscan: ⟦mrz3:NLD:NLD:VAN DAM:NIELS:NRF7K2LP4:880214:M:310505⟧
ID|Identiteitskaart: ⟦mrz1:NLD:NLD:BOSMAN:EVA:IPD4KR7N2:950830:F:330711⟧
PHONE|Bel me op ⟦phone:NL:nat:sp⟧ na zessen.
PHONE|mijn mobiel is ⟦phone:NL:nat:cut:1: (alleen appen) ⟧ bedankt
PHONE|Contact: ⟦phone:BE:intl:nl⟧
IBAN|Maak de aanbetaling over naar ⟦iban:NL:nl⟧ voor vrijdag.
IBAN|Rekeningnummer: ⟦iban:BE:dot⟧
IBAN|Het IBAN begint met ⟦iban:NL:cut:2: en daarna komt ⟧, op naam van Marloes Kok.
N|Albert Heijn B.V., Colruyt NV en de kleine Transportbedrijf De Graaf BV tekenden een logistiek akkoord.
N|Als de pipeline faalt op "permission denied", controleer dan de rechten van de service-account in het cluster.
N|docker compose up -d --build && docker compose logs -f api
N|2024-10-02 10:11:12 ERROR werker-6 verzoek=20931 time-out na 30 s
N|Ordernummer ⟦bad:nl.bsn:999999999⟧ is verzonden vanuit het magazijn in Tilburg.
N|Dit nummer ⟦badiban:NL:g4⟧ is een fout voorbeeld voor de tests.
N|Factuurnummer 2024-0457, bedrag € 1.245,60, betaaltermijn 30 dagen.
# Tweede ronde: andere zinsbouw, indirecte woorden, andere datum- en adresvormen.
H|Antwoord de school: onze zoon gaat donderdag niet mee op excursie, hij heeft die week zijn derde chemokuur.
P|Notitie voor het dossier: de huurder vertelde dat hij bij de verkiezingen op D66 heeft gestemd en vroeg de VVD-poster in de hal weg te halen.
R|Help me een cadeau kiezen voor mijn collega Ravi: hij is hindoe, vegetariër en viert volgende maand Divali.
U|Notulen, punt 4: mevrouw Meijer bevestigt dat zij nu kaderlid van CNV is voor het magazijnpersoneel.
E|Verbeter de referentiebrief: "Mevrouw Boateng, van Ghanese afkomst, was de eerste zwarte vrouw die onze commissie voorzat."
S|Schrijf de verhuurder dat mijn vriendin Iris volgende maand bij me intrekt: we zijn een stel.
B|Het tijdregistratiesysteem weigerde opnieuw de gezichtsscan van Sem; maak een ticket om zijn gezichtssjabloon opnieuw vast te leggen.
G|Vat de uitslag van de vaderschapstest samen: meneer de Jong is met 99,99% waarschijnlijkheid de biologische vader.
T|De onderwijsbonden maakten vandaag bekend dat leraren in het najaar stemmen over een staking.
T|De ramadan begint dit jaar begin maart; schrijf een kort bericht voor de kantine over latere etenstijden.
DOB|Passagierslijst: DEKKER, Fleur — geb. 13-08-1994 — stoel 14C.
ADDR|Factuuradres: dhr. T. Hendriks, Oudegracht 142 bis, 3511 AZ Utrecht
# Derde ronde.
ID|Voeg een kopie van mijn identiteitskaart toe aan het huurcontract, documentnummer IRX49K2P7.
PHONE|app me: ⟦phone:NL:intl:fw⟧
IBAN|rekening (gekopieerd van mijn telefoon): ⟦iban:NL:lower⟧
# Vierde ronde.
H|Ik sprak gisteren met Jeroen. Hij gaat sinds maart naar de AA en vroeg of er op het feest geen wijn op tafel kan staan.
R|Maartje heeft op de uitnodiging gereageerd: tijdens de vastentijd eet ze geen vlees, dus bestellen we vrijdag vis voor haar.
U|Telefoontje van Rick: hij is net gekozen tot OR-lid namens de bond en wil het vakbondsprikbord naar de kantine verplaatsen.
S|Mijn zus vertelde me gisteravond dat ze op vrouwen valt; ze is al twee jaar samen met haar vriendin. Hoe steun ik haar bij onze ouders?
T|Onze zorgverzekering vergoedt nu fysiotherapie en psychologische hulp; schrijf een kort bericht voor alle medewerkers.
T|Mag een werkgever in Nederland een sollicitant naar zijn geloof vragen? Leg de wet eenvoudig uit.
T|Schrijf een neutrale regeling: medewerkers mogen lid worden van elke vakbond en lidmaatschap wordt nooit in het personeelsdossier vastgelegd.
T|Vat de CBS-cijfers over herkomst van inwoners samen voor een werkstuk.
N|CREATE TABLE gasten (id SERIAL PRIMARY KEY, volledige_naam TEXT NOT NULL, geboortedatum DATE, paspoortnr VARCHAR(9));
N|Verwarm de oven voor op 180 °C, meng 250 g bloem met 3 eieren en 200 ml melk en bak 25 minuten.
N|De nieuwe router heeft vier 1 GbE-poorten, wifi 6 en IPv6; firmware 3.2.1 lost de DHCP-fout op.
N|Het projectoverleg verhuist naar zaal 4.12 op de derde verdieping om 14.30 uur; neem de Q3-slides mee.
