"""Evaluate: score the event coder against labelled sentences.

``evaluate(target)`` loads a labelled set, a built-in name from :data:`DATASETS` or
the path of a JSONL file, codes all its sentences in one call to
:func:`dyads.pipeline.code_documents` (one Document per sentence) and scores the
coded events with the metrics the set's labels support. It returns a
:class:`Report` that prints as a table or as JSON and lists mis-coded items.

Built-in sets are measurement-only data read at run time from the dev-data folder:
``data_dir``, else ``$DYADS_DEV_DATA``, else ``shared/dev`` found in the current
directory or one of its parents; reference tables come from its sibling
``reference/``. Nothing from them ships with dyads.

Scoring choices (documented here because the numbers depend on them):

- detection: a sentence counts as coded when it yields any event;
- the *main* prediction of a sentence is its highest-confidence event (the first
  in text order on ties); PLOVER type, CAMEO code, ConfliBERT class and ACLED type
  are scored on it, and a sentence without events counts as a wrong answer;
- actors are scored on their own, event type ignored: the set of source (target)
  codes over all events of a sentence against the gold set (a name the actor base
  does not know, coded "---", is no prediction), micro-averaged over
  sentences, on full codes, on country + sector (first six letters) and on
  countries (first three). Sets whose actors are written the PLOVER annotations' way
  (a code and a sector field; IGO and NGO as the code of every organisation, no field
  for an organisation's name) are scored in that scheme: a predicted "PSEREBHMS" is
  "PSEREB", "IGOUNO" is "IGO", "IGOUNOPKO" is "IGOMIL";
- a reciprocal gold event ("X and Y agreed", marked SRC/TAR, no target) has each
  side as source and as target;
- triples are (source country, target country, CAMEO) sets, at root and exact level;
- ConfliBERT actor spans match when a predicted actor's text overlaps the gold span.

This module reads only the files it is pointed at and the package's label table;
it writes nothing and prints nothing.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from dyads.actors import ActorBase, known_code
from dyads.codebook import plover_sector_of
from dyads.errors import DataError, UsageError

__all__ = [
    "DATASETS",
    "Dataset",
    "GoldEvent",
    "Item",
    "Outcome",
    "Report",
    "evaluate",
    "load_dataset",
    "plover_form",
    "score",
]

DATASETS: tuple[str, ...] = ("plover", "cameo-manual", "icews", "conflibert", "conflibert-actors")

DEV_DATA_ENV = "DYADS_DEV_DATA"
DEFAULT_DATE = None   # undated sets are coded undated
Span = tuple[int, int]


# -- records -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEvent:
    """One labelled event; a field the data does not label stays empty."""

    sources: tuple[str, ...] = ()      # actor codes as the data gives them
    targets: tuple[str, ...] = ()
    reciprocal: bool = False           # "X and Y agreed": each side is also a target
    cameo: str | None = None
    plover: str | None = None          # current PLOVER name
    penta: int | None = None           # ConfliBERT five-class label
    acled: str | None = None           # ACLED event type or sub-event type


@dataclass(frozen=True)
class Item:
    """One labelled sentence; no events means the sentence carries none."""

    item_id: str
    text: str
    events: tuple[GoldEvent, ...]
    date: str | None = None
    source_spans: tuple[Span, ...] = ()   # character offsets of gold actor mentions
    target_spans: tuple[Span, ...] = ()
    plover_actors: bool = False           # actors written as PLOVER annotations write them


@dataclass
class Dataset:
    """A labelled set as read: its items in file order."""

    name: str
    path: str
    items: list[Item]

    @functools.cached_property
    def labels(self) -> frozenset[str]:
        """What the set labels: negatives, cameo, plover, penta, acled, actors, spans."""
        found = set()
        events = [event for item in self.items for event in item.events]
        if any(not item.events for item in self.items):
            found.add("negatives")
        for name in ("cameo", "plover", "penta", "acled"):
            if any(getattr(event, name) is not None for event in events):
                found.add(name)
        if any(event.sources or event.targets for event in events):
            found.add("actors")
        if any(item.source_spans or item.target_spans for item in self.items):
            found.add("spans")
        return frozenset(found)


@dataclass
class Outcome:
    """What the coder made of one labelled sentence."""

    item: Item
    events: list[dict]
    problem: str | None = None         # why the coder could not code it

    @property
    def main(self) -> dict | None:
        """The highest-confidence event, the first in text order on ties."""
        best = None
        for event in self.events:
            if best is None or event["confidence"] > best["confidence"]:
                best = event
        return best


@dataclass
class Report:
    """Scores of one labelled set, with the outcomes behind them."""

    name: str
    n: int
    metrics: dict[str, float | int]
    path: str = ""
    outcomes: list[Outcome] = field(default_factory=list, repr=False)
    labels: frozenset[str] = frozenset()

    def table(self) -> str:
        """An aligned plain-text table; fractions with three decimals."""
        rows = [(key, _format_value(key, value)) for key, value in self.metrics.items()]
        width = max(len("metric"), *(len(key) for key, _ in rows))
        value_width = max(len("value"), *(len(value) for _, value in rows))
        lines = [f"dataset {self.name}: {self.n} items ({self.path})",
                 f"{'metric':<{width}}  {'value':>{value_width}}"]
        lines += [f"{key:<{width}}  {value:>{value_width}}" for key, value in rows]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"name": self.name, "path": self.path, "n": self.n, "metrics": dict(self.metrics)}

    def examples(self, k: int = 10) -> list[dict]:
        """Up to ``k`` mis-coded items in input order: text, gold, predicted, why."""
        found = []
        for outcome in self.outcomes:
            why = _why(outcome, self.labels)
            if not why:
                continue
            item = outcome.item
            example = {"id": item.item_id, "text": item.text,
                       "gold": [_gold_json(event) for event in item.events],
                       "predicted": [_event_json(event) for event in outcome.events],
                       "why": why}
            if item.source_spans or item.target_spans:
                example["gold_spans"] = {role: [item.text[s:e] for s, e in _gold_spans(item, role)]
                                         for role in ("source", "target")}
            found.append(example)
            if len(found) >= k:
                break
        return found

    def examples_text(self, k: int = 10) -> str:
        """:meth:`examples` as plain text for a terminal."""
        blocks = []
        for example in self.examples(k):
            gold = "; ".join(_gold_line(g) for g in example["gold"]) or "no event"
            if "gold_spans" in example:
                spans = example["gold_spans"]
                gold += f"; source spans {spans['source']}, target spans {spans['target']}"
            predicted = "; ".join(_event_line(p) for p in example["predicted"]) or "no event"
            blocks.append(f"{example['id']}: {' | '.join(example['why'])}\n"
                          f"  text:      {example['text'].strip()}\n"
                          f"  gold:      {gold}\n"
                          f"  predicted: {predicted}")
        return "\n\n".join(blocks)


# -- public API ----------------------------------------------------------------------


def evaluate(
    target: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    limit: int | None = None,
    date: str | None = DEFAULT_DATE,
) -> Report:
    """Code every sentence of a labelled set and score the events.

    ``target`` is a name from :data:`DATASETS` or the path of a JSONL file
    (``id``, ``text``, optional ``date``, ``events``: ``[{source, target, cameo?,
    plover?, acled?}]``, an empty list for a sentence without events; an actor is a
    CAMEO code, or an object ``{"code", "sector"}`` as PLOVER annotations write it, and
    then predicted codes are scored in that scheme). ``limit``
    keeps the first items only; ``date`` stands in for items without a date (None:
    they are coded undated, so a title in the text is trusted over dated roles).
    """
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise UsageError(f"date {date!r} is not a date (expected YYYY-MM-DD)")
    dataset = load_dataset(target, data_dir=data_dir, limit=limit)
    outcomes, seconds = _code(dataset.items, date=date)
    return score(dataset, outcomes, seconds=seconds)


def load_dataset(
    target: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    limit: int | None = None,
) -> Dataset:
    """Read a built-in set or a JSONL file into labelled items."""
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be a positive number of items, not {limit}")
    if target in _BUILTIN:
        relative, loader = _BUILTIN[target]
        path = _builtin_path(target, relative, data_dir)
    else:
        path = Path(target)
        if not path.is_file():
            raise UsageError(f"{target}: no such labelled file, and not a built-in set "
                             f"(one of {', '.join(DATASETS)})")
        loader = _load_jsonl
    items = list(_take(loader(path), limit))
    if any(item.plover_actors for item in items):
        # one scheme per file: its sentences without events are scored in it too
        items = [replace(item, plover_actors=True) for item in items]
    return Dataset(name=target if target in _BUILTIN else path.name, path=str(path), items=items)


def score(dataset: Dataset, outcomes: Sequence[Outcome], *, seconds: float = 0.0) -> Report:
    """Score coded outcomes (one per item of ``dataset``, same order)."""
    labels = dataset.labels
    metrics: dict[str, float | int] = {
        "n": len(outcomes),
        "n_no_prediction": sum(1 for o in outcomes if not o.events),
        "n_failed": sum(1 for o in outcomes if o.problem),
    }
    metrics |= _detection(outcomes, negatives="negatives" in labels)
    if "plover" in labels:
        metrics |= _labelled(outcomes, "plover", lambda e: e["plover"]["type"], macro=True)
    if "cameo" in labels:
        metrics |= _labelled(outcomes, "cameo_root", lambda e: e["cameo_root"],
                             gold=lambda g: g.cameo[:2] if g.cameo else None)
        metrics |= _labelled(outcomes, "cameo", lambda e: e["cameo"])
    if "penta" in labels:
        metrics |= _labelled(outcomes, "penta", _penta_of, macro=True,
                             classes=sorted(set(_penta_by_root().values())))
    if "acled" in labels:
        metrics |= _acled(outcomes)
    if "actors" in labels:
        for role in ("source", "target"):
            metrics |= _prf(role, _actor_counts(outcomes, role, _full))
            metrics |= _prf(f"{role}_sector", _actor_counts(outcomes, role, _sector))
            metrics |= _prf(f"{role}_country", _actor_counts(outcomes, role, _country))
    if "actors" in labels and "cameo" in labels:
        metrics |= _prf("triple_root", _triple_counts(outcomes, root=True))
        metrics |= _prf("triple", _triple_counts(outcomes, root=False))
    if "spans" in labels:
        for role in ("source", "target"):
            metrics |= _prf(f"{role}_span", _span_counts(outcomes, role))
    metrics["wall_seconds"] = round(seconds, 3)
    metrics["sentences_per_second"] = round(len(outcomes) / seconds, 3) if seconds > 0 else 0.0
    return Report(name=dataset.name, n=len(outcomes), metrics=metrics, path=dataset.path,
                  outcomes=list(outcomes), labels=labels)


# -- where the data is -----------------------------------------------------------------


def dev_root(data_dir: str | os.PathLike[str] | None) -> Path | None:
    """The dev-data folder: ``data_dir``, else ``$DYADS_DEV_DATA``, else the nearest
    ``shared/dev`` above the current directory; None when there is none."""
    if data_dir is not None:
        return Path(data_dir)
    if os.environ.get(DEV_DATA_ENV):
        return Path(os.environ[DEV_DATA_ENV])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "shared" / "dev").is_dir():
            return folder / "shared" / "dev"
    return None


def required_dev_root(what: str, holding: str,
                      data_dir: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The dev-data folder and the hint that says how to point at it; a UsageError
    naming ``what`` needs it when there is none."""
    hint = f"point data_dir (--data-dir) or ${DEV_DATA_ENV} at the dev-data folder (the one holding {holding})"
    root = dev_root(data_dir)
    if root is None:
        raise UsageError(f"{what}: no dev-data folder found (no shared/dev in {Path.cwd()} "
                         f"or its parents); {hint}")
    return root, hint


