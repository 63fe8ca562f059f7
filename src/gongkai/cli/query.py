"""``gongkai query``."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..query import format_result, resolve_query, run_query
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


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"


@app.command("query")
def query_command(
    query: Annotated[str, typer.Argument(help="A named query from queries/, a .rq file, or SPARQL text.")],
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    auth: AuthOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
) -> None:
    """Run a SPARQL query over the graph (all report graphs as one default graph).

    Examples: gongkai query requests-by-agency-year --store gongkai-data/store
              gongkai query 'SELECT (COUNT(*) AS ?n) WHERE { ?r a gk:Report }' --format csv
    """
    try:
        graph_store = connect(store, endpoint, query_url, update_url, gsp_url, auth)
        text = resolve_query(query)
        result = run_query(graph_store, text)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    typer.echo(format_result(result, fmt.value), nl=False)
