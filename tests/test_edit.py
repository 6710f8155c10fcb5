"""`tracker.edit`: an edit changes only the lines of the observation it is about, refuses to make
the data invalid, and writes atomically under a lock so that concurrent edits all land."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import re
import shutil
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO
from tracker import edit
from tracker.edit import parse_value, record, set_field
from tracker.edit_document import to_scalar
from tracker.edit_lines import _common_ends, keep_lines_below, lay_onto, split_lines, unified_diff
from tracker.edit_splice import Addition, _scalar_text, _StepAside, fast_edit
from tracker.load import load_dataset
from tracker.problems import EditConflict, UsageError
from tracker.yamlfile.guard import decode
from tracker.yamlfile.read import load_data
from tracker.yamlfile.roundtrip import dump_roundtrip, load_roundtrip, new_mapping
from tracker.yamlfile.scan import period_text

PROVINCE = "provinces/bac-ninh.yaml"
EMR = "emr-hospital-coverage"
WAIT = "outpatient-wait-minutes"
URL = "https://example.org/q"


BAC_NINH = """\
# yaml-language-server: $schema=../schema/province.schema.json
id: bac-ninh
name: {en: Bac Ninh, vi: Bắc Ninh}
level: province
parent: viet-nam
# the former provinces, until 30 June 2025
former: {bac-giang: {name: {en: Bac Giang, vi: Bắc Giang}, iso: VN-54}, bac-ninh: {name: {en: Bac Ninh, vi: Bắc Ninh}, iso: VN-56}}
population: {value: 3619433, year: 2025, source: "https://example.org/pop"}
observations:
  emr-hospital-coverage:
    - period: 2024
      numerator: 20
      denominator: 54
      source: illustrative
      quality: illustrative
    - period: 2025-09-22
      numerator: 54
      denominator: 54
      source: https://example.org/bac-ninh
      quality: reported
      note: All inpatient facilities
  outpatient-wait-minutes:
    - period: 2023
      value: 90
      source: illustrative
      quality: illustrative
    - period: 2024
      value: 60
      source: illustrative
      quality: illustrative
"""

VIET_NAM = """\
id: viet-nam
name: {en: Viet Nam, vi: Việt Nam}
level: country
observations:
  emr-hospital-coverage:
    - period: 2025-09-30
      numerator: 700
      denominator: 1650
      source: https://example.org/national
      quality: reported
"""


def _data_root(folder: Path) -> Path:
    """The small fixture's indicators with two province files of our own, so that the exact
    diffs below do not move when the shared fixture grows."""
    root = folder / "data"
    shutil.copytree(FIXTURES / "mini" / "indicators", root / "indicators")
    (root / "provinces").mkdir()
    (root / "provinces" / "bac-ninh.yaml").write_text(BAC_NINH, encoding="utf-8")
    (root / "provinces" / "viet-nam.yaml").write_text(VIET_NAM, encoding="utf-8")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return _data_root(tmp_path)


def province(root: Path) -> Path:
    return root / PROVINCE


def hunks(diff: str) -> str:
    """The diff without its two file-name lines."""
    lines = diff.splitlines(keepends=True)
    assert lines[0] == f"--- a/{PROVINCE}\n" and lines[1] == f"+++ b/{PROVINCE}\n"
    return "".join(lines[2:])


# --- parse_value ------------------------------------------------------------------------------

GOOD_VALUES = [
    ("87.5", (87.5, None, None)),
    ("0", (0.0, None, None)),
    ("100", (100.0, None, None)),
    (" 42.25 ", (42.25, None, None)),
    ("54/54", (None, 54, 54)),
    ("0/12", (None, 0, 12)),
    ("7 / 9", (None, 7, 9)),
    ("60/54", (None, 60, 54)),  # parses; the validator refuses it for a percent indicator
]
BAD_VALUES = [
    ("87%", "% sign"),
    ("1,234", "thousands separators"),
    ("87,5", "decimal commas"),
    ("nan", "not a finite number"),
    ("inf", "not a finite number"),
    ("-inf", "negative"),
    ("-3", "negative"),
    ("5/", "count pair"),
    ("/5", "count pair"),
    ("5.5/10", "count pair"),
    ("-1/4", "negative"),
    ("", "is not a number"),
    ("abc", "is not a number"),
    ("1e3", "is not a number"),
    ("+5", "is not a number"),
    (".5", "is not a number"),
    ("٣", "is not a number"),  # a non-ASCII digit
    ("9" * 400, "not a finite number"),
    ("1" * 5000 + "/1", "count pair"),
    ("12\n3", "is not a number"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_VALUES)
def test_parse_value_accepts(text: str, expected: tuple[Any, ...]) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize(("text", "hint"), BAD_VALUES)
def test_parse_value_refuses_with_a_one_line_message(text: str, hint: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_value(text)
    message = str(caught.value)
    assert hint in message
    assert "\n" not in message


# --- adding -----------------------------------------------------------------------------------

ADD_IN_THE_MIDDLE = """\
@@ -13,6 +13,11 @@
       denominator: 54
       source: illustrative
       quality: illustrative
+    - period: 2025-06
+      numerator: 40
+      denominator: 54
+      source: https://example.org/q
+      quality: reported
     - period: 2025-09-22
       numerator: 54
       denominator: 54
"""

ADD_AT_THE_END = """\
@@ -28,3 +28,8 @@
       value: 60
       source: illustrative
       quality: illustrative
