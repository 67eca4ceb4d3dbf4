"""The ``dyads`` command line: thin wrappers over the library.

Each command parses its options, calls one library function and prints. Errors of
the :mod:`dyads.errors` tree become one line on stderr (``dyads: <where>: <reason>``);
the exit status is non-zero only when nothing could be done.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Iterator

import click

from dyads import __version__
from dyads.cli_edge import edge
from dyads.errors import DyadsError

FORMATS = ("jsonl", "gdelt", "plover", "acled", "csv")
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"dyads: {message}", err=True)
    sys.exit(code)


def _iso(value) -> str | None:
    return value.date().isoformat() if value is not None else None


def _report(problem) -> None:
    prefix = "" if problem.fatal else "note: "
    click.echo(f"dyads: {prefix}{problem.where}: {problem.reason}", err=True)


@contextmanager
def _progress(label: str) -> Iterator:
    """A rich progress line on an interactive stderr; nothing when piped."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                  transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=None)
        yield lambda: bar.advance(task)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def _output(path: str | None, fmt: str) -> Iterator:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise DyadsError(f"{path}: cannot write ({exc.strerror})") from exc


def _write(events: list[dict], *, out: str | None, fmt: str | None, documents: dict) -> None:
    from dyads import export

    chosen = fmt or (export.format_for_path(out) if out else None) or "jsonl"
    if chosen == "parquet":
        export.write_parquet(events, out, documents=documents)
        return
    with _output(out, chosen) as handle:
        export.write_events(events, handle, format=chosen, documents=documents)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def main() -> None:
    """dyads: news to political event data, with provenance."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", type=DATE, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default jsonl).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to FILE (.parquet for Parquet).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="YAML file of actors that add to or override the actor base (repeatable).")
@edge
def code(paths, date, fmt, out, min_confidence, actor_files) -> None:
    """Code events in PATH... (files, directories, feeds, corpora, or - for stdin)."""
    from dyads.pipeline import CodeOptions, CodedDocument, code_inputs

    options = CodeOptions(date=_iso(date), min_confidence=min_confidence, actor_files=tuple(actor_files))
    events: list[dict] = []
    documents: dict[str, dict] = {}
    coded = 0
    with _progress("coding") as tick:
        for item in code_inputs(paths, options=options, stdin=sys.stdin.buffer):
            if isinstance(item, CodedDocument):
                coded += 1
                documents[item.document.doc_id] = _meta(item.document)
                events.extend(item.events)
            else:
                _report(item)
            tick()
    _write(events, out=out, fmt=fmt, documents=documents)
    if coded == 0:
        _fail("no document could be coded")


def _meta(document) -> dict:
    return {"doc_id": document.doc_id, "date": document.date, "title": document.title,
            "url": document.url, "source": document.source, "origin": document.origin}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="dyads.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--date", type=DATE, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="YAML file of actors that add to or override the actor base (repeatable).")
@edge
def ingest(paths, db, date, min_confidence, actor_files) -> None:
    """Code PATH... and store documents, sentences, actors and events in --db."""
    from dyads.pipeline import CodeOptions, ingest as run

    with _progress("ingesting") as tick:
        def on_item(item) -> None:
            if not hasattr(item, "events"):
                _report(item)
            tick()

        options = CodeOptions(date=_iso(date), min_confidence=min_confidence,
                              actor_files=tuple(actor_files))
        report = run(paths, db=db, options=options,
                     stdin=sys.stdin.buffer, on_item=on_item)
    click.echo(f"{report.documents} documents ({report.new} new, {report.unchanged} unchanged, "
               f"{report.replaced} replaced), {report.events} events, {report.failed} failed -> {db}",
               err=True)
    if report.documents == 0:
        _fail("no document could be coded")


@main.command()
@click.option("--db", default="dyads.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--actor", help="Events where this actor (CAMEO code or prefix) is source or target.")
@click.option("--dyad", nargs=2, help="Events between two actors, either direction.")
@click.option("--since", type=DATE, help="First event date (inclusive).")
@click.option("--until", type=DATE, help="Last event date (inclusive).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default jsonl).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to FILE (.parquet for Parquet).")
@click.option("--limit", type=int, help="At most N events.")
@edge
def events(db, actor, dyad, since, until, fmt, out, limit) -> None:
    """Query stored events."""
    import os

    from dyads.store import Store

    if not os.path.exists(db):
        raise DyadsError(f"{db}: no such store (run `dyads ingest PATH --db {db}` first)")
    with Store(db, read_only=True) as store:
        found = store.events(actor=actor, dyad=tuple(dyad) if dyad else None,
                             since=_iso(since), until=_iso(until), limit=limit)
        documents = {d["doc_id"]: d for d in store.documents()}
    _write(found, out=out, fmt=fmt, documents=documents)


@main.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Folder of the dev data (default: $DYADS_DEV_DATA or ../shared/dev).")
@click.option("--limit", type=int, help="Score the first N items only.")
@click.option("--errors", type=int, default=0, help="Also list N mis-coded items.")
@click.option("--rules-only", is_flag=True, help="Score the rule coder without the [ml] classifier.")
@edge
def evaluate(target, as_json, data_dir, limit, errors, rules_only) -> None:
    """Score the coder against labelled data: a built-in set name or a JSONL PATH."""
    import os

    from dyads.evaluate import evaluate as run

    if rules_only:
        os.environ["DYADS_CLASSIFIER"] = "0"

    if target == "polnear":
        from dyads.cli_quotes import polnear_report

        click.echo(polnear_report(data_dir=data_dir, limit=limit, as_json=as_json))
        return
    report = run(target, data_dir=data_dir, limit=limit)
    if as_json:
        answer = report.to_json()
        if errors:
            answer["errors"] = report.examples(errors)
        click.echo(json.dumps(answer, ensure_ascii=False))
        return
    click.echo(report.table())
    if errors:
        click.echo("")
        click.echo(report.examples_text(errors))


def _register() -> None:
    """Commands that live in their own modules (one per area)."""
    from dyads import cli_actors, cli_forecast, cli_quotes, cli_relations

    for command in (cli_relations.timeline, cli_relations.network, cli_relations.ask,
                    cli_relations.next_, cli_quotes.quotes, cli_forecast.forecast,
                    cli_actors.actors):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
