"""Tests of the ingest stage on real files under tests/data/ingest/."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.ingest import Document, Problem, check_text, read_inputs

DATA = Path(__file__).parent / "data" / "ingest"
MIXED = str(DATA / "mixed")
EXAMPLE = Path(__file__).parents[1] / "examples" / "hamas-syria-2022.txt"

GOOD_IDS = {
    "agency-17", "agency-18",
    "wire-0101", "wire-0103",
    "ledger-2023-0606-ties", "https://ledger.example.org/world/aid-workers-freed",
}
GOOD_FILES = {"ceasefire-talks.txt", "border-clash.txt", "summit.html", "latin1-vienna.txt"}


def at(name: str) -> str:
    return os.path.join(MIXED, name)


def split(items: list[Document | Problem]) -> tuple[list[Document], list[Problem], list[Problem]]:
    docs = [i for i in items if isinstance(i, Document)]
    fatal = [i for i in items if isinstance(i, Problem) and i.fatal]
    notices = [i for i in items if isinstance(i, Problem) and not i.fatal]
    return docs, fatal, notices


def read(*paths: str | Path, **options: object) -> list[Document | Problem]:
    return list(read_inputs(list(paths), **options))  # type: ignore[arg-type]


def read_stdin(data: bytes, **options: object) -> list[Document | Problem]:
    return list(read_inputs(["-"], stdin=io.BytesIO(data), **options))  # type: ignore[arg-type]


def by_origin(docs: list[Document]) -> dict[str, Document]:
    return {doc.origin: doc for doc in docs}


@pytest.fixture(scope="module")
def mixed() -> list[Document | Problem]:
    return read(MIXED)


# -- the mixed directory -------------------------------------------------------------


def test_every_good_article_is_read(mixed: list[Document | Problem]) -> None:
    docs, _, _ = split(mixed)
    assert len(docs) == 10
    file_docs = {os.path.basename(d.origin) for d in docs if d.doc_id.startswith("doc-")}
    assert file_docs == GOOD_FILES
    assert {d.doc_id for d in docs if not d.doc_id.startswith("doc-")} == GOOD_IDS
    assert all(check_text(d.text) is None for d in docs)


def test_every_bad_input_is_named_with_its_reason(mixed: list[Document | Problem]) -> None:
    _, fatal, _ = split(mixed)
    reasons = {p.where: p.reason for p in fatal}
    assert set(reasons) == {at("broken.xml"), at("empty.txt"), at("logo.png"),
                            at("french.txt"), at("wire.jsonl") + ":2"}
    assert reasons[at("logo.png")] == "binary file (PNG image), not text"
    assert reasons[at("empty.txt")] == "empty file"
    assert reasons[at("broken.xml")].startswith("broken feed: malformed XML")
    assert reasons[at("french.txt")].startswith("not English")
    assert reasons[at("wire.jsonl") + ":2"].startswith("malformed JSON (Unterminated string")


def test_latin1_article_is_read_with_a_notice(mixed: list[Document | Problem]) -> None:
    docs, _, notices = split(mixed)
    assert notices == [Problem(at("latin1-vienna.txt"), "decoded as cp1252, not UTF-8", fatal=False)]
    doc = by_origin(docs)[at("latin1-vienna.txt")]
    assert "Angela Müller met her Czech counterpart at a café" in doc.text
    assert "“We agreed to keep talking,” Müller" in doc.text
    assert "José Martínez-Novák" in doc.text


def test_directory_is_read_in_sorted_order(mixed: list[Document | Problem]) -> None:
    files = [(i.origin if isinstance(i, Document) else i.where).split("#")[0].rsplit(":", 1)[0]
             for i in mixed]
    names = [os.path.basename(f) for f in dict.fromkeys(files)]
    assert names == sorted(names)
    assert len(names) == 11


def test_doc_ids_are_stable_content_hashes(mixed: list[Document | Problem]) -> None:
    again = read(MIXED)
    ids = [i.doc_id for i in mixed if isinstance(i, Document)]
    assert ids == [i.doc_id for i in again if isinstance(i, Document)]
    doc = by_origin(split(again)[0])[at("ceasefire-talks.txt")]
    text = Path(at("ceasefire-talks.txt")).read_text(encoding="utf-8")
    assert doc.text == text
    assert doc.doc_id == "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# -- formats -------------------------------------------------------------------------


def test_jsonl_records_carry_line_numbers_and_fields() -> None:
    docs, fatal, _ = split(read(at("wire.jsonl")))
    assert [d.origin for d in docs] == [at("wire.jsonl") + ":1", at("wire.jsonl") + ":3"]
    assert [p.where for p in fatal] == [at("wire.jsonl") + ":2"]
    first, third = docs
    assert (first.doc_id, first.date, first.title, first.url, first.source) == (
        "wire-0101", "2023-06-01", "Envoys meet over prisoner exchange",
        "https://wire.example.org/0101", "Ledger Wire")
    assert first.text.startswith("Envoys from the two governments met in Doha")
    assert (third.doc_id, third.date, third.url) == ("wire-0103", None, None)


def test_jsonl_bad_records_are_reported_per_line(tmp_path: Path) -> None:
    good = "Officials from both governments said on Monday that the talks would resume next week."
    lines = [
        '{"id": "a", "title": "no text here"}',
        '{"id": "b", "text": 42}',
        '["not", "an", "object"]',
        "",
        f'{{"text": "{good}"}}',
        f'{{"id": 7, "text": "{good}"}}',
        '{"id": "c", "text": "   "}',
    ]
    path = tmp_path / "records.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, fatal, _ = split(read(path))
    reasons = {p.where.rsplit(":", 1)[1]: p.reason for p in fatal}
    assert reasons == {
        "1": "record has no `text`",
        "2": "record `text` is not a string (got a number)",
        "3": "not a JSON object (got a list)",
        "7": "whitespace-only text",
    }
    assert [d.doc_id for d in docs] == [
        "doc-" + hashlib.sha1(good.encode()).hexdigest()[:16], "7"]
    assert [d.origin for d in docs] == [f"{path}:5", f"{path}:6"]


def test_csv_records_keep_their_starting_line() -> None:
    docs, fatal, _ = split(read(at("agency.csv")))
    assert fatal == []
    assert [(d.doc_id, d.origin, d.date) for d in docs] == [
        ("agency-17", at("agency.csv") + ":2", "2023-07-10"),
        ("agency-18", at("agency.csv") + ":3", "2023-07-11"),
    ]
    assert docs[1].text.endswith("on charges of inciting violence.")
    assert "\n" in docs[1].text
    assert docs[0].source == "Example Agency"


def test_csv_without_text_column_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "headlines.csv"
    path.write_text("id,title\n1,Talks resume\n2,Troops withdraw\n", encoding="utf-8")
    assert read(path) == [Problem(str(path), "CSV has no `text` column")]


def test_feed_entries_become_documents() -> None:
    docs, fatal, _ = split(read(at("feed.rss")))
    assert fatal == []
    first, second = docs
    assert first.origin == at("feed.rss") + "#1"
    assert first.doc_id == "ledger-2023-0606-ties"
    assert first.title == "Foreign ministers agree to restore diplomatic ties"
    assert first.url == "https://ledger.example.org/world/restore-ties"
    assert first.source == second.source == "Ledger Wire: World"
    assert "<" not in first.text and "rupture in diplomatic relations, according" in first.text
    assert first.text.splitlines()[1].startswith("The ministers, who met in Beijing")
    assert second.doc_id == second.url == "https://ledger.example.org/world/aid-workers-freed"
    assert second.text.startswith("Rebels in the east of the country released four aid workers")


def test_html_page_gives_main_text_and_metadata() -> None:
    docs, fatal, _ = split(read(at("summit.html")))
    assert fatal == []
    (doc,) = docs
    assert doc.title == "Leaders pledge aid for flood victims at regional summit"
    assert doc.date == "2023-05-04"
    assert doc.url == "https://ledger.example.org/world/2023/05/04/regional-summit-aid"
    assert doc.source == "The Daily Ledger"
    assert "pledged on Thursday to send emergency aid" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_html_without_main_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "app.htm"
    path.write_text('<html><head><script>var a = 1;</script></head><body><div id="root"></div></body></html>')
    assert read(path) == [Problem(str(path), "HTML page with no extractable main text")]


# -- dates ---------------------------------------------------------------------------


def test_date_argument_overrides_every_other_date(mixed: list[Document | Problem]) -> None:
    forced = split(read(MIXED, date="2024-01-02"))[0]
    assert len(forced) == 10
    assert {d.date for d in forced} == {"2024-01-02"}
    assert [d.doc_id for d in forced] == [d.doc_id for d in split(mixed)[0]]


def test_record_date_beats_feed_metadata(mixed: list[Document | Problem]) -> None:
    docs = by_origin(split(mixed)[0])
    # Entry 1 has its own pubDate; entry 2 has none and takes the channel's.
    assert docs[at("feed.rss") + "#1"].date == "2023-06-06"
    assert docs[at("feed.rss") + "#2"].date == "2023-06-05"
    assert docs[at("summit.html")].date == "2023-05-04"
    assert docs[at("ceasefire-talks.txt")].date is None


def test_unparseable_record_date_is_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text(
        '{"id": "x", "date": "sometime soon", "text": "The two leaders met on Monday."}\n'
        '{"id": "y", "date": "Tue, 14 Mar 2023 23:30:00 -0500", "text": "Talks resumed."}\n',
        encoding="utf-8")
    items = read(path)
    assert items[0] == Problem(f"{path}:1", "unparseable date 'sometime soon'; date left empty", fatal=False)
    docs = split(items)[0]
    assert [(d.doc_id, d.date) for d in docs] == [("x", None), ("y", "2023-03-14")]
    # An explicit date makes the record's own date irrelevant: no notice.
    assert split(read(path, date="2023-01-05"))[2] == []


def test_invalid_date_argument_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        read_inputs([MIXED], date="next Tuesday")


# -- stdin ---------------------------------------------------------------------------


def test_stdin_jsonl_is_sniffed() -> None:
    data = (b'\n  {"id": "s1", "text": "Troops withdrew from the town on Sunday."}\n'
            b'{"id": "s2", "text": "Ministers met in Cairo."\n')
    items = read_stdin(data)
    assert [(type(i).__name__, getattr(i, "origin", None) or i.where) for i in items] == [
        ("Document", "<stdin>:2"), ("Problem", "<stdin>:3")]


def test_stdin_plain_text_is_sniffed() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    (doc,) = read_stdin(text.encode("utf-8"), date="2022-10-19")
    assert isinstance(doc, Document)
    assert (doc.text, doc.origin, doc.date) == (text, "<stdin>", "2022-10-19")


def test_stdin_html_and_feed_are_sniffed() -> None:
    html = Path(at("summit.html")).read_bytes()
    feed = Path(at("feed.rss")).read_bytes()
    assert read_stdin(html)[0].title == "Leaders pledge aid for flood victims at regional summit"
    assert [d.origin for d in read_stdin(feed)] == ["<stdin>#1", "<stdin>#2"]


def test_empty_stdin_is_a_problem() -> None:
    assert read_stdin(b"") == [Problem("<stdin>", "empty input")]


# -- hostile and broken inputs -------------------------------------------------------


def test_billion_laughs_feed_is_refused() -> None:
    (problem,) = read(DATA / "billion-laughs.xml")
    assert isinstance(problem, Problem) and problem.fatal
    assert problem.reason.startswith("refused: the feed declares XML entities")


def test_external_entity_feed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.rss"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
                    '<rss version="2.0"><channel><title>x</title><item><description>&secret;</description>'
                    '</item></channel></rss>\n')
    (problem,) = read(path)
    assert problem == Problem(str(path), "refused: the feed declares an external XML entity "
                                         "('secret' -> file:///etc/hostname)")


def test_bad_paths_and_bytes_never_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "archive.txt.gz").write_bytes(gzip.compress(b"Troops withdrew."))
    (tmp_path / "nul.txt").write_bytes(b"Troops\x00withdrew")
    (tmp_path / "scan").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "garbled.txt").write_bytes(b"Talks \x81\x8d\x90 resumed")
    (tmp_path / "wide.txt").write_bytes("Ministers met in Oslo to sign the accord.".encode("utf-16"))
    (tmp_path / "blank.md").write_text(" \n\t\n")
    items = read(tmp_path / "missing.txt", tmp_path, at("ceasefire-talks.txt"))
    docs, fatal, _ = split(items)
    reasons = {os.path.basename(p.where): p.reason for p in fatal}
    assert reasons == {
        "missing.txt": "no such file or directory",
        "archive.txt.gz": "binary file (GZIP archive), not text",
        "nul.txt": "binary file (contains NUL bytes), not text",
        "scan": "binary file (PDF document), not text",
        "garbled.txt": "undecodable: neither UTF-8 nor cp1252",
        "blank.md": "whitespace-only text",
    }
    assert [d.text for d in docs][0] == "Ministers met in Oslo to sign the accord."
    assert os.path.basename(docs[-1].origin) == "ceasefire-talks.txt"


def test_hidden_files_and_directories_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Rebels freed two hostages.")
    (tmp_path / "a.txt").write_text("Police arrested a protest leader.")
    (tmp_path / ".draft.txt").write_text("An unfinished draft.")
    (tmp_path / ".git" / "notes.txt").write_text("Not an article.")
    origins = [d.origin for d in read(tmp_path)]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt")]
    (tmp_path / "empty").mkdir()
    assert read(tmp_path / "empty")[0].reason.startswith("no files to read")


# -- check_text ----------------------------------------------------------------------


def test_check_text_accepts_real_english() -> None:
    assert check_text(EXAMPLE.read_text(encoding="utf-8")) is None
    assert check_text("Troops withdrew.") is None


def test_check_text_reasons() -> None:
    assert check_text("") == "empty text"
    assert check_text(" \n ") == "whitespace-only text"
    assert check_text("Talks\x00 resumed") is not None
    assert check_text("ab\x01\x02cd\x03\x04ef\x05\x06gh").startswith("binary-looking text")
    french = Path(at("french.txt")).read_text(encoding="utf-8")
    assert check_text(french).startswith("not English (only")
    assert check_text("Москва заявила в понедельник, что переговоры возобновятся " * 5) == (
        "not English (mostly non-Latin script)")


def test_short_texts_are_not_judged_for_language() -> None:
    assert check_text("Les ministres se sont réunis mardi à Paris.") is None
