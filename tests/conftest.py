"""Shared fixtures: the example reports, a built store, the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
# The team's shared folder beside the repository (as in CI), else the verbatim copy the tests carry.
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared" / "gold").is_dir() else ROOT / "tests" / "fixtures" / "shared"


def run_cli(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``python -m gongkai ARGS`` in a subprocess: real exit code, real stderr."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gongkai", *args], capture_output=True, text=True, cwd=cwd, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"gongkai {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples built once into an on-disk store (read-only use in tests)."""
    store = tmp_path_factory.mktemp("store") / "store"
    run_cli("build", str(EXAMPLES), "--store", str(store), "--quiet", check=True)
    return store
