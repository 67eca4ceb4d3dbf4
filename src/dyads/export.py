"""Write event records in the formats analysts load: JSONL, GDELT, PLOVER, ACLED, CSV, Parquet.

The input is the event record of DESIGN.md (plain JSON dicts, as produced by coding or read
back from the store); nothing here codes, deduplicates or queries. Document metadata
(publication date, URL, outlet) comes in as an optional ``documents`` mapping keyed by
``doc_id``, because several formats carry it (GDELT's DATEADDED and SOURCEURL, ACLED's
``source``, PLOVER's ``cite_info``).

- ``jsonl``: the record unchanged, one per line.
- ``gdelt``: GDELT 2.0 event rows, 61 tab-separated columns, no header. Column order, the
  ISO3 -> FIPS 10-4 country codes and country-level GeoNames ids are package data
  (``data/formats/``). Fields dyads does not know (tone, actor geography, religion,
  ethnicity) are empty; ``*Geo_Type`` is ``0`` when there is no place, as GDELT writes it.
- ``plover``: PLOVER event JSON, one per line; ``has_event`` is false for negated events.
- ``acled``: ACLED-style CSV with ACLED's columns. Only events inside ACLED's scope
  (a non-null ``acled.event_type``) are written; the rest are skipped, not padded.
- ``csv`` / Parquet: one flat row per event (``flat_columns.tsv`` names the columns and
  their Arrow types); CAMEO codes stay strings so "042" keeps its zero.

This module touches only the stream or path it is handed.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import importlib.resources
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from dyads.codebook import plover_sector, plover_sector_of
from dyads.errors import DataError, UsageError

FORMATS: tuple[str, ...] = ("jsonl", "gdelt", "plover", "acled", "csv")

_SUFFIX_FORMATS = {".parquet": "parquet", ".tsv": "gdelt", ".csv": "csv", ".jsonl": "jsonl"}
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CONTROL = re.compile(r"[\t\r\n]+")
_PARQUET_BATCH = 50_000

# GDELT's geographic resolution codes (GDELT 2.0 Event Codebook, "Geo_Type").
_GEO_COUNTRY, _GEO_US_CITY, _GEO_WORLD_CITY = 1, 3, 4
_TIME_PRECISION = {"day": 1, "month": 2, "year": 3, "unknown": 3}


@dataclass(frozen=True)
class Column:
    """One column of the flat table: its name and the Arrow type Parquet stores it as."""

    name: str
    type: str


@dataclass(frozen=True)
class Country:
    """The codes other formats use for one country (a row of ``countries.tsv``)."""

    iso3: str
    fips: str
    isonumeric: int | None
    geonameid: int | None
    name: str


# --------------------------------------------------------------------------- data files


def _read_table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated file under ``data/formats/`` (``#`` lines are comments)."""
    resource = importlib.resources.files("dyads") / "data" / "formats" / name
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"package data formats/{name} is missing: {exc}") from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 event column names, in file order."""
    names = tuple(row["name"] for row in _read_table("gdelt_events_columns.tsv"))
    if len(names) != 61:
        raise DataError(f"formats/gdelt_events_columns.tsv has {len(names)} columns, not 61")
    return names


@functools.cache
def acled_columns() -> tuple[str, ...]:
    """ACLED's column names, in ACLED's order."""
    return tuple(row["name"] for row in _read_table("acled_columns.tsv"))


@functools.cache
def flat_columns() -> tuple[Column, ...]:
    """The columns of the flat CSV / Parquet table."""
    return tuple(Column(row["name"], row["type"]) for row in _read_table("flat_columns.tsv"))


@functools.cache
def _countries() -> dict[str, Country]:
    return {
        row["iso3"]: Country(
            iso3=row["iso3"],
            fips=row["fips"],
            isonumeric=int(row["isonumeric"]) if row["isonumeric"] else None,
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            name=row["name"],
        )
        for row in _read_table("countries.tsv")
    }


@functools.cache
def _country_geonameids() -> frozenset[int]:
    return frozenset(c.geonameid for c in _countries().values() if c.geonameid is not None)


@functools.cache
def _disorder_types() -> dict[tuple[str, str], str]:
    return {
        (row["event_type"], row["sub_event_type"]): row["disorder_type"]
        for row in _read_table("acled_disorder.tsv")
    }


# --------------------------------------------------------------------------- small helpers


def _part(event: Mapping, key: str) -> Mapping:
    """A nested object of the record, ``{}`` when it is null or absent (e.g. ``target``)."""
    value = event.get(key)
    return value if isinstance(value, Mapping) else {}


def _parse_date(value: Any) -> dt.date | None:
    """The calendar day of an ISO date (a missing month or day counts as the first)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_PREFIX.match(str(value or ""))
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_timestamp(value: Any) -> dt.datetime | None:
    """A document date or datetime as naive UTC (midnight when only a day is known)."""
    stamp: dt.datetime | None = value if isinstance(value, dt.datetime) else None
    if isinstance(value, str):
        try:
            # Python 3.10's fromisoformat does not read a trailing "Z".
            stamp = dt.datetime.fromisoformat(re.sub(r"Z$", "+00:00", value.strip()))
        except ValueError:
            stamp = None
    if stamp is not None:
        # GDELT's DATEADDED is UTC.
        return stamp.astimezone(dt.timezone.utc).replace(tzinfo=None) if stamp.tzinfo else stamp
    day = _parse_date(value)
    return dt.datetime(day.year, day.month, day.day) if day else None


