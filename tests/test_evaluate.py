"""dyads.evaluate: loading labelled sets, scoring coded events, running the real coder.

Scoring is checked by hand on our own fixture sentences with predictions written
out in the event-record shape; the real coder is then run on the fixture and on the
first items of each dev set (skipped where the dev data is absent)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from dyads.errors import DataError, UsageError
from dyads.evaluate import DATASETS, Dataset, Outcome, evaluate, load_dataset, plover_form, score

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "evaluate" / "sample.jsonl"
DEV = Path(os.environ.get("DYADS_DEV_DATA") or "/work/shared/dev")
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"no dev data at {DEV}")


def event(source: str, target: str | None, cameo: str, plover: str, confidence: float) -> dict:
    def actor(code: str) -> dict:
        return {"code": code, "name": code, "country": code[:3], "sector": code[3:6] or None,
                "group": code[6:] or None, "text": code}

    return {"source": actor(source), "target": actor(target) if target else None,
            "cameo": cameo, "cameo_root": cameo[:2],
            "plover": {"type": plover, "mode": None, "context": []},
            "acled": {"event_type": None, "sub_event_type": None},
            "negated": False, "modality": "actual", "historical": False, "generic": False,
            "confidence": confidence}


def hand_checked(with_false_alarm: bool = True):
    items = {item.item_id: item for item in load_dataset(str(SAMPLE)).items}
    chosen = [items[i] for i in ("consult-1", "assault-1", "sanction-1", "none-1", "none-2")]
    predicted = {
        # the lower-confidence statement must not become the main prediction
        "consult-1": [event("IRNGOV", None, "010", "AGREE", 0.4),
                      event("IRNGOV", "CHNGOV", "040", "CONSULT", 0.8)],
        "assault-1": [event("ISRMIL", "PSEREBHMS", "190", "ASSAULT", 0.7)],   # root right only
        "sanction-1": [],                                                      # missed
        "none-1": [event("USA", None, "010", "AGREE", 0.5)] if with_false_alarm else [],
        "none-2": [],
    }
    dataset = Dataset("hand", str(SAMPLE), chosen)
    return score(dataset, [Outcome(item, predicted[item.item_id]) for item in chosen], seconds=2.0)


def test_sample_fixture_loads_with_its_labels():
    dataset = load_dataset(str(SAMPLE))
    assert len(dataset.items) == 13
    assert dataset.labels == {"negatives", "actors", "cameo", "plover", "acled"}
    request = next(i for i in dataset.items if i.item_id == "request-1")
    assert request.events[0].plover == "REQUEST"          # old PLOVER name mapped
    assert request.events[0].sources == ("RUSGOV",)
    assert sum(1 for i in dataset.items if not i.events) == 3


def test_hand_checked_predictions_are_scored_exactly():
    m = hand_checked().metrics
    assert (m["n"], m["n_no_prediction"], m["n_failed"]) == (5, 2, 0)
    assert m["event_precision"] == pytest.approx(2 / 3)
    assert m["event_recall"] == pytest.approx(2 / 3)
    assert m["event_accuracy"] == pytest.approx(3 / 5)
    assert m["plover_accuracy"] == pytest.approx(2 / 3)
    assert m["plover_macro_f1"] == pytest.approx(2 / 3)      # CONSULT 1, ASSAULT 1, COERCE 0
    assert m["cameo_root_accuracy"] == pytest.approx(2 / 3)
    assert m["cameo_accuracy"] == pytest.approx(1 / 3)
    assert (m["source_precision"], m["source_recall"]) == pytest.approx((2 / 3, 2 / 3))
    assert (m["target_precision"], m["target_recall"]) == pytest.approx((1.0, 2 / 3))
    assert (m["triple_root_precision"], m["triple_root_recall"]) == pytest.approx((2 / 4, 2 / 3))
    assert (m["triple_precision"], m["triple_recall"]) == pytest.approx((1 / 4, 1 / 3))
    assert m["sentences_per_second"] == pytest.approx(2.5)


def test_negatives_count_against_precision():
    with_alarm, without = hand_checked(True).metrics, hand_checked(False).metrics
    assert without["event_precision"] == 1.0 > with_alarm["event_precision"]
    assert without["source_precision"] == 1.0 > with_alarm["source_precision"]
    assert without["event_recall"] == with_alarm["event_recall"]


def test_a_name_the_actor_base_does_not_know_is_no_actor_prediction():
    items = {item.item_id: item for item in load_dataset(str(SAMPLE)).items}
    item = items["assault-1"]
    unknown = event("ISRMIL", "PSEREBHMS", "193", "ASSAULT", 0.7)
    unknown["source"] = {**unknown["source"], "code": "---", "country": None, "ner": "PERSON"}
    m = score(Dataset("one", str(SAMPLE), [item]), [Outcome(item, [unknown])], seconds=1.0).metrics
    # the event counts, its unknown source neither right nor wrong
    assert m["plover_accuracy"] == 1.0
    assert (m["source_precision"], m["source_recall"]) == (0.0, 0.0)
    assert m["source_country_recall"] == 0.0 and m["target_country_recall"] == 1.0
    assert m["triple_root_recall"] == 0.0


def test_actor_codes_are_compared_whatever_their_case():
    items = {item.item_id: item for item in load_dataset(str(SAMPLE)).items}
    item = items["assault-1"]
    lower = event("ISRMIL", "PSEREBHMS", "190", "ASSAULT", 0.7)
    lower["target"] = {**lower["target"], "code": "PSEREBhms"}   # CAMEO's lower-case group
    m = score(Dataset("one", str(SAMPLE), [item]), [Outcome(item, [lower])], seconds=1.0).metrics
    assert (m["target_precision"], m["target_recall"]) == (1.0, 1.0)


def test_actors_written_as_plover_annotations_are_scored_in_their_scheme(tmp_path):
    # PLOVER annotations give a code (a country, or IGO / NGO for any organisation)
    # and a sector, with no field for the organisation itself: "IGOUNOPKO" is "IGOMIL"
    # there, "PSEREBHMS" is "PSEREB". CAMEO codes given as strings stay full codes.
    text = "UN peacekeepers and Hamas fighters exchanged fire near the European Union office."
    plover = {"source": [{"code": "IGO", "sector": "MIL"}, {"code": "PSE", "sector": "REB"}],
              "target": [{"code": "IGO"}], "cameo": "190"}
    cameo = {"source": ["IGOUNOPKO", "PSEREBHMS"], "target": ["IGOEUREEC"], "cameo": "190"}
    path = tmp_path / "schemes.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": text, "events": [e]})
                              for i, e in (("plover", plover), ("cameo", cameo))), encoding="utf-8")
    mixed = {item.item_id: item for item in load_dataset(str(path)).items}
    assert all(item.plover_actors for item in mixed.values())   # one scheme per file
    assert mixed["plover"].events[0].sources == ("IGOMIL", "PSEREB")
    path.write_text(json.dumps({"id": "cameo", "text": text, "events": [cameo]}), encoding="utf-8")
    items = {"plover": mixed["plover"], "cameo": load_dataset(str(path)).items[0]}
    assert not items["cameo"].plover_actors
    predicted = [event("IGOUNOPKO", "IGOEUREEC", "190", "ASSAULT", 0.8),
                 event("PSEREBHMS", "IGOEUREEC", "190", "ASSAULT", 0.7)]
    for name, item in items.items():
        m = score(Dataset(name, str(path), [item]), [Outcome(item, predicted)], seconds=1.0).metrics
        assert (m["source_f1"], m["target_f1"]) == (1.0, 1.0), name
    # the organisation's own sector, an ethnic group kept, an unknown segment dropped
    assert [plover_form(c) for c in ("IGOUNOREFHCR", "IGOUNO", "NGOHRIAMN", "SRBCVLalb",
                                      "IRQCVLKUR", "PSEGOVPLO", "USAGOV", "USAGOVMIL")] == [
        "IGOREF", "IGO", "NGOSOC", "SRBCVLalb", "IRQCVLKUR", "PSEGOV", "USAGOV", "USAGOV"]
    # PLOVER's own sector codes: media is JRN, health MED, separatists REB; no radicals
    assert [plover_form(c) for c in ("LBNMED", "CHEHLH", "NGOHLH", "NGASEP", "HRVRAD", "ISRSET")] == [
        "LBNJRN", "CHEMED", "NGOMED", "NGAREB", "HRV", "ISRCVL"]


def test_examples_list_the_miscoded_items_with_reasons():
    report = hand_checked()
    examples = report.examples(10)
    assert [e["id"] for e in examples] == ["assault-1", "sanction-1", "none-1"]
    assert examples[0]["why"] == ["cameo: gold 193, predicted 190",
                                  "acled: gold ['armed clash'], predicted -"]
    assert examples[1]["why"] == ["missed: no event"]
    assert examples[2]["predicted"][0]["source"]["code"] == "USA"
    assert len(report.examples(1)) == 1
    assert "Israeli troops shot dead" in report.examples_text(1)


def test_table_and_json():
    report = hand_checked()
    lines = report.table().splitlines()
    assert len(lines) == 2 + len(report.metrics)
    assert re.fullmatch(r"event_precision +0\.667", lines[lines.index(
        next(line for line in lines if line.startswith("event_precision")))])
    assert len({len(line) for line in lines[1:]}) == 1      # aligned columns
    assert json.loads(json.dumps(report.to_json()))["metrics"] == report.metrics


def test_unknown_path_and_missing_dev_data_are_usage_errors(tmp_path, monkeypatch):
    with pytest.raises(UsageError, match="nope.jsonl"):
        evaluate(str(tmp_path / "nope.jsonl"))
    monkeypatch.delenv("DYADS_DEV_DATA", raising=False)
    with pytest.raises(UsageError, match=r"PLOVER_GSR_CAMEO\.txt.*DYADS_DEV_DATA"):
        load_dataset("plover", data_dir=tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="no dev-data folder"):
        load_dataset("icews")
    with pytest.raises(UsageError, match="limit"):
        load_dataset(str(SAMPLE), limit=0)
    with pytest.raises(UsageError, match="date"):
        evaluate(str(SAMPLE), date="yesterday")


def test_malformed_labelled_file_is_a_data_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Iran protested.", "events": []}\n{"id": "b", "text": "x"}\n')
    with pytest.raises(DataError, match=r"bad\.jsonl:2"):
        load_dataset(str(bad))


@pytest.fixture(scope="module")
def sample_report():
    return evaluate(str(SAMPLE))


def test_real_coder_on_the_sample(sample_report):
    m = sample_report.metrics
    assert sample_report.n == m["n"] == 13
    for key in ("event_precision", "event_recall", "event_f1", "event_accuracy", "plover_accuracy",
                "plover_macro_f1", "cameo_root_accuracy", "cameo_accuracy", "acled_accuracy",
                "source_f1", "target_f1", "source_country_f1", "target_country_f1",
                "triple_root_f1", "triple_f1", "wall_seconds", "sentences_per_second"):
        assert key in m
    fractions = {k: v for k, v in m.items() if not k.startswith(("n", "wall", "sentences"))}
    assert all(0.0 <= v <= 1.0 for v in fractions.values())
    assert m["wall_seconds"] > 0
    outcomes = sample_report.outcomes
    assert m["n_no_prediction"] == sum(1 for o in outcomes if not o.events)
    for outcome in outcomes:
        if outcome.events:
            assert outcome.main["confidence"] == max(e["confidence"] for e in outcome.events)
    alarms = sum(1 for o in outcomes if not o.item.events and o.events)
    assert (m["event_precision"] < 1.0) == (alarms > 0)
    assert m["event_recall"] > 0.5          # ten plain news sentences with an event each
    # coarser codes can only match more: full code <= country + sector <= country
    for role in ("source", "target"):
        assert m[f"{role}_recall"] <= m[f"{role}_sector_recall"] <= m[f"{role}_country_recall"]


@needs_dev
@pytest.mark.parametrize("name,count", [("plover", 322), ("cameo-manual", 180), ("icews", 277),
                                        ("conflibert", 451), ("conflibert-actors", 451)])
def test_builtin_sets_parse(name, count):
    dataset = load_dataset(name, data_dir=DEV)
    assert len(dataset.items) == count
    assert all(item.text.strip() for item in dataset.items)
    assert len(load_dataset(name, data_dir=DEV, limit=7).items) == 7


@needs_dev
def test_builtin_labels_are_read_as_documented():
    plover = load_dataset("plover", data_dir=DEV)
    assert {e.plover for i in plover.items for e in i.events} >= {"ASSAULT", "REQUEST", "ACCUSE"}
    assert not {"FIGHT", "DEMAND", "DISAPPROVE", "INVESTIGATE", "DOCUMENT"} & {
        e.plover for i in plover.items for e in i.events}
    icews = load_dataset("icews", data_dir=DEV)
    assert all(len(e.cameo) in (3, 4) for i in icews.items for e in i.events)
    actors = load_dataset("conflibert-actors", data_dir=DEV)
    first = actors.items[0]
    assert [first.text[s:e] for s, e in first.target_spans] == ["NATO"]
    assert sum(len(i.source_spans) for i in actors.items) > 400
    assert {c for i in load_dataset("conflibert", data_dir=DEV).items for e in i.events
            for c in [e.penta]} == {0, 1, 2, 3, 4}


@needs_dev
@pytest.mark.parametrize("name,keys", [
    ("cameo-manual", ("plover_macro_f1", "cameo_accuracy", "source_country_f1", "triple_f1")),
    ("conflibert", ("penta_accuracy", "penta_macro_f1")),
    ("conflibert-actors", ("source_span_f1", "target_span_recall")),
])
def test_real_coder_on_dev_sets(name, keys, monkeypatch):
    monkeypatch.setenv("DYADS_DEV_DATA", str(DEV))
    report = evaluate(name, limit=12)
    assert report.n == 12 and report.name == name
    assert all(0.0 <= report.metrics[key] <= 1.0 for key in keys)
    assert "event_precision" not in report.metrics       # these sets have no negatives
