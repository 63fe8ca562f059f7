"""The build end to end through the CLI: idempotence, replacement, bad input, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from gongkai.store import open_store

from .conftest import EXAMPLES, run_cli


def _nquads(store: Path, tmp: Path) -> list[str]:
    out = tmp / "dump.nq"
    run_cli("export", "--store", str(store), "--format", "nquads", "--output", str(out), check=True)
    return sorted(out.read_text(encoding="utf-8").splitlines())


def test_examples_build_and_rebuild_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = run_cli("build", str(EXAMPLES), "--store", str(store), check=True)
    assert "5 loaded" in first.stdout
    before = _nquads(store, tmp_path)
    second = run_cli("build", str(EXAMPLES), "--store", str(store), check=True)
    assert "5 unchanged" in second.stdout
    assert _nquads(store, tmp_path) == before
    forced = run_cli("build", str(EXAMPLES), "--store", str(store), "--force", check=True)
    assert "5 replaced" in forced.stdout
    assert _nquads(store, tmp_path) == before


def test_changed_file_replaces_exactly_its_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    store = tmp_path / "store"
    run_cli("build", str(corpus), "--store", str(store), check=True)
    target = corpus / "002_121fc4c901428762.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("500余条", "600余条"), encoding="utf-8")
    out = run_cli("build", str(corpus), "--store", str(store), check=True)
    assert "1 replaced" in out.stdout and "4 unchanged" in out.stdout
    s = open_store(str(store), read_only=True)
    reports = s.reports()
    assert len(reports) == 5
    texts = s.select('SELECT ?t WHERE { ?r gk:sourceName "002_121fc4c901428762.txt" ; gk:sourceText ?t }')
    assert len(texts) == 1 and "600余条" in texts[0]["t"]


def test_bad_inputs_are_named_and_the_rest_loads(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "001_860089b39a16652d.txt", corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    (corpus / "shopping.txt").write_text("今天去超市买了苹果和香蕉。\n明天再去。\n", encoding="utf-8")
    (corpus / "bad-encoding.txt").write_bytes(bytes([0xFF, 0xFE, 0xFD]) * 10 + b"\x81\x20" * 50)
    store = tmp_path / "store"
    proc = run_cli("build", str(corpus), str(tmp_path / "missing.txt"), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    for name, reason in [("empty.txt", "empty file"), ("binary.txt", "binary"), ("shopping.txt", "not a disclosure report"),
                         ("bad-encoding.txt", "undecodable"), ("missing.txt", "no such file")]:
        matching = [ln for ln in lines if name in ln]
        assert len(matching) == 1 and reason in matching[0], (name, lines)
    assert "1 loaded" in proc.stdout and "5 failed" in proc.stdout
    assert len(open_store(str(store), read_only=True).reports()) == 1


def test_exit_code_is_non_zero_when_nothing_loads(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run_cli("build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "store"))
    assert proc.returncode != 0
    assert "empty.txt: empty file" in proc.stderr


def test_failed_file_keeps_what_was_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    store = tmp_path / "store"
    run_cli("build", str(corpus), "--store", str(store), check=True)
    before = _nquads(store, tmp_path)
    (corpus / "003_b820eed96e50d292.txt").write_bytes(b"\x00" * 100)  # the file is corrupted later
    proc = run_cli("build", str(corpus), "--store", str(store))
    assert proc.returncode == 0
    assert "003_b820eed96e50d292.txt: binary" in proc.stderr
    assert _nquads(store, tmp_path) == before


def test_report_fields_of_the_examples(built_store: Path) -> None:
    rows = open_store(str(built_store), read_only=True).select("""
        SELECT ?src ?year ?fmt ?agency ?code WHERE {
          ?r a gk:Report ; gk:sourceName ?src ; gk:reportYear ?year ; dct:conformsTo/skos:notation ?fmt ;
             gk:publishedBy ?a . ?a skos:prefLabel ?agency ; gk:region/gk:divisionCode ?code } ORDER BY ?src""")
    got = [(r["src"][:3], r["year"], r["fmt"], r["agency"], r["code"]) for r in rows]
    assert got == [
        ("000", "2015", "free-text", "佛山市人民政府行政服务中心", "440600"),
        ("001", "2016", "free-text", "威海市文登区政务服务中心", "371003"),
        ("002", "2012", "free-text", "常德市人民政府政务服务中心", "430700"),
        ("003", "2018", "free-text", "广州市政务服务数据管理局", "440100"),
        ("004", "2019", "std-2019", "靖江市行政审批局", "321282"),
    ]
