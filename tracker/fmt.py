"""How values read, in one place for the terminal, the summary and the PR comment: marks, units, escaping."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from tracker.asof import latest_figure
from tracker.i18n import CATALOGUE, number, t, to_go

if TYPE_CHECKING:
    from tracker.model import Dataset, Names, Observation
    from tracker.national import Scoreboard
    from tracker.series import Point

# ---------------------------------------------------------------------------------------------
# Marks
# ---------------------------------------------------------------------------------------------

DAGGER = "†"  # a figure that is not a reported one (illustrative, estimated), or a result resting on one
SIGMA = "Σ"  # a figure derived (pooled) from the former provinces' figures
LOW_MARK = "*"  # a score whose coverage is below score.LOW_COVERAGE (escaped in Markdown)
BASELINE_MARK = "←"  # the baseline figure, shown under the latest one
PROJECTED_MARK = "→"  # the year the straight-line trend reaches the target
NONE = "–"  # no figure, no target or no score
RISE, FALL, SAME = "▲", "▼", "="  # a score's change against one year earlier
_OPS = {">=": "≥", "<=": "≤"}

# The marks and abbreviations a table may show, in the order its footer explains them. Each has
# one legend line, the catalogue's `legend.<name>`, and one test of whether a table shows it (on
# its header labels and the lines of its cells and notes): a footer lists only what its table
# shows. Statuses are explained by `status_legend`.
LEGEND = ("dagger", "sigma", "low", "change", "baseline", "projected", "none", "attainment", "coverage", "stage", "pp")
STATUSES = (
    "achieved",
    "on-track",
    "fair",
    "limited",
    "deteriorating",
    "missed",
    "insufficient-data",
    "no-data",
    "no-target",
)
_LOW = re.compile(r"\d[†]?\*$")  # `72.5*`, `72.5†*`: a score marked for low coverage


def shows_mark(name: str, headers: Sequence[str], lines: Sequence[str], lang: str) -> bool:
    """Whether a table with these header labels and these lines (of its cells and notes) shows the
    mark or abbreviation `name` of LEGEND."""
    if name == "dagger":
        return any(DAGGER in line for line in lines)
    if name == "sigma":
        return any(SIGMA in line for line in lines)
    if name == "low":
        return any(_LOW.search(line.strip()) for line in lines)
    if name == "change":
        return "±" in headers or any(RISE in line or FALL in line for line in lines)
    if name == "baseline":
        return any(line.startswith(BASELINE_MARK) for line in lines)
    if name == "projected":
        return any(line.startswith(PROJECTED_MARK) for line in lines)
    if name == "none":
        return any(line.strip() == NONE for line in lines)
    if name == "pp":
        return any(line.endswith(" " + t("unit.pp", lang)) for line in lines)
    label = {"attainment": "col.attainment", "coverage": "col.coverage", "stage": "col.stage_short"}[name]
    return any(t(label, lang) in header.split() for header in headers)


def statuses_shown(lines: Sequence[str], lang: str) -> list[str]:
    """The statuses a table shows (a cell line that is the status, with or without its dagger), in STATUSES order."""
    shown = {line.strip().rstrip(DAGGER) for line in lines}
    return [status for status in STATUSES if t(f"status.{status}", lang) in shown]


def status_legend(statuses: Sequence[str], lang: str, on_track: float, fair: float, deteriorating: float) -> str:
    """One line saying what each status shown means, with the framework's thresholds of the
    current-trend ratio (the pace so far over the pace the target needs) as percentages."""
    share = {
        k: f"{number(100 * v, lang, 0)}%".replace("-", "−")
        for k, v in (("on", on_track), ("fair", fair), ("det", deteriorating))
    }
    items = [
        t(f"legend.status.{s}", lang, on_track=share["on"], fair=share["fair"], deteriorating=share["det"])
        for s in statuses
    ]
    return t("legend.status", lang, items="; ".join(items))


def op_sign(op: str) -> str:
    """A criterion's operator as a reader writes it: `≥`, `≤`."""
    return _OPS.get(op, op)


