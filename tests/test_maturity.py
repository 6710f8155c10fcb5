"""Cumulative maturity stages: the highest stage whose criteria and every lower stage's hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.load import load_dataset
from tracker.stages import maturity_stage, stage_history

MATURITY = """\
stages:
  - stage: 0
    name: {en: Paper, vi: Giấy}
  - stage: 1
    name: {en: Started, vi: Bắt đầu}
    criteria:
      - {indicator: emr-hospital-coverage, value: 50, source: test}
  - stage: 2
    name: {en: Every hospital, vi: Mọi bệnh viện}
    criteria:
      - {indicator: emr-hospital-coverage, value: 100, source: test}
  - stage: 3
    name: {en: Short waits, vi: Chờ ngắn}
    criteria:
      - {indicator: outpatient-wait-minutes, op: "<=", value: 45, source: test}
"""


@pytest.fixture
def staged(mini: Path) -> Path:
    (mini / "indicators" / "maturity.yaml").write_text(MATURITY, encoding="utf-8")
    return mini


# (province, as of, expected stage, expected blockers as (indicator, current value, units to go))
CASES = [
    # Bắc Ninh: EMR 54/54 (2025-09-22) meets stages 1 and 2; wait 60 min > 45 blocks stage 3.
    ("bac-ninh", date(2025, 12, 31), 2, [("outpatient-wait-minutes", 60.0, None)]),
    # Before 2025-09-22 its latest EMR is 20/54 = 37.0 % (2024): below 50, stage 0;
    # ceil(0.5 × 54 − 20) = 7 hospitals to go.
    ("bac-ninh", date(2025, 6, 30), 0, [("emr-hospital-coverage", 20 / 54 * 100, 7)]),
    # Hà Nội: 32/42 = 76.2 % meets stage 1, not 2: ceil(42 − 32) = 10 to go.
    ("ha-noi", date(2025, 12, 31), 1, [("emr-hospital-coverage", 32 / 42 * 100, 10)]),
    # Lai Châu: 2/10 = 20 % → stage 0, ceil(5 − 2) = 3 to go.
    ("lai-chau", date(2025, 12, 31), 0, [("emr-hospital-coverage", 20.0, 3)]),
    # Nothing recorded by then: stage 0, the blocker has no current value.
    ("lai-chau", date(2024, 12, 31), 0, [("emr-hospital-coverage", None, None)]),
]


@pytest.mark.parametrize(("province", "as_of", "stage", "blockers"), CASES)
def test_stage_and_blockers(staged: Path, province: str, as_of: date, stage: int, blockers: list) -> None:  # type: ignore[type-arg]
    dataset, problems = load_dataset(staged)
    assert not [p for p in problems if p.level == "error"]
    result = maturity_stage(dataset, province, as_of)
    assert result is not None and result.stage == stage
    got = [(b.indicator, b.current.value if b.current else None, b.to_go) for b in result.blockers]
    assert [(i, None if v is None else round(v, 6), n) for i, v, n in got] == [
        (i, None if v is None else round(v, 6), n) for i, v, n in blockers
    ]


def test_stages_are_cumulative(staged: Path) -> None:
    # Give Hà Nội a short wait (stage 3's criterion) while its EMR stays below 100 %: still stage 1.
    path = staged / "provinces" / "ha-noi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 70", "value: 30"), encoding="utf-8")
    dataset, _ = load_dataset(staged)
    result = maturity_stage(dataset, "ha-noi", date(2025, 12, 31))
    assert result is not None and result.stage == 1 and result.next_stage == 2


def test_stage_history_by_year(staged: Path) -> None:
    dataset, _ = load_dataset(staged)
    # Bắc Ninh's first observation is 2023 (wait time); EMR reaches 54/54 in 2025.
    assert stage_history(dataset, "bac-ninh", date(2025, 12, 31)) == [(2023, 0), (2024, 0), (2025, 2)]


def test_bad_maturity_file_is_located(staged: Path) -> None:
    path = staged / "indicators" / "maturity.yaml"
    path.write_text(MATURITY.replace("indicator: outpatient-wait-minutes", "indicator: wait"), encoding="utf-8")
    _, problems = load_dataset(staged)
    assert [(p.rule, p.line, p.column) for p in problems] == [("unknown-indicator", 15, 21)]


def test_bundled_stages_are_credible() -> None:
    from tests.conftest import DEMO
    from tracker.asof import as_of_date

    dataset, _ = load_dataset(DEMO)
    day = as_of_date(dataset, None)
    results = [maturity_stage(dataset, pid, day) for pid in dataset.provinces]
    assert all(r is not None for r in results)
    # Every province below the top stage names what blocks the next one.
    assert all(r.blockers for r in results if r is not None and r.next_stage is not None)
