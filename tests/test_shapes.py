"""Every SHACL shape catches a deliberately broken graph; the arithmetic rules on real numbers.

The graphs are built here, small and by hand, from the numbers of real standard-format reports
(gold/dev/dev-014.json: Hongze district 2023, std-2021, whose table 四 really fails; gold/seeds/004:
Jingjiang 2019, std-2019, with blank applicant columns), so the shapes are tested independently of
the extractors. The source text is made of one line per cell, so every evidence offset is exact.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from gongkai.rdf.vocab import concept
from gongkai.validate import Finding, validate_graph

from .conftest import SHARED

GK = Namespace("https://w3id.org/gongkai/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = "https://w3id.org/gongkai/id/"
REPORT = URIRef(ID + "report/320813-test/2023-aaaaaaaa")
AGENCY = URIRef(ID + "agency/320813-hongzequrenminzhengfu-test")
REGION = URIRef(ID + "region/320813")

# dev-014 (洪泽区人民政府 2023, gold/dev/dev-014.json), table 三 natural-person and total columns (all
# other applicant columns are 0) and table 四 as printed. Copied here so the tests run without ../shared.
T3_ROWS = {  # row -> (natural persons, total)
    "T3.R1": (21, 21), "T3.R2": (0, 0), "T3.R3.1": (0, 0), "T3.R3.2": (4, 4),
    "T3.R3.3.1": (1, 1), "T3.R3.3.2": (0, 0), "T3.R3.3.3": (0, 0), "T3.R3.3.4": (0, 0), "T3.R3.3.5": (0, 0),
    "T3.R3.3.6": (1, 1), "T3.R3.3.7": (1, 1), "T3.R3.3.8": (0, 0),
    "T3.R3.4.1": (10, 10), "T3.R3.4.2": (3, 3), "T3.R3.4.3": (0, 0),
    "T3.R3.5.1": (1, 1), "T3.R3.5.2": (0, 0), "T3.R3.5.3": (0, 0), "T3.R3.5.4": (0, 0), "T3.R3.5.5": (0, 0),
    "T3.R3.6": (0, 0), "T3.R3.7": (21, 21), "T3.R4": (0, 0),
}
ORG_COLUMNS = ("T3.C.commercial", "T3.C.research", "T3.C.publicWelfare", "T3.C.legalService", "T3.C.otherOrg")
T4_OUTCOMES = ("T4.O.maintained", "T4.O.corrected", "T4.O.other", "T4.O.pending", "T4.O.total")
T4_PRINTED = {  # as printed in dev-014: 行政复议 10 + 1 + 0 + 0 but 总计 0; 复议后起诉 5 but 总计 0
    "T4.P.review": (10, 1, 0, 0, 0), "T4.P.litDirect": (0, 0, 0, 0, 0), "T4.P.litAfterReview": (5, 0, 0, 0, 0),
}
T4_CONSISTENT = {p: (*v[:4], sum(v[:4])) for p, v in T4_PRINTED.items()}


def dev014_cells(t4: dict[str, tuple[int, ...]] = T4_CONSISTENT) -> list[tuple[str, str, int]]:
    """(indicator, dimension, value) for every filled cell of dev-014's tables 三 and 四."""
    cells = []
    for row, (natural, total) in T3_ROWS.items():
        cells.append((row, "T3.C.natural", natural))
        cells += [(row, c, 0) for c in ORG_COLUMNS]
        cells.append((row, "T3.C.total", total))
    for proceeding, values in t4.items():
        cells += [(proceeding, o, v) for o, v in zip(T4_OUTCOMES, values)]
    return cells


