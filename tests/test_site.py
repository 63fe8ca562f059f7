"""The static site (``gongkai site``): paths, pages, escaping, links, machine-readable files.

The site is built from the example reports plus two synthetic reports written through the
real mapper (``ReportMapper``): they carry what the examples may not yet have (an
initiative in two years, a platform, a failed arithmetic check) and hostile text
(``</script>``, ``<b>``, quotes) in the report text, the agency name and a platform label.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import string
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import AgencyInfo, Check, Evidence, Facts, Mention, Metric, ReportInfo, Section, Source
from gongkai.rdf.mapping import ReportMapper
from gongkai.site import SiteOptions, build_site, site_path
from gongkai.store import open_store

from .conftest import EXAMPLES, run_cli

HOSTILE_AGENCY = "测试市<b>数据</b>局"
SCRIPT = "</script><script>alert('x')</script>"
INITIATIVE = "一网通办"


def _ev(text: str, exact: str, rule: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    return Evidence(start=start, end=start + len(exact), exact=exact, rule=rule)


def synthetic_facts(n: int, year: int, agency: str = HOSTILE_AGENCY, code: str = "110105",
                    hostile: bool = True) -> Facts:
    """A report with headline metrics, an initiative, a platform, checks and sections.

    Used by the tests and by bench/bench_site.py (``n`` makes the file name unique).
    """
    received = 100 + n % 50 + year % 7
    text = (f"{agency}{year}年政府信息公开工作年度报告\n"
            f"一、总体情况\n本机关推进「{INITIATIVE}」改革，通过门户网站公开信息。"
            + (f"注意：{SCRIPT} 与 <b>粗体</b> & \"引号\"。\n" if hostile else "\n")
            + f"二、收到和处理政府信息公开申请情况\n全年共受理信息公开申请{received}宗，办结{received - 3}宗。\n"
            f"三、存在的问题\n无。\n")
    s1, s2, s3 = text.index("一、"), text.index("二、"), text.index("三、")
    sections = (Section("一", 1, "总体情况", s1, s2), Section("二", 1, "收到和处理政府信息公开申请情况", s2, s3),
                Section("三", 1, "存在的问题", s3, len(text)))
    metrics = (
        Metric("H.requestsReceived", (), Decimal(received), "count",
               _ev(text, f"共受理信息公开申请{received}宗", "test.received")),
        Metric("H.requestsAnswered", (), Decimal(received - 3), "count",
               _ev(text, f"办结{received - 3}宗", "test.answered")),
    )
    mentions = (
        Mention("initiative", INITIATIVE, _ev(text, INITIATIVE, "test.initiative")),
        Mention("platform", f"{agency}门户网站" if hostile else "门户网站", _ev(text, "门户网站", "test.platform"),
                platform_type="website", url="https://example.org/?a=1&b=<2>"),
    )
    checks = (
        Check("T3.balance", "T3.C.total", "fail", Decimal(received), Decimal(received - 3),
              "办结数与受理数不平衡 <差3>"),
        Check("T3.rowTotal", "T3.R1", "pass", Decimal(received), Decimal(received)),
    )
    src = Source(name=f"synthetic_{n:05d}_{year}.txt", path="", sha256=f"{n:08d}{year}".ljust(64, "0"), text=text,
                 encoding="utf-8", media_type="text/plain")
    info = ReportInfo(title=f"{agency}{year}年政府信息公开工作年度报告", year=year, issued=f"{year + 1}-01-15",
                      format="free-text")
    ag = AgencyInfo(name=agency, division_code=code, division_name="朝阳区", level="county", parent_code="110100",
                    evidence=_ev(text, agency, "test.agency"))
    return Facts(source=src, report=info, agency=ag, metrics=metrics, mentions=mentions, checks=checks,
                 sections=sections)


def add_synthetic(store_dir: Path, facts: list[Facts]) -> None:
    store = open_store(str(store_dir))
    mapper = ReportMapper()
    for f in facts:
        store.replace_report(mapper.report_iri(f), mapper.quads(f))
    store.flush()
    del store


@pytest.fixture(scope="session")
def site_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus two hostile synthetic reports, in an on-disk store."""
    store = tmp_path_factory.mktemp("site-store") / "store"
    run_cli("build", str(EXAMPLES), "--store", str(store), "--quiet", check=True)
    add_synthetic(store, [synthetic_facts(1, 2020), synthetic_facts(2, 2021)])
    return store


