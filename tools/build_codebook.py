"""Build the codebook TSV files that ``dyads.codebook`` loads.

A one-off build step, run by hand when the reference tables change:

    python tools/build_codebook.py [--reference /work/shared/reference] [--out src/dyads/data]

It reads the public reference tables (GDELT CAMEO lookups, the ICEWS CAMEO code
table, the PLOVER CAMEO crosswalk, ACLED's event types and the PETRARCH2 verb
dictionary) and writes our own tab-separated files:

    cameo/cameo_codes.tsv       code, name, goldstein, root, quad_class, description
    plover/cameo_plover.tsv     cameo, type, mode, context, basis
    acled/sub_event_types.tsv   event_type, sub_event_type, disorder_type
    verbs/petrarch_verbs.tsv    lemma, code, block, forms, also
    verbs/petrarch_patterns.tsv lemmas, before, after, code, block

The package never reads /work/shared/reference; it only loads these files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_REFERENCE = Path("/work/shared/reference")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "dyads" / "data"

# Older PLOVER drafts used these category names; the crosswalk may still carry them.
OLD_PLOVER_TYPES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "FIGHT": ("ASSAULT", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
# The 2021 crosswalk still writes the context later renamed pro_democracy.
OLD_PLOVER_CONTEXTS = {"democracy": "pro_democracy"}
PLOVER_CONTEXTS = frozenset(
    "military intelligence executive legislative election political_institutions "
    "pro_democracy pro_autocracy economic legal reparations human_rights rights_freedoms "
    "repression human_security gender lgbt religion_ethnicity inequality diplomatic "
    "territory peacekeeping health asylum migration disasters natural_resource "
    "environment technology terrorism cbrn cyber misinformation crime corruption "
    "illegal_drugs trafficking".split()
)
# The crosswalk's own note (0813) says "ease" is no longer a mode; 085 still carries it.
RETIRED_PLOVER_MODES = frozenset({"ease"})

# PLOVER drops CAMEO 01 (statements) and 02 (appeals); dyads still needs a
# coding for them.  Appeals are requests, so 02x mirrors the parallel 10x code
# (021 ~ 101, 0254 ~ 1054, ...).  Statements default to AGREE, the
# lowest-scored verbal-cooperation type (CAMEO puts 01 in quad 1), which is also
# the manual's own suggestion for 015; refusals and denials are REJECT (the
# manual's suggestion for 016), expressions of sympathy or accord are SUPPORT.
STATEMENT_PLOVER: dict[str, str] = {
    "01": "AGREE",
    "011": "REJECT",
    "016": "REJECT",
    "018": "SUPPORT",
    "019": "SUPPORT",
}
APPEAL_ROOT, DEMAND_ROOT = "02", "10"

# ACLED groups its event types into disorder types; excessive force against
# peaceful protesters counts as both.
ACLED_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
ACLED_DISORDER_BY_SUB_EVENT = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    ref, out = args.reference, args.out

    cameo_rows = build_cameo(ref / "cameo")
    write_tsv(out / "cameo" / "cameo_codes.tsv",
              ["code", "name", "goldstein", "root", "quad_class", "description"], cameo_rows)
    codes = [row[0] for row in cameo_rows]

    plover_rows = build_plover(ref / "plover" / "CAMEO2PLOVER-2021.txt", codes)
    write_tsv(out / "plover" / "cameo_plover.tsv",
              ["cameo", "type", "mode", "context", "basis"], plover_rows)

    acled_rows = build_acled(ref / "acled" / "sub_event_types.tsv")
    write_tsv(out / "acled" / "sub_event_types.tsv",
              ["event_type", "sub_event_type", "disorder_type"], acled_rows)

    verb_rows = build_verbs(ref / "actors" / "CAMEO.verbpatterns.150430.txt", set(codes))
    write_tsv(out / "verbs" / "petrarch_verbs.tsv",
              ["lemma", "code", "block", "forms", "also"], verb_rows)

    pattern_rows = build_patterns(ref / "actors" / "CAMEO.verbpatterns.150430.txt", set(codes))
    write_tsv(out / "verbs" / "petrarch_patterns.tsv",
              ["lemmas", "before", "after", "code", "block"], pattern_rows)
    return 0


# -- output ------------------------------------------------------------------


SOURCES = {
    "cameo_codes.tsv": "GDELT CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt and root QuadClass "
                       "lookups; descriptions from the ICEWS CAMEO code table (A. Beger, MIT)",
    "cameo_plover.tsv": "PLOVER CAMEO2PLOVER-2021 crosswalk (OEDA, CC BY-SA 4.0), current PLOVER "
                        "names; basis: crosswalk | parent | manual (the PLOVER manual where it "
                        "contradicts the crosswalk) | dyads (CAMEO 01/02, which PLOVER drops)",
    "sub_event_types.tsv": "ACLED event and sub-event types with ACLED's disorder type",
    "petrarch_verbs.tsv": "PETRARCH2 CAMEO.verbpatterns.150430 (Open Event Data Alliance, MIT): "
                          "verb synonym lines only; forms and also are |-separated",
    "petrarch_patterns.tsv": "PETRARCH2 CAMEO.verbpatterns.150430 (Open Event Data Alliance, MIT): "
                             "pattern lines, one row per pattern with the |-separated verbs of its "
                             "block; before/after: the words on each side of the verb, space = "
                             "words may come between, | = one of (synonym sets expanded), _ = the "
                             "next word; + target, $ source, % both, ^ a skipped phrase",
}


def write_tsv(path: Path, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Generated by tools/build_codebook.py; do not edit by hand.",
        f"# Source: {SOURCES[path.name]}.",
        "\t".join(header),
    ]
    for row in rows:
        if len(row) != len(header) or any(("\t" in v or "\n" in v) for v in row):
            raise ValueError(f"{path.name}: bad row {row!r}")
        lines.append("\t".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(lines) - 3} rows)", file=sys.stderr)


# -- CAMEO -------------------------------------------------------------------


def read_pairs(path: Path) -> dict[str, str]:
    """A two-column, tab-separated GDELT lookup (with header) as a dict."""
    pairs: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            key, value = line.split("\t", 1)
            pairs[key.strip()] = value.strip()
    return pairs


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once read as Mac Roman (``Moscow‚Äôs``)."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()

    return re.sub(r"[^\x00-\x7f]+", fix, text)


def read_icews(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="cp1252", newline="") as handle:
        rows = list(csv.DictReader(handle))
    table = {}
    for row in rows:
        description = row["description"].strip()
        row["description"] = "" if description == "NA" else repair_mojibake(description)
        table[row["code"].strip()] = row
    return table


def read_manual_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}): (.+?)\s*$", line)
        if match:
            names.setdefault(match.group(1), match.group(2))
    return names


def is_mangled(name: str) -> bool:
    # CAMEO.eventcodes.txt has "Meet at a ÒhirdÓlocation": Mac Roman quotes read as Latin-1.
    return any(ch in name for ch in "ÒÓÔÕ")


def build_cameo(folder: Path) -> list[list[str]]:
    names = read_pairs(folder / "CAMEO.eventcodes.txt")
    goldstein = read_pairs(folder / "CAMEO.goldsteinscale.txt")
    quad = {root: row.split("\t")[0] for root, row in read_pairs(folder / "cameo_root_quadclass.tsv").items()}
    icews = read_icews(folder / "icews-cameo-codes.csv")

    # ICEWS keeps two manual codes GDELT's lookup lost (106, 1213); take their
    # name and weight from ICEWS rather than drop valid codes.
    for code, row in icews.items():
        if code not in names:
            print(f"cameo: {code} only in ICEWS table, added", file=sys.stderr)
            names[code] = row["name"].strip()
            goldstein[code] = row["goldstein"].strip()

    # GDELT's lookup shifts the names of the demand codes 101-108 against the CAMEO
    # manual (chapter 6), whose definitions the descriptions follow; the manual wins.
    manual = read_manual_names(folder / "chapter_6_cameo_event_codes.md")
    for code in ("101", "102", "103", "105", "1056", "106", "107", "108"):
        if code in manual:
            names[code] = manual[code]

    rows = []
    for code in sorted(names):
        name = names[code]
        if is_mangled(name):
            name = icews[code]["name"].strip()
        root = code[:2]
        weight = float(goldstein[code])
        description = icews.get(code, {}).get("description", "")
        rows.append([code, name, f"{weight:g}", root, quad[root], description])
    return rows


# -- PLOVER ------------------------------------------------------------------


@dataclass(frozen=True)
class Plover:
    type: str
    mode: str = ""
    context: tuple[str, ...] = ()


# Where the PLOVER manual (PLOVER_MANUAL.tex, plover_reference.html) contradicts the
# 2021 crosswalk, dyads follows the manual (basis "manual"):
# - CONCEDE "covers ... easing of administrative or legal restrictions on persons and
#   organizations, removing curfews": easing a curfew (0813) or a state of emergency
#   (0814) is CONCEDE; the crosswalk says RETREAT and itself notes that its "ease" mode
#   is retired.
# - THREATEN "territory" is "distinct from ASSAULT, which refers to military
#   occupations that have been or are being carried out": occupying territory (192) is
#   ASSAULT; the crosswalk says COERCE.
# - SANCTION: "International (political or economic) sanctions are coded as
#   'discontinue'": imposing sanctions (163) is SANCTION; the crosswalk says COERCE.
MANUAL_PLOVER: dict[str, Plover] = {
    "0813": Plover("CONCEDE", "", ("legal",)),
    "0814": Plover("CONCEDE", "", ("legal",)),
    "192": Plover("ASSAULT", "", ("military", "territory")),
    "163": Plover("SANCTION", "discontinue", ("diplomatic",)),
}


def parse_crosswalk(path: Path) -> dict[str, Plover]:
    """``code: TYPE, mode, context; context  # comment`` lines; the first line per code wins."""
    table: dict[str, Plover] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, _, rest = line.partition(":")
        code = code.strip()
        if not code.isdigit():
            continue
        parts = [part.strip() for part in rest.split(",")]
        parts += [""] * (3 - len(parts))
        kind, mode, context = parts[0].upper(), parts[1], ",".join(parts[2:])
        if kind in OLD_PLOVER_TYPES:
            kind, implied_mode = OLD_PLOVER_TYPES[kind]
            mode = mode or (implied_mode or "")
        if kind not in PLOVER_TYPES:
            raise ValueError(f"crosswalk {code}: unknown PLOVER type {kind!r}")
        contexts = tuple(
            OLD_PLOVER_CONTEXTS.get(c.strip(), c.strip())
            for c in re.split(r"[;,]", context)
            if c.strip()
        )
        if mode in PLOVER_CONTEXTS:  # 175 puts the context pro_autocracy in the mode column
            contexts, mode = (mode, *contexts), ""
        if mode in RETIRED_PLOVER_MODES:
            mode = ""
        coding = Plover(kind, mode, contexts)
        if code in table:
            if table[code] != coding:
                print(f"crosswalk: {code} listed twice, keeping {table[code]}", file=sys.stderr)
            continue
        table[code] = coding
    return table