+    - period: 2025-Q3
+      value: 45.5
+      source: https://example.org/q
+      quality: estimated
+      note: 'Survey of 12 hospitals: median'
"""


def test_record_adds_in_period_order_in_the_middle(root: Path) -> None:
    result = record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL)
    assert (result.action, result.written, result.refused, result.problems) == ("added", True, False, [])
    assert result.path == province(root)
    assert hunks(result.diff) == ADD_IN_THE_MIDDLE
    assert load_dataset(root)[1] == []


def test_record_adds_at_the_end_of_the_file(root: Path) -> None:
    result = record(
        root,
        "bac-ninh",
        WAIT,
        "2025-Q3",
        "45.5",
        source=URL,
        quality="estimated",
        note="Survey of 12 hospitals: median",
    )
    assert result.action == "added" and result.written
    assert hunks(result.diff) == ADD_AT_THE_END
    observation = load_data(province(root).read_text())["observations"][WAIT][-1]
    assert observation == {
        "period": "2025-Q3",
        "value": 45.5,
        "source": URL,
        "quality": "estimated",
        "note": "Survey of 12 hospitals: median",
    }


def test_record_writes_periods_plain_and_in_order(root: Path) -> None:
    for period in ("2022", "2025-06-30", "2023-Q2", "2021-07"):
        assert record(root, "viet-nam", EMR, period, "1/2", source=URL).action == "added"
    text = (root / "provinces/viet-nam.yaml").read_text()
    periods = [line.split(": ", 1)[1] for line in text.splitlines() if "period:" in line]
    assert periods == ["2021-07", "2022", "2023-Q2", "2025-06-30", "2025-09-30"]


def test_record_into_a_new_indicator_key(root: Path) -> None:
    result = record(root, "viet-nam", WAIT, "2024", "75", source=URL)
    assert result.action == "added" and result.written
    assert result.diff == (
        "--- a/provinces/viet-nam.yaml\n"
        "+++ b/provinces/viet-nam.yaml\n"
        "@@ -8,3 +8,8 @@\n"
        "       denominator: 1650\n"
        "       source: https://example.org/national\n"
        "       quality: reported\n"
        "+  outpatient-wait-minutes:\n"
        "+    - period: 2024\n"
        "+      value: 75\n"
        "+      source: https://example.org/q\n"
        "+      quality: reported\n"
    )


def test_record_into_a_file_without_observations(root: Path) -> None:
    path = root / "provinces/viet-nam.yaml"
    path.write_text(
        "id: viet-nam\nname: {en: Viet Nam, vi: Việt Nam}\nlevel: country\n\n# national targets\ntargets: {}\n"
    )
    result = record(root, "viet-nam", WAIT, "2024", "75", source=URL)
    assert result.written
    assert path.read_text() == (
        "id: viet-nam\nname: {en: Viet Nam, vi: Việt Nam}\nlevel: country\n"
        "observations:\n  outpatient-wait-minutes:\n    - period: 2024\n      value: 75\n"
        "      source: https://example.org/q\n      quality: reported\n"
        "\n# national targets\ntargets: {}\n"
    )


@pytest.mark.parametrize(
    "empty", ["observations:\n", "observations: {}\n", "observations:\n  outpatient-wait-minutes: []\n"]
)
def test_record_into_empty_observations(root: Path, empty: str) -> None:
    path = root / "provinces/viet-nam.yaml"
    path.write_text("id: viet-nam\nname: {en: Viet Nam, vi: Việt Nam}\nlevel: country\n" + empty)
    assert record(root, "viet-nam", WAIT, "2024", "75", source=URL).written
    assert path.read_text() == (
        "id: viet-nam\nname: {en: Viet Nam, vi: Việt Nam}\nlevel: country\n"
        "observations:\n  outpatient-wait-minutes:\n    - period: 2024\n      value: 75\n"
        "      source: https://example.org/q\n      quality: reported\n"
    )


# --- updating ---------------------------------------------------------------------------------

RATIO_TO_VALUE = """\
@@ -9,8 +9,7 @@
 observations:
   emr-hospital-coverage:
     - period: 2024
-      numerator: 20
-      denominator: 54
+      value: 37
       source: illustrative
       quality: illustrative
     - period: 2025-09-22
"""

VALUE_TO_RATIO = """\
@@ -25,6 +25,8 @@
       source: illustrative
       quality: illustrative
     - period: 2024
-      value: 60
-      source: illustrative
-      quality: illustrative
+      numerator: 60
+      denominator: 61
+      source: https://example.org/q
+      quality: reported
+      note: pooled
"""


def test_record_updates_ratio_to_value_and_back(root: Path) -> None:
    original = province(root).read_bytes()
    result = record(root, "bac-ninh", EMR, "2024", "37", source="illustrative", quality="illustrative")
    assert (result.action, result.written) == ("updated", True)
    assert hunks(result.diff) == RATIO_TO_VALUE
    # A bare value for a pooled indicator is allowed but warned about.
    assert [(p.level, p.rule) for p in result.problems] == [("warning", "ratio-without-counts")]
    back = record(root, "bac-ninh", EMR, "2024", "20/54", source="illustrative", quality="illustrative")
    assert back.action == "updated"
    assert province(root).read_bytes() == original


def test_record_updates_value_to_ratio_with_a_note(root: Path) -> None:
    result = record(root, "bac-ninh", WAIT, "2024", "60/61", source=URL, note="pooled")
    assert result.action == "updated"
    assert hunks(result.diff) == VALUE_TO_RATIO


def test_update_keeps_the_note_unless_a_new_one_is_given(root: Path) -> None:
    result = record(root, "bac-ninh", EMR, "2025-09-22", "53/54", source="https://example.org/bac-ninh")
    assert hunks(result.diff) == (
        "@@ -14,7 +14,7 @@\n"
        "       source: illustrative\n"
        "       quality: illustrative\n"
        "     - period: 2025-09-22\n"
        "-      numerator: 54\n"
        "+      numerator: 53\n"
        "       denominator: 54\n"
        "       source: https://example.org/bac-ninh\n"
        "       quality: reported\n"
    )
    result = record(
        root, "bac-ninh", EMR, "2025-09-22", "53/54", source="https://example.org/bac-ninh", note="Public only"
    )
    assert "-      note: All inpatient facilities\n+      note: Public only\n" in result.diff


def test_recording_the_same_figure_again_changes_nothing(root: Path) -> None:
    before = province(root).stat()
    result = record(root, "bac-ninh", WAIT, "2024", "60.0", source="illustrative", quality="illustrative")
    assert (result.action, result.diff, result.written, result.problems) == ("unchanged", "", False, [])
    assert province(root).stat().st_mtime_ns == before.st_mtime_ns


COMMENTED = """\
id: bac-ninh
name: {en: Bac Ninh, vi: Bắc Ninh}
level: province
parent: viet-nam
observations:
  # about EMR
  emr-hospital-coverage:
    # first figure
    - period: "2024"
      value: 40  # rounded
      # the source is a slide deck
      source: illustrative
      quality: illustrative
      note: old note
      # after the note

    # before September
    - {period: "2025-09", numerator: 54, denominator: 54, source: x, quality: reported}
    # end of EMR

