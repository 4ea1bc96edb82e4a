"""How often does a random number of the right length pass each identifier's shape and validator?

The share sets each identifier's strength in gateway/classification/identifiers.py. Prints one
line per numeric identifier and writes bench/results/identifier_strength.json.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from gateway.classification.identifiers import SPECS

SAMPLES = 20_000


def main() -> None:
    rng = random.Random(7)
    results = {}
    for spec in SPECS:
        rates = []
        for n in sorted(spec.lengths):
            passed = tried = 0
            for _ in range(SAMPLES):
                candidate = "".join(rng.choice("0123456789") for _ in range(n))
                if not spec.shape.fullmatch(candidate):
                    continue
                tried += 1
                passed += spec.is_valid(candidate)
            if tried:
                rates.append(passed / SAMPLES)  # the shape (dates, prefixes) is part of the check
        if rates:
            rate = max(rates)
            # An identifier written in two forms (the Czech birth number) has a row for each.
            name = spec.entity
            if name in results:
                name = f"{spec.entity} ({min(spec.lengths)} digits)"
            results[name] = {"pass_rate": rate, "strength": spec.strength.name}
            one_in = (1 / rate) if rate else float("inf")
            print(f"{name:32} {rate:8.5f}  1/{one_in:8.0f}  {spec.strength.name}")
    out = Path(__file__).parent / "results" / "identifier_strength.json"
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
