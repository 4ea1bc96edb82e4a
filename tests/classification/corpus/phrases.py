# ruff: noqa: E501  (sentence data and generators read best one item per line)
"""Hand-written sentence material for the labelled corpus (see make_corpus.py).

Special-category phrases are written per language without looking at the term lists' stems one by
one; they still come from the same authors as the lists, which bench/detection.py's report notes.
"""

from __future__ import annotations

ID_TEMPLATES = {
    "en": ["My {label} is {v}.", "Please check {label} {v} before Friday.", "Could you verify {v} for me?"],
    "lt": [
        "Mano {label} yra {v}.",
        "Prašau patikrinti {label} {v} iki penktadienio.",
        "Ar galite patikrinti {v}?",
    ],
    "lv": [
        "Mans {label} ir {v}.",
        "Lūdzu pārbaudiet {label} {v} līdz piektdienai.",
        "Vai varat pārbaudīt {v}?",
    ],
    "et": ["Minu {label} on {v}.", "Palun kontrollige {label} {v} reedeks.", "Kas saate kontrollida {v}?"],
    "fi": ["Minun {label} on {v}.", "Tarkista {label} {v} perjantaihin mennessä.", "Voitko tarkistaa {v}?"],
    "de": [
        "Meine {label} lautet {v}.",
        "Bitte prüfen Sie {label} {v} bis Freitag.",
        "Können Sie {v} prüfen?",
    ],
    "it": ["Il mio {label} è {v}.", "Controlla {label} {v} entro venerdì.", "Puoi verificare {v}?"],
}

NAME_TEMPLATES = {
    "en": ["Please forward the contract to {first} {last} by Monday.", "Dear {first}, thanks for the update.",
           "Mr. {last} will join the call.", "The report was written by {first} {last}.",
           "I met {first} {last} at the conference last week."],
    "lt": ["{first} {last} rytoj atsiųs ataskaitą.", "Labas {first}, ačiū už atnaujinimą.",
           "Ponas {last} prisijungs prie skambučio.", "Ataskaitą parašė {first} {last}.",
           "Susitikime dalyvavo {first} {last}."],
    "lv": ["{first} {last} rīt atsūtīs atskaiti.", "Sveiki, {first}! Paldies par informāciju.",
           "{last} kungs pievienosies zvanam.", "Atskaiti sagatavoja {first} {last}.",
           "Sanāksmē piedalījās {first} {last}."],
    "et": ["{first} {last} saadab aruande homme.", "Tere {first}, aitäh uuenduse eest.",
           "Härra {last} liitub kõnega.", "Aruande kirjutas {first} {last}.",
           "Koosolekul osales {first} {last}."],
    "fi": ["{first} {last} lähettää raportin huomenna.", "Hei {first}, kiitos päivityksestä.",
           "Herra {last} liittyy puheluun.", "Raportin kirjoitti {first} {last}.",
           "Kokoukseen osallistui {first} {last}."],
    "de": ["{first} {last} schickt den Bericht morgen.", "Hallo {first}, danke für das Update.",
           "Herr {last} nimmt am Anruf teil.", "Der Bericht wurde von {first} {last} geschrieben.",
           "An der Besprechung nahm {first} {last} teil."],
    "it": ["{first} {last} invierà il rapporto domani.", "Ciao {first}, grazie per l'aggiornamento.",
           "Il signor {last} si unirà alla chiamata.", "Il rapporto è stato scritto da {first} {last}.",
           "Alla riunione ha partecipato {first} {last}."],
}  # fmt: skip

