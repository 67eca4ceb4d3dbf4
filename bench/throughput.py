"""Throughput and memory baseline: dyads coding against bare spaCy parsing.

Codes a corpus of real articles with ``dyads.pipeline.code_documents`` and parses
the same texts with the same loaded spaCy pipeline (``dyads.nlp.load()``) through a
bare ``nlp.pipe``, alternately in one process, so the two figures are taken side by
side on the same machine state. It prints words/s, articles/s, the dyads/bare
ratio, the events produced and the process's peak RSS. It never asserts a timing:
a shared machine may be slow, and that must not fail anything.

It reads the corpus at run time (by default the PolNeAR development articles,
which are measurement-only data) and writes nothing.

    python bench/throughput.py [--corpus DIR|FILE.jsonl] [--limit N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dyads import nlp, pipeline
from dyads.ingest import Document, Problem, read_inputs

DEFAULT_CORPUS = Path("/work/shared/dev/quotes/polnear-dev/text")
WARM_UP_TEXT = (
    "The foreign minister met his Syrian counterpart in Damascus on Wednesday "
    "and said the two governments would cooperate."
)


@dataclass(frozen=True)
class Corpus:
    documents: list[Document]
    words: int
    skipped: list[Problem]


@dataclass(frozen=True)
class Machine:
    cores: int
    cores_usable: int
    cpu: str
    python: str
    spacy: str
    model: str
    model_version: str
    dyads: str


@dataclass(frozen=True)
class Timing:
    """Seconds per run for one measurement, and the throughput they give."""

    runs: list[float]
    words: int
    articles: int

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def summary(self) -> dict:
        return {
            "seconds_best": round(self.best, 3),
            "seconds_median": round(self.median, 3),
            "seconds_runs": [round(run, 3) for run in self.runs],
            "words_per_s_best": round(self.words / self.best, 1),
            "words_per_s_median": round(self.words / self.median, 1),
            "articles_per_s_best": round(self.articles / self.best, 3),
            "articles_per_s_median": round(self.articles / self.median, 3),
        }


@dataclass(frozen=True)
class Coding:
    events: int
    problems: int


# -- corpus ---------------------------------------------------------------------------


def load_corpus(path: Path, *, limit: int | None = None) -> Corpus:
    """Read a directory of .txt files or a .jsonl with ``text`` through dyads' own ingest."""
    documents: list[Document] = []
    skipped: list[Problem] = []
    for item in read_inputs([path]):
        if isinstance(item, Problem):
            if item.fatal:
                skipped.append(item)
            continue
        documents.append(item)
        if limit is not None and len(documents) >= limit:
            break
    return Corpus(documents, sum(word_count(d.text) for d in documents), skipped)


def word_count(text: str) -> int:
    return len(text.split())


# -- measurements ---------------------------------------------------------------------


def warm_up() -> None:
    """Load the model and dyads' data tables, so no timed run pays for loading."""
    pipeline.code_text(WARM_UP_TEXT, doc_id="warm-up", date="2022-10-19")
    for _ in nlp.load().pipe([WARM_UP_TEXT]):
        pass


def time_bare(texts: list[str]) -> float:
    language = nlp.load()
    gc.collect()
    start = time.perf_counter()
    # Same batch size as dyads, and nothing kept, so the memory figure is dyads'.
    for _ in language.pipe(texts, batch_size=pipeline.BATCH):
        pass
    return time.perf_counter() - start


def time_dyads(documents: list[Document]) -> tuple[float, Coding]:
    events = problems = 0
    gc.collect()
    start = time.perf_counter()
    for item in pipeline.code_documents(documents):
        if isinstance(item, Problem):
            problems += 1
        else:
            events += len(item.events)
    return time.perf_counter() - start, Coding(events, problems)


def measure(corpus: Corpus, *, repeat: int) -> tuple[Timing, Timing, Coding, float]:
    """Time bare parsing and dyads coding alternately, ``repeat`` rounds each.

    Also returns the peak RSS after the first bare pass, before dyads ever ran:
    ru_maxrss only grows, so that is the most the bare parse alone needed.
    """
    texts = [d.text for d in corpus.documents]
    bare_runs: list[float] = []
    dyads_runs: list[float] = []
    coding = Coding(0, 0)
    rss_bare = 0.0
    for _ in range(repeat):
        bare_runs.append(time_bare(texts))
        rss_bare = rss_bare or peak_rss_mib()
        seconds, coding = time_dyads(corpus.documents)
        dyads_runs.append(seconds)
    articles = len(corpus.documents)
    return (Timing(bare_runs, corpus.words, articles),
            Timing(dyads_runs, corpus.words, articles), coding, rss_bare)


def peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- machine --------------------------------------------------------------------------


def describe_machine() -> Machine:
    import spacy

    import dyads

    language = nlp.load()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return Machine(
        cores=os.cpu_count() or 0,
        cores_usable=usable or 0,
        cpu=cpu_name(),
        python=platform.python_version(),
        spacy=spacy.__version__,
        model=nlp.model_name(),
        model_version=str(language.meta.get("version", "?")),
        dyads=dyads.__version__,
    )


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# -- report ---------------------------------------------------------------------------


def build_report(*, corpus_path: Path, corpus: Corpus, machine: Machine, repeat: int,
                 bare: Timing, coded: Timing, coding: Coding,
                 rss_loaded: float, rss_bare: float, rss_peak: float) -> dict:
    articles = len(corpus.documents)
    return {
        "machine": asdict(machine),
        "corpus": {
            "path": str(corpus_path),
            "articles": articles,
            "words": corpus.words,
            "skipped_inputs": len(corpus.skipped),
        },
        "repeat": repeat,
        "bare_spacy": bare.summary(),
        "dyads": coded.summary(),
        "ratio_dyads_over_bare_best": round(bare.best / coded.best, 3),
        "ratio_dyads_over_bare_median": round(bare.median / coded.median, 3),
        "events": coding.events,
        "events_per_article": round(coding.events / articles, 2) if articles else 0.0,
        "coding_problems": coding.problems,
        "peak_rss_mib_after_load": round(rss_loaded, 1),
        "peak_rss_mib_after_bare": round(rss_bare, 1),
        "peak_rss_mib": round(rss_peak, 1),
        "peak_rss_note": "ru_maxrss: peak of the whole process (model, corpus, both measurements)",
    }


def print_report(report: dict) -> None:
    machine, corpus = report["machine"], report["corpus"]
    bare, coded = report["bare_spacy"], report["dyads"]
    print(f"machine : {machine['cores']} cores ({machine['cores_usable']} usable), {machine['cpu']}")
    print(f"software: python {machine['python']}, spaCy {machine['spacy']}, "
          f"model {machine['model']} {machine['model_version']}, dyads {machine['dyads']}")
    print(f"corpus  : {corpus['path']}: {corpus['articles']} articles, {corpus['words']:,} words"
          + (f" ({corpus['skipped_inputs']} inputs skipped)" if corpus["skipped_inputs"] else ""))
    print(f"runs    : {report['repeat']} per measurement, bare and dyads alternating; "
          "best / median")
    print()
    print(f"{'':14}{'words/s':>20}{'articles/s':>18}{'seconds':>18}")
    for label, figures in (("bare spaCy", bare), ("dyads", coded)):
        print(f"{label:14}"
              f"{figures['words_per_s_best']:>10,.0f} /{figures['words_per_s_median']:>8,.0f}"
              f"{figures['articles_per_s_best']:>9.2f} /{figures['articles_per_s_median']:>7.2f}"
              f"{figures['seconds_best']:>9.2f} /{figures['seconds_median']:>7.2f}")
    print()
    print(f"dyads / bare throughput: {report['ratio_dyads_over_bare_best']:.2f} (best), "
          f"{report['ratio_dyads_over_bare_median']:.2f} (median)")
    print(f"events  : {report['events']} ({report['events_per_article']:.2f} per article)"
          + (f", {report['coding_problems']} documents failed" if report["coding_problems"] else ""))
    print(f"peak RSS: {report['peak_rss_mib']:.0f} MiB for the whole process "
          f"({report['peak_rss_mib_after_load']:.0f} MiB after loading the model and corpus, "
          f"{report['peak_rss_mib_after_bare']:.0f} MiB after the first bare pass)")


# -- command line ---------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="a directory of .txt files or a .jsonl with `text` (default: PolNeAR dev)")
    parser.add_argument("--limit", type=int, default=None, help="code at most N articles")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement R times")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = load_corpus(args.corpus, limit=args.limit)
    if not corpus.documents:
        reasons = "; ".join(f"{p.where}: {p.reason}" for p in corpus.skipped[:3])
        print(f"no readable articles in {args.corpus}" + (f" ({reasons})" if reasons else ""),
              file=sys.stderr)
        return 1
    warm_up()
    machine = describe_machine()
    rss_loaded = peak_rss_mib()
    bare, coded, coding, rss_bare = measure(corpus, repeat=args.repeat)
    report = build_report(corpus_path=args.corpus, corpus=corpus, machine=machine,
                          repeat=args.repeat, bare=bare, coded=coded, coding=coding,
                          rss_loaded=rss_loaded, rss_bare=rss_bare, rss_peak=peak_rss_mib())
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
