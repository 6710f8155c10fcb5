"""Property-based tests and a byte fuzzer of the loader: whatever the input, `validate` never
raises, and every problem it reports is a documented rule at a line and column inside the file.

The default run is short and deterministic, for CI. For a longer, random hunt:

    TRACKER_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py

Any input that makes a test fail belongs in tests/corpus/ with its expected rule and location.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO
from tests.locate_oracle import locate
from tests.test_edit import province_files
from tracker import edit
from tracker.edit_document import record_observation
from tracker.load import load_dataset, parse_text
from tracker.problems import Problem, UnreadableYaml, UsageError
from tracker.yamlfile.guard import decode
from tracker.yamlfile.locate import locate_many
from tracker.yamlfile.read import load_data
from tracker.yamlfile.roundtrip import load_roundtrip

EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "0") or 0)


def budget(default: int) -> Any:
    """`default` examples, the same ones every run; TRACKER_FUZZ_EXAMPLES examples, new ones each run."""
    return settings(
        max_examples=EXAMPLES or default,
        derandomize=not EXAMPLES,
        deadline=None,
        database=None if not EXAMPLES else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


PROVINCE = "provinces/bac-ninh.yaml"
RULES = set(
    re.findall(r"^\| `([a-z0-9-]+)` \| (?:error|warning) \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M)
)

# What hostile input is made of: YAML indicators, tags, anchors, invisible and line-breaking
# characters, numbers that are not, impossible periods.
TOKENS = [
    "\t",
    "&a ",
    "*a",
    "&a [*a, *a, *a]",
    "<<: ",
    "<<: *a",
    "!!python/object/apply:os.system ['x'] ",
    "!!binary ",
    "!money ",
    "!!set ",
    "!!omap ",
    "!!bool ",
    "!!int ",
    "!!float ",
    "!!null ",
    "!!str ",
    "!!map ",
    "!!seq ",
    "!!timestamp ",
    "!!value ",
    "!<tag:yaml.org,2002:int> ",
    "! ",
    "=",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    ",",
    ": ",
    "- ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "~",
    "null",
    "yes",
    "no",
    ".nan",
    ".inf",
    "-1",
    "0",
    "1e400",
    "9" * 400,
    "9" * 5000,
    "87%",
    "1,234",
    "2025-02-30",
    "2025-13",
    "2025-Q5",
    "2025-09-22 10:00:00",
    "Bắc",
    "e\u0301",
    "\\",
    '"\\e[31m"',
    '"a\\0b"',
    '"\\x07"',
    '"\\N"',
    '"\\u2028"',
    "@",
    "`",
    "value: ",
    "period: ",
    "numerator: ",
    "denominator: ",
    "observations:\n",
    "[" * 300,
]


@st.composite
def mutated(draw: Any, text: str) -> str:
    """`text` with a few random edits: tokens inserted or put in place of a stretch, stretches
    deleted, lines duplicated, swapped or re-indented."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["insert", "replace", "delete", "duplicate", "swap", "indent"]))
        if op in ("insert", "replace", "delete"):
            start = draw(st.integers(0, len(text)))
            end = min(len(text), start + draw(st.integers(0, 12))) if op != "insert" else start
            token = "" if op == "delete" else draw(st.sampled_from(TOKENS) | st.text(max_size=3))
            text = text[:start] + token + text[end:]
        else:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "duplicate":
                lines.insert(j, lines[i])
            elif op == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    return text


hostile_texts = province_files().flatmap(mutated)