def _builtin_path(name: str, relative: str, data_dir: str | os.PathLike[str] | None) -> Path:
    root, hint = required_dev_root(f"dataset {name!r}", "PLOVER_GSR_CAMEO.txt, next to reference/", data_dir)
    path = Path(os.path.normpath(root / relative))
    if not path.is_file():
        raise UsageError(f"dataset {name!r}: {path} does not exist; {hint}")
    return path


# -- loaders ---------------------------------------------------------------------------


@functools.cache
def _labels_table() -> dict[str, Any]:
    text = (resources.files("dyads") / "data" / "evaluate" / "labels.json").read_text("utf-8")
    return json.loads(text)


def _plover_name(name: str | None) -> str | None:
    if not name or not name.strip():
        return None
    name = name.strip().upper()
    return _labels_table()["plover_renames"].get(name, name)


@functools.cache
def _penta_by_root() -> dict[str, int]:
    return {root: int(label) for label, roots in _labels_table()["penta_classes"].items()
            for root in roots}


def _actor_code(actor: dict) -> str | None:
    """The full code of an annotated actor: country or group code plus its sector."""
    code = str(actor.get("code") or "").strip().upper()
    if not code:
        return None
    # Old CAMEO country codes (JAP, ITL, VTN) are the ISO codes dyads writes.
    code = ActorBase.default().canonical_code(code)
    sector = str(actor.get("sector") or "").strip().upper()
    return code + sector if sector and "*" not in sector else code


