"""The executive summary that opens the ministry summary: at most one printed page.

The national picture in a few sentences, the key figures (pooled from the provinces beside the
nationally reported ones), which indicators are on track and which behind, the provinces furthest
behind on the nearest deadline, and a boxed note on what the data holds and what it lacks. Every
number comes from the scoreboard the rest of the document is built from; nothing is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.completeness import completeness
from tracker.fmt import DAGGER, gap_text, md_noun, md_score, md_table, share_text
from tracker.i18n import number, to_go
from tracker.national import NationalFigure
from tracker.score import IndicatorResult

if TYPE_CHECKING:
    from datetime import date

    from tracker.model import Indicator
    from tracker.summary import Summary

# How many provinces the executive summary names as furthest behind.
FURTHEST = 5
# An indicator is "on track" nationally when at least this share of the provinces with a result
# for it have achieved its target or are on track to (UNSD's current-trend status, per province).
ON_TRACK_SHARE = 0.5
_GOOD = ("achieved", "on-track")


@dataclass(frozen=True)
class Standing:
    """One targeted indicator in the national picture."""

    indicator: Indicator
    figure: NationalFigure | None
    good: int  # provinces achieved or on track
    measured: int  # provinces with a result other than no-data
    flagged: bool  # a counted result rests on an illustrative or estimated figure

    @property
    def verdict(self) -> str:
        if self.figure is not None and self.figure.gap == 0 and self.figure.value is not None:
            return "met"
        if not self.measured:
            return "unmeasured"
        return "on_track" if self.good >= ON_TRACK_SHARE * self.measured else "behind"


def standings(s: Summary) -> list[Standing]:
    figures = {f.indicator: f for f in s.sb.national}
    rows = []
    for ind in s.targeted():
        results = [r for r in s.results(ind.id) if r.region in s.dataset.provinces and r.target is not None]
        measured = [r for r in results if r.status not in ("no-data", "no-target")]
        good = [r for r in measured if r.status in _GOOD]
        rows.append(Standing(ind, figures.get(ind.id), len(good), len(measured), any(r.flagged for r in good)))
    return rows


def executive(s: Summary) -> list[str]:
    """The section, heading first."""
    rows = standings(s)
    lines = [f"## {s.t('md.h.executive')}", ""]
    lines += [_picture(s, rows), ""]
    lines += key_figures(s, rows)
    lines += [""]
    lines += verdicts(s, rows)
    behind = furthest_behind(s)
    if behind:
        lines += ["", behind]
    lines += ["", *data_box(s)]
    return lines


def _picture(s: Summary, rows: list[Standing]) -> str:
    """The opening sentences: the national score, and how many indicators are on track."""
    sb = s.sb
    if sb.national_score is None:
        opening = s.t("md.exec.no_score", as_of=s.day(sb.as_of))
    else:
        low = sb.national_low_coverage
        opening = s.t(
            "md.exec.score",
            as_of=s.day(sb.as_of),
            score=md_score(sb.national_score, sb.national_flagged, s.lang, low),
            coverage=share_text(sb.national_coverage, s.lang),
        )
        if low:
            opening += " " + s.t("md.exec.low_coverage")
    counts = {v: sum(r.verdict == v for r in rows) for v in ("met", "on_track", "behind", "unmeasured")}
    return opening + " " + s.t("md.exec.counts", total=len(rows), **counts)


def _pooled(s: Summary, figure: NationalFigure | None) -> str:
    if figure is None or figure.value is None:
        return s.t("no_score")
    text = s.value(figure.indicator, figure.value) + (DAGGER if figure.flagged else "")
    return f"{text} ({figure.reporting}/{figure.expected})"


def key_figures(s: Summary, rows: list[Standing]) -> list[str]:
    """Pooled and nationally reported side by side, with the target and how many provinces are on course."""
    country = s.dataset.country
    table = []
    for row in rows:
        figure = row.figure
        reported = s.t("no_score")
        if figure is not None and figure.reported is not None and country is not None:
            reported = s.point(country.id, row.indicator.id, figure.reported)
        target = s.t("no_score")
        if figure is not None and figure.target is not None:
            target = s.t(
                "md.exec.target", target=s.target(row.indicator.id, figure.target), due=s.day(figure.target.by)
            )
        good = (
            s.t("md.exec.good", good=f"{row.good}{DAGGER if row.flagged else ''}", measured=row.measured)
            if row.measured
            else s.t("no_score")
        )
        table.append([s.indicator(row.indicator.id), _pooled(s, figure), reported, target, good])
    header = [
        s.t("col.indicator"),
        s.t("md.exec.col.pooled"),
        s.t("md.exec.col.reported"),
        s.t("col.target"),
        s.t("md.exec.col.good"),
    ]
    return md_table(header, table, [False, True, True, True, True])


def verdicts(s: Summary, rows: list[Standing]) -> list[str]:
    """One bullet per verdict that has indicators: met, on track, behind, not measured."""
    lines = []
    expected = len(s.dataset.provinces)
    for verdict in ("met", "on_track", "behind", "unmeasured"):
        # A verdict resting on fewer than half of the provinces says so, next to the indicator.
        names = [
            s.indicator(r.indicator.id)
            + (
                " " + s.t("md.exec.few", measured=r.measured, expected=expected)
                if 0 < r.measured < expected / 2
                else ""
            )
            for r in rows
            if r.verdict == verdict
        ]
        if names:
            lines.append(f"- **{s.t('md.exec.verdict.' + verdict)}:** " + "; ".join(names) + ".")
    return lines


def nearest_deadline(s: Summary) -> tuple[Indicator, date, list[IndicatorResult]] | None:
    """The targeted indicator with the nearest deadline on or after the as-of date (else the latest
    one passed) among those some province has a figure for, and its provinces short of the target."""
    options = []
    for ind in s.targeted():
        results = [
            r
            for r in s.results(ind.id)
            if r.region in s.dataset.provinces and r.target is not None and r.latest is not None
        ]
        if not results:
            continue
        due = min(r.target.by for r in results if r.target is not None)
        options.append((due, ind, results))
    if not options:
        return None
    ahead = [o for o in options if o[0] >= s.sb.as_of]
    # Among indicators due on the same day, the one with most provinces short of it.
    due, ind, results = (
        min(ahead, key=lambda o: (o[0], -_short(o[2]))) if ahead else max(options, key=lambda o: (o[0], _short(o[2])))
    )
    short = [r for r in results if r.gap is not None and r.gap > 0]
    short.sort(key=lambda r: (r.attainment is None, r.attainment or 0.0, -(r.gap or 0.0), r.region))
    return ind, due, short


def _short(results: list[IndicatorResult]) -> int:
    return sum(1 for r in results if r.gap is not None and r.gap > 0)


def furthest_behind(s: Summary) -> str:
    found = nearest_deadline(s)
    if found is None:
        return ""
    ind, due, short = found
    target = next(r.target for r in s.results(ind.id) if r.target is not None and r.target.by == due)
    assert target is not None
    head = s.t("md.exec.deadline", indicator=s.indicator(ind.id), target=s.target(ind.id, target), due=s.day(due))
    if not short:
        return head + " " + s.t("md.exec.deadline_none")
    items = []
    for r in short[:FURTHEST]:
        assert r.latest is not None and r.gap is not None
        value = s.value(ind.id, r.latest.value) + (DAGGER if r.latest.flagged else "")
        if r.gap_count:
            gap = to_go("md.count_to_go", s.lang, r.gap_count, md_noun(s.dataset, ind.id, s.lang))
        else:
            gap = gap_text(s.dataset, ind.id, r.gap, None, s.lang)
        items.append(f"{s.name(r.region)} {value} ({gap})")
    return head + " " + s.t("md.exec.furthest", shown=len(items), short=len(short), items="; ".join(items)) + "."


def data_box(s: Summary) -> list[str]:
    """What the data holds and lacks, as a block quote (a box on GitHub, an indented block in Word)."""
    report = completeness(s.dataset, s.sb.as_of)
    reported = s.total - s.flagged
    lines = [
        s.t(
            "md.exec.box.sourced",
            reported=number(reported, s.lang, 0),
            total=number(s.total, s.lang, 0),
            as_of=s.day(s.sb.as_of),
        )
    ]
    if s.flagged:
        lines[0] += " " + s.t("md.exec.box.flagged", flagged=number(s.flagged, s.lang, 0))
    expected = len(s.dataset.provinces)
    few = [r for r in report.indicators if 0 < r.with_figure < expected / 2]
    none = [r for r in report.indicators if r.with_figure == 0]
    many = len(report.indicators) - len(few) - len(none)
    if many:
        lines.append(
            s.t(
                "md.exec.box.many",
                count=many,
                total=len(report.indicators),
                half=(expected + 1) // 2,
                expected=expected,
            )
        )
    if few:
        items = "; ".join(f"{s.indicator(r.indicator)} {r.with_figure}/{r.expected}" for r in few)
        lines.append(s.t("md.exec.box.few", items=items))
    if none:
        lines.append(s.t("md.exec.box.none", items="; ".join(s.indicator(r.indicator) for r in none)))
    empty = [pid for pid in report.cells if report.figures(pid) == 0]
    if empty:
        lines.append(s.t("md.exec.box.empty", count=len(empty), items=", ".join(s.name(pid) for pid in empty)))
    lines.append(s.t("md.exec.box.pooled"))
    lines[0] = f"**{s.t('md.exec.box.title')}** " + lines[0]
    # One quoted paragraph, a line per fact: a backslash ends each line but the last (a hard break).
    return [f"> {line}\\" for line in lines[:-1]] + [f"> {lines[-1]}"]
