"""The lexicons behind initiatives and platforms, read from the commented TSV files in ``gongkai/data``.

Vocabulary lives in data files so that a reviewer can read, extend and cite it without reading
code: ``initiatives.tsv`` and ``platforms.tsv`` (names with a fixed canonical label),
``platform-patterns.tsv`` (the words that end, stop and qualify a channel name) and
``initiative-categories.tsv`` (the category scheme).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import GongkaiError
from ..resources import data_file
from .mention_text import QUOTES, fold_text


@dataclass(frozen=True, slots=True)
class Entry:
    """A lexicon entry: one canonical label and the spellings that mean it."""

    label: str
    alts: tuple[str, ...]
    kind: str  # initiative category notation, or platform type
    learnt: str


@dataclass(frozen=True, slots=True)
class Head:
    """A word that ends a channel name (网站, 热线, 公众号) and what it requires in front of it."""

    word: str
    platform_type: str
    mode: str  # "named" | "generic" | "place"


@dataclass(frozen=True, slots=True)
class Venue:
    """A place the public goes to (政务服务中心, 档案馆): a channel only where the text puts something there."""

    word: str
    platform_type: str
    need: str  # "locative" (a locative word before it, or a reading word in the clause) | "reading"


@dataclass(frozen=True, slots=True)
class PlatformPatterns:
    """The vocabulary of ``platform-patterns.tsv``."""

    heads: tuple[Head, ...]  # longest first
    stops: tuple[str, ...]
    plurals: tuple[str, ...]
    generics: tuple[str, ...]
    rejects: frozenset[str]
    massmedia: tuple[str, ...] = ()
    media_suffixes: tuple[str, ...] = ()  # longest first
    document_words: tuple[str, ...] = ()
    reported: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    venues: tuple[Venue, ...] = ()
    locatives: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()
    service_numbers: tuple[str, ...] = ()
    shared: frozenset[str] = frozenset()
    venue_uses: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()


class LexiconError(GongkaiError):
    """A lexicon data file is malformed."""


@lru_cache(maxsize=8192)
def compact_key(s: str) -> str:
    """A spelling as the compact text view has it: folded, no quotes, no spaces.

    >>> compact_key("“互联网＋”政务服务")
    '互联网+政务服务'
    """
    return fold_text("".join(c for c in s if c not in QUOTES and not c.isspace()))


def _rows(name: str, width: int) -> list[list[str]]:
    path = data_file(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror or exc})") from exc
    rows = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            raise LexiconError(f"{path}:{n}: expected {width} tab-separated columns, found {len(cells)}")
        rows.append([c.strip() for c in cells])
    return rows


def _entries(name: str) -> tuple[Entry, ...]:
    out = []
    for label, alts, kind, learnt, *_ in _rows(name, 4):
        out.append(Entry(label, tuple(a for a in alts.split("|") if a), kind, learnt))
    return tuple(out)


@lru_cache(maxsize=None)
def initiatives() -> tuple[Entry, ...]:
    """``initiatives.tsv``: canonical reform programmes."""
    return _entries("initiatives.tsv")


@lru_cache(maxsize=None)
def initiative_spellings() -> dict[str, Entry]:
    """Every spelling of ``initiatives.tsv`` (compact form) -> its entry."""
    return {compact_key(s): e for e in initiatives() for s in (e.label, *e.alts)}


@lru_cache(maxsize=None)
def platforms() -> tuple[Entry, ...]:
    """``platforms.tsv``: national and provincial channels with a fixed name."""
    return _entries("platforms.tsv")


@lru_cache(maxsize=None)
def categories() -> tuple[str, ...]:
    """Notations of ``initiative-categories.tsv``."""
    return tuple(row[0] for row in _rows("initiative-categories.tsv", 5))


@lru_cache(maxsize=None)
def platform_patterns() -> PlatformPatterns:
    """``platform-patterns.tsv``: heads, stop words, plural and generic qualifiers, rejected labels."""
    heads, stops, plurals, generics, rejects = [], [], [], [], set()
    lists: dict[str, list[str]] = {"massmedia": [], "media-suffix": [], "document-word": [], "reported": [],
                               "place": [], "marker": [], "locative": [], "reading": [], "service-number": [], "shared": [], "venue-use": [], "modifier": []}
    venues: list[Venue] = []
    for row in _rows("platform-patterns.tsv", 2):
        kind, value = row[0], row[1]
        if kind in lists:
            lists[kind].append(value)
        elif kind == "head":
            if len(row) < 4:
                raise LexiconError(f"{data_file('platform-patterns.tsv')}: head '{value}' needs a type and a mode")
            heads.append(Head(compact_key(value), row[2], row[3]))
        elif kind == "venue":
            if len(row) < 4 or row[3] not in ("locative", "reading"):
                raise LexiconError(f"{data_file('platform-patterns.tsv')}: venue '{value}' needs a type and "
                                   "a need (locative | reading)")
            venues.append(Venue(value, row[2], row[3]))
        elif kind == "stop":
            stops.append(value)
        elif kind == "plural":
            plurals.append(value)
        elif kind == "generic":
            generics.append(value)
        elif kind == "reject":
            rejects.add(value)
        else:
            raise LexiconError(f"{data_file('platform-patterns.tsv')}: unknown kind '{kind}'")
    by_len = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731 - longest match first
    return PlatformPatterns(
        heads=tuple(sorted(heads, key=lambda h: len(h.word), reverse=True)),
        stops=by_len(stops),
        plurals=by_len(plurals),
        generics=by_len(generics),
        rejects=frozenset(rejects),
        massmedia=tuple(lists["massmedia"]),
        media_suffixes=by_len(lists["media-suffix"]),
        document_words=tuple(lists["document-word"]),
        reported=tuple(lists["reported"]),
        places=tuple(lists["place"]),
        markers=tuple(lists["marker"]),
        venues=tuple(sorted(venues, key=lambda v: len(v.word), reverse=True)),
        locatives=by_len(lists["locative"]),
        readings=tuple(lists["reading"]),
        service_numbers=tuple(lists["service-number"]),
        shared=frozenset(compact_key(w) for w in lists["shared"]),
        venue_uses=tuple(lists["venue-use"]),
        modifiers=tuple(lists["modifier"]),
    )


@dataclass(frozen=True, slots=True)
class InitiativePatterns:
    """The vocabulary of ``initiative-patterns.tsv``."""

    heads: tuple[str, ...]
    campaigns: tuple[str, ...]
    pilots: tuple[str, ...]
    stops: tuple[str, ...]
    vague: tuple[str, ...]
    after: tuple[str, ...]
    category_keywords: tuple[tuple[str, str], ...]  # (keyword, category notation), in file order
    quoted_ends: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def initiative_patterns() -> InitiativePatterns:
    """``initiative-patterns.tsv``: programme heads, pilot levels, stop and vague words, category keywords."""
    found: dict[str, list[str]] = {"head": [], "campaign": [], "pilot": [], "stop": [], "vague": [], "after": [],
                                   "quoted-end": []}
    keywords: list[tuple[str, str]] = []
    for row in _rows("initiative-patterns.tsv", 2):
        kind, value = row[0], row[1]
        if kind == "category" and len(row) >= 3:
            keywords.append((value, row[2]))
        elif kind in found:
            found[kind].append(value)
        else:
            raise LexiconError(f"{data_file('initiative-patterns.tsv')}: unknown kind '{kind}'")
    return InitiativePatterns(
        heads=tuple(sorted(found["head"], key=len, reverse=True)),
        campaigns=tuple(sorted(found["campaign"], key=len, reverse=True)),
        pilots=tuple(sorted(found["pilot"], key=len, reverse=True)),
        stops=tuple(sorted(found["stop"], key=len, reverse=True)),
        vague=tuple(found["vague"]),
        after=tuple(found["after"]),
        category_keywords=tuple(keywords),
        quoted_ends=tuple(sorted(found["quoted-end"], key=len, reverse=True)),
    )


def alternation(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One regex matching any of ``words`` (longest first).

    Cached: the rules ask for the same few lexicon alternations for every report.
    """
    return _alternation(tuple(words))


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(trie_pattern(words))


