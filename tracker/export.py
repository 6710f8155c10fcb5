"""Machine-readable and document output: JSON (the documented interface), Markdown (en/vi) and CSV exports."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tracker.asof import latest_figure
from tracker.compare import BenchmarkRow
from tracker.completeness import Cell, Completeness, completeness
from tracker.i18n import CATALOGUE, day, number, period_label, t, to_go
from tracker.model import Dataset, Event, Indicator, Names, Region, period_end
from tracker.national import NationalFigure, Scoreboard
from tracker.score import (
    LOW_COVERAGE,
    STATUSES,
    IndicatorResult,
    RegionScore,
    Target,
    applicable_target,
    evaluate,
    largest_gaps,
    observation_counts,
)
from tracker.series import Point, partial_periods
from tracker.stages import CriterionResult, StageResult, maturity_stage, stage_counts


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def point_json(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "period": point.period,
        "end": point.end.isoformat(),
        "value": _round(point.value, 4),
        "numerator": point.numerator,
        "denominator": point.denominator,
        "quality": point.quality,
        "flagged": point.flagged,
        "source": point.source,
        "note": point.note,
        "quote": point.quote,
        "derived": point.derived,
        **({"parts": [{"former": part.former, **(point_json(part.point) or {})} for part in point.parts]} if point.parts else {}),
    }


def target_json(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {"by": target.by.isoformat(), "value": target.value, "source": target.source, "province_override": target.overridden}


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    return {
        "id": r.indicator,
        "province": r.region,
        "latest": point_json(r.latest),
        "baseline": point_json(r.baseline),
        "target": target_json(r.target),
        "attainment": _round(r.attainment),
        "gap": _round(r.gap),
        "gap_count": r.gap_count,
        "status": r.status,
        "current_ratio": _round(r.current_ratio, 3),
        "actual_rate": _round(r.actual_rate, 3),
        "required_rate": _round(r.required_rate, 3),
        "projected_value": _round(r.projected_value),
        "projected_year": r.projected_year,
        "quality": r.quality,
    }


def score_fields(rs: RegionScore) -> dict[str, Any]:
    """The keys a province's score carries in every JSON document, in their documented order."""
    return {
        "score": _round(rs.score),
        "coverage": _round(rs.coverage, 3),
        "low_coverage": rs.low_coverage,
        "flagged": rs.flagged,
        "rank": rs.rank,
        "previous_score": _round(rs.previous_score),
        "change": _round(rs.change),
    }


LISTS = ("indicators", "provinces", "frameworks")


def listing(dataset: Dataset, what: str) -> list[dict[str, Any]]:
    """`tracker list WHAT`: the ids a command takes, with names, in id order. Indicators carry
    their domain and unit; provinces (the country first) their level and former provinces;
    frameworks their kind (target or benchmark)."""
    if what == "indicators":
        return [
            {"id": i.id, "name": {"en": i.name.en, "vi": i.name.vi}, "domain": i.domain, "unit": i.unit}
            for i in sorted(dataset.indicators.values(), key=lambda i: i.id)
        ]
    if what == "provinces":
        regions = sorted(dataset.regions.values(), key=lambda r: (r.level != "country", r.id))
        return [
            {"id": r.id, "name": {"en": r.name.en, "vi": r.name.vi}, "level": r.level, "former": list(r.former) if r.merged else []}
            for r in regions
        ]
    if what == "frameworks":
        return [
            {"id": f.id, "name": {"en": f.name.en, "vi": f.name.vi}, "kind": f.kind}
            for f in sorted(dataset.frameworks.values(), key=lambda f: f.id)
        ]
    raise ValueError(f"nothing to list as {what!r}")


def region_json(dataset: Dataset, rs: RegionScore, framework: str, as_of: date) -> dict[str, Any]:
    region = dataset.regions[rs.region]
    return {
        "province": rs.region,
        "name": {"en": region.name.en, "vi": region.name.vi},
        "framework": framework,
        "as_of": as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, as_of),
        **score_fields(rs),
        "domains": [{"id": d.id, "score": _round(d.score), "coverage": _round(d.coverage, 3), "flagged": d.flagged} for d in rs.domains],
        "indicators": [_with_partial(dataset, region, indicator_json(r)) for r in rs.indicators],
        "stage": stage_json(maturity_stage(dataset, rs.region, as_of)),
        "former": [{"id": fid, "name": {"en": f.name.en, "vi": f.name.vi}, "iso": f.iso} for fid, f in region.former.items()],
        "events": [event_json(e) for e in events_newest_first(region)],
    }


def _with_partial(dataset: Dataset, region: Region, document: dict[str, Any]) -> dict[str, Any]:
    """An indicator's document with the periods only some former provinces report (never used as figures)."""
    partial = partial_periods(region, dataset.indicators[document["id"]]) if region.merged else []
    document["partial"] = [
        {"period": p.period, "end": p.end.isoformat(), "have": list(p.have), "missing": list(p.missing)} for p in partial
    ]
    return document


def _cell_json(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"period": cell.period, "end": cell.end.isoformat(), "quality": cell.quality, "derived": cell.derived, "fresh": cell.fresh}


def completeness_json(report: Completeness) -> dict[str, Any]:
    """`tracker coverage --format json`: per indicator and per province × indicator."""
    return {
        "as_of": report.as_of.isoformat(),
        "fresh_since": report.fresh_since.isoformat(),
        "indicators": [
            {"id": r.indicator, "with_figure": r.with_figure, "fresh": r.fresh, "expected": r.expected, "national": _cell_json(r.national)}
            for r in report.indicators
        ],
        "provinces": [
            {"id": pid, "figures": report.figures(pid), "indicators": {iid: _cell_json(cell) for iid, cell in row.items()}}
            for pid, row in report.cells.items()
        ],
    }


def events_newest_first(region: Region) -> list[Event]:
    return sorted(region.events, key=lambda e: period_end(e.date), reverse=True)


def event_json(event: Event) -> dict[str, Any]:
    return {
        "date": event.date,
        "text": {"en": event.text.en, "vi": event.text.vi},
        "source": event.source,
        "quote": event.quote,
        "note": event.note,
    }


def stage_json(result: StageResult | None, history: Sequence[tuple[int, StageResult]] | None = None) -> dict[str, Any] | None:
    """One region's maturity stage: `{region, stage, name, flagged, next_stage, blockers[, history]}`."""
    if result is None:
        return None
    document: dict[str, Any] = {
        "region": result.region,
        "stage": result.stage,
        "name": {"en": result.name[0], "vi": result.name[1]},
        "flagged": result.flagged,
        "next_stage": result.next_stage,
        "blockers": [
            {"indicator": c.indicator, "op": c.op, "value": c.value, "current": point_json(c.current), "to_go": c.to_go}
            for c in result.blockers
        ],
    }
    if history is not None:
        document["history"] = [{"year": year, "stage": r.stage, "flagged": r.flagged} for year, r in history]
    return document


