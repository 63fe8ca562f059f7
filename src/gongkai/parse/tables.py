"""Tables written as text: pipe rows (web dumps, ``a | b | c``) and markdown tables.

Each run of consecutive pipe lines is one ``Table``. Cells keep their exact span in the
text (stripped of surrounding spaces), and empty cells stay empty: a blank is not a zero
and must not shift the columns after it. Markdown separator rows (``|---|:--:|``) are
dropped; a markdown row's leading and trailing pipes are borders, not empty cells.
"""

from __future__ import annotations

import re

from ..model import Cell, Table

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _is_table_line(line: str) -> bool:
    return line.count("|") >= 1 and ("| " in line or " |" in line or line.strip().startswith("|"))


def split_cells(line: str, offset: int) -> tuple[Cell, ...]:
    """Split one pipe line into cells with offsets into the full text.

    >>> [c.text for c in split_cells("a | 1 || 2", 0)]
    ['a', '1', '', '2']
    """
    stripped = line.rstrip()
    markdown = stripped.lstrip().startswith("|") and stripped.endswith("|")
    parts: list[tuple[int, int]] = []  # (start, end) of the text between bars
    pos = 0
    for seg in stripped.split("|"):
        parts.append((pos, pos + len(seg)))
        pos += len(seg) + 1
    if markdown:
        parts = parts[1:]
        if parts and not stripped[parts[-1][0]:parts[-1][1]].strip():
            parts = parts[:-1]
    cells = []
    for a, b in parts:
        seg = stripped[a:b]
        lead = len(seg) - len(seg.lstrip())
        body = seg.strip()
        start = offset + a + lead
        cells.append(Cell(text=body, start=start, end=start + len(body)))
    return tuple(cells)


def find_tables(text: str) -> tuple[Table, ...]:
    """Every run of pipe lines in the text, as tables of cells."""
    tables: list[Table] = []
    rows: list[tuple[Cell, ...]] = []
    start = end = 0
    offset = 0
    markdown = False
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if _is_table_line(line):
            if _SEPARATOR.match(line):
                markdown = True
                continue
            if not rows:
                start = line_start
                markdown = markdown or line.lstrip().startswith("|")
            rows.append(split_cells(line, line_start))
            end = line_start + len(line)
            continue
        if rows:
            tables.append(Table(rows=tuple(rows), start=start, end=end, layout="markdown" if markdown else "pipe"))
            rows = []
            markdown = False
    if rows:
        tables.append(Table(rows=tuple(rows), start=start, end=end, layout="markdown" if markdown else "pipe"))
    return tuple(tables)
