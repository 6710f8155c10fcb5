"""The pictures of the ministry summary: what each one shows, its SVG file, and its Markdown with a text equivalent.

Three pictures: a tile map of the provinces coloured by overall score (or by one indicator), the
national progress of each indicator against its target, and the national series of the main
indicators over time with the target line. With a folder for the pictures (`-o summary.md` writes
them to `summary-figures/`) the Markdown links each one with an ordinary image link; without it,
the Markdown says how to get them. Either way each picture is followed by alt text or a table
giving the same figures, for readers who cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING
from urllib.parse import quote

from tracker import figures
from tracker.fmt import DAGGER, capital, md_table, md_text, name_in, target_value
from tracker.i18n import number, period_label
from tracker.model import Indicator
from tracker.national import national
from tracker.score import applicable_target, attainment_of, worst_value
from tracker.series import points_of

if TYPE_CHECKING:
    from tracker.national import NationalFigure
    from tracker.summary import Summary

MAP = "map.svg"
PROGRESS = "progress.svg"
SERIES = "series.svg"
# The main indicators of the time-series picture: at most this many, those with a series first.
SERIES_PANELS = 4


@dataclass
class Pictures:
    """The section's Markdown lines and the SVG documents by file name (empty without a folder)."""

    lines: list[str]
    files: dict[str, str]


def pictures(s: Summary, folder: str | None, map_indicator: str | None = None) -> Pictures:
    lines = [f"## {s.t('md.h.pictures')}", ""]
    if folder is None:
        lines += [s.t("md.pic.how"), ""]
    files: dict[str, str] = {}
    for name, build in ((MAP, tile_map), (PROGRESS, progress), (SERIES, series)):
        made = build(s, map_indicator) if build is tile_map else build(s, None)
        if made is None:
            continue
        svg, title, alt, after = made
        lines += [f"### {md_text(title)}", ""]
        if folder is not None:
            files[name] = svg
            lines += [f"![{md_text(alt)}]({quote(f'{folder}/{name}', safe='/-_.~')})", ""]
        else:
            lines += [f"*{md_text(alt)}*", ""]
        lines += [*after, ""]
    while lines and lines[-1] == "":
        lines.pop()
    return Pictures(lines, files)


# ---------------------------------------------------------------------------------------------
# The tile map
# ---------------------------------------------------------------------------------------------

_BOUNDS = (20, 40, 60, 80)


def _klass(value: float) -> int:
    return sum(value >= b for b in _BOUNDS)


def _tile_label(s: Summary, region_id: str) -> str:
    tilemap = s.dataset.tilemap
    tile = tilemap.tiles.get(region_id) if tilemap else None
    if tile is not None and tile.label is not None:
        return name_in(tile.label, s.lang)
    name = name_in(s.dataset.regions[region_id].name, s.lang)
    return name.removeprefix("Thành phố ")


def map_values(s: Summary, indicator_id: str | None) -> dict[str, tuple[float, str] | None]:
    """Province -> (value on the 0–100 colour scale, text shown in its square), or None for no data.

    The overall score; or an indicator's latest value when it is a percentage, else its attainment."""
    values: dict[str, tuple[float, str] | None] = {}
    for rs in s.sb.regions:
        if rs.region not in s.dataset.provinces:
            continue
        if indicator_id is None:
            marks = (DAGGER if rs.flagged else "") + ("*" if rs.low_coverage else "")
            values[rs.region] = None if rs.score is None else (rs.score, number(rs.score, s.lang) + marks)
            continue
        result = next((r for r in rs.indicators if r.indicator == indicator_id), None)
        if result is None or result.latest is None:
            values[rs.region] = None
            continue
        mark = DAGGER if result.latest.flagged else ""
        if s.dataset.indicators[indicator_id].unit == "percent":
            values[rs.region] = (result.latest.value, f"{_short_number(result.latest.value, s.lang)}%{mark}")
        elif result.attainment is not None:
            values[rs.region] = (result.attainment, _short_number(result.attainment, s.lang) + mark)
        else:
            values[rs.region] = None
    return values


def _short_number(value: float, lang: str) -> str:
    """100 for a whole number, else one decimal: 99.6 must never read as 100."""
    return number(value, lang, 0 if round(value, 1) == int(value) else 1)