SPECIAL = {
    "health": {
        "en": [
            "My father was diagnosed with type 2 diabetes in March.",
            "She has been on antidepressants since her divorce.",
            "He is recovering from chemotherapy for lung cancer.",
        ],
        "lt": [
            "Mano tėvui diagnozuotas antrojo tipo diabetas.",
            "Ji serga depresija jau dvejus metus.",
            "Jam buvo atlikta širdies operacija ligoninėje.",
        ],
        "lv": [
            "Manam tēvam diagnosticēja diabētu.",
            "Viņa ārstējas no depresijas jau divus gadus.",
            "Viņš atrodas slimnīcā pēc infarkta.",
        ],
        "et": [
            "Minu isal diagnoositi teist tüüpi diabeet.",
            "Ta on depressiooni tõttu haiguslehel.",
            "Tal on astma ja ta kasutab inhalaatorit.",
        ],
        "fi": [
            "Isälläni todettiin tyypin 2 diabetes.",
            "Hän on ollut masennuksen takia sairauslomalla.",
            "Hän toipuu syövän hoidoista sairaalassa.",
        ],
        "de": [
            "Bei meinem Vater wurde Diabetes festgestellt.",
            "Sie ist seit Monaten wegen Depressionen krankgeschrieben.",
            "Er liegt nach einem Herzinfarkt im Krankenhaus.",
        ],
        "it": [
            "A mio padre è stato diagnosticato il diabete.",
            "Lei soffre di depressione da due anni.",
            "È ricoverato in ospedale dopo un infarto.",
        ],
    },
    "genetic": {
        "en": [
            "Her genetic test showed a BRCA1 mutation.",
            "He took a DNA test to check for hereditary disease.",
        ],
        "lt": ["Jos genetinis tyrimas parodė BRCA1 mutaciją.", "Jam nustatyta paveldima liga."],
        "lv": ["Viņas ģenētiskā analīze uzrādīja BRCA1 mutāciju.", "Viņam ir iedzimta slimība."],
        "et": ["Tema geneetiline test näitas BRCA1 mutatsiooni.", "Tal on pärilik haigus."],
        "fi": ["Hänen geenitestinsä osoitti BRCA1-mutaation.", "Hänellä on perinnöllinen sairaus."],
        "de": ["Ihr Gentest ergab eine BRCA1-Mutation.", "Er hat eine genetisch bedingte Erkrankung."],
        "it": ["Il suo test genetico ha mostrato una mutazione BRCA1.", "Ha una malattia ereditaria."],
    },
    "biometric": {
        "en": [
            "We store the employee's fingerprint template for door access.",
            "The app uses facial recognition to identify her.",
        ],
        "lt": ["Saugome darbuotojo pirštų antspaudus durų prieigai.", "Programa naudoja veido atpažinimą."],
        "lv": ["Mēs glabājam darbinieka pirkstu nospiedumus.", "Lietotne izmanto sejas atpazīšanu."],
        "et": ["Hoiame töötaja sõrmejälge uksele pääsuks.", "Rakendus kasutab näotuvastust."],
        "fi": [
            "Tallennamme työntekijän sormenjäljen kulunvalvontaan.",
            "Sovellus käyttää kasvojentunnistusta.",
        ],
        "de": [
            "Wir speichern den Fingerabdruck des Mitarbeiters.",
            "Die App nutzt Gesichtserkennung, um sie zu identifizieren.",
        ],
        "it": ["Conserviamo le impronte digitali del dipendente.", "L'app usa il riconoscimento facciale."],
    },
    "racial_or_ethnic_origin": {
        "en": [
            "The applicant stated her ethnicity as Roma.",
            "He is of Turkish descent, according to the form.",
        ],
        "lt": ["Pareiškėja nurodė savo tautybę.", "Jis yra romų kilmės."],
        "lv": ["Pieteicēja norādīja savu tautību.", "Viņš pieder pie etniskās minoritātes."],
        "et": ["Taotleja märkis oma rahvuse.", "Ta kuulub etnilisse vähemusse."],
        "fi": ["Hakija ilmoitti etnisen taustansa.", "Hän kuuluu romanivähemmistöön."],
        "de": ["Die Bewerberin gab ihre ethnische Herkunft an.", "Er gehört der Minderheit der Sinti an."],
        "it": ["La candidata ha indicato la sua etnia.", "Lui è di origine rom secondo il modulo."],
    },
    "political_opinions": {
        "en": [
            "I voted for the Green party in the last election.",
            "He is a member of the Social Democratic party.",
        ],
        "lt": ["Per rinkimus balsavau už socialdemokratus.", "Jis yra partijos narys jau dešimt metų."],
        "lv": ["Vēlēšanās es balsoju par zaļajiem.", "Viņš ir partijas biedrs."],
        "et": ["Valimistel hääletasin Reformierakonna poolt.", "Ta on erakonna liige."],
        "fi": ["Äänestin vaaleissa vihreitä.", "Hän on puolueen jäsen jo kymmenen vuotta."],
        "de": ["Ich habe bei der Wahl die Grünen gewählt.", "Er ist seit Jahren Parteimitglied der SPD."],
        "it": ["Alle elezioni ho votato per i Verdi.", "È iscritto al partito da dieci anni."],
    },
    "religious_or_philosophical_beliefs": {
        "en": [
            "She is a practising Muslim and prays at the mosque.",
            "He converted to Catholicism last year.",
        ],
        "lt": ["Ji yra praktikuojanti katalikė.", "Jis kiekvieną sekmadienį eina į bažnyčią."],
        "lv": ["Viņa ir katoļticīga.", "Viņš katru svētdienu apmeklē baznīcu."],
        "et": ["Ta on õigeusklik.", "Ta on usuliselt aktiivne luterlane."],
        "fi": ["Hän on harras ortodoksi.", "Hän kuuluu Jehovan todistajiin."],
        "de": [
            "Sie ist gläubige Muslimin.",
            "Er ist Mitglied der evangelischen Kirche und zahlt Kirchensteuer.",
        ],
        "it": ["Lei è musulmana praticante.", "Lui è cattolico e va a messa ogni domenica."],
    },
    "trade_union_membership": {
        "en": [
            "He has been a trade union member for ten years.",
            "She is the union rep for the warehouse staff.",
        ],
        "lt": ["Jis yra profesinės sąjungos narys.", "Ji atstovauja profsąjungai."],
        "lv": ["Viņš ir arodbiedrības biedrs.", "Viņa vada arodbiedrību."],
        "et": ["Ta on ametiühingu liige.", "Ta esindab ametiühingut."],
        "fi": ["Hän on ammattiliiton jäsen.", "Hän toimii luottamusmiehenä."],
        "de": ["Er ist Gewerkschaftsmitglied bei der IG Metall.", "Sie sitzt im Betriebsrat."],
        "it": ["È iscritto al sindacato da dieci anni.", "Lei è rappresentante sindacale."],
    },
    "sex_life_or_sexual_orientation": {
        "en": ["He came out as gay to his colleagues.", "She mentioned that she is bisexual."],
        "lt": ["Jis prisipažino esąs gėjus.", "Ji yra biseksualė."],
        "lv": ["Viņš atzinās, ka ir gejs.", "Viņa ir biseksuāla."],
        "et": ["Ta tunnistas, et on gei.", "Ta on biseksuaalne."],
        "fi": ["Hän kertoi olevansa homo.", "Hän on biseksuaali."],
        "de": ["Er ist schwul und lebt mit seinem Partner.", "Sie ist bisexuell."],
        "it": ["Lui è gay e vive con il suo compagno.", "Lei è bisessuale."],
    },
}

