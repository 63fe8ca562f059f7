"""Store: where the graph lives, behind one small interface.

| module       | job                                                          |
|--------------|--------------------------------------------------------------|
| base.py      | ``GraphStore``: reports, atomic replace, select, export       |
| embedded.py  | ``EmbeddedStore``: Oxigraph on disk (default) or in memory;   |
|              | batched bulk loading with a journal (crash-safe)              |
| remote.py    | ``RemoteStore``: any SPARQL 1.1 server (Query, Update, GSP)   |
| server.py    | a read-only SPARQL endpoint over a store (``gongkai serve``)  |
"""

from .base import GraphStore, StoredReport
from .embedded import EmbeddedStore


def open_endpoint(
    endpoint: str | None,
    *,
    query_url: str | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    auth: str | None = None,
) -> GraphStore:
    """Connect to a SPARQL 1.1 server (Oxigraph layout by default: /query, /update, /store)."""
    from .remote import RemoteStore

    return RemoteStore(endpoint, query_url=query_url, update_url=update_url, gsp_url=gsp_url, auth=auth)


def open_store(path: str | None = None, read_only: bool = False) -> GraphStore:
    """Open the embedded store at ``path`` (in memory when None)."""
    return EmbeddedStore(path, read_only=read_only)


__all__ = ["GraphStore", "StoredReport", "EmbeddedStore", "open_store", "open_endpoint"]
