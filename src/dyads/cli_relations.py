"""The relation commands of the ``dyads`` CLI: timeline, network, ask, next.

Thin wrappers over :mod:`dyads.analysis` and :mod:`dyads.ask`: each parses its
options, calls one library function and prints. ``cli.py`` registers them with
``main.add_command``. Errors of the :mod:`dyads.errors` tree become one line on
stderr (``dyads: <reason>``) and exit status 1.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from dyads.cli_edge import edge
from dyads.errors import StoreError

# Dates stay text: the store reads YYYY-MM-DD, YYYY-MM or YYYY, and "--until 2012"
# means the end of 2012, which a parsed datetime would lose.
DATE_HELP = "(inclusive; YYYY-MM-DD, YYYY-MM or YYYY)"
DB_OPTION = click.option("--db", default="dyads.duckdb", show_default=True, help="DuckDB store file.")
TIMELINE_COLUMNS = ("period", "start", "source", "target", "events", "mentions", "quad_1", "quad_2",
                    "quad_3", "quad_4", "goldstein_sum", "goldstein_mean", "state", "change")


@contextmanager
def _store(db: str) -> Iterator[Any]:
    from dyads.store import Store

    if not os.path.exists(db):
        raise StoreError(f"{db}: no such store (run `dyads ingest PATH --db {db}` first)")
    # Opened for writing: links mentions still pending from an earlier ingest.
    with Store(db) as store:
        yield store


def _json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# --- timeline ---------------------------------------------------------------------


@click.command()
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("--by", type=click.Choice(("day", "week", "month", "year")), default="month", show_default=True)
@click.option("--since", help=f"First event date {DATE_HELP}.")
@click.option("--until", help=f"Last event date {DATE_HELP}.")
@click.option("--format", "fmt", type=click.Choice(("text", "csv", "json")), default="text", show_default=True)
@click.option("--plot", type=click.Path(dir_okay=False), help="Also draw the timeline to FILE.png or FILE.svg.")
@edge
def timeline(a, b, db, by, since, until, fmt, plot) -> None:
    """Events between actors A and B per period, both directions, with the relation's changes."""
    from dyads import analysis

    with _store(db) as store:
        a, b = analysis.actor_code(store, a), analysis.actor_code(store, b)
        rows = analysis.timeline(store, a, b, by=by, since=since, until=until)
        states = analysis.relation_states(store, a, b) if fmt == "text" else []
    # The changes shown are those inside the period asked for (ISO prefixes compare as text).
    states = [s for s in states if (not since or s["start"][:len(since)] >= since)
              and (not until or s["start"][:len(until)] <= until)]
    if plot:
        analysis.plot_timeline(rows, plot)
    if fmt == "json":
        _json(rows)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_timeline(rows, states, a, b)


def _print_timeline(rows: list[dict], states: list[dict], a: str, b: str) -> None:
    if not rows:
        click.echo(f"No events between {a} and {b}.")
        return
    header = f"{'period':<10} {'direction':<24} {'events':>6} {'q1':>3} {'q2':>3} {'q3':>3} {'q4':>3} " \
             f"{'goldstein':>9} {'mean':>6}  state"
    click.echo(header)
    for row in rows:
        mean = "" if row["goldstein_mean"] is None else f"{row['goldstein_mean']:.1f}"
        change = f" ({row['change']})" if row["change"] else ""
        click.echo(
            f"{row['period']:<10} {row['source'] + ' -> ' + row['target']:<24} {row['events']:>6} "
            f"{row['quad_1']:>3} {row['quad_2']:>3} {row['quad_3']:>3} {row['quad_4']:>3} "
            f"{row['goldstein_sum']:>9.1f} {mean:>6}  {row['state'] or ''}{change}"
        )
    changes = [s for s in states if s["change"]]
    if changes:
        click.echo("\nChanges:")
    for state in changes:
        click.echo(f"  {state['start']} {state['change']}: {state['state']} (score {state['score']})")
        for event in state["because"][:3]:
            click.echo(f"    {event['source']} -> {event['target']} {event['cameo']} {event['action']}: "
                       f"“{event['evidence']}” [{event['doc_id']}#{event['sentence']}]")
        named = {x["code"]: x["name"] for x in state.get("brokers", [])}   # one line per broker
        brokers = ", ".join(f"{name} ({code})" for code, name in named.items())
        if brokers:
            click.echo(f"    brokers: {brokers}")


