"""What `record` did, in one line a provincial officer can check: the figure, and the one it replaced."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.edit import Replaced


def figure_text(numerator: int | None, denominator: int | None, value: float | None) -> str:
    """`3/54` for a count out of a total, else the value as written without a needless `.0`."""
    if numerator is not None and denominator is not None:
        return f"{numerator}/{denominator}"
    return "?" if value is None else f"{value:g}"


def record_message(
    action: str,
    indicator: str,
    period: str,
    figure: str,
    quality: str,
    shown: str,
    previous: Replaced | None,
    *,
    note_given: bool = False,
    quote_given: bool = False,
    former: str | None = None,
    dry_run: bool = False,
) -> str:
    """`added emr-hospital-coverage 2026-Q1 3/54 (reported) to provinces/bac-ninh.yaml`, or for a
    replacement `replaced emr-hospital-coverage 2026-Q1: 14/54 → 3/54 (reported) in ...`; with
    `dry_run`, what would be done."""
    whose = f" for former {former}" if former else ""
    if action == "unchanged":
        return f"{shown} already has {indicator} {period} {figure} ({quality}){whose}: unchanged"
    if action == "added" or previous is None:
        verb = "would add" if dry_run else "added"
        return f"{verb} {indicator} {period} {figure} ({quality}){whose} to {shown}"
    verb = "would replace" if dry_run else "replaced"
    old = figure_text(previous.numerator, previous.denominator, previous.value)
    old_quality = f" ({previous.quality})" if previous.quality != quality else ""
    kept = [
        key for key, given in (("note", note_given), ("quote", quote_given)) if getattr(previous, key) and not given
    ]
    tail = f"; {'keeps' if dry_run else 'kept'} its {' and '.join(kept)}" if kept else ""
    return f"{verb} {indicator} {period}: {old}{old_quality} → {figure} ({quality}){whose} in {shown}{tail}"
