"""CPU milliseconds per report, stage by stage, of ``pipeline.process_file`` on the bench corpus.

    .venv/bin/python bench/bench_extract.py                  # 300 reports
    .venv/bin/python bench/bench_extract.py --n 1000 --profile 30

The machine is shared, so this measures CPU time of this process (``time.process_time``), not
wall time: a loaded machine slows the wall clock, not the CPU a report costs. The first
``--warm`` files are processed untimed (lexicons, the GB/T 2260 table, OpenCC load once per
process, as in a build worker). Every stage is timed separately on the same files, then
``process_file`` as a whole (which adds hashing, the N-Triples assembly and error handling).
200 reports/s on 2 cores needs at most 10 ms of CPU per report in the workers and the loader together.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

from gongkai.extract import agency, checks, mentions, numbers, report, tables  # noqa: E402
from gongkai.parse import parse  # noqa: E402
from gongkai.pipeline import process_file  # noqa: E402
from gongkai.rdf.mapping import ReportMapper  # noqa: E402
from gongkai.read import read  # noqa: E402


def stages(files: list[Path]) -> dict[str, float]:
    """CPU seconds spent in each stage over ``files`` (each stage fed the previous stage's output)."""
    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], object]) -> object:
        t0 = time.process_time()
        out = fn()
        spent[name] = spent.get(name, 0.0) + time.process_time() - t0
        return out

    for f in files:
        source = timed("read", lambda: read(f))
        doc = timed("parse", lambda: parse(source))  # noqa: B023
        info = timed("extract.report", lambda: report.extract_report(doc))  # noqa: B023
        timed("extract.agency", lambda: agency.extract_agency(doc, info.year))  # noqa: B023
        table_metrics, _ = timed("extract.tables", lambda: tables.extract_tables(doc, info.format))  # noqa: B023
        timed("extract.numbers", lambda: numbers.extract_numbers(doc, info.format, table_metrics))  # noqa: B023
        timed("extract.mentions", lambda: list(mentions.extract_mentions(doc)))  # noqa: B023
        timed("extract.checks", lambda: list(checks.check_tables(table_metrics, info.format)))  # noqa: B023
    return spent


def mapping(files: list[Path]) -> float:
    """CPU seconds of the mapping alone (Facts -> N-Triples lines), facts made beforehand."""
    from gongkai.pipeline import facts_for_file

    all_facts = [facts_for_file(f) for f in files]
    mapper = ReportMapper()
    t0 = time.process_time()
    lines = getattr(mapper, "lines", None)  # older mappers only made pyoxigraph quads
    for facts in all_facts:
        if lines is not None:
            "".join(line for _, line in lines(facts))
        else:
            "".join(f"{q}\n" for q in mapper.quads(facts))
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="reports in the bench corpus")
    parser.add_argument("--warm", type=int, default=10, help="files processed untimed first")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongkai-bench"))
    parser.add_argument("--profile", type=int, default=0, help="also print the top N functions by own CPU time")
    args = parser.parse_args()

    files = sorted(make_corpus(args.work / f"corpus-{args.n}", args.n).glob("*.txt"))
    for f in files[: args.warm]:
        process_file(str(f), f.name)
    files = files[args.warm :]
    n = len(files)

    per_stage = stages(files)
    per_stage["map"] = mapping(files)
    t0 = time.process_time()
    for f in files:
        process_file(str(f), f.name)
    total = time.process_time() - t0

    print(f"{n} reports, CPU ms per report")
    print("| stage | ms |\n|---|---:|")
    for name, seconds in per_stage.items():
        print(f"| {name} | {seconds * 1000 / n:.2f} |")
    print(f"| **process_file (all of the above + hashing, N-Triples assembly)** | **{total * 1000 / n:.2f}** |")

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for f in files:
            process_file(str(f), f.name)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
