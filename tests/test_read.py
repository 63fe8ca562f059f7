"""Reading: encodings, HTML, script conversion, gloss removal, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import ReadError
from gongkai.read import read, read_bytes
from gongkai.read.html import html_to_text
from gongkai.read.normalize import join_wrapped_lines, normalize

from .conftest import EXAMPLES

SEED_TRAD = EXAMPLES / "003_b820eed96e50d292.txt"
SEED_STD = EXAMPLES / "004_d0cb2f7b88585a0b.txt"


def _plain(path: Path) -> str:
    return read(path).text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_every_encoding_gives_the_same_text(tmp_path: Path, encoding: str) -> None:
    original = SEED_STD.read_text(encoding="utf-8")
    target = tmp_path / f"report-{encoding}.txt"
    target.write_bytes(original.encode(encoding))
    assert read(target).text == _plain(SEED_STD)


def test_big5_traditional_report_reads_as_simplified(tmp_path: Path) -> None:
    # The traditional-script seed without its pinyin glosses is representable in Big5.
    from gongkai.read.normalize import strip_glosses

    trad = strip_glosses(SEED_TRAD.read_text(encoding="utf-8"))
    target = tmp_path / "big5.txt"
    target.write_bytes(trad.encode("big5", errors="ignore"))
    source = read(target)
    assert source.encoding == "big5"
    assert "广州市政务服务数据管理局" in source.text
    assert "據" not in source.text and "(jù)" not in source.text


def test_traditional_with_glosses_is_normalised() -> None:
    text = _plain(SEED_TRAD)
    assert "根据《中华人民共和国政府信息公开条例》的规定" in text
    assert "(jù)" not in text and "(guī)" not in text


def test_full_width_digits_become_ascii() -> None:
    assert "主动公开信息120条" in normalize("主动公开信息１２０条")


def test_page_numbers_removed_and_wrapped_lines_joined() -> None:
    body = "\n".join(["这是一个很长的句子被PDF在行尾断开了的正文内容第%d行续" % i for i in range(8)])
    text = normalize("标题\n" + body + "\n-1-\n" + "结束。\n")
    assert "-1-" not in text
    assert text.count("\n") < 5


def test_short_lines_are_not_joined() -> None:
    assert join_wrapped_lines("一、概述\n二、情况\n") == "一、概述\n二、情况\n"


def test_html_tables_keep_rows_and_spans() -> None:
    html = """<html><body><h1>某局2020年政府信息公开工作年度报告</h1>
    <table><tr><td rowspan="2">行政许可</td><td colspan="2">数量</td></tr>
    <tr><td>1</td><td>2</td></tr></table><script>alert(1)</script></body></html>"""
    text = html_to_text(html)
    assert "行政许可 | 数量" in text
    assert " | 1 | 2" in text
    assert "alert" not in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (bytes([0xFF, 0xFE, 0xFD]) * 10 + b"\x81\x20" * 50, "undecodable"),
    ],
)
def test_bad_bytes_raise_a_one_line_read_error(content: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(content, "bad.txt")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("bad.txt: ")


def test_missing_file() -> None:
    with pytest.raises(ReadError, match="no such file"):
        read("/nonexistent/report.txt")


def test_doc_is_unsupported_with_advice() -> None:
    with pytest.raises(ReadError, match="convert to .docx"):
        read_bytes(b"whatever", "old.doc")
