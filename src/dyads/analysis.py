"""Relations between actors over time: dyad timelines, relation states, the actor network.

Everything here reads a :class:`~dyads.store.Store` and works on *canonical* events
(mentions of one event in many articles linked by the store's dedup), so that an event
reported forty times counts once. What counts as something that happened: dated,
not negated, not generic, and of modality actual, intent or demand; hypothetical and
future events are what :func:`dyads.ask.next_steps` reads instead.

- :func:`timeline` counts a dyad's events per period and direction (QuadClass 1-4,
  Goldstein sum and mean), with the relation state of each period;
- :func:`relation_states` turns the dyad's events into a sequence of states
  (cooperative, neutral, hostile) and names each change ("rupture",
  "reconciliation", ...) with the events that caused it;
- :func:`network` builds the actor graph (networkx) with cooperation and conflict
  weights, centralities and brokers; :func:`write_network` exports GEXF/GraphML;
- :func:`plot_timeline` draws timeline rows with matplotlib.

Actor codes match by CAMEO prefix, as in the store: "SYR" covers SYRGOV and SYRMIL.
This module writes only the files it is asked to write.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from dyads import codebook
from dyads.actors import known_code
from dyads.errors import DataError, UsageError
from dyads.store import Store

if TYPE_CHECKING:  # networkx is imported when a network is built
    import networkx as nx

__all__ = [
    "MEDIATION_CODES",
    "StateOptions",
    "actor_code",
    "brokers",
    "compatible",
    "dyad_events",
    "explain",
    "happened",
    "network",
    "plot_timeline",
    "relation_states",
    "timeline",
    "write_network",
]

PERIODS = ("day", "week", "month", "year")
MEDIATION_CODES = frozenset({"045", "039", "038"})
# How much one event of each modality weighs in a relation state: a stated
# intention is half a deed; hypothetical and future events are not deeds at all.
MODALITY_WEIGHT = {"actual": 1.0, "intent": 0.5, "demand": 1.0}


# --- which events count -------------------------------------------------------


def happened(event: dict[str, Any]) -> bool:
    """Whether an event record reports something that happened, at a known date."""
    return (
        event.get("date") is not None
        and not event.get("negated")
        and not event.get("generic")
        and (event.get("modality") or "actual") in MODALITY_WEIGHT
    )


def actor_code(store: Store, name: str) -> str:
    """An actor code from a code or a name: "SYRGOV", "syr", "Hamas".

    A code (or CAMEO prefix) of an actor in the store is taken as it is; anything
    else is resolved through the actor base. UsageError when neither knows it.
    """
    text = (name or "").strip()
    if not text:
        raise UsageError("an actor is needed (a CAMEO code such as SYRGOV, or a name)")
    code = text.upper()
    if any(a["code"].startswith(code) for a in store.actors()):
        return code
    from dyads.actors import ActorBase

    actor = ActorBase.default().resolve(text)
    if actor is None or not actor.code:
        raise UsageError(f"unknown actor {text!r}: not a code in the store and not a name dyads knows")
    return actor.code


def dyad_events(
    store: Store,
    a: str,
    b: str,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> list[dict[str, Any]]:
    """Canonical events between a and b (either direction) that happened, by date."""
    return [e for e in store.canonical_events(dyad=(a, b), since=since, until=until) if happened(e)]


def _direction(event: dict[str, Any], a: str, b: str) -> tuple[str, str]:
    source = _code(event.get("source"))
    return (a, b) if source.startswith(a.upper()) else (b, a)


def compatible(code: str, query: str) -> bool:
    """Whether an event's actor code answers a query code: SYRGOV answers SYR (the
    store's prefix rule), and SYR answers SYRGOV (a country named for its state)."""
    return bool(code) and (code.startswith(query) or query.startswith(code))


def _code(actor: dict[str, Any] | None) -> str:
    """An actor's code; "" for no actor and for a name the actor base does not know
    (no country, so no node or dyad of its own)."""
    return known_code(actor) or ""


# --- timelines ----------------------------------------------------------------


