"""Named reform programmes and campaigns (一网通办, “一门式”改革, 审批职能内部相对集中改革).

Four rules, applied in this order; a span claimed by one is not read again by the next:

1. ``lexicon.initiative``: a spelling from ``initiatives.tsv`` (canonical label, category).
2. ``initiative.quoted``: a quoted name followed by a programme word — “花城事好办”便利化改革行动,
   “一网、一门、一次”改革, and every quoted name listed before it (“一次不跑”和“只跑一次”改革);
   or a quoted name that ends in one itself (“阳光工程”, “省内通办”). The label is the quoted name.
3. ``initiative.pilot``: a named national or provincial pilot — 国家级政务服务标准化试点.
4. ``initiative.reform``: an unquoted name ending in 改革 whose left edge the language marks
   (a sentence start or a verb such as 深化/推进) — 审批职能内部相对集中改革 -> 审批职能内部相对集中;
   ``initiative.campaign`` the same for 专项整治/专项治理/专项行动, whose name may join two topics with 和.
   A span holding a quote is not unquoted: “五证合一、一照一码”登记制度改革 is read by rule 1 or 2.

A name the report only lists as a topic of information (行政审批制度改革信息42条) is no
initiative: the agency publishes about it, it does not carry it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .mention_lexicon import alternation, compact_key, initiative_patterns, initiative_spellings
from .mention_text import QUOTES, Claims, Found, TextView

_HAN = r"\u4e00-\u9fff"


def _canonical(name: str) -> tuple[str, str | None]:
    """The lexicon label and category of ``name`` when the lexicon knows it, else (name, None)."""
    entry = initiative_spellings().get(compact_key(name))
    return (entry.label, entry.kind) if entry else (name, None)


def _category(name: str) -> str:
    for word, notation in initiative_patterns().category_keywords:
        if word in name:
            return notation
    return "other"


def _topic_only(view: TextView, cend: int) -> bool:
    """The name is followed by 信息/专栏: the report lists it as a topic of information."""
    rest = view.compact[cend : cend + 3]
    return any(rest.startswith(w) for w in initiative_patterns().after)


def _lexicon(view: TextView, claimed: Claims) -> list[Found]:
    spellings = initiative_spellings()
    out = []
    for m in alternation(list(spellings)).finditer(view.compact):
        label, category = spellings[m.group(0)].label, spellings[m.group(0)].kind
        # a trailing 改革 belongs to the mention, not to the label
        end = m.end() + 2 if view.compact.startswith("改革", m.end()) else m.end()
        if _topic_only(view, end):
            continue
        s, e = view.span(m.start(), end)
        claimed.add(s, e)
        out.append(Found("initiative", label, s, e, "lexicon.initiative", category=category))
    return out


def _quoted(view: TextView, claimed: Claims) -> list[Found]:
    heads = "|".join(re.escape(h) for h in initiative_patterns().heads)
    pattern = re.compile(rf"“([^“”\n]{{2,14}})”\s*([{_HAN}]{{0,4}}?)(?:{heads})")
    listed = re.compile(r"“([^“”\n]{2,14})”\s*(?:、|和|及|与|以及)?\s*$")
    out = []
    for m in pattern.finditer(view.folded):
        if _topic_only(view, view.compact_pos(m.end())):
            continue
        # “一次不跑”和“只跑一次”改革: the programme word is said once for every quoted name listed before it
        names = [(m.group(1), m.start(), m.end())]
        at = m.start()
        while (prev := listed.search(view.folded, max(0, at - 24), at)) is not None:
            names.append((prev.group(1), prev.start(), prev.end()))
            at = prev.start()
        for raw, s, e in names:
            name = raw.strip()
            if re.search(r"[,，;；:：。!！?？]", name) or not re.search(f"[{_HAN}]", name):
                continue  # a sentence or a slogan with clauses, not a programme's name
            if claimed.hit(s, e):
                continue
            label, category = _canonical(name)
            claimed.add(s, e)
            out.append(Found("initiative", label, s, e, "initiative.quoted", category=category or _category(label)))
    # a quoted name that ends in a programme word itself: “阳光工程”, “清风行动”, “省内通办”
    ends = "|".join(re.escape(w) for w in initiative_patterns().quoted_ends)
    if not ends:
        return out
    for m in re.finditer(rf"“([^“”\n]{{1,12}}?(?:{ends}))”", view.folded):
        name = m.group(1).strip()
        s, e = m.start(), m.end()
        if claimed.hit(s, e) or re.search(r"[,，;；:：。!！?？、]", name) or _topic_only(view, view.compact_pos(e)):
            continue
        if name.endswith("改革"):
            name = name[:-2]
        if len(name) < 3:
            continue  # “改革”, “工程”: the word alone names nothing
        label, category = _canonical(name)
        claimed.add(s, e)
        out.append(Found("initiative", label, s, e, "initiative.quoted", category=category or _category(label)))
    return out


def _titles(view: TextView) -> Claims:
    """《…》 spans: an unquoted name inside a document's title is the document's topic."""
    titles = Claims(len(view.text))
    for s, e, _ in view.book_titles:
        titles.add(s, e)
    return titles


def _pilots(view: TextView, claimed: Claims) -> list[Found]:
    levels = "|".join(re.escape(p) for p in initiative_patterns().pilots)
    pattern = re.compile(rf"(?:{levels})[{_HAN}]{{2,12}}?试点")
    titles = _titles(view)
    out = []
    for m in pattern.finditer(view.compact):
        s, e = view.span(m.start(), m.end())
        if claimed.hit(s, e) or titles.hit(s, e) or re.search("[的和及等与]", m.group(0)):
            continue  # 国家发展改革委确定的…试点: a phrase, not a pilot's name
        claimed.add(s, e)
        out.append(Found("initiative", m.group(0), s, e, "initiative.pilot", category="standardisation"))
    return out


def _finditer_before(pattern: re.Pattern[str], head: re.Pattern[str], text: str, reach: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that is 2 to ``reach`` characters, then ``head``:
    each search starts ``reach`` characters before the next ``head``, not at every character
    (the same matches, since none can start farther from a head).

    >>> [m.group(0) for m in _finditer_before(re.compile("([甲乙丙]{2,3}?)改革"), re.compile("改革"), "甲乙改革丙改革甲乙丙改革", 3)]
    ['甲乙改革', '甲乙丙改革']
    """
    pos = 0
    while (h := head.search(text, pos + 2)) is not None:
        m = pattern.search(text, max(pos, h.start() - reach))
        if m is None:
            return
        yield m
        pos = m.end()


