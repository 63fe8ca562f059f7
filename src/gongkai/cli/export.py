"""``gongkai export``: RDF dumps and slices, metrics tables, DCAT / VoID / PROV, or all of it."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ._app import StoreTarget, app, fail, with_store_options


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"
    csv = "csv"
    parquet = "parquet"
    dcat = "dcat"
    void = "void"
    prov = "prov"
    all = "all"


RdfFormat = ExportFormat  # the name earlier versions exported

_DEFAULT_BASE_URL = "https://w3id.org/gongkai/data/"


@app.command("export")
@with_store_options
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder for --format all).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")] = ExportFormat.turtle,
    agency: Annotated[str | None, typer.Option("--agency", help="Only this agency's reports: its IRI, IRI key, "
                                                                  "name, or 6-digit division code.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only the reports covering this year.")] = None,
    base_url: Annotated[str, typer.Option("--base-url", help="URL the export folder is published at "
                                                             "(download URLs in DCAT / VoID / PROV).")] = _DEFAULT_BASE_URL,
    sparql_endpoint: Annotated[str | None, typer.Option("--sparql-endpoint", help="Public SPARQL endpoint URL, "
                                                        "described as a dcat:DataService and void:sparqlEndpoint.")] = None,
    license_url: Annotated[str, typer.Option("--license", help="Licence of the data (IRI).")] =
        "https://creativecommons.org/licenses/by/4.0/",
    publisher: Annotated[str | None, typer.Option("--publisher", help="Publisher name for DCAT.")] = None,
    contact_email: Annotated[str | None, typer.Option("--contact-email", help="Contact point e-mail for DCAT.")] = None,
    slices: Annotated[str, typer.Option("--slices", help="With --format all: slice kinds to write, "
                                                         "comma-separated: year, agency, or none.")] = "year",
    target: StoreTarget = StoreTarget(),
) -> None:
    """Write the graph, a slice of it, its metrics table, or a description of an export folder.

    \b
    turtle trig nquads ntriples jsonld   the whole graph (ontology and schemes included), or a slice
                                         (--agency / --year); stable order: same inputs, same bytes
    csv parquet                          one row per gk:Metric (+ FILE-metadata.json, CSVW)
    dcat void prov                       DCAT-AP 3 / VoID / PROV-O of the export files next to FILE
    all                                  everything into the folder OUTPUT (dumps, year slices,
                                         metrics, provenance.ttl, void.ttl, catalog.ttl)

    Examples:
      gongkai export --store gongkai-data/store --format trig --output graph.trig
      gongkai export --format turtle --year 2020 --output year-2020.ttl
      gongkai export --format all --output dist/ --base-url https://data.example.org/gongkai/
    """
    from dataclasses import replace

    from ..export import CatalogOptions, Slice, export_all, export_rdf, scan, write_graph
    from ..export.package import now_utc

    try:
        graph_store = target.open(read_only=True)
        opts = CatalogOptions(sparql_endpoint=sparql_endpoint, license_url=license_url, contact_email=contact_email)
        if publisher:
            opts = replace(opts, publisher_name=publisher)
        sl = Slice(agency=agency, year=year)
        if fmt is ExportFormat.all:
            kinds = tuple(k.strip() for k in slices.split(",") if k.strip() and k.strip() != "none")
            unknown = set(kinds) - {"year", "agency"}
            if unknown:
                raise fail(f"--slices: unknown slice kind {', '.join(sorted(unknown))} (year, agency, none)", 2)
            written = export_all(graph_store, output, base_url, slice_by=kinds, options=opts)
            typer.echo(f"wrote {len(written) + 3} files to {output}")
            return
        if output.is_dir():
            raise fail(f"{output}: is a folder (only --format all writes a folder)", 2)
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt.value in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
            export_rdf(graph_store, fmt.value, output, sl)
        elif fmt in (ExportFormat.csv, ExportFormat.parquet):
            _tables(graph_store, output, sl, fmt.value, license_url)
        else:
            from ..export.coverage import coverage

            folder = output.parent
            files = scan(folder, skip=(output.name,))
            if fmt is ExportFormat.dcat:
                from ..export.dcat import dcat_graph

                write_graph(dcat_graph(coverage(graph_store), files, base_url, replace(opts, modified=now_utc())), output)
            elif fmt is ExportFormat.void:
                from ..export.void import void_graph

                write_graph(void_graph(graph_store, base_url, sparql_endpoint, files), output)
            else:
                from ..export.provenance import provenance_graph

                t = now_utc()
                write_graph(provenance_graph(graph_store, files, base_url, t, t), output)
    except typer.Exit:
        raise
    except (GongkaiError, OSError) as exc:
        raise fail(str(exc)) from None


def _tables(graph_store, output: Path, sl, kind: str, license_url: str) -> None:  # type: ignore[no-untyped-def]
    """CSV (+ CSVW) or Parquet of the metrics, at exactly the path asked for."""
    from ..export.rdf import ExportError, report_graphs
    from ..export.tabular import metric_rows, parquet_available, write_csv, write_csvw, write_parquet

    rows = metric_rows(graph_store, None if sl.whole else report_graphs(graph_store, sl))
    if kind == "csv":
        write_csv(rows, output)
        write_csvw(output, license_url=license_url)
    else:
        if not parquet_available():
            raise ExportError("Parquet needs pyarrow: pip install pyarrow (or export --format csv)")
        write_parquet(rows, output)
