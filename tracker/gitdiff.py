"""How a change to the data moves the scores: the dataset at a git revision against the working tree."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker.asof import LatestFigure, default_as_of, latest_figure
from tracker.fmt import DAGGER, as_of_source_text, indicator_name, md_text, name_in, observation_text, unit_of
from tracker.gitio import checkout_at
from tracker.i18n import day, number, t
from tracker.load import load_dataset
from tracker.model import Dataset, Observation, Region
from tracker.national import Scoreboard, scoreboard
from tracker.problems import Problem, UsageError, introduced


@dataclass
class ObservationChange:
    province: str
    indicator: str
    period: str
    kind: str  # added | changed | removed
    old: Observation | None
    new: Observation | None
    previous: Observation | None = None  # for an added figure: the one of the period before, if any
    former: str | None = None  # the figure is this former province's own (before 1 July 2025)


@dataclass
class ScoreChange:
    province: str
    old_score: float | None
    new_score: float | None
    old_rank: int | None
    new_rank: int | None
    domains: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    statuses: list[tuple[str, str, str]] = field(default_factory=list)
    flagged: bool = False  # the new score rests on illustrative or estimated figures


@dataclass
class DataDiff:
    rev: str
    framework: str
    as_of: date
    observations: list[ObservationChange]
    scores: list[ScoreChange]
    national: list[tuple[str, float | None, float | None]]
    national_score: tuple[float | None, float | None]
    national_flagged: bool
    old_problems: list[Problem]
    new_problems: list[Problem]
    # Province files of the working tree that could not be read or validated: (path, first problem).
    # Their regions are compared as they were at `rev`, so a broken file never reads as removals.
    unreadable: list[Problem] = field(default_factory=list)
    # Warnings the change brings in (a fraction typed for a percent, a sharp fall...).
    new_warnings: list[Problem] = field(default_factory=list)
    # Each region's name (vi) in either dataset: a file that cannot be read still has its name.
    names: dict[str, str] = field(default_factory=dict)
    # The figure whose date is the as-of date (the latest of either side), when it is the default.
    as_of_figure: LatestFigure | None = None


def _observation_changes(old: Dataset, new: Dataset) -> list[ObservationChange]:
    changes = []
    for rid in sorted(set(old.regions) | set(new.regions)):
        was, now = old.regions.get(rid), new.regions.get(rid)
        formers = list(dict.fromkeys([*(was.former if was else {}), *(now.former if now else {})]))
        for former in [None, *formers]:
            before = _series(was, former)
            after = _series(now, former)
            for ind in sorted(set(before) | set(after)):
                a = {o.end: o for o in before.get(ind, [])}
                b = {o.end: o for o in after.get(ind, [])}
                for end in sorted(set(a) | set(b)):
                    o, n = a.get(end), b.get(end)
                    if o == n:
                        continue
                    kind = "added" if o is None else "removed" if n is None else "changed"
                    earlier = [b[e] for e in sorted(b) if e < end] if kind == "added" else []
                    period = n.period if n is not None else o.period if o is not None else ""
                    previous = earlier[-1] if earlier else None
                    changes.append(ObservationChange(rid, ind, period, kind, o, n, previous, former))
    return changes


def _series(region: Region | None, former: str | None) -> dict[str, list[Observation]]:
    """A region's own observations, or those of one of its former provinces."""
    return dict(region.all_series()).get(former, {}) if region is not None else {}


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return round(a, 1) == round(b, 1)


def _score_changes(old: Scoreboard, new: Scoreboard) -> list[ScoreChange]:
    before = {rs.region: rs for rs in old.regions}
    changes = []
    for rs in new.regions:
        prev = before.get(rs.region)
        old_domains = {d.id: d.score for d in prev.domains} if prev else {}
        change = ScoreChange(
            rs.region, prev.score if prev else None, rs.score, prev.rank if prev else None, rs.rank, flagged=rs.flagged
        )
        for d in rs.domains:
            if not _same(old_domains.get(d.id), d.score):
                change.domains.append((d.id, old_domains.get(d.id), d.score))
        old_status = {r.indicator: r.status for r in prev.indicators} if prev else {}
        for r in rs.indicators:
            if old_status.get(r.indicator, "no-data") != r.status:
                change.statuses.append((r.indicator, old_status.get(r.indicator, "no-data"), r.status))
        if (
            not _same(change.old_score, change.new_score)
            or change.old_rank != change.new_rank
            or change.domains
            or change.statuses
        ):
            changes.append(change)
    return changes


