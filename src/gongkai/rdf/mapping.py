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

import re
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
_ESCAPED = {chr(i): v for i, v in _ESCAPE.items()}
_TO_ESCAPE = re.compile('[\\x00-\\x1f\\x7f"\\\\]')


def _esc(text: str) -> str:
    """``text.translate(_ESCAPE)``, the same string, faster: most literals need no escape at all, and
    ``translate`` with a dict pays a failed lookup for every Chinese character (a report's full text
    is one literal). Only the characters that need it are replaced.

    >>> all(_esc(s) == s.translate(_ESCAPE) for s in ("政府", 'a"b\\\\c', "行\\n\\t\\x01\\x7f"))
    True
    """
    if _TO_ESCAPE.search(text) is None:
        return text
    return _TO_ESCAPE.sub(_escaped, text)


def _escaped(m: re.Match[str]) -> str:
    return _ESCAPED[m.group()]


def _plain(text: str) -> str:
    """A plain (xsd:string) literal.

    >>> print(_plain('a "b"\\n'))
    "a \\"b\\"\\n"
    """
    return f'"{_esc(text)}"'


def _lang(text: str, tag: str) -> str:
    return f'"{_esc(text)}"@{tag}'


def _zh(text: str) -> str:
    return f'"{_esc(text)}"@zh'


def _typed(value: object, dtype: str) -> str:
    return f'"{_esc(str(value))}"^^<{XSD}{dtype}>'


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


def _terms(ns: str, *names: str) -> tuple[str, ...]:
    """The N-Triples terms of ``ns + name`` for each name, made (and checked) once per process."""
    return tuple(_n(ns + name) for name in names)


# predicate and class terms, written into every report: formatted once, not per quad
(_TYPE,) = _terms(RDF, "type")
(_LABEL, _COMMENT) = _terms(RDFS, "label", "comment")
(_TITLE, _ISSUED, _CONFORMS_TO) = _terms(DCT, "title", "issued", "conformsTo")
(_PREF_LABEL, _ALT_LABEL, _NOTATION, _CONCEPT) = _terms(SKOS, "prefLabel", "altLabel", "notation", "Concept")
(_DERIVED_FROM,) = _terms(PROV, "wasDerivedFrom")
(_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR, _QUOTE_SELECTOR, _EXACT, _POSITION_SELECTOR, _START, _END,
 _ANNOTATION, _HAS_BODY, _HAS_TARGET) = _terms(
    OA, "SpecificResource", "hasSource", "hasSelector", "TextQuoteSelector", "exact", "TextPositionSelector",
    "start", "end", "Annotation", "hasBody", "hasTarget")
(_REPORT, _SOURCE_NAME, _SHA256, _SOURCE_TEXT, _MEDIA_TYPE, _ENCODING, _REPORT_YEAR, _PAGE_COUNT, _PUBLISHED_BY,
 _AGENCY, _RESOLUTION_STATUS, _REGION_P, _REGION, _DIVISION_CODE, _ADMIN_LEVEL, _PARENT_REGION, _AGENCY_EVIDENCE,
 _METRIC, _REPORTED_IN, _INDICATOR, _DIMENSION, _VALUE, _UNIT, _STATED_IN_WORDS, _DERIVED_FROM_CELL,
 _INITIATIVE, _CATEGORY, _PLATFORM, _PLATFORM_TYPE, _OPERATED_BY, _URL, _PHONE, _MENTIONS,
 _HAS_CHECK, _CONSISTENCY_CHECK, _RULE, _SCOPE, _STATUS, _EXPECTED, _FOUND,
 _HAS_SECTION, _SECTION, _SECTION_NUMBER, _SECTION_LEVEL, _G_START, _G_END, _EXTRACTION_NOTE,
 _EXTRACTION_RULE, _CONFIDENCE, _PAGE) = _terms(
    GK, "Report", "sourceName", "sha256", "sourceText", "mediaType", "encoding", "reportYear", "pageCount",
    "publishedBy", "Agency", "resolutionStatus", "region", "Region", "divisionCode", "adminLevel", "parentRegion",
    "agencyEvidence", "Metric", "reportedIn", "indicator", "dimension", "value", "unit", "statedInWords",
    "derivedFromCell", "Initiative", "category", "Platform", "platformType", "operatedBy", "url", "phone",
    "mentions", "hasCheck", "ConsistencyCheck", "rule", "scope", "status", "expected", "found",
    "hasSection", "Section", "sectionNumber", "sectionLevel", "start", "end", "extractionNote",
    "extractionRule", "confidence", "page")
_TRUE = _typed("true", "boolean")
# the datatype ends of integer literals (an int's digits never need an escape; ``f"{n}"`` is ``str(n)``)
_NON_NEGATIVE, _POSITIVE, _INTEGER = (f'"^^<{XSD}{t}>' for t in ("nonNegativeInteger", "positiveInteger", "integer"))


