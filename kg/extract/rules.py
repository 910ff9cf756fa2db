"""The built-in extractor, "rules.v1": lexicons and rules, no model, works offline.

Per sentence of kept (non-boilerplate) text:

1. mentions: longest-match lookup of curated names over tokens, reading Arabic
   proclitics ("لروسيا" is Russia marked as a recipient); titles in context
   ("الرئيس الروسي" is whoever held that office on the publication date);
2. cues: event triggers, aid categories, claim verbs, role markers, clause breaks;
3. claim frames: "X said that ...", "يُعتقد أن ...", "..., X said";
4. events: each trigger gets a type from the words around it and its roles from
   the actors around it (markers first, then word order);
5. events with the same roles in one document are one event with several
   pieces of evidence; claims point at them.

Every event and claim keeps the sentence it came from, verbatim, with offsets.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from operator import itemgetter

from ..dates import find_dates
from ..events import EventGrammar, grammar
from ..lexicon import LONGER_NAME, Lexicon, load_lexicon
from ..model import Claim, Document, Entity, Event, Evidence, Extraction, Mention, Span
from ..phrases import Entry, Match
from ..textnorm import Token, damaged_join, is_arabic, normalize, tokenize
from .base import register

# A sentence ends at a stop followed by space, or glued to the next sentence ("countries.Two aircraft").
_SENTENCE_END = re.compile(  # the lookahead first, and lookbehinds after the stop: tried at stops only
    r"(?=[.!?؟])(?:[.!?؟]+[\"'»”)\]]*(?=\s|$)|\.(?<=[a-z0-9]{2}\.)(?=[A-Z][A-Za-z])"
    r"|\.(?<=[\u0621-\u064a]{2}\.)(?=[\u0621-\u064a]{2}))"
)
_NOT_ACTORS = {"NewsAgency", "IntelligenceService"}
_BUT = {normalize("غير"), normalize("إلا"), normalize("الا")}
_RECIPIENT_CLITICS = {"ل", "لل", "ول", "فل", "ولل", "فلل"}
_CAPITALISED = re.compile(r"[A-Z][a-z'’-]+")
_AGENCY_WORD = normalize("وكالة")
_DATELINE = re.compile(r"\(\s*([^()]{2,40}?)\s*\)\s*[-–—:]")
# The head of a dateline: "CAIRO, Egypt (Reuters) —", "Amman, March 16 (Petra) --", "أحمد جودة - القاهرة -",
# "القاهرة / الخرطوم / 14 أكتوبر / متابعات :". Places and outlets in it are where and who reports, never actors.
_DATELINE_HEAD = re.compile(r"^[^.!?؟\n\"“«]{2,80}?(?:\)\s*[-–—:]+|\s[-–—:]+\s|\s*:\s)")
_CURRENCY_SIGN = re.compile(r"[$€£¥]\s?$")  # just before a number: "$5", "US$ 2", "€3"
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_UNIT_WORDS_EN = {"brigade", "regiment", "battalion", "division", "corps", "army", "fleet", "squadron"}
_UNIT_WORDS_AR = {normalize(w) for w in ("اللواء", "الفوج", "الكتيبة", "الفرقة", "لواء", "فوج", "كتيبة", "فرقة")}
# Titles that name the body or state a person serves ("spokesman for the army", "وزير ... السوري").
_AFFILIATED_TITLES = {"spokesman", "minister", "official", "envoy", "rank", "fm", "dm", "pm", "president", "leader"}
_PORTFOLIO_TITLES = {"minister", "official", "envoy"}
# Capitalised words that end an organisation's name, never part of a person's.
_ORG_HEADS = set(
    "assembly council resolution ministry army forces force corps command committee commission agency "
    "authority administration department office bureau service society foundation center centre institute "
    "union league organization organisation front movement party group brigade brigades police navy guard "
    "fund bank university programme program mission court parliament government embassy news network coalition "
    "alliance association federation observatory syndicate directorate secretariat".split()
)
# Arabic words for kinds of bodies that begin an organisation's name ("جهاز مكافحة الإرهاب").
_BODY_HEADS_AR = {
    normalize(w)
    for w in (
        "جهاز",
        "هيئة",
        "الهيئة",
        "منظمة",
        "مؤسسة",
        "حركة",
        "جماعة",
        "جبهة",
        "الجبهة",
        "حزب",
        "لجنة",
        "اللجنة",
        "مركز",
        "ائتلاف",
        "تحالف",
        "التحالف",
        "ميليشيا",
        "ميليشيات",
        "كتائب",
        "سرايا",
        "خلية",
        "شبكة",
        "مفوضية",
        "رابطة",
        "اتحاد",
        "مجلس",
        "تنسيقية",
        "التنسيقية",
        "نقابة",
        "جمعية",
        "مرصد",
        "المرصد",
        "غرفة",
    )
}
_DIRECTION_NAMES = {
    "north": ("northern", "شمال"),
    "south": ("southern", "جنوب"),
    "east": ("eastern", "شرق"),
    "west": ("western", "غرب"),
    "northeast": ("northeastern", "شمال شرق"),
    "northwest": ("northwestern", "شمال غرب"),
    "southeast": ("southeastern", "جنوب شرق"),
    "southwest": ("southwestern", "جنوب غرب"),
    "central": ("central", "وسط"),
}
_MEMBER_OF = {normalize(w) for w in ("من", "في", "of", "from", "in")}
# Cue groups a mention can start with, and Arabic words the pattern finders start from.
_MENTION_CUES = ("titles", "state_bodies", "facilities", "directions")
_PATTERN_STARTS_AR = _BODY_HEADS_AR | _UNIT_WORDS_AR | {_AGENCY_WORD}
_JOIN_VERBS = {
    normalize(w) for w in ("took", "participated", "joined", "شارك", "شاركت", "تشارك", "يشارك", "وشاركت", "وشارك")
}  # "took part": the phrase's first word
_QUOTE_VERBS = {normalize(w) for w in ("نقلت", "نقل", "ونقلت", "ونقل", "quoted")}
_QUOTING = {normalize(w) for w in ("عن", "as")}
_QUOTES = {'"', "»", "«", "”", "“", "'", "’"}
_ARMED_HEADS = {"army", "navy", "naval", "force", "forces", "guard", "corps", "marines"}
_RELIEF_HEADS = {"foundation", "charity", "society", "crescent", "relief"}
_RELIEF_HEADS_AR = {normalize(w) for w in ("مؤسسة", "جمعية", "منظمة")}
_STATE_KINDS = ("StateBody", "ArmedForce", "MilitaryUnit", "StateAgency", "GovernmentAgency")
_BODY_QUALIFIERS = {normalize(w) for w in ("الملكي", "الملكية", "الوطني", "الوطنية", "العربي", "الشعبي", "الشعبية")}
_SPEECH = {"said", "says", "told", "added", "stated", "announced", "wrote", "warned", "insisted"}
# Cue groups whose words end a run of capitalised name words.
_NAME_ENDS = ("titles", "months", "claim_cues", "triggers")
# Capitalised words that start no person's name.
_NOT_NAMES = set(
    "the a an in on at but and meanwhile however monday tuesday wednesday thursday friday saturday sunday "
    "mr ms mrs dr officials analysts sources state media it he she they we".split()
)
_NAME_LINKS = {normalize(w) for w in ("بن", "ابن", "آل")}  # "محمد بن سلمان", "تميم بن حمد آل ثاني"
_HOUSE_OF = normalize("آل")
# the form of a state before its name ("جمهورية", "بسلطنة", "والمملكة"), and formal adjectives after it
_STATE_FORM = re.compile(
    "(" + "|".join(normalize(w) for w in ("و", "ف", "ب", "ل", "وب", "ول", "فب")) + ")?"
    + "(?:" + "|".join(normalize(w) for w in ("جمهورية", "الجمهورية", "مملكة", "المملكة", "سلطنة", "إمارة",
                                             "الإمارة", "دولة")) + ")"
)
_FORMAL_ADJECTIVES = {
    normalize(w)
    for w in ("الإسلامية", "العربية", "الشعبية", "الديمقراطية", "الديموقراطية", "الاتحادية", "الفيدرالية",
              "الفدرالية", "الهاشمية", "المتحدة", "الاشتراكية")
}
_PEOPLES = {normalize("الشعبية"), normalize("الديمقراطية"), normalize("الديموقراطية")}
_REGIME_AR = normalize("النظام")
_OPEN_WATER = re.compile(r"\b(?:Sea|Ocean|Gulf|Strait|Bay)\b")  # English names of seas (places.json)
# words that aim a launch at someone: then it is an attack, not a test
_TARGET_WORDS = {
    normalize(w)
    for w in (
        "at",
        "towards",
        "toward",
        "against",
        "targeting",
        "targeted",
        "hit",
        "struck",
        "باتجاه",
        "نحو",
        "ضد",
        "استهدف",
        "استهدفت",
        "على",
    )
}
_RELAYED = {"cited", "quoted", "by", "data", "figures", "sources"}  # "according to customs data cited by Yonhap"
_HEDGE_ADVERBS = {"also", "widely", "now", "still", "further", "previously", "already", "generally", "reportedly"}
_SEA_WORDS = {normalize(w) for w in ("sea", "waters", "ocean", "البحر", "المياه", "المحيط")}
_INTO = {normalize(w) for w in ("the", "into", "في", "فى", "باتجاه", "نحو")}
_MILITIA_WORDS = {normalize(w).removeprefix("ال") for w in ("militia", "الميليشيا", "المليشيا")}
_HEADINGS = {normalize(w) for w in ("towards", "toward", "باتجاه", "نحو")}
_FEMININE_PAST = re.compile(r"ت\S{2,}ت")  # Arabic verbs of the pattern تفعّلت: "تضمنت", "تناولت"
_NAME_PARTICLES = {
    normalize(w) for w in ("عبد", "أبو", "ابن", "بن", "آل", "bin", "ibn", "abu", "abd", "von", "van", "der")
}


@dataclass
class SMention:
    """A mention inside one sentence, in token positions."""

    entity: str
    start: int
    end: int
    role: str  # name | adj | metonym | context | title
    proclitic: str = ""
    actor: bool = True  # may fill an event role


@dataclass
class CueHit:
    start: int
    end: int
    labels: list[str]
    proclitic: str = ""


@dataclass
class Frame:
    """A claim frame: who asserts (claimant tokens) and what (content tokens)."""

    certainty: str
    cue: int
    claimants: list[str]
    content: tuple[int, int]
    frame_tokens: tuple[int, int]
    reported_by: set[str] = field(default_factory=set)
    anonymous: bool = False  # "a US official said", "قال مصدر عسكري": unattributed on purpose


@dataclass
class Trigger:
    index: int
    end: int
    type: str
    family: str
    noun: bool = False  # the act named as a noun ("aid", "مساعدات"), not a verb
    maker: str | None = None  # "Turkish-supplied drones": who supplied or made them


class Sentence:
    def __init__(self, doc: Document, start: int, end: int, lex: Lexicon):
        self.doc = doc
        self.start, self.end = start, end
        self.text = doc.text[start:end]
        self.tokens: list[Token] = tokenize(self.text, offset=start)
        self.lex = lex
        self.entity_matches: dict[int, Match | None] = {}
        self._by_token: dict[str, dict[int, CueHit]] = {}
        self.cues: dict[str, list[CueHit]] = {group: [] for group in lex.cues}
        taken = dict.fromkeys(lex.cues, 0)  # matches of one group do not overlap
        norms = [t.norm for t in self.tokens]
        cues = self.cues
        # per group, the longest cue starting at each word (the first reading wins a tie), in one pass over all groups
        for i, longest in lex.all_cues.longest_by_group(norms):
            for group, n, proclitic, labels in longest:
                assert group is not None  # every entry of the all-cues index carries its group
                if i >= taken[group]:
                    cues[group].append(CueHit(i, i + n, list(labels), proclitic))
                    taken[group] = i + n
        self._money_amounts()
        if doc.lang == "ar" and lex.split_triggers:
            self._split_triggers()

    def _split_triggers(self) -> None:
        """'حصلت قوات الدعم السريع على صواريخ': the verb of 'حصل على' with its subject before the preposition,
        within one stretch of plain words and no other act in between."""
        split = self.lex.split_triggers
        hits = self.cues["triggers"]
        taken = {j for h in hits for j in range(h.start, h.end)}
        toks = self.tokens
        found = []
        for i, t in enumerate(toks):
            proclitic = t.norm[:1] if t.norm[:1] in ("و", "ف") and t.norm[1:] in split else ""
            word = t.norm[len(proclitic) :]
            if i in taken or word not in split:
                continue
            preposition, labels = split[word]
            for k in range(i + 1, min(len(toks), i + 10)):
                if k in taken or not self.gap_is_plain(k - 1, k):
                    break
                if toks[k].norm == preposition:
                    if k > i + 1:  # adjacent, the phrase index found it already
                        found.append(CueHit(i, i + 1, list(labels), proclitic))
                    break
        if found:
            hits.extend(found)
            hits.sort(key=lambda h: h.start)

    def _money_amounts(self) -> None:
        """A sum of money ("$5 million", "€3m", "US$ 2bn") is financial aid's category; the tokens drop the sign."""
        money = [
            i
            for i, t in enumerate(self.tokens)
            if t.text[:1].isdigit() and _CURRENCY_SIGN.search(self.doc.text, max(0, t.start - 4), t.start)
        ]
        if not money:
            return
        hits = self.cues["aid_categories"]
        covered = {j for h in hits for j in range(h.start, h.end)}
        hits.extend(CueHit(i, i + 1, ["FinancialAid"]) for i in money if i not in covered)
        hits.sort(key=lambda h: h.start)

    def drop_cues_inside(self, mentions: list[SMention]) -> None:
        """A cue word inside a name is part of the name ("States" in "United States")."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        if covered:
            cues = self.cues
            for group, hits in cues.items():
                if hits and group != "titles" and any(h.start in covered for h in hits):
                    cues[group] = [h for h in hits if h.start not in covered]
        self._by_token = {}

    def _positions(self, group: str) -> dict[int, CueHit]:
        """Token -> the cue of a group covering it (built once per group; cues of a group never overlap)."""
        table = self._by_token.get(group)
        if table is None:
            table = {}
            for h in self.cues[group]:
                for k in range(h.start, h.end):
                    table.setdefault(k, h)
            self._by_token[group] = table
        return table

    def cue_at(self, group: str, i: int) -> CueHit | None:
        """The cue of a group that starts at token i."""
        table = self._by_token.get(group)
        h = (self._positions(group) if table is None else table).get(i)
        return h if h is not None and h.start == i else None

    def hits_at(self, group: str, i: int) -> CueHit | None:
        table = self._by_token.get(group)
        return (self._positions(group) if table is None else table).get(i)

    def hits_any(self, i: int, *groups: str) -> bool:
        """Whether a cue of any of these groups covers token i."""
        for g in groups:
            table = self._by_token.get(g)
            if (self._positions(g) if table is None else table).get(i) is not None:
                return True
        return False

    def hit_ending_at(self, group: str, i: int) -> CueHit | None:
        return next((h for h in self.cues[group] if h.end - 1 == i), None)

    def hyphen_before(self, i: int) -> bool:
        """Token i is joined to the one before by a hyphen: "al-Tayeb", "anti-ship", "Turkish-supplied"."""
        return i > 0 and self.doc.text[self.tokens[i - 1].end : self.tokens[i].start] == "-"

    def gap_is_plain(self, i: int, j: int) -> bool:
        """Only spaces (or a possessive 's) between token i and token j: no punctuation."""
        between = self.doc.text[self.tokens[i].end : self.tokens[j].start].strip()
        if between == "." and self.tokens[i].norm in _ABBREVIATIONS:  # "Brig. Gen. Nabil"
            return True
        return between in ("", "'s", "’s", "'", "’")

    def evidence(self) -> Evidence:
        return Evidence(self.text, Span(self.start, self.end))

    @cached_property
    def asides(self) -> list[int]:
        """Where the writer's own aside begins: '..., as Beijing builds up its arsenal', '..., amid fears
        that ...'. What follows is background told by the outlet, not part of what the speaker said."""
        if self.doc.lang != "en" or (" as " not in self.text and " amid " not in self.text):
            return []
        toks = self.tokens
        out = []
        for i in range(1, len(toks) - 1):
            if toks[i].norm not in ("as", "amid") or not toks[i + 1].text[:1].isupper():
                continue
            comma = "," in self.doc.text[toks[i - 1].end : toks[i].start]
            # "... decades as Beijing builds up": a subject and its verb, not "known as", "such as"
            verb = i + 2 < len(toks) and toks[i + 2].text.islower() and toks[i + 2].text.endswith(("s", "ed"))
            if comma or (verb and toks[i - 1].norm not in _AS_BEFORE_NAME):
                out.append(i)
        return out


# Words a stop follows without ending the sentence: "Brig. Gen. Nabil Abdallah", "Mr. Smith", "U.S."
_ABBREVIATIONS = set(
    "mr mrs ms dr prof gen brig lt col maj capt cmdr adm sgt cpl pvt gov sen rep st jr sr no vs etc inc ltd co "
    "corp dept est fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.u".split()
)


def _abbreviation_before(line: str, stop: int) -> bool:
    word = re.search(r"([\w.]+)$", line[max(0, stop - 24) : stop])  # the word before the stop, no more
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha() and w.isascii())


def split_sentences(doc: Document) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for span in doc.keep:
        line = doc.text[span.start : span.end]
        pos = 0
        for m in _SENTENCE_END.finditer(line):
            if line[m.start()] == "." and m.end() - m.start() == 1 and _abbreviation_before(line, m.start()):
                continue
            _append_trimmed(out, line, span.start, pos, m.end())
            pos = m.end()
        _append_trimmed(out, line, span.start, pos, len(line))
    return out


def _append_trimmed(out: list, line: str, base: int, a: int, b: int) -> None:
    chunk = line[a:b]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        out.append((base + a + lead, base + b - trail))


