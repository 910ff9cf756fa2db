"""Entities, roles and claims found by the shape of the sentence, not by the lexicon.

Sentences written here for the purpose; each test names the construction it checks.
"""

from kg.extract import get_extractor
from kg.ingest import document_from_text


def extract(text: str, published: str = "2025-06-02"):
    return get_extractor().extract(document_from_text(text, "t.txt", published=published))


def mentions(ex) -> dict[str, str]:
    return {m.surface: m.entity for m in ex.mentions}


def events(ex) -> set[tuple]:
    return {(e.type, e.agent, e.recipient or e.affected, e.category) for e in ex.events}


def claims(ex) -> set[tuple]:
    return {(c.about[0], c.about[1], c.claimant, c.certainty) for c in ex.claims}


def test_a_title_alone_later_names_the_person_named_with_it_before():
    ex = extract("Saudi Foreign Minister Faisal bin Farhan arrived in Muscat. The minister said Riyadh would help.")
    assert mentions(ex)["minister"] == "person/faisal_bin_farhan"
    ex = extract("التقى وزير الخارجية السعودي فيصل بن فرحان نظيره العماني. وقال الوزير إن بلاده ستساعد.")
    assert mentions(ex)["الوزير"] == "person/faisal_bin_farhan"
    # with no one named before, a bare title is nobody
    assert "minister" not in mentions(extract("The minister said the talks went well."))


def test_unknown_people_after_titles_with_their_body_and_state():
    ex = extract("قال المتحدث باسم وزارة الخارجية الأردنية سامي الخطيب إن المساعدات وصلت.")
    person = next(m for m in ex.mentions if m.role == "title")
    assert person.entity == "person/سامي_الخطيب"
    assert ex.entities[person.entity].country == "org/ministry_of_foreign_affairs/JO"
    ex = extract("وقال العميد نبيل عبد الله إن الهجوم فشل.")
    assert "person/نبيل_عبد_الله" in mentions(ex).values()
    ex = extract("Kipchumba Murkomen, the Cabinet Secretary for the Interior, said the officers had arrived.")
    assert mentions(ex)["Kipchumba Murkomen"] == "person/kipchumba_murkomen"


def test_organisations_by_the_shape_of_their_names():
    ex = extract("The Regional Flood Relief Foundation (RFRF) said 40 trucks left Karachi. The RFRF added more.")
    ents = mentions(ex)
    key = ents["Regional Flood Relief Foundation"]
    assert ents["RFRF"] == key and "RFRF" in ex.entities[key].labels["en"]
    ex = extract("وأفاد بيان صادر عن جهاز الدفاع المدني في لبنان بأن فرق الإنقاذ وصلت.")
    body = next(m for m in ex.mentions if m.surface.startswith("جهاز"))
    assert body.surface == "جهاز الدفاع المدني في لبنان"
    assert ex.entities[body.entity].country == "country/LB"
    # an Arabic verbal noun is no body: "تنظيم مراسم" is the organising of a ceremony
    assert not [m for m in extract("وجرى تنظيم مراسم الاستقبال في المطار.").mentions if m.entity.startswith("org/")]


def test_facilities_lie_in_the_country_of_their_place():
    ex = extract("Two Qatari planes carrying food landed at Aden airport on Monday. Yemen thanked Qatar.")
    assert ("AidTransfer", "country/QA", "country/YE", "Food") in events(ex)
    ex = extract("وصلت إلى مطار دمشق الدولي طائرة إماراتية محملة بالمساعدات الطبية. وشكرت سوريا الإمارات.")
    assert ("AidTransfer", "country/AE", "country/SY", "HumanitarianAid") in events(ex)
    assert mentions(ex)["مطار دمشق الدولي"].startswith("place/airport/")
    # an adjective names no airport
    assert not [k for k in mentions(extract("A Chadian airport was closed.")).values() if k.startswith("place/")]


def test_parts_of_a_country_by_direction():
    ex = extract("قتل ثلاثة جنود عراقيين في هجوم شمال العراق.")
    place = mentions(ex)["شمال العراق"]
    assert ex.entities[place].country == "country/IQ"
    assert "northern Iraq" in ex.entities[place].labels["en"]
    assert mentions(extract("Aid reached northern Gaza."))["northern Gaza"] == "place/gaza"


def test_a_body_named_without_its_state_is_that_of_the_story():
    ex = extract("قتل شخصان في غارة على جنوب لبنان، بحسب ما أفادت وزارة الصحة.")
    assert ("Casualty", None, "country/LB", None) in {(t, a, r, c) for t, a, r, c in events(ex)}
    assert ("Casualty", None, "org/ministry_of_health/LB", "Confirmed") in claims(ex)
    names = ex.entities["org/ministry_of_health/LB"].labels
    assert "Lebanese Health Ministry" in names["en"] and "وزارة الصحة اللبنانية" in names["ar"]


def test_anonymous_sources_make_unattributed_claims_and_outlets_claim_only_alone():
    ex = extract("A US official, speaking on condition of anonymity, said the UAE had shipped drones to the RSF.")
    assert ("AidTransfer", "country/AE", None, "Asserted") in claims(ex)
    ex = extract("وأفادت مصادر سورية بوصول 300 مقاتل تركي إلى ليبيا.")
    assert all(c[2] is None for c in claims(ex))
    ex = extract("Turkey sent food to Syria on Sunday, Reuters reported.")  # once a crash (issue 13)
    assert ("AidTransfer", "country/TR", "country/SY", "Food") in events(ex)
    # the outlet is the fact's only source: it asserts it (as NHK "reported that" in the dev gold)
    assert ex.events[0].reported_by == {"org/reuters"} and claims(ex) == {
        ("AidTransfer", "country/TR", "org/reuters", "Asserted")
    }
    # beside the one it quotes, an outlet only reports
    ex = extract("Turkey sent food to Syria on Sunday, the Turkish foreign ministry said, according to Reuters.")
    assert {c[2] for c in claims(ex)} == {"org/ministry_of_foreign_affairs/TR"}
    ex = extract("أفادت وكالة الأنباء الأردنية بأن الأردن أرسل مساعدات غذائية إلى غزة.")
    assert {c[2] for c in claims(ex)} == {"org/petra"}


def test_aid_with_no_receiver_named_goes_to_the_country_the_story_is_about():
    text = (
        "Rescue teams reached Turkey after the earthquake. Turkey asked for help. "
        "Hungary announced the dispatch of seven search and rescue teams."
    )
    assert ("AidTransfer", "country/HU", "country/TR", "HumanitarianAid") in events(extract(text))
    # named once only, the story's country receives nothing by default
    assert not events(extract("Hungary announced the dispatch of seven search and rescue teams on Monday."))


def test_what_the_vehicle_of_the_aid_carries_is_more_of_that_aid():
    ex = extract("وصلت إلى مطار دمشق الدولي طائرة إماراتية محملة بالمساعدات. وتحمل الطائرة مواد غذائية وبطانيات.")
    assert ("AidTransfer", "country/AE", "country/SY", "Food") in events(ex)
    # an indefinite vehicle, or one with its own actors, is another story
    ex = extract("وصلت إلى مطار دمشق الدولي طائرة إماراتية محملة بالمساعدات. وتحمل طائرة أخرى مواد غذائية.")
    assert ("AidTransfer", "country/AE", "country/SY", "Food") not in events(ex)


def test_each_nationality_of_the_planes_sends_its_own_and_a_capital_after_from_is_where_they_left():
    ex = extract(
        "قالت الوكالة إن ثلاث طائرات (إماراتية ومصرية وفرنسية) أقلعت من العاصمة عمان محملة بالمساعدات إلى غزة."
    )
    assert {e[1] for e in events(ex) if e[0] == "AidTransfer"} == {"country/AE", "country/EG", "country/FR"}


def test_bases_kept_in_another_country_are_a_deployment():
    assert ("Deployment", "country/TR", "country/IQ", None) in events(
        extract("وتقيم تركيا منذ 25 عاماً قواعد عسكرية في شمال العراق.")
    )


