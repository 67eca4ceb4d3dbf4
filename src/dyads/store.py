"""The event store: documents, sentences, actors and events in one DuckDB file.

A store is a single file (``dyads.duckdb`` by default), no server. It keeps every
document that was coded, its sentences (the provenance an event points back to),
the actors seen in events and the event records of DESIGN.md, which come back from
:meth:`Store.events` exactly as they went in.

The schema grows by named migrations (:data:`MIGRATIONS`), applied in order and
recorded in ``_migrations``; a later stage adds its tables by appending one.
Re-ingesting a document is idempotent: the same ``doc_id`` with the same text is
left alone, with a new text its sentences, quotes and events are replaced, and each
document is written in one transaction.

Many articles report one event. Raw events ("mentions") stay as they were stored;
:meth:`Store.dedup` links mentions with the same source, target, CAMEO root, place,
negation and modality within ``dedup_days`` of each other into one canonical event
with GDELT-like counts (``num_mentions``, ``num_sources``, ``num_articles``), which
:meth:`Store.canonical_events` returns. Writing a document only marks the keys it
touches as pending, so linking is incremental and costs one pass per batch.

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

from dyads.actors import UNKNOWN
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


def _quotes_table(con: duckdb.DuckDBPyConnection) -> None:
    # The speaker columns repeat the record so that quotes can be found by speaker
    # without parsing JSON.
    con.execute(
        """
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            start INTEGER,
            speaker_code VARCHAR,
            speaker_name VARCHAR,
            record JSON NOT NULL
        )
        """
    )
    con.execute("CREATE INDEX quotes_doc_id ON quotes (doc_id)")


def _canonical_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE canonical_events (
            canonical_id VARCHAR PRIMARY KEY,
            source_code VARCHAR,
            target_code VARCHAR,
            cameo_root VARCHAR,
            place_key VARCHAR,
            date DATE,
            date_first DATE,
            date_last DATE,
            num_mentions INTEGER NOT NULL,
            num_sources INTEGER NOT NULL,
            num_articles INTEGER NOT NULL
        )
        """
    )
    con.execute(
        "CREATE TABLE event_links (event_id VARCHAR PRIMARY KEY, canonical_id VARCHAR NOT NULL)"
    )
    con.execute("CREATE INDEX event_links_canonical ON event_links (canonical_id)")
    con.execute("CREATE INDEX canonical_source_code ON canonical_events (source_code)")
    con.execute("CREATE INDEX canonical_target_code ON canonical_events (target_code)")
    # Keys (source, target, root) whose mentions changed since the last dedup;
    # the empty string stands for a missing code so the primary key can hold it.
    con.execute(
        """
        CREATE TABLE dedup_pending (
            source_code VARCHAR NOT NULL,
            target_code VARCHAR NOT NULL,
            cameo_root VARCHAR NOT NULL,
            PRIMARY KEY (source_code, target_code, cameo_root)
        )
        """
    )
    con.execute(f"INSERT INTO dedup_pending {_PENDING_KEYS_SQL} FROM events")


def _dedup_settings(con: duckdb.DuckDBPyConnection) -> None:
    # What the current links were made with; another window or another version of
    # the linking rules makes the next dedup start over.
    con.execute("CREATE TABLE dedup_settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    # Links made before settings were recorded are relinked by the next dedup.
    con.execute(f"INSERT INTO dedup_pending {_PENDING_KEYS_SQL} FROM events ON CONFLICT DO NOTHING")


_PENDING_KEYS_SQL = (
    "SELECT DISTINCT coalesce(source_code, ''), coalesce(target_code, ''), coalesce(cameo_root, '')"
)

# Applied in this order, each once. Append new migrations; never rename, reorder
# or edit one that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_core_tables", _core_tables),
    Migration("0002_quotes", _quotes_table),
    Migration("0003_canonical_events", _canonical_tables),
    Migration("0004_dedup_settings", _dedup_settings),
)

DEDUP_DAYS = 1
# Bump when the linking rules of _link change, so that stores relink everything.
DEDUP_RULES = "2"


# --- the store --------------------------------------------------------------


