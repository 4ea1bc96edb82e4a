"""Regular-expression building blocks the finders share: context words of numbers, prefix-tree patterns."""

from __future__ import annotations

import re

import regex


def has_digit(text: str) -> bool:
    """Whether ``text`` holds an ASCII digit (all a normalised text holds): ten substring searches
    cost less than one regular-expression scan."""
    return any(digit in text for digit in "0123456789")


def trie_pattern(words: list[str]) -> str:
    """One alternation shaped as a prefix tree, so a scan fails fast at most positions."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if len(branches) == 1 and not ends:
            return body
        return body + ("?" if ends else "")

    return render(trie)


# Words before a number that make it a phone number: stems that take endings (telefonu, soittakaa,
# zvaniet), and abbreviations that count only as whole words ("tel" is not in "Bestellung").
PHONE_CONTEXT_STEMS = (
    "phone", "mobile", "call", "telefon", "puhelin", "soita", "cellulare", "handy", "skambin", "zvan",
    "helista", "chiama", "téléphone", "portable", "appelle", "appeler", "teléfono", "móvil", "llám",
    "telemóvel", "telefone", "liga-me", "ligue", "bel me", "bellen", "telefoon", "mobiel", "zadzwo",
    "komórk", "zavolej", "zavolaj", "mobil", "pokliči", "nazovi", "обади", "телефон", "τηλέφων",
    "πάρε με", "hívj", "sună", "ring mig", "ring meg", "ring på", "ring til", "hringdu", "síma",
    "glaoigh", "fón", "guthán", "ċempel", "ċempilli", "mowbajl", "numer tel", "numero di tel",
    "rufnummer", "handynummer", "whatsapp", "sms", "reach me", "text me", "erreichbar", "joignable",
    "joindre", "κινητ", "mobiil", "matkapuhelin", "gsm", "мобил", "tālrun", "telefoonnummer",
    "ruf", "anruf", "mobitel", "zavolaj", "llama", "chiamami", "telefón", "telefónne", "τηλ",
    "appelez", "appelle-moi", "símin", "símann", "símanúm", "обад", "позвън", "helistage",
    "contact", "kontakt", "contatt", "contáct", "επικοινων", "coordonnées", "rappel", "ring me",
    "ring us", "give me a ring", "scrivetemi", "whatsapp",
    # Calling, texting and reaching someone, landlines and mobiles, as users write them. Verbs by
    # their forms, not their bare stems: "volejbal", "dzwonnica", "appel d'offres", "ringa in".
    "landline", "text me", "reachable", "you can reach", "dial ", "festnetz", "durchwahl",
    "melde dich", "meld dich", "erreich", "texto", "celular", "recapito", "chiam", "ligar",
    "liga para", "contacto", "bereik", "belt ", "gebeld", "app me", "ringa mig", "ringa oss",
    "ringa på", "ringa till", "ringe meg", "ringe mig", "ringe til", "ringe på", "nå mig", "nå meg",
    "når mig", "når meg", "soita", "soitta", "soitele", "tavoit", "paskamb", "piezvan", "dzwoń",
    "dzwonić", "dzwońcie", "volejte", "volej mi", "volej na", "volajte", "volaj mi", "volaj na",
    "ozvi se", "ozvi sa", "ozvěte se", "ozvite sa", "k zastižení", "k zastihnutiu", "kliči",
    "dosegljiv", "zovi me", "zovite", "nazv", "hívj", "hívható", "hívjon", "hívd", "hívhat",
    "elérhető", "sunați", "sunaţi", "sunati", "suna-m", "звъннете", "звънни", "звънете",
    "καλέστε", "καλέσ", "πάρτε με", "cuir glao", "glaoigh", "fhón", "bhfón", "ghuthán",
    "nguthán", "ċempl", "cempel", "cempl", "farsím", "hringdu", "hringið", "hringja", "hringdi",
    "tfn", "símanúmer", "fóin", "zur verfügung",
)  # fmt: skip
PHONE_CONTEXT_ABBREVIATIONS = (
    "tel", "puh", "mob", "cell", "tālr", "tél", "tlf", "tlm", "τηλ", "κιν", "тел", "ph", "tf", "kom",
    "bel", "ring", "fixe", "fijo", "fisso", "gsm", "sms", "sími", "kännykkä", "kännykkäni", "känny",
    "mobla",
)  # fmt: skip
# Prefix trees: one pattern over a hundred words still fails fast at most positions.
_ABBREVIATIONS, _STEMS = (
    trie_pattern(list(PHONE_CONTEXT_ABBREVIATIONS)),
    trie_pattern(list(PHONE_CONTEXT_STEMS)),
)
# A signature's one-letter label, upper case and right before the digits: "M: 07700 123456".
_LETTER_LABEL = r"(?-i:[MTP])(?=:\s?[+(\d])"
# The words' first letters, tested first: most positions of a text fail that one class test before
# the look-behind and the prefix trees are tried (a third less time on dense text).
_FIRST_LETTERS = "".join(
    sorted(
        {
            c
            for w in (*PHONE_CONTEXT_STEMS, *PHONE_CONTEXT_ABBREVIATIONS, "M", "T", "P")
            for c in (w[0].lower(), w[0].upper())
        }
    )
)
PHONE_CONTEXT = (
    rf"(?=[{re.escape(_FIRST_LETTERS)}])(?<!\w)(?:{_ABBREVIATIONS}(?!\w)|{_STEMS}|{_LETTER_LABEL})"
)
# The plain word "number" in each language, by stem ("numeris", "numerį", "számom", "čísla"): before a
# digit group it may name a phone number, or an order's; the finders weigh which.
NUMBER_WORD_STEMS = (
    "number", "numbri", "nummer", "numéro", "número", "numero", "numer", "numur", "numru", "númer",
    "număr", "numar", "čísl", "cisl", "broj", "številk", "stevilk", "szám", "номер", "αριθμ", "νούμερο",
    "uimhir",
)  # fmt: skip
# "számla" is an invoice or an account, not a number.
_NUMBER_STEMS = trie_pattern(list(NUMBER_WORD_STEMS))
NUMBER_WORDS = rf"(?<!\w)(?:{_NUMBER_STEMS})(?!la)"
# Words that say what else a number is, by stem so inflections match (Bestellnummer, užsakymo,
# tilauksen): orders, invoices, tickets, shipments, builds and versions, references, counts.
OTHER_READING_STEMS = (
    "order|invoice|ticket|issue|case|build|release|version|commit|job|run|tracking|shipment|parcel|"
    "package|delivery|booking|reservation|reference|ref|receipt|transaction|serial|sku|item|article|"
    "product|part|model|batch|lot|port|pid|line|page|row|record|error|code|"
    "bestell|auftrag|rechnung|sendung|paket|artikel|seriennummer|"
    "užsakym|saskait|sąskait|siunt|bilet|"
    "pasūtījum|rēķin|sūtījum|"
    "tellimu|arve|saadetis|pilet|"
    "tilau|lasku|lähety|tiketti|"
    "ordin|fattur|spedizion|bigliett|articol|"
    "isbn|issn|ean|gtin|doi|arxiv|"
    "encomenda|fatura|processo|protocolo|pedido|factura|expediente|commande|facture|pratica|"
    "comand|comenz|dosar|παραγγελ|τιμολόγ|υπόθεσ|rendel|ügyszám|objedn|faktur|zamówie|zgłosze|"
    "naročil|narudžb|поръч|фактур|ärende|bestelling|factuur|tilaus|tellimus|pöntun|reikning|ordú|ordai|ordni|"
    # tracking a parcel, and Nordic and French orders
    "ordre|suivi|seguimiento|tracciament|sendungsverfolg|śledz|sekim|izsekoš|jälgimis|seuranta|spårning|"
    "sporing|rastreio|urmărire|sledován|sledovan|sledenj|praćenj|nyomkövet|проследяв|παρακολούθ|rianú|"
    # values and parameters, meters and their readings, batches
    "value|wert|valeur|valor|valore|waarde|wartoś|hodnot|vrijednost|vrednost|érték|valoare|стойност|"
    "limit|seed|param|argument|meter|zähler|compteur|contator|licznik|elektroměr|elektromer|števec|brojil|"
    "mérőór|contor|електромер|μετρητ|skaitikl|skaitītāj|arvesti|mittar|mätar|måler|mælir|méadar|"
    "партид|partia|šarž"
)
# Near a "number" word (before it, or between it and the digits: "numero di spedizione"), what
# makes it some other number than a phone's: the above, and documents, accounts, customers.
NOT_A_PHONE_STEMS = (
    "id", "identity", "personal", "passport", "account", "card", "customer", "client", "member", "tax",
    "vat", "policy", "contract", "kunden", "konto", "steuer", "ausweis", "pass", "dossier", "facture",
    "commande", "pedido", "factura", "ordine", "cliente", "klient", "zamówieni", "objedn", "tilaus",
    "asiakas", "sąskait", "asmens", "personas", "isiku", "henkilö", "paso", "pase", "passe", "reisepass",
    "rodn", "birth", "geburt", "meeting", "passcode", "pin", "protokoll", "aktenzeichen",
)  # fmt: skip
# As prefix trees: these are searched for at every position of a window before many numbers.
OTHER_READING = trie_pattern(sorted(set(OTHER_READING_STEMS.split("|"))))
NOT_A_PHONE = r"(?<!\w)(?:{})".format(
    trie_pattern(sorted({*OTHER_READING_STEMS.split("|"), *NOT_A_PHONE_STEMS}))
)

# Context words of the 26 languages, matched as word starts (case endings may follow).
DOCUMENT_CONTEXT = {
    "PASSPORT_NUMBER": regex.compile(
        r"(?<!\w)(?:passport|reisepass|pass\b|passn|passet|pasas|paso\b|pase\b|pases\b|passi|passaport|"
        r"passeport|pasaport|paspoort|paszport|cestovn\w* pas|pas\b|pasu\b|pasnummer|potn\w* list|"
        r"putovnic|паспорт|διαβατήρι|διαβατηρ|útlevél|útlevel|pașaport|paşaport|vegabréf|phas|pas\b|"
        r"pasnr|passnr|pass-nr|pas-nr)",
        regex.IGNORECASE,
    ),
    "ID_CARD_NUMBER": regex.compile(
        r"(?<!\w)(?:personalausweis|ausweis|identity card|id card|id-card|id-kort|identity document|"
        r"id kart|id-kart|kortelė|kortelės|apliecīb|id-kaar|isikutunnistu|henkilökort|"
        r"carta d['’ ]?identità|carta di identità|karta tal-identità|karta tal-identita|"
        r"carte (?:nationale )?d['’]identité|cni\b|cart\w* de identitate|cărți\w* de identitate|buletin|"
        r"documento (?:nacional )?de identidad|cart[ãa]o d[eo] cidad[ãa]o|bilhete de identidade|"
        r"identiteitskaart|dowod\w* osobist|dowód osobisty|"
        r"obč\w*nsk\w* (?:průkaz|preukaz)|osebn\w* izkaznic|osobn\w* iskaznic|личн\w*(?: \w+)? карт|"
        r"ταυτότητ|személyi|nafnskírteini|cárta aitheantais|chárta aitheantais|nationellt id|nasjonalt id|"
        r"seirbhísí poiblí|public services card|identiteitsbewijs|id-bewijs|id-kaart|identitätskarte|"
        r"pièce d['’]identité|seria\b|(?-i:CI)\b|eid kart|eid-kart|"
        r"(?-i:DNIe?)\b)",  # Spain's card; upper case, as "dni" is Polish for days
        regex.IGNORECASE,
    ),
}
