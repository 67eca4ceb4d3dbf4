"""The event-type classifier alone (``dyads.classify``) on the dev sets: measurement only.

    /tmp/venv/bin/python bench/classifier_dev.py [--dev /work/shared/dev] [--errors 10]

Runs the packaged classifier (no rule coder, no actors) on each sentence of:

    plover        PLOVER gold (PLOVER_GSR_CAMEO.txt): PLOVER type accuracy and macro-F1,
                  predicted CAMEO mapped through dyads.codebook.plover(code).type
    cameo-manual  CAMEO manual examples: CAMEO root and exact-code accuracy
    icews         ICEWS code-table examples: CAMEO root and exact-code accuracy
    conflibert    ConfliBERT cameo_class test: five-class macro-F1 over the root

The sets are read at run time through ``dyads.evaluate.load_dataset`` (which maps the
old PLOVER names DEMAND, DISAPPROVE, FIGHT, INVESTIGATE to current ones); nothing of
them is trained on or copied. Every sentence of these sets carries an event, so two
readings are printed: "forced" scores the most probable code even when the
classifier says "no event" (the classifier as a typer of known events), "strict"
counts a no-event answer as wrong. Prints figures and the most frequent confusions;
never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from dyads.classify import EventClassifier, Prediction, unavailable_reason
from dyads.codebook import plover
from dyads.evaluate import load_dataset

DEFAULT_DEV = Path("/work/shared/dev")
# ConfliBERT's five classes over CAMEO roots, as its cameo_class task defines them.
PENTA = {root: label for label, roots in {
    0: ("01", "02"), 1: ("03", "04", "05"), 2: ("06", "07", "08"),
    3: ("09", "10", "11", "12", "13", "16"), 4: ("14", "15", "17", "18", "19", "20"),
}.items() for root in roots}


def forced_code(prediction: Prediction) -> str | None:
    if prediction.code is not None:
        return prediction.code
    return prediction.ranked[0][0] if prediction.ranked else None


def strict_code(prediction: Prediction) -> str | None:
    return prediction.code


def accuracy(pairs: Sequence[tuple[object, object]]) -> float:
    return sum(gold == guess for gold, guess in pairs) / len(pairs) if pairs else 0.0


def macro_f1(pairs: Sequence[tuple[object, object]], classes: Sequence[object]) -> float:
    scores = []
    for label in classes:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def plover_type(code: str | None) -> str | None:
    return plover(code).type if code else None


def score_set(name: str, golds: list, predictions: list[Prediction],
              pick: Callable[[Prediction], str | None]) -> dict[str, float]:
    codes = [pick(p) for p in predictions]
    if name == "plover":
        pairs = [(g.plover, plover_type(c)) for g, c in zip(golds, codes)]
        classes = sorted({g for g, _ in pairs})
        return {"plover_accuracy": accuracy(pairs), "plover_macro_f1": macro_f1(pairs, classes)}
    if name == "conflibert":
        pairs = [(g.penta, PENTA.get(c[:2]) if c else None) for g, c in zip(golds, codes)]
        return {"penta_accuracy": accuracy(pairs), "penta_macro_f1": macro_f1(pairs, range(5))}
    roots = [(g.cameo[:2], c[:2] if c else None) for g, c in zip(golds, codes)]
    exact = [(g.cameo, c) for g, c in zip(golds, codes)]
    return {"root_accuracy": accuracy(roots), "exact_accuracy": accuracy(exact)}


def confusions(name: str, golds: list, predictions: list[Prediction], k: int) -> list[str]:
    def gold_label(g) -> str:
        return g.plover if name == "plover" else str(g.penta) if name == "conflibert" else g.cameo[:2]

    def guess_label(p: Prediction) -> str:
        code = forced_code(p)
        if name == "plover":
            return str(plover_type(code))
        if name == "conflibert":
            return str(PENTA.get(code[:2]) if code else None)
        return code[:2] if code else "None"

    wrong = Counter((gold_label(g), guess_label(p)) for g, p in zip(golds, predictions)
                    if gold_label(g) != guess_label(p))
    return [f"{gold}->{guess} x{n}" for (gold, guess), n in wrong.most_common(k)]


def per_class(name: str, golds: list, predictions: list[Prediction]) -> dict[str, str]:
    """Accuracy per gold class (forced reading), to see which classes fail."""
    totals: Counter = Counter()
    right: Counter = Counter()
    for g, p in zip(golds, predictions):
        code = forced_code(p)
        if name == "plover":
            gold, guess = g.plover, plover_type(code)
        elif name == "conflibert":
            gold, guess = g.penta, PENTA.get(code[:2]) if code else None
        else:
            gold, guess = g.cameo[:2], code[:2] if code else None
        totals[gold] += 1
        right[gold] += gold == guess
    return {str(label): f"{right[label]}/{totals[label]}" for label in sorted(totals, key=str)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--errors", type=int, default=8, help="confusions listed per set")
    args = parser.parse_args(argv)
    reason = unavailable_reason()
    if reason is not None:
        print(f"classifier unavailable: {reason}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    classifier = EventClassifier.default()
    assert classifier is not None
    print(f"model load: {time.perf_counter() - started:.1f} s")
    combined: dict[str, list] = {"golds": [], "predictions": []}
    for name in ("plover", "cameo-manual", "icews", "conflibert"):
        items = load_dataset(name, data_dir=args.dev).items
        golds = [item.events[0] for item in items]
        started = time.perf_counter()
        predictions = classifier.predict([item.text for item in items])
        seconds = time.perf_counter() - started
        figures = {
            "n": len(items),
            "sentences_per_second": round(len(items) / seconds, 1),
            "no_event_answers": sum(p.code is None for p in predictions),
            "forced": {k: round(v, 3) for k, v in
                       score_set(name, golds, predictions, forced_code).items()},
            "strict": {k: round(v, 3) for k, v in
                       score_set(name, golds, predictions, strict_code).items()},
            "per_class_forced": per_class(name, golds, predictions),
            "top_confusions": confusions(name, golds, predictions, args.errors),
        }
        print(f"{name}: {json.dumps(figures)}")
        if name in ("cameo-manual", "icews"):
            combined["golds"] += golds
            combined["predictions"] += predictions
    both = {reading: {k: round(v, 3) for k, v in score_set(
        "cameo", combined["golds"], combined["predictions"], pick).items()}
        for reading, pick in (("forced", forced_code), ("strict", strict_code))}
    print(f"cameo-manual+icews: {json.dumps({'n': len(combined['golds']), **both})}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
