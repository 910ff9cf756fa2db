"""The main job: sources -> documents -> extractions -> entities -> RDF -> files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from . import export, views
from .errors import EmptyInputError, InputError, InputsFailed, KgError
from .extract import get_extractor
from .facts import read_facts
from .ingest import read_sources
from .model import Extraction
from .output import replacing_folder
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
    problems: list[InputError] = field(default_factory=list)  # inputs left out, one error each


def extract_all(
    sources: list[str | Path], extractor: str = "rules.v1", problems: list[InputError] | None = None
) -> list[Extraction]:
    """Extractions of every document. With `problems`, a bad file or record is added there and skipped."""
    ex = get_extractor(extractor)
    report = None if problems is None else problems.append
    extractions = []
    for doc in read_sources(sources, on_error=report):
        try:
            extractions.append(ex.extract(doc))
        except Exception as e:  # a bug in the extractor: leave this document out, say which, go on
            if problems is None:
                raise
            problems.append(
                InputError(f"{doc.source}: the extractor failed ({type(e).__name__}: {e}); please report this bug")
            )
    return extractions


LANGS = ("en", "ar")  # label languages of the views
OWNED = {"graph.trig", *(f"views/{name}.html" for name in views.DEFAULT_VIEWS)}  # what a build writes in --out


def build(
    sources: list[str | Path],
    out: str | Path,
    extractor: str = "rules.v1",
    write_views: bool = True,
    lang: str = "en",
    validate: bool = True,
    store: str = "memory",
) -> BuildResult:
    """Build the graph of `sources` into the folder `out` (graph.trig, views/).

    Bad files and records are left out and listed in `problems`; when none is left
    an InputsFailed is raised. The folder is replaced whole at the end (kg/output.py),
    so a build that fails leaves the previous one as it was, graph and views together.
    """
    out = Path(out)
    if write_views and lang not in LANGS:
        raise KgError(f"labels come in en or ar, not {lang!r}")
    get_extractor(extractor)  # an unknown name fails before any work
    problems: list[InputError] = []
    with replacing_folder(out, OWNED) as folder:
        extractions = extract_all(sources, extractor, problems)
        if not extractions:
            raise InputsFailed(problems) if problems else EmptyInputError("no article text in the sources")
        entities = resolve(extractions)
        ds = to_dataset(extractions, entities, store)
        if validate:
            from .validate import check

            check(ds)
        export.write(ds, folder / "graph.trig")
        result = BuildResult(
            out / "graph.trig",
            documents=len(extractions),
            entities=len(entities),
            events=sum(len(x.events) for x in extractions),
            claims=sum(len(x.claims) for x in extractions),
            dataset=ds,
            problems=problems,
        )
        if write_views:
            facts = read_facts(ds)
            for name in views.DEFAULT_VIEWS:
                g, title = views.build_view(facts, name, lang)
                views.write_view(g, folder / "views" / f"{name}.html", title, lang)
                result.views.append(out / "views" / f"{name}.html")
    return result
