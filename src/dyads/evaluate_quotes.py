"""Evaluate quotes: score :func:`dyads.quotes.find_attributions` on PolNeAR.

PolNeAR (Newell, Margolin and Ruths, 2018) annotates attributions in 2016 US political
news as brat standoff: ``T1<TAB>Source 110 112<TAB>we`` lines give spans (several
``start end`` pairs joined by ``;`` when a span is discontinuous) and ``E`` lines tie a
Source, a Cue and a Content together. The corpus is measurement-only data: it is read
at run time from the dev-data folder (``data_dir``, else ``$DYADS_DEV_DATA``, else
``shared/dev`` in the current directory or one of its parents) and nothing of it ships.

Protocol, after the published baselines (sequence labelling of source, cue and content
spans, scored span by span):

- every role is scored on its own; a document's gold spans of a role are the
  contiguous pieces of its annotated spans (a discontinuous content is two pieces),
  whitespace trimmed; predicted spans are deduplicated the same way (a speaker with
  two quoted pieces is one source span);
- *exact*: a predicted span counts when a gold span of the same role has the same
  start and end; *overlap*: when it shares at least one character with one, each gold
  span matched at most once (largest overlaps first);
- precision, recall and F1 are micro-averaged over all documents;
- a direct quote is scored with its quotation marks, as PolNeAR marks it;
- a document annotated by several annotators is scored against one of them, the first
  in alphabetical order of annotator id, so every document counts once.

Reads only the folder it is pointed at; writes and prints nothing.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from dyads.evaluate import required_dev_root
from dyads.errors import DataError, UsageError
from dyads.quotes import Attribution, find_attributions

__all__ = ["GoldDocument", "QuoteReport", "evaluate_polnear", "load_polnear", "predicted_spans", "score"]

ROLES = ("source", "cue", "content")
SPLITS = ("train", "dev")
Span = tuple[int, int]

_SPAN_LINE = re.compile(r"^T\d+\t(\w+) ([\d ;]+)\t", re.MULTILINE)


@dataclass(frozen=True)
class GoldDocument:
    name: str
    annotator: str
    text: str
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)   # role -> pieces
    attributions: int = 0                                               # E lines


class QuoteReport(dict):
    """Metrics as a dict (``source_exact_f1`` ...) that can also print itself."""

    def table(self) -> str:
        lines = [f"PolNeAR {self['split']}: {self['documents']} documents, "
                 f"{self['gold_attributions']} gold attributions ({self['path']})",
                 f"{'role':<8} {'gold':>6} {'pred':>6}   {'exact P':>7} {'R':>6} {'F1':>6}"
                 f"   {'overlap P':>9} {'R':>6} {'F1':>6}"]
        for role in ROLES:
            lines.append(
                f"{role:<8} {self[f'{role}_gold']:>6} {self[f'{role}_predicted']:>6}   "
                f"{self[f'{role}_exact_p']:>7.3f} {self[f'{role}_exact_r']:>6.3f} "
                f"{self[f'{role}_exact_f1']:>6.3f}   {self[f'{role}_overlap_p']:>9.3f} "
                f"{self[f'{role}_overlap_r']:>6.3f} {self[f'{role}_overlap_f1']:>6.3f}")
        lines.append(f"wall time {self['wall_seconds']:.1f} s")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return dict(self)


# -- public API -------------------------------------------------------------------------------


def evaluate_polnear(split: str = "dev", *, data_dir: str | os.PathLike[str] | None = None,
                     limit: int | None = None) -> QuoteReport:
    """Parse every article of a PolNeAR split, find its attributions and score them."""
    from dyads import nlp

    started = time.perf_counter()
    golds = load_polnear(split, data_dir=data_dir, limit=limit)
    pipeline = nlp.load()
    predicted = [find_attributions(doc)
                 for doc in pipeline.pipe((g.text for g in golds), batch_size=16)]
    report = score(golds, predicted)
    report["split"] = split
    report["path"] = str(_split_dir(split, data_dir))
    report["wall_seconds"] = round(time.perf_counter() - started, 3)
    return report


def load_polnear(split: str = "dev", *, data_dir: str | os.PathLike[str] | None = None,
                 limit: int | None = None) -> list[GoldDocument]:
    """The gold documents of a split, one annotation each, in file-name order."""
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be a positive number of documents, not {limit}")
    folder = _split_dir(split, data_dir)
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        chosen.setdefault(name, path)
    golds = []
    for name, path in sorted(chosen.items()):
        text_path = folder / "text" / f"{name}.txt"
        try:
            text = text_path.read_text(encoding="utf-8")
            standoff = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(f"{exc.filename}: cannot read PolNeAR file ({exc.strerror})") from None
        relations = len(re.findall(r"^E\d+\t", standoff, re.MULTILINE))
        golds.append(GoldDocument(name, path.stem.rpartition("_")[2], text,
                                  _gold_spans(standoff, text), relations))
        if limit is not None and len(golds) >= limit:
            break
    return golds


def predicted_spans(text: str, attributions: Iterable[Attribution]) -> dict[str, tuple[Span, ...]]:
    """The spans of each role that attributions predict, deduplicated, with the
    quotation marks of direct quotes included."""
    out: dict[str, set[Span]] = {role: set() for role in ROLES}
    for a in attributions:
        if a.source is not None:
            out["source"].add(_strip(text, a.source))
        if a.cue is not None:
            out["cue"].add(_strip(text, a.cue))
        start, end = a.content
        if a.direct:
            start, end = _with_marks(text, start, end)
        out["content"].add(_strip(text, (start, end)))
    return {role: tuple(sorted(s for s in spans if s[1] > s[0])) for role, spans in out.items()}


def score(golds: Sequence[GoldDocument], predicted: Sequence[Sequence[Attribution]]) -> QuoteReport:
    """Exact and overlap precision, recall and F1 per role, micro-averaged."""
    if len(golds) != len(predicted):
        raise UsageError(f"{len(golds)} gold documents but {len(predicted)} predictions")
    counts = {role: [0, 0, 0, 0] for role in ROLES}   # gold, predicted, exact, overlap
    gold_attributions = 0
    for gold, found in zip(golds, predicted):
        spans = predicted_spans(gold.text, found)
        gold_attributions += gold.attributions
        for role in ROLES:
            g = gold.spans.get(role, ())
            p = spans[role]
            c = counts[role]
            c[0] += len(g)
            c[1] += len(p)
            c[2] += len(set(g) & set(p))
            c[3] += _overlap_matches(g, p)
    report = QuoteReport(documents=len(golds), gold_attributions=gold_attributions,
                         split="", path="", wall_seconds=0.0)
    for role, (n_gold, n_pred, exact, overlap) in counts.items():
        report[f"{role}_gold"] = n_gold
        report[f"{role}_predicted"] = n_pred
        for name, hits in (("exact", exact), ("overlap", overlap)):
            p = hits / n_pred if n_pred else 0.0
            r = hits / n_gold if n_gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            report[f"{role}_{name}_p"] = round(p, 4)
            report[f"{role}_{name}_r"] = round(r, 4)
            report[f"{role}_{name}_f1"] = round(f, 4)
    return report


# -- reading brat standoff ------------------------------------------------------------------------


def _gold_spans(standoff: str, text: str) -> dict[str, tuple[Span, ...]]:
    out: dict[str, set[Span]] = {role: set() for role in ROLES}
    for match in _SPAN_LINE.finditer(standoff):
        role = match.group(1).lower()
        if role not in out:
            continue          # Attribution (the relation's anchor), Discuss, Discard
        for piece in match.group(2).split(";"):
            start, end = (int(x) for x in piece.split())
            if not 0 <= start < end <= len(text):
                raise DataError(f"PolNeAR span {start}-{end} lies outside its text")
            span = _strip(text, (start, end))
            if span[1] > span[0]:
                out[role].add(span)
    return {role: tuple(sorted(spans)) for role, spans in out.items()}


def _split_dir(split: str, data_dir: str | os.PathLike[str] | None) -> Path:
    if split not in SPLITS:
        raise UsageError(f"PolNeAR split {split!r}: use one of {', '.join(SPLITS)} "
                         "(the test split is kept for release checks)")
    root, hint = required_dev_root("PolNeAR", "quotes/polnear-dev", data_dir)
    for folder in (root / "quotes" / f"polnear-{split}", root / f"polnear-{split}", root):
        if (folder / "attributions").is_dir() and (folder / "text").is_dir():
            return folder
    raise UsageError(f"PolNeAR {split}: {root / 'quotes' / f'polnear-{split}'} does not exist; {hint}")


# -- span arithmetic ---------------------------------------------------------------------------------


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _with_marks(text: str, start: int, end: int) -> Span:
    if text[max(0, start - 2):start] == "''":
        start -= 2
    elif start > 0 and text[start - 1] in "\u201c\"":
        start -= 1
    if text[end:end + 2] == "''":
        end += 2
    elif end < len(text) and text[end] in "\u201d\"":
        end += 1
    return start, end


def _overlap_matches(gold: Sequence[Span], predicted: Sequence[Span]) -> int:
    pairs = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(predicted):
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0:
                pairs.append((shared, i, j))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return len(used_gold)
