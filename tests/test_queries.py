"""The query library: every queries/*.rq against a hand-written graph with hand-computed rows,
parameters (substitution is safe), formats, parser errors, ``gongkai query --list``, and every
query on the examples build (facts already extracted correctly must come out right)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from gongkai.analyze import analyze, write_back
from gongkai.errors import QueryError
from gongkai.query import check_syntax, format_result, list_queries, load_query, named_queries, prepare, run_query
from gongkai.store import open_store

from .conftest import SHARED, run_cli

GK = "https://w3id.org/gongkai/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "graph.trig"
A, B, C = "甲市数据局", "乙区人民政府办公室", "丙区行政审批局"


def fixture_store():  # type: ignore[no-untyped-def]
    """The hand-written graph in an in-memory store, with the analysis written back."""
    store = open_store(None)
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    write_back(store, analyze(store))
    return store


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return fixture_store()


def rows(store, name: str, cols: str | None = None, **params: str) -> list[dict[str, str | None]]:  # type: ignore[no-untyped-def]
    """Run a named query; keep only ``cols`` (space-separated) of each row."""
    _, text = prepare(name, params)
    out = run_query(store, text).dicts()
    if cols:
        keep = cols.split()
        out = [{k: r[k] for k in keep} for r in out]
    return out


def table(store, name: str, cols: str, **params: str) -> list[tuple[str | None, ...]]:  # type: ignore[no-untyped-def]
    return [tuple(r.values()) for r in rows(store, name, cols, **params)]


# -- the library itself ---------------------------------------------------------------------------


def test_at_least_fifteen_queries_each_with_a_complete_header() -> None:
    queries = list_queries()
    assert len(queries) >= 15
    for q in queries:
        assert q.title_zh and re.search(r"[\u4e00-\u9fff]", q.title_zh), q.name
        assert q.title_en and q.answers, q.name
        placeholders = set(re.findall(r"[?$]_([A-Za-z]\w*)", re.sub(r"#[^\n]*", "", q.text)))
        assert placeholders == {p.name for p in q.params}, q.name
        check_syntax(q.bind(), q.name)  # defaults give a valid query


def test_parameters_are_substituted_as_escaped_terms(store) -> None:  # type: ignore[no-untyped-def]
    hostile = 'x" ) } ; DROP ALL ; SELECT * { ?s ?p ?o # \\ \n'
    q = load_query("requests-by-agency-year")
    text = q.bind({"agency": hostile})
    check_syntax(text)
    before = store.count_triples()
    assert rows(store, "requests-by-agency-year", agency=hostile) == []
    assert store.count_triples() == before
    # a placeholder inside a string or a comment is left alone
    q2 = load_query('# param: a = 1\nSELECT ?x WHERE { BIND("?_a" AS ?x) } # ?_a\n')
    assert q2.bind({"a": "z"}).endswith('BIND("?_a" AS ?x) } # ?_a\n')


def test_parameter_errors_name_the_query_and_the_parameter() -> None:
    with pytest.raises(QueryError, match=r"requests-by-agency-year: unknown parameter nope \(this query takes: agency, limit, offset\)"):
        prepare("requests-by-agency-year", {"nope": "1"})
    with pytest.raises(QueryError, match="min_agencies must be an integer"):
        prepare("shared-initiatives", {"min_agencies": "2; DROP"})
    with pytest.raises(QueryError, match=r"placeholder \?_b"):
        load_query("SELECT * WHERE { ?s ?p ?_b }").bind()
    with pytest.raises(QueryError, match="neither a named query"):
        load_query("no-such-query")


def test_syntax_errors_give_the_line_and_column_of_the_query_itself() -> None:
    with pytest.raises(QueryError) as info:
        check_syntax("SELECT ?x WHERE {\n  ?x ?p ?y OPTINAL { ?x ?p ?z } }", "bad.rq")
    assert str(info.value) == "bad.rq: syntax error at line 2, column 20: expected OPTIONAL"
    with pytest.raises(QueryError, match=r"line 1, column 29: unknown prefix"):
        check_syntax("SELECT ?x WHERE { ?x foo:bar ?y }")


def test_formats(store) -> None:  # type: ignore[no-untyped-def]
    _, text = prepare("request-outcomes")
    result = run_query(store, text)
    parsed = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert parsed[0][:4] == ["agency", "code", "year", "base"] and len(parsed) == 4
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0].split("\t")[0] == "agency" and len(tsv) == 4
    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"][0] == "agency"
    first = doc["results"]["bindings"][0]
    assert first["agency"] == {"type": "literal", "value": A, "xml:lang": "zh"}
    assert first["year"]["datatype"] == "http://www.w3.org/2001/XMLSchema#gYear"
    assert "partlyPct" not in first and "notHeldPct" in doc["results"]["bindings"][1]  # unbound: absent
    md = format_result(result, "markdown").splitlines()
    assert md[0].startswith("| agency | code | year | base |") and md[1].startswith("|---|") and len(md) == 5
    aligned = format_result(result, "table").splitlines()
    assert aligned[-1] == "(3 rows)"


def test_construct_prints_turtle(store) -> None:  # type: ignore[no-untyped-def]
    _, text = prepare("report-card", {"source": "a-2019.txt"})
    result = run_query(store, text)
    turtle = format_result(result, "csv")  # any format: a graph is Turtle
    triples = list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    values = {t.object.value for t in triples if t.predicate.value.endswith("#value")}
    assert values == {"120", "100", "70", "10", "5", "15", "3", "1"}
    assert any(t.object.value == "320100" for t in triples)


# -- every query against the hand-written graph -----------------------------------------------------


def test_reports_by_agency(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "reports-by-agency", "agency code year format source") == [
        (A, "320100", "2018", "free-text", "a-2018.txt"), (A, "320100", "2019", "std-2019", "a-2019.txt"),
        (A, "320100", "2021", "std-2021", "a-2021.txt"), (B, "320102", "2019", "std-2019", "b-2019.txt"),
        (C, "440106", "2018", "free-text", "c-2018.txt"), (C, "440106", "2020", "free-text", "c-2020.txt")]


def test_coverage(store) -> None:  # type: ignore[no-untyped-def]
    got = {r["agency"]: (r["reports"], r["firstYear"], r["lastYear"], sorted(r["years"].split()))
           for r in rows(store, "coverage")}
    assert got == {A: ("3", "2018", "2021", ["2018", "2019", "2021"]), B: ("1", "2019", "2019", ["2019"]),
                   C: ("2", "2018", "2020", ["2018", "2020"])}


def test_requests_by_agency_year(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "requests-by-agency-year", "agency year requestsReceived requestsAnswered") == [
        (A, "2018", "100", None), (A, "2019", "120", "100"), (A, "2021", "90", None),
        (B, "2019", "120", "120"), (C, "2018", "30", None), (C, "2020", "45", None)]
    assert table(store, "requests-by-agency-year", "year requestsReceived", agency=C) == [("2018", "30"), ("2020", "45")]


def test_agencies_ranked_by_requests(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "agencies-ranked-by-requests", "year rank agency requestsReceived") == [
        ("2018", "1", A, "100"), ("2018", "2", C, "30"), ("2019", "1", A, "120"), ("2019", "1", B, "120"),
        ("2020", "1", C, "45"), ("2021", "1", A, "90")]
    assert [r["agency"] for r in rows(store, "agencies-ranked-by-requests", year="2018")] == [A, C]
    # pages of rows (by year, rank, division code) put together give the whole ranking, ranks included
    full = rows(store, "agencies-ranked-by-requests")
    assert [r for k in range(7) for r in rows(store, "agencies-ranked-by-requests", limit="1", offset=str(k))] == full
    assert table(store, "agencies-ranked-by-requests", "year rank agency", year="2018", limit="1", offset="1") == [
        ("2018", "2", C)]


def test_request_outcomes(store) -> None:  # type: ignore[no-untyped-def]
    cols = "agency year base total grantedPct partlyPct deniedPct notHeldPct"
    assert table(store, "request-outcomes", cols) == [
        (A, "2018", "received", "100", "60", None, "10", None),
        (A, "2019", "answered", "100", "70", "10", "5", "15"),
        (B, "2019", "answered", "120", "75", "0", "16.7", "8.3")]


def test_reviews_and_lawsuits(store) -> None:  # type: ignore[no-untyped-def]
    cols = "agency year proceeding source maintained corrected pending total"
    assert table(store, "reviews-and-lawsuits", cols) == [
        (A, "2018", "review", "text", None, None, None, "1"),
        (A, "2019", "lawsuit-direct", "table", None, None, "1", "1"),
        (A, "2019", "review", "table", "2", "1", None, "3"),
        (B, "2019", "review", "table", None, None, None, "0"),
        (C, "2018", "lawsuit", "text", None, None, None, "2")]


def test_initiatives_by_agency_and_shared(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "initiatives-by-agency", "agency initiative reports firstYear lastYear") == [
        (A, "一网通办", "2", "2018", "2019"), (A, "放管服", "1", "2019", "2019"), (B, "一网通办", "1", "2019", "2019"),
        (B, "最多跑一次", "1", "2019", "2019"), (C, "最多跑一次", "1", "2018", "2018")]
    shared = {r["initiative"]: (r["agencies"], set(r["agencyNames"].split("; ")))
              for r in rows(store, "shared-initiatives")}
    assert shared == {"一网通办": ("2", {A, B}), "最多跑一次": ("2", {B, C})}
    assert [r["initiative"] for r in rows(store, "shared-initiatives", min_agencies="1")] == [
        "一网通办", "最多跑一次", "放管服"]
    assert rows(store, "shared-initiatives", min_agencies="3") == []


def test_initiative_adoption(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "initiative-adoption", "initiative year newAdopters agencies cumulativeAdopters") == [
        ("一网通办", "2018", "1", A, "1"), ("一网通办", "2019", "1", B, "2"), ("放管服", "2019", "1", A, "1"),
        ("最多跑一次", "2018", "1", C, "1"), ("最多跑一次", "2019", "1", B, "2")]


def test_platforms_by_type(store) -> None:  # type: ignore[no-untyped-def]
    got = {(r["agency"], r["type"]): (r["platforms"], set(r["names"].split("; "))) for r in rows(store, "platforms-by-type")}
    assert got == {(C, "website"): ("2", {"丙区政务网", "中国政府网"}), (B, "hotline"): ("1", {"12345热线"}),
                   (B, "website"): ("1", {"乙区政府网"}), (A, "website"): ("2", {"甲市数据局网站", "中国政府网"}),
                   (A, "wechat"): ("1", {"甲市数据"})}
    assert table(store, "platforms-by-type", "agency platforms", type="wechat") == [(A, "1")]


def test_table_inconsistencies(store) -> None:  # type: ignore[no-untyped-def]
    cols = "agency year rule scope expected found difference"
    assert table(store, "table-inconsistencies", cols) == [
        (A, "2019", "T3.balance", "T3.C.natural", "130", "125", "-5"),
        (A, "2021", "T3.balance", "T3.C.total", "90", "88", "-2")]
    assert len(rows(store, "table-inconsistencies", status="pass")) == 2
    assert len(rows(store, "table-inconsistencies", status="")) == 4


def test_indicator_year_on_year(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "indicator-year-on-year", "agency year value previousYear change changePct") == [
        (A, "2018", "100", None, None, None), (A, "2019", "120", "2018", "20", "20"),
        (A, "2021", "90", "2019", "-30", "-25"), (B, "2019", "120", None, None, None),
        (C, "2018", "30", None, None, None), (C, "2020", "45", "2018", "15", "50")]
    assert table(store, "indicator-year-on-year", "year value change", indicator="H.requestsGranted", agency=A) == [
        ("2018", "60", None), ("2019", "70", "10")]


def test_metric_evidence(store) -> None:  # type: ignore[no-untyped-def]
    cols = "source indicator dimensions value quote start end page"
    assert table(store, "metric-evidence", cols) == [
        ("a-2018.txt", "H.requestsReceived", None, "100", "共受理政府信息公开申请100件", "120", "134", None),
        ("a-2019.txt", "T3.R1", "T3.C.natural", "100", "一、本年新收政府信息公开申请数量 | 100", None, None, "3")]
    assert table(store, "metric-evidence", "source", indicator="T3.R1") == [("a-2019.txt",)]


def test_missing_sections(store) -> None:  # type: ignore[no-untyped-def]
    # a-2021 has a 六 heading only at level 2; a-2019's level-2 "一" does not count twice; free text is exempt
    assert table(store, "missing-sections", "source format missing") == [("a-2021.txt", "std-2021", "S6")]
    assert rows(store, "missing-sections", offset="1") == [] and len(rows(store, "missing-sections", limit="1")) == 1


def test_headline_indicators_with_labels_where_the_scheme_has_them(store) -> None:  # type: ignore[no-untyped-def]
    got = table(store, "headline-indicators", "year indicator label_zh label_en value unit", agency=A)
    assert ("2018", "H.feesCollected", None, None, "0", "CNY") in got
    assert ("2019", "H.requestsReceived", "收到申请数", "Requests received", "120", "count") in got
    assert len(got) == 5 + 8 + 1
    assert table(store, "headline-indicators", "agency value", indicator="H.lawsuits") == [(C, "2"), (A, "1")]


def test_agencies_by_region(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "agencies-by-region", "code region level parentCode agencies reports") == [
        ("320100", "南京市", "prefecture", None, "1", "3"), ("320102", "玄武区", "county", "320100", "1", "1"),
        ("440106", "天河区", "county", None, "1", "2")]


def test_standard_table(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "standard-table", "source indicator label dimension value", source="a-2019.txt") == [
        ("a-2019.txt", "T3.R1", "本年新收政府信息公开申请数量", "T3.C.natural", "100"),
        ("a-2019.txt", "T3.R1", "本年新收政府信息公开申请数量", "T3.C.total", "120")]
    t4 = table(store, "standard-table", "dimension value", source="a-2019.txt", table="T4")
    assert sorted(t4) == sorted([("T4.O.maintained", "2"), ("T4.O.corrected", "1"), ("T4.O.total", "3"),
                                 ("T4.O.pending", "1"), ("T4.O.total", "1")])


def test_analysis_queries_read_the_analysis_graph(store) -> None:  # type: ignore[no-untyped-def]
    assert table(store, "agency-similarity", "agencyA agencyB jaccard sharedInitiatives sharedPlatforms") == [
        (B, C, "0.333333", "1", "0"), (A, C, "0.25", "0", "1"), (A, B, "0.25", "1", "0")]
    assert len(rows(store, "agency-similarity", min_similarity="0.3")) == 1
    assert table(store, "network-centrality", "label degree betweenness adopters firstAdoptionYear", kind="initiative") == [
        ("一网通办", "2", "0.6", "2", "2018"), ("最多跑一次", "2", "0.4", "2", "2018"), ("放管服", "1", "0", "1", "2019")]


def test_every_shipped_query_has_a_test_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [n for n in named_queries() if f'"{n}"' not in source]
    assert untested == []


# -- the command line ---------------------------------------------------------------------------------


def fixture_on_disk(path: Path) -> Path:
    """The hand-written graph loaded into an on-disk store at ``path``, closed again (others may open it)."""
    import gc

    s = open_store(str(path))
    s.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    s.flush()
    del s
    gc.collect()
    return path


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-written graph in an on-disk store, closed so a subprocess can open it."""
    return fixture_on_disk(tmp_path_factory.mktemp("fixture-store") / "store")