def ancestors(code: str) -> Iterator[str]:
    """The code itself, then its parents: 0421, 042, 04."""
    yield code
    if len(code) == 4:
        yield code[:3]
    if len(code) >= 3:
        yield code[:2]


def extension_coding(code: str, crosswalk: dict[str, Plover]) -> Plover | None:
    """dyads' coding for the CAMEO 01 and 02 families PLOVER drops."""
    if code.startswith(APPEAL_ROOT):
        for candidate in ancestors(DEMAND_ROOT + code[2:]):
            if candidate in crosswalk:
                return crosswalk[candidate]
    for candidate in ancestors(code):
        if candidate in STATEMENT_PLOVER:
            return Plover(STATEMENT_PLOVER[candidate])
    return None


def build_plover(path: Path, codes: list[str]) -> list[list[str]]:
    crosswalk = parse_crosswalk(path)
    rows = []
    for code in codes:
        coding, basis = None, ""
        if code in MANUAL_PLOVER:
            coding, basis = MANUAL_PLOVER[code], "manual"
        elif code in crosswalk:
            coding, basis = crosswalk[code], "crosswalk"
        elif (coding := extension_coding(code, crosswalk)) is not None:
            basis = "dyads"
        else:
            parent = next((c for c in ancestors(code) if c in crosswalk), None)
            if parent is None:
                raise ValueError(f"no PLOVER coding for CAMEO {code}")
            coding, basis = crosswalk[parent], "parent"
        rows.append([code, coding.type, coding.mode, ";".join(coding.context), basis])
    return rows


