"""The as-of date: its default, the figure that sets it, warnings, and years between dates.

The default is the latest figure in the data, so output does not move with the clock; years are
counted as the methodology counts them (days / 365.25, calendar years back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.model import Dataset, period_end

DAYS_PER_YEAR = 365.25


def years_between(start: date, end: date) -> float:
    """Years from `start` to `end` as days / 365.25 (negative when `end` is earlier)."""
    return (end - start).days / DAYS_PER_YEAR


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; Feb 29 becomes Feb 28 in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def default_as_of(dataset: Dataset) -> date:
    """The latest observation date in the whole dataset, so output does not move with the clock.

    A dataset without a single observation has nothing that depends on the date but the choice of
    milestone, so today's date is used there rather than failing.
    """
    latest = latest_figure(dataset)
    return latest.end if latest is not None else date.today()


@dataclass(frozen=True)
class LatestFigure:
    """The observation whose end sets the default as-of date (the first met, in file order)."""

    region: str
    indicator: str
    period: str
    end: date
    former: str | None = None  # a former province's own figure, kept in `region`'s file


def latest_figure(dataset: Dataset) -> LatestFigure | None:
    """The latest observation in the whole dataset, or None without any: outputs name it, so that
    a typo such as `2030` for `2026`, which would move every report's date, shows where it is."""
    best: LatestFigure | None = None
    for region in dataset.regions.values():
        for former, series in region.all_series():
            for indicator, observations in series.items():
                for obs in observations:
                    end = period_end(obs.period)
                    if best is None or end > best.end:
                        best = LatestFigure(region.id, indicator, str(obs.period), end, former)
    return best


# An --as-of this long after the latest figure leaves national pooling (max_age) nothing to pool.
FAR_AFTER_YEARS = 2


def as_of_remark(dataset: Dataset, day: date) -> str | None:
    """A warning when an as-of date is far from the data: before its first figure, or more than
    FAR_AFTER_YEARS after its latest. None when it is not."""
    latest = latest_figure(dataset)
    if latest is None:
        return None
    first = min(
        period_end(o.period)
        for r in dataset.regions.values()
        for _, series in r.all_series()
        for obs in series.values()
        for o in obs
    )
    if day < first:
        return (
            f"--as-of {day.isoformat()} is before the first figure in the data ({first.isoformat()}): nothing is scored"
        )
    if day > years_before(latest.end, -FAR_AFTER_YEARS):
        years = years_between(latest.end, day)
        return (
            f"--as-of {day.isoformat()} is {years:.1f} years after the latest figure in the data "
            f"({latest.indicator} {latest.period} of {latest.region}): every figure is that old or older"
        )
    return None


def as_of_date(dataset: Dataset, period: str | None) -> date:
    """`--as-of PERIOD` taken at its end, else the default. Raises ValueError for a bad period."""
    return period_end(period) if period else default_as_of(dataset)
