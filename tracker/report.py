"""Terminal views of the scoreboard and of one province (`report`, `show`), and of the listings (`list`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.fmt import (
    BASELINE_MARK,
    DAGGER,
    NONE,
    PROJECTED_MARK,
    BoardCells,
    board_rows,
    indicator_name,
    name_in,
    noun,
    point_figure,
    point_text,
    unit_label,
    value_text,
)
from tracker.i18n import day, t, to_go
from tracker.model import Dataset, Framework, Region
from tracker.national import Scoreboard
from tracker.score import IndicatorResult, RegionScore, is_low_coverage, observation_counts
from tracker.series import partial_periods, points_of
from tracker.stages import StageResult, maturity_stage, stage_counts
from tracker.terminal import (
    ITEM_SEPARATOR,
    FirstThatFits,
    Footer,
    WholeWords,
    as_of_source,
    change_cell,
    percent_cell,
    score_cell,
    source_lines,
    stage_cell,
    status_cell,
)
from tracker.views import next_text, stage_label


def _footer(
    dataset: Dataset, framework: str, as_of: date, lang: str, board: RenderableType, after: list[str]
) -> Footer:
    """As-of date and framework, the figure that sets the date, the legend of what the board shows
    (the dagger with how many observations are not reported figures), then `after`."""
    flagged, total = observation_counts(dataset, as_of)
    own = {"low": t("legend.low_board", lang)}
    if flagged:
        own["dagger"] = t("footer.illustrative", lang, flagged=flagged, total=total)
    lines = [t("footer.asof", lang, as_of=day(as_of, lang), framework=framework), *as_of_source(dataset, as_of, lang)]
    fw = dataset.frameworks.get(framework)
    return Footer(lines, [board], lang, framework=fw, own=own, after=after, scores=True)


def scoreboard_table(sb: Scoreboard, dataset: Dataset, lang: str = "vi") -> RenderableType:
    """One row per province: rank, name, overall score with change, each domain, coverage; national row last.

    Domains no province has a score in (no target in this framework) are left out, so the board
    fits an 80-column terminal. With maturity stages, each province's stage is a last column when
    the board still fits the terminal at its natural width with it, and the footer counts the
    provinces per stage."""
    stages = {rs.region: maturity_stage(dataset, rs.region, sb.as_of) for rs in sb.regions} if dataset.maturity else {}
    if not stages:
        board = _board(sb, dataset, lang, {})
        return Group(board, _footer(dataset, sb.framework, sb.as_of, lang, board, []))
    fits = FirstThatFits(_board(sb, dataset, lang, stages), _board(sb, dataset, lang, {}))
    counts = _stage_counts_line(dataset, [r for r in stages.values() if r is not None], lang)
    return Group(fits, _footer(dataset, sb.framework, sb.as_of, lang, fits, [counts]))


def _board(sb: Scoreboard, dataset: Dataset, lang: str, stages: dict[str, StageResult | None]) -> Table:
    domains = [
        d
        for d in dataset.domains.values()
        if any(ds.id == d.id and ds.score is not None for rs in sb.regions for ds in rs.domains)
    ]
    table = Table(
        title=t("title.report", lang), box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, padding=(0, 1)
    )
    table.add_column(t("col.rank", lang), justify="right", no_wrap=True)
    province = t("col.province", lang)
    # Long names wrap at spaces; the header's longest word is the narrowest the column may be.
    table.add_column(province, overflow="fold", min_width=max(len(w) for w in province.split()), max_width=20)
    table.add_column(t("col.score", lang), justify="right", no_wrap=True)
    table.add_column("±", justify="right", no_wrap=True)
    for domain in domains:
        label = domain.name.vi if lang == "vi" else domain.name.en
        # A header wraps between words, never inside one ("Teleheal…").
        table.add_column(label, justify="right", min_width=max(len(word) for word in label.split()))
    table.add_column(t("col.coverage", lang), justify="right", no_wrap=True)
    if stages:
        table.add_column(t("col.stage_short", lang), justify="right", no_wrap=True)
    cells = BoardCells[RenderableType](
        text=Text,
        label=lambda text: Text(text, style="bold"),
        score=lambda score, flagged, low: score_cell(score, flagged, lang, low),
        change=lambda change: change_cell(change, lang),
        share=lambda share: percent_cell(share, lang),
        blank="",
    )
    rows, national = board_rows(dataset, sb, [d.id for d in domains], lang, cells)
    for rs, row in zip(sb.regions, rows, strict=True):
        table.add_row(*row, *([stage_cell(stages.get(rs.region))] if stages else []))
    table.add_section()
    table.add_row(*national, *([""] if stages else []))
    return table


def _stage_counts_line(dataset: Dataset, results: list[StageResult], lang: str) -> str:
    """`Stages: 0: 4 · 1: 17† · 2: 13† ...`: how many of the listed regions are at each stage."""
    counts = stage_counts(dataset, results)
    return t(
        "stage.counts",
        lang,
        counts=ITEM_SEPARATOR.join(f"{c.stage}: {c.regions}{DAGGER if c.flagged else ''}" for c in counts),
    )


def _status_and_year(r: IndicatorResult, lang: str) -> Text:
    text = status_cell(r.status, lang)
    if r.projected_year is not None and r.status not in ("achieved",):
        text.append(f"\n{PROJECTED_MARK} {r.projected_year}", style="dim")
    return text


def indicator_table(dataset: Dataset, rs: RegionScore, lang: str = "vi") -> Table:
    """One province, one row per indicator; the baseline sits under the latest value to fit 80 columns."""
    region = dataset.regions[rs.region]
    table = Table(title=t("title.show", lang, name=name_in(region.name, lang)), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.indicator", lang), overflow="fold", min_width=12)
    table.add_column(f"{t('col.latest', lang)} / {t('col.baseline', lang)}", overflow="fold", min_width=12)
    table.add_column(t("col.target", lang), no_wrap=True)
    table.add_column(t("col.attainment", lang), justify="right", no_wrap=True)
    table.add_column(t("col.gap", lang), justify="right", overflow="fold", min_width=5)
    table.add_column(f"{t('col.status', lang)} / {t('col.projected', lang)}", no_wrap=True)
    for r in rs.indicators:
        name = Text(indicator_name(dataset, r.indicator, lang))
        target = "–"
        if r.target is not None:
            target = f"{value_text(dataset, r.indicator, r.target.value, lang)}\n{day(r.target.by, lang)}"
        gap = value_text(dataset, r.indicator, r.gap, lang) if r.gap is not None else "–"
        if r.gap_count:
            gap += "\n" + to_go("to_go", lang, r.gap_count, noun(dataset, r.indicator, lang))
        latest = Text(point_text(dataset, r.indicator, r.latest, lang))
        if r.baseline is not None and r.baseline is not r.latest and r.baseline != r.latest:
            latest.append(f"\n{BASELINE_MARK} " + point_text(dataset, r.indicator, r.baseline, lang), style="dim")
        status = _status_and_year(r, lang)
        if status_flagged(r):
            status.append(DAGGER, style="dim")
        table.add_row(
            name,
            latest,
            target,
            score_cell(r.attainment, False, lang),
            gap,
            status,
        )
    return table


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

    def former_name(former: str) -> str:
        return name_in(region.former[former].name, lang)

    for r in rs.indicators:
        indicator = dataset.indicators[r.indicator]
        label = indicator_name(dataset, r.indicator, lang)
        derived = [p for p in points_of(region, indicator) if p.derived]
        for point in derived:
            parts = " + ".join(
                f"{former_name(part.former)} {point_figure(dataset, r.indicator, part.point, lang)}"
                for part in point.parts
            )
            text.append(
                t(
                    "show.derived",
                    lang,
                    indicator=label,
                    period=point.period,
                    value=point_figure(dataset, r.indicator, point, lang),
                    parts=parts,
                )
                + "\n"
            )
        for partial in partial_periods(region, indicator):
            have = ", ".join(former_name(f) for f in partial.have) or NONE
            missing = ", ".join(former_name(f) for f in partial.missing)
            text.append(
                t(
                    "show.partial",
                    lang,
                    indicator=label,
                    period=partial.period,
                    have=len(partial.have),
                    of=len(region.former),
                    names=have,
                    missing=missing,
                )
                + "\n",
                style="dim",
            )
    if text:
        text = Text(t("show.former_title", lang) + "\n", style="bold") + text
    return text


def events_view(region: Region, lang: str = "vi", limit: int = 8) -> Text:
    """The region's dated events, newest first (at most `limit`, saying how many more there are)."""
    events = region.events_newest_first()
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
        low = is_low_coverage(d.coverage)
        table.add_row(label, score_cell(d.score, d.flagged, lang, low), percent_cell(d.coverage, lang))
    table.add_section()
    table.add_row(
        Text(t("col.score", lang), style="bold"),
        score_cell(rs.score, rs.flagged, lang, rs.low_coverage),
        percent_cell(rs.coverage, lang),
    )
    return table


