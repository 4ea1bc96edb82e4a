# Polski. Napisane ręcznie na potrzeby tego korpusu.
H|Streść ten list: „Szanowna Pani Doktor, u mojej córki Zuzanny w zeszłym tygodniu zdiagnozowano cukrzycę typu 1 i w szkole musi przyjmować insulinę.”
H|Napisz do kierowniczki, że Krzysztof Wiśniewski jest na zwolnieniu lekarskim do piątku, bo ma zapalenie płuc.
P|Moja koleżanka Agnieszka od lat należy do Platformy Obywatelskiej i kandyduje do rady miasta; pomóż jej napisać przemówienie.
P|Teść głosuje na Konfederację i kłóci się o politykę przy każdym obiedzie; jak z nim rozmawiać?
R|Przeredaguj notatkę kadrową neutralnie: pani Kowalczyk jest świadkiem Jehowy i nie uczestniczy w firmowych imieninach.
R|Mój brat Paweł przeszedł na prawosławie i teraz obchodzi Boże Narodzenie 7 stycznia; jak złożyć mu życzenia?
U|Katarzyna Lewandowska zapisała się w zeszłym miesiącu do „Solidarności” i prosi o potrącanie składki związkowej z pensji.
U|Przetłumacz na angielski: „Jestem przewodniczącym związku zawodowego w zakładzie i reprezentuję pana Zielińskiego w sprawie zwolnienia.”
E|Streść skargę: pan Kwiek twierdzi, że nie wynajęto mu mieszkania, bo jest Romem.
E|Nasza nowa koleżanka Mariam pochodzi z Erytrei i niektórzy żartują z koloru jej skóry; co powinien zrobić kierownik?
S|Jak powiedzieć rodzicom, że jestem gejem i że Michał to mój partner?
S|Pracownica Magdalena Wójcik zgłasza, że przełożony wypytuje ją o życie intymne.
B|Przypomnienie dla Tomasza Kamińskiego: jego odcisk palca jest zapisany w systemie kontroli dostępu, w przyszłym tygodniu trzeba zaktualizować zdjęcie twarzy.
B|Bank przechowuje mój odcisk głosu do logowania przez telefon; napisz wniosek o jego usunięcie.
G|Uprość: „Badanie genetyczne wykazało, że jest Pani, Pani Ewo, nosicielką mutacji w genie BRCA1.”
G|U mojego ojca badanie DNA wykazało dziedziczną hemochromatozę; czy ja też powinnam się zbadać?
T|Napisz wypracowanie o historii związków zawodowych w Polsce od 1980 roku.
T|Jakie są główne różnice między katolicyzmem a prawosławiem? Krótko, dla uczniów.
T|Wyjaśnij, jak działa rozpoznawanie twarzy i jakie niesie ryzyko.
T|Porównaj systemy wyborcze Polski i Czech.
T|Czym jest badanie genetyczne i kiedy lekarze je zalecają?
T|Napisz artykuł o zdrowiu psychicznym w pracy.
DOB|Wypełnij formularz: imię i nazwisko Bartosz Mazur, data urodzenia 23.05.1991, obywatelstwo polskie.
DOB|Babcia Halina urodziła się 14 lutego 1947 r. w Lublinie — przypomnij mi o jej urodzinach.
ADDR|Proszę dostarczyć paczkę na ul. Marszałkowską 84/92 m. 15, 00-514 Warszawa.
ADDR|Mój nowy adres to os. Piastowskie 12/34, 61-163 Poznań; zmień go w umowie.
PASS|Zarezerwuj loty dla Jakuba Nowaka, numer paszportu EK4829173, ważny do 2031 r.
PASS|Sprawdź skan paszportu: ⟦mrz3:POL:POL:NOWAK:JAKUB:EK4829173:900427:M:310918⟧
ID|Dowód osobisty: ⟦mrz1:POL:POL:MAZUR:ALEKSANDRA:DBK472918:970112:F:320730⟧
PHONE|Zadzwoń do mnie pod ⟦phone:PL:intl:sp⟧ po szóstej.
PHONE|mój numer to ⟦phone:PL:nat:cut:1: (tylko SMS) ⟧ dzięki
PHONE|Kontakt: ⟦phone:PL:nat:dot⟧
IBAN|Przelej zaliczkę na konto ⟦iban:PL:nl⟧ do piątku.
IBAN|Numer rachunku: ⟦iban:PL:sp⟧
IBAN|IBAN zaczyna się od ⟦iban:PL:cut:2:, a dalej jest ⟧, odbiorca Joanna Pawlak.
N|Orlen S.A., Budimex SA i mała firma Trans-Pol Sp. z o.o. podpisały umowę logistyczną.
N|Jeśli kontener ciągle się restartuje, sprawdź limit pamięci poleceniem docker stats.
N|SELECT klient, SUM(kwota) FROM faktury WHERE rok = 2024 GROUP BY klient;
N|2024-11-05 15:33:21 ERROR pracownik-8 zadanie=41221 przekroczono limit czasu
N|Numer zamówienia ⟦bad:pl.pesel:99999999999⟧ wysłano z magazynu w Łodzi.
N|Ten numer ⟦badiban:PL:g4⟧ to błędny przykład do testów.
N|Numer karty w środowisku testowym ⟦badluhn:16:g4⟧ nie przechodzi walidacji.
# Druga runda: inne konstrukcje, słowa pośrednie, inne formaty dat i adresów.
H|Odpisz szkole: nasz syn nie pojedzie w czwartek na wycieczkę, bo w tym tygodniu ma trzeci cykl chemii.
P|Notatka do akt: najemca powiedział, że w wyborach głosował na Lewicę, i poprosił o zdjęcie plakatu PiS z klatki schodowej.
R|Pomóż mi wybrać prezent dla kolegi Arjuna — jest hinduistą, wegetarianinem i w przyszłym miesiącu obchodzi Diwali.
U|Protokół, punkt 4: pani Dąbrowska potwierdza, że jest teraz przedstawicielką OPZZ dla pracowników magazynu.
E|Popraw list polecający: „Pani Mensah, z pochodzenia Ghanijka, była pierwszą czarnoskórą przewodniczącą naszego komitetu.”
S|Napisz do właściciela mieszkania, że w przyszłym miesiącu wprowadza się do mnie mój chłopak Kacper — jesteśmy parą.
B|System rejestracji czasu pracy znowu odrzucił skan twarzy Igora; załóż zgłoszenie o ponowne zapisanie jego wzorca twarzy.
G|Streść wynik testu na ojcostwo: pan Kaczmarek jest ojcem biologicznym z prawdopodobieństwem 99,99%.
T|Związek Nauczycielstwa Polskiego ogłosił dziś, że jesienią nauczyciele zagłosują w sprawie strajku.
T|Ramadan zaczyna się w tym roku na początku marca; napisz krótkie ogłoszenie dla stołówki o późniejszej kolacji.
DOB|Lista pasażerów: WRÓBEL, Julia — ur. 01.09.1998 — miejsce 14C.
ADDR|Dane do faktury: Pan Adam Sikora, ul. Długa 17/4, 80-831 Gdańsk
# Trzecia runda.
ID|Dołącz do umowy kopię mojego dowodu osobistego, seria i numer ZAB 512873.
PHONE|napisz na whatsappie: ⟦phone:PL:intl:fw⟧
IBAN|konto (skopiowane z telefonu): ⟦iban:PL:lower⟧
# Czwarta runda.
H|Wczoraj rozmawiałem z Łukaszem. Od marca chodzi na mityngi Anonimowych Alkoholików i poprosił, żeby na imprezie nie było wina na stole.
R|Karolina odpisała na zaproszenie — w Wielkim Poście nie je mięsa, więc w piątek zamówimy dla niej rybę.
U|Dzwonił Grzegorz: właśnie wybrali go na społecznego inspektora pracy z ramienia związku i chce przenieść tablicę związkową do stołówki.
S|Siostra wczoraj wieczorem wyznała mi, że od dwóch lat jest z dziewczyną; jak ją wspierać w rozmowie z rodzicami?
T|Nasze ubezpieczenie zdrowotne obejmuje teraz fizjoterapię i psychologa; napisz krótki komunikat dla pracowników.
T|Czy pracodawca w Polsce może pytać kandydata o wyznanie? Wyjaśnij przepisy prostym językiem.
T|Przygotuj neutralny regulamin: pracownicy mogą wstąpić do dowolnego związku zawodowego, a członkostwo nigdy nie jest odnotowywane w aktach.
T|Streść dane ze spisu powszechnego o mniejszościach narodowych i etnicznych do projektu szkolnego.
N|CREATE TABLE goscie (id SERIAL PRIMARY KEY, imie_nazwisko TEXT NOT NULL, data_urodzenia DATE, nr_paszportu VARCHAR(9));
N|Rozgrzej piekarnik do 180 °C, wymieszaj 250 g mąki z 3 jajkami i 200 ml mleka, piecz 25 minut.
N|Nowy router ma cztery porty 1 GbE, Wi-Fi 6 i obsługę IPv6; oprogramowanie 3.2.1 naprawia błąd DHCP.
N|Spotkanie projektowe przeniesiono do sali 4.12 na trzecim piętrze o 14:30; proszę zabrać slajdy za III kwartał.
