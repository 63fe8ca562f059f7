"""A VoID description of the graph: size, classes, properties, links, examples, endpoint, dumps.

Linked-data crawlers and SPARQL federation engines read VoID to decide what a dataset holds
before they query it. Every figure is counted in the store with SPARQL aggregates (so a
remote store is described the same way), over distinct triples of the union of graphs;
the three kinds of named graph (reports, shared entities, ontology) are ``void:subset``s.

Why the queries have this shape (measured at 10,000 reports, 7.84 M quads, CPU seconds):
each whole-store scan costs 3-18 s, and a ``FILTER`` on ``STR(?x)`` evaluated per triple
30 s. So every figure is derived from as few scans as possible, and string filters run on
the distinct terms, not on every triple: ``void:triples`` is the sum of the property
partitions (each distinct triple has one predicate) and ``void:properties``/``void:classes``
are the number of partitions; ``void:entities`` comes with ``void:distinctSubjects`` from one
``DISTINCT ?s``; the external link targets with ``void:distinctObjects`` from one
``DISTINCT ?o``, and only their (few) triples are then counted by the object index; the three
subsets from one scan grouped by graph. Same figures (checked isomorphic at 10,000 reports), 121 s -> 59 s CPU.
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

    vocab_ns = tuple(PREFIXES.values())
    props = store.select("SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } "
                         "GROUP BY ?p ORDER BY ?p")
    classes = store.select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
    subjects = store.select(
        f"""SELECT (COUNT(*) AS ?n) (SUM(IF(isIRI(?s) && STRSTARTS(STR(?s), "{uri_space}"), 1, 0)) AS ?own)
            WHERE {{ SELECT DISTINCT ?s WHERE {{ ?s ?p ?o }} }}""")
    # distinct objects, grouped so that every IRI outside our space (a link target) is its own row
    objects = store.select(
        f"""SELECT ?x (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?o WHERE {{ ?s ?p ?o }} }}
              BIND(IF(isIRI(?o) && !STRSTARTS(STR(?o), "{_OWN}"), STR(?o), "") AS ?x) }} GROUP BY ?x""")
    g.add((ds, VOID.triples, n(sum(int(row["n"]) for row in props))))
    g.add((ds, VOID.distinctSubjects, n(int(subjects[0]["n"]) if subjects else 0)))
    g.add((ds, VOID.distinctObjects, n(sum(int(row["n"]) for row in objects))))
    g.add((ds, VOID.properties, n(len(props))))
    g.add((ds, VOID.classes, n(len(classes))))
    g.add((ds, VOID.entities, n(int(subjects[0]["own"] or 0) if subjects else 0)))

    vocabularies: set[str] = set()
    for i, row in enumerate(classes):
        part = URIRef(f"{base}void#class-{i}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["c"])))
        g.add((part, VOID.entities, n(int(row["n"]))))
        vocabularies.add(_namespace(row["c"]))
    for i, row in enumerate(props):
        part = URIRef(f"{base}void#property-{i}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"])))
        g.add((part, VOID.triples, n(int(row["n"]))))
        vocabularies.add(_namespace(row["p"]))
    for v in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(v)))

    # subsets: the three kinds of named graph, from one scan grouped by graph
    sizes = {row["g"]: int(row["n"]) for row in
             store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    kinds = {
        "reports": [k for k in sizes if k not in (ENTITY_GRAPH, ONTOLOGY_GRAPH)],
        "entities": [k for k in sizes if k == ENTITY_GRAPH],
        "ontology": [k for k in sizes if k == ONTOLOGY_GRAPH],
    }
    for name, graphs in kinds.items():
        sub = URIRef(f"{base}void#{name}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, DCTERMS.title, Literal(f"{name} graphs", lang="en")))
        g.add((sub, VOID.triples, n(sum(sizes[k] for k in graphs))))
        g.add((sub, VOID.documents, n(len(graphs))))

    # linksets: links from our IRIs to IRIs of other datasets (vocabulary terms and rdf:type excluded);
    # the targets are the external objects found above, their triples counted through the object index
    targets = sorted(row["x"] for row in objects if row["x"] and not row["x"].startswith(vocab_ns))
    links: dict[tuple[str, str], int] = {}
    for i in range(0, len(targets), 500):
        values = " ".join(f"<{t}>" for t in targets[i:i + 500])
        rows = store.select(
            f"""SELECT ?p ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?o {{ {values} }} ?s ?p ?o
                  FILTER(?p != rdf:type && isIRI(?s) && STRSTARTS(STR(?s), "{_OWN}")) }} GROUP BY ?p ?o""")
        for row in rows:
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
