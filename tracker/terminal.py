"""Rich building blocks the terminal views share: coloured cells, footers, whole-word layouts, rendering."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tracker.fmt import (
    DAGGER,
    LEGEND,
    LOW_MARK,
    as_of_source_text,
    change_text,
    one_line,
    share_text,
    shows_mark,
    split_urls,
    status_legend,
    statuses_shown,
)
from tracker.i18n import day, number, t
from tracker.model import Dataset, Framework, Scoring
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


# The colour bands of a 0-100 score: the lowest score of each band and its style, highest first.
BANDS = ((90.0, "bold green"), (70.0, "green"), (50.0, "yellow"), (0.0, "red"))


def band(score: float | None) -> str:
    """Colour band of a 0-100 score."""
    if score is None:
        return "dim"
    return next((style for lowest, style in BANDS if score >= lowest), BANDS[-1][1])


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


def table_footer(
    dataset: Dataset, framework: str, as_of: date, lang: str, shown: Sequence[RenderableType], scores: bool = False
) -> Footer:
    """The usual footer: as-of date and framework, the figure that sets the date, then the legend of
    what `shown` uses."""
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *as_of_source(dataset, as_of, lang)]
    return Footer(lines, shown, lang, framework=dataset.frameworks.get(framework), scores=scores)


def _texts(renderable: object) -> Iterator[tuple[bool, str]]:
    """(is a header, text) of every header, cell and note a renderable shows, before any wrapping."""
    if isinstance(renderable, Table):
        for column in renderable.columns:
            if isinstance(column.header, (str, Text)):
                yield True, str(column.header)
            for cell in column.cells:
                if isinstance(cell, (str, Text)):
                    yield False, str(cell)
    elif isinstance(renderable, Text | str):
        yield False, str(renderable)
    elif isinstance(renderable, WholeWords):
        yield from _texts(renderable.table)
    elif isinstance(renderable, FirstThatFits):
        for choice in [renderable.chosen] if renderable.chosen is not None else renderable.choices:
            yield from _texts(choice)
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from _texts(part)


def legend(
    shown: Sequence[RenderableType], lang: str, framework: Framework | None = None, own: Mapping[str, str] | None = None
) -> list[str]:
    """A line for each mark and abbreviation of fmt.LEGEND that `shown` uses, in that order, then one
    for the statuses it shows; `own` replaces a mark's usual line with a table's own (with counts)."""
    headers: list[str] = []
    lines: list[str] = []
    for is_header, text in (item for part in shown for item in _texts(part)):
        (headers if is_header else lines).extend(text.split("\n") if not is_header else [text])
    own = own or {}
    result = [own.get(name) or t(f"legend.{name}", lang) for name in LEGEND if shows_mark(name, headers, lines, lang)]
    statuses = statuses_shown(lines, lang)
    if statuses:
        scoring = framework.scoring if framework is not None else Scoring()
        result.append(status_legend(statuses, lang, scoring.on_track, scoring.fair, scoring.deteriorating))
    return result


ITEM_SEPARATOR = " · "


def keep_items(line: str, width: int) -> list[str]:
    """A line of items joined by ` · ` (`0: 33 · 1: 1 · 2: 0`), broken between items where it is
    wider than `width` (the separator is dropped at the break), so that no item is split across
    lines; an item wider than the width alone is left to the console."""
    if cell_len(line) <= width:
        return [line]
    items = line.split(ITEM_SEPARATOR)
    parts = [items[0]]
    for item in items[1:]:
        joined = parts[-1] + ITEM_SEPARATOR + item
        if cell_len(joined) > width:
            parts.append(item)
        else:
            parts[-1] = joined
    return parts


class Footer:
    """A table's footer, dim: its own lines (as-of date, framework, the figure that sets the date),
    the legend of the marks and abbreviations the table shows (see `legend`), and, on a console
    that shows colours, what the colours of scores (`scores`) and bold figures (`fresh`) mean."""

    def __init__(
        self,
        lines: Sequence[str],
        shown: Sequence[RenderableType],
        lang: str,
        *,
        framework: Framework | None = None,
        own: Mapping[str, str] | None = None,
        after: Sequence[str] = (),
        scores: bool = False,
        fresh: bool = False,
    ) -> None:
        self.lines, self.after, self.shown, self.own = list(lines), list(after), list(shown), own
        self.lang, self.framework, self.scores, self.fresh = lang, framework, scores, fresh

    def text(self) -> str:
        """The footer's lines without the colour legends; a table laid out by `FirstThatFits` has
        chosen its layout by then when the footer is printed after it."""
        return "\n".join([*self.lines, *legend(self.shown, self.lang, self.framework, self.own), *self.after])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.text().split("\n")
        text = Text("\n".join(part for line in lines for part in keep_items(line, options.max_width)), style="dim")
        if console.color_system is not None and self.fresh:
            text.append("\n" + t("legend.fresh", self.lang), style="bold")
        if console.color_system is not None and not console.no_color and self.scores:
            text.append("\n" + t("legend.colours", self.lang), style="dim")
            for lowest, style in BANDS:
                lowest_shown = number(lowest, self.lang, 0)
                label = (
                    f"≥ {lowest_shown}"
                    if lowest
                    else t("legend.below", self.lang, value=number(BANDS[-2][0], self.lang, 0))
                )
                text.append(" " + label, style=style)
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, Text(self.text()))


def source_lines(label: str, source: str, style: str = "dim", sep: str = ":") -> list[Text]:
    """`label: source` for a list under a table: the prose wraps between words, and each URL of the
    source has a line of its own that is never split, however wide (it runs past the width rather
    than breaking, so it can be copied or clicked whole)."""
    lines: list[Text] = []
    head = label + sep
    for piece, is_url in split_urls(one_line(source)):
        if is_url:
            if head:
                lines.append(Text(head, style=style))
                head = ""
            lines.append(Text("  " + piece, style=style, no_wrap=True, overflow="ignore"))
        elif piece.strip(" ,;"):
            lines.append(Text((head + " " if head else "") + piece.strip(), style=style))
            head = ""
    if head:
        lines.append(Text(head, style=style))
    return lines


class FirstThatFits:
    """The first renderable whose natural (unwrapped) width fits the console, else the last one."""

    def __init__(self, *choices: RenderableType) -> None:
        self.choices = choices
        self.chosen: RenderableType | None = None  # the one shown, once rendered

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.chosen = next(
            (
                choice
                for choice in self.choices[:-1]
                if Measurement.get(console, options.update_width(10_000), choice).maximum <= options.max_width
            ),
            self.choices[-1],
        )
        # Cut at the width: a table of columns that do not wrap may pass it by its last padding,
        # which printing no longer crops (see `source_lines`).
        for line in Segment.split_and_crop_lines(console.render(self.chosen, options), options.max_width, pad=False):
            yield from line


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
    # Not cropped at the width: a URL runs past it rather than being cut (see `source_lines`).
    console.print(renderable, crop=False)
    return buffer.getvalue()
