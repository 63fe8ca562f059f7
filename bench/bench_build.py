"""Build benchmark: throughput, memory, store size, rebuild speed and query latency at several N.

    .venv/bin/python bench/bench_build.py                  # N = 1,000 and 10,000
    .venv/bin/python bench/bench_build.py --sizes 200      # a quick look

For each N it makes a corpus (``bench/corpus.py``), runs the real CLI ``gongkai build`` into a
fresh on-disk store while sampling the RSS of the whole process tree (main process + workers),
rebuilds the unchanged corpus, and times every query in ``queries/`` in process (median of
3 runs after one warm-up). Results are printed as a Markdown table and saved as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

GONGKAI = [sys.executable, "-m", "gongkai"]


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """(RSS of the process, RSS of it and all its children) in bytes."""
    try:
        main = proc.memory_info().rss
        kids = sum(c.memory_info().rss for c in proc.children(recursive=True))
    except psutil.Error:
        return 0, 0
    return main, main + kids


def timed_build(args: list[str]) -> dict[str, float]:
    """Run ``gongkai build ARGS``; wall seconds and peak RSS (main process, process tree) in MB."""
    peak = [0, 0]
    t0 = time.monotonic()
    proc = subprocess.Popen([*GONGKAI, "build", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            main, tree = tree_rss(ps)
            peak[0], peak[1] = max(peak[0], main), max(peak[1], tree)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.monotonic() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {err.decode()[-2000:]}")
    written = re.search(r"written in ([0-9.]+) s", out.decode())
    return {"seconds": seconds, "rss_main_mb": peak[0] / 2**20, "rss_tree_mb": peak[1] / 2**20,
            "failed": sum(1 for ln in err.decode().splitlines() if not ln.startswith("progress:")), "store_seconds": float(written.group(1)) if written else 0.0,
            "summary": out.decode().strip()}


QUERY_TIMEOUT = 60.0  # seconds; a query slower than this is reported as a timeout


def query_latencies(store: Path, skip: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """Median milliseconds (and rows) of every named query over 3 runs after a warm-up.

    Each query runs in its own process, so one that never finishes is reported, not waited for.
    """
    from gongkai.query import named_queries

    out: dict[str, dict[str, float]] = {}
    for name in named_queries():
        if name in skip:
            out[name] = {"ms": float("nan"), "rows": -1, "error": "skipped: timed out at a smaller N"}
            continue
        try:
            proc = subprocess.run([sys.executable, __file__, "--time-query", str(store), name], capture_output=True,
                                  text=True, timeout=QUERY_TIMEOUT)
            out[name] = json.loads(proc.stdout) if proc.returncode == 0 else {
                "ms": float("nan"), "rows": -1, "error": proc.stderr.strip()[-200:]}
        except subprocess.TimeoutExpired:
            out[name] = {"ms": QUERY_TIMEOUT * 1000, "rows": -1, "error": f"timeout after {QUERY_TIMEOUT:.0f} s"}
        print(f"  {name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def time_query(store: Path, name: str) -> dict[str, float]:
    """Time one named query in this process: median of 3 runs after a warm-up."""
    from gongkai.query import prepare
    from gongkai.store import open_store

    s = open_store(str(store), read_only=True)
    _, text = prepare(name)  # the query with its declared default parameters bound, as `gongkai query NAME` runs it
    t0 = time.perf_counter()
    result = s.run(text)
    first = (time.perf_counter() - t0) * 1000
    if first > 5000:  # far over any target: one run says enough
        return {"ms": round(first, 1), "rows": len(result.rows)}
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = s.run(text)
        times.append((time.perf_counter() - t0) * 1000)
    return {"ms": round(statistics.median(times), 1), "rows": len(result.rows)}


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def bench(n: int, work: Path, jobs: int, skip: frozenset[str] = frozenset(),  # type: ignore[type-arg]
          queries: bool = True) -> dict:
    corpus = make_corpus(work / f"corpus-{n}", n)
    corpus_mb = dir_mb(corpus)
    store = work / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    first = timed_build([str(corpus), "--store", str(store), "--jobs", str(jobs)])
    again = timed_build([str(corpus), "--store", str(store), "--jobs", str(jobs)])
    from gongkai.store import open_store

    s = open_store(str(store), read_only=True)
    reports, triples = len(s.reports()), s.count_triples()
    del s
    print(f"  build: {first['summary']}", file=sys.stderr, flush=True)
    latencies = query_latencies(store, skip) if queries else {}
    return {
        "n": n, "jobs": jobs, "corpus_mb": round(corpus_mb, 1), "reports_stored": reports, "quads": triples,
        "build_s": round(first["seconds"], 1), "build_reports_per_s": round(n / first["seconds"], 1),
        "build_quads_per_s": round(triples / first["seconds"]), "store_s": first["store_seconds"],
        "store_reports_per_s": round(n / first["store_seconds"]) if first["store_seconds"] else None,
        "store_quads_per_s": round(triples / first["store_seconds"]) if first["store_seconds"] else None,
        "summary": first["summary"],
        "peak_rss_main_mb": round(first["rss_main_mb"]), "peak_rss_tree_mb": round(first["rss_tree_mb"]),
        "failed_files": first["failed"], "store_mb": round(dir_mb(store), 1),
        "rebuild_s": round(again["seconds"], 2), "rebuild_reports_per_s": round(n / again["seconds"]),
        "rebuild_peak_rss_mb": round(again["rss_tree_mb"]),
        "queries": latencies,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def markdown(results: list[dict]) -> str:  # type: ignore[type-arg]
    rows = [
        ("build (reports/s)", "build_reports_per_s"), ("build (quads/s)", "build_quads_per_s"), ("build (s)", "build_s"),
        ("of which writing the store (s)", "store_s"), ("store stage alone (reports/s)", "store_reports_per_s"),
        ("store stage alone (quads/s)", "store_quads_per_s"),
        ("peak RSS, main process (MB)", "peak_rss_main_mb"), ("peak RSS, with workers (MB)", "peak_rss_tree_mb"),
        ("quads stored", "quads"), ("store on disk (MB)", "store_mb"), ("corpus (MB)", "corpus_mb"),
        ("rebuild unchanged (reports/s)", "rebuild_reports_per_s"), ("rebuild unchanged (s)", "rebuild_s"),
    ]
    head = "| measure | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    lines += [f"| {label} | " + " | ".join(f"{r[key]:,}" for r in results) + " |" for label, key in rows]
    names = sorted({q for r in results for q in r["queries"]})
    lines += ["", "| query (ms, median of 3) | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
              "|---|" + "---:|" * len(results)]
    for q in names:
        cells = []
        for r in results:
            v = r["queries"].get(q)
            cells.append("-" if v is None else v.get("error", "error")[:40] if v["rows"] == -1
                         else f"{v['ms']:.0f} ({v['rows']} rows)")
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongkai-bench"))
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "results.json")
    parser.add_argument("--no-queries", action="store_true", help="measure the build only")
    parser.add_argument("--time-query", nargs=2, metavar=("STORE", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_query:
        print(json.dumps(time_query(Path(args.time_query[0]), args.time_query[1])))
        return
    results = []
    for n in args.sizes:
        print(f"N = {n:,} ...", file=sys.stderr, flush=True)
        slow = frozenset(q for r in results for q, v in r["queries"].items() if "timeout" in v.get("error", "")
                         or "skipped" in v.get("error", ""))
        results.append(bench(n, args.work, args.jobs, slow, queries=not args.no_queries))
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    report = {"machine": machine(), "results": results}
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Machine: {report['machine']}\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
