"""Forecasting benchmark on ICEWS14: object forecasting and next-relation prediction.

    python bench/forecast_icews14.py                 # valid and test with the default options
    python bench/forecast_icews14.py --tune          # choose options on valid first, then test once
    python bench/forecast_icews14.py --relations     # also score Forecaster.predict_relations

Object forecasting is scored by :func:`dyads.forecast.evaluate` (time-aware filtered,
single-step, ties = mean of optimistic and pessimistic rank). ``--tune`` searches the
decays and weights coordinate by coordinate on the validation set only; the test set
is scored once, with the options it printed.

``--relations`` asks, for each test fact (s, r, o, t), for the distribution of the
relation of (s, ?, o, t) given all facts before t, and prints the raw (unfiltered)
MRR, Hits@1/3 and mean log-probability of the true relation, next to the global
relation frequencies as a baseline.

The data are measurement-only (``../shared/dev/tkg/ICEWS14``); nothing is written.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

from dyads.forecast import ForecastOptions, Forecaster, Quad, RelationOptions, evaluate, load_quads

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "dev" / "tkg" / "ICEWS14"

GRID = {
    "recency_decay": [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95],
    "frequency_decay": [0.98, 0.99, 0.995, 0.998, 1.0],
    "rules_decay": [0.9, 0.95, 0.98, 0.99, 1.0],
    "pair_decay": [0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
    "relation_decay": [0.8, 0.9, 0.95, 0.99, 1.0],
    "rule_prior": [1.0, 3.0, 10.0, 30.0, 100.0],
    "weights.frequency": [0.01, 0.02, 0.03, 0.05, 0.1, 0.3],
    "weights.rules": [0.1, 0.2, 0.3, 0.5, 1.0],
    "weights.pair": [0.003, 0.01, 0.02, 0.05, 0.1, 0.3],
    "weights.relation": [0.0, 1e-7, 1e-6, 1e-5],
    "weights.popularity": [0.0, 1e-8, 1e-7],
}


def with_value(options: ForecastOptions, name: str, value: float) -> ForecastOptions:
    if name.startswith("weights."):
        weights = dataclasses.replace(options.weights, **{name.split(".", 1)[1]: value})
        return dataclasses.replace(options, weights=weights)
    return dataclasses.replace(options, **{name: value})


def value_of(options: ForecastOptions, name: str) -> float:
    if name.startswith("weights."):
        return getattr(options.weights, name.split(".", 1)[1])
    return getattr(options, name)


def tune(train, valid, *, start: ForecastOptions, rounds: int) -> ForecastOptions:
    """Coordinate search on valid MRR; stops early when a round changes nothing."""
    best = start
    best_mrr = evaluate(train, valid, [], options=best, on="valid").mrr
    print(f"start valid MRR {best_mrr:.4f}", flush=True)
    for round_number in range(1, rounds + 1):
        changed = False
        for name, values in GRID.items():
            for value in values:
                if value == value_of(best, name):
                    continue
                trial = with_value(best, name, value)
                mrr = evaluate(train, valid, [], options=trial, on="valid").mrr
                if mrr > best_mrr + 1e-5:
                    best, best_mrr, changed = trial, mrr, True
                    print(f"round {round_number}: {name} = {value} -> valid MRR {mrr:.4f}",
                          flush=True)
        if not changed:
            break
    return best


def relation_scores(history: list[Quad], queries: list[Quad], options: RelationOptions) -> dict:
    model = Forecaster(relation_options=options).fit(history)
    names = {name: i for i, name in enumerate(model.relations)}
    ranks, logs, tops = [], [], []
    for q in queries:
        p = model.relation_distribution(q.subject, q.object, q.time)
        true = p[names[q.relation]]
        ranks.append(1 + (p > true).sum() + ((p == true).sum() - 1) / 2)
        logs.append(math.log(true))
        tops.append(p.max())
    ranks = np.array(ranks)
    # calibration at a glance: the mean top probability against how often the top is right
    return {"mrr": float(np.mean(1 / ranks)), "hits1": float(np.mean(ranks <= 1)),
            "hits3": float(np.mean(ranks <= 3)), "mean_log_p": float(np.mean(logs)),
            "mean_top_p": float(np.mean(tops)), "n": len(ranks)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tune", action="store_true", help="choose options on valid first")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--relations", action="store_true", help="also score predict_relations")
    args = parser.parse_args(argv)
    if not (args.data / "train.txt").is_file():
        sys.exit(f"no ICEWS14 data in {args.data}")

    started = time.perf_counter()
    train, valid, test = (load_quads(args.data / f"{name}.txt")
                          for name in ("train", "valid", "test"))
    options = ForecastOptions()
    if args.tune:
        options = tune(train, valid, start=options, rounds=args.rounds)
    print("options:", json.dumps(options.to_json()))
    for split in ("valid", "test"):
        report = evaluate(train, valid, test, options=options, on=split)
        print(report.table())
    if args.relations:
        history = train + valid + test
        baseline = RelationOptions(dyad_prior=1e12, subject_prior=1e12)
        for label, relation_options in (("dyads next model", RelationOptions()),
                                        ("global frequencies", baseline)):
            scores = relation_scores(history, test, relation_options)
            print(f"next relation, test, {label}:", json.dumps(scores))
    print(f"total wall time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
