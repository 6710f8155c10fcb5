"""Figures pooled across the 2025 merger (`tracker.series`), national pooling on each side of
1 July 2025, and former provinces end to end (record by name, id or ISO code; show; JSON).

Every expected number is worked by hand in the comment beside it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.test_cli import run
from tests.test_score import D, dataset, framework, indicator, ms, names, obs
from tracker.model import Former, Observation, Population, Region
from tracker.national import national
from tracker.score import evaluate
from tracker.series import partial_periods, points_of

EMR = "emr-hospital-coverage"


def merged(
    formers: dict[str, dict[str, list[Observation]]],
    own: dict[str, list[Observation]] | None = None,
    populations: dict[str, int] | None = None,
    id: str = "p",
) -> Region:
    """A province merged from the given former provinces, each with its own observations."""
    return Region(
        id=id,
        name=names(id),
        level="province",
        former={
            f: Former(
                name=names(f.upper()),
                iso=f"VN-{i:02d}",
                observations=series,
                population=Population(value=populations[f], year=2024, source="test") if populations else None,
            )
            for i, (f, series) in enumerate(formers.items(), start=1)
        },
        observations=own or {},
    )


# (former provinces' figures, province's own figures, aggregate, direction) → the province's points
POOLING = [
    pytest.param(
        # 10/20 + 5/10 + 15/30 → 30/60 = 50.0 %, all reported
        {
            "a": {"x": [obs("2019-12", (10, 20))]},
            "b": {"x": [obs("2019-12", (5, 10))]},
            "c": {"x": [obs("2019-12", (15, 30))]},
        },
        None,
        "ratio",
        "increase",
        [("2019-12", 50.0, 30, 60, "reported", ["a", "b", "c"])],
        [],
        id="complete-set",
    ),
    pytest.param(
        # only a and b for 2019-12: partial, never the province's figure
        {"a": {"x": [obs("2019-12", (10, 20))]}, "b": {"x": [obs("2019-12", (5, 10))]}, "c": {}},
        None,
        "ratio",
        "increase",
        [],
        [("2019-12", ("a", "b"), ("c",))],
        id="incomplete-set",
    ),
    pytest.param(
        # 1/4 reported + 3/4 estimated + 2/2 illustrative → 6/10 = 60 %, illustrative (the weakest)
        {
            "a": {"x": [obs("2024", (1, 4))]},
            "b": {"x": [obs("2024", (3, 4), "estimated")]},
            "c": {"x": [obs("2024", (2, 2), "illustrative")]},
        },
        None,
        "ratio",
        "increase",
        [("2024", 60.0, 6, 10, "illustrative", ["a", "b", "c"])],
        [],
        id="mixed-quality-weakest-wins",
    ),
    pytest.param(
        # both former provinces report 2024-06, but the province's own 9/10 for that day is used;
        # 2023 has no own figure: 1/2 + 1/2 → 2/4 = 50 %
        {
            "a": {"x": [obs("2023", (1, 2)), obs("2024-06", (1, 5))]},
            "b": {"x": [obs("2023", (1, 2)), obs("2024-06", (1, 5))]},
        },
        {"x": [obs("2024-06", (9, 10))]},
        "ratio",
        "increase",
        [("2023", 50.0, 2, 4, "reported", ["a", "b"]), ("2024-06", 90.0, 9, 10, "reported", [])],
        [],
        id="own-figure-takes-precedence",
    ),
    pytest.param(
        # a bare percentage cannot enter Σnum/Σden: the set is partial
        {"a": {"x": [obs("2024", 80)]}, "b": {"x": [obs("2024", (1, 2))]}},
        None,
        "ratio",
        "increase",
        [],
        [("2024", ("b",), ("a",))],
        id="bare-percentage-is-partial",
    ),
    pytest.param(
        # sum: 120 + 80.5 → 200.5
        {"a": {"x": [obs("2024", 120)]}, "b": {"x": [obs("2024", 80.5)]}},
        None,
        "sum",
        "increase",
        [("2024", 200.5, None, None, "reported", ["a", "b"])],
        [],
        id="sum-indicator",
    ),
    pytest.param(
        # a decrease indicator (minutes), population-weighted: (60 × 300 + 30 × 100) / 400 = 21000/400 = 52.5
        {"a": {"x": [obs("2024", 60)]}, "b": {"x": [obs("2024", 30)]}},
        None,
        "population-weighted",
        "decrease",
        [("2024", 52.5, None, None, "reported", ["a", "b"])],
        [],
        id="decrease-population-weighted",
    ),
]


@pytest.mark.parametrize(("formers", "own", "aggregate", "direction", "expected", "partial"), POOLING)
def test_pooling_across_the_merger_by_hand(
    formers: dict[str, dict[str, list[Observation]]],
    own: dict[str, list[Observation]] | None,
    aggregate: str,
    direction: str,
    expected: list[tuple[str, float, int | None, int | None, str, list[str]]],
    partial: list[tuple[str, tuple[str, ...], tuple[str, ...]]],
) -> None:
    unit = "percent" if aggregate == "ratio" else ("minutes" if direction == "decrease" else "count")
    ind = indicator(
        "x", unit=unit, direction=direction, aggregate=aggregate, worst=120 if direction == "decrease" else None
    )
    region = merged(
        formers, own, populations={"a": 300, "b": 100, "c": 50} if aggregate == "population-weighted" else None
    )
    got = [
        (p.period, round(p.value, 6), p.numerator, p.denominator, p.quality, [part.former for part in p.parts])
        for p in points_of(region, ind)
    ]
    assert got == expected
    assert [(p.period, p.have, p.missing) for p in partial_periods(region, ind)] == partial


def test_a_derived_figure_is_used_like_an_observation() -> None:
    # Former a and b: 2020 2/10 + 3/10 = 25 %, 2024 6/10 + 8/10 = 70 %; target 100 % by 2030.
    # Baseline 25 % (2020-12-31), latest 70 % (2024-12-31): rate 45 / (1461/365.25) = 11.25 pp a year;
    # required (100 − 25) / (3652/365.25) ≈ 7.50 pp a year; ratio ≈ 1.50 → on track.
    ind = indicator("x")
    region = merged(
        {
            "a": {"x": [obs("2020", (2, 10)), obs("2024", (6, 10))]},
            "b": {"x": [obs("2020", (3, 10)), obs("2024", (8, 10))]},
        }
    )
    data = dataset([ind], framework({"x": [ms("2030-12-31", 100)]}), [region])
    result = evaluate(data, "p", "x", "fw", D("2024-12-31"))
    assert result.latest is not None and result.baseline is not None
    assert (result.latest.value, result.latest.derived, result.baseline.value) == (70.0, True, 25.0)
    assert result.status == "on-track" and result.actual_rate == pytest.approx(11.25, abs=0.01)


def test_national_pooling_uses_the_former_provinces_before_the_merger_and_the_new_ones_after() -> None:
    ind = indicator("x")
    # p merged from a and b; q was not merged (one former province, itself).
    p = merged({"a": {"x": [obs("2024", (2, 10))]}, "b": {"x": []}}, own={"x": [obs("2025-09", (9, 10))]})
    q = Region(
        id="q",
        name=names("q"),
        level="province",
        former={"q": Former(name=names("Q"), iso="VN-99")},
        observations={"x": [obs("2024", (5, 10)), obs("2025-09", (10, 10))]},
    )
    data = dataset([ind], framework({"x": [ms("2030-12-31", 100)]}), [p, q])
    before = national(data, "fw", D("2025-06-30"))[0]
    # Units: a, b (for p) and q = 3. Reporting: a 2/10 and q 5/10 → 7/20 = 35 %, 2 of 3.
    assert (before.numerator, before.denominator, before.reporting, before.expected) == (7, 20, 2, 3)
    after = national(data, "fw", D("2025-12-31"))[0]
    # Units: p and q = 2. p 9/10, q 10/10 → 19/20 = 95 %, 2 of 2.
    assert (after.numerator, after.denominator, after.reporting, after.expected) == (19, 20, 2, 2)


# --- end to end ----------------------------------------------------------------------------------

PHU_THO = """\
id: phu-tho
name: {en: Phu Tho, vi: Phú Thọ}
level: province
parent: viet-nam
former:
  vinh-phuc:
    name: {en: Vinh Phuc, vi: Vĩnh Phúc}
    iso: VN-70
  hoa-binh:
    name: {en: Hoa Binh, vi: Hòa Bình}
    iso: VN-14
  phu-tho:
    name: {en: Phu Tho, vi: Phú Thọ}
    iso: VN-68
