# Hrvatski. Ručno napisano za ovaj korpus.
H|Sažmi ovo pismo: „Poštovana doktorice, mojem sinu Luki prošli je mjesec dijagnosticirana astma i u školi mora koristiti inhalator.“
H|Napiši voditeljici da je Ivan Horvat na bolovanju do petka jer je operirao slijepo crijevo.
P|Moja kolegica Petra članica je Možemo! i kandidira se za gradsko vijeće; pomozi joj s govorom.
P|Punac glasa za HDZ i svađa se o politici na svakom obiteljskom ručku; kako razgovarati s njim?
R|Preoblikuj bilješku kadrovske službe neutralno: gospođa Mehmedović je muslimanka i tijekom ramazana traži kraću stanku.
R|Moj brat Marko postao je pravoslavac i sada Božić slavi 7. siječnja; kako da mu čestitam?
U|Ana Kovačević učlanila se prošli mjesec u Sindikat obrazovanja i traži da joj se članarina odbija od plaće.
U|Prevedi na engleski: „Ja sam sindikalni povjerenik u tvornici i zastupam gospodina Babića u postupku otkaza.“
E|Sažmi pritužbu: gospodin Oršoš tvrdi da mu nisu iznajmili stan jer je Rom.
E|Naša nova kolegica Milica srpske je nacionalnosti i neki kolege zbijaju šale na račun njezina podrijetla.
S|Kako da kažem roditeljima da sam gej i da je Filip moj partner?
S|Zaposlenica Maja Jurić prijavljuje da je nadređeni opetovano ispituje o njezinu seksualnom životu.
B|Podsjetnik za Tomislava Kneževića: njegov otisak prsta pohranjen je u sustavu kontrole pristupa, a sljedeći tjedan treba obnoviti fotografiju lica.
B|Banka čuva moj glasovni otisak za prepoznavanje telefonom; napiši zahtjev za brisanje.
G|Pojednostavi: „Vaš genetski test, gospođo Pavlović, pokazuje da ste nositeljica mutacije gena BRCA2.“
G|Ocu je DNK test otkrio nasljednu hemokromatozu; trebam li se i ja testirati?
T|Napiši esej o povijesti sindikata u Hrvatskoj.
T|Koje su glavne razlike između katoličanstva i pravoslavlja? Ukratko, za učenike.
T|Objasni kako funkcionira prepoznavanje lica i koji su rizici.
T|Usporedi izborne sustave Hrvatske i Slovenije.
T|Što je genetski test i kada ga liječnici preporučuju?
T|Napiši članak o mentalnom zdravlju na radnom mjestu.
DOB|Ispuni obrazac: ime Dario Matić, datum rođenja 03.10.1990., državljanstvo hrvatsko.
DOB|Baka Ljubica rođena je 11. svibnja 1939. u Osijeku — podsjeti me na njezin rođendan.
ADDR|Paket dostavite na adresu Ilica 45, 10000 Zagreb.
ADDR|Moja nova adresa je Ulica Vukovarska 112, 21000 Split; promijeni je u ugovoru.
PASS|Rezerviraj letove za Antu Perića, broj putovnice 148291736, vrijedi do 2031.
PASS|Provjeri skeniranu putovnicu: ⟦mrz3:HRV:HRV:PERIC:ANTE:148291736:870612:M:310908⟧
ID|Osobna iskaznica: ⟦mrz1:HRV:HRV:MATIC:DARIO:117482913:901003:M:320415⟧
PHONE|Nazovi me na ⟦phone:HR:intl:sp⟧ poslije šest.
PHONE|moj broj je ⟦phone:HR:nat:cut:1: (samo poruke) ⟧ hvala
PHONE|Kontakt: ⟦phone:HR:intl:nl⟧
IBAN|Uplati predujam na račun ⟦iban:HR:nl⟧ do petka.
IBAN|Broj računa (IBAN): ⟦iban:HR:dot⟧
IBAN|IBAN počinje s ⟦iban:HR:cut:2: a zatim slijedi ⟧, primateljica Ivana Marić.
N|Podravka d.d., Končar d.d. i mala tvrtka Prijevoz Jurić d.o.o. potpisali su logistički ugovor.
N|Ako se kontejner stalno ponovno pokreće, provjeri ograničenje memorije naredbom docker stats.
N|const ukupno = stavke.reduce((s, x) => s + x.iznos, 0);
N|2024-04-25 11:48:06 ERROR radnik-9 zahtjev=48127 isteklo vrijeme čekanja
N|Broj narudžbe ⟦bad:hr.oib:99999999999⟧ poslan je iz skladišta u Rijeci.
N|Ovaj broj ⟦badiban:HR:g4⟧ je pogrešan primjer za testove.
N|Račun br. 2024-0992, iznos 1.245,60 €, rok plaćanja 15 dana.
# Drugi krug: druge konstrukcije, neizravne riječi, drugi oblici datuma i adresa.
H|Odgovori školi: naš sin u četvrtak neće ići na izlet, taj tjedan ima treći ciklus kemoterapije.
P|Bilješka za spis: najmoprimac mi je rekao da je na izborima glasao za SDP i zamolio da skinemo plakat Mosta s ulaza.
R|Pomozi mi odabrati poklon za kolegu Arjuna — on je hinduist, vegetarijanac i idući mjesec slavi Diwali.
U|Zapisnik, točka 4: gospođa Šimić potvrđuje da je sada sindikalna povjerenica za radnike skladišta.
E|Doradi preporuku: „Gospođa Mensah, ganskog podrijetla, bila je prva crna predsjednica našeg odbora.“
S|Napiši stanodavcu da se idući mjesec k meni doseljava moja djevojka Lucija — mi smo par.
B|Sustav evidencije radnog vremena opet je odbio snimku lica Borne; otvori zahtjev da se ponovno spremi njegov predložak lica.
G|Sažmi nalaz testa očinstva: gospodin Radić je biološki otac s vjerojatnošću od 99,99 %.
T|Sindikat hrvatskih učitelja danas je najavio da će učitelji na jesen glasati o štrajku.
T|Ramazan ove godine počinje početkom ožujka; napiši kratku obavijest za menzu o kasnijoj večeri.
DOB|Popis putnika: BOŽIĆ, Iva — rođ. 21.06.1995. — sjedalo 14C.
ADDR|Adresa za račun: g. Josip Tomić, Korzo 16, 51000 Rijeka
# Treći krug.
ID|Priloži ugovoru kopiju moje osobne iskaznice, broj 114829371.
PHONE|javi mi se na whatsapp: ⟦phone:HR:intl:fw⟧
IBAN|račun (kopiran s mobitela): ⟦iban:HR:lower⟧
# Četvrti krug.
H|Jučer sam razgovarao s Igorom. Od ožujka ide na sastanke Anonimnih alkoholičara i zamolio je da na zabavi ne bude vina na stolu.
R|Martina je odgovorila na pozivnicu — u korizmi ne jede meso, pa ćemo joj u petak naručiti ribu.
U|Zvao je Damir: upravo su ga izabrali za sindikalnog povjerenika i želi premjestiti sindikalnu oglasnu ploču u menzu.
S|Sestra mi je sinoć priznala da je već dvije godine s djevojkom; kako da je podržim kad to bude rekla roditeljima?
T|Naše zdravstveno osiguranje sada pokriva fizioterapiju i psihološko savjetovanje; napiši kratku obavijest za sve zaposlenike.
T|Smije li poslodavac u Hrvatskoj pitati kandidata o vjeroispovijesti? Objasni zakon jednostavno.
T|Napiši neutralno pravilo: zaposlenici se mogu učlaniti u bilo koji sindikat, a članstvo se nikad ne upisuje u osobni dosje.
T|Sažmi podatke popisa stanovništva o nacionalnim manjinama za školski projekt.
N|CREATE TABLE gosti (id SERIAL PRIMARY KEY, ime_prezime TEXT NOT NULL, datum_rodjenja DATE, broj_putovnice VARCHAR(9));
N|Zagrij pećnicu na 180 °C, pomiješaj 250 g brašna s 3 jaja i 200 ml mlijeka i peci 25 minuta.
N|Novi usmjerivač ima četiri priključka od 1 GbE, Wi-Fi 6 i IPv6; firmver 3.2.1 ispravlja pogrešku DHCP-a.
N|Projektni sastanak seli se u dvoranu 4.12 na trećem katu u 14:30; ponesite slajdove za treći kvartal.
