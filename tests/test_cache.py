"""The cache of parsed files and of problem positions: a warm load gives exactly what a cold one
gives, and a changed file is always read afresh, even when its size and time stamp stay the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.load import load_dataset

REPO = Path(__file__).parent.parent


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    monkeypatch.delenv("TRACKER_NO_CACHE", raising=False)
    return folder


def test_warm_load_equals_cold_load(mini: Path, cache_dir: Path) -> None:
    cold = load_dataset(mini, use_cache=False)
    fill = load_dataset(mini)
    assert any(cache_dir.glob("*.pickle"))
    warm = load_dataset(mini)
    for dataset, problems in (fill, warm):
        assert problems == cold[1]
        assert dataset.regions == cold[0].regions and dataset.indicators == cold[0].indicators


def test_positions_of_cross_file_problems_come_from_the_cache_unchanged(cache_dir: Path) -> None:
    """The bundled data has warnings found across files; their line and column are cached too."""
    cold = load_dataset(REPO, use_cache=False)[1]
    assert any(p.line > 0 for p in cold)
    assert load_dataset(REPO)[1] == cold
    assert load_dataset(REPO)[1] == cold


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(mini: Path, cache_dir: Path) -> None:
    path = mini / "provinces" / "bac-ninh.yaml"
    load_dataset(mini)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    name = load_dataset(mini)[0].regions["bac-ninh"].name.en
    changed = text.replace(f"en: {name}", f"en: {name[::-1]}", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert load_dataset(mini)[0].regions["bac-ninh"].name.en == name[::-1]


def test_a_broken_file_is_reported_the_same_from_the_cache(mini: Path, cache_dir: Path) -> None:
    path = mini / "provinces" / "ha-noi.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    cold = load_dataset(mini, use_cache=False)[1]
    assert [p.rule for p in cold] == ["unknown-key"]
    assert load_dataset(mini)[1] == cold
    assert load_dataset(mini)[1] == cold


def test_an_edit_checked_with_the_cache_sees_the_proposed_text(mini: Path, cache_dir: Path) -> None:
    path = mini / "provinces" / "ha-noi.yaml"
    load_dataset(mini)  # every file cached as it is on disk
    proposed = path.read_text(encoding="utf-8") + "unknown_key: 1\n"
    with_cache = load_dataset(mini, only=[path], texts={path: proposed})[1]
    assert with_cache == load_dataset(mini, only=[path], texts={path: proposed}, use_cache=False)[1]
    assert [p.rule for p in with_cache] == ["unknown-key"]


def test_entries_unused_for_a_month_and_stale_temporary_files_are_pruned(mini: Path, cache_dir: Path) -> None:
    load_dataset(mini)
    entries = set(cache_dir.glob("*.pickle"))
    month_ago = max(os.stat(p).st_mtime for p in entries) - 31 * 86400
    for entry in entries:  # every entry last used a month ago
        os.utime(entry, (month_ago, month_ago))
    stale_tmp, fresh_tmp = cache_dir / "left-by-a-killed-writer.tmp", cache_dir / "being-written.tmp"
    stale_tmp.write_bytes(b"x")
    fresh_tmp.write_bytes(b"x")
    os.utime(stale_tmp, (month_ago, month_ago))
    province = mini / "provinces" / "bac-ninh.yaml"
    province.write_bytes(province.read_bytes() + b"# changed\n")
    load_dataset(mini)  # hits mark the other entries used; the changed file's new entry prunes
    gone = {p for p in entries if not p.exists()}
    # The entry of bac-ninh's old content and the cross-file checks of the old set of files, which
    # nothing reads any more.
    assert len(gone) == 2
    assert not stale_tmp.exists() and fresh_tmp.exists()
    assert load_dataset(mini, use_cache=False)[0].regions == load_dataset(mini)[0].regions


def test_a_hit_marks_an_old_entry_as_used(mini: Path, cache_dir: Path) -> None:
    load_dataset(mini)
    entry = sorted(cache_dir.glob("*.pickle"))[0]
    week_ago = os.stat(entry).st_mtime - 7 * 86400
    os.utime(entry, (week_ago, week_ago))
    load_dataset(mini)
    assert os.stat(entry).st_mtime > week_ago + 6 * 86400


def test_the_code_that_reads_a_file_salts_every_key(mini: Path) -> None:
    # An entry is keyed by the code that made it: every module of the reading path must be in the
    # salt, or a change to it would serve entries it would no longer make.
    import subprocess
    import sys

    from tracker import cache

    script = (
        "import sys; from pathlib import Path; from tracker.load import load_dataset; "
        f"load_dataset(Path({str(mini)!r}), use_cache=False); "
        "print('\\n'.join(m for m in sys.modules if m.startswith('tracker.yamlfile.')))"
    )
    used = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert used, "reading imports modules of tracker.yamlfile"
    salted = {"tracker." + name.removesuffix(".py").replace("/", ".") for name in cache._CODE}
    assert set(used) <= salted


def test_cross_file_checks_come_from_the_cache_only_for_the_same_files_and_day(
    mini: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The checks are a function of every file's content and of today (a period after today is a
    # problem): a warm run over unchanged files on the same day reuses them, anything else runs them.
    from tracker import checks

    province = mini / "provinces" / "bac-ninh.yaml"
    text = province.read_text(encoding="utf-8")
    calls: list[int] = []
    real = checks.check_dataset
    monkeypatch.setattr(checks, "check_dataset", lambda ds: calls.append(1) or real(ds))
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-15")
    cold = load_dataset(mini, use_cache=False)[1]
    assert load_dataset(mini)[1] == cold and load_dataset(mini)[1] == cold
    assert len(calls) == 2  # the uncached run and the run that filled the cache
    monkeypatch.setenv("TRACKER_TODAY", "2020-01-15")  # every period after 2020 is now in the future
    earlier = load_dataset(mini)[1]
    assert earlier == load_dataset(mini, use_cache=False)[1] and earlier != cold
    assert "future-period" in {p.rule for p in earlier}
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-15")
    province.write_text(text.replace("id: bac-ninh", "id: bac-ninh-x", 1), encoding="utf-8")
    changed = load_dataset(mini)[1]
    assert changed == load_dataset(mini, use_cache=False)[1]
    assert "id-mismatch" in {p.rule for p in changed}