def _actor_codes(value: Any) -> tuple[str, ...]:
    # The PLOVER file has targets that are "" or a stray context word: no actor.
    if not isinstance(value, list):
        return ()
    codes = (_actor_code(actor) for actor in value if isinstance(actor, dict))
    return tuple(dict.fromkeys(code for code in codes if code))


def _annotated_item(record: dict, *, cameo: str | None, plover: str | None, markup: str) -> Item:
    sources = _actor_codes(record.get("source"))
    targets = _actor_codes(record.get("target"))
    reciprocal = not targets and "SRC/TAR" in markup
    event = GoldEvent(sources=sources, targets=targets, reciprocal=reciprocal,
                      cameo=cameo, plover=_plover_name(plover))
    return Item(item_id=str(record.get("id", "")), text=record["text"], events=(event,),
                date=record.get("date"), plover_actors=True)


def _load_plover(path: Path) -> Iterator[Item]:
    for record in _read_json(path):
        # The file opens with a DOCUMENT record that documents the file itself.
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        info = record.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        yield _annotated_item(record, cameo=None, plover=record.get("event"), markup=markup)


def _load_cameo_manual(path: Path) -> Iterator[Item]:
    for _, record in _read_jsonl(path):
        if not record.get("text"):
            continue
        yield _annotated_item(record, cameo=_cameo(record.get("cameo_code")),
                              plover=record.get("plover_event_v05b1"),
                              markup=str(record.get("markup") or ""))


