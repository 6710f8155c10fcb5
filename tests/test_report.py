"""Rendered terminal output against golden files, and JSON outputs against their documented keys.

Regenerate the golden files after a deliberate change with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, check_golden
from tests.test_cli import run
from tracker.asof import as_of_date
from tracker.compare import compare_with_benchmark
from tracker.completeness import completeness
from tracker.load import load_dataset
from tracker.names import resolve_region
from tracker.national import national, scoreboard
from tracker.report import scoreboard_table, show_view
from tracker.score import largest_gaps, rank_on_indicator
from tracker.stages import maturity_stage, stage_history_results
from tracker.terminal import render
from tracker.views import compare_table, completeness_view, gaps_table, rank_table, stage_region_view, stage_table

FRAMEWORK = "smart-healthcare-2030"


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    dataset, problems = load_dataset(FIXTURES / "mini", use_cache=False)
    assert not [p for p in problems if p.level == "error"]
    return dataset, as_of_date(dataset, None)


def views(dataset, day):  # type: ignore[no-untyped-def]
    sb = scoreboard(dataset, FRAMEWORK, day)
    bac_ninh = next(rs for rs in sb.regions if rs.region == "bac-ninh")
    pooled = next(f for f in national(dataset, FRAMEWORK, day) if f.indicator == "emr-hospital-coverage")
    return {
        "report-vi-80.txt": (scoreboard_table(sb, dataset, "vi"), 80),
        "report-en-100.txt": (scoreboard_table(sb, dataset, "en"), 100),
        "show-bac-ninh-en-80.txt": (show_view(dataset, bac_ninh, dataset.frameworks[FRAMEWORK], day, "en"), 80),
        "show-bac-ninh-vi-100.txt": (show_view(dataset, bac_ninh, dataset.frameworks[FRAMEWORK], day, "vi"), 100),
        "gaps-vi-80.txt": (gaps_table(dataset, largest_gaps(dataset, FRAMEWORK, day), "vi"), 80),
        "rank-emr-en-80.txt": (
            rank_table(
                dataset,
                "emr-hospital-coverage",
                rank_on_indicator(dataset, "emr-hospital-coverage", FRAMEWORK, day),
                pooled,
                "en",
            ),
            80,
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "report-vi-80.txt",
        "report-en-100.txt",
        "show-bac-ninh-en-80.txt",
        "show-bac-ninh-vi-100.txt",
        "gaps-vi-80.txt",
        "rank-emr-en-80.txt",
    ],
)
def test_rendered_output_matches_golden(data, name: str, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    renderable, width = views(*data)[name]
    text = render(renderable, width=width)
    check_golden(name, text, update_golden)
    assert max(len(line) for line in text.splitlines()) <= width


def test_pre_2025_province_resolves_with_a_note(data) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = data
    region, place = resolve_region(dataset, "Bắc Giang")
    assert (region.id, place.former) == ("bac-ninh", "bac-giang")
    assert place.note("en") == "Bắc Giang is a former province, part of Bắc Ninh since 1 July 2025"
    assert resolve_region(dataset, "ha noi")[0].id == "ha-noi"
    assert resolve_region(dataset, "Hà Nội")[0].id == "ha-noi"
    assert resolve_region(dataset, "VN-54")[0].id == "bac-ninh"


def test_report_json_has_the_documented_keys() -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "report", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {"framework", "as_of", "provinces", "national"} <= doc.keys()
    assert {"id", "name", "score", "coverage", "rank", "domains"} <= doc["provinces"][0].keys()
    assert {"id", "value", "reporting", "expected"} <= doc["national"]["indicators"][0].keys()
    emr = next(i for i in doc["national"]["indicators"] if i["id"] == "emr-hospital-coverage")
    # (54 + 32 + 2) / (54 + 42 + 10) = 88 / 106 = 83.02 %, pooled from counts, never a mean of shares
    assert (emr["value"], emr["reporting"], emr["expected"]) == (83.02, 3, 3)


def test_show_json_has_the_documented_keys() -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "show", "bac-ninh", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {"province", "framework", "as_of", "score", "coverage", "domains", "indicators"} <= doc.keys()
    assert {"id", "score", "coverage"} <= doc["domains"][0].keys()
    indicator = doc["indicators"][0]
    assert {
        "id",
        "latest",
        "baseline",
        "target",
        "attainment",
        "gap",
        "status",
        "projected_value",
        "projected_year",
        "quality",
    } <= indicator.keys()
    assert {"period", "value"} <= indicator["latest"].keys() and {"by", "value"} <= indicator["target"].keys()


@pytest.mark.parametrize(
    "command", [("gaps", "--format", "json"), ("rank", "emr-hospital-coverage", "--format", "json")]
)
def test_other_json_outputs_parse(command: tuple[str, ...]) -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), *command)
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)


def test_fail_under_exits_1_below_the_national_score() -> None:
    assert run("--data-dir", str(FIXTURES / "mini"), "report", "--fail-under", "50").returncode == 0
    result = run("--data-dir", str(FIXTURES / "mini"), "report", "--fail-under", "95")
    assert result.returncode == 1 and "below --fail-under 95" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "bac-nin"), "did you mean 'bac-ninh'"),
        (("rank", "emr-hospital-coverag"), "did you mean 'emr-hospital-coverage'?"),
        (("report", "--as-of", "2025-13"), "month 13 does not exist"),
        (("report", "--framework", "smart-healthcare"), "unknown framework"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_scoring_refuses_data_with_errors(mini: Path) -> None:
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: 54", "numerator: 60"), encoding="utf-8")
    result = run("--data-dir", str(mini), "report")
    assert result.returncode == 1 and "numerator-exceeds-denominator" in result.stderr


def test_a_missing_golden_file_fails_and_is_not_written() -> None:
    """A checkout that lost a golden file must not pass by writing whatever the code prints."""
    from tests.conftest import GOLDEN

    with pytest.raises(pytest.fail.Exception, match=r"no-such-rendering\.txt is missing"):
        check_golden("no-such-rendering.txt", "anything\n", update=False)
    assert not (GOLDEN / "no-such-rendering.txt").exists()


# --- tables at any width: the demo's long names and large counts ---------------------------


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    from tests.conftest import DEMO

    dataset, _ = load_dataset(DEMO, use_cache=False)
    return dataset, as_of_date(dataset, None)


def demo_view(dataset, day, view: str, lang: str):  # type: ignore[no-untyped-def]
    if view == "show":
        sb = scoreboard(dataset, FRAMEWORK, day)
        bac_ninh = next(rs for rs in sb.regions if rs.region == "bac-ninh")
        return show_view(dataset, bac_ninh, dataset.frameworks[FRAMEWORK], day, lang)
    if view == "gaps":
        return gaps_table(dataset, largest_gaps(dataset, FRAMEWORK, day)[:8], lang, FRAMEWORK, day)
    if view == "report":
        return scoreboard_table(scoreboard(dataset, FRAMEWORK, day), dataset, lang)
    if view == "stage":
        results = [r for pid in dataset.provinces if (r := maturity_stage(dataset, pid, day)) is not None]
        histories = {pid: stage_history_results(dataset, pid, day, 2023) for pid in dataset.provinces}
        return stage_table(dataset, results, histories, day, lang)
    if view == "stage-hue":
        hue = maturity_stage(dataset, "hue", day)
        assert hue is not None
        return stage_region_view(dataset, hue, stage_history_results(dataset, "hue", day), day, lang)
    if view == "compare":
        rows = compare_with_benchmark(dataset, "ho-chi-minh-city", "sweden-2025", day)
        return compare_table(dataset, "ho-chi-minh-city", dataset.frameworks["sweden-2025"], rows, day, lang)
    if view == "coverage":
        return completeness_view(dataset, completeness(dataset, day), lang)
    pooled = next(f for f in national(dataset, FRAMEWORK, day) if f.indicator == "ehr-citizen-coverage")
    return rank_table(
        dataset,
        "ehr-citizen-coverage",
        rank_on_indicator(dataset, "ehr-citizen-coverage", FRAMEWORK, day),
        pooled,
        lang,
        FRAMEWORK,
        day,
    )


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("view", ["show", "gaps", "rank", "report", "stage", "stage-hue", "compare", "coverage"])
def test_tables_keep_words_and_numbers_whole_at_any_width(
    demo, view: str, lang: str, width: int, update_golden: bool
) -> None:  # type: ignore[no-untyped-def]
    text = render(demo_view(*demo, view, lang), width=width)
    check_golden(f"demo-{view}-{lang}-{width}.txt", text, update_golden)
    lines = text.splitlines()
    # Lines of sources may hold a URL longer than the width; a table's never do.
    assert all(len(line) <= width for line in lines if "://" not in line)
    words = {
        ("show", "en"): ["prescriptions", "3366000/3619433†", "Status", "2025-12-31"],
        ("show", "vi"): ["3366000/3619433†", "31/12/2025"],
        ("gaps", "en"): ["2030-12-31"],
        ("gaps", "vi"): ["31/12/2030"],
        ("report", "en"): ["Telehealth", "Cover"],
        ("report", "vi"): ["Tỉnh/thành", "Phủ"],
    }.get((view, lang), [])
    for word in words:
        assert any(word in line.split() for line in lines), f"{word!r} is split or cut"
