"""``dyads forecast``: score the forecaster on ICEWS/GDELT quadruple files.

A thin command over :func:`dyads.forecast.evaluate`; ``cli.py`` registers it with
``main.add_command(forecast)``.
"""

from __future__ import annotations

import dataclasses
import json

import click

from dyads.cli_edge import edge

QUADS = click.Path(exists=True, dir_okay=False)


@click.command()
@click.option("--train", required=True, type=QUADS, help="Training quadruples (s r o t).")
@click.option("--valid", required=True, type=QUADS, help="Validation quadruples.")
@click.option("--test", required=True, type=QUADS, help="Test quadruples.")
@click.option("--on", "split", type=click.Choice(["test", "valid"]), default="test",
              show_default=True, help="Split to score.")
@click.option("--window", type=click.IntRange(min=1),
              help="Use only the last N time steps of history (days on ICEWS).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@edge
def forecast(train, valid, test, split, window, as_json) -> None:
    """Time-aware filtered MRR and Hits@1/3/10 (single-step protocol) and the wall time."""
    from dyads.forecast import ForecastOptions, evaluate

    options = dataclasses.replace(ForecastOptions(), window=window)
    report = evaluate(train, valid, test, options=options, on=split)
    click.echo(json.dumps(report.to_json()) if as_json else report.table())
