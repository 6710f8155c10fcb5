"""Crash-safe writing: atomic file writes, folder swaps and folder locks; a crash leaves the old or the new.

Nothing here reads YAML: writing a CSV, a summary or a JSON Schema does not need ruamel.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.problems import LockTimeout


def atomic_write(path: Path, text: str, sync_folder: bool = True) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file, never half of one.

    Temp file in the same folder, fsync, rename; the original file mode is kept. The temp file is
    locked (flock) from its creation to the rename, so a writer killed on the way leaves an unlocked
    temp file behind, which the next write to `path` removes.

    A symbolic link stays a link: the file it points to is replaced. A device or a pipe
    (`-o /dev/stdout`) is written to, not replaced: renaming over /dev/null would swap the
    device for a plain file.

    `sync_folder=False` leaves the rename to be made durable by the caller (`sync`), once for
    several files written one after another."""
    data = text.encode("utf-8")
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "wb") as stream:
            stream.write(data)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    mode = info.st_mode & 0o7777 if info is not None else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _flock(fd, blocking=True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    _remove_stale_temps(path)
    if sync_folder:
        sync(path.parent)


def sync(folder: Path) -> None:
    """Make the renames in `folder` durable (fsync of the folder; nothing where that is not possible)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _flock(fd: int, blocking: bool) -> None:
    """Take an exclusive advisory lock on `fd` (nothing where there are no advisory locks).
    Raises BlockingIOError when not `blocking` and another process holds it."""
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))


def _remove_stale_temps(path: Path) -> None:
    """Remove the temp files of writers of `path` that died before their rename: named as
    `atomic_write` names them and no longer locked by a living writer."""
    if os.name != "posix":
        return
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        names = [name for name in os.listdir(path.parent) if pattern.fullmatch(name)]
    except OSError:
        return
    for name in names:
        stale = path.parent / name
        try:
            fd = os.open(stale, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            _flock(fd, blocking=False)  # BlockingIOError: its writer is still at work
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.unlink(stale)
        except OSError:
            pass
        finally:
            os.close(fd)


@contextmanager
def locked(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an advisory lock on `folder` (flock on the folder itself, so no lock file is left
    behind) while its files are read, changed and written; cooperating processes take turns.
    Raises LockTimeout after `timeout` seconds rather than hanging."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here; each write is still atomic
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{folder} is locked by another edit") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def replace_folder(folder: Path, files: dict[str, str]) -> None:
    """Make `folder` hold exactly `files` (name -> text), so that a crash leaves the old folder or the new one.

    The files are written to a temporary folder beside it, each one atomically, and the folder is
    then swapped in by two renames; the old one is removed last. Files from an earlier run that
    this one does not write (a map of another indicator) go with the old folder. Raises OSError
    naming `folder`; nothing is left behind."""
    import shutil

    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(folder))
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    old: Path | None = None
    try:
        # mkdtemp makes a private folder; give it the old folder's mode, else what the umask allows.
        if folder.is_dir():
            mode = folder.stat().st_mode & 0o7777
        else:
            mask = os.umask(0o022)
            os.umask(mask)
            mode = 0o777 & ~mask
        os.chmod(staging, mode)
        for name, text in files.items():
            atomic_write(staging / name, text)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
            os.rename(folder, old / folder.name)
        os.rename(staging, folder)
    except OSError as exc:
        if old is not None and not folder.exists() and (old / folder.name).exists():
            os.rename(old / folder.name, folder)
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(folder)) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