def sources_list(dataset: Dataset, rs: RegionScore, lang: str = "vi", quotes: bool = False) -> list[Text]:
    """The source of each latest figure shown (of each part of a derived one), so every number can be
    traced, named as the table names it; each URL on a line of its own, never split. With
    `quotes`, the sentence of the source that states it."""
    region = dataset.regions[rs.region]
    lines: list[Text] = []
    for r in rs.indicators:
        if r.latest is None:
            continue
        labelled = (
            [(r.latest, "")]
            if not r.latest.derived
            else [(part.point, name_in(region.former[part.former].name, lang)) for part in r.latest.parts]
        )
        for point, whose in labelled:
            quality = "" if point.quality == "reported" else f" [{t('quality.' + point.quality, lang)}]"
            who = f", {whose}" if whose else ""
            label = f"{indicator_name(dataset, r.indicator, lang)}{who}, {point.period}{quality}"
            lines += source_lines(label, point.source)
            if quotes and point.quote:
                lines.append(Text(f"    “{point.quote}”", style="italic"))
    return [Text(t("legend.sources", lang), style="bold"), *lines, Text("")] if lines else []


def show_view(
    dataset: Dataset,
    rs: RegionScore,
    framework: Framework,
    as_of: date,
    lang: str = "vi",
    notes: Iterable[str] = (),
    quotes: bool = False,
) -> RenderableType:
    parts: list[RenderableType] = [Text(note, style="italic") for note in notes]
    stage = maturity_stage(dataset, rs.region, as_of)
    if stage is not None:
        parts.append(Text(t("stage.show", lang, stage=stage_label(stage, lang), next=next_text(dataset, stage, lang))))
    tables: list[RenderableType] = [WholeWords(indicator_table(dataset, rs, lang)), domain_table(dataset, rs, lang)]
    region = dataset.regions[rs.region]
    former = former_view(dataset, rs, lang)
    shown = [*parts, *tables, former]
    parts += tables
    for extra in (former, events_view(region, lang)):
        if extra:
            parts.append(extra)
    sources = sources_list(dataset, rs, lang, quotes)
    if sources:
        parts.append(Group(*sources))
    lines = [
        t("footer.asof", lang, as_of=day(as_of, lang), framework=framework.id),
        *as_of_source(dataset, as_of, lang),
    ]
    own = {"sigma": t("legend.derived_below", lang)} if former else {}
    flagged = sum(r.flagged for r in rs.indicators)
    if flagged:
        own["dagger"] = t("footer.illustrative_short", lang, flagged=flagged, total=len(rs.indicators))
    parts.append(Footer(lines, shown, lang, framework=framework, own=own, scores=True))
    return Group(*parts)


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
            shown = unit_label(shown, lang)
        table.add_row(str(row["id"]), str(names[lang]), shown)
    return table
