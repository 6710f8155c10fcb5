"""Cross-file rules on a loaded dataset: ids that must exist, values that must fit their indicator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from tracker.model import (
    MERGER,
    Dataset,
    Indicator,
    Milestone,
    Observation,
    Region,
    period_end,
    period_start,
    today,
)
from tracker.problems import Level, Loc, Problem

# A period exactly as the format writes it. The model's pattern also lets through other scripts'
# digits (`２０２５`) and a trailing line break ("2025\n"), which no other tool would read as a period.
PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _problem(path: str, loc: Loc, rule: str, message: str, level: Level = "error") -> Problem:
    return Problem(path, 0, 0, level, rule, message, loc=loc)


def _closest(word: str, choices: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


def check_dataset(ds: Dataset) -> Iterator[Problem]:
    """Yield every cross-file problem. Positions are resolved later from `loc`."""
    indicator_ids = sorted(ds.indicators)
    for key, stem in ds.stems.items():
        _kind, ident = key.split(":", 1)
        if stem != ident:
            yield _problem(ds.files[key], ("id",), "id-mismatch", f"id {ident!r} differs from the file name {stem!r}")
    for ind in ds.indicators.values():
        path = ds.files[f"indicator:{ind.id}"]
        if ds.domains and ind.domain not in ds.domains:
            yield _problem(
                path,
                ("domain",),
                "unknown-domain",
                f"unknown domain {ind.domain!r}" + _closest(ind.domain, sorted(ds.domains)),
            )
        if ind.direction == "decrease" and ind.worst is None:
            yield _problem(path, ("direction",), "worst-required", "a decrease indicator needs a `worst` value")
        if ind.unit == "percent" and ind.worst is not None and ind.worst > 100:
            yield _problem(path, ("worst",), "percent-out-of-range", f"worst {ind.worst:g} is above 100 %")
    for fw in ds.frameworks.values():
        path = ds.files[f"framework:{fw.id}"]
        for ind_id, milestones in fw.targets.items():
            yield from _check_milestones(ds, path, ("targets", ind_id), ind_id, milestones, indicator_ids)
    holders = _FormerHolders(ds)
    for region in ds.regions.values():
        yield from _check_region(ds, region, indicator_ids, holders)
    if ds.maturity is not None:
        yield from _check_maturity(ds, indicator_ids)
    if ds.tilemap is not None:
        yield from _check_tilemap(ds)


def _check_tilemap(ds: Dataset) -> Iterator[Problem]:
    """Each square names a province of the data, and no two provinces share a square."""
    path = ds.files["tilemap:tilemap"]
    assert ds.tilemap is not None
    provinces = sorted(ds.provinces)
    taken: dict[tuple[int, int], str] = {}
    for region_id, tile in ds.tilemap.tiles.items():
        if region_id not in ds.provinces:
            yield _problem(
                path,
                ("tiles", region_id, "@key"),
                "unknown-province",
                f"unknown province {region_id!r}" + _closest(region_id, provinces),
            )
        other = taken.setdefault((tile.row, tile.col), region_id)
        if other != region_id:
            yield _problem(
                path,
                ("tiles", region_id, "row"),
                "duplicate-tile",
                f"{region_id} is on the square of {other} (row {tile.row}, col {tile.col})",
            )


def check_region(ds: Dataset, region: Region) -> Iterator[Problem]:
    """The cross-file problems of one region's file: what an edit of that file alone can change."""
    yield from _check_region(ds, region, sorted(ds.indicators), _FormerHolders(ds))


