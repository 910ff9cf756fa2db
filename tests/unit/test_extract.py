"""The rules.v1 extractor: behaviours on small texts, then quality on annotated fixtures."""

import json

import pytest

from kg.evaluate import score
from kg.extract import available, get_extractor
from kg.ingest import document_from_text
from kg.pipeline import build

from ..conftest import DATA, DEV_CORPUS

SHARED_GOLD = DEV_CORPUS.parent.parent / "eval" / "gold"
SEED = DEV_CORPUS / "ar-kim-putin-new-year-2025-12-27.txt"
SEED_GOLD = SHARED_GOLD / "ar-kim-putin-new-year-2025-12-27.json"

# regression floors: raise them as extraction improves
# (precision, recall, F1) per language and part on the whole dev set (the seed and
# world-news.jsonl), scored with kg.evaluate: the lower of the values measured on the
# committed code and on the shared working tree, minus 0.03.
DEV_FLOORS = {
    "ar": {"entities": (0.89, 0.90, 0.89), "events": (0.97, 0.91, 0.94), "claims": (0.92, 0.72, 0.81)},
    "en": {"entities": (0.89, 0.88, 0.89), "events": (0.94, 0.89, 0.92), "claims": (0.97, 0.72, 0.82)},
}


def extract(text: str, published: str = "2025-12-27"):
    doc = document_from_text(text, "t.txt", published=published)
    return get_extractor().extract(doc)


def events(ex) -> set[tuple]:
    return {(e.type, e.agent, e.recipient, e.affected, e.category) for e in ex.events}


def test_registry_names_carry_a_version():
    assert "rules.v1" in available()
    assert get_extractor("rules.v1").name == "rules.v1"


def test_direction_of_supply_in_arabic():
    ex = extract("يُعتقد أن بيونغ يانغ زودت موسكو بقذائف مدفعية.")
    assert events(ex) == {("AidTransfer", "country/KP", "country/RU", None, "Ammunition")}
    ex = extract("قدمت روسيا مساعدات غذائية لكوريا الشمالية.")
    assert events(ex) == {("AidTransfer", "country/RU", "country/KP", None, "Food")}


def test_the_north_means_north_korea_only_in_a_korean_context():
    ex = extract("تحدث المقال عن كوريا الشمالية. وقدمت روسيا مساعدات مالية للشمال.")
    assert ("AidTransfer", "country/RU", "country/KP", None, "FinancialAid") in events(ex)
    ex = extract("قدمت روسيا مساعدات مالية للشمال.")
    assert not ex.events


def test_title_in_context_is_the_office_holder_on_the_publication_date():
    ex = extract("أرسل الرئيس الروسي تهنئة إلى الرئيس الأمريكي.", published="2025-12-27")
    assert events(ex) == {("Communication", "person/vladimir_putin", "person/donald_trump", None, None)}
    ex = extract("أرسل الرئيس الروسي تهنئة إلى الرئيس الأمريكي.", published="2022-06-01")
    assert events(ex) == {("Communication", "person/vladimir_putin", "person/joe_biden", None, None)}


def test_english_deployment_with_count_and_claim():
    ex = extract("North Korea has sent about 10,000 troops to Russia, South Korea's spy agency said.")
    (ev,) = ex.events
    assert (ev.type, ev.agent, ev.recipient, ev.count) == ("Deployment", "country/KP", "country/RU", 10000)
    assert {(c.claimant, c.certainty) for c in ex.claims} == {("org/kr_nis", "Asserted")}


def test_certainty_levels():
    cases = {
        "Confirmed": "Pyongyang confirmed that it had sent troops to Russia.",
        "Denied": "Iran denied that it had sent weapons to Russia.",
        "Believed": "يُعتقد أن إيران أرسلت صواريخ إلى روسيا.",
        "Speculated": "Analysts say Iran may have supplied Russia with drones.",
        "Asserted": "قالت أوكرانيا إن إيران أرسلت صواريخ إلى روسيا.",
    }
    for certainty, text in cases.items():
        ex = extract(text)
        assert ex.events, text
        assert certainty in {c.certainty for c in ex.claims}, text


