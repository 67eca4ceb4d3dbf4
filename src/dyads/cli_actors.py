"""``dyads actors``: look names up in the actor base and add user actor files.

Thin commands over :mod:`dyads.actors`; ``cli.py`` registers the group with
``main.add_command(actors)``.

    dyads actors lookup "NAME" [--date D] [--actors FILE]...   JSON: actor + why; exit 1 if none
    dyads actors add FILE.yaml [--replace]                     validate, copy to the user directory
    dyads actors path                                          print the user actor directory

User actor files hold ``countries``, ``regions``, ``identities``, ``groups``,
``people``, ``agents`` and ``remove`` in the schema of the package's own
``data/actors/*.yaml``; ``add`` copies one into ``$DYADS_HOME/actors/`` (by default
the user configuration directory, ``~/.config/dyads/actors/`` on Linux), where every
later command reads it. ``--actors FILE`` lays a file over the base for one command.
"""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from dyads.cli_edge import edge

DATE = click.DateTime(formats=["%Y-%m-%d"])
ACTOR_FILE = click.Path(exists=True, dir_okay=False)


@click.group()
def actors() -> None:
    """Look names up in the actor base; add your own actors."""


@actors.command("lookup")
@click.argument("name")
@click.option("--date", type=DATE, help="Resolve with the roles in force on this day (YYYY-MM-DD).")
@click.option("--actors", "files", type=ACTOR_FILE, multiple=True,
              help="Extra actor YAML file laid over the base (repeatable; later files win).")
@edge(status=2)
def lookup(name: str, date, files: tuple[str, ...]) -> None:
    """Show what NAME resolves to on --date, and why (exit 1 when nothing)."""
    from dyads.actors import ActorBase

    base = ActorBase.load(extra=files, user=True) if files else ActorBase.default()
    day = date.date().isoformat() if date is not None else None
    actor = base.resolve(name, date=day)
    answer = {"name": name, "date": day,
              "actor": dataclasses.asdict(actor) if actor is not None else None,
              "why": base.explain(name, date=day)}
    click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
    if actor is None:
        sys.exit(1)


@actors.command("add")
@click.argument("file", type=ACTOR_FILE)
@click.option("--replace", is_flag=True, help="Overwrite a different file of the same name.")
@edge(status=2)
def add(file: str, replace: bool) -> None:
    """Validate FILE and copy it into the user actor directory."""
    from dyads.actors import add_actor_file, check_actor_file

    summary = check_actor_file(file)
    target = add_actor_file(file, replace=replace)
    counts = {k: v for k, v in dataclasses.asdict(summary).items() if k != "path" and v}
    click.echo(json.dumps({"added": str(target), "entries": counts}, ensure_ascii=False))


@actors.command("path")
def path() -> None:
    """Print the user actor directory (it may not exist yet)."""
    from dyads.actors import user_actor_dir

    click.echo(str(user_actor_dir()))


if __name__ == "__main__":  # pragma: no cover
    actors()