def report_graph(cells: list[tuple[str, str, int]], fmt: str = "std-2021") -> Graph:
    """A complete, valid report graph whose metrics are ``cells``."""
    lines = [f"{ind} {dim} {value}" for ind, dim, value in cells]
    text = "洪泽区人民政府2023年政府信息公开工作年度报告\n" + "\n".join(lines)
    g = Graph()
    g.add((REPORT, RDF.type, GK.Report))
    g.add((REPORT, GK.sourceName, Literal("dev-014.txt")))
    g.add((REPORT, GK.sha256, Literal("0" * 64)))
    g.add((REPORT, GK.sourceText, Literal(text)))
    g.add((REPORT, GK.mediaType, Literal("text/plain")))
    g.add((REPORT, GK.encoding, Literal("utf-8")))
    g.add((REPORT, GK.reportYear, Literal("2023", datatype=XSD.gYear)))
    g.add((REPORT, RDFS.label, Literal("洪泽区人民政府2023年政府信息公开工作年度报告", lang="zh")))
    g.add((REPORT, DCT.conformsTo, URIRef(concept("format", fmt))))
    g.add((REPORT, GK.publishedBy, AGENCY))
    g.add((AGENCY, RDF.type, GK.Agency))
    g.add((AGENCY, SKOS.prefLabel, Literal("洪泽区人民政府", lang="zh")))
    g.add((AGENCY, GK.resolutionStatus, URIRef(concept("check-status", "resolved"))))
    g.add((AGENCY, GK.region, REGION))
    g.add((REGION, RDF.type, GK.Region))
    g.add((REGION, GK.divisionCode, Literal("320813")))
    g.add((REGION, GK.adminLevel, URIRef(concept("admin-level", "county"))))
    offset = text.index("\n") + 1
    for line, (ind, dim, value) in zip(lines, cells):
        m = URIRef(f"{REPORT}/metric/{ind}/{dim}")
        g.add((m, RDF.type, GK.Metric))
        g.add((m, GK.reportedIn, REPORT))
        g.add((m, GK.indicator, URIRef(concept("indicator", ind))))
        g.add((m, GK.dimension, URIRef(concept("dimension", dim))))
        g.add((m, GK.value, Literal(str(value), datatype=XSD.decimal)))
        g.add((m, GK.unit, URIRef(concept("unit", "count"))))
        add_evidence(g, URIRef(f"{m}/evidence"), offset, line)
        g.add((m, PROV.wasDerivedFrom, URIRef(f"{m}/evidence")))
        offset += len(line) + 1
    return g


