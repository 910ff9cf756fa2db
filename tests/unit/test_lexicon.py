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


# ------------------------------------------------------------ countries.json, every CLDR country

# Countries that have no en_adj / ar_adj, and why. Keep these short: a country leaves a
# list only by getting its adjective.
_NO_PEOPLE = {c: "no resident population" for c in ("AQ", "BV", "GS", "HM", "IO", "TF", "UM")}
NO_EN_ADJ = {
    **_NO_PEOPLE,
    "BQ": "no demonym of its own (Bonaire, Sint Eustatius, Saba)",
    "SJ": "no demonym of its own",
    "SX": "no demonym in use",
    "CG": "'Congolese' is DR Congo's (CD): what the news means by it",
    "DM": "'Dominican' is the Dominican Republic's (DO)",
    "VG": "'Virgin Islander' is British and US Virgin Islands alike",
    "VI": "'Virgin Islander' is British and US Virgin Islands alike",
    "CF": "'Central African' also names the region (matching ignores case)",
    "VA": "the adjective is the name, 'Vatican'",
    "GG": "the adjective is the name, 'Guernsey'",
    "JE": "the adjective is the name, 'Jersey'",
}
NO_AR_ADJ = {
    # the same, for the same reasons (كونغولي is DR Congo's too), except the Vatican: فاتيكاني
    **{c: r for c, r in NO_EN_ADJ.items() if c != "VA"},
    "ML": "مالي is also 'financial' (hence ambiguous_ar)",
    "KM": "قمري is 'lunar'",
    "EH": "صحراوي is 'desert'",
    "SB": "the nisba would be سليماني, a surname (Soleimani)",
    "GI": "جبل طارق has no nisba in use",
    "CV": "no nisba in use for الرأس الأخضر",
    "GQ": "no nisba in use",
    "GW": "no nisba in use",
    "PG": "no nisba in use",
    "KN": "no nisba in use",
    "LC": "no nisba in use",
    "VC": "no nisba in use",
    "SM": "no nisba in use",
    "ST": "no nisba in use",
    **{
        c: "dependency with no Arabic nisba in use"
        for c in "AS AW AX BL CC CK CW CX GF IM MF MP NF PM PN SH TC TK WF".split()
    },
}


def _countries_json() -> dict:
    return json.loads(resources.files("kg.lexicons").joinpath("countries.json").read_text(encoding="utf-8"))


def _cldr_codes(data: dict) -> list[str]:
    import re

    from babel import Locale

    return [c for c in Locale("en").territories if re.fullmatch("[A-Z]{2}", c) and c not in data["exclude"]]


def test_countries_json_covers_every_cldr_country():
    import re

    data = _countries_json()
    codes = _cldr_codes(data)
    entries = data["countries"]
    assert list(entries) == sorted(entries)
    assert set(entries) == set(codes)
    for table in (NO_EN_ADJ, NO_AR_ADJ):
        assert set(table) <= set(codes)
    for code in codes:
        e = entries[code]
        assert re.fullmatch(r"Q[1-9][0-9]*", e["qid"]), code
        assert bool(e.get("en_adj")) != (code in NO_EN_ADJ), f"{code}: en_adj, or else listed in NO_EN_ADJ"
        assert bool(e.get("ar_adj")) != (code in NO_AR_ADJ), f"{code}: ar_adj, or else listed in NO_AR_ADJ"
        assert set(e) <= {"qid", "names", "en_adj", "ar_adj", "metonyms", "context", "ambiguous_ar"}, code
    qids = [entries[c]["qid"] for c in codes]
    assert len(set(qids)) == len(qids)


