"""Minimal-diff edits of province files: `record` one observation, `set_field` one small top-level value.

An edit goes through the YAML round trip, so comments, key order, quoting, indentation and blank
lines survive, and then is laid back onto the file's own text, so that lines ruamel would
re-format (and line endings, a byte-order mark, a missing final newline) stay as they were: the
diff a reviewer sees holds only the lines of what changed. An edit that would bring a new error
into the data is refused and nothing is written; a write is atomic and made under a lock on the
folder, re-reading the file inside it, so concurrent edits of one file all land.
"""

from __future__ import annotations

import codecs
import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from tracker import files
from tracker.load import data_files, display_path, kind_of, load_dataset, resolve_locations, validate_data
from tracker.model import ID_PATTERN, Dataset, period_end
from tracker.names import suggest
from tracker.problems import Loc, Problem, TrackerError
from tracker.yamlfile import roundtrip
from tracker.yamlfile.guard import YamlProblem, decode, read_bytes
from tracker.yamlfile.read import load_data
from tracker.yamlfile.scan import EditScan, Gap, scan_for_edit

Action = Literal["added", "updated", "unchanged"]
QUALITIES = ("reported", "estimated", "illustrative")
FIELDS = ("name.en", "name.vi", "population.value", "population.year", "population.source")

# Where a missing top-level key goes: after the last key present that comes before it here.
_TOP_ORDER = ("id", "name", "aliases", "level", "kind", "parent", "former", "population", "observations", "events", "targets")
_SUB_ORDER = {"name": ("en", "vi"), "population": ("value", "year", "source")}
# The keys that carry an observation's figure: either `value` or `numerator` + `denominator`.
_FIGURE = ("value", "numerator", "denominator")
_OBSERVATION_KEYS = ("period", *_FIGURE, "source", "quality", "note", "quote")
# Kept from the observation being replaced unless the edit gives new ones.
_KEPT = ("note", "quote")

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_PAIR = re.compile(r"([0-9]+)\s*/\s*([0-9]+)")
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_KEEP_CHOMPING = re.compile(r"[|>][1-9]?\+")
_CONTEXT = 3  # lines of context in a diff, as git shows

# A change made to a parsed document: says what it did, and where a node it inserted is, so that
# comments ruamel would put above the new node can be put back below it.
Change = Callable[[Any], tuple[Action, Loc | None]]


@dataclass(frozen=True)
class EditResult:
    """What an edit did, or would do with `dry_run`.

    `diff` is a unified diff of the file (paths relative to the data root, `a/` and `b/`
    prefixes; empty when nothing changes). `problems` are the ones the edit would bring into the
    file, located in the proposed text; when any is an error the edit is `refused` and the file is
    left as it was. `written` says whether the file was replaced."""

    path: Path
    action: Action
    diff: str
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    refused: bool = False
    # With several changes in one edit (`record_many`): what each did, in order.
    actions: tuple[Action, ...] = ()


class EditConflict(TrackerError):
    """The file changed while being edited, by a program that does not take the lock."""


def parse_value(text: str) -> tuple[float | None, int | None, int | None]:
    """`"87.5"` → (87.5, None, None); `"54/54"` → (None, 54, 54). Anything else raises ValueError
    with a one-line message saying how to write it."""
    s = text.strip()
    try:
        if m := _PAIR.fullmatch(s):
            return None, int(m[1]), int(m[2])
        if _NUMBER.fullmatch(s) and math.isfinite(number := float(s)):
            return number, None, None
    except ValueError:  # more digits than int() accepts
        pass
    raise ValueError(_value_message(text))


