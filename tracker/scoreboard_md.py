"""The scoreboard as Markdown: `report --format markdown`, and the scoreboard section of the summary."""

from __future__ import annotations

from tracker.fmt import LOW_MARK, BoardCells, board_rows, change_text, md_score, md_table, md_text, name_in, share_text
from tracker.i18n import day, t
from tracker.model import Dataset
from tracker.national import Scoreboard


def scoreboard_table(dataset: Dataset, sb: Scoreboard, lang: str) -> list[str]:
    domains = list(dataset.domains.values())
    header = [t("col.rank", lang), t("col.province", lang), t("col.score", lang), "±"]
    header += [md_text(name_in(d.name, lang)) for d in domains]
    header.append(t("md.col.coverage", lang))
    right = [True, False, True, True, *[True] * len(domains), True]
    cells = BoardCells(
        text=md_text,
        label=lambda text: f"**{md_text(text)}**",
        score=lambda score, flagged, low: md_score(score, flagged, lang, low),
        change=lambda change: change_text(change, lang),
        share=lambda share: share_text(share, lang),
        blank=" ",
    )
    rows, national = board_rows(dataset, sb, [d.id for d in domains], lang, cells)
    return md_table(header, [*rows, national], right)


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
