"""What was read from one report file, for a person: ``gongkai inspect FILE``.

It runs the same read -> parse -> extract stages as ``build`` (nothing is stored) and lays out
the result so that a user can see why a number is, or is not, in the graph: the report fields
and the agency with their evidence, the sections tree, every table as a grid, each metric and
mention next to the text it was read from, the tables' arithmetic checks, and the notes where a
rule declined to decide.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Document, Evidence, Facts, Metric, Table


@dataclass(frozen=True, slots=True)
class Inspection:
    """A report as the pipeline read it, plus the text rules' own notes."""

    path: str
    document: Document
    facts: Facts
    text_notes: tuple[str, ...]


def inspect_file(path: str | Path) -> Inspection:
    """Read, parse and extract one file.

    :raises ReadError: the file cannot be read or is not a report.
    """
    from .extract import extract
    from .extract.numbers import extract_numbers_with_notes
    from .extract.tables import extract_tables
    from .parse import parse
    from .read import read

    doc = parse(read(path))  # PDF and Word tables are already pipe rows in the text
    facts = extract(doc)
    table_metrics, _ = extract_tables(doc, facts.report.format)
    _, notes = extract_numbers_with_notes(doc, facts.report.format, list(table_metrics))
    return Inspection(str(path), doc, facts, tuple(notes))


# -- plain text ---------------------------------------------------------------------------------

def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _fit(s: str, width: int) -> str:
    """``s`` cut to ``width`` terminal columns and padded to exactly that width."""
    out, w = "", 0
    for ch in s:
        cw = _width(ch)
        if w + cw > width:
            out = out[:-1] + "…" if out else ""
            w = _width(out)
            break
        out += ch
        w += cw
    return out + " " * (width - w)


