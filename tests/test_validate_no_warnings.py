"""`validate --no-warnings`: only errors are listed, in every format; the summary line still
counts the warnings, and the exit code is the same as without the option.

The mini fixture's Bắc Ninh gets one warning (a bare 37 % where counts are pooled:
ratio-without-counts, line 12) and, in the cases that want it, one error (numerator 60 over 54:
numerator-exceeds-denominator, line 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

PROVINCE = "provinces/bac-ninh.yaml"
WARNING = f"{PROVINCE}:12:14: warning [ratio-without-counts]"
ERROR = f"{PROVINCE}:16:18: error [numerator-exceeds-denominator]"


def _break(root: Path, with_error: bool) -> None:
    path = root / PROVINCE
    text = path.read_text(encoding="utf-8").replace("numerator: 20\n      denominator: 54", "value: 37")
    if with_error:
        text = text.replace("numerator: 54", "numerator: 60")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("with_error", "options", "code", "listed", "summary"),
    [
        (False, [], 0, [WARNING], "0 error(s), 1 warning(s)"),
        (False, ["--no-warnings"], 0, [], "0 error(s), 1 warning(s) (not listed: --no-warnings)"),
        (True, [], 1, [WARNING, ERROR], "1 error(s), 1 warning(s)"),
        (True, ["--no-warnings"], 1, [ERROR], "1 error(s), 1 warning(s) (not listed: --no-warnings)"),
    ],
)
def test_text(mini: Path, with_error: bool, options: list[str], code: int, listed: list[str], summary: str) -> None:
    _break(mini, with_error)
    result = run("--data-dir", str(mini), "validate", *options)
    assert result.returncode == code
    assert [line.split("] ")[0] + "]" for line in result.stdout.splitlines()] == listed
    assert result.stderr.strip() == summary


@pytest.mark.parametrize(("fmt", "with_error"), [("json", True), ("json", False), ("github", True), ("github", False)])
def test_json_and_github_list_errors_only(mini: Path, fmt: str, with_error: bool) -> None:
    _break(mini, with_error)
    full = run("--data-dir", str(mini), "validate", "-f", fmt)
    quiet = run("--data-dir", str(mini), "validate", "-f", fmt, "--no-warnings")
    assert quiet.returncode == full.returncode == (1 if with_error else 0)
    if fmt == "json":
        rules = [p["rule"] for p in json.loads(quiet.stdout)]
        assert [p["rule"] for p in json.loads(full.stdout)] == ["ratio-without-counts", *rules]
    else:
        rules = [line.split("title=")[1].split("::")[0] for line in quiet.stdout.splitlines()]
        assert len(full.stdout.splitlines()) == len(rules) + 1
    assert rules == (["numerator-exceeds-denominator"] if with_error else [])
