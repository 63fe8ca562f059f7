"""The store's N-Quads export, written by a thread and read line by line while it grows.

Why: at 10,000 reports the export (2.7 GB, the site's download dump and the source of every
report page) took ~46 s during which only one core worked; the report pages waited for the
whole file. Oxigraph writes it without holding the GIL for long, so a thread writes it to
``PATH.part`` while the site reads complete lines from the same file as they appear and
renders the first reports at once; the file is renamed to ``PATH`` when complete.

A backend that cannot export (``GongkaiError``/``NotImplementedError``) ends the lines early
with ``ok`` False: the caller then reads the report graphs another way and ignores what it got.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import GongkaiError
from ..store.base import GraphStore

_BLOCK = 1 << 20


class Export:
    """``store`` exported as N-Quads to ``path`` by a thread started at once."""

    def __init__(self, store: GraphStore, path: Path) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.part.unlink(missing_ok=True)
        self.error: BaseException | None = None
        self._unsupported = False
        self._done = threading.Event()
        self.seconds = 0.0  # how long the export took, once done
        t0 = time.perf_counter()

        def run() -> None:
            try:
                store.export("nquads", self.part)
                os.replace(self.part, self.path)
            except (GongkaiError, NotImplementedError):
                self._unsupported = True
                self.part.unlink(missing_ok=True)
            except BaseException as exc:  # re-raised by lines() / wait()
                self.error = exc
                self.part.unlink(missing_ok=True)
            finally:
                self.seconds = time.perf_counter() - t0
                self._done.set()

        self._thread = threading.Thread(target=run, name="site-export", daemon=True)
        self._thread.start()

    @property
    def ok(self) -> bool:
        """The export is complete and at ``path`` (waits for it)."""
        self.wait()
        return not self._unsupported

    def wait(self) -> None:
        """Block until the export has ended; re-raise its error, if any."""
        self._done.wait()
        if self.error is not None:
            raise self.error

    def lines(self) -> Iterator[bytes]:
        """The complete lines of the export as they are written, each with its ``\\n``.

        >>> import tempfile
        >>> class Slow:
        ...     def export(self, fmt, output):
        ...         with open(output, "wb") as fh:
        ...             fh.write(b"<a> <b> <c> <g> .\\n<a> <b> "); fh.flush(); time.sleep(0.1)
        ...             fh.write(b"<d> <g> .\\n")
        >>> e = Export(Slow(), Path(tempfile.mkdtemp()) / "x.nq")
        >>> list(e.lines()), e.ok, e.path.read_bytes().count(b"\\n")
        ([b'<a> <b> <c> <g> .\\n', b'<a> <b> <d> <g> .\\n'], True, 2)
        """
        fh = None
        rest = b""
        try:
            while fh is None:  # the thread creates the file
                try:
                    fh = open(self.part, "rb")
                except FileNotFoundError:
                    if self._done.is_set():
                        if self.error is not None or self._unsupported or not self.path.exists():
                            self.wait()
                            return
                        fh = open(self.path, "rb")  # already complete and renamed
                    else:
                        time.sleep(0.01)
            while True:
                finished = self._done.is_set()  # read before the block: a block read after it is the last
                block = fh.read(_BLOCK)
                if block:
                    block = rest + block
                    cut = block.rfind(b"\n") + 1
                    rest = block[cut:]
                    if cut:
                        yield from block[:cut].splitlines(keepends=True)
                elif finished:
                    break
                else:
                    time.sleep(0.01)
        finally:
            if fh is not None:
                fh.close()
        self.wait()
        if self._unsupported:
            return
        if rest:
            yield rest


__all__ = ["Export"]
