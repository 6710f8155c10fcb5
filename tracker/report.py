"""Rich tables for the terminal: scoreboard, one province, gaps, one indicator's ranking."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from tracker.compare import BenchmarkRow
from tracker.completeness import Cell, Completeness
from tracker.export import as_of_source_text
from tracker.i18n import CATALOGUE, day, number, t, to_go
from tracker.model import Dataset, Framework, Region, period_end
from tracker.national import NationalFigure, Scoreboard
from tracker.score import LOW_COVERAGE, IndicatorResult, RegionScore, observation_counts
from tracker.series import Point, partial_periods, points_of
from tracker.stages import CriterionResult, StageResult, maturity_stage, stage_counts

DAGGER = "†"
DERIVED = "Σ"  # a figure pooled from the former provinces' figures


def _unit(unit: str, lang: str) -> str:
    """A unit as a reader of `lang` writes it (`phút` for minutes in Vietnamese), from the catalogue."""
    key = f"unit.{unit}"
    return t(key, lang) if key in CATALOGUE["en"] else unit
def _noun(dataset: Dataset, indicator_id: str, lang: str) -> str | None:
    """What a ratio indicator counts (`hospitals`, `bệnh viện`), for "11 hospitals to go"; None if not given."""
    ind = dataset.indicators.get(indicator_id)
    return ind.counted_in(lang) if ind is not None else None


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


def region_name(region: Region, lang: str) -> str:
    return region.name.vi if lang == "vi" else region.name.en


def _score_cell(score: float | None, flagged: bool, lang: str, low: bool = False) -> Text:
    if score is None:
        return Text(t("no_score", lang), style="dim")
    text = Text(number(score, lang), style=band(score))
    if flagged:
        text.append(DAGGER, style="dim")
    if low:
        text.append("*", style="dim")
    return text


def _change_cell(change: float | None, lang: str) -> Text:
    if change is None or round(change, 1) == 0:
        return Text("" if change is None else "=", style="dim")
    arrow, style = ("▲", "green") if change > 0 else ("▼", "red")
    return Text(f"{arrow}{number(abs(change), lang)}", style=style)


def as_of_source(dataset: Dataset, as_of: date, lang: str) -> list[str]:
    """The footer line naming the observation that sets the as-of date, when it does (see
    export.as_of_source_text); empty for any other date."""
    text = as_of_source_text(dataset, as_of, lang)
    return [text] if text else []


def _footer(dataset: Dataset, framework: str, as_of: date, lang: str) -> Text:
    flagged, total = observation_counts(dataset, as_of)
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *as_of_source(dataset, as_of, lang), t("footer.change", lang)]
    if flagged:
        lines.append(t("footer.illustrative", lang, flagged=flagged, total=total))
    lines.append("* " + t("footer.lowcov", lang))
    return Text("\n".join(lines), style="dim")


def scoreboard_table(sb: Scoreboard, dataset: Dataset, lang: str = "vi") -> RenderableType:
    """One row per province: rank, name, overall score with change, each domain, coverage; national row last.

    Domains no province has a score in (no target in this framework) are left out, so the board
    fits an 80-column terminal. With maturity stages, each province's stage is a last column when
    the board still fits the terminal at its natural width with it, and the footer counts the
    provinces per stage."""
    stages = {rs.region: maturity_stage(dataset, rs.region, sb.as_of) for rs in sb.regions} if dataset.maturity else {}
    footer = _footer(dataset, sb.framework, sb.as_of, lang)
    if not stages:
        return Group(_board(sb, dataset, lang, {}), footer)
    footer.append("\n" + _stage_counts_line(dataset, [r for r in stages.values() if r is not None], lang), style="dim")
    return Group(_FirstThatFits(_board(sb, dataset, lang, stages), _board(sb, dataset, lang, {})), footer)


class _FirstThatFits:
    """The first renderable whose natural (unwrapped) width fits the console, else the last one."""

    def __init__(self, *choices: RenderableType) -> None:
        self.choices = choices

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for choice in self.choices[:-1]:
            if Measurement.get(console, options.update_width(10_000), choice).maximum <= options.max_width:
                yield choice
                return
        yield self.choices[-1]


def _board(sb: Scoreboard, dataset: Dataset, lang: str, stages: dict[str, StageResult | None]) -> Table:
    domains = [d for d in dataset.domains.values() if any(ds.id == d.id and ds.score is not None for rs in sb.regions for ds in rs.domains)]
    table = Table(title=t("title.report", lang), box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, padding=(0, 1))
    table.add_column(t("col.rank", lang), justify="right", no_wrap=True)
    table.add_column(t("col.province", lang), no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column(t("col.score", lang), justify="right", no_wrap=True)
    table.add_column("±", justify="right", no_wrap=True)
    for domain in domains:
        label = domain.name.vi if lang == "vi" else domain.name.en
        table.add_column(label, justify="right")
    table.add_column(t("col.coverage", lang), justify="right", no_wrap=True)
    if stages:
        table.add_column(t("col.stage_short", lang), justify="right", no_wrap=True)
    for rs in sb.regions:
        by_domain = {d.id: d for d in rs.domains}
        cells: list[RenderableType] = [
            str(rs.rank) if rs.rank is not None else "",
            region_name(dataset.regions[rs.region], lang),
            _score_cell(rs.score, rs.flagged, lang, rs.low_coverage),
            _change_cell(rs.change, lang),
        ]
        for domain in domains:
            d = by_domain.get(domain.id)
            cells.append(_score_cell(d.score if d else None, bool(d and d.flagged), lang))
        cells.append(_percent(rs.coverage, lang))
        if stages:
            cells.append(_stage_cell(stages.get(rs.region)))
        table.add_row(*cells)
    table.add_section()
    table.add_row(
        "",
        Text(t("national", lang), style="bold"),
        _score_cell(sb.national_score, sb.national_flagged, lang, sb.national_coverage is not None and sb.national_coverage < LOW_COVERAGE),
        "",
        *["" for _ in domains],
        _percent(sb.national_coverage, lang),
        *([""] if stages else []),
    )
    return table


def _stage_counts_line(dataset: Dataset, results: list[StageResult], lang: str) -> str:
    """`Stages: 0: 4 · 1: 17† · 2: 13† ...`: how many of the listed regions are at each stage."""
    counts = stage_counts(dataset, results)
    return t("stage.counts", lang, counts=" · ".join(f"{c.stage}: {c.regions}{DAGGER if c.flagged else ''}" for c in counts))


def _percent(share: float | None, lang: str) -> Text:
    if share is None:
        return Text("–", style="dim")
    return Text(f"{number(100 * share, lang, 0)}%", style="dim" if share < 0.5 else "")


def _indicator_name(dataset: Dataset, indicator_id: str, lang: str) -> str:
    ind = dataset.indicators.get(indicator_id)
    if ind is None:
        return indicator_id
    return ind.name.vi if lang == "vi" else ind.name.en


def _value(dataset: Dataset, indicator_id: str, value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    unit = dataset.indicators[indicator_id].unit
    if unit == "percent":
        return f"{number(value, lang)}%"
    if unit == "count":
        return number(value, lang, 0)
    return f"{number(value, lang)} {_unit(unit, lang)}"


def _status(status: str, lang: str) -> Text:
    return Text(t(f"status.{status}", lang), style=STATUS_STYLE.get(status, ""))


def _status_and_year(r: IndicatorResult, lang: str) -> Text:
    text = _status(r.status, lang)
    if r.projected_year is not None and r.status not in ("achieved",):
        text.append(f"\n→ {r.projected_year}", style="dim")
    return text


def _point(dataset: Dataset, indicator_id: str, point: Point | None, lang: str) -> str:
    """`50.0% 30/60 (2019-12)`, with † when the figure is not a reported one and Σ when it is
    derived from the former provinces' figures."""
    if point is None:
        return "–"
    return f"{_figure(dataset, indicator_id, point, lang)} ({point.period})"


