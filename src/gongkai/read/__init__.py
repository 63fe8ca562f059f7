"""Read: a file on disk -> ``Source`` (normalised text, hash, name).

| module        | job                                                        |
|---------------|------------------------------------------------------------|
| decode.py     | bytes -> str, choosing among UTF-8/GB18030/Big5/UTF-16      |
| html.py       | HTML -> text, tables as pipe rows with spans expanded       |
| normalize.py  | t2s, pinyin glosses, full-width digits, page furniture, wraps |
| binary.py     | PDF and DOCX -> text (optional readers, by file type)       |

``read(path)`` raises ``ReadError`` with a one-line reason for anything that is not readable text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ReadError
from ..model import Source
from .decode import decode
from .html import html_to_text
from .normalize import normalize

#: File suffixes read as text, with the media type recorded for them.
TEXT_SUFFIXES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
}
#: Binary document formats and the reader module that handles them.
DOCUMENT_SUFFIXES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
#: Formats we recognise but cannot read offline, with what to do instead.
UNSUPPORTED_SUFFIXES = {
    ".doc": "unsupported format .doc: convert to .docx",
    ".wps": "unsupported format .wps: convert to .docx",
}
SUPPORTED_SUFFIXES = tuple(TEXT_SUFFIXES) + tuple(DOCUMENT_SUFFIXES)


def read_bytes(data: bytes, name: str, path: str | None = None) -> Source:
    """Turn a file's bytes into a ``Source``; ``name`` decides the format by its suffix.

    :raises ReadError: empty, binary, undecodable or unsupported input.
    """
    path = path or name
    suffix = Path(name).suffix.lower()
    sha = hashlib.sha256(data).hexdigest()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise ReadError(path, UNSUPPORTED_SUFFIXES[suffix])
    if suffix in DOCUMENT_SUFFIXES:
        from .binary import read_document

        text, pages = read_document(data, suffix, path)
        return Source(name=name, path=path, sha256=sha, text=text, encoding="binary",
                      media_type=DOCUMENT_SUFFIXES[suffix], pages=pages)
    media_type = TEXT_SUFFIXES.get(suffix, "text/plain")
    raw, encoding = decode(data, path)
    if media_type == "text/html" or (suffix not in TEXT_SUFFIXES and raw.lstrip()[:15].lower().startswith(("<!doctype", "<html"))):
        raw = html_to_text(raw)
    text = normalize(raw)
    if not text.strip():
        raise ReadError(path, "no text in file")
    return Source(name=name, path=path, sha256=sha, text=text, encoding=encoding, media_type=media_type)


def read(path: str | Path) -> Source:
    """Read one report file.

    :raises ReadError: the path is missing, not a file, or not readable as a report text.
    """
    p = Path(path)
    if not p.exists():
        raise ReadError(str(path), "no such file")
    if not p.is_file():
        raise ReadError(str(path), "not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, p.name, str(p))


def read_text(text: str, name: str = "inline.txt") -> Source:
    """Build a ``Source`` from text already in memory (tests, notebooks)."""
    return read_bytes(text.encode("utf-8"), name)


__all__ = ["read", "read_bytes", "read_text", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "DOCUMENT_SUFFIXES"]
