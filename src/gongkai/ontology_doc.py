"""The ontology described for people: classes, properties and concept schemes with zh/en text.

``describe()`` reads the shipped ontology files into plain frozen values (no RDF outside this
module), so the Markdown page ``docs/ontology.md`` and the static site's ontology pages are
rendered from the same source and never drift from the Turtle. ``render_page()`` gives the
Markdown (the hand-written introduction ``ontology/source/doc-intro.md``, then the reference
in Chinese and in English); ``python -m gongkai.ontology_doc`` writes it (``--check`` to compare).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from .rdf.vocab import GK, PREFIXES, SCHEME, SCHEMES
from .resources import resource_dir

ONTOLOGY_IRI = "https://w3id.org/gongkai/ontology"
_EXTRA_PREFIXES = {"sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
                   "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#"}


@dataclass(frozen=True, slots=True)
class TermDoc:
    """A class or property of the ontology."""

    iri: str
    curie: str  # gk:Report
    kind: str  # "class" | "object property" | "datatype property"
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    parents: tuple[str, ...]  # superclasses / superproperties (CURIEs)
    domain: tuple[str, ...]
    range: tuple[str, ...]
    example: str  # Turtle

    @property
    def anchor(self) -> str:
        return self.curie.replace(":", "-").lower()


@dataclass(frozen=True, slots=True)
class ConceptDoc:
    """A concept of a scheme."""

    iri: str
    notation: str
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    broader: tuple[str, ...]  # notations


@dataclass(frozen=True, slots=True)
class SchemeDoc:
    """A SKOS concept scheme and its concepts in file order."""

    iri: str
    name: str  # "indicator"
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    concepts: tuple[ConceptDoc, ...]


@dataclass(frozen=True, slots=True)
class OntologyDoc:
    """Everything the documentation shows."""

    iri: str
    version: str
    title_zh: str
    title_en: str
    classes: tuple[TermDoc, ...]
    properties: tuple[TermDoc, ...]
    schemes: tuple[SchemeDoc, ...]


def curie(iri: str) -> str:
    """``https://w3id.org/gongkai/ontology#Report`` -> ``gk:Report`` (the IRI itself when no prefix fits).

    >>> curie("http://www.w3.org/2001/XMLSchema#decimal")
    'xsd:decimal'
    """
    best = ""
    for prefix, ns in {**PREFIXES, **_EXTRA_PREFIXES}.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, f"{prefix}:{iri[len(ns):]}"
    return name if best else iri


def _text(g: Graph, s: URIRef, p: URIRef, lang: str) -> str:
    for o in g.objects(s, p):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _names(g: Graph, nodes: list) -> tuple[str, ...]:  # type: ignore[type-arg]
    out = []
    for n in nodes:
        if isinstance(n, BNode):
            members = g.value(n, OWL.unionOf)
            if members is not None:
                out.append(" ∪ ".join(curie(str(m)) for m in Collection(g, members)))
        else:
            out.append(curie(str(n)))
    return tuple(sorted(out))


_SAMPLES = {
    "xsd:string": '"…"', "xsd:decimal": '"96000"^^xsd:decimal', "xsd:integer": "3", "xsd:boolean": "true",
    "xsd:gYear": '"2023"^^xsd:gYear', "xsd:anyURI": '"http://www.example.gov.cn/"^^xsd:anyURI',
    "xsd:positiveInteger": '"2"^^xsd:positiveInteger', "rdf:langString": '"…"@zh', "skos:Concept": "<https://w3id.org/gongkai/scheme/…>",
}


def _property_example(term: str, domain: tuple[str, ...], rng: tuple[str, ...], class_examples: dict[str, str]) -> str:
    """The line of the domain class's example that uses the property, or a one-triple sketch."""
    for d in domain:
        for line in class_examples.get(d, "").splitlines():
            if f"{term} " in line:
                head = class_examples[d].splitlines()[0].split(" a ")[0]
                return f"{head} {line.strip().rstrip(';.').strip()} ."
    first = rng[0].split(" ∪ ")[0] if rng else ""  # a union range: its first member is an example
    sample = _SAMPLES.get(first, f"[ a {first} ]" if first else "[]")
    subject = f"[ a {domain[0]} ]" if domain else "[]"
    return f"{subject} {term} {sample} ."


