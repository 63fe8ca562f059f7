"""``gongkai site``."""

from __future__ import annotations

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


@app.command("site")
def site_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the site to.", file_okay=False)],
    base_url: Annotated[str, typer.Option("--base-url", help="URL the site will be served from (for sitemap, "
                                          "canonical links, VoID); distinct from the IRIs it describes.")]
    = "http://localhost:8000/",
    sparql_url: Annotated[str | None, typer.Option("--sparql-url", help="Query URL of a `gongkai serve` endpoint "
                                                   "to link each library query to.")] = None,
    query_timeout: Annotated[float, typer.Option("--query-timeout", help="Seconds each library query may take "
                                                 "for the SPARQL page before it is left out.")] = 30.0,
    no_dump: Annotated[bool, typer.Option("--no-dump", help="Do not write the full N-Quads dump.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for report pages "
                                             "(default: all cores).")] = None,
    full: Annotated[bool, typer.Option("--full", help="Re-render every report page, even those unchanged "
                                       "since the last build into --out.")] = False,
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    auth: AuthOption = None,
) -> None:
    """Write the static linked-data site: a page per resource in zh-Hans and en, with .ttl/.jsonld/.nt beside it.

    Example: gongkai site --store gongkai-data/store --out site-out --base-url https://example.org/gongkai/
    """
    from ..site import SiteOptions, build_site

    try:
        graph_store = connect(store, endpoint, query_url, update_url, gsp_url, auth, read_only=endpoint is None)
        stats = build_site(graph_store, SiteOptions(out=out, base_url=base_url, sparql_url=sparql_url,
                                                    query_timeout=query_timeout, dump=not no_dump,
                                                    jobs=jobs, incremental=not full))
    except (GongkaiError, OSError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{stats.html_pages} pages ({stats.resources} resources, {stats.reports} reports) written to {out} "
               f"in {stats.seconds:.1f} s ({stats.bytes / 1e6:.1f} MB)")