def _figure(dataset: Dataset, indicator_id: str, point: Point, lang: str) -> str:
    """`50.0% 30/60`, with its marks."""
    value = _value(dataset, indicator_id, point.value, lang)
    counts = ""
    if point.numerator is not None and point.denominator is not None:
        counts = f" {point.numerator}/{point.denominator}"
    return f"{value}{counts}" + (DAGGER if point.flagged else "") + (DERIVED if point.derived else "")


def indicator_table(dataset: Dataset, rs: RegionScore, lang: str = "vi") -> Table:
    """One province, one row per indicator; the baseline sits under the latest value to fit 80 columns."""
    region = dataset.regions[rs.region]
    table = Table(title=t("title.show", lang, name=region_name(region, lang)), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.indicator", lang), overflow="fold", min_width=12)
    table.add_column(f"{t('col.latest', lang)} / {t('col.baseline', lang)}", overflow="fold", min_width=12)
    table.add_column(t("col.target", lang), no_wrap=True)
    table.add_column(t("col.attainment", lang), justify="right", no_wrap=True)
    table.add_column(t("col.gap", lang), justify="right", overflow="fold", min_width=5)
    table.add_column(f"{t('col.status', lang)} / {t('col.projected', lang)}", no_wrap=True)
    for r in rs.indicators:
        name = Text(_indicator_name(dataset, r.indicator, lang))
        target = "–"
        if r.target is not None:
            target = f"{_value(dataset, r.indicator, r.target.value, lang)}\n{day(r.target.by, lang)}"
        gap = _value(dataset, r.indicator, r.gap, lang) if r.gap is not None else "–"
        if r.gap_count:
            gap += "\n" + to_go("to_go", lang, r.gap_count, _noun(dataset, r.indicator, lang))
        latest = Text(_point(dataset, r.indicator, r.latest, lang))
        if r.baseline is not None and r.baseline is not r.latest and r.baseline != r.latest:
            latest.append("\n← " + _point(dataset, r.indicator, r.baseline, lang), style="dim")
        status = _status_and_year(r, lang)
        if status_flagged(r):
            status.append(DAGGER, style="dim")
        table.add_row(
            name,
            latest,
            target,
            _score_cell(r.attainment, False, lang),
            gap,
            status,
        )
    return table


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
            texts = [c.plain if isinstance(c, Text) else c for c in [column.header, *column.cells] if isinstance(c, (str, Text))]
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
        for column, width in zip(columns, widths):
            column.width = width
            column.no_wrap = False
            column.overflow = "fold"
        yield self.table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)


