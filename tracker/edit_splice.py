"""The fast path of an edit that adds observations: new lines spliced into the text at the parser's marks.

Adding observations needs only the text and the place where each goes. The C parser's events
give the marks (`scan_for_edit`); ruamel renders just the new lines, at the column the
round trip would write them at; they are spliced into the original text where the round trip
would put them (after the observation before, with the blank and comment lines that introduce
what follows moved below them, as `keep_lines_below` does), so the bytes are the same as the
round trip's (tests/test_edit.py checks this on generated files). Then only what changed is
checked (`edit._introduced_in_slice`): the file's data without the series no edit touches, before
and after, against the rest of the data root. Anything else (an update, a flow-style list, a block
scalar where the new lines go, a file indented unlike the house style) steps aside for the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.edit_document import (
    KEPT,
    OBSERVATION_KEYS,
    TOP_ORDER,
    Action,
    period_scalar,
    same_value,
    to_scalar,
)
from tracker.model import period_end
from tracker.problems import UnreadableYaml
from tracker.yamlfile import roundtrip
from tracker.yamlfile.read import load_data
from tracker.yamlfile.scan import EditScan, Gap, scan_for_edit


@dataclass(frozen=True)
class Addition:
    """One observation to add, as `record_observation` takes it."""

    former: str | None
    indicator: str
    period: str
    wanted: list[tuple[str, Any]]


@dataclass(frozen=True)
class FastEdit:
    text: str
    actions: tuple[Action, ...]
    before: dict[str, Any]  # the file's data without untouched series, before and after the edit
    after: dict[str, Any]


class _StepAside(Exception):
    """The round trip edits this file."""


@dataclass
class _New:
    """An observation to add, rendered."""

    period: str
    end: date
    wanted: list[tuple[str, Any]]


def fast_edit(original: str, requests: list[Addition]) -> FastEdit | None:
    """The text with the requested observations added, or None when the round trip must make the edit."""
    try:
        scan = scan_for_edit(original, {(r.former, r.indicator) for r in requests})
    except UnreadableYaml:
        return None  # the round trip says where and why
    if scan is None:
        return None
    try:
        return _Splice(original, scan).apply(requests)
    except _StepAside:
        return None


class _Splice:
    def __init__(self, text: str, scan: EditScan) -> None:
        self.text = text
        self.scan = scan
        self.indent = roundtrip.guess_indent(text)
        # Series of the file that get new observations: their entries in order, ("old", index) or _New.
        self.series: dict[tuple[str | None, str], list[Any]] = {}
        # New series, by owner (None: the file itself; else a former province), when the owner has
        # an `observations` mapping (`existing`) or not.
        self.new_series: dict[str | None, dict[str, list[_New]]] = {}
        self.new_mapping: dict[str | None, dict[str, list[_New]]] = {}

    def _depth(self, owner: str | None) -> int:
        """How deep the owner's `observations` key is: 0 in the file, 2 in a former province."""
        return 0 if owner is None else 2

    def _check_columns(self, owner: str | None) -> None:
        mapping = self.indent[0]
        depth = self._depth(owner)
        marks = self.scan.owners.get(owner)
        if marks is None or marks.column != depth * mapping:
            raise _StepAside
        observations = self.scan.observations.get(owner)
        if observations is not None and observations.mapping.column != (depth + 1) * mapping:
            raise _StepAside

    def apply(self, requests: list[Addition]) -> FastEdit:
        if self.scan.owners[None].column != 0:
            raise _StepAside
        actions = tuple(self._one(r) for r in requests)
        return FastEdit(self._spliced(), actions, self.scan.data, self._after())

    def _one(self, r: Addition) -> Action:
        owner, end = r.former, period_end(r.period)
        if owner is not None and owner not in self.scan.owners:
            raise _StepAside  # not listed, or not a block mapping: the round trip says what is wrong
        self._check_columns(owner)
        new = _New(r.period, end, r.wanted)
        if owner in self.new_mapping:
            _insert_new(self.new_mapping[owner].setdefault(r.indicator, []), new)
            return "added"
        if owner not in self.scan.observations:
            self.new_mapping[owner] = {r.indicator: [new]}
            return "added"
        observations = self.scan.observations[owner]
        if observations is None or observations.example_quote == "?":
            raise _StepAside
        if r.indicator not in observations.mapping.keys:
            if not observations.mapping.keys:
                raise _StepAside
            _insert_new(self.new_series.setdefault(owner, {}).setdefault(r.indicator, []), new)
            return "added"
        marks = observations.series.get(r.indicator)
        if marks is None:
            raise _StepAside
        entries = self.series.setdefault((owner, r.indicator), [("old", i) for i in range(len(marks.items))])
        for entry in entries:
            if isinstance(entry, _New):
                if entry.period == r.period:
                    raise _StepAside  # edits what an earlier one added
            elif marks.items[entry[1]][1] == r.period:
                if self._unchanged(owner, r.indicator, entry[1], r.wanted):
                    return "unchanged"
                raise _StepAside  # an update: the round trip reconciles the keys

        def end_of(entry: Any) -> date:
            if isinstance(entry, _New):
                return entry.end
            period = marks.items[entry[1]][1]
            try:
                return period_end(period) if period is not None else date.min
            except ValueError:
                return date.min

        index = next((i for i, e in enumerate(entries) if end_of(e) > end), len(entries))
        entries.insert(index, new)
        return "added"

    def _owner_data(self, owner: str | None) -> dict[str, Any]:
        data = self.scan.data
        return data if owner is None else data["former"][owner]

    def _unchanged(self, owner: str | None, indicator: str, index: int, wanted: list[tuple[str, Any]]) -> bool:
        """Whether `_reconcile` would leave the observation as it is."""
        item = self._owner_data(owner)["observations"][indicator][index]
        want = dict(wanted)
        if any(key in want and not same_value(value, want[key]) for key, value in item.items()):
            return False
        if any(k in OBSERVATION_KEYS and k not in ("period", *KEPT) and k not in want for k in item):
            return False
        return all(k in item for k in want)

    # -- the text

    def _example(self, owner: str | None) -> Any:
        observations = self.scan.observations.get(owner)
        return roundtrip.quoted_like(observations.example_quote if observations is not None else None)

    def _render(self, path: list[str], leaf: Any) -> list[str]:
        """ruamel's lines for `leaf` at the end of `path`: the column and style the round trip gives them."""
        document = leaf
        for key in reversed(path):
            document = roundtrip.new_mapping([(key, document)])
        return roundtrip.dump_roundtrip(document, self.indent).split("\n")[len(path) : -1]

    def _items(self, owner: str | None, news: list[_New], column: int) -> list[str]:
        """The lines of new observations in a list whose key is at `column`, as ruamel writes them:
        each scalar as ruamel writes it (`_scalar_text`), laid out as ruamel lays out a list of
        mappings with this indentation (checked against ruamel once per layout)."""
        mapping, sequence, offset = self.indent
        layout = (self.indent, column)
        if layout not in _LAYOUTS:
            path = ["k"] * (column // mapping + 1)
            sample = [("period", "2024"), ("value", 1)]
            _LAYOUTS[layout] = self._render(
                path, roundtrip.new_sequence([roundtrip.new_mapping(sample)])
            ) == _item_lines(sample, column + offset, column + sequence)
        if not _LAYOUTS[layout] or column % mapping:
            raise _StepAside
        example = self._example(owner)
        lines = []
        for new in news:
            pairs = [(k, period_scalar(v, example) if k == "period" else to_scalar(v)) for k, v in new.wanted]
            lines += _item_lines(pairs, column + offset, column + sequence)
        return lines

    def _series_lines(self, owner: str | None, series: dict[str, list[_New]], column: int) -> list[str]:
        """New `indicator:` keys at `column` with their observations."""
        lines = []
        for indicator, news in series.items():
            lines.append(" " * column + _scalar_text(indicator) + ":")
            lines += self._items(owner, news, column)
        return lines

    def _point(self, gap: Gap, column: int) -> int:
        """Where new lines go in a gap: after the content before it and any comment lines indented
        deeper than `column`, above the blank lines and the comments at `column` or left of it,
        which introduce what follows (what `keep_lines_below` does to ruamel's rendering)."""
        content_end, pos, plain = gap
        if not plain:
            raise _StepAside
        text = self.text
        floor = len(text)
        for brk in ("\n", "\r"):
            i = text.find(brk, content_end)
            if 0 <= i < floor:
                floor = i + (2 if text.startswith("\r\n", i) else 1)
        while pos > floor:
            end = pos
            if text[end - 1] in "\r\n":
                end -= 2 if text.endswith("\r\n", 0, end) else 1
            start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
            line = text[start:end]
            content = line.lstrip(" ")
            if content and not (content.startswith("#") and len(line) - len(content) <= column):
                break
            pos = start
        return pos

    def _inserts(self) -> list[tuple[int, int, list[str], Any]]:
        """(offset, column, lines, data) of each block of new lines."""
        mapping, sequence, offset = self.indent
        out: list[tuple[int, int, list[str], Any]] = []
        for (owner, indicator), entries in self.series.items():
            observations = self.scan.observations[owner]
            assert observations is not None
            marks = observations.series[indicator]
            assert marks is not None
            column = (self._depth(owner) + 1) * mapping + offset
            if marks.dash_column != column or marks.item_column != (self._depth(owner) + 1) * mapping + sequence:
                raise _StepAside
            news: list[_New] = []
            for entry in [*entries, ("old", len(marks.items))]:
                if isinstance(entry, _New):
                    news.append(entry)
                    continue
                if news:  # they go into the gap before old observation `entry[1]` (or the end)
                    # Before the first observation nothing moves: the round trip inserts it there.
                    gap = entry[1]
                    at = marks.gaps[0][1] if gap == 0 else self._point(marks.gaps[gap], column)
                    key_column = (self._depth(owner) + 1) * mapping
                    out.append((at, column, self._items(owner, news, key_column), None))
                news = []
        for owner, series in self.new_series.items():
            observations = self.scan.observations[owner]
            assert observations is not None
            column = (self._depth(owner) + 1) * mapping
            lines = self._series_lines(owner, series, column)
            out.append((self._point(observations.mapping.gaps[-1], column), column, lines, None))
        for owner, series in self.new_mapping.items():
            keys = self.scan.owners[owner]
            rank = TOP_ORDER.index("observations")
            position = next(
                (i for i, k in enumerate(keys.keys) if k in TOP_ORDER and TOP_ORDER.index(k) > rank), len(keys.keys)
            )
            if position == 0:
                raise _StepAside
            column = self._depth(owner) * mapping
            lines = [" " * column + "observations:", *self._series_lines(owner, series, column + mapping)]
            out.append((self._point(keys.gaps[position], column), column, lines, None))
        return out

    def _owner_path(self, owner: str | None) -> list[str]:
        return [] if owner is None else ["former", owner]

    def _spliced(self) -> str:
        text, eol = self.text, self.scan.eol
        inserts = sorted(self._inserts(), key=lambda i: (i[0], -i[1]))  # deeper first where two meet (stable)
        out, done = [], 0
        for at, _, lines, _ in inserts:
            chunk = "".join(line + eol for line in lines)
            if (
                at == len(text) and text and text[-1] not in "\r\n"
            ):  # no final line break: none after the new lines either
                chunk = eol + chunk[: -len(eol)]
            out += [text[done:at], chunk]
            done = at
        out.append(text[done:])
        return "".join(out)

    # -- the data

    def _after(self) -> dict[str, Any]:
        """The scanned data with the new observations, as the new text reads (each new block is read
        back from the lines rendered for it)."""
        data = dict(self.scan.data)
        touched = [key for key, entries in self.series.items() if any(isinstance(e, _New) for e in entries)]
        owners = {owner for owner, _ in touched} | set(self.new_series) | set(self.new_mapping)
        if owners - {None}:
            data["former"] = dict(data["former"])
        for owner in owners:
            container = data if owner is None else dict(data["former"][owner])
            if owner is not None:
                data["former"][owner] = container
            container["observations"] = dict(container.get("observations") or {})

        def observations_of(owner: str | None) -> dict[str, Any]:
            observations: dict[str, Any] = (data if owner is None else data["former"][owner])["observations"]
            return observations

        # Every new block is read back from its lines, all in one document (each under a key of
        # its own, one column further in), so the edit is checked on what the new text holds.
        mapping = self.indent[0]
        blocks: list[list[str]] = []
        for (owner, _indicator), entries in self.series.items():
            news = [e for e in entries if isinstance(e, _New)]
            if news:
                blocks.append(self._items(owner, news, (self._depth(owner) + 1) * mapping))
        merged = {**self.new_series, **self.new_mapping}
        for owner, series in merged.items():
            blocks.append(self._series_lines(owner, series, (self._depth(owner) + 1) * mapping))
        read = load_data(
            "".join(f"b{n}:\n" + "".join(f" {line}\n" for line in block) for n, block in enumerate(blocks))
        )
        n = 0
        for (owner, indicator), entries in self.series.items():
            if any(isinstance(e, _New) for e in entries):
                old = self._owner_data(owner)["observations"][indicator]
                new = iter(read[f"b{n}"])
                observations_of(owner)[indicator] = [next(new) if isinstance(e, _New) else old[e[1]] for e in entries]
                n += 1
        for owner in merged:
            observations_of(owner).update(read[f"b{n}"])
            n += 1
        return data


# Layouts of new observations already compared with ruamel's: (indentation, column) -> the same.
_LAYOUTS: dict[tuple[tuple[int, int, int], int], bool] = {}
_SCALAR_TEXTS: dict[tuple[type, Any], str | None] = {}
_PLAIN_FLOAT = re.compile(r"[0-9]{1,15}\.[0-9]{1,15}")


def _scalar_text(value: Any) -> str:
    """A scalar as ruamel writes it after `key: ` (asked once per distinct value); _StepAside when
    that takes more than one line."""
    if type(value) is int:
        return str(value)  # as ruamel's representer writes an int
    if type(value) is float and _PLAIN_FLOAT.fullmatch(text := repr(value)):
        return text  # as ruamel's representer writes a float with no exponent
    key = (type(value), value)
    if key not in _SCALAR_TEXTS:
        lines = roundtrip.dump_roundtrip(roundtrip.new_mapping([("k", value)])).split("\n")
        if len(_SCALAR_TEXTS) > 10_000:
            _SCALAR_TEXTS.clear()
        _SCALAR_TEXTS[key] = (
            lines[0][3:] if len(lines) == 2 and lines[0].startswith("k: ") and len(lines[0]) < 1000 else None
        )
    written = _SCALAR_TEXTS[key]
    if written is None:
        raise _StepAside
    return written


def _item_lines(pairs: list[tuple[str, Any]], dash: int, column: int) -> list[str]:
    """A block mapping of scalars as an item of a block list: `- key: value` at `dash`, its other keys at `column`."""
    first = " " * dash + "-" + " " * (column - dash - 1)
    return [
        (first if i == 0 else " " * column) + f"{_scalar_text(k)}: {_scalar_text(v)}" for i, (k, v) in enumerate(pairs)
    ]


def _insert_new(entries: list[_New], new: _New) -> None:
    if any(e.period == new.period for e in entries):
        raise _StepAside  # edits what an earlier one added
    entries.insert(next((i for i, e in enumerate(entries) if e.end > new.end), len(entries)), new)
