"""``gongkai validate``: the example graph has no errors; warnings and errors are reported by report and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from gongkai.store import open_store
from gongkai.validate import ENTITIES_LABEL, validate_store

from .conftest import run_cli
from .test_shapes import GK, T4_PRINTED, dev014_cells, report_graph


def test_examples_validate_without_errors(built_store: Path) -> None:
    proc = run_cli("validate", "--store", str(built_store))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 error(s)" in proc.stdout.splitlines()[-1]


def test_validate_store_checks_every_report_and_the_entities(built_store: Path) -> None:
    store = open_store(str(built_store), read_only=True)
    result = validate_store(store)
    assert result.ok and result.errors == ()
    assert result.graphs_checked == len(store.reports()) + 1  # each report graph, then the shared entities


def _store_with(tmp_path: Path, graphs: dict[str, Graph]) -> Path:
    """A store holding the given report graphs (IRI -> graph), like the build writes them."""
    path = tmp_path / "store"
    store = open_store(str(path))
    for iri, g in graphs.items():
        store.write_report(iri, [(iri, g.serialize(format="nt"))])
    store.flush()
    return path


def _renamed(g: Graph, old: URIRef, new: URIRef, name: str) -> Graph:
    """The same graph about another report node (with its own source name)."""
    out = Graph()
    for s, p, o in g:
        s2 = URIRef(str(s).replace(str(old), str(new))) if isinstance(s, URIRef) else s
        o2 = URIRef(str(o).replace(str(old), str(new))) if isinstance(o, URIRef) else o
        out.add((s2, p, o2))
    from rdflib import Literal

    out.set((new, GK.sourceName, Literal(name)))
    return out


@pytest.mark.slow
def test_warnings_exit_zero_errors_exit_one_grouped_by_report(tmp_path: Path) -> None:
    from .test_shapes import REPORT

    printed = report_graph([c for c in dev014_cells(T4_PRINTED) if c[0].startswith("T4.")])  # table 四 as printed
    other = URIRef(str(REPORT).replace("2023-aaaaaaaa", "2023-bbbbbbbb"))
    broken = _renamed(report_graph([c for c in dev014_cells() if c[0].startswith("T4.")]), REPORT, other, "broken.txt")
    broken.remove((URIRef(f"{other}/metric/T4.P.review/T4.O.total"), GK.unit, None))

    warn_only = _store_with(tmp_path / "a", {str(REPORT): printed})
    proc = run_cli("validate", "--store", str(warn_only))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "dev-014.txt: 0 error(s), 2 warning(s)" in proc.stdout
    assert "WARNING T4.total (2)" in proc.stdout and "T4.P.review" in proc.stdout

    both = _store_with(tmp_path / "b", {str(REPORT): printed, str(other): broken})
    proc = run_cli("validate", "--store", str(both))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "broken.txt: 1 error(s), 0 warning(s)" in lines and "  ERROR   metric: gk:unit (1)" in lines
    assert lines.index("broken.txt: 1 error(s), 0 warning(s)") < lines.index("dev-014.txt: 0 error(s), 2 warning(s)")
    # one report only
    proc = run_cli("validate", "--store", str(both), "--report", "dev-014.txt", "--quiet")
    assert proc.returncode == 0 and proc.stdout.strip().startswith("Checked 1 graph(s): 0 error(s), 2 warning(s)")
    proc = run_cli("validate", "--store", str(both), "--report", "nope.txt")
    assert proc.returncode == 1 and "nope.txt: no such report in the store" in proc.stdout


def test_entities_are_validated_once_and_labelled(tmp_path: Path) -> None:
    from rdflib import RDF

    from gongkai.rdf.vocab import ENTITY_GRAPH

    g = Graph()
    agency = URIRef("https://w3id.org/gongkai/id/agency/000000-x")
    g.add((agency, RDF.type, GK.Agency))  # no label, no status: two structural errors about a shared node
    path = tmp_path / "store"
    store = open_store(str(path))
    store.write_report(ENTITY_GRAPH, [(ENTITY_GRAPH, g.serialize(format="nt"))])
    result = validate_store(store)
    assert {f.report for f in result.errors} == {ENTITIES_LABEL}
    assert {f.rule for f in result.errors} >= {"agency: skos:prefLabel", "agency: gk:resolutionStatus"}
    assert not result.ok


def test_missing_store_is_one_line_error(tmp_path: Path) -> None:
    proc = run_cli("validate", "--store", str(tmp_path / "none"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "gongkai:" in proc.stderr
