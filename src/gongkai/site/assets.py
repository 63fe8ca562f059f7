"""Where the site's templates, static files and interface strings are.

In a source checkout they are the top-level ``site/`` folder; in a wheel that folder is
installed inside this package (``gongkai/site/templates`` ...), next to these modules.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import GongkaiError
from ..resources import resource_dir



def assets_dir() -> Path:
    """The folder holding ``templates/``, ``static/`` and ``messages.tsv``."""
    try:
        return resource_dir("site", must_contain="templates/base.html")
    except FileNotFoundError as exc:
        raise GongkaiError(f"site templates not found ({exc})") from None


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Interface strings by language: ``{"zh": {key: text}, "en": {...}}`` from messages.tsv."""
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    path = assets_dir() / "messages.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise GongkaiError(f"{path}:{n}: expected key<TAB>zh<TAB>en")
        out["zh"][parts[0]], out["en"][parts[0]] = parts[1], parts[2]
    return out