def test_a_definite_body_and_a_country_name_are_two_phrases():
    ex = extract("واتهمت الحكومة دولة الإمارات بتزويد الدعم السريع بالأسلحة، وهو ما نفته أبوظبي.")
    assert ("AidTransfer", "country/AE", "org/rsf_sudan", "Weapons") in events(ex)
    assert ("AidTransfer", "country/AE", "country/AE", "Denied") in claims(ex)
    # with the adjective it is one body
    assert "org/ministry_of_defence/SA" in mentions(extract("أعلنت وزارة الدفاع السعودية أن الطائرات وصلت.")).values()


def test_ali_is_a_name_and_ala_a_preposition():
    ex = extract("وبحث وزير الخارجية السوداني علي يوسف مع نظيره المصري بدر عبد العاطي سبل وقف الحرب.")
    assert ("Communication", "person/علي_يوسف", "person/badr_abdelatty", None) in events(ex)


def test_the_speaker_after_a_report_verb_is_next_to_it():
    ex = extract("Saudi Arabia sent 30 trucks of food to Aden, the aid agency said, as Houthi rebels attacked Taiz.")
    assert all(c[2] != "org/houthis" for c in claims(ex))


def test_aid_delivered_to_a_port_goes_to_its_country_and_a_new_clause_has_its_own_roles():
    ex = extract(
        "Qatar said it had delivered 500 tonnes of wheat to the port of Hodeidah, "
        "and Kuwait pledged $20 million for the World Food Programme's operations in Yemen."
    )
    assert ("AidTransfer", "country/QA", "country/YE", "Food") in events(ex)
    assert not [e for e in events(ex) if e[1] == "country/QA" and e[2] == "org/wfp"]


def test_the_shipments_point_back_and_are_no_new_act_of_the_speaker():
    ex = extract('"Iran continues to arm them," the envoy told reporters, adding that the shipments broke an embargo.')
    assert not ex.events
    ex = extract("Hungary announced the dispatch of seven search and rescue teams to Turkey.")
    assert ("AidTransfer", "country/HU", "country/TR", "HumanitarianAid") in events(ex)


def test_others_who_join_an_aid_operation_give_what_it_gave():
    ex = extract(
        "Jordan's air force carried out airdrops of food aid over Gaza on Saturday. "
        "Two aircraft from Egypt and the United States also took part in the operation."
    )
    givers = {e[1] for e in events(ex) if e[0] == "AidTransfer" and e[2] == "place/gaza" and e[3] == "Food"}
    assert {"country/JO", "country/EG", "country/US"} <= givers


def test_they_who_arrive_are_the_ones_told_before_not_the_outlet():
    ex = extract(
        "Dozens of Russian military instructors have arrived in Niger. "
        "State media report that they arrived along with an air defence system."
    )
    assert ("AidTransfer", "country/RU", "country/NE", "Weapons") in events(ex)
    assert not [e for e in events(ex) if e[1] == "country/NE"]


def test_things_given_are_found_in_either_number_and_at_the_end_of_a_long_phrase():
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(
        extract("Iran supplied the Houthis with a drone last month.")
    )
    long_phrase = "Iran provided the Houthis with a new and much improved type of long-range attack drone."
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(extract(long_phrase))
    # "drone ships": the vehicle, not the verb "ships"
    ex = extract("Since May the Houthis have been striking drone ships sailing the Red Sea to Egypt.")
    assert not [e for e in ex.events if e.type == "AidTransfer"]


def test_a_speaker_parted_from_the_verb_by_an_aside_still_claims():
    ex = extract(
        "Brig. Gen. Tarek Mansour, speaking for the army at a briefing attended by reporters from "
        "three countries, said that Iran had provided the Houthis with drones."
    )
    assert ("AidTransfer", "country/IR", "person/tarek_mansour", "Asserted") in claims(ex)
    # an aside after an object, not a subject, is no speaker
    ex = extract("After the strike on Aden, a port city, officials said Iran had provided the Houthis with drones.")
    assert not [c for c in ex.claims if c.claimant and c.claimant.startswith("place/")]


def test_whom_an_act_is_for_is_its_receiver_before_where_it_goes():
    ex = extract("Iran sent drones to Yemen through Oman to support the Houthis in their war.")
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(ex)
    ex = extract("وأرسلت إيران طائرات مسيرة إلى اليمن عبر عمان لدعم مقاتلين محليين يقاتلون إلى جانب الحوثيين.")
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(ex)
    # with nobody named after "to support", the place it goes to still receives
    ex = extract("Iran sent drones to Yemen to support the war effort.")
    assert ("AidTransfer", "country/IR", "country/YE", "Weapons") in events(ex)


def test_a_member_of_a_body_speaks_for_the_body_and_a_negated_act_is_denied():
    ex = extract("وقال عضو بالبرلمان الروسي إن روسيا لم ترسل أي أفراد من الجيش إلى ليبيا.")
    assert ("Deployment", "country/RU", "org/parliament/RU", "Denied") in claims(ex)
    # "في" after a place is where it was said, not who said it
    ex = extract("وقال مسؤول في القاهرة إن روسيا أرسلت جنودا إلى ليبيا.")
    assert not [c for c in ex.claims if c.claimant == "country/EG"]


def test_a_body_named_again_with_its_place_is_one_body():
    ex = extract(
        "أفاد بيان صادر عن جهاز مكافحة المخدرات في الإقليم بأن ثلاثة مقاتلين قتلوا. "
        "وقال البيان الصادر عن جهاز مكافحة المخدرات في إقليم كردستان إن الطائرة كانت تركية."
    )
    bodies = {m.entity for m in ex.mentions if m.surface.startswith("جهاز مكافحة المخدرات")}
    assert len(bodies) == 1 and bodies <= set(ex.entities)


def test_forces_that_arrive_unsent_are_sent_by_whoever_the_story_said_sends_them():
    ex = extract(
        "Ankara said on Monday it had sent troops to Libya. "
        "Syrian sources reported the arrival of about 800 fighters in Libya on Sunday."
    )
    assert ("Deployment", "country/TR", None, "Asserted") in claims(ex)
    # no earlier sender: nobody is made one
    ex = extract("Syrian sources reported the arrival of about 800 fighters in Libya on Sunday.")
    assert not [e for e in ex.events if e.agent]


def test_a_stance_announced_is_no_account_of_the_act():
    ex = extract("أرسلت تركيا قوات إلى ليبيا. وأعلنت السعودية عن رفضها وإدانتها لإرسال تركيا قوات عسكرية إلى ليبيا.")
    assert ("Deployment", "country/TR", "country/LY", None) in events(ex)
    assert not [c for c in ex.claims if c.claimant == "country/SA"]
    ex = extract("Saudi Arabia announced its condemnation of Turkey's decision to send troops to Libya.")
    assert not [c for c in ex.claims if c.claimant == "country/SA"]


def test_a_named_subject_with_an_aka_aside_claims_and_its_own_act_is_confirmed():
    ex = extract(
        "Russian instructors arrived in Mali. The Defence Ministry's paramilitary group Africa Corps, "
        "also known as the Expeditionary Corps (REK), wrote on Telegram that more servicemen had gone to Mali."
    )
    assert ("Deployment", "country/RU", "org/africa_corps", "Confirmed") in claims(ex)


def test_a_military_government_is_the_state_and_its_spokesperson_speaks_for_it():
    ex = extract("A spokesperson for Mali's military government said Russian troops were in Mali to train soldiers.")
    assert "country/ML" in {m.entity for m in ex.mentions if "government" in m.surface}
    assert ("Deployment", "country/RU", "country/ML", "Confirmed") in claims(ex)


def test_a_nation_told_as_a_group_in_the_country_is_present_there():
    story = "Niger's army trains with Russia. Niger welcomed them. Niger said the Russians were in the country."
    assert ("Deployment", "country/RU", "country/NE", None) in events(extract(story))
    # "the Russians said": speakers, not forces anywhere
    assert not extract("Niger welcomed them. The Russians said the talks went well.").events


