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


def group_by_graph(quads: Iterable[ox.Quad]) -> tuple[tuple[str, str], ...]:
    """Quads -> ((graph IRI, N-Triples text), ...) in first-seen order of graphs."""
    parts: dict[str, list[str]] = {}
    for q in quads:
        parts.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    return tuple((g, "".join(lines)) for g, lines in parts.items())


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

    def flush(self) -> None:  # noqa: B027 - optional for backends that buffer
        """Make pending writes durable."""
