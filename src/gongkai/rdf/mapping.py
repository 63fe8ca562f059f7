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

from pyoxigraph import Literal, NamedNode, Quad

from ..model import Evidence, Facts
from .vocab import DCT, ENTITY_GRAPH, GK, OA, PROV, RDF, RDFS, SKOS, XSD, Minter, concept, known_notations

_A = NamedNode(RDF + "type")


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _typed(value: object, dtype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + dtype))


# Shared platform names: national or provincial channels that are one node for every agency.
_SHARED_PLATFORM_MARKERS = ("中国政府网", "中国政府采购网", "中国土地市场网", "政务服务网", "政府采购网", "开放广东")


class ReportMapper:
    """Maps one report's ``Facts`` to quads in its named graph."""

    def __init__(self, minter: Minter | None = None) -> None:
        self.mint = minter or Minter()

    def report_iri(self, facts: Facts) -> str:
        return self.mint.report(facts.source.name, facts.report.year, self.agency_iri(facts))

    def agency_iri(self, facts: Facts) -> str:
        return self.mint.agency(facts.agency.name, facts.agency.division_code)

    def quads(self, facts: Facts) -> list[Quad]:
        return list(self._quads(facts))

    def _quads(self, facts: Facts) -> Iterator[Quad]:
        report = self.report_iri(facts)
        g = _n(report)
        eg = _n(ENTITY_GRAPH)
        used_concepts: set[tuple[str, str]] = set()

        def t(s: str | NamedNode, p: str, o: NamedNode | Literal | str) -> Quad:
            subj = s if isinstance(s, NamedNode) else _n(s)
            obj = _n(o) if isinstance(o, str) else o
            return Quad(subj, _n(p), obj, g)

        def e(s: str | NamedNode, p: str, o: NamedNode | Literal | str) -> Quad:
            """A triple about a shared node, for the entity graph."""
            subj = s if isinstance(s, NamedNode) else _n(s)
            obj = _n(o) if isinstance(o, str) else o
            return Quad(subj, _n(p), obj, eg)

        def c(scheme: str, notation: str) -> NamedNode:
            used_concepts.add((scheme, notation))
            return _n(concept(scheme, notation))

        src, info, agency = facts.source, facts.report, facts.agency
        r = _n(report)
        yield t(r, RDF + "type", _n(GK + "Report"))
        yield t(r, GK + "sourceName", Literal(src.name))
        yield t(r, GK + "sha256", Literal(src.sha256))
        yield t(r, GK + "sourceText", Literal(src.text))
        yield t(r, GK + "mediaType", Literal(src.media_type))
        yield t(r, GK + "encoding", Literal(src.encoding))
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
        a = _n(self.agency_iri(facts))
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
            yield e(region, GK + "divisionCode", Literal(agency.division_code))
            if agency.division_name:
                yield e(region, SKOS + "prefLabel", _zh(agency.division_name))
            if agency.level:
                yield e(region, GK + "adminLevel", c("admin-level", agency.level))
            if agency.parent_code:
                yield e(region, GK + "parentRegion", _n(self.mint.region(agency.parent_code)))
        if agency.evidence:
            yield from self._evidence(t, report, f"{report}/agency-evidence", agency.evidence)
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
            yield from self._evidence(t, report, iri + "/evidence", m.evidence)
            yield t(mi, PROV + "wasDerivedFrom", _n(iri + "/evidence"))
        for m in facts.metrics:
            for cell in m.derived_from:
                if cell in metric_iris:
                    yield t(self.mint.metric(report, m.key), GK + "derivedFromCell", _n(metric_iris[cell]))

        # mentions
        for i, mention in enumerate(facts.mentions, start=1):
            if mention.kind == "initiative":
                x = _n(self.mint.initiative(mention.label))
                yield e(x, RDF + "type", _n(GK + "Initiative"))
                if mention.category:
                    yield e(x, GK + "category", c("initiative-category", mention.category))
            else:
                shared = any(k in mention.label for k in _SHARED_PLATFORM_MARKERS)
                x = _n(self.mint.platform(mention.label, str(a.value), shared=shared))
                yield e(x, RDF + "type", _n(GK + "Platform"))
                yield e(x, GK + "platformType", c("platform-type", mention.platform_type or "other"))
                if not shared:
                    yield e(x, GK + "operatedBy", a)
                if mention.url:
                    yield e(x, GK + "url", _typed(mention.url, "anyURI"))
                if mention.phone:
                    yield e(x, GK + "phone", Literal(mention.phone))
            yield e(x, SKOS + "prefLabel", _zh(mention.label))
            yield t(r, GK + "mentions", x)
            ann = Minter.mention(report, i)
            yield t(ann, RDF + "type", _n(OA + "Annotation"))
            yield t(ann, OA + "hasBody", x)
            yield t(ann, OA + "hasTarget", _n(ann + "/target"))
            yield from self._evidence(t, report, ann + "/target", mention.evidence)

        # table arithmetic
        for chk in facts.checks:
            ci = _n(Minter.check(report, chk.rule, chk.scope))
            yield t(r, GK + "hasCheck", ci)
            yield t(ci, RDF + "type", _n(GK + "ConsistencyCheck"))
            yield t(ci, GK + "rule", c("check-rule", chk.rule))
            yield t(ci, GK + "scope", Literal(chk.scope))
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
            yield t(si, GK + "sectionNumber", Literal(sec.number))
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
            yield e(ci, SKOS + "notation", Literal(notation))

    def _evidence(self, t, report: str, iri: str, ev: Evidence) -> Iterator[Quad]:  # type: ignore[no-untyped-def]
        """A Web Annotation SpecificResource with quote and position selectors into gk:sourceText."""
        sr = _n(iri)
        yield t(sr, RDF + "type", _n(OA + "SpecificResource"))
        yield t(sr, OA + "hasSource", _n(report))
        q = _n(iri + "/quote")
        p = _n(iri + "/position")
        yield t(sr, OA + "hasSelector", q)
        yield t(sr, OA + "hasSelector", p)
        yield t(q, RDF + "type", _n(OA + "TextQuoteSelector"))
        yield t(q, OA + "exact", Literal(ev.exact))
        yield t(p, RDF + "type", _n(OA + "TextPositionSelector"))
        yield t(p, OA + "start", _typed(ev.start, "nonNegativeInteger"))
        yield t(p, OA + "end", _typed(ev.end, "nonNegativeInteger"))
        yield t(sr, GK + "extractionRule", Literal(ev.rule))
        if ev.confidence != 1.0:
            yield t(sr, GK + "confidence", _typed(f"{ev.confidence:.3f}", "decimal"))
        if ev.page is not None:
            yield t(sr, GK + "page", _typed(ev.page, "positiveInteger"))
        if ev.note:
            yield t(sr, RDFS + "comment", Literal(ev.note, language="en"))


def _decimal_lexical(value: object) -> str:
    """A canonical xsd:decimal lexical form (no exponent, no trailing zeros)."""
    from decimal import Decimal

    d = value if isinstance(value, Decimal) else Decimal(str(value))
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"
