"""Numbers stated in prose -> headline ``H.*`` metrics and other disclosure-work ``X.*`` metrics.

The rules are data (``data/text-rules.tsv``): a label that names what is counted, then the
number and its measure word (``主动公开政府信息170多条``), or a sentence that states a zero in
words (``未收到政府信息公开申请``). Precision comes first, so a reading is dropped when:

* a comparison or a share sits between label and number (``同比增长6.4%``, ``占65.16%``), or
  words that make it count something else (``涉及12个部门``, ``申请人15名``, ``决定书``, ``点击量``,
  ``投诉``, ``办事群众``);
* the number is a part of a total (it follows ``其中`` in the sentence, for totals);
* it is another period's: the clause opens with last year (``上年度…``), or the figure runs over
  years (``《条例》施行以来``, ``截至…累计``, ``2018年至2020年``, ``“十三五”期间``; ``今年以来`` is the
  year itself), or it is a target or plan (``力争…``, ``计划全年…不少于``) or a part of the year
  (``第二季度``, ``1至11月``);
* the context the rule needs is there only in denied form (``均不涉及政府信息公开``);
* a received count is said to include carried-over requests (``…89件（含上年结转…``);
* two readings of the same strength disagree and the first is not the largest (a total comes first
  and is not smaller than its parts) or they come from weak, loosely worded rules (``发布…信息N条``
  twice is a list of channels) or the first is one channel's share (``通过政府网站主动公开…``), or a
  stated number contradicts a zero in words;
* the standard tables already gave the indicator (``table_metrics``): the table wins over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from ..model import Document, Evidence, Metric, Section
from .numerals import NUMBER, value_of
from .prefilter import Finder

_MEASURES = {
    "count": "人次|条|件|宗|次|篇|个|场|期|项|份|起|名|人|台|家|例|套|班",
    "CNY": "元",
    "percent": "%|％",
}
#: Between a label and its number: a few words, no clause break, no digit, no table bar.
_GAP = r"(?P<gap>[^，,。；;：:！？!?\d\n|“”《》（）()零〇一二两三四五六七八九十百千万亿]{0,8}?)"
#: Words in the gap that turn the number into something else (a change, a share, a part).
_GAP_VETO = re.compile(r"增长|增加|减少|下降|同比|较上年|比上年|上升|占|比例|比重|率|其中|维持|纠正|后|以上|以下|平均|人均"
                       r"|投诉|求助|诉求|举报|办事|涉及|申请人|决定|点击|访问|浏览|阅读|不少于|不低于|至少|力争")
#: Before the label in its sentence: the number runs over several years, not the report's year
#: (``《条例》施行以来，累计…``, ``截至2010年底，累计…``); ``今年以来`` / ``2019年以来`` is the year itself.
#: So does a span of years (``2018年至2020年``, ``“十三五”期间``, ``近三年``); ``截至12月31日，全年累计…`` is the year.
_CUMULATIVE = re.compile(r"(?<!年)(?<!年初)以来|(?<![今本当]年)(?<!年初)以来[^。；;]*累计"
                         r"|(?:截至|截止)[^。；;]*(?<![全本今当]年)(?<!年度)累计"
                         r"|\d{4}\s*年?\s*(?:至|到|—|–|-|～|~)\s*\d{4}\s*年|十[一二三四五六]五[”\"]?(?:期间|时期)"
                         r"|近[两二三四五六七八九十]年|[两二三四五六七八九十]年来")
#: Before the label in its sentence: the number is not the year's result but a target or plan
#: (``力争…``, ``下一步，计划全年发布…``, ``明年将…``; not ``根据年度工作计划，…``) or a part of the year (``第二季度``, ``上半年``, ``1至11月``).
_NOT_THE_YEAR = re.compile(r"力争|计划[^，,。；;]{0,4}?(?:发布|召开|举办|开展|公开|完成|全年|年内|于|在)|拟于|预计|明年|下一步|下一年|来年|第[一二三四1-4]季度|[上下]半年|前三季度"
                           r"|(?<![\d年])\d{1,2}\s*(?:至|到|-|—|～)\s*(?:[1-9]|1[01])\s*月(?!\d)"
                           r"|(?<![一二三四五六七八九十])[一二三四五六七八九十]\s*(?:至|到)\s*(?:[一二三四五六七八九]|十[一]?)\s*月")
#: The clause before the label opens with last year (``上年度主动公开政府信息1100条，本年度…``): a
#: comparison figure, not the report's year. (``上年结转`` is a label of its own and starts the match.)
_LAST_YEAR = re.compile(r"^\s*(?:上(?:一)?(?:个)?年(?:度)?|去年|前一年)(?!结转)")
#: Context that is denied (``均不涉及政府信息公开``) does not count as context.
_NEGATED_CONTEXT = re.compile(r"(?:不涉及|不属于|并非|无关)(?:政府)?(?:信息公开|政务公开)[^，,。；;]*"
                              r"|与(?:政府)?(?:信息公开|政务公开)[^，,。；;]{0,6}无关")
#: Sentence boundaries for ``其中`` and for the vetoes.
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
#: A full sentence for context: clauses joined by ``；`` share their subject (``对申请的答复：予以公开
#: 10件；不予公开3件``).
_FULL_STOP = re.compile(r"[。！？!?\n]")
#: Indicators that are totals: a reading after 其中 in the same sentence is one of their parts.
_TOTALS = {
    "H.proactiveItems", "H.requestsReceived", "H.requestsAnswered", "H.consultations", "H.reviews",
    "H.lawsuits", "H.interpretations", "H.pressConferences", "H.concernsAnswered",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of ``text-rules.tsv``, compiled."""

    indicator: str
    kind: str  # "stated" | "zero" | "sum" (parts added up)
    strength: int
    unit: str  # count | CNY | percent
    context: re.Pattern[str] | None
    veto: re.Pattern[str] | None
    pattern: re.Pattern[str]
    line: int

    @property
    def name(self) -> str:
        return f"text.{self.indicator.split('.', 1)[1]}.{self.kind}"