# before targets
targets: {}
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            (EMR, "2024", "20/54"),
            """\
@@ -7,10 +7,11 @@
   emr-hospital-coverage:
     # first figure
     - period: "2024"
-      value: 40  # rounded
+      numerator: 20 # rounded
+      denominator: 54
       # the source is a slide deck
-      source: illustrative
-      quality: illustrative
+      source: https://example.org/q
+      quality: reported
       note: old note
       # after the note
 
""",
            id="update-keeps-comments",
        ),
        pytest.param(
            (EMR, "2025-06", "30/54"),
            """\
@@ -13,6 +13,11 @@
       quality: illustrative
       note: old note
       # after the note
+    - period: "2025-06"
+      numerator: 30
+      denominator: 54
+      source: https://example.org/q
+      quality: reported
 
     # before September
     - {period: "2025-09", numerator: 54, denominator: 54, source: x, quality: reported}
""",
            id="insert-below-the-comments-of-the-item-above",
        ),
        pytest.param(
            (EMR, "2023", "30/54"),
            """\
@@ -6,6 +6,11 @@
   # about EMR
   emr-hospital-coverage:
     # first figure
+    - period: "2023"
+      numerator: 30
+      denominator: 54
+      source: https://example.org/q
+      quality: reported
     - period: "2024"
       value: 40  # rounded
       # the source is a slide deck
""",
            id="insert-first",
        ),
        pytest.param(
            (EMR, "2026", "30/54"),
            """\
@@ -16,6 +16,11 @@
 
     # before September
     - {period: "2025-09", numerator: 54, denominator: 54, source: x, quality: reported}
+    - period: "2026"
+      numerator: 30
+      denominator: 54
+      source: https://example.org/q
+      quality: reported
     # end of EMR
 
 # before targets
""",
            id="append-after-a-flow-item",
        ),
        pytest.param(
            (EMR, "2025-09", "87.5"),
            """\
@@ -15,7 +15,7 @@
       # after the note
 
     # before September
-    - {period: "2025-09", numerator: 54, denominator: 54, source: x, quality: reported}
+    - {period: "2025-09", value: 87.5, source: 'https://example.org/q', quality: reported}
     # end of EMR
 
 # before targets
""",
            id="update-a-flow-item",
        ),
        pytest.param(
            (WAIT, "2023", "30"),
            """\
@@ -17,6 +17,11 @@
     # before September
     - {period: "2025-09", numerator: 54, denominator: 54, source: x, quality: reported}
     # end of EMR
+  outpatient-wait-minutes:
+    - period: "2023"
+      value: 30
+      source: https://example.org/q
+      quality: reported
 
 # before targets
 targets: {}
""",
            id="new-indicator-above-the-next-section-comment",
        ),
    ],
)
def test_comments_stay_with_what_they_describe(root: Path, args: tuple[str, str, str], expected: str) -> None:
    province(root).write_text(COMMENTED)
    result = record(root, "bac-ninh", *args, source=URL, dry_run=True)
    assert hunks(result.diff) == expected
    assert not result.refused


def test_lines_ruamel_would_reformat_are_left_alone(root: Path) -> None:
    # Flow spacing, a document marker, trailing spaces, `~`, a two-line plain scalar: none of
    # them round-trip through ruamel unchanged, and an edit elsewhere must not touch them.
    text = (
        "---\n"
        "id: bac-ninh\n"
        "name: { en: Bac Ninh, vi: Bắc Ninh }   \n"
        "level: province\n"
        "parent: viet-nam\n"
        "kind: ~\n"
        "observations:\n"
        "  outpatient-wait-minutes:\n"
        "    - period: 2023\n"
        "      value: 90\n"
        "      source: a source written\n"
        "        over two lines\n"
        "      quality: illustrative\n"
        "...\n"
    )
    province(root).write_text(text)
    assert record(root, "bac-ninh", WAIT, "2024", "50", source=URL).written
    lines = province(root).read_text().splitlines(keepends=True)
    assert lines[:13] == text.splitlines(keepends=True)[:13]
    assert "".join(lines[13:]) == (
        "    - period: 2024\n      value: 50\n      source: https://example.org/q\n      quality: reported\n...\n"
    )


def test_a_file_indented_another_way_keeps_its_indentation(root: Path) -> None:
    text = (
        "id: bac-ninh\nname: {en: Bac Ninh, vi: Bắc Ninh}\nlevel: province\nparent: viet-nam\n"
        "observations:\n"
        "    outpatient-wait-minutes:\n"
        "    - period: 2023\n"
        "      value: 90\n"
        "      source: x\n"
        "      quality: reported\n"
    )
    province(root).write_text(text)
    assert record(root, "bac-ninh", WAIT, "2024", "50", source=URL).written
    assert province(root).read_text() == text + (
        "    - period: 2024\n      value: 50\n      source: https://example.org/q\n      quality: reported\n"
    )


# --- refusing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "rule", "line"),
    [
        ((EMR, "2025-06", "60/54"), "numerator-exceeds-denominator", 17),
        ((EMR, "2025-06", "100.5"), "percent-out-of-range", 17),
        ((EMR, "2024-12", "30/54"), "duplicate-period", 16),  # ends on 2024-12-31, like `2024`
        ((EMR, "2025-Q3", "30/54"), "duplicate-period", 27),  # like `2025-09-30`...
        ((EMR, "2025-06", "30/0"), "zero-denominator", 18),
    ],
)
def test_an_edit_that_breaks_the_data_is_refused(root: Path, args: tuple[str, str, str], rule: str, line: int) -> None:
    if args[1] == "2025-Q3":  # ...once the file has a figure for 2025-09-30
        assert record(root, "bac-ninh", EMR, "2025-09-30", "54/54", source=URL).written
    path = province(root)
    original = path.read_bytes()
    result = record(root, "bac-ninh", *args, source=URL)
    assert result.refused and not result.written
    errors = [p for p in result.problems if p.level == "error"]
    assert [p.rule for p in errors] == [rule]
    assert (errors[0].path, errors[0].line) == (PROVINCE, line)  # in the proposed text
    assert result.diff.startswith(f"--- a/{PROVINCE}\n")  # what would have been written
    assert path.read_bytes() == original


def test_an_edit_is_allowed_in_a_file_that_already_has_errors(root: Path) -> None:
    path = province(root)
    path.write_text(path.read_text().replace("value: 90", "value: 190").replace("numerator: 20", "numerator: 60"))
    assert any(p.rule == "numerator-exceeds-denominator" for p in load_dataset(root)[1])
    result = record(root, "bac-ninh", WAIT, "2025", "50", source=URL)
    assert result.written and result.problems == []


def test_an_update_that_keeps_an_observation_invalid_is_refused(root: Path) -> None:
    path = province(root)
    path.write_text(path.read_text().replace("numerator: 20", "numerator: 60"))
    result = record(root, "bac-ninh", EMR, "2024", "70/54", source=URL)
    assert result.refused and [p.rule for p in result.problems] == ["numerator-exceeds-denominator"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"province": "bac-nin"}, "unknown province 'bac-nin'; did you mean 'bac-ninh'"),
        ({"province": "../provinces/bac-ninh"}, "unknown province '../provinces/bac-ninh'"),
        (
            {"indicator": "emr-hospital-coverag"},
            "unknown indicator 'emr-hospital-coverag'; did you mean 'emr-hospital-coverage'?",
        ),
        ({"period": "2025-13"}, "period '2025-13': month 13 does not exist"),
        ({"period": "Q3 2025"}, "is not YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"),
        ({"value_text": "87%"}, "leave out the % sign"),
        (
            {"quality": "reportd"},
            "unknown quality 'reportd'; use one of reported, estimated, illustrative; did you mean 'reported'?",
        ),
    ],
)
def test_bad_arguments_raise_tracker_error(root: Path, overrides: dict[str, str], message: str) -> None:
    args = {
        "province": "bac-ninh",
        "indicator": EMR,
        "period": "2025-06",
        "value_text": "1/2",
        "source": URL,
        **overrides,
    }
    original = province(root).read_bytes()
    with pytest.raises(UsageError) as caught:
        record(root, **args)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert province(root).read_bytes() == original


