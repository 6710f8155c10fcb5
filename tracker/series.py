"""A region's figures for one indicator as scoring uses them: its own, and those pooled from its former provinces.

The 34 provinces in force since 1 July 2025 were formed from 63 former ones, and most figures ever
published are for a former province. A merged province's figure for a period is derived from its
former provinces' figures for that period when, and only when, every one of them has a usable
figure: pooled with the indicator's aggregation (Σ numerators / Σ denominators for a ratio, Σ for a
sum, a plain mean, or weighted by each former province's population). A derived figure lists its
parts and is as trustworthy as the least trustworthy of them. A figure the province records itself
for the same day takes precedence. An incomplete set is kept apart as `Partial` and never used.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import NamedTuple

from tracker.model import Former, Indicator, Observation, Region, period_end

# Worst first: a figure is as trustworthy as the least trustworthy observation behind it.
_QUALITY_BADNESS = {"reported": 0, "estimated": 1, "illustrative": 2}


class Point(NamedTuple):
    """One figure as used in scoring; `value` is in the indicator's unit (a ratio as 0-100).

    `parts` is empty for an observation of the region itself; for a figure derived from the former
    provinces it holds each one's figure, in the order the province file lists them.

    A named tuple: a scoreboard of a large data root makes one for each of hundreds of thousands
    of observations, and a tuple is made in a third of the time a frozen dataclass takes."""

    period: str
    end: date
    value: float
    numerator: int | None
    denominator: int | None
    quality: str
    source: str
    note: str | None
    quote: str | None = None
    parts: tuple[Part, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.quality != "reported"

    @property
    def derived(self) -> bool:
        return bool(self.parts)


@dataclass(frozen=True, slots=True)
class Part:
    """One former province's figure inside a derived one."""

    former: str
    point: Point


@dataclass(frozen=True)
class Partial:
    """A period for which only some former provinces have a usable figure: shown, never used."""

    period: str
    end: date
    have: tuple[str, ...]
    missing: tuple[str, ...]


class Pooled(NamedTuple):
    """A figure pooled from several points, and the points that went into it."""

    value: float | None
    numerator: int | None
    denominator: int | None
    used: list[Point]


def pooled(aggregate: str, points: Sequence[tuple[Point, int | None]]) -> Pooled:
    """Pool points (each with its population, if known) into one figure.

    ratio: 100 × Σ num / Σ den over points that have both (bare values cannot be pooled correctly);
    sum: Σ v; mean: plain mean; population-weighted: Σ pop·v / Σ pop over points with a population.
    """
    if aggregate == "ratio":
        used = [p for p, _ in points if p.numerator is not None and p.denominator]
        if not used:
            return Pooled(None, None, None, [])
        num = sum(p.numerator or 0 for p in used)
        den = sum(p.denominator or 0 for p in used)
        return Pooled(100.0 * num / den, num, den, used)
    if aggregate == "population-weighted":
        weighted: list[tuple[Point, int]] = [(p, pop) for p, pop in points if pop]
        if not weighted:
            return Pooled(None, None, None, [])
        total = sum(pop for _, pop in weighted)
        value = math.fsum(p.value * pop for p, pop in weighted) / total
        return Pooled(value, None, None, [p for p, _ in weighted])
    used = [p for p, _ in points]
    if not used:
        return Pooled(None, None, None, [])
    total_value = math.fsum(p.value for p in used)
    if aggregate == "sum":
        return Pooled(total_value, None, None, used)
    if aggregate == "mean":
        return Pooled(total_value / len(used), None, None, used)
    raise ValueError(f"unknown aggregate {aggregate!r}")


def worst_quality(points: Sequence[Point | None]) -> str | None:
    """The least trustworthy quality among the points (None when there are none)."""
    qualities = [p.quality for p in points if p is not None]
    return max(qualities, key=lambda q: _QUALITY_BADNESS.get(q, 2)) if qualities else None


# A Point from a tuple of all its fields (parts included), without the named tuple's __new__.
_point = partial(tuple.__new__, Point)