# -- ACLED -------------------------------------------------------------------


def build_acled(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        event_type, sub_event_type = (v.strip() for v in line.split("\t")[:2])
        disorder = ACLED_DISORDER_BY_SUB_EVENT.get(sub_event_type, ACLED_DISORDER[event_type])
        rows.append([event_type, sub_event_type, disorder])
    return rows


# -- PETRARCH2 verbs -----------------------------------------------------------

BLOCK = re.compile(r"^---\s+(?P<name>\S+)\s*(?:\[(?P<code>[^\]]*)\])?")
CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
FORMS = re.compile(r"\{(?P<forms>[^}]*)\}")


@dataclass
class Verb:
    lemma: str
    code: str
    block: str
    forms: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)


def phrase(token: str) -> str:
    """PETRARCH spelling to ours: ``+MEET_WITH`` -> ``meet with``, ``RE_+ARREST`` -> ``re-arrest``."""
    text = token.replace("+", "").strip("_").lower()
    text = re.sub(r"^re_", "re-", text)
    return re.sub(r"[_\s]+", " ", text).strip()


def event_code(raw: str | None, valid: set[str]) -> str | None:
    """``040``, ``042:043`` (source:target) -> the first code; ``---`` or junk -> None."""
    if raw is None:
        return None
    code = raw.split(":")[0].strip()
    return code if code in valid else None


