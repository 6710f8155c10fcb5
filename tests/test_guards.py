"""Guarding the data going in: each refusal and warning through `record`, `import csv` and
`validate` — exit code, rule id, and whether the file was written.

The mini fixture's Bắc Ninh has emr-hospital-coverage 20/54 (2024) and 54/54 (2025-09-22), and
outpatient-wait-minutes 90 (2023) and 60 (2024). 'Today' is 2026-06-30 here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

TODAY = {"TRACKER_TODAY": "2026-06-30"}
PROVINCE = "provinces/bac-ninh.yaml"

CASES = [
    # id, indicator, period, value, exit code, rule, level, written
    ("future-period", "emr-hospital-coverage", "2030", "54/54", 1, "future-period", "error", False),
    ("ratio-on-minutes", "outpatient-wait-minutes", "2025", "45/60", 1, "ratio-not-allowed", "error", False),
    # 0.76 after 100 % (54/54): a fraction typed for a percent
    ("fraction-for-percent", "emr-hospital-coverage", "2025-12", "0.76", 0, "fraction-for-percent", "warning", True),
    # 20/54 = 37.0 % after 100 %: less than half
    ("sharp-fall", "emr-hospital-coverage", "2025-12", "20/54", 0, "sharp-fall", "warning", True),
    # 25 minutes after 60: less than half, but a shorter wait is the progress sought: no warning
    ("wait-falls", "outpatient-wait-minutes", "2025", "25", 0, None, None, True),
    # 28/54 = 51.9 % after 100 %: not less than half, no warning
    ("half-is-fine", "emr-hospital-coverage", "2025-12", "28/54", 0, None, None, True),
]
IDS = [c[0] for c in CASES]


@pytest.mark.parametrize(("case", "indicator", "period", "value", "code", "rule", "level", "written"), CASES, ids=IDS)
def test_record(
    mini: Path,
    case: str,
    indicator: str,
    period: str,
    value: str,
    code: int,
    rule: str | None,
    level: str | None,
    written: bool,
) -> None:
    before = (mini / PROVINCE).read_bytes()
    result = run(
        "--data-dir", str(mini), "--no-cache", "record", "bac-ninh", indicator, period, value, "-s", "x", env=TODAY
    )
    assert result.returncode == code, result.stderr
    assert ((mini / PROVINCE).read_bytes() != before) == written
    rules = [line.split("[")[1].split("]")[0] for line in result.stderr.splitlines() if " [" in line]
    assert [r for r in rules if r != "ratio-without-counts"] == ([rule] if rule else [])
    if level:
        assert f"{level} [{rule}]" in result.stderr


@pytest.mark.parametrize(("case", "indicator", "period", "value", "code", "rule", "level", "written"), CASES, ids=IDS)
def test_import(
    mini: Path,
    tmp_path: Path,
    case: str,
    indicator: str,
    period: str,
    value: str,
    code: int,
    rule: str | None,
    level: str | None,
    written: bool,
) -> None:
    before = (mini / PROVINCE).read_bytes()
    csv = tmp_path / "rows.csv"
    csv.write_text(
        f"province,indicator,period,value,source\nbac-ninh,{indicator},{period},{value},x\n", encoding="utf-8"
    )
    result = run("--data-dir", str(mini), "--no-cache", "import", "csv", str(csv), env=TODAY)
    assert result.returncode == code, result.stdout + result.stderr
    assert ((mini / PROVINCE).read_bytes() != before) == written
    output = result.stdout + result.stderr
    if rule:
        assert f"{level} [{rule}]" in output
    else:
        assert "warning [" not in output.replace("warning [ratio-without-counts]", "")


@pytest.mark.parametrize(("case", "indicator", "period", "value", "code", "rule", "level", "written"), CASES, ids=IDS)
def test_validate(
    mini: Path,
    case: str,
    indicator: str,
    period: str,
    value: str,
    code: int,
    rule: str | None,
    level: str | None,
    written: bool,
) -> None:
    """The same figure written by hand: validate finds it (an error exits 1, a warning 0)."""
    path = mini / PROVINCE
    figure = (
        f"numerator: {value.split('/')[0]}\n      denominator: {value.split('/')[1]}"
        if "/" in value
        else f"value: {value}"
    )
    text = path.read_text(encoding="utf-8")
    # appended to the indicator's list: the mini file lists emr first, then the wait.
    anchor = "  outpatient-wait-minutes:\n" if indicator == "emr-hospital-coverage" else None
    entry = f"    - period: {period}\n      {figure}\n      source: x\n      quality: reported\n"
    text = text.replace(anchor, entry + anchor) if anchor else text.rstrip("\n") + "\n" + entry
    path.write_text(text, encoding="utf-8")
    result = run("--data-dir", str(mini), "--no-cache", "validate", "--format", "json", env=TODAY)
    assert result.returncode == code, result.stdout
    found = {(p["rule"], p["level"]) for p in json.loads(result.stdout)} - {("ratio-without-counts", "warning")}
    assert found == ({(rule, level)} if rule else set())


# --- the as-of date -------------------------------------------------------------------------
# The mini fixture's latest figure is Hà Nội's outpatient-wait-minutes for 2025 (2025-12-31); its
# first is Bắc Ninh's 2023 wait (2023-12-31).


@pytest.mark.parametrize(
    ("as_of", "warning"),
    [
        (
            "2040",
            "warning: --as-of 2040-12-31 is 15.0 years after the latest figure in the data (outpatient-wait-minutes 2025 of ha-noi): every figure is that old or older\n",
        ),
        (
            "2028-01",
            "warning: --as-of 2028-01-31 is 2.1 years after the latest figure in the data (outpatient-wait-minutes 2025 of ha-noi): every figure is that old or older\n",
        ),
        ("2027", ""),  # two years after: national pooling still takes the latest figures
        ("2024", ""),
        ("2023", ""),
        (
            "2022",
            "warning: --as-of 2022-12-31 is before the first figure in the data (2023-12-31): nothing is scored\n",
        ),
    ],
)
@pytest.mark.parametrize(
    "command", [["report"], ["show", "bac-ninh"], ["gaps"], ["rank", "emr-hospital-coverage"], ["stage"]]
)
def test_an_as_of_far_from_the_data_is_said(mini: Path, command: list[str], as_of: str, warning: str) -> None:
    result = run("--data-dir", str(mini), *command, "--as-of", as_of)
    assert (result.returncode, result.stderr) == (0, warning)


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (["report", "--lang", "en"], "the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025"),
        (
            ["show", "bac-ninh", "--lang", "vi"],
            "ngày tính theo số liệu mới nhất: Thời gian chờ khám ngoại trú, Hà Nội, 2025",
        ),
        (["stage", "--lang", "en"], "the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025"),
        (["coverage", "--lang", "en"], "the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025"),
        (["gaps", "--lang", "en"], "the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025"),
        (
            ["rank", "emr-hospital-coverage", "--lang", "vi"],
            "ngày tính theo số liệu mới nhất: Thời gian chờ khám ngoại trú, Hà Nội, 2025",
        ),
        (
            ["compare", "ha-noi", "--benchmark", "smart-healthcare-2030", "--lang", "en"],
            "the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025",
        ),
        (
            ["export", "markdown", "--lang", "en"],
            "(the date is set by the latest figure: Outpatient waiting time, Ha Noi, 2025)",
        ),
    ],
)
def test_every_output_names_the_figure_that_sets_the_date(mini: Path, command: list[str], line: str) -> None:
    result = run("--data-dir", str(mini), *command)
    assert result.returncode == 0, result.stderr
    assert line in result.stdout
    # An --as-of of another date is not the latest figure's, and is not named as such.
    other = run("--data-dir", str(mini), *command, *(["--as-of", "2024"] if command[0] != "coverage" else []))
    if command[0] != "coverage":
        assert "the date is set by" not in other.stdout and "ngày tính theo" not in other.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["show", "bac-ninh"],
        ["gaps"],
        ["rank", "emr-hospital-coverage"],
        ["stage"],
        ["stage", "bac-ninh"],
        ["coverage"],
        ["compare", "ha-noi", "--benchmark", "smart-healthcare-2030"],
    ],
)
def test_json_names_the_figure_that_sets_the_date(mini: Path, command: list[str]) -> None:
    document = json.loads(run("--data-dir", str(mini), *command, "--format", "json").stdout)
    assert document["as_of_source"] == {
        "region": "ha-noi",
        "indicator": "outpatient-wait-minutes",
        "period": "2025",
        "former": None,
    }
    document = json.loads(run("--data-dir", str(mini), *command, "--format", "json", "--as-of", "2024").stdout)
    assert document["as_of_source"] is None