def timeline(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> list[dict[str, Any]]:
    """Per period and direction: counts by QuadClass, Goldstein sum and mean, state.

    One row per direction (a→b, b→a) for every period with at least one event, so
    the rows load straight into a DataFrame. ``state`` is the relation state at the
    end of the period and ``change`` the change(s) that happened in it (see
    :func:`relation_states`). An event dated only to a year or month is counted at
    the start of it.
    """
    if by not in PERIODS:
        raise UsageError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = a.upper(), b.upper()
    events = dyad_events(store, a, b, since=since, until=until)
    cells: dict[tuple[dt.date, str, str], list[dict[str, Any]]] = {}
    for event in events:
        start = _period_start(_date(event["date"]), by)
        source, target = _direction(event, a, b)
        cells.setdefault((start, source, target), []).append(event)
    segments = relation_states(store, a, b) if events else []
    rows = []
    for start in sorted({key[0] for key in cells}):
        end = _period_end(start, by)
        state, changes = _state_in(segments, start, end)
        for source, target in ((a, b), (b, a)):
            rows.append(_timeline_row(start, by, source, target, cells.get((start, source, target), []),
                                      state, changes))
    return rows


def _timeline_row(start: dt.date, by: str, source: str, target: str, events: list[dict[str, Any]],
                  state: str | None, changes: list[str]) -> dict[str, Any]:
    quads = [int(e.get("quad_class") or 0) for e in events]
    scores = [float(e["goldstein"]) for e in events if e.get("goldstein") is not None]
    return {
        "period": _period_label(start, by),
        "start": start.isoformat(),
        "source": source,
        "target": target,
        "events": len(events),
        "mentions": sum(int(e.get("num_mentions") or 1) for e in events),
        **{f"quad_{q}": quads.count(q) for q in (1, 2, 3, 4)},
        "goldstein_sum": round(sum(scores), 3),
        "goldstein_mean": round(sum(scores) / len(scores), 3) if scores else None,
        "state": state,
        "change": ",".join(changes) or None,
    }


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _period_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def _period_end(start: dt.date, by: str) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=6)
    if by == "month":
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    if by == "year":
        return start.replace(month=12, day=31)
    return start


