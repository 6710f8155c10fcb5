"""Importing observations from a CSV file, including figures published for the 63 former
(pre-July-2025) provinces, which are pooled into the province they are now part of.

The CSV has a header row (line 1). Columns, in any order, names in any case:

    province     required: a province id or name (English or Vietnamese, with or without
                 diacritics), or a former province's name, id or ISO 3166-2 code (`VN-54`)
    indicator    required: an indicator id or name
    period       required: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD
    value        `87.5` (or `54/54`); else
    numerator    whole numbers, both or neither
    denominator
    source       required: URL or document reference
    quality      optional: reported, estimated or illustrative (default: the caller's)
    note         optional
    quote        optional: the sentence of the source that states the figure, verbatim

A file needs `value` or both `numerator` and `denominator` among its columns; each row gives a
figure one way or the other, not both.

A former province's figure covers only part of the province it is now in, so it is recorded as
that former province's own figure, under `former.<id>.observations` of the province's file; the
figure of the whole province for that period is then pooled from its former provinces when every
one of them has one (see `tracker.series`). A former province's figure must be for a period that
ends before 1 July 2025. Names are resolved as every command resolves them (`tracker.names`): a
name that is both a province and one of the former provinces merged into it (`Bắc Ninh`) means the
former province for a period that ends before 1 July 2025, and the province as a whole after
that; the former ISO code (`VN-56`) always means the former province. A province that was not
merged (`Hà Nội`) is the same territory before and after, and its rows are recorded directly.

Each province file is changed by one validated, atomic edit (`tracker.edit.record_many`): a file
whose edit would bring an error into the data is left as it was, with all its rows refused. The
data root is loaded once; each edit is checked against it. The library never prints; `summary`
gives the lines to show.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.edit import (
    QUALITIES,
    EditResult,
    NewObservation,
    check_quality,
    parse_value,
    record_many,
    sync_provinces,
)
from tracker.model import MERGER, Dataset, Indicator, Region, period_end
from tracker.names import resolve_indicator, resolve_place, suggest
from tracker.problems import CsvError, UsageError

COLUMNS = ("province", "indicator", "period", "value", "numerator", "denominator", "source", "quality", "note", "quote")
REQUIRED = ("province", "indicator", "period", "source")
MAX_BYTES = 64 * 1024 * 1024

_WHOLE = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Row:
    """One data row of the CSV, its cells stripped; `line` is where it starts (the header is line 1)."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Refusal:
    """Rows of the CSV (their line numbers) that are not imported, and why."""

    lines: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class Planned:
    """An observation to record (a former province's when `observation.former` is set), and its row."""

    province: str
    observation: NewObservation
    lines: tuple[int, ...]


@dataclass
class FileOutcome:
    """What the one edit of a province file did (or `error`: why it could not be made)."""

    province: str
    shown: str  # the file, relative to the data root
    planned: list[Planned]
    result: EditResult | None = None
    error: str | None = None

    @property
    def refused(self) -> bool:
        return self.error is not None or (self.result is not None and self.result.refused)

    def actions(self) -> list[str]:
        if self.result is None or self.refused:
            return []
        return list(self.result.actions) or ["unchanged"] * len(self.planned)


