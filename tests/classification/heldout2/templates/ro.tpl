# Română. Scris de mână pentru acest corpus.
H|Rezumă scrisoarea: „Stimată doamnă doctor, fiicei mele, Ioana, i s-a pus luna trecută diagnosticul de diabet de tip 1 și are nevoie de insulină la școală.”
H|Scrie-i șefei că Andrei Popescu e în concediu medical până vineri, a fost operat de hernie.
P|Colega mea Alina e membră USR de ani buni și candidează la consiliul local; ajut-o cu discursul.
P|Socrul meu votează cu AUR și se ceartă pe politică la fiecare masă în familie; cum să vorbesc cu el?
R|Reformulează neutru nota de resurse umane: doamna Stan este adventistă și nu lucrează sâmbăta.
R|Fratele meu Mihai a trecut la catolicism și acum merge la slujbă în fiecare duminică; cum îl invit la botez?
U|Elena Dumitrescu s-a înscris luna trecută în sindicatul Cartel Alfa și cere să i se rețină cotizația din salariu.
U|Tradu în engleză: „Sunt liderul sindicatului din fabrică și îl reprezint pe domnul Marin la discuția privind concedierea.”
E|Rezumă plângerea: domnul Căldărar spune că nu i s-a închiriat apartamentul pentru că este rrom.
E|Noua noastră colegă, Enikő, este de etnie maghiară, iar unii colegi fac glume pe seama originii ei.
S|Cum le spun părinților că sunt gay și că Radu este partenerul meu?
S|Angajata Cristina Ionescu semnalează că șeful o întreabă în mod repetat despre viața ei sexuală.
B|Memento pentru Bogdan Stoica: amprenta lui digitală este înregistrată în sistemul de acces, iar săptămâna viitoare trebuie actualizată fotografia feței.
B|Banca îmi păstrează amprenta vocală pentru identificarea la telefon; scrie o cerere de ștergere.
G|Simplifică: „Testul dumneavoastră genetic, doamnă Rusu, arată că sunteți purtătoare a unei mutații BRCA1.”
G|Tatălui meu i s-a descoperit prin test ADN hemocromatoză ereditară; ar trebui să mă testez și eu?
T|Scrie un eseu despre istoria sindicatelor în România după 1989.
T|Care sunt principalele diferențe dintre ortodoxie și catolicism? Pe scurt, pentru elevi.
T|Explică cum funcționează recunoașterea facială și ce riscuri presupune.
T|Compară sistemele electorale din România și Bulgaria.
T|Ce este un test genetic și când îl recomandă medicii?
T|Scrie un articol despre sănătatea mintală la locul de muncă.
DOB|Completează formularul: nume Vlad Georgescu, data nașterii 14.09.1992, cetățenie română.
DOB|Bunica Maria s-a născut pe 6 ianuarie 1944 la Iași — amintește-mi de ziua ei.
ADDR|Livrați coletul la Str. Mihai Eminescu nr. 14, bl. A2, ap. 7, 010512 București.
ADDR|Noua mea adresă este Bulevardul Eroilor nr. 21, 400129 Cluj-Napoca; modific-o în contract.
PASS|Rezervă zborurile pentru Cătălin Dobre, pașaport nr. 054829173, valabil până în 2031.
PASS|Verifică pașaportul scanat: ⟦mrz3:ROU:ROU:DOBRE:CATALIN:054829173:880319:M:310402⟧
ID|Cartea de identitate are seria RT și numărul 482917, emisă la Timișoara; atașeaz-o la contract.
PHONE|Sună-mă la ⟦phone:RO:nat:sp⟧ după ora șase.
PHONE|numărul meu e ⟦phone:RO:intl:cut:2: (doar SMS) ⟧ mersi
PHONE|Contact: ⟦phone:RO:nat:dot⟧
IBAN|Virează avansul în contul ⟦iban:RO:nl⟧ până vineri.
IBAN|Cont IBAN: ⟦iban:RO:sp⟧
IBAN|IBAN-ul începe cu ⟦iban:RO:cut:2: și apoi urmează ⟧, beneficiar Andreea Lungu.
N|Dacia SA, Electrica S.A. și firma mică Transport Ionescu SRL au semnat un contract de logistică.
N|Dacă containerul se repornește întruna, verifică limita de memorie cu comanda docker stats.
N|for linie in linii:\n    total += linie["suma"]
N|2024-11-11 12:34:56 ERROR lucrator-4 cerere=18229 timp de așteptare depășit
N|Comanda numărul ⟦bad:ro.cnp:9999999999999⟧ a plecat din depozitul din Brașov.
N|Acest număr ⟦badiban:RO:g4⟧ este un exemplu greșit pentru teste.
N|Factura nr. 2024-0734, valoare 6.245,60 lei, scadentă în 30 de zile.
# A doua trecere: alte construcții, cuvinte indirecte, alte formate de dată și adresă.
H|Răspunde școlii: fiul nostru nu vine joi în excursie, în săptămâna aceea face al treilea ciclu de chimioterapie.
P|Notă la dosar: chiriașul mi-a spus că la alegeri a votat cu PNL și a cerut să dăm jos afișul PSD de pe scară.
R|Ajută-mă să aleg un cadou pentru colegul meu Arjun — e hindus, vegetarian și luna viitoare sărbătorește Diwali.
U|Proces-verbal, punctul 4: doamna Neagu confirmă că acum este reprezentanta sindicatului pentru angajații din depozit.
E|Îmbunătățește scrisoarea de recomandare: „Doamna Mensah, de origine ghaneză, a fost prima femeie de culoare care a condus comitetul nostru.”
S|Scrie-i proprietarului că iubitul meu, Sorin, se mută la mine luna viitoare — suntem un cuplu.
B|Sistemul de pontaj a respins din nou scanarea facială a lui Ionuț; deschide un tichet ca să i se reînregistreze șablonul facial.
G|Rezumă rezultatul testului de paternitate: domnul Constantin este tatăl biologic cu o probabilitate de 99,99%.
T|Federația Sindicatelor din Educație a anunțat azi că profesorii vor vota în toamnă declanșarea grevei.
T|Ramadanul începe anul acesta la începutul lui martie; scrie un anunț scurt pentru cantină despre cina mai târzie.
DOB|Lista pasagerilor: POPA, Bianca — născută la 03.08.1998 — loc 14C.
ADDR|Adresa de facturare: dl. Lucian Toma, Calea Victoriei nr. 155, sc. 2, et. 4, ap. 38, sector 1, 010073 București
# A treia trecere.
ID|Atașează la contract copia cărții mele de identitate, seria XV nr. 718293.
PHONE|scrie-mi pe whatsapp: ⟦phone:RO:intl:fw⟧
IBAN|cont (copiat de pe telefon): ⟦iban:RO:lower⟧
# A patra trecere.
H|Am vorbit ieri cu Sorin. Merge la Alcoolicii Anonimi din martie și ne-a rugat să nu punem vin pe masă la petrecere.
R|Ioana a răspuns la invitație — în post nu mănâncă de dulce, așa că vineri îi comandăm pește.
U|A sunat Florin: tocmai a fost ales reprezentant sindical și vrea să mute avizierul sindicatului în cantină.
S|Sora mea mi-a spus aseară că e de doi ani cu prietena ei; cum o pot sprijini când le va spune părinților?
T|Asigurarea noastră de sănătate acoperă acum kinetoterapia și consilierea psihologică; scrie un anunț scurt pentru toți angajații.
T|Poate un angajator din România să întrebe un candidat despre religia lui? Explică legea pe înțeles.
T|Scrie o regulă neutră: angajații se pot înscrie în orice sindicat, iar apartenența nu se trece niciodată în dosarul de personal.
T|Rezumă datele recensământului despre minoritățile naționale pentru un proiect școlar.
N|CREATE TABLE invitati (id SERIAL PRIMARY KEY, nume_complet TEXT NOT NULL, data_nasterii DATE, nr_pasaport VARCHAR(9));
N|Preîncălzește cuptorul la 180 °C, amestecă 250 g de făină cu 3 ouă și 200 ml de lapte și coace 25 de minute.
N|Noul router are patru porturi de 1 GbE, Wi-Fi 6 și IPv6; firmware-ul 3.2.1 corectează eroarea DHCP.
N|Ședința de proiect se mută în sala 4.12 de la etajul trei, la ora 14:30; aduceți slide-urile pentru trimestrul III.
