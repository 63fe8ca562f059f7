"""The machine-readable twins of each page: ``.ttl``, ``.jsonld`` and ``.nt`` of one resource.

A resource's description is its own triples plus the inverse ones (triples of other pages'
resources pointing at it, ``rdf:type`` excepted so a class page does not list every
instance); a report's description is its whole named graph (its metrics, evidence, checks
and sections are children of the report). Serialisation is pyoxigraph's, so the files
round-trip to exactly the store's terms.
"""

from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..query import Term
from ..rdf.vocab import PREFIXES
from .files import write_bytes
from .graph import Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(t: Term) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A result term back to a pyoxigraph term."""
    if t.kind == "uri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.lang:
        return ox.Literal(t.value, language=t.lang)
    if t.datatype and t.datatype != _XSD_STRING:
        return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype))
    return ox.Literal(t.value)


@lru_cache(maxsize=4096)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def ox_triples(triples: Iterable[Triple]) -> list[ox.Triple]:
    """Distinct triples as pyoxigraph triples (predicates and shared IRIs are cached nodes)."""
    out: list[ox.Triple] = []
    seen: set[Triple] = set()
    for t in triples:
        if t in seen:
            continue
        seen.add(t)
        o = t.o
        obj = _node(o.value) if o.kind == "uri" else to_ox(o)
        subj = ox.BlankNode(t.s[2:]) if t.s.startswith("_:") else ox.NamedNode(t.s)
        out.append(ox.Triple(subj, _node(t.p), obj))
    return out


def write_description(base: Path, triples: Iterable[Triple], parsed: list[ox.Triple] | None = None) -> int:
    """Write ``base``.ttl, .nt and .jsonld; return the number of triples written.

    ``parsed``: the same (distinct) triples already as pyoxigraph terms, to skip converting them.
    """
    ts = parsed if parsed is not None else ox_triples(triples)
    write_bytes(base.with_name(base.name + ".ttl"), ox.serialize(ts, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    write_bytes(base.with_name(base.name + ".nt"), ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES))
    write_bytes(base.with_name(base.name + ".jsonld"), ox.serialize(ts, format=ox.RdfFormat.JSON_LD))
    return len(ts)


def json_for_script(data: object) -> str:
    """JSON safe inside ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped.

    >>> json_for_script({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
