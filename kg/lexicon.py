"""The curated lexicons (data files in kg/lexicons/) turned into matchers.

Country names come from CLDR through babel, in Arabic and English, for every
ISO 3166 country; the JSON files add what CLDR lacks: Wikidata QIDs, adjectives,
capitals used as metonyms, people with their offices, organisations, places,
and the cue words of the rule extractor.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from babel import Locale

from .model import Entity
from .phrases import Entry, Match, PhraseIndex, phrase_tokens  # noqa: F401  (re-exported: callers import them from here)
from .textnorm import Token, is_arabic, normalize, tokenize, variants

LEXICON_FILES = (
    "countries.json",
    "people.json",
    "officeholders.json",
    "organizations.json",
    "places.json",
    "cues.json",
    "gazetteer.json",
    "regions.json",
    "state_bodies.json",
)


def load_json(name: str) -> dict:
    return json.loads(resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8"))


def _state_bodies(cues: dict) -> dict:
    """The state-body table: state_bodies.json, or the "state_bodies" section cues.json had before."""
    try:
        return load_json("state_bodies.json")
    except FileNotFoundError:
        return cues["state_bodies"]


PEOPLE_FILES = ("people.json", "officeholders.json")


def _people() -> dict[str, dict]:
    """The people of PEOPLE_FILES, in order. A key met again is merged into the first entry:
    names and roles it lacks are added; its qid, its country and its roles win on conflicts
    (a role of the same office with the same start is not added twice)."""
    people: dict[str, dict] = {}
    for name in PEOPLE_FILES:
        for pkey, p in load_json(name)["people"].items():
            have = people.get(pkey)
            if have is None:
                people[pkey] = {
                    "en": list(p.get("en", [])),
                    "ar": list(p.get("ar", [])),
                    "roles": [list(r) for r in p.get("roles", [])],
                    "qid": p.get("qid"),
                    "country": p.get("country"),
                }
                continue
            for lang in ("en", "ar"):
                have[lang] += [n for n in p.get(lang, []) if n not in have[lang]]
            held = {tuple(r[:3]) for r in have["roles"]}
            have["roles"] += [list(r) for r in p.get("roles", []) if tuple(r[:3]) not in held]
            have["qid"] = have["qid"] or p.get("qid")
            have["country"] = have["country"] or p.get("country")
    return people


def lexicon_version() -> str:
    """One version string for the whole lexicon set, e.g. 'countries 1.0, people 1.0, ...'."""
    return ", ".join(f"{n.split('.')[0]} {load_json(n)['version']}" for n in LEXICON_FILES)


def _clean_cldr(name: str) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar', 'Burma']; other names as they are."""
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        out += [m.group(1), m.group(2)]
    else:
        out.append(name)
    return [o.replace("’", "'").strip() for o in out if o.strip()]


def _arabic_adjective_forms(base: str) -> list[str]:
    """Masculine/feminine, singular/plural, with and without the article: روسي -> الروسية..."""
    words = base.split()
    if len(words) > 1:
        return [base]
    forms = [base, base + "ة", base + "ين", base + "ون", base + "ان", base + "ا", base + "تان", base + "تين"]
    return forms + ["ال" + f for f in forms]


_SPLIT_PREPOSITIONS = {normalize(w) for w in ("على", "عن")}