def _value_message(text: str) -> str:
    s = text.strip().lower()
    shown = f"value {text!r}"
    if "%" in s:
        return f"{shown}: leave out the % sign (87.5 means 87.5 %)"
    if "," in s:
        return f"{shown}: no thousands separators or decimal commas; write 1234 or 87.5"
    if s.startswith("-"):
        return f"{shown}: figures cannot be negative"
    if "/" in s:
        return f"{shown}: a count pair is two whole numbers, numerator/denominator, like 54/54"
    if s.lstrip("+").startswith(("nan", "inf", ".nan", ".inf")) or _NUMBER.fullmatch(s):
        return f"{shown}: not a finite number"
    return f"{shown} is not a number; write 87.5 for a value or 54/54 for numerator/denominator"


def record(
    root: Path,
    province: str,
    indicator: str,
    period: str,
    value_text: str,
    source: str,
    note: str | None = None,
    quality: str = "reported",
    dry_run: bool = False,
    quote: str | None = None,
    former: str | None = None,
) -> EditResult:
    """Add one observation to `provinces/<province>.yaml`, in period order, or update the one with
    the same period (its figure, source and quality are replaced, its note and quote too when new
    ones are given; keys that no longer apply go). With `former`, the observation is that former
    province's, under `former.<id>.observations` of the file. A different spelling of an existing period's end date (`2024-Q4` beside `2024-12-31`) is
    added, and so refused as a duplicate period. Raises TrackerError for an unknown province or
    indicator, a malformed period or value, or a file that cannot be read or parsed."""
    wanted = _wanted(period, value_text, source, note, quality, quote)
    path = _province_file(root, province)
    _require_indicator(root, indicator)

    def change(document: Any) -> tuple[Action, Loc | None]:
        return _record(document, indicator, period, wanted, former)

    return _apply(root, path, change, dry_run, fast=[_Request(former, indicator, period, wanted)])


@dataclass(frozen=True)
class NewObservation:
    """One observation for `record_many`, given as `record` takes it."""

    indicator: str
    period: str
    value_text: str
    source: str
    note: str | None = None
    quality: str = "reported"
    quote: str | None = None
    former: str | None = None  # a former province of the file's province: the figure is that one's


def record_many(
    root: Path,
    province: str,
    observations: list[NewObservation],
    dry_run: bool = False,
    dataset: Dataset | None = None,
    sync: bool = True,
) -> EditResult:
    """Add or update several observations of one province file in one edit: each is applied as
    `record` would, the result is checked once and written once (or, when it would bring an error
    into the data, none of them is). `actions` says what each observation did, in order.

    `dataset`, the data root as loaded just before (an import loads it once for all its files),
    stands for the other files when the edit is checked; else they are loaded. `sync=False` leaves
    the folder to be synced once after several files (`sync_provinces`): each file is still
    written in full before it replaces the old one."""
    path = _province_file(root, province)
    if dataset is None:
        for indicator in dict.fromkeys(obs.indicator for obs in observations):
            _require_indicator(root, indicator)
    else:
        for indicator in dict.fromkeys(obs.indicator for obs in observations):
            if indicator not in dataset.indicators:
                raise TrackerError(f"unknown indicator {indicator!r}" + suggest(indicator, sorted(dataset.indicators)))
    changes, again = _record_changes(observations)
    requests = [
        _Request(o.former, o.indicator, o.period, _wanted(o.period, o.value_text, o.source, o.note, o.quality, o.quote))
        for o in observations
    ]
    return _apply(root, path, changes, dry_run, again, fast=requests, dataset=dataset, sync=sync)


def sync_provinces(root: Path) -> None:
    """Make the files `record_many(..., sync=False)` wrote durable."""
    files.sync(root / "provinces")


