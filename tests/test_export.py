"""Exports of hand-written event records: JSONL, GDELT, PLOVER, ACLED, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyads import export
from dyads.errors import UsageError

GDELT_REFERENCE = Path("/work/shared/reference/formats/gdelt_v2_events_61_columns.tsv")
ACLED_REFERENCE = Path("/work/shared/reference/formats/acled_columns.csv")
PLOVER_REFERENCE = Path("/work/shared/reference/formats/plover_record_fields.json")

HAMAS_VISIT = {
    "event_id": "c0ffee5e2f1b4c0d9a7e",
    "doc_id": "ap-2022-10-19-hamas-syria",
    "sentence": 0,
    "evidence": {
        "text": "Senior Hamas official Khalil al-Hayya met Syrian President Bashar Assad\tin Damascus on Wednesday.",
        "start": 0,
        "end": 97,
    },
    "date": "2022-10-19",
    "date_precision": "day",
    "historical": False,
    "generic": False,
    "negated": False,
    "modality": "actual",
    "source": {"code": "PSEREBHMS", "name": "Hamas", "country": "PSE", "sector": "REB",
               "group": "HMS", "text": "Senior Hamas official Khalil al-Hayya"},
    "target": {"code": "SYRGOV", "name": "Syria", "country": "SYR", "sector": "GOV",
               "group": None, "text": "Syrian President Bashar Assad"},
    "cameo": "042",
    "cameo_root": "04",
    "goldstein": 1.9,
    "quad_class": 1,
    "plover": {"type": "CONSULT", "mode": "visit", "context": ["diplomatic"]},
    "acled": {"event_type": None, "sub_event_type": None},
    "location": {"name": "Damascus", "country": "SYR", "lat": 33.51, "lon": 36.29,
                 "geonameid": 170654, "reason": "named in the sentence: 'in Damascus'"},
    "quote_id": None,
    "confidence": 0.83,
}

# A protest with no target, placed only at the country level, dated to the month.
GEORGIA_PROTEST = {
    "event_id": "9d1e0f3a77b24e51a0c2",
    "doc_id": "rferl-2023-03-georgia",
    "sentence": 2,
    "evidence": {"text": "Thousands of protesters rallied against the foreign agents bill.",
                 "start": 310, "end": 374},
    "date": "2023-03",
    "date_precision": "month",
    "historical": False,
    "generic": False,
    "negated": False,
    "modality": "actual",
    "source": {"code": "GEOOPP", "name": "Georgia", "country": "GEO", "sector": "OPP",
               "group": None, "text": "Thousands of protesters"},
    "target": None,
    "cameo": "141",
    "cameo_root": "14",
    "goldstein": -6.5,
    "quad_class": 3,
    "plover": {"type": "PROTEST", "mode": "demo", "context": ["political"]},
    "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
    "location": {"name": "Georgia", "country": "GEO", "lat": 42.0, "lon": 43.5,
                 "geonameid": 614540, "reason": "country of the actor"},
    "quote_id": None,
    "confidence": 0.71,
}

SUDAN_CLASH = {
    "event_id": "4b8a2e6619f04d7c8e11",
    "doc_id": "reuters-2023-06-01-sudan",
    "sentence": 4,
    "evidence": {"text": "The Sudanese army fought RSF fighters in Omdurman, residents said.",
                 "start": 801, "end": 867},
    "date": "2023-06-01",
    "date_precision": "day",
    "historical": False,
    "generic": False,
    "negated": False,
    "modality": "actual",
    "source": {"code": "SDNMIL", "name": "Sudan", "country": "SDN", "sector": "MIL",
               "group": None, "text": "The Sudanese army"},
    "target": {"code": "SDNREB", "name": "Rapid Support Forces", "country": "SDN",
               "sector": "REB", "group": None, "text": "RSF fighters"},
    "cameo": "190",
    "cameo_root": "19",
    "goldstein": -10.0,
    "quad_class": 4,
    "plover": {"type": "ASSAULT", "mode": "firearms", "context": ["military"]},
    "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
    "location": {"name": "Omdurman", "country": "SDN", "lat": 15.64453, "lon": 32.47773,
                 "geonameid": 365137, "reason": "named in the sentence: 'in Omdurman'"},
    "quote_id": None,
    "confidence": 0.9,
}

EVENTS = [HAMAS_VISIT, GEORGIA_PROTEST, SUDAN_CLASH]

DOCUMENTS = {
    "ap-2022-10-19-hamas-syria": {
        "doc_id": "ap-2022-10-19-hamas-syria", "date": "2022-10-19T14:05:09",
        "title": "Hamas official visits Syria",
        "url": "https://apnews.com/article/hamas-syria-assad", "source": "AP",
        "origin": "feeds/ap.xml",
    },
    "reuters-2023-06-01-sudan": {
        "doc_id": "reuters-2023-06-01-sudan", "date": "2023-06-01", "title": "Fighting in Omdurman",
        "url": None, "source": "Reuters", "origin": "corpus/sudan.jsonl",
    },
}


def _gdelt_names() -> list[str]:
    if not GDELT_REFERENCE.exists():
        pytest.skip("reference column list not available")
    lines = [line for line in GDELT_REFERENCE.read_text().splitlines() if not line.startswith("#")]
    return [line.split("\t")[1] for line in lines[1:]]


def _gdelt_lines() -> list[list[str]]:
    out = io.StringIO()
    assert export.write_events(EVENTS, out, format="gdelt", documents=DOCUMENTS) == 3
    return [line.split("\t") for line in out.getvalue().splitlines()]


def _by_name(row: list[str]) -> dict[str, str]:
    return dict(zip(export.gdelt_columns(), row, strict=True))


# --------------------------------------------------------------------------- GDELT


def test_gdelt_rows_have_61_fields_and_keep_cameo_zero() -> None:
    rows = _gdelt_lines()
    assert len(rows) == 3
    assert all(len(row) == 61 for row in rows)
    hamas = rows[0]
    # Positions from the GDELT 2.0 codebook: EventCode 26, QuadClass 29, SOURCEURL 60.
    assert hamas[26] == "042"
    assert hamas[27] == "042"
    assert hamas[28] == "04"
    assert hamas[29] == "1"
    assert hamas[30] == "1.9"
    assert hamas[60] == "https://apnews.com/article/hamas-syria-assad"


def test_gdelt_column_positions_match_reference_list() -> None:
    assert list(export.gdelt_columns()) == _gdelt_names()
    row = dict(zip(_gdelt_names(), _gdelt_lines()[0], strict=True))
    assert row["SQLDATE"] == "20221019"
    assert row["MonthYear"] == "202210"
    assert row["Year"] == "2022"
    assert row["FractionDate"] == "2022.7918"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == ("PSEREBHMS", "Hamas", "PSE")
    assert (row["Actor1KnownGroupCode"], row["Actor1Type1Code"]) == ("HMS", "REB")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("SYRGOV", "SYR", "GOV")
    assert row["Actor2KnownGroupCode"] == ""
    assert row["IsRootEvent"] == "1"
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "1", "1")
    assert row["AvgTone"] == ""
    assert row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_FullName"] == "Damascus, Syria"
    assert row["ActionGeo_CountryCode"] == "SY"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("33.51", "36.29")
    assert row["ActionGeo_FeatureID"] == "170654"
    assert row["DATEADDED"] == "20221019140509"


def test_gdelt_null_target_and_country_level_place() -> None:
    row = _by_name(_gdelt_lines()[1])
    assert all(row[f"Actor2{part}"] == "" for part in ("Code", "Name", "CountryCode", "Type1Code"))
    assert row["Actor1Code"] == "GEOOPP"
    assert row["ActionGeo_Type"] == "1"
    assert row["ActionGeo_CountryCode"] == "GG"  # FIPS for the country Georgia, not the US state
    assert row["SQLDATE"] == "20230301"
    # No document metadata: DATEADDED from the event date, SOURCEURL falls back to doc_id.
    assert row["DATEADDED"] == "20230301000000"
    assert row["SOURCEURL"] == "rferl-2023-03-georgia"


def test_gdelt_source_url_falls_back_to_origin_and_counts_come_from_record() -> None:
    row = _by_name(_gdelt_lines()[2])
    assert row["SOURCEURL"] == "corpus/sudan.jsonl"
    assert row["ActionGeo_CountryCode"] == "SU"
    merged = dict(SUDAN_CLASH, num_mentions=40, num_sources=12, num_articles=38)
    counted = _by_name(export.gdelt_row(merged))
    assert (counted["NumMentions"], counted["NumSources"], counted["NumArticles"]) == ("40", "12", "38")


def test_gdelt_event_id_is_stable_positive_and_distinct() -> None:
    ids = [int(row[0]) for row in _gdelt_lines()]
    assert all(i > 0 for i in ids)
    assert len(set(ids)) == 3
    assert ids == [int(row[0]) for row in _gdelt_lines()]


def test_gdelt_tabs_and_newlines_in_names_become_spaces() -> None:
    event = dict(HAMAS_VISIT, source=dict(HAMAS_VISIT["source"], name="Hamas\tpolitical\nbureau"))
    row = _by_name(export.gdelt_row(event))
    assert row["Actor1Name"] == "Hamas political bureau"
    assert len(export.gdelt_row(event)) == 61


def test_gdelt_fraction_date_and_goldstein_follow_gdelt_conventions() -> None:
    # GDELT itself writes 20200218 as 2020.1315 (months counted as 30 days).
    row = _by_name(export.gdelt_row(dict(SUDAN_CLASH, date="2020-02-18", goldstein=-10)))
    assert row["FractionDate"] == "2020.1315"
    assert row["GoldsteinScale"] == "-10.0"


def test_gdelt_date_added_is_utc() -> None:
    document = {"date": "2022-10-19T16:05:09+02:00", "url": "https://example.org/a"}
    assert _by_name(export.gdelt_row(HAMAS_VISIT, document=document))["DATEADDED"] == "20221019140509"
    document = {"date": "2022-10-19T14:05:09Z"}
    assert _by_name(export.gdelt_row(HAMAS_VISIT, document=document))["DATEADDED"] == "20221019140509"


def test_gdelt_null_date_leaves_date_columns_empty() -> None:
    row = _by_name(export.gdelt_row(dict(HAMAS_VISIT, date=None, date_precision="unknown")))
    assert row["SQLDATE"] == row["MonthYear"] == row["Year"] == row["FractionDate"] == ""
    assert row["DATEADDED"] == ""


# --------------------------------------------------------------------------- PLOVER


def _plover_records() -> list[dict]:
    out = io.StringIO()
    assert export.write_events(EVENTS, out, format="plover", documents=DOCUMENTS) == 3
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plover_records_carry_required_fields() -> None:
    required = ("id", "date", "actor", "event")
    if PLOVER_REFERENCE.exists():
        spec = json.loads(PLOVER_REFERENCE.read_text())["event_record"]
        required = tuple(name for name, note in spec.items() if "(required)" in note)
        allowed = set(spec)
        categories = set(json.loads(PLOVER_REFERENCE.read_text())["event_categories"])
    for record in _plover_records():
        assert all(record.get(name) for name in required), record
        if PLOVER_REFERENCE.exists():
            assert set(record) <= allowed
            assert set(record["event"]) <= categories


def test_plover_hamas_visit() -> None:
    record = _plover_records()[0]
    assert record["id"] == "c0ffee5e2f1b4c0d9a7e"
    assert record["has_event"] is True
    assert record["date"] == "2022-10-19"
    assert record["actor"] == [{"code": "PSE", "sector": "REB",
                                "entity_text": "Senior Hamas official Khalil al-Hayya",
                                "identifier_text": "Hamas"}]
    assert record["recipient"][0]["code"] == "SYR"
    assert record["event"] == ["CONSULT"]
    assert record["mode"] == ["visit"]
    assert record["context"] == ["diplomatic"]
    assert record["quad_code"] == 1
    assert record["event_loc"]["geonameid"] == 170654
    assert record["event_loc"]["country_code"] == "SYR"
    assert record["event_text"] == [HAMAS_VISIT["evidence"]["text"]]
    assert record["text_info"] == {"sequence": 0, "start": 0, "end": 97}
    assert record["coder"] == "dyads"
    assert record["cite_info"]["url"] == "https://apnews.com/article/hamas-syria-assad"


def test_plover_actors_carry_plovers_own_sector_codes() -> None:
    # CAMEO's "MED" is media, PLOVER's "MED" health: a journalist is exported as JRN.
    journalist = {"code": "LBNMED", "name": "Lebanon", "country": "LBN", "sector": "MED",
                  "group": None, "text": "a prominent journalist"}
    doctors = {"code": "CHEHLH", "name": "Switzerland", "country": "CHE", "sector": "HLH",
               "group": None, "text": "Swiss doctors"}
    record = export.plover_record(dict(HAMAS_VISIT, source=doctors, target=journalist))
    assert (record["actor"][0]["sector"], record["recipient"][0]["sector"]) == ("MED", "JRN")
    assert record["actor"][0]["code"] == "CHE"
    # an organisation's sector is the one its code carries: NATO troops are MIL
    nato = {"code": "IGOWSTNATMIL", "name": "NATO", "country": None, "sector": "IGO",
            "group": "MIL", "text": "NATO troops"}
    assert export.plover_record(dict(HAMAS_VISIT, source=nato))["actor"][0] == {
        "code": "IGO", "sector": "MIL", "entity_text": "NATO troops", "identifier_text": "NATO"}


def test_plover_null_target_negation_and_missing_evidence() -> None:
    protest = _plover_records()[1]
    assert protest["recipient"] == []
    assert protest["event_loc"]["resolution"] == 1
    assert "cite_info" not in protest
    denied = export.plover_record(dict(HAMAS_VISIT, negated=True, modality="intent", evidence=None))
    assert denied["has_event"] is False
    assert "negated" in denied["comment"] and "modality=intent" in denied["comment"]
    assert "text" not in denied and "event_text" not in denied


# --------------------------------------------------------------------------- ACLED


def _acled_rows() -> list[dict[str, str]]:
    out = io.StringIO()
    written = export.write_events(EVENTS, out, format="acled", documents=DOCUMENTS)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert written == len(rows)
    return rows


def test_acled_writes_only_events_in_acled_scope() -> None:
    rows = _acled_rows()
    assert [row["event_id_cnty"] for row in rows] == ["9d1e0f3a77b24e51a0c2", "4b8a2e6619f04d7c8e11"]


def test_acled_columns_follow_acled_order() -> None:
    out = io.StringIO()
    export.write_events([SUDAN_CLASH], out, format="acled")
    header = out.getvalue().splitlines()[0].split(",")
    assert header == list(export.acled_columns())
    if ACLED_REFERENCE.exists():
        lines = [line for line in ACLED_REFERENCE.read_text().splitlines() if not line.startswith("#")]
        assert header == [line.split(",")[0] for line in lines[1:]]


def test_acled_clash_row() -> None:
    clash = _acled_rows()[1]
    assert clash["event_date"] == "2023-06-01"
    assert clash["year"] == "2023"
    assert clash["time_precision"] == "1"
    assert clash["disorder_type"] == "Political violence"
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["actor1"], clash["actor2"]) == ("Sudan", "Rapid Support Forces")
    assert clash["interaction"] == ""
    assert (clash["country"], clash["iso"]) == ("Sudan", "729")
    assert clash["location"] == "Omdurman"
    assert (clash["latitude"], clash["longitude"]) == ("15.64453", "32.47773")
    assert clash["geo_precision"] == "1"
    assert clash["source"] == "Reuters"
    assert clash["notes"] == SUDAN_CLASH["evidence"]["text"]


def test_acled_protest_row_month_precision_and_no_actor2() -> None:
    protest = _acled_rows()[0]
    assert protest["time_precision"] == "2"
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["actor2"] == ""
    assert protest["geo_precision"] == "3"
    assert protest["source"] == "rferl-2023-03-georgia"
    assert export.acled_row(dict(GEORGIA_PROTEST, date_precision="year"))["time_precision"] == 3


# --------------------------------------------------------------------------- CSV, JSONL


def test_csv_reads_back_with_cameo_leading_zero() -> None:
    out = io.StringIO()
    assert export.write_events(EVENTS, out, format="csv") == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == [column.name for column in export.flat_columns()]
    hamas, protest, clash = rows
    assert hamas["cameo"] == "042"
    assert hamas["cameo_root"] == "04"
    assert (hamas["source_code"], hamas["source_group"], hamas["target_code"]) == ("PSEREBHMS", "HMS", "SYRGOV")
    assert hamas["target_group"] == ""
    assert hamas["plover_type"] == "CONSULT" and hamas["plover_context"] == "diplomatic"
    assert hamas["geonameid"] == "170654"
    assert hamas["historical"] == "false"
    assert hamas["evidence_text"] == HAMAS_VISIT["evidence"]["text"]
    assert protest["target_code"] == "" and protest["target_name"] == ""
    assert clash["acled_sub_event_type"] == "Armed clash"


def test_flat_row_joins_plover_context() -> None:
    event = dict(HAMAS_VISIT, plover={"type": "CONSULT", "mode": "visit",
                                      "context": ["diplomatic", "security"]})
    assert export.flat_row(event)["plover_context"] == "diplomatic;security"


def test_jsonl_round_trips_records_unchanged() -> None:
    out = io.StringIO()
    assert export.write_events(EVENTS, out) == 3
    assert [json.loads(line) for line in out.getvalue().splitlines()] == EVENTS
    assert "al-Hayya" in out.getvalue()


# --------------------------------------------------------------------------- Parquet


def test_parquet_reads_back_with_arrow_types(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export.write_parquet(EVENTS, path, documents=DOCUMENTS) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.schema.field("cameo").type == pa.string()
    assert table.schema.field("historical").type == pa.bool_()
    assert table.schema.field("goldstein").type == pa.float64()
    assert table.schema.field("evidence_start").type == pa.int64()
    assert table.schema.field("date").type == pa.date32()
    rows = table.to_pylist()
    assert rows[0]["cameo"] == "042"
    assert rows[0]["goldstein"] == pytest.approx(1.9)
    assert rows[0]["geonameid"] == 170654
    assert rows[1]["target_code"] is None
    assert str(rows[1]["date"]) == "2023-03-01"
    assert rows[2]["evidence_end"] == 867


def test_parquet_with_no_events_still_has_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export.write_parquet([], path) == 0
    assert pq.read_table(path).schema.field("cameo").type == pa.string()


# --------------------------------------------------------------------------- formats


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown export format 'xml'"):
        export.write_events(EVENTS, io.StringIO(), format="xml")
    with pytest.raises(UsageError):
        export.write_events(EVENTS, io.StringIO(), format="parquet")


@pytest.mark.parametrize(("path", "expected"), [
    ("out/events.parquet", "parquet"),
    ("events.tsv", "gdelt"),
    ("EVENTS.CSV", "csv"),
    ("events.jsonl", "jsonl"),
    ("events.json", None),
    ("events", None),
])
def test_format_for_path(path: str, expected: str | None) -> None:
    assert export.format_for_path(path) == expected
