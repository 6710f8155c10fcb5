"""Pictures for the summary as small, deterministic SVG documents: a tile map, progress bars, time series.

Why a writer of our own rather than a plotting library: the three pictures are a few dozen
rectangles, lines and labels each, which take a page of code; matplotlib (with numpy and its other
dependencies) would add tens of megabytes to install and time to every start, and its SVG needs a
fixed hash salt and its date metadata removed before the same data gives the same bytes. Here every
number is written with a fixed number of decimals and nothing depends on the clock, the machine or
the installed fonts, so the same data always gives the same bytes. Text stays text (`<text>`,
UTF-8, so Vietnamese diacritics are searchable and selectable), there is no script and nothing is
fetched.

The module knows nothing about provinces or indicators: callers pass labels already written in
the reader's language and values on the scale of the picture. Colours come from palettes that
readers with the common colour-vision deficiencies can tell apart (viridis steps for ordered
classes, Okabe–Ito for categories), and every colour is paired with a text label or a legend entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

FONT = "DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif"
# Viridis at five evenly spaced steps, darkest (lowest) first; text on the first two is white.
VIRIDIS5 = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
_DARK = frozenset({"#440154", "#3b528b", "#21918c"})
NO_DATA = "#e6e6e6"
# Okabe–Ito: blue, orange, bluish green, vermillion, black.
BLUE, ORANGE, GREEN, VERMILLION, BLACK = "#0072b2", "#e69f00", "#009e73", "#d55e00", "#000000"
GREY = "#767676"  # the lightest grey that keeps a 4.5:1 contrast on white for small text


def _n(value: float) -> str:
    """A coordinate with at most one decimal, never `-0` or an exponent: the same number, the same text."""
    text = f"{round(value, 1):.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` in a sans-serif font (no font metrics are read)."""
    return len(text) * size * 0.58


def wrap(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """Words on at most `lines` lines of about `width`; the last line ends with … when text is left over."""
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        last = out[-1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1].rstrip()
        out[-1] = last + "…"
    return out


class Svg:
    """An SVG document built element by element; `text()` gives the finished document."""

    def __init__(self, width: float, height: float, title: str, description: str = "") -> None:
        self.width, self.height = width, height
        self._body: list[str] = []
        self._head = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            (
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
                f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" font-family="{_escape(FONT)}">'
            ),
            f"<title>{_escape(title)}</title>",
        ]
        if description:
            self._head.append(f"<desc>{_escape(description)}</desc>")
        self._head.append(f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str | None = None, **extra: str) -> None:
        attrs = f' stroke="{stroke}"' if stroke else ""
        attrs += "".join(f' {k.replace("_", "-")}="{_escape(v)}"' for k, v in extra.items())
        self._body.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(max(h, 0))}" fill="{fill}"{attrs}/>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str | None = None
    ) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self._body.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
            f' stroke="{stroke}" stroke-width="{_n(width)}"{extra}/>'
        )

    def polyline(
        self, points: Sequence[tuple[float, float]], stroke: str, width: float = 2, dash: str | None = None
    ) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self._body.append(
            f'<polyline points="{coords}" fill="none" stroke="{stroke}" stroke-width="{_n(width)}"{extra}/>'
        )

    def circle(self, x: float, y: float, r: float, fill: str, stroke: str | None = None) -> None:
        extra = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
        self._body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}"{extra}/>')

    def diamond(self, x: float, y: float, r: float, fill: str) -> None:
        coords = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        self._body.append(f'<polygon points="{coords}" fill="{fill}" stroke="#ffffff" stroke-width="1"/>')

    def text(
        self,
        x: float,
        y: float,
        content: str,
        size: float = 12,
        anchor: str = "start",
        fill: str = BLACK,
        weight: str = "normal",
    ) -> None:
        attrs = f' font-size="{_n(size)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if fill != BLACK:
            attrs += f' fill="{fill}"'
        if weight != "normal":
            attrs += f' font-weight="{weight}"'
        self._body.append(f'<text x="{_n(x)}" y="{_n(y)}"{attrs}>{_escape(content)}</text>')

    def document(self) -> str:
        return "\n".join([*self._head, *self._body, "</svg>"]) + "\n"


# ---------------------------------------------------------------------------------------------
# The tile map
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapTile:
    """One province's square: where it sits, its name, the value shown in it, and its class (None: no data)."""

    row: int
    col: int
    label: str
    value: str
    klass: int | None


