"""Run the command line in a child process with a time and memory limit, cheaply.

Starting the console script costs a third of a second (the imports); a hundred corpus cases
would take most of the suite's time budget. So the child is forked from the test process, which
has imported the package already: every case still runs in its own process, under its own
`RLIMIT_AS` and deadline, and a crash (a signal, a traceback) cannot take the test run with it.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

MEMORY = 1 << 30  # each case may map 1 GiB more than the test process already has
TIMEOUT = 20.0
NOBODY = 65534

can_fork = hasattr(os, "fork") and sys.platform.startswith("linux")


@dataclass(frozen=True)
class Outcome:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float


def _mapped_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


_warm = False


def _warm_up() -> None:
    """Import in the test process what a command needs, once: the children then start at once, and
    a child without root's privileges need not read the interpreter's own files."""
    global _warm
    if _warm:
        return
    import difflib  # noqa: F401
    import fractions  # noqa: F401
    import resource  # noqa: F401

    from typer.testing import CliRunner

    from tests.conftest import FIXTURES
    from tracker import cli, edit, names  # noqa: F401
    from tracker.load import load_dataset

    load_dataset(FIXTURES / "mini", use_cache=False)
    # The commands the unprivileged cases run, once in this process: the modules they import on
    # the way (typer's option parser among them) are then loaded before a child drops root, which
    # matters when the checkout sits in a folder that only root may enter.
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(FIXTURES / "mini", root)
        base = ["--data-dir", str(root), "--no-cache"]
        for args in (
            ["validate", "--format", "json"],
            ["record", "bac-ninh", "emr-hospital-coverage", "2025-10", "5/5", "-s", "x"],
            ["set", "bac-ninh", "name.en", "Bac Ninh City"],
            ["export", "csv", "-o", str(Path(folder) / "out.csv")],
        ):
            CliRunner().invoke(cli.app, [*base, *args])
    _warm = True


def shared_tempdir(prefix: str) -> Path:
    """A new temporary folder that a process without root's privileges can enter (pytest's own
    tmp_path is private); skips the test when the temporary folder's parents do not allow it."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    if any(not parent.stat().st_mode & 0o001 for parent in folder.parents):
        shutil.rmtree(folder)
        pytest.skip(f"{folder.parent} cannot be entered by other users")
    return folder


_droppable: bool | None = None


def _can_drop_root() -> bool:
    global _droppable
    if _droppable is None:
        pid = os.fork()
        if pid == 0:
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            except OSError:
                os._exit(1)
            os._exit(0)
        _droppable = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    return _droppable


def run_forked(
    args: list[str],
    *,
    timeout: float = TIMEOUT,
    memory: int = MEMORY,
    as_nobody: bool = False,
    before: Callable[[], None] | None = None,
) -> Outcome:
    """`tracker ARGS` in a forked child: its exit code (or minus the signal that ended it), output
    and wall time. `as_nobody` drops root's privileges first, so that file permissions apply;
    `before` runs in the child first (to inject a fault)."""
    if not can_fork:
        pytest.skip("needs fork() and /proc (Linux)")
    from tracker import cli

    _warm_up()
    if as_nobody and os.geteuid() == 0 and not _can_drop_root():
        pytest.skip("cannot drop root's privileges here (no CAP_SETUID), so file permissions do not apply")
    limit = _mapped_bytes() + memory
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
                sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
                import resource

                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(int(timeout) + 1)
                if as_nobody and os.geteuid() == 0:
                    os.setgroups([])
                    os.setgid(NOBODY)
                    os.setuid(NOBODY)
                if before is not None:
                    before()
                sys.argv = ["tracker", *args]
                cli.main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:  # what the interpreter would print for an uncaught exception
                traceback.print_exc()
                code = 1
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        deadline = started + timeout
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise AssertionError(f"tracker {' '.join(args)} ran longer than {timeout} s")
            time.sleep(0.002)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        outcome = Outcome(
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
        )
    if as_nobody and "Traceback" in outcome.stderr and "ModuleNotFoundError" in outcome.stderr:
        # The child could not import a module the warm-up missed: the interpreter or the
        # checkout lies in a folder other users cannot enter. That says nothing about the tool
        # (a PermissionError from the data, which these cases are about, still fails).
        pytest.skip(
            f"an unprivileged process cannot read Python's modules here ({sys.prefix} or the checkout is private)"
        )
    return outcome
