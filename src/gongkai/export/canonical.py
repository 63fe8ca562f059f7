"""Plain-tuple RDF terms and deterministic labels for blank nodes.

Two jobs, both about making a serialisation the same in every build:

- ``rows()`` turns pyoxigraph quads into tuples of plain strings once, so sorting, hashing and
  grouping (the writers' whole work) run on native Python values, several times faster than
  on pyoxigraph objects. A term is ``(kind, value, datatype, language)``: kind 0 IRI, 1 blank
  node, 2 literal (datatype "" for xsd:string and language-tagged strings); the tuple is also
  the term's sort key. A row is ``(subject, predicate IRI, object, graph IRI or "")``.
- Oxigraph gives blank nodes fresh random labels each time a document is loaded, and the
  ontology's Turtle files contain blank nodes (OWL restrictions, lists). ``relabel()`` names
  each blank node after what it *is* (its triples, refined through its blank neighbours,
  colour-refinement style), which is the same in every build and changes only where the data does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

Term = tuple[int, str, str, str]
Row = tuple[Term, str, Term, str]

IRI, BLANK, LITERAL = 0, 1, 2
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ROUNDS = 8


def term(t: object) -> Term:
    """A pyoxigraph term as a plain tuple."""
    if isinstance(t, ox.NamedNode):
        return (IRI, t.value, "", "")
    if isinstance(t, ox.BlankNode):
        return (BLANK, t.value, "", "")
    if isinstance(t, ox.Literal):
        if t.language:
            return (LITERAL, t.value, "", t.language)
        dt = t.datatype.value
        return (LITERAL, t.value, "" if dt == _XSD_STRING else dt, "")
    raise TypeError(f"unsupported RDF term {t!r}")


def rows(quads: Iterable[ox.Quad]) -> list[Row]:
    """Quads as rows of plain tuples, blank nodes relabelled deterministically."""
    out: list[Row] = []
    for q in quads:
        g = q.graph_name
        out.append((term(q.subject), q.predicate.value, term(q.object),
                    "" if isinstance(g, ox.DefaultGraph) else g.value))
    return relabel(out)


def _key(t: Term, colour: dict[str, str]) -> str:
    if t[0] == BLANK:
        return "_:" + colour[t[1]]
    return f"{t[0]}\x1f{t[1]}\x1f{t[2]}\x1f{t[3]}"


def blank_labels(data: Iterable[Row]) -> dict[str, str]:
    """Map each blank node id in ``data`` to a label that depends only on its surroundings.

    >>> p, o = "http://e/p", (LITERAL, "x", "", "")
    >>> first = blank_labels([((BLANK, "load1", "", ""), p, o, "")])
    >>> second = blank_labels([((BLANK, "load2", "", ""), p, o, "")])
    >>> first["load1"] == second["load2"]
    True
    """
    touching: dict[str, list[Row]] = {}
    for r in data:
        s, _, o, _ = r
        if s[0] == BLANK:
            touching.setdefault(s[1], []).append(r)
        if o[0] == BLANK and o != s:
            touching.setdefault(o[1], []).append(r)
    if not touching:
        return {}
    colour = {b: "" for b in touching}
    distinct = 1
    for _ in range(_ROUNDS):
        new: dict[str, str] = {}
        for b, rs in touching.items():
            parts = []
            for s, p, o, g in rs:
                if s[0] == BLANK and s[1] == b:
                    parts.append(f"o {p} {_key(o, colour)} {g}")
                if o[0] == BLANK and o[1] == b:
                    parts.append(f"i {_key(s, colour)} {p} {g}")
            parts.sort()
            new[b] = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
        colour = new
        now = len(set(colour.values()))
        if now == distinct:
            break
        distinct = now
    # indistinguishable nodes share a colour: number them in the order of their colour
    labels: dict[str, str] = {}
    used: dict[str, int] = {}
    for b in sorted(touching, key=lambda x: colour[x]):
        base = "b" + colour[b][:16]
        n = used.get(base, 0)
        used[base] = n + 1
        labels[b] = base if n == 0 else f"{base}x{n}"
    return labels


def relabel(data: list[Row]) -> list[Row]:
    """The same rows with every blank node renamed to its deterministic label."""
    labels = blank_labels(data)
    if not labels:
        return data

    def r(t: Term) -> Term:
        return (BLANK, labels[t[1]], "", "") if t[0] == BLANK else t

    return [(r(s), p, r(o), g) for s, p, o, g in data]
