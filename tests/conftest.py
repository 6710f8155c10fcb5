"""Shared fixtures: a small valid data root to copy and break, and the golden-file switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
DEMO = REPO / "examples" / "demo"  # invented figures for every province: tests that need full coverage use these


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fork the twin that runs the tests' commands (tests/forked.py) before any test can change this
    process; not in pytest-xdist's controller, which runs no test."""
    if not session.config.pluginmanager.has_plugin("dsession"):
        from tests import forked

        forked.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests import forked

    forked.stop()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str, update: bool) -> None:
    """`text` is what tests/golden/NAME holds. Only --update-golden writes a golden file: a missing one
    fails, or a fresh checkout that lost a file would pass by writing whatever the code prints."""
    golden = GOLDEN / name
    if update:
        golden.write_bytes(text.encode("utf-8"))
        return
    if not golden.exists():
        pytest.fail(
            f"golden file tests/golden/{name} is missing: run pytest --update-golden and review it", pytrace=False
        )
    assert text == golden.read_bytes().decode("utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the user's cache folder (subprocesses inherit the variable)."""
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests do not age: 'today' is far ahead of every fixture's periods unless a test sets it."""
    monkeypatch.setenv("TRACKER_TODAY", "2099-12-31")


@pytest.fixture(autouse=True)
def default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own TRACKER_LANG does not change what the tests expect (the default, vi)."""
    monkeypatch.delenv("TRACKER_LANG", raising=False)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid dataset."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    return root