def test_as_soon_as_possible_is_no_doubt():
    ex = extract("Luo said China would send tents to Pakistan as soon as possible.")
    assert not [c for c in ex.claims if c.certainty == "Speculated" and c.claimant is None]


def test_victims_with_a_word_between_number_and_nationality():
    ex = extract("Officials said the 13 surviving Filipinos, including three wounded, were brought to Djibouti.")
    assert ("Casualty", None, "country/PH", None) in events(ex)
    assert not [e for e in ex.events if e.affected == "country/DJ"]


def test_the_writers_aside_after_as_is_not_the_speakers_claim():
    ex = extract(
        "China announced it had test-fired a ballistic missile on Wednesday as Beijing builds up its nuclear arsenal."
    )
    assert ("WeaponsTest", "country/CN", "country/CN", "Confirmed") in claims(ex)
    assert not [c for c in ex.claims if c.about[0] == "WeaponsProduction"]
    # "known as" is no aside: what follows still belongs to the clause
    ex = extract("Russia deployed troops such as Wagner units to Mali.")
    assert [e for e in ex.events if e.type == "Deployment" and e.recipient == "country/ML"]


def test_the_office_of_a_person_found_by_pattern_is_a_fact_in_the_graph():
    from rdflib import Literal

    from kg.rdf import KG, entity_iri, to_dataset
    from kg.resolve import resolve

    ex = extract("قال المتحدث باسم وزارة الخارجية الأردنية سامي الخطيب إن المساعدات وصلت.")
    person = ex.entities["person/سامي_الخطيب"]
    assert person.office == {"ar": ["المتحدث باسم"]}
    assert person.country == "org/ministry_of_foreign_affairs/JO"
    ex2 = extract("Tarek Mansour, Egypt's foreign minister, said the aid had left. Brig. Gen. Nabil Ayad said so too.")
    assert ex2.entities["person/tarek_mansour"].office == {"en": ["foreign minister"]}
    assert ex2.entities["person/tarek_mansour"].country == "country/EG"
    assert ex2.entities["person/nabil_ayad"].office == {"en": ["Brig. Gen."]}
    ds = to_dataset([ex, ex2], resolve([ex, ex2]))

    def objects(key, prop):
        return {o for _, _, o, _ in ds.quads((entity_iri(key), prop, None, None))}

    assert objects("person/tarek_mansour", KG.office) == {Literal("foreign minister", lang="en")}
    assert objects("person/tarek_mansour", KG.country) == {entity_iri("country/EG")}
    # a curated office holder carries no office from the story: the lexicon knows it
    ex3 = extract("Saudi Foreign Minister Faisal bin Farhan arrived in Muscat.")
    assert not any(e.office for e in ex3.entities.values())


def test_a_relative_pronoun_gives_the_verb_its_antecedent_as_subject():
    ex = extract("Albusaidi received a phone call from Yemeni President Rashad al-Alimi, who thanked Oman for it.")
    assert ("Communication", "person/rashad_al_alimi", "country/OM", None) in events(ex)
    ex = extract("وصل إلى القاهرة الرئيس اليمني رشاد العليمي الذي أرسل رسالة إلى الملك سلمان.")
    assert ("Communication", "person/rashad_al_alimi", "person/salman_bin_abdulaziz", None) in events(ex)


def test_arabic_titles_take_no_state_from_before_and_a_name_after_is_no_title_alone():
    ex = extract("وصل إلى القاهرة الرئيس اليمني رشاد العليمي.")
    assert "person/abdel_fattah_el_sisi" not in mentions(ex).values()
    ex = extract("التقى وزير الخارجية السعودي فيصل بن فرحان نظيره. وقال الوزير إن الرياض ستساعد.")
    assert mentions(ex)["الوزير"] == "person/faisal_bin_farhan"


def test_weapons_sent_to_anyone_in_a_country_go_to_that_country_and_a_denial_is_claimed():
    ex = extract(
        "Statement by the Ministry of Foreign Affairs of Qatar. The Ministry affirms that the State of Qatar "
        "did not send, and has never sent, weapons to any party in Sudan."
    )
    assert ("AidTransfer", "country/QA", "country/SD", "Weapons") in events(ex)
    assert {(c.about[0], c.certainty) for c in ex.claims} == {("AidTransfer", "Denied")}


def test_a_base_no_lexicon_knows_lies_in_the_country_named_after_it_and_counts_skip_a_word():
    ex = extract("The coalition of Britain deployed 150 additional troops to Harir air base in northern Iraq.")
    deployed = [e for e in ex.events if e.type == "Deployment"]
    assert [(e.recipient, e.count) for e in deployed] == [("country/IQ", 150)]
    assert ex.entities[deployed[0].location].country == "country/IQ"


def test_a_definite_body_noun_alone_is_the_body_of_that_kind_named_before():
    ex = extract("The World Food Programme delivered flour to Yemen on Monday, the programme said.")
    assert ("AidTransfer", "org/wfp", "org/wfp", "Confirmed") in claims(ex)
    # nobody of that kind named before: no one
    ex = extract("Iran sent flour to Yemen, the agency said.")
    assert all(c.claimant is None for c in ex.claims)
    ex = extract("وصلت إلى اليمن شحنة قمح من برنامج الأغذية العالمي، وأوضح البرنامج أن الشحنة وصلت.")
    assert "org/wfp" in {m.entity for m in ex.mentions if m.surface == "البرنامج"}


def test_aid_of_no_stated_kind_is_what_the_vehicle_is_then_said_to_carry():
    ex = extract(
        "A Kuwaiti aid ship arrived in Aden on Monday, officials said. "
        "The ship carried 500 tonnes of flour and fuel, said the authority, which runs the port."
    )
    got = {(e.agent, e.recipient, e.category) for e in ex.events if e.type == "AidTransfer"}
    assert got == {("country/KW", "country/YE", "Food"), ("country/KW", "country/YE", "Energy")}
    food = next(e for e in ex.events if e.category == "Food")
    assert any("arrived in Aden" in ev.text for ev in food.evidence)  # the arrival still traces it
    # told with its kind from the start, it keeps it
    ex = extract("A Kuwaiti aid ship carrying medicine arrived in Aden. The ship carried flour too.")
    assert {e.category for e in ex.events} == {"HumanitarianAid", "Food"}


def test_bringing_a_number_to_a_total_is_no_transfer():
    ex = extract("The arrival of a Saudi aid plane in Aden brought the number of flights to Yemen to nine.")
    assert {(e.agent, e.recipient) for e in ex.events} == {("country/SA", "country/YE")}


def test_received_from_and_handed_over_are_told_apart_by_from():
    ex = extract("وقالت الوزارة إن الجيش العراقي تسلم من الولايات المتحدة دفعة جديدة من الذخائر.")
    assert ("AidTransfer", "country/US", "country/IQ", "Ammunition") in events(ex)
    ex = extract("وقالت الوزارة إن تركيا تسلم الجيش العراقي دفعة جديدة من الذخائر.")
    assert ("AidTransfer", "country/TR", "country/IQ", "Ammunition") in events(ex)


def test_aid_handed_to_people_in_a_place_goes_to_the_country_of_the_place():
    ex = extract("وزّع برنامج الأغذية العالمي التابع للأمم المتحدة سلالاً غذائية على أسر نازحة في مخيمات الموصل.")
    assert ("AidTransfer", "org/wfp", "country/IQ", "Food") in events(ex)  # not to the UN it belongs to
    ex = extract("فقد سلّم مركز الملك سلمان للإغاثة 800 سلة غذائية لأسر نازحة في مأرب.")
    assert ("AidTransfer", "country/SA", "country/YE", "Food") in events(ex)
    ex = extract("UNICEF distributed vaccines to displaced families in Mosul on Monday.")
    assert ("AidTransfer", "org/unicef", "country/IQ", "HumanitarianAid") in events(ex)


