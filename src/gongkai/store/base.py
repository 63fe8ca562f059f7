"""What every store backend offers: the embedded Oxigraph store and remote SPARQL servers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

ExportFormat = Literal["turtle", "trig", "nquads", "ntriples", "jsonld"]


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report already in the store: its graph and the hash of the file it came from."""

    graph: str
    source_name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ReportWrite:
    """One report to write: its graph, its data, the graphs it replaces, and its completion marker.

    ``parts`` are (graph IRI, UTF-8 N-Quads in that graph): the report graph and additions to shared graphs.
    ``marker`` is N-Triples for the report graph (its ``gk:sha256``), written last: a report is
    listed by ``reports()`` only once its marker is there, so a half-written report is never
    mistaken for a stored one.
    """

    graph: str
    parts: tuple[tuple[str, bytes], ...]
    old_graphs: tuple[str, ...] = ()
    marker: str = ""


def group_by_graph(quads: Iterable[ox.Quad]) -> tuple[tuple[str, str], ...]:
    """Quads -> ((graph IRI, N-Triples text), ...) in first-seen order of graphs."""
    parts: dict[str, list[str]] = {}
    for q in quads:
        parts.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    return tuple((g, "".join(lines)) for g, lines in parts.items())


def parse_into_graph(graph: str, turtle_parts: Sequence[bytes], extra_ntriples: bytes = b"") -> ox.Store:
    """Several Turtle documents (plus a few N-Triples) parsed into one named graph of an in-memory store.

    :raises SyntaxError: a document is not valid Turtle.
    """
    parsed = ox.Store()
    target = ox.NamedNode(graph)
    for part in turtle_parts:
        parsed.load(part, format=ox.RdfFormat.TURTLE, to_graph=target)
    if extra_ntriples:
        parsed.load(extra_ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
    return parsed


def triples_to_turtle(triples: Iterable[ox.Triple]) -> str:
    """A CONSTRUCT/DESCRIBE result as Turtle, triples sorted so the same answer always prints the same."""
    from ..rdf.vocab import PREFIXES

    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)).decode("utf-8")


class GraphStore(ABC):
    """A place the graph lives. Writes are atomic per report graph."""

    @abstractmethod
    def reports(self) -> dict[str, StoredReport]:
        """Every stored report, by source file name."""

    def replace_report(self, graph: str, quads: Sequence[ox.Quad], old_graphs: Iterable[str] = ()) -> None:
        """Atomically drop ``old_graphs`` and ``graph``, then add ``quads`` (to whatever graphs they name)."""
        self.write_report(graph, group_by_graph(quads), old_graphs)

    @abstractmethod
    def write_report(self, graph: str, parts: Sequence[tuple[str, str]], old_graphs: Iterable[str] = ()) -> None:
        """Atomically drop ``old_graphs`` and ``graph`` and add each (graph, N-Triples text) part.

        Parts for other graphs than ``graph`` (the shared entity graph) are added, not replaced.
        """

    def write_reports(self, items: Sequence[ReportWrite]) -> None:
        """Write many reports; each one is complete or absent if the process dies half-way.

        Backends override this to load a whole batch at once (the embedded store's bulk loader,
        a server's Graph Store Protocol); this fallback writes them one atomic update at a time.
        """
        for item in items:
            parts = [(graph, to_ntriples(graph, body).decode("utf-8")) for graph, body in item.parts]
            if item.marker:
                parts.append((item.graph, item.marker))
            self.write_report(item.graph, _merge(parts), item.old_graphs)

    def recover(self) -> list[str]:
        """Drop the report graphs an interrupted build left half-written; return their IRIs.

        Backends whose writes are atomic per report have nothing to recover.
        """
        return []

    @abstractmethod
    def remove_graphs(self, graphs: Iterable[str]) -> None:
        """Drop these named graphs."""

    @abstractmethod
    def load_ontology(self, graph: str, turtle_parts: Sequence[bytes], extra_ntriples: bytes = b"") -> None:
        """Replace ``graph`` with the union of several Turtle documents."""

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT (prefixes of ``rdf.vocab`` predeclared) and return rows of plain strings."""

    @abstractmethod
    def count_triples(self) -> int:
        """Number of quads stored."""

    @abstractmethod
    def export(self, fmt: ExportFormat, output: Path, graph: str | None = None) -> None:
        """Write the whole graph in ``fmt`` to ``output``."""

    @abstractmethod
    def run(self, sparql: str):  # type: ignore[no-untyped-def]
        """Run any query (SELECT, ASK, CONSTRUCT, DESCRIBE) and return a ``query.Result``."""

    def flush(self) -> None:  # noqa: B027 - optional for backends that buffer
        """Make pending writes durable."""

    def close(self) -> None:  # noqa: B027 - optional for backends that hold resources
        """Release the store (files, connections)."""


def _merge(parts: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Join parts that name the same graph, keeping first-seen order."""
    merged: dict[str, str] = {}
    for graph, body in parts:
        merged[graph] = merged.get(graph, "") + body
    return tuple(merged.items())


def to_ntriples(graph: str, nquads: bytes) -> bytes:
    """UTF-8 N-Quads, all in ``graph``, -> the same statements as N-Triples.

    A real newline only ends a statement (newlines inside literals are escaped), so dropping
    the graph before each final `` .`` is a plain replacement.

    >>> to_ntriples("http://g", b'<http://s> <http://p> "a <http://g> .b" <http://g> .\\n')
    b'<http://s> <http://p> "a <http://g> .b" .\\n'
    """
    return nquads.replace(b" <" + graph.encode("utf-8") + b"> .\n", b" .\n")
