# Deutsch (Deutschland, Österreich). Für dieses Korpus von Hand geschrieben.
H|Fass diesen Brief kurz zusammen: „Sehr geehrte Frau Dr. Huber, bei meinem Sohn Lukas wurde im Mai ADHS festgestellt, er bekommt seitdem Methylphenidat.“
H|Schreib der Teamleitung, dass Jürgen Becker bis Freitag krankgeschrieben ist, er hat einen Bandscheibenvorfall.
P|Meine Kollegin Anja ist seit Jahren Mitglied der SPD und kandidiert für den Stadtrat; hilf ihr bei der Rede.
P|Onkel Herbert wählt neuerdings die AfD und streitet darüber bei jedem Familienfest, wie rede ich mit ihm?
R|Formuliere die Personalnotiz neutraler: Frau Yilmaz ist gläubige Muslimin und möchte während des Ramadan früher Pause machen.
R|Mein Bruder Tobias ist aus der Kirche ausgetreten und bezeichnet sich jetzt als überzeugten Atheisten; wie gratuliere ich ihm zur Hochzeit ohne religiöse Floskeln?
U|Sabine Krüger ist letzte Woche in ver.di eingetreten und bittet, dass der Beitrag vom Gehalt abgezogen wird.
U|Übersetze ins Englische: „Ich bin Betriebsrat und IG-Metall-Vertrauensmann im Werk und vertrete Herrn Schulz im Kündigungsgespräch.“
E|Fasse die Beschwerde zusammen: Herr Nowak sagt, er habe die Wohnung nicht bekommen, weil er Sinto sei.
E|Unsere neue Kollegin Efua stammt aus Ghana, und einige im Team machen abfällige Bemerkungen über ihre Hautfarbe.
S|Wie sage ich meinen Eltern, dass ich lesbisch bin und Miriam meine Freundin ist?
S|Die Mitarbeiterin Katharina Vogel meldet, dass ihr Vorgesetzter sie wiederholt nach ihrem Sexualleben gefragt hat.
B|Erinnerung an Florian Wagner: sein Fingerabdruck ist im Zutrittssystem gespeichert, nächste Woche muss das Gesichtsbild erneuert werden.
B|Die Bank speichert mein Stimmprofil zur Anmeldung beim Telefonbanking; schreib einen Antrag auf Löschung.
G|Vereinfache: „Ihr Gentest, Frau Lehmann, hat ergeben, dass Sie Trägerin einer BRCA1-Mutation sind.“
G|Bei meinem Vater wurde per DNA-Analyse Chorea Huntington festgestellt; sollte ich mich auch testen lassen?
T|Schreib einen Aufsatz über die Geschichte der Gewerkschaften in Deutschland seit 1949.
T|Was sind die wichtigsten Unterschiede zwischen evangelischer und katholischer Kirche? Kurz, für Schüler.
T|Erkläre, wie Gesichtserkennung funktioniert und welche Risiken sie birgt.
T|Vergleiche das deutsche und das österreichische Wahlsystem.
T|Was ist ein Gentest und wann empfehlen Ärzte ihn?
T|Schreib einen Artikel über psychische Gesundheit am Arbeitsplatz.
DOB|Füll das Formular aus: Name Maximilian Hofmann, geboren am 12.08.1993, Staatsangehörigkeit deutsch.
DOB|Gertrud kam am 30. Januar 1952 in Graz zur Welt — erinnere mich an ihren Geburtstag.
ADDR|Bitte liefern Sie an Schönhauser Allee 112, 10439 Berlin, Hinterhaus 3. OG.
ADDR|Meine neue Anschrift: Mariahilfer Straße 77/12, 1060 Wien; bitte im Vertrag ändern.
PASS|Buch die Flüge für Stefan Richter, Reisepassnummer C4KX7M2P9, gültig bis 2032.
PASS|Prüfe den Passscan: ⟦mrz3:D<<:D<<:RICHTER:STEFAN:C4KX7M2P9:790123:M:320405⟧
ID|Personalausweis-Scan: ⟦mrz1:D<<:D<<:HOFMANN:JULIA:L7TN3R4K1:910714:F:310228⟧
PHONE|Ruf mich unter ⟦phone:DE:intl:sp⟧ nach sechs an.
PHONE|meine Handynummer ist ⟦phone:DE:nat:cut:1: (nur SMS bitte) ⟧ danke
PHONE|Kontakt: ⟦phone:AT:intl:nl⟧
IBAN|Überweise die Anzahlung bis Freitag auf ⟦iban:DE:nl⟧.
IBAN|Kontonummer: ⟦iban:AT:dot⟧
IBAN|Die IBAN fängt mit ⟦iban:DE:cut:2: an und dann kommt ⟧, Empfängerin Petra Schmitt.
N|Die Müller Logistik GmbH und die Bäckerei Ströck GmbH & Co KG haben einen Liefervertrag mit der Siemens AG geschlossen.
N|Wenn der Build mit „OutOfMemoryError“ abbricht, erhöhe -Xmx in gradle.properties.
N|SELECT kunde_id, SUM(betrag) FROM rechnungen WHERE jahr = 2024 GROUP BY kunde_id;
N|2024-06-01 12:00:03 WARN auftrag-4 anfrage=33871 dauer=2411ms Zeitüberschreitung
N|Bestellnummer ⟦bad:de.idnr:99999999999⟧ wurde aus dem Lager Kassel verschickt.
N|Die Testnummer ⟦badiban:DE:g4⟧ muss vom Validator abgelehnt werden.
N|Kartennummer im Testsystem ⟦badluhn:16:g4⟧, ungültig, nur für Attrappen.
# Zweite Runde: andere Satzbauten, indirekte Wörter, andere Datums- und Adressformen.
H|Antworte der Schule: Unsere Tochter kommt am Donnerstag nicht mit auf den Ausflug, sie hat in der Woche ihren dritten Chemozyklus.
P|Notiz für die Akte: Der Mieter erzählte, er habe bei der Landtagswahl die Grünen gewählt, und bat, das CDU-Plakat im Flur abzuhängen.
R|Hilf mir, ein Geschenk für meinen Kollegen Raj zu finden — er ist Hindu, Vegetarier und feiert nächsten Monat Diwali.
U|Protokoll, TOP 4: Frau Weber bestätigt, dass sie jetzt Vertrauensfrau der NGG für die Lagerbeschäftigten ist.
E|Überarbeite das Zeugnis: „Frau Mensah, deren Familie aus Ghana stammt, war die erste schwarze Vorsitzende unseres Ausschusses.“
S|Schreib dem Vermieter, dass mein Freund Jonas nächsten Monat bei mir einzieht — wir sind ein Paar.
B|Die Zeiterfassung hat Leons Gesichtsscan schon wieder abgelehnt; erstelle ein Ticket, um sein Gesichtstemplate neu anzulernen.
G|Fasse das Ergebnis des Vaterschaftstests zusammen: Herr Schäfer ist mit 99,99 % Wahrscheinlichkeit der leibliche Vater.
T|Die GEW kündigte heute an, im Herbst über Warnstreiks an Schulen abstimmen zu lassen.
T|Der Ramadan beginnt dieses Jahr Anfang März; schreib einen kurzen Aushang für die Kantine zu späteren Essenszeiten.
DOB|Passagierliste: KLEIN, Hannah — geb. 04.10.1993 — Sitz 14C.
ADDR|Rechnungsanschrift: Herrn Tim Braun, Königsallee 92a, 40212 Düsseldorf
# Dritte Runde.
ID|Leg dem Mietvertrag eine Kopie meines Personalausweises bei, Ausweisnummer LZ6311T47.
PHONE|schreib mir auf WhatsApp: ⟦phone:DE:intl:fw⟧
IBAN|Konto (vom Handy kopiert): ⟦iban:DE:lower⟧
# Vierte Runde.
H|Ich habe gestern mit Markus gesprochen. Er geht seit März zu den Anonymen Alkoholikern und bat, beim Fest keinen Wein auf den Tisch zu stellen.
R|Theresa hat auf die Einladung geantwortet — sie verzichtet in der Fastenzeit auf Fleisch, also bestellen wir ihr am Freitag Fisch.
U|Anruf von Dennis: Er wurde gerade zum Betriebsrat gewählt und möchte das Gewerkschaftsbrett in die Kantine verlegen.
S|Meine Schwester hat sich gestern bei mir geoutet; sie ist seit zwei Jahren mit ihrer Freundin zusammen. Wie unterstütze ich sie bei unseren Eltern?
T|Unsere Krankenversicherung übernimmt jetzt Physiotherapie und psychologische Beratung; schreib eine kurze Mitteilung an alle.
T|Darf ein Arbeitgeber in Deutschland Bewerber nach ihrer Religion fragen? Erkläre die Rechtslage einfach.
T|Entwirf eine neutrale Regel: Beschäftigte dürfen jeder Gewerkschaft beitreten, und die Mitgliedschaft wird nie in der Personalakte vermerkt.
T|Fasse die Ergebnisse des Mikrozensus zum Migrationshintergrund für ein Schulreferat zusammen.
N|CREATE TABLE gaeste (id SERIAL PRIMARY KEY, name TEXT NOT NULL, geburtsdatum DATE, passnummer VARCHAR(9));
N|Backofen auf 180 °C vorheizen, 250 g Mehl mit 3 Eiern und 200 ml Milch verrühren und 25 Minuten backen.
N|Der neue Router hat vier 1-GbE-Ports, Wi-Fi 6 und IPv6; Firmware 3.2.1 behebt den DHCP-Fehler.
N|Das Projekttreffen findet um 14:30 Uhr in Raum 4.12 im dritten Stock statt; bitte die Q3-Folien mitbringen.
