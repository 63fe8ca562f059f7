"""``gongkai query``: run a named query, a .rq file or inline SPARQL; ``--list`` the named ones."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..query import NamedQuery, format_query_list, format_result, list_queries, prepare, run_query
from ._app import StoreTarget, app, fail, with_store_options


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"


def _params(pairs: list[str]) -> dict[str, str]:
    """``key=value`` strings -> {key: value} (the value may itself contain '=')."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise fail(f"--param expects key=value, got '{pair}'", code=2)
        out[key.strip()] = value
    return out


@app.command("query")
@with_store_options
def query_command(
    query: Annotated[str | None, typer.Argument(help="A named query from queries/, a .rq file, or SPARQL text.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A query parameter, key=value (repeatable).")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the named queries with their parameters.")] = False,
    target: StoreTarget = StoreTarget(),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format (CONSTRUCT/DESCRIBE: Turtle).")] = OutputFormat.table,
) -> None:
    """Run a SPARQL query over the graph (all named graphs as one default graph).

    Examples: gongkai query --list
              gongkai query requests-by-agency-year --store gongkai-data/store
              gongkai query indicator-year-on-year --param indicator=H.requestsReceived --format markdown
              gongkai query 'SELECT (COUNT(*) AS ?n) WHERE { ?r a gk:Report }' --format csv
    """
    if list_:
        try:
            typer.echo(format_query_list(list_queries()), nl=False)
        except GongkaiError as exc:
            raise fail(str(exc)) from None
        return
    if not query:
        raise fail("give a query name, a .rq file or SPARQL text (gongkai query --list shows the names)", code=2)
    values = _params(param or [])
    try:
        named, text = prepare(query, values)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    graph_store = target.open()
    try:
        result = run_query(graph_store, text)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    typer.echo(format_result(result, fmt.value), nl=False)
    hint = page_hint(named, values, len(result.rows))
    if hint:
        typer.echo(hint, err=True)


def page_hint(named: NamedQuery, values: dict[str, str], rows: int) -> str:
    """A note for stderr when a paged listing filled its page: how to see the next one, or all.

    Listings of every agency answer a page at a time (see docs/queries.md); without this note a
    reader of the first 100 rows would not know there are more.
    """
    declared = {p.name: p.default for p in named.params}
    if "limit" not in declared:
        return ""
    try:
        limit = int(values.get("limit", declared["limit"]))
        offset = int(values.get("offset", declared.get("offset", "0")) or 0)
    except ValueError:
        return ""
    if rows < limit:
        return ""
    more = f"--param offset={offset + limit} for the next page, " if "offset" in declared else ""
    return f"({named.name}: a page of at most {limit}; there may be more: {more}--param limit=1000000 for everything)"
