"""The detailed sections of the ministry summary: events, reporting completeness, stages, domains, gaps, projections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.completeness import completeness
from tracker.fmt import (
    DAGGER,
    gap_text,
    md_noun,
    md_score,
    md_table,
    md_text,
    name_in,
    op_sign,
    target_value,
)
from tracker.i18n import to_go
from tracker.model import Indicator, period_end
from tracker.score import (
    applicable_target,
    evaluate,
    largest_gaps,
)
from tracker.stages import CriterionResult, maturity_stage, stage_counts

if TYPE_CHECKING:
    from tracker.summary import Summary


def events_section(s: Summary) -> list[str]:
    """The newest dated event of each listed region that has one (facts without a number), newest first."""
    newest = []
    for rs in s.sb.regions:
        region = s.dataset.regions[rs.region]
        if region.events:
            newest.append((region, region.events_newest_first()[0]))
    country = s.dataset.country
    if country is not None and country.events:
        newest.append((country, country.events_newest_first()[0]))
    if not newest:
        return []
    newest.sort(key=lambda pair: (-period_end(pair[1].date).toordinal(), pair[0].id))
    rows = [
        [
            s.name(region.id),
            md_text(event.date),
            md_text(event.text.vi if s.lang == "vi" else event.text.en)
            + s.notes.cite(event.source, "reported", ("", f"“{event.quote}”") if event.quote else None),
        ]
        for region, event in newest
    ]
    header = [s.t("col.province"), s.t("md.col.date"), s.t("md.col.event")]
    return [f"## {s.t('md.h.events')}", "", s.t("md.events.intro"), "", *md_table(header, rows, [False, False, False])]


def completeness_section(s: Summary) -> list[str]:
    """Reporting completeness: per indicator how many provinces report it (and recently); per
    province how many indicators it has a figure for, and the period of its latest one."""
    report = completeness(s.dataset, s.sb.as_of)
    lines = [
        f"## {s.t('md.h.completeness')}",
        "",
        s.t("md.completeness.intro", since=s.day(report.fresh_since), as_of=s.day(report.as_of)),
        "",
    ]
    rows = []
    for r in report.indicators:
        national = (
            "–"
            if r.national is None
            else md_text(r.national.period) + (DAGGER if r.national.quality != "reported" else "")
        )
        rows.append([s.indicator(r.indicator), f"{r.with_figure}/{r.expected}", f"{r.fresh}/{r.expected}", national])
    header = [s.t("col.indicator"), s.t("col.with_figure"), s.t("col.fresh"), s.t("col.national_latest")]
    lines += md_table(header, rows, [False, True, True, True])
    rows = []
    for pid, cells in report.cells.items():
        present = [c for c in cells.values() if c is not None]
        latest = max(present, key=lambda c: c.end, default=None)
        rows.append(
            [
                s.name(pid),
                f"{len(present)}/{len(cells)}",
                str(sum(c.fresh for c in present)),
                "–" if latest is None else md_text(latest.period),
            ]
        )
    header = [s.t("col.province"), s.t("md.col.indicators_with_figure"), s.t("col.fresh"), s.t("md.col.latest_figure")]
    return [*lines, "", *md_table(header, rows, [False, True, True, True])]


def stages_section(s: Summary) -> list[str]:
    """The count per maturity stage and each listed region's stage with what blocks the next one."""
    maturity = s.dataset.maturity
    if maturity is None:
        return []
    results = [r for rs in s.sb.regions if (r := maturity_stage(s.dataset, rs.region, s.sb.as_of)) is not None]
    lines = [f"## {s.t('md.h.stages')}", "", s.t("md.stages.intro", as_of=s.day(s.sb.as_of)), ""]
    counts = [
        f"{c.stage} {md_text(c.name[1] if s.lang == 'vi' else c.name[0])}: {c.regions}{DAGGER if c.flagged else ''}"
        for c in stage_counts(s.dataset, results)
    ]
    lines += [s.t("md.stages.counts", counts="; ".join(counts)), ""]
    rows = []
    for r in sorted(results, key=lambda r: (-r.stage, r.region)):
        name = r.name[1] if s.lang == "vi" else r.name[0]
        blockers = "; ".join(blocker(s, c) for c in r.blockers) if r.blockers else s.t("stage.top")
        rows.append([s.name(r.region), f"{r.stage} {md_text(name)}{DAGGER if r.flagged else ''}", blockers])
    header = [s.t("col.province"), s.t("col.stage"), s.t("md.col.blockers")]
    return lines + md_table(header, rows, [False, False, False])


