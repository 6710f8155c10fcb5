"""Score a region against a target framework: attainment, gap, status, projection, composites.

Everything here follows the scoring methodology page and is the one implementation of it: the
terminal report, the exports and the pull-request diff all call these functions. The functions are
pure (no I/O, no printing, no clock): the same dataset and as-of date always give the same numbers.

Where the methodology leaves a choice open, the reading taken is stated next to the code:
- observations are ordered by the date their period ends; two observations ending on the same day
  keep their order in the file, and the later one counts as the more recent;
- an observation without a usable number (a ratio with a zero denominator and no value) is skipped;
- a region's own `targets:` override a framework only for indicators that framework targets, and
  never for a `kind: benchmark` framework (comparing with Sweden uses Sweden's figures);
- a decrease indicator without `worst` (or any `worst` on the wrong side of the target) has no
  computable attainment: gap, status and projection are still given, but the indicator is left out
  of composites as if it had no target, because its share of the score cannot be computed;
- two distinct observations ending on the same day give no rate: status `insufficient-data`;
- the current-trend ratio is compared with the thresholds after rounding to 9 decimals, so a case
  worked by hand exactly on a threshold is not lost to floating-point noise;
- `projected_value` is null when the latest observation is already past the due date (there is
  nothing left to project); `projected_year` is null when the trend never reaches the target, or
  reaches it only after the year 9999;
- the overall coverage spreads each domain's weight over the indicators of that domain that have a
  target, so every targeted domain weighs exactly `W_d`;
- "not older than max_age" is measured in calendar years back from the as-of date (Feb 29 → Feb 28),
  the fractional part of max_age in days of 365.25, so a 2023 annual figure still counts at the end
  of 2025 with the default two years;
- an indicator result's quality is the worst of its latest and baseline observations (both feed its
  status and projection); a composite uses only latest values, so only their quality flags it;
- `rank_on_indicator` orders provinces on the value itself (not on attainment, which a province's
  own target would distort); `largest_gaps` orders by attainment because gaps in different units
  cannot be compared;
- national figures get attainment and gap from the pooled value, but no status or projection: a
  pooled series changes composition as provinces start and stop reporting, so a trend through it
  would mix real progress with who reported.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from tracker.asof import years_between
from tracker.model import Dataset, Framework, Indicator, Milestone, Region, period_end
from tracker.series import Point, known_until, worst_quality

_Model = TypeVar("_Model", Region, Indicator, Framework)

LOW_COVERAGE = 0.5


def is_low_coverage(coverage: float | None) -> bool:
    """A score resting on less than LOW_COVERAGE of the target weights: marked `*`, not ranked."""
    return coverage is not None and coverage < LOW_COVERAGE


# The last day `date` can hold; a projection beyond it is reported as "never" (null).
_LAST_DAY = date(9999, 12, 31)

STATUSES = (
    "no-target",
    "no-data",
    "achieved",
    "missed",
    "insufficient-data",
    "on-track",
    "fair",
    "limited",
    "deteriorating",
)


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The milestone that applies at the as-of date; `overridden` when it is the region's own."""

    by: date
    value: float
    source: str
    overridden: bool
    note: str | None = None


@dataclass(frozen=True)
class IndicatorResult:
    region: str
    indicator: str
    latest: Point | None
    baseline: Point | None
    target: Target | None
    attainment: float | None
    gap: float | None
    gap_count: int | None
    status: str
    current_ratio: float | None
    actual_rate: float | None
    required_rate: float | None
    projected_value: float | None
    projected_year: int | None
    quality: str | None

    @property
    def flagged(self) -> bool:
        return self.quality is not None and self.quality != "reported"


@dataclass(frozen=True)
class DomainScore:
    id: str
    score: float | None
    coverage: float | None
    flagged: bool


@dataclass(frozen=True)
class RegionScore:
    region: str
    score: float | None
    coverage: float | None
    low_coverage: bool
    domains: list[DomainScore]
    indicators: list[IndicatorResult]
    flagged: bool
    rank: int | None = None
    previous_score: float | None = None

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


# ---------------------------------------------------------------------------------------------
# The formulas, once each
# ---------------------------------------------------------------------------------------------


def meets(value: float, target: float, direction: str) -> bool:
    """Whether `value` meets `target`: at or above it for increase, at or below for decrease."""
    return value <= target if direction == "decrease" else value >= target