@dataclass
class Lexicon:
    entities: dict[str, Entity] = field(default_factory=dict)
    names: PhraseIndex = field(default_factory=PhraseIndex)
    context_names: dict[str, list[str]] = field(default_factory=dict)  # entity -> entities that enable it
    # (person, role, country or organisation, start, end or None)
    offices: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    cues: dict[str, PhraseIndex] = field(default_factory=dict)
    all_cues: PhraseIndex = field(default_factory=PhraseIndex)  # every cue of every group, entries tagged by group
    state_bodies: PhraseIndex = field(default_factory=PhraseIndex)  # "وزارة الدفاع", "army": "kind|English name"
    state_body_ar: dict[str, str] = field(default_factory=dict)  # English name -> an Arabic name
    adjectives: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # country -> (en, ar) adjective
    data: dict = field(default_factory=dict)  # raw cues.json
    # Arabic two-word triggers ending in a preposition ("حصل على"), first word -> (preposition, labels): in a
    # verb-first sentence the subject stands between them ("حصلت قوات الدعم السريع على صواريخ")
    split_triggers: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # offices by (role, country), for leader: (len(offices) when built, index)
    _offices_index: tuple[int, dict] | None = field(default=None, init=False, repr=False, compare=False)

    def add_names(self, key: str, names: list[str], role: str = "name") -> None:
        for n in names:
            self.names.add(n, Entry(key, role))

    def leader(self, country: str, title: str, date: str | None) -> str | None:
        """The person holding ``title`` (cues.json titles) for ``country`` on ``date``."""
        when = date or "9999"
        held = self._held_by()
        for role in self.data["title_roles"].get(title, [title]):
            for person, start, end in held.get((role, country), ()):
                if start <= when and (end is None or when < end):
                    return person
        return None

    def _held_by(self) -> dict[tuple[str, str], list[tuple[str, str, str | None]]]:
        """(role, country) -> [(person, start, end)] in the order of ``offices``, rebuilt when offices grow."""
        index = self._offices_index
        if index is None or index[0] != len(self.offices):
            held: dict[tuple[str, str], list[tuple[str, str, str | None]]] = {}
            for person, r, c, start, end in self.offices:
                held.setdefault((r, c), []).append((person, start, end))
            index = self._offices_index = (len(self.offices), held)
        return index[1]


def _cue_index(
    spec: dict[str, list[str]], label: str, index: PhraseIndex | None = None, both_numbers: bool = False
) -> PhraseIndex:
    index = index or PhraseIndex()
    for lang in ("ar", "en"):
        for phrase in spec.get(lang, []):
            index.add(phrase, Entry(label, "cue"))
            if both_numbers and lang == "en":
                for other in _other_number(phrase):
                    index.add(other, Entry(label, "cue"))
    return index


# Plurals whose singular is another word ("arms", "rounds" of talks, "funds") or no noun at all.
_NO_SINGULAR = {"arms", "rounds", "funds", "goods", "gas", "news", "supplies"}


def _other_number(phrase: str) -> list[str]:
    """The singular of an English noun phrase's plural head ("suicide drones" -> "suicide drone"),
    so that a list of things given is matched in either number ("a new drone", "three drones")."""
    head = phrase.rsplit(" ", 1)[-1]
    if head in _NO_SINGULAR or not head.isalpha() or not head.islower() or len(head) < 5:
        return []
    stem = phrase[: len(phrase) - len(head)]
    if head.endswith("ies"):
        return [stem + head[:-3] + "y"]
    if head.endswith("s") and not head.endswith(("ss", "us")):
        return [stem + head[:-1]]
    return []


# ------------------------------------------------------------------ gazetteer
# GeoNames cities, generated by scripts/make_gazetteer.py into kg/lexicons/gazetteer.json.
# Loaded after the curated files, whose names win: a city that one of its names ties to
# a curated place or to its own country (a capital used as a metonym) is left out whole.

GAZETTEER_FILE = "gazetteer.json"
_GAZETTEER_ROLES = {"n": "name", "c": "context"}  # "x": only after a place cue
_ARTICLES = ("Al", "El", "Ad", "Ar", "As", "Ash", "At", "Az", "An", "Ed", "Es", "Et")
# "Gulf of Aden", "Suez Canal", "Marka Airport" (longer_names in the file) are matched as this
# context name, which no document enables: found, so that the city inside is not, then dropped.
LONGER_NAME = "place/gazetteer-longer-name"


def load_gazetteer() -> dict:
    """The gazetteer file: version, source, licence, cue templates and its places, as stored."""
    return load_json(GAZETTEER_FILE)


def _curated_hit(lex: Lexicon, toks: list[Token]) -> list[Entry] | None:
    """The entries a phrase already has in the lexicon (read as is or without a proclitic), or None."""
    m = lex.names.match_at(toks, 0)
    if m and m.end == len(toks):
        return m.entries
    if len(toks) == 1 and is_arabic(toks[0].norm):
        for _, stem in variants(toks[0].norm)[1:]:  # "بنها" must not hide a curated "نها"
            m = lex.names.match_at(toks, 0, first=stem)
            if m and m.end == 1:
                return m.entries
    return None


