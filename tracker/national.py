"""National figures pooled from the provinces, and the scoreboard that ranks provinces beside them.

The readings of the methodology that apply here (max_age in calendar years, no status for a pooled
figure) are listed in `tracker.score`'s docstring with the others."""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import attrgetter

from tracker.asof import DAYS_PER_YEAR, years_before
from tracker.model import MERGER, Dataset, Framework, Indicator, today
from tracker.score import (
    CompositePart,
    RegionScore,
    Target,
    applicable_target,
    attainment_of,
    composite,
    gap_count_of,
    gap_of,
    is_low_coverage,
    lookup_framework,
    overall_score,
    rank,
    scorable,
    score_region,
    worst_value,
)
from tracker.series import Point, former_points, points_of, pooled


@dataclass(frozen=True)
class NationalFigure:
    indicator: str
    value: float | None
    numerator: int | None
    denominator: int | None
    reporting: int
    expected: int
    flagged: bool
    reported: Point | None
    attainment: float | None
    gap: float | None
    target: Target | None
    gap_count: int | None = None


@dataclass(frozen=True)
class Scoreboard:
    framework: str
    as_of: date
    regions: list[RegionScore]
    national: list[NationalFigure]
    national_score: float | None
    national_coverage: float | None
    national_flagged: bool = False
    previous_as_of: date | None = None

    @property
    def national_low_coverage(self) -> bool:
        """The national score rests on less than LOW_COVERAGE of the weights (marked `*`)."""
        return is_low_coverage(self.national_coverage)


# ---------------------------------------------------------------------------------------------
# National figures
# ---------------------------------------------------------------------------------------------


def _fresh_since(as_of: date, max_age_years: float) -> date:
    """The oldest date still "not older than max_age" at `as_of` (whole years by the calendar)."""
    whole = int(max_age_years)
    start = years_before(as_of, whole)
    return start - timedelta(days=math.floor((max_age_years - whole) * DAYS_PER_YEAR))


def _pooling_units(dataset: Dataset, indicator: Indicator, before_merger: bool) -> list[tuple[list[Point], int | None]]:
    """The series pooled into a national figure, each with its population: the 34 provinces, or, as of
    a date before 1 July 2025, the 63 former provinces (a province that was not merged stands for
    itself, and a merged one's own figures for its whole territory are not split among its parts)."""
    units: list[tuple[list[Point], int | None]] = []
    for province in dataset.provinces.values():
        if before_merger and province.merged:
            for former in province.former.values():
                units.append((former_points(former, indicator), former.population.value if former.population else None))
        else:
            units.append((points_of(province, indicator), province.population.value if province.population else None))
    return units


def national(dataset: Dataset, framework: Framework | str, as_of: date) -> list[NationalFigure]:
    """Each indicator pooled over the latest fresh figures of the provinces (the former provinces, as of a
    date before 1 July 2025), beside the country's own figure."""
    fw = lookup_framework(dataset, framework)
    country = dataset.country
    fresh_since = _fresh_since(as_of, fw.max_age_years)
    before_merger = as_of < MERGER
    expected = (
        sum(max(len(p.former), 1) for p in dataset.provinces.values()) if before_merger else len(dataset.provinces)
    )
    figures: list[NationalFigure] = []
    for ind in dataset.indicators.values():
        contributions: list[tuple[Point, int | None]] = []
        for points, population in _pooling_units(dataset, ind, before_merger):
            known = bisect_right(points, as_of, key=attrgetter("end"))  # points are oldest first
            if known and points[known - 1].end >= fresh_since:
                contributions.append((points[known - 1], population))
        pool = pooled(ind.aggregate, contributions)
        own = [p for p in points_of(country, ind) if p.end <= as_of]
        target = applicable_target(dataset, country, ind.id, fw, as_of)
        attainment: float | None = None
        gap: float | None = None
        count: int | None = None
        if target is not None and pool.value is not None:
            attainment = attainment_of(pool.value, target.value, worst_value(ind), ind.direction)
            gap = gap_of(pool.value, target.value, ind.direction)
            count = gap_count_of(target.value, pool.numerator, pool.denominator, ind.direction)
        figures.append(
            NationalFigure(
                indicator=ind.id,
                value=pool.value,
                numerator=pool.numerator,
                denominator=pool.denominator,
                reporting=len(pool.used),
                expected=expected,
                flagged=any(p.flagged for p in pool.used),
                reported=own[-1] if own else None,
                attainment=attainment,
                gap=gap,
                target=target,
                gap_count=count,
            )
        )
    return figures


