"""When: event dates resolved against the publication date.

Input is the time expressions that belong to one clause (collected by the events
stage from the clause's own modifiers) and the publication date; output is a
:class:`When` with ``date``, ``date_precision`` and ``historical``. Anchors such as
"the start of the Syrian civil war" and historical cue phrases are package data.
Touches nothing but its inputs and ``data/when/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3,
                "several": 3, "a couple of": 2}
AGO = re.compile(r"\b(\d+|a few|a couple of|several|an?|one|two|three|four|five|six|seven|"
                 r"eight|nine|ten)\s+(day|week|month|year|decade)s?\s+ago\b")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


@dataclass(frozen=True)
class When:
    date: str | None
    precision: str          # day | month | year | unknown
    historical: bool
    reason: str


@functools.cache
def _anchors() -> tuple[tuple[str, str, str], ...]:
    path = resources.files("dyads") / "data" / "when" / "anchors.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return tuple((r["phrase"], r["date"], r["precision"]) for r in csv.DictReader(lines, delimiter="\t"))


@functools.cache
def _cues() -> tuple[str, ...]:
    path = resources.files("dyads") / "data" / "when" / "cues.yaml"
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["historical_phrases"])


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(expressions: list[str], *, published: str | None, future: bool = False) -> When:
    """Date one clause from its time expressions and the publication date.

    With no expression the clause is dated on the publication day (news reports
    what just happened); a future clause without a date stays undated.
    """
    pub = parse_date(published)
    text = " ".join(e.lower() for e in expressions)
    for finder in (_anchor, _ago, _relative_day, _weekday, _explicit):
        found = finder(text, pub, future)
        if found is not None:
            return found
    if any(cue in f" {text} " for cue in _cues()):
        return When(None, "unknown", True, "historical cue, no date")
    if future or pub is None:
        return When(None, "unknown", False, "future, no date" if future else "no publication date")
    return When(pub.isoformat(), "day", False, "publication date")


def _past(day: dt.date, pub: dt.date | None) -> bool:
    # A week's margin: reports of the last few days are the news itself.
    return pub is not None and (pub - day).days > 7


def _anchor(text: str, pub: dt.date | None, future: bool) -> When | None:
    for phrase, date, precision in _anchors():
        if phrase in text:
            day = dt.date.fromisoformat(date)
            if precision == "unknown":
                return When(None, "unknown", True, f"anchor '{phrase}' (no usable date)")
            shown = {"day": date, "month": date[:7] + "-01", "year": date[:4] + "-01-01"}[precision]
            return When(shown, precision, _past(day, pub), f"anchor '{phrase}' ({date})")
    return None


def _ago(text: str, pub: dt.date | None, future: bool) -> When | None:
    match = AGO.search(text)
    if match is None or pub is None:
        return None
    amount = match.group(1)
    n = int(amount) if amount.isdigit() else NUMBER_WORDS.get(amount, 1)
    unit = match.group(2)
    days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}[unit] * n
    day = pub - dt.timedelta(days=days)
    precision = "day" if unit in ("day", "week") else ("month" if unit == "month" else "year")
    shown = day.isoformat() if precision == "day" else (
        day.isoformat()[:7] + "-01" if precision == "month" else f"{day.year}-01-01")
    return When(shown, precision, _past(day, pub), f"'{match.group(0)}' before publication")


def _relative_day(text: str, pub: dt.date | None, future: bool) -> When | None:
    if pub is None:
        return None
    table = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this morning": 0,
             "last night": -1, "earlier this week": -3, "last week": -7, "next week": 7,
             "last month": -30, "next month": 30, "last year": -365, "next year": 365}
    for phrase, offset in table.items():
        if re.search(rf"\b{phrase}\b", text):
            day = pub + dt.timedelta(days=offset)
            if "year" in phrase:
                return When(f"{day.year}-01-01", "year", _past(day, pub), f"'{phrase}'")
            if "month" in phrase:
                return When(day.isoformat()[:7] + "-01", "month", _past(day, pub), f"'{phrase}'")
            if "week" in phrase:
                return When(day.isoformat(), "day", False, f"'{phrase}' (approximate day)")
            return When(day.isoformat(), "day", False, f"'{phrase}'")
    return None


def _weekday(text: str, pub: dt.date | None, future: bool) -> When | None:
    if pub is None:
        return None
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            if future or re.search(rf"\bnext {name}\b", text):
                ahead = (index - pub.weekday()) % 7 or 7
                return When((pub + dt.timedelta(days=ahead)).isoformat(), "day", False,
                            f"'{name}' after publication (future)")
            back = (pub.weekday() - index) % 7
            if re.search(rf"\blast {name}\b", text) and back == 0:
                back = 7
            return When((pub - dt.timedelta(days=back)).isoformat(), "day", False,
                        f"'{name}' on or before publication")
    return None


def _explicit(text: str, pub: dt.date | None, future: bool) -> When | None:
    month = next((i for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m}\b", text)), None)
    year_match = YEAR.search(text)
    day_match = re.search(r"\b([0-3]?\d)(st|nd|rd|th)?\b", text)
    if month is None and year_match is None:
        return None
    if month is None:
        year = int(year_match.group(1))
        day = dt.date(year, 1, 1)
        historical = pub is not None and year < pub.year
        return When(f"{year}-01-01", "year", historical, f"year {year}")
    year = int(year_match.group(1)) if year_match else (pub.year if pub else None)
    if year is None:
        return None
    if year_match is None and pub is not None and not future and dt.date(year, month, 1) > pub:
        year -= 1  # "in March" written in January means last March
    number = int(day_match.group(1)) if day_match and year_match is None or (
        day_match and day_match.group(1) != year_match.group(1)[-2:]) else None
    if number and 1 <= number <= 31:
        try:
            day = dt.date(year, month, number)
        except ValueError:
            day = None
        if day is not None:
            return When(day.isoformat(), "day", _past(day, pub), "explicit date")
    day = dt.date(year, month, 1)
    historical = pub is not None and (pub.year, pub.month) > (year, month) and _past(day, pub)
    return When(day.isoformat(), "month", historical, "explicit month")
