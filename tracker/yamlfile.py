"""The only door to ruamel.yaml: guarded reading, fast safe loads, located loads, round-trip edits, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

# A province file with 20 years of monthly figures for every indicator is well under 1 MiB;
# 64 MiB leaves room for synthetic stress data while refusing files that would exhaust memory.
MAX_BYTES = 64 * 1024 * 1024
# Real data nests six levels deep; these bounds keep the C parser and Python's stack safe.
MAX_FLOW_DEPTH = 200
MAX_INDENT = 400

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
_DEEP_INDENT = re.compile(r"^ {%d,}\S" % MAX_INDENT, re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


class YamlProblem(Exception):
    """A file that cannot be read as YAML data. Line and column are 1-based (0: whole file)."""

    def __init__(self, rule: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column


class _NoAliasConstructor(SafeConstructor):
    """Refuses aliases: data files need none, and they are how "billion laughs" bombs are built."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            mark = node.start_mark
            raise YamlProblem(
                "alias", "anchors and aliases are not allowed in data files", mark.line + 1, mark.column + 1
            )
        return super().construct_object(node, deep)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        # `2025-02-30` looks like a date but is none: keep the text so validation can say why.
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_NoAliasConstructor.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasConstructor.construct_yaml_timestamp)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe")  # C-accelerated when ruamel.yaml.clib is installed
    yaml.Constructor = _NoAliasConstructor
    return yaml


class _RoundTripConstructor(RoundTripConstructor):
    """The round-trip twin of `_NoAliasConstructor`, with the same refusals."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            mark = node.start_mark
            raise YamlProblem(
                "alias", "anchors and aliases are not allowed in data files", mark.line + 1, mark.column + 1
            )
        return super().construct_object(node, deep)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_RoundTripConstructor.add_constructor("tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp)


def _roundtrip_yaml() -> YAML:
    yaml = YAML()  # round trip: keeps comments, order, quoting and positions
    yaml.Constructor = _RoundTripConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(data: bytes) -> str:
    """Bytes of a data file as text: UTF-8 (a leading BOM is tolerated), anything else refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("encoding", "file is UTF-16; save it as UTF-8", 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "encoding", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8", line, column
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: Path) -> str:
    """Read a data file with the size guard. OSError propagates for the caller to report as unreadable."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem("file-too-large", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
    with path.open("rb") as handle:
        return decode(handle.read(MAX_BYTES + 1))


def _guard(text: str) -> None:
    if m := _LEADING_TAB.search(text):
        line, column = _position(text, m.end() - 1)
        raise YamlProblem("tab", "tab character in indentation; indent with spaces", line, column)
    if m := _DEEP_INDENT.search(text):
        line, _ = _position(text, m.start())
        raise YamlProblem("too-deep", f"indentation deeper than {MAX_INDENT} columns", line, 1)
    if text.count("[") + text.count("{") > MAX_FLOW_DEPTH:
        depth = 0
        for m in _BRACKETS.finditer(text):
            depth += 1 if m.group() in "[{" else -1
            if depth > MAX_FLOW_DEPTH:
                line, column = _position(text, m.start())
                raise YamlProblem("too-deep", f"nesting deeper than {MAX_FLOW_DEPTH} levels", line, column)


def _translate(exc: BaseException) -> YamlProblem:
    if isinstance(exc, YamlProblem):
        return exc
    if isinstance(exc, RecursionError):
        return YamlProblem("too-deep", "nesting too deep to read")
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        if isinstance(exc, DuplicateKeyError):
            return YamlProblem("duplicate-key", problem.split(" with value")[0], line, column)
        if "could not determine a constructor for the tag" in problem:
            return YamlProblem("yaml-tag", f"{problem}; only plain YAML data is allowed", line, column)
        return YamlProblem("yaml-syntax", problem, line, column)
    return YamlProblem("yaml-syntax", str(exc).replace("\n", " ") or type(exc).__name__)


def load_data(text: str) -> Any:
    """Parse YAML text into plain Python data, fast. Raises YamlProblem."""
    _guard(text)
    try:
        return _safe_yaml().load(text)
    except (YAMLError, YamlProblem, RecursionError, ValueError) as exc:
        raise _translate(exc) from None


def load_roundtrip(text: str) -> Any:
    """Parse YAML text keeping comments, order, style and positions (`.lc`). Raises YamlProblem."""
    _guard(text)
    try:
        return _roundtrip_yaml().load(text)
    except (YAMLError, YamlProblem, RecursionError, ValueError) as exc:
        raise _translate(exc) from None


def dump_roundtrip(data: Any) -> str:
    """Serialise round-trip data back to text, keeping what `load_roundtrip` kept."""
    import io

    yaml = _roundtrip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)  # the house style: `- ` indented under its key
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def locate(document: Any, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at `loc` in a round-trip document; the deepest existing
    ancestor when the path does not exist (e.g. a missing key). With `key`, the mapping key itself."""
    lc = getattr(document, "lc", None)
    line, column = (lc.line + 1, lc.col + 1) if lc is not None else (1, 1)
    node = document
    for index, step in enumerate(loc):
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        if isinstance(node, dict) and step in node:
            child = node[step]
            # A nested block starts on its key's line; an unknown key is reported at the key.
            nested = isinstance(child, (dict, list))
            position = lc.key(step) if nested or (key and index == len(loc) - 1) else lc.value(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            child = node[step]
            position = lc.item(step)
        else:
            break
        line, column = position[0] + 1, position[1] + 1
        node = child
    return line, column


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file, never half of one.

    Temp file in the same folder, fsync, rename; the original file mode is kept."""
    data = text.encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
