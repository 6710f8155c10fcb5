"""One message catalogue for every rendered label, in English and Vietnamese, and number formatting."""

from __future__ import annotations

from datetime import date

LANGS = ("en", "vi")

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
        "footer.illustrative": "† built on illustrative or estimated figures: {flagged} of {total} observations are not reported figures",
        "footer.illustrative_short": "† {flagged} of {total} indicators rest on illustrative or estimated figures",
        "footer.lowcov": "low coverage (< 50 % of target weight has data)",
        "footer.change": "▲▼ change against the same score one year earlier",
        "to_go": "{count} to go",
        "merged_note": "{old} merged into {new} on 1 July 2025",
        "no_score": "–",
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
        "footer.illustrative": "† dựa trên số liệu minh họa hoặc ước tính: {flagged} trên {total} quan sát không phải số liệu công bố",
        "footer.illustrative_short": "† {flagged} trên {total} chỉ số dựa trên số liệu minh họa hoặc ước tính",
        "footer.lowcov": "độ phủ thấp (< 50 % trọng số mục tiêu có dữ liệu)",
        "footer.change": "▲▼ thay đổi so với cùng điểm số một năm trước",
        "to_go": "còn {count}",
        "merged_note": "{old} đã sáp nhập vào {new} từ ngày 1/7/2025",
        "no_score": "–",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang`, with `{placeholders}` filled."""
    text = CATALOGUE[lang].get(key) or CATALOGUE["en"][key]
    return text.format(**values) if values else text


def number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A number as a reader of `lang` writes it: 1,234.5 in English, 1.234,5 in Vietnamese."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def day(value: date | None, lang: str = "en") -> str:
    if value is None:
        return "–"
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