class _FormerHolders:
    """The regions listing each former province, by its id and by its ISO code, in the order of the
    dataset: each region's former provinces are compared with those of the regions that share
    one, not with every region (which took time quadratic in the number of regions)."""

    def __init__(self, ds: Dataset) -> None:
        self.order = {region.id: i for i, region in enumerate(ds.regions.values())}
        self.by_id: dict[str, list[Region]] = {}
        self.by_iso: dict[str, list[Region]] = {}
        for region in ds.regions.values():
            for former_id, former in region.former.items():
                self.by_id.setdefault(former_id, []).append(region)
                self.by_iso.setdefault(former.iso, []).append(region)

    def sharing(self, former_id: str, iso: str) -> list[Region]:
        """The regions listing `former_id`, or a former province with code `iso`, in dataset order."""
        found = {r.id: r for r in (*self.by_id.get(former_id, ()), *self.by_iso.get(iso, ()))}
        return sorted(found.values(), key=lambda r: self.order.get(r.id, -1))


def _check_maturity(ds: Dataset, indicator_ids: list[str]) -> Iterator[Problem]:
    path = ds.files["maturity:maturity"]
    assert ds.maturity is not None
    for i, stage in enumerate(ds.maturity.stages):
        if stage.stage != i:
            yield _problem(
                path,
                ("stages", i, "stage"),
                "stage-order",
                f"stage {stage.stage} is listed {i}th; stages run 0, 1, 2... in order",
            )
        for j, criterion in enumerate(stage.criteria):
            indicator = ds.indicators.get(criterion.indicator)
            if indicator is None:
                yield _problem(
                    path,
                    ("stages", i, "criteria", j, "indicator"),
                    "unknown-indicator",
                    f"unknown indicator {criterion.indicator!r}" + _closest(criterion.indicator, indicator_ids),
                )
            elif indicator.unit == "percent" and criterion.value > 100:
                yield _problem(
                    path,
                    ("stages", i, "criteria", j, "value"),
                    "percent-out-of-range",
                    f"criterion {criterion.value:g} is above 100 %",
                )


def _unknown_indicator(path: str, loc: Loc, ind_id: str, indicator_ids: list[str]) -> Problem:
    """An indicator id (the key at `loc`) that no indicator file defines, with the closest ones."""
    return _problem(
        path, (*loc, "@key"), "unknown-indicator", f"unknown indicator {ind_id!r}" + _closest(ind_id, indicator_ids)
    )


def _check_milestones(
    ds: Dataset, path: str, loc: Loc, ind_id: str, milestones: list[Milestone], indicator_ids: list[str]
) -> Iterator[Problem]:
    indicator = ds.indicators.get(ind_id)
    if indicator is None:
        yield _unknown_indicator(path, loc, ind_id, indicator_ids)
        return
    for i in range(1, len(milestones)):
        if milestones[i].by <= milestones[i - 1].by:
            yield _problem(
                path,
                (*loc, i, "by"),
                "milestone-order",
                f"milestone {milestones[i].by} is not after {milestones[i - 1].by}",
            )
    if indicator.unit == "percent":
        for i, m in enumerate(milestones):
            if m.value > 100:
                yield _problem(path, (*loc, i, "value"), "percent-out-of-range", f"target {m.value:g} is above 100 %")


def _check_region(ds: Dataset, region: Region, indicator_ids: list[str], holders: _FormerHolders) -> Iterator[Problem]:
    path = ds.files[f"province:{region.id}"]
    if region.parent is not None and region.parent not in ds.regions:
        yield _problem(
            path,
            ("parent",),
            "unknown-province",
            f"unknown parent region {region.parent!r}" + _closest(region.parent, sorted(ds.regions)),
        )
    yield from _check_former(ds, region, path, indicator_ids, holders)
    yield from _check_events(region, path)
    if region.level == "province" and region.parent is None and any(r.level == "country" for r in ds.regions.values()):
        yield _problem(path, ("level",), "missing-parent", "a province needs `parent:` (the country)", "warning")
    for ind_id, milestones in region.targets.items():
        yield from _check_milestones(ds, path, ("targets", ind_id), ind_id, milestones, indicator_ids)
    yield from _check_observations(ds, path, (), region.observations, indicator_ids)


