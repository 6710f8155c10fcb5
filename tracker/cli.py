"""The command line: parses arguments, calls the library, picks a renderer, maps outcomes to exit codes."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker import __version__
from tracker.problems import ExitCode, TrackerError

if TYPE_CHECKING:
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
    data_dir: Optional[Path] = None


state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    data_dir: Annotated[
        Optional[Path],
        typer.Option("--data-dir", help="Folder holding indicators/ and provinces/ (else $TRACKER_DATA_DIR, else the nearest ancestor that has them).", show_default=False),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    state.data_dir = data_dir


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(int(code))


def _load(only: list[Path] | None = None) -> tuple["Dataset", list["Problem"]]:
    from tracker.load import find_root, load_dataset

    root = find_root(state.data_dir)
    return load_dataset(root, only)


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _github_line(p: "Problem") -> str:
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
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files to report on (default: every data file).", show_default=False)] = None,
    fmt: Annotated[ProblemFormat, typer.Option("--format", "-f", help="text, json or github (workflow annotations).")] = ProblemFormat.text,
) -> None:
    """Check every data file and the rules between them; print one located line per problem."""
    for path in paths or []:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file")
    _, problems = _load([p.absolute() for p in paths] if paths else None)
    if fmt is ProblemFormat.json:
        typer.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
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


def main() -> None:
    """Console entry point: no traceback for bad input, ever."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except TrackerError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(int(ExitCode.USAGE))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
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
