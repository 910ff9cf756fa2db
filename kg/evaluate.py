"""Score a built graph against gold annotations (the project's graph contract).

Gold files are JSON, one per source document: ``entities`` (key, type, names,
optional wikidata/optional), ``events`` (type, roles by entity key, category;
a list means any of them is right) and ``claims`` (claimant, about = event id,
certainty). Facts are compared by their keys, so the same fact stated twice is
not an error and wording does not matter.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Dataset, Literal
from rdflib.namespace import SKOS

from .events import grammar
from .export import union_graph
from .model import ENTITY_TYPES, EVENT_TYPES
from .rdf import KG
from .textnorm import normalize

# The key roles of each event type, from the event table (kg/lexicons/events.json).
ROLE_KEYS = {name: spec.roles for name, spec in grammar().events.items()}


def _norm_name(text: str) -> str:
    return " ".join(normalize(text).replace("-", " ").replace("'", " ").split())


def _options(value) -> list:
    if value is None:
        return [None]
    return list(value) if isinstance(value, list) else [value]


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    missing: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return (self.n_gold - len(self.missing)) / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entities: Score
    events: Score
    claims: Score

    @property
    def overall(self) -> float:
        return (self.entities.f1 + self.events.f1 + self.claims.f1) / 3

    def shortfalls(self, floors: dict[str, tuple[float, float, float]]) -> list[str]:
        """Parts that score below their (precision, recall, F1) floor, as readable lines; [] when none."""
        out = []
        for part, want in floors.items():
            s: Score = getattr(self, part)
            got = (s.precision, s.recall, s.f1)
            if any(g < w for g, w in zip(got, want, strict=True)):
                out.append(f"{part}: P/R/F1 {got[0]:.3f}/{got[1]:.3f}/{got[2]:.3f} below {want}")
        return out

    def lines(self) -> list[str]:
        out = []
        for name in ("entities", "events", "claims"):
            s: Score = getattr(self, name)
            out.append(f"{name:9s} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}")
            if s.missing:
                out.append(f"  missing: {s.missing[:10]}")
            if s.wrong:
                out.append(f"  wrong:   {s.wrong[:10]}")
        out.append(f"overall F1 {self.overall:.3f}")
        return out


def load_gold(paths: list[Path]) -> tuple[dict, list, list]:
    entities: dict[str, dict] = {}
    events: list[dict] = []
    claims: list[dict] = []
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        for e in gold["entities"]:
            known = entities.setdefault(e["key"], {**e, "names": set(), "optional": e.get("optional", False)})
            known["names"] |= {_norm_name(n) for n in e["names"]}
            known["optional"] = known["optional"] and e.get("optional", False)
        by_id = {}
        for ev in gold["events"]:
            by_id[ev.get("id")] = ev
            events.append(ev)
        for c in gold.get("claims", []):
            claims.append({**c, "about": by_id[c["about"]]})
    return entities, events, claims


def event_keys(ev: dict) -> set[tuple]:
    roles = ROLE_KEYS[ev["type"]]
    return {(ev["type"], *combo) for combo in itertools.product(*(_options(ev.get(r)) for r in roles))}


def claim_keys(c: dict) -> set[tuple]:
    ev = c["about"]
    roles = [r for r in ROLE_KEYS[ev["type"]] if r != "category"]
    combos = itertools.product(_options(c.get("claimant")), *(_options(ev.get(r)) for r in roles))
    return {(ev["type"], *combo) for combo in combos}


def _match(pred_keys: set[tuple], gold: list[dict], keys_of) -> Score:
    required = [g for g in gold if not g.get("optional")]
    required_keys = set().union(*(keys_of(g) for g in required)) if required else set()
    optional_keys = set().union(*(keys_of(g) for g in gold if g.get("optional"))) if gold else set()
    counted = {k for k in pred_keys if k in required_keys or k not in optional_keys}
    score = Score(
        tp=len(counted & required_keys),
        n_pred=len(counted),
        n_gold=len(required),
        missing=[sorted(keys_of(g), key=str)[0] for g in required if not keys_of(g) & pred_keys],
        wrong=sorted(map(str, counted - required_keys)),
    )
    return score


def score(ds: Dataset, gold_paths: list[Path]) -> Report:
    gold_ents, gold_events, gold_claims = load_gold(gold_paths)
    g = union_graph(ds)
    types = {}
    for s, o in g.subject_objects(RDF.type):
        name = str(o).rsplit("#", 1)[-1]
        if str(o).startswith(str(KG)):
            types.setdefault(s, set()).add(name)
    by_qid = {e["wikidata"]: k for k, e in gold_ents.items() if e.get("wikidata")}
    key_of = {}
    ent_score = Score(n_gold=sum(1 for e in gold_ents.values() if not e["optional"]))
    seen = set()
    for node, ts in types.items():
        typ = next((t for t in ENTITY_TYPES if t in ts), None)
        if typ is None:
            continue
        key = next(
            (
                by_qid.get(str(q).rsplit("/", 1)[-1])
                for q in g.objects(node, OWL.sameAs)
                if by_qid.get(str(q).rsplit("/", 1)[-1])
            ),
            None,
        )
        if key is None:
            names = {
                _norm_name(o)
                for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                for o in g.objects(node, p)
                if isinstance(o, Literal)
            }
            key = next((k for k, e in gold_ents.items() if e["type"] == typ and names & e["names"]), None)
        key_of[node] = key or f"?{node}"
        if key is None or key in seen:
            ent_score.n_pred += 1
            ent_score.wrong.append(str(node) if key is None else f"duplicate {key}")
        else:
            seen.add(key)
            if not gold_ents[key]["optional"]:
                ent_score.n_pred += 1
                ent_score.tp += 1
    ent_score.missing = sorted(k for k, e in gold_ents.items() if not e["optional"] and k not in seen)

    def ent(node):
        return key_of.get(node, f"?{node}") if node is not None else None

    pred_events: dict = {}
    for node, ts in types.items():
        typ = next((t for t in EVENT_TYPES if t in ts), None)
        if typ is None:
            continue
        roles = {r: ent(g.value(node, KG[r])) for r in ("agent", "recipient", "affected")}
        cats = [str(c).rsplit("#", 1)[-1] for c in g.objects(node, KG.aidCategory)] or [None]
        pred_events[node] = {(typ, *(dict(roles, category=c)[r] for r in ROLE_KEYS[typ])) for c in cats}
    all_event_keys = set().union(*pred_events.values()) if pred_events else set()
    ev_score = _match(all_event_keys, gold_events, event_keys)

    claim_pred = set()
    for node, ts in types.items():
        if "Claim" not in ts:
            continue
        about = g.value(node, KG.about)
        claimant = ent(g.value(node, KG.claimant))
        for k in pred_events.get(about, {("?unlinked", str(node))}):
            roles = [r for r in ROLE_KEYS.get(k[0], ()) if r != "category"]
            claim_pred.add((k[0], claimant, *k[1 : 1 + len(roles)]))
    cl_score = _match(claim_pred, gold_claims, claim_keys)
    return Report(ent_score, ev_score, cl_score)