def test_cli_list_shows_titles_and_parameters() -> None:
    out = run_cli("query", "--list", check=True).stdout
    for q in list_queries():
        assert f"{q.name}  {q.title_zh} / {q.title_en}" in out
    assert "--param indicator=H.requestsReceived" in out and "--param min_agencies:integer=2" in out


def test_cli_runs_a_named_query_with_parameters_and_formats(disk_store: Path) -> None:
    out = run_cli("query", "requests-by-agency-year", "--store", str(disk_store), "--param", f"agency={C}",
                  "--format", "csv", check=True).stdout
    assert out.splitlines() == ["agency,code,year,requestsReceived,carriedOver,requestsAnswered",
                                f"{C},440106,2018,30,,", f"{C},440106,2020,45,,"]
    md = run_cli("query", "coverage", "-s", str(disk_store), "-f", "markdown", check=True).stdout
    assert md.startswith("| agency | code | reports |")
    ttl = run_cli("query", "report-card", "-s", str(disk_store), "-p", "source=c-2020.txt", check=True).stdout
    assert "gk:sourceName \"c-2020.txt\"" in ttl


def test_cli_bad_query_is_one_line_with_position(disk_store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title@en: broken\nSELECT ?x WHERE {\n  ?x ?p ?y OPTINAL { ?x ?p ?z } }\n", encoding="utf-8")
    proc = run_cli("query", str(bad), "--store", str(disk_store))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"gongkai: {bad}: syntax error at line 3, column 20: expected OPTIONAL"]
    proc = run_cli("query", "agencies-by-region", "--store", str(disk_store), "--param", "x=1")
    assert proc.returncode == 1 and proc.stderr.strip() == (
        "gongkai: agencies-by-region: unknown parameter x (this query takes: limit, offset)")