def add_gazetteer(lex: Lexicon, data: dict) -> None:
    """Add the gazetteer's places to ``lex`` (see the flags in the file's ``about``)."""
    person_words = {
        t
        for e in lex.entities.values()
        if e.type == "Person"
        for names in e.labels.values()
        for n in names
        for t in phrase_tokens(n)
    }
    templates = {lang: [(t, tokenize(t.format(""))) for t in ts] for lang, ts in data["cue_templates"].items()}
    spec = data["longer_names"]
    longer = {lang: [(t, tokenize(t.format(""))) for t in ts] for lang, ts in spec["templates"].items()}
    lex.entities[LONGER_NAME] = Entity(LONGER_NAME, "Location", {"en": [], "ar": []})
    lex.context_names[LONGER_NAME] = []
    blocked = Entry(LONGER_NAME, "context")
    seen: set[tuple[str, ...]] = set()
    pending: list[tuple[tuple[str, ...], str, Entry]] = []  # added once every name was checked
    for gid, cc, population, label, en, ar in data["places"]:
        key, country = f"place/geo{gid}", f"country/{cc}"
        kept: dict[str, list[str]] = {"en": [], "ar": []}
        mine: list[tuple[tuple[str, ...], str, Entry]] = []
        city_seen: set[tuple[str, ...]] = set()
        curated_city = False
        for lang, rows in (("en", en), ("ar", ar)):
            for name, flag in rows:
                toks = tokenize(name)
                norm = tuple(t.norm for t in toks)
                if sum(map(len, norm)) < 3 or norm in seen or norm in city_seen:
                    continue
                hit = _curated_hit(lex, toks)
                if hit:
                    ents = [lex.entities.get(h.value) for h in hit]
                    if any(e is not None and (e.type == "Location" or e.key == country) for e in ents):
                        curated_city = True
                    continue
                if len(norm) == 1 and norm[0] in person_words:
                    continue  # "Rubio": a curated person's name, also a town
                city_seen.add(norm)
                kept[lang].append(name)
                if flag in _GAZETTEER_ROLES:
                    role = _GAZETTEER_ROLES[flag]
                    if lang == "ar":
                        mine.append((norm, name, Entry(key, role)))
                    else:  # English names match with their capitals: "Nice", not "nice"
                        first = toks[0].text
                        mine.append((norm, name, Entry(key, role, case_sensitive=first)))
                        if first in _ARTICLES:  # "al-Fashir" as well as "Al Fashir"
                            mine.append((norm, name, Entry(key, role, case_sensitive=first.lower())))
                    if role == "context":
                        lex.context_names[key] = [key, country]
                # "city of Nice", "مدينة صور": a place for sure; "Gulf of Aden": not the city
                extra = [(t, cue, Entry(key, "name")) for t, cue in templates[lang] if flag != "n"]
                if flag != "x" and population >= spec["min_population"]:
                    extra += [(t, cue, blocked) for t, cue in longer[lang]]
                for template, cue, entry in extra:
                    more = cue + toks if template.endswith("{}") else toks + cue
                    more_norm = tuple(t.norm for t in more)
                    if more_norm in seen or more_norm in city_seen:
                        continue
                    if entry is not blocked and _curated_hit(lex, more):
                        continue  # (a curated name stays first at a phrase a blocker shares)
                    city_seen.add(more_norm)
                    mine.append((more_norm, template.format(name), entry))
        if curated_city:
            lex.context_names.pop(key, None)
            continue
        if not mine:
            continue
        seen |= city_seen
        pending += mine
        labels = {lang: names for lang, names in kept.items()}
        labels["en"] = labels["en"] or [label]
        lex.entities[key] = Entity(key, "Location", labels, country=country)
    for phrase in spec["phrases"]:  # "بنت جبيل" (Bint Jbeil) is not Byblos (جبيل)
        norm = phrase_tokens(phrase)
        if norm not in seen:
            seen.add(norm)
            pending.append((norm, phrase, blocked))
    single_arabic = set(lex.names.single_arabic)
    for norm, phrase, entry in pending:
        lex.names._insert(norm, entry, phrase)  # what add() does, without tokenising the phrase again
    # damaged-join repair ("ويبروسيا") stays with the curated names: thousands of town names
    # would find a town inside too many ordinary words
    lex.names.single_arabic.intersection_update(single_arabic)