def blocker(s: Summary, c: CriterionResult) -> str:
    """`Paperless hospitals ≥ 25% (now 12.0%†, 7 hospitals to go)`."""
    values = {
        "indicator": s.indicator(c.indicator),
        "op": op_sign(c.op),
        "value": target_value(s.dataset, c.indicator, c.value, s.lang),
    }
    if c.current is None:
        return s.t("stage.blocker_none", **values)
    current = s.value(c.indicator, c.current.value) + (DAGGER if c.current.flagged else "")
    if c.to_go:
        return to_go(
            "stage.blocker_to_go", s.lang, c.to_go, md_noun(s.dataset, c.indicator, s.lang), current=current, **values
        )
    return s.t("stage.blocker", current=current, **values)


def domains_section(s: Summary) -> list[str]:
    lines = [f"## {s.t('md.h.domains')}", "", s.t("md.domains.intro", as_of=s.day(s.sb.as_of))]
    figures = {f.indicator: f for f in s.sb.national}
    for domain in s.dataset.domains.values():
        members = [ind for ind in s.indicators if ind.domain == domain.id]
        if not members:
            continue
        lines += ["", f"### {md_text(name_in(domain.name, s.lang))}", ""]
        targets = []
        for ind in members:
            target = applicable_target(s.dataset, None, ind.id, s.framework, s.sb.as_of)
            if target is not None:
                targets.append(
                    s.t(
                        "md.target_item",
                        indicator=s.indicator(ind.id),
                        target=s.target(ind.id, target),
                        due=s.day(target.by),
                    )
                )
        lines.append(s.t("md.domain.targets", items="; ".join(targets)) if targets else s.t("md.domain.untargeted"))
        lines.append("")
        header = [s.t("col.province"), s.t("col.score"), *(s.indicator(ind.id) for ind in members)]
        rows = []
        for rs in s.sb.regions:
            score = next((d for d in rs.domains if d.id == domain.id), None)
            by_indicator = {r.indicator: r for r in rs.indicators}
            row = [s.name(rs.region), md_score(score.score if score else None, bool(score and score.flagged), s.lang)]
            for ind in members:
                result = by_indicator.get(ind.id)
                row.append(s.point(rs.region, ind.id, result.latest if result else None))
            rows.append(row)
        national_row = [f"**{md_text(s.t('national'))}**", " "]
        for ind in members:
            figure = figures.get(ind.id)
            value = figure.value if figure else None
            national_row.append(
                s.value(ind.id, value) + (DAGGER if figure and figure.flagged and value is not None else "")
            )
        rows.append(national_row)
        lines += md_table(header, rows, [False, True, *[True] * len(members)])
    return lines


def gaps_section(s: Summary) -> list[str]:
    lines = [f"## {s.t('md.h.gaps')}", ""]
    ids = [rs.region for rs in s.sb.regions]
    results = largest_gaps(s.dataset, s.framework, s.sb.as_of, ids)
    if not results:
        return [*lines, s.t("md.gaps.none")]
    shown = results[: s.top]
    lines += [s.t("md.gaps.intro", shown=len(shown), total=len(results)), ""]
    header = [
        s.t("col.rank"),
        s.t("col.province"),
        s.t("col.indicator"),
        s.t("md.col.latest"),
        s.t("col.target"),
        s.t("md.col.due"),
        s.t("md.col.attainment"),
        s.t("col.gap"),
        s.t("col.status"),
        s.t("md.col.projected"),
    ]
    rows = []
    for position, r in enumerate(shown, start=1):
        assert r.target is not None and r.gap is not None
        rows.append(
            [
                str(position),
                s.name(r.region),
                s.indicator(r.indicator),
                s.point(r.region, r.indicator, r.latest),
                s.target(r.indicator, r.target),
                s.day(r.target.by),
                md_score(r.attainment, r.flagged, s.lang),
                gap_text(s.dataset, r.indicator, r.gap, r.gap_count, s.lang),
                s.t("status." + r.status),
                str(r.projected_year) if r.projected_year is not None else s.t("no_score"),
            ]
        )
    return lines + md_table(header, rows, [True, False, False, True, True, True, True, True, False, True])


