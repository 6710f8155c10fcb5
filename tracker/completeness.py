"""Reporting completeness, as DHIS2 reports rates: which province has a figure for which indicator, and how recent.

For each province and indicator: the latest figure up to the as-of date (its own, or one pooled
from its former provinces), or a gap. Per indicator: how many provinces have a figure at all, and
how many have one from the last twelve months. The country's own latest figure is given beside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.asof import years_before
from tracker.model import Dataset
from tracker.series import Point, points_of


@dataclass(frozen=True)
class Cell:
    """The latest figure of one province for one indicator."""

    period: str
    end: date
    quality: str
    derived: bool
    fresh: bool  # ends within the twelve months up to the as-of date


@dataclass(frozen=True)
class IndicatorCompleteness:
    indicator: str
    with_figure: int
    fresh: int
    expected: int
    national: Cell | None  # the country's own latest figure


@dataclass(frozen=True)
class Completeness:
    as_of: date
    fresh_since: date  # a figure ending after this day is "from the last 12 months"
    indicators: list[IndicatorCompleteness]
    # province id -> indicator id -> the latest figure, or None for a gap
    cells: dict[str, dict[str, Cell | None]]

    def figures(self, province: str) -> int:
        return sum(cell is not None for cell in self.cells[province].values())


def _cell(point: Point | None, fresh_since: date) -> Cell | None:
    if point is None:
        return None
    return Cell(point.period, point.end, point.quality, point.derived, point.end > fresh_since)


def completeness(dataset: Dataset, as_of: date) -> Completeness:
    """Who reports what, up to `as_of`; provinces in dataset order, indicators in dataset order."""
    fresh_since = years_before(as_of, 1)
    cells: dict[str, dict[str, Cell | None]] = {}
    for pid, province in dataset.provinces.items():
        row: dict[str, Cell | None] = {}
        for iid, indicator in dataset.indicators.items():
            known = [p for p in points_of(province, indicator) if p.end <= as_of]
            row[iid] = _cell(known[-1] if known else None, fresh_since)
        cells[pid] = row
    country = dataset.country
    summary = []
    for iid, indicator in dataset.indicators.items():
        column = [row[iid] for row in cells.values()]
        own = [p for p in points_of(country, indicator) if p.end <= as_of]
        summary.append(
            IndicatorCompleteness(
                indicator=iid,
                with_figure=sum(c is not None for c in column),
                fresh=sum(c is not None and c.fresh for c in column),
                expected=len(cells),
                national=_cell(own[-1] if own else None, fresh_since),
            )
        )
    return Completeness(as_of, fresh_since, summary, cells)
