"""Round-trip editing: YAML read and written back with its comments, order, quoting and blank lines.

Also the indentation a file uses, and the node helpers an edit inserts, replaces and removes with."""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from tracker.problems import UnreadableYaml
from tracker.yamlfile.guard import _guard
from tracker.yamlfile.read import _RoundTripConstructor, _translate


def _roundtrip_yaml() -> YAML:
    yaml = YAML()  # round trip: keeps comments, order, quoting and positions
    yaml.Constructor = _RoundTripConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def load_roundtrip(text: str) -> Any:
    """Parse YAML text keeping comments, order, style and positions (`.lc`). Raises UnreadableYaml."""
    _guard(text)
    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: the fast loader reports it as an error
            warnings.simplefilter("ignore")
            return _roundtrip_yaml().load(text)
    except (YAMLError, UnreadableYaml, RecursionError, MemoryError, ValueError) as exc:
        raise _translate(exc, text) from None


# (mapping, sequence, offset) as for ruamel's `indent()`: the house style indents `- ` by 2 under its key.
HOUSE_INDENT = (2, 4, 2)


def dump_roundtrip(data: Any, indent: tuple[int, int, int] = HOUSE_INDENT) -> str:
    """Serialise round-trip data back to text, keeping what `load_roundtrip` kept."""
    yaml = _roundtrip_yaml()
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


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


def quoted_like(quote: str | None) -> Any:
    """A `like` for `text_scalar` quoted with `quote` (`"` or `'`), or None for plain."""
    if quote == '"':
        return DoubleQuotedScalarString("")
    if quote == "'":
        return SingleQuotedScalarString("")
    return None


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
    node: Any = mapping
    last: str | int = key
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
