"""The documented machine-readable output: the JSON documents (`--format json`) and the CSV exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tracker.asof import latest_figure
from tracker.compare import BenchmarkRow
from tracker.completeness import Cell, Completeness
from tracker.fmt import indicator_name, region_name, unit_of
from tracker.model import Dataset, Event, Region
from tracker.national import NationalFigure, Scoreboard
from tracker.score import IndicatorResult, RegionScore, Target
from tracker.series import Point, partial_periods
from tracker.stages import StageResult, maturity_stage, stage_counts


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
        "flagged": point.flagged,
        "source": point.source,
        "note": point.note,
        "quote": point.quote,
        "derived": point.derived,
        **(
            {"parts": [{"former": part.former, **(point_json(part.point) or {})} for part in point.parts]}
            if point.parts
            else {}
        ),
    }


def _fields(item: object | None, *names: str, **renamed: str) -> dict[str, Any] | None:
    """The named attributes of a record as JSON (dates as ISO text; `key="attribute"` renames one),
    or None for no record."""
    if item is None:
        return None
    pairs = [(name, name) for name in names] + list(renamed.items())
    values = {key: getattr(item, attribute) for key, attribute in pairs}
    return {key: v.isoformat() if isinstance(v, date) else v for key, v in values.items()}


def target_json(target: Target | None) -> dict[str, Any] | None:
    return _fields(target, "by", "value", "source", province_override="overridden")


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


def score_fields(rs: RegionScore) -> dict[str, Any]:
    """The keys a province's score carries in every JSON document, in their documented order."""
    return {
        "score": _round(rs.score),
        "coverage": _round(rs.coverage, 3),
        "low_coverage": rs.low_coverage,
        "flagged": rs.flagged,
        "rank": rs.rank,
        "previous_score": _round(rs.previous_score),
        "change": _round(rs.change),
    }


LISTS = ("indicators", "provinces", "frameworks")


def listing(dataset: Dataset, what: str) -> list[dict[str, Any]]:
    """`tracker list WHAT`: the ids a command takes, with names, in id order. Indicators carry
    their domain and unit; provinces (the country first) their level and former provinces;
    frameworks their kind (target or benchmark)."""
    if what == "indicators":
        return [
            {"id": i.id, "name": {"en": i.name.en, "vi": i.name.vi}, "domain": i.domain, "unit": i.unit}
            for i in sorted(dataset.indicators.values(), key=lambda i: i.id)
        ]
    if what == "provinces":
        regions = sorted(dataset.regions.values(), key=lambda r: (r.level != "country", r.id))
        return [
            {
                "id": r.id,
                "name": {"en": r.name.en, "vi": r.name.vi},
                "level": r.level,
                "former": list(r.former) if r.merged else [],
            }
            for r in regions
        ]
    if what == "frameworks":
        return [
            {"id": f.id, "name": {"en": f.name.en, "vi": f.name.vi}, "kind": f.kind}
            for f in sorted(dataset.frameworks.values(), key=lambda f: f.id)
        ]
    raise ValueError(f"nothing to list as {what!r}")


def region_json(dataset: Dataset, rs: RegionScore, framework: str, as_of: date) -> dict[str, Any]:
    region = dataset.regions[rs.region]
    return {
        "province": rs.region,
        "name": {"en": region.name.en, "vi": region.name.vi},
        **dated(dataset, framework, as_of),
        **score_fields(rs),
        "domains": [
            {"id": d.id, "score": _round(d.score), "coverage": _round(d.coverage, 3), "flagged": d.flagged}
            for d in rs.domains
        ],
        "indicators": [_with_partial(dataset, region, indicator_json(r)) for r in rs.indicators],
        "stage": stage_json(maturity_stage(dataset, rs.region, as_of)),
        "former": [
            {"id": fid, "name": {"en": f.name.en, "vi": f.name.vi}, "iso": f.iso} for fid, f in region.former.items()
        ],
        "events": [event_json(e) for e in region.events_newest_first()],
    }


def _with_partial(dataset: Dataset, region: Region, document: dict[str, Any]) -> dict[str, Any]:
    """An indicator's document with the periods only some former provinces report (never used as figures)."""
    partial = partial_periods(region, dataset.indicators[document["id"]]) if region.merged else []
    document["partial"] = [
        {"period": p.period, "end": p.end.isoformat(), "have": list(p.have), "missing": list(p.missing)}
        for p in partial
    ]
    return document


