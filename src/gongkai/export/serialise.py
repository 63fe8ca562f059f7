"""Readable, byte-stable writers for Turtle, TriG, N-Triples, N-Quads and JSON-LD.

Why not the libraries' writers: Oxigraph writes subjects in its index order and rdflib in
hash order, so two builds of the same inputs differ in bytes and a ``diff`` between two
builds is noise. These writers sort everything (subjects by IRI, ``rdf:type`` first, then
predicates and objects in code-point order), give blank nodes deterministic labels
(``canonical.py``, which also turns terms into plain tuples: sorting and grouping tuples of
strings is several times faster than pyoxigraph objects), nest blank nodes used once as ``[ ... ]`` and lists as ``( ... )``,
and abbreviate IRIs with the project's prefixes. The output is plain RDF 1.1 that any
parser reads; the tests parse every format back and compare it with the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import TextIO

import pyoxigraph as ox

from ..rdf.vocab import PREFIXES, RDF, SCHEME, SCHEMES, XSD
from .canonical import BLANK, IRI, LITERAL, Term, rows

_RDF_TYPE = RDF + "type"
_FIRST, _REST, _NIL = RDF + "first", RDF + "rest", RDF + "nil"
_XSD_STRING = XSD + "string"
_XSD_INTEGER = XSD + "integer"
_XSD_BOOLEAN = XSD + "boolean"
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")

#: Prefixes used by the writers: the project's own plus one per concept scheme (``indicator:T3.R1``).
EXPORT_PREFIXES: dict[str, str] = {
    **PREFIXES,
    "void": "http://rdfs.org/ns/void#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "csvw": "http://www.w3.org/ns/csvw#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcatap": "http://data.europa.eu/r5r/",
    **{s: f"{SCHEME}{s}/" for s in SCHEMES},
}


_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    r"""Escape a string for a quoted Turtle / N-Triples literal (non-ASCII stays as UTF-8).

    >>> _escape('a"b\\c\nd\x01')
    'a\\"b\\\\c\\nd\\u0001'
    """
    return _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def sort_key(term: object) -> Term:
    """Order of pyoxigraph terms: IRIs, then blank nodes, then literals; by value, datatype, language."""
    from .canonical import term as as_tuple

    return as_tuple(term)


def _pred_key(p: str) -> tuple[int, str]:
    return (0 if p == _RDF_TYPE else 1, p)


class _Names:
    """IRI abbreviation with the prefixes actually used (so the header lists only those)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # longest namespace first, so scheme prefixes win over shorter ones
        self.prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.used: set[str] = set()
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        hit = self.cache.get(iri)
        if hit is None:
            hit = self.cache[iri] = self._abbreviate(iri)
        return hit

    def _abbreviate(self, iri: str) -> str:
        for name, ns in self.prefixes:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local == "" or _LOCAL.match(local):
                    self.used.add(name)
                    return f"{name}:{local}"
        return f"<{iri}>"

    def header(self) -> str:
        lines = [f"@prefix {n}: <{ns}> ." for n, ns in sorted(self.prefixes) if n in self.used]
        return "\n".join(lines) + ("\n\n" if lines else "")


def _nt(t: Term) -> str:
    """A term in N-Triples syntax (full IRIs)."""
    kind, value, dt, lang = t
    if kind == IRI:
        return f"<{value}>"
    if kind == BLANK:
        return f"_:{value}"
    body = f'"{_escape(value)}"'
    if lang:
        return f"{body}@{lang}"
    return f"{body}^^<{dt}>" if dt else body


# -- line formats ------------------------------------------------------------------------------
def write_ntriples(quads: Iterable[ox.Quad], out: TextIO) -> int:
    """Union of all graphs, one line per distinct triple, lines sorted; returns the line count."""
    triples = sorted({(s, p, o) for s, p, o, _ in rows(quads)})
    out.writelines(f"{_nt(s)} <{p}> {_nt(o)} .\n" for s, p, o in triples)
    return len(triples)


def write_nquads(quads: Iterable[ox.Quad], out: TextIO) -> int:
    """Every quad with its graph, sorted by graph then triple; returns the line count."""
    data = sorted(set(rows(quads)), key=lambda r: (r[3], r[0], r[1], r[2]))
    out.writelines(f"{_nt(s)} <{p}> {_nt(o)}{f' <{g}>' if g else ''} .\n" for s, p, o, g in data)
    return len(data)