def _document(event: Mapping, documents: Mapping[str, Mapping] | None) -> Mapping:
    if not documents:
        return {}
    return documents.get(str(event.get("doc_id")), {}) or {}


def _text(value: Any) -> str:
    """A field as text for delimited formats: null is empty, tabs and newlines become spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _CONTROL.sub(" ", str(value))


def _float(value: Any) -> float | None:
    """GDELT writes its float columns with a decimal point ("-10.0", not "-10")."""
    return float(value) if value is not None else None


def _country(code: Any) -> Country | None:
    return _countries().get(str(code)) if code else None


def _geo_type(location: Mapping) -> int:
    """GDELT's resolution of a place: country-level or city-level (US cities apart)."""
    if location.get("geonameid") in _country_geonameids():
        return _GEO_COUNTRY
    country = _country(location.get("country"))
    if location.get("lat") is None and country and location.get("name") in (None, country.name):
        return _GEO_COUNTRY
    return _GEO_US_CITY if location.get("country") == "USA" else _GEO_WORLD_CITY


def global_event_id(event_id: str) -> int:
    """A stable positive integer for an event id (GDELT's GLOBALEVENTID is numeric)."""
    return int(hashlib.sha1(str(event_id).encode("utf-8")).hexdigest()[:15], 16)


# --------------------------------------------------------------------------- GDELT


def _gdelt_actor(prefix: str, actor: Mapping) -> dict[str, Any]:
    return {
        f"{prefix}Code": actor.get("code"),
        f"{prefix}Name": actor.get("name"),
        f"{prefix}CountryCode": actor.get("country"),
        f"{prefix}KnownGroupCode": actor.get("group"),
        f"{prefix}Type1Code": actor.get("sector"),
    }


def _gdelt_date(day: dt.date | None) -> dict[str, Any]:
    if day is None:
        return {}
    # GDELT's FractionDate counts every month as 30 days: 2020-02-18 -> 2020.1315.
    fraction = ((day.month - 1) * 30 + day.day) / 365
    return {
        "SQLDATE": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + fraction:.4f}",
    }


