"""``build_site``: the site as a short sequence of steps, all reading through ``GraphStore``.

    1. shared graphs  entities + ontology, read once (small)
    2. reports        report graphs in batches: page + .ttl/.jsonld/.nt each, then summarised
    3. shared pages   agencies, regions, initiatives, platforms, concepts, ontology terms
    4. lists          home, reports (faceted), agencies, initiatives, indicators, search, SPARQL, ontology
    5. metadata       sitemap.xml, .htaccess, static files, DCAT (from the report summaries); the VoID and the
                      SPARQL page's query library run in a thread from the start of the reports: ``_Background``
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..rdf.vocab import DEFAULT_BASE, GK, OWL, RDF, RDFS, SCHEME, SKOS
from ..store.base import GraphStore
from . import metadata
from .assets import assets_dir, messages
from .charts import bar_chart, fmt_number
from .describe import write_description
from .dump import Export
from .graph import (
    A,
    Index,
    MetricValue,
    ReportSummary,
    Triple,
    closure,
    notation_of,
    pick_label,
    report_iris,
    shared_graphs,
    summarise,
)
from .paths import GRAPH_NS, site_path
from .render import LANGS, SUFFIX, Labels, Linker, PageSpec, Renderer, _a, curie, report_page, summary_row
from .reports import default_jobs, fingerprint, load_page_keys, map_pages, render_reports, save_page_keys
from .search import write_search_index
from .sparql import query_library

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
KIND_CLASSES = {
    "agency": GK + "Agency", "region": GK + "Region", "initiative": GK + "Initiative", "platform": GK + "Platform",
}
TERM_TYPES = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
              RDF + "Property", RDFS + "Class", OWL + "Ontology"}


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """How to write the site: where, the public URL it will be served from, the IRI base it describes."""

    out: Path
    base_url: str = "http://localhost:8000/"  # where the files are served (preview or production)
    base_iri: str = DEFAULT_BASE  # the instance namespace the graph uses (w3id), kept distinct from base_url
    sparql_url: str | None = None  # a `gongkai serve` query URL to link each library query to
    query_timeout: float = 30.0  # seconds per library query on the SPARQL page
    batch: int = 200
    dump: bool = True
    jobs: int | None = None  # worker processes for report pages; None: all cores
    incremental: bool = True  # reuse report pages whose graph and shared inputs are unchanged since the last build


@dataclass(slots=True)
class SiteStats:
    """What was written."""

    html_pages: int = 0
    resources: int = 0
    descriptions: int = 0
    reports: int = 0
    reused: int = 0  # report pages kept from the previous build (incremental)
    reused_pages: int = 0  # shared-node pages kept from the previous build (their inputs unchanged)
    seconds: float = 0.0
    bytes: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds from the start to the end of each step
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds (this process and its finished workers), same

    @property
    def pages_per_second(self) -> float:
        return self.html_pages / self.seconds if self.seconds else 0.0


def build_site(store: GraphStore, options: SiteOptions) -> SiteStats:
    """Write the whole static site for the graph in ``store`` to ``options.out``."""
    t0, c0 = time.perf_counter(), _cpu()
    stats = SiteStats()
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    base_url = options.base_url if options.base_url.endswith("/") else options.base_url + "/"

    # 1. shared graphs
    shared = shared_graphs(store)
    reports = report_iris(store)
    page_iris = set(reports) | {
        s for s in shared.nodes if s.startswith((options.base_iri, DEFAULT_BASE, SCHEME, GK, GRAPH_NS))
        or s == GK.rstrip("#")
    }
    renderer = Renderer(out=out, base=options.base_iri, base_url=base_url, pages=page_iris)
    labels = Labels(shared)
    inverse: dict[str, list[Triple]] = defaultdict(list)
    for t in shared.triples:
        if t.o.kind == "uri" and t.p != A and t.o.value in page_iris and t.s in page_iris:
            inverse[t.o.value].append(t)
    stats.timings["shared"] = time.perf_counter() - t0
    stats.cpu["shared"] = _cpu() - c0

    # 2. reports: one N-Quads export (also the download dump), cut per graph, rendered in workers
    with tempfile.TemporaryDirectory(prefix="gongkai-site-") as tmp:
        dump_path = out / "download" / "gongkai.nq" if options.dump else Path(tmp) / "store.nq"
        dump_path.parent.mkdir(parents=True, exist_ok=True)
        # the export is written by a thread and the report pages start from its first lines; the Oxigraph
        # work no page needs (the query library, VoID) runs in another thread meanwhile
        export = Export(store, dump_path)  # a backend without export: one query per report (render_reports)
        background = _Background(store, out, labels, base_url, options, export)
        results, stats.reused = render_reports(store, export, reports, renderer, shared, labels, page_iris,
                                               options.base_iri, options.jobs or default_jobs(), options.incremental)
        dumped = dump_path if export.ok else None
        stats.timings["export"] = export.seconds  # overlapping the report step
    summaries: list[ReportSummary] = []
    for res in results:
        renderer.written.extend(res.written)
        for t in res.inverse:
            inverse[t.o.value].append(t)
        summaries.append(res.summary)
        stats.descriptions += 1
    stats.reports = len(summaries)
    stats.timings["reports"] = time.perf_counter() - t0
    stats.cpu["reports"] = _cpu() - c0

    # 3. shared pages: independent of each other, so in worker processes too; on a rebuild, a page whose
    # inputs (``_Shared.inputs_key``) are those of the last build into ``out`` is not rendered again
    ctx = _Shared(shared, summaries, labels, options)
    fp = fingerprint(shared, options.base_iri, renderer.base_url, renderer.base)
    old_keys = load_page_keys(out, fp)
    if not options.incremental:
        old_keys = None
    keys: dict[str, bytes] = {}
    global _SHARED
    _SHARED = (ctx, renderer, shared, inverse, options.base_iri, fp, old_keys)
    try:
        for written, batch_keys, kept in map_pages(_shared_pages, sorted(page_iris - set(reports)),
                                             options.jobs or default_jobs()):
            renderer.written.extend(written)
            keys.update(batch_keys)
            stats.reused_pages += kept
            stats.descriptions += sum(1 for f in written if not f.endswith(".en.html"))
    finally:
        _SHARED = None
    save_page_keys(out, fp, keys)  # also after a full build: the keys of the pages now on disk
    stats.timings["shared_pages"] = time.perf_counter() - t0
    stats.cpu["shared_pages"] = _cpu() - c0

    # 4. lists and tools
    for spec in ctx.lists(store, reports_total=len(summaries)):
        renderer.write(spec)
    write_search_index(out / "search-index.json", shared, summaries, page_iris, options.base_iri)
    stats.timings["lists"] = time.perf_counter() - t0
    stats.cpu["lists"] = _cpu() - c0
    for spec in background.join():
        renderer.write(spec)
    stats.timings["queries"] = time.perf_counter() - t0
    stats.cpu["queries"] = _cpu() - c0

    # 5. metadata, static files, dump
    static = out / "static"
    if static.exists():
        shutil.rmtree(static)
    shutil.copytree(assets_dir() / "static", static)
    triples = store.count_triples()
    metadata.write_all(store, out, base_url, options, renderer.written, triples, len(summaries), options.dump,
                       exported=dumped is not None, catalogue=False)  # VoID: written by ``background``
    metadata.write_dcat(metadata.site_coverage(summaries, shared), out, base_url, options, background.dumps)
    stats.html_pages = len(renderer.written)
    stats.resources = len(page_iris)
    stats.seconds = time.perf_counter() - t0
    stats.cpu["total"] = _cpu() - c0
    stats.bytes = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return stats


class _Background:
    """The query library (SPARQL page), then the VoID (once the export is complete), in one thread.

    Why: they are Oxigraph work (40-60 s at 10,000 reports) that no page depends on, and Oxigraph
    evaluates without the GIL, so they overlap the report and shared-node pages rendered in worker
    processes instead of running after them. The worker pools fork while this thread runs; the
    workers never touch the store. ``join`` re-raises any error in the calling thread.
    """

    def __init__(self, store: GraphStore, out: Path, labels: Labels, base_url: str, options: SiteOptions,
                 export: Export) -> None:
        self._specs: list[PageSpec] = []
        self.dumps: list[Any] = []  # the dump's ``Artifact`` (for DCAT), once done
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._specs = query_library(store, out, labels, options.sparql_url, options.query_timeout)
                self.dumps = metadata.write_void(store, out, base_url, options, options.dump, export.ok)  # after export
            except BaseException as exc:  # re-raised by join()
                self._error = exc

        self._thread = threading.Thread(target=run, name="site-oxigraph-work", daemon=True)
        self._thread.start()

    def join(self) -> list[PageSpec]:
        """Wait for the thread; the SPARQL page's specs."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._specs


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished worker processes."""
    try:
        import resource
    except ImportError:  # not Unix: this process only
        return time.process_time()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


_SHARED: tuple[Any, ...] | None = None  # set before forking the shared-page workers


def _shared_pages(iris: list[str]) -> tuple[list[str], dict[str, bytes], int]:
    """Render the pages and descriptions of some shared nodes (unless unchanged since the last build).

    Returns the page files (rendered or kept), each page's inputs key, and how many were kept.
    """
    assert _SHARED is not None
    ctx, renderer, shared, inverse, base_iri, fp, old_keys = _SHARED
    start = len(renderer.written)
    keys: dict[str, bytes] = {}
    kept = 0
    for iri in iris:
        path = site_path(iri, base_iri)
        key = keys[iri] = ctx.inputs_key(iri, inverse.get(iri, []), fp)
        pages = [path + SUFFIX[lang] for lang in LANGS]
        if old_keys is not None and old_keys.get(iri) == key and all(
                (renderer.out / f).is_file() for f in (*pages, path + ".ttl", path + ".nt", path + ".jsonld")):
            renderer.written.extend(pages)
            kept += 1
            continue
        renderer.write(replace(ctx.page(shared.get(iri)), path=path))
        write_description(renderer.out / path, closure(shared, iri) + inverse.get(iri, []))
    written = renderer.written[start:]
    del renderer.written[start:]
    return written, keys, kept


class _Shared:
    """Pages of the shared nodes and the list pages, from the shared graphs and report summaries."""

    def __init__(self, shared: Index, summaries: list[ReportSummary], labels: Labels, options: SiteOptions) -> None:
        self.shared = shared
        self.summaries = summaries
        self.labels = labels
        self.options = options
        self.by_agency: dict[str, list[ReportSummary]] = defaultdict(list)
        self.by_mention: dict[str, list[ReportSummary]] = defaultdict(list)
        self.by_indicator: dict[str, list[tuple[ReportSummary, MetricValue]]] = defaultdict(list)
        for s in summaries:
            if s.agency:
                self.by_agency[s.agency].append(s)
            for x in s.mentions:
                self.by_mention[x].append(s)
            for mv in s.metrics:
                self.by_indicator[mv.indicator].append((s, mv))
        self.referrers: dict[tuple[str, str], list[str]] = defaultdict(list)
        for t in shared.triples:
            if t.o.kind == "uri":
                self.referrers[(t.p, t.o.value)].append(t.s)

    # -- one page per shared node ------------------------------------------------------------
    def inputs_key(self, iri: str, inverse: list[Triple], fp: bytes) -> bytes:
        """A digest of everything the page and description of shared node ``iri`` are made of.

        Beyond ``fp`` (the shared graphs, settings and generator, see ``reports.fingerprint``):
        the summaries of the reports the page lists (by agency, by mention, and the values of
        an indicator) and the inverse triples of its description. ``repr`` of these frozen
        records is canonical (unlike a pickle, it does not depend on which objects are shared).
        """
        notation = notation_of(iri) if iri.startswith(SCHEME + "indicator/") else None
        parts = (iri, self.by_agency.get(iri, ()),
                 [(s.iri, s.year, s.agency, s.label, s.label_lang) for s in self.by_mention.get(iri, ())],
                 [(s.iri, s.year, s.agency, mv) for s, mv in self.by_indicator.get(notation, ())] if notation else (),
                 inverse)
        return hashlib.blake2b(fp + repr(parts).encode("utf-8"), digest_size=16).digest()

    def page(self, node: Any) -> PageSpec:
        types = node.types()
        kind = next((k for k, cls in KIND_CLASSES.items() if cls in types), None)
        builder = {"agency": self.agency, "initiative": self.initiative, "platform": self.platform,
                   "region": self.region}.get(kind or "", self.term)
        return builder(node)

    def _title(self, node: Any) -> Any:
        return lambda lang: self.labels(node.iri, lang)

    def _triples(self, node: Any, lang: str, ln: Linker) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        rows = []
        for p, vals in sorted(node.props.items()):
            for o in vals:
                pcell = {"href": ln.iri(p), "text": curie(p)}
                if o.kind == "uri":
                    text, tag = self.labels(o.value, lang) if o.value in self.shared.nodes else (curie(o.value), "")
                    rows.append((pcell, {"href": ln.iri(o.value), "text": text, "lang": tag}))
                elif o.kind == "bnode":  # an OWL list or restriction: in the .ttl beside the page
                    rows.append((pcell, {"href": None, "text": "[ … ]", "lang": ""}))
                else:
                    rows.append((pcell, {"href": None, "text": o.value, "lang": o.lang or ""}))
        return rows

    def _jsonld(self, node: Any, schema_type: str) -> dict[str, Any]:
        name, _ = self.labels(node.iri, "zh")
        return {"@context": "https://schema.org", "@type": schema_type, "@id": node.iri, "name": name}

    def _reports_table(self, rows: list[ReportSummary], lang: str, ln: Linker) -> dict[str, Any]:
        m = messages()[lang]
        body = []
        for s in sorted(rows, key=lambda s: (s.year or 0, s.iri)):
            a_text, a_tag = self.labels(s.agency, lang) if s.agency else ("", "")
            body.append([{"text": str(s.year or "?")}, {"text": a_text, "lang": a_tag, "href": ln.iri(s.agency) if s.agency else None},
                         {"text": s.label, "lang": s.label_lang, "href": ln.iri(s.iri)}])
        return {"title": m["mentioned_in"], "head": [m["year"], m["agency"], m["reports"]], "rows": body}

    def agency(self, node: Any) -> PageSpec:
        reports = sorted(self.by_agency.get(node.iri, []), key=lambda s: (s.year or 0, s.iri))
        platforms = self.referrers.get((GK + "operatedBy", node.iri), [])

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            props: list[tuple[str, Markup]] = []
            region = node.first(GK + "region")
            if region:
                props.append(("region", _a(ln.iri(region), *self.labels(region, lang))))
                rnode = self.shared.get(region)
                if rnode.first(GK + "divisionCode"):
                    props.append(("code", escape(rnode.first(GK + "divisionCode"))))
                if rnode.first(GK + "adminLevel"):
                    lvl = rnode.first(GK + "adminLevel") or ""
                    props.append(("level", _a(ln.iri(lvl), *self.labels(lvl, lang))))
            series: dict[str, dict[int, Decimal]] = defaultdict(dict)
            for s in reports:
                for mv in s.metrics:
                    if mv.indicator.startswith("H.") and not mv.dims and s.year:
                        series[mv.indicator].setdefault(s.year, mv.value)
            charts = []
            for i, (ind, pts) in enumerate(sorted(series.items())):
                iri = f"{SCHEME}indicator/{ind}"
                text, tag = self.labels(iri, lang)
                charts.append({"href": ln.iri(iri), "label": text, "lang": tag,
                               "svg": bar_chart([(str(y), v) for y, v in sorted(pts.items())], text, f"c{i}", tag)})
            return {"props": props, "reports": [summary_row(s, ln) for s in reports], "charts": charts,
                    "platforms": [{"href": ln.iri(p), "label": self.labels(p, lang)[0], "lang": self.labels(p, lang)[1]}
                                  for p in sorted(platforms)]}

        jsonld = self._jsonld(node, "GovernmentOrganization")
        return PageSpec("", "agency.html", node.iri, jsonld, context, self._title(node))

    def initiative(self, node: Any) -> PageSpec:
        rows = self.by_mention.get(node.iri, [])

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            m = messages()[lang]
            per_year: dict[int, set[str]] = defaultdict(set)
            years_of: dict[str, set[int]] = defaultdict(set)
            for s in rows:
                if s.year and s.agency:
                    per_year[s.year].add(s.agency)
                    years_of[s.agency].add(s.year)
            charts = []
            if per_year:
                title = m["agencies_per_year"]
                charts.append({"label": title, "lang": "", "svg": bar_chart(
                    [(str(y), len(a)) for y, a in sorted(per_year.items())], title, "adoption")})
            timeline = {"title": m["adoption"], "head": [m["agency"], m["first_year"], m["years"]], "rows": [
                [{"text": self.labels(a, lang)[0], "lang": self.labels(a, lang)[1], "href": ln.iri(a)},
                 {"text": str(min(ys)), "num": True}, {"text": ", ".join(str(y) for y in sorted(ys))}]
                for a, ys in sorted(years_of.items(), key=lambda kv: (min(kv[1]), kv[0]))]}
            return {"charts": charts, "tables": [timeline, self._reports_table(rows, lang, ln)],
                    "triples": self._triples(node, lang, ln), "definition": None, "props": []}

        return PageSpec("", "entity.html", node.iri, self._jsonld(node, "Thing"), context, self._title(node))

    def platform(self, node: Any) -> PageSpec:
        rows = self.by_mention.get(node.iri, [])

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            props: list[tuple[str, Markup]] = []
            for key, p in (("type", GK + "platformType"), ("operator", GK + "operatedBy")):
                v = node.first(p)
                if v:
                    props.append((key, _a(ln.iri(v), *self.labels(v, lang))))
            url = node.first(GK + "url")
            if url:
                safe = url.startswith(("http://", "https://"))
                props.append(("url", Markup(f'<a href="{escape(quote(url, safe=_URL_SAFE))}" rel="nofollow">{escape(url)}</a>') if safe
                              else escape(url)))
            return {"props": props, "charts": [], "tables": [self._reports_table(rows, lang, ln)],
                    "triples": self._triples(node, lang, ln), "definition": None}

        return PageSpec("", "entity.html", node.iri, self._jsonld(node, "Thing"), context, self._title(node))

    def region(self, node: Any) -> PageSpec:
        agencies = self.referrers.get((GK + "region", node.iri), [])
        children = self.referrers.get((GK + "parentRegion", node.iri), [])

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            m = messages()[lang]
            props: list[tuple[str, Markup]] = []
            if node.first(GK + "divisionCode"):
                props.append(("code", escape(node.first(GK + "divisionCode"))))
            for key, p in (("level", GK + "adminLevel"), ("parent", GK + "parentRegion")):
                v = node.first(p)
                if v:
                    props.append((key, _a(ln.iri(v), *self.labels(v, lang))))
            tables = [{"title": m["agencies_in_region"], "head": [m["agency"]], "rows": [
                [{"text": self.labels(a, lang)[0], "lang": self.labels(a, lang)[1], "href": ln.iri(a)}]
                for a in sorted(agencies)]}]
            if children:
                tables.append({"title": m["regions"], "head": [m["region"]], "rows": [
                    [{"text": self.labels(c, lang)[0], "lang": self.labels(c, lang)[1], "href": ln.iri(c)}]
                    for c in sorted(children)]})
            return {"props": props, "charts": [], "tables": tables, "triples": self._triples(node, lang, ln),
                    "definition": None}

        return PageSpec("", "entity.html", node.iri, self._jsonld(node, "AdministrativeArea"), context, self._title(node))

    def term(self, node: Any) -> PageSpec:
        """Concepts (indicators, units ...), schemes and ontology terms."""
        is_indicator = node.iri.startswith(SCHEME + "indicator/")
        notation = notation_of(node.iri)
        values = self.by_indicator.get(notation, []) if is_indicator else []

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            m = messages()[lang]
            definition = None
            for p in (SKOS + "definition", RDFS + "comment"):
                if node.all(p):
                    definition = pick_label(node, lang, (p,))
                    break
            tables = []
            charts = []
            if values:
                # one series per indicator: the dimension combination most reports state (none, or the total)
                dims_count: dict[tuple[str, ...], int] = defaultdict(int)
                for _, mv in values:
                    dims_count[mv.dims] += 1
                dims = min(dims_count, key=lambda d: (-dims_count[d], len(d), d))
                grid: dict[str, dict[int, tuple[Decimal, str]]] = defaultdict(dict)
                per_year: dict[int, Decimal] = defaultdict(Decimal)
                unit = ""
                for s, mv in values:
                    if mv.dims == dims and s.year and s.agency and s.year not in grid[s.agency]:
                        grid[s.agency][s.year] = (mv.value, s.iri)
                        per_year[s.year] += mv.value
                        unit = mv.unit
                years = sorted(per_year)
                rows = []
                for agency in sorted(grid, key=lambda a: (self.labels(a, "zh")[0], a)):
                    a_text, a_tag = self.labels(agency, lang)
                    row = [{"text": a_text, "lang": a_tag, "href": ln.iri(agency)}]
                    for y in years:
                        cell = grid[agency].get(y)
                        row.append({"text": fmt_number(cell[0]), "href": ln.iri(cell[1]), "num": True} if cell
                                   else {"text": ""})
                    rows.append(row)
                dim_text = "; ".join(self.labels(f"{SCHEME}dimension/{d}", lang)[0] for d in dims)
                unit_text = self.labels(f"{SCHEME}unit/{unit}", lang)[0] if unit else ""
                title = m["compare"] + (f" · {dim_text}" if dim_text else "") + (f" ({unit_text})" if unit_text else "")
                tables.append({"title": title, "head": [m["agency"], *map(str, years)], "rows": rows})
                if per_year:
                    text, tag = self.labels(node.iri, lang)
                    charts.append({"label": m["chart_of"] + text, "lang": "", "svg": bar_chart(
                        [(str(y), v) for y, v in sorted(per_year.items())], m["chart_of"] + text, "ind")})
            return {"props": [], "charts": charts, "tables": tables, "triples": self._triples(node, lang, ln),
                    "definition": definition}

        schema_type = "DefinedTerm" if node.iri.startswith(SCHEME) else "Thing"
        return PageSpec("", "entity.html", node.iri, self._jsonld(node, schema_type), context, self._title(node))

    # -- list pages --------------------------------------------------------------------------
    def lists(self, store: GraphStore, reports_total: int) -> list[PageSpec]:
        shared, labels = self.shared, self.labels
        m_all = messages()

        def simple(name: str, key: str, cls_test: Any, extra: Any = None) -> PageSpec:
            nodes = sorted((n for n in shared.nodes.values() if cls_test(n)), key=lambda n: n.iri)

            def context(lang: str, ln: Linker) -> dict[str, Any]:
                m = m_all[lang]
                rows = []
                for n in nodes:
                    text, tag = labels(n.iri, lang)
                    cells = [{"text": text, "lang": tag, "href": ln.iri(n.iri)}]
                    cells += extra(n, lang, ln) if extra else []
                    rows.append({"data": [], "cells": cells})
                head = [m[key]] + (extra_head(name, m) if extra else [])
                return {"rows": rows, "head": head, "facets": []}

            return PageSpec(name, "list.html", None, None, context, lambda lang: (m_all[lang][key], ""), alternates=False)

        def extra_head(name: str, m: dict[str, str]) -> list[str]:
            return {"agencies": [m["region"], m["reports"]], "initiatives": [m["reports"]],
                    "indicators": [m["notation"], m["count"]], "platforms": [m["type"]],
                    "regions": [m["code"]]}.get(name, [])

        def agency_extra(n: Any, lang: str, ln: Linker) -> list[dict[str, Any]]:
            region = n.first(GK + "region")
            r_text, r_tag = labels(region, lang) if region else ("", "")
            return [{"text": r_text, "lang": r_tag, "href": ln.iri(region) if region else None},
                    {"text": str(len(self.by_agency.get(n.iri, []))), "num": True}]

        specs = [
            simple("agencies", "agencies", lambda n: GK + "Agency" in n.types(), agency_extra),
            simple("initiatives", "initiatives", lambda n: GK + "Initiative" in n.types(),
                   lambda n, lang, ln: [{"text": str(len(self.by_mention.get(n.iri, []))), "num": True}]),
            simple("platforms", "platforms", lambda n: GK + "Platform" in n.types(),
                   lambda n, lang, ln: [{"text": labels(n.first(GK + "platformType") or "", lang)[0]}]),
            simple("regions", "regions", lambda n: GK + "Region" in n.types(),
                   lambda n, lang, ln: [{"text": n.first(GK + "divisionCode") or ""}]),
            simple("indicators", "indicators", lambda n: n.iri.startswith(SCHEME + "indicator/"),
                   lambda n, lang, ln: [{"text": notation_of(n.iri)},
                                        {"text": str(len(self.by_indicator.get(notation_of(n.iri), []))), "num": True}]),
            self.reports_list(), self.home(store, reports_total), self.ontology_index(),
        ]
        search = PageSpec("search", "search.html", None, None, lambda lang, ln: {},
                          lambda lang: (m_all[lang]["search"], ""), alternates=False)
        return specs + [search]

    def _agency_facets(self, agency: str | None) -> tuple[str, str, str, str]:
        """(region code, region IRI, level notation, level IRI) of an agency."""
        if not agency:
            return "", "", "", ""
        region = self.shared.get(agency).first(GK + "region") or ""
        rnode = self.shared.get(region)
        level = rnode.first(GK + "adminLevel") or ""
        return rnode.first(GK + "divisionCode") or "", region, notation_of(level) if level else "", level

    def reports_list(self) -> PageSpec:
        summaries = sorted(self.summaries, key=lambda s: (-(s.year or 0), s.iri))
        facets_of = {s.iri: self._agency_facets(s.agency) for s in summaries}
        mention_ids = {x: str(i) for i, x in enumerate(sorted({x for s in summaries for x in s.mentions
                                                              if GK + "Initiative" in self.shared.get(x).types()}))}

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            m = messages()[lang]
            regions: dict[str, tuple[str, str]] = {}
            levels: dict[str, tuple[str, str]] = {}
            years: set[int] = set()
            rows = []
            for s in summaries:
                code, region, lvl, lvl_iri = facets_of[s.iri]
                if code:
                    regions[code] = self.labels(region, lang)
                if lvl:
                    levels[lvl] = self.labels(lvl_iri, lang)
                if s.year:
                    years.add(s.year)
                inits = " ".join(mention_ids[x] for x in s.mentions if x in mention_ids)
                a_text, a_tag = self.labels(s.agency, lang) if s.agency else ("", "")
                rows.append({"data": [("region", code), ("level", lvl), ("year", str(s.year or "")),
                                      ("initiatives", inits)],
                             "cells": [{"text": str(s.year or "?")},
                                       {"text": a_text, "lang": a_tag, "href": ln.iri(s.agency) if s.agency else None},
                                       {"text": s.label, "lang": s.label_lang, "href": ln.iri(s.iri)},
                                       {"text": s.fmt or ""}]})
            facets = [
                {"key": "region", "opts": [(c, f"{t} ({c})", tag) for c, (t, tag) in sorted(regions.items())]},
                {"key": "level", "opts": [(v, t, tag) for v, (t, tag) in sorted(levels.items())]},
                {"key": "year", "opts": [(str(y), str(y), "") for y in sorted(years, reverse=True)]},
                {"key": "initiatives", "opts": [(i, *self.labels(x, lang)) for x, i in mention_ids.items()]},
            ]
            return {"rows": rows, "head": [m["year"], m["agency"], m["reports"], m["format"]], "facets": facets}

        return PageSpec("reports", "list.html", None, None, context, lambda lang: (messages()[lang]["reports"], ""),
                        alternates=False)

    def home(self, store: GraphStore, reports_total: int) -> PageSpec:
        years = sorted({s.year for s in self.summaries if s.year})
        agencies = sorted(self.by_agency, key=lambda a: (self.labels(a, "zh")[0], a))
        counts = {k: sum(1 for n in self.shared.nodes.values() if cls in n.types()) for k, cls in KIND_CLASSES.items()}
        triples = store.count_triples()
        latest = sorted(self.summaries, key=lambda s: (s.issued or "", s.year or 0, s.iri), reverse=True)[:10]

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            coverage = []
            for a in agencies:
                by_year = {s.year: s.iri for s in self.by_agency[a] if s.year}
                text, tag = self.labels(a, lang)
                coverage.append({"href": ln.iri(a), "label": text, "lang": tag,
                                 "cells": [ln.iri(by_year[y]) if y in by_year else None for y in years]})
            return {
                "stats": [("reports", reports_total, "reports"), ("agencies", counts["agency"], "agencies"),
                          ("initiatives", counts["initiative"], "initiatives"),
                          ("platforms", counts["platform"], "platforms"), ("regions", counts["region"], "regions")],
                "triples": f"{triples:,}", "years": years, "coverage": coverage,
                "latest": [{"href": ln.iri(s.iri), "label": s.label, "lang": s.label_lang, "year": s.year}
                           for s in latest],
            }

        jsonld = {"@context": "https://schema.org", "@type": "Dataset", "name": messages()["zh"]["site_name"],
                  "alternateName": messages()["en"]["site_name"], "description": messages()["en"]["tagline"],
                  "inLanguage": ["zh-Hans", "en"],
                  "distribution": [{"@type": "DataDownload", "encodingFormat": "application/n-quads",
                                    "contentUrl": "download/gongkai.nq"}]}
        return PageSpec("index", "home.html", None, jsonld, context, lambda lang: (messages()[lang]["site_name"], ""),
                        alternates=False)

    def ontology_index(self) -> PageSpec:
        groups = {"classes": [], "properties": [], "schemes": [], "concepts": []}  # type: dict[str, list[str]]
        for n in sorted(self.shared.nodes.values(), key=lambda n: n.iri):
            types = n.types()
            if types & {OWL + "Class", RDFS + "Class"} and n.iri.startswith(GK):
                groups["classes"].append(n.iri)
            elif types & TERM_TYPES and n.iri.startswith(GK):
                groups["properties"].append(n.iri)
            elif SKOS + "ConceptScheme" in types:
                groups["schemes"].append(n.iri)
            elif SKOS + "Concept" in types or n.iri.startswith(SCHEME):
                groups["concepts"].append(n.iri)

        def context(lang: str, ln: Linker) -> dict[str, Any]:
            m = messages()[lang]
            tables = []
            for key, iris in groups.items():
                if iris:
                    tables.append({"title": m[key], "head": [m["term"], m["notation"]], "rows": [
                        [{"text": self.labels(i, lang)[0], "lang": self.labels(i, lang)[1], "href": ln.iri(i)},
                         {"text": curie(i) if i.startswith(GK) else notation_of(i)}] for i in iris]})
            return {"tables": tables, "charts": [], "props": [], "triples": [], "definition": None}

        return PageSpec("ontology", "entity.html", None, None, context, lambda lang: (messages()[lang]["ontology"], ""),
                        alternates=False)


__all__ = ["SiteOptions", "SiteStats", "build_site"]
