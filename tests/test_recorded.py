"""`record` says what it did: the figure added, or the one it replaced and the new one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run

EMR = "emr-hospital-coverage"


def record(mini: Path, *args: str) -> tuple[int, str]:
    """The exit code and the last line: what was done comes after any warnings."""
    result = run("--data-dir", str(mini), "--no-cache", "record", *args)
    return result.returncode, result.stderr.splitlines()[-1] + "\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # a new period (3/54 after 54/54 also warns of a sharp fall, see test_guards)
        (
            ["bac-ninh", EMR, "2026-Q1", "3/54", "-s", "x"],
            "added emr-hospital-coverage 2026-Q1 3/54 (reported) to provinces/bac-ninh.yaml",
        ),
        (
            ["bac-ninh", "outpatient-wait-minutes", "2025", "45", "-s", "x", "--quality", "estimated"],
            "added outpatient-wait-minutes 2025 45 (estimated) to provinces/bac-ninh.yaml",
        ),
        # the fixture's 2025-09-22 is 54/54 with a note, reported
        (
            ["bac-ninh", EMR, "2025-09-22", "53/54", "-s", "x"],
            "replaced emr-hospital-coverage 2025-09-22: 54/54 → 53/54 (reported) in provinces/bac-ninh.yaml; kept its note",
        ),
        (
            ["bac-ninh", EMR, "2025-09-22", "53/54", "-s", "x", "--note", "new", "--quality", "estimated"],
            "replaced emr-hospital-coverage 2025-09-22: 54/54 (reported) → 53/54 (estimated) in provinces/bac-ninh.yaml",
        ),
        (
            ["Bắc Ninh", EMR, "2025-09-22", "53/54", "-s", "x", "--dry-run"],
            "dry run: would replace emr-hospital-coverage 2025-09-22: 54/54 → 53/54 (reported) in provinces/bac-ninh.yaml; keeps its note; nothing written",
        ),
        # a former province's own figure, by name
        (
            ["Bắc Giang", EMR, "2023", "5/30", "-s", "x"],
            "added emr-hospital-coverage 2023 5/30 (reported) for former bac-giang to provinces/bac-ninh.yaml",
        ),
        # the file already says it
        (
            ["bac-ninh", EMR, "2025-09-22", "54/54", "-s", "https://example.org/bac-ninh"],
            "provinces/bac-ninh.yaml already has emr-hospital-coverage 2025-09-22 54/54 (reported): unchanged",
        ),
    ],
    ids=["added", "added-value", "replaced", "replaced-quality", "dry-run", "former", "unchanged"],
)
def test_record_says_what_it_did(mini: Path, args: list[str], said: str) -> None:
    assert record(mini, *args) == (0, said + "\n")


def test_a_replacement_keeps_the_quote_and_says_so(mini: Path) -> None:
    assert record(mini, "bac-ninh", EMR, "2026-Q1", "14/54", "-s", "x", "--quote", "14 of 54 hospitals")[0] == 0
    assert record(mini, "bac-ninh", EMR, "2026-Q1", "3/54", "-s", "x") == (
        0,
        "replaced emr-hospital-coverage 2026-Q1: 14/54 → 3/54 (reported) in provinces/bac-ninh.yaml; kept its quote\n",
    )
    assert "quote: 14 of 54 hospitals" in (mini / "provinces" / "bac-ninh.yaml").read_text(encoding="utf-8")