def _compile(pattern: str, unit: str) -> tuple[str, re.Pattern[str]]:
    base, _, narrowed = unit.partition(":")
    measures = narrowed or _MEASURES[base]
    number = r"\s*" + NUMBER + rf"\s*(?P<measure>{measures})(?!工作日|个工作日|小时)"
    if "{N}" not in pattern:
        pattern += "{GAP}{N}"
    regex = pattern.replace("{GAP}", _GAP).replace("{N}", number)
    return base, re.compile(regex)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules of ``data/text-rules.tsv`` (read once per process)."""
    text = resources.files("gongkai").joinpath("data/text-rules.tsv").read_text(encoding="utf-8")
    out: list[Rule] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        indicator, kind, strength, unit, context, veto, pattern = line.split("\t")
        base, regex = (unit.partition(":")[0], re.compile(pattern)) if kind == "zero" else _compile(pattern, unit)
        out.append(Rule(indicator, kind, int(strength), base, None if context == "-" else re.compile(context),
                        None if veto == "-" else re.compile(veto), regex, n))
    return tuple(out)


@lru_cache(maxsize=1)
def _finders() -> tuple[tuple[Rule, Finder], ...]:
    """Each rule with its ``Finder``: the same matches as ``finditer``, tried only where one can start
    and only in texts that hold a word every match contains (most rules never run on most reports)."""
    return tuple((rule, Finder(rule.pattern)) for rule in rules())


@dataclass(frozen=True, slots=True)
class _Reading:
    rule: Rule
    value: Decimal
    start: int
    end: int
    words: bool  # a zero stated in words


def _sentence(text: str, pos: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    """The span of the sentence holding ``pos``: from after the last end before it to the next end.

    >>> _sentence("甲。乙丙；丁", 3)
    (2, 4)
    """
    stops = _end_offsets(text, ends)
    i = bisect_left(stops, pos)
    return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else len(text))


@lru_cache(maxsize=4)
def _end_offsets(text: str, ends: re.Pattern[str]) -> list[int]:
    """Offsets of every sentence end in ``text``, found once per report (``ends`` is one character
    class), so each reading's sentence is two bisections instead of a walk back character by character."""
    return [m.start() for m in ends.finditer(text)]


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last comma or sentence end)."""
    return max(text.rfind(c, 0, pos) for c in "，,。；;\n") + 1


def _in_context(rule: Rule, text: str, pos: int, sections: tuple[Section, ...]) -> bool:
    """The rule's context occurs in the full sentence around ``pos`` (denied context removed) or in a
    title of the sections that contain it."""
    if rule.context is None:
        return True
    start, end = _sentence(text, pos, _FULL_STOP)
    part = text.find("其中", pos, end)  # context named only in a part (…430件，其中政府信息公开类36件) is not the whole's
    sentence = _NEGATED_CONTEXT.sub("", text[start:part if part >= 0 else end])
    return bool(rule.context.search(sentence) or rule.context.search(_titles(sections, pos)))


def _titles(sections: tuple[Section, ...], pos: int) -> str:
    """The titles of the sections that contain ``pos`` (outermost first)."""
    return " ".join(s.title for s in sections if s.start <= pos < s.end)


def _readings(doc: Document) -> list[_Reading]:
    text = doc.source.text
    found: list[_Reading] = []
    for rule, finder in _finders():
        for m in finder.finditer(text):
            s_start, s_end = _sentence(text, m.start())
            sentence = text[s_start:s_end]
            if not _in_context(rule, text, m.start(), doc.sections):
                continue
            if rule.indicator in _TOTALS and "其中" in text[s_start:m.start()]:
                continue
            if rule.veto and rule.veto.search(text, s_start, m.start()):
                continue
            if rule.kind == "stated" and (_CUMULATIVE.search(text, s_start, m.start())
                                          or _NOT_THE_YEAR.search(text, s_start, m.start())):
                continue
            if _LAST_YEAR.match(text[_clause_start(text, m.start()):m.start()]):
                continue
            if rule.kind == "zero":
                if re.search(r"\d", sentence[m.start() - s_start:m.end() - s_start]):
                    continue
                found.append(_Reading(rule, Decimal(0), m.start(), m.end(), True))
                continue
            gap = m.groupdict().get("gap") or ""
            if _GAP_VETO.search(gap):
                continue
            value = value_of(m)
            if value is None:
                continue
            if m.group("approx1") and m.group("mult"):  # "3多万": not a number form reports use
                continue
            found.append(_Reading(rule, value, m.start(), m.end(), False))
    return found


#: A request received through one channel (当面申请58宗, 网上申请31宗): parts of H.requestsReceived.
_CHANNEL_PART = re.compile(
    r"(?P<channel>当面|现场|窗口|网上|网络|在线|互联网|信函|邮寄|传真|电子邮件|邮件|电话)(?:方式)?(?:提交|提出|递交)?(?:的)?申请"
    r"(?:共|为)?\s*" + NUMBER + r"\s*(?P<measure>件|宗|个|条)"
)
#: What may stand between two channel parts: punctuation, 其中/另/以及, nothing else.
_PART_GLUE = re.compile(r"^[\s，,、；;。]*(?:其中|另有|另|以及|和|及)?[\s，,、；;]*$")
_SUM_RULE = Rule("H.requestsReceived", "sum", 1, "count", None, None, _CHANNEL_PART, 0)


def _channel_sum(doc: Document) -> _Reading | None:
    """H.requestsReceived as the sum of its channels when the text states only the parts.

    The parts must follow each other (only punctuation or 其中/另/和 between them), name distinct
    channels, and sit in a sentence or section about disclosure requests; a total stated anywhere
    wins (the caller only asks when no total was read).
    """
    text = doc.source.text
    parts = [m for m in _CHANNEL_PART.finditer(text)]
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in parts:
        if run and _PART_GLUE.match(text[run[-1].end():m.start()]) and m.group("channel") not in {r.group("channel") for r in run}:
            run.append(m)
        else:
            run = [m]
        if len(run) >= 2 and len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return None
    s_start, _ = _sentence(text, best[0].start())
    context = text[s_start:best[-1].end()] + " " + _titles(doc.sections, best[0].start())
    if not re.search(r"依申请|信息公开申请|公开申请", context) or re.search(r"答复|办结|不予|部分公开", text[s_start:best[0].start()]):
        return None
    values = [value_of(m) for m in best]
    if any(v is None for v in values):
        return None
    return _Reading(_SUM_RULE, sum(values, Decimal(0)), best[0].start(), best[-1].end(), False)


#: Indicators whose measure covers several categories that reports list side by side
#: (非本机关信息 N件, 信息不存在 M件 -> H.requestsNotHeld N+M): distinct rules in one sentence add up.
_CATEGORY_SUMS = {"H.requestsNotHeld"}
_SUM_OF_CATEGORIES = Rule("H.requestsNotHeld", "sum", 3, "count", None, None, re.compile(""), 0)


def _add_categories(text: str, rs: list[_Reading]) -> list[_Reading]:
    """Readings of distinct category rules within one sentence, replaced by their sum."""
    out: list[_Reading] = []
    by_sentence: dict[tuple[int, int], list[_Reading]] = {}
    for r in rs:
        by_sentence.setdefault(_sentence(text, r.start), []).append(r)
    for group in by_sentence.values():
        lines = [r.rule.line for r in group]
        if len(group) > 1 and len(set(lines)) == len(lines) and not any(r.words for r in group):
            group.sort(key=lambda r: r.start)
            rule = Rule(group[0].rule.indicator, "sum", group[0].rule.strength, group[0].rule.unit, None, None,
                        _SUM_OF_CATEGORIES.pattern, 0)
            out.append(_Reading(rule, sum((r.value for r in group), Decimal(0)), group[0].start, group[-1].end, False))
        else:
            out.extend(group)
    return out


#: The clause before a label names a channel (``通过政府网站主动公开…``): the reading is one channel's
#: share, so it cannot be taken for the total when other readings disagree with it.
_CHANNEL_BEFORE = re.compile(r"(?:通过|利用|依托|借助|经由)[^，,。；;]{1,24}$")


def _through_channel(text: str, r: _Reading) -> bool:
    return bool(text) and bool(_CHANNEL_BEFORE.search(text, _clause_start(text, r.start), r.start))


def _decide(readings: list[_Reading], text: str = "") -> tuple[list[_Reading], list[str]]:
    """One reading per indicator, or none when the readings disagree (with a note saying so)."""
    by_indicator: dict[str, list[_Reading]] = {}
    for r in readings:
        by_indicator.setdefault(r.rule.indicator, []).append(r)
    for indicator in _CATEGORY_SUMS & set(by_indicator):
        by_indicator[indicator] = _add_categories(text, by_indicator[indicator])
    kept: list[_Reading] = []
    notes: list[str] = []
    for indicator, rs in by_indicator.items():
        best = max(r.rule.strength for r in rs)
        top = sorted((r for r in rs if r.rule.strength == best), key=lambda r: r.start)
        values = {r.value for r in top}
        if len(values) == 1:
            kept.append(top[0])
            continue
        stated = [r for r in top if not r.words]
        if any(r.words for r in top) and any(r.value != 0 for r in stated):
            notes.append(f"{indicator}: a zero in words and a number disagree; not recorded")
            continue
        first = top[0]
        if first.value == max(values) and best >= 3 and not _through_channel(text, first):
            kept.append(first)  # a total stated first, then parts or sub-scopes (named labels only)
        else:
            notes.append(f"{indicator}: the text states {', '.join(str(v) for v in sorted(values))}; not recorded")
    return sorted(kept, key=lambda r: r.start), notes


def extract_numbers_with_notes(doc: Document, fmt: str, table_metrics: list[Metric]) -> tuple[list[Metric], list[str]]:
    """``extract_numbers`` plus what was left out and why (for ``gongkai inspect``)."""
    from_tables = {m.indicator for m in table_metrics if m.indicator.startswith("H.")}
    text = doc.source.text
    readings = _readings(doc)
    if not any(r.rule.indicator == "H.requestsReceived" for r in readings):
        summed = _channel_sum(doc)
        if summed is not None:
            readings.append(summed)
    kept, notes = _decide(readings, text)
    out: list[Metric] = []
    for r in kept:
        if r.rule.indicator in from_tables:
            notes.append(f"{r.rule.indicator}: the table gives it; the text's {r.value} is not used")
            continue
        note = "zero stated in words" if r.words else ""
        if r.rule.kind == "sum":
            note = ("sum of the channels the text lists; no total is stated" if r.rule.indicator == "H.requestsReceived"
                    else "sum of the categories the sentence lists")
        ev = Evidence(r.start, r.end, text[r.start:r.end], r.rule.name, note=note,
                      confidence=0.9 if r.rule.kind == "sum" else 1.0)
        out.append(Metric(indicator=r.rule.indicator, dims=(), value=r.value, unit=r.rule.unit,
                          evidence=ev, stated_in_words=r.words))
    return out, notes


def extract_numbers(doc: Document, fmt: str, table_metrics: list[Metric]) -> list[Metric]:
    """Headline ``H.*`` metrics and other disclosure-work numbers (``X.*``) stated in the text.

    ``fmt`` is the report's format; ``table_metrics`` are the standard tables' metrics, whose
    ``H.*`` indicators are not read from the text again.

    >>> from gongkai.parse import parse
    >>> from gongkai.read import read_text
    >>> doc = parse(read_text("一、概述\\n本年度主动公开政府信息170多条。本年度未收到政府信息公开申请。"))
    >>> [(m.indicator, m.value, m.evidence.exact) for m in extract_numbers(doc, "free-text", [])]
    [('H.proactiveItems', Decimal('170'), '主动公开政府信息170多条'), ('H.requestsReceived', Decimal('0'), '未收到政府信息公开申请')]
    """
    return extract_numbers_with_notes(doc, fmt, table_metrics)[0]
