"""Property tests (hypothesis): whatever the input, kg answers with output or `error:` lines, never a traceback.

Random text, random bytes and random JSON lines go through `kg build`; random
RDF (and RDF-looking garbage) through `kg validate` and `kg load`. Each run is
in-process (tests/unit/test_cli.py: kg_here) so that a few dozen examples take
seconds.
"""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_cli import kg_here

FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of news in both languages, with the punctuation, digits and marks real pages have.
FRAGMENTS = [
    "Russia sent troops to Syria on Monday, the ministry said.",
    "Turkey sent food to Syria on Sunday, Reuters reported.",
    "North Korea deployed 10,000 soldiers to Russia, according to officials.",
    "أرسلت روسيا مساعدات إلى سوريا يوم الأحد.",
    "وقالت وزارة الخارجية إن كوريا الشمالية نشرت قوات في روسيا",
    "Iran denied sending drones.",
    "«",
    "»",
    '"',
    "Read more:",
    "Share",
    "Published 3 March 2024",
    "\n",
    "\n\n",
    " ",
    ",",
    ".",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\t",
]
text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=25).map("".join),
    st.text(max_size=400),
)


def assert_clean(result, allowed=(0, 1, 2)):
    """Output or one error line per problem; never a traceback or an internal error."""
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode in allowed, (result.returncode, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith("error: "), result.stderr


@FAST
@given(body=text)
def test_random_text_builds_or_is_refused_in_one_line(tmp_path_factory, body):
    folder = tmp_path_factory.mktemp("text")
    (folder / "article.txt").write_text(body, encoding="utf-8", errors="surrogatepass")
    r = kg_here("build", folder / "article.txt", "--out", folder / "out", "--no-views")
    assert_clean(r, allowed=(0, 2))
    assert (r.returncode == 0) == (folder / "out" / "graph.trig").exists()


@FAST
@given(raw=st.binary(max_size=600))
def test_random_bytes_build_or_are_refused_in_one_line(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "article.txt").write_bytes(raw)
    assert_clean(kg_here("build", folder / "article.txt", "--out", folder / "out", "--no-views"), allowed=(0, 2))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {"text": text}, optional={"title": json_values, "url": json_values, "lang": json_values, "published": json_values}
)
lines = st.one_of(records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=60).map(lambda t: t.strip()))


@FAST
@given(rows=st.lists(lines, min_size=1, max_size=8))
def test_random_json_lines_build_what_they_can_and_name_each_bad_line(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "news.jsonl"
    path.write_text("\n".join(r.replace("\n", " ") for r in rows) + "\n", encoding="utf-8", errors="surrogatepass")
    r = kg_here("build", path, "--out", folder / "out", "--no-views")
    assert_clean(r)
    problems = [line for line in r.stderr.splitlines() if not line.startswith(("error: nothing built", "error: 1 "))]
    problems = [line for line in problems if "input(s) failed" not in line]
    assert all(line.startswith(f"error: {path}") for line in problems), r.stderr
    if r.returncode in (0, 1):
        assert (folder / "out" / "graph.trig").exists()


iris = st.sampled_from(
    [
        "https://w3id.org/newskg/id/thing/1",
        "https://w3id.org/newskg/id/thing/2",
        "https://w3id.org/newskg/ontology#Country",
        "https://w3id.org/newskg/ontology#Deployment",
        "https://w3id.org/newskg/ontology#agent",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "https://example.org/has-part",
        "https://example.org/x#1bad",
        "urn:x:y",
    ]
) | st.from_regex(r"https://example\.org/[a-z0-9_#/-]{0,12}", fullmatch=True)
literal = st.text(max_size=20).map(lambda t: json.dumps(t, ensure_ascii=False)) | st.integers().map(
    lambda i: f'"{i}"^^<http://www.w3.org/2001/XMLSchema#integer>'
)
quad = st.tuples(iris, iris, iris.map(lambda i: f"<{i}>") | literal, iris)
typing = st.tuples(  # a node of a NewsKG class, so that some graphs are ours and get loaded
    iris,
    st.just("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    st.sampled_from(["Country", "Person", "Deployment", "Claim"]).map(
        lambda c: f"<https://w3id.org/newskg/ontology#{c}>"
    ),
    iris,
)
rdf_files = st.one_of(
    st.lists(quad | typing, max_size=12).map(lambda qs: "".join(f"<{s}> <{p}> {o} <{g}> .\n" for s, p, o, g in qs)),
    st.text(max_size=200),  # garbage that claims to be N-Quads
)


@FAST
@given(body=rdf_files)
def test_random_rdf_validates_or_is_refused_in_one_line(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("rdf") / "graph.nq"
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    assert_clean(kg_here("validate", path), allowed=(0, 1, 2))  # 1: SHACL violations, listed on stdout
    # no server on port 9: a file that could be loaded gets as far as connecting, and says so
    assert_clean(kg_here("load", path, "--uri", "bolt://127.0.0.1:9"), allowed=(2, 4))