def _record_changes(observations: list[NewObservation]) -> tuple[list[Change], frozenset[int]]:
    """The changes that record each observation, and the indexes of those that must start from a
    fresh reading of the text (see `_edit_together`)."""
    changes: list[Change] = []
    seen: set[tuple[str | None, str, str]] = set()
    again: set[int] = set()
    for i, obs in enumerate(observations):
        wanted = _wanted(obs.period, obs.value_text, obs.source, obs.note, obs.quality, obs.quote)
        changes.append(lambda document, obs=obs, wanted=wanted: _record(document, obs.indicator, obs.period, wanted, obs.former))
        if (obs.former, obs.indicator, obs.period) in seen:
            # It edits the observation an earlier one wrote, copying the quoting of its values,
            # which the document holds only once the text is read again.
            again.add(i)
        seen.add((obs.former, obs.indicator, obs.period))
    return changes, frozenset(again)


def check_quality(quality: str) -> None:
    """TrackerError, with the closest match, for a quality that is not one of QUALITIES."""
    if quality not in QUALITIES:
        raise TrackerError(f"unknown quality {quality!r}; use one of {', '.join(QUALITIES)}" + suggest(quality, list(QUALITIES)))


def _wanted(
    period: str, value_text: str, source: str, note: str | None, quality: str, quote: str | None = None
) -> list[tuple[str, Any]]:
    """An observation's keys and values, in the house order; TrackerError for a bad argument."""
    try:
        value, numerator, denominator = parse_value(value_text)
        period_end(period)
    except ValueError as exc:
        raise TrackerError(str(exc)) from None
    check_quality(quality)
    figure: list[tuple[str, Any]]
    if value is not None:
        figure = [("value", value if "." in value_text else int(value_text.strip()))]
    else:
        figure = [("numerator", numerator), ("denominator", denominator)]
    wanted = [("period", period), *figure, ("source", _clean(source)), ("quality", quality)]
    if note is not None and note.strip():
        wanted.append(("note", _clean(note)))
    if quote is not None and quote.strip():
        wanted.append(("quote", _clean(quote)))
    return wanted


def set_field(root: Path, province: str, field: str, value_text: str, dry_run: bool = False) -> EditResult:
    """Set one small top-level value of a province file: `name.en`, `name.vi`, `population.value`,
    `population.year` or `population.source`. Same guarantees as `record`."""
    if field not in FIELDS:
        raise TrackerError(f"cannot set {field!r}; settable fields are {', '.join(FIELDS)}" + suggest(field, list(FIELDS)))
    parent_key, key = field.split(".")
    value: Any
    if field in ("population.value", "population.year"):
        if not re.fullmatch(r"[0-9]{1,12}", value_text.strip()):
            raise TrackerError(f"{field} must be a whole number without separators, got {value_text!r}")
        value = int(value_text.strip())
    else:
        value = _clean(value_text)
    path = _province_file(root, province)

    def change(document: Any) -> tuple[Action, Loc | None]:
        parent = document.get(parent_key)
        if parent is None:
            return "added", _put(document, parent_key, roundtrip.new_mapping([(key, _scalar(value, flow=True))], flow=True))
        if not isinstance(parent, dict):
            raise TrackerError(f"{display_path(path, root)}: cannot edit: `{parent_key}` is not a mapping")
        if key in parent:
            if not _same(parent[key], value):
                parent[key] = _scalar(value, parent[key], flow=roundtrip.is_flow(parent))
            return "updated", None
        order = _SUB_ORDER[parent_key]
        before = [k for k in order[: order.index(key)] if k in parent]
        position = list(parent).index(before[-1]) + 1 if before else 0
        roundtrip.insert_key(parent, position, key, _scalar(value, flow=roundtrip.is_flow(parent)))
        return "added", None

    return _apply(root, path, change, dry_run)


# --- what an edit does to the parsed document ------------------------------------------------


