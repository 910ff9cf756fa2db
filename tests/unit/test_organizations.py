"""The organisation and state-body lexicons (kg/lexicons/organizations.json, state_bodies.json):
their schema, names claimed once, and what the extractor makes of them in both languages."""

import re
from collections import defaultdict

import pytest
from rdflib import OWL, RDF

import kg.lexicon
from kg.extract.rules import RulesExtractor
from kg.ingest import document_from_text
from kg.lexicon import LEXICON_FILES, load_json, load_lexicon, phrase_tokens
from kg.ontology_doc import ontology
from kg.rdf import KIND_CLASSES

ORGS = load_json("organizations.json")["organizations"]
BODIES = load_json("state_bodies.json")
QID = re.compile(r"Q[1-9][0-9]*")
KEY = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def extract(text: str):
    doc = document_from_text(text, "t.txt", published="2025-06-01")
    return RulesExtractor().extract(doc)


def orgs_named(text: str) -> set[str]:
    return {m.entity for m in extract(text).mentions if m.entity.startswith("org/")}


def body_tables() -> list[tuple[str, dict]]:
    return [
        ("ar", BODIES["ar"]),
        ("en", BODIES["en"]),
        ("ar", BODIES["held_back"]["ar"]),
        ("en", BODIES["held_back"]["en"]),
    ]


def body_kinds() -> dict[str, str]:
    """English body name -> kind, over every phrase of state_bodies.json."""
    return {name: kind for _, table in body_tables() for kind, name in table.values()}


# ------------------------------------------------------------ schema


def test_both_files_are_versioned_lexicon_files():
    assert "organizations.json" in LEXICON_FILES and "state_bodies.json" in LEXICON_FILES
    assert load_json("organizations.json")["version"] and BODIES["version"]
    assert "state_bodies" in kg.lexicon.lexicon_version()


def test_every_kind_is_an_ontology_class():
    classes = set(ontology().subjects(RDF.type, OWL.Class))
    # a state body of kind "Country" names the state itself ("Niger's military government")
    kinds = {o["kind"] for o in ORGS.values()} | set(body_kinds().values()) - {"Country"}
    assert kinds <= set(KIND_CLASSES), kinds - set(KIND_CLASSES)
    assert {KIND_CLASSES[k] for k in kinds} <= classes


@pytest.mark.parametrize("key", sorted(ORGS))
def test_organisation_entry_schema(key):
    o = ORGS[key]
    assert set(o) <= {"kind", "country", "qid", "en", "ar", "context"}, key
    if "context" in o:  # names that stand for it only in a story naming one of "requires"
        assert o["context"]["requires"] and (o["context"].get("en") or o["context"].get("ar")), key
    for lang in ("en", "ar"):
        assert o[lang] and all(isinstance(n, str) and n.strip() == n and n for n in o[lang]), (key, lang)
    assert all(re.search("[\u0600-\u06ff]", n) for n in o["ar"]), key
    assert not any(re.search("[\u0600-\u06ff]", n) for n in o["en"]), key
    assert "qid" not in o or QID.fullmatch(o["qid"]), key
    if "country" in o:
        assert f"country/{o['country']}" in load_lexicon().entities, key
    # snake_case, or the key a state_bodies.json pattern gives the same body: <english_name>/<CC>
    body, _, cc = key.partition("/")
    assert KEY.fullmatch(body), key
    if cc:
        names = {n.lower().replace(" ", "_"): kind for n, kind in body_kinds().items()}
        assert body in names and names[body] == o["kind"] and cc == o.get("country"), key


def test_wikidata_ids_are_not_shared():
    qids = [o["qid"] for o in ORGS.values() if "qid" in o]
    assert len(qids) == len(set(qids))


def test_state_body_schema():
    by_name: dict[str, set[str]] = defaultdict(set)
    for lang, table in body_tables():
        for phrase, value in table.items():
            assert isinstance(value, list) and len(value) == 2, phrase
            kind, name = value
            assert (kind in KIND_CLASSES or (kind, name) == ("Country", "State")), phrase
            assert re.fullmatch(r"[A-Z][A-Za-z' ]+", name), phrase
            assert bool(re.search("[\u0600-\u06ff]", phrase)) == (lang == "ar"), phrase
            assert lang == "ar" or phrase == phrase.lower(), phrase
            by_name[name].add(lang)
    read = {name for _, t in body_tables()[:2] for _, name in t.values()}
    for name in read:  # a body that is read is found in both languages
        assert by_name[name] == {"ar", "en"}, name