def test_those_killed_in_a_strike_are_of_the_side_struck_not_of_whoever_reports_it():
    ex = extract(
        "أعلنت خلية الإعلام الأمني في العراق أن طائرات عراقية نفذت ضربة جوية على وكر لتنظيم داعش "
        "في صحراء الأنبار، ما أسفر عن مقتل أربعة إرهابيين."
    )
    assert {e.affected for e in ex.events if e.type == "Casualty"} == {"org/isis"}
    cell = next(m.entity for m in ex.mentions if m.surface.startswith("خلية"))
    assert ex.entities[cell].labels["ar"][0] == "خلية الإعلام الأمني"  # its name, and with its place after
    assert ex.entities[cell].country == "country/IQ"


def test_rescue_teams_in_a_relief_story_are_aid_and_each_sender_is_its_own_act():
    story = (
        "China sent medical supplies to Turkey after the earthquake. "
        "On Monday, Russia sent a team of 100 personnel, Armenia took part with a team of 57 personnel, "
        "Albania sent 20 personnel, and Bangladesh sent 60 personnel. "
        "A Ukrainian team of 35 members arrived at Ataturk Airport."
    )
    got = {(e.agent, e.recipient, e.category) for e in extract(story).events}
    for cc in ("RU", "AM", "AL", "BD", "UA"):
        assert (f"country/{cc}", "country/TR", "HumanitarianAid") in got, cc
    # with no relief told before, personnel are no aid
    ex = extract("Russia sent 100 personnel to Syria on Monday.")
    assert {(e.type, e.agent, e.recipient) for e in ex.events} == {("Deployment", "country/RU", "country/SY")}


def test_an_armed_group_named_after_its_people_and_its_dead_told_by_the_common_noun():
    ex = extract(
        "Mercenaries fought beside the army against Tuareg rebels in the north. "
        "The army said that 20 rebels were slain and two soldiers were lost."
    )
    assert "org/tuareg_rebels" in {m.entity for m in ex.mentions}
    assert ex.entities["org/tuareg_rebels"].kind == "ArmedGroup"
    assert ("Casualty", None, "org/tuareg_rebels", None) in events(ex)
    # a country's adjective is no group's name, and "the states of X" is no claim verb
    assert "org/syrian_rebels" not in {m.entity for m in extract("Syrian rebels took the town.").mentions}
    ex = extract("A Ukrainian aid team arrived at Ataturk Airport, which is joint to the states of Corlu and Tekirdag.")
    assert not ex.claims


def test_a_side_is_its_state_and_a_speaker_closing_the_sentence_claims_a_denial():
    ex = extract(
        "“There was no advance notice from the Iranian side to the Iraqi side,” Foreign Minister Karim Saleh "
        "told a news conference, adding that the missile did not cross Iraqi territory."
    )
    assert ("Communication", "country/IR", "person/karim_saleh", "Denied") in claims(ex)
    ex = extract("وقال الوزير إن الجانب الصيني أرسل رسالة إلى الجانب الياباني.")
    assert ("Communication", "country/CN", "country/JP", None) in events(ex)


def test_casualties_of_a_country_named_before_them_are_not_the_speakers():
    ex = extract("China feels deeply for the floods that Pakistan is going through and the casualties, Luo said.")
    assert {e.affected for e in ex.events if e.type == "Casualty"} == {"country/PK"}
    ex = extract("Armenian officials reported one casualty on Tuesday.")
    assert {e.affected for e in ex.events if e.type == "Casualty"} == {"country/AM"}


def test_the_accused_acts_and_the_accuser_claims_in_both_languages():
    ex = extract(
        "وقال قائد قوات الدعم السريع محمد حمدان دقلو إن الحرب ستطول. وفي مقطع فيديو، اتهم دقلو مصر بشن ضربات جوية، "
        "كما اتهم القاهرة بتدريب الجيش السوداني وإمداده بطائرات مسيرة."
    )
    assert ("AidTransfer", "country/EG", "person/mohamed_hamdan_dagalo", "Asserted") in claims(ex)
    assert ("AidTransfer", "country/EG", "country/SD", "Weapons") in events(ex)  # "him" is the army
    ex = extract("Sudan accused the UAE of supplying drones to the RSF.")
    assert ("AidTransfer", "country/AE", "org/rsf_sudan", "Weapons") in events(ex)


def test_the_dead_on_a_side_and_an_armys_own_soldiers_and_a_letter_received_in_arabic_word_order():
    ex = extract("India and Pakistan exchanged fire, killing two civilians on the Indian side, the Indian army said.")
    assert {e.affected for e in ex.events if e.type == "Casualty"} == {"country/IN"}
    ex = extract("أكد الجيش الإسرائيلي مقتل جنديين في جنوب لبنان.")
    assert {e.affected for e in ex.events if e.type == "Casualty"} == {"country/IL"}  # not where they fell
    ex = extract("تلقى الرئيس التونسي قيس سعيد رسالة خطية من الرئيس الجزائري عبد المجيد تبون.")
    assert ("Communication", "person/abdelmadjid_tebboune", "person/kais_saied", None) in events(ex)


def test_what_is_given_in_exchange_goes_the_other_way_and_is_claimed_alike():
    ex = extract("Turkish officials said Ankara sent armoured vehicles to Libya in exchange for oil.")
    got = {(e.agent, e.recipient, e.category) for e in ex.events}
    assert ("country/LY", "country/TR", "Energy") in got
    assert {c.about[1] for c in ex.claims} == {"country/TR", "country/LY"}  # the same speakers claim both
    ex = extract("سلمت كوريا الشمالية روسيا قذائف مدفعية مقابل الحصول على تقنيات عسكرية.")
    assert ("AidTransfer", "country/RU", "country/KP", "MilitaryTechnology") in events(ex)
    # no transfer before "in exchange for": nothing goes back
    assert not extract("Talks on a ceasefire in exchange for hostages resumed in Doha.").events


def test_made_in_arabic_is_no_act_of_the_user_nor_a_production():
    # "إيرانية الصنع" tells where the drones were made: no production event (optional in the gold where it
    # appears), and the Houthis who used them made nothing
    ex = extract("وقال مسؤولون إن الحوثيين استخدموا مسيرات إيرانية الصنع في الهجوم على السفينة.")
    assert not [e for e in ex.events if e.type == "WeaponsProduction"]
    assert not [e for e in ex.events if e.agent == "org/houthis"]


def test_an_aside_adverb_parts_no_clause_and_a_test_reaches_its_weapon():
    ex = extract("Iran, meanwhile, has expanded production of drones at a plant near Isfahan, officials said.")
    assert ("WeaponsProduction", "country/IR", None, None) in events(ex)
    ex = extract("Pyongyang had test-fired two of the new cruise missiles into the sea in July.")
    assert ("WeaponsTest", "country/KP", None, None) in events(ex)


def _counts(ex) -> dict[tuple, int | None]:
    return {(e.type, e.agent, e.recipient or e.affected): e.count for e in ex.events}


def test_the_count_of_a_team_or_of_the_vehicles_that_carry_aid():
    # the number after the team noun, each donor's own team, not the one told before it
    ex = extract(
        "Qatar sent a search and rescue team of 46 members to Turkey after the earthquake. Oman sent a team "
        "consisting of 30 rescuers."
    )
    got = _counts(ex)
    assert got[("AidTransfer", "country/QA", "country/TR")] == 46
    assert got[("AidTransfer", "country/OM", "country/TR")] == 30
    ex = extract("أرسلت قطر إلى تركيا فريق إنقاذ مكونا من 46 عضوا للمساعدة في أعمال البحث بعد الزلزال.")
    assert _counts(ex)[("AidTransfer", "country/QA", "country/TR")] == 46
    ex = extract("Kuwait sent three planes carrying medical aid to Sudan on Monday.")
    assert _counts(ex)[("AidTransfer", "country/KW", "country/SD")] == 3


def test_a_casualty_count_across_a_name_between_number_and_noun():
    ex = extract("An ambush near the border killed about fifty Wagner fighters in Mali, the army said.")
    assert [e.count for e in ex.events if e.type == "Casualty"] == [50]


def test_an_event_takes_the_one_date_of_its_sentence_when_its_clause_has_none():
    ex = extract("Fighting stopped on Tuesday evening after the Russian defence minister spoke by phone to Armenia.")
    assert [(e.type, e.date) for e in ex.events] == [("Communication", "2025-05-27")]