def worst_value(indicator: Indicator) -> float | None:
    """The value scoring 0: `worst` if set, else 0 for an increase indicator, else unknown."""
    if indicator.worst is not None:
        return indicator.worst
    return 0.0 if indicator.direction == "increase" else None


def attainment_of(value: float, target: float, worst: float | None, direction: str) -> float | None:
    """clip((L − worst) / (T − worst), 0, 1) × 100; 100 when the target is met.

    None when it cannot be computed: no `worst`, or a `worst` on the wrong side of the target
    (a configuration error the checks report; clipping would silently turn it into 0 or 100).
    """
    if not _worst_side_ok(target, worst, direction):
        return None
    if meets(value, target, direction):
        return 100.0
    span = target - (worst or 0.0)
    if span == 0:
        # Target equal to the worst value and not met: as bad as it gets.
        return 0.0
    return min(max((value - (worst or 0.0)) / span, 0.0), 1.0) * 100.0


def scorable(indicator: Indicator, target: Target) -> bool:
    """Whether an attainment can be computed against `target` (decides if it counts in composites)."""
    return _worst_side_ok(target.value, worst_value(indicator), indicator.direction)


def _worst_side_ok(target: float, worst: float | None, direction: str) -> bool:
    # The worst value must lie on the bad side of the target (or on it).
    if worst is None:
        return False
    return target <= worst if direction == "decrease" else target >= worst


def gap_of(value: float, target: float, direction: str) -> float:
    """What is still to go, in the indicator's unit: max(T − L, 0) for increase, max(L − T, 0) for decrease."""
    return max(value - target, 0.0) if direction == "decrease" else max(target - value, 0.0)


def gap_count_of(target: float, numerator: int | None, denominator: int | None, direction: str) -> int | None:
    """Units still to go for a ratio: ceil(T/100 × den − num) (for decrease: ceil(num − T/100 × den)).

    Rounded to 9 decimals before the ceiling because T/100 × den is computed in binary floating point
    (16.1 % of 1000 comes out as 161.00000000000003, which would give one unit too many).
    """
    if numerator is None or not denominator:
        return None
    needed = target * denominator / 100.0
    still = numerator - needed if direction == "decrease" else needed - numerator
    return max(math.ceil(round(still, 9)), 0)


def ratio_status(ratio: float, framework: Framework) -> str:
    """The UNSD current-trend-ratio band, with the framework's thresholds."""
    cr = round(ratio, 9)
    scoring = framework.scoring
    if cr >= scoring.on_track:
        return "on-track"
    if cr >= scoring.fair:
        return "fair"
    if cr >= scoring.deteriorating:
        return "limited"
    return "deteriorating"


# ---------------------------------------------------------------------------------------------
# One region, one indicator
# ---------------------------------------------------------------------------------------------


def applicable_target(
    dataset: Dataset, region: Region | str | None, indicator_id: str, framework: Framework | str, as_of: date
) -> Target | None:
    """The milestone that applies at `as_of`: the first due on or after it, else the last one."""
    fw = lookup_framework(dataset, framework)
    reg = lookup_region(dataset, region) if region is not None else None
    return _applicable_target(reg, indicator_id, fw, as_of)


def _applicable_target(reg: Region | None, indicator_id: str, fw: Framework, as_of: date) -> Target | None:
    milestones: list[Milestone] | None = fw.targets.get(indicator_id)
    if not milestones:
        return None
    overridden = False
    own = reg.targets.get(indicator_id) if reg is not None else None
    if own and fw.kind == "target":
        milestones, overridden = own, True
    return _target_at(milestones, overridden, as_of)


# The target of a milestone list at a date, by the list's identity: a scoreboard asks for the same
# few lists tens of thousands of times. The entry keeps the list (validated models are never
# modified), so its id cannot be reused while the entry exists; Targets are immutable and shared.
_TARGETS: dict[tuple[int, bool, date], tuple[list[Milestone], Target]] = {}


def _target_at(milestones: list[Milestone], overridden: bool, as_of: date) -> Target:
    key = (id(milestones), overridden, as_of)
    cached = _TARGETS.get(key)
    if cached is not None and cached[0] is milestones:
        return cached[1]
    ordered = sorted(milestones, key=lambda m: m.by)
    chosen = next((m for m in ordered if m.by >= as_of), ordered[-1])
    target = Target(by=chosen.by, value=chosen.value, source=chosen.source, overridden=overridden, note=chosen.note)
    if len(_TARGETS) >= 100_000:
        _TARGETS.clear()
    _TARGETS[key] = (milestones, target)
    return target


