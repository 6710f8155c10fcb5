"""Scoring, as a specification: hand-worked cases from the methodology, then invariants.

Every expected number below is worked out by hand from the methodology (the arithmetic is in the
comment beside it); none is computed by the code under test. Days between period ends are counted
on the calendar: 2023-12-31 → 2024-12-31 is 366 days (2024 is a leap year), → 2025-12-31 is 731.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.asof import as_of_date, default_as_of, years_before
from tracker.model import (
    Dataset,
    Domain,
    Framework,
    Indicator,
    Milestone,
    Names,
    Observation,
    Population,
    Region,
    Scoring,
)
from tracker.national import national, scoreboard
from tracker.score import (
    IndicatorResult,
    attainment_of,
    evaluate,
    largest_gaps,
    overall_score,
    rank,
    rank_on_indicator,
    score_region,
)
from tracker.series import Point, pooled

# ---------------------------------------------------------------------------------------------
# Builders: small in-memory datasets
# ---------------------------------------------------------------------------------------------

Value = float | tuple[int, int]


def names(text: str) -> Names:
    return Names(en=text, vi=text)


def indicator(
    id: str = "x",
    *,
    domain: str = "records",
    unit: str = "percent",
    direction: str = "increase",
    aggregate: str = "ratio",
    weight: float = 1.0,
    worst: float | None = None,
) -> Indicator:
    return Indicator(
        id=id,
        name=names(id),
        domain=domain,
        unit=unit,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        aggregate=aggregate,  # type: ignore[arg-type]
        weight=weight,
        worst=worst,
        definition="test indicator",
        sources=["test"],
    )


def obs(period: str, value: Value, quality: str = "reported") -> Observation:
    """`obs("2024", 40)` is a bare value, `obs("2025-09", (54, 54))` a numerator/denominator pair."""
    if isinstance(value, tuple):
        return Observation(
            period=period,
            numerator=value[0],
            denominator=value[1],
            source="test",
            quality=quality,  # type: ignore[arg-type]
        )
    return Observation(period=period, value=float(value), source="test", quality=quality)  # type: ignore[arg-type]


def ms(by: str, value: float) -> Milestone:
    return Milestone(by=date.fromisoformat(by), value=value, source=f"plan {by}")


def framework(
    targets: dict[str, list[Milestone]],
    *,
    baseline_period: str | None = None,
    kind: str = "target",
    scoring: Scoring | None = None,
    max_age_years: float = 2.0,
) -> Framework:
    return Framework(
        id="fw",
        name=names("Framework"),
        kind=kind,  # type: ignore[arg-type]
        source="test",
        baseline_period=baseline_period,
        max_age_years=max_age_years,
        scoring=scoring or Scoring(),
        targets=targets,
    )


def region(
    id: str,
    observations: dict[str, list[Observation]] | None = None,
    *,
    level: str = "province",
    targets: dict[str, list[Milestone]] | None = None,
    population: int | None = None,
) -> Region:
    return Region(
        id=id,
        name=names(id),
        level=level,  # type: ignore[arg-type]
        observations=observations or {},
        targets=targets or {},
        population=Population(value=population, year=2024, source="test") if population else None,
    )


def dataset(
    indicators: list[Indicator],
    fw: Framework,
    regions: list[Region],
    domains: dict[str, float] | None = None,
) -> Dataset:
    domains = domains or {"records": 1.0}
    return Dataset(
        root=Path("."),
        domains={d: Domain(id=d, name=names(d), weight=w) for d, w in domains.items()},
        indicators={i.id: i for i in indicators},
        frameworks={fw.id: fw},
        regions={r.id: r for r in regions},
    )


def D(text: str) -> date:
    return date.fromisoformat(text)


# ---------------------------------------------------------------------------------------------
# One indicator in one region: the table
# ---------------------------------------------------------------------------------------------


def case(
    id: str,
    observations: list[Observation],
    milestones: list[Milestone] | None,
    as_of: str,
    expect: dict[str, Any],
    *,
    override: list[Milestone] | None = None,
    baseline_period: str | None = None,
    kind: str = "target",
    scoring: Scoring | None = None,
    **indicator_options: Any,
) -> Any:
    ind = indicator(**indicator_options)
    targets = {"x": milestones} if milestones else {"other": [ms("2030-12-31", 1)]}
    fw = framework(targets, baseline_period=baseline_period, kind=kind, scoring=scoring)
    reg = region("p", {"x": observations} if observations else {}, targets={"x": override} if override else None)
    return pytest.param(dataset([ind], fw, [reg]), D(as_of), expect, id=id)


EMR = [obs("2023", (40, 100)), obs("2025-06", (70, 100))]
T_EMR = [ms("2025-09-30", 100)]
WAIT = [obs("2023", 90), obs("2024", 60)]
INTERIM = [ms("2025-12-31", 50), ms("2030-12-31", 100)]
T2026 = [ms("2026-12-31", 100)]
T2030 = [ms("2030-12-31", 100)]

CASES = [
    # --- the methodology's worked examples ---------------------------------------------------
    case(
        "methodology-emr-fair",
        EMR,
        T_EMR,
        "2025-06-30",
        {
            "latest": "2025-06",
            "baseline": "2023",
            "target": (D("2025-09-30"), 100.0, False),
            "attainment": 70.0,  # 70 / 100
            "gap": 30.0,  # 100 − 70
            "gap_count": 30,  # ceil(100/100 × 100 − 70)
            "actual_rate": 20.0320,  # 30 / (547 / 365.25): 2023-12-31 → 2025-06-30 is 547 days
            "required_rate": 34.2958,  # 60 / (639 / 365.25): 2023-12-31 → 2025-09-30 is 639 days
            "current_ratio": 0.58410,  # (30/547) / (60/639) = 639/1094
            "status": "fair",  # 0.5 ≤ 0.584 < 0.95
            "projected_value": 75.0457,  # 70 + 30/547 × 92 days (2025-06-30 → 09-30)
            "projected_year": 2026,  # 30 to go at 30 per 547 days: +547 days → 2026-12-29
            "quality": "reported",
        },
    ),
    case(
        "methodology-one-observation",
        [obs("2025-06", (70, 100))],
        T_EMR,
        "2025-06-30",
        {
            "baseline": "2025-06",
            "attainment": 70.0,
            "gap": 30.0,
            "status": "insufficient-data",  # L and B are the same observation
            "actual_rate": None,
            "current_ratio": None,
            "projected_value": None,  # no rate
            "projected_year": None,
        },
    ),
    case(
        "methodology-wait-time-decrease",
        WAIT,
        [ms("2030-12-31", 30)],
        "2024-12-31",
        {
            "attainment": 85.7143,  # (60 − 240) / (30 − 240) = 180/210
            "gap": 30.0,  # 60 − 30
            "gap_count": None,  # bare values
            "actual_rate": -29.9385,  # −30 / (366 / 365.25)
            "required_rate": -8.57059,  # −60 / (2557 / 365.25): 2023-12-31 → 2030-12-31
            "current_ratio": 3.49317,  # (30/366) / (60/2557) = 2557/732
            "status": "on-track",  # ≥ 0.95
            "projected_value": 0.0,  # 60 − 30/366 × 2191 days = −119.6, clipped at 0 minutes
            "projected_year": 2026,  # 30 to go at 30 per 366 days: 2024-12-31 + 366 = 2026-01-01
        },
        unit="minutes",
        direction="decrease",
        worst=240,
    ),
    # --- decrease indicators, zero baselines, targets met early ---------------------------------
    case(
        "decrease-without-worst-has-no-attainment",
        WAIT,
        [ms("2030-12-31", 30)],
        "2024-12-31",
        {
            "attainment": None,  # worst is required for a decrease indicator
            "gap": 30.0,  # the rest does not need worst
            "current_ratio": 3.49317,
            "status": "on-track",
            "projected_year": 2026,
        },
        unit="minutes",
        direction="decrease",
    ),
    case(
        "zero-baseline",
        [obs("2022", 0), obs("2024", 20)],
        [ms("2026-12-31", 50)],
        "2024-12-31",
        {
            "attainment": 40.0,  # 20 / 50
            "gap": 30.0,
            "actual_rate": 9.99316,  # 20 / (731 / 365.25)
            "required_rate": 12.5,  # 50 / (1461 / 365.25) = 50 / 4
            "current_ratio": 0.79945,  # (20/731) / (50/1461) = 29220/36550
            "status": "fair",
            "projected_value": 39.9726,  # 20 + 20/731 × 730
            "projected_year": 2028,  # 30 × 731/20 = 1096.5 days after 2024-12-31 → 2028-01-01
        },
    ),
    case(
        "target-met-at-baseline-and-still-met",
        [obs("2022", (54, 54)), obs("2024", (60, 60))],
        T_EMR,
        "2024-12-31",
        {
            "attainment": 100.0,
            "gap": 0.0,
            "gap_count": 0,
            "status": "achieved",
            "actual_rate": 0.0,  # 100 → 100
            "projected_value": 100.0,  # 100 + 0 × years
            "projected_year": 2024,  # already achieved: the year of L
        },
    ),
    case(
        "target-met-at-baseline-then-fell",
        [obs("2022", 60), obs("2024", 40)],
        [ms("2026-12-31", 50)],
        "2024-12-31",
        {
            "attainment": 80.0,  # 40 / 50
            "gap": 10.0,
            "required_rate": -2.5,  # (50 − 60) / 4: wrong sign, B already met the target
            "current_ratio": None,
            "status": "deteriorating",  # L (40) worse than B (60)
            "actual_rate": -9.99316,  # −20 / (731/365.25)
            "projected_value": 20.0274,  # 40 − 20/731 × 730
            "projected_year": None,  # moving away from the target
        },
    ),
    case(
        "decrease-met-at-baseline-then-rose",
        [obs("2022", 20), obs("2024", 35)],
        [ms("2026-12-31", 30)],
        "2024-12-31",
        {
            "attainment": 92.8571,  # (35 − 100) / (30 − 100) = 65/70
            "gap": 5.0,  # 35 − 30
            "required_rate": 2.5,  # (30 − 20) / 4: positive, wrong sign for a decrease
            "status": "deteriorating",  # 35 is worse than 20
            "projected_value": 49.9795,  # 35 + 15/731 × 730
            "projected_year": None,
        },
        unit="minutes",
        direction="decrease",
        worst=100,
    ),
    # --- deadlines and milestones ---------------------------------------------------------------
    case(
        "deadline-passed-missed",
        EMR,
        T_EMR,
        "2025-12-31",
        {
            "attainment": 70.0,
            "gap": 30.0,
            "status": "missed",  # A after 2025-09-30, no later milestone
            "current_ratio": None,
            "actual_rate": 20.0320,
            "projected_value": 75.0457,  # L (06-30) is before D: 70 + 30/547 × 92
            "projected_year": 2026,
        },
    ),
    case(
        "deadline-passed-but-achieved",
        [obs("2023", 40), obs("2025-12", 100)],
        T_EMR,
        "2025-12-31",
        {
            "attainment": 100.0,
            "status": "achieved",  # achieved is checked before missed
            "actual_rate": 29.9795,  # 60 / (731/365.25)
            "projected_value": None,  # L is after the due date: nothing left to project
            "projected_year": 2025,
        },
    ),
    case(
        "deadline-passed-latest-after-deadline",
        [obs("2023", 40), obs("2026", 70)],
        T_EMR,
        "2026-12-31",
        {
            "attainment": 70.0,
            "status": "missed",
            "projected_value": None,  # L (2026-12-31) is after D
            "projected_year": 2029,  # 30 × 1096/30 = 1096 days after 2026-12-31 → 2029-12-31
        },
    ),
    case(
        "interim-milestone-applies-first",
        [obs("2022", 20), obs("2024", 35)],
        INTERIM,
        "2024-12-31",
        {
            "target": (D("2025-12-31"), 50.0, False),  # first milestone due on or after A
            "attainment": 70.0,  # 35 / 50
            "gap": 15.0,
            "actual_rate": 7.49487,  # 15 / (731/365.25)
            "required_rate": 9.99772,  # 30 / (1096/365.25)
            "current_ratio": 0.74966,  # (15/731) / (30/1096) = 16440/21930
            "status": "fair",
            "projected_value": 42.4897,  # 35 + 15/731 × 365
            "projected_year": 2027,  # 15 × 731/15 = 731 days after 2024-12-31 → 2027-01-01
        },
    ),
    case(
        "interim-milestone-due-on-as-of-still-applies",
        [obs("2022", 20), obs("2024", 35), obs("2025", 50)],
        INTERIM,
        "2025-12-31",
        {
            "target": (D("2025-12-31"), 50.0, False),  # by ≥ A includes the day itself
            "attainment": 100.0,
            "status": "achieved",
            "projected_value": 50.0,  # zero years to the due date
            "projected_year": 2025,
        },
    ),
    case(
        "interim-milestone-later-applies",
        [obs("2022", 20), obs("2024", 35), obs("2026-06", 45)],
        INTERIM,
        "2026-06-30",
        {
            "target": (D("2030-12-31"), 100.0, False),  # 2025 milestone is past, 2030 is next
            "attainment": 45.0,
            "gap": 55.0,
            "actual_rate": 7.15055,  # 25 / (1277/365.25): 2022-12-31 → 2026-06-30
            "required_rate": 10.0,  # 80 / (2922/365.25) = 80 / 8
            "current_ratio": 0.71505,
            "status": "fair",
            "projected_value": 77.2044,  # 45 + 25/1277 × 1645
            "projected_year": 2034,  # 55 × 1277/25 = 2809.4 days → 2034-03-09
        },
    ),
    # --- province overrides ----------------------------------------------------------------------
    case(
        "province-target-override",
        [obs("2023", 10), obs("2024", 20)],
        T2030,
        "2024-12-31",
        {
            "target": (D("2027-12-31"), 30.0, True),
            "attainment": 66.6667,  # 20 / 30
            "gap": 10.0,
            "actual_rate": 9.97951,  # 10 / (366/365.25)
            "required_rate": 5.0,  # 20 / (1461/365.25) = 20 / 4
            "current_ratio": 1.99590,
            "status": "on-track",
            "projected_value": 49.9180,  # 20 + 10/366 × 1095
            "projected_year": 2026,  # 10 × 366/10 = 366 days → 2026-01-01
        },
        override=[ms("2027-12-31", 30)],
    ),
    case(
        "override-ignored-for-benchmark",
        [obs("2023", 10), obs("2024", 20)],
        T2030,
        "2024-12-31",
        {
            "target": (D("2030-12-31"), 100.0, False),  # a benchmark is compared as it is
            "attainment": 20.0,
            "gap": 80.0,
            "required_rate": 12.8559,  # 90 / (2557/365.25)
            "current_ratio": 0.77626,  # (10/366) / (90/2557)
            "status": "fair",
        },
        override=[ms("2027-12-31", 30)],
        kind="benchmark",
    ),
    # --- no data, no target ----------------------------------------------------------------------
    case(
        "no-observations",
        [],
        T2030,
        "2024-12-31",
        {"status": "no-data", "latest": None, "baseline": None, "attainment": None, "gap": None, "quality": None},
    ),
    case(
        "no-observation-before-as-of",
        [obs("2025", 50)],
        T2030,
        "2024-12-31",
        {"status": "no-data", "latest": None, "attainment": None},
    ),
    case(
        "no-target",
        [obs("2024", 50)],
        None,
        "2024-12-31",
        {"status": "no-target", "latest": "2024", "target": None, "attainment": None, "gap": None},
    ),
    case(
        "no-target-and-no-data",
        [],
        None,
        "2024-12-31",
        {"status": "no-target", "latest": None},  # no-target comes first
    ),
    # --- gap counts ------------------------------------------------------------------------------
    case(
        "gap-count-43-of-54",
        [obs("2025-09", (43, 54))],
        T_EMR,
        "2025-09-30",
        {
            "attainment": 79.6296,  # 4300/54 = 79.63 %
            "gap": 20.3704,  # 100 − 79.63
            "gap_count": 11,  # ceil(54 − 43)
            "status": "insufficient-data",
        },
    ),
    case(
        "gap-count-rounds-up",
        [obs("2024", (30, 47))],
        [ms("2030-12-31", 80)],
        "2024-12-31",
        {
            "attainment": 79.7872,  # (3000/47 = 63.83) / 80
            "gap": 16.1702,  # 80 − 63.83
            "gap_count": 8,  # ceil(0.8 × 47 − 30) = ceil(7.6)
        },
    ),
    case(
        "gap-count-exact-despite-floating-point",
        [obs("2024", (100, 1000))],
        [ms("2030-12-31", 16.1)],
        "2024-12-31",
        {
            "attainment": 62.1118,  # 10 / 16.1
            "gap": 6.1,
            "gap_count": 61,  # 16.1 % of 1000 = 161 exactly; 161 − 100 (not 62)
        },
    ),
    # --- baselines -------------------------------------------------------------------------------
    case(
        "baseline-period",
        [obs("2019", 10), obs("2020", 20), obs("2022", 40), obs("2024", 60)],
        T2030,
        "2024-12-31",
        {
            "baseline": "2020",  # last observation ending on or before the end of 2020
            "actual_rate": 10.0,  # 40 / (1461/365.25) = 40 / 4
            "required_rate": 8.00110,  # 80 / (3652/365.25): 2020-12-31 → 2030-12-31
            "current_ratio": 1.24983,  # (40/1461) / (80/3652)
            "status": "on-track",
            "projected_value": 100.0,  # 60 + 40/1461 × 2191 = 119.99, clipped at 100 %
            "projected_year": 2028,  # 40 × 1461/40 = 1461 days → 2028-12-31
        },
        baseline_period="2020",
    ),
    case(
        "baseline-period-without-earlier-observation",
        [obs("2022", 40), obs("2024", 60)],
        T2030,
        "2024-12-31",
        {
            "baseline": "2022",  # nothing by 2020: the first observation
            "actual_rate": 9.99316,  # 20 / (731/365.25)
            "required_rate": 7.5,  # 60 / (2922/365.25) = 60 / 8
            "current_ratio": 1.33242,
            "status": "on-track",
            "projected_value": 100.0,  # 60 + 20/731 × 2191 = 119.95, clipped
            "projected_year": 2029,  # 40 × 731/20 = 1462 days → 2029-01-01
        },
        baseline_period="2020",
    ),
    case(
        "two-periods-ending-the-same-day",
        [obs("2024", 40), obs("2024-12", 50)],
        T2030,
        "2024-12-31",
        {
            "latest": "2024-12",  # same end date: file order, the later one is latest
            "baseline": "2024",
            "attainment": 50.0,
            "status": "insufficient-data",  # zero years between them: no rate
            "actual_rate": None,
        },
    ),
    # --- the other status bands ------------------------------------------------------------------
    case(
        "limited",
        [obs("2022", 40), obs("2024", 42)],
        T2026,
        "2024-12-31",
        {
            "actual_rate": 0.999316,  # 2 / (731/365.25)
            "required_rate": 15.0,  # 60 / 4
            "current_ratio": 0.066621,  # (2/731) / (60/1461)
            "status": "limited",  # −0.1 ≤ 0.067 < 0.5
            "projected_value": 43.9973,  # 42 + 2/731 × 730
            "projected_year": 2083,  # 58 × 731/2 = 21199 days → 2083-01-15
        },
    ),
    case(
        "limited-slightly-falling",
        [obs("2022", 40), obs("2024", 38)],
        T2026,
        "2024-12-31",
        {
            "actual_rate": -0.999316,
            "current_ratio": -0.066621,
            "status": "limited",  # −0.1 ≤ −0.067
            "projected_value": 36.0027,  # 38 − 2/731 × 730
            "projected_year": None,
        },
    ),
    case(
        "deteriorating",
        [obs("2022", 40), obs("2024", 30)],
        T2026,
        "2024-12-31",
        {
            "actual_rate": -4.99658,  # −10 / (731/365.25)
            "current_ratio": -0.33311,  # (−10/731) / (60/1461)
            "status": "deteriorating",  # < −0.1
            "projected_value": 20.0137,  # 30 − 10/731 × 730
            "projected_year": None,
        },
    ),
    case(
        "framework-thresholds",
        EMR,
        T_EMR,
        "2025-06-30",
        {"current_ratio": 0.58410, "status": "on-track"},  # 0.584 ≥ the framework's 0.5
        scoring=Scoring(on_track=0.5, fair=0.3, deteriorating=-0.2),
    ),
    case(
        "increase-with-worst",
        [obs("2024", 50)],
        [ms("2030-12-31", 80)],
        "2024-12-31",
        {"attainment": 50.0, "gap": 30.0},  # (50 − 20) / (80 − 20)
        unit="score",
        aggregate="mean",
        worst=20,
    ),
    # --- quality ---------------------------------------------------------------------------------
    case(
        "quality-worst-of-latest-and-baseline",
        [obs("2023", (40, 100), "estimated"), obs("2025-06", (70, 100), "illustrative")],
        T_EMR,
        "2025-06-30",
        {"quality": "illustrative", "flagged": True, "status": "fair"},
    ),
    case(
        "quality-estimated-baseline-flags",
        [obs("2023", (40, 100), "estimated"), obs("2025-06", (70, 100))],
        T_EMR,
        "2025-06-30",
        {"quality": "estimated", "flagged": True},
    ),
]


def _period(point: Point | None) -> str | None:
    return point.period if point is not None else None


@pytest.mark.parametrize(("data", "as_of", "expect"), CASES)
def test_evaluate(data: Dataset, as_of: date, expect: dict[str, Any]) -> None:
    result = evaluate(data, "p", "x", "fw", as_of)
    actual: dict[str, Any] = {}
    for key in expect:
        if key in ("latest", "baseline"):
            actual[key] = _period(getattr(result, key))
        elif key == "target":
            t = result.target
            actual[key] = None if t is None else (t.by, t.value, t.overridden)
        else:
            actual[key] = getattr(result, key)
    assert actual == {k: _approx(v) for k, v in expect.items()}


def _approx(value: Any) -> Any:
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-5, abs=1e-5)
    return value


def test_there_are_enough_hand_worked_cases() -> None:
    assert len(CASES) >= 25


# ---------------------------------------------------------------------------------------------
# Composites: weights, missing data, coverage, ranks
# ---------------------------------------------------------------------------------------------


def composite_dataset() -> Dataset:
    """records (W=2): a (w=1), b (w=3); telehealth (W=1): c (w=1), d (no target), e (decrease, no worst)."""
    indicators = [
        indicator("a", domain="records"),
        indicator("b", domain="records", weight=3),
        indicator("c", domain="telehealth"),
        indicator("d", domain="telehealth"),
        indicator("e", domain="telehealth", unit="minutes", direction="decrease", aggregate="mean"),
    ]
    fw = framework(
        {
            "a": [ms("2030-12-31", 100)],
            "b": [ms("2030-12-31", 50)],
            "c": [ms("2030-12-31", 40)],
            "e": [ms("2030-12-31", 30)],
        }
    )
    regions = [
        region("p", {"a": [obs("2024", 80)], "b": [obs("2024", 25)], "d": [obs("2024", 10)], "e": [obs("2024", 60)]}),
        region("q", {"a": [obs("2024", 50)], "c": [obs("2024", 20)]}),
        region("r", {"c": [obs("2024", 40, "illustrative")]}),
        region("s", {"d": [obs("2024", 5)]}),
    ]
    return dataset(indicators, fw, regions, {"records": 2.0, "telehealth": 1.0})


COMPOSITES = [
    pytest.param(
        "p",
        {
            # records: (1×80 + 3×(25/50 = 50)) / (1 + 3) = 230/4; telehealth: c has no value, d no
            # target, e no computable attainment (decrease without worst) → no score, coverage 0/1.
            "domains": {"records": (57.5, 1.0), "telehealth": (None, 0.0)},
            "score": 57.5,  # missing telehealth is not a zero: only records counts
            # effective weights a 1×2/4 = 0.5, b 3×2/4 = 1.5, c 1×1/1 = 1 → (0.5 + 1.5) / 3
            "coverage": 0.666667,
            "low_coverage": False,
            "flagged": False,
        },
        id="weighted-domain-missing-domain",
    ),
    pytest.param(
        "q",
        {
            "domains": {"records": (50.0, 0.25), "telehealth": (50.0, 1.0)},  # b missing: 1/4; c 20/40
            "score": 50.0,  # (2×50 + 1×50) / 3
            "coverage": 0.5,  # (2×0.25 + 1×1) / 3, not below 0.5
            "low_coverage": False,
            "flagged": False,
        },
        id="coverage-exactly-half",
    ),
    pytest.param(
        "r",
        {
            "domains": {"records": (None, 0.0), "telehealth": (100.0, 1.0)},  # 40 / 40
            "score": 100.0,
            "coverage": 0.333333,  # 1 / 3
            "low_coverage": True,
            "flagged": True,  # its only value is illustrative
        },
        id="low-coverage-flagged",
    ),
    pytest.param(
        "s",
        {
            "domains": {"records": (None, 0.0), "telehealth": (None, 0.0)},
            "score": None,
            "coverage": 0.0,
            "low_coverage": True,
            "flagged": False,
        },
        id="no-scored-data",
    ),
]


@pytest.mark.parametrize(("region_id", "expect"), COMPOSITES)
def test_score_region(region_id: str, expect: dict[str, Any]) -> None:
    result = score_region(composite_dataset(), region_id, "fw", D("2024-12-31"))
    assert {d.id: (d.score, d.coverage) for d in result.domains} == {
        k: tuple(_approx(x) for x in v) for k, v in expect["domains"].items()
    }
    assert result.score == _approx(expect["score"])
    assert result.coverage == _approx(expect["coverage"])
    assert result.low_coverage is expect["low_coverage"]
    assert result.flagged is expect["flagged"]
    assert [r.indicator for r in result.indicators] == ["a", "b", "c", "d", "e"]
    assert next(r for r in result.indicators if r.indicator == "d").status == "no-target"


def test_overall_score_is_the_score_of_score_region() -> None:
    """The scoreboard's score a year earlier takes the short way (no statuses or projections): it
    must give exactly the full score, on the composite cases and on every province of the demo data
    at dates across its history (before, during and after its figures)."""
    from tests.conftest import DEMO
    from tracker.load import load_dataset

    data = composite_dataset()
    for region_id in "pqrs":
        assert (
            overall_score(data, region_id, "fw", D("2024-12-31"))
            == score_region(data, region_id, "fw", D("2024-12-31")).score
        )
    demo, _ = load_dataset(DEMO, use_cache=False)
    compared = 0
    for fw in demo.frameworks:
        for day in ("2015-06-30", "2020-12-31", "2023-03-31", "2024-12-31", "2025-06-30", "2025-09-30", "2026-12-31"):
            for region_id in demo.regions:
                full = score_region(demo, region_id, fw, D(day)).score
                assert overall_score(demo, region_id, fw, D(day)) == full, (fw, day, region_id)
                compared += full is not None
    assert compared > 100


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ([90.0, 80.0, 80.0, 70.0], [1, 2, 2, 4]),  # shared rank, next one skipped
        ([80.04, 79.96, 90.0, None], [2, 2, 1, None]),  # both show as 80.0; no score, no rank
        ([80.04, 80.06], [2, 1]),  # 80.0 vs 80.1: different at one decimal
        ([50.0, 50.0, 50.0], [1, 1, 1]),
        ([None, None], [None, None]),
        ([], []),
    ],
)
def test_rank(scores: list[float | None], ranks: list[int | None]) -> None:
    assert rank(scores) == ranks


def test_scoreboard_ranks_best_first_low_coverage_unranked_unscored_last() -> None:
    board = scoreboard(composite_dataset(), "fw", D("2024-12-31"))
    # Scores r 100, p 57.5, q 50, s none. Coverage is the targeted weight with data (W records 2,
    # telehealth 1; c is the only scorable telehealth indicator, e has no worst):
    # p = (2×1 + 1×0)/3 = 0.67 and q = (2×(1/4) + 1×1)/3 = 0.5, ranked; r = (0 + 1×1)/3 = 0.33 < 0.5,
    # shown with its score but not ranked; s has no score (coverage 0).
    assert [(s.region, s.rank, s.low_coverage) for s in board.regions] == [
        ("p", 1, False),
        ("q", 2, False),
        ("r", None, True),
        ("s", None, True),
    ]


def test_scoreboard_ties_share_rank() -> None:
    ind = indicator("a")
    fw = framework({"a": [ms("2030-12-31", 100)]})
    values = {"w": 80, "x": 70.04, "y": 69.96, "z": 60}  # attainment = value; 70.04 and 69.96 both show 70.0
    data = dataset([ind], fw, [region(k, {"a": [obs("2024", v)]}) for k, v in values.items()])
    board = scoreboard(data, "fw", D("2024-12-31"))
    assert [(s.region, s.rank) for s in board.regions] == [("w", 1), ("x", 2), ("y", 2), ("z", 4)]


def test_scoreboard_subset_keeps_rank_among_all_provinces() -> None:
    board = scoreboard(composite_dataset(), "fw", D("2024-12-31"), ["q"])
    assert [(s.region, s.rank) for s in board.regions] == [("q", 2)]


def test_largest_gaps_lowest_attainment_first() -> None:
    rows = largest_gaps(composite_dataset(), "fw", D("2024-12-31"))
    assert [(r.region, r.indicator) for r in rows] == [
        ("q", "a"),  # attainment 50, gap 50
        ("p", "b"),  # attainment 50, gap 25
        ("q", "c"),  # attainment 50, gap 20
        ("p", "a"),  # attainment 80
        ("p", "e"),  # gap 30 minutes but no attainment (no worst): last
    ]  # r's c is achieved (no gap); missing values are not gaps


@pytest.mark.parametrize(
    ("indicator_id", "expect"),
    [
        # increase: p1 54/54 = 100, p4 5/10 = 50, p3 30, p2 10/100 = 10, p5 nothing
        ("emr", [(1, "p1"), (2, "p4"), (3, "p3"), (4, "p2"), (None, "p5")]),
        # decrease: lower is better: p3 30, p1 60, p2 90
        ("wait", [(1, "p3"), (2, "p1"), (3, "p2"), (None, "p4"), (None, "p5")]),
    ],
)
def test_rank_on_indicator(indicator_id: str, expect: list[tuple[int | None, str]]) -> None:
    rows = rank_on_indicator(national_dataset(), indicator_id, "fw", D("2025-12-31"))
    assert [(position, r.region) for position, r in rows] == expect


# ---------------------------------------------------------------------------------------------
# Change since one year earlier
# ---------------------------------------------------------------------------------------------


def test_change_against_one_year_earlier() -> None:
    fw = framework({"a": [ms("2030-12-31", 100)]})
    data = dataset([indicator("a")], fw, [region("p", {"a": [obs("2023", 60), obs("2024", 80)]})])
    (row,) = scoreboard(data, "fw", D("2024-12-31")).regions
    assert (row.score, row.previous_score, row.change) == (80.0, 60.0, 20.0)  # 80 now, 60 at 2023-12-31


def test_change_from_february_29_looks_back_to_february_28() -> None:
    fw = framework({"a": [ms("2030-12-31", 100)]})
    series = [obs("2023-02-28", 50), obs("2023-03-01", 60), obs("2024-02-29", 70)]
    data = dataset([indicator("a")], fw, [region("p", {"a": series})])
    board = scoreboard(data, "fw", D("2024-02-29"))
    assert board.previous_as_of == D("2023-02-28")
    (row,) = board.regions
    assert (row.score, row.previous_score, row.change) == (70.0, 50.0, 20.0)  # 2023-03-01 is after A − 1 year


def test_change_is_none_without_earlier_data() -> None:
    fw = framework({"a": [ms("2030-12-31", 100)]})
    data = dataset([indicator("a")], fw, [region("p", {"a": [obs("2024", 80)]})])
    (row,) = scoreboard(data, "fw", D("2024-12-31")).regions
    assert (row.previous_score, row.change) == (None, None)


def test_years_before() -> None:
    assert years_before(D("2024-02-29"), 1) == D("2023-02-28")
    assert years_before(D("2025-12-31"), 2) == D("2023-12-31")


# ---------------------------------------------------------------------------------------------
# National pooling
# ---------------------------------------------------------------------------------------------


def national_dataset(max_age_years: float = 2.0) -> Dataset:
    indicators = [
        indicator("emr", domain="records"),
        indicator("sites", domain="services", unit="count", aggregate="sum"),
        indicator("wait", domain="services", unit="minutes", direction="decrease", aggregate="mean", worst=240),
        indicator("pw", domain="services", aggregate="population-weighted"),
    ]
    fw = framework({"emr": [ms("2030-12-31", 100)], "wait": [ms("2030-12-31", 30)]}, max_age_years=max_age_years)
    regions = [
        region(
            "p1",
            {
                "emr": [obs("2025-09", (54, 54))],
                "sites": [obs("2025", 10)],
                "wait": [obs("2025", 60)],
                "pw": [obs("2025", 10)],
            },
            population=1_000_000,
        ),
        region(
            "p2",
            {
                "emr": [obs("2025-06", (10, 100), "estimated")],
                "sites": [obs("2025", 20)],
                "wait": [obs("2025", 90)],
                "pw": [obs("2025", 20)],
            },
            population=3_000_000,
        ),
        # a bare value for a ratio indicator, stale sites, a 2023 figure exactly two years old, no population
        region(
            "p3",
            {
                "emr": [obs("2025", 30)],
                "sites": [obs("2023-11", 100)],
                "wait": [obs("2023", 30)],
                "pw": [obs("2025", 50)],
            },
        ),
        region("p4", {"emr": [obs("2023-11", (5, 10))]}),  # older than two years at 2025-12-31
        region("p5"),
        region("viet-nam", {"emr": [obs("2024", (40, 100)), obs("2026", (90, 100))]}, level="country"),
    ]
    return dataset(indicators, fw, regions, {"records": 2.0, "services": 1.0})


NATIONAL = [
    pytest.param(
        "emr",
        {
            "value": 41.5584,  # (54 + 10) / (54 + 100) = 64/154, not the mean of 100 % and 10 % (55)
            "numerator": 64,
            "denominator": 154,
            "reporting": 2,  # p3 is a bare value, p4 is stale, p5 has nothing
            "expected": 5,
            "flagged": True,  # p2 is estimated
            "reported": ("2024", 40.0),  # the country's own latest figure at 2025-12-31
            "attainment": 41.5584,
            "gap": 58.4416,
            "gap_count": 90,  # ceil(154 − 64)
        },
        id="ratio-pooled-not-averaged",
    ),
    pytest.param(
        "sites",
        {"value": 30.0, "reporting": 2, "flagged": False, "reported": None, "attainment": None, "target": None},
        id="sum-excludes-stale",  # 10 + 20; p3's 2023-11 figure is more than two years old
    ),
    pytest.param(
        "wait",
        {"value": 60.0, "reporting": 3, "attainment": 85.7143, "gap": 30.0},
        id="mean-includes-exactly-two-years-old",  # (60 + 90 + 30) / 3; (60 − 240)/(30 − 240)
    ),
    pytest.param(
        "pw",
        {"value": 17.5, "reporting": 2},  # (1M × 10 + 3M × 20) / 4M; p3 has no population
        id="population-weighted",
    ),
]


@pytest.mark.parametrize(("indicator_id", "expect"), NATIONAL)
def test_national(indicator_id: str, expect: dict[str, Any]) -> None:
    figures = {f.indicator: f for f in national(national_dataset(), "fw", D("2025-12-31"))}
    fig = figures[indicator_id]
    actual: dict[str, Any] = {}
    for key in expect:
        if key == "reported":
            actual[key] = None if fig.reported is None else (fig.reported.period, fig.reported.value)
        else:
            actual[key] = getattr(fig, key)
    assert actual == {k: _approx(v) for k, v in expect.items()}


def test_national_max_age_from_framework() -> None:
    # With one year, p3's 2023 wait time is too old: (60 + 90) / 2.
    figures = {f.indicator: f for f in national(national_dataset(max_age_years=1), "fw", D("2025-12-31"))}
    assert (figures["wait"].value, figures["wait"].reporting) == (75.0, 2)


def test_national_score() -> None:
    board = scoreboard(national_dataset(), "fw", D("2025-12-31"))
    # records: 64/154 = 41.558; services: wait 85.714 (sites, pw have no target)
    # (2 × 41.558 + 1 × 85.714) / 3 = 56.277
    assert board.national_score == pytest.approx(56.2771, abs=1e-4)
    assert board.national_coverage == 1.0
    assert board.national_flagged is True
    assert "viet-nam" not in [s.region for s in board.regions]  # the country is not ranked among provinces


# ---------------------------------------------------------------------------------------------
# As-of dates
# ---------------------------------------------------------------------------------------------


def test_as_of_defaults_to_latest_observation() -> None:
    data = national_dataset()
    assert default_as_of(data) == D("2026-12-31")  # the country's 2026 figure
    assert as_of_date(data, None) == D("2026-12-31")
    assert as_of_date(data, "2025-Q3") == D("2025-09-30")
    assert as_of_date(data, "2025-09-22") == D("2025-09-22")


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

amounts = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)


@given(
    value=amounts,
    target=amounts,
    worst=st.one_of(st.none(), amounts),
    direction=st.sampled_from(["increase", "decrease"]),
)
def test_attainment_is_between_0_and_100(value: float, target: float, worst: float | None, direction: str) -> None:
    result = attainment_of(value, target, worst, direction)
    assert result is None or 0.0 <= result <= 100.0


@settings(max_examples=60, deadline=None)
@given(
    history=st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=0, max_size=4),
    target=st.floats(min_value=0, max_value=100, allow_nan=False),
    beyond=st.floats(min_value=0, max_value=50, allow_nan=False),
    direction=st.sampled_from(["increase", "decrease"]),
    due=st.sampled_from(["2020-12-31", "2024-12-31", "2030-12-31"]),
)
def test_meeting_the_target_is_achieved(
    history: list[float], target: float, beyond: float, direction: str, due: str
) -> None:
    last = target + beyond if direction == "increase" else max(target - beyond, 0.0)
    values = [*history, last]
    series = [obs(str(2024 - len(values) + 1 + i), v) for i, v in enumerate(values)]
    ind = indicator(unit="count", direction=direction, aggregate="sum", worst=None if direction == "increase" else 200)
    data = dataset([ind], framework({"x": [ms(due, target)]}), [region("p", {"x": series})])
    result: IndicatorResult = evaluate(data, "p", "x", "fw", D("2024-12-31"))
    assert (result.status, result.attainment, result.gap) == ("achieved", 100.0, 0.0)
    assert result.projected_year == 2024


@given(
    st.lists(
        st.integers(min_value=1, max_value=10_000).flatmap(lambda den: st.tuples(st.integers(0, den), st.just(den))),
        min_size=1,
        max_size=20,
    )
)
def test_pooled_ratio_lies_between_province_values(pairs: list[tuple[int, int]]) -> None:
    points = [
        (
            Point(
                period="2024",
                end=D("2024-12-31"),
                value=100 * n / d,
                numerator=n,
                denominator=d,
                quality="reported",
                source="test",
                note=None,
            ),
            None,
        )
        for n, d in pairs
    ]
    result = pooled("ratio", points)
    shares = [100 * n / d for n, d in pairs]
    assert result.value is not None
    assert min(shares) - 1e-9 <= result.value <= max(shares) + 1e-9
    assert len(result.used) == len(pairs)