# -- Turtle / TriG -----------------------------------------------------------------------------
class _Block:
    """The triples of one graph, grouped by subject, with the blank nodes that can be nested."""

    def __init__(self, triples: Iterable[tuple[Term, str, Term]], names: _Names,
                 shared: frozenset[str] = frozenset()) -> None:
        self.names = names
        self.by_subject: dict[Term, dict[str, list[Term]]] = {}
        refs: dict[str, int] = {}
        for s, p, o in triples:  # distinct triples
            self.by_subject.setdefault(s, {}).setdefault(p, []).append(o)
            if o[0] == BLANK:
                refs[o[1]] = refs.get(o[1], 0) + 1
        # nest a blank node referenced exactly once and used in no other graph (cycles: see render)
        self.nestable = {b for b, n in refs.items() if n == 1 and b not in shared}
        self.written: set[Term] = set()

    def _list_items(self, node: Term) -> list[Term] | None:
        """The items if ``node`` heads a well-formed list of nestable nodes, else None."""
        items: list[Term] = []
        seen: set[str] = set()
        cur = node
        while cur[0] == BLANK:
            if cur[1] in seen or cur[1] not in self.nestable:
                return None
            seen.add(cur[1])
            props = self.by_subject.get(cur, {})
            if set(props) != {_FIRST, _REST}:
                return None
            first, rest = props[_FIRST], props[_REST]
            if len(first) != 1 or len(rest) != 1:
                return None
            items.append(first[0])
            cur = rest[0]
        if cur != (IRI, _NIL, "", ""):
            return None
        return items

    def term(self, t: Term, indent: int, stack: tuple[str, ...]) -> str:
        kind, value, dt, lang = t
        if kind == IRI:
            return self.names.iri(value)
        if kind == BLANK:
            if value in self.nestable and value not in stack:
                items = self._list_items(t)
                if items is not None:
                    self._mark_list(t)
                    inner = " ".join(self.term(i, indent, stack + (value,)) for i in items)
                    return f"( {inner} )" if items else "()"
                props = self.by_subject.get(t)
                self.written.add(t)
                if not props:
                    return "[]"
                return "[\n" + self._props(t, indent + 4, stack + (value,)) + "\n" + " " * indent + "]"
            return f"_:{value}"
        body = f'"{_escape(value)}"'
        if lang:
            return f"{body}@{lang}"
        if not dt:
            return body
        if (dt == _XSD_INTEGER and _INTEGER.match(value)) or (dt == _XSD_BOOLEAN and value in ("true", "false")):
            return value  # Turtle's own shorthand, same term
        return f"{body}^^{self.names.iri(dt)}"

    def _mark_list(self, node: Term) -> None:
        cur = node
        while cur[0] == BLANK:
            self.written.add(cur)
            cur = self.by_subject[cur][_REST][0]

    def _props(self, s: Term, indent: int, stack: tuple[str, ...]) -> str:
        pad = " " * indent
        lines = []
        props = self.by_subject[s]
        for p in sorted(props, key=_pred_key):
            pn = "a" if p == _RDF_TYPE else self.names.iri(p)
            parts = [self.term(o, indent, stack) for o in sorted(props[p])]
            rendered = " , ".join(parts)
            if len(parts) > 1 and (len(rendered) + indent + len(pn) > 100 or "\n" in rendered):
                rendered = (" ,\n" + pad + "    ").join(parts)
            lines.append(f"{pad}{pn} {rendered}")
        return " ;\n".join(lines)

    def render(self, indent: int = 0) -> str:
        pad = " " * indent
        chunks = []
        subjects = sorted(self.by_subject)
        # roots: IRIs and blank nodes that cannot be nested; nested ones are written inside their parent
        for s in subjects:
            if s[0] == BLANK and s[1] in self.nestable:
                continue
            head = self.names.iri(s[1]) if s[0] == IRI else f"_:{s[1]}"
            self.written.add(s)
            stack = (s[1],) if s[0] == BLANK else ()
            chunks.append(f"{pad}{head}\n" + self._props(s, indent + 4, stack) + " .")
        # nestable nodes whose parent was never written (cycles through blank nodes): write them flat
        for s in subjects:
            if s not in self.written:
                self.nestable.discard(s[1])
                self.written.add(s)
                chunks.append(f"{pad}_:{s[1]}\n" + self._props(s, indent + 4, (s[1],)) + " .")
        return "\n\n".join(chunks)


def write_turtle(quads: Iterable[ox.Quad], out: TextIO, prefixes: Mapping[str, str] | None = None) -> int:
    """The union of all graphs as readable Turtle; returns the number of distinct triples."""
    names = _Names(prefixes or EXPORT_PREFIXES)
    triples = sorted({(s, p, o) for s, p, o, _ in rows(quads)})
    body = _Block(triples, names).render()
    out.write(names.header())
    out.write(body + ("\n" if body else ""))
    return len(triples)