def test_a_file_that_does_not_parse_is_a_clear_error(root: Path) -> None:
    province(root).write_text("id: bac-ninh\nname: [unclosed\n")
    with pytest.raises(UsageError, match=r"^provinces/bac-ninh.yaml:\d+:\d+: cannot edit: "):
        record(root, "bac-ninh", EMR, "2025-06", "1/2", source=URL)


def test_a_file_whose_observations_are_not_a_mapping_is_a_clear_error(root: Path) -> None:
    province(root).write_text("id: bac-ninh\nobservations: [1, 2]\n")
    with pytest.raises(UsageError, match=r"^provinces/bac-ninh\.yaml: cannot edit: `observations` is not a mapping"):
        record(root, "bac-ninh", EMR, "2025-06", "1/2", source=URL)


# --- dry run, writing, failures -------------------------------------------------------------


def test_dry_run_writes_nothing_and_returns_the_diff(root: Path) -> None:
    path = province(root)
    before = path.stat()
    result = record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL, dry_run=True)
    assert (result.action, result.written, result.refused) == ("added", False, False)
    assert hunks(result.diff) == ADD_IN_THE_MIDDLE
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(os.listdir(path.parent)) == ["bac-ninh.yaml", "viet-nam.yaml"]


def test_the_file_mode_is_kept(root: Path) -> None:
    path = province(root)
    path.chmod(0o640)
    assert record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL).written
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_file_and_no_temp_files(
    root: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = province(root)
    original = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(UsageError, match="could not write: No space left on device; the file is unchanged"):
        record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL)
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(os.listdir(path.parent)) == ["bac-ninh.yaml", "viet-nam.yaml"]
    # The lock was released: the next edit goes through.
    assert record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL).written


def test_a_change_by_a_program_that_ignores_the_lock_is_not_overwritten(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = province(root)

    # Whichever checks the edit, the round trip's or the fast path's (see `_fast_edit`).
    def edited_meanwhile(check: Any) -> Any:
        def meanwhile(*args: Any) -> Any:
            path.write_text(path.read_text() + "# edited by hand\n")
            return check(*args)

        return meanwhile

    for name in ("_introduced_problems", "_introduced_in_slice"):
        monkeypatch.setattr(edit, name, edited_meanwhile(getattr(edit, name)))
    with pytest.raises(EditConflict, match="changed while it was being edited; nothing was written"):
        record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL)
    assert path.read_text().endswith("quality: illustrative\n# edited by hand\n")


def _record_in_process(root: str, period: str, barrier: Any) -> None:
    barrier.wait()
    record(Path(root), "bac-ninh", WAIT, period, "30", source=URL)


def test_concurrent_records_into_one_file_all_land(root: Path) -> None:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    periods = ["2025-01", "2025-02", "2025-03", "2025-04"]
    barrier = context.Barrier(len(periods))
    workers = [context.Process(target=_record_in_process, args=(str(root), p, barrier)) for p in periods]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0] * len(periods)
    data = load_data(province(root).read_text())
    assert [str(o["period"]) for o in data["observations"][WAIT]] == ["2023", "2024", *periods]
    assert load_dataset(root)[1] == []
    assert sorted(os.listdir(province(root).parent)) == ["bac-ninh.yaml", "viet-nam.yaml"]


# --- line endings, byte-order mark, final newline -------------------------------------------


@pytest.mark.parametrize("layout", ["crlf", "bom", "bom-crlf", "no-final-newline", "crlf-no-final-newline"])
def test_the_file_layout_survives_an_edit(root: Path, layout: str) -> None:
    path = province(root)
    data = path.read_bytes()
    if "crlf" in layout:
        data = data.replace(b"\n", b"\r\n")
    if "bom" in layout:
        data = b"\xef\xbb\xbf" + data
    if "no-final-newline" in layout:
        data = data.rstrip(b"\r\n")
    path.write_bytes(data)
    assert record(root, "bac-ninh", WAIT, "2025", "30", source=URL).written  # at the very end
    assert record(root, "bac-ninh", EMR, "2025-06", "40/54", source=URL).written  # in the middle
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == ("bom" in layout)
    if "crlf" in layout:
        assert b"\n" not in written.replace(b"\r\n", b"")
    else:
        assert b"\r" not in written
    assert written.endswith(b"\n") == ("no-final-newline" not in layout)
    assert written.rstrip(b"\r\n").endswith(b"quality: reported")
    unix = written.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n"
    assert unix.count(b"- period:") == 6
    assert load_dataset(root)[1] == []


def test_the_diff_marks_a_missing_final_newline(root: Path) -> None:
    path = province(root)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    result = record(root, "bac-ninh", WAIT, "2025", "30", source=URL, dry_run=True)
    assert hunks(result.diff) == (
        "@@ -27,4 +27,8 @@\n"
        "     - period: 2024\n"
        "       value: 60\n"
        "       source: illustrative\n"
        "-      quality: illustrative\n"
        "\\ No newline at end of file\n"
        "+      quality: illustrative\n"
        "+    - period: 2025\n"
        "+      value: 30\n"
        "+      source: https://example.org/q\n"
        "+      quality: reported\n"
        "\\ No newline at end of file\n"
    )


# --- set_field ----------------------------------------------------------------------------------


def test_set_field_changes_one_value_on_its_line(root: Path) -> None:
    result = set_field(root, "bac-ninh", "population.value", "3700000")
    assert (result.action, result.written) == ("updated", True)
    assert hunks(result.diff) == (
        "@@ -5,7 +5,7 @@\n"
        " parent: viet-nam\n"
        " # the former provinces, until 30 June 2025\n"
        " former: {bac-giang: {name: {en: Bac Giang, vi: Bắc Giang}, iso: VN-54}, bac-ninh: {name: {en: Bac Ninh, vi: Bắc Ninh}, iso: VN-56}}\n"
        '-population: {value: 3619433, year: 2025, source: "https://example.org/pop"}\n'
        '+population: {value: 3700000, year: 2025, source: "https://example.org/pop"}\n'
        " observations:\n"
        "   emr-hospital-coverage:\n"
        "     - period: 2024\n"
    )
    result = set_field(root, "bac-ninh", "population.source", "https://example.org/census")
    assert 'source: "https://example.org/census"}' in province(root).read_text()  # keeps its quotes
    assert set_field(root, "bac-ninh", "name.en", "Bac Ninh").action == "unchanged"


def test_set_field_normalises_names_to_nfc(root: Path) -> None:
    typed = unicodedata.normalize("NFD", "Việt Nam (cả nước)")  # as some keyboards send it
    assert typed != "Việt Nam (cả nước)"
    result = set_field(root, "viet-nam", "name.vi", typed)
    assert result.written and result.problems == []
    assert "vi: Việt Nam (cả nước)}" in (root / "provinces/viet-nam.yaml").read_text()
    assert set_field(root, "viet-nam", "name.vi", typed).action == "unchanged"


