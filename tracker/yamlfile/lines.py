"""The fastest read: plain data from the lines of a data file in the plain block style most files use.

A data file is mostly `key: value` lines and `- key: value` list items, one scalar a line. Reading
such lines with string methods is three to four times faster than taking the C parser's events
one by one (which cost about 85 % of a read, most of it spent making event and position objects).
This reader takes only that style and steps aside (`None`) at anything else: block scalars, quotes
spanning lines, escapes, anchors, tags, a plain scalar continued on the next line, unusual keys or
indentation, flow collections other than one-line lists and mappings of plain scalars, document
markers, directives. The C parser's reader (`read._FastReader`) or the full loader then reads the
file. Plain scalars go through the same resolver and constructor as theirs (`scalar`), so that
every reader gives the same values; the tests compare them with the full loader on every case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# A key this reader takes: what ids and field names are made of. Anything else steps aside.
_ENTRY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +(.*))?$")
# Characters that start something other than a plain scalar (YAML's indicators), when first.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Text this reader leaves to the others wherever it appears: tabs and other line breaks, a byte
# order mark, document markers and directives (at the start of a line).
_UNUSUAL_TEXT = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\n---", "\n...", "\n%")
# And any character outside what YAML reads as printable text (controls, U+FFFE...).
_NOT_PRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class _Aside(Exception):
    """Something this reader leaves to the others."""


def load(text: str, scalar: Callable[[str], Any], key: Callable[[str], str]) -> dict[str, Any] | None:
    """The data of `text` when it is a block mapping in the plain style, else None. `scalar` turns a
    plain scalar into its value, `key` checks a plain key (both raise to step aside)."""
    if text.startswith(("---", "...", "%")) or any(u in text for u in _UNUSUAL_TEXT) or _NOT_PRINTABLE.search(text):
        return None
    try:
        return _Reader(scalar, key).read(text)
    except Exception:  # _Aside, or a resolver's refusal: the other readers decide and report
        return None


class _Reader:
    def __init__(self, scalar: Callable[[str], Any], key: Callable[[str], str]) -> None:
        self.scalar = scalar
        self.key = key

    def read(self, text: str) -> dict[str, Any]:
        root: dict[str, Any] = {}
        # Open collections, innermost last: [indent, the collection]. A list may sit at the indent
        # of the mapping holding it (`key:` then `- item` below it, not indented).
        stack: list[tuple[int, Any]] = []
        pending: tuple[dict[str, Any], str, int] | None = None  # a `key:` whose value is below it
        limit = -1  # after a scalar, the deepest indent the next line may have (deeper would continue it)
        for line in text.split("\n"):
            body = line.lstrip(" ")
            if not body or body[0] == "#":
                continue
            indent = len(line) - len(body)
            if 0 <= limit < indent:
                raise _Aside("a plain scalar continued on the next line")
            limit = -1
            item = body[:2] == "- " or body == "-"
            if pending is not None:
                mapping, name, at = pending
                pending = None
                child: Any
                if item and indent >= at:
                    mapping[name] = child = []
                    stack.append((indent, child))
                elif indent > at and not item:
                    mapping[name] = child = {}
                    stack.append((indent, child))
                else:
                    mapping[name] = None
            elif not stack:
                if indent or item:
                    raise _Aside("the top level is not a block mapping")
                stack.append((0, root))
            while stack[-1][0] > indent:
                stack.pop()
                if not stack:
                    raise _Aside("indentation")
            at, container = stack[-1]
            if at != indent:
                raise _Aside("indentation")
            if type(container) is list and not item:
                # The end of a list at the indent of the mapping holding it.
                stack.pop()
                if not stack or stack[-1][0] != indent or type(stack[-1][1]) is not dict:
                    raise _Aside("indentation")
                container = stack[-1][1]
            if type(container) is list:
                rest = body[1:].lstrip(" ")
                if not rest or rest[0] == "#":
                    raise _Aside("a list item on the lines below its dash")
                column = indent + len(body) - len(rest)
                entry = _ENTRY.match(rest)
                if entry is None:
                    container.append(self.value(rest))
                    limit = indent
                    continue
                child = {}
                container.append(child)
                stack.append((column, child))
                container, indent = child, column
            else:
                entry = _ENTRY.match(body)
                if entry is None:
                    raise _Aside("not a `key: value` line")
            name = self.key(entry[1])
            if name in container:
                raise _Aside("duplicate key")
            raw = entry[2]
            if raw is None or not raw.strip(" ") or raw.lstrip(" ")[0] == "#":
                container[name] = None
                pending = (container, name, indent)
                continue
            container[name] = self.value(raw)
            limit = indent
        if pending is not None:
            pending[0][pending[1]] = None
        if not stack:
            raise _Aside("no data")
        return root

    def value(self, raw: str) -> Any:
        """One scalar, or a one-line flow list or mapping of plain scalars, with an optional comment."""
        text = raw.rstrip(" ")
        first = text[0]
        if first == "'" or first == '"':
            return self.quoted(text)
        if first == "{" or first == "[":
            return self.flow(text)
        if first in _INDICATORS:
            raise _Aside("an indicator")
        cut = text.find(" #")
        if cut >= 0:
            text = text[:cut].rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise _Aside("a colon in a plain scalar")
        return self.scalar(text)

    def quoted(self, text: str) -> str:
        quote = text[0]
        end = text.find(quote, 1)
        if quote == "'":
            while end >= 0 and text[end + 1 : end + 2] == "'":  # '' is one quote inside
                end = text.find("'", end + 2)
        if end < 0:
            raise _Aside("a quoted scalar spanning lines")
        inner = text[1:end]
        if quote == '"' and "\\" in inner:
            raise _Aside("an escape")
        after = text[end + 1 :].lstrip(" ")
        if after and (after[0] != "#" or text[end + 1] != " "):
            raise _Aside("text after a quoted scalar")
        return inner.replace("''", "'") if quote == "'" else inner

    def flow(self, text: str) -> Any:
        close = "}" if text[0] == "{" else "]"
        end = text.find(close)
        if end < 0:
            raise _Aside("a flow collection spanning lines")
        after = text[end + 1 :].lstrip(" ")
        if after and (after[0] != "#" or text[end + 1] != " "):
            raise _Aside("text after a flow collection")
        inner = text[1:end]
        if any(c in inner for c in "{}[]'\"#&*!|>%@`?"):
            raise _Aside("nested, quoted or unusual flow content")
        parts = [p.strip(" ") for p in inner.split(",")] if inner.strip(" ") else []
        if close == "]":
            return [self.flow_scalar(p) for p in parts]
        mapping: dict[str, Any] = {}
        for part in parts:
            name, colon, value = part.partition(": ")
            if not colon or _ENTRY.match(name + ":") is None:
                raise _Aside("not a `key: value` pair")
            name = self.key(name)
            if name in mapping:
                raise _Aside("duplicate key")
            mapping[name] = self.flow_scalar(value.strip(" "))
        return mapping

    def flow_scalar(self, text: str) -> Any:
        if not text or text[0] in _INDICATORS or ":" in text:
            raise _Aside("an empty or unusual flow scalar")
        return self.scalar(text)
