"""Which languages a message is analysed under: its function words and the letters only some
languages use, and for a short text also its letter n-grams (``language_model``).

It picks which Presidio pipeline (and its context words) runs first, what the summary reports as
analysed, and which languages' person links, case forms and special-category stems are looked
for; identifier and name recognizers run for every configured language regardless, so a wrong
guess never hides an identifier.

>>> guess_language("Mano vardas yra Jonas ir aš gyvenu Vilniuje", ["en", "lt", "lv"])
'lt'
>>> guess_language("./configure && make", ["en", "de"])
'en'

A short text is read by its letters too, where its few words are no language's function words
or several languages' ("Tim is a sperm donor." is not Hungarian for its "a" and "is"):

>>> identify_languages("Esmu gejs.", ["en", "lt", "lv"])
('lv',)
>>> identify_languages("Tim is a sperm donor.", ["en", "hu", "lv"])[0]
'en'

A text read by its letters alone keeps every language of its script after the reading; one with
no letter at all is analysed under every configured language, English (written all over the EU,
with no home country) leading; Cyrillic text under Bulgarian, Greek under Greek.

>>> identify_languages("Hallo Welt", ["bg", "el", "de", "en"])
('de', 'en')
>>> identify_languages("0151/23456789 !!", ["bg", "el", "de", "en"])
('en', 'bg', 'el', 'de')
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from dataclasses import dataclass

from gateway.classification import language_model
from gateway.classification.language_model import known, read_languages

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and is are was were of to in that it for with on this be have you not my your we "
        # prose words only: the prepositions and conjunctions of code and logs ("if", "at", "or",
        # "after 3 retries") would make quoted machine output count as someone's English
        "can how what who which our their from about has had she he her his him a an by me they them "
        "there been does did would should could",
        "lt": "ir yra kad su į iš bet kaip ar mano tai jis ji aš jūs mes buvo nuo per už ne labai",
        "lv": "un ir ka ar uz no bet kā vai mans tas viņš viņa es jūs mēs bija par pie nav ļoti "
        "esmu esi esam būs šo šis šī kas kur kad jo arī tikai vēl man tev savu manu līdz pēc bez tika tiek",
        "et": "et see ta ma mina sa sina kui aga või mis kes minu "
        "meie nad ka ning olen pole on ja ei oli mulle mul minul mind "
        "oma tema temal tal seda selle sest koos pärast kõik väga nüüd siis juba mitte kuid ainult veel",
        "fi": "se että hän minä sinä kun mutta tai mikä kuka minun me "
        "he myös ole ovat olen minulla ja ei oli on meidän sinun hänen "
        "oma kanssa jälkeen koska vain nyt sitten kaikki hyvin joka jonka hänellä",
        "de": "der die das und ist nicht ich sie er es ein eine mit von zu den dem auf für sind wir "
        "nach einem einer im auch wenn nur noch bei aus wie seit",
        "it": "il la lo di che è non un una per con sono mi si ho ha gli le del della ma anche alla nel "
        "delle dei degli sulle sui sul nella negli alle ai agli dal dalla questo questa più come",
        "fr": "le la les et est pas je il elle un une des du pour avec sur que qui dans nous "
        "de mon ma mes au aux ce cette",
        "es": "el la los las y es no yo un una de que en por con para se del al como mi mis su sus",
        "pl": "i w nie jest to że na się z do jak ale pod proszę "
        "tak mnie mój jego jej był była moja moje mam jestem po od ona",
        "nl": "de het een en is niet ik hij zij van dat op voor met zijn we was "
        "mijn heeft hebben heb ook maar als bij om naar uit door dit deze er",
        "sv": "och är inte jag han hon det en ett att på för med som var vi min mitt har "
        "hur många inte också eller efter sig mig dig vad något mycket av till från om",
        "da": "og er ikke jeg han hun det at på for med som var vi har til "
        "mig dig sig hvad noget meget af efter nogle hvor jeres min mit mine sit sine "
        "blev bliver vores ud op nu os hende hendes",
        "no": "og er ikke jeg han hun det at på for med som var vi har til "
        "meg deg seg hva noe mye av etter noen hvor dere ikkje min mitt mine sitt sine går ble blir vår vårt "
        "våre ut opp nå oss henne hennes",
        "is": "og er ekki ég hann hún það að á fyrir með sem var við minn mín hefur í um",
        "pt": "o a os as e é não eu um uma de que em por com para se do da ao como meu minha está estou sou",
        "ro": "și este nu eu un o de că în pe cu pentru se din la ca meu mea sunt lui",
        "cs": "je není já se jak mě můj moje byl byla jsem jsou také který která proto mám na "
        "každý každého aby nebo když už ještě jen "
        "v ve ze pro jako tento tato toto tuto své svou co kde kdy proč ale do od po při za mi",
        "sk": "je nie ja sa ako ma môj moja bol bola som sú tiež ktorý ktorá preto "
        "mám moje v našom našej na čísle pri do aj že ale po pre od "
        "každý každého každá aby alebo keď už ešte len "
        "sme ste si čo kde prečo tento táto toto túto svoju vo zo so ku mňa bude veľmi",
        "sl": "in ni jaz kot ampak tudi kaj bil bila sem smo zelo je "
        "moja moj moje na za se da so pa to ali kateri katera kako v lahko pri ker če še zaradi ki bo bom bi "
        "od iz po do z s mi ga jih vse samo pred med svojo kje",
        "hr": "i nije ja kao ali također što bio bila sam smo vrlo je "
        "moj moja moje na za se da su to ili koji koja koje kako u od nakon iz kod već zbog tjedna gdje tko "
        "ću će ćeš jer sa prema nisam mogu li bi",
        "bg": "и е не аз това че на се с в как но така мой моя той тя беше съм ми",
        "el": "και είναι δεν εγώ το ότι να σε με από για ο η οι μου του της ένα μια",
        "hu": "és a az egy nem én ez hogy van volt meg de is ő én mi te vagyok "
        "alatt ezért mert csak már még után nincs minden vagy sem",
        "ga": "agus is tá ní mé an na ar le do go sé sí mo bhí ag i",
        "mt": "u huwa hija mhux jien il ta' li fil tal għal ma b' tat tad tas tan fl minn dan din kien jew "
        "kemm llum hemm kif fejn meta biex għax imma ukoll issa dawk huma aħna tiegħi tiegħu tagħha "
        "tagħhom mill mal bil sal lill għall fuq qabel wara kull",
    }.items()
}
_LETTERS: dict[str, str] = {
    "lt": "ąęėįųū",  # "ą" and "ę" are Polish letters too
    "lv": "āēīķļņģ",
    "et": "õ",
    "de": "ß",
    "it": "àèìòù",
    "fr": "àâêîûœ",  # "à" is French as often as Italian; the function words decide
    "fi": "äö",  # shared with Estonian (weighed for both) and German, whose "ß" weighs in too
    "pl": "łńśźżąę",
    "cs": "ěřů",
    "sk": "ľĺŕô",
    "hr": "đ",
    "ro": "ășțâ",
    "is": "ðþ",
    "mt": "ħġżċ",
    "hu": "őű",
    "da": "æø",  # shared with Norwegian
    "no": "æø",
    "pt": "ãõç",
    "es": "ñ¿¡",
    "el": "αεηιουωστνρ",
    "bg": "ъщюяжчш",
}
# Letters other languages write as often, weighed as little for them: Estonian and Swedish write
# "ä" and "ö" as often as Finnish, German "ä", "ö" and "ü", Hungarian "ö" and "ü", so Finnish does
# not win on them alone; function words and "õ", "ß", "ő", "ű" decide.
_SHARED_LETTERS: dict[str, str] = {"et": "äö", "sv": "äö", "de": "äöü", "hu": "öü"}
_WORD = re.compile(r"[^\W\d_]+")
# The configured languages written in a script other than Latin; every other one is Latin-script.
_SCRIPT_LANGUAGES: dict[str, frozenset[str]] = {"cyrillic": frozenset({"bg"}), "greek": frozenset({"el"})}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_SAMPLE = 2000  # characters of a text whose words are counted
# Up to this many characters a text's letter n-grams are read too; a longer one has function words
# enough, and the models' cost grows with the text (0.1 ms at 50 characters, 0.8 ms at 1 KB).
_SHORT = 300
_CODE = re.compile(r"`[^`]*`")  # inline code or a quoted log line: no one's language
# Where a prompt changes language: an instruction and its quoted or introduced text.
_PIECES = re.compile(r'(?::|;)(?=\s)|[\n"“”«»]+')
# A text of more than a sentence (120 characters) skips the models where its function words and
# letters settle it: this much evidence, twice any other language's (never two related ones tied).
# A sentence is always read by them too: its one or two function words mislead.
_DECISIVE = 6
_SENTENCE = 120
_EVIDENCE = 3.0  # a function word or telling letter multiplies a language's odds by e**3 (20)
_WITHIN = math.log(10)  # languages within a tenth of the best odds are analysed too
_BACKED = math.log(100)  # a language words or letters speak for, within a hundredth of the best
_EPSILON = 1e-3  # the models' "no" is not final: words and letters may still outweigh it
_FLOOR = math.log(_EPSILON)  # a language the models left out of their answer
_NEUTRAL = "en"  # leads Latin-script text with no evidence: written all over the EU, no home country


def lowered_words(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` lower-cased, and its words (runs of letters) in order.

    Language identification, the address finder and the phone words all read them for the text
    the engine analyses: the last text's are kept, so they are worked out once for it.
    """
    last = _last_words[0]
    if last is not None and last[0] is text:
        return last[1], last[2]
    lowered = text.lower()
    words = tuple(_WORD.findall(lowered))
    _last_words[0] = (text, lowered, words)  # one tuple replaced whole: a reader sees one text's
    return lowered, words


