"""The commands that read the data and say what it shows: list, report, show, coverage, gaps, rank, stage, compare."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from tracker.cli import (
    AsOfOpt,
    FrameworkOpt,
    Lang,
    LangOpt,
    ProvincesOpt,
    ReportFormat,
    TableFormat,
    TableFormatOpt,
    app,
    dataset_for_scoring,
    fail,
    framework_and_date,
    print_json,
    print_rich,
    scoring_context,
    state,
)
from tracker.problems import ExitCode


class ListWhat(StrEnum):
    indicators = "indicators"
    provinces = "provinces"
    frameworks = "frameworks"


@app.command("list")
def list_command(
    what: Annotated[ListWhat, typer.Argument(help="indicators, provinces or frameworks.", show_default=False)],
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """The ids other commands take, with their names: indicators (with unit), provinces (with the
    former provinces they were formed from) or frameworks (target or benchmark)."""
    from tracker.documents import listing
    from tracker.load import find_root, load_dataset

    dataset, _ = load_dataset(find_root(state.data_dir), use_cache=not state.no_cache)
    rows = listing(dataset, what.value)
    if fmt is TableFormat.json:
        print_json(rows)
    else:
        from tracker.report import listing_table

        print_rich(listing_table(rows, what.value, lang.value))


@app.command()
def report(
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    province: ProvincesOpt = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json or markdown.")] = ReportFormat.table,
    lang: LangOpt = Lang.vi,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Exit 1 when the national score is below this (for CI).", show_default=False),
    ] = None,
) -> None:
    """The scoreboard: every province's overall and domain scores, coverage, rank and change."""
    from tracker.names import resolve_region
    from tracker.national import scoreboard

    dataset, framework_id, day = scoring_context(framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    sb = scoreboard(dataset, framework_id, day, ids)
    if fmt is ReportFormat.json:
        from tracker.documents import scoreboard_json

        print_json(scoreboard_json(dataset, sb))
    elif fmt is ReportFormat.markdown:
        from tracker.scoreboard_md import scoreboard_markdown

        typer.echo(scoreboard_markdown(dataset, sb, lang.value), nl=False)
    else:
        from tracker.report import scoreboard_table

        print_rich(scoreboard_table(sb, dataset, lang.value))
    if fail_under is not None and (sb.national_score is None or sb.national_score < fail_under):
        score = "none" if sb.national_score is None else f"{sb.national_score:.1f}"
        typer.echo(f"national score {score} is below --fail-under {fail_under:g}", err=True)
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


@app.command()
def show(
    provinces: Annotated[
        list[str],
        typer.Argument(help="Province id, English or Vietnamese name, or a pre-2025 province.", show_default=False),
    ],
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Print under each source the sentence that states the figure.")
    ] = False,
) -> None:
    """One province indicator by indicator: latest, baseline, target, attainment, gap, status, projection, sources."""
    from tracker.names import resolve_region
    from tracker.national import scoreboard

    dataset, framework_id, day = scoring_context(framework, as_of)
    resolved = [resolve_region(dataset, p) for p in provinces]
    sb = scoreboard(dataset, framework_id, day, None)
    by_id = {rs.region: rs for rs in sb.regions}
    documents = []
    for region, place in resolved:
        rs = by_id.get(region.id)
        if rs is None:  # the country, which is not ranked among provinces
            from tracker.score import score_region

            rs = score_region(dataset, region, framework_id, day)
        note = place.note(lang.value)
        notes = [note] if note else []
        if fmt is TableFormat.json:
            from tracker.documents import region_json

            resolved_from = place.resolved_from
            documents.append(
                region_json(dataset, rs, framework_id, day)
                | ({"resolved_from": resolved_from} if resolved_from else {})
            )
        else:
            from tracker.report import show_view

            print_rich(show_view(dataset, rs, dataset.frameworks[framework_id], day, lang.value, notes, quotes))
    if fmt is TableFormat.json:
        print_json(documents[0] if len(documents) == 1 else documents)


