"""Named queries, their parameters, query results as plain values, and their text formats.

A query is named by its file stem in ``queries/`` (``requests-by-agency-year``), given as a
``.rq`` path, or written inline. Results are backend-neutral ``Result`` values, so the
embedded store and remote SPARQL servers print the same way.

Every shipped query starts with a header of ``# key: value`` comment lines::

    # title@zh: 各机构每年收到的政府信息公开申请数
    # title@en: Requests received per agency per year
    # answers: How many disclosure requests each agency received in each year, in any report format.
    # param: agency = "" -- the agency's name (skos:prefLabel); empty: every agency
    # param: min_agencies:integer = 2 -- ...

A parameter is used in the body as the placeholder ``?_name``. Before the query runs each
placeholder is replaced by one SPARQL term built from the value (a string literal with
every special character escaped, a validated integer, or a validated IRI), so a value can
never change the query's structure: ``--param agency='x" } DROP ALL #'`` stays a string.
Why placeholders and not ``VALUES``: a placeholder also works inside ``FILTER`` and
``BIND`` and keeps "empty means any" queries simple (``FILTER(?_agency = "" || ...)``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
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


# -- named queries and their headers ----------------------------------------------------------

PARAM_TYPES = ("string", "integer", "decimal", "iri")


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter: ``# param: name[:type] = default -- description``."""

    name: str
    type: str = "string"  # one of PARAM_TYPES: string | integer | decimal | iri
    default: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query with its header: what it answers and which parameters it takes."""

    name: str
    text: str
    path: Path | None = None
    title_zh: str = ""
    title_en: str = ""
    answers: str = ""
    params: tuple[Param, ...] = ()

    @property
    def form(self) -> str:
        """SELECT | ASK | CONSTRUCT | DESCRIBE (the first keyword of the body)."""
        body = "\n".join(line for line in _strip_comments(self.text).splitlines())
        m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
        return m.group(1).upper() if m else "SELECT"

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The SPARQL text with every ``?_name`` placeholder replaced by a safe SPARQL term.

        >>> q = parse_query("# param: agency = 某局\\nSELECT * WHERE { ?a skos:prefLabel ?_agency }", "demo")
        >>> q.bind({"agency": 'x" } DROP ALL #'}).splitlines()[1]
        'SELECT * WHERE { ?a skos:prefLabel "x\\\\" } DROP ALL #" }'

        A string placeholder followed by a language tag becomes a tagged literal, so a query can
        look a label up instead of comparing it with every label:

        >>> q = parse_query("# param: agency = 某局\\nSELECT * WHERE { ?a skos:prefLabel ?_agency@zh }", "demo")
        >>> q.bind().splitlines()[1]
        'SELECT * WHERE { ?a skos:prefLabel "某局"@zh }'

        :raises QueryError: an unknown parameter, a value of the wrong type, or a placeholder
            the header does not declare.
        """
        values = dict(values or {})
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            have = ", ".join(declared) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (this query takes: {have})")
        terms = {name: _sparql_term(p, values.get(name, p.default), self.name) for name, p in declared.items()}

        def sub(m: re.Match[str]) -> str:
            if m.group("ph") is None:
                return m.group(0)
            name = m.group("ph")
            if name not in terms:
                raise QueryError(f"{self.name}: placeholder ?_{name} has no '# param: {name} = ...' line in the header")
            return terms[name]

        return _TOKENS.sub(sub, self.text)


_HEADER = re.compile(r"^#\s*(?P<key>title@zh|title@en|title|answers|params?)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*(?::\s*(?P<type>\w+))?\s*(?:=\s*(?P<default>\"(?:[^\"\\]|\\.)*\"|[^\s]*))?"
    r"\s*(?:(?:--|—|–)\s*(?P<desc>.*))?$"
)


