"""Machine-readable and document output: JSON (the documented interface), and the ministry exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.model import Dataset
from tracker.score import IndicatorResult, NationalFigure, Point, RegionScore, Scoreboard, Target


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def point_json(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "period": point.period,
        "end": point.end.isoformat(),
        "value": _round(point.value, 4),
        "numerator": point.numerator,
        "denominator": point.denominator,
        "quality": point.quality,
        "source": point.source,
    }


def target_json(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {"by": target.by.isoformat(), "value": target.value, "source": target.source, "province_override": target.overridden}


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    return {
        "id": r.indicator,
        "province": r.region,
        "latest": point_json(r.latest),
        "baseline": point_json(r.baseline),
        "target": target_json(r.target),
        "attainment": _round(r.attainment),
        "gap": _round(r.gap),
        "gap_count": r.gap_count,
        "status": r.status,
        "current_ratio": _round(r.current_ratio, 3),
        "actual_rate": _round(r.actual_rate, 3),
        "required_rate": _round(r.required_rate, 3),
        "projected_value": _round(r.projected_value),
        "projected_year": r.projected_year,
        "quality": r.quality,
    }


def region_json(dataset: Dataset, rs: RegionScore, framework: str, as_of: date) -> dict[str, Any]:
    region = dataset.regions[rs.region]
    return {
        "province": rs.region,
        "name": {"en": region.name.en, "vi": region.name.vi},
        "framework": framework,
        "as_of": as_of.isoformat(),
        "score": _round(rs.score),
        "coverage": _round(rs.coverage, 3),
        "low_coverage": rs.low_coverage,
        "flagged": rs.flagged,
        "rank": rs.rank,
        "previous_score": _round(rs.previous_score),
        "change": _round(rs.change),
        "domains": [{"id": d.id, "score": _round(d.score), "coverage": _round(d.coverage, 3), "flagged": d.flagged} for d in rs.domains],
        "indicators": [indicator_json(r) for r in rs.indicators],
    }


def national_json(figure: NationalFigure) -> dict[str, Any]:
    return {
        "id": figure.indicator,
        "value": _round(figure.value),
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "reporting": figure.reporting,
        "expected": figure.expected,
        "flagged": figure.flagged,
        "reported": point_json(figure.reported),
        "attainment": _round(figure.attainment),
        "gap": _round(figure.gap),
        "target": target_json(figure.target),
    }


def scoreboard_json(dataset: Dataset, sb: Scoreboard) -> dict[str, Any]:
    return {
        "framework": sb.framework,
        "as_of": sb.as_of.isoformat(),
        "previous_as_of": _date(sb.previous_as_of),
        "provinces": [
            {
                "id": rs.region,
                "name": dataset.regions[rs.region].name.vi,
                "name_en": dataset.regions[rs.region].name.en,
                "score": _round(rs.score),
                "coverage": _round(rs.coverage, 3),
                "low_coverage": rs.low_coverage,
                "flagged": rs.flagged,
                "rank": rs.rank,
                "previous_score": _round(rs.previous_score),
                "change": _round(rs.change),
                "domains": {d.id: _round(d.score) for d in rs.domains},
            }
            for rs in sb.regions
        ],
        "national": {
            "score": _round(sb.national_score),
            "coverage": _round(sb.national_coverage, 3),
            "flagged": sb.national_flagged,
            "indicators": [national_json(f) for f in sb.national],
        },
    }
