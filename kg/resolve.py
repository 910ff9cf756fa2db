"""Canonical entities: one per real-world thing across all documents.

Curated entities (kg/lexicons) already have one key however they are spelled;
entities found by pattern are keyed by their normalised name, so the same new
name in two documents is one entity, and a person found in an English article
and again in an Arabic one is one entity when the two names are the same
consonants read in either script ("Nabil Abdallah" / "نبيل عبد الله").
"""

from __future__ import annotations

import re
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
    by_skeleton: dict[str, dict[str, set[str]]] = {}
    for ex in extractions:
        for key, ent in ex.entities.items():
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
    if renames:
        for ex in extractions:
            _rename(ex, renames)
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
    merged: dict[str, Entity] = {}
    for key, ent in ex.entities.items():
        new = r(key)
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
    ex.entities = merged


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
    lex = lexicon or load_lexicon()
    merge_transliterations(extractions)
    out: dict[str, Entity] = {}
    for ex in extractions:
        for key in sorted(used_keys(ex)):
            if key in out:
                continue
            ent = lex.entities.get(key) or ex.entities.get(key)
            if ent is None:
                raise KeyError(f"extractor {ex.extractor} referred to unknown entity {key}")
            out[key] = ent
        for key, ent in ex.entities.items():
            if key in out and out[key] is not ent:  # a pattern entity seen again: its other spellings, titles
                _add_names(out[key].labels, ent.labels)
                _add_names(out[key].office, ent.office)
    return out


def _add_names(known: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add to lang -> names the names of another such table that it lacks, in order."""
    for lang, names in more.items():
        have = known.setdefault(lang, [])
        have += [n for n in names if n not in have]
