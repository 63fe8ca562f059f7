"""Query benchmark: the latency of every named query (``queries/*.rq``) on a given store.

    .venv/bin/python bench/bench_queries.py /tmp/q10k/store                 # every query
    .venv/bin/python bench/bench_queries.py /tmp/q10k/store coverage -p agency=X
    .venv/bin/python bench/bench_queries.py --corpus 1000 --work /tmp/qbench  # make and build a corpus first

Each query runs with its parameters' defaults (or ``--param`` values), bound exactly as
``gongkai query`` binds them, in its own process (so one that never ends is reported as a
timeout, not waited for): one warm-up, then the median of ``--repeat`` runs, rows included
(the time covers turning results into Python values, as the CLI does). Both the wall time and the
CPU time of the process are reported: on a machine shared with other work the CPU time is the
steadier figure (the embedded store evaluates a query on one thread). Prints a Markdown table;
``--json FILE`` saves the figures. The store is opened read-only: stop any build into it first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def time_one(store: str, name: str, params: dict[str, str], repeat: int) -> dict[str, float]:
    """Wall and CPU milliseconds (medians of ``repeat`` after a warm-up) and row count of one named query."""
    from gongkai.query import prepare, run_query
    from gongkai.store import open_store

    s = open_store(store, read_only=True)
    q, text = prepare(name, {k: v for k, v in params.items() if k in {p.name for p in q_params(name)}})
    t0, c0 = time.perf_counter(), time.process_time()
    result = run_query(s, text)
    first, first_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    times, cpu = [first], [first_cpu]
    if first < 5000:  # far over any target: one run says enough
        times, cpu = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            result = run_query(s, text)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    rows = len(result.rows) if result.graph is None else result.graph.count("\n")
    return {"ms": round(statistics.median(times), 1), "cpu_ms": round(statistics.median(cpu), 1), "rows": rows,
            "graph": result.graph is not None}


def q_params(name: str):  # type: ignore[no-untyped-def]
    from gongkai.query import load_query

    return load_query(name).params


def time_all(store: str, names: list[str], params: dict[str, str], repeat: int,
             timeout: float) -> dict[str, dict[str, object]]:
    """Every query in its own process, with a time limit."""
    out: dict[str, dict[str, object]] = {}
    for name in names:
        cmd = [sys.executable, __file__, store, name, "--one", "--repeat", str(repeat)]
        for k, v in params.items():
            cmd += ["--param", f"{k}={v}"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            out[name] = json.loads(proc.stdout) if proc.returncode == 0 else {
                "ms": None, "rows": None, "error": proc.stderr.strip().splitlines()[-1][:120]}
        except subprocess.TimeoutExpired:
            out[name] = {"ms": None, "rows": None, "error": f"timeout after {timeout:.0f} s"}
        print(f"  {name}: {out[name]}", file=sys.stderr, flush=True)
    return {Path(k).stem if k.endswith(".rq") else k: v for k, v in out.items()}


def markdown(results: dict[str, dict[str, object]], target_ms: float) -> str:
    """One line per query; "< target" judges the CPU time (the wall time when CPU time is unknown)."""
    lines = ["| query | wall ms (median) | CPU ms (median) | rows | < target |", "|---|---:|---:|---:|:---:|"]
    for name, r in results.items():
        if r.get("ms") is None:
            lines.append(f"| {name} | {r.get('error')} | | | no |")
        else:
            unit = " (triples)" if r.get("graph") else ""
            cpu = r.get("cpu_ms", r["ms"])
            ok = "yes" if float(cpu) < target_ms else "no"  # type: ignore[arg-type]
            lines.append(f"| {name} | {float(r['ms']):.0f} | {float(cpu):.0f} | {r['rows']}{unit} | {ok} |")  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", nargs="?", help="an on-disk store (default: WORK/store-N with --corpus N)")
    parser.add_argument("names", nargs="*", help="query names or .rq files (default: every named query)")
    parser.add_argument("--param", "-p", action="append", default=[], help="KEY=VALUE, given to queries that take KEY")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query (default 60)")
    parser.add_argument("--target", type=float, default=300.0, help="target milliseconds (default 300)")
    parser.add_argument("--corpus", type=int, metavar="N", help="make an N-report corpus and build it first")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongkai-qbench"))
    parser.add_argument("--json", type=Path, help="save the figures as JSON")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    params = dict(p.split("=", 1) for p in args.param)
    if args.one:
        print(json.dumps(time_one(args.store, args.names[0], params, args.repeat)))
        return
    store = args.store
    if args.corpus:
        from corpus import make_corpus

        corpus = make_corpus(args.work / f"corpus-{args.corpus}", args.corpus)
        store = store or str(args.work / f"store-{args.corpus}")
        subprocess.run([sys.executable, "-m", "gongkai", "build", str(corpus), "--store", store, "--quiet"], check=True)
    if not store:
        parser.error("give a STORE or --corpus N")
    from gongkai.query import named_queries

    names = args.names or list(named_queries())
    results = time_all(store, names, params, args.repeat, args.timeout)
    print(markdown(results, args.target), end="")
    if args.json:
        args.json.write_text(json.dumps({"store": store, "queries": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
