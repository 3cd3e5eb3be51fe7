"""Small, dependency-free SVG charts for the report (inline, no external resources).

Every chart is a ``<figure>`` holding one ``<svg role="img">`` with a ``<title>``,
axis labels and a legend, and a ``<figcaption>``. All text is HTML-escaped here,
so callers pass plain (untrusted) strings. Charts carry ``data-chart`` (their kind)
so tests and print styles can find them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["PALETTE", "Marker", "TornadoRow", "bump_chart", "diverging_bars", "line_chart", "stacked_bars",
           "tornado_chart"]

#: Colour-blind-safe palette (Okabe & Ito 2008), one colour per alternative.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
POS, NEG = "#0072B2", "#D55E00"
FONT = 12


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def num(x: float, digits: int = 3) -> str:
    """A display number with float noise rounded away (``5.55e-17`` -> ``0``)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x) < 0.5 * 10 ** (-digits - 3):
        x = 0.0
    text = f"{x:.{digits}f}" if abs(x) >= 10 ** (-digits) or x == 0 else f"{x:.2g}"
    return "0" if text.strip("-0.") == "" and "e" not in text else text


def _text(x: float, y: float, s: str, anchor: str = "start", size: int = FONT, weight: str = "normal",
          fill: str = "#222", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}"{extra}>{_e(s)}</text>')


def _figure(kind: str, title: str, width: float, height: float, body: list[str], caption: str) -> str:
    svg = (f'<svg role="img" aria-label="{_e(title)}" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" font-family="system-ui, sans-serif">'
           f"<title>{_e(title)}</title>"
           + _text(width / 2, 18, title, "middle", 14, "bold") + "".join(body) + "</svg>")
    return (f'<figure class="chart" data-chart="{_e(kind)}">{svg}'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[str]:
    out = []
    for name, colour in items:
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(x + 16, y + 1, name))
        x += 28 + 7.0 * len(name)
    return out


def _margin(labels: Sequence[str], least: float = 120.0) -> float:
    """Left margin that fits the longest label at 11px (wide characters count double)."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in lab) for lab in labels), default=0)
    return max(least, min(460.0, 16 + 6.2 * longest))


def _ticks(lo: float, hi: float, k: int = 5) -> list[float]:
    if hi <= lo:
        return [lo]
    step = 10 ** math.floor(math.log10((hi - lo) / k))
    for m in (1, 2, 2.5, 5, 10):
        if (hi - lo) / (step * m) <= k:
            step *= m
            break
    first = math.ceil(lo / step - 1e-9) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def _xaxis(x0: float, x1: float, y: float, lo: float, hi: float, label: str, digits: int = 2) -> list[str]:
    out = [f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="#555"/>']
    for t in _ticks(lo, hi):
        x = x0 + (t - lo) / (hi - lo) * (x1 - x0) if hi > lo else x0
        out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" stroke="#555"/>')
        out.append(_text(x, y + 16, num(t, digits), "middle", 11))
    out.append(_text((x0 + x1) / 2, y + 32, label, "middle"))
    return out


def diverging_bars(title: str, labels: Sequence[str], values: Sequence[float], xlabel: str,
                   positive: str, negative: str, caption: str) -> str:
    """Horizontal bars around zero: positive values (favouring ``positive``) right, negative left."""
    left, top, row = _margin(labels), 48.0, 20.0
    right = left + 380
    lim = 1.3 * max([abs(v) for v in values] + [1e-12])  # room for the value labels
    h = top + row * len(labels) + 60
    mid = (left + right) / 2
    body = _legend(left, 36, [(f"favours {positive}", POS), (f"favours {negative}", NEG)])
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        w = abs(v) / lim * (right - mid)
        x = mid if v >= 0 else mid - w
        body.append(f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row - 6:.1f}" '
                    f'fill="{POS if v >= 0 else NEG}"><title>{_e(lab)}: {num(v, 4)}</title></rect>')
        body.append(_text(left - 6, y + row / 2 + 4, lab, "end", 11))
        body.append(_text(mid + (w + 4 if v >= 0 else -w - 4), y + row / 2 + 4, num(v, 4),
                          "start" if v >= 0 else "end", 10, fill="#444"))
    y_axis = top + row * len(labels) + 4
    body.append(f'<line x1="{mid:.1f}" y1="{top:.1f}" x2="{mid:.1f}" y2="{y_axis:.1f}" stroke="#333"/>')
    body += _xaxis(mid - (right - mid), right, y_axis, -lim, lim, xlabel, 3)
    return _figure("contributions", title, right + 80, h, body, caption)


@dataclass(frozen=True)
class TornadoRow:
    """One node of a tornado chart: how far its local weight can move before the verdict flips."""

    label: str
    now: float
    low: float          # the flip below ``now`` (or 0 when none)
    high: float         # the flip above ``now`` (or 1 when none)
    low_flips: bool
    high_flips: bool
    leader_low: str = ""   # who leads beyond the low flip
    leader_high: str = ""


def tornado_chart(title: str, rows: Sequence[TornadoRow], caption: str) -> str:
    """Bars spanning the range of a node's local weight over which the verdict keeps its outcome."""
    left, top, row = _margin([r.label for r in rows]), 48.0, 22.0
    right = left + 360
    h = top + row * len(rows) + 60
    def sx(t: float) -> float:
        return left + t * (right - left)

    body = _legend(left, 36, [("weight range with the same outcome", "#9ecae1"), ("current weight", "#222"),
                              ("flip", NEG)])
    for i, r in enumerate(rows):
        y = top + i * row
        body.append(f'<rect x="{sx(r.low):.1f}" y="{y + 4:.1f}" width="{max(sx(r.high) - sx(r.low), 1):.1f}" '
                    f'height="{row - 8:.1f}" fill="#9ecae1"><title>{_e(r.label)}: {num(r.low)} to '
                    f"{num(r.high)} (now {num(r.now)})</title></rect>")
        body.append(f'<line x1="{sx(r.now):.1f}" y1="{y + 2:.1f}" x2="{sx(r.now):.1f}" y2="{y + row - 2:.1f}" '
                    f'stroke="#222" stroke-width="2"/>')
        for t, flips, who, anchor, dx in ((r.low, r.low_flips, r.leader_low, "start", 3),
                                          (r.high, r.high_flips, r.leader_high, "start", 3)):
            if flips:
                body.append(f'<line x1="{sx(t):.1f}" y1="{y + 1:.1f}" x2="{sx(t):.1f}" y2="{y + row - 1:.1f}" '
                            f'stroke="{NEG}" stroke-width="2"/>')
                body.append(_text(sx(t) + dx, y + row / 2 + 4, f"{num(t)} → {who}", anchor, 10, fill=NEG))
        body.append(_text(left - 6, y + row / 2 + 4, r.label, "end", 11))
    body += _xaxis(left, right, top + row * len(rows) + 4, 0.0, 1.0, "local weight of the node (0 to 1)")
    return _figure("tornado", title, right + 220, h, body, caption)


