"""tracker.files: writing files needs no YAML library (crash safety is tested in test_robustness)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES


def _loaded_after(code: str) -> list[str]:
    """The modules of ruamel.yaml a fresh interpreter holds after running `code`."""
    listing = "sorted(m for m in sys.modules if m.split('.')[0] == 'ruamel')"
    probe = f"{code}\nimport json, sys; print(json.dumps({listing}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_file_writer_does_not_load_ruamel() -> None:
    assert _loaded_after("import tracker.files") == []


def _imports_of_run(*args: str, cache: Path) -> list[str]:
    """The modules a `tracker` run imports, as `python -X importtime` lists them (the CLI ends
    with os._exit, so the child cannot be asked for sys.modules afterwards)."""
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("TRACKER_NO_CACHE", None)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[1].strip() for line in lines]


def test_export_csv_from_the_cache_does_not_load_ruamel(tmp_path: Path) -> None:
    """Parsing YAML needs ruamel, so the first run (the cache is empty) loads it; a run whose files
    all come from the cache reads, decodes and writes without it."""
    output = tmp_path / "out" / "figures.csv"
    args = ("--data-dir", str(FIXTURES / "mini"), "export", "csv", "-o", str(output))
    cold = _imports_of_run(*args, cache=tmp_path / "cache")
    assert "ruamel.yaml" in cold and "tracker.files" in cold  # the probe sees what a run imports
    warm = _imports_of_run(*args, cache=tmp_path / "cache")
    assert "tracker.files" in warm and "tracker.yamlfile.guard" in warm
    assert [name for name in warm if name.startswith("ruamel")] == []
    assert output.read_text(encoding="utf-8").startswith("province,")