def status_flagged(r: IndicatorResult) -> bool:
    """Whether a status (and projection) rests on a figure that is not reported: `achieved` looks at
    the latest figure only; the others, and their projections, also at the baseline."""
    if r.latest is None or r.status in ("no-data", "no-target"):
        return False
    return r.latest.flagged if r.status == "achieved" else r.flagged


def former_view(dataset: Dataset, rs: RegionScore, lang: str = "vi") -> Text:
    """For a merged province: each figure derived from the former provinces with its parts, and each
    period only some of them report (shown, never used)."""
    region = dataset.regions[rs.region]
    text = Text()
    if not region.merged:
        return text
    for r in rs.indicators:
        indicator = dataset.indicators[r.indicator]
        derived = [p for p in points_of(region, indicator) if p.derived]
        for point in derived:
            parts = " + ".join(
                f"{region.former[part.former].name.vi} {_figure(dataset, r.indicator, part.point, lang)}" for part in point.parts
            )
            text.append(t("show.derived", lang, indicator=r.indicator, period=point.period,
                          value=_figure(dataset, r.indicator, point, lang), parts=parts) + "\n")
        for partial in partial_periods(region, indicator):
            have = ", ".join(region.former[f].name.vi for f in partial.have) or "–"
            missing = ", ".join(region.former[f].name.vi for f in partial.missing)
            text.append(t("show.partial", lang, indicator=r.indicator, period=partial.period, have=len(partial.have),
                          of=len(region.former), names=have, missing=missing) + "\n", style="dim")
    if text:
        text = Text(t("show.former_title", lang) + "\n", style="bold") + text
    return text


def events_view(region: Region, lang: str = "vi", limit: int = 8) -> Text:
    """The region's dated events, newest first (at most `limit`, saying how many more there are)."""
    events = sorted(region.events, key=lambda e: period_end(e.date), reverse=True)
    if not events:
        return Text()
    text = Text(t("show.events_title", lang) + "\n", style="bold")
    for event in events[:limit]:
        words = event.text.vi if lang == "vi" else event.text.en
        text.append(f"{event.date:<10}  ", style="dim")
        text.append(words + "\n")
    if len(events) > limit:
        text.append(t("show.events_more", lang, count=len(events) - limit) + "\n", style="dim")
    return text


