"""Writes never leave a partial file, and bad command-line input or a bad data folder gets one
clear line and exit 2.

A writer is killed (SIGKILL, no clean-up possible) at each step of the atomic write: after the
temp file is created, after the data is written, after fsync, just before and just after the
rename. The target then holds either its old or its whole new content; a temp file left by the
kill is ignored by the loader and removed by the next write. The library-level tests of failed
writes, conflicting edits and concurrent edits are in test_edit.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.isolated import run_forked, shared_tempdir
from tracker import files
from tracker.load import load_dataset

EMR = "emr-hospital-coverage"
PROVINCE = "provinces/bac-ninh.yaml"


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _after(module: object, name: str) -> Callable[[], None]:
    """A fault: `module.name` does its work, then the process is killed."""

    def install() -> None:
        real = getattr(module, name)

        def then_die(*args: object, **kwargs: object) -> object:
            real(*args, **kwargs)
            _die()

        setattr(module, name, then_die)

    return install


def _before(module: object, name: str) -> Callable[[], None]:
    """A fault: the process is killed when `module.name` is called."""
    return lambda: setattr(module, name, lambda *args, **kwargs: _die())


STEPS: dict[str, Callable[[], None]] = {
    "temp-file-created": _after(tempfile, "mkstemp"),
    "data-written": _before(os, "fsync"),
    "data-synced": _before(os, "chmod"),
    "before-rename": _before(os, "replace"),
    "after-rename": _after(os, "replace"),
}

COMMANDS = {
    "record": (PROVINCE, ["record", "bac-ninh", EMR, "2026-03", "54/54", "--source", "https://example.org/x"]),
    "set": (PROVINCE, ["set", "bac-ninh", "population.value", "3700000"]),
    "export": ("out/summary.json", ["export", "json", "-o", "{root}/out/summary.json"]),
}


def _prepare(folder: Path) -> Path:
    root = folder / "data"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "out").mkdir()
    (root / "out" / "summary.json").write_text("the previous export\n", encoding="utf-8")
    return root


def _args(root: Path, command: str) -> list[str]:
    return ["--data-dir", str(root), "--no-cache", *[a.format(root=root) for a in COMMANDS[command][1]]]


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What each command writes when nothing goes wrong."""
    outcomes = {}
    for command, (target, _) in COMMANDS.items():
        root = _prepare(tmp_path_factory.mktemp(command))
        result = run_forked(_args(root, command))
        assert result.returncode == 0, result.stderr
        outcomes[command] = (root / target).read_bytes()
    return outcomes


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_writer_killed_at_any_step_leaves_the_old_or_the_new_file(
    tmp_path: Path, written: dict[str, bytes], command: str, step: str
) -> None:
    root = _prepare(tmp_path)
    target = root / COMMANDS[command][0]
    original = target.read_bytes()

    killed = run_forked(_args(root, command), before=STEPS[step])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert target.read_bytes() == (written[command] if step == "after-rename" else original)
    assert load_dataset(root, use_cache=False)[1] == [], "a left-over temp file must not be read as data"

    again = run_forked(_args(root, command))
    assert again.returncode == 0, again.stderr
    assert target.read_bytes() == written[command]
    assert _temp_files(target.parent) == [], "the next write removes what the killed one left"


def test_a_live_writers_temp_file_is_not_removed(tmp_path: Path) -> None:
    """Only temp files no process holds are stale: another writer's work in progress stays."""
    import fcntl

    target = tmp_path / "file.yaml"
    target.write_text("a: 1\n")
    fd, busy = tempfile.mkstemp(prefix=".file.yaml.", suffix=".tmp", dir=tmp_path)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _, _dead = tempfile.mkstemp(prefix=".file.yaml.", suffix=".tmp", dir=tmp_path)
    other = tmp_path / ".other.yaml.abcdefgh.tmp"
    other.write_text("x")
    try:
        files.atomic_write(target, "a: 2\n")
        assert sorted(_temp_files(tmp_path)) == sorted([Path(busy).name, other.name])
    finally:
        os.close(fd)
    assert target.read_text() == "a: 2\n"


# --- concurrent edits --------------------------------------------------------------------------