# ------------------------------------------------------------------ regions
# First-level regions (ISO 3166-2 through pycountry, names curated), generated by
# scripts/make_regions.py into kg/lexicons/regions.json. Loaded after the curated places
# and before the GeoNames cities: a curated name stays the curated entity's.

REGIONS_FILE = "regions.json"


def load_regions() -> dict:
    """The regions file: version, source, licence and its regions, as stored."""
    return load_json(REGIONS_FILE)


def add_regions(lex: Lexicon, data: dict) -> None:
    """Add the regions to ``lex`` as Location entities ``place/region/<key>`` of their country;
    a row with ``same_as`` gives its names to that curated place of places.json instead."""
    single_arabic = set(lex.names.single_arabic)
    for row in data["regions"]:
        country = f"country/{row['country']}"
        key = f"place/{row['same_as']}" if row.get("same_as") else f"place/region/{row['key']}"
        kept: dict[str, list[str]] = {"en": [], "ar": []}
        mine: list[tuple[str, Entry]] = []
        for lang in ("en", "ar"):
            for name in row[lang]:
                toks = tokenize(name)
                if not toks or _curated_hit(lex, toks):
                    continue  # curated names win
                kept[lang].append(name)
                if lang == "ar":
                    mine.append((name, Entry(key, "name")))
                else:  # with their capitals, as the gazetteer's: "Northern District", not "northern district"
                    first = toks[0].text
                    mine.append((name, Entry(key, "name", case_sensitive=first)))
                    if first in _ARTICLES:
                        mine.append((name, Entry(key, "name", case_sensitive=first.lower())))
        if not mine:
            continue
        for name, entry in mine:
            lex.names.add(name, entry)
        if key not in lex.entities:
            lex.entities[key] = Entity(key, "Location", kept, country=country)
    # damaged-join repair ("ويبروسيا") stays with the curated names, as for the gazetteer
    lex.names.single_arabic.intersection_update(single_arabic)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return build_lexicon()


