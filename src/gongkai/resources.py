"""Where the shipped data lives: ``ontology/``, ``queries/`` and ``site/``.

In a wheel they sit inside the package (``gongkai/ontology`` ...); in a source checkout
(editable install, tests) they are the top-level folders of the repository. One function
answers for both so no other module guesses paths.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def resource_dir(name: str, must_contain: str = "") -> Path:
    """The directory of a shipped resource (``ontology``, ``queries``, ``site``).

    ``must_contain`` names a file the folder must hold: in a checkout ``gongkai/site`` is the
    site generator's code while the templates are in the top-level ``site/``; in a wheel both
    live in ``gongkai/site``.

    :raises FileNotFoundError: the installation is incomplete.
    """
    for candidate in (_PACKAGE / name, _REPO / name):
        if candidate.is_dir() and (not must_contain or (candidate / must_contain).is_file()):
            return candidate
    raise FileNotFoundError(f"gongkai resource folder '{name}' not found (looked in {_PACKAGE} and {_REPO})")


def data_file(name: str) -> Path:
    """A data file of the package itself (lexicons in ``gongkai/data``)."""
    return _PACKAGE / "data" / name