def verb_lines(path: Path) -> Iterator[tuple[str, str | None, str]]:
    """(block name, block code, verb line) for the synonym lines of each verb block."""
    for block in verb_blocks(path):
        for line in block.verbs:
            yield block.name, block.code, line


def is_lemma_phrase(lemma: str, forms: re.Match[str] | None) -> bool:
    """False for PETRARCH's fixed surface strings: ``+KILLED_AND {}``, ``+ARREST_AND``."""
    if forms is not None and not forms.group("forms").strip():
        return False
    return lemma.split()[-1] not in {"and", "or"}


def build_verbs(path: Path, valid: set[str]) -> list[list[str]]:
    verbs: dict[str, Verb] = {}
    for block, raw_block_code, line in verb_lines(path):
        own = CODE.search(line)
        own_code = own.group("code").strip() if own else None
        if own_code == "---":  # the verb is listed to be ignored
            continue
        if own_code is not None and event_code(own_code, valid) is None:
            print(f"verbs: {block}: unknown code in {line!r}, using the block's", file=sys.stderr)
        code = event_code(own_code, valid) or event_code(raw_block_code, valid)
        if code is None:
            continue
        forms_match = FORMS.search(line)
        forms = [phrase(f) for f in forms_match.group("forms").split()] if forms_match else []
        lemma = phrase(FORMS.sub(" ", CODE.sub(" ", line)))
        if not lemma or not is_lemma_phrase(lemma, forms_match):
            continue
        verb = verbs.get(lemma)
        if verb is None:
            verbs[lemma] = Verb(lemma, code, block)
            verb = verbs[lemma]
        elif code != verb.code and code not in verb.also:
            verb.also.append(code)
        verb.forms.extend(f for f in forms if f and f != lemma and f not in verb.forms)
    return [
        [v.lemma, v.code, v.block, "|".join(v.forms), "|".join(v.also)]
        for v in verbs.values()
    ]


# -- PETRARCH2 patterns ---------------------------------------------------------

# A pattern word: letters, digits and the inner punctuation of "u.n." or "cease-fire".
PATTERN_WORD = re.compile(r"^[a-z0-9][a-z0-9'.\-]*$")
# Where an actor or a skipped phrase stands: target, source, both (compound), skipped.
MARKERS = frozenset("+$%^")
# A run of words joined by _ whose synonym sets multiply beyond this many phrases
# ("&MILITARY_&AIRCRAFT") is too loose to be a pattern; such lines are skipped.
MAX_ALTERNATIVES = 200


def synonym_sets(path: Path) -> dict[str, list[str]]:
    """``&CURRENCY`` -> ["money", "currency", "cash", ...]; a multi-word member is ``_``-joined."""
    sets: dict[str, list[str]] = {}
    members: list[str] | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            break
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            members = sets.setdefault(line.rstrip("_").upper(), [])
        elif line.startswith("+") and members is not None:
            # a trailing _ only stops PETRARCH's plurals; we compare lemmas
            member = line[1:].strip("_").lower()
            if member not in members:
                members.append(member)
    return sets


@dataclass
class Block:
    name: str
    code: str | None
    verbs: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)


def verb_blocks(path: Path) -> Iterator[Block]:
    """Each verb block with its synonym lines and its pattern lines (comments dropped)."""
    block: Block | None = None
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not in_patterns:
            continue
        if raw.startswith("---"):
            if block is not None:
                yield block
            match = BLOCK.match(raw)
            block = Block(match.group("name"), match.group("code")) if match else None
            continue
        if block is None:
            continue
        if raw.startswith("-"):
            # pattern comments hold initials like <s;s ...>: only # starts them here
            line = raw[1:].split("#", 1)[0].strip()
            if line:
                block.patterns.append(line)
            continue
        line = re.split(r"[#;]", raw, maxsplit=1)[0].strip()
        if line:
            block.verbs.append(line)
    if block is not None:
        yield block


