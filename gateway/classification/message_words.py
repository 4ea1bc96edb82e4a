"""Words that name no phone yet lead to a phone number: messaging, writing, reaching, finding someone."""

from __future__ import annotations

# Messaging, writing and reaching someone, in each language: "send me a message at", "WhatsApp me on",
# "write to me at", "you'll find me at" name no phone, yet the number after them is one. Verbs in
# their imperative and first-person forms, nouns by stem ("žinutę", "sporočilo", "съобщение");
# the messaging apps; the emoji of a phone. Each number after them still has to fit its plan. None
# begins with a phone word (those are phone words: "reach me", "sms").
MESSAGE_WORDS = (
    # en
    "message me", "send me a message", "send me a text", "drop me a", "messaged", "msg me", "dm me",
    "write to me", "write me", "find me on", "find me at", "get me on", "get hold of me",
    "ping me", "texting", "texted", "imessage", "signal me", "on signal", "viber", "telegram",
    "threema", "ext.", "ext ", "extn", "available on", "available at", "message",
    # de
    "nachricht", "schreib mir", "schreibt mir", "schreiben sie mir", "schick mir", "schickt mir",
    "schicken sie mir", "simse",
    "zentrale", "vermittlung",
    # fr
    "écris-moi", "ecris-moi", "écrivez-moi", "ecrivez-moi", "envoie-moi", "envoyez-moi", "texte-moi",
    "me texter", "textez-moi", "port.", "dispo au", "disponible au", "tu me trouves", "vous me trouvez",
    "poste ",
    # es, it, pt
    "mensaje", "escríbeme", "escribeme", "escríbame", "escribame", "escribidme", "mándame", "mandame",
    "envíame", "enviame", "localizable", "me encuentras", "extensión", "extension", "centralit",
    "messaggi", "scrivimi", "scrivici", "mi scriva", "mandami", "inviami", "mi trovi", "reperibil",
    "raggiungibil", "interno ", "centralin",
    "mensage", "manda-me", "envia-me", "escreve-me", "escreva-me", "me manda", "me escreve",
    "disponível no", "disponivel no",
    # nl, da, sv, no, is
    "bericht", "stuur me", "stuur mij", "schrijf me", "appen", "appje",
    "besked", "send mig", "skriv til mig", "skriv til os", "træffes", "fanges på", "kan nås",
    "meddelande", "skicka ett sms", "skicka sms", "skriv till mig", "nås på",
    "träffas på", "melding", "send meg", "skriv til meg", "treffes",
    "skilaboð", "sendu mér", "sendið mér", "skrifaðu mér", "skrifið mér", "ná í mig", "náð í mig",
    # fi, et, lv, lt
    "viesti", "tekstiviesti", "laita viesti", "lähetä minulle", "kirjoita minulle", "tekstaa",
    "sõnum", "sonum", "kirjuta mulle", "kirjutage mulle", "saada mulle", "saatke mulle", "leiad mind",
    "kättesaadav",
    "ziņ", "īsziņ", "raksti man", "rakstiet man", "atsūti man", "atsūtiet man", "sūti man",
    "žinut", "zinut", "parašyk", "parasyk", "rašyk", "rasyk", "atsiųsk", "atsiusk", "rasi mane",
    # pl, cs, sk, sl, hr
    "wiadomoś", "wiadomos", "napisz", "pisz do mnie", "wyślij mi", "wyslij mi", "esemes",
    "dostępn", "złapiesz mnie", "wew.",
    "zpráv", "napiš mi", "napište mi", "pošli mi", "pošlete mi", "esemesk", "najdeš mě",
    "dostupn",
    "správ", "napíš mi", "napíšte mi", "pošlite mi", "nájdeš ma",
    "sporočil", "piši mi", "pišite mi", "pošlji mi", "pošljite mi", "najdeš me",
    "poruk", "pošalji mi", "pošaljite mi", "javi mi se", "javite mi se", "javi se", "nađeš me",
    # hu, ro, bg, el
    "üzen", "írj", "írjon", "küldj", "küldjön", "elérsz", "megtalálsz", "mellék",
    "mesaj", "scrie-mi", "scrieți-mi", "scrieti-mi", "trimite-mi", "trimiteți-mi", "trimiteti-mi",
    "mă găsești", "ma gasesti", "mă găsiți", "ma gasiti", "disponibil la",
    "съобщени", "пиши ми", "пишете ми", "изпрати ми", "изпратете ми", "есемес", "ще ме намериш",
    "моб",
    "μήνυμα", "μηνυμα", "μηνύματ", "γράψε μου", "γράψτε μου", "στείλε μου", "στείλτε μου",
    "διαθέσιμ", "θα με βρεις", "βρείτε με", "βρες με",
    # mt, ga
    "messaġġ", "messagg", "ibgħatli", "ibgħatuli", "iktebli", "ikteb lili", "iktbu lili",
    "teachtaireacht", "seol chugam", "teil.", "scríobh chugam", "scriobh chugam", "téacs", "teacs",
    # calling someone, in forms the phone words lack
    "liga ao", "liga à", "liga-lhe", "πάρε τη", "πάρε τον", "πάρτε τη", "πάρτε τον",
    # landlines
    "стационар", "σταθερ", "pevná linka", "pevnou linku", "pevnú linku", "vezetékes", "fiksni",
    "stacionar", "fastnet", "fasta telefon", "fastlinje",
    # finding or catching someone ("you'll find me on", "Issibni fuq", "Náðu í mig í")
    "catch me on", "get me at", "findest mich", "finden sie mich", "me localizas", "localízame",
    "mi trovate", "trovami", "encontras-me", "encontra-me", "me encontra", "me acha", "je vindt me",
    "vind me", "finder mig", "find mig", "hittar mig", "finner meg", "finn meg", "náðu í mig",
    "nærð í mig", "löydät minut", "saad mind", "sazvan", "pasieksi mane", "znajdziesz mnie",
    "zastihneš", "zastihnete", "dobiš me", "dobiti na", "dobiješ me", "me dobiti", "mă prinzi",
    "ме намериш", "με βρίσκεις", "issibni", "sibni", "gheobhaidh tú mé",
    # getting in touch with someone, in forms the phone words lack ("que llame a mi vecina al",
    # "hafa samband við", "jāsazinās ar", "naj pokliče", "höra av sig till", "neka se javi")
    "llame", "llamen", "hafa samband", "hafðu samband", "hafið samband",
    "haft samband", "sazin", "jāsazin", "pokliče", "pokličem", "poklical", "hör av dig",
    "hör av er", "höra av sig", "hör av sig", "hört av", "se javi", "se javite",
    # emoji of a phone
    "☎", "☏", "📞", "📱", "📲",
)  # fmt: skip
