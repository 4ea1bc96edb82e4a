# Slovenščina. Ročno napisano za ta korpus.
H|Povzemi to pismo: »Spoštovana gospa doktorica, moji hčerki Neži so prejšnji teden odkrili sladkorno bolezen tipa 1 in v šoli potrebuje inzulin.«
H|Napiši vodji, da je Luka Novak v bolniškem staležu do petka, ker ima pljučnico.
P|Moja sodelavka Maja je članica Gibanja Svoboda in kandidira za občinski svet; pomagaj ji pri govoru.
P|Tast voli SDS in se o politiki prepira na vsakem družinskem kosilu; kako naj se pogovorim z njim?
R|Preoblikuj kadrovski zapisek nevtralno: gospa Hodžić je muslimanka in med ramazanom prosi za krajši odmor.
R|Moj brat Žiga je postal budist in zdaj vsako jutro meditira; kako naj mu čestitam brez krščanskih fraz?
U|Nina Kovačič se je prejšnji mesec včlanila v sindikat SVIZ in prosi, da ji članarino odtegujejo od plače.
U|Prevedi v angleščino: »Sem sindikalni zaupnik v tovarni in zastopam gospoda Horvata pri pogovoru o odpovedi.«
E|Povzemi pritožbo: gospod Brajdič pravi, da mu niso oddali stanovanja, ker je Rom.
E|Naša nova sodelavka Amra je bosanskega porekla in nekateri sodelavci se norčujejo iz njenega porekla.
S|Kako naj povem staršem, da sem gej in da je Rok moj partner?
S|Zaposlena Tjaša Zupan poroča, da jo nadrejeni večkrat sprašuje o njenem spolnem življenju.
B|Opomnik za Mateja Kranjca: njegov prstni odtis je shranjen v sistemu za nadzor dostopa, naslednji teden je treba obnoviti fotografijo obraza.
B|Banka hrani moj glasovni odtis za prepoznavo po telefonu; napiši zahtevo za izbris.
G|Poenostavi: »Vaš genetski test, gospa Potočnik, je pokazal, da ste nosilka mutacije v genu BRCA1.«
G|Očetu so s testom DNK odkrili dedno hemokromatozo; ali naj se testiram tudi jaz?
T|Napiši esej o zgodovini sindikatov v Sloveniji.
T|Katere so glavne razlike med katolicizmom in pravoslavjem? Na kratko, za učence.
T|Pojasni, kako deluje prepoznavanje obrazov in kakšna so tveganja.
T|Primerjaj volilna sistema Slovenije in Hrvaške.
T|Kaj je genetski test in kdaj ga zdravniki priporočajo?
T|Napiši članek o duševnem zdravju na delovnem mestu.
DOB|Izpolni obrazec: ime Jan Golob, datum rojstva 12. 2. 1994, državljanstvo slovensko.
DOB|Babica Marija se je rodila 24. septembra 1941 v Mariboru — spomni me na njen rojstni dan.
ADDR|Paket dostavite na naslov Slovenska cesta 15, 1000 Ljubljana.
ADDR|Moj novi naslov je Partizanska cesta 22, 2000 Maribor; spremeni ga v pogodbi.
PASS|Rezerviraj lete za Gregorja Vidmarja, številka potnega lista PB4829173, veljaven do leta 2031.
PASS|Preveri skeniran potni list: ⟦mrz3:SVN:SVN:VIDMAR:GREGOR:PB4829173:840809:M:310106⟧
ID|Osebna izkaznica: ⟦mrz1:SVN:SVN:GOLOB:JAN:IA4829173:940212:M:330825⟧
PHONE|Pokliči me na ⟦phone:SI:intl:sp⟧ po šesti.
PHONE|moja številka je ⟦phone:SI:nat:cut:1: (samo SMS) ⟧ hvala
PHONE|Kontakt: ⟦phone:SI:intl:dot⟧
IBAN|Nakaži predplačilo na račun ⟦iban:SI:nl⟧ do petka.
IBAN|Številka računa (IBAN): ⟦iban:SI:sp⟧
IBAN|IBAN se začne s ⟦iban:SI:cut:2: in nato sledi ⟧, prejemnica Urška Kos.
N|Krka, d. d., Gorenje d.o.o. in majhno podjetje Prevozi Kralj d.o.o. so podpisali logistično pogodbo.
N|Če se vsebnik kar naprej ponovno zaganja, preveri omejitev pomnilnika z ukazom docker stats.
N|UPDATE narocila SET status = 'poslano' WHERE datum < CURRENT_DATE - 2;
N|2024-10-23 19:12:45 ERROR delavec-6 zahteva=39814 časovna omejitev potekla
N|Številka naročila ⟦bad:si.emso:9999999999999⟧ je bila poslana iz skladišča v Celju.
N|Ta številka ⟦badiban:SI:g4⟧ je napačen primer za teste.
N|Račun št. 2024-0811, znesek 1.245,60 €, rok plačila 14 dni.
# Drugi krog: druge zgradbe, posredne besede, druge oblike datumov in naslovov.
H|Odgovori šoli: najin sin v četrtek ne bo šel na izlet, ta teden ima tretji krog kemoterapije.
P|Zapisek za spis: najemnik mi je povedal, da je na volitvah volil Levico, in prosil, naj snamemo plakat NSi v veži.
R|Pomagaj mi izbrati darilo za sodelavca Arjuna — je hindujec, vegetarijanec in prihodnji mesec praznuje divali.
U|Zapisnik, točka 4: gospa Kavčič potrjuje, da je zdaj sindikalna zaupnica za zaposlene v skladišču.
E|Popravi priporočilo: »Gospa Mensah, ganskega porekla, je bila prva temnopolta predsednica našega odbora.«
S|Napiši najemodajalcu, da se bo k meni prihodnji mesec preselila moja punca Ana — sva par.
B|Sistem za beleženje delovnega časa je spet zavrnil Nejčev posnetek obraza; odpri zahtevek za ponovno shranjevanje njegove predloge obraza.
G|Povzemi izid testa očetovstva: gospod Zajc je biološki oče z verjetnostjo 99,99 %.
T|Sindikat vzgoje in izobraževanja je danes sporočil, da bodo učitelji jeseni glasovali o stavki.
T|Ramazan se letos začne v začetku marca; napiši kratko obvestilo za menzo o poznejši večerji.
DOB|Seznam potnikov: KOS, Lara — roj. 17. 5. 1997 — sedež 14C.
ADDR|Naslov za račun: g. Blaž Mlakar, Trubarjeva ulica 8, 3000 Celje
# Tretji krog.
ID|Pogodbi priloži kopijo moje osebne izkaznice, številka IA0729184.
PHONE|piši mi na whatsapp: ⟦phone:SI:intl:fw⟧
IBAN|račun (skopiran s telefona): ⟦iban:SI:lower⟧
# Četrti krog.
H|Včeraj sem govoril z Markom. Od marca hodi k Anonimnim alkoholikom in prosil je, naj na zabavi ne bo vina na mizi.
R|Špela je odgovorila na vabilo — v postnem času ne je mesa, zato ji bomo v petek naročili ribo.
U|Klical je Boštjan: pravkar so ga izvolili za sindikalnega zaupnika in hoče oglasno desko sindikata prestaviti v jedilnico.
S|Sestra mi je sinoči povedala, da je že dve leti s punco; kako naj ji stojim ob strani, ko bo to povedala staršem?
T|Naše zdravstveno zavarovanje zdaj krije fizioterapijo in psihološko svetovanje; napiši kratko obvestilo za vse zaposlene.
T|Ali sme delodajalec v Sloveniji kandidata vprašati o veroizpovedi? Pojasni zakon preprosto.
T|Napiši nevtralno pravilo: zaposleni se lahko včlanijo v katerikoli sindikat, članstvo pa se nikoli ne zapiše v kadrovsko mapo.
T|Povzemi podatke statističnega urada o narodnih skupnostih za šolsko nalogo.
N|CREATE TABLE gostje (id SERIAL PRIMARY KEY, ime_priimek TEXT NOT NULL, datum_rojstva DATE, st_potnega_lista VARCHAR(9));
N|Pečico segrej na 180 °C, zmešaj 250 g moke s 3 jajci in 2 dl mleka ter peci 25 minut.
N|Novi usmerjevalnik ima štiri vrata 1 GbE, Wi-Fi 6 in IPv6; vdelana programska oprema 3.2.1 odpravi napako DHCP.
N|Projektni sestanek se seli v sobo 4.12 v tretjem nadstropju ob 14.30; prinesite prosojnice za 3. četrtletje.
