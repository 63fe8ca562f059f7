"""The report step of the site: every report graph read from one N-Quads export, pages in worker processes.

Why this shape (measured, see docs/site.md): one query per report graph cost more than the
rendering itself, so the store is exported once as N-Quads (``GraphStore.export``; the same
file is the site's download dump) and the file is cut into one chunk of lines per named graph
without parsing it in the parent. Each chunk (bytes) goes to a worker process that parses it
with pyoxigraph, renders the page in both languages, writes the ``.ttl``/``.nt``/``.jsonld``
beside it, and returns only the small ``ReportSummary``, the inverse links other pages need,
and the page files it wrote. Report pages are independent, so ``jobs`` workers scale with the
cores; ``jobs=1`` runs in-process (same output).

The shared state a worker needs (shared graphs, labels, the set of pages, the Jinja
environment) is set as module state before the pool forks, so it is not pickled per task.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from .assets import assets_dir
from .describe import write_description
from .dump import Export
from ..query import Term
from ..store.base import GraphStore
from .graph import A, Index, ReportSummary, Triple, _term, report_graphs, summarise
from .paths import site_path
from .render import Labels, Renderer, report_page


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What the parent keeps of one rendered report."""

    iri: str
    summary: ReportSummary
    inverse: tuple[Triple, ...]  # report -> page triples (for the target pages' descriptions)
    written: tuple[str, ...]  # page files, relative to the site folder


@dataclass(frozen=True, slots=True)
class _Context:
    renderer: Renderer
    shared: Index
    labels: Labels
    page_iris: frozenset[str]
    base_iri: str
    out: Path


T = TypeVar("T")
_CTX: _Context | None = None  # set in the parent before forking; inherited by the workers


def graph_chunks(dump: Path | Iterable[bytes], wanted: set[str]) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, its N-Quads lines) for each graph in ``wanted``, in file order (a file or its lines).

    A line belongs to the graph written last on it (``... <g> .``); the worker re-checks the
    parsed graph name, so a default-graph line whose object happens to be a report IRI is
    dropped there. A graph whose lines are not contiguous in the file is yielded once per run
    of lines; ``render_reports`` then re-reads it whole (exports of Oxigraph are grouped).
    """
    current: str | None = None
    lines: list[bytes] = []
    with (dump.open("rb") if isinstance(dump, Path) else nullcontext(dump)) as fh:
        for line in fh:
            end = line.rstrip()
            g = None
            if end.endswith(b"> ."):
                i = end.rfind(b" <", 0, len(end) - 3)
                if i > 0:
                    g = end[i + 2:-3].decode("utf-8")
            if g != current:
                if current is not None and lines:
                    yield current, b"".join(lines)
                current, lines = (g if g in wanted else None), []
                if current is None:
                    continue
            if current is not None:
                lines.append(line)
    if current is not None and lines:
        yield current, b"".join(lines)


def _index_from_nquads(iri: str, data: bytes) -> Index:
    """The triples of graph ``iri`` in a chunk of N-Quads, as the page's index and as pyoxigraph triples."""
    idx = Index()
    idx.parsed = []
    terms: dict[str, Term] = {}
    for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == iri:
            t = q.triple
            idx.add(Triple(t.subject.value, t.predicate.value, _term(t.object, terms)))
            idx.parsed.append(t)
    return idx


def render_one(iri: str, g: Index) -> ReportResult:
    """Render one report's page (two languages) and its three RDF files; return what the parent keeps."""
    ctx = _CTX
    assert ctx is not None
    path = site_path(iri, ctx.base_iri)
    renderer = ctx.renderer
    start = len(renderer.written)
    renderer.write(replace(report_page(iri, g, ctx.shared, ctx.labels), path=path))
    write_description(ctx.out / path, g.triples, g.parsed)
    inverse = tuple(t for t in g.triples
                    if t.s == iri and t.o.kind == "uri" and t.p != A and t.o.value in ctx.page_iris)
    written = tuple(renderer.written[start:])
    del renderer.written[start:]
    return ReportResult(iri, summarise(iri, g), inverse, written)


def _work(batch: list[tuple[str, bytes]]) -> list[ReportResult]:
    return [render_one(iri, _index_from_nquads(iri, data)) for iri, data in batch]


def _batches(chunks: Iterator[tuple[str, bytes]], size: int = 16,
             max_bytes: int = 4_000_000) -> Iterator[list[tuple[str, bytes]]]:
    batch: list[tuple[str, bytes]] = []
    n = 0
    for item in chunks:
        batch.append(item)
        n += len(item[1])
        if len(batch) >= size or n >= max_bytes:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def map_pages(fn: Callable[[list[str]], T], items: list[str], jobs: int, size: int = 64) -> Iterator[T]:
    """``fn`` over ``items`` in batches of ``size``, in ``jobs`` forked workers; results in order.

    For page steps whose inputs the parent set as module state before calling (fork shares it).
    """
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    if jobs <= 1 or len(batches) <= 1:
        yield from map(fn, batches)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        yield from pool.map(fn, batches)


CACHE_SUFFIX = ".gongkai-cache"  # SITE.gongkai-cache beside the site folder: {report: (graph hash, ReportResult)}
_CACHE_VERSION = 1


