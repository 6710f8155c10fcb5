"""A file's own lines: split with their line breaks, an edit laid onto them, the unified diff of the change.

The round trip renders the whole file; only the lines where its rendering with the edit differs
from its rendering without are put into the file's own text, so lines ruamel would re-format (and
line endings, a missing final newline) stay as they were.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from tracker.problems import Loc, UnreadableYaml
from tracker.yamlfile.read import load_data

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_KEEP_CHOMPING = re.compile(r"[|>][1-9]?\+")
_CONTEXT = 3  # lines of context in a diff, as git shows


def split_lines(text: str) -> list[tuple[str, str]]:
    """(content, line break) pairs; the last line's break is "" when the file does not end with one."""
    return [(m[1], m[2]) for m in _LINE.finditer(text)][:-1]


def yaml_text(lines: list[tuple[str, str]]) -> str:
    """The text YAML reads: the lines with `\n` breaks (the last one too)."""
    return "".join(content + "\n" for content, _ in lines)


def keep_lines_below(before: str, after: str, loc: Loc) -> str:
    """ruamel writes a node inserted after a sibling below the comment and blank lines that
    followed that sibling; move those lines below the new node, so they keep introducing what
    they introduced (a comment before the next observation, the blank line before `targets:`)."""
    old, new = before.split("\n"), after.split("\n")
    count = len(new) - len(old)
    if count <= 0:
        return after
    # `after` is `before` with the node's lines inserted at one place; find it (the places where
    # that holds are a range when the new lines repeat their neighbours) by the node's first line.
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(old) and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    first = "- " if isinstance(loc[-1], int) else f"{loc[-1]}:"
    places = [
        i for i in range(max(0, len(old) - suffix), min(prefix, len(old)) + 1) if new[i].lstrip().startswith(first)
    ]
    if len(places) != 1:
        return after
    start = places[0]
    # Comment lines indented deeper than the new node belong to the sibling above it and stay.
    column = len(new[start]) - len(new[start].lstrip())
    top = start
    while top > 0 and (
        not new[top - 1].strip()
        or (new[top - 1].lstrip().startswith("#") and len(new[top - 1]) - len(new[top - 1].lstrip()) <= column)
    ):
        top -= 1
    if top == start:
        return after
    moved = "\n".join(new[:top] + new[start : start + count] + new[top:start] + new[start + count :])
    # Only a block scalar kept with `|+` / `>+` can end in blank lines that are its content, not
    # layout; then make sure moving them changes no data.
    return moved if not _KEEP_CHOMPING.search(after) or _same_data(moved, after) else after


def _common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many lines the two share at the start, and then at the end (never overlapping)."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def lay_onto(lines: list[tuple[str, str]], before: str, after: str) -> str:
    """The file's own lines with the edit (the region where `after` differs from `before`, ruamel's
    rendering of the file without and with it) put in. Lines ruamel would write differently (flow
    spacing, `---`, trailing spaces...) stay as they are unless they touch the edit."""
    body = [content for content, _ in lines]
    old, new = before.split("\n")[:-1], after.split("\n")[:-1]
    prefix, suffix = _common_ends(old, new)
    first, last = prefix, len(old) - suffix  # the edit is old[first:last] -> new[first:last + delta]
    delta = len(new) - len(old)
    if body == old:
        start, end = first, last
    else:
        # Where each line ruamel wrote is in the file, ignoring spaces (ruamel may have changed
        # them: `{ en: X }`, trailing blanks). The edit goes where its own lines, or else its
        # nearest neighbours, are found; lines of the file found nowhere in ruamel's rendering
        # (`---`, `...`) stay unless they sit inside the edit.
        found: dict[int, int] = {}
        shape = [["".join(line.split()) for line in side] for side in (old, body)]
        for block in difflib.SequenceMatcher(None, shape[0], shape[1]).get_matching_blocks():
            found.update((block.a + i, block.b + i) for i in range(block.size))
        before_it = max((i for i in range(first) if i in found), default=-1)
        after_it = min((i for i in range(last, len(old)) if i in found), default=len(old))
        if first == last and first - 1 in found:  # only lines added
            start = end = found[first - 1] + 1
        elif first == last and first in found:
            start = end = found[first]
        else:
            if first < last and first in found:
                start = found[first]
            else:
                start, first = found.get(before_it, -1) + 1, before_it + 1
            if first < last and last - 1 in found:
                end = found[last - 1] + 1
            else:
                end, last = found.get(after_it, len(body)), after_it
    new_start, new_end = first, last + delta
    newline = Counter(ending for _, ending in lines if ending).most_common(1)
    eol = newline[0][0] if newline else "\n"
    out = [content + (ending or eol) for content, ending in lines[:start]]
    out += [content + eol for content in new[new_start:new_end]]
    out += [content + (ending or eol) for content, ending in lines[end:]]
    if lines and not lines[-1][1] and out:  # the file had no final newline; keep it that way
        out[-1] = out[-1].rstrip("\r\n")
    text = "".join(out)
    return text if body == old or _same_data(text, after) else after


def _same_data(text: str, expected: str) -> bool:
    try:
        a, b = load_data(text), load_data(expected)
    except UnreadableYaml:
        return False
    return bool(a == b) or repr(a) == repr(b)


def unified_diff(old: str, new: str, shown: str) -> str:
    """A `git diff`-style unified diff of one file (line endings shown as `\\n`)."""

    def lines(text: str) -> list[str]:
        return [content + ("\n" if ending else "") for content, ending in split_lines(text)]

    # Diff only the changed stretch and its context: a province file can run to many megabytes.
    # First cut both texts to whole lines around what differs (compared in C), then to lines.
    start, old_stop, new_stop = _changed_window(old, new)
    window_skip = old.count("\n", 0, start) + old.count("\r", 0, start) - old.count("\r\n", 0, start)
    a, b = lines(old[start:old_stop]), lines(new[start:new_stop])
    head, tail = _common_ends(a, b)
    skip = max(0, head - _CONTEXT)
    a, b = a[skip : len(a) - max(0, tail - _CONTEXT)], b[skip : len(b) - max(0, tail - _CONTEXT)]
    skip += window_skip

    def moved(m: re.Match[str]) -> str:
        return str(int(m[1]) + skip)

    out = []
    for line in difflib.unified_diff(a, b, f"a/{shown}", f"b/{shown}", n=_CONTEXT):
        if line.startswith("@@"):
            line = re.sub(r"(?<=[-+])(\d+)", moved, line)
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _changed_window(old: str, new: str) -> tuple[int, int, int]:
    """Offsets that cut both texts to the same whole lines before and after the stretch where they
    differ, with more lines of context than a diff shows: (start, end in old, end in new)."""
    shorter = min(len(old), len(new))
    low, high = 0, shorter  # the common prefix is at least `low` long and at most `high`
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, shorter - prefix  # the common suffix, not overlapping the prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle : len(old) - low] == new[len(new) - middle : len(new) - low]:
            low = middle
        else:
            high = middle - 1
    suffix = low
    margin = 2 * (_CONTEXT + 2)  # line-break characters: a CRLF line has two
    start = prefix
    for _ in range(margin):
        start = max(old.rfind("\n", 0, start), old.rfind("\r", 0, start))
        if start < 0:
            break
    start = 0 if start < 0 else start + (2 if old.startswith("\r\n", start) else 1)
    end = len(old) - suffix
    for _ in range(margin):
        found = [i for i in (old.find("\n", end), old.find("\r", end)) if i >= 0]
        if not found:
            end = len(old)
            break
        end = min(found) + 1
    if end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
    tail = len(old) - end
    return start, end, len(new) - tail
