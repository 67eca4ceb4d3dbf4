"""Evaluate the actor resolver alone on gold actor mentions (no parser, no coder).

``evaluate_actor_resolution()`` reads every annotated actor of the labelled
sentences (the PLOVER gold records and the CAMEO manual examples: each has
``source``/``target`` lists of ``{actorText, code, sector}``), resolves the
annotated text with :meth:`dyads.actors.ActorBase.resolve` on the item's date, and
scores two things per mention:

- country: the first three letters of the code (``SYR`` of ``SYRGOV``; ``IGO`` of
  ``IGOUNO``), the gold code read through the base's legacy codes (``JAP`` -> ``JPN``);
- full: country plus sector. The gold sector is the annotated one (``GOV``; an ethnic
  suffix such as ``CVLalb`` counts as ``CVL``; ``***`` means "any sector"); the
  predicted code is written in the annotations' scheme as ``dyads evaluate`` scores
  it (``PSEREBHMS`` -> ``PSEREB``, ``IGOUNO`` -> ``IGO``, ``IGOUNOPKO`` -> ``IGOMIL``).

An unresolved mention counts as wrong on both. This measures what the coder can at
best get from the resolver; the end-to-end figures (``dyads evaluate plover``) also
depend on which phrase the coder hands over. The two files overlap (most CAMEO manual
examples are PLOVER records); the ``all`` row counts each distinct mention once.

The dev files are read at run time from ``data_dir``, else ``$DYADS_DEV_DATA``, else
``shared/dev`` in the current directory or one of its parents. Nothing is written.

    python -m dyads.evaluate_actors [--data-dir DIR] [--limit N] [--failures N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyads.actors import Actor, ActorBase
from dyads.evaluate import dev_root, plover_form
from dyads.errors import DataError, DyadsError, UsageError

__all__ = ["DATASETS", "GoldMention", "evaluate_actor_resolution", "format_report", "gold_mentions"]

# Same conventions as dyads.evaluate: where the dev data is and the date that stands in
# for items without one.
DEV_DATA_ENV = "DYADS_DEV_DATA"
DEFAULT_DATE = "2020-01-01"
DATASETS: dict[str, str] = {
    "plover": "PLOVER_GSR_CAMEO.txt",
    "cameo-manual": "cameo_manual_examples_cameo_plus_plover.jsonl",
}


@dataclass(frozen=True)
class GoldMention:
    dataset: str
    item: str                 # record id
    role: str                 # source | target
    text: str                 # the annotated actor text
    date: str
    code: str                 # annotated code, as written (may be a legacy code)
    sector: str | None        # annotated sector, as written
    sentence: str


# -- reading the gold ------------------------------------------------------------------------
def _dev_root(data_dir: str | os.PathLike[str] | None) -> Path:
    root = dev_root(data_dir)
    if root is None:
        raise UsageError(f"no dev-data folder: pass data_dir (--data-dir) or set ${DEV_DATA_ENV} "
                         "to the folder holding PLOVER_GSR_CAMEO.txt")
    return root


def _records(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc})") from None
    return data if isinstance(data, list) else []


def gold_mentions(*, data_dir: str | os.PathLike[str] | None = None,
                  limit: int | None = None) -> Iterator[GoldMention]:
    """Every annotated actor of both files (the first ``limit`` records of each)."""
    root = _dev_root(data_dir)
    for name, file in DATASETS.items():
        records = [r for r in _records(root / file) if isinstance(r, dict) and r.get("text")]
        for record in records[:limit]:
            for role in ("source", "target"):
                actors = record.get(role)
                # The PLOVER file writes "" (or a stray word) for "no target".
                if not isinstance(actors, list):
                    continue
                for actor in actors:
                    if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                        yield GoldMention(name, str(record.get("id", "")), role, str(actor["actorText"]),
                                          str(record.get("date") or DEFAULT_DATE)[:10],
                                          str(actor["code"]).strip().upper(),
                                          (str(actor.get("sector") or "").strip() or None), str(record["text"]))


# -- scoring ---------------------------------------------------------------------------------
def _gold_codes(mention: GoldMention, base: ActorBase) -> tuple[str, str | None]:
    """(country, full) of the annotation; full is None when any sector will do."""
    code = base.canonical_code(mention.code)
    sector = (mention.sector or "")[:3].upper()
    if "*" in sector:
        return code[:3], None
    return code[:3], code[:3] + sector


def _predicted_codes(actor: Actor | None) -> tuple[str, str]:
    if actor is None or not actor.code:
        return "", ""
    # the annotations' scheme, as `dyads evaluate` scores them, without the ethnic part
    return actor.code[:3], plover_form(actor.code)[:6].upper()


def _score(mention: GoldMention, base: ActorBase) -> dict[str, Any]:
    actor = base.resolve(mention.text, date=mention.date)
    gold_country, gold_full = _gold_codes(mention, base)
    country, full = _predicted_codes(actor)
    return {
        "dataset": mention.dataset, "item": mention.item, "role": mention.role, "text": mention.text,
        "date": mention.date, "gold": mention.code + (mention.sector or ""),
        "got": actor.code if actor is not None else None,
        "country_ok": country == gold_country,
        "full_ok": country == gold_country and (gold_full is None or full == gold_full),
        "why": base.explain(mention.text, date=mention.date)[-1],
        "sentence": mention.sentence,
    }


def _summary(rows: Sequence[dict]) -> dict[str, float | int]:
    n = len(rows)
    return {
        "mentions": n,
        "resolved": sum(r["got"] is not None for r in rows),
        "country_accuracy": round(sum(r["country_ok"] for r in rows) / n, 4) if n else 0.0,
        "full_accuracy": round(sum(r["full_ok"] for r in rows) / n, 4) if n else 0.0,
    }


def evaluate_actor_resolution(*, data_dir: str | os.PathLike[str] | None = None,
                              limit: int | None = None, base: ActorBase | None = None) -> dict[str, Any]:
    """Resolve every gold actor mention and score it.

    Returns ``{"datasets": {name: summary}, "all": summary, "failures": [row, ...]}``;
    a summary holds ``mentions``, ``resolved``, ``country_accuracy`` and
    ``full_accuracy``; a failure row holds the mention, its gold and predicted codes
    and the resolver's reason. ``base`` defaults to :meth:`ActorBase.default`."""
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be a positive number of records, not {limit}")
    base = base or ActorBase.default()
    rows = [_score(m, base) for m in gold_mentions(data_dir=data_dir, limit=limit)]
    distinct = list({(r["sentence"], r["role"], r["text"], r["gold"]): r for r in rows}.values())
    return {
        "datasets": {name: _summary([r for r in rows if r["dataset"] == name]) for name in DATASETS},
        "all": _summary(distinct),
        "failures": [r for r in distinct if not r["full_ok"]],
    }


