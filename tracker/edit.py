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
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from tracker import files
from tracker.edit_document import Action, Change, record_observation, set_key
from tracker.edit_lines import keep_lines_below, lay_onto, split_lines, unified_diff, yaml_text
from tracker.edit_splice import Addition, FastEdit, fast_edit
from tracker.load import data_files, display_path, kind_of, load_dataset, resolve_locations, validate_data
from tracker.model import ID_PATTERN, Dataset, period_end
from tracker.names import suggest
from tracker.problems import EditConflict, Loc, LockTimeout, Problem, UnreadableYaml, UsageError, introduced
from tracker.yamlfile import roundtrip
from tracker.yamlfile.guard import decode, read_bytes

QUALITIES = ("reported", "estimated", "illustrative")
FIELDS = ("name.en", "name.vi", "population.value", "population.year", "population.source")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_PAIR = re.compile(r"([0-9]+)\s*/\s*([0-9]+)")


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
    # For `record` that updated an observation: the observation as the file had it.
    replaced: Replaced | None = None


@dataclass(frozen=True)
class Replaced:
    """The observation an update replaced: its figure, quality, note and quote as the file had them."""

    numerator: int | None
    denominator: int | None
    value: float | None
    quality: str
    note: str | None
    quote: str | None

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Replaced:
        def number(key: str) -> Any:
            found = item.get(key)
            return found if isinstance(found, int | float) and not isinstance(found, bool) else None

        def text(key: str) -> str | None:
            found = item.get(key)
            return str(found) if isinstance(found, str) else None

        numerator, denominator = number("numerator"), number("denominator")
        value = number("value")
        return cls(
            int(numerator) if numerator is not None else None,
            int(denominator) if denominator is not None else None,
            float(value) if value is not None else None,
            text("quality") or "",
            text("note"),
            text("quote"),
        )


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
    province's, under `former.<id>.observations` of the file. A different spelling of an existing
    period's end date (`2024-Q4` beside `2024-12-31`) is added, and so refused as a duplicate period.
    Raises UsageError for an unknown province or indicator, a malformed period or value, or a file
    that cannot be read or parsed."""
    wanted = _wanted(period, value_text, source, note, quality, quote)
    path = _province_file(root, province)
    _require_indicator(root, indicator)

    replaced: list[dict[str, Any]] = []

    def change(document: Any) -> tuple[Action, Loc | None]:
        replaced.clear()  # a change may be applied to a fresh reading of the text again
        return record_observation(document, indicator, period, wanted, former, replaced)

    result = _apply(root, path, _Edit(change, fast=[Addition(former, indicator, period, wanted)]), dry_run)
    if result.action == "updated" and replaced:
        return replace(result, replaced=Replaced.from_item(replaced[-1]))
    return result


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
                raise UsageError(f"unknown indicator {indicator!r}" + suggest(indicator, sorted(dataset.indicators)))
    changes, again = _record_changes(observations)
    requests = [
        Addition(o.former, o.indicator, o.period, _wanted(o.period, o.value_text, o.source, o.note, o.quality, o.quote))
        for o in observations
    ]
    return _apply(root, path, _Edit(changes, again, requests, dataset, sync), dry_run)


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
        changes.append(
            partial(record_observation, indicator=obs.indicator, period=obs.period, wanted=wanted, former=obs.former)
        )
        if (obs.former, obs.indicator, obs.period) in seen:
            # It edits the observation an earlier one wrote, copying the quoting of its values,
            # which the document holds only once the text is read again.
            again.add(i)
        seen.add((obs.former, obs.indicator, obs.period))
    return changes, frozenset(again)


def check_quality(quality: str) -> None:
    """UsageError, with the closest match, for a quality that is not one of QUALITIES."""
    if quality not in QUALITIES:
        raise UsageError(
            f"unknown quality {quality!r}; use one of {', '.join(QUALITIES)}" + suggest(quality, list(QUALITIES))
        )


def _wanted(
    period: str, value_text: str, source: str, note: str | None, quality: str, quote: str | None = None
) -> list[tuple[str, Any]]:
    """An observation's keys and values, in the house order; UsageError for a bad argument."""
    try:
        value, numerator, denominator = parse_value(value_text)
        period_end(period)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
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
        raise UsageError(
            f"cannot set {field!r}; settable fields are {', '.join(FIELDS)}" + suggest(field, list(FIELDS))
        )
    parent_key, key = field.split(".")
    value: Any
    if field in ("population.value", "population.year"):
        if not re.fullmatch(r"[0-9]{1,12}", value_text.strip()):
            raise UsageError(f"{field} must be a whole number without separators, got {value_text!r}")
        value = int(value_text.strip())
    else:
        value = _clean(value_text)
    path = _province_file(root, province)

    def change(document: Any) -> tuple[Action, Loc | None]:
        return set_key(document, parent_key, key, value)

    return _apply(root, path, _Edit(change), dry_run)


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
    raise UsageError(f"unknown province {province!r}" + suggest(province, known))


def _require_indicator(root: Path, indicator: str) -> None:
    known = sorted(p.stem for p in data_files(root) if kind_of(p, root) == "indicator")
    if indicator not in known:
        raise UsageError(f"unknown indicator {indicator!r}" + suggest(indicator, known))


@dataclass(frozen=True)
class _Edit:
    """One edit of one file: the change(s) to make in its document; which of several changes start
    from a fresh reading of the text (`reread`); the same changes as new observations that may be
    spliced into the text (`fast`); the data root already loaded, if it is; and whether the write
    syncs the folder (an import syncs it once at the end)."""

    change: Change | list[Change]
    reread: frozenset[int] = frozenset()
    fast: list[Addition] | None = None
    dataset: Dataset | None = None
    sync: bool = True


