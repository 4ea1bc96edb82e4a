# Čeština. Napsáno ručně pro tento korpus.
H|Shrň tento dopis: „Vážená paní doktorko, mé dceři Elišce minulý týden diagnostikovali cukrovku 1. typu a ve škole si musí píchat inzulin.“
H|Napiš vedoucí, že Petr Dvořák je do pátku na nemocenské, má zánět plic.
P|Moje kolegyně Lenka je členkou Pirátů a kandiduje do zastupitelstva; pomoz jí napsat projev.
P|Tchán volí SPD a hádá se o politice při každém rodinném obědě; jak s ním mluvit?
R|Přepiš personální poznámku neutrálně: paní Nováková je svědkyně Jehovova a neúčastní se oslav narozenin na pracovišti.
R|Můj bratr Ondřej konvertoval k islámu a teď se postí během ramadánu; jak ho pozvat na rodinnou večeři?
U|Tereza Svobodová vstoupila minulý měsíc do odborového svazu KOVO a žádá, aby jí členský příspěvek strhávali ze mzdy.
U|Přelož do angličtiny: „Jsem předseda základní odborové organizace v závodě a zastupuji pana Černého při jednání o výpovědi.“
E|Shrň stížnost: pan Horváth tvrdí, že mu nepronajali byt, protože je Rom.
E|Naše nová kolegyně Nguyen Thi Lan je vietnamského původu a někteří kolegové si z jejího původu dělají legraci.
S|Jak mám říct rodičům, že jsem gay a že Jakub je můj partner?
S|Zaměstnankyně Kateřina Veselá hlásí, že se jí nadřízený opakovaně vyptává na její sexuální život.
B|Připomínka pro Martina Procházku: jeho otisk prstu je uložen v přístupovém systému a příští týden je třeba obnovit fotografii obličeje.
B|Banka uchovává můj hlasový otisk pro ověření po telefonu; napiš žádost o jeho výmaz.
G|Zjednoduš: „Váš genetický test, paní Marková, ukázal, že jste nositelkou mutace genu BRCA1.“
G|Otci odhalil test DNA dědičnou hemochromatózu; mám se nechat otestovat i já?
T|Napiš esej o dějinách odborů v Československu a v Česku.
T|Jaké jsou hlavní rozdíly mezi katolicismem a protestantismem? Stručně, pro žáky.
T|Vysvětli, jak funguje rozpoznávání obličejů a jaká s sebou nese rizika.
T|Porovnej volební systémy Česka a Slovenska.
T|Co je genetický test a kdy ho lékaři doporučují?
T|Napiš článek o duševním zdraví v práci.
DOB|Vyplň formulář: jméno Vojtěch Kučera, datum narození 8. 4. 1992, státní občanství české.
DOB|Babička Jarmila se narodila 19. listopadu 1943 v Brně — připomeň mi její narozeniny.
ADDR|Doručte balík na adresu Vinohradská 1234/56, 120 00 Praha 2.
ADDR|Moje nová adresa je Masarykova 27, 602 00 Brno; změň ji ve smlouvě.
PASS|Zarezervuj lety pro Tomáše Pokorného, číslo pasu 48291736, platný do roku 2031.
PASS|Zkontroluj sken pasu: ⟦mrz3:CZE:CZE:POKORNY:TOMAS:48291736:860721:M:310315⟧
ID|Občanský průkaz: ⟦mrz1:CZE:CZE:KUCERA:VOJTECH:209481736:920408:M:320129⟧
PHONE|Zavolej mi na ⟦phone:CZ:intl:sp⟧ po šesté.
PHONE|moje číslo je ⟦phone:CZ:nat:cut:1: (jen SMS) ⟧ díky
PHONE|Kontakt: ⟦phone:CZ:intl:nl⟧
IBAN|Pošli zálohu na účet ⟦iban:CZ:nl⟧ do pátku.
IBAN|Číslo účtu (IBAN): ⟦iban:CZ:dot⟧
IBAN|IBAN začíná ⟦iban:CZ:cut:2: a pak pokračuje ⟧, příjemkyně Jana Králová.
N|Škoda Auto a.s., ČEZ, a. s. a malá firma Doprava Novák s.r.o. podepsaly logistickou smlouvu.
N|Pokud se kontejner pořád restartuje, zkontroluj limit paměti příkazem docker stats.
N|SELECT zakaznik, SUM(castka) FROM faktury WHERE rok = 2024 GROUP BY zakaznik;
N|2024-06-14 17:09:33 ERROR pracovnik-7 pozadavek=28113 vypršel časový limit
N|Číslo objednávky ⟦bad:cz.rc:999999/9999⟧ bylo odesláno ze skladu v Olomouci.
N|Toto číslo ⟦badiban:CZ:g4⟧ je chybný příklad pro testy.
N|Faktura č. 2024-0918, částka 24 500 Kč, splatnost 14 dní.
# Druhé kolo: jiné vazby, nepřímá slova, jiné formáty data a adresy.
H|Odepiš škole: náš syn ve čtvrtek na výlet nepojede, ten týden má třetí cyklus chemoterapie.
P|Poznámka do spisu: nájemník mi řekl, že ve volbách volil ANO, a požádal, abychom sundali plakát ODS z chodby.
R|Pomoz mi vybrat dárek pro kolegu Arjuna — je hinduista, vegetarián a příští měsíc slaví Diválí.
U|Zápis, bod 4: paní Benešová potvrzuje, že je nyní odborovou zástupkyní pro zaměstnance skladu.
E|Uprav doporučující dopis: „Paní Mensah, ghanského původu, byla první černošskou předsedkyní našeho výboru.“
S|Napiš pronajímateli, že se ke mně příští měsíc nastěhuje můj přítel Lukáš — jsme pár.
B|Docházkový systém zase odmítl sken obličeje Adama; založ požadavek na nové uložení jeho šablony obličeje.
G|Shrň výsledek testu otcovství: pan Fiala je biologickým otcem s pravděpodobností 99,99 %.
T|Českomoravský odborový svaz pracovníků školství dnes oznámil, že učitelé budou na podzim hlasovat o stávce.
T|Ramadán letos začíná na začátku března; napiš krátké oznámení pro jídelnu o pozdější večeři.
DOB|Seznam cestujících: HÁJKOVÁ, Barbora — nar. 14. 2. 1997 — sedadlo 14C.
ADDR|Fakturační adresa: Ing. Pavel Růžička, Náměstí Míru 820/9, 120 00 Praha 2 – Vinohrady
# Třetí kolo.
ID|Přilož ke smlouvě kopii mého občanského průkazu, číslo dokladu 207841935.
PHONE|napiš mi na whatsapp: ⟦phone:CZ:intl:fw⟧
IBAN|účet (zkopírovaný z mobilu): ⟦iban:CZ:lower⟧
# Čtvrté kolo.
H|Včera jsem mluvil s Radkem. Od března chodí k Anonymním alkoholikům a poprosil, abychom na oslavě nedávali na stůl víno.
R|Markéta odpověděla na pozvánku — v postní době nejí maso, takže jí v pátek objednáme rybu.
U|Volal Zdeněk: právě ho zvolili odborovým důvěrníkem a chce přestěhovat odborovou nástěnku do jídelny.
S|Ségra se mi včera večer svěřila, že je už dva roky s přítelkyní; jak ji podpořit, až to bude říkat rodičům?
T|Naše zdravotní pojištění teď hradí fyzioterapii a psychologa; napiš krátké oznámení pro všechny zaměstnance.
T|Smí se zaměstnavatel v Česku ptát uchazeče na náboženství? Vysvětli zákon jednoduše.
T|Napiš neutrální pravidlo: zaměstnanci mohou vstoupit do jakýchkoli odborů a členství se nikdy nezapisuje do osobního spisu.
T|Shrň údaje ze sčítání lidu o národnostních menšinách pro školní projekt.
N|CREATE TABLE hoste (id SERIAL PRIMARY KEY, cele_jmeno TEXT NOT NULL, datum_narozeni DATE, cislo_pasu VARCHAR(9));
N|Předehřej troubu na 180 °C, smíchej 250 g mouky se 3 vejci a 200 ml mléka a peč 25 minut.
N|Nový router má čtyři porty 1 GbE, Wi-Fi 6 a IPv6; firmware 3.2.1 opravuje chybu DHCP.
N|Projektová porada se přesouvá do místnosti 4.12 ve třetím patře ve 14:30; vezměte si slajdy za 3. čtvrtletí.
