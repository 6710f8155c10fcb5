"""The line reader gives exactly what the full safe loader gives, or steps aside.

`tracker.yamlfile.lines` reads the plain block style of most data files line by line; anything
else goes to the C parser's reader or the full loader (`read._fast_load`, tested in
test_fast_reader.py). Here: a table of what it must leave to them, documents in its style that it
must read itself, and generated documents mixing both, always compared with the full loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import generate
from tests.test_fast_reader import SCALARS, _same
from tracker.yamlfile import lines, read

REPO = Path(__file__).parent.parent


def _line_load(text: str) -> Any:
    read._fast_load("a: 1\n")  # makes the C parser's reader, whose scalar resolution both share
    reader = read._FAST[0]
    assert reader is not None
    return lines.load(text, reader._scalar, reader._key)


def _full(text: str) -> Any:
    try:
        return read._safe_yaml().load(text)
    except Exception:
        return "error"


def _check(text: str) -> bool:
    """Whether the line reader read `text`; when it did, it gave the full loader's data."""
    data = _line_load(text)
    if data is None:
        return False
    expected = _full(text)
    assert expected != "error", f"the line reader read what the full loader refuses: {text!r}"
    assert _same(data, expected), text
    return True


# Read by the line reader itself.
READS = [
    "a: 1\n",
    "a: 1",  # no final line break
    "# a comment\na: 1  # another\n\nb: x y  \n",
    "a:\nb: 2\n",  # a key without a value is null
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
    "a:\n- 1\n- x\nb: 2\n",  # a list at the indent of its key
    "a:\n  - 1\n  -   x\n",
    "a:\n  - b: 1\n    c: 2\n  - b: 3\n    # comment\n    c:\n",
    "a:\n  - b:\n    - 1\n    c: 2\n",
    "a:\n    - b: 1\n      c: [1, x]\n",
    "name: {en: Ha Noi, vi: Hà Nội}\naliases: [Hanoi, HN]\nempty: []\nnone: {}\nspaced: [ ]\n",
    "a: 'it''s # not a comment'\nb: \"x: y\"  # comment\nc: ''\nd: \"\"\n",
    "a: x#y\nb: http://example.org/a?b=c#d\nc: 50%\nd: a [b] {c}\n",
    "period: 2024-Q1\nday: 2024-01-31\nbad: 2025-02-30\nyear: 2024\nn: 1_000\nf: 8.0\nt: true\nz: ~\n",
    "a: # comment\n  b: 1\n",
    "k: 12:30\nl: 1:20:30\n",
]

# Left to the other readers, each for a reason (the full loader may accept or refuse it).
STEPS_ASIDE = {
    "": "no data",
    "# only a comment\n": "no data",
    "- a\n": "a list at the top",
    "1\n": "a scalar at the top",
    "{a: 1}\n": "a flow mapping at the top",
    "a: |\n  x\n": "block scalar",
    "a: >\n  x\n": "folded scalar",
    "a: b\n  c\n": "plain scalar on two lines",
    "a:\n  - b\n    c\n": "plain list item on two lines",
    "a: 'x\n  y'\n": "quoted scalar on two lines",
    'a: "x\\ty"\n': "escape",
    "a: [1,\n  2]\n": "flow list on two lines",
    "a: [1, [2]]\n": "nested flow",
    "a: {b: c: d}\n": "colon in a flow value",
    "a: {b: 'c'}\n": "quote in flow",
    "a: [a, ]\n": "trailing comma",
    "a: &x 1\nb: *x\n": "anchor",
    "a: !!str 1\n": "tag",
    "a: -1\n": "starts with an indicator",
    "a: b: c\n": "colon in a plain scalar",
    "a: b:\n": "colon at the end of a plain scalar",
    "a: 1\na: 2\n": "duplicate key",
    "a: {b: 1, b: 2}\n": "duplicate key in flow",
    "'a': 1\n": "quoted key",
    "a b: 1\n": "key with a space",
    "a:b\n": "no space after the colon",
    "a: 1\n b: 2\n": "indentation",
    "a:\n  b: 1\n c: 2\n": "indentation",
    "a:\n  - 1\n  b: 2\n": "a key after a list that is indented",
    "a:\n  -\n    b: 1\n": "a list item below its dash",
    "a:\n  - - 1\n": "list in a list",
    "a: 1\n---\nb: 2\n": "document marker",
    "%YAML 1.2\n---\na: 1\n": "directive",
    "a: 1\r\n": "carriage return",
    "a:\t1\n": "tab",
    "a: \x07\n": "control character",
    "a: <<\n": "merge tag as a value",
    "a: =\n": "value tag",
    "a: 'x' y\n": "text after a quoted scalar",
    "a: [x]y\n": "text after a flow list",
}


