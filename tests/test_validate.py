"""`tracker validate`: each kind of bad input gives its rule id at the right line and column."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.load import load_dataset
from tracker.yamlfile import guard

PROVINCE = "provinces/bac-ninh.yaml"
FRAMEWORK = "indicators/targets/smart-healthcare-2030.yaml"
WAIT = "indicators/outpatient-wait-minutes.yaml"
EMR = "indicators/emr-hospital-coverage.yaml"


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"fixture lacks {old!r}"
        return text.replace(old, new, count)

    return edit


def whole(text: str) -> Callable[[str], str]:
    return lambda _: text


# (case, file, edit, rule, line, column) — lines and columns are 1-based, counted by hand in
# tests/fixtures/mini/provinces/bac-ninh.yaml after the edit.
CASES = [
    (
        "numerator above denominator",
        PROVINCE,
        replace("numerator: 54", "numerator: 60"),
        "numerator-exceeds-denominator",
        17,
        18,
    ),
    ("percent as text", PROVINCE, replace("value: 90", 'value: "87%"'), "wrong-type", 24, 14),
    ("thousands separator", PROVINCE, replace("value: 90", 'value: "1,234"'), "wrong-type", 24, 14),
    ("yes is not a number", PROVINCE, replace("value: 90", "value: yes"), "wrong-type", 24, 14),
    ("null is not a number", PROVINCE, replace("numerator: 20", "numerator: ~"), "incomplete-ratio", 11, 7),
    ("float count", PROVINCE, replace("numerator: 20", "numerator: 20.5"), "wrong-type", 12, 18),
    ("month 13", PROVINCE, replace("period: 2025-09-22", "period: 2025-13"), "bad-period", 16, 15),
    ("30 February", PROVINCE, replace("period: 2025-09-22", "period: 2025-02-30"), "bad-period", 16, 15),
    ("quarter 5", PROVINCE, replace("period: 2025-09-22", "period: 2025-Q5"), "bad-period", 16, 15),
    ("unknown key", PROVINCE, replace("level: province\n", "level: province\ncolour: red\n"), "unknown-key", 5, 1),
    ("unknown key in observation", PROVINCE, replace("      note: All", "      notes: All"), "unknown-key", 21, 7),
    (
        "unknown indicator",
        PROVINCE,
        replace("  outpatient-wait-minutes:", "  outpatient-wait-minute:"),
        "unknown-indicator",
        22,
        3,
    ),
    (
        "duplicate key",
        PROVINCE,
        replace("level: province\n", "level: province\nlevel: country\n"),
        "duplicate-key",
        5,
        1,
    ),
    ("tab indentation", PROVINCE, replace("      numerator: 20", "\tnumerator: 20"), "tab", 12, 1),
    ("NaN", PROVINCE, replace("value: 90", "value: .nan"), "not-finite", 24, 14),
    ("infinity", PROVINCE, replace("value: 90", "value: .inf"), "not-finite", 24, 14),
    ("negative count", PROVINCE, replace("denominator: 54", "denominator: -5"), "negative-value", 13, 20),
    ("id differs from file name", PROVINCE, replace("id: bac-ninh", "id: bac-giang"), "id-mismatch", 2, 5),
    ("id not kebab-case", PROVINCE, replace("id: bac-ninh", "id: Bac_Ninh"), "bad-id", 2, 5),
    ("duplicate period", PROVINCE, replace("period: 2025-09-22", "period: 2024-12"), "duplicate-period", 16, 15),
    ("missing source", PROVINCE, replace("      source: illustrative\n", ""), "missing-key", 11, 7),
    ("empty source", PROVINCE, replace("source: illustrative", "source: ''"), "empty-value", 14, 15),
    ("bad quality", PROVINCE, replace("quality: reported", "quality: official"), "invalid-choice", 20, 16),
    (
        "name not NFC",
        PROVINCE,
        replace("vi: Bắc Ninh", "vi: " + unicodedata.normalize("NFD", "Bắc Ninh")),
        "not-nfc",
        3,
        26,
    ),
    ("unknown parent", PROVINCE, replace("parent: viet-nam", "parent: viet-nan"), "unknown-province", 5, 9),
    ("python object tag", PROVINCE, replace("value: 90", "value: !!python/object:os.system x"), "yaml-tag", 24, 14),
    ("unknown tag", PROVINCE, replace("value: 90", "value: !money 90"), "yaml-tag", 24, 14),
    ("alias", PROVINCE, replace("level: province", "level: &l province\nkind: *l"), "alias", 4, 8),
    ("syntax error", PROVINCE, replace("level: province", "level: [province"), "yaml-syntax", 5, 7),
    ("empty file", PROVINCE, whole(""), "empty-file", 1, 1),
    ("only comments", PROVINCE, whole("# nothing here\n"), "empty-file", 1, 1),
    ("list at top level", PROVINCE, whole("- bac-ninh\n"), "not-a-mapping", 1, 1),
    ("deep nesting", PROVINCE, whole("id: " + "[" * 10_000 + "]" * 10_000 + "\n"), "too-deep", 1, 205),
    (
        "milestones out of order",
        FRAMEWORK,
        replace(
            "    - {by: 2025-09-30, value: 100, source: Directive 07/CT-TTg}",
            "    - {by: 2025-09-30, value: 100, source: Directive 07/CT-TTg}\n    - {by: 2024-12-31, value: 100, source: x}",
        ),
        "milestone-order",
        7,
        12,
    ),
    (
        "baseline period in other digits",
        FRAMEWORK,
        replace("source: Decision 5316/QĐ-BYT\n", "source: Decision 5316/QĐ-BYT\nbaseline_period: '２０２０'\n"),
        "bad-period",
        4,
        18,
    ),
    ("target above 100 %", FRAMEWORK, replace("value: 100", "value: 120"), "percent-out-of-range", 6, 31),
    (
        "count noun on a non-ratio indicator",
        WAIT,
        replace("aggregate: mean", "counted: {en: patients, vi: người bệnh}\naggregate: mean"),
        "invalid-value",
        6,
        1,
    ),
    (
        "count noun not NFC",
        EMR,
        replace("vi: bệnh viện}", "vi: " + unicodedata.normalize("NFD", "bệnh viện") + "}"),
        "not-nfc",
        8,
        30,
    ),
    (
        "count noun in another language",
        EMR,
        replace("vi: bệnh viện}", "vi: bệnh viện, fr: hôpitaux}"),
        "unknown-key",
        8,
        41,
    ),
    (
        "unknown indicator in framework",
        FRAMEWORK,
        replace("  outpatient-wait-minutes:", "  wait-minutes:"),
        "unknown-indicator",
        7,
        3,
    ),
]


@pytest.mark.parametrize(("case", "file", "edit", "rule", "line", "column"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_located(
    mini: Path, case: str, file: str, edit: Callable[[str], str], rule: str, line: int, column: int
) -> None:
    target = mini / file
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    _, problems = load_dataset(mini)
    found = [(p.rule, p.line, p.column) for p in problems if p.path == file and p.level == "error"]
    assert (rule, line, column) in found, f"{case}: got {problems}"


def test_percent_above_100_and_bare_value_on_ratio(mini: Path) -> None:
    target = mini / PROVINCE
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("      numerator: 20\n      denominator: 54\n", "      value: 120\n"), encoding="utf-8"
    )
    _, problems = load_dataset(mini)
    got = {(p.rule, p.level, p.line, p.column) for p in problems}
    assert ("percent-out-of-range", "error", 12, 14) in got
    assert ("ratio-without-counts", "warning", 12, 14) in got


def test_non_utf8_bytes(mini: Path) -> None:
    target = mini / PROVINCE
    target.write_bytes(target.read_bytes().replace("Bắc Ninh}".encode(), "B\xe1c Ninh}".encode("latin-1")))
    _, problems = load_dataset(mini)
    assert [(p.rule, p.line, p.column) for p in problems] == [("encoding", 3, 27)]


def test_utf16_is_refused(mini: Path) -> None:
    target = mini / PROVINCE
    target.write_bytes(target.read_text(encoding="utf-8").encode("utf-16"))
    _, problems = load_dataset(mini)
    assert [p.rule for p in problems] == ["encoding"]


def test_billion_laughs_is_refused_quickly(mini: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (mini / PROVINCE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_dataset(mini)
    assert [p.rule for p in problems] == ["alias"]


def test_file_over_the_size_limit(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_BYTES", 100)
    _, problems = load_dataset(mini)
    assert {p.rule for p in problems} == {"file-too-large"}


def test_every_problem_is_reported_not_just_the_first(mini: Path) -> None:
    target = mini / PROVINCE
    text = target.read_text(encoding="utf-8").replace("value: 90", "value: x").replace("value: 60", "value: y")
    target.write_text(text.replace("level: province", "level: province\nfoo: 1"), encoding="utf-8")
    _, problems = load_dataset(mini)
    assert [p.rule for p in problems] == ["unknown-key", "wrong-type", "wrong-type"]


def test_clean_fixture_has_no_problems(mini: Path) -> None:
    _, problems = load_dataset(mini)
    assert problems == []


def test_problem_json_keys(mini: Path) -> None:
    (mini / PROVINCE).write_text("id: [\n", encoding="utf-8")
    _, problems = load_dataset(mini)
    assert json.loads(json.dumps([p.as_dict() for p in problems]))[0].keys() == {
        "path",
        "line",
        "column",
        "level",
        "rule",
        "message",
    }


def test_a_duplicate_key_does_not_hide_the_other_problems(mini: Path) -> None:
    """The later value of the duplicated key is read, so the rest of the file is checked too."""
    path = mini / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8").replace("level: province\n", "level: province\nlevel: province\n", 1)
    text = text.replace("numerator: 20\n", "numerator: 60\n", 1)  # 60 of 54: a cross-file rule
    text = text.replace("quality: reported\n", "quality: official\n", 1)  # a model rule
    path.write_text(text, encoding="utf-8")
    from tests.test_cli import run

    result = run("--data-dir", str(mini), "--no-cache", "validate", "--format", "json")
    assert result.returncode == 1
    assert {p["rule"] for p in json.loads(result.stdout)} == {"duplicate-key", "invalid-choice"}
    path.write_text(text.replace("quality: official\n", "quality: reported\n"), encoding="utf-8")
    result = run("--data-dir", str(mini), "--no-cache", "validate", "--format", "json")
    assert {p["rule"] for p in json.loads(result.stdout)} == {"duplicate-key", "numerator-exceeds-denominator"}
