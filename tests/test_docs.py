"""Docs that fail when code and docs drift apart: commands, queries and doc pages are all documented."""

from __future__ import annotations

import re

import typer.main

from gongkai.cli import app
from gongkai.query import named_queries

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme_with_an_example_in_its_help() -> None:
    for name in _commands():
        assert f"`gongkai {name}" in README, f"README does not document `gongkai {name}`"
        command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
        assert "gongkai " + name in (command.help or ""), f"`gongkai {name} --help` has no example"


def test_every_named_query_is_documented() -> None:
    doc = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for name in named_queries():
        assert name in doc, f"queries/{name}.rq is not described in docs/queries.md"


def test_every_docs_page_is_linked_from_the_readme() -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in README, f"docs/{page.name} is not linked from the README"


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), f"README links to missing {target}"
