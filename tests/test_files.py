"""tracker.files: writing files needs no YAML library (crash safety is tested in test_robustness)."""

from __future__ import annotations

import json
import subprocess
import sys


def _loaded_after(code: str) -> list[str]:
    """The modules of ruamel.yaml a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'ruamel')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_file_writer_does_not_load_ruamel() -> None:
    assert _loaded_after("import tracker.files") == []
