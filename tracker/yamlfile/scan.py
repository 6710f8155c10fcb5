"""The edit scanner: where a province file's observations are in its text, read in one pass of the C parser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.error import YAMLError

from tracker.yamlfile.guard import _guard
from tracker.yamlfile.read import _FAST, _fast_load, _FastReader, _Unusual

# --- marks for an edit: where observations are in a file's text ------------------------------
#
# An edit that adds observations needs the text and the place where each goes, not a
# comment-keeping tree of the whole file: ruamel's round-trip loader is pure Python and takes
# minutes and gigabytes for a file of 20 MB. `scan_for_edit` reads the C parser's events once,
# keeps the marks of the mappings and lists an edit can touch, and builds the plain data of the
# file without the series no edit touches, so that what the edit changes can be checked alone.


class Untouched:
    """Stands for a series left out of `EditScan.data`: no edit touches it."""


# A gap before a key, an item or the end of a block: (offset where the content before it ends,
# offset of the line it starts on, whether the content before it ends plainly: not in a block
# scalar, whose own lines the text after it would be).
Gap = tuple[int, int, bool]


@dataclass
class SeriesMarks:
    """A block list of block mappings of one-line scalars under `observations`."""

    dash_column: int
    item_column: int
    items: list[tuple[int, str | None]]  # (offset of the item's first line, its period as text)
    gaps: list[Gap]  # before each item, then before the end of the list


@dataclass
class MappingMarks:
    """A block mapping: its keys in order, the offsets of their lines, the gaps before each key
    and before its end."""

    column: int
    keys: list[str]
    starts: list[int]
    gaps: list[Gap]


@dataclass
class ObservationMarks:
    """An `observations` block mapping of the file or of a former province."""

    mapping: MappingMarks
    series: dict[str, SeriesMarks | None]  # wanted series; None when not a plain block list
    example_quote: str | None  # the quoting ('"', "'") of the first period in it; "?" unknown


@dataclass
class EditScan:
    """What `scan_for_edit` found."""

    data: dict[str, Any]  # the file's data, with Untouched series left out
    owners: dict[str | None, MappingMarks]  # the root (None) and each former province given as a block mapping
    observations: dict[str | None, ObservationMarks | None]  # by owner; None: `observations` is no block mapping
    eol: str  # the most common line break of the file


def scan_for_edit(text: str, wanted: set[tuple[str | None, str]]) -> EditScan | None:
    """Marks and data for adding observations of the (former province or None, indicator) series
    in `wanted`, or None when the file is anything but plain block YAML along the way there (the
    round trip then edits it). Parses the whole text once, building data only for what the edit
    can change. Problems the file already has in series no edit touches (a duplicate key, a merge
    key) are left for `validate` to report. Raises UnreadableYaml for text the guard refuses."""
    _guard(text)
    if not _FAST:
        _fast_load("")
    reader = _FAST[0]
    if reader is None:
        return None
    try:
        return _EditScanner(text, reader, wanted).scan()
    except (_Unusual, YAMLError, ValueError, LookupError, TypeError, AttributeError, RecursionError, MemoryError):
        return None  # anything unusual or wrong: the round trip decides and reports


def _common_break(text: str) -> str:
    """The line break most lines end with (of equally common ones, the first in the file), as
    the edit laid onto a file's lines uses; `\\n` for a file without any."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    best = max(counts.values())
    tied = [b for b, n in counts.items() if n == best and n]
    if len(tied) <= 1:
        return tied[0] if tied else "\n"
    return min(tied, key=lambda b: _first_break(text, b))


def _first_break(text: str, kind: str) -> int:
    if kind == "\r\n":
        return text.find(kind)
    pattern = r"(?<!\r)\n" if kind == "\n" else r"\r(?!\n)"
    m = re.search(pattern, text)
    return m.start() if m else len(text)


