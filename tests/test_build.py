"""The build end to end through the CLI: idempotence, replacement, bad input, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


# -- scale: parallel, incremental, observable (issue 5) ---------------------------------------
def _copies(folder: Path, n: int) -> Path:
    """``n`` distinct report files made from the examples."""
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        src = examples[i % len(examples)]
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\n（副本 {i}）\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    corpus = _copies(tmp_path / "corpus", 30)
    serial = run_cli("build", str(corpus), "--store", str(tmp_path / "serial"), "--jobs", "1", check=True)
    parallel = run_cli("build", str(corpus), "--store", str(tmp_path / "parallel"), "--jobs", "2", check=True)
    assert "30 loaded" in serial.stdout and "30 loaded" in parallel.stdout
    assert _nquads(tmp_path / "serial", tmp_path) == _nquads(tmp_path / "parallel", tmp_path)
    assert len(open_store(str(tmp_path / "parallel"), read_only=True).reports()) == 30


def test_prune_and_remove(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    store = tmp_path / "store"
    run_cli("build", str(corpus), "--store", str(store), check=True)
    (corpus / "000_473bad5d154fc64b.txt").unlink()
    kept = run_cli("build", str(corpus), "--store", str(store), check=True)  # without --prune nothing is removed
    assert "4 unchanged" in kept.stdout and "removed" not in kept.stdout
    assert len(open_store(str(store), read_only=True).reports()) == 5
    pruned = run_cli("build", str(corpus), "--store", str(store), "--prune", check=True)
    assert "4 files: 0 loaded, 0 replaced, 4 unchanged, 0 failed, 1 removed" in pruned.stdout
    names = open_store(str(store), read_only=True).reports()
    assert "000_473bad5d154fc64b.txt" not in names and len(names) == 4

    removed = run_cli("remove", str(corpus / "004_d0cb2f7b88585a0b.txt"), "nothing-like-this.txt", "--store", str(store))
    assert removed.returncode == 0
    assert "1 report removed: 004_d0cb2f7b88585a0b.txt" in removed.stdout
    assert "nothing-like-this.txt: no such report in the store" in removed.stderr
    s = open_store(str(store), read_only=True)
    assert sorted(s.reports()) == ["001_860089b39a16652d.txt", "002_121fc4c901428762.txt", "003_b820eed96e50d292.txt"]
    left = s.select('SELECT (COUNT(*) AS ?n) WHERE { ?r gk:sourceName "004_d0cb2f7b88585a0b.txt" }')
    assert left[0]["n"] == "0"
    again = run_cli("remove", "004_d0cb2f7b88585a0b.txt", "--store", str(store))
    assert again.returncode == 1 and "0 reports removed" in again.stdout


def test_quiet_prints_nothing_but_errors_and_summary_names_reasons(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "001_860089b39a16652d.txt", corpus)
    (corpus / "a-empty.txt").write_bytes(b"")
    (corpus / "b-empty.txt").write_bytes(b"")
    quiet = run_cli("build", str(corpus), "--store", str(tmp_path / "q"), "--quiet", check=True)
    assert quiet.stdout == ""
    assert sorted(ln.split("/")[-1] for ln in quiet.stderr.splitlines()) == ["a-empty.txt: empty file",
                                                                              "b-empty.txt: empty file"]
    loud = run_cli("build", str(corpus), "--store", str(tmp_path / "l"), check=True)
    assert "3 files: 1 loaded, 0 replaced, 0 unchanged, 2 failed" in loud.stdout
    assert "failed: 2 × empty file" in loud.stdout


def test_progress_bar_on_a_terminal_and_plain_lines_elsewhere() -> None:
    import io

    from gongkai.cli import _progress
    from gongkai.pipeline import FileOutcome

    tty = io.StringIO()
    bar = _progress.Progress(stream=tty, tty=True)
    bar.started(4)
    for i in range(4):
        bar.file(FileOutcome(f"f{i}", f"f{i}", "loaded" if i else "unchanged"))
    bar.finish()
    text = tty.getvalue()
    assert "\r" in text and "[########################] 4/4 files (100%)" in text and "3 loaded, 1 unchanged" in text
    assert text.endswith("\r\x1b[K")  # the bar is taken off before the summary

    log = io.StringIO()
    plain = _progress.Progress(stream=log, tty=False)
    plain.started(3)
    plain.last_print -= _progress.PLAIN_EVERY  # as if ten seconds had passed
    plain.file(FileOutcome("a", "a", "loaded"))
    plain.file(FileOutcome("b", "b", "failed", "b: empty file"))
    assert log.getvalue().splitlines()[0].startswith("progress: 1/3 files (33%), ")
    assert "b: empty file" in log.getvalue().splitlines() and "\r" not in log.getvalue()

    silent = io.StringIO()
    q = _progress.Progress(stream=silent, tty=True, quiet=True)
    q.started(2)
    q.file(FileOutcome("a", "a", "loaded"))
    q.file(FileOutcome("b", "b", "failed", "b: binary file"))
    q.finish()
    assert silent.getvalue() == "b: binary file\n"


def test_prune_refuses_a_missing_input_path(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_cli("build", str(EXAMPLES), "--store", str(store), check=True)
    proc = run_cli("build", str(tmp_path / "typo"), "--store", str(store), "--prune")
    assert proc.returncode == 1 and "--prune needs every input path to exist" in proc.stderr
    assert len(open_store(str(store), read_only=True).reports()) == 5


def test_shared_statements_are_sent_once_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact about a shared node that two reports state goes to the store once; the graph is unchanged."""
    from gongkai import pipeline
    from gongkai.rdf.vocab import ENTITY_GRAPH
    from gongkai.store.embedded import EmbeddedStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):  # the same agency three times: its entity facts are identical
        shutil.copy(EXAMPLES / "001_860089b39a16652d.txt", corpus / f"copy{i}.txt")
    store = EmbeddedStore(tmp_path / "store")
    sent: list[bytes] = []
    real = store.write_reports

    def spy(items):  # type: ignore[no-untyped-def]
        sent.extend(body for i in items for g, body in i.parts if g == ENTITY_GRAPH)
        return real(items)

    monkeypatch.setattr(store, "write_reports", spy)
    monkeypatch.setattr(pipeline, "BATCH_REPORTS", 2)  # two batches: deduplicated within and across them
    pipeline.build([corpus], store)
    lines = [line for body in sent for line in body.splitlines()]
    assert lines and len(lines) == len(set(lines))
    one = pipeline.process_file(str(corpus / "copy0.txt"), "copy0.txt")
    assert sorted(lines) == sorted(dict(one.parts)[ENTITY_GRAPH].splitlines())
    import pyoxigraph as ox

    stored = {f"{q.subject} {q.predicate} {q.object} <{ENTITY_GRAPH}> .".encode()
              for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(ENTITY_GRAPH))}
    assert stored == set(lines)  # every shared statement is in the store, once
    assert len(store.reports()) == 3
