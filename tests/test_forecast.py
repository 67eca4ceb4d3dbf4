"""Forecasting: ranks and metrics by hand, quadruple files, next-event types."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli_forecast import forecast
from dyads.errors import UsageError
from dyads.forecast import (ForecastOptions, Forecaster, Quad, RelationOptions, Weights, evaluate,
                            load_quads, mean_rank)

ICEWS14 = Path(__file__).resolve().parents[2] / "shared" / "dev" / "tkg" / "ICEWS14"

# only strict recency counts, halving per day: the ranks below follow by hand
RECENCY_ONLY = ForecastOptions(recency_decay=0.5,
                               weights=Weights(recency=1.0, frequency=0.0, rules=0.0, pair=0.0,
                                               relation=0.0, popularity=0.0))

TRAIN = [Quad("A", "r", "B", 1), Quad("A", "r", "C", 2), Quad("D", "r", "E", 1)]
TEST = [Quad("A", "r", "C", 3), Quad("A", "r", "D", 3)]


def test_mean_rank_counts_half_of_the_ties_and_skips_filtered():
    scores = [0.5, 0.2, 0.2, 0.2, 0.9]
    assert mean_rank(scores, 1) == 1 + 2 + 2 / 2          # 0.9 and 0.5 above, two ties
    assert mean_rank(scores, 1, exclude=[4]) == 1 + 1 + 2 / 2
    assert mean_rank(scores, 4) == 1.0
    assert mean_rank([0.0] * 5, 0) == 1 + 4 / 2


def test_ranks_by_hand_with_time_aware_filter_and_ties():
    report = evaluate(TRAIN, [], TEST, options=RECENCY_ONLY)
    # at t=3 the scores of (A, r, ?) are B 0.25 (2 days ago), C 0.5 (1 day ago), others 0.
    # (A, r, C): C is best, D (also true at t=3) is filtered            -> rank 1
    # (A, r, D): C filtered, B above, A and E tie with D at 0            -> 1 + 1 + 2/2 = 3
    # (C, r⁻¹, A): A seen one day ago, nothing else                       -> rank 1
    # (D, r⁻¹, A): D was never a subject of r⁻¹: all four others tie      -> 1 + 4/2 = 3
    assert sorted(report.ranks.tolist()) == [1.0, 1.0, 3.0, 3.0]
    assert report.n_queries == 4
    assert report.mrr == pytest.approx((1 + 1 / 3 + 1 + 1 / 3) / 4)
    assert (report.hits1, report.hits3, report.hits10) == (0.5, 1.0, 1.0)
    assert report.split == "test"


def test_without_the_filter_the_other_true_answer_would_outrank():
    # the same facts, but D's query is asked a day later, when C is no longer true at
    # that time stamp: C (now seen twice) outranks D, and B stays above it too
    report = evaluate(TRAIN + [TEST[0]], [], [Quad("A", "r", "D", 4)], options=RECENCY_ONLY)
    # (A, r, D) at t=4: C 0.5, B 0.125 above; A, E tie at 0      -> 1 + 2 + 2/2 = 4
    # (D, r⁻¹, A) at t=4: no history for D as subject of r⁻¹      -> 1 + 4/2 = 3
    assert sorted(report.ranks.tolist()) == [3.0, 4.0]


def test_single_step_uses_earlier_test_days_as_history():
    test = [Quad("A", "r", "C", 2), Quad("A", "r", "C", 3)]
    report = evaluate([Quad("A", "r", "B", 1)], [], test, options=RECENCY_ONLY)
    # t=2: (A, r, C) unseen: B above, A ties                  -> 1 + 1 + 1/2
    #      (C, r⁻¹, A) unseen: B and C tie                      -> 1 + 2/2
    # t=3: C was seen at t=2 (a test day) and beats B; A likewise -> 1, 1
    assert report.ranks.tolist() == [2.5, 2.0, 1.0, 1.0]


def test_window_drops_old_history():
    report = evaluate(TRAIN, [], TEST, options=dataclasses.replace(RECENCY_ONLY, window=1))
    # B (two days old) is outside the window: (A, r, D) ties with A, B, E -> 1 + 3/2
    assert sorted(report.ranks.tolist()) == [1.0, 1.0, 2.5, 3.0]


def test_evaluate_on_valid_ignores_test_and_rejects_other_splits():
    report = evaluate(TRAIN, TEST, [Quad("X", "r", "Y", 9)], options=RECENCY_ONLY, on="valid")
    assert report.split == "valid" and report.n_queries == 4
    assert report.mrr == pytest.approx(2 / 3)
    with pytest.raises(UsageError):
        evaluate(TRAIN, [], TEST, on="train")


def test_cli_prints_table_and_json(tmp_path):
    paths = {}
    for name, quads in (("train", TRAIN), ("valid", []), ("test", TEST)):
        day = dt.date(2014, 1, 1).toordinal()
        lines = [f"{q.subject}\t{q.relation}\t{q.object}\t{dt.date.fromordinal(day + q.time)}"
                 for q in quads]
        paths[name] = tmp_path / f"{name}.named.tsv"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["--train", paths["train"], "--valid", paths["valid"], "--test", paths["test"]]
    table = CliRunner().invoke(forecast, [str(a) for a in args])
    assert table.exit_code == 0, table.output
    assert "MRR" in table.output and "Hits@10" in table.output and "wall time" in table.output
    answer = CliRunner().invoke(forecast, [str(a) for a in args] + ["--json"])
    record = json.loads(answer.output)
    assert set(record) >= {"mrr", "hits1", "hits3", "hits10", "n_queries", "seconds", "params"}
    assert record["n_queries"] == 4 and 0 < record["mrr"] <= 1


def test_cli_reports_unreadable_input_in_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1 2 x 4\n", encoding="utf-8")
    args = ["--train", str(bad), "--valid", str(bad), "--test", str(bad)]
    result = CliRunner().invoke(forecast, args)
    assert result.exit_code == 1
    assert result.output.startswith("dyads: ") and "four integers" in result.output


@pytest.mark.skipif(not (ICEWS14 / "test.txt").is_file(), reason="ICEWS14 dev data absent")
def test_load_quads_reads_ids_with_names_and_named_tsv():
    by_id = load_quads(ICEWS14 / "test.txt")
    named = load_quads(ICEWS14 / "test.named.tsv")
    assert len(by_id) == len(named) == 7371
    first_id, first_named = by_id[0], named[0]
    assert (first_id.subject, first_id.relation, first_id.object) == \
        (first_named.subject, first_named.relation, first_named.object) == \
        ("Malaysia", "Express_intent_to_cooperate", "Thailand")
    # id files count hours from 2014-01-01; named files carry the date itself
    assert first_id.time == 8016
    assert first_named.time == dt.date(2014, 12, 1).toordinal()
    start = dt.date(2014, 1, 1).toordinal()
    assert all(a.time // 24 + start == b.time for a, b in zip(by_id, named))


def test_load_quads_without_name_tables_keeps_ids(tmp_path):
    path = tmp_path / "facts.txt"
    path.write_text("0 3 1 24 -1\n1 2 0 48 -1\n", encoding="utf-8")
    assert load_quads(path) == [Quad("0", "3", "1", 24), Quad("1", "2", "0", 48)]


# -- the model behind ``dyads next`` -------------------------------------------------

DAY = dt.date(2022, 10, 19).toordinal()
DYAD_HISTORY = (
    [Quad("HMS", "042", "SYR", DAY - d) for d in (1, 3, 5, 8)]      # Hamas visits Syria, recently
    + [Quad("SYR", "043", "HMS", DAY - 2)]                           # Syria hosts Hamas
    + [Quad("HMS", "111", "SYR", DAY - 3000)]                        # an old rupture
    + [Quad("HMS", "190", "ISR", DAY - d) for d in range(1, 30)]     # Hamas fights Israel
    + [Quad("ISR", "190", "HMS", DAY - d) for d in range(1, 30)]
    + [Quad("IRN", "051", "HMS", DAY - 4), Quad("IRN", "051", "SYR", DAY - 6)]
)


def test_predict_relations_ranks_the_dyads_recent_events_first():
    model = Forecaster().fit(DYAD_HISTORY)
    found = model.predict_relations("HMS", "SYR", DAY, k=5)
    codes = [code for code, _ in found]
    assert codes[0] == "042"
    assert codes.index("043") < codes.index("111")          # the reverse direction counts
    probabilities = [p for _, p in found]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 0 < sum(probabilities) <= 1 + 1e-9
    full = model.relation_distribution("HMS", "SYR", DAY)
    assert full.sum() == pytest.approx(1.0)
    assert found[0][1] > 0.4


def test_predict_relations_backs_off_to_the_subject_and_globally():
    model = Forecaster().fit(DYAD_HISTORY)
    # no Hamas–Lebanon events: Hamas' own habits (fighting Israel) come first
    assert model.predict_relations("HMS", "LBN", DAY, k=1)[0][0] == "190"
    # unknown actors: the global distribution, still a probability over all relations
    unknown = model.predict_relations("XXX", "YYY", DAY, k=10)
    assert unknown[0][0] == "190"
    assert sum(p for _, p in unknown) == pytest.approx(1.0)
    assert Forecaster().predict_relations("HMS", "SYR", DAY) == []


def test_predict_relations_only_uses_the_past_and_decays():
    model = Forecaster(relation_options=RelationOptions(decay=0.9)).fit(DYAD_HISTORY)
    # before any recent visit only the old rupture is known for the dyad
    assert model.predict_relations("HMS", "SYR", DAY - 2999, k=1)[0][0] == "111"
    # default time: after the last fitted event
    latest = model.predict_relations("HMS", "SYR", k=1)
    assert latest == model.predict_relations("HMS", "SYR", DAY, k=1)


def test_predict_objects_and_incremental_fit():
    once = Forecaster().fit(DYAD_HISTORY)
    twice = Forecaster().fit(DYAD_HISTORY[:10]).fit(DYAD_HISTORY[10:])
    assert len(twice) == len(DYAD_HISTORY)
    best = once.predict_objects("HMS", "042", DAY, k=3)
    assert best[0][0] == "SYR"
    assert best == twice.predict_objects("HMS", "042", DAY, k=3)
    assert math.fsum(score for _, score in once.predict_objects("HMS", "042", DAY, k=100)) \
        == pytest.approx(1.0)
    # asking about an earlier day rewinds the history: Syria was not yet visited
    early = once.predict_objects("HMS", "042", DAY - 7, k=3)
    assert early and early[0][1] < best[0][1]
    assert once.predict_objects("NOBODY", "042", DAY, k=2)       # popularity fallback
