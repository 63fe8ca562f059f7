"""``gongkai serve``: a real read-only SPARQL endpoint over a built store, queried with SPARQLWrapper."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from gongkai.store import open_store
from gongkai.store.server import oxigraph_binary

pytestmark = [pytest.mark.server, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen, seconds: float = 20.0) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.stderr.read() if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("server did not start")


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on ``location`` and a free loopback port; its base URL, stopped afterwards."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("oxigraph binary not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(params=["oxigraph", "python"])
def endpoint(request: pytest.FixtureRequest, built_store: Path):  # type: ignore[no-untyped-def]
    if request.param == "oxigraph" and oxigraph_binary() is None:
        pytest.skip("oxigraph binary not installed")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "serve", "--store", str(built_store), "--port", str(port),
                             "--engine", request.param], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the CLI and the oxigraph child it started
        proc.wait(timeout=20)


def test_sparqlwrapper_sees_the_same_reports_as_the_store(endpoint: str, built_store: Path) -> None:
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setQuery("""PREFIX gk: <https://w3id.org/gongkai/ontology#>
        SELECT ?name ?year WHERE { ?r a gk:Report ; gk:sourceName ?name ; gk:reportYear ?year } ORDER BY ?name""")
    got = [(b["name"]["value"], b["year"]["value"]) for b in client.queryAndConvert()["results"]["bindings"]]
    expected = open_store(str(built_store), read_only=True).select(
        "SELECT ?name ?year WHERE { ?r a gk:Report ; gk:sourceName ?name ; gk:reportYear ?year } ORDER BY ?name")
    assert len(got) == 5
    assert got == [(r["name"], r["year"]) for r in expected]


def test_ask_and_construct_over_http(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setQuery('ASK { ?r <https://w3id.org/gongkai/ontology#sourceName> "004_d0cb2f7b88585a0b.txt" }')
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery('ASK { ?r <https://w3id.org/gongkai/ontology#sourceName> "no-such-file.txt" }')
    assert client.queryAndConvert()["boolean"] is False
    client.setQuery("CONSTRUCT { ?r a <https://w3id.org/gongkai/ontology#Report> } "
                    "WHERE { ?r a <https://w3id.org/gongkai/ontology#Report> }")
    client.setReturnFormat("turtle")
    graph = client.queryAndConvert()
    text = graph if isinstance(graph, (str, bytes)) else graph.serialize(format="nt")
    text = text.decode() if isinstance(text, bytes) else text
    assert text.count("/ontology#Report") == 5


def test_stopping_serve_stops_the_server(built_store: Path) -> None:
    """SIGTERM to the process that ``gongkai serve`` started leaves nothing listening (no orphan server)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "serve", "--store", str(built_store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(port, proc)
    proc.terminate()
    proc.wait(timeout=20)
    time.sleep(0.5)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_serve_refuses_a_folder_without_a_store(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "gongkai", "serve", "--store", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "no store here" in proc.stderr
