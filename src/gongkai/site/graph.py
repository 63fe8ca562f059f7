"""Reading the graph for the site through the ``GraphStore`` interface only.

The site never holds the whole graph: the shared graphs (entities, ontology) are small and
read at once; report graphs are read in batches (``VALUES ?g``), rendered, summarised into
small frozen records (``ReportSummary``, ``MetricValue``) and dropped. That keeps memory flat
at 10,000 reports and works the same on the embedded store and a remote SPARQL endpoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ..query import Term
from ..rdf.vocab import DCT, ENTITY_GRAPH, GK, ONTOLOGY_GRAPH, RDF, RDFS, SCHEME, SKOS
from ..store.base import GraphStore

A = RDF + "type"
LABEL_PROPS = (SKOS + "prefLabel", RDFS + "label", DCT + "title")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
BNODE = "_:"  # prefix of blank-node subjects in an Index (IRIs never start with it)


@dataclass(frozen=True, slots=True)
class Triple:
    """One triple with plain-string subject/predicate and a result ``Term`` object."""

    s: str
    p: str
    o: Term


class Node:
    """The outgoing triples of one subject, by predicate (mutable only while loading)."""

    __slots__ = ("iri", "props")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.props: dict[str, list[Term]] = defaultdict(list)

    def all(self, p: str) -> list[Term]:
        return self.props.get(p, [])

    def first(self, p: str) -> str | None:
        vals = self.props.get(p)
        return vals[0].value if vals else None

    def types(self) -> set[str]:
        return {t.value for t in self.props.get(A, [])}

    def has_type(self, cls: str) -> bool:
        return any(t.value == cls for t in self.props.get(A, ()))


class Index:
    """Subjects -> ``Node`` for a set of triples (one report graph, or the shared graphs)."""

    def __init__(self, triples: list[Triple] | None = None) -> None:
        self.nodes: dict[str, Node] = {}
        self.triples: list[Triple] = []
        self.parsed: list[ox.Triple] | None = None  # the same triples as pyoxigraph parsed them, when read so
        for t in triples or ():
            self.add(t)

    def add(self, t: Triple) -> None:
        self.triples.append(t)
        node = self.nodes.get(t.s)
        if node is None:
            node = self.nodes[t.s] = Node(t.s)
        node.props[t.p].append(t.o)

    def get(self, iri: str) -> Node:
        return self.nodes.get(iri) or Node(iri)

    def of_type(self, cls: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.has_type(cls)]


@dataclass(frozen=True, slots=True)
class MetricValue:
    """One stated number, summarised for charts and comparison tables."""

    report: str
    indicator: str  # notation
    dims: tuple[str, ...]
    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What other pages need to know about a report once its graph is dropped."""

    iri: str
    label: str
    label_lang: str
    year: int | None
    issued: str | None
    fmt: str | None
    agency: str | None
    source_name: str
    mentions: tuple[str, ...] = ()
    checks_failed: int = 0
    checks_total: int = 0
    metrics: tuple[MetricValue, ...] = field(default_factory=tuple)


def notation_of(concept_iri: str) -> str:
    """The notation at the end of a concept IRI (``.../scheme/indicator/T3.R1`` -> ``T3.R1``)."""
    return concept_iri[len(SCHEME):].split("/", 1)[-1] if concept_iri.startswith(SCHEME) else concept_iri


def _rows(store: GraphStore, sparql: str, cols: tuple[str, ...]) -> Iterator[tuple[Term | None, ...]]:
    res = store.run(sparql)  # type: ignore[attr-defined]
    pos = [res.columns.index(c) for c in cols]
    for row in res.rows:
        yield tuple(row[i] for i in pos)


def shared_graphs(store: GraphStore) -> Index:
    """The entity graph and the ontology graph (agencies, regions, initiatives, platforms, terms)."""
    q = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ <{ENTITY_GRAPH}> <{ONTOLOGY_GRAPH}> }} "
         f"GRAPH ?g {{ ?s ?p ?o }} }}")
    idx = Index()
    seen: set[tuple[str, str, Term]] = set()
    for s, p, o in _rows(store, q, ("s", "p", "o")):
        assert s is not None and p is not None and o is not None
        subject = s.value if s.kind == "uri" else BNODE + s.value  # blank nodes: OWL lists, restrictions
        key = (subject, p.value, o)
        if key not in seen:
            seen.add(key)
            idx.add(Triple(subject, p.value, o))
    return idx


def closure(idx: Index, iri: str) -> list[Triple]:
    """The triples of ``iri`` plus those of every blank node reachable from it (its bounded description)."""
    out: list[Triple] = []
    todo, done = [iri], set()
    while todo:
        s = todo.pop()
        if s in done:
            continue
        done.add(s)
        node = idx.nodes.get(s)
        if node is None:
            continue
        for p, vals in node.props.items():
            for o in vals:
                out.append(Triple(s, p, o))
                if o.kind == "bnode":
                    todo.append(BNODE + o.value)
    return out