# -- every query on the examples build ------------------------------------------------------------------


@pytest.mark.slow
def test_every_query_runs_on_the_examples_and_known_facts_are_right(built_store: Path) -> None:
    store = open_store(str(built_store), read_only=True)
    for name in named_queries():
        _, text = prepare(name)
        run_query(store, text)  # runs without error
    gold = {}
    for f in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        gold[g["source"]] = (g["agency"], g["division_code"], str(g["year"]), g["format"])
    got = {r["source"]: (r["agency"], r["code"], r["year"], r["format"]) for r in rows(store, "reports-by-agency")}
    assert got == gold
    coverage = {r["agency"]: (r["code"], r["years"]) for r in rows(store, "coverage")}
    assert coverage == {a: (code, year) for a, code, year, _ in gold.values()}
    regions = {r["code"] for r in rows(store, "agencies-by-region")}
    assert regions == {code for _, code, _, _ in gold.values()}
    # the one standard-format example (004, std-2019) has sections 一 to 五 but no 六、其他需要报告的事项
    assert table(store, "missing-sections", "source format missing") == [
        ("004_d0cb2f7b88585a0b.txt", "std-2019", "S6")]


@pytest.mark.slow
def test_numbers_the_queries_show_on_the_examples_agree_with_the_gold(built_store: Path) -> None:
    """Precision, not recall: extraction improves in parallel, so a number may be missing, never wrong."""
    store = open_store(str(built_store), read_only=True)
    source_of = {r["agency"]: r["source"] for r in rows(store, "reports-by-agency")}
    gold: dict[tuple[str, str], str] = {}
    for f in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        for m in g["metrics"]:
            if m["indicator"].startswith("H.") and not m.get("uncertain"):
                gold[(g["source"], m["indicator"])] = str(m["value"])
    shown = rows(store, "headline-indicators")
    assert shown, "no headline indicator on the examples"
    for r in shown:
        key = (source_of[r["agency"]], r["indicator"])
        assert gold.get(key) == r["value"], (key, r["value"])
    for r in rows(store, "requests-by-agency-year"):
        assert gold[(source_of[r["agency"]], "H.requestsReceived")] == r["requestsReceived"]