def _load_icews(path: Path) -> Iterator[Item]:
    with path.open(encoding="cp1252", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("example") or "").strip()
            if not text or text == "NA":
                continue
            code = _cameo(row.get("code"))
            yield Item(item_id=f"icews-{code}", text=text, events=(GoldEvent(cameo=code),))


def _load_conflibert(path: Path) -> Iterator[Item]:
    for number, (text, label) in enumerate(_read_tsv(path), start=1):
        if not label.strip().isdigit():
            raise DataError(f"{path}:{number}: label {label!r} is not a class 0-4")
        yield Item(item_id=f"conflibert-{number}", text=text,
                   events=(GoldEvent(penta=int(label)),))


def _load_conflibert_actors(path: Path) -> Iterator[Item]:
    class_file = path.with_name(path.name.replace("_ner_", "_class_").replace(".txt", ".tsv"))
    texts = [text for text, _ in _read_tsv(class_file)] if class_file.is_file() else []
    for number, tokens in enumerate(_read_conll(path), start=1):
        known = texts[number - 1] if number <= len(texts) else None
        text, offsets = _align(tokens, known)
        spans = _bio_spans([tag for _, tag in tokens], offsets)
        yield Item(item_id=f"conflibert-{number}", text=text, events=(GoldEvent(),),
                   source_spans=tuple(spans["S"] + spans["R"]),
                   target_spans=tuple(spans["T"] + spans["R"]))


def _load_jsonl(path: Path) -> Iterator[Item]:
    for number, record in _read_jsonl(path):
        where = f"{path}:{number}"
        text = record.get("text")
        events = record.get("events")
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{where}: no `text`")
        if not isinstance(events, list):
            raise DataError(f"{where}: `events` must be a list (empty for no event)")
        # Actors given as objects ({"code": "IGO", "sector": "GOV"}) follow the PLOVER
        # annotations' scheme; plain strings are CAMEO codes.
        plover_actors = any(isinstance(actor, dict) for event in events if isinstance(event, dict)
                            for role in ("source", "target")
                            for actor in _as_list(event.get(role)))
        yield Item(item_id=str(record.get("id", number)), text=text,
                   events=tuple(_jsonl_event(event, where) for event in events),
                   date=record.get("date"), plover_actors=plover_actors)


