"""RDF exports: every format parses back to exactly what the store holds, slices, stable bytes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from gongkai.export import Slice, export_rdf
from gongkai.export.rdf import ExportError, read_quads
from gongkai.export.serialise import write_trig, write_turtle
from gongkai.model import AgencyInfo, Evidence, Facts, Metric, ReportInfo, Source
from gongkai.pipeline import ensure_ontology
from gongkai.rdf.mapping import ReportMapper
from gongkai.store import open_store
from gongkai.store.base import GraphStore

from .conftest import EXAMPLES, ROOT, run_cli

RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld"}
SUFFIX = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld"}


def _facts(name: str, agency: str, code: str, year: int, numbers: list[tuple[str, tuple[str, ...], str, str]]) -> Facts:
    """A small but complete report: text, agency with jurisdiction, metrics with evidence offsets."""
    text = f"{agency}{year}年政府信息公开工作年度报告\n" + "".join(f"{ind}为{val}。\n" for ind, _, val, _ in numbers)
    metrics = []
    for ind, dims, val, unit in numbers:
        quote = f"{ind}为{val}"
        start = text.index(quote)
        metrics.append(Metric(ind, dims, Decimal(val), unit, Evidence(start, start + len(quote), quote, "test.synthetic")))
    return Facts(
        source=Source(name=name, path=name, sha256=name.encode().hex().ljust(64, "0")[:64], text=text,
                      encoding="utf-8", media_type="text/plain"),
        report=ReportInfo(title=f"{agency}{year}年政府信息公开工作年度报告", year=year, issued=f"{year + 1}-01-20",
                          format="std-2019"),
        agency=AgencyInfo(name=agency, division_code=code, division_name="测试区", level="county",
                          parent_code=code[:4] + "00"),
        metrics=tuple(metrics),
    )


SYNTHETIC = [
    _facts("a-2020.txt", "测试市甲局", "110101", 2020, [
        ("T3.R1", ("T3.C.total",), "89", "count"), ("T3.R1", ("T3.C.natural",), "80", "count"),
        ("T3.R3.4.1", ("T3.C.natural",), "0", "count"), ("H.feesCollected", (), "96000", "CNY")]),
    _facts("b-2021.txt", "测试市乙局", "110102", 2021, [
        ("H.requestsReceived", (), "12", "count"), ("H.proactiveItems", (), "1.5", "count")]),
]


def synthetic_store() -> GraphStore:
    """An in-memory store with two reports (known metrics) and the shipped ontology."""
    store = open_store(None)
    mapper = ReportMapper()
    for facts in SYNTHETIC:
        store.replace_report(mapper.report_iri(facts), mapper.quads(facts))
    ensure_ontology(store)
    return store


@pytest.fixture(scope="module")
def synth() -> GraphStore:
    return synthetic_store()


def _reference(store: GraphStore, tmp: Path) -> rdflib.Dataset:
    dump = tmp / "reference.nq"
    store.export("nquads", dump)
    ds = rdflib.Dataset()
    ds.parse(dump, format="nquads")
    return ds


def _union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _named(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out: dict[str, rdflib.Graph] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        ident = c.identifier if hasattr(c, "identifier") else c
        out.setdefault(str(ident), rdflib.Graph()).add((s, p, o))
    return out


def _assert_round_trip(store: GraphStore, tmp: Path, fmt: str, path: Path) -> None:
    ref = _reference(store, tmp)
    if fmt in ("trig", "nquads"):
        got = rdflib.Dataset()
        got.parse(path, format=RDFLIB_FORMAT[fmt])
        a, b = _named(got), _named(ref)
        assert sorted(a) == sorted(b), "named graphs differ"
        for name in b:
            assert isomorphic(a[name], b[name]), f"graph {name} differs"
    else:
        got_g = rdflib.Graph()
        got_g.parse(path, format=RDFLIB_FORMAT[fmt])
        ref_g = _union(ref)
        assert len(got_g) == len(ref_g)
        assert isomorphic(got_g, ref_g)


@pytest.mark.parametrize("fmt", list(RDFLIB_FORMAT))
def test_every_format_parses_back_to_the_store(built_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{SUFFIX[fmt]}"
    run_cli("export", "--store", str(built_store), "--format", fmt, "--output", str(out), check=True)
    store = open_store(str(built_store), read_only=True)
    _assert_round_trip(store, tmp_path, fmt, out)


@pytest.mark.parametrize("fmt", list(RDFLIB_FORMAT))
def test_synthetic_store_with_metrics_round_trips(synth: GraphStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"synth.{SUFFIX[fmt]}"
    export_rdf(synth, fmt, out)
    _assert_round_trip(synth, tmp_path, fmt, out)


def test_the_whole_export_holds_ontology_and_schemes(synth: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "all.ttl"
    export_rdf(synth, "turtle", out)
    g = rdflib.Graph().parse(out, format="turtle")
    t3r1 = rdflib.URIRef("https://w3id.org/gongkai/scheme/indicator/T3.R1")
    assert (t3r1, rdflib.RDF.type, rdflib.SKOS.Concept) in g
    assert len(list(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/gongkai/ontology#Metric")))) == 6


@pytest.mark.slow
def test_two_builds_give_byte_identical_turtle(tmp_path: Path) -> None:
    """Separate stores built from the same files: the ontology's blank nodes get fresh ids in each."""
    outputs = {}
    for run in ("one", "two"):
        store = tmp_path / run / "store"
        run_cli("build", str(EXAMPLES), "--store", str(store), "--quiet", check=True)
        for fmt in ("turtle", "trig", "nquads", "jsonld"):
            out = tmp_path / run / f"graph.{SUFFIX[fmt]}"
            run_cli("export", "--store", str(store), "--format", fmt, "--output", str(out), check=True)
            outputs[(run, fmt)] = out.read_bytes()
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        assert outputs[("one", fmt)] == outputs[("two", fmt)], f"{fmt} differs between two builds"
    assert b"_:" in outputs[("one", "nquads")] or b"[" in outputs[("one", "turtle")]


