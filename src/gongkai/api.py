"""The notebook API: ``gongkai.open(store_or_endpoint)`` and what it returns.

    >>> import gongkai
    >>> g = gongkai.open("gongkai-data/store")             # doctest: +SKIP
    >>> g.query("requests-by-agency-year", agency="甲市数据局")  # doctest: +SKIP
    >>> g.query("coverage").to_dataframe()                  # doctest: +SKIP

``query()`` takes the same things as ``gongkai query`` (a named query, a ``.rq`` file or SPARQL
text) and parameters as keyword arguments, and returns ``Rows``: a sequence of dicts with
Python values (numbers as int/float, years as int, dates as ``datetime.date``), which turns
into a pandas DataFrame with ``.to_dataframe()`` when pandas is installed. pandas is not a
dependency: the library never needs it, only notebooks do.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from .errors import GongkaiError, StoreError
from .query import NamedQuery, Result, Term, list_queries, prepare, run_query

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


def python_value(term: Term | None) -> Any:
    """A result term as a plain Python value (IRIs and untyped literals stay strings).

    >>> python_value(Term("120", "literal", datatype=_XSD + "decimal"))
    120
    >>> python_value(Term("16.7", "literal", datatype=_XSD + "decimal"))
    16.7
    >>> python_value(Term("2019", "literal", datatype=_XSD + "gYear"))
    2019
    """
    if term is None:
        return None
    dt = term.datatype
    try:
        if dt in _INTEGERS or dt == _XSD + "gYear":
            return int(term.value)
        if dt in _FLOATS:
            f = float(term.value)
            return int(f) if f.is_integer() and "e" not in term.value.lower() and abs(f) < 2**53 else f
        if dt == _XSD + "boolean":
            return term.value in ("true", "1")
        if dt == _XSD + "date":
            return _dt.date.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.value


@dataclass(frozen=True, slots=True)
class Rows(Sequence[dict[str, Any]]):
    """The rows of a SELECT, as dicts of Python values; ``result`` keeps the exact RDF terms."""

    columns: tuple[str, ...]
    records: tuple[dict[str, Any], ...]
    result: Result

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[dict[str, Any]]: ...
    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        return self.records[i]

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def to_dataframe(self):  # type: ignore[no-untyped-def]
        """The rows as a pandas DataFrame (columns in query order).

        :raises GongkaiError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise GongkaiError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame.from_records(list(self.records), columns=list(self.columns))

    df = to_dataframe


class Graph:
    """An open gongkai graph (embedded store or SPARQL endpoint) for notebooks and scripts."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.store = store

    def run(self, query: str, **params: object) -> Result:
        """Run a query and return the backend-neutral ``Result`` (exact RDF terms; CONSTRUCT as Turtle)."""
        _, text = prepare(query, {k: str(v) for k, v in params.items()})
        return run_query(self.store, text)

    def query(self, query: str, **params: object) -> Rows:
        """Run a named query, a ``.rq`` file or SPARQL text; keyword arguments are its parameters.

        :raises QueryError: unknown query or parameter, syntax error (with line and column).
        """
        result = self.run(query, **params)
        if result.graph is not None or result.boolean is not None:
            raise GongkaiError(f"{query}: not a SELECT query; use run() for ASK/CONSTRUCT/DESCRIBE")
        records = tuple({c: python_value(t) for c, t in zip(result.columns, row)} for row in result.rows)
        return Rows(result.columns, records, result)

    def dataframe(self, query: str, **params: object):  # type: ignore[no-untyped-def]
        """``query(...).to_dataframe()``."""
        return self.query(query, **params).to_dataframe()

    @staticmethod
    def queries() -> list[NamedQuery]:
        """The named queries shipped with gongkai (titles, what they answer, parameters)."""
        return list_queries()

    def analyze(self, write: bool = True, top_similar: int | None = 10):  # type: ignore[no-untyped-def]
        """Run the network analysis (``gongkai analyze``); stores the results unless ``write=False``."""
        from .analyze import analyze, write_back

        result = analyze(self.store, top_similar)
        if write:
            write_back(self.store, result)
            self.store.flush()
        return result

    def close(self) -> None:
        """Flush pending writes and release the store (files, connections)."""
        self.store.flush()
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(store_or_endpoint: str | Path | object, *, auth: str | None = None,  # noqa: A001
         read_only: bool = False) -> Graph:
    """Open a graph: an embedded store directory, or the base URL of a SPARQL 1.1 server.

    A directory that does not exist is an error here (the CLI's ``build`` creates stores; a
    typo in a notebook should not silently open an empty one).

    :raises StoreError: the store cannot be opened.
    """
    from .store import GraphStore, open_endpoint, open_store

    if isinstance(store_or_endpoint, GraphStore):
        return Graph(store_or_endpoint)
    target = str(store_or_endpoint)
    if target.startswith(("http://", "https://")):
        return Graph(open_endpoint(target, auth=auth))
    if not Path(target).is_dir():
        raise StoreError(f"{target}: no such store directory (build one with: gongkai build REPORTS --store {target})")
    return Graph(open_store(target, read_only=read_only))


__all__ = ["open", "Graph", "Rows", "python_value"]
