"""A graph on any SPARQL 1.1 server, through the standard protocols only.

| what                  | protocol                                   | default URL (Oxigraph layout) |
|-----------------------|--------------------------------------------|-------------------------------|
| queries               | SPARQL 1.1 Protocol, query via POST form   | ENDPOINT/query                |
| updates, drops        | SPARQL 1.1 Protocol, update via POST form  | ENDPOINT/update               |
| one report graph      | Graph Store Protocol PUT ?graph=IRI        | ENDPOINT/store                |
| shared entity graph   | Graph Store Protocol POST ?graph=IRI       | ENDPOINT/store                |

A report is written with one PUT of its whole graph (completion marker included), which the
server applies as one replacement: a report is complete or absent whatever dies half-way.
Other servers have other URLs (Fuseki: /ds/query, /ds/update, /ds/data); pass them explicitly.

Queries see all graphs as one default graph, as in the embedded store: with the Oxigraph
layout each query carries ``union-default-graph``; other servers need their own setting
(see docs/scale.md).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..rdf.vocab import sparql_prefixes
from .base import ExportFormat, GraphStore, ReportWrite, StoredReport, parse_into_graph, to_ntriples, triples_to_turtle

REPORTS_QUERY = "SELECT ?g ?name ?sha WHERE { GRAPH ?g { ?g a gk:Report ; gk:sourceName ?name ; gk:sha256 ?sha } }"
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_NQUADS = "application/n-quads"
PARALLEL_PUTS = 4  # concurrent Graph Store requests while writing a batch


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server; ``endpoint`` is a base URL with the Oxigraph layout unless URLs are given."""

    def __init__(
        self,
        endpoint: str | None,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        gsp_url: str | None = None,
        auth: str | None = None,
        timeout: float = 300.0,
    ) -> None:
        base = endpoint.rstrip("/") if endpoint else None
        if base is None and query_url is None:
            raise StoreError("a remote store needs --endpoint URL or --query-url URL")
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or (f"{base}/update" if base else None)
        self.gsp_url = gsp_url or (f"{base}/store" if base else None)
        # Oxigraph's own flag for "the default graph is the union of all graphs"
        self.union_param = query_url is None
        self.auth = auth
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- HTTP ------------------------------------------------------------------------------
    def _http(self, method: str, url: str, body: bytes | None = None, content_type: str | None = None,
              accept: str | None = None) -> tuple[bytes, str]:
        """One request; returns (body, content type). Failures become one-line ``StoreError``s."""
        req = urllib.request.Request(url, data=body, method=method)
        if content_type:
            req.add_header("Content-Type", content_type)
        if accept:
            req.add_header("Accept", accept)
        if self.auth:
            req.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace").strip().replace("\n", " ")
            raise _HttpError(exc.code, f"{method} {_short(url)}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{_short(url)}: cannot reach the SPARQL server ({reason})") from None

    def _query(self, sparql: str, accept: str, union: bool = True, prefixes: bool = True) -> tuple[bytes, str]:
        url = self.query_url + ("?union-default-graph" if union and self.union_param else "")
        form = urllib.parse.urlencode({"query": (sparql_prefixes() + sparql) if prefixes else sparql}).encode()
        try:
            return self._http("POST", url, form, "application/x-www-form-urlencoded", accept)
        except _HttpError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (prefixes of ``rdf.vocab`` predeclared)."""
        if not self.update_url:
            raise StoreError("this store is read-only here: give --endpoint or --update-url to write")
        form = urllib.parse.urlencode({"update": sparql_prefixes() + sparql}).encode()
        self._http("POST", self.update_url, form, "application/x-www-form-urlencoded")

    def _gsp(self, method: str, graph: str | None, body: bytes | None = None, content_type: str | None = None,
             accept: str | None = None) -> tuple[bytes, str]:
        if not self.gsp_url:
            raise StoreError("no Graph Store Protocol URL: give --endpoint or --gsp-url")
        url = self.gsp_url + ("?" + urllib.parse.urlencode({"graph": graph}) if graph else "")
        return self._http(method, url, body, content_type, accept)

    # -- reports ---------------------------------------------------------------------------
    def reports(self) -> dict[str, StoredReport]:
        rows = self.select(REPORTS_QUERY)
        return {r["name"]: StoredReport(graph=r["g"], source_name=r["name"], sha256=r["sha"]) for r in rows}

    def write_report(self, graph: str, parts: Sequence[tuple[str, str]], old_graphs: Iterable[str] = ()) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted({*old_graphs, graph}))
        blocks = "".join(f"GRAPH <{g}> {{\n{body}}}\n" for g, body in parts)
        self.update(f"{drops}INSERT DATA {{\n{blocks}}}" if blocks else drops.rstrip(" ;\n"))

    def write_reports(self, items: Sequence[ReportWrite]) -> None:
        """Shared-graph additions first (one POST per graph), then one PUT per report graph."""
        if not items:
            return
        stale = sorted({g for i in items for g in i.old_graphs if g != i.graph})
        if stale:
            self.remove_graphs(stale)
        shared: dict[str, set[bytes]] = {}
        for item in items:
            for graph, body in item.parts:
                if graph != item.graph:
                    shared.setdefault(graph, set()).update(to_ntriples(graph, body).splitlines(keepends=True))
        for graph, lines in shared.items():
            self._gsp("POST", graph, b"".join(sorted(lines)), _NTRIPLES)

        def put(item: ReportWrite) -> None:
            body = b"".join(to_ntriples(g, b) for g, b in item.parts if g == item.graph) + item.marker.encode("utf-8")
            self._gsp("PUT", item.graph, body, _NTRIPLES)

        with ThreadPoolExecutor(PARALLEL_PUTS) as pool:
            list(pool.map(put, items))

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        todo = list(graphs)
        for i in range(0, len(todo), 500):
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in todo[i : i + 500]))

    def load_ontology(self, graph: str, turtle_parts: Sequence[bytes], extra_ntriples: bytes = b"") -> None:
        parsed = parse_into_graph(graph, turtle_parts, extra_ntriples)
        self._gsp("PUT", graph, parsed.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)), _NTRIPLES)

    # -- reading ---------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, str]]:
        body, _ = self._query(sparql, _RESULTS_JSON)
        data = _json(body)
        names = data["head"].get("vars", [])
        return [{n: (b[n]["value"] if n in b else None) for n in names} for b in data["results"]["bindings"]]

    def run(self, sparql: str):  # type: ignore[no-untyped-def]
        """Any query -> ``query.Result``, printed the same way as the embedded store's."""
        from ..query import Result, Term

        body, ctype = self._query(sparql, f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9, text/turtle;q=0.8")
        if "json" not in ctype:  # CONSTRUCT / DESCRIBE: re-serialise as the embedded store does
            fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in ctype else ox.RdfFormat.TURTLE
            return Result(graph=triples_to_turtle(ox.parse(body, format=fmt)))
        data = _json(body)
        if "boolean" in data:
            return Result(boolean=bool(data["boolean"]))
        columns = tuple(data["head"].get("vars", []))

        def term(b: dict | None) -> Term | None:  # type: ignore[type-arg]
            if b is None:
                return None
            kind = "literal" if b["type"] in ("literal", "typed-literal") else b["type"]
            dt = b.get("datatype")
            if dt and (dt.endswith("#string") or dt.endswith("#langString")):
                dt = None
            return Term(b["value"], kind, datatype=dt, lang=b.get("xml:lang"))

        rows = tuple(tuple(term(b.get(c)) for c in columns) for b in data["results"]["bindings"])
        return Result(columns=columns, rows=rows)

    def count_triples(self) -> int:
        body, _ = self._query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                              _RESULTS_JSON, union=False, prefixes=False)
        rows = _json(body)["results"]["bindings"]
        return int(rows[0]["n"]["value"]) if rows else 0

    def dataset(self) -> ox.Store:
        """The whole dataset in memory.

        Oxigraph answers a GET of its store URL with every graph as N-Quads; the Graph Store
        Protocol itself only defines graph-by-graph access, which is what other servers get.
        """
        out = ox.Store()
        if self.union_param:  # Oxigraph layout
            try:
                body, _ = self._gsp("GET", None, accept=_NQUADS)
                out.load(body, format=ox.RdfFormat.N_QUADS)
                return out
            except (_HttpError, SyntaxError):
                out = ox.Store()
        graphs = [r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]
        for g in graphs:
            body, _ = self._gsp("GET", g, accept=_NTRIPLES)
            out.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
        return out

    def export(self, fmt: ExportFormat, output: Path, graph: str | None = None) -> None:
        from .embedded import EmbeddedStore

        local = EmbeddedStore(None)
        local.raw.extend(self.dataset())
        local.export(fmt, output, graph)


class _HttpError(StoreError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _json(body: bytes) -> dict:  # type: ignore[type-arg]
    try:
        return json.loads(body)
    except ValueError:
        raise StoreError(f"the SPARQL server did not answer with JSON results: {body[:120]!r}") from None


def _short(url: str) -> str:
    return url.split("?", 1)[0]


__all__ = ["RemoteStore"]