def _record(
    document: Any, indicator: str, period: str, wanted: list[tuple[str, Any]], former: str | None = None
) -> tuple[Action, Loc | None]:
    if former is not None:
        formers = document.get("former")
        entry = formers.get(former) if isinstance(formers, dict) else None
        if not isinstance(entry, dict):
            raise TrackerError(f"cannot edit: the file lists no former province {former!r} under `former`")
        roundtrip.to_block(formers)
        roundtrip.to_block(entry)
        action, loc = _record(entry, indicator, period, wanted)
        return action, ("former", former, *loc) if loc else None
    observations = document.get("observations")
    example = _period_example(observations)
    if observations is None:
        series = roundtrip.new_sequence([_observation(wanted, example)])
        return "added", _put(document, "observations", roundtrip.new_mapping([(indicator, series)]))
    if not isinstance(observations, dict):
        raise TrackerError("cannot edit: `observations` is not a mapping of indicator ids to lists")
    series = observations.get(indicator)
    if series is None:
        roundtrip.make_block(observations)
        new = roundtrip.new_sequence([_observation(wanted, example)])
        if indicator in observations:  # `indicator:` with nothing after it
            roundtrip.replace_value(observations, indicator, new)
            return "added", None
        observations.insert(len(observations), indicator, new)
        return "added", ("observations", indicator) if len(observations) > 1 else None
    if not isinstance(series, list):
        raise TrackerError(f"cannot edit: `observations.{indicator}` is not a list")
    for item in series:
        if isinstance(item, dict) and _period_text(item.get("period")) == period:
            _reconcile(item, [(k, v) for k, v in wanted if k != "period"])
            return "updated", None
    end = period_end(period)
    index = next((i for i, item in enumerate(series) if (_end(item) or date.min) > end), len(series))
    roundtrip.make_block(series)
    series.insert(index, _observation(wanted, example))
    return "added", ("observations", indicator, index) if index > 0 else None


def _observation(wanted: list[tuple[str, Any]], example: Any) -> Any:
    pairs = [(k, _period_scalar(v, example) if k == "period" else _scalar(v)) for k, v in wanted]
    return roundtrip.new_mapping(pairs)


def _reconcile(mapping: Any, wanted: list[tuple[str, Any]]) -> None:
    """Make an existing observation hold `wanted`, touching only the lines that change: kept keys
    keep their place, quoting and comments; a figure key replaces another on its line
    (`value` ↔ `numerator`); other new keys go after the key they follow in the house order."""
    want = dict(wanted)
    flow = roundtrip.is_flow(mapping)
    for key in list(mapping):
        if key in want and not _same(mapping[key], want[key]):
            mapping[key] = _scalar(want[key], mapping[key], flow=flow)
    removed = [k for k in mapping if k in _OBSERVATION_KEYS and k not in ("period", *_KEPT) and k not in want]
    added = [k for k, _ in wanted if k not in mapping]
    for old in [k for k in removed if k in _FIGURE]:
        new = next((k for k in added if k in _FIGURE), None)
        if new is None:
            break
        roundtrip.rename_key(mapping, old, new, _scalar(want[new], flow=flow))
        removed.remove(old)
        added.remove(new)
    order = [k for k, _ in wanted]
    for key in added:
        before = [k for k in order[: order.index(key)] if k in mapping]
        position = list(mapping).index(before[-1]) + 1 if before else len(mapping)
        roundtrip.insert_key(mapping, position, key, _scalar(want[key], flow=flow))
    for key in removed:
        roundtrip.delete_key(mapping, key)


def _put(document: Any, key: str, value: Any) -> Loc | None:
    """Set a top-level key, inserting it where the house order puts it when it is missing."""
    if key in document:
        roundtrip.replace_value(document, key, value)
        return None
    rank = _TOP_ORDER.index(key)
    keys = list(document)
    position = next((i for i, k in enumerate(keys) if k in _TOP_ORDER and _TOP_ORDER.index(k) > rank), len(keys))
    document.insert(position, key, value)
    return (key,) if position > 0 else None


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return bool(old == new)
    return isinstance(old, str) and isinstance(new, str) and str(old) == str(new)


def _scalar(value: Any, like: Any = None, flow: bool = False) -> Any:
    return roundtrip.text_scalar(value, like, flow=flow) if isinstance(value, str) else value