def _gdelt_action_geo(location: Mapping) -> dict[str, Any]:
    # GDELT writes 0 for "no place" in every *Geo_Type column; keep that convention.
    if not location:
        return {"Actor1Geo_Type": 0, "Actor2Geo_Type": 0, "ActionGeo_Type": 0}
    geo_type = _geo_type(location)
    country = _country(location.get("country"))
    full_name = location.get("name") or (country.name if country else None)
    if geo_type != _GEO_COUNTRY and country and full_name and country.name not in full_name:
        full_name = f"{full_name}, {country.name}"
    return {
        "Actor1Geo_Type": 0,
        "Actor2Geo_Type": 0,
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": country.fips if country else None,
        "ActionGeo_Lat": location.get("lat"),
        "ActionGeo_Long": location.get("lon"),
        "ActionGeo_FeatureID": location.get("geonameid"),
    }


def _gdelt_event_codes(event: Mapping) -> dict[str, Any]:
    cameo = str(event.get("cameo") or "")
    if not cameo:
        return {}
    return {
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": str(event.get("cameo_root") or cameo[:2]),
        "QuadClass": event.get("quad_class"),
        "GoldsteinScale": _float(event.get("goldstein")),
    }


def gdelt_row(event: Mapping, *, document: Mapping | None = None) -> list[str]:
    """One GDELT 2.0 event row: exactly 61 strings in GDELT's column order."""
    document = document or {}
    added = _parse_timestamp(document.get("date")) or _parse_timestamp(event.get("date"))
    fields: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(event.get("event_id", "")),
        **_gdelt_date(_parse_date(event.get("date"))),
        **_gdelt_actor("Actor1", _part(event, "source")),
        **_gdelt_actor("Actor2", _part(event, "target")),
        "IsRootEvent": 1,
        **_gdelt_event_codes(event),
        "NumMentions": event.get("num_mentions") or 1,
        "NumSources": event.get("num_sources") or 1,
        "NumArticles": event.get("num_articles") or 1,
        **_gdelt_action_geo(_part(event, "location")),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else None,
        "SOURCEURL": document.get("url") or document.get("origin") or event.get("doc_id"),
    }
    return [_text(fields.get(name)) for name in gdelt_columns()]


# --------------------------------------------------------------------------- PLOVER


def _plover_entity(actor: Mapping) -> dict[str, Any]:
    code = str(actor.get("country") or actor.get("code") or "")[:3]
    entity: dict[str, Any] = {
        "code": code or None,
        "sector": _plover_sector(actor),
        "entity_text": actor.get("text"),
        "identifier_text": actor.get("name"),
    }
    if actor.get("wikidata"):
        entity["identifier_id"] = actor["wikidata"]
    return entity


def _plover_sector(actor: Mapping) -> str | None:
    """The actor's sector in PLOVER's codes (CAMEO's media "MED" is PLOVER's "JRN",
    health "HLH" its "MED"); for an organisation, the sector its code carries
    ("IGOWSTNATMIL", NATO troops: MIL)."""
    return (plover_sector(actor["sector"]) if actor.get("sector") else None) or plover_sector_of(
        str(actor.get("code") or ""))


