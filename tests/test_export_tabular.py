"""Tidy metrics table: one CSV row per gk:Metric, documented columns, CSVW, Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gongkai.export.tabular import COLUMN_NAMES, COLUMNS, metric_rows, parquet_available
from gongkai.store import open_store
from gongkai.store.base import GraphStore

from .conftest import ROOT, run_cli
from .test_export import synthetic_store


@pytest.fixture(scope="module")
def synth() -> GraphStore:
    return synthetic_store()


def _count_metrics(store: GraphStore) -> int:
    return int(store.select("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a gk:Metric }")[0]["n"])


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_one_row_per_metric_with_labels_from_the_schemes(synth: GraphStore, tmp_path: Path) -> None:
    rows = metric_rows(synth)
    assert len(rows) == _count_metrics(synth) == 6
    by_key = {(r.source_file, r.indicator, r.dimensions): r for r in rows}
    t3 = by_key[("a-2020.txt", "T3.R1", "T3.C.total")]
    assert t3.value == "89" and t3.unit == "count" and t3.year == "2020" and t3.format == "std-2019"
    assert t3.agency_name == "测试市甲局" and t3.division_code == "110101"
    assert t3.indicator_zh == "一、本年新收政府信息公开申请数量"
    assert t3.indicator_en == "requests newly received this year"
    assert t3.dimensions_zh == "总计"
    assert t3.evidence_quote == "T3.R1为89"
    zero = by_key[("a-2020.txt", "T3.R3.4.1", "T3.C.natural")]
    assert zero.value == "0"  # a printed 0 is a metric
    fee = by_key[("a-2020.txt", "H.feesCollected", "")]
    assert fee.value == "96000" and fee.unit == "CNY"
    assert by_key[("b-2021.txt", "H.proactiveItems", "")].value == "1.5"


def test_evidence_offsets_point_into_the_source_text(synth: GraphStore) -> None:
    texts = {r["n"]: r["t"] for r in synth.select("SELECT ?n ?t WHERE { ?r gk:sourceName ?n ; gk:sourceText ?t }")}
    for row in metric_rows(synth):
        text = texts[row.source_file]
        assert text[int(row.evidence_start):int(row.evidence_end)] == row.evidence_quote


def test_cli_csv_and_csvw_describe_the_same_columns(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "metrics.csv"
    run_cli("export", "--store", str(built_store), "--format", "csv", "--output", str(out), check=True)
    with out.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMN_NAMES
    store = open_store(str(built_store), read_only=True)
    assert len(_read(out)) == _count_metrics(store)
    meta = json.loads((tmp_path / "metrics.csv-metadata.json").read_text(encoding="utf-8"))
    assert meta["url"] == "metrics.csv"
    assert [c["name"] for c in meta["tableSchema"]["columns"]] == list(COLUMN_NAMES)
    assert all(c["datatype"] for c in meta["tableSchema"]["columns"])


def test_synthetic_csv_row_count_and_slice(synth: GraphStore, tmp_path: Path) -> None:
    from gongkai.export import Slice, write_tables

    paths = write_tables(synth, tmp_path, Slice(year=2021))
    rows = _read(paths[0])
    assert len(rows) == 2 and {r["year"] for r in rows} == {"2021"}
    paths = write_tables(synth, tmp_path)
    assert len(_read(paths[0])) == 6


def test_every_column_is_documented() -> None:
    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for c in COLUMNS:
        assert f"`{c.name}`" in doc, f"column {c.name} is not described in docs/export.md"


@pytest.mark.skipif(not parquet_available(), reason="pyarrow is not installed (Parquet is optional)")
def test_parquet_has_the_same_rows_typed(synth: GraphStore, tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from decimal import Decimal

    from gongkai.export import write_tables

    paths = write_tables(synth, tmp_path)
    parquet = next(p for p in paths if p.suffix == ".parquet")
    table = pq.read_table(parquet)
    assert table.num_rows == 6
    assert table.column_names == list(COLUMN_NAMES)
    values = sorted(table.column("value").to_pylist())
    assert values[0] == Decimal("0") and Decimal("96000") in values and Decimal("1.5") in values
    assert set(table.column("year").to_pylist()) == {2020, 2021}
