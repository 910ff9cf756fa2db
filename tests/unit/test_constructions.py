"""Constructions news is made of, on our own annotated fixtures (tests/data/fixtures/constructions/).

Invented short articles in Arabic and English (wire copy with a dateline, government
statements, features, bulletins, headline + body) with gold in the format of the shared
dev gold (tests/data/gold/constructions/). Two kinds of tests:

* per-language quality floors on the whole set, scored with kg.evaluate;
* targeted tests, one per construction and language, that read one fixture's graph in
  gold keys and check that a specific fact is there, or is not. Those the extractor
  gets wrong today are ``xfail(strict=True)``: fixing one turns it into a failure, and
  then its mark must go.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.evaluate import _norm_name, load_gold, score
from kg.export import union_graph
from kg.model import ENTITY_TYPES, EVENT_TYPES
from kg.pipeline import build
from kg.rdf import KG

from ..conftest import DATA

FIXTURES = DATA / "fixtures" / "constructions"
GOLD = DATA / "gold" / "constructions"

# regression floors: raise them as extraction improves
# (precision, recall, F1) per language and part on all construction fixtures, scored
# with kg.evaluate: the lower of the values measured on the committed code and on the
# shared working tree, minus 0.03.
FLOORS = {
    "ar": {"entities": (0.95, 0.90, 0.93), "events": (0.90, 0.90, 0.90), "claims": (0.81, 0.77, 0.79)},
    "en": {"entities": (0.89, 0.92, 0.91), "events": (0.96, 0.96, 0.96), "claims": (0.96, 0.91, 0.93)},
}
# The English floors were 0.97 for events and (0.97, 0.91, 0.94) for claims, met only when the Arabic build ran
# first in the same process: resolve() added the names it merged into the cached lexicon's own entities, so one
# build changed the next. Entities are copied now (kg.resolve.EntityTable); the floors are what `kg build` gives
# in a fresh process, where nothing ran before (events 0.969, claims 0.966/0.912/0.938).

BOTH = ["en", "ar"]  # a construction tested in each language
FACT = ("Confirmed", "Asserted", "Believed")  # certainties that state an event happened


def _gold_files(lang: str) -> list:
    return [g for g in sorted(GOLD.glob("*.json")) if json.loads(g.read_text(encoding="utf-8"))["lang"] == lang]


def test_every_fixture_has_gold_and_both_languages_are_there():
    texts = {p.stem for p in FIXTURES.glob("*.txt")}
    golds = {p.stem for p in GOLD.glob("*.json")}
    assert texts == golds
    for g in GOLD.glob("*.json"):
        gold = json.loads(g.read_text(encoding="utf-8"))
        assert (g.parent / gold["doc"]).resolve() == (FIXTURES / f"{g.stem}.txt").resolve()
        assert gold["lang"] == g.stem[:2]
    assert len(_gold_files("ar")) >= 8 and len(_gold_files("en")) >= 8


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_quality_on_the_construction_fixtures(tmp_path, lang):
    golds = _gold_files(lang)
    result = build([FIXTURES / f"{g.stem}.txt" for g in golds], tmp_path, write_views=False)
    assert result.documents == len(golds)
    report = score(result.dataset, golds)
    assert not report.shortfalls(FLOORS[lang]), (lang, report.shortfalls(FLOORS[lang]), report.lines())


# ---------------------------------------------------------------- one fixture's graph in gold keys


@dataclass
class Event:
    type: str
    roles: dict  # agent / recipient / affected -> gold key, "?label" for an unknown node, None
    categories: set
    count: set = field(default_factory=set)
    reported_by: set = field(default_factory=set)
    claims: list = field(default_factory=list)  # (claimant, certainty)


@dataclass
class Facts:
    entities: dict  # gold key or "?label" -> entity type
    events: list

    def find(self, type: str, agent=None, recipient=None, affected=None, category=None) -> list[Event]:
        """Events of ``type`` whose roles are among the given keys (a key or a set of keys; None: any)."""

        def ok(value, want) -> bool:
            return want is None or value in ({want} if isinstance(want, str) else want)

        return [
            e
            for e in self.events
            if e.type == type
            and ok(e.roles["agent"], agent)
            and ok(e.roles["recipient"], recipient)
            and ok(e.roles["affected"], affected)
            and (category is None or e.categories & ({category} if isinstance(category, str) else category))
        ]

    def claims(self, events: list[Event]) -> set[tuple]:
        return {c for e in events for c in e.claims}


def read_facts(ds, gold_file) -> Facts:
    gold, _, _ = load_gold([gold_file])
    by_qid = {e["wikidata"]: k for k, e in gold.items() if e.get("wikidata")}
    g = union_graph(ds)
    types = defaultdict(set)
    for s, o in g.subject_objects(RDF.type):
        if str(o).startswith(str(KG)):
            types[s].add(str(o)[len(str(KG)) :])
    key_of, entities = {}, {}
    for node, ts in types.items():
        typ = next((t for t in ENTITY_TYPES if t in ts), None)
        if typ is None:
            continue
        labels = [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in g.objects(node, p)]
        names = {_norm_name(n) for n in labels}
        qids = [str(x).rsplit("/", 1)[-1] for x in g.objects(node, OWL.sameAs)]
        key = next((by_qid[q] for q in qids if q in by_qid), None)
        key = key or next((k for k, e in gold.items() if e["type"] == typ and names & e["names"]), None)
        key_of[node] = key or f"?{sorted(labels)[0] if labels else node}"
        entities[key_of[node]] = typ

    def ent(node):
        return None if node is None else key_of.get(node, f"?{node}")

    events = {}
    for node, ts in types.items():
        typ = next((t for t in EVENT_TYPES if t in ts), None)
        if typ is None:
            continue
        events[node] = Event(
            typ,
            {r: ent(g.value(node, KG[r])) for r in ("agent", "recipient", "affected")},
            {str(c).rsplit("#", 1)[-1] for c in g.objects(node, KG.aidCategory)},
            {int(c) for c in g.objects(node, KG["count"]) if isinstance(c, Literal)},
            {ent(o) for o in g.objects(node, KG.reportedBy) if isinstance(o, URIRef)},
        )
    for node, ts in types.items():
        about = g.value(node, KG.about)
        if "Claim" in ts and about in events:
            certainty = g.value(node, KG.certainty)
            events[about].claims.append((ent(g.value(node, KG.claimant)), str(certainty).rsplit("#", 1)[-1]))
    return Facts(entities, list(events.values()))


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    cache: dict[str, Facts] = {}

    def get(name: str) -> Facts:
        if name not in cache:
            out = tmp_path_factory.mktemp(name)
            result = build([FIXTURES / f"{name}.txt"], out, write_views=False)
            cache[name] = read_facts(result.dataset, GOLD / f"{name}.json")
        return cache[name]

    return get


def stated_as_fact(events: list[Event]) -> list[Event]:
    """Events the graph states happened: no claim at all (narrated), or a claim that says so."""
    return [e for e in events if not e.claims or any(c in FACT for _, c in e.claims)]


def xfail(lang: str, reason: str):
    return pytest.param(lang, marks=pytest.mark.xfail(strict=True, reason=reason))


# ---------------------------------------------------------------- titles and offices


@pytest.mark.parametrize(
    "lang",
    [
        "en",
        "ar",
    ],
)
def test_a_title_before_a_name_is_not_part_of_it_and_the_family_name_finds_the_person(facts, lang):
    if lang == "en":  # 'Jordanian Planning Minister Samir Obeidat' ... 'Obeidat handed the letter to Albusaidi'
        f = facts("en-01-wire-muscat-talks")
        minister, other = "samir_obeidat", {"badr_albusaidi", "oman"}
        agents = {"samir_obeidat", "jordan"}
    else:  # 'وزير الدولة القطري للشؤون الخارجية خليفة بن جاسم الكبيسي' ... 'وسلّم الكبيسي الرسالة إلى الأمير فيصل'
        f = facts("ar-01-wire-riyadh-yemen")
        minister, other = "khalifa_al_kubaisi", {"faisal_bin_farhan", "saudi_arabia"}
        agents = {"khalifa_al_kubaisi", "qatar"}
    assert f.entities.get(minister) == "Person"
    assert not [k for k, t in f.entities.items() if t == "Person" and k.startswith("?")]
    assert f.find("Communication", agent=agents, recipient=other)


@pytest.mark.parametrize("lang", BOTH)
def test_the_spokesman_named_after_his_office_and_rank_is_the_claimant(facts, lang):
    f = facts(f"{lang}-02-wire-cairo-dateline")
    assert f.entities.get("kamal_abdelrahim") == "Person"
    denials = f.claims(f.find("AidTransfer", agent="turkey", recipient={"sudanese_army", "sudan"}))
    assert ("kamal_abdelrahim", "Denied") in denials


# ---------------------------------------------------------------- state bodies, relief bodies, armed groups


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_state_bodies_are_organisations_that_claim(facts, lang):
    if lang == "en":  # 'the Iraqi army said' about its own three dead soldiers
        f = facts("en-09-wire-baghdad-iraqi-army")
        body, events = "iraqi_army", f.find("Casualty", affected={"iraq", "iraqi_army"})
    else:  # 'بحسب ما أعلنت وزارة الصحة السودانية' about 12 Sudanese civilians killed
        assert facts("ar-03-statement-ksrelief-port-sudan").entities.get("saudi_defence_ministry") == "Organization"
        f = facts("ar-05-bulletin-briefs")
        body, events = "sudanese_health_ministry", f.find("Casualty", affected="sudan")
    assert f.entities.get(body) == "Organization"
    assert body in {claimant for claimant, _ in f.claims(events)}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_relief_body_is_the_provider(facts, lang):
    f = facts(f"{lang}-10-" + ("headline-yemen-relief" if lang == "en" else "feature-hodeidah-relief"))
    assert f.entities.get("ksrelief") == "Organization"
    assert f.find("AidTransfer", agent={"ksrelief", "saudi_arabia"}, recipient="yemen", category="Food")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_armed_group_receives_weapons(facts, lang):
    f = facts("en-04-feature-el-fasher-drones" if lang == "en" else "ar-04-feature-el-obeid-drones")
    assert f.entities.get("rsf") == "Organization"
    assert f.find("AidTransfer", agent="united_arab_emirates", recipient="rsf")


# ---------------------------------------------------------------- datelines and outlets


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_dateline_city_and_country_are_not_the_agent(facts, lang):
    f = facts(f"{lang}-02-wire-cairo-dateline")  # 'CAIRO, Egypt (Reuters) — Turkey has sent ...'
    assert f.find("AidTransfer", agent="turkey", recipient="sudan")
    dateline = {"egypt", "cairo"}
    assert not [e for e in f.events if dateline & set(e.roles.values())]
    assert not dateline & {claimant for e in f.events for claimant, _ in e.claims}


@pytest.mark.parametrize("lang", BOTH)
def test_an_outlet_reports_and_claims_only_as_the_only_source(facts, lang):
    if lang == "en":  # dateline '(Reuters)' and 'according to the state-run Anadolu Agency'
        f, outlets = facts("en-02-wire-cairo-dateline"), {"reuters", "anadolu"}
        events = f.find("AidTransfer", agent="turkey", recipient="sudan")
        assert "reuters" not in {claimant for e in f.events for claimant, _ in e.claims}  # a dateline only reports
    else:  # 'أرسلت الإمارات والسعودية ... إلى اليمن ...، وفق ما نقلت وكالة الأنباء اليمنية (سبأ)': nobody else tells it
        f, outlets = facts("ar-05-bulletin-briefs"), {"saba"}
        events = f.find("AidTransfer", agent={"united_arab_emirates", "saudi_arabia"}, recipient="yemen")
        claimed = {(e.roles.get("agent"), claimant) for e in f.events for claimant, _ in e.claims if claimant == "saba"}
        assert claimed == {("united_arab_emirates", "saba"), ("saudi_arabia", "saba")}
    assert events and all(outlets & e.reported_by for e in events)
    assert not [e for e in f.events if outlets & set(e.roles.values())]


# ---------------------------------------------------------------- how events are worded


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_passive_with_the_agent_after_by(facts, lang):
    f = facts(f"{lang}-05-bulletin-briefs")  # 'was delivered to southern Lebanon by Iraq' / 'أُرسلت ... من قبل العراق'
    category = "HumanitarianAid" if lang == "en" else "Energy"
    assert f.find("AidTransfer", agent="iraq", recipient={"lebanon", "south_lebanon"}, category=category)
    assert not f.find("AidTransfer", agent={"lebanon", "south_lebanon"})


@pytest.mark.parametrize("lang", BOTH)
def test_coordinated_agents_and_recipients(facts, lang):
    f = facts(f"{lang}-05-bulletin-briefs")
    if lang == "en":  # 'Egypt and Jordan sent ...', 'flew ... to Sudan and Chad'
        pairs = [("egypt", "gaza_strip"), ("jordan", "gaza_strip"), ("united_arab_emirates", "sudan")]
        pairs.append(("united_arab_emirates", "chad"))
    else:  # 'أرسلت الإمارات والسعودية ... إلى اليمن', 'أرسلت مصر ... إلى السودان وليبيا'
        pairs = [("united_arab_emirates", "yemen"), ("saudi_arabia", "yemen"), ("egypt", "sudan"), ("egypt", "libya")]
    assert [p for p in pairs if not f.find("AidTransfer", agent=p[0], recipient=p[1])] == []


@pytest.mark.parametrize("lang", BOTH)
def test_an_event_in_a_relative_clause(facts, lang):
    if lang == "en":  # 'Kuwait, which sent 20 tonnes of medicine to Lebanon last week, ...'
        f, recipient = facts("en-08-headline-beirut-relative-nominal"), "lebanon"
    else:  # 'الكويت، التي أرسلت الأسبوع الماضي ثلاث طائرات ...'
        f, recipient = facts("ar-08-headline-damascus-relative-nominal"), "syria"
    assert f.find("AidTransfer", agent="kuwait", recipient=recipient, category="HumanitarianAid")


@pytest.mark.parametrize("lang", BOTH)
def test_an_event_named_by_a_noun(facts, lang):
    if lang == "en":
        f = facts("en-03-statement-qatar-flour")
        assert f.find("AidTransfer", agent={"qatar", "qatar_fund_for_development"}, recipient="sudan", category="Food")
    else:  # and 'تسليم الأردن 40 شاحنة من الطحين إلى الجانب السوري'
        f = facts("ar-08-headline-damascus-relative-nominal")
        assert f.find("AidTransfer", agent="qatar", recipient="syria")  # 'وصول شحنة مساعدات قطرية إلى مطار دمشق'
        assert f.find("AidTransfer", agent="jordan", recipient="syria", category="Food")


@pytest.mark.parametrize("lang", BOTH)
def test_in_exchange_for_is_a_transfer_each_way(facts, lang):
    # what goes back is military: drones and shells / air defence systems (not the missiles Iran denies sending)
    back = {"Weapons", "MilitaryEquipment", "Ammunition"}
    if lang == "en":  # 'Moscow had delivered the first Su-35 fighter jets to Tehran in exchange for drones'
        f, a, b = facts("en-06-headline-iran-missile-exchange"), "russia", "iran"
    else:  # 'سلّمت روسيا صواريخ باليستية ... مقابل الحصول على أنظمة دفاع جوي روسية'
        f, a, b = facts("ar-06-headline-korea-test-exchange"), "north_korea", "russia"
    assert stated_as_fact(f.find("AidTransfer", agent=a, recipient=b))
    assert stated_as_fact(f.find("AidTransfer", agent=b, recipient=a, category=back))


@pytest.mark.parametrize("lang", BOTH)
def test_the_maker_of_a_weapon_is_not_its_supplier_and_the_user_not_its_maker(facts, lang):
    if lang == "en":  # 'The Rapid Support Forces ... used Turkish-made drones'
        f, maker = facts("en-04-feature-el-fasher-drones"), "turkey"
    else:  # 'استخدمت قوات الدعم السريع مسيّرات صينية الصنع'
        f, maker = facts("ar-04-feature-el-obeid-drones"), "china"
    assert not f.find("AidTransfer", agent=maker)
    assert not f.find("WeaponsProduction", agent={"rsf", "sudan"})


@pytest.mark.parametrize("lang", BOTH)
def test_aid_landing_at_an_airport_goes_to_its_country(facts, lang):
    if lang == "en":
        f = facts("en-10-headline-yemen-relief")
        agents, recipient = {"united_arab_emirates", "emirates_red_crescent"}, "yemen"
    else:  # food and shelter material ('المواد الغذائية والإيوائية')
        f = facts("ar-03-statement-ksrelief-port-sudan")
        agents, recipient = {"saudi_arabia", "ksrelief", "royal_saudi_air_force", "saudi_defence_ministry"}, "sudan"
        assert f.find("AidTransfer", agent=agents, recipient=recipient, category="Food")
    assert f.find("AidTransfer", agent=agents, recipient=recipient, category="HumanitarianAid")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_casualties_name_the_side_that_lost_people_and_the_count(facts, lang):
    # 'killed 12 Sudanese civilians' / 'وقُتل 12 مدنياً سودانياً في قصف نفذته قوات الدعم السريع'
    f = facts("en-04-feature-el-fasher-drones" if lang == "en" else "ar-05-bulletin-briefs")
    (casualty,) = f.find("Casualty")
    assert casualty.roles["affected"] == "sudan" and casualty.count == {12}


@pytest.mark.parametrize("lang", BOTH)
def test_weapons_tests_and_production(facts, lang):
    f = facts(f"{lang}-06-" + ("headline-iran-missile-exchange" if lang == "en" else "headline-korea-test-exchange"))
    tester, producer = ("iran", "north_korea") if lang == "en" else ("north_korea", "iran")
    assert f.find("WeaponsTest", agent={tester, "irgc", "kim_jong_un"})
    assert f.find("WeaponsProduction", agent={producer, "iranian_defence_ministry"})


# ---------------------------------------------------------------- modality and polarity


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_negated_act_is_not_stated_as_a_fact(facts, lang):
    if lang == "en":  # 'the State of Qatar did not send, and has never sent, weapons or military equipment'
        f = facts("en-03-statement-qatar-flour")
        events = f.find("AidTransfer", agent="qatar", category={"Weapons", "MilitaryEquipment"})
    else:  # 'المملكة لم ترسل أي قوات إلى السودان'
        f = facts("ar-03-statement-ksrelief-port-sudan")
        events = f.find("Deployment", agent={"saudi_arabia", "saudi_defence_ministry"}, recipient="sudan")
    assert not stated_as_fact(events)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_negated_act_is_a_denial_by_whoever_says_so(facts, lang):
    if lang == "en":
        f = facts("en-03-statement-qatar-flour")
        events = f.find("AidTransfer", agent="qatar", category={"Weapons", "MilitaryEquipment"})
        who = {"qatar_foreign_ministry", "qatar"}
    else:
        f = facts("ar-03-statement-ksrelief-port-sudan")
        events = f.find("Deployment", agent={"saudi_arabia", "saudi_defence_ministry"}, recipient="sudan")
        who = {"saudi_defence_ministry", "saudi_arabia"}
    assert {c for c in f.claims(events) if c[1] == "Denied" and c[0] in who}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_plan_or_a_conditional_is_not_stated_as_a_fact(facts, lang):
    if lang == "en":  # 'Pakistan would deploy troops to Saudi Arabia if ...', 'Turkey plans to send a field hospital'
        f = facts("en-07-wire-pakistan-modality")
        events = f.find("Deployment", agent="pakistan", recipient="saudi_arabia")
        events += f.find("AidTransfer", agent="turkey", recipient="gaza_strip")
    else:  # 'إن المملكة تعتزم إرسال مستشفى ميداني جديد إلى قطاع غزة'
        f = facts("ar-07-wire-dubai-modality")
        events = f.find("AidTransfer", agent="jordan", recipient="gaza_strip")
    assert not stated_as_fact(events)


@pytest.mark.parametrize("lang", BOTH)
def test_a_worry_or_a_possibility_is_speculated(facts, lang):
    if lang == "en":
        f = facts("en-04-feature-el-fasher-drones")
        events = f.find("AidTransfer", agent="iran", recipient={"sudanese_army", "sudan"})
    else:
        f = facts("ar-04-feature-el-obeid-drones")
        events = f.find("AidTransfer", agent="egypt", recipient={"sudanese_army", "sudan"})
    assert events and not stated_as_fact(events)
    assert "Speculated" in {c for _, c in f.claims(events)}


@pytest.mark.parametrize("lang", BOTH)
def test_an_anonymous_source_makes_an_unattributed_claim(facts, lang):
    if lang == "en":  # 'A US official, speaking on condition of anonymity, said the UAE had shipped drones to the RSF'
        f, allowed = facts("en-04-feature-el-fasher-drones"), {None, "united_states"}
    else:  # 'وقال مصدر عسكري إن الإمارات زودت الدعم السريع بشحنات أسلحة'
        f, allowed = facts("ar-04-feature-el-obeid-drones"), {None}
    claims = f.claims(f.find("AidTransfer", agent="united_arab_emirates", recipient="rsf"))
    assert {c for c in claims if c[0] in allowed and c[1] == "Asserted"}
    assert not [c for c in claims if c[0] and c[0].startswith("?")]


@pytest.mark.parametrize("lang", BOTH)
def test_a_denial_after_the_charge_is_the_deniers_claim(facts, lang):
    f = facts("en-04-feature-el-fasher-drones" if lang == "en" else "ar-04-feature-el-obeid-drones")
    claims = f.claims(f.find("AidTransfer", agent="united_arab_emirates", recipient="rsf"))
    assert ("united_arab_emirates", "Denied") in claims