@dataclass
class ImportResult:
    path: Path
    rows: int
    dry_run: bool
    refused: list[Refusal] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every row landed (or would, in a dry run)."""
        return not self.refused and not any(f.refused for f in self.files)


# --- reading ----------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[Row], list[Refusal]]:
    """The rows of the CSV (blank lines skipped), and the rows refused for their shape. Raises
    CsvError for a file that cannot be read, is not UTF-8, or has a bad header."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CsvError(f"{path}: the file is over {MAX_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvError(f"{path}:{line}: not UTF-8 text; save the file as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise CsvError(f"{path}:1: no header row; the first line names the columns: {', '.join(COLUMNS)}")
        columns = _columns(path, header)
        rows: list[Row] = []
        refused: list[Refusal] = []
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            extra = cells[len(columns) :]
            if len(cells) < len(columns) or any(c.strip() for c in extra):
                refused.append(Refusal((line,), f"{len(cells)} fields, but the header has {len(columns)}"))
                rows.append(Row(line, {}))  # read (and counted), but already refused
                continue
            rows.append(Row(line, {name: cell.strip() for name, cell in zip(columns, cells, strict=False)}))
    except csv.Error as exc:
        raise CsvError(f"{path}:{reader.line_num}: not a readable CSV: {exc}") from None
    return rows, refused


def _columns(path: Path, header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    while names and not names[-1]:  # a spreadsheet's trailing empty columns
        names.pop()
    unknown = [h for h in names if h not in COLUMNS]
    if unknown:
        hints = "".join(suggest(u, list(COLUMNS)) for u in unknown[:1])
        raise CsvError(
            f"{path}:1: unknown column(s) {', '.join(repr(u) for u in unknown)}{hints}; the columns "
            f"are {', '.join(COLUMNS)}"
        )
    twice = sorted({h for h in names if names.count(h) > 1})
    if twice:
        raise CsvError(f"{path}:1: column(s) named twice: {', '.join(twice)}")
    missing = [c for c in REQUIRED if c not in names]
    if ("numerator" in names) != ("denominator" in names):
        missing.append("denominator" if "numerator" in names else "numerator")
    elif "value" not in names and "numerator" not in names:
        missing.append("value (or numerator and denominator)")
    if missing:
        raise CsvError(f"{path}:1: missing column(s): {', '.join(missing)}")
    return names


# --- from rows to observations ----------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    row: Row
    region: Region
    former: str | None  # the former province, or None for the region as a whole
    indicator: Indicator
    period: str
    end: date
    value: float | None
    numerator: int | None
    denominator: int | None
    source: str
    quality: str
    note: str
    quote: str

    @property
    def figure(self) -> str:
        """The figure as `record` takes it: a value as written, or numerator/denominator."""
        return self.row["value"] if self.value is not None else f"{self.numerator}/{self.denominator}"


def plan(dataset: Dataset, rows: list[Row], quality: str = "reported") -> tuple[list[Planned], list[Refusal]]:
    """The observations the rows make, and the rows refused with why."""
    check_quality(quality)
    refused: list[Refusal] = []
    groups: dict[tuple[str, str | None, str, date], list[_Checked]] = defaultdict(list)
    for row in rows:
        if not row.cells:
            continue  # refused by read_csv
        try:
            checked = _check(dataset, row, quality)
        except (ValueError, UsageError) as exc:
            refused.append(Refusal((row.line,), str(exc)))
            continue
        groups[(checked.region.id, checked.former, checked.indicator.id, checked.end)].append(checked)
    planned: list[Planned] = []
    for items in groups.values():
        try:
            planned.append(_one(items))
        except ValueError as exc:
            refused.append(Refusal(tuple(sorted(c.row.line for c in items)), str(exc)))
    planned.sort(key=lambda p: p.lines)
    refused.sort(key=lambda r: r.lines)
    return planned, refused


def _check(dataset: Dataset, row: Row, default_quality: str) -> _Checked:
    """One row's cells checked and resolved; ValueError with the reason otherwise."""
    for column in REQUIRED:
        if not row[column]:
            raise ValueError(f"no {column}")
    try:
        indicator = dataset.indicators[resolve_indicator(dataset, row["indicator"])]
    except UsageError as exc:
        raise ValueError(str(exc)) from None
    period = row["period"]
    end = period_end(period)  # ValueError says what is wrong
    value: float | None = None
    numerator = denominator = None
    if row["value"] and (row["numerator"] or row["denominator"]):
        raise ValueError("give either value or numerator/denominator, not both")
    if row["value"]:
        value, numerator, denominator = parse_value(row["value"])
    elif row["numerator"] and row["denominator"]:
        for column in ("numerator", "denominator"):
            if not _WHOLE.fullmatch(row[column]):
                raise ValueError(f"{column} {row[column]!r} is not a whole number (no signs, separators or decimals)")
        numerator, denominator = int(row["numerator"]), int(row["denominator"])
    elif row["numerator"] or row["denominator"]:
        raise ValueError("numerator and denominator go together; one of them is empty")
    else:
        raise ValueError("no figure: give value, or numerator and denominator")
    if denominator == 0:
        raise ValueError("denominator is 0")
    if indicator.unit == "percent":
        if numerator is not None and denominator is not None and numerator > denominator:
            raise ValueError(f"numerator {numerator} is larger than denominator {denominator}")
        if value is not None and value > 100:
            raise ValueError(f"value {value:g} is above 100 % (leave out the % sign; 87.5 means 87.5 %)")
    quality = row["quality"].lower() or default_quality
    if quality not in QUALITIES:
        raise ValueError(f"unknown quality {row['quality']!r}; use one of {', '.join(QUALITIES)}")
    place = resolve_place(dataset, row["province"], end)
    if place.former is not None and end >= MERGER:
        raise ValueError(
            f"{place.former_name} became part of {place.region.name.vi} ({place.region.id}) on 1 July 2025: "
            f"a figure for {period} is {place.region.id}'s as a whole"
        )
    return _Checked(
        row,
        place.region,
        place.former,
        indicator,
        period,
        end,
        value,
        numerator,
        denominator,
        row["source"],
        quality,
        row["note"],
        row["quote"],
    )


def former_name(region: Region, former: str) -> str:
    """A former province's Vietnamese name, from the province file that lists it."""
    entry = region.former.get(former)
    return entry.name.vi if entry is not None else former


def _lines(items: list[_Checked]) -> str:
    lines = [str(c.row.line) for c in items]
    return ("line " if len(lines) == 1 else "lines ") + ", ".join(lines)


def _one(items: list[_Checked]) -> Planned:
    """The observation of the rows for one region (or former province), indicator and period end;
    ValueError when they are more than one."""
    first = items[0]
    periods = sorted({c.period for c in items})
    who = former_name(first.region, first.former) if first.former else first.region.id
    if len(periods) > 1:
        raise ValueError(
            f"{who} {first.indicator.id}: periods {' and '.join(periods)} both end on {first.end}; "
            "write them the same way"
        )
    if len(items) > 1:
        raise ValueError(f"{who} {first.indicator.id} {first.period} is given {len(items)} times ({_lines(items)})")
    observation = NewObservation(
        first.indicator.id,
        first.period,
        first.figure,
        first.source,
        first.note or None,
        first.quality,
        first.quote or None,
        first.former,
    )
    return Planned(first.region.id, observation, (first.row.line,))


# --- writing ----------------------------------------------------------------------------------


def import_csv(
    root: Path, path: Path, dry_run: bool = False, quality: str = "reported", use_cache: bool = True
) -> ImportResult:
    """Read, plan and record the CSV: one validated, atomic edit per province file. Raises
    CsvError (or UsageError) when the file cannot be imported at all."""
    from tracker.load import load_dataset

    check_quality(quality)
    rows, refused = read_csv(path)
    dataset, _ = load_dataset(root, use_cache=use_cache)
    planned, more = plan(dataset, rows, quality)
    result = ImportResult(path, len(rows), dry_run, sorted(refused + more, key=lambda r: r.lines))
    by_province: dict[str, list[Planned]] = defaultdict(list)
    for p in planned:
        by_province[p.province].append(p)
    for province, items in by_province.items():
        stem = dataset.stems.get(f"province:{province}", province)
        outcome = FileOutcome(province, dataset.files.get(f"province:{province}", f"provinces/{stem}.yaml"), items)
        try:
            # The data root as loaded for planning stands for the other files when each edit is checked.
            outcome.result = record_many(
                root, stem, [p.observation for p in items], dry_run, dataset=dataset, sync=False
            )
        except UsageError as exc:
            outcome.error = str(exc)
        result.files.append(outcome)
    if not dry_run and any(f.result is not None and f.result.written for f in result.files):
        sync_provinces(root)
    return result


def summary(result: ImportResult) -> list[str]:
    """The lines that tell what an import did: rows read, observations per province file, refused
    rows with their line numbers and reasons."""
    out = [f"{result.path}: {result.rows} row(s) read"]
    verb = {"added": "would add", "updated": "would update", "unchanged": "unchanged"} if result.dry_run else {}
    for outcome in result.files:
        shown = outcome.shown
        if outcome.refused:
            numbers = sorted(n for p in outcome.planned for n in p.lines)
            where = ("line " if len(numbers) == 1 else "lines ") + ", ".join(map(str, numbers))
            refused = "would be refused" if result.dry_run else "refused, nothing written"
            out.append(f"  {outcome.province} ({outcome.shown}): {refused} ({where})")
            if outcome.error:
                out.append(f"    {outcome.error}")
            for problem in outcome.result.problems if outcome.result else []:
                if problem.level == "error":
                    out.append(f"    {problem.as_text()}")
            continue
        actions = outcome.actions()
        counts = ", ".join(f"{actions.count(a)} {a}" for a in ("added", "updated", "unchanged"))
        out.append(f"  {outcome.province} ({shown}): {counts}")
        for p, action in zip(outcome.planned, actions, strict=False):
            o = p.observation
            origin = ", ".join(str(n) for n in p.lines)
            whose = f" (former {p.observation.former})" if p.observation.former else ""
            out.append(
                f"    {verb.get(action, action)}: {o.indicator} {o.period} {o.value_text}{whose} "
                f"(line{'s' if len(p.lines) > 1 else ''} {origin})"
            )
        for problem in outcome.result.problems if outcome.result else []:  # warnings: the figures landed
            out.append(f"    {problem.as_text()}")
    rows_refused = sum(len(r.lines) for r in result.refused) + sum(
        len(p.lines) for f in result.files if f.refused for p in f.planned
    )
    if result.refused:
        out.append(f"refused {sum(len(r.lines) for r in result.refused)} row(s):")
        for r in result.refused:
            where = ("line " if len(r.lines) == 1 else "lines ") + ", ".join(map(str, r.lines))
            out.append(f"  {where}: {r.message}")
    out.append(
        ("dry run: nothing written; " if result.dry_run else "")
        + (f"{rows_refused} row(s) refused; they change nothing" if rows_refused else "every row accepted")
    )
    return out
