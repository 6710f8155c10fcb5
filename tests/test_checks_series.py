"""The warnings on a figure beside the one before it (`sharp-fall`, `fraction-for-percent`), on
series that the checks read the short way (every observation ordinary, in period order) and on
series that take the long way (out of order, with other problems)."""

from __future__ import annotations

import pytest

from tests.test_score import Value, dataset, framework, indicator, ms, names, obs, region
from tracker import checks
from tracker.model import Indicator

RATIO = indicator("r")  # percent, ratio, increase
SHARE = indicator("s", aggregate="mean")  # percent given as a value
WAIT = indicator("w", unit="minutes", direction="decrease", aggregate="mean", worst=120)
COUNT = indicator("c", unit="count", aggregate="sum")

CASES = [
    # (indicator, series, the rules found)
    (RATIO, [("2024-Q1", (20, 54)), ("2024-Q2", (30, 54)), ("2024-Q3", (40, 54))], []),
    (RATIO, [("2024-Q1", (20, 54)), ("2024-Q2", (10, 54))], []),  # exactly half: no warning
    (RATIO, [("2024-Q1", (20, 54)), ("2024-Q2", (9, 54))], ["sharp-fall"]),
    # 37 % to 0 %: below 1 % from above 10 % reads as a fraction typed for a percent first.
    (RATIO, [("2024-Q1", (20, 54)), ("2024-Q2", (0, 54)), ("2024-Q3", (20, 54))], ["fraction-for-percent"]),
    (RATIO, [("2024-Q1", (0, 54)), ("2024-Q2", (0, 54))], []),  # from 0: nothing to fall from
    (SHARE, [("2024", 76), ("2025", 0.76)], ["fraction-for-percent"]),
    (SHARE, [("2024", 8), ("2025", 0.5)], ["sharp-fall"]),  # not above 10 %: a fall, not a fraction
    (SHARE, [("2025", 0.76), ("2024", 76)], ["fraction-for-percent", "period-order"]),  # by period, not file order
    (SHARE, [("2025", 76), ("2024", 0.76)], ["period-order"]),  # a rise, by period
    (WAIT, [("2024", 60), ("2025", 20)], []),  # lower is better: a fall is progress
    (COUNT, [("2024", 100), ("2025", 40)], ["sharp-fall"]),
    (COUNT, [("2024", 100), ("2025", 50), ("2026", 25)], []),  # halving each time is no warning
    (COUNT, [("2024", 100), ("2024", 40)], ["duplicate-period", "sharp-fall"]),
]


@pytest.mark.parametrize(("ind", "series", "rules"), CASES)
def test_against_the_figure_before(ind: Indicator, series: list[tuple[str, Value]], rules: list[str]) -> None:
    observations = [obs(period, value) for period, value in series]
    data = dataset([ind], framework({ind.id: [ms("2030-12-31", 1)]}), [region("p", {ind.id: observations})])
    data.files.update({f"indicator:{ind.id}": "indicators/i.yaml", "framework:fw": "t.yaml", "province:p": "p.yaml"})
    found = sorted(p.rule for p in checks.check_dataset(data) if p.path == "p.yaml")
    assert found == sorted(rules)


def test_former_provinces_listed_twice() -> None:
    # Each region is compared with those whose id sorts before its own (listed in the dataset's
    # order): a lists x and y; b lists x again and z with y's code; c lists w with y's code too.
    from tracker.model import Former, Region

    def former(iso: str) -> Former:
        return Former(name=names(iso), iso=iso)

    def merged(rid: str, formers: dict[str, Former]) -> Region:
        return Region(id=rid, name=names(rid), level="province", former=formers)

    regions = [
        merged("c", {"w": former("VN-02"), "v": former("VN-05")}),
        merged("a", {"x": former("VN-01"), "y": former("VN-02")}),
        merged("b", {"x": former("VN-03"), "z": former("VN-02")}),
        merged("d", {"u": former("VN-04"), "t": former("VN-06")}),
    ]
    data = dataset([RATIO], framework({"r": [ms("2030-12-31", 1)]}), regions)
    data.files.update({f"province:{r.id}": f"{r.id}.yaml" for r in regions} | {"indicator:r": "i", "framework:fw": "f"})
    found = [(p.path, p.loc, p.message) for p in checks.check_dataset(data) if p.rule == "duplicate-former"]
    assert found == [
        ("c.yaml", ("former", "w", "iso"), "VN-02 is also the code of y in a"),
        ("c.yaml", ("former", "w", "iso"), "VN-02 is also the code of z in b"),
        ("b.yaml", ("former", "x", "@key"), "former province 'x' is also listed in a"),
        ("b.yaml", ("former", "z", "iso"), "VN-02 is also the code of y in a"),
    ]
