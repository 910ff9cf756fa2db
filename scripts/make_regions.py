#!/usr/bin/env python3
"""Write kg/lexicons/regions.json: the first-level regions of the countries of conflict and aid news.

    pip install -e '.[gazetteer]'        # pycountry and wordfreq, pinned
    .venv/bin/python scripts/make_regions.py [--out kg/lexicons/regions.json]

Development tool: neither package is needed at run time; kg/lexicon.py reads the JSON
this writes. The output is deterministic: the same package versions, region_names.tsv and
curated lexicons give the same bytes.

Sources:
  * the regions, their ISO 3166-2 code, type and country: pycountry's copy of ISO 3166-2
    (Debian's iso-codes), first-level subdivisions (no parent) of COUNTRIES only;
  * the names: ISO 3166-2's names are romanisations of the local names ("Nīnawá",
    "Donetska oblast"), so the names the English and Arabic news use are curated in
    scripts/region_names.tsv beside this script; ISO's name (folded to ASCII) is kept as one
    more English name, only ever with the word for the kind ("Ninawa Governorate").

The names: each bare name with the words for its kind (KINDS_EN, KINDS_AR: "Nineveh
Governorate", "Nineveh province", "محافظة نينوى", "ولاية الخرطوم", "Donetsk Oblast") and
the bare name alone only when it is safe (bare_ok): not a city of the gazetteer nor a curated
name (country, person, organisation, place), not a common word (wordfreq, the gazetteer's
limits), not one short word, not in NO_BARE. A region named like its capital keeps the bare
name for the city ("حلب" is Aleppo the city; "محافظة حلب" the governorate). A name held by two
regions is dropped from both, and so is any name a gazetteer city has.

A region whose kind-name ("Kursk Oblast", "Gezira State") is already a curated place of
places.json in the same country is that place: its row says ``same_as`` and kg/lexicon.py adds
its names to the curated place instead of making a second entity (also SAME_AS below).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.textnorm import tokenize  # noqa: E402

OUT = ROOT / "kg" / "lexicons" / "regions.json"
NAMES = Path(__file__).resolve().parent / "region_names.tsv"
FORMAT_VERSION = "1.0"

ARAB_LEAGUE = "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE"
COUNTRIES = sorted(
    set(
        (
            ARAB_LEAGUE
            + " IR IL TR AF PK IN UA RU AM AZ ET ER SS TD NE ML BF NG CD MM KP KR HT"
        ).split()
    )
)
# Only these Russian regions (those named in region_names.tsv: bordering Ukraine, the Caucasus...).
RU_ONLY_LISTED = True
# Subdivision types that are cities (the gazetteer has them as cities), and codes left out:
# contested (Jerusalem; the regions ISO marks as Western Sahara) or cities of another type.
CITY_TYPES = {
    "City", "Capital city", "Metropolitan city", "Special city", "Special self-governing city",
    "Urban community", "Autonomous city", "Federal capital territory", "Administration",
}
SKIP_CODES = {
    "PS-JEM", "IL-JM", "MA-10", "MA-11", "MA-12",
    "QA-DA", "YE-SA", "TD-ND", "ML-BKO", "AZ-BA", "AZ-GA", "AZ-LA", "AZ-MI", "AZ-NA",
    "AZ-SA", "AZ-SM", "AZ-SR", "AZ-XA", "AZ-YE",
}
# The ISO name is not usable as a name (a romanised local form with the kind in it).
NO_ISO_NAME = {"UA", "RU", "KR", "KP", "AM", "IL", "ET", "ER", "BH", "KW", "LB", "SA"}
# Regions that are a curated place of places.json though none of their kind-names is there:
# Crimea; Idlib, which the news (and the dev gold) names as one place, city and governorate.
SAME_AS = {"UA-43": "crimea", "SY-ID": "idlib"}

# English: templates by subdivision type, then by country and type.
KINDS_EN = {
    "Governorate": ["{} Governorate", "{} province", "Governorate of {}"],
    "Province": ["{} Province", "Province of {}"],
    "State": ["{} State"],
    "Regional state": ["{} Region", "{} regional state"],
    "Region": ["{} Region"],
    "Popularate": ["{} District"],
    "Emirate": ["{} Emirate", "Emirate of {}"],
    "Municipality": ["{} Municipality"],
    "District": ["{} District"],
    "Rayon": ["{} District", "{} Rayon"],
    "Autonomous republic": [],
    "Island": ["{} Island"],
    "Special self-governing province": ["{} Province"],
    "Pakistan administered area": [],
    "Union territory": [],
    "Capital territory": [],
    "Department": ["{} Department"],
    "Republic": ["{} Republic"],
    "Administrative region": ["{} Oblast", "{} region"],
    "Administrative territory": ["{} Krai", "{} Territory", "{} region"],
}
KINDS_EN_COUNTRY = {
    ("UA", "Region"): ["{} Oblast", "{} region", "{} Province"],
    ("UA", "Republic"): [],
    ("SA", "Region"): ["{} Province", "{} Region"],
    ("PK", "Province"): ["{} Province", "{} province"],
    ("SY", "Province"): ["{} Governorate", "{} province", "Governorate of {}"],  # ISO's "province": محافظة
}
# Arabic: the words for the kind by country, then by country and type.
KINDS_AR = {
    **{cc: ["محافظة {}"] for cc in "EG IQ JO KW LB PS OM SY YE BH".split()},
    "IR": ["محافظة {}", "إقليم {}"],
    "TN": ["ولاية {}", "محافظة {}"],
    **{cc: ["ولاية {}"] for cc in "DZ SD MR TR AF SS NG IN".split()},
    "SA": ["منطقة {}"],
    "LY": ["شعبية {}", "منطقة {}"],
    "MA": ["جهة {}"],
    "SO": ["إقليم {}", "محافظة {}"],
    "AE": ["إمارة {}"],
    "QA": ["بلدية {}"],
    "PK": ["إقليم {}"],
    "UA": ["مقاطعة {}", "منطقة {}", "إقليم {}"],
    "RU": ["مقاطعة {}", "منطقة {}", "إقليم {}"],
    "KP": ["مقاطعة {}"],
    "KR": ["مقاطعة {}"],
    "DJ": ["إقليم {}", "منطقة {}"],
    "KM": ["جزيرة {}"],
    "ET": ["إقليم {}"],
    "CD": ["إقليم {}", "مقاطعة {}"],
    "ML": ["منطقة {}", "إقليم {}"],
    "MM": ["ولاية {}", "إقليم {}"],
    "AZ": ["إقليم {}"],
}
KINDS_AR_COUNTRY = {("RU", "Republic"): [], ("RU", "Administrative territory"): ["إقليم {}", "منطقة {}"]}

# Bare names never matched alone (a river, a person, a direction, a city's other sense...).
NO_BARE = """
Leningrad|Salahuddin|Saladin|Salah al-Din|صلاح الدين|North Gaza|شمال غزة|Kurdistan|كردستان|Punjab|البنجاب
|Blue Nile|White Nile|Upper Nile|River Nile|النيل الأزرق|النيل الأبيض|أعالي النيل|نهر النيل|Unity|Lakes
|الوحدة|البحيرات|Oriental|الشرق|Mount Lebanon|جبل لبنان|Jabal al Akhdar|الجبل الأخضر|Jabal al Gharbi|الجبل الغربي
|Red Sea|البحر الأحمر|Southern Red Sea|Northern Red Sea|New Valley|الوادي الجديد|Moscow|موسكو|Kyiv|Kiev|كييف
|Sahel|Plateau|Rivers|Delta|Niger|Centre|Nord|Sud|Est|Ouest|Sud-Est|Nord-Est|Nord-Ouest|Kasai|Tanganyika
|Central Equatoria|Ararat|Armavir|Fars|فارس|Markazi|مركزي|المركزية|Somali|Harari|هرر|Afar|عفر|Karen|Chin|Mon|Shan
|Al Wusta|الوسطى|Ad Dakhiliyah|Al Dakhiliyah|الداخلية|Al Shamal|الشمال|Cascades|Salamat|Bahr el Ghazal
|Rostov|روستوف|Oryol|Orel|لينينغراد|Nabatieh|النبطية|Wahat|الواحات|لعصابة|وردك|فراه|ريمة|المهرة|النعامة|مطروح
|المثنى|جيلان|إيلام|Mykolaiv|ميكولايف|Vinnytsia|فينيتسيا|Dnipropetrovsk|دنيبروبتروفسك|Kirovohrad|Matrouh
|Kufra|الكفرة|Dhale|Al Dhale|Al Dhalea|الضالع|Mahwit|Al Mahwit|المحويت|Al Shahaniya|الشحانية|Umm Salal|أم صلال
|Kebbi|Nasarawa|Kasai|Kasaï|Sud-Ouest|Al Asimah|Mubarak Al-Kabeer|Sool|Socotra Archipelago
"""
# Countries whose regions are mostly named after their capital city (the city of the same name is
# often too small for the gazetteer): a bare name only for the regions of BARE_OK_CODES.
CITY_NAMED = {"DZ", "TR", "ML", "NE", "AF", "JO", "PS", "UA", "AZ", "TN", "MM"}
BARE_OK_CODES = set(
    """TR-31 TR-41 TR-54 UA-07 UA-21 JO-BA MM-11 MM-12 MM-13 MM-16 AF-HEL AF-BDS AF-BDG AF-DAY AF-FYB AF-JOW
    AF-KNR AF-NAN AF-NIM AF-NUR AF-PAN AF-PIA AF-PKA AF-URU AF-WAR AF-LOG AF-LAG AF-KAP AF-ZAB AF-PAR AF-TAK
    AF-SAM""".split()
)
# wordfreq (zipf) limits for a bare name: one word / several; and the least letters of one word.
EN_ZIPF, EN_PHRASE_ZIPF = 3.0, 3.5
# (Arabic news names its places so often that the Arabic limits are higher; NO_BARE has the
# region names that are Arabic words.) BARE_OK: exempt from the frequency limit.
AR_ZIPF, AR_PHRASE_ZIPF = 4.0, 4.0
MIN_LETTERS_ONE_WORD = 5
BARE_OK = {"Balochistan"}


def key_of(name: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(name))


def ascii_fold(name: str) -> str:
    name = name.replace("ı", "i").replace("İ", "I").replace("‘", "'").replace("’", "'").replace("ʻ", "'")
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def slug(name: str) -> str:
    return re.sub("[^a-z0-9]+", "_", ascii_fold(name).lower()).strip("_")


def read_names(path: Path = NAMES) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, en, ar = (line.split("\t") + ["", ""])[:3]
        if code in out:
            raise SystemExit(f"{path.name}: {code} twice")
        split = lambda s: [" ".join(n.split()) for n in s.split("|") if n.strip()]  # noqa: E731
        out[code] = (split(en), split(ar))
    return out


def build() -> dict:
    import pycountry
    from wordfreq import zipf_frequency

    from kg.lexicon import build_lexicon, load_gazetteer, phrase_tokens

    curated = read_names()
    base = build_lexicon(regions=False)
    places = json.loads((ROOT / "kg" / "lexicons" / "places.json").read_text(encoding="utf-8"))["places"]
    gaz = load_gazetteer()
    gaz_names = {key_of(n) for p in gaz["places"] for n, _ in p[4] + p[5]}
    gaz_names |= {key_of(n) for n in gaz["longer_names"]["phrases"]}
    gaz_names |= {key_of(ascii_fold(n)) for p in gaz["places"] for n, _ in p[4]}  # "Diyarbakir" is "Diyarbakır"
    no_bare = {key_of(n) for n in NO_BARE.split("|") if n.strip()}

    def lexicon_hit(name: str) -> list[str] | None:
        toks = tokenize(name)
        m = base.names.match_at(toks, 0) if toks else None
        if m and m.end == len(toks):
            return [e.value for e in m.entries]
        return None

    def names_a_country(name: str) -> bool:
        """The name of a country itself ("Niger"), not a capital used for its government ("Khartoum")."""
        toks = tokenize(name)
        m = base.names.match_at(toks, 0) if toks else None
        if not m or m.end != len(toks):
            return False
        return any(e.value.startswith("country/") and e.role == "name" for e in m.entries)

    def bare_ok(name: str, lang: str) -> bool:
        n = key_of(name)
        if not n or n in no_bare or n in gaz_names or key_of(ascii_fold(name)) in gaz_names or lexicon_hit(name):
            return False
        if len(n) == 1:
            core = n[0][2:] if lang == "ar" and n[0].startswith("ال") else n[0]
            if sum(ch.isalpha() for ch in core) < MIN_LETTERS_ONE_WORD - (lang == "ar"):
                return False
        if name in BARE_OK:
            return True
        z = zipf_frequency(name.lower() if lang == "en" else name, lang)
        limit = (EN_ZIPF, EN_PHRASE_ZIPF) if lang == "en" else (AR_ZIPF, AR_PHRASE_ZIPF)
        return z < limit[len(n) > 1]

    rows = []
    for cc in COUNTRIES:
        subs = sorted(
            (s for s in pycountry.subdivisions.get(country_code=cc) or [] if s.parent_code is None),
            key=lambda s: s.code,
        )
        for s in subs:
            if s.type in CITY_TYPES or s.code in SKIP_CODES:
                continue
            if cc == "RU" and RU_ONLY_LISTED and s.code not in curated:
                continue
            en_bare, ar_bare = curated.get(s.code, ([], []))
            iso = re.sub(r"\s*\(.*\)$", "", s.name)
            iso_en = [] if cc in NO_ISO_NAME or "," in iso or all(n.startswith("=") for n in en_bare) else [iso]
            if not en_bare:
                en_bare = [iso]
                iso_en = []
            en_kinds = KINDS_EN_COUNTRY.get((cc, s.type), KINDS_EN.get(s.type))
            ar_kinds = KINDS_AR_COUNTRY.get((cc, s.type), KINDS_AR.get(cc, []))
            if en_kinds is None:
                raise SystemExit(f"no English kind words for {s.code} ({s.type})")
            names: dict[str, list[tuple[str, bool]]] = {"en": [], "ar": []}  # (name, is bare)

            def add(lang: str, name: str, bare: bool, names: dict = names) -> None:
                if name and all(key_of(name) != key_of(n) for n, _ in names[lang]):
                    names[lang].append((name, bare))

            for lang, bares, kinds in (("en", en_bare, en_kinds), ("ar", ar_bare, ar_kinds)):
                spellings = []
                for b in bares:
                    spellings.append(b)
                    if lang == "en" and ascii_fold(b) != b:
                        spellings.append(ascii_fold(b))
                for b in spellings:
                    if b.startswith("="):
                        add(lang, b[1:], False)
                        continue
                    if lang == "en" and names_a_country(b):
                        continue  # "Niger State" (Nigeria) would take "Niger State Television" from Niger
                    for k in kinds:
                        add(lang, k.format(b), False)
                for b in spellings:
                    if not b.startswith("="):
                        add(lang, b, True)
                if lang == "en":
                    for b in iso_en:
                        for v in dict.fromkeys([b, ascii_fold(b)]):
                            if re.fullmatch(r"[A-Za-z .'-]+", v) and not names_a_country(v):
                                for k in kinds:
                                    add(lang, k.format(v), False)
            label = en_bare[0].lstrip("=")
            rows.append({"iso": s.code, "country": cc, "type": s.type, "label": label, "names": names})

    # a name held by two regions, or by a gazetteer city, is nobody's
    holders: dict[tuple[str, ...], set[str]] = {}
    for r in rows:
        for lang in ("en", "ar"):
            for n, _ in r["names"][lang]:
                holders.setdefault(key_of(n), set()).add(r["iso"])
    out = []
    used_keys: set[str] = set()
    for r in rows:
        cc = r["country"]
        same_as = SAME_AS.get(r["iso"])
        kept: dict[str, list[str]] = {"en": [], "ar": []}
        # a bare name that is a city's (or a curated name) in one language is one in the other too:
        # "Raqqa" is no bare name of the governorate since "الرقة" is the city's
        city_named = any(
            bare and (key_of(n) in gaz_names or key_of(ascii_fold(n)) in gaz_names or lexicon_hit(n))
            for lang in ("en", "ar")
            for n, bare in r["names"][lang]
        )
        for lang in ("en", "ar"):
            for n, bare in r["names"][lang]:
                k = key_of(n)
                if len(holders[k]) > 1 or k in gaz_names:
                    continue
                if bare:
                    city_country = cc in CITY_NAMED and r["iso"] not in BARE_OK_CODES
                    if not city_named and not city_country and bare_ok(n, lang):
                        kept[lang].append(n)
                    continue
                hit = lexicon_hit(n)
                if hit:
                    mine = [h[len("place/") :] for h in hit if h.startswith("place/") and h[6:] in places]
                    if mine and places[mine[0]].get("country") == cc:
                        same_as = same_as or mine[0]
                    continue  # the curated name stays the curated entity's
                kept[lang].append(n)
        if not kept["en"] and not kept["ar"] and not same_as:
            continue
        key = f"{cc.lower()}_{slug(r['label'])}"
        if key in used_keys:
            key = f"{cc.lower()}_{slug(r['iso'].split('-')[1])}"
        used_keys.add(key)
        row = {"key": key, "iso": r["iso"], "country": cc, "type": r["type"], "en": kept["en"], "ar": kept["ar"]}
        if same_as:
            row["same_as"] = same_as
        out.append(row)
    assert all(phrase_tokens(n) for r in out for lang in ("en", "ar") for n in r[lang])

    return {
        "version": FORMAT_VERSION,
        "about": (
            "First-level administrative regions (provinces, governorates, states, oblasts) of the countries "
            "of conflict and aid news, with their country, English and Arabic names, generated by "
            "scripts/make_regions.py from ISO 3166-2 and scripts/region_names.tsv: do not edit by hand "
            "(curate places in places.json, which wins). Regions that are cities in ISO 3166-2 (Kyiv, "
            "Kinshasa, the Korean metropolitan cities...) and contested ones (Jerusalem, Western Sahara) "
            "are left out; Russia only near Ukraine, the Caucasus and Moscow. Names carry the word for the "
            "kind ('Nineveh Governorate', 'محافظة نينوى'); a bare name only where it is no city of the "
            "gazetteer, no curated name and no common word. A row with same_as is the curated place of "
            "that key in places.json: its names go to it. Each row: key (place/region/<key>), ISO 3166-2 "
            "code, country, ISO type, English names, Arabic names."
        ),
        "source": (
            "Regions, codes, types and countries: ISO 3166-2 through the pycountry package (its iso-codes "
            "data); English and Arabic names as the news writes them: curated in scripts/region_names.tsv "
            "(with ISO's romanised name as one more English name)"
        ),
        "licence": (
            "pycountry and its ISO 3166-2 data: LGPL-2.1; the curated names: this project's licence (MIT)"
        ),
        "generated_with": {"pycountry": version("pycountry"), "wordfreq": version("wordfreq")},
        "countries": COUNTRIES,
        "regions": out,
    }


def dump(data: dict) -> str:
    """JSON with one region per line: small, and diffs stay readable."""
    head = {k: v for k, v in data.items() if k != "regions"}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    rows = ",\n".join("  " + json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["regions"])
    return f'{text[:-2]},\n "regions": [\n{rows}\n ]\n}}\n'


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    text = dump(build())
    Path(args.out).write_text(text, encoding="utf-8")
    data = json.loads(text)
    regions = data["regions"]
    n_en = sum(len(r["en"]) for r in regions)
    n_ar = sum(len(r["ar"]) for r in regions)
    print(f"{args.out}: {len(regions)} regions, {n_en} English and {n_ar} Arabic names, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
