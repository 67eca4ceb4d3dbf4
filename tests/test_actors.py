"""The actor base on real names: the seed article's actor table, dated roles, case
rules, metonymy, user extension files, and offsets that slice the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.actors import Actor, ActorBase, Mention
from dyads.errors import DataError, UsageError

SEED = Path(__file__).resolve().parents[1] / "examples" / "hamas-syria-2022.txt"
PUBLISHED = "2022-10-19"

# ../shared/seed/expected.md, actor table: every mention that is a name (pronouns,
# "his group" and "the group" are coreference's job) and the codes it may take.
SEED_NAMES = [
    ("Hamas", {"PSEREBHMS"}),
    ("Senior Hamas official Khalil al-Hayya", {"PSEREBHMS"}),
    ("Hayya", {"PSEREBHMS"}),
    ("Syrian President Bashar Assad", {"SYRGOV"}),
    ("Assad", {"SYRGOV"}),
    ("the Assad regime", {"SYRGOV"}),
    ("Syria", {"SYRGOV", "SYR"}),          # the caller promotes SYR to SYRGOV in context
    ("the Syrians", {"SYRGOV", "SYR"}),
    ("Hezbollah Secretary-General Hassan Nasrallah", {"LBNREBHEZ"}),
    ("Iran", {"IRN"}),
    ("Palestinian Islamic Jihad", {"PSEREBISJ"}),
    ("the Popular Front for the Liberation of Palestine", {"PSEREBPFL"}),
    ("the Palestinian people", {"PSE"}),
    ("other Palestinian factions", {"PSEREB"}),
    ("American", {"USA"}),
    ("Zionist", {"ISR"}),
    ("Israel", {"ISR"}),
]


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.default()


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def code(base: ActorBase, text: str, date: str | None = PUBLISHED) -> str | None:
    actor = base.resolve(text, date=date)
    return actor.code if actor else None


# -- the seed article ----------------------------------------------------------------------
@pytest.mark.parametrize("name, codes", SEED_NAMES)
def test_seed_names_resolve_to_the_analysts_codes(base, seed, name, codes):
    assert name.split()[-1] in seed
    assert code(base, name) in codes


def test_seed_people_are_named(base):
    assert base.person_for("Senior Hamas official Khalil al-Hayya", date=PUBLISHED) == "Khalil al-Hayya"
    assert base.person_for("Hayya", date=PUBLISHED) == "Khalil al-Hayya"
    assert base.person_for("Syrian President Bashar Assad", date=PUBLISHED) == "Bashar al-Assad"
    nasrallah = base.resolve("Hezbollah Secretary-General Hassan Nasrallah", date=PUBLISHED)
    assert nasrallah == Actor("LBNREBHEZ", "Hezbollah", "LBN", "REB", "HEZ", "group", "Hassan Nasrallah")


def test_seed_mentions_slice_the_text_and_cover_the_table(base, seed):
    found = base.mentions(seed, date=PUBLISHED)
    assert all(isinstance(m, Mention) and seed[m.start:m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    codes = {m.actor.code for m in found}
    assert {"PSEREBHMS", "SYRGOV", "SYR", "LBNREBHEZ", "IRN", "PSEREBISJ", "PSEREBPFL",
            "PSE", "PSEREB", "USA", "ISR"} <= codes
    first = next(m for m in found if "Bashar" in m.text)
    assert first.text == "Syrian President Bashar Assad" and first.actor.code == "SYRGOV"
    assert first.why.startswith("person role on 2022-10-19 (President of Syria 2000-07-17..2024-12-08)")


def test_definite_group_descriptions_are_left_to_coreference(base):
    assert base.resolve("the Gaza-based terror group", date=PUBLISHED) is None
    assert base.resolve("his group", date=PUBLISHED) is None
    assert base.resolve("the group") is None
    assert "coreference" in base.explain("the Gaza-based terror group")[-1]
    assert code(base, "Palestinian radical groups") == "PSERAD"     # plural: not anaphoric


# -- dated roles ------------------------------------------------------------------------------
def test_assad_is_government_only_while_in_office(base):
    assert code(base, "President Assad", "2015-06-01") == "SYRGOV"
    after = base.resolve("Assad", date="2025-03-01")
    assert after.code == "SYR" and after.sector is None and after.person == "Bashar al-Assad"
    assert "no role in force on 2025-03-01" in base.explain("Assad", date="2025-03-01")[-1]


def test_the_same_surname_is_the_person_in_office_on_the_day(base):
    assert base.person_for("President Assad", date="1995-01-01") == "Hafez al-Assad"
    assert base.person_for("Aoun", date="2020-01-01") == "Michel Aoun"
    assert base.person_for("Aoun", date="2025-06-01") == "Joseph Aoun"
    assert base.person_for("Clinton", date="1995-01-01") == "Bill Clinton"
    assert base.person_for("Clinton", date="2010-01-01") == "Hillary Clinton"


def test_no_date_means_the_latest_state_known(base):
    assert code(base, "Assad", None) == "SYR"
    assert base.person_for("Syria's president") == "Ahmed al-Sharaa"
    assert code(base, "Hafez al-Assad", None) == "SYR"


def test_a_title_and_a_country_find_the_holder_on_the_day(base):
    after_assad = base.resolve("Syria's president", date="2025-03-01")
    assert after_assad.code == "SYRGOV" and after_assad.person == "Ahmed al-Sharaa"
    assert base.person_for("Syria's president", date=PUBLISHED) == "Bashar al-Assad"
    minister = base.resolve("Iran's foreign minister", date=PUBLISHED)
    assert minister.code == "IRNGOV" and minister.person == "Hossein Amir-Abdollahian"
    assert base.person_for("Iran's foreign minister", date="2025-01-01") == "Abbas Araghchi"
    assert base.person_for("the British prime minister", date="2023-06-01") == "Rishi Sunak"


def test_sharaa_went_from_rebel_leader_to_government(base):
    assert code(base, "Ahmed al-Sharaa", "2020-01-01") == "SYRREBHTS"
    assert code(base, "Abu Mohammed al-Jolani", "2024-12-09") == "SYRGOV"
    assert code(base, "al-Sharaa", "2025-03-01") == "SYRGOV"


@pytest.mark.parametrize("name, date, expected", [
    ("Biden", "2022-10-19", "USAGOV"), ("Biden", "2025-03-01", "USA"),
    ("Trump", "2019-06-01", "USAGOV"), ("Trump", "2022-10-19", "USA"), ("Trump", "2025-03-01", "USAGOV"),
    ("Netanyahu", "2022-10-19", "ISR"), ("Netanyahu", "2023-10-07", "ISRGOV"),
    ("Putin", PUBLISHED, "RUSGOV"), ("Zelenskyy", PUBLISHED, "UKRGOV"), ("Erdoğan", PUBLISHED, "TURGOV"),
    ("Raisi", "2023-01-01", "IRNGOV"), ("Raisi", "2024-06-01", "IRN"), ("Pezeshkian", "2024-08-01", "IRNGOV"),
    ("Ayatollah Ali Khamenei", PUBLISHED, "IRNGOV"), ("Scholz", "2025-06-01", "DEU"), ("Merz", "2025-06-01", "DEUGOV"),
    ("Ismail Haniyeh", "2020-01-01", "PSEREBHMS"), ("Yahya Sinwar", "2024-09-01", "PSEREBHMS"),
    ("Naim Qassem", "2025-01-01", "LBNREBHEZ"), ("Ziyad al-Nakhalah", PUBLISHED, "PSEREBISJ"),
    ("Mahmoud Abbas", PUBLISHED, "PSEGOV"),
])
def test_leaders_on_dates(base, name, date, expected):
    assert code(base, name, date) == expected


def test_a_surname_after_a_title_is_the_holder_of_that_office(base):
    bouteflika = base.resolve("President Bouteflika", date="2005-01-01")
    assert bouteflika.code == "DZAGOV" and bouteflika.person == "Abdelaziz Bouteflika"
    assert base.person_for("President Bush", date="1990-01-01") == "George H. W. Bush"
    assert base.person_for("President Bush", date="2005-01-01") == "George W. Bush"
    assert code(base, "President Smith", "2022-10-19") == "GOV"      # no President Smith known
    found = base.mentions("President Reagan's speech", date="1985-06-01")
    assert [(m.text, m.actor.code) for m in found] == [("President Reagan", "USAGOV")]


def test_historical_leaders_from_countryinfo(base):
    assert code(base, "Robert Mugabe", "2010-01-01") == "ZWEGOV"
    assert code(base, "Robert Mugabe", "2019-01-01") == "ZWE"
    assert code(base, "Chancellor Kohl", "1995-01-01") == "DEUGOV"
    assert code(base, "Hosni Mubarak", "2012-01-01") == "EGY"


def test_group_leader_title_finds_the_leader_on_the_day(base):
    assert base.person_for("Hamas leader", date="2024-09-01") == "Yahya Sinwar"
    assert base.person_for("Hamas leader", date="2020-01-01") == "Ismail Haniyeh"
    assert base.person_for("Hezbollah chief", date="2025-01-01") == "Naim Qassem"


def test_groups_whose_role_changed_are_dated(base):
    assert code(base, "the Taliban", "2020-01-01") == "AFGREBTAL"
    assert code(base, "the Taliban", "2023-01-01") == "AFGGOVTAL"
    assert code(base, "the Rapid Support Forces", "2022-01-01") == "SDNMILRSF"
    assert code(base, "the RSF", "2024-01-01") == "SDNREBRSF"


def test_former_drops_the_role(base):
    assert code(base, "former President Bashar Assad", "2022-10-19") == "SYR"
    assert code(base, "former Iranian foreign minister", "2022-10-19") == "IRN"


# -- names, composition, case -------------------------------------------------------------------
def test_islamic_jihad_is_palestinian_never_lebanese(base, seed):
    for name in ("Islamic Jihad", "Palestinian Islamic Jihad", "the Islamic Jihad movement", "PIJ"):
        actor = base.resolve(name)
        assert actor.code == "PSEREBISJ" and actor.country == "PSE"
    text = "Islamic Jihad and Hezbollah fired rockets; Hezbollah said Islamic Jihad acted alone."
    jihad = [m for m in base.mentions(text) if m.text == "Islamic Jihad"]
    assert len(jihad) == 2 and all(m.actor.country == "PSE" for m in jihad)


def test_us_the_country_and_us_the_pronoun(base):
    assert code(base, "US", None) == "USA"
    assert code(base, "U.S.", None) == "USA"
    assert code(base, "us", None) is None
    text = "The US told us that the U.S. and the United States are one; let us go, Americans."
    found = [(m.text, m.actor.code) for m in base.mentions(text)]
    assert found == [("US", "USA"), ("U.S.", "USA"), ("United States", "USA"), ("Americans", "USA")]
    assert [(m.text, m.actor.code) for m in base.mentions("the UN said who was there")] == [("UN", "IGOUNO")]


def test_georgia_is_the_country(base):
    assert base.resolve("Georgia") == Actor("GEO", "Georgia", "GEO", None, None, "country")
    assert code(base, "Georgian troops", None) == "GEOMIL"
    assert code(base, "Tbilisi", None) == "GEOGOV"


@pytest.mark.parametrize("phrase, expected", [
    ("Syrian troops", "SYRMIL"), ("Palestinian factions", "PSEREB"), ("Israeli police", "ISRCOP"),
    ("the Syrian government", "SYRGOV"), ("Iranian-backed militias", "REB"), ("pro-Iranian militias", "REB"),
    ("U.S.-backed SDF", "SYRREBSDF"), ("NATO-member Norway", "NOR"), ("Gaza's Hamas-run health ministry", "PSEGOV"),
    ("Russia's defence minister", "RUSGOV"), ("Lebanese army", "LBNMIL"), ("Israeli protesters", "ISROPP"),
    ("the Kremlin", "RUSGOV"), ("the IDF", "ISRMIL"), ("the Palestinian Authority", "PSEGOV"),
    ("UN Security Council", "IGOUNO"), ("the European Union", "IGOEUREEC"), ("NATO", "IGOWSTNAT"),
    ("Nato", "IGOWSTNAT"), ("the Arab League", "IGOMEAARL"), ("Amnesty International", "NGOHRIAMN"),
    ("the ICRC", "NGOHLHIRC"), ("Human Rights Watch", "NGOHRIHRW"), ("Houthi rebels", "YEMREBHTH"),
    ("Hizbollah", "LBNREBHEZ"), ("ISIS", "IMGMOSISI"), ("al-Qaeda", "IMGMOSALQ"), ("Al Qaeda", "IMGMOSALQ"),
    ("al-Shabaab", "SOMREBSHB"), ("Boko Haram", "NGAREBBKH"), ("the PKK", "TURREBPKK"),
    ("Hayat Tahrir al-Sham", "SYRREBHTS"), ("Fatah", "PSEPTYFTA"), ("Gaza", "PSE"), ("the West Bank", "PSE"),
    ("Palestinians", "PSE"), ("the rebels", "REB"), ("Kurdish fighters", "KURREB"), ("the Middle East", "MEA"),
])
def test_composition_and_names(base, phrase, expected):
    assert code(base, phrase, PUBLISHED) == expected


def test_capital_metonymy_is_marked(base):
    damascus = base.resolve("Damascus")
    assert damascus.code == "SYRGOV" and damascus.kind == "capital"
    assert base.explain("Damascus")[-1].endswith("capital metonym")
    text = "a meeting in Damascus, while Washington said nothing"
    assert [(m.text, m.actor.kind, m.actor.code) for m in base.mentions(text)] == [
        ("Damascus", "capital", "SYRGOV"), ("Washington", "capital", "USAGOV")]


def test_capitalised_names_need_capitals(base):
    assert code(base, "turkey", None) is None          # the bird
    assert code(base, "Turkey", None) == "TUR"
    assert code(base, "an islamic state", None) is None
    assert code(base, "HAMAS", None) == "PSEREBHMS"


def test_article_variants_and_transliterations(base):
    for name in ("al-Assad", "el-Assad", "Assad", "Bashar al Assad", "Bashar al-Asad"):
        assert base.person_for(name, date=PUBLISHED) == "Bashar al-Assad", name
    near = base.resolve("Hassan Nasralla", date=PUBLISHED)
    assert near.code == "LBNREBHEZ" and near.person == "Hassan Nasrallah"
    assert "near match" in base.explain("Hassan Nasralla", date=PUBLISHED)[0]
    assert code(base, "Describing", None) is None       # a capitalised word is not a near name


def test_mentions_offsets_with_non_ascii_text(base):
    text = "Erdoğan met Zelenskyy in Kyiv\u2019s palace; Ukraine\u2019s foreign minister and Iran\u2019s envoy came."
    found = base.mentions(text, date="2023-03-01")
    assert all(text[m.start:m.end] == m.text for m in found)
    assert [(m.text, m.actor.code) for m in found] == [
        ("Erdoğan", "TURGOV"), ("Zelenskyy", "UKRGOV"), ("Kyiv", "UKRGOV"),
        ("Ukraine\u2019s foreign minister", "UKRGOV"), ("Iran\u2019s envoy", "IRNGOV")]
    assert found[3].actor.person == "Dmytro Kuleba"


def test_mentions_keep_two_actors_apart(base):
    found = base.mentions("the Hamas-Syria reconciliation and joint Palestinian-Syrian action")
    assert [(m.text, m.actor.code) for m in found] == [
        ("Hamas", "PSEREBHMS"), ("Syria", "SYR"), ("Palestinian", "PSE"), ("Syrian", "SYR")]
    assert base.mentions("the rebels fled") == []
    assert [m.actor.code for m in base.mentions("the rebels fled", agents=True)] == ["REB"]


# -- explain, errors, extension files ------------------------------------------------------------
def test_explain_gives_one_line_per_name_and_the_result(base):
    lines = base.explain("Syrian President Bashar Assad", date=PUBLISHED)
    assert lines[0] == '"Syrian" -> SYR: demonym'
    assert lines[-1].startswith("= SYRGOV Syria [person, person Bashar al-Assad]")
    assert base.explain("the meeting")[-1] == "= no actor: no known actor named"


def test_bad_date_is_a_usage_error(base):
    with pytest.raises(UsageError):
        base.resolve("Assad", date="19 October 2022")


def test_user_yaml_overrides_an_alias_and_adds_people(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "groups:\n"
        "  - code: LBNREBIJO\n"
        "    name: Islamic Jihad Organization\n"
        "    aliases: [Islamic Jihad]\n"
        "people:\n"
        "  - name: Khalil al-Hayya\n"
        "    roles:\n"
        "      - {code: PSEREBHMS, office: leader, title: Head of the Hamas political bureau, from: 2025-01-01}\n"
        "  - name: Jane Analyst\n"
        "    aliases: [Analyst]\n"
        "    roles: [{code: NORGOV, office: envoy, title: Envoy, from: 2020-01-01}]\n"
        "remove: [Zionist]\n",
        encoding="utf-8")
    mine = ActorBase.load(extra=[extra])
    assert mine.resolve("Islamic Jihad").code == "LBNREBIJO"
    assert mine.resolve("Palestinian Islamic Jihad").code == "PSEREBISJ"
    assert mine.person_for("Hamas leader", date="2025-06-01") == "Khalil al-Hayya"
    assert mine.resolve("Jane Analyst", date="2022-01-01").code == "NORGOV"
    assert mine.resolve("Zionist") is None
    assert ActorBase.default().resolve("Islamic Jihad").code == "PSEREBISJ"


@pytest.mark.parametrize("content, message", [
    ("groups: [{code: XYZ}]\n", "needs code and name"),
    ("people:\n  - name: A\n    roles: [{code: USAGOV, from: 'not a date'}]\n", "not a date"),
    ("countries: [{code: TOOLONG}]\n", "three-letter code"),
    ("groups: {oops: 1}\n", "list of mappings"),
    ("groups: [\n", "not valid YAML"),
])
def test_malformed_user_files_raise_data_error(tmp_path, content, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        ActorBase.load(extra=[bad])


def test_missing_user_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        ActorBase.load(extra=[tmp_path / "absent.yaml"])
