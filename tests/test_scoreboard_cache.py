"""The scored scoreboard cached by the data root's content: its key changes with every ingredient,
a warm run gives exactly what scoring gives (library, command line and rendered tables), and a
changed file, a bad entry or `--no-cache` means scoring afresh."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO, check_golden
from tests.test_cli import run
from tracker import national
from tracker.load import load_dataset
from tracker.national import scoreboard, scoreboard_key

FRAMEWORK = "smart-healthcare-2030"
DAY = date(2026, 6, 30)

_BASE = ("c0ffee", FRAMEWORK, DAY, None, date(2026, 12, 6), b"code")


@pytest.mark.parametrize(
    ("ingredient", "changed"),
    [
        ("content (any file)", ("c0ffef", FRAMEWORK, DAY, None, date(2026, 12, 6), b"code")),
        ("framework", ("c0ffee", "sweden-2025", DAY, None, date(2026, 12, 6), b"code")),
        ("as-of date", ("c0ffee", FRAMEWORK, date(2026, 6, 29), None, date(2026, 12, 6), b"code")),
        ("ids filter given", ("c0ffee", FRAMEWORK, DAY, ["ha-noi"], date(2026, 12, 6), b"code")),
        ("ids filter empty", ("c0ffee", FRAMEWORK, DAY, [], date(2026, 12, 6), b"code")),
        ("today", ("c0ffee", FRAMEWORK, DAY, None, date(2026, 12, 7), b"code")),
        ("code", ("c0ffee", FRAMEWORK, DAY, None, date(2026, 12, 6), b"code2")),
    ],
)
def test_each_ingredient_of_the_key_gives_a_new_key(ingredient: str, changed: tuple[Any, ...]) -> None:
    assert scoreboard_key(*changed) != scoreboard_key(*_BASE), ingredient


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (["ha-noi", "hue"], ["hue", "ha-noi"]),  # the order of the listed regions is the order given
        (["ha-noi", "hue"], ["ha-noihue"]),
        ([""], []),
    ],
)
def test_different_id_filters_never_share_a_key(one: list[str], other: list[str]) -> None:
    assert _key_with_ids(one) != _key_with_ids(other)


def test_nothing_changed_gives_the_same_key() -> None:
    assert scoreboard_key(*_BASE) == scoreboard_key(*_BASE)
    assert _key_with_ids(["ha-noi"]) == _key_with_ids(["ha-noi"])


def _key_with_ids(ids: list[str]) -> str:
    return scoreboard_key("c0ffee", FRAMEWORK, DAY, ids, date(2026, 12, 6), b"code")


def test_the_code_salt_covers_every_module_of_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # Scoring uses many modules (score, series, national, asof, model...): rather than a list that a
    # new module could be missing from, the salt hashes every one, so any change gives a new key.
    from tracker import cache

    here = Path(cache.__file__).parent
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    monkeypatch.setattr(cache, "_package_salt", None)
    salt = cache.package_salt()
    assert sorted(read) == sorted(p.name for p in here.glob("*.py")) and {"score.py", "national.py"} <= set(read)
    monkeypatch.setattr(cache, "_package_salt", None)
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (b"#" if self.name == "series.py" else b""))
    assert cache.package_salt() != salt


@pytest.fixture
def demo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRACKER_NO_CACHE", raising=False)
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a scoreboard was scored rather than read from the cache."""
    calls: list[int] = []
    real = national._scoreboard
    monkeypatch.setattr(national, "_scoreboard", lambda *a: calls.append(1) or real(*a))
    return calls


def test_a_warm_scoreboard_is_read_from_the_cache_and_equals_the_scored_one(
    demo_copy: Path, scorings: list[int]
) -> None:
    cold = scoreboard(load_dataset(demo_copy, use_cache=False)[0], FRAMEWORK, DAY)
    assert len(scorings) == 1  # no key without the cache
    for ids in (None, ["hue", "ha-noi", "viet-nam"]):
        filled = scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY, ids)
        warm = scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY, ids)
        assert warm == filled
    assert warm != cold and {r.region for r in warm.regions} == {"hue", "ha-noi", "viet-nam"}
    assert scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY) == cold
    assert len(scorings) == 3  # the cold run and one per filter; the warm runs scored nothing


