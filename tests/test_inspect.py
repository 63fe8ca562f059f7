"""``gongkai inspect``: what was read from one report, each fact next to its evidence."""

from __future__ import annotations

import json

from gongkai.inspect import grid, inspect_file, metric_grids, render_text, to_json
from gongkai.model import Cell, Table

from .conftest import EXAMPLES, SHARED, run_cli


def test_text_output_shows_fields_sections_and_evidence() -> None:
    proc = run_cli("inspect", str(EXAMPLES / "001_860089b39a16652d.txt"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in ("REPORT", "AGENCY", "SECTIONS", "TABLES", "METRICS FROM TEXT", "MENTIONS", "CHECKS", "NOTES"):
        assert heading in out
    assert "371003" in out and "2017-01-21" in out
    assert "H.interpretations = 11 count" in out and "«政策解读稿件11篇»" in out
    assert "H.requestsReceived = 0 count (stated in words)" in out
    assert "  （一） 发布解读情况" in out  # a level-2 section is indented under its parent


def test_json_output_offsets_are_the_text() -> None:
    path = EXAMPLES / "003_b820eed96e50d292.txt"
    proc = run_cli("inspect", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    text = inspect_file(path).document.source.text
    assert data["report"]["year"] == 2018 and data["agency"]["division_code"] == "440100"
    assert data["metrics"], "no metric read"
    for m in data["metrics"]:
        e = m["evidence"]
        assert text[e["start"]:e["end"]] == e["exact"]
    assert {"H.requestsReceived", "H.reviews"} <= {m["indicator"] for m in data["metrics"]}


def test_standard_tables_shown_as_grids() -> None:
    ins = inspect_file(SHARED / "corpus" / "dev" / "dev-016.txt")
    lines = metric_grids(ins.facts.metrics)
    t3 = next(i for i, ln in enumerate(lines) if ln.startswith("  T3:"))
    header = lines[t3 + 1]
    assert "natural" in header and "total" in header
    row = next(ln for ln in lines[t3:] if ln.strip().startswith("T3.R1 "))
    assert row.rstrip().endswith("3119")
    assert "CELLS READ FROM THE STANDARD TABLES" in render_text(ins)


def test_text_rules_notes_are_shown() -> None:
    # dev-015's text states 17 requests handled by one office; the table's 95 is used and the text says so
    ins = inspect_file(SHARED / "corpus" / "dev" / "dev-015.txt")
    received = [m for m in ins.facts.metrics if m.indicator == "H.requestsReceived"]
    assert [m.value for m in received] == [95]
    assert to_json(ins)["notes"] == list(ins.facts.notes) + list(ins.text_notes)


def test_grid_keeps_blank_cells_blank() -> None:
    t = Table(rows=((Cell("行", 0, 1), Cell("1", 2, 3), Cell("", 4, 4)), (Cell("总计", 5, 7), Cell("", 8, 8), Cell("2", 9, 10))),
              start=0, end=10, layout="pipe")
    rows = grid(t)
    assert len(rows) == 2 and all(r.startswith("│ ") for r in rows)
    assert "0" not in rows[0] and rows[1].rstrip().endswith("2 │")


def test_missing_file_is_one_line_error(tmp_path) -> None:
    proc = run_cli("inspect", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr
