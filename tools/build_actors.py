"""Build the generated actor tables under src/dyads/data/actors/ (run once, by hand).

    /tmp/venv/bin/python tools/build_actors.py [--reference /work/shared/reference]

Writes files that are *generated*, never edited by hand:

- ``countries.tsv``: one row per ISO 3166 country or territory (pycountry), with
  its names, the first English adjective CountryInfo gives for it, a regular
  plural of that adjective, and its capital (CountryInfo, facts only).
- ``people.tsv``: heads of state and government, one row per role, with the office
  reduced to a small vocabulary: from the Wikidata 2022 snapshot (CC0) and, for
  about 1960-2011, from CountryInfo's <Leaders> blocks (rulers.org; facts only).
- ``agents_phoenix.tsv``: the PETRARCH2/Phoenix agents dictionary (MIT) as phrase ->
  primary CAMEO sector, for the sector words the curated ``agents.tsv`` lacks.

It then prints a coverage report: for every country, the years 2000..today in which
no head of state or government is known on 1 July (``--coverage-only`` skips writing).

Everything curated by hand (short names such as "Syria", demonyms such as
"Zionist", groups, dated leaders after 2022, titles) lives in the YAML and TSV
files next to them; the loader in ``dyads.actors`` lays those over these tables.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().parent.parent / "src" / "dyads" / "data" / "actors"

# Wikidata country labels pycountry does not know (the CSV uses common English names).
COUNTRY_LABELS = {
    "Turkey": "TUR", "Russia": "RUS", "State of Palestine": "PSE", "Ivory Coast": "CIV",
    "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG",
    "The Gambia": "GMB", "Vatican City": "VAT", "East Timor": "TLS", "Cape Verde": "CPV",
    "Brunei": "BRN", "Kingdom of the Netherlands": "NLD", "People's Republic of China": "CHN",
    "Kosovo": "KSV", "Sahrawi Arab Democratic Republic": "ESH", "Federated States of Micronesia": "FSM",
    "São Tomé and Príncipe": "STP", "Denmark": "DNK", "Taiwan": "TWN",
    "Republic of Ireland": "IRL", "The Bahamas": "BHS",
}

# Positions whose holder is not the country's own executive (a foreign head of state
# acting as co-prince) or that are one person's duplicate realms.
SKIP_POSITIONS = {"Q19808845"}          # French co-prince of Andorra (the French president)
REALM_MONARCHS = {"Q9682", "Q43274"}    # Elizabeth II, Charles III: keep only the UK role

SMALL_WORDS = {"of", "the", "and", "de", "du", "da", "la", "es"}

OFFICES = (
    ("prime minister", "prime minister"), ("premier", "prime minister"), ("taoiseach", "prime minister"),
    ("chief minister", "prime minister"), ("chairman of the council of ministers", "prime minister"),
    ("federal chancellor", "chancellor"), ("chancellor", "chancellor"),
    ("supreme leader", "supreme leader"), ("vice president", "vice president"),
    ("president", "president"), ("chairman", "president"), ("captain regent", "member"),
    ("member", "member"), ("governor-general", "governor-general"), ("military leader", "leader"),
    ("pope", "monarch"), ("co-prince", "monarch"), ("monarch", "monarch"), ("king", "monarch"),
    ("queen", "monarch"), ("emir", "monarch"), ("sultan", "monarch"), ("prince", "monarch"),
    ("emperor", "monarch"), ("druk gyalpo", "monarch"), ("ngwenyama", "monarch"),
    ("yang di-pertuan agong", "monarch"), ("o le ao o le malo", "monarch"), ("minister", "prime minister"),
)


@dataclass
class Country:
    code: str
    name: str
    names: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    plurals: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=Path("/work/shared/reference"))
    parser.add_argument("--coverage-only", action="store_true", help="print the coverage report only")
    parser.add_argument("--first", type=int, default=2000, help="first year of the coverage report")
    args = parser.parse_args(argv)
    actors_dir = args.reference / "actors"
    if not args.coverage_only:
        build(actors_dir)
    states = sovereign_states(actors_dir / "world-leaders-wikidata-2022.csv")
    print(coverage_report(states, first=args.first, last=dt.date.today().year))
    return 0


def build(actors_dir: Path) -> None:
    info = read_countryinfo(actors_dir / "CountryInfo.120116.txt")
    countries = build_countries(info)
    write_countries(countries, OUT / "countries.tsv")
    rows = build_people(actors_dir / "world-leaders-wikidata-2022.csv")
    rows += read_leaders(actors_dir / "CountryInfo.120116.txt")
    write_people(rows, OUT / "people.tsv")
    agents = read_phoenix_agents(actors_dir / "Phoenix.agents.txt")
    write_agents(agents, OUT / "agents_phoenix.tsv")
    print(f"{len(countries)} countries, {len(rows)} roles, {len(agents)} agent phrases -> {OUT}",
          file=sys.stderr)


# -- coverage of heads of state and government -------------------------------------------
# Observer states and states with limited recognition that the news covers like the others.
EXTRA_STATES = {"PSE", "VAT", "TWN", "KSV"}
# States born after 2000: years before independence are not gaps.
INDEPENDENCE = {"TLS": 2002, "MNE": 2006, "KSV": 2008, "SSD": 2011}


def sovereign_states(path: Path) -> list[str]:
    """The states of the Wikidata heads-of-state list (every UN member has one)."""
    labels = {row["country"] for row in csv.DictReader(path.open(encoding="utf-8"))}
    return sorted({code for code in map(_country_code, labels) if code} | EXTRA_STATES)


def coverage_report(states: list[str], *, first: int, last: int) -> str:
    """For each state, the years first..last in which nobody is known to hold a head
    of state or government office on 1 July, read through the actor base as it is
    loaded (generated tables plus curated people.yaml); then the states whose latest
    holder comes from the 2022 snapshot only (still in office then, not confirmed)."""
    sys.path.insert(0, str(OUT.parents[2]))
    from dyads.actors import ActorBase

    base = ActorBase.load()
    curated = {p["name"] for p in yaml.safe_load((OUT / "people.yaml").read_text(encoding="utf-8"))["people"]}
    years = range(first, last + 1)
    gaps: dict[str, list[int]] = {}
    open_since: dict[str, str] = {}     # state -> its latest, uncurated holder
    for code in states:
        gaps[code] = [y for y in years if y > INDEPENDENCE.get(code, 0)
                      and not base.holders(code + "GOV", date=f"{y}-07-01")]
        latest = base.holders(code + "GOV")
        if latest and latest[-1][0] not in curated:
            open_since[code] = latest[-1][0]
    complete = [c for c in states if not gaps[c]]
    lines = [f"heads of state/government known on 1 July of every year {first}-{last}: "
             f"{len(complete)} of {len(states)} states "
             f"({sum(len(g) for g in gaps.values())} state-years missing of {len(states) * len(years)})"]
    for code in states:
        if gaps[code]:
            lines.append(f"  {code}: missing {_ranges(gaps[code])}")
    if open_since:
        lines.append(f"latest holder from the 2022 snapshot only, not confirmed since: "
                     f"{len(open_since)} states: " + "; ".join(f"{c} {n}" for c, n in sorted(open_since.items())))
    return "\n".join(lines)


def _ranges(years: list[int]) -> str:
    out: list[str] = []
    for year in years:
        if out and out[-1].endswith(str(year - 1)) and "-" in out[-1]:
            out[-1] = f"{out[-1].split('-')[0]}-{year}"
        elif out and out[-1] == str(year - 1):
            out[-1] = f"{year - 1}-{year}"
        else:
            out.append(str(year))
    return ", ".join(out)


# -- agents ------------------------------------------------------------------------------
# Phoenix sector codes dyads keeps; religion codes (MUS, CHR, JEW, ...) are identities,
# not sectors, and PPL ("people") is no CAMEO role.
PHOENIX_SECTORS = {"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
                   "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "NGO", "OPP", "PTY", "RAD", "REB", "REF",
                   "REL", "SEP", "SPY", "UAF"}


def read_phoenix_agents(path: Path) -> list[tuple[str, str]]:
    """(phrase, primary sector) pairs from the Phoenix agents dictionary: underscores
    as spaces, !SUBSTITUTION! sets expanded, listed irregular plurals kept."""
    substitutions: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        entry = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})[A-Z]*\]", line)
        if not entry or entry.group(3) not in PHOENIX_SECTORS:
            continue
        forms = [entry.group(1), *(entry.group(2) or "").split()]
        for form in forms:
            for phrase in _expand(form.strip(), substitutions):
                phrase = " ".join(phrase.replace("_", " ").lower().split())
                if phrase and re.fullmatch(r"[a-z][a-z .'/-]*", phrase):
                    found.setdefault(phrase, entry.group(3))
    return sorted(found.items())


def _expand(form: str, substitutions: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", form)
    if not m or m.group(0) not in substitutions:
        return [form] if "!" not in form else []
    out = []
    for word in substitutions[m.group(0)]:      # BUSINESS!PERSON! -> BUSINESSMAN
        out.extend(_expand(form[:m.start()] + word + form[m.end():], substitutions))
    return out


def write_agents(agents: list[tuple[str, str]], path: Path) -> None:
    header = [
        "# GENERATED by tools/build_actors.py -- do not edit; curate in agents.tsv (which wins)",
        "# and drop phrases through phrases.yaml's agent_stoplist.",
        "# Source: Phoenix.agents.txt, PETRARCH2/Phoenix CAMEO agents dictionary, (c) 2014 Open",
        "# Event Data Alliance, MIT License: each phrase with its primary CAMEO sector.",
        "# Columns: phrase, sector, office (empty: the curated table holds the titles).",
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\n".join(header) + "\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["phrase", "sector", "office"])
        writer.writerows([phrase, sector, ""] for phrase, sector in agents)


# -- countries ---------------------------------------------------------------------------
def read_countryinfo(path: Path) -> dict[str, dict[str, list[str]]]:
    """ISO3 -> {"Nationality": [...], "Capital": [...]} from CountryInfo's tagged blocks."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = text[text.index("-->"):]
    found: dict[str, dict[str, list[str]]] = {}
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        iso = _countryinfo_code(block)
        if iso and iso not in found:
            found[iso] = {tag: _entries(block, tag) for tag in ("Nationality", "Capital")}
    return found


