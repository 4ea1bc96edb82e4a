"""Expand the special-category lemmas into every inflected form (run after editing the lemmas; commit both).

    .venv/bin/python bench/make_special_forms.py

Reads gateway/classification/data/special_lemmas.json (category → language → lemma phrases) and
writes gateway/classification/data/special_forms.json (language → the forms of each word, and
the phrases). The forms come from simplemma's form→lemma dictionaries (a dev dependency, never
imported at run time), inverted: every form whose lemma is the word. A word the dictionary does
not hold as a lemma is looked up as a form first ("związku" → "związek"); a compound it does not
know inflects as its longest known last part ("sjálfstæðisflokkurinn" as "flokkur"); a word it
does not know at all gets the case endings below in Latvian and Lithuanian, and stays literal
elsewhere, as do a word written "=word" and every Maltese word (simplemma has no Maltese); "a|b"
lists forms by hand; "!a" last is a next word that must not follow. Names ("Partido Popular":
every longer word capitalised) are listed per language as "fixed": their words keep their order
where a language's other phrases match in any order. German, Dutch and Scandinavian adjectives
also get their declension endings, which the dictionaries lack for rarer words ("sorbischen"),
Bulgarian words their definite article ("лицевият", "болестта") and Irish words their initial
mutations ("ghlórphrionta").
Prints, per language, the words that got no forms, to check by eye.

It also writes data/gendered_names.json: first names by sex from Faker's locale person providers
(a dev dependency, never imported at run time), at most ``_NAMES`` of each per language, plus
Lithuanian, Maltese and common Bulgarian names written out below (Faker has no lists of
the first two by sex, and its Bulgarian lists lack the most common names); a name both
lists hold is dropped at run time. gateway/classification/partners.py reads it to tell whose
partner a husband or a wife is.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import (
    SUPPORTED_LANGUAGES,
    _load_dictionary_from_disk,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.classification.term_forms import words_of  # noqa: E402

DATA = ROOT / "gateway" / "classification" / "data"
# Our language codes → simplemma's dictionaries (Norwegian: both written standards; Croatian:
# the Serbo-Croatian dictionary).
DICTIONARIES = {"no": ["nb", "nn"], "hr": ["hbs"]}
# Case endings for the Baltic words the dictionaries lack (lv has few nouns): ending → its forms.
ENDINGS = {
    "lv": {
        "ais": "ais ā ajam o ajā ie ajiem os ajos ajai ās ajām ajās",
        "is": "is a im i ī ji jiem jus jos",
        "s": "s a am u ā i iem us os",
        "š": "š a am u ā i iem us os",
        "a": "a as ai u ā o ām ās",
        "e": "e es ei i ē ēm ēs",
    },
    "lt": {
        "as": "as o ui ą u e ai ų ams us uose ais",
        "is": "is io iui į iu yje iai ių iams ius iuose iais",
        "ys": "ys io iui į iu yje iai ių iams ius iuose iais",
        "us": "us aus ui ų umi uje ūs ums uose umis",
        "a": "a os ai ą oje ų oms as omis ose",
        "ė": "ė ės ei ę e ėje ių ėms es ėmis ėse",
    },
}
# Adjective endings the dictionaries often lack for rarer adjectives ("sorbischen", "bisexuelle"):
# the stem's suffix → the endings added.
ADJECTIVES = {
    "de": (
        ("isch", "lich", "ig", "ell", "iv", "al", "är", "ös", "bar", "los"),
        ("e", "en", "er", "em", "es"),
    ),
    "nl": (("isch", "ig", "eel", "ief", "aal"), ("e",)),
    "sv": (("isk", "ig", "ell", "iv", "al"), ("a", "t")),
    "da": (("isk", "ig", "el", "iv", "al"), ("e", "t")),
    "no": (("isk", "ig", "ell", "iv", "al"), ("e", "t")),
}
_SHARED = 3  # letters a word shares with the lemma it inflects like, at least
# Languages whose unknown words inflect by analogy with a known lemma of the same ending.
ANALOGY = {"bg", "cs", "el", "et", "fi", "hr", "hu", "is", "lt", "lv", "pl", "ro", "sk", "sl"}
_CAP = 150  # forms per word at most: past that a dictionary entry is a homograph's paradigm
# Faker's locale for each language; its first names by sex tell a partner's owner.
LOCALES = {
    "bg": "bg_BG", "cs": "cs_CZ", "da": "da_DK", "de": "de_DE", "el": "el_GR", "en": "en_GB",
    "es": "es_ES", "et": "et_EE", "fi": "fi_FI", "fr": "fr_FR", "ga": "ga_IE", "hr": "hr_HR",
    "hu": "hu_HU", "is": "is_IS", "it": "it_IT", "lv": "lv_LV", "nl": "nl_NL", "no": "no_NO",
    "pl": "pl_PL", "pt": "pt_PT", "ro": "ro_RO", "sk": "sk_SK", "sl": "sl_SI", "sv": "sv_SE",
}  # fmt: skip
WRITTEN_NAMES = {
    "male": "Jonas Tomas Lukas Mantas Paulius Darius Andrius Vytautas Mindaugas Rokas Marius Tadas "
    "Giedrius Justinas Karolis Joseph Mario Carmel Kurt Luke Matthew Karl Glen Ryan Ġużeppi Pawlu Ġorġ "
    "Иван Георги Димитър Петър Николай Стоян Христо Тодор Васил Александър Мартин Кирил",
    "female": "Rūta Ieva Eglė Greta Laura Agnė Gabija Kristina Rasa Austėja Ugnė Jurgita Inga Dalia "
    "Aistė Maria Rita Doris Marija Carmen Josephine Graziella Stephanie Maryanne Rachel Roberta "
    "Мария Елена Иванка Йорданка Пенка Надежда Десислава Гергана Цветелина Анна Виктория",
}
_NAMES = 1000  # first names of each sex per language at most
# First names that are more often a month, a belief or a word than someone's name.
NOT_NAMES = {"April", "May", "June", "July", "August", "Christian", "Islam", "Faith", "Hope", "Will"}


def inverted(lang: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    lemma_of: dict[str, str] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for code in DICTIONARIES.get(lang, [lang]):
        if code not in SUPPORTED_LANGUAGES:
            continue
        for form, lemma in _load_dictionary_from_disk(code).items():
            f, m = form.decode().lower(), lemma.decode().lower()
            lemma_of.setdefault(f, m)
            forms[m].add(f)
    return lemma_of, forms


def by_compound(word: str, lemma_of: dict[str, str], forms: dict[str, set[str]]) -> set[str]:
    """A compound the dictionary lacks inflects as its last part: "verkalýðsfélag" as "félag"."""
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:]
        lemma = tail if tail in forms else lemma_of.get(tail)
        if lemma is not None and len(forms.get(lemma, ())) > 1:
            return {head + f for f in forms[lemma]}
    return set()


def by_analogy(word: str, forms: dict[str, set[str]], index: dict[str, list[str]]) -> set[str]:
    """A word the dictionary lacks inflects like the known lemma sharing its longest ending (at
    least ``_SHARED`` letters): "astma" like "dogma", "anksioznost" like "radost"."""
    for k in range(min(len(word) - 2, 7), _SHARED - 1, -1):
        analogues = index.get(word[-k:])
        if not analogues:
            continue
        lemma = analogues[0]
        # The longest stem, cut inside the shared ending, that at least half the forms keep.
        for cut in range(len(lemma), len(lemma) - k - 1, -1):
            kept = [f for f in forms[lemma] if f.startswith(lemma[:cut])]
            if 2 * len(kept) >= len(forms[lemma]):
                head = word[: len(word) - (len(lemma) - cut)]
                return {head + f[cut:] for f in kept} | {word}
        return set()
    return set()


def analogy_index(forms: dict[str, set[str]]) -> dict[str, list[str]]:
    """Lemmas by their last 3 to 7 letters, those with the most forms first."""
    index: dict[str, list[str]] = defaultdict(list)
    for lemma, found in forms.items():
        if 3 < len(found) <= _CAP and lemma.isalpha():
            for k in range(_SHARED, 8):
                if len(lemma) > k:
                    index[lemma[-k:]].append(lemma)
    for lemmas in index.values():
        lemmas.sort(key=lambda m: (-len(forms[m]), m))
    return index


def by_endings(lang: str, word: str) -> set[str]:
    for ending, forms in ENDINGS.get(lang, {}).items():
        if word.endswith(ending) and len(word) > len(ending) + 3:
            stem = word[: -len(ending)]
            return {stem + f for f in forms.split()}
    return set()


def with_articles(lang: str, found: set[str]) -> set[str]:
    """Bulgarian writes the definite article as an ending the dictionary often lacks: "лицевият
    шаблон", "шаблонът", "болестта", "лекарствата"."""
    if lang != "bg":
        return set()
    added = set()
    for form in found:
        last = form[-1:]
        if last in "ая":
            added.add(form + "та")
        elif last in "оеу":  # noqa: RUF001
            added.add(form + "то")
        elif last == "и":
            added.add(form + "те")
        elif last.isalpha():
            added |= {form + "ът", form + "а", form + "ия", form + "ият"}  # noqa: RUF001
    return added


