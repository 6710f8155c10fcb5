"""Exports as a specification: the Markdown summary (golden files, parsed structure, escaping), CSV and JSON.

Regenerate the golden files after a deliberate change (to the renderer or to the demo data in examples/demo) with
`pytest --update-golden` and review the diff like code.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from tests.conftest import DEMO, FIXTURES, REPO, check_golden
from tests.test_cli import run
from tracker.asof import as_of_date
from tracker.cli import app
from tracker.documents import (
    OBSERVATION_COLUMNS,
    SCORE_COLUMNS,
    export_json,
    observations_csv,
    region_json,
    scoreboard_json,
    scores_csv,
)
from tracker.fmt import md_text
from tracker.i18n import CATALOGUE, number, period_label, to_go
from tracker.load import load_dataset
from tracker.model import Dataset, Names
from tracker.national import Scoreboard, scoreboard
from tracker.score import STATUSES
from tracker.scoreboard_md import scoreboard_markdown
from tracker.summary import summary_document, summary_markdown

FRAMEWORK = "smart-healthcare-2030"
HOSTILE = "Bac | Ninh `code` <script>alert(1)</script>\nsecond *line* _under_ [link](http://x.y) ~~s~~ &amp; # $x$ \\"


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def load(root: Path) -> Dataset:
    dataset, problems = load_dataset(root, use_cache=False)
    assert not [p for p in problems if p.level == "error"], problems
    return dataset


@pytest.fixture(scope="module")
def demo() -> tuple[Dataset, Scoreboard]:
    dataset = load(DEMO)
    return dataset, scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))


@pytest.fixture(scope="module")
def mini() -> tuple[Dataset, Scoreboard]:
    dataset = load(FIXTURES / "mini")
    return dataset, scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))


# ---------------------------------------------------------------------------------------------
# The message catalogue
# ---------------------------------------------------------------------------------------------


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_has_every_key_in_both_languages() -> None:
    assert set(CATALOGUE["en"]) == set(CATALOGUE["vi"])
    for key, english in CATALOGUE["en"].items():
        assert english.strip() and CATALOGUE["vi"][key].strip(), key
        assert fields(english) == fields(CATALOGUE["vi"][key]), key


@pytest.mark.parametrize(
    ("key", "lang", "count", "expected"),
    [
        ("to_go", "en", 11, "11 hospitals to go"),
        # Nouns are stored in the plural: one unit is shown without it, never "1 hospitals".
        ("to_go", "en", 1, "1 to go"),
        ("to_go", "vi", 11, "còn 11 bệnh viện"),
        # Vietnamese nouns do not change with the number.
        ("to_go", "vi", 1, "còn 1 bệnh viện"),
        ("md.count_to_go", "en", 11, "11 hospitals to go"),
        ("md.count_to_go", "en", 1, "1 to go"),
        ("md.count_to_go", "vi", 11, "thiếu 11 bệnh viện"),
        ("md.count_to_go", "vi", 1, "thiếu 1 bệnh viện"),
        ("md.count_to_go", "vi", 1234, "thiếu 1.234 bệnh viện"),
    ],
)
def test_units_to_go_with_the_indicators_noun(key: str, lang: str, count: int, expected: str) -> None:
    noun = Names(en="hospitals", vi="bệnh viện")
    assert to_go(key, lang, count, getattr(noun, lang)) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 11, "ehr ≥ 95% (now 90%, 11 hospitals to go)"),
        ("en", 1, "ehr ≥ 95% (now 90%, 1 to go)"),
        ("vi", 11, "ehr ≥ 95% (hiện 90%, còn 11 bệnh viện)"),
        ("vi", 1, "ehr ≥ 95% (hiện 90%, còn 1 bệnh viện)"),
    ],
)
def test_stage_blocker_with_the_indicators_noun(lang: str, count: int, expected: str) -> None:
    noun = Names(en="hospitals", vi="bệnh viện")
    text = to_go(
        "stage.blocker_to_go", lang, count, getattr(noun, lang), indicator="ehr", op="≥", value="95%", current="90%"
    )
    assert text == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [("en", 11, "11 to go"), ("en", 1, "1 to go"), ("vi", 11, "còn 11"), ("vi", 1, "còn 1")],
)
def test_units_to_go_without_a_noun_keep_the_bare_count(lang: str, count: int, expected: str) -> None:
    assert to_go("to_go", lang, count) == expected


def test_every_units_to_go_message_has_a_form_with_the_noun() -> None:
    used = set()
    for module in (
        "fmt.py",
        "summary.py",
        "summary_sections.py",
        "summary_notes.py",
        "scoreboard_md.py",
        "report.py",
        "terminal.py",
        "views.py",
    ):
        source = (REPO / "tracker" / module).read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bto_go\(\s*["']([a-z_.\-]+)["']""", source))
    assert used == {"to_go", "md.count_to_go", "stage.blocker_to_go"}
    for key in used:
        assert fields(CATALOGUE["en"][f"{key}_noun"]) == fields(CATALOGUE["en"][key]) | {"noun"}, key