def _period_scalar(period: str, example: Any) -> Any:
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


def _period_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _end(item: Any) -> date | None:
    text = _period_text(item.get("period")) if isinstance(item, dict) else None
    try:
        return period_end(text) if text is not None else None
    except ValueError:
        return None


def _clean(text: str) -> str:
    # Names are checked to be NFC; text typed on some systems arrives decomposed.
    return unicodedata.normalize("NFC", text.strip())


# --- files, ids, checking and writing ---------------------------------------------------------


def _province_file(root: Path, province: str) -> Path:
    if re.fullmatch(ID_PATTERN, province):
        for suffix in (".yaml", ".yml"):
            candidate = root / "provinces" / f"{province}{suffix}"
            if candidate.is_file():
                return candidate
    known = sorted(p.stem for p in data_files(root) if kind_of(p, root) == "province")
    raise TrackerError(f"unknown province {province!r}" + suggest(province, known))


def _require_indicator(root: Path, indicator: str) -> None:
    known = sorted(p.stem for p in data_files(root) if kind_of(p, root) == "indicator")
    if indicator not in known:
        raise TrackerError(f"unknown indicator {indicator!r}" + suggest(indicator, known))


def _apply(
    root: Path,
    path: Path,
    change: Change | list[Change],
    dry_run: bool,
    reread: frozenset[int] = frozenset(),
    fast: list[_Request] | None = None,
    dataset: Dataset | None = None,
    sync: bool = True,
) -> EditResult:
    shown = display_path(path, root)
    if dry_run:
        return _attempt(root, path, shown, change, False, reread, fast, dataset)
    try:
        with files.locked(path.parent):
            return _attempt(root, path, shown, change, True, reread, fast, dataset, sync)
    except files.LockTimeout:
        raise TrackerError(f"{shown}: another edit of this folder is still running; try again") from None


def _attempt(
    root: Path,
    path: Path,
    shown: str,
    change: Change | list[Change],
    write: bool,
    reread: frozenset[int] = frozenset(),
    fast: list[_Request] | None = None,
    dataset: Dataset | None = None,
    sync: bool = True,
) -> EditResult:
    raw = _read(path, shown)
    try:
        original = decode(raw)
    except YamlProblem as exc:
        raise TrackerError(f"{shown}:{exc.line}:{exc.column}: cannot edit: {exc.message}") from None
    spliced = _fast_edit(original, fast) if fast else None
    if spliced is not None:
        proposed, actions = spliced.text, spliced.actions
        action: Action = "added" if "added" in actions else "unchanged"
        actions = actions if isinstance(change, list) else ()
    else:
        proposed, action, actions = _edit_each(original, change, shown, reread)
    if proposed == original:
        return EditResult(path, "unchanged", "", actions=actions)
    diff = unified_diff(original, proposed, shown)
    if spliced is not None:
        problems = _introduced_in_slice(root, path, shown, spliced, proposed, dataset)
    else:
        problems = _introduced_problems(root, path, original, proposed)
    if any(p.level == "error" for p in problems):
        return EditResult(path, action, diff, problems, written=False, refused=True, actions=actions)
    if not write:
        return EditResult(path, action, diff, problems, actions=actions)
    if _read(path, shown) != raw:
        raise EditConflict(f"{shown} changed while it was being edited; nothing was written, run the command again")
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    try:
        files.atomic_write(path, bom + proposed, sync_folder=sync)
    except OSError as exc:
        raise TrackerError(f"{shown}: could not write: {exc.strerror or exc}; the file is unchanged") from exc
    return EditResult(path, action, diff, problems, written=True, actions=actions)


