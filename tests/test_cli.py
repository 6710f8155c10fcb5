"""End to end through the installed console script: entry point, exit codes, output formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("TRACKER_DATA_DIR", None) if env is None or "TRACKER_DATA_DIR" not in env else None
    return subprocess.run([TRACKER, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=60)


def test_console_script_version() -> None:
    result = run("--version")
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
