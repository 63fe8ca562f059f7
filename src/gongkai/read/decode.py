"""Bytes -> str: find the encoding a Chinese report was saved in.

Why not trust a detector alone: GBK/GB18030 accepts almost any byte pair, so a Big5 file
decodes "successfully" as GB18030 garbage. We decode with every plausible encoding and
keep the one whose text reads most like a disclosure report (common words in either
script), falling back to charset-normalizer's best guess for anything else.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError

# Words that every report uses, in simplified and traditional script.
_MARKERS = (
    "政府", "信息", "公开", "工作", "情况", "年度", "报告", "申请", "依法",
    "資訊", "公開", "報告", "情況", "申請", "年度", "工作", "政府",
    "的", "和", "年", "月", "日",
)
_CANDIDATES = ("utf-8", "gb18030", "big5", "utf-16")


def _score(text: str) -> int:
    bad = text.count("\ufffd") + len(_PRIVATE_USE.findall(text, 0, 20000))
    return sum(text.count(m) for m in _MARKERS) - 50 * bad


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(data: bytes) -> bool:
    """True for bytes no text report is made of (NUL bytes or many control characters)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # C-level count, not a loop per byte
    return controls > max(8, len(head) // 100)


def plausible(text: str) -> bool:
    """Most characters of real report text are Han, ASCII, whitespace or CJK punctuation."""
    sample = text[:20000]
    if not sample:
        return False
    good = len(sample) - len(_GOOD_CHARS.sub("", sample))
    return good / len(sample) >= 0.85


# Character classes as regexes: one C-level pass over the sample instead of a Python test per character.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: ASCII, Han (basic and extension A), CJK punctuation, full-width forms, and the usual typographic marks.
_GOOD_CHARS = re.compile("[\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u3400-\u4dbf“”‘’…—·《》、]+")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name); raise ReadError when no encoding gives readable text.

    >>> decode("政府信息公开".encode("gb18030"), "x.txt")
    ('政府信息公开', 'gb18030')
    """
    text, encoding = _decode(data, path)
    if not plausible(text):
        raise ReadError(path, f"undecodable: the bytes do not read as text in {encoding} or any other Chinese encoding")
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"undecodable UTF-16 text ({exc.reason})") from None
    if looks_binary(data):
        raise ReadError(path, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for enc in _CANDIDATES[1:3]:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] > 0:
        return best[1], best[2]
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - the detector is a last resort; its failure means "undecodable"
        match = None
    if match is not None and match.encoding and _score(str(match)) > 0:
        return str(match), match.encoding
    raise ReadError(path, "undecodable: not UTF-8, GB18030/GBK or Big5 text")
