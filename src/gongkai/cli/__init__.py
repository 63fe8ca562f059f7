"""The ``gongkai`` command line: argument parsing and printing only; the work is in the library.

Each command group lives in its own module and registers itself on ``app``:

| module      | commands                         |
|-------------|----------------------------------|
| build.py    | build, stats                     |
| export.py   | export                           |
| query.py    | query                            |

Exit codes: 0 success; 1 nothing could be done (no report loaded, validation errors);
2 usage errors (typer's own).
"""

from __future__ import annotations

from ._app import app

# Command modules register themselves on ``app`` when imported.
from . import build as _build  # noqa: E402,F401
from . import export as _export  # noqa: E402,F401
from . import query as _query  # noqa: E402,F401
from . import analyze as _analyze  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import site as _site  # noqa: E402,F401
from . import inspect as _inspect  # noqa: E402,F401
from . import validate as _validate  # noqa: E402,F401


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