def stages_json(
    dataset: Dataset, results: Sequence[StageResult], history: dict[str, list[tuple[int, StageResult]]], as_of: date
) -> dict[str, Any]:
    """Every region's stage (with its history), the count per stage at as-of, and the counts per year."""
    years = sorted({year for rows in history.values() for year, _ in rows})

    def counts(chosen: Sequence[StageResult]) -> list[dict[str, Any]]:
        return [
            {"stage": c.stage, "name": {"en": c.name[0], "vi": c.name[1]}, "provinces": c.regions, "flagged": c.flagged}
            for c in stage_counts(dataset, chosen)
        ]

    return {
        "as_of": as_of.isoformat(),
        "counts": counts(results),
        "by_year": [
            {"year": year, "counts": counts([r for rows in history.values() for y, r in rows if y == year])}
            for year in years
        ],
        "provinces": [stage_json(r, history.get(r.region)) for r in results],
    }


def comparison_json(dataset: Dataset, region_id: str, framework: str, as_of: date, rows: Sequence[BenchmarkRow]) -> dict[str, Any]:
    """A region beside a benchmark, indicator by indicator; indicators the benchmark has no value for listed apart."""
    region = dataset.regions[region_id]
    fw = dataset.frameworks[framework]
    indicators = []
    for row in rows:
        r = row.result
        if r.target is None:
            continue
        pooled = None
        if row.pooled is not None:
            f = row.pooled
            pooled = {
                "value": _round(f.value), "numerator": f.numerator, "denominator": f.denominator,
                "reporting": f.reporting, "expected": f.expected, "flagged": f.flagged,
                "distance": _round(f.gap), "distance_count": f.gap_count, "attainment": _round(f.attainment),
            }
        indicators.append({
            "id": row.indicator,
            "latest": point_json(r.latest),
            "benchmark": {"by": r.target.by.isoformat(), "value": r.target.value, "source": r.target.source, "note": r.target.note},
            "distance": _round(r.gap),
            "distance_count": r.gap_count,
            "attainment": _round(r.attainment),
            "status": r.status,
            "projected_year": r.projected_year,
            "quality": r.quality,
            "pooled": pooled,
        })
    return {
        "region": region_id,
        "name": {"en": region.name.en, "vi": region.name.vi},
        "benchmark": {"id": fw.id, "name": {"en": fw.name.en, "vi": fw.name.vi}, "kind": fw.kind, "source": fw.source},
        "as_of": as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, as_of),
        "indicators": indicators,
        "without_benchmark": [row.indicator for row in rows if row.result.target is None],
    }


def national_json(figure: NationalFigure) -> dict[str, Any]:
    return {
        "id": figure.indicator,
        "value": _round(figure.value),
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "reporting": figure.reporting,
        "expected": figure.expected,
        "flagged": figure.flagged,
        "reported": point_json(figure.reported),
        "attainment": _round(figure.attainment),
        "gap": _round(figure.gap),
        "target": target_json(figure.target),
    }


def scoreboard_json(dataset: Dataset, sb: Scoreboard) -> dict[str, Any]:
    return {
        "framework": sb.framework,
        "as_of": sb.as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, sb.as_of),
        "previous_as_of": _date(sb.previous_as_of),
        "provinces": [
            {
                "id": rs.region,
                "name": dataset.regions[rs.region].name.vi,
                "name_en": dataset.regions[rs.region].name.en,
                **score_fields(rs),
                "domains": {d.id: _round(d.score) for d in rs.domains},
                "stage": stage_json(maturity_stage(dataset, rs.region, sb.as_of)),
            }
            for rs in sb.regions
        ],
        "national": {
            "score": _round(sb.national_score),
            "coverage": _round(sb.national_coverage, 3),
            "flagged": sb.national_flagged,
            "indicators": [national_json(f) for f in sb.national],
        },
    }


# ---------------------------------------------------------------------------------------------
# Markdown: escaping
# ---------------------------------------------------------------------------------------------
#
# Names, notes and sources come from data files anyone can edit, so every piece of text from the
# data goes through `md_text` before it reaches a document: one line, no raw HTML, no emphasis, no
# links other than the URLs it contains, and no `|` that could split a table cell.

DAGGER = "†"
SIGMA = "Σ"  # a figure derived from the former provinces' figures
# A source cited more often than this is cited once, at the top, instead of in every cell.
CITE_LIMIT = 10
# ASCII punctuation that can start inline markup in CommonMark/GFM (emphasis, code, links, HTML,
# strikethrough, entities, table cells, GitHub math); each is backslash-escapable.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$!])")
# Text that would open a block (list item, ordered list) when it starts a line.
_BLOCK_START = re.compile(r"^([-+])|^(\d{1,9})([.)])")
_URL = re.compile(r"https?://[^\s<>\"`|\\]+")


def _one_line(text: str) -> str:
    """Collapse every kind of line break and space run to one space; drop control and format characters.

    Format characters (Unicode category Cf) include bidirectional overrides, which could make a
    name display differently from what it is; Vietnamese in NFC needs none of them.
    """
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c.isspace())
    return " ".join(kept.split())


