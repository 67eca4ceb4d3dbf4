"""The codebook: CAMEO codes, their PLOVER coding, ACLED types and the verb lexicon.

Read-only lookups over package data (``data/cameo/``, ``data/plover/``,
``data/acled/``, ``data/verbs/``), each table loaded once per process. The TSV files
are built from the public reference tables by ``tools/build_codebook.py``; this
module only reads them and touches nothing else.

    cameo("042")           CameoCode: name, Goldstein weight, root, GDELT QuadClass
    plover("0421")         PloverCoding via the crosswalk, falling back 0421 -> 042 -> 04
    plover_sector("HLH")   the PLOVER sector of a CAMEO sector code ("MED"), or None
    plover_sector_of("IGOWSTNATMIL")   the PLOVER sector of a whole actor code ("MIL")
    acled_types()          ACLED (event_type, sub_event_type) pairs
    verb_lexicon()         lemma ("meet", "call for") -> VerbEntry(lemma, code, block)

A code the tables do not know raises :class:`dyads.errors.DataError`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dyads.errors import DataError

__all__ = [
    "CameoCode",
    "PloverCoding",
    "VerbEntry",
    "acled_disorder_type",
    "acled_types",
    "cameo",
    "cameo_codes",
    "is_cameo",
    "plover",
    "plover_sector",
    "plover_sector_of",
    "verb_forms",
    "verb_lexicon",
]


@dataclass(frozen=True)
class CameoCode:
    code: str          # "042": always a string, leading zeros kept
    name: str          # "Make a visit"
    goldstein: float
    root: str          # "04"
    quad_class: int    # GDELT QuadClass 1..4
    description: str   # the ICEWS table's short description, or ""


@dataclass(frozen=True)
class PloverCoding:
    type: str                   # a current PLOVER event type: CONSULT, ASSAULT, ...
    mode: str | None
    context: tuple[str, ...]
    # "crosswalk" (PLOVER's own line), "parent" (inherited from a parent code),
    # "manual" (the PLOVER manual, where it contradicts the crosswalk) or "dyads"
    # (CAMEO 01/02, which PLOVER drops; dyads' documented choice).
    basis: str = "crosswalk"


@dataclass(frozen=True)
class VerbEntry:
    lemma: str                  # "meet", "meet with", "re-arrest"
    code: str                   # CAMEO code
    block: str                  # PETRARCH2 verb block ("MEET_PEOPLE"), or "dyads"
    forms: tuple[str, ...] = ()  # irregular forms: ("met", "meeting", ...)
    also: tuple[str, ...] = ()   # codes other blocks give the same lemma


# -- CAMEO -------------------------------------------------------------------------


def cameo(code: str) -> CameoCode:
    """The CAMEO code ``code`` ("042"); DataError if there is no such code."""
    entry = cameo_codes().get(_clean(code))
    if entry is None:
        raise DataError(f"unknown CAMEO code {code!r}")
    return entry


def is_cameo(code: str) -> bool:
    return _clean(code) in cameo_codes()


@functools.cache
def cameo_codes() -> Mapping[str, CameoCode]:
    """Every CAMEO code, 2- to 4-digit, in codebook order."""
    codes = {}
    for row in _table("cameo", "cameo_codes.tsv"):
        try:
            entry = CameoCode(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                root=row["root"],
                quad_class=int(row["quad_class"]),
                description=row["description"],
            )
        except ValueError as exc:
            raise DataError(f"cameo_codes.tsv: bad row for {row['code']!r} ({exc})") from exc
        if not 1 <= entry.quad_class <= 4 or not entry.code.startswith(entry.root):
            raise DataError(f"cameo_codes.tsv: inconsistent row for {entry.code!r}")
        codes[entry.code] = entry
    return MappingProxyType(codes)


# -- PLOVER ------------------------------------------------------------------------


def plover(code: str) -> PloverCoding:
    """The PLOVER coding of a CAMEO code, from the code itself or its nearest parent."""
    table = _plover_table()
    clean = _clean(code)
    for candidate in _ancestors(clean):
        coding = table.get(candidate)
        if coding is None:
            continue
        if candidate == clean or coding.basis not in ("crosswalk", "manual"):
            return coding
        return PloverCoding(coding.type, coding.mode, coding.context, basis="parent")
    raise DataError(f"no PLOVER coding for CAMEO code {code!r}")


@functools.cache
def _plover_table() -> Mapping[str, PloverCoding]:
    table = {}
    for row in _table("plover", "cameo_plover.tsv"):
        table[row["cameo"]] = PloverCoding(
            type=row["type"],
            mode=row["mode"] or None,
            context=tuple(c for c in row["context"].split(";") if c),
            basis=row["basis"],
        )
    return MappingProxyType(table)


def plover_sector(code: str) -> str | None:
    """The PLOVER sector of a CAMEO sector code: the same code for most, renamed where
    PLOVER renamed it ("MED" media -> "JRN", "HLH" health -> "MED", "INS" and "SEP" ->
    "REB"), None where PLOVER has no such sector ("RAD") or the code is none of the
    table's (a group's "HMS"; the table maps UN peacekeeping's "PKO" to MIL)."""
    return _plover_sectors().get(_clean(code).upper())


