"""Network analysis over the graph with networkx: what SPARQL cannot compute well.

Four results, each a frozen value, all computed from two SELECTs over the store:

* the agency–initiative **bipartite network** (an edge when any report of the agency mentions
  the initiative; edge attributes: first year, number of reports);
* **adoption**: the first year each agency mentions each initiative (as far as the loaded
  reports show);
* **agency similarity**: Jaccard similarity of the agencies' feature sets (initiatives they
  mention plus shared platforms, i.e. channels without ``gk:operatedBy`` such as 中国政府网: an
  agency's own website is its own node by construction and carries no similarity signal);
* **centrality** of every node of the bipartite network: degree, bipartite degree centrality
  (degree / size of the other side) and normalised betweenness centrality (exact up to
  ``EXACT_BETWEENNESS`` nodes, else estimated from a seeded sample of sources, which the graph records
  as ``gk:betweennessSampleSize`` on the analysis graph's IRI).

``write_back`` stores them in the named graph ``ANALYSIS_GRAPH`` (replaced atomically on each
run, so SPARQL and the site can use them); ``write_graphml``/``write_gexf`` export the network
for Gephi. Properties written (``gk:``): networkDegree, degreeCentrality, betweennessCentrality,
adopterCount, firstAdoptionYear, betweennessSampleSize; classes gk:Adoption (adopter, adoptedInitiative, firstYear,
firstReport) and gk:AgencySimilarity (similarAgency x2, sharedInitiativeCount,
sharedPlatformCount, jaccardSimilarity).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from pathlib import Path

from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

if TYPE_CHECKING:  # networkx is imported where it is used: the CLI should not pay for it on every command
    import networkx as nx

from .rdf.vocab import DEFAULT_BASE, GK, RDF, XSD

ANALYSIS_GRAPH = "https://w3id.org/gongkai/graph/analysis"
TOP_SIMILAR = 10  # similar agencies kept per agency
EXACT_BETWEENNESS = 500  # networks with more nodes: betweenness estimated from sampled sources (seeded)
BETWEENNESS_SAMPLE = 200  # the number of sampled sources then

_MENTIONS = """
SELECT DISTINCT ?a ?agency ?i ?initiative ?report ?year WHERE {
  ?report gk:publishedBy ?a ; gk:mentions ?i .
  ?i a gk:Initiative ; skos:prefLabel ?initiative .
  ?a skos:prefLabel ?agency .
  OPTIONAL { ?report gk:reportYear ?year }
}"""

_SHARED_PLATFORMS = """
SELECT DISTINCT ?a ?agency ?p ?platform WHERE {
  ?report gk:publishedBy ?a ; gk:mentions ?p .
  ?p a gk:Platform ; skos:prefLabel ?platform .
  ?a skos:prefLabel ?agency .
  FILTER NOT EXISTS { ?p gk:operatedBy ?owner }
}"""


@dataclass(frozen=True, slots=True)
class Adoption:
    """The first year (and report) in which an agency mentions an initiative."""

    agency: str
    initiative: str
    first_year: int | None
    first_report: str


@dataclass(frozen=True, slots=True)
class Similarity:
    """Two agencies (IRIs, in sorted order) and what they share."""

    agency_a: str
    agency_b: str
    shared_initiatives: int
    shared_platforms: int
    jaccard: Decimal


@dataclass(frozen=True, slots=True)
class Centrality:
    """Centrality of one node of the bipartite network."""

    node: str
    kind: str  # "agency" | "initiative"
    label: str
    degree: int
    degree_centrality: Decimal
    betweenness: Decimal


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything ``gongkai analyze`` computes."""

    network: nx.Graph
    adoptions: tuple[Adoption, ...]
    similarities: tuple[Similarity, ...]
    centrality: tuple[Centrality, ...]
    betweenness_sample: int | None = None  # sources sampled when betweenness is an estimate

    def label(self, node: str) -> str:
        return str(self.network.nodes[node]["label"]) if node in self.network else node


def _dec(x: float, places: int = 6) -> Decimal:
    """A float as a short, stable decimal (same text on every machine)."""
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return Decimal(text if text not in ("", "-0") else "0")


def _year(text: str | None) -> int | None:
    try:
        return int(str(text)[:4]) if text else None
    except ValueError:
        return None


def analyze(store, top_similar: int | None = TOP_SIMILAR) -> Analysis:  # type: ignore[no-untyped-def]
    """Read mentions from the store and compute the network, adoption, similarity and centrality."""
    mentions = store.select(_MENTIONS)
    platforms = store.select(_SHARED_PLATFORMS)
    return analyze_rows(mentions, platforms, top_similar)


