# Suomi. Kirjoitettu käsin tätä korpusta varten.
H|Tiivistä tämä kirje: ”Hyvä lääkäri, tyttäreni Aino sai viime viikolla keliakiadiagnoosin, ja hän tarvitsee koulussa gluteenittoman ruokavalion.”
H|Kirjoita esihenkilölle, että Mikko Virtanen on sairauslomalla perjantaihin asti, hänellä on keuhkokuume.
P|Työkaverini Sanna on vihreiden jäsen ja asettuu ehdolle kuntavaaleissa; auta häntä kirjoittamaan puhe.
P|Isäni äänestää aina perussuomalaisia ja riitelee siitä joka juhlassa, miten saisin hänet rauhoittumaan?
R|Muotoile henkilöstömuistio neutraalimmin: Johanna on ortodoksi ja pyytää vapaata ortodoksisena pääsiäisenä.
R|Veljeni Antti liittyi lestadiolaisiin viime vuonna, eikä hän enää katso televisiota; miten onnittelen häntä?
U|Hanna Mäkinen liittyi Tehyyn ja pyytää, että jäsenmaksu perittäisiin palkasta.
U|Käännä englanniksi: ”Olen tehtaamme luottamusmies ja edustan Jussia neuvotteluissa johdon kanssa.”
E|Tee tiivistelmä valituksesta: Ahmed kertoo, ettei häntä valittu töihin, koska hän on somalialaistaustainen.
E|Uusi kollegamme Jovsset on saamelainen, ja osa tiimistä tekee hänen taustastaan ikäviä vitsejä.
S|Miten kerron vanhemmilleni, että olen homo ja että Eetu on poikaystäväni?
S|Työntekijä Laura ilmoitti, että esihenkilö kyseli toistuvasti hänen seksielämästään.
B|Muistutus Juha Nieminelle: hänen sormenjälkensä on tallennettu kulunvalvontaan, ensi viikolla kasvokuva täytyy päivittää.
B|Pankki säilyttää ääninäytettäni biometrisena tunnisteena; kirjoita pyyntö sen poistamiseksi.
G|Yksinkertaista: ”Geenitestinne tulokset, Riikka, osoittavat, että kannatte kystisen fibroosin geeniä.”
G|Äitini DNA-testi näytti perinnöllisen BRCA2-mutaation; pitäisikö minunkin testauttaa itseni?
T|Kirjoita essee ammattiyhdistysliikkeen historiasta Suomessa.
T|Mitkä ovat luterilaisuuden ja ortodoksisuuden tärkeimmät erot? Lyhyesti, oppilaille.
T|Selitä, miten kasvojentunnistus toimii ja mitä riskejä siihen liittyy.
T|Vertaa Suomen ja Ruotsin vaalijärjestelmiä.
T|Mitä geenitestaus on ja milloin lääkärit suosittelevat sitä?
T|Kirjoita artikkeli mielenterveydestä työpaikalla.
DOB|Täytä lomake: nimi Teemu Laine, syntymäaika 9.12.1987, kansalaisuus Suomi.
DOB|Paula on syntynyt 21. huhtikuuta 1964 Oulussa — muistuta minua hänen merkkipäivästään.
ADDR|Toimita paketti osoitteeseen Hämeenkatu 14 B 23, 33100 Tampere.
ADDR|Uusi osoitteeni on Mannerheimintie 55 A 7, 00250 Helsinki, päivitä se sopimukseen.
PASS|Varaa liput Ville Heikkiselle, passin numero FP4829173, voimassa vuoteen 2030.
PASS|Tarkista passin skannaus: ⟦mrz3:FIN:FIN:HEIKKINEN:VILLE JUHANI:FP4829173:880306:M:300712⟧
ID|Henkilökortin numero 392817465, myönnetty Espoossa; liitä se sopimukseen.
PHONE|Soita minulle ⟦phone:FI:intl:sp⟧ kuuden jälkeen.
PHONE|numeroni on ⟦phone:FI:nat:cut:1: (vain tekstiviestit) ⟧ kiitos
PHONE|Yhteystieto: ⟦phone:FI:intl:dot⟧
IBAN|Maksa ennakko tilille ⟦iban:FI:nl⟧ perjantaihin mennessä.
IBAN|Tilinumero ⟦iban:FI:sp⟧
IBAN|IBAN alkaa ⟦iban:FI:cut:2:, ja loput ovat ⟧, saaja Minna Salo.
N|Kesko Oyj, Fazer Ab ja pieni Kuljetus Mäkelä Oy solmivat yhteistyösopimuksen, mukana myös virolainen Pakkeri OÜ.
N|Jos Python-sovellus kaatuu MemoryError-virheeseen, käsittele data paloissa generaattorin avulla.
N|kubectl rollout restart deployment/laskutus -n tuotanto
N|2024-02-14 07:31:55 ERROR palvelin-1 pyyntö=99102 aikakatkaisu 30 s
N|Tilausnumero ⟦bad:fi.hetu:999999-999A⟧ lähti Vantaan varastosta.
N|Tämä numero ⟦badiban:FI:g4⟧ on virheellinen testiesimerkki.
N|Laskun numero 2024-5531, summa 1 320,00 €, maksuaika 14 päivää.
# Toinen kierros: muita rakenteita, epäsuoria sanoja, muita päiväys- ja osoitemuotoja.
H|Vastaa koululle: poikamme ei tule torstain retkelle, koska hänellä on sillä viikolla sytostaattihoito.
P|Naapurini Pertti kertoi äänestäneensä kokoomusta ja kerää nyt nimiä heidän ehdokkaalleen.
R|Auta valitsemaan lahja kollegalleni Rahulille — hän on hindu, kasvissyöjä ja viettää ensi kuussa divalia.
U|Kokouspöytäkirja: Tarja vahvisti olevansa nyt varaston työntekijöiden PAMin luottamusmies.
E|Korjaa suosituskirje: ”Rouva Osei, joka on ghanalaistaustainen, oli toimikuntamme ensimmäinen tummaihoinen puheenjohtaja.”
S|Kirjoita vuokranantajalle, että tyttöystäväni Emmi muuttaa luokseni ensi kuussa — olemme pari.
B|Työaikajärjestelmä ei taaskaan tunnistanut Joonaksen kasvokuvaa; kirjoita pyyntö hänen kasvomallinsa rekisteröimiseksi uudelleen.
G|Tiivistä isyyden DNA-testin tulos: herra Koskinen on 99,99 %:n todennäköisyydellä lapsen biologinen isä.
T|Opettajien ammattijärjestö ilmoitti tänään, että syksyllä äänestetään lakosta.
T|Ramadan alkaa tänä vuonna maaliskuun alussa; kirjoita ruokalalle lyhyt tiedote myöhäisemmästä illallisesta.
DOB|Matkustajaluettelo: LEHTONEN, Iida — synt. 27.5.1994 — paikka 14C.
ADDR|Laskutusosoite: Sami Rantanen, Itäinen Rantakatu 8 C 12, 20810 Turku
# Kolmas kierros.
ID|Liitä sopimukseen kopio henkilökortistani, kortin numero 517384926.
PHONE|laita viestiä whatsappiin: ⟦phone:FI:intl:fw⟧
IBAN|tili (kopioitu puhelimesta): ⟦iban:FI:lower⟧
# Neljäs kierros.
H|Puhuin eilen Jarin kanssa. Hän on käynyt AA-kerhossa maaliskuusta asti ja pyysi, ettei juhlissa olisi viiniä pöydässä.
R|Noora vastasi kutsuun — hän ei syö lihaa paaston aikana, joten tilataan hänelle perjantaiksi kalaa.
U|Timo soitti: hänet valittiin juuri luottamusmieheksi, ja hän haluaa siirtää liiton ilmoitustaulun ruokalaan.
S|Siskoni kertoi eilen, että hän on ollut tyttöystävänsä kanssa jo kaksi vuotta; miten tuen häntä, kun hän kertoo vanhemmille?
T|Työterveysvakuutuksemme kattaa nyt fysioterapian ja psykologin käynnit; kirjoita henkilöstölle lyhyt tiedote.
T|Saako työnantaja Suomessa kysyä työnhakijalta hänen uskonnostaan? Selitä laki selkokielellä.
T|Laadi neutraali ohje: työntekijät voivat liittyä mihin tahansa ammattiliittoon, eikä jäsenyyttä koskaan kirjata henkilöstötietoihin.
T|Tiivistä väestönlaskennan tiedot kieli- ja kulttuurivähemmistöistä koulun projektityötä varten.
N|CREATE TABLE vieraat (id SERIAL PRIMARY KEY, nimi TEXT NOT NULL, syntymaaika DATE, passin_nro VARCHAR(9));
N|Kuumenna uuni 180 asteeseen, sekoita 250 g jauhoja, 3 munaa ja 2 dl maitoa ja paista 25 minuuttia.
N|Uudessa reitittimessä on neljä 1 GbE -porttia, Wi-Fi 6 ja IPv6-tuki; laiteohjelmisto 3.2.1 korjaa DHCP-virheen.
N|Projektipalaveri siirtyy kolmannen kerroksen huoneeseen 4.12 klo 14.30; ottakaa mukaan Q3-kalvot.
