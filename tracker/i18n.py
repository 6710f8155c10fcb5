"""One message catalogue for every rendered label, in English and Vietnamese, and number formatting."""

from __future__ import annotations

from datetime import date

from tracker.messages_en import MESSAGES as _EN
from tracker.messages_vi import MESSAGES as _VI

LANGS = ("en", "vi")

# Languages whose count nouns change with the number. Indicators store the noun of what they count
# in the plural only (`counted: {en: hospitals, vi: bệnh viện}`), so in these languages a count of
# one is shown without its noun ("1 to go", never "1 hospitals to go"). Vietnamese nouns do not
# change: "còn 1 bệnh viện".
PLURAL_NOUNS = frozenset({"en"})

CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "vi": _VI}


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
