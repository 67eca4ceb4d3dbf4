"""Quotes: quotation marks, attributions in real parsed text, quote records, the CLI.

The seed article's quotes (../shared/seed/expected.md, "Quotes") must all be found
with Khalil al-Hayya (Hamas) as speaker, written "he" or "Hayya" in the attribution.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads import nlp
from dyads.cli_quotes import CSV_COLUMNS, quotes as quotes_command
from dyads.quotes import Attribution, containing, find_attributions, find_quotations, quote_id, quote_records

SEED = Path(__file__).resolve().parents[1] / "examples" / "hamas-syria-2022.txt"


@pytest.fixture(scope="module")
def parse():
    return nlp.load()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(parse, seed_text) -> list[Attribution]:
    return find_attributions(parse(seed_text))


def spans(text: str, found: list[Attribution]) -> list[tuple[str, str | None, str | None, bool]]:
    def cut(span):
        return None if span is None else text[span[0]:span[1]]
    return [(cut(a.content), cut(a.cue), cut(a.source), a.direct) for a in found]


def attributions(parse, text: str) -> list[tuple[str, str | None, str | None, bool]]:
    return spans(text, find_attributions(parse(text)))


# -- quotation marks -------------------------------------------------------------------------


def test_quotations_curly_straight_and_doubled_apostrophes():
    text = "He said \u201cone.\u201d She said \"two\". They said ''three,'' he added."
    found = [text[q.start:q.end] for q in find_quotations(text)]
    assert found == ["one.", "two", "three,"]


def test_quotation_spanning_sentences_but_not_paragraphs():
    text = "\u201cWe came. We saw.\u201d he said.\n\u201cWe stay,\nhe said."
    found = find_quotations(text)
    assert text[found[0].start:found[0].end] == "We came. We saw."
    assert found[0].closed
    # a quote left open at a paragraph's end (it goes on in the next one) stops there
    assert text[found[1].start:found[1].end] == "We stay,"
    assert not found[1].closed


def test_mixed_marks_close_a_quote():
    text = "He called it a \u201cgood deal,\" and left."
    (quote,) = find_quotations(text)
    assert text[quote.start:quote.end] == "good deal,"


# -- attributions -----------------------------------------------------------------------------


def test_direct_quote_before_its_cue(parse):
    text = "\u201cWe will not back down,\u201d the minister told reporters on Monday."
    assert attributions(parse, text) == [
        ("We will not back down,", "told", "the minister", True)]


def test_direct_quote_with_straight_marks_after_a_colon(parse):
    text = 'The spokesman said: "The talks have failed."'
    assert attributions(parse, text) == [("The talks have failed.", "said:", "The spokesman", True)]


def test_quote_split_by_its_cue_has_one_speaker(parse):
    text = "\u201cThe talks failed,\u201d he said. \u201cWe will try again next week.\u201d"
    found = attributions(parse, text)
    assert found == [("The talks failed,", "said", "he", True),
                     ("We will try again next week.", "said", "he", True)]


def test_quote_spanning_sentences(parse):
    text = "The mayor said: \u201cThe city is safe. The curfew ends tonight.\u201d"
    found = attributions(parse, text)
    assert found == [("The city is safe. The curfew ends tonight.", "said:", "The mayor", True)]


def test_quote_continuing_in_the_next_paragraph(parse):
    text = ("\u201cWe are ready to negotiate,\u201d the rebel commander said.\n"
            "\u201cBut we will not lay down our weapons before the army withdraws.\u201d")
    found = attributions(parse, text)
    assert [f[0] for f in found] == [
        "We are ready to negotiate,",
        "But we will not lay down our weapons before the army withdraws."]
    assert {f[2] for f in found} == {"the rebel commander"}


def test_indirect_speech_with_and_without_that(parse):
    with_that = attributions(parse, "The foreign minister said that the border would reopen.")
    without = attributions(parse, "Police said two protesters were arrested.")
    assert with_that == [("that the border would reopen", "said", "The foreign minister", False)]
    assert without == [("two protesters were arrested", "said", "Police", False)]


def test_according_to(parse):
    before = attributions(parse, "According to state media, the president met the envoy.")
    after = attributions(parse, "The envoy left Kabul on Sunday, according to diplomats.")
    assert before == [("the president met the envoy", "According to", "state media", False)]
    assert after == [("The envoy left Kabul on Sunday", "according to", "diplomats", False)]


def test_speaker_with_an_inserted_phrase(parse):
    text = "Jane Doe, a spokeswoman for the ministry, said the talks would resume."
    assert attributions(parse, text) == [
        ("the talks would resume", "said", "Jane Doe, a spokeswoman for the ministry,", False)]


def test_auxiliaries_belong_to_the_cue(parse):
    text = "The president has repeatedly said he will not resign."
    assert attributions(parse, text) == [("he will not resign", "has repeatedly said", "The president", False)]


def test_reporting_verbs_beyond_say(parse):
    found = attributions(parse, "The opposition accused the government of rigging the vote.")
    assert found == [("the government of rigging the vote", "accused", "The opposition", False)]
    found = attributions(parse, "The union vowed to continue the strike.")
    assert found == [("to continue the strike", "vowed", "The union", False)]


def test_an_as_clause_reports_its_main_clause(parse):
    active = attributions(parse, "As the newspaper reported, the talks collapsed on Monday.")
    passive = attributions(parse, "As reported by local media, the mayor resigned on Friday.")
    assert active == [("the talks collapsed on Monday", "reported", "the newspaper", False)]
    assert passive == [("the mayor resigned on Friday", "reported", "local media", False)]


def test_a_clause_ending_in_a_colon_introduces_a_quotation(parse):
    # "resisted" is no reporting verb; the colon and the quotation make it one
    text = 'The governor resisted: "Governors do not have the power to suspend the law."'
    assert attributions(parse, text) == [
        ("Governors do not have the power to suspend the law.", "resisted:", "The governor", True)]


def test_a_quotation_nobody_claims_is_still_an_attribution(parse):
    text = ("Protesters marched through the city center.\n\n"
            "\"We will come back every week until they listen.\"\n\nThe march ended at noon.")
    assert attributions(parse, text) == [
        ("We will come back every week until they listen.", None, None, True)]
    # a title in quotation marks is not what anyone said
    assert attributions(parse, 'The network revived "Tales From the Crypt" last year.') == []


def test_a_participle_of_the_same_speaker_does_not_end_his_quote(parse):
    text = ("\u201cI felt the first one was an accident,\u201d the former president said, "
            "referring to the attack on the towers. \u201cThe second was a declaration of war.\u201d")
    found = attributions(parse, text)
    assert ("The second was a declaration of war.", "said", "the former president", True) in found


def test_nouns_of_saying_with_their_clause(parse):
    assert attributions(parse, "Rubio's claim that he would win Florida surprised nobody.") == [
        ("that he would win Florida", "claim", "Rubio's", False)]
    assert attributions(parse, "Farmers protested the ministry's decision to close the border.") == [
        ("to close the border", "decision", "the ministry's", False)]
    assert attributions(parse, "The senator repeated his support for the treaty on Tuesday.") == [
        ("the treaty", "support for", "his", False)]
    # a noun outside the lists is no cue, whatever its clause
    assert attributions(parse, "The fact that the bridge collapsed surprised engineers.") == []


def test_words_inside_a_quote_are_not_a_new_attribution(parse):
    text = "\u201cThey said we would lose,\u201d the coach said."
    assert attributions(parse, text) == [("They said we would lose,", "said", "the coach", True)]


def test_scare_quotes_and_plain_narration_are_not_attributions(parse):
    assert attributions(parse, "The so-called \u201cpeace plan\u201d was published on Monday.") == []
    assert attributions(parse, "The army withdrew from the town.") == []


def test_containing_finds_the_quote_of_an_offset(parse):
    text = "\u201cWe attacked the convoy,\u201d the commander said."
    found = find_attributions(parse(text))
    assert containing(found, text.index("attacked")) == found[0]
    assert containing(found, text.index("commander")) is None


# -- the seed article ---------------------------------------------------------------------------


SEED_QUOTES = [
    "The meeting [with Assad] signals the relaunching of joint Palestinian-Syrian action",
    "We are proud of Syria, which has supported and embraced the Palestinian people. "
    "Syria has provided for the Palestinians what no other country has provided.",
    "historic", "mistaken action", "warm", "spirit of resistance",
    "natural response to American and Zionist schemes targeting the Palestinian cause",
]


@pytest.mark.parametrize("quote", SEED_QUOTES)
def test_every_seed_quote_is_attributed_to_hayya(seed, seed_text, quote):
    start = seed_text.index(quote)
    holders = [a for a in seed if a.content[0] <= start and start + len(quote) <= a.content[1]]
    assert holders, f"no attribution holds {quote!r}"
    a = holders[0]
    assert a.cue is not None and a.source is not None
    source = seed_text[a.source[0]:a.source[1]]
    assert source == "he" or source.endswith("Hayya")
    assert seed_text[a.cue[0]:a.cue[1]] in ("said", "told", "Describing")


def test_seed_direct_quotes_and_their_cue(seed, seed_text):
    direct = [a for a in seed if a.direct]
    assert [seed_text[a.content[0]:a.content[1]] for a in direct] == [
        "The meeting [with Assad] signals the relaunching of joint Palestinian-Syrian action,",
        SEED_QUOTES[1]]
    for a in direct:
        assert seed_text[a.cue[0]:a.cue[1]] == "told"
        assert seed_text[a.source[0]:a.source[1]] == "he"


def test_seed_quote_records_resolve_the_speaker(parse, seed_text):
    records = quote_records(parse(seed_text), doc_id="seed", date="2022-10-19")
    told = [r for r in records if r["cue"] and r["cue"]["text"] == "told"]
    assert len(told) == 2
    for record in told:
        assert record["speaker"]["text"] == "he"
        assert record["speaker"]["code"] == "PSEREBHMS"
        assert record["speaker"]["name"] == "Khalil al-Hayya"
        assert record["speaker"]["resolved_from"] == "Senior Hamas official Khalil al-Hayya"
        assert seed_text[record["start"]:record["end"]] == record["text"]
        assert record["quote_id"] == quote_id("seed", record["start"], record["end"])
    by_hayya = [r for r in records if r["speaker"] and r["speaker"]["text"] == "Hayya"]
    assert by_hayya and all(r["speaker"]["code"] == "PSEREBHMS" for r in by_hayya)
    sources = [r for r in records if r["speaker"] and r["speaker"]["text"] == "Palestinian sources"]
    assert sources[0]["speaker"]["code"].startswith("PSE")


def test_quote_records_have_the_design_fields(parse):
    (record,) = quote_records(parse("\u201cEnough,\u201d she said."), doc_id="d1")
    assert set(record) == {"quote_id", "doc_id", "text", "start", "end", "direct", "cue", "speaker"}
    assert set(record["speaker"]) == {"text", "start", "end", "code", "name", "resolved_from"}
    assert record["speaker"]["code"] is None      # nobody named before "she"
    assert record["cue"] == {"text": "said", "start": 14, "end": 18}


# -- the command line ----------------------------------------------------------------------------------


def test_cli_quotes_jsonl_and_csv(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\u201cWe are ready,\u201d the minister said on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(quotes_command, [str(path), "--date", "2022-10-19"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    record = json.loads(line)
    assert record["text"] == "We are ready," and record["direct"] is True
    assert record["cue"]["text"] == "said" and record["speaker"]["text"] == "the minister"
    result = runner.invoke(quotes_command, [str(path), "--format", "csv"])
    header, row = result.output.splitlines()
    assert header.split(",") == list(CSV_COLUMNS)
    assert "We are ready," in row and ",said," in row


def test_cli_quotes_needs_paths_or_a_store(tmp_path):
    runner = CliRunner()
    result = runner.invoke(quotes_command, [])
    assert result.exit_code == 1 and "PATH... or --db" in result.output
    result = runner.invoke(quotes_command, ["--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "no such store" in result.output


def test_cli_quotes_from_a_store(parse, tmp_path):
    from dyads.store import Store

    text = "\u201cWe are ready,\u201d the minister said on Monday."
    records = quote_records(parse(text), doc_id="d1", date="2022-10-19")
    db = tmp_path / "quotes.duckdb"
    with Store(db) as store:
        if not hasattr(store, "quotes"):
            pytest.skip("this store keeps no quotes yet")
        store.add_document({"doc_id": "d1", "text": text, "date": "2022-10-19"},
                           sentences=[{"idx": 0, "start": 0, "end": len(text), "text": text}],
                           events=[], quotes=records)
    result = CliRunner().invoke(quotes_command, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.output.splitlines()] == records


def test_words_after_a_colon_are_what_the_speaker_said():
    from dyads import nlp
    from dyads.quotes import find_attributions

    text = ("The senator addressed the crowd in Ohio on Monday. Cruz continued:\n\n"
            "Washington has failed the families of this state for far too long.\n")
    found = find_attributions(nlp.load()(text))
    contents = [text[a.content[0]:a.content[1]] for a in found]
    assert any(c.startswith("Washington has failed the families") for c in contents), contents
    cue = next(a.cue for a in found if text[a.content[0]:].startswith("Washington"))
    assert text[cue[0]:cue[1]].startswith("continued")


def test_a_quotation_paragraph_continues_the_speaker_across_a_blank_line():
    from dyads import nlp
    from dyads.quotes import find_attributions

    text = ("The senator spoke to reporters on Monday.\n\n“We will win this fight,” Smith said.\n\n"
            "“Nobody in this state will be left behind. Nobody.”\n\nThe rally ended at noon.\n")
    found = find_attributions(nlp.load()(text))
    second = [a for a in found if text[a.content[0]:a.content[1]].startswith("Nobody")]
    assert second and text[second[0].source[0]:second[0].source[1]] == "Smith"
