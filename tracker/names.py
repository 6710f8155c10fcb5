"""Finding a region or indicator from what a person types: id, name, alias, former province or ISO code.

One resolver for every command. A name is folded (`Thành phố Hồ Chí Minh` → `thanh-pho-ho-chi-minh`)
and looked up among the provinces' ids, English and Vietnamese names and `aliases`, then among
their former (pre-July-2025) provinces' ids, names, aliases and ISO 3166-2 codes, all kept in the
province files. A name that is both a province and one of the former provinces merged into it
(Bắc Ninh, Phú Thọ) means the province, unless a period ending before 1 July 2025 is given, when
it means the former province; a former ISO code (`VN-56`) always means the former province.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from tracker.model import MERGER, Dataset, Region
from tracker.problems import UsageError

_PREFIXES = ("tinh-", "thanh-pho-", "tp-")
_ISO = re.compile(r"VN-[0-9A-Z]{2}")


def fold(text: str) -> str:
    """Lower-case ASCII kebab form: `Thành phố Hồ Chí Minh` → `thanh-pho-ho-chi-minh`, `Đắk Lắk` → `dak-lak`."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest(word: str, choices: list[str]) -> str:
    """`; did you mean 'x'?`, or `'x', 'y' or 'z'?`, for the closest of `choices` (up to 3, closest
    first), or nothing."""
    return did_you_mean(closest_matches(word, choices, 3))


def did_you_mean(closest: list[str]) -> str:
    """`; did you mean 'x'?`, `; did you mean 'x', 'y' or 'z'?`, or nothing for no match."""
    quoted = [repr(c) for c in closest]
    if not quoted:
        return ""
    return "; did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"


def closest_matches(word: str, choices: list[str], n: int = 3) -> list[str]:
    """Up to `n` of `choices` close to `word`: those it begins or names a part of (`emr` →
    `emr-hospital-coverage`), then the closest in spelling."""
    key = fold(word)
    parts = [c for c in choices if key and (c.startswith(key) or f"-{key}" in c)] if len(key) >= 2 else []
    # The closest at the usual cutoff; more only when they are clearly close too.
    closest = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    close = difflib.get_close_matches(key, choices, n=n, cutoff=0.7)
    return list(dict.fromkeys([*closest, *parts, *close]))[:n]


@dataclass(frozen=True)
class Place:
    """What a name means: a region, and the former province it names when that is part of a merged region.

    `former` is set only for a former province of a province merged from several (its figures are
    its own); a former province that was not merged is the region itself (`former` None), and
    `renamed` then says the name was a former one (Thừa Thiên Huế for Huế)."""

    region: Region
    former: str | None = None
    renamed: str | None = None

    @property
    def former_name(self) -> str | None:
        """The Vietnamese name of the former province, when one was named."""
        return self.region.former[self.former].name.vi if self.former else None

    def note(self, lang: str = "en") -> str | None:
        """A line saying how the name was understood, or None when it named the region plainly."""
        from tracker.i18n import t

        if self.former:
            return t("former_note", lang, old=self.former_name, new=self.region.name.vi)
        if self.renamed:
            return t("renamed_note", lang, old=self.renamed, new=self.region.name.vi)
        return None

    @property
    def resolved_from(self) -> str | None:
        """For JSON: the former province id or former name the region was found through."""
        return self.former or self.renamed


def _keys(*texts: str) -> set[str]:
    return {fold(t) for t in texts}


def resolve_place(dataset: Dataset, text: str, end: date | None = None) -> Place:
    """The region (and former province) a person means. `end`, the end of the period a figure is
    for, decides a name shared by a province and one of its former provinces. UsageError, with
    the closest names, for an unknown name."""
    code = text.strip().upper()
    if _ISO.fullmatch(code):
        for region in dataset.regions.values():
            for former_id, former in region.former.items():
                if former.iso == code:
                    return _former_place(region, former_id)
        raise UsageError(f"unknown province code {code!r}: no province file lists it as a former province's `iso`")
    key = fold(text)
    if not key:
        raise UsageError(f"unknown province {text!r}")
    candidates = [key] + [key[len(p) :] for p in _PREFIXES if key.startswith(p) and len(key) > len(p)]
    for candidate in candidates:
        current = next((r for r in dataset.regions.values() if candidate in _region_keys(r)), None)
        formers = [(r, f) for r in dataset.regions.values() for f in r.former if candidate in _former_keys(r, f)]
        if formers:
            region, former_id = formers[0]
            merged_former = region.merged
            if current is None or (merged_former and current is region and end is not None and end < MERGER):
                return _former_place(region, former_id)
        if current is not None:
            return Place(current)
    raise UsageError(f"unknown province {text!r}" + _did_you_mean(dataset, text))


def resolve_region(dataset: Dataset, text: str) -> tuple[Region, Place]:
    """The region a person means for a report, and how the name was understood."""
    place = resolve_place(dataset, text)
    return place.region, place


def _former_place(region: Region, former_id: str) -> Place:
    if region.merged:
        return Place(region, former_id)
    name = region.former[former_id].name.vi
    return Place(region, renamed=name if fold(name) != fold(region.name.vi) else None)


def _region_keys(region: Region) -> set[str]:
    return {region.id} | _keys(region.name.en, region.name.vi, *region.aliases)


def _former_keys(region: Region, former_id: str) -> set[str]:
    former = region.former[former_id]
    return {former_id} | _keys(former.name.en, former.name.vi, *former.aliases)


def known_names(dataset: Dataset) -> list[str]:
    """Every folded name the resolver accepts, for suggestions."""
    names: set[str] = set()
    for region in dataset.regions.values():
        names |= _region_keys(region)
        for former_id in region.former:
            names |= _former_keys(region, former_id)
    return sorted(names)


def _did_you_mean(dataset: Dataset, text: str) -> str:
    """The closest places by id: a province's or former province's aliases all lead to its id, so
    `ha-no` suggests 'ha-noi' once, not 'ha-noi' and 'hanoi'."""
    ids: dict[str, str] = {}
    for region in dataset.regions.values():
        for key in sorted(_region_keys(region)):
            ids.setdefault(key, region.id)
        for former_id in region.former:
            for key in sorted(_former_keys(region, former_id)):
                ids.setdefault(key, former_id)
    return did_you_mean(list(dict.fromkeys(ids[k] for k in closest_matches(text, sorted(ids), 10)))[:3])


def resolve_indicator(dataset: Dataset, text: str) -> str:
    key = fold(text)
    if key in dataset.indicators:
        return key
    for ind in dataset.indicators.values():
        if key in (fold(ind.name.en), fold(ind.name.vi)):
            return ind.id
    raise UsageError(f"unknown indicator {text!r}" + suggest(text, sorted(dataset.indicators)))
