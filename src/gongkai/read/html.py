"""HTML -> text that keeps tables as pipe rows.

A table becomes one line per <tr>, cells joined by " | ". A cell spanning several columns
is followed by empty cells, and a cell spanning several rows leaves empty cells below it,
so every row keeps the table's column positions: the same flattened layout that web-page
text dumps of the standard tables have (see examples/reports/004_*), read by one parser.
"""

from __future__ import annotations

import re

import lxml.html

_BLOCK = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "tr", "table", "ul", "ol", "title", "pre", "blockquote", "dd", "dt",
}
_SKIP = {"script", "style", "noscript", "template", "head"}


def _text(el: lxml.html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _table_rows(table: lxml.html.HtmlElement) -> list[str]:
    """Expand rowspan/colspan into a grid and render each row as a pipe line."""
    grid: dict[tuple[int, int], str] = {}
    occupied: set[tuple[int, int]] = set()
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owning_table(tr) is table]
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            rs = _span(cell.get("rowspan"))
            cs = _span(cell.get("colspan"))
            grid[(r, c)] = _text(cell).replace("|", "｜")
            for dr in range(rs):
                for dc in range(cs):
                    occupied.add((r + dr, c + dc))
            c += cs
            width = max(width, c)
    lines = []
    for r in range(len(rows)):
        cells = [grid.get((r, c), "") for c in range(width)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _owning_table(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for anc in el.iterancestors():
        if anc.tag == "table":
            return anc
    return None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def html_to_text(markup: str) -> str:
    """Render HTML as plain text lines; tables as pipe rows.

    >>> html_to_text("<p>一、概述</p><table><tr><td colspan=2>a</td></tr><tr><td>1</td><td>2</td></tr></table>")
    '一、概述\\na\\n1 | 2'
    """
    if not markup.strip():
        return ""
    root = lxml.html.document_fromstring(markup)
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\u00a0]+", " ", "".join(buf)).strip()
        if line:
            out.append(line)
        buf.clear()

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                buf.append(el.tail)
            return
        if tag == "table":
            flush()
            out.extend(_table_rows(el))
            if el.tail:
                buf.append(el.tail)
            return
        if tag in _BLOCK:
            flush()
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(out)
