"""The DuckDB store against a real database file in tmp_path."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap

import duckdb
import pytest

from dyads.errors import BadDocument, StoreError, UsageError
from dyads.store import MIGRATIONS, AddResult, Store

HAMAS_TEXT = (
    "Senior Hamas official Khalil al-Hayya met Syrian President Bashar Assad in Damascus "
    "on Wednesday. The crisis between them erupted in 2011."
)
HAMAS_DOC = {
    "doc_id": "ap-2022-10-19-hamas-syria",
    "text": HAMAS_TEXT,
    "date": "2022-10-19",
    "title": "Hamas delegation meets Assad in Damascus",
    "url": "https://example.org/news/hamas-syria",
    "source": "example.org",
    "origin": "feeds/world.xml",
}
HAMAS_SENTENCES = [
    {"idx": 0, "start": 0, "end": 93, "text": HAMAS_TEXT[:93]},
    {"idx": 1, "start": 94, "end": len(HAMAS_TEXT), "text": HAMAS_TEXT[94:]},
]
HAMAS = {"code": "PSEREBHMS", "name": "Hamas", "country": "PSE", "sector": "REB", "group": "HMS"}
SYRIA = {"code": "SYRGOV", "name": "Syria", "country": "SYR", "sector": "GOV", "group": None}
HAMAS_MEETS_SYRIA = {
    "event_id": "e3b0c44298fc1c14",
    "doc_id": HAMAS_DOC["doc_id"],
    "sentence": 0,
    "evidence": {"text": HAMAS_TEXT[:93], "start": 0, "end": 93},
    "date": "2022-10-19",
    "date_precision": "day",
    "historical": False,
    "generic": False,
    "negated": False,
    "modality": "actual",
    "source": {**HAMAS, "text": "Senior Hamas official Khalil al-Hayya"},
    "target": {**SYRIA, "text": "Syrian President Bashar Assad"},
    "cameo": "042",
    "cameo_root": "04",
    "goldstein": 1.9,
    "quad_class": 1,
    "plover": {"type": "CONSULT", "mode": "visit", "context": ["diplomatic"]},
    "acled": {"event_type": None, "sub_event_type": None},
    "location": {
        "name": "Damascus",
        "country": "SYR",
        "lat": 33.51,
        "lon": 36.29,
        "geonameid": 170654,
        "reason": "named in the sentence; capital of the target's country",
    },
    "quote_id": None,
    "confidence": 0.83,
}
SYRIA_CRISIS_2011 = {
    **HAMAS_MEETS_SYRIA,
    "event_id": "5feceb66ffc86f38",
    "sentence": 1,
    "evidence": {"text": HAMAS_TEXT[94:], "start": 94, "end": len(HAMAS_TEXT)},
    "date": "2011",
    "date_precision": "year",
    "historical": True,
    "source": {**SYRIA, "text": "them"},
    "target": {**HAMAS, "name": "Harakat al-Muqawama", "text": "them"},
    "cameo": "111",
    "cameo_root": "11",
    "goldstein": -2.0,
    "quad_class": 3,
    "plover": {"type": "DISAPPROVE", "mode": None, "context": []},
    "location": None,
    "confidence": 0.41,
}

IRAN_TEXT = "Iran fired drones at Israel on Saturday night, the Israeli military said."
IRAN_DOC = {
    "doc_id": "reuters-2024-04-14-iran-israel",
    "text": IRAN_TEXT,
    "date": "2024-04-14",
    "title": "Iran launches drone attack on Israel",
    "url": None,
    "source": "reuters",
    "origin": "stdin",
}
IRAN_SENTENCES = [{"idx": 0, "start": 0, "end": len(IRAN_TEXT), "text": IRAN_TEXT}]
IRAN_ATTACKS_ISRAEL = {
    "event_id": "6b86b273ff34fce1",
    "doc_id": IRAN_DOC["doc_id"],
    "sentence": 0,
    "evidence": {"text": IRAN_TEXT, "start": 0, "end": len(IRAN_TEXT)},
    "date": "2024-04-13",
    "date_precision": "day",
    "historical": False,
    "generic": False,
    "negated": False,
    "modality": "actual",
    "source": {"code": "IRN", "name": "Iran", "country": "IRN", "sector": None, "group": None,
               "text": "Iran"},
    "target": {"code": "ISR", "name": "Israel", "country": "ISR", "sector": None, "group": None,
               "text": "Israel"},
    "cameo": "195",
    "cameo_root": "19",
    "goldstein": -10.0,
    "quad_class": 4,
    "plover": {"type": "ATTACK", "mode": "aerial", "context": ["military"]},
    "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
    "location": {"name": "Israel", "country": "ISR", "lat": 31.5, "lon": 34.75, "geonameid": 294640,
                 "reason": "target country"},
    "quote_id": None,
    "confidence": 0.77,
}


def add_hamas(store: Store, **changes: object) -> AddResult:
    return store.add_document(
        {**HAMAS_DOC, **changes}, sentences=HAMAS_SENTENCES, events=[HAMAS_MEETS_SYRIA, SYRIA_CRISIS_2011]
    )


def add_iran(store: Store) -> AddResult:
    return store.add_document(IRAN_DOC, sentences=IRAN_SENTENCES, events=[IRAN_ATTACKS_ISRAEL])


@pytest.fixture
def db(tmp_path):
    return tmp_path / "dyads.duckdb"


@pytest.fixture
def store(db):
    with Store(db) as store:
        add_hamas(store)
        add_iran(store)
        yield store


def ids(events: list[dict]) -> list[str]:
    return [e["event_id"] for e in events]


def test_events_come_back_exactly_as_they_went_in(store):
    assert store.events(doc_id=HAMAS_DOC["doc_id"]) == [SYRIA_CRISIS_2011, HAMAS_MEETS_SYRIA]
    assert store.events() == [SYRIA_CRISIS_2011, HAMAS_MEETS_SYRIA, IRAN_ATTACKS_ISRAEL]
    assert isinstance(store.events()[1]["cameo"], str)


def test_the_store_is_a_file_that_survives_reopening(db):
    with Store(db) as store:
        assert add_hamas(store) == AddResult(HAMAS_DOC["doc_id"], "new", 2)
    with Store(db, read_only=True) as store:
        assert store.events(actor="SYRGOV") == [SYRIA_CRISIS_2011, HAMAS_MEETS_SYRIA]
        assert store.counts() == {"documents": 1, "sentences": 2, "events": 2, "actors": 2}


def test_document_sentences_and_metadata(store):
    document = store.document(HAMAS_DOC["doc_id"])
    assert {k: document[k] for k in HAMAS_DOC} == HAMAS_DOC
    assert document["n_events"] == 2
    assert document["ingested_at"]
    assert store.document("no-such-document") is None
    assert store.sentences(HAMAS_DOC["doc_id"]) == HAMAS_SENTENCES
    listed = store.documents()
    assert [d["doc_id"] for d in listed] == [HAMAS_DOC["doc_id"], IRAN_DOC["doc_id"]]
    assert [d["n_events"] for d in listed] == [2, 1]
    assert "text" not in listed[0]
    assert listed[1]["url"] is None and listed[1]["date"] == "2024-04-14"


def test_actors_are_upserted_and_keep_the_first_name(store):
    actors = {a["code"]: a for a in store.actors()}
    assert sorted(actors) == ["IRN", "ISR", "PSEREBHMS", "SYRGOV"]
    # SYRIA_CRISIS_2011 calls Hamas "Harakat al-Muqawama"; the first name stays.
    assert actors["PSEREBHMS"] == HAMAS
    assert actors["SYRGOV"] == SYRIA


def test_adding_the_same_document_twice_changes_nothing(store):
    before = store.counts()
    stamp = store.document(HAMAS_DOC["doc_id"])["ingested_at"]
    assert add_hamas(store) == AddResult(HAMAS_DOC["doc_id"], "unchanged", 2)
    assert add_hamas(store, title="A new headline") == AddResult(HAMAS_DOC["doc_id"], "unchanged", 2)
    assert store.counts() == before == {"documents": 2, "sentences": 3, "events": 3, "actors": 4}
    assert store.document(HAMAS_DOC["doc_id"])["ingested_at"] == stamp
    assert store.document(HAMAS_DOC["doc_id"])["title"] == HAMAS_DOC["title"]


def test_a_new_text_replaces_sentences_and_events(store):
    text = "Senior Hamas official Khalil al-Hayya met Syrian President Bashar Assad in Damascus."
    meeting = {**HAMAS_MEETS_SYRIA, "evidence": {"text": text, "start": 0, "end": len(text)}}
    result = store.add_document(
        {**HAMAS_DOC, "text": text, "title": "Corrected"},
        sentences=[{"idx": 0, "start": 0, "end": len(text), "text": text}],
        events=[meeting],
    )
    assert result == AddResult(HAMAS_DOC["doc_id"], "replaced", 1)
    assert store.events(doc_id=HAMAS_DOC["doc_id"]) == [meeting]
    assert store.sentences(HAMAS_DOC["doc_id"]) == [{"idx": 0, "start": 0, "end": len(text), "text": text}]
    assert store.document(HAMAS_DOC["doc_id"])["text"] == text
    assert store.document(HAMAS_DOC["doc_id"])["title"] == "Corrected"
    assert store.counts() == {"documents": 2, "sentences": 2, "events": 2, "actors": 4}


def test_a_repeated_event_id_is_stored_once(db):
    with Store(db) as store:
        twice = [HAMAS_MEETS_SYRIA, copy.deepcopy(HAMAS_MEETS_SYRIA), SYRIA_CRISIS_2011]
        result = store.add_document(HAMAS_DOC, sentences=HAMAS_SENTENCES, events=twice)
        assert result.events == 2
        assert store.counts()["events"] == 2


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("SYR", ["5feceb66ffc86f38", "e3b0c44298fc1c14"]),
        ("SYRGOV", ["5feceb66ffc86f38", "e3b0c44298fc1c14"]),
        ("PSEREBHMS", ["5feceb66ffc86f38", "e3b0c44298fc1c14"]),
        ("PSE", ["5feceb66ffc86f38", "e3b0c44298fc1c14"]),
        ("ISR", ["6b86b273ff34fce1"]),
        ("irn", ["6b86b273ff34fce1"]),
        ("USA", []),
        ("SYRGOVX", []),
    ],
)
def test_actor_matches_source_or_target_by_prefix(store, actor, expected):
    assert ids(store.events(actor=actor)) == expected


def test_dyad_matches_both_directions(store):
    syria_first = store.events(dyad=("SYR", "PSEREBHMS"))
    hamas_first = store.events(dyad=("PSEREBHMS", "SYR"))
    assert syria_first == hamas_first == [SYRIA_CRISIS_2011, HAMAS_MEETS_SYRIA]
    assert store.events(dyad=("ISR", "IRN")) == [IRAN_ATTACKS_ISRAEL]
    assert store.events(dyad=("IRN", "SYR")) == []


def test_since_and_until_are_inclusive(store):
    assert ids(store.events(since="2022-10-19")) == ["e3b0c44298fc1c14", "6b86b273ff34fce1"]
    assert ids(store.events(since="2022-10-20")) == ["6b86b273ff34fce1"]
    assert ids(store.events(until="2022-10-19")) == ["5feceb66ffc86f38", "e3b0c44298fc1c14"]
    both = ["e3b0c44298fc1c14", "6b86b273ff34fce1"]
    assert ids(store.events(since="2022-10-19", until="2024-04-13")) == both
    assert ids(store.events(since="2022-10-19", until="2024-04-12")) == ["e3b0c44298fc1c14"]
    # A bare year or month covers all of it; "2011" events are stored as 2011-01-01.
    assert ids(store.events(until="2011")) == ["5feceb66ffc86f38"]
    assert ids(store.events(since="2024-04", until="2024-04")) == ["6b86b273ff34fce1"]
    assert ids(store.events(actor="SYR", since="2012", limit=5)) == ["e3b0c44298fc1c14"]
    assert len(store.events(limit=1)) == 1


def test_undated_events_are_left_out_of_date_ranges(store):
    undated = {**IRAN_ATTACKS_ISRAEL, "event_id": "d4735e3a265e16ee", "date": None}
    undated["date_precision"] = "unknown"
    store.add_document(
        {**IRAN_DOC, "doc_id": "undated", "date": None},
        sentences=IRAN_SENTENCES,
        events=[{**undated, "doc_id": "undated"}],
    )
    assert "d4735e3a265e16ee" in ids(store.events(actor="IRN"))
    assert "d4735e3a265e16ee" not in ids(store.events(actor="IRN", since="1900"))
    assert "d4735e3a265e16ee" not in ids(store.events(actor="IRN", until="2100"))
    assert ids(store.events())[-1] == "d4735e3a265e16ee"


def test_bad_query_options_are_usage_errors(store):
    with pytest.raises(UsageError):
        store.events(since="last tuesday")
    with pytest.raises(UsageError):
        store.events(actor="")
    with pytest.raises(UsageError):
        store.events(dyad=("SYR",))
    with pytest.raises(UsageError):
        store.events(limit=-1)


def test_an_event_without_event_id_leaves_the_store_as_it_was(store):
    before = store.counts()
    broken = {k: v for k, v in IRAN_ATTACKS_ISRAEL.items() if k != "event_id"}
    with pytest.raises(BadDocument) as caught:
        store.add_document(
            {**IRAN_DOC, "text": IRAN_TEXT + " More."}, sentences=IRAN_SENTENCES, events=[broken]
        )
    assert caught.value.where == IRAN_DOC["doc_id"]
    assert "event_id" in caught.value.reason
    assert store.counts() == before
    assert store.document(IRAN_DOC["doc_id"])["text"] == IRAN_TEXT
    assert store.events(doc_id=IRAN_DOC["doc_id"]) == [IRAN_ATTACKS_ISRAEL]


def test_a_failure_inside_the_transaction_rolls_the_document_back(store):
    # The second event reuses an event_id the Iran document owns: the primary key
    # fails after the old Hamas sentences and events were already deleted.
    before = store.counts()
    clash = {**IRAN_ATTACKS_ISRAEL, "doc_id": HAMAS_DOC["doc_id"]}
    with pytest.raises(StoreError, match=HAMAS_DOC["doc_id"]):
        store.add_document(
            {**HAMAS_DOC, "text": "A rewritten story."},
            sentences=[{"idx": 0, "start": 0, "end": 18, "text": "A rewritten story."}],
            events=[HAMAS_MEETS_SYRIA, clash],
        )
    assert store.counts() == before
    assert store.document(HAMAS_DOC["doc_id"])["text"] == HAMAS_TEXT
    assert store.sentences(HAMAS_DOC["doc_id"]) == HAMAS_SENTENCES
    assert store.events(doc_id=HAMAS_DOC["doc_id"]) == [SYRIA_CRISIS_2011, HAMAS_MEETS_SYRIA]
    assert add_iran(store).status == "unchanged"


def test_malformed_records_are_bad_documents(store):
    with pytest.raises(BadDocument):
        store.add_document({"text": "no id"}, sentences=[], events=[])
    with pytest.raises(BadDocument):
        store.add_document({**IRAN_DOC, "doc_id": "x", "date": "yesterday"}, sentences=[], events=[])
    with pytest.raises(BadDocument, match="belongs to"):
        store.add_document({**IRAN_DOC, "doc_id": "x"}, sentences=[], events=[IRAN_ATTACKS_ISRAEL])
    assert store.document("x") is None


def test_migrations_are_recorded_once(db):
    with Store(db) as store:
        assert store.migrations() == [m.name for m in MIGRATIONS]
    with Store(db) as store:
        assert store.migrations() == [m.name for m in MIGRATIONS]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT name, applied_at FROM _migrations").fetchall()
        indexes = {name for (name,) in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    finally:
        con.close()
    assert [name for name, _ in rows] == [m.name for m in MIGRATIONS]
    assert rows[0][1] is not None
    assert {"events_source_code", "events_target_code", "events_date"} <= indexes


def test_read_only_does_not_migrate(db):
    duckdb.connect(str(db)).close()  # an empty DuckDB file with no schema yet
    with pytest.raises(StoreError, match="needs migrations"):
        Store(db, read_only=True)
    with pytest.raises(StoreError, match="cannot open"):
        Store(db.parent / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_duckdb_is_a_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert "not a valid DuckDB database" in str(caught.value)


def test_a_store_locked_by_another_process_is_a_store_error(db):
    Store(db).close()
    holder = textwrap.dedent(
        f"""
        import sys
        from dyads.store import Store
        store = Store({str(db)!r})
        print("open", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as caught:
            Store(db)
        assert str(db) in str(caught.value)
        assert "lock" in str(caught.value).lower()
    finally:
        proc.communicate("", timeout=30)


def test_ethnic_codes_with_cameo_lower_case_suffix_are_found(store):
    # CAMEO writes ethnic and religious suffixes in lower case (SRBCVLalb).
    event = copy.deepcopy(HAMAS_MEETS_SYRIA)
    event["event_id"] = "ethnic-1"
    event["doc_id"] = "ethnic-doc"
    event["source"] = {"code": "SRBCVLalb", "name": "Albanians", "country": "SRB", "sector": "CVL",
                       "group": "alb", "text": "ethnic Albanians in Serbia"}
    document = dict(HAMAS_DOC, doc_id="ethnic-doc", text="Ethnic Albanians in Serbia protested.")
    store.add_document(document, sentences=[{"idx": 0, "start": 0, "end": 36, "text": document["text"]}],
                       events=[event])
    for query in ("SRBCVLalb", "SRBCVLALB", "srbcvl"):
        assert [e["event_id"] for e in store.events(actor=query)] == ["ethnic-1"]
