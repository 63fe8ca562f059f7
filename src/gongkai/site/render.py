"""Pages: turn the graph (read through ``graph.py``) into HTML in two languages.

Every page exists twice, ``X.html`` (zh-Hans) and ``X.en.html`` (en): the interface is never
mixed on a page, and each literal keeps its own language tag (``<span lang="zh">``) when
the data has no label in the page's language. All text goes through Jinja's autoescaping
or ``markupsafe.escape``; JSON-LD goes through ``describe.json_for_script``.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..rdf.vocab import DCT, GK, OA, PREFIXES, PROV, RDFS, SCHEME, SKOS
from .assets import assets_dir, messages
from .charts import fmt_number
from .describe import json_for_script
from .files import write_bytes
from .graph import Index, Node, ReportSummary, local_name, notation_of, pick_label
from .paths import anchor, owner, relative, site_path

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
SUFFIX = {"zh": ".html", "en": ".en.html"}
ALTERNATES = (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"), ("application/n-triples", ".nt"))


def lit(text: object, tag: str | None = None) -> Markup:
    """A literal with its own language tag (escaped)."""
    if text is None:
        return Markup("")
    if tag:
        return Markup(f'<span lang="{escape(tag)}">{escape(text)}</span>')
    return escape(text)


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(assets_dir() / "templates")),
                      autoescape=select_autoescape(["html", "xml"]), trim_blocks=False, auto_reload=False)
    env.globals["lit"] = lit
    return env


def curie(iri: str) -> str:
    """``gk:reportYear`` for a known namespace, the IRI otherwise."""
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


@dataclass(slots=True)
class Linker:
    """Relative links from one page file, in one language."""

    page_file: str
    lang: str
    pages: set[str]
    base: str

    @property
    def sfx(self) -> str:
        return SUFFIX[self.lang]

    def iri(self, target: str) -> str | None:
        """Link to the page (and anchor) showing ``target``; None when the site has no page for it."""
        own, frag = owner(target)
        if own not in self.pages:
            return None
        path = site_path(own, self.base) + self.sfx
        link = relative(self.page_file, path)
        return link + (f"#{anchor(frag)}" if frag else "")

    def file(self, path: str) -> str:
        return relative(self.page_file, path)


@dataclass
class PageSpec:
    """What a page needs besides its language-specific context."""

    path: str  # site path without suffix
    template: str
    iri: str | None
    jsonld: dict[str, Any] | None
    context: Callable[[str, Linker], dict[str, Any]]
    title: Callable[[str], tuple[str, str]]
    alternates: bool = True


@dataclass
class Renderer:
    """Holds the Jinja environment and the set of pages, and writes page files."""

    out: Path
    base: str
    base_url: str
    pages: set[str]
    env: Environment = field(default_factory=environment)
    written: list[str] = field(default_factory=list)

    def write(self, spec: PageSpec) -> None:
        for lang in LANGS:
            page_file = spec.path + SUFFIX[lang]
            other = spec.path + SUFFIX["en" if lang == "zh" else "zh"]
            linker = Linker(page_file, lang, self.pages, self.base)
            title, title_lang = spec.title(lang)
            ctx = spec.context(lang, linker)
            name = spec.path.rsplit("/", 1)[-1]
            ctx.update(
                lang=lang, html_lang=HTML_LANG[lang], m=messages()[lang], sfx=SUFFIX[lang],
                root="../" * spec.path.count("/"),
                other_href=linker.file(other), title=title, title_lang=title_lang, iri=spec.iri,
                canonical=self.base_url + page_file,
                alternates=[(mime, name + ext) for mime, ext in ALTERNATES] if spec.alternates else [],
                jsonld=json_for_script(spec.jsonld) if spec.jsonld else "",
            )
            html = self.env.get_template(spec.template).render(ctx)
            write_bytes(self.out / page_file, html.encode("utf-8"))
            self.written.append(page_file)


# -- the report page ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # "metric" | "initiative" | "platform" | "agency"
    fact: str  # html id of the fact row the mark links to
    own: str = ""  # the span's own id when several spans link to one fact (mentions of one initiative)


def highlight(text: str, spans: list[Span]) -> tuple[Markup, dict[str, str]]:
    """The source text, escaped, with each span wrapped in a ``<mark>`` linking to its fact.

    Overlapping spans share the first mark that covers them. Returns the markup and
    {fact id: mark id}.

    >>> html, marks = highlight("共受理<申请>89宗", [Span(7, 9, "metric", "f1")])
    >>> str(html)
    '共受理&lt;申请&gt;<mark id="ev-f1" class="metric"><a href="#f1">89</a></mark>宗'
    >>> marks
    {'f1': 'ev-f1'}
    """
    out: list[str] = []
    marks: dict[str, str] = {}
    emitted: list[tuple[int, int, str]] = []
    pos = 0
    for sp in sorted(spans, key=lambda s: (s.start, -s.end, s.fact)):
        if not (0 <= sp.start < sp.end <= len(text)):
            continue
        if sp.start < pos:
            for s, e, mid in reversed(emitted):
                if s <= sp.start < e:
                    marks.setdefault(sp.fact, mid)
                    break
            continue
        mid = f"ev-{sp.own or sp.fact}"
        out.append(str(escape(text[pos:sp.start])))
        out.append(f'<mark id="{mid}" class="{sp.kind}"><a href="#{sp.fact}">{escape(text[sp.start:sp.end])}</a></mark>')
        emitted.append((sp.start, sp.end, mid))
        marks.setdefault(sp.fact, mid)
        pos = sp.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out)), marks


def _int(node: Node, p: str) -> int | None:
    v = node.first(p)
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


def evidence_span(g: Index, sr_iri: str | None) -> tuple[int, int, str] | None:
    """(start, end, exact) of a SpecificResource's selectors."""
    if not sr_iri:
        return None
    start = end = None
    exact = ""
    for sel in g.get(sr_iri).all(OA + "hasSelector"):
        node = g.get(sel.value)
        if node.first(OA + "start") is not None:
            start, end = _int(node, OA + "start"), _int(node, OA + "end")
        if node.first(OA + "exact") is not None:
            exact = node.first(OA + "exact") or ""
    if start is None or end is None:
        return None
    return start, end, exact


