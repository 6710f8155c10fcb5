"""A cache of parsed, validated files keyed by their content, so a warm run skips YAML parsing.

Entries are keyed by a hash of the file's path, kind and bytes together with the code that parses
them, so a changed file (or a changed tracker) is always read afresh: the cache can be slow to
fill but never stale. It lives in $TRACKER_CACHE_DIR, else $XDG_CACHE_HOME/tracker, else
~/.cache/tracker; delete the folder at any time. `--no-cache` or TRACKER_NO_CACHE=1 bypasses it.
Results computed from the whole root (the cross-file checks, the scored scoreboard) are kept too,
keyed by every file's key and by what else they depend on (see `package_salt`).

Every edit of a data file leaves the entry of its old content behind, so the first run that adds
an entry also removes the ones no run has used for MAX_AGE_DAYS (a hit marks an entry used once a
day, so a warm run costs no writes) and temporary files a writer left an hour ago or more.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

# The code that turns a file into what an entry holds: parsed models and located problems; and
# the cross-file checks, whose results over unchanged files are kept too (see load._cross_file).
# (load.py words its validation messages from the catalogue: a changed wording is a changed entry.)
_CODE = (
    "checks.py",
    "model.py",
    "load.py",
    "yamlfile/guard.py",
    "yamlfile/lines.py",
    "yamlfile/read.py",
    "yamlfile/locate.py",
    "cache.py",
    "messages_en.py",
)
MAX_AGE_DAYS = 30
_package_salt: bytes | None = None
_DAY = 86400.0


def cache_dir() -> Path:
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker"


def package_salt() -> bytes:
    """A digest of every module of tracker/ (its .py files, by name): what a result computed from
    the loaded data (the scored scoreboard) depends on besides the data, the arguments and the day.
    Wider than any one result needs, so that no module it depends on can be left out."""
    global _package_salt
    if _package_salt is None:
        code = hashlib.blake2b(digest_size=16)
        for path in sorted(Path(__file__).parent.glob("*.py")):
            code.update(f"{path.name}\0".encode())
            code.update(path.read_bytes())
            code.update(b"\0")
        _package_salt = code.digest()
    return _package_salt


class FileCache:
    def __init__(self, folder: Path, salt: bytes) -> None:
        self.folder = folder
        self.salt = salt
        self.pruned = False

    @classmethod
    def open(cls) -> FileCache | None:
        """The cache, or None when disabled or its folder cannot be made (the run goes on uncached)."""
        if os.environ.get("TRACKER_NO_CACHE"):
            return None
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return None
        code = hashlib.blake2b(digest_size=16)
        here = Path(__file__).parent
        for name in _CODE:
            code.update((here / name).read_bytes())
        return cls(folder, code.digest())

    def key(self, shown: str, kind: str, raw: bytes) -> str:
        digest = hashlib.blake2b(self.salt, digest_size=20)
        digest.update(f"{shown}\0{kind}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> Any:
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                value = pickle.load(handle)
                if time.time() - os.fstat(handle.fileno()).st_mtime > _DAY:
                    os.utime(handle.fileno())  # in use: keep it past the next prune
                return value
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        if not self.pruned:
            self.pruned = True
            self.prune()
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pickle")
        except OSError:
            pass

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Remove entries unused for `max_age_days` and stale temporary files; returns how many went."""
        now = time.time()
        removed = 0
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0
        for entry in entries:
            limit = (
                max_age_days * _DAY
                if entry.name.endswith(".pickle")
                else 3600.0
                if entry.name.endswith(".tmp")
                else None
            )
            try:
                if (
                    limit is not None
                    and entry.is_file(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > limit
                ):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                pass  # another run removed or replaced it
        return removed
