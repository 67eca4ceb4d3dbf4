"""Where: the bundled gazetteer, datelines, and places of events in real parsed text.

Ambiguous names must be settled by the article's context (Georgia next to Tbilisi or
Atlanta, Tripoli next to Libya or Lebanon, Paris next to France or Texas, Alexandria
next to Egypt or Virginia); the seed article's meeting happened in Damascus (GeoNames
170654).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads import nlp
from dyads.where import ArticlePlaces, Gazetteer, article_places, locate, parse_dateline

SEED = Path(__file__).resolve().parents[1] / "examples" / "hamas-syria-2022.txt"
DAMASCUS = 170654


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def parse():
    return nlp.load()


def place_of(parse, text: str, verb: str) -> dict | None:
    doc = parse(text)
    article = article_places(doc)
    head = next(t for t in doc if t.text == verb)
    return locate(head, article=article)


# -- the gazetteer ---------------------------------------------------------------------


def test_damascus_is_the_syrian_capital(gaz):
    place = gaz.resolve("Damascus")
    assert (place.geonameid, place.country, place.feature) == (DAMASCUS, "SYR", "city")
    assert abs(place.lat - 33.51) < 0.05 and abs(place.lon - 36.29) < 0.05


def test_countries_and_states_have_coordinates(gaz):
    syria = gaz.resolve("Syria")
    assert syria.feature == "country" and syria.country == "SYR" and syria.geonameid == 163843
    assert 32 < syria.lat < 37 and 35 < syria.lon < 42
    texas = gaz.resolve("Texas")
    assert texas.feature == "admin1" and texas.country == "USA"
    assert 26 < texas.lat < 36 and -106 < texas.lon < -93


def test_news_aliases(gaz):
    assert gaz.resolve("U.S.").country == "USA"
    assert gaz.resolve("Kiev").name == "Kyiv"
    assert gaz.resolve("Gaza City").country == "PSE"
    assert gaz.resolve("Britain").country == "GBR"


def test_regions_of_conflict_are_placed_in_their_country(gaz):
    # GeoNames' cities do not name them; news does, as the place of an event
    assert gaz.resolve("Sinai").country == "EGY"
    assert gaz.resolve("North Waziristan").country == "PAK"
    assert gaz.resolve("Darfur").country == "SDN"
    assert gaz.resolve("Tigray").country == "ETH"
    assert gaz.resolve("Helmand").feature == "country"   # country precision, no point of its own


def test_a_region_is_where_a_clause_happened(parse):
    found = place_of(parse, "Gunmen attacked a police checkpoint in North Sinai on Monday.", "attacked")
    assert found["country"] == "EGY" and found["reason"] == "clause: in North Sinai"


def test_accents_and_alternate_names(gaz):
    assert gaz.resolve("Rafah").country == "PSE"           # GeoNames writes Rafaḩ
    assert gaz.resolve("Raqqa").country == "SYR"           # an alternate name of Ar Raqqah
    assert gaz.resolve("Qwertzburg") is None


@pytest.mark.parametrize("name, countries, regions, expected", [
    ("Georgia", (), (), "GEO"),
    ("Georgia", ("GEO",), (), "GEO"),
    ("Georgia", ("RUS",), (), "GEO"),
    ("Georgia", ("USA",), ("US-GA",), "USA"),
    ("Tripoli", (), (), "LBY"),
    ("Tripoli", ("LBN",), (), "LBN"),
    ("Tripoli", ("LBY",), (), "LBY"),
    ("Paris", (), (), "FRA"),
    ("Paris", ("USA",), (), "FRA"),
    ("Paris", ("USA",), ("US-TX",), "USA"),
    ("Alexandria", ("EGY",), (), "EGY"),
    ("Alexandria", ("USA",), ("US-VA",), "USA"),
    ("Washington", (), (), "USA"),
])
def test_context_settles_ambiguous_names(gaz, name, countries, regions, expected):
    assert gaz.resolve(name, countries=countries, regions=regions).country == expected


def test_a_written_qualifier_wins(gaz):
    assert gaz.resolve("Paris", qualifier="Texas").geonameid == 4717560
    assert gaz.resolve("Tripoli", qualifier="Lebanon").country == "LBN"
    assert gaz.resolve("Alexandria", qualifier="Virginia").country == "USA"


def test_candidates_lists_every_reading(gaz):
    countries = {p.country for p in gaz.candidates("Tripoli")}
    assert {"LBY", "LBN"} <= countries
    assert gaz.candidates("Georgia")[0].feature in ("country", "admin1")
    assert {p.feature for p in gaz.candidates("Georgia")} == {"country", "admin1"}


# -- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("DAMASCUS (Reuters) - Syria's president met Hamas officials.", ("DAMASCUS", None)),
    ("GAZA CITY, Oct 5 (AP) \u2014 Israeli jets struck targets.", ("GAZA CITY", None)),
    ("TBILISI, Georgia (Reuters) - Protesters rallied.", ("TBILISI", "Georgia")),
    ("BEIRUT, Lebanon, Feb. 24, 2022 (AP) -- Clashes erupted.", ("BEIRUT", "Lebanon")),
    ("WASHINGTON \u2014 The president said on Monday.", ("WASHINGTON", None)),
    ("A headline\nKYIV, Ukraine (AP) \u2014 Sirens sounded.", ("KYIV", "Ukraine")),
    ("Senior Hamas official Khalil al-Hayya said on Wednesday.", None),
    ("The talks - held in secret - failed.", None),
])
def test_parse_dateline(text, expected):
    assert parse_dateline(text) == expected


def test_dateline_places_a_story(parse):
    doc = parse("TRIPOLI, Lebanon (Reuters) - Gunmen opened fire on Sunday, officials said.")
    article = article_places(doc)
    assert article.dateline.country == "LBN" and article.dateline_text == "TRIPOLI"
    found = locate(next(t for t in doc if t.text == "opened"), article=article)
    assert found["country"] == "LBN" and found["reason"] == "dateline: TRIPOLI"


# -- places of events in parsed text -----------------------------------------------------------


def test_clause_place_first(parse):
    found = place_of(parse, "Rebels attacked an army post near Aleppo on Monday.", "attacked")
    assert found["name"] == "Aleppo" and found["country"] == "SYR"
    assert found["reason"] == "clause: near Aleppo"
    assert set(found) == {"name", "country", "lat", "lon", "geonameid", "reason"}


def test_georgia_the_country_next_to_tbilisi(parse):
    text = ("Russian troops moved toward Tbilisi on Friday. "
            "Fighting spread across Georgia, officials said.")
    found = place_of(parse, text, "spread")
    assert found["country"] == "GEO" and found["geonameid"] == 614540


def test_georgia_the_state_next_to_atlanta(parse):
    text = ("Thousands of protesters gathered in Atlanta on Saturday. "
            "Police arrested 20 people in Georgia, officials said.")
    found = place_of(parse, text, "arrested")
    assert found["country"] == "USA" and found["name"] == "Georgia"


def test_tripoli_libya_and_tripoli_lebanon(parse):
    libya = place_of(parse, "Libya's unity government said militias clashed in Tripoli.", "clashed")
    lebanon = place_of(parse, "Lebanese troops deployed in Tripoli after clashes near Beirut.", "deployed")
    assert libya["country"] == "LBY" and libya["geonameid"] == 2210247
    assert lebanon["country"] == "LBN" and lebanon["geonameid"] == 266826


def test_paris_france_and_paris_texas(parse):
    france = place_of(parse, "France's president met union leaders in Paris on Tuesday.", "met")
    texas = place_of(parse, "A tornado hit northeast Texas. Residents gathered in Paris to clean up.",
                     "gathered")
    assert france["country"] == "FRA"
    assert texas["country"] == "USA" and texas["geonameid"] == 4717560


def test_alexandria_egypt_and_alexandria_virginia(parse):
    egypt = place_of(parse, "Egyptian police arrested protesters in Alexandria on Friday.", "arrested")
    virginia = place_of(parse, "Virginia officials said the rally in Alexandria was peaceful.", "said")
    assert egypt["country"] == "EGY"
    assert virginia["country"] == "USA" and virginia["geonameid"] == 4744091


def test_actor_countries_disambiguate(parse):
    doc = parse("Officials said talks were held in Tripoli.")
    head = next(t for t in doc if t.text == "held")
    article = article_places(doc)
    assert locate(head, article=article, actor_countries=["LBN"])["country"] == "LBN"
    assert locate(head, article=article, actor_countries=["LBY"])["country"] == "LBY"


def test_article_main_place_and_no_place(parse):
    doc = parse("The ministers talked for hours. Nothing was agreed.")
    article = article_places(doc)
    assert article == ArticlePlaces(dateline=None, main=None, countries=())
    assert locate(next(t for t in doc if t.text == "talked"), article=article) is None


# -- the seed article -----------------------------------------------------------------------------


def test_seed_meeting_in_damascus(parse):
    doc = parse(SEED.read_text(encoding="utf-8"))
    article = article_places(doc)
    assert article.main.geonameid == DAMASCUS
    assert article.countries[0] == "SYR"
    held = next(t for t in doc if t.text == "held")
    found = locate(held, article=article, actor_countries=["PSE", "SYR"])
    assert found["geonameid"] == DAMASCUS and found["country"] == "SYR"
    assert found["reason"] == "clause: in Damascus"
    attended = next(t for t in doc if t.text == "attended")
    later = locate(attended, article=article)
    assert later["geonameid"] == DAMASCUS and later["reason"] == "article: main place Damascus"
