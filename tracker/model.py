"""Pydantic models of the data files: strict types, no unknown keys, periods checked."""

from __future__ import annotations

import calendar
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The 34 provinces of Resolution 202/2025/QH15 took office on this day; the 63 before it became former provinces.
MERGER = date(2025, 7, 1)
# ASCII digits only (`\d` also takes other scripts' digits) and nothing after (`$` lets a "\n" through).
_PERIOD = re.compile(r"([0-9]{4})(?:-(?:Q([0-9])|([0-9]{2})(?:-([0-9]{2}))?))?")


ENV_TODAY = "TRACKER_TODAY"


def today() -> date:
    """Today's date, or $TRACKER_TODAY (YYYY-MM-DD) where a test or a rerun needs a fixed clock."""
    fixed = os.environ.get(ENV_TODAY)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            pass
    return date.today()


@lru_cache(maxsize=65536)
def period_end(period: str) -> date:
    """The date a period ends on: `2024` → 2024-12-31, `2025-Q3` → 2025-09-30, `2025-09-22` → itself.

    Raises ValueError with a human message for a malformed or impossible period.
    """
    m = _PERIOD.fullmatch(period)
    if not m:
        raise ValueError(f"period {period!r} is not YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, in ASCII digits")
    year = int(m[1])
    if year < 1900 or year > 2100:
        raise ValueError(f"period {period!r}: year {year} is outside 1900-2100")
    if m[2] is not None:
        quarter = int(m[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f"period {period!r}: quarter must be Q1-Q4")
        month = quarter * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    if m[3] is None:
        return date(year, 12, 31)
    month = int(m[3])
    if not 1 <= month <= 12:
        raise ValueError(f"period {period!r}: month {month} does not exist")
    last = calendar.monthrange(year, month)[1]
    if m[4] is None:
        return date(year, month, last)
    day = int(m[4])
    if not 1 <= day <= last:
        raise ValueError(f"period {period!r}: day {day} does not exist in {year}-{month:02d}")
    return date(year, month, day)


def period_start(period: str) -> date:
    """The first day of a period: `2024` → 2024-01-01, `2025-Q3` → 2025-07-01, `2025-09-22` → itself."""
    end = period_end(period)
    m = _PERIOD.fullmatch(period)
    assert m is not None
    if m[2] is not None:
        return date(end.year, end.month - 2, 1)
    if m[3] is None:
        return date(end.year, 1, 1)
    return end if m[4] is not None else end.replace(day=1)


def _period_text(value: Any) -> Any:
    # YAML reads `2025` as an int and `2025-09-22` as a date; both are valid periods.
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _check_period(value: str) -> str:
    try:
        period_end(value)
    except ValueError as exc:
        raise PydanticCustomError("bad_period", str(exc)) from None
    return value


def _check_id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN, value):
        raise PydanticCustomError("bad_id", "id {value!r} is not lower-case ASCII kebab-case", {"value": value})
    return value


def _check_nfc(value: str) -> str:
    if unicodedata.normalize("NFC", value) != value:
        raise PydanticCustomError("not_nfc", "text is not in Unicode NFC form")
    return value


def _date_from_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("bad_date", "{value!r} is not a YYYY-MM-DD date", {"value": value}) from None
    return value


_PERIOD_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-(Q[1-4]|\d{2}(-\d{2})?))?$"},
        {"type": "integer", "minimum": 1900, "maximum": 2100},
    ],
    "description": "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; the period is dated by its end",
}
Period = Annotated[str, BeforeValidator(_period_text), Field(strict=True), WithJsonSchema(_PERIOD_SCHEMA)]
Id = Annotated[str, Field(strict=True)]
Text = Annotated[str, Field(min_length=1)]
Day = Annotated[date, BeforeValidator(_date_from_text), WithJsonSchema({"type": "string", "format": "date"})]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]

Quality = Literal["reported", "estimated", "illustrative"]
Unit = Literal["percent", "count", "per-1000", "per-10000", "minutes", "days", "score"]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Names(Strict):
    en: Text
    vi: Text

    _nfc = field_validator("en", "vi")(_check_nfc)


class Domain(Strict):
    id: Id
    name: Names
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    description: str | None = None

    _id = field_validator("id")(_check_id)