def parse_query(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Read a query's header comments (title, answers, params) and keep its text.

    >>> q = parse_query("# title@en: Demo\\n# param: year:integer = 2019 -- the year\\nSELECT * {}", "demo")
    >>> q.title_en, q.params[0]
    ('Demo', Param(name='year', type='integer', default='2019', description='the year'))
    """
    info: dict[str, str] = {}
    params: list[Param] = []
    last = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if m is None:
            # "#   more words" continues the previous key's value
            extra = stripped.lstrip("#").strip()
            if last in info and extra:
                info[last] += " " + extra
            continue
        key, value = m.group("key"), m.group("value")
        if key.startswith("param"):
            last = ""
            if value.lower() in ("", "none", "-"):
                continue
            params.append(_parse_param(value, name))
            continue
        last = "title@en" if key == "title" else key
        info[last] = value
    return NamedQuery(name=name, text=text, path=path, title_zh=info.get("title@zh", ""),
                      title_en=info.get("title@en", ""), answers=info.get("answers", ""), params=tuple(params))


def _parse_param(spec: str, query: str) -> Param:
    m = _PARAM.match(spec.strip())
    if m is None:
        raise QueryError(f"{query}: cannot read parameter line '{spec}' (expected: name[:type] = default -- description)")
    ptype = (m.group("type") or "string").lower()
    if ptype not in PARAM_TYPES:
        raise QueryError(f"{query}: parameter {m.group('name')} has unknown type {ptype} (use {', '.join(PARAM_TYPES)})")
    default = m.group("default") or ""
    if len(default) >= 2 and default[0] == default[-1] == '"':
        default = re.sub(r"\\(.)", r"\1", default[1:-1])
    return Param(m.group("name"), ptype, default, (m.group("desc") or "").strip())


def named_queries() -> dict[str, Path]:
    """Every query shipped in ``queries/``, by name."""
    try:
        folder = resource_dir("queries")
    except FileNotFoundError:
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def list_queries() -> list[NamedQuery]:
    """Every shipped query with its header, sorted by name."""
    return [parse_query(p.read_text(encoding="utf-8"), n, p) for n, p in named_queries().items()]


def load_query(query: str) -> NamedQuery:
    """The query a name, a ``.rq`` file path, or inline SPARQL refers to.

    :raises QueryError: a name or file that does not exist.
    """
    named = named_queries()
    if query in named:
        return parse_query(named[query].read_text(encoding="utf-8"), query, named[query])
    if query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return parse_query(path.read_text(encoding="utf-8"), str(path), path)
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.IGNORECASE):
        return parse_query(query, "query")
    known = ", ".join(sorted(named)) or "none"
    raise QueryError(f"'{query}' is neither a named query ({known}) nor a .rq file nor SPARQL")


def resolve_query(query: str) -> str:
    """The SPARQL text for a query name, a ``.rq`` file path, or inline SPARQL (defaults bound)."""
    return load_query(query).bind()


def prepare(query: str, params: Mapping[str, str] | None = None) -> tuple[NamedQuery, str]:
    """Load a query, bind its parameters and check its syntax: the text ready to run."""
    q = load_query(query)
    text = q.bind(params)
    check_syntax(text, q.name)
    return q, text


# -- syntax check with the parser's position ----------------------------------------------------


def check_syntax(sparql: str, name: str = "query") -> None:
    """Parse the query (against an empty in-memory store) and report errors at the user's line/column.

    The standard prefixes are put on the same first line as the query, so the parser's line
    numbers are the query's own; only columns on line 1 need shifting back.

    >>> check_syntax("SELECT ?x WHERE {\\n  ?x ?p ?y OPTINAL { ?x ?p ?z } }", "demo")
    Traceback (most recent call last):
    ...
    gongkai.errors.QueryError: demo: syntax error at line 2, column 20: expected OPTIONAL
    """
    import pyoxigraph as ox

    from .rdf.vocab import PREFIXES

    head = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + " "
    try:
        ox.Store().query(head + sparql)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(str(exc), len(head), name)) from None
    except (OSError, ValueError, RuntimeError):
        return  # a valid query that fails to evaluate on an empty store: not a syntax problem


def _syntax_message(raw: str, shift: int, name: str) -> str:
    """One line: 'NAME: syntax error at line L, column C: what the parser expected'."""
    text = " ".join(raw.split())
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", text)
    if m is None:
        return f"{name}: syntax error: {_shorten(text)}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    if line == 1:
        col = max(1, col - shift)
    if "Prefix not found" in what:
        what = "unknown prefix (declare it with PREFIX or use one of: " + ", ".join(_prefix_names()) + ")"
    return f"{name}: syntax error at line {line}, column {col}: {_shorten(what)}"


def _shorten(what: str, limit: int = 160) -> str:
    """The parser lists every acceptable character class; keep the readable start."""
    what = re.sub(r",?\s*\[[^\]]*\]", "", what).strip(" ,")
    return what if len(what) <= limit else what[:limit].rsplit(",", 1)[0] + ", ..."


def _prefix_names() -> list[str]:
    from .rdf.vocab import PREFIXES

    return list(PREFIXES)


# -- placeholders ---------------------------------------------------------------------------------

# One alternation, scanned left to right: IRIs, strings and comments are passed through
# untouched, so a '?_x' inside them is never replaced.
_TOKENS = re.compile(
    r'<[^<>"{}|^`\\\s]*>'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*"
    r"|[?$]_(?P<ph>[A-Za-z][A-Za-z0-9_]*)"
)


def _strip_comments(text: str) -> str:
    return _TOKENS.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), text)


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_string(value: str) -> str:
    """A SPARQL string literal for any text (every character that could end it escaped).

    >>> sparql_string('a"b\\\\c\\nd')
    '"a\\\\"b\\\\\\\\c\\\\nd"'
    """
    return '"' + "".join(_ECHAR.get(ch, ch) for ch in value) + '"'


def _sparql_term(p: Param, value: str, query: str) -> str:
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"{query}: parameter {p.name} must be an integer, got '{value}'")
        return str(int(value))
    if p.type == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value.strip()):
            raise QueryError(f"{query}: parameter {p.name} must be a number, got '{value}'")
        return value.strip() if "." in value else value.strip() + ".0"
    if p.type == "iri":
        if not re.fullmatch(r'[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\s]*', value):
            raise QueryError(f"{query}: parameter {p.name} must be an absolute IRI, got '{value}'")
        return f"<{value}>"
    return sparql_string(value)


# -- running and formatting -----------------------------------------------------------------------


def run_query(store, sparql: str) -> Result:  # type: ignore[no-untyped-def]
    """Run any query on a store (embedded or remote) and return a ``Result``."""
    return store.run(sparql)


def _cell(t: Term | None) -> str:
    return "" if t is None else t.value


FORMATS = ("table", "csv", "tsv", "json", "markdown")


def format_result(result: Result, fmt: str) -> str:
    """Render a result as table | csv | tsv | json (SPARQL 1.1 results JSON) | markdown.

    CONSTRUCT/DESCRIBE results are Turtle whatever the format.
    """
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
        if fmt == "csv":
            csv.writer(buf, lineterminator="\n").writerows([cols, *rows])
        else:  # TSV cannot quote: tabs and newlines inside values become spaces
            for r in [cols, *rows]:
                buf.write("\t".join(re.sub(r"[\t\r\n]+", " ", v) for v in r) + "\n")
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


def format_query_list(queries: list[NamedQuery]) -> str:
    """``gongkai query --list``: each query's name, titles, what it answers and its parameters."""
    out: list[str] = []
    for q in queries:
        title = " / ".join(t for t in (q.title_zh, q.title_en) if t)
        out.append(f"{q.name}  {title}".rstrip())
        if q.answers:
            out.append(f"    {q.answers}")
        for p in q.params:
            kind = "" if p.type == "string" else f":{p.type}"
            default = p.default if p.default else '""'
            out.append(f"    --param {p.name}{kind}={default}" + (f"  ({p.description})" if p.description else ""))
    return "\n".join(out) + "\n"


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
