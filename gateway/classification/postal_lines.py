"""The parts of a postal line after the street: dwelling parts, postcodes and towns, home words.

A street line with no street-type word ("Am Mühlbach 3a", "Τσιμισκή 112", "Hlavná 48") is an
address when what follows is a postal line's tail: parts of the dwelling ("1. th.", "3ος όροφος",
"bl. C4, sc. 2, ap. 15", "Stiege 2/Top 5"), then a postcode of a shape one of the states uses
followed by a capitalised town ("81547 München", "546 22 Θεσσαλονίκη", "31-159 Kraków"), or a
town followed by a postcode written with letters ("Rīga, LV-1011", "Dublin 6, D06 X2K8", "Ħaż-Żebbuġ
ZBG 1011"). Home words ("nach Hause", "domicilio", "kodune aadress", "вкъщи") let a street line
followed by a town count without a postcode.
"""

from __future__ import annotations

import re

from gateway.classification.patterns import trie_pattern


def words(text: str) -> str:
    """An alternation of the words of ``text`` (lower case), shaped as a prefix tree."""
    return rf"(?:{trie_pattern(sorted({w.lower() for w in text.split()}))})"


# Words naming a part of a dwelling, matched case-insensitively: a part without a digit ("st. tv.",
# "esc. izq.") needs one of them; a part with a digit ("1. th.", "Top 5", "B 22") does not.
_UNIT_TEXT = (
    "flat apt apt. apartment unit floor suite appt appt. app. bât. bât étage et. ét. esc. escalier "
    "porte piso puerta planta izda. izq. dcha. dto. int. interno scala piano sc. ap. bl. bloc etaj "
    "stan kat byt vchod vch. em. emelet ajtó lph. lépcsőház stiege stg. top tür whg. wohnung og "
    "stock etage dzīv. dz. butas but. kv. korter m. as. asunto rapu porras lgh lgh. lägenhet tr. "
    "vån. våning lejl. sal st. th. tv. mf. leil. etg. etasje hæð íbúð árasán urlár appartament "
    "blk. blokk вх. ап. ет. бл. вход апартамент етаж διαμ. διαμέρισμα όροφος ορ. lokal mieszk. "
    "mieszkanie kl. klatka piętro esq. dto esquerdo direito andar r/c"
)
_UNIT_WORD = rf"(?<![\p{{L}}])(?i:{words(_UNIT_TEXT)})(?![\p{{L}}])"
# After the number, a flat's number or letter with no comma ("14 B 22", "3 as. 5"); then up to three
# comma-separated parts of at most 24 characters, each holding a digit or a dwelling word. A part
# runs to the next comma (possessive), so a line costs a few tries, not every way of cutting it.
_UNIT_PART = rf"(?=[^,\n]{{0,22}}(?:\d|{_UNIT_WORD}))[^,\n]{{1,24}}+(?=,)"
UNITS = rf"(?:\s+(?:{_UNIT_WORD}\s?)?\d{{1,4}}[A-Za-z]?(?![\p{{L}}\d]))?(?:,\s*{_UNIT_PART}){{0,3}}"

