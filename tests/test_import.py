"""`tracker.importer` and `tracker import csv`: figures published for the former (pre-July-2025)
provinces are recorded as those former provinces' own figures (pooled when scored), with a clean
diff; rows that cannot be recorded are refused with their CSV line numbers and change nothing.

The small fixture has one merged province, Bắc Ninh (former provinces Bắc Giang, VN-54, and Bắc
Ninh, VN-56), and two that were not merged, Hà Nội and Lai Châu."""

from __future__ import annotations

import codecs
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tracker.edit import NewObservation, record_many
from tracker.importer import import_csv, plan, read_csv, summary
from tracker.load import load_dataset
from tracker.names import resolve_place
from tracker.problems import CsvError
from tracker.series import Point, points_of
from tracker.yamlfile.read import load_data

EMR = "emr-hospital-coverage"
WAIT = "outpatient-wait-minutes"
HEADER = "province,indicator,period,value,numerator,denominator,source,quality,note\n"
BAC_NINH = "provinces/bac-ninh.yaml"


def write_csv(folder: Path, body: str, header: str = HEADER, name: str = "figures.csv") -> Path:
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


def observations(root: Path, province: str, indicator: str = EMR) -> dict[str, dict[str, Any]]:
    data = load_data((root / "provinces" / f"{province}.yaml").read_text(encoding="utf-8"))
    return {str(o["period"]): dict(o) for o in data["observations"].get(indicator, [])}


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "provinces").iterdir())}


# --- worked by hand -----------------------------------------------------------------------------
#
# Each case: CSV rows (after the header) → the figures stored for each former province, and the
# figure of Bắc Ninh as a whole pooled from them (Σ numerators / Σ denominators), by hand:
#   20/30 + 34/40 → (20 + 34)/(30 + 40) = 54/70
#   0/9 + 7/12    → 7/21; quality: the weaker of reported and estimated = estimated
#   0/5 + 5/5     → 5/10; quality: the weaker of illustrative and reported = illustrative

POOLED = [
    pytest.param(
        "Bắc Giang,emr-hospital-coverage,2024-06,,20,30,https://example.org/bg,,\n"
        "Bắc Ninh,emr-hospital-coverage,2024-06,,34,40,https://example.org/bn,,\n",
        "2024-06",
        {"bac-giang": (20, 30, "reported"), "bac-ninh": (34, 40, "reported")},
        (54, 70, "reported"),
        id="two-former-provinces",
    ),
    pytest.param(
        "VN-56,emr-hospital-coverage,2023-Q2,,7,12,Report 12/BC-SYT,estimated,public hospitals\n"
        "vn-54,emr-hospital-coverage,2023-Q2,,0,9,Report 12/BC-SYT,,public hospitals\n",
        "2023-Q2",
        {"bac-giang": (0, 9, "reported"), "bac-ninh": (7, 12, "estimated")},
        (7, 21, "estimated"),
        id="iso-codes-quality-the-weaker",
    ),
    pytest.param(
        "bac giang,Bệnh viện triển khai bệnh án điện tử,2025-03-31,0/5,,,https://a,illustrative,all\n"
        "BAC NINH,hospitals using electronic medical records,2025-03-31,5/5,,,https://b,reported,some\n",
        "2025-03-31",
        {"bac-giang": (0, 5, "illustrative"), "bac-ninh": (5, 5, "reported")},
        (5, 10, "illustrative"),
        id="folded-names-pairs-in-value-column",
    ),
]


def former_observations(root: Path, province: str, former: str, indicator: str = EMR) -> dict[str, dict[str, Any]]:
    data = load_data((root / "provinces" / f"{province}.yaml").read_text(encoding="utf-8"))
    series = data["former"][former].get("observations", {}).get(indicator, [])
    return {str(o["period"]): dict(o) for o in series}


def pooled_point(root: Path, province: str, period: str, indicator: str = EMR) -> Point:
    dataset, problems = load_dataset(root, use_cache=False)
    assert [p for p in problems if p.level == "error"] == []
    return next(p for p in points_of(dataset.regions[province], dataset.indicators[indicator]) if p.period == period)


