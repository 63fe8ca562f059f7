"""Parse: ``Source`` -> ``Document`` (title, numbered sections, tables).

| module        | job                                                            |
|---------------|----------------------------------------------------------------|
| sections.py   | numbered headings 一、（一）1.（1） and the spans they govern    |
| tables.py     | pipe / markdown rows -> ``Table`` of ``Cell`` with exact offsets |
| title.py      | the report's title line                                         |
"""

from __future__ import annotations

from ..model import Document, Source
from .sections import find_sections
from .tables import find_tables
from .title import find_title


def parse(source: Source) -> Document:
    """Find the title, sections and tables of a report's normalised text."""
    title, span = find_title(source.text)
    tables = find_tables(source.text)
    return Document(
        source=source,
        title=title,
        title_span=span,
        sections=find_sections(source.text),
        tables=tuple(sorted(tables, key=lambda t: t.start)),
    )


__all__ = ["parse"]