def build_lexicon(regions: bool = True) -> Lexicon:
    """Every lexicon file as matchers (``load_lexicon`` caches it); ``regions=False`` leaves
    out regions.json (scripts/make_regions.py checks its names against the rest)."""
    lex = Lexicon()
    countries = load_json("countries.json")
    ar, en = Locale("ar"), Locale("en")
    excluded = set(countries["exclude"])
    for code, en_name in en.territories.items():
        if not re.fullmatch("[A-Z]{2}", code) or code in excluded:
            continue
        extra = countries["countries"].get(code, {})
        key = f"country/{code}"
        en_names = _clean_cldr(en_name) + extra.get("names", {}).get("en", [])
        ar_names = [] if extra.get("ambiguous_ar") else _clean_cldr(ar.territories.get(code, ""))
        ar_names += extra.get("names", {}).get("ar", [])
        lex.entities[key] = Entity(key, "Country", {"en": en_names, "ar": ar_names}, qid=extra.get("qid"))
        lex.add_names(key, en_names + ar_names)
        en_adj = extra.get("en_adj", [])
        lex.adjectives[key] = (en_adj[0] if en_adj else None, (extra.get("ar_adj") or [None])[0])
        # plural demonyms: "Russians", "Palestinians" (not "Swisss" or "Chineses")
        plurals = [a + "s" for a in en_adj if not a.endswith(("s", "sh", "ch", "se", "i")) and "." not in a]
        plurals += [a + "s" for a in en_adj if a.endswith("i")]  # Israelis, Iraqis
        lex.add_names(key, en_adj + plurals, "adj")
        for adj in extra.get("ar_adj", []):
            lex.add_names(key, _arabic_adjective_forms(normalize(adj)), "adj")
        metonyms = extra.get("metonyms", {})
        lex.add_names(key, metonyms.get("en", []) + metonyms.get("ar", []), "metonym")
        context = extra.get("context")
        if context:
            lex.add_names(key, context.get("en", []) + context.get("ar", []), "context")
            lex.context_names[key] = [key] + [f"country/{c}" for c in context.get("requires", [])]

    # --- people: people.json, then officeholders.json (see _people) ---
    for pkey, p in _people().items():
        key = f"person/{pkey}"
        country = f"country/{p['country']}" if p.get("country") else None
        lex.entities[key] = Entity(key, "Person", {"en": p["en"], "ar": p["ar"]}, qid=p.get("qid"), country=country)
        lex.add_names(key, p["en"] + p["ar"])
        for role, where, start, end in p["roles"]:
            target = f"country/{where}" if re.fullmatch("[A-Z]{2}", where) else f"org/{where}"
            lex.offices.append((key, role, target, start, end))
    # --- end people ---

    for okey, o in load_json("organizations.json")["organizations"].items():
        key = f"org/{okey}"
        country = f"country/{o['country']}" if o.get("country") else None
        lex.entities[key] = Entity(
            key, "Organization", {"en": o["en"], "ar": o["ar"]}, qid=o.get("qid"), kind=o["kind"], country=country
        )
        lex.add_names(key, o["en"] + o["ar"])
        context = o.get("context")  # names that stand for it only in a story that names what "requires" lists
        if context:
            lex.add_names(key, context.get("en", []) + context.get("ar", []), "context")
            lex.context_names[key] = [key, *context["requires"]]

    for lkey, pl in load_json("places.json")["places"].items():
        key = f"place/{lkey}"
        country = f"country/{pl['country']}" if pl.get("country") else None
        labels = {"en": pl["en"], "ar": pl["ar"]}
        lex.entities[key] = Entity(key, "Location", labels, kind=pl.get("kind"), country=country)
        lex.add_names(key, pl["en"] + pl["ar"])

    # --- regions: ISO 3166-2 regions, after the curated places, before the cities (see add_regions) ---
    if regions:
        add_regions(lex, load_regions())
    # --- end regions ---

    # --- gazetteer: GeoNames cities, after every curated name (see add_gazetteer) ---
    add_gazetteer(lex, load_gazetteer())
    # --- end gazetteer ---

    cues = load_json("cues.json")
    lex.data = cues
    labelled = (
        "triggers", "aid_categories", "claim_cues", "titles", "relative_dates", "modality", "directions", "facilities"
    )  # groups of labelled word lists: {label: {"ar": [...], "en": [...]}}
    for group in labelled:
        index = PhraseIndex()
        for label, spec in cues[group].items():
            if label != "about":
                _cue_index(spec, label, index, both_numbers=group == "aid_categories")
        lex.cues[group] = index
    for label, spec in cues["triggers"].items():
        for phrase in spec.get("ar", []):
            words = phrase_tokens(phrase)
            if len(words) == 2 and words[1] in _SPLIT_PREPOSITIONS:
                lex.split_triggers.setdefault(words[0], (words[1], []))[1].append(label)
    for group in (
        "forces_nouns",
        "people_nouns",
        "message_nouns",
        "reported_by",
        "recipient_markers",
        "beneficiary_markers",
        "opponent_markers",
        "agent_markers",
        "complementizers",
        "clause_breaks",
        "weapon_words",
        "determiners",
        "trigger_nouns",
        "aid_generic",
        "aid_vehicles",
        "team_nouns",
        "speaker_subjects",
        "alongside_markers",
        "participation_markers",
        "discussion_words",
        "possessive_pronouns",
        "body_anaphors",
        "body_nouns",
        "statement_nouns",
        "stance_nouns",
        "accuse_verbs",
        "facility_qualifiers",
        "anonymous_sources",
        "speaker_pronouns",
        "back_references",
    ):
        lex.cues[group] = _cue_index(cues[group], group, both_numbers=group == "weapon_words")
    months = PhraseIndex()
    numbers = PhraseIndex()
    for lang in ("ar", "en"):
        for word, n in cues["months"][lang].items():
            months.add(word, Entry(str(n), "cue"))
        for word, n in cues["number_words"][lang].items():
            numbers.add(word, Entry(str(n), "cue"))
    lex.cues["months"] = months
    lex.cues["numbers"] = numbers
    bodies = _state_bodies(cues)
    for lang in ("ar", "en"):
        for phrase, (kind, name) in bodies[lang].items():
            lex.state_bodies.add(phrase, Entry(f"{kind}|{name}", "cue"))
            if lang == "ar":
                lex.state_body_ar.setdefault(name, phrase)
    lex.cues["state_bodies"] = lex.state_bodies
    for group, index in lex.cues.items():
        for words, entry in index.phrases():
            lex.all_cues._insert(words, replace(entry, group=group), " ".join(words))
    return lex
