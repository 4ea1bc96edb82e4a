"""Short texts' languages read by lingua's letter n-gram models, which ship inside its wheel.

A prompt of a few words often has no function word that tells its language ("Esmu gejs.",
"Tomaž ima pljučnega raka."); the letter trigrams of 25 of the 26 configured languages do
(lingua has no Maltese: its function words and letters still speak for it). The models are
lingua's low-accuracy set (trigrams only), loaded once per process: 45 MB and 0.2 s, where the
high-accuracy set would take 700 MB.

>>> read_languages("Esmu gejs.", ("en", "lv", "lt"))[0][0]
'lv'
"""

from __future__ import annotations

import functools

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Norwegian is written as Bokmål by nine in ten; Nynorsk's trigrams would add 60 MB for the rest.
_LINGUA: dict[str, Language] = {
    code.name.lower(): language
    for language in Language.all()
    if (code := language.iso_code_639_1).name.lower() != "nb" and language is not Language.NYNORSK
}
_LINGUA["no"] = Language.BOKMAL


def known(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The ones among ``languages`` that the models read (all but Maltese of the configured 26)."""
    return tuple(lang for lang in languages if lang in _LINGUA)


def read_languages(text: str, languages: tuple[str, ...]) -> list[tuple[str, float]]:
    """The languages the models give ``text``, with their confidence (summing to 1), best first;
    empty when fewer than two of ``languages`` are read (nothing to tell apart)."""
    detector = _detector(known(languages))
    if detector is None:
        return []
    found = detector.compute_language_confidence_values(text)
    return [(_CODES[v.language], v.value) for v in found if v.value > 0]


_CODES: dict[Language, str] = {language: code for code, language in _LINGUA.items()}


@functools.lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> LanguageDetector | None:
    if len(languages) < 2:
        return None
    return (
        LanguageDetectorBuilder.from_languages(*(_LINGUA[lang] for lang in languages))
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def prepare(languages: tuple[str, ...]) -> None:
    """Load the models for ``languages`` now, so that no request waits for them."""
    _detector(known(languages))
