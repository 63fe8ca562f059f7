"""The phrase bank: how real reports name initiatives and platforms, and what the extractor reads.

The cases in ``tests/fixtures/mentions/*.jsonl`` are sentences in the style of annual reports of
many provinces, levels and years, each with the initiatives and platforms a gold annotator records
(``../shared/gold/README.md``). Each case must come out exactly (labels and platform types); a case
the extractor does not get yet carries ``xfail`` with the reason, and is a strict xfail, so fixing
it shows up. The bank's precision and recall (the way ``score.py`` counts) must also hold.

Run ``.venv/bin/python -m tests.test_mentions_phrasebank`` to print the bank's figures and the
cases that fail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from gongkai.extract.mentions import extract_mentions
from gongkai.model import Document, Source

BANK = Path(__file__).parent / "fixtures" / "mentions"


@dataclass(frozen=True)
class Case:
    """One sentence of the bank and what a gold annotator records for it."""

    file: str
    id: str
    where: str
    text: str
    initiatives: frozenset[str]
    platforms: frozenset[tuple[str, str]]
    xfail: str | None


def load_bank() -> list[Case]:
    cases = []
    for path in sorted(BANK.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            cases.append(Case(path.name, row["id"], row["where"], row["text"], frozenset(row["initiatives"]),
                              frozenset(tuple(p) for p in row["platforms"]), row.get("xfail")))
    return cases


def read(text: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The initiatives and (label, type) platforms the extractor reads from ``text``."""
    doc = Document(Source("t.txt", "t.txt", "0" * 64, text, "utf-8", "text/plain"), "", None, (), ())
    found = extract_mentions(doc)
    for m in found:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.exact
    return (frozenset(m.label for m in found if m.kind == "initiative"),
            frozenset((m.label, m.platform_type or "other") for m in found if m.kind == "platform"))


def _fuzzy_tp(pred: set[str], gold: set[str]) -> int:
    """score.py's matching: equal, or one label contains the other (both at least 2 characters)."""
    used: set[str] = set()
    tp = 0
    for g in sorted(gold):
        for p in sorted(pred - used):
            if p == g or (min(len(p), len(g)) >= 2 and (p in g or g in p)):
                used.add(p)
                tp += 1
                break
    return tp


def bank_scores(cases: list[Case]) -> dict[str, tuple[float, float, float, int, int, int]]:
    """Per kind: (precision, recall, F1, tp, pred, gold), labels matched exactly and the way score.py does."""
    totals = {k: [0, 0, 0] for k in ("initiatives exact", "initiatives fuzzy", "platforms exact",
                                      "platforms fuzzy", "platform types")}
    for c in cases:
        inits, plats = read(c.text)
        plat_labels, gold_labels = {p for p, _ in plats}, {p for p, _ in c.platforms}
        for key, tp, npred, ngold in (
            ("initiatives exact", len(inits & c.initiatives), len(inits), len(c.initiatives)),
            ("initiatives fuzzy", _fuzzy_tp(set(inits), set(c.initiatives)), len(inits), len(c.initiatives)),
            ("platforms exact", len(plat_labels & gold_labels), len(plat_labels), len(gold_labels)),
            ("platforms fuzzy", _fuzzy_tp(plat_labels, gold_labels), len(plat_labels), len(gold_labels)),
            ("platform types", len(plats & c.platforms), len(plats), len(c.platforms)),
        ):
            totals[key][0] += tp
            totals[key][1] += npred
            totals[key][2] += ngold
    out = {}
    for key, (tp, npred, ngold) in totals.items():
        p = tp / npred if npred else 1.0
        r = tp / ngold if ngold else 1.0
        out[key] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, tp, npred, ngold)
    return out


CASES = load_bank()


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=f"{c.file[:-6]}:{c.id}",
                  marks=[pytest.mark.xfail(reason=c.xfail, strict=True)] if c.xfail else [])
     for c in CASES],
)
def test_bank_case(case: Case) -> None:
    inits, plats = read(case.text)
    assert (inits, plats) == (case.initiatives, case.platforms), case.text


def test_bank_is_varied_and_well_formed() -> None:
    """The bank covers both kinds and the traps, and every platform type it uses is the contract's."""
    types = {"website", "wechat", "weibo", "app", "hotline", "terminal", "hall", "media", "other"}
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)
    assert {t for c in CASES for _, t in c.platforms} <= types
    assert sum(1 for c in CASES if not c.initiatives and not c.platforms) >= 20  # traps: nothing to find


def test_bank_precision_and_recall() -> None:
    """Across the bank, counted like score.py: precision as much as recall."""
    s = bank_scores(CASES)
    assert s["initiatives fuzzy"][0] >= 0.95 and s["initiatives fuzzy"][1] >= 0.9, s["initiatives fuzzy"]
    assert s["platforms fuzzy"][0] >= 0.95 and s["platforms fuzzy"][1] >= 0.9, s["platforms fuzzy"]


def main() -> None:
    """Print the bank's figures and the cases the extractor does not get."""
    for key, (p, r, f, tp, npred, ngold) in bank_scores(CASES).items():
        print(f"{key:18} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} pred={npred} gold={ngold})")
    failing = 0
    for c in CASES:
        got = read(c.text)
        if got != (c.initiatives, c.platforms):
            failing += 1
            print(f"- {c.file}:{c.id}{' [xfail]' if c.xfail else ''}\n    {c.text}\n"
                  f"    want I={sorted(c.initiatives)} P={sorted(c.platforms)}\n"
                  f"    got  I={sorted(got[0])} P={sorted(got[1])}")
    print(f"cases: {len(CASES)}, exact: {len(CASES) - failing}, failing: {failing}")


if __name__ == "__main__":
    main()
