"""Where the shipped data lives: ``ontology/``, ``queries/`` and ``site/``.

In a wheel they sit inside the package (``gongkai/ontology`` ...); in a source checkout
(editable install, tests) they are the top-level folders of the repository. One function
answers for both so no other module guesses paths.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def resource_dir(name: str) -> Path:
    """The directory of a shipped resource (``ontology``, ``queries``, ``site``).

    :raises FileNotFoundError: the installation is incomplete.
    """
    for candidate in (_PACKAGE / name, _REPO / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gongkai resource folder '{name}' not found (looked in {_PACKAGE} and {_REPO})")


def data_file(name: str) -> Path:
    """A data file of the package itself (lexicons in ``gongkai/data``)."""
    return _PACKAGE / "data" / name