def _countryinfo_code(block: str) -> str | None:
    """The block's ISO3 code, by its English name first: CountryInfo's code fields
    are sometimes a parent (Jersey -> GBR) or a neighbour's (Guatemala -> GLP)."""
    name = (_tag(block, "CountryName") or "").replace("_", " ").strip()
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        pass
    for tag in ("CountryCode", "ISO3166-alpha3"):
        code = _tag(block, tag) or ""
        if re.fullmatch(r"[A-Z]{3}", code) and pycountry.countries.get(alpha_3=code):
            return code
    return None


def _tag(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>\s*([^<#]*?)\s*</{tag}>", block)
    return m.group(1).strip() if m else None


def _entries(block: str, tag: str) -> list[str]:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    if not m:
        return []
    lines = (line.split("#")[0].strip() for line in m.group(1).splitlines())
    return [_title(line) for line in lines if line and not line.startswith("<")]


def _title(raw: str) -> str:
    """CountryInfo's UPPER_CASE_ phrases as ordinary text ("N'DJAMENA_" -> "N'Djamena")."""
    words = raw.strip("_ ").replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        parts = word.lower().split("'")
        if "." in word and len(word) <= 4:
            pass                                   # "D.C."
        elif i and word.lower() in SMALL_WORDS:
            word = word.lower()
        elif len(parts) > 1 and len(parts[0]) == 1:
            word = "'".join(p.capitalize() for p in parts)
        else:
            word = "-".join(p.capitalize() for p in word.lower().split("-"))
        out.append(word)
    return " ".join(out)


def build_countries(info: dict[str, dict[str, list[str]]]) -> list[Country]:
    countries = []
    for record in pycountry.countries:
        code = record.alpha_3
        name = getattr(record, "common_name", None) or record.name
        names = _unique([name, record.name, getattr(record, "official_name", "")])
        names = [n for n in names if n and "," not in n]
        country = Country(code, name, names)
        found = info.get(code, {})
        nationality = found.get("Nationality", [])
        if nationality and _looks_adjective(nationality[0]) and nationality[0] != name:
            country.adjectives.append(nationality[0])
            plural = _plural(nationality[0])
            if plural:
                country.plurals.append(plural)
        country.capitals.extend(found.get("Capital", [])[:1])
        countries.append(country)
    # A capital listed for two countries is a stale fact (Belgrade for Montenegro).
    seen = defaultdict(int)
    for c in countries:
        for capital in c.capitals:
            seen[capital] += 1
    for c in countries:
        c.capitals = [cap for cap in c.capitals if seen[cap] == 1]
    return countries


def _looks_adjective(word: str) -> bool:
    return bool(re.search(r"(an|ese|ish|i|ic|ch|ss|ot|ite|er|ine|ean)$", word.lower()))


def _plural(adjective: str) -> str | None:
    """"Syrian" -> "Syrians"; none for adjectives that are their own plural ("Chinese")."""
    low = adjective.lower()
    if low.endswith(("ese", "ish", "ch", "ss", "sh")) or " " in adjective:
        return None
    if low.endswith("man"):
        return adjective[:-3] + "men"
    return adjective + "s"


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in items if i and not (i in seen or seen.add(i))]


def write_countries(countries: list[Country], path: Path) -> None:
    header = [
        "# GENERATED by tools/build_actors.py -- do not edit; curate in countries.yaml.",
        "# Sources: pycountry (ISO 3166 codes and names); CountryInfo.120116.txt by",
        "# Philip A. Schrodt (CC BY-SA 3.0), facts only: first English adjective and capital.",
        "# Columns: code (ISO 3166 alpha-3 = CAMEO country code), name (canonical),",
        "# names, adjectives, plurals, capitals -- lists separated by '|'.",
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\n".join(header) + "\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "names", "adjectives", "plurals", "capitals"])
        for c in sorted(countries, key=lambda c: c.code):
            writer.writerow([c.code, c.name, "|".join(c.names), "|".join(c.adjectives),
                             "|".join(c.plurals), "|".join(c.capitals)])


# -- people ------------------------------------------------------------------------------
def build_people(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    unknown = sorted({r["country"] for r in rows if _country_code(r["country"]) is None})
    if unknown:
        print("unmapped Wikidata countries: " + ", ".join(unknown), file=sys.stderr)
    merged: dict[tuple[str, str, str], dict[str, str]] = {}
    for r in rows:
        code = _country_code(r["country"])
        if code is None or r["position"] in SKIP_POSITIONS:
            continue
        if r["officeholder"] in REALM_MONARCHS and code != "GBR":
            continue
        if re.fullmatch(r"Q\d+", r["officeholderLabel"]):    # no English label in the snapshot
            continue
        key = (r["officeholder"], r["position"], code)
        role = {"name": r["officeholderLabel"], "wikidata": r["officeholder"], "code": code + "GOV",
                "office": _office(r["positionLabel"]), "title": r["positionLabel"],
                "from": r["start_year"], "to": r["end_year"], "seen": "" if r["end_year"] else WIKIDATA_SEEN,
                "aliases": "", "source": "Wikidata"}
        if key in merged:          # the same term listed twice (Abbas 2005 and 2013)
            old = merged[key]
            old["from"] = min(old["from"], role["from"]) if old["from"] and role["from"] else old["from"]
            old["to"] = "" if not (old["to"] and role["to"]) else max(old["to"], role["to"])
        else:
            merged[key] = role
    return sorted(merged.values(), key=lambda r: (r["code"], r["office"], r["from"], r["name"]))


LEADER_SKIP = re.compile(r"governor|administrator|commissioner|representative|assembly|lieutenant|\b"
                         r"resident|minister of state|ministers of state|vice|cabinet chief|deputies|"
                         r"^doc$|countryname|countrycode|cow-|fips|imf|iso3166|nationality|^capital$|rada")
# The day CountryInfo.120116.txt was made: an open term there is known to 2012-01-16 only.
COUNTRYINFO_SEEN = "2012-01-16"
WIKIDATA_SEEN = "2022"
LEADER_OFFICES = (
    (re.compile(r"prime|premier|government|council of ministers|chief minister|commissars"), "prime minister"),
    (re.compile(r"king|queen|emir|sultan|emperor|monarch"), "monarch"),
    (re.compile(r"chancellor"), "chancellor"),
    (re.compile(r"president|heads? of state|chairm"), "president"),
)


def read_leaders(path: Path) -> list[dict[str, str]]:
    """Heads of state and government from CountryInfo's <Leaders> blocks."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = text[text.index("-->"):]
    rows = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code = _countryinfo_code(block)
        leaders = re.search(r"<Leaders>(.*?)</Leaders>", block, re.S)
        if not code or not leaders:
            continue
        country = pycountry.countries.get(alpha_3=code)
        country_name = getattr(country, "common_name", None) or country.name
        office = None
        for line in leaders.group(1).splitlines():
            tag = re.match(r"\s*<([^/][^>]*)>", line)
            if tag:
                label = tag.group(1).lower()
                office = None if LEADER_SKIP.search(label) else _leader_office(label)
                continue
            row = _leader_row(line, office, code, country_name)
            if row:
                rows.append(row)
    return rows


def _leader_office(label: str) -> str:
    for pattern, office in LEADER_OFFICES:
        if pattern.search(label):
            return office
    return "leader"


def _leader_row(line: str, office: str | None, code: str, country: str) -> dict[str, str] | None:
    if office is None or "too common" in line:
        return None
    names = re.findall(r"\{([^}]*)\}", line) or [line.split("[")[0]]
    # A one-word name is usually a given name ("Hussein", "Abdullah"): too ambiguous.
    names = [_title(n) for n in names if n.strip("_ \t")]
    names = [n for n in names if " " in n or "-" in n]
    term = re.search(r"\[\s*(>?)\s*(\d{8})\s*(?:-\s*(\d{8}))?\s*\]", line)
    if not names or not term:
        return None
    start = _iso(term.group(2))
    end = "" if term.group(1) else _iso(term.group(3) or "")
    if start is None:
        return None
    title = f"{office[0].upper()}{office[1:]} of {country}"
    return {"name": names[0], "wikidata": "", "code": code + "GOV", "office": office, "title": title,
            "from": start, "to": end or "", "seen": "" if end else (COUNTRYINFO_SEEN if term.group(1) else start),
            "aliases": "|".join(names[1:]), "source": "CountryInfo"}


def _iso(raw: str) -> str | None:
    if not re.fullmatch(r"\d{8}", raw or ""):
        return None
    year, month, day = raw[:4], raw[4:6], raw[6:]
    month = month if "01" <= month <= "12" else "01"
    day = day if "01" <= day <= "31" else "01"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return dt.date(int(year), int(month), 28).isoformat()


def _country_code(label: str) -> str | None:
    if label in COUNTRY_LABELS:
        return COUNTRY_LABELS[label]
    try:
        return pycountry.countries.lookup(label).alpha_3
    except LookupError:
        return None


def _office(label: str) -> str:
    low = label.lower()
    for needle, office in OFFICES:
        if needle in low:
            return office
    return "leader"


def write_people(rows: list[dict[str, str]], path: Path) -> None:
    header = [
        "# GENERATED by tools/build_actors.py -- do not edit; curate in people.yaml.",
        "# Sources: world-leaders-wikidata-2022.csv (Wikidata, CC0): heads of state and",
        "# government around 2022, years only; CountryInfo.120116.txt <Leaders> (Philip A.",
        "# Schrodt, CC BY-SA 3.0; facts only): heads of state and government about 1960-2011.",
        "# An empty 'to' means in office when the source was made ('seen': the last day the",
        "# source knew of); the loader ends such a role when a later holder of the same office",
        "# starts, or on the 'seen' day when the next holder is more than a year later or unknown",
        "# (an old source cannot say who governed in between).",
        "# Columns: name, wikidata, code (CAMEO), office, title, from, to (first day out of",
        "# office; a bare year: during that year), seen, aliases ('|'), source.",
    ]
    columns = ["name", "wikidata", "code", "office", "title", "from", "to", "seen", "aliases", "source"]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\n".join(header) + "\n")
        writer = csv.DictWriter(out, fieldnames=columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    raise SystemExit(main())
