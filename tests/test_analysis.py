"""Dedup, dyad timelines, relation states and the actor network on a real store.

The store is filled by the real pipeline (spaCy, coder, DuckDB) from the seed
article and three short articles about the same dyad at other dates
(tests/data/relations/): Hamas breaking with Damascus in February 2012, Syrian
authorities raiding Hamas's offices in November 2012, Hezbollah mediating in June
2022. Acceptance of the relations issue: the Hamas-Syria timeline shows the rupture
and the reconciliation, the network names Hezbollah and Iran as brokers, and the
seed article from three sources is one canonical event with num_articles = 3.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from dyads import analysis
from dyads.cli_relations import network as network_command, timeline as timeline_command
from dyads.errors import StoreError, UsageError
from dyads.pipeline import CodeOptions, ingest
from dyads.store import Store

from _relations import DATED, HAMAS, SEED, SYRIA


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("relations") / "dyads.duckdb"
    for article, date in DATED:
        report = ingest([article], db=path, options=CodeOptions(date=date))
        assert report.documents == 1 and not report.problems
    return path


@pytest.fixture
def store(db):
    with Store(db) as store:
        yield store


@pytest.fixture(scope="module")
def three_sources(tmp_path_factory) -> Path:
    """The seed article as three wire copies: other ids, other sources, same text."""
    folder = tmp_path_factory.mktemp("three")
    corpus = folder / "copies.jsonl"
    text = SEED.read_text(encoding="utf-8")
    with corpus.open("w", encoding="utf-8") as handle:
        for source in ("ap", "reuters", "afp"):
            record = {"id": f"{source}-hamas-syria", "text": text, "date": "2022-10-19", "source": source}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    path = folder / "dyads.duckdb"
    assert ingest([corpus], db=path).documents == 3
    return path


# --- dedup --------------------------------------------------------------------


def test_one_article_from_three_sources_is_one_canonical_event(three_sources):
    with Store(three_sources) as store:
        raw = store.events(dyad=(HAMAS, SYRIA))
        canonical = store.canonical_events(dyad=(HAMAS, SYRIA))
        meeting = [e for e in canonical if e["cameo"].startswith("04") and e["date"] == "2022-10-19"]
    assert len(meeting) == 1
    assert meeting[0]["num_articles"] == 3
    assert meeting[0]["num_sources"] == 3
    assert meeting[0]["num_mentions"] == 3
    assert sorted(m["source"] for m in meeting[0]["mentions"]) == ["afp", "ap", "reuters"]
    assert {m["doc_id"] for m in meeting[0]["mentions"]} == {"ap-hamas-syria", "reuters-hamas-syria",
                                                             "afp-hamas-syria"}
    assert all(m["evidence"]["text"].startswith("Senior Hamas official") for m in meeting[0]["mentions"])
    # Raw mentions stay queryable: three of everything.
    assert len(raw) == 3 * len({(e["sentence"], e["cameo"], e["source"]["code"]) for e in raw})
    assert all(e["num_articles"] == 3 for e in canonical)


def test_duplicates_do_not_inflate_the_timeline(three_sources, store):
    with Store(three_sources) as copies:
        tripled = analysis.timeline(copies, HAMAS, SYRIA, by="year", since="2022")
    once = analysis.timeline(store, HAMAS, SYRIA, by="year", since="2022")
    assert [r["events"] for r in tripled] == [r["events"] for r in once]
    assert [r["mentions"] for r in tripled] == [3 * r["mentions"] for r in once]


def _document(doc_id, source, date, events, text="Text."):
    return {"doc_id": doc_id, "text": text + doc_id, "date": date, "source": source}


def _meeting(doc_id, date, *, place=None, negated=False, target="SYRGOV"):
    return {
        "event_id": f"{doc_id}-{date}-{target}-{place}-{negated}",
        "doc_id": doc_id, "sentence": 0, "evidence": {"text": "Hamas met Syria.", "start": 0, "end": 16},
        "date": date, "date_precision": "day", "historical": False, "generic": False,
        "negated": negated, "modality": "actual",
        "source": {"code": "PSEREBHMS", "name": "Hamas"}, "target": {"code": target, "name": "Syria"},
        "cameo": "040", "cameo_root": "04", "goldstein": 1.0, "quad_class": 1,
        "location": {"name": place, "geonameid": None} if place else None,
    }


def _add(store, doc_id, source, date, *events):
    store.add_document(_document(doc_id, source, date, events), sentences=[], events=list(events))


def test_dedup_links_within_the_window_and_keeps_places_and_negation_apart(tmp_path):
    with Store(tmp_path / "d.duckdb") as store:
        _add(store, "a", "ap", "2022-10-19", _meeting("a", "2022-10-19", place="Damascus"))
        _add(store, "b", "ap", "2022-10-20", _meeting("b", "2022-10-20", place="Damascus"))
        _add(store, "c", "afp", "2022-10-21", _meeting("c", "2022-10-21", place="Damascus"))  # 2 days on
        _add(store, "d", None, "2022-10-19", _meeting("d", "2022-10-19", place="Beirut"))
        _add(store, "e", None, "2022-10-19", _meeting("e", "2022-10-19", place="Damascus", negated=True))
        found = {e["canonical_id"]: e for e in store.canonical_events()}
    counts = sorted((e["location"] or {}).get("name", "") + f" {e['num_mentions']}/{e['num_sources']}/"
                    f"{e['num_articles']}" for e in found.values())
    assert counts == ["Beirut 1/1/1", "Damascus 1/1/1", "Damascus 1/1/1", "Damascus 2/1/2"]
    assert found["a-2022-10-19-SYRGOV-Damascus-False"]["num_mentions"] == 2
    assert found["a-2022-10-19-SYRGOV-Damascus-False"]["date_last"] == "2022-10-20"


def test_dedup_is_incremental_and_independent_of_ingest_order(tmp_path):
    with Store(tmp_path / "d.duckdb", dedup_days=2) as store:
        _add(store, "late", "afp", "2022-10-21", _meeting("late", "2022-10-21"))
        assert store.dedup() == 1
        assert [e["num_articles"] for e in store.canonical_events()] == [1]
        _add(store, "early", "ap", "2022-10-19", _meeting("early", "2022-10-19"))
        (event,) = store.canonical_events()
        # The earliest mention names the canonical event, whatever came in first.
        assert event["canonical_id"].startswith("early") and event["num_articles"] == 2
        store.add_document({**_document("early", "ap", "2022-10-19", []), "text": "Now about Iran."},
                           sentences=[], events=[])
        (event,) = store.canonical_events()
        assert event["canonical_id"].startswith("late") and event["num_articles"] == 1
        assert store.dedup() == 0


def test_a_read_only_store_with_unlinked_mentions_says_so(tmp_path):
    path = tmp_path / "d.duckdb"
    with Store(path) as store:
        _add(store, "a", "ap", "2022-10-19", _meeting("a", "2022-10-19"))
    with Store(path, read_only=True) as store, pytest.raises(StoreError, match="not yet linked"):
        store.canonical_events()
    with Store(path) as store:
        store.dedup()
    with Store(path, read_only=True) as store:
        assert len(store.canonical_events()) == 1


# --- timelines ------------------------------------------------------------------


def test_timeline_shows_the_rupture_and_the_reconciliation(store):
    rows = analysis.timeline(store, HAMAS, SYRIA, by="year")
    assert [r["period"] for r in rows] == ["2011", "2011", "2012", "2012", "2022", "2022"]
    by_key = {(r["period"], r["source"]): r for r in rows}
    assert by_key["2011", HAMAS]["change"] == "rupture"
    assert by_key["2011", HAMAS]["state"] == "hostile"
    assert by_key["2012", SYRIA]["state"] == "hostile" and by_key["2012", SYRIA]["change"] is None
    assert by_key["2022", HAMAS]["change"] == "reconciliation"
    assert by_key["2022", HAMAS]["state"] == "cooperative"
    # 2012: Syria condemned, accused, warned and raided; Hamas criticized and rejected.
    hostile = by_key["2012", SYRIA]
    assert hostile["quad_3"] + hostile["quad_4"] == hostile["events"] >= 3
    assert hostile["goldstein_sum"] < 0 and hostile["goldstein_mean"] < 0
    friendly = by_key["2022", HAMAS]
    assert friendly["quad_1"] + friendly["quad_2"] == friendly["events"] >= 2
    assert friendly["goldstein_mean"] > 0


def test_timeline_periods_and_bounds(store):
    months = analysis.timeline(store, HAMAS, SYRIA, by="month", since="2012", until="2012")
    assert sorted({r["period"] for r in months}) == ["2012-01", "2012-02", "2012-11"]
    weeks = analysis.timeline(store, HAMAS, SYRIA, by="week", since="2012-11-01", until="2012-11-30")
    assert {r["period"] for r in weeks} == {"2012-W45"}
    assert {r["start"] for r in weeks} == {"2012-11-05"}
    days = analysis.timeline(store, "SYR", "PSE", by="day", since="2022-10-19")
    assert {r["period"] for r in days} == {"2022-10-19"}
    with pytest.raises(UsageError, match="--by"):
        analysis.timeline(store, HAMAS, SYRIA, by="fortnight")


def test_relation_states_are_dated_and_explained(store):
    states = analysis.relation_states(store, HAMAS, SYRIA)
    assert [(s["state"], s["change"]) for s in states] == [("hostile", "rupture"),
                                                           ("cooperative", "reconciliation")]
    rupture, reconciliation = states
    # The crisis the seed article tells as history counts at its own date.
    assert rupture["start"].startswith("2011") and rupture["date_precision"] == "year"
    assert rupture["end"] == reconciliation["start"] == "2022-10-19"
    assert any("refused to openly support" in e["evidence"] for e in rupture["because"])
    assert all(e["goldstein"] < 0 for e in rupture["because"])
    assert rupture["events"] >= 8
    assert reconciliation["end"] is None and reconciliation["score"] > 1
    assert any(e["cameo"] == "055" and "mistaken action" in e["evidence"] for e in reconciliation["because"])
    assert {b["code"] for b in reconciliation["brokers"]} == {"LBNREBHEZ", "IRN"}


def test_a_stricter_model_sees_no_cooperation(store):
    strict = analysis.StateOptions(cooperative=10.0)
    states = analysis.relation_states(store, HAMAS, SYRIA, options=strict)
    assert [(s["state"], s["change"]) for s in states] == [("hostile", "rupture"),
                                                           ("neutral", "reconciliation")]


# --- network --------------------------------------------------------------------


def test_network_names_hezbollah_and_iran_as_brokers(store, tmp_path):
    graph = analysis.network(store)
    mediators = {b["code"]: b for b in graph.graph["brokers"] if b["how"] == "mediation"}
    assert {"LBNREBHEZ", "IRN"} <= set(mediators)
    assert mediators["IRN"]["between"] == [HAMAS, SYRIA]
    assert "brokering the Hamas-Syria reconciliation" in mediators["IRN"]["evidence"][0]["text"]
    assert graph.nodes["LBNREBHEZ"]["broker"] == "mediation"
    assert f"{HAMAS}|{SYRIA}" in graph.nodes["LBNREBHEZ"]["broker_between"]
    tie = graph.edges[HAMAS, SYRIA]
    assert tie["cooperation"] >= 2 and tie["conflict"] >= 4
    assert tie["weight"] == tie["events"] == tie["cooperation"] + tie["conflict"]
    assert graph.edges[SYRIA, HAMAS]["goldstein"] < 0
    assert max(graph.nodes, key=lambda n: graph.nodes[n]["degree"]) in (HAMAS, SYRIA)

    for name in ("net.gexf", "net.graphml"):
        analysis.write_network(graph, tmp_path / name)
    back = nx.read_graphml(tmp_path / "net.graphml")
    assert back.nodes["IRN"]["broker"] == "mediation"
    assert nx.read_gexf(tmp_path / "net.gexf").nodes["LBNREBHEZ"]["broker"] == "mediation"
    with pytest.raises(UsageError, match="gexf"):
        analysis.write_network(graph, tmp_path / "net.dot")


def test_network_over_a_period(store):
    graph = analysis.network(store, since="2012", until="2012")
    assert "LBNREBHEZ" not in graph and "IRN" not in graph
    assert all(b["how"] == "betweenness" for b in graph.graph["brokers"])
    assert graph.edges[SYRIA, HAMAS]["cooperation"] == 0


# --- plots and the command line ---------------------------------------------------


def test_plot_timeline_writes_png_and_svg(store, tmp_path):
    rows = analysis.timeline(store, HAMAS, SYRIA, by="year")
    analysis.plot_timeline(rows, tmp_path / "t.png")
    analysis.plot_timeline(rows, tmp_path / "t.svg")
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert "reconciliation" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="png"):
        analysis.plot_timeline(rows, tmp_path / "t.pdf")


def test_timeline_command(db, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(timeline_command, [HAMAS, SYRIA, "--db", str(db), "--by", "year",
                                             "--plot", str(tmp_path / "t.png")])
    assert shown.exit_code == 0, shown.output
    assert "rupture" in shown.output and "reconciliation" in shown.output
    assert "brokers: " in shown.output and "Hezbollah (LBNREBHEZ)" in shown.output
    assert (tmp_path / "t.png").exists()
    table = runner.invoke(timeline_command, ["Hamas", "Syria", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert {r["source"] for r in rows} == {HAMAS, "SYR"}
    assert any(r["change"] == "reconciliation" for r in rows)
    unknown = runner.invoke(timeline_command, ["Narnia", SYRIA, "--db", str(db)])
    assert unknown.exit_code == 1 and "dyads: unknown actor 'Narnia'" in unknown.output
    missing = runner.invoke(timeline_command, [HAMAS, SYRIA, "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such store" in missing.output


def test_network_command(db, tmp_path):
    result = CliRunner().invoke(network_command, ["--db", str(db), "--out", str(tmp_path / "n.gexf")])
    assert result.exit_code == 0, result.output
    brokers = result.output.split("Brokers:")[1].split("Central actors:")[0]
    assert "Hezbollah (LBNREBHEZ) mediated" in brokers and "Iran (IRN) mediated" in brokers
    assert (tmp_path / "n.gexf").read_text(encoding="utf-8").startswith("<?xml")


def test_two_statements_of_one_article_stay_two_events(three_sources):
    # "Hamas retracts any mistaken action" (055) and "We are proud of Syria" (051):
    # same actors, root and day, but two sentences of one article.
    with Store(three_sources) as store:
        diplomatic = [e for e in store.canonical_events(dyad=(HAMAS, SYRIA)) if e["cameo_root"] == "05"]
    assert sorted(e["cameo"] for e in diplomatic) == ["051", "055"]
    assert all(e["num_articles"] == 3 and e["num_mentions"] == 3 for e in diplomatic)


def test_another_window_relinks_everything(tmp_path):
    path = tmp_path / "d.duckdb"
    with Store(path) as store:
        _add(store, "a", "ap", "2022-10-19", _meeting("a", "2022-10-19"))
        _add(store, "b", "afp", "2022-10-22", _meeting("b", "2022-10-22"))
        assert [e["num_articles"] for e in store.canonical_events()] == [1, 1]
    with Store(path, dedup_days=3) as store:
        assert [e["num_articles"] for e in store.canonical_events()] == [2]
    with Store(path, read_only=True) as store, pytest.raises(StoreError, match="other dedup settings"):
        store.canonical_events()


def test_unknown_people_are_two_actors_in_dedup_and_no_node_of_the_network(tmp_path):
    def statement(doc_id, name):
        event = _meeting(doc_id, "2022-10-19", target="SYRGOV")
        return {**event, "event_id": f"{doc_id}-{name}",
                "source": {"code": "---", "name": name, "ner": "PERSON"}}

    with Store(tmp_path / "d.duckdb") as store:
        _add(store, "a", "ap", "2022-10-19", statement("a", "Amina Diallo"), _meeting("a", "2022-10-19"))
        _add(store, "b", "afp", "2022-10-19", statement("b", "Amina Diallo"))
        _add(store, "c", "afp", "2022-10-19", statement("c", "John Okello"))
        canonical = store.canonical_events()
        assert sorted(e["num_articles"] for e in canonical if e["source"]["code"] == "---") == [1, 2]
        assert "---" not in {a["code"] for a in store.actors()}
        graph = analysis.network(store)
    assert set(graph.nodes) == {"PSEREBHMS", "SYRGOV"}
