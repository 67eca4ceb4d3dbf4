"""How well the coder's confidence is calibrated on a labelled set.

Prints, for the main event of each sentence (highest confidence), the expected
calibration error (10 bins) of ``confidence`` against whether its CAMEO root (or
PLOVER type, for the PLOVER gold) is right, with the reliability table.

    DYADS_CLASSIFIER=0 python bench/calibration.py plover
"""

from __future__ import annotations

import sys

from dyads import codebook
from dyads.evaluate import evaluate


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "plover"
    report = evaluate(name)
    pairs = []
    for outcome in report.outcomes:
        if not outcome.events:
            continue
        event = max(outcome.events, key=lambda e: e["confidence"])
        gold = outcome.item.events[0] if outcome.item.events else None
        if gold is None:
            right = False
        elif gold.cameo:
            right = event["cameo_root"] == gold.cameo[:2]
        elif gold.plover:
            right = codebook.plover(event["cameo"]).type == gold.plover
        else:
            continue
        pairs.append((event["confidence"], right))
    bins = [[] for _ in range(10)]
    for confidence, right in pairs:
        bins[min(9, int(confidence * 10))].append((confidence, right))
    ece = sum(len(b) / len(pairs) * abs(sum(c for c, _ in b) / len(b) - sum(r for _, r in b) / len(b))
              for b in bins if b)
    print(f"{name}: {len(pairs)} sentences with a main event; accuracy "
          f"{sum(r for _, r in pairs) / len(pairs):.3f}; ECE {ece:.3f}")
    for i, b in enumerate(bins):
        if b:
            print(f"  confidence {i / 10:.1f}-{(i + 1) / 10:.1f}: n={len(b):4d}  mean conf "
                  f"{sum(c for c, _ in b) / len(b):.3f}  accuracy {sum(r for _, r in b) / len(b):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