@pytest.mark.parametrize(("rows", "period", "stored", "pooled"), POOLED)
def test_former_provinces_are_stored_and_pooled_by_hand(
    mini: Path,
    tmp_path: Path,
    rows: str,
    period: str,
    stored: dict[str, tuple[int, int, str]],
    pooled: tuple[int, int, str],
) -> None:
    result = import_csv(mini, write_csv(tmp_path, rows))
    assert result.ok, summary(result)
    assert result.rows == 2
    assert [o.actions() for o in result.files] == [["added", "added"]]
    for former, (numerator, denominator, quality) in stored.items():
        got = former_observations(mini, "bac-ninh", former)[period]
        assert (got["numerator"], got["denominator"], got["quality"]) == (numerator, denominator, quality)
    point = pooled_point(mini, "bac-ninh", period)
    assert (point.numerator, point.denominator, point.quality, point.derived) == (*pooled, True)
    assert [part.former for part in point.parts] == ["bac-giang", "bac-ninh"]


def test_three_former_provinces_into_a_file_without_observations(mini: Path, tmp_path: Path) -> None:
    # 10/20 + 5/10 + 1/5 → 16/35, in the file's order of former provinces whatever the CSV's order.
    (mini / "provinces" / "phu-tho.yaml").write_text(
        "id: phu-tho\nname: {en: Phu Tho, vi: Phú Thọ}\nlevel: province\nparent: viet-nam\nformer:\n"
        "  phu-tho: {name: {en: Phu Tho, vi: Phú Thọ}, iso: VN-68}\n"
        "  vinh-phuc: {name: {en: Vinh Phuc, vi: Vĩnh Phúc}, iso: VN-70}\n"
        "  hoa-binh: {name: {en: Hoa Binh, vi: Hòa Bình}, iso: VN-14, aliases: [Hoà Bình]}\n",
        encoding="utf-8",
    )
    rows = (
        "Hoà Bình,emr-hospital-coverage,2024,,1,5,https://c,,\n"  # old-style tone mark, an alias
        "VN-70,emr-hospital-coverage,2024,,5,10,https://b,,\n"
        "Phu Tho,emr-hospital-coverage,2024,,10,20,https://a,,\n"
    )
    result = import_csv(mini, write_csv(tmp_path, rows))
    assert result.ok, summary(result)
    point = pooled_point(mini, "phu-tho", "2024")
    assert (point.numerator, point.denominator) == (16, 35)
    assert [(part.former, part.point.source) for part in point.parts] == [
        ("phu-tho", "https://a"),
        ("vinh-phuc", "https://b"),
        ("hoa-binh", "https://c"),
    ]


def test_a_former_figure_updates_that_former_province_s_observation(mini: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, "Bắc Giang,emr-hospital-coverage,2024,,20,30,https://a,,\n")
    result = import_csv(mini, csv)
    assert result.ok and result.files[0].actions() == ["added"]
    again = import_csv(mini, write_csv(tmp_path, "Bắc Giang,emr-hospital-coverage,2024,,21,30,https://a,,\n"))
    assert again.ok and again.files[0].actions() == ["updated"]
    assert former_observations(mini, "bac-ninh", "bac-giang")["2024"]["numerator"] == 21
    same = import_csv(mini, write_csv(tmp_path, "Bắc Giang,emr-hospital-coverage,2024,,21,30,https://a,,\n"))
    assert same.ok and same.files[0].actions() == ["unchanged"]


def test_the_diff_holds_only_the_new_observations(mini: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, "bac-giang,emr-hospital-coverage,2024-06,,20,30,https://a,,\n")
    result = import_csv(mini, csv)
    diff = result.files[0].result.diff  # type: ignore[union-attr]
    changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-" and not line.startswith("@@")]
    assert changed == [
        "-former: {bac-giang: {name: {en: Bac Giang, vi: Bắc Giang}, iso: VN-54}, bac-ninh: {name: {en: Bac Ninh, vi: Bắc Ninh}, iso: VN-56}}",
        "+former:",
        "+  bac-giang:",
        "+    name: {en: Bac Giang, vi: Bắc Giang}",
        "+    iso: VN-54",
        "+    observations:",
        "+      emr-hospital-coverage:",
        "+        - period: 2024-06",
        "+          numerator: 20",
        "+          denominator: 30",
        "+          source: https://a",
        "+          quality: reported",
        "+  bac-ninh: {name: {en: Bac Ninh, vi: Bắc Ninh}, iso: VN-56}",
    ]