def national_composite(dataset: Dataset, figures: Sequence[NationalFigure]) -> tuple[float | None, float | None, bool]:
    """Overall score, coverage and flag of the pooled national figures (the same composite as a region's)."""
    parts = []
    for fig in figures:
        ind = dataset.indicators[fig.indicator]
        counted = fig.target is not None and scorable(ind, fig.target)
        parts.append(CompositePart(ind, counted, fig.attainment if counted else None, fig.flagged))
    _, score, coverage, flagged = composite(dataset, parts)
    return score, coverage, flagged


# ---------------------------------------------------------------------------------------------
# The scoreboard
# ---------------------------------------------------------------------------------------------


def scoreboard(dataset: Dataset, framework_id: str, as_of: date, region_ids: list[str] | None = None) -> Scoreboard:
    """All provinces scored, ranked and compared with one year earlier, plus the national figures.

    `region_ids` only chooses which regions are listed: ranks are always among all provinces, so a
    province keeps the rank it has on the full board. The country may be listed; it is not ranked.
    Raises ValueError for an unknown framework or region id.

    A dataset loaded wholly through the cache (`Dataset.unchanged_key`) has its scoreboard cached
    too, keyed by `scoreboard_key`: a warm run over an unchanged root reads it instead of scoring.
    An entry that cannot be read is scored afresh; `--no-cache` leaves the key unset.
    """
    content_key = dataset.unchanged_key()
    if content_key is None:
        return _scoreboard(dataset, framework_id, as_of, region_ids)
    from tracker.cache import FileCache, package_salt

    cache = FileCache.open()
    if cache is None:
        return _scoreboard(dataset, framework_id, as_of, region_ids)
    key = scoreboard_key(content_key, framework_id, as_of, region_ids, today(), package_salt())
    hit = cache.get(key)
    if isinstance(hit, Scoreboard):
        return hit
    board = _scoreboard(dataset, framework_id, as_of, region_ids)
    cache.put(key, board)
    return board


def scoreboard_key(
    content_key: str, framework_id: str, as_of: date, region_ids: list[str] | None, day: date, code: bytes
) -> str:
    """The cache key of a scoreboard: the root's content, the arguments, today's date (what is in
    the future) and the code of every module of tracker/ (`cache.package_salt`)."""
    digest = hashlib.blake2b(code, digest_size=20, person=b"scoreboard")
    digest.update(repr((content_key, framework_id, as_of.isoformat(), region_ids, day.isoformat())).encode())
    return digest.hexdigest()


def _scoreboard(dataset: Dataset, framework_id: str, as_of: date, region_ids: list[str] | None) -> Scoreboard:
    fw = lookup_framework(dataset, framework_id)
    province_ids = list(dataset.provinces)
    current = {pid: score_region(dataset, pid, fw, as_of) for pid in province_ids}
    # A province whose score covers less than LOW_COVERAGE of the target weight is shown with its
    # score and coverage but not ranked: one indicator must not be ranked as if it were eleven.
    ranks = dict(
        zip(
            province_ids,
            rank([current[pid].score if not current[pid].low_coverage else None for pid in province_ids]),
            strict=False,
        )
    )

    shown_ids = province_ids if region_ids is None else list(dict.fromkeys(region_ids))
    previous_as_of = years_before(as_of, 1)
    shown: list[RegionScore] = []
    for rid in shown_ids:
        base = current[rid] if rid in current else score_region(dataset, rid, fw, as_of)
        previous = overall_score(dataset, rid, fw, previous_as_of)
        shown.append(replace(base, rank=ranks.get(rid), previous_score=previous))
    # Best first; equal ranks by id so the order is stable; then the unranked with a score (low
    # coverage), highest coverage first; then those without a score.
    shown.sort(
        key=lambda s: (s.rank is None, s.score is None, s.rank or 0, -(s.coverage or 0.0), -(s.score or 0.0), s.region)
    )

    figures = national(dataset, fw, as_of)
    national_score, national_coverage, national_flagged = national_composite(dataset, figures)
    return Scoreboard(
        framework=fw.id,
        as_of=as_of,
        regions=shown,
        national=figures,
        national_score=national_score,
        national_coverage=national_coverage,
        national_flagged=national_flagged,
        previous_as_of=previous_as_of,
    )
