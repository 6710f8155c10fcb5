"""What an edit does to a parsed round-trip document: an observation recorded, a key set, in house order.

Each change says what it did and where a node it inserted is (`Loc`), so that the text layer can
keep the comment and blank lines that introduced what follows above it (see `edit_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from tracker.model import period_end
from tracker.problems import Loc, UsageError
from tracker.yamlfile import roundtrip
from tracker.yamlfile.scan import period_text

Action = Literal["added", "updated", "unchanged"]


# Where a missing top-level key goes: after the last key present that comes before it here.
TOP_ORDER = (
    "id",
    "name",
    "aliases",
    "level",
    "kind",
    "parent",
    "former",
    "population",
    "observations",
    "events",
    "targets",
)
_SUB_ORDER = {"name": ("en", "vi"), "population": ("value", "year", "source")}
# The keys that carry an observation's figure: either `value` or `numerator` + `denominator`.
_FIGURE = ("value", "numerator", "denominator")
OBSERVATION_KEYS = ("period", *_FIGURE, "source", "quality", "note", "quote")
# Kept from the observation being replaced unless the edit gives new ones.
KEPT = ("note", "quote")


# A change made to a parsed document: says what it did, and where a node it inserted is, so that
# comments ruamel would put above the new node can be put back below it.
Change = Callable[[Any], tuple[Action, Loc | None]]


def record_observation(
    document: Any,
    indicator: str,
    period: str,
    wanted: list[tuple[str, Any]],
    former: str | None = None,
    replaced: list[dict[str, Any]] | None = None,
) -> tuple[Action, Loc | None]:
    """Add the observation to its series in period order, or update the one with that period; with
    `replaced`, a copy of the observation an update replaces is appended to it."""
    if former is not None:
        formers = document.get("former")
        entry = formers.get(former) if isinstance(formers, dict) else None
        if not isinstance(entry, dict):
            raise UsageError(f"cannot edit: the file lists no former province {former!r} under `former`")
        roundtrip.to_block(formers)
        roundtrip.to_block(entry)
        action, loc = record_observation(entry, indicator, period, wanted, replaced=replaced)
        return action, ("former", former, *loc) if loc else None
    observations = document.get("observations")
    example = _period_example(observations)
    if observations is None:
        series = roundtrip.new_sequence([_observation(wanted, example)])
        return "added", _put(document, "observations", roundtrip.new_mapping([(indicator, series)]))
    if not isinstance(observations, dict):
        raise UsageError("cannot edit: `observations` is not a mapping of indicator ids to lists")
    series = observations.get(indicator)
    if series is None:
        roundtrip.make_block(observations)
        new = roundtrip.new_sequence([_observation(wanted, example)])
        if indicator in observations:  # `indicator:` with nothing after it
            roundtrip.replace_value(observations, indicator, new)
            return "added", None
        roundtrip.insert_key(observations, len(observations), indicator, new)
        return "added", ("observations", indicator) if len(observations) > 1 else None
    if not isinstance(series, list):
        raise UsageError(f"cannot edit: `observations.{indicator}` is not a list")
    for item in series:
        if isinstance(item, dict) and period_text(item.get("period")) == period:
            if replaced is not None:
                replaced.append(dict(item))
            _reconcile(item, [(k, v) for k, v in wanted if k != "period"])
            return "updated", None
    end = period_end(period)
    index = next((i for i, item in enumerate(series) if (_end(item) or date.min) > end), len(series))
    roundtrip.make_block(series)
    series.insert(index, _observation(wanted, example))
    return "added", ("observations", indicator, index) if index > 0 else None


def _observation(wanted: list[tuple[str, Any]], example: Any) -> Any:
    pairs = [(k, period_scalar(v, example) if k == "period" else to_scalar(v)) for k, v in wanted]
    return roundtrip.new_mapping(pairs)


def _reconcile(mapping: Any, wanted: list[tuple[str, Any]]) -> None:
    """Make an existing observation hold `wanted`, touching only the lines that change: kept keys
    keep their place, quoting and comments; a figure key replaces another on its line
    (`value` ↔ `numerator`); other new keys go after the key they follow in the house order."""
    want = dict(wanted)
    flow = roundtrip.is_flow(mapping)
    for key in list(mapping):
        if key in want and not same_value(mapping[key], want[key]):
            mapping[key] = to_scalar(want[key], mapping[key], flow=flow)
    removed = [k for k in mapping if k in OBSERVATION_KEYS and k not in ("period", *KEPT) and k not in want]
    added = [k for k, _ in wanted if k not in mapping]
    for old in [k for k in removed if k in _FIGURE]:
        new = next((k for k in added if k in _FIGURE), None)
        if new is None:
            break
        roundtrip.rename_key(mapping, old, new, to_scalar(want[new], flow=flow))
        removed.remove(old)
        added.remove(new)
    order = [k for k, _ in wanted]
    for key in added:
        before = [k for k in order[: order.index(key)] if k in mapping]
        position = list(mapping).index(before[-1]) + 1 if before else len(mapping)
        roundtrip.insert_key(mapping, position, key, to_scalar(want[key], flow=flow))
    for key in removed:
        roundtrip.delete_key(mapping, key)


def set_key(document: Any, parent_key: str, key: str, value: Any) -> tuple[Action, Loc | None]:
    """Set `parent_key.key` (`name.en`, `population.value`...) to `value`, adding the key, or the
    mapping it goes in, where the house order puts it."""
    parent = document.get(parent_key)
    if parent is None:
        return "added", _put(
            document, parent_key, roundtrip.new_mapping([(key, to_scalar(value, flow=True))], flow=True)
        )
    if not isinstance(parent, dict):
        raise UsageError(f"cannot edit: `{parent_key}` is not a mapping")
    if key in parent:
        if not same_value(parent[key], value):
            parent[key] = to_scalar(value, parent[key], flow=roundtrip.is_flow(parent))
        return "updated", None
    order = _SUB_ORDER[parent_key]
    before = [k for k in order[: order.index(key)] if k in parent]
    position = list(parent).index(before[-1]) + 1 if before else 0
    roundtrip.insert_key(parent, position, key, to_scalar(value, flow=roundtrip.is_flow(parent)))
    return "added", None


def _put(document: Any, key: str, value: Any) -> Loc | None:
    """Set a top-level key, inserting it where the house order puts it when it is missing."""
    if key in document:
        roundtrip.replace_value(document, key, value)
        return None
    rank = TOP_ORDER.index(key)
    keys = list(document)
    position = next((i for i, k in enumerate(keys) if k in TOP_ORDER and TOP_ORDER.index(k) > rank), len(keys))
    document.insert(position, key, value)
    return (key,) if position > 0 else None


def same_value(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return bool(old == new)
    return isinstance(old, str) and isinstance(new, str) and str(old) == str(new)


def to_scalar(value: Any, like: Any = None, flow: bool = False) -> Any:
    return roundtrip.text_scalar(value, like, flow=flow) if isinstance(value, str) else value


def period_scalar(period: str, example: Any) -> Any:
    """A period written plain (`2024`, `2025-09-22`, `2025-Q3`), or quoted like the file's others."""
    if isinstance(example, str) and type(example) is not str:  # a quoted scalar
        return roundtrip.text_scalar(period, example)
    if re.fullmatch(r"[0-9]{4}", period):
        return int(period)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", period):
        return date.fromisoformat(period)
    return period


def _period_example(observations: Any) -> Any:
    """The first period already in the file, whose quoting a new one copies."""
    if isinstance(observations, dict):
        for series in observations.values():
            for item in series if isinstance(series, list) else ():
                if isinstance(item, dict) and "period" in item:
                    return item["period"]
    return None


def _end(item: Any) -> date | None:
    text = period_text(item.get("period")) if isinstance(item, dict) else None
    try:
        return period_end(text) if text is not None else None
    except ValueError:
        return None