def test_casualties_with_number_words_and_affected_side():
    ex = extract("واعترف كيم بأن قوات شمالية نُشرت في كورسك، وأن تسعة جنود من فوج هندسي لقوا حتفهم.")
    cas = [e for e in ex.events if e.type == "Casualty"]
    assert cas and cas[0].affected == "country/KP" and cas[0].count == 9 and cas[0].location == "place/kursk"


def test_no_facts_without_actors():
    assert not extract("ارتفعت أسعار النفط في الأسواق الآسيوية اليوم.").events
    assert not extract("The weather was cold and the markets were calm.").events


def test_a_conjunction_does_not_swap_the_roles():
    ex = extract("Russia provided North Korea with oil, while Iran sent drones to Russia.")
    assert events(ex) == {
        ("AidTransfer", "country/RU", "country/KP", None, "Energy"),
        ("AidTransfer", "country/IR", "country/RU", None, "Weapons"),
    }


def test_evidence_is_verbatim_with_offsets():
    text = "Title\n\nNorth Korea sent troops to Russia. Iran denied sending drones."
    ex = extract(text)
    for ev in ex.events:
        for e in ev.evidence:
            assert text[e.span.start : e.span.end] == e.text


def test_nothing_from_boilerplate():
    ex = extract("Russia sent troops to Syria.\n\nRead more: Germany sent tanks to Poland\n")
    keys = {m.entity for m in ex.mentions}
    assert "country/DE" not in keys and "country/PL" not in keys


def test_quality_on_own_annotated_fixtures(tmp_path):
    # the top-level fixtures only: fixtures/constructions/ has its own floors (test_constructions.py)
    result = build(sorted((DATA / "fixtures").glob("*.txt")), tmp_path, write_views=False)
    report = score(result.dataset, [DATA / "gold"])
    assert report.entities.precision >= 0.9 and report.entities.recall >= 0.9
    assert report.events.precision >= 0.85 and report.events.recall >= 0.85
    assert report.claims.precision >= 0.75 and report.claims.recall >= 0.75
    assert report.overall >= 0.85


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/eval is not here")
def test_quality_on_the_dev_article(tmp_path):
    result = build([SEED], tmp_path, write_views=False)
    report = score(result.dataset, [SEED_GOLD])
    assert report.overall >= 0.9, report.lines()
    text = SEED.read_text(encoding="utf-8")
    from kg.rdf import KG

    quotes = [str(q[2]) for q in result.dataset.quads((None, KG.evidence, None, None))]
    assert quotes and all(q in text for q in quotes)