HEREDITARY_DISEASE = {
    "He took a DNA test to check for hereditary disease.",
    "Jam nustatyta paveldima liga.",
    "Viņam ir iedzimta slimība.",
    "Tal on pärilik haigus.",
    "Hänellä on perinnöllinen sairaus.",
    "Er hat eine genetisch bedingte Erkrankung.",
    "Ha una malattia ereditaria.",
}

CONTACT_TEMPLATES = {
    "en": {"EMAIL_ADDRESS": "You can reach me at {v}.", "PHONE_NUMBER": "Call me on {v} after six.",
           "IBAN_CODE": "Please transfer the deposit to {v}.", "CREDIT_CARD": "Charge it to my card {v}.",
           "IP_ADDRESS": "My home router has the address {v}.", "PASSPORT_NUMBER": "My passport number is {v}."},
    "lt": {"EMAIL_ADDRESS": "Rašykite man adresu {v}.", "PHONE_NUMBER": "Skambinkite man telefonu {v}.",
           "IBAN_CODE": "Pervesk užstatą į sąskaitą {v}.", "CREDIT_CARD": "Mano kortelės numeris {v}.",
           "IP_ADDRESS": "Mano namų maršrutizatoriaus adresas {v}.", "PASSPORT_NUMBER": "Mano paso numeris {v}."},
    "lv": {"EMAIL_ADDRESS": "Rakstiet man uz {v}.", "PHONE_NUMBER": "Zvaniet man pa tālruni {v}.",
           "IBAN_CODE": "Lūdzu pārskaitiet depozītu uz {v}.", "CREDIT_CARD": "Mana kartes numurs ir {v}.",
           "IP_ADDRESS": "Mana maršrutētāja adrese ir {v}.", "PASSPORT_NUMBER": "Manas pases numurs ir {v}."},
    "et": {"EMAIL_ADDRESS": "Kirjutage mulle aadressil {v}.", "PHONE_NUMBER": "Helistage mulle telefonil {v}.",
           "IBAN_CODE": "Palun kandke tagatisraha kontole {v}.", "CREDIT_CARD": "Minu kaardi number on {v}.",
           "IP_ADDRESS": "Minu ruuteri aadress on {v}.", "PASSPORT_NUMBER": "Minu passi number on {v}."},
    "fi": {"EMAIL_ADDRESS": "Voit tavoittaa minut osoitteesta {v}.", "PHONE_NUMBER": "Soita minulle puhelin {v}.",
           "IBAN_CODE": "Maksa takuuvuokra tilille {v}.", "CREDIT_CARD": "Korttini numero on {v}.",
           "IP_ADDRESS": "Kotireitittimeni osoite on {v}.", "PASSPORT_NUMBER": "Passini numero on {v}."},
    "de": {"EMAIL_ADDRESS": "Sie erreichen mich unter {v}.", "PHONE_NUMBER": "Rufen Sie mich unter Tel. {v} an.",
           "IBAN_CODE": "Bitte überweisen Sie die Kaution auf {v}.", "CREDIT_CARD": "Meine Kartennummer ist {v}.",
           "IP_ADDRESS": "Mein Router hat die Adresse {v}.", "PASSPORT_NUMBER": "Meine Reisepassnummer ist {v}."},
    "it": {"EMAIL_ADDRESS": "Potete scrivermi a {v}.", "PHONE_NUMBER": "Chiamami al numero di telefono {v}.",
           "IBAN_CODE": "Versa la caparra sul conto {v}.", "CREDIT_CARD": "Il numero della mia carta è {v}.",
           "IP_ADDRESS": "Il mio router ha l'indirizzo {v}.", "PASSPORT_NUMBER": "Il mio numero di passaporto è {v}."},
}  # fmt: skip

