"""Rich building blocks the terminal views share: coloured cells, footers, whole-word layouts, rendering."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from tracker.fmt import DAGGER, LOW_MARK, as_of_source_text, change_text, share_text
from tracker.i18n import day, number, t
from tracker.model import Dataset
from tracker.score import LOW_COVERAGE
from tracker.stages import StageResult

STATUS_STYLE = {
    "achieved": "bold green",
    "on-track": "green",
    "fair": "yellow",
    "limited": "dark_orange",
    "deteriorating": "red",
    "missed": "bold red",
    "insufficient-data": "dim",
    "no-data": "dim",
    "no-target": "dim",
}


def band(score: float | None) -> str:
    """Colour band of a 0-100 score."""
    if score is None:
        return "dim"
    if score >= 90:
        return "bold green"
    if score >= 70:
        return "green"
    if score >= 50:
        return "yellow"
    return "red"


def score_cell(score: float | None, flagged: bool, lang: str, low: bool = False) -> Text:
    if score is None:
        return Text(t("no_score", lang), style="dim")
    text = Text(number(score, lang), style=band(score))
    if flagged:
        text.append(DAGGER, style="dim")
    if low:
        text.append(LOW_MARK, style="dim")
    return text


def change_cell(change: float | None, lang: str) -> Text:
    text = change_text(change, lang).strip()
    if change is None or text == "=":
        return Text(text, style="dim")
    return Text(text, style="green" if change > 0 else "red")


def percent_cell(share: float | None, lang: str) -> Text:
    return Text(share_text(share, lang), style="dim" if share is None or share < LOW_COVERAGE else "")


def status_cell(status: str, lang: str) -> Text:
    return Text(t(f"status.{status}", lang), style=STATUS_STYLE.get(status, ""))


def stage_cell(result: StageResult | None) -> Text:
    if result is None:
        return Text("–", style="dim")
    text = Text(str(result.stage), style="bold")
    if result.flagged:
        text.append(DAGGER, style="dim")
    return text


def as_of_source(dataset: Dataset, as_of: date, lang: str) -> list[str]:
    """The footer line naming the observation that sets the as-of date, when it does (see
    export.as_of_source_text); empty for any other date."""
    text = as_of_source_text(dataset, as_of, lang)
    return [text] if text else []


def table_footer(dataset: Dataset, framework: str, as_of: date, lang: str, flagged: bool) -> Text:
    """The footer of a table that had none: as-of date and framework, the figure that sets the
    date, and the dagger's meaning when one is shown."""
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *as_of_source(dataset, as_of, lang)]
    if flagged:
        lines.append(t("footer.flag", lang))
    return Text("\n".join(lines), style="dim")


class FirstThatFits:
    """The first renderable whose natural (unwrapped) width fits the console, else the last one."""

    def __init__(self, *choices: RenderableType) -> None:
        self.choices = choices

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for choice in self.choices[:-1]:
            if Measurement.get(console, options.update_width(10_000), choice).maximum <= options.max_width:
                yield choice
                return
        yield self.choices[-1]


class WholeWords:
    """A table laid out at the width it is printed at so that no word or number is split and no
    column is cut: the other columns get their natural width when it fits, else what their longest
    word needs (and more as room allows), and the name column (`flexible`) gets the rest."""

    def __init__(self, table: Table, flexible: int = 0) -> None:
        self.table = table
        self.flexible = flexible

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len

        columns = self.table.columns
        natural, longest = [], []
        for column in columns:
            texts = [
                c.plain if isinstance(c, Text) else c
                for c in [column.header, *column.cells]
                if isinstance(c, (str, Text))
            ]
            natural.append(max((cell_len(line) for text in texts for line in text.split("\n")), default=1))
            longest.append(max((cell_len(word) for text in texts for word in text.split()), default=1))
        # Each column's padding (none at the edges without pad_edge), then the box: the edges and
        # one separator between columns.
        n, edge = len(columns), (2 if self.table.pad_edge else 0)
        room = options.max_width - self.table._extra_width - (2 * n - 2 + edge)
        if sum(natural) <= room:
            yield self.table
            return
        if sum(longest) > room:
            # Whole words need more than the usual gaps allow: one space of padding between
            # columns instead of two (the box's separator still keeps them apart).
            self.table.collapse_padding = True
            room = options.max_width - self.table._extra_width - (n - 1 + edge)
        widths = list(longest)
        spare = room - sum(widths)
        # Give the fixed columns their natural width, narrowest need first, while the name column
        # keeps at least its own longest word and a quarter of the width.
        keep = max(longest[self.flexible], room // 4)
        for i in sorted(range(len(columns)), key=lambda i: natural[i] - longest[i]):
            if i == self.flexible:
                continue
            more = min(natural[i] - widths[i], max(spare - (keep - widths[self.flexible]), 0))
            widths[i] += more
            spare -= more
        widths[self.flexible] += max(spare, 0)
        for column, width in zip(columns, widths, strict=False):
            column.width = width
            column.no_wrap = False
            column.overflow = "fold"
        yield self.table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)


def render(renderable: RenderableType, width: int = 100, color: bool = False) -> str:
    """Render to a string, as the golden-file tests and `--format table` to a file see it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        legacy_windows=False,
        highlight=False,
    )
    console.print(renderable)
    return buffer.getvalue()