def test_no_name_is_claimed_by_two_entries():
    """One normalised name, one organisation; acronyms only clash with a name of the same capitals."""
    claims: dict[tuple, set[str]] = defaultdict(set)
    for key, o in ORGS.items():
        for n in o["en"] + o["ar"]:
            acronym = n if re.fullmatch(r"[A-Z][A-Z.]{1,5}", n) else None
            claims[(phrase_tokens(n), acronym and acronym.rstrip("."))].add(key)
    assert not {k: v for k, v in claims.items() if len(v) > 1}
    # nor by a curated country, person or place (the GeoNames gazetteer is left to its own filter)
    mine = {(words, cs) for words, cs in claims}
    for words, entry in load_lexicon().names.phrases():
        if not entry.value.startswith(("org/", "place/geo")):
            assert (words, entry.case_sensitive) not in mine, (words, entry.value)
    # and a state-body phrase means one body
    bodies: dict[tuple, set[tuple]] = defaultdict(set)
    for _, table in body_tables():
        for phrase, (kind, name) in table.items():
            bodies[phrase_tokens(phrase)].add((kind, name))
    assert not {k: v for k, v in bodies.items() if len(v) > 1}


@pytest.mark.parametrize("word", ["الشباب", "الدولة", "أمل", "القاعدة", "فتح", "آفاد", "الجزيرة", "المسيرة", "قنا"])
def test_common_words_are_no_names_alone(word):
    names = {phrase_tokens(n) for o in ORGS.values() for n in o["ar"]}
    assert phrase_tokens(word) not in names


