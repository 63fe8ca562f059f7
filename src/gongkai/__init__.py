"""gongkai (公开): Chinese government information-disclosure annual reports as a knowledge graph.

The public API, flat::

    >>> import gongkai
    >>> facts = gongkai.extract_text("某某局2020年政府信息公开工作年度报告\\n一、总体情况\\n本年度主动公开政府信息120条。依申请公开情况...")
    >>> facts.report.year
    2020
"""

from __future__ import annotations

from .errors import GongkaiError, NotAReportError, QueryError, ReadError, StoreError
from .model import AgencyInfo, Check, Document, Evidence, Facts, Mention, Metric, ReportInfo, Source
from .api import open  # noqa: A004 - gongkai.open(store_or_endpoint), the notebook API

__version__ = "0.1.0"


def extract_text(text: str, name: str = "inline.txt") -> Facts:
    """Read, parse and extract a report given as text (for notebooks and tests)."""
    from .extract import extract
    from .parse import parse
    from .read import read_text

    return extract(parse(read_text(text, name)))


def extract_file(path: str) -> Facts:
    """Read, parse and extract one report file."""
    from .pipeline import facts_for_file
    from pathlib import Path

    return facts_for_file(Path(path))


__all__ = [
    "__version__", "extract_text", "extract_file",
    "Source", "Document", "Facts", "ReportInfo", "AgencyInfo", "Metric", "Mention", "Check", "Evidence",
    "GongkaiError", "ReadError", "NotAReportError", "StoreError", "QueryError",
    "open",
]
