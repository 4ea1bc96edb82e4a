# Svenska. Handskrivet för denna korpus.
H|Sammanfatta brevet: ”Hej doktorn, min dotter Ebba fick diagnosen typ 1-diabetes i mars och behöver ta insulin i skolan.”
H|Skriv till chefen att Johan Lindqvist är sjukskriven till fredag, han har diskbråck.
P|Min kollega Frida är medlem i Vänsterpartiet och kandiderar till kommunfullmäktige; hjälp henne med talet.
P|Morbror Göran röstar på Sverigedemokraterna och bråkar om det på varje släktmiddag, hur pratar jag med honom?
R|Skriv om personalanteckningen neutralt: Amira är muslim och vill ha rast vid bönetiderna på fredagar.
R|Min bror Oskar har blivit medlem i Livets Ord och går på möten tre gånger i veckan; hur bjuder jag in honom till bröllopet?
U|Maria Lundberg gick med i Kommunal förra månaden och vill att medlemsavgiften dras på lönen.
U|Översätt till engelska: ”Jag är klubbordförande för IF Metall på fabriken och företräder Anders i förhandlingen om uppsägning.”
E|Sammanfatta klagomålet: Herr Kaldaras säger att han inte fick lägenheten eftersom han är rom.
E|Vår nya kollega Nils-Ánte är same och några i teamet skämtar om hans bakgrund; vad ska chefen göra?
S|Hur berättar jag för mina föräldrar att jag är bög och att Viktor är min pojkvän?
S|Medarbetaren Elin Björk rapporterar att hennes chef upprepade gånger frågat om hennes sexliv.
B|Påminnelse till Henrik Sjöberg: hans fingeravtryck är registrerat i passersystemet och nästa vecka ska ansiktsbilden förnyas.
B|Banken sparar mitt röstavtryck för identifiering i telefonbanken; skriv en begäran om radering.
G|Förenkla: ”Ditt gentest, Karin, visar att du bär på en mutation i BRCA1-genen.”
G|Pappa fick veta genom ett DNA-test att han har ärftlig hemokromatos; borde jag också testa mig?
T|Skriv en uppsats om fackföreningsrörelsens historia i Sverige.
T|Vilka är de viktigaste skillnaderna mellan lutherdom och katolicism? Kortfattat, för elever.
T|Förklara hur ansiktsigenkänning fungerar och vilka risker den medför.
T|Jämför valsystemen i Sverige och Norge.
T|Vad är ett gentest och när rekommenderar läkare det?
T|Skriv en artikel om psykisk hälsa på arbetsplatsen.
DOB|Fyll i blanketten: namn Linnea Holm, födelsedatum 1993-07-04, medborgarskap svenskt.
DOB|Farmor Birgitta föddes den 28 november 1944 i Luleå — påminn mig om hennes födelsedag.
ADDR|Leverera paketet till Storgatan 12, lgh 1102, 114 55 Stockholm.
ADDR|Min nya adress är Linnégatan 8B, 413 04 Göteborg; ändra den i avtalet.
PASS|Boka flygen åt Erik Nyström, passnummer 48291736, giltigt till 2030.
PASS|Kontrollera passkopian: ⟦mrz3:SWE:SWE:NYSTROM:ERIK:48291736:850912:M:300316⟧
ID|Nationellt id-kort: ⟦mrz1:SWE:SWE:HOLM:LINNEA:27461938:930704:F:300830⟧
PHONE|Ring mig på ⟦phone:SE:nat:sp⟧ efter sex.
PHONE|mitt mobilnummer är ⟦phone:SE:intl:cut:2: (bara sms) ⟧ tack
PHONE|Kontakt: ⟦phone:SE:intl:dot⟧
IBAN|Sätt in handpenningen på ⟦iban:SE:nl⟧ före fredag.
IBAN|Kontonummer (IBAN): ⟦iban:SE:sp⟧
IBAN|IBAN börjar med ⟦iban:SE:cut:2: och sen kommer ⟧, mottagare Sara Engström.
N|Volvo Cars AB, IKEA och det lilla Åkeri Persson AB har tecknat ett logistikavtal med norska Posten AS.
N|Om tjänsten kraschar med OOMKilled, höj minnesgränsen i deployment-filen.
N|git log --oneline --since="2 weeks ago" -- src/fakturering
N|2024-01-17 06:58:03 ERROR arbetare-4 förfrågan=18842 tidsgräns överskriden
N|Ordernummer ⟦bad:se.personnummer:9999999999⟧ skickades från lagret i Jönköping.
N|Det här numret ⟦badiban:SE:g4⟧ är ett felaktigt testexempel.
N|Faktura 2024-3381, belopp 12 450,00 kr, betalningsvillkor 30 dagar.
# Andra omgången: andra satsbyggnader, indirekta ord, andra datum- och adressformer.
H|Svara skolan: vår son följer inte med på utflykten på torsdag, han får sin tredje cytostatikabehandling den veckan.
P|Anteckning till akten: hyresgästen berättade att han röstade på Moderaterna i valet och bad oss ta ner Socialdemokraternas affisch i trapphuset.
R|Hjälp mig välja en present till min kollega Arjun — han är hindu, vegetarian och firar diwali nästa månad.
U|Protokoll, punkt 4: Anna Ek bekräftar att hon nu är Handels skyddsombud för lagerpersonalen.
E|Putsa på rekommendationsbrevet: ”Fru Mensah, som har ghanansk bakgrund, var den första svarta kvinnan att leda vår kommitté.”
S|Skriv till hyresvärden att min flickvän Alva flyttar in hos mig nästa månad — vi är ett par.
B|Tidrapporteringen nekade Noahs ansiktsskanning igen; skapa ett ärende om att registrera om hans ansiktsmall.
G|Sammanfatta resultatet av faderskapstestet: herr Berglund är biologisk far med 99,99 % sannolikhet.
T|Lärarförbundet meddelade i dag att medlemmarna ska rösta om strejk i höst.
T|Ramadan börjar i början av mars i år; skriv ett kort meddelande till matsalen om senare middagstider.
DOB|Passagerarlista: LUNDGREN, Maja — född 1993-05-25 — plats 14C.
ADDR|Fakturaadress: Olle Wikström, Kungsgatan 33, 3 tr, 753 21 Uppsala
# Tredje omgången.
ID|Bifoga en kopia av mitt nationella id-kort till hyresavtalet, kortnummer 71839264.
PHONE|skriv på whatsapp: ⟦phone:SE:intl:fw⟧
IBAN|konto (kopierat från mobilen): ⟦iban:SE:lower⟧
# Fjärde omgången.
H|Jag pratade med Mattias i går. Han går på AA-möten sedan mars och bad att vi inte ställer fram vin på festen.
R|Hanna svarade på inbjudan — hon äter inte kött under fastan, så vi beställer fisk åt henne på fredag.
U|Samtal från Robin: han har precis valts till fackligt ombud och vill flytta fackets anslagstavla till lunchrummet.
S|Min syster kom ut för mig i går kväll; hon och hennes flickvän har varit tillsammans i två år. Hur stöttar jag henne inför våra föräldrar?
T|Vår sjukvårdsförsäkring täcker nu sjukgymnastik och samtalsterapi; skriv ett kort meddelande till all personal.
T|Får en arbetsgivare i Sverige fråga en arbetssökande om religion? Förklara lagen enkelt.
T|Skriv en neutral riktlinje: anställda får gå med i vilket fackförbund som helst, och medlemskap antecknas aldrig i personalakten.
T|Sammanfatta SCB:s statistik om utrikes födda för ett skolarbete.
N|CREATE TABLE gaster (id SERIAL PRIMARY KEY, fullstandigt_namn TEXT NOT NULL, fodelsedatum DATE, passnr VARCHAR(9));
N|Sätt ugnen på 180 °C, blanda 2,5 dl mjöl med 3 ägg och 2 dl mjölk och grädda i 25 minuter.
N|Den nya routern har fyra 1 GbE-portar, Wi-Fi 6 och IPv6; firmware 3.2.1 rättar DHCP-felet.
N|Projektmötet flyttas till rum 4.12 på tredje våningen kl. 14.30; ta med Q3-bilderna.