_ECLIPSIS = {"b": "m", "c": "g", "d": "n", "f": "bh", "g": "n", "p": "b", "t": "d"}


def with_mutations(lang: str, found: set[str]) -> set[str]:
    """Irish changes a word's first letter after possessives, articles and prepositions: lenition
    ("mo ghlórphrionta"), eclipsis ("i nDaonáireamh", "ár gcárta") and h before a vowel ("a hathar")."""
    if lang != "ga":
        return set()
    added = set()
    for form in found:
        first, second = form[:1], form[1:2]
        if (first in "bcdfgmpt" and second != "h") or (first == "s" and second in "aeiouáéíóúlnr"):
            added.add(first + "h" + form[1:])
        if first in _ECLIPSIS:
            added.add(_ECLIPSIS[first] + form)
        if first in "aeiouáéíóú":
            added |= {"h" + form, "n" + form}
    return added


def by_adjective(lang: str, word: str) -> set[str]:
    suffixes, endings = ADJECTIVES.get(lang, ((), ()))
    if len(word) > 5 and word.endswith(suffixes):
        return {word + e for e in endings}
    return set()


def is_name(phrase: str) -> bool:
    """Whether a lemma phrase is a name: every word of letters but the short ones capitalised
    ("Prawo i Sprawiedliwość", "Zeuge Jehovas", "ANO 2011"), its words in a fixed order."""
    words = [a for w in phrase.split() for a in w.lstrip("=!").split("|")]
    longer = [w for w in words if w.isalpha() and len(w) > 2]
    return bool(longer) and all(w[:1].isupper() for w in longer)