def block_lemmas(block: Block) -> list[str]:
    """The verbs a block's patterns apply to, spelt as in petrarch_verbs.tsv.  A verb
    whose own code is ``---`` still carries the block's patterns."""
    lemmas = []
    for line in block.verbs:
        forms_match = FORMS.search(line)
        lemma = phrase(FORMS.sub(" ", CODE.sub(" ", line)))
        if lemma and is_lemma_phrase(lemma, forms_match) and lemma not in lemmas:
            lemmas.append(lemma)
    return lemmas


def pattern_sides(words: str, sets: dict[str, list[str]]) -> tuple[str, str] | None:
    """``$ * CONCERN OVER &CEASEFIRE`` -> ("$", "concern over truce|armistice|..."),
    or None when the pattern cannot be read."""
    tokens = words.replace('"', "").split()
    verb_at = [i for i, token in enumerate(tokens) if "*" in token.split("_")]
    if len(verb_at) != 1:
        return None
    # "TO_*", "*_UP": the words stay on their side; the verb's adjacency is dropped
    left, _, right = tokens[verb_at[0]].partition("*")
    before_tokens = tokens[:verb_at[0]] + ([left.strip("_")] if left.strip("_") else [])
    after_tokens = ([right.strip("_")] if right.strip("_") else []) + tokens[verb_at[0] + 1:]
    before, after = _slots(before_tokens, sets), _slots(after_tokens, sets)
    if before is None or after is None:
        return None
    return " ".join(before), " ".join(after)


def _slots(tokens: list[str], sets: dict[str, list[str]]) -> list[str] | None:
    """Pattern tokens as slots: a marker, or the |-separated ways to fill a run of
    consecutive words (synonym sets expanded), each a ``_``-joined phrase."""
    slots: list[str] = []
    for token in tokens:
        run: list[str] = []
        for part in token.split("_"):
            if part in MARKERS:   # "TO_+": the marker ends the run
                slots.extend(["|".join(run), part] if run else [part])
                run = []
                continue
            if part.startswith("&"):
                choices = sets.get(part.upper())
                if choices is None:   # PETRARCH ignores a pattern with an undefined set
                    return None
            elif PATTERN_WORD.match(part.lower()):
                choices = [part.lower()]
            elif not part:
                continue
            else:
                return None
            run = [f"{r}_{c}" for r in run for c in choices] if run else list(choices)
            if len(run) > MAX_ALTERNATIVES:
                return None
        if run:
            slots.append("|".join(run))
    return slots


def is_informative(before: str, after: str) -> bool:
    """A pattern needs at least one word: markers alone ("* +") say nothing we can match."""
    return any(slot not in MARKERS for slot in (before + " " + after).split())


# CAMEO's usage notes code mass killings (202) "relying primarily on the specific
# terminology used by reporters"; PETRARCH2 also reads 202 from a plain kill verb with
# "civilian" after it ("killing three civilians"). Only verbs that say mass killing
# keep their 202 patterns; elsewhere the verb's own code applies.
MASS_KILLING_BLOCKS = frozenset({"MASSACRE"})


def build_patterns(path: Path, valid: set[str]) -> list[list[str]]:
    sets = synonym_sets(path)
    rows: list[list[str]] = []
    seen: dict[tuple[str, str, str], str] = {}
    for block in verb_blocks(path):
        lemmas = "|".join(block_lemmas(block))
        for line in block.patterns:
            found = CODE.search(line)
            raw_code = found.group("code").strip() if found else None
            if raw_code is None or raw_code.startswith("---"):
                continue
            code = event_code(raw_code, valid)
            if code is None:
                print(f"patterns: {block.name}: unknown code in {line!r}, skipped", file=sys.stderr)
                continue
            sides = pattern_sides(CODE.sub(" ", line), sets)
            if sides is None:
                print(f"patterns: {block.name}: unreadable {line!r}, skipped", file=sys.stderr)
                continue
            before, after = sides
            if not lemmas or not is_informative(before, after):
                continue
            if code == "202" and block.name not in MASS_KILLING_BLOCKS:
                continue   # dyads' deviation: see MASS_KILLING_BLOCKS
            key = (block.name, before, after)
            if key in seen:
                if seen[key] != code:
                    print(f"patterns: {block.name}: {line!r} repeats a pattern of code {seen[key]}, "
                          "keeping the first", file=sys.stderr)
                continue
            seen[key] = code
            rows.append([lemmas, before, after, code, block.name])
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
