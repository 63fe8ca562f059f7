"""The standard tables' own arithmetic (勾稽关系) (first cut: to be completed)."""

from __future__ import annotations

from ..model import Check, Metric


def check_tables(metrics: list[Metric], fmt: str) -> list[Check]:
    """One ``Check`` per rule and column/row: pass, fail (with both sides) or not assessable."""
    return []