def lowered(text: str) -> str:
    """``text`` lower-cased: the kept copy when it is the text whose words are kept."""
    last = _last_words[0]
    return last[1] if last is not None and last[0] is text else text.lower()


_last_words: list[tuple[str, str, tuple[str, ...]] | None] = [None]


def forget_words() -> None:
    """Drop the text kept by ``lowered_words``: no text outlives its analysis."""
    _last_words[0] = None


def prepare(languages: list[str] | tuple[str, ...]) -> None:
    """Build what identifying ``languages`` takes (the word index, the models: 0.2 s) now, at the
    engine's start, so that no request waits for it."""
    _index(tuple(languages))
    language_model.prepare(tuple(languages))


def function_words(lang: str) -> frozenset[str]:
    """The frequent function words this module knows for ``lang`` (empty if none)."""
    return _STOPWORDS.get(lang, frozenset())


def guess_language(text: str, languages: list[str]) -> str:
    """The configured language whose function words and letters fit the text best (first on a tie)."""
    return identify_languages(text, languages)[0]


def identify_languages(text: str, languages: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The languages ``text`` is analysed under, best fit first: for a short text, its letter
    n-grams and function words read together; for a longer one, those its function words and
    letters speak for; with none, those its script allows (``languages`` themselves when it has
    no letter)."""
    scores = _text_scores(text, languages)
    if len(text) <= _SHORT and (len(text) <= _SENTENCE or not _decisive(scores)):
        read = _read_short(text, tuple(languages))
        if read:
            return read
    ranked = _ranked(scores, languages, 0.5)
    return tuple(ranked) if ranked else script_languages(text, languages)


def _decisive(scores: list[int]) -> bool:
    """Whether a text's function words and letters settle its language without the models: many,
    and twice as many for one language as for any other."""
    best, second = heapq.nlargest(2, scores) if len(scores) > 1 else (*scores, 0)
    return best >= _DECISIVE and best >= 2 * second


def _read_short(text: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages of a short text by its pieces ("Translate into English: ..." is two), code
    in backticks left out; a language counts by the letters of the pieces it is read in, best
    first. Empty when no piece has a word or the models read too few of ``languages``."""
    index = _index(languages)
    modelled = frozenset(known(languages))
    weights: dict[str, float] = {}
    evidenced = False
    for piece in _PIECES.split(_CODE.sub(" ", text)):
        lowered = piece.lower()
        words = _WORD.findall(lowered)
        letters = sum(len(w) for w in words if len(w) > 1)
        if not letters:
            continue
        read = read_languages(piece, languages)
        if not read:
            return ()
        scores = _scores(lowered, words, index)
        evidenced = evidenced or any(scores)
        for lang, share in _piece_languages(read, scores, languages, modelled):
            weights[lang] = weights.get(lang, 0.0) + letters * share
    found = tuple(sorted(weights, key=lambda lang: -weights[lang]))
    if found and not evidenced:  # letters only: every language of the script follows the reading
        found += tuple(lang for lang in script_languages(text, languages) if lang not in found)
    return found


def _piece_languages(
    read: list[tuple[str, float]], scores: list[int], languages: tuple[str, ...], modelled: frozenset[str]
) -> list[tuple[str, float]]:
    """The languages one piece is in, each with its share: the models' confidence in each,
    multiplied by e**3 per function word or telling letter, keeps the best (1) and those within a
    tenth of it (0.5), among the languages with words or letters of their own where one of them
    is within a hundredth of the best; the piece's best function-word fit stays too (0)."""
    evidence = dict(zip(languages, scores, strict=True))
    # in the configured order, never a set's: languages the evidence ties keep one order in every process
    odds = {lang: _FLOOR for lang in languages if lang in modelled}
    for lang, confidence in read:
        odds[lang] = math.log(confidence + _EPSILON)
    read_most = max((evidence[lang] for lang in modelled), default=0)
    for lang in languages:
        if lang in modelled:
            odds[lang] += _EVIDENCE * evidence[lang]
        elif evidence[lang] > read_most:  # Maltese: its words and letters outweigh any read one's
            odds[lang] = _FLOOR + _EVIDENCE * evidence[lang]
    # where words or letters speak for a language the models find not far less likely, the models
    # only choose among such languages
    backed = [value for lang, value in odds.items() if evidence[lang]]
    if backed and max(backed) >= max(odds.values()) - _BACKED:
        odds = {lang: value for lang, value in odds.items() if evidence[lang]}
    within = [(lang, value) for lang, value in odds.items() if value >= max(odds.values()) - _WITHIN]
    best = max(value for _, value in within)
    kept = {lang: 1.0 if value == best else 0.5 for lang, value in within}
    most = max(scores)
    return [
        *kept.items(),
        *((lang, 0.0) for lang in odds if most and evidence[lang] == most and lang not in kept),
    ]


def script_languages(text: str, languages: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The configured languages written in the script most of the text's letters are in (all of
    them when it has no letter, or none is): English first among Latin-script ones."""
    sample = text[:_SAMPLE]
    counts = {
        "latin": len(_LATIN.findall(sample)),
        "cyrillic": len(_CYRILLIC.findall(sample)),
        "greek": len(_GREEK.findall(sample)),
    }
    script = max(counts, key=counts.__getitem__)
    if not counts[script]:
        allowed = list(languages)
    elif script == "latin":
        others = frozenset().union(*_SCRIPT_LANGUAGES.values())
        allowed = [lang for lang in languages if lang not in others]
    else:
        allowed = [lang for lang in languages if lang in _SCRIPT_LANGUAGES[script]]
    if not allowed:
        return tuple(languages)
    if _NEUTRAL in allowed:
        allowed.remove(_NEUTRAL)
        allowed.insert(0, _NEUTRAL)
    return tuple(allowed)


def rank_languages(text: str, languages: list[str] | tuple[str, ...], within: float = 0.5) -> list[str]:
    """Configured languages that fit the text, best first: those scoring at least ``within`` of the best.

    A mixed-language prompt, or a short one where two related languages tie (Estonian and Finnish,
    Danish and Norwegian), is analysed under each language listed.
    """
    return _ranked(_text_scores(text, languages), languages, within)


def _text_scores(text: str, languages: list[str] | tuple[str, ...]) -> list[int]:
    index = _index(tuple(languages))
    if len(text) <= _SAMPLE:
        lowered, words = lowered_words(text)
    else:  # a long text's first part only, not kept for the finders that read the whole text
        lowered = text[:_SAMPLE].lower()
        words = tuple(_WORD.findall(lowered))
    return _scores(lowered, words, index)


def _ranked(scores: list[int], languages: list[str] | tuple[str, ...], within: float) -> list[str]:
    ranked = sorted((-score, i) for i, score in enumerate(scores) if score > 0)
    if not ranked:
        return []
    best = -ranked[0][0]
    return [languages[i] for score, i in ranked if -score >= best * within]


def _scores(lowered: str, words: tuple[str, ...] | list[str], index: _Index) -> list[int]:
    """Per configured language (by position), its function words among ``words`` and its telling
    letters in ``lowered``, weighed."""
    scores = [0] * index.size
    for word in words:
        for i in index.words.get(word, ()):
            scores[i] += 1
    for letter in index.letters.findall(lowered) if index.letters is not None else ():
        for i, weight in index.letter_weights[letter]:
            scores[i] += weight
    return scores


@dataclass(frozen=True, slots=True)
class _Index:
    """Which of the configured languages (by position) each function word and letter speaks for."""

    words: dict[str, tuple[int, ...]]
    letters: re.Pattern[str] | None
    letter_weights: dict[str, tuple[tuple[int, int], ...]]
    size: int


@functools.lru_cache(maxsize=16)
def _index(languages: tuple[str, ...]) -> _Index:
    # One pass over the text's words and letters instead of one per language (26 by default).
    words: dict[str, list[int]] = {}
    weights: dict[str, list[tuple[int, int]]] = {}
    for i, lang in enumerate(languages):
        for word in _STOPWORDS.get(lang, ()):
            words.setdefault(word, []).append(i)
        for letter in _LETTERS.get(lang, ""):
            weights.setdefault(letter, []).append((i, 1 if lang == "fi" else 2))
        for letter in _SHARED_LETTERS.get(lang, ""):
            weights.setdefault(letter, []).append((i, 1))
    letters = re.compile(f"[{re.escape(''.join(weights))}]") if weights else None
    return _Index(
        {w: tuple(ids) for w, ids in words.items()},
        letters,
        {ch: tuple(ws) for ch, ws in weights.items()},
        len(languages),
    )
