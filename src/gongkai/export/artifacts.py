"""The files an export writes, with what DCAT, VoID and PROV need to say about each.

A file is described once, after it is written: its kind (format), the slice it holds,
its path relative to the export folder (which becomes its download URL under a base
URL), its size and its SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .rdf import Slice

#: kind -> (IANA media type, EU file-type authority code, title)
KINDS: dict[str, tuple[str, str, str]] = {
    "turtle": ("text/turtle", "RDF_TURTLE", "Turtle"),
    "trig": ("application/trig", "RDF_TRIG", "TriG (one named graph per report)"),
    "nquads": ("application/n-quads", "RDF_N_QUADS", "N-Quads (one named graph per report)"),
    "ntriples": ("application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
    "jsonld": ("application/ld+json", "JSON_LD", "JSON-LD"),
    "csv": ("text/csv", "CSV", "CSV, one row per metric"),
    "csvw": ("application/csvm+json", "JSON", "CSVW metadata of the metrics CSV"),
    "parquet": ("application/vnd.apache.parquet", "PARQUET", "Parquet, one row per metric"),
    "void": ("text/turtle", "RDF_TURTLE", "VoID description"),
    "prov": ("text/turtle", "RDF_TURTLE", "PROV-O provenance of the export"),
}

#: The suffix that identifies each kind in an export folder (checked longest first).
SUFFIXES: dict[str, str] = {
    ".csv-metadata.json": "csvw",
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".csv": "csv",
    ".parquet": "parquet",
}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Artifact:
    """One written file: what it holds and how to check it."""

    relpath: str  # POSIX path relative to the export folder (= the download URL under the base URL)
    kind: str  # a key of KINDS
    slice: Slice
    byte_size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, root: Path, kind: str, sl: Slice = Slice()) -> Artifact:
        """Describe ``path`` (written under ``root``)."""
        return cls(path.resolve().relative_to(root.resolve()).as_posix(), kind, sl, path.stat().st_size, sha256_file(path))

    @property
    def media_type(self) -> str:
        return KINDS[self.kind][0]

    @property
    def file_type(self) -> str:
        return KINDS[self.kind][1]

    @property
    def title(self) -> str:
        return KINDS[self.kind][2]


#: Files of an export folder with a fixed name and kind (the catalogue itself is never listed).
NAMED: dict[str, str | None] = {"void.ttl": "void", "provenance.ttl": "prov", "catalog.ttl": None,
                                "catalog.jsonld": None}


def kind_of(path: Path) -> str | None:
    """The kind of an export file, from its name (``graph.ttl`` -> turtle), or None."""
    name = path.name
    if name in NAMED:
        return NAMED[name]
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def slice_of(path: Path) -> Slice:
    """The slice an export file holds, from the naming scheme ``export_all`` uses (``year-2020.ttl``)."""
    import re

    stem = path.name.split(".", 1)[0]
    year = re.search(r"(?:^|-)year-(\d{4})$", stem)
    agency = re.match(r"^agency-(.+?)(?:-year-\d{4})?$", stem)
    return Slice(agency=agency.group(1) if agency else None, year=int(year.group(1)) if year else None)


def scan(root: Path, skip: tuple[str, ...] = ()) -> list[Artifact]:
    """Every export file under ``root`` (recursively), described; ``skip`` names files to leave out."""
    out = []
    for f in sorted(root.rglob("*")):
        if not f.is_file() or f.name in skip:
            continue
        kind = kind_of(f)
        if kind is None:
            continue
        out.append(Artifact.of(f, root, kind, slice_of(f)))
    return out


__all__ = ["Artifact", "KINDS", "SUFFIXES", "kind_of", "slice_of", "scan", "sha256_file"]