events:
  - date: "2024-07"
    text: {en: First paperless hospital, vi: Bệnh viện không giấy đầu tiên}
    source: https://example.org/event
    quote: "The first paperless hospital."
  - date: "2025-10-27"
    text: {en: Smart-healthcare launch, vi: Phát động y tế thông minh}
    source: https://example.org/launch
"""


@pytest.fixture
def with_phu_tho(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "provinces" / "phu-tho.yaml").write_text(PHU_THO, encoding="utf-8")
    return root


def _record(root: Path, *args: str) -> None:
    result = run("--data-dir", str(root), "record", *args)
    assert result.returncode == 0, result.stderr


def _latest(root: Path) -> dict:  # type: ignore[type-arg]
    result = run("--data-dir", str(root), "show", "phu-tho", "--as-of", "2019-12", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    return next(i for i in document["indicators"] if i["id"] == EMR)  # type: ignore[no-any-return]


def test_record_by_former_name_and_iso_code_makes_a_derived_figure(with_phu_tho: Path) -> None:
    root = with_phu_tho
    _record(root, "Vĩnh Phúc", EMR, "2019-12", "10/20", "--source", "S1", "--quote", "Ten of twenty.")
    _record(root, "Hoa Binh", EMR, "2019-12", "5/10", "--source", "S2")
    partial = _latest(root)
    assert partial["latest"] is None  # two of three former provinces: never the province's figure
    assert partial["partial"] == [
        {"period": "2019-12", "end": "2019-12-31", "have": ["vinh-phuc", "hoa-binh"], "missing": ["phu-tho"]}
    ]
    _record(root, "VN-68", EMR, "2019-12", "15/30", "--source", "S3")
    latest = _latest(root)["latest"]
    # 10/20 + 5/10 + 15/30 = 30/60 = 50.0 %
    assert (latest["period"], latest["value"], latest["numerator"], latest["denominator"]) == ("2019-12", 50.0, 30, 60)
    assert (latest["derived"], latest["quality"], latest["flagged"]) == (True, "reported", False)
    assert [(p["former"], p["numerator"], p["denominator"], p["source"]) for p in latest["parts"]] == [
        ("vinh-phuc", 10, 20, "S1"),
        ("hoa-binh", 5, 10, "S2"),
        ("phu-tho", 15, 30, "S3"),
    ]
    assert latest["parts"][0]["quote"] == "Ten of twenty."
    text = run(
        "--data-dir",
        str(root),
        "show",
        "phu-tho",
        "--as-of",
        "2019-12",
        "--lang",
        "en",
        "--quotes",
        env={"COLUMNS": "200"},
    )
    assert (
        "Hospitals using electronic medical records 2019-12: 50.0% 30/60Σ = Vinh Phuc 50.0% 10/20 + Hoa Binh 50.0% 5/10"
        " + Phu Tho 50.0% 15/30" in text.stdout
    )
    assert "“Ten of twenty.”" in text.stdout


def test_record_by_former_id_and_refusals(with_phu_tho: Path) -> None:
    root = with_phu_tho
    before = (root / "provinces" / "phu-tho.yaml").read_bytes()
    # A former province's figure on or after 1 July 2025 names the province it became part of (exit 2).
    late = run("--data-dir", str(root), "record", "vinh-phuc", EMR, "2025-09", "1/2", "--source", "S")
    assert late.returncode == 2 and "Vĩnh Phúc became part of Phú Thọ (phu-tho) on 1 July 2025" in late.stderr
    unknown = run("--data-dir", str(root), "record", "VN-98", EMR, "2019", "1/2", "--source", "S")
    assert unknown.returncode == 2 and "unknown province code 'VN-98'" in unknown.stderr
    assert (root / "provinces" / "phu-tho.yaml").read_bytes() == before
    # `phu-tho` before the merger is former Phú Thọ; after it, the province as a whole.
    _record(root, "phu-tho", EMR, "2019", "3/4", "--source", "S")
    _record(root, "phu-tho", EMR, "2025-12", "60/60", "--source", "S")
    from tracker.yamlfile.read import load_data

    data = load_data((root / "provinces" / "phu-tho.yaml").read_text(encoding="utf-8"))
    assert [str(o["period"]) for o in data["former"]["phu-tho"]["observations"][EMR]] == ["2019"]
    assert [str(o["period"]) for o in data["observations"][EMR]] == ["2025-12"]


def test_events_are_shown_newest_first_and_in_json(with_phu_tho: Path) -> None:
    text = run("--data-dir", str(with_phu_tho), "show", "phu-tho", "--lang", "en", env={"COLUMNS": "120"}).stdout
    assert text.index("2025-10-27  Smart-healthcare launch") < text.index("2024-07     First paperless hospital")
    document = json.loads(run("--data-dir", str(with_phu_tho), "show", "phu-tho", "--format", "json").stdout)
    assert [e["date"] for e in document["events"]] == ["2025-10-27", "2024-07"]
    assert document["events"][1]["quote"] == "The first paperless hospital."
    assert [f["iso"] for f in document["former"]] == ["VN-70", "VN-14", "VN-68"]


# (replacement of a text in PHU_THO, expected rule, line, column)
BAD = [
    pytest.param('  - date: "2025-10-27"', '  - date: "2099-01"', "future-date", 20, 11, id="event-in-the-future"),
    pytest.param("    source: https://example.org/launch\n", "", "missing-key", 20, 5, id="event-without-source"),
    pytest.param(
        "{en: Smart-healthcare launch, vi: Phát động y tế thông minh}",
        "{en: Smart-healthcare launch}",
        "missing-key",
        21,
        5,
        id="event-without-vi",
    ),
    pytest.param(
        "    iso: VN-14\n",
        "    iso: VN-14\n    observations:\n      emr-hospital-coverage:\n        - {period: '2025-07', numerator: 1, denominator: 2, source: S, quality: reported}\n",
        "former-after-merger",
        14,
        20,
        id="former-figure-after-merger",
    ),
    pytest.param("    iso: VN-68\n", "    iso: VN-54\n", "duplicate-former", 14, 10, id="iso-of-another-province"),
]


@pytest.mark.parametrize(("old", "new", "rule", "line", "column"), BAD)
def test_bad_former_provinces_and_events_are_located(
    with_phu_tho: Path, old: str, new: str, rule: str, line: int, column: int
) -> None:
    path = with_phu_tho / "provinces" / "phu-tho.yaml"
    assert old in PHU_THO
    path.write_text(PHU_THO.replace(old, new), encoding="utf-8")
    result = run(
        "--data-dir",
        str(with_phu_tho),
        "--no-cache",
        "validate",
        "--format",
        "json",
        env={"TRACKER_TODAY": "2026-12-06"},
    )
    problems = [
        (p["rule"], p["line"], p["column"]) for p in json.loads(result.stdout) if p["path"] == "provinces/phu-tho.yaml"
    ]
    assert (rule, line, column) in problems, problems
    assert result.returncode == 1


def test_a_figure_under_a_province_that_was_not_merged_is_refused(mini: Path) -> None:
    path = mini / "provinces" / "lai-chau.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "iso: VN-01}}",
        "iso: VN-01, observations: {emr-hospital-coverage: [{period: '2024', value: 5, source: S, quality: reported}]}}}",
    )
    path.write_text(text, encoding="utf-8")
    result = run("--data-dir", str(mini), "--no-cache", "validate", "--format", "json")
    assert "former-not-merged" in {p["rule"] for p in json.loads(result.stdout)}


def test_a_period_after_today_is_an_error(mini: Path) -> None:
    result = run(
        "--data-dir", str(mini), "--no-cache", "validate", "--format", "json", env={"TRACKER_TODAY": "2025-10-01"}
    )
    found = {(p["path"], p["rule"]) for p in json.loads(result.stdout)}
    # The mini fixture's latest figures end on 2025-12-31 (lai-chau 2025-12? see the fixture): after 2025-10-01.
    assert any(rule == "future-period" for _, rule in found), found
    assert result.returncode == 1
