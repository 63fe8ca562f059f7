"""Build progress for people: a live bar on a terminal, plain periodic lines in logs, or nothing.

The pipeline calls ``started(n)`` once and ``file(outcome)`` per file; this module only prints.
The rate is measured over the last ``WINDOW`` seconds, so a burst of unchanged files at the
start does not make the ETA of the slow part look short.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from typing import TextIO

from ..pipeline import FileOutcome

WINDOW = 20.0  # seconds of history for the rate
PLAIN_EVERY = 10.0  # seconds between lines when stderr is not a terminal
BAR_EVERY = 0.1  # seconds between redraws on a terminal


class Progress:
    """Counts, rate and ETA of a build, written to ``stream`` (stderr by default)."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = 0
        self.done = 0
        self.counts: dict[str, int] = {}
        self.t0 = time.monotonic()
        self.last_print = self.t0
        self.history: deque[tuple[float, int]] = deque()
        self.drawn = False

    # -- pipeline callbacks -----------------------------------------------------------------
    def started(self, total: int) -> None:
        self.total = total
        self.t0 = self.last_print = time.monotonic()
        self.history.append((self.t0, 0))

    def file(self, outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            self._clear()
            print(outcome.reason, file=self.stream, flush=True)  # errors are printed even with --quiet
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.status == "removed":
            return
        self.done += 1
        now = time.monotonic()
        self.history.append((now, self.done))
        while len(self.history) > 2 and now - self.history[0][0] > WINDOW:
            self.history.popleft()
        if self.quiet:
            return
        if self.tty and (now - self.last_print >= BAR_EVERY or self.done == self.total):
            self._draw(now)
        elif not self.tty and now - self.last_print >= PLAIN_EVERY:
            print(f"progress: {self.line(now)}", file=self.stream, flush=True)
            self.last_print = now

    def finish(self) -> None:
        """Take the bar off the terminal before the summary is printed."""
        self._clear()

    # -- rendering --------------------------------------------------------------------------
    def rate(self, now: float) -> float:
        """Files per second over the recent window."""
        (t_first, n_first), (t_last, n_last) = self.history[0], (now, self.done)
        return (n_last - n_first) / (t_last - t_first) if t_last > t_first else 0.0

    def line(self, now: float) -> str:
        rate = self.rate(now)
        left = self.total - self.done
        eta = _clock(left / rate) if rate > 0 and left > 0 else "--:--" if left > 0 else "0:00"
        pct = 100 * self.done / self.total if self.total else 100.0
        counts = ", ".join(f"{self.counts[s]} {s}" for s in ("loaded", "replaced", "unchanged", "failed") if s in self.counts)
        return f"{self.done}/{self.total} files ({pct:.0f}%), {rate:.0f} files/s, ETA {eta}" + (f" - {counts}" if counts else "")

    def _draw(self, now: float) -> None:
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {self.line(now)}")
        self.stream.flush()
        self.last_print = now
        self.drawn = True

    def _clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def _clock(seconds: float) -> str:
    """A duration as h:mm:ss or m:ss.

    >>> _clock(75), _clock(3725)
    ('1:15', '1:02:05')
    """
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
