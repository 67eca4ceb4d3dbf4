"""The one exception tree of dyads.

    DyadsError                  base class: every error dyads raises on purpose
     ├── InputError             a document or path that cannot be read or coded
     │    └── BadDocument       one document of a batch (carries where + reason)
     ├── ModelError             the spaCy pipeline (or another model) is missing
     ├── DataError              package or user reference data is malformed
     ├── StoreError             the DuckDB store cannot be opened, migrated or queried
     └── UsageError             options that do not make sense together

The CLI and the web layer translate these at the edge into one line for the user
(``dyads: <where>: <reason>``); nothing below the edge prints.
"""

from __future__ import annotations


class DyadsError(Exception):
    """Base class of every error dyads raises on purpose."""


class InputError(DyadsError):
    """A path or document that cannot be read or coded."""


class BadDocument(InputError):
    """One bad document of a batch: ``where`` names it, ``reason`` says why."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class ModelError(DyadsError):
    """A model dyads needs is not installed or cannot be loaded."""


class DataError(DyadsError):
    """Reference data (package or user supplied) is malformed."""


class StoreError(DyadsError):
    """The event store cannot be opened, migrated or queried."""


class UsageError(DyadsError):
    """Options that do not make sense together."""
