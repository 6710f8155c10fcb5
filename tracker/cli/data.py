"""The commands that check, change and write the data: validate, diff, schema, record, set, import, export."""

from __future__ import annotations

from datetime import UTC
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import (
    DEFAULT_FRAMEWORK,
    AsOfOpt,
    FrameworkOpt,
    Lang,
    LangOpt,
    ProvincesOpt,
    app,
    command_group,
    fail,
    json_text,
    load_data,
    print_json,
    scoring_context,
    state,
)
from tracker.problems import ExitCode, UsageError

if TYPE_CHECKING:
    from tracker.edit import EditResult
    from tracker.problems import Problem


class ProblemFormat(StrEnum):
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
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files to report on (default: every data file).", show_default=False)
    ] = None,
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="text, json or github (workflow annotations).")
    ] = ProblemFormat.text,
    no_warnings: Annotated[
        bool,
        typer.Option("--no-warnings", help="List errors only (the summary line still counts the warnings)."),
    ] = False,
) -> None:
    """Check every data file and the rules between them; print one located line per problem."""
    for path in paths or []:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file")
    _, problems = load_data([p.absolute() for p in paths] if paths else None)
    listed = [p for p in problems if p.level == "error"] if no_warnings else problems
    if fmt is ProblemFormat.json:
        typer.echo(json_text([p.as_dict() for p in listed]))
    elif fmt is ProblemFormat.github:
        for p in listed:
            typer.echo(_github_line(p))
    else:
        for p in listed:
            typer.echo(p.as_text())
        errors = sum(p.level == "error" for p in problems)
        warnings = len(problems) - errors
        unlisted = " (not listed: --no-warnings)" if no_warnings and warnings else ""
        summary = f"{errors} error(s), {warnings} warning(s){unlisted}"
        typer.echo(summary if problems else "no problems found", err=True)
    if any(p.rule == "unreadable" for p in problems):
        raise typer.Exit(int(ExitCode.USAGE))
    if any(p.level == "error" for p in problems):
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


class DiffFormat(StrEnum):
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    rev: Annotated[
        str, typer.Argument(help="Git revision to compare the working tree with (e.g. origin/main).")
    ] = "HEAD",
    framework: Annotated[
        str | None, typer.Option("--framework", help="Target framework id.", show_default=False)
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Score both sides as of this period (default: the later latest observation).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="markdown (a pull-request comment) or json.")
    ] = DiffFormat.markdown,
    lang: LangOpt = Lang.vi,
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
        print_json(diff_json(result))
    else:
        from tracker.load import load_dataset

        dataset, _ = load_dataset(root, use_cache=not state.no_cache)
        typer.echo(diff_markdown(result, dataset, lang.value))
    if result.new_problems:
        raise typer.Exit(int(ExitCode.DATA_PROBLEMS))


@app.command()
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Folder to write the *.schema.json files into, created if missing (default: print the province schema)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """JSON Schema of the data files, for editors (yaml-language-server) and CI."""
    from tracker.files import atomic_write
    from tracker.model import json_schemas

    schemas = json_schemas()
    if out is None:
        print_json(schemas["province.schema.json"])
        return
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    for filename, document in schemas.items():
        try:
            atomic_write(out / filename, json_text(document) + "\n")
        except OSError as exc:
            raise fail(f"{out / filename}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {len(schemas)} schema files to {out}", err=True)


def _finish_edit(result: EditResult, dry_run: bool, said: str | None = None) -> None:
    """Report an edit: refused (with located problems, exit 1), a dry run (the diff), or what was
    written; `said` is what the edit did in words (`record` names the figure and the one it replaced)."""
    shown = result.diff.splitlines()[0][len("--- a/") :] if result.diff else str(result.path)
    if result.refused:
        for p in result.problems:
            typer.echo(p.as_text(), err=True)
        typer.echo(
            f"refused: the edit would bring {sum(p.level == 'error' for p in result.problems)} "
            f"error(s) into the data; {shown} is unchanged",
            err=True,
        )
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
    province: Annotated[
        str,
        typer.Argument(
            help=(
                "Province id, name or alias; or a former (pre-July-2025) province by name, id or "
                "ISO code (VN-68) for its own figures."
            ),
            show_default=False,
        ),
    ],
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. emr-hospital-coverage.", show_default=False)],
    period: Annotated[str, typer.Argument(help="YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.", show_default=False)],
    value: Annotated[
        str, typer.Argument(help="87.5 for a value, or 54/54 for numerator/denominator.", show_default=False)
    ],
    source: Annotated[
        str, typer.Option("--source", "-s", help="URL or document reference (required).", show_default=False)
    ],
    note: Annotated[
        str | None, typer.Option("--note", help="What was counted, or any remark.", show_default=False)
    ] = None,
    quality: Annotated[str, typer.Option("--quality", help="reported, estimated or illustrative.")] = "reported",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff the edit would make and write nothing.")
    ] = False,
    quote: Annotated[
        str | None,
        typer.Option(
            "--quote", help="The sentence of the source that states the figure, verbatim.", show_default=False
        ),
    ] = None,
) -> None:
    """Add one observation (in period order) or update the one with that period; the file keeps its
    comments and layout, so the diff shows only that observation."""
    from tracker.edit import parse_value
    from tracker.edit import record as record_observation
    from tracker.load import display_path, find_root
    from tracker.recorded import figure_text, record_message

    root = find_root(state.data_dir)
    region_id, former = _edit_target(root, province, period)
    result = record_observation(
        root, region_id, indicator, period, value, source, note, quality, dry_run, quote, former
    )
    number, numerator, denominator = parse_value(value)  # the edit has accepted it
    figure = figure_text(numerator, denominator, number)
    said = record_message(
        result.action,
        indicator,
        period.strip(),
        figure,
        quality,
        display_path(result.path, root),
        result.replaced,
        note_given=bool(note and note.strip()),
        quote_given=bool(quote and quote.strip()),
        former=former,
        dry_run=dry_run,
    )
    _finish_edit(result, dry_run, said)


