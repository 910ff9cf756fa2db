"""kg/lexicons/officeholders.json: its schema, its merge with people.json, and titles resolved by date."""

import datetime
import json
import re
from collections import defaultdict
from importlib import resources

import pytest

from kg.extract.rules import RulesExtractor
from kg.ingest import document_from_text
from kg.lexicon import LEXICON_FILES, _people, load_lexicon
from kg.textnorm import normalize, tokenize

ROLES = {"head", "pm", "fm", "dm", "army", "crown", "supreme", "president", "secgen"}
ISO2 = re.compile(r"[A-Z]{2}")
ORG_KEY = re.compile(r"[a-z][a-z0-9_]*")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _file(name: str) -> dict:
    return json.loads(resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8"))


OWN = _file("officeholders.json")
PEOPLE = _file("people.json")["people"]


def _valid_date(d: str) -> bool:
    if not DATE.fullmatch(d):
        return False
    parts = [int(x) for x in d.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _phrase(name: str) -> tuple[str, ...]:
    """A name as the matcher sees it: its words, each through kg.textnorm.normalize."""
    return tuple(normalize(t.text) for t in tokenize(name))


def test_file_header_and_it_is_a_lexicon_file():
    assert OWN["version"] and OWN["about"] and OWN["licence"]
    assert "Wikidata" in OWN["about"] and "2026-12-01" in OWN["about"] and "CC0" in OWN["licence"]
    assert "officeholders.json" in LEXICON_FILES
    assert list(OWN["people"]) == sorted(OWN["people"])
    assert len(OWN["people"]) > 300


@pytest.mark.parametrize("key", sorted(OWN["people"]))
def test_entry_schema(key):
    p = OWN["people"][key]
    assert re.fullmatch(r"[a-z0-9_]+", key)
    assert set(p) <= {"qid", "en", "ar", "country", "roles"}
    merged = _people()[key]
    # a new person has names in both languages; an entry extending people.json may add only roles
    assert merged["en"] and merged["ar"], key
    assert all(isinstance(n, str) and n.strip() == n and n for n in p["en"] + p["ar"])
    assert not any(re.search("[\u0600-\u06ff]", n) for n in p["en"]), "Arabic in en"
    assert all(re.search("[\u0600-\u06ff]", n) for n in p["ar"]), "no Arabic in ar"
    if "qid" in p:
        assert re.fullmatch(r"Q[1-9][0-9]*", p["qid"])
    if key not in PEOPLE:
        assert ISO2.fullmatch(p.get("country", "")), "a new person has a country"
    elif "country" in p:
        assert ISO2.fullmatch(p["country"])
    for role in p["roles"]:
        assert len(role) == 4, role
        code, where, start, end = role
        assert code in ROLES, role
        assert ISO2.fullmatch(where) or ORG_KEY.fullmatch(where), role
        assert _valid_date(start), role
        assert end is None or (_valid_date(end) and start < end), role


def test_qids_are_not_shared_and_do_not_contradict_people_json():
    owner: dict[str, str] = {}
    for key, p in list(PEOPLE.items()) + list(OWN["people"].items()):
        if p.get("qid"):
            assert owner.setdefault(p["qid"], key) == key, (p["qid"], owner[p["qid"]], key)
    for key, p in OWN["people"].items():
        if key in PEOPLE and PEOPLE[key].get("qid"):
            assert "qid" not in p, f"{key}: people.json has the QID"


def test_no_name_is_claimed_by_two_people():
    claims: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key, p in _people().items():
        for name in p["en"] + p["ar"]:
            claims[_phrase(name)].add(key)
    shared = {" ".join(k): v for k, v in claims.items() if len(v) > 1}
    assert not shared


def test_no_officeholder_name_is_also_a_country_organisation_or_place():
    lex = load_lexicon()
    clashes = []
    for key in OWN["people"]:
        p = lex.entities[f"person/{key}"]
        for name in p.labels["en"] + p.labels["ar"]:
            toks = tokenize(name)
            m = lex.names.match_at(toks, 0)
            values = {e.value for e in m.entries} if m and m.end == len(toks) else None
            if values != {f"person/{key}"}:
                clashes.append((key, name, values))
    assert not clashes


def test_no_single_word_name_that_is_a_common_word():
    # a family name alone is a name only where it is no common word (see people.json: 'البرهان')
    common = set(
        "البرهان عون سلام سعيد صالح هادي مبارك المعلم الشرع روحاني ظريف لولا مشار المنفي السراج السوداني "
        "المالكي مرسي محمد عبدالله Hague Hunt May Brown Cleverly Truss Sharif Khan Kim Lee Singh".split()
    ) | {"عبد الله"}
    mine = {n for p in OWN["people"].values() for n in p["en"] + p["ar"]}
    assert not {normalize(c) for c in common} & {normalize(n) for n in mine}


def test_no_two_holders_of_one_office_at_once():
    terms = defaultdict(list)
    for key, p in _people().items():
        for code, where, start, end in p["roles"]:
            terms[(code, where)].append((start, end or "9999", key))
    for office, held in terms.items():
        held.sort()
        for (_, e1, k1), (s2, _, k2) in zip(held, held[1:], strict=False):
            assert k1 == k2 or s2 >= e1, (office, k1, k2)


def test_entries_extending_people_json_only_add():
    merged = _people()
    for key, p in OWN["people"].items():
        if key not in PEOPLE:
            continue
        base = PEOPLE[key]
        assert merged[key]["en"][: len(base["en"])] == base["en"]
        assert merged[key]["ar"][: len(base["ar"])] == base["ar"]
        assert merged[key]["qid"] == (base.get("qid") or p.get("qid"))
        assert [list(r) for r in base["roles"]] == merged[key]["roles"][: len(base["roles"])]


def test_merged_people_are_in_the_lexicon():
    lex = load_lexicon()
    sisi = lex.entities["person/abdel_fattah_el_sisi"]  # people.json, extended here
    assert "عبد الفتاح السيسي" in sisi.labels["ar"] and "الرئيس السيسي" in sisi.labels["ar"]
    assert lex.entities["person/rashad_al_alimi"].qid == "Q12213376"
    assert lex.entities["person/rashad_al_alimi"].country == "country/YE"


@pytest.mark.parametrize(
    "country,title,date,person",
    [
        ("country/YE", "president", "2025-06-01", "rashad_al_alimi"),
        ("country/YE", "president", "2015-01-01", "abdrabbuh_mansur_hadi"),
        ("country/YE", "president", "2005-03-01", "ali_abdullah_saleh"),
        ("country/QA", "fm", "2024-05-10", "mohammed_bin_abdulrahman_al_thani"),
        ("country/QA", "pm", "2015-06-01", "abdullah_bin_nasser_al_thani"),
        ("country/QA", "leader", "2010-01-01", "hamad_bin_khalifa"),
        ("country/SA", "fm", "2017-01-01", "adel_al_jubeir"),
        ("country/SA", "leader", "2010-01-01", "abdullah_bin_abdulaziz"),
        ("country/SA", "dm", "2023-01-01", "khalid_bin_salman"),
        ("country/EG", "president", "2012-12-01", "mohamed_morsi"),
        ("country/EG", "fm", "2020-01-01", "sameh_shoukry"),
        ("country/TR", "fm", "2020-01-01", "mevlut_cavusoglu"),
        ("country/TR", "pm", "2010-01-01", "recep_tayyip_erdogan"),
        ("country/LY", "pm", "2022-06-01", "abdul_hamid_dbeibah"),
        ("country/LY", "president", "2018-01-01", "fayez_al_sarraj"),
        ("country/LY", "president", "2023-01-01", "mohamed_al_menfi"),
        ("country/IR", "president", "2015-01-01", "hassan_rouhani"),
        ("country/IR", "leader", "2015-01-01", "ali_khamenei"),
        ("country/IL", "pm", "2004-01-01", "ariel_sharon"),
        ("country/US", "president", "2010-01-01", "barack_obama"),
        ("country/US", "fm", "2016-01-01", "john_kerry"),
        ("country/GB", "pm", "2018-01-01", "theresa_may"),
        ("country/RU", "president", "2010-01-01", "dmitry_medvedev"),
        ("country/UA", "president", "2016-01-01", "petro_poroshenko"),
        ("country/SD", "president", "2015-01-01", "omar_al_bashir"),
        ("country/JO", "leader", "2024-01-01", "abdullah_ii"),
        ("org/united_nations", "secgen", "2010-01-01", "ban_ki_moon"),
        ("org/arab_league", "secgen", "2020-01-01", "ahmed_aboul_gheit"),
        ("org/hezbollah", "secgen", "2020-01-01", "hassan_nasrallah"),
        ("org/hamas", "leader", "2020-01-01", "ismail_haniyeh"),
    ],
)
def test_titles_resolve_to_the_holder_on_the_date(country, title, date, person):
    assert load_lexicon().leader(country, title, date) == f"person/{person}"


def test_partial_dates_compare_as_the_start_of_their_month_or_year():
    lex = load_lexicon()
    # Qatar's defence ministry changed hands in "2024-11"
    assert lex.leader("country/QA", "dm", "2024-10-31") == "person/khalid_al_attiyah"
    assert lex.leader("country/QA", "dm", "2024-11-01") == "person/saoud_bin_abdulrahman_al_thani"
    # Iraq's prime minister changed in "2026" (a year only)
    assert lex.leader("country/IQ", "pm", "2025-12-31") == "person/mohammed_shia_al_sudani"
    assert lex.leader("country/IQ", "pm", "2026-03-01") == "person/ali_falih_al_zaidi"
    # a term closed without a known successor resolves to no one
    assert lex.leader("org/arab_league", "secgen", "2026-08-01") is None


def _mentions(text: str, published: str) -> set[tuple[str, str]]:
    doc = document_from_text(text, "t.txt", published=published)
    return {(m.entity, m.surface) for m in RulesExtractor().extract(doc).mentions}


def test_an_arabic_title_resolves_to_the_holder():
    ms = _mentions("قال وزير الخارجية القطري إن الدوحة ستواصل جهود الوساطة بين الطرفين.", "2024-05-10")
    assert ("person/mohammed_bin_abdulrahman_al_thani", "وزير الخارجية القطري") in ms
    ms = _mentions("وصل الرئيس اليمني إلى الرياض في زيارة رسمية.", "2025-06-01")
    assert ("person/rashad_al_alimi", "الرئيس اليمني") in ms
    ms = _mentions("بحث رئيس الوزراء العراقي مع وزير الخارجية التركي العلاقات الثنائية.", "2019-04-01")
    assert ("person/adil_abdul_mahdi", "رئيس الوزراء العراقي") in ms
    assert ("person/mevlut_cavusoglu", "وزير الخارجية التركي") in ms


def test_arabic_names_and_their_variants():
    ms = _mentions("والتقى المشير خليفة حفتر رئيس المجلس الرئاسي محمد المنفي في بنغازي.", "2023-02-01")
    assert {e for e, _ in ms} >= {"person/khalifa_haftar", "person/mohamed_al_menfi"}
    ms = _mentions("وأكد عبدالحميد الدبيبة أن الحكومة مستمرة.", "2023-02-01")
    assert "person/abdul_hamid_dbeibah" in {e for e, _ in ms}


def test_an_english_title_and_name_resolve():
    ms = _mentions("Saudi Foreign Minister Adel al-Jubeir said on Monday that the talks had failed.", "2017-03-01")
    assert ("person/adel_al_jubeir", "Saudi Foreign Minister Adel al-Jubeir") in ms
    ms = _mentions("Yemen's president met the Saudi crown prince in Riyadh.", "2016-01-05")
    assert ("person/abdrabbuh_mansur_hadi", "Yemen's president") in ms
    ms = _mentions("Arab League Secretary-General Ahmed Aboul Gheit called for calm.", "2020-01-01")
    assert "person/ahmed_aboul_gheit" in {e for e, _ in ms}
