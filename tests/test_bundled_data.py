"""The bundled dataset: valid, honest about its quality, and stable under a YAML round trip."""

from __future__ import annotations

import pytest

from scripts.readme_counts import all_observations
from tests.conftest import REPO
from tracker.load import data_files, load_dataset
from tracker.yamlfile.roundtrip import dump_roundtrip, load_roundtrip


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


def test_no_placeholder_in_the_bundled_data(bundled) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = bundled
    assert [(r.id, f, i, o.period) for r, f, i, o in all_observations(dataset) if o.quality == "illustrative"] == []


def test_every_figure_names_a_source_and_says_what_it_counts(bundled) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = bundled
    for region, former, indicator, obs in all_observations(dataset):
        assert not obs.source.startswith("illustrative"), (region.id, former, indicator, obs.period)
        assert obs.note, (region.id, former, indicator, obs.period)


@pytest.mark.parametrize("path", data_files(REPO), ids=lambda p: p.relative_to(REPO).as_posix())
def test_round_trip_is_byte_identical(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert dump_roundtrip(load_roundtrip(text)) == text
