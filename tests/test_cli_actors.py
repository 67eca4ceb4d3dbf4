"""``dyads actors lookup|add|path`` through click's runner, with real files in tmp_path
and the user actor directory under ``$DYADS_HOME`` = tmp_path."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyads.cli_actors import actors

JANE = ("people:\n"
        "  - name: Jane Analyst\n"
        "    aliases: [Analyst]\n"
        "    roles: [{code: NORGOV, office: envoy, title: Envoy of Norway, from: 2020-01-01}]\n")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DYADS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(*args: str):
    return CliRunner().invoke(actors, list(args))


def test_lookup_answers_with_the_actor_and_why(home):
    result = run("lookup", "Syrian President Bashar Assad", "--date", "2022-10-19")
    assert result.exit_code == 0
    answer = json.loads(result.output)
    assert answer["actor"]["code"] == "SYRGOV" and answer["actor"]["person"] == "Bashar al-Assad"
    assert answer["date"] == "2022-10-19"
    assert answer["why"][-1].startswith("= SYRGOV")


def test_lookup_of_an_out_of_office_leader(home):
    answer = json.loads(run("lookup", "President Assad", "--date", "2025-03-01").output)
    assert answer["actor"]["code"] == "SYRELI"
    assert "no role in force on 2025-03-01" in answer["why"][-1]


def test_lookup_exits_1_when_nothing_resolves(home):
    result = run("lookup", "the meeting")
    assert result.exit_code == 1
    assert json.loads(result.output)["actor"] is None


def test_lookup_with_an_extra_actor_file(home, tmp_path):
    extra = tmp_path / "jane.yaml"
    extra.write_text(JANE, encoding="utf-8")
    assert run("lookup", "Jane Analyst", "--date", "2022-01-01").exit_code == 1
    result = run("lookup", "Jane Analyst", "--date", "2022-01-01", "--actors", str(extra))
    assert result.exit_code == 0
    assert json.loads(result.output)["actor"]["code"] == "NORGOV"


def test_add_copies_into_the_user_directory_and_lookup_sees_it(home, tmp_path):
    source = tmp_path / "jane.yaml"
    source.write_text(JANE, encoding="utf-8")
    result = run("add", str(source))
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer == {"added": str(home / "actors" / "jane.yaml"), "entries": {"people": 1}}
    assert (home / "actors" / "jane.yaml").read_text(encoding="utf-8") == JANE
    found = json.loads(run("lookup", "Analyst", "--date", "2022-01-01").output)
    assert found["actor"]["code"] == "NORGOV" and found["actor"]["person"] == "Jane Analyst"


def test_add_refuses_a_malformed_file_with_one_line(home, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("groups: [\n", encoding="utf-8")
    result = CliRunner().invoke(actors, ["add", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("dyads: ") and "not valid YAML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (home / "actors" / "bad.yaml").exists()


def test_add_replaces_only_when_asked(home, tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_text("remove: [Zionist]\n", encoding="utf-8")
    assert run("add", str(source)).exit_code == 0
    source.write_text("remove: [Zionist, American]\n", encoding="utf-8")
    refused = CliRunner().invoke(actors, ["add", str(source)])
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert run("add", str(source), "--replace").exit_code == 0
    assert json.loads(run("lookup", "American").output)["actor"] is None


def test_path_prints_the_user_directory(home):
    result = run("path")
    assert result.exit_code == 0 and result.output.strip() == str(home / "actors")


def test_a_missing_file_is_a_usage_error(home, tmp_path):
    result = run("add", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2 and "does not exist" in result.output
