"""Standard tables 二/三/四 -> one ``Metric`` per filled cell (first cut: to be completed)."""

from __future__ import annotations

from ..model import Document, Metric


def extract_tables(doc: Document, fmt: str) -> tuple[list[Metric], list[str]]:
    """Metrics for every filled cell of the standard tables, and notes on what could not be placed."""
    return [], []