class DomainsFile(Strict):
    domains: list[Domain] = Field(min_length=1)


class Indicator(Strict):
    id: Id
    name: Names
    domain: Id
    unit: Unit
    direction: Literal["increase", "decrease"]
    numerator: Text | None = None
    denominator: Text | None = None
    aggregate: Literal["ratio", "sum", "mean", "population-weighted"]
    # Declared after `aggregate` so that its check can read it; in the files it follows `denominator`.
    counted: Names | None = Field(
        default=None,
        description="What a ratio indicator counts, in the plural (en) and in Vietnamese (vi), e.g. "
        "{en: hospitals, vi: bệnh viện}: the units still to go are shown as '11 hospitals to go', 'còn 11 bệnh viện'",
    )
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 1.0
    worst: NonNegative | None = None
    definition: Text
    sources: list[Text] = Field(min_length=1)

    _id = field_validator("id", "domain")(_check_id)

    @field_validator("counted")
    @classmethod
    def _counted_needs_ratio(cls, value: Names | None, info: ValidationInfo) -> Names | None:
        if value is not None and info.data.get("aggregate") not in (None, "ratio"):
            raise PydanticCustomError(
                "counted_not_ratio",
                "counted names the units of a ratio indicator; this one has aggregate: {aggregate}",
                {"aggregate": info.data["aggregate"]},
            )
        return value

    def counted_in(self, lang: str) -> str | None:
        """The plural noun of what the indicator counts in `lang` (`hospitals`, `bệnh viện`), if the file gives one."""
        return None if self.counted is None else getattr(self.counted, lang, self.counted.en)


class Milestone(Strict):
    by: Day
    value: NonNegative
    source: Text
    note: str | None = None


class Scoring(Strict):
    on_track: float = 0.95
    fair: float = 0.5
    deteriorating: float = -0.1


class Framework(Strict):
    id: Id
    name: Names
    kind: Literal["target", "benchmark"] = "target"
    source: Text
    description: str | None = None
    baseline_period: Period | None = None
    max_age_years: Annotated[float, Field(gt=0)] = 2.0
    scoring: Scoring = Scoring()
    targets: dict[Id, list[Milestone]] = Field(min_length=1)

    _id = field_validator("id")(_check_id)
    _period = field_validator("baseline_period")(lambda v: v if v is None else _check_period(v))


# One file of a large data root holds tens of thousands of observations and a report keeps every
# one in memory: as a model each cost about 1.1 kB (its field dict and the set of fields given),
# as a frozen slotted dataclass about 0.1 kB. Lax at the top so that a mapping is accepted (a
# strict dataclass accepts only its own instances), strict field by field as the models are.
_OBSERVATION_CONFIG = ConfigDict(extra="forbid", strict=False)


@pydantic_dataclass(frozen=True, slots=True, kw_only=True, config=_OBSERVATION_CONFIG)
class Observation:
    period: Period
    value: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] | None = None
    numerator: Annotated[int, Field(strict=True, ge=0)] | None = None
    denominator: Annotated[int, Field(strict=True, ge=0)] | None = None
    source: Annotated[str, Field(strict=True, min_length=1)]
    quality: Quality
    note: Annotated[str, Field(strict=True)] | None = None
    quote: Annotated[str, Field(strict=True, min_length=1)] | None = Field(
        default=None,
        kw_only=True,  # as every other field is, or pydantic would put it first
        description="The sentence of the source that states the figure, verbatim (in the language of the source)",
    )

    _period = field_validator("period")(_check_period)
    _nfc = field_validator("note", "quote")(lambda v: v if v is None else _check_nfc(v))

    @property
    def end(self) -> date:
        return period_end(self.period)

    @property
    def number(self) -> float | None:
        """The observation's value in the indicator's unit (a ratio as 0-100)."""
        if self.numerator is not None and self.denominator:
            return 100.0 * self.numerator / self.denominator
        return self.value

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The fields as a mapping, as a model's `model_dump` gives them (every value is plain data)."""
        fields = {name: getattr(self, name) for name in _OBSERVATION_FIELDS}
        return {k: v for k, v in fields.items() if v is not None} if exclude_none else fields

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Observation:
        """A copy with some fields replaced, not validated again (as a model's `model_copy`)."""
        fields = {name: getattr(self, name) for name in _OBSERVATION_FIELDS} | (update or {})
        return _observation(**fields)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The cache holds validated observations only: they are rebuilt without validating them
        # again, and without the dataclass's generic __setstate__, which took 3.5 µs each.
        return _observation, (
            self.period,
            self.value,
            self.numerator,
            self.denominator,
            self.source,
            self.quality,
            self.note,
            self.quote,
        )


