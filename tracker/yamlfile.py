"""The only door to ruamel.yaml: guarded reading, fast safe loads, located loads, round-trip edits, atomic writes."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import CommentMark, MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

# A province file with 20 years of monthly figures for every indicator is well under 1 MiB;
# 64 MiB leaves room for synthetic stress data while refusing files that would exhaust memory.
MAX_BYTES = 64 * 1024 * 1024
# Real data nests six levels deep. Deeper nesting is refused before the document is composed:
# the C composer recurses once per level and overflows the C stack (a crash, not an exception)
# some ten thousand levels down, and the round-trip loader runs out of Python stack far sooner.
MAX_DEPTH = 200

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
# Characters YAML refuses (C0/C1 controls, U+FFFE/U+FFFF) or reads as line breaks that no editor
# shows (NEL U+0085, LINE/PARAGRAPH SEPARATOR U+2028/U+2029), and a byte-order mark anywhere but
# at the very start (decode() drops that one). All are invisible; a file must not depend on them.
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_CHAR_NAMES = {
    "\x85": "NEXT LINE (NEL), often a mis-decoded '…'",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\ufeff": "BYTE ORDER MARK",
    "\x00": "NUL",
}
# Block nesting can only deepen where a line's indentation and leading `- `, `? `, `: ` indicators
# reach further right (about one level per column); flow nesting needs one bracket per level.
# Only when those cheap bounds allow more than MAX_DEPTH levels are the parser events counted.
_BLOCK_PREFIX = re.compile(r"^(?:[ \t]|[-?:](?=[ \t])){%d}" % ((MAX_DEPTH - 2) // 4), re.MULTILINE)
# A quick superset of _BLOCK_PREFIX after the first line (a multi-line `^` tries every line, slowly).
_BLOCK_PREFIX_HINT = re.compile(r"\n[ \t?:-]{%d}" % ((MAX_DEPTH - 2) // 4))
_CORE_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp", "str")
)
_STR_TAG = "tag:yaml.org,2002:str"
# The tags plain data resolves to; an explicit tag for anything else is refused.
_PLAIN_TAGS = _CORE_SCALAR_TAGS | {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_VALUE_TAG = "tag:yaml.org,2002:value"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlProblem(Exception):
    """A file that cannot be read as YAML data. Line and column are 1-based (0: whole file)."""

    def __init__(self, rule: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column


def _short_tag(tag: Any) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if str(tag).startswith("tag:yaml.org,2002:") else str(tag)


def _at(rule: str, message: str, mark: Any) -> YamlProblem:
    return YamlProblem(rule, message, mark.line + 1, mark.column + 1)


class _Refusals:
    """What both constructors refuse: aliases (how "billion laughs" bombs are built), merge keys and
    keys that are not plain text; and what they read leniently so validation can say why it is wrong:
    impossible dates stay text, every plain key is text (`2024:` is the key '2024', not a number)."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:  # type: ignore[attr-defined]
            raise _at("alias", "anchors and aliases are not allowed in data files", node.start_mark)
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise _at("merge-key", "merge keys (<<) are not allowed in data files; write the keys out", key_node.start_mark)
                if not isinstance(key_node, ScalarNode):
                    raise _at("complex-key", "a key must be plain text, not a list or mapping", key_node.start_mark)
                if key_node.tag in _CORE_SCALAR_TAGS:
                    key_node.tag = _STR_TAG
        if node.tag == _VALUE_TAG and isinstance(node, ScalarNode):  # a plain `=` is text, not YAML 1.1's value key
            node.tag = _STR_TAG
        if node.tag not in _PLAIN_TAGS:  # !!set, !!omap, !!binary, !!python/..., !local...
            raise _at("yaml-tag", f"the tag {_short_tag(node.tag)!r} is not allowed; only plain YAML data is allowed", node.start_mark)
        if not isinstance(node, ScalarNode):
            return super().construct_object(node, deep)  # type: ignore[misc]
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (KeyError, IndexError, TypeError, AttributeError, ValueError, OverflowError):
            # An explicit tag on text that is none of it (`!!bool 2025`, `!!int ''`).
            raise _at("yaml-tag", f"{str(node.value)[:40]!r} is not a valid {_short_tag(node.tag)}", node.start_mark) from None

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        # `2025-02-30` looks like a date but is none: keep the text so validation can say why.
        try:
            return super().construct_yaml_timestamp(node, values)  # type: ignore[misc]
        except (ValueError, OverflowError):
            return self.construct_scalar(node)  # type: ignore[attr-defined]

    def construct_yaml_int(self, node: Any) -> Any:
        # Python refuses to convert integers of more than 4300 digits (a denial-of-service guard).
        try:
            return super().construct_yaml_int(node)  # type: ignore[misc]
        except ValueError:
            if len(str(node.value)) < 4300:
                raise  # not an integer at all (`!!int abc`): construct_object says so
            raise _at("out-of-range", f"a number with {len(str(node.value)):,} digits is too large", node.start_mark) from None


