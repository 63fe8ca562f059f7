"""The text normalisation every report goes through before parsing.

The result is what ``gk:sourceText`` stores and what every evidence offset points into:

1. line ends unified, NBSP/ideographic spaces inside lines kept as single spaces; tab-separated
   table rows made pipe rows (``tab_rows``), other tabs made spaces;
2. full-width digits, Latin letters and ``％．＋－`` made ASCII (numbers must parse);
   CJK punctuation such as （）：，is kept as printed;
3. pinyin glosses after characters (``據(jù)``) removed: a parenthesised syllable with
   a tone mark right after a Han character;
4. traditional script converted to simplified with OpenCC ``t2s``;
5. page furniture of PDF/Word dumps removed (``-1-``, ``— 2 —``, ``第 3 页 共 9 页``);
6. lines broken inside a sentence by a PDF or web dump joined again (only body-text
   lines that fill most of the typical line width; headings and table rows stay).
"""

from __future__ import annotations

import re
from functools import lru_cache

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％．＋－"}
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(ord("Ａ"), ord("Ｚ") + 1)})
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(ord("ａ"), ord("ｚ") + 1)})
#: Any character of ``_FULLWIDTH``: most texts hold none, and then the translation (a failed dict
#: lookup for every Chinese character) is skipped.
_HAS_FULLWIDTH = re.compile("[" + "".join(sorted(map(chr, _FULLWIDTH))) + "]")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: "(" after a Han character: written with the "(" first and the look-behind after it (which sees the
#: Han character and the "(" just read), the same matches as ``(?<=[\u3400-\u9fff])\(``, but the regex
#: engine can skip to each "(" instead of trying every character of the text.
_GLOSS = re.compile(r"\((?<=[\u3400-\u9fff]\()(?=[a-zü]*[" + _TONED + r"])[a-zü" + _TONED + r"]{1,7}\)")
_PAGE_LINE = re.compile(
    r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[）)])"
)
_SENTENCE_END = "。！？；：!?;:」』”）)|"
_COLUMN_GAP = re.compile(r"\S {4,}\S")  # a row of columns aligned with spaces (pdftotext -layout)


def _column_gap(line: str) -> bool:
    """``_COLUMN_GAP`` occurs in ``line``; a line without four spaces in a row cannot hold it, and
    most lines are tested without running the regex (whose ``\\S`` start is tried at every character)."""
    return "    " in line and _COLUMN_GAP.search(line) is not None


_LONE_NUMBER = re.compile(r"[+\-]?\d[\d,.]*\s*%?")  # a table cell on a line of its own: never glued to text


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC t2s); the length is unchanged for CJK text.

    >>> to_simplified("政府資訊公開")
    '政府资讯公开'
    """
    return _converter().convert(text)


def strip_glosses(text: str) -> str:
    """Remove pinyin glosses placed after characters by some converters.

    >>> strip_glosses("根據(jù)《條例》")
    '根據《條例》'
    """
    return _GLOSS.sub("", text)


def _typical_width(lines: list[str]) -> int:
    """The line width a wrapped dump fills (the most common length among long lines)."""
    lengths = [len(ln) for ln in lines if len(ln) >= 15 and "|" not in ln and not _column_gap(ln)]
    if len(lengths) < 5:
        return 0
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    # widths within ±2 chars of each other are one column width (mixed digits/CJK)
    best = max(counts, key=lambda n: (sum(counts.get(n + d, 0) for d in range(-2, 3)), n))
    support = sum(counts.get(best + d, 0) for d in range(-2, 3))
    return best if support >= max(4, len(lengths) // 5) else 0


def join_wrapped_lines(text: str) -> str:
    """Join lines that a PDF/web dump broke inside a sentence.

    A line is joined to the next when it is body text that fills the typical width of the
    file's wrapped lines and does not end a sentence, and the next line does not start a
    heading. Files without a dominant wrap width (ordinary web text) are left alone.
    """
    lines = text.split("\n")
    width = _typical_width(lines)
    if not width:
        return text
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            if (
                len(prev) >= width - 3
                and prev
                and prev[-1] not in _SENTENCE_END
                and "|" not in prev
                and line.strip()
                and not _HEADING_START.match(line)
                and "|" not in line
                and not _column_gap(prev)
                and not _column_gap(line)
                and not _LONE_NUMBER.fullmatch(line.strip())
            ):
                out[-1] = prev + line.strip()
                continue
        out.append(line)
    return "\n".join(out)


_TAB_NUMBER = re.compile(r"^[+\-＋－]?[\d０-９][\d０-９,，.．]*\s*(万元|万|亿元|亿|元)?$")


def tab_rows(text: str) -> str:
    """Tab-separated table rows (a table copied from a browser or spreadsheet) as pipe rows.

    A row is a tab line that prints a number, or that has three or more short fields (a
    header row).

    A blank cell must stay a cell (tables read by position), so these tabs become `` | ``
    like the HTML reader's rows; every other tab becomes a space later.

    >>> tab_rows("规章\\t1\\t\\t11\\n\\t正文\\t见附件")
    '规章 | 1 |  | 11\\n\\t正文\\t见附件'
    """
    if "\t" not in text:
        return text  # no line has two cells: every line stays as it is
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        cells = [c.strip(" \u3000\u00a0") for c in line.strip().split("\t")]
        row = any(_TAB_NUMBER.match(c) for c in cells) or (len(cells) >= 3 and max(map(len, cells)) <= 40)
        if len(cells) > 1 and "|" not in line and row and max(map(len, cells)) <= 80:
            line = " | ".join(cells)
        out.append(line)
    return "\n".join(out)


def normalize(text: str) -> str:
    """Apply every normalisation step, in order (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = tab_rows(text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\t", " ")
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    text = strip_glosses(text)
    text = to_simplified(text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    kept: list[str] = []
    for ln in lines:
        if _PAGE_LINE.match(ln):
            continue
        kept.append(ln)
    text = "\n".join(kept)
    text = join_wrapped_lines(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