def _jsonl_event(event: Any, where: str) -> GoldEvent:
    if not isinstance(event, dict):
        raise DataError(f"{where}: each event must be an object")
    acled = event.get("acled")
    if isinstance(acled, dict):
        acled = acled.get("sub_event_type") or acled.get("event_type")
    return GoldEvent(sources=_plain_codes(event.get("source")),
                     targets=_plain_codes(event.get("target")),
                     cameo=_cameo(event.get("cameo")), plover=_plover_name(event.get("plover")),
                     acled=acled or None)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _plain_codes(value: Any) -> tuple[str, ...]:
    codes = (_actor_code(v) if isinstance(v, dict) else str(v).strip().upper()
             for v in _as_list(value) if v is not None)
    return tuple(dict.fromkeys(code for code in codes if code))


def _cameo(value: Any) -> str | None:
    code = str(value or "").strip()
    return code or None


def _read_json(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not a JSON file: {exc}") from exc
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a JSON array of records")
    return [record for record in data if isinstance(record, dict)]


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not a JSON line: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise DataError(f"{path}:{number}: expected a JSON object")
            yield number, record


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab:
            raise DataError(f"{path}:{number}: expected `text<TAB>label`")
        rows.append((text, label))
    return rows


def _read_conll(path: Path) -> Iterator[list[tuple[str, str]]]:
    tokens: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            if tokens:
                yield tokens
            tokens = []
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        if not token:
            raise DataError(f"{path}:{number}: expected `token TAG`")
        tokens.append((token, tag))
    if tokens:
        yield tokens


def _align(tokens: list[tuple[str, str]], text: str | None) -> tuple[str, list[Span]]:
    """Character offsets of the tokens in ``text``, or in the tokens joined by spaces
    when ``text`` does not hold them in order."""
    if text is not None:
        offsets, position = [], 0
        for token, _ in tokens:
            start = text.find(token, position)
            if start < 0 or text[position:start].strip():
                break
            offsets.append((start, start + len(token)))
            position = start + len(token)
        else:
            return text, offsets
    offsets, position = [], 0
    for token, _ in tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(token for token, _ in tokens), offsets


def _bio_spans(tags: list[str], offsets: list[Span]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {"S": [], "T": [], "R": []}
    open_role, start, end = None, 0, 0
    for tag, (token_start, token_end) in zip([*tags, "O"], [*offsets, (0, 0)]):
        prefix, _, role = tag.partition("-")
        if open_role and (prefix != "I" or role != open_role):
            spans[open_role].append((start, end))
            open_role = None
        if prefix == "B" or (prefix == "I" and open_role is None and role in spans):
            open_role, start = role, token_start
        if open_role:
            end = token_end
    return spans


def _take(items: Iterable[Item], limit: int | None) -> Iterator[Item]:
    for count, item in enumerate(items):
        if limit is not None and count >= limit:
            return
        yield item


_BUILTIN: dict[str, tuple[str, Callable[[Path], Iterator[Item]]]] = {
    "plover": ("PLOVER_GSR_CAMEO.txt", _load_plover),
    "cameo-manual": ("cameo_manual_examples_cameo_plus_plover.jsonl", _load_cameo_manual),
    "icews": ("../reference/cameo/icews-cameo-codes.csv", _load_icews),
    "conflibert": ("confliBERT-cameo/cameo_class_test.tsv", _load_conflibert),
    "conflibert-actors": ("confliBERT-cameo/cameo_ner_test.txt", _load_conflibert_actors),
}


# -- coding ----------------------------------------------------------------------------


def _code(items: Sequence[Item], *, date: str | None) -> tuple[list[Outcome], float]:
    # Imported here so that reading and scoring a set does not load spaCy.
    from dyads.ingest import Document, Problem
    from dyads.pipeline import code_documents

    documents = [Document(doc_id=str(index), text=item.text, date=item.date or date,
                          origin=str(index)) for index, item in enumerate(items)]
    # Load the model and the actor and verb tables before the clock starts, so that
    # sentences per second measures coding, not start-up.
    list(code_documents([Document(doc_id="warm-up", text="The minister met the envoy.", date=date)]))
    outcomes = [Outcome(item, []) for item in items]
    start = time.perf_counter()
    for result in code_documents(documents):
        if isinstance(result, Problem):
            outcomes[int(result.where)].problem = result.reason
        else:
            outcomes[int(result.document.doc_id)].events = list(result.events)
    return outcomes, time.perf_counter() - start


# -- metrics ---------------------------------------------------------------------------


def _detection(outcomes: Sequence[Outcome], *, negatives: bool) -> dict[str, float]:
    counts = Counter((bool(o.item.events), bool(o.events)) for o in outcomes)
    tp, fn = counts[True, True], counts[True, False]
    fp, tn = counts[False, True], counts[False, False]
    recall = _ratio(tp, tp + fn)
    if not negatives:
        return {"event_recall": recall}
    precision = _ratio(tp, tp + fp)
    return {"event_precision": precision, "event_recall": recall,
            "event_f1": _f1(precision, recall), "event_accuracy": _ratio(tp + tn, len(outcomes))}


def _labelled(
    outcomes: Sequence[Outcome],
    name: str,
    predicted: Callable[[dict], Any],
    *,
    gold: Callable[[GoldEvent], Any] | None = None,
    macro: bool = False,
    classes: Iterable[Any] | None = None,
) -> dict[str, float]:
    """Accuracy (and macro-F1 over the gold classes) of the main prediction."""
    pairs = _label_pairs(outcomes, name, predicted, gold)
    metrics = {f"{name}_accuracy": _ratio(sum(g == p for g, p in pairs), len(pairs))}
    if macro:
        metrics[f"{name}_macro_f1"] = _macro_f1(pairs, classes)
    return metrics


def _label_pairs(
    outcomes: Sequence[Outcome],
    name: str,
    predicted: Callable[[dict], Any],
    gold: Callable[[GoldEvent], Any] | None = None,
) -> list[tuple[Any, Any]]:
    """(gold, predicted) for every item labelled with ``name``; with several gold
    events the predicted label is right when it matches any of them."""
    gold = gold or (lambda event: getattr(event, name))
    pairs = []
    for outcome in outcomes:
        wanted = [label for label in map(gold, outcome.item.events) if label is not None]
        if not wanted:
            continue
        main = outcome.main
        guess = predicted(main) if main is not None else None
        pairs.append((guess if guess in wanted else wanted[0], guess))
    return pairs


def _macro_f1(pairs: list[tuple[Any, Any]], classes: Iterable[Any] | None) -> float:
    scores = []
    for label in sorted(set(classes if classes is not None else (g for g, _ in pairs))):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        precision = _ratio(tp, sum(1 for _, p in pairs if p == label))
        recall = _ratio(tp, sum(1 for g, _ in pairs if g == label))
        scores.append(_f1(precision, recall))
    return _ratio(sum(scores), len(scores))


def _penta_of(event: dict) -> int | None:
    return _penta_by_root().get(event.get("cameo_root") or "")


def _acled(outcomes: Sequence[Outcome]) -> dict[str, float]:
    hits = total = 0
    for outcome in outcomes:
        wanted = {event.acled.lower() for event in outcome.item.events if event.acled}
        if not wanted:
            continue
        total += 1
        hits += bool(wanted & _acled_names(outcome.main))
    return {"acled_accuracy": _ratio(hits, total)}


def _acled_names(event: dict | None) -> set[str]:
    acled = (event or {}).get("acled") or {}
    return {str(v).lower() for v in (acled.get("event_type"), acled.get("sub_event_type")) if v}


def _full(code: str) -> str:
    return code


def _sector(code: str) -> str:
    """Country (or IGO/NGO) and first sector: the granularity of annotations that have
    a code and a sector field but no group ("PSEREBHMS" is scored as "PSEREB")."""
    return code[:6]


def _country(code: str) -> str:
    return code[:3]


def _gold_actors(item: Item, role: str) -> set[str]:
    codes: set[str] = set()
    for event in item.events:
        codes.update(event.sources if role == "source" else event.targets)
        if role == "target" and event.reciprocal:
            codes.update(event.sources)
    return codes


def _predicted_actors(outcome: Outcome, role: str) -> set[str]:
    # Gold codes are read upper-cased; dyads writes ethnic and religious groups in
    # CAMEO's lower case ("SRBCVLalb"), which names the same actor.
    form = plover_form if outcome.item.plover_actors else _full
    return {form(code).upper() for event in outcome.events if (code := known_code(event.get(role)))}


def plover_form(code: str) -> str:
    """A CAMEO code written as PLOVER annotations write actors: a code (a country, or IGO
    and NGO for every international and non-governmental organisation), one sector in
    PLOVER's own sector codes (``codebook.plover_sector_of``), and an ethnic or religious
    group ("IRQCVLKUR", "SRBCVLalb"). They have no field for an organisation's own
    segments, so "PSEREBHMS" (Hamas) is "PSEREB", "IGOUNO" is "IGO", "IGOUNOREFHCR" is
    "IGOREF" and "IGOUNOPKO" is "IGOMIL"; PLOVER renamed two CAMEO sectors, so "LBNMED"
    (media) is "LBNJRN" and "CHEHLH" (health) "CHEMED"."""
    sector = plover_sector_of(code) or ""
    if code[:3] in ("IGO", "NGO"):
        return code[:3] + sector
    base = ActorBase.default()
    segments = (code[i:i + 3] for i in range(3, len(code), 3))
    return code[:3] + sector + "".join(s for s in segments if base.is_identity(s))


def _actor_counts(
    outcomes: Sequence[Outcome], role: str, level: Callable[[str], str]
) -> tuple[int, int, int]:
    tp = predicted = gold = 0
    for outcome in outcomes:
        wanted = {level(c) for c in _gold_actors(outcome.item, role)}
        found = {level(c) for c in _predicted_actors(outcome, role)}
        tp, predicted, gold = tp + len(wanted & found), predicted + len(found), gold + len(wanted)
    return tp, predicted, gold


Triple = tuple[str | None, str | None, str]


def _gold_triples(item: Item, *, root: bool) -> set[Triple]:
    triples: set[Triple] = set()
    for event in item.events:
        if event.cameo is None:
            continue
        code = event.cameo[:2] if root else event.cameo
        sources = [_country(s) for s in event.sources] or [None]
        if event.reciprocal:
            pairs = [(a, b) for a in sources for b in sources if a != b] or [(sources[0], None)]
        else:
            targets = [_country(t) for t in event.targets] or [None]
            pairs = [(a, b) for a in sources for b in targets]
        triples.update((a, b, code) for a, b in pairs)
    return triples


def _predicted_triples(outcome: Outcome, *, root: bool) -> set[Triple]:
    def country(actor: dict | None) -> str | None:
        code = known_code(actor)
        return _country(code) if code else None

    return {(country(e.get("source")), country(e.get("target")), e["cameo_root"] if root else e["cameo"])
            for e in outcome.events}


def _triple_counts(outcomes: Sequence[Outcome], *, root: bool) -> tuple[int, int, int]:
    tp = predicted = gold = 0
    for outcome in outcomes:
        if not any(event.cameo for event in outcome.item.events) and outcome.item.events:
            continue
        wanted = _gold_triples(outcome.item, root=root)
        found = _predicted_triples(outcome, root=root)
        tp, predicted, gold = tp + len(wanted & found), predicted + len(found), gold + len(wanted)
    return tp, predicted, gold


def _predicted_spans(outcome: Outcome, role: str) -> set[Span]:
    spans: set[Span] = set()
    text = outcome.item.text
    for event in outcome.events:
        mention = ((event.get(role) or {}).get("text") or "").strip()
        if mention:
            start = text.find(mention)
            # A mention the sentence does not hold cannot match a gold span.
            spans.add((start, start + len(mention)) if start >= 0 else (-1, -1))
    return spans


def _gold_spans(item: Item, role: str) -> tuple[Span, ...]:
    return item.source_spans if role == "source" else item.target_spans


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _span_counts(outcomes: Sequence[Outcome], role: str) -> tuple[int, int, int, int]:
    """(predicted spans that hit a gold span, predicted, gold spans hit, gold)."""
    right = predicted = hit = gold = 0
    for outcome in outcomes:
        wanted = _gold_spans(outcome.item, role)
        found = _predicted_spans(outcome, role)
        right += sum(_overlaps(span, wanted) for span in found)
        hit += sum(_overlaps(span, found) for span in wanted)
        predicted, gold = predicted + len(found), gold + len(wanted)
    return right, predicted, hit, gold


def _prf(name: str, counts: tuple[int, ...]) -> dict[str, float]:
    """Precision, recall and F1 from (tp, predicted, gold) or, when predicted and
    gold items are matched separately, (right, predicted, hit, gold)."""
    if len(counts) == 3:
        tp, predicted, gold = counts
        right = hit = tp
    else:
        right, predicted, hit, gold = counts
    precision, recall = _ratio(right, predicted), _ratio(hit, gold)
    return {f"{name}_precision": precision, f"{name}_recall": recall,
            f"{name}_f1": _f1(precision, recall)}


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# -- error analysis --------------------------------------------------------------------


def _why(outcome: Outcome, labels: frozenset[str]) -> list[str]:
    """Why an item counts as mis-coded; empty when it is scored right throughout."""
    if outcome.problem:
        return [f"failed: {outcome.problem}"]
    item, why = outcome.item, []
    # A missed sentence or a false alarm is wrong on every other count too: say it once.
    if item.events and not outcome.events:
        return ["missed: no event"]
    if not item.events and outcome.events:
        return [f"false alarm: {len(outcome.events)} event(s) in a sentence without one"]
    checks = [("plover", lambda e: e["plover"]["type"], None),
              ("cameo", lambda e: e["cameo"], None),
              ("penta", _penta_of, None)]
    for name, predicted, gold in checks:
        if name in labels:
            for wanted, guess in _label_pairs([outcome], name, predicted, gold):
                if wanted != guess:
                    why.append(f"{name}: gold {wanted}, predicted {guess}")
    if "acled" in labels:
        wanted = {event.acled.lower() for event in item.events if event.acled}
        if wanted and not wanted & _acled_names(outcome.main):
            why.append(f"acled: gold {sorted(wanted)}, predicted {sorted(_acled_names(outcome.main)) or '-'}")
    if "actors" in labels:
        for role in ("source", "target"):
            wanted = {_country(c) for c in _gold_actors(item, role)}
            found = {_country(c) for c in _predicted_actors(outcome, role)}
            if wanted != found and (wanted or found):
                why.append(f"{role}s: gold {sorted(wanted) or '-'}, predicted {sorted(found) or '-'}")
    if "spans" in labels:
        for role in ("source", "target"):
            right, predicted, hit, gold = _span_counts([outcome], role)
            if right < predicted or hit < gold:
                why.append(f"{role} spans: {hit} of {gold} gold found, "
                       f"{right} of {predicted} predicted right")
    return why


def _gold_json(event: GoldEvent) -> dict:
    return {key: (list(value) if isinstance(value, tuple) else value)
            for key, value in asdict(event).items() if value is not None and value is not False
            and value != ()}


def _event_json(event: dict) -> dict:
    def actor(role: str) -> dict | None:
        value = event.get(role)
        return {"code": value.get("code"), "text": value.get("text")} if value else None

    return {"source": actor("source"), "target": actor("target"), "cameo": event.get("cameo"),
            "plover": (event.get("plover") or {}).get("type"), "confidence": event.get("confidence")}


def _gold_line(gold: dict) -> str:
    labels = " ".join(f"{k} {gold[k]}" for k in ("cameo", "plover", "penta", "acled") if k in gold)
    if not ({"sources", "targets"} & gold.keys()):
        return labels or "an event"
    sources = "+".join(gold.get("sources", [])) or "?"
    targets = "+".join(gold.get("targets", [])) or ("(each other)" if gold.get("reciprocal") else "-")
    return f"{sources} -> {targets} {labels}".strip()


def _event_line(event: dict) -> str:
    def actor(value: dict | None) -> str:
        return f"{value['code']} ({value['text']!r})" if value else "-"

    return (f"{actor(event['source'])} -> {actor(event['target'])} "
            f"{event['cameo']} {event['plover']} [{event['confidence']}]")


def _format_value(key: str, value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if key in ("wall_seconds", "sentences_per_second"):
        return f"{value:.1f}"
    return f"{value:.3f}"