class Labels:
    """Labels of shared nodes (agencies, concepts, terms) in a UI language."""

    def __init__(self, shared: Index) -> None:
        self.shared = shared
        self._cache: dict[tuple[str, str], tuple[str, str]] = {}

    def __call__(self, iri: str, lang: str) -> tuple[str, str]:
        key = (iri, lang)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._label(iri, lang)
        return hit

    def _label(self, iri: str, lang: str) -> tuple[str, str]:
        node = self.shared.nodes.get(iri)
        if node is None:
            return (notation_of(iri) if iri.startswith(SCHEME) else local_name(iri)), ""
        text, tag = pick_label(node, lang)
        if text == local_name(iri) and not tag and node.first(SKOS + "notation"):
            return node.first(SKOS + "notation") or text, ""
        return text, tag


def report_page(iri: str, g: Index, shared: Index, labels: Labels) -> PageSpec:
    """The report page: metadata, facts by section, checks, mentions, highlighted source text."""
    r = g.get(iri)
    text = r.first(GK + "sourceText") or ""
    agency = r.first(GK + "publishedBy")
    sections = sorted(
        ((_int(s, GK + "start") or 0, _int(s, GK + "end") or 0, s) for s in
         (g.get(x.value) for x in r.all(GK + "hasSection")) if _int(s, GK + "sectionLevel") == 1),
        key=lambda t: t[0])
    starts = [s for s, _, _ in sections]

    spans: list[Span] = []
    facts: list[tuple[int, dict[str, Any]]] = []
    for m in sorted(g.of_type(GK + "Metric"), key=lambda n: n.iri):
        fid = anchor(owner(m.iri)[1])
        ev = evidence_span(g, m.first(PROV + "wasDerivedFrom"))
        if ev:
            spans.append(Span(ev[0], ev[1], "metric", fid))
        facts.append((ev[0] if ev else -1, {
            "iri": m.iri, "id": fid, "ind": m.first(GK + "indicator") or "",
            "dims": [d.value for d in m.all(GK + "dimension")],
            "value": fmt_number(Decimal(m.first(GK + "value") or "")) if m.first(GK + "value") else "",
            "unit": m.first(GK + "unit") or "", "exact": ev[2] if ev else "",
        }))
    mentions: list[dict[str, Any]] = []
    first_ann: dict[str, tuple[str, tuple[int, int, str] | None]] = {}
    for ann in sorted(g.of_type(OA + "Annotation"), key=lambda n: n.iri):
        body = ann.first(OA + "hasBody")
        if not body:
            continue
        own = anchor(owner(ann.iri)[1])
        fid = first_ann.setdefault(body, (own, None))[0]
        ev = evidence_span(g, ann.first(OA + "hasTarget"))
        kind = "initiative" if GK + "Initiative" in shared.get(body).types() else "platform"
        if ev:
            spans.append(Span(ev[0], ev[1], kind, fid, own))
    agency_ev = evidence_span(g, r.first(GK + "agencyEvidence"))
    if agency_ev:
        spans.append(Span(agency_ev[0], agency_ev[1], "agency", "agency"))
    source, marks = highlight(text, spans)
    for x in sorted({t.value for t in r.all(GK + "mentions")}):
        fid, _ = first_ann.get(x, ("", None))
        mentions.append({"iri": x, "id": fid or anchor("mention/" + local_name(x)), "ev": marks.get(fid, "")})

    checks = []
    for c in sorted((g.get(t.value) for t in r.all(GK + "hasCheck")), key=lambda n: n.iri):
        checks.append({"id": anchor(owner(c.iri)[1]), "rule": c.first(GK + "rule") or "",
                       "scope": c.first(GK + "scope") or "",
                       "status": {"pass": "pass", "fail": "fail"}.get(notation_of(c.first(GK + "status") or ""), "na"),
                       "expected": _fmt(c.first(GK + "expected")), "found": _fmt(c.first(GK + "found")),
                       "message": c.first(RDFS + "comment") or ""})

    def title(lang: str) -> tuple[str, str]:
        return pick_label(r, lang)

    def context(lang: str, ln: Linker) -> dict[str, Any]:
        groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for start, f in sorted(facts, key=lambda t: (t[0], t[1]["id"])):
            i = bisect.bisect_right(starts, start) - 1 if start >= 0 else -1
            if i >= 0 and start >= sections[i][1]:
                i = -1
            ind_label = labels(f["ind"], lang)
            unit_label = labels(f["unit"], lang)
            groups[i].append({
                "id": f["id"], "ind_href": ln.iri(f["ind"]), "ind_label": ind_label[0], "ind_lang": ind_label[1],
                "dims": [labels(d, lang) for d in f["dims"]], "value": f["value"],
                "unit": unit_label[0], "unit_lang": unit_label[1], "ev": marks.get(f["id"], ""), "exact": f["exact"],
            })
        group_list = []
        for i in sorted(groups):
            if i >= 0:
                sec = sections[i][2]
                name, tag = pick_label(sec, lang)
                group_list.append({"label": f"{sec.first(GK + 'sectionNumber') or ''}、{name}", "lang": tag or "zh",
                                   "facts": groups[i]})
            else:
                group_list.append({"label": messages()[lang]["other_section"], "lang": "", "facts": groups[i]})
        props: list[tuple[str, Markup]] = []
        if agency:
            a_label = labels(agency, lang)
            val = _a(ln.iri(agency), *a_label)
            if marks.get("agency"):
                val += Markup(f' · <a href="#{marks["agency"]}">') + messages()[lang]["open_text"] + Markup("</a>")
            props.append(("agency", val))
        if r.first(GK + "reportYear"):
            props.append(("year", escape(r.first(GK + "reportYear"))))
        if r.first(DCT + "issued"):
            props.append(("issued", escape(r.first(DCT + "issued"))))
        fmt = r.first(DCT + "conformsTo")
        if fmt:
            props.append(("format", _a(ln.iri(fmt), *labels(fmt, lang))))
        props.append(("source_file", escape(r.first(GK + "sourceName") or "")))
        return {
            "props": props, "groups": group_list, "source": source,
            "checks": [dict(c, rule=labels(c["rule"], lang)[0], rule_lang=labels(c["rule"], lang)[1]) for c in checks],
            "mentions": [dict(x, href=ln.iri(x["iri"]), label=labels(x["iri"], lang)[0],
                              lang=labels(x["iri"], lang)[1]) for x in mentions],
        }

    label, tag = pick_label(r, "zh")
    jsonld: dict[str, Any] = {"@context": "https://schema.org", "@type": "Report", "@id": iri, "name": label,
                              "inLanguage": "zh-Hans"}
    if r.first(DCT + "issued"):
        jsonld["datePublished"] = r.first(DCT + "issued")
    if r.first(GK + "reportYear"):
        jsonld["temporalCoverage"] = r.first(GK + "reportYear")
    if agency:
        jsonld["publisher"] = {"@type": "GovernmentOrganization", "@id": agency, "name": labels(agency, "zh")[0]}
    return PageSpec(path="", template="report.html", iri=iri, jsonld=jsonld, context=context, title=title)


def _fmt(number: str | None) -> str:
    """A stated number as the pages print it (formatted once per report, not once per language)."""
    return fmt_number(Decimal(number)) if number else ""


def _a(href: str | None, text: str, tag: str = "") -> Markup:
    inner = lit(text, tag)
    return Markup(f'<a href="{escape(href)}">{inner}</a>') if href else inner


def summary_row(s: ReportSummary, ln: Linker) -> dict[str, Any]:
    return {"href": ln.iri(s.iri), "label": s.label, "lang": s.label_lang, "year": s.year, "fmt": s.fmt,
            "checks": f"{s.checks_total - s.checks_failed}/{s.checks_total}" if s.checks_total else ""}


__all__ = ["Renderer", "PageSpec", "Linker", "Labels", "report_page", "highlight", "lit", "curie",
           "summary_row", "LANGS", "SUFFIX"]
