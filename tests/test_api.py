"""The notebook API: ``gongkai.open(store_or_endpoint)``, ``query()`` rows and DataFrames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import gongkai
from gongkai.api import Graph, Rows
from gongkai.errors import GongkaiError, QueryError, StoreError

from .test_queries import FIXTURE, fixture_on_disk


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return gongkai.open(fixture_on_disk(tmp_path_factory.mktemp("api") / "store"))


def test_open_a_store_and_query_with_keyword_parameters(graph: Graph) -> None:
    rows = graph.query("requests-by-agency-year", agency="丙区行政审批局")
    assert isinstance(rows, Rows) and rows.columns[0] == "agency"
    assert [(r["year"], r["requestsReceived"], r["requestsAnswered"]) for r in rows] == [(2018, 30, None), (2020, 45, None)]
    shares = graph.query("request-outcomes", agency="乙区人民政府办公室")[0]
    assert shares["deniedPct"] == 16.7 and shares["total"] == 120


def test_python_values_and_exact_terms(graph: Graph) -> None:
    rows = graph.query("SELECT ?issued ?src WHERE { ?r dct:issued ?issued ; gk:sourceName ?src }")
    assert list(rows) == [{"issued": dt.date(2020, 1, 20), "src": "a-2019.txt"}]
    assert rows.result.rows[0][0].datatype == "http://www.w3.org/2001/XMLSchema#date"


def test_dataframe(graph: Graph) -> None:
    pd = pytest.importorskip("pandas")
    df = graph.query("coverage").to_dataframe()
    assert isinstance(df, pd.DataFrame) and list(df.columns)[:3] == ["agency", "code", "reports"]
    assert df.set_index("agency").loc["甲市数据局", "reports"] == 3
    assert len(graph.dataframe("shared-initiatives", min_agencies=1)) == 3


def test_errors(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store directory"):
        gongkai.open(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(QueryError, match="line 1, column"):
        graph.query("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(GongkaiError, match="not a SELECT"):
        graph.query("report-card")
    assert "gk:Report" in graph.run("report-card", source="a-2018.txt").graph


def test_queries_and_analyze(graph: Graph) -> None:
    assert "coverage" in {q.name for q in graph.queries()}
    result = graph.analyze()
    assert len(result.adoptions) == 5
    assert graph.query("agency-similarity")[0]["jaccard"] == 0.333333


@pytest.mark.server
@pytest.mark.slow
def test_open_an_endpoint(tmp_path: Path) -> None:
    """The same queries and analysis through a real Oxigraph server (SPARQL protocol + Graph Store)."""
    import urllib.request

    from .test_serve import oxigraph_server

    with oxigraph_server(tmp_path / "data") as url:
        req = urllib.request.Request(f"{url}/store", data=FIXTURE.read_bytes(), method="POST",
                                     headers={"Content-Type": "application/trig"})
        urllib.request.urlopen(req, timeout=30).read()
        with gongkai.open(url) as g:
            assert [r["requestsReceived"] for r in g.query("requests-by-agency-year", agency="甲市数据局")] == [100, 120, 90]
            g.analyze()
            assert [r["label"] for r in g.query("network-centrality", kind="agency")] == [
                "乙区人民政府办公室", "甲市数据局", "丙区行政审批局"]
