"""Ingest: turn input paths into Documents, and every bad input into a Problem.

This is the first stage of the pipeline. It reads plain text, HTML pages, RSS/Atom
feeds, JSONL and CSV corpora, directories of those, and standard input, and yields
one ``Document`` per readable article. Whatever cannot be read (a missing path, a
binary file, an undecodable or non-English text, a malformed JSON line, a broken or
hostile feed) becomes a ``Problem`` naming where it is and why, and the batch goes
on: nothing here raises for a bad input, and nothing here prints.

The ``text`` of a Document is the string every later character offset refers to:
the decoded file for plain text, the record's ``text`` for JSONL/CSV, the extracted
main text for HTML and feed entries.

It touches only the files and the stream it is given; it never opens the network.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import functools
import hashlib
import html.parser
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from dyads.errors import UsageError

__all__ = ["Document", "Problem", "check_text", "read_inputs"]


@dataclass(frozen=True)
class Document:
    """One article, with its text exactly as later stages see it."""

    doc_id: str
    text: str
    date: str | None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Problem:
    """One bad input; ``fatal=False`` is a notice about a document that was still read."""

    where: str
    reason: str
    fatal: bool = True


Item = Document | Problem

STDIN = "<stdin>"

_FORMAT_BY_EXTENSION = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".feed": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv",
}

_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
)

# Calibrated on 924 real English political news articles: whole articles have at
# least 26% function words (median 46%), 50-word stretches at least 16%; texts in
# French, Spanish, German, Polish, Catalan... have 0-4%, Portuguese, Dutch, Danish
# 6-9%. 10% leaves a wide margin on the English side, where a wrong call would
# silently drop a good article.
_MIN_ENGLISH_SHARE = 0.10
_MIN_WORDS_TO_JUDGE = 20
_MAX_JUNK_SHARE = 0.01
_WORD = re.compile(r"[^\W\d_]+")


# -- public API ----------------------------------------------------------------------


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    date: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document | Problem]:
    """Read every path (file, directory or ``-`` for stdin) into Documents and Problems.

    ``date`` (the CLI's ``--date``) overrides every date found in the inputs. It is
    checked at once: an invalid one raises ``UsageError``; bad inputs never raise.
    """
    forced = None
    if date is not None:
        forced = _normalise_date(date)
        if forced is None:
            raise UsageError(f"--date {date!r} is not a date (expected YYYY-MM-DD)")
    return _read_all(paths, forced=forced, stdin=stdin)


def check_text(text: str) -> str | None:
    """Say why ``text`` cannot be coded (empty, binary-looking, not English), or None."""
    if not text.strip():
        return "empty text" if not text else "whitespace-only text"
    junk = sum(1 for ch in text if _is_junk_char(ch))
    if "\x00" in text or (junk >= 3 and junk > _MAX_JUNK_SHARE * len(text)):
        return f"binary-looking text ({junk} control or invalid characters)"
    return _not_english_reason(text)


# -- walking paths -------------------------------------------------------------------


def _read_all(
    paths: Iterable[str | os.PathLike[str]], *, forced: str | None, stdin: IO[bytes] | None
) -> Iterator[Item]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            yield from _read_stdin(stdin, forced=forced)
        else:
            yield from _read_path(name, forced=forced)


def _read_path(path: str, *, forced: str | None) -> Iterator[Item]:
    if os.path.isdir(path):
        files = _files_under(path)
        if not files:
            yield Problem(path, "no files to read (the directory is empty or holds only hidden files)")
        for file in files:
            yield from _read_file(file, forced=forced)
    elif os.path.lexists(path):
        yield from _read_file(path, forced=forced)
    else:
        yield Problem(path, "no such file or directory")


def _files_under(directory: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                full = os.path.join(root, name)
                rel = os.path.relpath(full, directory)
                found.append((tuple(rel.split(os.sep)), full))
    return [full for _, full in sorted(found)]


def _read_file(path: str, *, forced: str | None) -> Iterator[Item]:
    if not os.path.isfile(path):
        yield Problem(path, "not a regular file" if os.path.exists(path) else "broken link")
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield Problem(path, f"cannot read ({exc.strerror or exc})")
        return
    extension = os.path.splitext(path)[1].lower()
    yield from _read_bytes(data, where=path, fmt=_FORMAT_BY_EXTENSION.get(extension), forced=forced)


def _read_stdin(stream: IO[bytes] | None, *, forced: str | None) -> Iterator[Item]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        yield Problem(STDIN, "no standard input")
        return
    try:
        data: bytes | str = stream.read()
    except (OSError, ValueError) as exc:
        yield Problem(STDIN, f"cannot read standard input ({exc})")
        return
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    yield from _read_bytes(data, where=STDIN, fmt=None, forced=forced)


# -- bytes to text -------------------------------------------------------------------


def _read_bytes(data: bytes, *, where: str, fmt: str | None, forced: str | None) -> Iterator[Item]:
    if not data:
        yield Problem(where, "empty input" if where == STDIN else "empty file")
        return
    kind = _binary_kind(data)
    if kind:
        yield Problem(where, f"binary file ({kind}), not text")
        return
    fmt = fmt or _sniff(data)
    if fmt == "feed":
        # XML declares its own encoding; the parsers honour it on the raw bytes.
        yield from _read_feed(data, where=where, forced=forced)
        return
    decoded = _decode(data)
    if decoded is None:
        yield Problem(where, "undecodable: neither UTF-8 nor cp1252")
        return
    text, encoding = decoded
    if encoding == "cp1252":
        yield Problem(where, "decoded as cp1252, not UTF-8", fatal=False)
    readers = {"html": _read_html, "jsonl": _read_jsonl, "csv": _read_csv}
    yield from readers.get(fmt, _read_text)(text, where=where, forced=forced)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if _unicode_bom(data) is None and b"\x00" in data:
        return "contains NUL bytes"
    return None


def _unicode_bom(data: bytes) -> str | None:
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _decode(data: bytes) -> tuple[str, str] | None:
    encodings = [_unicode_bom(data) or "utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _sniff(data: bytes) -> str:
    head = data[:1024]
    bom = _unicode_bom(head)
    start = head.decode(bom, "ignore") if bom else head.decode("latin-1")
    start = start.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("{"):
        return "jsonl"
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if start.startswith("<?xml"):
        return "html" if re.search(r"<!doctype html|<html[\s>]", start) else "feed"
    if start.startswith(("<rss", "<feed", "<rdf:rdf", "<!doctype")):
        return "feed"
    return "text"


# -- formats -------------------------------------------------------------------------


def _read_text(text: str, *, where: str, forced: str | None) -> Iterator[Item]:
    reason = check_text(text)
    if reason:
        yield Problem(where, reason)
        return
    yield Document(doc_id=_content_id(text), text=text, date=forced, origin=where)


def _read_html(text: str, *, where: str, forced: str | None) -> Iterator[Item]:
    page = _extract_html(text)
    if page is None:
        yield Problem(where, "HTML page with no extractable main text")
        return
    body = page.text or ""
    reason = check_text(body)
    if reason:
        yield Problem(where, reason)
        return
    meta_date = _normalise_date(page.date) if isinstance(page.date, str) else None
    yield Document(
        doc_id=_content_id(body),
        text=body,
        date=forced or meta_date,
        title=_clean_str(page.title),
        url=_clean_str(page.url),
        source=_clean_str(page.sitename),
        origin=where,
    )


def _extract_html(text: str) -> Any:
    import trafilatura

    _quiet_library_logs()
    try:
        # Only dates the page declares: an "extensive" search would take any date
        # printed in the article, often a past event's.
        return trafilatura.bare_extraction(
            text,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a third-party parser must not stop the batch
        return None


def _read_jsonl(text: str, *, where: str, forced: str | None) -> Iterator[Item]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and friends raw.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(at, f"malformed JSON ({exc.msg}: column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:
            yield Problem(at, f"malformed JSON ({exc})")
            continue
        if not isinstance(record, dict):
            yield Problem(at, f"not a JSON object (got {_json_kind(record)})")
            continue
        yield from _read_record(record, where=at, forced=forced)


def _read_csv(text: str, *, where: str, forced: str | None) -> Iterator[Item]:
    _allow_long_csv_fields()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            yield Problem(where, "empty CSV")
            return
        columns = [name.strip().lower() for name in header]
        if "text" not in columns:
            yield Problem(where, "CSV has no `text` column")
            return
        previous_end = reader.line_num
        for row in reader:
            # Where the record starts: a quoted field may span several lines.
            at = f"{where}:{previous_end + 1}"
            previous_end = reader.line_num
            if any(cell.strip() for cell in row):
                yield from _read_record(dict(zip(columns, row)), where=at, forced=forced)
    except csv.Error as exc:
        yield Problem(f"{where}:{reader.line_num}", f"malformed CSV ({exc}); rest of file skipped")


def _read_record(record: Mapping[str, Any], *, where: str, forced: str | None) -> Iterator[Item]:
    text = record.get("text")
    if text is None:
        yield Problem(where, "record has no `text`")
        return
    if not isinstance(text, str):
        yield Problem(where, f"record `text` is not a string (got {_json_kind(text)})")
        return
    reason = check_text(text)
    if reason:
        yield Problem(where, reason)
        return
    record_id = record.get("id")
    has_id = isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip()
    date, notice = _resolve_date(forced, record.get("date"), None, where=where)
    if notice:
        yield notice
    yield Document(
        doc_id=str(record_id).strip() if has_id else _content_id(text),
        text=text,
        date=date,
        title=_clean_str(record.get("title")),
        url=_clean_str(record.get("url")),
        source=_clean_str(record.get("source")),
        origin=where,
    )


def _read_feed(data: bytes, *, where: str, forced: str | None) -> Iterator[Item]:
    refusal = _screen_xml(data)
    if refusal:
        yield Problem(where, refusal)
        return
    import feedparser

    try:
        # A stream, never bytes or str: feedparser takes those for a URL or file name.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # a third-party parser must not stop the batch
        yield Problem(where, f"broken feed ({exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield Problem(where, f"broken feed ({parsed.get('bozo_exception')})")
        elif not parsed.get("version"):
            yield Problem(where, "not an RSS or Atom feed")
        else:
            yield Problem(where, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    # dict.get: feedparser's own get() answers "updated" with "published", and warns.
    feed_date = _first_date(dict.get(feed, "published"), dict.get(feed, "updated"))
    source = _clean_str(feed.get("title"))
    for index, entry in enumerate(entries, start=1):
        yield from _read_entry(entry, where=f"{where}#{index}", source=source,
                               feed_date=feed_date, forced=forced)


def _screen_xml(data: bytes) -> str | None:
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(data)
    except defusedxml.EntitiesForbidden as exc:
        system_id = getattr(exc, "sysid", None)
        if system_id:
            return f"refused: the feed declares an external XML entity ({exc.name!r} -> {system_id})"
        return "refused: the feed declares XML entities (entity expansion, as in a 'billion laughs' attack)"
    except defusedxml.DefusedXmlException as exc:
        return f"refused: unsafe XML ({type(exc).__name__})"
    except ParseError as exc:
        return f"broken feed: malformed XML ({exc})"
    except Exception as exc:  # expat can fail in other ways on hostile input
        return f"broken feed: unreadable XML ({exc})"
    return None


def _read_entry(entry: dict[str, Any], *, where: str, source: str | None,
                feed_date: str | None, forced: str | None) -> Iterator[Item]:
    text = _entry_text(entry)
    reason = check_text(text) if text else "feed entry has no content or summary"
    if reason:
        yield Problem(where, reason)
        return
    own = dict.get(entry, "published") or dict.get(entry, "updated")
    date, notice = _resolve_date(forced, own, feed_date, where=where)
    if notice:
        yield notice
    link = _clean_str(entry.get("link"))
    yield Document(
        doc_id=_clean_str(entry.get("id")) or link or _content_id(text),
        text=text,
        date=date,
        title=_clean_str(entry.get("title")),
        url=link,
        source=source,
        origin=where,
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    parts = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        parts.append(entry["summary_detail"])
    elif entry.get("summary"):
        parts.append({"value": entry["summary"], "type": "text/html"})
    for part in parts:
        value = part.get("value") or ""
        if value.strip():
            return _html_to_text(value) if "html" in (part.get("type") or "html") else value.strip()
    return ""


class _TextCollector(html.parser.HTMLParser):
    """Plain text of an HTML fragment: blocks on their own lines, scripts dropped."""

    _BLOCKS = frozenset(
        "address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 "
        "header hr li main nav ol p pre section table td th tr ul".split()
    )
    _SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif tag in self._BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def _html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except Exception:  # html.parser is lenient, but a batch must never stop here
        return ""
    lines = (" ".join(line.split()) for line in "".join(collector.pieces).split("\n"))
    return "\n".join(line for line in lines if line)


# -- dates ---------------------------------------------------------------------------


def _resolve_date(forced: str | None, own: Any, fallback: str | None, *, where: str
                  ) -> tuple[str | None, Problem | None]:
    """The date to keep, by priority: --date, the record's own, page or feed metadata."""
    if forced:
        return forced, None
    if own is None or (isinstance(own, str) and not own.strip()):
        return fallback, None
    parsed = _normalise_date(own) if isinstance(own, str) else None
    if parsed:
        return parsed, None
    kept = f"; using the feed's date {fallback}" if fallback else "; date left empty"
    return fallback, Problem(where, f"unparseable date {own!r}{kept}", fatal=False)


def _first_date(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, str) and (parsed := _normalise_date(value)):
            return parsed
    return None


def _normalise_date(value: str) -> str | None:
    """YYYY-MM-DD for an ISO date or datetime, an RFC 822 date or a common written date."""
    value = value.strip()
    if not value:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", value)
    if iso:
        # The calendar date as written: a timezone shift would move late-night news.
        return _valid_date(*(int(part) for part in iso.groups()))
    rfc822 = email.utils.parsedate_tz(value)
    if rfc822 and rfc822[0] > 0:
        return _valid_date(*rfc822[:3])
    return _parse_written_date(value)


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_written_date(value: str) -> str | None:
    import dateparser

    try:
        parsed = dateparser.parse(
            value,
            languages=["en"],
            # Absolute dates only: "yesterday" in a record means nothing without its clock.
            settings={"PARSERS": ["custom-formats", "absolute-time"],
                      "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return parsed.date().isoformat() if parsed else None


# -- text checks ---------------------------------------------------------------------


def _is_junk_char(ch: str) -> bool:
    if ch in "\t\n\r\f\v":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


@functools.cache
def _english_function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # One-letter words ("a", "i") are as common in Italian or Danish as in English.
    return frozenset(word for word in STOP_WORDS if len(word) > 1)


def _not_english_reason(text: str) -> str | None:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 100:
        latin = sum(1 for ch in letters if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff")
        if latin < len(letters) / 2:
            return "not English (mostly non-Latin script)"
    words = [w.casefold() for w in _WORD.findall(text) if len(w) > 1]
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return None
    function_words = _english_function_words()
    share = sum(1 for word in words if word in function_words) / len(words)
    if share < _MIN_ENGLISH_SHARE:
        return f"not English (only {share:.0%} of {len(words)} words are English function words)"
    return None


# -- small helpers -------------------------------------------------------------------


def _content_id(text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    return "doc-" + digest[:16]


def _clean_str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _json_kind(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


@functools.cache
def _allow_long_csv_fields() -> None:
    # The default limit (128 KiB) is below a long article; raise it once per process.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


@functools.cache
def _quiet_library_logs() -> None:
    # Without a handler of its own, trafilatura's warnings would reach stderr through
    # logging's last-resort handler; an application that configures logging still
    # sees them through propagation.
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
