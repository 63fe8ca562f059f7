"""Reading published PDFs: text layer, ruled tables as grids, page numbers, clear errors.

The expected cell values are the hand-typed gold grids in ``tests/fixtures/pdf/*.gold.json``
(typed from the rendered pages, see ../shared/gold/README.md), not our own output.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.errors import ReadError
from gongkai.read import read, read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
PDFS = sorted(FIXTURES.glob("*.pdf"))
T3_COLUMNS = ("T3.C.natural", "T3.C.commercial", "T3.C.research", "T3.C.publicWelfare",
              "T3.C.legalService", "T3.C.otherOrg", "T3.C.total")
T4_ORDER = [(p, o) for p in ("T4.P.review", "T4.P.litDirect", "T4.P.litAfterReview")
            for o in ("T4.O.maintained", "T4.O.corrected", "T4.O.other", "T4.O.pending", "T4.O.total")]
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _gold(pdf: Path) -> dict:
    return json.loads((FIXTURES / f"{pdf.stem}.gold.json").read_text(encoding="utf-8"))


def _numeric_rows(text: str, width: int) -> list[tuple[int, list[Decimal]]]:
    """(offset, numbers) of every pipe row ending in exactly ``width`` numeric cells."""
    rows = []
    offset = 0
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("|")]
        nums = [c for c in cells if NUMBER.match(c)]
        if "|" in line and len(nums) == width and all(NUMBER.match(c) for c in cells[-width:]):
            rows.append((offset, [Decimal(c) for c in cells[-width:]]))
        offset += len(line) + 1
    return rows


def _page_of(offset: int, pages: tuple[int, ...]) -> int:
    return max(i for i, start in enumerate(pages, start=1) if start <= offset)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_table3_grid_matches_the_printed_cells(pdf: Path) -> None:
    source = read(pdf)
    gold = _gold(pdf)
    cells = {(m["indicator"], m["dims"][0]): (Decimal(str(m["value"])), m["page"])
             for m in gold["metrics"] if m["indicator"].startswith("T3")}
    row_order: list[str] = []
    for m in gold["metrics"]:
        if m["indicator"].startswith("T3") and m["indicator"] not in row_order:
            row_order.append(m["indicator"])
    rows = _numeric_rows(source.text, 7)
    assert len(rows) == len(row_order), "one grid row per printed table-三 row"
    for (offset, numbers), notation in zip(rows, row_order):
        expected = [cells[(notation, c)][0] for c in T3_COLUMNS]
        assert numbers == expected, notation
        assert _page_of(offset, source.pages) == cells[(notation, T3_COLUMNS[0])][1], notation


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_table4_row_matches_the_printed_cells(pdf: Path) -> None:
    source = read(pdf)
    gold = {(m["indicator"], m["dims"][0]): Decimal(str(m["value"]))
            for m in _gold(pdf)["metrics"] if m["indicator"].startswith("T4")}
    rows = _numeric_rows(source.text, 15)
    assert len(rows) == 1
    assert rows[0][1] == [gold[k] for k in T4_ORDER]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_table2_cells_stand_beside_their_row_labels(pdf: Path) -> None:
    source = read(pdf)
    labels = {"T2.R.regulation": "规章", "T2.R.normdoc": "行政规范性文件", "T2.R.licensing": "行政许可",
              "T2.R.punishment": "行政处罚", "T2.R.coercion": "行政强制", "T2.R.fee": "行政事业性收费"}
    gold: dict[str, list[Decimal]] = {}
    for m in _gold(pdf)["metrics"]:
        if m["indicator"].startswith("T2"):
            value = Decimal(str(m["value"]))
            if m["dims"][0] == "T2.C21.feeAmount":
                value = value / 10000  # printed in 万元, gold normalised to CNY
            gold.setdefault(m["indicator"], []).append(value)
    for notation, label in labels.items():
        line = next(ln for ln in source.text.split("\n") if ln.split("|")[0].strip() == label)
        printed = [Decimal(c.strip()) for c in line.split("|")[1:] if c.strip()]
        assert printed == gold[notation], notation


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_text_layer_is_clean(pdf: Path) -> None:
    source = read(pdf)
    assert source.media_type == "application/pdf"
    assert len(source.pages) >= 5 and source.pages[0] == 0
    assert list(source.pages) == sorted(source.pages)
    assert not re.search(r"^\s*-\s*\d+\s*-\s*$", source.text, re.M), "page numbers removed"
    assert "政府信息公开工作年度报告" in source.text
    # a sentence wrapped across lines in the PDF is one line again
    assert "全年收取政府信息公开信息处理费" in source.text


def _minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content stream is ``content`` (hand-written, valid xref)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_scanned_pdf_without_text_layer_says_it_needs_ocr() -> None:
    drawing_only = _minimal_pdf(b"0 0 m 100 100 l S")
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes(drawing_only, "scan.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage that is not a pdf", b"hello, not a pdf at all"])
def test_broken_pdf_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, "broken.pdf")
    assert str(info.value).startswith("broken.pdf: ") and "\n" not in str(info.value)


def test_inspect_reads_a_pdf_and_shows_its_table_cells_with_pages() -> None:
    from gongkai.inspect import inspect_file, render_text

    text = render_text(inspect_file(FIXTURES / "huaian-2024.pdf"))
    assert "淮安市人民政府" in text
    assert "T3.R1" in text and "3119" in text  # table 三: requests received, total column