def to_points(series: list[Observation] | None) -> list[Point]:
    """Usable observations as points, oldest first (file order among equal dates)."""
    points = []
    ordered = True
    last: date | None = None
    for o in series or ():
        numerator, denominator = o.numerator, o.denominator
        number = 100.0 * numerator / denominator if numerator is not None and denominator else o.value
        if number is None:
            continue
        end = period_end(o.period)
        if last is not None and end < last:
            ordered = False
        last = end
        # Made from a tuple of every field, in C: a third faster than Point's own constructor.
        points.append(_point((o.period, end, number, numerator, denominator, o.quality, o.source, o.note, o.quote, ())))
    if not ordered:
        points.sort(key=lambda p: p.end)  # stable: equal dates keep file order
    return points


# Series already turned into points, by region identity and indicator: a scoreboard asks for each
# series several times (as of A, a year earlier, nationally). The entry keeps the region itself
# (validated models are never modified), so its id cannot be reused while the entry exists; and
# the end dates of the points, so that the figures known at a date are found by bisection.
_CACHE: dict[tuple[int, str], tuple[Region, tuple[Point, ...], tuple[Partial, ...], list[date]]] = {}


def points_of(region: Region | None, indicator: Indicator, until: date | None = None) -> list[Point]:
    """The region's figures of one indicator, oldest first: its own and those derived from its former
    provinces; with `until`, only those whose period ends on or before that day."""
    if region is None:
        return []
    points, _, ends = _series(region, indicator)
    return list(points if until is None else points[: bisect_right(ends, until)])


def known_until(region: Region | None, indicator: Indicator, until: date) -> tuple[tuple[Point, ...], list[date], int]:
    """`points_of(region, indicator)` without a copy, with the points' end dates and how many of
    them end on or before `until` (those come first): for scoring, which reads them only."""
    if region is None:
        return (), [], 0
    points, _, ends = _series(region, indicator)
    return points, ends, bisect_right(ends, until)


def partial_periods(region: Region, indicator: Indicator) -> list[Partial]:
    """Periods for which only some of a merged province's former provinces have a figure, oldest first."""
    return list(_series(region, indicator)[1])


def former_points(former: Former, indicator: Indicator) -> list[Point]:
    """One former province's own figures of one indicator, oldest first."""
    return to_points(former.observations.get(indicator.id))


def _series(region: Region, indicator: Indicator) -> tuple[tuple[Point, ...], tuple[Partial, ...], list[date]]:
    key = (id(region), indicator.id)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is region:
        return cached[1], cached[2], cached[3]
    own = to_points(region.observations.get(indicator.id))
    derived: list[Point] = []
    partial: list[Partial] = []
    if region.merged and any(indicator.id in f.observations for f in region.former.values()):
        derived, partial = _derive(region, indicator, {p.end for p in own})
    points = tuple(sorted(own + derived, key=lambda p: p.end)) if derived else tuple(own)
    if len(_CACHE) >= 100_000:
        _CACHE.clear()
    ends = [p.end for p in points]
    _CACHE[key] = (region, points, tuple(partial), ends)
    return points, tuple(partial), ends


def _derive(region: Region, indicator: Indicator, own_ends: set[date]) -> tuple[list[Point], list[Partial]]:
    """Figures pooled from the former provinces for each day on which any of them has one."""
    by_end: dict[date, dict[str, Point]] = {}
    for former_id, former in region.former.items():
        for p in former_points(former, indicator):
            by_end.setdefault(p.end, {})[former_id] = p  # the later of two on one day, as in a series
    derived: list[Point] = []
    partial: list[Partial] = []
    for end in sorted(by_end):
        found = by_end[end]
        periods = {p.period for p in found.values()}
        period = periods.pop() if len(periods) == 1 else end.isoformat()
        if end in own_ends:
            continue  # the province's own figure for that day is used (validate warns: former-overridden)
        contributions = [
            (found[f], former.population.value if former.population else None)
            for f, former in region.former.items()
            if f in found
        ]
        pool = pooled(indicator.aggregate, contributions)
        usable = {id(p) for p in pool.used}
        have = tuple(f for f in region.former if f in found and id(found[f]) in usable)
        if len(have) < len(region.former) or pool.value is None:
            missing = tuple(f for f in region.former if f not in have)
            partial.append(Partial(period, end, have, missing))
            continue
        parts = tuple(Part(f, found[f]) for f in region.former)
        quality = worst_quality([part.point for part in parts]) or "reported"
        derived.append(
            Point(
                period,
                end,
                pool.value,
                pool.numerator,
                pool.denominator,
                quality,
                source="derived from the former provinces " + ", ".join(region.former),
                note=None,
                parts=parts,
            )
        )
    return derived, partial