def compare(
    root: Path, rev: str = "HEAD", framework: str = "smart-healthcare-2030", as_of: date | None = None
) -> DataDiff:
    """The data at `rev` against the working tree, scored at one as-of date (given, else the later of
    the two datasets' defaults) so that only the data, not the passing of time, moves the scores."""
    new, new_problems = load_dataset(root)
    with tempfile.TemporaryDirectory(prefix="tracker-diff-") as tmp:
        old_root = checkout_at(root, rev, Path(tmp))
        old, old_problems = load_dataset(old_root)
    for ds in (old, new):
        if framework not in ds.frameworks:
            raise UsageError(f"framework {framework!r} is missing at one of the two revisions")
    unreadable = _unreadable_files(old, new, new_problems)
    for problem in unreadable:
        rid = next(
            (k.split(":", 1)[1] for k, v in old.files.items() if v == problem.path and k.startswith("province:")), None
        )
        if rid is not None and rid in old.regions:
            new.regions[rid] = old.regions[rid]  # not compared: the file as it was at `rev`
    day = as_of or max(default_as_of(old), default_as_of(new))
    old_sb = scoreboard(old, framework, day)
    new_sb = scoreboard(new, framework, day)
    before = {f.indicator: f.value for f in old_sb.national}
    national = [
        (f.indicator, before.get(f.indicator), f.value)
        for f in new_sb.national
        if not _same(before.get(f.indicator), f.value)
    ]
    return DataDiff(
        rev,
        framework,
        day,
        _observation_changes(old, new),
        _score_changes(old_sb, new_sb),
        national,
        (old_sb.national_score, new_sb.national_score),
        new_sb.national_flagged,
        [p for p in old_problems if p.level == "error"],
        [p for p in new_problems if p.level == "error"],
        unreadable,
        _introduced_warnings(old_problems, new_problems),
        {r.id: r.name.vi for ds in (old, new) for r in ds.regions.values()},
        next((f for f in (latest_figure(new), latest_figure(old)) if f is not None and f.end == day), None),
    )


def _unreadable_files(old: Dataset, new: Dataset, new_problems: list[Problem]) -> list[Problem]:
    """The first problem of each province file that is in the working tree but did not load (a YAML
    syntax error, a wrong type...) or loaded only in part (a duplicate key, whose later value was
    read), in path order."""
    loaded = set(new.files.values())
    first: dict[str, Problem] = {}
    for p in new_problems:
        broken = p.path not in loaded or p.rule == "duplicate-key"
        if p.level == "error" and p.path.startswith("provinces/") and broken and p.path not in first:
            first[p.path] = p
    return [first[path] for path in sorted(first)]


def _introduced_warnings(old_problems: list[Problem], new_problems: list[Problem]) -> list[Problem]:
    """Warnings of the working tree that `rev` did not have (matched by file, rule and message)."""
    warnings = [p for p in new_problems if p.level == "warning"]
    return introduced([p for p in old_problems if p.level == "warning"], warnings, by_path=True)


def _fmt(value: float | None, lang: str = "en") -> str:
    return "–" if value is None else number(value, lang)


def _arrow(old: float | None, new: float | None) -> str:
    if old is None or new is None or _same(old, new):
        return ""
    return " ▲" if new > old else " ▼"


