"""The edge of the command line: dyads errors become one line on stderr.

Every command module wraps its commands with :func:`edge`, so a user sees
``dyads: <where>: <reason>`` and an exit status, never a traceback. Kept apart from
``cli.py`` so the command modules that ``cli.py`` registers can import it.
"""

from __future__ import annotations

import functools
import sys

import click

from dyads.errors import DyadsError


def edge(command=None, *, status: int = 1):
    """Wrap a click command: a :class:`DyadsError` exits with ``status`` after one
    line on stderr; a closed pipe (``dyads events | head``) ends quietly."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except DyadsError as exc:
                click.echo(f"dyads: {exc}", err=True)
                sys.exit(status)
            except BrokenPipeError:
                sys.stderr.close()
                sys.exit(0)

        return wrapper

    return decorate(command) if command is not None else decorate
