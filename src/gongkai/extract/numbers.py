"""Numbers stated in prose -> headline indicators (first cut: to be completed)."""

from __future__ import annotations

from ..model import Document, Metric


def extract_numbers(doc: Document, fmt: str, table_metrics: list[Metric]) -> list[Metric]:
    """Headline ``H.*`` metrics and other disclosure-work numbers stated in the text."""
    return []
