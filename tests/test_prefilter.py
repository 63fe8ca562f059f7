"""Regex speed-ups that must not change a match: ``prefilter.Finder`` finds exactly what ``finditer``
finds (every text rule, awkward texts), and the lexicons' trie patterns match as the longest-first
alternations they replace."""

from __future__ import annotations

import random
import re

import pytest

from gongkai.extract.mention_lexicon import trie_pattern
from gongkai.extract.numbers import rules
from gongkai.extract.prefilter import Finder
from gongkai.read import read

from .conftest import EXAMPLES, SHARED


def _spans(matches) -> list[tuple[tuple[int, int], dict[str, str | None]]]:  # type: ignore[no-untyped-def]
    return [(m.span(), m.groupdict()) for m in matches]


def _texts() -> list[str]:
    files = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus").glob("*/*.txt"))
    return [read(f).text for f in files]


def test_every_text_rule_finds_the_same_matches_in_real_reports() -> None:
    texts = _texts()
    assert texts
    found = 0
    for rule in rules():
        finder = Finder(rule.pattern)
        for text in texts:
            expected = _spans(rule.pattern.finditer(text))
            assert _spans(finder.finditer(text)) == expected, (rule.line, rule.pattern.pattern)
            found += len(expected)
    assert found > 50  # the comparison covered real matches, not only empty results


def test_rules_are_prefiltered() -> None:
    """The analysis bounds the rules it exists for (lookbehind or optional part first)."""
    bounded = [r for r in rules() if Finder(r.pattern)._starts is not None]
    assert len(bounded) >= 10
    assert all(Finder(r.pattern)._needles for r in rules())


@pytest.mark.parametrize("pattern", [
    r"(?<![已未不])主动公开(?P<n>\d+)条",  # lookbehind first, at the start of the string too
    r"[“\"「]?(?:予以公开|同意公开)[”\"」]?(?P<n>\d+)件",  # optional first character
    r"(?:专职|兼职)?(?:信息公开)?工作人员(?P<n>\d+)名",  # optional words first
    r"(?:自助)?终端\d*|查询机|一体机",  # top-level alternation, overlapping candidates
    r"(?<=[，。])\s*(?:答复|办结)\d+件",  # \s first: not bounded, falls back
    r"a*",  # can match empty: falls back
    r"(?i)abc",  # case-insensitive: falls back
    r"^主动\d+|公开\d+$",  # anchors
])
def test_random_texts_give_the_same_matches(pattern: str) -> None:
    rx = re.compile(pattern)
    finder = Finder(rx)
    alphabet = list("主动公开已未不予以同意“”\"「」专兼职信息工作人员自助终端查询机一体，。 \n123条件名aAbBc")
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert _spans(finder.finditer(text)) == _spans(rx.finditer(text)), text
    # and texts that certainly hold matches, back to back and at both ends
    for text in ("主动公开1条主动公开2条", "未主动公开3条", "予以公开4件“同意公开”5件", "专职工作人员2名兼职工作人员3名",
                 "终端终端5查询机", "，答复3件。 办结4件", "aaa", "ABC abc", "主动1公开2"):
        assert _spans(finder.finditer(text)) == _spans(rx.finditer(text)), text


def test_a_text_without_the_required_word_is_not_scanned() -> None:
    finder = Finder(re.compile(r"(?:专职)?工作人员\d+名"))
    assert finder._needles == ("工作人员",)
    assert list(finder.finditer("专职人员3名" * 100)) == []


def test_unbounded_first_characters_fall_back_to_finditer() -> None:
    assert Finder(re.compile(r".?主动\d+"))._starts is None
    assert Finder(re.compile(r"[^，]主动"))._starts is None


@pytest.mark.parametrize("pattern", [
    r"(?:专职|兼职)?(?:信息公开|政务公开)?工作人员(?P<n>\d+)名",
    r"[“\"「]?不(?:予|同意)公开[”\"」]?(?P<n>\d+)件",
    r"(?<![已未不])主动公开[^，。]{0,6}?(?P<n>\d+)条",
])
def test_windows_before_rare_words_and_the_whole_text_give_the_same_matches(pattern: str) -> None:
    """Few occurrences of the required word: only the windows before them are scanned; many: the
    whole text. Both give ``finditer``'s matches, on long texts where matches are rare or dense."""
    rx = re.compile(pattern)
    finder = Finder(rx)
    assert finder._reach is not None
    rng = random.Random(11)
    filler = list("的了在和是政务信息公开工作，。 \n专兼职予同意不已未主动")
    seen = {"some": 0, "all": 0}
    for dense in (False, True):
        for _ in range(60):
            parts = []
            for _ in range(rng.randint(100, 160) if dense else rng.randint(0, 3)):
                parts.append("".join(rng.choice(filler) for _ in range(rng.randint(0, 80))))
                parts.append(rng.choice(["专职工作人员3名", "兼职工作人员", "不予公开2件", "“不同意公开”7件",
                                         "主动公开了12条", "未主动公开5条", "工作人员名"]))
            text = "".join(parts) + "".join(rng.choice(filler) for _ in range(rng.randint(0, 400)))
            windows = finder._windows(text)
            seen["all" if windows == [(0, len(text))] else "some"] += 1
            assert _spans(finder.finditer(text)) == _spans(rx.finditer(text)), text
    assert seen["some"] and seen["all"]  # both ways were taken


def test_trie_patterns_match_as_longest_first_alternations() -> None:
    """Alone and inside a larger pattern (where the engine backtracks into the word list)."""
    rng = random.Random(5)
    letters = "政府网站门户"
    for _ in range(300):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        trie = trie_pattern(words)
        for text in ("".join(rng.choice(letters + "，") for _ in range(40)) for _ in range(5)):
            assert _spans(re.finditer(trie, text)) == _spans(re.finditer(plain, text)), (words, text)
            inner_plain, inner_trie = rf"(?:{plain})站?门(?P<x>\w)", rf"(?:{trie})站?门(?P<x>\w)"
            assert _spans(re.finditer(inner_trie, text)) == _spans(re.finditer(inner_plain, text)), (words, text)