def _escape_plain(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def as_of_source_json(dataset: Dataset, as_of: date) -> dict[str, Any] | None:
    """`{region, indicator, period, former}` of the observation that sets the as-of date, or null
    when the date is not that of the latest figure (an --as-of)."""
    latest = latest_figure(dataset)
    if latest is None or latest.end != as_of:
        return None
    return {"region": latest.region, "indicator": latest.indicator, "period": latest.period, "former": latest.former}


def as_of_source_text(dataset: Dataset, as_of: date, lang: str) -> str | None:
    """"the date is set by the latest figure: emr-hospital-coverage, Bắc Ninh, 2025-09-22" when the
    as-of date is that of the latest figure (the default), else None: every output names it, so a
    period typed wrong (`2030` for `2026`), which would move every report's date, shows where it is."""
    latest = latest_figure(dataset)
    if latest is None or latest.end != as_of:
        return None
    region = dataset.regions[latest.region]
    name = region.former[latest.former].name if latest.former else region.name
    return t("footer.asof_source", lang, indicator=latest.indicator, region=_name(name, lang), period=latest.period)


def md_text(text: str, *, line_start: bool = False) -> str:
    """Data text as inline Markdown that renders as exactly that text; URLs become autolinks.

    `line_start`: the text begins a line (a footnote, a list item), so a leading `-`, `+` or `1.`
    must not open a list.
    """
    text = _one_line(text)
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        # Trailing punctuation belongs to the sentence, as does a `)` the URL did not open.
        while url and (url[-1] in ".,;:!?'" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) <= len("https://"):
            continue
        start = match.start()
        parts.append(_escape_plain(text[position:start]))
        parts.append(f"<{url}>")
        position = start + len(url)
    parts.append(_escape_plain(text[position:]))
    result = "".join(parts)
    if line_start:
        result = _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", result)
    return result


def _cell(text: str) -> str:
    """A table cell that is already Markdown: never empty, never more than one line."""
    text = text.replace("\n", " ").replace("\r", " ").strip()
    return text or " "


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """A GFM pipe table; cells are Markdown already escaped for a table."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
    for row in rows:
        if len(row) != len(header):
            raise ValueError("table row with the wrong number of cells")
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


# ---------------------------------------------------------------------------------------------
# Markdown: numbers, names, footnotes
# ---------------------------------------------------------------------------------------------


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(names: Names, lang: str) -> str:
    return names.vi if lang == "vi" else names.en


def _region_name(dataset: Dataset, region_id: str, lang: str) -> str:
    region = dataset.regions.get(region_id)
    return _name(region.name, lang) if region is not None else region_id


def _indicator_name(dataset: Dataset, indicator_id: str, lang: str) -> str:
    ind = dataset.indicators.get(indicator_id)
    return _name(ind.name, lang) if ind is not None else indicator_id


def _unit(dataset: Dataset, indicator_id: str) -> str:
    ind = dataset.indicators.get(indicator_id)
    return ind.unit if ind is not None else ""


def _value(dataset: Dataset, indicator_id: str, value: float | None, lang: str) -> str:
    """A value in its unit, as a reader of `lang` writes it: 79.9% / 79,9%, 1,010 / 1.010, 92.5 min."""
    if value is None:
        return t("no_score", lang)
    unit = _unit(dataset, indicator_id)
    if unit == "percent":
        return f"{number(value, lang)}%"
    if unit == "count":
        return number(value, lang, 0)
    label = t(f"unit.{unit}", lang) if f"unit.{unit}" in CATALOGUE["en"] else unit
    return f"{number(value, lang)} {label}"


def _noun(dataset: Dataset, indicator_id: str, lang: str) -> str | None:
    """What a ratio indicator counts (`hospitals`, `bệnh viện`), escaped for Markdown; None if not given."""
    ind = dataset.indicators.get(indicator_id)
    noun = ind.counted_in(lang) if ind is not None else None
    return md_text(noun) if noun else None


def _gap(dataset: Dataset, indicator_id: str, gap: float, count: int | None, lang: str) -> str:
    """A gap in percentage points for a percent indicator, else in the unit; with the units to go."""
    if _unit(dataset, indicator_id) == "percent":
        text = f"{number(gap, lang)} {t('unit.pp', lang)}"
    else:
        text = _value(dataset, indicator_id, gap, lang)
    if count:
        text += f" ({to_go('md.count_to_go', lang, count, _noun(dataset, indicator_id, lang))})"
    return text


def _target_value(dataset: Dataset, indicator_id: str, value: float, lang: str) -> str:
    """A target as the instrument states it: 100%, 30 min, not 100.0%; 80.5% keeps its decimal."""
    if value != int(value):
        return _value(dataset, indicator_id, value, lang)
    unit = _unit(dataset, indicator_id)
    if unit == "percent":
        return f"{number(value, lang, 0)}%"
    label = t(f"unit.{unit}", lang) if f"unit.{unit}" in CATALOGUE["en"] else unit
    return number(value, lang, 0) + (f" {label}" if unit != "count" else "")


def _score(score: float | None, flagged: bool, lang: str, low: bool = False) -> str:
    if score is None:
        return t("no_score", lang)
    return number(score, lang) + (DAGGER if flagged else "") + ("\\*" if low else "")


def _share(share: float | None, lang: str) -> str:
    return t("no_score", lang) if share is None else f"{number(100 * share, lang, 0)}%"


def _change(change: float | None, lang: str) -> str:
    if change is None:
        return " "
    if round(change, 1) == 0:
        return "="
    return ("▲" if change > 0 else "▼") + number(abs(change), lang)


def _signed(change: float, lang: str) -> str:
    return ("+" if change > 0 else "−") + number(abs(change), lang)


def _decimal(value: float, lang: str) -> str:
    """A threshold or setting as written in the framework (0.95, −0.1), with the reader's decimal mark."""
    text = f"{value:g}".replace("-", "−")
    return text.replace(".", ",") if lang == "vi" else text


class _Footnotes:
    """Numbered notes in order of first citation (the order GitHub numbers them), one per source text."""

    _FLAG_KEY = "\x00flag"

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._order: list[str] = []
        # source -> note -> where it was recorded ("Ha Noi 2025-09"), so one note shared by several
        # figures is printed once.
        self._details: dict[str, dict[str, list[str]]] = {}
        self._kinds: dict[str, list[str]] = {}
        self._flag_text = ""
        # How often each source was cited. A source cited more often than CITE_LIMIT in a first
        # rendering is `common`: its figures are not cited one by one, its note is cited once at the
        # top of the document and says how many figures use it.
        self.uses: dict[str, int] = {}
        self.common: dict[str, int] = {}
        self.secondary: set[str] = set()

    def cite(self, source: str, kind: str, detail: tuple[str, str] | None = None) -> str:
        """The reference to `source`'s note; `detail` is (where, note) to print with the source."""
        self.uses[source] = self.uses.get(source, 0) + 1
        if source in self.common:
            self.common[source] += 1
            return ""
        if source not in self._details:
            self._order.append(source)
            self._details[source] = {}
            self._kinds[source] = []
        if detail:
            note = _one_line(detail[1])
            places = self._details[source].setdefault(note, [])
            if detail[0] and detail[0] not in places:
                places.append(detail[0])
        if kind not in self._kinds[source]:
            self._kinds[source].append(kind)
        return f"[^{self._order.index(source) + 1}]"

    def cite_point(self, dataset: Dataset, region_id: str, point: Point) -> str:
        detail = None
        where = f"{_region_name(dataset, region_id, self.lang)} {period_label(point.period, self.lang)}"
        if point.derived:
            detail = (where, t("md.fn.derived", self.lang, parts=_derived_parts(dataset, region_id, point, self.lang)))
        elif point.note or point.quote:
            # The note says what was counted; the quote is the source's own sentence, verbatim.
            said = [point.note or "", f"“{point.quote}”" if point.quote else ""]
            detail = (where, " ".join(x for x in said if x))
        for text in (point.note or "", *(part.point.note or "" for part in point.parts)):
            if "secondary source" in text.lower():
                self.secondary.add(point.source)
        return self.cite(point.source, "flagged" if point.flagged else "reported", detail)

    def cite_common(self, uses: dict[str, int]) -> str:
        """One reference to each common source, for the line at the top of the document; `uses` counts
        the figures that use each (from the first rendering, since the top comes before the cells)."""
        common, self.common = self.common, {}
        refs = [self.cite(source, "common", ("", t("md.fn.common", self.lang, count=number(uses[source], self.lang, 0))))
                for source in common]
        self.common = common
        return "".join(refs)

    def cite_target(self, target: Target) -> str:
        return self.cite(target.source, "target", ("", target.note) if target.note else None)

    def cite_flag(self, text: str) -> str:
        self._flag_text = text
        return self.cite(self._FLAG_KEY, "flag")

    def definitions(self) -> list[str]:
        lines: list[str] = []
        for number_, source in enumerate(self._order, start=1):
            if source == self._FLAG_KEY:
                body = md_text(self._flag_text, line_start=True)
            else:
                parts = [md_text(source, line_start=True)]
                for note, places in self._details[source].items():
                    parts.append(md_text(f"{', '.join(places)}: {note}" if places else note))
                kinds = self._kinds[source]
                if source in self.secondary:
                    parts.append("⚠ " + t("md.fn.secondary", self.lang))
                if "flagged" in kinds:
                    parts.append(t("md.fn.flagged", self.lang))
                elif not self._details[source]:
                    # Also keeps a bare URL from reading as a link reference definition in plain CommonMark.
                    parts.append(t(f"md.fn.{kinds[0]}", self.lang))
                body = " — ".join(parts)
            lines += [f"[^{number_}]: {body}", ""]
        return lines


def _derived_parts(dataset: Dataset, region_id: str, point: Point, lang: str) -> str:
    """The parts of a figure derived from the former provinces: `Bắc Giang 20/30 (source); Bắc Ninh 34/40 (source)`."""
    region = dataset.regions.get(region_id)
    items = []
    for part in point.parts:
        former = region.former.get(part.former) if region is not None else None
        name = _name(former.name, lang) if former is not None else part.former
        p = part.point
        value = (f"{number(p.numerator, lang, 0)}/{number(p.denominator, lang, 0)}" if p.numerator is not None and p.denominator
                 else number(p.value, lang))
        items.append(f"{name} {value}{DAGGER if p.flagged else ''} ({p.source})")
    return "; ".join(items)


def _ordered_indicators(dataset: Dataset) -> list[Indicator]:
    """Indicators by domain (in the order of domains.yaml), then in dataset order."""
    domain_order = {d: i for i, d in enumerate(dataset.domains)}
    indexed = list(enumerate(dataset.indicators.values()))
    indexed.sort(key=lambda pair: (domain_order.get(pair[1].domain, len(domain_order)), pair[0]))
    return [ind for _, ind in indexed]


# ---------------------------------------------------------------------------------------------
# Markdown: the scoreboard (shared by `report --format markdown` and the summary)
# ---------------------------------------------------------------------------------------------


def _scoreboard_table(dataset: Dataset, sb: Scoreboard, lang: str) -> list[str]:
    domains = list(dataset.domains.values())
    header = [t("col.rank", lang), t("col.province", lang), t("col.score", lang), "±"]
    header += [md_text(_name(d.name, lang)) for d in domains]
    header.append(t("md.col.coverage", lang))
    right = [True, False, True, True, *[True] * len(domains), True]
    rows: list[list[str]] = []
    for rs in sb.regions:
        by_domain = {d.id: d for d in rs.domains}
        row = [
            str(rs.rank) if rs.rank is not None else " ",
            md_text(_region_name(dataset, rs.region, lang)),
            _score(rs.score, rs.flagged, lang, rs.low_coverage),
            _change(rs.change, lang),
        ]
        for domain in domains:
            d = by_domain.get(domain.id)
            row.append(_score(d.score if d else None, bool(d and d.flagged), lang))
        row.append(_share(rs.coverage, lang))
        rows.append(row)
    national_low = sb.national_coverage is not None and sb.national_coverage < LOW_COVERAGE
    rows.append(
        [" ", f"**{md_text(t('national', lang))}**", _score(sb.national_score, sb.national_flagged, lang, national_low), " "]
        + [" "] * len(domains)
        + [_share(sb.national_coverage, lang)]
    )
    return _table(header, rows, right)


def _scoreboard_legend(sb: Scoreboard, lang: str) -> list[str]:
    lines = [t("md.legend.flag", lang)]
    if sb.previous_as_of is not None:
        lines.append(t("md.legend.change", lang, date=day(sb.previous_as_of, lang)))
    lines += ["\\* " + t("footer.lowcov", lang), t("md.legend.none", lang)]
    # A hard line break (two trailing spaces would be invisible; a backslash is explicit).
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def scoreboard_markdown(dataset: Dataset, sb: Scoreboard, lang: str = "vi") -> str:
    """The scoreboard alone as a Markdown document: heading, as-of line, table and legend."""
    lines = [f"# {t('title.report', lang)}", ""]
    lines += [md_text(t("footer.asof", lang, as_of=day(sb.as_of, lang), framework=sb.framework)), ""]
    lines += _scoreboard_table(dataset, sb, lang)
    lines += ["", *_scoreboard_legend(sb, lang)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Markdown: the ministry summary
# ---------------------------------------------------------------------------------------------


# Best to worst for a reader, rather than the order the methodology tests them in.
_STATUS_ORDER = ("achieved", "on-track", "fair", "limited", "deteriorating", "missed", "insufficient-data", "no-data")
assert set(_STATUS_ORDER) == set(STATUSES) - {"no-target"}


class _Summary:
    """Renders one summary document; holds the footnotes so they number in document order."""

    def __init__(
        self, dataset: Dataset, sb: Scoreboard, lang: str, top: int, stamp: str | None,
        figures_dir: str | None = None, map_indicator: str | None = None,
    ) -> None:
        self.figures_dir = figures_dir
        self.map_indicator = map_indicator
        self.figures: dict[str, str] = {}
        self._targets_cited: set[tuple[str, str]] = set()
        self.derived_shown = False
        self.common_uses: dict[str, int] = {}
        self.dataset = dataset
        self.sb = sb
        self.lang = lang
        self.top = top
        self.stamp = stamp
        self.framework = dataset.frameworks[sb.framework]
        self.notes = _Footnotes(lang)
        self.indicators = _ordered_indicators(dataset)
        self.flagged, self.total = observation_counts(dataset, sb.as_of)

    # -- helpers -------------------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def name(self, region_id: str) -> str:
        return md_text(_region_name(self.dataset, region_id, self.lang))

    def indicator(self, indicator_id: str) -> str:
        return md_text(_indicator_name(self.dataset, indicator_id, self.lang))

    def value(self, indicator_id: str, value: float | None) -> str:
        return _value(self.dataset, indicator_id, value, self.lang)

    def day(self, value: date | None) -> str:
        return day(value, self.lang)

    def point(self, region_id: str, indicator_id: str, point: Point | None) -> str:
        """A figure with its dagger, period and source note: `76.2%† (2025-12)[^3]`."""
        if point is None:
            return self.t("no_score")
        text = self.value(indicator_id, point.value) + (DAGGER if point.flagged else "") + (SIGMA if point.derived else "")
        self.derived_shown = self.derived_shown or point.derived
        text += f" ({md_text(period_label(point.period, self.lang))})"
        return text + self.notes.cite_point(self.dataset, region_id, point)

    def target(self, indicator_id: str, target: Target) -> str:
        """A target value, citing its source the first time the document names that target."""
        text = _target_value(self.dataset, indicator_id, target.value, self.lang)
        if (indicator_id, target.source) in self._targets_cited:
            return text
        self._targets_cited.add((indicator_id, target.source))
        return text + self.notes.cite_target(target)

    def timing(self, year: int, due: date) -> str:
        if year > due.year:
            years = year - due.year
            return self.t("md.timing.late." + ("one" if years == 1 else "other"), years=years, due=due.year)
        if year == due.year:
            return self.t("md.timing.same", due=due.year)
        return self.t("md.timing.early", due=due.year)

    def results(self, indicator_id: str) -> list[IndicatorResult]:
        return [r for rs in self.sb.regions for r in rs.indicators if r.indicator == indicator_id]

    # -- sections ------------------------------------------------------------------------------

    def render(self) -> str:
        """The document. Rendered twice: the first time only counts how often each source is cited, so
        that the second can cite the sources behind many figures once instead of in every cell."""
        first = _Summary(self.dataset, self.sb, self.lang, self.top, self.stamp, self.figures_dir, self.map_indicator)
        first._render()
        self.notes.common = {source: 0 for source, uses in first.notes.uses.items()
                             if uses > CITE_LIMIT and source != _Footnotes._FLAG_KEY}
        self.derived_shown = first.derived_shown
        self.common_uses = first.notes.uses
        return self._render()

    def _render(self) -> str:
        from tracker.summary_exec import executive
        from tracker.summary_pictures import pictures

        drawn = pictures(self, self.figures_dir, self.map_indicator)
        self.figures = drawn.files
        lines: list[str] = []
        for section in (self.header, lambda: executive(self), lambda: drawn.lines, self.summary, self.scoreboard,
                        self.completeness, self.events, self.stages, self.domains, self.gaps, self.projections, self.methodology,
                        self.sources):
            part = section()
            if part:  # a section with nothing to say (no events, no stages) leaves no blank line either
                lines += [*part, ""]
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n"

    def header(self) -> list[str]:
        sb, fw = self.sb, self.framework
        title = self.t("md.title", framework=md_text(_name(fw.name, self.lang)), as_of=self.day(sb.as_of))
        meta = [
            f"- **{self.t('md.meta.framework')}:** {md_text(_name(fw.name, self.lang))}"
            f"{self.notes.cite(fw.source, 'framework')} (`{fw.id}`)",
            f"- **{self.t('md.meta.as_of')}:** {self.day(sb.as_of)}",
        ]
        if source := as_of_source_text(self.dataset, sb.as_of, self.lang):
            meta[-1] += f" ({md_text(source)})"
        if sb.previous_as_of is not None:
            meta.append(f"- **{self.t('md.meta.compared')}:** {self.day(sb.previous_as_of)}")
        shown = sum(1 for rs in sb.regions if rs.region in self.dataset.provinces)
        meta.append(f"- **{self.t('md.meta.provinces')}:** "
                    + self.t("md.meta.provinces_value", shown=shown, total=len(self.dataset.provinces)))
        if self.stamp:
            meta.append(f"- **{self.t('md.meta.generated')}:** {md_text(self.stamp)}")
        lines = [f"# {title}", "", *meta]
        marks = []
        if self.flagged:
            note = self.notes.cite_flag(self.t("md.flag_note", flagged=number(self.flagged, self.lang, 0),
                                               total=number(self.total, self.lang, 0), as_of=self.day(sb.as_of)))
            marks.append(f"*{self.t('md.flag_intro')}*{note}")
        if self.derived_shown:
            marks.append(f"*{self.t('md.legend.derived')}*")
        if self.notes.common:
            marks.append(f"*{self.t('md.common_intro')}*{self.notes.cite_common(self.common_uses)}")
        if marks:
            lines += ["", *(m + "\\" for m in marks[:-1]), marks[-1]]
        return lines

    def summary(self) -> list[str]:
        sb, lang = self.sb, self.lang
        lines = [f"## {self.t('md.h.summary')}", ""]
        if sb.national_score is None:
            lines.append(self.t("md.national_score_none"))
        else:
            low = sb.national_coverage is not None and sb.national_coverage < LOW_COVERAGE
            lines.append(self.t("md.national_score", score=_score(sb.national_score, sb.national_flagged, lang, low),
                                coverage=_share(sb.national_coverage, lang)))
        lines.append("")
        figures = {f.indicator: f for f in sb.national}
        for ind in self.indicators:
            figure = figures.get(ind.id)
            if figure is not None:
                lines.append("- " + self.national_sentence(figure))
        lines.append("")
        lines += self.status_sentence()
        lines += ["", *self.movers()]
        lines += ["", f"### {self.t('md.h.status')}", ""]
        lines += self.status_table()
        return lines

    def national_sentence(self, figure: NationalFigure) -> str:
        lang, iid = self.lang, figure.indicator
        head = f"**{self.indicator(iid)}**: "
        if figure.value is None:
            text = head + self.t("md.nat.no_data")
        else:
            detail = []
            if figure.numerator is not None and figure.denominator is not None:
                detail.append(self.t("md.nat.counts", numerator=number(figure.numerator, lang, 0),
                                     denominator=number(figure.denominator, lang, 0)))
            detail.append(self.t("md.nat.reporting", reporting=figure.reporting, expected=figure.expected))
            text = head + self.value(iid, figure.value) + (DAGGER if figure.flagged else "") + f" ({'; '.join(detail)})"
        if figure.target is None:
            text += "; " + self.t("md.nat.no_target")
        else:
            text += "; " + self.t("md.nat.target", target=self.target(iid, figure.target), due=self.day(figure.target.by))
            if figure.gap is not None:
                if figure.gap > 0:
                    text += ", " + self.t("md.nat.gap", gap=_gap(self.dataset, iid, figure.gap, figure.gap_count, lang))
                else:
                    text += ", " + self.t("md.nat.met")
        text += "."
        if figure.reported is not None and self.dataset.country is not None:
            reported = self.point(self.dataset.country.id, iid, figure.reported)
            text += " " + self.t("md.nat.reported", value=reported) + "."
        return text

    def targeted(self) -> list[Indicator]:
        """Indicators with a target for at least one listed region."""
        return [ind for ind in self.indicators if any(r.target is not None for r in self.results(ind.id))]

    def status_counts(self, indicator_id: str) -> dict[str, tuple[int, bool]]:
        counts: dict[str, tuple[int, bool]] = {s: (0, False) for s in _STATUS_ORDER}
        for r in self.results(indicator_id):
            if r.status in counts:
                n, flagged = counts[r.status]
                counts[r.status] = (n + 1, flagged or r.flagged)
        return counts

    def status_sentence(self) -> list[str]:
        totals: dict[str, tuple[int, bool]] = {s: (0, False) for s in _STATUS_ORDER}
        targeted = self.targeted()
        for ind in targeted:
            for status, (n, flagged) in self.status_counts(ind.id).items():
                total, any_flag = totals[status]
                totals[status] = (total + n, any_flag or flagged)
        items = [f"{self.t('status.' + s)}: {n}{DAGGER if f else ''}" for s, (n, f) in totals.items() if n]
        if not items:
            return []
        return [self.t("md.status_sentence", provinces=len(self.sb.regions), indicators=len(targeted),
                       total=sum(n for n, _ in totals.values()), counts="; ".join(items))]

    def status_table(self) -> list[str]:
        statuses = _STATUS_ORDER
        header = [self.t("col.indicator"), *(_capital(self.t("status." + s)) for s in statuses)]
        rows = []
        for ind in self.targeted():
            counts = self.status_counts(ind.id)
            rows.append([self.indicator(ind.id), *(f"{n}{DAGGER if f and n else ''}" for n, f in counts.values())])
        return _table(header, rows, [False, *[True] * len(statuses)])

    def movers(self) -> list[str]:
        sb, lang = self.sb, self.lang
        if sb.previous_as_of is None:
            return []
        when = self.day(sb.previous_as_of)
        changed = [rs for rs in sb.regions if rs.change is not None and rs.region in self.dataset.provinces]
        if not changed:
            return [self.t("md.movers_none", date=when)]

        def item(rs: RegionScore) -> str:
            assert rs.change is not None
            return self.t("md.mover", name=self.name(rs.region), change=_signed(rs.change, lang),
                          score=_score(rs.score, rs.flagged, lang, rs.low_coverage))

        up = sorted((rs for rs in changed if round(rs.change or 0, 1) > 0), key=lambda rs: (-(rs.change or 0), rs.region))
        down = sorted((rs for rs in changed if round(rs.change or 0, 1) < 0), key=lambda rs: (rs.change or 0, rs.region))
        sentences = [self.t("md.movers_up", date=when, items="; ".join(item(rs) for rs in up[:3])) if up
                     else self.t("md.movers_no_gain", date=when)]
        if down:
            sentences.append(self.t("md.movers_down", items="; ".join(item(rs) for rs in down[:3])))
        return [" ".join(sentences)]

    def scoreboard(self) -> list[str]:
        lines = [f"## {self.t('md.h.scoreboard')}", ""]
        lines += _scoreboard_table(self.dataset, self.sb, self.lang)
        return lines + ["", *_scoreboard_legend(self.sb, self.lang)]

    def events(self) -> list[str]:
        """The newest dated event of each listed region that has one (facts without a number), newest first."""
        newest = []
        for rs in self.sb.regions:
            region = self.dataset.regions[rs.region]
            if region.events:
                newest.append((region, events_newest_first(region)[0]))
        country = self.dataset.country
        if country is not None and country.events:
            newest.append((country, events_newest_first(country)[0]))
        if not newest:
            return []
        newest.sort(key=lambda pair: (-period_end(pair[1].date).toordinal(), pair[0].id))
        rows = [
            [self.name(region.id), md_text(event.date), md_text(event.text.vi if self.lang == "vi" else event.text.en)
             + self.notes.cite(event.source, "reported", ("", f"“{event.quote}”") if event.quote else None)]
            for region, event in newest
        ]
        header = [self.t("col.province"), self.t("md.col.date"), self.t("md.col.event")]
        return [f"## {self.t('md.h.events')}", "", self.t("md.events.intro"), "", *_table(header, rows, [False, False, False])]

    def completeness(self) -> list[str]:
        """Reporting completeness: per indicator how many provinces report it (and recently); per
        province how many indicators it has a figure for, and the period of its latest one."""
        report = completeness(self.dataset, self.sb.as_of)
        lines = [f"## {self.t('md.h.completeness')}", "",
                 self.t("md.completeness.intro", since=self.day(report.fresh_since), as_of=self.day(report.as_of)), ""]
        rows = []
        for r in report.indicators:
            national = "–" if r.national is None else md_text(r.national.period) + (DAGGER if r.national.quality != "reported" else "")
            rows.append([self.indicator(r.indicator), f"{r.with_figure}/{r.expected}", f"{r.fresh}/{r.expected}", national])
        header = [self.t("col.indicator"), self.t("col.with_figure"), self.t("col.fresh"), self.t("col.national_latest")]
        lines += _table(header, rows, [False, True, True, True])
        rows = []
        for pid, cells in report.cells.items():
            present = [c for c in cells.values() if c is not None]
            latest = max(present, key=lambda c: c.end, default=None)
            rows.append([
                self.name(pid), f"{len(present)}/{len(cells)}", str(sum(c.fresh for c in present)),
                "–" if latest is None else md_text(latest.period),
            ])
        header = [self.t("col.province"), self.t("md.col.indicators_with_figure"), self.t("col.fresh"), self.t("md.col.latest_figure")]
        return [*lines, "", *_table(header, rows, [False, True, True, True])]

    def stages(self) -> list[str]:
        """The count per maturity stage and each listed region's stage with what blocks the next one."""
        maturity = self.dataset.maturity
        if maturity is None:
            return []
        results = [r for rs in self.sb.regions if (r := maturity_stage(self.dataset, rs.region, self.sb.as_of)) is not None]
        lines = [f"## {self.t('md.h.stages')}", "", self.t("md.stages.intro", as_of=self.day(self.sb.as_of)), ""]
        counts = [f"{c.stage} {md_text(c.name[1] if self.lang == 'vi' else c.name[0])}: {c.regions}{DAGGER if c.flagged else ''}"
                  for c in stage_counts(self.dataset, results)]
        lines += [self.t("md.stages.counts", counts="; ".join(counts)), ""]
        rows = []
        for r in sorted(results, key=lambda r: (-r.stage, r.region)):
            name = r.name[1] if self.lang == "vi" else r.name[0]
            blockers = "; ".join(self.blocker(c) for c in r.blockers) if r.blockers else self.t("stage.top")
            rows.append([self.name(r.region), f"{r.stage} {md_text(name)}{DAGGER if r.flagged else ''}", blockers])
        header = [self.t("col.province"), self.t("col.stage"), self.t("md.col.blockers")]
        return lines + _table(header, rows, [False, False, False])

    def blocker(self, c: CriterionResult) -> str:
        """`Paperless hospitals ≥ 25% (now 12.0%†, 7 hospitals to go)`."""
        values = {"indicator": self.indicator(c.indicator), "op": "≤" if c.op == "<=" else "≥",
                  "value": _target_value(self.dataset, c.indicator, c.value, self.lang)}
        if c.current is None:
            return self.t("stage.blocker_none", **values)
        current = self.value(c.indicator, c.current.value) + (DAGGER if c.current.flagged else "")
        if c.to_go:
            return to_go("stage.blocker_to_go", self.lang, c.to_go, _noun(self.dataset, c.indicator, self.lang),
                         current=current, **values)
        return self.t("stage.blocker", current=current, **values)

    def domains(self) -> list[str]:
        lines = [f"## {self.t('md.h.domains')}", "", self.t("md.domains.intro", as_of=self.day(self.sb.as_of))]
        figures = {f.indicator: f for f in self.sb.national}
        for domain in self.dataset.domains.values():
            members = [ind for ind in self.indicators if ind.domain == domain.id]
            if not members:
                continue
            lines += ["", f"### {md_text(_name(domain.name, self.lang))}", ""]
            targets = []
            for ind in members:
                target = applicable_target(self.dataset, None, ind.id, self.framework, self.sb.as_of)
                if target is not None:
                    targets.append(self.t("md.target_item", indicator=self.indicator(ind.id),
                                          target=self.target(ind.id, target), due=self.day(target.by)))
            lines.append(self.t("md.domain.targets", items="; ".join(targets)) if targets
                         else self.t("md.domain.untargeted"))
            lines.append("")
            header = [self.t("col.province"), self.t("col.score"), *(self.indicator(ind.id) for ind in members)]
            rows = []
            for rs in self.sb.regions:
                score = next((d for d in rs.domains if d.id == domain.id), None)
                by_indicator = {r.indicator: r for r in rs.indicators}
                row = [self.name(rs.region), _score(score.score if score else None, bool(score and score.flagged), self.lang)]
                for ind in members:
                    result = by_indicator.get(ind.id)
                    row.append(self.point(rs.region, ind.id, result.latest if result else None))
                rows.append(row)
            national_row = [f"**{md_text(self.t('national'))}**", " "]
            for ind in members:
                figure = figures.get(ind.id)
                value = figure.value if figure else None
                national_row.append(self.value(ind.id, value) + (DAGGER if figure and figure.flagged and value is not None else ""))
            rows.append(national_row)
            lines += _table(header, rows, [False, True, *[True] * len(members)])
        return lines

    def gaps(self) -> list[str]:
        lines = [f"## {self.t('md.h.gaps')}", ""]
        ids = [rs.region for rs in self.sb.regions]
        results = largest_gaps(self.dataset, self.framework, self.sb.as_of, ids)
        if not results:
            return lines + [self.t("md.gaps.none")]
        shown = results[: self.top]
        lines += [self.t("md.gaps.intro", shown=len(shown), total=len(results)), ""]
        header = [self.t("col.rank"), self.t("col.province"), self.t("col.indicator"), self.t("md.col.latest"),
                  self.t("col.target"), self.t("md.col.due"), self.t("md.col.attainment"), self.t("col.gap"),
                  self.t("col.status"), self.t("md.col.projected")]
        rows = []
        for position, r in enumerate(shown, start=1):
            assert r.target is not None and r.gap is not None
            rows.append([
                str(position),
                self.name(r.region),
                self.indicator(r.indicator),
                self.point(r.region, r.indicator, r.latest),
                self.target(r.indicator, r.target),
                self.day(r.target.by),
                _score(r.attainment, r.flagged, self.lang),
                _gap(self.dataset, r.indicator, r.gap, r.gap_count, self.lang),
                self.t("status." + r.status),
                str(r.projected_year) if r.projected_year is not None else self.t("no_score"),
            ])
        return lines + _table(header, rows, [True, False, False, True, True, True, True, True, False, True])

    def projections(self) -> list[str]:
        lines = [f"## {self.t('md.h.projections')}", "", self.t("md.proj.intro"), ""]
        table_rows = []
        country = self.dataset.country
        for ind in self.indicators:
            target = applicable_target(self.dataset, None, ind.id, self.framework, self.sb.as_of)
            results = [r for r in self.results(ind.id) if r.target is not None]
            if target is None or not results:
                continue
            reached = [r for r in results if r.status == "achieved"]
            on_course = [r for r in results if r.status != "achieved" and r.projected_year is not None and r.target
                         and r.projected_year <= r.target.by.year and self.sb.as_of <= r.target.by]
            late = [r for r in results if r.projected_year is not None and r not in reached and r not in on_course]
            none = [r for r in results if r.projected_year is None]
            # The year by which half of the provinces reach the target: a province with no
            # projection never does, so it sorts last.
            years = sorted(r.projected_year if r.projected_year is not None else 10**6 for r in results)
            half = years[(len(years) + 1) // 2 - 1]
            flag = DAGGER if any(r.flagged for r in results) else ""
            name, goal = self.indicator(ind.id), self.target(ind.id, target)
            if len(reached) == len(results):
                sentence = self.t("md.proj.all_reached", indicator=name, target=goal)
            elif half < 10**6:
                sentence = self.t("md.proj.half", indicator=name, target=goal, year=f"{half}{flag}",
                                  timing=self.timing(half, target.by))
            else:
                sentence = self.t("md.proj.half_never", indicator=name, target=goal, due=self.day(target.by))
            if country is not None and all(rs.region != country.id for rs in self.sb.regions):
                sentence += self.country_projection(country.id, ind)
            lines.append("- " + sentence)
            table_rows.append([
                name, goal, self.day(target.by),
                f"{half}{flag}" if half < 10**6 else self.t("no_score"),
                *(f"{len(group)}{flag if group else ''}" for group in (reached, on_course, late, none)),
            ])
        if not table_rows:
            return lines[:2] + [self.t("md.gaps.none")]
        header = [self.t("col.indicator"), self.t("col.target"), self.t("md.col.due"), self.t("md.col.half"),
                  self.t("md.col.reached"), self.t("md.col.on_course"), self.t("md.col.late"), self.t("md.col.no_trend")]
        return lines + [""] + _table(header, table_rows, [False, True, True, True, True, True, True, True])

    def country_projection(self, country_id: str, ind: Indicator) -> str:
        r = evaluate(self.dataset, country_id, ind, self.framework, self.sb.as_of)
        if r.target is None or r.latest is None:
            return ""
        cite = (DAGGER if r.flagged else "") + self.notes.cite_point(self.dataset, country_id, r.latest)
        if r.status == "achieved":
            return " " + self.t("md.proj.country_met", cite=cite)
        if r.actual_rate is None:
            return ""  # a single national figure has no trend
        if r.projected_year is None:
            return " " + self.t("md.proj.country_never", cite=cite)
        timing = self.timing(r.projected_year, r.target.by)
        return " " + self.t("md.proj.country", year=r.projected_year, timing=timing, cite=cite)

    def methodology(self) -> list[str]:
        fw, lang = self.framework, self.lang
        baseline = (self.t("md.method.baseline", period=md_text(fw.baseline_period)) if fw.baseline_period
                    else self.t("md.method.baseline_first"))
        text = self.t(
            "md.method",
            baseline=baseline,
            on_track=_decimal(fw.scoring.on_track, lang),
            fair=_decimal(fw.scoring.fair, lang),
            deteriorating=_decimal(fw.scoring.deteriorating, lang),
            max_age=_decimal(fw.max_age_years, lang),
            previous=self.day(self.sb.previous_as_of) if self.sb.previous_as_of else self.t("no_score"),
        )
        return [f"## {self.t('md.h.methodology')}", "", text]

    def sources(self) -> list[str]:
        return [f"## {self.t('md.h.sources')}", "", self.t("md.sources.intro"), "", *self.notes.definitions()]


def summary_markdown(
    dataset: Dataset, sb: Scoreboard, lang: str = "vi", *, top: int = 15, stamp: str | None = None
) -> str:
    """The ministry summary of a scoreboard as one self-contained Markdown document (GFM), without picture files.

    Deterministic: the same data and scoreboard give the same bytes; `stamp` (a time of generation
    the caller chose) is the only thing not taken from the data.
    """
    return _Summary(dataset, sb, lang, top, stamp).render()


def summary_document(
    dataset: Dataset, sb: Scoreboard, lang: str = "vi", *, figures_dir: str, map_indicator: str | None = None,
    top: int = 15, stamp: str | None = None,
) -> tuple[str, dict[str, str]]:
    """The summary that links its pictures in `figures_dir` (relative to the document), and the
    pictures: SVG text by file name. `map_indicator` colours the tile map by that indicator."""
    summary = _Summary(dataset, sb, lang, top, stamp, figures_dir, map_indicator)
    return summary.render(), summary.figures


# ---------------------------------------------------------------------------------------------
# CSV: tidy tables
# ---------------------------------------------------------------------------------------------

OBSERVATION_COLUMNS = (
    "province", "indicator", "period", "period_end", "value", "numerator", "denominator",
    "unit", "quality", "source", "note",
)
SCORE_COLUMNS = (
    "province", "indicator", "latest_period", "latest_value", "target_value", "target_by",
    "attainment", "gap", "gap_count", "status", "projected_value", "projected_year",
    "quality", "framework", "as_of",
)
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_number(value: float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    rounded = round(value, digits)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def _csv(
    columns: Sequence[str], rows: Iterable[Sequence[str]], excel: bool, delimiter: str = ",",
    numbers: Sequence[str] = (), periods: Sequence[str] = (),
) -> str:
    """RFC 4180: comma-separated, CRLF line ends, fields quoted when they need it.

    `excel`: a byte-order mark first, so Excel reads UTF-8 (Vietnamese names), and text that a
    spreadsheet would run as a formula is prefixed with an apostrophe, as OWASP recommends; the
    `periods` columns are written as `="2025-09"`, text Excel shows as is instead of turning it
    into a date. `delimiter` `;` writes the `numbers` columns with a decimal comma, as Excel reads
    them in a Vietnamese (or most European) locale.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    comma = {i for i, c in enumerate(columns) if c in numbers} if delimiter == ";" else set()
    as_text = {i for i, c in enumerate(columns) if c in periods} if excel else set()
    for row in rows:
        if excel:
            row = ["'" + cell if cell.startswith(_FORMULA_START) else cell for cell in row]
        if comma or as_text:
            row = [(f'="{cell}"' if i in as_text and cell else cell.replace(".", ",") if i in comma else cell)
                   for i, cell in enumerate(row)]
        writer.writerow(row)
    return (BOM if excel else "") + buffer.getvalue()


def _with_names(
    columns: Sequence[str], rows: Iterable[Sequence[str]], dataset: Dataset, lang: str
) -> tuple[list[str], list[list[str]]]:
    """`province_name` after `province` and `indicator_name` after `indicator`, in `lang`."""
    at_province, at_indicator = columns.index("province"), columns.index("indicator")
    named = list(columns)
    named.insert(at_indicator + 1, "indicator_name")
    named.insert(at_province + 1, "province_name")
    out = []
    for row in rows:
        row = list(row)
        row.insert(at_indicator + 1, _indicator_name(dataset, row[at_indicator], lang))
        row.insert(at_province + 1, _region_name(dataset, row[at_province], lang))
        out.append(row)
    return named, out


def observation_rows(
    dataset: Dataset, region_ids: Sequence[str] | None = None, as_of: date | None = None
) -> list[list[str]]:
    """One row per observation (province, indicator, period...), regions and indicators in dataset order.

    `value` is the number the scoring uses: the recorded value, or 100 × numerator / denominator.
    """
    ids = list(dataset.regions) if region_ids is None else list(dict.fromkeys(region_ids))
    order = {iid: i for i, iid in enumerate(dataset.indicators)}
    rows: list[list[str]] = []
    for rid in ids:
        region = dataset.regions[rid]
        for iid in sorted(region.observations, key=lambda i: (order.get(i, len(order)), i)):
            for o in sorted(region.observations[iid], key=lambda o: o.end):
                if as_of is not None and o.end > as_of:
                    continue
                rows.append([
                    rid, iid, o.period, o.end.isoformat(), _csv_number(o.number), _csv_number(o.numerator),
                    _csv_number(o.denominator), _unit(dataset, iid), o.quality, o.source, o.note or "",
                ])
    return rows


def observations_csv(
    dataset: Dataset, region_ids: Sequence[str] | None = None, as_of: date | None = None, *, excel: bool = False,
    lang: str = "en", delimiter: str = ",",
) -> str:
    """`excel` adds the names in `lang` and keeps periods as text (see `_csv` for `delimiter`)."""
    columns, rows = list(OBSERVATION_COLUMNS), observation_rows(dataset, region_ids, as_of)
    if excel:
        columns, rows = _with_names(columns, rows, dataset, lang)
    return _csv(columns, rows, excel, delimiter, ("value",), ("period",))


def score_rows(sb: Scoreboard) -> list[list[str]]:
    """One row per listed region and indicator: the computed results of the scoreboard."""
    rows: list[list[str]] = []
    for rs in sb.regions:
        for r in rs.indicators:
            rows.append([
                r.region, r.indicator,
                r.latest.period if r.latest else "", _csv_number(r.latest.value if r.latest else None),
                _csv_number(r.target.value if r.target else None), r.target.by.isoformat() if r.target else "",
                _csv_number(r.attainment, 2), _csv_number(r.gap, 2), _csv_number(r.gap_count), r.status,
                _csv_number(r.projected_value, 2), _csv_number(r.projected_year), r.quality or "",
                sb.framework, sb.as_of.isoformat(),
            ])
    return rows


def scores_csv(
    sb: Scoreboard, *, excel: bool = False, dataset: Dataset | None = None, lang: str = "en", delimiter: str = ","
) -> str:
    """`excel` (with the `dataset` for the names) adds the names in `lang` and keeps periods as text."""
    columns, rows = list(SCORE_COLUMNS), score_rows(sb)
    if excel and dataset is not None:
        columns, rows = _with_names(columns, rows, dataset, lang)
    numbers = ("latest_value", "target_value", "attainment", "gap", "projected_value")
    return _csv(columns, rows, excel, delimiter, numbers, ("latest_period",))


# ---------------------------------------------------------------------------------------------
# JSON: the whole computed picture
# ---------------------------------------------------------------------------------------------


def export_json(dataset: Dataset, sb: Scoreboard, stamp: str | None = None) -> dict[str, Any]:
    """The scoreboard (as `report --format json`) and every listed province (as `show --format json`)."""
    document: dict[str, Any] = {
        "framework": sb.framework,
        "as_of": sb.as_of.isoformat(),
        "as_of_source": as_of_source_json(dataset, sb.as_of),
        "scoreboard": scoreboard_json(dataset, sb),
        "provinces": [region_json(dataset, rs, sb.framework, sb.as_of) for rs in sb.regions],
    }
    if stamp is not None:
        document["generated"] = stamp
    return document
