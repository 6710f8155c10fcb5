"""The `Problem` record every check yields, and the exit codes the CLI maps outcomes to."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

Level = Literal["error", "warning"]
# A path into a YAML document: mapping keys and sequence indexes, outermost first.
Loc = tuple[str | int, ...]


class ExitCode(IntEnum):
    OK = 0
    DATA_PROBLEMS = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding. `line`/`column` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    column: int
    level: Level
    rule: str
    message: str
    # Where in the document the problem is, for files whose positions are resolved lazily.
    loc: Loc = field(default=(), compare=False, repr=False)

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level} [{self.rule}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "rule": self.rule,
            "message": self.message,
        }


class TrackerError(Exception):
    """Input the tool cannot work with at all (exit 2): no data folder, unreadable file, bad argument."""