def test_set_field_refuses_an_incomplete_population(root: Path) -> None:
    result = set_field(root, "viet-nam", "population.value", "100000000")
    assert result.refused and not result.written
    assert sorted(p.rule for p in result.problems) == ["missing-key", "missing-key"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("population.valu", "1", "cannot set 'population.valu'; settable fields are"),
        ("id", "x", "cannot set 'id'"),
        ("population.value", "3,619,433", "population.value must be a whole number without separators"),
        ("population.year", "2025.5", "population.year must be a whole number"),
    ],
)
def test_set_field_bad_arguments(root: Path, field: str, value: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace(".", r"\.")):
        set_field(root, "bac-ninh", field, value)


# --- properties ---------------------------------------------------------------------------------

SOURCES = [
    "illustrative",
    "https://example.org/a",
    '"Report: 2024, page 3"',
    "'Decision 5316/QĐ-BYT'",
    "Sở Y tế Bắc Ninh",
]
NOTES = ["All inpatient facilities", '"Includes private hospitals: 23"', "Bệnh viện công lập"]
PERIODS = ["2019", "2020", "2021-Q2", "2021", "2022-06", "2023-03-31", "2023", "2024-Q1", "2024", "2025-09-22"]


@st.composite
def observation_lines(draw: Any, indicator: str, period: str, quote_period: bool) -> list[str]:
    shown = f'"{period}"' if quote_period else period
    lines = [f"    - period: {shown}"]
    if indicator == EMR:
        denominator = draw(st.integers(1, 200))
        lines += [f"      numerator: {draw(st.integers(0, denominator))}", f"      denominator: {denominator}"]
    else:
        lines.append(f"      value: {draw(st.sampled_from(['45', '60.5', '120', '0.25']))}")
    lines.append(f"      source: {draw(st.sampled_from(SOURCES))}")
    lines.append(f"      quality: {draw(st.sampled_from(['reported', 'estimated', 'illustrative']))}")
    if draw(st.booleans()):
        lines.append(f"      note: {draw(st.sampled_from(NOTES))}")
    if draw(st.integers(0, 3)) == 0:  # an end-of-line comment on one of its lines
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] += draw(st.sampled_from(["  # checked", " # per ministry", "    # ≈"]))
    if draw(st.integers(0, 3)) == 0:  # a comment inside the item
        lines.insert(draw(st.integers(1, len(lines))), "      # see the appendix")
    return lines


@st.composite
def province_files(draw: Any, noisy: bool = False) -> str:
    """A valid province file in the house style, with comments, blank lines and quoting varied;
    `noisy` adds what ruamel does not write back the same (trailing blanks, `{ en: ...}`, `---`)."""
    quote_period = draw(st.booleans())
    lines = draw(st.lists(st.sampled_from(["# Bắc Ninh", "# yaml-language-server: $schema=x", "#"]), max_size=2))
    if lines and draw(st.booleans()):
        lines.append("")
    lines += [
        "id: bac-ninh",
        draw(
            st.sampled_from(
                [
                    "name: {en: Bac Ninh, vi: Bắc Ninh}",
                    "name: {en: 'Bac Ninh', vi: \"Bắc Ninh\"}",
                    "name:\n  en: Bac Ninh\n  vi: Bắc Ninh",
                ]
            )
        ),
    ]
    lines += ["level: province", "parent: viet-nam"]
    if draw(st.booleans()):
        lines.append(
            draw(
                st.sampled_from(
                    [
                        'population: {value: 3619433, year: 2025, source: "https://example.org/pop"}',
                        "population:\n  value: 3619433\n  year: 2025  # census\n  source: Resolution 202/2025/QH15",
                    ]
                )
            )
        )
    if draw(st.booleans()):
        lines.append("")
    indicators = draw(st.sampled_from([[], [EMR], [WAIT], [EMR, WAIT], [WAIT, EMR]]))
    if indicators or draw(st.booleans()):
        lines.append("observations:" + draw(st.sampled_from(["", "  # by indicator"])))
    for indicator in indicators:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["  # ", "  # figures from the annual report"])))
        lines.append(f"  {indicator}:")
        periods = sorted(draw(st.sets(st.sampled_from(PERIODS), min_size=1, max_size=5)), key=PERIODS.index)
        periods = [
            p for i, p in enumerate(periods) if all(edit.period_end(p) != edit.period_end(q) for q in periods[:i])
        ]
        for period in periods:
            if draw(st.integers(0, 4)) == 0:
                lines.append(draw(st.sampled_from(["", "    # next one revised", "    #"])))
            lines += draw(observation_lines(indicator, period, quote_period))
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(["", "    # end of list", "# end"])))
    if draw(st.booleans()):
        lines += ["", "# province targets", "targets: {}"]
    if noisy:  # what ruamel would write differently: an edit must leave it alone all the same
        lines = [line + " " * draw(st.sampled_from([0, 0, 0, 1, 3])) if line else line for line in lines]
        lines = [line.replace("{en: ", "{ en: ").replace("Ninh}", "Ninh }") for line in lines]
        if draw(st.booleans()):
            lines.insert(0, "---")
        if draw(st.booleans()):
            lines.append("...")
    return "\n".join(lines) + "\n" + draw(st.sampled_from(["", "", "\n"]))


@given(province_files())
@settings(max_examples=50, deadline=None)
def test_generated_files_round_trip_byte_for_byte(text: str) -> None:
    assert dump_roundtrip(load_roundtrip(text)) == text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data_root(tmp_path_factory.mktemp("scratch"))


def _block_of(text: str, indicator: str, period: str) -> tuple[int, int] | None:
    """0-based first and last line of the observation of `period` (its `- ` line to its last key)."""
    document = load_roundtrip(text)
    series = (document.get("observations") or {}).get(indicator) or []
    for i, item in enumerate(series):
        if period_text(item.get("period")) == period:
            last = max(item.lc.key(k)[0] for k in item)
            return series.lc.item(i)[0], last
    return None


