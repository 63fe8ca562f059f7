"""Facts -> quads: the one place that writes RDF for a report (see CONTRACT.md, "Vocabulary").

What a report says (the report node, its metrics, evidence, checks, sections, and the
``gk:mentions``/``gk:publishedBy`` links) goes into one named graph whose IRI is the
report's IRI, so replacing or removing a report is one graph operation.

Nodes that many reports share (agencies, regions, initiatives, platforms) are described
in one graph of their own, ``ENTITY_GRAPH``, by set-union: the same triple written by
ten reports is stored once, so queries over the union of graphs see each label once.
Concepts are defined by the ontology's schemes; a notation the schemes do not know is
declared in the entity graph so it is never lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox

from ..model import Evidence, Facts
from .vocab import DCT, ENTITY_GRAPH, GK, OA, PROV, RDF, RDFS, SKOS, XSD, Minter, concept, known_notations

# Terms are written as N-Triples text directly (the store's bulk loader reads N-Quads text):
# building pyoxigraph terms and quads only to print them again cost more than the rest of the
# mapping. ``quads()`` parses the same text back for callers that want pyoxigraph quads.


@lru_cache(maxsize=16384)
def _n(iri: str) -> str:
    """An IRI as an N-Triples term, checked once (pyoxigraph rejects an IRI it could not store);
    cached because the same few hundred predicate and concept IRIs recur in every report."""
    ox.NamedNode(iri)
    return f"<{iri}>"


#: N-Triples string escapes exactly as pyoxigraph prints them (so the output is byte-identical).
_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_ESCAPE = str.maketrans({i: _ESCAPES.get(i, f"\\u{i:04X}") for i in (*range(0x20), 0x7F, 0x22, 0x5C)})


def _plain(text: str) -> str:
    """A plain (xsd:string) literal.

    >>> print(_plain('a "b"\\n'))
    "a \\"b\\"\\n"
    """
    return f'"{text.translate(_ESCAPE)}"'


def _lang(text: str, tag: str) -> str:
    return f'"{text.translate(_ESCAPE)}"@{tag}'


def _zh(text: str) -> str:
    return f'"{text.translate(_ESCAPE)}"@zh'


def _typed(value: object, dtype: str) -> str:
    return f'"{str(value).translate(_ESCAPE)}"^^<{XSD}{dtype}>'


# Channels that are one node for every agency that uses them: national services by name, and
# provincial or national channels whose label names their province or the nation
# (山东政务服务网, 广东省政府采购网, 中国政府采购网). An unqualified 政务服务网 or 省政务服务网 names no
# jurisdiction, so it stays the reporting agency's own node rather than merging across provinces.
_NATIONAL_PLATFORMS = ("信用中国", "国家企业信用信息公示系统", "学习强国", "国务院客户端", "开放广东")
_PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
              "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
              "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾")
_JURISDICTION_PREFIX = ("中国", "中华人民共和国", "国家", "全国", "国务院", *_PROVINCES)
_SHARED_CHANNEL_WORDS = ("政务服务网", "政务网", "政府网", "政府采购网", "土地市场网", "公共资源交易网", "门户网站")


def is_shared_platform(label: str) -> bool:
    """True for a national service, or a channel whose name starts with its province or the nation.

    >>> is_shared_platform("山东政务服务网"), is_shared_platform("省政务服务网"), is_shared_platform("中国政府采购网")
    (True, False, True)
    """
    if any(k in label for k in _NATIONAL_PLATFORMS):
        return True
    # the province's or nation's own channel (广东省政府采购网), not a city's or county's branch of it
    # (江苏政务网靖江网上办事大厅, 广州市政府网)
    return (label.startswith(_JURISDICTION_PREFIX) and label.endswith(_SHARED_CHANNEL_WORDS)
            and not any(ch in label.replace("市场", "") for ch in ("市", "县", "区", "镇")))


class ReportMapper:
    """Maps one report's ``Facts`` to quads in its named graph."""

    def __init__(self, minter: Minter | None = None) -> None:
        self.mint = minter or Minter()

    def report_iri(self, facts: Facts) -> str:
        return self.mint.report(facts.source.name, facts.report.year, self.agency_iri(facts))

    def agency_iri(self, facts: Facts) -> str:
        return self.mint.agency(facts.agency.name, facts.agency.division_code)

    def quads(self, facts: Facts) -> list[ox.Quad]:
        """The report's quads as pyoxigraph quads (parsed back from ``lines``, in the same order)."""
        return list(ox.parse("".join(line for _, line in self.lines(facts)), format=ox.RdfFormat.N_QUADS))

    def lines(self, facts: Facts) -> Iterator[tuple[int, str]]:
        """(graph, N-Quads line) for every quad; graph 0 is the report's, 1 the entity graph.

        N-Quads, not N-Triples: the bulk loader takes them as they are, so the build's single
        writer process never rewrites the text (it did, and that was a third of its time).
        """
        report = self.report_iri(facts)
        used_concepts: set[tuple[str, str]] = set()
        in_report, in_entities = f" <{report}> .\n", f" <{ENTITY_GRAPH}> .\n"

        def t(s: str, p: str, o: str) -> tuple[int, str]:
            return 0, f"{s} {_n(p)} {o}{in_report}"

        def e(s: str, p: str, o: str) -> tuple[int, str]:
            """A quad about a shared node, for the entity graph."""
            return 1, f"{s} {_n(p)} {o}{in_entities}"

        def c(scheme: str, notation: str) -> str:
            used_concepts.add((scheme, notation))
            return _n(concept(scheme, notation))

        src, info, agency = facts.source, facts.report, facts.agency
        r = _n(report)
        yield t(r, RDF + "type", _n(GK + "Report"))
        yield t(r, GK + "sourceName", _plain(src.name))
        yield t(r, GK + "sha256", _plain(src.sha256))
        yield t(r, GK + "sourceText", _plain(src.text))
        yield t(r, GK + "mediaType", _plain(src.media_type))
        yield t(r, GK + "encoding", _plain(src.encoding))
        if info.title:
            yield t(r, DCT + "title", _zh(info.title))
            yield t(r, RDFS + "label", _zh(info.title))
        else:
            yield t(r, RDFS + "label", _zh(f"{agency.name}{info.year or ''}年政府信息公开工作年度报告"))
        if info.year:
            yield t(r, GK + "reportYear", _typed(info.year, "gYear"))
        if info.issued:
            yield t(r, DCT + "issued", _typed(info.issued, "date"))
        yield t(r, DCT + "conformsTo", c("format", info.format))
        if src.pages:
            yield t(r, GK + "pageCount", _typed(len(src.pages), "integer"))

        # the agency and its jurisdiction
        agency_iri = self.agency_iri(facts)
        a = _n(agency_iri)
        yield t(r, GK + "publishedBy", a)
        yield e(a, RDF + "type", _n(GK + "Agency"))
        yield e(a, SKOS + "prefLabel", _zh(agency.name))
        for alias in agency.aliases:
            yield e(a, SKOS + "altLabel", _zh(alias))
        yield e(a, GK + "resolutionStatus", c("check-status", agency.status))
        if agency.division_code:
            region = _n(self.mint.region(agency.division_code))
            yield e(a, GK + "region", region)
            yield e(region, RDF + "type", _n(GK + "Region"))
            yield e(region, GK + "divisionCode", _plain(agency.division_code))
            if agency.division_name:
                yield e(region, SKOS + "prefLabel", _zh(agency.division_name))
            if agency.level:
                yield e(region, GK + "adminLevel", c("admin-level", agency.level))
            if agency.parent_code:
                yield e(region, GK + "parentRegion", _n(self.mint.region(agency.parent_code)))
        if agency.evidence:
            yield from self._evidence(t, report, f"{report}/agency-evidence", agency.evidence, src.pages)
            yield t(r, GK + "agencyEvidence", _n(f"{report}/agency-evidence"))

        # metrics
        seen: dict[str, int] = {}
        metric_iris: dict[str, str] = {}
        for m in facts.metrics:
            n = seen.get(m.key, 0)
            seen[m.key] = n + 1
            iri = self.mint.metric(report, m.key) + (f"-{n + 1}" if n else "")
            metric_iris.setdefault(m.key, iri)
            mi = _n(iri)
            yield t(mi, RDF + "type", _n(GK + "Metric"))
            yield t(mi, GK + "reportedIn", r)
            yield t(mi, GK + "indicator", c("indicator", m.indicator))
            for d in m.dims:
                yield t(mi, GK + "dimension", c("dimension", d))
            yield t(mi, GK + "value", _typed(_decimal_lexical(m.value), "decimal"))
            yield t(mi, GK + "unit", c("unit", m.unit))
            if m.stated_in_words:
                yield t(mi, GK + "statedInWords", _typed("true", "boolean"))
            yield from self._evidence(t, report, iri + "/evidence", m.evidence, src.pages)
            yield t(mi, PROV + "wasDerivedFrom", _n(iri + "/evidence"))
        for m in facts.metrics:
            for cell in m.derived_from:
                if cell in metric_iris:
                    yield t(_n(self.mint.metric(report, m.key)), GK + "derivedFromCell", _n(metric_iris[cell]))

        # mentions
        for i, mention in enumerate(facts.mentions, start=1):
            if mention.kind == "initiative":
                x = _n(self.mint.initiative(mention.label))
                yield e(x, RDF + "type", _n(GK + "Initiative"))
                if mention.category:
                    yield e(x, GK + "category", c("initiative-category", mention.category))
            else:
                shared = is_shared_platform(mention.label)
                x = _n(self.mint.platform(mention.label, agency_iri, shared=shared))
                yield e(x, RDF + "type", _n(GK + "Platform"))
                yield e(x, GK + "platformType", c("platform-type", mention.platform_type or "other"))
                if not shared:
                    yield e(x, GK + "operatedBy", a)
                if mention.url:
                    yield e(x, GK + "url", _typed(mention.url, "anyURI"))
                if mention.phone:
                    yield e(x, GK + "phone", _plain(mention.phone))
            yield e(x, SKOS + "prefLabel", _zh(mention.label))
            for alt in mention.alt_labels:
                yield e(x, SKOS + "altLabel", _zh(alt))
            yield t(r, GK + "mentions", x)
            ann_iri = Minter.mention(report, i)
            ann = _n(ann_iri)
            yield t(ann, RDF + "type", _n(OA + "Annotation"))
            yield t(ann, OA + "hasBody", x)
            yield t(ann, OA + "hasTarget", _n(ann_iri + "/target"))
            yield from self._evidence(t, report, ann_iri + "/target", mention.evidence, src.pages)

        # table arithmetic
        for chk in facts.checks:
            ci = _n(Minter.check(report, chk.rule, chk.scope))
            yield t(r, GK + "hasCheck", ci)
            yield t(ci, RDF + "type", _n(GK + "ConsistencyCheck"))
            yield t(ci, GK + "rule", c("check-rule", chk.rule))
            yield t(ci, GK + "scope", _plain(chk.scope))
            yield t(ci, GK + "status", c("check-status", chk.status))
            if chk.expected is not None:
                yield t(ci, GK + "expected", _typed(_decimal_lexical(chk.expected), "decimal"))
            if chk.found is not None:
                yield t(ci, GK + "found", _typed(_decimal_lexical(chk.found), "decimal"))
            if chk.message:
                yield t(ci, RDFS + "comment", _zh(chk.message))

        # sections (the report's outline, for the site and for "missing section" queries)
        for i, sec in enumerate(facts.sections, start=1):
            si = _n(Minter.section(report, i))
            yield t(r, GK + "hasSection", si)
            yield t(si, RDF + "type", _n(GK + "Section"))
            yield t(si, GK + "sectionNumber", _plain(sec.number))
            yield t(si, GK + "sectionLevel", _typed(sec.level, "integer"))
            yield t(si, RDFS + "label", _zh(sec.title))
            yield t(si, GK + "start", _typed(sec.start, "integer"))
            yield t(si, GK + "end", _typed(sec.end, "integer"))

        for note in facts.notes:
            yield t(r, GK + "extractionNote", _zh(note))

        # concepts the ontology's schemes do not define yet
        known = known_notations()
        for scheme, notation in sorted(used_concepts):
            if (scheme, notation) in known:
                continue
            ci = _n(concept(scheme, notation))
            yield e(ci, RDF + "type", _n(SKOS + "Concept"))
            yield e(ci, SKOS + "notation", _plain(notation))

    def _evidence(self, t, report: str, iri: str, ev: Evidence,  # type: ignore[no-untyped-def]
                  pages: tuple[int, ...] = ()) -> Iterator[tuple[int, str]]:
        """A Web Annotation SpecificResource with quote and position selectors into gk:sourceText."""
        sr = _n(iri)
        yield t(sr, RDF + "type", _n(OA + "SpecificResource"))
        yield t(sr, OA + "hasSource", _n(report))
        q = _n(iri + "/quote")
        p = _n(iri + "/position")
        yield t(sr, OA + "hasSelector", q)
        yield t(sr, OA + "hasSelector", p)
        yield t(q, RDF + "type", _n(OA + "TextQuoteSelector"))
        yield t(q, OA + "exact", _plain(ev.exact))
        yield t(p, RDF + "type", _n(OA + "TextPositionSelector"))
        yield t(p, OA + "start", _typed(ev.start, "nonNegativeInteger"))
        yield t(p, OA + "end", _typed(ev.end, "nonNegativeInteger"))
        yield t(sr, GK + "extractionRule", _plain(ev.rule))
        if ev.confidence != 1.0:
            yield t(sr, GK + "confidence", _typed(f"{ev.confidence:.3f}", "decimal"))
        page = ev.page if ev.page is not None else page_of(ev.start, pages)
        if page is not None:
            yield t(sr, GK + "page", _typed(page, "positiveInteger"))
        if ev.note:
            yield t(sr, RDFS + "comment", _lang(ev.note, "en"))


def page_of(offset: int, pages: tuple[int, ...]) -> int | None:
    """The 1-based page holding text offset ``offset``, given each page's start offset.

    >>> page_of(700, (0, 597, 1209))
    2
    """
    if not pages:
        return None
    from bisect import bisect_right

    return max(1, bisect_right(pages, offset))


def _decimal_lexical(value: object) -> str:
    """A canonical xsd:decimal lexical form (no exponent, no trailing zeros)."""
    from decimal import Decimal

    d = value if isinstance(value, Decimal) else Decimal(str(value))
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"
