"""Headline indicators ``H.*`` that follow from table cells (the contract's equivalents).

Derived only from filled cells: a blank is not a zero, so a headline whose cells are blank is
not derived (the text reader may still find it in the prose). The table wins over the text:
``numbers.py`` skips every ``H.*`` indicator derived here.
"""

from __future__ import annotations

from ..model import Evidence, Metric

#: headline -> the cells it is the sum of (one cell for most)
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "H.requestsReceived": ("T3.R1|T3.C.total",),
    "H.requestsCarriedOver": ("T3.R2|T3.C.total",),
    "H.requestsAnswered": ("T3.R3.7|T3.C.total",),
    "H.requestsGranted": ("T3.R3.1|T3.C.total",),
    "H.requestsPartlyGranted": ("T3.R3.2|T3.C.total",),
    "H.requestsDenied": tuple(f"T3.R3.3.{i}|T3.C.total" for i in range(1, 9)),
    "H.requestsNotHeld": ("T3.R3.4.1|T3.C.total",),
    "H.reviews": ("T4.P.review|T4.O.total",),
    "H.lawsuits": ("T4.P.litDirect|T4.O.total", "T4.P.litAfterReview|T4.O.total"),
}


def derive_headlines(cells: list[Metric], text: str) -> list[Metric]:
    """One ``H.*`` metric per headline whose cells are all filled, with evidence spanning them.

    >>> ev = Evidence(0, 5, "总计 21", "table3.grid")
    >>> from decimal import Decimal
    >>> m = Metric("T3.R1", ("T3.C.total",), Decimal(21), "count", ev)
    >>> [(h.indicator, h.value, h.derived_from) for h in derive_headlines([m], "总计 21")]
    [('H.requestsReceived', Decimal('21'), ('T3.R1|T3.C.total',))]
    """
    by_key = {m.key: m for m in cells}
    out = []
    for headline, keys in EQUIVALENTS.items():
        sources = [by_key.get(k) for k in keys]
        if any(s is None for s in sources):
            continue
        found = [s for s in sources if s is not None]
        start = min(s.evidence.start for s in found)
        end = max(s.evidence.end for s in found)
        evidence = Evidence(
            start=start, end=end, exact=text[start:end], rule="table.derived",
            page=found[0].evidence.page, confidence=min(s.evidence.confidence for s in found),
            note=("sum of " if len(keys) > 1 else "") + ", ".join(keys),
        )
        out.append(Metric(indicator=headline, dims=(), value=sum((s.value for s in found), start=found[0].value * 0),
                          unit="count", evidence=evidence, derived_from=keys))
    return out