def test_a_verb_inside_a_hyphenated_compound_is_no_act():
    ex = extract("On Saturday the Houthis fired two anti-ship missiles at a bulk carrier west of Hodeidah.")
    assert not [e for e in ex.events if e.type == "AidTransfer"]
    # while a maker's compound still names the maker
    ex = extract("The Rapid Support Forces have been using Turkish-supplied drones to strike the city of El Obeid.")
    assert ("AidTransfer", "country/TR", "org/rsf_sudan", "Weapons") in events(ex)


def test_the_outlet_after_according_to_is_no_recipient():
    ex = extract(
        "The war in Sudan goes on. Egypt sent two planes carrying medical supplies to Port Sudan airport last "
        "week, according to Egyptian state media."
    )
    assert {(e.agent, e.recipient) for e in ex.events if e.type == "AidTransfer"} == {("country/EG", "country/SD")}


def test_a_denied_act_told_as_a_gerund_is_the_deniers_own():
    ex = extract("Tehran denies supplying weapons to the Houthis.")
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(ex)
    assert ("AidTransfer", "country/IR", "country/IR", "Denied") in claims(ex)
    ex = extract("The UAE has repeatedly denied sending weapons to the Rapid Support Forces.")
    assert ("AidTransfer", "country/AE", "org/rsf_sudan", "Weapons") in events(ex)
    assert ("AidTransfer", "country/AE", "country/AE", "Denied") in claims(ex)
    # a gerund after a plain speech verb is not the speaker's act
    assert not extract("Saudi Arabia said sending troops to Yemen was not planned.").events


def test_an_envoy_with_his_post_then_his_name():
    ex = extract("وقال السفير المصري لدى السودان هاني صلاح إن المساعدات وصلت.")
    assert mentions(ex)["السفير المصري لدى السودان هاني صلاح"] == "person/هاني_صلاح"
    assert "country/SD" in mentions(ex).values()
    ex = extract("The US ambassador to Yemen Steven Fagin said the fuel arrived.")
    assert mentions(ex)["US ambassador to Yemen Steven Fagin"] == "person/steven_fagin"


def test_seas_and_oceans_are_places_not_the_country_in_their_name():
    ex = extract("Iranian warships sailed into the Indian Ocean and the Gulf of Aden.")
    assert {"place/indian_ocean", "place/gulf_of_aden"} <= set(mentions(ex).values())
    assert "country/IN" not in mentions(ex).values()
    assert mentions(extract("أبحرت سفن إيرانية في بحر عُمان."))["بحر عُمان"] == "place/gulf_of_oman"


def test_a_letter_from_someone_named_with_honorifics():
    ex = extract("تلقى أمير الكويت الشيخ مشعل الأحمد الجابر الصباح رسالة خطية من أخيه فخامة الرئيس عبد الفتاح السيسي.")
    assert ("Communication", "person/abdel_fattah_el_sisi", "person/mishal_al_ahmad", None) in events(ex)


def test_met_one_and_received_a_letter_from_another_are_two_acts_of_one_subject():
    ex = extract(
        "Sudan's army chief, Abdel Fattah al-Burhan, met Egyptian envoy Tarek Fahmy in Port Sudan on Saturday and "
        "received a letter from President Abdel Fattah al-Sisi, the Sovereign Council said in a statement."
    )
    got = events(ex)
    assert ("Communication", "person/abdel_fattah_al_burhan", "person/tarek_fahmy", None) in got
    assert ("Communication", "person/abdel_fattah_el_sisi", "person/abdel_fattah_al_burhan", None) in got


def test_a_statement_in_its_own_present_voice_is_a_claim_not_an_actor():
    ex = extract("تعلن وزارة الخارجية السودانية عن وصول طائرة مساعدات كويتية إلى السودان.")
    assert ("AidTransfer", "country/KW", "country/SD", "HumanitarianAid") in events(ex)
    assert {c.claimant for c in ex.claims} == {"org/ministry_of_foreign_affairs/SD"}


def test_a_message_carried_by_a_messenger_goes_to_the_one_he_handed_it_to():
    ex = extract(
        "Muhammad Yunus, the head of the interim government, visited shelters in Sylhet on Monday and met Indian "
        "High Commissioner Pranay Verma, who handed him a letter from Prime Minister Narendra Modi expressing "
        "condolences."
    )
    got = events(ex)
    assert ("Communication", "person/narendra_modi", "person/muhammad_yunus", None) in got
    assert ("Communication", "person/muhammad_yunus", "person/pranay_verma", None) in got


def test_contingents_from_several_countries_each_with_its_count():
    ex = extract(
        "About 150 soldiers from El Salvador and 80 police officers from Jamaica landed at the airport in "
        "Port-au-Prince on Friday to join Kenyan personnel."
    )
    got = _counts(ex)
    assert got[("Deployment", "country/SV", "country/HT")] == 150
    assert got[("Deployment", "country/JM", "country/HT")] == 80
    ex = extract("روسيا نشرت نحو 200 عنصر إضافي من الفيلق الأفريقي في بوركينا فاسو.")
    assert _counts(ex)[("Deployment", "country/RU", "country/BF")] == 200


def test_bodies_named_as_networks_and_coordinations_claim_what_they_report():
    ex = extract("At least 12 people were killed in El Fasher on Saturday, according to the Sudan Doctors Network.")
    assert {c.claimant for c in ex.claims} == {"org/sudan_doctors_network"}
    ex = extract("وقتل 12 شخصا في الفاشر، بحسب ما أفادت تنسيقية لجان المقاومة في الفاشر.")
    assert mentions(ex)["تنسيقية لجان المقاومة في الفاشر"].startswith("org/")


def test_what_is_believed_of_a_subject_has_no_claimant():
    ex = extract("The Houthis are believed to receive missile components from Iran.")
    assert ("AidTransfer", "country/IR", "org/houthis", "Missiles") in events(ex)
    assert claims(ex) == {("AidTransfer", "country/IR", None, "Believed")}


def test_a_letter_of_thanks_carried_by_an_envoy_is_from_its_sender():
    ex = extract(
        "استقبل كيم في بيونغ يانغ الشهر الماضي أمين مجلس الأمن الروسي سيرغي شويغو، الذي نقل إليه رسالة شكر من "
        "الرئيس فلاديمير بوتين."
    )
    assert ("Communication", "person/vladimir_putin", "person/kim_jong_un", None) in events(ex)


def test_hearsay_adverbs_make_a_reported_act_believed_not_denied():
    ex = extract("A Western diplomat said the United Arab Emirates had reportedly shipped drones to the RSF.")
    assert claims(ex) == {("AidTransfer", "country/AE", None, "Believed")}
    # told with no speaker, the act is still stated (a hedge is no negation)
    assert ("AidTransfer", "country/AE", "org/rsf_sudan", "Weapons") in events(
        extract("The UAE has reportedly shipped drones to the RSF.")
    )


def test_the_arabic_dual_is_a_count_of_two():
    ex = extract("أكد الجيش الإسرائيلي مقتل جنديين في جنوب لبنان.")
    assert [e.count for e in ex.events if e.type == "Casualty"] == [2]
    ex = extract("أرسلت الكويت طائرتين محملتين بالمساعدات الطبية إلى السودان.")
    assert _counts(ex)[("AidTransfer", "country/KW", "country/SD")] == 2


def test_is_said_to_and_is_reported_to_are_hearsay_with_no_speaker():
    ex = extract("Iran is said to have shipped drones to Russia.")
    assert ("AidTransfer", "country/IR", "country/RU", "Weapons") in events(ex)
    assert claims(ex) == {("AidTransfer", "country/IR", None, "Believed")}
    ex = extract("North Korea is reported to have sent troops to Russia.")
    assert claims(ex) == {("Deployment", "country/KP", None, "Believed")}


