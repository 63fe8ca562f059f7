"""Report header fields on a held-out bank of real-looking headers from every province and level.

The bank (``tests/fixtures/headers/*.tsv``, described in its README) holds report first lines as they
are published, with the year, issued date, format, agency name and GB/T 2260 code a reader would give.
Each field is scored as precision (right answers / answers given) and recall (right answers / answers
expected); an unresolved value is no answer, a wrong one is an error. A wrong code is worse than none,
so precision has a floor of its own. Run as a script for the per-field table and the failures::

    .venv/bin/python -m tests.test_headers
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from gongkai.extract.agency import extract_agency
from gongkai.extract.report import extract_report
from gongkai.parse import parse
from gongkai.read import read_text

BANK = Path(__file__).parent / "fixtures" / "headers"
FIELDS = ("year", "issued", "format", "agency", "code", "level")


@dataclass(frozen=True)
class Case:
    where: str  # file:line
    expected: dict[str, frozenset[str] | None]  # None: the field must stay empty; frozenset(): not scored
    text: str


def _unescape(s: str) -> str:
    return s.replace("\\n", "\n").replace("\\t", "\t")


def load_bank() -> list[Case]:
    cases: list[Case] = []
    for f in sorted(BANK.glob("*.tsv")):
        for no, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            year, issued, agency, code, level, fmt, text = line.split("\t")
            raw = {"year": year, "issued": issued, "agency": agency, "code": code, "level": level, "format": fmt}
            expected: dict[str, frozenset[str] | None] = {}
            for k, v in raw.items():
                if v == "*":
                    expected[k] = frozenset()
                elif v == "-":
                    expected[k] = None
                else:
                    expected[k] = frozenset(v.split(";"))
            cases.append(Case(f"{f.name}:{no}", expected, _unescape(text)))
    return cases


def predict(text: str) -> dict[str, str | None]:
    """What the extractors give for one header, as the graph would hold it."""
    doc = parse(read_text(text))
    report = extract_report(doc)
    agency = extract_agency(doc, report.year)
    return {
        "year": str(report.year) if report.year else None,
        "issued": report.issued,
        "format": report.format,
        "agency": agency.name if agency.name != "未识别机构" else None,
        "code": agency.division_code,
        "level": agency.level if agency.division_code else None,
    }


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missed: int = 0  # expected a value, got none
    expected: int = 0  # cases where a value is expected

    @property
    def precision(self) -> float:
        given = self.right + self.wrong
        return self.right / given if given else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def score(cases: list[Case]) -> tuple[dict[str, Score], list[tuple[str, str, object, str | None]]]:
    scores = {f: Score() for f in FIELDS}
    failures: list[tuple[str, str, object, str | None]] = []
    for case in cases:
        got = predict(case.text)
        for field in FIELDS:
            want = case.expected[field]
            if want == frozenset():
                continue
            s = scores[field]
            value = got[field]
            if want is not None:
                s.expected += 1
            if value is None:
                if want is not None:
                    s.missed += 1
                    failures.append((case.where, field, sorted(want), None))
            elif want is not None and value in want:
                s.right += 1
            else:
                s.wrong += 1
                failures.append((case.where, field, sorted(want) if want else None, value))
    return scores, failures


@pytest.fixture(scope="module")
def bank_score() -> tuple[dict[str, Score], list]:
    return score(load_bank())


def test_bank_is_broad() -> None:
    """At least 150 cases, all 31 provinces, every level, central bodies and unresolvable names."""
    cases = load_bank()
    assert len(cases) >= 150
    codes = {next(iter(c.expected["code"])) for c in cases if c.expected["code"]}
    assert len({c[:2] for c in codes}) == 31
    levels = {next(iter(c.expected["level"])) for c in cases if c.expected["level"]}
    assert levels == {"province", "prefecture", "county"}
    assert sum(1 for c in cases if c.expected["code"] is None) >= 20


def test_bank_codes_exist_in_their_year() -> None:
    """Every expected code is a division in force in the report's year (or during it: the year before's table)."""
    from gongkai.extract.regions import index_for_year

    for c in load_bank():
        if not c.expected["code"]:
            continue
        code = next(iter(c.expected["code"]))
        year = int(next(iter(c.expected["year"])))
        assert code in index_for_year(year).by_code or code in index_for_year(year - 1).by_code, c.where


# Floors (docs/headers.md): no wrong year, date, format or code is tolerated — a wrong code is worse
# than none; recall may dip a little when harder cases are added, precision may not.
_FLOORS = {
    "year": (1.0, 0.98),
    "issued": (1.0, 0.98),
    "format": (1.0, 1.0),
    "agency": (0.99, 0.98),
    "code": (1.0, 0.97),
    "level": (1.0, 0.97),
}


@pytest.mark.parametrize("field", FIELDS)
def test_field_precision_and_recall(field: str, bank_score) -> None:
    scores, failures = bank_score
    s = scores[field]
    p_floor, r_floor = _FLOORS[field]
    detail = [f for f in failures if f[1] == field][:10]
    assert s.precision >= p_floor, (s, detail)
    assert s.recall >= r_floor, (s, detail)


def main() -> None:
    scores, failures = score(load_bank())
    print(f"{'field':8} {'right':>5} {'wrong':>5} {'missed':>6} {'P':>6} {'R':>6}")
    for f, s in scores.items():
        print(f"{f:8} {s.right:5d} {s.wrong:5d} {s.missed:6d} {s.precision:6.3f} {s.recall:6.3f}")
    for where, field, want, got in failures:
        print(f"  {where:18} {field:7} want={want} got={got}")


if __name__ == "__main__":
    main()
