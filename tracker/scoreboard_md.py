"""The scoreboard as Markdown: `report --format markdown`, and the scoreboard section of the summary."""

from __future__ import annotations

from tracker.fmt import LOW_MARK, change_text, md_score, md_table, md_text, name_in, region_name, share_text
from tracker.i18n import day, t
from tracker.model import Dataset
from tracker.national import Scoreboard
from tracker.score import LOW_COVERAGE


def scoreboard_table(dataset: Dataset, sb: Scoreboard, lang: str) -> list[str]:
    domains = list(dataset.domains.values())
    header = [t("col.rank", lang), t("col.province", lang), t("col.score", lang), "±"]
    header += [md_text(name_in(d.name, lang)) for d in domains]
    header.append(t("md.col.coverage", lang))
    right = [True, False, True, True, *[True] * len(domains), True]
    rows: list[list[str]] = []
    for rs in sb.regions:
        by_domain = {d.id: d for d in rs.domains}
        row = [
            str(rs.rank) if rs.rank is not None else " ",
            md_text(region_name(dataset, rs.region, lang)),
            md_score(rs.score, rs.flagged, lang, rs.low_coverage),
            change_text(rs.change, lang),
        ]
        for domain in domains:
            d = by_domain.get(domain.id)
            row.append(md_score(d.score if d else None, bool(d and d.flagged), lang))
        row.append(share_text(rs.coverage, lang))
        rows.append(row)
    national_low = sb.national_coverage is not None and sb.national_coverage < LOW_COVERAGE
    rows.append(
        [
            " ",
            f"**{md_text(t('national', lang))}**",
            md_score(sb.national_score, sb.national_flagged, lang, national_low),
            " ",
        ]
        + [" "] * len(domains)
        + [share_text(sb.national_coverage, lang)]
    )
    return md_table(header, rows, right)


def scoreboard_legend(sb: Scoreboard, lang: str) -> list[str]:
    lines = [t("md.legend.flag", lang)]
    if sb.previous_as_of is not None:
        lines.append(t("md.legend.change", lang, date=day(sb.previous_as_of, lang)))
    lines += ["\\" + LOW_MARK + " " + t("footer.lowcov", lang), t("md.legend.none", lang)]
    # A hard line break (two trailing spaces would be invisible; a backslash is explicit).
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def scoreboard_markdown(dataset: Dataset, sb: Scoreboard, lang: str = "vi") -> str:
    """The scoreboard alone as a Markdown document: heading, as-of line, table and legend."""
    lines = [f"# {t('title.report', lang)}", ""]
    lines += [md_text(t("footer.asof", lang, as_of=day(sb.as_of, lang), framework=sb.framework)), ""]
    lines += scoreboard_table(dataset, sb, lang)
    lines += ["", *scoreboard_legend(sb, lang)]
    return "\n".join(lines) + "\n"
