"""The typer application object and the options every command shares.

Every command that reads or writes the graph takes the same store options and opens the
store through ``connect()``: ``--store DIR`` for the embedded Oxigraph store (default), or
``--endpoint URL`` (plus ``--query-url``/``--update-url``/``--gsp-url``/``--auth`` for
servers that are not laid out like Oxigraph's) for any SPARQL 1.1 server.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

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


@dataclass(frozen=True, slots=True)
class StoreTarget:
    """Where a command's graph lives, as the shared options name it; opened on demand."""

    store: Path = DEFAULT_STORE
    endpoint: str | None = None
    query_url: str | None = None
    update_url: str | None = None
    gsp_url: str | None = None
    auth: str | None = None

    @property
    def remote(self) -> bool:
        return bool(self.endpoint or self.query_url)

    def open(self, read_only: bool = False) -> GraphStore:
        """Connect (one-line error and exit 1 on failure); ``read_only`` applies to the embedded store."""
        return connect(self.store, self.endpoint, self.query_url, self.update_url, self.gsp_url, self.auth,
                       read_only=read_only and not self.remote)


_STORE_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("store", StoreOption, DEFAULT_STORE),
    ("endpoint", EndpointOption, None),
    ("query_url", QueryUrlOption, None),
    ("update_url", UpdateUrlOption, None),
    ("gsp_url", GspUrlOption, None),
    ("auth", AuthOption, None),
)


def with_store_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the shared store options; it receives them as one ``target: StoreTarget``.

    Why a decorator: every command that touches the graph takes the same six options
    (``--store``, ``--endpoint``, ``--query-url``, ``--update-url``, ``--gsp-url``, ``--auth``).
    Declaring them once keeps their names, help and defaults identical across commands.
    Typer reads the signature set here, so ``--help`` lists them as ordinary options.
    """
    hints = typing.get_type_hints(command, include_extras=True)
    signature = inspect.signature(command)
    own = [p.replace(annotation=hints.get(p.name, p.annotation))
           for p in signature.parameters.values() if p.name != "target"]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
              for name, annotation, default in _STORE_PARAMETERS]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name, _, _ in _STORE_PARAMETERS if name in kwargs}
        return command(*args, target=StoreTarget(**values), **kwargs)

    params = own + shared
    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"gongkai: {message}", err=True)
    return typer.Exit(code)