def projections_section(s: Summary) -> list[str]:
    lines = [f"## {s.t('md.h.projections')}", "", s.t("md.proj.intro"), ""]
    table_rows = []
    country = s.dataset.country
    for ind in s.indicators:
        target = applicable_target(s.dataset, None, ind.id, s.framework, s.sb.as_of)
        results = [r for r in s.results(ind.id) if r.target is not None]
        if target is None or not results:
            continue
        reached = [r for r in results if r.status == "achieved"]
        on_course = [
            r
            for r in results
            if r.status != "achieved"
            and r.projected_year is not None
            and r.target
            and r.projected_year <= r.target.by.year
            and s.sb.as_of <= r.target.by
        ]
        late = [r for r in results if r.projected_year is not None and r not in reached and r not in on_course]
        none = [r for r in results if r.projected_year is None]
        # The year by which half of the provinces reach the target: a province with no
        # projection never does, so it sorts last.
        years = sorted(r.projected_year if r.projected_year is not None else 10**6 for r in results)
        half = years[(len(years) + 1) // 2 - 1]
        flag = DAGGER if any(r.flagged for r in results) else ""
        name, goal = s.indicator(ind.id), s.target(ind.id, target)
        if len(reached) == len(results):
            sentence = s.t("md.proj.all_reached", indicator=name, target=goal)
        elif half < 10**6:
            sentence = s.t(
                "md.proj.half", indicator=name, target=goal, year=f"{half}{flag}", timing=s.timing(half, target.by)
            )
        else:
            sentence = s.t("md.proj.half_never", indicator=name, target=goal, due=s.day(target.by))
        if country is not None and all(rs.region != country.id for rs in s.sb.regions):
            sentence += country_projection(s, country.id, ind)
        lines.append("- " + sentence)
        table_rows.append(
            [
                name,
                goal,
                s.day(target.by),
                f"{half}{flag}" if half < 10**6 else s.t("no_score"),
                *(f"{len(group)}{flag if group else ''}" for group in (reached, on_course, late, none)),
            ]
        )
    if not table_rows:
        return [*lines[:2], s.t("md.gaps.none")]
    header = [
        s.t("col.indicator"),
        s.t("col.target"),
        s.t("md.col.due"),
        s.t("md.col.half"),
        s.t("md.col.reached"),
        s.t("md.col.on_course"),
        s.t("md.col.late"),
        s.t("md.col.no_trend"),
    ]
    return [*lines, "", *md_table(header, table_rows, [False, True, True, True, True, True, True, True])]


def country_projection(s: Summary, country_id: str, ind: Indicator) -> str:
    r = evaluate(s.dataset, country_id, ind, s.framework, s.sb.as_of)
    if r.target is None or r.latest is None:
        return ""
    cite = (DAGGER if r.flagged else "") + s.notes.cite_point(s.dataset, country_id, r.latest)
    if r.status == "achieved":
        return " " + s.t("md.proj.country_met", cite=cite)
    if r.actual_rate is None:
        return ""  # a single national figure has no trend
    if r.projected_year is None:
        return " " + s.t("md.proj.country_never", cite=cite)
    timing = s.timing(r.projected_year, r.target.by)
    return " " + s.t("md.proj.country", year=r.projected_year, timing=timing, cite=cite)
