"""Standard tables 二/三/四 -> one ``Metric`` per filled cell, plus the headlines they imply.

| module            | job                                                               |
|-------------------|-------------------------------------------------------------------|
| table_layouts.py  | row labels (``table_rows.tsv``), numbers, section regions, dumps   |
| table2.py         | table 二: 第二十条 sub-tables, columns by format version             |
| table3.py         | table 三: requests, 7 applicant columns, grid or pdftotext stream  |
| table4.py         | table 四: reviews and lawsuits, one row of 15 numbers              |
| derive.py         | ``H.*`` headlines from filled cells                               |

A table printed as a grid (pipe, markdown, HTML) is read from its cells; a table with no grid
in its section (pdftotext dumps) is read from the stream of lines. Cells that cannot be placed
with certainty are left out and the notes say why.
"""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from ..model import Document, Evidence, Metric, Table
from . import table2, table3, table4
from .derive import derive_headlines
from .table_layouts import Placed, regions

_STANDARD = ("std-2019", "std-2021")


def _in(table: Table, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= table.start < span[1]


def _value(p: Placed, wan: bool) -> tuple[Decimal, str]:
    """The cell's value normalised (万/亿 applied, amounts in CNY) and its unit."""
    n = p.number
    if p.dim == "T2.C21.feeAmount":  # the column is in 万元
        value, unit = n.value * (n.multiplier if n.multiplier > 1 else 10**4), "CNY"
    elif p.dim == "T2.C19.procurementAmount":  # no unit in the format: the cell or header says
        value, unit = n.value * (n.multiplier if n.multiplier > 1 else 10**4 if wan else 1), "CNY"
    else:
        value, unit = n.value * n.multiplier, "count"
    if value == value.to_integral_value():
        value = Decimal(int(value))
    return value, unit


def _metric(p: Placed, doc: Document, wan: bool) -> Metric:
    text = doc.source.text
    pages = doc.source.pages
    page = bisect_right(pages, p.start) if pages else None
    value, unit = _value(p, wan)
    evidence = Evidence(start=p.start, end=p.end, exact=text[p.start:p.end], rule=p.rule, page=page,
                        confidence=p.confidence, note=p.note)
    return Metric(indicator=p.indicator, dims=(p.dim,), value=value, unit=unit, evidence=evidence)


def extract_tables(doc: Document, fmt: str) -> tuple[list[Metric], list[str]]:
    """Metrics for every filled cell of the standard tables, and notes on what could not be placed."""
    if fmt not in _STANDARD:
        return [], []
    text = doc.source.text
    spans = regions(text)
    placed: list[Placed] = []
    notes: list[str] = []
    t2_span = spans.get("T2")
    wan = table2.amount_in_wan(text[t2_span[0]:t2_span[1]] if t2_span else text)
    for key, grid_reader, stream_reader in (
        ("T2", lambda ts: table2.read_grid(ts, fmt), lambda r: table2.read_stream(doc, r, fmt)),
        ("T3", table3.read_grid, lambda r: table3.read_stream(doc, r, fmt)),
        ("T4", table4.read_grid, lambda r: table4.read_stream(doc, r)),
    ):
        span = spans.get(key)
        if span is None:
            # without its section, a grid is still told by its row labels (tables 二 and 三); the
            # label-less row of table 四 is not, nor is a stream
            found, why = grid_reader(list(doc.tables)) if key != "T4" and doc.tables else ([], [])
            if not found:
                why = why + [f"table {'二三四'[int(key[1]) - 2]}: its section heading was not found; not read"]
            placed += found
            notes += why
            continue
        tables = [t for t in doc.tables if _in(t, span)]
        found, why = grid_reader(tables) if tables else ([], [])
        if not found:
            found, why2 = stream_reader(span)
            why = why + why2
        placed += found
        notes += why
    metrics: list[Metric] = []
    seen: set[tuple[str, str]] = set()
    for p in placed:
        if (p.indicator, p.dim) not in seen:
            seen.add((p.indicator, p.dim))
            metrics.append(_metric(p, doc, wan))
    return metrics + derive_headlines(metrics, text), notes