def write_trig(quads: Iterable[ox.Quad], out: TextIO, prefixes: Mapping[str, str] | None = None) -> int:
    """Every graph as a ``<graph> { ... }`` block (default graph first), sorted; returns the quad count."""
    names = _Names(prefixes or EXPORT_PREFIXES)
    graphs: dict[str, set[tuple[Term, str, Term]]] = {}
    homes: dict[str, set[str]] = {}
    for s, p, o, g in rows(quads):
        graphs.setdefault(g, set()).add((s, p, o))
        for t in (s, o):
            if t[0] == BLANK:
                homes.setdefault(t[1], set()).add(g)
    shared = frozenset(b for b, gs in homes.items() if len(gs) > 1)
    blocks = []
    for g in sorted(graphs):
        inner = _Block(sorted(graphs[g]), names, shared).render(indent=4)
        head = names.iri(g) + " " if g else ""
        blocks.append(f"{head}{{\n{inner}\n}}")
    out.write(names.header())
    out.write("\n\n".join(blocks) + ("\n" if blocks else ""))
    return sum(len(t) for t in graphs.values())


# -- JSON-LD -----------------------------------------------------------------------------------
class _Compactor:
    """Chooses keys and value forms from a JSON-LD context's term definitions.

    A term is used only when its coercion fits the value exactly (``@type: @id`` for IRIs,
    the same datatype, the same language); everything else is written with a compact IRI key
    and an explicit value object, which means the same under any context.
    """

    def __init__(self, context: Mapping[str, object]) -> None:
        self.prefixes: dict[str, str] = {}
        self.terms: dict[str, list[tuple[str, str | None, str | None]]] = {}  # IRI -> (term, @type, @language)
        self.classes: dict[str, str] = {}
        for name, value in context.items():
            if name.startswith("@"):
                continue
            if isinstance(value, str):
                iri = self._expand(value)
                if value.endswith(("/", "#")) and ":" not in name:
                    self.prefixes[name] = value
                else:
                    self.classes.setdefault(iri, name)
            elif isinstance(value, dict) and "@id" in value:
                iri = self._expand(str(value["@id"]))
                self.terms.setdefault(iri, []).append((name, value.get("@type"), value.get("@language")))  # type: ignore[arg-type]
        self.ordered = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def _expand(self, value: str) -> str:
        if ":" in value:
            pfx, local = value.split(":", 1)
            if pfx in self.prefixes:
                return self.prefixes[pfx] + local
        return value

    def compact(self, iri: str) -> str:
        for name, ns in self.ordered:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                if not local.startswith("/"):
                    return f"{name}:{local}"
        return iri

    def node_id(self, t: Term) -> str:
        return f"_:{t[1]}" if t[0] == BLANK else self.compact(t[1])

    def entry(self, pred: str, obj: Term) -> tuple[str, object]:
        """The key and JSON value for one (predicate, object); value objects are never coerced."""
        candidates = self.terms.get(pred, ())
        kind, value, dt, lang = obj
        is_node = kind != LITERAL
        dt = dt or (_XSD_STRING if not lang else "")
        for name, typ, tlang in candidates:
            if is_node and typ == "@id":
                return name, self.node_id(obj)
            if not is_node and tlang and lang == tlang:
                return name, value
            if not is_node and not lang and typ and typ != "@id" and self._expand(typ) == dt:
                return name, value
            if not is_node and not lang and not typ and not tlang and dt == _XSD_STRING:
                return name, value
        key = candidates[0][0] if candidates else self.compact(pred)
        if is_node:
            return key, {"@id": self.node_id(obj)}
        if lang:
            return key, {"@value": value, "@language": lang}
        if dt == _XSD_STRING:
            return key, {"@value": value}
        return key, {"@value": value, "@type": self.compact(dt)}


def write_jsonld(quads: Iterable[ox.Quad], out: TextIO, context: Mapping[str, object]) -> int:
    """The union of all graphs as one flattened JSON-LD document with ``context`` inline."""
    comp = _Compactor(context)
    subjects: dict[Term, dict[str, list[tuple[Term, object]]]] = {}
    types: dict[Term, list[str]] = {}
    triples = sorted({(s, p, o) for s, p, o, _ in rows(quads)})
    for s, p, o in triples:
        if p == _RDF_TYPE and o[0] == IRI:
            types.setdefault(s, []).append(comp.classes.get(o[1]) or comp.compact(o[1]))
            subjects.setdefault(s, {})
            continue
        key, value = comp.entry(p, o)
        subjects.setdefault(s, {}).setdefault(key, []).append((o, value))
    nodes = []
    for s in sorted(subjects):
        node: dict[str, object] = {"@id": comp.node_id(s)}
        if s in types:
            ts = sorted(types[s])
            node["@type"] = ts[0] if len(ts) == 1 else ts
        for key in sorted(subjects[s]):
            vals = [v for _, v in sorted(subjects[s][key], key=lambda kv: kv[0])]
            node[key] = vals[0] if len(vals) == 1 else vals
        nodes.append(node)
    json.dump({"@context": context, "@graph": nodes}, out, ensure_ascii=False, indent=1, sort_keys=False)
    out.write("\n")
    return len(triples)


__all__ = ["EXPORT_PREFIXES", "write_turtle", "write_trig", "write_ntriples", "write_nquads", "write_jsonld", "sort_key"]

