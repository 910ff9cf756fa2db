"""Canonical entities: one per real-world thing across all documents.

Curated entities (kg/lexicons) already have one key however they are spelled;
entities found by pattern are keyed by their normalised name, so the same new
name in two documents is one entity.
"""

from __future__ import annotations

from .lexicon import Lexicon, load_lexicon
from .model import Entity, Extraction


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
            if key in out:  # a pattern entity seen again: collect its other spellings
                for lang, names in ent.labels.items():
                    known = out[key].labels.setdefault(lang, [])
                    known += [n for n in names if n not in known]
    return out