def test_limits_of_the_queries_whose_full_answer_is_huge(store) -> None:  # type: ignore[no-untyped-def]
    """metric-evidence, headline-indicators, standard-table and report-card read at most ``limit`` items
    (a default that keeps them fast at scale); a limit above the answer's size changes nothing."""
    full = table(store, "metric-evidence", "source indicator value")
    assert len(full) == 2 and table(store, "metric-evidence", "source indicator value", limit="1")[0] in full
    assert len(rows(store, "metric-evidence", limit="1")) == 1
    every = table(store, "headline-indicators", "agency year indicator value")
    assert len(every) == len(table(store, "headline-indicators", "agency year indicator value", limit="100000"))
    assert len(rows(store, "headline-indicators", limit="3")) <= 3
    assert len(rows(store, "standard-table", source="a-2019.txt", limit="1")) == 1
    _, text = prepare("report-card", {"limit": "1"})
    turtle = run_query(store, text).graph or ""
    reports = {t.subject.value for t in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
               if t.predicate.value.endswith("#sourceName")}
    assert len(reports) == 1


PAGED_BY_AGENCY = ("reports-by-agency", "coverage", "requests-by-agency-year", "indicator-year-on-year",
                   "request-outcomes", "reviews-and-lawsuits", "initiatives-by-agency", "platforms-by-type")