def evaluate(
    dataset: Dataset, region: Region | str, indicator: Indicator | str, framework: Framework | str, as_of: date
) -> IndicatorResult:
    """Latest, baseline, target, attainment, gap, status and projection of one indicator in one region."""
    reg = lookup_region(dataset, region)
    ind = lookup_indicator(dataset, indicator)
    fw = lookup_framework(dataset, framework)
    return _evaluate(reg, ind, fw, as_of)


def _evaluate(reg: Region, ind: Indicator, fw: Framework, as_of: date) -> IndicatorResult:
    # `evaluate` with the models already looked up: a scoreboard makes tens of thousands of these.
    direction = ind.direction
    points, ends, known = known_until(reg, ind, as_of)  # the first `known` points end by A
    latest = points[known - 1] if known else None
    baseline = _baseline_of(points, ends, known, fw)
    target = _applicable_target(reg, ind.id, fw, as_of)

    # The linear rate B → L, in the indicator's unit per year; needs two observations on distinct days.
    actual: float | None = None
    if latest is not None and baseline is not None and latest is not baseline and latest.end > baseline.end:
        actual = (latest.value - baseline.value) / years_between(baseline.end, latest.end)

    attainment: float | None = None
    gap: float | None = None
    count: int | None = None
    required: float | None = None
    ratio: float | None = None
    projected_value: float | None = None
    projected_year: int | None = None

    if target is None:
        status = "no-target"
    elif latest is None:
        status = "no-data"
    else:
        t, lv = target.value, latest.value
        attainment = attainment_of(lv, t, worst_value(ind), direction)
        gap = gap_of(lv, t, direction)
        count = gap_count_of(t, latest.numerator, latest.denominator, direction)
        if meets(lv, t, direction):
            status = "achieved"
        elif as_of > target.by:
            # The applicable milestone is the first due on or after A, so a due date before A
            # means no later milestone exists.
            status = "missed"
        elif actual is None or baseline is None:
            status = "insufficient-data"
        else:
            required = (t - baseline.value) / years_between(baseline.end, target.by)
            if meets(baseline.value, t, direction):
                # Required is 0 or points the wrong way because B already met the target; a trend
                # ratio would be meaningless, so judge L against B. (L not worse than B would have
                # met the target too, so this branch is in practice "deteriorating".)
                status = "deteriorating" if _worse(lv, baseline.value, direction) else "achieved"
            else:
                ratio = actual / required
                status = ratio_status(ratio, fw)
        projected_value, projected_year = _projection(latest, baseline, actual, target, ind)

    return IndicatorResult(
        region=reg.id,
        indicator=ind.id,
        latest=latest,
        baseline=baseline,
        target=target,
        attainment=attainment,
        gap=gap,
        gap_count=count,
        status=status,
        current_ratio=ratio,
        actual_rate=actual,
        required_rate=required,
        projected_value=projected_value,
        projected_year=projected_year,
        quality=worst_quality([latest, baseline]),
    )


def _baseline_of(points: Sequence[Point], ends: list[date], known: int, framework: Framework) -> Point | None:
    """Among the first `known` points (oldest first), the last one at or before the end of the
    baseline period, else the first one; found by bisection on their end dates."""
    if not known:
        return None
    if framework.baseline_period:
        before = min(bisect_right(ends, period_end(framework.baseline_period)), known)
        if before:
            return points[before - 1]
    return points[0]


def _worse(value: float, reference: float, direction: str) -> bool:
    return value > reference if direction == "decrease" else value < reference