# --- refusals -----------------------------------------------------------------------------------

REFUSED = [
    pytest.param(
        "VN-56,emr-hospital-coverage,2025-09,,5,30,https://a,,\n",
        [2],
        "Bắc Ninh became part of Bắc Ninh (bac-ninh) on 1 July 2025: a figure for 2025-09 is bac-ninh's as a whole",
        id="former-after-merger",
    ),
    pytest.param(
        "Bắc Giang,emr-hospital-coverage,2025-10,,1,2,https://a,,\n",
        [2],
        "Bắc Giang became part of Bắc Ninh (bac-ninh) on 1 July 2025",
        id="former-only-name-after-merger",
    ),
    pytest.param(
        "Bắc Giang,emr-hospital-coverage,2023,,1,2,https://a,,\nbac-giang,emr-hospital-coverage,2023,,1,2,https://a,,\n",
        [2, 3],
        "Bắc Giang emr-hospital-coverage 2023 is given 2 times (lines 2, 3)",
        id="former-twice",
    ),
    pytest.param(
        "Lai Châu,emr-hospital-coverage,2025-12,,1,2,https://a,,\nlai-chau,emr-hospital-coverage,2025-12,,1,3,https://b,,\n",
        [2, 3],
        "is given 2 times",
        id="current-twice",
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025-12,,1,2,https://a,,\nlai-chau,emr-hospital-coverage,2025-Q4,,1,2,https://a,,\n",
        [2, 3],
        "periods 2025-12 and 2025-Q4 both end on 2025-12-31",
        id="one-day-two-spellings",
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025-13,,1,2,https://a,,\n", [2], "month 13 does not exist", id="bad-period"
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025,87%,,,https://a,,\n", [2], "leave out the % sign", id="percent-sign"
    ),
    pytest.param("lai-chau,emr-hospital-coverage,2025,120,,,https://a,,\n", [2], "above 100 %", id="above-100"),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025,,6,5,https://a,,\n",
        [2],
        "numerator 6 is larger than denominator 5",
        id="num-over-den",
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025,,5.5,10,https://a,,\n",
        [2],
        "numerator '5.5' is not a whole number",
        id="decimal-count",
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025,,0,0,https://a,,\n", [2], "denominator is 0", id="zero-denominator"
    ),
    pytest.param("lai-chau,emr-hospital-coverage,2025,,5,,https://a,,\n", [2], "go together", id="numerator-alone"),
    pytest.param("lai-chau,emr-hospital-coverage,2025,5,5,6,https://a,,\n", [2], "not both", id="value-and-pair"),
    pytest.param("lai-chau,emr-hospital-coverage,2025,,,,https://a,,\n", [2], "no figure", id="no-figure"),
    pytest.param("lai-chau,emr-hospital-coverage,2025,,1,2,,,\n", [2], "no source", id="no-source"),
    pytest.param(
        "lai-chau,emr-hospital-coverage,2025,,1,2,https://a,official,\n",
        [2],
        "unknown quality 'official'",
        id="bad-quality",
    ),
    pytest.param(
        "lai-chau,emr-hospital-coverag,2025,,1,2,https://a,,\n",
        [2],
        "did you mean 'emr-hospital-coverage'?",
        id="unknown-indicator",
    ),
    pytest.param(
        "Bac Nin,emr-hospital-coverage,2025,,1,2,https://a,,\n",
        [2],
        "unknown province 'Bac Nin'; did you mean 'bac-ninh' or 'bac-giang'?",
        id="unknown-province",
    ),
    pytest.param(
        "VN-99,emr-hospital-coverage,2025,,1,2,https://a,,\n", [2], "unknown province code 'VN-99'", id="unknown-code"
    ),
    pytest.param("lai-chau,emr-hospital-coverage,2025,,1\n", [2], "5 fields, but the header has 9", id="short-row"),
]


