"""Crash safety: kill -9 a real build half-way, re-run, and every report is there exactly once, complete.

Two kills: one at a random moment of a real parallel CLI build, and one placed exactly inside
the bulk load of a batch (the only write that is not a transaction), so the journal's
recovery is exercised every time, not only when the timing happens to hit it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest

from gongkai.store import open_store
from gongkai.store.embedded import JOURNAL_GRAPH

from .conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow

N_FILES = 100


def make_corpus(folder: Path, n: int = N_FILES) -> Path:
    """``n`` distinct report files made from the examples (distinct names, so distinct report graphs)."""
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        src = examples[i % len(examples)]
        text = src.read_text(encoding="utf-8") + f"\n（本报告副本编号 {i}）\n"
        (folder / f"{i:04d}_{src.name}").write_text(text, encoding="utf-8")
    return folder


def canonical(store: Path, tmp: Path) -> list[str]:
    out = tmp / f"{store.name}.nq"
    run_cli("export", "--store", str(store), "--format", "nquads", "--output", str(out), check=True)
    data = ox.Dataset(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    data.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in data)


@pytest.fixture(scope="module")
def corpus_and_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    tmp = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(tmp / "corpus")
    run_cli("build", str(corpus), "--store", str(tmp / "clean"), "--quiet", check=True)
    assert len(open_store(str(tmp / "clean"), read_only=True).reports()) == N_FILES
    return corpus, canonical(tmp / "clean", tmp)


# Runs the real CLI with small batches and a progress line per file, so the test can kill it mid-way.
_CLI = ("import sys, gongkai.pipeline as p, gongkai.cli._progress as g; p.BATCH_REPORTS = 12; g.PLAIN_EVERY = 0; "
        "sys.argv[0] = 'gongkai'; from gongkai.cli import main; main()")


def test_kill_9_during_a_parallel_build_then_rerun(corpus_and_reference: tuple[Path, list[str]], tmp_path: Path) -> None:
    corpus, reference = corpus_and_reference
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", _CLI, "build", str(corpus), "--store", str(store), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    workers: list[psutil.Process] = []
    for line in proc.stderr:  # "progress: 37/100 files ..." once per stored file
        m = re.match(r"progress: (\d+)/", line)
        if m and int(m.group(1)) >= N_FILES // 3:
            workers = psutil.Process(proc.pid).children()
            proc.send_signal(signal.SIGKILL)
            break
    assert proc.wait(timeout=120) == -signal.SIGKILL
    assert len(workers) >= 2
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive  # worker processes die with the build, they do not linger as orphans
    stored_before = len(open_store(str(store), read_only=True).reports())
    assert 0 < stored_before < N_FILES  # the kill really came in the middle

    rerun = run_cli("build", str(corpus), "--store", str(store), check=True)
    loaded = int(re.search(r"(\d+) loaded", rerun.stdout).group(1))  # type: ignore[union-attr]
    assert f"{stored_before} unchanged" in rerun.stdout and loaded == N_FILES - stored_before
    assert canonical(store, tmp_path) == reference


_DIE_IN_BULK_LOAD = """
import os, signal, sys
import gongkai.pipeline as p
from gongkai.store.embedded import EmbeddedStore

p.BATCH_REPORTS = 10
calls = 0

class DiesInThirdBulkLoad:
    '''The real pyoxigraph store, except that the 3rd bulk load writes half its quads and then kill -9s us.'''
    def __init__(self, inner):
        self.inner = inner
    def __getattr__(self, name):
        return getattr(self.inner, name)
    def bulk_load(self, data, **kw):
        global calls
        calls += 1
        if calls == 3:
            self.inner.bulk_load(data[: data.index(b"\\n", len(data) // 2) + 1], **kw)
            self.inner.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.bulk_load(data, **kw)

store = EmbeddedStore(sys.argv[1])
store._store = DiesInThirdBulkLoad(store._store)
p.build([sys.argv[2]], store, jobs=1)
"""


def test_kill_9_inside_a_bulk_load_is_recovered(corpus_and_reference: tuple[Path, list[str]], tmp_path: Path) -> None:
    corpus, reference = corpus_and_reference
    store = tmp_path / "store"
    proc = subprocess.run([sys.executable, "-c", _DIE_IN_BULK_LOAD, str(store), str(corpus)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    raw = ox.Store.read_only(str(store))
    pending = {q.object.value for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(JOURNAL_GRAPH))}
    assert len(pending) == 10  # the third batch is in the journal ...
    half_written = [g for g in pending if next(raw.quads_for_pattern(None, None, None, ox.NamedNode(g)), None)]
    assert half_written  # ... some of its data is in the store ...
    del raw
    stored = open_store(str(store), read_only=True).reports()
    assert len(stored) == 20 and not pending & {r.graph for r in stored.values()}  # ... but no report is listed

    rerun = run_cli("build", str(corpus), "--store", str(store), check=True)
    assert "20 unchanged" in rerun.stdout and f"{N_FILES - 20} loaded" in rerun.stdout
    assert "recovered: 10 half-written reports" in rerun.stdout
    assert canonical(store, tmp_path) == reference


def test_rerun_after_a_kill_at_the_very_start(corpus_and_reference: tuple[Path, list[str]], tmp_path: Path) -> None:
    """Killed before any batch was written: the store opens and the re-run loads everything."""
    corpus, reference = corpus_and_reference
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "build", str(corpus), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (store / "CURRENT").exists() and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    run_cli("build", str(corpus), "--store", str(store), check=True)
    assert canonical(store, tmp_path) == reference