def _projection(
    latest: Point, baseline: Point | None, actual: float | None, target: Target, indicator: Indicator
) -> tuple[float | None, int | None]:
    """The value the linear trend gives at the due date, and the calendar year it reaches the target."""
    direction = indicator.direction
    value: float | None = None
    if actual is not None and latest.end <= target.by:
        value = latest.value + actual * years_between(latest.end, target.by)
        upper = 100.0 if indicator.unit == "percent" else math.inf
        value = min(max(value, 0.0), upper)

    year: int | None = None
    if meets(latest.value, target.value, direction):
        year = latest.end.year
    elif actual is not None and baseline is not None and _towards(actual, direction):
        # Days to go = (T − L) / (L − B) × days(B → L): the same rate as `actual`, kept as a ratio of
        # integers and differences so that a date landing exactly on Dec 31 / Jan 1 is not shifted
        # by a round trip through 365.25.
        days_to_go = (target.value - latest.value) * (latest.end - baseline.end).days / (latest.value - baseline.value)
        days_to_go = round(days_to_go, 6)
        if days_to_go <= (_LAST_DAY - latest.end).days:
            year = (datetime.combine(latest.end, datetime.min.time()) + timedelta(days=days_to_go)).year
    return value, year


def _towards(actual: float, direction: str) -> bool:
    return actual < 0 if direction == "decrease" else actual > 0


# ---------------------------------------------------------------------------------------------
# Composites
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompositePart:
    """One indicator's share in a composite."""

    indicator: Indicator
    counted: bool  # has a target its attainment can be computed against
    attainment: float | None  # None: no value at the as-of date (missing, never zero)
    flagged: bool


def composite(
    dataset: Dataset, parts: Sequence[CompositePart]
) -> tuple[list[DomainScore], float | None, float | None, bool]:
    """Domain scores, overall score, overall coverage and flag from per-indicator attainments."""
    by_domain: dict[str, list[CompositePart]] = {d: [] for d in dataset.domains}
    for part in parts:
        by_domain.setdefault(part.indicator.domain, []).append(part)

    domains: list[DomainScore] = []
    weighted_sum = weight_sum = 0.0
    covered_effective = targeted_effective = 0.0
    for domain_id, members in by_domain.items():
        domain_weight = dataset.domains[domain_id].weight if domain_id in dataset.domains else 1.0
        targeted = [p for p in members if p.counted]
        with_data = [p for p in targeted if p.attainment is not None]
        target_weight = sum(p.indicator.weight for p in targeted)
        data_weight = sum(p.indicator.weight for p in with_data)
        score = coverage = None
        if target_weight > 0:
            coverage = data_weight / target_weight
            # Effective weight of indicator i = w_i · W_d / Σ_{j∈d, targeted} w_j.
            targeted_effective += domain_weight
            covered_effective += domain_weight * data_weight / target_weight
        if data_weight > 0:
            score = sum(p.indicator.weight * (p.attainment or 0.0) for p in with_data) / data_weight
            weighted_sum += domain_weight * score
            weight_sum += domain_weight
        flagged = any(p.flagged for p in with_data)
        domains.append(DomainScore(id=domain_id, score=score, coverage=coverage, flagged=flagged))

    overall = weighted_sum / weight_sum if weight_sum > 0 else None
    coverage_all = covered_effective / targeted_effective if targeted_effective > 0 else None
    return domains, overall, coverage_all, any(d.flagged for d in domains)


def score_region(dataset: Dataset, region: Region | str, framework: Framework | str, as_of: date) -> RegionScore:
    """Every indicator of one region, its domain scores and overall score (no rank or previous score)."""
    reg = lookup_region(dataset, region)
    fw = lookup_framework(dataset, framework)
    results: list[IndicatorResult] = []
    parts: list[CompositePart] = []
    for ind in dataset.indicators.values():
        result = _evaluate(reg, ind, fw, as_of)
        results.append(result)
        counted = result.target is not None and scorable(ind, result.target)
        parts.append(
            CompositePart(
                indicator=ind,
                counted=counted,
                attainment=result.attainment if counted else None,
                # A composite uses only the latest value of each indicator, so only its quality flags it.
                flagged=result.latest is not None and result.latest.flagged,
            )
        )
    domains, score, coverage, flagged = composite(dataset, parts)
    return RegionScore(
        region=reg.id,
        score=score,
        coverage=coverage,
        low_coverage=is_low_coverage(coverage),
        domains=domains,
        indicators=results,
        flagged=flagged,
    )


