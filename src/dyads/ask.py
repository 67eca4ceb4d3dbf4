"""Questions answered from the store, with the sentences that carry the answer.

:func:`ask` takes an analyst's question in English and answers it from a
:class:`~dyads.store.Store`:

- what happened between A and B (in a period)       "What happened between Hamas and Syria in 2012?"
- who mediated between A and B                       "Who mediated between Hamas and Syria?"
- what A said about B                                "What did Hamas say about Syria?"
- how the A-B relation changed                       "How did relations between Hamas and Syria change?"
- who met whom in a place                            "Who met whom in Damascus?"
- what comes next between A and B                    "What are the next steps for Hamas and Syria?"

Questions are read with simple patterns (``data/relations/cues.yaml``) and the actor
base, which finds actor names in the question. A country name resolves to its
country code (Syria → SYR) while events often carry a sector (SYRGOV), so actors
match by CAMEO prefix.

:func:`next_steps` answers "what are the next steps?" for a dyad: (a) the open
questions and forward-looking statements the articles themselves make about it,
with evidence, and (b) the most likely next event types from the forecaster
(:class:`dyads.forecast.Forecaster`) fitted on the store's events.

This module only reads the store.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import yaml

from dyads import analysis, codebook
from dyads.analysis import compatible
from dyads.errors import DataError, UsageError
from dyads.store import Store

__all__ = ["Answer", "ask", "next_steps"]

# The kinds of question, in the order their patterns are tried ("happened" when none matches).
KINDS = ("next", "mediated", "said", "changed", "met", "happened")
# Verbal event roots: statements, appeals, intentions, diplomatic cooperation,
# demands, disapproval, rejection, threats; what an actor says about another.
VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
MEETING_CODES = ("040", "042", "043", "044", "046")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


@dataclass
class Answer:
    """An answer: what was asked, how it was read, the findings and their evidence.

    ``items`` are the findings (events, brokers, states, statements), each with the
    sentence it comes from (``evidence``), its ``doc_id``, ``sentence`` and ``date``.
    """

    question: str
    kind: str
    actors: list[str]
    summary: str
    items: list[dict[str, Any]] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """The answer for a terminal: the summary, then one line per finding."""
        lines = [self.summary]
        for item in self.items:
            lines.append("")
            lines.append(_item_line(item))
            if item.get("evidence"):
                where = _where(item)
                lines.append(f"    “{item['evidence']}”{where}")
        return "\n".join(lines)


def _item_line(item: dict[str, Any]) -> str:
    if "state" in item:
        change = f"{item['change']}: " if item.get("change") else ""
        return f"- {item['start']}: {change}{item['state']}"
    if item.get("how") in ("mediation", "betweenness"):
        return f"- {item['name']} ({item['code']}) between {' and '.join(item['between'])}"
    if "question" in item:
        return f"- {item['question']}"
    if item.get("cameo"):
        date = item.get("date") or "undated"
        return f"- {date} {item['source']} → {item['target'] or '?'}: {item['action']} ({item['cameo']})"
    return f"- {item.get('text', '')}"


def _where(item: dict[str, Any]) -> str:
    if not item.get("doc_id"):
        return ""
    count = item.get("num_articles") or 1
    also = f", {count} articles" if count > 1 else ""
    return f" [{item['doc_id']}#{item.get('sentence')}{also}]"


# --- reading the question -----------------------------------------------------


@dataclass(frozen=True)
class _Question:
    text: str
    kind: str
    actors: list[str]
    names: dict[str, str]
    since: str | None
    until: str | None
    place: str | None


@functools.cache
def _cues() -> dict[str, Any]:
    path = importlib.resources.files("dyads") / "data" / "relations" / "cues.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"relations/cues.yaml: {exc}") from exc
    if not isinstance(data, dict) or not all(k in data for k in ("open_question", "forward_looking",
                                                                   "pair_words", "questions")):
        raise DataError("relations/cues.yaml: expected open_question, forward_looking, pair_words, questions")
    return data


@functools.cache
def _phrases(name: str) -> re.Pattern[str]:
    words = sorted(_cues()[name], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@functools.cache
def _question_patterns() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)
            for kind, patterns in _cues()["questions"].items()}


_PLACE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][\w'’\-]+)(?:\s+[A-Z][\w'’\-]+)*)")
_MONTH_YEAR = r"(?:(" + "|".join(MONTHS) + r")\s+)?(\d{4})"


def _parse(question: str) -> _Question:
    text = " ".join((question or "").split())
    if not text:
        raise UsageError("ask needs a question, e.g. \"What happened between Hamas and Syria?\"")
    patterns = _question_patterns()
    kind = next((k for k in KINDS if k in patterns and patterns[k].search(text)), "happened")
    since, until = _period(text)
    place_match = _place(text)
    place = place_match.group(1) if place_match else None
    from dyads.actors import ActorBase

    actors: list[str] = []
    names: dict[str, str] = {}
    for mention in ActorBase.default().mentions(text):
        inside_place = place_match and place_match.start(1) <= mention.start < place_match.end(1)
        if inside_place or not mention.actor.code:
            continue
        if mention.actor.code not in actors:
            actors.append(mention.actor.code)
            names[mention.actor.code] = mention.text
    return _Question(text, kind, actors, names, since, until, place)


def _place(text: str) -> re.Match[str] | None:
    for match in _PLACE.finditer(text):
        if match.group(1).lower() not in MONTHS:
            return match
    return None


def _period(text: str) -> tuple[str | None, str | None]:
    """since/until from "in 2012", "in October 2022", "since 2012", "between 2011 and 2013"."""
    low = text.lower()
    span = re.search(rf"\b(?:between|from)\s+{_MONTH_YEAR}\s+(?:and|to|until)\s+{_MONTH_YEAR}", low)
    if span:
        return _bound(span.group(1), span.group(2)), _bound(span.group(3), span.group(4))
    since = re.search(rf"\b(?:since|after)\s+{_MONTH_YEAR}", low)
    until = re.search(rf"\b(?:until|before|till)\s+{_MONTH_YEAR}", low)
    if since or until:
        return (_bound(*since.groups()) if since else None, _bound(*until.groups()) if until else None)
    during = re.search(rf"\b(?:in|during)\s+{_MONTH_YEAR}\b", low)
    if during:
        bound = _bound(*during.groups())
        return bound, bound
    return None, None


def _bound(month: str | None, year: str) -> str:
    return f"{year}-{MONTHS.index(month) + 1:02d}" if month else year


# --- answering ------------------------------------------------------------------


def ask(store: Store, question: str) -> Answer:
    """Answer a question from the store, with the evidence sentences.

    UsageError when the question names too few actors for its kind (or no place
    for "who met whom in ...").
    """
    q = _parse(question)
    answer = {
        "next": _answer_next,
        "mediated": _answer_mediated,
        "said": _answer_said,
        "changed": _answer_changed,
        "met": _answer_met,
        "happened": _answer_happened,
    }[q.kind]
    return answer(store, q)


def _pair(q: _Question) -> tuple[str, str]:
    if len(q.actors) < 2:
        found = ", ".join(f"{n} ({c})" for c, n in q.names.items()) or "none"
        raise UsageError(
            f"the question needs two actors (found: {found}); name them as in "
            "\"What happened between Hamas and Syria?\""
        )
    return q.actors[0], q.actors[1]


def _label(q: _Question, code: str) -> str:
    return f"{q.names.get(code, code)} ({code})"


def _period_text(q: _Question) -> str:
    if q.since and q.since == q.until:
        return f" in {q.since}"
    parts = ([f" since {q.since}"] if q.since else []) + ([f" until {q.until}"] if q.until else [])
    return "".join(parts)


def _answer(q: _Question, summary: str, items: list[dict[str, Any]]) -> Answer:
    return Answer(q.text, q.kind, q.actors, summary, items, q.since, q.until, q.place)


def _answer_happened(store: Store, q: _Question) -> Answer:
    if len(q.actors) == 1:
        events = [e for e in store.canonical_events(actor=q.actors[0], since=q.since, until=q.until)
                  if analysis.happened(e)]
        who = _label(q, q.actors[0])
    else:
        a, b = _pair(q)
        events = analysis.dyad_events(store, a, b, since=q.since, until=q.until)
        who = f"{_label(q, a)} and {_label(q, b)}"
    if not events:
        return _answer(q, f"No events involving {who}{_period_text(q)} in the store.", [])
    quads = [int(e.get("quad_class") or 0) for e in events]
    cooperative = sum(1 for x in quads if x in (1, 2))
    summary = (
        f"{len(events)} events involving {who}{_period_text(q)}, from {events[0]['date']} to "
        f"{events[-1]['date']}: {cooperative} cooperative, {len(events) - cooperative} conflictual."
    )
    return _answer(q, summary, [analysis.explain(e) for e in events])


def _answer_mediated(store: Store, q: _Question) -> Answer:
    a, b = _pair(q)
    found = [
        entry for entry in analysis.brokers(
            store.events(since=q.since, until=q.until, cameo=sorted(analysis.MEDIATION_CODES)))
        if _pair_matches(entry["between"], a, b)
    ]
    items = []
    for entry in found:
        first = entry["evidence"][0] if entry["evidence"] else {}
        items.append({**entry, "evidence": first.get("text"), "doc_id": first.get("doc_id"),
                      "sentence": first.get("sentence"), "date": (entry["dates"] or [None])[0]})
    if not items:
        return _answer(q, f"No mediation between {_label(q, a)} and {_label(q, b)}{_period_text(q)} "
                          "in the store.", [])
    who = _names(f"{i['name']} ({i['code']})" for i in items)
    return _answer(q, f"{who} mediated between {_label(q, a)} and {_label(q, b)}{_period_text(q)}.", items)


def _pair_matches(between: list[str], a: str, b: str) -> bool:
    x, y = between
    return (compatible(x, a) and compatible(y, b)) or (compatible(x, b) and compatible(y, a))


def _names(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _answer_said(store: Store, q: _Question) -> Answer:
    a, b = _pair(q)
    events = [
        e for e in store.canonical_events(dyad=(a, b), since=q.since, until=q.until)
        if (e.get("source") or {}).get("code", "").startswith(a)
        and (e.get("quote_id") or e.get("cameo_root") in VERBAL_ROOTS)
    ]
    items = [analysis.explain(e) for e in events]
    seen = {item["evidence"] for item in items}
    for quote in store.quotes(speaker=a):
        if quote.get("text") and quote["text"] not in seen and _mentions(quote["text"], b):
            seen.add(quote["text"])
            items.append({"text": quote["text"], "evidence": quote["text"], "doc_id": quote.get("doc_id"),
                          "quote_id": quote.get("quote_id"),
                          "speaker": (quote.get("speaker") or {}).get("name")})
    if not items:
        return _answer(q, f"The store holds nothing {_label(q, a)} said about {_label(q, b)}"
                          f"{_period_text(q)}.", [])
    return _answer(q, f"{len(items)} statements by {_label(q, a)} about {_label(q, b)}{_period_text(q)}.",
                   items)


def _mentions(text: str, code: str, *, date: str | None = None) -> bool:
    from dyads.actors import ActorBase

    return any(compatible(m.actor.code, code) for m in ActorBase.default().mentions(text, date=date)
               if m.actor.code)


def _answer_changed(store: Store, q: _Question) -> Answer:
    a, b = _pair(q)
    segments = analysis.relation_states(store, a, b)
    if not segments:
        return _answer(q, f"No events between {_label(q, a)} and {_label(q, b)} in the store.", [])
    parts = []
    items = []
    for segment in segments:
        start = segment["start"]
        how = f"{segment['change']} on {start}" if segment["change"] else f"from {start}"
        parts.append(f"{segment['state']} ({how})")
        cause = segment["because"][0] if segment["because"] else {}
        brokers = [f"{x['name']} ({x['code']})" for x in segment.get("brokers", [])]
        items.append({**{k: v for k, v in segment.items() if k != "because"},
                      "because": segment["because"],
                      "brokers": brokers,
                      "evidence": cause.get("evidence"), "doc_id": cause.get("doc_id"),
                      "sentence": cause.get("sentence")})
    summary = f"The {_label(q, a)} - {_label(q, b)} relation: " + "; then ".join(parts) + "."
    brokered = sorted({x for item in items for x in item["brokers"]})
    if brokered:
        summary += f" Brokers: {_names(brokered)}."
    return _answer(q, summary, items)


def _answer_met(store: Store, q: _Question) -> Answer:
    if q.place is None and len(q.actors) < 1:
        raise UsageError("name a place or an actor, as in \"Who met whom in Damascus?\"")
    events = store.canonical_events(actor=q.actors[0] if q.actors else None, since=q.since, until=q.until)
    meetings = [
        e for e in events
        if analysis.happened(e) and (e.get("cameo") or "").startswith(MEETING_CODES) and e.get("target")
        and (q.place is None or _at(e, q.place))
        and all(_involves(e, code) for code in q.actors)
    ]
    where = f" in {q.place}" if q.place else ""
    if not meetings:
        return _answer(q, f"No meetings{where}{_period_text(q)} in the store.", [])
    pairs = _names(f"{_code_name(e, 'source')} met {_code_name(e, 'target')} ({e['date']})" for e in meetings)
    return _answer(q, f"Meetings{where}{_period_text(q)}: {pairs}.", [analysis.explain(e) for e in meetings])


def _at(event: dict[str, Any], place: str) -> bool:
    location = event.get("location") or {}
    wanted = place.casefold()
    if (location.get("name") or "").casefold() == wanted:
        return True
    # Until every event carries a location, the sentence naming the place will do.
    text = ((event.get("evidence") or {}).get("text") or "").casefold()
    return re.search(rf"\b{re.escape(wanted)}\b", text) is not None


def _involves(event: dict[str, Any], code: str) -> bool:
    return any(compatible((event.get(role) or {}).get("code") or "", code) for role in ("source", "target"))


def _code_name(event: dict[str, Any], role: str) -> str:
    actor = event.get(role) or {}
    return f"{actor.get('name') or '?'} ({actor.get('code') or '?'})"


def _answer_next(store: Store, q: _Question) -> Answer:
    a, b = _pair(q)
    steps = next_steps(store, a, b)
    items = steps["open_questions"] + steps["forward_looking"]
    forecast = steps["forecast"]
    summary = (f"{len(steps['open_questions'])} open questions and {len(steps['forward_looking'])} "
               f"forward-looking statements about {_label(q, a)} and {_label(q, b)}.")
    if forecast.get("available") and forecast["predictions"]:
        best = next(iter(forecast["predictions"].values()))
        if best:
            summary += f" Most likely next: {best[0]['name']} ({best[0]['probability']:.0%})."
    return _answer(q, summary, items)


# --- next steps -------------------------------------------------------------------


def next_steps(store: Store, a: str, b: str, *, k: int = 5) -> dict[str, Any]:
    """What comes next between a and b.

    ``open_questions`` and ``forward_looking``: sentences of the articles about the
    dyad (those with at least one a-b event) that look ahead (cue words of
    ``data/relations/cues.yaml``, or a hypothetical/future a-b event) and are about
    both actors (naming both, naming one and the pair, or carrying an a-b event);
    newest article first, the same sentence from several articles once. An open
    question split on "or" gives one item per alternative.
    ``forecast``: the ``k`` most likely next CAMEO root event types in each
    direction from :class:`dyads.forecast.Forecaster`, or why there are none.
    """
    a, b = a.strip().upper(), b.strip().upper()
    dyad = store.events(dyad=(a, b))
    if not dyad:
        raise UsageError(f"the store holds no events between {a} and {b}")
    found: dict[str, dict[str, Any]] = {}
    by_sentence: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for event in dyad:
        if event.get("sentence") is not None:
            by_sentence.setdefault((event["doc_id"], event["sentence"]), []).append(event)
    documents = {d["doc_id"]: d for d in store.documents()}
    doc_ids = sorted({e["doc_id"] for e in dyad}, key=lambda d: documents[d]["date"] or "", reverse=True)
    for doc_id in doc_ids:
        date = documents[doc_id]["date"]
        for sentence in store.sentences(doc_id):
            events = by_sentence.get((doc_id, sentence["idx"]), [])
            for item in _looking_ahead(sentence, events, a, b, date=date):
                key = item["kind"] + "|" + _normal(item["question"])
                if key in found:
                    found[key]["num_articles"] += 1
                else:
                    found[key] = {**item, "doc_id": doc_id, "sentence": sentence["idx"], "date": date,
                                  "num_articles": 1}
    items = list(found.values())
    return {
        "dyad": [a, b],
        "open_questions": [i for i in items if i["kind"] == "open question"],
        "forward_looking": [i for i in items if i["kind"] == "forward-looking"],
        "forecast": _forecast(store, a, b, k=k),
    }


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[“”\"'’‘]", "", text).casefold().split())


def _looking_ahead(sentence: dict[str, Any], events: list[dict[str, Any]], a: str, b: str, *,
                   date: str | None) -> list[dict[str, Any]]:
    text = sentence.get("text") or ""
    opens = _phrases("open_question").findall(text)
    ahead = _phrases("forward_looking").findall(text)
    unreal = [e for e in events if e.get("modality") in ("future", "hypothetical")]
    if not (opens or ahead or unreal):
        return []
    if not (events or _about_both(text, a, b, date=date)):
        return []
    if opens:
        return [{"kind": "open question", "cue": opens[0].lower(), "question": q, "evidence": text}
                for q in _open_questions(text)]
    cue = ahead[0].lower() if ahead else unreal[0].get("modality")
    return [{"kind": "forward-looking", "cue": cue, "question": text.strip("“”\" "), "evidence": text}]


def _about_both(text: str, a: str, b: str, *, date: str | None) -> bool:
    from dyads.actors import ActorBase

    codes = [m.actor.code for m in ActorBase.default().mentions(text, date=date) if m.actor.code]
    has_a = any(compatible(c, a) for c in codes)
    has_b = any(compatible(c, b) for c in codes)
    if has_a and has_b:
        return True
    return (has_a or has_b) and bool(_phrases("pair_words").search(text))


def _open_questions(text: str) -> list[str]:
    """The questions of an open-question sentence: the whether-clause, once per
    alternative joined by "or" ("whether X would allow A or B" asks two things)."""
    from dyads import nlp

    doc = nlp.load()(text)
    marks = [t for t in doc if t.lower_ in ("whether", "if") and t.dep_ == "mark"]
    if not marks:
        return [text.strip("“”\" ")]
    questions = []
    for mark in marks:
        clause = [t for t in mark.head.subtree if t.i > mark.i]
        # "X is weighing whether to restore ties": the question needs X to make sense.
        subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.head == mark.head for t in clause)
        lead = "" if subject else _join([t for t in doc[mark.head.head.left_edge.i:mark.i]
                                         if t.dep_ != "punct" or t.i > mark.head.head.left_edge.i]) + " "
        questions.extend(f"{lead.lstrip()}whether {alt}" for alt in _alternatives(clause))
    return questions


def _alternatives(clause: list[Any]) -> list[str]:
    inside = {t.i for t in clause}
    for token in clause:
        head = token.head
        if token.dep_ != "conj" or head.i not in inside or head.pos_ not in ("VERB", "AUX"):
            continue
        cc = [c for c in head.children if c.dep_ == "cc" and c.lower_ == "or" and head.i < c.i < token.i]
        if not cc:
            continue
        first = [t for t in clause if not (cc[0].i <= t.i <= token.right_edge.i)]
        second = [t for t in clause if not (head.i <= t.i <= cc[0].i)]
        return [_join(first), _join(second)]
    return [_join(clause)]


def _join(tokens: list[Any]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text.rstrip(" .,;:“”\"")


# --- the forecast -----------------------------------------------------------------


def _forecast(store: Store, a: str, b: str, *, k: int) -> dict[str, Any]:
    try:
        from dyads.forecast import Forecaster, Quad
    except ImportError as exc:
        return {"available": False, "reason": f"the forecaster is not available ({exc})", "predictions": {}}
    history = []
    dyad_codes: dict[str, int] = {}
    for event in store.canonical_events(mentions=False):
        source = (event.get("source") or {}).get("code")
        target = (event.get("target") or {}).get("code")
        if not (source and target and event.get("cameo_root")) or not analysis.happened(event):
            continue
        day = dt.date.fromisoformat(event["date"]).toordinal()
        history.append(Quad(source, event["cameo_root"], target, day))
        for code in (source, target):
            if compatible(code, a) or compatible(code, b):
                dyad_codes[code] = dyad_codes.get(code, 0) + 1
    if not history:
        return {"available": False, "reason": "no dated events to learn from", "predictions": {}}
    model = Forecaster().fit(history)
    subject, obj = _most_used(dyad_codes, a), _most_used(dyad_codes, b)
    predictions = {}
    for s, o in ((subject, obj), (obj, subject)):
        predictions[f"{s}->{o}"] = [
            {"cameo_root": root, "name": _root_name(root), "probability": round(p, 4)}
            for root, p in model.predict_relations(s, o, k=k)
        ]
    last = max(q.time for q in history)
    return {
        "available": True,
        "model": "dyads.forecast.Forecaster",
        "history": len(history),
        "after": dt.date.fromordinal(last).isoformat(),
        "predictions": predictions,
    }


def _most_used(counts: dict[str, int], query: str) -> str:
    """The store's code for a queried actor: "SYR" asked, SYRGOV is what events carry."""
    matching = [c for c in counts if c.startswith(query)] or [c for c in counts if query.startswith(c)]
    return max(matching, key=lambda c: (counts[c], c == query)) if matching else query


def _root_name(root: str) -> str:
    try:
        return codebook.cameo(root).name
    except DataError:
        return root