def _gold_lang(path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["lang"]


def _dev_sources_by_language(tmp_path) -> dict:
    """The dev corpus split by language: .txt files by their gold file's lang, JSON lines by each record's."""
    by_lang = {"ar": tmp_path / "ar", "en": tmp_path / "en"}
    for folder in by_lang.values():
        folder.mkdir()
    for txt in sorted(DEV_CORPUS.glob("*.txt")):
        lang = _gold_lang(SHARED_GOLD / f"{txt.stem}.json")
        (by_lang[lang] / txt.name).write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
    for jl in sorted(DEV_CORPUS.glob("*.jsonl")):
        lines = {"ar": [], "en": []}
        for line in jl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines[json.loads(line)["lang"]].append(line)
        for lang, recs in lines.items():
            if recs:
                (by_lang[lang] / jl.name).write_text("\n".join(recs) + "\n", encoding="utf-8")
    return by_lang


@pytest.mark.skipif(not SHARED_GOLD.exists() or not DEV_CORPUS.exists(), reason="../shared is not here")
@pytest.mark.parametrize("lang", sorted(DEV_FLOORS))
def test_quality_on_the_dev_set_per_language(tmp_path, lang):
    source = _dev_sources_by_language(tmp_path)[lang]
    golds = [g for g in sorted(SHARED_GOLD.glob("*.json")) if _gold_lang(g) == lang]
    assert golds
    result = build([source], tmp_path / "out", write_views=False)
    assert result.documents == len(golds)
    report = score(result.dataset, golds)
    assert not report.shortfalls(DEV_FLOORS[lang]), (lang, report.shortfalls(DEV_FLOORS[lang]), report.lines())


def test_unknown_speakers_and_titled_people_become_people():
    ex = extract(
        "John Kirby told reporters that Iran had sent drones to Russia. Defence Secretary Jane Roe said so too."
    )
    people = {k for k, e in ex.entities.items() if e.type == "Person"}
    assert people == {"person/john_kirby", "person/jane_roe"}
    assert {c.claimant for c in ex.claims} >= {"person/john_kirby"}


def test_negation_in_a_claim_is_a_denial():
    ex = extract("Maria Zakharova said Russia had not deployed troops to Belarus.")
    assert {(c.claimant, c.certainty) for c in ex.claims} == {("person/maria_zakharova", "Denied")}


def test_state_institutions_are_organisations_that_act_for_their_state():
    ex = extract("أعلنت وزارة الدفاع الأمريكية أن واشنطن ستقدم لأوكرانيا ذخائر.")
    assert ("AidTransfer", "country/US", "country/UA", None, "Ammunition") in events(ex)
    assert {c.claimant for c in ex.claims} == {"org/ministry_of_defence/US"}
    ex = extract("The Ukrainian army sent troops to Kursk.")
    assert ("Deployment", "country/UA", "country/RU", None, None) in events(ex)
    assert "org/armed_forces/UA" in ex.entities


def test_receiving_means_the_giver_is_from():
    ex = extract("وقال زيلينسكي إن بلاده تلقت مساعدات مالية من الاتحاد الأوروبي.")
    assert ("AidTransfer", "org/european_union", "country/UA", None, "FinancialAid") in events(ex)


def test_numbered_military_units():
    ex = extract("Ukraine's 47th Mechanised Brigade said it had deployed troops near Kursk.")
    unit = ex.entities["org/unit/47th_mechanised_brigade"]
    assert unit.kind == "MilitaryUnit" and unit.country == "country/UA"
    assert "org/unit/اللواء_47" in extract("قال اللواء 47 إن القوات وصلت.").entities


def test_wire_dateline_and_casualty_sides():
    text = (
        "BEIRUT, Oct 2 (Reuters) - Israeli warplanes struck southern Lebanon, killing at least 12 people, "
        "Lebanon's health ministry said.\nThe Israeli military said it had killed several Hezbollah commanders.\n"
        "Reporting by Jane Doe; Editing by John Roe\n"
    )
    ex = extract(text, published="2024-10-02")
    cas = {e.affected: e for e in ex.events if e.type == "Casualty"}
    assert set(cas) == {"country/LB", "org/hezbollah"}
    assert cas["country/LB"].count == 12 and cas["country/LB"].reported_by == {"org/reuters"}
    assert "person/jane_doe" not in ex.entities


def test_an_appeal_is_not_a_call():
    ex = extract("French President Emmanuel Macron called on Israel and Hezbollah to agree a ceasefire.")
    assert not ex.events


def test_arabic_verb_first_coordinated_subjects_and_meetings():
    ex = extract("وأرسلت مصر والسعودية مساعدات إنسانية إلى السودان.")
    assert {(e.agent, e.recipient) for e in ex.events} == {("country/EG", "country/SD"), ("country/SA", "country/SD")}
    ex = extract("التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأمريكي ماركو روبيو في الرياض.")
    assert events(ex) == {("Communication", "person/faisal_bin_farhan", "person/marco_rubio", None, None)}


def test_aid_packages_named_as_nouns():
    ex = extract("The United States announced a new $500 million military aid package for Ukraine.")
    assert events(ex) == {("AidTransfer", "country/US", "country/UA", None, "Weapons")}
    assert not extract("Ukraine asked for more military aid.").events


def test_a_person_named_again_by_part_of_the_name():
    ex = extract(
        "Taiwan's President Lai Ching-te condemned the drills. Japan's Prime Minister Shigeru Ishiba "
        "spoke by phone with Lai on Tuesday.",
        published="2024-10-14",
    )
    assert "person/lai_ching_te" in ex.entities
    assert events(ex) == {("Communication", "person/shigeru_ishiba", "person/lai_ching_te", None, None)}


def test_a_capital_inside_an_institution_name_is_no_country():
    ex = extract("China sold drones to Pakistan, according to the Stockholm International Peace Research Institute.")
    assert "country/SE" not in {m.entity for m in ex.mentions}
