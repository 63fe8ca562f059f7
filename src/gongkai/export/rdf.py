"""The store's graph, whole or sliced by agency / year, written in a stable RDF serialisation.

Reading goes through the ``GraphStore`` interface only (``export("nquads")`` and
``select()``), so the same code exports the embedded Oxigraph store and a remote SPARQL
server. A slice is the named graphs of the matching reports plus what the shared entity
graph says about the nodes they reach (agency, region and its parents, platforms,
initiatives, concepts the schemes did not define); the ontology graph is part of the
whole export only.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from ..errors import GongkaiError
from ..rdf.vocab import ENTITY_GRAPH
from ..store.base import GraphStore
from .serialise import write_jsonld, write_nquads, write_ntriples, write_trig, write_turtle

RdfFormat = Literal["turtle", "trig", "nquads", "ntriples", "jsonld"]

#: File suffix and IANA media type of each RDF format.
RDF_FORMATS: dict[str, tuple[str, str]] = {
    "turtle": (".ttl", "text/turtle"),
    "trig": (".trig", "application/trig"),
    "nquads": (".nq", "application/n-quads"),
    "ntriples": (".nt", "application/n-triples"),
    "jsonld": (".jsonld", "application/ld+json"),
}


class ExportError(GongkaiError):
    """An export could not be written (unknown slice, unknown format, unreadable context)."""


@dataclass(frozen=True, slots=True)
class Slice:
    """Which reports to export: all of them, or those of one agency and/or one year.

    ``agency`` matches an agency IRI, the last segment of it, its label (skos:prefLabel or
    altLabel), or a 6-digit division code (every agency of that jurisdiction).
    """

    agency: str | None = None
    year: int | None = None

    @property
    def whole(self) -> bool:
        return self.agency is None and self.year is None

    @property
    def name(self) -> str:
        """A file-name-safe name: ``all``, ``year-2020``, ``agency-371003``, ``agency-371003-2020``."""
        if self.whole:
            return "all"
        parts = []
        if self.agency is not None:
            parts.append("agency-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in self.agency.rsplit("/", 1)[-1]))
        if self.year is not None:
            parts.append(f"year-{self.year}")
        return "-".join(parts)


def read_quads(store: GraphStore) -> list[ox.Quad]:
    """Every quad of the store (all named graphs), read through ``GraphStore.export``."""
    with tempfile.TemporaryDirectory(prefix="gongkai-export-") as tmp:
        dump = Path(tmp) / "all.nq"
        store.export("nquads", dump)
        return list(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))


def report_graphs(store: GraphStore, sl: Slice) -> list[str]:
    """The named graphs of the reports in the slice, sorted.

    :raises ExportError: the slice matches no report (a typo should not give an empty file).
    """
    rows = store.select(
        """SELECT ?r ?a ?y ?label ?code WHERE { GRAPH ?r { ?r a gk:Report ; gk:publishedBy ?a .
             OPTIONAL { ?r gk:reportYear ?y } }
           OPTIONAL { ?a skos:prefLabel|skos:altLabel ?label }
           OPTIONAL { ?a gk:region/gk:divisionCode ?code } }"""
    )
    chosen: set[str] = set()
    for row in rows:
        if sl.year is not None and (row["y"] is None or row["y"][:4] != f"{sl.year:04d}"):
            continue
        if sl.agency is not None:
            a = row["a"] or ""
            keys = {a, a.rsplit("/", 1)[-1], row["label"], row["code"]}
            if sl.agency not in keys:
                continue
        chosen.add(row["r"])
    if not chosen and not sl.whole:
        what = " and ".join(x for x in (f"agency '{sl.agency}'" if sl.agency else "", f"year {sl.year}" if sl.year else "") if x)
        raise ExportError(f"no report in the store matches {what}")
    return sorted(chosen)


def slice_quads(quads: list[ox.Quad], graphs: list[str]) -> list[ox.Quad]:
    """The quads of ``graphs`` plus the entity-graph description of every node they reach."""
    wanted = {ox.NamedNode(g) for g in graphs}
    out = [q for q in quads if q.graph_name in wanted]
    entity = ox.NamedNode(ENTITY_GRAPH)
    about: dict[object, list[ox.Quad]] = {}
    for q in quads:
        if q.graph_name == entity:
            about.setdefault(q.subject, []).append(q)
    frontier = [q.object for q in out if isinstance(q.object, (ox.NamedNode, ox.BlankNode))]
    reached: set[object] = set()
    while frontier:
        node = frontier.pop()
        if node in reached or node not in about:
            continue
        reached.add(node)
        for q in about[node]:
            out.append(q)
            if isinstance(q.object, (ox.NamedNode, ox.BlankNode)):
                frontier.append(q.object)
    return out


def load_context() -> dict[str, object]:
    """The published JSON-LD ``@context`` (``ontology/context.jsonld``)."""
    from ..resources import resource_dir

    try:
        path = resource_dir("ontology") / "context.jsonld"
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise ExportError(f"ontology/context.jsonld: cannot read the JSON-LD context ({exc})") from None
    return doc["@context"]


def write_quads(quads: list[ox.Quad], fmt: str, output: Path) -> int:
    """Write ``quads`` to ``output`` in ``fmt``; returns the number of triples (quads for TriG/N-Quads)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as fh:
        if fmt == "turtle":
            return write_turtle(quads, fh)
        if fmt == "trig":
            return write_trig(quads, fh)
        if fmt == "nquads":
            return write_nquads(quads, fh)
        if fmt == "ntriples":
            return write_ntriples(quads, fh)
        if fmt == "jsonld":
            return write_jsonld(quads, fh, load_context())
    raise ExportError(f"unknown RDF format '{fmt}' (one of {', '.join(RDF_FORMATS)})")


def export_rdf(store: GraphStore, fmt: str, output: Path, sl: Slice = Slice(),
               quads: list[ox.Quad] | None = None) -> int:
    """Write the whole graph (or a slice) of ``store`` to ``output``; returns the count written.

    ``quads`` may pass an already-read copy of the store, when writing many files at once.
    """
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format '{fmt}' (one of {', '.join(RDF_FORMATS)})")
    everything = read_quads(store) if quads is None else quads
    chosen = everything if sl.whole else slice_quads(everything, report_graphs(store, sl))
    return write_quads(chosen, fmt, output)


__all__ = ["Slice", "ExportError", "RDF_FORMATS", "read_quads", "report_graphs", "slice_quads",
           "write_quads", "export_rdf", "load_context"]
