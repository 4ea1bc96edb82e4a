"""Language identification on short texts: how often the engine's languages are the text's.

    .venv/bin/python bench/language_id.py [--set tune|check] [--misses] [--lingua-alone]

Reads tests/classification/langid/<set>.txt (``language|text``; ``xx+yy`` a text in two languages,
``-`` one in none) and prints, for ``identify_languages`` over all 26 languages: the share of
one-language texts whose language comes first ("top") and is among those returned ("any"), how
many languages are returned on average, per language the texts read right first, how many mixed
texts keep both languages, and how many languages texts with none get. ``--lingua-alone`` prints
the same for lingua's reading by itself (its best language, then those within half its
confidence), in the low-accuracy mode the gateway ships and, with ``--high``, the high-accuracy one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.detection import ALL_LANGUAGES  # noqa: E402
from gateway.classification.languages import forget_words, identify_languages  # noqa: E402

SETS = ROOT / "tests" / "classification" / "langid"

Identify = Callable[[str], tuple[str, ...]]


def load(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (SETS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text = line.split("|", 1)
            rows.append((lang, text))
    return rows


def measure(identify: Identify, rows: list[tuple[str, str]], misses: bool = False) -> dict:
    top = anywhere = returned = single = 0
    per_language: dict[str, list[int]] = {}
    mixed = [0, 0]
    none: list[int] = []
    for lang, text in rows:
        got = identify(text)
        forget_words()
        if lang == "-":
            none.append(len(got))
            continue
        if "+" in lang:
            kept = set(lang.split("+")) <= set(got)
            mixed[0] += kept
            mixed[1] += 1
            if misses and not kept:
                print(f"  mixed {lang}: {got[:5]} {text}")
            continue
        single += 1
        top += got[0] == lang
        anywhere += lang in got
        returned += len(got)
        cell = per_language.setdefault(lang, [0, 0])
        cell[0] += got[0] == lang
        cell[1] += 1
        if misses and got[0] != lang:
            print(f"  {lang}: {got[:5]} {text}")
    return {
        "top": round(top / single, 3),
        "any": round(anywhere / single, 3),
        "languages_returned": round(returned / single, 2),
        "mixed_both_kept": f"{mixed[0]}/{mixed[1]}",
        "no_language_returned": none,
        "top_by_language": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_language.items())},
    }


def lingua_alone(high: bool) -> Identify:
    from lingua import LanguageDetectorBuilder

    from gateway.classification.language_model import _CODES, _LINGUA, known

    builder = LanguageDetectorBuilder.from_languages(*(_LINGUA[lang] for lang in known(tuple(ALL_LANGUAGES))))
    detector = (builder if high else builder.with_low_accuracy_mode()).build()

    def identify(text: str) -> tuple[str, ...]:
        values = [(_CODES[v.language], v.value) for v in detector.compute_language_confidence_values(text)]
        best = values[0][1] if values else 0.0
        return tuple(lang for lang, value in values if value > 0 and value >= best / 2) or ("en",)

    return identify


def report(name: str, result: dict) -> None:
    print(
        f"{name}: top {result['top']}, any {result['any']}, "
        f"{result['languages_returned']} languages returned, "
        f"mixed texts with both {result['mixed_both_kept']}, "
        f"texts with none get {result['no_language_returned']}"
    )
    print("  top right by language: " + " ".join(f"{k} {v}" for k, v in result["top_by_language"].items()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="tune", choices=["tune", "check"])
    parser.add_argument("--misses", action="store_true", help="print the texts read wrong first")
    parser.add_argument("--lingua-alone", action="store_true", help="also lingua by itself (low accuracy)")
    parser.add_argument("--high", action="store_true", help="with --lingua-alone: high accuracy too (700 MB)")
    args = parser.parse_args()
    rows = load(args.set)
    report(
        f"identify_languages on {args.set}",
        measure(lambda t: identify_languages(t, ALL_LANGUAGES), rows, args.misses),
    )
    if args.lingua_alone:
        report(f"lingua alone, low accuracy, on {args.set}", measure(lingua_alone(False), rows))
        if args.high:
            report(f"lingua alone, high accuracy, on {args.set}", measure(lingua_alone(True), rows))


if __name__ == "__main__":
    main()
