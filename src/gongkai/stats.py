"""Counts of what a graph holds, for ``gongkai stats`` and the demo's summary."""

from __future__ import annotations

from .store.base import GraphStore

_CLASSES = ("Report", "Agency", "Metric", "Initiative", "Platform", "Region")


def graph_stats(store: GraphStore) -> dict[str, int]:
    """Distinct instances per class, plus consistency-check failures and the number of triples."""
    out: dict[str, int] = {}
    for cls in _CLASSES:
        rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a gk:{cls} }}")
        out[_plural(cls)] = int(rows[0]["n"]) if rows else 0
    rows = store.select('SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a gk:ConsistencyCheck ; gk:status/skos:notation "fail" }')
    out["checks_failed"] = int(rows[0]["n"]) if rows else 0
    out["triples"] = store.count_triples()
    return out


def _plural(cls: str) -> str:
    return cls.lower()[:-1] + "ies" if cls.endswith("y") else cls.lower() + "s"
