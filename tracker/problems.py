"""The `Problem` record every check yields, the exit codes, and the errors that stop a command.

A `Problem` is a finding, reported with the others; the exceptions below are errors, raised when
the tool cannot go on. Exceptions raised and caught inside one module stay private to it."""

from __future__ import annotations

from collections import Counter
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


def introduced(before: list[Problem], after: list[Problem], *, by_path: bool = False) -> list[Problem]:
    """The problems of `after` that `before` did not have, matched by level, rule and message (and
    file, with `by_path`), not by position: lines move when observations are added. A problem found
    twice after and once before counts once as new."""

    def key(p: Problem) -> tuple[str, ...]:
        return (p.path if by_path else "", p.level, p.rule, p.message)

    existing = Counter(key(p) for p in before)
    new = []
    for p in after:
        if existing[key(p)]:
            existing[key(p)] -= 1
        else:
            new.append(p)
    return new


class UsageError(Exception):
    """Input the tool cannot work with at all (exit 2): no data folder, unreadable file, bad argument."""


class EditConflict(UsageError):
    """The file changed while being edited, by a program that does not take the lock."""


class CsvError(UsageError):
    """The CSV file cannot be imported at all (unreadable, not UTF-8, a bad header): exit 2."""


class LockTimeout(Exception):
    """Another process held the lock for too long."""


class UnreadableYaml(Exception):
    """A file that cannot be read as YAML data, with the rule it breaks (the `Problem` it becomes
    names it). Line and column are 1-based (0: whole file)."""

    def __init__(self, rule: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column
