"""Maturity stages (cumulative, like HIMSS EMRAM): a region's stage, its blockers, history, counts.

The stage a region has reached at a date, the criteria that block the next one, its stage year by
year, and how many regions are at each stage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.model import Criterion, Dataset, Region
from tracker.score import gap_count_of, lookup_region, meets
from tracker.series import Point, points_of


@dataclass(frozen=True)
class CriterionResult:
    indicator: str
    op: str
    value: float
    current: Point | None  # the latest observation on or before as-of
    met: bool
    to_go: int | None  # ratio indicators: units still needed to meet the criterion


@dataclass(frozen=True)
class StageResult:
    region: str
    stage: int
    name: tuple[str, str]  # (en, vi)
    next_stage: int | None
    blockers: list[CriterionResult]  # the unmet criteria of the next stage
    # The stage rests on illustrative or estimated figures: a met criterion of a reached stage, or an
    # unmet criterion of the next stage (the figure that keeps the region below it), is not reported.
    flagged: bool


def _criterion(dataset: Dataset, region: Region, criterion: Criterion, as_of: date) -> CriterionResult:
    indicator_id = criterion.indicator
    op, threshold = criterion.op, criterion.value
    indicator = dataset.indicators.get(indicator_id)
    known = [p for p in points_of(region, indicator) if p.end <= as_of] if indicator else []
    latest = known[-1] if known else None
    direction = "decrease" if op == "<=" else "increase"
    met = latest is not None and meets(round(latest.value, 9), threshold, direction)
    to_go = None
    if latest is not None and not met:
        to_go = gap_count_of(threshold, latest.numerator, latest.denominator, direction)
    return CriterionResult(indicator_id, op, threshold, latest, met, to_go)


def maturity_stage(dataset: Dataset, region: Region | str, as_of: date) -> StageResult | None:
    """The highest stage whose criteria and those of every lower stage hold; None without stages."""
    if dataset.maturity is None:
        return None
    reg = lookup_region(dataset, region)
    stages = sorted(dataset.maturity.stages, key=lambda s: s.stage)
    reached = stages[0]
    flagged = False
    for stage in stages[1:]:
        results = [_criterion(dataset, reg, c, as_of) for c in stage.criteria]
        if not all(r.met for r in results):
            blockers = [r for r in results if not r.met]
            flagged = flagged or any(r.current is not None and r.current.flagged for r in blockers)
            return StageResult(
                reg.id, reached.stage, (reached.name.en, reached.name.vi), stage.stage, blockers, flagged
            )
        flagged = flagged or any(r.current is not None and r.current.flagged for r in results)
        reached = stage
    return StageResult(reg.id, reached.stage, (reached.name.en, reached.name.vi), None, [], flagged)


def stage_history(dataset: Dataset, region: Region | str, as_of: date) -> list[tuple[int, int]]:
    """(year, stage) at the end of each year from the region's first observation to as-of."""
    return [(year, result.stage) for year, result in stage_history_results(dataset, region, as_of)]


def history_start(dataset: Dataset, regions: Iterable[Region], as_of: date) -> int | None:
    """The year of the regions' first figure up to as-of (pooled ones included), where stage
    histories start; None without any."""
    ends = [
        p.end for reg in regions for ind in dataset.indicators.values() for p in points_of(reg, ind) if p.end <= as_of
    ]
    return min(ends).year if ends else None


def stage_history_results(
    dataset: Dataset, region: Region | str, as_of: date, since: int | None = None
) -> list[tuple[int, StageResult]]:
    """(year, stage result) at the end of each year (the last one at as-of), from `since`.

    `since` defaults to the year of the region's first observation up to as-of; without one (or
    without stages) the history is empty. A year before any observation is stage 0, as missing data
    meets no criterion.
    """
    reg = lookup_region(dataset, region)
    if dataset.maturity is None:
        return []
    if since is None:
        since = history_start(dataset, [reg], as_of)
        if since is None:
            return []
    history = []
    for year in range(since, as_of.year + 1):
        result = maturity_stage(dataset, reg, min(date(year, 12, 31), as_of))
        if result is not None:
            history.append((year, result))
    return history


@dataclass(frozen=True)
class StageCount:
    stage: int
    name: tuple[str, str]  # (en, vi)
    regions: int
    flagged: bool  # at least one region counted here rests on illustrative or estimated figures


def stage_counts(dataset: Dataset, results: Sequence[StageResult]) -> list[StageCount]:
    """How many of `results` are at each stage the maturity file defines, lowest stage first."""
    if dataset.maturity is None:
        return []
    counts = []
    for stage in sorted(dataset.maturity.stages, key=lambda s: s.stage):
        here = [r for r in results if r.stage == stage.stage]
        counts.append(StageCount(stage.stage, (stage.name.en, stage.name.vi), len(here), any(r.flagged for r in here)))
    return counts
