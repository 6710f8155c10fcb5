"""The corpus of hostile and broken input: each case gives its exit code, rule id, line and column,
never a traceback, within a time and memory limit.

A case is a province file put in place of `provinces/bac-ninh.yaml` in a copy of the small valid
dataset. Small cases are files in tests/corpus/, named `<rule>--<what>.yaml` (`ok--` for input
that must be accepted); the expected outcome of each is in CORPUS below. Cases that would be big
or cannot live in git (100 MB, 10,000 levels deep, UTF-16, a symlink loop, a FIFO, a directory,
a file nobody may read) are made at test time (GENERATED). Every case runs
`tracker --data-dir ... --no-cache validate --format json` in a child process of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO
from tests.isolated import MEMORY, run_forked, shared_tempdir

CORPUS_DIR = Path(__file__).parent / "corpus"
TARGET = "provinces/bac-ninh.yaml"
SECONDS = 10.0  # no case may take longer than this

# file -> (exit code, rule, line, column); line and column are 1-based, 0 for the whole file.
# The positions were counted by hand in the corpus files.
CORPUS: dict[str, tuple[int, str | None, int, int]] = {
    "ok--valid.yaml": (0, None, 0, 0),
    "ok--bom.yaml": (0, None, 0, 0),
    "ok--crlf.yaml": (0, None, 0, 0),
    "ok--anchor-without-alias.yaml": (0, None, 0, 0),
    "ok--yes-as-text.yaml": (0, None, 0, 0),
    "ok--equals-sign-as-text.yaml": (0, None, 0, 0),  # found by the fuzzer: `=` crashed the reader
    "alias--anchor-and-alias.yaml": (1, "alias", 3, 8),
    "alias--billion-laughs.yaml": (1, "alias", 1, 5),
    "alias--recursive.yaml": (1, "alias", 3, 8),
    "alias--anchor-defined-twice.yaml": (1, "alias", 4, 7),
    "bad-date--target-february-30.yaml": (1, "bad-date", 19, 12),
    "bad-id--not-kebab.yaml": (1, "bad-id", 1, 5),
    "bad-id--former-fullwidth.yaml": (1, "bad-id", 6, 3),
    "bad-period--february-30.yaml": (1, "bad-period", 13, 15),
    "bad-period--month-13.yaml": (1, "bad-period", 13, 15),
    "bad-period--quarter-5.yaml": (1, "bad-period", 13, 15),
    "bad-period--timestamp.yaml": (1, "bad-period", 13, 15),
    "bad-period--fullwidth-digits.yaml": (1, "bad-period", 13, 15),
    "bad-period--trailing-line-break.yaml": (1, "bad-period", 13, 15),
    "complex-key--list-key.yaml": (1, "complex-key", 4, 3),
    "complex-key--mapping-key.yaml": (1, "complex-key", 4, 1),
    "control-character--bell.yaml": (1, "control-character", 10, 20),
    "control-character--bom-inside.yaml": (1, "control-character", 3, 8),
    "control-character--c1.yaml": (1, "control-character", 2, 15),
    "control-character--escape.yaml": (1, "control-character", 2, 15),
    "control-character--line-separator.yaml": (1, "control-character", 10, 20),
    "control-character--next-line.yaml": (1, "control-character", 10, 27),
    # Written as escapes in double quotes, they would still reach reports and terminals.
    "control-character--escaped-nul.yaml": (1, "control-character", 10, 15),
    "control-character--escaped-next-line.yaml": (1, "control-character", 10, 15),
    "control-character--escaped-terminal-escape.yaml": (1, "control-character", 2, 12),
    "control-character--escaped-in-key.yaml": (1, "control-character", 4, 1),
    "ok--escaped-line-break-and-tab.yaml": (0, None, 0, 0),
    "duplicate-key--in-flow-mapping.yaml": (1, "duplicate-key", 2, 36),
    "duplicate-key--in-observation.yaml": (1, "duplicate-key", 10, 7),
    "duplicate-key--indicator.yaml": (1, "duplicate-key", 17, 3),
    "duplicate-key--top-level.yaml": (1, "duplicate-key", 4, 1),
    "duplicate-period--same-end.yaml": (1, "duplicate-period", 12, 15),
    "empty-file--document-marker.yaml": (1, "empty-file", 1, 1),
    "empty-file--empty.yaml": (1, "empty-file", 1, 1),
    "empty-file--only-comments.yaml": (1, "empty-file", 1, 1),
    "empty-file--whitespace.yaml": (1, "empty-file", 1, 1),
    "empty-value--source.yaml": (1, "empty-value", 10, 15),
    "encoding--cp1258.yaml": (1, "encoding", 2, 27),
    "encoding--latin-1.yaml": (1, "encoding", 2, 13),
    "encoding--lone-surrogate.yaml": (1, "encoding", 2, 16),
    "encoding--nul-byte.yaml": (1, "encoding", 3, 12),
    "encoding--truncated-utf8.yaml": (1, "encoding", 2, 27),
    "id-mismatch--other-id.yaml": (1, "id-mismatch", 1, 5),
    "incomplete-ratio--numerator-null.yaml": (1, "incomplete-ratio", 7, 7),
    "invalid-choice--quality.yaml": (1, "invalid-choice", 11, 16),
    "merge-key--inline.yaml": (1, "merge-key", 11, 7),
    "merge-key--merge.yaml": (1, "merge-key", 12, 7),
    "missing-key--source.yaml": (1, "missing-key", 7, 7),
    "missing-value--tilde-value.yaml": (1, "missing-value", 13, 7),
    "negative-value--count.yaml": (1, "negative-value", 9, 20),
    "negative-value--minutes.yaml": (1, "negative-value", 14, 14),
    "not-a-mapping--list.yaml": (1, "not-a-mapping", 1, 1),
    "not-a-mapping--scalar.yaml": (1, "not-a-mapping", 1, 1),
    "not-finite--float-overflow.yaml": (1, "not-finite", 14, 14),
    "not-finite--inf.yaml": (1, "not-finite", 14, 14),
    "not-finite--nan.yaml": (1, "not-finite", 14, 14),
    "not-finite--negative-inf.yaml": (1, "not-finite", 14, 14),
    "not-nfc--nfd-name.yaml": (1, "not-nfc", 2, 26),
    "numerator-exceeds-denominator--ratio.yaml": (1, "numerator-exceeds-denominator", 8, 18),
    "out-of-range--big-integer-as-value.yaml": (1, "out-of-range", 14, 14),
    "out-of-range--huge-integer.yaml": (1, "out-of-range", 9, 20),
    "percent-out-of-range--value.yaml": (1, "percent-out-of-range", 8, 14),
    "ratio-not-allowed--minutes.yaml": (1, "ratio-not-allowed", 8, 18),
    "tab--after-spaces.yaml": (1, "tab", 8, 5),
    "tab--indentation.yaml": (1, "tab", 8, 1),
    "unknown-indicator--not-kebab-key.yaml": (1, "unknown-indicator", 12, 3),
    "unknown-indicator--typo.yaml": (1, "unknown-indicator", 12, 3),
    "unknown-key--null-key.yaml": (1, "unknown-key", 4, 1),
    "unknown-key--observation.yaml": (1, "unknown-key", 12, 7),
    "unknown-key--top-level.yaml": (1, "unknown-key", 4, 1),
    "unknown-province--parent.yaml": (1, "unknown-province", 4, 9),
    "value-and-ratio--both.yaml": (1, "value-and-ratio", 10, 14),
    "wrong-type--float-count.yaml": (1, "wrong-type", 8, 18),
    "wrong-type--list-as-value.yaml": (1, "wrong-type", 14, 7),
    "wrong-type--number-as-name.yaml": (1, "wrong-type", 2, 12),
    "wrong-type--number-as-source.yaml": (1, "wrong-type", 10, 15),
    "wrong-type--percent-string.yaml": (1, "wrong-type", 14, 14),
    "wrong-type--period-as-float.yaml": (1, "wrong-type", 13, 15),
    "wrong-type--scalar-in-series.yaml": (1, "wrong-type", 13, 7),
    "wrong-type--scalar-observations.yaml": (1, "wrong-type", 5, 15),
    "wrong-type--thousands-separator.yaml": (1, "wrong-type", 14, 14),
    "wrong-type--tilde-population.yaml": (1, "wrong-type", 5, 21),
    "wrong-type--yes.yaml": (1, "wrong-type", 14, 14),
    "yaml-syntax--bad-indentation.yaml": (1, "yaml-syntax", 9, 6),
    # a missing ':' is reported on the line that lacks it, right after the key
    "yaml-syntax--missing-colon-after-key.yaml": (1, "yaml-syntax", 5, 13),
    "yaml-syntax--missing-colon-in-list-item.yaml": (1, "yaml-syntax", 7, 13),
    "yaml-syntax--missing-colon-before-flow.yaml": (1, "yaml-syntax", 2, 5),
    "yaml-syntax--two-documents.yaml": (1, "yaml-syntax", 17, 1),
    "yaml-syntax--unclosed-flow.yaml": (1, "yaml-syntax", 4, 7),
    "yaml-syntax--unclosed-quote.yaml": (1, "yaml-syntax", 17, 1),
    "yaml-syntax--unclosed-flow-at-end-of-file.yaml": (1, "yaml-syntax", 5, 12),  # found by the fuzzer
    "yaml-tag--custom.yaml": (1, "yaml-tag", 14, 14),
    "yaml-tag--binary.yaml": (1, "yaml-tag", 10, 15),
    "yaml-tag--omap.yaml": (1, "yaml-tag", 3, 8),
    # Found by the fuzzer: explicit tags the reader crashed on (KeyError, IndexError, AttributeError).
    "yaml-tag--set-on-a-number.yaml": (1, "yaml-tag", 5, 36),
    "yaml-tag--bool-on-a-number.yaml": (1, "yaml-tag", 14, 14),
    "yaml-tag--int-on-nothing.yaml": (1, "yaml-tag", 14, 14),
    "yaml-tag--on-mapping.yaml": (1, "yaml-tag", 2, 7),
    "yaml-tag--python-name.yaml": (1, "yaml-tag", 14, 14),
    "yaml-tag--python-object.yaml": (1, "yaml-tag", 14, 14),
    "zero-denominator--ratio.yaml": (1, "zero-denominator", 9, 20),
    # Line breaks and a byte-order mark do not shift lines or columns.
    "wrong-type--crlf.yaml": (1, "wrong-type", 14, 14),
    "bad-id--after-bom.yaml": (1, "bad-id", 1, 5),
    "tab--crlf.yaml": (1, "tab", 8, 1),
    "encoding--latin-1-crlf.yaml": (1, "encoding", 2, 13),
}

VALID = (CORPUS_DIR / "ok--valid.yaml").read_text(encoding="utf-8")


# --- cases made at test time: each puts something at `path` (provinces/bac-ninh.yaml) ---------


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _huge(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk, refused by its size
        handle.truncate(100 * 1024 * 1024)


def _directory(path: Path) -> None:
    path.mkdir()


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dangling_symlink(path: Path) -> None:
    path.symlink_to("no-such-file.yaml")


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # opening it to read would wait for a writer for ever


def _no_permission(path: Path) -> None:
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)


def _long_text(path: Path) -> None:
    path.write_text(VALID.replace("source: illustrative", "source: " + "x" * 5_000_000, 1), encoding="utf-8")


def _nested(prefix: str, opening: str, closing: str, depth: int = 10_000) -> bytes:
    return (VALID + prefix + opening * depth + closing * depth + "\n").encode()


# name -> (make, (exit code, rule, line, column))
GENERATED: dict[str, tuple[Callable[[Path], None], tuple[int, str | None, int, int]]] = {
    "ok--five-megabyte-string": (_long_text, (0, None, 0, 0)),
    "encoding--utf-16": (_bytes(VALID.encode("utf-16")), (1, "encoding", 1, 1)),
    "encoding--utf-16-without-bom": (_bytes(VALID.encode("utf-16-le")), (1, "encoding", 1, 2)),
    "encoding--utf-32": (_bytes(VALID.encode("utf-32")), (1, "encoding", 1, 1)),
    "encoding--binary": (_bytes(bytes(range(256)) * 64), (1, "encoding", 1, 1)),
    # 10,000 levels: refused at the first level too deep (the top mapping, `x:`, then 200 more).
    "too-deep--flow-sequences": (_bytes(_nested("x: ", "[", "]")), (1, "too-deep", 17, 204)),
    "too-deep--flow-mappings": (_bytes(_nested("x: ", "{a: ", "}")), (1, "too-deep", 17, 804)),
    "too-deep--block-sequences": (_bytes(_nested("x:\n", "- ", "")), (1, "too-deep", 18, 401)),
    "too-deep--block-mappings": (
        _bytes((VALID + "".join("  " * i + "a:\n" for i in range(300)) + "  " * 300 + "x\n").encode()),
        (1, "too-deep", 218, 403),
    ),
    "too-deep--block-sequences-of-mappings": (
        _bytes((VALID + "x:\n" + "".join("  " * i + "- a:\n" for i in range(400))).encode()),
        (1, "too-deep", 118, 201),
    ),
    "alias--a-billion-laughs": (
        _bytes(
            (
                "a0: &a0 ["
                + ", ".join(["lol"] * 10)
                + "]\n"
                + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 30))
            ).encode()
        ),
        (1, "alias", 1, 5),
    ),
    # Problems are located in one pass over the parser's events: a round-trip load of these
    # 300,000 items took a minute and gigabytes.
    "unknown-key--a-long-list": (
        _bytes((VALID + "x: [" + "0, " * 300_000 + "0]\n").encode()),
        (1, "unknown-key", 17, 1),
    ),
    "file-too-large--100-megabytes": (_huge, (1, "file-too-large", 0, 0)),
    "unreadable--directory": (_directory, (2, "unreadable", 0, 0)),
    "unreadable--symlink-loop": (_symlink_loop, (2, "unreadable", 0, 0)),
    "unreadable--dangling-symlink": (_dangling_symlink, (2, "unreadable", 0, 0)),
    "unreadable--fifo": (_fifo, (2, "unreadable", 0, 0)),
    "unreadable--no-permission": (_no_permission, (2, "unreadable", 0, 0)),
}


@pytest.fixture
def world_readable_root() -> Iterator[Path]:
    """A copy of the small dataset in a folder anyone may enter: a case run without root's
    privileges (so that file permissions apply) must reach it. pytest's tmp_path is private."""
    folder = shared_tempdir("tracker-corpus-")
    root = folder / "data"
    shutil.copytree(FIXTURES / "mini", root)
    yield root
    for path in (root / "provinces").iterdir():  # a FIFO or a mode-0 file must not stop the clean-up
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def check(root: Path, expected: tuple[int, str | None, int, int], *, as_nobody: bool = False) -> None:
    code, rule, line, column = expected
    outcome = run_forked(["--data-dir", str(root), "--no-cache", "validate", "--format", "json"], as_nobody=as_nobody)
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.returncode == code, (outcome.returncode, outcome.stdout, outcome.stderr)
    assert outcome.seconds < SECONDS
    problems = json.loads(outcome.stdout)
    if rule is None:
        assert problems == []
        return
    errors = [(p["rule"], p["line"], p["column"]) for p in problems if p["path"] == TARGET and p["level"] == "error"]
    assert errors and errors[0] == (rule, line, column), problems
    assert all(p["path"] == TARGET for p in problems), "a bad file must not make problems in the others"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_case(mini: Path, name: str) -> None:
    (mini / TARGET).write_bytes((CORPUS_DIR / name).read_bytes())
    check(mini, CORPUS[name])


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(world_readable_root: Path, name: str) -> None:
    make, expected = GENERATED[name]
    path = world_readable_root / TARGET
    path.unlink()
    make(path)
    check(world_readable_root, expected, as_nobody=name == "unreadable--no-permission")