@lru_cache(maxsize=4096)
def _concept(scheme: str, notation: str) -> str:
    """A concept's N-Triples term (the same few dozen concepts recur in every report)."""
    return _n(concept(scheme, notation))


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
        Predicates and classes are terms formatted once per process (``_terms``); an IRI made by
        appending a fixed path segment to an IRI already checked (``…/evidence``, ``…/quote``) is
        not checked again.
        """
        report = self.report_iri(facts)
        used_concepts: set[tuple[str, str]] = set()
        in_report, in_entities = f" <{report}> .\n", f" <{ENTITY_GRAPH}> .\n"

        def t(s: str, p: str, o: str) -> tuple[int, str]:
            return 0, f"{s} {p} {o}{in_report}"

        def e(s: str, p: str, o: str) -> tuple[int, str]:
            """A quad about a shared node, for the entity graph."""
            return 1, f"{s} {p} {o}{in_entities}"

        def c(scheme: str, notation: str) -> str:
            used_concepts.add((scheme, notation))
            return _concept(scheme, notation)

        src, info, agency = facts.source, facts.report, facts.agency
        pages = src.pages
        r = _n(report)
        yield t(r, _TYPE, _REPORT)
        yield t(r, _SOURCE_NAME, _plain(src.name))
        yield t(r, _SHA256, _plain(src.sha256))
        yield t(r, _SOURCE_TEXT, _plain(src.text))
        yield t(r, _MEDIA_TYPE, _plain(src.media_type))
        yield t(r, _ENCODING, _plain(src.encoding))
        if info.title:
            yield t(r, _TITLE, _zh(info.title))
            yield t(r, _LABEL, _zh(info.title))
        else:
            yield t(r, _LABEL, _zh(f"{agency.name}{info.year or ''}年政府信息公开工作年度报告"))
        if info.year:
            yield t(r, _REPORT_YEAR, _typed(info.year, "gYear"))
        if info.issued:
            yield t(r, _ISSUED, _typed(info.issued, "date"))
        yield t(r, _CONFORMS_TO, c("format", info.format))
        if pages:
            yield t(r, _PAGE_COUNT, _typed(len(pages), "integer"))

        # the agency and its jurisdiction
        agency_iri = self.agency_iri(facts)
        a = _n(agency_iri)
        yield t(r, _PUBLISHED_BY, a)
        yield e(a, _TYPE, _AGENCY)
        yield e(a, _PREF_LABEL, _zh(agency.name))
        for alias in agency.aliases:
            yield e(a, _ALT_LABEL, _zh(alias))
        yield e(a, _RESOLUTION_STATUS, c("check-status", agency.status))
        if agency.division_code:
            region = _n(self.mint.region(agency.division_code))
            yield e(a, _REGION_P, region)
            yield e(region, _TYPE, _REGION)
            yield e(region, _DIVISION_CODE, _plain(agency.division_code))
            if agency.division_name:
                yield e(region, _PREF_LABEL, _zh(agency.division_name))
            if agency.level:
                yield e(region, _ADMIN_LEVEL, c("admin-level", agency.level))
            if agency.parent_code:
                yield e(region, _PARENT_REGION, _n(self.mint.region(agency.parent_code)))
        if agency.evidence:
            yield from _evidence(in_report, r, f"{report}/agency-evidence", agency.evidence, pages)
            yield t(r, _AGENCY_EVIDENCE, f"<{report}/agency-evidence>")

        # metrics
        seen: dict[str, int] = {}
        metric_iris: dict[str, str] = {}
        for m in facts.metrics:
            n = seen.get(m.key, 0)
            seen[m.key] = n + 1
            iri = self.mint.metric(report, m.key) + (f"-{n + 1}" if n else "")
            metric_iris.setdefault(m.key, iri)
            mi = _n(iri)
            yield t(mi, _TYPE, _METRIC)
            yield t(mi, _REPORTED_IN, r)
            yield t(mi, _INDICATOR, c("indicator", m.indicator))
            for d in m.dims:
                yield t(mi, _DIMENSION, c("dimension", d))
            yield t(mi, _VALUE, _typed(_decimal_lexical(m.value), "decimal"))
            yield t(mi, _UNIT, c("unit", m.unit))
            if m.stated_in_words:
                yield t(mi, _STATED_IN_WORDS, _TRUE)
            yield from _evidence(in_report, r, iri + "/evidence", m.evidence, pages)
            yield t(mi, _DERIVED_FROM, f"<{iri}/evidence>")
        for m in facts.metrics:
            for cell in m.derived_from:
                if cell in metric_iris:
                    yield t(_n(self.mint.metric(report, m.key)), _DERIVED_FROM_CELL, _n(metric_iris[cell]))

        # mentions
        for i, mention in enumerate(facts.mentions, start=1):
            if mention.kind == "initiative":
                x = _n(self.mint.initiative(mention.label))
                yield e(x, _TYPE, _INITIATIVE)
                if mention.category:
                    yield e(x, _CATEGORY, c("initiative-category", mention.category))
            else:
                shared = is_shared_platform(mention.label)
                x = _n(self.mint.platform(mention.label, agency_iri, shared=shared))
                yield e(x, _TYPE, _PLATFORM)
                yield e(x, _PLATFORM_TYPE, c("platform-type", mention.platform_type or "other"))
                if not shared:
                    yield e(x, _OPERATED_BY, a)
                if mention.url:
                    yield e(x, _URL, _typed(mention.url, "anyURI"))
                if mention.phone:
                    yield e(x, _PHONE, _plain(mention.phone))
            yield e(x, _PREF_LABEL, _zh(mention.label))
            for alt in mention.alt_labels:
                yield e(x, _ALT_LABEL, _zh(alt))
            yield t(r, _MENTIONS, x)
            ann_iri = Minter.mention(report, i)
            ann = f"<{ann_iri}>"
            yield t(ann, _TYPE, _ANNOTATION)
            yield t(ann, _HAS_BODY, x)
            yield t(ann, _HAS_TARGET, f"<{ann_iri}/target>")
            yield from _evidence(in_report, r, ann_iri + "/target", mention.evidence, pages)

        # table arithmetic
        for chk in facts.checks:
            ci = _n(Minter.check(report, chk.rule, chk.scope))
            yield t(r, _HAS_CHECK, ci)
            yield t(ci, _TYPE, _CONSISTENCY_CHECK)
            yield t(ci, _RULE, c("check-rule", chk.rule))
            yield t(ci, _SCOPE, _plain(chk.scope))
            yield t(ci, _STATUS, c("check-status", chk.status))
            if chk.expected is not None:
                yield t(ci, _EXPECTED, _typed(_decimal_lexical(chk.expected), "decimal"))
            if chk.found is not None:
                yield t(ci, _FOUND, _typed(_decimal_lexical(chk.found), "decimal"))
            if chk.message:
                yield t(ci, _COMMENT, _zh(chk.message))

        # sections (the report's outline, for the site and for "missing section" queries)
        for i, sec in enumerate(facts.sections, start=1):
            si = f"<{Minter.section(report, i)}>"
            yield t(r, _HAS_SECTION, si)
            yield t(si, _TYPE, _SECTION)
            yield t(si, _SECTION_NUMBER, _plain(sec.number))
            yield t(si, _SECTION_LEVEL, f'"{sec.level}{_INTEGER}')
            yield t(si, _LABEL, _zh(sec.title))
            yield t(si, _G_START, f'"{sec.start}{_INTEGER}')
            yield t(si, _G_END, f'"{sec.end}{_INTEGER}')

        for note in facts.notes:
            yield t(r, _EXTRACTION_NOTE, _zh(note))

        # concepts the ontology's schemes do not define yet
        known = known_notations()
        for scheme, notation in sorted(used_concepts):
            if (scheme, notation) in known:
                continue
            ci = _concept(scheme, notation)
            yield e(ci, _TYPE, _CONCEPT)
            yield e(ci, _NOTATION, _plain(notation))


def _evidence(tail: str, report: str, iri: str, ev: Evidence, pages: tuple[int, ...] = ()) -> Iterator[tuple[int, str]]:
    """A Web Annotation SpecificResource with quote and position selectors into gk:sourceText.

    ``report`` is the report's term and ``iri`` an IRI already checked plus a fixed path segment;
    ``tail`` ends each line (the report's graph).
    """
    sr, q, p = f"<{iri}>", f"<{iri}/quote>", f"<{iri}/position>"
    yield 0, f"{sr} {_TYPE} {_SPECIFIC_RESOURCE}{tail}"
    yield 0, f"{sr} {_HAS_SOURCE} {report}{tail}"
    yield 0, f"{sr} {_HAS_SELECTOR} {q}{tail}"
    yield 0, f"{sr} {_HAS_SELECTOR} {p}{tail}"
    yield 0, f"{q} {_TYPE} {_QUOTE_SELECTOR}{tail}"
    yield 0, f"{q} {_EXACT} {_plain(ev.exact)}{tail}"
    yield 0, f"{p} {_TYPE} {_POSITION_SELECTOR}{tail}"
    yield 0, f'{p} {_START} "{ev.start}{_NON_NEGATIVE}{tail}'
    yield 0, f'{p} {_END} "{ev.end}{_NON_NEGATIVE}{tail}'
    yield 0, f"{sr} {_EXTRACTION_RULE} {_plain(ev.rule)}{tail}"
    if ev.confidence != 1.0:
        yield 0, f"{sr} {_CONFIDENCE} {_typed(f'{ev.confidence:.3f}', 'decimal')}{tail}"
    page = ev.page if ev.page is not None else page_of(ev.start, pages)
    if page is not None:
        yield 0, f'{sr} {_PAGE} "{page}{_POSITIVE}{tail}'
    if ev.note:
        yield 0, f"{sr} {_COMMENT} {_lang(ev.note, 'en')}{tail}"


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