# --- network ----------------------------------------------------------------------


@click.command()
@DB_OPTION
@click.option("--since", help=f"First event date {DATE_HELP}.")
@click.option("--until", help=f"Last event date {DATE_HELP}.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the graph to FILE.gexf or FILE.graphml.")
@click.option("--top", type=int, default=15, show_default=True, help="Actors listed.")
@edge
def network(db, since, until, out, top) -> None:
    """The actor network: central actors, brokers, strongest ties."""
    from dyads import analysis

    with _store(db) as store:
        graph = analysis.network(store, since=since, until=until)
    if out:
        analysis.write_network(graph, out)
    click.echo(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} ties"
               + (f" -> {out}" if out else ""))
    click.echo("\nBrokers:")
    for broker in graph.graph["brokers"]:
        if broker["how"] == "mediation":
            text = broker["evidence"][0]["text"] if broker["evidence"] else ""
            click.echo(f"  {broker['name']} ({broker['code']}) mediated between "
                       f"{' and '.join(broker['between'])}: “{text}”")
        else:
            click.echo(f"  {broker['name']} ({broker['code']}) betweenness {broker['betweenness']:.2f}")
    click.echo("\nCentral actors:")
    ranked = sorted(graph.nodes(data=True), key=lambda item: (-item[1]["degree"], item[0]))[:top]
    for code, data in ranked:
        click.echo(f"  {code:<12} {data['name']:<30} degree {data['degree']:.2f}  "
                   f"betweenness {data['betweenness']:.2f}  events {data['events']}")
    click.echo("\nStrongest ties:")
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2]["events"], e[0], e[1]))[:top]
    for source, target, data in edges:
        click.echo(f"  {source} -> {target}: {data['events']} events, {data['cooperation']} cooperation, "
                   f"{data['conflict']} conflict, Goldstein {data['goldstein']:+.1f}")


# --- ask and next -------------------------------------------------------------------


@click.command()
@click.argument("question")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@edge
def ask(question, db, as_json) -> None:
    """Answer QUESTION from the store, with the evidence sentences."""
    from dyads.ask import ask as answer

    with _store(db) as store:
        result = answer(store, question)
    if as_json:
        _json(result.to_dict())
    else:
        click.echo(result.text())


@click.command("next")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("-k", "k", type=click.IntRange(1, 20), default=5, show_default=True,
              help="Event types forecast per direction.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@edge
def next_(a, b, db, k, as_json) -> None:
    """What comes next between A and B: open questions, forward-looking statements, forecast."""
    from dyads import analysis
    from dyads.ask import next_steps

    with _store(db) as store:
        steps = next_steps(store, analysis.actor_code(store, a), analysis.actor_code(store, b), k=k)
    if as_json:
        _json(steps)
        return
    a, b = steps["dyad"]
    sections = (("Open questions the articles raise", steps["open_questions"]),
                ("Forward-looking statements", steps["forward_looking"]))
    for title, items in sections:
        click.echo(f"{title} ({a} - {b}):")
        if not items:
            click.echo("  none")
        for item in items:
            also = f", {item['num_articles']} articles" if item["num_articles"] > 1 else ""
            click.echo(f"  - {item['question']}")
            where = f"{item['date']} {item['doc_id']}#{item['sentence']}{also}"
            click.echo(f"      “{item['evidence']}” [{where}]")
        click.echo("")
    forecast = steps["forecast"]
    if not forecast["available"]:
        click.echo(f"Forecast: {forecast['reason']}")
        return
    click.echo(f"Most likely next event types (forecaster, {forecast['history']} events up to "
               f"{forecast['after']}):")
    for direction, predictions in forecast["predictions"].items():
        click.echo(f"  {direction.replace('->', ' -> ')}:")
        for p in predictions:
            click.echo(f"    {p['probability']:6.1%}  {p['cameo_root']} {p['name']}")