@pytest.mark.parametrize(("rows", "lines", "message"), REFUSED)
def test_rows_that_cannot_be_recorded_are_refused_and_change_nothing(
    mini: Path, tmp_path: Path, rows: str, lines: list[int], message: str
) -> None:
    before = snapshot(mini)
    result = import_csv(mini, write_csv(tmp_path, rows))
    assert not result.ok and not result.files
    assert [list(r.lines) for r in result.refused] == [lines]
    assert message in result.refused[0].message
    assert snapshot(mini) == before


def test_bad_rows_are_refused_with_line_numbers_while_good_rows_land(mini: Path, tmp_path: Path) -> None:
    rows = (
        "lai-chau,emr-hospital-coverage,2025-13,,1,2,https://a,,\n"  # 2: bad period
        "\n"  # 3: blank, skipped
        'Hà Nội,emr-hospital-coverage,2024,,10,42,https://a,,"two\nlines"\n'  # 4-5: lands
        "Lai Châu,emr-hospital-coverage,2025-12,,3,10,https://a,,\n"  # 6: lands
        "lai-chau,nothing-like-it,2025,,1,2,https://a,,\n"  # 7: unknown indicator
        "Bắc Giang,emr-hospital-coverage,2025-08,,5,30,https://a,,\n"  # 8: former, after the merger
        "Bắc Giang,emr-hospital-coverage,2023,,5,30,https://a,,\n"  # 9: lands (former Bắc Giang's)
    )
    result = import_csv(mini, write_csv(tmp_path, rows))
    assert result.rows == 6
    assert [r.lines for r in result.refused] == [(2,), (7,), (8,)]
    assert [(f.province, f.actions()) for f in result.files] == [
        ("ha-noi", ["added"]),
        ("lai-chau", ["added"]),
        ("bac-ninh", ["added"]),
    ]
    assert [p.lines for f in result.files for p in f.planned] == [(4,), (6,), (9,)]
    assert observations(mini, "ha-noi")["2024"]["note"] == "two\nlines"
    assert observations(mini, "lai-chau")["2025-12"]["numerator"] == 3
    text = "\n".join(summary(result))
    assert (
        "line 2: period '2025-13'" in text
        and "line 7: unknown indicator" in text
        and "line 8: Bắc Giang became part" in text
    )
    assert "added: emr-hospital-coverage 2023 5/30 (former bac-giang) (line 9)" in text
    assert "3 row(s) refused; they change nothing" in text


def test_a_file_edit_refused_by_validation_changes_nothing_and_others_land(mini: Path, tmp_path: Path) -> None:
    # lai-chau has 2025-Q3; 2025-09-30 ends the same day, which validation refuses for the file.
    rows = (
        "lai-chau,emr-hospital-coverage,2025-12,,3,10,https://a,,\n"
        "lai-chau,emr-hospital-coverage,2025-09-30,,3,10,https://a,,\n"
        "ha-noi,emr-hospital-coverage,2024,,10,42,https://a,,\n"
    )
    lai_chau = (mini / "provinces" / "lai-chau.yaml").read_bytes()
    result = import_csv(mini, write_csv(tmp_path, rows))
    assert not result.ok and not result.refused
    refused, landed = result.files
    assert refused.province == "lai-chau" and refused.refused and refused.result is not None
    assert [p.rule for p in refused.result.problems] == ["duplicate-period"]
    assert (mini / "provinces" / "lai-chau.yaml").read_bytes() == lai_chau
    assert landed.province == "ha-noi" and landed.actions() == ["added"]
    text = "\n".join(summary(result))
    assert "lai-chau (provinces/lai-chau.yaml): refused, nothing written (lines 2, 3)" in text
    assert "[duplicate-period]" in text and "2 row(s) refused" in text


def test_dry_run_writes_nothing(mini: Path, tmp_path: Path) -> None:
    before = snapshot(mini)
    csv = write_csv(
        tmp_path,
        "bac-giang,emr-hospital-coverage,2024-06,,20,30,https://a,,\nbac-ninh,emr-hospital-coverage,2024-06,,34,40,https://a,,\n",
    )
    result = import_csv(mini, csv, dry_run=True)
    assert result.ok and "+          numerator: 34\n" in result.files[0].result.diff  # type: ignore[union-attr]
    assert "would add: emr-hospital-coverage 2024-06 20/30 (former bac-giang)" in "\n".join(summary(result))
    assert snapshot(mini) == before


