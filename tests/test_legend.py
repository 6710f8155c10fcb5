"""Legends: each table's footer explains every mark and abbreviation it shows, and only those; URLs
are never split; notes name indicators, not ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tests.conftest import FIXTURES
from tests.test_cli import run
from tracker.fmt import LEGEND, shows_mark, status_legend, statuses_shown
from tracker.model import Scoring
from tracker.terminal import Footer, keep_items, legend, render, source_lines

# (mark, header labels, cell lines, lang, shown?)
MARKS = [
    ("dagger", [], ["72.5†"], "en", True),
    ("dagger", [], ["72.5"], "en", False),
    ("sigma", [], ["50.0% 30/60Σ (2019-12)"], "en", True),
    ("low", [], ["41.7*"], "en", True),
    ("low", [], ["41,7†*"], "vi", True),
    ("low", [], ["Score"], "en", False),
    ("change", ["±"], [], "en", True),
    ("change", [], ["▲2.5"], "en", True),
    ("change", [], ["2.5"], "en", False),
    ("baseline", [], ["← 6.7% 2/30† (2024)"], "en", True),
    ("baseline", [], ["6.7%"], "en", False),
    ("projected", [], ["→ 2028"], "en", True),
    ("projected", [], ["2028"], "en", False),
    ("none", [], ["–"], "en", True),
    ("none", [], ["Bà Rịa–Vũng Tàu"], "vi", False),  # a dash inside a name is not the mark
    ("attainment", ["Attain"], [], "en", True),
    ("attainment", ["Đạt"], [], "vi", True),
    ("attainment", ["Score"], [], "en", False),
    ("coverage", ["Cover"], [], "en", True),
    ("coverage", ["Phủ"], [], "vi", True),
    ("stage", ["Stg"], [], "en", True),
    ("stage", ["GĐ"], [], "vi", True),
    ("stage", ["Stage"], [], "en", False),  # a word, not an abbreviation
    ("pp", [], ["13.8 pp"], "en", True),
    ("pp", [], ["24,8 điểm %"], "vi", True),
    ("pp", [], ["13.8%"], "en", False),
]


@pytest.mark.parametrize(("mark", "headers", "lines", "lang", "shown"), MARKS)
def test_a_mark_is_explained_when_and_only_when_shown(
    mark: str, headers: list[str], lines: list[str], lang: str, shown: bool
) -> None:
    assert shows_mark(mark, headers, lines, lang) is shown


def test_every_mark_has_a_legend_line_in_both_languages() -> None:
    from tracker.i18n import CATALOGUE

    for name in LEGEND:
        assert f"legend.{name}" in CATALOGUE["en"] and f"legend.{name}" in CATALOGUE["vi"]


def test_statuses_are_found_in_their_cells_with_or_without_a_dagger() -> None:
    lines = ["achieved†", "missed", "→ 2026†", "on track", "Fair Province"]
    assert statuses_shown(lines, "en") == ["achieved", "on-track", "missed"]
    assert statuses_shown(["khá", "đi xuống†"], "vi") == ["fair", "deteriorating"]


# The framework's thresholds go into the status legend as percentages of the required pace.
@pytest.mark.parametrize(
    ("scoring", "lang", "expected"),
    [
        (
            Scoring(),
            "en",
            "Status — on track: moving at 95% or more of the pace the target needs; "
            "limited: at −10% to 50% of the pace needed",
        ),
        (
            Scoring(on_track=0.9, fair=0.4, deteriorating=-0.2),
            "vi",
            "Tình trạng — đúng tiến độ: đạt từ 90% tốc độ cần có để kịp mục tiêu; "
            "hạn chế: từ −20% đến 40% tốc độ cần có",
        ),
    ],
)
def test_status_legend_uses_the_frameworks_thresholds(scoring: Scoring, lang: str, expected: str) -> None:
    text = status_legend(["on-track", "limited"], lang, scoring.on_track, scoring.fair, scoring.deteriorating)
    assert text == expected


def _table() -> Table:
    table = Table("Province", "Score", "Cover", "Status")
    table.add_row("Lai Chau", Text("20.0†*"), "33%", "limited")
    table.add_row("Ha Noi", "–", "0%", "no data")
    return table


def test_legend_lists_what_the_table_shows_in_a_fixed_order() -> None:
    lines = legend([_table()], "en")
    assert [line.split(" ", 1)[0] for line in lines] == ["†", "*", "–", "Cover:", "Status"]
    assert lines[-1].startswith("Status — limited:") and "no data: no figure by the as-of date" in lines[-1]
    # A table's own line replaces the usual one (a count of flagged figures, say).
    assert legend([_table()], "en", own={"dagger": "† 3 of 4"})[0] == "† 3 of 4"


def test_colour_and_bold_legends_only_where_they_show() -> None:
    footer = Footer(["As of 2025-12-31"], [_table()], "en", scores=True, fresh=True)
    plain = render(footer, width=80)
    assert "Score colours" not in plain and "bold:" not in plain
    coloured = render(footer, width=80, color=True)
    assert "Score colours:" in coloured and "below 50" in coloured and "bold: a figure" in coloured


URL = "https://example.org/" + "a-very-long-path-segment-" * 5 + "end.html"


def test_a_url_is_never_split_and_prose_still_wraps() -> None:
    lines = source_lines("Hospitals using electronic medical records, 2025-09-22", f"Decision 123, see {URL}.")
    text = render(Group(*lines), width=40)
    assert any(line.strip() == URL for line in text.splitlines())
    assert all(len(line) <= 40 for line in text.splitlines() if URL not in line)
    assert "Decision 123, see" in text and text.rstrip().endswith(".")


@pytest.fixture
def long_source(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    path = root / "provinces" / "bac-ninh.yaml"
    text, count = re.subn(r"(?m)^(\s+source: ).*$", rf"\g<1>{URL}", path.read_text(encoding="utf-8"))
    assert count
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_show_prints_sources_whole_and_names_indicators(long_source: Path, lang: str) -> None:
    result = run("--data-dir", str(long_source), "show", "bac-ninh", "--lang", lang, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.strip() == URL for line in lines)
    assert all(len(line) <= 80 for line in lines if URL not in line)
    # Ids are for commands and JSON; the notes name what the tables name.
    assert not re.search(r"\b(emr-hospital-coverage|outpatient-wait-minutes)\b", result.stdout)


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        ("a: 1 · b: 2", 80, ["a: 1 · b: 2"]),
        ("Stages: 0: 33 · 1: 1 · 2: 0", 27, ["Stages: 0: 33 · 1: 1 · 2: 0"]),
        ("Stages: 0: 33 · 1: 1 · 2: 0", 26, ["Stages: 0: 33 · 1: 1", "2: 0"]),
        ("Stages: 0: 33 · 1: 1 · 2: 0", 19, ["Stages: 0: 33", "1: 1 · 2: 0"]),
        ("no items but long", 5, ["no items but long"]),
        ("a · b · c", 3, ["a", "b", "c"]),
        ("a very long item · b", 6, ["a very long item", "b"]),
    ],
)
def test_a_footer_line_of_items_breaks_between_items(line: str, width: int, expected: list[str]) -> None:
    assert keep_items(line, width) == expected