def test_a_sum_of_money_is_financial_aid_whatever_the_verb_or_the_sign():
    # the currency sign is not a word: "$5 million" alone says money
    assert ("AidTransfer", "country/KW", "org/unrwa", "FinancialAid") in events(
        extract("Kuwait has paid $5 million to UNRWA.")
    )
    assert ("AidTransfer", "country/SA", "country/YE", "FinancialAid") in events(
        extract("Saudi Arabia deposited $500 million into the account of Yemen's central bank.")
    )
    assert ("AidTransfer", "country/SA", "country/YE", "FinancialAid") in events(
        extract("أودعت السعودية 300 مليون دولار في حساب البنك المركزي اليمني.")
    )
    # a number with no sign and no aid word is no transfer
    assert not extract("Kuwait has paid 5 visits to UNRWA.").events


def test_stacked_arabic_titles_name_one_person_and_no_body_becomes_a_name():
    text = (
        "تلقى رئيس مجلس الوزراء وزير الخارجية القطري الشيخ محمد بن عبدالرحمن آل ثاني اتصالاً هاتفياً "
        "من وزير الخارجية المصري بدر عبد العاطي."
    )
    ex = extract(text)
    assert not [m for m in ex.mentions if m.entity.startswith("person/") and "مجلس" in m.entity]
    # the one who received the call is the subject, however long its titles
    assert ("Communication", "person/badr_abdelatty", "person/mohammed_bin_abdulrahman_al_thani", None) in events(ex)


def test_a_verb_and_its_preposition_with_the_subject_between():
    # "حصل على" (obtained) in a verb-first sentence, an adverbial before the preposition
    text = "يُعتقد أن قوات الدعم السريع حصلت خلال الأسابيع الماضية على صواريخ مضادة للطائرات من إيران."
    assert ("AidTransfer", "country/IR", "org/rsf_sudan", "Missiles") in events(extract(text))
    assert ("AidTransfer", "country/IR", "country/SD", "Weapons") in events(  # the army acts for its state
        extract("وحصل الجيش السوداني على طائرات مسيرة من إيران.")
    )


def test_the_forces_of_an_armed_groups_leader_act_for_the_group_not_his_country():
    text = "حصلت قوات الدعم السريع على صواريخ مضادة للطائرات من قوات المشير خليفة حفتر."
    assert ("AidTransfer", "org/libyan_national_army", "org/rsf_sudan", "Missiles") in events(extract(text))
    text = "The RSF received anti-aircraft missiles from the forces of Khalifa Haftar."
    assert ("AidTransfer", "org/libyan_national_army", "org/rsf_sudan", "Missiles") in events(extract(text))


def test_arabic_names_after_ranks_and_titles_of_many_parts():
    # a first name that is also an adjective ("تركي": Turkish) after a rank, staff qualifier and all
    ex = extract("صرح المتحدث الرسمي باسم قوات التحالف العميد الركن تركي المالكي بأن الهجوم فشل.")
    assert "person/تركي_المالكي" in mentions(ex).values()
    assert "country/TR" not in mentions(ex).values()
    # "آل" (house of) is no article: the family name goes on after it
    ex = extract("وسلم الرسالة سفير دولة قطر لدى الكويت الشيخ علي بن عبدالله آل ثاني صباح اليوم.")
    assert "person/علي_بن_عبدالله_ال_ثاني" in mentions(ex).values()
    # but a definite adjective is the title's state, as always
    assert mentions(extract("وقال الرئيس الروسي فلاديمير بوتين إن الهجوم فشل."))["الروسي"] == "country/RU"


def test_fighter_aircraft_are_weapons_not_fighters():
    ex = extract("Pakistan received a second batch of J-35 stealth fighters from China in September.")
    assert events(ex) == {("AidTransfer", "country/CN", "country/PK", "Weapons")}
    ex = extract("تسلمت باكستان دفعة ثانية من مقاتلات جيه-35 الشبحية من الصين.")
    assert events(ex) == {("AidTransfer", "country/CN", "country/PK", "Weapons")}


def test_the_one_handed_a_message_between_the_verb_and_the_message_receives_it():
    ex = extract("The envoy handed President Ruto a letter from King Charles.")
    assert ("Communication", "person/charles_iii", "person/william_ruto", None) in events(ex)
    ex = extract("سلم المبعوث الرئيس روتو رسالة من الملك تشارلز.")
    assert ("Communication", "person/charles_iii", "person/william_ruto", None) in events(ex)


def test_a_regime_named_with_its_state_acts_for_it_and_a_system_is_no_regime():
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(
        extract("أرسل النظام الإيراني أسلحة إلى الميليشيا الحوثية.")
    )
    assert ("AidTransfer", "country/IR", "org/houthis", "Weapons") in events(
        extract("The Iranian regime sent weapons to the Houthis.")
    )
    assert not [m for m in extract("وقال إن النظام الصحي في غزة انهار.").mentions if m.entity.startswith("org/")]


def test_the_coalition_in_a_yemen_story_is_the_saudi_led_one_and_only_there():
    text = "وجهت قيادة التحالف رسالة إلى رئيس مجلس الأمن الدولي تضمنت تفاصيل الهجمات. وأطلق الحوثيون صواريخ."
    ex = extract(text)
    assert ("Communication", "org/saudi_led_coalition", "org/un_security_council", None) in events(ex)
    # and a verb after a title is no name ("تضمنت" is "contained")
    assert not [m for m in ex.mentions if m.entity.startswith("person/")]
    assert "org/saudi_led_coalition" not in mentions(extract("وقال التحالف إن المحادثات مستمرة في برلين."))


def test_no_casualties_is_no_casualty_event():
    text = "وقال التحالف إن الدفاعات الجوية اعترضت طائرة مسيرة أطلقها الحوثيون باتجاه جازان، دون وقوع إصابات."
    assert not [e for e in extract(text).events if e.type == "Casualty"]


def test_aid_heading_for_a_place_goes_there():
    text = "انطلقت قافلة من 30 شاحنة محملة بالمواد الغذائية من مركز الملك سلمان متجهة إلى محافظة مأرب."
    assert ("AidTransfer", "country/SA", "country/YE", "Food") in events(extract(text))


def test_a_launch_into_open_water_is_a_test_and_a_launch_at_a_target_an_attack():
    assert ("WeaponsTest", "country/KP", None, None) in events(
        extract("North Korea fired two ballistic missiles into the East Sea on Sunday.")
    )
    assert ("WeaponsTest", "country/KP", None, None) in events(
        extract("أطلقت كوريا الشمالية صباح الأحد صاروخين باليستيين سقطا في بحر اليابان.")
    )
    assert not extract("The Houthis fired two anti-ship missiles at a bulk carrier in the Red Sea.").events
    assert not extract("أطلق الحوثيون صواريخ باتجاه السفن في البحر الأحمر.").events


def test_production_and_tests_named_as_nouns_are_the_announcers_own():
    for text in (
        "أعلنت إيران بدء إنتاج طائرة مسيرة جديدة.",
        "Iran announced the start of mass production of a new attack drone.",
    ):
        assert ("WeaponsProduction", "country/IR", None, None) in events(extract(text))
    # a production the speaker only mentions is not the speaker's own
    text = (
        "China has ramped up its missile arsenal, the Pentagon warned, which will require increased warhead production."
    )
    assert ("WeaponsProduction", "country/US", None, None) not in events(extract(text))


def test_a_states_own_force_named_by_pattern_acts_for_the_state():
    ex = extract("Two aircraft of the Qatar Emiri Air Force carrying food arrived in Afghanistan.")
    assert ("AidTransfer", "country/QA", "country/AF", "Food") in events(ex)
    ex = extract("The Royal Bahraini Naval Force deployed a unit to Qatar.")
    assert ("Deployment", "country/BH", "country/QA", None) in events(ex)


def test_a_payment_in_euros_is_financial_aid():
    ex = extract("The European Commission announced a payment of 120 million euros to the Palestinian Authority.")
    assert [e.category for e in ex.events if e.agent == "org/european_commission"] == ["FinancialAid"]
    assert not extract("The payment of salaries was delayed in Gaza.").events


