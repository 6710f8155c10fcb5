"""Deterministic synthetic datasets in the real file formats, for the benchmark runner.

Every dataset is a complete data root (indicators/, indicators/targets/, provinces/) that must
pass `tracker validate` with no problems: observation keys are defined indicators, ratio
indicators carry integer numerator/denominator pairs with numerator <= denominator, every
observation has a source and `quality: illustrative`, and periods are unique and in order.

The same arguments always give the same bytes: values come from `random.Random` seeded with
strings (stable across processes and hash seeds), and nothing reads the clock.

    python -m benchmarks.generate M /tmp/bench-m      # or L, 2xL, C, XL, or a custom grid:
    python -m benchmarks.generate grid /tmp/x --regions 3 --indicators 2 --periods 3
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SOURCE = "Synthetic benchmark data (not real figures)"
COUNTRY = "viet-nam"
FRAMEWORK = "smart-healthcare-2030"

DOMAINS = [
    ("records", "Medical records", "Hồ sơ bệnh án"),
    ("telehealth", "Telehealth", "Khám chữa bệnh từ xa"),
    ("ai", "Artificial intelligence", "Trí tuệ nhân tạo"),
    ("services", "Digital patient services", "Dịch vụ số cho người bệnh"),
    ("data", "Health data", "Dữ liệu y tế"),
]

# The indicator shapes found in the real data, cycled so any count mixes them:
# ratio = percent pooled from counts, wait = lower is better, count = summed,
# rate = population-weighted, share = a percent given as a bare value and averaged.
_SHAPES = ["ratio", "ratio", "wait", "ratio", "count", "rate", "ratio", "share"]
_UNIT = {"ratio": "percent", "wait": "minutes", "count": "count", "rate": "per-1000", "share": "percent"}
_AGGREGATE = {"ratio": "ratio", "wait": "mean", "count": "sum", "rate": "population-weighted", "share": "mean"}


@dataclass(frozen=True)
class Grid:
    """A dataset of `regions` provinces x `indicators` indicators x `periods` periods of `step`."""

    regions: int
    indicators: int
    periods: int
    step: str  # "year" | "quarter" | "month" | "day"
    last: str  # the last period of every series


# The named sizes of the benchmark. XL is one province with daily figures (see `generate_xl`).
SIZES: dict[str, Grid] = {
    "M": Grid(regions=34, indicators=25, periods=60, step="month", last="2025-12"),
    "L": Grid(regions=3000, indicators=12, periods=8, step="quarter", last="2025-Q4"),
    "2xL": Grid(regions=6000, indicators=12, periods=8, step="quarter", last="2025-Q4"),
    # Commune scale: the 3,321 communes and wards in force since 1 July 2025, each tracked monthly
    # for two years (every commune health station is an EMR target).
    "C": Grid(regions=3321, indicators=12, periods=24, step="month", last="2025-12"),
}
XL_BYTES = 20_000_000
XL_INDICATORS = 25
XL_REGION = "xl-province"


def periods(step: str, last: str, count: int) -> list[str]:
    """`count` consecutive periods of `step` ending with `last`, oldest first."""
    out: list[str] = []
    if step == "year":
        return [str(int(last) - i) for i in range(count - 1, -1, -1)]
    if step == "quarter":
        year, quarter = int(last[:4]), int(last[-1])
        for _ in range(count):
            out.append(f"{year}-Q{quarter}")
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    elif step == "month":
        year, month = int(last[:4]), int(last[5:7])
        for _ in range(count):
            out.append(f"{year}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif step == "day":
        day = date.fromisoformat(last)
        out = [(day - timedelta(days=i)).isoformat() for i in range(count)]
    else:
        raise ValueError(f"unknown step {step!r}")
    return out[::-1]


def indicator_id(i: int) -> str:
    return f"synthetic-{_SHAPES[i % len(_SHAPES)]}-{i + 1:02d}"


def region_id(i: int, width: int) -> str:
    return f"region-{i + 1:0{width}d}"


# ---------------------------------------------------------------------------------------------
# Definition files: domains, indicators, the target framework
# ---------------------------------------------------------------------------------------------


def _domains_yaml() -> str:
    lines = ["# Synthetic benchmark domains (same ids as the bundled data).", "domains:"]
    for ident, en, vi in DOMAINS:
        lines += [f"  - id: {ident}", f"    name: {{en: {en}, vi: {vi}}}", "    weight: 1"]
    return "\n".join(lines) + "\n"


def _indicator_yaml(i: int) -> str:
    shape = _SHAPES[i % len(_SHAPES)]
    ident = indicator_id(i)
    lines = [
        f"id: {ident}",
        f"name: {{en: Synthetic indicator {i + 1} ({shape}), vi: Chỉ số tổng hợp {i + 1} ({shape})}}",
        f"domain: {DOMAINS[i % len(DOMAINS)][0]}",
        f"unit: {_UNIT[shape]}",
        f"direction: {'decrease' if shape == 'wait' else 'increase'}",
    ]
    if shape == "ratio":
        lines += ["numerator: Facilities meeting the criterion", "denominator: Facilities in the region"]
    lines.append(f"aggregate: {_AGGREGATE[shape]}")
    lines.append(f"weight: {1 + i % 3}")
    if shape == "wait":
        lines.append("worst: 240")
    lines += [
        "definition: >-",
        f"  A synthetic {shape} indicator generated for performance benchmarks; the",
        "  figures are invented and only their shape follows the real data.",
        f"sources: [{SOURCE}]",
    ]
    return "\n".join(lines) + "\n"


def _milestones(shape: str) -> list[tuple[str, str]]:
    final = {"ratio": "100", "share": "90", "wait": "30", "count": "5000", "rate": "12.5"}[shape]
    interim = {"ratio": "80", "share": "60", "wait": "60", "count": "2500", "rate": "8"}[shape]
    return [("2025-12-31", interim), ("2030-12-31", final)]


def _framework_yaml(count: int) -> str:
    lines = [
        f"id: {FRAMEWORK}",
        "name: {en: Synthetic smart healthcare targets, vi: Mục tiêu y tế thông minh (tổng hợp)}",
        f"source: {SOURCE}",
        "targets:",
    ]
    for i in range(count):
        if i % 5 == 2:  # like the `ai` domain: tracked, but no national target
            continue
        lines.append(f"  {indicator_id(i)}:")
        for by, value in _milestones(_SHAPES[i % len(_SHAPES)]):
            lines.append(f"    - {{by: {by}, value: {value}, source: {SOURCE}}}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Observations
# ---------------------------------------------------------------------------------------------


def _series(rng: random.Random, shape: str, count: int) -> list[tuple[str, ...]]:
    """`count` plausible, mostly improving values as the YAML lines of each observation. No value
    falls to less than half the one before, which `validate` would warn about as a likely typo
    (`sharp-fall`): the data must validate without a single problem."""
    out: list[tuple[str, ...]] = []
    if shape == "ratio":
        denominator = rng.randint(4, 400)
        share = rng.uniform(0.05, 0.6)
        numerator = 0
        for _ in range(count):
            share = min(1.0, max(0.0, share + rng.uniform(-0.02, 0.08)))
            numerator = max(round(share * denominator), (numerator + 1) // 2)
            out.append((f"numerator: {numerator}", f"denominator: {denominator}"))
    elif shape == "wait":
        minutes = rng.uniform(60, 200)
        for _ in range(count):
            minutes = max(5.0, minutes - rng.uniform(-3, 8))
            out.append((f"value: {minutes:.1f}",))
    elif shape == "count":
        total = rng.randint(0, 2000)
        for _ in range(count):
            total += rng.randint(0, 150)
            out.append((f"value: {total}",))
    elif shape == "rate":
        rate = rng.uniform(0.5, 6)
        for _ in range(count):
            rate = max(0.5, rate + rng.uniform(-0.1, 0.4))  # a step of -0.1 from 0.5 or more is no halving
            out.append((f"value: {rate:.2f}",))
    else:  # share
        share = rng.uniform(5, 60)
        for _ in range(count):
            share = min(100.0, max(5.0, share + rng.uniform(-1, 5)))  # nor is a step of -1 from 5 or more
            out.append((f"value: {share:.1f}",))
    return out


def _observations(lines: list[str], seed: str, indicators: int, span: list[str]) -> None:
    lines.append("observations:")
    for i in range(indicators):
        ident = indicator_id(i)
        rng = random.Random(f"{seed}/{ident}")
        lines.append(f"  {ident}:")
        series = _series(rng, _SHAPES[i % len(_SHAPES)], len(span))
        for k, (period, fields) in enumerate(zip(span, series, strict=True)):
            lines.append(f"    - period: {period}")
            lines.extend(f"      {f}" for f in fields)
            lines.append(f"      source: {SOURCE}")
            lines.append("      quality: illustrative")
            if k % 16 == 7:
                lines.append("      note: Synthetic figure; the series is invented for benchmarking")


def _region_yaml(ident: str, number: int, seed: str, indicators: int, span: list[str]) -> str:
    rng = random.Random(f"{seed}/{ident}/population")
    lines = [
        "# yaml-language-server: $schema=../schema/province.schema.json",
        f"id: {ident}",
        f"name: {{en: Region {number}, vi: Vùng {number}}}",
        "level: province",
        "kind: province",
        f"parent: {COUNTRY}",
        f"population: {{value: {rng.randint(300_000, 9_000_000)}, year: 2024, source: {SOURCE}}}",
    ]
    _observations(lines, f"{seed}/{ident}", indicators, span)
    return "\n".join(lines) + "\n"


def _country_yaml(seed: str, indicators: int, span: list[str]) -> str:
    lines = [
        f"id: {COUNTRY}",
        "name: {en: Viet Nam, vi: Việt Nam}",
        "level: country",
        f"population: {{value: 101300000, year: 2024, source: {SOURCE}}}",
    ]
    # The nationally reported figures: the last two periods of every indicator.
    _observations(lines, f"{seed}/{COUNTRY}", indicators, span[-2:])
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _definitions(root: Path, indicators: int) -> None:
    _write(root / "indicators" / "domains.yaml", _domains_yaml())
    for i in range(indicators):
        _write(root / "indicators" / f"{indicator_id(i)}.yaml", _indicator_yaml(i))
    _write(root / "indicators" / "targets" / f"{FRAMEWORK}.yaml", _framework_yaml(indicators))


def _fresh(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)


def generate_grid(root: Path, grid: Grid, seed: str = "tracker-bench") -> Path:
    """Write a data root of `grid.regions` provinces (plus the country) into `root` (emptied first)."""
    _fresh(root)
    _definitions(root, grid.indicators)
    span = periods(grid.step, grid.last, grid.periods)
    width = max(4, len(str(grid.regions)))
    for n in range(grid.regions):
        ident = region_id(n, width)
        _write(root / "provinces" / f"{ident}.yaml", _region_yaml(ident, n + 1, seed, grid.indicators, span))
    _write(root / "provinces" / f"{COUNTRY}.yaml", _country_yaml(seed, grid.indicators, span))
    return root


def generate_xl(root: Path, target_bytes: int = XL_BYTES, seed: str = "tracker-bench") -> Path:
    """A data root whose one province file holds daily figures for 25 indicators, about `target_bytes` long."""
    _fresh(root)
    _definitions(root, XL_INDICATORS)
    # Size one day of all indicators, then take as many days as fit in the target.
    sample = _region_yaml(XL_REGION, 1, seed, XL_INDICATORS, periods("day", "2025-12-31", 100))
    days = max(2, round(100 * target_bytes / len(sample.encode())))
    span = periods("day", "2025-12-31", days)
    _write(root / "provinces" / f"{XL_REGION}.yaml", _region_yaml(XL_REGION, 1, seed, XL_INDICATORS, span))
    _write(root / "provinces" / f"{COUNTRY}.yaml", _country_yaml(seed, XL_INDICATORS, span))
    return root


# The import benchmark: a ministry spreadsheet of figures for the former provinces, as CSV.
IMPORT_ROWS = 2000
# Months that end no quarter or year, from 2016 to 2024: no new period ends on the day of a
# quarterly or yearly figure already in the data (that would be a second spelling of it, refused).
_IMPORT_PERIODS = [f"{year}-{month:02d}" for year in range(2016, 2025) for month in (1, 2, 4, 5, 7, 8, 10, 11)]


def import_csv(root: Path, rows: int = IMPORT_ROWS, seed: str = "tracker-bench") -> str:
    """CSV text of `rows` new figures for the former provinces listed in the data root's province
    files (by ISO code), cycling through them and through the indicators: what `tracker import
    csv` reads. Ratio indicators get numerator/denominator, the others a value in their range."""
    from ruamel.yaml import YAML

    load = YAML(typ="safe").load
    indicators = []
    for path in sorted((root / "indicators").glob("*.yaml")):
        data = load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "aggregate" in data:
            indicators.append((data["id"], data["aggregate"], data["unit"]))
    codes = []
    for path in sorted((root / "provinces").glob("*.yaml")):
        data = load(path.read_text(encoding="utf-8"))
        codes += [entry["iso"] for entry in (data.get("former") or {}).values()]
    if not indicators or not codes:
        raise ValueError(f"{root}: no indicators or no former provinces to import figures for")
    lines = ["province,indicator,period,value,numerator,denominator,source,quality"]
    series = [(code, indicator) for code in codes for indicator in indicators]
    for n in range(rows):
        code, (ident, aggregate, unit) = series[n % len(series)]
        period = _IMPORT_PERIODS[(n // len(series)) * 7 % len(_IMPORT_PERIODS)]
        rng = random.Random(f"{seed}/{code}/{ident}/{period}")
        if aggregate == "ratio":
            denominator = rng.randint(4, 60)
            figure = f",{rng.randint(0, denominator)},{denominator}"
        else:
            figure = f"{rng.uniform(0, 100 if unit == 'percent' else 500):.1f},,"
        lines.append(f"{code},{ident},{period},{figure},{SOURCE},illustrative")
    return "\n".join(lines) + "\n"


def generate(size: str, root: Path, seed: str = "tracker-bench") -> Path:
    """One of the named sizes: M, L, 2xL, C or XL."""
    if size == "XL":
        return generate_xl(root, seed=seed)
    return generate_grid(root, SIZES[size], seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("size", choices=[*SIZES, "XL", "grid"])
    parser.add_argument("root", type=Path, help="folder to (re)create; its contents are deleted")
    parser.add_argument("--regions", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=2)
    parser.add_argument("--periods", type=int, default=3)
    parser.add_argument("--seed", default="tracker-bench")
    args = parser.parse_args(argv)
    if args.size == "grid":
        generate_grid(args.root, Grid(args.regions, args.indicators, args.periods, "quarter", "2025-Q4"), args.seed)
    else:
        generate(args.size, args.root, args.seed)
    files = list(args.root.rglob("*.yaml"))
    size = sum(f.stat().st_size for f in files)
    print(f"{args.root}: {len(files)} files, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
