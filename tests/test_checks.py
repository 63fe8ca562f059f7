"""The tables' arithmetic: pass, fail with both sides, not assessable when a needed cell is blank."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from gongkai.extract.checks import check_tables
from gongkai.extract.report import detect_format
from gongkai.extract.tables import extract_tables
from gongkai.model import Evidence, Metric
from gongkai.parse import parse
from gongkai.read import read

from .conftest import EXAMPLES, SHARED

_EV = Evidence(0, 1, "1", "test")


def _cells(rows: dict[str, dict[str, int]]) -> list[Metric]:
    return [Metric(r, (c,), Decimal(v), "count", _EV) for r, cols in rows.items() for c, v in cols.items()]


def _checks_of(name: str) -> list:  # type: ignore[type-arg]
    source = read(name)
    fmt = detect_format(source.text)
    metrics, _ = extract_tables(parse(source), fmt)
    return check_tables(metrics, fmt)


def test_balance_fails_with_both_sides_and_a_message() -> None:
    cells = _cells({"T3.R1": {"T3.C.natural": 21}, "T3.R2": {"T3.C.natural": 0},
                    "T3.R3.7": {"T3.C.natural": 20}, "T3.R4": {"T3.C.natural": 0}})
    balance = {c.scope: c for c in check_tables(cells, "std-2021") if c.rule == "T3.balance"}
    natural = balance["T3.C.natural"]
    assert (natural.status, natural.expected, natural.found) == ("fail", 21, 20)
    assert "自然人" in natural.message and "21 ≠ 20" in natural.message
    assert balance["T3.C.commercial"].status == "not-assessable"
    assert balance["T3.C.commercial"].expected is None


def test_row_total_and_outcome_total() -> None:
    row = {"T3.C.natural": 3, "T3.C.commercial": 1, "T3.C.research": 0, "T3.C.publicWelfare": 0,
           "T3.C.legalService": 0, "T3.C.otherOrg": 0, "T3.C.total": 4}
    cells = _cells({"T3.R3.1": row, "T3.R3.7": dict(row, **{"T3.C.total": 5})})
    checks = check_tables(cells, "std-2019")
    by = {(c.rule, c.scope): c for c in checks}
    assert by[("T3.rowTotal", "T3.R3.1")].status == "pass"
    assert by[("T3.rowTotal", "T3.R3.7")].status == "fail"
    # the outcome rows other than （一） are blank: not assessable, not "0"
    assert by[("T3.outcomeTotal", "T3.C.natural")].status == "not-assessable"
    assert ("T3.rowTotal", "T3.R3.6") in by and ("T3.rowTotal", "T3.R3.6.1") not in by


def test_2021_sub_rows_of_other_handling_are_outcome_rows() -> None:
    cols = ("T3.C.natural", "T3.C.commercial", "T3.C.research", "T3.C.publicWelfare",
            "T3.C.legalService", "T3.C.otherOrg", "T3.C.total")
    outcome_rows = ["T3.R3.1", "T3.R3.2", *(f"T3.R3.3.{i}" for i in range(1, 9)),
                    *(f"T3.R3.4.{i}" for i in range(1, 4)), *(f"T3.R3.5.{i}" for i in range(1, 6)),
                    "T3.R3.6.1", "T3.R3.6.2", "T3.R3.6.3"]
    rows = {r: {c: 0 for c in cols} for r in outcome_rows}
    rows["T3.R3.6.2"]["T3.C.natural"] = rows["T3.R3.6.2"]["T3.C.total"] = 2
    rows["T3.R3.7"] = {c: 0 for c in cols}
    rows["T3.R3.7"]["T3.C.natural"] = rows["T3.R3.7"]["T3.C.total"] = 2
    checks = check_tables(_cells(rows), "std-2021")
    outcome = {c.scope: c for c in checks if c.rule == "T3.outcomeTotal"}
    assert all(c.status == "pass" for c in outcome.values())
    assert outcome["T3.C.total"].found == 2


def test_free_text_has_no_checks() -> None:
    assert check_tables(_cells({"T4.P.review": {"T4.O.total": 1}}), "free-text") == []


def test_real_reports_record_what_the_printed_numbers_do() -> None:
    dev = SHARED / "corpus" / "dev"
    # dev-014 prints 行政复议 10 + 1 + 0 + 0 with 总计 0: recorded as a failure, not fixed
    c14 = _checks_of(str(dev / "dev-014.txt"))
    t4 = {c.scope: c for c in c14 if c.rule == "T4.total"}
    assert (t4["T4.P.review"].status, t4["T4.P.review"].expected, t4["T4.P.review"].found) == ("fail", 0, 11)
    assert t4["T4.P.litDirect"].status == "pass"
    assert all(c.status == "pass" for c in c14 if c.rule.startswith("T3."))
    # dev-015: everything adds up
    assert {c.status for c in _checks_of(str(dev / "dev-015.txt"))} == {"pass"}
    # seed 004: only 自然人 and 总计 are filled; the other columns cannot be assessed
    c04 = Counter((c.rule, c.status) for c in _checks_of(str(EXAMPLES / "004_d0cb2f7b88585a0b.txt")))
    assert c04[("T3.balance", "pass")] == 2 and c04[("T3.balance", "not-assessable")] == 5
    assert c04[("T4.total", "pass")] == 3