def _period_label(start: dt.date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "year":
        return str(start.year)
    return start.isoformat()


def _state_in(segments: list[dict[str, Any]], start: dt.date, end: dt.date) -> tuple[str | None, list[str]]:
    state = None
    changes = []
    for segment in segments:
        began = _date(segment["start"])
        if began <= end:
            state = segment["state"]
            if began >= start and segment["change"]:
                changes.append(segment["change"])
    return state, changes


# --- relation states ----------------------------------------------------------


@dataclass(frozen=True)
class StateOptions:
    """How events become relation states.

    The score at a date is a decayed mean of Goldstein values (each event weighted by
    its modality and halved every ``half_life_days``) shrunk towards 0 by a neutral
    prior worth ``prior`` events; it is hostile at or below ``hostile``, cooperative
    at or above ``cooperative``. Leaving a state takes ``hysteresis`` more, so that
    one mild event does not make the relation flicker.
    """

    half_life_days: float = 90.0
    prior: float = 1.0
    hostile: float = -1.0
    cooperative: float = 1.0
    hysteresis: float = 0.5


_CHANGES = {
    ("neutral", "hostile"): "rupture",
    ("cooperative", "hostile"): "rupture",
    ("hostile", "neutral"): "reconciliation",
    ("hostile", "cooperative"): "reconciliation",
    ("neutral", "cooperative"): "rapprochement",
    ("cooperative", "neutral"): "cooling",
}


def relation_states(
    store: Store, a: str, b: str, *, options: StateOptions = StateOptions()
) -> list[dict[str, Any]]:
    """The a-b relation as a sequence of states, each opened by a dated, explained change.

    Each segment: ``state``, ``start``, ``end`` (the next segment's start, None for
    the current one), ``change`` (how it began: "rupture", "reconciliation",
    "rapprochement", "cooling"; None when the first state is neutral), ``score``,
    ``events`` (canonical events in the segment), ``because`` (the events of the
    change date that pushed the relation that way, with their evidence) and, for a
    reconciliation or rapprochement, ``brokers`` (third parties that mediated between
    a and b in the year before). Events reported as history count at their own date.
    Before the first event the relation is taken as neutral.
    """
    a, b = a.upper(), b.upper()
    events = dyad_events(store, a, b)
    steps: dict[dt.date, list[dict[str, Any]]] = {}
    for event in events:
        steps.setdefault(_date(event["date"]), []).append(event)
    segments: list[dict[str, Any]] = []
    state = "neutral"
    total = weight = 0.0
    last: dt.date | None = None
    mediations: list[dict[str, Any]] | None = None
    for day in sorted(steps):
        if last is not None:
            decay = 0.5 ** ((day - last).days / options.half_life_days)
            total, weight = total * decay, weight * decay
        last = day
        for event in steps[day]:
            w = MODALITY_WEIGHT[event.get("modality") or "actual"]
            total += w * _goldstein(event)
            weight += w
        score = total / (weight + options.prior)
        new = _next_state(state, score, options)
        if segments and new == state:
            segments[-1]["events"] += len(steps[day])
            continue
        change = _CHANGES.get((state, new))
        if segments:
            segments[-1]["end"] = day.isoformat()
        segment = {
            "state": new,
            "start": day.isoformat(),
            "date_precision": _precision(steps[day]),
            "end": None,
            "change": change,
            "score": round(score, 3),
            "events": len(steps[day]),
            "because": _because(steps[day], change),
        }
        if change in ("reconciliation", "rapprochement"):
            if mediations is None:
                mediations = brokers(store.events(cameo=sorted(MEDIATION_CODES)))
            segment["brokers"] = _brokers_before(mediations, a, b, day)
        segments.append(segment)
        state = new
    return segments


def _goldstein(event: dict[str, Any]) -> float:
    if event.get("goldstein") is not None:
        return float(event["goldstein"])
    try:
        return codebook.cameo(event.get("cameo") or "").goldstein
    except DataError:
        return 0.0


def _next_state(state: str, score: float, options: StateOptions) -> str:
    if score >= options.cooperative:
        return "cooperative"
    if score <= options.hostile:
        return "hostile"
    if state == "hostile" and score <= options.hostile + options.hysteresis:
        return "hostile"
    if state == "cooperative" and score >= options.cooperative - options.hysteresis:
        return "cooperative"
    return "neutral"


def _precision(events: list[dict[str, Any]]) -> str:
    order = ("day", "month", "year", "unknown")
    found = [e.get("date_precision") or "unknown" for e in events]
    return min(found, key=lambda p: order.index(p) if p in order else len(order))


def _because(events: list[dict[str, Any]], change: str | None) -> list[dict[str, Any]]:
    """The events of a change date that pushed the relation the way it went."""
    if change in ("rupture", "cooling"):
        pushing = [e for e in events if _goldstein(e) < 0]
    elif change in ("reconciliation", "rapprochement"):
        pushing = [e for e in events if _goldstein(e) > 0]
    else:
        pushing = []
    chosen = pushing or events
    chosen = sorted(chosen, key=lambda e: -abs(_goldstein(e)) * int(e.get("num_articles") or 1))
    return [explain(e) for e in chosen]


def explain(event: dict[str, Any]) -> dict[str, Any]:
    """The short, citable form of an event: who, what, when, and the sentence."""
    try:
        name = codebook.cameo(event.get("cameo") or "").name
    except DataError:
        name = None
    evidence = event.get("evidence") or {}
    return {
        "event_id": event.get("canonical_id") or event.get("event_id"),
        "date": event.get("date"),
        "date_precision": event.get("date_precision"),
        "source": _code(event.get("source")) or None,
        "target": _code(event.get("target")) or None,
        "cameo": event.get("cameo"),
        "action": name,
        "goldstein": event.get("goldstein"),
        "modality": event.get("modality"),
        "historical": event.get("historical"),
        "num_articles": event.get("num_articles", 1),
        "doc_id": event.get("doc_id"),
        "sentence": event.get("sentence"),
        "evidence": evidence.get("text"),
    }


# --- brokers and the network --------------------------------------------------


def brokers(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Third parties of mediation events (CAMEO 045, 039, 038) between two parties.

    The coder writes "X brokered the A-B reconciliation" as one event per target;
    the source of mediation events of one sentence with two or more targets is a
    broker between each pair of them. One entry per (broker, pair), evidence kept.
    """
    sentences: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for event in events:
        if event.get("cameo") in MEDIATION_CODES and not event.get("negated") and _code(event.get("source")):
            key = (event.get("doc_id"), event.get("sentence"), _code(event["source"]))
            sentences.setdefault(key, []).append(event)
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for (_, _, broker), group in sentences.items():
        targets = sorted({_code(e.get("target")) for e in group} - {"", broker})
        for pair in combinations(targets, 2):
            entry = found.setdefault((broker, *pair), {
                "code": broker,
                "name": (group[0]["source"] or {}).get("name"),
                "between": list(pair),
                "how": "mediation",
                "dates": [],
                "evidence": [],
            })
            if group[0].get("date") and group[0]["date"] not in entry["dates"]:
                entry["dates"].append(group[0]["date"])
            text = (group[0].get("evidence") or {}).get("text")
            if text and text not in [e["text"] for e in entry["evidence"]]:
                entry["evidence"].append({"text": text, "doc_id": group[0].get("doc_id"),
                                          "sentence": group[0].get("sentence")})
    return sorted(found.values(), key=lambda e: (e["code"], e["between"]))


def _brokers_before(mediations: list[dict[str, Any]], a: str, b: str, day: dt.date) -> list[dict[str, Any]]:
    earliest = day - dt.timedelta(days=366)
    out = []
    for entry in mediations:
        x, y = entry["between"]
        if not ((compatible(x, a) and compatible(y, b)) or (compatible(x, b) and compatible(y, a))):
            continue
        dates = [d for d in entry["dates"] if earliest <= _date(d) <= day]
        if dates:
            out.append({**entry, "dates": dates})
    return out


def network(
    store: Store,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_betweenness: float = 0.1,
) -> nx.DiGraph:
    """The actor graph of the canonical events that happened in the period.

    Edge source→target attributes: ``events``, ``cooperation`` (QuadClass 1-2),
    ``conflict`` (QuadClass 3-4), ``goldstein`` (sum), ``goldstein_mean`` and
    ``weight`` (= events). Node attributes: ``name``, ``events``, ``degree``,
    ``betweenness`` (on the undirected graph), ``broker`` ("mediation",
    "betweenness" or "") and ``broker_between``. ``graph.graph["brokers"]`` lists
    the brokers with their evidence: mediators first, then actors whose
    betweenness is at least ``min_betweenness``.
    """
    nx = _optional("networkx", "networkx")
    graph = nx.DiGraph(since=_bound(since), until=_bound(until))
    names = {a["code"]: a["name"] for a in store.actors()}
    for event in store.canonical_events(since=since, until=until, mentions=False):
        source, target = _code(event.get("source")), _code(event.get("target"))
        if not (source and target) or source == target or not happened(event):
            continue
        for code in (source, target):
            if code not in graph:
                graph.add_node(code, name=names.get(code) or code, events=0)
            graph.nodes[code]["events"] += 1
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, events=0, cooperation=0, conflict=0, goldstein=0.0)
        edge = graph.edges[source, target]
        edge["events"] += 1
        edge["cooperation" if int(event.get("quad_class") or 1) <= 2 else "conflict"] += 1
        edge["goldstein"] = round(edge["goldstein"] + _goldstein(event), 3)
    for _, _, edge in graph.edges(data=True):
        edge["weight"] = edge["events"]
        edge["goldstein_mean"] = round(edge["goldstein"] / edge["events"], 3)
    _centrality(graph)
    _mark_brokers(graph, store, since=since, until=until, min_betweenness=min_betweenness)
    return graph


def _optional(module: str, package: str) -> Any:
    """A module of the ``analysis`` extra, or a UsageError that says how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(f"this needs {package}: pip install 'dyads[analysis]'") from exc


def _bound(value: str | dt.date | None) -> str:
    return "" if value is None else str(value)


def _centrality(graph: nx.DiGraph) -> None:
    import networkx as nx

    undirected = graph.to_undirected()
    degree = nx.degree_centrality(undirected) if len(graph) > 1 else {n: 0.0 for n in graph}
    between = nx.betweenness_centrality(undirected) if len(graph) > 2 else {n: 0.0 for n in graph}
    for node, data in graph.nodes(data=True):
        data["degree"] = round(degree.get(node, 0.0), 4)
        data["betweenness"] = round(between.get(node, 0.0), 4)
        data["broker"] = ""
        data["broker_between"] = ""


def _mark_brokers(graph: nx.DiGraph, store: Store, *, since: str | dt.date | None,
                  until: str | dt.date | None, min_betweenness: float) -> None:
    listed = []
    for entry in brokers(store.events(since=since, until=until, cameo=sorted(MEDIATION_CODES))):
        listed.append(entry)
        if entry["code"] in graph:
            node = graph.nodes[entry["code"]]
            node["broker"] = "mediation"
            pairs = [p for p in node["broker_between"].split(";") if p]
            node["broker_between"] = ";".join([*pairs, "|".join(entry["between"])])
    mediators = {e["code"] for e in listed}
    ranked = sorted(graph.nodes(data=True), key=lambda item: -item[1]["betweenness"])
    for code, data in ranked:
        if code in mediators or data["betweenness"] < min_betweenness or data["betweenness"] <= 0:
            continue
        data["broker"] = "betweenness"
        listed.append({"code": code, "name": data["name"], "between": [], "how": "betweenness",
                       "betweenness": data["betweenness"], "dates": [], "evidence": []})
    graph.graph["brokers"] = listed


def write_network(graph: nx.DiGraph, path: str | os.PathLike[str]) -> None:
    """Write the graph as GEXF (.gexf) or GraphML (.graphml)."""
    nx = _optional("networkx", "networkx")
    target = os.fspath(path)
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in (".gexf", ".graphml"):
        raise UsageError(f"{target}: the network is written as .gexf or .graphml")
    # Both formats hold scalar attributes only: the broker list travels as JSON.
    out = graph.copy()
    out.graph = {k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float))}
    out.graph["brokers"] = json.dumps(graph.graph.get("brokers", []), ensure_ascii=False)
    try:
        if suffix == ".gexf":
            nx.write_gexf(out, target)
        else:
            nx.write_graphml(out, target)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write ({exc.strerror})") from exc