def trie_pattern(words: tuple[str, ...] | list[str]) -> str:
    """``w1|w2|…`` (longest first) written as a trie: ``政(?:府(?:门户)?网站|务服务网)`` and so on.

    The engine then compares a character once per branch point instead of once per word (a
    third faster on the lexicons). The matches are the same: the words that match at one position
    are prefixes of one another, all on one path of the trie, and at each node the longer
    continuation is tried before ending there (``(?:…)?`` is greedy), so the longest is found first,
    and on backtracking the shorter ones in order, exactly as the longest-first alternation.

    >>> trie_pattern(["网站", "政府网站", "政府门户网站", "网"])
    '(?:政府(?:网站|门户网站)|网(?:站)?)'
    >>> [m.group(0) for m in re.finditer(trie_pattern(["网站", "网", "站群"]), "网站群网")]
    ['网站', '网']
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in sorted(set(words)):  # sorted: the same pattern text in every process
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = []
        for ch, child in node.items():
            if ch:
                # a chain of single children is one literal run
                run = re.escape(ch)
                while len(child) == 1 and "" not in child:
                    (ch2, child), = child.items()
                    run += re.escape(ch2)
                branches.append(run + emit(child))
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (group if len(branches) > 1 else f"(?:{group})") + "?"
        return group

    return emit(trie)
