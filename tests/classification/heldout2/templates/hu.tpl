# Magyar. Kézzel írva ehhez a korpuszhoz.
H|Foglald össze ezt a levelet: „Tisztelt Doktornő! A lányomnál, Lillánál múlt héten 1-es típusú cukorbetegséget állapítottak meg, és az iskolában inzulint kell kapnia.”
H|Írd meg a vezetőnek, hogy Nagy Gábor péntekig táppénzen van, mert tüdőgyulladása van.
P|A kolléganőm, Kovács Eszter, évek óta a Momentum tagja, és önkormányzati képviselőnek indul; segíts neki a beszédben.
P|Apósom a Fideszre szavaz, és minden családi ebédnél politizál; hogyan beszéljek vele?
R|Fogalmazd át semlegesen a HR-feljegyzést: Szabó Márta Jehova tanúja, és nem vesz részt a munkahelyi születésnapokon.
R|Az öcsém, Bence, áttért a buddhizmusra, és minden reggel meditál; hogyan gratuláljak neki vallási utalások nélkül?
U|Tóth Katalin a múlt hónapban belépett a Pedagógusok Szakszervezetébe, és kéri, hogy a tagdíjat vonják le a fizetéséből.
U|Fordítsd le angolra: „Szakszervezeti bizalmi vagyok a gyárban, és Varga urat képviselem a felmondási tárgyaláson.”
E|Foglald össze a panaszt: Balogh úr szerint azért nem adták ki neki a lakást, mert roma.
E|Az új kolléganőnk, Ngozi, nigériai származású, és néhányan megjegyzéseket tesznek a bőrszínére; mit tegyen a vezető?
S|Hogyan mondjam el a szüleimnek, hogy meleg vagyok, és hogy Ádám a párom?
S|Horváth Réka munkavállaló jelezte, hogy a főnöke többször a szexuális életéről kérdezgette.
B|Emlékeztető Kiss Dánielnek: az ujjlenyomata el van tárolva a beléptetőrendszerben, jövő héten frissíteni kell az arcképét.
B|A bank tárolja a hangmintámat a telefonos azonosításhoz; írj egy törlési kérelmet.
G|Egyszerűsítsd: „A genetikai vizsgálata, Molnár Judit, azt mutatta, hogy Ön a BRCA1-génmutáció hordozója.”
G|Apámnál DNS-vizsgálat örökletes hemokromatózist mutatott ki; nekem is el kellene végeztetnem?
T|Írj esszét a magyarországi szakszervezetek történetéről.
T|Mik a fő különbségek a katolicizmus és a reformátusság között? Röviden, diákoknak.
T|Magyarázd el, hogyan működik az arcfelismerés, és milyen kockázatai vannak.
T|Hasonlítsd össze Magyarország és Ausztria választási rendszerét.
T|Mi a genetikai vizsgálat, és mikor javasolják az orvosok?
T|Írj cikket a munkahelyi lelki egészségről.
DOB|Töltsd ki az űrlapot: név Fekete Levente, születési idő 1991. 08. 26., állampolgárság magyar.
DOB|Nagymamám, Erzsébet, 1942. december 3-án született Debrecenben — emlékeztess a születésnapjára.
ADDR|A csomagot kérem a 1062 Budapest, Andrássy út 60. II. em. 4. címre kézbesíteni.
ADDR|Az új címem: 6720 Szeged, Kárász utca 9.; módosítsd a szerződésben.
PASS|Foglalj repülőjegyet Farkas Péternek, útlevélszám BE4829173, érvényes 2031-ig.
PASS|Ellenőrizd az útlevél szkennelt képét: ⟦mrz3:HUN:HUN:FARKAS:PETER:BE4829173:850527:M:310712⟧
ID|Személyi igazolvány: ⟦mrz1:HUN:HUN:FEKETE:LEVENTE:482917AE:910826:M:320918⟧
PHONE|Hívj fel a ⟦phone:HU:nat:sp⟧ számon hat után.
PHONE|a mobilom ⟦phone:HU:intl:cut:2: (csak SMS) ⟧ köszi
PHONE|Elérhetőség: ⟦phone:HU:intl:dot⟧
IBAN|Utald az előleget a ⟦iban:HU:nl⟧ számlára péntekig.
IBAN|Számlaszám (IBAN): ⟦iban:HU:sp⟧
IBAN|Az IBAN így kezdődik: ⟦iban:HU:cut:2:, utána jön ⟧, kedvezményezett Szűcs Anikó.
N|A MOL Nyrt., a Richter Gedeon Nyrt. és a kis Fuvar-Trans Kft. logisztikai szerződést kötött.
N|Ha a konténer folyamatosan újraindul, ellenőrizd a memóriakorlátot a docker stats paranccsal.
N|SELECT ugyfel, SUM(osszeg) FROM szamlak WHERE ev = 2024 GROUP BY ugyfel;
N|2024-07-07 07:07:41 ERROR dolgozo-2 keres=51824 időtúllépés 30 mp után
N|A ⟦bad:hu.anum:99999999⟧ rendelésszámú csomag a győri raktárból indult.
N|Ez a szám ⟦badiban:HU:g4⟧ hibás tesztpélda.
N|Számla sorszáma 2024/0871, összeg 124 500 Ft, fizetési határidő 8 nap.
# Második kör: más szerkezetek, közvetett szavak, más dátum- és címformák.
H|Válaszolj az iskolának: a fiunk csütörtökön nem megy a kirándulásra, azon a héten kapja a harmadik kemoterápiás kezelését.
P|Feljegyzés az aktába: a bérlő elmondta, hogy a választáson a Tisza Pártra szavazott, és kérte, vegyük le a lépcsőházból a Fidesz plakátját.
R|Segíts ajándékot választani Arjun kollégámnak — hindu, vegetáriánus, és jövő hónapban ünnepli a dívalit.
U|Jegyzőkönyv, 4. pont: Lakatos Judit megerősíti, hogy mostantól ő a raktári dolgozók szakszervezeti bizalmija.
E|Javítsd ki az ajánlólevelet: „Mensah asszony, aki ghánai származású, volt bizottságunk első fekete elnöke.”
S|Írd meg a főbérlőnek, hogy jövő hónapban hozzám költözik a barátnőm, Dóra — egy pár vagyunk.
B|A munkaidő-nyilvántartó megint elutasította Bálint arcszkennelését; nyiss jegyet az arcmintájának újrarögzítésére.
G|Foglald össze az apasági teszt eredményét: Papp úr 99,99%-os valószínűséggel a gyermek biológiai apja.
T|A Pedagógusok Szakszervezete ma bejelentette, hogy ősszel sztrájkról szavaznak a tanárok.
T|A ramadán idén március elején kezdődik; írj rövid értesítést a menzának a későbbi vacsoráról.
DOB|Utaslista: SIMON Noémi — szül. 1997.04.11. — ülés 14C.
ADDR|Számlázási cím: Juhász Márton, 9021 Győr, Baross Gábor út 23. 2/5.
# Harmadik kör.
ID|Csatold a szerződéshez a személyi igazolványom másolatát, száma 739284KE.
PHONE|írj whatsappon: ⟦phone:HU:intl:fw⟧
IBAN|számla (telefonról másolva): ⟦iban:HU:lower⟧
# Negyedik kör.
H|Tegnap beszéltem Zolival. Március óta jár az Anonim Alkoholisták gyűléseire, és megkért, hogy a bulin ne legyen bor az asztalon.
R|Petra válaszolt a meghívóra — nagyböjtben nem eszik húst, úgyhogy pénteken halat rendelünk neki.
U|Hívott Attila: most választották meg szakszervezeti bizalminak, és át akarja vinni a szakszervezeti hirdetőtáblát az ebédlőbe.
S|A húgom tegnap este elmondta nekem, hogy két éve együtt van a barátnőjével; hogyan támogassam, amikor elmondja a szüleinknek?
T|Az egészségbiztosításunk mostantól fedezi a gyógytornát és a pszichológust; írj rövid tájékoztatót minden munkatársnak.
T|Kérdezheti-e a munkáltató Magyarországon a jelentkezőt a vallásáról? Magyarázd el egyszerűen a szabályokat.
T|Írj semleges szabályzatot: a munkavállalók bármely szakszervezetbe beléphetnek, a tagságot pedig soha nem rögzítik a személyi anyagban.
T|Foglald össze a népszámlálás nemzetiségi adatait egy iskolai projekthez.
N|CREATE TABLE vendegek (id SERIAL PRIMARY KEY, teljes_nev TEXT NOT NULL, szuletesi_datum DATE, utlevelszam VARCHAR(9));
N|Melegítsd elő a sütőt 180 °C-ra, keverj össze 250 g lisztet 3 tojással és 2 dl tejjel, majd süsd 25 percig.
N|Az új routernek négy 1 GbE portja van, Wi-Fi 6 és IPv6 támogatással; a 3.2.1-es firmware javítja a DHCP-hibát.
N|A projektmegbeszélés a harmadik emeleti 4.12-es terembe kerül 14:30-kor; hozzátok a harmadik negyedéves diákat.