@given(
    text=st.booleans().flatmap(lambda noisy: province_files(noisy=noisy)),
    indicator=st.sampled_from([EMR, WAIT]),
    period=st.sampled_from(PERIODS),
    figure=st.sampled_from(["12/40", "40/40", "55", "0"]),
    source=st.sampled_from(["https://example.org/q", "Report: page 3", "yes", "Sở Y tế"]),
    note=st.sampled_from([None, "revised", "# not a comment"]),
)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_generated_record_changes_only_its_observation(
    scratch: Path, text: str, indicator: str, period: str, figure: str, source: str, note: str | None
) -> None:
    if indicator == EMR and "/" not in figure:
        figure = f"{figure}/60"
    if indicator != EMR and "/" in figure:
        figure = figure.split("/")[0]  # a count out of a total on a non-ratio indicator is refused (test_guards)
    path = scratch / PROVINCE
    path.write_text(text)
    old_data = load_data(text)
    series = ((old_data.get("observations") or {}).get(indicator)) or []
    clash = [
        o for o in series if edit.period_end(str(o["period"])) == edit.period_end(period) and str(o["period"]) != period
    ]
    assume(not clash)  # a second spelling of a period is refused, tested above

    result = record(scratch, "bac-ninh", indicator, period, figure, source=source, note=note)
    assert not result.refused, result.problems
    new = path.read_text()
    assert result.written == (new != text) == bool(result.diff)

    old_lines, new_lines = text.split("\n"), new.split("\n")
    updated = _block_of(text, indicator, period)
    if updated is not None:
        first, last = updated
        shift = len(new_lines) - len(old_lines)
        assert new_lines[:first] == old_lines[:first]
        assert new_lines[last + 1 + shift :] == old_lines[last + 1 :]
    else:
        added = len(new_lines) - len(old_lines)
        assert any(
            new_lines[:k] == old_lines[:k] and new_lines[k + added :] == old_lines[k:]
            for k in range(len(old_lines) + 1)
        ), "the new lines are not one block inserted into the old ones"
    # And the data is the old data with this one observation added or replaced.
    value, numerator, denominator = parse_value(figure)
    expected = {
        "period": period,
        **({"value": value} if value is not None else {"numerator": numerator, "denominator": denominator}),
    }
    # A replacement keeps the note it had unless a new one is given.
    old_series = ((load_data(text) or {}).get("observations") or {}).get(indicator) or []
    kept = next((o.get("note") for o in old_series if str(o["period"]) == period), None)
    note = note or kept
    expected |= {"source": source, "quality": "reported", **({"note": note} if note else {})}
    new_series = load_data(new)["observations"][indicator]
    assert [dict(o, period=str(o["period"])) for o in new_series if str(o["period"]) == period] == [expected]
    rest = [o for o in new_series if str(o["period"]) != period]
    assert rest == [o for o in series if str(o["period"]) != period]


# --- several observations in one edit: one reading of the file --------------------------------


def _one_after_another(text: str, changes: list[Any]) -> tuple[str, list[str]] | str:
    """`edit_text` for each change in turn, reading the text anew each time: what a multi-change
    edit must give (or the error it must raise)."""
    actions = []
    try:
        for change in changes:
            after, action = edit.edit_text(text, change, PROVINCE)
            actions.append(action if after != text else "unchanged")
            text = after
    except UsageError as exc:
        return str(exc)
    return text, actions


def _together(
    text: str, observations: list[edit.NewObservation]
) -> tuple[tuple[str, list[str]] | str, list[tuple[bool, str]]]:
    """`record_many`'s edit of `text` (or its error), and each change's step: whether it read the
    text again, and the text it left."""
    changes, again = edit._record_changes(observations)
    steps: list[tuple[bool, str]] = []
    read, lay = edit._read_document, edit.lay_onto
    fresh = False

    def counted(*args: Any) -> Any:
        nonlocal fresh
        fresh = True
        return read(*args)

    def recorded(*args: Any) -> str:
        nonlocal fresh
        steps.append((fresh, lay(*args)))
        fresh = False
        return steps[-1][1]

    edit._read_document, edit.lay_onto = counted, recorded
    try:
        return edit._edit_together(text, changes, PROVINCE, again), steps
    except UsageError as exc:
        return str(exc), steps
    finally:
        edit._read_document, edit.lay_onto = read, lay


NEW_PERIODS = [*PERIODS, "2019-Q1", "2024-01", "2024-Q2", "2026-Q3"]


@st.composite
def new_observations(draw: Any) -> list[edit.NewObservation]:
    """1-6 observations for one file: new periods, periods it may have (updated or the same), a
    period given twice, in both indicators."""
    out = []
    for _ in range(draw(st.integers(1, 6))):
        indicator = draw(st.sampled_from([EMR, WAIT]))
        if out and draw(st.integers(0, 4)) == 0:  # the same observation again
            indicator, period = out[-1].indicator, out[-1].period
        else:
            period = draw(st.sampled_from(NEW_PERIODS))
        figure = draw(st.sampled_from(["12/40", "40/40", "3/60"] if indicator == EMR else ["55", "60.5", "0"]))
        source = draw(st.sampled_from(["illustrative", "https://example.org/q", "Report: page 3", "yes", "Sở Y tế"]))
        note = draw(st.sampled_from([None, None, "revised", "# not a comment"]))
        quality = draw(st.sampled_from(["reported", "illustrative"]))
        out.append(edit.NewObservation(indicator, period, figure, source, note, quality))
    return out


@given(text=st.booleans().flatmap(lambda noisy: province_files(noisy=noisy)), observations=new_observations())
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
def test_several_changes_read_once_give_the_text_of_one_edit_after_another(
    text: str, observations: list[edit.NewObservation]
) -> None:
    changes, _ = edit._record_changes(observations)
    got, steps = _together(text, observations)
    assert got == _one_after_another(text, changes)
    assert steps[0][0] if steps else isinstance(got, str)


def test_a_file_in_ruamels_rendering_is_read_once_for_all_its_changes() -> None:
    observations = [
        edit.NewObservation(EMR, "2026-03", "5/6", URL),
        edit.NewObservation(WAIT, "2023", "80", URL),
        edit.NewObservation(WAIT, "2026", "45", URL),
    ]
    got, steps = _together(BAC_NINH, observations)
    assert got == _one_after_another(BAC_NINH, edit._record_changes(observations)[0])
    assert got[1] == ["added", "updated", "added"]
    assert [fresh for fresh, _ in steps] == [True, False, False]


COMMENT_ABOVE = BAC_NINH.replace(
    "    - period: 2025-09-22\n", "\n    # the ministry's count\n    - period: 2025-09-22\n"
)


def test_after_comment_lines_moved_below_a_new_node_the_text_is_read_again() -> None:
    """ruamel renders the comment that stood above 2025-09-22 above the new 2025-Q1, and the edit
    moves it back below it: the document and the text now differ. Laying the next change onto
    the moved rendering (as its `before`) would undo the move; the document's own rendering only
    stands for the text after reading it again, which the edit does."""
    observations = [
        edit.NewObservation(EMR, "2025-Q1", "30/54", URL),
        edit.NewObservation(EMR, "2025-Q2", "40/54", URL),
    ]
    changes, _ = edit._record_changes(observations)
    expected = _one_after_another(COMMENT_ABOVE, changes)
    assert isinstance(expected, tuple)
    added = "".join(
        f"      {line}\n" for line in ["numerator: 40", "denominator: 54", f"source: {URL}", "quality: reported"]
    )
    assert "    - period: 2025-Q2\n" + added + "\n    # the ministry's count\n    - period: 2025-09-22\n" in expected[0]
    got, steps = _together(COMMENT_ABOVE, observations)
    assert got == expected and [fresh for fresh, _ in steps] == [True, True]

    # Why: with the first document kept and the moved rendering as the next `before`, the
    # comment goes back above the first new observation.
    document, indent, before = edit._read_document(split_lines(COMMENT_ABOVE), PROVINCE)
    text = COMMENT_ABOVE
    for change in changes:
        _, inserted = change(document)
        rendered = dump_roundtrip(document, indent)
        after = keep_lines_below(before, rendered, inserted)
        text, before = lay_onto(split_lines(text), before, after), after
    assert text != expected[0]
    assert "\n    # the ministry's count\n    - period: 2025-Q1\n" in text