# --- names --------------------------------------------------------------------------------------

BEFORE, AFTER = date(2024, 12, 31), date(2025, 9, 30)
NAMES = [
    ("Bắc Giang", BEFORE, ("bac-ninh", "bac-giang")),
    ("Bac Giang", AFTER, ("bac-ninh", "bac-giang")),  # a former-only name is the former province whenever
    ("BẮC GIANG", BEFORE, ("bac-ninh", "bac-giang")),
    ("bac-giang", BEFORE, ("bac-ninh", "bac-giang")),
    ("Tỉnh Bắc Giang", BEFORE, ("bac-ninh", "bac-giang")),
    (unicodedata.normalize("NFD", "Bắc Giang"), BEFORE, ("bac-ninh", "bac-giang")),  # decomposed diacritics
    ("VN-54", AFTER, ("bac-ninh", "bac-giang")),
    ("vn-56", AFTER, ("bac-ninh", "bac-ninh")),  # the code always means the former province
    ("Bắc Ninh", BEFORE, ("bac-ninh", "bac-ninh")),  # before 1 July 2025: the former province
    ("Bac Ninh", AFTER, ("bac-ninh", None)),  # after: the province as a whole
    ("bac-ninh", date(2025, 6, 30), ("bac-ninh", "bac-ninh")),
    ("bac-ninh", date(2025, 7, 1), ("bac-ninh", None)),
    ("Hà Nội", BEFORE, ("ha-noi", None)),  # not merged: the same territory
    ("Thành phố Hà Nội", AFTER, ("ha-noi", None)),
    ("VN-HN", BEFORE, ("ha-noi", None)),
    ("Ha Noi", AFTER, ("ha-noi", None)),
    ("lai chau", BEFORE, ("lai-chau", None)),
    ("Việt Nam", AFTER, ("viet-nam", None)),
]


@pytest.mark.parametrize(("text", "end", "expected"), NAMES)
def test_province_names_resolve(mini: Path, text: str, end: date, expected: tuple[str, str | None]) -> None:
    dataset, _ = load_dataset(mini, use_cache=False)
    place = resolve_place(dataset, text, end)
    assert (place.region.id, place.former) == expected


def test_a_sum_indicator_pools_bare_counts(mini: Path, tmp_path: Path) -> None:
    (mini / "indicators" / "teleconsultations.yaml").write_text(
        "id: teleconsultations\nname: {en: Teleconsultations, vi: Khám chữa bệnh từ xa}\ndomain: services\n"
        "unit: count\ndirection: increase\naggregate: sum\ndefinition: Sessions in the year.\nsources: [test]\n",
        encoding="utf-8",
    )
    csv = write_csv(
        tmp_path,
        "Bắc Giang,teleconsultations,2024,120,,,https://a,,\nBắc Ninh,teleconsultations,2024,80.5,,,https://a,,\n",
    )
    result = import_csv(mini, csv)
    assert result.ok, summary(result)
    assert former_observations(mini, "bac-ninh", "bac-giang", "teleconsultations")["2024"]["value"] == 120
    assert pooled_point(mini, "bac-ninh", "2024", "teleconsultations").value == 200.5


# --- the file itself ----------------------------------------------------------------------------


def test_bom_crlf_header_case_and_trailing_empty_columns_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + "Province, Indicator ,PERIOD,value,source,,\r\nHà Nội,emr-hospital-coverage,2024,50,https://a,,\r\n".encode()
    )
    rows, refused = read_csv(path)
    assert not refused and [(r.line, r["province"], r["value"]) for r in rows] == [(2, "Hà Nội", "50")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no header row"),
        (b"province,indicator,period,valeu,source\n", "unknown column(s) 'valeu'; did you mean 'value'?"),
        (b"province,indicator,period,value\n", "missing column(s): source"),
        (b"province,indicator,period,source\n", "missing column(s): value (or numerator and denominator)"),
        (b"province,indicator,period,numerator,source\n", "missing column(s): denominator"),
        (b"province,province,indicator,period,value,source\n", "named twice: province"),
        (
            "province,indicator,period,value,source\nHà Nội,x,2024,1,a\n".encode("latin-1", "replace").replace(
                b"?", b"\xe0"
            ),
            ":2: not UTF-8",
        ),
        ("province,indicator,period,value,source\n".encode("utf-16"), ":1: not UTF-8"),
    ],
)
def test_an_unreadable_file_or_bad_header_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CsvError) as caught:
        read_csv(path)
    assert message in str(caught.value)


