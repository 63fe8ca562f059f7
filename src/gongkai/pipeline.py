"""The build, as a short numbered sequence of stage calls.

    1. discover   paths -> report files (recursive, supported suffixes, sorted)
    2. process    file -> read -> parse -> extract -> map   (pure; runs in worker processes)
    3. store      quads -> one named graph per report, atomic replace
    4. ontology   ontology/*.ttl and schemes -> their own graph, so exports are complete

Unchanged files (same name, same SHA-256 as stored) are skipped unless ``force``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GongkaiError, ReadError
from .model import Facts
from .read import SUPPORTED_SUFFIXES, UNSUPPORTED_SUFFIXES
from .rdf.vocab import DEFAULT_BASE, ONTOLOGY_GRAPH
from .store.base import GraphStore


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file."""

    path: str
    source_name: str
    status: str  # "loaded" | "replaced" | "unchanged" | "failed"
    reason: str = ""
    graph: str = ""
    triples: int = 0


@dataclass(slots=True)
class BuildSummary:
    """The closing summary of a build."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    triples_in_store: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def stored_any(self) -> bool:
        return any(o.status in ("loaded", "replaced", "unchanged") for o in self.outcomes)


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
    extra = ()
    if source.media_type != "text/plain" and source.media_type not in ("text/markdown", "text/html"):
        from .read.binary import document_tables

        extra = document_tables(source)
    return extract(parse(source, extra_tables=extra))


@dataclass(frozen=True, slots=True)
class Processed:
    """A processed file, ready to store (picklable, so worker processes can return it)."""

    path: str
    source_name: str
    sha256: str
    graph: str = ""
    parts: tuple[tuple[str, str], ...] = ()  # (graph IRI, N-Triples text): the report graph and the entity graph
    triples: int = 0
    error: str = ""


def process_file(path: str, source_name: str, base: str = DEFAULT_BASE) -> Processed:
    """Everything that does not touch the store, for one file; errors become data."""
    from .rdf.mapping import ReportMapper
    from .rdf.vocab import Minter
    from .store.base import group_by_graph

    try:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        return Processed(path, source_name, "", error=f"{path}: cannot read: {exc.strerror or exc}")
    try:
        facts = facts_for_file(Path(path))
        if source_name != facts.source.name:
            facts = _renamed(facts, source_name)
        mapper = ReportMapper(Minter(base))
        quads = mapper.quads(facts)
        graph = mapper.report_iri(facts)
        return Processed(path, source_name, sha, graph, group_by_graph(quads), len(quads))
    except GongkaiError as exc:
        return Processed(path, source_name, sha, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the build; say what broke
        return Processed(path, source_name, sha, error=f"{path}: internal error while extracting ({type(exc).__name__}: {exc})")


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


# -- 3. store ------------------------------------------------------------------------------
def build(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[FileOutcome], None] | None = None,
) -> BuildSummary:
    """Read, extract and store every report under ``paths``; one bad file never stops the rest."""
    started = time.monotonic()
    summary = BuildSummary()
    found = list(discover(paths))
    files = [f for f, problem in found if problem is None]
    for f, problem in found:
        if problem is not None:
            outcome = FileOutcome(str(f), f.name, "failed", f"{f}: {problem}")
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
    names = source_names(files)
    stored = store.reports()

    todo: list[tuple[str, str]] = []
    for f in files:
        name = names[f]
        if not force and name in stored:
            try:
                sha = hashlib.sha256(f.read_bytes()).hexdigest()
            except OSError as exc:
                outcome = FileOutcome(str(f), name, "failed", f"{f}: cannot read: {exc.strerror or exc}")
                summary.outcomes.append(outcome)
                if progress:
                    progress(outcome)
                continue
            if sha == stored[name].sha256:
                outcome = FileOutcome(str(f), name, "unchanged", graph=stored[name].graph)
                summary.outcomes.append(outcome)
                if progress:
                    progress(outcome)
                continue
        todo.append((str(f), name))

    for processed in _run(todo, base, jobs):
        if processed.error:
            outcome = FileOutcome(processed.path, processed.source_name, "failed", processed.error)
        else:
            old = stored.get(processed.source_name)
            store.write_report(processed.graph, processed.parts, [old.graph] if old else [])
            outcome = FileOutcome(processed.path, processed.source_name, "replaced" if old else "loaded",
                                  graph=processed.graph, triples=processed.triples)
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    # 4. ontology
    ensure_ontology(store)
    store.flush()
    summary.triples_in_store = store.count_triples()
    summary.seconds = time.monotonic() - started
    return summary


def _run(todo: list[tuple[str, str]], base: str, jobs: int) -> Iterator[Processed]:
    if jobs <= 1 or len(todo) < 4:
        for path, name in todo:
            yield process_file(path, name, base)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(process_file, [p for p, _ in todo], [n for _, n in todo], [base] * len(todo), chunksize=8)


def ensure_ontology(store: GraphStore) -> None:
    """Load ontology/*.ttl (and schemes, shapes excluded) into the ontology graph when it changed."""
    from .resources import resource_dir

    try:
        folder = resource_dir("ontology")
    except FileNotFoundError:
        return
    files = [f for f in sorted(folder.rglob("*.ttl")) if f.name != "shapes.ttl"]
    if not files:
        return
    data = b"\n".join(f.read_bytes() for f in files)
    digest = hashlib.sha256(data).hexdigest()
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> gk:sha256 ?h }} }}")
    if rows and rows[0]["h"] == digest:
        return
    marker = f'\n<{ONTOLOGY_GRAPH}> <https://w3id.org/gongkai/ontology#sha256> "{digest}" .\n'.encode()
    parts = [f.read_bytes() for f in files]
    store.load_ontology(ONTOLOGY_GRAPH, parts, marker)


__all__ = ["build", "discover", "process_file", "facts_for_file", "BuildSummary", "FileOutcome", "ReadError"]