def tile_map(s: Summary, indicator_id: str | None) -> tuple[str, str, str, list[str]] | None:
    tilemap = s.dataset.tilemap
    if tilemap is None:
        return None
    values = map_values(s, indicator_id)
    if indicator_id is None:
        what = s.t("md.pic.map.score")
        unit = ""
    else:
        what = name_in(s.dataset.indicators[indicator_id].name, s.lang)
        percent = s.dataset.indicators[indicator_id].unit == "percent"
        unit = "%" if percent else ""
        if not percent:
            what = s.t("md.pic.map.attainment", indicator=what)
    title = s.t("md.pic.map.title", what=capital(what), as_of=s.day(s.sb.as_of))
    bounds = (0, *_BOUNDS, 100)
    classes = [f"{number(lo, s.lang, 0)}–{number(hi, s.lang, 0)}{unit}" for lo, hi in pairwise(bounds)]
    tiles = []
    for region_id, tile in tilemap.tiles.items():
        if region_id not in values:
            continue
        found = values[region_id]
        tiles.append(
            figures.MapTile(
                tile.row,
                tile.col,
                _tile_label(s, region_id),
                found[1] if found else "–",
                _klass(found[0]) if found else None,
            )
        )
    notes = [s.t("md.pic.map.marks")] if any(v and (DAGGER in v[1] or "*" in v[1]) for v in values.values()) else []
    notes.append(s.t("md.pic.map.layout"))
    svg = figures.tile_map(title, tiles, classes, s.t("md.pic.no_data"), notes)
    counts = [sum(1 for v in values.values() if v is not None and _klass(v[0]) == k) for k in range(len(classes))]
    missing = [rid for rid, v in values.items() if v is None]
    alt = s.t(
        "md.pic.map.alt",
        what=what,
        shown=len(tiles),
        counts="; ".join(f"{c}: {n}" for c, n in zip(classes, counts, strict=False)),
        no_data=len(missing),
    )
    after = [s.t("md.pic.map.table_score") if indicator_id is None else s.t("md.pic.map.table_indicator")]
    off_map = [rid for rid in values if rid not in tilemap.tiles]
    if off_map:
        after.append(s.t("md.pic.map.off", items=", ".join(s.name(rid) for rid in off_map)))
    after.append(s.t("md.pic.map.source", source=md_text(tilemap.source)))
    return svg, title, alt, [" ".join(after)]


# ---------------------------------------------------------------------------------------------
# National progress against the targets
# ---------------------------------------------------------------------------------------------


def _scale(ind: Indicator, value: float | None, target: float) -> float | None:
    """A value on the 0–100 bar: itself for a percentage, else its attainment towards the target."""
    if value is None:
        return None
    if ind.unit == "percent":
        return value
    return attainment_of(value, target, worst_value(ind), ind.direction)


def progress(s: Summary, _: str | None) -> tuple[str, str, str, list[str]] | None:
    figures_by_id = {f.indicator: f for f in s.sb.national}
    bars = []
    rows = []
    for ind in s.targeted():
        figure = figures_by_id.get(ind.id)
        if figure is None or figure.target is None:
            continue
        target = figure.target
        reported = figure.reported.value if figure.reported is not None else None
        goal = target_value(s.dataset, ind.id, target.value, s.lang)
        caption = [
            s.t(
                "md.pic.progress.pooled",
                value=_plain_value(s, ind, figure.value, figure.flagged),
                reporting=figure.reporting,
                expected=figure.expected,
            )
        ]
        if reported is not None and figure.reported is not None:
            caption.append(
                s.t("md.pic.progress.reported", value=_plain_value(s, ind, reported, figure.reported.flagged))
            )
        caption.append(s.t("md.pic.progress.target", target=goal, due=s.day(target.by)))
        bars.append(
            figures.ProgressBar(
                name_in(ind.name, s.lang),
                _scale(ind, figure.value, target.value),
                100.0 if ind.unit != "percent" else target.value,
                " · ".join(caption),
                _scale(ind, reported, target.value),
            )
        )
        rows.append(ind)
    if not bars:
        return None
    title = s.t("md.pic.progress.title", as_of=s.day(s.sb.as_of))
    legend = [
        ("bar", s.t("md.pic.progress.legend_pooled")),
        ("marker", s.t("md.pic.progress.legend_reported")),
        ("target", s.t("md.pic.progress.legend_target")),
    ]
    svg = figures.progress_bars(title, bars, legend)
    alt = s.t("md.pic.progress.alt", count=len(bars))
    return svg, title, alt, [s.t("md.pic.progress.table")]


def _plain_value(s: Summary, ind: Indicator, value: float | None, flagged: bool) -> str:
    """A value for a picture (plain text, no Markdown)."""
    if value is None:
        return s.t("md.pic.no_data")
    return s.value(ind.id, value).replace("\\", "") + (DAGGER if flagged else "")


# ---------------------------------------------------------------------------------------------
# The national series over time
# ---------------------------------------------------------------------------------------------


def _year(day: date) -> float:
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


@dataclass(frozen=True)
class _Row:
    indicator: Indicator
    when: date
    pooled: NationalFigure | None
    reported: tuple[str, float, bool] | None  # period, value, flagged


