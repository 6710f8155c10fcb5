"""Safe, fast reading: YAML text to plain data, or a located `UnreadableYaml` saying why not.

The constructors refuse what data files must not hold (aliases, merge keys, tags); a fast reader
builds the data from the C parser's events, with the full safe loader behind it for anything
unusual; `_translate` turns the parser's errors into located problems."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError

from tracker.problems import UnreadableYaml
from tracker.yamlfile import lines
from tracker.yamlfile.guard import _at, _guard, _position

_CORE_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp", "str")
)
_STR_TAG = "tag:yaml.org,2002:str"
# The tags plain data resolves to; an explicit tag for anything else is refused.
_PLAIN_TAGS = _CORE_SCALAR_TAGS | {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_VALUE_TAG = "tag:yaml.org,2002:value"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _short_tag(tag: Any) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if str(tag).startswith("tag:yaml.org,2002:") else str(tag)


class _Refusals(SafeConstructor):
    """What both constructors refuse: aliases (how "billion laughs" bombs are built), merge keys and
    keys that are not plain text; and what they read leniently so validation can say why it is wrong:
    impossible dates stay text, every plain key is text (`2024:` is the key '2024', not a number)."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _at("alias", "anchors and aliases are not allowed in data files", node.start_mark)
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise _at(
                        "merge-key",
                        "merge keys (<<) are not allowed in data files; write the keys out",
                        key_node.start_mark,
                    )
                if not isinstance(key_node, ScalarNode):
                    raise _at("complex-key", "a key must be plain text, not a list or mapping", key_node.start_mark)
                if key_node.tag in _CORE_SCALAR_TAGS:
                    key_node.tag = _STR_TAG
        if node.tag == _VALUE_TAG and isinstance(node, ScalarNode):  # a plain `=` is text, not YAML 1.1's value key
            node.tag = _STR_TAG
        if node.tag not in _PLAIN_TAGS:  # !!set, !!omap, !!binary, !!python/..., !local...
            raise _at(
                "yaml-tag",
                f"the tag {_short_tag(node.tag)!r} is not allowed; only plain YAML data is allowed",
                node.start_mark,
            )
        if not isinstance(node, ScalarNode):
            return super().construct_object(node, deep)
        try:
            return super().construct_object(node, deep)
        except (KeyError, IndexError, TypeError, AttributeError, ValueError, OverflowError):
            # An explicit tag on text that is none of it (`!!bool 2025`, `!!int ''`).
            raise _at(
                "yaml-tag", f"{str(node.value)[:40]!r} is not a valid {_short_tag(node.tag)}", node.start_mark
            ) from None

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        # `2025-02-30` looks like a date but is none: keep the text so validation can say why.
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_yaml_int(self, node: Any) -> Any:
        # Python refuses to convert integers of more than 4300 digits (a denial-of-service guard).
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            if len(str(node.value)) < 4300:
                raise  # not an integer at all (`!!int abc`): construct_object says so
            raise _at(
                "out-of-range", f"a number with {len(str(node.value)):,} digits is too large", node.start_mark
            ) from None


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


def _inside(text: str, line: int, column: int) -> tuple[int, int]:
    """A parser's position moved inside the text: at the end of a file without a final line break,
    the parser reports the start of a line that is not there."""
    lines = re.split(r"\r\n|\r|\n", text)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(column, len(lines[line - 1]) + 1)


def _translate(exc: BaseException, text: str) -> UnreadableYaml:
    if isinstance(exc, UnreadableYaml):
        return exc
    if isinstance(exc, RecursionError):
        return UnreadableYaml("too-deep", "nesting too deep to read")
    if isinstance(exc, MemoryError):
        return UnreadableYaml("file-too-large", "not enough memory to read this file")
    if isinstance(exc, ReaderError) and isinstance(exc.position, int) and isinstance(exc.character, int):
        line, column = _position(text, min(exc.position, len(text)))
        return UnreadableYaml("control-character", f"character U+{exc.character:04X} is not allowed", line, column)
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = _inside(text, mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        if missing := _missing_colon(exc, text, line):
            return missing
        if isinstance(exc, DuplicateKeyError):
            return UnreadableYaml("duplicate-key", problem.split(" with value")[0], line, column)
        if "duplicate anchor" in str(exc.context):
            return UnreadableYaml(
                "alias", "an anchor defined twice; anchors and aliases are not allowed in data files", line, column
            )
        if "could not determine a constructor for the tag" in problem:
            return UnreadableYaml("yaml-tag", f"{problem}; only plain YAML data is allowed", line, column)
        return UnreadableYaml("yaml-syntax", problem, line, column)
    return UnreadableYaml("yaml-syntax", str(exc).replace("\n", " ") or type(exc).__name__)


def load_data_despite_duplicates(text: str) -> Any:
    """The data of a text that `load_data` refused for a duplicate key, the later value kept, so
    that the file's other problems are still found. Raises UnreadableYaml for any other fault."""
    yaml = _safe_yaml()
    yaml.allow_duplicate_keys = True
    try:
        return yaml.load(text)
    except (YAMLError, UnreadableYaml, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None


# A key written without its ':' — `period 2024`, `name {en: ...}` — on one line of a block.
_KEY_WITHOUT_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z0-9_][A-Za-z0-9_.-]*)(?=\s+[^\s#:]|\s*$)(?![^#]*:(\s|$))")


def _missing_colon(exc: MarkedYAMLError, text: str, line: int) -> UnreadableYaml | None:
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
        # A value may hold a ':' of its own (`source https://...`); only `: ` would make it a key.
        found = flow or _KEY_WITHOUT_COLON.match(head)
        if found:
            key = found.group(2)
            column = len(found.group(1)) + len(key) + 1
            return UnreadableYaml(
                "yaml-syntax", f"missing ':' after {key!r}; add ':' after the key ({key}: ...)", number, column
            )
        if number != line or "mapping values" not in problem:
            break  # only the nearest line that holds anything can be the one
    return _colon_in_value(problem, lines, line)


# `key: text: more`: a plain value that holds ': ', which YAML reads as a second key.
_COLON_IN_VALUE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z0-9_][A-Za-z0-9_.-]*):\s+([^\s\"'{\[#][^#]*?:\s.*?)\s*$")


def _colon_in_value(problem: str, lines: list[str], line: int) -> UnreadableYaml | None:
    """A value holding ': ' on the line the parser stopped at ("mapping values are not allowed"):
    say that it needs quotes, and how."""
    if "mapping values are not allowed" not in problem or not 0 < line <= len(lines):
        return None
    found = _COLON_IN_VALUE.match(lines[line - 1])
    if found is None:
        return None
    key, value = found.group(2), found.group(3)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return UnreadableYaml(
        "yaml-syntax",
        f"the value of {key!r} holds ': ', which YAML reads as another key; put the value in quotes: {key}: {quoted}",
        line,
        len(found.group(1)) + len(key) + 3,
    )


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
        result = (
            value
            if tag == _STR_TAG
            else self.constructor.yaml_constructors[tag](self.constructor, ScalarNode(tag, value))
        )
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
    data = lines.load(text, reader._scalar, reader._key)  # most files: plain block lines, read as lines
    if data is not None:
        return True, data
    try:
        return True, reader.load(text)
    except Exception:  # anything unusual or wrong: the full loader decides and reports
        return False, None


def load_data(text: str) -> Any:
    """Parse YAML text into plain Python data, fast. Raises UnreadableYaml."""
    _guard(text)
    done, data = _fast_load(text)
    if done:
        return data
    try:
        return _safe_yaml().load(text)
    except (YAMLError, UnreadableYaml, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None
