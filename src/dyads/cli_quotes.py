"""Command line for quotes: ``dyads quotes`` and the PolNeAR branch of ``dyads evaluate``.

``dyads quotes PATH...`` reads inputs like ``dyads code`` does, finds every quote of
every document and prints the quote records of DESIGN.md as JSONL (or CSV);
``dyads quotes --db FILE`` prints the records already in a store. :func:`polnear_report`
is what ``dyads evaluate polnear`` prints. Errors of the :mod:`dyads.errors` tree
become one line on stderr, as everywhere in the CLI.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from typing import IO, Iterable, Iterator

import click

from dyads.cli_edge import edge
from dyads.errors import DyadsError, UsageError

FORMATS = ("jsonl", "csv")
BATCH = 32
CSV_COLUMNS = ("quote_id", "doc_id", "start", "end", "direct", "text", "cue_text", "cue_start",
               "cue_end", "speaker_text", "speaker_start", "speaker_end", "speaker_code",
               "speaker_name", "resolved_from")


@click.command("quotes")
@click.argument("paths", nargs=-1)
@click.option("--db", type=click.Path(dir_okay=False), help="Print the quotes stored in this DuckDB file.")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date for every input (YYYY-MM-DD), used to resolve speakers.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@edge
def quotes(paths: tuple[str, ...], db: str | None, date, fmt: str) -> None:
    """List quotes with their cue and speaker: from PATH... (files, directories,
    feeds, corpora, or - for stdin), or from a store with --db."""
    if bool(paths) == bool(db):
        raise UsageError("give either PATH... or --db FILE (not both)")
    day = date.date().isoformat() if date is not None else None
    records = _stored(db) if db else _coded(paths, date=day)
    write_quotes(records, sys.stdout, format=fmt)


def polnear_report(*, split: str = "dev", data_dir: str | os.PathLike[str] | None = None,
                   limit: int | None = None, as_json: bool = False) -> str:
    """What ``dyads evaluate polnear`` prints: the table, or one JSON object."""
    from dyads.evaluate_quotes import evaluate_polnear

    report = evaluate_polnear(split, data_dir=data_dir, limit=limit)
    return json.dumps(report.to_json(), ensure_ascii=False) if as_json else report.table()


def write_quotes(records: Iterable[dict], out: IO[str], *, format: str = "jsonl") -> int:
    """Write quote records as JSONL or CSV; return how many were written."""
    n = 0
    if format == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    if format != "csv":
        raise UsageError(f"unknown quotes format {format!r} (use {' or '.join(FORMATS)})")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(_csv_row(record))
        n += 1
    return n


def _csv_row(record: dict) -> list:
    cue = record.get("cue") or {}
    who = record.get("speaker") or {}
    return [record["quote_id"], record["doc_id"], record["start"], record["end"],
            "true" if record["direct"] else "false", record["text"], cue.get("text"),
            cue.get("start"), cue.get("end"), who.get("text"), who.get("start"), who.get("end"),
            who.get("code"), who.get("name"), who.get("resolved_from")]


def _coded(paths: Iterable[str], *, date: str | None) -> Iterator[dict]:
    """Quote records of every readable input, in batches; bad inputs are reported on
    stderr and skipped."""
    from dyads import nlp
    from dyads.ingest import Problem, read_inputs

    pipeline = nlp.load()
    batch = []
    readable = 0
    for item in read_inputs(paths, date=date, stdin=sys.stdin.buffer):
        if isinstance(item, Problem):
            prefix = "" if item.fatal else "note: "
            click.echo(f"dyads: {prefix}{item.where}: {item.reason}", err=True)
            continue
        readable += 1
        batch.append(item)
        if len(batch) >= BATCH:
            yield from _batch_records(pipeline, batch)
            batch = []
    yield from _batch_records(pipeline, batch)
    if readable == 0:
        raise DyadsError("no document could be read")


def _batch_records(pipeline, documents: list) -> Iterator[dict]:
    from dyads.quotes import quote_records

    for doc, document in pipeline.pipe(((d.text, d) for d in documents), as_tuples=True,
                                       batch_size=BATCH):
        yield from quote_records(doc, doc_id=document.doc_id, date=document.date)


def _stored(db: str) -> list[dict]:
    from dyads.store import Store

    if not os.path.exists(db):
        raise DyadsError(f"{db}: no such store (run `dyads ingest PATH --db {db}` first)")
    with Store(db, read_only=True) as store:
        reader = getattr(store, "quotes", None)
        if reader is None:
            raise UsageError(f"{db}: this version of the store keeps no quotes")
        return list(reader())
