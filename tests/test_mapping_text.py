"""The mapper writes N-Triples text itself (no pyoxigraph terms); it must be exactly what pyoxigraph
would print for the same terms, and the quads parsed back from it must be the report's quads."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from gongkai.pipeline import facts_for_file, process_file
from gongkai.rdf.mapping import ReportMapper, _lang, _n, _plain, _typed
from gongkai.rdf.vocab import ENTITY_GRAPH, XSD

from .conftest import EXAMPLES

TRICKY = [
    "".join(chr(i) for i in range(0x80)),  # every control character, quote and backslash
    "政府信息公开\u3000“互联网＋”\n第二行\t\r\\\"",
    "\u2028\u0085\ufeff\U0001F600 é",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_literals_are_printed_as_pyoxigraph_prints_them(text: str) -> None:
    assert _plain(text) == str(ox.Literal(text))
    assert _lang(text, "zh") == str(ox.Literal(text, language="zh"))
    assert _typed(text, "anyURI") == str(ox.Literal(text, datatype=ox.NamedNode(XSD + "anyURI")))


def test_iris_are_validated() -> None:
    assert _n("https://w3id.org/gongkai/id/x") == "<https://w3id.org/gongkai/id/x>"
    with pytest.raises(ValueError):
        _n("not an iri with spaces")


def test_lines_parse_back_to_the_same_quads() -> None:
    f = sorted(EXAMPLES.glob("*.txt"))[0]
    facts = facts_for_file(f)
    mapper = ReportMapper()
    lines = list(mapper.lines(facts))
    quads = mapper.quads(facts)
    assert len(quads) == len(lines) > 100
    graphs = {0: mapper.report_iri(facts), 1: ENTITY_GRAPH}
    for (g, line), q in zip(lines, quads, strict=True):
        assert q.graph_name.value == graphs[g]
        assert f"{q.subject} {q.predicate} {q.object} <{graphs[g]}> .\n" == line


def test_process_file_holds_back_only_the_completion_marker() -> None:
    f = sorted(EXAMPLES.glob("*.txt"))[0]
    p = process_file(str(f), f.name)
    assert not p.error
    assert p.marker.count("\n") == 1 and "ontology#sha256" in p.marker and p.graph in p.marker
    assert [g for g, _ in p.parts] == [p.graph, ENTITY_GRAPH]
    body = sum(text.count(b"\n") for _, text in p.parts)
    assert body + 1 == p.triples
