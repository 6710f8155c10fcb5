"""A test oracle for `tracker.yamlfile.locate.locate_many`: where a node is, read from a round-trip document.

Slow, but obviously right; locate_many reads the same positions from the parser's events."""

from __future__ import annotations

from typing import Any


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
