"""Reading Word documents: paragraphs in order, real tables with merged cells as grids."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from gongkai.errors import ReadError
from gongkai.parse.tables import find_tables
from gongkai.read import read, read_bytes

from .conftest import EXAMPLES

SEED_STD = EXAMPLES / "004_d0cb2f7b88585a0b.txt"


def _seed_as_docx(path: Path) -> bytes:
    """A Word file made from the seed report: its prose as paragraphs, each run of pipe rows as a real table."""
    document = docx.Document()
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for i, row in enumerate(block):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        block.clear()

    for line in path.read_text(encoding="utf-8").split("\n"):
        if "|" in line:
            block.append([c.strip() for c in line.split("|")])
        else:
            flush()
            if line.strip():
                document.add_paragraph(line)
    flush()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_from_a_real_report_reads_like_its_text(tmp_path: Path) -> None:
    target = tmp_path / "004.docx"
    target.write_bytes(_seed_as_docx(SEED_STD))
    from_docx = read(target)
    from_text = read(SEED_STD)
    assert from_docx.media_type.endswith("wordprocessingml.document")
    assert "靖江市行政审批局2019年政府信息公开工作年度报告" in from_docx.text
    assert "四、政府信息公开行政复议、行政诉讼情况" in from_docx.text
    docx_rows = [[c.text for c in row] for t in find_tables(from_docx.text) for row in t.rows]
    text_rows = [[c.text for c in row] for t in find_tables(from_text.text) for row in t.rows]
    # the same cells in the same columns (trailing empty cells aside)
    strip = lambda rows: [r[: max((i + 1 for i, v in enumerate(r) if v), default=0)] for r in rows]  # noqa: E731
    assert strip(docx_rows) == strip(text_rows)


def test_merged_cells_keep_the_grid() -> None:
    document = docx.Document()
    document.add_paragraph("某局2021年政府信息公开工作年度报告")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "行政复议"  # vertical merge
    table.cell(0, 1).merge(table.cell(0, 3)).text = "结果"  # horizontal merge
    for j, v in enumerate(["维持", "纠正", "总计"], start=1):
        table.cell(1, j).text = v
    for j, v in enumerate(["合计", "3", "1", "4"]):
        table.cell(2, j).text = v
    buf = io.BytesIO()
    document.save(buf)
    text = read_bytes(buf.getvalue(), "merged.docx").text
    rows = [[c.text for c in r] for r in find_tables(text)[0].rows]
    assert rows == [["行政复议", "结果", "", ""], ["", "维持", "纠正", "总计"], ["合计", "3", "1", "4"]]


def test_not_a_docx_is_a_one_line_error() -> None:
    with pytest.raises(ReadError, match="not a .docx"):
        read_bytes(b"plain text pretending", "fake.docx")
    with pytest.raises(ReadError, match="not a readable .docx"):
        read_bytes(b"PK\x03\x04" + b"\x00" * 50, "corrupt.docx")
