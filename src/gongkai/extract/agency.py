"""The reporting agency: its full name, the short names it uses for itself, its jurisdiction."""

from __future__ import annotations

import re

from ..model import AgencyInfo, Document, Evidence
from .regions import Division, index_for_year, resolve

#: Division name endings whose names repeat across cities (鼓楼区, 城关区...): the canonical name
#: of such a body carries its city (淮安市洪泽区人民政府); a county-level city does not (靖江市…).
_NEEDS_CITY = ("区", "县", "旗", "特区", "林区")
_MUNICIPALITIES = ("110000", "120000", "310000", "500000")

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


_LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年(?:度)?\s*")
_ORG_TAIL = re.compile(r"(?:政府|局|委员会|委|办公室|办|中心|厅|院|会|处|室|站|所|馆|部|署|队|公司|集团|学校|大学|学院|医院|银行|"
                       r"街道|镇|乡|区|县|市|省|州|盟|旗|社|台|团|组)$")
_SIGNATURE = re.compile(r"^[ \t]*(" + _ORG + r")[ \t]*$", re.M)


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", name).strip("：:，,。 ")


def agency_name(doc: Document) -> tuple[str, Evidence | None]:
    """The body that reports, as it names itself: the title's subject, else a header field or phrase."""
    text = doc.source.text
    if doc.title_span:
        a, b = doc.title_span
        title = text[a:b]
        head = _REPORT_TAIL.sub("", _LEADING_YEAR.sub("", title.replace("\n", "")))
        head = _clean(re.sub(r"^关于", "", _clean(head)))
        if len(head) >= 3 and re.search(r"[\u4e00-\u9fff]", head) and _ORG_TAIL.search(head):
            start = text.find(head[:4], a, b)
            if start >= 0:
                span_end = start + len(head) if text[start:start + len(head)] == head else start + len(head[:4])
                return head, Evidence(start, span_end, text[start:span_end], "agency.title")
            return head, None
    signed = signature_name(text)
    if signed:
        return signed
    for pattern in _NAMED_IN_TEXT:
        m = pattern.search(text[:5000])
        if m:
            name = _clean(m.group(1))
            return name, Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)], "agency.text")
    return "", None


def signature_name(text: str) -> tuple[str, Evidence] | None:
    """The body that signs the report: a line holding only an organisation's name, among the last
    lines and followed by nothing but a date line (or the end of the text).

    >>> signature_name("正文。\\n佛山市人民政府行政服务中心\\n2015年11月24日\\n")[0]
    '佛山市人民政府行政服务中心'
    """
    tail_start = max(0, len(text) - 300)
    for m in reversed(list(_SIGNATURE.finditer(text, tail_start))):
        after = text[m.end():].strip()
        if after and not re.fullmatch(r"[（(]?\s*[\d〇○零一二三四五六七八九十]{4}\s*年[\d一二三四五六七八九十\s]{1,4}月"
                                      r"[\d一二三四五六七八九十\s]{1,4}日\s*[）)]?", after):
            continue
        name = _clean(m.group(1))
        if len(name) >= 4:
            return name, Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)], "agency.signature")
    return None


def agency_aliases(text: str, name: str) -> tuple[str, ...]:
    """Short names declared with 以下简称 (市政务中心) — the agency's own abbreviations."""
    out: list[str] = []
    for m in _ALIAS.finditer(text[:6000]):
        alias = m.group(1)
        window = text[max(0, m.start() - 40): m.start()]
        if name and (name[-2:] in window or alias[-2:] == name[-2:]) and alias != name and alias not in out:
            out.append(alias)
    for short in _shorter_forms(name):
        if short not in out and short in text.replace(name, ""):
            out.append(short)
    return tuple(out)


_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|地区|盟|区|县|旗)(?!政府|人民政府)")
_TOO_GENERIC = {"人民政府", "人民政府办公室", "政府办公室", "办公室", "政府"}


def _shorter_forms(name: str) -> list[str]:
    """The name without its leading place names, as a report calls itself further on.

    >>> _shorter_forms("威海市文登区政务服务中心")
    ['文登区政务服务中心', '政务服务中心']
    >>> _shorter_forms("淮安市人民政府")
    []
    """
    out: list[str] = []
    rest = name
    while True:
        m = _PLACE_PREFIX.match(rest)
        if not m or m.end() >= len(rest):
            break
        rest = rest[m.end():]
        if len(rest) >= 4 and rest not in _TOO_GENERIC and not rest.startswith("人民政府"):
            out.append(rest)
    return out


def canonical_name(name: str, division: Division | None, year: int | None) -> str:
    """One name per body across reports and years: the fuller name for a district or county.

    ``洪泽区人民政府`` and ``淮安市洪泽区人民政府`` are the same body; its canonical name carries the
    city (district names repeat across cities). A province prefix is dropped (``江苏省淮安市人民政府``
    -> ``淮安市人民政府``), and so is a city before a county-level city (``泰州市靖江市…`` -> ``靖江市…``),
    as those bodies name themselves. Names without their division's name are returned as they are.

    >>> canonical_name("洪泽区人民政府", resolve("洪泽区人民政府", 2023), 2023)
    '淮安市洪泽区人民政府'
    >>> canonical_name("江苏省淮安市人民政府", resolve("江苏省淮安市人民政府", 2024), 2024)
    '淮安市人民政府'
    >>> canonical_name("靖江市行政审批局", resolve("靖江市行政审批局", 2019), 2019)
    '靖江市行政审批局'
    """
    if division is None or division.level == "province":
        return name
    at = name.find(division.name)
    if at < 0:
        return name
    body = name[at + len(division.name):]
    if not body:
        return name
    if division.level == "prefecture":
        return division.name + body
    parent = index_for_year(year).by_code.get(division.parent or "")
    needs_city = division.name.endswith(_NEEDS_CITY)
    if needs_city and parent is not None and (parent.level == "prefecture" or parent.code in _MUNICIPALITIES):
        return parent.name + division.name + body
    return division.name + body


def _place_only(name: str, year: int | None) -> bool:
    """The title names only places (``淮安市2019年…``, ``江苏省南京市鼓楼区2019年…``)."""
    names = index_for_year(year).by_name
    rest = name
    while rest:
        for n in range(min(len(rest), 12), 1, -1):
            if rest[:n] in names:
                rest = rest[n:]
                break
        else:
            return False
    return bool(name)


def extract_agency(doc: Document, year: int | None) -> AgencyInfo:
    """Name, aliases and jurisdiction of the reporting agency.

    The name is made canonical (``canonical_name``) so that one body is one node across years;
    the name as printed is kept as an alias when it differs.
    """
    stated, evidence = agency_name(doc)
    text = doc.source.text
    place_alias: tuple[str, ...] = ()
    if stated and _place_only(stated, year):
        # a report titled with its place alone is the government's: 淮安市 -> 淮安市人民政府
        place_alias, stated = (stated,), stated + "人民政府"
    division = resolve(stated, year, hint=text[:3000]) if stated else None
    name = canonical_name(stated, division, year) if stated else ""
    aliases = agency_aliases(text, stated)
    if name != stated and stated:
        aliases = (stated, *[a for a in aliases if a != stated])
    aliases = (*aliases, *[a for a in place_alias if a not in aliases])
    return AgencyInfo(
        name=name or "未识别机构",
        aliases=aliases,
        division_code=division.code if division else None,
        division_name=division.name if division else None,
        level=division.level if division else None,
        parent_code=division.parent if division else None,
        evidence=evidence,
        status="resolved" if (name and division) else "unresolved",
    )