@pytest.mark.parametrize("text", READS)
def test_reads_the_plain_block_style(text: str) -> None:
    assert _check(text), "the line reader must read this itself"


@pytest.mark.parametrize("text", list(STEPS_ASIDE))
def test_steps_aside(text: str) -> None:
    assert _line_load(text) is None, STEPS_ASIDE[text]


@pytest.mark.parametrize("value", SCALARS)
def test_every_scalar_as_the_full_loader_reads_it(value: str) -> None:
    for text in (f"k: {value}\n", f"{value}: x\n", f"k:\n  - {value}\n", f"k: [{value}]\n", f"k: {{a: {value}}}\n"):
        _check(text)


def test_reads_generated_and_bundled_data(tmp_path: Path) -> None:
    root = generate.generate_grid(tmp_path / "data", generate.Grid(3, 8, 4, "month", "2025-12"))
    generated = sorted((root / "provinces").glob("*.yaml"))  # the indicators' definitions are block scalars
    assert all(_check(p.read_text(encoding="utf-8")) for p in generated)
    assert not any(_check(p.read_text(encoding="utf-8")) for p in (root / "indicators").glob("synthetic-*.yaml"))
    bundled = [p for p in REPO.rglob("*.y*ml") if ".venv" not in p.parts and p.is_file()]
    read_here = sum(_check(p.read_bytes().decode("utf-8", "replace")) for p in bundled)
    assert read_here > 50  # of about 230: most province files, few of the test corpus


# Generated documents: nested mappings and lists in the block style, with scalars of every kind,
# comments, blank lines, indents of 1 to 4, flow lists and mappings, and now and then something
# the line reader must step aside for. Whatever it reads must be what the full loader reads.
_plain = st.sampled_from([*SCALARS, "x", "a b", "Vùng 5", "x # c", "http://x/y", "a: b", "-1", "[1]", "'q' x"])
_scalar_text = st.one_of(
    _plain,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8),
    _plain.map(lambda s: f"'{s}'"),
    _plain.map(lambda s: f'"{s}"'),
    st.lists(_plain, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(st.tuples(st.sampled_from(["en", "vi", "k"]), _plain), max_size=3).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    ),
)
_key = st.sampled_from(["a", "b", "period", "value", "2024", "x_y", "a.b", "k-1", "null", "true"])


@st.composite
def _document(draw: st.DrawFn) -> str:
    out: list[str] = []
    step = draw(st.integers(1, 4))

    def block(indent: int, depth: int, dash: str = "") -> None:
        keys = draw(st.lists(_key, min_size=1, max_size=4, unique=True))
        for n, key in enumerate(keys):
            lead = (" " * (indent - len(dash)) + dash) if n == 0 and dash else " " * indent
            if draw(st.integers(0, 9)) == 0:
                out.append(" " * draw(st.integers(0, 6)) + draw(st.sampled_from(["# c", "", "#"])))
            kind = draw(st.integers(0, 5)) if depth < 3 else 0
            if kind <= 2:
                out.append(f"{lead}{key}: {draw(_scalar_text)}")
            elif kind == 3:
                out.append(f"{lead}{key}:")
                block(indent + step, depth + 1)
            elif kind == 4:
                out.append(f"{lead}{key}:")
                at = indent + draw(st.sampled_from([0, step]))
                for _ in range(draw(st.integers(1, 3))):
                    if draw(st.booleans()):
                        out.append(" " * at + "- " + draw(_scalar_text))
                    else:
                        block(at + 2, depth + 1, dash="- ")
            else:
                out.append(f"{lead}{key}:")

    block(0, 0)
    return "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=400, deadline=None)
@given(_document())
def test_generated_documents_as_the_full_loader_reads_them(text: str) -> None:
    _check(text)


def test_generated_documents_are_mostly_read_here() -> None:
    # The property above must really exercise the line reader, not only its stepping aside.
    read_here = 0

    @settings(max_examples=200, deadline=None, database=None)
    @given(_document())
    def count(text: str) -> None:
        nonlocal read_here
        read_here += _check(text)

    count()
    assert read_here > 40