def analyze_rows(mentions: list[dict[str, str]], platforms: list[dict[str, str]],
                 top_similar: int | None = TOP_SIMILAR) -> Analysis:
    """The analysis from plain rows (a, agency, i, initiative, report, year / a, agency, p, platform)."""
    import networkx as nx
    g = nx.Graph()
    first: dict[tuple[str, str], tuple[int | None, str]] = {}
    reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in mentions:
        a, i = r["a"], r["i"]
        g.add_node(a, label=r["agency"], kind="agency", bipartite=0)
        g.add_node(i, label=r["initiative"], kind="initiative", bipartite=1)
        y = _year(r.get("year"))
        key = (a, i)
        reports[key].add(r["report"])
        old = first.get(key)
        # earliest year; a report without a year only counts when no dated one exists
        if old is None or (y is not None and (old[0] is None or (y, r["report"]) < (old[0], old[1]))):
            first[key] = (y, r["report"])
    for (a, i), (y, _) in first.items():
        attrs = {"reports": len(reports[(a, i)])}
        if y is not None:
            attrs["firstYear"] = y
        g.add_edge(a, i, **attrs)

    features: dict[str, set[str]] = defaultdict(set)
    shared_platforms: dict[str, set[str]] = defaultdict(set)
    for (a, i) in first:
        features[a].add(i)
    for r in platforms:
        features[r["a"]].add(r["p"])
        shared_platforms[r["a"]].add(r["p"])
        if r["a"] not in g:
            g.add_node(r["a"], label=r["agency"], kind="agency", bipartite=0)

    adoptions = tuple(sorted((Adoption(a, i, y, rep) for (a, i), (y, rep) in first.items()),
                             key=lambda x: (x.initiative, x.first_year or 0, x.agency)))
    centrality, sample = _centrality(g)
    return Analysis(g, adoptions, _similarities(features, shared_platforms, top_similar), centrality, sample)


def _similarities(features: dict[str, set[str]], platforms: dict[str, set[str]],
                  top_k: int | None = TOP_SIMILAR) -> tuple[Similarity, ...]:
    """Jaccard similarity of every pair of agencies that share a feature; each agency keeps its
    ``top_k`` most similar partners (a pair stays when either side keeps it), so the stored result
    grows linearly with the number of agencies, not quadratically."""
    index: dict[str, list[str]] = defaultdict(list)
    for a in sorted(features):
        for f in features[a]:
            index[f].append(a)
    common: Counter[tuple[str, str]] = Counter()
    for agencies in index.values():
        common.update(combinations(agencies, 2))  # agencies are sorted, so pairs are (a, b) with a < b
    size = {a: len(f) for a, f in features.items()}
    # rank on floats first, make decimals only for the pairs kept
    ranked = sorted(((n / (size[a] + size[b] - n), a, b) for (a, b), n in common.items()),
                    key=lambda x: (-x[0], x[1], x[2]))
    if top_k is not None:
        kept: Counter[str] = Counter()
        chosen = []
        for item in ranked:
            _, a, b = item
            if kept[a] < top_k or kept[b] < top_k:
                chosen.append(item)
            kept[a] += 1
            kept[b] += 1
        ranked = chosen
    out = []
    for j, a, b in ranked:
        shared_p = len(platforms[a] & platforms[b])
        out.append(Similarity(a, b, common[(a, b)] - shared_p, shared_p, _dec(j)))
    return tuple(out)


def _centrality(g: nx.Graph) -> tuple[tuple[Centrality, ...], int | None]:
    """Centrality of the nodes that have links; betweenness exact up to ``EXACT_BETWEENNESS`` nodes.

    Exact betweenness is O(nodes x links) in pure Python (about a minute for 1,000 agencies with a dozen initiatives each);
    beyond the limit it is estimated from a fixed, seeded sample of sources (same answer on every
    run) and the sample size is returned so the graph can say the value is an estimate.
    """
    import networkx as nx
    from networkx.algorithms import bipartite
    net = g.subgraph([n for n in g if g.degree(n) > 0]).copy()  # a view would slow every traversal
    if net.number_of_nodes() == 0:
        return (), None
    agencies = {n for n, d in net.nodes(data=True) if d["kind"] == "agency"}
    dc = bipartite.degree_centrality(net, agencies) if agencies and len(agencies) < len(net) else {}
    sample = BETWEENNESS_SAMPLE if net.number_of_nodes() > EXACT_BETWEENNESS else None
    bc = nx.betweenness_centrality(net, k=sample, normalized=True, seed=0)
    out = [Centrality(n, d["kind"], d["label"], net.degree(n), _dec(dc.get(n, 0.0)), _dec(bc.get(n, 0.0)))
           for n, d in net.nodes(data=True)]
    return tuple(sorted(out, key=lambda c: (-c.betweenness, -c.degree, c.kind, c.label))), sample


