"""The embedded, on-disk Oxigraph store.

Writes are atomic per report: replacing a report's graph is one SPARQL Update request
(drop the old graph, insert the new one), which Oxigraph applies in one transaction, so a
crash leaves every report either as it was or as it is now, never half-written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..rdf.vocab import GK, ONTOLOGY_GRAPH, sparql_prefixes
from .base import ExportFormat, GraphStore, StoredReport

_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD if hasattr(ox.RdfFormat, "JSON_LD") else None,
}


class EmbeddedStore(GraphStore):
    """An Oxigraph store in a directory (created if missing), or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open store ({exc})") from None

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk operations in this package)."""
        return self._store

    # -- reports ---------------------------------------------------------------------------
    def reports(self) -> dict[str, StoredReport]:
        rows = self.select(
            "SELECT ?g ?name ?sha WHERE { GRAPH ?g { ?g a gk:Report ; gk:sourceName ?name ; gk:sha256 ?sha } }"
        )
        return {r["name"]: StoredReport(graph=r["g"], source_name=r["name"], sha256=r["sha"]) for r in rows}

    def write_report(self, graph: str, parts: Sequence[tuple[str, str]], old_graphs: Iterable[str] = ()) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted({*old_graphs, graph}))
        blocks = "".join(f"GRAPH <{g}> {{\n{body}}}\n" for g, body in parts)
        update = f"{drops}INSERT DATA {{\n{blocks}}}" if blocks else drops.rstrip(" ;\n")
        try:
            if update:
                self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: cannot write report graph <{graph}> ({exc})") from None

    def load_ontology(self, graph: str, turtle_parts: Sequence[bytes], extra_ntriples: bytes = b"") -> None:
        """Replace ``graph`` with the union of several Turtle documents (plus a few N-Triples)."""
        parsed = ox.Store()
        target = ox.NamedNode(graph)
        for part in turtle_parts:
            parsed.load(part, format=ox.RdfFormat.TURTLE, to_graph=target)
        if extra_ntriples:
            parsed.load(extra_ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        self.replace_report(graph, list(parsed))

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        if drops:
            self._store.update(drops)

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, prefixes: bool = True):  # type: ignore[no-untyped-def]
        text = (sparql_prefixes() + sparql) if prefixes else sparql
        try:
            return self._store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"query syntax error: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select(self, sparql: str) -> list[dict[str, str]]:
        res = self.query(sparql)
        names = [v.value for v in res.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in res]

    def run(self, sparql: str):  # type: ignore[no-untyped-def]
        """Run any query and return a backend-neutral ``query.Result``."""
        from ..query import Result

        res = self.query(sparql)
        if isinstance(res, bool):
            return Result(boolean=res)
        if isinstance(res, ox.QueryTriples):
            graph = ox.Store()
            graph.extend(ox.Quad(t.subject, t.predicate, t.object) for t in res)
            return Result(graph=graph.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                                           prefixes=_prefixes()).decode("utf-8"))
        columns = tuple(v.value for v in res.variables)
        rows = tuple(tuple(_term(s[c]) for c in columns) for s in res)
        return Result(columns=columns, rows=rows)

    def count_triples(self) -> int:
        return len(self._store)

    def export(self, fmt: ExportFormat, output: Path, graph: str | None = None) -> None:
        kind = _FORMATS[fmt]
        if kind is None:
            raise StoreError(f"format {fmt} is not supported by this pyoxigraph")
        with output.open("wb") as fh:
            if fmt in ("turtle", "ntriples", "jsonld"):
                # triple formats: the union of all graphs, one copy of each triple
                union = ox.Store()
                union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._store)
                union.dump(fh, format=kind, from_graph=ox.DefaultGraph(), prefixes=None if fmt != "turtle" else _prefixes())
            else:
                self._store.dump(fh, format=kind)

    def flush(self) -> None:
        self._store.flush()


def _term(t):  # type: ignore[no-untyped-def]
    from ..query import Term

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term(t.value, "uri")
    if isinstance(t, ox.BlankNode):
        return Term(t.value, "bnode")
    dt = t.datatype.value if t.datatype else None
    if t.language:
        return Term(t.value, "literal", lang=t.language)
    return Term(t.value, "literal", datatype=None if dt and dt.endswith("#string") else dt)


def _prefixes() -> dict[str, str]:
    from ..rdf.vocab import PREFIXES

    return dict(PREFIXES)


__all__ = ["EmbeddedStore", "GK", "ONTOLOGY_GRAPH"]
