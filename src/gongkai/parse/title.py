"""The report's title: the first short line near the top that names a report.

Titles are often split over two lines in PDF dumps (``洪泽区人民政府`` / ``2023 年政府信息公开
工作年度报告``); those two lines are returned joined, with the span covering both.
"""

from __future__ import annotations

import re

_ORG_END = re.compile(r"(政府|局|委员会|委|办公室|办|中心|厅|院|会|处|室|站|所|馆|部|署|队)$")
_TITLE_WORDS = re.compile(r"(年度报告|工作报告|情况报告|落实情况|工作年报|年报)")


def find_title(text: str) -> tuple[str, tuple[int, int] | None]:
    """Return (title, (start, end)) or ("", None) when the text has no title line."""
    offset = 0
    lines: list[tuple[int, str]] = []
    for line in text.split("\n")[:25]:
        lines.append((offset, line))
        offset += len(line) + 1
    nonempty = [(o, ln) for o, ln in lines if ln.strip()]
    for i, (o, ln) in enumerate(nonempty[:12]):
        s = ln.strip()
        if "|" in s or len(s) > 70:
            continue
        if _TITLE_WORDS.search(s) and "报告" in s:
            start = o + (len(ln) - len(ln.lstrip()))
            end = o + len(ln.rstrip())
            # a title split over two lines: the previous short line holds the body's name
            if i > 0 and re.match(r"^\d{4}\s*年", s):
                po, prev = nonempty[i - 1]
                p = prev.strip()
                if len(p) <= 30 and not re.search(r"[|。，,：:]|\d", p) and _ORG_END.search(p):
                    return p + s, (po + (len(prev) - len(prev.lstrip())), end)
            return s, (start, end)
    return "", None
