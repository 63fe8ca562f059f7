"""The SPARQL page: the shipped query library, run at build time through ``gongkai.query``.

Each query's text, its results with default parameters (a table and a CSV file, at most
``MAX_ROWS`` rows: a SELECT without its own LIMIT is run with one, so a heavy query over a
large graph stays bounded) and, when a ``gongkai serve`` endpoint is configured, a link that
runs the full query there live.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import GongkaiError
from ..query import Result, format_result, list_queries, run_query
from ..rdf.vocab import sparql_prefixes
from ..store.base import GraphStore
from .assets import messages
from .render import HTML_LANG, Labels, Linker, PageSpec

MAX_ROWS = 500
_LIMIT = re.compile(r"\bLIMIT\s+\d+(\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)


def limited(text: str, form: str) -> str:
    """A SELECT without a final LIMIT gets ``LIMIT MAX_ROWS+1``: the page shows a bounded table.

    >>> limited("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", "SELECT").endswith("LIMIT 501\\n")
    True
    >>> limited("SELECT * WHERE { ?s ?p ?o } LIMIT 5 # five", "SELECT").endswith("# five")
    True
    """
    body = re.sub(r"<[^>]*>", "<>", "\n".join(text.splitlines()))
    body = "\n".join(line.split("#", 1)[0] for line in body.splitlines())
    if form != "SELECT" or _LIMIT.search(body.strip()):
        return text
    return f"{text.rstrip()}\nLIMIT {MAX_ROWS + 1}\n"


def run_bounded(store: GraphStore, sparql: str, timeout: float) -> Result | None:
    """Run a query, giving up after ``timeout`` seconds (None): one slow query must not stall the site.

    The query runs in a daemon thread (the store releases the GIL while it evaluates); a
    query given up on is left to finish in the background and dies with the process.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = run_query(store, sparql)
        except GongkaiError as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, name="site-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if "error" in box:
        raise box["error"]
    return box.get("result")


def query_library(store: GraphStore, out: Path, labels: Labels, sparql_url: str | None,
                  timeout: float = 30.0) -> list[PageSpec]:
    """Run every named query (defaults bound), write queries/NAME.rq and .csv, and return the SPARQL page."""
    folder = out / "queries"
    folder.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    for q in list_queries():
        error = ""
        result: Result | None = None
        (folder / f"{q.name}.rq").write_text(q.text, encoding="utf-8")
        bound = q.text
        try:
            bound = q.bind()
            result = run_bounded(store, limited(bound, q.form), timeout)
            if result is None:
                error = f"{q.name}: not precomputed, it took longer than {timeout:g} s on this graph"
            else:
                (folder / f"{q.name}.csv").write_text(format_result(result, "csv"), encoding="utf-8")
        except GongkaiError as exc:
            error = str(exc)
        if result is None:
            (folder / f"{q.name}.csv").write_text("", encoding="utf-8")
        run = f"{sparql_url}?query={quote(sparql_prefixes() + bound)}" if sparql_url else None
        entries.append({"q": q, "result": result, "error": error, "run": run})

    def context(lang: str, ln: Linker) -> dict[str, Any]:
        queries = []
        for e in entries:
            q = e["q"]
            own = q.title_zh if lang == "zh" else q.title_en
            title = own or q.title_zh or q.title_en or q.name
            title_lang = HTML_LANG[lang] if own else ("zh-Hans" if q.title_zh else "en" if q.title_en else "")
            res: Result | None = e["result"]
            rows = []
            for row in (res.rows[:MAX_ROWS] if res is not None else ()):
                cells = []
                for t in row:
                    if t is None:
                        cells.append({"text": ""})
                    elif t.kind == "uri":
                        cells.append({"text": t.value, "href": ln.iri(t.value)})
                    else:
                        cells.append({"text": t.value, "lang": t.lang or ""})
                rows.append(cells)
            count = len(res.rows) if res is not None else 0
            queries.append({"name": q.name, "title": title, "title_lang": title_lang, "answers": q.answers,
                            "text": q.text, "run": e["run"], "error": e["error"],
                            "columns": list(res.columns) if res is not None else [], "rows": rows,
                            "count": f"{MAX_ROWS}+" if count > MAX_ROWS else str(count)})
        return {"queries": queries, "endpoint": sparql_url}

    return [PageSpec("sparql", "sparql.html", None, None, context, lambda lang: (messages()[lang]["sparql"], ""),
                     alternates=False)]
