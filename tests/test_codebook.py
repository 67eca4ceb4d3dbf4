"""The codebook tables as shipped: CAMEO, the PLOVER crosswalk, ACLED types, verbs."""

from __future__ import annotations

import pytest

from dyads import codebook
from dyads.errors import DataError

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def test_make_a_visit() -> None:
    entry = codebook.cameo("042")
    assert entry.code == "042"
    assert entry.name == "Make a visit"
    assert entry.goldstein == pytest.approx(1.9)
    assert entry.root == "04"
    assert entry.quad_class == 1
    assert entry.description.startswith("Travel to another location")


def test_conventional_force_is_material_conflict() -> None:
    entry = codebook.cameo("190")
    assert entry.quad_class == 4
    assert entry.goldstein < 0


def test_codes_are_strings_with_leading_zeros() -> None:
    codes = codebook.cameo_codes()
    assert all(isinstance(code, str) and code.isdigit() and 2 <= len(code) <= 4 for code in codes)
    assert {"01", "010", "0211"} <= set(codes)
    assert "1" not in codes and "10" in codes
    assert codebook.cameo("010").root == "01"
    assert codebook.cameo("010").name != codebook.cameo("10").name


def test_table_covers_every_level() -> None:
    codes = codebook.cameo_codes()
    by_length = {n: [c for c in codes if len(c) == n] for n in (2, 3, 4)}
    assert len(by_length[2]) == 20
    assert len(by_length[3]) == 147
    assert len(by_length[4]) == 145
    assert {"0211", "0231", "1041", "1821", "2042"} <= set(codes)
    for code in codes:
        if len(code) > 2:
            assert code[:-1] in codes, f"{code} has no parent"


def test_every_code_has_quad_class_and_plover_coding() -> None:
    for code, entry in codebook.cameo_codes().items():
        assert entry.quad_class in (1, 2, 3, 4)
        assert entry.code.startswith(entry.root) and len(entry.root) == 2
        coding = codebook.plover(code)
        assert coding.type in PLOVER_TYPES, code
        assert coding.basis in ("crosswalk", "parent", "manual", "dyads")


def test_quad_class_follows_root() -> None:
    assert codebook.cameo("057").quad_class == 1
    assert codebook.cameo("073").quad_class == 2
    assert codebook.cameo("112").quad_class == 3
    assert codebook.cameo("1823").quad_class == 4


def test_plover_of_visit_and_force() -> None:
    visit = codebook.plover("042")
    assert (visit.type, visit.mode) == ("CONSULT", "visit")
    force = codebook.plover("190")
    assert force.type == "ASSAULT"
    assert "military" in force.context


def test_plover_sectors_follow_the_plover_manual() -> None:
    # PLOVER renamed CAMEO's media and health codes and folded insurgents and separatists
    # into REB; the codes it kept mean the same; a code it has no sector for is left out.
    assert [codebook.plover_sector(c) for c in ("MED", "HLH", "INS", "SEP", "GOV", "cvl")] == [
        "JRN", "MED", "REB", "REB", "GOV", "CVL"]
    assert codebook.plover_sector("RAD") is None
    assert codebook.plover_sector("HMS") is None   # a group's segment, no sector
    # a whole actor code: the first segment PLOVER has a sector for
    assert [codebook.plover_sector_of(c) for c in ("IGOWSTNATMIL", "LBNMED", "IRNRADREB", "PSEREBHMS",
                                                   "IGOUNOPKO", "IGOUNO", "SYR")] == [
        "MIL", "JRN", "REB", "REB", "MIL", None, None]


def test_plover_falls_back_to_parent() -> None:
    deeper = codebook.plover("0429")  # no such CAMEO code; its parent 042 has a coding
    assert (deeper.type, deeper.mode, deeper.basis) == ("CONSULT", "visit", "parent")
    assert codebook.plover("04").type == "CONSULT"


def test_no_old_plover_names_remain() -> None:
    types = {codebook.plover(code).type for code in codebook.cameo_codes()}
    assert not types & {"DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE"}
    assert types == PLOVER_TYPES


def test_plover_crosswalk_details() -> None:
    assert codebook.plover("090").type == "ACCUSE" and codebook.plover("090").mode == "investigate"
    assert codebook.plover("1041").type == "REQUEST"
    assert codebook.plover("0841").mode == "release"
    assert codebook.plover("081").type == "CONCEDE"
    assert codebook.plover("087").type == "RETREAT"
    assert codebook.plover("091").context == ("crime", "corruption")
    assert codebook.plover("0811").context == ("pro_democracy",)
    assert codebook.plover("175").mode is None


def test_the_plover_manual_wins_where_the_crosswalk_contradicts_it() -> None:
    # "CONCEDE covers ... removing curfews"; occupations carried out are ASSAULT
    assert (codebook.plover("0813").type, codebook.plover("0813").basis) == ("CONCEDE", "manual")
    assert codebook.plover("0814").type == "CONCEDE"
    assert (codebook.plover("192").type, codebook.plover("192").basis) == ("ASSAULT", "manual")
    assert codebook.plover("191").type == "COERCE"   # a blockade stays as the crosswalk has it


