"""The README's counts of the data: the generated section (on the demo data, whose figures are
fixed) and how the check finds and rewrites it."""

from __future__ import annotations

import pytest

from scripts.readme_counts import END, START, counts_section, main, with_counts
from tests.conftest import REPO, check_golden
from tracker.load import load_dataset


def test_the_counts_section_of_the_demo_data(update_golden: bool) -> None:
    dataset, _ = load_dataset(REPO / "examples" / "demo", use_cache=False)
    check_golden("readme-counts-demo.md", counts_section(dataset), update_golden)


@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        (f"intro\n{START}old\n{END}outro\n", f"intro\n{START}new\n{END}outro\n"),
        (f"{START}{END}", f"{START}new\n{END}"),
        (f"{START}a\n{END}b\n{START}", f"{START}new\n{END}b\n{START}"),
    ],
)
def test_the_section_is_replaced_between_its_markers(readme: str, expected: str) -> None:
    assert with_counts(readme, "new\n") == expected


@pytest.mark.parametrize("readme", ["no markers\n", f"{START}no end\n", f"{END}{START}end before start\n"])
def test_a_readme_without_the_section_is_refused(readme: str) -> None:
    with pytest.raises(ValueError, match="no section between"):
        with_counts(readme, "new\n")


def test_usage_is_refused() -> None:
    assert main(["--wrong"]) == 2
