"""The remote store against a real Oxigraph server: same graph as the embedded store, incremental, removals."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from gongkai.errors import QueryError, StoreError
from gongkai.store import open_endpoint

from .conftest import EXAMPLES, run_cli
from .test_serve import free_port, oxigraph_server

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on a fresh directory and a free port, stopped afterwards."""
    with oxigraph_server(tmp_path / "server-data") as url:
        yield url


def canonical(path: Path) -> list[str]:
    """An N-Quads file in RDFC-1.0 canonical form (blank nodes of the ontology's lists relabelled)."""
    data = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    data.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in data)


def test_same_build_through_both_backends_gives_the_same_graph(server: str, tmp_path: Path) -> None:
    remote = run_cli("build", str(EXAMPLES), "--endpoint", server, check=True)
    assert "5 loaded" in remote.stdout
    run_cli("build", str(EXAMPLES), "--store", str(tmp_path / "store"), check=True)
    run_cli("export", "--endpoint", server, "--format", "nquads", "--output", str(tmp_path / "remote.nq"), check=True)
    run_cli("export", "--store", str(tmp_path / "store"), "--format", "nquads", "--output", str(tmp_path / "local.nq"),
            check=True)
    remote_quads, local_quads = canonical(tmp_path / "remote.nq"), canonical(tmp_path / "local.nq")
    assert len(local_quads) > 1000
    assert remote_quads == local_quads
    # the same named query prints the same table through both backends
    by_server = run_cli("query", "reports-by-agency", "--endpoint", server, check=True).stdout
    by_store = run_cli("query", "reports-by-agency", "--store", str(tmp_path / "store"), check=True).stdout
    assert by_server == by_store and "靖江市行政审批局" in by_server
    stats = run_cli("stats", "--endpoint", server, check=True).stdout
    assert "reports      5" in stats


def test_remote_build_is_incremental_and_replaces_and_removes(server: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    run_cli("build", str(corpus), "--endpoint", server, check=True)
    again = run_cli("build", str(corpus), "--endpoint", server, check=True)
    assert "5 unchanged" in again.stdout
    target = corpus / "002_121fc4c901428762.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("500余条", "600余条"), encoding="utf-8")
    (corpus / "001_860089b39a16652d.txt").unlink()
    out = run_cli("build", str(corpus), "--endpoint", server, "--prune", check=True)
    assert "1 replaced" in out.stdout and "3 unchanged" in out.stdout and "1 removed" in out.stdout
    store = open_endpoint(server)
    assert sorted(store.reports()) == ["000_473bad5d154fc64b.txt", "002_121fc4c901428762.txt",
                                       "003_b820eed96e50d292.txt", "004_d0cb2f7b88585a0b.txt"]
    texts = store.select('SELECT ?t WHERE { ?r gk:sourceName "002_121fc4c901428762.txt" ; gk:sourceText ?t }')
    assert len(texts) == 1 and "600余条" in texts[0]["t"]
    removed = run_cli("remove", "004_d0cb2f7b88585a0b.txt", "--endpoint", server, check=True)
    assert "1 report removed" in removed.stdout
    assert len(store.reports()) == 3


def test_auth_header_is_sent(tmp_path: Path) -> None:
    """A tiny server that demands a header: the store sends it on every request."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            seen.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            ok = self.headers.get("Authorization") == "Bearer s3cret"
            body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"7"}}]}}'
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body) if ok else 0))
            self.end_headers()
            if ok:
                self.wfile.write(body)

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        assert open_endpoint(url, auth="Bearer s3cret").count_triples() == 7
        with pytest.raises(QueryError, match="401"):
            open_endpoint(url).count_triples()
        assert seen == ["Bearer s3cret", None]
    finally:
        httpd.shutdown()


def test_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        open_endpoint(f"http://127.0.0.1:{port}").reports()
    proc = run_cli("build", str(EXAMPLES), "--endpoint", f"http://127.0.0.1:{port}")
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "cannot reach the SPARQL server" in proc.stderr


def test_custom_urls_reach_the_same_server(server: str, tmp_path: Path) -> None:
    """--query-url/--update-url/--gsp-url (Fuseki-style layouts) name each service explicitly.

    Without the Oxigraph layout, export reads the dataset graph by graph (plain Graph Store
    Protocol GETs); the result is still the embedded store's graph.
    """
    urls = ["--query-url", f"{server}/query", "--update-url", f"{server}/update", "--gsp-url", f"{server}/store"]
    example = str(EXAMPLES / "004_d0cb2f7b88585a0b.txt")
    run_cli("build", example, *urls, check=True)
    store = open_endpoint(server)
    assert list(store.reports()) == ["004_d0cb2f7b88585a0b.txt"]
    started = time.monotonic()
    assert store.count_triples() > 100
    assert time.monotonic() - started < 5
    run_cli("export", *urls, "--format", "nquads", "--output", str(tmp_path / "remote.nq"), check=True)
    run_cli("build", example, "--store", str(tmp_path / "store"), check=True)
    run_cli("export", "--store", str(tmp_path / "store"), "--format", "nquads", "--output", str(tmp_path / "local.nq"),
            check=True)
    assert canonical(tmp_path / "remote.nq") == canonical(tmp_path / "local.nq")
