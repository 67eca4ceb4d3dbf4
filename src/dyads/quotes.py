"""Quotes: who said what in an article, as spans of its text.

:func:`find_attributions` reads one parsed article (a spaCy ``Doc``) and returns its
attributions: the reported words (``content``), the words that report them (``cue``:
"said", "has also told", "according to", "called for") and the speaker as written
(``source``: "he", "Hayya", "Palestinian sources"), as character offsets into
``doc.text``. It finds

- direct quotes in straight or curly marks (or NYT's doubled apostrophes), also
  across sentences;
- quotes split by their cue ("“A,” he said. “B.”"), both parts with the one speaker;
- quotes that go on in the next sentence or paragraph with no cue of their own;
- quotations introduced by a clause that ends in a colon, whatever its verb ("Kasich
  resisted: “...”"), and quotations no cue claims, as attributions without a speaker;
- indirect speech ("X said that ...", "X said ...", "according to X, ...", "as X
  reported, ...", any verb with a subject and a "that" clause) and the other
  attributions news writes with a reporting verb ("criticized X", "vowed to", "called
  for", "X seems to") or noun ("X's claim that ...", "his support for X"), from the cue
  lists of ``data/quotes/cues.yaml``.

Span conventions follow PolNeAR (see :mod:`dyads.evaluate_quotes`): the cue is the
verb with its auxiliaries, negation and adverbs ("did not say"), not its object ("told
reporters" has cue "told"); the source is the whole noun phrase with its apposition.

:func:`quote_records` turns them into the quote records of DESIGN.md ("The quote
record"), with each speaker resolved to an actor: a name through the actor base, "he"
or "she" through the last person who spoke, a surname ("Hayya") through the full name
met earlier ("Senior Hamas official Khalil al-Hayya"). Pure: reads its input, the cue
lists and the actor base, nothing else.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Sequence

import yaml

from dyads.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from dyads.actors import Actor, ActorBase

__all__ = ["Attribution", "Quotation", "containing", "find_attributions", "find_quotations",
           "quote_id", "quote_records"]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
HEADLINE = re.compile(r"\s*(?P<who>[A-Z][^\n:]{1,40}?):[ \t]+(?P<what>\S[^\n]*)")
CLAUSES = ("ccomp", "parataxis")
CUE_MODIFIERS = ("aux", "auxpass", "neg", "advmod")
INSERT_MARKS = (",", "\u2014", "--", "-", "\u2013")
UNCLAIMED_WORDS = 4           # fewer quoted words are a term, not a statement
OPENING = "\u201c"
CLOSING = "\u201d"


@dataclass(frozen=True)
class Attribution:
    """One attributed piece of text: what was said, the cue, and who said it."""

    content: tuple[int, int]            # char offsets of the quoted/reported words (marks excluded)
    cue: tuple[int, int] | None         # "said", "has told", "according to"
    source: tuple[int, int] | None      # the speaker mention as written ("he", "Hayya")
    direct: bool                        # inside quotation marks


@dataclass(frozen=True)
class Quotation:
    """Words between quotation marks: ``start``/``end`` exclude the marks,
    ``closed`` is False for a quote left open at the end of its paragraph (news
    style for a quote that goes on in the next one)."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    opening: int = 1          # length of the marks: 1, or 2 for '' (NYT style)
    closing: int = 1

    @property
    def outer(self) -> tuple[int, int]:
        return self.start - self.opening, self.end + (self.closing if self.closed else 0)


@dataclass(frozen=True)
class _Lexicon:
    speech: frozenset[str]
    object: frozenset[str]
    infinitive: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    according: tuple[tuple[str, ...], ...]
    regard: frozenset[str]
    impression: frozenset[str]
    expected: frozenset[str]
    lemma_fixes: dict[str, str]
    not_cues: frozenset[str]
    nouns: frozenset[str]
    noun_phrasal: dict[str, frozenset[str]]

    def is_cue(self, lemma: str) -> bool:
        return (lemma in self.speech or lemma in self.object or lemma in self.infinitive
                or lemma in self.phrasal or lemma in self.regard)

    def lemma(self, token: "Token") -> str:
        lemma = token.lemma_.lower()
        return self.lemma_fixes.get(lemma, lemma)