# --- plots ---------------------------------------------------------------------


def plot_timeline(rows: Sequence[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    """Draw timeline rows: events per period (cooperation up, conflict down) per
    direction, the Goldstein mean below, and the relation's changes marked."""
    Figure = _optional("matplotlib.figure", "matplotlib").Figure
    out = os.fspath(path)
    suffix = os.path.splitext(out)[1].lower()
    if suffix not in (".png", ".svg"):
        raise UsageError(f"{out}: the plot is written as .png or .svg")
    if not rows:
        raise UsageError("nothing to plot: the timeline has no events")
    periods = sorted({r["period"] for r in rows})
    x = {p: i for i, p in enumerate(periods)}
    directions = sorted({(r["source"], r["target"]) for r in rows})
    width = 0.8 / len(directions)
    figure = Figure(figsize=(max(6.0, 0.6 * len(periods) + 2), 6), layout="constrained")
    counts, tone = figure.subplots(2, 1, sharex=True)
    for i, (source, target) in enumerate(directions):
        mine = [r for r in rows if (r["source"], r["target"]) == (source, target)]
        offset = (i - (len(directions) - 1) / 2) * width
        xs = [x[r["period"]] + offset for r in mine]
        label = f"{source} → {target}"
        hatch = "//" if i % 2 else None  # the second direction is hatched, colours keep their meaning
        counts.bar(xs, [r["quad_1"] + r["quad_2"] for r in mine], width, color="tab:green", hatch=hatch,
                   edgecolor="white", label=f"{label} cooperation")
        counts.bar(xs, [-(r["quad_3"] + r["quad_4"]) for r in mine], width, color="tab:red", hatch=hatch,
                   edgecolor="white", label=f"{label} conflict")
        scored = [r for r in mine if r["goldstein_mean"] is not None]
        tone.plot([x[r["period"]] for r in scored], [r["goldstein_mean"] for r in scored],
                  marker="o", linestyle="-", label=label)
    for period in periods:
        change = next((r["change"] for r in rows if r["period"] == period and r.get("change")), None)
        if change:
            for axis in (counts, tone):
                axis.axvline(x[period], color="grey", linestyle=":")
            counts.annotate(change, (x[period], 0), rotation=90, fontsize=8, va="bottom", ha="right")
    counts.axhline(0, color="black", linewidth=0.5)
    tone.axhline(0, color="black", linewidth=0.5)
    counts.set_ylabel("events (conflict below 0)")
    tone.set_ylabel("Goldstein mean")
    tone.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
    counts.legend(fontsize=7)
    tone.legend(fontsize=7)
    try:
        figure.savefig(out)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror})") from exc