@pytest.fixture(scope="session")
def site_out(site_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, written by the CLI (so the command itself is what is tested)."""
    out = tmp_path_factory.mktemp("site") / "out"
    run_cli("site", "--store", str(site_store), "--out", str(out), "--base-url", "https://preview.example.net/gk/",
            "--sparql-url", "http://127.0.0.1:7878/query", check=True)
    return out


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def _report_page(out: Path, year: int) -> Path:
    pages = [p for p in out.glob(f"id/report/110105-*/{year}-*.html") if not p.name.endswith(".en.html")]
    assert len(pages) == 1, pages
    return pages[0]


# -- paths ----------------------------------------------------------------------------------
def test_site_path_is_stable_ascii_and_known_namespaces_are_short() -> None:
    assert site_path("https://w3id.org/gongkai/id/region/371003") == "id/region/371003"
    assert site_path("https://w3id.org/gongkai/scheme/unit/CNY") == "scheme/unit/CNY"
    assert site_path("https://w3id.org/gongkai/ontology#reportYear") == "ontology/reportYear"


_iri_chars = st.text(alphabet=string.ascii_letters + string.digits + "-._~/%#?&=政府公开 _", min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(a=_iri_chars, b=_iri_chars, ns=st.sampled_from(["https://w3id.org/gongkai/id/", "http://example.org/",
                                                        "https://w3id.org/gongkai/scheme/"]))
def test_site_path_never_collides_and_is_safe(a: str, b: str, ns: str) -> None:
    pa, pb = site_path(ns + a), site_path(ns + b)
    assert pa.isascii() and re.fullmatch(r"[A-Za-z0-9._/\-]+", pa)
    assert all(seg not in ("", ".", "..") for seg in pa.split("/"))
    if a != b:
        assert pa != pb


# -- pages ----------------------------------------------------------------------------------
def test_every_resource_has_a_page_in_both_languages_and_three_rdf_files(site_out: Path, site_store: Path) -> None:
    store = open_store(str(site_store), read_only=True)
    rows = store.select("SELECT DISTINCT ?s WHERE { { ?s a gk:Agency } UNION { ?s a gk:Report } UNION "
                        "{ ?s a gk:Initiative } UNION { ?s a gk:Platform } UNION { ?s a gk:Region } UNION "
                        "{ ?s a owl:Class } UNION { ?s a skos:Concept } FILTER(isIRI(?s)) }")
    assert len(rows) > 20
    for r in rows:
        base = site_out / site_path(r["s"])
        for suffix in (".html", ".en.html", ".ttl", ".jsonld", ".nt"):
            assert base.with_name(base.name + suffix).is_file(), (r["s"], suffix)


def test_report_text_with_script_tags_renders_as_text(site_out: Path) -> None:
    for page in (_report_page(site_out, 2020), _report_page(site_out, 2020).with_name(
            _report_page(site_out, 2020).name.replace(".html", ".en.html"))):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>粗体" not in html and "<b>数据" not in html
        assert "&lt;/script&gt;&lt;script&gt;alert(" in html
        # JSON-LD: valid JSON, no raw '<' inside the script element, the hostile name round-trips
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1 and "<" not in blocks[0]
        data = json.loads(blocks[0])
        assert data["@type"] == "Report" and HOSTILE_AGENCY in data["publisher"]["name"]
        # the only <script> elements are the JSON-LD one
        assert html.count("<script") == 1


def test_every_number_initiative_and_platform_is_highlighted_and_linked_both_ways(site_out: Path) -> None:
    html = _report_page(site_out, 2021).read_text(encoding="utf-8")
    marks = re.findall(r'<mark id="(ev-[^"]+)" class="(\w+)"><a href="#([^"]+)">(.*?)</a></mark>', html)
    kinds = {k for _, k, _, _ in marks}
    assert {"metric", "initiative", "platform"} <= kinds
    for mark_id, _kind, fact_id, _text in marks:
        assert f'id="{fact_id}"' in html, fact_id          # the mark links to a fact row/item
        assert f'href="#{mark_id}"' in html, mark_id       # ... which links back to the mark
    received = [t for _, k, f, t in marks if k == "metric" and "requestsReceived" in f]
    assert received and received[0].startswith("共受理信息公开申请")


def test_failed_check_is_shown_plainly(site_out: Path) -> None:
    zh = _report_page(site_out, 2020).read_text(encoding="utf-8")
    en = _report_page(site_out, 2020).with_name(_report_page(site_out, 2020).name.replace(".html", ".en.html")) \
        .read_text(encoding="utf-8")
    assert "✘ 不一致" in zh and "✔ 一致" in zh and "&lt;差3&gt;" in zh
    assert "✘ inconsistent" in en and "不一致" not in en.replace("办结数与受理数不平衡", "")


def test_languages_are_not_mixed_and_literals_keep_their_tags(site_out: Path) -> None:
    for page in _html_files(site_out):
        html = page.read_text(encoding="utf-8")
        en = page.name.endswith(".en.html")
        assert f'<html lang="{"en" if en else "zh-Hans"}">' in html, page
    agency = next(p for p in site_out.glob("id/agency/110105-*.en.html"))
    html = agency.read_text(encoding="utf-8")
    # the interface is English, the Chinese-only agency name is tagged as Chinese
    assert "Reports over time" in html and "历年报告" not in html
    assert re.search(r'<span lang="zh">测试市&lt;b&gt;数据&lt;/b&gt;局</span>', html)


def test_agency_page_has_svg_charts_of_headline_indicators(site_out: Path) -> None:
    html = next(p for p in site_out.glob("id/agency/110105-*.html") if ".en." not in p.name).read_text("utf-8")
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(svgs) == 2  # H.requestsAnswered and H.requestsReceived over 2020 and 2021
    assert all(s.count("<rect") == 2 and "viewBox" in s and "<title" in s for s in svgs)


def test_initiative_page_has_adoption_timeline(site_out: Path) -> None:
    pages = [p for p in site_out.glob("id/initiative/*.html") if ".en." not in p.name]
    page = next(p for p in pages if INITIATIVE in p.read_text("utf-8"))
    html = page.read_text("utf-8")
    assert "采用时间线" in html and "<svg" in html and "2020, 2021" in html


def test_indicator_page_compares_agencies(site_out: Path) -> None:
    html = (site_out / "scheme/indicator/H.requestsReceived.html").read_text("utf-8")
    assert "各机构比较" in html
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if "测试市&lt;b&gt;数据&lt;/b&gt;局" in r)
    # one row per agency, its 2020 and 2021 values side by side, each linking to its report
    assert re.findall(r'class="num"><a href="[^"]+">(\d+)</a>', row) == ["105", "107"]


def test_every_internal_link_resolves(site_out: Path) -> None:
    """Crawl every HTML page: each href/src inside the site names an existing file and an existing id."""

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.links: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for k, v in attrs:
                if k in ("href", "src") and v:
                    self.links.append(v)
                if k == "id" and v:
                    self.ids.add(v)

    parsed: dict[Path, Links] = {}
    for page in _html_files(site_out):
        p = Links()
        p.feed(page.read_text("utf-8"))
        parsed[page] = p
    checked = 0
    for page, p in parsed.items():
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external (example.org platform URL, canonical)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site_out)} -> {link}"
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                assert parts.fragment in ids, f"{page.relative_to(site_out)} -> {link} (no such id)"
            checked += 1
    assert checked > 1000


def test_rdf_files_parse_and_round_trip_to_the_store(site_out: Path, site_store: Path) -> None:
    """Each .ttl/.nt/.jsonld holds exactly the store's description of its resource."""
    store = open_store(str(site_store), read_only=True)
    reports = {r["g"] for r in store.select("SELECT ?g WHERE { GRAPH ?g { ?g a gk:Report } }")}
    samples = sorted(reports) + [r["s"] for r in store.select(
        "SELECT ?s WHERE { { ?s a gk:Agency } UNION { ?s a gk:Initiative } UNION { ?s a gk:Platform } "
        "UNION { ?s a gk:Region } } ORDER BY ?s")]
    samples += ["https://w3id.org/gongkai/scheme/indicator/H.requestsReceived",
                "https://w3id.org/gongkai/scheme/format/std-2019", "https://w3id.org/gongkai/ontology#Agency",
                "https://w3id.org/gongkai/ontology#publishedBy"]
    for iri in samples:
        if iri in reports:
            q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        else:
            q = (f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ "
                 f"{{ GRAPH ?g {{ <{iri}> ?p ?o }} FILTER(?g IN (<https://w3id.org/gongkai/graph/entities>, "
                 f"<https://w3id.org/gongkai/graph/ontology>)) }} UNION "
                 f"{{ GRAPH ?h {{ ?s ?q <{iri}> }} FILTER(?q != rdf:type && isIRI(?s)) "
                 f"FILTER(?h = ?s || EXISTS {{ GRAPH ?h2 {{ ?s ?x ?y }} FILTER(?h2 IN "
                 f"(<https://w3id.org/gongkai/graph/entities>, <https://w3id.org/gongkai/graph/ontology>)) }}) }} }}")
        expected = {(t.subject, t.predicate, t.object) for t in store.query(q)  # type: ignore[attr-defined]
                    if not isinstance(t.object, ox.BlankNode)}
        assert expected, iri
        blank_expected = _blank_closure(store, iri)
        base = site_out / site_path(iri)
        for suffix, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES),
                            (".jsonld", ox.RdfFormat.JSON_LD)):
            parsed = list(ox.parse(path=str(base.with_name(base.name + suffix)), format=fmt))
            got = {(t.subject, t.predicate, t.object) for t in parsed
                   if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}
            assert got == expected, (iri, suffix, len(got ^ expected))
            # the blank-node structure (OWL lists, restrictions) is there too, equal up to renaming
            assert _isomorphic([t for t in parsed if isinstance(t.subject, ox.BlankNode)
                                or isinstance(t.object, ox.BlankNode)], blank_expected), (iri, suffix)


