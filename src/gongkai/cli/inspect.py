"""``gongkai inspect FILE``: what was read from one report, each fact next to its evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GongkaiError
from ._app import app, fail


@app.command("inspect")
def inspect_command(
    file: Annotated[Path, typer.Argument(help="A report file (.txt, .md, .html, .pdf, .docx).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show what was read from one report: fields, agency, sections, tables, metrics with evidence, notes.

    Nothing is stored. Examples: gongkai inspect examples/reports/001_860089b39a16652d.txt
    gongkai inspect report.pdf --json > read.json
    """
    from ..inspect import inspect_file, render_text, to_json

    try:
        ins = inspect_file(file)
    except GongkaiError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(to_json(ins), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(ins), nl=False)
