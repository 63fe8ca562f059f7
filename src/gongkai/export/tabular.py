"""Tidy tables of the metrics: CSV (always), Parquet (when pyarrow is installed), CSVW metadata.

One row per ``gk:Metric``: what an analyst loads into pandas or a spreadsheet without
knowing RDF. The rows are read with one SPARQL SELECT over the union of graphs, so labels
come from the ontology's concept schemes when they are loaded (OPTIONAL: a store without
them still exports, with the notation only). The column set is fixed and described once,
in ``COLUMNS``, which writes both the CSVW metadata and the table in ``docs/export.md``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..rdf.vocab import GK, SCHEME
from ..store.base import GraphStore


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the metrics table: its name, CSVW datatype, RDF property and meaning."""

    name: str
    datatype: str  # CSVW / XSD built-in datatype name
    property: str  # the RDF property the value is read with (documentation; CSVW maps report and value)
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("metric", "anyURI", "@id", "IRI of the gk:Metric"),
    Column("report", "anyURI", GK + "reportedIn", "IRI of the gk:Report (its named graph)"),
    Column("source_file", "string", GK + "sourceName", "base name of the input report file"),
    Column("agency", "anyURI", GK + "publishedBy", "IRI of the publishing gk:Agency"),
    Column("agency_name", "string", "http://www.w3.org/2004/02/skos/core#prefLabel", "agency name (zh)"),
    Column("division_code", "string", GK + "divisionCode", "6-digit GB/T 2260 code of the agency's jurisdiction"),
    Column("region_name", "string", "http://www.w3.org/2004/02/skos/core#prefLabel", "name of that jurisdiction (zh)"),
    Column("year", "gYear", GK + "reportYear", "year the report covers"),
    Column("format", "string", "http://purl.org/dc/terms/conformsTo", "report format notation: free-text, std-2019, std-2021"),
    Column("indicator", "string", GK + "indicator", "indicator notation (T3.R1, H.requestsReceived, ...)"),
    Column("indicator_zh", "string", "http://www.w3.org/2004/02/skos/core#prefLabel", "indicator label (zh), from the scheme"),
    Column("indicator_en", "string", "http://www.w3.org/2004/02/skos/core#prefLabel", "indicator label (en), from the scheme"),
    Column("dimensions", "string", GK + "dimension", "dimension notations, sorted, separated by ';' (empty: none)"),
    Column("dimensions_zh", "string", "http://www.w3.org/2004/02/skos/core#prefLabel", "dimension labels (zh), same order"),
    Column("value", "decimal", GK + "value", "the normalised number (9.6万元 -> 96000)"),
    Column("unit", "string", GK + "unit", "unit notation: count, CNY, percent, ..."),
    Column("stated_in_words", "boolean", GK + "statedInWords", "true when the number was written in words"),
    Column("evidence_quote", "string", "http://www.w3.org/ns/oa#exact", "the exact text the number was read from"),
    Column("evidence_start", "nonNegativeInteger", "http://www.w3.org/ns/oa#start", "start offset (code points) in gk:sourceText"),
    Column("evidence_end", "nonNegativeInteger", "http://www.w3.org/ns/oa#end", "end offset (code points) in gk:sourceText"),
    Column("extraction_rule", "string", GK + "extractionRule", "the rule that read the number"),
    Column("confidence", "decimal", GK + "confidence", "the rule's confidence (empty: 1)"),
    Column("page", "positiveInteger", GK + "page", "page number, for paged sources"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

_QUERY = """
SELECT ?m ?r ?src ?a ?aname ?code ?rname ?y ?fmt ?fmtn ?ind ?indn ?indzh ?inden ?dim ?dimn ?dimzh
       ?value ?unit ?unitn ?words ?quote ?start ?end ?rule ?conf ?page WHERE {
  ?m a gk:Metric ; gk:reportedIn ?r ; gk:value ?value .
  OPTIONAL { ?r gk:sourceName ?src }
  OPTIONAL { ?r gk:reportYear ?y }
  OPTIONAL { ?r dct:conformsTo ?fmt OPTIONAL { ?fmt skos:notation ?fmtn } }
  OPTIONAL { ?r gk:publishedBy ?a
    OPTIONAL { ?a skos:prefLabel ?aname FILTER(langMatches(lang(?aname), "zh")) }
    OPTIONAL { ?a gk:region ?reg . ?reg gk:divisionCode ?code
      OPTIONAL { ?reg skos:prefLabel ?rname FILTER(langMatches(lang(?rname), "zh")) } } }
  OPTIONAL { ?m gk:indicator ?ind
    OPTIONAL { ?ind skos:notation ?indn }
    OPTIONAL { ?ind skos:prefLabel ?indzh FILTER(langMatches(lang(?indzh), "zh")) }
    OPTIONAL { ?ind skos:prefLabel ?inden FILTER(langMatches(lang(?inden), "en")) } }
  OPTIONAL { ?m gk:dimension ?dim
    OPTIONAL { ?dim skos:notation ?dimn }
    OPTIONAL { ?dim skos:prefLabel ?dimzh FILTER(langMatches(lang(?dimzh), "zh")) } }
  OPTIONAL { ?m gk:unit ?unit OPTIONAL { ?unit skos:notation ?unitn } }
  OPTIONAL { ?m gk:statedInWords ?words }
  OPTIONAL { ?m prov:wasDerivedFrom ?ev .
    OPTIONAL { ?ev oa:hasSelector ?qs . ?qs a oa:TextQuoteSelector ; oa:exact ?quote }
    OPTIONAL { ?ev oa:hasSelector ?ps . ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
    OPTIONAL { ?ev gk:extractionRule ?rule }
    OPTIONAL { ?ev gk:confidence ?conf }
    OPTIONAL { ?ev gk:page ?page } }
}
"""


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One row of the metrics table (field order = ``COLUMNS``)."""

    metric: str
    report: str
    source_file: str
    agency: str
    agency_name: str
    division_code: str
    region_name: str
    year: str
    format: str
    indicator: str
    indicator_zh: str
    indicator_en: str
    dimensions: str
    dimensions_zh: str
    value: str
    unit: str
    stated_in_words: str
    evidence_quote: str
    evidence_start: str
    evidence_end: str
    extraction_rule: str
    confidence: str
    page: str

    def values(self) -> tuple[str, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


def _notation(iri: str | None, notation: str | None) -> str:
    """The concept's skos:notation, or the last part of its scheme IRI when the schemes are not loaded."""
    if notation:
        return notation
    if iri and iri.startswith(SCHEME):
        return iri[len(SCHEME):].split("/", 1)[-1]
    return iri or ""


def _first(values: set[str]) -> str:
    """One value, chosen the same way every time (several labels for one language are rare)."""
    return min(values) if values else ""


def metric_rows(store: GraphStore, report_graphs: list[str] | None = None) -> list[MetricRow]:
    """Every gk:Metric of the store (or of ``report_graphs``) as a row, sorted by agency, year, file, indicator."""
    keep = set(report_graphs) if report_graphs is not None else None
    acc: dict[str, dict[str, set[str]]] = {}
    dims: dict[str, dict[str, tuple[set[str], set[str]]]] = {}
    for row in store.select(_QUERY):
        m = row["m"]
        if keep is not None and row["r"] not in keep:
            continue
        slot = acc.setdefault(m, {})
        for name, value in row.items():
            if value is not None:
                slot.setdefault(name, set()).add(value)
        if row["dim"] is not None:
            d = dims.setdefault(m, {}).setdefault(row["dim"], (set(), set()))
            if row["dimn"]:
                d[0].add(row["dimn"])
            if row["dimzh"]:
                d[1].add(row["dimzh"])
    out = []
    for m, v in acc.items():
        g = lambda k: _first(v.get(k, set()))  # noqa: E731 - local shorthand
        dim_items = sorted((_notation(iri, _first(n)), _first(zh)) for iri, (n, zh) in dims.get(m, {}).items())
        out.append(MetricRow(
            metric=m, report=g("r"), source_file=g("src"), agency=g("a"), agency_name=g("aname"),
            division_code=g("code"), region_name=g("rname"), year=g("y")[:4] if g("y") else "",
            format=_notation(g("fmt") or None, g("fmtn") or None),
            indicator=_notation(g("ind") or None, g("indn") or None), indicator_zh=g("indzh"), indicator_en=g("inden"),
            dimensions=";".join(n for n, _ in dim_items), dimensions_zh=";".join(z for _, z in dim_items),
            value=g("value"), unit=_notation(g("unit") or None, g("unitn") or None), stated_in_words=g("words"),
            evidence_quote=g("quote"), evidence_start=g("start"), evidence_end=g("end"),
            extraction_rule=g("rule"), confidence=g("conf"), page=g("page"),
        ))
    out.sort(key=lambda r: (r.agency_name, r.agency, r.year, r.source_file, r.indicator, r.dimensions, r.metric))
    return out


def write_csv(rows: list[MetricRow], output: Path) -> int:
    """RFC 4180 CSV, UTF-8 without BOM, header = ``COLUMN_NAMES``; returns the number of data rows."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(COLUMN_NAMES)
        w.writerows(r.values() for r in rows)
    return len(rows)


def csvw_metadata(csv_name: str, title: str = "gongkai metrics", license_url: str | None = None) -> dict[str, object]:
    """A CSV on the Web (W3C CSVW) description of the metrics CSV called ``csv_name``."""
    cols = []
    for c in COLUMNS:
        col: dict[str, object] = {"name": c.name, "titles": c.name, "datatype": c.datatype,
                                  "dc:description": c.description}
        if c.name == "metric":
            col["suppressOutput"] = True
        elif c.name == "report":
            col["propertyUrl"] = c.property
            col["valueUrl"] = "{+report}"
        elif c.name == "value":
            col["propertyUrl"] = c.property
        # other columns keep CSVW's default property ({#name}): they describe the metric's context
        cols.append(col)
    doc: dict[str, object] = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_name,
        "dc:title": title,
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": cols, "primaryKey": "metric", "aboutUrl": "{+metric}"},
    }
    if license_url:
        doc["dc:license"] = {"@id": license_url}
    return doc


def write_csvw(output_csv: Path, title: str = "gongkai metrics", license_url: str | None = None) -> Path:
    """Write ``<csv>-metadata.json`` next to the CSV (the name CSVW processors look for)."""
    meta = output_csv.with_name(output_csv.name + "-metadata.json")
    meta.write_text(json.dumps(csvw_metadata(output_csv.name, title, license_url), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return meta


def parquet_available() -> bool:
    """True when pyarrow is installed (Parquet is optional)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(rows: list[MetricRow], output: Path) -> int:
    """The same table as Parquet with typed columns (value as a decimal, offsets as integers).

    :raises ImportError: pyarrow is not installed.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    def dec(text: str) -> Decimal | None:
        try:
            return Decimal(text) if text else None
        except InvalidOperation:
            return None

    values = [dec(r.value) for r in rows]
    scale = max([max(0, -v.as_tuple().exponent) for v in values if v is not None] + [0])  # type: ignore[operator]
    scale = min(scale, 10)
    integer = lambda s: int(s) if s else None  # noqa: E731
    columns: dict[str, object] = {}
    types: dict[str, object] = {}
    for c in COLUMNS:
        raw = [getattr(r, c.name) for r in rows]
        if c.name == "value":
            columns[c.name] = [v.quantize(Decimal(1).scaleb(-scale)) if v is not None else None for v in values]
            types[c.name] = pa.decimal128(38, scale)
        elif c.datatype in ("nonNegativeInteger", "positiveInteger") or c.name == "year":
            columns[c.name] = [integer(x) for x in raw]
            types[c.name] = pa.int64()
        elif c.name == "confidence":
            columns[c.name] = [float(x) if x else None for x in raw]
            types[c.name] = pa.float64()
        elif c.datatype == "boolean":
            columns[c.name] = [x == "true" if x else None for x in raw]
            types[c.name] = pa.bool_()
        else:
            columns[c.name] = [x or None for x in raw]
            types[c.name] = pa.string()
    table = pa.table({k: pa.array(v, type=types[k]) for k, v in columns.items()})
    output.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(output))
    return len(rows)


__all__ = ["COLUMNS", "COLUMN_NAMES", "MetricRow", "metric_rows", "write_csv", "write_csvw", "csvw_metadata",
           "write_parquet", "parquet_available"]