def overall_score(dataset: Dataset, region: Region | str, framework: Framework | str, as_of: date) -> float | None:
    """`score_region(...).score` alone: the composite of the latest values' attainments, without the
    statuses, baselines and projections that a score a year earlier (the scoreboard's change) never shows."""
    reg = lookup_region(dataset, region)
    fw = lookup_framework(dataset, framework)
    parts: list[CompositePart] = []
    for ind in dataset.indicators.values():
        target = _applicable_target(reg, ind.id, fw, as_of)
        counted = target is not None and scorable(ind, target)
        attainment: float | None = None
        if counted and target is not None:
            points, _, known = known_until(reg, ind, as_of)
            if known:
                attainment = attainment_of(points[known - 1].value, target.value, worst_value(ind), ind.direction)
        parts.append(CompositePart(indicator=ind, counted=counted, attainment=attainment, flagged=False))
    return composite(dataset, parts)[1]


def rank(scores: Sequence[float | None]) -> list[int | None]:
    """Competition ranks, highest first: scores equal to 0.1 (as displayed) share a rank, the next is skipped.

    Returned in the order given; a missing score has no rank.
    """
    shown = [round(s, 1) if s is not None else None for s in scores]
    present = sorted(s for s in shown if s is not None)  # 1 + how many are higher, by bisection: n log n
    return [None if s is None else 1 + len(present) - bisect_right(present, s) for s in shown]


def largest_gaps(
    dataset: Dataset, framework: Framework | str, as_of: date, region_ids: list[str] | None = None
) -> list[IndicatorResult]:
    """Every province × indicator still short of its target, worst first.

    Gaps in different units cannot be compared, so the order is by attainment (lowest first), then by
    gap; results without an attainment (a decrease indicator without `worst`) come last. Indicators
    with no value are missing data, not gaps, and are left out. `region_ids` defaults to all provinces.
    """
    fw = lookup_framework(dataset, framework)
    ids = list(dataset.provinces) if region_ids is None else list(dict.fromkeys(region_ids))
    rows = [
        result
        for rid in ids
        for ind in dataset.indicators.values()
        if (result := evaluate(dataset, rid, ind, fw, as_of)).gap is not None and result.gap > 0
    ]
    rows.sort(key=lambda r: (r.attainment is None, r.attainment or 0.0, -(r.gap or 0.0), r.region, r.indicator))
    return rows


def rank_on_indicator(
    dataset: Dataset, indicator: Indicator | str, framework: Framework | str, as_of: date
) -> list[tuple[int | None, IndicatorResult]]:
    """Provinces ordered on one indicator's latest value, best first (lowest first for decrease).

    Ranked on the value, not the attainment, so a province's own target does not move it; ties to 0.1
    share a rank as on the scoreboard; provinces without a value are listed last without a rank.
    """
    ind = lookup_indicator(dataset, indicator)
    fw = lookup_framework(dataset, framework)
    results = [evaluate(dataset, rid, ind, fw, as_of) for rid in dataset.provinces]
    sign = -1.0 if ind.direction == "decrease" else 1.0
    ranks = rank([sign * r.latest.value if r.latest is not None else None for r in results])
    rows = list(zip(ranks, results, strict=False))
    rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1].region))
    return rows


# ---------------------------------------------------------------------------------------------
# Lookups: accept an id or the model itself, so callers need not fetch models first
# ---------------------------------------------------------------------------------------------


def _lookup(table: Mapping[str, _Model], item: _Model | str, kind: str) -> _Model:
    """`item` itself when it is already the model, else the model with that id; ValueError when none has it."""
    if not isinstance(item, str):
        return item
    try:
        return table[item]
    except KeyError:
        raise ValueError(f"unknown {kind} {item!r}") from None


def lookup_region(dataset: Dataset, region: Region | str) -> Region:
    return _lookup(dataset.regions, region, "region")


def lookup_indicator(dataset: Dataset, indicator: Indicator | str) -> Indicator:
    return _lookup(dataset.indicators, indicator, "indicator")


def lookup_framework(dataset: Dataset, framework: Framework | str) -> Framework:
    return _lookup(dataset.frameworks, framework, "framework")


def observation_counts(dataset: Dataset, as_of: date | None = None) -> tuple[int, int]:
    """(observations that are not `reported`, all observations) up to `as_of`."""
    flagged = total = 0
    for region in dataset.regions.values():
        for observations in (obs for _, series in region.all_series() for obs in series.values()):
            for obs in observations:
                if as_of is not None and obs.end > as_of:
                    continue
                total += 1
                flagged += obs.quality != "reported"
    return flagged, total