# -- writing back and exporting ------------------------------------------------------------------


def _iri(kind: str, *parts: str) -> str:
    """A stable IRI for an analysis node (same inputs, same IRI, so re-runs replace cleanly)."""
    return f"{DEFAULT_BASE}analysis/{kind}/" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def analysis_quads(result: Analysis) -> list[Quad]:
    """The analysis as quads in ``ANALYSIS_GRAPH``."""
    g = NamedNode(ANALYSIS_GRAPH)

    def q(s: str, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(NamedNode(s), NamedNode(p), o, g)

    def lit(value: object, dtype: str) -> Literal:
        return Literal(str(value), datatype=NamedNode(XSD + dtype))

    out: list[Quad] = []
    if result.betweenness_sample:
        out.append(q(ANALYSIS_GRAPH, GK + "betweennessSampleSize", lit(result.betweenness_sample, "integer")))
    for c in result.centrality:
        out.append(q(c.node, GK + "networkDegree", lit(c.degree, "integer")))
        out.append(q(c.node, GK + "degreeCentrality", lit(c.degree_centrality, "decimal")))
        out.append(q(c.node, GK + "betweennessCentrality", lit(c.betweenness, "decimal")))
    per_initiative: dict[str, list[Adoption]] = defaultdict(list)
    for ad in result.adoptions:
        per_initiative[ad.initiative].append(ad)
        node = _iri("adoption", ad.agency, ad.initiative)
        out.append(q(node, RDF + "type", NamedNode(GK + "Adoption")))
        out.append(q(node, GK + "adopter", NamedNode(ad.agency)))
        out.append(q(node, GK + "adoptedInitiative", NamedNode(ad.initiative)))
        out.append(q(node, GK + "firstReport", NamedNode(ad.first_report)))
        if ad.first_year is not None:
            out.append(q(node, GK + "firstYear", lit(ad.first_year, "gYear")))
    for initiative, ads in per_initiative.items():
        out.append(q(initiative, GK + "adopterCount", lit(len({a.agency for a in ads}), "integer")))
        years = [a.first_year for a in ads if a.first_year is not None]
        if years:
            out.append(q(initiative, GK + "firstAdoptionYear", lit(min(years), "gYear")))
    for s in result.similarities:
        node = _iri("similarity", s.agency_a, s.agency_b)
        out.append(q(node, RDF + "type", NamedNode(GK + "AgencySimilarity")))
        out.append(q(node, GK + "similarAgency", NamedNode(s.agency_a)))
        out.append(q(node, GK + "similarAgency", NamedNode(s.agency_b)))
        out.append(q(node, GK + "sharedInitiativeCount", lit(s.shared_initiatives, "integer")))
        out.append(q(node, GK + "sharedPlatformCount", lit(s.shared_platforms, "integer")))
        out.append(q(node, GK + "jaccardSimilarity", lit(s.jaccard, "decimal")))
    return out


def write_back(store, result: Analysis) -> int:  # type: ignore[no-untyped-def]
    """Replace ``ANALYSIS_GRAPH`` in the store with this analysis; returns the number of triples."""
    quads = analysis_quads(result)
    store.replace_report(ANALYSIS_GRAPH, quads)
    return len(quads)


def _export_graph(result: Analysis) -> nx.Graph:
    """The bipartite network with centrality as node attributes (plain types only, for GraphML/GEXF)."""
    import networkx as nx
    g = nx.Graph()
    cent = {c.node: c for c in result.centrality}
    for n, d in result.network.nodes(data=True):
        attrs = {"label": d["label"], "kind": d["kind"]}
        if n in cent:
            attrs.update(degree=cent[n].degree, degreeCentrality=float(cent[n].degree_centrality),
                         betweenness=float(cent[n].betweenness))
        g.add_node(n, **attrs)
    for a, b, d in result.network.edges(data=True):
        g.add_edge(a, b, **d)
    return g


def write_graphml(result: Analysis, path: Path) -> None:
    """The agency–initiative network as GraphML (node ids are IRIs; labels, kinds, centrality attached)."""
    import networkx as nx
    nx.write_graphml(_export_graph(result), str(path))


def write_gexf(result: Analysis, path: Path) -> None:
    """The agency–initiative network as GEXF, Gephi's own format."""
    import networkx as nx
    nx.write_gexf(_export_graph(result), str(path))
