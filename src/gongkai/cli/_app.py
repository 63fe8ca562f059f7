"""The typer application object and the options every command shares.

Every command that reads or writes the graph takes the same store options and opens the
store through ``connect()``: ``--store DIR`` for the embedded Oxigraph store (default), or
``--endpoint URL`` (plus ``--query-url``/``--update-url``/``--gsp-url``/``--auth`` for
servers that are not laid out like Oxigraph's) for any SPARQL 1.1 server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..store import GraphStore, open_store

app = typer.Typer(
    name="gongkai",
    help="Turn Chinese government information-disclosure annual reports into a knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals hold report text
    add_completion=False,
)

DEFAULT_STORE = Path("gongkai-data/store")

StoreOption = Annotated[
    Path,
    typer.Option("--store", "-s", help="Directory of the embedded Oxigraph store (created if missing).",
                 file_okay=False, dir_okay=True),
]
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", help="Base URL of a SPARQL 1.1 server (Oxigraph layout: /query, /update, /store) "
                                    "to use instead of --store.", envvar="GONGKAI_ENDPOINT"),
]
QueryUrlOption = Annotated[str | None, typer.Option("--query-url", help="SPARQL query URL, if not ENDPOINT/query.")]
UpdateUrlOption = Annotated[str | None, typer.Option("--update-url", help="SPARQL update URL, if not ENDPOINT/update.")]
GspUrlOption = Annotated[str | None, typer.Option("--gsp-url", help="Graph Store Protocol URL, if not ENDPOINT/store.")]
AuthOption = Annotated[
    str | None,
    typer.Option("--auth", help="Authorization header value for the server, e.g. 'Basic dXNlcjpwYXNz'.",
                 envvar="GONGKAI_AUTH"),
]


def connect(
    store: Path,
    endpoint: str | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    auth: str | None = None,
    read_only: bool = False,
) -> GraphStore:
    """Open the store the options name; a one-line error and exit 1 if it cannot be opened."""
    try:
        if endpoint or query_url:
            from ..store import open_endpoint

            return open_endpoint(endpoint, query_url=query_url, update_url=update_url, gsp_url=gsp_url, auth=auth)
        return open_store(str(store), read_only=read_only)
    except GongkaiError as exc:
        raise fail(str(exc)) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"gongkai: {message}", err=True)
    return typer.Exit(code)
