"""The committed JSON Schemas match the models, so editors check what `validate` checks."""

from __future__ import annotations

import json

from tests.conftest import REPO
from tracker.model import json_schemas


def test_committed_schemas_are_in_sync() -> None:
    for filename, schema in json_schemas().items():
        committed = json.loads((REPO / "schema" / filename).read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{filename} is stale: run `tracker schema -o schema`"


def test_province_files_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "provinces").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/province.schema.json", path.name