def test_markdown_summary_without_count_nouns_keeps_the_bare_count(tmp_path: Path) -> None:
    """An indicator file without `counted` still shows its units to go, as "N to go"."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    path = root / "indicators" / "emr-hospital-coverage.yaml"
    text = path.read_text(encoding="utf-8")
    assert "counted:" in text
    path.write_text(re.sub(r"counted: .*\n", "", text), encoding="utf-8")
    dataset, problems = load_dataset(root)
    assert not [p for p in problems if p.level == "error"]
    sb = scoreboard(dataset, "smart-healthcare-2030", as_of_date(dataset, None))
    summary = summary_markdown(dataset, sb, "en")
    assert "(now 76.2%, 10 to go)" in summary and "hospitals to go" not in summary


def test_every_label_the_exporter_uses_is_in_the_catalogue() -> None:
    modules = ("documents.py", "fmt.py", "summary.py", "summary_sections.py", "summary_notes.py", "scoreboard_md.py")
    source = "\n".join((REPO / "tracker" / module).read_text(encoding="utf-8") for module in modules)
    # A key built at run time ("status." + status) ends with a dot; its completions are checked below.
    used = {key for key in re.findall(r"""\bt\(\s*["']([a-z_.\-]+)["']""", source) if not key.endswith(".")}
    assert used, "the pattern no longer finds the exporter's labels"
    assert used <= set(CATALOGUE["en"]), used - set(CATALOGUE["en"])
    built = {f"status.{s}" for s in STATUSES} | {"md.timing.late.one", "md.timing.late.other"}
    assert built <= set(CATALOGUE["en"]), built - set(CATALOGUE["en"])


@pytest.mark.parametrize(
    ("period", "en", "vi"),
    [
        ("2025", "2025", "2025"),
        ("2025-Q3", "2025-Q3", "quý III/2025"),
        ("2025-09", "2025-09", "09/2025"),
        ("2025-09-22", "2025-09-22", "22/09/2025"),
    ],
)
def test_period_labels(period: str, en: str, vi: str) -> None:
    assert (period_label(period, "en"), period_label(period, "vi")) == (en, vi)


# ---------------------------------------------------------------------------------------------
# Golden documents and determinism
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_summary_of_bundled_data_matches_golden(
    demo: tuple[Dataset, Scoreboard], lang: str, update_golden: bool
) -> None:
    dataset, sb = demo
    text = summary_markdown(dataset, sb, lang)
    check_golden(f"summary-{lang}.md", text, update_golden)
    assert summary_markdown(dataset, sb, lang) == text  # no clock, no set order: the same bytes every time


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_scoreboard_markdown_matches_golden(mini: tuple[Dataset, Scoreboard], lang: str, update_golden: bool) -> None:
    dataset, sb = mini
    check_golden(f"report-{lang}.md", scoreboard_markdown(dataset, sb, lang), update_golden)


def test_stamp_is_the_only_difference(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    plain = summary_markdown(dataset, sb, "en")
    stamped = summary_markdown(dataset, sb, "en", stamp="2026-01-02T03:04:05Z")
    extra = [line for line in stamped.splitlines() if line not in plain.splitlines()]
    assert extra == ["- **Generated:** 2026-01-02T03:04:05Z"]


# ---------------------------------------------------------------------------------------------
# Structure, through a Markdown parser
# ---------------------------------------------------------------------------------------------


def tables(tokens: list[Token]) -> list[list[list[Token]]]:
    """Each table as rows of cells, each cell its inline token."""
    found: list[list[list[Token]]] = []
    rows: list[list[Token]] = []
    cells: list[Token] = []
    inside = False
    for token in tokens:
        if token.type == "table_open":
            inside, rows = True, []
        elif token.type == "table_close":
            inside = False
            found.append(rows)
        elif inside and token.type == "tr_open":
            cells = []
        elif inside and token.type == "tr_close":
            rows.append(cells)
        elif inside and token.type == "inline":
            cells.append(token)
    return found


def cell_text(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def raw_cells(line: str) -> int:
    """Cells in a pipe-table line, counting only unescaped pipes (what GFM splits on)."""
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", ""))) - 1


def check_structure(text: str) -> list[Token]:
    """Every table is rectangular, both as parsed and as written; no raw HTML gets through."""
    tokens = parser().parse(text)
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    for table in tables(tokens):
        widths = {len(row) for row in table}
        assert len(widths) == 1, widths
    for block in re.findall(r"(?m)(?:^\|.*\|\n)+", text):
        lines = block.splitlines()
        assert {raw_cells(line) for line in lines} == {raw_cells(lines[0])}, block
    return tokens


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_summary_structure(demo: tuple[Dataset, Scoreboard], lang: str) -> None:
    dataset, sb = demo
    text = summary_markdown(dataset, sb, lang)
    tokens = check_structure(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    keys = [
        "executive",
        "pictures",
        "summary",
        "scoreboard",
        "completeness",
        "stages",
        "domains",
        "gaps",
        "projections",
        "methodology",
        "sources",
    ]
    assert headings == [CATALOGUE[lang][f"md.h.{key}"] for key in keys]
    assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1
    title = next(tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h1")
    assert _name(dataset.frameworks[FRAMEWORK].name, lang) in title
    h3 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert [_name(d.name, lang) for d in dataset.domains.values()] == h3[-len(dataset.domains) :]

    found = tables(tokens)
    scoreboard_rows = next(t for t in found if cell_text(t[0][1]) == CATALOGUE[lang]["col.province"] and len(t[0]) > 5)
    assert len(scoreboard_rows) == 1 + len(sb.regions) + 1  # header, provinces, national row
    assert len(scoreboard_rows[0]) == 5 + len(dataset.domains)
    # Each domain table: province, score, one column per indicator; a row per province and the national row.
    for domain in dataset.domains.values():
        members = [i for i in dataset.indicators.values() if i.domain == domain.id]
        table = next(t for t in found if [cell_text(c) for c in t[0][2:]] == [_name(i.name, lang) for i in members])
        assert len(table) == 1 + len(sb.regions) + 1

    # No Mermaid: it shows as code everywhere but GitHub; the pictures are files (see test_summary_pictures).
    assert not [t for t in tokens if t.type == "fence"]


def _name(names: Names, lang: str) -> str:
    return names.vi if lang == "vi" else names.en


def test_footnotes_are_numbered_in_order_and_all_defined(demo: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = demo
    text = summary_markdown(dataset, sb, "en")
    body, _, notes = text.partition("\n[^1]: ")
    cited = list(dict.fromkeys(int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", body)))
    defined = [int(n) for n in re.findall(r"(?m)^\[\^(\d+)\]: ", "[^1]: " + notes)]
    assert cited == defined == list(range(1, len(defined) + 1))
    sources = re.findall(r"(?m)^\[\^\d+\]: (.*?)(?: — |$)", "[^1]: " + notes)
    assert len(sources) == len(set(sources))  # deduplicated
    # A note is cited at most a dozen times: a source behind many figures is cited once, at the top.
    citations = [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", body)]
    assert max(citations.count(n) for n in set(citations)) <= 12
    common = next(line for line in body.splitlines() if line.startswith("*Sources used for many figures"))
    number_ = re.findall(r"\[\^(\d+)\]", common)[0]
    assert citations.count(int(number_)) == 1
    assert re.search(
        rf"(?m)^\[\^{number_}\]: invented for the demonstration .* — used for [\d,]+ figures, not cited one by one$",
        text,
    )


def test_vietnamese_document_is_vietnamese(demo: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = demo
    text = summary_markdown(dataset, sb, "vi")
    for heading in ("Tóm tắt toàn quốc", "Bảng điểm", "Khoảng cách lớn nhất", "Dự báo", "Phương pháp", "Nguồn"):
        assert f"## {heading}\n" in text
    assert "Hà Nội" in text and "Thành phố Hồ Chí Minh" in text
    assert sb.national_score is not None
    assert f"**{number(sb.national_score, 'vi')}" in text and "," in number(sb.national_score, "vi")
    assert "30/06/" in text or re.search(r"\d{2}/\d{2}/\d{4}", text)
    # No fixed English wording of the catalogue leaks into the Vietnamese document.
    for key, english in CATALOGUE["en"].items():
        if english == CATALOGUE["vi"][key]:
            continue
        for chunk in re.split(r"\{[^}]*\}", english):
            if len(chunk.strip()) >= 12:
                assert chunk.strip() not in text, (key, chunk)


def test_illustrative_figures_are_marked_and_reported_ones_are_not(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    text = summary_markdown(dataset, sb, "en")
    # Bac Ninh's EMR figure is reported; its waiting time illustrative (see the fixture).
    assert re.search(r"\| Bac Ninh \| 100\.0 \| 100\.0% \(2025-09-22\)\[\^\d+\] \|", text)
    match = re.search(r"\| Bac Ninh \| 85\.7† \| 60\.0 min† \(2024\)\[\^(\d+)\] \|", text)
    assert match
    note = re.search(rf"(?m)^\[\^{match.group(1)}\]: (.*)$", text)
    assert note and note.group(1) == "illustrative — † illustrative or estimated figure"
    assert re.search(r"(?m)^\[\^\d+\]: † Illustrative or estimated figure\. 6 of the 10 observations", text)


def test_projection_sentences(demo: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = demo
    text = summary_markdown(dataset, sb, "en")
    line = next(line for line in text.splitlines() if line.startswith("- **Paperless hospitals**: at the current pace"))
    assert re.search(r"half of the provinces reach 50%(\[\^\d+\])? by \d{4}†?, ", line)


# ---------------------------------------------------------------------------------------------
# Escaping
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bắc Ninh", "Bắc Ninh"),
        ("a | b", "a \\| b"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("`code` *b* _i_ [l](u) ~s~", "\\`code\\` \\*b\\* \\_i\\_ \\[l\\](u) \\~s\\~"),
        ("one\ntwo\r\nthree\u2028four", "one two three four"),
        ("&amp; #1 $x$ !", "\\&amp; \\#1 \\$x\\$ \\!"),
        ("see https://e.x/a_b?q=1.", "see <https://e.x/a_b?q=1>."),
        ("(https://e.x/p)", "(<https://e.x/p>)"),
        ("right\u202eleft", "rightleft"),
    ],
)
def test_md_text(text: str, expected: str) -> None:
    assert md_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("- x", "\\- x"), ("+ x", "\\+ x"), ("12. x", "12\\. x"), ("3) x", "3\\) x")]
)
def test_md_text_at_line_start_opens_no_list(text: str, expected: str) -> None:
    assert md_text(text, line_start=True) == expected


def one_line(text: str) -> str:
    # md_text's rule: control (Cc) and format (Cf) characters are dropped, every kind of space collapses.
    return " ".join("".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c.isspace()).split())


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf"), blacklist_characters=":")
        | st.sampled_from("\n\t|\\`*_[]<>&#!~$-+.)1 "),
        max_size=40,
    )
)
def test_escaped_text_renders_as_itself(text: str) -> None:
    """Whatever a name holds, it renders as exactly that text, in a paragraph and in a table cell."""
    escaped = md_text(text)
    expected = one_line(text)
    paragraph = [t for t in parser().parse("x " + escaped) if t.type == "inline"]
    rendered = "".join(c.content for c in paragraph[0].children or [] if c.type == "text") if paragraph else ""
    assert rendered == ("x " + expected).strip()
    for child in paragraph[0].children or []:
        assert child.type in ("text", "softbreak"), child
    table = parser().parse(f"| h |\n|---|\n| {escaped or ' '} |\n")
    cells = [t for t in table if t.type == "inline"]
    assert len(cells) == 2 and cell_text(cells[1]) == expected


def hostile(dataset: Dataset) -> Dataset:
    """The mini dataset with a province, a domain and an observation given names and notes meant to break Markdown."""
    region = dataset.regions["bac-ninh"]
    observations = dict(region.observations)
    first, *rest = observations["emr-hospital-coverage"]
    observations["emr-hospital-coverage"] = (
        [*rest[:-1], rest[-1].model_copy(update={"note": HOSTILE, "source": "- 1. | `x` <b>"})] if rest else [first]
    )
    dataset.regions["bac-ninh"] = region.model_copy(
        update={"name": Names(en=HOSTILE, vi=HOSTILE), "observations": observations}
    )
    domain = dataset.domains["records"]
    dataset.domains["records"] = domain.model_copy(update={"name": Names(en="Rec|ords *", vi="Hồ|sơ *")})
    return dataset


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_hostile_names_cannot_break_the_document(lang: str) -> None:
    dataset = hostile(load(FIXTURES / "mini"))
    sb = scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))
    for text in (summary_markdown(dataset, sb, lang), scoreboard_markdown(dataset, sb, lang)):
        tokens = check_structure(text)
        name = one_line(HOSTILE)
        cells = [cell_text(c) for table in tables(tokens) for row in table for c in row]
        assert name in cells  # the whole name, in one cell, as plain text
        assert "<script>" not in text.replace("\\<script\\>", "")
    text = summary_markdown(dataset, sb, lang)
    assert "| Hồ\\|sơ \\* |" in text or "| Rec\\|ords \\* |" in text
    note = next(line for line in text.splitlines() if line.startswith("[^") and "\\- 1. \\| \\`x\\` \\<b\\>" in line)
    assert note.split(": ", 1)[1].startswith("\\- 1. ")  # a source starting with "- " opens no list


# ---------------------------------------------------------------------------------------------
# CSV and JSON
# ---------------------------------------------------------------------------------------------


def test_observations_csv_round_trip(demo: tuple[Dataset, Scoreboard]) -> None:
    dataset, _ = demo
    text = observations_csv(dataset)
    assert "\r\n" in text and not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    total = sum(len(obs) for region in dataset.regions.values() for obs in region.observations.values())
    assert rows[0] == list(OBSERVATION_COLUMNS)
    assert len(rows) - 1 == total
    assert {len(row) for row in rows} == {len(OBSERVATION_COLUMNS)}
    by_key = {(r[0], r[1], r[2]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    obs = dataset.regions["ha-noi"].observations["emr-hospital-coverage"][0]
    row = by_key[("ha-noi", "emr-hospital-coverage", obs.period)]
    assert float(row["value"]) == pytest.approx(obs.number, abs=1e-4)
    assert row["source"] == obs.source and row["quality"] == obs.quality and row["unit"] == "percent"


def test_csv_keeps_hostile_text_and_guards_formulas_for_excel() -> None:
    dataset = hostile(load(FIXTURES / "mini"))
    region = dataset.regions["ha-noi"]
    first, *rest = region.observations["emr-hospital-coverage"]
    observations = {
        **region.observations,
        "emr-hospital-coverage": [first.model_copy(update={"note": '=HYPERLINK("x")'}), *rest],
    }
    dataset.regions["ha-noi"] = region.model_copy(update={"observations": observations})
    plain = list(csv.reader(io.StringIO(observations_csv(dataset), newline="")))
    notes = [row[-1] for row in plain]
    assert HOSTILE in notes and '=HYPERLINK("x")' in notes
    excel = observations_csv(dataset, excel=True)
    assert excel.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(excel.encode("utf-8").decode("utf-8-sig"), newline="")))
    assert rows[0] == EXCEL_COLUMNS
    assert '\'=HYPERLINK("x")' in [row[-1] for row in rows]


EXCEL_COLUMNS = ["province", "province_name", "indicator", "indicator_name", *OBSERVATION_COLUMNS[2:]]


def unquote_period(cell: str) -> str:
    """What Excel shows for `="2025-09"`: the text inside."""
    assert cell.startswith('="') and cell.endswith('"'), cell
    return cell[2:-1]


@pytest.mark.parametrize(
    ("lang", "delimiter", "province", "indicator"),
    [
        ("en", ",", "Bac Ninh", "Hospitals using electronic medical records"),
        ("vi", ";", "Bắc Ninh", "Bệnh viện triển khai bệnh án điện tử"),
    ],
)
def test_excel_csv_round_trips_with_names_and_periods_as_text(
    lang: str, delimiter: str, province: str, indicator: str
) -> None:
    dataset = load(DEMO)
    text = observations_csv(dataset, excel=True, lang=lang, delimiter=delimiter)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))
    assert rows[0] == EXCEL_COLUMNS and {len(r) for r in rows} == {len(EXCEL_COLUMNS)}
    plain = list(csv.reader(io.StringIO(observations_csv(dataset), newline="")))
    assert len(rows) == len(plain)
    for excel_row, plain_row in zip(rows[1:], plain[1:], strict=True):
        # Same observations in the same order: the names added, the period as text, the value with
        # the decimal mark the delimiter's locale reads; everything else unchanged.
        record = dict(zip(EXCEL_COLUMNS, excel_row, strict=True))
        assert [record["province"], record["indicator"]] == plain_row[:2]
        assert record["province_name"] == _name(dataset.regions[record["province"]].name, lang)
        assert unquote_period(record["period"]) == plain_row[2]
        assert record["value"] == (plain_row[4].replace(".", ",") if delimiter == ";" else plain_row[4])
        assert excel_row[5] == plain_row[3] and excel_row[7:] == plain_row[5:]
    bac_ninh = next(
        dict(zip(EXCEL_COLUMNS, r, strict=True)) for r in rows if r[0] == "bac-ninh" and r[2] == "emr-hospital-coverage"
    )
    assert bac_ninh["province_name"] == province and bac_ninh["indicator_name"] == indicator
    if delimiter == ";":
        assert any("," in dict(zip(EXCEL_COLUMNS, r, strict=True))["value"] for r in rows[1:])
        assert not any("." in dict(zip(EXCEL_COLUMNS, r, strict=True))["value"] for r in rows[1:])


def test_scores_csv_for_excel_in_a_vietnamese_locale(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    text = scores_csv(sb, excel=True, dataset=dataset, lang="vi", delimiter=";")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
    row = next(r for r in rows if r["province"] == "ha-noi" and r["indicator"] == "emr-hospital-coverage")
    assert row["province_name"] == "Hà Nội" and row["attainment"] == "76,19" and row["gap_count"] == "10"
    assert unquote_period(row["latest_period"]) == "2025-09-23" and row["target_by"] == "2025-09-30"


def test_scores_csv(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    rows = list(csv.DictReader(io.StringIO(scores_csv(sb), newline="")))
    assert list(rows[0]) == list(SCORE_COLUMNS)
    assert len(rows) == len(sb.regions) * len(dataset.indicators)
    row = next(r for r in rows if r["province"] == "ha-noi" and r["indicator"] == "emr-hospital-coverage")
    assert row["status"] == "missed" and row["framework"] == FRAMEWORK and row["as_of"] == sb.as_of.isoformat()
    assert row["attainment"] == "76.19" and row["gap_count"] == "10"


def test_json_is_the_report_and_show_objects(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    document: dict[str, Any] = json.loads(json.dumps(export_json(dataset, sb)))
    assert document["scoreboard"] == json.loads(json.dumps(scoreboard_json(dataset, sb)))
    assert document["provinces"] == [
        json.loads(json.dumps(region_json(dataset, rs, sb.framework, sb.as_of))) for rs in sb.regions
    ]
    assert "generated" not in document


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_export_markdown_to_file_end_to_end(tmp_path: Path) -> None:
    data = str(FIXTURES / "mini")
    first = run("--data-dir", data, "export", "markdown", "--lang", "vi", "-o", str(tmp_path / "summary.md"))
    assert first.returncode == 0, first.stderr
    second = run("--data-dir", data, "export", "markdown", "--lang", "vi")
    dataset = load(FIXTURES / "mini")
    sb = scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))
    # To a file, the pictures are written beside it and linked; to standard output, the text says how to get them.
    text, pictures = summary_document(dataset, sb, "vi", figures_dir="summary-figures")
    assert (tmp_path / "summary.md").read_bytes() == text.encode("utf-8")
    assert second.stdout.encode("utf-8") == summary_markdown(dataset, sb, "vi").encode("utf-8")
    assert sorted(p.name for p in (tmp_path / "summary-figures").iterdir()) == sorted(pictures)
    for name, svg in pictures.items():
        assert (tmp_path / "summary-figures" / name).read_bytes() == svg.encode("utf-8")
        assert f"](summary-figures/{name})" in text


def test_report_markdown_uses_the_same_renderer(mini: tuple[Dataset, Scoreboard]) -> None:
    dataset, sb = mini
    result = invoke("--data-dir", str(FIXTURES / "mini"), "report", "--format", "markdown", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == scoreboard_markdown(dataset, sb, "en")


def test_export_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(FIXTURES / "mini")
    result = invoke("--data-dir", data, "export", "csv", "--excel", "-p", "Bắc Ninh")
    assert result.exit_code == 0 and result.stdout.startswith("\ufeffprovince,")
    assert {row[0] for row in csv.reader(io.StringIO(result.stdout[1:], newline=""))} == {"province", "bac-ninh"}
    result = invoke("--data-dir", data, "export", "csv", "--scores", "-o", str(tmp_path / "scores.csv"))
    assert result.exit_code == 0 and (tmp_path / "scores.csv").read_text(encoding="utf-8").startswith(
        "province,indicator,latest_period"
    )
    result = invoke("--data-dir", data, "export", "json", "--as-of", "2025")
    assert json.loads(result.stdout)["as_of"] == "2025-12-31"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert (
        "- **Generated:** 1970-01-01T00:00:00Z\n"
        in invoke("--data-dir", data, "export", "markdown", "--lang", "en", "--stamp").stdout
    )
    assert (
        json.loads(invoke("--data-dir", data, "export", "json", "--stamp").stdout)["generated"]
        == "1970-01-01T00:00:00Z"
    )


def test_export_creates_a_missing_output_folder(tmp_path: Path) -> None:
    result = run("--data-dir", str(FIXTURES / "mini"), "export", "markdown", "-o", str(tmp_path / "out" / "summary.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "summary.md").is_file() and list((tmp_path / "out" / "summary-figures").glob("*.svg"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "markdown", "--scores"), "--scores, --excel and --delimiter apply to `export csv` only"),
        (("export", "csv", "--delimiter", "|"), "--delimiter: expected ',' or ';', got '|'"),
        (
            ("export", "csv", "--map-indicator", "emr-hospital-coverage"),
            "--map-indicator applies to `export markdown` only",
        ),
        (("export", "markdown", "--map-indicator", "emr-hospital-coverag"), "did you mean 'emr-hospital-coverage'?"),
        (("export", "csv", "--stamp"), "--stamp applies to"),
        (("export", "json", "--framework", "nope"), "unknown framework"),
        (("export", "markdown", "-o", "{tmp}/file.txt/summary.md"), "file.txt is a file, not a folder"),
        (("export", "markdown", "-o", "{tmp}"), "is a folder"),
    ],
)
def test_export_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "file.txt").write_text("keep", encoding="utf-8")
    result = invoke("--data-dir", str(FIXTURES / "mini"), *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == 2
    assert message.replace("{tmp}", str(tmp_path)) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_failed_write_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tracker.files.os.replace", refuse)
    result = invoke("--data-dir", str(FIXTURES / "mini"), "export", "markdown", "-o", str(target))
    assert result.exit_code == 2
    # The pictures are written first, into a folder swapped in whole: it failed, so nothing changed.
    assert result.stderr.strip() == f"error: {tmp_path / 'summary-figures'}: cannot write (Permission denied)"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"] and target.read_text(encoding="utf-8") == "old"


def test_summary_cites_quotes_and_the_newest_event_of_each_province(
    mini: tuple[Dataset, Scoreboard], tmp_path: Path
) -> None:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    path = root / "provinces" / "bac-ninh.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      note: All inpatient facilities\n",
        '      note: All inpatient facilities\n      quote: "54/54 cơ sở đã triển khai."\n',
    ) + (
        "events:\n"
        '  - {date: "2024-07", text: {en: First paperless hospital, vi: Bệnh viện không giấy đầu tiên}, source: "https://example.org/e1"}\n'
        '  - {date: "2025-10", text: {en: Smart-healthcare launch, vi: Phát động y tế thông minh}, source: "https://example.org/e2"}\n'
    )
    path.write_text(text, encoding="utf-8")
    dataset = load(root)
    document = summary_markdown(dataset, scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None)), "en")
    assert "All inpatient facilities “54/54 cơ sở đã triển khai.”" in document
    section = document.split("## Latest events\n", 1)[1].split("\n## ", 1)[0]
    assert "| Bac Ninh | 2025-10 | Smart-healthcare launch[^" in section and "First paperless hospital" not in section
