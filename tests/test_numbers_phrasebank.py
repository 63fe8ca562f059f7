"""The phrase bank: how real reports state each headline indicator, and the traps around them.

The phrases (``tests/fixtures/phrases/*.tsv``, format in its README) are written from how annual
reports of every level and era word these numbers, not from the extractor's output. Each phrase
must give exactly the ``H.*`` metrics it lists (value and unit) and nothing else; a phrase marked
``?`` is a known miss (strict xfail) that may miss metrics but never read a wrong one.
``python -m tests.test_numbers_phrasebank`` prints per-indicator precision and recall.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.extract.numbers import extract_numbers
from gongkai.parse import parse
from gongkai.read import read_text

PHRASES = Path(__file__).resolve().parent / "fixtures" / "phrases"
HEADLINES = (
    "H.proactiveItems", "H.requestsReceived", "H.requestsCarriedOver", "H.requestsAnswered", "H.requestsGranted",
    "H.requestsPartlyGranted", "H.requestsDenied", "H.requestsNotHeld", "H.reviews", "H.lawsuits",
    "H.feesCollected", "H.consultations", "H.interpretations", "H.pressConferences", "H.concernsAnswered",
)


@dataclass(frozen=True)
class Phrase:
    """One line of the bank: the text, what it states (indicator -> value) and its traps."""

    where: str
    text: str
    expected: tuple[tuple[str, Decimal], ...]
    traps: tuple[str, ...]
    known_miss: bool
    note: str


def load_bank() -> list[Phrase]:
    out: list[Phrase] = []
    for path in sorted(PHRASES.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            expect, text, *rest = line.split("\t")
            known_miss = expect.startswith("?")
            expected: list[tuple[str, Decimal]] = []
            traps: list[str] = []
            for token in expect.lstrip("?").split():
                if token == "-":
                    continue
                if token.startswith("!"):
                    traps.append(token[1:])
                    continue
                indicator, _, value = token.partition("=")
                expected.append((indicator, Decimal(value)))
            for indicator in [i for i, _ in expected] + traps:
                assert indicator in HEADLINES, f"{path.name}:{n}: unknown indicator {indicator}"
            out.append(Phrase(f"{path.name}:{n}", text.replace("\\n", "\n"), tuple(expected), tuple(traps),
                              known_miss, rest[0] if rest else ""))
    return out


def unit_of(indicator: str) -> str:
    return "CNY" if indicator == "H.feesCollected" else "count"


def headlines(text: str) -> dict[str, tuple[Decimal, str, str]]:
    """The ``H.*`` metrics the extractor reads from ``text``: indicator -> (value, unit, exact)."""
    doc = parse(read_text(text))
    out = {}
    for m in extract_numbers(doc, "free-text", []):
        if m.indicator.startswith("H."):
            assert doc.source.text[m.evidence.start:m.evidence.end] == m.evidence.exact
            out[m.indicator] = (m.value, m.unit, m.evidence.exact)
    return out


def judge(phrase: Phrase) -> tuple[list[str], list[str]]:
    """(wrong, missed): readings that are wrong (false positives) and stated values not read."""
    got = headlines(phrase.text)
    expected = dict(phrase.expected)
    wrong = [f"{i}={v} {u} «{e}»" for i, (v, u, e) in got.items()
             if i not in expected or expected[i] != v or u != unit_of(i)]
    missed = [f"{i}={v}" for i, v in expected.items() if i not in got]
    return wrong, missed


BANK = load_bank()


def _param(p: Phrase) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if p.known_miss else []
    return pytest.param(p, id=p.where, marks=marks)


def test_bank_is_big_and_covers_every_headline() -> None:
    stated = Counter(i for p in BANK for i, _ in p.expected)
    assert len(BANK) >= 120
    assert all(stated[i] >= 2 for i in HEADLINES), {i: stated[i] for i in HEADLINES}
    assert sum(1 for p in BANK if not p.expected) >= 30  # traps that must give nothing


@pytest.mark.parametrize("phrase", [_param(p) for p in BANK])
def test_phrase(phrase: Phrase) -> None:
    wrong, missed = judge(phrase)
    assert not wrong, f"{phrase.where} wrong {wrong} in {phrase.text!r}"
    assert not missed, f"{phrase.where} missed {missed} in {phrase.text!r}"


def test_known_misses_read_nothing_wrong() -> None:
    """A known miss may leave metrics out, never attach a number to the wrong indicator."""
    for p in BANK:
        if p.known_miss:
            assert not judge(p)[0], p.where


def scores(bank: list[Phrase]) -> dict[str, tuple[int, int, int]]:
    """Per indicator: (true positives, false positives, false negatives) over the bank."""
    tally: dict[str, list[int]] = {i: [0, 0, 0] for i in HEADLINES}
    for p in bank:
        got = headlines(p.text)
        expected = dict(p.expected)
        for i in HEADLINES:
            g, e = got.get(i), expected.get(i)
            if g is not None and e is not None and g[0] == e and g[1] == unit_of(i):
                tally[i][0] += 1
                continue
            if g is not None:
                tally[i][1] += 1
            if e is not None:
                tally[i][2] += 1
    return {i: (t[0], t[1], t[2]) for i, t in tally.items()}


def main() -> None:
    """Print per-indicator precision and recall over the bank (a markdown table)."""
    print("| indicator | stated | read right | wrong | missed | P | R |\n|---|---|---|---|---|---|---|")
    totals = [0, 0, 0]
    for i, (tp, fp, fn) in scores(BANK).items():
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"| {i} | {tp + fn} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} |")
    tp, fp, fn = totals
    print(f"| all | {tp + fn} | {tp} | {fp} | {fn} | {tp / max(tp + fp, 1):.3f} | {tp / max(tp + fn, 1):.3f} |")
    for p in BANK:
        wrong, missed = judge(p)
        if wrong or missed:
            print(f"{p.where}{' (known miss)' if p.known_miss else ''}: wrong={wrong} missed={missed}  {p.text!r}")


if __name__ == "__main__":
    main()