def period_text(value: Any) -> str | None:
    """A raw YAML `period` value as text (`2025` and `2025-09-22` are read as an int and a date),
    or None where it is no period at all."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _EditScanner:
    def __init__(self, text: str, reader: _FastReader, wanted: set[tuple[str | None, str]]) -> None:
        from ruamel.yaml import events

        self.text = text
        self.reader = reader
        self.wanted = wanted
        self.ev = events
        self.get = reader.parser(text).get_event
        self.last_end = 0  # where the last scalar or flow collection read ends
        self.plain_end = True  # that was no block scalar
        self.owners: dict[str | None, MappingMarks] = {}
        self.observations: dict[str | None, ObservationMarks | None] = {}

    def scan(self) -> EditScan:
        ev = self.ev
        if type(self.get()) is not ev.StreamStartEvent:
            raise _Unusual("stream")
        start = self.get()
        if type(start) is not ev.DocumentStartEvent or start.version or start.tags or start.explicit:
            raise _Unusual("directive")
        top = self.get()
        if type(top) is not ev.MappingStartEvent or top.flow_style:
            raise _Unusual("root")
        self._plain(top)
        data, root = self._block_mapping(top, "root", None)
        end = self.get()
        if type(end) is not ev.DocumentEndEvent or end.explicit or type(self.get()) is not ev.StreamEndEvent:
            raise _Unusual("not one document")
        self.owners[None] = root
        return EditScan(data, self.owners, self.observations, _common_break(self.text))

    def _gap(self, mark: Any) -> Gap:
        index = mark.index
        return self.last_end, (index - mark.column if index < len(self.text) else index), self.plain_end

    def _plain(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            raise _Unusual("anchor or tag")

    def _key(self, event: Any, seen: Any) -> str:
        if type(event) is not self.ev.ScalarEvent:
            raise _Unusual("complex key")
        self._plain(event)
        key = self.reader._key(event.value) if event.implicit[0] else event.value
        if key in seen:
            raise _Unusual("duplicate key")
        self.last_end, self.plain_end = event.end_mark.index, True
        return key

    def _block_mapping(self, start: Any, role: str, owner: str | None) -> tuple[dict[str, Any], MappingMarks]:
        """A block mapping in its role (root; former: former ids; owner: one former province;
        observations: indicator ids): its data and marks."""
        ev = self.ev
        marks = MappingMarks(start.start_mark.column, [], [], [])
        result: dict[str, Any] = {}
        example: list[str | None] = []
        series: dict[str, SeriesMarks | None] = {}
        while True:
            event = self.get()
            if type(event) is ev.MappingEndEvent:
                marks.gaps.append(self._gap(event.start_mark))
                break
            mark = event.start_mark
            marks.gaps.append(self._gap(mark))
            key = self._key(event, marks.keys)
            marks.keys.append(key)
            marks.starts.append(mark.index - mark.column)
            value_event = self.get()
            if role == "observations":
                if (owner, key) in self.wanted or not example:  # read until the first period, for its quoting
                    value, series_marks = self._series(value_event, example)
                    if (owner, key) in self.wanted:
                        series[key] = series_marks
                    else:
                        value = Untouched
                else:
                    value = self._skip(value_event)
            else:
                child = {
                    ("root", "former"): "former",
                    ("root", "observations"): "observations",
                    ("owner", "observations"): "observations",
                }.get((role, key), "owner" if role == "former" else "")
                block = type(value_event) is ev.MappingStartEvent and not value_event.flow_style
                if child and block:
                    self._plain(value_event)
                    value, child_marks = self._block_mapping(value_event, child, key if role == "former" else owner)
                    if child == "owner":
                        self.owners[key] = child_marks
                else:
                    if child == "observations":
                        self.observations[owner] = None
                    value = self._node(value_event)
            if value is not Untouched:
                result[key] = value
        if role == "observations":
            quote = example[0] if example else None
            self.observations[owner] = ObservationMarks(marks, series, quote)
        return result, marks

    def _series(self, start: Any, example: list[str | None]) -> tuple[Any, SeriesMarks | None]:
        """A series: its data, and its marks when it is a block list of block mappings of one-line
        scalars with the dash of every item at one column."""
        ev = self.ev
        if type(start) is not ev.SequenceStartEvent or start.flow_style:
            value = self._node(start)
            if not example and isinstance(value, list) and value:
                example.append("?")  # `_period_example` may find a period in it
            return value, None
        self._plain(start)
        dash = start.start_mark.column
        marks = SeriesMarks(dash, -1, [], [])
        items: list[Any] = []
        simple = True
        while True:
            event = self.get()
            kind = type(event)
            if kind is ev.SequenceEndEvent:
                marks.gaps.append(self._gap(event.start_mark))
                break
            if kind is not ev.MappingStartEvent or event.flow_style:
                simple = False
                if not example:
                    example.append("?")
                items.append(self._node(event))
                continue
            self._plain(event)
            mark = event.start_mark
            line_start = mark.index - mark.column
            if self.text[line_start : line_start + dash + 2] != " " * dash + "- ":
                simple = False
            if marks.item_column < 0:
                marks.item_column = mark.column
            simple = simple and mark.column == marks.item_column
            marks.gaps.append(self._gap(mark))
            item, period, one_line = self._item(example)
            simple = simple and one_line
            marks.items.append((line_start, period))
            items.append(item)
        return items, (marks if simple else None)

    def _item(self, example: list[str | None]) -> tuple[dict[str, Any], str | None, bool]:
        """One observation: its data, its period as text, and whether each value is one scalar on one line."""
        ev = self.ev
        item: dict[str, Any] = {}
        one_line = True
        while True:
            event = self.get()
            if type(event) is ev.MappingEndEvent:
                return item, period_text(item.get("period")), one_line
            key = self._key(event, item)
            value_event = self.get()
            if type(value_event) is ev.ScalarEvent:
                one_line = one_line and value_event.start_mark.line == value_event.end_mark.line
                if key == "period" and not example:
                    example.append(value_event.style if value_event.style in ('"', "'") else None)
            else:
                one_line = False
            item[key] = self._node(value_event)

    def _node(self, event: Any) -> Any:
        """Any node, built as the fast reader builds it."""
        ev = self.ev
        kind = type(event)
        if kind is ev.AliasEvent:
            raise _Unusual("alias")
        self._plain(event)
        if kind is ev.ScalarEvent:
            self.last_end, self.plain_end = event.end_mark.index, event.style not in ("|", ">")
            return self.reader._scalar(event.value) if event.implicit[0] else event.value
        if kind is ev.MappingStartEvent:
            result: dict[str, Any] = {}
            while True:
                key_event = self.get()
                if type(key_event) is ev.MappingEndEvent:
                    self._ended(key_event)
                    return result
                key = self._key(key_event, result)
                result[key] = self._node(self.get())
        if kind is ev.SequenceStartEvent:
            items: list[Any] = []
            while True:
                item_event = self.get()
                if type(item_event) is ev.SequenceEndEvent:
                    self._ended(item_event)
                    return items
                items.append(self._node(item_event))
        raise _Unusual(kind.__name__)

    def _ended(self, end: Any) -> None:
        if end.end_mark.index > end.start_mark.index:  # a flow collection's closing bracket; a block ends with no width
            self.last_end, self.plain_end = end.end_mark.index, True

    def _skip(self, start: Any) -> Any:
        """Read past a series no edit touches (the bulk of a large file), keeping only where its
        content ends."""
        ev = self.ev
        kind = type(start)
        if kind is not ev.MappingStartEvent and kind is not ev.SequenceStartEvent:
            self._node(start)
            return Untouched
        scalar, mapping, sequence = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
        mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
        get = self.get
        depth = 1
        last = start
        while depth:
            event = get()
            kind = type(event)
            if kind is scalar:
                last = event
            elif kind is mapping or kind is sequence:
                depth += 1
            elif kind is mapping_end or kind is sequence_end:
                depth -= 1
                if event.end_mark.index > event.start_mark.index:
                    last = event
            else:
                raise _Unusual(kind.__name__)
        if last is not start:
            self.last_end = last.end_mark.index
            self.plain_end = getattr(last, "style", None) not in ("|", ">")
        return Untouched
