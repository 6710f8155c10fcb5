"""End to end through the command line: entry points, exit codes, output formats.

`run` starts each command as the console script would, in a process of its own forked from a twin of
the test process that has imported the tracker already (tests/forked.py); `run_process` starts the
console script itself, for what only a real process shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import forked
from tests.conftest import REPO


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("TRACKER_DATA_DIR", None) if env is None or "TRACKER_DATA_DIR" not in env else None
    return full_env


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` in a process of its own, as a fresh one runs it (forked: see tests/forked.py)."""
    return forked.run_forked(list(args), _environment(env), cwd)


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` through the installed console script, in a new interpreter."""
    return forked.run_process(list(args), _environment(env), cwd)


def test_console_script_version() -> None:
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("tracker ")


def test_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("tracker ")


def test_validate_clean_data_exits_0(mini: Path) -> None:
    result = run("validate", cwd=mini / "provinces")  # data root found from a subfolder
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_validate_problems_exit_1_with_located_lines(mini: Path) -> None:
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: 54", "numerator: 60"), encoding="utf-8")
    result = run("--data-dir", str(mini), "validate")
    assert result.returncode == 1
    assert result.stdout == (
        "provinces/bac-ninh.yaml:17:18: error [numerator-exceeds-denominator] numerator 60 is larger than denominator 54\n"
    )
    assert "Traceback" not in result.stderr


def test_validate_json_and_github_formats(mini: Path) -> None:
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 90", 'value: "87%"'), encoding="utf-8")
    result = run("validate", "--format", "json", env={"TRACKER_DATA_DIR": str(mini)})
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "path": "provinces/bac-ninh.yaml",
            "line": 24,
            "column": 14,
            "level": "error",
            "rule": "wrong-type",
            "message": "value: expected a number, got '87%'",
        }
    ]
    result = run("validate", "--format", "github", env={"TRACKER_DATA_DIR": str(mini)})
    assert (
        result.stdout
        == "::error file=provinces/bac-ninh.yaml,line=24,col=14,title=wrong-type::value: expected a number, got '87%25'\n"
    )


def test_validate_reports_only_named_files(mini: Path) -> None:
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 90", "value: x"), encoding="utf-8")
    result = run("--data-dir", str(mini), "validate", str(mini / "provinces" / "viet-nam.yaml"))
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--data-dir", "/nonexistent/folder", "validate"), "does not exist"),
        (("validate", "--format", "xml"), "Invalid value"),
        (("no-such-command",), "No such command"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "no data folder found" in result.stderr


def test_unreadable_file_exits_2(mini: Path) -> None:
    (mini / "provinces" / "loop.yaml").symlink_to(mini / "provinces" / "loop.yaml")
    result = run("--data-dir", str(mini), "validate")
    assert result.returncode == 2
    assert "provinces/loop.yaml:0:0: error [unreadable]" in result.stdout


def test_bundled_data_validates() -> None:
    result = run("--data-dir", str(REPO), "validate")
    assert result.returncode == 0, result.stdout + result.stderr


def _broken(mini: Path) -> Path:
    path = mini / "provinces" / "bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: 54", "numerator: 60"), encoding="utf-8")
    return mini


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--version",), None),
        (("validate", "--format", "xml"), None),  # click's usage error
        (("{mini}", "validate"), None),  # a data problem: exit 1
        (("{mini}", "show", "bac-ninh", "--lang", "en"), {"COLUMNS": "80"}),
        (("{mini}", "stage"), {"TRACKER_LANG": "fr"}),  # a bad environment variable
        (("{mini}", "diff"), {"PATH": "/no-programs-here"}),  # no git on the PATH
        (("{mini}", "report", "--format", "json"), {"TRACKER_TODAY": "2026-06-30"}),
    ],
)
def test_a_forked_run_is_a_fresh_process(args: tuple[str, ...], env: dict[str, str] | None, mini: Path) -> None:
    """What `run` gives is what the console script in a new interpreter gives, byte for byte."""
    argv = [a for arg in args for a in (("--data-dir", str(_broken(mini))) if arg == "{mini}" else (arg,))]
    forked_result, fresh = run(*argv, cwd=mini, env=env), run_process(*argv, cwd=mini, env=env)
    assert (forked_result.returncode, forked_result.stdout, forked_result.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )


def test_a_forked_run_does_not_see_what_a_test_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child comes from a twin forked before any test ran: a test's patches stay in the test."""
    import tracker.cli

    assert forked._current is not None or not forked.forking_available()  # forked when the session started

    monkeypatch.setattr(tracker.cli, "__version__", "patched")
    monkeypatch.setattr(tracker.cli.state, "data_dir", Path("/nonexistent"))
    assert run("--version").stdout == run_process("--version").stdout != "tracker patched\n"


def test_a_forked_run_that_takes_too_long_is_killed() -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        forked.run_forked(["--data-dir", str(REPO), "--no-cache", "report"], {**os.environ}, timeout=0.001)
    assert run("--version").returncode == 0  # and the next command runs as before
