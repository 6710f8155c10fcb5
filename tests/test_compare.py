"""`tracker compare`: a province (or the nation) beside a benchmark, worked by hand.

The small cases add a benchmark to a copy of the mini fixture; the bundled cases use sweden-2025 and
eu-digital-decade-2030 with figures read from provinces/ha-noi.yaml. Distances and projected years
are computed by hand from methodology.md ("Gap", "Projection"), not by the code under test:
days to go = (T − L) × days(B → L) / (L − B), counted from the date of L.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import DEMO, check_golden
from tests.test_cli import run
from tracker.asof import as_of_date
from tracker.compare import compare_with_benchmark
from tracker.documents import comparison_json
from tracker.load import load_dataset
from tracker.model import Dataset
from tracker.terminal import render
from tracker.views import compare_table

AS_OF = date(2025, 12, 31)

BENCH = """\
id: bench-test
name: {en: Test benchmark, vi: Mức tham chiếu thử}
kind: benchmark
source: test
targets:
  emr-hospital-coverage:
    - {by: 2027-12-31, value: 90, source: Bench source A}
  outpatient-wait-minutes:
    - {by: 2030-12-31, value: 20, source: Bench source B}
"""
# Only EMR: the waiting time has no benchmark value.
BENCH_EMR_ONLY = BENCH.replace("bench-test", "bench-emr").split("  outpatient-wait-minutes:")[0]


def load(root: Path) -> Dataset:
    dataset, problems = load_dataset(root, use_cache=False)
    assert not [p for p in problems if p.level == "error"], problems
    return dataset


@pytest.fixture
def benched(mini: Path) -> Path:
    (mini / "indicators" / "targets" / "bench-test.yaml").write_text(BENCH, encoding="utf-8")
    (mini / "indicators" / "targets" / "bench-emr.yaml").write_text(BENCH_EMR_ONLY, encoding="utf-8")
    return mini


def rows_by_id(dataset: Dataset, region: str, framework: str, as_of: date) -> dict[str, dict]:  # type: ignore[type-arg]
    document = comparison_json(
        dataset, region, framework, as_of, compare_with_benchmark(dataset, region, framework, as_of)
    )
    return {row["id"]: row for row in document["indicators"]}


# (region, indicator, latest, distance, units to go, projected year)
HAND_WORKED = [
    # Hà Nội EMR: L = 32/42 = 76.19 %, T = 90: distance 13.81 pp; ceil(0.9 × 42 − 32) = ceil(5.8) = 6.
    # B = 18/42 = 42.86 % on 2025-07-28, L on 2025-09-23: 57 days. Days to go = 13.81 × 57 / 33.33
    # = 23.6, so the trend reaches 90 % on 2025-10-17: 2025.
    ("ha-noi", "emr-hospital-coverage", 76.1905, 13.81, 6, 2025),
    # Hà Nội waiting time: 50 min (2024) → 70 min (2025), T = 20: distance 70 − 20 = 50 min; the
    # trend moves away from the benchmark, so it is never reached.
    ("ha-noi", "outpatient-wait-minutes", 70.0, 50.0, None, None),
    # Bắc Ninh EMR: 54/54 = 100 % ≥ 90: reached, distance 0, max(ceil(48.6 − 54), 0) = 0 to go, in the
    # year of L (2025).
    ("bac-ninh", "emr-hospital-coverage", 100.0, 0.0, 0, 2025),
    # Bắc Ninh waiting time: B = 90 (2023-12-31), L = 60 (2024-12-31), T = 20: distance 40 min.
    # days(B → L) = 366 (2024 is a leap year); days to go = (20 − 60) × 366 / (60 − 90) = 488,
    # 2024-12-31 + 488 days = 2026-05-03: 2026.
    ("bac-ninh", "outpatient-wait-minutes", 60.0, 40.0, None, 2026),
    # Lai Châu EMR: one observation, 2/10 = 20 %: distance 70 pp, ceil(9 − 2) = 7 to go, no trend.
    ("lai-chau", "emr-hospital-coverage", 20.0, 70.0, 7, None),
]


@pytest.mark.parametrize(("region", "indicator", "latest", "distance", "to_go", "year"), HAND_WORKED)
def test_hand_worked_distance_and_projected_year(
    benched: Path, region: str, indicator: str, latest: float, distance: float, to_go: int | None, year: int | None
) -> None:
    row = rows_by_id(load(benched), region, "bench-test", AS_OF)[indicator]
    assert row["latest"]["value"] == pytest.approx(latest, abs=1e-4)
    assert (row["distance"], row["distance_count"], row["projected_year"]) == (distance, to_go, year)
    assert row["benchmark"]["value"] == {"emr-hospital-coverage": 90, "outpatient-wait-minutes": 20}[indicator]


def test_no_figure_means_no_distance(benched: Path) -> None:
    row = rows_by_id(load(benched), "lai-chau", "bench-test", AS_OF)["outpatient-wait-minutes"]
    assert (row["latest"], row["distance"], row["projected_year"], row["status"]) == (None, None, None, "no-data")


def test_the_nation_uses_pooled_figures_beside_the_reported_one(benched: Path) -> None:
    rows = rows_by_id(load(benched), "viet-nam", "bench-test", AS_OF)
    emr = rows["emr-hospital-coverage"]
    # Pooled: (54 + 32 + 2) / (54 + 42 + 10) = 88/106 = 83.02 %: distance 6.98 pp, ceil(95.4 − 88) = 8.
    assert (emr["pooled"]["value"], emr["pooled"]["distance"], emr["pooled"]["distance_count"]) == (83.02, 6.98, 8)
    assert (emr["pooled"]["reporting"], emr["pooled"]["expected"]) == (3, 3)
    # Reported: 700/1650 = 42.42 %: distance 47.58 pp, ceil(1485 − 700) = 785; one figure, no trend.
    assert (emr["latest"]["value"], emr["distance"], emr["distance_count"], emr["projected_year"]) == (
        42.4242,
        47.58,
        785,
        None,
    )
    # Waiting time, a mean: (60 + 70) / 2 = 65 min, 45 min from 20; no reported figure.
    wait = rows["outpatient-wait-minutes"]
    assert (wait["pooled"]["value"], wait["pooled"]["distance"], wait["latest"]) == (65.0, 45.0, None)


def test_indicators_without_a_benchmark_value_are_listed(benched: Path) -> None:
    dataset = load(benched)
    document = comparison_json(
        dataset, "ha-noi", "bench-emr", AS_OF, compare_with_benchmark(dataset, "ha-noi", "bench-emr", AS_OF)
    )
    assert [row["id"] for row in document["indicators"]] == ["emr-hospital-coverage"]
    assert document["without_benchmark"] == ["outpatient-wait-minutes"]
    text = render(
        compare_table(
            dataset,
            "ha-noi",
            dataset.frameworks["bench-emr"],
            compare_with_benchmark(dataset, "ha-noi", "bench-emr", AS_OF),
            AS_OF,
            "en",
        ),
        width=80,
    )
    assert "No benchmark value: Outpatient waiting time" in text


# ---------------------------------------------------------------------------------------------
# The bundled benchmarks
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> tuple[Dataset, date]:
    dataset = load(DEMO)
    return dataset, as_of_date(dataset, None)


def test_ha_noi_beside_sweden(bundled: tuple[Dataset, date]) -> None:
    dataset, day = bundled
    rows = rows_by_id(dataset, "ha-noi", "sweden-2025", day)
    # e-prescriptions: B = 142/2233 (2023), L = 1802/2233 = 80.70 % (2025-12), Sweden 99 %.
    # Distance 99 − 80.70 = 18.30 pp; ceil(0.99 × 2233 − 1802) = ceil(408.67) = 409.
    # Days to go = (99 − 80.70) / (80.70 − 6.36) × 731 = 40867/166000 × 731 = 180.0 → 2026-06-29: 2026.
    presc = rows["e-prescription-share"]
    assert (presc["distance"], presc["distance_count"], presc["projected_year"]) == (18.3, 409, 2026)
    assert presc["benchmark"]["source"].startswith("Swedish eHealth Agency")
    # EMR 100 % (2026-06) meets Sweden's 100 %: reached that year.
    emr = rows["emr-hospital-coverage"]
    assert (emr["distance"], emr["projected_year"]) == (0.0, 2026)
    document = comparison_json(
        dataset, "ha-noi", "sweden-2025", day, compare_with_benchmark(dataset, "ha-noi", "sweden-2025", day)
    )
    assert len(document["without_benchmark"]) == len(dataset.indicators) - 2


def test_ha_noi_beside_the_eu(bundled: tuple[Dataset, date]) -> None:
    dataset, day = bundled
    # As of 2026-06-30 the EU milestone that applies is the 2030 one (100 %). EHR: B = 6698000/8587100
    # = 78.00 % (2023), L = 99 % (2026-06): distance 1.0 pp; days(B → L) = 912,
    # days to go = 1 × 912 / 21.0 = 43.4 → 2026-08-12: 2026.
    row = rows_by_id(dataset, "ha-noi", "eu-digital-decade-2030", day)["ehr-citizen-coverage"]
    assert (row["benchmark"]["by"], row["benchmark"]["value"]) == ("2030-12-31", 100)
    assert (row["distance"], row["projected_year"]) == (1.0, 2026)


# ---------------------------------------------------------------------------------------------
# Golden files, JSON keys, the command
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "region", "lang"),
    [
        ("compare-ha-noi-en-80.txt", "ha-noi", "en"),
        ("compare-viet-nam-vi-80.txt", "viet-nam", "vi"),
    ],
)
def test_rendered_comparison_matches_golden(
    benched: Path, name: str, region: str, lang: str, update_golden: bool
) -> None:
    dataset = load(benched)
    rows = compare_with_benchmark(dataset, region, "bench-test", AS_OF)
    text = render(compare_table(dataset, region, dataset.frameworks["bench-test"], rows, AS_OF, lang), width=80)
    check_golden(name, text, update_golden)
    assert max(len(line) for line in text.splitlines()) <= 80


ROW_KEYS = {
    "id",
    "latest",
    "benchmark",
    "distance",
    "distance_count",
    "attainment",
    "status",
    "projected_year",
    "quality",
    "pooled",
}


@pytest.mark.parametrize("benchmark", ["sweden-2025", "eu-digital-decade-2030"])
@pytest.mark.parametrize("region", ["Hà Nội", "viet-nam"])
def test_compare_json_keys(benchmark: str, region: str) -> None:
    result = run("compare", region, "--benchmark", benchmark, "--format", "json", cwd=DEMO)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"region", "name", "benchmark", "as_of", "as_of_source", "indicators", "without_benchmark"}
    assert set(doc["benchmark"]) == {"id", "name", "kind", "source"} and doc["benchmark"]["kind"] == "benchmark"
    assert doc["indicators"] and all(set(row) == ROW_KEYS for row in doc["indicators"])
    assert set(doc["indicators"][0]["benchmark"]) == {"by", "value", "source", "note"}
    pooled = doc["indicators"][0]["pooled"]
    if doc["region"] == "viet-nam":
        assert set(pooled) == {
            "value",
            "numerator",
            "denominator",
            "reporting",
            "expected",
            "flagged",
            "distance",
            "distance_count",
            "attainment",
        }
    else:
        assert pooled is None


def test_compare_table_command() -> None:
    result = run("compare", "ha-noi", "-b", "sweden-2025", "--lang", "en", cwd=DEMO, env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "409 facilities to go" in result.stdout and "No benchmark value:" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("compare", "ha-noi", "--benchmark", "swedn-2025"),
            "unknown benchmark 'swedn-2025'; did you mean 'sweden-2025'?",
        ),
        (("compare", "ha-noi", "--benchmark", "eu-digital-decade"), "did you mean 'eu-digital-decade-2030'?"),
        (("compare", "ha-no", "--benchmark", "sweden-2025"), "did you mean 'ha-noi'"),
        (("compare", "ha-noi"), "--benchmark"),
    ],
)
def test_compare_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args, cwd=DEMO)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