def _edit_each(
    original: str, change: Change | list[Change], shown: str, reread: frozenset[int] = frozenset()
) -> tuple[str, Action, tuple[Action, ...]]:
    """`edit_text` for one change, or for several one after the other (each laid onto the text the
    one before left, so each keeps its own minimal diff); a change that leaves the text as it was
    is `unchanged`. The changes at the indexes in `reread` start from a fresh reading of the text.

    Several changes share one parsed document while that gives the text `edit_text` would: the
    text read again would be the document and render as it (see `_edit_together`)."""
    if not isinstance(change, list):
        proposed, action = edit_text(original, change, shown)
        return proposed, action, ()
    text, actions = _edit_together(original, change, shown, reread)
    overall: Action = "added" if "added" in actions else "updated" if "updated" in actions else "unchanged"
    return text, overall, tuple(actions)


def _edit_together(
    original: str, changes: list[Change], shown: str, reread: frozenset[int]
) -> tuple[str, list[Action]]:
    """`edit_text` applied for each change in turn, reading the text (the costly part, with the two
    renderings) only when it must.

    `edit_text` of the text a change left would read it into a document and render that as its
    `before`. The document the change was made in stands for that reading, and its rendering for
    `before`, only when all of these hold: the new text is that rendering line for line (true
    when the file was already in ruamel's rendering: the lines it would write otherwise are kept);
    the change moved no comment or blank lines below a new node (`_keep_lines_below` moves them in
    the text only: the document still renders them above it, so neither rendering would do); the
    text shows the same indentation; and the next change does not edit what an earlier one wrote
    (it copies the quoting of those values, which the document holds only once the text is read
    again). Otherwise the next change reads the text again, exactly as `edit_text` does."""
    text, actions = original, []
    state: tuple[Any, tuple[int, int, int], str] | None = None  # document, indentation, its rendering
    for index, one in enumerate(changes):
        lines = _split_lines(text)
        if state is None or index in reread:
            document, indent, before = _read_document(lines, shown)
        else:
            document, indent, before = state
        action, inserted = _change(one, document, shown)
        rendered = roundtrip.dump_roundtrip(document, indent)
        after = _keep_lines_below(before, rendered, inserted) if inserted is not None else rendered
        new = _lay_onto(lines, before, after)
        actions.append(action if new != text else "unchanged")
        text = new
        shared = after == rendered and _body(_split_lines(text)) == rendered
        state = (document, indent, rendered) if shared and roundtrip.guess_indent(rendered) == indent else None
    return text, actions


def _body(lines: list[tuple[str, str]]) -> str:
    """The text YAML reads: the lines with `\n` breaks (the last one too)."""
    return "".join(content + "\n" for content, _ in lines)


def _read_document(lines: list[tuple[str, str]], shown: str) -> tuple[Any, tuple[int, int, int], str]:
    """The round-trip document of a file's lines, the indentation it uses, and ruamel's rendering of it."""
    body = _body(lines)
    try:
        document = roundtrip.load_roundtrip(body)
    except YamlProblem as exc:
        raise TrackerError(f"{shown}:{exc.line}:{exc.column}: cannot edit: {exc.message}") from None
    if not isinstance(document, dict):
        raise TrackerError(f"{shown}: cannot edit: the file is not a mapping of keys")
    indent = roundtrip.guess_indent(body)
    return document, indent, roundtrip.dump_roundtrip(document, indent)


def _change(change: Change, document: Any, shown: str) -> tuple[Action, Loc | None]:
    try:
        return change(document)
    except TrackerError as exc:
        message = str(exc)
        raise TrackerError(message if message.startswith(shown) else f"{shown}: {message}") from None


def _read(path: Path, shown: str) -> bytes:
    try:
        return read_bytes(path)
    except YamlProblem as exc:
        raise TrackerError(f"{shown}: cannot edit: {exc.message}") from None
    except OSError as exc:
        raise TrackerError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def _introduced_problems(root: Path, path: Path, original: str, proposed: str) -> list[Problem]:
    """The problems the proposed text has that the original did not, matched by rule and message
    (lines move when observations are added)."""
    _, after = load_dataset(root, only=[path], texts={path: proposed})
    if not after:
        return []
    _, before = load_dataset(root, only=[path], texts={path: original})
    existing = Counter((p.level, p.rule, p.message) for p in before)
    introduced = []
    for p in after:
        key = (p.level, p.rule, p.message)
        if existing[key]:
            existing[key] -= 1
        else:
            introduced.append(p)
    return introduced


