"""`tracker stage`: stages and blockers worked by hand on the mini fixture, goldens, JSON keys, errors.

The mini fixture's indicators/maturity.yaml has four stages: 0 Paper; 1 EMR ≥ 50 %; 2 EMR ≥ 100 %;
3 outpatient waiting time ≤ 45 min. Its default as-of date is 2025-12-31 (the latest observation,
Hà Nội's 2025 waiting time). Every expected value below is worked out from the fixture files.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, check_golden
from tests.test_cli import run
from tracker.documents import stages_json
from tracker.load import load_dataset
from tracker.model import Dataset
from tracker.stages import maturity_stage, stage_counts, stage_history_results
from tracker.terminal import render
from tracker.views import blocker_text, next_text, stage_label, stage_region_view, stage_table

AS_OF = date(2025, 12, 31)


def load(root: Path) -> Dataset:
    dataset, problems = load_dataset(root, use_cache=False)
    assert not [p for p in problems if p.level == "error"], problems
    return dataset


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load(FIXTURES / "mini")


# (region, stage, flagged, blockers as rendered in English)
HAND_WORKED = [
    # Bắc Ninh: EMR 54/54 = 100 % (2025-09-22, reported) meets stages 1 (≥ 50) and 2 (≥ 100). Stage 3
    # needs a wait ≤ 45 min; the latest is 60 min (2024, illustrative): blocked, flagged by that figure.
    # A waiting time is not a ratio, so there is no "to go" count.
    ("bac-ninh", 2, True, ["Outpatient waiting time ≤ 45 min (now 60.0 min†)"]),
    # Hà Nội: EMR 32/42 = 76.19 % (2025-09-23, reported) meets stage 1, not stage 2:
    # ceil(100/100 × 42 − 32) = 10 hospitals to go. Nothing illustrative decides it.
    ("ha-noi", 1, False, ["Hospitals using electronic medical records ≥ 100% (now 76.2%, 10 hospitals to go)"]),
    # Lai Châu: EMR 2/10 = 20 % (2025-Q3, illustrative) is below 50: stage 0;
    # ceil(50/100 × 10 − 2) = 3 to go.
    ("lai-chau", 0, True, ["Hospitals using electronic medical records ≥ 50% (now 20.0%†, 3 hospitals to go)"]),
    # The country, on its own reported figure: 700/1650 = 42.42 % < 50: stage 0;
    # ceil(0.5 × 1650 − 700) = ceil(825 − 700) = 125 to go.
    ("viet-nam", 0, False, ["Hospitals using electronic medical records ≥ 50% (now 42.4%, 125 hospitals to go)"]),
]


@pytest.mark.parametrize(("region", "stage", "flagged", "blockers"), HAND_WORKED)
def test_hand_worked_stage_and_blockers(
    data: Dataset, region: str, stage: int, flagged: bool, blockers: list[str]
) -> None:
    result = maturity_stage(data, region, AS_OF)
    assert result is not None
    assert (result.stage, result.flagged, result.next_stage) == (stage, flagged, stage + 1)
    assert [blocker_text(data, c, "en") for c in result.blockers] == blockers


def test_blocker_in_vietnamese(data: Dataset) -> None:
    result = maturity_stage(data, "ha-noi", AS_OF)
    assert result is not None
    assert (
        blocker_text(data, result.blockers[0], "vi")
        == "Bệnh viện triển khai bệnh án điện tử ≥ 100% (hiện 76,2%, còn 10 bệnh viện)"
    )
    assert stage_label(result, "vi") == "Giai đoạn 1 — Bắt đầu"


def test_a_reached_criterion_on_an_illustrative_figure_flags_the_stage(mini: Path) -> None:
    # Lai Châu with 6/10 = 60 % (illustrative): stage 1 rests on that figure; ceil(10 − 6) = 4 to go.
    path = mini / "provinces" / "lai-chau.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: 2", "numerator: 6"), encoding="utf-8")
    dataset = load(mini)
    result = maturity_stage(dataset, "lai-chau", AS_OF)
    assert result is not None and (result.stage, result.flagged) == (1, True)
    assert [blocker_text(dataset, c, "en") for c in result.blockers] == [
        "Hospitals using electronic medical records ≥ 100% (now 60.0%†, 4 hospitals to go)"
    ]


def test_top_stage_has_no_blockers(mini: Path) -> None:
    # Bắc Ninh with a 40-minute wait (≤ 45) meets every stage: 3, the highest; the wait is illustrative.
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 60", "value: 40"), encoding="utf-8")
    dataset = load(mini)
    result = maturity_stage(dataset, "bac-ninh", AS_OF)
    assert result is not None
    assert (result.stage, result.next_stage, result.blockers, result.flagged) == (3, None, [], True)
    assert next_text(dataset, result, "en") == "the highest stage"


def test_counts_per_stage(data: Dataset) -> None:
    results = [maturity_stage(data, pid, AS_OF) for pid in data.provinces]
    counts = stage_counts(data, [r for r in results if r is not None])
    # Lai Châu 0 (flagged), Hà Nội 1, Bắc Ninh 2 (flagged), nobody at 3.
    assert [(c.stage, c.regions, c.flagged) for c in counts] == [
        (0, 1, True),
        (1, 1, False),
        (2, 1, True),
        (3, 0, False),
    ]


def test_history_by_year(data: Dataset) -> None:
    # 2023: no EMR figure anywhere, all stage 0 with nothing illustrative behind it.
    # 2024: Bắc Ninh's EMR 20/54 = 37.0 % (illustrative) → 0†; Hà Nội and Lai Châu have no EMR yet → 0.
    # 2025: as at the as-of date.
    assert [(y, r.stage, r.flagged) for y, r in stage_history_results(data, "bac-ninh", AS_OF)] == [
        (2023, 0, False),
        (2024, 0, True),
        (2025, 2, True),
    ]
    # Hà Nội's first observation is 2024; asked from 2023 its 2023 is stage 0 (no data meets nothing).
    assert [(y, r.stage) for y, r in stage_history_results(data, "ha-noi", AS_OF, since=2023)] == [
        (2023, 0),
        (2024, 0),
        (2025, 1),
    ]
    histories = {pid: stage_history_results(data, pid, AS_OF, since=2023) for pid in data.provinces}
    results = [r for pid in data.provinces if (r := maturity_stage(data, pid, AS_OF)) is not None]
    document = stages_json(data, results, histories, AS_OF)
    by_year = {
        row["year"]: [(c["stage"], c["provinces"], c["flagged"]) for c in row["counts"]] for row in document["by_year"]
    }
    assert by_year == {
        2023: [(0, 3, False), (1, 0, False), (2, 0, False), (3, 0, False)],
        2024: [(0, 3, True), (1, 0, False), (2, 0, False), (3, 0, False)],
        2025: [(0, 1, True), (1, 1, False), (2, 1, True), (3, 0, False)],
    }


# ---------------------------------------------------------------------------------------------
# Golden files: rich Console to a string, fixed width, no colour
# ---------------------------------------------------------------------------------------------


def views(dataset: Dataset) -> dict[str, tuple[object, int]]:
    results = [r for pid in dataset.provinces if (r := maturity_stage(dataset, pid, AS_OF)) is not None]
    histories = {pid: stage_history_results(dataset, pid, AS_OF, since=2023) for pid in dataset.provinces}
    bac_ninh = maturity_stage(dataset, "bac-ninh", AS_OF)
    assert bac_ninh is not None
    partial = date(2025, 9, 30)  # a year cut short: its row is labelled with the as-of date
    ha_noi = maturity_stage(dataset, "ha-noi", partial)
    assert ha_noi is not None
    # Ten years of history and a year cut short (labelled with the date): the year columns crowd
    # the stage names, which must still wrap between words.
    crowded = {pid: stage_history_results(dataset, pid, partial, since=2016) for pid in dataset.provinces}
    at_partial = [r for pid in dataset.provinces if (r := maturity_stage(dataset, pid, partial)) is not None]
    return {
        "stage-years-en-80.txt": (stage_table(dataset, at_partial, crowded, partial, "en"), 80),
        "stage-years-vi-80.txt": (stage_table(dataset, at_partial, crowded, partial, "vi"), 80),
        "stage-en-80.txt": (stage_table(dataset, results, histories, AS_OF, "en"), 80),
        "stage-vi-80.txt": (stage_table(dataset, results, histories, AS_OF, "vi"), 80),
        "stage-bac-ninh-en-80.txt": (
            stage_region_view(dataset, bac_ninh, stage_history_results(dataset, "bac-ninh", AS_OF), AS_OF, "en"),
            80,
        ),
        "stage-ha-noi-vi-80.txt": (
            stage_region_view(dataset, ha_noi, stage_history_results(dataset, "ha-noi", partial), partial, "vi"),
            80,
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "stage-en-80.txt",
        "stage-vi-80.txt",
        "stage-years-en-80.txt",
        "stage-years-vi-80.txt",
        "stage-bac-ninh-en-80.txt",
        "stage-ha-noi-vi-80.txt",
    ],
)
def test_rendered_stages_match_golden(data: Dataset, name: str, update_golden: bool) -> None:
    renderable, width = views(data)[name]
    text = render(renderable, width=width)  # type: ignore[arg-type]
    check_golden(name, text, update_golden)
    assert max(len(line) for line in text.splitlines()) <= width
    if name.startswith("stage-years-"):  # every word of every stage name stands whole
        assert data.maturity is not None
        lang = name.removeprefix("stage-years-")[:2]
        printed = set(text.split())
        assert [
            w for stage in data.maturity.stages for w in getattr(stage.name, lang).split() if w not in printed
        ] == []


# ---------------------------------------------------------------------------------------------
# The command: JSON keys, integration in report/show, errors
# ---------------------------------------------------------------------------------------------

STAGE_KEYS = {"region", "stage", "name", "flagged", "next_stage", "blockers"}
BLOCKER_KEYS = {"indicator", "op", "value", "current", "to_go"}


def test_stage_json_for_all_provinces() -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "stage", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"as_of", "as_of_source", "counts", "by_year", "provinces"}
    assert doc["as_of"] == "2025-12-31"
    assert set(doc["counts"][0]) == {"stage", "name", "provinces", "flagged"}
    assert [c["provinces"] for c in doc["counts"]] == [1, 1, 1, 0]
    assert [row["year"] for row in doc["by_year"]] == [2023, 2024, 2025]
    ha_noi = next(p for p in doc["provinces"] if p["region"] == "ha-noi")
    assert set(ha_noi) == STAGE_KEYS | {"history"}
    assert set(ha_noi["blockers"][0]) == BLOCKER_KEYS
    assert ha_noi["blockers"][0] | {"current": None} == {
        "indicator": "emr-hospital-coverage",
        "op": ">=",
        "value": 100.0,
        "current": None,
        "to_go": 10,
    }
    assert ha_noi["blockers"][0]["current"]["period"] == "2025-09-23"
    assert ha_noi["history"] == [
        {"year": 2023, "stage": 0, "flagged": False},
        {"year": 2024, "stage": 0, "flagged": False},
        {"year": 2025, "stage": 1, "flagged": False},
    ]


def test_stage_json_for_one_province_resolved_by_name() -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "stage", "Bắc Giang", "--format", "json", "--as-of", "2025-06")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"as_of", "as_of_source"} | STAGE_KEYS | {"history", "resolved_from"}
    # As of 2025-06-30 Bắc Ninh's latest EMR is 20/54 (2024): stage 0, ceil(27 − 20) = 7 to go.
    assert (doc["region"], doc["stage"], doc["resolved_from"]) == ("bac-ninh", 0, "bac-giang")
    assert [(b["indicator"], b["to_go"]) for b in doc["blockers"]] == [("emr-hospital-coverage", 7)]


def test_report_and_show_json_carry_the_stage() -> None:
    data = str(FIXTURES / "mini")
    report = json.loads(run("--data-dir", data, "report", "--format", "json").stdout)
    assert {p["id"]: p["stage"]["stage"] for p in report["provinces"]} == {"bac-ninh": 2, "ha-noi": 1, "lai-chau": 0}
    assert set(report["provinces"][0]["stage"]) == STAGE_KEYS
    show = json.loads(run("--data-dir", data, "show", "ha-noi", "--format", "json").stdout)
    assert show["stage"]["stage"] == 1 and show["stage"]["blockers"][0]["to_go"] == 10


def test_stage_table_command(tmp_path: Path) -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "stage", "--lang", "en", env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "Hospitals using electronic medical records ≥ 100% (now 76.2%, 10 hospitals to go)" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("stage", "bac-nin"), 2, "did you mean 'bac-ninh'"),
        (("stage", "--as-of", "2025-13"), 2, "month 13"),
    ],
)
def test_stage_errors(args: tuple[str, ...], code: int, message: str) -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), *args)
    assert result.returncode == code and message in result.stderr and "Traceback" not in result.stderr


def test_stage_without_a_maturity_file_exits_2(mini: Path) -> None:
    (mini / "indicators" / "maturity.yaml").unlink()
    result = run("--data-dir", str(mini), "stage")
    assert result.returncode == 2 and "maturity.yaml" in result.stderr
    # The other commands simply leave the stage out.
    report = run("--data-dir", str(mini), "report", "--format", "json")
    assert report.returncode == 0 and json.loads(report.stdout)["provinces"][0]["stage"] is None
