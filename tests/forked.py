"""Run the console script's `main()` in a process forked from a preloaded twin, as if started afresh.

Starting `tracker` costs a quarter of a second (the interpreter, then pydantic, ruamel and rich), and
hundreds of tests run it: most of the suite's time. So each test process forks, before any test runs, a
*zygote*: a copy of itself that imports the tracker and its dependencies and then only waits. For
each command the zygote forks a child, which takes the command's arguments, working folder,
environment and output files, runs `tracker.cli.main()` and ends with `os._exit`, as the console
script does. The child never inherits what tests did in the test process (caches filled, functions
monkeypatched, the cyclic collector switched off, `tracker.cli.state`): the zygote was forked
before them. What a fresh interpreter sets up that a fork would not carry over (standard streams,
signal handlers, the collector, the environment) is set up again in `_become_fresh`.

Tests about the process itself use `run_process`, a real one: the entry points, what a run imports,
signals and privileges. Without fork() (or with TRACKER_TESTS_SUBPROCESS=1, to compare) every
command runs as a real process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import io
import os
import pickle
import random
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
import types
from pathlib import Path
from typing import Any, NoReturn

TIMEOUT = 60.0
TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"

_PID = struct.Struct("q")
_STATUS = struct.Struct("qi")


def forking_available() -> bool:
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and hasattr(socket, "send_fds")
        and not os.environ.get("TRACKER_TESTS_SUBPROCESS")
    )


def run_process(
    args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` as a real process started from the console script."""
    return subprocess.run([TRACKER, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


def run_forked(
    args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` as `run_process` runs it, in a child of the zygote: the same exit code (minus
    the signal that ended it), the same output decoded the same way, the same TimeoutExpired."""
    zygote = _zygote()
    if zygote is None or not zygote.serves(env) or (cwd is not None and not Path(cwd).is_dir()):
        return run_process(args, env, cwd, timeout)  # (a missing folder: subprocess's own error)
    request = pickle.dumps(([TRACKER, *args], str(cwd if cwd is not None else Path.cwd()), env))
    with _one_at_a_time, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        socket.send_fds(zygote.channel, [request], [out.fileno(), err.fileno()])
        (pid,) = _PID.unpack(zygote.receive(_PID.size))
        ready, _, _ = select.select([zygote.channel], [], [], timeout)
        if not ready:
            with contextlib.suppress(ProcessLookupError):  # the zygote has not reaped it: the pid is still its
                os.kill(pid, signal.SIGKILL)
        _, status = _STATUS.unpack(zygote.receive(_STATUS.size))
        stdout, stderr = _text(out), _text(err)
    command = [TRACKER, *args]
    if not ready:
        raise subprocess.TimeoutExpired(command, timeout, output=stdout, stderr=stderr)
    return subprocess.CompletedProcess(command, os.waitstatus_to_exitcode(status), stdout, stderr)


def _text(file: Any) -> str:
    """What subprocess.run(text=True) makes of the bytes: the locale's encoding, universal newlines."""
    import locale

    file.seek(0)
    data: bytes = file.read()
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


class _Zygote:
    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.pid = os.fork()
        if self.pid == 0:  # the zygote: never returns into the test process
            try:
                ours.close()
                _serve(theirs)
            finally:
                os._exit(0)
        theirs.close()
        self.channel = ours
        self.owner = os.getpid()
        self.started_with = _read_at_start(dict(os.environ))

    def serves(self, env: dict[str, str]) -> bool:
        """Whether a child can run with ENV: the variables read at start-up are those the zygote
        started with (a command that sets PYTHONUTF8 or LANG needs a new interpreter)."""
        return _read_at_start(env) == self.started_with

    def receive(self, size: int) -> bytes:
        data = self.channel.recv(size)
        if len(data) != size:
            raise RuntimeError("the zygote that forks tracker commands for the tests ended unexpectedly")
        return data

    def stop(self) -> None:
        if os.getpid() == self.owner:
            self.channel.close()  # the zygote reads end-of-file and leaves
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


_current: _Zygote | None = None

# Read once, when the interpreter starts (the locale, Python's own settings) or when typer and rich
# are imported; every other variable is read when a command runs, and the child has the command's.
_AT_START = (
    "LANG",
    "LANGUAGE",
    "TYPER_USE_RICH",  # typer
    "TERMINAL_WIDTH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "GITHUB_ACTIONS",
    "FORCE_COLOR",
    "PY_COLORS",
)


def _read_at_start(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k in _AT_START or k.startswith(("PYTHON", "LC_"))}


def start() -> None:
    """Fork the zygote now (the test session calls this before any test runs)."""
    global _current
    if _current is None and forking_available():
        _current = _Zygote()


def stop() -> None:
    global _current
    if _current is not None:
        _current.stop()
        _current = None


def _zygote() -> _Zygote | None:
    """This process's zygote; None where none can serve it: no fork(), or a process forked from the
    test process (the channel is its parent's)."""
    start()
    return _current if _current is not None and _current.owner == os.getpid() else None


_one_at_a_time = threading.Lock()  # the zygote serves one command at a time, on one channel


def _preload() -> None:
    """Import what a command may import, once: the tracker's modules and, through them, pydantic,
    ruamel and rich. Importing runs no command: no cache is filled."""
    import pkgutil

    import tracker
    import tracker.cli

    for module in pkgutil.walk_packages(tracker.__path__, "tracker."):
        if module.name.endswith(".__main__"):  # that one runs the command line
            continue
        with contextlib.suppress(Exception):
            __import__(module.name)
    for name in ("json", "csv", "difflib", "fractions", "tempfile", "click.parser", "click.shell_completion"):
        with contextlib.suppress(Exception):
            __import__(name)


def _serve(channel: socket.socket) -> None:
    # Signals meant for the test process (a ^C) are its business: the zygote ends when the channel closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _preload()
    gc.collect()
    # What the zygote holds is shared with every child; a frozen heap is not walked (nor its pages
    # copied) by the children's collector. It changes when memory is freed, never what a command does.
    gc.freeze()
    while True:
        message, fds, _, _ = socket.recv_fds(channel, 1 << 20, 2)
        if not message:
            return
        argv, cwd, env = pickle.loads(message)
        pid = os.fork()
        if pid == 0:
            channel.close()
            _child(argv, cwd, env, fds[0], fds[1])
        for fd in fds:
            os.close(fd)
        channel.send(_PID.pack(pid))
        _, status = os.waitpid(pid, 0)
        channel.send(_STATUS.pack(pid, status))


def _child(argv: list[str], cwd: str, env: dict[str, str], out: int, err: int) -> NoReturn:
    code = 1
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        _become_fresh(argv, cwd, env)
        from tracker.cli import main

        main()  # ends the process itself on its usual paths
        code = 0
    except SystemExit as exc:  # what the interpreter does with it at the end of a process
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            print(exc.code, file=sys.stderr)
    except BaseException:  # an uncaught exception: the interpreter prints it and exits 1
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _become_fresh(argv: list[str], cwd: str, env: dict[str, str]) -> None:
    """Set up what the interpreter sets up when it starts, for what the zygote inherited from the
    test process: pytest replaced the standard streams and may hold signal handlers and the fault
    handler; the environment, folder and arguments are the command's."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = argv
    # The console script is the main module (click names the program after it), not pytest's.
    script = types.ModuleType("__main__")
    script.__file__ = argv[0]
    sys.modules["__main__"] = script
    encoding, errors = _stream_encoding(env)
    stdin = None
    with contextlib.suppress(OSError):
        os.fstat(0)
        stdin = io.TextIOWrapper(open(0, "rb", closefd=False), encoding=encoding, errors=errors)  # noqa: SIM115
    stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding=encoding, errors=errors)  # noqa: SIM115
    stderr = io.TextIOWrapper(
        open(2, "wb", closefd=False),  # noqa: SIM115
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=True,
    )
    sys.stdin = sys.__stdin__ = stdin  # type: ignore[misc]  (assigning the originals is the point)
    sys.stdout = sys.__stdout__ = stdout  # type: ignore[misc]
    sys.stderr = sys.__stderr__ = stderr  # type: ignore[misc]
    sys.excepthook = sys.__excepthook__
    signal.set_wakeup_fd(-1)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    for number in signal.valid_signals():
        wanted: Any = {
            signal.SIGINT: signal.default_int_handler,
            signal.SIGPIPE: signal.SIG_IGN,
            signal.SIGXFSZ: signal.SIG_IGN,
        }.get(number, signal.SIG_DFL)
        with contextlib.suppress(OSError, ValueError, TypeError):
            if signal.getsignal(number) not in (wanted, None):
                signal.signal(number, wanted)
    if env.get("PYTHONFAULTHANDLER"):
        faulthandler.enable()
    else:
        faulthandler.disable()
    gc.enable()
    tempfile.tempdir = None  # found again from the command's TMPDIR, as a new process would
    random.seed()  # a fresh process draws its own seed; a fork would repeat the zygote's draws


def _stream_encoding(env: dict[str, str]) -> tuple[str, str]:
    """The standard streams' encoding and error handler, as the interpreter picks them."""
    import locale

    chosen = env.get("PYTHONIOENCODING", "")
    encoding, _, errors = chosen.partition(":")
    if not encoding:
        encoding = "utf-8" if sys.flags.utf8_mode else locale.getpreferredencoding(False)
    if not errors:
        lenient = sys.flags.utf8_mode or locale.setlocale(locale.LC_CTYPE) in ("C", "POSIX")
        errors = "surrogateescape" if lenient else "strict"
    return encoding, errors
