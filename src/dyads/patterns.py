"""Verb patterns: a verb with the words that follow it names an exact CAMEO code
("lifted the embargo" 085, "expressed condolences" 018).

The table is built from PETRARCH2's verb patterns by tools/build_codebook.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class Match:
    code: str                 # the CAMEO code the pattern names
    noun: Token | None        # the object noun the pattern matched, if any
    pattern: str              # the pattern, for the record's "how"


def match(verb: Token) -> Match | None:
    """The most specific pattern of ``verb``'s lemma that its clause matches."""
    return None
