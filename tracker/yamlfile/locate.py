"""Locating problems: the line and column of nodes named by their path in the data, from parser events."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

from tracker.yamlfile.guard import _guard
from tracker.yamlfile.read import _translate


def locate_many(text: str, wanted: list[tuple[tuple[str | int, ...], bool]]) -> list[tuple[int, int]]:
    """1-based (line, column) of each (loc, key) in `wanted`: the node at `loc` (a nested block at
    its key; with `key`, the mapping key itself), or its deepest existing ancestor when the path
    does not exist (e.g. a missing key). Read from the C parser's events in one pass that keeps no
    document: a round-trip document gives the same positions (tests/locate_oracle.py) but takes
    about a minute and gigabytes for a file of a million list items; this, a second. Raises
    UnreadableYaml when the text does not parse."""
    _guard(text)
    prefixes = {loc[:i] for loc, _ in wanted for i in range(1, len(loc) + 1)}
    # path -> (mark of its key in a mapping or None for a list item, mark of the node, is a collection)
    found: dict[tuple[str | int, ...], tuple[Any, Any, bool]] = {}
    stack: list[
        list[Any]
    ] = []  # [path or None (inside a complex key), is a mapping, expecting a key, key or index, key mark]
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
                            found[path] = (
                                frame[4] if frame[1] else None,
                                event.start_mark,
                                isinstance(event, CollectionStartEvent),
                            )
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