def domain_table(dataset: Dataset, rs: RegionScore, lang: str = "vi") -> Table:
    table = Table(title=t("title.domains", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.domain", lang))
    table.add_column(t("col.score", lang), justify="right")
    table.add_column(t("col.coverage", lang), justify="right")
    for d in rs.domains:
        domain = dataset.domains.get(d.id)
        label = (domain.name.vi if lang == "vi" else domain.name.en) if domain else d.id
        table.add_row(label, _score_cell(d.score, d.flagged, lang), _percent(d.coverage, lang))
    table.add_section()
    table.add_row(Text(t("col.score", lang), style="bold"), _score_cell(rs.score, rs.flagged, lang, rs.low_coverage), _percent(rs.coverage, lang))
    return table


def sources_list(dataset: Dataset, rs: RegionScore, lang: str = "vi", quotes: bool = False) -> Text:
    """The source of each latest figure shown (of each part of a derived one), so every number can be
    traced; with `quotes`, the sentence of the source that states it."""
    text = Text()
    for r in rs.indicators:
        if r.latest is None:
            continue
        labelled = [(r.latest, "")] if not r.latest.derived else [(part.point, f" {part.former}") for part in r.latest.parts]
        for point, whose in labelled:
            quality = "" if point.quality == "reported" else f" [{t('quality.' + point.quality, lang)}]"
            text.append(f"{r.indicator}{whose} {point.period}: {point.source}{quality}\n", style="dim")
            if quotes and point.quote:
                text.append(f"    “{point.quote}”\n", style="italic")
    return text


def show_view(
    dataset: Dataset, rs: RegionScore, framework: Framework, as_of: date, lang: str = "vi", notes: Iterable[str] = (),
    quotes: bool = False,
) -> RenderableType:
    parts: list[RenderableType] = [Text(note, style="italic") for note in notes]
    stage = maturity_stage(dataset, rs.region, as_of)
    if stage is not None:
        parts.append(Text(t("stage.show", lang, stage=stage_label(stage, lang), next=next_text(dataset, stage, lang))))
    parts += [WholeWords(indicator_table(dataset, rs, lang)), domain_table(dataset, rs, lang)]
    region = dataset.regions[rs.region]
    for extra in (former_view(dataset, rs, lang), events_view(region, lang), sources_list(dataset, rs, lang, quotes)):
        if extra:
            parts.append(extra)
    parts.append(_footer_short(rs, framework.id, as_of, lang, as_of_source(dataset, as_of, lang)))
    return Group(*parts)


def _footer_short(rs: RegionScore, framework: str, as_of: date, lang: str, source: Iterable[str] = ()) -> Text:
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *source]
    flagged = sum(r.flagged for r in rs.indicators)
    if flagged:
        lines.append(t("footer.illustrative_short", lang, flagged=flagged, total=len(rs.indicators)))
    if any(r.latest is not None and r.latest.derived for r in rs.indicators):
        lines.append(t("footer.derived", lang))
    return Text("\n".join(lines), style="dim")


def _table_footer(dataset: Dataset, framework: str, as_of: date, lang: str, flagged: bool) -> Text:
    """The footer of a table that had none: as-of date and framework, the figure that sets the
    date, and the dagger's meaning when one is shown."""
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *as_of_source(dataset, as_of, lang)]
    if flagged:
        lines.append(t("footer.flag", lang))
    return Text("\n".join(lines), style="dim")