def test_two_record_commands_at_once_both_land(mini: Path) -> None:
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"
    periods = ["2026-01", "2026-02"]
    runs = [
        subprocess.Popen(
            [
                tracker,
                "--data-dir",
                str(mini),
                "--no-cache",
                "record",
                "bac-ninh",
                EMR,
                period,
                "50/54",
                "--source",
                "x",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for period in periods
    ]
    results = [(run.wait(60), run.stderr.read() if run.stderr else "") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in results] == [0, 0], results
    text = (mini / PROVINCE).read_text(encoding="utf-8")
    assert all(f"period: {period}" in text for period in periods)
    assert load_dataset(mini, use_cache=False)[1] == []
    assert _temp_files(mini / "provinces") == []


def test_an_edit_that_cannot_get_the_lock_fails_clearly(mini: Path) -> None:
    before = (mini / PROVINCE).read_bytes()

    def impatient() -> None:
        locked = files.locked
        files.locked = lambda folder, timeout=30.0: locked(folder, 0.2)  # type: ignore[assignment]

    with files.locked(mini / "provinces"):  # another edit is under way
        result = run_forked(
            ["--data-dir", str(mini), "--no-cache", "record", "bac-ninh", EMR, "2026-03", "5/5", "-s", "x"],
            before=impatient,
        )
    assert result.returncode == 2
    assert result.stderr == "error: provinces/bac-ninh.yaml: another edit of this folder is still running; try again\n"
    assert (mini / PROVINCE).read_bytes() == before


# --- a folder the tool may not write ----------------------------------------------------------


@pytest.fixture
def shared_root() -> Iterator[Path]:
    """A copy of the small dataset that a process without root's privileges can read."""
    folder = shared_tempdir("tracker-readonly-")
    root = folder / "data"
    shutil.copytree(FIXTURES / "mini", root)
    yield root
    for sub in (root / "provinces", root):
        sub.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize(
    ("args", "folder", "message"),
    [
        (
            ["record", "bac-ninh", EMR, "2026-03", "5/5", "-s", "x"],
            "provinces",
            "error: provinces/bac-ninh.yaml: could not write: Permission denied; the file is unchanged\n",
        ),
        (
            ["set", "bac-ninh", "name.en", "Bac Ninh City"],
            "provinces",
            "error: provinces/bac-ninh.yaml: could not write: Permission denied; the file is unchanged\n",
        ),
        (
            ["export", "csv", "-o", "{root}/summary.csv"],
            ".",
            "error: {root}/summary.csv: cannot write (Permission denied)\n",
        ),
    ],
    ids=["record", "set", "export"],
)
def test_a_read_only_folder_is_a_clear_error(shared_root: Path, args: list[str], folder: str, message: str) -> None:
    """Run without root's privileges (root may write anywhere), so the folder's mode applies."""
    before = (shared_root / PROVINCE).read_bytes()
    (shared_root / folder).chmod(0o555)
    result = run_forked(
        ["--data-dir", str(shared_root), "--no-cache", *[a.format(root=shared_root) for a in args]], as_nobody=True
    )
    assert (result.returncode, result.stderr) == (2, message.format(root=shared_root))
    assert (shared_root / PROVINCE).read_bytes() == before
    assert _temp_files(shared_root / folder) == []


# --- bad command-line input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "bac-nin"], "error: unknown province 'bac-nin'; did you mean 'bac-ninh'"),
        (["show", "Bac Nin"], "error: unknown province 'Bac Nin'; did you mean 'bac-ninh'"),
        (
            ["rank", "emr-hospital-coverag"],
            "error: unknown indicator 'emr-hospital-coverag'; did you mean 'emr-hospital-coverage'?",
        ),
        (["report", "--province", "ha-no"], "error: unknown province 'ha-no'; did you mean 'ha-noi'"),
        (["gaps", "--province", "lai-chao"], "error: unknown province 'lai-chao'; did you mean 'lai-chau'?"),
        (
            ["record", "bac-nin", EMR, "2026-03", "5/5", "-s", "x"],
            "error: unknown province 'bac-nin'; did you mean 'bac-ninh'",
        ),
        (["record", "bac-ninh", "emr-coverage", "2026-03", "5/5", "-s", "x"], "did you mean 'emr-hospital-coverage'?"),
        (["set", "ha-no", "name.en", "X"], "error: unknown province 'ha-no'; did you mean 'ha-noi'"),
        (["record", "bac-ninh", EMR, "2026-03", "87%", "-s", "x"], "leave out the % sign"),
        (["record", "bac-ninh", EMR, "2026-03", "1,234", "-s", "x"], "no thousands separators"),
        (["record", "-s", "x", "--", "bac-ninh", EMR, "2026-03", "-5"], "cannot be negative"),
        (["record", "bac-ninh", EMR, "2026-03", "nan", "-s", "x"], "not a finite number"),
        (["record", "bac-ninh", EMR, "2026-03", "5/x", "-s", "x"], "numerator/denominator"),
        (["record", "bac-ninh", EMR, "2026-03", "", "-s", "x"], "is not a number"),
        (["record", "bac-ninh", EMR, "2025-13", "5/5", "-s", "x"], "month 13 does not exist"),
        (["record", "bac-ninh", EMR, "2025-02-30", "5/5", "-s", "x"], "day 30 does not exist"),
        (["record", "bac-ninh", EMR, "2025-Q5", "5/5", "-s", "x"], "quarter must be Q1-Q4"),
        (["record", "bac-ninh", EMR, "25", "5/5", "-s", "x"], "is not YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"),
        (["record", "bac-ninh", EMR, "２０２５", "5/5", "-s", "x"], "in ASCII digits"),
        (["record", "bac-ninh", EMR, "2025\n", "5/5", "-s", "x"], "in ASCII digits"),
        (["record", "bac-ninh", EMR, "2026-03", "5/5", "-s", "x", "--quality", "oficial"], "unknown quality 'oficial'"),
        (["report", "--as-of", "2025-Q5"], "error: --as-of: "),
        (["set", "bac-ninh", "population.value", "3,700,000"], "whole number"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(mini: Path, args: list[str], message: str) -> None:
    before = (mini / PROVINCE).read_bytes()
    result = run_forked(["--data-dir", str(mini), "--no-cache", *args])
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert (mini / PROVINCE).read_bytes() == before


# --- outside the data -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["report"], ["record", "bac-ninh", EMR, "2026", "5/5", "-s", "x"]])
@pytest.mark.parametrize("layout", ["missing", "a-file", "no-subfolders", "empty-subfolders"])
def test_a_missing_or_empty_data_folder_is_a_clear_error(tmp_path: Path, layout: str, command: list[str]) -> None:
    root = tmp_path / "data"
    if layout == "a-file":
        root.write_text("id: x\n")
    elif layout != "missing":
        root.mkdir()
    if layout == "empty-subfolders":
        (root / "indicators").mkdir()
        (root / "provinces").mkdir()
    result = run_forked(["--data-dir", str(root), "--no-cache", *command])
    assert result.returncode == 2
    expected = {
        "missing": "does not exist",
        "a-file": "is not a folder",
        "no-subfolders": "has no indicators/ and provinces/",
        "empty-subfolders": "is empty",
    }[layout]
    assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_diff_against_a_revision_the_repository_lacks(mini: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH: `tracker diff` reads revisions through it")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for git in (["init", "-q"], ["add", "."], ["commit", "-qm", "data"]):
        subprocess.run(["git", *git], cwd=mini, check=True, env=env, capture_output=True)
    for rev in ("no-such-branch", "HEAD~3", "0" * 40):
        result = run_forked(["--data-dir", str(mini), "--no-cache", "diff", rev])
        assert (result.returncode, result.stderr) == (2, f"error: unknown git revision {rev!r}\n")


@pytest.mark.parametrize("folder", ["provinces", "indicators/targets"])
@pytest.mark.parametrize("command", [["validate"], ["record", "bac-ninh", EMR, "2026", "5/5", "-s", "x"]])
def test_a_data_folder_that_cannot_be_listed_is_a_clear_error(
    shared_root: Path, folder: str, command: list[str]
) -> None:
    (shared_root / folder).chmod(0o311)  # may be entered, not listed
    try:
        result = run_forked(["--data-dir", str(shared_root), "--no-cache", *command], as_nobody=True)
    finally:
        (shared_root / folder).chmod(0o755)
    assert (result.returncode, result.stderr) == (
        2,
        f"error: cannot list the data folder {shared_root / folder}: Permission denied\n",
    )


# --- what the output path is ----------------------------------------------------------------


def test_export_writes_through_a_symlink_and_keeps_it(mini: Path) -> None:
    (mini / "real").mkdir()
    (mini / "real" / "summary.json").write_text("old\n")
    (mini / "summary.json").symlink_to("real/summary.json")
    result = run_forked(["--data-dir", str(mini), "--no-cache", "export", "json", "-o", str(mini / "summary.json")])
    assert result.returncode == 0, result.stderr
    assert (mini / "summary.json").is_symlink()
    assert (mini / "real" / "summary.json").read_text().startswith("{")
    assert _temp_files(mini) == _temp_files(mini / "real") == []


def test_export_into_a_pipe_streams_and_leaves_the_pipe(mini: Path) -> None:
    """`-o /dev/stdout` or a named pipe is written to; renaming a file over it would replace it."""
    import threading

    fifo = mini / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_forked(["--data-dir", str(mini), "--no-cache", "export", "csv", "-o", str(fifo)])
    reader.join(10)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"province")
    assert stat_kind(fifo) == "fifo"


def test_export_onto_a_device_leaves_the_device(mini: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = mini / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = run_forked(["--data-dir", str(mini), "--no-cache", "export", "json", "-o", str(device)])
    assert result.returncode == 0, result.stderr
    assert stat_kind(device) == "character device"


def test_record_into_a_symlinked_province_file_keeps_the_link(mini: Path) -> None:
    shared = mini / "shared"
    shared.mkdir()
    (mini / PROVINCE).rename(shared / "bac-ninh.yaml")
    (mini / PROVINCE).symlink_to("../shared/bac-ninh.yaml")
    result = run_forked(["--data-dir", str(mini), "--no-cache", "record", "bac-ninh", EMR, "2026-03", "5/6", "-s", "x"])
    assert result.returncode == 0, result.stderr
    assert (mini / PROVINCE).is_symlink()
    assert "period: 2026-03" in (shared / "bac-ninh.yaml").read_text(encoding="utf-8")


def stat_kind(path: Path) -> str:
    mode = path.lstat().st_mode
    return (
        "fifo"
        if stat.S_ISFIFO(mode)
        else "character device"
        if stat.S_ISCHR(mode)
        else "regular"
        if stat.S_ISREG(mode)
        else "other"
    )