@functools.cache
def _lexicon() -> _Lexicon:
    path = resources.files("dyads") / "data" / "quotes" / "cues.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"data/quotes/cues.yaml: cannot read ({exc})") from exc
    return _Lexicon(
        speech=frozenset(raw["speech"]),
        object=frozenset(raw["object"]),
        infinitive=frozenset(raw["infinitive"]),
        phrasal={verb: frozenset(preps) for verb, preps in raw["phrasal"].items()},
        according=tuple(tuple(p.split()) for p in raw["according"]),
        regard=frozenset(raw["regard"]),
        impression=frozenset(raw["impression"]),
        expected=frozenset(raw["expected"]),
        lemma_fixes=dict(raw.get("lemma_fixes") or {}),
        not_cues=frozenset(raw.get("not_cues") or ()),
        nouns=frozenset(raw.get("nouns") or ()),
        noun_phrasal={noun: frozenset(preps) for noun, preps in (raw.get("noun_phrasal") or {}).items()},
    )


# -- quotation marks ---------------------------------------------------------------------


def find_quotations(text: str) -> list[Quotation]:
    """Spans between quotation marks (curly, straight, or NYT's doubled apostrophes),
    in text order. A quote may cross sentences but not paragraphs; one left open at a
    paragraph's end is kept (``closed=False``): the next paragraph usually goes on
    with it."""
    found: list[Quotation] = []
    offset = 0
    for index, paragraph in enumerate(text.split("\n")):
        found.extend(_paragraph_quotations(paragraph, offset, index))
        offset += len(paragraph) + 1
    return found


_MARK = re.compile(r"''|[\u201c\u201d\"]")


def _paragraph_quotations(paragraph: str, offset: int, index: int) -> list[Quotation]:
    out: list[Quotation] = []
    opened: re.Match | None = None
    for mark in _MARK.finditer(paragraph):
        kind = mark.group()
        if opened is None:
            if kind != CLOSING:       # a stray closing mark ends a quote of an earlier paragraph
                opened = mark
            continue
        first = opened.group()
        if kind == OPENING:
            opened = mark             # two openings in a row: the first was never closed
            continue
        if (first == "''") != (kind == "''"):
            continue                  # a mark of another style inside the quote
        # a curly opening closed by a straight mark (or the reverse) is common enough
        # in wire copy to count as one quote
        if mark.start() > opened.end():
            out.append(Quotation(offset + opened.end(), offset + mark.start(), index,
                                 opening=len(first), closing=len(kind)))
        opened = None
    if opened is not None:
        end = len(paragraph.rstrip())
        if end > opened.end():
            out.append(Quotation(offset + opened.end(), offset + end, index, closed=False,
                                 opening=len(opened.group())))
    return out


# -- attributions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Article:
    """One parsed article with what every rule needs: its text (read once, since
    ``Doc.text`` is rebuilt on each access), quotations and paragraph breaks."""

    doc: "Doc"
    text: str
    quotes: tuple[Quotation, ...]
    newlines: tuple[int, ...]

    @classmethod
    def of(cls, doc: "Doc") -> _Article:
        text = doc.text
        # a run of line breaks ("\n\n" between paragraphs) is one paragraph break
        return cls(doc, text, tuple(find_quotations(text)),
                   tuple(i for i, c in enumerate(text) if c == "\n" and (i == 0 or text[i - 1] != "\n")))

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset)

    def inside_quote(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quotes)


@dataclass
class _Found:
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    contents: list[tuple[int, int, bool]] = field(default_factory=list)
    anchor: int = 0                   # char offset of the cue word, for ordering
    sentence_wide: bool = False       # "according to": reports its whole sentence


def find_attributions(doc: "Doc") -> list[Attribution]:
    """Every attribution of a parsed article, in text order of its content."""
    lex = _lexicon()
    art = _Article.of(doc)
    found: list[_Found] = []
    for token in doc:
        item = (_according(token, lex, art) or _impression(token, lex, art)
                or _verb(token, lex, art) or _noun(token, lex, art))
        if item is not None and item.contents:
            found.append(item)
    headline = _headline(art)
    if headline is not None:
        found.append(headline)
    found = _outermost(found)
    found.extend(_introduced_by_colon(found, art))
    _continuations(found, art)
    found.extend(_unclaimed_quotations(found, art))
    out = [Attribution((start, end), item.cue, item.source, direct)
           for item in found for start, end, direct in item.contents]
    return sorted(set(out), key=lambda a: (a.content, a.cue or (0, 0)))


