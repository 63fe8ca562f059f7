"""Report-level facts: the year covered, the publication date, the format version."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Evidence, ReportInfo

_YEAR = re.compile(r"(20[0-4]\d|199\d)\s*年")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_ISSUED_LABELLED = re.compile(
    r"(?:发布|发文|成文|公开|印发)(?:日期|时间)\s*[:：|]?\s*[|]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
#: Bare ``日期：`` / ``时间：`` labels of web-page metadata lines (``时间：2023-01-30  来源：办公厅``): only at
#: the start of a line or after a blank, so ``统计时间：`` and ``截止日期`` are not taken for the page's date.
_ISSUED_BARE = re.compile(
    r"(?:^|[ \t\u3000])(?:日期|时间)[ \t]*[:：][ \t]*(\d{4})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})", re.M
)
#: A date followed by 发布 (``2024年01月18日 发布``), as news-style pages print it.
_ISSUED_POSTFIX = re.compile(
    r"^[ \t]*(\d{4})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})[ \t]*日?[ \t]*(?:\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*发布[ \t]*$",
    re.M,
)
_DATE_LINE = re.compile(r"^[ \t]*[（(]?[ \t]*(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*[）)]?[ \t]*$", re.M)

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
        m = _CN_YEAR.search(text, a, b)  # 二〇一九年度政府信息公开工作年度报告
        if m:
            year = int("".join(str(_CN_DATE_DIGITS[c]) for c in m.group(1)))
            if 1990 <= year <= 2100:
                return year, _evidence(doc, m.start(), m.end(), "report.year.title")
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


_CN_DATE_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE_LINE = re.compile(
    r"^[ \t]*[（(]?[ \t]*([〇○零ＯO一二三四五六七八九]{4})[ \t]*年[ \t]*([一二三四五六七八九十]{1,3})[ \t]*月"
    r"[ \t]*([一二三四五六七八九十]{1,3})[ \t]*日[ \t]*[）)]?[ \t]*$", re.M)


def _cn_small(s: str) -> int:
    """一..三十一 as an int (month and day numerals)."""
    if "十" not in s:
        return _CN_DATE_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (_CN_DATE_DIGITS[tens] if tens else 1) * 10 + (_CN_DATE_DIGITS[ones] if ones else 0)


def _date(m: re.Match[str]) -> str | None:
    """ISO date of a date match (Arabic or Chinese numerals); None if it is not a real date."""
    y, mo, d = m.groups()
    try:
        if y.isdigit():
            year, month, day = int(y), int(mo), int(d)
        else:
            year = int("".join(str(_CN_DATE_DIGITS[c]) for c in y))
            month, day = _cn_small(mo), _cn_small(d)
    except (KeyError, ValueError):
        return None
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _head_end(doc: Document, lines: int = 6) -> int:
    """Where the report's head (title, date line, metadata) ends: at its first numbered heading or
    first paragraph (a line longer than 60 characters), and after at most a few non-empty lines."""
    text = doc.source.text
    seen = 0
    pos = 0
    for line in text.split("\n"):
        if len(line.strip()) > 60:
            break
        pos += len(line) + 1
        if line.strip():
            seen += 1
            if seen >= lines:
                break
    end = min(pos, len(text), 1500)
    if doc.sections:
        end = min(end, doc.sections[0].start)
    return end


def find_issued(doc: Document) -> tuple[str | None, Evidence | None]:
    """The publication date when the text states one, in this order of trust:

    1. a labelled header field (发布日期 / 发文日期 / 成文日期 / 发布时间: the web page's own date);
    2. a date line directly under the title, near the top (``（2018年2月21日）``);
    3. the signature date: a date line in the last lines of the report (Arabic or Chinese
       numerals, ``二〇一七年一月八日``).

    >>> from gongkai.parse import parse
    >>> from gongkai.read import read_text
    >>> find_issued(parse(read_text("某局2019年政府信息公开工作年度报告\\n正文信息公开。\\n某局\\n二〇二〇年一月十五日\\n")))[0]
    '2020-01-15'
    """
    text = doc.source.text
    m = _ISSUED_LABELLED.search(text, 0, 3000)
    if m and _date(m):
        return _date(m), _evidence(doc, m.start(), m.end(), "report.issued.label")
    head_end = _head_end(doc)
    # unlabelled-looking metadata (``时间：…``, ``… 发布``): in the head only, before the first section
    meta_end = max(head_end, min(len(text), 600))
    if doc.sections:
        meta_end = min(meta_end, doc.sections[0].start)
    for pattern in (_ISSUED_BARE, _ISSUED_POSTFIX):
        m = pattern.search(text, 0, meta_end)
        if m and _date(m):
            start = m.start() + (1 if text[m.start()] in " \t\u3000" else 0)
            return _date(m), _evidence(doc, start, m.end(), "report.issued.label")
    for pattern in (_DATE_LINE, _CN_DATE_LINE):
        m = pattern.search(text, 0, head_end)
        if m and _date(m):
            return _date(m), _evidence(doc, m.start(), m.end(), "report.issued.dateline")
    tail_start = max(head_end, len(text) - 600)
    last: re.Match[str] | None = None
    for pattern in (_DATE_LINE, _CN_DATE_LINE):
        for m in pattern.finditer(text, tail_start):
            if _date(m) and (last is None or m.start() > last.start()):
                last = m
    if last is not None:
        return _date(last), _evidence(doc, last.start(), last.end(), "report.issued.signature")
    return None, None


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
