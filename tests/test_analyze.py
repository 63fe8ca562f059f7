"""``gongkai analyze`` on the hand-written graph, whose network is a path the answers follow from:

    放管服 - 甲(A) - 一网通办 - 乙(B) - 最多跑一次 - 丙(C)

Betweenness of the path's nodes 0..5 is i*(5-i) / ((n-1)(n-2)/2) = 0, .4, .6, .6, .4, 0; bipartite
degree centrality is degree / 3. Similarity features (initiatives + shared platforms, 中国政府网 being
the only shared one): A {一网通办, 放管服, 中国政府网}, B {一网通办, 最多跑一次}, C {最多跑一次, 中国政府网}.
"""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from gongkai.analyze import ANALYSIS_GRAPH, analyze, analyze_rows, write_back, write_gexf, write_graphml
from gongkai.store import open_store

from .conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "graph.trig"
ID = "https://w3id.org/gongkai/id/"
A, B, C = ID + "agency/A", ID + "agency/B", ID + "agency/C"
YWTB, FGF, ZDPYC = ID + "initiative/ywtb", ID + "initiative/fgf", ID + "initiative/zdpyc"


@pytest.fixture()
def store():  # type: ignore[no-untyped-def]
    s = open_store(None)
    s.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return s


def test_bipartite_network_and_adoption(store) -> None:  # type: ignore[no-untyped-def]
    result = analyze(store)
    net = result.network
    assert set(net.edges()) | {(b, a) for a, b in net.edges()} >= {(A, YWTB), (A, FGF), (B, YWTB), (B, ZDPYC), (C, ZDPYC)}
    assert net.number_of_edges() == 5 and net.number_of_nodes() == 6
    assert net.edges[A, YWTB] == {"reports": 2, "firstYear": 2018}
    assert {(a.agency, a.initiative): (a.first_year, a.first_report.rsplit("report/", 1)[1]) for a in result.adoptions} == {
        (A, YWTB): (2018, "A/2018"), (A, FGF): (2019, "A/2019"), (B, YWTB): (2019, "B/2019"),
        (B, ZDPYC): (2019, "B/2019"), (C, ZDPYC): (2018, "C/2018")}


def test_similarity(store) -> None:  # type: ignore[no-untyped-def]
    sims = {(s.agency_a, s.agency_b): (s.shared_initiatives, s.shared_platforms, s.jaccard) for s in analyze(store).similarities}
    assert sims == {(B, C): (1, 0, Decimal("0.333333")), (A, B): (1, 0, Decimal("0.25")), (A, C): (0, 1, Decimal("0.25"))}


def test_centrality(store) -> None:  # type: ignore[no-untyped-def]
    cent = {c.node: (c.degree, c.degree_centrality, c.betweenness) for c in analyze(store).centrality}
    d23, d13 = Decimal("0.666667"), Decimal("0.333333")
    assert cent == {FGF: (1, d13, Decimal(0)), A: (2, d23, Decimal("0.4")), YWTB: (2, d23, Decimal("0.6")),
                    B: (2, d23, Decimal("0.6")), ZDPYC: (2, d23, Decimal("0.4")), C: (1, d13, Decimal(0))}


def test_earliest_dated_report_wins_and_empty_input_is_empty() -> None:
    m = [{"a": "a", "agency": "甲", "i": "i", "initiative": "X", "report": "r2", "year": "2020"},
         {"a": "a", "agency": "甲", "i": "i", "initiative": "X", "report": "r0", "year": None},
         {"a": "a", "agency": "甲", "i": "i", "initiative": "X", "report": "r1", "year": "2017"}]
    result = analyze_rows(m, [])
    assert [(x.first_year, x.first_report) for x in result.adoptions] == [(2017, "r1")]
    empty = analyze_rows([], [])
    assert empty.network.number_of_nodes() == 0 and empty.centrality == () and empty.similarities == ()


def test_write_back_is_queryable_and_rerun_replaces(store) -> None:  # type: ignore[no-untyped-def]
    n = write_back(store, analyze(store))
    count = store.count_triples()
    assert write_back(store, analyze(store)) == n and store.count_triples() == count  # idempotent
    rows = store.select(f"""SELECT ?i ?n ?y WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{
        ?i gk:adopterCount ?n ; gk:firstAdoptionYear ?y }} }} ORDER BY ?i""")
    assert [(r["i"], r["n"], r["y"]) for r in rows] == [(FGF, "1", "2019"), (YWTB, "2", "2018"), (ZDPYC, "2", "2018")]
    ad = store.select(f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?x a gk:Adoption ;
        gk:adopter ?a ; gk:adoptedInitiative ?i ; gk:firstYear ?y ; gk:firstReport ?r }} }}""")
    assert ad[0]["n"] == "5"


def test_graphml_and_gexf_carry_labels_and_centrality(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = analyze(store)
    write_graphml(result, tmp_path / "n.graphml")
    write_gexf(result, tmp_path / "n.gexf")
    for g in (nx.read_graphml(tmp_path / "n.graphml"), nx.read_gexf(tmp_path / "n.gexf")):
        assert g.number_of_nodes() == 6 and g.number_of_edges() == 5
        node = g.nodes[B]
        assert node["label"] == "乙区人民政府办公室" and node["kind"] == "agency"
        assert abs(float(node["betweenness"]) - 0.6) < 1e-9


def test_cli_analyze_writes_and_exports(tmp_path: Path) -> None:
    path = tmp_path / "store"
    s = open_store(str(path))
    s.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    s.flush()
    del s
    gc.collect()
    out = run_cli("analyze", "--store", str(path), "--gexf", str(tmp_path / "n.gexf"), check=True).stdout
    assert out.startswith("network: 3 agencies, 3 initiatives, 5 links; 5 adoptions; 3 similar agency pairs")
    assert (tmp_path / "n.gexf").is_file()
    q = run_cli("query", "network-centrality", "--store", str(path), "-p", "kind=agency", "-f", "csv", check=True).stdout
    assert q.splitlines()[1:] == ["agency,乙区人民政府办公室,2,0.666667,0.6,,", "agency,甲市数据局,2,0.666667,0.4,,",
                                  "agency,丙区行政审批局,1,0.333333,0,,"]


def test_similarity_keeps_each_agencys_top_partners(store) -> None:  # type: ignore[no-untyped-def]
    # top 1: B's and C's best partner is each other (1/3); A's best is a tie (1/4) broken by IRI: B
    pairs = {(s.agency_a, s.agency_b) for s in analyze(store, top_similar=1).similarities}
    assert pairs == {(B, C), (A, B)}
    assert len(analyze(store, top_similar=None).similarities) == 3


def test_large_networks_get_a_seeded_betweenness_estimate_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import gongkai.analyze as an

    rows = [{"a": f"{ID}a{k}", "agency": f"机构{k}", "i": f"{ID}i{k % 7}", "initiative": f"举措{k % 7}", "report": f"{ID}r{k}",
             "year": "2020"} for k in range(40)]
    exact = an.analyze_rows(rows, [])
    assert exact.betweenness_sample is None
    monkeypatch.setattr(an, "EXACT_BETWEENNESS", 10)
    monkeypatch.setattr(an, "BETWEENNESS_SAMPLE", 20)
    first, second = an.analyze_rows(rows, []), an.analyze_rows(rows, [])
    assert first.betweenness_sample == 20 and first.centrality == second.centrality  # deterministic
    quads = an.analysis_quads(first)
    assert any(q.predicate.value.endswith("#betweennessSampleSize") and q.object.value == "20" for q in quads)