# Postcodes written before the town (Romania's have six digits). A four-digit year is none
# ("Windows 10, 2023 Edition"); an ambiguous all-digit postcode needs its town to end the clause
# or be followed by another capitalised word or a district number ("8000 Aarhus C", "110 00 Praha
# 1"), not by a lower-case word ("1200, 3500 Kunden haben"). Amounts are no towns ("1500 Euro").
_TOWN = r"\p{Lu}[\p{L}'’]+(?:-\p{Lu}?[\p{L}'’]+)*"
_TOWN_WORDS = (
    "euro euros eur ewro usd gbp kč czk ft huf zł pln lei ron kr kroner krónur dkk sek nok isk kuna stück "
    "teilnehmer tonna"
)
_NOT_TOWN = rf"(?!(?i:{words(_TOWN_WORDS)})(?![\p{{L}}]))"
_CLAUSE_END = r"(?=[^\S\n]*(?:$|\n|[^\s\p{Ll}])|\s+(?:am|an|im|in|nad|pod|na|del|de|di|sur|upon)\s+\p{Lu})"
# A postcode's own label may stand before it: "Τ.Κ. 546 22", "C.P. 28010", "CAP 20121", "PSČ 602 00".
_POSTCODE_LABEL = r"(?:(?:Τ\.\s?Κ\.|ΤΚ|C\.\s?P\.|CP|CAP|PSČ|PLZ|P\.?\s?C\.|PC)\s?)?"
POSTCODE_TOWN = (
    rf"{_POSTCODE_LABEL}"
    r"(?:(?:[A-Z]{1,2}-)?(?:\d{3}\s\d{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4}\s?[A-Z]{2}(?![\p{L}\d]))"
    rf"\s+{_NOT_TOWN}{_TOWN}"
    rf"|(?:[A-Z]{{1,2}}-)?(?!(?:19|20)\d\d(?!\d))\d{{4,6}}\s+{_NOT_TOWN}{_TOWN}{_CLAUSE_END})"
)
_PLACE = rf"{_TOWN}(?:\s(?:na\s|an\s)?{_TOWN}){{0,2}}"  # "Baile Átha Luain", "Dún na nGall"
# Postcodes written with letters after the town: Latvia, Malta, Ireland, the United Kingdom.
LETTERS_POSTCODE = (
    r"(?:LV-\d{4}|[A-Z]{3}\s?\d{4}|[AC-FHKNPRTV-Y]\d[\dW]\s?[AC-FHKNPRTV-Y\d]{4}"
    r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})(?![\p{L}\d])"
)
TOWN_POSTCODE = rf"(?:{_PLACE},\s+)?(?:Co\.\s|County\s)?{_PLACE}(?:\s\d{{1,2}})?,?\s+{LETTERS_POSTCODE}"
# Where a postal line's tail may be: a postcode then a capitalised word, or a letters-and-digits
# postcode. Only around these is the postal-line expression tried.
# Plain expressions, tried fast at each digit or capital letter; a candidate's first letter must be a capital.
# A digit first (the scan skips to digits fast), then the look back: not inside a longer number.
_HINT_DIGITS = re.compile(r"\d(?<!\d\d)\d{1,5}(?:[\s-]\d{2,3})?(?:\s?[A-Z]{2})?\s+([^\W\d_])")
_HINT_LETTERS = re.compile(
    r"[A-Z](?:V-\d{4}|[A-Z]{2}\s?\d{4}|\d[\dW]\s?[A-Z\d]{4}|[A-Z]?\d[A-Z\d]?\s\d[A-Z]{2})(?![^\W_])"
)


def hints(text: str) -> list[tuple[int, int]]:
    """Where a postal line's tail may be: a postcode then a capitalised word, or a postcode
    written with letters. Only around these is the postal-line expression tried."""
    found = [m.span() for m in _HINT_DIGITS.finditer(text) if m.group(1).isupper()]
    found += [m.span() for m in _HINT_LETTERS.finditer(text)]
    return sorted(found)


HINT_BEFORE = 110  # characters of street and dwelling parts before a postcode
HINT_AFTER = 40

# Words opening a line that names something else than a street ("Version 10, 8000 Nutzer").
_NOT_STREET_TEXT = (
    "version release build order invoice ticket issue bug page seite chapter kapitel room zimmer "
    "table tabelle figure step schritt item windows python java android ios office sprint "
    "rechnung bestellung auftrag artikel paragraph absatz kapitola strana strona oldal sivu lehekülg "
    "flat apartment unit suite apt floor top "
    # chapters, pages, rooms and versions of the other languages
    "chapitre capítulo capitolo hoofdstuk kapittel luku peatükk nodaļa skyrius poglavlje fejezet "
    "capitol глава κεφάλαιο caibidil kafli página pagina pagine side sida lappuse puslapis stránka "
    "σελίδα страница leathanach bladsíða salle sala kamer rum huone tuba istaba kambarys soba szoba "
    "cameră стая δωμάτιο seomra herbergi versión versione versie versjon versio versioon versija "
    "verze verzija verzió versiune версия έκδοση leagan útgáfa"
)
NOT_STREET = rf"(?!(?i:{words(_NOT_STREET_TEXT)})(?![\p{{L}}]))"

# Home words in the 26 languages: a street line after one, followed by a town, is an address even
# with no postcode ("Schick es nach Hause: Am Mühlbach 3a, München").
_HOME_TEXT = (
    "home домой вкъщи дома домашен домашния σπίτι οικία domů domov domácí doma domovskou "
    "hjem hjemme hjemmeadresse privat privatadresse hause zuhause privatanschrift heimadresse "
    "casa domicilio particular kodune kodu koju kotiin kotiosoite kotiosoitteeni kotona domicile "
    "maison baile bhaile kući kućna kućnu otthon otthoni lakcím lakcímem heim heimili "
    "heimilisfang heimilisfangið thuis huis huisadres thuisadres namo namų namus namams mājās mājas "
    "mājām dar domu domowy domowego domácu domácej domiciliu haza abhaile kotiosoitteeni "
    "kotiosoitteeseeni kotiosoitteeseen koduaadress domašnja domácí "
    "morada residência acasă domiciliul hem hemadress bostad bostadsadress hemma domači dom "
    "дом"
)
HOME_WORD_LOWER = rf"(?<![\p{{L}}]){words(_HOME_TEXT)}(?![\p{{L}}])"  # in lower-cased text
HOME_WORD = rf"(?<![\p{{L}}])(?i:{words(_HOME_TEXT)})(?![\p{{L}}])"
HOME_WORDS = frozenset(_HOME_TEXT.split())