def test_statements_and_appeals_are_dyads_extensions() -> None:
    appeal = codebook.plover("0233")
    assert (appeal.type, appeal.mode, appeal.basis) == ("REQUEST", "assist", "dyads")
    assert codebook.plover("0233").context == codebook.plover("1033").context
    assert codebook.plover("016").type == "REJECT"
    assert codebook.plover("010").basis == "dyads"


def test_unknown_code_raises_data_error_naming_it() -> None:
    with pytest.raises(DataError, match="999"):
        codebook.cameo("999")
    with pytest.raises(DataError, match="9x"):
        codebook.plover("9x")
    assert not codebook.is_cameo("999")
    assert codebook.is_cameo("042")


def test_acled_types() -> None:
    pairs = codebook.acled_types()
    assert ("Battles", "Armed clash") in pairs
    assert ("Protests", "Peaceful protest") in pairs
    assert ("Explosions/Remote violence", "Air/drone strike") in pairs
    assert ("Strategic developments", "Arrests") in pairs
    assert len({event for event, _ in pairs}) == 6
    assert codebook.acled_disorder_type("Armed clash") == "Political violence"
    assert codebook.acled_disorder_type("Peaceful protest") == "Demonstrations"
    assert codebook.acled_disorder_type("Agreement") == "Strategic developments"
    with pytest.raises(DataError):
        codebook.acled_disorder_type("Picnic")


def test_verb_lexicon_size_and_shape() -> None:
    lexicon = codebook.verb_lexicon()
    assert len(lexicon) > 500
    for lemma, entry in lexicon.items():
        assert lemma == entry.lemma == lemma.lower().strip()
        assert "_" not in lemma and "+" not in lemma
        assert codebook.is_cameo(entry.code)
        assert all(codebook.is_cameo(code) for code in entry.also)


@pytest.mark.parametrize(
    ("lemma", "prefixes"),
    [
        ("meet", ("04",)),
        ("meet with", ("04",)),
        ("attack", ("19",)),
        ("accuse", ("112",)),
        ("criticize", ("111",)),
        ("condemn", ("111",)),
        ("praise", ("051",)),
        ("apologize", ("055",)),
        ("mediate", ("045",)),
        ("arrest", ("173",)),
        ("protest", ("14",)),
        ("threaten", ("13",)),
        ("sanction", ("163",)),
        ("kill", ("18", "19")),
        ("agree", ("03", "057")),
        ("call for", ("02", "10")),
        ("visit", ("042",)),
    ],
)
def test_verb_spot_checks(lemma: str, prefixes: tuple[str, ...]) -> None:
    entry = codebook.verb_lexicon()[lemma]
    assert entry.code.startswith(prefixes), entry


def test_phrasal_verbs_and_irregular_forms() -> None:
    lexicon = codebook.verb_lexicon()
    assert "step up" in lexicon
    assert "met" in lexicon["meet"].forms
    assert codebook.verb_forms()["met"] == "meet"
    assert codebook.verb_forms()["said"] == "say"
    assert "gun down" in lexicon and codebook.verb_forms()["gunned down"] == "gun down"


def test_dyads_overrides_keep_petrarch_code() -> None:
    entry = codebook.verb_lexicon()["mediate"]
    assert entry.block == "dyads"
    assert "080" in entry.also


def test_every_facet_of_the_lexicon_names_a_cameo_code_and_has_cues():
    from dyads import codebook
    from dyads.lexicon import default

    lex = default()
    named = set().union(*lex.facet_cues.values())
    for parent, facets in lex.facet_families.items():
        for position, facet in enumerate(facets, start=1):
            assert codebook.is_cameo(f"{parent}{position}"), (parent, facet)
            assert facet in named, facet
    # the longest cue wins at a word, and an unknown parent has no child
    assert lex.facet_child("112", [("war", "war"), ("crimes", "crime")]) == "1124"
    assert lex.facet_child("112", [("crimes", "crime")]) == "1121"
    assert lex.facet_child("190", [("military", "military")]) is None


def test_a_roots_unspecified_code_takes_the_one_family_that_has_the_facet():
    from dyads.lexicon import default

    lex = default()
    # within root 10 only 104 (political reform) has "leadership": 100 -> 1041
    assert lex.facet_child("100", [("resignation", "resignation")]) == "1041"
    # "economic" is cooperation (101) and aid (103) alike: it decides nothing
    assert lex.facet_child("100", [("economic", "economic")]) is None
    # a later cue may still decide: "economic sanctions" within root 13 is 1312
    assert lex.facet_child("130", [("economic", "economic"), ("sanctions", "sanction")]) == "1312"
    # a root with no families, or a code that is neither family nor unspecified
    assert lex.facet_child("040", [("economic", "economic")]) is None
    assert lex.facet_child("046", [("economic", "economic")]) is None