def test_blank_nodes_are_labelled_by_content_not_by_load() -> None:
    doc = b"""@prefix ex: <http://example.org/> .
    ex:a ex:p [ ex:q "1" ; ex:r ( ex:x [ ex:s "2" ] ) ] ; ex:t _:shared .
    ex:b ex:t _:shared .
    _:shared ex:u "3" .
    _:loop1 ex:next _:loop2 . _:loop2 ex:next _:loop1 .
    """
    texts = []
    for _ in range(2):
        quads = list(ox.parse(doc, format=ox.RdfFormat.TURTLE))
        import io

        buf = io.StringIO()
        write_turtle(quads, buf)
        texts.append(buf.getvalue())
        back = rdflib.Graph().parse(data=buf.getvalue(), format="turtle")
        assert isomorphic(back, rdflib.Graph().parse(data=doc, format="turtle"))
    assert texts[0] == texts[1]
    assert "( <http://example.org/x> [" in texts[0]  # lists are written as lists, single-use blank nodes nested


def test_trig_keeps_blank_nodes_shared_between_graphs() -> None:
    import io

    b = ox.BlankNode()
    p = ox.NamedNode("http://example.org/p")
    quads = [ox.Quad(ox.NamedNode("http://example.org/s"), p, b, ox.NamedNode("http://example.org/g1")),
             ox.Quad(b, p, ox.Literal("x"), ox.NamedNode("http://example.org/g2"))]
    buf = io.StringIO()
    write_trig(quads, buf)
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue(), format="trig")
    rp = rdflib.URIRef(p.value)
    objs = {o for _, _, o, _ in ds.quads((None, rp, None, None)) if isinstance(o, rdflib.BNode)}
    subjs = {s for s, _, _, _ in ds.quads((None, rp, None, None)) if isinstance(s, rdflib.BNode)}
    assert objs == subjs and len(objs) == 1


