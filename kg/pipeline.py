"""The main job: sources -> documents -> extractions -> entities -> RDF -> files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from . import export, views
from .extract import get_extractor
from .facts import read_facts
from .ingest import read_sources
from .model import Extraction
from .rdf import to_dataset
from .resolve import resolve


@dataclass
class BuildResult:
    graph_path: Path
    documents: int
    entities: int
    events: int
    claims: int
    views: list[Path] = field(default_factory=list)
    dataset: Dataset | None = None


def extract_all(sources: list[str | Path], extractor: str = "rules.v1") -> list[Extraction]:
    ex = get_extractor(extractor)
    return [ex.extract(doc) for doc in read_sources(sources)]


def build(
    sources: list[str | Path],
    out: str | Path,
    extractor: str = "rules.v1",
    write_views: bool = True,
    lang: str = "en",
    validate: bool = True,
    store: str = "memory",
) -> BuildResult:
    out = Path(out)
    extractions = extract_all(sources, extractor)
    entities = resolve(extractions)
    ds = to_dataset(extractions, entities, store)
    if validate:
        from .validate import check

        check(ds)
    graph_path = export.write(ds, out / "graph.trig")
    result = BuildResult(
        graph_path,
        documents=len(extractions),
        entities=len(entities),
        events=sum(len(x.events) for x in extractions),
        claims=sum(len(x.claims) for x in extractions),
        dataset=ds,
    )
    if write_views:
        facts = read_facts(ds)
        for name in views.DEFAULT_VIEWS:
            g, title = views.build_view(facts, name, lang)
            result.views.append(views.write_view(g, out / "views" / f"{name}.html", title, lang))
    return result
