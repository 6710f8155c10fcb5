"""The fast read path gives exactly what the full safe loader gives, or steps aside for it.

`tracker.yamlfile.read.load_data` first builds plain data from the C parser's events; anything unusual (tags,
anchors, duplicate keys, directives, errors) is left to the full safe loader. Either way the
values, their types and the key order must be the same as the full loader's."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tracker.yamlfile import read

REPO = Path(__file__).parent.parent

SCALARS = [
    "yes",
    "no",
    "on",
    "off",
    "true",
    "True",
    "TRUE",
    "false",
    "null",
    "Null",
    "~",
    "",
    "0o12",
    "012",
    "0x1F",
    "0b101",
    "1_000",
    "1,000",
    ".inf",
    "-.inf",
    ".NaN",
    "1e3",
    "1.5e-3",
    "+1",
    "-.5",
    "1.",
    ".5",
    "2025-02-30",
    "2024-01-01",
    "2024-01-01T10:00:00",
    "2024-01-01 10:00:00+07:00",
    "2024-1-1",
    "12:30",
    "1:20:30",
    "<<",
    "=",
    "0",
    "-0",
    "00",
    "2024-Q1",
    "9" * 30,
    "1_0.5",
    "'q'",
    '"d"',
    "a b",
    "Hà Nội",
]
DOCUMENTS = [
    "a: 1\na: 2\n",
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "!!str 1\n",
    "%YAML 1.1\n---\na: yes\n",
    "a: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "---\n",
    "...\n",
    "[1, 2]",
    "{a: [1, {b: c}]}\n",
    "? [a]\n: 1\n",
    "a: |\n  x\n  y\nb: >\n  z\n",
    "a: 'x'\n'b': \"y\"\n",
    "1\n",
    "a:\n  - b: 1\n    c:\n",
    "a: !foo x\n",
    "a: !!binary aGk=\n",
    "a: !!set {x}\n",
    "--- 1\n--- 2\n",
    "a: b: c\n",
    "- a\nb: c\n",
    "'a': 1\n'a': 2\n",
    '"<<": 1\n',
    "2024: x\n2024: y\n",
    "1: a\n'1': b\n",
    "a: [1, 2\n",
]


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


def _check(text: str) -> None:
    try:
        expected: object = read._safe_yaml().load(text)
    except Exception:
        expected = "error"
    done, data = read._fast_load(text)
    if done:
        assert expected != "error", f"the fast reader read what the full loader refuses: {text!r}"
        assert _same(data, expected), text


def _documents() -> list[str]:
    out = list(DOCUMENTS)
    for value in SCALARS:
        out += [f"k: {value}\n", f"{value}: x\n" if value else "? \n: x\n", f"- {value}\n- [{value}]\n"]
    return out


# The inputs the fast reader must leave to the full loader, each for a reason; it reads every other
# case itself (and must then give the full loader's values).
STEPS_ASIDE = {
    "a: 1\na: 2\n": "duplicate key",
    "'a': 1\n'a': 2\n": "duplicate key, quoted",
    "2024: x\n2024: y\n": "duplicate key, as numbers",
    "1: a\n'1': b\n": "keys 1 and '1' differ in type only",
    "a: &x 1\nb: *x\n": "anchor and alias",
    "<<: {a: 1}\n": "merge key",
    "<<: x\n": "merge key",
    "k: <<\n": "merge tag as a value",
    "- <<\n- [<<]\n": "merge tag in a list",
    "k: =\n": "value tag",
    "=: x\n": "value tag as a key",
    "- =\n- [=]\n": "value tag in a list",
    "!!str 1\n": "explicit tag",
    "a: !foo x\n": "local tag",
    "a: !!binary aGk=\n": "binary tag",
    "a: !!set {x}\n": "set tag",
    "%YAML 1.1\n---\na: yes\n": "directive",
    "a: 1\n---\nb: 2\n": "two documents",
    "--- 1\n--- 2\n": "two documents",
    "...\n": "document end marker alone",
    "? [a]\n: 1\n": "complex key",
    "a: b: c\n": "syntax error",
    "- a\nb: c\n": "syntax error",
    "a: [1, 2\n": "syntax error",
    "- 2024-01-01T10:00:00\n- [2024-01-01T10:00:00]\n": "timestamp with a time",
    "- 2024-01-01 10:00:00+07:00\n- [2024-01-01 10:00:00+07:00]\n": "timestamp with a time zone",
    "- 12:30\n- [12:30]\n": "sexagesimal number",
    "- 1:20:30\n- [1:20:30]\n": "sexagesimal number",
}


@pytest.mark.parametrize("text", _documents())
def test_same_as_the_full_loader(text: str) -> None:
    _check(text)
    done, _ = read._fast_load(text)
    assert done is (text not in STEPS_ASIDE), STEPS_ASIDE.get(text, "the fast reader must read this itself")


def test_every_case_that_steps_aside_is_one_of_the_documents() -> None:
    assert set(STEPS_ASIDE) <= set(_documents())


def test_same_as_the_full_loader_on_every_yaml_file_in_the_repository() -> None:
    files = [p for p in REPO.rglob("*.y*ml") if ".venv" not in p.parts and p.is_file()]
    assert len(files) > 50
    fast = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        _check(text)
        fast += read._fast_load(text)[0]
    assert fast > len(files) // 2  # the fast path is the common one


def test_ordinary_data_takes_the_fast_path() -> None:
    text = (REPO / "provinces" / "ha-noi.yaml").read_text(encoding="utf-8")
    done, data = read._fast_load(text)
    assert done and data == read._safe_yaml().load(text)
