"""The message catalogue in English: every rendered label, keyed as `tracker.i18n.t` looks it up."""

MESSAGES: dict[str, str] = {
    "status.achieved": "achieved",
    "status.on-track": "on track",
    "status.fair": "fair",
    "status.limited": "limited",
    "status.deteriorating": "deteriorating",
    "status.missed": "missed",
    "status.insufficient-data": "insufficient data",
    "status.no-data": "no data",
    "status.no-target": "no target",
    "col.rank": "#",
    "col.province": "Province",
    "col.score": "Score",
    "col.coverage": "Cover",
    "col.indicator": "Indicator",
    "col.latest": "Latest",
    "col.baseline": "Baseline",
    "col.target": "Target",
    "col.attainment": "Attain",
    "col.gap": "Gap",
    "col.status": "Status",
    "col.projected": "Reach",
    "col.quality": "Quality",
    "col.source": "Source",
    "col.domain": "Domain",
    "col.value": "Value",
    "col.period": "Period",
    "col.due": "Due",
    "col.reporting": "Reporting",
    "col.national_reported": "Reported",
    "national": "Viet Nam (pooled)",
    "title.report": "Digital health scoreboard",
    "title.show": "{name}: indicator by indicator",
    "title.domains": "Domain scores",
    "title.gaps": "Largest gaps to target",
    "title.rank": "Provinces ranked on {indicator}",
    "title.national": "National figures (pooled from provinces)",
    "footer.asof": "As of {as_of} · framework {framework}",
    "footer.illustrative": (
        "† built on illustrative or estimated figures: {flagged} of {total} observations are not reported figures"
    ),
    "footer.illustrative_short": "† {flagged} of {total} indicators rest on illustrative or estimated figures",
    "title.completeness": "Reporting completeness: provinces with a figure, by indicator",
    "title.completeness_grid": "Year of each province's latest figure (25 = 2025; columns: the indicators above)",
    "col.with_figure": "With a figure",
    "col.fresh": "Last 12 months",
    "col.national_latest": "National (latest)",
    "show.former_title": "Figures pooled from the former provinces (before 1 July 2025)",
    "show.derived": "{indicator} {period}: {value} = {parts}",
    "show.partial": "{indicator} {period}: {have} of {of} former provinces ({names}; missing {missing}): not used",
    "show.events_title": "Events (newest first)",
    "show.events_more": "… and {count} earlier (tracker show --format json lists them all)",
    "quality.reported": "reported",
    "quality.estimated": "estimated",
    "quality.illustrative": "illustrative",
    "footer.lowcov": "low coverage (< 50 % of target weight has data): not ranked",
    "to_go": "{count} to go",
    "to_go_noun": "{count} {noun} to go",
    "former_note": "{old} is a former province, part of {new} since 1 July 2025",
    "renamed_note": "{old} is a former name of {new}",
    "no_score": "–",
    "title.stage": "Maturity stages",
    "title.stage_one": "{name}: maturity stage",
    "title.stage_years": "Provinces per stage, by year",
    "title.stage_history": "Stage by year",
    "col.stage": "Stage",
    "col.stage_short": "Stg",
    "col.blockers": "What blocks the next stage",
    "col.year": "Year",
    "col.provinces": "Provinces",
    "stage.label": "Stage {stage} — {name}",
    "stage.blocker": "{indicator} {op} {value} (now {current})",
    "stage.blocker_to_go": "{indicator} {op} {value} (now {current}, {count} to go)",
    "stage.blocker_to_go_noun": "{indicator} {op} {value} (now {current}, {count} {noun} to go)",
    "stage.blocker_none": "{indicator} {op} {value} (no figure)",
    "stage.next": "next, stage {stage}: {blockers}",
    "stage.top": "the highest stage",
    "stage.next_named": "Next, stage {stage} — {name}, blocked by:",
    "stage.show": "Maturity: {stage} · {next}",
    "stage.counts": "Provinces per stage (see tracker stage): {counts}",
    "footer.stage": "As of {as_of} · stages are cumulative: each needs its own criteria and every lower stage's",
    "footer.stage_flag": "† the stage rests on illustrative or estimated figures",
    "title.compare": "{name} beside {benchmark}",
    "col.benchmark": "Benchmark",
    "col.distance": "Distance",
    "compare.reached": "reached",
    "compare.reporting": "{reporting}/{expected} reporting",
    "compare.reported": "reported {value}",
    "compare.without": "No benchmark value: {items}",
    "compare.sources": "Benchmark sources:",
    "footer.compare": (
        "As of {as_of} · benchmark {benchmark} · Reach: the year the straight-line trend since the first figure "
        "reaches the benchmark (– not at this pace)"
    ),
    "footer.compare_national": (
        "Distance from the figure pooled over the provinces (and from the reported one); Reach from the nationally "
        "reported series"
    ),
    # Markdown export (the ministry summary); "md." keys are used only there.
    "md.title": "Digital health progress against {framework}, as of {as_of}",
    "md.meta.framework": "Framework",
    "md.meta.as_of": "As of",
    "md.meta.compared": "Compared with",
    "md.meta.provinces": "Provinces shown",
    "md.meta.provinces_value": "{shown} of {total} (ranks are national)",
    "md.meta.generated": "Generated",
    "md.flag_intro": "Figures marked † rest on illustrative or estimated data, not on published statistics.",
    "md.flag_note": (
        "† Illustrative or estimated figure. {flagged} of the {total} observations up to {as_of} are placeholders "
        "or estimates recorded where no published figure was found; they show how the method works and must not be "
        "cited as official statistics."
    ),
    "md.h.summary": "National summary",
    "md.h.status": "Status by indicator",
    "md.h.scoreboard": "Scoreboard",
    "md.h.completeness": "Reporting completeness",
    "md.h.events": "Latest events",
    "md.events.intro": (
        "The newest dated fact without a number for each province that has one (a system going live, a first "
        "paperless hospital, a pilot); `tracker show` lists them all."
    ),
    "md.col.date": "Date",
    "md.col.event": "Event",
    "md.completeness.intro": (
        "Which figures exist: per indicator, the provinces with a figure up to {as_of}, and those with one from "
        "the last 12 months (after {since}); per province, the indicators it has a figure for. A gap is missing "
        "data, not a zero."
    ),
    "md.col.indicators_with_figure": "Indicators with a figure",
    "md.col.latest_figure": "Latest figure",
    "md.h.domains": "Scores by domain",
    "md.h.gaps": "Largest gaps",
    "md.h.projections": "Projections",
    "md.h.chart": "Progress chart",
    "md.h.methodology": "Methodology",
    "md.h.sources": "Sources",
    "md.national_score": (
        "The national score is **{score}** out of 100 (coverage {coverage}), computed from figures pooled over the "
        "provinces."
    ),
    "md.national_score_none": "No national score can be computed: no indicator with a target has a pooled figure.",
    "md.nat.counts": "{numerator} of {denominator}",
    "md.nat.reporting": "{reporting} of {expected} provinces reporting",
    "md.nat.target": "target {target} by {due}",
    "md.nat.met": "target met",
    "md.nat.gap": "{gap} short",
    "md.nat.no_target": "no target in this framework",
    "md.nat.no_data": "no pooled figure: no province has a recent one",
    "md.nat.reported": "Nationally reported: {value}",
    "md.status_sentence": (
        "Across {provinces} provinces and {indicators} indicators with a target ({total} results): {counts}."
    ),
    "md.movers_up": "Biggest gains since {date}: {items}.",
    "md.movers_down": "Largest falls: {items}.",
    "md.movers_no_gain": "No province gained since {date}.",
    "md.movers_none": "No province can be compared with {date}.",
    "md.mover": "{name} ({change}, now {score})",
    "md.legend.flag": "† built on illustrative or estimated figures",
    "md.legend.change": "± change since {date} (the same score one year earlier)",
    "md.legend.none": "– not scored: no target or no data",
    "md.col.coverage": "Coverage",
    "md.col.year_ago": "A year earlier",
    "md.col.attainment": "Attainment",
    "md.col.latest": "Latest figure",
    "md.col.due": "Deadline",
    "md.count_to_go": "{count} to go",
    "md.count_to_go_noun": "{count} {noun} to go",
    "md.target_item": "{indicator}: {target} by {due}",
    "md.col.projected": "Projected year",
    "md.col.half": "Half of provinces by",
    "md.col.reached": "Reached",
    "md.col.on_course": "On course",
    "md.col.late": "Projected late",
    "md.col.no_trend": "No trend to target",
    "md.domains.intro": (
        "Latest figure of each indicator up to {as_of}, with its period; the score is the domain's attainment (0–100)."
    ),
    "md.domain.targets": "Targets: {items}.",
    "md.domain.untargeted": (
        "No indicator of this domain has a target in this framework: the figures are shown but not scored."
    ),
    "md.gaps.intro": (
        "The {shown} results furthest from their target, lowest attainment first; {total} results in all are short "
        "of their target."
    ),
    "md.gaps.none": "No result is short of its target.",
    "md.proj.intro": ("Each province's straight-line trend since its baseline, extended until it reaches the target."),
    "md.proj.half": ("**{indicator}**: at the current pace, half of the provinces reach {target} by {year}, {timing}."),
    "md.proj.half_never": (
        "**{indicator}**: at the current pace, fewer than half of the provinces reach {target} (deadline {due})."
    ),
    "md.proj.all_reached": "**{indicator}**: every province has reached {target}.",
    "md.proj.country": "The nationally reported series reaches it in {year}, {timing}{cite}.",
    "md.proj.country_met": "The nationally reported figure already meets it{cite}.",
    "md.proj.country_never": "The nationally reported series is not moving towards it{cite}.",
    "md.timing.late.one": "{years} year after the {due} deadline",
    "md.timing.late.other": "{years} years after the {due} deadline",
    "md.timing.same": "in the deadline year, {due}",
    "md.timing.early": "ahead of the {due} deadline",
    "md.chart.intro": (
        "Overall score by province, highest first: bars as of {as_of}, line as of {previous}. The table gives the "
        "same figures for viewers that do not draw the chart."
    ),
    "md.chart.intro_bars": (
        "Overall score by province, highest first, as of {as_of}. The table gives the same figures for viewers "
        "that do not draw the chart."
    ),
    "md.chart.title": "Overall score, {as_of}",
    "md.chart.unscored": "Not in the chart (no score): {items}.",
    "md.method": (
        "Attainment measures how far the latest figure has come from the worst value (0 unless the indicator sets "
        "one) towards the target, on a scale of 0 to 100; a target that is met scores 100. The target is the "
        "framework's first milestone due on or after the as-of date, unless a province has its own. Status follows "
        "the current-trend method of the UN Statistics Division: the yearly change since the baseline ({baseline}) "
        "divided by the yearly change needed to reach the target by its deadline; a ratio of at least {on_track} "
        "is on track, at least {fair} fair, at least {deteriorating} limited, and below that deteriorating. "
        "Projections extend the same straight-line trend. Domain scores are weighted means of attainment and the "
        "overall score is a weighted mean of domain scores; a missing figure is never counted as zero but lowers "
        "coverage, and a score with coverage below 50 % is marked \\*. National figures pool each province's "
        "latest figure not older than {max_age} years: total numerator over total denominator for shares, never a "
        "mean of percentages. The change (±) compares with the same scores computed as of {previous}."
    ),
    "md.method.baseline": "the last figure up to the end of {period}, else the first figure",
    "md.method.baseline_first": "each region's first figure",
    "md.sources.intro": (
        "Each numbered note gives the source of the figures that cite it, with the notes recorded beside them."
    ),
    "md.fn.reported": "reported figure",
    "md.fn.flagged": "† illustrative or estimated figure",
    "md.fn.target": "target",
    "md.fn.framework": "framework",
    "md.h.stages": "Maturity stages",
    "md.stages.intro": (
        "Stages are cumulative, as in HIMSS EMRAM: a province is at the highest stage whose criteria, and those of "
        "every lower stage, hold on its latest figures up to {as_of}."
    ),
    "md.stages.counts": "Provinces per stage: {counts}.",
    "md.col.blockers": "What blocks the next stage",
    "unit.minutes": "min",
    "unit.days": "days",
    "unit.per-1000": "‰",
    "unit.per-10000": "‱",
    "unit.score": "pts",
    "unit.pp": "pp",
    # Ministry summary as a document (issue 18): executive summary, pictures, notes cited once,
    # spreadsheet-ready CSV.
    "md.h.executive": "Executive summary",
    "md.exec.score": (
        "As of {as_of}, the national score is **{score}** out of 100 (coverage {coverage}), pooled from the "
        "provinces' figures."
    ),
    "md.exec.no_score": (
        "As of {as_of}, no national score can be computed: no indicator with a target has a pooled figure."
    ),
    "md.exec.low_coverage": (
        "It rests on less than half of the target weight (\\*), so it describes the few indicators with figures, "
        "not the whole of digital health."
    ),
    "md.exec.counts": (
        "Of the {total} indicators with a national target: met {met}, on track {on_track}, behind {behind}, "
        "without any figure {unmeasured}."
    ),
    "md.exec.few": "(only {measured} of {expected} provinces have a figure)",
    "md.exec.target": "{target} by {due}",
    "md.exec.good": "{good} of {measured}",
    "md.exec.col.pooled": "Pooled from provinces (reporting)",
    "md.exec.col.reported": "Nationally reported",
    "md.exec.col.good": "Provinces achieved or on track",
    "md.exec.verdict.met": "Met nationally",
    "md.exec.verdict.on_track": "On track (at least half of the provinces with a figure achieved or on track)",
    "md.exec.verdict.behind": "Behind",
    "md.exec.verdict.unmeasured": "Not measured (no province has a figure)",
    "md.exec.deadline": "**Nearest deadline:** {indicator}, {target} by {due}.",
    "md.exec.deadline_none": "Every province with a figure has reached it.",
    "md.exec.furthest": "Furthest behind ({shown} of {short} provinces short of it): {items}",
    "md.exec.box.title": "About the data.",
    "md.exec.box.sourced": "{reported} of the {total} figures up to {as_of} are published figures with a source.",
    "md.exec.box.flagged": (
        "The other {flagged}, marked †, are illustrative or estimated and must not be cited as statistics."
    ),
    "md.exec.box.many": (
        "{count} of the {total} indicators have a figure from at least {half} of the {expected} provinces."
    ),
    "md.exec.box.few": "Fewer than half of the provinces have a figure for: {items}.",
    "md.exec.box.none": "No province has a figure for: {items}.",
    "md.exec.box.empty": "{count} provinces have no figure at all: {items}.",
    "md.exec.box.pooled": (
        "National figures are pooled from the provinces that have one, so they describe those provinces only; "
        "missing data is never counted as zero."
    ),
    "md.h.pictures": "Pictures",
    "md.pic.how": (
        "The pictures below are written as SVG files beside the document when it is saved to a file: `tracker "
        "export markdown -o summary.md` writes `summary.md` and the folder `summary-figures/`. Their descriptions "
        "and tables follow here."
    ),
    "md.pic.no_data": "no data",
    "md.pic.map.score": "overall score",
    "md.pic.map.attainment": "{indicator} (attainment)",
    "md.pic.map.title": "{what} by province, as of {as_of}",
    "md.pic.map.marks": "† illustrative or estimated · * low coverage",
    "md.pic.map.layout": "One square per province, placed roughly where it lies",
    "md.pic.map.alt": "Tile map of {shown} provinces, coloured by {what}: {counts}; no data: {no_data}.",
    "md.pic.map.table_score": "Each province's score is in the Scoreboard below.",
    "md.pic.map.table_indicator": "Each province's figure is in the Scores by domain section below.",
    "md.pic.map.off": "Not on the map (no square in the tile map): {items}.",
    "md.pic.map.source": "Squares laid out from: {source}.",
    "md.pic.progress.title": "National progress towards each target, as of {as_of}",
    "md.pic.progress.pooled": "pooled {value} ({reporting}/{expected} provinces)",
    "md.pic.progress.reported": "reported {value}",
    "md.pic.progress.target": "target {target} by {due}",
    "md.pic.progress.legend_pooled": "pooled from provinces",
    "md.pic.progress.legend_reported": "nationally reported",
    "md.pic.progress.legend_target": "target",
    "md.pic.progress.alt": "Bars of the national figure of {count} indicators against their targets (0–100 %).",
    "md.pic.progress.table": "The same figures are in the key-figures table of the executive summary.",
    "md.pic.series.title": "National figures over time, up to {as_of}",
    "md.pic.series.pooled": "Pooled from provinces",
    "md.pic.series.reported": "Nationally reported",
    "md.pic.series.target": "target (deadline marked)",
    "md.pic.series.panel_target": "target {target} by {due}",
    "md.pic.series.alt": "Line charts over time of: {items}; the table gives every point.",
    "md.pic.series.col.when": "Date",
    "md.pic.series.col.reporting": "Provinces reporting",
    "md.legend.derived": "Σ derived from the former provinces' figures (the note names the parts)",
    "md.fn.secondary": "secondary source (a repost or aggregator, not the original publication)",
    "md.fn.common": "used for {count} figures, not cited one by one",
    "md.fn.derived": "Σ {parts}",
    "md.common_intro": "Sources used for many figures are cited once here rather than in every cell:",
    # issue 17, output a user can trust: where the default as-of date comes from
    "footer.asof_source": "the date is set by the latest figure: {indicator}, {region}, {period}",
    "col.name": "Name",
    "col.list_unit": "Unit",
    "col.list_former": "Formed from",
    "col.list_kind": "Kind",
    # issue 17 (trust2), legends: one line per mark or abbreviation a table shows (fmt.LEGEND)
    "legend.dagger": "† an illustrative or estimated figure, or a result resting on one",
    "legend.sigma": "Σ pooled from the former provinces' figures",
    "legend.low": "* low coverage: less than half of the target weight has a figure",
    "legend.change": "± ▲▼ change against the same score one year earlier (= unchanged)",
    "legend.baseline": "← the baseline figure, where the trend is measured from",
    "legend.projected": "Reach → the year the straight-line trend reaches the target at this pace",
    "legend.none": "– none: no figure, target or score",
    "legend.attainment": "Attain: attainment, how close the latest figure is to the target (0–100)",
    "legend.coverage": "Cover: coverage, the share of the target weight that has a figure",
    "legend.stage": "Stg: maturity stage",
    "legend.pp": "pp: percentage points",
    "legend.status": "Status — {items}",
    "legend.status.achieved": "achieved: the latest figure meets the target",
    "legend.status.on-track": "on track: moving at {on_track} or more of the pace the target needs",
    "legend.status.fair": "fair: at {fair} to {on_track} of the pace needed",
    "legend.status.limited": "limited: at {deteriorating} to {fair} of the pace needed",
    "legend.status.deteriorating": "deteriorating: below {deteriorating} of the pace needed, moving away",
    "legend.status.missed": "missed: the deadline has passed",
    "legend.status.insufficient-data": "insufficient data: one figure, no trend yet",
    "legend.status.no-data": "no data: no figure by the as-of date",
    "legend.status.no-target": "no target: the framework sets none",
    "legend.colours": "Score colours:",
    "legend.below": "below {value}",
    "legend.fresh": "bold: a figure from the last 12 months",
    "legend.low_board": "* low coverage: less than half of the target weight has a figure; not ranked",
    "legend.derived_below": "Σ pooled from the former provinces' figures (see below)",
    "legend.sources": "Sources of the latest figures",
    "footer.completeness_asof": "As of {as_of}; the last 12 months: after {since}",
    # issue 17 (trust2), the PR comment in either language (tracker diff --lang)
    "diff.title": "### Data changes against `{rev}`",
    "diff.line": " (line {line})",
    "diff.unreadable": "{path} could not be read{where}: not compared.",
    "diff.errors": "**{count} validation error(s)** in the working tree; run `tracker validate`.",
    "diff.warnings": "**{count} warning(s)** the change brings in:",
    "diff.no_observations": "No observations added, changed or removed.",
    "diff.col.province": "province",
    "diff.col.indicator": "indicator",
    "diff.col.period": "period",
    "diff.col.change": "change",
    "diff.col.old": "old",
    "diff.col.new": "new",
    "diff.col.score": "score",
    "diff.col.rank": "rank",
    "diff.col.domains": "domains",
    "diff.col.statuses": "statuses",
    "diff.added": "added",
    "diff.changed": "changed",
    "diff.removed": "removed",
    "diff.former": "(former {name})",
    "diff.scores_title": "### Score changes ({framework}, as of {as_of})",
    "diff.no_scores": "No score changes.",
    "diff.national": "National (pooled): score {score}",
    "diff.flagged": "rests on illustrative or estimated figures, not on published statistics.",
    # issue 17 (trust2), validation errors in plain words (load._PLAIN: pydantic's error types)
    "plain.number": "expected a number, got {got}",
    "plain.whole": "expected a whole number, got {got}",
    "plain.text": "expected text, got {got}",
    "plain.bool": "expected true or false, got {got}",
    "plain.mapping": "expected a mapping of keys, got {got}",
    "plain.list": "expected a list, got {got}",
    "plain.date": "expected a date (YYYY-MM-DD), got {got}",
    "plain.finite": "expected a finite number, got {got}",
    "plain.not_negative": "must not be negative, got {got}",
    "plain.at_least": "must be {bound} or more, got {got}",
    "plain.more_than": "must be more than {bound}, got {got}",
    "plain.at_most": "must be {bound} or less, got {got}",
    "plain.less_than": "must be less than {bound}, got {got}",
    "plain.not_empty": "must not be empty",
    "plain.not_empty_list": "must list at least {bound} item(s)",
    "plain.one_of": "must be one of {expected}, got {got}",
    "plain.missing": "missing required key '{name}'{where}",
    "plain.in": " in {parent}",
    "plain.unknown_key": "unknown key '{name}'",
    "plain.unknown_key_space": "unknown key '{name}': if the key is '{first}', add ':' after it",
}
