"""The standard tables' own arithmetic (勾稽关系), recorded per rule and scope, never "fixed".

| rule              | scope                 | holds when                                               |
|-------------------|-----------------------|----------------------------------------------------------|
| T3.balance        | each applicant column | 一 + 二 = 三（七）总计 + 四 (the note printed in the table) |
| T3.rowTotal       | each data row         | 总计 = the six applicant columns summed                    |
| T3.outcomeTotal   | each applicant column | （七）总计 = the outcome rows （一）…（六） summed              |
| T4.total          | each proceeding       | 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结               |

A check needing a blank cell is ``not-assessable`` (a blank is not a zero). Checks are only
made for a table that has at least one filled cell.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Check, Metric
from .table3 import COLUMNS as T3_COLUMNS
from .table3 import ROWS_SINGLE, ROWS_SPLIT
from .table4 import OUTCOMES, PROCEEDINGS

_COLUMN_ZH = dict(zip(T3_COLUMNS, ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")))
_PROCEEDING_ZH = dict(zip(PROCEEDINGS, ("行政复议", "未经复议直接起诉", "复议后起诉")))


def _check(rule: str, scope: str, left: Decimal | None, right: list[Decimal | None], words: str) -> Check:
    """Compare a printed total with the sum of its parts; not assessable if any cell is blank."""
    if left is None or any(v is None for v in right):
        return Check(rule=rule, scope=scope, status="not-assessable",
                     message=f"{words}: not assessable (a needed cell is blank)")
    found = sum((v for v in right if v is not None), Decimal(0))
    ok = left == found
    return Check(rule=rule, scope=scope, status="pass" if ok else "fail", expected=left, found=found,
                 message=f"{words} ({left} {'=' if ok else '≠'} {found})")


def check_tables(metrics: list[Metric], fmt: str) -> list[Check]:
    """One ``Check`` per rule and column/row: pass, fail (with both sides) or not assessable.

    >>> from gongkai.model import Evidence
    >>> ev = Evidence(0, 1, "1", "t")
    >>> cells = [Metric(r, (c,), Decimal(v), "count", ev) for r, c, v in (
    ...     ("T4.P.review", "T4.O.maintained", 10), ("T4.P.review", "T4.O.corrected", 1),
    ...     ("T4.P.review", "T4.O.other", 0), ("T4.P.review", "T4.O.pending", 0), ("T4.P.review", "T4.O.total", 0))]
    >>> [(c.scope, c.status, c.expected, c.found) for c in check_tables(cells, "std-2021")][0]
    ('T4.P.review', 'fail', Decimal('0'), Decimal('11'))
    """
    if fmt not in ("std-2019", "std-2021"):
        return []
    cell = {m.key: m.value for m in metrics if m.indicator.startswith(("T3.", "T4.")) and len(m.dims) == 1}
    out: list[Check] = []
    if any(k.startswith("T3.") for k in cell):
        split = any(k.startswith("T3.R3.6.") for k in cell)
        rows = ROWS_SPLIT if split else ROWS_SINGLE
        outcome_rows = [r for r in rows if r.startswith("T3.R3.") and r != "T3.R3.7"]
        for c in T3_COLUMNS:
            g = {r: cell.get(f"{r}|{c}") for r in rows}
            left = None if g["T3.R1"] is None or g["T3.R2"] is None else g["T3.R1"] + g["T3.R2"]
            out.append(_check("T3.balance", c, left, [g["T3.R3.7"], g["T3.R4"]],
                              f"table 三: 一 + 二 = 三（七）总计 + 四 in column {_COLUMN_ZH[c]}"))
        for r in rows:
            out.append(_check("T3.rowTotal", r, cell.get(f"{r}|T3.C.total"),
                              [cell.get(f"{r}|{c}") for c in T3_COLUMNS[:6]],
                              f"table 三: 总计 = sum of the six applicant columns in row {r}"))
        for c in T3_COLUMNS:
            out.append(_check("T3.outcomeTotal", c, cell.get(f"T3.R3.7|{c}"),
                              [cell.get(f"{r}|{c}") for r in outcome_rows],
                              f"table 三: （七）总计 = sum of the outcome rows （一）–（六） in column {_COLUMN_ZH[c]}"))
    if any(k.startswith("T4.") for k in cell):
        for p in PROCEEDINGS:
            out.append(_check("T4.total", p, cell.get(f"{p}|T4.O.total"),
                              [cell.get(f"{p}|{o}") for o in OUTCOMES[:4]],
                              f"table 四: 总计 = sum of the four outcomes for {_PROCEEDING_ZH[p]}"))
    return out