def _apply(root: Path, path: Path, edit: _Edit, dry_run: bool) -> EditResult:
    shown = display_path(path, root)
    if dry_run:
        return _attempt(root, path, shown, edit, write=False)
    try:
        with files.locked(path.parent):
            return _attempt(root, path, shown, edit, write=True)
    except LockTimeout:
        raise UsageError(f"{shown}: another edit of this folder is still running; try again") from None


def _attempt(root: Path, path: Path, shown: str, edit: _Edit, write: bool) -> EditResult:
    change, fast, dataset = edit.change, edit.fast, edit.dataset
    raw = _read(path, shown)
    try:
        original = decode(raw)
    except UnreadableYaml as exc:
        raise UsageError(f"{shown}:{exc.line}:{exc.column}: cannot edit: {exc.message}") from None
    spliced = fast_edit(original, fast) if fast else None
    if spliced is not None:
        proposed, actions = spliced.text, spliced.actions
        action: Action = "added" if "added" in actions else "unchanged"
        actions = actions if isinstance(change, list) else ()
    else:
        proposed, action, actions = _edit_each(original, change, shown, edit.reread)
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
        files.atomic_write(path, bom + proposed, sync_folder=edit.sync)
    except OSError as exc:
        raise UsageError(f"{shown}: could not write: {exc.strerror or exc}; the file is unchanged") from exc
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
    the change moved no comment or blank lines below a new node (`keep_lines_below` moves them in
    the text only: the document still renders them above it, so neither rendering would do); the
    text shows the same indentation; and the next change does not edit what an earlier one wrote
    (it copies the quoting of those values, which the document holds only once the text is read
    again). Otherwise the next change reads the text again, exactly as `edit_text` does."""
    text, actions = original, []
    state: tuple[Any, tuple[int, int, int], str] | None = None  # document, indentation, its rendering
    for index, one in enumerate(changes):
        lines = split_lines(text)
        if state is None or index in reread:
            document, indent, before = _read_document(lines, shown)
        else:
            document, indent, before = state
        action, inserted = _change(one, document, shown)
        rendered = roundtrip.dump_roundtrip(document, indent)
        after = keep_lines_below(before, rendered, inserted) if inserted is not None else rendered
        new = lay_onto(lines, before, after)
        actions.append(action if new != text else "unchanged")
        text = new
        shared = after == rendered and yaml_text(split_lines(text)) == rendered
        state = (document, indent, rendered) if shared and roundtrip.guess_indent(rendered) == indent else None
    return text, actions


def _read_document(lines: list[tuple[str, str]], shown: str) -> tuple[Any, tuple[int, int, int], str]:
    """The round-trip document of a file's lines, the indentation it uses, and ruamel's rendering of it."""
    body = yaml_text(lines)
    try:
        document = roundtrip.load_roundtrip(body)
    except UnreadableYaml as exc:
        raise UsageError(f"{shown}:{exc.line}:{exc.column}: cannot edit: {exc.message}") from None
    if not isinstance(document, dict):
        raise UsageError(f"{shown}: cannot edit: the file is not a mapping of keys")
    indent = roundtrip.guess_indent(body)
    return document, indent, roundtrip.dump_roundtrip(document, indent)


def _change(change: Change, document: Any, shown: str) -> tuple[Action, Loc | None]:
    try:
        return change(document)
    except UsageError as exc:
        message = str(exc)
        raise UsageError(message if message.startswith(shown) else f"{shown}: {message}") from None


def _read(path: Path, shown: str) -> bytes:
    try:
        return read_bytes(path)
    except UnreadableYaml as exc:
        raise UsageError(f"{shown}: cannot edit: {exc.message}") from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def _introduced_problems(root: Path, path: Path, original: str, proposed: str) -> list[Problem]:
    """The problems the proposed text has that the original did not, matched by rule and message
    (lines move when observations are added)."""
    _, after = load_dataset(root, only=[path], texts={path: proposed})
    if not after:
        return []
    _, before = load_dataset(root, only=[path], texts={path: original})
    return introduced(before, after)


def edit_text(original: str, change: Change, shown: str = "file") -> tuple[str, Action]:
    """Apply `change` to the parsed `original` text and return (new text, action). Only the lines
    the change is about differ; the rest of `original` is kept as it was, byte for byte."""
    lines = split_lines(original)
    document, indent, before = _read_document(lines, shown)  # `before`: ruamel's rendering without the edit
    action, inserted = _change(change, document, shown)
    after = roundtrip.dump_roundtrip(document, indent)
    if inserted is not None:
        after = keep_lines_below(before, after, inserted)
    return lay_onto(lines, before, after), action


# --- checking what the fast path (edit_splice) changed ----------------------------------------


def _introduced_in_slice(
    root: Path, path: Path, shown: str, spliced: FastEdit, proposed: str, dataset: Dataset | None
) -> list[Problem]:
    """The problems the edit brings into the file, from the data it touches: the file's data
    without untouched series, validated and put through the cross-file rules before and after,
    with the rest of the data root as loaded (or `dataset`). Located in the proposed text."""
    if dataset is None:
        dataset, _ = load_dataset(root, data={path: spliced.before})
    before = _file_problems(dataset, shown, spliced.before)
    after = _file_problems(dataset, shown, spliced.after)
    new = introduced(before, after)
    return resolve_locations(new, proposed) if new else []


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
