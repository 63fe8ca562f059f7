"""Numbered headings of a report: 一、 （一） 1. （1）, with the text span each governs."""

from __future__ import annotations

import re

from ..model import Section

_CN = "一二三四五六七八九十"
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[ ]*([{_CN}]{{1,3}})[ ]*[、.．][ ]*(.*)$", re.M)),
    (2, re.compile(rf"^[ ]*[（(]([{_CN}]{{1,3}})[）)][ ]*(.*)$", re.M)),
    (3, re.compile(r"^[ ]*(\d{1,2})[ ]*[、.．](?!\d)[ ]*(.*)$", re.M)),
    (4, re.compile(r"^[ ]*[（(](\d{1,2})[）)][ ]*(.*)$", re.M)),
)


def _heading_title(rest: str) -> str:
    """The heading's own words: up to the first full stop or table cell, at most 40 chars."""
    rest = rest.split("|")[0]
    for stop in ("。", "：", ":"):
        if stop in rest:
            rest = rest.split(stop)[0]
    return rest.strip()[:40]


def find_sections(text: str) -> tuple[Section, ...]:
    """All numbered headings in reading order, each ending where the next same-or-higher one starts.

    Lines inside tables (containing ``|``) are not headings, nor are long lines whose
    "number" is really a list item inside a paragraph of the same level as a heading.

    >>> [(s.number, s.level, s.title) for s in find_sections("一、概述\\n正文\\n（一）主动公开\\n二、收费\\n")]
    [('一', 1, '概述'), ('（一）', 2, '主动公开'), ('二', 1, '收费')]
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
            if not title:
                continue
            found.append((m.start(), level, number, title))
    found.sort()
    sections: list[Section] = []
    for i, (start, level, number, title) in enumerate(found):
        end = len(text)
        for later_start, later_level, _, _ in found[i + 1:]:
            if later_level <= level:
                end = later_start
                break
        sections.append(Section(number=number, level=level, title=title, start=start, end=end))
    return tuple(sections)