def test_every_corpus_file_has_an_expectation_named_after_its_rule() -> None:
    files = {p.name for p in CORPUS_DIR.iterdir() if not p.name.startswith(".")}
    assert files == set(CORPUS)
    for name, (code, rule, _, _) in {**CORPUS, **{k: v[1] for k, v in GENERATED.items()}}.items():
        assert name.split("--")[0] == (rule or "ok")
        assert code == (0 if rule is None else 2 if rule == "unreadable" else 1)
    assert max(p.stat().st_size for p in CORPUS_DIR.iterdir()) < 50_000


def test_every_rule_the_corpus_expects_is_documented() -> None:
    documented = set(
        re.findall(
            r"^\| `([a-z0-9-]+)` \| (?:error|warning) \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M
        )
    )
    expected = {rule for _, rule, _, _ in CORPUS.values()} | {v[1][1] for v in GENERATED.values()}
    assert expected - {None} <= documented


def test_hostile_cases_through_the_console_script(tmp_path: Path) -> None:
    """The real entry point, in fresh interpreters under `timeout` and a 1 GiB address-space limit."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"
    cases = ["too-deep--flow-sequences", "alias--a-billion-laughs", "file-too-large--100-megabytes", "unreadable--fifo"]
    roots = []
    for name in cases:
        root = tmp_path / name
        shutil.copytree(FIXTURES / "mini", root)
        (root / TARGET).unlink()
        GENERATED[name][0](root / TARGET)
        roots.append(root)

    def run(root: Path) -> subprocess.CompletedProcess[str]:
        command = [tracker, "--data-dir", str(root), "--no-cache", "validate", "--format", "json"]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=30, preexec_fn=limit, env={**os.environ, "NO_COLOR": "1"}
        )

    with ThreadPoolExecutor(len(cases)) as pool:
        results = list(pool.map(run, roots))
    for name, result in zip(cases, results, strict=True):
        code, rule, line, column = GENERATED[name][1]
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == code, (name, result.stderr)
        assert [(p["rule"], p["line"], p["column"]) for p in json.loads(result.stdout)] == [(rule, line, column)]


def _rules_in_code() -> set[str]:
    """Every rule id the reader and the checks can emit, read from the source: the rule argument
    of each `Problem`, `_problem`, `UnreadableYaml` and `_at` call, load's pydantic-error table, and
    every text assigned to a variable named `rule`."""
    import ast

    where = {"Problem": 4, "_problem": 2, "UnreadableYaml": 0, "_at": 0}
    found: set[str] = set()
    for module in ("yamlfile/guard", "yamlfile/read", "yamlfile/locate", "load", "checks"):
        tree = ast.parse((REPO / "tracker" / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in where:
                index = where[node.func.id]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    found.add(node.args[index].value)
            elif isinstance(node, ast.Assign):
                targets = [
                    t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])
                ]
                if any(isinstance(t, ast.Name) and t.id == "rule" for t in targets) or any(
                    isinstance(t, ast.Name) and t.id == "_RULES" for t in targets
                ):
                    values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
                    for value in values:
                        found.update(
                            c.value
                            for c in ast.walk(value)
                            if isinstance(c, ast.Constant)
                            and isinstance(c.value, str)
                            and re.fullmatch(r"[a-z]+(-[a-z]+)+", c.value)
                        )
    return {rule for rule in found if isinstance(rule, str) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule)}


def test_the_readme_lists_every_rule_the_code_can_emit() -> None:
    documented = set(
        re.findall(
            r"^\| `([a-z0-9-]+)` \| (?:error|warning) \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M
        )
    )
    emitted = _rules_in_code()
    assert {"tab", "alias", "control-character", "merge-key", "complex-key", "unreadable", "wrong-type"} <= emitted
    assert emitted - documented == set()


def test_record_into_every_corpus_case_succeeds_or_says_why(mini: Path) -> None:
    """An edit of a broken file is made (when it brings no new error) or refused with a message;
    it never raises anything else, and a refused edit leaves the file as it was."""
    from tracker.edit import record
    from tracker.problems import UsageError

    path = mini / TARGET
    for name in sorted(CORPUS):
        data = (CORPUS_DIR / name).read_bytes()
        path.write_bytes(data)
        try:
            result = record(mini, "bac-ninh", "emr-hospital-coverage", "2026-03", "5/6", source="x")
        except UsageError as exc:
            assert "\n" not in str(exc), name
            assert path.read_bytes() == data, name
            continue
        assert not (result.written and result.refused), name
        if not result.written:
            assert path.read_bytes() == data, name
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []
