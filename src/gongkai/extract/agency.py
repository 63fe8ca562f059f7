"""The reporting agency: its full name, the short names it uses for itself, its jurisdiction."""

from __future__ import annotations

import re

from ..model import AgencyInfo, Document, Evidence
from .regions import resolve

_REPORT_TAIL = re.compile(
    r"\s*(?:关于)?(?:(?:19|20)\d\d\s*年(?:度)?)?\s*(?:政府|政务)?(?:信息)?公开.*$|\s*(?:19|20)\d\d\s*年.*$"
)
_ORG = r"[\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府|政府办公室|委员会|管理局|服务局|审批局|数据局|局|中心|办公室|委|办|厅|院|署|会|站|所|馆|队|部)"
_NAMED_IN_TEXT = (
    re.compile(r"发布(?:单位|机构)\s*[|:：]?\s*[|]?\s*(" + _ORG + r")"),
    re.compile(r"现(?:予)?公布(" + _ORG + r")(?:\d{4}年度?)?(?:政府)?信息公开"),
    re.compile(r"由(" + _ORG + r")(?:[（(][^）)]*[）)])?编制"),
)
_ALIAS = re.compile(r"(?:以下简称|下称|简称)\s*[“\"「]?([\u4e00-\u9fff]{2,12}?)[”\"」]?\s*[）)]")


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", name).strip("：:，,。 ")


def agency_name(doc: Document) -> tuple[str, Evidence | None]:
    """The body that reports, as it names itself: the title's subject, else a header field or phrase."""
    text = doc.source.text
    if doc.title_span:
        a, b = doc.title_span
        title = text[a:b]
        head = _REPORT_TAIL.sub("", title.replace("\n", ""))
        head = _clean(head)
        if len(head) >= 3 and re.search(r"[\u4e00-\u9fff]", head):
            start = text.find(head[:4], a, b)
            if start >= 0:
                span_end = start + len(head) if text[start:start + len(head)] == head else start + len(head[:4])
                return head, Evidence(start, span_end, text[start:span_end], "agency.title")
            return head, None
    for pattern in _NAMED_IN_TEXT:
        m = pattern.search(text[:5000])
        if m:
            name = _clean(m.group(1))
            return name, Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)], "agency.text")
    return "", None


def agency_aliases(text: str, name: str) -> tuple[str, ...]:
    """Short names declared with 以下简称 (市政务中心) — the agency's own abbreviations."""
    out: list[str] = []
    for m in _ALIAS.finditer(text[:6000]):
        alias = m.group(1)
        window = text[max(0, m.start() - 40): m.start()]
        if name and (name[-2:] in window or alias[-2:] == name[-2:]) and alias != name and alias not in out:
            out.append(alias)
    return tuple(out)


def extract_agency(doc: Document, year: int | None) -> AgencyInfo:
    """Name, aliases and jurisdiction of the reporting agency."""
    name, evidence = agency_name(doc)
    text = doc.source.text
    division = resolve(name, year, hint=text[:3000]) if name else resolve("", year, hint=text[:3000])
    return AgencyInfo(
        name=name or "未识别机构",
        aliases=agency_aliases(text, name),
        division_code=division.code if division else None,
        division_name=division.name if division else None,
        level=division.level if division else None,
        parent_code=division.parent if division else None,
        evidence=evidence,
        status="resolved" if (name and division) else "unresolved",
    )
