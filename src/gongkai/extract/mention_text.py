"""The text views the initiative and platform rules match on, with offsets back into ``Source.text``.

Names are printed many ways: “互联网+”政务服务, 互联网＋政务服务, “不见面”审批, 区政府门户 网站
(a PDF space). The rules match on a *compact view* of the text: full-width ASCII folded to
half-width, quotes and spaces removed. Every compact index maps back to the source offset it
came from, so a match always becomes an exact ``text[start:end]`` span of the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

#: Characters dropped from the compact view: quotes of every script, and horizontal spaces.
QUOTES = "“”\"‘’「」『』"
_DROPPED = set(QUOTES) | {" ", "\u3000", "\t", "\u00a0"}
_DROPPED_RUN = re.compile("[" + re.escape("".join(sorted(_DROPPED))) + "]+")
_OPEN = "“‘「『\""
_CLOSE = "”’」』\""

#: Sentence ends: a name never runs across them, and a "clause" is the text between two of them.
CLAUSE_END = re.compile(r"[。；;！!？?\n]")


def fold(ch: str) -> str:
    """One character, full-width ASCII folded to half-width, so the fold keeps every offset.

    >>> fold("＋") + fold("Ａ") + fold("中")
    '+A中'
    """
    return ch.translate(_FOLD)


#: ``fold`` as a ``str.translate`` table: one C-level pass over a report instead of a Python call
#: per character (the fold runs over every report's full text).
_FOLD = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)} | {0x3000: " "}


#: The characters ``_FOLD`` changes: a text without any is returned as it is.
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")


@lru_cache(maxsize=1)
def _fold_table() -> str:
    """``_FOLD`` as a string indexed by code point (built once, 17 ms): ``translate`` looks every
    character up, and a string index costs half a dict lookup that fails (an exception per Chinese
    character). Code points past the table are kept, as the dict keeps them."""
    table = list(map(chr, range(0x10000)))
    for code, to in _FOLD.items():
        table[code] = to if isinstance(to, str) else chr(to)
    return "".join(table)


def fold_text(text: str) -> str:
    """``fold`` applied to every character of ``text`` (same length, same offsets).

    >>> fold_text("互联网＋政务　服务")
    '互联网+政务 服务'
    """
    if _FOLDABLE.search(text) is None:
        return text
    return text.translate(_fold_table())


@dataclass(frozen=True)
class Found:
    """One occurrence of a candidate initiative or platform, before occurrences are merged."""

    kind: str  # "initiative" | "platform"
    label: str  # the name as this occurrence gives it (canonical for lexicon hits)
    start: int  # offsets into Source.text
    end: int
    rule: str  # which rule found it, e.g. "lexicon.initiative", "platform.head"
    platform_type: str | None = None
    category: str | None = None
    generic: bool = False  # the text's generic designation (微信公众号, 政府网站), not a proper name
    portal_alias: bool = False  # a proper name given to a government portal (“中国.文登”网)


class Claims:
    """Spans of the source text already read by a rule, so the next rule does not read them again."""

    def __init__(self, size: int) -> None:
        self._mask = bytearray(size)
        self.mask = self._mask  # read by hot loops one offset at a time (``mask[i]`` is 1 when claimed)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def hit(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a claimed span.

        >>> c = Claims(10); c.add(2, 4)
        >>> c.hit(3, 6), c.hit(4, 6)
        (True, False)
        """
        return 1 in self._mask[start:end]


class TextView:
    """``text`` with its folded form and its compact (quote- and space-free) form."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = folded = fold_text(text)
        # kept offsets as ranges between runs of dropped characters (few), not a test per character
        keep: list[int] = []
        pieces: list[str] = []  # the kept text between the runs, joined: the compact view
        prev = 0
        for m in _DROPPED_RUN.finditer(folded):
            start = m.start()
            keep.extend(range(prev, start))
            pieces.append(folded[prev:start])
            prev = m.end()
        keep.extend(range(prev, len(folded)))
        pieces.append(folded[prev:])
        self.index = keep  # compact position -> source offset
        self.compact = "".join(pieces)

    def span(self, cstart: int, cend: int) -> tuple[int, int]:
        """Source offsets of the compact span ``[cstart, cend)``; widened to the quote that opens a
        quoted name whose closing quote lies inside the span (“靖政通”公众号, not 靖政通”公众号).

        >>> v = TextView("打造“靖政通”公众号")
        >>> s, e = v.span(v.compact.index("靖"), len(v.compact))
        >>> v.text[s:e]
        '“靖政通”公众号'
        """
        start, end = self.index[cstart], self.index[cend - 1] + 1
        inner = self.text[start:end]
        if start > 0 and self.text[start - 1] in _OPEN and any(c in inner for c in _CLOSE):
            start -= 1
        if end < len(self.text) and self.text[end] in _CLOSE and any(c in inner for c in _OPEN[:-1]):
            end += 1
        return start, end

    def compact_pos(self, offset: int) -> int:
        """The compact position of source ``offset`` (or of the next kept character)."""
        return bisect_left(self.index, offset)

    @cached_property
    def book_titles(self) -> list[tuple[int, int, str]]:
        """《…》 spans of the source text (start, end, inner text): titles of documents or publications."""
        return [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"《([^《》\n]{1,80})》", self.folded)]

    @cached_property
    def _clause_ends(self) -> list[int]:
        """Offsets of every sentence end of the source text, found once (``CLAUSE_END`` is one
        character class), so a clause is two bisections, not a scan of the text before it."""
        return [m.start() for m in CLAUSE_END.finditer(self.text)]

    def clause(self, start: int, end: int) -> str:
        """The clause of the source text around ``[start, end)`` (between sentence ends).

        >>> v = TextView("甲。乙丙；丁")
        >>> v.clause(2, 3), v.clause(5, 6), v.clause(0, 1)
        ('乙丙', '丁', '甲')
        """
        ends = self._clause_ends
        reach = max(0, start - 2000)  # a clause is never longer (the cut-off the rules were written with)
        i = bisect_left(ends, start)  # ends[i - 1]: the last end before ``start``
        left = ends[i - 1] + 1 if i and ends[i - 1] >= reach else reach
        j = bisect_left(ends, end)  # ends[j]: the first end at or after ``end``
        return self.folded[left : ends[j] if j < len(ends) else len(self.text)]