def _blank_closure(store, iri: str) -> list[ox.Triple]:  # type: ignore[no-untyped-def]
    """Triples from ``iri`` to blank nodes and of every blank node reachable from it (shared graphs)."""
    quads = list(store.raw.quads_for_pattern(None, None, None))
    shared = {"https://w3id.org/gongkai/graph/entities", "https://w3id.org/gongkai/graph/ontology"}
    by_subject: dict[object, list[ox.Triple]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in shared:
            by_subject.setdefault(q.subject, []).append(ox.Triple(q.subject, q.predicate, q.object))
    out, todo, seen = [], [ox.NamedNode(iri)], set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for t in by_subject.get(s, []):
            if isinstance(t.object, ox.BlankNode) or isinstance(s, ox.BlankNode):
                out.append(t)
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)
    return list(set(out))


def _isomorphic(a: list[ox.Triple], b: list[ox.Triple]) -> bool:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    ga, gb = Graph(), Graph()
    for g, ts in ((ga, a), (gb, b)):
        g.parse(data=ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if ts else "", format="nt")
    return len(ga) == len(gb) and isomorphic(ga, gb)


def test_pages_advertise_their_rdf_and_canonical_url(site_out: Path) -> None:
    page = _report_page(site_out, 2020)
    html = page.read_text("utf-8")
    stem = page.name[:-len(".html")]
    for mime, ext in (("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt")):
        assert f'<link rel="alternate" type="{mime}" href="{stem}.{ext}">' in html
    rel = page.relative_to(site_out).as_posix()
    assert f'<link rel="canonical" href="https://preview.example.net/gk/{rel}">' in html
    # the base IRI stays the w3id one, distinct from the preview URL
    assert "https://w3id.org/gongkai/id/report/110105-" in html