def fingerprint(shared: Index, *settings: str) -> bytes:
    """Everything a report page depends on besides its own graph: the shared graphs (labels, which
    pages exist), the settings (base IRI, base URL), and the generator itself (its modules,
    templates and interface messages). Any change to these re-renders every report."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(_CACHE_VERSION).encode())
    for setting in settings:
        h.update(setting.encode() + b"\0")
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    assets = assets_dir()
    for f in sorted(p for p in assets.rglob("*") if p.is_file() and "static" not in p.parts):
        h.update(str(f.relative_to(assets)).encode() + b"\0" + f.read_bytes())
    for t in shared.triples:
        h.update(f"{t.s}\0{t.p}\0{t.o.value}\0{t.o.kind}\0{t.o.lang}\0{t.o.datatype}\n".encode())
    return h.digest()


def cache_path(out: Path) -> Path:
    """Where the incremental cache of the site in ``out`` lives: beside it, so it is never published."""
    out = out.resolve()
    return out.with_name(out.name + CACHE_SUFFIX)


def _load_cache(out: Path, fp: bytes) -> dict[str, tuple[bytes, ReportResult]]:
    try:
        with cache_path(out).open("rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != fp:
        return {}
    return data.get("reports", {})


def _save_cache(out: Path, fp: bytes, entries: dict[str, tuple[bytes, ReportResult]]) -> None:
    path = cache_path(out)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        pickle.dump({"fingerprint": fp, "reports": entries}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def _pages_cache(out: Path) -> Path:
    path = cache_path(out)
    return path.with_name(path.name + "-pages")  # SITE.gongkai-cache-pages: {shared page IRI: inputs key}


def load_page_keys(out: Path, fp: bytes) -> dict[str, bytes]:
    """The inputs keys of the shared pages of the last build into ``out`` (empty if its fingerprint differs).

    The file is removed once read: pages are rewritten from here on, so until ``save_page_keys``
    (a build that stops half way) it would no longer describe the pages on disk.
    """
    try:
        with _pages_cache(out).open("rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    finally:
        _pages_cache(out).unlink(missing_ok=True)
    return data.get("keys", {}) if isinstance(data, dict) and data.get("fingerprint") == fp else {}


def save_page_keys(out: Path, fp: bytes, keys: dict[str, bytes]) -> None:
    path = _pages_cache(out)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        pickle.dump({"fingerprint": fp, "keys": keys}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def render_reports(store: GraphStore, dump: Path | Export | None, reports: list[str], renderer: Renderer,
                   shared: Index, labels: Labels, page_iris: set[str], base_iri: str, jobs: int,
                   incremental: bool = True) -> tuple[list[ReportResult], int]:
    """Render every report, in the order of ``reports``; return the results and how many were reused.

    Results stream back with a bounded window of batches in flight, so memory stays flat
    however large the dump is. A graph seen in two separate runs of lines of the dump, or
    missing from it (or no dump at all), is re-read whole with one query and rendered here.
    ``dump`` may be an ``Export`` still being written: its lines are read as they come; if the
    store turns out not to export, everything is read by queries instead.

    Incremental: a report whose graph (the bytes of its N-Quads lines) and whose shared inputs
    (``fingerprint``) are unchanged since the last build into the same folder, and whose page
    files are still there, is not rendered again; its summary comes from the cache.
    """
    global _CTX
    _CTX = _Context(renderer, shared, labels, frozenset(page_iris), base_iri, renderer.out)
    results: dict[str, ReportResult] = {}
    redo: set[str] = set()
    out = renderer.out
    fp = fingerprint(shared, base_iri, renderer.base_url, renderer.base)
    if not incremental:  # the pages written now are not those the cache describes: forget it
        cache_path(out).unlink(missing_ok=True)
    old = _load_cache(out, fp) if incremental and dump is not None else {}
    hashes: dict[str, bytes] = {}
    reused = 0

    def todo(chunks: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        nonlocal reused
        for iri, data in chunks:
            h = hashlib.blake2b(data, digest_size=16).digest()
            if iri in hashes:  # a second run of lines of one graph: rebuilt whole below
                redo.add(iri)
            hashes[iri] = h
            hit = old.get(iri)
            if hit is not None and hit[0] == h and all((out / f).is_file() for f in hit[1].written):
                results[iri] = hit[1]
                reused += 1
                continue
            yield iri, data

    def keep(rs: list[ReportResult]) -> None:
        for r in rs:
            if r.iri in results:
                redo.add(r.iri)
            results[r.iri] = r

    source = dump.lines() if isinstance(dump, Export) else dump
    batches = _batches(todo(graph_chunks(source, set(reports)))) if source is not None else iter(())
    try:
        if jobs <= 1:
            for b in batches:
                keep(_work(b))
        else:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
                window: deque[Future[list[ReportResult]]] = deque()
                for b in batches:
                    window.append(pool.submit(_work, b))
                    if len(window) >= 2 * jobs:
                        keep(window.popleft().result())
                while window:
                    keep(window.popleft().result())
        if isinstance(dump, Export) and not dump.ok:  # no export after all: nothing came from it
            results.clear()
            hashes.clear()
            reused = 0
            dump = None
        redo |= {r for r in reports if r not in results}
        if redo:
            for iri, g in report_graphs(store, [r for r in reports if r in redo]):
                results[iri] = render_one(iri, g)
        if incremental and dump is not None:
            _save_cache(out, fp, {r: (hashes[r], results[r]) for r in reports
                                  if r in results and r in hashes and r not in redo})
        else:
            cache_path(out).unlink(missing_ok=True)
        return [results[r] for r in reports if r in results], reused
    finally:
        _CTX = None


__all__ = ["ReportResult", "graph_chunks", "render_reports", "render_one", "default_jobs", "cache_path", "map_pages",
           "fingerprint", "load_page_keys", "save_page_keys"]
