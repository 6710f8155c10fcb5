"""`tracker diff`: the data at a git revision against the working tree, as a pull-request comment."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import check_golden
from tests.test_cli import run
from tracker.gitdiff import compare, diff_markdown
from tracker.load import load_dataset
from tracker.problems import UsageError

needs_git = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not on PATH: `tracker diff` reads revisions through it"
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(mini: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH: `tracker diff` reads revisions through it")
    git(mini, "init", "-q", "-b", "main")
    git(mini, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(mini, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data")
    return mini


def test_no_changes(repo: Path) -> None:
    result = compare(repo)
    assert result.observations == [] and result.scores == [] and result.national == []
    dataset, _ = load_dataset(repo)
    assert "No score changes." in diff_markdown(result, dataset)


def test_changed_observation_moves_scores(repo: Path) -> None:
    path = repo / "provinces" / "bac-ninh.yaml"
    # EMR falls from 54/54 to 27/54: attainment 100 → 50, records domain 100 → 50,
    # overall (50 + 85.714) / 2 = 67.857; the pooled national EMR moves the same way.
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: 54", "numerator: 27"), encoding="utf-8")
    result = compare(repo)
    assert [(c.province, c.indicator, c.period, c.kind) for c in result.observations] == [
        ("bac-ninh", "emr-hospital-coverage", "2025-09-22", "changed")
    ]
    change = next(c for c in result.scores if c.province == "bac-ninh")
    # Bắc Ninh falls below Hà Nội (78.6), so both ranks move.
    assert (change.old_rank, change.new_rank) == (1, 2)
    assert round(change.old_score, 3) == 92.857 and round(change.new_score, 3) == 67.857
    assert ("records", 100.0, 50.0) in change.domains
    # As of 2025-12-31, after the 2025-09-30 deadline with no later milestone: missed.
    assert ("emr-hospital-coverage", "achieved", "missed") in change.statuses
    dataset, _ = load_dataset(repo)
    text = diff_markdown(result, dataset)
    assert "| Bac Ninh | `emr-hospital-coverage` | 2025-09-22 | changed | 54/54 (100.0 %) | 27/54 (50.0 %) |" in text
    assert "| Bac Ninh | 92.9 → 67.9† ▼ | 1 → 2 |" in text  # the fixture mixes in illustrative figures
    assert text.rstrip().endswith("† rests on illustrative or estimated figures, not on published statistics.")


def test_added_observation_and_json(repo: Path) -> None:
    path = repo / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  outpatient-wait-minutes:\n",
        "  outpatient-wait-minutes:\n    - period: 2022\n      value: 120\n      source: x\n      quality: illustrative\n",
    )
    path.write_text(text, encoding="utf-8")
    result = run("--data-dir", str(repo), "diff", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [o["change"] for o in document["observations"]] == ["added"]
    assert document["observations"][0]["new"]["value"] == 120


def test_works_from_a_subfolder_and_refuses_unknown_revisions(repo: Path) -> None:
    result = run("diff", "HEAD", "--lang", "en", cwd=repo / "provinces")
    assert result.returncode == 0 and "No score changes." in result.stdout
    result = run("diff", "no-such-rev", cwd=repo / "provinces")
    assert result.returncode == 2 and "unknown git revision 'no-such-rev'" in result.stderr


@needs_git
def test_outside_a_git_repository(mini: Path) -> None:
    with pytest.raises(UsageError, match="not inside a git repository"):
        compare(mini)


def test_a_former_province_figure_is_a_change_and_its_pooled_figure_moves_the_province(repo: Path) -> None:
    # Former Bắc Giang 10/20 and former Bắc Ninh 30/40 at 2024-06 → Bắc Ninh 40/60 for 2024-06,
    # a pooled figure the province did not have before.
    for name, figure in (("Bắc Giang", "10/20"), ("VN-56", "30/40")):
        result = run(
            "--data-dir", str(repo), "record", name, "emr-hospital-coverage", "2024-06", figure, "--source", "S"
        )
        assert result.returncode == 0, result.stderr
    diff = compare(repo)
    assert [(c.province, c.former, c.period, c.kind) for c in diff.observations] == [
        ("bac-ninh", "bac-giang", "2024-06", "added"),
        ("bac-ninh", "bac-ninh", "2024-06", "added"),
    ]
    dataset, _ = load_dataset(repo)
    assert (
        "| Bac Ninh (former Bac Giang) | `emr-hospital-coverage` | 2024-06 | added | – | 10/20 (50.0 %) |"
        in diff_markdown(diff, dataset)
    )


def test_without_git_on_path_the_error_says_so(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(mini / "no-programs-here"))
    with pytest.raises(UsageError, match=r"^git is not installed$"):
        compare(mini)
    result = run("--data-dir", str(mini), "diff", env={"PATH": str(mini / "no-programs-here")})
    assert (result.returncode, result.stderr) == (2, "error: git is not installed\n")


def test_a_broken_file_is_not_compared_and_lists_no_removals(repo: Path) -> None:
    """One missing ':' in Hà Nội's file: the comment says so, and Hà Nội's figures are not 'removed'."""
    path = repo / "provinces" / "ha-noi.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    lines[broken] = lines[broken].replace("name:", "name", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = compare(repo)
    assert result.observations == [] and result.scores == [] and result.national == []
    assert [(p.path, p.line, p.rule) for p in result.unreadable] == [
        ("provinces/ha-noi.yaml", broken + 1, "yaml-syntax")
    ]
    dataset, _ = load_dataset(repo)
    text = diff_markdown(result, dataset)
    assert f"> **provinces/ha-noi.yaml could not be read (line {broken + 1}): not compared.**" in text
    assert "| removed |" not in text and "No observations added, changed or removed." in text
    cli = run("--data-dir", str(repo), "diff", "--lang", "en")
    assert cli.returncode == 1 and "could not be read" in cli.stdout


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_pr_comment_with_a_replacement_an_addition_and_a_warning(repo: Path, lang: str, update_golden: bool) -> None:
    """The whole comment, as a golden file: Bắc Ninh's 2025-09-22 figure replaced (54/54 → 53/54),
    a 2025-10 figure added after it that falls to less than half (20/54: a sharp-fall warning, and
    the figure it follows shown), and Hà Nội, moved only by the change, listed after Bắc Ninh."""
    path = repo / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "numerator: 54\n      denominator: 54", "numerator: 53\n      denominator: 54"
    )
    path.write_text(text, encoding="utf-8")
    result = run(
        "--data-dir",
        str(repo),
        "--no-cache",
        "record",
        "bac-ninh",
        "emr-hospital-coverage",
        "2025-10",
        "20/54",
        "-s",
        "x",
    )
    assert result.returncode == 0, result.stderr
    comment = run("--data-dir", str(repo), "--no-cache", "diff", "--lang", lang)
    assert comment.returncode == 0, comment.stderr
    check_golden(f"diff-comment-{lang}.md", comment.stdout, update_golden)
    # TRACKER_LANG sets the default, as for every other command.
    default = run("--data-dir", str(repo), "--no-cache", "diff", env={"TRACKER_LANG": lang})
    assert default.stdout == comment.stdout
    document = json.loads(run("--data-dir", str(repo), "--no-cache", "diff", "--format", "json").stdout)
    assert document["as_of_source"] == {
        "region": "ha-noi",
        "indicator": "outpatient-wait-minutes",
        "period": "2025",
        "former": None,
    }


def test_a_file_with_a_duplicate_key_is_not_compared(repo: Path) -> None:
    path = repo / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("observations:\n", "observations: {}\nobservations:\n", 1), encoding="utf-8")
    result = compare(repo)
    assert [p.rule for p in result.unreadable] == ["duplicate-key"]
    assert result.observations == [] and result.scores == []
