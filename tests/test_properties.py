"""Property tests on the two invariants hostile input must never break.

1. Any bytes, under any supported name, give a ``Source`` or a ``ReadError`` — nothing else.
2. Every piece of evidence of every fact quotes exactly the text at its offsets, whatever the text.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError, ReadError
from gongkai.extract import extract
from gongkai.model import Source
from gongkai.parse import parse
from gongkai.read import read, read_bytes

from .conftest import EXAMPLES

SUFFIXES = st.sampled_from(["r.txt", "r.md", "r.html", "r.htm", "r.pdf", "r.docx", "r.doc", "noext"])
SEED_TEXTS = [read(p).text for p in sorted(EXAMPLES.glob("*.txt"))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), name=SUFFIXES)
def test_any_bytes_give_a_source_or_a_read_error(data: bytes, name: str) -> None:
    try:
        source = read_bytes(data, name)
    except ReadError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
    else:
        assert isinstance(source, Source) and source.text.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(range(len(SEED_TEXTS))),
    cut=st.tuples(st.integers(0, 12000), st.integers(0, 12000)),
    noise=st.text(alphabet=st.sampled_from(list("0123456789一二三万余多条件次|（）、。\n 年月日公开申请")), max_size=200),
)
def test_evidence_always_quotes_the_text_at_its_offsets(seed: int, cut: tuple[int, int], noise: str) -> None:
    """Slices of real reports with noise spliced in: every fact's evidence is exact, or the text is refused."""
    text = SEED_TEXTS[seed]
    a, b = sorted(cut)
    mangled = text[:a] + noise + text[b:]
    try:
        source = read_bytes(mangled.encode("utf-8"), "mangled.txt")
        facts = extract(parse(source))
    except GongkaiError:
        return
    t = facts.source.text
    evidence = [m.evidence for m in facts.metrics] + [m.evidence for m in facts.mentions]
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(t)
        assert t[ev.start:ev.end] == ev.exact


def test_real_examples_have_exact_evidence_everywhere() -> None:
    for path in sorted(Path(EXAMPLES).glob("*")):
        facts = extract(parse(read(path)))
        t = facts.source.text
        for ev in [m.evidence for m in facts.metrics] + [m.evidence for m in facts.mentions]:
            assert t[ev.start:ev.end] == ev.exact, (path.name, ev)
