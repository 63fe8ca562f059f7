"""The report's title: the first short line near the top that names a report.

Titles are often split over two lines in PDF dumps (``洪泽区人民政府`` / ``2023 年政府信息公开
工作年度报告``); those two lines are returned joined, with the span covering both.
"""

from __future__ import annotations

import re

_ORG_END = re.compile(r"(政府|局|委员会|委|办公室|办|中心|厅|院|会|处|室|站|所|馆|部|署|队)$")
_TITLE_WORDS = re.compile(r"(年度报告|工作报告|情况报告|落实情况|工作年报|年报|的报告)")
#: Navigation trails of web pages (首页 > 政务公开 > 年度报告): never the title.
_BREADCRUMB = re.compile(r"[>›»]|当前位置|您的位置|首页")
#: Web-page metadata run into the title line (``…年度报告发布日期:2017-01-21``): not part of the title.
_META_TAIL = re.compile(r"\s*(?:发布|发文|成文|信息)?(?:日期|时间|来源|作者|浏览次数|索引号|字号)\s*[:：|].*$")


#: A year in a 年报 title (``南京市2022年政府信息公开年报``): a bare 政府信息公开年报 is a menu item.
_YEAR_IN = re.compile(r"(?:19|20)\d\d|[〇○零一二三四五六七八九]{4}")


def find_title(text: str) -> tuple[str, tuple[int, int] | None]:
    """Return (title, (start, end)) or ("", None) when the text has no title line.

    >>> find_title("威海市文登区政务服务中心2016年政府信息公开工作年度报告发布日期:2017-01-21\\n正文")
    ('威海市文登区政务服务中心2016年政府信息公开工作年度报告', (0, 29))
    >>> find_title("洪泽区人民政府\\n2023 年政府信息公开工作年度报告\\n")
    ('洪泽区人民政府2023 年政府信息公开工作年度报告', (0, 26))
    >>> find_title("首页 > 政务公开 > 年度报告\\n某市人民政府2019年政府信息公开\\n工作年度报告\\n")[0]
    '某市人民政府2019年政府信息公开工作年度报告'
    """
    offset = 0
    lines: list[tuple[int, str]] = []
    for line in text.split("\n")[:25]:
        lines.append((offset, line))
        offset += len(line) + 1
    nonempty = [(o, ln) for o, ln in lines if ln.strip()]
    for i, (o, ln) in enumerate(nonempty[:12]):
        s = ln.strip()
        if "|" in s or len(s) > 70 or _BREADCRUMB.search(s):
            continue
        if _TITLE_WORDS.search(s) and ("报告" in s or ("年报" in s and _YEAR_IN.search(s))):
            start = o + (len(ln) - len(ln.lstrip()))
            cut = _META_TAIL.search(s)
            if cut and _TITLE_WORDS.search(s[: cut.start()]):
                s = s[: cut.start()]
            end = start + len(s)
            # a title split over two lines: the previous short line holds the body's name
            if i > 0 and re.match(r"^\d{4}\s*年", s):
                po, prev = nonempty[i - 1]
                p = prev.strip()
                if len(p) <= 30 and not re.search(r"[|。，,：:]|\d", p) and _ORG_END.search(p):
                    return p + s, (po + (len(prev) - len(prev.lstrip())), end)
            # ...or cut inside its words (``X市人民政府2019年政府信息公开`` / ``工作年度报告``)
            if i > 0 and re.match(r"^(?:工作)?(?:年度)?(?:报告|年报)", s):
                po, prev = nonempty[i - 1]
                p = prev.strip()
                if len(p) <= 50 and "|" not in p and not re.search(r"[。，,：:]", p) and re.search(r"(?:公开|情况|工作)$", p):
                    return p + s, (po + (len(prev) - len(prev.lstrip())), end)
            return s, (start, end)
    return "", None