def test_sitemap_void_dcat_dump_htaccess(site_out: Path, site_store: Path) -> None:
    sitemap = (site_out / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locs) == len(_html_files(site_out))
    assert all(u.startswith("https://preview.example.net/gk/") for u in locs)
    void = list(ox.parse(path=str(site_out / "void.ttl"), format=ox.RdfFormat.TURTLE))
    assert any(t.predicate.value == "http://rdfs.org/ns/void#dataDump" for t in void)
    catalog = list(ox.parse(path=str(site_out / "catalog.ttl"), format=ox.RdfFormat.TURTLE))
    assert any(t.object.value == "http://www.w3.org/ns/dcat#Catalog" for t in catalog)
    dump = list(ox.parse(path=str(site_out / "download/gongkai.nq"), format=ox.RdfFormat.N_QUADS))
    store = open_store(str(site_store), read_only=True)
    assert len(dump) == store.count_triples()
    htaccess = (site_out / ".htaccess").read_text("utf-8")
    assert "R=303" in htaccess and "text/turtle" in htaccess


def test_search_index_finds_chinese_by_bigrams(site_out: Path) -> None:
    index = json.loads((site_out / "search-index.json").read_text("utf-8"))
    ids = set(index["grams"]["网通"]) & set(index["grams"]["通办"])
    assert any(index["docs"][i]["zh"] == INITIATIVE for i in ids)
    assert any(d["en"].lower() == "agency" for d in index["docs"])  # ontology terms have English labels