class _NoAliasConstructor(_Refusals, SafeConstructor):
    pass


_NoAliasConstructor.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasConstructor.construct_yaml_timestamp)
_NoAliasConstructor.add_constructor("tag:yaml.org,2002:int", _NoAliasConstructor.construct_yaml_int)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe")  # C-accelerated when ruamel.yaml.clib is installed
    yaml.Constructor = _NoAliasConstructor
    return yaml


class _RoundTripConstructor(_Refusals, RoundTripConstructor):
    """The round-trip twin of `_NoAliasConstructor`, with the same refusals."""


_RoundTripConstructor.add_constructor("tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp)
_RoundTripConstructor.add_constructor("tag:yaml.org,2002:int", _RoundTripConstructor.construct_yaml_int)


def _roundtrip_yaml() -> YAML:
    yaml = YAML()  # round trip: keeps comments, order, quoting and positions
    yaml.Constructor = _RoundTripConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _position(text: Any, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in text (or bytes), counting CRLF, CR and LF as line
    breaks as YAML does; the column counts characters."""
    lf, cr, crlf = (b"\n", b"\r", b"\r\n") if isinstance(text, bytes) else ("\n", "\r", "\r\n")
    line = text.count(lf, 0, offset) + text.count(cr, 0, offset) - text.count(crlf, 0, offset) + 1
    start = max(text.rfind(lf, 0, offset), text.rfind(cr, 0, offset)) + 1
    if isinstance(text, bytes):
        return line, len(text[start:offset].decode("utf-8", "replace")) + 1
    return line, offset - start + 1


def decode(data: bytes) -> str:
    """Bytes of a data file as text: UTF-8 (a leading BOM is tolerated), anything else refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("encoding", "file is UTF-16 (or UTF-32); save it as UTF-8", 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise YamlProblem(
            "encoding", "NUL byte: this looks like a UTF-16 or binary file; save it as UTF-8 text", line, column
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise YamlProblem(
            "encoding", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8", line, column
        ) from None


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file, with the size guard. Only a regular file is read: a pipe or a device
    named like a data file would block or never end. OSError propagates for the caller to report."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        limit = MAX_BYTES
        if info.st_size > limit:
            raise YamlProblem("file-too-large", f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        data = handle.read(limit + 1)
        if len(data) > limit:  # grew while being read
            raise YamlProblem("file-too-large", f"file is over the limit of {limit:,} bytes")
        return data


def read_text(path: Path) -> str:
    """Read a data file with the size guard. OSError propagates for the caller to report as unreadable."""
    return decode(read_bytes(path))


def _too_deep(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH levels below the top-level collection, counting the
    parser's events (the parser keeps its stack on the heap), and stopping at the first level too deep."""
    deep_prefix = _BLOCK_PREFIX.match(text) or (_BLOCK_PREFIX_HINT.search(text) and _BLOCK_PREFIX.search(text))
    if text.count("[") + text.count("{") <= MAX_DEPTH // 2 and not deep_prefix:
        return  # at most MAX_DEPTH // 2 flow levels plus about two block levels per prefix column
    depth = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise _at("too-deep", f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return  # malformed before it got too deep: loading reports where


def _guard(text: str) -> None:
    if "\t" in text and (m := _LEADING_TAB.search(text)):
        line, column = _position(text, m.end() - 1)
        raise YamlProblem("tab", "tab character in indentation; indent with spaces", line, column)
    if m := _BAD_CHAR.search(text):
        char = m.group()
        line, column = _position(text, m.start())
        name = _CHAR_NAMES.get(char, "a control character")
        raise YamlProblem(
            "control-character", f"invisible character U+{ord(char):04X} ({name}) is not allowed; remove it", line, column
        )
    _too_deep(text)


def _inside(text: str, line: int, column: int) -> tuple[int, int]:
    """A parser's position moved inside the text: at the end of a file without a final line break,
    the parser reports the start of a line that is not there."""
    lines = re.split(r"\r\n|\r|\n", text)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(column, len(lines[line - 1]) + 1)


def _translate(exc: BaseException, text: str) -> YamlProblem:
    if isinstance(exc, YamlProblem):
        return exc
    if isinstance(exc, RecursionError):
        return YamlProblem("too-deep", "nesting too deep to read")
    if isinstance(exc, MemoryError):
        return YamlProblem("file-too-large", "not enough memory to read this file")
    if isinstance(exc, ReaderError) and isinstance(exc.position, int) and isinstance(exc.character, int):
        line, column = _position(text, min(exc.position, len(text)))
        return YamlProblem("control-character", f"character U+{exc.character:04X} is not allowed", line, column)
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = _inside(text, mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        if missing := _missing_colon(exc, text, line):
            return missing
        if isinstance(exc, DuplicateKeyError):
            return YamlProblem("duplicate-key", problem.split(" with value")[0], line, column)
        if "duplicate anchor" in str(exc.context):
            return YamlProblem("alias", "an anchor defined twice; anchors and aliases are not allowed in data files", line, column)
        if "could not determine a constructor for the tag" in problem:
            return YamlProblem("yaml-tag", f"{problem}; only plain YAML data is allowed", line, column)
        return YamlProblem("yaml-syntax", problem, line, column)
    return YamlProblem("yaml-syntax", str(exc).replace("\n", " ") or type(exc).__name__)


def load_data_despite_duplicates(text: str) -> Any:
    """The data of a text that `load_data` refused for a duplicate key, the later value kept, so
    that the file's other problems are still found. Raises YamlProblem for any other fault."""
    yaml = _safe_yaml()
    yaml.allow_duplicate_keys = True
    try:
        return yaml.load(text)
    except (YAMLError, YamlProblem, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None


# A key written without its ':' — `period 2024`, `name {en: ...}` — on one line of a block.
_KEY_WITHOUT_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z0-9_][A-Za-z0-9_.-]*)(?=\s+[^\s#:]|\s*$)(?![^#]*:(\s|$))")


def _missing_colon(exc: MarkedYAMLError, text: str, line: int) -> YamlProblem | None:
    """The line that lacks a ':' after its key, which the parser notices only later: on the next
    line ("could not find expected ':'") or at the next ':' ("mapping values are not allowed").
    None when the error is something else."""
    problem = str(exc.problem)
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        candidates = [exc.context_mark.line + 1]
    elif "mapping values are not allowed" in problem and line:
        candidates = [line, *range(line - 1, 0, -1)]  # this line, then the ones above it
    else:
        return None
    lines = re.split(r"\r\n|\r|\n", text)
    for number in candidates:
        if number > len(lines):
            continue
        content = lines[number - 1]
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        head = content.split(" #")[0]
        flow = re.match(r"^(\s*(?:-\s+)?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\s+[{\[]", head)
        found = flow or (_KEY_WITHOUT_COLON.match(head) if ":" not in head.split("{")[0].split("[")[0] else None)
        if found:
            key = found.group(2)
            column = len(found.group(1)) + len(key) + 1
            return YamlProblem("yaml-syntax", f"missing ':' after {key!r}; add ':' after the key ({key}: ...)", number, column)
        if number != line or "mapping values" not in problem:
            break  # only the nearest line that holds anything can be the one
    return None


class _Unusual(Exception):
    """Something the fast reader leaves to the full safe loader."""


class _FastReader:
    """Plain data straight from the C parser's events, for the common case only: untagged scalars,
    mappings and sequences, no anchors or directives, unique plain-text keys. Anything else (or any
    error) raises, and the full safe loader reads the file again and says what is wrong with it.
    Plain scalars go through that loader's own resolver and constructor, once per distinct text, so
    both readers give the same values. It skips building the node graph and resolving every scalar
    anew, which cost about two thirds of a load."""

    def __init__(self) -> None:
        from ruamel.yaml import events

        yaml = _safe_yaml()
        if "CParser" not in getattr(yaml.Parser, "__name__", ""):
            raise ImportError("no C parser")  # pure-Python ruamel: the fast path would not be faster
        self.parser = yaml.Parser
        self.constructor = yaml.constructor
        self.implicit = yaml.resolver.versioned_resolver  # first character -> [(tag, regexp)]
        self.events = events
        self.scalars: dict[str, Any] = {}
        self.keys: set[str] = set()

    def _tag(self, value: str) -> str:
        for tag, regexp in self.implicit.get(value[:1], []) + self.implicit.get(None, []):
            if regexp.match(value):
                return str(tag)
        return _STR_TAG

    def _scalar(self, value: str) -> Any:
        try:
            return self.scalars[value]
        except KeyError:
            pass
        tag = self._tag(value)
        if tag not in _CORE_SCALAR_TAGS:
            raise _Unusual(tag)
        result = value if tag == _STR_TAG else self.constructor.yaml_constructors[tag](self.constructor, ScalarNode(tag, value))
        if len(self.scalars) > 100_000:  # values are immutable, so sharing them is safe; bound the memory
            self.scalars.clear()
        self.scalars[value] = result
        return result

    def _key(self, value: str) -> str:
        if value not in self.keys:
            if self._tag(value) not in _CORE_SCALAR_TAGS:  # e.g. `<<`, a merge key
                raise _Unusual("key")
            self.keys.add(value)
        return value

    def load(self, text: str) -> Any:
        ev = self.events
        scalar_event, mapping_start, sequence_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
        collection_end, document_end = (ev.MappingEndEvent, ev.SequenceEndEvent), ev.DocumentEndEvent
        get = self.parser(text).get_event
        if type(get()) is not ev.StreamStartEvent:
            raise _Unusual("stream")
        event = get()
        if type(event) is ev.StreamEndEvent:
            return None
        if type(event) is not ev.DocumentStartEvent or event.version or event.tags:
            raise _Unusual("directive")
        stack: list[list[Any]] = []  # [open container, its pending key (or `none`)]
        none: Any = stack  # a sentinel no key can equal
        root: Any = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual("tag")
                plain = event.implicit[0]
                if stack and stack[-1][1] is none and type(stack[-1][0]) is dict:
                    key = self._key(event.value) if plain else event.value
                    if key in stack[-1][0]:
                        raise _Unusual("duplicate key")
                    stack[-1][1] = key
                    continue
                value = self._scalar(event.value) if plain else event.value
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual("tag")
                value = {} if kind is mapping_start else []
            elif kind in collection_end:
                stack.pop()
                if stack:
                    continue
                break
            elif kind is document_end and not stack:
                break
            else:
                raise _Unusual(kind.__name__)  # an alias, or something new
            if not stack:
                root = value
            elif type(stack[-1][0]) is dict:
                if stack[-1][1] is none:
                    raise _Unusual("complex key")
                stack[-1][0][stack[-1][1]] = value
                stack[-1][1] = none
            else:
                stack[-1][0].append(value)
            if kind is not scalar_event:
                stack.append([value, none])
        if type(event) is not document_end:
            event = get()
        if type(event) is not document_end or type(get()) is not ev.StreamEndEvent:
            raise _Unusual("not one document")
        return root


_FAST: list[_FastReader | None] = []


def _fast_load(text: str) -> tuple[bool, Any]:
    """(True, data) when the fast reader could read `text`, else (False, None)."""
    if not _FAST:
        try:
            _FAST.append(_FastReader())
        except Exception:  # no C parser, or a ruamel without what the fast reader uses
            _FAST.append(None)
    reader = _FAST[0]
    if reader is None:
        return False, None
    try:
        return True, reader.load(text)
    except Exception:  # anything unusual or wrong: the full loader decides and reports
        return False, None


def load_data(text: str) -> Any:
    """Parse YAML text into plain Python data, fast. Raises YamlProblem."""
    _guard(text)
    done, data = _fast_load(text)
    if done:
        return data
    try:
        return _safe_yaml().load(text)
    except (YAMLError, YamlProblem, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None


def load_roundtrip(text: str) -> Any:
    """Parse YAML text keeping comments, order, style and positions (`.lc`). Raises YamlProblem."""
    _guard(text)
    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: the fast loader reports it as an error
            warnings.simplefilter("ignore")
            return _roundtrip_yaml().load(text)
    except (YAMLError, YamlProblem, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None


# (mapping, sequence, offset) as for ruamel's `indent()`: the house style indents `- ` by 2 under its key.
HOUSE_INDENT = (2, 4, 2)


def dump_roundtrip(data: Any, indent: tuple[int, int, int] = HOUSE_INDENT) -> str:
    """Serialise round-trip data back to text, keeping what `load_roundtrip` kept."""
    import io

    yaml = _roundtrip_yaml()
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
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


def locate_many(text: str, wanted: list[tuple[tuple[str | int, ...], bool]]) -> list[tuple[int, int]]:
    """`locate` for several (loc, key) pairs at once, read from the C parser's events instead of a
    round-trip document: the same positions, in one pass that keeps no document (the round-trip
    loader takes about a minute and gigabytes for a file of a million list items; this, a second).
    Raises YamlProblem when the text does not parse."""
    _guard(text)
    prefixes = {loc[:i] for loc, _ in wanted for i in range(1, len(loc) + 1)}
    # path -> (mark of its key in a mapping or None for a list item, mark of the node, is a collection)
    found: dict[tuple[str | int, ...], tuple[Any, Any, bool]] = {}
    stack: list[list[Any]] = []  # [path or None (inside a complex key), is a mapping, expecting a key, key or index, key mark]
    root = None
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionEndEvent):
                stack.pop()
            elif isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
                path = None
                if not stack:
                    root, path = event.start_mark, ()
                else:
                    frame = stack[-1]
                    if frame[1] and frame[2]:  # a key
                        frame[2], frame[3], frame[4] = False, getattr(event, "value", None), event.start_mark
                        if isinstance(event, CollectionStartEvent):
                            stack.append([None, isinstance(event, MappingStartEvent), True, 0, None])
                        continue
                    if frame[0] is not None:
                        path = (*frame[0], frame[3])
                        if path in prefixes:
                            found[path] = (frame[4] if frame[1] else None, event.start_mark, isinstance(event, CollectionStartEvent))
                if isinstance(event, CollectionStartEvent):
                    stack.append([path, isinstance(event, MappingStartEvent), True, 0, None])
                    continue
            else:
                continue
            if stack:  # a node is complete: its parent expects the next key or item
                frame = stack[-1]
                if frame[1]:
                    frame[2] = True
                else:
                    frame[3] += 1
    except YAMLError as exc:
        raise _translate(exc, text) from None
    start = (root.line + 1, root.column + 1) if root is not None else (1, 1)
    positions = []
    for loc, key in wanted:
        line, column = start
        for index in range(len(loc)):
            entry = found.get(loc[: index + 1])
            if entry is None:
                break
            key_mark, mark, nested = entry
            if key_mark is not None and (nested or (key and index == len(loc) - 1)):
                mark = key_mark
            line, column = mark.line + 1, mark.column + 1
        positions.append((line, column))
    return positions


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file, never half of one.

    Temp file in the same folder, fsync, rename; the original file mode is kept. The temp file is
    locked (flock) from its creation to the rename, so a writer killed on the way leaves an unlocked
    temp file behind, which the next write to `path` removes.

    A symbolic link stays a link: the file it points to is replaced. A device or a pipe
    (`-o /dev/stdout`) is written to, not replaced: renaming over /dev/null would swap the
    device for a plain file."""
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
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    finally:
        os.close(fd)
    _remove_stale_temps(path)
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
    pattern = re.compile(r"\.%s\.[a-z0-9_]{8}\.tmp" % re.escape(path.name))
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


_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:[ ]*(#.*)?$")
_ITEM = re.compile(r"^( *)- +(\S)")
_CONTENT = re.compile(r"^( *)[^ #]")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The (mapping, sequence, offset) indentation a file already uses, so that what an edit adds is
    indented like its neighbours; the house style where the file shows none. Read from the first
    nested mapping and the first block sequence under a key."""
    mapping = sequence = offset = None
    parent: int | None = None  # indentation of the previous line when it was a bare `key:`
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        if parent is not None and item and sequence is None and len(item[1]) >= parent:
            offset = len(item[1]) - parent
            sequence = item.start(2) - parent
        elif parent is not None and mapping is None and not item:
            content = _CONTENT.match(line)
            if content and len(content[1]) > parent:
                mapping = len(content[1]) - parent
        if mapping is not None and sequence is not None:
            break
        key_only = _KEY_ONLY.match(line)
        parent = len(key_only[1]) if key_only and not line.rstrip().endswith(("|", ">")) else None
    house_mapping, house_sequence, house_offset = HOUSE_INDENT
    mapping = mapping or house_mapping
    if sequence is None or offset is None or sequence < offset + 2:
        sequence, offset = house_sequence, house_offset
    return mapping, sequence, offset


# Words that YAML 1.1 readers (many editors and linters) take for booleans or null although
# YAML 1.2, which this tool reads, takes them for text; such text is quoted so every reader agrees.
_YAML11_WORDS = re.compile(r"^(y|n|yes|no|on|off|true|false|null|~)$", re.IGNORECASE)


def text_scalar(text: str, like: Any = None, *, flow: bool = False) -> Any:
    """Text to store in a round-trip document: quoted the way `like` (the value it replaces or a
    neighbour) is quoted, else plain where every YAML reader takes it for text and quoted where
    one would not. ruamel quotes what YAML 1.2 reads as something else; this adds YAML 1.1 words
    and, inside `{...}`/`[...]` (`flow`), any colon, which libyaml refuses there unquoted."""
    if isinstance(like, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(like, SingleQuotedScalarString) or _YAML11_WORDS.match(text) or (flow and ":" in text):
        return SingleQuotedScalarString(text)
    return text


def new_mapping(pairs: list[tuple[str, Any]], *, flow: bool = False) -> Any:
    """A mapping to insert into a round-trip document; block style unless `flow`."""
    mapping = CommentedMap(pairs)
    if flow:
        mapping.fa.set_flow_style()
    return mapping


def new_sequence(items: list[Any]) -> Any:
    """A block sequence to insert into a round-trip document."""
    return CommentedSeq(items)


def is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def make_block(node: Any) -> None:
    """Turn an empty `{}` / `[]` into block style, so the entries it receives get a line each."""
    if isinstance(node, (CommentedMap, CommentedSeq)) and not node:
        node.fa.set_block_style()


def to_block(node: Any) -> None:
    """Write a mapping or sequence in block style from now on, even one given in flow style with entries."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        node.fa.set_block_style()


# In a block mapping, the comment token after a scalar value holds the rest of that line (an
# end-of-line comment, or only the line break) and then the comment and blank lines below it, up
# to the next entry. Inserting or deleting an entry must leave those lines where they are.


def _token_below(mapping: Any, key: Any) -> CommentToken | None:
    entry = mapping.ca.items.get(key)
    if is_flow(mapping) or not entry or len(entry) < 3 or isinstance(mapping[key], (dict, list)):
        return None
    return entry[2] if isinstance(entry[2], CommentToken) else None


def _take_lines_below(mapping: Any, key: Any) -> str:
    """Detach the comment and blank lines below `key`'s line; its end-of-line comment stays."""
    token = _token_below(mapping, key)
    if token is None:
        return ""
    value = token.value
    end = value.find("\n")
    if end < 0 or end == len(value) - 1:
        return ""
    own, below = value[: end + 1], value[end + 1 :]
    if own.strip():
        token.value = own
    else:
        mapping.ca.items[key][2] = None
    return below


def _give_lines_below(mapping: Any, key: Any, below: str) -> None:
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    entry.extend([None] * (3 - len(entry)))
    if isinstance(entry[2], CommentToken):
        entry[2].value = entry[2].value + below
    else:
        entry[2] = CommentToken("\n" + below, CommentMark(0), None)


def insert_key(mapping: Any, position: int, key: str, value: Any) -> None:
    """Insert `key: value` (a scalar) at `position` of a round-trip mapping. The comment and blank
    lines below the entry before it move below the new one, so they still precede what they did."""
    mapping.insert(position, key, value)
    if position > 0 and not isinstance(value, (dict, list)):
        below = _take_lines_below(mapping, list(mapping)[position - 1])
        if below:
            _give_lines_below(mapping, key, below)


def delete_key(mapping: Any, key: str) -> None:
    """Remove `key` from a round-trip mapping. The comment and blank lines below its line stay,
    below the entry before it (a first entry's are lost with it)."""
    keys = list(mapping)
    position = keys.index(key)
    below = _take_lines_below(mapping, key)
    mapping.ca.items.pop(key, None)
    del mapping[key]
    previous = keys[position - 1] if position > 0 else None
    if below and previous is not None and not isinstance(mapping[previous], (dict, list)):
        _give_lines_below(mapping, previous, below)


def replace_value(mapping: Any, key: str, value: Any) -> None:
    """Give an existing key a new value. When an empty key (`observations:`) receives a block of
    entries, the comment and blank lines that were below it go below the block."""
    below = _take_lines_below(mapping, key) if isinstance(value, (dict, list)) and value else ""
    mapping[key] = value
    if not below:
        return
    node, last = mapping, key
    while isinstance(node[last], (dict, list)) and node[last] and not is_flow(node[last]):
        node = node[last]
        last = list(node)[-1] if isinstance(node, dict) else len(node) - 1
    if isinstance(node, dict) and not isinstance(node[last], (dict, list)):
        _give_lines_below(node, last, below)
    else:  # nowhere sensible below the block: leave them where they were
        _give_lines_below(mapping, key, below)


def rename_key(mapping: Any, old: str, new: str, value: Any) -> None:
    """Replace the entry `old` by `new: value` on the same line, keeping its comments."""
    position = list(mapping).index(old)
    entry = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(position, new, value)
    if entry is not None:
        mapping.ca.items[new] = entry


class LockTimeout(Exception):
    """Another process held the lock for too long."""


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