@lru_cache(maxsize=1)
def describe(folder: Path | None = None) -> OntologyDoc:
    """Read ``ontology/gongkai.ttl`` and ``ontology/schemes/*.ttl`` into documentation values."""
    base = folder or resource_dir("ontology")
    g = Graph().parse(base / "gongkai.ttl", format="turtle")
    onto = URIRef(ONTOLOGY_IRI)
    from rdflib.namespace import DCTERMS

    classes = []
    examples: dict[str, str] = {}
    for c in sorted(s for s in g.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef) and str(s).startswith(GK)):
        ex = str(g.value(c, SKOS.example) or "")
        examples[curie(str(c))] = ex
        classes.append(TermDoc(str(c), curie(str(c)), "class", _text(g, c, RDFS.label, "zh"), _text(g, c, RDFS.label, "en"),
                               _text(g, c, SKOS.definition, "zh"), _text(g, c, SKOS.definition, "en"),
                               _names(g, list(g.objects(c, RDFS.subClassOf))), (), (), ex))
    props = []
    for kind, cls in (("object property", OWL.ObjectProperty), ("datatype property", OWL.DatatypeProperty)):
        for p in sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef) and str(s).startswith(GK)):
            dom = _names(g, list(g.objects(p, RDFS.domain)))
            rng = _names(g, list(g.objects(p, RDFS.range)))
            props.append(TermDoc(str(p), curie(str(p)), kind, _text(g, p, RDFS.label, "zh"), _text(g, p, RDFS.label, "en"),
                                 _text(g, p, SKOS.definition, "zh"), _text(g, p, SKOS.definition, "en"),
                                 _names(g, list(g.objects(p, RDFS.subPropertyOf))), dom, rng,
                                 _property_example(curie(str(p)), dom, rng, examples)))
    props.sort(key=lambda t: t.curie.lower())
    schemes = []
    for name in SCHEMES:
        sg = Graph().parse(base / "schemes" / f"{name}.ttl", format="turtle")
        iri = URIRef(SCHEME + name)
        concepts = []
        for line in (base / "schemes" / f"{name}.ttl").read_text(encoding="utf-8").splitlines():
            # file order is the tables' order, which is the order people expect
            if line.startswith("<") and line.endswith("a skos:Concept ;"):
                c = URIRef(line.split(">", 1)[0][1:])
                concepts.append(ConceptDoc(
                    str(c), str(sg.value(c, SKOS.notation)), _text(sg, c, SKOS.prefLabel, "zh"),
                    _text(sg, c, SKOS.prefLabel, "en"), _text(sg, c, SKOS.definition, "zh"),
                    _text(sg, c, SKOS.definition, "en"),
                    tuple(sorted(str(sg.value(b, SKOS.notation) or b) for b in sg.objects(c, SKOS.broader)))))
        schemes.append(SchemeDoc(str(iri), name, _text(sg, iri, SKOS.prefLabel, "zh"), _text(sg, iri, SKOS.prefLabel, "en"),
                                 _text(sg, iri, SKOS.definition, "zh"), _text(sg, iri, SKOS.definition, "en"),
                                 tuple(concepts)))
    return OntologyDoc(ONTOLOGY_IRI, str(g.value(onto, OWL.versionInfo) or ""), _text(g, onto, DCTERMS.title, "zh"),
                       _text(g, onto, DCTERMS.title, "en"), tuple(classes), tuple(props), tuple(schemes))