# --- laying an edit back onto the file's own text ---------------------------------------------


def edit_text(original: str, change: Change, shown: str = "file") -> tuple[str, Action]:
    """Apply `change` to the parsed `original` text and return (new text, action). Only the lines
    the change is about differ; the rest of `original` is kept as it was, byte for byte."""
    lines = _split_lines(original)
    document, indent, before = _read_document(lines, shown)  # `before`: ruamel's rendering without the edit
    action, inserted = _change(change, document, shown)
    after = roundtrip.dump_roundtrip(document, indent)
    if inserted is not None:
        after = _keep_lines_below(before, after, inserted)
    return _lay_onto(lines, before, after), action


def _keep_lines_below(before: str, after: str, loc: Loc) -> str:
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
    places = [i for i in range(max(0, len(old) - suffix), min(prefix, len(old)) + 1) if new[i].lstrip().startswith(first)]
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


def _lay_onto(lines: list[tuple[str, str]], before: str, after: str) -> str:
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
        for block in difflib.SequenceMatcher(None, *shape).get_matching_blocks():
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
    except YamlProblem:
        return False
    return bool(a == b) or repr(a) == repr(b)


def unified_diff(old: str, new: str, shown: str) -> str:
    """A `git diff`-style unified diff of one file (line endings shown as `\\n`)."""

    def lines(text: str) -> list[str]:
        return [content + ("\n" if ending else "") for content, ending in _split_lines(text)]

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


def _split_lines(text: str) -> list[tuple[str, str]]:
    """(content, line break) pairs; the last line's break is "" when the file does not end with one."""
    return [(m[1], m[2]) for m in _LINE.finditer(text)][:-1]


# --- the fast path: new observations spliced into the text at the parser's marks ------------
#
# Adding observations needs only the text and the place where each goes. The C parser's events
# give the marks (`scan_for_edit`); ruamel renders just the new lines, at the column the
# round trip would write them at; they are spliced into the original text where the round trip
# would put them (after the observation before, with the blank and comment lines that introduce
# what follows moved below them, as `_keep_lines_below` does), so the bytes are the same as the
# round trip's (tests/test_edit.py checks this on generated files). Then only what changed is
# checked: the file's data without the series no edit touches, before and after, against the rest
# of the data root. Anything else (an update, a flow-style list, a block scalar where the new
# lines go, a file indented unlike the house style) steps aside for the round trip.


@dataclass(frozen=True)
class _Request:
    """One observation to add, as `_record` takes it."""

    former: str | None
    indicator: str
    period: str
    wanted: list[tuple[str, Any]]


@dataclass(frozen=True)
class _FastEdit:
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