def _cell_json(cell: Cell | None) -> dict[str, Any] | None:
    return _fields(cell, "period", "end", "quality", "derived", "fresh")


def completeness_json(dataset: Dataset, report: Completeness) -> dict[str, Any]:
    """`tracker coverage --format json`: per indicator and per province × indicator."""
    return {
        "as_of": report.as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, report.as_of),
        "fresh_since": report.fresh_since.isoformat(),
        "indicators": [
            {
                "id": r.indicator,
                "with_figure": r.with_figure,
                "fresh": r.fresh,
                "expected": r.expected,
                "national": _cell_json(r.national),
            }
            for r in report.indicators
        ],
        "provinces": [
            {
                "id": pid,
                "figures": report.figures(pid),
                "indicators": {iid: _cell_json(cell) for iid, cell in row.items()},
            }
            for pid, row in report.cells.items()
        ],
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "date": event.date,
        "text": {"en": event.text.en, "vi": event.text.vi},
        "source": event.source,
        "quote": event.quote,
        "note": event.note,
    }


def stage_json(
    result: StageResult | None, history: Sequence[tuple[int, StageResult]] | None = None
) -> dict[str, Any] | None:
    """One region's maturity stage: `{region, stage, name, flagged, next_stage, blockers[, history]}`."""
    if result is None:
        return None
    document: dict[str, Any] = {
        "region": result.region,
        "stage": result.stage,
        "name": {"en": result.name[0], "vi": result.name[1]},
        "flagged": result.flagged,
        "next_stage": result.next_stage,
        "blockers": [
            {"indicator": c.indicator, "op": c.op, "value": c.value, "current": point_json(c.current), "to_go": c.to_go}
            for c in result.blockers
        ],
    }
    if history is not None:
        document["history"] = [{"year": year, "stage": r.stage, "flagged": r.flagged} for year, r in history]
    return document


def stages_json(
    dataset: Dataset, results: Sequence[StageResult], history: dict[str, list[tuple[int, StageResult]]], as_of: date
) -> dict[str, Any]:
    """Every region's stage (with its history), the count per stage at as-of, and the counts per year."""
    years = sorted({year for rows in history.values() for year, _ in rows})

    def counts(chosen: Sequence[StageResult]) -> list[dict[str, Any]]:
        return [
            {"stage": c.stage, "name": {"en": c.name[0], "vi": c.name[1]}, "provinces": c.regions, "flagged": c.flagged}
            for c in stage_counts(dataset, chosen)
        ]

    return {
        "as_of": as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, as_of),
        "counts": counts(results),
        "by_year": [
            {"year": year, "counts": counts([r for rows in history.values() for y, r in rows if y == year])}
            for year in years
        ],
        "provinces": [stage_json(r, history.get(r.region)) for r in results],
    }


def comparison_json(
    dataset: Dataset, region_id: str, framework: str, as_of: date, rows: Sequence[BenchmarkRow]
) -> dict[str, Any]:
    """A region beside a benchmark, indicator by indicator; indicators the benchmark has no value for listed apart."""
    region = dataset.regions[region_id]
    fw = dataset.frameworks[framework]
    indicators = []
    for row in rows:
        r = row.result
        if r.target is None:
            continue
        pooled = None
        if row.pooled is not None:
            f = row.pooled
            pooled = {
                **_pooled_fields(f),
                "distance": _round(f.gap),
                "distance_count": f.gap_count,
                "attainment": _round(f.attainment),
            }
        indicators.append(
            {
                "id": row.indicator,
                "latest": point_json(r.latest),
                "benchmark": {
                    "by": r.target.by.isoformat(),
                    "value": r.target.value,
                    "source": r.target.source,
                    "note": r.target.note,
                },
                "distance": _round(r.gap),
                "distance_count": r.gap_count,
                "attainment": _round(r.attainment),
                "status": r.status,
                "projected_year": r.projected_year,
                "quality": r.quality,
                "pooled": pooled,
            }
        )
    return {
        "region": region_id,
        "name": {"en": region.name.en, "vi": region.name.vi},
        "benchmark": {"id": fw.id, "name": {"en": fw.name.en, "vi": fw.name.vi}, "kind": fw.kind, "source": fw.source},
        **dated(dataset, None, as_of),
        "indicators": indicators,
        "without_benchmark": [row.indicator for row in rows if row.result.target is None],
    }


def _pooled_fields(figure: NationalFigure) -> dict[str, Any]:
    """A pooled figure's value, its sums and how many provinces it pools."""
    fields = _fields(figure, "numerator", "denominator", "reporting", "expected", "flagged") or {}
    return {"value": _round(figure.value), **fields}