# -- Markdown ------------------------------------------------------------------------------
_WORDS = {
    "zh": {"title": "本体参考（中文）", "classes": "类", "properties": "属性", "schemes": "概念方案",
           "sub": "上位", "domain": "定义域", "range": "值域", "example": "示例", "notation": "记号",
           "label": "名称", "definition": "定义", "class": "类", "object property": "对象属性",
           "datatype property": "数据属性", "concepts": "个概念", "broader": "上位概念"},
    "en": {"title": "Ontology reference (English)", "classes": "Classes", "properties": "Properties",
           "schemes": "Concept schemes", "sub": "Subclass/subproperty of", "domain": "Domain", "range": "Range",
           "example": "Example", "notation": "notation", "label": "label", "definition": "definition",
           "class": "class", "object property": "object property", "datatype property": "datatype property",
           "concepts": "concepts", "broader": "broader"},
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(doc: OntologyDoc, lang: str) -> str:
    """The reference part of the page in one language ("zh" or "en")."""
    w = _WORDS[lang]
    other = "en" if lang == "zh" else "zh"

    def pick(t: TermDoc | ConceptDoc | SchemeDoc, field: str) -> str:
        return getattr(t, f"{field}_{lang}") or getattr(t, f"{field}_{other}")

    out = [f"## {w['title']}", "", f"`{doc.iri}` (version {doc.version}) — {doc.title_zh if lang == 'zh' else doc.title_en}", ""]
    out += [f"### {w['classes']}", ""]
    for t in doc.classes:
        out += [f"#### {t.curie} — {pick(t, 'label')}", "", pick(t, "definition"), ""]
        if t.parents:
            out += [f"- {w['sub']}: {', '.join(f'`{p}`' for p in t.parents)}", ""]
        if t.example:
            out += [f"{w['example']}:", "", "```turtle", t.example, "```", ""]
    out += [f"### {w['properties']}", ""]
    for t in doc.properties:
        out += [f"#### {t.curie} — {pick(t, 'label')} ({w[t.kind]})", "", pick(t, "definition"), ""]
        out += [f"- {w['domain']}: {', '.join(f'`{d}`' for d in t.domain)}; {w['range']}: "
                f"{', '.join(f'`{r}`' for r in t.range)}"]
        if t.parents:
            out += [f"- {w['sub']}: {', '.join(f'`{p}`' for p in t.parents)}"]
        out += ["", "```turtle", t.example, "```", ""]
    out += [f"### {w['schemes']}", ""]
    for s in doc.schemes:
        out += [f"#### {s.name} — {pick(s, 'label')} ({len(s.concepts)} {w['concepts']})", "", f"`{s.iri}`", "",
                pick(s, "definition"), ""]
        if not s.concepts:
            continue
        out += [f"| {w['notation']} | {w['label']} | {w['definition']} |", "|---|---|---|"]
        for c in s.concepts:
            label = c.label_zh if lang == "zh" else f"{c.label_en} ({c.label_zh})"
            out.append(f"| `{c.notation}` | {_cell(label)} | {_cell(pick(c, 'definition'))} |")
        out.append("")
    return "\n".join(out)


def render_page(doc: OntologyDoc | None = None) -> str:
    """The whole of ``docs/ontology.md``: introduction, then the reference in zh and in en."""
    d = doc or describe()
    intro = (resource_dir("ontology") / "source" / "doc-intro.md").read_text(encoding="utf-8").rstrip()
    header = "<!-- GENERATED by `python -m gongkai.ontology_doc` from ontology/ (intro: ontology/source/doc-intro.md). -->"
    counts = ["| scheme / 方案 | concepts / 概念数 |", "|---|---|"]
    counts += [f"| `{s.name}` ({s.label_zh}) | {len(s.concepts)} |" for s in d.schemes]
    counts.append(f"| classes / 类 · properties / 属性 | {len(d.classes)} · {len(d.properties)} |")
    return "\n\n".join([header, intro, "\n".join(counts), render_markdown(d, "zh"), render_markdown(d, "en")]).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(__file__).resolve().parents[2] / "docs" / "ontology.md"
    text = render_page()
    if "--check" in args:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'differs from the ontology'}")
        return 0 if same else 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{target}: written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
