"""Initiatives and platforms named in a report: one ``Mention`` per programme or channel, canonical.

The rules in ``initiatives.py`` and ``platforms.py`` find *occurrences*; this module merges the
occurrences that name the same thing, so a report's graph has one node per programme and per
channel, labelled with the most specific name the text gives and carrying the other spellings
as alt labels:

- initiatives: one per canonical label (“一门式”改革 and 一门式服务 are 一门式);
- the government portal: 政府网站, 区政府门户网站, 政府网站平台 and a proper name given to it
  (威海市文登区人民政府门户网站“中国.文登”网) are one channel, labelled with the proper name,
  else the longest name with a place, else the most specific designation (区政府门户网站);
- the 12345 hotline: 12345平台, 12345电话 and 佛山12345热线 are one channel, labelled with its 热线 name;
- a name that ends another name of the same type is that channel (中心网站 in 政务服务中心网站,
  政府公报 in 淮安市人民政府公报);
- an unnamed 微信公众号 / 政务微博 is the report's one named account of that type, when it has one;
- a generic designation (政府公报) in a list of kinds of media (政府公报、报纸、广播、电视) is no mention.

Evidence is the occurrence that gave the label: ``text[start:end] == exact`` always holds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Document, Evidence, Mention
from .initiatives import find_initiatives
from .mention_lexicon import compact_key, platform_patterns
from .mention_text import Found, TextView
from .platforms import find_platforms, find_urls, phone_after

_PORTAL = re.compile(r"^(?P<place>[\u4e00-\u9fff]{0,12}?)(?:(?:人民)?政府(?:门户)?(?:网站|网)|门户网站)(?:平台)?$")
_NOT_A_PLACE = re.compile(r"局|中心|委|办|厅|公司|院|所|站|部|采购|公众|中国")
_LEVEL = re.compile(r"^(?:省|市|区|县|镇|乡|本级)?$")
_URL_REACH = 80  # a URL printed within this many characters after a website belongs to it


def extract_mentions(doc: Document) -> list[Mention]:
    """Every named initiative and platform of the report, canonicalised, with evidence."""
    view = TextView(doc.source.text)
    inits = find_initiatives(view)
    plats = find_platforms(view, taken=[(f.start, f.end) for f in inits], title=doc.title or "")
    return _initiative_mentions(view, inits) + _platform_mentions(view, plats)


def _evidence(view: TextView, f: Found) -> Evidence:
    return Evidence(start=f.start, end=f.end, exact=view.text[f.start : f.end], rule=f.rule)


def _alts(label: str, group: list[Found], view: TextView) -> tuple[str, ...]:
    """The other spellings of one thing: labels of the merged occurrences and their printed forms."""
    seen: list[str] = []
    for f in group:
        printed = compact_key(view.text[f.start : f.end]).strip("《》")
        for s in (f.label, printed if "这个" not in printed and "这一" not in printed else f.label):
            if s != label and s not in seen and compact_key(s) != compact_key(label):
                seen.append(s)
    return tuple(seen)


# -- initiatives ---------------------------------------------------------------------------
def _initiative_mentions(view: TextView, found: list[Found]) -> list[Mention]:
    groups: dict[str, list[Found]] = {}
    for f in sorted(found, key=lambda f: f.start):
        groups.setdefault(f.label, []).append(f)
    out = []
    for label, group in groups.items():
        first = group[0]
        category = next((f.category for f in group if f.category), None)
        out.append(Mention("initiative", label, _evidence(view, first), category=category,
                           alt_labels=_alts(label, group, view)))
    return out


# -- platforms -----------------------------------------------------------------------------
def _in_media_list(view: TextView, f: Found) -> bool:
    """The occurrence sits in a list of kinds of media (政府公报、新闻发布会和报纸、广播、电视等)."""
    clause = view.clause(f.start, f.end)
    return sum(1 for w in platform_patterns().massmedia if w in clause) >= 2


def _portal_place(f: Found) -> str | None:
    """The place of a government-portal name ("" for a designation), or None if it is no portal."""
    if f.platform_type != "website":
        return None
    m = _PORTAL.match(f.label)
    if not m or _NOT_A_PLACE.search(m.group("place")):
        return None
    return m.group("place")


def _same_place(a: str, b: str) -> bool:
    ka, kb = (re.sub(r"[省市区县]$", "", x) for x in (a, b))
    return bool(ka and kb) and (ka.endswith(kb) or kb.endswith(ka) or ka.startswith(kb) or kb.startswith(ka))


def _designation_rank(label: str) -> tuple[int, int, int]:
    """区政府门户网站 > 区政府网站 > 政府门户网站 > 政府网站 > 政府网站平台."""
    place = _PORTAL.match(label).group("place")  # type: ignore[union-attr]
    return (1 if place else 0, 1 if "门户" in label else 0, -len(label))


def _portal_groups(found: list[Found]) -> tuple[list[list[Found]], list[Found]]:
    """Group government-portal occurrences into channels; return (groups, the other occurrences)."""
    named: list[list[Found]] = []
    generic: list[Found] = []
    rest: list[Found] = []
    aliases: list[Found] = []
    for f in found:
        if f.portal_alias:
            aliases.append(f)
            continue
        place = _portal_place(f)
        if place is None:
            rest.append(f)
        elif _LEVEL.match(place):
            generic.append(f)
        else:
            for g in named:
                if _same_place(_portal_place(g[0]) or "", place):
                    g.append(f)
                    break
            else:
                named.append([f])
    for a in aliases:  # the proper name joins the portal printed right before it
        before = [g for g in named if any(0 <= a.start - x.end <= 4 for x in g)]
        (before[0] if before else named[0]).append(a) if (before or named) else named.append([a])
    if not named and generic:
        return _by_level(generic), rest
    other_levels: dict[str, list[Found]] = {}
    levels = Counter(_portal_place(f) for f in generic if _portal_place(f))
    home = levels.most_common(1)[0][0] if levels else ""
    known_level = any(re.search("[省市区县镇乡]$", _portal_place(g[0]) or "") for g in named)
    for f in generic:
        level = _portal_place(f) or ""
        match = [g for g in named if level and (_portal_place(g[0]) or "").endswith(level)]
        if match:
            match[0].append(f)
        elif level and (known_level or level != home):
            other_levels.setdefault(level, []).append(f)  # 省政府网站 in a district's report: another portal
        else:
            named[0].append(f)
    return named + list(other_levels.values()), rest


def _by_level(generic: list[Found]) -> list[list[Found]]:
    """Designations only: one portal per level printed (区政府网站 and 省政府网站 are two); those with
    no level (政府网站) are the portal of the level printed most often."""
    levels = Counter(_portal_place(f) for f in generic if _portal_place(f))
    home = levels.most_common(1)[0][0] if levels else ""
    groups: dict[str, list[Found]] = {}
    for f in generic:
        groups.setdefault(_portal_place(f) or home, []).append(f)
    return list(groups.values())


def _portal_label(group: list[Found]) -> Found:
    aliases = [f for f in group if f.portal_alias]
    if aliases:
        return aliases[0]
    named = [f for f in group if not _LEVEL.match(_portal_place(f) or "")]
    if named:
        return max(named, key=lambda f: len(f.label))
    return max(group, key=lambda f: _designation_rank(f.label))


def _suffix_groups(found: list[Found]) -> list[list[Found]]:
    """Occurrences grouped by label; a label that ends a longer label of the same type joins it."""
    by_label: dict[str, list[Found]] = {}
    for f in found:
        by_label.setdefault(f.label, []).append(f)
    labels = sorted(by_label, key=len, reverse=True)
    home: dict[str, str] = {}
    for i, short in enumerate(labels):
        ptype = by_label[short][0].platform_type
        for long in labels[:i]:
            if len(long) > len(short) and long.endswith(short) and by_label[long][0].platform_type == ptype:
                home[short] = home.get(long, long)
                break
    groups: dict[str, list[Found]] = {}
    for label in labels:
        groups.setdefault(home.get(label, label), []).extend(by_label[label])
    return list(groups.values())


def _group_label(group: list[Found]) -> Found:
    named = [f for f in group if not f.generic] or group
    return max(named, key=lambda f: len(f.label))


def _urls(view: TextView, groups: list[tuple[Found, list[Found]]]) -> dict[int, str]:
    """Each URL printed in the text goes to the website printed nearest before it (within reach)."""
    out: dict[int, str] = {}
    for at, url in find_urls(view):
        near = [(at - f.end, n) for n, (_, g) in enumerate(groups) for f in g
                if f.platform_type == "website" and 0 <= at - f.end <= _URL_REACH]
        if near:
            out.setdefault(min(near)[1], url)
    return out


def _split_types(view: TextView, found: list[Found]) -> list[Found]:
    """One quoted name used for two channels (“淮安发布”微信公众号 and “淮安发布”微博) is two channels:
    the WeChat account (or the first type printed) keeps the name, the others are labelled as printed."""
    types: dict[str, list[str]] = {}
    for f in found:
        if f.platform_type not in (None, "other") and f.platform_type not in types.setdefault(f.label, []):
            types[f.label].append(f.platform_type)
    out = []
    for f in found:
        kinds = types.get(f.label, [])
        keep = "wechat" if "wechat" in kinds else (kinds[0] if kinds else None)
        if len(kinds) > 1 and f.platform_type not in (keep, None, "other"):
            printed = compact_key(view.text[f.start : f.end]).replace("这个", "").replace("这一", "")
            f = replace(f, label=printed)
        out.append(f)
    return out


def _platform_mentions(view: TextView, found: list[Found]) -> list[Mention]:
    found = [f for f in sorted(found, key=lambda f: f.start) if not (f.generic and _in_media_list(view, f))]
    found = _split_types(view, found)
    portal, rest = _portal_groups(found)
    hotline = [f for f in rest if f.platform_type == "hotline" and "12345" in f.label]
    rest = [f for f in rest if f not in hotline]
    groups: list[tuple[Found, list[Found]]] = [(_portal_label(g), g) for g in portal]
    for head, g in groups:  # other occurrences of the portal's proper name (依托“中国.文登”这个平台)
        g += [f for f in rest if f.label == head.label]
        rest = [f for f in rest if f.label != head.label]
    if hotline:
        named = [f for f in hotline if not f.generic]
        groups.append((max(named, key=lambda f: len(f.label)) if named else hotline[0], hotline))
    suffix = _suffix_groups(rest)
    # an unnamed 微信公众号 / 政务微博 is the report's one named account of that type
    for ptype in ("wechat", "weibo"):
        named = [g for g in suffix if g[0].platform_type == ptype and not all(f.generic for f in g)]
        unnamed = [g for g in suffix if g[0].platform_type == ptype and all(f.generic for f in g)]
        if len(named) == 1 and unnamed:
            for g in unnamed:
                named[0].extend(g)
                suffix.remove(g)
    groups += [(_group_label(g), g) for g in suffix]

    groups.sort(key=lambda hg: min(f.start for f in hg[1]))
    url_of = _urls(view, groups)
    out = []
    for n, (head, group) in enumerate(groups):
        types = Counter(f.platform_type for f in group if f.platform_type not in (None, "other"))
        ptype = head.platform_type if head.platform_type in types or not types else types.most_common(1)[0][0]
        url = url_of.get(n) if ptype == "website" else None
        phone = None
        if ptype == "hotline":
            number = re.search(r"(?<!\d)\d{5}(?!\d)", head.label)  # 12345, 96345服务热线
            phone = number.group(0) if number else next(
                (p for p in (phone_after(view, f.end) for f in group) if p), None)
        out.append(Mention("platform", head.label, _evidence(view, head), platform_type=ptype or "other",
                           url=url, phone=phone, alt_labels=_alts(head.label, group, view)))
    return out