def _verb(token: "Token", lex: _Lexicon, art: _Article) -> _Found | None:
    lemma = lex.lemma(token)
    if token.pos_ != "VERB" and not (token.pos_ == "AUX" and lex.is_cue(lemma)):
        return None
    if not (lex.is_cue(lemma) or _reports_a_that_clause(token, lex)):
        return None
    if art.inside_quote(token.idx):
        return None           # a verb inside a quotation belongs to the quoted speaker
    subject, passive = _subject(token)
    contents, prep = _content(token, lemma, lex, art, passive=passive)
    if not contents and lex.is_cue(lemma):
        contents = _after_colon(token, art)
    if not contents:
        return None
    source = None
    if passive or subject is None:
        agent = _agent(token)     # "as reported by X" has an agent and no subject
        source = _source_span(agent) if agent is not None else None
    elif subject is not None:
        source = _source_span(subject)
    if source is None and not (any(direct for _, _, direct in contents)
                               or any(c.dep_ == "ccomp" for c in token.children)):
        return None
    cue = _cue_span(token, prep)
    if source is not None and (_overlaps(source, contents) or art.inside_quote(source[0])
                               or art.inside_quote(source[1] - 1)):
        return None           # "The “resistance” refers to ...": a quoted term, not a speaker
    return _Found(cue, source, contents, token.idx)


def _noun(token: "Token", lex: _Lexicon, art: _Article) -> _Found | None:
    """ "Rubio's claim to be the alternative", "the assertion by aides that taxes will
    fall", "his support for Trump": a noun of saying or intending with its clause (or,
    for a noun of taking sides, its preposition's object) as content."""
    if token.pos_ != "NOUN" or art.inside_quote(token.idx):
        return None
    lemma = lex.lemma(token)
    if lemma not in lex.nouns and lemma not in lex.noun_phrasal:
        return None
    speaker = next((c for c in token.children if c.dep_ == "poss"), None)
    if speaker is None:
        by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        speaker = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    tokens: list[Token] = []
    prep = None
    if lemma in lex.nouns:
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i
                       and _that_or_to(c)), None)
        tokens = list(clause.subtree) if clause is not None else []
    if not tokens and lemma in lex.noun_phrasal and speaker is not None:
        prep = next((c for c in token.children if c.dep_ == "prep"
                     and c.lower_ in lex.noun_phrasal[lemma]), None)
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None else []
        tokens = [t for o in objects for t in o.subtree]
    contents = _as_content(tokens, art, token)
    if not contents:
        return None
    source = _source_span(speaker) if speaker is not None else None
    if source is not None and _overlaps(source, contents):
        return None
    end = prep if prep is not None and prep.i == token.i + 1 else token
    return _Found((token.idx, end.idx + len(end)), source, contents, token.idx)


def _that_or_to(clause: "Token") -> bool:
    return any((c.dep_ == "mark" and c.lower_ == "that") or (c.dep_ == "aux" and c.lower_ == "to")
               for c in clause.children)


def _after_colon(verb: "Token", art: _Article) -> list[tuple[int, int, bool]]:
    """ "The statement said: the talks will resume", "Trump tweeted: ...": with no
    complement, what follows a colon right after the cue, to the end of its paragraph."""
    doc = verb.doc
    for token in doc[verb.i + 1: min(len(doc), verb.i + 7)]:
        if token.is_space and "\n" in token.text:
            return []
        if token.text == ":":
            rest = []
            for after in doc[token.i + 1:]:
                if after.is_space and "\n" in after.text:
                    if rest:
                        break
                    continue      # "Cruz continued:" and the words in the next paragraph
                rest.append(after)
            span = _trim(rest, art)
            if span is None or art.inside_quote(span[0]):
                return []     # a quotation after the colon is found as a quotation
            return [(span[0], span[1], False)]
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return []
    return []


