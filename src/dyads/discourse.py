"""Discourse state of one article: who "he", "we" and "the group" are, and who is quoted.

The events stage walks an article's sentences in order and keeps one
:class:`Discourse`. It remembers the people named so far (so "Hayya" after
"Senior Hamas official Khalil al-Hayya" is Hamas), the last speaker (so "he told
reporters" is the person who spoke last), the last group named ("the group"), the
governments already in the story (so a bare "Syria" after "Syrian President Bashar
Assad" is that government), and the quotation spans with their speakers (so "we"
inside a quote is the speaker's side). Pure state: no I/O.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dyads.actors import Actor

QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'))


@dataclass(frozen=True)
class ActorRef:
    """An actor as one mention in the text names it."""

    actor: Actor
    text: str
    start: int
    end: int
    via: str = "name"          # name | coreference | promotion | quote speaker

    def record(self) -> dict:
        a = self.actor
        record = {"code": a.code, "name": a.name, "country": a.country, "sector": a.sector,
                  "group": a.group, "text": self.text}
        if a.ner:
            record["ner"] = a.ner   # a name the actor base does not know
        return record


@dataclass
class QuoteSpan:
    start: int                 # offsets of the quoted words, marks excluded
    end: int
    paragraph: int
    speaker: ActorRef | None = None


@dataclass
class Discourse:
    text: str
    persons: dict[str, Actor] = field(default_factory=dict)
    governments: dict[str, ActorRef] = field(default_factory=dict)   # first mention of each
    last_speaker: ActorRef | None = None
    last_person: ActorRef | None = None
    last_group: ActorRef | None = None
    last_subject: ActorRef | None = None     # last non-person subject ("it")
    recent: list[ActorRef] = field(default_factory=list)   # every actor mention, in text order
    quote_spans: list[tuple[int, int]] | None = None   # from dyads.quotes; found here if None
    quotes: list[QuoteSpan] = field(default_factory=list)
    _breaks: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.quote_spans is None:
            self.quotes = find_quotes(self.text, self._paragraph_of)
        else:
            self.quotes = sorted((QuoteSpan(start, end, self._paragraph_of(start))
                                  for start, end in self.quote_spans), key=lambda q: q.start)

    # -- paragraphs and quotes -------------------------------------------------
    def _paragraph_of(self, offset: int) -> int:
        # A run of line breaks is one paragraph break, as in dyads.quotes.
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer(r"\n+", self.text)]
        return bisect.bisect_left(self._breaks, offset)

    def paragraph(self, offset: int) -> int:
        return self._paragraph_of(offset)

    def quote_at(self, offset: int) -> QuoteSpan | None:
        for quote in self.quotes:
            if quote.start <= offset < quote.end:
                return quote
        return None

    def attribute(self, start: int, end: int, speaker: ActorRef) -> None:
        """Give the quotes inside [start, end) this speaker, and the unattributed
        quotes that continue them in the same paragraph."""
        for i, quote in enumerate(self.quotes):
            if start <= quote.start and quote.end <= end and quote.speaker is None:
                quote.speaker = speaker
                for later in self.quotes[i + 1:]:
                    if later.paragraph != quote.paragraph or later.speaker is not None:
                        break
                    later.speaker = speaker

    # -- remembering actors -----------------------------------------------------
    def remember(self, ref: ActorRef, *, person: str | None, subject: bool) -> None:
        actor = ref.actor
        if not any(r.start == ref.start and r.end == ref.end for r in self.recent[-8:]):
            self.recent.append(ref)
            self.recent.sort(key=lambda r: r.start)
        if person:
            for key in person_keys(person):
                self.persons.setdefault(key, actor)
            if subject and self.quote_at(ref.start) is None:
                self.last_person = ref
        if subject and not person and actor.kind != "person" and self.quote_at(ref.start) is None:
            self.last_subject = ref
        if actor.kind == "group" or (actor.group and actor.sector in ("REB", "PTY", "OPP")):
            self.last_group = ref
        if actor.sector == "GOV" and actor.country and len(actor.code) == 6 and actor.kind != "capital":
            self.governments.setdefault(actor.country, ref)

    def person(self, name: str) -> Actor | None:
        for key in person_keys(name):
            if key in self.persons:
                return self.persons[key]
        return None

    def promote(self, ref: ActorRef) -> ActorRef:
        """A bare country whose government the story has already named is that
        government ("Syria" after "Syrian President Bashar Assad"). A government
        named only later ("Jordan agreed ..., a Jordanian official said") does not
        make the country that government: the country stays the country."""
        actor = ref.actor
        gov = self.governments.get(actor.country) if actor.kind == "country" else None
        if gov is not None and actor.code == actor.country and gov.start < ref.start:
            return ActorRef(gov.actor, ref.text, ref.start, ref.end, "promotion")
        return ref


def person_keys(name: str) -> list[str]:
    """Keys under which a person is remembered: full name and surname, with the
    Arabic article dropped so "al-Hayya", "Hayya" and "el-Hayya" meet."""
    clean = re.sub(r"\b(al|el|ad|as|ash|an)[-\s]", "", name.lower()).strip()
    parts = [p for p in re.split(r"[\s\-]+", clean) if p]
    keys = [" ".join(parts)]
    if len(parts) > 1:
        keys.append(parts[-1])
    return keys


def find_quotes(text: str, paragraph_of) -> list[QuoteSpan]:
    """Quotation spans (curly or straight marks), possibly spanning sentences but
    never paragraphs."""
    spans: list[QuoteSpan] = []
    for opening, closing in QUOTE_PAIRS:
        pos = 0
        while True:
            start = text.find(opening, pos)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            newline = text.find("\n", start + 1)
            if end < 0 or (0 <= newline < end):
                pos = start + 1 if end < 0 else newline
                continue
            spans.append(QuoteSpan(start + 1, end, paragraph_of(start)))
            pos = end + 1
        if spans:
            break
    return sorted(spans, key=lambda q: q.start)
