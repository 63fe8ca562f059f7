"""Extract: ``Document`` -> ``Facts``. Deterministic rules, each fact with its ``Evidence``.

| module       | job                                                                 |
|--------------|---------------------------------------------------------------------|
| report.py    | year covered, publication date, format version                      |
| agency.py    | the reporting body's name and aliases                               |
| regions.py   | place names -> GB/T 2260 codes, year-aware                          |
| tables.py    | standard tables 二/三/四 -> one ``Metric`` per filled cell            |
| numbers.py   | numbers stated in prose -> headline ``H.*`` and other indicators     |
| mentions.py  | initiatives and platforms, from lexicons in ``data/``               |
| checks.py    | the tables' own arithmetic (勾稽关系), recorded, never "fixed"        |
"""

from __future__ import annotations

from ..errors import NotAReportError
from ..model import Document, Facts
from .agency import extract_agency
from .report import extract_report

_REPORT_WORDS = ("信息公开", "政务公开", "公开工作", "依申请公开", "主动公开")


def is_report(doc: Document) -> bool:
    """A disclosure report talks about 信息公开 more than once; anything else is not ours to read."""
    text = doc.source.text
    return sum(text.count(w) for w in _REPORT_WORDS) >= 2


def extract(doc: Document) -> Facts:
    """All facts of one report.

    :raises NotAReportError: the text is not a government information disclosure report.
    """
    if not is_report(doc):
        raise NotAReportError(doc.source.path, "not a disclosure report (no 信息公开/政务公开 wording found)")
    from . import checks, mentions, numbers, tables

    report = extract_report(doc)
    agency = extract_agency(doc, report.year)
    table_metrics, table_notes = tables.extract_tables(doc, report.format)
    text_metrics = numbers.extract_numbers(doc, report.format, table_metrics)
    return Facts(
        source=doc.source,
        report=report,
        agency=agency,
        metrics=tuple(table_metrics) + tuple(text_metrics),
        mentions=tuple(mentions.extract_mentions(doc)),
        checks=tuple(checks.check_tables(table_metrics, report.format)),
        sections=doc.sections,
        notes=tuple(table_notes),
    )


__all__ = ["extract", "is_report"]
