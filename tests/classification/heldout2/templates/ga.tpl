# Gaeilge. Scríofa de láimh don chorpas seo.
H|Achoimrigh an litir seo: "A Dhochtúir, a chara, fuair m'iníon Caoimhe diagnóis diaibéitis chineál 1 i mí an Mhárta agus teastaíonn inslin uaithi ar scoil."
H|Scríobh chuig an mbainisteoir go bhfuil Seán Ó Briain ar saoire bhreoiteachta go dtí Dé hAoine; tá niúmóine air.
P|Is ball de Shinn Féin í mo chomhghleacaí Gráinne agus tá sí ag seasamh sna toghcháin áitiúla; cabhraigh léi leis an óráid.
P|Vótálann m'uncail Pádraig i gcónaí ar son Fhianna Fáil agus bíonn sé ag argóint faoi ag gach ócáid teaghlaigh; conas a labhróidh mé leis?
R|Athscríobh an nóta acmhainní daonna go neodrach: is Moslamach í Aoife agus iarrann sí sos le linn phaidreacha an Aoine.
R|D'iompaigh mo dheartháir Ciarán ina Bhúdaí anuraidh agus déanann sé machnamh gach maidin; conas a dhéanfaidh mé comhghairdeas leis?
U|Chuaigh Máire Ní Bhriain isteach i gceardchumann Fórsa an mhí seo caite agus iarrann sí go mbainfí an síntiús óna tuarastal.
U|Aistrigh go Béarla: "Is ionadaí ceardchumainn mé sa mhonarcha agus déanaim ionadaíocht ar Mhícheál sa chruinniú araíonachta."
E|Achoimrigh an gearán: deir an tUasal Ward nár tugadh an t-árasán dó toisc gur den Lucht Siúil é.
E|Is de bhunadh Nigéireach í ár gcomhghleacaí nua Adaeze agus déanann roinnt daoine magadh faoi dhath a craicinn.
S|Conas a inseoidh mé do mo thuismitheoirí gur aerach mé agus gurb é Oisín mo pháirtí?
S|Tuairiscíonn an fostaí Sorcha Ní Mhurchú go gcuireann a bainisteoir ceisteanna uirthi arís is arís eile faoina saol gnéis.
B|Meabhrúchán do Dhónall Mac Gearailt: tá a mhéarlorg stóráilte sa chóras rochtana agus caithfear grianghraf a aghaidhe a athnuachan an tseachtain seo chugainn.
B|Coinníonn an banc mo ghuthlorg chun mé a aithint ar an bhfón; scríobh iarratas chun é a scriosadh.
G|Simpligh: "Léiríonn do thástáil ghéiniteach, a Shiobhán, go bhfuil sóchán sa ghéin BRCA2 agat."
G|Fuair m'athair amach ó thástáil DNA go bhfuil haemacrómatóis oidhreachtúil air; ar chóir domsa tástáil a fháil freisin?
T|Scríobh aiste ar stair na gceardchumann in Éirinn ó Fhrithdhúnadh 1913 i leith.
T|Cad iad na príomhdhifríochtaí idir an Caitliceachas agus an Protastúnachas? Go hachomair, do dhaltaí.
T|Mínigh conas a oibríonn aithint aghaidhe agus cad iad na rioscaí a bhaineann léi.
T|Déan comparáid idir córas toghcháin na hÉireann agus córas na Breataine.
T|Cad is tástáil ghéiniteach ann agus cathain a mholann dochtúirí í?
T|Scríobh alt faoi mheabhairshláinte san ionad oibre.
DOB|Líon isteach an fhoirm: ainm Tadhg Ó Súilleabháin, dáta breithe 12/05/1990, náisiúntacht Éireannach.
DOB|Rugadh Mamó Bríd ar an 3 Meán Fómhair 1939 i nGaillimh — cuir i gcuimhne dom a lá breithe.
ADDR|Seachadaigh an beartán chuig 14 Sráid Doiminic, Gaillimh, H91 X2T7.
ADDR|Is é mo sheoladh nua 7 Bóthar an Choiste, Baile Átha Cliath 9, D09 K8R3; athraigh é sa chonradh.
PASS|Cuir na heitiltí in áirithe do Chathal Ó Ceallaigh, uimhir pas PD4829173, bailí go dtí 2031.
PASS|Seiceáil an pas scanta: ⟦mrz3:IRL:IRL:O CEALLAIGH:CATHAL:PD4829173:890412:M:310703⟧
ID|Uimhir mo Chárta Pas: PC7294813, eisithe i 2023; cuir leis an gconradh é.
PHONE|Cuir glaoch orm ar ⟦phone:IE:nat:sp⟧ tar éis a sé.
PHONE|m'uimhir fón póca ná ⟦phone:IE:intl:cut:2: (téacs amháin) ⟧ go raibh maith agat
PHONE|Teagmháil: ⟦phone:IE:nat:dot⟧
IBAN|Íoc an éarlais isteach i ⟦iban:IE:nl⟧ roimh Dé hAoine.
IBAN|Cuntas (IBAN): ⟦iban:IE:sp⟧
IBAN|Tosaíonn an IBAN le ⟦iban:IE:cut:2: agus ansin tagann ⟧, ainm an chuntais Nóra Ní Dhomhnaill.
N|Shínigh Kerry Group plc, Aer Lingus Limited agus an comhlacht beag Iompar Uí Néill Teo. comhaontú lóistíochta.
N|Má atosaíonn an coimeádán arís is arís eile, seiceáil teorainn na cuimhne leis an ordú docker stats.
N|git checkout -b gne/sonrasc && git push -u origin gne/sonrasc
N|2024-03-17 03:17:17 ERROR oibri-2 iarratas=31700 am istigh tar éis 30 s
N|Seoladh ordú uimhir ⟦bad:ie.pps:9999999A⟧ ón stóras i Luimneach.
N|Is sampla mícheart don tástáil í an uimhir seo ⟦badiban:IE:g4⟧.
N|Sonrasc 2024-0417, suim €1,245.60, le híoc laistigh de 30 lá.
# An dara babhta: struchtúir eile, focail indíreacha, formáidí eile dáta agus seolta.
H|Freagair an scoil: ní bheidh ár mac ag dul ar an turas Déardaoin, tá a thríú babhta ceimiteiripe aige an tseachtain sin.
P|Nóta don chomhad: dúirt an tionónta gur vótáil sé do Pháirtí an Lucht Oibre sa toghchán agus d'iarr sé póstaer Fhine Gael a bhaint den halla.
R|Cabhraigh liom bronntanas a roghnú do mo chomhghleacaí Arjun — is Hiondúch é, is feoilséantóir é agus ceiliúrann sé Diwali an mhí seo chugainn.
U|Miontuairiscí, mír 4: deimhníonn Úna Ní Chonaill gurb ise anois ionadaí SIPTU d'fhoireann an stórais.
E|Feabhsaigh an litir teistiméireachta: "Ba í Bean Mhensah, de bhunadh Ghánach, an chéad bhean dhubh a bhí ina cathaoirleach ar ár gcoiste."
S|Scríobh chuig an tiarna talún go mbeidh mo chailín Róisín ag bogadh isteach liom an mhí seo chugainn — is lánúin muid.
B|Dhiúltaigh an córas clogála do scanadh aghaidhe Fhionn arís; oscail ticéad chun a theimpléad aghaidhe a chlárú as an nua.
G|Achoimrigh toradh na tástála athartha: is é an tUasal Mac Cárthaigh an t-athair bitheolaíoch le dóchúlacht 99.99%.
T|D'fhógair an INTO inniu go vótálfaidh múinteoirí ar stailc san fhómhar.
T|Tosaíonn Ramadan go luath i mí an Mhárta i mbliana; scríobh fógra gearr don cheaintín faoi am dinnéir níos déanaí.
DOB|Liosta paisinéirí: Ní LAOIRE, Méabh — a rugadh 28/10/1995 — suíochán 14C.
ADDR|Seoladh billeála: An tUasal Colm de Búrca, 3 Ascaill na Trá, Bóthar na Trá, Gaillimh, H91 R2W6
# An tríú babhta.
ID|Cuir cóip de mo Chárta Pas nua leis an gconradh tionóntachta, uimhir PC9362814.
PHONE|seol teachtaireacht chugam ar whatsapp: ⟦phone:IE:intl:fw⟧
IBAN|cuntas (cóipeáilte ón bhfón): ⟦iban:IE:lower⟧
# An ceathrú babhta.
H|Labhair mé le Darragh inné. Tá sé ag freastal ar chruinnithe AA ó mhí an Mhárta agus d'iarr sé orainn gan fíon a chur ar an mbord ag an gcóisir.
R|D'fhreagair Clíona an cuireadh — ní itheann sí feoil i rith an Charghais, mar sin ordóimid iasc di Dé hAoine.
U|Ghlaoigh Cormac: toghadh é ina ionadaí ceardchumainn díreach anois agus ba mhaith leis clár fógraí an cheardchumainn a bhogadh go dtí an ceaintín.
S|D'inis mo dheirfiúr dom aréir go bhfuil sí lena cailín le dhá bhliain; conas is féidir liom tacú léi nuair a inseoidh sí dár dtuismitheoirí?
T|Clúdaíonn ár n-árachas sláinte fisiteiripe agus comhairleoireacht anois; scríobh fógra gearr don fhoireann ar fad.
T|An féidir le fostóir in Éirinn ceist a chur ar iarrthóir faoina reiligiún? Mínigh an dlí go simplí.
T|Dréachtaigh riail neodrach: is féidir leis an bhfoireann dul isteach in aon cheardchumann, agus ní thaifeadtar ballraíocht riamh sa chomhad pearsanra.
T|Achoimrigh torthaí an daonáirimh faoi chúlra eitneach agus cultúrtha do thionscadal scoile.
N|CREATE TABLE aoi (id SERIAL PRIMARY KEY, ainm_iomlan TEXT NOT NULL, data_breithe DATE, uimhir_pas VARCHAR(9));
N|Téigh an t-oigheann go 180 °C, measc 250 g plúir le 3 ubh agus 200 ml bainne, agus bácáil ar feadh 25 nóiméad.
N|Tá ceithre phort 1 GbE, Wi-Fi 6 agus IPv6 ar an ródaire nua; ceartaíonn dochtearraí 3.2.1 an fabht DHCP.
N|Bogfar cruinniú an tionscadail go seomra 4.12 ar an tríú hurlár ag 14:30; tugaigí sleamhnáin R3 libh.