TECHNICAL_PROSE = [
    "The deployment pipeline builds the container image and pushes it to the registry.",
    "Set the replica count to 3 and the memory limit to 512 MiB for the worker pods.",
    "The scheduler assigns pods to nodes based on resource requests and affinity rules.",
    "Use a read-through cache in front of the database to cut p99 latency by half.",
    "Rotate the TLS certificates every 90 days and verify the SSH key fingerprint on first connect.",
    "The health check endpoint returns 200 when all dependencies respond within 2 seconds.",
    "Our genetic algorithm converges after about 400 generations on the benchmark.",
    "There is a race condition in the connection pool when two threads release the same socket.",
    "A tagged union makes the parser's error states explicit.",
    "Run SELECT id, name FROM users UNION SELECT id, name FROM admins to merge the tables.",
    "The model was fine-tuned on 8 GPUs for 3 epochs with a learning rate of 2e-5.",
    "Amazon S3 and Google Cloud Storage both offer object versioning.",
    "The Kubernetes operator reconciles the desired state every 30 seconds.",
    "Apache Kafka retains messages for 7 days by default in this cluster.",
    "Docker Compose starts PostgreSQL 16, Redis 7 and the API gateway on ports 5432, 6379 and 8080.",
    "The C4 model describes software architecture at four levels of detail.",
    "Grafana dashboards show CPU usage, memory usage and request rate per service.",
    "The build failed because the lock file was generated with a newer version of the resolver.",
    "Abort the transaction if the row version changed since it was read.",
    "Release 2.14.3 fixes a memory leak in the HTTP/2 stream handler.",
    "Die Pipeline baut das Container-Image und lädt es in die Registry hoch.",
    "Der Scheduler verteilt die Pods anhand der Ressourcenanforderungen auf die Knoten.",
    "Bitte erhöhen Sie das Speicherlimit der Worker auf 512 MiB und starten Sie den Dienst neu.",
    "Die Datenbank Replikation läuft asynchron mit einer Verzögerung von unter einer Sekunde.",
    "Konteinerio atvaizdas sukuriamas ir įkeliamas į registrą.",
    "Serveris grąžina klaidą, jei užklausa viršija 2 MB.",
    "Konteinera attēls tiek izveidots un augšupielādēts reģistrā.",
    "Konteineri kujutis ehitatakse ja laaditakse registrisse.",
    "Kontin levykuva rakennetaan ja siirretään rekisteriin.",
    "L'immagine del container viene costruita e caricata nel registro.",
    "Il server restituisce un errore se la richiesta supera 2 MB.",
    "Julia and Ruby are both dynamically typed languages.",
    "Jenkins runs the nightly build; Maven resolves the dependencies.",
    "Will the migration finish before the maintenance window closes?",
    "May we schedule the upgrade for Tuesday at 09:00 UTC?",
    "The SHA-256 digest of the artifact is e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.",
    "The request ID 7f3e9a2c-41b8-4d3e-9f1a-2b6c8d0e4f51 appears in both traces.",
    "Connect to localhost:5432 or 127.0.0.1:8080 for the local setup.",
    "Version 10.4.3.2 of the firmware removes the legacy telnet service.",
    "The invoice total is 1,234.56 EUR, due within 30 days.",
]

