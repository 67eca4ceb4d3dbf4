"""The event store: documents, sentences, actors and events in one DuckDB file.

A store is a single file (``dyads.duckdb`` by default), no server. It keeps every
document that was coded, its sentences (the provenance an event points back to),
the actors seen in events and the event records of DESIGN.md, which come back from
:meth:`Store.events` exactly as they went in.

The schema grows by named migrations (:data:`MIGRATIONS`), applied in order and
recorded in ``_migrations``; a later stage adds its tables by appending one.
Re-ingesting a document is idempotent: the same ``doc_id`` with the same text is
left alone, with a new text its sentences and events are replaced, and each
document is written in one transaction.

This module touches only the DuckDB file it is given. Database failures surface as
:class:`dyads.errors.StoreError`; malformed records as
:class:`dyads.errors.BadDocument`; nonsensical query options as
:class:`dyads.errors.UsageError`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb

from dyads.errors import BadDocument, StoreError, UsageError

DEFAULT_PATH = "dyads.duckdb"


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_document` did with one document."""

    doc_id: str
    status: str  # "new" | "unchanged" | "replaced"
    events: int  # events stored for the document


# --- migrations -------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    """One named schema change; ``apply`` runs inside the migration's transaction."""

    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _core_tables(con: duckdb.DuckDBPyConnection) -> None:
    # No foreign keys: DuckDB refuses to update or delete rows that a key points
    # at, and re-ingest updates documents in place; the Store keeps them consistent.
    con.execute(
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            title VARCHAR,
            url VARCHAR,
            source VARCHAR,
            date DATE,
            origin VARCHAR,
            text VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start INTEGER,
            "end" INTEGER,
            text VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE actors (
            code VARCHAR PRIMARY KEY,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            grp VARCHAR
        )
        """
    )
    # `position` is the event's place in the coder's output, so that events of
    # one sentence come back in the order they went in.
    con.execute(
        """
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            sentence INTEGER,
            date DATE,
            date_precision VARCHAR,
            source_code VARCHAR,
            target_code VARCHAR,
            cameo VARCHAR,
            cameo_root VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            plover_type VARCHAR,
            historical BOOLEAN,
            generic BOOLEAN,
            negated BOOLEAN,
            modality VARCHAR,
            confidence DOUBLE,
            record JSON NOT NULL
        )
        """
    )
    con.execute("CREATE INDEX events_source_code ON events (source_code)")
    con.execute("CREATE INDEX events_target_code ON events (target_code)")
    con.execute("CREATE INDEX events_date ON events (date)")
    con.execute("CREATE INDEX events_doc_id ON events (doc_id)")


# Applied in this order, each once. Append new migrations (e.g. "0002_quotes",
# "0003_canonical_events"); never rename, reorder or edit one that has shipped.
MIGRATIONS: tuple[Migration, ...] = (Migration("0001_core_tables", _core_tables),)


# --- the store --------------------------------------------------------------


class Store:
    """A DuckDB event store at ``path``; use it as a context manager or close() it."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, *, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {_reason(exc)}") from exc
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database file; the Store cannot be used afterwards."""
        self._con.close()

    # -- schema --

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in the order they were applied."""
        if not self._has_migrations_table():
            return []
        rows = self._query("SELECT name FROM _migrations ORDER BY applied_at, rowid")
        return [name for (name,) in rows]

    def _migrate(self) -> None:
        applied = set(self.migrations())
        pending = [m for m in MIGRATIONS if m.name not in applied]
        if pending and self.read_only:
            names = ", ".join(m.name for m in pending)
            raise StoreError(
                f"{self.path}: the store needs migrations ({names}); open it once without read_only"
            )
        for migration in pending:
            with self._transaction(f"migration {migration.name}"):
                if not self._has_migrations_table():
                    self._con.execute(
                        "CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
                    )
                migration.apply(self._con)
                self._con.execute("INSERT INTO _migrations VALUES (?, ?)", [migration.name, _now()])

    def _has_migrations_table(self) -> bool:
        rows = self._query(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_name = '_migrations'"
        )
        return rows[0][0] > 0

    # -- writing --

    def add_document(
        self,
        document: Mapping[str, Any],
        *,
        sentences: Sequence[Mapping[str, Any]],
        events: Sequence[Mapping[str, Any]],
    ) -> AddResult:
        """Store one coded document with its sentences and event records.

        The same ``doc_id`` with the same text is left as it is ("unchanged"); with
        another text its row is updated and its sentences and events replaced
        ("replaced"). Events repeating an ``event_id`` are stored once.
        """
        doc = _document_row(document)
        doc_id = doc[0]
        sentence_rows = [_sentence_row(doc_id, s, i) for i, s in enumerate(sentences)]
        event_rows = _event_rows(doc_id, events)
        actor_rows = _actor_rows(events)

        stored = self._query("SELECT text FROM documents WHERE doc_id = ?", [doc_id])
        if stored and stored[0][0] == doc[6]:
            return AddResult(doc_id, "unchanged", self._count_events(doc_id))

        with self._transaction(f"document {doc_id}"):
            con = self._con
            if stored:
                con.execute("DELETE FROM sentences WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
                con.execute(
                    "UPDATE documents SET title = ?, url = ?, source = ?, date = ?, origin = ?, "
                    "text = ?, ingested_at = ? WHERE doc_id = ?",
                    [*doc[1:], _now(), doc_id],
                )
            else:
                con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*doc, _now()])
            if sentence_rows:
                con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", sentence_rows)
            if actor_rows:
                # Fill only what is still unknown: the first name given for a code stays.
                con.executemany(
                    "INSERT INTO actors VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                    "name = coalesce(actors.name, excluded.name), "
                    "country = coalesce(actors.country, excluded.country), "
                    "sector = coalesce(actors.sector, excluded.sector), "
                    "grp = coalesce(actors.grp, excluded.grp)",
                    actor_rows,
                )
            if event_rows:
                placeholders = ", ".join("?" * len(event_rows[0]))
                con.executemany(f"INSERT INTO events VALUES ({placeholders})", event_rows)
        return AddResult(doc_id, "replaced" if stored else "new", len(event_rows))

    # -- reading --

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Event records, ordered by date, doc_id and sentence.

        ``actor`` matches the source or the target code by CAMEO prefix ("SYR" finds
        SYR and SYRGOV); ``dyad=(a, b)`` finds events between a and b in either
        direction. ``since``/``until`` are inclusive and leave out undated events;
        they take YYYY-MM-DD, YYYY-MM or YYYY.
        """
        where, params = _event_filters(actor=actor, dyad=dyad, since=since, until=until, doc_id=doc_id)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, doc_id, sentence NULLS LAST, position"
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise UsageError(f"limit must be a non-negative integer, not {limit!r}")
            sql += " LIMIT ?"
            params.append(limit)
        return [json.loads(record) for (record,) in self._query(sql, params)]

    def documents(self) -> list[dict[str, Any]]:
        """Metadata of every document (without its text) with its number of events."""
        rows = self._query(
            f"SELECT {_DOCUMENT_META}, count(e.event_id) AS n_events "
            "FROM documents d LEFT JOIN events e USING (doc_id) "
            f"GROUP BY ALL ORDER BY d.date NULLS LAST, d.doc_id"
        )
        names = [*_DOCUMENT_KEYS, "n_events"]
        return [_document_dict(dict(zip(names, row))) for row in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text, or None when the store does not hold it."""
        rows = self._query(
            f"SELECT {_DOCUMENT_META}, d.text, "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events "
            "FROM documents d WHERE d.doc_id = ?",
            [doc_id],
        )
        if not rows:
            return None
        return _document_dict(dict(zip([*_DOCUMENT_KEYS, "text", "n_events"], rows[0])))

    def sentences(self, doc_id: str) -> list[dict[str, Any]]:
        """The sentences of one document in order: idx, start, end, text."""
        rows = self._query(
            'SELECT idx, start, "end", text FROM sentences WHERE doc_id = ? ORDER BY idx', [doc_id]
        )
        return [dict(zip(("idx", "start", "end", "text"), row)) for row in rows]

    def actors(self) -> list[dict[str, Any]]:
        """Every actor code seen in an event, with the fields of the event records."""
        rows = self._query("SELECT code, name, country, sector, grp FROM actors ORDER BY code")
        return [dict(zip(("code", "name", "country", "sector", "group"), row)) for row in rows]

    def counts(self) -> dict[str, int]:
        """How many documents, sentences, events and actors the store holds."""
        tables = ("documents", "sentences", "events", "actors")
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)
        return dict(zip(tables, self._query(sql)[0]))

    # -- plumbing --

    def _count_events(self, doc_id: str) -> int:
        return self._query("SELECT count(*) FROM events WHERE doc_id = ?", [doc_id])[0][0]

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {_reason(exc)}") from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One all-or-nothing unit of work; a failure leaves the store as it was."""
        try:
            self._con.begin()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {what}: {_reason(exc)}") from exc
        try:
            yield
            self._con.commit()
        except BaseException as exc:
            try:
                self._con.rollback()
            except duckdb.Error:
                pass  # the commit itself failed and DuckDB already rolled back
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: {what}: {_reason(exc)}") from exc
            raise


