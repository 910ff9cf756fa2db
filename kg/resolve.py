"""Canonical entities: one per real-world thing across all documents.

Curated entities (kg/lexicons) already have one key however they are spelled;
entities found by pattern are keyed by their normalised name, so the same new
name in two documents is one entity, and a person found in an English article
and again in an Arabic one is one entity when the two names are the same
consonants read in either script ("Nabil Abdallah" / "نبيل عبد الله").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .lexicon import Lexicon, load_lexicon
from .model import Entity, Extraction
from .textnorm import is_arabic, normalize

# Arabic letters as the consonants an English spelling of a name writes (vowel letters dropped).
_AR_LATIN = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "b", "چ": "sh", "گ": "j", "ڤ": "f",
}  # fmt: skip
# English spellings of the same sounds, and letters that are vowels or silent in transliteration.
_EN_SOUNDS = [("tch", "sh"), ("ch", "sh"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("q", "k"), ("c", "k"), ("g", "j"),
              ("p", "b"), ("v", "f"), ("x", "ks")]  # fmt: skip
_NAME_WORDS = {"al", "el", "bin", "ibn", "bint", "بن", "ابن", "بنت"}


def skeleton(name: str) -> str:
    """The consonants of a name as both scripts write them: 'Nabil Abdallah' and 'نبيل عبد الله' -> 'nblbdlh'."""
    words = [w for w in re.split(r"[\s\-]+", normalize(name)) if w and w not in _NAME_WORDS]
    out = []
    for w in words:
        if is_arabic(w):
            w = w[2:] if w.startswith("ال") and len(w) > 4 else w
            out.append("".join(_AR_LATIN.get(ch, "") for ch in w).replace("tsh", "sh"))  # "تش" is "ch"
        else:
            w = w.removeprefix("al-").removeprefix("el-")
            for a, b in _EN_SOUNDS:
                w = w.replace(a, b)
            out.append(re.sub(r"[aeiouyw'’`]", "", w))
    joined = "".join(out)
    return re.sub(r"(.)\1+", r"\1", joined)  # doubled letters are written once in the other script


def merge_transliterations(extractions: list[Extraction]) -> dict[str, str]:
    """People found by pattern whose Arabic and English names are the same consonants become one:
    the English key is kept, the Arabic one is renamed to it in every extraction. Returns the renames."""
    renames = transliteration_renames(ex.entities for ex in extractions)
    if renames:
        for ex in extractions:
            _rename(ex, renames)
    return renames


def transliteration_renames(tables: Iterable[dict[str, Entity]]) -> dict[str, str]:
    """The renames of merge_transliterations from the pattern entities of each document, in any order."""
    by_skeleton: dict[str, dict[str, set[str]]] = {}
    for entities in tables:
        for key, ent in entities.items():
            if ent.type != "Person":
                continue
            for lang, names in ent.labels.items():
                for name in names:
                    sk = skeleton(name)
                    if len(sk) >= 6 and len(name.split()) >= 2:
                        by_skeleton.setdefault(sk, {"ar": set(), "en": set()})[lang].add(key)
    renames: dict[str, str] = {}
    for keys in by_skeleton.values():
        if len(keys["en"]) == 1 and keys["ar"]:
            target = next(iter(keys["en"]))
            for key in keys["ar"]:
                if key != target and len(keys["ar"]) == 1:
                    renames[key] = target
    return renames


def _rename(ex: Extraction, renames: dict[str, str]) -> None:
    def r(key):
        return renames.get(key, key) if key else key

    ex.mentions = [replace(m, entity=r(m.entity)) for m in ex.mentions]
    for ev in ex.events:
        ev.agent, ev.recipient, ev.affected, ev.location = r(ev.agent), r(ev.recipient), r(ev.affected), r(ev.location)
        ev.reported_by = {r(k) for k in ev.reported_by}
    for c in ex.claims:
        c.about = tuple(r(k) if isinstance(k, str) else k for k in c.about)
        c.claimant = r(c.claimant)
        c.reported_by = {r(k) for k in c.reported_by}
    ex.entities = renamed_entities(ex.entities, renames)


def renamed_entities(entities: dict[str, Entity], renames: dict[str, str]) -> dict[str, Entity]:
    """A document's pattern entities with keys renamed; two that become one keep the names of both."""
    merged: dict[str, Entity] = {}
    for key, ent in entities.items():
        new = renames.get(key, key)
        if new in merged:
            _add_names(merged[new].labels, ent.labels)
            _add_names(merged[new].office, ent.office)
        else:
            merged[new] = replace(
                ent,
                key=new,
                labels={k: list(v) for k, v in ent.labels.items()},
                office={k: list(v) for k, v in ent.office.items()},
            )
    return merged


def used_keys(ex: Extraction) -> set[str]:
    keys = {m.entity for m in ex.mentions}
    for ev in ex.events:
        keys |= {k for k in (ev.agent, ev.recipient, ev.affected, ev.location) if k}
        keys |= ev.reported_by
    for c in ex.claims:
        keys |= {c.claimant} if c.claimant else set()
        keys |= c.reported_by
    return keys


def resolve(extractions: list[Extraction], lexicon: Lexicon | None = None) -> dict[str, Entity]:
    """Every entity any extraction refers to, by key."""
    merge_transliterations(extractions)
    table = EntityTable(lexicon)
    for ex in extractions:
        table.add(used_keys(ex), ex.entities, ex.extractor)
    return table.entities


class EntityTable:
    """The canonical entities of documents given one at a time (a streamed build keeps only this).

    The first document that refers to a key gives its entity; every later document that
    found the same pattern entity adds the spellings and titles it lacks, in order.
    Entities are copied before names are added, so the cached lexicon is never changed.
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.entities: dict[str, Entity] = {}
        self._own: dict[str, Entity] = {}  # key -> the document entity that gave it (names already in)

    def add(self, used: Iterable[str], entities: dict[str, Entity], extractor: str = "") -> None:
        out = self.entities
        for key in sorted(used):
            if key in out:
                continue
            ent = self.lexicon.entities.get(key) or entities.get(key)
            if ent is None:
                raise KeyError(f"extractor {extractor} referred to unknown entity {key}")
            out[key] = _copy(ent)
            self._own[key] = entities.get(key) if ent is entities.get(key) else None
        for key, ent in entities.items():
            if key in out and self._own.get(key) is not ent:  # a pattern entity seen again: its other names
                _add_names(out[key].labels, ent.labels)
                _add_names(out[key].office, ent.office)


def _copy(ent: Entity) -> Entity:
    return replace(ent, labels={k: list(v) for k, v in ent.labels.items()},
                   office={k: list(v) for k, v in ent.office.items()})  # fmt: skip


def _add_names(known: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add to lang -> names the names of another such table that it lacks, in order."""
    for lang, names in more.items():
        have = known.setdefault(lang, [])
        have += [n for n in names if n not in have]
