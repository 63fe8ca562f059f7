"""The whole open-data package in one folder: dumps, slices, tables, provenance, VoID, DCAT.

    graph.ttl graph.trig graph.nq graph.nt graph.jsonld   the whole graph (ontology and schemes included)
    year-2020.ttl ... agency-<key>.ttl          slices (formats and kinds configurable)
    metrics.csv  metrics.csv-metadata.json      one row per gk:Metric, CSVW column description
    metrics.parquet                             the same table, typed (when pyarrow is installed)
    provenance.ttl                              PROV-O: gongkai version, time, inputs and outputs with SHA-256
    void.ttl                                    VoID statistics, links, examples, dumps, endpoint
    catalog.ttl                                 DCAT-AP 3 catalogue of all of the above

The store is read once; the catalogue is written last so it can describe every other file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..store.base import GraphStore
from .artifacts import Artifact, kind_of
from .coverage import coverage
from .dcat import CatalogOptions, dcat_graph
from .provenance import provenance_graph
from .rdf import RDF_FORMATS, Slice, read_quads, report_graphs, slice_quads, write_quads
from .serialise import write_turtle
from .tabular import metric_rows, parquet_available, write_csv, write_csvw, write_parquet
from .void import void_graph

DESCRIBED_KINDS = frozenset({"turtle", "trig", "nquads", "ntriples", "jsonld", "csv", "csvw", "parquet"})


def now_utc() -> datetime:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def write_graph(graph: Graph, output: Path) -> None:
    """An rdflib graph through the stable Turtle writer (sorted, deterministic blank nodes)."""
    quads = list(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as fh:
        write_turtle(quads, fh)


def write_tables(store: GraphStore, folder: Path, sl: Slice = Slice(), license_url: str | None = None,
                 parquet: bool = True) -> list[Path]:
    """``metrics.csv`` (or ``<slice>.csv``), its CSVW metadata and Parquet when possible; returns the paths."""
    graphs = None if sl.whole else report_graphs(store, sl)
    rows = metric_rows(store, graphs)
    stem = "metrics" if sl.whole else f"metrics-{sl.name}"
    csv_path = folder / f"{stem}.csv"
    write_csv(rows, csv_path)
    paths = [csv_path, write_csvw(csv_path, license_url=license_url)]
    if parquet and parquet_available():
        write_parquet(rows, folder / f"{stem}.parquet")
        paths.append(folder / f"{stem}.parquet")
    return paths


def export_all(
    store: GraphStore,
    folder: Path,
    base_url: str,
    *,
    formats: Sequence[str] = tuple(RDF_FORMATS),
    slice_by: Sequence[str] = ("year",),
    slice_formats: Sequence[str] = ("turtle",),
    options: CatalogOptions | None = None,
) -> list[Artifact]:
    """Write the open-data package into ``folder``; returns the described files (catalogue excluded)."""
    started = now_utc()
    opts = options or CatalogOptions()
    opts = replace(opts, modified=started)
    folder.mkdir(parents=True, exist_ok=True)
    quads = read_quads(store)
    cov = coverage(store)
    written: list[Artifact] = []
    for fmt in formats:
        path = folder / f"graph{RDF_FORMATS[fmt][0]}"
        write_quads(quads, fmt, path)
        written.append(Artifact.of(path, folder, fmt))
    slices: list[Slice] = []
    if "year" in slice_by:
        slices += [Slice(year=y) for y in cov.years]
    if "agency" in slice_by:
        slices += [Slice(agency=a.rsplit("/", 1)[-1]) for a, _ in cov.agencies if a]
    for sl in slices:
        part = slice_quads(quads, report_graphs(store, sl))
        for fmt in slice_formats:
            path = folder / f"{sl.name}{RDF_FORMATS[fmt][0]}"
            write_quads(part, fmt, path)
            written.append(Artifact.of(path, folder, fmt, sl))
    for path in write_tables(store, folder, license_url=opts.license_url):
        written.append(Artifact.of(path, folder, kind_of(path) or "csv"))
    described = sorted(written, key=lambda a: a.relpath)
    ended = now_utc()
    write_graph(provenance_graph(store, described, base_url, started, ended), folder / "provenance.ttl")
    write_graph(void_graph(store, base_url, opts.sparql_endpoint, described), folder / "void.ttl")
    write_graph(dcat_graph(cov, described, base_url, opts), folder / "catalog.ttl")
    return described


__all__ = ["export_all", "write_tables", "write_graph", "now_utc", "DESCRIBED_KINDS"]
