"""A DCAT-AP 3 description of an export: what open-data portals harvest.

One ``dcat:Catalog``; one ``dcat:Dataset`` for the whole graph and one per slice that was
written (per year, per agency); one ``dcat:Distribution`` per file with media type, byte
size, SHA-256 checksum (SPDX), licence and download URL; the SPARQL endpoint as a
``dcat:DataService`` when there is one; publisher, contact point, temporal and spatial
coverage, themes and language.

The DCAT-AP 3.0.1 SHACL shapes check ranges with ``sh:class``, so every node a property
points to is typed here: EU controlled-vocabulary IRIs (file types, data themes, language,
country, frequency, availability) are declared with their class and ``skos:prefLabel``
(they are the IRIs the EU vocabularies publish; the shapes do not check membership of a
vocabulary, only the class), media types are IANA IRIs typed ``dct:MediaType``, licences
``dct:LicenseDocument``, jurisdictions ``dct:Location``. ``tests/test_export_dcat.py``
validates the result with pyshacl against the official shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from ..store.base import GraphStore
from .artifacts import Artifact
from .coverage import Coverage, coverage
from .rdf import Slice

DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PROV = Namespace("http://www.w3.org/ns/prov#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
ONTOLOGY = URIRef("https://w3id.org/gongkai/ontology")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


@dataclass(frozen=True, slots=True)
class CatalogOptions:
    """What the store cannot know: who publishes the export, under which licence, where.

    Defaults describe the gongkai project itself; a portal deployment sets its own.
    """

    title_en: str = "Chinese government information-disclosure annual reports (gongkai knowledge graph)"
    title_zh: str = "政府信息公开工作年度报告知识图谱"
    description_en: str = ("Numbers, agencies, jurisdictions, initiatives and platforms extracted from Chinese "
                           "government information-disclosure annual reports, each number with the exact text "
                           "it was read from.")
    description_zh: str = "从政府信息公开工作年度报告中抽取的数据、机关、行政区划、改革举措与公开平台，每个数字附原文出处。"
    publisher_name: str = "The gongkai project"
    publisher_url: str = "https://w3id.org/gongkai/"
    publisher_type: str = "http://purl.org/adms/publishertype/NonProfitOrganisation"
    contact_email: str | None = None
    contact_url: str = "https://w3id.org/gongkai/"
    license_url: str = "https://creativecommons.org/licenses/by/4.0/"
    license_title: str = "Creative Commons Attribution 4.0 International"
    license_type: str = "http://purl.org/adms/licencetype/Attribution"
    homepage: str = "https://w3id.org/gongkai/"
    sparql_endpoint: str | None = None
    keywords: tuple[str, ...] = ("政府信息公开", "年度报告", "government transparency", "open government",
                                 "information disclosure", "China")
    modified: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(microsecond=0))


def _base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def dataset_iri(base_url: str, sl: Slice) -> URIRef:
    return URIRef(f"{_base(base_url)}dataset/{sl.name}")


def catalog_iri(base_url: str) -> URIRef:
    return URIRef(f"{_base(base_url)}catalog")


def _concept(g: Graph, iri: str, label: str, *classes: URIRef, scheme: str | None = None) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, SKOS.Concept))
    for c in classes:
        g.add((node, RDF.type, c))
    g.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    if scheme:
        g.add((node, SKOS.inScheme, URIRef(scheme)))
    return node


def _period(g: Graph, years: Sequence[int]) -> BNode | None:
    if not years:
        return None
    p = BNode()
    g.add((p, RDF.type, DCTERMS.PeriodOfTime))
    g.add((p, DCAT.startDate, Literal(f"{min(years):04d}-01-01", datatype=XSD.date)))
    g.add((p, DCAT.endDate, Literal(f"{max(years):04d}-12-31", datatype=XSD.date)))
    return p


class _Builder:
    """Adds the shared nodes once and the datasets one by one."""

    def __init__(self, cov: Coverage, base_url: str, opts: CatalogOptions) -> None:
        self.g = Graph()
        for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("skos", SKOS), ("vcard", VCARD),
                           ("spdx", SPDX), ("dcatap", DCATAP), ("prov", PROV), ("xsd", XSD)):
            self.g.bind(prefix, ns)
        self.cov, self.base, self.opts = cov, _base(base_url), opts
        g = self.g
        self.publisher = URIRef(opts.publisher_url)
        g.add((self.publisher, RDF.type, FOAF.Agent))
        g.add((self.publisher, RDF.type, FOAF.Organization))
        g.add((self.publisher, FOAF.name, Literal(opts.publisher_name, lang="en")))
        g.add((self.publisher, DCTERMS.type, _concept(g, opts.publisher_type, "Non-profit organisation")))
        self.contact = URIRef(self.base + "contact")
        g.add((self.contact, RDF.type, VCARD.Kind))
        g.add((self.contact, RDF.type, VCARD.Organization))
        g.add((self.contact, VCARD.fn, Literal(opts.publisher_name, lang="en")))
        if opts.contact_email:
            g.add((self.contact, VCARD.hasEmail, URIRef("mailto:" + opts.contact_email.removeprefix("mailto:"))))
        g.add((self.contact, VCARD.hasURL, URIRef(opts.contact_url)))
        self.license = URIRef(opts.license_url)
        g.add((self.license, RDF.type, DCTERMS.LicenseDocument))
        g.add((self.license, DCTERMS.title, Literal(opts.license_title, lang="en")))
        g.add((self.license, DCTERMS.type, _concept(g, opts.license_type, "Attribution")))
        self.language = URIRef(EU + "language/ZHO")
        g.add((self.language, RDF.type, DCTERMS.LinguisticSystem))
        g.add((self.language, SKOS.prefLabel, Literal("Chinese", lang="en")))
        self.china = URIRef(EU + "country/CHN")
        g.add((self.china, RDF.type, DCTERMS.Location))
        g.add((self.china, SKOS.prefLabel, Literal("China", lang="en")))
        # the country's extent (WGS 84, rounded outwards); jurisdictions carry no geometry in the graph
        g.add((self.china, DCAT.bbox, Literal("POLYGON((73.4 18.1,135.1 18.1,135.1 53.6,73.4 53.6,73.4 18.1))",
                                              datatype=GSP.wktLiteral)))
        g.add((self.china, DCAT.centroid, Literal("POINT(104.2 35.9)", datatype=GSP.wktLiteral)))
        themes = URIRef(EU + "data-theme")
        g.add((themes, RDF.type, SKOS.ConceptScheme))
        g.add((themes, DCTERMS.title, Literal("Data theme", lang="en")))
        self.themes = themes
        self.theme = _concept(g, EU + "data-theme/GOVE", "Government and public sector", scheme=str(themes))
        self.annual = _concept(g, EU + "frequency/ANNUAL", "annual", DCTERMS.Frequency)
        self.stable = _concept(g, EU + "planned-availability/STABLE", "stable")
        g.add((ONTOLOGY, RDF.type, DCTERMS.Standard))
        g.add((ONTOLOGY, DCTERMS.title, Literal("gongkai ontology and concept schemes", lang="en")))
        self.activity = URIRef(self.base + "provenance/export")
        g.add((self.activity, RDF.type, PROV.Activity))
        self.media: dict[str, URIRef] = {}

    def region(self, code: str, name: str) -> URIRef:
        node = URIRef(f"https://w3id.org/gongkai/id/region/{code}")
        self.g.add((node, RDF.type, DCTERMS.Location))
        if name:
            self.g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))
        self.g.add((node, DCTERMS.identifier, Literal(code)))
        return node

    def common(self, node: URIRef) -> None:
        g, o = self.g, self.opts
        g.add((node, DCTERMS.publisher, self.publisher))
        g.add((node, DCAT.contactPoint, self.contact))
        g.add((node, DCAT.theme, self.theme))
        for k in o.keywords:
            g.add((node, DCAT.keyword, Literal(k, lang="zh" if any("\u4e00" <= c <= "\u9fff" for c in k) else "en")))

    def dataset(self, sl: Slice) -> URIRef:
        g, o = self.g, self.opts
        cov = self.cov if sl.whole else self.cov.only(sl)
        ds = dataset_iri(self.base, sl)
        g.add((ds, RDF.type, DCAT.Dataset))
        what_en, what_zh = _slice_words(sl, cov)
        g.add((ds, DCTERMS.title, Literal(o.title_en + what_en, lang="en")))
        g.add((ds, DCTERMS.title, Literal(o.title_zh + what_zh, lang="zh")))
        n_rep = len(cov.reports)
        g.add((ds, DCTERMS.description, Literal(f"{o.description_en} {n_rep} report(s), "
                                                f"{len(cov.agencies)} agency(ies).", lang="en")))
        g.add((ds, DCTERMS.description, Literal(o.description_zh, lang="zh")))
        g.add((ds, DCTERMS.identifier, Literal(str(ds))))
        self.common(ds)
        g.add((ds, DCTERMS.language, self.language))
        g.add((ds, DCTERMS.accrualPeriodicity, self.annual))
        g.add((ds, DCTERMS.conformsTo, ONTOLOGY))
        g.add((ds, DCTERMS.modified, Literal(o.modified.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
        g.add((ds, PROV.wasGeneratedBy, self.activity))
        g.add((ds, DCTERMS.spatial, self.china))
        for code, name in cov.regions:
            g.add((ds, DCTERMS.spatial, self.region(code, name)))
        period = _period(g, cov.years)
        if period is not None:
            g.add((ds, DCTERMS.temporal, period))
        return ds

    def media_type(self, mt: str) -> URIRef:
        node = URIRef(IANA + mt)
        self.g.add((node, RDF.type, DCTERMS.MediaType))
        return node

    def file_type(self, code: str) -> URIRef:
        node = URIRef(EU + "file-type/" + code)
        self.g.add((node, RDF.type, DCTERMS.MediaTypeOrExtent))
        self.g.add((node, RDF.type, SKOS.Concept))
        self.g.add((node, SKOS.prefLabel, Literal(code.replace("_", " "), lang="en")))
        return node

    def distribution(self, ds: URIRef, a: Artifact, csvw: Artifact | None) -> URIRef:
        g = self.g
        dist = URIRef(f"{ds}/distribution/{a.relpath.replace('/', '-')}")
        url = URIRef(self.base + a.relpath)
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{a.relpath} ({a.title})", lang="en")))
        g.add((dist, DCTERMS.description, Literal(f"{a.title}, {a.byte_size} bytes.", lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, self.media_type(a.media_type)))
        g.add((dist, DCTERMS.format, self.file_type(a.file_type)))
        g.add((dist, DCAT.byteSize, Literal(str(a.byte_size), datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, self.license))
        g.add((dist, DCATAP.availability, self.stable))
        g.add((dist, DCTERMS.modified, Literal(self.opts.modified.isoformat().replace("+00:00", "Z"),
                                               datatype=XSD.dateTime)))
        ck = BNode()
        g.add((dist, SPDX.checksum, ck))
        g.add((ck, RDF.type, SPDX.Checksum))
        g.add((ck, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
        g.add((ck, SPDX.checksumValue, Literal(a.sha256, datatype=XSD.hexBinary)))
        if a.kind in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
            g.add((dist, DCTERMS.conformsTo, ONTOLOGY))
        if a.kind in ("csv", "parquet") and csvw is not None:
            schema = URIRef(self.base + csvw.relpath)
            g.add((schema, RDF.type, DCTERMS.Standard))
            g.add((schema, DCTERMS.title, Literal("CSVW description of the metrics table's columns", lang="en")))
            g.add((dist, DCTERMS.conformsTo, schema))
        return dist

    def service(self, datasets: Sequence[URIRef]) -> URIRef | None:
        o = self.opts
        if not o.sparql_endpoint:
            return None
        g = self.g
        svc = URIRef(self.base + "sparql-service")
        g.add((svc, RDF.type, DCAT.DataService))
        g.add((svc, DCTERMS.title, Literal("gongkai SPARQL endpoint", lang="en")))
        g.add((svc, DCTERMS.description, Literal("SPARQL 1.1 query service over the whole knowledge graph "
                                                 "(one named graph per report).", lang="en")))
        g.add((svc, DCAT.endpointURL, URIRef(o.sparql_endpoint)))
        g.add((svc, DCAT.endpointDescription, SPARQL_PROTOCOL))
        g.add((svc, DCTERMS.conformsTo, SPARQL_PROTOCOL))
        g.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
        g.add((svc, DCTERMS.license, self.license))
        self.common(svc)
        for ds in datasets:
            g.add((svc, DCAT.servesDataset, ds))
        return svc


def _slice_words(sl: Slice, cov: Coverage) -> tuple[str, str]:
    if sl.whole:
        return "", ""
    en, zh = [], []
    if sl.agency is not None:
        names = sorted({n for _, n in cov.agencies if n}) or [sl.agency]
        en.append("agency " + "、".join(names))
        zh.append("、".join(names))
    if sl.year is not None:
        en.append(f"year {sl.year}")
        zh.append(f"{sl.year}年度")
    return " — " + ", ".join(en), "（" + "，".join(zh) + "）"


def dcat_graph(store: GraphStore | Coverage, artifacts: Sequence[Artifact], base_url: str,
               options: CatalogOptions | None = None) -> Graph:
    """The DCAT-AP 3 catalogue of the files in ``artifacts``, published under ``base_url``.

    ``store`` gives temporal and spatial coverage (a ``Coverage`` may be passed instead when
    it was computed already). Each slice among the artifacts becomes a dataset; the whole
    graph's dataset is always there (with no distribution if none was written, which DCAT
    allows). Files of kind csvw are linked as the schema (``dct:conformsTo``) of the CSV and
    Parquet distributions and also listed as distributions themselves.
    """
    opts = options or CatalogOptions()
    cov = store if isinstance(store, Coverage) else coverage(store)
    b = _Builder(cov, base_url, opts)
    g = b.g
    cat = catalog_iri(base_url)
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal(opts.title_en, lang="en")))
    g.add((cat, DCTERMS.title, Literal(opts.title_zh, lang="zh")))
    g.add((cat, DCTERMS.description, Literal(opts.description_en, lang="en")))
    g.add((cat, DCTERMS.description, Literal(opts.description_zh, lang="zh")))
    g.add((cat, DCTERMS.publisher, b.publisher))
    g.add((cat, DCAT.contactPoint, b.contact))
    g.add((cat, DCTERMS.language, b.language))
    g.add((cat, DCTERMS.license, b.license))
    g.add((cat, DCTERMS.spatial, b.china))
    g.add((cat, DCAT.themeTaxonomy, b.themes))
    g.add((cat, FOAF.homepage, URIRef(opts.homepage)))
    g.add((URIRef(opts.homepage), RDF.type, FOAF.Document))
    stamp = Literal(opts.modified.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    g.add((cat, DCTERMS.modified, stamp))
    g.add((cat, DCTERMS.issued, stamp))

    slices: dict[Slice, list[Artifact]] = {Slice(): []}
    for a in artifacts:
        if a.kind not in ("void", "prov"):  # descriptions of the data, not distributions of it
            slices.setdefault(a.slice, []).append(a)
    datasets: list[URIRef] = []
    for sl in sorted(slices, key=lambda s: (not s.whole, s.name)):
        ds = b.dataset(sl)
        datasets.append(ds)
        g.add((cat, DCAT.dataset, ds))
        if not sl.whole:
            g.add((ds, DCTERMS.isPartOf, dataset_iri(base_url, Slice())))
            g.add((dataset_iri(base_url, Slice()), DCTERMS.hasPart, ds))
        csvw = next((a for a in slices[sl] if a.kind == "csvw"), None)
        for a in sorted(slices[sl], key=lambda x: x.relpath):
            b.distribution(ds, a, csvw)
    svc = b.service(datasets)
    if svc is not None:
        g.add((cat, DCAT.service, svc))
    return g



def shapes_graph(folder: Path) -> Graph:
    """The SHACL shapes in ``folder`` (the official DCAT-AP 3.0.1 ones are in ``../shared/reference/dcat-ap``, copied to ``tests/fixtures/shared``).

    The official 3.0.1 file lists two ``sh:property`` links of ``dcat:DataServiceShape``
    (``.../dc08f4dc...``, ``.../eb3ac4e4...``) to shapes it never defines; pyshacl refuses
    them as malformed. A shape with no triples carries no constraint, so such dangling links
    (and only those) are dropped: the validation is exactly as strict as the published shapes.
    """
    from rdflib.namespace import SH

    g = Graph()
    for f in sorted(folder.glob("*.ttl")):
        g.parse(f, format="turtle")
    dangling = [(s, o) for s, o in g.subject_objects(SH.property) if (o, SH.path, None) not in g]
    for s, o in dangling:
        g.remove((s, SH.property, o))
    return g


def validate(graph: Graph, shapes: Graph) -> tuple[bool, int, str]:
    """Validate with pyshacl: (no violation, number of violations, report text). Warnings do not fail."""
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import SH

    _conforms, report, text = shacl_validate(graph, shacl_graph=shapes, inference="none", advanced=False,
                                             allow_warnings=True)
    violations = len(list(report.subjects(SH.resultSeverity, SH.Violation)))
    return violations == 0, violations, str(text)


__all__ = ["CatalogOptions", "dcat_graph", "dataset_iri", "catalog_iri", "shapes_graph", "validate"]
