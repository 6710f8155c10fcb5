"""Names a user types: `tracker list` shows the ids with their names, and an unknown id's error
lists the closest ones (up to three, the closest first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run
from tracker.names import closest_matches, did_you_mean


@pytest.mark.parametrize(
    ("word", "choices", "closest"),
    [
        ("bac-nin", ["bac-ninh", "bac-giang", "ha-noi"], ["bac-ninh", "bac-giang"]),
        ("Bắc Nin", ["bac-ninh", "bac-giang", "ha-noi"], ["bac-ninh", "bac-giang"]),  # folded first
        (
            "emr",
            ["emr-hospital-coverage", "emr-primary-care-coverage", "paperless-hospitals"],
            ["emr-hospital-coverage", "emr-primary-care-coverage"],
        ),
        (
            "hospitals",
            ["emr-hospital-coverage", "paperless-hospitals", "online-booking-hospitals"],
            ["paperless-hospitals", "online-booking-hospitals"],
        ),
        ("xyz", ["bac-ninh", "ha-noi"], []),
        ("a", ["a-b", "b-a"], []),  # one letter names nothing
    ],
)
def test_closest_matches(word: str, choices: list[str], closest: list[str]) -> None:
    assert closest_matches(word, choices) == closest


@pytest.mark.parametrize(
    ("closest", "text"),
    [
        ([], ""),
        (["a"], "; did you mean 'a'?"),
        (["a", "b"], "; did you mean 'a' or 'b'?"),
        (["a", "b", "c"], "; did you mean 'a', 'b' or 'c'?"),
    ],
)
def test_did_you_mean(closest: list[str], text: str) -> None:
    assert did_you_mean(closest) == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "bac-nin"], "error: unknown province 'bac-nin'; did you mean 'bac-ninh' or 'bac-giang'?\n"),
        (["show", "Lai Chao"], "error: unknown province 'Lai Chao'; did you mean 'lai-chau'?\n"),
        (["rank", "emr"], "error: unknown indicator 'emr'; did you mean 'emr-hospital-coverage'?\n"),
        (["rank", "wait"], "error: unknown indicator 'wait'; did you mean 'outpatient-wait-minutes'?\n"),
        (
            ["report", "--framework", "smart"],
            "error: unknown framework 'smart'; did you mean 'smart-healthcare-2030'?\n",
        ),
    ],
)
def test_an_unknown_id_lists_the_closest(mini: Path, args: list[str], message: str) -> None:
    result = run("--data-dir", str(mini), *args)
    assert (result.returncode, result.stderr) == (2, message)


def test_list_json(mini: Path) -> None:
    indicators = json.loads(run("--data-dir", str(mini), "list", "indicators", "--format", "json").stdout)
    assert [i["id"] for i in indicators] == ["emr-hospital-coverage", "outpatient-wait-minutes"]
    assert indicators[1] == {
        "id": "outpatient-wait-minutes",
        "name": indicators[1]["name"],
        "domain": indicators[1]["domain"],
        "unit": "minutes",
    } and set(indicators[1]["name"]) == {"en", "vi"}
    provinces = json.loads(run("--data-dir", str(mini), "list", "provinces", "--format", "json").stdout)
    assert [(p["id"], p["level"], p["former"]) for p in provinces] == [
        ("viet-nam", "country", []),
        ("bac-ninh", "province", ["bac-giang", "bac-ninh"]),
        ("ha-noi", "province", []),
        ("lai-chau", "province", []),
    ]
    frameworks = json.loads(run("--data-dir", str(mini), "list", "frameworks", "--format", "json").stdout)
    assert all(set(f) == {"id", "name", "kind"} for f in frameworks) and "smart-healthcare-2030" in [
        f["id"] for f in frameworks
    ]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_list_table_fits_80_columns_without_trailing_spaces(mini: Path, lang: str) -> None:
    result = run("--data-dir", str(mini), "list", "provinces", "--lang", lang, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)
    assert any(line.split()[:1] == ["bac-ninh"] and "bac-giang, bac-ninh" in line for line in lines)


def test_list_refuses_an_unknown_kind(mini: Path) -> None:
    result = run("--data-dir", str(mini), "list", "domain")
    assert result.returncode == 2 and "domain" in result.stderr


@pytest.mark.parametrize(
    ("env", "args", "heading"),
    [
        ({}, [], "Tỉnh/thành"),  # the default is Vietnamese
        ({"TRACKER_LANG": "en"}, [], "Province"),
        ({"TRACKER_LANG": "vi"}, [], "Tỉnh/thành"),
        ({"TRACKER_LANG": "en"}, ["--lang", "vi"], "Tỉnh/thành"),  # the option wins
    ],
)
def test_tracker_lang_sets_the_default_language(mini: Path, env: dict[str, str], args: list[str], heading: str) -> None:
    result = run("--data-dir", str(mini), "stage", *args, env=env)
    assert result.returncode == 0, result.stderr
    assert heading in result.stdout


def test_an_unknown_tracker_lang_is_a_usage_error(mini: Path) -> None:
    result = run("--data-dir", str(mini), "stage", env={"TRACKER_LANG": "fr"})
    assert result.returncode == 2 and "TRACKER_LANG" in result.stderr