def test_an_observation_given_twice_is_edited_the_second_time_from_a_fresh_reading() -> None:
    """The first source is written quoted ('Report: page 3'), and the second copies that quoting;
    the document of the first change holds plain text there until the text is read again."""
    observations = [
        edit.NewObservation(EMR, "2026", "1/2", "Report: page 3"),
        edit.NewObservation(EMR, "2026", "1/2", "illustrative"),
    ]
    got, steps = _together(BAC_NINH, observations)
    assert got == _one_after_another(BAC_NINH, edit._record_changes(observations)[0])
    assert "      source: 'illustrative'\n" in got[0]
    assert [fresh for fresh, _ in steps] == [True, True]


# Every fifth bundled file, a spread of seven provinces: all 35 take seven seconds, and
# the property test above covers the shapes; the bundled files are all in one layout.
BUNDLED_PROVINCES = sorted((REPO / "provinces").glob("*.yaml"))[::5]


def test_three_new_observations_of_each_bundled_province_give_the_text_of_one_after_another() -> None:
    observations = [
        edit.NewObservation(indicator, "2026-Q3", "1/100", "https://example.org/x")
        for indicator in ("paperless-hospitals", "telemedicine-facilities", "online-booking-hospitals")
    ]
    changes, _ = edit._record_changes(observations)
    shared = 0
    for path in BUNDLED_PROVINCES:
        text = decode(path.read_bytes())
        got, steps = _together(text, observations)
        assert isinstance(got, tuple) and len(steps) == len(changes) and steps[-1][1] == got[0], path.name
        # Each step gives the text `edit_text` makes of the one before: a step that read the text
        # again is `edit_text`'s own work; the others are checked (one by one, to keep it quick).
        previous = text
        for change, (fresh, after) in zip(changes, steps, strict=False):
            if not fresh:
                assert edit.edit_text(previous, change, PROVINCE)[0] == after, path.name
                shared += 1
            previous = after
    assert shared > len(BUNDLED_PROVINCES)  # the common case: one reading for all of a file's changes


# --- the bundled data -------------------------------------------------------------------------

BUNDLED = sorted(p for folder in ("provinces", "indicators") for p in (REPO / folder).rglob("*.y*ml") if p.is_file())


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=p.relative_to(REPO).as_posix()) for p in BUNDLED]
    or [pytest.param(None, marks=pytest.mark.skip(reason="no bundled data files yet"))],
)
def test_bundled_files_round_trip_byte_for_byte(path: Path) -> None:
    # The byte-order mark and CRLF line breaks are kept by the edit layer (tested above), not by ruamel.
    text = decode(path.read_bytes()).replace("\r\n", "\n")
    assert dump_roundtrip(load_roundtrip(text)) == (text if text.endswith("\n") else text + "\n")


def test_diff_helper_matches_difflib() -> None:
    old, new = "a\nb\n", "a\nc\n"
    expected = "".join(difflib.unified_diff(["a\n", "b\n"], ["a\n", "c\n"], f"a/{PROVINCE}", f"b/{PROVINCE}"))
    assert unified_diff(old, new, PROVINCE) == expected


@given(
    lines=st.lists(st.sampled_from(["a", "b", "  - c", ""]), max_size=40),
    changes=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 3), st.lists(st.sampled_from(["a", "x", "y"]), max_size=3)),
        max_size=3,
    ),
    breaks=st.sampled_from(["\n", "\r\n", "\r", "mixed"]),
    final=st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_the_diff_of_a_large_file_is_the_diff_of_all_its_lines(
    lines: list[str], changes: list[tuple[int, int, list[str]]], breaks: str, final: bool
) -> None:
    """The diff is cut to the stretch that changed before it is split into lines: the same diff."""

    def text(rows: list[str]) -> str:
        ends = ["\n", "\r\n", "\r"] if breaks == "mixed" else [breaks]
        out = "".join(row + ends[i % len(ends)] for i, row in enumerate(rows))
        return out if final else out.rstrip("\r\n")

    new_lines = list(lines)
    for at, removed, added in changes:
        new_lines[at : at + removed] = added
    old, new = text(lines), text(new_lines)
    # The diff of all the lines, cut to the common ends and their context as before.
    a = [c + ("\n" if e else "") for c, e in split_lines(old)]
    b = [c + ("\n" if e else "") for c, e in split_lines(new)]
    head, tail = _common_ends(a, b)
    skip = max(0, head - 3)
    a, b = a[skip : len(a) - max(0, tail - 3)], b[skip : len(b) - max(0, tail - 3)]
    expected = "".join(
        re.sub(r"(?<=[-+])(\d+)", lambda m: str(int(m[1]) + skip), line)
        if line.startswith("@@")
        else line
        if line.endswith("\n")
        else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(a, b, f"a/{PROVINCE}", f"b/{PROVINCE}", n=3)
    )
    assert unified_diff(old, new, PROVINCE) == expected


# ---------------------------------------------------------------------------------------------
# The commands: `tracker record` and `tracker set` through the console script
# ---------------------------------------------------------------------------------------------


def _cli(mini: Path, *args: str) -> Any:
    from tests.test_cli import run

    return run("--data-dir", str(mini), "--no-cache", *args)


def test_record_command_adds_then_updates(mini: Path) -> None:
    path = mini / PROVINCE
    before = path.read_bytes()
    added = _cli(mini, "record", "bac-ninh", EMR, "2026-03", "54/54", "--source", URL, "--note", "all hospitals")
    assert added.returncode == 0, added.stderr
    assert "added emr-hospital-coverage 2026-03 54/54 (reported) to provinces/bac-ninh.yaml" in added.stderr
    updated = _cli(mini, "record", "Bắc Ninh", EMR, "2026-03", "53/54", "--source", URL)
    assert updated.returncode == 0, updated.stderr
    assert (
        "replaced emr-hospital-coverage 2026-03: 54/54 → 53/54 (reported) in provinces/bac-ninh.yaml; kept its note"
        in updated.stderr
    )
    observation = load_data(path.read_text(encoding="utf-8"))["observations"][EMR][-1]
    assert (str(observation["period"]), observation["numerator"], observation["denominator"]) == ("2026-03", 53, 54)
    assert observation["note"] == "all hospitals"  # an update keeps the note unless a new one is given
    assert path.read_bytes() != before