@app.command("set")
def set_command(
    province: Annotated[str, typer.Argument(help="Province id or name.", show_default=False)],
    field: Annotated[
        str,
        typer.Argument(
            help="name.en, name.vi, population.value, population.year or population.source.", show_default=False
        ),
    ],
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff the edit would make and write nothing.")
    ] = False,
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
    except UsageError:
        if re.fullmatch(ID_PATTERN, province):
            return province, None  # the edit library names the closest match
        raise
    stem = dataset.stems.get(f"province:{place.region.id}", place.region.id)
    if place.former is None:
        return stem, None
    if end is None:
        raise fail(
            f"{province!r} is a former (pre-July-2025) province, now part of {place.region.id!r}; "
            "it has no fields to set"
        )
    if end >= MERGER:
        raise fail(
            f"{place.former_name} became part of {place.region.name.vi} ({place.region.id}) on 1 July 2025: "
            f"a figure for {period} is {place.region.id}'s as a whole; record it for {place.region.id}"
        )
    return stem, place.former


import_app = command_group("import", "Record observations from a file: `tracker import csv FILE`.")
app.add_typer(import_app, name="import")


@import_app.command("csv")
def import_csv_command(
    file: Annotated[
        Path,
        typer.Argument(
            help=(
                "CSV (UTF-8, header row): province, indicator, period, value or numerator and "
                "denominator, source; optional quality, note."
            ),
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diffs the import would make and write nothing.")
    ] = False,
    quality: Annotated[
        str, typer.Option("--quality", help="Quality of rows without one: reported, estimated or illustrative.")
    ] = "reported",
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


class ExportFormat(StrEnum):
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
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            help="markdown (the ministry summary), csv (tidy tables) or json (the whole computed picture).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Write to this file, atomically (default: standard output); markdown also writes "
                "its pictures to the folder NAME-figures beside it."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = Lang.vi,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    province: ProvincesOpt = None,
    scores: Annotated[
        bool,
        typer.Option(
            "--scores", help="csv: the computed results (attainment, gap, status...) instead of the observations."
        ),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help=(
                "csv: for spreadsheets: a UTF-8 byte-order mark, province and indicator names in "
                "--lang, periods kept as text."
            ),
        ),
    ] = False,
    delimiter: Annotated[
        str,
        typer.Option(
            "--delimiter",
            help=(
                "csv: the field separator, ',' or ';' (';' also writes decimal commas, for Excel "
                "in a Vietnamese locale)."
            ),
        ),
    ] = ",",
    stamp: Annotated[
        bool,
        typer.Option(
            "--stamp",
            help="markdown/json: add the time of generation (without it, the same data gives the same bytes).",
        ),
    ] = False,
    map_indicator: Annotated[
        str | None,
        typer.Option(
            "--map-indicator",
            help="markdown: colour the tile map by this indicator instead of the overall score.",
            show_default=False,
        ),
    ] = None,
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

    dataset, framework_id, day = scoring_context(framework, as_of)
    ids = [resolve_region(dataset, p)[0].id for p in province] if province else None
    if map_indicator is not None and map_indicator not in dataset.indicators:
        from tracker.names import suggest

        raise fail(
            f"--map-indicator: unknown indicator {map_indicator!r}" + suggest(map_indicator, sorted(dataset.indicators))
        )
    when = _stamp() if stamp else None
    pictures: dict[str, str] = {}
    folder = output.with_name(output.stem + "-figures") if to_file and output is not None else None
    if fmt is ExportFormat.csv and not scores:
        from tracker.documents import observations_csv

        # Observations are data, not scores: every one of them unless --as-of asks for a cut-off.
        text = observations_csv(
            dataset, ids, day if as_of is not None else None, excel=excel, lang=lang.value, delimiter=delimiter
        )
    else:
        from tracker.national import scoreboard

        sb = scoreboard(dataset, framework_id, day, ids)
        if fmt is ExportFormat.csv:
            from tracker.documents import scores_csv

            text = scores_csv(sb, excel=excel, dataset=dataset, lang=lang.value, delimiter=delimiter)
        elif fmt is ExportFormat.json:
            from tracker.documents import export_json

            text = json_text(export_json(dataset, sb, when)) + "\n"
        elif folder is None or (output is not None and output.exists() and not output.is_file()):
            from tracker.summary import summary_markdown

            # To standard output (or a device): no folder to put pictures in; the text says how to get them.
            text = summary_markdown(dataset, sb, lang.value, stamp=when)
            folder = None
        else:
            from tracker.summary import summary_document

            text, pictures = summary_document(
                dataset, sb, lang.value, figures_dir=folder.name, map_indicator=map_indicator, stamp=when
            )
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
    typer.echo(
        f"wrote {output}" + (f" and {len(pictures)} pictures in {folder}" if pictures and folder else ""), err=True
    )
