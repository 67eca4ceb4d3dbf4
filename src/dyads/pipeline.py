"""The pipeline: documents in, coded documents out, bad documents reported.

This is the library entry point the CLI, the web layer and the scale path call:
:func:`code_inputs` reads paths, parses with spaCy in batches and codes events;
:func:`ingest` does the same and writes to the store. A bad document becomes a
:class:`~dyads.ingest.Problem` in the stream and never stops the batch.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from dyads import events as events_mod, nlp, quotes as quotes_mod
from dyads.errors import BadDocument, DyadsError
from dyads.ingest import Document, Problem, read_inputs

BATCH = 32
MAX_CHARS = 1_000_000
ACTOR_ENTITIES = ("GPE", "NORP", "ORG", "PERSON")


@dataclass(frozen=True)
class CodeOptions:
    """Options for coding a batch."""

    date: str | None = None              # overrides every document's own date
    min_confidence: float = 0.0
    actor_files: tuple[str, ...] = ()    # user YAML actor files added to the actor base
    # the event classifier of the [ml] extra joins the rules when it is installed;
    # DYADS_CLASSIFIER=0 (or --rules-only) keeps the rules alone
    classifier: bool = field(default_factory=lambda: os.environ.get("DYADS_CLASSIFIER", "1") != "0")


@dataclass
class CodedDocument:
    document: Document
    sentences: list[dict]
    events: list[dict]
    quotes: list[dict] = field(default_factory=list)


@dataclass
class IngestReport:
    documents: int = 0
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.fatal)


def code_text(text: str, *, doc_id: str = "text", date: str | None = None) -> list[dict]:
    """Code one text (the simplest library call)."""
    document = Document(doc_id=doc_id, text=text, date=date, origin=doc_id)
    return code_documents([document]).__next__().events


def code_documents(documents: Iterable[Document], *, options: CodeOptions | None = None) -> Iterator[CodedDocument | Problem]:
    """Parse and code documents in batches; a document that fails becomes a Problem."""
    options = options or CodeOptions()   # made per call: DYADS_CLASSIFIER is read now
    pipeline = nlp.load()
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= BATCH:
            yield from _code_batch(pipeline, batch, options)
            batch = []
    if batch:
        yield from _code_batch(pipeline, batch, options)


def code_inputs(paths: Iterable[str | os.PathLike], *, options: CodeOptions | None = None,
                stdin=None) -> Iterator[CodedDocument | Problem]:
    """Read every input path and code every good document, in input order."""
    options = options or CodeOptions()
    pending: list[Document] = []
    for item in read_inputs(paths, date=options.date, stdin=stdin):
        if isinstance(item, Problem):
            if pending:
                yield from code_documents(pending, options=options)
                pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= BATCH:
            yield from code_documents(pending, options=options)
            pending = []
    if pending:
        yield from code_documents(pending, options=options)


@functools.lru_cache(maxsize=4)
def _user_actor_base(files: tuple[str, ...]):
    from dyads.actors import ActorBase

    return ActorBase.load(extra=list(files), user=True)


def _actor_base(options: CodeOptions):
    from dyads.actors import ActorBase

    return _user_actor_base(options.actor_files) if options.actor_files else ActorBase.default()


def _code_batch(pipeline, batch: list[Document], options: CodeOptions) -> Iterator[CodedDocument | Problem]:
    actors = _actor_base(options)
    good = []
    for document in batch:
        if len(document.text) > MAX_CHARS:
            yield Problem(document.origin or document.doc_id,
                          f"too long to code ({len(document.text):,} characters, limit {MAX_CHARS:,})")
        else:
            good.append(document)
    texts = ((d.text, d) for d in good)
    for parsed, document in pipeline.pipe(texts, as_tuples=True, batch_size=BATCH):
        try:
            attributions = quotes_mod.find_attributions(parsed)
            records = events_mod.code_doc(parsed, options=events_mod.Options(
                doc_id=document.doc_id, published=document.date), actors=actors,
                attributions=attributions, predictions=_predictions(parsed, options))
            quotes = quotes_mod.quote_records(parsed, doc_id=document.doc_id, date=document.date,
                                              actors=actors, attributions=attributions)
        except DyadsError as exc:
            yield Problem(document.origin or document.doc_id, str(exc))
            continue
        records = [r for r in records if r["confidence"] >= options.min_confidence]
        yield CodedDocument(document, _sentences(parsed), records, quotes)


def _predictions(parsed, options: CodeOptions) -> list | None:
    """The optional classifier's prediction for each sentence, or None without it."""
    if not options.classifier:
        return None
    from dyads.classify import EventClassifier

    classifier = EventClassifier.default()
    if classifier is None:
        return None
    sentences = list(parsed.sents)
    # Only sentences that name an actor can yield an event: the others are not encoded.
    wanted = [i for i, s in enumerate(sentences)
              if any(e.label_ in ACTOR_ENTITIES for e in s.ents)]
    predictions: list = [None] * len(sentences)
    if wanted:
        found = classifier.predict([sentences[i].text for i in wanted],
                                   docs=[sentences[i].as_doc() for i in wanted])
        for i, prediction in zip(wanted, found):
            predictions[i] = prediction
    return predictions


def _sentences(parsed) -> list[dict]:
    out = []
    for index, sent in enumerate(parsed.sents):
        text = sent.text
        stripped = text.strip()
        start = sent.start_char + (len(text) - len(text.lstrip()))
        out.append({"idx": index, "start": start, "end": start + len(stripped), "text": stripped})
    return out


def ingest(paths: Iterable[str | os.PathLike], *, db: str | os.PathLike = "dyads.duckdb",
           options: CodeOptions | None = None, stdin=None,
           on_item: Callable[[CodedDocument | Problem], None] | None = None) -> IngestReport:
    """Code every input and store documents, sentences, actors and events."""
    from dyads.store import Store

    options = options or CodeOptions()

    report = IngestReport()
    with Store(db) as store:
        for item in code_inputs(paths, options=options, stdin=stdin):
            if on_item is not None:
                on_item(item)
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            document = item.document
            try:
                result = store.add_document(_document_row(document), sentences=item.sentences,
                                            events=item.events, quotes=item.quotes)
            except BadDocument as exc:
                report.problems.append(Problem(document.origin or document.doc_id, exc.reason))
                continue
            report.documents += 1
            setattr(report, result.status, getattr(report, result.status) + 1)
            report.events += result.events
        # one pass over the keys this batch touched links mentions across articles
        store.dedup()
    return report


def _document_row(document: Document) -> dict:
    return {"doc_id": document.doc_id, "text": document.text, "date": document.date,
            "title": document.title, "url": document.url, "source": document.source,
            "origin": document.origin}
