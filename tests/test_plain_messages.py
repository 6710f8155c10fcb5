"""Validation errors in plain words: each pydantic error type `validate` meets, as a user reads it,
located as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.test_cli import run
from tracker.load import _message

OBSERVATION = "      source: illustrative\n      quality: illustrative\n    - period: 2025-09-22"

# (case, text replaced in the mini fixture's bac-ninh.yaml, by what, the line validate prints)
CASES = [
    (
        "missing key",
        OBSERVATION,
        "      quality: illustrative\n    - period: 2025-09-22",
        "provinces/bac-ninh.yaml:11:7: error [missing-key] missing required key 'source' in emr-hospital-coverage",
    ),
    (
        "wrong type",
        "numerator: 20",
        "numerator: twenty",
        "provinces/bac-ninh.yaml:12:18: error [wrong-type] numerator: expected a whole number, got 'twenty'",
    ),
    (
        "fraction for a count",
        "numerator: 20",
        "numerator: 20.5",
        "provinces/bac-ninh.yaml:12:18: error [wrong-type] numerator: expected a whole number, got 20.5",
    ),
    (
        "unknown key",
        "      note: All inpatient",
        "      notes: All inpatient",
        "provinces/bac-ninh.yaml:21:7: error [unknown-key] unknown key 'notes'",
    ),
    (
        "bad choice",
        "quality: reported",
        "quality: official",
        "provinces/bac-ninh.yaml:20:16: error [invalid-choice] quality: must be one of reported, estimated, illustrative, got 'official'",
    ),
    (
        "negative",
        "value: 90",
        "value: -5",
        "provinces/bac-ninh.yaml:24:14: error [negative-value] value: must not be negative, got -5",
    ),
    (
        "text for a number",
        "value: 90",
        'value: "90"',
        "provinces/bac-ninh.yaml:24:14: error [wrong-type] value: expected a number, got '90'",
    ),
    (
        "missing ':' before a value holding ':'",
        "      source: https://example.org/bac-ninh",
        "      source https://example.org/bac-ninh",
        "provinces/bac-ninh.yaml:19:13: error [yaml-syntax] missing ':' after 'source'; add ':' after the key (source: ...)",
    ),
    (
        "a value holding ': '",
        "      note: All inpatient facilities",
        "      note: All inpatient facilities: 54 of 54",
        "provinces/bac-ninh.yaml:21:13: error [yaml-syntax] the value of 'note' holds ': ', which YAML reads as another key; put the value in quotes: note: \"All inpatient facilities: 54 of 54\"",
    ),
    (
        "missing ':' and one later in the value",
        "      note: All inpatient facilities",
        "      note All inpatient facilities: 54 of 54",
        "provinces/bac-ninh.yaml:21:7: error [unknown-key] unknown key 'note All inpatient facilities': if the key is 'note', add ':' after it",
    ),
    (
        "empty",
        OBSERVATION,
        OBSERVATION.replace("source: illustrative", "source: ''"),
        "provinces/bac-ninh.yaml:14:15: error [empty-value] source: must not be empty",
    ),
]


@pytest.mark.parametrize(("case", "old", "new", "line"), CASES, ids=[c[0] for c in CASES])
def test_validate_words_each_mistake_plainly(tmp_path: Path, case: str, old: str, new: str, line: str) -> None:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    path = root / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("--data-dir", str(root), "--no-cache", "validate")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == line
    assert "Input should" not in result.stdout and "String should" not in result.stdout


# (pydantic error, English, Vietnamese): the catalogue holds both.
ERRORS = [
    (
        {"type": "greater_than_equal", "loc": ("value",), "input": -1, "ctx": {"ge": 0}, "msg": ""},
        "value: must not be negative, got -1",
        "value: không được âm, nhận được -1",
    ),
    (
        {"type": "greater_than_equal", "loc": ("year",), "input": 1800, "ctx": {"ge": 1900}, "msg": ""},
        "year: must be 1900 or more, got 1800",
        "year: phải từ 1900 trở lên, nhận được 1800",
    ),
    (
        {"type": "less_than_equal", "loc": ("value",), "input": 120.0, "ctx": {"le": 100.0}, "msg": ""},
        "value: must be 100 or less, got 120.0",
        "value: phải từ 100 trở xuống, nhận được 120.0",
    ),
    (
        {"type": "greater_than", "loc": ("weight",), "input": 0, "ctx": {"gt": 0.0}, "msg": ""},
        "weight: must be more than 0, got 0",
        "weight: phải lớn hơn 0, nhận được 0",
    ),
    (
        {"type": "too_short", "loc": ("targets",), "input": [], "ctx": {"min_length": 1}, "msg": ""},
        "targets: must list at least 1 item(s)",
        "targets: phải có ít nhất 1 mục",
    ),
    (
        {
            "type": "literal_error",
            "loc": ("level",),
            "input": "district",
            "ctx": {"expected": "'country' or 'province'"},
            "msg": "",
        },
        "level: must be one of country, province, got 'district'",
        "level: phải là một trong country, province, nhận được 'district'",
    ),
    (
        {"type": "missing", "loc": ("population", "source"), "input": {}, "msg": ""},
        "missing required key 'source' in population",
        "thiếu khóa bắt buộc 'source' trong population",
    ),
    (
        {"type": "extra_forbidden", "loc": ("notes",), "input": "x", "msg": ""},
        "unknown key 'notes'",
        "khóa không hợp lệ 'notes'",
    ),
    (
        {"type": "extra_forbidden", "loc": ("note All facilities",), "input": "x", "msg": ""},
        "unknown key 'note All facilities': if the key is 'note', add ':' after it",
        "khóa không hợp lệ 'note All facilities': nếu khóa là 'note', thêm ':' ngay sau nó",
    ),
    (
        {"type": "bool_type", "loc": ("value",), "input": True, "msg": ""},
        "value: expected true or false, got True",
        "value: cần true hoặc false, nhận được True",
    ),
]


@pytest.mark.parametrize(("error", "en", "vi"), ERRORS, ids=[f"{e[0]['type']}-{e[0]['loc'][-1]}" for e in ERRORS])
def test_each_pydantic_error_type_has_a_plain_message_in_both_languages(error: dict, en: str, vi: str) -> None:  # type: ignore[type-arg]
    assert _message(error, "en") == en
    assert _message(error, "vi") == vi