def test_no_country_phrase_is_claimed_twice():
    """Every name, adjective, metonym and short form resolves to its own country only."""
    lex = load_lexicon()
    data = _countries_json()
    for code in _cldr_codes(data):
        key = f"country/{code}"
        e = data["countries"][code]
        phrases = list(lex.entities[key].labels["en"]) + list(lex.entities[key].labels["ar"])
        phrases += e.get("en_adj", []) + e.get("ar_adj", [])
        for part in ("metonyms", "context"):
            phrases += e.get(part, {}).get("en", []) + e.get(part, {}).get("ar", [])
        for phrase in phrases:
            toks = tokenize(phrase)
            m = lex.names.match_at(toks, 0)
            assert m is not None and m.end == len(toks), (code, phrase)
            assert {x.value for x in m.entries} == {key}, (code, phrase, m.entries)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mexico sent a rescue team to Turkey", [("country/MX", "name"), ("country/TR", "name")]),
        ("a Kenyan police contingent in Port-au-Prince", [("country/KE", "adj"), ("country/HT", "metonym")]),
        ("أرسلت الإمارات طائرة إماراتية", [("country/AE", "name"), ("country/AE", "adj")]),
        (
            "Ivory Coast, Swaziland and the Holy See",
            [("country/CI", "name"), ("country/SZ", "name"), ("country/VA", "name")],
        ),
        ("the DRC, DR Congo, Congo", [("country/CD", "name")] * 3),
        (
            "Congolese troops left the Republic of the Congo for Brazzaville",
            [("country/CD", "adj"), ("country/CG", "name"), ("country/CG", "metonym")],
        ),
        ("Dominican and Haitian officials", [("country/DO", "adj"), ("country/HT", "adj")]),
        (
            "Spanish, Ukrainian and South Sudanese teams",
            [("country/ES", "adj"), ("country/UA", "adj"), ("country/SS", "adj")],
        ),
        ("Algiers and Amman", [("country/DZ", "metonym"), ("country/JO", "metonym")]),
        ("وصل الوفد الكيني إلى الكونغو الديمقراطية", [("country/KE", "adj"), ("country/CD", "name")]),
        ("قال مسؤول سنغالي في داكار", [("country/SN", "adj"), ("country/SN", "metonym")]),
        ("جمهورية مصر العربية والمملكة المغربية", [("country/EG", "name"), ("country/MA", "name")]),
        ("أعلنت الدولة العبرية", [("country/IL", "name")]),
        ("الجيش الميانماري والقوات النيجرية", [("country/MM", "adj"), ("country/NE", "adj")]),
        # the country name, not the capital: Arabic writes both alike
        ("الجزائر وعمان والكويت", [("country/DZ", "name"), ("country/OM", "name"), ("country/KW", "name")]),
    ],
)
def test_country_names_adjectives_and_capitals_in_sentences(text, expected):
    assert resolve(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a family reunion",  # Réunion keeps its accent
        "central African states",  # a region, not the Central African Republic
        "Turkmen fighters",  # the Iraqi and Syrian Turkmen, not Turkmenistan
        "التقويم القمري",  # lunar, not Comorian
        "الدعم المالي",  # financial, not Malian
        "طريق صحراوي",  # a desert road
        "المملكة",  # which kingdom?
    ],
)
def test_common_words_are_not_countries(text):
    assert [k for k, _ in resolve(text) if k.startswith("country/")] == []


def test_new_country_entries_drive_extraction():
    from kg.extract import get_extractor
    from kg.ingest import document_from_text

    def run(text):
        ex = get_extractor().extract(document_from_text(text, "t.txt", published="2025-01-01"))
        return {(e.agent, e.recipient) for e in ex.events}, {m.entity for m in ex.mentions}

    evs, mentions = run("Mexico sent a search and rescue team to Turkey.")
    assert ("country/MX", "country/TR") in evs
    evs, mentions = run("A Kenyan police contingent arrived in Port-au-Prince.")
    assert ("country/KE", "country/HT") in evs
    evs, mentions = run("أرسلت الإمارات طائرة إماراتية محملة بالمساعدات إلى جمهورية الكونغو الديمقراطية.")
    assert ("country/AE", "country/CD") in evs
    assert mentions == {"country/AE", "country/CD"}