class RulesExtractor:
    name = "rules.v1"

    def __init__(self, lexicon: Lexicon | None = None, events: EventGrammar | None = None):
        self.lex = lexicon or load_lexicon()
        # Entities found by pattern in the document being read. One extractor reads one
        # document at a time; use one extractor per thread.
        self._new: dict[str, Entity] = {}
        self.grammar = events or grammar()
        self._words_of: dict[str, frozenset[str]] = {}  # see _name_words
        self._person_stop = {normalize(w) for w in self.lex.data["person_stopwords"]["ar"]}
        # leaders of armed groups act for their group, not for the country they come from ("al-Houthi", "Haftar")
        self._group_of: dict[str, str] = {
            person: where
            for person, _role, where, _start, _end in self.lex.offices
            if where.startswith("org/") and getattr(self.lex.entities.get(where), "kind", None) == "ArmedGroup"
        }
        # stop words written with a final alif maqsura ("على") whose ya spelling is a name ("علي")
        self._maqsura_stops = {w for w in self.lex.data["person_stopwords"]["ar"] if w.endswith("ى")}
        self._joins: dict[str, tuple[str, str] | None] = {}  # token -> damaged join reading, memoised
        self._nameless: set[str] = set()  # tokens that start no name, read whole or glued (see _lookup)
        self._home: str | None = None  # the country the document being read is most about
        self._last_speaker: str | None = None  # who made the last claim in it
        self._titled: dict[str, str] = {}  # title -> the person last named with it in the document
        self._received: dict[str, dict[str, int]] = {}  # event type -> receivers so far in the document
        self._last_agent: str | None = None  # the agent of the last event stored in the document
        self._home_named = 0
        self._wire: str | None = None  # the news agency of the document's dateline
        self._wire_home: str | None = None  # its state, when it reports from home (see _home_agency_country)

    # ------------------------------------------------------------ mentions
    def _entity_match(self, s: Sentence, i: int) -> Match | None:
        """The longest curated name at token i (memoised per sentence: titles, bodies and names all ask)."""
        if i in s.entity_matches:
            return s.entity_matches[i]
        m = s.entity_matches[i] = None if s.tokens[i].norm in self._nameless else self._lookup(s, i)
        return m

    def _lookup(self, s: Sentence, i: int) -> Match | None:
        m = self.lex.names.match_at(s.tokens, i)
        formal = self._formal_state_name(s, i)
        if formal is not None and (m is None or formal.end > m.end):
            return formal
        if m is None:
            norm = s.tokens[i].norm
            if norm not in self._joins:
                self._joins[norm] = damaged_join(norm, self.lex.names.single_arabic)
                if self._joins[norm] is None and not self.lex.names.readings(norm) and not _STATE_FORM.fullmatch(norm):
                    self._nameless.add(norm)  # no name starts with it, read whole or glued (nor a formal one)
            joined = self._joins[norm]
            if joined:
                m = self.lex.names.match_at(s.tokens, i, first=joined[1])
                if m:
                    m.proclitic = joined[0]
        return m

    def _formal_state_name(self, s: Sentence, i: int) -> Match | None:
        """A state's formal Arabic name: a word for the form of state, the country's name or adjective, then
        formal adjectives ("جمهورية باكستان الإسلامية", "بجمهورية الهند", "الجمهورية الفرنسية"). "جمهورية
        كوريا الشعبية الديمقراطية" is the North."""
        form = _STATE_FORM.fullmatch(s.tokens[i].norm)
        if form is None or i + 1 >= len(s.tokens) or not s.gap_is_plain(i, i + 1):
            return None
        m = self.lex.names.match_at(s.tokens, i + 1)
        if m is None or self.lex_type(m.entries[0].value) != "Country":
            m = self.lex.names.match_at(s.tokens, i)  # a formal name the lexicon has: "جمهورية كوريا"
            if m is None or m.end == i + 1 or self.lex_type(m.entries[0].value) != "Country":
                return None
        end = m.end
        while end < len(s.tokens) and s.tokens[end].norm in _FORMAL_ADJECTIVES and s.gap_is_plain(end - 1, end):
            end += 1
        key = m.entries[0].value
        if key == "country/KR" and any(s.tokens[k].norm in _PEOPLES for k in range(m.end, end)):
            key = "country/KP"
        return Match(i, end, [Entry(key, "name")], form.group(1) or "")

    def _title_person(self, s: Sentence, i: int, published: str | None, new: dict) -> tuple[SMention, list] | None:
        """A title with its country and/or name: 'الرئيس الروسي بوتن', 'Russian President Putin'."""
        toks = s.tokens
        lead_country = None
        start = i
        m = self._entity_match(s, i)
        # "Russian President X", "Egypt's foreign minister": the state first is English; in Arabic it comes
        # after the title ("الرئيس الروسي"), and a name before a title ("وصل إلى القاهرة الرئيس") is no qualifier
        if m and s.doc.lang == "en" and self.lex.entities[m.entries[0].value].type == "Country":
            title = s.hits_at("titles", m.end) if m.end < len(toks) else None
            if title is None or title.start != m.end or not s.gap_is_plain(m.end - 1, m.end):
                return None
            lead_country, j = m, title.end
        else:
            title = s.hits_at("titles", i)
            if title is None or title.start != i:
                return None
            j = title.end
        label = title.labels[0]
        country = lead_country.entries[0].value if lead_country else None
        if country is None and label in self.lex.data["title_countries"]:  # "خادم الحرمين الشريفين": Saudi Arabia's
            country = "country/" + self.lex.data["title_countries"][label]
        country_span = (lead_country.start, lead_country.end) if lead_country else None
        extra = []
        if country is None and j < len(toks):
            k = j + 1 if toks[j].norm in ("of", "for", "at", "in") else j
            if k < len(toks) and toks[k].norm == "the":
                k += 1
            if label in _PORTFOLIO_TITLES and s.doc.lang == "ar":  # "وزير الإدارة المحلية والبيئة السوري"
                k = self._skip_portfolio(s, k)
            anaphor = s.cue_at("body_anaphors", k) if k < len(toks) else None
            if anaphor and label == "spokesman":  # "المتحدث باسم الوزارة زكي أكتورك": the ministry named before
                j = k = anaphor.end
            elif k < len(toks):
                cm = self._entity_match(s, k)
                if cm and s.doc.lang == "ar" and _indefinite_after_definite(s, title, cm):
                    cm = None  # "العميد تركي المالكي": an adjective agrees with its noun; this is a first name
                forces = s.cue_at("forces_nouns", k)
                if cm is None and label == "spokesman" and forces and forces.end < len(toks):
                    k = forces.end  # "المتحدث باسم قوات حفتر": Haftar's forces speak
                    cm = self._entity_match(s, k)
                body = self._state_body(s, k, new)
                named = None if body else self._named_body(s, k, new)
                if body:  # "المتحدث باسم وزارة الخارجية الإيرانية", "spokesman for the Sudanese army"
                    country, j = body[0].entity, body[0].end
                    extra += body
                elif named and (cm is None or named.end > cm.end):  # "chairman of the China ... Agency"
                    country, j = named.entity, named.end
                    extra.append(named)
                elif cm and self.lex.entities[cm.entries[0].value].type in ("Country", "Organization", "Person"):
                    kind = self.lex.entities[cm.entries[0].value].type
                    if kind != "Person" or label == "spokesman":
                        country, country_span, j = cm.entries[0].value, (cm.start, cm.end), cm.end
                        if kind == "Person":
                            country = self.known(country).country or country
                elif forces and k < len(toks) and toks[k].norm.startswith("ال") and s.doc.lang == "ar":
                    j = k + 1  # "المتحدث باسم قوات التحالف العميد ...": forces no lexicon names; the name follows
        if label == "envoy" and j + 1 < len(toks) and toks[j].norm in _POSTED_TO:
            # "السفير المصري لدى السودان هاني صلاح", "the US ambassador to Yemen Steven Fagin": the post, then the name
            k = j + 1 + (toks[j + 1].norm == "the")
            posted = self._entity_match(s, k) if k < len(toks) else None
            if posted and self.lex_type(posted.entries[0].value) in ("Country", "Organization", "Location"):
                extra.append(SMention(posted.entries[0].value, posted.start, posted.end, "name", actor=False))
                j = posted.end
        if j < len(toks) and label in _AFFILIATED_TITLES and toks[j].norm in ("،", ","):
            j += 1
        if country and label in _PORTFOLIO_TITLES and s.doc.lang == "ar":  # "وزير الدولة القطري للشؤون الخارجية"
            while j < len(toks) and toks[j].norm.startswith(("لل", "ال")) and not self._entity_match(s, j):
                j += 1
        if j < len(toks) and s.doc.text[toks[j - 1].end : toks[j].start].strip() in ("،", ","):
            nested = s.cue_at("titles", j)  # "..., Brig. Gen. Nabil Abdallah", "...، العميد نبيل عبد الله"
            if nested and label in _AFFILIATED_TITLES:
                j = nested.end
            elif label in _AFFILIATED_TITLES and country:
                pass  # "وزير الإدارة المحلية السوري، حسين مخلوف": the name after the comma
            else:
                j = j  # a comma ends a title that names no body
        stacked = s.cue_at("titles", j) if j < len(toks) and s.gap_is_plain(j - 1, j) else None
        if stacked and stacked.labels[0] in ("rank", "royal", "official"):  # "spokesman Brig. Gen. ...", "King Sheikh"
            j = stacked.end
        else:
            stacked = None
        person, end = None, j
        if j < len(toks) and (s.gap_is_plain(j - 1, j) or (country and label in _AFFILIATED_TITLES)):
            pm = self._entity_match(s, j)
            if pm and self.lex.entities[pm.entries[0].value].type == "Person":
                person, end = pm.entries[0].value, pm.end
            elif pm is None and not toks[j].norm.startswith("ال"):
                # after a comma, an office whose holder is known keeps him: "سلطان عُمان، تتصل بالعلاقات ..."
                after_comma = not s.gap_is_plain(j - 1, j)
                if not (after_comma and country and self.lex.leader(country, label, published)):
                    person, end = self._unknown_person(s, j, country, new)
            elif pm and (stacked or label == "rank") and pm.end == j + 1 and pm.entries[0].role == "adj":
                # "العميد الركن تركي المالكي": after a rank, a first name that is also an adjective (Turki)
                person, end = self._unknown_person(s, j, country, new, first_may_be_word=True)
                if person is None:
                    end = j
        if person is None and country:
            person = self.lex.leader(country, label, published)
        if person is None and country is None and _title_alone(s, title, self._person_stop):
            person = self._titled.get(_TITLE_FAMILY.get(label, label))  # "the minister said", "وأضاف الوزير"
            end = title.end
        if person is None:
            return None
        if label in _ANAPHORIC_TITLES and self.lex_type(person) == "Person":
            self._titled[_TITLE_FAMILY.get(label, label)] = person
        if person in new:  # found by pattern: the title the story gives is a fact about the person
            self._give_office(s, new[person], title, stacked)
        if country_span and country:
            extra.append(SMention(country, country_span[0], country_span[1], "adj", actor=False))
        proclitic = lead_country.proclitic if lead_country else title.proclitic
        return SMention(person, start, end, "title", proclitic), extra

    def _appositive_titles(self, s: Sentence, person: SMention, published: str | None) -> int:
        """Where the offices told right after an Arabic name end: "الأمير محمد بن سلمان ولي العهد رئيس مجلس
        الوزراء" holds two offices, and the council is no actor of the sentence. A title that names someone
        else ("استقبل الأمير ... وزير الخارجية الأمريكي ماركو روبيو") is the next mention, not an apposition."""
        j, n = person.end, len(s.tokens)
        if s.doc.lang != "ar" or self.lex_type(person.entity) != "Person":
            return j
        if j + 1 < n and s.tokens[j].norm == _HOUSE_OF and s.gap_is_plain(j, j + 1):
            j += 2  # "محمد بن سلمان بن عبدالعزيز آل سعود": the house's name closes the name
        while j < n and s.gap_is_plain(j - 1, j):
            title = s.cue_at("titles", j)
            if title is None or title.labels[0] in ("rank", "royal", "official"):
                break
            probe = self._title_person(s, j, published, {})
            if probe is not None:
                if probe[0].entity != person.entity:
                    break
                j = probe[0].end
                continue
            k = title.end
            body = self._state_body(s, k, {}) if k < n else None
            if body is None and k < n and self._entity_match(s, k) is not None:
                break  # "... وزير خارجية قطر": a title with another state is someone else's
            j = body[0].end if body else k
        return j

    def _name_not_word(self, t: Token) -> bool:
        """'علي' (Ali) is no 'على' (on): normalising the final letter must not make a name a stop word."""
        raw = re.sub("[\u064b-\u0652]", "", t.text)
        return raw.endswith("ي") and raw[:-1] + "ى" in self._maqsura_stops

    def _plain_name_word(self, s: Sentence, k: int) -> bool:
        """Whether token k may be a third word of an Arabic name ("محمد حمدان دقلو"): plain, no cue, no name."""
        if k >= len(s.tokens) or not s.gap_is_plain(k - 1, k):
            return False
        t = s.tokens[k]
        return (
            not t.norm.startswith("ال")
            and len(t.norm) >= 3
            and t.norm not in self._person_stop
            and self._entity_match(s, k) is None
            and not any(s.hits_at(g, k) for g in s.cues if g not in ("determiners",))
        )

    def _skip_portfolio(self, s: Sentence, k: int) -> int:
        """Past the words of a ministry's portfolio to the country adjective: 'وزير [الإدارة المحلية
        والبيئة] السوري'. Only definite words that name nothing; at most five."""
        toks = s.tokens
        j = k
        while j < len(toks) and j - k < 5:
            norm = toks[j].norm
            if not (norm.startswith("ال") or norm.startswith("وال") or norm.startswith("لل")):
                break
            if self._entity_match(s, j) or not s.gap_is_plain(j - 1, j):
                break
            j += 1
        if j < len(toks) and j > k and self._entity_match(s, j):
            return j
        return k

    def _unknown_person(
        self, s: Sentence, j: int, country: str | None, new: dict, first_may_be_word: bool = False
    ) -> tuple[str | None, int]:
        """A name right after a title that no lexicon knows: two or three capitalised words,
        or in Arabic two plain words."""
        toks = s.tokens
        words: list[Token] = []
        k = j
        if toks[j].text[:1].isupper():
            while k < len(toks) and len(words) < 4:
                t = toks[k]
                joined = k > j and s.hyphen_before(k)  # "al-Tayeb"
                if k > j and not (s.gap_is_plain(k - 1, k) or joined):
                    break
                particle = words and t.norm in _NAME_PARTICLES_EN and k + 1 < len(toks)  # "Kamal al-Tayeb"
                if particle and _CAPITALISED.fullmatch(toks[k + 1].text):
                    words.append(t)
                    k += 1
                    continue
                if not _CAPITALISED.fullmatch(t.text) or t.norm in _ORG_HEADS:
                    break
                if len([w for w in words if w.norm not in _NAME_PARTICLES_EN]) >= 3:
                    break
                words.append(t)
                k += 1
            if words and k < len(toks) and s.hyphen_before(k):
                words.append(toks[k])  # "Lai Ching-te", "Kim Yo-jong"
                k += 1
        elif is_arabic(toks[j].text):
            stop = self._person_stop
            # "علي بن عبدالله آل ثاني": the links (بن, آل) do not count towards the four words of a name
            while k < len(toks) and len([w for w in words if w.norm not in _NAME_LINKS]) < 4:
                t = toks[k]
                after_particle = bool(words) and words[-1].norm in _NAME_PARTICLES
                # "آل" (the house of) normalises to "ال", which is no article
                definite = (t.norm.startswith("ال") and t.norm not in _NAME_LINKS) or (
                    t.norm.startswith("لل") and not words
                )
                if (
                    (t.norm in stop and not self._name_not_word(t))
                    or (definite and not words)
                    or (not words and (t.norm in _PATTERN_STARTS_AR or s.hits_any(k, "forces_nouns")))
                    or _FEMININE_PAST.fullmatch(t.norm) is not None  # "تضمنت", "تناولت": a verb, not a name
                    # "رئيس مجلس الوزراء", "المتحدث باسم قوات التحالف": a body, not a name
                    or (len(t.norm) < 3 and not after_particle and not (words and t.norm in _NAME_LINKS))
                    or s.hits_any(k, "triggers", "claim_cues", "titles", "complementizers", "modality")
                    or (self._entity_match(s, k) and not (first_may_be_word and k == j))
                    or (k > j and not s.gap_is_plain(k - 1, k))
                ):
                    break
                words.append(t)
                k += 1
                if len(words) >= 2 and words[-2].norm == _HOUSE_OF:
                    break  # "آل ثاني": the house's name ends the name
                compound = k + 1 < len(toks) and toks[k].norm in _COMPOUND_NAME_AR and len(words) < 3
                if definite and not after_particle and not compound:
                    break  # a family name with the article ends the name: "أحمد المسماري", "رشاد العليمي"
                if len(words) >= 2 and not after_particle and words[-1].norm not in _NAME_PARTICLES:
                    if k >= len(toks) or toks[k].norm not in _NAME_LINKS:
                        if len(words) >= 3 or not self._plain_name_word(s, k):
                            break
        if len(words) < 2:
            return None, j
        name = s.doc.text[words[0].start : words[-1].end]  # as written, hyphens included
        key = "person/" + "_".join(w.norm for w in words)
        lang = "ar" if not name.isascii() else "en"
        new.setdefault(key, Entity(key, "Person", {lang: [name]}, country=country))
        return key, k

    def _inside_longer_name(self, s: Sentence, m: Match) -> bool:
        """'Stockholm International Peace Research Institute' is no mention of Sweden."""
        toks = s.tokens
        if s.doc.lang != "en" or m.entries[0].role != "metonym" or m.end >= len(toks):
            return False
        nxt = toks[m.end]
        return (
            _CAPITALISED.fullmatch(nxt.text) is not None
            and s.gap_is_plain(m.end - 1, m.end)
            and nxt.norm not in _NOT_NAMES
            and self._entity_match(s, m.end) is None
            and not s.hits_any(m.end, *_NAME_ENDS)
        )

    def _speaker(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """An English name no lexicon knows, next to a speech verb: 'John Kirby said', 'said Maria Zakharova',
        'Mr Smith told'. Two or three capitalised words; nothing else is taken for a person."""
        toks = s.tokens
        if s.doc.lang != "en" or not _CAPITALISED.fullmatch(toks[i].text):
            return None
        if i > 0 and toks[i - 1].norm in ("at", "from", "of", "by", "in", "for", "with"):
            return None  # "analysts at Goldman Sachs said": a firm, not a person
        k = i
        while (
            k < len(toks)
            and k - i < 3
            and _CAPITALISED.fullmatch(toks[k].text)
            and (k == i or s.gap_is_plain(k - 1, k))
        ):
            if toks[k].norm in _NOT_NAMES or self._entity_match(s, k) or s.hits_any(k, *_NAME_ENDS):
                break
            k += 1
        if k - i < 2:
            return None
        if any(t.norm in _ORG_HEADS for t in toks[i:k]):
            return None  # "Konrad Adenauer Foundation said": a body, found as one
        said_after = k < len(toks) and s.gap_is_plain(k - 1, k) and toks[k].norm in _SPEECH
        said_before = i > 0 and toks[i - 1].norm in _SPEECH and s.gap_is_plain(i - 1, i)
        office = self._appositive(s, k)
        if not (said_after or said_before or office):
            return None
        words = toks[i:k]
        key = "person/" + "_".join(w.norm for w in words)
        ent = new.setdefault(key, Entity(key, "Person", {"en": [" ".join(w.text for w in words)]}))
        if office:  # "Kipchumba Murkomen, the Cabinet Secretary for the Interior": that is the office
            self._give_office(s, ent, office)
            if ent.country is None and office.start > 0:  # "..., Oman's foreign minister,"
                served = self._entity_match(s, office.start - 1)
                if served and self.lex_type(served.entries[0].value) in ("Country", "Organization"):
                    ent.country = served.entries[0].value
        return SMention(key, i, k, "name")

    def _give_office(self, s: Sentence, ent: Entity, *titles: CueHit | None) -> None:
        """Record the titles a story gives a person found by pattern, as written ('Foreign Minister',
        'المتحدث باسم', 'Brig. Gen.'), without a trailing 'for' / 'of'."""
        toks = s.tokens
        for title in titles:
            if title is None:
                continue
            words = [t for t in toks[title.start : title.end]]
            while len(words) > 1 and words[-1].norm in ("for", "of", "to"):
                words.pop()
            end = words[-1].end
            if words[-1].norm in _ABBREVIATIONS and s.doc.text[end : end + 1] == ".":
                end += 1  # "Brig. Gen."
            text = s.doc.text[words[0].start : end]
            lang = "ar" if is_arabic(text) else "en"
            have = ent.office.setdefault(lang, [])
            if text not in have:
                have.append(text)

    def _appositive(self, s: Sentence, k: int) -> CueHit | None:
        """A name followed by its office: 'Kipchumba Murkomen, the Cabinet Secretary', 'Ulf Laessing, a
        specialist ...', '..., Oman's foreign minister,'. The title, if so."""
        toks = s.tokens
        if k >= len(toks) or s.doc.text[toks[k - 1].end : toks[k].start].strip() != ",":
            return None
        for j in range(k, min(len(toks), k + 4)):
            title = s.cue_at("titles", j)
            if title:
                return title
            if (j > k and not s.gap_is_plain(j - 1, j)) or s.hits_any(j, "triggers", "claim_cues"):
                return None  # "X, met Egyptian envoy Y": a verb, not an office
        return None

    def _named_body(self, s: Sentence, i: int, new: dict, country: str | None = None) -> SMention | None:
        """An English organisation no lexicon knows, by the shape of its name: capitalised words joined by
        'of', 'for', 'and', with a word that names a kind of body ('National Disaster Management Authority',
        'Red Cross Society of China', 'Konrad Adenauer Foundation'); an acronym in brackets after it is
        another of its names."""
        toks = s.tokens
        if s.doc.lang != "en" or not toks[i].text[:1].isupper() or toks[i].norm in _NOT_NAMES:
            return None
        if not any(t.norm in _ORG_HEADS for t in toks[i : i + 9]):
            return None  # no word for a kind of body within reach
        if s.hits_any(i, "titles", "months", "claim_cues", "triggers"):
            return None
        k, last_cap, heads = i, i, 0
        while k < len(toks) and k - i < 9:
            t = toks[k]
            if k > i and not s.gap_is_plain(k - 1, k):
                break
            if t.text[:1].isupper() and (t.norm not in _NOT_NAMES or k == i):
                if k > i and s.hits_any(k, "months", "claim_cues", "triggers"):
                    break
                heads += t.norm in _ORG_HEADS
                last_cap = k
            elif t.norm not in ("of", "for", "and", "the") or heads == 0:
                break  # "Haiti for the ... Mission": a connector joins only after a kind of body is named
            k += 1
        end = last_cap + 1
        if heads == 0 or end - i < 2 or toks[last_cap].norm in _NOT_NAMES:
            return None
        if not any(toks[j].norm in _ORG_HEADS for j in range(i, end)):
            return None
        surface = s.doc.text[toks[i].start : toks[end - 1].end]
        key = "org/" + "_".join(t.norm for t in toks[i:end])
        kind = None
        inner = [self._entity_match(s, j) for j in range(i, end)]
        states = [m.entries[0].value for m in inner if m and self.lex_type(m.entries[0].value) == "Country"]
        if states:  # "Qatar Emiri Air Force", "Royal Bahraini Naval Force": the state in the name
            country = country or states[0]
            if any(toks[j].norm in _ARMED_HEADS for j in range(i, end)):
                kind = "ArmedForce"  # a state's own force acts for it
        if kind is None and any(toks[j].norm in _RELIEF_HEADS for j in range(i, end)):
            kind = "NonGovernmentalOrganization"  # "Royal Humanitarian Foundation": a relief body gives and sends
        ent = new.setdefault(key, Entity(key, "Organization", {"en": [surface]}, kind=kind, country=country))
        acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", s.doc.text[toks[end - 1].end :])
        if acronym and acronym.group(1) not in ent.labels["en"]:
            ent.labels["en"].append(acronym.group(1))
        return SMention(key, i, end, "name")

    def _armed_people(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """An armed group named after the people it comes from: 'Tuareg rebels', 'Baloch separatists'
        (a word no lexicon knows, capitalised, then a word for fighters). A country's adjective is no
        such name ('Syrian rebels' are rebels of Syria)."""
        toks = s.tokens
        if s.doc.lang != "en" or i + 1 >= len(toks) or not _CAPITALISED.fullmatch(toks[i].text):
            return None
        if toks[i].norm in _NOT_NAMES or toks[i + 1].norm not in _ARMED_PEOPLE or not s.gap_is_plain(i, i + 1):
            return None
        if i > 0 and toks[i - 1].text[:1].isupper() and s.gap_is_plain(i - 1, i):
            return None  # the end of a longer name
        surface = s.doc.text[toks[i].start : toks[i + 1].end]
        key = f"org/{toks[i].norm}_{toks[i + 1].norm}"
        new.setdefault(key, Entity(key, "Organization", {"en": [surface]}, kind="ArmedGroup"))
        return SMention(key, i, i + 2, "name")

    def _unit(self, s: Sentence, i: int, new: dict, previous: SMention | None) -> SMention | None:
        """A military unit named with a number: '47th Mechanised Brigade', 'اللواء 47'."""
        toks = s.tokens
        k = None
        if _ORDINAL.fullmatch(toks[i].text):
            k = i + 1
            while k < len(toks) and k - i <= 3 and _CAPITALISED.fullmatch(toks[k].text):
                if toks[k].norm in _UNIT_WORDS_EN:
                    k += 1
                    break
                k += 1
            else:
                return None
            if toks[k - 1].norm not in _UNIT_WORDS_EN:
                return None
        elif toks[i].norm in _UNIT_WORDS_AR and i + 1 < len(toks) and toks[i + 1].norm.isdigit():
            k = i + 2
        if k is None or not self._plain_run(s, i + 1, k - 1):
            return None
        surface = s.doc.text[toks[i].start : toks[k - 1].end]
        key = "org/unit/" + "_".join(t.norm for t in toks[i:k])
        country = (
            previous.entity if previous and previous.end == i and self.lex_type(previous.entity) == "Country" else None
        )
        ent = new.setdefault(
            key, Entity(key, "Organization", {"en": [], "ar": []}, kind="MilitaryUnit", country=country)
        )
        lang = "ar" if is_arabic(surface) else "en"
        if surface not in ent.labels[lang]:
            ent.labels[lang].append(surface)
        return SMention(key, i, k, "name")

    def _agency(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """'وكالة X' for an agency no lexicon knows ("وكالة تسنيم")."""
        toks = s.tokens
        if toks[i].norm != _AGENCY_WORD or i + 1 >= len(toks):
            return None
        k = i + 1
        if toks[k].norm.startswith("ال") or self._entity_match(s, k) or not s.gap_is_plain(i, k):
            return None
        name = f"{toks[i].text} {toks[k].text}"
        key = "org/" + toks[k].norm
        new.setdefault(key, Entity(key, "Organization", {"ar": [name]}, kind="NewsAgency"))
        return SMention(key, i, k + 1, "name", actor=False)

    def _named_body_ar(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """An Arabic organisation no lexicon knows, by the shape of its name: a word for a kind of body and
        its construct up to the first definite noun, with the adjectives after it ('جهاز مكافحة الإرهاب',
        'الجبهة الوطنية للتحرير'), or a quoted name after such a word ('حركة "س"')."""
        toks = s.tokens
        if s.doc.lang != "ar" or toks[i].norm not in _BODY_HEADS_AR:
            return None
        k = i + 1
        quoted = re.match(r'\s*["«“]([^"»”]{2,40})["»”]', s.doc.text[toks[i].end :])
        if quoted:
            close = toks[i].end + quoted.end()
            while k < len(toks) and toks[k].end <= close:
                k += 1
        else:
            seen_definite = toks[i].norm.startswith("ال")
            while k < len(toks) and k - i <= 4 and s.gap_is_plain(k - 1, k):
                t = toks[k]
                definite = t.norm.startswith(("ال", "لل"))
                place = self._entity_match(s, k)
                if place and k - i >= 2 and not seen_definite and self.lex_type(place.entries[0].value) == "Location":
                    k, seen_definite = place.end, True  # "غرفة طوارئ الأبيض": the construct ends with its place
                    break
                if place or s.hits_any(k, "triggers", "claim_cues", "titles", "complementizers"):
                    break
                if t.norm in self._person_stop or len(t.norm) < 3 or (seen_definite and not definite):
                    break
                seen_definite = seen_definite or definite
                k += 1
            if not seen_definite or k - i < 2:
                return None
        if k - i < 2:
            return None
        country = None
        base = k
        if k + 1 < len(toks) and toks[k].norm == "في" and s.gap_is_plain(k - 1, k):
            where = self._entity_match(s, k + 1)
            if where:  # "جهاز مكافحة الإرهاب في إقليم كردستان": the body of that place
                ent = self.entity(where.entries[0].value)
                if ent and ent.type in ("Location", "Country"):
                    country = ent.country if ent.type == "Location" else ent.key
                    k = where.end
        names = [s.doc.text[toks[i].start : toks[j - 1].end].strip('"«»“” ') for j in sorted({base, k})]
        key = "org/" + "_".join(t.norm for t in toks[i:k] if t.norm not in ("ال",))
        kind = "NonGovernmentalOrganization" if toks[i].norm in _RELIEF_HEADS_AR else None  # "جمعية ...", "مؤسسة ..."
        ent = new.setdefault(key, Entity(key, "Organization", {"ar": []}, kind=kind, country=country))
        ent.labels["ar"] += [n for n in names if n not in ent.labels["ar"]]  # "خلية الإعلام الأمني (في العراق)"
        return SMention(key, i, k, "name")

    def _place_in(self, s: Sentence, a: int, b: int) -> Match | None:
        """A place, capital or country that tokens a..b-1 name exactly (and nothing longer)."""
        m = self.lex.names.match_at(s.tokens[a:b], 0)
        if m is None or m.end != b - a or m.entries[0].value == LONGER_NAME or m.entries[0].role == "adj":
            return None
        if self.lex_type(m.entries[0].value) not in ("Location", "Country"):
            return None
        return m

    def _facility(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """An airport, base, port or crossing named after a place: 'Adana airport', 'Istanbul Airport',
        'مطار دمشق الدولي', 'معبر رفح'; or after a name no lexicon knows ('Ataturk Airport', 'Incirlik
        military base'), then of no known country."""
        if not s.cues["facilities"]:
            return None  # no word for an airport, a base, a port or a crossing in the sentence
        toks = s.tokens
        head = s.cue_at("facilities", i)
        place: Match | None = None
        end = 0
        if head and s.doc.lang == "ar" and head.end < len(toks):  # "مطار دمشق الدولي"
            for n in (3, 2, 1):
                place = self._place_in(s, head.end, min(len(toks), head.end + n))
                if place:
                    end = head.end + place.end
                    break
            if place is None:
                return None
            while end < len(toks) and s.cue_at("facility_qualifiers", end):
                end += 1
            kind = head.labels[0]
        elif (  # "the port of Hodeidah", "the airport of Aden"
            s.doc.lang == "en"
            and head
            and head.end + 1 < len(toks)
            and toks[head.end].norm == "of"
            and (
                place := self._place_in(s, head.end + 1, head.end + 2) or self._place_in(s, head.end + 1, head.end + 3)
            )
        ):
            end, kind = head.end + 1 + place.end, head.labels[0]
        elif s.doc.lang == "en" and toks[i].text[:1].isupper():
            k = i + 1  # the facility word after one to three capitalised words ("Port Sudan airport")
            while k < len(toks) and k - i <= 3 and not s.cue_at("facilities", k):
                joined = s.hyphen_before(k)  # "Al-Arish International Airport"
                if not toks[k].text[:1].isupper() or not (s.gap_is_plain(k - 1, k) or joined):
                    return None
                k += 1
            head = s.cue_at("facilities", k) if k < len(toks) and s.gap_is_plain(k - 1, k) else None
            first = self._entity_match(s, i)
            if head is None or toks[i].norm in _NOT_NAMES or (first and first.entries[0].role == "adj"):
                return None  # "a Chadian airport" is no airport's name
            place = self._place_in(s, i, k)
            end, kind = head.end, head.labels[0]
        else:
            return None
        surface = s.doc.text[toks[i].start : toks[end - 1].end]
        if place:
            where = place.entries[0].value
            ent = self.known(where)
            country = where if ent.type == "Country" else ent.country
            key = f"place/{kind}/{where.split('/', 1)[1]}"
        else:
            country = self._country_after(s, end)  # "Ain al-Asad air base in western Iraq"
            key = f"place/{kind}/" + "_".join(t.norm for t in toks[i:end])
        lang = "ar" if is_arabic(surface) else "en"
        ent = new.setdefault(key, Entity(key, "Location", {"en": [], "ar": []}, kind="Facility", country=country))
        ent.country = ent.country or country
        if surface not in ent.labels[lang]:
            ent.labels[lang].append(surface)
        return SMention(key, i, end, "name", head.proclitic if lang == "ar" else "", actor=False)

    def _country_after(self, s: Sentence, k: int) -> str | None:
        """The country of 'in <country>', 'in western <country>', 'in <city>' at token k."""
        toks = s.tokens
        if k + 1 >= len(toks) or toks[k].norm not in ("in", "في") or not s.gap_is_plain(k - 1, k):
            return None
        k += 1
        direction = s.cue_at("directions", k)
        k = direction.end if direction else k
        m = self._entity_match(s, k) if k < len(toks) else None
        return self._host(m.entries[0].value) if m else None

    def _region(self, s: Sentence, i: int, new: dict) -> SMention | None:
        """A country's part named by direction: 'شمال العراق', 'northern Iraq', 'جنوب شرق السودان'."""
        toks = s.tokens
        direction = s.cue_at("directions", i)
        if direction is None or direction.end >= len(toks) or not s.gap_is_plain(direction.end - 1, direction.end):
            return None
        m = self._entity_match(s, direction.end)
        if m is None or m.entries[0].role != "name" or self.lex_type(m.entries[0].value) not in ("Country", "Location"):
            return None
        where = m.entries[0].value
        place = self.known(where)
        if place.kind == "Territory":  # "northern Gaza" is Gaza for every fact about it
            return SMention(where, i, m.end, "name", direction.proclitic, actor=False)
        country = where if place.type == "Country" else place.country
        label = direction.labels[0]
        key = f"place/{label}/{where.split('/', 1)[1]}"
        en_name, ar_name = _DIRECTION_NAMES[label]
        labels = {"en": [f"{en_name} {place.labels['en'][0]}"] if place.labels.get("en") else [], "ar": []}
        if place.labels.get("ar"):
            labels["ar"].append(f"{ar_name} {place.labels['ar'][0]}")
        surface = s.doc.text[toks[i].start : toks[m.end - 1].end]
        labels["ar" if is_arabic(surface) else "en"].append(surface)
        ent = new.setdefault(key, Entity(key, "Location", {"en": [], "ar": []}, country=country))
        for lang, names in labels.items():
            ent.labels[lang] += [n for n in names if n not in ent.labels[lang]]
        return SMention(key, i, m.end, "name", direction.proclitic, actor=False)

    def _state_body(self, s: Sentence, i: int, new: dict) -> list[SMention] | None:
        """A state's ministry, army, government or intelligence named with the state:
        'وزارة الدفاع الروسية', 'الاستخبارات في كوريا الجنوبية', "Russia's Defence Ministry", 'the Ukrainian army'."""
        if not s.cues["state_bodies"]:
            return None  # no ministry, army, government ... in the sentence
        toks = s.tokens
        curated = self._entity_match(s, i)
        if curated and self.lex_type(curated.entries[0].value) == "Organization":
            return None  # a curated name ("South Korean intelligence") wins
        body = s.cue_at("state_bodies", i)
        if body:  # body first (Arabic, "Ministry of Defence of ...")
            k = body.end
            while k < len(toks) and toks[k].norm in _BODY_QUALIFIERS:  # "سلاح الجو الملكي الأردني"
                k += 1
            linked = k < len(toks) and toks[k].norm in ("في", "of", "in", "لدى")
            if linked:
                k += 1
            if k < len(toks) and toks[k].norm == "the":
                k += 1
            country = self._entity_match(s, k) if k < len(toks) else None
            if (
                country
                and toks[body.start].norm == _REGIME_AR
                and (k != body.end or not any(e.role == "adj" for e in country.entries))
            ):
                country = None  # "النظام الإيراني" is the regime; "النظام الصحي في غزة" is a health system
            if (  # "اتهمت الحكومة دولة الإمارات": a definite body and a country's name are two phrases, not one
                country
                and not linked
                and is_arabic(toks[i].text)
                and toks[body.end - 1].norm.startswith("ال")
                and not any(e.role == "adj" for e in country.entries)  # "السعودية" is also the adjective
            ):
                country = None
            span = (i, country.end) if country else None
        else:  # country first (English): "Russian army", "Russia's Foreign Ministry"
            country = curated
            if country is None or country.end >= len(toks) or not s.gap_is_plain(country.end - 1, country.end):
                return None
            body = s.cue_at("state_bodies", country.end)
            span = (i, body.end) if body else None
        if span is None or country is None or body is None or not self._state_like(country.entries[0].value):
            return None
        if span[1] < len(toks) and s.doc.lang == "en" and s.hits_any(span[1], "aid_categories", "forces_nouns"):
            return None  # "Russian military equipment" is equipment, not the army ("أرسل النظام الإيراني أسلحة" is)
        kind, name = body.labels[0].split("|")
        cc = country.entries[0].value
        if kind == "Country":  # "Niger's military government", "the junta in Mali": the state itself
            return [SMention(cc, span[0], span[1], "name")]
        surface = s.doc.text[toks[span[0]].start : toks[span[1] - 1].end]
        key = self._body_entity(kind, name, cc, surface, new)
        actor = kind != "IntelligenceService"
        mention = SMention(
            key, span[0], span[1], "name", body.proclitic if body.start == span[0] else country.proclitic, actor
        )
        return [mention, SMention(cc, country.start, country.end, "adj", actor=False)]

    def _regional_body(self, s: Sentence, i: int, new: dict) -> list[SMention] | None:
        """The government or authority of a region or city, not of the state: 'حكومة ولاية شمال كردفان',
        'السلطة المحلية في مأرب', 'the North Kordofan state government'. It acts for the state like its bodies."""
        toks = s.tokens
        body = s.cue_at("state_bodies", i)
        if body is not None and is_arabic(toks[i].text):  # body first: "حكومة ولاية X", "السلطة المحلية في X"
            k = body.end + (body.end < len(toks) and toks[body.end].norm in ("في", "ب"))
            place = self._entity_match(s, k) if k < len(toks) and s.gap_is_plain(k - 1, k) else None
            span = (i, place.end) if place else None
        elif s.doc.lang == "en":  # place first: "the North Kordofan state government", "Marib's local authority"
            place = self._entity_match(s, i)
            k = place.end if place else i
            if place and k < len(toks) and toks[k].norm in ("state", "provincial", "regional", "local"):
                k += 1
            plain = place is not None and k < len(toks) and self._plain_run(s, place.end - 1, k)
            body = s.cue_at("state_bodies", k) if plain else None
            span = (i, body.end) if body else None
        else:
            return None
        if span is None or place is None or body is None:
            return None
        where = self.known(place.entries[0].value)
        if where.type != "Location" or where.country is None or where.kind in ("Facility", "Territory"):
            return None
        kind, name = body.labels[0].split("|")
        if kind == "Country":
            return None
        key = f"org/{name.lower().replace(' ', '_')}/{where.key.split('/', 1)[1]}"
        surface = s.doc.text[toks[span[0]].start : toks[span[1] - 1].end]
        ent = new.setdefault(key, Entity(key, "Organization", {"en": [], "ar": []}, kind=kind, country=where.country))
        lang = "ar" if is_arabic(surface) else "en"
        if surface not in ent.labels[lang]:
            ent.labels[lang].append(surface)
        return [
            SMention(key, span[0], span[1], "name", body.proclitic if body.start == span[0] else place.proclitic),
            SMention(where.key, place.start, place.end, "name", place.proclitic, actor=False),
        ]

    def _state_like(self, key: str) -> bool:
        """A country, or a territory with bodies of its own ("Gaza's health ministry", "وزارة الصحة في غزة")."""
        ent = self.entity(key)
        return ent is not None and (ent.type == "Country" or ent.kind == "Territory")

    def _body_entity(self, kind: str, name: str, cc: str, surface: str | None, new: dict) -> str:
        """The entity of a state's body ('Ministry of Health' of 'country/LB'), with its names in both languages."""
        cent = self.lex.entities[cc]
        key = f"org/{name.lower().replace(' ', '_')}/{cc.split('/')[-1]}"
        labels = {
            "en": _body_names_en(name, cent.labels["en"][0], self.lex.adjectives.get(cc, (None, None))[0]),
            "ar": [],
        }
        ar_body = self.lex.state_body_ar.get(name)
        ar_adj = self.lex.adjectives.get(cc, (None, None))[1]
        if ar_body and ar_adj:  # "وزارة الصحة اللبنانية", "الجيش السوداني"
            feminine = ar_body.split()[0].endswith(("ة", "ات"))
            labels["ar"].append(
                f"{ar_body} ال{ar_adj}{'ية' if feminine and not ar_adj.endswith('ي') else ('ة' if feminine else '')}"
            )
        if ar_body and cent.labels.get("ar"):
            labels["ar"].append(f"{ar_body} ({cent.labels['ar'][0]})")
            if not ar_adj:  # "وزارة الصحة في غزة": a place with no adjective follows "في"
                labels["ar"].append(f"{ar_body} في {cent.labels['ar'][0]}")
        if surface:
            labels["ar" if is_arabic(surface) else "en"].append(surface)
        ent = new.setdefault(key, Entity(key, "Organization", {"en": [], "ar": []}, kind=kind, country=cc))
        for lang, names in labels.items():
            ent.labels[lang] += [n for n in names if n not in ent.labels[lang]]
        return key

    def _host(self, key: str | None) -> str | None:
        """The country a country or a place stands for: itself, the country a place lies in, or a
        territory itself (Gaza); None for anything else or a place of no known country."""
        ent = self.entity(key) if key else None
        if ent is None:
            return None
        if ent.type == "Country" or (ent.type == "Location" and ent.kind == "Territory"):
            return key
        return ent.country if ent.type == "Location" else None

    def _story_country(self, per_sentence: list) -> str | None:
        """The country the story is most about: the one named most, its places counting for it
        ("جنوب لبنان", "Khartoum"), an adjective least; the first named wins a tie."""
        counts: dict[str, int] = {}
        names: dict[str, int] = {}
        for _, ms in per_sentence:
            for m in ms:
                where = self._host(m.entity)
                if where and m.role in ("name", "metonym", "adj"):
                    counts[where] = counts.get(where, 0) + (1 if m.role == "adj" else 4)
                    names[where] = names.get(where, 0) + (m.role != "adj")
        home = max(counts, key=lambda c: counts[c]) if counts else None
        self._home_named = names.get(home, 0) if home else 0
        return home

    def _bare_bodies(self, per_sentence: list, new: dict) -> None:
        """A body named without its state ('أفادت وزارة الصحة', 'the army said', 'الوزارة') is the one
        named last in the story by the same name or kind, else that of the country the story is about."""
        home = self._wire_home or self._home  # "MANAMA (BNA) — The Ministry ...": Bahrain's, whatever else is named
        last: dict[str, str] = {}  # English body name -> entity key, as the story goes
        for s, ms in per_sentence:
            covered = {k for m in ms for k in range(m.start, m.end)}
            added = []

            hits = [(h, *h.labels[0].split("|")) for h in s.cues["state_bodies"]]
            hits += [(h, "StateBody", "Ministry") for h in s.cues["body_anaphors"]]
            for hit, kind, name in hits:
                if hit.start in covered or (hit.start - 1) in covered:
                    continue  # "Russian military instructors": a state's own word, read (or refused) with it
                if s.tokens[hit.start].norm in (_REGIME_AR, "regime"):
                    continue  # "النظام" alone is any system ("النظام الصحي"): a regime only with its state
                if hit.end < len(s.tokens) and s.hits_any(hit.end, "aid_categories", "forces_nouns"):
                    continue  # "military equipment" is equipment, "military instructors" are forces
                key = last.get(name)
                # the place named last before it in the sentence ("... جنوب لبنان ..., بحسب وزارة الصحة"), else home
                before = [self._host(m.entity) for m in ms if m.end <= hit.start and m.role in ("name", "metonym")]
                local = next((w for w in reversed(before) if w), home)
                if key is None and local and name != "Ministry":
                    surface = s.doc.text[s.tokens[hit.start].start : s.tokens[hit.end - 1].end]
                    key = self._body_entity(kind, name, local, surface, new)
                if key:
                    added.append(
                        SMention(key, hit.start, hit.end, "name", hit.proclitic, kind != "IntelligenceService")
                    )
            if added:
                ms.extend(added)
                ms.sort(key=lambda m: (m.start, -m.end))
            for m in ms:
                ent = self.entity(m.entity)
                if (
                    ent is not None
                    and ent.kind in ("StateBody", "ArmedForce", "IntelligenceService")
                    and "/" in m.entity
                ):
                    name = next((n for n in ent.labels.get("en", []) if " (" in n), "").split(" (")[0]
                    if name:
                        last[name] = m.entity
                        if name.startswith("Ministry"):
                            last["Ministry"] = m.entity

    def _sides(self, s: Sentence, ms: list[SMention]) -> None:
        """'the Chinese side', 'الجانب الصيني': the state itself, a party that acts."""
        toks = s.tokens
        for n, m in enumerate(ms):
            if m.role != "adj" or self.lex_type(m.entity) != "Country":
                continue
            if m.end < len(toks) and toks[m.end].norm == "side" and s.gap_is_plain(m.end - 1, m.end):
                ms[n] = SMention(m.entity, m.start, m.end + 1, "name", m.proclitic)
            elif m.start > 0 and toks[m.start - 1].norm in _SIDE_AR and s.gap_is_plain(m.start - 1, m.start):
                ms[n] = SMention(m.entity, m.start - 1, m.end, "name", "")

    def _definite_bodies(self, per_sentence: list) -> None:
        """'the agency said', 'وأوضحت الهيئة': a definite body noun alone is the body of that kind named last
        in the story, by a name it went by there or in the lexicon ('the UN children's agency UNICEF ...
        the agency'); nobody when none was named."""
        if not any(s.cues["body_nouns"] for s, _ in per_sentence):
            return
        seen: list[tuple[tuple[int, int], str, set[str]]] = []  # organisations as the story names them, in order
        for n, (s, ms) in enumerate(per_sentence):
            covered = {k for m in ms for k in range(m.start, m.end)}
            for m in ms:
                if self.lex_type(m.entity) == "Organization" and m.role == "name":
                    words = {w.norm.removeprefix("ال") for w in s.tokens[m.start : m.end]}
                    if m.end < len(s.tokens) and s.gap_is_plain(m.end - 1, m.end):
                        words.add(s.tokens[m.end].norm)  # "Ukraine's military intelligence [agency] said"
                    if self.lex_kind(m.entity) == "ArmedGroup":  # "delivered ... to the militia": the group
                        words |= _MILITIA_WORDS
                    seen.append(((n, m.end), m.entity, words | self._name_words(m.entity)))
            added = []
            for hit in s.cues["body_nouns"]:
                k = hit.start
                if k in covered or (s.doc.lang == "en" and (k == 0 or s.tokens[k - 1].norm != "the")):
                    continue
                if hit.end < len(s.tokens) and s.tokens[hit.end].text[:1].isupper():
                    continue  # "the Group of Seven": a name of its own
                noun = s.tokens[k].norm.removeprefix("ال") if s.doc.lang == "ar" else s.tokens[k].norm
                before = [(at, key) for at, key, words in seen if at <= (n, k) and noun in words]
                if before:
                    added.append(SMention(max(before)[1], k, hit.end, "name"))
            if added:
                ms.extend(added)
                ms.sort(key=lambda m: (m.start, -m.end))

    def _name_words(self, key: str) -> frozenset[str]:
        """The words of all names of an entity, without the article; memoised for lexicon entities."""
        words = self._words_of.get(key)
        if words is None:
            ent = self.entity(key)
            names = [name for ns in ent.labels.values() for name in ns] if ent else []
            words = frozenset(w.norm.removeprefix("ال") for name in names for w in tokenize(name))
            if key in self.lex.entities:
                self._words_of[key] = words
        return words

    def mentions(self, s: Sentence, published: str | None, new: dict) -> list[SMention]:
        out: list[SMention] = []
        i = 0
        toks = s.tokens
        cue_starts = {h.start for g in _MENTION_CUES for h in s.cues[g]}
        # per word, in one pass with no Python-level work per word: plain, and known to start no name
        norms = list(map(_NORM, toks))
        plain = list(map(_plain_word, map(_TEXT, toks), norms))
        nameless = list(map(self._nameless.__contains__, norms))
        while i < len(toks):
            # the common case, a word that starts nothing: lower-case English, or Arabic no finder begins with
            if i not in cue_starts and plain[i] and (nameless[i] or self._entity_match(s, i) is None):
                i += 1
                continue
            facility = self._facility(s, i, new)
            if facility:
                out.append(facility)
                i = facility.end
                continue
            if self._entity_match(s, i) is None and not s.cue_at("titles", i) and not s.cue_at("state_bodies", i):
                # nothing curated starts here: only a unit, an agency or a speaker found by pattern can
                found = self._unit(s, i, new, out[-1] if out else None) or self._agency(s, i, new)
                found = found or self._region(s, i, new)
                found = found or self._named_body(s, i, new) or self._named_body_ar(s, i, new)
                found = found or self._armed_people(s, i, new) or self._speaker(s, i, new)
                if found:
                    out.append(found)
                    i = found.end
                else:
                    i += 1
                continue
            titled = self._title_person(s, i, published, new)
            if titled:
                mention, extra = titled
                i = self._appositive_titles(s, mention, published)
                out.append(replace(mention, end=i) if i > mention.end else mention)  # the offices are his
                out.extend(extra)
                continue
            body = self._regional_body(s, i, new) or self._state_body(s, i, new)
            if body:
                out.extend(body)
                i = body[0].end
                continue
            m = self._entity_match(s, i)
            if m and self.lex_type(m.entries[0].value) == "Country":  # "China Meteorological Administration"
                named = self._named_body(s, i, new, country=m.entries[0].value)
                if named and named.end > m.end:
                    out.append(named)
                    i = named.end
                    continue
            if m and self._inside_longer_name(s, m):
                i = m.end
                continue
            if m:
                for entry in m.entries[:1]:
                    ent = self.lex.entities[entry.value]
                    actor = ent.type != "Location" and ent.kind not in _NOT_ACTORS
                    out.append(SMention(entry.value, m.start, m.end, entry.role, m.proclitic, actor))
                i = m.end
                continue
            agency = (
                self._unit(s, i, new, out[-1] if out else None) or self._agency(s, i, new) or self._speaker(s, i, new)
            )
            if agency:
                out.append(agency)
                i = agency.end
                continue
            i += 1
        return out

    # ------------------------------------------------------------ roles
    def marker(self, s: Sentence, m: SMention) -> str | None:
        """recipient | agent | with | opponent | oblique | None, from a proclitic or the word before."""
        if m.start > 0 and s.tokens[m.start - 1].norm in _PART_OF:
            return "oblique"  # "برنامج الأغذية العالمي التابع للأمم المتحدة": the body it belongs to
        if m.proclitic in _RECIPIENT_CLITICS:
            return "recipient"
        if "ب" in m.proclitic:
            return "oblique"
        k = m.start - 1
        while k >= 0 and s.hits_at("determiners", k):
            k -= 1
        if k > 0 and s.hits_at("determiners", k - 1) and self._adjective_at(s, k):
            k -= 1  # "من نظيره الأردني أيمن الصفدي": the counterpart's nationality sits between
            while k >= 0 and s.hits_at("determiners", k):
                k -= 1
        if k > 0 and s.tokens[k].norm == "of" and s.hit_ending_at("forces_nouns", k - 1):
            k -= 1  # "from the forces of X"
        forces = s.hit_ending_at("forces_nouns", k) if k > 0 and s.gap_is_plain(k, k + 1) else None
        if forces and self.lex_type(m.entity) in ("Person", "Organization"):
            k = forces.start - 1  # "من قوات المشير خليفة حفتر", "from the forces of X": X's own
            while k >= 0 and s.hits_at("determiners", k):
                k -= 1
        if k < 0:
            return None
        if s.tokens[k].norm in ("with", "مع"):
            return "with"  # a party to a call or a meeting, an opponent in a fight
        for group, label in (
            ("recipient_markers", "recipient"),
            ("beneficiary_markers", "recipient"),
            ("agent_markers", "agent"),
            ("opponent_markers", "opponent"),
        ):
            if s.hit_ending_at(group, k):
                return label
        if s.tokens[k].norm in ("في", "in", "at", "بين", "between", "into", "across"):
            return "oblique"
        return None

    def _adjective_at(self, s: Sentence, k: int) -> bool:
        """A state's adjective alone at token k ("الأردني")."""
        m = self._entity_match(s, k)
        return m is not None and m.end == k + 1 and m.entries[0].role == "adj" and is_arabic(s.tokens[k].text)

    def _member_of(self, s: Sentence, m: SMention) -> bool:
        """A body right after a title, joined by 'in / at / ب / في': 'عضو بالبرلمان', 'an official at the ministry'."""
        if m.start > 0 and s.hit_ending_at("titles", m.start - 1):  # "a spokesperson for X", "المتحدث باسم X"
            return self.lex_type(m.entity) in ("Organization", "Country")
        if self.lex_type(m.entity) != "Organization":
            return False
        k = m.start if m.proclitic else m.start - 1
        if not m.proclitic and (k < 0 or s.tokens[k].norm not in ("في", "in", "at", "of")):
            return False
        return k > 0 and s.hit_ending_at("titles", k - 1) is not None

    def _for_whom(self, s: Sentence, t: Trigger, actors: list[SMention], not_them: set) -> str | None:
        """'to support X', 'in support of the X', 'لدعم X' after the trigger: X is whom the act is for,
        also when X is told through the ones it is for ('لدعم مرتزقة روس يقاتلون إلى جانب قوات حفتر')."""
        hit = next((h for h in s.cues["beneficiary_markers"] if t.end <= h.start <= t.end + 12), None)
        if hit is None:
            return None
        for m in actors:
            if hit.end <= m.start <= hit.end + 8 and m.role != "adj" and m.entity not in not_them:
                if self.as_state(m.entity) not in not_them:
                    return m.entity
        return None

    def _in_place(self, s: Sentence, m: SMention) -> bool:
        """'في سوريا', 'في شمال سوريا', 'in eastern Ukraine': a place, not a party."""
        return any(s.tokens[k].norm in ("في", "in", "into", "داخل") for k in range(max(0, m.start - 2), m.start))

    def owner_of(self, s: Sentence, ms: list[SMention], noun_group: str, lo: int, hi: int) -> str | None:
        """The country whose troops/people a noun names: 'قوات بيونغ يانغ', 'North Korean troops'."""
        for hit in s.cues[noun_group]:
            if not (lo <= hit.start < hi):
                continue
            for m in ms:
                if not m.actor:
                    continue
                after = m.start == hit.end or (m.start == hit.end + 1 and s.tokens[hit.end].norm in _MEMBER_OF)
                if after and m.start > hit.end and noun_group == "forces_nouns" and self._in_place(s, m):
                    after = self.lex_type(m.entity) == "Organization"  # "fighters in Libya" are where, not whose
                # "مسؤول كبير في حزب العمال", "a senior commander of Hamas": one word may come between
                after = after or (
                    m.start == hit.end + 2
                    and s.tokens[hit.end + 1].norm in _MEMBER_OF
                    and self._entity_match(s, hit.end) is None
                    and self.lex_type(m.entity) == "Organization"
                )
                before = m.end == hit.start and (m.role == "adj" or s.doc.lang == "en")
                if after or before:
                    return m.entity
        return None

    def entity(self, key: str) -> Entity | None:
        return self.lex.entities.get(key) or self._new.get(key)

    def known(self, key: str) -> Entity:
        """An entity that must exist: its key came from a lexicon match or from this document."""
        ent = self.entity(key)
        if ent is None:
            raise KeyError(f"extractor {self.name} referred to unknown entity {key!r}")
        return ent

    def as_state(self, key: str | None) -> str | None:
        """Who a state event is really by: a leader, a ministry, an army or a unit acts for its state;
        a spokesman for a ministry for the ministry's state."""
        if key in self._group_of:
            return self._group_of[key]
        for _ in range(3):
            ent = self.entity(key) if key else None
            if not (ent and ent.country and (ent.type == "Person" or ent.kind in _STATE_KINDS)):
                return key
            key = ent.country
        return key

    # ------------------------------------------------------------ clauses, frames
    def clauses(self, s: Sentence) -> list[tuple[int, int]]:
        cuts = {0, len(s.tokens)}
        for h in s.cues["clause_breaks"]:
            if h.end < len(s.tokens) and "," in s.doc.text[s.tokens[h.end - 1].end : s.tokens[h.end].start]:
                continue  # "North Korea, meanwhile, has expanded ...": an aside, not a new clause
            cuts.add(h.start)
        for h in s.cues["complementizers"]:
            cuts.add(h.start)
        for i in range(1, len(s.tokens)):
            between = s.doc.text[s.tokens[i - 1].end : s.tokens[i].start]
            if ";" in between or "؛" in between:
                cuts.add(i)
            elif (  # "..., and Kuwait pledged ...": a second clause with its own subject
                "," in between
                and s.tokens[i].norm == "and"
                and i + 1 < len(s.tokens)
                and s.tokens[i + 1].text[:1].isupper()
            ):
                cuts.add(i)
        cuts |= set(s.asides)
        pts = sorted(cuts)
        return [(a, b) for a, b in itertools.pairwise(pts) if b > a]

    def frames(self, s: Sentence, ms: list[SMention]) -> list[Frame]:
        frames: list[Frame] = []
        n = len(s.tokens)
        # "غير أن" / "إلا أن" (however, but) open a new clause: that "أن" introduces nobody's words
        comps = [h.start for h in s.cues["complementizers"] if not (h.start and s.tokens[h.start - 1].norm in _BUT)]
        breaks = sorted([h.start for h in s.cues["clause_breaks"]] + s.asides)
        agencies = {m.entity for m in ms if self.lex_kind(m.entity) == "NewsAgency"}
        for hit in s.cues["claim_cues"]:
            c = hit.start
            certainty = hit.labels[0]
            if s.tokens[c].norm in ("claims", "claimed", "claim") and any(
                t.norm in ("lives", "life") for t in s.tokens[hit.end : hit.end + 6]
            ):
                continue  # "the floods claimed 1,200 lives": deaths, not a claim
            if _month_may(s, c) or _as_possible(s, c):
                continue  # "MUSCAT, May 13": the month; "as soon as possible": no doubt
            if s.doc.lang == "en" and c > 0 and s.hits_at("determiners", c - 1) and s.tokens[c].norm.endswith("s"):
                continue  # "the states of Çorlu", "the reports": a noun, not the verb
            outer = next((f for f in frames if f.content[0] <= c < f.content[1]), None)
            if outer is not None:  # a cue inside the content of another claim
                inner = self._inner_frame(s, ms, hit, outer, comps, breaks)
                if inner:
                    frames.append(inner)
                continue
            # "نقلت وكالة سانا عن الوزير ... قوله إن ...", "quoted the minister as saying": the one quoted claims
            quoted = next((k for k in range(hit.end, min(n, hit.end + 6)) if s.tokens[k].norm in _QUOTING), None)
            quoted = quoted if s.tokens[c].norm in _QUOTE_VERBS else None
            comp = next((k for k in comps if c < k <= c + (18 if quoted else 10)), None)
            if comp is not None and any(hit.end <= h.start < comp for h in s.cues["claim_cues"]):
                comp = None  # "X told a news conference, adding that ...": the "that" is the participle's
            end = next((b for b in breaks if b > (comp if comp is not None else c)), n)
            if comp is not None:
                claim_zone = [m for m in ms if hit.end <= m.start < comp or (m.end <= c and self._near(s, m.end, c))]
                if not any(m.end <= c for m in claim_zone):
                    claim_zone += self._subject_before_aside(s, ms, c)
                content = (comp, end)
                frame_tokens = (min([c] + [m.start for m in claim_zone]), comp)
            elif (cited_at := self._cited_at(s, c)) is not None and self._has_trigger(s, 0, cited_at):
                # "بعث ... برقية إلى ...، وفق ما نقلت وكالة الأنباء السعودية (واس)، غير أن ...": what came before
                stop = next((b for b in breaks if b > hit.end), n)
                claim_zone = [m for m in ms if hit.end <= m.start < stop]
                content = (0, cited_at)
                frame_tokens = (cited_at, max([hit.end] + [m.end for m in claim_zone]))
            elif self._has_trigger(s, 0, c) and self._closes(s, hit, end):
                # "..., X said" closes the sentence; "and the minister said Amman was ready ..." opens a claim
                # "..., said Maria Zakharova" / "..., X said": the speaker is next to the verb, not anywhere after it
                claim_zone = [
                    m
                    for m in ms
                    if (m.end <= c and self._near(s, m.end, c))
                    or (  # "..., said Maria Zakharova", "..., said the ministry"; not "said, as Houthi rebels ..."
                        hit.end <= m.start <= hit.end + 2
                        and self._plain_run(s, hit.end, m.start)
                        and all(s.hits_at("determiners", k) for k in range(hit.end, m.start))
                    )
                ]
                first = min((m.start for m in claim_zone), default=c)
                content = (0, min(first, c))
                frame_tokens = (min(first, c), n)
            else:
                claim_zone = [m for m in ms if m.end <= c and self._near(s, m.end, c)]
                claim_zone = claim_zone or self._subject_before_aside(s, ms, c)
                # "is (said to)", "is also reported to", "are widely believed to"
                be = c - 2 if c > 1 and s.tokens[c - 1].norm in _HEDGE_ADVERBS else c - 1
                passive = s.tokens[c].norm in _BE or (be >= 0 and s.tokens[be].norm in _BE)
                if s.doc.lang == "en" and passive and hit.labels[0] != "Denied":
                    claim_zone = []  # "the Houthis are believed to receive ...": what is believed, not who believes
                if s.doc.lang == "ar":  # verb first: "نفت موسكو ...", "أعلنت وزارة الدفاع السورية ..."
                    stop = next((h.start for h in s.cues["triggers"] if h.start >= hit.end), n)
                    reach = (
                        6 if hit.end < n and s.cue_at("statement_nouns", hit.end) else 3
                    )  # "قال البيان الصادر ... عن X"
                    subject = next((m for m in ms if hit.end <= m.start <= min(hit.end + reach, stop - 1)), None)
                    accused = subject and s.hits_at("accuse_verbs", c) and subject.end < n
                    if subject and accused and _BA.match(s.tokens[subject.end].norm):
                        subject = None  # "اتهم القاهرة بتدريب ...": Cairo is accused, the speaker is told before
                    claim_zone += [subject] if subject else []
                frame_tokens = (min([c] + [m.start for m in claim_zone]), max([hit.end] + [m.end for m in claim_zone]))
                content = (frame_tokens[1], end)
            candidates = [
                m
                for m in claim_zone
                if self.lex_type(m.entity) != "Location"
                and m.entity not in agencies
                # "قال في لندن", "told Reuters"; but "عضو بالبرلمان الروسي", "an official at the ministry" speaks
                # for it, and "بيان لمكتب رئيس الوزراء" is the office's statement
                and (
                    self.marker(s, m) not in ("oblique", "recipient")
                    or self._member_of(s, m)
                    or (m.start == hit.end and m.proclitic in ("ل", "لل") and s.cue_at("statement_nouns", hit.start))
                )
            ]
            reported = {m.entity for m in claim_zone if m.entity in agencies}
            if quoted is not None:  # the outlet reports; the one after "عن" / "as saying" claims
                candidates = [m for m in candidates if m.start > quoted] or candidates
            claimants = [m.entity for m in candidates if m.role != "adj"]
            if not claimants and not reported:  # "Ukrainian officials said", "أعلنت وزارة الدفاع السورية"
                claimants = [m.entity for m in candidates]
            cited = any(h.end <= c <= h.end + 1 for h in s.cues["reported_by"])  # "وفق ما أفادت وكالة الأناضول"
            if reported and not claimants and comp is not None and not cited:
                claimants = sorted(reported)  # "أفادت وكالة الأنباء السورية بأن ...": the outlet asserts it
            sources = [h for h in s.cues["anonymous_sources"] if max(0, c - 10) <= h.start <= hit.end + 3]
            # "A US official, speaking on condition of anonymity, said": the country only qualifies the source
            named = [  # "A US official", "مصادر سورية": a nationality next to the source only qualifies it
                m
                for m in candidates
                if m.role in ("name", "title") and not any(h.start == m.end or h.end == m.start for h in sources)
            ]
            anonymous = bool(sources) and not named
            if anonymous:  # "Syrian sources said", "قال مصدر عسكري": nobody named
                claimants = []
            elif not claimants and not reported:  # "he said", "وأضاف أن": whoever spoke last
                pronoun = any(c - 2 <= h.start <= hit.end + 1 for h in s.cues["speaker_pronouns"])
                # "وأضاف أن": a speech verb with no subject; "يُعتقد أن" (it is believed) is nobody's
                implicit = s.doc.lang == "ar" and not claim_zone and certainty in ("Asserted", "Confirmed", "Denied")
                # "..., South Korea's military said, adding that ...": the participle goes on for the same speaker
                implicit = implicit or (s.tokens[c].norm.endswith("ing") and c > 0 and not s.gap_is_plain(c - 1, c))
                if (pronoun or implicit) and self._last_speaker:
                    claimants = [self._last_speaker]
            if any(content[0] <= h.start <= content[0] + 2 for h in s.cues["stance_nouns"]):
                continue  # "أعلنت السعودية عن رفضها لـ...", "voiced its opposition to": a stance, no account
            frame = Frame(certainty, c, _unique(claimants), content, frame_tokens, reported, anonymous)
            frames.append(frame)
            speakers = [k for k in frame.claimants if self.lex_kind(k) not in _NOT_ACTORS]
            if speakers and not anonymous:
                self._last_speaker = speakers[0]
        frames += self._according_to(s, ms, agencies, frames)
        # speculative modals inside asserted content ("analysts say X may have ...")
        for f in frames:
            if f.certainty == "Asserted":
                spec = [h for h in s.cues["claim_cues"] if h.labels[0] == "Speculated"]
                if any(f.content[0] <= h.start < f.content[1] for h in spec):
                    f.certainty = "Speculated"
        return frames

    def _inner_frame(self, s: Sentence, ms: list[SMention], hit: CueHit, outer: Frame, comps, breaks) -> Frame | None:
        """A second claim inside the content of a first one:
        - a denial that points back ('..., a charge Abu Dhabi has repeatedly denied', '، وهو ما نفته أبوظبي'):
          the denier denies what came before;
        - a participle that goes on ('..., مشيرة إلى أن ...', '..., adding that ...'): the same speaker says more.
        The outer claim's content then ends where the inner one begins."""
        c, n = hit.start, len(s.tokens)
        commas = [k for k in range(outer.content[0] + 1, c + 1) if not s.gap_is_plain(k - 1, k)]
        if not commas:
            return None
        cut = commas[-1]  # the first token after the last punctuation before the cue
        if hit.labels[0] == "Denied" and any(cut <= h.start < c for h in s.cues["back_references"]):
            near = [m for m in ms if cut <= m.start and m.end <= c and self._near(s, m.end, c)]
            near += [m for m in ms if hit.end <= m.start <= hit.end + 2]  # "نفته أبوظبي"
            claimants = [m.entity for m in near if self.lex_type(m.entity) != "Location"]
            content = (outer.content[0], cut)
            outer.content = content
            return Frame("Denied", c, _unique(claimants), content, (cut, max([hit.end] + [m.end for m in near])))
        comp = next((k for k in comps if hit.end <= k <= hit.end + 2), None)
        if comp is not None and cut == c and not any(hit.end <= m.start < comp for m in ms):
            end = next((b for b in breaks if b > comp), n)
            outer.content = (outer.content[0], c)
            return Frame(
                hit.labels[0], c, list(outer.claimants), (comp, end), (c, comp), set(outer.reported_by), outer.anonymous
            )
        return None

    def _according_to(self, s: Sentence, ms: list[SMention], agencies: set[str], frames: list[Frame]) -> list[Frame]:
        """ "بحسب X" / "according to X" where X is no news outlet: X asserts the rest of the sentence."""
        out = []
        n = len(s.tokens)
        for hit in s.cues["reported_by"]:
            m = next(
                (m for m in ms if hit.end <= m.start <= hit.end + 5 and self._plain_run(s, hit.end, m.start)), None
            )
            if m is None or m.role == "adj" or self.lex_type(m.entity) == "Location":
                continue
            if any(f.frame_tokens[0] <= hit.start < f.frame_tokens[1] for f in frames):
                continue
            content = (m.end, n) if hit.start <= 1 else (0, hit.start)
            if m.entity in agencies:
                relayed = any(s.tokens[k].norm in _RELAYED for k in range(hit.end, m.start))
                if s.doc.lang == "en" and not relayed:  # "according to the Tasnim news agency": alone, it claims
                    out.append(Frame("Asserted", hit.start, [], content, (hit.start, m.end), {m.entity}))
                continue  # Arabic "بحسب ما أفادت وكالة ..." stays a report (as a claim it lowered the dev claims)
            out.append(Frame("Asserted", hit.start, [m.entity], content, (hit.start, m.end)))
        return out

    def _cited_at(self, s: Sentence, c: int) -> int | None:
        """Where "وفق ما" / "بحسب ما" / "as" before the claim verb at c begins, if one is there."""
        return next((h.start for h in s.cues["reported_by"] if h.end <= c <= h.end + 1 and h.start > 0), None)

    def _plain_run(self, s: Sentence, a: int, b: int) -> bool:
        """Tokens a..b follow each other with no punctuation between."""
        return all(s.gap_is_plain(k - 1, k) for k in range(max(a, 1), b + 1))

    def _closes(self, s: Sentence, hit: CueHit, end: int) -> bool:
        """A speech verb that closes the sentence with its speaker: '..., X said', '..., said the commission',
        also with a relative clause about the speaker ('..., said the commission, which oversees ...')."""
        n = len(s.tokens)
        relative = [k for k in range(hit.end + 1, n) if s.tokens[k].norm in _RELATIVE_PRONOUNS]
        relative += [h.start for h in s.cues["claim_cues"] if h.start > hit.end]  # "..., adding that ..."
        close = min((k for k in relative if not s.gap_is_plain(k - 1, k)), default=n)
        return close - hit.end <= 8 and not self._has_trigger(s, hit.end, min(end, close))

    def _subject_before_aside(self, s: Sentence, ms: list[SMention], c: int) -> list[SMention]:
        """The subject that opens an English sentence, parted from its verb by an aside between commas
        ("Maj Gen X, speaking on behalf of the ministry, stated that ...", "The ministry's group Africa
        Corps, also known as REK, wrote that ..."): the name that closes the opening phrase."""
        if s.doc.lang != "en" or c < 2 or s.gap_is_plain(c - 1, c) or self._has_trigger(s, 0, c):
            return []
        if s.tokens[0].norm in _OPENING_PREPOSITIONS:  # "After talks with Iran, ..."
            return []
        comma = next((k for k in range(1, c) if not s.gap_is_plain(k - 1, k)), c)
        heads = [m for m in ms if m.end == comma and m.role != "adj" and self.lex_type(m.entity) != "Location"]
        return heads[-1:] if comma < c and comma <= 12 else []

    def _near(self, s: Sentence, end: int, cue: int) -> bool:
        """An actor just before a claim verb, with at most three plain words between
        ("Japan's defence ministry said"), none of them punctuation or a trigger."""
        if not 0 <= cue - end <= 3:
            return False
        if any(s.hits_at("triggers", k) or s.hits_at("complementizers", k) for k in range(end, cue)):
            return False
        # quotation marks around a name do not part it from its verb: 'متحدث باسم "الجبهة الوطنية" قال'
        return all(
            s.gap_is_plain(k - 1, k) or s.doc.text[s.tokens[k - 1].end : s.tokens[k].start].strip() in _QUOTES
            for k in range(max(end, 1), cue + 1)
        )

    def _has_trigger(self, s: Sentence, lo: int, hi: int) -> bool:
        return any(lo <= h.start < hi for h in s.cues["triggers"])

    def lex_type(self, key: str) -> str | None:
        ent = self.entity(key)
        return ent.type if ent else ("Person" if key.startswith("person/") else "Organization")

    def lex_kind(self, key: str) -> str | None:
        ent = self.entity(key)
        return ent.kind if ent else None

    # ------------------------------------------------------------ events
    def _near_hits(self, s: Sentence, group: str, i: int, before: int, after: int, lo: int, hi: int) -> list[CueHit]:
        return [h for h in s.cues[group] if max(lo, i - before) <= h.start <= min(hi - 1, i + after)]

    def trigger_type(self, s: Sentence, hit: CueHit, lo: int, hi: int) -> str | None:
        """The event type of a trigger, by the typing rules of the event table (kg/lexicons/events.json)."""
        i = hit.start

        def near(group: str, before: int, after: int) -> list[int]:
            if group == "aid":  # category words, else words for aid of no stated kind
                found = [
                    h.start for h in self._near_hits(s, "aid_categories", i, before, after, lo, hi) if h.start != i
                ]
                found = found or [h.start for h in self._near_hits(s, "aid_generic", i, before, after, lo, hi)]
                return found or self._carried(s, i, after, hi)
            return [h.start for h in self._near_hits(s, group, i, before, after, lo, hi)]

        k = hit.end
        while k < len(s.tokens) and s.hits_at("determiners", k):
            k += 1  # "brought the number": the word after the article
        nxt = s.tokens[k].norm if k < len(s.tokens) else ""
        return self.grammar.type_of(hit.labels, s.tokens[i].norm, nxt, near, self._story_kinds)

    def triggers(self, s: Sentence, lo: int, hi: int) -> list[Trigger]:
        out: list[Trigger] = []
        for hit in s.cues["triggers"]:
            if not (lo <= hit.start < hi):
                continue
            if hit.start > lo and s.hits_at("aid_vehicles", hit.start) and s.gap_is_plain(hit.start - 1, hit.start):
                before = hit.start - 1
                if s.hits_any(before, "weapon_words", "aid_categories", "aid_generic"):
                    continue  # "drone ships plying the Gulf", "aid ships": the vehicle, not the verb "ships"
                if s.doc.lang == "en" and (s.hits_at("determiners", before) or _number(s, before) is not None):
                    continue  # "a ship carrying rice", "two ships": the vessel
            if hit.start > lo and s.doc.lang == "en" and s.hyphen_before(hit.start):
                if s.tokens[hit.start - 1].text.islower():
                    continue  # "anti-ship missiles", "cargo-ship": a compound noun, not the verb "ship"
            typ = self.trigger_type(s, hit, lo, hi)
            if typ is None:
                continue
            if hit.labels[0] == "launch" and not self._launch_is_test(s, hit, hi):
                continue
            if typ == "WeaponsProduction" and self._made_in(s, hit.start):
                continue  # "طائرات مسيّرة إيرانية الصنع": where a weapon was made, no act of making
            if s.hits_at("trigger_nouns", hit.start) and self._topic_of_talks(s, hit.start, lo):
                continue  # "بحثا آليات تسريع إدخال المساعدات": what they talked about, not what happened
            noun = s.hits_at("trigger_nouns", hit.start) is not None
            family = _family(hit, typ)
            if {"give", "receive"} <= set(hit.labels):  # "تسلم": received when "من X" follows, else hands over
                near_from = any(s.hits_at("agent_markers", k) for k in range(hit.end, min(hi, hit.end + 3)))
                family = "receive" if near_from or self._received_after_subject(s, hit) else "give"
            if (
                out
                and out[-1].type == typ
                and not self._new_subject(s, out[-1].end, hit.start)
                and not (noun and self._second_verb(s, out[-1].end, hit.start))
            ):
                # "طائرة مساعدات إماراتية تصل": the verb leads; but "a letter from Modi expressing condolences",
                # and "رسالة شكر" (a letter of thanks) is one noun
                distance = hit.start - out[-1].end
                if out[-1].noun and not noun and (0 < distance if s.doc.lang == "ar" else distance <= 4):
                    out[-1] = Trigger(hit.start, hit.end, typ, family, noun)
                continue  # "أرسل ... تهنئة": one event told in several words; the first one leads
            out.append(Trigger(hit.start, hit.end, typ, family, noun))
        return out

    def _carried(self, s: Sentence, i: int, after: int, hi: int) -> list[int]:
        """The cargo of a vehicle told far from the verb: a word of carrying in the window after the trigger
        ("وصول الطائرة ... محمّلة بأربعين طناً من المواد الغذائية", "... carrying 40 tonnes of flour"), then
        aid words within eight words of it."""
        for k in range(i + 1, min(hi, i + after + 1)):
            if s.tokens[k].norm in _CARRYING:
                return [h.start for h in s.cues["aid_categories"] if k < h.start <= min(hi - 1, k + 8)]
        return []

    def _topic_of_talks(self, s: Sentence, k: int, lo: int) -> bool:
        """A word of talks, ways or efforts in the three words before the act's noun ("سبل تسهيل إدخال",
        "discussed ways to speed up deliveries")."""
        return any(s.hits_at("discussion_words", j) for j in range(max(lo, k - 3), k))

    def _made_in(self, s: Sentence, k: int) -> bool:
        """'إيرانية الصنع', 'روسي الصنع': a state's adjective, then the definite verbal noun of making."""
        if s.doc.lang != "ar" or k == 0 or not s.tokens[k].norm.startswith("ال") or not s.gap_is_plain(k - 1, k):
            return False
        m = self._entity_match(s, k - 1)
        return m is not None and m.end == k and m.entries[0].role == "adj"

    def _received_after_subject(self, s: Sentence, hit: CueHit) -> bool:
        """"الجيش السوداني تسلّم خلال الأشهر الماضية طائرات": after its subject, with nobody named right after it
        to be handed anything ("مصر تسلم السودان شحنة" hands over), the verb is the past "received"."""
        k = hit.start
        subject = k > 0 and s.gap_is_plain(k - 1, k) and self._mention_ending_at(s, k)
        if hit.end >= len(s.tokens) or self.lex.state_bodies.match_at(s.tokens, hit.end) is not None:
            return False  # "تركيا تسلم الجيش العراقي ...": the army is handed something
        nxt = self._entity_match(s, hit.end)
        return bool(subject) and (nxt is None or self.lex_type(nxt.entries[0].value) == "Location")

    def _mention_ending_at(self, s: Sentence, k: int) -> bool:
        """Whether a curated name ends just before token k (within the four words before it)."""
        return any((m := self._entity_match(s, j)) is not None and m.end == k for j in range(max(0, k - 4), k))

    def _launch_is_test(self, s: Sentence, hit: CueHit, hi: int) -> bool:
        """'fired two ballistic missiles into the East Sea', 'أطلقت صاروخين سقطا في بحر اليابان': a launch
        into open water with nothing aimed at is a test; 'fired missiles at ships in the Red Sea' is an attack."""
        toks = s.tokens
        water = [k for k in range(hit.end, hi) if self._open_water_at(s, k)]
        # "into the sea off its east coast", "في البحر": the sea no name is given
        water += [k for k in range(hit.end + 1, hi) if toks[k].norm in _SEA_WORDS and toks[k - 1].norm in _INTO]
        for k in range(hit.end, hi):
            if toks[k].norm in _TARGET_WORDS:  # "towards the Yellow Sea" aims at no one; "towards ships" does
                if not (toks[k].norm in _HEADINGS and any(k < w <= k + 2 for w in water)):
                    return False
        return bool(water)

    def _open_water_at(self, s: Sentence, k: int) -> bool:
        m = self._entity_match(s, k)
        if m is None or self.lex_type(m.entries[0].value) != "Location":
            return False
        place = self.known(m.entries[0].value)
        return place.country is None and _OPEN_WATER.search(" ".join(place.labels.get("en", []))) is not None

    def _second_verb(self, s: Sentence, a: int, b: int) -> bool:
        """'met X ... and received a letter from Y', 'met X, who handed him a letter from Y': 'and' or 'who' and
        a second verb before the noun start a second act."""
        toks = s.tokens
        return s.doc.lang == "en" and any(
            toks[k].norm in ("and", "who") and toks[k + 1].text.islower() and toks[k + 1].norm.endswith("ed")
            for k in range(a, b - 1)
        )

    def _new_subject(self, s: Sentence, a: int, b: int) -> bool:
        """', Albania sent 20 personnel' after 'Russia sent a team': a comma, then a state or body
        before the next trigger, is a new act of its own, not the same act told again."""
        commas = [k for k in range(a + 1, b) if not s.gap_is_plain(k - 1, k)]
        if not commas or s.doc.lang != "en":  # Arabic puts the subject after its verb
            return False
        for k in range(commas[-1], b):
            m = self._entity_match(s, k)
            if m and any(e.role == "name" for e in m.entries) and self.lex_type(m.entries[0].value) != "Location":
                return True
        return False

    def _count(self, s: Sentence, event_type: str, windows: list[tuple[int, int]]) -> int | None:
        """The number of what the event table counts for a type (its noun groups in order), looked for in
        each token window in turn."""
        for group in self.grammar.events[event_type].count:
            for lo, hi in windows:
                got = self.count_near(s, group, lo, hi)
                if got is not None:
                    return got
        return None

    def count_near(self, s: Sentence, noun_group: str, lo: int, hi: int) -> int | None:
        """The number of the first noun of a group in tokens lo..hi-1: '144 police officers', '200 additional
        troops', 'fifty Wagner fighters', 'a team of 46 members', 'فريق مكون من 46 عضوا'."""
        toks = s.tokens
        for hit in s.cues[noun_group]:
            if not (lo <= hit.start < hi):
                continue
            num = None
            k = hit.start - 1
            if k >= 0:
                num = _number(s, k)
                # one word between: "200 additional troops", "fifty Wagner fighters", "20 Rwandan soldiers"
                if num is None and k > 0 and toks[k].text.isalpha() and not is_arabic(toks[k].text):
                    num = _number(s, k - 1)
            if num is None and _is_dual(s.tokens[hit.end - 1].norm):
                num = 2  # the Arabic dual is its own number: "طائرتان سعوديتان", "مقتل جنديين"
            if num is None:  # the number after: "a team of 46 members", "قوة قوامها 500 جندي"
                j = hit.end
                while j < len(toks) and j - hit.end < 3 and toks[j].norm in _COUNT_LINKS:
                    j += 1
                if j > hit.end and j < len(toks):
                    got = s.cue_at("numbers", j)
                    num = _number(s, got.end - 1 if got else j)
            if num is not None:
                return num
        return None

    def events_in(self, s: Sentence, ms: list[SMention], lo: int, hi: int, ctx: dict) -> list[tuple[Event, int]]:
        """Events of one clause: a trigger each, roles from the actors around it."""
        trig = self.triggers(s, lo, hi)
        out: list[tuple[Event, int]] = []
        cited = {h.end for h in s.cues["reported_by"]} | {h.end + 1 for h in s.cues["reported_by"]}
        actors = [
            m
            for m in ms
            if m.actor
            and lo <= m.start < hi
            and not _inside(m, ctx["masked"])
            # "..., according to Egyptian state media": the source of the report takes no part in the act
            and not (m.start in cited and self.lex_type(m.entity) != "Location")
        ]
        ctx["actors"] = actors
        for n, t in enumerate(trig):
            scope = (trig[n - 1].end if n > 0 else lo, trig[n + 1].index if n + 1 < len(trig) else hi)
            before = [m for m in actors if scope[0] <= m.start < t.index]
            after = [m for m in actors if t.end <= m.start < scope[1]]
            marks = self._marks(s, before + after)
            t.maker = next((m.entity for m in before if m.end == t.index and s.hyphen_before(t.index)), None)
            if t.maker is None and s.tokens[t.index].norm in _MADE_AR:  # "مسيّرات صينية الصنع": Chinese-made
                made = [m for m in ms if m.role == "adj" and m.end == t.index and s.gap_is_plain(m.end - 1, t.index)]
                t.maker = made[0].entity if made else None
            if t.maker:  # "the militia used Turkish-supplied drones": Türkiye supplied them, the militia uses them
                before = [m for m in before if m.entity != t.maker or m.end != t.index]
            loc = self._location(s, ms, t, lo, hi)
            agents: list[str | None] = [*self._agents(s, ms, t, before, after, marks, lo, hi, ctx)] or [None]
            for agent in agents:
                ev = self._event(s, ms, t, agent, before, after, marks, loc, scope, lo, hi, ctx)
                if ev is None:
                    continue
                if len(agents) > 1 and t.family == "arrive":  # "150 soldiers from X and 80 officers from Y"
                    own = next((m for m in before + after if m.entity == agent), None)  # the noun just before it
                    ev.count = self._count(s, t.type, [(max(0, own.start - 5), own.start)]) if own else None
                joined = [  # "his Armenian and Azerbaijani counterparts", "to Sudan and Chad", "إلى السودان وليبيا"
                    replace(ev, recipient=other, reported_by=set(), evidence=[])
                    for other in self._joined_recipients(s, ev, after)
                ]
                if ev.type != "AidTransfer":
                    out += [(e, t.index) for e in joined]
                if ev.type == "Deployment":
                    ctx["deployer"] = ev.agent
                if ev.agent:
                    ctx["last_agent"] = ev.agent
                if ev.type != "AidTransfer":
                    out.append((ev, t.index))
                    continue
                lo_cat = t.index - (10 if t.family == "arrive" else 2)
                cats = [h for h in s.cues["aid_categories"] if lo_cat <= h.start < scope[1] and h.start != t.index]
                if not cats:  # passive, the goods first: "a plane carrying food ... had been dispatched"
                    cats = [h for h in s.cues["aid_categories"] if max(scope[0], t.index - 6) <= h.start < t.index]
                if not cats:  # "sent aid to ...", "مساعدات": aid of no stated kind is humanitarian
                    cats = [h for h in s.cues["aid_generic"] if lo_cat <= h.start < scope[1]]
                    if not cats and "HumanitarianAid" in self._story_kinds:  # a relief story's teams
                        cats = [h for h in s.cues["team_nouns"] if t.index - 8 <= h.start < scope[1]]
                    cats = [replace(cats[0], labels=["HumanitarianAid"])] if cats else []
                    if cats:  # until the story says what it was (see _refine)
                        self._generic.add(replace(ev, category="HumanitarianAid").key())
                for cat in _unique([h.labels[0] for h in cats]):
                    for each in [ev, *joined]:
                        out.append((replace(each, category=cat, reported_by=set(), evidence=[]), t.index))
        out += self.presence(s, ms, lo, hi, trig, ctx)
        return out

    def _agents(self, s, ms, t: Trigger, before, after, marks, lo, hi, ctx) -> list[str]:
        """Who acts; several when the subject is coordinated ("Egypt and Qatar sent ...")."""
        # "نقل إليه رسالة شكر من X": a verb carrying a message noun names its sender like the noun
        carried = t.type == "Communication" and any(
            s.hits_at("trigger_nouns", k) for k in range(t.end, min(len(s.tokens), t.end + 3))
        )
        if t.type == "Communication" and (t.noun or carried or self._received_call(s, t)):
            # "a letter from King Abdullah II to ...", "received a phone call from X": the sender is "from X"
            # within a few words, honorifics apart ("رسالة خطية من أخيه فخامة الرئيس ...")
            senders = [m for m in after if marks[id(m)] == "agent" and m.start - t.end <= 5]
            senders.sort(key=lambda m: m.role == "adj")  # "من نظيره الأردني أيمن الصفدي": the person, not "Jordanian"
            if senders:
                return [senders[0].entity]
        if t.family == "receive":  # "تلقت أوكرانيا مساعدات من الاتحاد الأوروبي": the giver is "from ..."
            giver = next((m.entity for m in after if marks[id(m)] == "agent"), None)
            # "تسلمت شحنات من صواريخ فتح الإيرانية": the maker's adjective names the giver
            giver = giver or next((m.entity for m in after if m.role == "adj" and marks[id(m)] != "opponent"), None)
            return [giver] if giver else []
        if t.maker and t.type in ("AidTransfer", "WeaponsProduction"):
            return [t.maker]
        if t.family == "arrive":
            return self._arriving(s, ms, t, before, after, marks, lo, hi, ctx)
        if t.noun and t.type != "Casualty":  # "Chinese transfers of ...", "China's delivery", "مساعدات إماراتية"
            owner = next((m for m in before if m.end == t.index and s.gap_is_plain(m.end - 1, t.index)), None)
            if owner is None and s.doc.lang == "en":  # "the supply of a Russian air defence system"
                k = t.end
                while k < len(s.tokens) and k - t.end < 3 and s.tokens[k].norm in ("of", "a", "an", "the", "new"):
                    k += 1
                owner = next((m for m in after if m.start == k and m.role == "adj"), None)
            if owner is None and s.doc.lang == "ar":
                owner = next(
                    (m for m in after if m.role == "adj" and m.start - t.end <= 3 and marks[id(m)] is None),
                    None,
                )
                if owner and any(t.end <= o.start < owner.start for o in after):
                    owner = None
            if owner and (owner.role == "adj" or owner.end == t.index):
                return [owner.entity]
        if t.type in ("Deployment", "Casualty"):
            owner = self.owner_of(s, ms, "forces_nouns" if t.type == "Deployment" else "people_nouns", lo, hi)
            if owner:
                return [owner]
        antecedent = self._relative_subject(s, t, before)
        if antecedent:  # "a call from President X, who thanked Oman", "الرئيس X الذي أرسل"
            return [antecedent]
        accused = self._accused(s, ms, t)
        if accused:  # "اتهم دقلو القاهرة بتدريب الجيش وإمداده", "accused the UAE of supplying"
            return [accused]
        if not before and self._in_exchange(s, t.index):
            # "X received help in exchange for sending troops", "مقابل إرسالها الجنود": X sends in return
            first = next((m for m in ms if m.actor and m.start < t.index and m.role != "adj"), None)
            if first and self.marker(s, first) is None:
                return [first.entity]
        plain = _unmarked(before, marks)
        if plain:  # "X and Y sent", "X و Y": the subject just before the verb, with what is joined to it
            return self._coordinated_run(s, plain, backward=True)
        agent = next((m.entity for m in after if marks[id(m)] == "agent" and m.start - t.end <= 4), None)
        if agent is None and s.doc.lang == "ar":  # verb first: "أرسلت مصر والسعودية مساعدات ..."
            plain = _unmarked(after, marks)
            if plain:
                return self._coordinated_run(s, plain)
        if agent is None and self._speaker_acts(s, t, lo) and self._can_act(ctx.get("claimant")):
            agent = ctx.get("claimant")
        agent = agent or ctx.get("last_agent")
        return [agent] if agent else []

    def _accused(self, s: Sentence, ms: list[SMention], t: Trigger) -> str | None:
        """The one accused of the act: the last actor between an accusing verb and the act's
        'بـ' / 'of' ('اتهم دقلو مصر بشن ...' -> Egypt, 'كما اتهم القاهرة بتدريب ... وإمداده' -> Cairo)."""
        hit = next((h for h in reversed(s.cues["accuse_verbs"]) if h.end <= t.index and t.index - h.end <= 14), None)
        if hit is None:
            return None
        toks = s.tokens
        words = range(hit.end, t.index + 1)
        stop = next((k for k in words if toks[k].norm == "of" or (k > hit.end and _BA.match(toks[k].norm))), None)
        if stop is None:
            return None
        objects = [m for m in ms if m.actor and hit.end <= m.start and m.end <= stop and m.role != "adj"]
        return objects[-1].entity if objects else None

    def _relative_subject(self, s: Sentence, t: Trigger, before: list[SMention]) -> str | None:
        """The one a relative pronoun right before the verb stands for: the name just before the pronoun."""
        k = t.index - 1
        if k > 0 and s.tokens[k].norm not in _RELATIVE_PRONOUNS and s.tokens[k].norm.endswith("ly"):
            k -= 1  # "who later thanked", "who recently sent"
        if k <= 0 or s.tokens[k].norm not in _RELATIVE_PRONOUNS:
            return None
        return next((m.entity for m in reversed(before) if m.end == k and m.role != "adj"), None)

    def _received_call(self, s: Sentence, t: Trigger) -> bool:
        """'received a phone call', 'تلقى اتصالا': the one who receives is called, not calling."""
        # "تلقى رئيس مجلس الوزراء وزير الخارجية القطري الشيخ محمد بن عبدالرحمن آل ثاني اتصالا": the subject
        # between, titles and all, with no other act in the way
        reach = 20 if s.doc.lang == "ar" else 3
        hits = s.cues["triggers"]
        return any(
            "receive" in h.labels
            and 0 < t.index - h.start <= reach
            and not any(h.start < o.start < t.index for o in hits)
            # "استقبل كيم ... شويغو، الذي نقل إليه رسالة": a relative clause has its own subject
            and not any(s.tokens[k].norm in _RELATIVE_PRONOUNS for k in range(h.end, t.index))
            for h in hits
        )

    def _can_act(self, key: str | None) -> bool:
        """Whether a speaker can be the one who sends or gives: a state, or a body that acts (an army, an
        armed group, a relief agency); not an analyst's think tank or an outlet."""
        ent = self.entity(key) if key else None
        return ent is not None and (ent.type == "Country" or (ent.type == "Organization" and ent.kind is not None))

    def _speaker_acts(self, s: Sentence, t: Trigger, lo: int) -> bool:
        """Whether the speaker of the claim around t is its subject: 'Pyongyang said it had sent', 'قوات
        نُشرت' (passive), 'X announced the dispatch of'. Otherwise a speaker is never the agent it reports."""
        if t.noun:  # "X announced the dispatch of ...": but "the shipments" / "هذه الشحنات" point back, not to X
            before = s.tokens[t.index - 1].norm if t.index else ""
            after = s.tokens[t.end].norm if t.end < len(s.tokens) else ""
            if before in ("هذه", "هذا", "تلك", "these", "those", "this"):
                return False
            if t.type in ("WeaponsTest", "WeaponsProduction"):  # "announced the start of production of X",
                # "أنه أجرى بنجاح تجربة": right after the claim's own verb or with the speaker's pronoun; not
                # "... will require increased warhead production"
                return any(0 <= t.index - h.end <= 4 for h in s.cues["claim_cues"]) or any(
                    s.hits_at("speaker_subjects", k) for k in range(max(lo, t.index - 6), t.index)
                )
            return not (before == "the" and after != "of")
        if t.family == "arrive":
            return True
        if any(s.hits_at("speaker_subjects", k) for k in range(max(lo, t.index - 6), t.index)):
            return True
        word = s.tokens[t.index].text
        if s.doc.lang == "en" and word.endswith("ing") and t.index > 0:
            k = t.index - 1
            while k > 0 and s.tokens[k].norm.endswith("ly"):
                k -= 1  # "has repeatedly denied arming"
            cue = s.hits_at("claim_cues", k)  # "Tehran denies supplying weapons", "admitted sending": its own act
            if cue and (cue.labels[0] == "Denied" or s.tokens[k].norm.startswith(("admit", "acknowledg", "confirm"))):
                return True
        return len(word) > 1 and word[1] == "\u064f"  # Arabic passive written with its damma: "نُشرت"

    def _joined_recipients(self, s: Sentence, ev: Event, after: list[SMention]) -> list[str]:
        """Recipients joined by "and" / "و" to the one found: each receives too."""
        if ev.type not in ("Communication", "Deployment", "AidTransfer") or ev.recipient is None:
            return []
        states = ev.type != "Communication"
        first = next((m for m in after if m.entity == ev.recipient or self.as_state(m.entity) == ev.recipient), None)
        if first is None:
            return []
        run = self._coordinated_run(s, after[after.index(first) :])
        others = [self.as_state(e) if states else e for e in run[1:]]
        return [e for e in _unique(others) if e not in (ev.recipient, ev.agent)]

    def _marks(self, s: Sentence, ms: list[SMention]) -> dict[int, str | None]:
        """Each mention's role marker; a mention joined by "and" to a marked one shares its marker
        ("from Egypt and the United States")."""
        marks: dict[int, str | None] = {}
        prev = None
        for m in ms:
            mark = self.marker(s, m)
            if mark is None and prev is not None and marks[id(prev)] and self._coordinated(s, prev, m):
                mark = marks[id(prev)]
            if (  # "in Cairo, Egypt,": the country of a place is where, not who
                mark is None
                and prev is not None
                and marks[id(prev)] == "oblique"
                and m.start == prev.end
                and s.doc.text[s.tokens[prev.end - 1].end : s.tokens[m.start].start].strip() == ","
                and self.lex_type(m.entity) == "Country"
            ):
                mark = "oblique"
            marks[id(m)] = mark
            prev = m
        return marks

    def _arriving(self, s, ms, t: Trigger, before, after, marks, lo, hi, ctx) -> list[str]:
        """Who sends what arrives: 'a team from Israel', 'Russian instructors', 'طائرة إماراتية', 'وحدات من
        الجيش التركي'; else the subject of a sending verb before it, else whoever reports it ("Kenya said ...")."""
        near = [m for m in before + after if abs(m.start - t.index) <= 12]
        dest = self._destination(s, t, after, marks)
        if (
            self._last_agent
            and any(s.tokens[k].norm in ("they", "it") for k in range(max(lo, t.index - 3), t.index))
            and not _unmarked(before, marks)
        ):  # "State media report that they arrived with ...": the ones told before
            return [self._last_agent]
        # "from X": the sender ("a team from Israel"), but a capital after "from" is where a plane left from
        givers = [m.entity for m in near if marks[id(m)] == "agent" and m.entity != dest and m.role != "metonym"]
        if len(givers) > 1 and t.type == "Deployment":  # "150 soldiers from El Salvador and 80 officers from Jamaica"
            return _unique(givers)
        giver = givers[0] if givers else None
        if giver is None:
            owner = self.owner_of(s, ms, "forces_nouns", max(lo, t.index - 8), min(hi, t.end + 6))
            giver = owner
        if giver is None:
            plain = [m for m in _unmarked(before, marks) if self.lex_type(m.entity) != "Location"]
            giver = plain[-1].entity if plain else None
        if giver is None:  # the adjective of what arrives: "Spanish rescue team", "قافلة المساعدات المصرية"
            heads = [t.index, t.end - 1] + [
                k
                for g in ("aid_categories", "aid_generic", "aid_vehicles", "forces_nouns")
                for h in s.cues[g]
                for k in (h.start, h.end - 1)
            ]
            adjs = [
                m
                for m in near
                if (m.role == "adj" or self._names_a_kind(s, m))  # "a Saudi aid plane": Saudi as an adjective
                and marks[id(m)] not in ("opponent", "recipient")
                and self.as_state(m.entity) != self.as_state(dest)
                and any(-1 <= m.start - k <= 3 or 0 <= k - m.end <= 1 for k in heads)
            ]
            if adjs:  # "3 طائرات أخرى (إماراتية ومصرية وفرنسية)": each adjective joined to the first sends one
                run = [m for m in ms if m.start >= adjs[0].start and (m.role == "adj" or m is adjs[0])]
                return self._coordinated_run(s, run)
        giver = giver or ctx.get("claimant")
        if giver is None and t.type == "Deployment" and dest:  # "1,000 fighters arrived in Libya": sent by
            giver = self._sent_to.get(self._host(dest) or dest)  # whoever the story said sends forces there
        return [giver] if giver else []

    def _people_named(self, s: Sentence, t: Trigger, agent: str | None) -> str | None:
        """A people named as those it is for, after the verb: 'إلى الشعب الفلسطيني', 'لأهالي غزة', 'to the
        Sudanese people', 'for the people of Gaza'."""
        toks = s.tokens
        for k in range(t.end, len(toks) - 1):
            if toks[k].norm not in _PEOPLE_OF:
                continue
            prev = toks[k - 1].norm if k > 0 else ""
            if toks[k].norm in _PEOPLE_OF_BARE and prev not in _ONWARD_WORDS and prev not in ("for", "the"):
                continue
            for j in (k + 1, k + 2, k - 1):  # "الشعب الفلسطيني", "people of Gaza", "Sudanese people"
                m = self._entity_match(s, j) if 0 <= j < len(toks) else None
                host = self._host(m.entries[0].value) if m else None
                if host and host != agent:
                    return host
        return None

    def _to_anyone(self, s: Sentence, t: Trigger) -> bool:
        """'to any party', 'to either side', 'إلى أي من أطراف النزاع': a receiver left open on purpose."""
        toks = s.tokens
        return any(
            toks[k].norm in _TO_WORDS and toks[k + 1].norm in _ANY
            for k in range(t.end, min(len(toks) - 1, t.end + 14))
        )

    def _onward(self, s: Sentence, t: Trigger, agent: str | None) -> str | None:
        """Where what arrived at a facility goes on to: 'landed at Al-Arish airport ..., to be taken into Gaza',
        'هبطت في مطار العريش ... تمهيداً لإدخالها إلى غزة'. The first place after 'إلى' / 'into' / 'to'."""
        toks = s.tokens
        for k in range(t.end, len(toks) - 1):
            if toks[k].norm not in _ONWARD_WORDS:
                continue
            m = self._entity_match(s, k + 1)
            host = self._host(m.entries[0].value) if m else None
            if host and host != agent:
                return host
        return None

    def _people_in_place(self, s: Sentence, t: Trigger, agent: str | None) -> str | None:
        """The country of those given to, told as people in a place: 'to displaced families in Nineveh',
        'to any party in Sudan', 'على ثلاثة آلاف أسرة نازحة في مخيمات الموصل', 'لأسر نازحة في مأرب'."""
        toks = s.tokens
        for k in range(t.end, min(len(toks), t.end + 14)):
            word = toks[k].norm
            to = word in _TO_WORDS or s.hit_ending_at("recipient_markers", k) is not None
            to = to or (is_arabic(word) and word.startswith("ل") and len(word) > 3 and not self._entity_match(s, k))
            if not to:
                continue
            for j in range(k + 1, min(len(toks), k + 6)):
                m = self._entity_match(s, j)
                host = self._host(m.entries[0].value) if m else None
                if host and host != agent and any(toks[i].norm in ("في", "in") for i in range(max(k, j - 2), j)):
                    return host
            return None
        return None

    def _names_a_kind(self, s: Sentence, m: SMention) -> bool:
        """A country's name used as its adjective, right before what is sent: 'Saudi aid plane', 'US troops'."""
        return (
            m.role == "name"
            and self.lex_type(m.entity) == "Country"
            and m.end < len(s.tokens)
            and s.gap_is_plain(m.end - 1, m.end)
            and s.hits_any(m.end, "aid_generic", "aid_vehicles", "aid_categories", "forces_nouns")
        )

    def _destination(self, s, t: Trigger, after, marks) -> str | None:
        """Where something arrives: the first country or place after the verb ('in Haiti', 'إلى مطار دمشق')."""
        for m in after:
            if marks[id(m)] not in (None, "recipient", "oblique") or m.role == "adj" or self._names_a_kind(s, m):
                continue
            if marks[id(m)] is None and m.start - t.end > 2:  # "entered Gaza", "دخلت ... قطاع غزة"
                continue
            host = self._host(m.entity)
            if host:
                return host
            # a place of no known country ("the Incirlik military base"): look on ("... in Konya")
        return None

    def _coordinated_run(self, s: Sentence, ms: list[SMention], backward: bool = False) -> list[str]:
        """The first mention (the last one when backward) and those joined to it by "and"/"و", in text order."""
        seq = ms[::-1] if backward else ms
        group = [seq[0]]
        for m in seq[1:]:
            left, right = (m, group[-1]) if backward else (group[-1], m)
            if not self._coordinated(s, left, right):
                break
            group.append(m)
        return [m.entity for m in (group[::-1] if backward else group)]

    def _coordinated(self, s: Sentence, left: SMention, right: SMention) -> bool:
        if right.start == left.end + 1 and s.tokens[left.end].norm in ("and", "&"):
            return s.gap_is_plain(left.end - 1, left.end) and s.gap_is_plain(left.end, right.start)
        if right.start == left.end + 2 and s.tokens[left.end].norm == "and" and s.tokens[left.end + 1].norm == "the":
            return self._plain_run(s, left.end, right.start)  # "Egypt and the United States"
        return right.start == left.end and right.proclitic.startswith("و") and s.gap_is_plain(left.end - 1, right.start)

    def _location(self, s: Sentence, ms: list[SMention], t: Trigger, lo: int, hi: int) -> str | None:
        places = [m for m in ms if self.lex_type(m.entity) == "Location"]
        in_clause = [m for m in places if lo <= m.start < hi]
        loc = next((m.entity for m in in_clause if m.start >= t.index), None)
        loc = loc or next((m.entity for m in in_clause), None)
        if loc is None and t.type == "Casualty":  # the place of the deaths is often told in the clause before
            loc = next((m.entity for m in places), None)
        return loc

    def _recipient(self, s, t: Trigger, agent, before, after, marks, loc, ctx) -> str | None:
        """Who receives: a marked actor (إلى, ل, to), a direct object of supply verbs, the host of the place."""
        if t.family == "receive":  # the receiver is the subject, or the speaker ("بلاده تلقت")
            plain = _unmarked(before, marks)
            if plain:
                return plain[-1].entity
            if s.doc.lang == "ar":
                plain = _unmarked(after, marks)
                if plain:
                    return plain[0].entity
            return ctx.get("claimant")
        words = self.grammar.events[t.type].recipient_after
        if words:  # the table names the words before the recipient ("sanctions on X", "عقوبات على X")
            for m in after:
                k = m.start - 1
                while k >= 0 and s.hits_at("determiners", k):
                    k -= 1
                if k >= 0 and (s.tokens[k].norm in words or m.proclitic in words) and m.entity != agent:
                    return m.entity
        if t.family == "arrive":
            people = self._people_named(s, t, agent)
            if people:  # "... إلى مطار العريش ... المقدمة إلى الشعب الفلسطيني في قطاع غزة": whom it is for
                return people
            dest = self._destination(s, t, after, marks)
            if dest is None and loc:  # "arrived at Ataturk Airport": the country of the place, if known
                dest = self._host(loc) or (None if self.known(loc).kind == "Facility" else loc)
            return dest or self._onward(s, t, agent) or self._story_recipient(t, agent)
        agent_ent = self.entity(agent) if agent else None
        home = agent_ent.country if agent_ent else None  # an NGO's own country
        pool = [m for m in after if m.entity not in (agent, home) and self.as_state(m.entity) != agent]
        for_whom = self._for_whom(s, t, ctx.get("actors", []), {agent, home})
        if for_whom:  # "sent jets to Libya to support Haftar's forces": whom it is for, not where it goes
            return self._host(for_whom) or for_whom
        marked = [m for m in pool if marks[id(m)] == "recipient"]
        if marked:  # "delivered wheat to the port of Hodeidah": to the country the place lies in
            return self._host(marked[0].entity) or marked[0].entity
        if t.type in ("AidTransfer", "Deployment"):  # "sent weapons to any party in Sudan", "لأسر نازحة في مأرب"
            anyone = self._to_anyone(s, t)
            military = any(h.labels[0] in _MILITARY_KINDS for h in s.cues["aid_categories"] if h.start > t.index)
            if anyone and military and self._story_kinds & _MILITARY_KINDS:
                # "has not supplied any weapons to any party in Sudan" after drones to the RSF: where arms went
                return self._story_recipient(t, agent)
            where = self._people_in_place(s, t, agent)
            if where:
                return where
            if anyone:  # "لم ترسل أي أسلحة إلى أي من أطراف النزاع": to nobody named
                return None
        if t.maker:  # the user of what the maker supplied: the subject
            users = [m for m in _unmarked(before, marks) if self.lex_type(m.entity) != "Location"]
            return users[-1].entity if users else None
        if t.family in ("supply_with", "give") and _ENCLITIC.search(s.tokens[t.index].norm):
            named = [m for m in before if marks[id(m)] is None and m.role != "adj" and m.entity != agent]
            named = [m for m in named if self.as_state(m.entity) != agent]
            if named:  # "بتدريب الجيش السوداني وإمداده بطائرات": "him" is the army
                return named[-1].entity
        if t.family in ("supply_with", "give"):  # "زودت بيونغ يانغ موسكو ب...", "sold Iran jets"
            plain = _unmarked(pool, marks)
            # "سلمت كوريا الشمالية روسيا قذائف": verb, subject, then the one given to
            subject_end = next((m.end for m in after if agent in (m.entity, self.as_state(m.entity))), None)
            if plain and (t.family == "supply_with" or plain[0].start - t.end <= 1 or plain[0].start == subject_end):
                return plain[0].entity
        if t.type == "Communication":  # close to the verb, or to its subject when the verb comes first
            if self._received_call(s, t):  # "Albusaidi received a phone call from X": the subject is called
                subject = [m for m in _unmarked(before, marks) if m.entity != agent]
                # "X met Y ... and received a letter from Z": the subject of both verbs, not the one met
                before_verb = {s.tokens[k].norm for k in range(max(0, t.index - 4), t.index - 2)}
                if s.doc.lang == "en" and "and" in before_verb:
                    first = self._first_subject(s, ctx.get("actors", []), t.index, agent)
                    if first:
                        return first
                if subject:
                    return subject[-1].entity
            told = self._told_by_messenger(s, t, ctx.get("actors", []), agent)
            if told:  # "X met Y, who handed him a letter from Z", "استقبل X Y الذي نقل إليه رسالة من Z"
                return told
            handed = self._handed_to(s, t, before, marks, agent)
            if handed:  # "handed Kim a personal message from Putin": the one between the verb and the message
                return handed
            anchors = [t.end] + [m.end for m in after if m.entity == agent]
            plain = [m for m in pool if marks[id(m)] in (None, "with") and any(0 <= m.start - a <= 3 for a in anchors)]
            # "أجرى اتصالاً هاتفياً بالشيخ محمد بن زايد", "اتصل بنظيره": whom the call was made to
            plain += [m for m in pool if "ب" in m.proclitic and 0 <= m.start - t.end <= 2 and m not in plain]
            # "held talks in Muscat on Tuesday with Badr Albusaidi": "with" names the other side at any distance
            plain = plain or [m for m in pool if marks[id(m)] == "with" and m.role != "adj"]
            plain.sort(key=lambda m: m.role == "adj")  # "نظيره الأمريكي ماركو روبيو": the person, not "American"
            return plain[0].entity if plain else None
        if t.type not in ("Deployment", "AidTransfer"):
            return None
        host = self._host(loc)
        if host and host != agent:
            return host
        hosts = [m for m in pool if self.lex_type(m.entity) == "Country" and self._in_place(s, m)]
        if t.type == "Deployment" and hosts:  # "نشرت تركيا قوات في سوريا": the host country
            return hosts[0].entity
        adj = [m for m in pool if m.role == "adj" and marks[id(m)] != "opponent"]
        return adj[0].entity if adj else self._story_recipient(t, agent)

    def _handed_to(
        self, s: Sentence, t: Trigger, before: list[SMention], marks: dict[int, str | None], agent: str | None
    ) -> str | None:
        """'handed Kim a message', 'delivered the president a letter': the receiver between a verb of giving and
        the message noun."""
        if not t.noun:
            return None
        verb = next(
            (h for h in s.cues["triggers"] if {"give", "send"} & set(h.labels) and 0 < t.index - h.end <= 5), None
        )
        if verb is None:
            return None
        between = [
            m for m in before if verb.end <= m.start and m.end <= t.index and marks[id(m)] is None and m.role != "adj"
        ]
        between = [m for m in between if m.entity != agent and self.lex_type(m.entity) != "Location"]
        return between[0].entity if between else None

    def _told_by_messenger(self, s: Sentence, t: Trigger, actors: list[SMention], agent: str | None) -> str | None:
        """A message carried by someone who 'handed him' / 'نقل إليه' it: 'him' is the clause's first subject."""
        toks = s.tokens
        pronoun = next((k for k in range(max(1, t.index - 3), t.index) if toks[k].norm in _OBJECT_PRONOUNS), None)
        if pronoun is None or not any(toks[k].norm in _RELATIVE_PRONOUNS for k in range(max(0, pronoun - 3), pronoun)):
            return None
        return self._first_subject(s, actors, pronoun, agent)

    def _first_subject(self, s: Sentence, actors: list[SMention], end: int, agent: str | None) -> str | None:
        """The clause's first actor before token end, if it is an unmarked subject other than the agent."""
        first = next((m for m in actors if m.start < end and m.role != "adj"), None)
        if first is None or first.entity == agent or self.marker(s, first) is not None:
            return None
        return first.entity

    def _story_recipient(self, t: Trigger, agent: str | None) -> str | None:
        """Aid or forces sent with no receiver named ('Hungary announced the dispatch of 7 rescue teams',
        'Guatemala had sent additional officers') go where the story's earlier transfers of that kind went;
        aid with none before goes to the country the story is about, when it is named there twice. Never to
        the giver itself."""
        if t.type not in ("AidTransfer", "Deployment"):
            return None
        before = self._received.get(t.type, {})
        if not before and t.type == "AidTransfer":  # what forces brought goes where they went
            before = self._received.get("Deployment", {})
        where = max(before, key=lambda k: before[k]) if before else None
        if where is None and t.type == "AidTransfer" and self._home_named >= 2:
            where = self._home
        giver = self.entity(agent) if agent else None
        if where is None or self.as_state(agent) == where or (giver and giver.country == where):
            return None  # the Egyptian Red Crescent gives in Gaza, not to Egypt
        return where

    def _event(self, s, ms, t: Trigger, agent, before, after, marks, loc, scope, lo, hi, ctx) -> Event | None:
        ev = Event(t.type, location=loc)
        spec = self.grammar.events[t.type]
        if spec.state_roles:
            agent = self.as_state(agent)
        if t.type == "Casualty":
            victims = self.victims(s, ms, max(lo, t.index - 8), min(hi, t.end + 4))
            affected = victims[1] if victims else self._named_fighters(s, max(lo, t.index - 8), min(hi, t.end + 4))
            if affected is None and agent and self.owner_of(s, ms, "people_nouns", lo, hi):
                affected = agent
            if affected is None:  # the object of the killing: "killed dozens of Wagner mercenaries", "مقتل عنصر من X"
                obj = next(
                    (
                        m
                        for m in after
                        if m.start - t.end <= 4
                        and marks[id(m)] is None
                        and m.role in ("name", "title")
                        and self.lex_type(m.entity) != "Location"
                    ),
                    None,
                )
                affected = obj.entity if obj else None
            affected = affected or ctx.get("deployer") or self._struck(s, ms, t, lo)
            soldiers = any(t.index - 8 <= h.start <= t.end + 4 for h in s.cues["forces_nouns"])
            if affected is None and soldiers and self._can_act(ctx.get("claimant")):
                affected = ctx.get("claimant")  # "أكد الجيش الإسرائيلي مقتل جنديين في جنوب لبنان": its own soldiers
            if affected is None:  # "claimed 1,200 lives in Pakistan"
                inside = [
                    m
                    for m in after
                    if m.role == "name" and self.lex_type(m.entity) == "Country" and self._in_place(s, m)
                ]
                affected = inside[0].entity if inside else None
            if affected is None and loc:
                affected = self.known(loc).country
            if affected is None:  # "killing two civilians on the Indian side", "في الجانب الإسرائيلي"
                side = [m for m in after if m.end - t.end <= 8 and _is_side(s, m)]
                affected = side[0].entity if side else None
            if affected is None:  # "the flooding that Pakistan is going through and the casualties"
                speaker = self.as_state(ctx.get("claimant"))
                named = [
                    m.entity
                    for m in before
                    if t.index - m.end <= 8 and self.lex_type(m.entity) == "Country" and m.entity != speaker
                ]
                affected = named[-1] if named else None
            affected = affected or ctx.get("claimant")  # "Armenian officials reported one casualty"
            ev.affected = self.as_state(affected)
            ev.count = victims[0] if victims else self.count_near(s, "people_nouns", max(lo, t.index - 8), t.end + 5)
        else:
            ev.agent = agent
            recipient = None  # the table's roles say whether the type has one (WeaponsProduction has none)
            if "recipient" in spec.roles:
                recipient = self._recipient(s, t, agent, before, after, marks, loc, ctx)
            ev.recipient = self.as_state(recipient) if spec.state_roles else recipient
        if spec.count and t.type != "Casualty":  # the number of what the table counts ("144 police officers")
            # what the act moves first ("sent a team of 100, ... a team of 57"), then its subject ("144 ... arrived")
            ev.count = self._count(s, t.type, [(t.end, scope[1]), (scope[0], t.index)])
        if not _complete(ev, spec.required) or (ev.agent and ev.agent == ev.recipient):
            return None
        return ev

    def _named_fighters(self, s: Sentence, lo: int, hi: int) -> str | None:
        """'20 rebels were slain' after 'Tuareg rebels': the one group of such fighters the story named."""
        for hit in s.cues["people_nouns"]:
            word = s.tokens[hit.start].norm
            if lo <= hit.start < hi and word in _ARMED_PEOPLE:
                groups = [k for k, e in self._new.items() if e.kind == "ArmedGroup" and k.endswith("_" + word)]
                if len(groups) == 1:
                    return groups[0]
        return None

    def _struck(self, s: Sentence, ms: list[SMention], t: Trigger, lo: int) -> str | None:
        """Whom a strike told before the deaths hit: 'ضربة جوية على وكر لتنظيم داعش ... ما أسفر عن مقتل أربعة',
        'a drone strike on Hamas positions killed two': the actor just after 'on / against / على' before the
        trigger in its sentence."""
        for hit in reversed([h for h in s.cues["opponent_markers"] if lo <= h.start < t.index]):
            if s.tokens[hit.start].norm in ("with", "مع"):
                continue  # "fighting with": a side, not a target
            target = next((m for m in ms if m.actor and hit.end <= m.start <= hit.end + 2 and m.role != "adj"), None)
            if target and self.lex_type(target.entity) != "Location":
                return target.entity
        return None

    def victims(self, s: Sentence, ms: list[SMention], lo: int, hi: int) -> tuple[int, str] | None:
        """'35 Palestinians', '12 جنديا كوريا شماليا': a number with the people's nationality."""
        for m in ms:
            if m.role != "adj" or not (lo <= m.start < hi) or m.start == 0:
                continue
            k = m.start - 1
            if s.hits_at("people_nouns", k) and k > 0:
                k -= 1
            num = _number(s, k)
            if num is None and k > 0 and s.tokens[k].text.isalpha() and s.tokens[k].text.islower():
                num = _number(s, k - 1)  # "13 surviving Filipinos", "three wounded Syrians"
            if num is not None:
                return num, m.entity
        return None

    def _alongside(self, s: Sentence, ms: list[SMention], lo: int, hi: int) -> str | None:
        """The state of whoever forces fight beside: 'alongside Syrian government forces' -> Syria."""
        for hit in s.cues["alongside_markers"]:
            if lo <= hit.start < hi:
                k = hit.end
                while k < len(s.tokens) and s.hits_any(k, "determiners", "forces_nouns"):
                    k += 1
                side = next((m for m in ms if hit.end <= m.start <= k + 2 and m.role in ("name", "adj", "title")), None)
                if side:
                    return self.as_state(side.entity)
        return None

    def presence(
        self, s: Sentence, ms: list[SMention], lo: int, hi: int, trig: list[Trigger], ctx: dict | None = None
    ) -> list[tuple[Event, int]]:
        """Troops of one country in a place of another with no verb: 'قوات بيونغ يانغ في إقليم كورسك'."""
        out: list[tuple[Event, int]] = []
        ctx = ctx or {}
        if any(t.type == "Deployment" for t in trig):
            return out
        # "the Russians were in the country": a nation's people told as a group are its forces there
        nationals = [
            (m, m.entity)
            for m in ms
            if s.doc.lang == "en"
            and m.role == "adj"
            and m.start > 0
            and s.tokens[m.start - 1].norm == "the"
            and s.tokens[m.end - 1].text.endswith("s")
            and m.end < len(s.tokens)
            and s.tokens[m.end].norm in _BE_VERBS
        ]
        for hit, known in [(h, None) for h in s.cues["forces_nouns"]] + nationals:
            if not (lo <= hit.start < hi):
                continue
            owner = known or self.owner_of(s, ms, "forces_nouns", hit.start, hit.start + 1)
            pronoun = s.cue_at("possessive_pronouns", hit.end) or (
                hit.start and s.cue_at("possessive_pronouns", hit.start - 1)
            )
            if owner is None and pronoun:  # "وجود قوات لها في سوريا", "its troops in Syria": the speaker's
                owner = ctx.get("claimant")
            if owner is None:
                continue
            owner = self.as_state(owner)
            beside = self._alongside(s, ms, hit.end, min(hi, hit.end + 8))
            if beside and beside != owner:  # "قوات روسية خاصة تقاتل إلى جانب القوات السورية"
                out.append((Event("Deployment", agent=owner, recipient=beside), hit.start))
                continue
            fighting = any(hit.end <= h.start < hit.end + 6 for h in s.cues["alongside_markers"])
            reach = 12 if fighting else 5  # "قوات لها تقاتل إلى جانب القوات الحكومية على الأرض في سوريا"
            for m in ms:
                if not (hit.end < m.start <= hit.end + reach) or self.marker(s, m) != "oblique":
                    continue
                ent = self.entity(m.entity)
                host = (
                    ent.country
                    if ent and ent.type == "Location"
                    else (m.entity if ent and ent.type == "Country" else None)
                )
                if host and host != owner:
                    loc = m.entity if ent and ent.type == "Location" else None
                    out.append((Event("Deployment", agent=owner, recipient=host, location=loc), hit.start))
                    break
            else:  # "in the country": the country the story is about
                tail = [t.norm for t in s.tokens[hit.end : min(hi, hit.end + 4)]]
                in_country = ["in", "the", "country"] in (tail[:3], tail[1:4])  # "(were) in the country"
                if in_country and self._home and self._home != owner:
                    out.append((Event("Deployment", agent=owner, recipient=self._home), hit.start))
        return out

    def _short_names(self, per_sentence: list, new: dict[str, Entity]) -> None:
        """A person found by pattern is named again by one part of the name: "Maria Zakharova said ...
        Zakharova added", "Lai Ching-te ... with Lai". Only words of three letters or more that no
        lexicon knows, capitalised in English."""
        parts: dict[str, set[str]] = {}
        for key, ent in new.items():
            if ent.type == "Organization":  # "National Disaster Management Authority (NDMA) ... the NDMA"
                for name in ent.labels.get("en", []):
                    if re.fullmatch(r"[A-Z][A-Za-z]{1,7}", name) and name.upper() == name:
                        parts.setdefault(normalize(name), set()).add(key)
                continue
            if ent.type != "Person":
                continue
            for name in (n for names in ent.labels.values() for n in names):
                toks = tokenize(name)
                if is_arabic(name):  # Arabic names repeat by the family name only ("عراقجي"), never "عبد"
                    toks = toks[-1:]
                for tok in toks:
                    if len(tok.norm) >= 3 and tok.norm not in _NOT_NAMES and tok.norm not in _NAME_PARTICLES:
                        parts.setdefault(tok.norm, set()).add(key)
        # curated people named in the story, by their English family name ("Badr Albusaidi ... Albusaidi")
        named = {m.entity for _, ms in per_sentence for m in ms if m.entity.startswith("person/")}
        lang = per_sentence[0][0].doc.lang if per_sentence else "en"
        for key in named - set(new):  # and by the Arabic one in Arabic ("محمد حمدان دقلو ... اتهم دقلو")
            person = self.lex.entities.get(key)
            for name in person.labels.get(lang, []) if person else []:
                last = _family_name(name)
                for tok in last:
                    if len(tok.norm) >= 4 and tok.norm not in _NOT_NAMES and tok.norm not in _NAME_PARTICLES:
                        parts.setdefault(tok.norm, set()).add(key)
        parts = {w: keys for w, keys in parts.items() if len(keys) == 1}  # a part two people share names neither
        if not parts:
            return
        for s, ms in per_sentence:
            covered = {i for m in ms for i in range(m.start, m.end)}
            for i, tok in enumerate(s.tokens):
                if i in covered or tok.norm not in parts or (s.doc.lang == "en" and not tok.text[:1].isupper()):
                    continue
                if self.lex.names.match_at(s.tokens, i) or s.hits_any(i, "triggers", "claim_cues"):
                    continue
                ms.append(SMention(next(iter(parts[tok.norm])), i, i + 1, "name"))
            ms.sort(key=lambda m: (m.start, -m.end))

    def _qualified_bodies(self, per_sentence: list, new: dict[str, Entity]) -> None:
        """A body found by pattern and named again with its place, or the other way round ("جهاز مكافحة
        الإرهاب في الإقليم ... جهاز مكافحة الإرهاب في إقليم كردستان"): one body, under the fuller name."""
        orgs = {k: e for k, e in new.items() if e.type == "Organization"}
        fuller: dict[str, str] = {}
        for key, ent in orgs.items():
            names = [n for ns in ent.labels.values() for n in ns]
            longer = {
                other
                for other, o in orgs.items()
                if other != key
                and any(m.startswith((n + " في ", n + " in ")) for n in names for ns in o.labels.values() for m in ns)
            }
            if len(longer) == 1:
                fuller[key] = longer.pop()
        if not fuller:
            return
        for _, ms in per_sentence:
            ms[:] = [replace(m, entity=fuller.get(m.entity, m.entity)) for m in ms]
        for key in fuller:
            del new[key]

    def _mute_appositions(self, s: Sentence, ms: list[SMention]) -> None:
        """'Luo Zhaohui, chairman of the China ... Agency, made the announcement': the body in the
        apposition describes the person; it is not the subject of what follows."""
        toks = s.tokens
        for m in ms:
            if self.lex_type(m.entity) != "Person" or not self._appositive(s, m.end):
                continue
            close = next(
                (k for k in range(m.end + 1, len(toks)) if s.doc.text[toks[k - 1].end : toks[k].start].strip() == ","),
                None,
            )
            if close is None:
                continue
            for other in ms:
                if m.end <= other.start < close:
                    other.actor = False
                    person = self._new.get(m.entity)
                    if person is not None and person.country is None and other.role == "name":
                        person.country = other.entity  # "Luo Zhaohui, chairman of the China ... Agency": serves it

    def _mute_datelines(self, doc: Document, per_sentence: list) -> None:
        """Mentions in the dateline that opens a story ('CAIRO, Egypt (Reuters) —') are no actors."""
        firsts = {span.start for span in doc.keep[:4]}
        for s, ms in per_sentence:
            if s.start not in firsts:
                continue
            m = _DATELINE_HEAD.match(s.text)
            if m is None or len(s.text[: m.end()].split()) > 9:
                continue
            end = s.start + m.end()
            for mention in ms:
                if s.tokens[mention.start].start < end:
                    mention.actor = False

    def _protocol_claims(self, wire: str, events: dict, claims: dict) -> None:
        """A state agency at home is the only source of the messages and calls of its state's leaders that
        nobody else in its article tells ("الرياض (واس) - تلقى خادم الحرمين الشريفين رسالة خطية من ...")."""
        claimed = {c.about for c in claims.values()}
        for ev in events.values():
            if ev.type == "Communication" and ev.key() not in claimed and ev.evidence:
                certainty = self._outlet_account(wire, ev)
                if certainty == "Confirmed":  # its own state's side of the exchange
                    _merge_claim(claims, Claim(ev.key(), certainty, wire, {wire}), ev.evidence[0])

    def _home_agency_country(self, per_sentence: list) -> str | None:
        """The state of a state agency reporting from home: "MANAMA, Nov 4 (BNA) — The Ministry of Foreign
        Affairs announced ...": Bahrain's ministry. An agency abroad ("نيامي (أ ف ب)") says nothing of it."""
        wire = self._wire
        agency = self.entity(wire) if wire else None
        if agency is None or not agency.country:
            return None
        for _, ms in per_sentence[:3]:
            at = next((m for m in ms if m.entity == wire), None)
            if at is not None:
                places = [self._host(m.entity) for m in ms if m.end <= at.start and m.role in ("name", "metonym")]
                return agency.country if agency.country in places else None
        return None

    def _dateline_agency(self, doc: Document) -> str | None:
        """The news agency of a dateline at the start of the article text: '(Reuters) -', '(أ ف ب) -'."""
        for span in doc.keep[:4]:
            m = _DATELINE.search(doc.text[span.start : span.end][:120])
            if m:
                toks = tokenize(m.group(1))
                hit = self.lex.names.match_at(toks, 0) if toks else None
                if hit and hit.end == len(toks) and self.lex_kind(hit.entries[0].value) == "NewsAgency":
                    return hit.entries[0].value
        return None

    def _cargo(self, s: Sentence, ms: list[SMention], last: Event, masked: list) -> list[tuple[Event, int]]:
        """What the vehicle of the aid told before carries ('وتحمل الطائرة 10 أطنان من ... مواد غذائية',
        'The convoy carried flour and medicine'): more categories of that transfer. Only with the vehicle
        named definite ("the plane", "الطائرة") and no actor in the sentence."""
        toks = s.tokens
        definite = [
            h
            for h in s.cues["aid_vehicles"]
            if toks[h.start].norm.startswith("ال") or (h.start > 0 and toks[h.start - 1].norm == "the")
        ]
        if not definite or any(m.actor and m.role in ("name", "title") and not _inside(m, masked) for m in ms):
            return []  # "نقلت سانا عن الوزير قوله إن هذه الطائرة محملة ...": the speakers are no actors of the cargo
        cats = _unique([h.labels[0] for h in s.cues["aid_categories"]])
        return [
            (replace(last, category=cat, reported_by=set(), evidence=[], date=None), definite[0].start) for cat in cats
        ]

    def _in_exchange(self, s: Sentence, i: int) -> bool:
        """Whether token i comes right after 'in exchange for' / 'مقابل'."""
        words = [t.norm for t in s.tokens[max(0, i - 3) : i]]
        return any(" ".join(words[k:]) in _EXCHANGE_WORDS for k in range(len(words)))

    def _exchanged(self, s: Sentence, found: list[tuple[Event, int]]) -> list[tuple[Event, int]]:
        """'Moscow delivered Su-35 jets to Tehran in exchange for drones and shells', 'سلّمت ... مقابل الحصول
        على أنظمة دفاع جوي': what is given back goes the other way, told (and claimed) with the first transfer."""
        out = []
        for hit in s.cues["clause_breaks"]:
            if " ".join(t.norm for t in s.tokens[hit.start : hit.end]) not in _EXCHANGE_WORDS:
                continue
            given = [(ev, idx) for ev, idx in found if ev.type == "AidTransfer" and idx < hit.start]
            if not given or not given[-1][0].recipient:
                continue
            ev, idx = given[-1]
            end = next((h.start for h in s.cues["clause_breaks"] if h.start > hit.start), len(s.tokens))
            cats = _unique([h.labels[0] for h in s.cues["aid_categories"] if hit.end <= h.start < end])
            for cat in cats:
                back = Event("AidTransfer", agent=ev.recipient, recipient=ev.agent, category=cat, location=ev.location)
                out.append((back, idx))
        return out

    def _participants(self, s: Sentence, ms: list[SMention], found: list[tuple[Event, int]]) -> list[tuple[Event, int]]:
        """'carried out three airdrops over Gaza, with the participation of aircraft from the UAE and Germany',
        'بمشاركة طائرات إماراتية وألمانية': each state named after the marker does the act told before it."""
        out: list[tuple[Event, int]] = []
        for hit in s.cues["participation_markers"]:
            told = [(ev, idx) for ev, idx in found if idx < hit.start and ev.type in ("AidTransfer", "Deployment")]
            if not told:
                continue
            end = next((h.start for h in s.cues["clause_breaks"] if h.start > hit.end), len(s.tokens))
            states = [
                self.as_state(m.entity) for m in ms if hit.end <= m.start < min(end, hit.end + 10) and m.actor
            ]
            for ev, idx in told:
                if idx != told[-1][1]:
                    continue  # the act right before the marker (one trigger may give several categories)
                for state in _unique([k for k in states if k and self.lex_type(k) == "Country"]):
                    if state not in (ev.agent, ev.recipient):
                        out.append((replace(ev, agent=state, reported_by=set(), evidence=[]), idx))
        return out

    def _refine(self, events: dict, claims: dict, last: Event, cargo: list[Event]) -> None:
        """'A Qatari aid ship arrived ... The ship carried food and fuel': the aid of no stated kind was the
        cargo told next. Its humanitarian guess gives way to those categories, with its evidence and claims."""
        guess = replace(last, category="HumanitarianAid").key()
        if guess not in self._generic or guess not in events or any(e.category == "HumanitarianAid" for e in cargo):
            return
        old = events.pop(guess)
        for ev in cargo:
            stored = events.setdefault(ev.key(), replace(ev, evidence=[], reported_by=set()))
            for e in old.evidence:
                if e not in stored.evidence:
                    stored.evidence.append(e)
            stored.reported_by |= old.reported_by
            stored.date = stored.date or old.date
            stored.location = stored.location or old.location
        for key in [k for k, c in claims.items() if c.about == guess]:
            c = claims.pop(key)
            for ev in cargo:
                for e in c.evidence:  # as any claim is stored: one told again gathers its evidence
                    _merge_claim(claims, replace(c, about=ev.key(), evidence=[], reported_by=set(c.reported_by)), e)

    def _joined(self, s: Sentence, ms: list[SMention], last: Event, events: dict) -> list[tuple[Event, int]]:
        """Others who join the aid told before: 'Two aircraft from Egypt and the United States also took
        part in the operation', 'وشاركت طائرات أردنية ومصرية': each gives what that operation gave."""
        join = next((h for h in s.cues["triggers"] if s.tokens[h.start].norm in _JOIN_VERBS), None)
        if join is None or not s.cues["aid_vehicles"]:
            return []
        actors = [m for m in ms if m.actor]
        marks = self._marks(s, actors)
        givers = [m for m in actors if marks[id(m)] == "agent" and self.lex_type(m.entity) == "Country"]
        givers += [
            m for m in actors if m.role == "adj" and any(abs(m.start - h.start) <= 2 for h in s.cues["aid_vehicles"])
        ]
        cats = sorted({e.category for e in events.values() if (e.agent, e.recipient) == (last.agent, last.recipient)})
        out = []
        for giver in _unique([self.as_state(m.entity) for m in givers]):
            if giver in (last.recipient, last.agent):
                continue
            out += [(Event("AidTransfer", agent=giver, recipient=last.recipient, category=c), join.start) for c in cats]
        return out

    def _mood(self, s: Sentence, idx: int, clauses: list[tuple[int, int]]) -> str | None:
        """Denied or Speculated when a negation or a word of possibility, intention or threat comes
        just before the trigger in its clause ("لم ترسل", "could have sent", "threatened to deploy")."""
        lo = next((a for a, b in clauses if a <= idx < b), 0)
        for k in range(idx - 1, max(lo, idx - 5) - 1, -1):
            if not s.gap_is_plain(k, k + 1):
                break
            hit = s.hits_at("modality", k)
            if hit and not s.hits_at("clause_breaks", k) and not _month_may(s, k) and not _as_possible(s, k):
                if hit.labels[0] == "Denied" and _at_least(s, hit.end):
                    continue  # "ما لا يقل عن 14 فلسطينياً قُتلوا", "no fewer than": a number, not a negation
                return hit.labels[0]
        return None

    def _unknown_speaker(self, s: Sentence, f: Frame) -> bool:
        """A capitalised name or acronym right before the claim verb that no lexicon knows ('the DMW said')."""
        if s.doc.lang != "en" or f.cue == 0 or s.tokens[f.cue].norm in _BE:  # "X is said to": no speaker at all
            return False
        prev = s.tokens[f.cue - 1]
        return prev.text[:1].isupper() and prev.norm not in _NOT_NAMES and self._entity_match(s, f.cue - 1) is None

    def _sole_outlet(self, f: Frame, framed: list[Frame]) -> str | None:
        """The outlet of a frame that names nobody else ("وفق ما أفادت وكالة الأنباء الكويتية", "according to
        KUNA"), when no other frame of the sentence gives the fact a speaker: the outlet is its only source
        and claims it. With a speaker beside it ("KCNA quoted the ministry as saying") it only reports."""
        if f.claimants or len(f.reported_by) != 1 or any(g.claimants for g in framed if g is not f):
            return None
        return next(iter(f.reported_by))

    def _outlet_account(self, outlet: str, ev: Event) -> str:
        """An outlet's own report: a state agency on its own state's act, or on what its state received, confirms
        it (SPA on the crown prince's letter); any other outlet asserts."""
        ent = self.entity(outlet)
        home = ent.country if ent else None
        parties = {self.as_state(k) for k in (ev.agent, ev.recipient, ev.affected) if k}
        return "Confirmed" if home and home in parties else "Asserted"

    def _own_account(self, claimant: str | None, ev: Event) -> str | None:
        """A party's own statement of what it did or suffered ("Kenya said its officers arrived", "the
        health ministry said two Lebanese were killed") confirms it; the same words from a third party assert."""
        if claimant is None or self.lex_kind(claimant) in _NOT_ACTORS:
            return None
        parties = {self._side(k) for k in (ev.agent, ev.recipient, ev.affected) if k}
        parties |= {k for k in (ev.agent, ev.recipient, ev.affected) if k}
        return "Confirmed" if claimant in parties or self._side(claimant) in parties else None

    def _side(self, key: str) -> str | None:
        """The state a party stands for, a territory counting as its state: the health ministry in Gaza and
        "14 Palestinians" are one side."""
        state = self.as_state(key)
        ent = self.entity(state) if state else None
        if ent is not None and ent.kind == "Territory" and ent.country:
            return ent.country
        return state

    # ------------------------------------------------------------ document
    def extract(self, doc: Document) -> Extraction:
        new_entities: dict[str, Entity] = {}
        self._new = new_entities
        self._last_speaker = None
        self._titled = {}
        self._received = {}
        self._story_kinds: set[str] = set()  # the aid categories the story told so far
        self._generic: set[tuple] = set()  # aid transfers whose category only says "aid"
        self._sent_to: dict[str, str] = {}  # who the story said sends forces to each place, first told
        self._last_agent = None
        sentences = [Sentence(doc, a, b, self.lex) for a, b in split_sentences(doc)]
        per_sentence = [(s, self.mentions(s, doc.published, new_entities)) for s in sentences]
        self._short_names(per_sentence, new_entities)
        self._qualified_bodies(per_sentence, new_entities)
        self._home = self._story_country(per_sentence)
        self._wire = self._dateline_agency(doc)
        self._wire_home = self._home_agency_country(per_sentence)
        self._bare_bodies(per_sentence, new_entities)
        self._definite_bodies(per_sentence)
        for s, ms in per_sentence:
            self._sides(s, ms)
            s.drop_cues_inside(ms)
        self._mute_datelines(doc, per_sentence)
        for s, ms in per_sentence:
            self._mute_appositions(s, ms)
        named = {m.entity for _, ms in per_sentence for m in ms if m.role != "context"}
        # the country of a region named ("northern Iraq") is named too
        named |= {h for k in named if k.startswith("place/") and "/geo" not in k and (h := self._host(k))}
        for ent in new_entities.values():  # "Marka Airport" in a Jordan story is no airport of Somalia's Marka
            if ent.kind == "Facility" and "/geo" in ent.key and ent.country and ent.country not in named:
                ent.country = None
        for _, ms in per_sentence:
            ms[:] = [m for m in ms if m.role != "context" or set(self.lex.context_names.get(m.entity, [])) & named]

        ex = Extraction(doc, self.name)
        last_aid: Event | None = None  # the aid transfer told last: "the plane" carries its cargo
        events: dict[tuple, Event] = {}
        claims: dict[tuple, Claim] = {}
        for s, ms in per_sentence:
            for m in ms:
                ex.mentions.append(
                    Mention(
                        m.entity,
                        Span(s.tokens[m.start].start, s.tokens[m.end - 1].end),
                        doc.text[s.tokens[m.start].start : s.tokens[m.end - 1].end],
                        m.role,
                    )
                )
            frames = self.frames(s, ms)
            reported = {
                m.entity
                for m in ms
                if self.lex_kind(m.entity) == "NewsAgency"
                and any(h.end <= m.start <= h.end + 3 for h in s.cues["reported_by"])
            }
            for f in frames:
                reported |= f.reported_by
            masked = [f.frame_tokens for f in frames]
            ctx: dict = {"masked": masked}
            found: list[tuple[Event, int]] = []
            clauses = self.clauses(s)
            for lo, hi in clauses:
                frame = next((f for f in frames if f.content[0] < hi and lo < f.content[1]), None)
                speakers = [c for c in (frame.claimants if frame else []) if self.lex_kind(c) not in _NOT_ACTORS]
                ctx["claimant"] = self.as_state(speakers[0]) if speakers else None
                found += self.events_in(s, ms, lo, hi, ctx)
            found += self._exchanged(s, found)
            found += self._participants(s, ms, found)
            if not found and last_aid is not None:
                spoke = {k for f in frames for k in f.claimants}
                cargo = self._cargo(s, [m for m in ms if m.entity not in spoke], last_aid, masked)
                if cargo:
                    self._refine(events, claims, last_aid, [ev for ev, _ in cargo])
                found = cargo or self._joined(s, ms, last_aid, events)
            for ev, idx in found:
                mood = self._mood(s, idx, clauses)
                framed = [f for f in frames if f.content[0] <= idx < f.content[1]]
                if mood in ("Denied", "Speculated") and not framed:
                    continue  # "did not send", "plans to deploy", "عدم قدرة ... على صنع": no stated act
                if mood == "Denied" and ev.type == "Casualty":
                    continue  # "دون وقوع إصابات", "no one was killed": nobody suffered, whoever says so
                # the clause's date, else the sentence's one date ("Fighting ceased on Tuesday after X spoke to Y")
                ev.date = ev.date or _first(_dates_in(s, doc, idx, clauses)) or _only(find_dates(s.text, doc.published))
                stored = _merge_event(events, ev, s.evidence(), reported)
                if stored.type == "AidTransfer":
                    last_aid = stored
                    if stored.category:
                        self._story_kinds.add(stored.category)
                if stored.agent:
                    self._last_agent = stored.agent
                if stored.type == "Deployment" and stored.agent and stored.recipient:
                    self._sent_to.setdefault(stored.recipient, stored.agent)
                if stored.recipient:  # where this story's transfers go (see _story_recipient)
                    got = self._received.setdefault(stored.type, {})
                    got[stored.recipient] = got.get(stored.recipient, 0) + 1
                for f in frames:
                    if f.content[0] <= idx < f.content[1]:
                        certainty = f.certainty
                        if mood == "Denied" or (mood == "Speculated" and certainty != "Denied"):
                            certainty = mood
                        elif mood == "Believed" and certainty in ("Asserted", "Confirmed"):
                            certainty = mood  # "X said the UAE had reportedly shipped drones": hearsay told on
                        sole = self._sole_outlet(f, framed)
                        if not f.claimants and not sole and (f.reported_by or self._unknown_speaker(s, f)):
                            # "KCNA reported" beside the one who said it: the outlet reports, nobody claims;
                            # "the DMW said": someone named whom we do not know is no anonymous source
                            continue
                        # nobody named: the outlet that alone tells it, else unattributed (None)
                        claimants: list[str | None] = [*f.claimants] or [sole]
                        for claimant in claimants:
                            own = certainty == "Asserted" and not s.hits_at("accuse_verbs", f.cue)  # one accuses others
                            sure = self._own_account(claimant, stored) if own else certainty
                            if sole is not None and claimant == sole and certainty == "Asserted":
                                sure = self._outlet_account(sole, stored)
                            c = Claim(
                                stored.key(),
                                sure or certainty,
                                claimant,
                                set(reported),
                                _first(_frame_dates(s, doc, f)),
                            )
                            _merge_claim(claims, c, s.evidence())
        wire = self._wire
        if wire:  # "BEIRUT, Oct 2 (Reuters) -": the agency reports the whole article
            for ev in events.values():
                ev.reported_by.add(wire)
            if self._wire_home:
                self._protocol_claims(wire, events, claims)
        ex.events = list(events.values())
        ex.claims = list(claims.values())
        ex.entities = new_entities
        return ex


# ---------------------------------------------------------------- helpers
# Cue groups that, right after an Arabic title, show that no name follows it ("وقال الوزير إن ...").
_AFTER_TITLE_ALONE = ("claim_cues", "triggers", "complementizers", "titles", "modality", "relative_dates")
_PART_OF = {normalize(w) for w in ("التابع", "التابعة", "التابعين", "التابعتين")}
_TO_WORDS = {normalize(w) for w in ("to", "among", "for", "على", "إلى", "الى", "بين")}
_CARRYING = {
    normalize(w)
    for w in ("محملة", "محمّلة", "محملتين", "تحمل", "يحمل", "تحملان", "محملا", "محمّلاً", "محملاً", "carrying",
              "loaded", "laden")
}
_PEOPLE_OF_BARE = {normalize(w) for w in ("الشعب", "أهالي", "أهل", "people")}  # after "إلى" / "to" / "for"
_PEOPLE_OF = _PEOPLE_OF_BARE | {normalize(w) for w in ("للشعب", "لأهالي", "لأهل")}
_MILITARY_KINDS = {"Weapons", "Ammunition", "Missiles", "MilitaryEquipment", "MilitaryTechnology"}
_ANY = {normalize(w) for w in ("any", "either", "أي", "اي")}
_ONWARD_WORDS = {normalize(w) for w in ("to", "into", "إلى", "الى")}
_RELATIVE_PRONOUNS = {normalize(w) for w in ("who", "which", "الذي", "التي", "الذين", "اللذين", "اللتين")}
_AS_BEFORE_NAME = {"known", "such", "well", "same", "described", "designated", "regarded", "seen", "serve", "served"}
_BA = re.compile(r"^و?ب[^ب]")  # "بشن", "وبتدريب": the preposition بـ on a verbal noun
_ENCLITIC = re.compile(r"(ه|ها|هم)$")  # "إمداده", "تزويدها": a pronoun for the one supplied
_NAME_PARTICLES_EN = {"al", "el", "bin", "ibn", "abu", "bint", "ben", "ould"}  # "Kamal al-Tayeb Abdelrahim"
# A name part that opens a compound family name after one with the article: "كمال الطيب عبد الرحيم".
_COMPOUND_NAME_AR = {normalize(w) for w in ("عبد", "بن", "ابن", "أبو", "ابو")}
_MADE_AR = {normalize(w) for w in ("الصنع", "الصناعة")}  # "صينية الصنع", "روسية الصناعة": made in
_EXCHANGE_WORDS = {normalize(w) for w in ("in exchange for", "in return for", "مقابل", "في مقابل", "بالمقابل")}
_SIDE_AR = {normalize(w) for w in ("الجانب", "للجانب", "والجانب", "بالجانب")}
_ARMED_PEOPLE = {"rebels", "insurgents", "separatists", "militants", "militias", "militiamen", "tribesmen"}
_BE_VERBS = {"were", "are", "was", "is", "have", "had", "remain", "remained", "stayed"}
# Words that open a sentence with a phrase that is no subject: "After talks with Iran, ...".
_OPENING_PREPOSITIONS = {
    "after",
    "before",
    "in",
    "on",
    "at",
    "during",
    "since",
    "with",
    "for",
    "as",
    "while",
    "when",
    "despite",
    "amid",
}
# Titles that name one person again when used alone later in a story ("the minister", "المتحدث").
_ANAPHORIC_TITLES = {
    "minister",
    "fm",
    "dm",
    "pm",
    "spokesman",
    "envoy",
    "president",
    "leader",
    "crown",
    "army",
    "secgen",
}
_TITLE_FAMILY = {"fm": "minister", "dm": "minister", "leader": "president"}  # "the minister" after "Foreign Minister X"


_TEXT, _NORM = itemgetter(0), itemgetter(1)  # of a Token


@lru_cache(maxsize=200_000)
def _plain_word(text: str, norm: str) -> bool:
    """A word no pattern finder of mentions starts with: lower-case English, or Arabic none begins with
    (and no ordinal). Memoised: it is asked of nearly every word."""
    return bool(
        (text[:1].islower() or (norm not in _PATTERN_STARTS_AR and is_arabic(text))) and not _ORDINAL.fullmatch(text)
    )


@lru_cache(maxsize=50_000)
def _family_name(name: str) -> tuple[Token, ...]:
    """The last token of a name of two words or more (a lexicon label, so memoised), else nothing."""
    return tuple(tokenize(name)[-1:]) if len(name.split()) > 1 else ()


def _month_may(s: Sentence, k: int) -> bool:
    """'May 13', '13 May', 'in May 2024': the month, not the modal verb."""
    toks = s.tokens
    if toks[k].text != "May":
        return False
    near = [toks[j].norm for j in (k - 1, k + 1) if 0 <= j < len(toks)]
    return k > 0 or any(w.isdigit() for w in near)


def _is_side(s: Sentence, m: SMention) -> bool:
    """A mention made by _sides: 'the Indian side', 'الجانب الهندي'."""
    return s.tokens[m.end - 1].norm == "side" or s.tokens[m.start].norm in _SIDE_AR


def _as_possible(s: Sentence, k: int) -> bool:
    """'as soon as possible', 'as much as possible': a manner, not a doubt."""
    return s.tokens[k].norm == "possible" and k > 0 and s.tokens[k - 1].norm == "as"


def _indefinite_after_definite(s: Sentence, title: CueHit, m: Match) -> bool:
    """An Arabic adjective without the article after a title with it ('العميد تركي'): no adjective of the title."""
    toks = s.tokens
    return (
        m.entries[0].role == "adj"
        and m.end == m.start + 1
        and toks[title.start].norm.startswith("ال")
        and not toks[m.start].norm.startswith(("ال", "لل"))
    )


def _title_alone(s: Sentence, title: CueHit, stop: set[str]) -> bool:
    """A definite title with no name or state after it: 'the minister said', 'وأضاف الوزير'."""
    if title.labels[0] not in _ANAPHORIC_TITLES:
        return False
    first = s.tokens[title.start]
    definite = first.norm.startswith("ال") or (title.start > 0 and s.tokens[title.start - 1].norm == "the")
    nxt = s.tokens[title.end] if title.end < len(s.tokens) else None
    if not definite:
        return False
    if nxt is None or not s.gap_is_plain(title.end - 1, title.end):
        return True
    if not is_arabic(nxt.text):
        return not nxt.text[:1].isupper()
    # Arabic has no capitals: "وقال الوزير إن", "الوزير في بيان" are the title alone; "الملك سلمان" is a name
    return nxt.norm.startswith("ال") or nxt.norm in stop or s.hits_any(title.end, *_AFTER_TITLE_ALONE)


def _body_names_en(name: str, country: str, adjective: str | None) -> list[str]:
    """English names of a state's body as the news writes them: 'Lebanese Ministry of Health', 'Lebanese
    Health Ministry', "Lebanon's Health Ministry", 'Sudanese army'; and 'Ministry of Health (Lebanon)'."""
    out = []
    short = None
    if name.startswith("Ministry of "):
        short = name[len("Ministry of ") :].removeprefix("the ").replace("Foreign Affairs", "Foreign") + " Ministry"
    if adjective:
        out.append(f"{adjective} {name}")
        if short:
            out.append(f"{adjective} {short}")
        if name == "Armed Forces":
            out += [f"{adjective} army", f"{adjective} military"]
    if short:
        out.append(f"{country}'s {short}")
        if not adjective:  # "Gaza Health Ministry": a place with no adjective modifies as a noun
            out.append(f"{country} {short}")
    out.append(f"{name} ({country})")
    return out


def _family(hit: CueHit, typ: str) -> str:
    """The trigger family that gave the event its type ("sent" is in deploy and send)."""
    if "arrive" in hit.labels and typ in ("Deployment", "AidTransfer"):
        return "arrive"
    return hit.labels[0]


def _unmarked(ms: list[SMention], marks: dict[int, str | None]) -> list[SMention]:
    """Mentions with no role marker before them, adjectives left out: plain subjects and objects."""
    return [m for m in ms if marks[id(m)] is None and m.role != "adj"]


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def _first(items: list) -> str | None:
    return items[0] if items else None


def _only(items: list) -> str | None:
    return items[0] if len(set(items)) == 1 else None


def _inside(m: SMention, zones: list[tuple[int, int]]) -> bool:
    return any(a <= m.start < b for a, b in zones)


def _complete(ev: Event, required: tuple[str, ...]) -> bool:
    """Whether the event has the roles its type requires (categories are added per category after)."""
    return all(getattr(ev, role) is not None for role in required if role != "category")


_BE = frozenset("is are was were been being".split())
_OBJECT_PRONOUNS = frozenset(normalize(w) for w in ("him", "her", "them", "إليه", "إليها", "له", "لها"))
_POSTED_TO = frozenset(normalize(w) for w in ("لدى", "to", "in"))  # an envoy's post: "السفير ... لدى السودان"

# words between a group noun and its number: "team of 46", "consisting of 46", "made up of", "مكون من 46"
_COUNT_LINKS = frozenset(
    normalize(w)
    for w in "of consisting comprising made up about some around nearly".split()
    + "من مكون مكونا مؤلف مؤلفا قوامه قوامها يضم تضم نحو حوالي".split()
)


# masculine duals of the counted nouns (feminine ones end in تان / تين: "طائرتان", "شاحنتين")
_MASCULINE_DUALS = frozenset(
    normalize(w) for w in "جنديان جنديين ضابطان ضابطين عسكريان عسكريين شخصان شخصين عنصران عنصرين فريقان فريقين".split()
)


def _is_dual(norm: str) -> bool:
    return norm in _MASCULINE_DUALS or (len(norm) > 5 and is_arabic(norm) and norm.endswith(("تان", "تين")))


_NOT_FEWER = {normalize(w) for w in ("يقل", "تقل", "fewer", "less")}


def _at_least(s: Sentence, k: int) -> bool:
    """'لا يقل عن', 'لا تقل عن', 'no fewer than', 'not less than' at token k, after the negation."""
    return k < len(s.tokens) and s.tokens[k].norm in _NOT_FEWER


def _number(s: Sentence, k: int) -> int | None:
    tok = s.tokens[k]
    digits = tok.norm.replace(",", "")
    if digits.isdigit():
        return int(digits)
    hit = s.hit_ending_at("numbers", k)
    if hit and hit.labels[0] not in ("None", "null"):
        value = int(hit.labels[0])
        if 20 <= value < 100 and tok.norm.startswith("و") and hit.start > 0:  # "أربعة وستين": four and sixty
            units = s.hit_ending_at("numbers", hit.start - 1)
            if units and units.labels[0] not in ("None", "null") and int(units.labels[0]) < 10:
                return int(units.labels[0]) + value
        if value >= 1000 and hit.start > 0:
            prev = s.hit_ending_at("numbers", hit.start - 1)
            if prev and prev.labels[0] not in ("None", "null") and int(prev.labels[0]) < 1000:
                return int(prev.labels[0]) * value
        return value
    return None


def _dates_in(s: Sentence, doc: Document, idx: int, clauses: list[tuple[int, int]]) -> list[str]:
    """Dates told in the clause of token idx."""
    for lo, hi in clauses:
        if lo <= idx < hi:
            a, b = s.tokens[lo].start, s.tokens[hi - 1].end
            return find_dates(doc.text[a:b], doc.published)
    return []


def _frame_dates(s: Sentence, doc: Document, f: Frame) -> list[str]:
    """Dates told in a claim's frame ("أكدت بيونغ يانغ في أبريل أن ...": when it was said)."""
    lo, hi = f.frame_tokens
    if hi <= lo:
        return []
    return find_dates(doc.text[s.tokens[lo].start : s.tokens[hi - 1].end], doc.published)


def _merge_event(events: dict, ev: Event, evidence: Evidence, reported: set[str]) -> Event:
    stored = events.setdefault(ev.key(), ev)
    if stored is not ev:
        stored.location = stored.location or ev.location
        stored.count = stored.count if stored.count is not None else ev.count
        if ev.date and (not stored.date or len(ev.date) > len(stored.date)):
            stored.date = ev.date
    stored.reported_by |= reported
    if evidence not in stored.evidence:
        stored.evidence.append(evidence)
    return stored


def _merge_claim(claims: dict, c: Claim, evidence: Evidence) -> None:
    stored = claims.setdefault(c.key(), c)
    stored.reported_by |= c.reported_by
    stored.date = stored.date or c.date
    if evidence not in stored.evidence:
        stored.evidence.append(evidence)


@register("rules.v1")
def _factory() -> RulesExtractor:
    return RulesExtractor()
