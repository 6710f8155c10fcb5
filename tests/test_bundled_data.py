"""The bundled dataset: valid, honest about its quality, and stable under a YAML round trip."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.conftest import REPO
from tracker.load import data_files, load_dataset
from tracker.yamlfile import dump_roundtrip, load_roundtrip


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    return load_dataset(REPO, use_cache=False)


def test_bundled_data_has_no_errors(bundled) -> None:  # type: ignore[no-untyped-def]
    _, problems = bundled
    assert [p for p in problems if p.level == "error"] == []


def test_every_ratio_indicator_names_what_it_counts(bundled) -> None:  # type: ignore[no-untyped-def]
    """Units to go read "11 hospitals to go": each ratio indicator says what it counts, in both languages."""
    dataset, _ = bundled
    ratios = [ind for ind in dataset.indicators.values() if ind.aggregate == "ratio"]
    assert ratios and all(ind.counted is not None for ind in ratios), [ind.id for ind in ratios if ind.counted is None]


def test_all_34_provinces_and_the_country(bundled) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = bundled
    assert len(dataset.provinces) == 34
    assert dataset.country is not None and dataset.country.id == "viet-nam"
    merged = sorted(old for region in dataset.provinces.values() for old in region.merged_from)
    assert len(merged) == 63 and len(set(merged)) == 63  # every former province maps to one new one


def test_readme_states_the_quality_counts(bundled) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = bundled
    counts = Counter(o.quality for r in dataset.regions.values() for obs in r.observations.values() for o in obs)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"Observations: (\d+) in all — (\d+) reported, (\d+) estimated, (\d+) illustrative", readme)
    assert stated, "README must state the counts"
    assert tuple(int(x) for x in stated.groups()) == (
        sum(counts.values()), counts["reported"], counts["estimated"], counts["illustrative"]
    )
    listed = re.findall(r"^\| .+ \| `[a-z-]+` \| \S+ \| .+ \| (reported|estimated) \|$", readme, re.MULTILINE)
    assert len(listed) == counts["reported"] + counts["estimated"]


def test_illustrative_figures_never_claim_a_source(bundled) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = bundled
    for region in dataset.regions.values():
        for observations in region.observations.values():
            for obs in observations:
                if obs.quality == "illustrative":
                    assert obs.source.startswith("illustrative"), (region.id, obs.period)
                else:
                    assert not obs.source.startswith("illustrative"), (region.id, obs.period)


@pytest.mark.parametrize("path", data_files(REPO), ids=lambda p: p.relative_to(REPO).as_posix())
def test_round_trip_is_byte_identical(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert dump_roundtrip(load_roundtrip(text)) == text
