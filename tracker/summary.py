"""The ministry summary in Markdown (and `report --format markdown`): one function per section."""

from __future__ import annotations

from datetime import date

from tracker.fmt import (
    DAGGER,
    SIGMA,
    as_of_source_text,
    capital,
    decimal,
    gap_text,
    indicator_name,
    md_score,
    md_table,
    md_text,
    name_in,
    region_name,
    share_text,
    signed,
    target_value,
    value_text,
)
from tracker.i18n import day, number, period_label, t
from tracker.model import Dataset, Indicator
from tracker.national import NationalFigure, Scoreboard
from tracker.score import (
    STATUSES,
    IndicatorResult,
    RegionScore,
    Target,
    observation_counts,
)
from tracker.scoreboard_md import scoreboard_legend, scoreboard_table
from tracker.series import Point
from tracker.summary_notes import Footnotes
from tracker.summary_sections import (
    completeness_section,
    domains_section,
    events_section,
    gaps_section,
    projections_section,
    stages_section,
)

# A source cited more often than this is cited once, at the top, instead of in every cell.
CITE_LIMIT = 10


# ---------------------------------------------------------------------------------------------
# Markdown: the ministry summary
# ---------------------------------------------------------------------------------------------

# Best to worst for a reader, rather than the order the methodology tests them in.
_STATUS_ORDER = ("achieved", "on-track", "fair", "limited", "deteriorating", "missed", "insufficient-data", "no-data")
assert set(_STATUS_ORDER) == set(STATUSES) - {"no-target"}


def _ordered_indicators(dataset: Dataset) -> list[Indicator]:
    """Indicators by domain (in the order of domains.yaml), then in dataset order."""
    domain_order = {d: i for i, d in enumerate(dataset.domains)}
    indexed = list(enumerate(dataset.indicators.values()))
    indexed.sort(key=lambda pair: (domain_order.get(pair[1].domain, len(domain_order)), pair[0]))
    return [ind for _, ind in indexed]


