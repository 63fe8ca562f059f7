"""Store: where the graph lives, behind one small interface.

| module       | job                                                          |
|--------------|--------------------------------------------------------------|
| base.py      | ``GraphStore``: reports, atomic replace, select, export       |
| embedded.py  | ``EmbeddedStore``: Oxigraph on disk (default) or in memory    |
"""

from .base import GraphStore, StoredReport
from .embedded import EmbeddedStore


def open_store(path: str | None = None, read_only: bool = False) -> GraphStore:
    """Open the embedded store at ``path`` (in memory when None)."""
    return EmbeddedStore(path, read_only=read_only)


__all__ = ["GraphStore", "StoredReport", "EmbeddedStore", "open_store"]
