"""``gongkai validate``: SHACL over the store; exit 1 on structural errors, 0 with arithmetic warnings."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import GongkaiError
from ._app import StoreTarget, app, fail, with_store_options


@app.command("validate")
@with_store_options
def validate_command(
    report: Annotated[list[str] | None, typer.Option("--report", "-r", help="Only this report (source file name; repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many lines per report and rule.")] = 20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the closing summary line.")] = False,
    target: StoreTarget = StoreTarget(),
) -> None:
    """Check the graph against ontology/shapes.ttl (pyshacl over ontology + schemes + data).

    Errors (sh:Violation) are structural problems of gongkai's own data and make the exit code 1.
    Warnings (sh:Warning) say a report's tables do not add up (the report's own error, kept as
    printed); they are listed, and the exit code stays 0.

    Example: gongkai validate --store gongkai-data/store --report 004_d0cb2f7b88585a0b.txt
    """
    from ..validate import validate_store

    graph_store = target.open(read_only=True)
    try:
        result = validate_store(graph_store, reports=report or None)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    text = result.render(limit=limit)
    typer.echo(text.splitlines()[-1] if quiet else text)
    if not result.ok:
        raise typer.Exit(1)