@app.command()
def coverage(
    as_of: AsOfOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Reporting completeness: for each province and indicator the latest figure's year, or a gap;
    per indicator how many provinces report it, and how many in the last 12 months."""
    from tracker.completeness import completeness

    dataset, _, day = scoring_context(None, as_of)
    report = completeness(dataset, day)
    if fmt is TableFormat.json:
        from tracker.documents import completeness_json

        print_json(completeness_json(dataset, report))
    else:
        from tracker.views import completeness_view

        print_rich(completeness_view(dataset, report, lang.value))


@app.command()
def gaps(
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    province: ProvincesOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows.")] = 20,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """The largest gaps to the applicable targets, worst first (lowest attainment, then largest gap)."""
    from tracker.names import resolve_region
    from tracker.score import largest_gaps

    dataset, framework_id, day = scoring_context(framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    rows = largest_gaps(dataset, framework_id, day, ids)[:top]
    if fmt is TableFormat.json:
        from tracker.documents import gaps_json

        print_json(gaps_json(dataset, framework_id, day, rows))
    else:
        from tracker.views import gaps_table

        print_rich(gaps_table(dataset, rows, lang.value, framework_id, day))


@app.command()
def rank(
    indicator: Annotated[str, typer.Argument(help="Indicator id or name.", show_default=False)],
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Provinces ordered on one indicator (best first), with values, periods and quality."""
    from tracker.names import resolve_indicator
    from tracker.national import national
    from tracker.score import rank_on_indicator

    dataset, framework_id, day = scoring_context(framework, as_of)
    indicator_id = resolve_indicator(dataset, indicator)
    rows = rank_on_indicator(dataset, indicator_id, framework_id, day)
    pooled = next((f for f in national(dataset, framework_id, day) if f.indicator == indicator_id), None)
    if fmt is TableFormat.json:
        from tracker.documents import rank_json

        print_json(rank_json(dataset, indicator_id, framework_id, day, rows, pooled))
    else:
        from tracker.views import rank_table

        print_rich(rank_table(dataset, indicator_id, rows, pooled, lang.value, framework_id, day))


@app.command()
def stage(
    province: Annotated[
        str | None,
        typer.Argument(
            help="Only this province (id, English or Vietnamese name, pre-2025 province) or viet-nam.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Maturity stages: each province's stage, what blocks the next one, the count per stage, the stages by year."""
    from tracker.names import resolve_region
    from tracker.stages import history_start, maturity_stage, stage_history_results

    dataset, _, day = scoring_context(None, as_of)
    if dataset.maturity is None:
        raise fail("no maturity stages defined: indicators/maturity.yaml is missing")
    if province is not None:
        region, place = resolve_region(dataset, province)
        note, former = place.note(lang.value), place.resolved_from
        result = maturity_stage(dataset, region, day)
        history = stage_history_results(dataset, region, day)
        assert result is not None
        if fmt is TableFormat.json:
            from tracker.documents import as_of_source_json, stage_json

            print_json(
                {
                    "as_of": day.isoformat(),
                    "as_of_source": as_of_source_json(dataset, day),
                    **(stage_json(result, history) or {}),
                }
                | ({"resolved_from": former} if former else {})
            )
        else:
            from tracker.views import stage_region_view

            if note:
                typer.echo(note)
            print_rich(stage_region_view(dataset, result, history, day, lang.value))
        return
    results = [r for pid in dataset.provinces if (r := maturity_stage(dataset, pid, day)) is not None]
    since = history_start(dataset, dataset.provinces.values(), day) or day.year
    histories = {pid: stage_history_results(dataset, pid, day, since) for pid in dataset.provinces}
    if fmt is TableFormat.json:
        from tracker.documents import stages_json

        print_json(stages_json(dataset, results, histories, day))
    else:
        from tracker.views import stage_table

        print_rich(stage_table(dataset, results, histories, day, lang.value))


@app.command()
def compare(
    province: Annotated[
        str,
        typer.Argument(
            help="Province id or name, or viet-nam for the nation (pooled figures beside the reported ones).",
            show_default=False,
        ),
    ],
    benchmark: Annotated[
        str,
        typer.Option(
            "--benchmark",
            "-b",
            help="Benchmark framework id, e.g. sweden-2025 or eu-digital-decade-2030.",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """One province (or the nation) beside a benchmark: latest figure, benchmark value and source,
    distance, year reached at the current pace."""
    from tracker.compare import compare_with_benchmark
    from tracker.names import resolve_region, suggest

    dataset = dataset_for_scoring()
    if benchmark not in dataset.frameworks:
        benchmarks = sorted(fw.id for fw in dataset.frameworks.values() if fw.kind == "benchmark")
        hint = suggest(benchmark, benchmarks) or suggest(benchmark, sorted(dataset.frameworks))
        raise fail(
            f"unknown benchmark {benchmark!r}"
            + (hint or (f"; benchmarks: {', '.join(benchmarks)}" if benchmarks else ""))
        )
    framework_id, day = framework_and_date(dataset, benchmark, as_of)
    region, place = resolve_region(dataset, province)
    note, former = place.note(lang.value), place.resolved_from
    rows = compare_with_benchmark(dataset, region, framework_id, day)
    if fmt is TableFormat.json:
        from tracker.documents import comparison_json

        print_json(
            comparison_json(dataset, region.id, framework_id, day, rows) | ({"resolved_from": former} if former else {})
        )
    else:
        from tracker.views import compare_table

        if note:
            typer.echo(note)
        print_rich(compare_table(dataset, region.id, dataset.frameworks[framework_id], rows, day, lang.value))