_OBSERVATION_FIELDS = ("period", "value", "numerator", "denominator", "source", "quality", "note", "quote")
_new = object.__new__
# Each field's slot, set directly: a third faster than object.__setattr__, which looks it up first.
_SET_PERIOD, _SET_VALUE, _SET_NUMERATOR, _SET_DENOMINATOR, _SET_SOURCE, _SET_QUALITY, _SET_NOTE, _SET_QUOTE = (
    Observation.__dict__[name].__set__ for name in _OBSERVATION_FIELDS
)


def _observation(
    period: str,
    value: float | None,
    numerator: int | None,
    denominator: int | None,
    source: str,
    quality: Quality,
    note: str | None,
    quote: str | None,
) -> Observation:
    """An observation from its fields, already validated (see `Observation.__reduce__`)."""
    obs: Observation = _new(Observation)
    _SET_PERIOD(obs, period)
    _SET_VALUE(obs, value)
    _SET_NUMERATOR(obs, numerator)
    _SET_DENOMINATOR(obs, denominator)
    _SET_SOURCE(obs, source)
    _SET_QUALITY(obs, quality)
    _SET_NOTE(obs, note)
    _SET_QUOTE(obs, quote)
    return obs


class Population(Strict):
    value: Count
    year: int
    source: Text


IsoCode = Annotated[str, Field(pattern=r"^VN-[0-9A-Z]{2}$")]


class Event(Strict):
    """A dated fact without a number: a system went live, a first paperless hospital, a pilot."""

    date: Period = Field(description="When it happened: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the source says")
    text: Names
    source: Text
    quote: Text | None = None
    note: str | None = None

    _period = field_validator("date")(_check_period)
    _nfc = field_validator("note", "quote")(lambda v: v if v is None else _check_nfc(v))


class Former(Strict):
    """One of the 63 provinces in force until 30 June 2025, inside the file of the province it became part of.

    Its own figures (`observations`) are those published for it before 1 July 2025; they are kept
    only for a province merged from two or more former ones (a province that was not merged simply
    continues, and its figures go under the province's own `observations`)."""

    name: Names
    iso: IsoCode
    aliases: list[Text] = Field(default=[], description="Other names people use for it, e.g. Thừa Thiên Huế, Sài Gòn")
    population: Population | None = None
    observations: dict[Id, list[Observation]] = {}

    _nfc = field_validator("aliases")(lambda v: [_check_nfc(a) for a in v])


class Region(Strict):
    id: Id
    name: Names
    aliases: list[Text] = Field(default=[], description="Other names people use for it, e.g. Hanoi, HCMC, TP HCM")
    level: Literal["country", "province"]
    kind: Literal["province", "city"] | None = None
    parent: Id | None = None
    former: dict[Id, Former] = Field(
        default={},
        description="The former (pre-July-2025) provinces this one was formed from, by id, in the order of the law",
    )
    population: Population | None = None
    observations: dict[Id, list[Observation]] = {}
    events: list[Event] = []
    targets: dict[Id, list[Milestone]] = {}

    _id = field_validator("id")(_check_id)
    _nfc = field_validator("aliases")(lambda v: [_check_nfc(a) for a in v])

    @property
    def merged_from(self) -> list[str]:
        """The ids of the former provinces, in order (one, the same territory, for a province that was not merged)."""
        return list(self.former)

    @property
    def merged(self) -> bool:
        """Formed from two or more former provinces, so its figures before 1 July 2025 are pooled from theirs."""
        return len(self.former) > 1

    def all_series(self) -> Iterator[tuple[str | None, dict[str, list[Observation]]]]:
        """Every observation the file holds, by indicator: the region's own (former None), then each
        former province's."""
        yield None, self.observations
        for former_id, former in self.former.items():
            yield former_id, former.observations

    def events_newest_first(self) -> list[Event]:
        """The dated events, newest first (by the end of their date, as periods are)."""
        return sorted(self.events, key=lambda e: period_end(e.date), reverse=True)


