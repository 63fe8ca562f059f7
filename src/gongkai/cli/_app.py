"""The typer application object and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="gongkai",
    help="Turn Chinese government information-disclosure annual reports into a knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals hold report text
    add_completion=False,
)

DEFAULT_STORE = Path("gongkai-data/store")

StoreOption = Annotated[
    Path,
    typer.Option("--store", "-s", help="Directory of the embedded Oxigraph store (created if missing).",
                 file_okay=False, dir_okay=True),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"gongkai: {message}", err=True)
    return typer.Exit(code)