def test_sparql_page_has_precomputed_results_and_endpoint_links(site_out: Path) -> None:
    html = (site_out / "sparql.html").read_text("utf-8")
    assert "reports-by-agency" in html and "http://127.0.0.1:7878/query?query=PREFIX" in html
    csv = (site_out / "queries/reports-by-agency.csv").read_text("utf-8").splitlines()
    assert len(csv) == 1 + 7  # header + 5 examples + 2 synthetic reports


def test_reports_list_has_facets(site_out: Path) -> None:
    html = (site_out / "reports.html").read_text("utf-8")
    for facet in ("region", "level", "year", "initiatives"):
        assert f'data-facet="{facet}"' in html
    assert html.count('data-year="2021"') == 1


def test_site_command_fails_cleanly_on_missing_endpoint(tmp_path: Path) -> None:
    proc = run_cli("site", "--endpoint", "http://127.0.0.1:9/", "--out", str(tmp_path / "o"))
    assert proc.returncode == 1 and proc.stderr.startswith("gongkai:") and "Traceback" not in proc.stderr


def test_build_site_counts_what_it_wrote(site_store: Path, tmp_path: Path) -> None:
    stats = build_site(open_store(str(site_store), read_only=True), SiteOptions(out=tmp_path / "s", dump=False))
    assert stats.reports == 7 and stats.html_pages == len(_html_files(tmp_path / "s"))
    assert stats.descriptions == stats.resources == len(list((tmp_path / "s").rglob("*.ttl"))) - 2  # + void, catalog
    assert not (tmp_path / "s" / "download").exists()


@pytest.mark.server
@pytest.mark.slow
def test_site_from_a_sparql_endpoint_equals_site_from_the_store(site_store: Path, site_out: Path,
                                                                  tmp_path: Path) -> None:
    """The site reads only through GraphStore: built from `gongkai serve` it has the same pages and data."""
    copy = tmp_path / "store"
    shutil.copytree(site_store, copy)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "gongkai", "serve", "--store", str(copy), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        out = tmp_path / "out"
        run_cli("site", "--endpoint", f"http://127.0.0.1:{port}", "--out", str(out), "--base-url",
                "https://preview.example.net/gk/", "--sparql-url", "http://127.0.0.1:7878/query", check=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    ours = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site_out).as_posix() for p in site_out.rglob("*") if p.is_file())
    assert ours == theirs
    for rdf in [p for p in ours if p.endswith(".nt")]:
        a = set((out / rdf).read_text("utf-8").splitlines())
        b = set((site_out / rdf).read_text("utf-8").splitlines())
        assert a == b, rdf