def _check_former(
    ds: Dataset, region: Region, path: str, indicator_ids: list[str], holders: _FormerHolders
) -> Iterator[Problem]:
    """The former provinces listed in a province: ids, codes, where their figures may be and up to when."""
    for former_id, former in region.former.items():
        loc: Loc = ("former", former_id)
        if not PLAIN_ID.fullmatch(former_id):
            yield _problem(
                path, (*loc, "@key"), "bad-id", f"former province {former_id!r} is not lower-case ASCII kebab-case"
            )
        for other in holders.sharing(former_id, former.iso):
            if other.id < region.id and former_id in other.former:
                yield _problem(
                    path,
                    (*loc, "@key"),
                    "duplicate-former",
                    f"former province {former_id!r} is also listed in {other.id}",
                )
            elif other.id < region.id and (
                clash := next((k for k, f in other.former.items() if f.iso == former.iso), None)
            ):
                yield _problem(
                    path, (*loc, "iso"), "duplicate-former", f"{former.iso} is also the code of {clash} in {other.id}"
                )
        if not former.observations:
            continue
        if not region.merged:
            yield _problem(
                path,
                (*loc, "observations", "@key"),
                "former-not-merged",
                f"{region.name.en} was not merged, so its figures from before 1 July 2025 cover the same territory: "
                "put them under the province's own `observations`",
            )
            continue
        yield from _check_observations(ds, path, loc, former.observations, indicator_ids)
        for ind_id, observations in former.observations.items():
            own = {period_end(o.period) for o in region.observations.get(ind_id, [])}
            for i, obs in enumerate(observations):
                here = (*loc, "observations", ind_id, i, "period")
                end = period_end(obs.period)
                if end >= MERGER:
                    yield _problem(
                        path,
                        here,
                        "former-after-merger",
                        f"{former.name.vi} became part of {region.name.vi} ({region.id}) on 1 July 2025; "
                        f"a figure for {obs.period} belongs under the observations of {region.id}",
                    )
                elif end in own:
                    yield _problem(
                        path,
                        here,
                        "former-overridden",
                        f"{region.id} has its own {ind_id} figure for {obs.period}; it is used, not the one pooled "
                        "from the former provinces",
                        "warning",
                    )


def _check_events(region: Region, path: str) -> Iterator[Problem]:
    day = today()
    for i, event in enumerate(region.events):
        if period_start(event.date) > day:
            yield _problem(
                path, ("events", i, "date"), "future-date", f"event dated {event.date}, which is after today ({day})"
            )


