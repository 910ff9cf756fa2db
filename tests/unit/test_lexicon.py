"""One test per entry class of the lexicons (kg/lexicons/*.json)."""

import json
from importlib import resources

import pytest

from kg.lexicon import LEXICON_FILES, lexicon_version, load_lexicon
from kg.textnorm import tokenize


def resolve(text: str) -> list[tuple[str, str]]:
    lex = load_lexicon()
    toks = tokenize(text)
    out, i = [], 0
    while i < len(toks):
        m = lex.names.match_at(toks, i)
        if m:
            out.append((m.entries[0].value, m.entries[0].role))
            i = m.end
        else:
            i += 1
    return out


def test_every_lexicon_file_is_versioned_json():
    for name in LEXICON_FILES:
        data = json.loads(resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8"))
        assert data["version"]
    assert "countries" in lexicon_version()


def test_countries_come_from_cldr_in_both_languages():
    lex = load_lexicon()
    countries = [e for e in lex.entities.values() if e.type == "Country"]
    assert len(countries) > 240  # every ISO 3166 country, not a hand-typed list
    ae = lex.entities["country/AE"]
    assert "الإمارات العربية المتحدة" in ae.labels["ar"] and "United Arab Emirates" in ae.labels["en"]
    assert "country/EU" not in lex.entities and "country/UN" not in lex.entities


@pytest.mark.parametrize(
    "text,key",
    [
        ("روسيا", "country/RU"),
        ("Russia", "country/RU"),
        ("كوريا الشمالية", "country/KP"),
        ("DPRK", "country/KP"),
        ("السعودية", "country/SA"),
        ("Burma", "country/MM"),
    ],
)
def test_country_names(text, key):
    assert resolve(text)[0][0] == key


@pytest.mark.parametrize(
    "text,key", [("الروسية", "country/RU"), ("North Korean", "country/KP"), ("الكورية الجنوبية", "country/KR")]
)
def test_country_adjectives(text, key):
    assert resolve(text)[0] == (key, "adj")


@pytest.mark.parametrize(
    "text,key",
    [
        ("بيونغ يانغ", "country/KP"),
        ("موسكو", "country/RU"),
        ("الكرملين", "country/RU"),
        ("كييف", "country/UA"),
        ("Washington", "country/US"),
        ("the Kremlin", "country/RU"),
        ("Pyongyang", "country/KP"),
    ],
)
def test_capitals_and_seats_of_power_are_metonyms(text, key):
    assert resolve(text)[0] == (key, "metonym")


@pytest.mark.parametrize("text", ["بوتين", "بوتن", "فلاديمير بوتين", "Putin", "Vladimir Putin"])
def test_people_spelling_variants_are_one_person(text):
    assert resolve(text)[0][0] == "person/vladimir_putin"


def test_people_offices_resolve_titles_by_date():
    lex = load_lexicon()
    assert lex.leader("country/RU", "president", "2025-12-27") == "person/vladimir_putin"
    assert lex.leader("country/US", "president", "2022-06-01") == "person/joe_biden"
    assert lex.leader("country/US", "president", "2025-06-01") == "person/donald_trump"
    assert lex.leader("country/KP", "leader", "2025-12-27") == "person/kim_jong_un"


@pytest.mark.parametrize(
    "text,key",
    [
        ("وكالة الأنباء المركزية الكورية", "org/kcna"),
        ("KCNA", "org/kcna"),
        ("يونهاب", "org/yonhap"),
        ("رويترز", "org/reuters"),
        ("NATO", "org/nato"),
        ("حلف شمال الأطلسي", "org/nato"),
    ],
)
def test_organisations(text, key):
    assert resolve(text)[0][0] == key


def test_organisation_kinds():
    lex = load_lexicon()
    assert lex.entities["org/kcna"].kind == "NewsAgency"
    assert lex.entities["org/kr_nis"].kind == "IntelligenceService"


@pytest.mark.parametrize("text", ["كورسك", "إقليم كورسك", "منطقة كورسك", "Kursk region"])
def test_places(text):
    assert resolve(text)[0][0] == "place/kursk"
    assert load_lexicon().entities["place/kursk"].country == "country/RU"


def test_acronyms_match_only_in_capitals():
    assert resolve("the US said") == [("country/US", "name")]
    assert resolve("he told us") == []


def test_cue_groups_load():
    lex = load_lexicon()
    for group in ("triggers", "aid_categories", "claim_cues", "titles", "complementizers", "clause_breaks"):
        assert lex.cues[group] is not None
    toks = tokenize("بقذائف")
    hit = lex.cues["aid_categories"].match_at(toks, 0)
    assert hit and hit.entries[0].value == "Ammunition" and hit.proclitic == "ب"


def test_boilerplate_patterns_compile():
    from kg.ingest import _boilerplate

    arabic, english = _boilerplate()
    assert len(arabic) > 10 and len(english) > 10


def test_common_words_are_not_outlets():
    assert resolve("الدول العربية وشبه الجزيرة") == []
    assert resolve("قناة العربية")[0][0] == "org/al_arabiya"