def main() -> None:
    lemmas = json.loads((DATA / "special_lemmas.json").read_text(encoding="utf-8"))
    categories = {c: per_lang for c, per_lang in lemmas.items() if isinstance(per_lang, dict)}
    languages = sorted({lang for per_lang in categories.values() for lang in per_lang})
    out: dict[str, dict] = {}
    for lang in languages:
        lemma_of, forms = inverted(lang)
        index = analogy_index(forms) if lang in ANALOGY else {}
        words: dict[str, list[str]] = {}
        terms: dict[str, list[str]] = {}
        unknown: set[str] = set()
        fixed: set[str] = set()  # names, whose words keep their order in every language
        for category, per_lang in categories.items():
            phrases = []
            for phrase in per_lang.get(lang, []):
                pieces = []
                for piece in words_of(phrase):
                    for word in piece.lstrip("!").split("|"):
                        if word.startswith("="):
                            continue
                        lemma = word if word in forms else lemma_of.get(word, word)
                        found = forms.get(lemma, set()) | {word}
                        if len(found) == 1:
                            found |= by_compound(word, lemma_of, forms) or by_endings(lang, word)
                        if len(found) == 1 and len(word) > 4 and index:
                            found |= by_analogy(word, forms, index)
                        found |= by_adjective(lang, word)
                        found |= with_mutations(lang, found)
                        if len(found) == 1 and len(word) > 3 and not word.isdigit() and lang != "mt":
                            unknown.add(word)
                        elif 1 < len(found) <= _CAP:
                            words[word] = sorted(found | with_articles(lang, found))
                    pieces.append(piece.replace("=", ""))
                phrases.append(" ".join(pieces))
                if len(pieces) > 1 and is_name(phrase):
                    fixed.add(phrases[-1])
            if phrases:
                terms[category] = sorted(set(phrases))
        out[lang] = {"forms": dict(sorted(words.items())), "terms": terms, "fixed": sorted(fixed)}
        count = sum(len(v) for v in words.values())
        print(f"{lang}: {sum(map(len, terms.values()))} phrases, {count} forms; no forms: {sorted(unknown)}")
    text = json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True)
    (DATA / "special_forms.json").write_text(text + "\n", encoding="utf-8")
    write_gendered_names()


def write_gendered_names() -> None:
    by_sex: dict[str, set[str]] = {sex: set(WRITTEN_NAMES[sex].split()) for sex in WRITTEN_NAMES}
    for locale in LOCALES.values():
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for sex in by_sex:
            names = list(getattr(provider, f"first_names_{sex}", ()))[:_NAMES]
            by_sex[sex].update(n for n in names if n.isalpha() and n not in NOT_NAMES)
    text = json.dumps({sex: sorted(names) for sex, names in by_sex.items()}, ensure_ascii=False)
    (DATA / "gendered_names.json").write_text(text + "\n", encoding="utf-8")
    print(f"gendered names: {len(by_sex['male'])} male, {len(by_sex['female'])} female")


if __name__ == "__main__":
    main()
