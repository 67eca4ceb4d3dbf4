"""Forecast: which events come next, from the events that came before.

Two uses share one model of history:

- ``dyads forecast`` measures it on temporal knowledge-graph benchmarks (ICEWS,
  GDELT quadruple files) with :func:`evaluate`;
- ``dyads next A B`` asks :class:`Forecaster` for the most likely next event types
  between two actors (:meth:`Forecaster.predict_relations`) over dyads' own store.

The model is a *recurrency* model: events repeat, so the facts seen before ``t``
score the candidates at ``t``. For a query (subject, relation, ?, t) a candidate
object gets a weighted sum (:class:`Weights`) of

- ``recency``    λ^(t - last time (subject, relation, object) was seen);
- ``frequency``  the decayed count of (subject, relation, object);
- ``rules``      Σ over relations r' of conf(r' → relation) · λ^(t - last (s, r', object)),
                 where conf is how often, in the history before the evaluated period, a
                 query (s, relation, ?) was answered by an object seen with (s, r') (the
                 one-hop rules of rule learners such as TLogic, learned by counting);
- ``pair``       the decayed count of any event between subject and object, either
                 direction;
- ``relation``   the decayed share of the object among all objects of the relation;
- ``popularity`` the decayed share of the object among all events.

Every decay is a factor per time step. Inverse facts (object, relation⁻¹, subject)
are part of the history, so subjects are predicted like objects.

Evaluation (:func:`evaluate`) follows the single-step protocol of Gastinger et al.
(2023): each test fact (s, r, o, t) asks (s, r, ?, t) and (o, r⁻¹, ?, t); all facts
before ``t`` (train, valid and earlier test days) are history; the ranking is
time-aware filtered (other objects true for the same query at ``t`` are removed);
ties count as the mean of the optimistic and the pessimistic rank (scores equal
within a relative 1e-12 are tied).

This module reads only the files it is given; it prints nothing and needs numpy only.
"""

from __future__ import annotations

import datetime as dt
import time as clock
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from dyads.errors import DataError, InputError, UsageError

__all__ = [
    "ForecastOptions",
    "ForecastReport",
    "Forecaster",
    "Quad",
    "RelationOptions",
    "Weights",
    "evaluate",
    "load_quads",
    "mean_rank",
]

_TIE_TOLERANCE = 1e-12
_NEVER = np.iinfo(np.int64).min // 4
_CHUNK = 1024  # query rows scored at once: bounds memory at CHUNK × entities floats


# -- records and options -------------------------------------------------------------


