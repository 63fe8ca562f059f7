"""Table 二 (proactive disclosure): small sub-tables 第二十条第（一）（五）（六）（八）（九）项.

Which columns a row has depends on the row and the format version (2019: 本年新制作数量 ...
上一年项目数量/本年增/减/处理决定数量; 2021: 本年制发件数 ... 本年处理决定数量 / 本年收费金额).
In a grid the values follow the row label left to right, blanks included. In a pdftotext
stream each sub-table's numbers are taken in print order, and only when their count is exactly
what the rows printed in that sub-table have; otherwise the sub-table is left out with a note.
"""

from __future__ import annotations

import re

from ..model import Document, Table
from .table_layouts import (
    Line,
    Placed,
    aligned_lines,
    assign_columns,
    cell_number,
    label_cells,
    numeric_cells,
    paragraphs,
    row_label,
)

_C19_DOCS = ("T2.C19.newMade", "T2.C19.newPublished", "T2.C19.totalPublished")
_C19_ITEMS = ("T2.C19.prevYearItems", "T2.C19.yearChange", "T2.C19.decisions")
_C21_DOCS = ("T2.C21.made", "T2.C21.repealed", "T2.C21.valid")

#: row notation -> its value columns, per format version
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "std-2019": {
        "T2.R.regulation": _C19_DOCS,
        "T2.R.normdoc2019": _C19_DOCS,
        "T2.R.licensing": _C19_ITEMS,
        "T2.R.otherAdminService": _C19_ITEMS,
        "T2.R.punishment": _C19_ITEMS,
        "T2.R.coercion": _C19_ITEMS,
        "T2.R.fee": _C19_ITEMS[:2],
        "T2.R.centralProcurement": ("T2.C19.procurementItems", "T2.C19.procurementAmount"),
    },
    "std-2021": {
        "T2.R.regulation": _C21_DOCS,
        "T2.R.normdoc": _C21_DOCS,
        "T2.R.licensing": ("T2.C21.decisions",),
        "T2.R.punishment": ("T2.C21.decisions",),
        "T2.R.coercion": ("T2.C21.decisions",),
        "T2.R.fee": ("T2.C21.feeAmount",),
    },
}


def _row(label: str, fmt: str) -> str | None:
    """The table-二 row a label names, in the notation of the format version (None if not a row of it)."""
    hit = row_label(label, "T2")
    if not hit:
        return None
    notation = hit[0]
    if notation == "T2.R.normdoc" and fmt == "std-2019":
        notation = "T2.R.normdoc2019"
    return notation if notation in COLUMNS.get(fmt, {}) else None


def read_grid(tables: list[Table], fmt: str) -> tuple[list[Placed], list[str]]:
    """Cells of table 二 printed as grid rows: label, then the row's values left to right."""
    placed: list[Placed] = []
    notes: list[str] = []
    seen: set[str] = set()
    for table in tables:
        for cells in table.rows:
            labels = label_cells(cells)
            if not labels:
                continue
            li = labels[-1]
            notation = _row(cells[li].text, fmt)
            if notation is None or notation in seen:
                continue
            seen.add(notation)
            cols = COLUMNS[fmt][notation]
            nums = [i for i in numeric_cells(cells) if i > li]
            if len(cols) == 1 and len(nums) == 1:  # a one-column row: its number, wherever the grid put it
                placed.append(Placed(notation, cols[0], cell_number(cells[nums[0]].text),
                                     cells[li].start, cells[nums[0]].end, "table2.grid"))
                continue
            if any(i - li - 1 >= len(cols) for i in nums):
                notes.append(f"table 二: row {notation} prints more values than its {len(cols)} columns; left out")
                continue
            for i in nums:
                placed.append(Placed(notation, cols[i - li - 1], cell_number(cells[i].text),
                                     cells[li].start, cells[i].end, "table2.grid"))
    return placed, notes


_BY_POSITION = ("placed by its column position under the sub-table's header: the dump aligns the columns "
                "with spaces and leaves some cells blank")


def read_aligned(doc: Document, region: tuple[int, int], fmt: str) -> tuple[list[Placed], list[str]] | None:
    """Table 二 from a dump aligned with spaces (``pdftotext -layout``), or None for other dumps.

    A row printing all its columns is read in order; a row printing fewer is placed under the
    header words of its sub-table (the label-only line above its rows whose fragments after
    信息内容 are as many as the row's columns), or left out with a note.
    """
    lines = aligned_lines(doc.source.text, *region)
    if sum(1 for line in lines if line.numbers and line.aligned) < 2:
        return None
    placed: list[Placed] = []
    notes: list[str] = []
    header: list[float] = []
    seen: set[str] = set()
    for line in lines:
        if not line.numbers:
            if len(line.fragments) >= 2:  # a header line: 信息内容, then one fragment per column
                header = [f.column + len(f.text) / 2 for f in line.fragments[1:]]
            continue
        notation = _row(line.fragments[-1].text, fmt) if line.fragments else None
        if notation is None or notation in seen:
            continue
        seen.add(notation)
        cols = COLUMNS[fmt][notation]
        label = line.fragments[-1].start
        if len(line.numbers) == len(cols):
            placed += [Placed(notation, c, n, label, e, "table2.aligned") for c, (n, s, e) in zip(cols, line.numbers)]
            continue
        where = assign_columns(line.centres, header) if len(header) == len(cols) > 1 else None
        if where is None:
            notes.append(f"table 二: row {notation} prints {len(line.numbers)} numbers for {len(cols)} columns "
                         "whose positions cannot be told; left out")
            continue
        placed += [Placed(notation, cols[c], n, label, e, "table2.aligned", 0.9, _BY_POSITION)
                   for c, (n, s, e) in zip(where, line.numbers)]
    return placed, notes


def read_stream(doc: Document, region: tuple[int, int], fmt: str) -> tuple[list[Placed], list[str]]:
    """Cells of table 二 from a pdftotext stream, one sub-table (第二十条第…项) at a time."""
    aligned = read_aligned(doc, region, fmt)
    if aligned is not None:
        return aligned
    lines = [line for p in paragraphs(doc.source.text, *region) for line in p.lines]
    blocks: list[list[Line]] = []
    for line in lines:
        if "第二十条" in line.text or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    placed: list[Placed] = []
    notes: list[str] = []
    for block in blocks:
        rows = [r for r in (_row(line.label, fmt) for line in block if line.label) if r]
        rows = list(dict.fromkeys(rows))
        nums = [(n, s, e) for line in block for (n, s, e) in line.numbers]
        if not rows or not nums:
            continue
        order = list(COLUMNS[fmt])
        rows.sort(key=order.index)
        cells = [(r, c) for r in rows for c in COLUMNS[fmt][r]]
        if len(cells) != len(nums):
            notes.append(f"table 二: a sub-table prints {len(nums)} numbers for {len(cells)} cells "
                         f"({', '.join(rows)}); its cells are left out")
            continue
        for (r, c), (n, s, e) in zip(cells, nums):
            placed.append(Placed(r, c, n, s, e, "table2.lines"))
    return placed, notes


def amount_in_wan(text: str) -> bool:
    """Whether the 2019 采购总金额 column header says its unit is 万元 (else 元 is assumed)."""
    return bool(re.search(r"采购总金额\s*[（(]?\s*(单位\s*[:：])?\s*万元", text))
