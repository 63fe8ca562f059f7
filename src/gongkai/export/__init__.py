"""Open-data export: stable RDF dumps and slices, tidy tables, provenance, VoID and DCAT-AP 3.

| module         | job                                                                       |
|----------------|---------------------------------------------------------------------------|
| serialise.py   | byte-stable Turtle / TriG / N-Triples / N-Quads / JSON-LD writers          |
| canonical.py   | deterministic blank-node labels                                           |
| rdf.py         | read the store, slice it by agency / year, write one RDF file              |
| tabular.py     | metrics as CSV (+ CSVW metadata) and Parquet, one row per gk:Metric         |
| coverage.py    | years, agencies and jurisdictions a store or slice covers                  |
| artifacts.py   | the written files: kind, slice, size, SHA-256                              |
| provenance.py  | PROV-O graph of an export                                                  |
| void.py        | VoID description of the graph                                              |
| dcat.py        | DCAT-AP 3 catalogue of the export files (+ SHACL validation helper)        |
| package.py     | everything above into one folder                                           |

The functions the static site calls are ``dcat_graph``, ``void_graph`` and ``provenance_graph``;
each returns an ``rdflib.Graph`` (see docs/export.md).
"""

from .artifacts import Artifact, scan
from .dcat import CatalogOptions, dcat_graph
from .package import export_all, write_graph, write_tables
from .provenance import provenance_graph
from .rdf import RDF_FORMATS, ExportError, Slice, export_rdf
from .tabular import COLUMNS, metric_rows
from .void import void_graph

__all__ = ["Artifact", "scan", "CatalogOptions", "dcat_graph", "export_all", "write_graph", "write_tables",
           "provenance_graph", "RDF_FORMATS", "ExportError", "Slice", "export_rdf", "COLUMNS", "metric_rows",
           "void_graph"]
