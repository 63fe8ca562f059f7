"""``gongkai export``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ._app import (
    DEFAULT_STORE,
    AuthOption,
    EndpointOption,
    GspUrlOption,
    QueryUrlOption,
    StoreOption,
    UpdateUrlOption,
    app,
    connect,
    fail,
)


class RdfFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.", dir_okay=False)],
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="RDF serialisation.")] = RdfFormat.turtle,
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    auth: AuthOption = None,
) -> None:
    """Write the whole graph (reports, ontology and concept schemes) in one RDF format.

    TriG and N-Quads keep one named graph per report; Turtle, N-Triples and JSON-LD hold their union.

    Example: gongkai export --store gongkai-data/store --format trig --output graph.trig
    """
    try:
        graph_store = connect(store, endpoint, query_url, update_url, gsp_url, auth)
        output.parent.mkdir(parents=True, exist_ok=True)
        graph_store.export(fmt.value, output)
    except (GongkaiError, OSError) as exc:
        raise fail(str(exc)) from None
