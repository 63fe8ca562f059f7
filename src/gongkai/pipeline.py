"""The build, as a short numbered sequence of stage calls.

    0. recover    drop reports a killed build left half-written (see ``store.embedded``)
    1. discover   paths -> report files (recursive, supported suffixes, sorted)
    2. process    file -> read -> parse -> extract -> map   (pure; runs in worker processes)
    3. store      reports -> the store in large batches (bulk loader), each report complete or absent
    4. prune      (optional) remove stored reports whose file is no longer among the inputs
    5. ontology   ontology/*.ttl and schemes -> their own graph, so exports are complete

Unchanged files (same name, same SHA-256 as stored) are skipped unless ``force``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import GongkaiError, ReadError
from .model import Facts
from .read import SUPPORTED_SUFFIXES, UNSUPPORTED_SUFFIXES
from .rdf.vocab import DEFAULT_BASE, GK, ONTOLOGY_GRAPH
from .store.base import GraphStore, ReportWrite

# A batch is stored when it holds this many quads or reports, or is this old: large enough
# for the bulk loader to pay off, small enough to keep memory flat and the progress bar moving.
BATCH_QUADS = 100_000
BATCH_REPORTS = 1_000
BATCH_SECONDS = 10.0
CHUNK = 8  # files per task sent to a worker process (amortises inter-process traffic)
IN_FLIGHT = 24  # chunks per worker queued ahead: workers keep extracting while a batch is bulk-loaded
SERIAL_BELOW = 24  # fewer files than this: extract in this process (workers cost seconds to warm up)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file."""

    path: str
    source_name: str
    status: str  # "loaded" | "replaced" | "unchanged" | "failed" | "removed"
    reason: str = ""
    graph: str = ""
    triples: int = 0


@dataclass(slots=True)
class BuildSummary:
    """The closing summary of a build."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    triples_in_store: int = 0  # -1: not counted, because the build wrote nothing
    recovered: list[str] = field(default_factory=list)  # half-written report graphs dropped at start
    store_seconds: float = 0.0  # of ``seconds``, the time spent writing to the store

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def seen(self) -> int:
        """Input files (and bad paths) this build looked at; removed reports are not files."""
        return sum(1 for o in self.outcomes if o.status != "removed")

    @property
    def triples_written(self) -> int:
        return sum(o.triples for o in self.outcomes if o.status in ("loaded", "replaced"))

    @property
    def stored_any(self) -> bool:
        return any(o.status in ("loaded", "replaced", "unchanged") for o in self.outcomes)

    def failure_reasons(self) -> dict[str, int]:
        """Failed files counted by reason (the file name taken off), most frequent first."""
        counts: dict[str, int] = {}
        for o in self.failed:
            reason = o.reason.split(": ", 1)[1] if o.reason.startswith(o.path + ": ") else o.reason
            reason = reason.split(" (", 1)[0]
            counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# -- 1. discover ---------------------------------------------------------------------------
def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, problem) for every report file under ``paths``; problem is set for bad paths.

    Folders are walked recursively for supported suffixes; a file named explicitly is always
    tried (its reader says why it cannot be read).
    """
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield p, "no such file or directory"
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in (*SUPPORTED_SUFFIXES, *UNSUPPORTED_SUFFIXES):
                    yield f, None
        else:
            yield p, None


# -- 2. process ----------------------------------------------------------------------------
def facts_for_file(path: Path) -> Facts:
    """read -> parse -> extract for one file.

    :raises ReadError: the file cannot be read or is not a report.
    """
    from .extract import extract
    from .parse import parse
    from .read import read

    source = read(path)
    return extract(parse(source))


@dataclass(frozen=True, slots=True)
class Processed:
    """A processed file, ready to store (picklable, so worker processes can return it)."""

    path: str
    source_name: str
    sha256: str
    graph: str = ""
    parts: tuple[tuple[str, bytes], ...] = ()  # (graph IRI, UTF-8 N-Quads): the report graph and the entity graph
    triples: int = 0
    error: str = ""
    marker: str = ""  # N-Triples: the report's gk:sha256, written after everything else


_SHA = GK + "sha256"


