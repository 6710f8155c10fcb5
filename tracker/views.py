"""Terminal views of one question each: gaps, an indicator's ranking, stages, a benchmark, completeness."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.compare import BenchmarkRow
from tracker.completeness import Cell, Completeness
from tracker.fmt import (
    DAGGER,
    SIGMA,
    gap_value,
    indicator_name,
    name_in,
    noun,
    op_sign,
    point_short,
    point_text,
    region_name,
    threshold,
    value_text,
)
from tracker.i18n import day, t, to_go
from tracker.model import Dataset, Framework
from tracker.national import NationalFigure
from tracker.score import IndicatorResult
from tracker.stages import CriterionResult, StageResult, stage_counts
from tracker.terminal import (
    Footer,
    WholeWords,
    as_of_source,
    score_cell,
    source_lines,
    stage_cell,
    status_cell,
    table_footer,
)


def gaps_table(
    dataset: Dataset,
    results: list[IndicatorResult],
    lang: str = "vi",
    framework: str | None = None,
    as_of: date | None = None,
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
        name = Text(region_name(dataset, r.region, lang))
        if r.flagged:
            name.append(f" {DAGGER}", style="dim")
        gap = value_text(dataset, r.indicator, r.gap, lang)
        if r.gap_count:
            gap += "\n" + to_go("to_go", lang, r.gap_count, noun(dataset, r.indicator, lang))
        target = "–"
        if r.target is not None:
            target = f"{value_text(dataset, r.indicator, r.target.value, lang)}\n{day(r.target.by, lang)}"
        latest = (
            "–" if r.latest is None else f"{value_text(dataset, r.indicator, r.latest.value, lang)}\n{r.latest.period}"
        )
        table.add_row(
            name,
            indicator_name(dataset, r.indicator, lang),
            latest,
            target,
            gap,
            status_cell(r.status, lang),
        )
    if framework is None or as_of is None:
        return WholeWords(table, flexible=1)
    return Group(WholeWords(table, flexible=1), table_footer(dataset, framework, as_of, lang, [table]))


def rank_table(
    dataset: Dataset,
    indicator_id: str,
    rows: list[tuple[int | None, IndicatorResult]],
    national: NationalFigure | None,
    lang: str = "vi",
    framework: str | None = None,
    as_of: date | None = None,
) -> RenderableType:
    """Provinces on one indicator, best first, the pooled national figure last; with `framework`
    and `as_of`, a footer saying what they are."""
    table = Table(
        title=t("title.rank", lang, indicator=indicator_name(dataset, indicator_id, lang)),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
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
            region_name(dataset, r.region, lang),
            value_text(dataset, indicator_id, latest.value if latest else None, lang),
            latest.period if latest else "–",
            score_cell(r.attainment, False, lang),
            status_cell(r.status, lang),
            (t("quality." + latest.quality, lang) + (f" {DAGGER}" if latest.flagged else "")) if latest else "–",
        )
    if national is None:
        return Group(WholeWords(table, flexible=1), *_rank_footer(dataset, framework, as_of, lang, [table]))
    table.add_section()
    table.add_row(
        "",
        Text(t("national", lang), style="bold"),
        value_text(dataset, indicator_id, national.value, lang),
        f"{national.reporting}/{national.expected}",
        score_cell(national.attainment, False, lang),
        "",
        DAGGER if national.flagged else "",
    )
    note = f"{t('national', lang)}: {national.reporting}/{national.expected} {t('col.reporting', lang).lower()}"
    if national.reported is not None:
        note += f" · {t('col.national_reported', lang)}: {point_text(dataset, indicator_id, national.reported, lang)}"
    shown: list[RenderableType] = [table, Text(note, style="dim")]
    return Group(WholeWords(table, flexible=1), shown[1], *_rank_footer(dataset, framework, as_of, lang, shown))


def _rank_footer(
    dataset: Dataset, framework: str | None, as_of: date | None, lang: str, shown: list[RenderableType]
) -> list[RenderableType]:
    if framework is None or as_of is None:
        return []
    return [table_footer(dataset, framework, as_of, lang, shown, scores=True)]


# ---------------------------------------------------------------------------------------------
# Maturity stages
# ---------------------------------------------------------------------------------------------


def blocker_text(dataset: Dataset, c: CriterionResult, lang: str) -> str:
    """`Paperless hospitals ≥ 25% (now 12.0%†, 7 hospitals to go)`: the criterion, the figure, the
    units still needed."""
    # Named as the tables name it, in the output's language: an id is for commands, not for prose.
    label = indicator_name(dataset, c.indicator, lang)
    values = {"indicator": label, "op": op_sign(c.op), "value": threshold(dataset, c.indicator, c.value, lang)}
    if c.current is None:
        return t("stage.blocker_none", lang, **values)
    current = value_text(dataset, c.indicator, c.current.value, lang) + (DAGGER if c.current.flagged else "")
    if c.to_go:
        return to_go("stage.blocker_to_go", lang, c.to_go, noun(dataset, c.indicator, lang), current=current, **values)
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


def _stage_footer(dataset: Dataset, as_of: date, lang: str, shown: list[RenderableType]) -> Footer:
    lines = [t("footer.stage", lang, as_of=day(as_of, lang)), *as_of_source(dataset, as_of, lang)]
    return Footer(lines, shown, lang, own={"dagger": t("footer.stage_flag", lang)})


def _partial(as_of: date) -> bool:
    """Whether the as-of year is cut short (its column is then the stage at as-of, not at year end)."""
    return (as_of.month, as_of.day) != (12, 31)


def _year_label(year: int, as_of: date, lang: str) -> str:
    """A year's column or row: the year, whose stage is that at its end; the as-of date itself for a
    year the as-of date cuts short, so that no mark is needed to say so."""
    return day(as_of, lang) if year == as_of.year and _partial(as_of) else str(year)


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
    province = t("col.province", lang)
    # Long names wrap at spaces ("Thành phố Hồ Chí Minh"), never cut.
    table.add_column(province, overflow="fold", min_width=max(len(w) for w in province.split()), max_width=20)
    table.add_column(t("col.stage_short", lang), justify="right", no_wrap=True)
    table.add_column(t("col.blockers", lang), overflow="fold")
    for r in sorted(results, key=lambda r: (-r.stage, r.region)):
        blockers = "\n".join(blocker_text(dataset, c, lang) for c in r.blockers) if r.blockers else t("stage.top", lang)
        table.add_row(region_name(dataset, r.region, lang), stage_cell(r), blockers)

    years = sorted({year for rows in history.values() for year, _ in rows})
    counts = Table(title=t("title.stage_years", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    counts.add_column(t("col.stage", lang), overflow="fold")
    for year in years:
        counts.add_column(_year_label(year, as_of, lang), justify="right", no_wrap=True)
    by_year = {year: [res for rows in history.values() for y, res in rows if y == year] for year in years}
    per_year = {year: stage_counts(dataset, by_year[year]) for year in years}
    for i, count in enumerate(stage_counts(dataset, results)):
        name = count.name[1] if lang == "vi" else count.name[0]
        cells: list[RenderableType] = [f"{count.stage} {name}"]
        cells += [_count_cell(per_year[year][i].regions, per_year[year][i].flagged) for year in years]
        counts.add_row(*cells)
    # Whole words: at 80 columns the stage names were cut ("Paper-bas", "ed") beside the year columns.
    return Group(table, WholeWords(counts), _stage_footer(dataset, as_of, lang, [table, counts]))


def stage_region_view(
    dataset: Dataset, result: StageResult, history: list[tuple[int, StageResult]], as_of: date, lang: str = "vi"
) -> RenderableType:
    """One region: its stage, each criterion that blocks the next one, and its stage at the end of each year."""
    region = dataset.regions[result.region]
    parts: list[RenderableType] = [
        Text(t("title.stage_one", lang, name=name_in(region.name, lang)), style="bold"),
        Text(stage_label(result, lang), style="bold"),
    ]
    if result.next_stage is None:
        parts.append(Text(t("stage.top", lang)))
    else:
        stage = (
            next((s for s in dataset.maturity.stages if s.stage == result.next_stage), None)
            if dataset.maturity
            else None
        )
        name = (stage.name.vi if lang == "vi" else stage.name.en) if stage else ""
        parts.append(Text(t("stage.next_named", lang, stage=result.next_stage, name=name)))
        # One blocker a line, a long one wrapping under its own text rather than under the bullet.
        bullets = Table.grid()
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for c in result.blockers:
            bullets.add_row("  • ", blocker_text(dataset, c, lang))
        parts.append(bullets)
    table = Table(title=t("title.stage_history", lang), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.year", lang), no_wrap=True)
    table.add_column(t("col.stage", lang), overflow="fold")
    for year, r in history:
        table.add_row(_year_label(year, as_of, lang), stage_label(r, lang))
    if history:
        parts += [Text(""), table]
    parts.append(_stage_footer(dataset, as_of, lang, list(parts)))
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
    text = gap_value(dataset, indicator_id, gap, lang)
    return text + ("\n" + to_go("to_go", lang, count, noun(dataset, indicator_id, lang)) if count else "")


def compare_table(
    dataset: Dataset, region_id: str, framework: Framework, rows: list[BenchmarkRow], as_of: date, lang: str = "vi"
) -> RenderableType:
    """A region beside a benchmark: latest figure, benchmark value (numbered source), distance, year reached.

    For the country the figure is the one pooled over the provinces, with the reported one under it."""
    region = dataset.regions[region_id]
    country = region.level == "country"
    benchmark_name = framework.name.vi if lang == "vi" else framework.name.en
    table = Table(
        title=t("title.compare", lang, name=name_in(region.name, lang), benchmark=benchmark_name),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(t("col.indicator", lang), overflow="fold", min_width=12)
    table.add_column(t("national", lang) if country else name_in(region.name, lang), overflow="fold", min_width=10)
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
        benchmark = f"{threshold(dataset, iid, r.target.value, lang)} {mark}\n{day(r.target.by, lang)}"
        latest = Text(point_short(dataset, iid, r.latest, lang))
        distance = _distance(dataset, iid, r.gap, r.gap_count, lang)
        flagged = flagged or r.flagged
        if country and row.pooled is not None:
            f = row.pooled
            pooled = Text(
                "–" if f.value is None else value_text(dataset, iid, f.value, lang) + (DAGGER if f.flagged else "")
            )
            pooled.append(" " + t("compare.reporting", lang, reporting=f.reporting, expected=f.expected), style="dim")
            if r.latest is not None:
                pooled.append(
                    "\n" + t("compare.reported", lang, value=point_short(dataset, iid, r.latest, lang)), style="dim"
                )
            latest = pooled
            reported_distance = distance
            distance = _distance(dataset, iid, f.gap, f.gap_count, lang)
            if r.latest is not None:
                distance += "\n(" + reported_distance.replace("\n", ", ") + ")"
            flagged = flagged or f.flagged
        table.add_row(
            Text(indicator_name(dataset, iid, lang)),
            latest,
            benchmark,
            distance,
            str(r.projected_year) if r.projected_year is not None else "–",
        )
    parts: list[RenderableType] = [table]
    without = [indicator_name(dataset, row.indicator, lang) for row in rows if row.result.target is None]
    if without:
        parts.append(Text(t("compare.without", lang, items="; ".join(without))))
    if sources:
        notes = [Text(t("compare.sources", lang), style="dim")]
        for i, source in enumerate(sources, start=1):
            notes += source_lines(f"[{i}]", source, sep="")
        parts.append(Group(*notes))
    lines = [
        t("footer.compare", lang, as_of=day(as_of, lang), benchmark=framework.id),
        *as_of_source(dataset, as_of, lang),
    ]
    if country:
        lines.append(t("footer.compare_national", lang))
    parts.append(Footer(lines, [table], lang, framework=framework))
    return Group(*parts)


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
        text.append(SIGMA, style="dim")
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
        national = (
            "–"
            if row.national is None
            else row.national.period + (DAGGER if row.national.quality != "reported" else "")
        )
        summary.add_row(
            str(number_),
            indicator_name(dataset, row.indicator, lang),
            f"{row.with_figure}/{row.expected}",
            f"{row.fresh}/{row.expected}",
            national,
        )
    grid = Table(title=t("title.completeness_grid", lang), box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    grid.add_column(t("col.province", lang), overflow="fold", min_width=10)
    for number_ in range(1, len(report.indicators) + 1):
        grid.add_column(str(number_), justify="right", no_wrap=True)
    for pid, cells in report.cells.items():
        grid.add_row(region_name(dataset, pid, lang), *(_completeness_cell(cell) for cell in cells.values()))
    lines = [
        t("footer.completeness_asof", lang, as_of=day(report.as_of, lang), since=day(report.fresh_since, lang)),
        *as_of_source(dataset, report.as_of, lang),
    ]
    return Group(summary, grid, Footer(lines, [summary, grid], lang, fresh=True))