def test_listings_come_in_pages_of_agencies_in_division_code_order(store) -> None:  # type: ignore[no-untyped-def]
    """A default page of 100 agencies keeps the "every agency" listings fast at scale; pages of one agency
    (limit=1, offset=0, 1, 2 ...) put together give the whole answer, in the same order, each agency once."""
    for name in PAGED_BY_AGENCY:
        full = rows(store, name, limit="1000000")
        assert full == rows(store, name), name  # the fixture's 3 agencies fit in the default page
        codes = [r["code"] for r in full]
        assert codes == sorted(codes), name
        pages = [rows(store, name, limit="1", offset=str(k)) for k in range(4)]
        assert [r for page in pages for r in page] == full, name
        assert all(len({r["agency"] for r in page}) <= 1 for page in pages), name
        assert pages[3] == [], name
    assert [r["agency"] for r in rows(store, "reports-by-agency", limit="1", offset="1")] == [B]
    assert table(store, "requests-by-agency-year", "year requestsReceived", agency=A, limit="1", offset="1") == []


def test_agencies_by_region_comes_in_pages_of_regions(store) -> None:  # type: ignore[no-untyped-def]
    full = table(store, "agencies-by-region", "code agencies reports")
    assert [table(store, "agencies-by-region", "code agencies reports", limit="1", offset=str(k)) for k in range(4)] == [
        [full[0]], [full[1]], [full[2]], []]
    assert table(store, "agencies-by-region", "code", limit="2", offset="1") == [("320102",), ("440106",)]


