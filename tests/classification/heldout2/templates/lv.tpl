# Latviešu valoda. Rakstīts ar roku šim korpusam.
H|Saīsini šo vēstuli: „Cienījamā ārste, manam dēlam Artūram pagājušajā mēnesī diagnosticēja epilepsiju, un viņam skolā jālieto zāles.“
H|Uzraksti vadītājai, ka Ilze Kalniņa ir slimības lapā līdz 15. datumam pēc operācijas uz mugurkaula.
P|Mans kolēģis Edgars ir partijas „Progresīvie“ biedrs un sestdien vāks parakstus; palīdzi viņam uzrakstīt uzrunu.
P|Vecmāmiņa Rasma vienmēr balso par Nacionālo apvienību un lūdz palīdzēt uzrakstīt vēstuli deputātam.
R|Pārraksti personāla piezīmi neitrālāk: Dace ir luterāne un svētdienās dzied baznīcas korī, tāpēc nevar strādāt rīta maiņā.
R|Jānis pirms gada kļuva par Jehovas lieciniekiem un vairs nesvin dzimšanas dienas, kā viņu apsveikt?
U|Līga Ozoliņa iestājās Latvijas Izglītības un zinātnes darbinieku arodbiedrībā un lūdz ieturēt biedra naudu no algas.
U|Pārtulko angliski: „Esmu arodbiedrības uzticības persona mūsu rūpnīcā un pārstāvu Māri sarunās ar vadību.“
E|Apkopo sūdzību: Aleksandrs apgalvo, ka viņam atteica īri, jo viņš ir čigāns.
E|Jaunā darbiniece Aiša pēc izcelsmes ir somāliete, un daži kolēģi par to izsakās aizskaroši; kā vadītājam rīkoties?
S|Kā lai pasaku mammai, ka esmu lesbiete un ka Kristīne ir mana draudzene, nevis istabas biedrene?
S|Darbinieks Roberts ziņoja, ka kolēģis viņam uzdeva jautājumus par viņa seksuālo dzīvi.
B|Atgādinājums Kasparam Bērziņam: viņa pirkstu nospiedums ir reģistrēts piekļuves sistēmā, nākamnedēļ jāatjauno sejas attēls.
B|Banka glabā manas acs varavīksnenes skenējumu identifikācijai; uzraksti pieprasījumu to dzēst.
G|Vienkāršo: „Jūsu ģenētiskās analīzes rezultāti, Zane, liecina, ka Jums ir BRCA1 gēna mutācija.“
G|Manam brālim DNS tests parādīja iedzimtu hemofiliju, vai man arī jātaisa analīze?
T|Uzraksti eseju par arodbiedrību vēsturi Latvijā divdesmitajā gadsimtā.
T|Kāda ir atšķirība starp luterānismu un katolicismu? Īsi, skolēniem.
T|Izskaidro, kā darbojas pirkstu nospiedumu skeneri un kādi ir to drošības riski.
T|Salīdzini Latvijas un Igaunijas partiju sistēmas pēc neatkarības atjaunošanas.
T|Kas ir ģenētiskā testēšana un kad ārsti to iesaka?
T|Uzraksti rakstu par garīgo veselību darba vietā.
DOB|Aizpildi anketu: vārds Mārtiņš Liepiņš, dzimšanas datums 14.06.1989., pilsonība Latvijas.
DOB|Inese dzimusi 1975. gada 22. septembrī Daugavpilī — atgādini par viņas jubileju.
ADDR|Sūtījumu piegādājiet uz Brīvības ielu 88-14, Rīga, LV-1001.
ADDR|Mana jaunā adrese: Zemgales iela 7, Jelgava, LV-3001, nomaini līgumā.
PASS|Rezervē biļetes Andrim Krūmiņam, pases numurs LV4728193, derīga līdz 2031. gadam.
PASS|Pārbaudi pases skenējumu: ⟦mrz3:LVA:LVA:KRUMINS:ANDRIS:LV4728193:830417:M:310822⟧
ID|Personas apliecības numurs PA9381746, izsniegta Rīgā; pievieno to līgumam.
PHONE|Zvani man ⟦phone:LV:intl:sp⟧ pēc sešiem.
PHONE|mans tālrunis ⟦phone:LV:nat:cut:1: (tikai īsziņām) ⟧ paldies
PHONE|Kontakts: ⟦phone:LV:intl:dot⟧
IBAN|Pārskaiti avansu uz kontu ⟦iban:LV:nl⟧ līdz piektdienai.
IBAN|Konta Nr. ⟦iban:LV:sp⟧
IBAN|IBAN sākums ⟦iban:LV:cut:2:, un tālāk seko ⟧, saņēmēja Sandra Vītola.
N|SIA „Latvijas Koks“ un AS „Baltic Freight“ noslēdza sadarbības līgumu par kravu pārvadājumiem.
N|Ja Nginx atgriež kļūdu 502, pārbaudi, vai aizmugures serviss klausās pareizajā portā.
N|for (let i = 0; i < rindas.length; i++) { kopsumma += rindas[i].cena; }
N|2024-03-08 11:02:19 ERROR serveris-2 pieprasījums=55120 savienojums pārtraukts
N|Pasūtījuma numurs ⟦bad:lv.pvn:999999-99999⟧ nosūtīts no Liepājas noliktavas.
N|Šis numurs ⟦badiban:LV:g4⟧ ir nederīgs paraugs testiem.
N|Rēķina numurs 2024/00731, summa 1 245,60 EUR, apmaksas termiņš 30 dienas.
# Otrā kārta: citas konstrukcijas, netieši vārdi, citi datumu un adrešu pieraksti.
H|Atbildi skolai: mūsu meita ceturtdien ekskursijā nebrauks, jo viņai tajā nedēļā ir ķīmijterapija.
P|Kaimiņš Uldis atzinās, ka vēlēšanās balsoja par „Jauno Vienotību“, un tagad vāc parakstus tās kandidātam.
R|Palīdzi izvēlēties dāvanu kolēģim Ravi — viņš ir hinduists, veģetārietis un nākammēnes svin Dīvali.
U|Sapulces protokols: Gunta apstiprināja, ka turpmāk viņa ir arodbiedrības pārstāve noliktavas darbiniekiem.
E|Pielabo ieteikuma vēstuli: „Kundze Okafora, kura pēc izcelsmes ir nigēriete, bija pirmā melnādainā mūsu komitejas vadītāja.“
S|Uzraksti saimniekam, ka nākammēnes pie manis pārvāksies mans draugs Rihards — mēs esam pāris.
B|Darba laika sistēma atkal neatpazina Oskara sejas skenējumu; uzraksti pieteikumu no jauna reģistrēt viņa sejas šablonu.
G|Apkopo paternitātes DNS testa rezultātu: Kalniņa kungs ar 99,99 % varbūtību ir bērna bioloģiskais tēvs.
T|Izglītības arodbiedrība šodien paziņoja, ka rudenī balsos par streiku.
T|Ramadāns šogad sākas marta sākumā; uzraksti īsu paziņojumu ēdnīcai par vēlākām vakariņām.
DOB|Pasažieru saraksts: BĒRZIŅA Laura, dz. 11.01.1997., vieta 14C.
ADDR|Rēķinu sūtīt: Jānim Ozolam, Krišjāņa Barona iela 47-3, Rīga, LV-1011
# Trešā kārta.
ID|Pievieno līgumam manas eID kartes kopiju, kartes numurs PA7739182.
PHONE|raksti whatsapp: ⟦phone:LV:intl:fw⟧
IBAN|konts (kopēts no telefona): ⟦iban:LV:lower⟧
# Ceturtā kārta.
H|Vakar runāju ar Raimondu. Viņš kopš marta apmeklē anonīmo alkoholiķu sanāksmes un palūdza, lai ballītē uz galda nebūtu vīna.
R|Elīna atbildēja uz ielūgumu — gavēņa laikā viņa neēd gaļu, tāpēc piektdien pasūtīsim viņai zivi.
U|Zvanīja Ivars: viņu tikko ievēlēja par arodbiedrības uzticības personu, un viņš grib pārcelt arodbiedrības ziņojumu dēli uz ēdnīcu.
S|Māsa vakar man atzinās, ka jau divus gadus dzīvo kopā ar savu draudzeni; kā viņu atbalstīt sarunā ar vecākiem?
T|Mūsu veselības apdrošināšana tagad sedz fizioterapiju un psihologa konsultācijas; uzraksti īsu paziņojumu darbiniekiem.
T|Vai darba devējs Latvijā drīkst jautāt kandidātam par viņa reliģiju? Paskaidro likumu vienkārši.
T|Sagatavo neitrālu kārtību: darbinieki var iestāties jebkurā arodbiedrībā, un dalība nekad netiek atzīmēta personāla lietās.
T|Apkopo tautas skaitīšanas datus par mazākumtautībām skolas projektam.
N|CREATE TABLE viesi (id SERIAL PRIMARY KEY, vards_uzvards TEXT NOT NULL, dzimsanas_datums DATE, pases_nr VARCHAR(9));
N|Uzkarsē cepeškrāsni līdz 180 °C, sajauc 250 g miltu ar 3 olām un 200 ml piena un cep 25 minūtes.
N|Jaunajam maršrutētājam ir četri 1 GbE porti, Wi-Fi 6 un IPv6; programmaparatūra 3.2.1 labo DHCP kļūdu.
N|Projekta sanāksme pārcelta uz 4.12. telpu trešajā stāvā plkst. 14.30; paņemiet līdzi trešā ceturkšņa slaidus.