def test_record_command_dry_run_prints_the_diff_and_writes_nothing(mini: Path) -> None:
    path = mini / PROVINCE
    before = path.read_bytes()
    result = _cli(mini, "record", "bac-ninh", EMR, "2026-03", "54/54", "--source", URL, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--- a/provinces/bac-ninh.yaml\n+++ b/provinces/bac-ninh.yaml\n")
    assert "+      numerator: 54\n" in result.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("bac-ninh", EMR, "2026-03", "60/54"), 1, "[numerator-exceeds-denominator]"),
        (("bac-ninh", EMR, "2026-13", "5/5"), 2, "month 13 does not exist"),
        (("bac-ninh", EMR, "2026-03", "87%"), 2, "leave out the % sign"),
        (("bac-nin", EMR, "2026-03", "5/5"), 2, "did you mean 'bac-ninh'"),
        (("bac-ninh", "emr-hospital-coverag", "2026-03", "5/5"), 2, "did you mean 'emr-hospital-coverage'?"),
        (("bac-giang", EMR, "2026-03", "5/5"), 2, "Bắc Giang became part of Bắc Ninh (bac-ninh) on 1 July 2025"),
    ],
)
def test_record_command_refuses_bad_input_and_leaves_the_file(
    mini: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    path = mini / PROVINCE
    before = path.read_bytes()
    result = _cli(mini, "record", *args, "--source", URL)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (FIXTURES / "mini" / "provinces").iterdir()
    )


def test_set_command_changes_one_line(mini: Path) -> None:
    path = mini / PROVINCE
    before = path.read_text(encoding="utf-8").splitlines()
    result = _cli(mini, "set", "bac-ninh", "population.value", "3700000")
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
    assert len(before) == len(after) and len(changed) == 1 and "3700000" in changed[0][1]
    bad = _cli(mini, "set", "bac-ninh", "population.value", "3,700,000")
    assert bad.returncode == 2 and "whole number" in bad.stderr


# --- the fast path: new observations spliced in at the parser's marks -------------------------

FORMER_ENTRIES = [
    "  bac-giang:\n    name: {en: Bac Giang, vi: Bắc Giang}\n    iso: VN-54",
    "  bac-giang:\n    name: {en: Bac Giang, vi: Bắc Giang}\n    iso: VN-54\n    population: {value: 1900000, year: 2024, source: x}",
    (
        f"  bac-giang:\n    name: {{en: Bac Giang, vi: Bắc Giang}}\n    iso: VN-54\n    observations:\n      {EMR}:\n"
        '        - period: "2024"\n          numerator: 5\n          denominator: 17\n          source: x\n          quality: reported'
    ),
    (
        f"  bac-giang:\n    name: {{en: Bac Giang, vi: Bắc Giang}}\n    iso: VN-54\n    # own figures\n    observations:\n      {WAIT}:\n"
        "        - period: 2023\n          value: 90\n          source: x\n          quality: reported\n\n      # more"
    ),
]


@st.composite
def files_with_former(draw: Any) -> str:
    """A generated province file with a block `former:` of two former provinces, which may have figures."""
    text = draw(province_files())
    first = draw(st.sampled_from(FORMER_ENTRIES))
    second = "  bac-ninh:\n    name: {en: Bac Ninh, vi: Bắc Ninh}\n    iso: VN-56" + draw(
        st.sampled_from(["", "\n", "\n# then the province"])
    )
    block = "former:\n" + (first + "\n" + second if draw(st.booleans()) else second + "\n" + first) + "\n"
    return text.replace("level: province\n", "level: province\n" + block, 1)


@st.composite
def additions(draw: Any) -> list[edit.NewObservation]:
    """New observations, of the province or of a former province (for a period before the merger)."""
    out = []
    for observation in draw(new_observations()):
        former = draw(st.sampled_from([None, None, "bac-giang", "bac-ninh"]))
        if former is not None and edit.period_end(observation.period) >= edit.period_end("2025-06"):
            former = None
        out.append(edit.NewObservation(**{**observation.__dict__, "former": former}))
    return out


def _requests(observations: list[edit.NewObservation]) -> list[Any]:
    return [
        Addition(
            o.former, o.indicator, o.period, edit._wanted(o.period, o.value_text, o.source, o.note, o.quality, o.quote)
        )
        for o in observations
    ]


@given(
    text=st.one_of(st.booleans().flatmap(lambda noisy: province_files(noisy=noisy)), files_with_former()),
    observations=additions(),
    layout=st.sampled_from(["lf", "lf", "crlf", "no-final-newline"]),
)
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
def test_the_fast_path_gives_the_bytes_of_the_round_trip(
    text: str, observations: list[edit.NewObservation], layout: str
) -> None:
    if layout == "crlf":
        text = text.replace("\n", "\r\n")
    elif layout == "no-final-newline":
        text = text.rstrip("\n")
    fast = fast_edit(text, _requests(observations))
    if fast is None:  # an update, a former province the file does not list, `---`...: the round trip's
        return
    expected = _one_after_another(text, edit._record_changes(observations)[0])
    assert (fast.text, list(fast.actions)) == expected
    # What the edit is checked on is what the new text reads as, series by series.
    new = load_data(fast.text)
    for key in ("observations",):
        for indicator, series in (fast.after.get(key) or {}).items():
            assert series == new[key][indicator]
    for former, entry in (fast.after.get("former") or {}).items():
        for indicator, series in (entry.get("observations") or {}).items():
            assert series == new["former"][former]["observations"][indicator]


@pytest.mark.parametrize(
    "path", sorted((REPO / "examples" / "demo" / "provinces").glob("*.yaml")), ids=lambda p: p.stem
)
def test_a_new_observation_in_each_demo_file_takes_the_fast_path(path: Path) -> None:
    text = decode(path.read_bytes())
    data = load_data(text)
    indicator = next(iter(data.get("observations") or {EMR: []}))
    former = next((f for f, entry in (data.get("former") or {}).items() if entry.get("observations")), None)
    observations = [
        edit.NewObservation(indicator, "2026-01-01", "7/9", URL),
        edit.NewObservation("new-indicator", "2024", "5", URL),
    ]
    if former is not None:
        observations.append(edit.NewObservation(indicator, "2019-01-01", "1/9", URL, former=former))
    fast = fast_edit(text, _requests(observations))
    assert fast is not None
    assert (fast.text, list(fast.actions)) == _one_after_another(text, edit._record_changes(observations)[0])


@given(value=st.one_of(st.integers(0, 10**30), st.floats(0, 1e12, allow_nan=False), st.text(max_size=30)))
@settings(max_examples=200, deadline=None)
def test_a_scalar_is_written_as_ruamel_writes_it(value: Any) -> None:
    value = to_scalar(value)  # text quoted as an edit quotes it
    written = dump_roundtrip(new_mapping([("k", value)]))
    try:
        assert "k: " + _scalar_text(value) + "\n" == written
    except _StepAside:
        assert written.count("\n") > 1  # ruamel takes more than one line: the round trip writes it
