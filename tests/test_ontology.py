"""The ontology and its schemes: parseable, documented, complete, generated, consistent under OWL 2 RL."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from gongkai import ontology_doc, schemes
from gongkai.rdf.vocab import GK, SCHEME, SCHEMES, concept, known_notations

from .conftest import EXAMPLES, ROOT, SHARED, run_cli

ONTOLOGY = ROOT / "ontology"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FILES = sorted(ONTOLOGY.rglob("*.ttl"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "gongkai.ttl", format="turtle")


@pytest.fixture(scope="module")
def all_schemes() -> Graph:
    g = Graph()
    for f in sorted((ONTOLOGY / "schemes").glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


@pytest.mark.parametrize("path", FILES, ids=[str(f.relative_to(ONTOLOGY)) for f in FILES])
def test_every_file_parses_with_rdflib_and_pyoxigraph(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(g) > 0 and len(triples) == len(g)


def _terms(g: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef) and str(s).startswith(GK)})


def _langs(g: Graph, s: URIRef, p: URIRef) -> set[str]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal) and str(o).strip()}


def test_every_class_and_property_has_zh_en_labels_definitions_domain_range(onto: Graph) -> None:
    terms = _terms(onto)
    assert len(terms) >= 50
    problems = []
    for t in terms:
        for p in (RDFS.label, SKOS.definition):
            if not {"zh", "en"} <= _langs(onto, t, p):
                problems.append(f"{t}: {p} needs zh and en")
        if (t, RDF.type, OWL.Class) not in onto:
            if onto.value(t, RDFS.domain) is None or onto.value(t, RDFS.range) is None:
                problems.append(f"{t}: domain and range required")
    assert problems == []


def test_contract_classes_and_alignments(onto: Graph) -> None:
    G = Namespace(GK)
    sub = {(s, o) for s, o in onto.subject_objects(RDFS.subClassOf)}
    assert (G.Agency, URIRef("http://www.w3.org/ns/org#Organization")) in sub
    assert (G.Agency, URIRef("https://schema.org/GovernmentOrganization")) in sub
    assert (G.Report, URIRef("https://schema.org/Report")) in sub and (G.Report, URIRef("http://www.w3.org/ns/prov#Entity")) in sub
    assert (G.Metric, URIRef("http://purl.org/linked-data/cube#Observation")) in sub
    assert (G.Region, URIRef("https://schema.org/AdministrativeArea")) in sub
    assert (G.publishedBy, RDFS.subPropertyOf, URIRef("http://purl.org/dc/terms/publisher")) in onto
    assert (G.value, RDFS.subPropertyOf, URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue")) in onto
    assert (G.predecessor, OWL.inverseOf, G.successor) in onto
    header = URIRef("https://w3id.org/gongkai/ontology")
    assert onto.value(header, OWL.versionIRI) is not None
    assert onto.value(header, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_term_the_code_writes_is_defined(onto: Graph) -> None:
    """Other stages add properties: each gk: term the code writes (or a query reads) must be in the ontology.

    The mapper's terms are read from what it writes: the predicates and classes of the N-Quads it
    produces for every example, plus ``GK + "name"`` in any module and ``gk:name`` in the queries.
    """
    from gongkai.pipeline import process_file

    written: set[str] = set()
    for f in sorted(EXAMPLES.iterdir()):
        for _, body in process_file(str(f), f.name).parts:
            for line in body.decode("utf-8").splitlines():
                written |= set(re.findall(r"<" + re.escape(GK) + r"([A-Za-z][A-Za-z0-9_]*)>", line))
    assert {"Report", "Metric", "value", "publishedBy", "mentions", "hasCheck"} <= written
    sources = [f.read_text(encoding="utf-8") for f in (ROOT / "src" / "gongkai").rglob("*.py")]
    used = written | {t for text in sources for t in re.findall(r'GK \+ "([A-Za-z0-9_]+)"', text)}
    # the mapper's term table: _terms(GK, "Report", "sourceName", ...)
    used |= {t for text in sources for call in re.findall(r"_terms\(\s*GK,([^)]*)\)", text)
             for t in re.findall(r'"([A-Za-z0-9_]+)"', call)}
    used |= {t for f in (ROOT / "queries").glob("*.rq")
             for t in re.findall(r"\bgk:([A-Za-z][A-Za-z0-9_]*)", f.read_text(encoding="utf-8"))}
    defined = {str(t)[len(GK):] for t in _terms(onto)}
    assert sorted(used - defined) == [], "define these in ontology/gongkai.ttl (zh/en label, definition, domain, range)"


def test_committed_schemes_equal_the_generated_ones() -> None:
    generated = schemes.generate()
    assert sorted(generated) == sorted(f"{s}.ttl" for s in SCHEMES)
    for name, text in generated.items():
        assert (ONTOLOGY / "schemes" / name).read_text(encoding="utf-8") == text, f"rerun python -m gongkai.schemes ({name})"


def test_labels_table_is_a_copy_of_the_reference() -> None:
    ref = SHARED / "reference" / "format-labels.tsv"
    if not ref.is_file():
        pytest.skip("../shared not available")
    assert (ONTOLOGY / "source" / "format-labels.tsv").read_bytes() == ref.read_bytes()


def test_every_concept_has_notation_labels_definition_and_scheme(all_schemes: Graph) -> None:
    concepts = sorted(all_schemes.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 120
    problems = []
    for c in concepts:
        notation = all_schemes.value(c, SKOS.notation)
        scheme = all_schemes.value(c, SKOS.inScheme)
        if notation is None or scheme is None or str(c) != concept(str(scheme)[len(SCHEME):], str(notation)):
            problems.append(f"{c}: IRI must be scheme/{{notation}}")
        for p in (SKOS.prefLabel, SKOS.definition):
            if not {"zh", "en"} <= _langs(all_schemes, c, p):
                problems.append(f"{c}: {p} zh+en")
    assert problems == []
    for s in SCHEMES:
        assert (URIRef(SCHEME + s), RDF.type, SKOS.ConceptScheme) in all_schemes


def test_table_notations_versions_and_counterparts(all_schemes: Graph) -> None:
    notations = {(str(s)[len(SCHEME):].split("/")[0], str(n)) for s, n in all_schemes.subject_objects(SKOS.notation)}
    for ind in ("T2.R.licensing", "T3.R1", "T3.R3.4.1", "T3.R3.6.3", "T4.P.litDirect", "H.requestsReceived"):
        assert ("indicator", ind) in notations
    for dim in ("T2.C21.decisions", "T3.C.natural", "T3.C.total", "T4.O.total"):
        assert ("dimension", dim) in notations
    assert {n for s, n in notations if s == "format"} == {"free-text", "std-2019", "std-2021"}
    assert {"count", "CNY", "percent"} <= {n for s, n in notations if s == "unit"}
    assert {n for s, n in notations if s == "check-rule"} == {"T3.balance", "T3.rowTotal", "T3.outcomeTotal", "T4.total"}
    assert {"pass", "fail", "not-assessable", "resolved", "unresolved"} == {n for s, n in notations if s == "check-status"}
    # 2019 and 2021 kept apart, linked both ways
    a, b = URIRef(concept("indicator", "T2.R.normdoc2019")), URIRef(concept("indicator", "T2.R.normdoc"))
    assert (a, SKOS.closeMatch, b) in all_schemes and (b, SKOS.closeMatch, a) in all_schemes
    fmt = URIRef("https://w3id.org/gongkai/ontology#formatVersion")
    assert set(all_schemes.objects(URIRef(concept("indicator", "T3.R3.6.1")), fmt)) == {URIRef(concept("format", "std-2021"))}
    assert (URIRef(concept("indicator", "T3.R3.3.2")), SKOS.hiddenLabel, Literal("其他法律行政止公开", lang="zh")) in all_schemes


def test_headline_indicators_match_the_contract(all_schemes: Graph) -> None:
    """Every H.* of the contract is a concept; those with a table equivalent say which cells."""
    contract = SHARED / "design" / "CONTRACT.md"
    if not contract.is_file():
        pytest.skip("../shared not available")
    rows = re.findall(r"^\| `(H\.[A-Za-z]+)` \|[^|]*\| ([^|]*)\|", contract.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 15
    table_ind = URIRef(GK + "tableIndicator")
    for notation, equivalent in rows:
        c = URIRef(concept("indicator", notation))
        assert (c, SKOS.notation, Literal(notation)) in all_schemes, notation
        linked = {str(all_schemes.value(t, SKOS.notation)) for t in all_schemes.objects(c, table_ind)}
        cited = set(re.findall(r"T[34]\.[A-Za-z0-9.]+?(?=\.\*|[ ,×]|$)", equivalent.strip()))
        if equivalent.strip().startswith("—"):
            assert linked == set(), notation
        else:
            assert linked and linked <= cited | {n.rstrip(".") for n in cited}, (notation, linked, cited)


def test_data_lexicons_are_in_the_schemes() -> None:
    """Free-text indicators and initiative categories the other stages define become concepts."""
    known = known_notations()
    for name, scheme, columns in (("text-indicators.tsv", "indicator", schemes._TEXT_COLUMNS),
                                  ("initiative-categories.tsv", "initiative-category", schemes._CATEGORY_COLUMNS)):
        rows = schemes.read_tsv(ROOT / "src" / "gongkai" / "data" / name, required=False, columns=columns)
        for r in rows:
            assert (scheme, r["notation"]) in known, (name, r["notation"])


def test_scheme_generator_rejects_dangling_references(tmp_path: Path) -> None:
    src = tmp_path / "source"
    src.mkdir()
    for f in (ONTOLOGY / "source").glob("*.tsv"):
        (src / f.name).write_bytes(f.read_bytes())
    text = (src / "concepts.tsv").read_text(encoding="utf-8").replace("table=T3.R1 ", "table=T3.R99 ")
    (src / "concepts.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(schemes.SchemeSourceError, match="T3.R99"):
        schemes.load(src)


@pytest.mark.slow
def test_owl_rl_closure_of_ontology_and_examples_is_consistent(built_store: Path, tmp_path: Path) -> None:
    import owlrl

    out = tmp_path / "all.nt"
    run_cli("export", "--store", str(built_store), "--format", "ntriples", "--output", str(out), check=True)
    g = Graph().parse(out, format="nt")
    assert (None, RDF.type, OWL.Ontology) in g and (None, RDF.type, URIRef(GK + "Metric")) in g
    before = len(g)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    err = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
    errors = [str(g.value(m, err.error)) for m in g.subjects(RDF.type, err.ErrorMessage)]
    assert errors == []
    assert len(g) > before
    # the alignments are used: every agency is an org:Organization after the closure
    agencies = set(g.subjects(RDF.type, URIRef(GK + "Agency")))
    assert agencies and agencies <= set(g.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Organization")))


def test_owl_rl_derives_predecessor_from_a_reorganisation(onto: Graph) -> None:
    import owlrl

    org = Namespace("http://www.w3.org/ns/org#")
    g = Graph() + onto
    old, new, ev = URIRef("urn:x:old"), URIRef("urn:x:new"), URIRef("urn:x:event")
    g.add((new, org.resultedFrom, ev))
    g.add((ev, org.originalOrganization, old))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False).expand(g)
    assert (new, URIRef(GK + "predecessor"), old) in g and (old, URIRef(GK + "successor"), new) in g


def test_ontology_doc_describes_everything_and_page_is_current(onto: Graph) -> None:
    doc = ontology_doc.describe()
    assert {t.iri for t in (*doc.classes, *doc.properties)} == {str(t) for t in _terms(onto)}
    assert all(t.label_zh and t.label_en and t.definition_zh and t.definition_en and t.example
               for t in (*doc.classes, *doc.properties))
    assert [s.name for s in doc.schemes] == list(SCHEMES)
    indicator = next(s for s in doc.schemes if s.name == "indicator")
    assert indicator.concepts[0].notation.startswith("T2.")  # table order, not alphabetical
    # every Turtle example of a class parses once prefixed
    prefixes = "".join(f"@prefix {p}: <{i}> .\n" for p, i in {
        "gk": GK, "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": str(SKOS), "dct": "http://purl.org/dc/terms/",
        "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#", "org": "http://www.w3.org/ns/org#",
        "rdfs": str(RDFS)}.items())
    for t in doc.classes:
        Graph(base="https://w3id.org/gongkai/id/").parse(data=prefixes + t.example, format="turtle")
    page = ontology_doc.render_page(doc)
    assert "## 本体参考（中文）" in page and "## Ontology reference (English)" in page
    assert (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8") == page, "rerun python -m gongkai.schemes (or gongkai.ontology_doc)"