def assert_located(problems: list[Problem], text: str) -> None:
    """Every problem is a documented rule, at a line and column inside `text` (1-based; the
    position just after the last character counts, as an editor's cursor can go there; 0, 0 for
    the whole file)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for p in problems:
        assert p.rule in RULES, f"undocumented rule {p.rule!r}: {p}"
        assert p.level in ("error", "warning")
        assert p.message and "\n" not in p.message, p
        if p.line == 0:
            assert p.column == 0, p
            continue
        assert 1 <= p.line <= len(lines), (p, len(lines))
        assert 1 <= p.column <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1])


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(FIXTURES / "mini", folder)
    return folder


@given(text=province_files(noisy=True))
@budget(30)
def test_generated_valid_files_validate_clean(root: Path, text: str) -> None:
    assume(load_data(text).get("observations", {}) is not None)  # `observations:` left empty is an error
    _, problems = load_dataset(root, only=[root / PROVINCE], texts={root / PROVINCE: text})
    assert [p for p in problems if p.level == "error"] == []


@given(
    text=province_files(noisy=True), layout=st.sampled_from(["lf", "crlf", "no-final-newline", "crlf-no-final-newline"])
)
@budget(40)
def test_an_edit_that_changes_nothing_gives_back_the_same_bytes(text: str, layout: str) -> None:
    """Loading a valid file and writing it back through the edit layer is byte-identical,
    whatever its line endings, spacing or final newline (the plain ruamel round trip of the
    house style is tested in test_edit)."""
    if "crlf" in layout:
        text = text.replace("\n", "\r\n")
    if "no-final-newline" in layout:
        text = text.rstrip("\r\n")
    new, _action = edit.edit_text(text, lambda document: ("unchanged", None))
    assert new == text


@given(text=hostile_texts)
@budget(80)
def test_validate_never_raises_and_locates_every_problem(root: Path, text: str) -> None:
    _, problems = load_dataset(root, only=[root / PROVINCE], texts={root / PROVINCE: text})
    assert_located(problems, text)


def _record_change(document: Any) -> Any:
    return record_observation(
        document,
        "emr-hospital-coverage",
        "2026-03",
        [
            ("period", "2026-03"),
            ("numerator", 5),
            ("denominator", 6),
            ("source", "x"),
            ("quality", "reported"),
        ],
    )


@given(text=hostile_texts)
@budget(50)
def test_an_edit_of_a_broken_file_fails_cleanly(text: str) -> None:
    """`record` on a broken file either makes its edit or says why it cannot (UsageError)."""
    try:
        new, _ = edit.edit_text(text, _record_change)
    except UsageError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(new, str)


# --- the byte fuzzer ------------------------------------------------------------------------

VALID_BYTES = (FIXTURES / "mini" / PROVINCE).read_bytes()


@st.composite
def mutated_bytes(draw: Any) -> bytes:
    data = bytearray(
        draw(st.sampled_from([VALID_BYTES, VALID_BYTES.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + VALID_BYTES]))
    )
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "token"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = draw(st.sampled_from(TOKENS)).encode("utf-8")
    return bytes(data)


def fuzz_loader(data: bytes) -> None:
    """The fuzz target: bytes in, located problems or data out, nothing else. Raises
    AssertionError (or whatever escapes the loader) on a finding."""
    try:
        text = decode(data)
    except UnreadableYaml as exc:
        assert exc.rule == "encoding" and exc.line >= 1 and exc.column >= 1
        return
    parsed, problems = parse_text(text, PROVINCE, "province")
    assert (parsed is None) == any(p.level == "error" for p in problems)
    assert_located(problems, text)
    try:
        document = load_roundtrip(text)
    except UnreadableYaml as exc:
        assert exc.rule in RULES
        return
    for loc in (("observations", "emr-hospital-coverage", 0, "numerator"), ("name", "vi"), ("nothing", 3)):
        line, column = locate(document, loc)
        assert line >= 1 and column >= 1


@given(data=st.one_of(mutated_bytes(), st.binary(max_size=512)))
@budget(200)
def test_the_loader_survives_any_bytes(data: bytes) -> None:
    fuzz_loader(data)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Any:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _at(document: Any, loc: tuple[Any, ...]) -> Any:
    for step in loc:
        document = document[step]
    return document


@given(text=st.one_of(province_files(noisy=True), hostile_texts))
@budget(60)
def test_locating_from_parser_events_agrees_with_the_round_trip_document(text: str) -> None:
    """Problems are located only in files the fast (C) reader accepted; the pure-Python round-trip
    reader accepts a little more (`- : 2019`)."""
    try:
        load_data(text)
        document = load_roundtrip(text)
    except UnreadableYaml:
        return
    # An empty value (`observations:` with nothing after it) is placed where libyaml puts it, just
    # after its key, where the pure-Python round-trip parser puts it at the start of the next line.
    locs = [loc for loc in _paths(document) if _at(document, loc) is not None]
    wanted = [
        (loc, key)
        for loc in locs + [(*loc, "missing") for loc in locs] + [(*loc, 7) for loc in locs]
        for key in (False, True)
    ]
    assert locate_many(text, wanted) == [locate(document, loc, key=key) for loc, key in wanted]


OTHER_FILES = [
    "indicators/emr-hospital-coverage.yaml",
    "indicators/outpatient-wait-minutes.yaml",
    "indicators/domains.yaml",
    "indicators/targets/smart-healthcare-2030.yaml",
    "provinces/viet-nam.yaml",
]


@given(data=st.data(), name=st.sampled_from(OTHER_FILES))
@budget(60)
def test_validate_never_raises_on_broken_indicator_framework_or_domain_files(root: Path, data: Any, name: str) -> None:
    text = data.draw(mutated((FIXTURES / "mini" / name).read_text(encoding="utf-8")))
    _, problems = load_dataset(root, texts={root / name: text})
    assert_located([p for p in problems if p.path == name], text)
    assert all(p.rule in RULES for p in problems)
