"""Reading git: running it, and copying a revision's data files out without touching the work tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tracker.problems import UsageError


class GitMissing(UsageError):
    """git itself cannot be run: not to be mistaken for a folder outside a repository."""


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise GitMissing("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def checkout_at(root: Path, rev: str, into: Path) -> Path:
    """Write the data files of `rev` (indicators/ and provinces/ under the data root) into `into`,
    reading them through git without touching the work tree. Returns the data root inside `into`."""
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], root).decode().strip())
    except GitMissing:
        raise
    except UsageError:
        raise UsageError(
            f"{root} is not inside a git repository; `tracker diff` compares with a git revision"
        ) from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except UsageError:
        raise UsageError(f"unknown git revision {rev!r}") from None
    prefix = Path(os.path.relpath(root.resolve(), top.resolve()))
    prefix_text = "" if str(prefix) == "." else prefix.as_posix() + "/"
    listed = _git(
        ["ls-tree", "-r", "-z", "--name-only", rev, "--", f"{prefix_text}indicators", f"{prefix_text}provinces"], top
    )
    names = [n for n in listed.decode("utf-8").split("\0") if n.endswith((".yaml", ".yml"))]
    old_root = into / "data"
    for folder in ("indicators/targets", "provinces"):
        (old_root / folder).mkdir(parents=True, exist_ok=True)
    if not names:
        return old_root
    batch = _git(["cat-file", "--batch"], top, "".join(f"{rev}:{n}\n" for n in names).encode("utf-8"))
    offset = 0
    for name in names:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        content = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        target = old_root / name[len(prefix_text) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return old_root
