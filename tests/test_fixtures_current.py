"""The copy of ../shared in tests/fixtures/shared must equal the original wherever the original is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT

ORIGINAL = ROOT.parent / "shared"
COPY = ROOT / "tests" / "fixtures" / "shared"


def test_copy_of_shared_material_is_current() -> None:
    if not (ORIGINAL / "gold").is_dir():
        pytest.skip("../shared is not beside the repository: the copy is all there is")
    copied = [p for p in sorted(COPY.rglob("*")) if p.is_file() and p.name != "README.md" or p.parent != COPY]
    copied = [p for p in copied if p.is_file() and p != COPY / "README.md"]
    assert copied, "the copy is empty"
    for path in copied:
        original = ORIGINAL / path.relative_to(COPY)
        assert original.is_file(), f"{path.relative_to(COPY)} is no longer in ../shared"
        assert Path(original).read_bytes() == path.read_bytes(), f"{path.relative_to(COPY)} differs from ../shared"