def _plover_location(location: Mapping) -> dict[str, Any] | None:
    if not location:
        return None
    country = _country(location.get("country"))
    # PLOVER (Mordecai 3) resolution runs the other way round from GDELT: 1 country, 4 city.
    resolution = 1 if _geo_type(location) == _GEO_COUNTRY else 4
    return {
        "extracted_place": location.get("name"),
        "resolved_place": location.get("name"),
        "geonameid": location.get("geonameid"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "country": country.name if country else None,
        "country_code": location.get("country"),
        "resolution": resolution,
    }


def _plover_comment(event: Mapping) -> str | None:
    """The qualifiers PLOVER has no field for, so a reader still sees them."""
    notes = []
    if event.get("modality") not in (None, "actual"):
        notes.append(f"modality={event['modality']}")
    for flag in ("negated", "historical", "generic"):
        if event.get(flag):
            notes.append(flag)
    return "; ".join(notes) or None


def _plover_cite(document: Mapping) -> dict[str, Any] | None:
    cite = {
        "url": document.get("url"),
        "title": document.get("title"),
        "publication": document.get("source"),
        "language": "en",
        "coder": "dyads",
    }
    return cite if document else None


def plover_record(event: Mapping, *, document: Mapping | None = None) -> dict:
    """One PLOVER event record (``plover_record_fields.json``) for a dyads event."""
    plover = _part(event, "plover")
    evidence = _part(event, "evidence")
    target = _part(event, "target")
    record: dict[str, Any] = {
        "id": event.get("event_id"),
        "has_event": not event.get("negated", False),
        "date": event.get("date"),
        "actor": [_plover_entity(_part(event, "source"))],
        "recipient": [_plover_entity(target)] if target else [],
        "event": [plover["type"]] if plover.get("type") else [],
        "mode": [plover["mode"]] if plover.get("mode") else [],
        "context": list(plover.get("context") or []),
        "event_loc": _plover_location(_part(event, "location")),
        "quad_code": event.get("quad_class"),
        "event_scale": event.get("goldstein"),
        "coder": "dyads",
        "coded_date": dt.date.today().isoformat(),
    }
    if evidence.get("text"):
        record["event_text"] = [evidence["text"]]
        record["text"] = evidence["text"]
        record["text_info"] = {
            "sequence": event.get("sentence"),
            "start": evidence.get("start"),
            "end": evidence.get("end"),
        }
    if cite := _plover_cite(document or {}):
        record["cite_info"] = cite
    if comment := _plover_comment(event):
        record["comment"] = comment
    return record


# --------------------------------------------------------------------------- ACLED


def in_acled_scope(event: Mapping) -> bool:
    """ACLED covers political violence, demonstrations and strategic developments only."""
    return bool(_part(event, "acled").get("event_type"))


def _disorder_type(acled: Mapping) -> str | None:
    if acled.get("disorder_type"):
        return acled["disorder_type"]
    table = _disorder_types()
    event_type = acled.get("event_type") or ""
    sub_event_type = acled.get("sub_event_type") or ""
    return table.get((event_type, sub_event_type)) or table.get((event_type, "*"))


def _acled_place(location: Mapping) -> dict[str, Any]:
    if not location:
        return {}
    country = _country(location.get("country"))
    # ACLED geo_precision: 1 a named town, 3 only a larger region or the country is known.
    precision = 3 if _geo_type(location) == _GEO_COUNTRY else 1
    return {
        "iso": country.isonumeric if country else None,
        "country": country.name if country else location.get("country"),
        "location": location.get("name"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geo_precision": precision,
    }


def acled_row(event: Mapping, *, document: Mapping | None = None) -> dict:
    """One ACLED-style row (all ACLED columns, ``None`` where dyads has no fact)."""
    document = document or {}
    acled = _part(event, "acled")
    day = _parse_date(event.get("date"))
    fields: dict[str, Any] = {
        "event_id_cnty": event.get("event_id"),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": _TIME_PRECISION.get(str(event.get("date_precision")), 3),
        "disorder_type": _disorder_type(acled),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": _part(event, "source").get("name"),
        "actor2": _part(event, "target").get("name"),
        **_acled_place(_part(event, "location")),
        "source": document.get("source") or document.get("origin") or event.get("doc_id"),
        "notes": _part(event, "evidence").get("text"),
        "fatalities": event.get("fatalities"),
    }
    return {name: fields.get(name) for name in acled_columns()}


# --------------------------------------------------------------------------- flat table


_ACTOR_KEYS = ("code", "name", "country", "sector", "group", "text")
_RECORD_KEYS = ("event_id", "doc_id", "sentence", "date", "date_precision",
                "historical", "generic", "negated", "modality")


def _flat_actor(prefix: str, actor: Mapping) -> dict[str, Any]:
    return {f"{prefix}_{key}": actor.get(key) for key in _ACTOR_KEYS}


def flat_row(event: Mapping) -> dict:
    """The flat CSV / Parquet columns of one event (native Python values, ``None`` for null)."""
    plover = _part(event, "plover")
    acled = _part(event, "acled")
    location = _part(event, "location")
    evidence = _part(event, "evidence")
    cameo = event.get("cameo")
    context = plover.get("context")
    fields: dict[str, Any] = {
        **{key: event.get(key) for key in _RECORD_KEYS},
        **_flat_actor("source", _part(event, "source")),
        **_flat_actor("target", _part(event, "target")),
        "cameo": str(cameo) if cameo is not None else None,
        "cameo_root": event.get("cameo_root"),
        "goldstein": event.get("goldstein"),
        "quad_class": event.get("quad_class"),
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "plover_context": ";".join(context) if context else None,
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "geonameid": location.get("geonameid"),
        "location_reason": location.get("reason"),
        "quote_id": event.get("quote_id"),
        "confidence": event.get("confidence"),
        "evidence_text": evidence.get("text"),
        "evidence_start": evidence.get("start"),
        "evidence_end": evidence.get("end"),
    }
    return {column.name: fields.get(column.name) for column in flat_columns()}


# --------------------------------------------------------------------------- writers


def format_for_path(path: str) -> str | None:
    """The export format a file name implies (``.tsv`` is GDELT), or None."""
    return _SUFFIX_FORMATS.get(os.path.splitext(str(path))[1].lower())


def _jsonl(objects: Iterable[Mapping], out: IO[str]) -> int:
    count = 0
    for obj in objects:
        out.write(json.dumps(dict(obj), ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _delimited(rows: Iterable[Mapping], out: IO[str], *, columns: tuple[str, ...]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: _csv_value(row.get(name)) for name in columns})
        count += 1
    return count


def _csv_value(value: Any) -> str:
    # Unlike GDELT, CSV may keep newlines (the csv module quotes them); only null and bools change.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _gdelt(events: Iterable[Mapping], out: IO[str], documents: Mapping[str, Mapping] | None) -> int:
    count = 0
    for event in events:
        out.write("\t".join(gdelt_row(event, document=_document(event, documents))) + "\n")
        count += 1
    return count


def write_events(
    events: Iterable[Mapping],
    out: IO[str],
    *,
    format: str = "jsonl",
    documents: Mapping[str, Mapping] | None = None,
) -> int:
    """Write events to a text stream in one of ``FORMATS``; return the number of rows written.

    With ``format="acled"`` events outside ACLED's scope are skipped and not counted.
    """
    if format == "jsonl":
        return _jsonl(events, out)
    if format == "gdelt":
        return _gdelt(events, out, documents)
    if format == "plover":
        return _jsonl((plover_record(e, document=_document(e, documents)) for e in events), out)
    if format == "acled":
        rows = (acled_row(e, document=_document(e, documents)) for e in events if in_acled_scope(e))
        return _delimited(rows, out, columns=acled_columns())
    if format == "csv":
        names = tuple(column.name for column in flat_columns())
        return _delimited((flat_row(e) for e in events), out, columns=names)
    if format == "parquet":
        raise UsageError("parquet is a binary format: write it to a file path with write_parquet")
    raise UsageError(f"unknown export format {format!r} (choose from {', '.join(FORMATS)})")


def _arrow_schema() -> "pyarrow.Schema":  # noqa: F821 - pyarrow imported lazily
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "date32": pa.date32()}
    try:
        return pa.schema([pa.field(c.name, types[c.type]) for c in flat_columns()])
    except KeyError as exc:
        raise DataError(f"formats/flat_columns.tsv: unknown Arrow type {exc}") from exc


def _arrow_row(event: Mapping) -> dict:
    row = flat_row(event)
    row["date"] = _parse_date(row["date"])
    return row


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(
    events: Iterable[Mapping],
    path: str | os.PathLike,
    *,
    documents: Mapping[str, Mapping] | None = None,
) -> int:
    """Write the flat event table to a Parquet file with typed columns; return the row count.

    ``documents`` is accepted for symmetry with ``write_events``; the flat table carries no
    document metadata. ``date`` is an Arrow date (a month- or year-precision date is stored as
    its first day; ``date_precision`` says which).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    count = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        for batch in _batches((_arrow_row(e) for e in events), _PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