def _reports_a_that_clause(verb: "Token", lex: _Lexicon) -> bool:
    """A verb outside the cue lists that takes a subject and a "that" clause ("X
    realized that ...", "X warned the public that ...") reports what X said or thought."""
    if lex.lemma(verb) in lex.not_cues or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children)


def _subject(verb: "Token") -> tuple["Token | None", bool]:
    """The subject of the cue verb, borrowed from the governing verb for "..., saying"
    and for a second verb of a coordination ("met and said")."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        if node.dep_ == "conj" or (node.dep_ in ("advcl", "xcomp") and node.tag_ == "VBG"):
            node = node.head
            continue
        break
    return None, False


def _agent(verb: "Token") -> "Token | None":
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _content(verb: "Token", lemma: str, lex: _Lexicon, art: _Article, *,
             passive: bool) -> tuple[list[tuple[int, int, bool]], "Token | None"]:
    """What the cue verb reports, as (start, end, direct) spans, and the preposition
    of a phrasal cue ("called for")."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSES]
    if clauses and (lemma in lex.speech or _reports_a_that_clause(verb, lex)):
        tokens = [t for c in clauses for t in c.subtree]
        return _as_content(tokens, art, verb), None
    if lemma in lex.speech and (verb.dep_ == "parataxis" or _as_clause(verb)):
        # "“A,” he said, “B”" and "As the Atlantic noted, trust is collapsing": the cue
        # hangs off the clause it reports
        tokens = [t for t in verb.head.subtree if t not in set(verb.subtree)]
        return _as_content(tokens, art, verb), None
    if lemma in lex.speech:
        adjacent = _adjacent_quotes(verb, art)
        if adjacent:
            return [(q.start, q.end, True) for q in adjacent], None
    if lemma in lex.infinitive:
        for child in verb.children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                tokens = list(child.subtree)
                return _as_content(tokens, art, verb), None
    if lemma in lex.phrasal:
        for child in verb.children:
            if child.dep_ in ("prep", "prt") and child.lower_ in lex.phrasal[lemma]:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if not objects:
                    continue
                direct_object = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
                if direct_object is not None:
                    # "accused him of lying": the cue is the verb, the rest is content
                    tokens = list(verb.doc[direct_object.left_edge.i:child.right_edge.i + 1])
                    return _as_content(tokens, art, verb), None
                tokens = [t for o in objects for t in o.subtree]
                return _as_content(tokens, art, verb), child
    if lemma in lex.regard:
        # "sees Cruz as a uniter": the object and its "as" phrase
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        as_phrase = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if obj is not None and as_phrase is not None and obj.i < as_phrase.i:
            tokens = list(verb.doc[obj.left_edge.i:as_phrase.right_edge.i + 1])
            return _as_content(tokens, art, verb), None
    if lemma in lex.object:
        if passive:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and _agent(verb) is not None:
                tokens = list(subject.subtree)
                return _as_content(tokens, art, verb), None
            return [], None
        objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
        if objects:
            start = min(o.left_edge.i for o in objects)
            # "called Trump “unhinged”": the object and its predicate go together
            # ... and so do "described the party as a highway"
            end = max([o.right_edge.i for o in objects]
                      + [c.right_edge.i for c in verb.children if c.i > start and (
                          c.dep_ in ("oprd", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"))])
            tokens = list(verb.doc[start:end + 1])
            return _as_content(tokens, art, verb), None
    return [], None


def _as_clause(verb: "Token") -> bool:
    """An "as" clause that reports its main clause ("as X said", "as reported by X"),
    not its own complement."""
    return (verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and not any(c.dep_ in CLAUSES + ("dobj",) for c in verb.children))


def _as_content(tokens: Sequence["Token"], art: _Article,
                verb: "Token") -> list[tuple[int, int, bool]]:
    """Content spans for the tokens of a complement: the quotations when the words
    outside them are only punctuation and "that", else the trimmed clause."""
    if not tokens:
        return []
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    inside = [q for q in art.quotes if q.start < end and start < q.end]
    if inside:
        covered = [t for t in tokens if not any(q.start - 1 <= t.idx < q.end + 1 for q in inside)]
        loose = [t for t in covered if not (t.is_punct or t.lower_ == "that" or t.is_space)]
        if not loose:
            return [(q.start, q.end, True) for q in inside]
    out = []
    paragraph = art.paragraph(verb.idx)
    for run in _runs(tokens):
        run = [t for t in run if art.paragraph(t.idx) == paragraph]
        span = _trim(run, art)
        if span is None:
            continue
        if span[0] <= verb.idx < span[1]:
            return []         # a parse that puts the cue inside its own content
        out.append((span[0], span[1], False))
    return out


def _runs(tokens: Sequence["Token"]) -> list[list["Token"]]:
    """Tokens split into runs of consecutive tokens ("X, according to Y, did Z" has
    two), never across a paragraph break."""
    runs: list[list[Token]] = []
    for token in sorted(set(tokens), key=lambda t: t.i):
        if token.is_space and "\n" in token.text:
            runs.append([])
        elif runs and runs[-1] and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [run for run in runs if run]


def _adjacent_quotes(verb: "Token", art: _Article) -> list[Quotation]:
    """Quotations right next to a clause that has no complement of its own:
    "“A,” he said." (before), "He said: “A.”" (after), or both parts of a split quote."""
    sent = verb.sent
    text = art.text
    left = min([verb.idx] + [t.idx for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree])
    right = max([verb.idx + len(verb)] + [t.idx + len(t) for c in verb.children
                                          if c.dep_ in SUBJECTS + ("dative", "npadvmod", "advmod", "prep", "dobj")
                                          for t in c.subtree])
    out = []
    for q in art.quotes:
        outer_start, outer_end = q.outer
        if outer_end <= left and outer_end >= sent.start_char - 2:
            gap = text[outer_end:left]
            if gap.strip(" ,\u2014\u2013-") == "" and "\n" not in gap:
                out.append(q)
        elif outer_start >= right:
            gap = text[right:outer_start]
            if gap.strip(" ,:\u2014\u2013-") == "" and "\n" not in gap:
                out.append(q)
    return out


def _according(token: "Token", lex: _Lexicon, art: _Article) -> _Found | None:
    """"according to X, ...": cue "according to", source X, content the clause."""
    for words in lex.according:
        if token.lower_ != words[0] or token.i + len(words) > len(token.doc):
            continue
        tail = token.doc[token.i:token.i + len(words)]
        if [t.lower_ for t in tail] != list(words):
            continue
        last = tail[-1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if not objects or art.inside_quote(token.idx):
            return None
        phrase = set(token.subtree) | set(tail) | {t for o in objects for t in o.subtree}
        # the phrase reports the whole sentence, even when the parser hangs it on a
        # subordinate verb ("X said Y, according to Z")
        tokens = [t for t in token.sent if t not in phrase]
        contents = _as_content(tokens, art, token)
        if not contents:
            return None
        source = _source_span(objects[0])
        cue = (token.idx, last.idx + len(last))
        return _Found(cue, source, contents, token.idx, sentence_wide=True)
    return None


def _impression(token: "Token", lex: _Lexicon, art: _Article) -> _Found | None:
    """"X seems to Y", "X appears weak", "X is expected to Y": an attribution with no
    speaker whose content is the subject and its complement, in two pieces."""
    if token.pos_ not in ("VERB", "AUX") or art.inside_quote(token.idx):
        return None
    lemma = lex.lemma(token)
    if lemma in lex.impression:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        complements = [c for c in token.children if c.dep_ in ("xcomp", "acomp")]
    elif lemma in lex.expected:
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        complements = [c for c in token.children if c.dep_ == "xcomp"]
    else:
        return None
    if subject is None or not complements or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None
    contents = []
    for part in (subject, complements[0]):
        span = _trim(sorted(part.subtree, key=lambda t: t.i), art)
        if span is None:
            return None
        contents.append((span[0], span[1], False))
    return _Found(_cue_span(token, None), None, contents, token.idx)


def _headline(art: _Article) -> _Found | None:
    """A title line "Graham: Trump's rhetoric destroying GOP's chance": the name
    before the colon said the rest."""
    text, doc = art.text, art.doc
    match = HEADLINE.match(text)
    if match is None or any(c.isdigit() for c in match.group("who")):
        return None
    who_start, who_end = match.span("who")
    names = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")
             and who_start <= e.start_char and e.end_char <= who_end]
    if not names or sum(e.end_char - e.start_char for e in names) < (who_end - who_start) // 2:
        return None
    what_start, what_end = match.span("what")
    what = text[what_start:what_end].rstrip()
    what = what[:-1] if what.endswith(".") else what
    if not what:
        return None
    colon = match.end("who")
    return _Found((colon, colon + 1), (who_start, who_end),
                  [(what_start, what_start + len(what), False)], colon)


def _cue_span(verb: "Token", prep: "Token | None") -> tuple[int, int]:
    """The verb with its auxiliaries, negation and adverbs right before it ("has also
    said", "did not say"), the particle or preposition of a phrasal cue ("called
    for"), and a colon that opens the quote ("said:")."""
    doc = verb.doc
    start = verb.i
    lefts = {c.i: c for c in verb.children if c.dep_ in CUE_MODIFIERS and c.i < verb.i}
    while start - 1 in lefts:
        start -= 1
    end = verb.i
    for child in verb.children:
        if child.i == end + 1 and child.dep_ == "prt":
            end = child.i
    if prep is not None and prep.i > end:
        end = prep.i
    if end + 1 < len(doc) and doc[end + 1].text == ":":
        end += 1
    return doc[start].idx, doc[end].idx + len(doc[end])


def _source_span(head: "Token") -> tuple[int, int] | None:
    """The speaker's noun phrase as PolNeAR marks it: within its paragraph, with the
    bracket or the comma (dash) that closes an inserted phrase ("Kevin Brady,
    chairman of the committee, said")."""
    tokens = sorted(head.subtree, key=lambda t: t.i)
    for run in _paragraph_runs(tokens):
        if head in run:
            tokens = run
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or (tokens[-1].is_punct and not _closes(tokens[-1], tokens))):
        tokens = tokens[:-1]
    if not tokens:
        return None
    doc = head.doc
    last = tokens[-1]
    inserted = [t for t in tokens[1:] if t.text in INSERT_MARKS]
    if inserted and last.i + 1 < len(doc) and doc[last.i + 1].text == inserted[0].text:
        last = doc[last.i + 1]
    return tokens[0].idx, last.idx + len(last)


def _closes(token: "Token", tokens: Sequence["Token"]) -> bool:
    pairs = {")": "(", "]": "["}
    return token.text in pairs and any(t.text == pairs[token.text] for t in tokens)


def _paragraph_runs(tokens: Sequence["Token"]) -> list[list["Token"]]:
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if token.is_space and "\n" in token.text:
            runs.append([])
        else:
            runs[-1].append(token)
    return [r for r in runs if r]


def _trim(tokens: list["Token"], art: _Article) -> tuple[int, int] | None:
    """Token span without edge punctuation, except the marks of a quote that the
    span opens or closes (PolNeAR keeps '... was "Mexican."' whole)."""
    if not tokens:
        return None
    doc = tokens[0].doc
    text = art.text
    start_i, end_i = tokens[0].i, tokens[-1].i
    while start_i <= end_i and (doc[start_i].is_punct or doc[start_i].is_space
                                or (doc[start_i].dep_ == "cc" and doc[start_i].is_sent_start)):
        start_i += 1          # "But California has seen ..., he said": not the "But"
    while end_i >= start_i and (doc[end_i].is_punct or doc[end_i].is_space):
        end_i -= 1
    if start_i > end_i:
        return None
    start, end = doc[start_i].idx, doc[end_i].idx + len(doc[end_i])
    for q in art.quotes:
        outer_start, outer_end = q.outer
        if q.closed and start <= outer_start < end <= q.end:
            end = outer_end   # the clause opens a quote: it goes on to the closing mark
        if q.start <= start < q.end and outer_start < start and not text[outer_start + q.opening:start].strip():
            start = outer_start
    return start, end


def _overlaps(span: tuple[int, int], contents: Sequence[tuple[int, int, bool]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end, _ in contents)


def _outermost(found: list[_Found]) -> list[_Found]:
    """Attributions are univocal: a cue inside another attribution's content is part
    of what the outer speaker said, not a separate attribution. When two contain each
    other's cue ("X said Y, according to Z"), the wider one is the outer one."""
    def holds(outer: _Found, offset: int) -> bool:
        return any(s <= offset < e for s, e, _ in outer.contents)

    def width(item: _Found) -> tuple[bool, int]:
        return item.sentence_wide, sum(e - s for s, e, _ in item.contents)

    keep = []
    for item in found:
        inside = [other for other in found if other is not item and holds(other, item.anchor)]
        if all(holds(item, other.anchor) and width(item) > width(other) for other in inside):
            keep.append(item)
    return keep


def _continuations(found: list[_Found], art: _Article) -> None:
    """Give an unattributed quotation to the speaker of the direct quote just before
    it, when it opens a sentence in the same or the next paragraph, with no other cue
    between ("“A,” he said. “B.”")."""
    taken = [(s, e) for item in found for s, e, _ in item.contents]
    taken += [item.source for item in found if item.source]
    ordered = sorted(found, key=lambda item: item.anchor)
    for q in art.quotes:
        if any(s < q.end and q.start < e for s, e in taken):
            continue
        before = [item for item in ordered if item.anchor < q.start and
                  any(direct for _, _, direct in item.contents)]
        if not before:
            continue
        last = before[-1]
        # "“A,” he said, referring to X. “B.”": a cue of the same speaker in between
        # (a participle that borrows his subject) does not end his turn
        if any(last.anchor < item.anchor < q.start and item.source != last.source
               for item in ordered):
            continue
        last_end = max(e for _, e, _ in last.contents)
        if art.paragraph(q.start) - art.paragraph(last_end) > 1 or q.start - last_end > 400:
            continue
        split = last.cue is not None and last_end <= last.cue[0] and last.cue[1] <= q.start < last.cue[1] + 150
        if not (split or _opens_sentence(q, art) or len(art.text[q.start:q.end].split()) >= 4):
            continue
        last.contents.append((q.start, q.end, True))
        taken.append((q.start, q.end))


def _claimed(found: Sequence[_Found]) -> list[tuple[int, int]]:
    return [(s, e) for item in found for s, e, _ in item.contents]


def _introduced_by_colon(found: Sequence[_Found], art: _Article) -> list[_Found]:
    """ "Kasich resisted: “Ohio governors do not ...”", "She recites the line: “...”":
    a clause that ends in a colon and opens a quotation introduces what its subject
    said, whatever its verb."""
    doc, text = art.doc, art.text
    taken = _claimed(found)
    out = []
    for q in art.quotes:
        if any(s < q.end and q.start < e for s, e in taken):
            continue
        outer_start = q.outer[0]
        before = text[:outer_start].rstrip(" \t\u00a0")
        if not before.endswith(":"):
            continue
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None or colon[0].text != ":":
            continue
        verb = colon[0].head
        if verb.pos_ not in ("VERB", "AUX") or verb.i > colon[0].i or art.inside_quote(verb.idx):
            continue
        subject, passive = _subject(verb)
        if subject is None or passive:
            continue
        source = _source_span(subject)
        if source is None or art.inside_quote(source[0]):
            continue
        cue = _cue_span(verb, None)
        out.append(_Found(cue, source, [(q.start, q.end, True)], verb.idx))
    return out


def _unclaimed_quotations(found: Sequence[_Found], art: _Article) -> list[_Found]:
    """A quotation of a sentence's worth of words that no cue claims is still someone's
    words (PolNeAR marks it as content): it is an attribution whose speaker the rules
    cannot tell. Short quoted terms and titles ("“Tales From the Crypt”") are not."""
    taken = _claimed(found)
    out = []
    for q in art.quotes:
        if any(s < q.end and q.start < e for s, e in taken):
            continue
        words = art.text[q.start:q.end].split()
        if len(words) < UNCLAIMED_WORDS or _title_case(words):
            continue
        out.append(_Found(None, None, [(q.start, q.end, True)], q.start))
    return out


def _title_case(words: Sequence[str]) -> bool:
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals * 2 > len(words)


def _opens_sentence(q: Quotation, art: _Article) -> bool:
    """A quotation that opens a sentence (not a phrase quoted inside one)."""
    before = art.text[max(0, q.start - q.opening - 3):q.start - q.opening]
    opens = not before.strip() or before.rstrip()[-1:] in ".?!\u201d\"'"
    return opens


# -- quote records -----------------------------------------------------------------------------

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "we", "them", "us"})


def quote_id(doc_id: str, start: int, end: int) -> str:
    """The stable id of the quote whose content is ``[start, end)`` of a document;
    events coded inside that content carry it as ``quote_id``."""
    return hashlib.sha1(f"{doc_id}|{start}|{end}".encode("utf-8")).hexdigest()[:16]


def containing(attributions: Sequence[Attribution], offset: int) -> Attribution | None:
    """The attribution whose content holds a character offset (an event's predicate)."""
    for a in attributions:
        if a.content[0] <= offset < a.content[1]:
            return a
    return None


@dataclass
class _Speaker:
    actor: "Actor | None"
    name: str | None
    mention: str


def quote_records(doc: "Doc", *, doc_id: str, date: str | None = None,
                  actors: "ActorBase | None" = None,
                  attributions: Sequence[Attribution] | None = None) -> list[dict]:
    """The quote records of one parsed article, speakers resolved to actors."""
    from dyads.actors import ActorBase
    from dyads.discourse import person_keys

    base = actors or ActorBase.default()
    text = doc.text
    found = list(attributions) if attributions is not None else find_attributions(doc)
    known: dict[str, _Speaker] = {}
    last_person: _Speaker | None = None
    last_group: _Speaker | None = None
    records = []
    for a in sorted(found, key=lambda a: (a.source or a.cue or a.content)[0]):
        speaker = None
        if a.source is not None:
            mention = text[a.source[0]:a.source[1]]
            lower = mention.lower()
            if lower in PERSON_PRONOUNS:
                speaker = last_person
            elif lower in GROUP_PRONOUNS:
                speaker = last_group
            else:
                speaker = _named_speaker(doc, a.source, mention, base, date, known, person_keys)
                if speaker is not None and speaker.name:
                    last_person = speaker
                elif speaker is not None and speaker.actor is not None:
                    last_group = speaker
        records.append(_record(text, doc_id, a, speaker))
    return records


def _named_speaker(doc: "Doc", span: tuple[int, int], mention: str, base: "ActorBase",
                   date: str | None, known: dict[str, _Speaker], person_keys) -> _Speaker | None:
    actor = base.resolve(mention, date=date)
    person = actor.person if actor is not None else None
    if person is None:
        names = [e.text for e in doc.ents if e.label_ == "PERSON"
                 and span[0] <= e.start_char and e.end_char <= span[1]]
        person = names[-1] if names else None
    if person is not None:
        for key in person_keys(person):
            if key in known and (actor is None or known[key].actor == actor or actor.kind == "person"):
                return known[key]    # "Hayya" after "Senior Hamas official Khalil al-Hayya"
    if actor is None and person is None:
        return None
    speaker = _Speaker(actor, person, mention)
    if person is not None:
        for key in person_keys(person):
            known.setdefault(key, speaker)
    return speaker


def _record(text: str, doc_id: str, a: Attribution, speaker: _Speaker | None) -> dict:
    start, end = a.content
    cue = None if a.cue is None else {"text": text[a.cue[0]:a.cue[1]], "start": a.cue[0], "end": a.cue[1]}
    who = None
    if a.source is not None:
        mention = text[a.source[0]:a.source[1]]
        actor = speaker.actor if speaker else None
        who = {"text": mention, "start": a.source[0], "end": a.source[1],
               "code": actor.code if actor else None,
               "name": (speaker.name or (actor.name if actor else None)) if speaker else None,
               "resolved_from": speaker.mention if speaker and speaker.mention != mention else None}
    return {"quote_id": quote_id(doc_id, start, end), "doc_id": doc_id, "text": text[start:end],
            "start": start, "end": end, "direct": a.direct, "cue": cue, "speaker": who}