@dataclass(frozen=True)
class Quad:
    """One fact: ``subject`` did ``relation`` to ``object`` at ``time``.

    ``time`` is an integer: a day ordinal (``date.toordinal()``) for dyads' store and
    named files, the raw time stamp for id files.
    """

    subject: str
    relation: str
    object: str
    time: int


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts (see the module docstring)."""

    recency: float = 1.0
    frequency: float = 0.02
    rules: float = 0.1
    pair: float = 0.02
    relation: float = 1e-6
    popularity: float = 1e-8


@dataclass(frozen=True)
class ForecastOptions:
    """The object-forecasting model: decays (per time step), weights and window.

    The defaults were chosen on the ICEWS14 validation set (``bench/forecast_icews14.py``).
    ``window`` keeps only the last ``window`` time steps of history (None: all of it);
    ``rule_prior`` is the pseudo-count that shrinks rule confidences towards zero.
    """

    recency_decay: float = 0.6
    frequency_decay: float = 0.998
    rules_decay: float = 0.99
    pair_decay: float = 0.7
    relation_decay: float = 1.0
    weights: Weights = field(default_factory=Weights)
    window: int | None = None
    rule_prior: float = 30.0

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RelationOptions:
    """The next-event-type model of :meth:`Forecaster.predict_relations`.

    Counts decay by ``decay`` per time unit (per day for dyads' store). The dyad's
    distribution (events A→B, plus B→A at weight ``reverse``) is smoothed towards the
    subject's distribution with ``dyad_prior`` pseudo-events, which is smoothed towards
    the global one with ``subject_prior``; the global one gets ``global_prior`` per
    relation so that every known relation keeps some probability.
    """

    decay: float = 0.9995
    reverse: float = 0.5
    dyad_prior: float = 2.0
    subject_prior: float = 5.0
    global_prior: float = 0.5


@dataclass(frozen=True)
class ForecastReport:
    """Time-aware filtered ranking metrics of one evaluated split."""

    split: str
    mrr: float
    hits1: float
    hits3: float
    hits10: float
    n_queries: int
    seconds: float
    params: dict
    ties: str = "mean of optimistic and pessimistic rank"
    ranks: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)

    def table(self) -> str:
        """An aligned plain-text table; metrics as fractions with three decimals."""
        rows = [("MRR", f"{self.mrr:.3f}"), ("Hits@1", f"{self.hits1:.3f}"),
                ("Hits@3", f"{self.hits3:.3f}"), ("Hits@10", f"{self.hits10:.3f}"),
                ("queries", f"{self.n_queries:,}"), ("wall time", f"{self.seconds:.1f} s")]
        width = max(len(key) for key, _ in rows)
        value_width = max(len(value) for _, value in rows)
        lines = [f"forecast {self.split}: time-aware filtered, single-step, ties = {self.ties}",
                 f"{'metric':<{width}}  {'value':>{value_width}}"]
        lines += [f"{key:<{width}}  {value:>{value_width}}" for key, value in rows]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"split": self.split, "mrr": self.mrr, "hits1": self.hits1, "hits3": self.hits3,
                "hits10": self.hits10, "n_queries": self.n_queries, "seconds": self.seconds,
                "ties": self.ties, "params": self.params}


# -- reading quadruple files ---------------------------------------------------------


def load_quads(path: str | Path) -> list[Quad]:
    """Read an ICEWS/GDELT quadruple file: ``s r o t`` ids or a named TSV.

    Id files (whitespace-separated integers, extra columns ignored) get their names
    from ``entity2id.txt`` and ``relation2id.txt`` next to them when both exist, else
    keep the ids as strings; their time stays the raw stamp. Named files are
    tab-separated ``subject relation object date`` with ISO dates (time = day ordinal)
    or integer times.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read quadruples ({exc})") from exc
    rows = [line for line in lines if line.strip()]
    if not rows:
        return []
    if "\t" in rows[0] and not _is_int(rows[0].split("\t")[0]):
        return [_named_quad(row, path, number) for number, row in enumerate(rows, 1)]
    entities = _id_names(path.parent / "entity2id.txt")
    relations = _id_names(path.parent / "relation2id.txt")
    if not (entities and relations):
        entities = relations = {}
    return [_id_quad(row, path, number, entities, relations) for number, row in enumerate(rows, 1)]


def _is_int(text: str) -> bool:
    return text.strip().lstrip("-").isdigit()


def _named_quad(row: str, path: Path, number: int) -> Quad:
    parts = row.split("\t")
    if len(parts) < 4:
        raise DataError(f"{path}:{number}: expected subject, relation, object, time")
    return Quad(parts[0], parts[1], parts[2], _parse_time(parts[3].strip(), path, number))


def _parse_time(text: str, path: Path, number: int) -> int:
    if _is_int(text):
        return int(text)
    try:
        return dt.date.fromisoformat(text[:10]).toordinal()
    except ValueError as exc:
        raise DataError(f"{path}:{number}: bad time {text!r}") from exc


def _id_quad(row: str, path: Path, number: int, entities: dict[int, str],
             relations: dict[int, str]) -> Quad:
    parts = row.split()
    try:
        s, r, o, t = (int(part) for part in parts[:4])
    except ValueError as exc:
        raise DataError(f"{path}:{number}: expected four integers") from exc
    return Quad(entities.get(s, str(s)), relations.get(r, str(r)), entities.get(o, str(o)), t)


def _id_names(path: Path) -> dict[int, str]:
    if not path.is_file():
        return {}
    names = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit("\t", 1) if "\t" in line else line.rsplit(None, 1)
        if len(parts) == 2 and _is_int(parts[1]):
            names[int(parts[1])] = parts[0]
    return names


# -- ranks and metrics ---------------------------------------------------------------


def mean_rank(scores: Sequence[float] | np.ndarray, answer: int, *,
              exclude: Iterable[int] = ()) -> float:
    """The rank of ``answer`` among ``scores``: mean of optimistic and pessimistic.

    Candidates in ``exclude`` (the other true answers: the filter) are not ranked.
    """
    scores = np.asarray(scores, dtype=np.float64)
    keep = np.ones(len(scores), dtype=bool)
    keep[list(exclude)] = False
    keep[answer] = False
    return float(_ranks(scores[keep][None, :], np.array([scores[answer]]))[0])


def _ranks(others: np.ndarray, true: np.ndarray) -> np.ndarray:
    """Mean ranks of ``true`` against the rows of ``others`` (-inf = filtered out)."""
    tolerance = _TIE_TOLERANCE * np.abs(true)[:, None]
    higher = (others > true[:, None] + tolerance).sum(axis=1)
    tied = (np.abs(others - true[:, None]) <= tolerance).sum(axis=1)
    return 1.0 + higher + tied / 2.0


def _metrics(ranks: np.ndarray) -> dict[str, float]:
    if len(ranks) == 0:
        return {"mrr": 0.0, "hits1": 0.0, "hits3": 0.0, "hits10": 0.0}
    return {"mrr": float(np.mean(1.0 / ranks)), "hits1": float(np.mean(ranks <= 1)),
            "hits3": float(np.mean(ranks <= 3)), "hits10": float(np.mean(ranks <= 10))}


# -- integer-coded history -----------------------------------------------------------


class _Vocab:
    """Names to dense ids, in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []

    def add(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.names)
            self.names.append(name)
        return found

    def __len__(self) -> int:
        return len(self.names)


@dataclass
class _Facts:
    """Facts with their inverses (relation + n_relations), sorted by time."""

    s: np.ndarray
    r: np.ndarray
    o: np.ndarray
    t: np.ndarray
    origin: np.ndarray  # row of the input each fact (or inverse) comes from
    n_entities: int
    n_relations: int

    @classmethod
    def build(cls, s: np.ndarray, r: np.ndarray, o: np.ndarray, t: np.ndarray, *,
              n_entities: int, n_relations: int) -> _Facts:
        s2 = np.concatenate([s, o])
        r2 = np.concatenate([r, r + n_relations])
        o2 = np.concatenate([o, s])
        t2 = np.concatenate([t, t])
        order = np.argsort(t2, kind="stable")
        origin = np.concatenate([np.arange(len(s)), np.arange(len(s))])
        return cls(s2[order], r2[order], o2[order], t2[order], origin[order],
                   n_entities, n_relations)

    @property
    def n_rows(self) -> int:
        return 2 * self.n_relations


def _spans(offsets: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each group g (a query), every position in offsets[g]:offsets[g+1].

    Returns (query number, position) pairs, flattened: the vectorised form of a
    loop over each query's slice.
    """
    starts = offsets[groups]
    lengths = offsets[groups + 1] - starts
    query = np.repeat(np.arange(len(groups)), lengths)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return query, np.arange(lengths.sum()) - first + np.repeat(starts, lengths)


class _Index:
    """Static lookup tables over the distinct (s, r, o) triples of a set of facts.

    Triples that occur only later have zero state until they do, so indexing the
    whole timeline up front leaks nothing into earlier predictions.
    """

    def __init__(self, facts: _Facts) -> None:
        n_ent, n_rows = facts.n_entities, facts.n_rows
        row = facts.s * n_rows + facts.r
        keys, self.fact_triple = np.unique(row * n_ent + facts.o, return_inverse=True)
        triple_row = keys // n_ent
        self.obj = keys % n_ent
        self.sub = triple_row // n_rows
        self.rel = triple_row % n_rows
        self.rows, first = np.unique(triple_row, return_index=True)
        self.row_offsets = np.append(first, len(keys))
        self.sub_offsets = np.searchsorted(self.sub, np.arange(n_ent + 1))
        pairs, self.triple_pair = np.unique(self.sub * n_ent + self.obj, return_inverse=True)
        self.pair_offsets = np.searchsorted(pairs // n_ent, np.arange(n_ent + 1))
        self.pair_obj = pairs % n_ent
        rel_obj, self.triple_relobj = np.unique(self.rel * n_ent + self.obj, return_inverse=True)
        self.relobj_offsets = np.searchsorted(rel_obj // n_ent, np.arange(n_rows + 1))
        self.relobj_obj = rel_obj % n_ent
        self.n_entities, self.n_rows = n_ent, n_rows

    def row_numbers(self, subjects: np.ndarray, relations: np.ndarray) -> np.ndarray:
        """Index of each (subject, relation) row in ``rows``; -1 when it has no triple."""
        keys = subjects * self.n_rows + relations
        found = np.minimum(np.searchsorted(self.rows, keys), len(self.rows) - 1)
        return np.where(self.rows[found] == keys, found, -1)


class _History:
    """Decayed counts and last-seen times of the facts before a moment.

    Counts are kept as of ``reference`` (the time of the last applied facts) and
    scaled to the query time when read, so each step costs one multiplication.
    """

    def __init__(self, facts: _Facts, index: _Index, options: ForecastOptions) -> None:
        self.facts, self.index, self.options = facts, index, options
        self.count = np.zeros(len(index.obj))
        self.last = np.full(len(index.obj), _NEVER, dtype=np.int64)
        self.pair = np.zeros(len(index.pair_obj))
        self.relobj = np.zeros(len(index.relobj_obj))
        self.popular = np.zeros(facts.n_entities)
        # how many facts each count holds: a count whose facts all left the window
        # is set to exactly zero, not to the rounding residue of the subtractions
        self.live = [np.zeros(len(a), dtype=np.int64) for a in self._counts()] \
            if options.window is not None else []
        self.reference: int | None = None
        self.until: int | None = None
        self.applied = 0   # facts[:applied] are in the counts
        self.expired = 0   # facts[:expired] have left the window again

    def _counts(self) -> list[np.ndarray]:
        return [self.count, self.pair, self.relobj, self.popular]

    def advance(self, until: int) -> None:
        """Apply every fact with time < ``until`` (in time order); expire old ones."""
        self.until = until
        end = int(np.searchsorted(self.facts.t, until, side="left"))
        while self.applied < end:
            stamp = int(self.facts.t[self.applied])
            stop = int(np.searchsorted(self.facts.t, stamp, side="right"))
            self._decay_to(stamp)
            self._apply(self.applied, stop, sign=1.0)
            self.applied = stop
        if self.options.window is not None:
            horizon = until - self.options.window
            gone = int(np.searchsorted(self.facts.t, horizon, side="left"))
            gone = min(gone, self.applied)
            if gone > self.expired:
                self._apply(self.expired, gone, sign=-1.0)
                self.expired = gone

    def _decay_to(self, stamp: int) -> None:
        if self.reference is not None and stamp != self.reference:
            step = stamp - self.reference
            o = self.options
            self.count *= o.frequency_decay ** step
            self.pair *= o.pair_decay ** step
            self.relobj *= o.relation_decay ** step
            self.popular *= o.relation_decay ** step
        self.reference = stamp

    def _apply(self, start: int, stop: int, *, sign: float) -> None:
        f, ix, o = self.facts, self.index, self.options
        triple = ix.fact_triple[start:stop]
        age = self.reference - f.t[start:stop]
        targets = [(triple, o.frequency_decay),
                   (ix.triple_pair[triple], o.pair_decay),
                   (ix.triple_relobj[triple], o.relation_decay),
                   (f.o[start:stop], o.relation_decay)]
        for n, (counts, (where, decay)) in enumerate(zip(self._counts(), targets)):
            # an expiring fact removes exactly what it contributes by now
            np.add.at(counts, where, sign * decay ** age)
            if self.live:
                np.add.at(self.live[n], where, int(sign))
                if sign < 0:
                    empty = where[self.live[n][where] == 0]
                    counts[empty] = 0.0
        if sign > 0:
            np.maximum.at(self.last, triple, f.t[start:stop])

    def seen_since(self, triples: np.ndarray, now: int) -> np.ndarray:
        if self.options.window is None:
            return self.last[triples] != _NEVER
        return self.last[triples] >= now - self.options.window

    def scale(self, decay: float, now: int) -> float:
        return 1.0 if self.reference is None else decay ** (now - self.reference)


def _learn_rules(facts: _Facts, index: _Index, until: int, options: ForecastOptions) -> np.ndarray:
    """conf[r', r]: how often an object seen with (s, r') answered a query (s, r, ?).

    Counted over the facts before ``until``: each time stamp's distinct queries
    (s, r) against every object s had been seen with under r' before that stamp.
    """
    n_rows, n_ent = facts.n_rows, facts.n_entities
    hits = np.zeros((n_rows, n_rows))
    tries = np.zeros((n_rows, n_rows))
    last = np.full(len(index.obj), _NEVER, dtype=np.int64)
    end = int(np.searchsorted(facts.t, until, side="left"))
    start = 0
    while start < end:
        stamp = int(facts.t[start])
        stop = int(np.searchsorted(facts.t, stamp, side="right"))
        rows = facts.s[start:stop] * n_rows + facts.r[start:stop]
        queries, which = np.unique(rows, return_inverse=True)
        subjects, relations = queries // n_rows, queries % n_rows
        query, triple = _spans(index.sub_offsets, subjects)
        if options.window is None:
            seen = last[triple] != _NEVER
        else:
            seen = last[triple] >= stamp - options.window
        query, triple = query[seen], triple[seen]
        np.add.at(tries, (index.rel[triple], relations[query]), 1.0)
        answers = np.unique(which * n_ent + facts.o[start:stop])
        hit = np.isin(query * n_ent + index.obj[triple], answers)
        np.add.at(hits, (index.rel[triple[hit]], relations[query[hit]]), 1.0)
        last[index.fact_triple[start:stop]] = stamp
        start = stop
    return hits / (tries + options.rule_prior)


def _score(history: _History, rules: np.ndarray, subjects: np.ndarray, relations: np.ndarray,
           now: int) -> np.ndarray:
    """Scores (queries × entities) of every object for the queries (s, r, ?, now)."""
    ix, o = history.index, history.options
    w = o.weights
    n_q, n_ent = len(subjects), ix.n_entities
    flat = np.zeros(n_q * n_ent)

    rows = ix.row_numbers(subjects, relations)
    known = np.flatnonzero(rows >= 0)
    query, triple = _spans(ix.row_offsets, rows[known])
    query = known[query]
    seen = history.seen_since(triple, now)
    age = np.where(seen, now - history.last[triple], 0)
    recency = np.where(seen, o.recency_decay ** age, 0.0)
    strict = (w.recency * recency
              + w.frequency * history.scale(o.frequency_decay, now) * history.count[triple])
    flat += np.bincount(query * n_ent + ix.obj[triple], weights=strict, minlength=n_q * n_ent)

    if w.rules:
        query, triple = _spans(ix.sub_offsets, subjects)
        seen = history.seen_since(triple, now)
        query, triple = query[seen], triple[seen]
        age = now - history.last[triple]
        value = rules[ix.rel[triple], relations[query]] * o.rules_decay ** age
        flat += np.bincount(query * n_ent + ix.obj[triple], weights=w.rules * value,
                            minlength=n_q * n_ent)
    if w.pair:
        query, pair = _spans(ix.pair_offsets, subjects)
        value = w.pair * history.scale(o.pair_decay, now) * history.pair[pair]
        flat += np.bincount(query * n_ent + ix.pair_obj[pair], weights=value, minlength=n_q * n_ent)
    if w.relation:
        query, relobj = _spans(ix.relobj_offsets, relations)
        value = history.relobj[relobj]
        total = np.bincount(query, weights=value, minlength=n_q)
        share = value / np.where(total[query] > 0, total[query], 1.0)
        flat += np.bincount(query * n_ent + ix.relobj_obj[relobj], weights=w.relation * share,
                            minlength=n_q * n_ent)
    scores = flat.reshape(n_q, n_ent)
    if w.popularity:
        total = history.popular.sum()
        if total > 0:
            scores += w.popularity * history.popular / total
    return scores


# -- evaluation ----------------------------------------------------------------------


QuadSource = str | Path | Sequence[Quad]


def evaluate(train: QuadSource, valid: QuadSource, test: QuadSource, *,
             options: ForecastOptions | None = None, on: str = "test") -> ForecastReport:
    """Time-aware filtered MRR and Hits@1/3/10 of the model on ``on`` (test or valid).

    Each split is a path (read with :func:`load_quads`) or a list of :class:`Quad`.
    Time stamps are divided by their greatest common step, so decays and windows are
    per step (per day on ICEWS). Rules are learned from the facts before the first
    evaluated time stamp.
    """
    if on not in ("test", "valid"):
        raise UsageError(f"on: expected 'test' or 'valid', not {on!r}")
    options = options or ForecastOptions()
    started = clock.perf_counter()
    splits = {name: _as_quads(source) for name, source in
              (("train", train), ("valid", valid), ("test", test))}
    if on == "valid":
        splits["test"] = []
    if not splits[on]:
        raise InputError(f"{on}: no quadruples to evaluate")
    ranks = _evaluate_ranks(splits, options=options, on=on)
    return ForecastReport(split=on, n_queries=len(ranks), seconds=clock.perf_counter() - started,
                          params=options.to_json(), ranks=ranks, **_metrics(ranks))


def _as_quads(source: QuadSource) -> list[Quad]:
    if isinstance(source, (str, Path)):
        return load_quads(source)
    return list(source)


def _encode(splits: dict[str, list[Quad]]) -> tuple[dict[str, np.ndarray], int, int]:
    """Integer arrays (n × 4) per split, times divided by their common step."""
    entities, relations = _Vocab(), _Vocab()
    arrays = {}
    for name, quads in splits.items():
        arrays[name] = np.array([(entities.add(q.subject), relations.add(q.relation),
                                  entities.add(q.object), q.time) for q in quads],
                                dtype=np.int64).reshape(-1, 4)
    stamps = np.unique(np.concatenate([a[:, 3] for a in arrays.values()]))
    step = int(np.gcd.reduce(np.diff(stamps))) if len(stamps) > 1 else 1
    for a in arrays.values():
        a[:, 3] = (a[:, 3] - stamps[0]) // max(step, 1)
    return arrays, len(entities), len(relations)


def _evaluate_ranks(splits: dict[str, list[Quad]], *, options: ForecastOptions,
                    on: str) -> np.ndarray:
    arrays, n_ent, n_rel = _encode(splits)
    everything = np.concatenate(list(arrays.values()))
    evaluated = np.concatenate([np.full(len(a), name == on) for name, a in arrays.items()])
    facts = _Facts.build(*everything.T, n_entities=n_ent, n_relations=n_rel)
    is_query = evaluated[facts.origin]
    index = _Index(facts)
    first = int(arrays[on][:, 3].min())
    rules = _learn_rules(facts, index, first, options)
    history = _History(facts, index, options)
    ranks = []
    for stamp in np.unique(facts.t[is_query]):
        history.advance(int(stamp))
        lo, hi = np.searchsorted(facts.t, [stamp, stamp + 1])
        ranks.append(_rank_stamp(history, rules, lo, hi, is_query[lo:hi], int(stamp)))
    return np.concatenate(ranks) if ranks else np.zeros(0)


def _rank_stamp(history: _History, rules: np.ndarray, lo: int, hi: int, is_query: np.ndarray,
                stamp: int) -> np.ndarray:
    """Filtered ranks of the evaluated facts of one time stamp."""
    f, n_rows = history.facts, history.facts.n_rows
    rows = f.s[lo:hi] * n_rows + f.r[lo:hi]
    objects = f.o[lo:hi]
    queries, which = np.unique(rows, return_inverse=True)
    ranks = np.empty(int(is_query.sum()))
    done = 0
    for start in range(0, len(queries), _CHUNK):
        part = np.arange(start, min(start + _CHUNK, len(queries)))
        scores = _score(history, rules, queries[part] // n_rows, queries[part] % n_rows, stamp)
        in_part = (which >= start) & (which < part[-1] + 1)
        local = which[in_part] - start
        asked = is_query[in_part]
        true = scores[local[asked], objects[in_part][asked]]
        # time-aware filter: every object true for this query at this stamp leaves the ranking
        scores[local, objects[in_part]] = -np.inf
        found = _ranks(scores[local[asked]], true)
        ranks[done:done + len(found)] = found
        done += len(found)
    return ranks


# -- the model as a service ----------------------------------------------------------


class Forecaster:
    """The recurrency model over a growing history of :class:`Quad` facts.

    ``fit`` adds facts (call it again with new ones); predictions use the facts
    strictly before the query ``time`` (default: after the last fitted fact).
    Rule confidences are learned from the whole fitted history.
    """

    def __init__(self, *, options: ForecastOptions | None = None,
                 relation_options: RelationOptions | None = None) -> None:
        self.options = options or ForecastOptions()
        self.relation_options = relation_options or RelationOptions()
        self._entities, self._relations = _Vocab(), _Vocab()
        self._rows: list[tuple[int, int, int, int]] = []
        self._model: tuple[_Facts, _Index, np.ndarray] | None = None
        self._history: _History | None = None
        self._arrays: np.ndarray | None = None

    def fit(self, history: Iterable[Quad]) -> Forecaster:
        """Add facts to the history; returns self."""
        for q in history:
            self._rows.append((self._entities.add(q.subject), self._relations.add(q.relation),
                               self._entities.add(q.object), int(q.time)))
        self._model = self._history = self._arrays = None
        return self

    def __len__(self) -> int:
        return len(self._rows)

    def predict_objects(self, subject: str, relation: str, time: int | None = None, *,
                        k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` most likely objects of (subject, relation, ?, time), best first.

        Scores are normalised to sum to one over all entities: a ranking, not a
        calibrated probability. Unknown subjects or relations get no recurrency
        evidence; an empty history gives an empty list.
        """
        if not self._rows:
            return []
        now = self._now(time)
        facts, index, rules = self._built()
        history = self._history_at(now)
        s = self._entities.ids.get(subject)
        r = self._relations.ids.get(relation)
        if s is None or r is None:
            scores = history.popular * history.scale(self.options.relation_decay, now)
        else:
            scores = _score(history, rules, np.array([s]), np.array([r]), now)[0]
        return _top(scores, self._entities.names, k)

    def predict_relations(self, subject: str, object: str, time: int | None = None, *,
                          k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` most likely next relations subject → object, with probabilities.

        Recency-weighted counts of the dyad's events (both directions, the reverse at
        a lower weight) smoothed towards the subject's and then the global
        distribution (:class:`RelationOptions`); the probabilities of all relations
        sum to one, so the ``k`` returned sum to at most one.
        """
        if not self._rows:
            return []
        p = self.relation_distribution(subject, object, time)
        return _top(p, self._relations.names, k, normalise=False)

    def relation_distribution(self, subject: str, object: str,
                              time: int | None = None) -> np.ndarray:
        """Probabilities of every known relation (in first-seen order) for subject → object."""
        o = self.relation_options
        now = self._now(time)
        data = self._as_array()
        before = data[:, 3] < now
        s_, r_, o_, t_ = (column[before] for column in data.T)
        weight = o.decay ** (now - t_).astype(np.float64)
        n_rel = len(self._relations)
        overall = np.bincount(r_, weights=weight, minlength=n_rel)
        p = (overall + o.global_prior) / (overall.sum() + o.global_prior * n_rel)
        a = self._entities.ids.get(subject, -1)
        b = self._entities.ids.get(object, -1)
        own = np.bincount(r_[s_ == a], weights=weight[s_ == a], minlength=n_rel)
        p = (own + o.subject_prior * p) / (own.sum() + o.subject_prior)
        ahead, back = (s_ == a) & (o_ == b), (s_ == b) & (o_ == a)
        dyad = (np.bincount(r_[ahead], weights=weight[ahead], minlength=n_rel)
                + o.reverse * np.bincount(r_[back], weights=weight[back], minlength=n_rel))
        return (dyad + o.dyad_prior * p) / (dyad.sum() + o.dyad_prior)

    @property
    def relations(self) -> list[str]:
        return list(self._relations.names)

    def _now(self, time: int | None) -> int:
        return int(time) if time is not None else int(self._as_array()[:, 3].max()) + 1

    def _as_array(self) -> np.ndarray:
        if self._arrays is None:
            self._arrays = np.array(self._rows, dtype=np.int64).reshape(-1, 4)
        return self._arrays

    def _built(self) -> tuple[_Facts, _Index, np.ndarray]:
        if self._model is None:
            data = self._as_array()
            facts = _Facts.build(*data.T, n_entities=len(self._entities),
                                 n_relations=len(self._relations))
            index = _Index(facts)
            rules = _learn_rules(facts, index, int(facts.t.max()) + 1, self.options)
            self._model = (facts, index, rules)
        return self._model

    def _history_at(self, now: int) -> _History:
        facts, index, _ = self._built()
        history = self._history
        rewinds = history is not None and history.until is not None and history.until > now
        if history is None or rewinds:
            history = self._history = _History(facts, index, self.options)
        history.advance(now)
        return history


def _top(scores: np.ndarray, names: list[str], k: int, *,
         normalise: bool = True) -> list[tuple[str, float]]:
    scores = np.asarray(scores, dtype=np.float64)
    total = scores.sum()
    if normalise:
        if total <= 0:
            return []
        scores = scores / total
    order = np.argsort(-scores, kind="stable")[:k]
    return [(names[i], float(scores[i])) for i in order if scores[i] > 0]
