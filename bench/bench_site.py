"""Site benchmark: pages per second and site size at N reports.

    .venv/bin/python bench/bench_site.py                 # N = 10,000
    .venv/bin/python bench/bench_site.py --sizes 1000    # a quick look

The store is made fast, without re-running extraction N times: the five example reports are
extracted once (the real pipeline), then each is copied with its agency renamed and moved to
another division and its year shifted (``dataclasses.replace`` on the frozen ``Facts``), and
mapped by the real ``ReportMapper``. So every report has the examples' realistic text,
metrics, checks and mentions; N/5 agencies each publish five years. The site is then built by
``build_site`` (the code ``gongkai site`` runs) and timed by step. Results are printed as a
Markdown table and saved to bench/out/bench_site.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongkai.model import Facts  # noqa: E402
from gongkai.pipeline import ensure_ontology, facts_for_file  # noqa: E402
from gongkai.rdf.mapping import ReportMapper  # noqa: E402
from gongkai.site import SiteOptions, build_site  # noqa: E402
from gongkai.site.reports import cache_path  # noqa: E402
from gongkai.store import open_store  # noqa: E402

EXAMPLES = ROOT / "examples" / "reports"
# county-level divisions to spread agencies over (real GB/T 2260 codes of several provinces)
_CODES = ("110105", "310115", "320106", "330106", "370102", "410105", "420106", "440106", "500103", "510107")


def variant(f: Facts, i: int, year_shift: int) -> Facts:
    """Report ``f`` as if published by agency number ``i`` and ``year_shift`` years later."""
    name = f"{f.agency.name}第{i}分中心"
    code = _CODES[i % len(_CODES)]
    year = (f.report.year or 2018) + year_shift
    return replace(
        f,
        source=replace(f.source, name=f"bench_{i:05d}_{year_shift}_{f.source.name}",
                       sha256=f"{i:08d}{year_shift:02d}".ljust(64, "0")),
        report=replace(f.report, year=year),
        agency=replace(f.agency, name=name, division_code=code, parent_code=code[:4] + "00"),
    )


def make_store(path: Path, n: int) -> float:
    """A store of ``n`` reports; returns the seconds it took."""
    t0 = time.perf_counter()
    if path.exists():
        shutil.rmtree(path)
    store = open_store(str(path))
    ensure_ontology(store)
    seeds = [facts_for_file(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    mapper = ReportMapper()
    for k in range(n):
        f = variant(seeds[k % len(seeds)], k // len(seeds) // 5, (k // len(seeds)) % 5)
        store.replace_report(mapper.report_iri(f), mapper.quads(f))
    store.flush()
    del store
    return time.perf_counter() - t0


def _children_cpu() -> float:
    """CPU seconds (user + sys) of finished child processes: the report workers."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--query-timeout", type=float, default=30.0)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "site")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes for report pages (default: all cores)")
    ap.add_argument("--reuse-store", action="store_true", help="keep WORK/store-N when it exists")
    ap.add_argument("--no-dump", action="store_true")
    ap.add_argument("--store", type=Path, default=None,
                    help="an existing store to build the site of, opened read-only (--sizes then only names the run)")
    args = ap.parse_args()
    results = []
    for n in args.sizes[:1] if args.store else args.sizes:
        store_dir = args.store or args.work / f"store-{n}"
        out = args.work / f"site-{n}"
        made = 0.0 if args.store or (args.reuse_store and store_dir.exists()) else make_store(store_dir, n)
        if out.exists():
            shutil.rmtree(out)
        cache_path(out).unlink(missing_ok=True)
        store = open_store(str(store_dir), read_only=True)
        for run in ("full", "incremental"):  # a fresh folder, then the same store rebuilt into it
            cpu0, kids0 = time.process_time(), _children_cpu()
            stats = build_site(store, SiteOptions(out=out, dump=not args.no_dump, query_timeout=args.query_timeout,
                                                  jobs=args.jobs))
            cpu = time.process_time() - cpu0 + _children_cpu() - kids0
            files = sum(1 for f in out.rglob("*") if f.is_file())
            results.append({
                "run": run, "reports": stats.reports, "reused": stats.reused, "html_pages": stats.html_pages,
                "resources": stats.resources, "rdf_descriptions": stats.descriptions, "files": files,
                "seconds": round(stats.seconds, 2), "cpu_seconds": round(cpu, 2),
                "pages_per_second": round(stats.pages_per_second), "site_mb": round(stats.bytes / 1e6, 1),
                "store_seconds": round(made, 1), "triples": store.count_triples(),
                "timings": {k: round(v, 2) for k, v in stats.timings.items()},
                "cpu": {k: round(v, 2) for k, v in stats.cpu.items()}, "reused_pages": stats.reused_pages,
            })
            print(json.dumps(results[-1]), flush=True)
    print("\n| run | reports | triples | HTML pages | resources (each with .ttl/.jsonld/.nt) | seconds | CPU s "
          "| pages/s | site size |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['run']} | {r['reports']:,} | {r['triples']:,} | {r['html_pages']:,} | {r['resources']:,} | "
              f"{r['seconds']} | {r['cpu_seconds']} | {r['pages_per_second']:,} | {r['site_mb']} MB |")
    args.work.mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "out" / "bench_site.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
