"""Table 三 (requests received and handled): 7 applicant columns × 23 or 25 data rows.

Two layouts are read:

* a grid (pipe / markdown rows, HTML rendered as pipe rows): each row's label is matched to
  its notation and the 7 value columns are the grid's last 7 columns, so a blank cell stays
  blank and does not shift the others. A row whose numbers sit left of the value columns lost
  its cell positions in the dump (blank cells dropped): it is placed by the table's arithmetic
  only when the reading is forced (two equal numbers: one applicant column and 总计), and
  recorded as inferred; otherwise left out with a note.
* a stream (pdftotext without -layout): one number per line, rows printed row-wise (7
  single-number paragraphs) or column-wise (7 paragraphs of k numbers = k rows), labels often
  printed far from their numbers. The rows are then taken in the format's row order; that
  reading is kept only if every label printed right before its numbers agrees with it and the
  table's arithmetic holds on every row and column. Otherwise only the rows whose label is
  printed right before their numbers are kept.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Cell, Document, Table
from .table_layouts import (
    AlignedLine,
    Number,
    Paragraph,
    Placed,
    aligned_lines,
    assign_columns,
    cell_number,
    header_centres,
    is_aligned,
    label_cells,
    numeric_cells,
    paragraphs,
    row_label,
)

COLUMNS = ("T3.C.natural", "T3.C.commercial", "T3.C.research", "T3.C.publicWelfare",
           "T3.C.legalService", "T3.C.otherOrg", "T3.C.total")

_HEAD = ("T3.R1", "T3.R2", "T3.R3.1", "T3.R3.2", *(f"T3.R3.3.{i}" for i in range(1, 9)),
         *(f"T3.R3.4.{i}" for i in range(1, 4)), *(f"T3.R3.5.{i}" for i in range(1, 6)))
#: The data rows in print order: （六）其他处理 as one row (2019, and some 2021 reports) or three.
ROWS_SINGLE = (*_HEAD, "T3.R3.6", "T3.R3.7", "T3.R4")
ROWS_SPLIT = (*_HEAD, "T3.R3.6.1", "T3.R3.6.2", "T3.R3.6.3", "T3.R3.7", "T3.R4")

_INFERRED = ("placement inferred: the dump dropped the blank cells of this row; its two equal numbers "
             "can only be an applicant column and 总计 (总计 = sum of the applicant columns); "
             "the applicant column is read as the first one, 自然人")


def arithmetic_holds(grid: dict[tuple[str, str], Decimal], rows: tuple[str, ...]) -> bool:
    """Every assessable row total, column balance and outcome total of a table-三 grid holds."""
    for r in rows:
        vals = [grid.get((r, c)) for c in COLUMNS[:6]]
        tot = grid.get((r, COLUMNS[6]))
        if tot is not None and all(v is not None for v in vals) and sum(vals) != tot:  # type: ignore[arg-type]
            return False
    outcome_rows = [r for r in rows if r.startswith("T3.R3.") and r != "T3.R3.7"]
    for c in COLUMNS:
        parts = [grid.get((r, c)) for r in ("T3.R1", "T3.R2", "T3.R3.7", "T3.R4")]
        if all(p is not None for p in parts) and parts[0] + parts[1] != parts[2] + parts[3]:  # type: ignore[operator]
            return False
        outs = [grid.get((r, c)) for r in outcome_rows]
        tot = grid.get(("T3.R3.7", c))
        if tot is not None and all(v is not None for v in outs) and sum(outs) != tot:  # type: ignore[arg-type]
            return False
    return True


def _grid(placed: list[Placed]) -> dict[tuple[str, str], Decimal]:
    return {(p.indicator, p.dim): p.number.value for p in placed}


# ---------------------------------------------------------------- grid layouts


def _data_rows(tables: list[Table]) -> list[tuple[str, tuple[Cell, ...], int]]:
    """(notation, cells) for each row of the tables whose label names a table-三 data row."""
    out: list[tuple[str, tuple[Cell, ...], int]] = []
    for table in tables:
        previous = ""  # a label wrapped over two grid rows: its first part has no numbers
        for cells in table.rows:
            labels = label_cells(cells)
            for i in reversed(labels):
                hit = row_label(cells[i].text, "T3")
                if hit and hit[1] == "row":
                    out.append((hit[0], cells, i))
                    break
            else:
                if labels and numeric_cells(cells):
                    hit = row_label(previous + cells[labels[-1]].text, "T3")
                    if hit and hit[1] == "row":
                        out.append((hit[0], cells, labels[-1]))
            previous = cells[labels[-1]].text if labels and not numeric_cells(cells) else ""
    return out


def read_grid(tables: list[Table]) -> tuple[list[Placed], list[str]]:
    """Cells of table 三 printed as a grid of cells."""
    rows = _data_rows(tables)
    notes: list[str] = []
    if not rows:
        return [], notes
    width = max(len(cells) for _, cells, _ in rows)
    vstart = width - 7
    placed: list[Placed] = []
    inferred: list[Placed] = []
    seen: set[str] = set()
    for notation, cells, li in rows:
        label = cells[li]
        nums = [i for i in numeric_cells(cells) if i > li]
        if not nums:
            continue
        if notation in seen:
            notes.append(f"table 三: row {notation} printed twice; only the first is read")
            continue
        seen.add(notation)
        if vstart > li and all(i >= vstart for i in nums):
            for i in nums:
                cell = cells[i]
                placed.append(Placed(notation, COLUMNS[i - vstart], cell_number(cell.text),
                                     label.start, cell.end, "table3.grid"))
            continue
        if len(cells) - li - 1 == 7:  # a row that prints its own 7 value cells (label spans not expanded)
            for i in nums:
                cell = cells[i]
                placed.append(Placed(notation, COLUMNS[i - li - 1], cell_number(cell.text),
                                     label.start, cell.end, "table3.grid"))
            continue
        values = [cell_number(cells[i].text) for i in nums]
        if len(nums) == 7:
            for col, i in enumerate(nums):
                placed.append(Placed(notation, COLUMNS[col], values[col], label.start, cells[i].end, "table3.grid"))
        elif len(nums) == 2 and values[0].value == values[1].value and values[0].value >= 0:
            inferred.append(Placed(notation, COLUMNS[0], values[0], label.start, cells[nums[0]].end,
                                   "table3.inferred", 0.6, _INFERRED))
            inferred.append(Placed(notation, COLUMNS[6], values[1], label.start, cells[nums[1]].end,
                                   "table3.inferred", 0.9, _INFERRED))
        else:
            shown = " | ".join(cells[i].text for i in nums)
            notes.append(f"table 三: row {notation} prints {len(nums)} numbers ({shown}) without their column "
                         "positions and no placement is forced by the table's arithmetic; its cells are left out")
    return _accept_inferred(placed, inferred, notes)


def _accept_inferred(placed: list[Placed], inferred: list[Placed], notes: list[str]) -> tuple[list[Placed], list[str]]:
    """Keep cells placed by the "two equal numbers = 自然人 + 总计" reading only if the whole table still adds up."""
    if inferred:
        if arithmetic_holds(_grid(placed + inferred), ROWS_SPLIT + ("T3.R3.6",)):
            placed = placed + inferred
            notes.append("table 三: " + _INFERRED.replace("this row", "some rows")
                         + f" ({len(inferred)} cells, rule table3.inferred)")
        else:
            notes.append("table 三: rows printed without column positions were not placed: the only forced "
                         "reading breaks the table's arithmetic")
    return placed, notes


# ---------------------------------------------------------------- pdftotext streams


def _anchor(p: Paragraph | None) -> str | None:
    """The one data-row notation a label paragraph names (None if it names none or several)."""
    if p is None or p.numeric:
        return None
    found = set()
    for line in p.lines:
        hit = row_label(line.label or line.text, "T3")
        if hit and hit[1] == "row":
            found.add(hit[0])
    if not found:
        hit = row_label(p.text, "T3")
        if hit and hit[1] == "row":
            found.add(hit[0])
    return found.pop() if len(found) == 1 else None


_Row = tuple[list[tuple[Number, int, int]], str | None, int]  # values, anchor notation, anchor start


def _stream_rows(paras: list[Paragraph]) -> tuple[list[_Row], str | None]:
    """Rows of 7 numbers in print order, or an error saying why the stream cannot be cut into rows."""
    rows: list[_Row] = []
    buffer: list[tuple[Number, int, int]] = []
    anchor: tuple[str | None, int] = (None, -1)
    i = 0
    prev: Paragraph | None = None
    while i < len(paras):
        p = paras[i]
        if not p.numeric:
            if buffer:
                return rows, "a row's numbers are interrupted by text"
            prev = p
            for line in p.lines:
                if line.numbers:  # a flattened row: its label, then its numbers on one line
                    if len(line.numbers) != 7:
                        return rows, f"a labelled line prints {len(line.numbers)} numbers, not 7"
                    hit = row_label(line.label, "T3")
                    a = hit[0] if hit and hit[1] == "row" else None
                    rows.append((list(line.numbers), a, line.start if a else -1))
                    prev = None
            i += 1
            continue
        k = len(p.lines)
        strip = paras[i:i + 7]
        if (k > 1 and len(strip) == 7 and all(q.numeric and len(q.lines) == k for q in strip)
                and all(len(line.numbers) == 1 for q in strip for line in q.lines)):
            if buffer:
                return rows, "a column-wise block starts inside a row"
            for r in range(k):
                rows.append(([q.lines[r].numbers[0] for q in strip], None, -1))
            i += 7
            prev = None
            continue
        for line in p.lines:
            for num in line.numbers:
                if not buffer:
                    a = _anchor(prev)
                    anchor = (a, prev.start if prev is not None and a else -1)
                buffer.append(num)
                prev = None
                if len(buffer) == 7:
                    rows.append((buffer, anchor[0], anchor[1]))
                    buffer = []
        i += 1
    if buffer:
        return rows, f"{len(buffer)} numbers left over after the last full row"
    return rows, None


def _place_row(notation: str, values: list[tuple[Number, int, int]], start: int, rule: str,
               confidence: float, note: str) -> list[Placed]:
    return [Placed(notation, COLUMNS[c], n, start if start >= 0 else s, e, rule, confidence, note)
            for c, (n, s, e) in enumerate(values)]


# ---------------------------------------------------------------- columns aligned with spaces

_LIST_MARK = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+\s*[、.．])")
_HEADER_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_BY_POSITION = ("placed by its column position: the dump aligns the columns with spaces and this row "
                "leaves some cells blank")


def _row_of(lines: list[AlignedLine], i: int) -> str | None:
    """The data row a line of numbers belongs to, from its label cell (wrapped lines included).

    The label cell is the last text fragment before the numbers; a label wrapped inside its
    column continues on label-only lines whose fragment starts in the same column (after
    the line, or before it when the numbers are centred in the cell). The label's own line
    decides when it names a row; otherwise the wrapped readings must agree on one row.
    """
    line = lines[i]
    if not line.fragments:
        return None
    own = line.fragments[-1]

    def same_column(j: int) -> str | None:
        other = lines[j]
        if other.numbers:
            return None
        hits = [f for f in other.fragments if abs(f.column - own.column) <= 1]
        return hits[0].text if hits else None

    # every row label of the format starts with its list mark (一、 （一） 1.): a fragment that
    # starts with one begins a cell, so wrapped parts are collected up to the next mark
    after: list[str] = []
    before: list[str] = []
    for j in range(i + 1, len(lines)):
        t = same_column(j)
        if t is None or _LIST_MARK.match(t):
            break
        after.append(t)
    for j in range(i - 1, -1, -1):
        t = same_column(j)
        if t is None or _LIST_MARK.match(own.text):
            break
        before.insert(0, t)
        if _LIST_MARK.match(t):
            break
    readings = [own.text, own.text + "".join(after), "".join(before) + own.text,
                "".join(before) + own.text + "".join(after)]
    found = []
    for reading in readings:
        hit = row_label(reading, "T3")
        found.append(hit[0] if hit and hit[1] == "row" else None)
    if found[0]:
        return found[0]
    others = {f for f in found[1:] if f}
    return others.pop() if len(others) == 1 else None


def read_aligned(doc: Document, region: tuple[int, int]) -> tuple[list[Placed], list[str]] | None:
    """Cells of table 三 from a dump that aligns columns with spaces (``pdftotext -layout``), or None.

    A row printing all 7 numbers is read in order. A row printing fewer (blank cells are
    just wider gaps) is placed by the positions of its numbers: the columns' positions are
    taken from the full rows, or from the header words (自然人 … 总计) when no row is full;
    a number not clearly under one column leaves its row out.
    """
    lines = aligned_lines(doc.source.text, *region)
    if not is_aligned(lines):
        return None
    notes: list[str] = []
    rows: list[tuple[str, AlignedLine]] = []
    order = {r: k for k, r in enumerate((*_HEAD, "T3.R3.6", "T3.R3.6.1", "T3.R3.6.2", "T3.R3.6.3", "T3.R3.7", "T3.R4"))}
    for i, line in enumerate(lines):
        if not line.numbers:
            continue
        notation = _row_of(lines, i)
        if notation is None:
            if line.fragments or len(line.numbers) > 1:
                shown = " ".join(n.text for n in line.fragments)[:30]
                notes.append(f"table 三: a line of {len(line.numbers)} numbers ({shown or 'no label'}) names no row; "
                             "left out")
            continue
        if rows and order[notation] <= order[rows[-1][0]]:
            notes.append(f"table 三: row {notation} printed out of the format's order; left out")
            continue
        rows.append((notation, line))
    full = [line for _, line in rows if len(line.numbers) == 7]
    if full:
        columns = [sorted(line.centres[k] for line in full)[len(full) // 2] for k in range(7)]
    else:
        head_end = min((line.start for _, line in rows), default=region[1])
        columns = header_centres([line for line in lines if line.start < head_end], _HEADER_NAMES) or []
    placed: list[Placed] = []
    for notation, line in rows:
        label = line.fragments[-1].start if line.fragments else line.numbers[0][1]
        if len(line.numbers) == 7:
            placed += _place_row(notation, list(line.numbers), label, "table3.aligned", 1.0, "")
            continue
        cols = assign_columns(line.centres, columns) if len(columns) == 7 and len(line.numbers) < 7 else None
        values = [n.value for n, _, _ in line.numbers]
        if cols is None or (6 in cols and sum(values[:-1]) != values[-1]):
            notes.append(f"table 三: row {notation} prints {len(line.numbers)} numbers whose columns cannot be told "
                         "(or whose 总计 does not add up); its cells are left out")
            continue
        placed += [Placed(notation, COLUMNS[c], n, label, e, "table3.aligned", 0.9, _BY_POSITION)
                   for c, (n, s, e) in zip(cols, line.numbers)]
    return placed, notes


def _read_label_runs(paras: list[Paragraph]) -> tuple[list[Placed], list[str]] | None:
    """Rows printed as a label followed by its own numbers, blank cells dropped (one cell per line).

    Used only when the whole region has that shape: every run of numbers follows a label
    naming a data row, each row once. Seven numbers are read in order when their 总计 adds up; two equal numbers are
    placed as in a squeezed grid row (an applicant column and 总计, inferred, kept only if the
    table's arithmetic holds); any other count is left out with a note.
    Returns None when the region is not of this shape.
    """
    runs: list[tuple[str, int, list[tuple[Number, int, int]]]] = []
    taken = False
    for p in paras:
        if any(line.numbers and line.label for line in p.lines):
            return None  # flattened rows: read elsewhere
        if not p.numeric:
            # the label right before the numbers is the paragraph's last line (rows above it
            # print no numbers); a label wrapped over lines is the paragraph's one row
            hit = row_label(p.lines[-1].text, "T3")
            a = hit[0] if hit and hit[1] == "row" else _anchor(p)
            if a is not None:
                runs.append((a, p.lines[-1].start, []))
                taken = False
            elif runs:
                taken = True  # text that names no row: numbers after it belong to no row
            continue
        if not runs or taken:
            return None
        runs[-1][2].extend(num for line in p.lines for num in line.numbers)
    if not runs:
        return None
    if len({a for a, _, _ in runs}) != len(runs):
        return None
    placed: list[Placed] = []
    inferred: list[Placed] = []
    notes: list[str] = []
    for notation, start, vals in runs:
        if len(vals) == 7 and sum(n.value for n, _, _ in vals[:6]) == vals[6][0].value:
            # (a column strip of 7 numbers after a label would not add up as a row)
            placed += _place_row(notation, vals, start, "table3.lines", 1.0, "")
        elif len(vals) == 2 and vals[0][0].value == vals[1][0].value and vals[0][0].value >= 0:
            inferred.append(Placed(notation, COLUMNS[0], vals[0][0], start, vals[0][2], "table3.inferred", 0.6,
                                   _INFERRED))
            inferred.append(Placed(notation, COLUMNS[6], vals[1][0], start, vals[1][2], "table3.inferred", 0.9,
                                   _INFERRED))
        elif vals:
            notes.append(f"table 三: row {notation} prints {len(vals)} numbers without their column positions and "
                         "no placement is forced by the table's arithmetic; its cells are left out")
    return _accept_inferred(placed, inferred, notes)


def read_stream(doc: Document, region: tuple[int, int], fmt: str) -> tuple[list[Placed], list[str]]:
    """Cells of table 三 printed as a pdftotext stream (one cell per line), or aligned with spaces."""
    aligned = read_aligned(doc, region)
    if aligned is not None:
        return aligned
    text = doc.source.text
    paras = paragraphs(text, *region)
    rows, error = _stream_rows(paras)
    anchored = [(a, vals, s) for vals, a, s in rows if a]
    if not rows:
        by_labels = _read_label_runs(paras)
        return by_labels if by_labels is not None else ([], [])
    seq: tuple[str, ...] | None = None
    if error is None:
        if len(rows) == len(ROWS_SINGLE):
            seq = ROWS_SINGLE
        elif len(rows) == len(ROWS_SPLIT) and fmt == "std-2021":
            seq = ROWS_SPLIT
        else:
            error = f"{len(rows)} rows of 7 numbers where the format has {len(ROWS_SINGLE)} or {len(ROWS_SPLIT)}"
    if seq is not None:
        clash = [(a, seq[i]) for i, (_, a, _) in enumerate(rows) if a and a != seq[i]]
        placed: list[Placed] = []
        note = ("row placed by the format's row order (its label is printed elsewhere in the dump); "
                "every label printed beside its numbers agrees and the table's arithmetic holds")
        for i, (vals, a, s) in enumerate(rows):
            if a:
                placed += _place_row(seq[i], vals, s, "table3.lines", 1.0, "")
            else:
                placed += _place_row(seq[i], vals, -1, "table3.order", 0.9, note)
        if not clash and arithmetic_holds(_grid(placed), seq):
            return placed, []
        error = ("labels printed beside their numbers disagree with the format's row order" if clash
                 else "read in the format's row order the table's arithmetic does not hold")
    by_labels = _read_label_runs(paras)
    if by_labels is not None:
        return by_labels
    placed = []
    seen: set[str] = set()
    for a, vals, s in anchored:
        # a row read beside its label is kept only if its own total adds up (a stray number
        # in the dump would shift it)
        if a not in seen and sum(n.value for n, _, _ in vals[:6]) == vals[6][0].value:
            seen.add(a)
            placed += _place_row(a, vals, s, "table3.lines", 1.0, "")
    note = (f"table 三: the dump scatters the grid ({error}); only the {len(seen)} rows whose label is printed "
            "right before their numbers (and whose 总计 adds up) are read, the other cells are left out")
    return placed, [note]