class Summary:
    """What the sections of one summary document share: the data, the language, the footnotes (so they
    number in document order) and how a name, a value, a figure or a target reads in it."""

    def __init__(
        self,
        dataset: Dataset,
        sb: Scoreboard,
        lang: str,
        top: int,
        stamp: str | None,
        figures_dir: str | None = None,
        map_indicator: str | None = None,
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
        self.notes = Footnotes(lang)
        self.indicators = _ordered_indicators(dataset)
        self.flagged, self.total = observation_counts(dataset, sb.as_of)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def name(self, region_id: str) -> str:
        return md_text(region_name(self.dataset, region_id, self.lang))

    def indicator(self, indicator_id: str) -> str:
        return md_text(indicator_name(self.dataset, indicator_id, self.lang))

    def value(self, indicator_id: str, value: float | None) -> str:
        return value_text(self.dataset, indicator_id, value, self.lang)

    def day(self, value: date | None) -> str:
        return day(value, self.lang)

    def point(self, region_id: str, indicator_id: str, point: Point | None) -> str:
        """A figure with its dagger, period and source note: `76.2%† (2025-12)[^3]`."""
        if point is None:
            return self.t("no_score")
        text = (
            self.value(indicator_id, point.value) + (DAGGER if point.flagged else "") + (SIGMA if point.derived else "")
        )
        self.derived_shown = self.derived_shown or point.derived
        text += f" ({md_text(period_label(point.period, self.lang))})"
        return text + self.notes.cite_point(self.dataset, region_id, point)

    def target(self, indicator_id: str, target: Target) -> str:
        """A target value, citing its source the first time the document names that target."""
        text = target_value(self.dataset, indicator_id, target.value, self.lang)
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


def _render(s: Summary) -> str:
    """The document. Rendered twice: the first time only counts how often each source is cited, so
    that the second can cite the sources behind many figures once instead of in every cell."""
    first = Summary(s.dataset, s.sb, s.lang, s.top, s.stamp, s.figures_dir, s.map_indicator)
    _document(first)
    s.notes.common = {
        source: 0 for source, uses in first.notes.uses.items() if uses > CITE_LIMIT and source != Footnotes._FLAG_KEY
    }
    s.derived_shown = first.derived_shown
    s.common_uses = first.notes.uses
    return _document(s)


def _document(s: Summary) -> str:
    from tracker.summary_exec import executive
    from tracker.summary_pictures import pictures

    drawn = pictures(s, s.figures_dir, s.map_indicator)
    s.figures = drawn.files
    lines: list[str] = []
    for section in (
        _header,
        executive,
        lambda _: drawn.lines,
        _overview,
        _scoreboard,
        completeness_section,
        events_section,
        stages_section,
        domains_section,
        gaps_section,
        projections_section,
        _methodology,
        _sources,
    ):
        part = section(s)
        if part:  # a section with nothing to say (no events, no stages) leaves no blank line either
            lines += [*part, ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _header(s: Summary) -> list[str]:
    sb, fw = s.sb, s.framework
    title = s.t("md.title", framework=md_text(name_in(fw.name, s.lang)), as_of=s.day(sb.as_of))
    meta = [
        f"- **{s.t('md.meta.framework')}:** {md_text(name_in(fw.name, s.lang))}"
        f"{s.notes.cite(fw.source, 'framework')} (`{fw.id}`)",
        f"- **{s.t('md.meta.as_of')}:** {s.day(sb.as_of)}",
    ]
    if source := as_of_source_text(s.dataset, sb.as_of, s.lang):
        meta[-1] += f" ({md_text(source)})"
    if sb.previous_as_of is not None:
        meta.append(f"- **{s.t('md.meta.compared')}:** {s.day(sb.previous_as_of)}")
    shown = sum(1 for rs in sb.regions if rs.region in s.dataset.provinces)
    meta.append(
        f"- **{s.t('md.meta.provinces')}:** "
        + s.t("md.meta.provinces_value", shown=shown, total=len(s.dataset.provinces))
    )
    if s.stamp:
        meta.append(f"- **{s.t('md.meta.generated')}:** {md_text(s.stamp)}")
    lines = [f"# {title}", "", *meta]
    marks = []
    if s.flagged:
        note = s.notes.cite_flag(
            s.t(
                "md.flag_note",
                flagged=number(s.flagged, s.lang, 0),
                total=number(s.total, s.lang, 0),
                as_of=s.day(sb.as_of),
            )
        )
        marks.append(f"*{s.t('md.flag_intro')}*{note}")
    if s.derived_shown:
        marks.append(f"*{s.t('md.legend.derived')}*")
    if s.notes.common:
        marks.append(f"*{s.t('md.common_intro')}*{s.notes.cite_common(s.common_uses)}")
    if marks:
        lines += ["", *(m + "\\" for m in marks[:-1]), marks[-1]]
    return lines


def _overview(s: Summary) -> list[str]:
    sb, lang = s.sb, s.lang
    lines = [f"## {s.t('md.h.summary')}", ""]
    if sb.national_score is None:
        lines.append(s.t("md.national_score_none"))
    else:
        low = sb.national_low_coverage
        lines.append(
            s.t(
                "md.national_score",
                score=md_score(sb.national_score, sb.national_flagged, lang, low),
                coverage=share_text(sb.national_coverage, lang),
            )
        )
    lines.append("")
    figures = {f.indicator: f for f in sb.national}
    for ind in s.indicators:
        figure = figures.get(ind.id)
        if figure is not None:
            lines.append("- " + _national_sentence(s, figure))
    lines.append("")
    lines += _status_sentence(s)
    lines += ["", *_movers(s)]
    lines += ["", f"### {s.t('md.h.status')}", ""]
    lines += _status_table(s)
    return lines


def _national_sentence(s: Summary, figure: NationalFigure) -> str:
    lang, iid = s.lang, figure.indicator
    head = f"**{s.indicator(iid)}**: "
    if figure.value is None:
        text = head + s.t("md.nat.no_data")
    else:
        detail = []
        if figure.numerator is not None and figure.denominator is not None:
            detail.append(
                s.t(
                    "md.nat.counts",
                    numerator=number(figure.numerator, lang, 0),
                    denominator=number(figure.denominator, lang, 0),
                )
            )
        detail.append(s.t("md.nat.reporting", reporting=figure.reporting, expected=figure.expected))
        text = head + s.value(iid, figure.value) + (DAGGER if figure.flagged else "") + f" ({'; '.join(detail)})"
    if figure.target is None:
        text += "; " + s.t("md.nat.no_target")
    else:
        text += "; " + s.t("md.nat.target", target=s.target(iid, figure.target), due=s.day(figure.target.by))
        if figure.gap is not None:
            if figure.gap > 0:
                text += ", " + s.t("md.nat.gap", gap=gap_text(s.dataset, iid, figure.gap, figure.gap_count, lang))
            else:
                text += ", " + s.t("md.nat.met")
    text += "."
    if figure.reported is not None and s.dataset.country is not None:
        reported = s.point(s.dataset.country.id, iid, figure.reported)
        text += " " + s.t("md.nat.reported", value=reported) + "."
    return text


def _status_sentence(s: Summary) -> list[str]:
    totals: dict[str, tuple[int, bool]] = {status: (0, False) for status in _STATUS_ORDER}
    targeted = s.targeted()
    for ind in targeted:
        for status, (n, flagged) in s.status_counts(ind.id).items():
            total, any_flag = totals[status]
            totals[status] = (total + n, any_flag or flagged)
    items = [f"{s.t('status.' + status)}: {n}{DAGGER if f else ''}" for status, (n, f) in totals.items() if n]
    if not items:
        return []
    return [
        s.t(
            "md.status_sentence",
            provinces=len(s.sb.regions),
            indicators=len(targeted),
            total=sum(n for n, _ in totals.values()),
            counts="; ".join(items),
        )
    ]


def _status_table(s: Summary) -> list[str]:
    statuses = _STATUS_ORDER
    header = [s.t("col.indicator"), *(capital(s.t("status." + status)) for status in statuses)]
    rows = []
    for ind in s.targeted():
        counts = s.status_counts(ind.id)
        rows.append([s.indicator(ind.id), *(f"{n}{DAGGER if f and n else ''}" for n, f in counts.values())])
    return md_table(header, rows, [False, *[True] * len(statuses)])


def _movers(s: Summary) -> list[str]:
    sb, lang = s.sb, s.lang
    if sb.previous_as_of is None:
        return []
    when = s.day(sb.previous_as_of)
    changed = [rs for rs in sb.regions if rs.change is not None and rs.region in s.dataset.provinces]
    if not changed:
        return [s.t("md.movers_none", date=when)]

    def item(rs: RegionScore) -> str:
        assert rs.change is not None
        return s.t(
            "md.mover",
            name=s.name(rs.region),
            change=signed(rs.change, lang),
            score=md_score(rs.score, rs.flagged, lang, rs.low_coverage),
        )

    up = sorted((rs for rs in changed if round(rs.change or 0, 1) > 0), key=lambda rs: (-(rs.change or 0), rs.region))
    down = sorted((rs for rs in changed if round(rs.change or 0, 1) < 0), key=lambda rs: (rs.change or 0, rs.region))
    sentences = [
        s.t("md.movers_up", date=when, items="; ".join(item(rs) for rs in up[:3]))
        if up
        else s.t("md.movers_no_gain", date=when)
    ]
    if down:
        sentences.append(s.t("md.movers_down", items="; ".join(item(rs) for rs in down[:3])))
    return [" ".join(sentences)]


def _scoreboard(s: Summary) -> list[str]:
    lines = [f"## {s.t('md.h.scoreboard')}", ""]
    lines += scoreboard_table(s.dataset, s.sb, s.lang)
    return [*lines, "", *scoreboard_legend(s.sb, s.lang)]


def _methodology(s: Summary) -> list[str]:
    fw, lang = s.framework, s.lang
    baseline = (
        s.t("md.method.baseline", period=md_text(fw.baseline_period))
        if fw.baseline_period
        else s.t("md.method.baseline_first")
    )
    text = s.t(
        "md.method",
        baseline=baseline,
        on_track=decimal(fw.scoring.on_track, lang),
        fair=decimal(fw.scoring.fair, lang),
        deteriorating=decimal(fw.scoring.deteriorating, lang),
        max_age=decimal(fw.max_age_years, lang),
        previous=s.day(s.sb.previous_as_of) if s.sb.previous_as_of else s.t("no_score"),
    )
    return [f"## {s.t('md.h.methodology')}", "", text]


def _sources(s: Summary) -> list[str]:
    return [f"## {s.t('md.h.sources')}", "", s.t("md.sources.intro"), "", *s.notes.definitions()]


def summary_markdown(
    dataset: Dataset, sb: Scoreboard, lang: str = "vi", *, top: int = 15, stamp: str | None = None
) -> str:
    """The ministry summary of a scoreboard as one self-contained Markdown document (GFM), without picture files.

    Deterministic: the same data and scoreboard give the same bytes; `stamp` (a time of generation
    the caller chose) is the only thing not taken from the data.
    """
    return _render(Summary(dataset, sb, lang, top, stamp))


def summary_document(
    dataset: Dataset,
    sb: Scoreboard,
    lang: str = "vi",
    *,
    figures_dir: str,
    map_indicator: str | None = None,
    top: int = 15,
    stamp: str | None = None,
) -> tuple[str, dict[str, str]]:
    """The summary that links its pictures in `figures_dir` (relative to the document), and the
    pictures: SVG text by file name. `map_indicator` colours the tile map by that indicator."""
    summary = Summary(dataset, sb, lang, top, stamp, figures_dir, map_indicator)
    return _render(summary), summary.figures