# --- rows from records ------------------------------------------------------

_DOCUMENT_KEYS = ("doc_id", "title", "url", "source", "date", "origin", "ingested_at")
_DOCUMENT_META = ", ".join(f"d.{key}" for key in _DOCUMENT_KEYS)


def _document_row(document: Mapping[str, Any]) -> list[Any]:
    """The documents row in column order, ingested_at left to the writer."""
    if not isinstance(document, Mapping):
        raise BadDocument("document", f"expected a mapping, got {type(document).__name__}")
    doc_id = document.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise BadDocument("document", "doc_id must be a non-empty string")
    text = document.get("text")
    if not isinstance(text, str):
        raise BadDocument(doc_id, "text must be a string")
    date = _parse_date(document.get("date"), where=doc_id, field="date")
    meta = [_optional_str(document, key, doc_id) for key in ("title", "url", "source")]
    return [doc_id, *meta, date, _optional_str(document, "origin", doc_id), text]


def _optional_str(record: Mapping[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if not isinstance(value, str):
        raise BadDocument(where, f"{key} must be a string or null, not {type(value).__name__}")
    return value


def _sentence_row(doc_id: str, sentence: Mapping[str, Any], position: int) -> list[Any]:
    if not isinstance(sentence, Mapping):
        raise BadDocument(doc_id, f"sentence {position} is not a mapping")
    idx = sentence.get("idx")
    if not _is_int(idx):
        raise BadDocument(doc_id, f"sentence {position} has no integer idx")
    return [doc_id, idx, sentence.get("start"), sentence.get("end"), sentence.get("text")]


def _event_rows(doc_id: str, events: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """One events row per distinct event_id, first occurrence wins."""
    rows: dict[str, list[Any]] = {}
    for position, event in enumerate(events):
        event_id = _check_event(doc_id, event, position)
        if event_id not in rows:
            rows[event_id] = _event_row(doc_id, event, len(rows))
    return list(rows.values())


def _check_event(doc_id: str, event: Mapping[str, Any], position: int) -> str:
    if not isinstance(event, Mapping):
        raise BadDocument(doc_id, f"event {position} is not a mapping")
    event_id = event.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        raise BadDocument(doc_id, f"event {position} has no event_id")
    if event.get("doc_id", doc_id) != doc_id:
        raise BadDocument(doc_id, f"event {event_id} belongs to document {event.get('doc_id')!r}")
    sentence = event.get("sentence")
    if sentence is not None and not _is_int(sentence):
        raise BadDocument(doc_id, f"event {event_id}: sentence must be an integer")
    for key in ("source", "target", "plover"):
        if event.get(key) is not None and not isinstance(event[key], Mapping):
            raise BadDocument(doc_id, f"event {event_id}: {key} must be an object or null")
    return event_id


def _event_row(doc_id: str, event: Mapping[str, Any], position: int) -> list[Any]:
    event_id = event["event_id"]
    try:
        record = json.dumps(event, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise BadDocument(doc_id, f"event {event_id} is not JSON: {exc}") from exc
    date = _parse_date(event.get("date"), where=doc_id, field=f"event {event_id} date")
    plover = event.get("plover") or {}
    return [
        event_id,
        doc_id,
        position,
        event.get("sentence"),
        date,
        event.get("date_precision"),
        _actor_code(event.get("source")),
        _actor_code(event.get("target")),
        event.get("cameo"),
        event.get("cameo_root"),
        event.get("quad_class"),
        event.get("goldstein"),
        plover.get("type"),
        event.get("historical"),
        event.get("generic"),
        event.get("negated"),
        event.get("modality"),
        event.get("confidence"),
        record,
    ]


def _actor_code(actor: Mapping[str, Any] | None) -> str | None:
    if not actor:
        return None
    code = actor.get("code")
    return code if isinstance(code, str) and code else None


def _actor_rows(events: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """One actors row per code named by the events, merged first-value-first."""
    fields = ("name", "country", "sector", "group")
    merged: dict[str, list[Any]] = {}
    for event in events:
        for role in ("source", "target"):
            actor = event.get(role)
            code = _actor_code(actor)
            if code is None:
                continue
            row = merged.setdefault(code, [code, None, None, None, None])
            for i, field in enumerate(fields, start=1):
                if row[i] is None:
                    row[i] = actor.get(field)
    return list(merged.values())


def _event_filters(
    *,
    actor: str | None,
    dyad: tuple[str, str] | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    doc_id: str | None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if actor is not None:
        code = _query_code(actor)
        where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
        params += [code, code]
    if dyad is not None:
        if isinstance(dyad, str) or len(dyad) != 2:
            raise UsageError(f"a dyad is two actor codes, not {dyad!r}")
        a, b = (_query_code(code) for code in dyad)
        where.append(
            "((starts_with(source_code, ?) AND starts_with(target_code, ?)) "
            "OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))"
        )
        params += [a, b, b, a]
    if since is not None:
        where.append("date >= ?")
        params.append(_query_date(since, end=False))
    if until is not None:
        where.append("date <= ?")
        params.append(_query_date(until, end=True))
    if doc_id is not None:
        where.append("doc_id = ?")
        params.append(doc_id)
    return where, params


def _query_code(code: object) -> str:
    # CAMEO codes are upper case; accept "syr" from a command line.
    if not isinstance(code, str) or not code.strip():
        raise UsageError(f"an actor code must be a non-empty string, not {code!r}")
    return code.strip().upper()


def _query_date(value: str | dt.date, *, end: bool) -> dt.date:
    """A since/until bound; a bare month or year covers all of it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        parts = [int(p) for p in str(value).strip().split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        if len(parts) == 2:
            year, month = parts
            last = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, last)
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:  # calendar.IllegalMonthError is one too
        raise UsageError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}") from exc


def _parse_date(value: object, *, where: str, field: str) -> dt.date | None:
    """A record's date for the DATE column: ISO day, or the first day of a month or year."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 4:
                return dt.date(int(text), 1, 1)
            if len(text) == 7:
                return dt.date(int(text[:4]), int(text[5:7]), 1)
            # Timestamps ("2022-10-19T08:00:00Z") keep their calendar day.
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise BadDocument(where, f"{field} is not an ISO date: {value!r}")


def _document_dict(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("date", "ingested_at"):
        if row.get(key) is not None:
            row[key] = row[key].isoformat()
    return row


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _now() -> dt.datetime:
    # TIMESTAMP has no zone: store UTC wall time.
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _reason(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
