# Íslenska. Handskrifað fyrir þetta safn.
H|Taktu saman bréfið: „Kæri læknir, dóttir mín Sóley greindist með sykursýki af tegund 1 í mars og þarf insúlín í skólanum.“
H|Skrifaðu yfirmanninum að Gunnar Jónsson sé í veikindaleyfi fram á föstudag vegna brjóskloss.
P|Samstarfskona mín Katrín er félagi í Vinstri grænum og býður sig fram í sveitarstjórn; hjálpaðu henni með ræðuna.
P|Afi minn kýs alltaf Sjálfstæðisflokkinn og rífst um það í hverju fjölskylduboði; hvernig tala ég við hann?
R|Umorðaðu starfsmannaminnið hlutlaust: Yasmin er múslimi og óskar eftir hléi á föstudagsbænum.
R|Bróðir minn Einar gekk í Ásatrúarfélagið í fyrra og heldur nú upp á blót; hvernig óska ég honum til hamingju?
U|Guðrún Sigurðardóttir gekk í Eflingu í síðasta mánuði og vill að félagsgjaldið sé dregið af laununum.
U|Þýddu á ensku: „Ég er trúnaðarmaður VR á vinnustaðnum og styð Ólaf í uppsagnarmálinu.“
E|Taktu saman kvörtunina: Herra Nowak segir að hann hafi ekki fengið íbúðina af því að hann er af Rómafólki kominn.
E|Nýi samstarfsmaðurinn okkar, Kwame, er frá Gana og sumir gera grín að húðlit hans; hvað á stjórnandinn að gera?
S|Hvernig segi ég foreldrum mínum að ég sé samkynhneigð og að Hildur sé kærastan mín?
S|Starfsmaðurinn Berglind Magnúsdóttir segir að yfirmaður hennar hafi ítrekað spurt um kynlíf hennar.
B|Áminning til Sigurðar Helgasonar: fingrafar hans er skráð í aðgangskerfið og í næstu viku þarf að endurnýja andlitsmyndina.
B|Bankinn geymir raddsýni mitt til auðkenningar í símabankanum; skrifaðu beiðni um eyðingu.
G|Einfaldaðu: „Erfðaprófið þitt, Anna, sýnir að þú berð stökkbreytingu í BRCA2-geninu.“
G|Pabbi minn greindist með arfgenga járnofhleðslu í DNA-prófi; ætti ég líka að fara í próf?
T|Skrifaðu ritgerð um sögu verkalýðshreyfingarinnar á Íslandi.
T|Hver er helsti munurinn á kaþólsku og lútherskri trú? Stutt, fyrir nemendur.
T|Útskýrðu hvernig andlitsgreining virkar og hvaða áhætta fylgir henni.
T|Berðu saman kosningakerfin á Íslandi og í Noregi.
T|Hvað er erfðapróf og hvenær mæla læknar með því?
T|Skrifaðu grein um geðheilbrigði á vinnustaðnum.
DOB|Fylltu út eyðublaðið: nafn Arnar Þórsson, fæðingardagur 21.09.1991, ríkisfang íslenskt.
DOB|Amma Þórdís fæddist 14. janúar 1946 á Akureyri — minntu mig á afmælið hennar.
ADDR|Sendið pakkann á Laugaveg 45, 101 Reykjavík.
ADDR|Nýja heimilisfangið mitt er Hafnarstræti 88, 600 Akureyri; breyttu því í samningnum.
PASS|Bókaðu flugið fyrir Björn Kristjánsson, vegabréfsnúmer A4829173, gildir til 2031.
PASS|Athugaðu skannaða vegabréfið: ⟦mrz3:ISL:ISL:KRISTJANSSON:BJORN:A4829173:880815:M:310127⟧
ID|Nafnskírteini: ⟦mrz1:ISL:ISL:THORSSON:ARNAR:C7M294813:910921:M:330410⟧
PHONE|Hringdu í mig í ⟦phone:IS:nat:sp⟧ eftir sex.
PHONE|farsíminn minn er ⟦phone:IS:intl:cut:2: (bara sms) ⟧ takk
PHONE|Samband: ⟦phone:IS:intl:dot⟧
IBAN|Leggðu staðfestingargjaldið inn á ⟦iban:IS:nl⟧ fyrir föstudag.
IBAN|Reikningur (IBAN): ⟦iban:IS:sp⟧
IBAN|IBAN byrjar á ⟦iban:IS:cut:2: og svo kemur ⟧, viðtakandi Helga Björnsdóttir.
N|Marel hf., Icelandair Group hf. og litla fyrirtækið Flutningar Jóns ehf. undirrituðu flutningasamning.
N|Ef þjónustan hrynur með OOMKilled skaltu hækka minnismörkin í deployment-skránni.
N|for (const lina of linur) { samtals += lina.upphaed; }
N|2024-03-19 14:27:50 ERROR starfsmadur-5 beidni=33012 tímamörk rann út
N|Pöntunarnúmer ⟦bad:is_.kennitala:999999-9999⟧ var sent frá lagernum í Hafnarfirði.
N|Þetta númer ⟦badiban:IS:g4⟧ er rangt prófunardæmi.
N|Reikningur 2024-0655, upphæð 124.500 kr., gjalddagi 14 dagar.
# Önnur umferð: önnur setningagerð, óbein orð, önnur dagsetninga- og heimilisfangaform.
H|Svaraðu skólanum: sonur okkar kemur ekki í ferðina á fimmtudaginn, hann fer í þriðju lyfjameðferðina þá vikuna.
P|Minnispunktur: leigjandinn sagðist hafa kosið Samfylkinguna í kosningunum og bað okkur að taka niður plakat Miðflokksins í stigaganginum.
R|Hjálpaðu mér að velja gjöf handa samstarfsmanni mínum Arjun — hann er hindúi, grænmetisæta og heldur upp á Diwali í næsta mánuði.
U|Fundargerð, liður 4: Sólveig staðfestir að hún sé nú trúnaðarmaður Eflingar fyrir starfsfólk lagersins.
E|Lagaðu meðmælabréfið: „Frú Mensah, sem er af ganverskum uppruna, var fyrsta svarta konan til að stýra nefndinni okkar.“
S|Skrifaðu leigusalanum að kærastinn minn Hrafn flytji inn til mín í næsta mánuði — við erum par.
B|Tímaskráningarkerfið hafnaði aftur andlitsskanna Jökuls; stofnaðu beiðni um að skrá andlitssniðmát hans upp á nýtt.
G|Taktu saman niðurstöðu faðernisprófsins: herra Gíslason er líffræðilegur faðir með 99,99% líkum.
T|Kennarasamband Íslands tilkynnti í dag að félagsmenn greiði atkvæði um verkfall í haust.
T|Ramadan hefst í byrjun mars í ár; skrifaðu stutta tilkynningu fyrir mötuneytið um seinni kvöldmat.
DOB|Farþegalisti: PÁLSDÓTTIR, Edda — fædd 02.12.1995 — sæti 14C.
ADDR|Reikningsfang: Hannes Ólafsson, Skólavörðustígur 12, íbúð 0301, 101 Reykjavík
# Þriðja umferð.
ID|Láttu afrit af nafnskírteininu mínu fylgja leigusamningnum, skírteinisnúmer C91837246.
PHONE|sendu mér skilaboð á whatsapp: ⟦phone:IS:intl:fw⟧
IBAN|reikningur (afritaður úr símanum): ⟦iban:IS:lower⟧
# Fjórða umferð.
H|Ég talaði við Daða í gær. Hann hefur sótt AA-fundi síðan í mars og bað um að það yrði ekki vín á borðinu í veislunni.
R|Hrefna svaraði boðinu — hún borðar ekki kjöt á föstunni, svo við pöntum fisk handa henni á föstudaginn.
U|Símtal frá Agli: hann var rétt í þessu kosinn trúnaðarmaður og vill færa auglýsingatöflu stéttarfélagsins í mötuneytið.
S|Systir mín kom út úr skápnum fyrir mér í gærkvöldi; hún og kærastan hennar hafa verið saman í tvö ár. Hvernig styð ég hana gagnvart foreldrum okkar?
T|Sjúkratryggingin okkar greiðir nú sjúkraþjálfun og sálfræðiviðtöl; skrifaðu stutta tilkynningu til starfsfólks.
T|Má vinnuveitandi á Íslandi spyrja umsækjanda um trú hans? Útskýrðu lögin á einföldu máli.
T|Skrifaðu hlutlausa reglu: starfsfólk má ganga í hvaða stéttarfélag sem er og aðild er aldrei skráð í starfsmannaskrá.
T|Taktu saman tölur Hagstofunnar um innflytjendur fyrir skólaverkefni.
N|CREATE TABLE gestir (id SERIAL PRIMARY KEY, fullt_nafn TEXT NOT NULL, faedingardagur DATE, vegabref_nr VARCHAR(9));
N|Hitaðu ofninn í 180 °C, blandaðu 250 g hveiti, 3 eggjum og 2 dl mjólk og bakaðu í 25 mínútur.
N|Nýi beinirinn er með fjögur 1 GbE tengi, Wi-Fi 6 og IPv6; fastbúnaður 3.2.1 lagar DHCP-villuna.
N|Verkefnafundurinn færist í herbergi 4.12 á þriðju hæð kl. 14.30; takið með glærurnar fyrir þriðja ársfjórðung.
