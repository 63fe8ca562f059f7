"""Named queries, query results as plain values, and their text formats.

A query is named by its file stem in ``queries/`` (``requests-by-agency-year``), given as a
``.rq`` path, or written inline. Results are backend-neutral ``Result`` values, so the
embedded store and remote SPARQL servers print the same way.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QueryError
from .resources import resource_dir


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result row, in SPARQL-results-JSON terms."""

    value: str
    kind: str  # "uri" | "literal" | "bnode"
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """A SELECT/ASK/CONSTRUCT result."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None  # ASK
    graph: str | None = None  # CONSTRUCT/DESCRIBE, as Turtle
    meta: dict[str, str] = field(default_factory=dict)

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as {column: value} with plain string values."""
        return [{c: (t.value if t else None) for c, t in zip(self.columns, row)} for row in self.rows]


def named_queries() -> dict[str, Path]:
    """Every query shipped in ``queries/``, by name."""
    try:
        folder = resource_dir("queries")
    except FileNotFoundError:
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def resolve_query(query: str) -> str:
    """The SPARQL text for a query name, a ``.rq`` file path, or inline SPARQL.

    :raises QueryError: a name or file that does not exist.
    """
    named = named_queries()
    if query in named:
        return named[query].read_text(encoding="utf-8")
    if query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8")
    if any(k in query.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        return query
    known = ", ".join(sorted(named)) or "none"
    raise QueryError(f"'{query}' is neither a named query ({known}) nor a .rq file nor SPARQL")


def run_query(store, sparql: str) -> Result:  # type: ignore[no-untyped-def]
    """Run any query on a store (embedded or remote) and return a ``Result``."""
    return store.run(sparql)


def _cell(t: Term | None) -> str:
    return "" if t is None else t.value


def format_result(result: Result, fmt: str) -> str:
    """Render a result as table | csv | tsv | json (SPARQL 1.1 results JSON) | markdown."""
    if result.graph is not None:
        return result.graph
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    cols = list(result.columns)
    rows = [[_cell(t) for t in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        bindings = []
        for row in result.rows:
            b: dict[str, dict[str, str]] = {}
            for c, t in zip(cols, row):
                if t is None:
                    continue
                d = {"type": t.kind, "value": t.value}
                if t.datatype:
                    d["datatype"] = t.datatype
                if t.lang:
                    d["xml:lang"] = t.lang
                b[c] = d
            bindings.append(b)
        return json.dumps({"head": {"vars": cols}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        out += ["| " + " | ".join(v.replace("|", "\\|").replace("\n", " ") for v in r) + " |" for r in rows]
        return "\n".join(out) + "\n"
    return _aligned(cols, rows)


def _width(s: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _aligned(cols: list[str], rows: list[list[str]]) -> str:
    rows = [[v.replace("\n", " ")[:80] for v in r] for r in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]

    def line(vals: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
