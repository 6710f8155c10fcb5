"""The committed JSON Schemas match the models, so editors check what `validate` checks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO
from tests.test_cli import run
from tracker.model import json_schemas


def test_committed_schemas_are_in_sync() -> None:
    for filename, schema in json_schemas().items():
        committed = json.loads((REPO / "schema" / filename).read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{filename} is stale: run `tracker schema -o schema`"


def test_province_files_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "provinces").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/province.schema.json", path.name


def test_schema_output_folder_is_created(tmp_path: Path) -> None:
    out = tmp_path / "new" / "schema"
    result = run("schema", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(json_schemas())


def test_schema_output_onto_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "schema").write_text("not a folder\n")
    result = run("schema", "-o", str(tmp_path / "schema"))
    assert (result.returncode, result.stderr) == (2, f"error: {tmp_path / 'schema'}: not a folder\n")