def test_quality_for_rows_without_one(mini: Path, tmp_path: Path) -> None:
    dataset, _ = load_dataset(mini, use_cache=False)
    rows, _ = read_csv(
        write_csv(
            tmp_path,
            "ha-noi,emr-hospital-coverage,2024,,1,2,https://a,,\nha-noi,emr-hospital-coverage,2023,,1,2,https://a,reported,\n",
        )
    )
    planned, refused = plan(dataset, rows, "estimated")
    assert not refused and [p.observation.quality for p in planned] == ["estimated", "reported"]


# --- record_many --------------------------------------------------------------------------------


def test_record_many_writes_once_and_says_what_each_did(mini: Path) -> None:
    observations_ = [
        NewObservation(EMR, "2024", "20/54", "illustrative", None, "illustrative"),  # as the file has it
        NewObservation(EMR, "2023", "10/54", "https://a"),
        NewObservation(EMR, "2024-06", "15/54", "https://a"),
        NewObservation(WAIT, "2024", "55", "https://a", "median"),
    ]
    result = record_many(mini, "bac-ninh", observations_)
    assert result.written and result.action == "added"
    assert result.actions == ("unchanged", "added", "added", "updated")
    periods = [str(o["period"]) for o in load_data((mini / BAC_NINH).read_text(encoding="utf-8"))["observations"][EMR]]
    assert periods == ["2023", "2024-06", "2024", "2025-09-22"]


# --- the command --------------------------------------------------------------------------------


def _cli(mini: Path, *args: str) -> Any:
    from tests.test_cli import run

    return run("--data-dir", str(mini), "--no-cache", *args)


def test_import_command_exit_codes_and_dry_run(mini: Path, tmp_path: Path) -> None:
    before = snapshot(mini)
    good = write_csv(
        tmp_path,
        "bac-giang,emr-hospital-coverage,2024-06,,20,30,https://a,,\nbac-ninh,emr-hospital-coverage,2024-06,,34,40,https://a,,\n",
    )
    dry = _cli(mini, "import", "csv", str(good), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith(f"--- a/{BAC_NINH}\n+++ b/{BAC_NINH}\n")
    assert "dry run: nothing written; every row accepted" in dry.stdout
    assert snapshot(mini) == before

    mixed = write_csv(
        tmp_path,
        "ha-noi,emr-hospital-coverage,2024,,1,2,https://a,,\nha-noi,emr-hospital-coverage,2025-13,,1,2,https://a,,\n",
        name="mixed.csv",
    )
    partly = _cli(mini, "import", "csv", str(mixed), "--quality", "estimated")
    assert partly.returncode == 1, partly.stderr
    assert "line 3: period '2025-13'" in partly.stdout
    assert observations(mini, "ha-noi")["2024"]["quality"] == "estimated"

    header = write_csv(tmp_path, "", header="province,indicator,when,value,source\n", name="header.csv")
    for args, message in [
        ((str(header),), "unknown column(s) 'when'"),
        ((str(tmp_path / "missing.csv"),), "cannot read"),
        ((str(good), "--quality", "official"), "unknown quality 'official'"),
    ]:
        bad = _cli(mini, "import", "csv", *args)
        assert bad.returncode == 2 and message in bad.stderr and "Traceback" not in bad.stderr


def test_the_quote_column_is_recorded(mini: Path, tmp_path: Path) -> None:
    header = "province,indicator,period,numerator,denominator,source,quote\n"
    rows = 'Lai Châu,emr-hospital-coverage,2025-12,3,10,https://a,"Ba trên mười bệnh viện, ""đã triển khai""."\n'
    result = import_csv(mini, write_csv(tmp_path, rows, header=header))
    assert result.ok, summary(result)
    assert observations(mini, "lai-chau")["2025-12"]["quote"] == 'Ba trên mười bệnh viện, "đã triển khai".'
