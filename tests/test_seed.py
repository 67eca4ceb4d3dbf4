"""The seed article, coded by the real pipeline (spaCy model, lexicon, actor base).

Acceptance of the foundation issue, from ../shared/seed/expected.md: events 1, 3,
4, 6 and 7 are found with the analyst's source and target codes and one of the
listed CAMEO codes, each with evidence offsets that slice its sentence out of the
text; the two historical events are not dated on the publication day; the generic
"terror attacks" sentence is not an assault on that day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.pipeline import code_text

SEED = Path(__file__).resolve().parents[1] / "examples" / "hamas-syria-2022.txt"
PUBLISHED = "2022-10-19"


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def events(text) -> list[dict]:
    return code_text(text, doc_id="hamas-syria-2022", date=PUBLISHED)


def matching(events, source, target, codes):
    return [e for e in events
            if e["source"]["code"] == source
            and (e["target"] or {}).get("code") == target
            and any(e["cameo"].startswith(c) for c in codes)]


def current(found):
    return [e for e in found if e["date"] == PUBLISHED and not e["historical"]]


@pytest.mark.parametrize("number, source, target, codes", [
    (1, "PSEREBHMS", "SYRGOV", ("040", "042", "043", "046")),
    (3, "PSEREBHMS", "SYRGOV", ("055",)),
    (4, "PSEREBHMS", "SYRGOV", ("051",)),
    (6, "PSEREBHMS", "USA", ("111",)),
    (6, "PSEREBHMS", "ISR", ("111",)),
    (7, "LBNREBHEZ", "PSEREBHMS", ("045", "039")),
    (7, "LBNREBHEZ", "SYRGOV", ("045", "039")),
    (7, "IRN", "PSEREBHMS", ("045", "039")),
    (7, "IRN", "SYRGOV", ("045", "039")),
])
def test_current_events_of_the_analyst_table(events, text, number, source, target, codes):
    found = current(matching(events, source, target, codes))
    assert found, f"event {number}: {source} -> {target} {codes} not found dated {PUBLISHED}"
    for event in found:
        evidence = event["evidence"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
        assert evidence["text"].endswith((".", "”", '"'))


def test_meeting_participants_include_the_other_factions(events):
    sources = {e["source"]["code"] for e in current(matching(events, "PSEREBISJ", "SYRGOV", ("04",)))}
    sources |= {e["source"]["code"] for e in current(matching(events, "PSEREBPFL", "SYRGOV", ("04",)))}
    assert sources == {"PSEREBISJ", "PSEREBPFL"}


def test_the_past_is_not_coded_as_today(events):
    h1 = matching(events, "PSEREBHMS", "SYRGOV", ("12",))
    h2 = matching(events, "SYRGOV", "PSEREBHMS", ("112",))
    assert h1 and h2, "H1 (refused to support) and H2 (accused of stabbing) must be coded"
    for event in h1 + h2:
        assert event["historical"] is True
        assert event["date"] != PUBLISHED
    assert h1[0]["date"] in (None, "2011-01-01", "2012-01-01")


def test_generic_terror_attacks_are_not_an_assault_today(events):
    assaults = [e for e in events if e["cameo_root"] in ("18", "19", "20")]
    for event in assaults:
        assert event["date"] != PUBLISHED or event["generic"], event


def test_event_records_have_the_contract_shape(events):
    keys = {"event_id", "doc_id", "sentence", "evidence", "date", "date_precision", "historical",
            "generic", "negated", "modality", "source", "target", "cameo", "cameo_root",
            "goldstein", "quad_class", "plover", "acled", "location", "quote_id", "confidence"}
    for event in events:
        assert set(event) == keys
        assert isinstance(event["cameo"], str) and event["cameo"].isdigit()
        assert event["cameo_root"] == event["cameo"][:2]
        assert 1 <= event["quad_class"] <= 4
        assert 0 < event["confidence"] <= 1
    assert len({e["event_id"] for e in events}) == len(events)


def test_coding_is_deterministic(text, events):
    again = code_text(text, doc_id="hamas-syria-2022", date=PUBLISHED)
    assert [e["event_id"] for e in again] == [e["event_id"] for e in events]


ANALYST_TABLE = [
    # (source, target, CAMEO prefixes) of ../shared/seed/expected.md, current events
    ("PSEREBHMS", "SYRGOV", ("040", "042", "043", "046")),          # 1
    ("PSEREBHMS", "SYRGOV", ("037", "057", "08")),                  # 2
    ("PSEREBHMS", "SYRGOV", ("055",)),                              # 3
    ("PSEREBHMS", "SYRGOV", ("051",)),                              # 4
    ("SYRGOV", "PSE", ("030", "031", "032", "033")),                # 5 (PSE or Hamas)
    ("PSEREBHMS", "USA", ("111",)),                                 # 6
    ("PSEREBHMS", "ISR", ("111",)),                                 # 6
    ("LBNREBHEZ", "PSEREBHMS", ("045", "039")),                     # 7
    ("IRN", "SYRGOV", ("045", "039")),                              # 7
    ("PSEREBISJ", "SYRGOV", ("040", "042", "043")),                 # 8
    ("PSEREBPFL", "SYRGOV", ("040", "042", "043")),                 # 8
]


def test_every_current_event_of_the_analyst_and_few_extras(events):
    """Issue 3's seed target: all eight current events, both historical ones, and
    no more than three extra asserted (actual, non-generic) events."""
    explained = set()
    for source, target, codes in ANALYST_TABLE:
        found = current(matching(events, source, target, codes))
        if source == "SYRGOV" and not found:
            found = current(matching(events, source, "PSEREBHMS", codes))
        assert found, (source, target, codes)
        explained.update(e["event_id"] for e in found)
    # the other participants of the same meeting (representatives of the factions)
    explained.update(e["event_id"] for e in current(matching(events, "PSEREB", "SYRGOV", ("04", "03"))))
    explained.update(e["event_id"] for e in matching(events, "PSEREBHMS", "SYRGOV", ("12",)))
    explained.update(e["event_id"] for e in matching(events, "SYRGOV", "PSEREBHMS", ("112",)))
    explained.update(e["event_id"] for e in matching(events, "LBNREBHEZ", "SYRGOV", ("045", "039")))
    explained.update(e["event_id"] for e in matching(events, "IRN", "PSEREBHMS", ("045", "039")))
    extras = [e for e in events if e["event_id"] not in explained
              and e["modality"] in ("actual", "intent") and not e["generic"]]
    assert len(extras) <= 3, [(e["source"]["code"], (e["target"] or {}).get("code"), e["cameo"]) for e in extras]


def test_the_meeting_is_in_damascus(events):
    meeting = current(matching(events, "PSEREBHMS", "SYRGOV", ("040",)))[0]
    assert meeting["location"]["geonameid"] == 170654
    assert meeting["location"]["country"] == "SYR"
