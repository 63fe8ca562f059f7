"""``gongkai build`` and ``gongkai stats``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..pipeline import FileOutcome, build
from ..rdf.vocab import DEFAULT_BASE
from ..stats import graph_stats
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


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (searched recursively).")],
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    auth: AuthOption = None,
    base: Annotated[str, typer.Option(help="Base IRI for minted resources.")] = DEFAULT_BASE,
    force: Annotated[bool, typer.Option("--force", help="Re-extract files whose content is unchanged.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Read every report under PATHS, extract its facts and store them as one graph per report.

    Re-running on the same files changes nothing; a changed file replaces its report.
    A file that cannot be read is named on stderr with the reason and the rest still load.

    Example: gongkai build examples/reports --store gongkai-data/store
    """
    graph_store = connect(store, endpoint, query_url, update_url, gsp_url, auth)

    def on_file(outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            typer.echo(outcome.reason, err=True)

    summary = build(paths, graph_store, base=base, force=force, jobs=jobs or os.cpu_count() or 1, progress=on_file)
    if not quiet:
        typer.echo(
            f"{len(summary.outcomes)} files: {summary.count('loaded')} loaded, {summary.count('replaced')} replaced, "
            f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed; "
            f"{summary.triples_in_store} triples in {store} ({summary.seconds:.1f} s)"
        )
    if not summary.stored_any:
        raise fail("no report was loaded")


@app.command("stats")
def stats_command(
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    auth: AuthOption = None,
) -> None:
    """Count what the graph holds: reports, agencies, metrics, initiatives, platforms, triples.

    Example: gongkai stats --store gongkai-data/store
    """
    graph_store = connect(store, endpoint, query_url, update_url, gsp_url, auth)
    for key, value in graph_stats(graph_store).items():
        typer.echo(f"{key:12s} {value}")
