"""One region beside a benchmark framework (Sweden 2025, EU 2030), indicator by indicator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.model import Dataset, Framework, Region
from tracker.national import NationalFigure, national
from tracker.score import IndicatorResult, evaluate, lookup_framework, lookup_region


@dataclass(frozen=True)
class BenchmarkRow:
    """One indicator of a region beside a benchmark.

    `result` is the region's own series evaluated against the benchmark framework: its latest
    figure, the benchmark value as target, the gap (the distance still to go), and the year the
    linear trend reaches the benchmark. For the country, `result` is the nationally reported series
    and `pooled` the figure pooled from the provinces (with its own gap to the benchmark)."""

    indicator: str
    result: IndicatorResult
    pooled: NationalFigure | None = None


def compare_with_benchmark(
    dataset: Dataset, region: Region | str, framework: Framework | str, as_of: date
) -> list[BenchmarkRow]:
    """Every indicator of `region` beside `framework`'s value for it (None target: no benchmark value)."""
    reg = lookup_region(dataset, region)
    fw = lookup_framework(dataset, framework)
    pooled = {f.indicator: f for f in national(dataset, fw, as_of)} if reg.level == "country" else {}
    return [
        BenchmarkRow(ind.id, evaluate(dataset, reg, ind, fw, as_of), pooled.get(ind.id))
        for ind in dataset.indicators.values()
    ]
