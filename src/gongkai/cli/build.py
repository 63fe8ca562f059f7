"""``gongkai build``, ``gongkai remove`` and ``gongkai stats``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ..pipeline import BuildSummary, build, default_jobs, remove_reports
from ..rdf.vocab import DEFAULT_BASE
from ..stats import graph_stats
from ._app import StoreTarget, app, fail, with_store_options
from ._progress import Progress


@app.command("build")
@with_store_options
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (searched recursively).")],
    base: Annotated[str, typer.Option(help="Base IRI for minted resources.")] = DEFAULT_BASE,
    force: Annotated[bool, typer.Option("--force", help="Re-extract files whose content is unchanged.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove stored reports whose file is not under PATHS.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    *,
    target: StoreTarget,
) -> None:
    """Read every report under PATHS, extract its facts and store them as one graph per report.

    Re-running on the same files changes nothing (unchanged files are skipped by content hash);
    a changed file replaces its report. A file that cannot be read is named on stderr with the
    reason and the rest still load. A build killed half-way leaves no half-written report: the
    next build finishes the job.

    Example: gongkai build examples/reports --store gongkai-data/store --jobs 2
    """
    graph_store = target.open()
    progress = Progress(quiet=quiet)
    try:
        summary = build(paths, graph_store, base=base, force=force, jobs=jobs or default_jobs(), prune=prune,
                        progress=progress.file, started=progress.started)
    except GongkaiError as exc:
        progress.finish()
        raise fail(str(exc)) from None
    progress.finish()
    if not quiet:
        typer.echo(summary_text(summary, target.endpoint or target.query_url or str(target.store)), nl=False)
    if not summary.stored_any:
        raise fail("no report was loaded")


def summary_text(summary: BuildSummary, where: str) -> str:
    """The closing summary: what happened to every file, why files failed, size and time."""
    removed = summary.count("removed")
    rate = summary.seen / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"{summary.seen} files: {summary.count('loaded')} loaded, {summary.count('replaced')} replaced, "
        f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed"
        + (f", {removed} removed" if removed else "")
        + (f"; {summary.triples_in_store} triples in {where}" if summary.triples_in_store >= 0 else f"; {where} unchanged")
        + f" ({summary.seconds:.1f} s, {rate:.0f} files/s; {summary.triples_written} triples written in "
        f"{summary.store_seconds:.1f} s)"
    ]
    if summary.failed:
        lines.append("failed: " + "; ".join(f"{n} × {reason}" for reason, n in summary.failure_reasons().items()))
    if summary.recovered:
        lines.append(f"recovered: {len(summary.recovered)} half-written reports of an interrupted build were dropped "
                     "and rebuilt")
    return "\n".join(lines) + "\n"


@app.command("remove")
@with_store_options
def remove_command(
    names: Annotated[list[str], typer.Argument(help="Source names (gk:sourceName) or paths of the reports to remove.")],
    *,
    target: StoreTarget,
) -> None:
    """Remove reports from the graph (their named graphs), e.g. after their files were deleted.

    To remove every report whose file is gone, run the build with --prune instead.

    Example: gongkai remove 001_860089b39a16652d.txt --store gongkai-data/store
    """
    graph_store = target.open()
    try:
        removed, unknown = remove_reports(graph_store, names)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    for name in unknown:
        typer.echo(f"gongkai: {name}: no such report in the store", err=True)
    typer.echo(f"{len(removed)} report{'s' if len(removed) != 1 else ''} removed"
               + (": " + ", ".join(o.source_name for o in removed) if removed else ""))
    if not removed:
        raise typer.Exit(1)


@app.command("stats")
@with_store_options
def stats_command(*, target: StoreTarget) -> None:
    """Count what the graph holds: reports, agencies, metrics, initiatives, platforms, triples.

    Example: gongkai stats --store gongkai-data/store
    """
    graph_store = target.open()
    try:
        counts = graph_stats(graph_store)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    for key, value in counts.items():
        typer.echo(f"{key:12s} {value}")
