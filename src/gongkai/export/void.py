"""A VoID description of the graph: size, classes, properties, links, examples, endpoint, dumps.

Linked-data crawlers and SPARQL federation engines read VoID to decide what a dataset holds
before they query it. Every figure is counted in the store with SPARQL aggregates (so a
remote store is described the same way), over distinct triples of the union of graphs;
the three kinds of named graph (reports, shared entities, ontology) are ``void:subset``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from ..rdf.vocab import DEFAULT_BASE, ENTITY_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from ..store.base import GraphStore
from .artifacts import Artifact

VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_OWN = "https://w3id.org/gongkai/"
_FEATURES = {"turtle": "Turtle", "trig": "TriG", "nquads": "N-Quads", "ntriples": "N-Triples", "jsonld": "JSON-LD"}


def _count(store: GraphStore, where: str) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT {where} }}")
    return int(rows[0]["n"]) if rows else 0


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def _authority(iri: str) -> str:
    parts = urlsplit(iri)
    return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else parts.scheme + ":"


def void_graph(store: GraphStore, base_url: str, sparql_endpoint: str | None = None,
               dumps: Sequence[Artifact] = (), uri_space: str = DEFAULT_BASE, examples: int = 3) -> Graph:
    """The VoID description of ``store``; ``dumps`` are the export files (their URLs under ``base_url``)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    g = Graph()
    for prefix, ns in (("void", VOID), ("dct", DCTERMS), ("foaf", FOAF), ("xsd", XSD)):
        g.bind(prefix, ns)
    ds = URIRef(base + "void#gongkai")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("gongkai knowledge graph", lang="en")))
    g.add((ds, DCTERMS.title, Literal("政府信息公开工作年度报告知识图谱", lang="zh")))
    g.add((ds, FOAF.homepage, URIRef(_OWN)))
    g.add((ds, VOID.uriSpace, Literal(uri_space)))
    g.add((ds, VOID.rootResource, URIRef(base + "dataset/all")))

    def n(x: int) -> Literal:
        return Literal(str(x), datatype=XSD.integer)

    g.add((ds, VOID.triples, n(_count(store, "?s ?p ?o WHERE { ?s ?p ?o }"))))
    g.add((ds, VOID.distinctSubjects, n(_count(store, "?s WHERE { ?s ?p ?o }"))))
    g.add((ds, VOID.distinctObjects, n(_count(store, "?o WHERE { ?s ?p ?o }"))))
    g.add((ds, VOID.properties, n(_count(store, "?p WHERE { ?s ?p ?o }"))))
    g.add((ds, VOID.classes, n(_count(store, "?c WHERE { ?s a ?c }"))))
    g.add((ds, VOID.entities, n(_count(store, f'?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{uri_space}")) }}'))))

    vocabularies: set[str] = set()
    for i, row in enumerate(store.select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")):
        part = URIRef(f"{base}void#class-{i}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["c"])))
        g.add((part, VOID.entities, n(int(row["n"]))))
        vocabularies.add(_namespace(row["c"]))
    rows = store.select("SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } "
                        "GROUP BY ?p ORDER BY ?p")
    for i, row in enumerate(rows):
        part = URIRef(f"{base}void#property-{i}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"])))
        g.add((part, VOID.triples, n(int(row["n"]))))
        vocabularies.add(_namespace(row["p"]))
    for v in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(v)))

    # subsets: the three kinds of named graph
    kinds = {
        "reports": "FILTER(?g != <%s> && ?g != <%s>)" % (ENTITY_GRAPH, ONTOLOGY_GRAPH),
        "entities": "FILTER(?g = <%s>)" % ENTITY_GRAPH,
        "ontology": "FILTER(?g = <%s>)" % ONTOLOGY_GRAPH,
    }
    for name, flt in kinds.items():
        rows = store.select(f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {flt} }}")
        sub = URIRef(f"{base}void#{name}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, DCTERMS.title, Literal(f"{name} graphs", lang="en")))
        g.add((sub, VOID.triples, n(int(rows[0]["n"]) if rows else 0)))
        g.add((sub, VOID.documents, n(int(rows[0]["graphs"]) if rows else 0)))

    # linksets: links from our IRIs to IRIs of other datasets (vocabulary terms and rdf:type excluded)
    vocab_ns = tuple(PREFIXES.values())
    rows = store.select(
        f"""SELECT ?p ?o (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o
              FILTER(isIRI(?o) && ?p != rdf:type && STRSTARTS(STR(?s), "{_OWN}") && !STRSTARTS(STR(?o), "{_OWN}")) }} }}
            GROUP BY ?p ?o"""
    )
    links: dict[tuple[str, str], int] = {}
    for row in rows:
        if row["o"].startswith(vocab_ns):
            continue
        key = (row["p"], _authority(row["o"]))
        links[key] = links.get(key, 0) + int(row["n"])
    for i, ((pred, target), count) in enumerate(sorted(links.items())):
        ls = URIRef(f"{base}void#links-{i}")
        other = URIRef(f"{base}void#target-{target.split('//')[-1].strip('/').replace('/', '-') or 'x'}")
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ds, VOID.subset, ls))
        g.add((ls, VOID.subjectsTarget, ds))
        g.add((ls, VOID.objectsTarget, other))
        g.add((other, RDF.type, VOID.Dataset))
        g.add((other, VOID.uriSpace, Literal(target)))
        g.add((ls, VOID.linkPredicate, URIRef(pred)))
        g.add((ls, VOID.triples, n(count)))

    # example resources: the first few reports, metrics and agencies
    for cls in ("gk:Report", "gk:Metric", "gk:Agency"):
        for row in store.select(f"SELECT DISTINCT ?s WHERE {{ ?s a {cls} }} ORDER BY ?s LIMIT {int(examples)}"):
            g.add((ds, VOID.exampleResource, URIRef(row["s"])))

    if sparql_endpoint:
        g.add((ds, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    for a in dumps:
        if a.kind in _FEATURES and a.slice.whole:
            g.add((ds, VOID.dataDump, URIRef(base + a.relpath)))
            g.add((ds, VOID.feature, FORMATS[_FEATURES[a.kind]]))
    return g


__all__ = ["void_graph", "VOID"]