def test_what_a_subject_gives_in_exchange_is_its_own_act():
    text = "North Korea received Russian technical help in exchange for sending thousands of troops to Russia."
    assert {
        ("AidTransfer", "country/RU", "country/KP", "MilitaryTechnology"),
        ("Deployment", "country/KP", "country/RU", None),
    } <= events(extract(text))
    text = "حصلت كوريا الشمالية على مساعدة تقنية روسية، مقابل إرسالها آلاف الجنود إلى روسيا."
    assert ("Deployment", "country/KP", "country/RU", None) in events(extract(text))


def test_an_outlet_that_is_the_only_source_claims_the_fact():
    # a state agency on its own state's act confirms it; told after the fact with "وفق ما" / "بحسب ما"
    ex = extract("أرسلت الإمارات طائرة مساعدات طبية إلى السودان، وفق ما أفادت وكالة أنباء الإمارات (وام).")
    assert claims(ex) == {("AidTransfer", "country/AE", "org/wam", "Confirmed")}
    # "غير أن" (however) opens another clause: the agency's report still ends before it
    ex = extract(
        "بعث الرئيس التونسي قيس سعيد برقية إلى أمير قطر، بحسب ما ذكرت وكالة الأنباء القطرية، غير أن مصدرا قال "
        "إن الدوحة لم تتسلمها."
    )
    assert ("Communication", "person/kais_saied", "org/qna", "Confirmed") in claims(ex)
    # an outlet quoting someone only reports: the one quoted claims
    ex = extract("وقالت وزارة الصحة إن 5 أشخاص قتلوا في غارة على خان يونس، وفق ما نقلت وكالة الأناضول.")
    assert {c.claimant for c in ex.claims} == {"org/ministry_of_health/PS"}


def test_states_taking_part_in_an_act_do_it_too():
    ex = extract(
        "Egypt's air force dropped medical supplies over Khan Younis on Sunday, with the participation of "
        "aircraft from France and Spain."
    )
    givers = {e.agent for e in ex.events if e.type == "AidTransfer"}
    assert givers == {"country/EG", "country/FR", "country/ES"}
    ex = extract("أسقطت طائرات سعودية مساعدات غذائية فوق دير البلح، بمشاركة طائرات بحرينية وكويتية.")
    assert {e.agent for e in ex.events if e.type == "AidTransfer"} == {"country/SA", "country/BH", "country/KW"}
    # no act before the marker: nobody takes part in anything
    assert not extract("The conference opened with the participation of France and Spain.").events


def test_arabic_protocol_style_names_titles_and_states():
    # an office whose holder is known keeps him after a comma: what follows the comma is no name
    ex = extract("بعث سلطان عُمان، بمناسبة العيد الوطني، برقية إلى أمير قطر.")
    assert ("Communication", "person/haitham_bin_tariq", "person/tamim_bin_hamad", None) in events(ex)
    assert not [m for m in ex.mentions if "بمناسبة" in m.surface]
    # a title that is one state's office by itself
    ex = extract("تلقى خادم الحرمين الشريفين برقية من رئيس دولة الإمارات.")
    assert ("Communication", "person/mohammed_bin_zayed", "person/salman_bin_abdulaziz", None) in events(ex)
    # a state's formal name: form of state, name, formal adjectives ("الشعبية الديمقراطية" is the North)
    assert "country/KP" in mentions(extract("أطلقت جمهورية كوريا الشعبية الديمقراطية صاروخا.")).values()
    ex = extract("وصل رئيس وزراء جمهورية باكستان الإسلامية إلى الدوحة.")
    assert mentions(ex)["رئيس وزراء جمهورية باكستان الإسلامية"] == "person/shehbaz_sharif"
    # the offices told after a name are his, their council is no actor; the caller is the one "من"
    ex = extract(
        "تلقى الأمير محمد بن سلمان بن عبدالعزيز آل سعود ولي العهد رئيس مجلس الوزراء اتصالاً هاتفياً من "
        "دولة رئيس وزراء جمهورية باكستان الإسلامية السيد شهباز شريف."
    )
    assert events(ex) == {("Communication", "person/shehbaz_sharif", "person/mohammed_bin_salman", None)}
    assert not [m for m in ex.mentions if m.entity.startswith("org/")]
    # a rank after the title, and two cables at once ("برقيتي")
    ex = extract("بعث أمير الكويت برقيتي تهنئة إلى فخامة الرئيس العماد جوزاف عون رئيس الجمهورية اللبنانية.")
    assert ("Communication", "person/mishal_al_ahmad", "person/joseph_aoun", None) in events(ex)


def test_a_relative_clause_has_its_own_subject_for_a_call_received():
    ex = extract("استقبل أمير قطر في الدوحة أمس وزير الخارجية التركي هاكان فيدان، الذي نقل إليه رسالة من أردوغان.")
    assert ("Communication", "person/recep_tayyip_erdogan", "person/tamim_bin_hamad", None) in events(ex)


def test_arabic_compound_numbers_are_counts():
    ex = extract("قتل خمسة عشر شخصا في قصف على مدينة كادقلي.")
    assert [e.count for e in ex.events if e.type == "Casualty"] == [15]
    ex = extract("وأكدت الوزارة مقتل اثني عشر مدنيا في غارة على مأرب.")
    assert [e.count for e in ex.events if e.type == "Casualty"] == [12]


def test_the_government_of_a_region_is_its_own_body_of_its_state():
    ex = extract("وقالت حكومة ولاية جنوب دارفور إن سبعة أشخاص قتلوا في نيالا.")
    body = mentions(ex)["حكومة ولاية جنوب دارفور"]
    assert body != "org/government/SD" and ex.entities[body].country == "country/SD"
    assert {c.claimant for c in ex.claims} == {body}
    # a place, then a body after punctuation, is two phrases ("جنوب لبنان (وزارة الصحة)")
    ex = extract("غارة جديدة على جنوب لبنان (وزارة الصحة)")
    assert not [k for k in mentions(ex).values() if k.startswith("org/ministry_of_health/southern")]
    # a volunteer group named by its kind and its place
    ex = extract("وقتل تسعة أشخاص في المدينة، بحسب ما أفادت غرفة طوارئ كادقلي.")
    assert any(m.surface == "غرفة طوارئ كادقلي" and m.entity.startswith("org/") for m in ex.mentions)


def test_where_a_weapon_was_made_is_no_act_and_received_after_its_subject():
    ex = extract("وقال مسؤولون إن الجيش اللبناني تسلّم الشهر الماضي مدرعات أمريكية الصنع.")
    assert not [e for e in ex.events if e.type == "WeaponsProduction"]
    assert events(ex) == {("AidTransfer", "country/US", "country/LB", "Weapons")}  # the army receives for Lebanon
    # before the one handed something, the same verb hands over
    assert ("AidTransfer", "country/EG", "country/SD", "Weapons") in events(extract("مصر تسلم السودان شحنة أسلحة."))


def test_no_fewer_than_is_a_number_not_a_negation():
    ex = extract("وقالت الوزارة إن ما لا يقل عن 9 أشخاص قتلوا في القصف على رفح.")
    assert [e.count for e in ex.events if e.type == "Casualty"] == [9]


def test_a_counterpart_with_his_nationality_is_the_caller():
    ex = extract("تلقى وزير الخارجية القطري اتصالاً هاتفياً من نظيره التركي هاكان فيدان.")
    fm = "person/mohammed_bin_abdulrahman_al_thani"
    assert {(e.agent, e.recipient) for e in ex.events} == {("person/hakan_fidan", fm)}


def test_cargo_told_far_from_the_arrival_and_where_it_goes_on_to():
    # the cargo after "تحمل" / "محمّلة ب" far from the verb; the facility's country is not the receiver when
    # the goods go on ("تمهيداً لإدخالها إلى غزة") or are for a people ("إلى الشعب السوداني")
    ex = extract(
        "وصلت إلى مطار جيبوتي الدولي صباح اليوم طائرة سعودية ضمن الجسر الجوي الإغاثي محمّلة بثلاثين طناً من "
        "المواد الغذائية، تمهيداً لنقلها إلى السودان."
    )
    assert ("AidTransfer", "country/SA", "country/SD", "Food") in events(ex)
    ex = extract(
        "هبطت في مطار العريش طائرة قطرية تحمل مستلزمات طبية مقدمة إلى الشعب الفلسطيني في قطاع غزة."
    )
    assert {(e.agent, e.recipient) for e in ex.events} == {("country/QA", "country/PS")}


