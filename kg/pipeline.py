"""The main job: sources -> documents -> extractions -> entities -> RDF -> files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from . import export, stream, views
from .errors import EmptyInputError, InputError, InputsFailed, KgError
from .extract import get_extractor
from .facts import read_facts
from .ingest import read_sources, units
from .model import Extraction
from .output import replacing_folder
from .progress import progress
from .progress import shown as progress_shown
from .rdf import new_dataset
from .resolve import _rename


@dataclass
class BuildResult:
    graph_path: Path
    documents: int
    entities: int
    events: int
    claims: int
    views: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # inputs left out, one error each
    store: str = "memory"
    extracted: int = 0  # documents extracted by this build
    cached: int = 0  # documents taken from the previous build's cache
    _dataset: Dataset | None = field(default=None, repr=False)

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (read back from graph.trig when first asked for)."""
        if self._dataset is None:
            self._dataset = export.read(self.graph_path, store=self.store)
        return self._dataset

    @dataset.setter
    def dataset(self, ds: Dataset) -> None:
        self._dataset = ds


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
# what a build writes in --out
OWNED = {"graph.trig", "build-cache.sqlite", *(f"views/{name}.html" for name in views.DEFAULT_VIEWS)}


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def build(
    sources: list[str | Path],
    out: str | Path,
    extractor: str = "rules.v1",
    write_views: bool = True,
    lang: str = "en",
    validate: bool = True,
    store: str = "memory",
    jobs: int = 1,
    dask: str | None = None,
    prune: bool = False,
) -> BuildResult:
    """Build the graph of `sources` into the folder `out` (graph.trig, views/, build-cache.sqlite).

    Articles are read, extracted, validated and serialised a batch at a time, in `jobs`
    worker processes or on a Dask cluster (`dask`: a scheduler address, or "local"), and
    never held all in memory (kg/stream.py). Documents the previous build in `out` made
    from the same content with the same code are taken from its cache; with `prune`,
    documents the sources no longer hold are left out, else they stay. The bytes of
    graph.trig do not depend on `jobs`, `dask` or the cache.

    Bad files and records are left out and listed in `problems`; when none is left
    an InputsFailed is raised. The folder is replaced whole at the end (kg/output.py),
    so a build that fails leaves the previous one as it was, graph and views together.
    """
    out = Path(out)
    if write_views and lang not in LANGS:
        raise KgError(f"labels come in en or ar, not {lang!r}")
    if jobs < 1:
        raise KgError(f"--jobs must be 1 or more, not {jobs}")
    get_extractor(extractor)  # an unknown name fails before any work
    new_dataset(store)  # an unknown or missing store too
    problems: list[InputError] = []
    with replacing_folder(out, OWNED) as folder:
        cache = stream.Cache(stream.cache_path(folder), extractor)
        try:
            known = cache.attach_previous(stream.cache_path(out))
            extracted, cached = _extract_into(cache, sources, extractor, validate, known, jobs, dask, problems)
            if not extracted + cached:  # judged on these sources: documents kept from before do not count
                raise InputsFailed(problems) if problems else EmptyInputError("no article text in the sources")
            if not prune:
                cached += cache.keep_the_rest()
            for graph in cache.stale():  # kept from an older build made by other code: extract again
                doc = cache.document(graph)
                p, ds = stream.piece(get_extractor(extractor).extract(doc), stream.content_hash(doc))
                if validate:
                    stream.check_graphs([ds], doc.source)
                cache.replace(p)
                extracted, cached = extracted + 1, cached - 1
            documents, events, claims = cache.count()
            entities = _write_graph(cache, folder / "graph.trig", validate, extractor)
        finally:
            cache.close()
        result = BuildResult(
            out / "graph.trig",
            documents=documents,
            entities=entities,
            events=events,
            claims=claims,
            problems=problems,
            store=store,
            extracted=extracted,
            cached=cached,
        )
        if write_views:
            ds = export.read(folder / "graph.trig", store=store)
            result.dataset = ds
            facts = read_facts(ds)
            for name in views.DEFAULT_VIEWS:
                g, title = views.build_view(facts, name, lang)
                views.write_view(g, folder / "views" / f"{name}.html", title, lang)
                result.views.append(out / "views" / f"{name}.html")
    return result


def _extract_into(cache, sources, extractor, validate, known, jobs, dask, problems) -> tuple[int, int]:
    """Every article of the sources into the cache (or taken from the previous one), problems in input order.
    Returns how many documents were extracted and how many taken from the previous cache."""
    extracted = cached = 0
    total = None
    if progress_shown():
        total = sum(1 for item in units(sources, lambda e: None) if not isinstance(item, InputError))
    items = units(sources, problems.append)
    with progress("extracting", total=total, unit="articles") as advance:
        for n, results in stream.run(items, extractor, validate, known, jobs=jobs, dask=dask):
            for r in results:
                if isinstance(r, InputError):
                    problems.append(r)
                elif isinstance(r, stream.Cached):
                    cached += cache.take_previous(r.doc_id)
                else:
                    extracted += cache.add(r)  # a second copy of a document (same id) is ignored
            advance(n)
    return extracted, cached


def _write_graph(cache: stream.Cache, path: Path, validate: bool, extractor: str) -> int:
    """graph.trig from the cache: document graphs by IRI, the merged entities, the build. Returns the entity count."""
    from .rdf import ENTITY_GRAPH, add_entity_graph, bind_prefixes
    from .resolve import EntityTable, renamed_entities, transliteration_renames

    renames = transliteration_renames(entities for _, entities, _ in cache.registry_rows())
    table = EntityTable()
    renamed: set[str] = set()  # graphs that refer to a renamed key: rendered again below
    for graph, entities, used in cache.registry_rows():
        if renames and (renames.keys() & set(used) or renames.keys() & entities.keys()):
            renamed.add(graph)
            entities = renamed_entities(entities, renames)
            used = [renames.get(k, k) for k in used]
        table.add(used, entities)
    ents = Dataset()
    bind_prefixes(ents)
    add_entity_graph(ents.graph(ENTITY_GRAPH), table.entities)
    if validate:
        from .validate import check

        check(ents)
    entity_block, entity_prefixes = stream._serialised(ents)
    run_block, run_prefixes = stream.build_block(cache.doc_ids(), cache.doc_ids(by_graph=True), [extractor])
    prefixes = sorted(cache.prefixes() | set(entity_prefixes) | set(run_prefixes))
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(f"{p}\n" for p in prefixes))
        for graph, block in cache.blocks():
            if graph in renamed:  # extracted again (the same result), its keys renamed
                ex = get_extractor(extractor).extract(cache.document(graph))
                _rename(ex, renames)
                _, block, _ = stream.render(ex)
            fh.write("\n" + block)
        fh.write("\n" + entity_block)
        fh.write("\n" + run_block)
        fh.write("\n")
    return len(table.entities)