@dataclass(frozen=True)
class Marker:
    """A vertical mark on a line chart (a tipping point), labelled with the leaders on each side."""

    x: float
    left: str
    right: str


def line_chart(title: str, x: Sequence[float], series: dict[str, Sequence[float]], xlabel: str, ylabel: str,
               markers: Sequence[Marker], now: float | None, caption: str) -> str:
    """Lines of y over x per named series; tipping markers labelled ``left | right``."""
    left, right, top, bottom = 70.0, 600.0, 60.0, 300.0
    ys = [v for s in series.values() for v in s if math.isfinite(v)]
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
    pad = (hi - lo) * 0.08 or 0.05
    lo, hi = lo - pad, hi + pad
    def sx(t: float) -> float:
        return left + (t - x[0]) / ((x[-1] - x[0]) or 1) * (right - left)

    def sy(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    body = _legend(left, 40, [(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(series)])
    for t in _ticks(lo, hi):
        body.append(f'<line x1="{left:.1f}" y1="{sy(t):.1f}" x2="{right:.1f}" y2="{sy(t):.1f}" stroke="#eee"/>')
        body.append(_text(left - 6, sy(t) + 4, num(t, 2), "end", 11))
    body.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" stroke="#555"/>')
    body.append(_text(18, (top + bottom) / 2, ylabel, "middle",
                      extra=f' transform="rotate(-90 18 {(top + bottom) / 2:.1f})"'))
    for i, (name, ys_) in enumerate(series.items()):
        pts = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(x, ys_, strict=True) if math.isfinite(b))
        body.append(f'<polyline points="{pts}" fill="none" stroke="{PALETTE[i % len(PALETTE)]}" '
                    f'stroke-width="2"><title>{_e(name)}</title></polyline>')
    if now is not None:
        body.append(f'<line x1="{sx(now):.1f}" y1="{top:.1f}" x2="{sx(now):.1f}" y2="{bottom:.1f}" '
                    'stroke="#222" stroke-dasharray="2 3"/>')
        body.append(_text(sx(now) + 3, bottom - 4, f"profile {num(now)}", "start", 10, fill="#222"))
    for k, mk in enumerate(markers):
        body.append(f'<line class="tip" x1="{sx(mk.x):.1f}" y1="{top:.1f}" x2="{sx(mk.x):.1f}" y2="{bottom:.1f}" '
                    f'stroke="{NEG}" stroke-width="1.5" data-weight="{mk.x!r}" data-left="{_e(mk.left)}" '
                    f'data-right="{_e(mk.right)}"/>')
        ylab = top + 12 + 12 * (k % 3)
        body.append(_text(sx(mk.x) - 3, ylab, f"{mk.left} ◀", "end", 10, fill=NEG))
        body.append(_text(sx(mk.x) + 3, ylab, f"▶ {mk.right} (at {num(mk.x)})", "start", 10, fill=NEG))
    body += _xaxis(left, right, bottom, x[0], x[-1], xlabel)
    return _figure("sweep", title, right + 40, bottom + 50, body, caption)


def bump_chart(title: str, columns: Sequence[str], ranks: Mapping[str, Sequence[float | None]], caption: str) -> str:
    """Rank of each alternative (rows of ``ranks``) under each method (``columns``), joined by lines."""
    m = max(len(ranks), 1)
    left, top, colw, rowh = 150.0, 56.0, 70.0, 28.0
    width = left + colw * max(len(columns) - 1, 1) + 30 + 7.0 * max([len(k) for k in ranks] + [10])
    bottom = top + rowh * (m - 1)
    def sx(j: float) -> float:
        return left + j * colw

    def sy(r: float) -> float:
        return top + (r - 1) * rowh

    body = []
    for j, c in enumerate(columns):
        body.append(f'<line x1="{sx(j):.1f}" y1="{top - 8:.1f}" x2="{sx(j):.1f}" y2="{bottom + 8:.1f}" '
                    'stroke="#eee"/>')
        body.append(_text(sx(j), bottom + 26, c, "middle", 11))
    for r in range(1, m + 1):
        body.append(_text(left - 40, sy(r) + 4, f"rank {r}", "end", 11, fill="#666"))
    for i, (name, rs) in enumerate(ranks.items()):
        colour = PALETTE[i % len(PALETTE)]
        pts = [(sx(j), sy(r)) for j, r in enumerate(rs) if r is not None]
        body.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" fill="none" '
                    f'stroke="{colour}" stroke-width="3" opacity="0.8"><title>{_e(name)}</title></polyline>')
        body += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="5" fill="{colour}"/>' for a, b in pts]
        if pts:
            body.append(_text(pts[-1][0] + 10, pts[-1][1] + 4, name, "start", 11, fill=colour))
    body.append(_text(left + colw * (len(columns) - 1) / 2, bottom + 44, "method", "middle"))
    body.append(_text(20, (top + bottom) / 2, "rank (1 = best)", "middle",
                      extra=f' transform="rotate(-90 20 {(top + bottom) / 2:.1f})"'))
    return _figure("method-agreement", title, width, bottom + 56, body, caption)