def _one_line(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _ev(e: Evidence | None) -> str:
    if e is None:
        return "(no evidence)"
    page = f" p.{e.page}" if e.page else ""
    note = f" — {e.note}" if e.note else ""
    return f"«{_one_line(e.exact)}» [{e.start}:{e.end}]{page} {e.rule}{note}"


def grid(table: Table, max_cell: int = 14, max_cols: int = 9) -> list[str]:
    """A table as aligned rows of cells (wide characters count two columns)."""
    rows = [[" ".join(c.text.split()) for c in row] for row in table.rows]
    if not rows:
        return []
    ncols = min(max(len(r) for r in rows), max_cols)
    widths = [min(max_cell, max((_width(r[i]) for r in rows if i < len(r)), default=1)) or 1 for i in range(ncols)]
    out = []
    for r in rows:
        cells = [_fit(r[i] if i < len(r) else "", widths[i]) for i in range(ncols)]
        more = " …" if len(r) > ncols else ""
        out.append("│ " + " │ ".join(cells) + " │" + more)
    return out


def metric_grids(metrics: tuple[Metric, ...]) -> list[str]:
    """The standard tables as the extractor read them: one grid per table (T2/T3/T4), rows x dimensions.

    A blank stays blank: a cell that gave no metric is shown empty, never as 0.
    """
    out: list[str] = []
    for table in ("T2", "T3", "T4"):
        cells = [m for m in metrics if m.indicator.startswith(table + ".") and m.dims]
        if not cells:
            continue
        rows = list(dict.fromkeys(m.indicator for m in cells))
        cols = list(dict.fromkeys(m.dims[0] for m in cells))
        value = {(m.indicator, m.dims[0]): str(m.value) for m in cells}
        head = [c.split(".")[-1] for c in cols]
        rw = max(_width(r) for r in rows)
        cw = [max(6, min(14, _width(h))) for h in head]
        out.append(f"  {table}: {len(cells)} cells")
        out.append("    " + _fit("", rw) + " │ " + " │ ".join(_fit(h, w) for h, w in zip(head, cw)))
        for r in rows:
            vals = [value.get((r, c), "") for c in cols]
            out.append("    " + _fit(r, rw) + " │ " + " │ ".join(_fit(v.rjust(w), w) for v, w in zip(vals, cw)))
    return out


def _metric_line(m: Metric) -> str:
    dims = " × " + " × ".join(m.dims) if m.dims else ""
    words = " (stated in words)" if m.stated_in_words else ""
    derived = f" = {' + '.join(m.derived_from)}" if m.derived_from else ""
    return f"  {m.indicator}{dims} = {m.value} {m.unit}{words}{derived}\n      {_ev(m.evidence)}"


def render_text(ins: Inspection) -> str:
    """The inspection as plain text for a terminal."""
    f, doc = ins.facts, ins.document
    r, a = f.report, f.agency
    lines = [f"{ins.path}", f"  {len(doc.source.text)} characters, {doc.source.encoding}, {doc.source.media_type}", ""]
    lines += ["REPORT",
              f"  title   {r.title or '(none found)'}",
              f"  format  {r.format}",
              f"  year    {r.year if r.year is not None else '(unknown)'}   {_ev(r.year_evidence) if r.year_evidence else ''}",
              f"  issued  {r.issued or '(not stated)'}   {_ev(r.issued_evidence) if r.issued_evidence else ''}",
              "", "AGENCY",
              f"  name    {a.name}   {_ev(a.evidence)}",
              f"  aliases {', '.join(a.aliases) or '-'}",
              f"  region  {a.division_code or '-'} {a.division_name or ''} ({a.level or '-'}), parent {a.parent_code or '-'}"
              f", status {a.status}", ""]
    lines.append(f"SECTIONS ({len(doc.sections)})")
    for s in doc.sections:
        lines.append(f"  {'  ' * (s.level - 1)}{s.number} {s.title}  [{s.start}:{s.end}]")
    lines.append("")
    lines.append(f"TABLES ({len(doc.tables)})")
    for i, t in enumerate(doc.tables, 1):
        page = f", page {t.page}" if t.page else ""
        lines.append(f"  table {i}: {len(t.rows)} rows, {t.layout} layout, [{t.start}:{t.end}]{page}")
        lines += ["    " + g for g in grid(t)]
    lines.append("")
    lines.append("CELLS READ FROM THE STANDARD TABLES")
    lines += metric_grids(f.metrics) or ["  (none)"]
    lines.append("")
    table_m = [m for m in f.metrics if not m.evidence.rule.startswith("text.")]
    text_m = [m for m in f.metrics if m.evidence.rule.startswith("text.")]
    lines.append(f"METRICS FROM TABLES ({len(table_m)})")
    lines += [_metric_line(m) for m in table_m]
    lines.append("")
    lines.append(f"METRICS FROM TEXT ({len(text_m)})")
    lines += [_metric_line(m) for m in text_m]
    lines.append("")
    lines.append(f"MENTIONS ({len(f.mentions)})")
    for x in f.mentions:
        extra = " ".join(v for v in (x.platform_type or "", x.url or "", x.phone or "") if v)
        lines.append(f"  {x.kind} {x.label} {extra}\n      {_ev(x.evidence)}")
    lines.append("")
    lines.append(f"CHECKS ({len(f.checks)})")
    for c in f.checks:
        sides = f" expected {c.expected} found {c.found}" if c.expected is not None or c.found is not None else ""
        lines.append(f"  {c.status:15s} {c.rule} {c.scope}{sides} {c.message}".rstrip())
    notes = list(f.notes) + list(ins.text_notes)
    lines.append("")
    lines.append(f"NOTES ({len(notes)})")
    lines += [f"  - {n}" for n in notes]
    return "\n".join(lines) + "\n"


# -- JSON ---------------------------------------------------------------------------------------

def _ev_json(e: Evidence | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"start": e.start, "end": e.end, "exact": e.exact, "rule": e.rule, "page": e.page,
            "confidence": e.confidence, "note": e.note}


def to_json(ins: Inspection) -> dict[str, Any]:
    """The inspection as plain JSON-ready data (Decimal values as strings, so nothing is rounded)."""
    f, doc = ins.facts, ins.document
    r, a = f.report, f.agency
    return {
        "path": ins.path,
        "source": {"name": doc.source.name, "sha256": doc.source.sha256, "encoding": doc.source.encoding,
                   "media_type": doc.source.media_type, "characters": len(doc.source.text)},
        "report": {"title": r.title, "format": r.format, "year": r.year, "issued": r.issued,
                   "year_evidence": _ev_json(r.year_evidence), "issued_evidence": _ev_json(r.issued_evidence)},
        "agency": {"name": a.name, "aliases": list(a.aliases), "division_code": a.division_code,
                   "division_name": a.division_name, "level": a.level, "parent_code": a.parent_code,
                   "status": a.status, "evidence": _ev_json(a.evidence)},
        "sections": [{"number": s.number, "level": s.level, "title": s.title, "start": s.start, "end": s.end}
                     for s in doc.sections],
        "tables": [{"layout": t.layout, "start": t.start, "end": t.end, "page": t.page,
                    "rows": [[c.text for c in row] for row in t.rows]} for t in doc.tables],
        "metrics": [{"indicator": m.indicator, "dims": list(m.dims), "value": str(m.value), "unit": m.unit,
                     "stated_in_words": m.stated_in_words, "derived_from": list(m.derived_from),
                     "evidence": _ev_json(m.evidence)} for m in f.metrics],
        "mentions": [{"kind": x.kind, "label": x.label, "platform_type": x.platform_type, "url": x.url,
                      "phone": x.phone, "category": x.category, "evidence": _ev_json(x.evidence)} for x in f.mentions],
        "checks": [{"rule": c.rule, "scope": c.scope, "status": c.status,
                    "expected": None if c.expected is None else str(c.expected),
                    "found": None if c.found is None else str(c.found), "message": c.message} for c in f.checks],
        "notes": list(f.notes) + list(ins.text_notes),
    }
