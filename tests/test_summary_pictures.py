"""The summary as a document people look at: the executive summary, the pictures and their files, conversion.

The pictures are checked as data: each SVG parses as XML, the same data gives the same bytes, the
tile map names every province, no script or outside reference gets in, and every picture is
followed by a text equivalent. Looking at them is still needed (see the README's Pictures section).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import DEMO, FIXTURES
from tests.test_export import FRAMEWORK, check_structure, hostile, load
from tracker import figures
from tracker.asof import as_of_date
from tracker.fmt import name_in
from tracker.i18n import CATALOGUE
from tracker.model import Dataset
from tracker.national import Scoreboard, scoreboard
from tracker.summary import summary_document, summary_markdown

SVG = "{http://www.w3.org/2000/svg}"
# The executive summary is at most one printed page: lines of Markdown and characters.
EXECUTIVE_LINES = 32
EXECUTIVE_CHARS = 4500


@pytest.fixture(scope="module")
def demo() -> tuple[Dataset, Scoreboard]:
    dataset = load(DEMO)
    return dataset, scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))


def section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start + 1 : end if end >= 0 else None]


def texts(svg: str) -> list[str]:
    return ["".join(e.itertext()) for e in ElementTree.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_pictures_are_linked_well_formed_and_deterministic(demo: tuple[Dataset, Scoreboard], lang: str) -> None:
    dataset, sb = demo
    text, pictures = summary_document(dataset, sb, lang, figures_dir="summary-figures")
    assert sorted(pictures) == ["map.svg", "progress.svg", "series.svg"]
    again_text, again = summary_document(dataset, sb, lang, figures_dir="summary-figures")
    assert again_text == text and again == pictures  # the same data, the same bytes
    check_structure(text)
    for name, svg in pictures.items():
        root = ElementTree.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.find(f"{SVG}title") is not None
        assert (
            "<script" not in svg
            and "href" not in svg
            and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        )
        link = re.search(rf"!\[([^\]]+)\]\(summary-figures/{re.escape(name)}\)\n\n(.+)", text)
        assert link, name
        assert link.group(1) and link.group(2)  # alt text, then a text equivalent (a sentence or a table)
    # Without a folder the document says how to get the pictures and links none.
    plain = summary_markdown(dataset, sb, lang)
    assert "![" not in plain and "tracker export markdown -o summary.md" in plain


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_tile_map_names_every_province(demo: tuple[Dataset, Scoreboard], lang: str) -> None:
    dataset, sb = demo
    _, pictures = summary_document(dataset, sb, lang, figures_dir="f")
    shown = " ".join(texts(pictures["map.svg"]))
    assert dataset.tilemap is not None
    for pid, region in dataset.provinces.items():
        tile = dataset.tilemap.tiles[pid]
        label = name_in(tile.label, lang) if tile.label else name_in(region.name, lang)
        assert all(word in shown for word in label.split()), (pid, label)
    rects = [e for e in ElementTree.fromstring(pictures["map.svg"]).iter(f"{SVG}rect") if e.get("width") == "62"]
    assert len(rects) == 34


def test_a_province_without_data_is_drawn_as_no_data(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "indicators" / "tilemap.yaml").write_text(
        "source: test\ntiles:\n  bac-ninh: {row: 0, col: 0}\n  ha-noi: {row: 0, col: 1}\n  lai-chau: {row: 1, col: 0}\n",
        encoding="utf-8",
    )
    dataset = load(root)
    sb = scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))
    _, pictures = summary_document(dataset, sb, "en", figures_dir="f", map_indicator="outpatient-wait-minutes")
    fills = [
        e.get("fill") for e in ElementTree.fromstring(pictures["map.svg"]).iter(f"{SVG}rect") if e.get("width") == "62"
    ]
    has = {
        rs.region for rs in sb.regions for r in rs.indicators if r.indicator == "outpatient-wait-minutes" and r.latest
    }
    assert fills.count(figures.NO_DATA) == 3 - len(has) >= 1
    assert figures.NO_DATA not in figures.VIRIDIS5


def test_hostile_names_stay_text_in_the_pictures() -> None:
    dataset = hostile(load(FIXTURES / "mini"))
    sb = scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))
    _, pictures = summary_document(dataset, sb, "en", figures_dir="f")
    assert pictures
    for svg in pictures.values():
        ElementTree.fromstring(svg)  # parses: nothing from the data broke out of its text element
        assert "<script>" not in svg


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, "0"), (-0.04, "0"), (12.25, "12.2"), (12.35, "12.3"), (100.0, "100"), (1e-9, "0"), (3.96, "4")],
)
def test_coordinates_are_written_the_same_way_every_time(value: float, text: str) -> None:
    assert figures._n(value) == text


def test_wrap_keeps_to_the_lines_it_is_given() -> None:
    assert figures.wrap("Ho Chi Minh City", 56, 9.5) == ["Ho Chi", "Minh City"]
    assert figures.wrap("Thành phố Hồ Chí Minh rất dài", 40, 9.5, 2)[-1].endswith("…")
    assert figures.wrap("Huế", 56, 9.5) == ["Huế"]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("root", [DEMO, FIXTURES / "mini"], ids=["demo", "mini"])
def test_the_executive_summary_comes_first_and_fits_a_page(root: Path, lang: str) -> None:
    dataset = load(root)
    sb = scoreboard(dataset, FRAMEWORK, as_of_date(dataset, None))
    text = summary_markdown(dataset, sb, lang)
    first = re.findall(r"(?m)^## (.*)$", text)[0]
    assert first == CATALOGUE[lang]["md.h.executive"]
    executive = section(text, first)
    assert len(executive.splitlines()) <= EXECUTIVE_LINES and len(executive) <= EXECUTIVE_CHARS
    box = [line for line in executive.splitlines() if line.startswith("> ")]
    assert box and CATALOGUE[lang]["md.exec.box.title"] in box[0]


def test_executive_summary_worked_by_hand(demo: tuple[Dataset, Scoreboard]) -> None:
    """Counts checked against the demo data's status table (Status by indicator)."""
    dataset, sb = demo
    executive = section(summary_markdown(dataset, sb, "en"), "Executive summary")
    # EMR in hospitals: 13 achieved, 21 missed (deadline 2025-09-30 passed): behind; 13 of 34 good.
    assert re.search(
        r"\| Hospitals using electronic medical records \| 79\.9%† \(29/34\) \| 73\.3% \(2026-02\)(\[\^\d+\])? \| "
        r"100%(\[\^\d+\])? by 2025-09-30 \| 13† of 34 \|",
        executive,
    )
    assert "Of the 9 indicators with a national target: met 1, on track 4, behind 4, without any figure 0." in executive
    behind = next(line for line in executive.splitlines() if line.startswith("- **Behind:**"))
    assert "Hospitals using electronic medical records" in behind and "Paperless hospitals" not in behind
    # The nearest deadline after 2026-06-30 is primary-care EMR (2026-12-31); Lai Chau is furthest from it.
    assert "**Nearest deadline:** Primary-care facilities using electronic medical records, 100%" in executive
    assert "Lai Chau 10.5%† (34 primary care facilities to go)" in executive


def test_help_does_not_load_the_pictures() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from tracker.cli import app; "
        "CliRunner().invoke(app, ['--help']); print(sorted(m for m in sys.modules if m.startswith('tracker.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "tracker.figures" not in loaded and "tracker.summary_pictures" not in loaded


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_converts_the_summary_with_its_pictures(tmp_path: Path) -> None:
    from tests.test_cli import run

    result = run("--data-dir", str(DEMO), "export", "markdown", "--lang", "vi", "-o", str(tmp_path / "summary.md"))
    assert result.returncode == 0, result.stderr
    converted = subprocess.run(
        ["pandoc", "summary.md", "--from", "gfm", "--output", "summary.docx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert converted.returncode == 0, converted.stderr
    with zipfile.ZipFile(tmp_path / "summary.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        body = docx.read("word/document.xml").decode("utf-8")
    assert len([n for n in media if n.endswith(".svg")]) == 3  # every picture went in
    assert "Tóm tắt dành cho lãnh đạo" in body