def _unquoted(view: TextView, claimed: Claims, head: str, longest: int, rule: str) -> list[Found]:
    """Unquoted names ending in ``head``, their left edge a stop word or a sentence boundary."""
    pats = initiative_patterns()
    stops = alternation(list(pats.stops))
    keep_head = head != "改革"  # 改革 is dropped from labels (gold rule); 专项治理 is part of the name
    titles = _titles(view)
    out = []
    for m in _finditer_before(re.compile(rf"([{_HAN}]{{2,24}}?)(?:{head})"), re.compile(head), view.compact, 24):
        run = m.group(1)
        found = list(stops.finditer(run))
        cut = found[-1].end() if found else 0
        if keep_head and found and found[-1].group(0) in ("和", "与", "及") and len(found) > 1:
            # a campaign names two topics (群众身边腐败和作风问题专项整治): the name runs across 和
            left = run[found[-2].end() : found[-1].start()]
            if 2 <= len(left) <= 8:
                cut = found[-2].end()
        name = run[cut:]
        if cut == 0 and m.start(1) > 0 and re.match(f"[{_HAN}]", view.compact[m.start(1) - 1]):
            continue  # no stop word and no boundary in reach: the name's left edge is unknown
        if not 4 <= len(name) <= longest or any(v in name for v in pats.vague):
            continue
        cstart = m.start(1) + cut
        s, e = view.span(cstart, m.end())
        if claimed.hit(s, e) or titles.hit(s, e) or _topic_only(view, m.end()):
            continue
        if any(c in QUOTES for c in view.text[s:e]):
            continue  # “五证合一、一照一码”登记制度改革: part of a quoted name, which the quoted rule reads
        label, category = _canonical(name + (m.group(0)[len(run):] if keep_head else ""))
        claimed.add(s, e)
        out.append(Found("initiative", label, s, e, rule, category=category or _category(label)))
    return out


def _reforms(view: TextView, claimed: Claims) -> list[Found]:
    out = _unquoted(view, claimed, "改革", 12, "initiative.reform")
    campaigns = "|".join(re.escape(c) for c in initiative_patterns().campaigns)
    return out + _unquoted(view, claimed, campaigns, 16, "initiative.campaign")


def find_initiatives(view: TextView) -> list[Found]:
    """Every occurrence of a named initiative in the text, in rule order (see the module docstring)."""
    claimed = Claims(len(view.text))
    found = _lexicon(view, claimed)
    found += _quoted(view, claimed)
    found += _pilots(view, claimed)
    found += _reforms(view, claimed)
    return found