# Non-English technical prose, written after the detectors, to check capitalised nouns and
# place names in languages other than English.
TECHNICAL_PROSE_OTHER = [
    "Der Lastverteiler leitet Anfragen an den Knoten mit der geringsten Auslastung weiter.",
    "Nach dem Update auf Version 3.2 startet der Dienst Kubernetes Ingress nicht mehr.",
    "Die Datenbank Sicherung läuft jede Nacht um 02:00 Uhr in Frankfurt.",
    "Bitte prüfen Sie die Firewall Regeln für Port 443 im Rechenzentrum München.",
    "Das Team Plattform Betrieb migriert die Cluster nach Berlin.",
    "Il bilanciatore di carico inoltra le richieste al nodo meno carico.",
    "Dopo l'aggiornamento il servizio Nginx non si avvia più a Milano.",
    "Kuormantasaaja ohjaa pyynnöt vähiten kuormitetulle solmulle Helsingissä.",
    "Palvelin Tampere Keskus käynnistetään uudelleen huoltoikkunassa.",
    "Apkrovos balansavimo įrenginys nukreipia užklausas į mažiausiai apkrautą mazgą Vilniuje.",
    "Serveris Kaunas Centras bus perkrautas techninės priežiūros metu.",
    "Slodzes balansētājs pārsūta pieprasījumus uz vismazāk noslogoto mezglu Rīgā.",
    "Koormusjaotur suunab päringud kõige vähem koormatud sõlme Tallinnas.",
    "Tartu Ülikool avaldas uue versiooni andmebaasi tarkvarast.",
    "Microsoft Azure und Amazon Web Services bieten Rechenzentren in Frankfurt an.",
]

CODE_SNIPPETS = [
    "def handler(event, context):\n    user = User.from_dict(event['body'])\n    return Response(status=200)",
    "class CustomerRepository(BaseRepository):\n    def find_by_id(self, customer_id: int) -> Customer | None:\n        ...",
    "for (int i = 0; i < 1000000; i++) { total += values[i] * 31; }",
    "const client = new S3Client({ region: 'eu-central-1' });\nawait client.send(new PutObjectCommand(params));",
    "SELECT order_id, SUM(amount) FROM payments WHERE created_at > '2024-01-01' GROUP BY order_id;",
    "kubectl scale deployment/api --replicas=12 -n production",
    "docker run -p 8080:8080 -e LOG_LEVEL=debug images.example.internal/team/api:1.42.0",
    'fn main() { let v: Vec<u64> = (0..100000).collect(); println!("{}", v.len()); }',
    'if err != nil {\n    return fmt.Errorf("open %s: %w", path, err)\n}',
    "import numpy as np\nx = np.random.default_rng(1234567).normal(size=(512, 768))",
    "@app.route('/api/v1/orders/<int:order_id>')\ndef get_order(order_id):\n    return Order.query.get_or_404(order_id)",
    'resource "aws_instance" "web" {\n  ami = "ami-0c55b159cbfafe1f0"\n  instance_type = "t3.micro"\n}',
]

# Sentences and lines in which a number is plainly something other than a person's identifier.
OTHER_READINGS = {
    "en": [
        "Your order {v} is on its way.",
        "Invoice no. {v} was paid on 3 March.",
        "Please quote reference {v} in any reply.",
        "The parcel with tracking number {v} is delayed.",
        "We imported {v} rows overnight.",
        "Build {v} is deployed to staging.",
        "order_id={v} status=shipped",
        '{{"invoice": {v}, "paid": true}}',
    ],
    "lt": [
        "Jūsų užsakymas {v} išsiųstas.",
        "Sąskaita Nr. {v} apmokėta.",
        "Siuntos numeris {v}.",
        "Užsakymo {v} būsena pasikeitė.",
    ],
    "lv": [
        "Jūsu pasūtījums {v} ir nosūtīts.",
        "Rēķins Nr. {v} ir apmaksāts.",
        "Sūtījuma numurs {v}.",
        "Pasūtījuma {v} statuss ir mainīts.",
    ],
    "et": [
        "Teie tellimus {v} on teel.",
        "Arve nr {v} on tasutud.",
        "Saadetise number {v}.",
        "Tellimuse {v} olek muutus.",
    ],
    "fi": [
        "Tilauksesi {v} on lähetetty.",
        "Lasku nro {v} on maksettu.",
        "Lähetyksen seurantanumero {v}.",
        "Tilauksen {v} tila muuttui.",
    ],
    "de": [
        "Ihre Bestellung {v} wurde versandt.",
        "Rechnung Nr. {v} ist bezahlt.",
        "Sendungsnummer {v}.",
        "Der Auftrag {v} wurde storniert.",
    ],
    "it": [
        "Il tuo ordine {v} è stato spedito.",
        "La fattura n. {v} è stata pagata.",
        "Numero di spedizione {v}.",
        "L'ordine {v} è stato annullato.",
    ],
}
