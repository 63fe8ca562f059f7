"""SHACL validation of the graph: structural errors in our data, arithmetic warnings about the reports.

``ontology/shapes.ttl`` holds two kinds of shape (see its header): a ``sh:Violation`` is a
structural problem of the data gongkai wrote (an extractor or mapping bug), a ``sh:Warning``
says that a report's own tables do not add up (reports do contain errors; they are recorded
as printed). pyshacl runs over ontology + concept schemes + data, because the shapes follow
``rdfs:subClassOf``, ``skos:inScheme`` and ``skos:broader`` links the schemes define.

A store is validated one report graph at a time (plus the rdf:type of the shared nodes the
report points to), then the shared entity graph once: memory and time grow with the largest
report, not with the store, and every finding is naturally attributed to one report.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from .errors import GongkaiError
from .rdf.vocab import ENTITY_GRAPH, GK
from .resources import resource_dir
from .store.base import GraphStore

SH = Namespace("http://www.w3.org/ns/shacl#")
_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}
ENTITIES_LABEL = "shared entities (agencies, regions, initiatives, platforms)"


class ValidationSetupError(GongkaiError):
    """The shapes or the ontology could not be loaded, or the store could not be read."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result, attributed to the report (or the shared entity graph) it is about."""

    report: str  # the report's source name, or ENTITIES_LABEL
    graph: str  # the named graph validated
    severity: str  # "error" | "warning" | "info"
    rule: str  # the shape's label ("T4.total", "metric: gk:value", ...)
    focus: str  # the node the result is about
    message: str
    path: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every finding of a validation run, and what was checked."""

    findings: tuple[Finding, ...]
    graphs_checked: int
    seconds: float = 0.0
    skipped: tuple[str, ...] = field(default_factory=tuple)  # graphs that could not be read, with the reason

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """No structural error (warnings about the reports' arithmetic are allowed)."""
        return not self.errors and not self.skipped

    def render(self, limit: int = 20) -> str:
        """A readable report: by report, then by rule, at most ``limit`` lines per rule."""
        lines: list[str] = []
        by_report: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_report.setdefault(f.report, []).append(f)
        for report in sorted(by_report, key=lambda r: (r == ENTITIES_LABEL, r)):
            items = by_report[report]
            ne = sum(1 for f in items if f.severity == "error")
            lines.append(f"{report}: {ne} error(s), {len(items) - ne} warning(s)")
            by_rule: dict[tuple[str, str], list[Finding]] = {}
            for f in items:
                by_rule.setdefault((f.severity, f.rule), []).append(f)
            for (severity, rule), group in sorted(by_rule.items(), key=lambda kv: (kv[0][0] != "error", kv[0][1])):
                lines.append(f"  {severity.upper():7} {rule} ({len(group)})")
                for f in group[:limit]:
                    where = f" [{_short(f.path)}]" if f.path else ""
                    shown = f.value and f.value != f.focus and f.value not in f.message
                    value = f" value={_short(f.value)}" if shown else ""
                    lines.append(f"    {_short(f.focus)}{where}: {f.message}{value}")
                if len(group) > limit:
                    lines.append(f"    ... and {len(group) - limit} more")
        for s in self.skipped:
            lines.append(f"SKIPPED {s}")
        lines.append(f"Checked {self.graphs_checked} graph(s): {len(self.errors)} error(s), "
                     f"{len(self.warnings)} warning(s) in {self.seconds:.1f} s.")
        return "\n".join(lines)


def _short(iri: str) -> str:
    for prefix, ns in (("gk:", GK), ("id:", "https://w3id.org/gongkai/id/"), ("oa:", "http://www.w3.org/ns/oa#"),
                       ("skos:", "http://www.w3.org/2004/02/skos/core#"), ("dct:", "http://purl.org/dc/terms/"),
                       ("prov:", "http://www.w3.org/ns/prov#"), ("rdfs:", str(RDFS))):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


# -- the shapes and the ontology -----------------------------------------------------------
@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """``ontology/shapes.ttl``, parsed once."""
    try:
        path = resource_dir("ontology") / "shapes.ttl"
        return Graph().parse(path, format="turtle")
    except (FileNotFoundError, OSError, SyntaxError) as exc:
        raise ValidationSetupError(f"ontology/shapes.ttl: cannot load the SHACL shapes ({exc})") from None


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and every concept scheme (the files the build loads into the ontology graph)."""
    g = Graph()
    try:
        folder = resource_dir("ontology")
        for f in sorted(folder.rglob("*.ttl")):
            if f.name != "shapes.ttl":
                g.parse(f, format="turtle")
    except (FileNotFoundError, OSError, SyntaxError) as exc:
        raise ValidationSetupError(f"ontology: cannot load the ontology files ({exc})") from None
    return g


def _rule_label(shapes: Graph, shape: URIRef | BNode) -> str:
    """'T4.total' for a node shape; 'metric: gk:value' for one of its property shapes."""
    label = shapes.value(shape, RDFS.label)
    if label is not None:
        return str(label)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    parent_label = str(shapes.value(parent, RDFS.label) or _short(str(parent))) if parent is not None else "shape"
    return f"{parent_label}: {_short(str(path))}" if isinstance(path, URIRef) else parent_label


# -- validating graphs ---------------------------------------------------------------------
def validate_graph(data: Graph, *, report: str = "", graph: str = "",
                   keep: Callable[[str], bool] | None = None) -> list[Finding]:
    """Run the shapes over ``data`` plus the ontology and schemes; ``keep`` filters by focus node IRI."""
    from pyshacl import validate as shacl

    shapes = shapes_graph()
    combined = Graph()
    combined += ontology_graph()
    combined += data
    _, results, text = shacl(combined, shacl_graph=shapes, inference="none", advanced=True,
                             allow_warnings=True, allow_infos=True)
    if not isinstance(results, Graph):  # pyshacl's ValidationFailure: the shapes themselves are broken
        raise ValidationSetupError(f"ontology/shapes.ttl: {str(text).strip().splitlines()[-1] if text else results}")
    out: list[Finding] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(r, SH.focusNode))
        if keep is not None and not keep(focus):
            continue
        severity = _SEVERITY.get(results.value(r, SH.resultSeverity), "error")
        shape = results.value(r, SH.sourceShape)
        messages = [str(m) for m in results.objects(r, SH.resultMessage)]
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        out.append(Finding(
            report=report, graph=graph, severity=severity, rule=_rule_label(shapes, shape), focus=focus,
            message="; ".join(sorted(messages)) or "constraint not met",
            path=str(path) if isinstance(path, URIRef) else "",
            value=_value_text(value),
        ))
    out.sort(key=lambda f: (f.severity, f.rule, f.focus, f.message))
    return out


def _value_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, Literal) and len(text) > 60:
        return text[:57] + "..."
    return text


def _construct(store: GraphStore, sparql: str) -> Graph:
    run = getattr(store, "run", None)
    if run is None:
        raise ValidationSetupError(f"{type(store).__name__}: this store cannot run CONSTRUCT queries")
    result = run(sparql)
    g = Graph()
    if result.graph:
        g.parse(data=result.graph, format="turtle")
    return g


def validate_store(store: GraphStore, *, reports: Iterable[str] | None = None,
                   progress: Callable[[str, int], None] | None = None) -> ValidationReport:
    """Validate every report graph (or those whose source name is in ``reports``) and the entity graph."""
    started = time.monotonic()
    stored = store.reports()
    wanted = set(reports) if reports is not None else None
    findings: list[Finding] = []
    skipped: list[str] = []
    checked = 0
    for name in sorted(stored):
        if wanted is not None and name not in wanted:
            continue
        graph = stored[name].graph
        try:
            data = _construct(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
            # the classes of the shared nodes this report points to, for sh:class checks
            data += _construct(store, f"CONSTRUCT {{ ?o a ?t }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                                      f"GRAPH <{ENTITY_GRAPH}> {{ ?o a ?t }} }}")
        except GongkaiError as exc:
            skipped.append(f"{name}: {exc}")
            continue
        own = {str(s) for s in data.subjects(unique=True) if (s, None, None) in data and not _only_typed(data, s)}
        found = validate_graph(data, report=name, graph=graph, keep=own.__contains__)
        findings.extend(found)
        checked += 1
        if progress:
            progress(name, len(found))
    if wanted is None or wanted:
        try:
            entities = _construct(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITY_GRAPH}> {{ ?s ?p ?o }} }}")
        except GongkaiError as exc:
            skipped.append(f"{ENTITIES_LABEL}: {exc}")
        else:
            if len(entities):
                found = validate_graph(entities, report=ENTITIES_LABEL, graph=ENTITY_GRAPH)
                findings.extend(found)
                checked += 1
                if progress:
                    progress(ENTITIES_LABEL, len(found))
    missing = sorted(wanted - set(stored)) if wanted else []
    skipped.extend(f"{m}: no such report in the store" for m in missing)
    return ValidationReport(tuple(findings), checked, time.monotonic() - started, tuple(skipped))


def _only_typed(data: Graph, node: object) -> bool:
    """True for a shared node that appears in a report's data only through its copied rdf:type."""
    return all(p == RDF.type for p in data.predicates(node, None))


__all__ = ["Finding", "ValidationReport", "ValidationSetupError", "validate_graph", "validate_store",
           "shapes_graph", "ontology_graph", "ENTITIES_LABEL"]