def gaps_table(
    dataset: Dataset, results: list[IndicatorResult], lang: str = "vi", framework: str | None = None, as_of: date | None = None
) -> RenderableType:
    """The largest gaps, worst first; with `framework` and `as_of`, a footer saying what they are."""
    table = Table(title=t("title.gaps", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.province", lang), overflow="fold")
    table.add_column(t("col.indicator", lang), overflow="fold")
    table.add_column(t("col.latest", lang), justify="right", overflow="fold")
    table.add_column(f"{t('col.target', lang)} / {t('col.due', lang)}", justify="right", overflow="fold")
    table.add_column(t("col.gap", lang), justify="right", overflow="fold")
    table.add_column(t("col.status", lang), no_wrap=True)
    for r in results:
        name = Text(region_name(dataset.regions[r.region], lang))
        if r.flagged:
            name.append(f" {DAGGER}", style="dim")
        gap = _value(dataset, r.indicator, r.gap, lang)
        if r.gap_count:
            gap += "\n" + to_go("to_go", lang, r.gap_count, _noun(dataset, r.indicator, lang))
        target = "–"
        if r.target is not None:
            target = f"{_value(dataset, r.indicator, r.target.value, lang)}\n{day(r.target.by, lang)}"
        latest = "–" if r.latest is None else f"{_value(dataset, r.indicator, r.latest.value, lang)}\n{r.latest.period}"
        table.add_row(
            name,
            _indicator_name(dataset, r.indicator, lang),
            latest,
            target,
            gap,
            _status(r.status, lang),
        )
    if framework is None or as_of is None:
        return WholeWords(table, flexible=1)
    return Group(WholeWords(table, flexible=1), _table_footer(dataset, framework, as_of, lang, any(r.flagged for r in results)))


def rank_table(
    dataset: Dataset, indicator_id: str, rows: list[tuple[int | None, IndicatorResult]], national: NationalFigure | None,
    lang: str = "vi", framework: str | None = None, as_of: date | None = None,
) -> RenderableType:
    """Provinces on one indicator, best first, the pooled national figure last; with `framework`
    and `as_of`, a footer saying what they are."""
    footer = [] if framework is None or as_of is None else [
        _table_footer(dataset, framework, as_of, lang, any(r.latest is not None and r.latest.flagged for _, r in rows))
    ]
    table = Table(title=t("title.rank", lang, indicator=_indicator_name(dataset, indicator_id, lang)), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.rank", lang), justify="right", no_wrap=True)
    table.add_column(t("col.province", lang), overflow="fold", min_width=14)
    table.add_column(t("col.value", lang), justify="right", no_wrap=True)
    table.add_column(t("col.period", lang), no_wrap=True)
    table.add_column(t("col.attainment", lang), justify="right", no_wrap=True)
    table.add_column(t("col.status", lang), no_wrap=True)
    table.add_column(t("col.quality", lang), no_wrap=True)
    for position, r in rows:
        latest = r.latest
        table.add_row(
            str(position) if position is not None else "",
            region_name(dataset.regions[r.region], lang),
            _value(dataset, indicator_id, latest.value if latest else None, lang),
            latest.period if latest else "–",
            _score_cell(r.attainment, False, lang),
            _status(r.status, lang),
            (t("quality." + latest.quality, lang) + (f" {DAGGER}" if latest.flagged else "")) if latest else "–",
        )
    if national is None:
        return Group(WholeWords(table, flexible=1), *footer)
    table.add_section()
    table.add_row(
        "",
        Text(t("national", lang), style="bold"),
        _value(dataset, indicator_id, national.value, lang),
        f"{national.reporting}/{national.expected}",
        _score_cell(national.attainment, False, lang),
        "",
        DAGGER if national.flagged else "",
    )
    note = f"{t('national', lang)}: {national.reporting}/{national.expected} {t('col.reporting', lang).lower()}"
    if national.reported is not None:
        note += f" · {t('col.national_reported', lang)}: {_point(dataset, indicator_id, national.reported, lang)}"
    return Group(WholeWords(table, flexible=1), Text(note, style="dim"), *footer)


# ---------------------------------------------------------------------------------------------
# Maturity stages
# ---------------------------------------------------------------------------------------------

_OPS = {">=": "≥", "<=": "≤"}


def _threshold(dataset: Dataset, indicator_id: str, value: float, lang: str) -> str:
    """A criterion's threshold as the maturity file states it: 100%, 45 min (not 100.0%)."""
    unit = dataset.indicators[indicator_id].unit
    digits = 0 if value == int(value) else 1
    if unit == "percent":
        return f"{number(value, lang, digits)}%"
    if unit == "count":
        return number(value, lang, digits)
    return f"{number(value, lang, digits)} {_unit(unit, lang)}"


def blocker_text(dataset: Dataset, c: CriterionResult, lang: str) -> str:
    """`paperless-hospitals ≥ 25% (now 12.0%†, 7 hospitals to go)`: the criterion, the figure, the units still needed."""
    values = {"indicator": c.indicator, "op": _OPS.get(c.op, c.op), "value": _threshold(dataset, c.indicator, c.value, lang)}
    if c.current is None:
        return t("stage.blocker_none", lang, **values)
    current = _value(dataset, c.indicator, c.current.value, lang) + (DAGGER if c.current.flagged else "")
    if c.to_go:
        return to_go("stage.blocker_to_go", lang, c.to_go, _noun(dataset, c.indicator, lang), current=current, **values)
    return t("stage.blocker", lang, current=current, **values)


def stage_label(result: StageResult, lang: str) -> str:
    """`Stage 2 — EMR in every hospital†`."""
    name = result.name[1] if lang == "vi" else result.name[0]
    return t("stage.label", lang, stage=result.stage, name=name) + (DAGGER if result.flagged else "")


def next_text(dataset: Dataset, result: StageResult, lang: str) -> str:
    """`next, stage 3: a; b`, or that the region is at the highest stage."""
    if result.next_stage is None:
        return t("stage.top", lang)
    blockers = "; ".join(blocker_text(dataset, c, lang) for c in result.blockers)
    return t("stage.next", lang, stage=result.next_stage, blockers=blockers)


def _stage_cell(result: StageResult | None) -> Text:
    if result is None:
        return Text("–", style="dim")
    text = Text(str(result.stage), style="bold")
    if result.flagged:
        text.append(DAGGER, style="dim")
    return text


def _stage_footer(as_of: date, lang: str, flagged: bool, source: Iterable[str] = ()) -> Text:
    lines = [t("footer.stage", lang, as_of=day(as_of, lang)), *source]
    if flagged:
        lines.append(t("footer.stage_flag", lang))
    return Text("\n".join(lines), style="dim")


def _partial(as_of: date) -> bool:
    """Whether the as-of year is cut short (its column is then the stage at as-of, not at year end)."""
    return (as_of.month, as_of.day) != (12, 31)


def _year_label(year: int, as_of: date) -> str:
    return f"{year}*" if year == as_of.year and _partial(as_of) else str(year)


def _count_cell(count: int, flagged: bool) -> Text:
    text = Text(str(count), style="" if count else "dim")
    if flagged and count:
        text.append(DAGGER, style="dim")
    return text


def stage_table(
    dataset: Dataset,
    results: list[StageResult],
    history: dict[str, list[tuple[int, StageResult]]],
    as_of: date,
    lang: str = "vi",
) -> RenderableType:
    """Every region's stage (highest first) with what blocks the next one; then the count per stage by year.

    `history` maps each region to its (year, result) list over the same years, the last at as-of."""
    table = Table(title=t("title.stage", lang), box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column(t("col.province", lang), no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column(t("col.stage_short", lang), justify="right", no_wrap=True)
    table.add_column(t("col.blockers", lang), overflow="fold")
    for r in sorted(results, key=lambda r: (-r.stage, r.region)):
        blockers = "\n".join(blocker_text(dataset, c, lang) for c in r.blockers) if r.blockers else t("stage.top", lang)
        table.add_row(region_name(dataset.regions[r.region], lang), _stage_cell(r), blockers)

    years = sorted({year for rows in history.values() for year, _ in rows})
    counts = Table(title=t("title.stage_years", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    counts.add_column(t("col.stage", lang), overflow="fold")
    for year in years:
        counts.add_column(_year_label(year, as_of), justify="right", no_wrap=True)
    by_year = {year: [res for rows in history.values() for y, res in rows if y == year] for year in years}
    per_year = {year: stage_counts(dataset, by_year[year]) for year in years}
    for i, count in enumerate(stage_counts(dataset, results)):
        name = count.name[1] if lang == "vi" else count.name[0]
        cells: list[RenderableType] = [f"{count.stage} {name}"]
        cells += [_count_cell(per_year[year][i].regions, per_year[year][i].flagged) for year in years]
        counts.add_row(*cells)
    flagged = any(r.flagged for r in results) or any(res.flagged for rows in history.values() for _, res in rows)
    footer = _stage_footer(as_of, lang, flagged, as_of_source(dataset, as_of, lang))
    if as_of.year in years and _partial(as_of):
        footer.append("\n" + t("footer.stage_partial", lang, as_of=day(as_of, lang)), style="dim")
    return Group(table, counts, footer)


def stage_region_view(
    dataset: Dataset, result: StageResult, history: list[tuple[int, StageResult]], as_of: date, lang: str = "vi"
) -> RenderableType:
    """One region: its stage, each criterion that blocks the next one, and its stage at the end of each year."""
    region = dataset.regions[result.region]
    parts: list[RenderableType] = [
        Text(t("title.stage_one", lang, name=region_name(region, lang)), style="bold"),
        Text(stage_label(result, lang), style="bold"),
    ]
    if result.next_stage is None:
        parts.append(Text(t("stage.top", lang)))
    else:
        stage = next((s for s in dataset.maturity.stages if s.stage == result.next_stage), None) if dataset.maturity else None
        name = (stage.name.vi if lang == "vi" else stage.name.en) if stage else ""
        parts.append(Text(t("stage.next_named", lang, stage=result.next_stage, name=name)))
        for c in result.blockers:
            parts.append(Text("  • " + blocker_text(dataset, c, lang)))
    table = Table(title=t("title.stage_history", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.year", lang), no_wrap=True)
    table.add_column(t("col.stage", lang), overflow="fold")
    for year, r in history:
        table.add_row(_year_label(year, as_of), stage_label(r, lang))
    if history:
        parts += [Text(""), table]
    footer = _stage_footer(as_of, lang, result.flagged or any(r.flagged for _, r in history), as_of_source(dataset, as_of, lang))
    if history and history[-1][0] == as_of.year and _partial(as_of):
        footer.append("\n" + t("footer.stage_partial", lang, as_of=day(as_of, lang)), style="dim")
    parts.append(footer)
    return Group(*parts)


# ---------------------------------------------------------------------------------------------
# Comparison with a benchmark
# ---------------------------------------------------------------------------------------------


def _distance(dataset: Dataset, indicator_id: str, gap: float | None, count: int | None, lang: str) -> str:
    """The distance still to go: `13.8 pp`, `40.0 min`, with `6 hospitals to go` for a ratio; `reached` at 0."""
    if gap is None:
        return "–"
    if gap == 0:
        return t("compare.reached", lang)
    if dataset.indicators[indicator_id].unit == "percent":
        text = f"{number(gap, lang)} {t('unit.pp', lang)}"
    else:
        text = _value(dataset, indicator_id, gap, lang)
    return text + ("\n" + to_go("to_go", lang, count, _noun(dataset, indicator_id, lang)) if count else "")


def compare_table(
    dataset: Dataset, region_id: str, framework: Framework, rows: list[BenchmarkRow], as_of: date, lang: str = "vi"
) -> RenderableType:
    """A region beside a benchmark: latest figure, benchmark value (numbered source), distance, year reached.

    For the country the figure is the one pooled over the provinces, with the reported one under it."""
    region = dataset.regions[region_id]
    country = region.level == "country"
    benchmark_name = framework.name.vi if lang == "vi" else framework.name.en
    table = Table(title=t("title.compare", lang, name=region_name(region, lang), benchmark=benchmark_name), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.indicator", lang), overflow="fold", min_width=12)
    table.add_column(t("national", lang) if country else region_name(region, lang), overflow="fold", min_width=10)
    table.add_column(t("col.benchmark", lang), overflow="fold", min_width=10)
    table.add_column(t("col.distance", lang), justify="right", overflow="fold", min_width=8)
    table.add_column(t("col.projected", lang), justify="right", no_wrap=True)
    sources: list[str] = []
    flagged = False
    for row in rows:
        r = row.result
        if r.target is None:
            continue
        iid = row.indicator
        if r.target.source not in sources:
            sources.append(r.target.source)
        mark = f"[{sources.index(r.target.source) + 1}]"
        benchmark = f"{_threshold(dataset, iid, r.target.value, lang)} {mark}\n{day(r.target.by, lang)}"
        latest = Text(_point_short(dataset, iid, r.latest, lang))
        distance = _distance(dataset, iid, r.gap, r.gap_count, lang)
        flagged = flagged or r.flagged
        if country and row.pooled is not None:
            f = row.pooled
            pooled = Text("–" if f.value is None else _value(dataset, iid, f.value, lang) + (DAGGER if f.flagged else ""))
            pooled.append(" " + t("compare.reporting", lang, reporting=f.reporting, expected=f.expected), style="dim")
            if r.latest is not None:
                pooled.append("\n" + t("compare.reported", lang, value=_point_short(dataset, iid, r.latest, lang)), style="dim")
            latest = pooled
            reported_distance = distance
            distance = _distance(dataset, iid, f.gap, f.gap_count, lang)
            if r.latest is not None:
                distance += "\n(" + reported_distance.replace("\n", ", ") + ")"
            flagged = flagged or f.flagged
        table.add_row(
            Text(_indicator_name(dataset, iid, lang)),
            latest,
            benchmark,
            distance,
            str(r.projected_year) if r.projected_year is not None else "–",
        )
    parts: list[RenderableType] = [table]
    without = [_indicator_name(dataset, row.indicator, lang) for row in rows if row.result.target is None]
    if without:
        parts.append(Text(t("compare.without", lang, items="; ".join(without))))
    if sources:
        notes = Text(t("compare.sources", lang), style="dim")
        for i, source in enumerate(sources, start=1):
            notes.append(f"\n[{i}] {source}", style="dim")
        parts.append(notes)
    lines = [t("footer.compare", lang, as_of=day(as_of, lang), benchmark=framework.id), *as_of_source(dataset, as_of, lang)]
    if country:
        lines.append(t("footer.compare_national", lang))
    if flagged:
        lines.append(t("footer.flag", lang))
    parts.append(Text("\n".join(lines), style="dim"))
    return Group(*parts)


def _point_short(dataset: Dataset, indicator_id: str, point: object, lang: str) -> str:
    """`76.2%† (2025-09-23)`: a figure with its dagger and period."""
    if point is None:
        return "–"
    flag = DAGGER if point.flagged else ""  # type: ignore[attr-defined]
    return f"{_value(dataset, indicator_id, point.value, lang)}{flag} ({point.period})"  # type: ignore[attr-defined]


def render(renderable: RenderableType, width: int = 100, color: bool = False) -> str:
    """Render to a string, as the golden-file tests and `--format table` to a file see it."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None, force_terminal=color, legacy_windows=False, highlight=False)
    console.print(renderable)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Reporting completeness
# ---------------------------------------------------------------------------------------------


def _completeness_cell(cell: Cell | None) -> Text:
    """The year of the latest figure, in two digits (bold when from the last 12 months), † when not
    reported, Σ when pooled from the former provinces; – for a gap."""
    if cell is None:
        return Text("–", style="dim")
    text = Text(f"{cell.end.year % 100:02d}", style="bold" if cell.fresh else "dim")
    if cell.quality != "reported":
        text.append(DAGGER, style="dim")
    if cell.derived:
        text.append(DERIVED, style="dim")
    return text


def completeness_view(dataset: Dataset, report: Completeness, lang: str = "vi") -> RenderableType:
    """Per indicator, how many provinces report it (and recently); then the province × indicator grid."""
    summary = Table(title=t("title.completeness", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    summary.add_column("", justify="right", no_wrap=True)
    summary.add_column(t("col.indicator", lang), overflow="fold", min_width=16)
    summary.add_column(t("col.with_figure", lang), justify="right")
    summary.add_column(t("col.fresh", lang), justify="right")
    summary.add_column(t("col.national_latest", lang), justify="right", no_wrap=True)
    for number_, row in enumerate(report.indicators, start=1):
        national = "–" if row.national is None else row.national.period + (DAGGER if row.national.quality != "reported" else "")
        summary.add_row(
            str(number_), _indicator_name(dataset, row.indicator, lang),
            f"{row.with_figure}/{row.expected}", f"{row.fresh}/{row.expected}", national,
        )
    grid = Table(title=t("title.completeness_grid", lang), box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    grid.add_column(t("col.province", lang), overflow="fold", min_width=10)
    for number_ in range(1, len(report.indicators) + 1):
        grid.add_column(str(number_), justify="right", no_wrap=True)
    for pid, cells in report.cells.items():
        grid.add_row(region_name(dataset.regions[pid], lang), *(_completeness_cell(cell) for cell in cells.values()))
    footer = Text(
        "\n".join(
            [
                t("footer.completeness", lang, as_of=day(report.as_of, lang), since=day(report.fresh_since, lang)),
                *as_of_source(dataset, report.as_of, lang),
                t("footer.marks", lang),
            ]
        ),
        style="dim",
    )
    return Group(summary, grid, footer)


def listing_table(rows: list[dict[str, object]], what: str, lang: str = "vi") -> RenderableType:
    """`tracker list WHAT` as a table: id, name, and what else the listing carries (unit, former
    provinces, kind). The id never wraps, as it is what a command takes."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column(t("col.name", lang), overflow="fold", ratio=1)
    extra = {"indicators": "unit", "provinces": "former", "frameworks": "kind"}[what]
    table.add_column(t(f"col.list_{extra}", lang), overflow="fold")
    for row in rows:
        names = row["name"]
        assert isinstance(names, dict)
        value = row[extra]
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        if extra == "unit":
            shown = _unit(shown, lang)
        table.add_row(str(row["id"]), str(names[lang]), shown)
    return table
