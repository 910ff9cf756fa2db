"""The `kg` command: a thin typer layer over the library.

Every command only parses options and calls kg.*; a KgError becomes one line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from . import __version__, native
from .config import Neo4jSettings
from .errors import KgError, QueryError, RdfError

if TYPE_CHECKING:
    from .store import GraphStore

app = typer.Typer(
    name="kg",
    help="NewsKG: build a knowledge graph from Arabic and English news, query it in Neo4j, export RDF, draw views.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The four connection options, defined once: @neo4j_options adds them to a command (see there).
NEO4J_OPTIONS = {
    "uri": typer.Option(
        None, "--uri", help="Neo4j URI (bolt://, neo4j://, neo4j+s://); default $NEO4J_URI or bolt://127.0.0.1:7687"
    ),
    "user": typer.Option(None, "--user", help="Neo4j user; default $NEO4J_USER or neo4j"),
    "password": typer.Option(
        None, "--password", help="Neo4j password; better: set $NEO4J_PASSWORD", show_default=False
    ),
    "database": typer.Option(
        None, "--database", help="Neo4j database name; default $NEO4J_DATABASE or the server default"
    ),
}


@dataclass(frozen=True)
class Connection:
    """The connection options a command was given; settings and a store are made only when asked for."""

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    def settings(self) -> Neo4jSettings:
        return _settings(self.uri, self.user, self.password, self.database)

    def store(self) -> GraphStore:
        """A connected Neo4j Store, from flags, then environment, then defaults.

        A server that stops answering ends the run (see _give_up).
        """
        from .neo4j_store import Store

        return Store(self.settings(), on_stall=_give_up)


def neo4j_options(command: Callable) -> Callable:
    """Give a command the options --uri, --user, --password and --database.

    The command declares one parameter ``connection: Connection`` instead of the
    four; typer sees the four (this rewrites the signature it reads), and the
    command gets them bundled. sqlite-utils shares option groups the same way.
    """
    signature = inspect.signature(command)
    own = [p for p in signature.parameters.values() if p.name != "connection"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=str | None)
        for name, option in NEO4J_OPTIONS.items()
    ]

    @functools.wraps(command)
    def with_connection(*args, uri=None, user=None, password=None, database=None, **kwargs):
        return command(*args, connection=Connection(uri, user, password, database), **kwargs)

    with_connection.__signature__ = signature.replace(parameters=[*own, *added])
    annotations = {k: v for k, v in command.__annotations__.items() if k != "connection"}
    with_connection.__annotations__ = {**annotations, **{name: "str | None" for name in NEO4J_OPTIONS}}
    return with_connection


def _settings(uri, user, password, database) -> Neo4jSettings:
    settings = Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)
    if len(settings.password) >= 4:
        _secrets.add(settings.password)
    return settings


def _give_up(message: str) -> None:
    """Called from the Store's watcher thread: the main thread is stuck waiting on a socket, so exit from here."""
    _say(f"error: {message}")
    sys.stderr.flush()
    os._exit(4)


SOME_INPUTS_FAILED = 1  # exit code of a build that left some bad inputs out


INTERNAL_ERROR = 70  # a bug (sysexits' EX_SOFTWARE)


def _say(msg: str) -> None:
    typer.echo(scrub(msg), err=True)


@app.callback()
def _options(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars (they show only on a terminal anyway)"),
) -> None:
    from .progress import set_quiet

    set_quiet(quiet)


@app.command()
def build(
    sources: list[Path] = typer.Argument(
        ..., help="Article files or folders; folders are read recursively for .txt, .html and .jsonl"
    ),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for graph.trig and views/"),
    views: bool = typer.Option(True, "--views/--no-views", help="Write the HTML views too"),
    validate: bool = typer.Option(True, "--validate/--no-validate", help="Check the graph against ontology/shapes.ttl"),
    lang: str = typer.Option("en", "--lang", help="Label language of the views: en or ar"),
    extractor: str = typer.Option("rules.v1", "--extractor", help="Extractor registry name"),
    store: str = typer.Option(
        "memory", "--store", help="memory, or oxigraph for big graphs (pip install oxrdflib): the views read it"
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Worker processes (or Dask workers of --dask local); 0: all cores"
    ),
    dask: str = typer.Option(
        None, "--dask", help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local"
    ),
    prune: bool = typer.Option(
        False, "--prune", help="Leave out documents of the previous build in --out that the sources no longer hold"
    ),
) -> None:
    """Read articles, extract entities, events and claims, write DIR/graph.trig and DIR/views/*.html.

    Articles are processed a batch at a time in parallel. DIR/build-cache.sqlite remembers each
    document's content hash and the code that made it: building into the same DIR again extracts
    only new or changed articles, and keeps the documents of earlier builds unless --prune.
    """
    from .pipeline import build as run_build
    from .pipeline import default_jobs

    r = run_build(
        [str(s) for s in sources],
        out,
        extractor=extractor,
        write_views=views,
        lang=lang,
        validate=validate,
        store=store,
        jobs=jobs or default_jobs(),
        dask=dask,
        prune=prune,
    )
    for problem in r.problems:
        _say(f"error: {problem}")
    typer.echo(
        f"{r.documents} document(s): {r.entities} entities, {r.events} events, {r.claims} claims -> {r.graph_path}"
    )
    typer.echo(f"{r.extracted} extracted, {r.cached} from the cache of the previous build")
    for v in r.views:
        typer.echo(f"view: {v}")
    if r.problems:
        _say(f"error: {len(r.problems)} input(s) failed and were left out (named above); built the rest")
        raise typer.Exit(SOME_INPUTS_FAILED)