def tile_map(
    title: str,
    tiles: Sequence[MapTile],
    classes: Sequence[str],
    no_data: str,
    notes: Sequence[str] = (),
    size: float = 62,
) -> str:
    """Squares on a grid, coloured by class (viridis, lowest first), with a legend and a distinct "no data".

    `classes` are the legend texts of the colour classes (at most five); `notes` are lines under the legend.
    """
    if len(classes) > len(VIRIDIS5):
        raise ValueError("at most five colour classes")
    colours = (
        VIRIDIS5
        if len(classes) == len(VIRIDIS5)
        else VIRIDIS5[:: max(1, len(VIRIDIS5) // max(len(classes), 1))][: len(classes)]
    )
    gap, margin, top = 4.0, 16.0, 44.0
    rows = max((t.row for t in tiles), default=0) + 1
    cols = max((t.col for t in tiles), default=0) + 1
    legend_x = margin + cols * (size + gap) + 24
    legend_w = max([text_width(c, 12) for c in (*classes, no_data)] + [text_width(n, 11) for n in notes] + [160.0]) + 30
    width = legend_x + legend_w + margin
    height = max(top + rows * (size + gap) + margin, top + 24 * (len(classes) + 2) + 16 * len(notes) + margin)
    svg = Svg(width, height, title)
    svg.text(margin, 26, title, size=16, weight="bold")
    for tile in sorted(tiles, key=lambda t: (t.row, t.col)):
        x, y = margin + tile.col * (size + gap), top + tile.row * (size + gap)
        if tile.klass is None:
            svg.rect(x, y, size, size, NO_DATA, stroke=GREY, stroke_dasharray="3 2")
            ink = BLACK
        else:
            fill = colours[tile.klass]
            svg.rect(x, y, size, size, fill)
            ink = "#ffffff" if fill in _DARK else BLACK
        label = wrap(tile.label, size - 6, 9.5)
        for i, line in enumerate(label):
            svg.text(x + size / 2, y + 14 + i * 11, line, size=9.5, anchor="middle", fill=ink)
        svg.text(x + size / 2, y + size - 8, tile.value, size=11, anchor="middle", fill=ink, weight="bold")
    y = top + 8
    for i, text in enumerate(classes):
        svg.rect(legend_x, y - 12, 16, 16, colours[i])
        svg.text(legend_x + 24, y + 1, text, size=12)
        y += 24
    svg.rect(legend_x, y - 12, 16, 16, NO_DATA, stroke=GREY, stroke_dasharray="3 2")
    svg.text(legend_x + 24, y + 1, no_data, size=12)
    y += 30
    for note in notes:
        svg.text(legend_x, y, note, size=11, fill=GREY)
        y += 16
    return svg.document()


# ---------------------------------------------------------------------------------------------
# Progress bars
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressBar:
    """One indicator: its value and target on a 0–100 scale, an optional second marker (a reported figure)."""

    label: str
    value: float | None
    target: float | None
    caption: str
    marker: float | None = None


def progress_bars(
    title: str, bars: Sequence[ProgressBar], legend: Sequence[tuple[str, str]], width: float = 720
) -> str:
    """A bar per indicator on a 0–100 scale, the target as a black tick; `legend` is (kind, text) with
    kind `bar`, `target` or `marker`."""
    margin, top, row_h, bar_h = 16.0, 70.0, 58.0, 14.0
    plot_w = width - 2 * margin
    height = top + row_h * len(bars) + 30
    svg = Svg(width, height, title)
    svg.text(margin, 26, title, size=16, weight="bold")
    x = margin
    for kind, text in legend:
        if kind == "bar":
            svg.rect(x, 40, 16, 10, BLUE)
        elif kind == "target":
            svg.line(x + 8, 37, x + 8, 53, BLACK, 2.5)
        else:
            svg.diamond(x + 8, 45, 6, ORANGE)
        svg.text(x + 22, 49, text, size=11)
        x += 22 + text_width(text, 11) + 18
    for i, bar in enumerate(bars):
        y = top + i * row_h
        svg.text(margin, y + 12, wrap(bar.label, plot_w, 12, 1)[0], size=12, weight="bold")
        track_y = y + 18
        svg.rect(margin, track_y, plot_w, bar_h, "#f0f0f0")
        if bar.value is not None:
            svg.rect(margin, track_y, plot_w * min(max(bar.value, 0), 100) / 100, bar_h, BLUE)
        if bar.marker is not None:
            svg.diamond(margin + plot_w * min(max(bar.marker, 0), 100) / 100, track_y + bar_h / 2, 7, ORANGE)
        if bar.target is not None:
            tx = margin + plot_w * min(max(bar.target, 0), 100) / 100
            svg.line(tx, track_y - 4, tx, track_y + bar_h + 4, BLACK, 2.5)
        svg.text(margin, track_y + bar_h + 14, bar.caption, size=11, fill="#333333")
    axis_y = top + row_h * len(bars) + 6
    for tick in (0, 25, 50, 75, 100):
        tx = margin + plot_w * tick / 100
        svg.text(
            tx,
            axis_y + 10,
            f"{tick}%",
            size=10,
            anchor="start" if tick == 0 else "end" if tick == 100 else "middle",
            fill=GREY,
        )
    return svg.document()


# ---------------------------------------------------------------------------------------------
# Time series
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A line through points (x in fractional years, y on the panel's scale); `dashed` for a second series."""

    name: str
    points: tuple[tuple[float, float], ...]
    colour: str = BLUE
    dashed: bool = False


@dataclass(frozen=True)
class Panel:
    """One indicator's series over time, with its target (x of the deadline, value) if it has one."""

    title: str
    subtitle: str
    series: tuple[Series, ...]
    target: tuple[float, float] | None = None
    target_text: str = ""
    y_max: float = 100.0
    y_suffix: str = "%"
    y_labels: tuple[str, ...] = field(default=())


def time_series(
    title: str, panels: Sequence[Panel], x_from: int, x_to: int, columns: int = 2, width: float = 760
) -> str:
    """Small multiples: one panel per indicator, years on the x axis from `x_from` to `x_to` (inclusive)."""
    margin, top = 16.0, 44.0
    columns = max(1, min(columns, len(panels)))
    panel_w = (width - 2 * margin - (columns - 1) * 24) / columns
    panel_h = 236.0
    rows = (len(panels) + columns - 1) // columns
    legend: list[Series] = []
    for panel in panels:
        for s in panel.series:
            if all(s.name != seen.name for seen in legend):
                legend.append(s)
    height = top + 24 + rows * (panel_h + 20) + margin
    svg = Svg(width, height, title)
    svg.text(margin, 26, title, size=16, weight="bold")
    x = margin
    for s in legend:
        svg.line(x, 50, x + 24, 50, s.colour, 2.5, "6 4" if s.dashed else None)
        svg.circle(x + 12, 50, 3.5, s.colour)
        svg.text(x + 30, 54, s.name, size=11)
        x += 30 + text_width(s.name, 11) + 18
    svg.line(x, 50, x + 24, 50, VERMILLION, 1.5, "2 3")
    target_legend = next((p.target_text for p in panels if p.target_text), "")
    if target_legend:
        svg.text(x + 30, 54, target_legend, size=11)
    span = max(x_to - x_from + 1, 1)
    for index, panel in enumerate(panels):
        px = margin + (index % columns) * (panel_w + 24)
        py = top + 24 + (index // columns) * (panel_h + 20)
        left, right = px + 34, px + panel_w - 8
        upper, lower = py + 66, py + panel_h - 22
        for i, line in enumerate(wrap(panel.title, panel_w, 12, 2)):
            svg.text(px, py + 16 + i * 15, line, size=12, weight="bold")
        svg.text(px, py + 48, panel.subtitle, size=10.5, fill=GREY)

        def at(
            xv: float,
            yv: float,
            left: float = left,
            right: float = right,
            upper: float = upper,
            lower: float = lower,
            y_max: float = panel.y_max,
        ) -> tuple[float, float]:
            return left + (right - left) * (xv - x_from) / span, lower - (lower - upper) * min(
                max(yv, 0), y_max
            ) / y_max

        for step in range(5):
            value = panel.y_max * step / 4
            _, gy = at(x_from, value)
            svg.line(left, gy, right, gy, "#dddddd", 1)
            label = panel.y_labels[step] if panel.y_labels else f"{value:g}{panel.y_suffix}"
            svg.text(left - 4, gy + 3.5, label, size=9, anchor="end", fill=GREY)
        for year in range(x_from, x_to + 2):
            gx, _ = at(year, 0)
            svg.line(gx, lower, gx, lower + 4, GREY, 1)
            if year <= x_to:
                label_x, _ = at(year + 0.5, 0)
                svg.text(label_x, lower + 15, str(year), size=9, anchor="middle", fill=GREY)
        if panel.target is not None:
            tx, ty = at(*panel.target)
            svg.line(left, ty, min(tx, right), ty, VERMILLION, 1.5, "2 3")
            svg.line(tx, ty - 6, tx, ty + 6, VERMILLION, 1.5)
        for s in panel.series:
            coords = [at(xv, yv) for xv, yv in s.points]
            if len(coords) > 1:
                svg.polyline(coords, s.colour, 2.5, "6 4" if s.dashed else None)
            for cx, cy in coords:
                svg.circle(cx, cy, 3.5, s.colour)
        if not any(s.points for s in panel.series):
            svg.text((left + right) / 2, (upper + lower) / 2, "–", size=14, anchor="middle", fill=GREY)
    return svg.document()