def stacked_bars(title: str, rows: Sequence[str], parts: Sequence[str], values: Sequence[Sequence[float]],
                 xlabel: str, caption: str) -> str:
    """One 100% bar per row split into ``parts`` (e.g. rank acceptability per rank)."""
    left, top, row = _margin(rows), 56.0, 26.0
    right = left + 400
    h = top + row * len(rows) + 60
    body = _legend(left, 40, [(p, PALETTE[k % len(PALETTE)]) for k, p in enumerate(parts)])
    for i, (name, vals) in enumerate(zip(rows, values, strict=True)):
        y, x = top + i * row, left
        for k, v in enumerate(vals):
            w = max(v, 0.0) * (right - left)
            body.append(f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="{w:.1f}" height="{row - 8:.1f}" '
                        f'fill="{PALETTE[k % len(PALETTE)]}"><title>{_e(name)}, {_e(parts[k])}: '
                        f"{num(v)}</title></rect>")
            if w > 34:
                body.append(_text(x + w / 2, y + row / 2 + 4, num(v, 2), "middle", 10, fill="#fff"))
            x += w
        body.append(_text(left - 6, y + row / 2 + 4, name, "end", 11))
    body += _xaxis(left, right, top + row * len(rows) + 4, 0.0, 1.0, xlabel)
    return _figure("acceptability", title, right + 40, h, body, caption)