def series(s: Summary, _: str | None) -> tuple[str, str, str, list[str]] | None:
    country = s.dataset.country
    as_of = s.sb.as_of
    first_year = _first_year(s)
    if first_year is None:
        return None
    # Year ends up to the as-of date, then the as-of date itself: the pooled figure at each.
    days = [date(y, 12, 31) for y in range(first_year, as_of.year) if date(y, 12, 31) < as_of] + [as_of]
    pooled_at = {day: {f.indicator: f for f in national(s.dataset, s.framework, day)} for day in days}
    candidates = []
    for position, ind in enumerate(s.targeted()):
        pooled_points = [(day, pooled_at[day][ind.id]) for day in days if pooled_at[day][ind.id].value is not None]
        reported_points = [p for p in points_of(country, ind) if p.end <= as_of] if country is not None else []
        count = len(pooled_points) + len(reported_points)
        if count >= 2:
            candidates.append((position, ind, pooled_points, reported_points))
    if not candidates:
        return None
    # The first targeted indicator (hospital EMR in the bundled data) leads; then those with the longest series.
    chosen = [candidates[0], *sorted(candidates[1:], key=lambda c: (-(len(c[2]) + len(c[3])), c[0]))][:SERIES_PANELS]
    chosen.sort(key=lambda c: c[0])
    # The axis starts with the first year any chosen series has a point in.
    x_from = min([d.year for c in chosen for d, _f in c[2]] + [p.end.year for c in chosen for p in c[3]])
    panels = []
    entries: list[tuple[int, date, int, list[str]]] = []  # indicator, day, pooled before reported, row
    target_text = ""
    for order, (_position, ind, pooled_points, reported_points) in enumerate(chosen):
        target = applicable_target(s.dataset, country, ind.id, s.framework, as_of)
        percent = ind.unit == "percent"
        y_max = 100.0
        if not percent:
            y_max = _nice_max(
                [f.value or 0 for _, f in pooled_points]
                + [p.value for p in reported_points]
                + ([target.value] if target else [])
            )
        line_pooled = figures.Series(
            s.t("md.pic.series.pooled"), tuple((_year(d), f.value or 0) for d, f in pooled_points)
        )
        line_reported = figures.Series(
            s.t("md.pic.series.reported"),
            tuple((_year(p.end), p.value) for p in reported_points),
            colour=figures.ORANGE,
            dashed=True,
        )
        panel_target = None
        subtitle = ""
        if target is not None:
            panel_target = (_year(target.by), target.value)
            target_text = s.t("md.pic.series.target")
            subtitle = s.t(
                "md.pic.series.panel_target",
                target=target_value(s.dataset, ind.id, target.value, s.lang),
                due=s.day(target.by),
            )
        panels.append(
            figures.Panel(
                name_in(ind.name, s.lang),
                subtitle,
                (line_pooled, line_reported),
                panel_target,
                target_text,
                y_max,
                "%" if percent else "",
                () if percent else _labels(y_max, s.lang),
            )
        )
        for day, figure in pooled_points:
            entries.append(
                (
                    order,
                    day,
                    0,
                    [
                        s.indicator(ind.id),
                        s.day(day),
                        _cell(s, ind, figure.value, figure.flagged),
                        f"{figure.reporting}/{figure.expected}",
                        " ",
                    ],
                )
            )
        for p in reported_points:
            entries.append(
                (
                    order,
                    p.end,
                    1,
                    [
                        s.indicator(ind.id),
                        md_text(period_label(p.period, s.lang)),
                        " ",
                        " ",
                        _cell(s, ind, p.value, p.flagged),
                    ],
                )
            )
    entries.sort(key=lambda e: e[:3])
    title = s.t("md.pic.series.title", as_of=s.day(as_of))
    svg = figures.time_series(title, panels, x_from, as_of.year)
    alt = s.t("md.pic.series.alt", items="; ".join(name_in(c[1].name, s.lang) for c in chosen))
    header = [
        s.t("col.indicator"),
        s.t("md.pic.series.col.when"),
        s.t("md.pic.series.pooled"),
        s.t("md.pic.series.col.reporting"),
        s.t("md.pic.series.reported"),
    ]
    return svg, title, alt, md_table(header, [e[3] for e in entries], [False, True, True, True, True])


def _cell(s: Summary, ind: Indicator, value: float | None, flagged: bool) -> str:
    return s.value(ind.id, value) + (DAGGER if flagged and value is not None else "")


def _first_year(s: Summary) -> int | None:
    ends = [
        o.end
        for r in s.dataset.regions.values()
        for _, series in r.all_series()
        for obs in series.values()
        for o in obs
        if o.end <= s.sb.as_of
    ]
    return min(ends).year if ends else None


def _nice_max(values: list[float]) -> float:
    top = max([*values, 1.0])
    step = 10 ** (len(str(int(top))) - 1)
    return float(((int(top) // step) + 1) * step)


def _labels(y_max: float, lang: str) -> tuple[str, ...]:
    return tuple(number(y_max * i / 4, lang, 0) for i in range(5))