@app.command()
@neo4j_options
def load(
    graph: Path = typer.Argument(..., help="RDF file written by kg build (graph.trig) or any supported format"),
    everything: bool = typer.Option(
        False, "--all", help="Send every named graph, not only those that changed since they were last loaded"
    ),
    prune: bool = typer.Option(
        False, "--prune", help="Also take out the documents an earlier load wrote that this graph no longer has"
    ),
    bulk: bool = typer.Option(
        False,
        "--bulk",
        help="First load of an empty local database (scripts/neo4j.sh) through Neo4j's bulk importer; "
        "the server restarts",
    ),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Load a graph into Neo4j (MERGE on IRIs: loading twice changes nothing).

    Only the named graphs (documents) whose content changed since the last load are sent, unless --all.
    """
    from .export import read, require_newskg
    from .neo4j_store import check_loadable

    ds = read(graph)
    try:
        require_newskg(ds)
        check_loadable(ds)  # before connecting: a graph that cannot be loaded needs no server to say so
    except RdfError as e:
        raise RdfError(f"{graph}: {e}") from None
    if bulk:
        from .neo4j_store.bulk import bulk_load

        stats = bulk_load(connection.settings(), ds, connection.store)
        typer.echo(f"loaded {graph}: database now holds {stats['nodes']} nodes, {stats['relationships']} relationships")
        return
    with connection.store() as store:
        stats = store.load(ds, check=False, only_changed=not everything or prune, prune=prune)
    typer.echo(f"loaded {graph}: database now holds {stats['nodes']} nodes, {stats['relationships']} relationships")


@app.command()
@neo4j_options
def query(
    name: str = typer.Argument(..., help="A named query from queries/ (kg queries lists them)"),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value, repeatable"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    graph: Path = typer.Option(
        None, "--graph", "-g", help="Answer from a built graph (graph.trig) with the query's SPARQL twin, no server"
    ),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Run a named query (read-only) and print the rows: Cypher on Neo4j, or SPARQL on a built graph with --graph."""
    from .query import format_rows, load_query, parse_params

    q = load_query(name)
    params = parse_params(param, q.params)
    from .store import DatasetStore

    with DatasetStore.open(graph) if graph is not None else connection.store() as store:
        rows = store.named_query(q, params)
    typer.echo(format_rows(rows, fmt))


@app.command("queries")
def list_queries() -> None:
    """List the named queries: what each answers, its parameters, and its backends (neo4j: Cypher, file: SPARQL)."""
    from .query import available, load_query

    where = {"cypher": "neo4j", "sparql": "file"}
    for name in available():
        q = load_query(name)
        params = ", ".join(q.params) or "no parameters"
        backends = "+".join(where[b] for b in q.backends)
        typer.echo(f"{name:15s} {backends:10s} {q.description}  [{params}]")


@app.command()
@neo4j_options
def cypher(
    statement: str = typer.Argument(..., help="A Cypher statement; pass values with --param, never inline"),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value, repeatable"),
    write: bool = typer.Option(False, "--write", help="Allow the statement to write"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Run one Cypher statement, read-only unless --write."""
    from .cypher_guard import check_read_only
    from .query import format_rows, parse_params

    if not write:
        check_read_only(statement)  # before connecting: a refused statement needs no server
    with connection.store() as store:
        rows = store.run(statement, parse_params(param), write=write)
    typer.echo(format_rows(rows, fmt))


@app.command()
@neo4j_options
def remove(
    document: str = typer.Argument(..., help="Document id (as in the graph IRI .../graph/<id>) or the full graph IRI"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Take one document's facts out of Neo4j; entities another document still uses stay."""
    from .rdf import graph_iri

    g = document if document.startswith("http") else str(graph_iri(document))
    with connection.store() as store:
        stats = store.remove_document(g)
    typer.echo(f"removed {g}: {stats['nodes_removed']} nodes, {stats['relationships_removed']} relationships")


@app.command()
@neo4j_options
def export(
    graph: Path = typer.Argument(None, help="A built graph (graph.trig); omit with --from-neo4j"),
    fmt: str = typer.Option("ttl", "--format", "-f", help="ttl, nt, nq, trig or jsonld"),
    out: Path = typer.Option(None, "--out", "-o", help="Output file; default: next to the input with the new suffix"),
    from_neo4j: bool = typer.Option(False, "--from-neo4j", help="Read the graph back from Neo4j instead of a file"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
    from . import export as ex

    if from_neo4j:
        if graph is not None:
            raise KgError(f"--from-neo4j reads the database, not {graph}; to choose where it is written use --out")
        with connection.store() as store:
            ds = store.export_rdf()
        target = out or Path(f"neo4j-export{ex.FORMATS[ex.format_for('x', fmt)][1]}")
    else:
        if graph is None:
            raise KgError("give a graph file to export, or --from-neo4j")
        ds = ex.read(graph)
        target = out or graph.with_suffix(ex.FORMATS[ex.format_for(graph, fmt)][1])
    path = ex.write(ds, target, fmt)
    typer.echo(f"wrote {path}")


@app.command()
@neo4j_options
def viz(
    view: str = typer.Argument(..., help="deployments, aid, claims, overview, actor or query"),
    name: str = typer.Argument(None, help="The actor's name (actor view) or the named query (query view)"),
    graph: Path = typer.Option(Path("out/graph.trig"), "--graph", "-g", help="A built graph"),
    out: Path = typer.Option(None, "--out", "-o", help="Output file; default out/views/<view>.<format>"),
    lang: str = typer.Option("en", "--lang", help="Labels in en or ar"),
    fmt: str = typer.Option("html", "--format", "-f", help="html, png (a snapshot for reports), graphml or gexf"),
    neo4j: bool = typer.Option(False, "--neo4j", help="Read the graph from Neo4j instead of --graph"),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value for the query view"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Draw an interactive view (self-contained HTML that works offline), or GraphML/GEXF for Gephi."""
    from . import views as v
    from .facts import read_facts

    if view == "query":
        from .query import load_query, parse_params

        if not name:
            raise KgError("the query view needs a query name, e.g. kg viz query deployments")
        q = load_query(name)
        with connection.store() as store:
            rows = store.named_query(q, parse_params(param, q.params))
        g, title = v.records_graph(rows), f"Query: {name}"
    else:
        if neo4j:
            with connection.store() as store:
                ds = store.export_rdf()
        else:
            from .export import read

            ds = read(graph)
        g, title = v.build_view(read_facts(ds), view, lang, name)
    suffix = {"html": ".html", "png": ".png", "graphml": ".graphml", "gexf": ".gexf"}.get(fmt, ".html")
    target = out or Path("out/views") / f"{view}{('-' + name) if name else ''}{suffix}"
    path = v.write_view(g, target, title, lang, fmt)
    typer.echo(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


def _facts(graph: Path, neo4j: bool, connection: Connection):
    """The facts of a graph file, or of the graph in Neo4j."""
    from .facts import read_facts

    if neo4j:
        with connection.store() as store:
            return read_facts(store.export_rdf())
    from .export import read

    return read_facts(read(graph))


@app.command()
@neo4j_options
def stats(
    graph: Path = typer.Option(Path("out/graph.trig"), "--graph", "-g", help="A built graph"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    top: int = typer.Option(10, "--top", help="How many central actors to list (0: all)"),
    lang: str = typer.Option("en", "--lang", help="Names in en or ar"),
    neo4j: bool = typer.Option(False, "--neo4j", help="Read the graph from Neo4j instead of --graph"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Counts, central actors, aid flows and balance, communities: for all months and each month."""
    from .analytics import format_stats
    from .analytics import stats as compute

    typer.echo(format_stats(compute(_facts(graph, neo4j, connection), top, lang), fmt))


@app.command()
@neo4j_options
def report(
    graph: Path = typer.Option(Path("out/graph.trig"), "--graph", "-g", help="A built graph"),
    out: Path = typer.Option(Path("out/report.html"), "--out", "-o", help="The page to write"),
    views_dir: Path = typer.Option(None, "--views", help="Folder of the views to link; default: views/ by the graph"),
    top: int = typer.Option(10, "--top", help="How many central actors to list"),
    lang: str = typer.Option("en", "--lang", help="Names in en or ar"),
    neo4j: bool = typer.Option(False, "--neo4j", help="Read the graph from Neo4j instead of --graph"),
    connection: Connection = Connection(),  # --uri --user --password --database (@neo4j_options)
) -> None:
    """Write one self-contained offline HTML page with the analytics as tables and charts."""
    from .report import write_report

    facts = _facts(graph, neo4j, connection)
    path = write_report(facts, out, views_dir or graph.parent / "views", top, lang)
    typer.echo(f"wrote {path}")


@app.command("validate")
def validate_cmd(graph: Path = typer.Argument(..., help="RDF file to check against ontology/shapes.ttl")) -> None:
    """Check a graph against the SHACL shapes; print every violation."""
    from .export import read, require_newskg
    from .validate import violations

    ds = read(graph)
    try:
        require_newskg(ds)  # SHACL finds nothing wrong in a graph that holds none of our classes
    except RdfError as e:
        raise RdfError(f"{graph}: {e}") from None
    found = violations(ds)
    for v in found:
        typer.echo(str(v))
    if found:
        raise KgError(f"{graph}: {len(found)} SHACL violation(s)")
    typer.echo(f"{graph}: conforms")


@app.command()
def sparql(
    query_text: str = typer.Argument(..., metavar="QUERY", help="A SPARQL SELECT/ASK query, or @file.rq"),
    graph: Path = typer.Option(Path("out/graph.trig"), "--graph", "-g", help="A built graph"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Let SERVICE and FROM fetch data from other servers or files"
    ),
) -> None:
    """Run SPARQL on a built graph, no server needed (prefixes kg:, id:, rdfs:, skos: predeclared)."""
    from .export import read
    from .query import format_rows
    from .sparql import run_sparql

    text = query_text
    if query_text.startswith("@"):
        try:
            text = Path(query_text[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"{query_text[1:]}: cannot read the query ({getattr(e, 'strerror', None) or e})") from None
    typer.echo(format_rows(run_sparql(read(graph), text, allow_service=allow_service), fmt))


@app.command("eval")
def eval_cmd(
    graph: Path = typer.Argument(..., help="A built graph"),
    gold: list[Path] = typer.Argument(..., help="Gold JSON files or folders"),
) -> None:
    """Score a built graph against gold annotations: precision, recall and F1."""
    from .evaluate import score
    from .export import read

    for line in score(read(graph), gold).lines():
        typer.echo(line)


@app.command("ontology-doc")
def ontology_doc(
    out: Path = typer.Option(Path("docs/ontology.md"), "--out", "-o", help="Where to write the page"),
) -> None:
    """Write the human-readable ontology page generated from ontology/kg.ttl."""
    from .export import write_atomic
    from .ontology_doc import render

    write_atomic(out, render().encode("utf-8"))
    typer.echo(f"wrote {out}")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"newskg {__version__} (extractor: {native.mode()})")


# user:password@ inside a URI, wherever it shows up in a message
_URI_SECRET = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/@\s:]*):[^/@\s]*@")
_secrets: set[str] = set()  # passwords given on this run, never printed


def scrub(text: str) -> str:
    """The text with every password we know of, and any user:password@ in a URI, masked."""
    text = _URI_SECRET.sub(r"\g<scheme>\g<user>:***@", text)
    for secret in _secrets:
        text = text.replace(secret, "***")
    return text


def main(argv: list[str] | None = None) -> None:
    """Entry point: expected failures (KgError) become one line and an exit code.

    Anything else is a bug: it too becomes one line (exit 70), unless KG_DEBUG=1
    asks for the traceback. No line ever holds a password.
    """
    # The driver logs retries and notices as warnings, which Python prints to stderr when no logging is set
    # up; every failure here ends in one line of ours instead.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    try:
        app(args=argv)
    except KgError as e:
        for line in e.lines():
            _say(f"error: {line}")
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    except Exception as e:
        if os.environ.get("KG_DEBUG"):
            raise
        first = (str(e).strip().splitlines() or [""])[0][:300]
        _say(f"error: internal error ({type(e).__name__}: {first}); please report this bug (KG_DEBUG=1 shows where)")
        sys.exit(INTERNAL_ERROR)


if __name__ == "__main__":
    main()