def test_an_agency_without_a_region_comes_first_and_is_paged_too() -> None:
    """An agency whose region is unknown has no division code: it sorts first (an unbound key sorts
    lowest) and is still on exactly one page; a label given without a language tag is found too."""
    store = fixture_store()
    removed = [q for q in store.raw.quads_for_pattern(None, ox.NamedNode(GK + "region"), None)
               if q.subject.value.endswith("/agency/C")]
    assert len(removed) == 1
    store.raw.remove(removed[0])
    label = next(store.raw.quads_for_pattern(removed[0].subject, ox.NamedNode(SKOS + "prefLabel"), None))
    store.raw.remove(label)
    store.raw.add(ox.Quad(label.subject, label.predicate, ox.Literal(C), label.graph_name))
    assert table(store, "coverage", "agency code", limit="1") == [(C, None)]
    assert [r["agency"] for k in range(3) for r in rows(store, "coverage", limit="1", offset=str(k))] == [C, A, B]
    assert table(store, "reports-by-agency", "agency code year", limit="1") == [(C, None, "2018"), (C, None, "2020")]
    assert table(store, "requests-by-agency-year", "code year requestsReceived", agency=C) == [
        (None, "2018", "30"), (None, "2020", "45")]


def test_cli_says_when_a_page_is_full(disk_store: Path) -> None:
    """A paged listing that fills its page says on stderr how to get more; stdout stays the data."""
    full = run_cli("query", "coverage", "--store", str(disk_store), "--param", "limit=1", "-f", "csv", check=True)
    assert "--param offset=1 for the next page" in full.stderr and "limit=1000000" in full.stderr
    assert "offset" not in full.stdout and len(full.stdout.strip().splitlines()) == 2  # header + one row
    rest = run_cli("query", "coverage", "--store", str(disk_store), "--param", "limit=1000", check=True)
    assert rest.stderr == ""  # a page that is not full has nothing more