def process_file(path: str, source_name: str, base: str = DEFAULT_BASE) -> Processed:
    """Everything that does not touch the store, for one file; errors become data."""
    from .rdf.mapping import ReportMapper
    from .rdf.vocab import ENTITY_GRAPH, Minter

    sha = ""  # read() reads and hashes the file once; an unreadable file fails there, named
    try:
        facts = facts_for_file(Path(path))
        sha = facts.source.sha256
        if source_name != facts.source.name:
            facts = _renamed(facts, source_name)
        mapper = ReportMapper(Minter(base))
        graph = mapper.report_iri(facts)
        # N-Quads per graph straight from the mapper (no pyoxigraph terms built and printed);
        # the report's own gk:sha256 is held back as its completion marker (N-Triples)
        mark, tail = f"<{graph}> <{_SHA}> ", f" <{graph}> .\n"
        texts: tuple[list[str], list[str]] = ([], [])
        marks: list[str] = []
        n = 0
        for g, line in mapper.lines(facts):
            n += 1
            if line.startswith(mark):
                marks.append(line[: -len(tail)] + " .\n")
            else:
                texts[g].append(line)
        # encoded here, in the worker: bytes cross the process boundary and reach the bulk loader
        # as they are (decoding, rewriting and re-encoding them took most of the main process's
        # time), and a lone surrogate fails this file here, not the bulk load of a whole batch
        parts = tuple((iri, "".join(lines).encode("utf-8")) for iri, lines in ((graph, texts[0]), (ENTITY_GRAPH, texts[1])) if lines)
        return Processed(path, source_name, sha, graph, parts, n, marker="".join(marks))
    except GongkaiError as exc:
        return Processed(path, source_name, sha, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the build; say what broke
        return Processed(path, source_name, sha, error=f"{path}: internal error while extracting ({type(exc).__name__}: {exc})")


def _process_chunk(items: Sequence[tuple[str, str]], base: str) -> list[Processed]:
    """Worker entry point: a few files per task, so inter-process overhead is paid once per chunk."""
    return [process_file(path, name, base) for path, name in items]


def _renamed(facts: Facts, name: str) -> Facts:
    from dataclasses import replace

    return replace(facts, source=replace(facts.source, name=name))


def source_names(files: list[Path]) -> dict[Path, str]:
    """The ``gk:sourceName`` of each file: its base name, disambiguated by folder when two share one."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for f in files:
        name = f.name
        if name in taken:
            name = f"{f.parent.name}/{f.name}"
        taken.add(name)
        names[f] = name
    return names


def default_jobs() -> int:
    """The cores this process may use (all of them unless restricted by affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- 3. store ------------------------------------------------------------------------------
def build(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    force: bool = False,
    jobs: int = 1,
    prune: bool = False,
    progress: Callable[[FileOutcome], None] | None = None,
    started: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Read, extract and store every report under ``paths``; one bad file never stops the rest.

    ``started(n)`` is called once with the number of files found, ``progress(outcome)`` once per
    file when its fate is final (stored outcomes come when their batch is in the store).
    With ``prune``, stored reports whose source file is not among the inputs are removed.
    """
    t0 = time.monotonic()
    summary = BuildSummary()

    def emit(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    found = list(discover(paths))
    missing = [str(f) for f, problem in found if problem is not None]
    if prune and missing:  # a mistyped folder must not remove every report
        raise GongkaiError(f"{missing[0]}: no such file or directory (--prune needs every input path to exist)")
    summary.recovered = store.recover()  # 0. recover
    if started:
        started(len(found))
    files = [f for f, problem in found if problem is None]
    for f, problem in found:
        if problem is not None:
            emit(FileOutcome(str(f), f.name, "failed", f"{f}: {problem}"))
    names = source_names(files)
    stored = store.reports()

    todo: list[tuple[str, str]] = []
    for f in files:
        name = names[f]
        if not force and name in stored:
            try:
                sha = hashlib.sha256(f.read_bytes()).hexdigest()
            except OSError as exc:
                emit(FileOutcome(str(f), name, "failed", f"{f}: cannot read: {exc.strerror or exc}"))
                continue
            if sha == stored[name].sha256:
                emit(FileOutcome(str(f), name, "unchanged", graph=stored[name].graph))
                continue
        todo.append((str(f), name))

    batch = _Batch(store, stored, emit, summary)
    for processed in _run(todo, base, jobs):
        if processed.error:
            emit(FileOutcome(processed.path, processed.source_name, "failed", processed.error))
        else:
            batch.add(processed)
    batch.flush()

    if prune:  # 4. prune
        present = set(names.values())
        gone = [r for name, r in sorted(stored.items()) if name not in present]
        if gone:
            store.remove_graphs(r.graph for r in gone)
            for r in gone:
                emit(FileOutcome("", r.source_name, "removed", graph=r.graph))

    reloaded = ensure_ontology(store)  # 5. ontology
    store.flush()
    changed = reloaded or summary.recovered or any(o.status in ("loaded", "replaced", "removed") for o in summary.outcomes)
    # counting is a full scan (seconds at millions of quads): skip it when nothing was written
    summary.triples_in_store = store.count_triples() if changed else -1
    summary.seconds = time.monotonic() - t0
    return summary


class _Batch:
    """Processed reports waiting to be written together; outcomes are emitted once stored.

    Facts about shared nodes (an agency, its region, an initiative) come again with every report
    that names them; a statement already written by this build is not sent to the store twice
    (the bulk loader's cost is per quad, duplicates included). Only hashes of stored statements
    are remembered, and at most ``SENT_MEMORY`` of them, so memory stays flat.
    """

    SENT_MEMORY = 1_000_000

    def __init__(self, store: GraphStore, stored: dict, emit: Callable[[FileOutcome], None],  # type: ignore[type-arg]
                 summary: BuildSummary) -> None:
        self.store, self.stored, self.emit, self.summary = store, stored, emit, summary
        self.items: list[Processed] = []
        self.quads = 0
        self.since = time.monotonic()
        self.sent: set[int] = set()  # hashes of shared-graph statements this build has stored

    def add(self, processed: Processed) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append(processed)
        self.quads += processed.triples
        if self.quads >= BATCH_QUADS or len(self.items) >= BATCH_REPORTS or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        writes = []
        sending: set[int] = set()
        for p in self.items:
            old = self.stored.get(p.source_name)
            parts = tuple((g, body if g == p.graph else self._new_lines(body, sending)) for g, body in p.parts)
            writes.append(ReportWrite(p.graph, tuple((g, b) for g, b in parts if b), (old.graph,) if old else (), p.marker))
        t0 = time.monotonic()
        self.store.write_reports(writes)
        self.summary.store_seconds += time.monotonic() - t0
        if len(self.sent) + len(sending) > self.SENT_MEMORY:
            self.sent.clear()
        self.sent |= sending  # only now: these statements are in the store
        for p in self.items:
            old = self.stored.get(p.source_name)
            self.emit(FileOutcome(p.path, p.source_name, "replaced" if old else "loaded", graph=p.graph, triples=p.triples))
        self.items, self.quads = [], 0

    def _new_lines(self, body: bytes, sending: set[int]) -> bytes:
        """The statements of ``body`` neither stored by this build nor already in this batch."""
        kept = []
        for line in body.splitlines(keepends=True):
            h = hash(line)
            if h not in self.sent and h not in sending:
                sending.add(h)
                kept.append(line)
        return b"".join(kept)


def _run(todo: list[tuple[str, str]], base: str, jobs: int) -> Iterator[Processed]:
    """Process files in ``jobs`` worker processes, a bounded number of chunks in flight (flat memory)."""
    if jobs <= 1 or len(todo) < SERIAL_BELOW:
        for path, name in todo:
            yield process_file(path, name, base)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once, without re-importing the package
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    chunks = iter([todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_die_with_parent) as pool:
        pending = deque(pool.submit(_process_chunk, c, base) for c in islice(chunks, jobs * IN_FLIGHT))
        while pending:
            done = pending.popleft()
            for c in islice(chunks, 1):
                pending.append(pool.submit(_process_chunk, c, base))
            yield from done.result()


def _die_with_parent() -> None:
    """Worker initializer: on Linux, be killed when the build process dies (even by kill -9).

    Without this, workers of a killed build wait for work forever as orphans.
    """
    import sys

    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def remove_reports(store: GraphStore, names: Iterable[str]) -> tuple[list[FileOutcome], list[str]]:
    """Remove stored reports by source name (or a path, matched by its base name).

    Returns (the removed reports as outcomes, the names that matched no stored report).
    """
    store.recover()
    stored = store.reports()
    removed: list[FileOutcome] = []
    unknown: list[str] = []
    for raw in names:
        name = raw if raw in stored else Path(raw).name
        if name in stored:
            removed.append(FileOutcome(raw, name, "removed", graph=stored[name].graph))
        else:
            unknown.append(raw)
    if removed:
        store.remove_graphs(o.graph for o in removed)
        store.flush()
    return removed, unknown


def ensure_ontology(store: GraphStore) -> bool:
    """Load ontology/*.ttl (and schemes, shapes excluded) into the ontology graph when it changed.

    Returns whether it was (re)loaded.
    """
    from .resources import resource_dir

    try:
        folder = resource_dir("ontology")
    except FileNotFoundError:
        return False
    files = [f for f in sorted(folder.rglob("*.ttl")) if f.name != "shapes.ttl"]
    if not files:
        return False
    data = b"\n".join(f.read_bytes() for f in files)
    digest = hashlib.sha256(data).hexdigest()
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> gk:sha256 ?h }} }}")
    if rows and rows[0]["h"] == digest:
        return False
    marker = f'\n<{ONTOLOGY_GRAPH}> <https://w3id.org/gongkai/ontology#sha256> "{digest}" .\n'.encode()
    parts = [f.read_bytes() for f in files]
    store.load_ontology(ONTOLOGY_GRAPH, parts, marker)
    return True


__all__ = ["build", "discover", "process_file", "facts_for_file", "remove_reports", "default_jobs",
           "BuildSummary", "FileOutcome", "ReadError"]
