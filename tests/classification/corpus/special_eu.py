"""Special-category sentences in all 26 languages, and texts with a category only as their topic.

A line is ``language|category|text``: the category letter (h health, g genetic, b biometric, e
ethnic origin, p political opinions, r religion or belief, u trade union, s sex life or
orientation; ``+n`` when the text names a person too) or ``t`` for a text about a category with
no person's data in it. Written by the authors of the term lists, without the lists open: they
measure the lists on new sentences, not independently (the held-out corpus does that).
"""

from __future__ import annotations

CATEGORIES = {
    "h": "health",
    "g": "genetic",
    "b": "biometric",
    "e": "racial_or_ethnic_origin",
    "p": "political_opinions",
    "r": "religious_or_philosophical_beliefs",
    "u": "trade_union_membership",
    "s": "sex_life_or_sexual_orientation",
}

SENTENCES = """
bg|h|Баща ми е с рак на белия дроб и започна химиотерапия.
bg|g|Генетичният тест на сестра ми показа мутация в гена BRCA1.
bg|b|Той трябваше да даде пръстовите си отпечатъци на границата.
bg|e|Тя е от ромски произход и живее в Сливен.
bg|p|Съседът ми е член на ГЕРБ от много години.
bg|p|Тя гласува за БСП на последните избори.
bg|r|Жена ми е мюсюлманка и пости по време на Рамазан.
bg|u|Той е член на синдиката и участва в стачката.
bg|s|Брат ми е гей и живее с партньора си.
bg|t|Статията разказва историята на синдикатите в България през XX век.
cs|h|Moje matka má rakovinu a chodí na chemoterapii.
cs|g|Jeho genetický test odhalil dědičnou mutaci.
cs|b|Kolega musel odevzdat otisky prstů kvůli nové docházce.
cs|e|Je romského původu a vyrůstal v Ostravě.
cs|p|Můj otec je členem ODS už dvacet let.
cs|p|Sestra volila Piráty a podporuje hnutí STAN.
cs|r|Moje babička je věřící katolička a chodí každou neděli do kostela.
cs|u|Je členem odborů a zastupuje kolegy při vyjednávání.
cs|s|Můj bratr je gay a žije se svým přítelem.
cs|t|Přednáška se věnuje dějinám odborového hnutí v Evropě.
da|h|Min mor har fået konstateret kræft og starter kemoterapi.
da|g|Hans gentest viste en arvelig mutation.
da|b+n|Medarbejderne skal registrere deres fingeraftryk ved indgangen, også Mette.
da|e|Hun er af somalisk oprindelse og taler flydende dansk, siger hun.
da|p|Min nabo er medlem af Dansk Folkeparti.
da|p|Han stemte på Enhedslisten ved sidste valg.
da|r|Min kollega er muslim og beder fem gange om dagen.
da|u|Hun er medlem af fagforeningen 3F.
da|s|Min bror er bøsse og bor sammen med sin mand.
da|t|Bogen handler om fagbevægelsens historie i Danmark.
el|h|Ο πατέρας μου έχει καρκίνο και κάνει χημειοθεραπεία.
el|g|Το γενετικό τεστ της έδειξε μετάλλαξη στο γονίδιο BRCA2.
el|b|Ο υπάλληλος έδωσε τα δακτυλικά του αποτυπώματα για την άδεια.
el|e|Η γειτόνισσά μου είναι Ρομά και μένει στη Θεσσαλονίκη.
el|p|Ο θείος μου είναι μέλος της Νέας Δημοκρατίας.
el|p|Η αδερφή μου ψήφισε ΣΥΡΙΖΑ στις εκλογές.
el|r|Ο συνάδελφός μου είναι μουσουλμάνος και νηστεύει.
el|u|Είναι μέλος του σωματείου των εργαζομένων και συνδικαλιστής.
el|s|Ο αδερφός μου είναι ομοφυλόφιλος.
el|t|Το βιβλίο εξετάζει την ιστορία του συνδικαλισμού στην Ελλάδα.
es|p|Mi cuñado es militante del PSOE desde joven.
es|p|Ella votó a Vox en las últimas elecciones.
es|t|El ensayo analiza la historia de los sindicatos en España.
fr|p|Mon voisin est adhérent du Rassemblement national.
fr|p|Elle a voté pour La France insoumise en 2022.
fr|t|Le livre retrace l'histoire du syndicalisme en France.
pt|h|A minha mãe tem cancro da mama e está a fazer quimioterapia.
pt|g|O teste genético dele revelou uma mutação hereditária.
pt|b+n|Os funcionários têm de registar as impressões digitais, incluindo a Ana.
pt|e|Ela é de etnia cigana e vive em Lisboa.
pt|p|O meu tio é militante do PSD há muitos anos.
pt|p|Ele votou no Chega nas últimas eleições.
pt|r|A minha colega é muçulmana e reza todos os dias.
pt|u|Ele é sindicalizado e delegado sindical na fábrica.
pt|s|O meu irmão é gay e vive com o namorado.
pt|t|O artigo descreve a história do movimento sindical em Portugal.
nl|h|Mijn vader heeft kanker en krijgt chemotherapie.
nl|g|Haar genetische test toonde een erfelijke afwijking.
nl|b+n|Medewerkers moeten hun vingerafdruk laten registreren, ook Pieter.
nl|e|Hij is van Marokkaanse afkomst en woont in Utrecht.
nl|p|Mijn buurman is lid van de PVV.
nl|p|Zij stemde op GroenLinks bij de laatste verkiezingen.
nl|r|Mijn collega is moslim en viert het suikerfeest.
nl|u|Hij is lid van de vakbond FNV.
nl|s|Mijn broer is homo en woont samen met zijn vriend.
nl|t|Het boek beschrijft de geschiedenis van de vakbeweging in Nederland.
pl|h|Moja matka choruje na raka piersi i jest po chemioterapii.
pl|g|Badanie genetyczne wykazało u niego mutację genu BRCA1.
pl|b+n|Pracownicy muszą oddać odciski palców, także pani Nowak.
pl|e|Jest Romką i mieszka w Nowym Targu.
pl|p|Mój szwagier jest członkiem Prawa i Sprawiedliwości.
pl|p|Ona głosowała na Konfederację w ostatnich wyborach.
pl|r|Moja koleżanka jest muzułmanką i modli się pięć razy dziennie.
pl|u|Jest członkiem związku zawodowego Solidarność.
pl|s|Mój brat jest gejem i mieszka z partnerem.
pl|t|Artykuł opisuje historię związków zawodowych w Polsce.
sv|h|Min mamma har fått cancer och går på cellgiftsbehandling.
sv|g|Hans gentest visade en ärftlig mutation.
sv|b+n|Alla anställda måste lämna fingeravtryck, även Erik.
sv|e|Hon är av kurdiskt ursprung och bor i Malmö.
sv|p|Min granne är medlem i Sverigedemokraterna.
sv|p|Hon röstade på Vänsterpartiet i valet.
sv|r|Min kollega är muslim och ber fem gånger om dagen.
sv|u|Han är medlem i facket och skyddsombud på jobbet.
sv|s|Min bror är homosexuell och bor med sin man.
sv|t|Boken handlar om fackföreningsrörelsens historia i Sverige.
no|h|Faren min har fått kreft og får cellegift.
no|g|Gentesten hennes viste en arvelig mutasjon.
no|b+n|De ansatte må registrere fingeravtrykket sitt, også Ola.
no|e|Han er av samisk opprinnelse og bor i Karasjok.
no|p|Naboen min er medlem av Fremskrittspartiet.
no|p|Hun stemte på Arbeiderpartiet ved valget.
no|r|Kollegaen min er muslim og faster under ramadan.
no|u|Hun er medlem av fagforeningen og tillitsvalgt.
no|s|Broren min er homofil og bor med mannen sin.
no|t|Boken handler om fagbevegelsens historie i Norge.
is|h|Móðir mín greindist með krabbamein í fyrra.
is|g|Erfðaprófið hans sýndi arfgenga stökkbreytingu.
is|b+n|Starfsmenn þurfa að skrá fingrafar sitt, líka Jón.
is|e|Hún er af pólskum uppruna og býr í Reykjavík.
is|p|Nágranni minn er flokksmaður í Sjálfstæðisflokknum.
is|p|Hún kaus Samfylkinguna í síðustu kosningum.
is|r|Samstarfsmaður minn er múslimi og fastar á ramadan.
is|u|Hann er félagi í stéttarfélaginu Eflingu.
is|s|Bróðir minn er samkynhneigður og býr með manninum sínum.
is|t|Greinin fjallar um sögu verkalýðshreyfingarinnar á Íslandi.
ga|h|Tá ailse ar m'athair agus tá sé ag fáil ceimiteiripe.
ga|g|Léirigh an tástáil ghéiniteach sóchán oidhreachtúil aici.
ga|b|Chaith sé a mhéarlorg a thabhairt don fhostóir.
ga|e|Is den Lucht Siúil í agus tá sí ina cónaí i nGaillimh.
ga|p|Is ball de Shinn Féin é mo dheartháir.
ga|p|Vótáil sí do Fhianna Fáil sa toghchán.
ga|r|Is Moslamach é mo chomhghleacaí agus guíonn sé gach lá.
ga|u|Is ball de cheardchumann SIPTU í.
ga|s|Tá mo dheartháir aerach agus tá sé pósta le fear.
ga|t|Déanann an leabhar cur síos ar stair na gceardchumann in Éirinn.
mt|h|Missieri għandu l-kanċer u qed jieħu kemoterapija.
mt|g|It-test ġenetiku tagħha wera mutazzjoni ereditarja.
mt|b+n|L-impjegati jridu jagħtu l-marki tas-swaba' tagħhom, anke Marija.
mt|e|Hu ta' oriġini etnika Libjana u jgħix il-Ħamrun.
mt|p|Ħija membru tal-Partit Nazzjonalista.
mt|p|Hi ivvutat għall-Partit Laburista fl-elezzjoni.
mt|r|Il-kollega tiegħi hu Musulman u jsum matul ir-Ramadan.
mt|u|Hu membru tal-GWU u rappreżentant tal-ħaddiema.
mt|s|Ħija gay u jgħix mas-sieħeb tiegħu.
mt|t|Il-ktieb jiddeskrivi l-istorja tat-trade unions f'Malta.
hr|h|Moj otac ima rak pluća i prima kemoterapiju.
hr|g|Njezin genetski test pokazao je nasljednu mutaciju.
hr|b+n|Zaposlenici moraju dati otiske prstiju, uključujući Ivana.
hr|e|On je romskog podrijetla i živi u Međimurju.
hr|p|Moj susjed je član HDZ-a već dvadeset godina.
hr|p|Ona je glasala za Možemo na izborima.
hr|r|Moja kolegica je muslimanka i posti za ramazan.
hr|u|On je član sindikata i sindikalni povjerenik.
hr|s|Moj brat je gej i živi s partnerom.
hr|t|Knjiga opisuje povijest sindikalnog pokreta u Hrvatskoj.
sl|h|Moja mama ima raka na dojki in prejema kemoterapijo.
sl|g|Njegov genetski test je pokazal dedno mutacijo.
sl|b+n|Zaposleni morajo oddati prstne odtise, tudi Marko.
sl|e|Je romskega porekla in živi v Prekmurju.
sl|p|Moj sosed je član SDS že dvajset let.
sl|p|Ona je volila Gibanje Svoboda.
sl|r|Moja sodelavka je muslimanka in se posti med ramazanom.
sl|u|Je član sindikata in sindikalni zaupnik v podjetju.
sl|s|Moj brat je gej in živi s partnerjem.
sl|t|Knjiga opisuje zgodovino sindikalnega gibanja v Sloveniji.
sk|h|Moja mama má rakovinu a podstupuje chemoterapiu.
sk|g|Jeho genetický test ukázal dedičnú mutáciu.
sk|b+n|Zamestnanci musia odovzdať odtlačky prstov, aj Peter.
sk|e|Je rómskeho pôvodu a žije na východnom Slovensku.
sk|p|Môj sused je členom strany Smer-SD.
sk|p|Sestra volila Progresívne Slovensko.
sk|r|Moja kolegyňa je moslimka a modlí sa päťkrát denne.
sk|u|Je členom odborov a zastupuje kolegov.
sk|s|Môj brat je gej a žije so svojím partnerom.
sk|t|Prednáška sa venuje dejinám odborového hnutia na Slovensku.
hu|h|Az édesanyám rákos beteg és kemoterápiát kap.
hu|g|A genetikai vizsgálata öröklött mutációt mutatott ki.
hu|b+n|A dolgozóknak le kell adniuk az ujjlenyomatukat, Péternek is.
hu|e|Ő roma származású és Miskolcon él.
hu|p|A szomszédom a Fidesz tagja.
hu|p|A nővérem a Tisza Pártra szavazott.
hu|r|A kollégám muszlim és naponta ötször imádkozik.
hu|u|Ő a szakszervezet tagja és bizalmi.
hu|s|A bátyám meleg és a párjával él.
hu|t|A könyv a magyar szakszervezeti mozgalom történetét mutatja be.
ro|h|Mama mea are cancer la sân și face chimioterapie.
ro|g|Testul lui genetic a arătat o mutație ereditară.
ro|b+n|Angajații trebuie să își dea amprentele digitale, inclusiv Ion.
ro|e|Ea este de etnie romă și locuiește în Craiova.
ro|p|Vecinul meu este membru PSD de douăzeci de ani.
ro|p|Ea a votat cu AUR la ultimele alegeri.
ro|r|Colega mea este musulmană și se roagă de cinci ori pe zi.
ro|u|El este membru de sindicat și lider sindical.
ro|s|Fratele meu este gay și locuiește cu partenerul lui.
ro|t|Cartea descrie istoria mișcării sindicale din România.
en|p|My brother-in-law has been a Labour Party member since 2010.
en|p|She voted for Reform UK at the last election.
en|t|The essay traces the history of trade unions in Britain.
lt|p|Mano kaimynas yra Tėvynės sąjungos narys.
lt|p|Ji balsavo už socialdemokratus per rinkimus.
lt|t|Straipsnis nagrinėja profesinių sąjungų istoriją Lietuvoje.
lv|p|Mans kaimiņš ir Nacionālās apvienības biedrs.
lv|p|Viņa balsoja par Progresīvajiem vēlēšanās.
lv|t|Raksts apraksta arodbiedrību vēsturi Latvijā.
et|p|Minu naaber on Reformierakonna liige.
et|p|Ta hääletas Keskerakonna poolt valimistel.
et|t|Artikkel kirjeldab ametiühingute ajalugu Eestis.
fi|p|Naapurini on kokoomuksen jäsen.
fi|p|Hän äänesti perussuomalaisia eduskuntavaaleissa.
fi|t|Kirja kertoo ammattiyhdistysliikkeen historiasta Suomessa.
de|p|Mein Nachbar ist seit Jahren Mitglied der AfD.
de|p|Sie hat bei der Wahl die Grünen gewählt.
de|t|Der Aufsatz behandelt die Geschichte der Gewerkschaften in Deutschland.
it|p|Mio cognato è iscritto al Partito Democratico.
it|p|Lei ha votato per Fratelli d'Italia alle elezioni.
it|t|Il saggio racconta la storia del sindacato in Italia.
es|t|La conferencia trata sobre la historia de las religiones en Europa.
fr|t|Cet essai porte sur l'histoire des religions en Europe.
es|h|A mi madre le diagnosticaron cáncer de mama el año pasado.
es|g|Su prueba genética reveló una mutación hereditaria.
es|b+n|Los empleados deben registrar su huella dactilar, incluida Lucía.
es|e|Ella es de etnia gitana y vive en Sevilla.
es|r|Mi compañero es musulmán y reza cinco veces al día.
es|u|Está afiliado a Comisiones Obreras desde hace años.
es|s|Mi hermano es gay y vive con su pareja.
fr|h|Ma mère est atteinte d'un cancer et suit une chimiothérapie.
fr|g|Son test génétique a révélé une mutation héréditaire.
fr|b+n|Les salariés doivent enregistrer leurs empreintes digitales, y compris Julie.
fr|e|Il est d'origine ethnique kabyle et vit à Marseille.
fr|r|Ma collègue est musulmane et prie cinq fois par jour.
fr|u|Il est syndiqué à la CGT depuis dix ans.
fr|s|Mon frère est homosexuel et vit avec son compagnon.
"""


def special_sentences() -> list[tuple[str, str | None, bool, str]]:
    """(language, category or None for a topic text, whether a person is named, text) per line."""
    out = []
    for line in SENTENCES.strip().splitlines():
        lang, label, text = line.split("|", 2)
        category = CATEGORIES.get(label.removesuffix("+n"))
        out.append((lang, category, label.endswith("+n"), text))
    return out
