"""Postal addresses: street-type words of the 26 languages with a house number, or an address word.

Three shapes, each needing a house number next to a capitalised street name so that prose does
not match: a street-type word before the name ("rue des Lilas", "Calle Mayor", "ul. Długa",
"οδός Ερμού", "Triq il-Kbira"), a street-type word or ending after it ("Kingsley Road",
"Lindenstraße", "Storgatan", "Brīvības iela", "Váci utca", "Mannerheimintie"), or an address
word or "I live at" before a bare name and number ("adresa: Vinohradská 48"); or, with no such
word, a postal line's tail after it (postal_lines.py: dwelling parts, then a postcode and a town,
after a comma or on the next line: "Am Mühlbach 3a, 81547 München", "Τσιμισκή 112, 3ος όροφος,
546 22 Θεσσαλονίκη"), or, after a home word, a town ("nach Hause: Birkenweg 7, Regensburg"). A
postcode next to it, or a home or address word before it, raises the score. A company's registered
address (a legal form or "registered office" before it) is not a person's.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import regex

from gateway.classification.languages import lowered_words
from gateway.classification.patterns import has_digit, trie_pattern
from gateway.classification.postal_lines import (
    HINT_AFTER,
    HINT_BEFORE,
    HOME_WORD,
    HOME_WORD_LOWER,
    HOME_WORDS,
    LETTERS_POSTCODE,
    NOT_STREET,
    POSTCODE_TOWN,
    TOWN_POSTCODE,
    UNITS,
    hints,
)

ENTITY = "STREET_ADDRESS"
SCORE_ADDRESS = 0.7
SCORE_WITH_POSTCODE = 0.85

# Street-type words written before the name (matched case-insensitively, whole words).
_BEFORE_TEXT = (
    "rue avenue av. boulevard bd bd. chemin allée impasse place quai route calle c/ avenida avda. "
    "av plaza paseo camino carrer via viale piazza corso largo vicolo rua travessa praça estrada "
    "ul. ulica ulicy ulicą aleja al. plac os. osiedle strada str. bulevardul bd. calea piața șoseaua "
    "aleea ул. улица бул. булевард пл. ж.к. οδός οδ. λεωφόρος λεωφ. πλατεία triq pjazza vjal "
    "sqaq bóthar bhóthar sráid ascaill lána cearnóg "
    # Abbreviations and words of more states: "pl. Grunwaldzki", "nám. Míru", "b-dul Unirii",
    # "ctra. de Valencia", "v.le Monza", "p.za Dante", "кв. Лозенец", "бл.", "πλ. Συντάγματος".
    "pl. nám. náměstí nábřeží nábř. třída tř. námestie sídl. b-dul bdul șos. sos. spl. splaiul "
    "intrarea ctra. carretera pza. pº ronda travesía v.le p.za c.so imp. rte кв. жк квартал πλ. sq."
)
_BEFORE = _BEFORE_TEXT.split()
# Street-type words written after the name.
_AFTER_TEXT = (
    "road rd rd. street st st. avenue ave ave. lane ln drive dr. way close court ct place square "
    "terrace crescent grove gardens row hill walk park mews heights quay wharf straße strasse str. "
    "gasse weg allee platz ring damm ufer chaussee gracht laan straat plein kade singel dijk steeg "
    "gatan gata gatu vägen väg gränd torget gate gaten veien vei vegen gade vej allé plads stræti "
    "vegur gata tie katu kuja polku tori tee mnt maantee puiestee pst pst. põik iela bulvāris "
    "prospekts dambis dambī gatve gatvē laukums laukumā bulvārī prospektā gatvė g. pr. prospektas "
    "al. utca u. út útja tér körút krt. ulice třída nám. náměstí nábřeží ulica trieda námestie cesta "
    "ulica trg avenija tänav tn. ielā gatvėje cesti ulici tänaval "
    # Abbreviations: "Tähe tn 8", "Lenino str. 3", "Storgata gt. 5", "Rákóczi út", "Dózsa krt".
    "tn mnt. str gt. vn. krt ul. ulice"
)
_AFTER = _AFTER_TEXT.split()
# Endings glued to the name: "Lindenstraße", "Keizersgracht", "Storgatan", "Nørregade".
_GLUED_TEXT = (
    "straße strasse gasse weg allee platz ring damm gracht laan straat plein kade singel dijk gatan "
    "gata vägen torget gaten veien vegen gade vej vænget stræti vegur tie katu kuja polku tori tee "
    "iela utca útja stígur stíg braut "
    # Compound tails: "Åboulevarden", "Bredgatan", "Slottsallén", "Holmenkollstien", "Rosensteig".
    "boulevarden boulevard allén alléen stien stigen plassen torvet bakken steig pfad zeile raitti "
    "kaari väylä"
)
_GLUED = _GLUED_TEXT.split()
# Words that say an address follows, or that the writer lives there.
_CONTEXT_TEXT = (
    "address adresse anschrift wohnhaft wohne dirección domicilio vivo indirizzo abito residente "
    "morada endereço moro adres adresa adrese adresas adreso adresą aadress osoite osoitteeni "
    "osoitteessa naslov naslovu adresă адрес адреса адресът διεύθυνση διεύθυνσή cím címem címe "
    "seoladh sheoladh indirizz heimilisfang heimilisfangið bor bydlím bydliště býva bývam mieszkam "
    "zamieszkały zamieszkała stanujem živim живея μένω lakom lakik locuiesc domiciliu gyvenu "
    "gyvenamoji dzīvoju dzīvesvieta elan elukoht asun asuu woon woonachtig postadres"
)
_CONTEXT = _CONTEXT_TEXT.split()

# A lower-case head: "d'Italia", "il-Kbira", and Irish mutations ("na hAbhann", "Dún na nGall").
_NAME = r"(?:[\p{Ll}]{1,3}['’-]|(?:bh|[hntmgbd])(?=\p{Lu}))?\p{Lu}[\p{L}'’.-]*"
_PARTICLE = (
    r"(?:de|des|du|la|le|les|del|della|delle|dei|di|da|do|dos|das|van|der|den|het|na|an|von|am|im|"
    r"zum|zur|of|the|il|l|ta|tal|tas|tat|ir|i|e|și|and|y)"
)
_NAMES = rf"[\"„“«']?(?:(?:{_PARTICLE}|{_NAME})[\s-]+){{0,3}}{_NAME}[\"“”»']?"
_NUMBER = r"\d{1,4}(?:\s?[A-Za-z](?![\p{L}\d])|\s(?:bis|ter)\b)?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?)?(?!\d|[.,]\d)"
# "nr. 27", "№ 5", and a block's number in a housing estate ("ж.к. „Тракия“, бл. 112").
_NR = r"(?:(?:nr|Nr|no|No|n|č|br|num|číslo|бл|блок|bl|blok)\.?\s*|№\s*)?"


def _words(words: list[str]) -> str:
    # A prefix tree: tried at most positions of a text, a long alternation is what costs.
    return rf"(?:{trie_pattern(sorted({w.lower() for w in words}))})"


_BEFORE_WORD = rf"(?i:(?<![\p{{L}}\d]){_words(_BEFORE)}(?![\p{{L}}]))"
# A capital and a dot after a name is an initial ("Marta G., 26 años"), not Lithuanian "g." (gatvė).
_AFTER_WORD = rf"(?!\p{{Lu}}\.)(?i:{_words(_AFTER)})(?![\p{{L}}])"
# The whole word first, then its ending looked back at: one pass per capitalised word.
_GLUED_NAME = rf"(?:{_NAME}[\s-]+){{0,2}}\p{{Lu}}\p{{L}}*+(?<=\p{{L}}(?i:{_words(_GLUED)}))"
# The street shapes by the kind of word they need: a street-type word before the name, one after
# it, or an ending glued to it.
_SHAPES = (
    ("before", rf"{_NUMBER},?\s+{_BEFORE_WORD}\s*{_NAMES}"),
    ("before", rf"{_BEFORE_WORD}\s*{_NAMES},?\s+{_NR}{_NUMBER}"),
    ("after", rf"{_NUMBER},?\s+(?:{_NAME}\s+){{1,3}}{_AFTER_WORD}"),
    ("after", rf"(?:{_NAME}\s+){{1,3}}{_AFTER_WORD}\s*,?\s*{_NR}{_NUMBER}"),
    ("glued", rf"{_GLUED_NAME}\s*,?\s*{_NR}{_NUMBER}"),
)
_KINDS = ("before", "after", "glued")


def _street(kinds: frozenset[str]) -> regex.Pattern[str]:
    shapes = "|".join(shape for kind, shape in _SHAPES if kind in kinds)
    return regex.compile(rf"(?<![\p{{L}}\d])(?<!\d[-./:])(?:{shapes})")


_STREET = _street(frozenset(_KINDS))
_CONTEXT_THEN_STREET = regex.compile(
    rf"(?i:(?<![\p{{L}}]){_words(_CONTEXT)})(?![\p{{L}}])[^\n.!?]{{0,25}}?(?<![\p{{L}}\d])"
    rf"(?P<street>(?=[\"„“«']?\p{{Lu}}){_NAMES},?\s+{_NR}{_NUMBER})"
)
# No street-type word, but the shape of a postal line: "Husova 12, 602 00 Brno", "Am Mühlbach 3a,
# 81547 München", "Τσιμισκή 112, 3ος όροφος, 546 22 Θεσσαλονίκη", "Åboulevarden 45, 1. th., 8000
# Aarhus C" (dwelling parts between the street and the postcode).
_STREET_LINE = (
    rf"(?<![\p{{L}}\d]){NOT_STREET}(?P<street>(?=[\"„“«']?\p{{Lu}}){_NAMES},?\s+{_NR}{_NUMBER}){UNITS}"
)
# The postcode after a comma, or opening the next line as on an envelope ("Am Mühlbach 3a\n81547 München").
_LINE_BREAK = r"(?:,\s*|[^\S\n]*\n\s*)"
_POSTAL_LINE = regex.compile(rf"{_STREET_LINE}{_LINE_BREAK}(?:{POSTCODE_TOWN}|{TOWN_POSTCODE})")
# Most windows hold no postcode written with letters: there, a line can only end in one of digits.
_POSTAL_LINE_DIGITS_ONLY = regex.compile(rf"{_STREET_LINE}{_LINE_BREAK}{POSTCODE_TOWN}")
_LETTERS_POSTCODE = regex.compile(LETTERS_POSTCODE)
# The number first, as in Ireland, Malta and Britain: "41 Millbrook, Ballincollig, Co. Cork P31 F6K2".
_POSTAL_LINE_NUMBER_FIRST = regex.compile(
    rf"(?<![\p{{L}}\d])(?P<street>{_NUMBER}\s+{_NAMES}){UNITS}{_LINE_BREAK}{TOWN_POSTCODE}"
)
# After a home word, a street line followed by a town is enough: "nach Hause: Am Mühlbach 3a, München".
# A year-shaped postcode too, after a home word: "Pošlji mi domov na Gosposvetska 9, 2000 Maribor".
# Tried only where a home word ends (found in the lower-cased text), not at every place of a window.
_AFTER_HOME_WORD = regex.compile(
    rf"[^\n.!?]{{0,30}}?{_STREET_LINE},\s*(?:(?:[A-Z]{{1,2}}-)?\d{{3,5}}\s+)?\p{{Lu}}\p{{Ll}}"
)
# A company's registered address is not personal data: a legal form or a "registered office" word
# before the address, with no one saying they live there in between.
_ORGANISATION = regex.compile(
    r"(?<![\p{L}])(?:GmbH|AG|KG|Ltd|Limited|PLC|LLC|Inc|S\.?A\.?S?|SARL|S\.?p\.?A\.?|S\.?r\.?l\.?|B\.?V\.?|"
    r"N\.?V\.?|AB|ASA|A/S|ApS|Oyj?|OÜ|AS|UAB|SIA|Kft|Zrt|Nyrt|s\.\s?r\.\s?o\.|a\.\s?s\.|d\.o\.o\.|d\.d\.|"
    r"sp\.\s?z\s?o\.\s?o\.|S\.?R\.?L\.?|ЕООД|ООД|АД|Α\.?Ε\.?|ΕΠΕ|Teo|Ltd\.|"
    r"(?i:registered office|head office|headquarters|sitz der gesellschaft|firmensitz|siège social|"
    r"sede legale|sede social|domicilio social|statutair gevestigd|siedziba|säte|hovedkontor|kotipaikka|"
    r"juridiskā adrese|"
    r"buveinė|registrijärgne|sídlo|székhely|sediul social|седалище|έδρα))(?![\p{L}])"
)
_DWELLING = regex.compile(
    r"(?i:(?<![\p{L}])(?:live|lives|living|home|wohne|wohnt|wohnhaft|habite|vivo|vive|abito|moro|woon|"
    r"bor|bydlím|bývam|mieszkam|živim|живея|μένω|lakom|locuiesc|gyvenu|dzīvoju|elan|asun)(?![\p{L}]))"
)
_ORGANISATION_REACH = 80

# Postcodes of the EU states, Norway and Iceland (a prefix like "LT-" or a state code optional).
_POSTCODE = regex.compile(
    r"(?<![\p{L}\d])(?:"
    r"(?:LT|LV|EE|CY|MT|BG|RO|SK|CZ|HR|SI|PL|IS|NO|DK|FI|SE|AT|DE|FR|IT|ES|PT|BE|NL|LU|HU|GR)-\d{3,5}"
    r"|\d{4}\s?[A-Z]{2}"  # NL
    r"|\d{3}\s\d{2}"  # CZ, SK, SE, GR
    r"|\d{2}-\d{3}"  # PL
    r"|\d{4}-\d{3}"  # PT
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4}"  # IE Eircode
    r"|[A-Z]{3}\s?\d{4}"  # MT
    r"|\d{4,6}"  # the many all-digit formats
    r")(?![\p{L}\d])"
)


# The patterns run only around house numbers: windows reaching this far before and after a number.
_REACH_BEFORE = 70
_REACH_AFTER = 45
# Numbers of one to four digits (a longer run's last four) whose windows overlap: one within
# 115 characters (both reaches) of the one before it. One match per merged window, found in C.
_NUMBER_CLUSTER = re.compile(
    rf"\d{{1,4}}(?!\d)(?:[\s\S]{{0,{_REACH_BEFORE + _REACH_AFTER}}}?\d{{1,4}}(?!\d))*"
)
# Only a text holding a street-type word, a glued street ending or an address word is scanned.
_KEYWORDS = frozenset(w.rstrip(".") for w in (*_BEFORE, *_AFTER, *_CONTEXT) if w.rstrip(".").isalpha())
# Words written with a hyphen, a slash or inner dots ("b-dul", "ж.к.", "v.le") are no tokens.
_ODD_KEYWORD = re.compile(
    trie_pattern(sorted({w.lower() for w in (*_BEFORE, *_AFTER) if not w.rstrip(".").isalpha()}))
)
_GLUED_ENDING = re.compile(rf"(?:{trie_pattern(sorted(set(_GLUED)))})\b")
# Every street match holds one of these words, every address-word match one of those: a window of
# the lower-cased text holding neither is not worth the expressions above, which try a name at each
# capital letter. Their bounds are looser (ASCII only), so they never skip a window that matches.
# A sigma matches either form, as case-insensitive matching does.


def _lower_words(words: list[str]) -> str:
    return trie_pattern(sorted({w.lower() for w in words})).replace("σ", "ς").replace("ς", "[σς]")


_STREET_WORDS = {
    "before": re.compile(rf"(?<![a-z0-9])(?:{_lower_words(_BEFORE)})"),
    "after": re.compile(rf"(?<=\s)(?:{_lower_words(_AFTER)})(?![a-z])"),
    "glued": re.compile(rf"(?:{_lower_words(_GLUED)})(?![a-z])"),
}
# A window is scanned only for the shapes whose word it holds: the glued ending, tried at every
# capital letter, is the dearest shape and the one most windows lack. Leaving out a shape that
# cannot match changes no match of the others.
_STREET_BY_KINDS: dict[frozenset[str], regex.Pattern[str] | None] = {
    kinds: _street(kinds) if kinds else None
    for kinds in (frozenset(itertools.compress(_KINDS, on)) for on in itertools.product((0, 1), repeat=3))
}
# How many whitespace-separated chunks of text a match may hold before its word: a house number
# of up to four ("12 a / 3b") and up to three names before an "after" word; up to four before a
# "before" word (the number); up to two names and two lone dashes before a glued word's chunk.
# Matched backwards from the word, each chunk whole.
_CHUNKS_BACK = {
    kind: regex.compile(rf"(?r)(?:\S+\s+){{0,{chunks}}}\S*")
    for kind, chunks in (("before", 4), ("after", 7), ("glued", 4))
}
# Letters that case-insensitive matching takes for a street or address word's letter but that
# lower-casing does not turn into it ("µ", "ſ", "ϑ", old Cyrillic forms; NFKC maps most away): a
# text holding one is scanned over whole windows. A test checks the list against the words.
FOLDED_APART = "\u00b5\u017f\u0345\u03d1\u03d5\u03d6\u03f1\u03f5\u1c80\u1c81\u1c83\u1c84\u1c85\u1c86\u1fbe"
_FOLDED_APART = re.compile(f"[{FOLDED_APART}]")
_HOME_WORD = regex.compile(HOME_WORD_LOWER)  # on the lower-cased text: no case folding at each place
_HOME_WORD_ANY_CASE = regex.compile(HOME_WORD)
_HOME_REACH = 150
_HOME_OR_ADDRESS_BEFORE = regex.compile(rf"{HOME_WORD}|(?i:(?<![\p{{L}}]){_words(_CONTEXT)}(?![\p{{L}}]))")
_BOOST_REACH = 60
_CONTEXT_WORD = re.compile(rf"(?<![a-z])(?:{_lower_words(_CONTEXT)})(?![a-z])")


@dataclass(frozen=True, slots=True)
class AddressHit:
    start: int
    end: int
    score: float


class AddressFinder:
    def find(self, text: str) -> list[AddressHit]:
        if not has_digit(text):
            return []  # no house number, no address
        lowered, words = lowered_words(text)
        postal = _postal_windows(text)
        tokens = set(words)
        home = not HOME_WORDS.isdisjoint(tokens)
        street_words = (
            not _KEYWORDS.isdisjoint(tokens)
            or _GLUED_ENDING.search(lowered) is not None
            or _ODD_KEYWORD.search(lowered) is not None
        )
        if not (postal or home or street_words):
            return []
        spans: set[tuple[int, int]] = set()
        # Lower-casing that changes a length ("İ") would shift the words' places: every window is scanned.
        aligned = len(lowered) == len(text)
        # Where case-insensitive matching and lower-casing disagree on a letter, the words' first
        # places are not trusted to bound where a match may start.
        narrowed = aligned and _FOLDED_APART.search(text) is None
        for start, end in _windows(text) if street_words else ():
            if aligned:
                first = {k: m for k, word in _STREET_WORDS.items() if (m := word.search(lowered, start, end))}
                kinds = frozenset(first)
            else:
                kinds = frozenset(_KINDS)
            if street := _STREET_BY_KINDS[kinds]:
                # A match holds its kind's word a few chunks of text after its start at most: the
                # window's stretch before that reach of each kind's first word cannot start one.
                since = (
                    min(_reach_back(text, start, m.start(), k) for k, m in first.items())
                    if narrowed
                    else start
                )
                spans.update(m.span() for m in street.finditer(text, since, end))
            address_word = _CONTEXT_WORD.search(lowered, start, end) if aligned else None
            if not aligned or address_word:
                # A match starts at its address word: none starts before the window's first one.
                since = address_word.start() if narrowed and address_word else start
                spans.update(m.span("street") for m in _CONTEXT_THEN_STREET.finditer(text, since, end))
        if home:
            home_words = _HOME_WORD.finditer(lowered) if aligned else _HOME_WORD_ANY_CASE.finditer(text)
            for word in home_words:
                street = _AFTER_HOME_WORD.match(text, word.end(), min(len(text), word.end() + _HOME_REACH))
                if street:
                    spans.add(street.span("street"))
        for start, end in postal:
            # Leaving out the shapes that end in a postcode written with letters where none is
            # changes no match: each such match holds one, found by the same expression.
            letters = _LETTERS_POSTCODE.search(text, start, end) is not None
            line = _POSTAL_LINE if letters else _POSTAL_LINE_DIGITS_ONLY
            spans.update(m.span("street") for m in line.finditer(text, start, end))
            if letters:
                spans.update(m.span("street") for m in _POSTAL_LINE_NUMBER_FIRST.finditer(text, start, end))
        hits: list[AddressHit] = []
        for start, end in sorted(spans):
            if hits and start < hits[-1].end:
                continue
            if _organisation_before(text, start):
                continue
            window = text[max(0, start - 30) : end + 30]
            # A postcode next to it, or a home or address word before it, makes it surer.
            sure = _has_postcode(window, text[start:end]) or _HOME_OR_ADDRESS_BEFORE.search(
                text, max(0, start - _BOOST_REACH), start
            )
            score = SCORE_WITH_POSTCODE if sure else SCORE_ADDRESS
            hits.append(AddressHit(start, end, score))
        return hits


def _postal_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of a line (and the one above) before and around what may be a postcode and a town,
    merged."""
    windows: list[tuple[int, int]] = []
    for hint_start, hint_end in hints(text):
        line_start = text.rfind("\n", 0, hint_start) + 1
        if line_start:  # on an envelope the street is on the line above
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        line_end = text.find("\n", hint_end)
        start = max(line_start, hint_start - HINT_BEFORE)
        end = min(len(text) if line_end == -1 else line_end, hint_end + HINT_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around numbers of one to four digits (house numbers), merged."""
    return [
        (max(0, m.start() - _REACH_BEFORE), min(len(text), m.end() + _REACH_AFTER))
        for m in _NUMBER_CLUSTER.finditer(text)
    ]


def _reach_back(text: str, start: int, word: int, kind: str) -> int:
    """The earliest place at which a street match of ``kind`` holding the word found at ``word``
    can start, not before ``start``."""
    found = _CHUNKS_BACK[kind].match(text, start, word)
    return found.start() if found else start


def _organisation_before(text: str, start: int) -> bool:
    """A company's legal form or registered-office word before the address on its line, and no one
    saying they live there after it."""
    line_start = text.rfind("\n", 0, start) + 1
    markers = list(_ORGANISATION.finditer(text, max(line_start, start - _ORGANISATION_REACH), start))
    return bool(markers) and _DWELLING.search(text, markers[-1].end(), start) is None


def _has_postcode(window: str, street: str) -> bool:
    return any(m.group(0) not in street for m in _POSTCODE.finditer(window))
