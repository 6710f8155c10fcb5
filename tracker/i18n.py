"""One message catalogue for every rendered label, in English and Vietnamese, and number formatting."""

from __future__ import annotations

from datetime import date

LANGS = ("en", "vi")

# Languages whose count nouns change with the number. Indicators store the noun of what they count
# in the plural only (`counted: {en: hospitals, vi: bệnh viện}`), so in these languages a count of
# one is shown without its noun ("1 to go", never "1 hospitals to go"). Vietnamese nouns do not
# change: "còn 1 bệnh viện".
PLURAL_NOUNS = frozenset({"en"})

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
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
        "footer.derived": "Σ derived from the former provinces' figures (see below)",
        "title.completeness": "Reporting completeness: provinces with a figure, by indicator",
        "title.completeness_grid": "Year of each province's latest figure (25 = 2025; columns: the indicators above)",
        "col.with_figure": "With a figure",
        "col.fresh": "Last 12 months",
        "col.national_latest": "National (latest)",
        "footer.completeness": "As of {as_of}; bold: a figure from the last 12 months (after {since}); – no figure",
        "footer.marks": "† estimated or illustrative · Σ pooled from the former provinces' figures",
        "show.former_title": "Figures pooled from the former provinces (before 1 July 2025)",
        "show.derived": "{indicator} {period}: {value} = {parts}",
        "show.partial": "{indicator} {period}: {have} of {of} former provinces ({names}; missing {missing}): not used",
        "show.events_title": "Events (newest first)",
        "show.events_more": "… and {count} earlier (tracker show --format json lists them all)",
        "quality.reported": "reported",
        "quality.estimated": "estimated",
        "quality.illustrative": "illustrative",
        "footer.lowcov": "low coverage (< 50 % of target weight has data): not ranked",
        "footer.change": "▲▼ change against the same score one year earlier",
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
        "footer.stage_partial": "* the year up to {as_of}",
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
        "footer.flag": "† illustrative or estimated figure",
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
            "Latest figure of each indicator up to {as_of}, with its period; the score is the domain's attainment "
            "(0–100)."
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
        "md.proj.intro": (
            "Each province's straight-line trend since its baseline, extended until it reaches the target."
        ),
        "md.proj.half": (
            "**{indicator}**: at the current pace, half of the provinces reach {target} by {year}, {timing}."
        ),
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
    },
    "vi": {
        "status.achieved": "đã đạt",
        "status.on-track": "đúng tiến độ",
        "status.fair": "khá",
        "status.limited": "hạn chế",
        "status.deteriorating": "đi xuống",
        "status.missed": "trễ hạn",
        "status.insufficient-data": "chưa đủ dữ liệu",
        "status.no-data": "không có dữ liệu",
        "status.no-target": "không có mục tiêu",
        "col.rank": "#",
        "col.province": "Tỉnh/thành",
        "col.score": "Điểm",
        "col.coverage": "Phủ",
        "col.indicator": "Chỉ số",
        "col.latest": "Mới nhất",
        "col.baseline": "Cơ sở",
        "col.target": "Mục tiêu",
        "col.attainment": "Đạt",
        "col.gap": "Còn thiếu",
        "col.status": "Tình trạng",
        "col.projected": "Năm đạt",
        "col.quality": "Chất lượng",
        "col.source": "Nguồn",
        "col.domain": "Lĩnh vực",
        "col.value": "Giá trị",
        "col.period": "Kỳ",
        "col.due": "Hạn",
        "col.reporting": "Báo cáo",
        "col.national_reported": "Công bố",
        "national": "Việt Nam (tổng hợp)",
        "title.report": "Bảng điểm y tế số",
        "title.show": "{name}: từng chỉ số",
        "title.domains": "Điểm theo lĩnh vực",
        "title.gaps": "Khoảng cách lớn nhất đến mục tiêu",
        "title.rank": "Xếp hạng tỉnh theo {indicator}",
        "title.national": "Số liệu toàn quốc (tổng hợp từ các tỉnh)",
        "footer.asof": "Tính đến {as_of} · khung mục tiêu {framework}",
        "footer.illustrative": (
            "† dựa trên số liệu minh họa hoặc ước tính: {flagged} trên {total} quan sát không phải số liệu công bố"
        ),
        "footer.illustrative_short": "† {flagged} trên {total} chỉ số dựa trên số liệu minh họa hoặc ước tính",
        "footer.derived": "Σ gộp từ số liệu của các tỉnh cũ (xem bên dưới)",
        "title.completeness": "Mức độ đầy đủ của báo cáo: số tỉnh có số liệu, theo chỉ số",
        "title.completeness_grid": "Năm của số liệu mới nhất mỗi tỉnh (25 = 2025; cột: các chỉ số ở trên)",
        "col.with_figure": "Có số liệu",
        "col.fresh": "12 tháng qua",
        "col.national_latest": "Toàn quốc (mới nhất)",
        "footer.completeness": (
            "Tính đến {as_of}; chữ đậm: số liệu trong 12 tháng qua (sau {since}); – không có số liệu"
        ),
        "footer.marks": "† ước tính hoặc minh họa · Σ gộp từ số liệu của các tỉnh cũ",
        "show.former_title": "Số liệu gộp từ các tỉnh cũ (trước ngày 1/7/2025)",
        "show.derived": "{indicator} {period}: {value} = {parts}",
        "show.partial": "{indicator} {period}: {have} trên {of} tỉnh cũ ({names}; thiếu {missing}): không dùng",
        "show.events_title": "Sự kiện (mới nhất trước)",
        "show.events_more": "… và {count} sự kiện trước đó (tracker show --format json liệt kê đủ)",
        "quality.reported": "công bố",
        "quality.estimated": "ước tính",
        "quality.illustrative": "minh họa",
        "footer.lowcov": "độ phủ thấp (< 50 % trọng số mục tiêu có dữ liệu): không xếp hạng",
        "footer.change": "▲▼ thay đổi so với cùng điểm số một năm trước",
        "to_go": "còn {count}",
        "to_go_noun": "còn {count} {noun}",
        "former_note": "{old} là tỉnh cũ, thuộc {new} từ ngày 1/7/2025",
        "renamed_note": "{old} là tên cũ của {new}",
        "no_score": "–",
        "title.stage": "Giai đoạn trưởng thành y tế số",
        "title.stage_one": "{name}: giai đoạn trưởng thành",
        "title.stage_years": "Số tỉnh theo giai đoạn, qua các năm",
        "title.stage_history": "Giai đoạn qua các năm",
        "col.stage": "Giai đoạn",
        "col.stage_short": "GĐ",
        "col.blockers": "Còn vướng để lên giai đoạn sau",
        "col.year": "Năm",
        "col.provinces": "Số tỉnh",
        "stage.label": "Giai đoạn {stage} — {name}",
        "stage.blocker": "{indicator} {op} {value} (hiện {current})",
        "stage.blocker_to_go": "{indicator} {op} {value} (hiện {current}, còn {count})",
        "stage.blocker_to_go_noun": "{indicator} {op} {value} (hiện {current}, còn {count} {noun})",
        "stage.blocker_none": "{indicator} {op} {value} (chưa có số liệu)",
        "stage.next": "tiếp theo, giai đoạn {stage}: {blockers}",
        "stage.top": "giai đoạn cao nhất",
        "stage.next_named": "Tiếp theo, giai đoạn {stage} — {name}, còn vướng:",
        "stage.show": "Mức trưởng thành: {stage} · {next}",
        "stage.counts": "Số tỉnh theo giai đoạn (xem tracker stage): {counts}",
        "footer.stage": (
            "Tính đến {as_of} · các giai đoạn nối tiếp nhau: mỗi giai đoạn cần đạt tiêu chí của chính nó và của mọi "
            "giai đoạn thấp hơn"
        ),
        "footer.stage_flag": "† giai đoạn dựa trên số liệu minh họa hoặc ước tính",
        "footer.stage_partial": "* năm tính đến {as_of}",
        "title.compare": "{name} so với {benchmark}",
        "col.benchmark": "Tham chiếu",
        "col.distance": "Khoảng cách",
        "compare.reached": "đã đạt",
        "compare.reporting": "{reporting}/{expected} tỉnh có số liệu",
        "compare.reported": "công bố {value}",
        "compare.without": "Không có giá trị tham chiếu: {items}",
        "compare.sources": "Nguồn tham chiếu:",
        "footer.compare": (
            "Tính đến {as_of} · mức tham chiếu {benchmark} · Năm đạt: năm xu hướng tuyến tính kể từ số liệu đầu tiên "
            "chạm mức tham chiếu (– không đạt với tốc độ này)"
        ),
        "footer.compare_national": (
            "Khoảng cách tính từ số liệu tổng hợp của các tỉnh (và từ số liệu công bố); năm đạt theo chuỗi số liệu "
            "công bố toàn quốc"
        ),
        "footer.flag": "† số liệu minh họa hoặc ước tính",
        # Markdown export (the ministry summary); "md." keys are used only there.
        "md.title": "Tiến độ chuyển đổi số y tế so với {framework}, tính đến ngày {as_of}",
        "md.meta.framework": "Khung mục tiêu",
        "md.meta.as_of": "Tính đến ngày",
        "md.meta.compared": "So sánh với ngày",
        "md.meta.provinces": "Số tỉnh, thành phố",
        "md.meta.provinces_value": "{shown}/{total} (thứ hạng tính trên toàn quốc)",
        "md.meta.generated": "Thời điểm tạo",
        "md.flag_intro": "Số liệu có dấu † dựa trên số liệu minh họa hoặc ước tính, không phải số liệu đã công bố.",
        "md.flag_note": (
            "† Số liệu minh họa hoặc ước tính. {flagged} trên {total} quan sát tính đến ngày {as_of} là số liệu giả "
            "định hoặc ước tính, được ghi khi chưa tìm thấy số liệu công bố; chúng chỉ minh họa cách tính và không "
            "được trích dẫn như số liệu chính thức."
        ),
        "md.h.summary": "Tóm tắt toàn quốc",
        "md.h.status": "Tình trạng theo chỉ số",
        "md.h.scoreboard": "Bảng điểm",
        "md.h.completeness": "Mức độ đầy đủ của báo cáo",
        "md.h.events": "Sự kiện mới nhất",
        "md.events.intro": (
            "Sự kiện có ngày tháng (không kèm số liệu) mới nhất của mỗi tỉnh có sự kiện (một hệ thống đi vào hoạt "
            "động, bệnh viện không giấy đầu tiên, một thí điểm); `tracker show` liệt kê đầy đủ."
        ),
        "md.col.date": "Ngày",
        "md.col.event": "Sự kiện",
        "md.completeness.intro": (
            "Số liệu nào đã có: theo chỉ số, số tỉnh có số liệu tính đến {as_of} và số tỉnh có số liệu trong 12 tháng "
            "qua (sau {since}); theo tỉnh, số chỉ số đã có số liệu. Ô trống là thiếu dữ liệu, không phải bằng 0."
        ),
        "md.col.indicators_with_figure": "Chỉ số có số liệu",
        "md.col.latest_figure": "Số liệu mới nhất",
        "md.h.domains": "Điểm theo lĩnh vực",
        "md.h.gaps": "Khoảng cách lớn nhất",
        "md.h.projections": "Dự báo",
        "md.h.chart": "Biểu đồ tiến độ",
        "md.h.methodology": "Phương pháp",
        "md.h.sources": "Nguồn",
        "md.national_score": (
            "Điểm toàn quốc đạt **{score}**/100 (độ phủ {coverage}), tính từ số liệu tổng hợp của các tỉnh, thành phố."
        ),
        "md.national_score_none": (
            "Chưa tính được điểm toàn quốc: chưa có chỉ số nào vừa có mục tiêu vừa có số liệu tổng hợp."
        ),
        "md.nat.counts": "{numerator}/{denominator}",
        "md.nat.reporting": "{reporting}/{expected} tỉnh, thành phố có số liệu",
        "md.nat.target": "mục tiêu {target}, chậm nhất ngày {due}",
        "md.nat.met": "đã đạt mục tiêu",
        "md.nat.gap": "còn cách {gap}",
        "md.nat.no_target": "khung này không đặt mục tiêu",
        "md.nat.no_data": "chưa có số liệu tổng hợp: không tỉnh nào có số liệu gần đây",
        "md.nat.reported": "Số liệu công bố toàn quốc: {value}",
        "md.status_sentence": (
            "Trên {provinces} tỉnh, thành phố và {indicators} chỉ số có mục tiêu ({total} kết quả): {counts}."
        ),
        "md.movers_up": "Tăng điểm nhiều nhất so với ngày {date}: {items}.",
        "md.movers_down": "Giảm điểm nhiều nhất: {items}.",
        "md.movers_no_gain": "Không tỉnh, thành phố nào tăng điểm so với ngày {date}.",
        "md.movers_none": "Chưa tỉnh, thành phố nào so sánh được với ngày {date}.",
        "md.mover": "{name} ({change}, hiện đạt {score})",
        "md.legend.flag": "† dựa trên số liệu minh họa hoặc ước tính",
        "md.legend.change": "± thay đổi so với ngày {date} (cùng điểm số một năm trước)",
        "md.legend.none": "– không tính điểm: không có mục tiêu hoặc chưa có số liệu",
        "md.col.coverage": "Độ phủ",
        "md.col.year_ago": "Một năm trước",
        "md.col.attainment": "Mức đạt",
        "md.col.latest": "Số liệu mới nhất",
        "md.col.due": "Thời hạn",
        "md.count_to_go": "thiếu {count}",
        "md.count_to_go_noun": "thiếu {count} {noun}",
        "md.target_item": "{indicator}: {target}, chậm nhất ngày {due}",
        "md.col.projected": "Năm dự kiến đạt",
        "md.col.half": "Một nửa số tỉnh đạt vào năm",
        "md.col.reached": "Đã đạt",
        "md.col.on_course": "Dự kiến kịp hạn",
        "md.col.late": "Dự kiến chậm",
        "md.col.no_trend": "Chưa có xu hướng đạt",
        "md.domains.intro": (
            "Số liệu mới nhất của từng chỉ số tính đến ngày {as_of}, kèm kỳ báo cáo; điểm là mức đạt của lĩnh vực "
            "(0–100)."
        ),
        "md.domain.targets": "Mục tiêu: {items}.",
        "md.domain.untargeted": (
            "Khung mục tiêu này không đặt mục tiêu cho chỉ số nào trong lĩnh vực: số liệu chỉ để theo dõi, không tính "
            "điểm."
        ),
        "md.gaps.intro": (
            "{shown} kết quả còn cách xa mục tiêu nhất, xếp theo mức đạt từ thấp đến cao; tổng cộng có {total} kết quả "
            "chưa đạt mục tiêu."
        ),
        "md.gaps.none": "Không có kết quả nào chưa đạt mục tiêu.",
        "md.proj.intro": "Xu hướng tuyến tính của từng tỉnh kể từ kỳ cơ sở, kéo dài cho đến khi chạm mục tiêu.",
        "md.proj.half": "**{indicator}**: với tốc độ hiện nay, một nửa số tỉnh đạt {target} vào năm {year}, {timing}.",
        "md.proj.half_never": (
            "**{indicator}**: với tốc độ hiện nay, chưa đến một nửa số tỉnh đạt {target} (thời hạn {due})."
        ),
        "md.proj.all_reached": "**{indicator}**: tất cả các tỉnh đã đạt {target}.",
        "md.proj.country": "Theo chuỗi số liệu công bố toàn quốc, mục tiêu sẽ đạt vào năm {year}, {timing}{cite}.",
        "md.proj.country_met": "Số liệu công bố toàn quốc đã đạt mục tiêu{cite}.",
        "md.proj.country_never": "Chuỗi số liệu công bố toàn quốc chưa có xu hướng tiến tới mục tiêu{cite}.",
        "md.timing.late.one": "muộn {years} năm so với thời hạn năm {due}",
        "md.timing.late.other": "muộn {years} năm so với thời hạn năm {due}",
        "md.timing.same": "đúng năm hết hạn {due}",
        "md.timing.early": "sớm hơn thời hạn năm {due}",
        "md.chart.intro": (
            "Điểm tổng hợp theo tỉnh, từ cao xuống thấp: cột là điểm tính đến ngày {as_of}, đường là điểm tính đến "
            "ngày {previous}. Bảng bên dưới có cùng số liệu cho trình xem không hiển thị được biểu đồ."
        ),
        "md.chart.intro_bars": (
            "Điểm tổng hợp theo tỉnh, từ cao xuống thấp, tính đến ngày {as_of}. Bảng bên dưới có cùng số liệu cho "
            "trình xem không hiển thị được biểu đồ."
        ),
        "md.chart.title": "Điểm tổng hợp, {as_of}",
        "md.chart.unscored": "Không có trong biểu đồ (chưa có điểm): {items}.",
        "md.method": (
            "Mức đạt cho biết số liệu mới nhất đã đi được bao xa từ giá trị kém nhất (bằng 0 nếu chỉ số không quy định "
            "khác) tới mục tiêu, trên thang điểm 0–100; đã đạt mục tiêu thì được 100. Mục tiêu áp dụng là mốc đầu tiên "
            "của khung mục tiêu có thời hạn không sớm hơn ngày tính, trừ khi tỉnh có mục tiêu riêng. Tình trạng được "
            "đánh giá theo phương pháp xu hướng hiện tại của Cơ quan Thống kê Liên Hợp Quốc: tốc độ thay đổi hằng năm "
            "kể từ kỳ cơ sở ({baseline}) chia cho tốc độ hằng năm cần có để đạt mục tiêu đúng hạn; tỷ số từ {on_track} "
            "trở lên là đúng tiến độ, từ {fair} là khá, từ {deteriorating} là hạn chế, thấp hơn nữa là đi xuống. Dự "
            "báo kéo dài chính xu hướng tuyến tính đó. Điểm lĩnh vực là trung bình có trọng số của mức đạt các chỉ số, "
            "điểm tổng hợp là trung bình có trọng số của điểm các lĩnh vực; số liệu còn thiếu không bao giờ được tính "
            "bằng 0 mà làm giảm độ phủ, và điểm có độ phủ dưới 50 % được đánh dấu \\*. Số liệu toàn quốc tổng hợp số "
            "liệu mới nhất của từng tỉnh, không cũ quá {max_age} năm: với các tỷ lệ, lấy tổng tử số chia cho tổng mẫu "
            "số, không lấy trung bình các tỷ lệ phần trăm. Mức thay đổi (±) so sánh với cùng điểm số tính đến ngày "
            "{previous}."
        ),
        "md.method.baseline": "số liệu cuối cùng đến hết kỳ {period}, nếu không có thì số liệu đầu tiên",
        "md.method.baseline_first": "số liệu đầu tiên của từng địa phương",
        "md.sources.intro": (
            "Mỗi chú thích đánh số ghi nguồn của các số liệu dẫn chiếu đến nó, kèm ghi chú đi cùng số liệu."
        ),
        "md.fn.reported": "số liệu công bố",
        "md.fn.flagged": "† số liệu minh họa hoặc ước tính",
        "md.fn.target": "mục tiêu",
        "md.fn.framework": "khung mục tiêu",
        "md.h.stages": "Giai đoạn trưởng thành",
        "md.stages.intro": (
            "Các giai đoạn nối tiếp nhau như mô hình HIMSS EMRAM: một tỉnh ở giai đoạn cao nhất mà tiêu chí của giai "
            "đoạn đó và của mọi giai đoạn thấp hơn đều đạt theo số liệu mới nhất tính đến ngày {as_of}."
        ),
        "md.stages.counts": "Số tỉnh, thành phố theo giai đoạn: {counts}.",
        "md.col.blockers": "Còn vướng để lên giai đoạn sau",
        "unit.minutes": "phút",
        "unit.days": "ngày",
        "unit.per-1000": "‰",
        "unit.per-10000": "‱",
        "unit.score": "điểm",
        "unit.pp": "điểm %",
        # Ministry summary as a document (issue 18): executive summary, pictures, notes cited once,
        # spreadsheet-ready CSV.
        "md.h.executive": "Tóm tắt dành cho lãnh đạo",
        "md.exec.score": (
            "Tính đến ngày {as_of}, điểm toàn quốc đạt **{score}**/100 (độ phủ {coverage}), tổng hợp từ số liệu của "
            "các tỉnh, thành phố."
        ),
        "md.exec.no_score": (
            "Tính đến ngày {as_of}, chưa tính được điểm toàn quốc: chưa có chỉ số nào vừa có mục tiêu vừa có số liệu "
            "tổng hợp."
        ),
        "md.exec.low_coverage": (
            "Điểm này dựa trên chưa đến một nửa trọng số mục tiêu (\\*), nên chỉ phản ánh vài chỉ số có số liệu, không "
            "phải toàn bộ y tế số."
        ),
        "md.exec.counts": (
            "Trong {total} chỉ số có mục tiêu quốc gia: đã đạt {met}, đúng tiến độ {on_track}, chậm tiến độ {behind}, "
            "chưa có số liệu nào {unmeasured}."
        ),
        "md.exec.few": "(chỉ {measured} trên {expected} tỉnh, thành phố có số liệu)",
        "md.exec.target": "{target}, hạn {due}",
        "md.exec.good": "{good}/{measured}",
        "md.exec.col.pooled": "Tổng hợp từ các tỉnh (số tỉnh có số liệu)",
        "md.exec.col.reported": "Số liệu công bố toàn quốc",
        "md.exec.col.good": "Số tỉnh đã đạt hoặc đúng tiến độ",
        "md.exec.verdict.met": "Đã đạt trên toàn quốc",
        "md.exec.verdict.on_track": "Đúng tiến độ (ít nhất một nửa số tỉnh có số liệu đã đạt hoặc đúng tiến độ)",
        "md.exec.verdict.behind": "Chậm tiến độ",
        "md.exec.verdict.unmeasured": "Chưa đo được (chưa tỉnh nào có số liệu)",
        "md.exec.deadline": "**Hạn gần nhất:** {indicator}, {target}, hạn {due}.",
        "md.exec.deadline_none": "Mọi tỉnh, thành phố có số liệu đều đã đạt.",
        "md.exec.furthest": "Xa mục tiêu nhất ({shown} trong {short} tỉnh, thành phố chưa đạt): {items}",
        "md.exec.box.title": "Về số liệu.",
        "md.exec.box.sourced": "{reported} trên {total} số liệu tính đến ngày {as_of} là số liệu đã công bố, có nguồn.",
        "md.exec.box.flagged": (
            "{flagged} số liệu còn lại, có dấu †, là số liệu minh họa hoặc ước tính, không được trích dẫn như số liệu "
            "thống kê."
        ),
        "md.exec.box.many": (
            "{count} trên {total} chỉ số có số liệu của ít nhất {half} trên {expected} tỉnh, thành phố."
        ),
        "md.exec.box.few": "Chưa đến một nửa số tỉnh có số liệu về: {items}.",
        "md.exec.box.none": "Chưa tỉnh nào có số liệu về: {items}.",
        "md.exec.box.empty": "{count} tỉnh, thành phố chưa có số liệu nào: {items}.",
        "md.exec.box.pooled": (
            "Số liệu toàn quốc được tổng hợp từ các tỉnh có số liệu nên chỉ phản ánh các tỉnh đó; số liệu còn thiếu "
            "không bao giờ được tính là 0."
        ),
        "md.h.pictures": "Hình minh họa",
        "md.pic.how": (
            "Các hình dưới đây được ghi thành tệp SVG bên cạnh tài liệu khi lưu ra tệp: `tracker export markdown -o "
            "summary.md` ghi `summary.md` và thư mục `summary-figures/`. Phần mô tả và bảng số liệu của từng hình có "
            "ngay dưới đây."
        ),
        "md.pic.no_data": "không có dữ liệu",
        "md.pic.map.score": "điểm tổng",
        "md.pic.map.attainment": "{indicator} (mức đạt)",
        "md.pic.map.title": "{what} theo tỉnh, thành phố, ngày {as_of}",
        "md.pic.map.marks": "† minh họa hoặc ước tính · * độ phủ thấp",
        "md.pic.map.layout": "Mỗi ô là một tỉnh, đặt gần đúng vị trí địa lý",
        "md.pic.map.alt": (
            "Bản đồ ô của {shown} tỉnh, thành phố, tô màu theo {what}: {counts}; không có dữ liệu: {no_data}."
        ),
        "md.pic.map.table_score": "Điểm của từng tỉnh, thành phố có trong Bảng điểm bên dưới.",
        "md.pic.map.table_indicator": "Số liệu của từng tỉnh, thành phố có trong phần Điểm theo lĩnh vực bên dưới.",
        "md.pic.map.off": "Không có trên bản đồ (chưa có ô): {items}.",
        "md.pic.map.source": "Vị trí các ô dựa theo: {source}.",
        "md.pic.progress.title": "Tiến độ toàn quốc so với từng mục tiêu, ngày {as_of}",
        "md.pic.progress.pooled": "tổng hợp {value} ({reporting}/{expected} tỉnh)",
        "md.pic.progress.reported": "công bố {value}",
        "md.pic.progress.target": "mục tiêu {target}, hạn {due}",
        "md.pic.progress.legend_pooled": "tổng hợp từ các tỉnh",
        "md.pic.progress.legend_reported": "số liệu công bố toàn quốc",
        "md.pic.progress.legend_target": "mục tiêu",
        "md.pic.progress.alt": "Thanh tiến độ toàn quốc của {count} chỉ số so với mục tiêu (0–100 %).",
        "md.pic.progress.table": "Các số liệu này có trong bảng số liệu chính của phần tóm tắt.",
        "md.pic.series.title": "Số liệu toàn quốc theo thời gian, đến ngày {as_of}",
        "md.pic.series.pooled": "Tổng hợp từ các tỉnh",
        "md.pic.series.reported": "Số liệu công bố toàn quốc",
        "md.pic.series.target": "mục tiêu (có đánh dấu hạn)",
        "md.pic.series.panel_target": "mục tiêu {target}, hạn {due}",
        "md.pic.series.alt": "Biểu đồ đường theo thời gian của: {items}; bảng dưới đây ghi mọi điểm số liệu.",
        "md.pic.series.col.when": "Ngày",
        "md.pic.series.col.reporting": "Số tỉnh có số liệu",
        "md.legend.derived": "Σ tổng hợp từ số liệu của các tỉnh cũ (chú thích ghi rõ từng phần)",
        "md.fn.secondary": "nguồn thứ cấp (đăng lại hoặc tổng hợp, không phải bản công bố gốc)",
        "md.fn.common": "dùng cho {count} số liệu, không dẫn chiếu từng ô",
        "md.fn.derived": "Σ {parts}",
        "md.common_intro": "Các nguồn dùng cho nhiều số liệu được dẫn một lần tại đây thay vì ở từng ô:",
        # issue 17, output a user can trust: where the default as-of date comes from
        "footer.asof_source": "ngày tính theo số liệu mới nhất: {indicator}, {region}, {period}",
        "col.name": "Tên",
        "col.list_unit": "Đơn vị",
        "col.list_former": "Hợp nhất từ",
        "col.list_kind": "Loại",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang`, with `{placeholders}` filled."""
    text = CATALOGUE[lang].get(key) or CATALOGUE["en"][key]
    return text.format(**values) if values else text


def to_go(key: str, lang: str, count: int, noun: str | None = None, **values: object) -> str:
    """The message `key` with the units still to go: with the indicator's noun, the message `key_noun`
    ("11 hospitals to go", "còn 11 bệnh viện"); without one, or for one unit in a language of
    PLURAL_NOUNS, `key` itself ("11 to go", "1 to go"). The count is written as `number` writes it."""
    shown = number(count, lang, 0)
    if noun and not (count == 1 and lang in PLURAL_NOUNS):
        return t(f"{key}_noun", lang, count=shown, noun=noun, **values)
    return t(key, lang, count=shown, **values)


def number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A number as a reader of `lang` writes it: 1,234.5 in English, 1.234,5 in Vietnamese."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def period_label(period: str, lang: str = "en") -> str:
    """A period as a reader of `lang` writes it: `2025-09` stays in English, is `09/2025` in Vietnamese.

    Vietnamese: `2025` → `2025`, `2025-Q3` → `quý III/2025`, `2025-09` → `09/2025`,
    `2025-09-22` → `22/09/2025` (as `day` writes dates). Anything else is returned unchanged.
    """
    if lang != "vi":
        return period
    parts = period.split("-")
    if len(parts) == 2 and parts[1] in ("Q1", "Q2", "Q3", "Q4"):
        return f"quý {('I', 'II', 'III', 'IV')[int(parts[1][1]) - 1]}/{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return period


def day(value: date | None, lang: str = "en") -> str:
    if value is None:
        return "–"
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
