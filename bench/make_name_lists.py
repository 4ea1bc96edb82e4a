"""Generate the name lists shipped in gateway/classification/data/names/ (run once, commit the output).

    .venv/bin/python bench/make_name_lists.py

Sources (dev dependencies, never imported at run time): Faker's locale person providers for 25 of
the 26 languages (MIT), common Lithuanian surnames and Maltese names written out below (Faker's
lt_LT list is short and it has no Maltese). Lithuanian and Polish surnames are extended with their
feminine forms, and Polish with its most common surnames. Jörg Michael's dictionary of first names
by country (shipped by gender-guesser) would fill the thin lists, but it is under the GNU Free
Documentation License, whose modified versions must stay under it: lists drawn from it cannot ship
inside this Apache-2.0 product, so it is not used.

Each list also holds its names' case forms in the inflecting languages (``CASES``: Polish "Annę",
Czech "Jiřího", Finnish "Virtasen", Hungarian "Petrának", Greek "Γιώργου", Icelandic "Jóns"), its
``words``: the first names of any list that are a common word of the language (Polish "Róża",
Italian "Stella", Portuguese "Tenho"), and its ``function_words``: those that are one of its
function words (Danish and Swedish "Hans", his; Slovene "Kaj", what). Opening a sentence alone, a
word of the text's language or a function word of any language stays unsure; any other listed
first name opening a sentence counts as a name ("Emma is pregnant.").

Every name is shipped. The development corpus (tests/classification/corpus) marks one name in five
(by a keyed hash, ``held_out`` below) as unseen; bench/detection.py takes those out of its own
engine's lists to report what context alone finds. The product's lists once left them out too, and
so missed "David", "Emma", "Sara" and "Piotr" in every language.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import (
    SUPPORTED_LANGUAGES,
    _load_dictionary_from_disk,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.classification.languages import function_words  # noqa: E402

OUT = ROOT / "gateway" / "classification" / "data" / "names"

LOCALES = {
    "en": ["en_GB", "en_US", "en_IE"],
    "lt": ["lt_LT"],
    "lv": ["lv_LV"],
    "et": ["et_EE"],
    "fi": ["fi_FI"],
    "de": ["de_DE", "de_AT", "de_CH"],
    "it": ["it_IT"],
    "bg": ["bg_BG"],
    "cs": ["cs_CZ"],
    "da": ["da_DK"],
    "el": ["el_GR"],
    "es": ["es_ES"],
    "fr": ["fr_FR", "fr_BE", "fr_CH"],
    "ga": ["ga_IE"],
    "hr": ["hr_HR"],
    "hu": ["hu_HU"],
    "is": ["is_IS"],
    "mt": [],  # Faker has no Maltese locale: the lists below
    "nl": ["nl_NL", "nl_BE"],
    "no": ["no_NO"],
    "pl": ["pl_PL"],
    "pt": ["pt_PT"],
    "ro": ["ro_RO"],
    "sk": ["sk_SK"],
    "sl": ["sl_SI"],
    "sv": ["sv_SE"],
}
# simplemma's dictionaries for our language codes (Norwegian: both written standards; Croatian:
# the Serbo-Croatian one); spaCy's stop words likewise; Faker's lists of common words where it has one.
DICTIONARIES = {"no": ["nb", "nn"], "hr": ["hbs"]}
STOP_WORDS = {"no": "nb"}
COMMON_WORDS = {
    "cs": "cs_CZ", "da": "da_DK", "de": "de_DE", "el": "el_GR", "en": "en_US", "es": "es_ES",
    "fr": "fr_FR", "it": "it_IT", "nl": "nl_NL", "pl": "pl_PL",
}  # fmt: skip
# A word the dictionary inflects through at least this many forms, and does not know capitalised
# as a name, is a word of the language: nouns with their cases or plural, verbs, adjectives.
PARADIGM = 3
NOUN_PARADIGM = 4

# Case endings of names, from each language's grammar: (nominative ending, the endings that replace
# it), the longest nominative ending that fits a name first; "" fits any name. A name's forms are
# its stem plus each ending, less those that are a common word of the language ("Mattia" stays a
# name, Polish "Jana" too; Finnish "Annan" yes, Czech "Hany" yes). Lithuanian and Latvian forms
# come from the nominative endings of their nouns.
CASES: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (
        ("ski", "skiego skiemu skim"), ("cki", "ckiego ckiemu ckim"), ("dzki", "dzkiego dzkiemu dzkim"),
        ("ska", "skiej ską"), ("cka", "ckiej cką"), ("dzka", "dzkiej dzką"),
        ("ek", "ka kowi kiem ku"), ("eł", "ła łowi łem le"), ("ia", "i ię ią io"),
        ("a", "y i ie ę ą o"), ("r", "ra rowi rem rze"), ("k", "ka kowi kiem ku"), ("g", "ga gowi giem gu"),
        ("", "a owi em ie u"),
    ),
    "cs": (
        ("ý", "ého ému ým"), ("á", "é ou"), ("í", "ího ímu ím"), ("ek", "ka kovi kem ku"),
        ("ěk", "ňka ňkovi ňkem"), ("a", "y ě e u ou o i"), ("e", "i ovi em"), ("", "a ovi em e u i"),
    ),
    "sk": (
        ("ý", "ého ému ým om"), ("á", "ej ú"), ("ek", "ka kovi kom"), ("a", "y e u ou o i"),
        ("", "a ovi om e u i"),
    ),
    "sl": (("ek", "ka ku kom"), ("a", "e i o"), ("o", "a u om"), ("", "a u om em e")),
    "hr": (("ak", "ka ku kom"), ("a", "e i u om o"), ("o", "a u om"), ("", "a u om em e")),
    "fi": (
        ("nen", "sen selle sella sellä selta seltä sesta sestä sen sta stä"),
        ("tti", "tin tille tilla tillä tilta tiltä tista tistä ttia ttiä"),
        ("kka", "kan kalle kalla kalta kasta kkaa"),
        ("kki", "kin kille killa killä kilta kiltä kista kistä kkia"),
        ("ppa", "pan palle palla palta pasta ppaa"),
        ("i", "in ille illa illä ilta iltä ista istä ia iä"),
        ("a", "an alle alla alta asta aa"), ("ä", "än ällä ältä ästä ää älle"),
        ("o", "on olle olla olta osta oa"), ("e", "en elle ella ellä elta eltä esta estä etta että"),
        ("", "in ille illa illä ilta iltä ista istä ia iä"),
    ),
    "et": (
        ("i", "i ile il ilt ist is iga it iks"), ("a", "a ale al alt ast as aga at aks"),
        ("e", "e ele el elt est es ega et eks"), ("u", "u ule ul ult ust us uga ut uks"),
        ("", "i ile il ilt ist is iga it a ale al alt ast iks"),
    ),
    "hu": (
        ("a", "ának át ával ához ától áról ára ánál áé ában"),
        ("e", "ének ét ével éhez étől éről ére énél éé"),
        ("", "nak nek t ot et öt hoz hez höz tól től ról ről nál nél é ra re"),
    ),
    "is": (
        ("ur", "s i ar"), ("ún", "únar únu"), ("dís", "dísar dísi"), ("ey", "eyjar eyju"),
        ("a", "u"), ("i", "a"), ("sson", "ssonar ssyni"), ("dóttir", "dóttur"), ("", "s i ar"),
    ),
    "el": (
        ("ος", "ου ο ε"), ("ός", "ού ό έ"), ("ης", "η"), ("ής", "ή"), ("ας", "α"), ("άς", "ά"),  # noqa: RUF001
        ("ούλος", "ούλου ούλο"), ("α", "ας"), ("ά", "άς"), ("η", "ης"), ("ή", "ής"),  # noqa: RUF001
    ),
    "lt": (
        ("ius", "iaus iui ių ių iumi iuje"), ("as", "o ui ą u e ai"), ("is", "io iui į iu yje i"),
        ("ys", "io iui į iu yje y"), ("us", "aus ui ų umi uje"), ("a", "os ai ą a oje"),
        ("ė", "ės ei ę e ėje"), ("ienė", "ienės ienei ienę iene"), ("aitė", "aitės aitei aitę aite"),
        ("ytė", "ytės ytei ytę yte"), ("utė", "utės utei utę ute"), ("iūtė", "iūtės iūtei iūtę iūte"),
    ),
    "lv": (
        ("s", "a am u ā"), ("š", "a am u ā"), ("is", "a im i ī"), ("a", "as ai u ā"),
        ("e", "es ei i ē"), ("us", "us um u ū"),
    ),
}  # fmt: skip
# Irish changes a name's first letter after a vocative or possessive: lenition ("a Sheáin", "do
# Mháire") and eclipsis after a few ("ag gCiarán" is rare: lenition only).
IRISH_LENITED = "bcdfgmpt"

# Common Maltese surnames and given names (Maltese forms and the Italian/English ones in use).
MT_SURNAMES = """Borg Camilleri Vella Farrugia Zammit Galea Micallef Grech Attard Spiteri Azzopardi Mizzi
Cassar Caruana Agius Pace Buttigieg Fenech Schembri Debono Bonnici Sammut Cutajar Calleja Abela Xuereb
Psaila Muscat Gauci Mifsud Formosa Falzon Ellul Sultana Zahra Saliba Cauchi Aquilina Tanti Darmanin
Bugeja Portelli Scicluna Briffa Chircop Zerafa Magro Frendo Baldacchino Camenzuli Desira Gatt Vassallo
Cini Mallia Bartolo Bezzina Cachia Degiorgio Farrugia Grima Mangion Mercieca Zarb Stivala Tabone"""
MT_FIRST = """Ġorġ Ġużeppi Ġwann Pawlu Marija Rita Karmenu Salvu Toni Ninu Wenzu Indri Frans Anġlu Ċensu
Kalċidon Manwel Mikiel Nikol Rosa Doris Josette Maria Carmen Joseph John Paul Mark Luke Matthew Daniel
Kurt Jean Claire Charlene Roberta Nicole Rebecca Sarah Martina Stephanie Christian Andrea Karl Gilbert
Antoine Miriam Graziella Francesca Rachel Simon Clayton Ryan Malcolm Jesmond Glenn Carmel Lorry Noel"""

LT_SURNAMES = """Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas
Urbonas Kavaliauskas Baranauskas Pocius Navickas Sakalauskas Rimkus Lukoševičius Vaitkus Adomaitis
Kairys Šimkus Marcinkevičius Mockus Ramanauskas Žilinskas Juška Balčiūnas Barkauskas Kazakevičius
Vitkauskas Mikalauskas Jonaitis Petraitis Kazlauskis Grigas Sabonis Bagdonas Mažeika Stonkus
Jurevičius Kučinskas Savickas Bernotas Valančius Gudaitis Kriaučiūnas Norkus Zubavičius Lukšys
Dambrauskas Morkūnas Radzevičius Vilkas Tamošiūnas Sadauskas Šukys Daukantas Valaitis Jasaitis
Banys Kairiūkštis Čepulis Vaičiulis Ambrazas Rutkauskas Bartkus Markevičius Jakštas Sinkevičius
Klimas Lapinskas Venckus Žemaitis Tamulis Jokubauskas Bružas Kuzminskas Dirgėla Kulikauskas
Gailius Staškevičius Laurinaitis Mickus Kudirka Brazauskas Landsbergis Nausėda Šimonytė Grybauskas
Gintalas Stulginskis Smetona Krivickas Butkevičius Maciulis Paškevičius Jurgaitis Navakas
Tamkevičius Rakauskas Puodžius Sirvydis Vaišvila Mačiulis Šeškus Kaminskas Januška Dapkus
Gedvilas Vaičiūnas Dovydaitis Mikulėnas Pranckevičius Antanaitis Kvedaras Bieliauskas Ivanauskas
Kairaitis Rudys Juknevičius Sutkus Šalkauskas Bartkevičius Ruseckas Strazdas Gečas Zabielskis"""


# The most common Polish surnames, which Faker's pl_PL list lacks in part (Nowak, Wójcik, Mazur).
PL_SURNAMES = """Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski
Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień
Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora Baran Rutkowski
Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski Jasiński Marciniak Sadowski"""


def pl_feminine(surname: str) -> list[str]:
    """Kowalski → Kowalska, Nowicki → Nowicka."""
    return [surname[:-1] + "a"] if surname.endswith(("ski", "cki", "dzki")) else []


def held_out(name: str) -> bool:
    return hashlib.sha256(f"holdout:{name}".encode()).digest()[0] % 5 == 0


def lt_feminine(surname: str) -> list[str]:
    for masc, married, maiden in (
        ("ius", "ienė", "iūtė"),
        ("as", "ienė", "aitė"),
        ("is", "ienė", "ytė"),
        ("ys", "ienė", "ytė"),
        ("us", "ienė", "utė"),
        ("a", "ienė", "aitė"),
    ):
        if surname.endswith(masc):
            stem = surname[: -len(masc)]
            return [stem + married, stem + maiden]
    return []


def _names_in(value: object) -> set[str]:
    """Names from a provider attribute: a list, a weighted mapping, or a mapping of lists."""
    if isinstance(value, dict):
        inner = list(value.values())
        if inner and all(isinstance(v, list | tuple) for v in inner):
            return {str(n) for v in inner for n in v}
        return {str(n) for n in value}
    return {str(n) for n in value}  # type: ignore[attr-defined]


def _stop_words(lang: str) -> set[str]:
    """spaCy's stop words of a language (none for Maltese), less a word that only spells another
    without its accent: Italian "sara" is "sarà" typed carelessly, and far more often "Sara"."""
    try:
        words = set(importlib.import_module(f"spacy.lang.{STOP_WORDS.get(lang, lang)}.stop_words").STOP_WORDS)
    except ImportError:
        return set()
    bare = {_unaccented(w) for w in words if _unaccented(w) != w}
    return words - bare


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


class Words:
    """The common words of one language: its function words (spaCy's stop words and the language
    guesser's), then the words simplemma's dictionary holds in lower case as their own lemma or
    as a form of one (a name the dictionary also holds is a word only if Faker's list of common
    words has it, or the word inflects as ``PARADIGM`` says)."""

    def __init__(self, lang: str) -> None:
        self.capitalised_nouns = lang == "de"
        self.lemma_of: dict[str, str] = {}
        self.forms: Counter[str] = Counter()
        for code in DICTIONARIES.get(lang, [lang]):
            if code in SUPPORTED_LANGUAGES:
                for form, lemma in _load_dictionary_from_disk(code).items():
                    self.lemma_of.setdefault(form.decode(), lemma.decode())
                    self.forms[lemma.decode()] += 1
        self.function = set(function_words(lang)) | _stop_words(lang)
        self.frequent: set[str] = set()
        if lang in COMMON_WORDS:
            lorem = importlib.import_module(f"faker.providers.lorem.{COMMON_WORDS[lang]}").Provider
            self.frequent = {w.lower() for w in lorem.word_list}

    def common(self, name: str) -> bool:
        word = name.lower()
        if word in self.function:
            return True
        # German writes its nouns capitalised, as names are: a noun inflecting through a
        # paradigm ("Mai", "Stern", "Wolf") is a word, a name rarely has more than a genitive.
        if self.capitalised_nouns and self.lemma_of.get(name) == name and self.forms[name] >= NOUN_PARADIGM:
            return True
        lemma = self.lemma_of.get(word)
        # Faker's common words hold names too ("petr", "juan"): only a word the dictionary holds
        # in lower case, under a lemma in lower case, counts.
        if lemma is None or not lemma.islower():
            return False
        if lemma == word and word in self.frequent:
            return True  # "rosa", "róża", "pierre"
        if name in self.lemma_of:
            return False  # a name the dictionary knows: "Marie", not a form of "marier"
        return lemma in self.frequent or (lemma == word and self.forms[lemma] >= PARADIGM)

    def _lemmas(self, form: str) -> list[str]:
        """The lemmas of a lower-case form: German nouns are looked up capitalised as well."""
        found = [self.lemma_of.get(form)]
        if self.capitalised_nouns:
            found.append(self.lemma_of.get(form.capitalize()))
        return [lemma.lower() for lemma in found if lemma is not None]

    def takes(self, form: str, names: set[str]) -> bool:
        """Whether a case form of some name is a word of this language: a function word, or a form
        the dictionary holds under a lemma that is no name."""
        return form in self.function or any(lemma not in names for lemma in self._lemmas(form))

    def holds(self, form: str, name: str) -> bool:
        """Whether a case form of this language's ``name`` is also one of its words: a function
        word, or a form the dictionary holds under a lemma that is neither the name nor derived
        from it ("marka", brand, is no form of "Marek"; "piotrowi" is Piotr's, not "piotrowy")."""
        stem = name.lower()[:4]
        return form in self.function or any(not lemma.startswith(stem) for lemma in self._lemmas(form))


def _forms(lang: str, name: str) -> set[str]:
    word = name.lower()
    if lang == "ga":
        if (word[:1] in IRISH_LENITED and word[1:2] != "h") or (
            word[:1] == "s" and word[1:2] in "aeiouáéíóúlnr"
        ):
            return {word[0] + "h" + word[1:]}
        return set()
    if lang == "hu" and word[-1:] not in "aeiouáéíóöőúüű":
        # Hungarian instrumental and translative double a final consonant: "Péterrel", "Péterré".
        doubled = {word + word[-1] + e for e in ("el", "al", "é", "á")}
    else:
        doubled = set()
    for nominative, endings in sorted(CASES.get(lang, ()), key=lambda c: -len(c[0])):
        stem = word[: len(word) - len(nominative)]
        if word.endswith(nominative) and len(stem) >= 2:
            return ({stem + e for e in endings.split()} | doubled) - {word}
    return set()


def faker_names(lang: str) -> tuple[set[str], set[str]]:
    """A language's first names and surnames from Faker and the lists above."""
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES[lang]:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in dir(provider):
            value = getattr(provider, attr)
            if attr.startswith("_") or not isinstance(value, list | tuple | dict):
                continue
            names = _names_in(value)
            if "first_name" in attr:
                first |= names
            elif "last_name" in attr:
                last |= names
    if lang == "mt":
        first |= set(MT_FIRST.split())
        last |= set(MT_SURNAMES.split())
    if lang == "pl":
        last |= set(PL_SURNAMES.split())
        last |= {f for s in list(last) for f in pl_feminine(s)}
    if lang == "lt":
        last |= set(LT_SURNAMES.split())
        last |= {f for s in list(last) for f in lt_feminine(s)}
    # Keep single words only: compound entries ("Anna Maria", "von Berg") are matched word by word.
    first = {n for n in first if n.isalpha() and len(n) > 1}
    last = {n for n in last if n.replace("-", "").replace("'", "").isalpha() and len(n) > 1}
    return first, last


def countries() -> set[str]:
    """Country names in every language Faker's address providers know: "France", "Italia" and
    "Georgia" name a country more often than someone, so no list holds them as a first name."""
    package = importlib.import_module("faker.providers.address")
    found: set[str] = set()
    for module in pkgutil.iter_modules(package.__path__):
        provider = importlib.import_module(f"faker.providers.address.{module.name}").Provider
        found |= set(getattr(provider, "countries", ()) or ())
    return found


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    places = countries()
    named = {lang: faker_names(lang) for lang in LOCALES}
    pool = {n for lang in LOCALES for n in named[lang][0]}
    lowered_pool = {n.lower() for n in pool}
    lowered_places = {p.lower() for p in places}
    forms = {
        lang: {
            "first_forms": {n: _forms(lang, n) for n in named[lang][0] - places},
            "last_forms": {n: _forms(lang, n) for n in named[lang][1]},
        }
        for lang in LOCALES
    }
    every_form = {
        f for by_name in forms.values() for found in by_name.values() for fs in found.values() for f in fs
    }
    # One language's dictionary at a time: the names of the pool it uses as words, the forms that
    # are words of it, and its own names' forms that are words of it (under another lemma).
    taken: dict[str, set[str]] = defaultdict(set)
    lists: dict[str, dict] = {}
    for lang in LOCALES:
        words = Words(lang)
        for form in every_form:
            if words.takes(form, lowered_pool):
                taken[form].add(lang)
        lists[lang] = {
            key: {n: {f for f in fs if not words.holds(f, n)} for n, fs in found.items()}
            for key, found in forms[lang].items()
        }
        lists[lang]["words"] = sorted(n for n in pool if words.common(n))
        lists[lang]["function_words"] = sorted(n for n in pool if n.lower() in words.function)
    # A language keeps the case forms no other language uses as a word ("tonna", Hungarian for
    # tonne, is no "Tonni") and that name no country ("france" is no form of Slovene "Franc").
    for lang, data in lists.items():
        first = named[lang][0] - places
        out: dict[str, object] = {"first": sorted(first), "last": sorted(named[lang][1])}
        kept_forms: dict[str, dict[str, list[str]]] = {}
        for key in ("first_forms", "last_forms"):
            kept_forms[key] = out[key] = {
                n: sorted(kept)
                for n, fs in sorted(data[key].items())
                if (key == "last_forms" or n in first)
                and (kept := {f for f in fs if not taken[f] - {lang} and f not in lowered_places})
            }
        out["words"], out["function_words"] = data["words"], data["function_words"]
        text = json.dumps(out, ensure_ascii=False, indent=0) + "\n"
        (OUT / f"{lang}.json").write_text(text, encoding="utf-8")
        count = sum(len(f) for found in kept_forms.values() for f in found.values())
        print(
            f"{lang}: {len(first)} first names, "
            f"{len(named[lang][1])} surnames, {count} case forms; common words: {' '.join(data['words'])}"
        )


if __name__ == "__main__":
    main()
