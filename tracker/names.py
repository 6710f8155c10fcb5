"""Finding a region or indicator from what a person types: id, English or Vietnamese name, or a pre-2025 province."""

from __future__ import annotations

import difflib
import re
import unicodedata

from tracker.model import Dataset, Region
from tracker.problems import TrackerError


def fold(text: str) -> str:
    """Lower-case ASCII kebab form: `Thành phố Hồ Chí Minh` → `thanh-pho-ho-chi-minh`, `Đắk Lắk` → `dak-lak`."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(fold(word), choices, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def resolve_region(dataset: Dataset, text: str) -> tuple[Region, str | None]:
    """The region a person means, and a note when it was found through a former (pre-July-2025) province."""
    key = fold(text)
    for prefix in ("tinh-", "thanh-pho-", "tp-"):
        if key.startswith(prefix) and key[len(prefix):] in dataset.regions:
            key = key[len(prefix):]
    if key in dataset.regions:
        return dataset.regions[key], None
    for region in dataset.regions.values():
        if key in (fold(region.name.en), fold(region.name.vi)):
            return region, None
    for region in dataset.regions.values():
        if key in region.merged_from or text.upper() in region.former_iso_codes:
            return region, key
    raise TrackerError(f"unknown province {text!r}" + suggest(text, sorted(dataset.regions)))


def resolve_indicator(dataset: Dataset, text: str) -> str:
    key = fold(text)
    if key in dataset.indicators:
        return key
    for ind in dataset.indicators.values():
        if key in (fold(ind.name.en), fold(ind.name.vi)):
            return ind.id
    raise TrackerError(f"unknown indicator {text!r}" + suggest(text, sorted(dataset.indicators)))