def format_report(report: dict[str, Any], *, failures: int = 20) -> str:
    """The summary as a table, then the first ``failures`` failed mentions."""
    lines = [f"{'dataset':<14}{'mentions':>9}{'resolved':>10}{'country':>9}{'full':>8}"]
    for name, s in [*report["datasets"].items(), ("all", report["all"])]:
        lines.append(f"{name:<14}{s['mentions']:>9}{s['resolved']:>10}"
                     f"{s['country_accuracy']:>9.3f}{s['full_accuracy']:>8.3f}")
    shown = report["failures"][:failures]
    if shown:
        lines += ["", f"failures ({len(shown)} of {len(report['failures'])}): text | gold | got | why"]
        lines += [f"  {'C' if r['country_ok'] else 'X'} {r['text']!r} | {r['gold']} | {r['got']} | {r['why']}"
                  for r in shown]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyads.evaluate_actors",
                                     description="Score the actor resolver on gold actor mentions.")
    parser.add_argument("--data-dir", help="folder holding PLOVER_GSR_CAMEO.txt")
    parser.add_argument("--limit", type=int, help="first N records of each file")
    parser.add_argument("--failures", type=int, default=20, help="failed mentions to list")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        report = evaluate_actor_resolution(data_dir=args.data_dir, limit=args.limit)
    except DyadsError as exc:
        print(f"dyads: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({**report, "failures": report["failures"][:args.failures]}, ensure_ascii=False))
    else:
        print(format_report(report, failures=args.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