def add_evidence(g: Graph, ev: URIRef, start: int, exact: str) -> None:
    q, p = URIRef(f"{ev}/quote"), URIRef(f"{ev}/position")
    g.add((ev, RDF.type, OA.SpecificResource))
    g.add((ev, OA.hasSource, REPORT))
    g.add((ev, OA.hasSelector, q))
    g.add((ev, OA.hasSelector, p))
    g.add((ev, GK.extractionRule, Literal("table3.grid")))
    g.add((q, RDF.type, OA.TextQuoteSelector))
    g.add((q, OA.exact, Literal(exact)))
    g.add((p, RDF.type, OA.TextPositionSelector))
    g.add((p, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((p, OA.end, Literal(start + len(exact), datatype=XSD.nonNegativeInteger)))


def set_value(g: Graph, ind: str, dim: str, value: int) -> None:
    m = URIRef(f"{REPORT}/metric/{ind}/{dim}")
    g.set((m, GK.value, Literal(str(value), datatype=XSD.decimal)))


def drop_metric(g: Graph, ind: str, dim: str) -> None:
    m = URIRef(f"{REPORT}/metric/{ind}/{dim}")
    g.remove((m, None, None))


def rules(findings: list[Finding], severity: str) -> set[str]:
    return {f.rule for f in findings if f.severity == severity}


@pytest.fixture(scope="module")
def consistent() -> Graph:
    return report_graph(dev014_cells())


def test_gold_numbers_are_the_ones_used_here() -> None:
    """The numbers above are dev-014's gold cells (when ../shared is there to compare)."""
    path = SHARED / "gold" / "dev" / "dev-014.json"
    if not path.is_file():
        pytest.skip("../shared/gold not available")
    gold = {(m["indicator"], tuple(m["dims"])): m["value"] for m in json.loads(path.read_text("utf-8"))["metrics"]}
    for ind, dim, value in dev014_cells(T4_PRINTED):
        assert gold[(ind, (dim,))] == value, (ind, dim)


def test_consistent_report_has_no_findings(consistent: Graph) -> None:
    findings = validate_graph(consistent)
    assert findings == [], [f"{f.rule}: {f.message}" for f in findings]


# -- arithmetic rules: warnings, on real numbers ---------------------------------------------
def test_t4_total_catches_dev014_as_printed() -> None:
    findings = validate_graph(report_graph(dev014_cells(T4_PRINTED)))
    assert rules(findings, "error") == set()
    warned = [f for f in findings if f.rule == "T4.total"]
    assert {f.severity for f in warned} == {"warning"}
    text = " ".join(f.message for f in warned)
    assert "T4.P.review" in text and "11" in text  # 10 + 1 + 0 + 0 = 11, printed total 0
    assert "T4.P.litAfterReview" in text and "T4.P.litDirect" not in text
    assert rules(findings, "warning") == {"T4.total"}


def test_t3_balance_catches_a_column_that_does_not_balance(consistent: Graph) -> None:
    g = Graph() + consistent
    set_value(g, "T3.R2", "T3.C.natural", 2)  # 21 + 2 != 21 + 0; row 二 total no longer the sum either
    set_value(g, "T3.R2", "T3.C.total", 2)
    findings = validate_graph(g)
    assert rules(findings, "warning") == {"T3.balance"}
    assert {("T3.C.natural" in f.message, "T3.C.total" in f.message) for f in findings} == {(True, False), (False, True)}
    assert all("23" in f.message and "21" in f.message for f in findings)


def test_t3_row_total_catches_a_wrong_total(consistent: Graph) -> None:
    g = Graph() + consistent
    set_value(g, "T3.R3.4.2", "T3.C.natural", 2)  # 2 + 0*5 != 3: row total broken, column 自然人 too
    findings = validate_graph(g)
    assert "T3.rowTotal" in rules(findings, "warning")
    row = [f for f in findings if f.rule == "T3.rowTotal"]
    assert len(row) == 1 and "T3.R3.4.2" in row[0].message and "total 3" in row[0].message


def test_t3_outcome_total_catches_outcomes_that_do_not_add_up(consistent: Graph) -> None:
    g = Graph() + consistent
    set_value(g, "T3.R3.2", "T3.C.natural", 5)  # the row stays consistent (5 = 5), the columns do not
    set_value(g, "T3.R3.2", "T3.C.total", 5)
    findings = validate_graph(g)
    assert rules(findings, "warning") == {"T3.outcomeTotal"}
    assert sorted("T3.C.natural" in f.message for f in findings) == [False, True]
    assert all("22" in f.message for f in findings)  # 0+5+3+13+1+0 = 22 against （七）总计 21


def test_blank_cells_are_not_zeros(consistent: Graph) -> None:
    """A blank outcome row makes T3.outcomeTotal unprovable (sum < total): no warning."""
    g = Graph() + consistent
    for col in ("T3.C.natural", *ORG_COLUMNS, "T3.C.total"):
        drop_metric(g, "T3.R3.4.1", col)
    assert validate_graph(g) == []


def test_parts_above_the_total_fail_even_with_blank_cells() -> None:
    """004 (Jingjiang 2019) prints only 自然人 and 总计 in table 三: fine as printed, broken when the part exceeds."""
    cells = [("T3.R1", "T3.C.natural", 1), ("T3.R1", "T3.C.total", 1), ("T3.R2", "T3.C.natural", 0),
             ("T3.R2", "T3.C.total", 0), ("T3.R3.1", "T3.C.natural", 1), ("T3.R3.1", "T3.C.total", 1),
             ("T3.R3.7", "T3.C.natural", 1), ("T3.R3.7", "T3.C.total", 1), ("T3.R4", "T3.C.natural", 0),
             ("T3.R4", "T3.C.total", 0)]
    assert validate_graph(report_graph(cells, "std-2019")) == []
    broken = [(i, d, 2 if (i, d) == ("T3.R1", "T3.C.natural") else v) for i, d, v in cells]
    findings = validate_graph(report_graph(broken, "std-2019"))
    assert "T3.rowTotal" in rules(findings, "warning") and rules(findings, "error") == set()


def test_group_row_printed_alone_counts_once() -> None:
    """dev-014 prints 2021's （六）其他处理 as one row; printed together with its sub-rows it is not counted twice."""
    moved = {("T3.R3.3.1", "T3.C.natural"): 0, ("T3.R3.3.1", "T3.C.total"): 0,  # move 1 request from 3.3.1 to 六
             ("T3.R3.6", "T3.C.natural"): 1, ("T3.R3.6", "T3.C.total"): 1}
    cells = [(i, d, moved.get((i, d), v)) for i, d, v in dev014_cells()]
    assert validate_graph(report_graph(cells)) == []  # the group row alone covers its sub-rows
    subrow = [("T3.R3.6.1", "T3.C.natural", 1), *[("T3.R3.6.1", c, 0) for c in ORG_COLUMNS], ("T3.R3.6.1", "T3.C.total", 1)]
    assert validate_graph(report_graph(cells + subrow)) == []  # 1 in 六 and 1 in 六.1 are the same request
    wrong = [(i, d, 2 if (i, d) == ("T3.R3.6.1", "T3.C.total") else v) for i, d, v in subrow]
    assert rules(validate_graph(report_graph(cells + wrong)), "warning") == {"T3.rowTotal", "T3.outcomeTotal"}


# -- structural rules: errors about our data, one per shape -----------------------------------
def _m(ind: str = "T3.R1", dim: str = "T3.C.natural") -> URIRef:
    return URIRef(f"{REPORT}/metric/{ind}/{dim}")


def _first_selector(g: Graph, kind: URIRef) -> URIRef:
    return next(iter(sorted(s for s in g.subjects(RDF.type, kind))))


def _add(triples: list[tuple]) -> Callable[[Graph], None]:  # type: ignore[type-arg]
    def apply(g: Graph) -> None:
        for t in triples:
            g.add(t)
    return apply


def _mutate_quote(g: Graph) -> None:
    q = URIRef(f"{_m()}/evidence/quote")
    g.set((q, OA.exact, Literal("T3.R1 T3.C.natural 12")))


def _position_negative(g: Graph) -> None:
    p = URIRef(f"{_m()}/evidence/position")
    g.set((p, OA.start, Literal(-1, datatype=XSD.integer)))


CHECK = URIRef(f"{REPORT}/check/T3.balance/T3.C.natural")
SECTION = URIRef(f"{REPORT}/section/1")
PLATFORM = URIRef(ID + "platform/x/zhengfumenhuwangzhan-0000")
INITIATIVE = URIRef(ID + "initiative/yiwangtongban-0000")
ANNOTATION = URIRef(f"{REPORT}/mention/1")
REORG = URIRef(ID + "reorganisation/1")
OLD = URIRef(ID + "agency/320813-old")


def _check(status: str, expected: int, found: int, rule: str = "T3.balance") -> list[tuple]:  # type: ignore[type-arg]
    return [(REPORT, GK.hasCheck, CHECK), (CHECK, RDF.type, GK.ConsistencyCheck),
            (CHECK, GK.rule, URIRef(concept("check-rule", rule))), (CHECK, GK.scope, Literal("T3.C.natural")),
            (CHECK, GK.status, URIRef(concept("check-status", status))),
            (CHECK, GK.expected, Literal(str(expected), datatype=XSD.decimal)),
            (CHECK, GK.found, Literal(str(found), datatype=XSD.decimal))]


def _section(level: int, start: int, end: int) -> list[tuple]:  # type: ignore[type-arg]
    return [(REPORT, GK.hasSection, SECTION), (SECTION, RDF.type, GK.Section), (SECTION, GK.sectionNumber, Literal("一")),
            (SECTION, GK.sectionLevel, Literal(level)), (SECTION, RDFS.label, Literal("一、总体情况", lang="zh")),
            (SECTION, GK.start, Literal(start)), (SECTION, GK.end, Literal(end))]


def _platform(ptype: str | None, phone: str = "0517-87222345") -> list[tuple]:  # type: ignore[type-arg]
    out = [(REPORT, GK.mentions, PLATFORM), (PLATFORM, RDF.type, GK.Platform),
           (PLATFORM, SKOS.prefLabel, Literal("区政府门户网站", lang="zh")), (PLATFORM, GK.phone, Literal(phone))]
    return out + ([(PLATFORM, GK.platformType, URIRef(concept("platform-type", ptype)))] if ptype else [])


def _reorg(kind: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(REORG, RDF.type, GK.Reorganisation), (REORG, GK.reorganisationKind, Literal(kind)),
            (REORG, DCT.date, Literal("2019-01-15", datatype=XSD.date)), (REORG, ORG.originalOrganization, OLD),
            (REORG, ORG.resultingOrganization, AGENCY), (OLD, RDF.type, GK.Agency),
            (OLD, SKOS.prefLabel, Literal("洪泽县人民政府", lang="zh")),
            (OLD, GK.resolutionStatus, URIRef(concept("check-status", "unresolved")))]


BREAKAGES: list[tuple[str, Callable[[Graph], None], str]] = [
    # (shape, mutation, rule label of the expected error)
    ("report", lambda g: g.remove((REPORT, GK.sourceName, None)), "report: gk:sourceName"),
    ("report-year", lambda g: g.set((REPORT, GK.reportYear, Literal("1999", datatype=XSD.gYear))), "report: gk:reportYear"),
    ("report-format", lambda g: g.set((REPORT, DCT.conformsTo, URIRef(concept("unit", "count")))), "report: dct:conformsTo"),
    ("report-format-version", lambda g: g.set((REPORT, DCT.conformsTo, URIRef(concept("format", "free-text")))),
     "table concept of the report's format version"),
    ("agency", lambda g: g.remove((AGENCY, GK.region, None)), "agency"),
    ("agency-label", lambda g: g.set((AGENCY, SKOS.prefLabel, Literal("Hongze", lang="en"))), "agency: skos:prefLabel"),
    ("region", lambda g: g.set((REGION, GK.divisionCode, Literal("32081"))), "region: gk:divisionCode"),
    ("metric-indicator", lambda g: g.set((_m(), GK.indicator, URIRef(concept("indicator", "T9.bogus")))),
     "metric: gk:indicator"),
    ("metric-dimension", lambda g: g.set((_m(), GK.dimension, URIRef(concept("indicator", "T3.R1")))),
     "metric: gk:dimension"),
    ("metric-value", lambda g: g.set((_m(), GK.value, Literal("21"))), "metric: gk:value"),
    ("metric-unit", lambda g: g.remove((_m(), GK.unit, None)), "metric: gk:unit"),
    ("metric-evidence", lambda g: g.remove((_m(), PROV.wasDerivedFrom, None)), "metric: prov:wasDerivedFrom"),
    ("evidence-quote", _mutate_quote, "evidence quote = text[start:end]"),
    ("evidence-rule", lambda g: g.remove((URIRef(f"{_m()}/evidence"), GK.extractionRule, None)),
     "evidence (oa:SpecificResource): gk:extractionRule"),
    ("quote-selector", lambda g: g.remove((URIRef(f"{_m()}/evidence/quote"), OA.exact, None)),
     "quote selector: oa:exact"),
    ("position-selector", _position_negative, "position selector: oa:start"),
    ("annotation", _add([(ANNOTATION, RDF.type, OA.Annotation), (ANNOTATION, OA.hasBody, INITIATIVE),
                         (INITIATIVE, RDF.type, GK.Initiative), (INITIATIVE, SKOS.prefLabel, Literal("一网通办", lang="zh"))]),
     "mention annotation: oa:hasTarget"),
    ("initiative", _add([(REPORT, GK.mentions, INITIATIVE), (INITIATIVE, RDF.type, GK.Initiative)]),
     "initiative: skos:prefLabel"),
    ("platform", _add(_platform(None)), "platform: gk:platformType"),
    ("platform-phone", _add(_platform("hotline", phone="call us")), "platform: gk:phone"),
    ("check-status", _add(_check("pass", 21, 22)), "check status agrees with expected/found"),
    ("check-rule", _add(_check("fail", 21, 22, rule="T9.bogus")), "consistency check: gk:rule"),
    ("section", _add(_section(1, 50, 10)), "section: gk:start"),
    ("section-level", _add(_section(5, 0, 10)), "section: gk:sectionLevel"),
    ("reorganisation", _add(_reorg("absorbed")), "reorganisation: gk:reorganisationKind"),
]


@pytest.fixture(scope="module")
def small() -> Graph:
    """dev-014's table 四 and the first row of table 三: enough for the structural shapes, and quick."""
    return report_graph([c for c in dev014_cells() if c[0] == "T3.R1" or c[0].startswith("T4.")])


@pytest.mark.parametrize("mutate,rule", [pytest.param(m, r, id=i) for i, m, r in BREAKAGES])
def test_structural_shape_catches_broken_graph(small: Graph, mutate: Callable[[Graph], None], rule: str) -> None:
    g = Graph() + small
    mutate(g)
    findings = validate_graph(g)
    errors = rules(findings, "error")
    assert rule in errors, f"expected an error from '{rule}', got {sorted(errors)}"
    assert rules(findings, "warning") == set()


def test_valid_additions_pass(small: Graph) -> None:
    """The same kinds of node, well formed, give no finding (the breakages above are what fails)."""
    g = Graph() + small
    for add in (_check("fail", 21, 22), _section(1, 0, 10), _platform("website"), _reorg("merged")):
        _add(add)(g)
    g.add((AGENCY, GK.predecessor, OLD))
    assert validate_graph(g) == []