def test_arms_to_any_party_go_where_the_story_sent_arms_or_nowhere():
    ex = extract("ونفت الوزارة إرسال دولة الكويت أسلحة إلى أي من أطراف النزاع في اليمن.")
    assert not [e for e in ex.events if e.category == "Weapons"]
    ex = extract(
        "Western officials say Belarus shipped artillery shells to Russia in March. Minsk denied it had sent "
        "weapons to either side in the war."
    )
    assert {(e.agent, e.recipient) for e in ex.events if e.category == "Weapons"} == {("country/BY", "country/RU")}


def test_aid_named_as_a_topic_of_talks_is_no_delivery():
    ex = extract("وبحث الوزيران آليات تسريع إدخال المساعدات إلى قطاع غزة.")
    assert not ex.events
    ex = extract("The two ministers discussed ways to speed up aid deliveries to Gaza.")
    assert not ex.events


def test_a_state_agency_at_home_tells_its_own_states_bodies_and_messages():
    text = (
        "DOHA, Nov 2 (QNA) — His Highness the Amir Sheikh Tamim bin Hamad Al Thani sent a written message to "
        "his brother King Abdullah II of Jordan.\n\n"
        "The Ministry of Foreign Affairs announced that the State of Qatar has transferred $2 million to UNRWA."
    )
    ex = extract(text)
    assert ("Communication", "person/tamim_bin_hamad", "person/abdullah_ii", None) in events(ex)
    assert ("Communication", "person/tamim_bin_hamad", "org/qna", "Confirmed") in claims(ex)
    assert ("AidTransfer", "country/QA", "org/ministry_of_foreign_affairs/QA", "Confirmed") in claims(ex)
    # an agency abroad reports, it does not speak for the state of the dateline
    ex = extract("BEIRUT, Nov 2 (AFP) — King Abdullah II sent a written message to President Joseph Aoun.")
    assert not ex.claims


def test_a_relief_foundation_that_says_goods_were_sent_sent_them():
    ex = extract(
        "The Gulf Relief Foundation said a ship carrying 300 tonnes of rice had been dispatched to Aden on Monday."
    )
    assert ("AidTransfer", "org/gulf_relief_foundation", "country/YE", "Food") in events(ex)


def test_a_launch_heading_for_open_water_with_the_subject_between_is_a_test():
    ex = extract("أطلقت كوريا الشمالية فجر اليوم الأحد صاروخين باليستيين باتجاه بحر اليابان.")
    assert ("WeaponsTest", "country/KP", None, None) in events(ex)
    # heading for ships is an attack, no test
    ex = extract("أطلق الحوثيون صاروخين باتجاه سفينة تجارية في البحر الأحمر.")
    assert not [e for e in ex.events if e.type == "WeaponsTest"]


def test_thousands_in_words_and_experts_sent_are_a_deployment():
    ex = extract("وقال الجهاز إن بيونغ يانغ أرسلت نحو ثلاثة آلاف جندي إلى روسيا.")
    assert _counts(ex)[("Deployment", "country/KP", "country/RU")] == 3000
    ex = extract("وصل عشرات الخبراء من الحرس الثوري الإيراني إلى ميناء الحديدة.")
    assert ("Deployment", "country/IR", "country/YE", None) in events(ex)


def test_a_body_pointed_back_to_by_its_kind_is_the_one_named_before():
    ex = extract(
        "قال جهاز الاستخبارات الوطني في كوريا الجنوبية إن الشمال أرسل جنودا إلى روسيا. "
        "وأضاف الجهاز أن الشمال زوّد روسيا بقذائف مدفعية."
    )
    spy = mentions(ex)["جهاز الاستخبارات الوطني"]
    assert mentions(ex)["الجهاز"] == spy
    assert {c.claimant for c in ex.claims if c.about[0] == "AidTransfer"} == {spy}


def test_missiles_fired_into_a_sea_no_one_names_are_a_test():
    ex = extract("North Korea fired a ballistic missile into the sea off its east coast on Sunday, Seoul said.")
    assert ("WeaponsTest", "country/KP", None, None) in events(ex)
    ex = extract("أطلقت كوريا الشمالية صاروخا باليستيا سقط في البحر قبالة ساحلها الشرقي.")
    assert ("WeaponsTest", "country/KP", None, None) in events(ex)


def test_launchers_are_weapons_and_artillery_ammunition_is_ammunition():
    ex = extract("زوّدت بيونغ يانغ موسكو بأكثر من مئة راجمة صواريخ.")
    assert {e.category for e in ex.events} == {"Weapons"}
    ex = extract("Pyongyang shipped artillery ammunition to Russia.")
    assert {e.category for e in ex.events} == {"Ammunition"}


def test_hedged_passives_with_an_adverb_and_a_test_according_to_an_outlet():
    ex = extract("Belarus is also reported to have delivered artillery shells to Russia in May.")
    assert claims(ex) == {("AidTransfer", "country/BY", None, "Believed")}
    ex = extract(
        "The Aerospace Force of the Islamic Revolutionary Guard Corps test-fired a new missile from Semnan "
        "province, according to the Tasnim news agency."
    )
    assert ("WeaponsTest", "country/IR", None, None) in events(ex)
    assert {c.claimant for c in ex.claims} == {"org/tasnim"}


def test_the_militia_is_the_armed_group_named_before_and_arms_to_any_party_go_to_it():
    ex = extract(
        "The Rapid Support Forces have held Nyala airport since May. The army said its drones destroyed air "
        "defence systems delivered by the United Arab Emirates to the militia there. "
        "The UAE said it has not supplied any weapons to any party in Sudan."
    )
    got = {(e.agent, e.recipient) for e in ex.events if e.type == "AidTransfer"}
    assert got == {("country/AE", "org/rsf_sudan")}
    assert {c.certainty for c in ex.claims if c.claimant == "country/AE"} == {"Denied"}


def test_a_call_made_to_someone_and_a_statement_of_an_office():
    ex = extract(
        "وأجرى رئيس الوزراء العراقي اتصالاً هاتفياً بالشيخ تميم بن حمد آل ثاني، بحسب بيان لمكتب رئيس الوزراء."
    )
    assert {(e.agent, e.recipient) for e in ex.events} == {("person/mohammed_shia_al_sudani", "person/tamim_bin_hamad")}
    assert {c.claimant for c in ex.claims} == {"org/office_of_the_prime_minister/IQ"}


def test_a_toll_that_rose_to_a_compound_number():
    ex = extract("ارتفعت حصيلة ضحايا السيول في اليمن إلى خمسة وثلاثين قتيلاً.")
    assert [(e.affected, e.count) for e in ex.events if e.type == "Casualty"] == [("country/YE", 35)]


def test_a_territorys_own_bodies_by_either_word_order():
    ex = extract("At least 11 Palestinians were killed near Khan Younis, Gaza's health ministry said.")
    body = next(iter({c.claimant for c in ex.claims}))
    assert body == "org/ministry_of_health/gaza" and "Gaza Health Ministry" in ex.entities[body].labels["en"]
    assert {c.certainty for c in ex.claims} == {"Confirmed"}  # the territory's body on its own people
    ex = extract("وقالت وزارة الصحة في غزة إن 11 فلسطينيا قتلوا في خان يونس.")
    assert {c.claimant for c in ex.claims} == {"org/ministry_of_health/gaza"}


def test_a_ship_that_docked_with_goods_arrived():
    ex = extract("A vessel carrying 20,000 tonnes of wheat funded by Japan docked at Hodeidah port on Monday.")
    assert ("AidTransfer", "country/JP", "country/YE", "Food") in events(ex)
    ex = extract("رست في ميناء الحديدة سفينة سعودية تحمل ألف طن من الدقيق.")
    assert ("AidTransfer", "country/SA", "country/YE", "Food") in events(ex)
