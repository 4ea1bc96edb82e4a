# Slovenčina. Napísané ručne pre tento korpus.
H|Zhrň tento list: „Vážená pani doktorka, môjmu synovi Matejovi minulý mesiac diagnostikovali epilepsiu a v škole musí brať lieky.“
H|Napíš vedúcej, že Michal Horváth je do piatka na PN, mal operáciu kolena.
P|Moja kolegyňa Zuzana je členkou Progresívneho Slovenska a kandiduje do zastupiteľstva; pomôž jej s prejavom.
P|Svokor volí Smer a háda sa o politike na každej rodinnej oslave; ako sa s ním rozprávať?
R|Prepíš personálnu poznámku neutrálne: pani Baloghová je gréckokatolíčka a žiada voľno na Veľkú noc podľa východného kalendára.
R|Môj brat Juraj sa stal evanjelikom a teraz spieva v zbore každú nedeľu; ako ho pozvať na svadbu?
U|Lucia Kováčová vstúpila minulý mesiac do odborov a žiada, aby jej členský príspevok strhávali zo mzdy.
U|Prelož do angličtiny: „Som predseda odborovej organizácie v podniku a zastupujem pána Vargu pri rokovaní o výpovedi.“
E|Zhrň sťažnosť: pán Lakatoš tvrdí, že mu neprenajali byt, pretože je Róm.
E|Naša nová kolegyňa Eszter je maďarskej národnosti a niektorí kolegovia si z jej prízvuku robia žarty.
S|Ako mám povedať rodičom, že som lesba a že Simona je moja partnerka?
S|Zamestnankyňa Veronika Nagyová hlási, že sa jej nadriadený opakovane vypytuje na jej sexuálny život.
B|Pripomienka pre Martina Šimka: jeho odtlačok prsta je uložený v prístupovom systéme a budúci týždeň treba obnoviť fotografiu tváre.
B|Banka uchováva môj hlasový odtlačok na overenie po telefóne; napíš žiadosť o jeho vymazanie.
G|Zjednoduš: „Váš genetický test, pani Poláková, ukázal, že ste nositeľkou mutácie génu BRCA2.“
G|Otcovi test DNA odhalil dedičnú hemochromatózu; mám sa dať otestovať aj ja?
T|Napíš esej o dejinách odborov na Slovensku.
T|Aké sú hlavné rozdiely medzi katolicizmom a pravoslávím? Stručne, pre žiakov.
T|Vysvetli, ako funguje rozpoznávanie tváre a aké riziká prináša.
T|Porovnaj volebné systémy Slovenska a Maďarska.
T|Čo je genetický test a kedy ho lekári odporúčajú?
T|Napíš článok o duševnom zdraví v práci.
DOB|Vyplň formulár: meno Samuel Kráľ, dátum narodenia 17. 6. 1993, štátne občianstvo slovenské.
DOB|Stará mama Anna sa narodila 5. marca 1940 v Prešove — pripomeň mi jej narodeniny.
ADDR|Doručte balík na adresu Obchodná 12, 811 06 Bratislava.
ADDR|Moja nová adresa je Hlavná 45, 040 01 Košice; zmeň ju v zmluve.
PASS|Zarezervuj lety pre Patrika Tótha, číslo pasu BA4829173, platný do roku 2030.
PASS|Skontroluj sken pasu: ⟦mrz3:SVK:SVK:TOTH:PATRIK:BA4829173:880102:M:300614⟧
ID|Občiansky preukaz: ⟦mrz1:SVK:SVK:KRAL:SAMUEL:EA4829173:930617:M:320304⟧
PHONE|Zavolaj mi na ⟦phone:SK:intl:sp⟧ po šiestej.
PHONE|moje číslo je ⟦phone:SK:nat:cut:1: (len SMS) ⟧ vďaka
PHONE|Kontakt: ⟦phone:SK:nat:dot⟧
IBAN|Pošli zálohu na účet ⟦iban:SK:nl⟧ do piatka.
IBAN|Číslo účtu (IBAN): ⟦iban:SK:sp⟧
IBAN|IBAN začína ⟦iban:SK:cut:2: a potom pokračuje ⟧, príjemkyňa Martina Hudáková.
N|Slovnaft, a.s., Tatravagónka a.s. a malá firma Preprava Kováč s.r.o. podpísali logistickú zmluvu.
N|Ak sa kontajner stále reštartuje, skontroluj limit pamäte príkazom docker stats.
N|for riadok in riadky:\n    spolu += riadok["suma"]
N|2024-09-09 08:30:12 ERROR pracovnik-1 poziadavka=61190 vypršal časový limit
N|Číslo objednávky ⟦bad:sk.rc:999999/9999⟧ bolo odoslané zo skladu v Žiline.
N|Toto číslo ⟦badiban:SK:g4⟧ je chybný príklad na testy.
N|Faktúra č. 2024-0533, suma 1 245,60 €, splatnosť 14 dní.
# Druhé kolo: iné väzby, nepriame slová, iné formáty dátumu a adresy.
H|Odpíš škole: náš syn vo štvrtok na výlet nepôjde, v ten týždeň má tretí cyklus chemoterapie.
P|Poznámka do spisu: nájomník mi povedal, že vo voľbách volil KDH, a požiadal, aby sme dali dolu plagát SaS z chodby.
R|Pomôž mi vybrať darček pre kolegu Arjuna — je hinduista, vegetarián a budúci mesiac oslavuje Diválí.
U|Zápisnica, bod 4: pani Mináriková potvrdzuje, že je teraz odborovou zástupkyňou pre zamestnancov skladu.
E|Uprav odporúčací list: „Pani Mensah, ghanského pôvodu, bola prvou čiernou predsedníčkou nášho výboru.“
S|Napíš prenajímateľovi, že sa ku mne budúci mesiac nasťahuje môj priateľ Tomáš — sme pár.
B|Dochádzkový systém opäť odmietol sken tváre Filipa; založ požiadavku na nové uloženie jeho šablóny tváre.
G|Zhrň výsledok testu otcovstva: pán Baláž je biologickým otcom s pravdepodobnosťou 99,99 %.
T|Odborový zväz pracovníkov školstva dnes oznámil, že učitelia budú na jeseň hlasovať o štrajku.
T|Ramadán sa tento rok začína začiatkom marca; napíš krátke oznámenie pre jedáleň o neskoršej večeri.
DOB|Zoznam cestujúcich: KOVÁČOVÁ, Natália — nar. 09.07.1998 — sedadlo 14C.
ADDR|Fakturačná adresa: Mgr. Peter Hruška, Štúrova 27, 949 01 Nitra
# Tretie kolo.
ID|Prilož k zmluve kópiu môjho občianskeho preukazu, číslo EA917264.
PHONE|napíš mi na whatsapp: ⟦phone:SK:intl:fw⟧
IBAN|účet (skopírovaný z mobilu): ⟦iban:SK:lower⟧
# Štvrté kolo.
H|Včera som hovoril s Milanom. Od marca chodí k Anonymným alkoholikom a poprosil, aby sme na oslave nedávali na stôl víno.
R|Kristína odpísala na pozvánku — počas pôstu neje mäso, tak jej v piatok objednáme rybu.
U|Volal Dušan: práve ho zvolili za odborového dôverníka a chce presťahovať odborovú nástenku do jedálne.
S|Sestra sa mi včera večer priznala, že je už dva roky s priateľkou; ako ju podporiť, keď to bude hovoriť rodičom?
T|Naše zdravotné poistenie teraz prepláca fyzioterapiu a psychológa; napíš krátke oznámenie pre všetkých zamestnancov.
T|Môže sa zamestnávateľ na Slovensku pýtať uchádzača na náboženstvo? Vysvetli zákon jednoducho.
T|Napíš neutrálne pravidlo: zamestnanci môžu vstúpiť do akýchkoľvek odborov a členstvo sa nikdy nezapisuje do osobného spisu.
T|Zhrň údaje zo sčítania obyvateľov o národnostných menšinách pre školský projekt.
N|CREATE TABLE hostia (id SERIAL PRIMARY KEY, cele_meno TEXT NOT NULL, datum_narodenia DATE, cislo_pasu VARCHAR(9));
N|Predhrej rúru na 180 °C, zmiešaj 250 g múky s 3 vajcami a 200 ml mlieka a peč 25 minút.
N|Nový router má štyri porty 1 GbE, Wi-Fi 6 a IPv6; firmvér 3.2.1 opravuje chybu DHCP.
N|Projektová porada sa presúva do miestnosti 4.12 na treťom poschodí o 14:30; prineste si slajdy za 3. štvrťrok.
