"""A cache of parsed, validated files keyed by their content, so a warm run skips YAML parsing.

Entries are keyed by a hash of the file's path, kind and bytes together with the code that parses
them, so a changed file (or a changed tracker) is always read afresh: the cache can be slow to
fill but never stale. It lives in $TRACKER_CACHE_DIR, else $XDG_CACHE_HOME/tracker, else
~/.cache/tracker; delete the folder at any time. `--no-cache` or TRACKER_NO_CACHE=1 bypasses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

_CODE = ("model.py", "load.py", "yamlfile.py", "cache.py")


def cache_dir() -> Path:
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker"


class FileCache:
    def __init__(self, folder: Path, salt: bytes) -> None:
        self.folder = folder
        self.salt = salt

    @classmethod
    def open(cls) -> "FileCache | None":
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
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pickle")
        except OSError:
            pass
