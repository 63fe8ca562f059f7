"""PDF and DOCX reading throughput: pages/s and ms per 10 pages, on the real PDFs in tests/fixtures/pdf.

    .venv/bin/python bench/bench_pdf.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from gongkai.read import read

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pdf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    read(pdfs[0])  # warm up imports
    pages = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        for pdf in pdfs:
            pages += len(read(pdf).pages)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pdf: {pages} pages in {seconds:.2f} s = {pages / seconds:.1f} pages/s, "
          f"{10 * seconds / pages * 1000:.0f} ms per 10 pages; peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
