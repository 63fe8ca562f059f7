"""PDF and Word documents -> normalised text with tables as pipe rows, and page offsets.

Why pdfplumber: it is maintained, pure Python on top of pdfminer.six (MIT licence, no
system dependencies), and it recovers tables from the ruling lines a PDF draws, returning
``None`` for the positions a merged cell covers. That is exactly the convention the rest
of gongkai reads: a spanned position is an empty cell, so the columns after it keep their
place (the HTML reader does the same with rowspan/colspan). PyMuPDF is faster but AGPL.

Why python-docx: the reference library for .docx; merged cells are the same ``<w:tc>``
element repeated across the grid, so the first position gets the text and repeats are empty.

Both readers produce, per page, text lines and table rows in reading order (top to bottom),
normalise each page with ``normalize()`` and record where each page starts in the final
text (``Source.pages``), so evidence found in the text can name its page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from ..errors import ReadError
from .normalize import normalize

_SENTENCE_END = "。！？；：!?;:|"
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")


def _cell_text(value: str | None) -> str:
    """A table cell's text on one line: CJK lines join without a space, others with one."""
    if not value:
        return ""
    parts = [p.strip() for p in value.split("\n") if p.strip()]
    out = ""
    for p in parts:
        if out and (out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum()):
            out += " "
        out += p
    return _CJK_SPACE.sub("", out).replace("|", "｜")


_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def _is_prose(cell: str) -> bool:
    """A sentence of body text rather than a row label: sentence punctuation, or too long for a label.

    >>> _is_prose("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), _is_prose("及时关停整合用户关注度低、更新不及时、无力运维的新媒体账号，将")
    (False, True)
    """
    bare = _BRACKETED.sub("", cell)
    return ("。" in bare or "；" in bare or sum(bare.count(p) for p in "，,、") >= 2 or len(cell) >= 36)
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _table_lines(rows: Iterable[Iterable[str | None]]) -> list[str]:
    """Pipe rows; a row that only fills its first cell is a line of text inside a frame.

    Reports often draw the whole page body inside a ruled frame: those rows are prose, not
    table cells. A row label whose data cells are blank (a row of table 三 with no numbers)
    stays a row, so the table keeps its shape.
    """
    lines = []
    for row in rows:
        cells = [_cell_text(c) for c in row]
        if not any(cells):
            continue
        if cells[0] and not any(cells[1:]) and _is_prose(cells[0]):
            lines.append(cells[0])
        else:
            lines.append(" | ".join(cells))
    return lines


def _join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Concatenate normalised pages; a sentence wrapped across a page break is joined again."""
    text = ""
    starts: list[int] = []
    for page in pages:
        page = page.strip("\n")
        if not page:
            starts.append(len(text))
            continue
        if text:
            last = text.rstrip("\n").rsplit("\n", 1)[-1]
            first = page.split("\n", 1)[0]
            wrapped = (len(last) >= 20 and last[-1] not in _SENTENCE_END and "|" not in last
                       and "|" not in first and not _HEADING.match(first))
            text = text.rstrip("\n") + ("" if wrapped else "\n")
        starts.append(len(text))
        text += page + "\n"
    return text, tuple(starts)


# -- PDF ---------------------------------------------------------------------------------
def _pdf_pages(data: bytes, path: str) -> list[str]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError) as exc:
        raise ReadError(path, f"not a readable PDF ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for broken files
        raise ReadError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    pages: list[str] = []
    with pdf:
        if pdf.metadata.get("Encrypt") or getattr(pdf.doc, "encryption", None):
            pass  # pdfminer decrypts files with an empty user password; others fail below
        chars = 0
        for page in pdf.pages:
            try:
                pages.append(_pdf_page_text(page))
            except Exception as exc:  # noqa: BLE001
                raise ReadError(path, f"page {page.page_number}: cannot extract text ({type(exc).__name__})") from None
            chars += len(page.chars)
        if chars == 0:
            raise ReadError(path, "no text layer: the PDF is scanned images and needs OCR")
    return pages


def _pdf_page_text(page) -> str:  # type: ignore[no-untyped-def]
    """One page: text lines outside tables and table rows, merged in vertical order."""
    tables = [t for t in page.find_tables() if t.rows and max(len(r.cells) for r in t.rows) >= 2]
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:  # type: ignore[no-untyped-def]
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    blocks: list[tuple[float, list[str]]] = []
    for line in text_page.extract_text_lines(layout=False, strip=True, return_chars=False):
        if line["text"].strip():
            blocks.append((line["top"], [line["text"]]))
    for t in tables:
        blocks.append((t.bbox[1], _table_lines(t.extract())))
    blocks.sort(key=lambda b: b[0])
    raw = "\n".join(line for _, lines in blocks for line in lines)
    return normalize(raw) if raw.strip() else ""


# -- DOCX --------------------------------------------------------------------------------
def _docx_pages(data: bytes, path: str) -> list[str]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ReadError(path, "reading .docx needs python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(path, f"not a readable .docx ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml errors for corrupt packages
        raise ReadError(path, f"not a readable .docx ({type(exc).__name__})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            if text.strip():
                lines.append(text)
        elif tag == "tbl":
            lines.extend(_docx_table_lines(Table(child, document)))
    raw = "\n".join(lines)
    return [normalize(raw)] if raw.strip() else []


def _docx_table_lines(table) -> list[str]:  # type: ignore[no-untyped-def]
    """Rows of a Word table; a merged cell's text stands in its first grid position only."""
    seen: dict[int, object] = {}  # id -> element, holding a reference so ids are never reused
    rows: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            key = id(cell._tc)
            if key in seen:
                cells.append(None)
            else:
                seen[key] = cell._tc
                cells.append(cell.text)
        rows.append(cells)
    return _table_lines(rows)


def read_document(data: bytes, suffix: str, path: str) -> tuple[str, tuple[int, ...]]:
    """Text (tables as pipe rows) and page start offsets of a PDF or DOCX file.

    :raises ReadError: not a readable document, or a PDF with no text layer.
    """
    if not data:
        raise ReadError(path, "empty file")
    if suffix == ".pdf":
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise ReadError(path, "not a PDF (no %PDF header)")
        pages = _pdf_pages(data, path)
    elif suffix == ".docx":
        if not data.startswith(b"PK"):
            raise ReadError(path, "not a .docx (not a zip package)")
        pages = _docx_pages(data, path)
    else:  # pragma: no cover - the caller dispatches by suffix
        raise ReadError(path, f"unsupported format {suffix}")
    text, starts = _join_pages(pages)
    if not text.strip():
        raise ReadError(path, "no text in document")
    return text, starts if suffix == ".pdf" else ()
