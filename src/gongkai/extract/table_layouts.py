"""What the standard tables look like on the page: row labels, numbers, regions, line streams.

The three table readers (``table2.py``, ``table3.py``, ``table4.py``) share these helpers:

* ``row_label`` maps a printed row label to its notation, from the commented data file
  ``table_rows.tsv`` (labels are abbreviated, mistyped and wrapped in real reports);
* ``parse_number`` reads one printed cell value ("431.38万", "+1036", "1,234");
* ``regions`` finds the text spans of the sections 二/三/四 that hold the tables;
* ``paragraphs`` splits a region of a pdftotext-style dump (one cell per line, blocks
  separated by blank lines) into paragraphs of lines with exact offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("table_rows.tsv")

_NUMBER = re.compile(r"^([+\-]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*(万元|万|亿元|亿|元|件|条|个|项|次)?$")


@dataclass(frozen=True, slots=True)
class Number:
    """A printed cell value: the number and whether the cell itself said 万/亿."""

    value: Decimal
    multiplier: int  # 1, 10**4 (万) or 10**8 (亿) as printed in the cell
    signed: bool


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Number | None:
    """The number a cell prints, or None when the cell holds anything else (cached: tables print
    the same few values, 0 above all, and a ``Number`` is immutable).

    >>> parse_number("431.38万")
    Number(value=Decimal('431.38'), multiplier=10000, signed=False)
    >>> parse_number("+1036").value, parse_number("-2").value, parse_number("1,234").value
    (Decimal('1036'), Decimal('-2'), Decimal('1234'))
    >>> parse_number("1.属于国家秘密") is None
    True
    """
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    sign, digits, frac, unit = m.groups()
    try:
        value = Decimal(digits.replace(",", "").replace("，", "") + (frac or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        return None
    if sign == "-":
        value = -value
    multiplier = 10**8 if unit and unit.startswith("亿") else 10**4 if unit and unit.startswith("万") else 1
    return Number(value=value, multiplier=multiplier, signed=bool(sign))


def cell_number(text: str) -> Number:
    """The number of a cell already known to print one (see ``numeric_cells``)."""
    n = parse_number(text)
    if n is None:
        raise ValueError(f"not a number: {text!r}")
    return n


def compact(label: str) -> str:
    """A label with whitespace removed and brackets / list marks made ASCII, for matching.

    >>> compact("（一） 予以 公开")
    '(一)予以公开'
    """
    s = re.sub(r"\s+", "", label)
    return s.translate(str.maketrans({"（": "(", "）": ")", "、": ".", "．": ".", "，": ",", "：": ":"}))


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    rows = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        notation, kind, pattern = line.split("\t")
        rows.append((notation, kind, re.compile(pattern)))
    return tuple(rows)


@lru_cache(maxsize=8192)
def row_label(label: str, table: str) -> tuple[str, str] | None:
    """(notation, kind) of a row label of table "T2" or "T3", or None (cached: every report of a
    format prints the same labels).

    >>> row_label("(三)不予公开", "T3"), row_label("2.其他法律行政止公开", "T3")
    (('T3.R3.3', 'group'), ('T3.R3.3.2', 'row'))
    >>> row_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "T3")
    ('T3.R3.2', 'row')
    """
    c = compact(label)
    if not c:
        return None
    for notation, kind, pattern in _label_patterns():
        if notation.startswith(table + ".") and pattern.search(c):
            return notation, kind
    return None


#: Headings of the report sections that hold the tables (the standard outline, numbered 二/三/四/五).
_HEADINGS = {
    "S2": re.compile(r"^[ \t]*二\s*[、.．][^\n|]{0,6}主动公开", re.M),
    "S3": re.compile(r"^[ \t]*三\s*[、.．][^\n|]{0,6}(收到|处理)[^\n|]{0,16}申请", re.M),
    "S4": re.compile(r"^[ \t]*四\s*[、.．][^\n|]{0,24}行政复议", re.M),
    "S5": re.compile(r"^[ \t]*五\s*[、.．]", re.M),
}


def regions(text: str) -> dict[str, tuple[int, int]]:
    """Text spans of the sections holding table 二 ("T2"), 三 ("T3") and 四 ("T4").

    A section runs from its heading to the next of these headings; a section whose heading
    is missing gets no region (its table is then looked for by its row labels alone).
    """
    starts: dict[str, int] = {}
    for key, pattern in _HEADINGS.items():
        after = starts.get({"S3": "S2", "S4": "S3", "S5": "S4"}.get(key, ""), 0)
        m = pattern.search(text, after)
        if m:
            starts[key] = m.start()
    out: dict[str, tuple[int, int]] = {}
    order = ["S2", "S3", "S4", "S5"]
    for i, key in enumerate(order[:3]):
        if key not in starts:
            continue
        end = len(text)
        for later in order[i + 1:]:
            if later in starts and starts[later] > starts[key]:
                end = starts[later]
                break
        out["T" + key[1]] = (starts[key], end)
    return out


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a dump with its offsets; ``numbers`` holds its values when it prints only numbers."""

    text: str
    start: int
    end: int
    numbers: tuple[tuple[Number, int, int], ...]  # (value, start, end) of the numbers that end the line
    label: str = ""  # the words before those numbers ("" for a line of numbers only)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Lines between blank lines: pdftotext prints one text block (a cell, a column strip) per paragraph."""

    lines: tuple[Line, ...]

    @property
    def numeric(self) -> bool:
        return all(line.numbers and not line.label for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def _line_numbers(text: str, offset: int) -> tuple[tuple[tuple[Number, int, int], ...], str]:
    """The numbers that end a line (a flattened row: "规章 0 0 0") and the words before them.

    >>> nums, label = _line_numbers("（七）总计 21 0 21", 0)
    >>> [n.value for n, _, _ in nums], label
    ([Decimal('21'), Decimal('0'), Decimal('21')], '（七）总计')
    >>> _line_numbers("2.重复申请", 0)
    ((), '2.重复申请')
    """
    tokens = list(re.finditer(r"\S+", text))
    out = _trailing_numbers(tokens, offset)
    if not out:
        return (), text
    if len(out) == len(tokens):
        return tuple(out), ""
    return tuple(out), text[:tokens[len(tokens) - len(out)].start()].strip()


def _trailing_numbers(tokens: list[re.Match[str]], offset: int) -> list[tuple[Number, int, int]]:
    """The run of numbers that ends a line's whitespace-separated ``tokens``, in order, with offsets
    (``offset`` + the token's position in the line): a flattened or space-aligned row's cells."""
    out: list[tuple[Number, int, int]] = []
    for m in reversed(tokens):
        n = parse_number(m.group(0))
        if n is None:
            break
        out.append((n, offset + m.start(), offset + m.end()))
    out.reverse()
    return out


def paragraphs(text: str, start: int, end: int) -> list[Paragraph]:
    """The non-empty paragraphs of ``text[start:end]``, each line with exact offsets."""
    out: list[Paragraph] = []
    current: list[Line] = []
    pos = start
    for raw in text[start:end].split("\n"):
        line_start = pos
        pos += len(raw) + 1
        body = raw.replace("\x0c", " ")
        if not body.strip():
            if current:
                out.append(Paragraph(tuple(current)))
                current = []
            continue
        lead = len(body) - len(body.lstrip())
        s = line_start + lead
        stripped = body.strip()
        nums, label = _line_numbers(stripped, s)
        current.append(Line(stripped, s, s + len(stripped), nums, label))
    if current:
        out.append(Paragraph(tuple(current)))
    return [part for para in out for part in _split_mixed(para)]


def _split_mixed(p: Paragraph) -> list[Paragraph]:
    """A paragraph mixing text lines and number-only lines, cut where the kind of line changes."""
    parts: list[list[Line]] = []
    kind = None
    for line in p.lines:
        k = bool(line.numbers and not line.label)
        if k != kind:
            parts.append([])
            kind = k
        parts[-1].append(line)
    return [Paragraph(tuple(part)) for part in parts]


@dataclass(frozen=True, slots=True)
class Placed:
    """A table cell read and placed: row and column notation, the printed number, its evidence span."""

    indicator: str
    dim: str
    number: Number
    start: int
    end: int
    rule: str
    confidence: float = 1.0
    note: str = ""


def numeric_cells(cells: tuple[object, ...]) -> list[int]:
    """Indices of the cells that print a number (cells are ``model.Cell``)."""
    return [i for i, c in enumerate(cells) if parse_number(c.text) is not None]  # type: ignore[attr-defined]


def label_cells(cells: tuple[object, ...]) -> list[int]:
    """Indices of the cells that print text other than a number."""
    return [i for i, c in enumerate(cells) if c.text and parse_number(c.text) is None]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- columns aligned with spaces (pdftotext -layout)

_GAP = re.compile(r" {2,}")
_ALIGNED = re.compile(r"\S {4,}\S")


@dataclass(frozen=True, slots=True)
class Fragment:
    """A run of text on one line of an aligned dump, between gaps of two or more spaces."""

    text: str
    start: int  # offset in the full text
    column: int  # character position in its line


@dataclass(frozen=True, slots=True)
class AlignedLine:
    """One line of an aligned dump: its label fragments and the numbers that end it."""

    start: int
    fragments: tuple[Fragment, ...]  # the text before the numbers, cut at gaps
    numbers: tuple[tuple[Number, int, int], ...]  # (value, start, end) in the full text
    centres: tuple[float, ...]  # each number's centre, as a character position in its line
    aligned: bool  # the line prints a gap of 4+ spaces between two of its fields


def aligned_lines(text: str, start: int, end: int) -> list[AlignedLine]:
    """The lines of ``text[start:end]`` cut into label fragments and trailing numbers.

    >>> [ (f.text, f.column) for f in aligned_lines("  （一）予以公开      12    0", 0, 25)[0].fragments]
    [('（一）予以公开', 2)]
    """
    out: list[AlignedLine] = []
    pos = start
    for raw in text[start:end].split("\n"):
        line_start = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        tokens = list(re.finditer(r"\S+", raw))
        nums = _trailing_numbers(tokens, line_start)
        label_end = tokens[len(tokens) - len(nums)].start() if nums and len(nums) < len(tokens) else (
            0 if nums else len(raw))
        frags = []
        fpos = 0
        for piece in _GAP.split(raw[:label_end]):
            i = raw.index(piece, fpos) if piece else fpos
            fpos = i + len(piece)
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                frags.append(Fragment(piece.strip(), line_start + i + lead, i + lead))
        centres = tuple((s + e) / 2 - line_start for _, s, e in nums)
        out.append(AlignedLine(line_start, tuple(frags), tuple(nums), centres, bool(_ALIGNED.search(raw.strip()))))
    return out


def is_aligned(lines: list[AlignedLine]) -> bool:
    """Whether a region is a space-aligned dump: at least three lines of numbers set in columns."""
    return sum(1 for line in lines if line.numbers and line.aligned) >= 3


def header_centres(lines: list[AlignedLine], names: tuple[str, ...]) -> list[float] | None:
    """Character positions of column headers (each name printed exactly once), left to right, or None."""
    found: dict[str, list[float]] = {name: [] for name in names}
    for line in lines:
        for frag in line.fragments:
            for m in re.finditer(r"\S+", frag.text):
                token = m.group(0)
                col = frag.column + m.start() + len(token) / 2
                for name in names:
                    if token == name or (len(token) >= 3 and name.startswith(token) and token not in names):
                        found[name].append(col)
    if any(len(v) != 1 for v in found.values()):
        return None
    centres = [found[name][0] for name in names]
    return centres if centres == sorted(centres) else None


def assign_columns(centres: tuple[float, ...], columns: list[float]) -> list[int] | None:
    """The column index of each number by its position, or None when any is ambiguous.

    A number belongs to the nearest column when it is closer than half the narrowest gap
    between two columns; two numbers in one column, or out of order, is ambiguous.

    >>> assign_columns((10.5, 60.5), [10, 20, 30, 40, 50, 60, 70])
    [0, 5]
    >>> assign_columns((15.0,), [10, 20, 30]) is None
    True
    """
    tol = min(b - a for a, b in zip(columns, columns[1:])) / 2
    out: list[int] = []
    for c in centres:
        best = min(range(len(columns)), key=lambda i: abs(columns[i] - c))
        if abs(columns[best] - c) >= tol or (out and best <= out[-1]):
            return None
        out.append(best)
    return out