def _check_observations(
    ds: Dataset, path: str, prefix: Loc, series: dict[str, list[Observation]], indicator_ids: list[str]
) -> Iterator[Problem]:
    day = today()
    for ind_id, observations in series.items():
        loc: Loc = (*prefix, "observations", ind_id)
        indicator = ds.indicators.get(ind_id)
        if indicator is None:
            yield _unknown_indicator(path, loc, ind_id, indicator_ids)
            continue
        seen: dict[object, str] = {}
        previous = None
        percent, ratio = indicator.unit == "percent", indicator.aggregate == "ratio"
        # Whether every observation took the common case below, in period order, and no figure
        # fell to less than half the one before (or to below 1 % from above 10 %): then none of
        # the warnings of `_check_against_previous` can apply, and it need not sort the series.
        plain: bool = True
        before: float | None = None
        for i, obs in enumerate(observations):
            end = period_end(obs.period)
            numerator, denominator, value = obs.numerator, obs.denominator, obs.value
            if (
                end not in seen
                and end <= day
                and (previous is None or end >= previous)
                and (
                    (ratio and numerator is not None and denominator and value is None and numerator <= denominator)
                    if percent
                    else (not ratio and numerator is None and denominator is None and value is not None)
                )
            ):
                # The common case, by far: none of the rules below applies (a large data root has
                # hundreds of thousands of observations, and every run checks them all).
                seen[end] = obs.period
                previous = end
                number = obs.number
                if before and number is not None and (number < before / 2 or (number < 1 and before > 10)):
                    plain = False
                before = number
                continue
            plain = False
            here = (*loc, i)
            if end in seen:
                yield _problem(
                    path,
                    (*here, "period"),
                    "duplicate-period",
                    f"period {obs.period} ends on the same day as {seen[end]}, listed earlier",
                )
            seen[end] = obs.period
            if end > day:
                yield _problem(
                    path, (*here, "period"), "future-period", f"period {obs.period} ends on {end}, after today ({day})"
                )
            if previous is not None and end < previous:
                yield _problem(
                    path,
                    (*here, "period"),
                    "period-order",
                    f"period {obs.period} comes after a later one; keep observations in period order",
                    "warning",
                )
            previous = end
            has_pair = obs.numerator is not None or obs.denominator is not None
            if has_pair and (obs.numerator is None or obs.denominator is None):
                missing = "denominator" if obs.denominator is None else "numerator"
                yield _problem(
                    path, here, "incomplete-ratio", f"numerator and denominator go together; {missing} is missing"
                )
            elif has_pair and obs.value is not None:
                yield _problem(
                    path, (*here, "value"), "value-and-ratio", "give either value or numerator/denominator, not both"
                )
            elif not has_pair and obs.value is None:
                yield _problem(path, here, "missing-value", "an observation needs value or numerator/denominator")
            if obs.numerator is not None and obs.denominator is not None:
                if obs.denominator == 0:
                    yield _problem(path, (*here, "denominator"), "zero-denominator", "denominator is 0")
                elif obs.numerator > obs.denominator and indicator.unit == "percent":
                    yield _problem(
                        path,
                        (*here, "numerator"),
                        "numerator-exceeds-denominator",
                        f"numerator {obs.numerator} is larger than denominator {obs.denominator}",
                    )
            elif obs.value is not None and indicator.aggregate == "ratio":
                yield _problem(
                    path,
                    (*here, "value"),
                    "ratio-without-counts",
                    f"{ind_id} is pooled from counts; this bare value cannot enter national totals"
                    " (give numerator/denominator if known)",
                    "warning",
                )
            if obs.value is not None and indicator.unit == "percent" and obs.value > 100:
                yield _problem(path, (*here, "value"), "percent-out-of-range", f"value {obs.value:g} is above 100 %")
            if has_pair and indicator.aggregate != "ratio":
                yield _problem(
                    path,
                    (*here, "numerator" if obs.numerator is not None else "denominator"),
                    "ratio-not-allowed",
                    f"{ind_id} is not a ratio (its figures are {indicator.unit}, {indicator.aggregate});"
                    " give value, not numerator/denominator",
                )
        if not plain:
            yield from _check_against_previous(path, loc, indicator, observations)


def _check_against_previous(
    path: str, loc: Loc, indicator: Indicator, observations: list[Observation]
) -> Iterator[Problem]:
    """Warnings for a figure that looks like a typo beside the one of the period before: a fraction
    typed for a percent (0.76 for 76 %), or a fall of more than half (3/54 after 14/54) on an
    indicator where higher is better (where lower is better, a fall is the progress sought)."""
    dated = sorted((period_end(obs.period), i, obs) for i, obs in enumerate(observations))
    for (_, _, before), (_, i, obs) in pairwise(dated):
        old, new = before.number, obs.number
        if old is None or new is None or old <= 0:
            continue
        here = (*loc, i, "value" if obs.value is not None else "numerator")
        if indicator.unit == "percent" and new < 1 and old > 10:
            yield _problem(
                path,
                here,
                "fraction-for-percent",
                f"{new:g} % after {old:g} % in {before.period}: a fraction typed for a percent? "
                f"{new * 100:g} % is written {new * 100:g}",
                "warning",
            )
        elif new < old / 2 and indicator.direction == "increase":  # on a wait, a fall is progress
            yield _problem(
                path,
                here,
                "sharp-fall",
                f"{_shown(obs)} after {_shown(before)} in {before.period}, less than half: check for a typo",
                "warning",
            )


def _shown(obs: Observation) -> str:
    if obs.numerator is not None and obs.denominator is not None:
        return f"{obs.numerator}/{obs.denominator}"
    return f"{obs.number:g}"
