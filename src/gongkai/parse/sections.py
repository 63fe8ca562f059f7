"""Numbered headings of a report: 一、 （一） 1. （1）, with the text span each governs."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Section

_CN = "一二三四五六七八九十"
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[ \t\f]*([{_CN}]{{1,3}})[ ]*[、.．][ ]*(.*)$", re.M)),
    (2, re.compile(rf"^[ \t\f]*[（(]([{_CN}]{{1,3}})[）)][ ]*(.*)$", re.M)),
    (3, re.compile(r"^[ \t\f]*(\d{1,2})[ ]*[、.．](?!\d)[ ]*(.*)$", re.M)),
    (4, re.compile(r"^[ \t\f]*[（(](\d{1,2})[）)][ ]*(.*)$", re.M)),
)


def _heading_title(rest: str) -> str:
    """The heading's own words: up to the first full stop or table cell, at most 40 chars."""
    rest = rest.split("|")[0]
    for stop in ("。", "：", ":"):
        if stop in rest:
            rest = rest.split(stop)[0]
    return rest.strip()[:40]


@lru_cache(maxsize=1)
def _table_row_labels() -> tuple[str, ...]:
    """The numbered row labels of the standard table 三 (一、本年新收… （一）予以公开 1.属于国家秘密 …),
    without their numbering: lines that print them are table rows, not the report's sections."""
    try:
        from ..resources import resource_dir

        path = resource_dir("ontology") / "source" / "format-labels.tsv"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError):
        return ()
    out = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > 4 and cells[1] == "T3Row":
            label = re.sub(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])", "", cells[4])
            out.append(re.sub(r"\s+", "", label))
    return tuple(out)


@lru_cache(maxsize=4096)
def _is_table_row(title: str) -> bool:
    t = re.sub(r"\s+", "", title)
    # the whole label, a label cut by the line wrap, or a long label with the rest of its row after it
    return any(t == lab or lab.startswith(t) or (len(lab) >= 6 and t.startswith(lab)) for lab in _table_row_labels())


def _cn_int(number: str) -> int:
    """一..九十九 (or Arabic digits) as an int, for the order of headings."""
    if number.isdigit():
        return int(number)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in number:
        return digits.get(number[-1], 0)
    tens, _, ones = number.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def find_sections(text: str) -> tuple[Section, ...]:
    """All numbered headings in reading order, each ending where the next same-or-higher one starts.

    Lines inside tables (containing ``|``) are not headings, nor are the standard table's numbered
    row labels (``一、本年新收政府信息公开申请数量`` in a PDF dump), nor a heading whose title is a
    single character (a label cut by the line wrap), nor a top-level heading that restarts the
    numbering (``一、`` after ``三、``: a list or an annex, not the next section).

    >>> [(s.number, s.level, s.title) for s in find_sections("一、概述\\n正文\\n（一）主动公开\\n二、收费\\n")]
    [('一', 1, '概述'), ('（一）', 2, '主动公开'), ('二', 1, '收费')]
    >>> [s.title for s in find_sections("三、收到和处理政府信息公开申请情况\\n一、本年新收政府信息公开申请数量\\n四、行政复议\\n")]
    ['收到和处理政府信息公开申请情况', '行政复议']
    >>> [s.title for s in find_sections("五、其他处理\\n六、其他需要报告的事项\\n")]
    ['其他需要报告的事项']
    """
    found: list[tuple[int, int, str, str]] = []
    for level, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            line = m.group(0)
            if "|" in line and level > 1:
                continue
            number = m.group(1)
            if level == 2:
                number = f"（{number}）"
            elif level == 4:
                number = f"（{number}）"
            title = _heading_title(m.group(2))
            if len(title) < 2 or _is_table_row(title):
                continue
            found.append((m.start(), level, number, title))
    found.sort()
    kept: list[tuple[int, int, str, str]] = []
    last_top = 0
    for item in found:
        if item[1] == 1:
            n = _cn_int(item[2])
            if n <= last_top:
                continue
            last_top = n
        kept.append(item)
    found = kept
    sections: list[Section] = []
    for i, (start, level, number, title) in enumerate(found):
        end = len(text)
        for later_start, later_level, _, _ in found[i + 1:]:
            if later_level <= level:
                end = later_start
                break
        sections.append(Section(number=number, level=level, title=title, start=start, end=end))
    return tuple(sections)
