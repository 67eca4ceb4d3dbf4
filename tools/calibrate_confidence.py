"""Calibrate the coder's confidence on dyads' own labelled corpus.

Runs the rule coder (no classifier) over the hand-written sentences of
``src/dyads/data/training/`` (CAMEO-labelled and no-event ones), takes each sentence's
main event, and learns, by isotonic regression over its raw score, how often the main
event's CAMEO root is right (an event on a no-event sentence is wrong). Writes
``src/dyads/data/lexicon/confidence.tsv``: raw-score upper bounds and the calibrated
probability. No dev data is read.

    python tools/calibrate_confidence.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "src" / "dyads" / "data" / "training"
OUT = ROOT / "src" / "dyads" / "data" / "lexicon" / "confidence.tsv"


def corpus() -> list[dict]:
    items = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def isotonic(points: list[tuple[float, int]]) -> list[tuple[float, float]]:
    """Pool adjacent violators over (score, correct) sorted by score: (upper bound, p)."""
    by_score: dict[float, list[float]] = {}
    for score, correct in points:
        entry = by_score.setdefault(score, [0.0, 0.0])
        entry[0] += correct
        entry[1] += 1
    blocks: list[list[float]] = []          # [sum correct, count, max score]
    for score in sorted(by_score):
        blocks.append([by_score[score][0], by_score[score][1], score])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            blocks[-1][0] += last[0]
            blocks[-1][1] += last[1]
            blocks[-1][2] = last[2]
    return [(b[2], b[0] / b[1]) for b in blocks]


def main() -> int:
    os.environ["DYADS_CLASSIFIER"] = "0"
    os.environ["DYADS_RAW_CONFIDENCE"] = "1"
    from dyads.ingest import Document
    from dyads.pipeline import CodedDocument, code_documents

    items = corpus()
    documents = [Document(doc_id=str(i), text=item["text"], date=None) for i, item in enumerate(items)]
    points = []
    for coded in code_documents(documents):
        if not isinstance(coded, CodedDocument) or not coded.events:
            continue
        item = items[int(coded.document.doc_id)]
        main = max(coded.events, key=lambda e: e["confidence"])
        gold = item.get("cameo")
        points.append((main["confidence"], int(bool(gold) and main["cameo_root"] == gold[:2])))
    table = isotonic(points)
    lines = ["# Calibrated confidence of the rule coder: raw score <= upper -> probability that",
             "# the event's CAMEO root is right. Written by tools/calibrate_confidence.py from",
             f"# dyads' own corpus ({len(points)} sentences with an event); do not edit by hand.",
             "upper\tprobability"]
    lines += [f"{upper:.3f}\t{p:.3f}" for upper, p in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    right = sum(c for _, c in points)
    print(f"{len(points)} sentences with a main event, {right / len(points):.3f} with the right root; "
          f"{len(table)} steps -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
