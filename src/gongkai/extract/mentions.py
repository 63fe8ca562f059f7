"""Initiatives and platforms named in a report (first cut: to be completed)."""

from __future__ import annotations

from ..model import Document, Mention


def extract_mentions(doc: Document) -> list[Mention]:
    """Every named initiative and platform, canonicalised, with evidence."""
    return []
