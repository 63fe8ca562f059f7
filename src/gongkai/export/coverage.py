"""What the store (or a slice of it) covers: years, agencies, jurisdictions, counts.

DCAT needs temporal and spatial coverage per dataset, VoID and the site need counts; one
SELECT over the reports gives all of it, and slices are filtered from that in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.base import GraphStore
from .rdf import Slice


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """One stored report as the catalogue sees it."""

    graph: str
    year: int | None
    agency: str
    agency_name: str
    division_code: str | None
    region_name: str | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """The reports of a slice, and what they span."""

    reports: tuple[ReportInfo, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.reports if r.year is not None}))

    @property
    def agencies(self) -> tuple[tuple[str, str], ...]:
        """(agency IRI, name), sorted by IRI."""
        return tuple(sorted({(r.agency, r.agency_name) for r in self.reports}))

    @property
    def regions(self) -> tuple[tuple[str, str], ...]:
        """(division code, name) of the jurisdictions, sorted by code."""
        return tuple(sorted({(r.division_code, r.region_name or "") for r in self.reports if r.division_code}))

    def only(self, sl: Slice) -> Coverage:
        """The coverage of one slice (agency matched by IRI, IRI segment, name or division code)."""
        def keep(r: ReportInfo) -> bool:
            if sl.year is not None and r.year != sl.year:
                return False
            if sl.agency is not None:
                return sl.agency in {r.agency, r.agency.rsplit("/", 1)[-1], r.agency_name, r.division_code}
            return True

        return Coverage(tuple(r for r in self.reports if keep(r)))


def coverage(store: GraphStore) -> Coverage:
    """Every report of the store with its year, agency and jurisdiction."""
    rows = store.select(
        """SELECT ?r ?y ?a ?name ?code ?rname WHERE { GRAPH ?r { ?r a gk:Report . OPTIONAL { ?r gk:reportYear ?y }
             OPTIONAL { ?r gk:publishedBy ?a } }
           OPTIONAL { ?a skos:prefLabel ?name FILTER(langMatches(lang(?name), "zh")) }
           OPTIONAL { ?a gk:region ?reg . ?reg gk:divisionCode ?code
                      OPTIONAL { ?reg skos:prefLabel ?rname FILTER(langMatches(lang(?rname), "zh")) } } }"""
    )
    best: dict[str, ReportInfo] = {}
    for row in sorted(rows, key=lambda r: tuple((v or "") for v in r.values())):
        if row["r"] in best:
            continue
        y = row["y"]
        best[row["r"]] = ReportInfo(
            graph=row["r"], year=int(y[:4]) if y and y[:4].isdigit() else None, agency=row["a"] or "",
            agency_name=row["name"] or "", division_code=row["code"], region_name=row["rname"],
        )
    return Coverage(tuple(best[k] for k in sorted(best)))


__all__ = ["Coverage", "ReportInfo", "coverage"]