def diff_markdown(d: DataDiff, dataset: Dataset, lang: str = "en") -> str:
    """The pull-request comment, in `lang`. Indicators are named in Vietnamese; the English comment
    keeps their ids, as the YAML files the reviewer reads spell them."""

    def tr(key: str, **values: object) -> str:
        return t(f"diff.{key}", lang, **values)

    def name(rid: str) -> str:
        region = dataset.regions.get(rid)
        return name_in(region.name, lang) if region else d.names.get(rid, rid)

    def indicator(iid: str) -> str:
        return f"`{iid}`" if lang == "en" else md_text(indicator_name(dataset, iid, lang))

    def domain(did: str) -> str:
        found = dataset.domains.get(did)
        return did if found is None or lang == "en" else md_text(name_in(found.name, lang))

    def status(key: str) -> str:
        return t(f"status.{key}", lang)

    lines = [tr("title", rev=d.rev), ""]
    for p in d.unreadable:
        where = tr("line", line=p.line) if p.line else ""
        lines += [f"> **{tr('unreadable', path=md_text(p.path), where=where)}** {md_text(p.message)} [`{p.rule}`]", ""]
    if d.new_problems:
        lines += [tr("errors", count=len(d.new_problems)), ""]
    if d.new_warnings:
        lines += [tr("warnings", count=len(d.new_warnings)), ""]
        lines += [f"- {md_text(p.path)}:{p.line}: {md_text(p.message)} [`{p.rule}`]" for p in d.new_warnings]
        lines.append("")
    if not d.observations:
        lines += [tr("no_observations"), ""]
    else:
        header = [tr(f"col.{c}") for c in ("province", "indicator", "period", "change", "old", "new")]
        lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|---|"]
        for c in d.observations:
            unit = unit_of(dataset, c.indicator)
            old = observation_text(c.old, unit, lang)
            if c.kind == "added" and c.previous is not None:
                old = f"{c.previous.period}: {observation_text(c.previous, unit, lang)}"
            region = dataset.regions.get(c.province)
            former = region.former.get(c.former) if region is not None and c.former else None
            who = name(c.province)
            if c.former:
                who += " " + tr("former", name=name_in(former.name, lang) if former else c.former)
            lines.append(
                f"| {md_text(who)} | {indicator(c.indicator)} | {c.period} | {tr(c.kind)} | {md_text(old)} | "
                f"{md_text(observation_text(c.new, unit, lang))} |"
            )
        lines.append("")
    lines += [tr("scores_title", framework=d.framework, as_of=day(d.as_of, lang)), ""]
    if source := as_of_source_text(dataset, d.as_of, lang):
        lines += [f"({md_text(source)})", ""]
    if not d.scores and not d.national:
        lines += [tr("no_scores"), ""]
        return "\n".join(lines)
    if d.scores:
        # The provinces whose figures changed first; then those moved only by them (ranks, pooling).
        touched = {c.province for c in d.observations}
        header = [tr(f"col.{c}") for c in ("province", "score", "rank", "domains", "statuses")]
        lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|"]
        for s in sorted(d.scores, key=lambda s: s.province not in touched):
            dagger = DAGGER if s.flagged else ""
            score = f"{_fmt(s.old_score, lang)} → {_fmt(s.new_score, lang)}{dagger}{_arrow(s.old_score, s.new_score)}"
            rank = f"{s.old_rank or '–'} → {s.new_rank or '–'}" if s.old_rank != s.new_rank else str(s.new_rank or "–")
            domains = (
                "; ".join(f"{domain(i)} {_fmt(a, lang)} → {_fmt(b, lang)}{_arrow(a, b)}" for i, a, b in s.domains)
                or "–"
            )
            statuses = "; ".join(f"{indicator(i)}: {status(a)} → {status(b)}" for i, a, b in s.statuses) or "–"
            lines.append(f"| {md_text(name(s.province))} | {score} | {rank} | {domains} | {statuses} |")
        lines.append("")
    if d.national:
        old_n, new_n = d.national_score
        dagger = DAGGER if d.national_flagged else ""
        score = f"{_fmt(old_n, lang)} → {_fmt(new_n, lang)}{dagger}{_arrow(old_n, new_n)}"
        lines += [tr("national", score=score), ""]
        header = [tr(f"col.{c}") for c in ("indicator", "old", "new")]
        lines += ["| " + " | ".join(header) + " |", "|---|---|---|"]
        lines += [f"| {indicator(i)} | {_fmt(a, lang)} | {_fmt(b, lang)}{_arrow(a, b)} |" for i, a, b in d.national]
        lines.append("")
    if any(s.flagged for s in d.scores) or (d.national and d.national_flagged):
        lines += [f"{DAGGER} {tr('flagged')}", ""]
    return "\n".join(lines)


def diff_json(d: DataDiff) -> dict[str, Any]:
    def obs(o: Observation | None) -> dict[str, Any] | None:
        return None if o is None else o.model_dump(mode="json", exclude_none=True)

    return {
        "rev": d.rev,
        "framework": d.framework,
        "as_of": d.as_of.isoformat(),
        "as_of_source": None
        if d.as_of_figure is None
        else {
            "region": d.as_of_figure.region,
            "indicator": d.as_of_figure.indicator,
            "period": d.as_of_figure.period,
            "former": d.as_of_figure.former,
        },
        "observations": [
            {
                "province": c.province,
                "former": c.former,
                "indicator": c.indicator,
                "period": c.period,
                "change": c.kind,
                "old": obs(c.old),
                "new": obs(c.new),
            }
            for c in d.observations
        ],
        "scores": [
            {
                "province": s.province,
                "old_score": s.old_score,
                "new_score": s.new_score,
                "old_rank": s.old_rank,
                "new_rank": s.new_rank,
                "domains": [{"id": i, "old": a, "new": b} for i, a, b in s.domains],
                "statuses": [{"indicator": i, "old": a, "new": b} for i, a, b in s.statuses],
                "flagged": s.flagged,
            }
            for s in d.scores
        ],
        "national": {
            "old_score": d.national_score[0],
            "new_score": d.national_score[1],
            "flagged": d.national_flagged,
            "indicators": [{"id": i, "old": a, "new": b} for i, a, b in d.national],
        },
        "errors": [p.as_dict() for p in d.new_problems],
        "warnings": [p.as_dict() for p in d.new_warnings],
        "not_compared": [p.as_dict() for p in d.unreadable],
    }
