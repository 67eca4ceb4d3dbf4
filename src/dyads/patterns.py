"""Verb patterns: a verb with the words that follow it names an exact CAMEO code
("lifted the embargo" 085, "expressed condolences" 018).

The table (``data/verbs/petrarch_patterns.tsv``) is built from PETRARCH2's verb
patterns by tools/build_codebook.py; this module reads it once and matches its rows
against a verb's own clause in the spaCy parse. It touches nothing else.

A pattern is a row of slots on each side of the verb: a slot is a marker (an actor
or a skipped phrase: ``+ $ % ^``) or the phrases that may fill it (``truce|cease_fire``,
``_`` joining words that must be consecutive). Slots match in order; between two
word slots only modifiers ("the", "deep", "its", "trade") may come, after a marker
any words may. A verb's clause is its subtree without the clauses hanging from it
(conjoined verbs, adverbial, complement and relative clauses), so "said X lifted
sanctions" gives "lift" its pattern and leaves "say" alone.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from spacy.tokens import Token

from dyads import lexicon
from dyads.errors import DataError

__all__ = ["Match", "match"]

MARKERS = frozenset("+$%^")
# Children of the verb that start a clause of their own: their words are not the verb's.
OTHER_CLAUSES = frozenset({"conj", "cc", "advcl", "ccomp", "parataxis", "relcl", "csubj", "csubjpass",
                           "xcomp", "acl"})
# Words that may stand between two pattern words: modifiers of the phrase being read.
MODIFIER_DEPS = frozenset({"det", "predet", "amod", "compound", "poss", "nummod", "quantmod", "advmod",
                           "case", "punct", "cc", "nmod", "neg"})
MODIFIER_POS = frozenset({"DET", "ADJ", "NUM", "ADV", "PUNCT", "CCONJ", "PART"})
# Before the verb its auxiliaries also may come between ("curfew was lifted").
AUXILIARY_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# A pattern counts when it matched a noun: the object that makes the verb's code exact.
NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Match:
    code: str                 # the CAMEO code the pattern names
    noun: Token | None        # the object noun the pattern matched, if any
    pattern: str              # the pattern, for the record's "how"


Phrase = tuple[str, ...]
Slot = str | tuple[Phrase, ...]   # a marker, or the phrases that may fill the slot


@dataclass(frozen=True)
class Pattern:
    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str
    text: str                 # "* concern over +"
    words: tuple[frozenset[str], ...]   # the spellings of each one-word slot, to skip fast


def match(verb: Token) -> Match | None:
    """The most specific pattern of ``verb``'s lemma that its clause matches."""
    candidates = _patterns_of(verb)
    if not candidates or _names_its_event_by_noun(verb):
        return None
    clause = _clause(verb)
    left = [t for t in clause if t.i < verb.i]
    right = [t for t in clause if t.i > verb.i]
    seen = {form for token in clause for form in (token.lower_, token.lemma_.lower())}
    best: tuple[int, Pattern, list[Token]] | None = None
    for pattern in candidates:
        if any(spellings.isdisjoint(seen) for spellings in pattern.words):
            continue
        after = _match_after(pattern.after, right)
        if after is None:
            continue
        before = _match_before(pattern.before, left)
        if before is None:
            continue
        matched = before + after
        if not any(t.pos_ in NOUNS for t in matched):
            continue   # "will *", "* up", "* to +": without its noun a pattern names no event
        if best is None or len(matched) > best[0]:
            best = (len(matched), pattern, after)
    if best is None:
        return None
    _, pattern, after = best
    noun = next((t for t in after if t.pos_ in NOUNS), None)
    return Match(pattern.code, noun, pattern.text)


def _names_its_event_by_noun(verb: Token) -> bool:
    """A light verb whose object our own lexicon codes ("held a meeting", "expressed
    regret"): dyads' curated nouns win over PETRARCH's patterns, as its verbs do."""
    lex = lexicon.default()
    if verb.lemma_.lower() not in lex.light_verbs:
        return False
    return any(child.dep_ == "dobj" and (child.lower_ in lex.nouns or child.lemma_.lower() in lex.nouns)
               for child in verb.children)


def _patterns_of(verb: Token) -> Sequence[Pattern]:
    table = _table()
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle and f"{lemma} {particle}" in table:
        return table[f"{lemma} {particle}"]
    return table.get(lemma, ())


def _clause(verb: Token) -> list[Token]:
    """The verb's own clause, in sentence order."""
    excluded: set[int] = set()
    for child in verb.children:
        if child.dep_ in OTHER_CLAUSES:
            excluded.update(t.i for t in child.subtree)
    return [t for t in verb.subtree if t.i not in excluded]