def report_iris(store: GraphStore) -> list[str]:
    """Every report graph, newest year first then by IRI (stable)."""
    q = "SELECT ?r ?y WHERE { GRAPH ?r { ?r a gk:Report OPTIONAL { ?r gk:reportYear ?y } } }"
    rows = [(r.value, y.value if y else "") for r, y in _rows(store, q, ("r", "y")) if r]
    rows.sort(key=lambda t: (t[1], t[0]))
    return [r for r, _ in rows]


def report_graphs(store: GraphStore, iris: list[str], batch: int = 200) -> Iterator[tuple[str, Index]]:
    """(report IRI, its graph's triples) for each report.

    Each graph is read with one ``CONSTRUCT`` whose Turtle result pyoxigraph parses: about
    twice as fast as a ``SELECT`` whose every term becomes a Python object on the way. A
    backend that returns no graph text falls back to ``SELECT`` in batches of ``batch``.
    """
    terms: dict[str, Term] = {}
    for i in range(0, len(iris), batch):
        chunk = iris[i:i + batch]
        for g in chunk:
            res = store.run(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")  # type: ignore[attr-defined]
            if res.graph is None:  # not a graph-returning backend: the rest of the chunk by SELECT
                yield from _report_graphs_select(store, chunk[chunk.index(g):])
                break
            idx = Index()
            idx.parsed = []
            for t in ox.parse(res.graph.encode("utf-8"), format=ox.RdfFormat.TURTLE):
                if isinstance(t.subject, ox.NamedNode):
                    idx.add(Triple(t.subject.value, t.predicate.value, _term(t.object, terms)))
                    idx.parsed.append(t)
            yield g, idx


def _term(o: ox.NamedNode | ox.BlankNode | ox.Literal, cache: dict[str, Term]) -> Term:
    """A parsed pyoxigraph term as a result ``Term`` (IRIs cached: they repeat across reports)."""
    if isinstance(o, ox.NamedNode):
        hit = cache.get(o.value)
        if hit is None:
            hit = cache[o.value] = Term(o.value, "uri")
        return hit
    if isinstance(o, ox.BlankNode):
        return Term(o.value, "bnode")
    if o.language:
        return Term(o.value, "literal", lang=o.language)
    dt = o.datatype.value
    return Term(o.value, "literal", datatype=None if dt == _XSD_STRING else dt)


def _report_graphs_select(store: GraphStore, chunk: list[str]) -> Iterator[tuple[str, Index]]:
    values = " ".join(f"<{g}>" for g in chunk)
    q = f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    by_graph: dict[str, Index] = {g: Index() for g in chunk}
    for g, s, p, o in _rows(store, q, ("g", "s", "p", "o")):
        if g and s and p and o and s.kind == "uri":
            by_graph[g.value].add(Triple(s.value, p.value, o))
    yield from by_graph.items()


def decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def summarise(iri: str, g: Index) -> ReportSummary:
    """The small record other pages need about a report."""
    r = g.get(iri)
    label, lang = pick_label(r, "zh")
    year_text = r.first(GK + "reportYear")
    metrics = []
    for m in g.of_type(GK + "Metric"):
        val = decimal(m.first(GK + "value"))
        ind = m.first(GK + "indicator")
        if val is None or ind is None:
            continue
        dims = tuple(sorted(notation_of(d.value) for d in m.all(GK + "dimension")))
        metrics.append(MetricValue(iri, notation_of(ind), dims, val, notation_of(m.first(GK + "unit") or "")))
    checks = [g.get(c.value) for c in r.all(GK + "hasCheck")]
    failed = sum(1 for c in checks if notation_of(c.first(GK + "status") or "") == "fail")
    fmt = r.first(DCT + "conformsTo")
    return ReportSummary(
        iri=iri, label=label, label_lang=lang,
        year=int(year_text[:4]) if year_text and year_text[:4].isdigit() else None,
        issued=r.first(DCT + "issued"), fmt=notation_of(fmt) if fmt else None,
        agency=r.first(GK + "publishedBy"), source_name=r.first(GK + "sourceName") or "",
        mentions=tuple(sorted({t.value for t in r.all(GK + "mentions")})),
        checks_failed=failed, checks_total=len(checks), metrics=tuple(metrics),
    )


def pick_label(node: Node, lang: str, props: tuple[str, ...] = LABEL_PROPS) -> tuple[str, str]:
    """(text, language tag) of the best label for a UI language: same language first, then any.

    Never invents a translation: an English page shows a Chinese-only label with ``lang="zh"``.
    """
    best: tuple[int, str, str] | None = None
    for rank_p, p in enumerate(props):
        for t in node.all(p):
            tag = (t.lang or "").lower()
            same = tag.split("-")[0] == lang
            rank = (0 if same else 1 if tag else 2) * 10 + rank_p
            if best is None or rank < best[0]:
                best = (rank, t.value, t.lang or "")
    if best is None:
        return local_name(node.iri), ""
    return best[1], best[2]


def local_name(iri: str) -> str:
    """The tail of an IRI, for things without a label."""
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[-1]
            if tail:
                return tail
    return iri
