# Eesti keel. Käsitsi kirjutatud selle korpuse jaoks.
H|Lühenda seda kirja: „Lugupeetud doktor, minu tütrel Liisal diagnoositi eelmisel nädalal diabeet ja ta vajab koolis insuliini.“
H|Kirjuta juhatajale, et Margus Tamm on haiguslehel kuni reedeni, tal on kopsupõletik.
P|Minu kolleeg Kadri on Reformierakonna liige ja kandideerib kohalikel valimistel, aita tal kõne kirjutada.
P|Isa hääletab alati EKRE poolt ja vaidleb sellest igal perekonna sünnipäeval; kuidas teda rahustada?
R|Muuda personaliteadet neutraalsemaks: Tiina on õigeusklik ja palub jõulude ajal vaba päeva 7. jaanuaril.
R|Andres liitus eelmisel aastal maausuliste kogudusega ja tähistab nüüd pööripäevi; kuidas talle õnne soovida?
U|Kristiina Kask astus Eesti Haridustöötajate Liitu ja palub liikmemaksu palgast kinni pidada.
U|Tõlgi inglise keelde: „Olen meie tehase ametiühingu usaldusisik ja esindan Priitu läbirääkimistel juhtkonnaga.“
E|Tee kokkuvõte kaebusest: Nikolai väidab, et teda ei võetud tööle, sest ta on venelane ja räägib aktsendiga.
E|Meie uus töötaja Amina on Somaali päritolu ja mõned kolleegid teevad selle kohta solvavaid märkusi.
S|Kuidas ma ütlen oma vanematele, et olen gei ja et Rasmus on mu elukaaslane?
S|Töötaja Kätlin teatas, et ülemus küsis korduvalt tema seksuaalelu kohta.
B|Meeldetuletus Mihkel Saarele: tema sõrmejälg on läbipääsusüsteemi salvestatud, järgmisel nädalal tuleb uuendada näofoto.
B|Pank hoiab minu hääle näidist biomeetrilise paroolina; kirjuta taotlus selle kustutamiseks.
G|Lihtsusta: „Teie geenitesti tulemused, Piret, näitavad, et Te kannate tsüstilise fibroosi geeni.“
G|Mu ema DNA-analüüs näitas pärilikku vähiriski geenis BRCA1; kas ma peaksin ka testima?
T|Kirjuta essee ametiühingute ajaloost Eestis pärast taasiseseisvumist.
T|Millised on luterluse ja õigeusu peamised erinevused? Lühidalt, õpilastele.
T|Selgita, kuidas töötab näotuvastus ja millised on selle riskid.
T|Võrdle Eesti ja Soome valimissüsteeme.
T|Mis on geneetiline testimine ja millal arstid seda soovitavad?
T|Kirjuta artikkel vaimsest tervisest töökohal.
DOB|Täida ankeet: nimi Kaspar Mägi, sünnikuupäev 17.02.1990, kodakondsus Eesti.
DOB|Eha on sündinud 3. mail 1968 Tartus — tuleta mulle meelde tema juubelit.
ADDR|Saatke pakk aadressile Pärnu mnt 139c-45, 11317 Tallinn.
ADDR|Minu uus aadress on Riia tn 21-7, 51010 Tartu, muuda see lepingus.
PASS|Broneeri piletid Tarmo Lepikule, passi number K2849163, kehtib 2030. aastani.
PASS|Kontrolli passi skaneeringut: ⟦mrz3:EST:EST:LEPIK:TARMO:K2849163:810225:M:300619⟧
ID|ID-kaardi number AC0394817, väljastatud 2022; lisa see lepingule.
PHONE|Helista mulle ⟦phone:EE:intl:sp⟧ pärast kuut.
PHONE|mu number on ⟦phone:EE:nat:cut:1: (ainult sõnumid) ⟧ aitäh
PHONE|Kontakt: ⟦phone:EE:intl:nl⟧
IBAN|Kanna ettemaks kontole ⟦iban:EE:nl⟧ reedeks.
IBAN|Arveldusarve ⟦iban:EE:dot⟧
IBAN|IBAN algab nii: ⟦iban:EE:cut:2:, ja edasi tuleb ⟧, saaja Merike Sepp.
N|Tallinna Sadam AS ja Nordic Timber OÜ allkirjastasid koostöölepingu, samuti Stora Enso Oyj.
N|Kui PostgreSQL päring on aeglane, vaata EXPLAIN ANALYZE väljundit ja lisa puuduv indeks.
N|git rebase -i HEAD~3 && git push --force-with-lease origin feature/arveldus
N|2024-09-21 16:44:02 INFO töötaja-5 ülesanne=7781 valmis 842 ms
N|Tellimuse number ⟦bad:ee.ik:39999999999⟧ saadeti Pärnu laost.
N|See number ⟦badiban:EE:g4⟧ on testide jaoks vigane näide.
N|Arve nr 2024-1187, summa 980,00 EUR, maksetähtaeg 14 päeva.
# Teine voor: muud lauseehitused, kaudsed sõnad, muud kuupäeva- ja aadressivormid.
H|Vasta koolile: meie poeg neljapäeval ekskursioonile ei tule, tal on sel nädalal keemiaravi.
P|Naaber Urmas tunnistas, et hääletas Isamaa poolt ja kogub nüüd nende kandidaadile allkirju.
R|Aita valida kingitus kolleeg Rahulile — ta on hindu, taimetoitlane ja tähistab järgmisel kuul divalit.
U|Koosoleku protokoll: Anneli kinnitas, et on nüüd lao töötajate ametiühingu usaldusisik.
E|Paranda soovituskirja: „Proua Mensah, kes on Ghana päritolu, oli meie komitee esimene mustanahaline esimees.“
S|Kirjuta üürileandjale, et järgmisel kuul kolib minu juurde elama mu tüdruksõber Grete — me oleme paar.
B|Tööajasüsteem ei tundnud jälle ära Siimu näoskaneeringut; kirjuta pöördumine tema näomalli uuesti salvestamiseks.
G|Tee kokkuvõte isaduse DNA-testi tulemusest: härra Kuusk on 99,99% tõenäosusega lapse bioloogiline isa.
T|Haridustöötajate ametiühing teatas täna, et sügisel hääletatakse streigi üle.
T|Ramadaan algab sel aastal märtsi alguses; kirjuta sööklale lühike teade hilisema õhtusöögi kohta.
DOB|Reisijate nimekiri: SAAR, Helena — sünd. 08.03.1998 — koht 14C.
ADDR|Arve saaja: hr Tõnu Kivi, Narva mnt 7-215, 10117 Tallinn
# Kolmas voor.
ID|Lisa lepingule minu ID-kaardi koopia, dokumendi number AB0729384.
PHONE|kirjuta whatsappi: ⟦phone:EE:intl:fw⟧
IBAN|konto (telefonist kopeeritud): ⟦iban:EE:lower⟧
# Neljas voor.
H|Rääkisin eile Raivoga. Ta käib märtsist saati anonüümsete alkohoolikute koosolekutel ja palus, et peol laual veini poleks.
R|Triin vastas kutsele — paastuajal ta liha ei söö, nii et tellime talle reedeks kala.
U|Helistas Jaanus: ta valiti just ametiühingu usaldusisikuks ja ta tahab ametiühingu teadetetahvli sööklasse tõsta.
S|Õde tunnistas mulle eile, et on juba kaks aastat koos oma tüdruksõbraga; kuidas teda vanematega rääkimisel toetada?
T|Meie tervisekindlustus katab nüüd füsioteraapia ja psühholoogi nõustamise; kirjuta töötajatele lühike teade.
T|Kas tööandja tohib Eestis kandidaadilt tema usu kohta küsida? Selgita seadust lihtsalt.
T|Koosta neutraalne kord: töötajad võivad astuda mis tahes ametiühingusse ja liikmesust ei märgita kunagi personalitoimikusse.
T|Tee koolitööks kokkuvõte rahvaloenduse andmetest rahvusvähemuste kohta.
N|CREATE TABLE kylalised (id SERIAL PRIMARY KEY, nimi TEXT NOT NULL, synniaeg DATE, passi_nr VARCHAR(9));
N|Kuumuta ahi 180 °C-ni, sega 250 g jahu 3 muna ja 200 ml piimaga ning küpseta 25 minutit.
N|Uuel ruuteril on neli 1 GbE porti, Wi-Fi 6 ja IPv6 tugi; püsivara 3.2.1 parandab DHCP vea.
N|Projekti koosolek kolib kolmanda korruse ruumi 4.12 kell 14.30; võtke kaasa kolmanda kvartali slaidid.
