"""``gongkai analyze``: networkx over the graph, results written back and exported for Gephi."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..analyze import ANALYSIS_GRAPH, TOP_SIMILAR, analyze, write_back, write_gexf, write_graphml
from ..errors import GongkaiError
from ._app import StoreTarget, app, fail, with_store_options


@app.command("analyze")
@with_store_options
def analyze_command(
    target: StoreTarget = StoreTarget(),
    graphml: Annotated[Path | None, typer.Option("--graphml", help="Also write the agency–initiative network as GraphML.")] = None,
    gexf: Annotated[Path | None, typer.Option("--gexf", help="Also write the network as GEXF (Gephi).")] = None,
    write: Annotated[bool, typer.Option("--write/--no-write", help=f"Store the results in <{ANALYSIS_GRAPH}>.")] = True,
    top: Annotated[int, typer.Option("--top", help="How many central nodes and similar pairs to print.")] = 10,
    top_similar: Annotated[int, typer.Option("--top-similar", help="Similar agencies kept per agency (0: all pairs).",
                                             min=0)] = TOP_SIMILAR,
) -> None:
    """Agency–initiative network, initiative adoption over time, agency similarity and centrality.

    Examples: gongkai analyze --store gongkai-data/store --gexf network.gexf
              gongkai query agency-similarity --store gongkai-data/store
    """
    graph_store = target.open()
    try:
        result = analyze(graph_store, top_similar or None)
        written = write_back(graph_store, result) if write else 0
        if write:
            graph_store.flush()
        if graphml:
            write_graphml(result, graphml)
        if gexf:
            write_gexf(result, gexf)
    except (GongkaiError, OSError) as exc:
        raise fail(str(exc)) from None
    net = result.network
    agencies = sum(1 for _, d in net.nodes(data=True) if d["kind"] == "agency")
    typer.echo(f"network: {agencies} agencies, {net.number_of_nodes() - agencies} initiatives, "
               f"{net.number_of_edges()} links; {len(result.adoptions)} adoptions; "
               f"{len(result.similarities)} similar agency pairs")
    if result.betweenness_sample:
        typer.echo(f"betweenness estimated from {result.betweenness_sample} sampled sources (network too large for exact)")
    if result.centrality:
        typer.echo("most central (betweenness, degree):")
        for c in result.centrality[:top]:
            typer.echo(f"  {c.betweenness}  {c.degree}  {c.kind:<10}  {c.label}")
    if result.similarities:
        typer.echo("most similar agencies (Jaccard, shared initiatives, shared platforms):")
        for s in result.similarities[:top]:
            typer.echo(f"  {s.jaccard}  {s.shared_initiatives}  {s.shared_platforms}  "
                       f"{result.label(s.agency_a)} — {result.label(s.agency_b)}")
    if write:
        typer.echo(f"wrote {written} triples to <{ANALYSIS_GRAPH}>")
    for path in (graphml, gexf):
        if path:
            typer.echo(f"wrote {path}")
