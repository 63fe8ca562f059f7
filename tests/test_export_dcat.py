"""DCAT-AP 3 (validated with the official shapes), VoID and PROV-O of an export folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from gongkai.export import CatalogOptions, dcat_graph, export_all, provenance_graph, scan, void_graph
from gongkai.export.dcat import shapes_graph, validate
from gongkai.store.base import GraphStore

from .conftest import SHARED, run_cli
from .test_export import synthetic_store

SHAPES = SHARED / "reference" / "dcat-ap"  # the official DCAT-AP 3.0.1 shapes
BASE = "https://data.example.org/gongkai/"
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture(scope="module")
def synth() -> GraphStore:
    return synthetic_store()


@pytest.fixture(scope="module")
def package(synth: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package")
    export_all(synth, folder, BASE, slice_by=("year", "agency"),
               options=CatalogOptions(sparql_endpoint="https://data.example.org/sparql", contact_email="data@example.org"))
    return folder


def test_catalog_passes_the_official_dcat_ap_3_shapes(package: Path) -> None:
    g = rdflib.Graph().parse(package / "catalog.ttl", format="turtle")
    conforms, violations, text = validate(g, shapes_graph(SHAPES))
    assert conforms, text
    assert violations == 0


def test_the_validation_does_catch_violations(package: Path) -> None:
    """The same check fails when a mandatory property is missing or a range is untyped."""
    g = rdflib.Graph().parse(package / "catalog.ttl", format="turtle")
    cat = next(g.subjects(RDF.type, DCAT.Catalog))
    g.remove((cat, DCTERMS.title, None))
    lic = next(g.subjects(RDF.type, DCTERMS.LicenseDocument))
    g.remove((lic, RDF.type, DCTERMS.LicenseDocument))
    conforms, violations, _ = validate(g, shapes_graph(SHAPES))
    assert not conforms and violations >= 2


def test_every_file_is_a_distribution_with_size_checksum_and_media_type(package: Path) -> None:
    g = rdflib.Graph().parse(package / "catalog.ttl", format="turtle")
    files = {a.relpath: a for a in scan(package) if a.kind not in ("void", "prov")}
    assert {"graph.ttl", "graph.trig", "graph.nq", "graph.nt", "graph.jsonld", "metrics.csv", "metrics.csv-metadata.json",
            "year-2020.ttl", "year-2021.ttl"} <= set(files)
    dists = list(g.subjects(RDF.type, DCAT.Distribution))
    assert len(dists) == len(files)
    for d in dists:
        url = str(g.value(d, DCAT.downloadURL))
        rel = url[len(BASE):]
        data = (package / rel).read_bytes()
        assert int(g.value(d, DCAT.byteSize)) == len(data)
        ck = g.value(d, SPDX.checksum)
        assert str(g.value(ck, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert g.value(d, DCAT.mediaType) is not None and g.value(d, DCTERMS.license) is not None


def test_datasets_per_year_and_agency_with_coverage(package: Path) -> None:
    g = rdflib.Graph().parse(package / "catalog.ttl", format="turtle")
    datasets = {str(d) for d in g.subjects(RDF.type, DCAT.Dataset)}
    assert {BASE + "dataset/all", BASE + "dataset/year-2020", BASE + "dataset/year-2021"} <= datasets
    assert sum(1 for d in datasets if "/dataset/agency-" in d) == 2
    whole = rdflib.URIRef(BASE + "dataset/all")
    period = g.value(whole, DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2020-01-01"
    assert str(g.value(period, DCAT.endDate)) == "2021-12-31"
    spatial = {str(s) for s in g.objects(whole, DCTERMS.spatial)}
    assert "https://w3id.org/gongkai/id/region/110101" in spatial
    y2020 = rdflib.URIRef(BASE + "dataset/year-2020")
    assert {str(s) for s in g.objects(y2020, DCTERMS.spatial)} >= {"https://w3id.org/gongkai/id/region/110101"}
    assert "https://w3id.org/gongkai/id/region/110102" not in {str(s) for s in g.objects(y2020, DCTERMS.spatial)}
    svc = next(g.subjects(RDF.type, DCAT.DataService))
    assert str(g.value(svc, DCAT.endpointURL)) == "https://data.example.org/sparql"
    assert g.value(whole, DCAT.contactPoint) is not None


def test_dcat_without_endpoint_has_no_data_service(synth: GraphStore, package: Path) -> None:
    g = dcat_graph(synth, scan(package), BASE)
    assert not list(g.subjects(RDF.type, DCAT.DataService))
    conforms, _, text = validate(g, shapes_graph(SHAPES))
    assert conforms, text


def test_void_counts_match_the_store(synth: GraphStore, package: Path) -> None:
    g = rdflib.Graph().parse(package / "void.ttl", format="turtle")
    ds = rdflib.URIRef(BASE + "void#gongkai")
    union = rdflib.Graph()
    dump = package / "graph.nt"
    union.parse(dump, format="nt")
    assert int(g.value(ds, VOID.triples)) == len(union)
    assert int(g.value(ds, VOID.distinctSubjects)) == len(set(union.subjects()))
    gk = rdflib.Namespace("https://w3id.org/gongkai/ontology#")
    parts = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities)) for p in g.objects(ds, VOID.classPartition)}
    assert parts[gk.Metric] == 6 and parts[gk.Report] == 2
    assert str(g.value(ds, VOID.sparqlEndpoint)) == "https://data.example.org/sparql"
    assert rdflib.URIRef(BASE + "graph.ttl") in set(g.objects(ds, VOID.dataDump))
    assert len(list(g.objects(ds, VOID.exampleResource))) >= 3
    # links out of our IRI space (the schemes' licence, for one) are linksets
    assert list(g.subjects(RDF.type, VOID.Linkset))


def test_provenance_names_version_time_inputs_and_outputs(synth: GraphStore, package: Path) -> None:
    import gongkai

    g = rdflib.Graph().parse(package / "provenance.ttl", format="turtle")
    act = next(g.subjects(RDF.type, PROV.Activity))
    assert g.value(act, PROV.startedAtTime) is not None and g.value(act, PROV.endedAtTime) is not None
    agent = g.value(act, PROV.wasAssociatedWith)
    assert str(g.value(agent, DCTERMS.hasVersion)) == gongkai.__version__
    used = {str(u) for u in g.objects(act, PROV.used)}
    for rep in synth.reports().values():
        assert f"urn:sha256:{rep.sha256}" in used
    generated = {str(s) for s in g.subjects(PROV.wasGeneratedBy, act)}
    assert BASE + "graph.ttl" in generated and BASE + "metrics.csv" in generated


def test_functions_return_graphs_for_the_site(synth: GraphStore, package: Path) -> None:
    from datetime import datetime, timezone

    files = scan(package)
    t = datetime(2024, 1, 1, tzinfo=timezone.utc)
    for g in (dcat_graph(synth, files, BASE), void_graph(synth, BASE), provenance_graph(synth, files, BASE, t, t)):
        assert isinstance(g, rdflib.Graph) and len(g) > 20


def test_cli_writes_the_whole_package(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_cli("export", "--store", str(built_store), "--format", "all", "--output", str(out), "--base-url", BASE,
            "--sparql-endpoint", "https://data.example.org/sparql", check=True)
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.nt", "graph.jsonld", "metrics.csv", "metrics.csv-metadata.json",
                 "provenance.ttl", "void.ttl", "catalog.ttl"):
        assert (out / name).is_file(), name
    assert list(out.glob("year-*.ttl"))
    g = rdflib.Graph().parse(out / "catalog.ttl", format="turtle")
    conforms, _, text = validate(g, shapes_graph(SHAPES))
    assert conforms, text
    # a catalogue of an existing folder, as a separate step
    run_cli("export", "--store", str(built_store), "--format", "dcat", "--output", str(out / "catalog.ttl"),
            "--base-url", BASE, check=True)
    g2 = rdflib.Graph().parse(out / "catalog.ttl", format="turtle")
    assert len(list(g2.subjects(RDF.type, DCAT.Distribution))) == len(list(g.subjects(RDF.type, DCAT.Distribution)))


def test_shapes_loader_only_drops_the_dangling_property() -> None:
    raw = rdflib.Graph()
    for f in SHAPES.glob("*.ttl"):
        raw.parse(f, format="turtle")
    cleaned = shapes_graph(SHAPES)
    assert len(raw) - len(cleaned) == 2
    links = lambda g: {(s, o) for s, o in g.subject_objects(SH.property) if isinstance(o, rdflib.URIRef)}  # noqa: E731
    dropped = links(raw) - links(cleaned)
    assert len(dropped) == 2  # two sh:property links of dcat:DataServiceShape to shapes never defined
    for s, o in dropped:
        assert str(s).endswith("#dcat:DataServiceShape")
        assert not list(raw.predicate_objects(o))