def _word_matches(word: str, token: Token) -> bool:
    return word == token.lower_ or word == token.lemma_.lower() or _singular(word) == token.lemma_.lower()


def _singular(word: str) -> str:
    # pattern words are written as they were met ("sanctions"); the parse gives lemmas
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _phrase_at(phrase: Phrase, tokens: list[Token], at: int) -> bool:
    if at + len(phrase) > len(tokens):
        return False
    start = tokens[at].i
    return all(tokens[at + k].i == start + k and _word_matches(word, tokens[at + k])
               for k, word in enumerate(phrase))


def _match_after(slots: tuple[Slot, ...], tokens: list[Token]) -> list[Token] | None:
    """The tokens the after-slots matched, reading right from the verb; None if they do not."""
    read = _read(slots, tokens, free=False)
    return read[0] if read is not None else None


def _match_before(slots: tuple[Slot, ...], tokens: list[Token]) -> list[Token] | None:
    """The tokens the before-slots matched; the last one must lead to the verb through
    modifiers and auxiliaries only ("the curfew was lifted")."""
    if not slots:
        return []
    read = _read(slots, tokens, free=True)   # a pattern may begin anywhere left of the verb
    if read is None:
        return None
    matched, at = read
    if isinstance(slots[-1], str) or all(_is_modifier(t) or t.dep_ in AUXILIARY_DEPS for t in tokens[at:]):
        return matched
    return None


def _read(slots: tuple[Slot, ...], tokens: list[Token], *, free: bool) -> tuple[list[Token], int] | None:
    """(matched tokens, position after them) for ``slots`` read in order over ``tokens``."""
    matched: list[Token] = []
    at = 0
    for slot in slots:
        if isinstance(slot, str):   # an actor or a skipped phrase: at least one word, any words
            at, free = at + 1, True
            if at > len(tokens):
                return None
            continue
        found = _find(slot, tokens, at, free=free)
        if found is None:
            return None
        start, length = found
        matched.extend(tokens[start:start + length])
        at, free = start + length, False
    return matched, at


def _find(slot: tuple[Phrase, ...], tokens: list[Token], at: int, *, free: bool) -> tuple[int, int] | None:
    """(start, length) of the first phrase of ``slot`` at or after ``at``; unless
    ``free``, only modifiers may be passed over."""
    for start in range(at, len(tokens)):
        for phrase in slot:
            if _phrase_at(phrase, tokens, start):
                return start, len(phrase)
        if not free and not _is_modifier(tokens[start]):
            return None
    return None


def _is_modifier(token: Token) -> bool:
    return token.dep_ in MODIFIER_DEPS or token.pos_ in MODIFIER_POS


# -- the table -------------------------------------------------------------------------


@functools.cache
def _table() -> Mapping[str, tuple[Pattern, ...]]:
    """Verb lemma ("lift", "call for") -> its patterns, most words first."""
    path = resources.files("dyads") / "data" / "verbs" / "petrarch_patterns.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"verbs/petrarch_patterns.tsv: cannot read ({exc})") from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    if header != ["lemmas", "before", "after", "code", "block"]:
        raise DataError(f"verbs/petrarch_patterns.tsv: unexpected columns {header}")
    index: dict[str, list[Pattern]] = {}
    for line in lines[1:]:
        lemmas, before, after, code, _block = line.split("\t")
        pattern = _pattern(before, after, code)
        for lemma in lemmas.split("|"):
            index.setdefault(lemma, []).append(pattern)
    return MappingProxyType({lemma: tuple(sorted(found, key=_size, reverse=True))
                             for lemma, found in index.items()})


def _pattern(before: str, after: str, code: str) -> Pattern:
    before_slots, after_slots = _slots(before), _slots(after)
    words = tuple(
        frozenset({slot[0][0], _singular(slot[0][0])}) for slot in before_slots + after_slots
        if not isinstance(slot, str) and len(slot) == 1
    )
    text = " ".join(part for part in (before, "*", after) if part)
    return Pattern(before_slots, after_slots, code, text, words)


def _slots(side: str) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for slot in side.split():
        if slot in MARKERS:
            slots.append(slot)
        else:
            slots.append(tuple(_phrase(p) for p in slot.split("|")))
    return tuple(slots)


def _phrase(text: str) -> Phrase:
    # spaCy splits "cease-fire" into "cease", "-", "fire"
    words: list[str] = []
    for word in text.split("_"):
        parts = word.split("-")
        for k, part in enumerate(parts):
            if k:
                words.append("-")
            if part:
                words.append(part)
    return tuple(words)


def _size(pattern: Pattern) -> int:
    return sum(min(len(p) for p in slot) for slot in pattern.before + pattern.after
               if not isinstance(slot, str))
