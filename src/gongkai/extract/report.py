"""Report-level facts: the year covered, the publication date, the format version."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Evidence, ReportInfo

_YEAR = re.compile(r"(20[0-4]\d|199\d)\s*年")
_ISSUED_LABELLED = re.compile(
    r"(?:发布|发文|成文|公开|印发)(?:日期|时间)\s*[:：|]?\s*[|]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_DATE_LINE = re.compile(r"^\s*[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?\s*$", re.M)

#: Column and row labels that only the standard formats print (国办公开办函〔2019〕60号, 〔2021〕30号).
_STD_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
_STD_ANY = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "结转下年度继续办理",
            "第二十条第", "本年新制作数量", "对外公开总数量", "上一年项目数量", "处理决定数量")


def detect_format(text: str) -> str:
    """``std-2021`` / ``std-2019`` when the standard tables are present, else ``free-text``.

    >>> detect_format("信息内容 | 本年制发件数 | 本年废止件数")
    'std-2021'
    """
    compact = re.sub(r"\s+", "", text)
    if sum(1 for m in _STD_2021 if m in compact) >= 2:
        return "std-2021"
    if sum(1 for m in _STD_ANY if m in compact) >= 2:
        return "std-2019"
    return "free-text"


def _evidence(doc: Document, start: int, end: int, rule: str) -> Evidence:
    return Evidence(start=start, end=end, exact=doc.source.text[start:end], rule=rule)


def find_year(doc: Document) -> tuple[int | None, Evidence | None]:
    """The year the report covers: the title's year, else the most frequent year near the top."""
    text = doc.source.text
    if doc.title_span:
        a, b = doc.title_span
        m = _YEAR.search(text, a, b)
        if m:
            return int(m.group(1)), _evidence(doc, m.start(), m.end(), "report.year.title")
    window = text[:4000]
    dates = {m.start() for m in _DATE_LINE.finditer(window)} | {m.start() for m in _ISSUED_LABELLED.finditer(window)}
    counts: Counter[int] = Counter()
    first: dict[int, re.Match[str]] = {}
    for m in _YEAR.finditer(window):
        line_start = window.rfind("\n", 0, m.start()) + 1
        if any(line_start <= d <= m.start() for d in dates):
            continue  # a publication date is not the year covered
        y = int(m.group(1))
        counts[y] += 1
        first.setdefault(y, m)
    if not counts:
        return None, None
    year = max(counts, key=lambda y: (counts[y], -first[y].start()))
    m = first[year]
    return year, _evidence(doc, m.start(), m.end(), "report.year.frequent")


def find_issued(doc: Document) -> tuple[str | None, Evidence | None]:
    """The publication date when the text states one (labelled header field or a date line)."""
    text = doc.source.text
    m = _ISSUED_LABELLED.search(text[:3000])
    rule = "report.issued.label"
    if not m:
        lines = list(_DATE_LINE.finditer(text[:1500])) or list(_DATE_LINE.finditer(text[-600:]))
        if lines:
            m = lines[0] if lines[0].string is text[:1500] else None
            if m is None:
                tail = len(text) - len(text[-600:])
                m2 = lines[-1]
                y, mo, d = (int(g) for g in m2.groups())
                return f"{y:04d}-{mo:02d}-{d:02d}", _evidence(doc, tail + m2.start(), tail + m2.end(), "report.issued.signature")
            rule = "report.issued.dateline"
    if not m:
        return None, None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None, None
    return f"{y:04d}-{mo:02d}-{d:02d}", _evidence(doc, m.start(), m.end(), rule)


def extract_report(doc: Document) -> ReportInfo:
    """Title, year, issued date and format of one report."""
    year, year_ev = find_year(doc)
    issued, issued_ev = find_issued(doc)
    return ReportInfo(
        title=doc.title,
        year=year,
        issued=issued,
        format=detect_format(doc.source.text),
        year_evidence=year_ev,
        issued_evidence=issued_ev,
    )
