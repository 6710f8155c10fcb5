"""The tile map of the summary: a data file loaded, validated and located like the others."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DEMO, FIXTURES, REPO
from tracker.load import load_dataset

TILEMAP = """\
source: https://example.org/map
tiles:
  bac-ninh: {row: 0, col: 1}
  ha-noi: {row: 0, col: 0}
  lai-chau: {row: 1, col: 0}
"""


def mini_with(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "indicators" / "tilemap.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_tile_map_loads_beside_the_indicators(tmp_path: Path) -> None:
    dataset, problems = load_dataset(mini_with(tmp_path, TILEMAP), use_cache=False)
    assert problems == []
    assert dataset.tilemap is not None
    assert {pid: (t.row, t.col) for pid, t in dataset.tilemap.tiles.items()} == {
        "bac-ninh": (0, 1),
        "ha-noi": (0, 0),
        "lai-chau": (1, 0),
    }


def test_without_a_tile_map_the_data_is_still_valid() -> None:
    dataset, problems = load_dataset(FIXTURES / "mini", use_cache=False)
    assert dataset.tilemap is None and not [p for p in problems if p.level == "error"]


def test_tile_map_problems_are_located(tmp_path: Path) -> None:
    text = TILEMAP.replace("lai-chau: {row: 1, col: 0}", "lai-chau: {row: 0, col: 0}").replace("ha-noi:", "ha-noy:")
    text += "  cao-bang: {row: -1, col: 3}\n"
    _, problems = load_dataset(mini_with(tmp_path, text), use_cache=False)
    found = sorted((p.rule, p.line, p.column) for p in problems)
    # ha-noy is unknown (and lai-chau then shares its square); cao-bang's row is negative. The
    # negative row stops validation before the cross-file rules.
    assert found == [("negative-value", 6, 19)]
    text = text.replace("  cao-bang: {row: -1, col: 3}\n", "")
    _, problems = load_dataset(mini_with(tmp_path / "again", text), use_cache=False)
    found = sorted((p.rule, p.line, p.column, p.message) for p in problems)
    assert found == [
        ("duplicate-tile", 5, 19, "lai-chau is on the square of ha-noy (row 0, col 0)"),
        ("unknown-province", 4, 3, "unknown province 'ha-noy'; did you mean 'ha-noi'?"),
    ]


def test_the_demo_map_places_every_province_once() -> None:
    dataset, problems = load_dataset(DEMO, use_cache=False)
    assert not [p for p in problems if p.level == "error"]
    assert dataset.tilemap is not None
    assert set(dataset.tilemap.tiles) == set(dataset.provinces) and len(dataset.provinces) == 34
    squares = {(t.row, t.col) for t in dataset.tilemap.tiles.values()}
    assert len(squares) == 34


def test_the_bundled_map_is_the_demo_map() -> None:
    """One layout: the bundled data root and the demonstration one differ only in the schema path."""
    bundled = (REPO / "indicators" / "tilemap.yaml").read_text(encoding="utf-8").splitlines()
    demo = (DEMO / "indicators" / "tilemap.yaml").read_text(encoding="utf-8").splitlines()
    assert bundled[1:] == demo[1:]
