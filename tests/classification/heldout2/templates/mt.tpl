# Malti. Miktub bl-idejn għal dan il-korpus.
H|Agħmel sommarju ta' din l-ittra: "Għażiża tabiba, lil binti Maria sabulha d-dijabete tat-tip 1 f'Marzu u jeħtieġ tieħu l-insulina l-iskola."
H|Ikteb lill-maniġer li Joseph Camilleri qiegħed fuq leave tal-mard sal-Ġimgħa għax għamel operazzjoni fl-irkoppa.
P|Il-kollega tiegħi Rebecca hija membru tal-Partit Laburista u se toħroġ għall-elezzjoni tal-kunsill lokali; għinha bid-diskors.
P|Missieri dejjem jivvota għall-Partit Nazzjonalista u jiġġieled fuq il-politika f'kull ikla tal-familja; kif nitkellem miegħu?
R|Ikteb mill-ġdid in-nota tal-HR b'mod newtrali: Amina hija Musulmana u titlob waqfa qasira waqt ir-Ramadan.
R|Ħija Mark sar Xhud ta' Ġeħova u m'għadux jiċċelebra l-festi; kif nistiednu għall-magħmudija?
U|Claire Borg issieħbet fl-UĦM ix-xahar li għadda u titlob li l-miżata tinqata' mill-paga.
U|Ittraduċi għall-Ingliż: "Jiena delegat tal-GWU fil-fabbrika u qed nirrappreżenta lil Ray Farrugia fil-laqgħa dixxiplinari."
E|Agħmel sommarju tal-ilment: is-Sur Abdi jgħid li ma kerrewlux l-appartament għax hu Somalu u ta' ġilda sewda.
E|Il-kollega l-ġdida tagħna, Tigist, hija ta' oriġini Etjopjana u xi wħud jgħidu ċajt fuq il-kulur tal-ġilda tagħha.
S|Kif ngħid lill-ġenituri tiegħi li jien gay u li Luke huwa s-sieħeb tiegħi?
S|L-impjegata Nicole Vella tirrapporta li s-superjur tagħha jistaqsiha ripetutament dwar il-ħajja sesswali tagħha.
B|Tfakkira lil Karl Azzopardi: il-marka tas-swaba' tiegħu hija maħżuna fis-sistema tal-aċċess u l-ġimgħa d-dieħla jrid jiġi aġġornat ir-ritratt tal-wiċċ.
B|Il-bank iżomm il-marka tal-vuċi tiegħi biex jagħrafni bit-telefon; ikteb talba biex titħassar.
G|Issimplifika: "It-test ġenetiku tiegħek, Sinjura Grech, juri li inti ġġorr mutazzjoni fil-ġene BRCA1."
G|Lil missieri sabulu talassemija ereditarja permezz ta' test tad-DNA; għandi nagħmel it-test jien ukoll?
T|Ikteb esej dwar l-istorja tat-trade unions f'Malta.
T|X'inhuma d-differenzi ewlenin bejn il-Kattoliċeżmu u l-Protestantiżmu? Fil-qosor, għall-istudenti.
T|Spjega kif jaħdem ir-rikonoxximent tal-wiċċ u x'riskji għandu.
T|Qabbel is-sistemi elettorali ta' Malta u tal-Irlanda.
T|X'inhu test ġenetiku u meta jirrakkomandawh it-tobba?
T|Ikteb artiklu dwar is-saħħa mentali fuq il-post tax-xogħol.
DOB|Imla l-formola: isem Matthew Zammit, data tat-twelid 07/08/1992, nazzjonalità Maltija.
DOB|In-nanna Carmela twieldet fil-15 ta' Mejju 1940 f'Ħaż-Żebbuġ — fakkarni f'għeluq sninha.
ADDR|Wassal il-pakkett f'23, Triq il-Kbira, Ħaż-Żebbuġ ZBG 1304.
ADDR|L-indirizz il-ġdid tiegħi huwa Flat 4, 58, Triq San Pawl, Tas-Sliema SLM 1604; ibdlu fil-kuntratt.
PASS|Ibbukkja t-titjiriet għal Kurt Spiteri, numru tal-passaport 1482917, validu sal-2031.
PASS|Iċċekkja l-passaport skenjat: ⟦mrz3:MLT:MLT:SPITERI:KURT:1482917:860630:M:310219⟧
ID|Karta tal-identità: ⟦mrz1:MLT:MLT:ZAMMIT:MATTHEW:2039274:920807:M:320115⟧
PHONE|Ċempilli fuq ⟦phone:MT:nat:sp⟧ wara s-sitta.
PHONE|in-numru tal-mowbajl tiegħi huwa ⟦phone:MT:intl:cut:2: (messaġġi biss) ⟧ grazzi
PHONE|Kuntatt: ⟦phone:MT:intl:nl⟧
IBAN|Ħallas id-depożitu fil-kont ⟦iban:MT:nl⟧ sal-Ġimgħa.
IBAN|Kont (IBAN): ⟦iban:MT:sp⟧
IBAN|L-IBAN jibda b' ⟦iban:MT:cut:2: u mbagħad jiġi ⟧, f'isem Josianne Cassar.
N|Bank of Valletta p.l.c., Simonds Farsons Cisk plc u l-kumpanija żgħira Trasport Vella Ltd iffirmaw ftehim loġistiku.
N|Jekk il-kontejner jerġa' jibda kontinwament, iċċekkja l-limitu tal-memorja bil-kmand docker stats.
N|SELECT klijent, SUM(ammont) FROM fatturi WHERE sena = 2024 GROUP BY klijent;
N|2024-09-08 09:08:09 ERROR haddiem-1 talba=80931 skada l-ħin
N|In-numru tal-ordni ⟦bad:mt.vat:99999999⟧ intbagħat mill-maħżen tal-Marsa.
N|Dan in-numru ⟦badiban:MT:g4⟧ huwa eżempju ħażin għat-testijiet.
N|Fattura 2024-0388, ammont €1,245.60, tinħallas fi żmien 30 jum.
# It-tieni rawnd: strutturi oħra, kliem indirett, formati oħra ta' data u indirizz.
H|Wieġeb lill-iskola: binna mhux se jiġi fil-ħarġa nhar il-Ħamis, dik il-ġimgħa għandu t-tielet ċiklu ta' kimoterapija.
P|Nota għall-file: il-kerrej qalli li fl-elezzjoni vvota lil ADPD u talab li nneħħu l-poster tal-PN mill-entrata.
R|Għinni nagħżel rigal għall-kollega tiegħi Arjun — hu Ħindu, veġetarjan u x-xahar id-dieħel jiċċelebra d-Diwali.
U|Minuti, punt 4: is-Sinjura Mifsud tikkonferma li issa hija r-rappreżentanta tal-GWU għall-ħaddiema tal-maħżen.
E|Tejjeb l-ittra ta' referenza: "Is-Sinjura Mensah, ta' oriġini Ganiża, kienet l-ewwel mara sewda li ppresediet il-kumitat tagħna."
S|Ikteb lis-sid li t-tfajla tiegħi Leanne se tiġi toqgħod miegħi x-xahar id-dieħel — aħna koppja.
B|Is-sistema tal-ħinijiet reġgħet irrifjutat l-iskan tal-wiċċ ta' Jake; iftaħ talba biex il-mudell tal-wiċċ tiegħu jerġa' jiġi rreġistrat.
G|Agħmel sommarju tar-riżultat tat-test tal-paternità: is-Sur Galea huwa l-missier bijoloġiku b'probabbiltà ta' 99.99%.
T|Il-MUT ħabbret illum li l-għalliema se jivvotaw dwar strajk fil-ħarifa.
T|Ir-Ramadan jibda fil-bidu ta' Marzu din is-sena; ikteb avviż qasir għall-kantin dwar ħin l-ikla ta' filgħaxija aktar tard.
DOB|Lista tal-passiġġieri: CARUANA, Kylie — imwielda fis-16/04/1997 — sit 14C.
ADDR|Indirizz għall-fattura: Is-Sur Clayton Debono, 12, Triq ir-Repubblika, Il-Belt Valletta VLT 1117
# It-tielet rawnd.
ID|Waħħal mal-kuntratt kopja tal-karta tal-identità tiegħi, numru 0739284M.
PHONE|ibgħatli fuq whatsapp: ⟦phone:MT:intl:fw⟧
IBAN|kont (ikkupjat mit-telefon): ⟦iban:MT:lower⟧
# Ir-raba' rawnd.
H|Tkellimt ma' Clint ilbieraħ. Ilu jattendi l-laqgħat tal-Alkoħoliċi Anonimi minn Marzu u talabna biex ma npoġġux inbid fuq il-mejda fil-festa.
R|Daniela wieġbet għall-istedina — fir-Randan ma tikolx laħam, allura nhar il-Ġimgħa nordnawlha l-ħut.
U|Ċempel Keith: għadu kif ġie elett rappreżentant tal-union u jrid iċaqlaq il-bord tal-avviżi tal-union għall-kantin.
S|Oħti qaltli lbieraħ filgħaxija li ilha sentejn mat-tfajla tagħha; kif nista' nappoġġjaha meta tgħid lill-ġenituri tagħna?
T|L-assigurazzjoni tas-saħħa tagħna issa tkopri l-fiżjoterapija u l-konsulenza psikoloġika; ikteb avviż qasir għall-impjegati kollha.
T|Jista' min iħaddem f'Malta jistaqsi lil applikant dwar ir-reliġjon tiegħu? Spjega l-liġi b'mod sempliċi.
T|Ikteb regola newtrali: l-impjegati jistgħu jissieħbu f'kwalunkwe union, u s-sħubija qatt ma tiġi rreġistrata fil-file personali.
T|Agħmel sommarju tad-dejta taċ-ċensiment dwar ir-residenti barranin għal proġett tal-iskola.
N|CREATE TABLE mistednin (id SERIAL PRIMARY KEY, isem_shih TEXT NOT NULL, data_twelid DATE, nru_passaport VARCHAR(9));
N|Saħħan il-forn għal 180 °C, ħallat 250 g dqiq ma' 3 bajdiet u 200 ml ħalib, u aħmi għal 25 minuta.
N|Ir-router il-ġdid għandu erba' portijiet 1 GbE, Wi-Fi 6 u IPv6; il-firmware 3.2.1 jirranġa l-bug tad-DHCP.
N|Il-laqgħa tal-proġett se ssir fil-kamra 4.12 fit-tielet sular fl-14:30; ġibu s-slides tat-tielet kwart.
