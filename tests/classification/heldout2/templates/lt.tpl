# Lietuvių kalba. Parašyta ranka šiam rinkiniui.
H|Sutrumpink šį laišką: „Gerbiama daktare, mano dukrai Gabijai praeitą savaitę nustatyta astma, jai reikia inhaliatoriaus per kūno kultūros pamokas.“
H|Parašyk darbdaviui, kad Tomas Žukauskas serga plaučių uždegimu ir iki kito penktadienio turi nedarbingumo pažymėjimą.
P|Aurelija Stankevičiūtė jau penkeri metai yra Tėvynės sąjungos narė ir ruošiasi kandidatuoti į savivaldybės tarybą, padėk jai parašyti kalbą.
P|Mano vyras Darius balsuos už socialdemokratus ir nuolat ginčijasi apie tai su kaimynais, kaip jį nuraminti?
R|Pataisyk personalo pastabą: Marija Kazlauskaitė prašo laisvos dienos per Velykas, nes ji yra giliai tikinti katalikė ir gieda bažnyčios chore.
R|Jonas prieš metus perėjo į stačiatikybę ir dabar laikosi visų pasninkų, todėl per įmonės vakarėlį mėsos nevalgys.
U|Rimantė Jankauskienė įstojo į Lietuvos švietimo darbuotojų profesinę sąjungą ir prašo, kad jos mokestis būtų išskaičiuojamas iš algos.
U|Išversk į anglų: „Esu profsąjungos pirmininkas mūsų gamykloje ir atstovauju Vytautui derybose dėl atleidimo.“
E|Apibendrink skundą: Andrejus teigia, kad jo nepriėmė į darbą, nes jis yra romų kilmės, o ne dėl kvalifikacijos.
E|Mūsų naujoji kolegė Olena yra Krymo totorė, jos šeima iškeldinta iš Krymo; parašyk jai šiltą pasveikinimą.
S|Kaip pasakyti tėvams, kad esu gėjus ir gyvenu kartu su Mantu jau trejus metus?
S|Darbuotoja Ieva pranešė, kad vadovas klausinėjo apie jos intymų gyvenimą ir seksualinę orientaciją.
B|Priminimas Laurynui Petrauskui: jo piršto atspaudas įrašytas į įėjimo kontrolės sistemą, kitą savaitę reikės atnaujinti veido atvaizdą.
B|Bankas saugo mano balso įrašą kaip biometrinį slaptažodį – parašyk skundą, kad noriu jį ištrinti.
G|Supaprastink: „Jūsų genetinio tyrimo rezultatai rodo, kad Jūs, Gintare, esate cistinės fibrozės geno nešiotoja.“
G|Mano tėčiui atlikta DNR analizė parodė paveldimą hemochromatozę; ar man irgi reikia tirtis?
T|Parašyk rašinį apie profesinių sąjungų istoriją Lietuvoje po 1990 metų.
T|Kokie yra pagrindiniai krikščionybės ir budizmo skirtumai? Trumpai, mokiniams.
T|Paaiškink, kaip veikia veido atpažinimo technologija ir kokios jos rizikos.
T|Palygink proporcinę ir mažoritarinę rinkimų sistemas.
T|Kas yra genetinis tyrimas ir kada jį rekomenduoja gydytojai?
T|Parašyk straipsnį apie psichikos sveikatą darbo vietoje.
DOB|Užpildyk anketą: vardas Dovydas Paulauskas, gimimo data 1992-11-08, pilietybė Lietuvos.
DOB|Sigita gimė 1978 m. kovo 3 d. Kaune – primink man apie jos jubiliejų.
ADDR|Siuntinį pristatykite adresu Savanorių pr. 176-12, LT-03154 Vilnius.
ADDR|Mano naujas adresas: Taikos g. 45, Klaipėda, LT-91232, pakeisk sutartyje.
PASS|Užsakyk bilietus Egidijui Vaitkui, paso numeris 28461937, galioja iki 2030 m.
PASS|Patikrink, ar sutampa duomenys paso nuskaityme: ⟦mrz3:LTU:LTU:VAITKUS:EGIDIJUS:28461937:860529:M:300114⟧
ID|Asmens tapatybės kortelės nuskaitymas: ⟦mrz1:LTU:LTU:MILIAUSKIENE:RASA:31958264:750902:F:290418⟧
PHONE|Skambink man ⟦phone:LT:intl:sp⟧ vakare.
PHONE|mano telefonas ⟦phone:LT:intl:cut:2: (tik žinutėms) ⟧ ačiū
PHONE|Kontaktas: ⟦phone:LT:intl:nl⟧
IBAN|Pervesk avansą į sąskaitą ⟦iban:LT:nl⟧ iki penktadienio.
IBAN|Sąskaitos Nr. ⟦iban:LT:dot⟧
IBAN|IBAN pradžia ⟦iban:LT:cut:2:, o toliau eina ⟧, gavėja Jurgita Mockutė.
N|UAB „Baltijos logistika“ ir SIA „Rīgas Tekstils“ pasirašė bendradarbiavimo sutartį dėl sandėlių Kaune.
N|Jei Docker konteineris nuolat persikrauna, patikrink atminties limitą ir žurnalą su komanda docker logs.
N|SELECT vardas, COUNT(*) FROM uzsakymai WHERE data > '2024-01-01' GROUP BY vardas;
N|2024-05-12 08:13:44 WARN kaupiklis-3 užklausa=88213 trukmė=1532ms viršytas laukimo laikas
N|Užsakymo numeris ⟦bad:lt.asmens:39999999999⟧, prekės išsiųstos iš Šiaulių sandėlio.
N|Šis numeris ⟦badiban:LT:g4⟧ yra neteisingas pavyzdys testams.
N|Kortelės formos numeris ⟦badluhn:16:g4⟧ yra bandomasis ir netinka mokėjimui.
# Antras etapas: kitos konstrukcijos, netiesioginiai žodžiai, kitos datų ir adresų formos.
H|Atsakyk mokyklai: mūsų sūnus ketvirtadienį į ekskursiją nevyks, nes jam tą savaitę chemoterapija.
P|Kaimynas Algirdas prisipažino, kad per rinkimus balsavo už Laisvės partiją, ir dabar renka parašus jos kandidatui.
R|Padėk išrinkti dovaną kolegei Sarai – ji žydė, laikosi košerinės mitybos ir švenčia Chanuką.
U|Susirinkimo protokolas: Vilma patvirtino, kad nuo šiol ji yra profsąjungos atstovė sandėlio darbuotojams.
E|Pataisyk rekomendaciją: „Ponia Adebayo, kilusi iš Nigerijos, buvo pirmoji juodaodė mūsų komiteto pirmininkė.“
S|Parašyk šeimininkui, kad kitą mėnesį pas mane atsikrausto mano draugė Ugnė – esame pora.
B|Darbo laiko sistema vėl neatpažino Karolio veido skenavimo; parašyk užklausą iš naujo įrašyti jo veido šabloną.
G|Apibendrink tėvystės DNR testo rezultatą: ponas Baranauskas 99,99 % tikimybe yra biologinis vaiko tėvas.
T|Švietimo profesinės sąjungos šiandien paskelbė, kad rudenį balsuos dėl streiko.
T|Ramadanas šiais metais prasideda kovo pradžioje; parašyk trumpą pranešimą valgyklai apie vėlesnę vakarienę.
DOB|Keleivių sąrašas: JUCEVIČIŪTĖ Ona, gim. 1995-07-06, vieta 14C.
ADDR|Sąskaitą siųsti: p. Tomui Brazauskui, Kalvarijų g. 98-31, LT-08211 Vilnius
# Trečias etapas.
ID|Prie sutarties pridėk mano asmens tapatybės kortelės kopiją, kortelės Nr. 31829475.
PHONE|rašyk į viber: ⟦phone:LT:intl:fw⟧
IBAN|sąskaita (nukopijuota iš telefono): ⟦iban:LT:lower⟧
# Ketvirtas etapas.
H|Vakar kalbėjau su Mariumi. Jis nuo kovo lanko anoniminių alkoholikų susirinkimus ir paprašė, kad per vakarėlį ant stalo nebūtų vyno.
R|Ugnė atsakė į kvietimą – per gavėnią ji nevalgo mėsos, tai penktadienį jai užsakykime žuvies.
U|Skambino Petras: jį ką tik išrinko profsąjungos atstovu, ir jis nori, kad profsąjungos skelbimų lenta būtų perkelta į valgyklą.
S|Sesuo vakar man prisipažino, kad jau dvejus metus gyvena su drauge; kaip jai padėti pasikalbėti su tėvais?
T|Mūsų sveikatos draudimas dabar apmoka kineziterapiją ir psichologo konsultacijas; parašyk trumpą pranešimą darbuotojams.
T|Ar darbdavys Lietuvoje gali klausti kandidato apie jo religiją? Paaiškink įstatymą paprastai.
T|Parengk neutralią tvarką: darbuotojai gali stoti į bet kurią profesinę sąjungą, o narystė niekada nežymima personalo byloje.
T|Apibendrink gyventojų surašymo duomenis apie tautines mažumas mokykliniam projektui.
N|CREATE TABLE svečiai (id SERIAL PRIMARY KEY, vardas_pavarde TEXT NOT NULL, gimimo_data DATE, paso_nr VARCHAR(9));
N|Įkaitink orkaitę iki 180 °C, sumaišyk 250 g miltų su 3 kiaušiniais ir 200 ml pieno, kepk 25 minutes.
N|Naujas maršrutizatorius turi keturis 1 GbE prievadus, Wi-Fi 6 ir IPv6; programinė įranga 3.2.1 ištaiso DHCP klaidą.
N|Projekto susitikimas perkeltas į 4.12 kabinetą trečiame aukšte, 14.30 val.; atsineškite trečiojo ketvirčio skaidres.