class Store:
    """A DuckDB event store at ``path``; use it as a context manager or close() it.

    ``dedup_days`` is the date window of cross-article dedup: mentions at most that
    many days apart (from the earliest mention of a canonical event) are linked.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_PATH,
        *,
        read_only: bool = False,
        dedup_days: int = DEDUP_DAYS,
    ) -> None:
        if isinstance(dedup_days, bool) or not isinstance(dedup_days, int) or dedup_days < 0:
            raise UsageError(f"dedup_days must be a non-negative integer, not {dedup_days!r}")
        self.path = os.fspath(path)
        self.read_only = read_only
        self.dedup_days = dedup_days
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
        quotes: Sequence[Mapping[str, Any]] = (),
    ) -> AddResult:
        """Store one coded document with its sentences, event records and quote records.

        The same ``doc_id`` with the same text is left as it is ("unchanged"); with
        another text its row is updated and its sentences, quotes and events replaced
        ("replaced"). Events repeating an ``event_id`` (quotes a ``quote_id``) are
        stored once. The dedup keys of the events written or removed become pending
        for the next :meth:`dedup`.
        """
        doc = _document_row(document)
        doc_id = doc[0]
        sentence_rows = [_sentence_row(doc_id, s, i) for i, s in enumerate(sentences)]
        event_rows = _event_rows(doc_id, events)
        actor_rows = _actor_rows(events)
        quote_rows = _quote_rows(doc_id, quotes)

        stored = self._query("SELECT text FROM documents WHERE doc_id = ?", [doc_id])
        if stored and stored[0][0] == doc[6]:
            self._add_missing_quotes(doc_id, quote_rows)
            return AddResult(doc_id, "unchanged", self._count_events(doc_id))

        with self._transaction(f"document {doc_id}"):
            con = self._con
            if stored:
                self._mark_pending("WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM sentences WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM quotes WHERE doc_id = ?", [doc_id])
                con.execute(
                    "UPDATE documents SET title = ?, url = ?, source = ?, date = ?, origin = ?, "
                    "text = ?, ingested_at = ? WHERE doc_id = ?",
                    [*doc[1:], _now(), doc_id],
                )
            else:
                con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*doc, _now()])
            if sentence_rows:
                _insert(con, "sentences", sentence_rows)
            if actor_rows:
                # Fill only what is still unknown: the first name given for a code stays.
                _insert(
                    con,
                    "actors",
                    actor_rows,
                    conflict="ON CONFLICT (code) DO UPDATE SET "
                    "name = coalesce(actors.name, excluded.name), "
                    "country = coalesce(actors.country, excluded.country), "
                    "sector = coalesce(actors.sector, excluded.sector), "
                    "grp = coalesce(actors.grp, excluded.grp)",
                )
            if event_rows:
                _insert(con, "events", event_rows)
                keys = {(r[6] or "", r[7] or "", "" if r[9] is None else str(r[9])) for r in event_rows}
                _insert(con, "dedup_pending", sorted(map(list, keys)), conflict="ON CONFLICT DO NOTHING")
            if quote_rows:
                _insert(con, "quotes", quote_rows)
        return AddResult(doc_id, "replaced" if stored else "new", len(event_rows))

    def _add_missing_quotes(self, doc_id: str, quote_rows: list[list[Any]]) -> None:
        """Quotes for a document stored before quotes were extracted: add them once."""
        if not quote_rows or self._query("SELECT count(*) FROM quotes WHERE doc_id = ?", [doc_id])[0][0]:
            return
        with self._transaction(f"quotes of document {doc_id}"):
            _insert(self._con, "quotes", quote_rows)

    def _mark_pending(self, where: str, params: Sequence[object]) -> None:
        self._con.execute(
            f"INSERT INTO dedup_pending {_PENDING_KEYS_SQL} FROM events {where} ON CONFLICT DO NOTHING",
            list(params),
        )

    # -- dedup --

    def dedup(self, *, full: bool = False) -> int:
        """Link pending mentions into canonical events; return how many keys were relinked.

        Only the (source, target, CAMEO root) keys touched since the last run are
        recomputed, from all their mentions, so the result does not depend on the
        order documents came in. ``full=True`` recomputes every key, and so does a
        store linked with another ``dedup_days`` or an older version of the rules.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: cannot link duplicates in a read-only store")
        with self._transaction("dedup"):
            if full or self._dedup_settings() != self._wanted_settings():
                full = True
                self._con.execute("DELETE FROM event_links")
                self._con.execute("DELETE FROM canonical_events")
                self._mark_pending("", [])
            if full:
                _insert(self._con, "dedup_settings", [list(i) for i in self._wanted_settings().items()],
                        conflict="ON CONFLICT (name) DO UPDATE SET value = excluded.value")
            pending = self._query("SELECT count(*) FROM dedup_pending")[0][0]
            if not pending:
                return 0
            mentions = [_Mention(*row) for row in self._query(_PENDING_MENTIONS_SQL)]
            self._con.execute(
                "DELETE FROM event_links WHERE canonical_id IN (SELECT c.canonical_id FROM "
                f"canonical_events c JOIN dedup_pending p ON {_PENDING_JOIN.format(t='c')})"
            )
            self._con.execute(
                "DELETE FROM canonical_events c USING dedup_pending p "
                f"WHERE {_PENDING_JOIN.format(t='c')}"
            )
            # Events removed by a re-ingest leave links that no key reaches any more.
            self._con.execute(
                "DELETE FROM event_links WHERE event_id NOT IN (SELECT event_id FROM events)"
            )
            canonical, links = _link(mentions, window=self.dedup_days)
            if canonical:
                _insert(self._con, "canonical_events", canonical)
                _insert(self._con, "event_links", links)
            self._con.execute("DELETE FROM dedup_pending")
        return pending

    def _wanted_settings(self) -> dict[str, str]:
        return {"rules": DEDUP_RULES, "window_days": str(self.dedup_days)}

    def _dedup_settings(self) -> dict[str, str]:
        return dict(self._query("SELECT name, value FROM dedup_settings"))

    def _linked(self) -> None:
        """Make sure canonical events are up to date before reading them."""
        pending = self._query("SELECT count(*) FROM dedup_pending")[0][0]
        if not pending and self._dedup_settings() in ({}, self._wanted_settings()):
            return
        if self.read_only:
            raise StoreError(
                f"{self.path}: the store has mentions not yet linked into canonical events "
                "(or linked with other dedup settings); open it once without read_only first"
            )
        self.dedup()

    # -- reading --

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        doc_id: str | None = None,
        cameo: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Event records, ordered by date, doc_id and sentence.

        ``actor`` matches the source or the target code by CAMEO prefix ("SYR" finds
        SYR and SYRGOV); ``dyad=(a, b)`` finds events between a and b in either
        direction. ``since``/``until`` are inclusive and leave out undated events;
        they take YYYY-MM-DD, YYYY-MM or YYYY. ``cameo`` keeps events whose CAMEO
        code starts with one of the codes given (("04", "045") or ("19",)).
        """
        where, params = _event_filters(actor=actor, dyad=dyad, since=since, until=until, doc_id=doc_id)
        if cameo is not None:
            codes = [cameo] if isinstance(cameo, str) else list(cameo)
            if not codes or not all(isinstance(c, str) and c.strip() for c in codes):
                raise UsageError(f"cameo must be one or more CAMEO codes, not {cameo!r}")
            where.append("list_bool_or([starts_with(cameo, c) FOR c IN ?::VARCHAR[]])")
            params.append([c.strip() for c in codes])
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

    def canonical_events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        mentions: bool = True,
    ) -> list[dict[str, Any]]:
        """Canonical events (duplicates across articles linked), ordered like :meth:`events`.

        Each is the event record of its earliest mention (its ``event_id`` is the
        ``canonical_id``) with ``num_mentions``, ``num_sources``, ``num_articles``,
        ``date_first``, ``date_last`` and, unless ``mentions=False``, ``mentions``:
        every mention's event_id, doc_id, sentence, date, document source and
        evidence. Filters work as in :meth:`events`, on the canonical event.
        Pending links are made first (which a read-only store cannot do).
        """
        self._linked()
        where, params = _event_filters(actor=actor, dyad=dyad, since=since, until=until, doc_id=None)
        base = (
            "SELECT c.*, e.record, e.doc_id, e.sentence, e.position FROM canonical_events c "
            "JOIN events e ON e.event_id = c.canonical_id"
        )
        sql = (
            "SELECT canonical_id, num_mentions, num_sources, num_articles, date_first, date_last, "
            f"record FROM ({base})"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, doc_id, sentence NULLS LAST, position"
        found: list[dict[str, Any]] = []
        for cid, n_mentions, n_sources, n_articles, first, last, record in self._query(sql, params):
            event = json.loads(record)
            event.update(
                canonical_id=cid,
                num_mentions=n_mentions,
                num_sources=n_sources,
                num_articles=n_articles,
                date_first=first.isoformat() if first else None,
                date_last=last.isoformat() if last else None,
            )
            found.append(event)
        if mentions and found:
            by_id = self._mentions([e["canonical_id"] for e in found])
            for event in found:
                event["mentions"] = by_id.get(event["canonical_id"], [])
        return found

    def _mentions(self, canonical_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        rows = self._query(
            "SELECT l.canonical_id, e.event_id, e.doc_id, e.sentence, e.date, d.source, "
            "json_extract(e.record, '$.evidence') FROM event_links l "
            "JOIN events e USING (event_id) JOIN documents d USING (doc_id) "
            "WHERE list_contains(?, l.canonical_id) "
            "ORDER BY e.date NULLS LAST, d.date NULLS LAST, e.doc_id, e.sentence NULLS LAST, e.position",
            [canonical_ids],
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for cid, event_id, doc_id, sentence, date, source, evidence in rows:
            out.setdefault(cid, []).append(
                {
                    "event_id": event_id,
                    "doc_id": doc_id,
                    "sentence": sentence,
                    "date": date.isoformat() if date else None,
                    "source": source,
                    "evidence": json.loads(evidence) if evidence else None,
                }
            )
        return out

    def quotes(self, *, doc_id: str | None = None, speaker: str | None = None) -> list[dict[str, Any]]:
        """Quote records as they went in, ordered by document and position.

        ``speaker`` matches the speaker's code by CAMEO prefix ("PSE" finds
        PSEREBHMS) or the speaker's canonical name, case-insensitively.
        """
        where: list[str] = []
        params: list[Any] = []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if speaker is not None:
            code = _query_code(speaker)
            where.append("(starts_with(speaker_code, ?) OR lower(speaker_name) = lower(?))")
            params += [code, speaker.strip()]
        sql = "SELECT record FROM quotes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, position"
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


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]], *, conflict: str = "") -> None:
    """Insert rows in one statement through Arrow (executemany runs one INSERT per
    row, several times slower); rows Arrow cannot type go through executemany, so
    that DuckDB reports what is wrong with them."""
    import pyarrow as pa

    try:
        batch = pa.table({f"c{i}": [row[i] for row in rows] for i in range(len(rows[0]))})
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        placeholders = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({placeholders}) {conflict}", rows)
        return
    con.register("_dyads_rows", batch)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _dyads_rows {conflict}")
    finally:
        con.unregister("_dyads_rows")


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
            if code is None or code.startswith(UNKNOWN):
                continue   # a name the actor base does not know is no actor code
            row = merged.setdefault(code, [code, None, None, None, None])
            for i, field in enumerate(fields, start=1):
                if row[i] is None:
                    row[i] = actor.get(field)
    return list(merged.values())


def _quote_rows(doc_id: str, quotes: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """One quotes row per distinct quote_id, first occurrence wins."""
    rows: dict[str, list[Any]] = {}
    for position, quote in enumerate(quotes):
        if not isinstance(quote, Mapping):
            raise BadDocument(doc_id, f"quote {position} is not a mapping")
        quote_id = quote.get("quote_id")
        if not isinstance(quote_id, str) or not quote_id:
            raise BadDocument(doc_id, f"quote {position} has no quote_id")
        if quote.get("doc_id", doc_id) != doc_id:
            raise BadDocument(doc_id, f"quote {quote_id} belongs to document {quote.get('doc_id')!r}")
        speaker = quote.get("speaker")
        if speaker is not None and not isinstance(speaker, Mapping):
            raise BadDocument(doc_id, f"quote {quote_id}: speaker must be an object or null")
        start = quote.get("start")
        if start is not None and not _is_int(start):
            raise BadDocument(doc_id, f"quote {quote_id}: start must be an integer")
        try:
            record = json.dumps(quote, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise BadDocument(doc_id, f"quote {quote_id} is not JSON: {exc}") from exc
        if quote_id not in rows:
            speaker = speaker or {}
            rows[quote_id] = [
                quote_id,
                doc_id,
                len(rows),
                start,
                _actor_code(speaker),
                speaker.get("name") if isinstance(speaker.get("name"), str) else None,
                record,
            ]
    return list(rows.values())


# --- cross-article dedup ----------------------------------------------------

_PENDING_JOIN = (
    "coalesce({t}.source_code, '') = p.source_code AND coalesce({t}.target_code, '') = p.target_code "
    "AND coalesce({t}.cameo_root, '') = p.cameo_root"
)

_PLACE_KEY_SQL = """
    CASE
        WHEN json_extract_string(e.record, '$.location.geonameid') IS NOT NULL
            THEN 'geo:' || json_extract_string(e.record, '$.location.geonameid')
        WHEN json_extract_string(e.record, '$.location.name') IS NOT NULL
            THEN 'name:' || lower(trim(json_extract_string(e.record, '$.location.name')))
    END
