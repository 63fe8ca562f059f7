"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store.

``gongkai serve`` prefers the real ``oxigraph serve-read-only`` binary (installed by the pip
package ``oxigraph``) and falls back to this small server, so that a plain ``pip install
gongkai`` can still serve its store to YASGUI, SPARQLWrapper, rdflib's SPARQLStore or a
notebook. Both answer GET and POST on ``/query`` with the union of all graphs as the default
graph (as ``gongkai query`` does); neither accepts updates.
"""

from __future__ import annotations

import shutil
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: next to this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def oxigraph_command(location: Path, host: str, port: int, binary: str) -> list[str]:
    """The command line of a read-only Oxigraph server on ``location``."""
    return [binary, "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
            "--union-default-graph", "--cors"]


_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def _pick(accept: str, table: dict, default: str) -> str:  # type: ignore[type-arg]
    """The first media type of an Accept header that ``table`` knows, else ``default``."""
    for item in accept.split(","):
        media = item.split(";", 1)[0].strip().lower()
        if media in table:
            return media
    return default


def make_server(location: Path, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL queries on the store at ``location`` (read-only)."""
    try:
        store = ox.Store.read_only(str(location))
    except OSError as exc:
        raise StoreError(f"{location}: cannot open store ({exc})") from None

    class Handler(BaseHTTPRequestHandler):
        server_version = "gongkai-sparql/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet by default
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/query":
                return self._send(404 if url.path != "/" else 200, "text/plain",
                                  b"gongkai read-only SPARQL endpoint: GET or POST /query\n")
            query = urllib.parse.parse_qs(url.query).get("query", [None])[0]
            self._answer(query)

        def do_POST(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/query":
                return self._send(405 if url.path in ("/update", "/store") else 404, "text/plain",
                                  b"this endpoint is read-only\n")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
            if ctype == "application/sparql-query":
                query = body.decode("utf-8")
            else:
                query = urllib.parse.parse_qs(body.decode("utf-8")).get("query", [None])[0]
            self._answer(query)

        def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight from browser clients (YASGUI)
            self._send(204, "text/plain", b"")

        def _answer(self, query: str | None) -> None:
            if not query:
                return self._send(400, "text/plain", b"missing 'query' parameter\n")
            try:
                result = store.query(query, use_default_graph_as_union=True)
            except SyntaxError as exc:
                return self._send(400, "text/plain", f"query syntax error: {exc}\n".encode())
            except OSError as exc:
                return self._send(500, "text/plain", f"query failed: {exc}\n".encode())
            accept = self.headers.get("Accept") or ""
            if isinstance(result, ox.QueryTriples):
                media = _pick(accept, _GRAPH_TYPES, "application/n-triples")
                return self._send(200, media, result.serialize(format=_GRAPH_TYPES[media]))
            media = _pick(accept, _RESULT_TYPES, "application/sparql-results+json")
            self._send(200, media, result.serialize(format=_RESULT_TYPES[media]))

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.end_headers()
            self.wfile.write(body)

    return ThreadingHTTPServer((host, port), Handler)


__all__ = ["make_server", "oxigraph_binary", "oxigraph_command"]
