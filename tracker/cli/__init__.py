"""The command line: parses arguments, calls the library, picks a renderer, maps outcomes to exit codes.

This module holds the typer app, the global options, the options and helpers the commands share,
and `main`; the commands live by group in `tracker.cli.reports` (what the data says) and
`tracker.cli.data` (checking, editing and writing the data), imported at the end to register them.
Every command imports the library it needs inside its body, so `tracker --help` stays fast."""

from __future__ import annotations

import contextlib
import importlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import __version__
from tracker.problems import ExitCode, UsageError

if TYPE_CHECKING:
    from datetime import date

    from tracker.model import Dataset
    from tracker.problems import Problem


def command_group(name: str, help: str) -> typer.Typer:
    """A typer app or command group as every one of ours is set up: help without arguments, no shell
    completion, no rich tracebacks or markup (errors are ours, one line each)."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


app = command_group("tracker", "Track how far Vietnam's provinces have come in digitising health care.")


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
        typer.Option(
            "--data-dir",
            help=(
                "Folder holding indicators/ and provinces/ (else $TRACKER_DATA_DIR, else the "
                "nearest ancestor that has them)."
            ),
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every file afresh instead of using the cache of parsed files.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    state.data_dir = data_dir
    state.no_cache = no_cache


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(int(code))


def load_data(only: list[Path] | None = None) -> tuple[Dataset, list[Problem]]:
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


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


DEFAULT_FRAMEWORK = "smart-healthcare-2030"

FrameworkOpt = Annotated[
    str | None,
    typer.Option("--framework", help=f"Target framework id (default {DEFAULT_FRAMEWORK}).", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help=(
            "Score as of the end of this period (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD); default: the latest observation."
        ),
        show_default=False,
    ),
]
ProvincesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--province",
        "-p",
        help="Only these provinces (repeatable; by id, name or alias); ranks stay national.",
        show_default=False,
    ),
]
TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="TRACKER_LANG",
        help="Names and labels in Vietnamese (vi) or English (en); default $TRACKER_LANG, else vi.",
    ),
]


def dataset_for_scoring() -> Dataset:
    """Load the data; refuse to score data with errors (exit 1) rather than print wrong numbers."""
    dataset, problems = load_data()
    errors = [p for p in problems if p.level == "error"]
    if errors:
        for p in errors[:10]:
            typer.echo(p.as_text(), err=True)
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise fail(f"the data has {len(errors)} error(s){more}; run `tracker validate`", ExitCode.DATA_PROBLEMS)
    return dataset


def scoring_context(framework: str | None, as_of: str | None) -> tuple[Dataset, str, date]:
    """The data loaded for scoring, the framework (the default when None) and the as-of date."""
    dataset = dataset_for_scoring()
    return (dataset, *framework_and_date(dataset, framework, as_of))


def framework_and_date(dataset: Dataset, framework: str | None, as_of: str | None) -> tuple[str, date]:
    from tracker.asof import as_of_date
    from tracker.model import period_end
    from tracker.names import suggest

    framework = framework or (
        DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in dataset.frameworks else next(iter(sorted(dataset.frameworks)), "")
    )
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


def print_rich(renderable: object) -> None:
    """Print a rich renderable; to a pipe or file, without the spaces that pad lines to the width
    (they make diffs of saved output noisy and trip trailing-space checks)."""
    from rich.console import Console

    console = Console(highlight=False)
    # Not cropped at the width: a URL runs past it rather than being cut (terminal.source_lines).
    if console.is_terminal:
        console.print(renderable, crop=False)
        return
    with console.capture() as captured:
        console.print(renderable, crop=False)
    typer.echo("\n".join(line.rstrip() for line in captured.get().split("\n")), nl=False)


def json_text(document: object) -> str:
    import json  # here, not at the top: every command would pay for it at start-up

    return json.dumps(document, ensure_ascii=False, indent=2)


def print_json(document: object) -> None:
    typer.echo(json_text(document))


def _resolve_annotations(group: typer.Typer) -> None:
    """Evaluate each command's annotations once, up front. They are text here (`from __future__
    import annotations`) and typer would evaluate every one twice while building the commands,
    which took about a third of `tracker --help`."""
    from typing import get_type_hints

    infos = [group.registered_callback, *group.registered_commands]
    for function in (info.callback for info in infos if info is not None and info.callback is not None):
        # An annotation that cannot be resolved is left as text: typer reports it as it would have.
        with contextlib.suppress(Exception):
            function.__annotations__ = get_type_hints(function, include_extras=True)
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
    except UsageError as exc:
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


# The commands register themselves on `app` when their modules are imported (here, at the end:
# they import the app and the shared helpers above).
for _group in ("data", "reports"):
    importlib.import_module(f"tracker.cli.{_group}")

# `tracker --help` lists the commands in this order: checks, then reports, then edits and exports.
COMMAND_ORDER = (
    "validate",
    "diff",
    "schema",
    "list",
    "report",
    "show",
    "coverage",
    "gaps",
    "rank",
    "stage",
    "compare",
    "record",
    "set",
    "export",
)
app.registered_commands.sort(key=lambda info: COMMAND_ORDER.index(info.name or getattr(info.callback, "__name__", "")))
