"""The command line: parses arguments, calls the library, picks a renderer, maps outcomes to exit codes."""

from __future__ import annotations

import sys
from datetime import UTC
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import __version__
from tracker.problems import ExitCode, TrackerError

if TYPE_CHECKING:
    from datetime import date

    from tracker.edit import EditResult
    from tracker.model import Dataset
    from tracker.problems import Problem

app = typer.Typer(
    name="tracker",
    help="Track how far Vietnam's provinces have come in digitising health care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _State:
    data_dir: Path | None = None
    no_cache: bool = False
    console: bool = False  # run by `main()`, as its own process (not by a test runner in-process)


state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Folder holding indicators/ and provinces/ (else $TRACKER_DATA_DIR, else the nearest ancestor that has them).", show_default=False),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file afresh instead of using the cache of parsed files.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    state.data_dir = data_dir
    state.no_cache = no_cache


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(int(code))


def _load(only: list[Path] | None = None) -> tuple[Dataset, list[Problem]]:
    import gc

    from tracker.load import find_root, load_dataset

    root = find_root(state.data_dir)
    loaded = load_dataset(root, only, use_cache=not state.no_cache)
    if state.console:
        # The data lives as long as the process, and scoring it makes many objects but no cycles:
        # the cyclic collector would only walk the growing heap again and again (a quarter of a
        # large report). Not when called in-process by tests, which go on running after.
        gc.disable()
    return loaded


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _github_line(p: Problem) -> str:
    def esc(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    level = "error" if p.level == "error" else "warning"
    where = f"file={esc(p.path, True)}"
    if p.line:
        where += f",line={p.line},col={max(p.column, 1)}"
    return f"::{level} {where},title={esc(p.rule, True)}::{esc(p.message)}"


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files to report on (default: every data file).", show_default=False)] = None,
    fmt: Annotated[ProblemFormat, typer.Option("--format", "-f", help="text, json or github (workflow annotations).")] = ProblemFormat.text,
) -> None:
    """Check every data file and the rules between them; print one located line per problem."""
    for path in paths or []:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file")
    _, problems = _load([p.absolute() for p in paths] if paths else None)
    if fmt is ProblemFormat.json:
        typer.echo(_json_text([p.as_dict() for p in problems]))
    elif fmt is ProblemFormat.github:
        for p in problems:
            typer.echo(_github_line(p))
    else:
        for p in problems:
            typer.echo(p.as_text())
        errors = sum(p.level == "error" for p in problems)
        warnings = len(problems) - errors
        typer.echo(f"{errors} error(s), {warnings} warning(s)" if problems else "no problems found", err=True)
    if any(p.rule == "unreadable" for p in problems):
        raise typer.Exit(int(ExitCode.USAGE))
    if any(p.level == "error" for p in problems):
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


class DiffFormat(str, Enum):
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    rev: Annotated[str, typer.Argument(help="Git revision to compare the working tree with (e.g. origin/main).")] = "HEAD",
    framework: Annotated[str | None, typer.Option("--framework", help="Target framework id.", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Score both sides as of this period (default: the later latest observation).", show_default=False)] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="markdown (a pull-request comment) or json.")] = DiffFormat.markdown,
) -> None:
    """How the data and the scores change between git revision REV and the working tree."""
    from tracker.gitdiff import compare, diff_json, diff_markdown
    from tracker.load import find_root
    from tracker.model import period_end

    root = find_root(state.data_dir)
    day = None
    if as_of is not None:
        try:
            day = period_end(as_of)
        except ValueError as exc:
            raise fail(f"--as-of: {exc}") from None
    result = compare(root, rev, framework or DEFAULT_FRAMEWORK, day)
    if fmt is DiffFormat.json:
        _print_json(diff_json(result))
    else:
        from tracker.load import load_dataset

        dataset, _ = load_dataset(root, use_cache=not state.no_cache)
        typer.echo(diff_markdown(result, dataset))
    if result.new_problems:
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Folder to write the *.schema.json files into, created if missing (default: print the province schema).", show_default=False)] = None,
) -> None:
    """JSON Schema of the data files, for editors (yaml-language-server) and CI."""
    from tracker.files import atomic_write
    from tracker.model import json_schemas

    schemas = json_schemas()
    if out is None:
        _print_json(schemas["province.schema.json"])
        return
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    for filename, document in schemas.items():
        try:
            atomic_write(out / filename, _json_text(document) + "\n")
        except OSError as exc:
            raise fail(f"{out / filename}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {len(schemas)} schema files to {out}", err=True)


class TableFormat(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


DEFAULT_FRAMEWORK = "smart-healthcare-2030"

FrameworkOpt = Annotated[str | None, typer.Option("--framework", help=f"Target framework id (default {DEFAULT_FRAMEWORK}).", show_default=False)]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Score as of the end of this period (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD); default: the latest observation.", show_default=False)]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="TRACKER_LANG", help="Names and labels in Vietnamese (vi) or English (en); default $TRACKER_LANG, else vi.")]


def _dataset_for_scoring() -> Dataset:
    """Load the data; refuse to score data with errors (exit 1) rather than print wrong numbers."""
    dataset, problems = _load()
    errors = [p for p in problems if p.level == "error"]
    if errors:
        for p in errors[:10]:
            typer.echo(p.as_text(), err=True)
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise fail(f"the data has {len(errors)} error(s){more}; run `tracker validate`", ExitCode.DATA_PROBLEMS)
    return dataset


def _framework_and_date(dataset: Dataset, framework: str | None, as_of: str | None) -> tuple[str, date]:
    from tracker.asof import as_of_date
    from tracker.model import period_end
    from tracker.names import suggest

    framework = framework or (DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in dataset.frameworks else next(iter(sorted(dataset.frameworks)), ""))
    if framework not in dataset.frameworks:
        raise fail(f"unknown framework {framework!r}" + suggest(framework, sorted(dataset.frameworks)))
    if as_of is not None:
        try:
            period_end(as_of)
        except ValueError as exc:
            raise fail(f"--as-of: {exc}") from None
        from tracker.asof import as_of_remark

        remark = as_of_remark(dataset, period_end(as_of))
        if remark:
            typer.echo(f"warning: {remark}", err=True)
    return framework, as_of_date(dataset, as_of)


def _print(renderable: object) -> None:
    """Print a rich renderable; to a pipe or file, without the spaces that pad lines to the width
    (they make diffs of saved output noisy and trip trailing-space checks)."""
    from rich.console import Console

    console = Console(highlight=False)
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    typer.echo("\n".join(line.rstrip() for line in captured.get().split("\n")), nl=False)


def _json_text(document: object) -> str:
    import json  # here, not at the top: every command would pay for it at start-up

    return json.dumps(document, ensure_ascii=False, indent=2)


def _print_json(document: object) -> None:
    typer.echo(_json_text(document))


class ListWhat(str, Enum):
    indicators = "indicators"
    provinces = "provinces"
    frameworks = "frameworks"


@app.command("list")
def list_command(
    what: Annotated[ListWhat, typer.Argument(help="indicators, provinces or frameworks.", show_default=False)],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """The ids other commands take, with their names: indicators (with unit), provinces (with the
    former provinces they were formed from) or frameworks (target or benchmark)."""
    from tracker.export import listing
    from tracker.load import find_root, load_dataset

    dataset, _ = load_dataset(find_root(state.data_dir), use_cache=not state.no_cache)
    rows = listing(dataset, what.value)
    if fmt is TableFormat.json:
        _print_json(rows)
    else:
        from tracker.report import listing_table

        _print(listing_table(rows, what.value, lang.value))


@app.command()
def report(
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    province: Annotated[list[str] | None, typer.Option("--province", "-p", help="Show only these provinces (repeatable); ranks stay national.", show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json or markdown.")] = ReportFormat.table,
    lang: LangOpt = Lang.vi,
    fail_under: Annotated[float | None, typer.Option("--fail-under", help="Exit 1 when the national score is below this (for CI).", show_default=False)] = None,
) -> None:
    """The scoreboard: every province's overall and domain scores, coverage, rank and change."""
    from tracker.names import resolve_region
    from tracker.national import scoreboard

    dataset = _dataset_for_scoring()
    framework_id, day = _framework_and_date(dataset, framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    sb = scoreboard(dataset, framework_id, day, ids)
    if fmt is ReportFormat.json:
        from tracker.export import scoreboard_json

        _print_json(scoreboard_json(dataset, sb))
    elif fmt is ReportFormat.markdown:
        from tracker.export import scoreboard_markdown

        typer.echo(scoreboard_markdown(dataset, sb, lang.value), nl=False)
    else:
        from tracker.report import scoreboard_table

        _print(scoreboard_table(sb, dataset, lang.value))
    if fail_under is not None and (sb.national_score is None or sb.national_score < fail_under):
        score = "none" if sb.national_score is None else f"{sb.national_score:.1f}"
        typer.echo(f"national score {score} is below --fail-under {fail_under:g}", err=True)
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


@app.command()
def show(
    provinces: Annotated[list[str], typer.Argument(help="Province id, English or Vietnamese name, or a pre-2025 province.", show_default=False)],
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
    quotes: Annotated[bool, typer.Option("--quotes", help="Print under each source the sentence that states the figure.")] = False,
) -> None:
    """One province indicator by indicator: latest, baseline, target, attainment, gap, status, projection, sources."""
    from tracker.names import resolve_region
    from tracker.national import scoreboard

    dataset = _dataset_for_scoring()
    framework_id, day = _framework_and_date(dataset, framework, as_of)
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
            from tracker.export import region_json

            resolved_from = place.resolved_from
            documents.append(region_json(dataset, rs, framework_id, day) | ({"resolved_from": resolved_from} if resolved_from else {}))
        else:
            from tracker.report import show_view

            _print(show_view(dataset, rs, dataset.frameworks[framework_id], day, lang.value, notes, quotes))
    if fmt is TableFormat.json:
        _print_json(documents[0] if len(documents) == 1 else documents)


@app.command()
def coverage(
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Reporting completeness: for each province and indicator the latest figure's year, or a gap; per indicator how many provinces report it, and how many in the last 12 months."""
    from tracker.completeness import completeness

    dataset = _dataset_for_scoring()
    _, day = _framework_and_date(dataset, None, as_of)
    report = completeness(dataset, day)
    if fmt is TableFormat.json:
        from tracker.export import completeness_json

        _print_json(completeness_json(report))
    else:
        from tracker.report import completeness_view

        _print(completeness_view(dataset, report, lang.value))


@app.command()
def gaps(
    province: Annotated[list[str] | None, typer.Option("--province", "-p", help="Only these provinces (repeatable).", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows.")] = 20,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """The largest gaps to the applicable targets, worst first (lowest attainment, then largest gap)."""
    from tracker.names import resolve_region
    from tracker.score import largest_gaps

    dataset = _dataset_for_scoring()
    framework_id, day = _framework_and_date(dataset, framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    rows = largest_gaps(dataset, framework_id, day, ids)[:top]
    if fmt is TableFormat.json:
        from tracker.export import as_of_source_json, indicator_json

        _print_json({"framework": framework_id, "as_of": day.isoformat(), "as_of_source": as_of_source_json(dataset, day), "gaps": [indicator_json(r) for r in rows]})
    else:
        from tracker.report import gaps_table

        _print(gaps_table(dataset, rows, lang.value, framework_id, day))


@app.command()
def rank(
    indicator: Annotated[str, typer.Argument(help="Indicator id or name.", show_default=False)],
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Provinces ordered on one indicator (best first), with values, periods and quality."""
    from tracker.names import resolve_indicator
    from tracker.national import national
    from tracker.score import rank_on_indicator

    dataset = _dataset_for_scoring()
    framework_id, day = _framework_and_date(dataset, framework, as_of)
    indicator_id = resolve_indicator(dataset, indicator)
    rows = rank_on_indicator(dataset, indicator_id, framework_id, day)
    pooled = next((f for f in national(dataset, framework_id, day) if f.indicator == indicator_id), None)
    if fmt is TableFormat.json:
        from tracker.export import as_of_source_json, indicator_json, national_json

        _print_json({
            "indicator": indicator_id, "framework": framework_id, "as_of": day.isoformat(), "as_of_source": as_of_source_json(dataset, day),
            "provinces": [{"rank": position, **indicator_json(r)} for position, r in rows],
            "national": national_json(pooled) if pooled else None,
        })
    else:
        from tracker.report import rank_table

        _print(rank_table(dataset, indicator_id, rows, pooled, lang.value, framework_id, day))


@app.command()
def stage(
    province: Annotated[str | None, typer.Argument(help="Only this province (id, English or Vietnamese name, pre-2025 province) or viet-nam.", show_default=False)] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """Maturity stages: each province's stage, what blocks the next one, the count per stage, the stages by year."""
    from tracker.names import resolve_region
    from tracker.stages import maturity_stage, stage_history_results

    dataset = _dataset_for_scoring()
    _, day = _framework_and_date(dataset, None, as_of)
    if dataset.maturity is None:
        raise fail("no maturity stages defined: indicators/maturity.yaml is missing")
    if province is not None:
        region, place = resolve_region(dataset, province)
        note, former = place.note(lang.value), place.resolved_from
        result = maturity_stage(dataset, region, day)
        history = stage_history_results(dataset, region, day)
        assert result is not None
        if fmt is TableFormat.json:
            from tracker.export import stage_json

            _print_json({"as_of": day.isoformat(), **(stage_json(result, history) or {})} | ({"resolved_from": former} if former else {}))
        else:
            from tracker.report import stage_region_view

            if note:
                typer.echo(note)
            _print(stage_region_view(dataset, result, history, day, lang.value))
        return
    results = [r for pid in dataset.provinces if (r := maturity_stage(dataset, pid, day)) is not None]
    firsts = [o.end.year for pid in dataset.provinces for obs in dataset.provinces[pid].observations.values() for o in obs if o.end <= day]
    since = min(firsts) if firsts else day.year
    histories = {pid: stage_history_results(dataset, pid, day, since) for pid in dataset.provinces}
    if fmt is TableFormat.json:
        from tracker.export import stages_json

        _print_json(stages_json(dataset, results, histories, day))
    else:
        from tracker.report import stage_table

        _print(stage_table(dataset, results, histories, day, lang.value))


@app.command()
def compare(
    province: Annotated[str, typer.Argument(help="Province id or name, or viet-nam for the nation (pooled figures beside the reported ones).", show_default=False)],
    benchmark: Annotated[str, typer.Option("--benchmark", "-b", help="Benchmark framework id, e.g. sweden-2025 or eu-digital-decade-2030.", show_default=False)],
    as_of: AsOfOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = Lang.vi,
) -> None:
    """One province (or the nation) beside a benchmark: latest figure, benchmark value and source, distance, year reached at the current pace."""
    from tracker.compare import compare_with_benchmark
    from tracker.names import resolve_region, suggest

    dataset = _dataset_for_scoring()
    if benchmark not in dataset.frameworks:
        benchmarks = sorted(fw.id for fw in dataset.frameworks.values() if fw.kind == "benchmark")
        hint = suggest(benchmark, benchmarks) or suggest(benchmark, sorted(dataset.frameworks))
        raise fail(f"unknown benchmark {benchmark!r}" + (hint or (f"; benchmarks: {', '.join(benchmarks)}" if benchmarks else "")))
    framework_id, day = _framework_and_date(dataset, benchmark, as_of)
    region, place = resolve_region(dataset, province)
    note, former = place.note(lang.value), place.resolved_from
    rows = compare_with_benchmark(dataset, region, framework_id, day)
    if fmt is TableFormat.json:
        from tracker.export import comparison_json

        _print_json(comparison_json(dataset, region.id, framework_id, day, rows) | ({"resolved_from": former} if former else {}))
    else:
        from tracker.report import compare_table

        if note:
            typer.echo(note)
        _print(compare_table(dataset, region.id, dataset.frameworks[framework_id], rows, day, lang.value))


def _finish_edit(result: EditResult, dry_run: bool, said: str | None = None) -> None:
    """Report an edit: refused (with located problems, exit 1), a dry run (the diff), or what was
    written; `said` is what the edit did in words (`record` names the figure and the one it replaced)."""
    shown = result.diff.splitlines()[0][len("--- a/"):] if result.diff else str(result.path)
    if result.refused:
        for p in result.problems:
            typer.echo(p.as_text(), err=True)
        typer.echo(f"refused: the edit would bring {sum(p.level == 'error' for p in result.problems)} error(s) into the data; {shown} is unchanged", err=True)
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))
    for p in result.problems:
        typer.echo(p.as_text(), err=True)
    if result.action == "unchanged":
        typer.echo(said or f"{shown}: unchanged (the file already says this)", err=True)
        return
    if dry_run:
        typer.echo(result.diff, nl=False)
        typer.echo(f"dry run: {said or f'would have {result.action} {shown}'}; nothing written", err=True)
        return
    typer.echo(said or f"{result.action}: {shown}", err=True)


@app.command()
def record(
    province: Annotated[str, typer.Argument(help="Province id, name or alias; or a former (pre-July-2025) province by name, id or ISO code (VN-68) for its own figures.", show_default=False)],
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. emr-hospital-coverage.", show_default=False)],
    period: Annotated[str, typer.Argument(help="YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.", show_default=False)],
    value: Annotated[str, typer.Argument(help="87.5 for a value, or 54/54 for numerator/denominator.", show_default=False)],
    source: Annotated[str, typer.Option("--source", "-s", help="URL or document reference (required).", show_default=False)],
    note: Annotated[str | None, typer.Option("--note", help="What was counted, or any remark.", show_default=False)] = None,
    quality: Annotated[str, typer.Option("--quality", help="reported, estimated or illustrative.")] = "reported",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the diff the edit would make and write nothing.")] = False,
    quote: Annotated[str | None, typer.Option("--quote", help="The sentence of the source that states the figure, verbatim.", show_default=False)] = None,
) -> None:
    """Add one observation (in period order) or update the one with that period; the file keeps its
    comments and layout, so the diff shows only that observation."""
    from tracker.edit import parse_value
    from tracker.edit import record as record_observation
    from tracker.load import display_path, find_root
    from tracker.recorded import figure_text, previous_observation, record_message

    root = find_root(state.data_dir)
    region_id, former = _edit_target(root, province, period)
    target = next((f for f in (root / "provinces" / f"{region_id}{suffix}" for suffix in (".yaml", ".yml")) if f.is_file()), None)
    previous = previous_observation(target, indicator, period.strip(), former) if target is not None else None
    result = record_observation(root, region_id, indicator, period, value, source, note, quality, dry_run, quote, former)
    number, numerator, denominator = parse_value(value)  # the edit has accepted it
    figure = figure_text(numerator, denominator, number)
    said = record_message(
        result.action, indicator, period.strip(), figure, quality, display_path(result.path, root), previous,
        note_given=bool(note and note.strip()), quote_given=bool(quote and quote.strip()), former=former, dry_run=dry_run,
    )
    _finish_edit(result, dry_run, said)


@app.command("set")
def set_command(
    province: Annotated[str, typer.Argument(help="Province id or name.", show_default=False)],
    field: Annotated[str, typer.Argument(help="name.en, name.vi, population.value, population.year or population.source.", show_default=False)],
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the diff the edit would make and write nothing.")] = False,
) -> None:
    """Set one top-level field of a province file (name or population), with the same guarantees as `record`."""
    from tracker.edit import set_field
    from tracker.load import find_root

    root = find_root(state.data_dir)
    _finish_edit(set_field(root, _edit_target(root, province)[0], field, value, dry_run), dry_run)


def _edit_target(root: Path, province: str, period: str | None = None) -> tuple[str, str | None]:
    """A province argument as (file id, former province id or None), resolved as `show` does. With a
    period ending before 1 July 2025, a name shared by a province and one of its former provinces
    (Bắc Ninh) means the former province; a former ISO code (VN-56) always does. An id naming a
    file is taken as it is for later periods without loading the data."""
    from tracker.model import ID_PATTERN, MERGER, period_end

    try:
        end = period_end(period) if period is not None else None
    except ValueError as exc:
        raise fail(str(exc)) from None
    if ((root / "provinces" / f"{province}.yaml").is_file() and (end is None or end >= MERGER)) or not province.strip():
        return province, None
    import re

    from tracker.load import load_dataset
    from tracker.names import resolve_place

    dataset, _ = load_dataset(root, use_cache=not state.no_cache)
    try:
        place = resolve_place(dataset, province, end)
    except TrackerError:
        if re.fullmatch(ID_PATTERN, province):
            return province, None  # the edit library names the closest match
        raise
    stem = dataset.stems.get(f"province:{place.region.id}", place.region.id)
    if place.former is None:
        return stem, None
    if end is None:
        raise fail(f"{province!r} is a former (pre-July-2025) province, now part of {place.region.id!r}; it has no fields to set")
    if end >= MERGER:
        raise fail(
            f"{place.former_name} became part of {place.region.name.vi} ({place.region.id}) on 1 July 2025: "
            f"a figure for {period} is {place.region.id}'s as a whole; record it for {place.region.id}"
        )
    return stem, place.former


import_app = typer.Typer(
    name="import",
    help="Record observations from a file: `tracker import csv FILE`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


@import_app.command("csv")
def import_csv_command(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, header row): province, indicator, period, value or numerator and denominator, source; optional quality, note.", show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the diffs the import would make and write nothing.")] = False,
    quality: Annotated[str, typer.Option("--quality", help="Quality of rows without one: reported, estimated or illustrative.")] = "reported",
) -> None:
    """Record the observations of a CSV. Rows for former (pre-July-2025) provinces are pooled into
    their province: numerators and denominators summed over every former province it was merged
    from. Each province file gets one validated, atomic edit; refused rows change nothing."""
    from tracker.importer import import_csv, summary
    from tracker.load import find_root

    root = find_root(state.data_dir)
    result = import_csv(root, file, dry_run=dry_run, quality=quality, use_cache=not state.no_cache)
    if dry_run:
        for outcome in result.files:
            if outcome.result is not None and not outcome.refused:
                typer.echo(outcome.result.diff, nl=False)
    for line in summary(result):
        typer.echo(line)
    if not result.ok:
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


class ExportFormat(str, Enum):
    markdown = "markdown"
    csv = "csv"
    json = "json"


def _stamp() -> str:
    """The time of generation for `--stamp`, in UTC; $SOURCE_DATE_EPOCH fixes it for reproducible builds."""
    import os
    from datetime import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except (ValueError, OverflowError, OSError):
        raise fail(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Argument(help="markdown (the ministry summary), csv (tidy tables) or json (the whole computed picture).", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, atomically (default: standard output); markdown also writes its pictures to the folder NAME-figures beside it.", show_default=False)] = None,
    lang: LangOpt = Lang.vi,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    province: Annotated[list[str] | None, typer.Option("--province", "-p", help="Only these provinces (repeatable); ranks stay national.", show_default=False)] = None,
    scores: Annotated[bool, typer.Option("--scores", help="csv: the computed results (attainment, gap, status...) instead of the observations.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="csv: for spreadsheets: a UTF-8 byte-order mark, province and indicator names in --lang, periods kept as text.")] = False,
    delimiter: Annotated[str, typer.Option("--delimiter", help="csv: the field separator, ',' or ';' (';' also writes decimal commas, for Excel in a Vietnamese locale).")] = ",",
    stamp: Annotated[bool, typer.Option("--stamp", help="markdown/json: add the time of generation (without it, the same data gives the same bytes).")] = False,
    map_indicator: Annotated[str | None, typer.Option("--map-indicator", help="markdown: colour the tile map by this indicator instead of the overall score.", show_default=False)] = None,
) -> None:
    """Ministry summary in Markdown (en/vi) with its pictures, tidy CSV tables, or the whole computed picture as JSON.

    `export markdown -o out/summary.md` also writes the pictures (SVG) to out/summary-figures/."""
    from tracker.files import atomic_write
    from tracker.names import resolve_region

    if fmt is not ExportFormat.csv and (scores or excel or delimiter != ","):
        raise fail("--scores, --excel and --delimiter apply to `export csv` only")
    if delimiter not in (",", ";"):
        raise fail(f"--delimiter: expected ',' or ';', got {delimiter!r}")
    if fmt is ExportFormat.csv and stamp:
        raise fail("--stamp applies to `export markdown` and `export json` only")
    if fmt is not ExportFormat.markdown and map_indicator is not None:
        raise fail("--map-indicator applies to `export markdown` only")
    to_file = output is not None and str(output) != "-"
    if to_file and output is not None:
        # Refuse before any work, so a typo in the path costs nothing and leaves nothing behind.
        if output.is_dir():
            raise fail(f"{output}: is a folder, not a file")
        parent = next((p for p in (output.parent, *output.parent.parents) if p.exists()), None)
        if parent is not None and not parent.is_dir():
            raise fail(f"{output}: {parent} is a file, not a folder")

    dataset = _dataset_for_scoring()
    framework_id, day = _framework_and_date(dataset, framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    if map_indicator is not None and map_indicator not in dataset.indicators:
        from tracker.names import suggest

        raise fail(f"--map-indicator: unknown indicator {map_indicator!r}" + suggest(map_indicator, sorted(dataset.indicators)))
    when = _stamp() if stamp else None
    pictures: dict[str, str] = {}
    folder = output.with_name(output.stem + "-figures") if to_file and output is not None else None
    if fmt is ExportFormat.csv and not scores:
        from tracker.export import observations_csv

        # Observations are data, not scores: every one of them unless --as-of asks for a cut-off.
        text = observations_csv(dataset, ids, day if as_of is not None else None, excel=excel, lang=lang.value, delimiter=delimiter)
    else:
        from tracker.national import scoreboard

        sb = scoreboard(dataset, framework_id, day, ids)
        if fmt is ExportFormat.csv:
            from tracker.export import scores_csv

            text = scores_csv(sb, excel=excel, dataset=dataset, lang=lang.value, delimiter=delimiter)
        elif fmt is ExportFormat.json:
            from tracker.export import export_json

            text = _json_text(export_json(dataset, sb, when)) + "\n"
        elif folder is None or (output is not None and output.exists() and not output.is_file()):
            from tracker.export import summary_markdown

            # To standard output (or a device): no folder to put pictures in; the text says how to get them.
            text = summary_markdown(dataset, sb, lang.value, stamp=when)
            folder = None
        else:
            from tracker.export import summary_document

            text, pictures = summary_document(dataset, sb, lang.value, figures_dir=folder.name, map_indicator=map_indicator,
                                              stamp=when)
    if not to_file or output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no out/ yet
    except OSError as exc:
        raise fail(f"{output.parent}: cannot create the folder ({exc.strerror or exc})") from None
    if pictures and folder is not None:
        from tracker.files import replace_folder

        # The pictures first, then the document that links them: a failure leaves the old document.
        try:
            replace_folder(folder, pictures)
        except OSError as exc:
            raise fail(f"{folder}: cannot write ({exc.strerror or exc})") from None
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    typer.echo(f"wrote {output}" + (f" and {len(pictures)} pictures in {folder}" if pictures and folder else ""), err=True)


def _resolve_annotations(group: typer.Typer) -> None:
    """Evaluate each command's annotations once, up front. They are text here (`from __future__
    import annotations`) and typer would evaluate every one twice while building the commands,
    which took about a third of `tracker --help`."""
    from typing import get_type_hints

    infos = [group.registered_callback, *group.registered_commands]
    for function in (info.callback for info in infos if info is not None and info.callback is not None):
        try:
            function.__annotations__ = get_type_hints(function, include_extras=True)
        except Exception:  # left as text: typer reports the problem as it would have
            pass
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _resolve_annotations(sub.typer_instance)


def _exit(code: int) -> None:
    """Leave without tearing the interpreter down: after a report on a large data folder, freeing
    its objects one by one took a quarter of the run. The output is flushed first, and nothing else
    is pending: commands write their files atomically and close them before they return."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away, or a closed stream
        pass
    os._exit(code)


def main() -> None:
    """Console entry point: no traceback for bad input, ever."""
    try:
        state.console = True
        _resolve_annotations(app)
        code = app(standalone_mode=False)
        _exit(code if isinstance(code, int) else 0)
    except TrackerError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(int(ExitCode.USAGE))
    except typer.Exit as exc:
        _exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # click's usage errors (typer may vendor click, so match by shape)
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(int(ExitCode.USAGE))
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        raise