# -- speed: one export cut per graph, worker processes, incremental rebuilds ---------------------
def test_graph_chunks_cut_an_nquads_dump_per_graph(tmp_path: Path) -> None:
    from gongkai.site.reports import _index_from_nquads, graph_chunks

    g1, g2 = "https://w3id.org/gongkai/graph/r1", "https://w3id.org/gongkai/graph/r2"
    dump = tmp_path / "d.nq"
    dump.write_text(
        f'<http://s> <http://p> <{g1}> .\n'  # default graph, object is a report IRI: not part of r1
        f'<{g1}> <http://p> "a \\"<x>\\" > ." <{g1}> .\n'
        f'<{g1}> <http://p> "b"@zh <{g1}> .\n'
        f'<http://e> <http://p> "e" <http://other> .\n'
        f'<{g2}> <http://p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <{g2}> .\n', encoding="utf-8")
    chunks = list(graph_chunks(dump, {g1, g2}))
    assert [g for g, _ in chunks] == [g1, g2]
    idx = _index_from_nquads(g1, chunks[0][1])
    assert sorted(t.o.value for t in idx.triples) == ['a "<x>" > .', "b"]
    assert len(idx.parsed or []) == 2
    assert [t.o.value for t in _index_from_nquads(g2, chunks[1][1]).triples] == ["2"]


def test_export_is_read_while_it_is_written(tmp_path: Path) -> None:
    """The report step reads the dump's lines as the export thread writes them, partial lines kept back."""
    import threading

    from gongkai.site.dump import Export

    gate = threading.Event()

    class Slow:
        def export(self, fmt: str, output: Path) -> None:
            with open(output, "wb") as fh:
                fh.write(b"<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> ")
                fh.flush()
                gate.wait(5)  # the reader must have had the first line before the export goes on
                fh.write(b'"d" <http://g> .\n')

    export = Export(Slow(), tmp_path / "x.nq")  # type: ignore[arg-type]
    lines = export.lines()
    assert next(lines) == b"<http://a> <http://b> <http://c> <http://g> .\n"
    assert not (tmp_path / "x.nq").exists()  # still being written (as x.nq.part)
    gate.set()
    assert list(lines) == [b'<http://a> <http://b> "d" <http://g> .\n']
    assert export.ok and (tmp_path / "x.nq").read_bytes().count(b"\n") == 2
    assert not (tmp_path / "x.nq.part").exists()


def test_a_store_without_export_gives_the_same_pages(site_store: Path, tmp_path: Path) -> None:
    """A backend that cannot export: every report graph is read by a query, the pages are the same."""

    class NoExport:
        def __init__(self, inner: object) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self._inner, name)

        def export(self, fmt: str, output: Path, graph: str | None = None) -> None:
            raise NotImplementedError("no export here")

    store = open_store(str(site_store), read_only=True)
    a = build_site(store, SiteOptions(out=tmp_path / "a", dump=False, jobs=1, incremental=False))
    b = build_site(NoExport(store), SiteOptions(out=tmp_path / "b", dump=False, jobs=1))  # type: ignore[arg-type]
    assert a.reports == b.reports == 7 and b.reused == 0
    html = [p for p in _files(tmp_path / "a") if p.endswith(".html") and p.startswith("id/report/")]
    assert html and all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in html)


@pytest.mark.slow
def test_void_is_counted_again_only_when_the_store_changed(site_store: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged store (same dump checksum) keeps its void.ttl; a changed one is counted again."""
    import gongkai.export.void as void

    store_dir = tmp_path / "store"
    shutil.copytree(site_store, store_dir)
    out = tmp_path / "site"
    counted: list[int] = []
    real = void.void_graph

    def spy(*args: object, **kwargs: object) -> object:
        counted.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(void, "void_graph", spy)

    def triples() -> int:
        g = list(ox.parse(path=str(out / "void.ttl"), format=ox.RdfFormat.TURTLE))
        return next(int(t.object.value) for t in g if t.predicate.value == "http://rdfs.org/ns/void#triples"
                    and t.subject.value.endswith("void#gongkai"))

    build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=out, jobs=1))
    first = triples()
    assert len(counted) == 1 and first == open_store(str(store_dir), read_only=True).count_triples()
    build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=out, jobs=1))
    assert len(counted) == 1 and triples() == first  # same dump: the VoID is kept
    add_synthetic(store_dir, [synthetic_facts(5, 2023)])
    build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=out, jobs=1))
    assert len(counted) == 2 and triples() == open_store(str(store_dir), read_only=True).count_triples() > first


def test_dcat_coverage_from_the_summaries_equals_the_store_query(site_store: Path, tmp_path: Path) -> None:
    """The catalogue's coverage is built from the report summaries and the entity graph, not queried again."""
    from gongkai.export.coverage import coverage
    from gongkai.site.graph import report_iris, shared_graphs
    from gongkai.site.metadata import site_coverage
    from gongkai.site.reports import _index_from_nquads, graph_chunks
    from gongkai.site.graph import summarise

    store = open_store(str(site_store), read_only=True)
    dump = tmp_path / "d.nq"
    store.export("nquads", dump)
    summaries = [summarise(iri, _index_from_nquads(iri, data))
                 for iri, data in graph_chunks(dump, set(report_iris(store)))]
    ours, theirs = site_coverage(summaries, shared_graphs(store)), coverage(store)
    assert len(ours.reports) == 7 and any(r.division_code and r.region_name for r in ours.reports)
    assert ours == theirs


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.name not in ("catalog.ttl",)}  # the catalogue carries the build time