def national_json(figure: NationalFigure) -> dict[str, Any]:
    return {
        "id": figure.indicator,
        **_pooled_fields(figure),
        "reported": point_json(figure.reported),
        "attainment": _round(figure.attainment),
        "gap": _round(figure.gap),
        "target": target_json(figure.target),
    }


def scoreboard_json(dataset: Dataset, sb: Scoreboard) -> dict[str, Any]:
    return {
        **dated(dataset, sb.framework, sb.as_of),
        "previous_as_of": _date(sb.previous_as_of),
        "provinces": [
            {
                "id": rs.region,
                "name": dataset.regions[rs.region].name.vi,
                "name_en": dataset.regions[rs.region].name.en,
                **score_fields(rs),
                "domains": {d.id: _round(d.score) for d in rs.domains},
                "stage": stage_json(maturity_stage(dataset, rs.region, sb.as_of)),
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


def gaps_json(dataset: Dataset, framework: str, as_of: date, rows: Sequence[IndicatorResult]) -> dict[str, Any]:
    """`tracker gaps --format json`."""
    return {
        **dated(dataset, framework, as_of),
        "gaps": [indicator_json(r) for r in rows],
    }


def rank_json(
    dataset: Dataset,
    indicator: str,
    framework: str,
    as_of: date,
    rows: Sequence[tuple[int | None, IndicatorResult]],
    pooled: NationalFigure | None,
) -> dict[str, Any]:
    """`tracker rank --format json`: the provinces with their rank, and the pooled national figure."""
    return {
        "indicator": indicator,
        **dated(dataset, framework, as_of),
        "provinces": [{"rank": position, **indicator_json(r)} for position, r in rows],
        "national": national_json(pooled) if pooled else None,
    }


def dated(dataset: Dataset, framework: str | None, as_of: date) -> dict[str, Any]:
    """The keys that say what a document is scored against: `framework` (unless None), `as_of` and
    `as_of_source`."""
    return ({"framework": framework} if framework is not None else {}) | {
        "as_of": as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, as_of),
    }


def as_of_source_json(dataset: Dataset, as_of: date) -> dict[str, Any] | None:
    """`{region, indicator, period, former}` of the observation that sets the as-of date, or null
    when the date is not that of the latest figure (an --as-of)."""
    latest = latest_figure(dataset)
    if latest is None or latest.end != as_of:
        return None
    return {"region": latest.region, "indicator": latest.indicator, "period": latest.period, "former": latest.former}


# ---------------------------------------------------------------------------------------------
# CSV: tidy tables
# ---------------------------------------------------------------------------------------------

OBSERVATION_COLUMNS = (
    "province",
    "indicator",
    "period",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "unit",
    "quality",
    "source",
    "note",
)
SCORE_COLUMNS = (
    "province",
    "indicator",
    "latest_period",
    "latest_value",
    "target_value",
    "target_by",
    "attainment",
    "gap",
    "gap_count",
    "status",
    "projected_value",
    "projected_year",
    "quality",
    "framework",
    "as_of",
)
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_number(value: float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    rounded = round(value, digits)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def _csv(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    excel: bool,
    delimiter: str = ",",
    numbers: Sequence[str] = (),
    periods: Sequence[str] = (),
) -> str:
    """RFC 4180: comma-separated, CRLF line ends, fields quoted when they need it.

    `excel`: a byte-order mark first, so Excel reads UTF-8 (Vietnamese names), and text that a
    spreadsheet would run as a formula is prefixed with an apostrophe, as OWASP recommends; the
    `periods` columns are written as `="2025-09"`, text Excel shows as is instead of turning it
    into a date. `delimiter` `;` writes the `numbers` columns with a decimal comma, as Excel reads
    them in a Vietnamese (or most European) locale.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    comma = {i for i, c in enumerate(columns) if c in numbers} if delimiter == ";" else set()
    as_text = {i for i, c in enumerate(columns) if c in periods} if excel else set()
    for row in rows:
        if excel:
            row = ["'" + cell if cell.startswith(_FORMULA_START) else cell for cell in row]
        if comma or as_text:
            row = [
                (f'="{cell}"' if i in as_text and cell else cell.replace(".", ",") if i in comma else cell)
                for i, cell in enumerate(row)
            ]
        writer.writerow(row)
    return (BOM if excel else "") + buffer.getvalue()


def _with_names(
    columns: Sequence[str], rows: Iterable[Sequence[str]], dataset: Dataset, lang: str
) -> tuple[list[str], list[list[str]]]:
    """`province_name` after `province` and `indicator_name` after `indicator`, in `lang`."""
    at_province, at_indicator = columns.index("province"), columns.index("indicator")
    named = list(columns)
    named.insert(at_indicator + 1, "indicator_name")
    named.insert(at_province + 1, "province_name")
    out = []
    for row in rows:
        row = list(row)
        row.insert(at_indicator + 1, indicator_name(dataset, row[at_indicator], lang))
        row.insert(at_province + 1, region_name(dataset, row[at_province], lang))
        out.append(row)
    return named, out


def observation_rows(
    dataset: Dataset, region_ids: Sequence[str] | None = None, as_of: date | None = None
) -> list[list[str]]:
    """One row per observation (province, indicator, period...), regions and indicators in dataset order.

    `value` is the number the scoring uses: the recorded value, or 100 × numerator / denominator.
    """
    ids = list(dataset.regions) if region_ids is None else list(dict.fromkeys(region_ids))
    order = {iid: i for i, iid in enumerate(dataset.indicators)}
    rows: list[list[str]] = []
    for rid in ids:
        region = dataset.regions[rid]
        for iid in sorted(region.observations, key=lambda i: (order.get(i, len(order)), i)):
            for o in sorted(region.observations[iid], key=lambda o: o.end):
                if as_of is not None and o.end > as_of:
                    continue
                rows.append(
                    [
                        rid,
                        iid,
                        o.period,
                        o.end.isoformat(),
                        _csv_number(o.number),
                        _csv_number(o.numerator),
                        _csv_number(o.denominator),
                        unit_of(dataset, iid),
                        o.quality,
                        o.source,
                        o.note or "",
                    ]
                )
    return rows


def observations_csv(
    dataset: Dataset,
    region_ids: Sequence[str] | None = None,
    as_of: date | None = None,
    *,
    excel: bool = False,
    lang: str = "en",
    delimiter: str = ",",
) -> str:
    """`excel` adds the names in `lang` and keeps periods as text (see `_csv` for `delimiter`)."""
    columns, rows = list(OBSERVATION_COLUMNS), observation_rows(dataset, region_ids, as_of)
    if excel:
        columns, rows = _with_names(columns, rows, dataset, lang)
    return _csv(columns, rows, excel, delimiter, ("value",), ("period",))


def score_rows(sb: Scoreboard) -> list[list[str]]:
    """One row per listed region and indicator: the computed results of the scoreboard."""
    rows: list[list[str]] = []
    for rs in sb.regions:
        for r in rs.indicators:
            rows.append(
                [
                    r.region,
                    r.indicator,
                    r.latest.period if r.latest else "",
                    _csv_number(r.latest.value if r.latest else None),
                    _csv_number(r.target.value if r.target else None),
                    r.target.by.isoformat() if r.target else "",
                    _csv_number(r.attainment, 2),
                    _csv_number(r.gap, 2),
                    _csv_number(r.gap_count),
                    r.status,
                    _csv_number(r.projected_value, 2),
                    _csv_number(r.projected_year),
                    r.quality or "",
                    sb.framework,
                    sb.as_of.isoformat(),
                ]
            )
    return rows


def scores_csv(
    sb: Scoreboard, *, excel: bool = False, dataset: Dataset | None = None, lang: str = "en", delimiter: str = ","
) -> str:
    """`excel` (with the `dataset` for the names) adds the names in `lang` and keeps periods as text."""
    columns, rows = list(SCORE_COLUMNS), score_rows(sb)
    if excel and dataset is not None:
        columns, rows = _with_names(columns, rows, dataset, lang)
    numbers = ("latest_value", "target_value", "attainment", "gap", "projected_value")
    return _csv(columns, rows, excel, delimiter, numbers, ("latest_period",))


# ---------------------------------------------------------------------------------------------
# JSON: the whole computed picture
# ---------------------------------------------------------------------------------------------


def export_json(dataset: Dataset, sb: Scoreboard, stamp: str | None = None) -> dict[str, Any]:
    """The scoreboard (as `report --format json`) and every listed province (as `show --format json`)."""
    document: dict[str, Any] = {
        **dated(dataset, sb.framework, sb.as_of),
        "scoreboard": scoreboard_json(dataset, sb),
        "provinces": [region_json(dataset, rs, sb.framework, sb.as_of) for rs in sb.regions],
    }
    if stamp is not None:
        document["generated"] = stamp
    return document
