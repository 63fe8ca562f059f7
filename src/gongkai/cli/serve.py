"""``gongkai serve``: the embedded store as a local read-only SPARQL endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..store.server import make_server, oxigraph_binary, oxigraph_command
from ._app import DEFAULT_STORE, StoreOption, app, fail


class Engine(str, Enum):
    auto = "auto"
    oxigraph = "oxigraph"
    python = "python"


@app.command("serve")
def serve_command(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    engine: Annotated[Engine, typer.Option(help="oxigraph: the oxigraph serve-read-only binary; python: the "
                                                "built-in server; auto: oxigraph when installed.")] = Engine.auto,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/query until Ctrl-C.

    All report graphs form the default graph, as with `gongkai query`. Stop the server before
    building into the same store.

    Example: gongkai serve --store gongkai-data/store --port 7878
    """
    if not (store / "CURRENT").is_file():
        raise fail(f"{store}: no store here (build one first with gongkai build)")
    binary = oxigraph_binary() if engine != Engine.python else None
    if engine == Engine.oxigraph and binary is None:
        raise fail("the oxigraph binary is not installed (pip install oxigraph), try --engine python")
    typer.echo(f"SPARQL endpoint: http://{host}:{port}/query (read-only; Ctrl-C to stop)", err=True)
    if binary and os.name == "posix":
        # become the server: whoever stops this process (Ctrl-C, SIGTERM, kill -9) stops the server,
        # and no orphaned server keeps the store open
        sys.stderr.flush()
        command = oxigraph_command(Path(store), host, port, binary)
        os.execv(command[0], command)
    if binary:
        proc = subprocess.Popen(oxigraph_command(Path(store), host, port, binary))
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            code = proc.wait()
        if code not in (0, -2, -15):
            raise typer.Exit(1)
        return
    try:
        server = make_server(Path(store), host, port)
    except (GongkaiError, OSError) as exc:
        raise fail(str(exc)) from None
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
