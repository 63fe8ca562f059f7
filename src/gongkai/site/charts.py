"""Charts drawn at build time as inline SVG: no script, no network, readable on a phone.

A chart is a ``viewBox`` drawing that scales to the width of its container, with large
text relative to its size, a ``<title>`` and ``<desc>`` for screen readers, and the values
written on the bars (so it needs no tooltip).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from markupsafe import Markup

_W, _H = 320, 180
_PAD_L, _PAD_B, _PAD_T = 8, 28, 22


def fmt_number(v: Decimal | int | float) -> str:
    """A number the way a person writes it: 1,234 or 12.5.

    >>> fmt_number(Decimal("96000"))
    '96,000'
    >>> fmt_number(Decimal("12.50"))
    '12.5'
    """
    d = Decimal(str(v))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def bar_chart(points: list[tuple[str, Decimal | int]], title: str, chart_id: str, title_lang: str = "") -> Markup:
    """A bar chart of (label, value) pairs, e.g. years and counts.

    >>> svg = bar_chart([("2019", 3), ("2020", 5)], "Requests <received>", "c1")
    >>> svg.count("<rect"), "&lt;received&gt;" in svg
    (2, True)
    """
    n = max(len(points), 1)
    top = max((Decimal(str(v)) for _, v in points), default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    slot = (_W - 2 * _PAD_L) / n
    bar_w = max(min(slot * 0.7, 48), 4)
    plot_h = _H - _PAD_B - _PAD_T
    tid, did = f"{chart_id}-t", f"{chart_id}-d"
    lang = f' lang="{escape(title_lang)}"' if title_lang else ""
    desc = "; ".join(f"{label}: {fmt_number(v)}" for label, v in points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="{tid} {did}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{tid}"{lang}>{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>',
        f'<line x1="{_PAD_L}" y1="{_H - _PAD_B}" x2="{_W - _PAD_L}" y2="{_H - _PAD_B}" class="axis"/>',
    ]
    for i, (label, v) in enumerate(points):
        val = Decimal(str(v))
        h = float(val / top) * plot_h if val > 0 else 0.0
        x = _PAD_L + i * slot + (slot - bar_w) / 2
        y = _H - _PAD_B - h
        cx = x + bar_w / 2
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar"/>')
        parts.append(f'<text x="{cx:.1f}" y="{y - 4:.1f}" class="val">{escape(fmt_number(val))}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{_H - _PAD_B + 16}" class="lab">{escape(str(label))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
