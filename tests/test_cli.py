"""The command line, run as a user runs it: the installed `dyads` entry point in a
subprocess, on real files, with a real DuckDB store in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "hamas-syria-2022.txt"
MIXED = ROOT / "tests" / "data" / "ingest" / "mixed"
DYADS = [sys.executable, "-m", "dyads.cli"]


def run(*args, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*DYADS, *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seed_jsonl() -> list[dict]:
    result = run("code", SEED, "--date", "2022-10-19")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_code_prints_jsonl_events(seed_jsonl):
    assert len(seed_jsonl) >= 8
    assert all(e["doc_id"] == seed_jsonl[0]["doc_id"] for e in seed_jsonl)


def test_gdelt_export_has_61_columns_and_keeps_leading_zeros():
    result = run("code", SEED, "--date", "2022-10-19", "--format", "gdelt")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 61
        assert fields[26].isdigit() and len(fields[26]) >= 3      # EventCode keeps "0" of "040"
        assert fields[28] == fields[26][:2]
    assert any(line.split("\t")[26].startswith("0") for line in lines)


def test_csv_and_plover_and_parquet_exports(tmp_path):
    result = run("code", SEED, "--date", "2022-10-19", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert rows and all(r["cameo"][0].isdigit() and len(r["cameo"]) >= 3 for r in rows)
    result = run("code", SEED, "--date", "2022-10-19", "--format", "plover")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert records and all(r["event"] and r["actor"] and r["date"] for r in records if r["date"])
    out = tmp_path / "events.parquet"
    result = run("code", SEED, "--date", "2022-10-19", "--out", out)
    assert result.returncode == 0, result.stderr.decode()
    import pyarrow.parquet as pq
    table = pq.read_table(out)
    assert table.num_rows == len(rows)
    assert str(table.schema.field("cameo").type) == "string"


def test_ingest_twice_keeps_the_same_event_count(tmp_path):
    db = tmp_path / "store.duckdb"
    first = run("ingest", SEED, MIXED, "--db", db, "--date", "2022-10-19")
    assert first.returncode == 0, first.stderr.decode()
    events = run("events", "--db", db)
    count = len(events.stdout.decode().splitlines())
    assert count > 0
    second = run("ingest", SEED, MIXED, "--db", db, "--date", "2022-10-19")
    assert second.returncode == 0
    assert "unchanged" in second.stderr.decode()
    again = run("events", "--db", db)
    assert len(again.stdout.decode().splitlines()) == count


def test_events_filters(tmp_path):
    db = tmp_path / "store.duckdb"
    assert run("ingest", SEED, "--db", db, "--date", "2022-10-19").returncode == 0
    dyad = run("events", "--db", db, "--dyad", "SYRGOV", "PSEREBHMS")
    found = [json.loads(line) for line in dyad.stdout.decode().splitlines()]
    assert found
    assert all({e["source"]["code"], (e["target"] or {}).get("code")} == {"SYRGOV", "PSEREBHMS"} for e in found)
    hist = run("events", "--db", db, "--actor", "PSEREBHMS", "--until", "2015-12-31")
    past = [json.loads(line) for line in hist.stdout.decode().splitlines()]
    assert past and all(e["historical"] for e in past)
    assert run("events", "--db", tmp_path / "missing.duckdb").returncode != 0


def test_mixed_directory_codes_the_good_and_names_the_bad(tmp_path):
    result = run("code", MIXED, "--date", "2023-05-01")
    assert result.returncode == 0, result.stderr.decode()
    errors = result.stderr.decode()
    lines = [line for line in errors.splitlines() if line.strip()]
    for name in ("empty.txt", "logo.png", "french.txt", "broken.xml", "wire.jsonl:2"):
        assert any(name in line for line in lines), f"{name} not reported:\n{errors}"
    assert any("latin1-vienna.txt" in line and "note" in line for line in lines)
    assert "Traceback" not in errors
    doc_ids = {json.loads(line)["doc_id"] for line in result.stdout.decode().splitlines()}
    assert len(doc_ids) >= 4            # the good articles are coded


def test_nothing_codable_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("code", empty)
    assert result.returncode != 0
    assert "empty.txt" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_stdin_jsonl():
    record = {"id": "s1", "text": SEED.read_text(encoding="utf-8"), "date": "2022-10-19"}
    result = run("code", "-", stdin=(json.dumps(record) + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert events and {e["doc_id"] for e in events} == {"s1"}


def test_piped_output_has_no_progress_bar():
    result = run("code", SEED, MIXED, "--date", "2022-10-19")
    assert "\x1b[" not in result.stderr.decode()      # no terminal control codes when piped


def test_actors_lookup_explains():
    result = run("actors", "lookup", "President Assad", "--date", "2015-06-01")
    assert result.returncode == 0, result.stderr.decode()
    answer = json.loads(result.stdout.decode())
    assert answer["actor"]["code"] == "SYRGOV"
    assert answer["why"]
