"""``Finder``: ``pattern.finditer(text)`` with the same matches, without trying every position.

Python's regex engine skips quickly to where a match can start only when a pattern begins with a
literal or a character class. Most text rules begin with a lookbehind (``(?<![已未不])主动``), an
optional part (``(?:专职|兼职)?工作人员``, ``[“"「]?不予公开``) or an alternation of such, so the
engine tries a full match at every character of the report: that was nine tenths of the time of
``numbers.py``. A ``Finder`` reads the parsed pattern once and keeps two facts that hold for
every possible match:

* the characters a match can start with (lookarounds are zero-width and are skipped, optional
  parts add their first characters to those of what follows): the text is scanned for those in
  one pass of a one-character-class regex, and the pattern is tried (``pattern.match(text, i)``)
  only there;
* a set of literal strings one of which every match contains (``工作人员``, ``主动``): when the text
  holds none of them, the pattern cannot match and is not run at all.

``match(text, i)`` at a position is what ``search`` tries there (lookbehinds still see the text
before ``i``; ``^`` is the string's start in both), and positions are tried left to right from
the end of the previous match, which is how ``finditer`` walks, so the matches are the same, in
the same order. A pattern the analysis cannot bound (``.``, a negated class, ``\\w``, one that can
match the empty string, case-insensitive) falls back to its own ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)


def first_chars(seq: _p.SubPattern | list) -> tuple[frozenset[str] | None, bool]:  # type: ignore[type-arg]
    """(characters a match of ``seq`` can start with, whether ``seq`` can match the empty string).

    ``None`` for the characters when they are not a small known set.

    >>> first = lambda p: sorted(first_chars(_p.parse(p).data)[0] or ())
    >>> first("(?<![已未不])主动"), first("(?:专职|兼职)?工作"), first("[“\\"]?不予"), first(".a")
    (['主'], ['专', '兼', '工'], ['"', '“', '不'], [])
    """
    out: set[str] = set()
    for op, av in seq:
        if op is _c.LITERAL:
            out.add(chr(av))
            return frozenset(out), False
        if op is _c.IN:
            chars: set[str] = set()
            for item_op, item in av:
                if item_op is _c.LITERAL:
                    chars.add(chr(item))
                elif item_op is _c.RANGE and item[1] - item[0] < 256:
                    chars.update(map(chr, range(item[0], item[1] + 1)))
                else:  # a negated class, \d, \s, a wide range: not a small set
                    return None, False
            return frozenset(out | chars), False
        if op in _ZERO_WIDTH:
            continue
        if op is _c.SUBPATTERN or op is _c.ATOMIC_GROUP:
            if op is _c.SUBPATTERN and av[1] & re.IGNORECASE:
                return None, False
            inner, empty = first_chars(av[-1])
        elif op is _c.BRANCH:
            inner, empty = frozenset(), False
            for alt in av[1]:
                f, e = first_chars(alt)
                if f is None:
                    return None, False
                inner, empty = inner | f, empty or e
        elif op in _REPEATS:
            inner, empty = first_chars(av[2])
            empty = empty or av[0] == 0
        else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...
            return None, False
        if inner is None:
            return None, False
        out |= inner
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def required_strings(seq: _p.SubPattern | list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """Literal strings one of which every match of ``seq`` contains (the longest such set found), or None.

    >>> sorted(required_strings(_p.parse("(?:专职|兼职)?(?:信息公开)?工作人员[了]?").data))
    ['工作人员']
    >>> sorted(required_strings(_p.parse("(?:查询机|(?:自助)?终端)").data))
    ['查询机', '终端']
    >>> required_strings(_p.parse("a?b*").data) is None
    True
    """
    return _required(seq, None)[0]


#: A width above this is taken as unbounded (``x*`` reports a huge maximum).
_FAR = 10_000


def _required(seq: _p.SubPattern | list, state: object) -> tuple[frozenset[str] | None, int | None]:  # type: ignore[type-arg]
    """``required_strings`` and the farthest offset from the match start at which one of the strings
    can begin (None when unbounded: a ``*`` or a wide repeat before it).

    >>> _required(_p.parse("(?:专职|兼职)?(?:信息公开)?工作人员").data, None)
    (frozenset({'工作人员'}), 6)
    >>> _required(_p.parse("a*工作").data, None)
    (frozenset({'工作'}), None)
    """
    best: tuple[frozenset[str] | None, int | None] = (None, None)

    def consider(found: frozenset[str] | None, reach: int | None) -> None:
        nonlocal best
        old = best[0]
        if found and (old is None or (min(map(len, found)), -len(found)) > (min(map(len, old)), -len(old))):
            best = (found, reach)

    def plus(a: int | None, b: int | None) -> int | None:
        return None if a is None or b is None else a + b

    run: list[str] = []
    run_at: int | None = 0
    before: int | None = 0  # the widest span the items so far can match
    for op, av in seq:
        if op is _c.LITERAL:
            if not run:
                run_at = before
            run.append(chr(av))
        else:
            if run:  # consecutive literals are one contiguous string of every match
                consider(frozenset({"".join(run)}), run_at)
                run = []
            if op is _c.SUBPATTERN or op is _c.ATOMIC_GROUP:
                found, reach = _required(av[-1], state)
                consider(found, plus(before, reach))
            elif op is _c.BRANCH:
                alts = [_required(alt, state) for alt in av[1]]
                if all(found for found, _ in alts):
                    reaches = [reach for _, reach in alts]
                    far = None if None in reaches else max(reaches)  # type: ignore[type-var]
                    consider(frozenset().union(*(found for found, _ in alts)), plus(before, far))  # type: ignore[arg-type]
            elif op in _REPEATS and av[0] > 0:
                found, reach = _required(av[2], state)
                consider(found, plus(before, reach))
            elif op is _c.IN and len(av) <= 8 and all(item_op is _c.LITERAL for item_op, _ in av):
                consider(frozenset(chr(item) for _, item in av), before)
            # lookarounds, optional parts and anything else add nothing every match must hold
        try:
            width = _p.SubPattern(state, [(op, av)]).getwidth()[1]  # type: ignore[arg-type]
        except (AttributeError, KeyError, TypeError):  # a group reference without the parser's state
            width = _FAR + 1
        before = plus(before, width if width <= _FAR else None)
    if run:
        consider(frozenset({"".join(run)}), run_at)
    return best


class Finder:
    """``finditer`` for one compiled pattern, tried only where a match can start (see the module)."""

    __slots__ = ("pattern", "_starts", "_needles", "_reach")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._starts: re.Pattern[str] | None = None
        self._needles: tuple[str, ...] = ()
        self._reach: int | None = None  # a needle starts at most this far after the match's start
        if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
            return
        parsed = _p.parse(pattern.pattern, pattern.flags)
        needles, reach = _required(parsed.data, parsed.state)
        self._needles = tuple(sorted(needles or ()))
        self._reach = reach if needles else None
        if parsed.getwidth()[0] == 0:
            return  # empty matches follow finditer's own stepping rules: leave them to it
        chars, empty = first_chars(parsed.data)
        if chars and not empty and not _starts_fast(parsed):
            self._starts = re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``, the same and in the same order.

        >>> f = Finder(re.compile(r"(?<![已未不])主动公开(?P<n>\\d+)条"))
        >>> [m.group("n") for m in f.finditer("未主动公开1条，主动公开2条主动公开3条")]
        ['2', '3']
        """
        if self._needles and not any(s in text for s in self._needles):
            return
        if self._starts is None:
            yield from self.pattern.finditer(text)
            return
        match, pos = self.pattern.match, 0
        for lo, hi in self._windows(text):
            for c in self._starts.finditer(text, lo, hi):
                i = c.start()
                if i >= pos:
                    m = match(text, i)
                    if m is not None:
                        yield m
                        pos = m.end()

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Where matches can start, as ascending disjoint ``[lo, hi)`` spans: ``reach`` characters
        before each needle's occurrence, when the needles are few; else the whole text.

        >>> Finder(re.compile(r"(?:专职)?工作人员\\d+名"))._windows("甲乙丙丁戊己庚工作人员3名，工作人员")
        [(5, 8), (12, 15)]
        """
        reach, n = self._reach, len(text)
        if reach is None:
            return [(0, n)]
        # more occurrences than this: their windows cover much of the text, or cost more than a scan
        most = min(n // (2 * (reach + 1)), 24)
        found: list[int] = []
        for needle in self._needles:
            at = text.find(needle)
            while at >= 0:
                found.append(at)
                if len(found) > most:
                    return [(0, n)]
                at = text.find(needle, at + 1)
        spans: list[tuple[int, int]] = []
        for at in sorted(found):
            lo, hi = max(0, at - reach), at + 1
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
            else:
                spans.append((lo, hi))
        return spans


def _starts_fast(parsed: _p.SubPattern) -> bool:  # type: ignore[type-arg]
    """The engine already skips to a literal prefix or a first-character class of its own."""
    try:
        from re import _compiler  # type: ignore[attr-defined]

        return bool(_compiler._get_literal_prefix(parsed, 0)[0]) or _compiler._get_charset_prefix(parsed, 0) is not None
    except (ImportError, AttributeError, TypeError):  # another Python's internals: scan ourselves
        return False