# ---------------------------------------------------------------------------------------------
# Markdown escaping
# ---------------------------------------------------------------------------------------------
#
# Names, notes and sources come from data files anyone can edit, so every piece of text from the
# data goes through `md_text` before it reaches a document: one line, no raw HTML, no emphasis, no
# links other than the URLs it contains, and no `|` that could split a table cell.

# ASCII punctuation that can start inline markup in CommonMark/GFM (emphasis, code, links, HTML,
# strikethrough, entities, table cells, GitHub math); each is backslash-escapable.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$!])")
# Text that would open a block (list item, ordered list) when it starts a line.
_BLOCK_START = re.compile(r"^([-+])|^(\d{1,9})([.)])")
_URL = re.compile(r"https?://[^\s<>\"`|\\]+")


def one_line(text: str) -> str:
    """Collapse every kind of line break and space run to one space; drop control and format characters.

    Format characters (Unicode category Cf) include bidirectional overrides, which could make a
    name display differently from what it is; Vietnamese in NFC needs none of them.
    """
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c.isspace())
    return " ".join(kept.split())


def _escape_plain(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def md_text(text: str, *, line_start: bool = False) -> str:
    """Data text as inline Markdown that renders as exactly that text; URLs become autolinks.

    `line_start`: the text begins a line (a footnote, a list item), so a leading `-`, `+` or `1.`
    must not open a list.
    """
    result = "".join(f"<{piece}>" if is_url else _escape_plain(piece) for piece, is_url in split_urls(one_line(text)))
    if line_start:
        result = _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", result)
    return result


def split_urls(text: str) -> list[tuple[str, bool]]:
    """`text` in pieces, each with whether it is a URL, in order; empty pieces left out. A URL's
    trailing punctuation belongs to the sentence, as does a `)` the URL did not open."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        while url and (url[-1] in ".,;:!?'" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) <= len("https://"):
            continue
        start = match.start()
        pieces.append((text[position:start], False))
        pieces.append((url, True))
        position = start + len(url)
    pieces.append((text[position:], False))
    return [(piece, is_url) for piece, is_url in pieces if piece]


def md_cell(text: str) -> str:
    """A table cell that is already Markdown: never empty, never more than one line."""
    text = text.replace("\n", " ").replace("\r", " ").strip()
    return text or " "


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """A GFM pipe table; cells are Markdown already escaped for a table."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
    for row in rows:
        if len(row) != len(header):
            raise ValueError("table row with the wrong number of cells")
        lines.append("| " + " | ".join(md_cell(c) for c in row) + " |")
    return lines


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def name_in(names: Names, lang: str) -> str:
    return names.vi if lang == "vi" else names.en


def region_name(dataset: Dataset, region_id: str, lang: str) -> str:
    region = dataset.regions.get(region_id)
    return name_in(region.name, lang) if region is not None else region_id


def indicator_name(dataset: Dataset, indicator_id: str, lang: str) -> str:
    ind = dataset.indicators.get(indicator_id)
    return name_in(ind.name, lang) if ind is not None else indicator_id


def noun(dataset: Dataset, indicator_id: str, lang: str) -> str | None:
    """What a ratio indicator counts (`hospitals`, `bệnh viện`), for "11 hospitals to go"; None if not given."""
    ind = dataset.indicators.get(indicator_id)
    return ind.counted_in(lang) if ind is not None else None


def md_noun(dataset: Dataset, indicator_id: str, lang: str) -> str | None:
    """`noun`, escaped for Markdown."""
    counted = noun(dataset, indicator_id, lang)
    return md_text(counted) if counted else None


def as_of_source_text(dataset: Dataset, as_of: date, lang: str) -> str | None:
    """ "the date is set by the latest figure: Hospitals using electronic medical records, Bac Ninh,
    2025-09-22" when the as-of date is that of the latest figure (the default), else None: every
    output names it, so a period typed wrong (`2030` for `2026`), which would move every report's
    date, shows where it is."""
    latest = latest_figure(dataset)
    if latest is None or latest.end != as_of:
        return None
    region = dataset.regions[latest.region]
    name = region.former[latest.former].name if latest.former else region.name
    label = indicator_name(dataset, latest.indicator, lang)
    return t("footer.asof_source", lang, indicator=label, region=name_in(name, lang), period=latest.period)


# ---------------------------------------------------------------------------------------------
# Values in their units, in both languages
# ---------------------------------------------------------------------------------------------


def unit_of(dataset: Dataset, indicator_id: str) -> str:
    ind = dataset.indicators.get(indicator_id)
    return ind.unit if ind is not None else ""


def unit_label(unit: str, lang: str) -> str:
    """A unit as a reader of `lang` writes it (`phút` for minutes in Vietnamese), from the catalogue."""
    key = f"unit.{unit}"
    return t(key, lang) if key in CATALOGUE["en"] else unit


def value_text(dataset: Dataset, indicator_id: str, value: float | None, lang: str) -> str:
    """A value in its unit, as a reader of `lang` writes it: 79.9% / 79,9%, 1,010 / 1.010, 92.5 min."""
    if value is None:
        return t("no_score", lang)
    unit = unit_of(dataset, indicator_id)
    if unit == "percent":
        return f"{number(value, lang)}%"
    if unit == "count":
        return number(value, lang, 0)
    return f"{number(value, lang)} {unit_label(unit, lang)}"


def target_value(dataset: Dataset, indicator_id: str, value: float, lang: str) -> str:
    """A target as the instrument states it: 100%, 30 min, not 100.0%; 80.5% keeps its decimal."""
    if value != int(value):
        return value_text(dataset, indicator_id, value, lang)
    unit = unit_of(dataset, indicator_id)
    if unit == "percent":
        return f"{number(value, lang, 0)}%"
    return number(value, lang, 0) + (f" {unit_label(unit, lang)}" if unit != "count" else "")


def threshold(dataset: Dataset, indicator_id: str, value: float, lang: str) -> str:
    """A maturity criterion's threshold as the maturity file states it: 100%, 45 min (not 100.0%);
    unlike a target, a fractional count keeps its decimal."""
    unit = unit_of(dataset, indicator_id)
    digits = 0 if value == int(value) else 1
    if unit == "percent":
        return f"{number(value, lang, digits)}%"
    if unit == "count":
        return number(value, lang, digits)
    return f"{number(value, lang, digits)} {unit_label(unit, lang)}"


def gap_value(dataset: Dataset, indicator_id: str, gap: float, lang: str) -> str:
    """A gap in percentage points for a percent indicator, else in the unit: `13.8 pp`, `40.0 min`."""
    if unit_of(dataset, indicator_id) == "percent":
        return f"{number(gap, lang)} {t('unit.pp', lang)}"
    return value_text(dataset, indicator_id, gap, lang)


def gap_text(dataset: Dataset, indicator_id: str, gap: float, count: int | None, lang: str) -> str:
    """A gap (see `gap_value`) with the units to go, for Markdown: `13.8 pp (6 hospitals to go)`."""
    text = gap_value(dataset, indicator_id, gap, lang)
    if count:
        text += f" ({to_go('md.count_to_go', lang, count, md_noun(dataset, indicator_id, lang))})"
    return text


def point_figure(dataset: Dataset, indicator_id: str, point: Point, lang: str) -> str:
    """`50.0% 30/60`, with † when the figure is not a reported one and Σ when it is derived."""
    value = value_text(dataset, indicator_id, point.value, lang)
    counts = ""
    if point.numerator is not None and point.denominator is not None:
        counts = f" {point.numerator}/{point.denominator}"
    return f"{value}{counts}" + (DAGGER if point.flagged else "") + (SIGMA if point.derived else "")


def point_text(dataset: Dataset, indicator_id: str, point: Point | None, lang: str) -> str:
    """`50.0% 30/60 (2019-12)`: `point_figure` with its period."""
    if point is None:
        return "–"
    return f"{point_figure(dataset, indicator_id, point, lang)} ({point.period})"


def point_short(dataset: Dataset, indicator_id: str, point: Point | None, lang: str) -> str:
    """`76.2%† (2025-09-23)`: a figure with its dagger and period."""
    if point is None:
        return "–"
    flag = DAGGER if point.flagged else ""
    return f"{value_text(dataset, indicator_id, point.value, lang)}{flag} ({point.period})"


def observation_text(obs: Observation | None, unit: str = "", lang: str = "en") -> str:
    """`3/54 (5.6 %)`, `87.5 %`, `45 min` (`45 phút`), with the quality when it is not `reported`:
    the PR comment's figures, with the unit apart from the number."""
    if obs is None:
        return "–"
    suffix = " %" if unit == "percent" else f" {unit_label(unit, lang)}" if unit and unit != "count" else ""
    if obs.numerator is not None and obs.denominator is not None:
        value = f"{obs.numerator}/{obs.denominator}"
        if obs.number is not None:
            value += f" ({number(obs.number, lang)}{suffix})"
    else:
        shown = f"{obs.value:g}" if lang == "en" or obs.value is None else f"{obs.value:g}".replace(".", ",")
        value = f"{shown}{suffix}" if obs.value is not None else "–"
    return value if obs.quality == "reported" else f"{value} ({t('quality.' + obs.quality, lang)})"


# ---------------------------------------------------------------------------------------------
# Scores, shares, changes (plain text; the terminal adds its colours)
# ---------------------------------------------------------------------------------------------


def md_score(score: float | None, flagged: bool, lang: str, low: bool = False) -> str:
    """A score with its marks, for Markdown: `72.5†\\*`."""
    if score is None:
        return t("no_score", lang)
    return number(score, lang) + (DAGGER if flagged else "") + ("\\" + LOW_MARK if low else "")


def share_text(share: float | None, lang: str) -> str:
    """A share (0-1) as a whole percentage: `75%`."""
    return t("no_score", lang) if share is None else f"{number(100 * share, lang, 0)}%"


def change_text(change: float | None, lang: str) -> str:
    """`▲2.5`, `▼1.0`, `=` for no change (to one decimal), a space when there is nothing to compare."""
    if change is None:
        return " "
    if round(change, 1) == 0:
        return "="
    return ("▲" if change > 0 else "▼") + number(abs(change), lang)


def signed(change: float, lang: str) -> str:
    return ("+" if change > 0 else "−") + number(abs(change), lang)


def decimal(value: float, lang: str) -> str:
    """A threshold or setting as written in the framework (0.95, −0.1), with the reader's decimal mark."""
    text = f"{value:g}".replace("-", "−")
    return text.replace(".", ",") if lang == "vi" else text


# ---------------------------------------------------------------------------------------------
# The scoreboard's rows, for every medium
# ---------------------------------------------------------------------------------------------

Cell = TypeVar("Cell")


@dataclass(frozen=True)
class BoardCells(Generic[Cell]):
    """How one medium writes the scoreboard's cells (rich `Text` in the terminal, text in Markdown)."""

    text: Callable[[str], Cell]
    label: Callable[[str], Cell]  # the national row's name, set apart
    score: Callable[[float | None, bool, bool], Cell]  # score, flagged (†), low coverage (*)
    change: Callable[[float | None], Cell]
    share: Callable[[float | None], Cell]
    blank: Cell


def board_rows(
    dataset: Dataset, sb: Scoreboard, domains: Sequence[str], lang: str, cells: BoardCells[Cell]
) -> tuple[list[list[Cell]], list[Cell]]:
    """The scoreboard's province rows and its national row, as every medium prints them: rank,
    name, score, change, the score in each of `domains`, coverage."""
    rows = []
    for rs in sb.regions:
        by_domain = {d.id: d for d in rs.domains}
        row = [
            cells.blank if rs.rank is None else cells.text(str(rs.rank)),
            cells.text(region_name(dataset, rs.region, lang)),
            cells.score(rs.score, rs.flagged, rs.low_coverage),
            cells.change(rs.change),
        ]
        for domain in domains:
            d = by_domain.get(domain)
            row.append(cells.score(d.score if d else None, bool(d and d.flagged), False))
        row.append(cells.share(rs.coverage))
        rows.append(row)
    national = [
        cells.blank,
        cells.label(t("national", lang)),
        cells.score(sb.national_score, sb.national_flagged, sb.national_low_coverage),
        cells.blank,
        *[cells.blank for _ in domains],
        cells.share(sb.national_coverage),
    ]
    return rows, national