class Criterion(Strict):
    """One condition of a maturity stage: the latest value of `indicator` at least (or at most) `value`."""

    indicator: Id
    op: Literal[">=", "<="] = ">="
    value: NonNegative
    source: Text


class Stage(Strict):
    stage: Annotated[int, Field(ge=0, le=9)]
    name: Names
    description: str | None = None
    criteria: list[Criterion] = []


class MaturityFile(Strict):
    """Cumulative stages: a region is at the highest stage whose criteria and every lower stage's hold."""

    stages: list[Stage] = Field(min_length=1)


class Tile(Strict):
    """One province's square on the tile map: row 0 is the northernmost, column 0 the westernmost."""

    row: Annotated[int, Field(ge=0, le=99)]
    col: Annotated[int, Field(ge=0, le=99)]
    # A shorter name for the square when the full one would not fit ("TP. HCM").
    label: Names | None = None


class TileMapFile(Strict):
    """Where each province's square sits on the tile map of the summary, and where the layout comes from."""

    source: Text
    note: str | None = None
    tiles: dict[Id, Tile] = Field(min_length=1, description="Province id -> its square")


# The file kinds, by the folder they live in; used by the loader and by `tracker schema`.
FILE_MODELS: dict[str, type[Strict]] = {
    "indicator": Indicator,
    "domains": DomainsFile,
    "framework": Framework,
    "province": Region,
    "maturity": MaturityFile,
    "tilemap": TileMapFile,
}


@dataclass
class Dataset:
    """Everything under one data root, validated. Keys are ids; `regions` includes the country."""

    root: Path
    domains: dict[str, Domain] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    maturity: MaturityFile | None = None
    tilemap: TileMapFile | None = None
    # "kind:id" -> the file it came from (relative to root) and that file's name without suffix.
    files: dict[str, str] = field(default_factory=dict)
    stems: dict[str, str] = field(default_factory=dict)
    # A digest of every file's content, set by `load_dataset` when every file was read through the
    # cache: it keys results computed from the whole root (the scored scoreboard). Not copied by
    # `dataclasses.replace`; see `unchanged_key` for a dataset changed in place.
    content_key: str | None = field(default=None, init=False, compare=False, repr=False)
    _loaded: tuple[object, ...] = field(default=(), init=False, compare=False, repr=False)

    def mark_loaded(self, content_key: str) -> None:
        """Record the key of the files this dataset was loaded from, and the models it holds now."""
        self.content_key = content_key
        self._loaded = self._models()

    def unchanged_key(self) -> str | None:
        """`content_key` while the dataset holds the very models it was loaded with: a model added,
        removed or replaced in place (a caller's what-if) leaves it without a key. Models are frozen;
        a caller that mutates one's lists or dicts in place must set `content_key` to None."""
        if self.content_key is None:
            return None
        now = self._models()
        if len(now) != len(self._loaded) or any(a is not b for a, b in zip(now, self._loaded, strict=True)):
            return None
        return self.content_key

    def _models(self) -> tuple[object, ...]:
        tables = (self.domains, self.indicators, self.frameworks, self.regions, self.files, self.stems)
        keyed = tuple(item for table in tables for pair in table.items() for item in pair)
        return (self.maturity, self.tilemap, *keyed)

    @property
    def provinces(self) -> dict[str, Region]:
        return {k: r for k, r in self.regions.items() if r.level == "province"}

    @property
    def country(self) -> Region | None:
        return next((r for r in self.regions.values() if r.level == "country"), None)


SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "indicator.schema.json": Indicator,
    "domains.schema.json": DomainsFile,
    "framework.schema.json": Framework,
    "province.schema.json": Region,
    "maturity.schema.json": MaturityFile,
    "tilemap.schema.json": TileMapFile,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of each file kind, for editors (yaml-language-server) and other tools."""
    schemas = {}
    for filename, schema_model in SCHEMA_FILES.items():
        schema = schema_model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[filename] = schema
    return schemas
