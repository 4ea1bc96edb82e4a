"""Regular-expression building blocks the finders share: phone context words, prefix-tree alternations."""

from __future__ import annotations

import re

# Words before a number that make it a phone number: stems that take endings (telefonu, soittakaa,
# zvaniet), and abbreviations that count only as whole words ("tel" is not in "Bestellung").
PHONE_CONTEXT_STEMS = (
    "phone", "mobile", "call", "telefon", "puhelin", "soita", "cellulare", "handy", "skambin", "zvan",
    "helista", "chiama", "téléphone", "portable", "appelle", "appeler", "teléfono", "móvil", "llám",
    "telemóvel", "telefone", "liga-me", "ligue", "bel me", "bellen", "telefoon", "mobiel", "zadzwo",
    "komórk", "zavolej", "zavolaj", "mobil", "pokliči", "nazovi", "обади", "телефон", "τηλέφων",
    "πάρε με", "hívj", "sună", "ring mig", "ring meg", "ring på", "ring til", "hringdu", "síma",
    "glaoigh", "fón", "guthán", "ċempel", "ċempilli", "mowbajl", "numer tel", "numero di tel",
)  # fmt: skip
PHONE_CONTEXT_ABBREVIATIONS = ("tel", "puh", "mob", "cell", "tālr", "tél", "tlf", "τηλ", "тел")
PHONE_CONTEXT = r"(?<!\w)(?:(?:{})(?!\w)|(?:{}))".format(
    "|".join(PHONE_CONTEXT_ABBREVIATIONS), "|".join(PHONE_CONTEXT_STEMS)
)


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