"""

# A document with no source counts as a source of its own.
_PENDING_MENTIONS_SQL = f"""
    SELECT e.event_id, e.doc_id, e.sentence, e.position, e.source_code, e.target_code,
           e.cameo_root, e.cameo, {_PLACE_KEY_SQL},
           coalesce(e.negated, false), coalesce(e.modality, 'actual'),
           e.date, d.date, coalesce(d.source, 'doc:' || d.doc_id),
           concat_ws('|', CASE WHEN starts_with(e.source_code, '{UNKNOWN}') THEN json_extract_string(e.record, '$.source.name') END,
                     CASE WHEN starts_with(e.target_code, '{UNKNOWN}') THEN json_extract_string(e.record, '$.target.name') END)
    FROM events e
    JOIN documents d USING (doc_id)
    JOIN dedup_pending p ON {_PENDING_JOIN.format(t='e')}
"""


@dataclass(frozen=True)
class _Mention:
    """One stored event as dedup sees it."""

    event_id: str
    doc_id: str
    sentence: int | None
    position: int
    source_code: str | None
    target_code: str | None
    cameo_root: str | None
    cameo: str | None
    place_key: str | None
    negated: bool
    modality: str
    date: dt.date | None
    doc_date: dt.date | None
    outlet: str
    unknown_names: str   # names behind "---" codes: two unknown people are two actors

    @property
    def key(self) -> tuple[Any, ...]:
        # Negation and modality are part of the key: "Syria would allow Hamas to
        # return" is not the same event as "Syria allowed Hamas to return".
        return (self.source_code, self.target_code, self.cameo_root, self.place_key,
                self.negated, self.modality, self.unknown_names)

    @property
    def when(self) -> dt.date | None:
        # An undated event is placed at its article's date, so that undated mentions
        # from articles years apart are not linked.
        return self.date or self.doc_date

    def order(self) -> tuple[Any, ...]:
        return (self.when or dt.date.max, self.doc_date or dt.date.max, self.doc_id,
                -1 if self.sentence is None else self.sentence, self.position)


def _link(mentions: Sequence[_Mention], *, window: int) -> tuple[list[list[Any]], list[list[Any]]]:
    """Canonical event rows and (event_id, canonical_id) links for the mentions given.

    Within one key, mentions sorted by date join a canonical event while they are
    at most ``window`` days after its earliest mention; anchoring on the earliest
    mention keeps a daily series of like events from chaining into one. Two
    sentences of one article with different CAMEO codes ("retracts any mistaken
    action", "we are proud of Syria") are two events, not two mentions of one: a
    mention joins only an event whose mentions from its own article share its code,
    preferring an event that already has its code.
    """
    groups: dict[tuple[Any, ...], list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.key, []).append(mention)
    canonical: list[list[Any]] = []
    links: list[list[Any]] = []
    for group in groups.values():
        group.sort(key=_Mention.order)
        clusters: list[list[_Mention]] = []
        active: list[list[_Mention]] = []  # events still inside the window, so a long series stays linear
        for mention in group:
            active = [c for c in active if _within(c[0].when, mention.when, window)]
            fitting = [c for c in active if _fits(c, mention)]
            same_code = [c for c in fitting if any(m.cameo == mention.cameo for m in c)]
            chosen = (same_code or fitting or [None])[0]
            if chosen is None:
                chosen = [mention]
                clusters.append(chosen)
                active.append(chosen)
            else:
                chosen.append(mention)
        for members in clusters:
            first = members[0]
            dates = [m.date for m in members if m.date is not None]
            canonical.append([
                first.event_id, first.source_code, first.target_code, first.cameo_root,
                first.place_key, first.date, min(dates, default=None), max(dates, default=None),
                len(members), len({m.outlet for m in members}), len({m.doc_id for m in members}),
            ])
            links.extend([m.event_id, first.event_id] for m in members)
    return canonical, links


def _fits(cluster: list[_Mention], mention: _Mention) -> bool:
    return all(m.cameo == mention.cameo for m in cluster if m.doc_id == mention.doc_id)


def _within(anchor: dt.date | None, when: dt.date | None, window: int) -> bool:
    if anchor is None or when is None:
        return anchor is None and when is None
    return (when - anchor).days <= window


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
        where.append("(starts_with(upper(source_code), ?) OR starts_with(upper(target_code), ?))")
        params += [code, code]
    if dyad is not None:
        if isinstance(dyad, str) or len(dyad) != 2:
            raise UsageError(f"a dyad is two actor codes, not {dyad!r}")
        a, b = (_query_code(code) for code in dyad)
        where.append(
            "((starts_with(upper(source_code), ?) AND starts_with(upper(target_code), ?)) "
            "OR (starts_with(upper(source_code), ?) AND starts_with(upper(target_code), ?)))"
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
    # Matched case-insensitively: "syr" from a command line finds SYRGOV, and
    # "SRBCVLALB" finds CAMEO's ethnic code SRBCVLalb.
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