def test_the_loader_reads_the_new_file_and_falls_back_to_cues(monkeypatch):
    lex = load_lexicon()
    assert lex.state_bodies.match_at(kg.lexicon.tokenize("وزارة خارجية"), 0)  # only in state_bodies.json
    old = {"ar": {}, "en": {"army": ["ArmedForce", "Armed Forces"]}}

    def missing(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(kg.lexicon, "load_json", missing)
    assert kg.lexicon._state_bodies({"state_bodies": old}) is old


# ------------------------------------------------------------ behaviour


def test_an_acronym_and_its_expansion_are_one_organisation():
    assert orgs_named("KSrelief delivered food to Yemen.") == {"org/ksrelief"}
    assert orgs_named("أرسل مركز الملك سلمان للإغاثة مساعدات غذائية إلى اليمن.") == {"org/ksrelief"}
    assert orgs_named("The King Salman Humanitarian Aid and Relief Centre (KSrelief) sent tents.") == {"org/ksrelief"}
    assert orgs_named("UNHCR, the UN refugee agency, said 500 people fled.") == {"org/unhcr"}
    assert orgs_named("وقالت مفوضية الأمم المتحدة لشؤون اللاجئين إن 500 شخص فروا.") == {"org/unhcr"}


def test_acronyms_match_only_in_capitals():
    assert orgs_named("The WHO warned of cholera.") == {"org/who"}
    assert orgs_named("People who fled the fighting were counted.") == set()


def test_a_news_agency_with_its_arabic_abbreviation_is_one_agency():
    ex = extract("وذكرت وكالة الأنباء السعودية (واس) أن المملكة أرسلت مساعدات إنسانية إلى السودان.")
    assert {m.entity for m in ex.mentions if m.entity.startswith("org/")} == {"org/spa"}
    assert orgs_named("وقالت واس إن الطائرة وصلت.") == {"org/spa"}
    spa = load_lexicon().entities["org/spa"]
    assert (spa.kind, spa.country) == ("NewsAgency", "country/SA")


@pytest.mark.parametrize(
    "text",
    ["هاجمت قوات الدعم السريع مدينة الفاشر.", "واتهمت ميليشيا الدعم السريع الجيش.", "The RSF attacked El Fasher."],
)
def test_the_rapid_support_forces(text):
    assert "org/rsf_sudan" in orgs_named(text)


@pytest.mark.parametrize(
    "text,key",
    [
        ("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم.", "org/isis"),
        ("Islamic State claimed the attack.", "org/isis"),
        ("هاجمت حركة الشباب قاعدة عسكرية.", "org/al_shabaab"),
        ("قال تنظيم القاعدة في جزيرة العرب إنه نفذ الهجوم.", "org/aqap"),
        ("Syrian Democratic Forces said they captured the town.", "org/sdf"),
        ("وقالت قسد إنها سيطرت على البلدة.", "org/sdf"),
        ("وقصفت تركيا مواقع حزب العمال الكردستاني.", "org/pkk"),
        ("وأعلنت هيئة تحرير الشام السيطرة على المدينة.", "org/hts"),
        ("Hamas and Palestinian Islamic Jihad fired rockets.", "org/islamic_jihad"),
        ("وتبنت كتائب القسام العملية.", "org/qassam_brigades"),
        ("وقال الحشد الشعبي إن قواته انتشرت.", "org/pmf"),
        ("أعلنت حركة فتح رفضها.", "org/fatah"),
        ("وقال الجيش الوطني الليبي إن قواته تقدمت.", "org/libyan_national_army"),
        ("وذكر مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية (أوتشا) أن المساعدات وصلت.", "org/ocha"),
        ("وقال برنامج الأغذية العالمي إن الشاحنات دخلت.", "org/wfp"),
        ("قدمت جامعة الدول العربية مساعدات.", "org/arab_league"),
        ("وأعلن مجلس التعاون الخليجي دعمه.", "org/gcc"),
        ("وقال الهلال الأحمر القطري إنه أرسل مساعدات.", "org/red_crescent_society/QA"),
        ("Doctors Without Borders said the hospital was hit.", "org/msf"),
    ],
)
def test_groups_and_bodies_in_both_languages(text, key):
    assert key in orgs_named(text)


@pytest.mark.parametrize(
    "text",
    [
        "وقال الشباب إنهم يريدون العمل.",  # the youth
        "وقالت الدولة إنها ستدعم المزارعين.",  # the state
        "ويحدو المواطنين أمل كبير.",  # hope
        "وصلت القوات إلى القاعدة العسكرية.",  # the (military) base
        "وفتح الجيش الطريق.",  # opened
        "أفاد مصدر أمني بأن الطريق أغلق.",  # reported, not AFAD
        "وقالت القناة إن المسيرة انطلقت من الجزيرة.",  # the march, the island
    ],
)
def test_common_words_are_not_organisations(text):
    assert orgs_named(text) == set()


def test_a_state_army_named_with_its_state():
    ex = extract("The Iraqi army said it had killed five fighters.")
    army = ex.entities["org/armed_forces/IQ"]
    assert (army.kind, army.country) == ("ArmedForce", "country/IQ")
    assert "org/armed_forces/IQ" in orgs_named("قال الجيش العراقي إنه قتل خمسة مسلحين.")


def test_a_curated_body_and_the_pattern_are_one_entity():
    # 'SAF' is curated under the key the pattern gives 'the Sudanese army'
    assert orgs_named("The SAF said it repelled the attack.") == {"org/armed_forces/SD"}
    assert orgs_named("The Sudanese army said it repelled the attack.") == {"org/armed_forces/SD"}
    assert orgs_named("وقال الجيش السوداني إنه صد الهجوم.") == {"org/armed_forces/SD"}
    assert load_lexicon().entities["org/armed_forces/SD"].kind == "ArmedForce"


@pytest.mark.parametrize(
    "text,key",
    [
        ("قالت وزارة الدفاع السعودية إن الصواريخ اعترضت.", "org/ministry_of_defence/SA"),
        ("قالت وزارة الدفاع في السعودية إن الصواريخ اعترضت.", "org/ministry_of_defence/SA"),
        ("وقالت وزارة خارجية قطر إن الوفد وصل.", "org/ministry_of_foreign_affairs/QA"),
        ("وقالت وزارة الخارجية القطرية إن الوفد وصل.", "org/ministry_of_foreign_affairs/QA"),
        ("Saudi Arabia's foreign ministry condemned the attack.", "org/ministry_of_foreign_affairs/SA"),
        ("The Ministry of Foreign Affairs of Qatar condemned the attack.", "org/ministry_of_foreign_affairs/QA"),
        ("وأعلنت الرئاسة المصرية أن القمة ستعقد.", "org/presidency/EG"),
        ("South Korea's presidential office said the talks would resume.", "org/presidency/KR"),
        ("وافق مجلس الوزراء السعودي على الاتفاقية.", "org/council_of_ministers/SA"),
        ("وافق البرلمان التركي على المذكرة.", "org/parliament/TR"),
        ("The Turkish parliament approved the motion.", "org/parliament/TR"),
        ("وقالت المخابرات العامة المصرية إن الوفد وصل.", "org/general_intelligence/EG"),
        ("Niger's state television showed the plane.", "org/state_media/NE"),
        ("وأفادت وسائل الإعلام الرسمية الكورية الشمالية بأن الصاروخ أطلق.", "org/state_media/KP"),
        ("وقالت وزارة الصحة العامة اللبنانية إن شخصا قتل.", "org/ministry_of_health/LB"),
        ("The US State Department said the talks would resume.", "org/ministry_of_foreign_affairs/US"),
        ("The State Department said the talks would resume.", "org/ministry_of_foreign_affairs/US"),
    ],
)
def test_state_body_shapes(text, key):
    assert key in orgs_named(text)


def test_a_body_named_with_a_forces_noun_does_not_hide_a_deployment():
    # 'القوات الخاصة', 'special forces' are held back in state_bodies.json (see its held_back.about)
    for text in ("أرسلت تركيا القوات الخاصة التركية إلى ليبيا.", "Kenyan police arrived in Haiti."):
        assert [e.type for e in extract(text).events] == ["Deployment"], text