def _fast_edit(original: str, requests: list[_Request]) -> _FastEdit | None:
    """The text with the requested observations added, or None when the round trip must make the edit."""
    try:
        scan = scan_for_edit(original, {(r.former, r.indicator) for r in requests})
    except YamlProblem:
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

    def apply(self, requests: list[_Request]) -> _FastEdit:
        if self.scan.owners[None].column != 0:
            raise _StepAside
        actions = tuple(self._one(r) for r in requests)
        return _FastEdit(self._spliced(), actions, self.scan.data, self._after())

    def _one(self, r: _Request) -> Action:
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
        if any(key in want and not _same(value, want[key]) for key, value in item.items()):
            return False
        if any(k in _OBSERVATION_KEYS and k not in ("period", *_KEPT) and k not in want for k in item):
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
            _LAYOUTS[layout] = self._render(path, roundtrip.new_sequence([roundtrip.new_mapping(sample)])) == _item_lines(
                sample, column + offset, column + sequence
            )
        if not _LAYOUTS[layout] or column % mapping:
            raise _StepAside
        example = self._example(owner)
        lines = []
        for new in news:
            pairs = [(k, _period_scalar(v, example) if k == "period" else _scalar(v)) for k, v in new.wanted]
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
        which introduce what follows (what `_keep_lines_below` does to ruamel's rendering)."""
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
            rank = _TOP_ORDER.index("observations")
            position = next((i for i, k in enumerate(keys.keys) if k in _TOP_ORDER and _TOP_ORDER.index(k) > rank), len(keys.keys))
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
            if at == len(text) and text and text[-1] not in "\r\n":  # no final line break: none after the new lines either
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
            return (data if owner is None else data["former"][owner])["observations"]  # type: ignore[no-any-return]

        # Every new block is read back from its lines, all in one document (each under a key of
        # its own, one column further in), so the edit is checked on what the new text holds.
        mapping = self.indent[0]
        blocks: list[list[str]] = []
        for (owner, indicator), entries in self.series.items():
            news = [e for e in entries if isinstance(e, _New)]
            if news:
                blocks.append(self._items(owner, news, (self._depth(owner) + 1) * mapping))
        merged = {**self.new_series, **self.new_mapping}
        for owner, series in merged.items():
            blocks.append(self._series_lines(owner, series, (self._depth(owner) + 1) * mapping))
        read = load_data("".join(f"b{n}:\n" + "".join(f" {line}\n" for line in block) for n, block in enumerate(blocks)))
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
        _SCALAR_TEXTS[key] = lines[0][3:] if len(lines) == 2 and lines[0].startswith("k: ") and len(lines[0]) < 1000 else None
    written = _SCALAR_TEXTS[key]
    if written is None:
        raise _StepAside
    return written


def _item_lines(pairs: list[tuple[str, Any]], dash: int, column: int) -> list[str]:
    """A block mapping of scalars as an item of a block list: `- key: value` at `dash`, its other keys at `column`."""
    first = " " * dash + "-" + " " * (column - dash - 1)
    return [(first if i == 0 else " " * column) + f"{_scalar_text(k)}: {_scalar_text(v)}" for i, (k, v) in enumerate(pairs)]


def _insert_new(entries: list[_New], new: _New) -> None:
    if any(e.period == new.period for e in entries):
        raise _StepAside  # edits what an earlier one added
    entries.insert(next((i for i, e in enumerate(entries) if e.end > new.end), len(entries)), new)


def _introduced_in_slice(
    root: Path, path: Path, shown: str, spliced: _FastEdit, proposed: str, dataset: Dataset | None
) -> list[Problem]:
    """The problems the edit brings into the file, from the data it touches: the file's data
    without untouched series, validated and put through the cross-file rules before and after,
    with the rest of the data root as loaded (or `dataset`). Located in the proposed text."""
    if dataset is None:
        dataset, _ = load_dataset(root, data={path: spliced.before})
    before = _file_problems(dataset, shown, spliced.before)
    after = _file_problems(dataset, shown, spliced.after)
    existing = Counter((p.level, p.rule, p.message) for p in before)
    introduced = []
    for p in after:
        key = (p.level, p.rule, p.message)
        if existing[key]:
            existing[key] -= 1
        else:
            introduced.append(p)
    return resolve_locations(introduced, proposed) if introduced else []


def _file_problems(dataset: Dataset, shown: str, data: dict[str, Any]) -> list[Problem]:
    from tracker.checks import check_region

    region, problems = validate_data(data, shown, "province")
    if region is None:
        return problems
    regions = dict(dataset.regions)
    regions[region.id] = region
    files = dict(dataset.files)
    files[f"province:{region.id}"] = shown
    swapped = replace(dataset, regions=regions, files=files)
    return problems + list(check_region(swapped, region))