@pytest.mark.slow
def test_parallel_and_incremental_builds_write_the_same_site(site_store: Path, tmp_path: Path) -> None:
    from gongkai.site.reports import cache_path

    store_dir = tmp_path / "store"
    shutil.copytree(site_store, store_dir)
    one, two = tmp_path / "one", tmp_path / "two"
    s1 = build_site(open_store(str(store_dir), read_only=True),
                    SiteOptions(out=one, dump=False, jobs=1, incremental=False))
    s2 = build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=two, dump=False, jobs=2))
    assert s1.reused == s2.reused == 0 and s1.reports == s2.reports == 7
    assert not cache_path(one).exists() and cache_path(two).exists()
    assert _files(one) == _files(two)  # same files, same bytes, whether rendered in 1 process or 2
    assert s1.html_pages == s2.html_pages

    # rebuilt unchanged: no report is rendered again and no file is rewritten
    mtimes = {p: p.stat().st_mtime_ns for p in two.rglob("*.html")}
    again = build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=two, dump=False, jobs=2))
    assert again.reused == again.reports == 7 and again.html_pages == s2.html_pages
    assert s2.reused_pages == 0 and again.reused_pages == again.resources - again.reports > 0  # shared pages kept
    assert {p: p.stat().st_mtime_ns for p in two.rglob("*.html")} == mtimes
    assert _files(one) == _files(two)

    # one report added: only it is rendered, and the site equals a full build of the new store
    add_synthetic(store_dir, [synthetic_facts(3, 2022)])
    third = build_site(open_store(str(store_dir), read_only=True), SiteOptions(out=two, dump=False, jobs=2))
    assert third.reports == 8 and third.reused == 7
    assert 0 < third.reused_pages < again.reused_pages  # the new report's agency, platforms, indicators ... redone
    full = build_site(open_store(str(store_dir), read_only=True),
                      SiteOptions(out=tmp_path / "full", dump=False, jobs=1, incremental=False))
    assert _files(tmp_path / "full") == _files(two) and full.html_pages == third.html_pages

    # another base URL changes every page's canonical link: nothing is reused
    moved = build_site(open_store(str(store_dir), read_only=True),
                       SiteOptions(out=two, dump=False, jobs=1, base_url="https://elsewhere.example/"))
    assert moved.reused == 0
    assert all("https://elsewhere.example/" in p.read_text("utf-8") for p in two.glob("id/report/*/*.html"))


def test_site_command_takes_jobs_and_full(site_store: Path, site_out: Path, tmp_path: Path) -> None:
    """`--jobs 1 --full` writes the same pages as the default (all cores, incremental) build."""
    out = tmp_path / "out"
    for _ in range(2):  # the second --full build re-renders every report although nothing changed
        proc = run_cli("site", "--store", str(site_store), "--out", str(out), "--base-url",
                       "https://preview.example.net/gk/", "--sparql-url", "http://127.0.0.1:7878/query",
                       "--jobs", "1", "--full", check=True)
        assert "7 reports" in proc.stdout
    pages = [p for p in _html_files(site_out) if p.relative_to(site_out).parts[0] in ("id", "scheme", "ontology")]
    assert pages
    for page in pages:  # resource pages (the SPARQL page depends on the query library, edited meanwhile)
        assert (out / page.relative_to(site_out)).read_bytes() == page.read_bytes(), page
    assert run_cli("site", "--store", str(site_store), "--out", str(tmp_path / "x"), "--jobs", "0").returncode != 0
