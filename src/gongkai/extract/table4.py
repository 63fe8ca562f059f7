"""Table 四 (reviews and lawsuits): one printed row of 15 numbers, 3 proceedings × 5 outcomes.

The row carries no labels: the numbers are placed by position (行政复议, then 未经复议直接起诉,
then 复议后起诉; each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计). In a grid the position is the
cell's column (a blank cell stays blank). In a pdftotext stream the numbers come in runs
separated by header words; when the runs, read in print order, break the table's arithmetic,
every other order of the runs is tried: a single consistent reading is kept as inferred,
several consistent readings mean the dump cannot tell the proceedings apart (left out, noted),
and none means the table itself does not add up (read as printed, noted).
"""

from __future__ import annotations

import re
from itertools import permutations

from ..model import Document, Table
from .table_layouts import (
    Number,
    Placed,
    aligned_lines,
    assign_columns,
    cell_number,
    label_cells,
    numeric_cells,
    paragraphs,
)

PROCEEDINGS = ("T4.P.review", "T4.P.litDirect", "T4.P.litAfterReview")
OUTCOMES = ("T4.O.maintained", "T4.O.corrected", "T4.O.other", "T4.O.pending", "T4.O.total")

_MAX_RUNS = 7  # 7! orders at most


def _adds_up(values: list[Number]) -> bool:
    """Each proceeding's 总计 equals the sum of its four outcomes."""
    return all(sum(v.value for v in values[p * 5:p * 5 + 4]) == values[p * 5 + 4].value for p in range(3))


def _place(i: int, n: Number, start: int, end: int, rule: str, confidence: float = 1.0, note: str = "") -> Placed:
    return Placed(PROCEEDINGS[i // 5], OUTCOMES[i % 5], n, start, end, rule, confidence, note)


def _outcome_header(cells: tuple) -> bool:
    """Whether a grid row is table 四's header of outcomes (结果维持 … 总计, printed per proceeding)."""
    words = [c.text.replace(" ", "") for c in cells]
    return sum(w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") for w in words) >= 5


def read_grid(tables: list[Table]) -> tuple[list[Placed], list[str]]:
    """The 15 cells of table 四 from the one grid row that prints them."""
    candidates = []
    for table in tables:
        previous: tuple = ()
        for cells in table.rows:
            nums = numeric_cells(cells)
            # the row of numbers: five or more, or (blanks left blank) any right under the
            # header row that names the outcomes
            if len(nums) >= 5 or (nums and not label_cells(cells) and _outcome_header(previous)):
                candidates.append((cells, nums))
            previous = cells
    if not candidates:
        return [], []
    if len(candidates) > 1:
        return [], [f"table 四: {len(candidates)} rows print numbers where the format has one; cells left out"]
    cells, nums = candidates[0]
    labels = label_cells(cells)
    first = (max(labels) + 1) if labels else 0
    if any(i < first for i in nums) or any(i - first >= 15 for i in nums):
        return [], ["table 四: the row of numbers does not fit the format's 15 columns; cells left out"]
    row_start = cells[first].start if first < len(cells) else cells[nums[0]].start
    return [_place(i - first, cell_number(cells[i].text), row_start, cells[i].end, "table4.grid") for i in nums], []


_OUTCOME_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_BY_POSITION = ("placed by its column position under the outcome headers: the dump aligns the columns "
                "with spaces and leaves some cells blank")


def read_aligned(doc: Document, region: tuple[int, int]) -> tuple[list[Placed], list[str]] | None:
    """Table 四 from a dump aligned with spaces whose row of numbers leaves cells blank, or None.

    The 15 outcome headers (结果维持 … 总计, three times) give the columns' positions; each
    number goes to the column it stands under, or the row is left out.
    """
    lines = aligned_lines(doc.source.text, *region)
    rows = [line for line in lines if line.numbers and not line.fragments]
    if len(rows) != 1 or not rows[0].aligned or len(rows[0].numbers) >= 15:
        return None
    row = rows[0]
    centres = sorted(frag.column + m.start() + len(m.group(0)) / 2
                     for line in lines if line.start < row.start for frag in line.fragments
                     for m in re.finditer(r"\S+", frag.text) if m.group(0) in _OUTCOME_WORDS)
    cols = assign_columns(row.centres, centres) if len(centres) == 15 else None
    if cols is None:
        return [], [f"table 四: a row of {len(row.numbers)} numbers whose columns cannot be told; cells left out"]
    return [_place(c, n, s, e, "table4.aligned", 0.9, _BY_POSITION) for c, (n, s, e) in zip(cols, row.numbers)], []


def read_stream(doc: Document, region: tuple[int, int]) -> tuple[list[Placed], list[str]]:
    """The 15 cells of table 四 from a pdftotext stream (numbers in runs between header words)."""
    aligned = read_aligned(doc, region)
    if aligned is not None:
        return aligned
    runs: list[list[tuple[Number, int, int]]] = []
    current: list[tuple[Number, int, int]] = []
    for p in paragraphs(doc.source.text, *region):
        if p.numeric:
            current += [num for line in p.lines for num in line.numbers]
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    flat = [n for run in runs for n in run]
    if not flat:
        return [], []
    if len(flat) != 15:
        return [], [f"table 四: {len(flat)} numbers where the format has 15; cells left out"]
    values = [n for n, _, _ in flat]
    if _adds_up(values):
        return [_place(i, n, s, e, "table4.lines") for i, (n, s, e) in enumerate(flat)], []
    readings = set()
    if len(runs) <= _MAX_RUNS:
        for order in permutations(range(len(runs))):
            seq = tuple(n for r in order for n in runs[r])
            if _adds_up([n for n, _, _ in seq]):
                readings.add(seq)
    if len(readings) == 1:
        seq = readings.pop()
        note = ("placement inferred: printed in this order the numbers break the table's arithmetic; "
                "exactly one other order of the printed runs adds up")
        return [_place(i, n, s, e, "table4.inferred", 0.8, note) for i, (n, s, e) in enumerate(seq)], [
            "table 四: " + note]
    if readings:
        return [], [f"table 四: the dump prints the 15 numbers out of order and {len(readings)} readings add up; "
                    "the proceedings cannot be told apart, cells left out"]
    note = "read as printed; the table's arithmetic does not hold in this or any other order of the printed runs"
    return [_place(i, n, s, e, "table4.lines", 0.7, note) for i, (n, s, e) in enumerate(flat)], [
        "table 四: " + note]
