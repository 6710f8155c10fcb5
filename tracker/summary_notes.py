"""The summary's footnotes: one per source, numbered in order of first citation, with what figures say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.fmt import DAGGER, md_text, name_in, one_line, region_name
from tracker.i18n import number, period_label, t

if TYPE_CHECKING:
    from tracker.model import Dataset
    from tracker.score import Target
    from tracker.series import Point


class Footnotes:
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
            note = one_line(detail[1])
            places = self._details[source].setdefault(note, [])
            if detail[0] and detail[0] not in places:
                places.append(detail[0])
        if kind not in self._kinds[source]:
            self._kinds[source].append(kind)
        return f"[^{self._order.index(source) + 1}]"

    def cite_point(self, dataset: Dataset, region_id: str, point: Point) -> str:
        detail = None
        where = f"{region_name(dataset, region_id, self.lang)} {period_label(point.period, self.lang)}"
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
        refs = [
            self.cite(source, "common", ("", t("md.fn.common", self.lang, count=number(uses[source], self.lang, 0))))
            for source in common
        ]
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
        name = name_in(former.name, lang) if former is not None else part.former
        p = part.point
        value = (
            f"{number(p.numerator, lang, 0)}/{number(p.denominator, lang, 0)}"
            if p.numerator is not None and p.denominator
            else number(p.value, lang)
        )
        items.append(f"{name} {value}{DAGGER if p.flagged else ''} ({p.source})")
    return "; ".join(items)