def test_a_changed_file_is_scored_again(demo_copy: Path, scorings: list[int]) -> None:
    path = demo_copy / "provinces" / "ha-noi.yaml"
    before = scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY)
    assert scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY) == before and len(scorings) == 1
    text = path.read_text(encoding="utf-8")
    changed = text.replace("  value: 8587100", "  value: 9587100", 1)  # weighs Ha Noi in the pool
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    after = scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY)
    assert len(scorings) == 2 and after != before
    assert after == scoreboard(load_dataset(demo_copy, use_cache=False)[0], FRAMEWORK, DAY)


def test_no_cache_and_a_bad_entry_mean_scoring(
    demo_copy: Path, scorings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(demo_copy)[0]
    assert dataset.content_key is not None
    first = scoreboard(dataset, FRAMEWORK, DAY)
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    assert scoreboard(dataset, FRAMEWORK, DAY) == first and len(scorings) == 2
    monkeypatch.delenv("TRACKER_NO_CACHE")
    assert load_dataset(demo_copy, use_cache=False)[0].content_key is None
    entries = sorted((demo_copy.parent / "cache").glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for entry in entries:  # every entry unreadable: the load and the scoreboard fall back
        entry.write_bytes(b"not a pickle")
    assert scoreboard(load_dataset(demo_copy)[0], FRAMEWORK, DAY) == first and len(scorings) == 3


def test_a_dataset_changed_in_memory_is_scored_not_read(demo_copy: Path, scorings: list[int]) -> None:
    # A caller's what-if (a region swapped for an edited copy, as `diff` does for a broken file)
    # must not be answered with the scores of the files on disk.
    from dataclasses import replace

    dataset = load_dataset(demo_copy)[0]
    on_disk = scoreboard(dataset, FRAMEWORK, DAY)
    assert dataset.unchanged_key() is not None and replace(dataset).content_key is None
    region = dataset.regions["ha-noi"]
    assert region.population is not None
    population = region.population.model_copy(update={"value": region.population.value * 3})
    dataset.regions["ha-noi"] = region.model_copy(update={"population": population})
    assert dataset.unchanged_key() is None
    changed = scoreboard(dataset, FRAMEWORK, DAY)
    assert changed != on_disk and len(scorings) == 2
    dataset.regions["ha-noi"] = region  # back to what was loaded: the entry serves again
    assert scoreboard(dataset, FRAMEWORK, DAY) == on_disk and len(scorings) == 2


@pytest.mark.parametrize("view", ["report", "show"])
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("width", [80, 120])
def test_demo_tables_from_the_cache_match_the_goldens(
    demo_copy: Path, scorings: list[int], view: str, lang: str, width: int
) -> None:
    from tests.test_report import demo_view
    from tracker.asof import as_of_date
    from tracker.terminal import render

    for _ in range(2):  # filled, then read from the cache
        dataset = load_dataset(demo_copy)[0]
        text = render(demo_view(dataset, as_of_date(dataset, None), view, lang), width=width)
        check_golden(f"demo-{view}-{lang}-{width}.txt", text, update=False)
    assert len(scorings) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--format", "json"),
        ("report", "--format", "json", "--province", "hue", "--province", "ha-noi", "--as-of", "2025-06-30"),
        ("report", "--format", "markdown", "--lang", "en"),
        ("show", "hue", "ha-noi", "--format", "json"),
        ("gaps", "--format", "json"),
        ("rank", "ehr-citizen-coverage", "--format", "json"),
    ],
)
def test_commands_print_the_same_bytes_cold_filled_and_warm(demo_copy: Path, args: tuple[str, ...]) -> None:
    cache = demo_copy.parent / "cache"
    env = {"TRACKER_DATA_DIR": str(demo_copy), "TRACKER_CACHE_DIR": str(cache)}
    cold = run("--no-cache", *args, env=env)
    assert cold.returncode == 0, cold.stderr
    assert not cache.exists() or not any(cache.iterdir())
    filled = run(*args, env=env)
    entries = sorted(p.name for p in cache.iterdir())
    warm = run(*args, env=env)
    assert sorted(p.name for p in cache.iterdir()) == entries  # the warm run found everything it needed
    assert cold.stdout == filled.stdout == warm.stdout and cold.stderr == filled.stderr == warm.stderr == ""