def plover_sector_of(actor_code: str) -> str | None:
    """The PLOVER sector of a whole CAMEO actor code: the first of its segments after
    the country or IGO/NGO letters that PLOVER has a sector for ("IGOWSTNATMIL" -> MIL,
    "LBNMED" -> JRN, "IRNRADREB" -> REB, "PSEREBHMS" -> REB, "IGOUNO" -> None)."""
    code = _clean(actor_code)
    segments = (code[i:i + 3] for i in range(3, len(code), 3))
    return next((sector for sector in map(plover_sector, segments) if sector), None)


@functools.cache
def _plover_sectors() -> Mapping[str, str | None]:
    return MappingProxyType({row["cameo"]: row["plover"] or None for row in _table("plover", "sectors.tsv")})


def _ancestors(code: str) -> Iterator[str]:
    """0421, 042, 04: the code and then its parents."""
    if not code.isdigit() or not 2 <= len(code) <= 4:
        return
    for length in range(len(code), 1, -1):
        yield code[:length]


# -- ACLED -------------------------------------------------------------------------


def acled_types() -> list[tuple[str, str]]:
    """ACLED (event_type, sub_event_type) pairs in ACLED's order."""
    return [(row["event_type"], row["sub_event_type"]) for row in _table("acled", "sub_event_types.tsv")]


def acled_disorder_type(sub_event_type: str) -> str:
    """ACLED's disorder type ("Political violence", "Demonstrations", ...) of a sub-event type."""
    for row in _table("acled", "sub_event_types.tsv"):
        if row["sub_event_type"] == sub_event_type:
            return row["disorder_type"]
    raise DataError(f"unknown ACLED sub-event type {sub_event_type!r}")


# -- verbs -------------------------------------------------------------------------


@functools.cache
def verb_lexicon() -> Mapping[str, VerbEntry]:
    """Verb lemma or phrase (lower case, spaces: "call for") -> its CAMEO coding.

    PETRARCH2's verb synonyms, with dyads' own codes (``dyads_verbs.tsv``) applied
    over them.
    """
    lexicon = {}
    for row in _table("verbs", "petrarch_verbs.tsv"):
        lexicon[row["lemma"]] = VerbEntry(
            lemma=row["lemma"],
            code=row["code"],
            block=row["block"],
            forms=_split(row["forms"]),
            also=_split(row["also"]),
        )
    for row in _table("verbs", "dyads_verbs.tsv"):
        lexicon[row["lemma"]] = _override(lexicon.get(row["lemma"]), row["lemma"], row["code"])
    for entry in lexicon.values():
        if not is_cameo(entry.code):
            raise DataError(f"verb lexicon: {entry.lemma!r} has unknown CAMEO code {entry.code!r}")
    return MappingProxyType(lexicon)


@functools.cache
def verb_forms() -> Mapping[str, str]:
    """Irregular verb form ("met", "gunned down") -> its lemma ("meet", "gun down").

    A form shared by two lemmas maps to the first one listed.
    """
    forms: dict[str, str] = {}
    for entry in verb_lexicon().values():
        for form in entry.forms:
            forms.setdefault(form, entry.lemma)
    return MappingProxyType(forms)


def _override(entry: VerbEntry | None, lemma: str, code: str) -> VerbEntry:
    if entry is None:
        return VerbEntry(lemma, code, "dyads")
    also = tuple(c for c in (entry.code, *entry.also) if c != code)
    return VerbEntry(lemma, code, "dyads", entry.forms, also)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split("|") if part)


# -- files -------------------------------------------------------------------------


def _clean(code: str) -> str:
    return str(code).strip()


@functools.cache
def _table(folder: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of a package TSV file (``#`` lines are comments; the first other line is the header)."""
    path = resources.files("dyads") / "data" / folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{folder}/{name}: cannot read codebook data ({exc})") from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not lines:
        raise DataError(f"{folder}/{name}: empty codebook table")
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = line.split("\t")
        if len(values) != len(header):
            raise DataError(f"{folder}/{name}: data line {number} has {len(values)} fields, expected {len(header)}")
        rows.append(dict(zip(header, values)))
    return tuple(rows)
