"""PolNeAR scoring of quote attribution, on small brat files written here.

The texts and annotations below are our own; the real PolNeAR dev split is read at
run time (and skipped when absent), never copied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.evaluate_quotes import GoldDocument, evaluate_polnear, load_polnear, predicted_spans, score
from dyads.quotes import Attribution

TEXT_A = "\u201cWe are ready,\u201d the minister said. \u201cThe army will withdraw.\u201d\nPolice said two men were arrested.\n"
POLICE_SAID = TEXT_A.index("Police said") + len("Police ")
TEXT_B = "According to state media, the president met the envoy.\n"


def brat_line(tid: str, role: str, text: str, piece: str) -> str:
    pieces = []
    for part in piece.split("|"):
        start = text.index(part)
        pieces.append(f"{start} {start + len(part)}")
    return f"{tid}\t{role} {';'.join(pieces)}\t{piece}\n"


def write_split(root: Path) -> Path:
    folder = root / "quotes" / "polnear-dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "doc-a.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "text" / "doc-b.txt").write_text(TEXT_B, encoding="utf-8")
    ann_a = (brat_line("T1", "Source", TEXT_A, "the minister")
             + brat_line("T2", "Cue", TEXT_A, "said")
             + brat_line("T3", "Content", TEXT_A, "\u201cWe are ready,\u201d|\u201cThe army will withdraw.\u201d")
             + brat_line("T4", "Attribution", TEXT_A, "said")
             + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
             + brat_line("T5", "Source", TEXT_A, "Police")
             + f"T6\tCue {POLICE_SAID} {POLICE_SAID + 4}\tsaid\n"
             + brat_line("T7", "Content", TEXT_A, "two men were arrested")
             + "E2\tSource:T5 Cue:T6 Content:T7\n"
             + "#1\tAnnotatorNotes T7\ta note\n")
    (folder / "attributions" / "doc-a_aaaa.ann").write_text(ann_a, encoding="utf-8")
    # a second annotator of the same text: not scored (the first id wins)
    (folder / "attributions" / "doc-a_zzzz.ann").write_text("", encoding="utf-8")
    ann_b = (brat_line("T1", "Source", TEXT_B, "state media")
             + brat_line("T2", "Cue", TEXT_B, "According to")
             + brat_line("T3", "Content", TEXT_B, "the president met the envoy")
             + brat_line("T4", "Discuss", TEXT_B, "envoy")
             + "E1\tSource:T1 Cue:T2 Content:T3\n")
    (folder / "attributions" / "doc-b_bbbb.ann").write_text(ann_b, encoding="utf-8")
    return root


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    return write_split(tmp_path)


def test_load_reads_pieces_roles_and_one_annotator(data_dir):
    golds = load_polnear("dev", data_dir=data_dir)
    assert [(g.name, g.annotator, g.attributions) for g in golds] == [("doc-a", "aaaa", 2), ("doc-b", "bbbb", 1)]
    a = golds[0]
    assert [a.text[s:e] for s, e in a.spans["content"]] == [
        "\u201cWe are ready,\u201d", "\u201cThe army will withdraw.\u201d", "two men were arrested"]
    assert [a.text[s:e] for s, e in a.spans["cue"]] == ["said", "said"]
    assert set(golds[1].spans) == {"source", "cue", "content"}          # Discuss is not a role
    assert load_polnear("dev", data_dir=data_dir, limit=1) == golds[:1]


def test_exact_and_overlap_scores():
    text = "Police said two men were arrested on Sunday."
    gold = GoldDocument("g", "x", text, {"source": ((0, 6),), "cue": ((7, 11),), "content": ((12, 43),)})
    predicted = [Attribution(content=(12, 33), cue=(7, 11), source=(0, 6), direct=False)]
    report = score([gold], [predicted])
    assert report["source_exact_f1"] == 1.0 and report["cue_exact_f1"] == 1.0
    assert report["content_exact_p"] == 0.0 and report["content_overlap_f1"] == 1.0
    assert report["content_gold"] == 1 and report["content_predicted"] == 1


def test_overlap_matches_one_to_one():
    text = "A said B. C said D."
    gold = GoldDocument("g", "x", text, {"source": (), "cue": (), "content": ((0, 19),)})
    predicted = [Attribution((0, 8), None, None, False), Attribution((10, 18), None, None, False)]
    report = score([gold], [predicted])
    assert report["content_overlap_r"] == 1.0 and report["content_overlap_p"] == 0.5


def test_direct_quotes_are_scored_with_their_marks_and_speakers_once():
    text = "\u201cA,\u201d he said. \u201cB.\u201d"
    found = [Attribution((1, 3), (8, 12), (5, 7), True), Attribution((15, 17), (8, 12), (5, 7), True)]
    spans = predicted_spans(text, found)
    assert [text[s:e] for s, e in spans["content"]] == ["\u201cA,\u201d", "\u201cB.\u201d"]
    assert spans["source"] == ((5, 7),) and spans["cue"] == ((8, 12),)


def test_evaluate_on_our_own_split(data_dir):
    report = evaluate_polnear("dev", data_dir=data_dir)
    assert report["documents"] == 2 and report["gold_attributions"] == 3
    for role in ("source", "cue", "content"):
        assert report[f"{role}_exact_f1"] == 1.0, report.table()
    table = report.table()
    assert "PolNeAR dev: 2 documents" in table and "content" in table
    assert json.loads(json.dumps(report.to_json()))["cue_exact_p"] == 1.0


def test_where_the_data_is(tmp_path, monkeypatch):
    with pytest.raises(UsageError, match="does not exist"):
        load_polnear("dev", data_dir=tmp_path)
    with pytest.raises(UsageError, match="test split"):
        load_polnear("test", data_dir=tmp_path)
    with pytest.raises(UsageError, match="positive"):
        load_polnear("dev", data_dir=tmp_path, limit=0)
    write_split(tmp_path)
    monkeypatch.setenv("DYADS_DEV_DATA", str(tmp_path))
    assert len(load_polnear("dev")) == 2


def _shared_dev() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "dev"
        if (candidate / "quotes" / "polnear-dev").is_dir():
            return candidate
    return None


@pytest.mark.skipif(_shared_dev() is None, reason="PolNeAR dev data not present")
def test_real_polnear_dev_sample():
    report = evaluate_polnear("dev", data_dir=_shared_dev(), limit=3)
    assert report["documents"] == 3 and report["content_gold"] > 0
    # a floor far below the full-split figures in docs/benchmarks.md: it guards
    # against a broken reader or matcher, not against small tuning changes
    assert report["cue_overlap_f1"] > 0.3 and report["source_overlap_f1"] > 0.3