def test_turtle_is_readable(synth: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "all.ttl"
    export_rdf(synth, "turtle", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("@prefix ")
    assert "@prefix gk: <https://w3id.org/gongkai/ontology#> ." in text
    assert "gk:indicator indicator:T3.R1" in text
    # one block per subject: no subject starts two blocks
    heads = [ln for ln in text.splitlines() if ln and not ln.startswith((" ", "@"))]
    assert len(heads) == len(set(heads)) > 10


@pytest.mark.parametrize("sl,expected", [
    (Slice(year=2020), {"a-2020.txt"}),
    (Slice(year=2021), {"b-2021.txt"}),
    (Slice(agency="110102"), {"b-2021.txt"}),
    (Slice(agency="测试市甲局"), {"a-2020.txt"}),
    (Slice(agency="110101", year=2020), {"a-2020.txt"}),
])
def test_slices_hold_their_reports_and_the_entities_they_reach(synth: GraphStore, tmp_path: Path,
                                                               sl: Slice, expected: set[str]) -> None:
    out = tmp_path / "slice.trig"
    export_rdf(synth, "trig", out, sl)
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    gk = rdflib.Namespace("https://w3id.org/gongkai/ontology#")
    names = {str(o) for _, _, o, _ in ds.quads((None, gk.sourceName, None, None))}
    assert names == expected
    graphs = set(_named(ds))
    assert "https://w3id.org/gongkai/graph/entities" in graphs
    assert "https://w3id.org/gongkai/graph/ontology" not in graphs
    # the agency of the sliced report is described, the other one is not
    agencies = {str(o) for _, _, o, _ in ds.quads((None, rdflib.SKOS.prefLabel, None, None))
                if str(o).startswith("测试市")}
    assert len(agencies) == 1
    regions = {str(o) for _, _, o, _ in ds.quads((None, gk.divisionCode, None, None))}
    assert regions <= {"110101", "110102"} and len(regions) == 1


def test_a_slice_that_matches_nothing_is_an_error(synth: GraphStore, tmp_path: Path, built_store: Path) -> None:
    with pytest.raises(ExportError, match="no report"):
        export_rdf(synth, "turtle", tmp_path / "x.ttl", Slice(year=1999))
    proc = run_cli("export", "--store", str(built_store), "--format", "turtle", "--agency", "no-such-agency",
                   "--output", str(tmp_path / "y.ttl"))
    assert proc.returncode == 1 and "no report in the store matches agency 'no-such-agency'" in proc.stderr


def test_cli_year_slice(built_store: Path, tmp_path: Path) -> None:
    store = open_store(str(built_store), read_only=True)
    years = sorted({r["y"][:4] for r in store.select("SELECT ?y WHERE { ?r a gk:Report ; gk:reportYear ?y }")})
    assert years
    out = tmp_path / "slice.nq"
    run_cli("export", "--store", str(built_store), "--format", "nquads", "--year", years[0], "--output", str(out),
            check=True)
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    got = {str(o)[:4] for _, _, o, _ in ds.quads((None, rdflib.URIRef("https://w3id.org/gongkai/ontology#reportYear"),
                                                   None, None))}
    assert got == {years[0]}


def test_jsonld_uses_the_published_context(synth: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonld"
    export_rdf(synth, "jsonld", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"]
    metrics = [n for n in doc["@graph"] if n.get("@type") == "Metric"]
    assert len(metrics) == 6
    fee = next(m for m in metrics if m["indicator"] == "https://w3id.org/gongkai/scheme/indicator/H.feesCollected"
               or m["indicator"].endswith("H.feesCollected"))
    assert fee["value"] == "96000"  # coerced by the context to xsd:decimal


def test_reading_the_store_goes_through_the_interface(synth: GraphStore) -> None:
    quads = read_quads(synth)
    assert len(quads) == synth.count_triples()
