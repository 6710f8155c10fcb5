"""Finds the data root, loads every file into the models, and turns every failure into a located Problem."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker import model
from tracker.problems import Loc, Problem, UnreadableYaml, UsageError
from tracker.yamlfile.guard import decode, read_bytes

ENV_DATA_DIR = "TRACKER_DATA_DIR"

# pydantic error type -> rule id. Anything not listed is `invalid-value`.
_RULES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "bad_period": "bad-period",
    "bad_id": "bad-id",
    "not_nfc": "not-nfc",
    "bad_date": "bad-date",
    "finite_number": "not-finite",
    "literal_error": "invalid-choice",
    "string_too_short": "empty-value",
    "too_short": "empty-value",
    "string_pattern_mismatch": "bad-format",
    "greater_than_equal": "out-of-range",
    "greater_than": "out-of-range",
}


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """`--data-dir`, else $TRACKER_DATA_DIR, else the nearest ancestor holding indicators/ and provinces/."""
    if explicit is None and os.environ.get(ENV_DATA_DIR):
        explicit = Path(os.environ[ENV_DATA_DIR])
    if explicit is not None:
        if not explicit.is_dir():
            what = "is not a folder" if explicit.exists() else "does not exist"
            raise UsageError(f"data folder {explicit} {what}")
        if not (explicit / "indicators").is_dir() or not (explicit / "provinces").is_dir():
            raise UsageError(f"{explicit} has no indicators/ and provinces/ folders; is it a tracker data folder?")
        return _not_empty(explicit)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "indicators").is_dir() and (folder / "provinces").is_dir():
            return _not_empty(folder)
    raise UsageError(
        "no data folder found: run inside a folder with indicators/ and provinces/, "
        f"or pass --data-dir or set {ENV_DATA_DIR}"
    )


def _not_empty(root: Path) -> Path:
    if not data_files(root):
        raise UsageError(f"data folder {root} is empty: no *.yaml files in indicators/ or provinces/")
    return root


def kind_of(path: Path, root: Path) -> str | None:
    """Which model a file under the data root follows, from where it lives; None if it is not a data file."""
    try:
        parts = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).parts
    except ValueError:
        parts = path.parts[-3:]
    return _kind_of_parts(parts)


def _kind_of_parts(parts: tuple[str, ...]) -> str | None:
    if len(parts) < 2 or parts[-1].startswith(".") or not parts[-1].endswith((".yaml", ".yml")):
        return None
    if parts[-2] == "provinces":
        return "province"
    if parts[-2] == "targets" and len(parts) >= 3 and parts[-3] == "indicators":
        return "framework"
    if parts[-2] == "indicators":
        if parts[-1] in ("domains.yaml", "domains.yml"):
            return "domains"
        if parts[-1].startswith("maturity."):
            return "maturity"
        if parts[-1].startswith("tilemap."):
            return "tilemap"
        return "indicator"
    return None


def data_files(root: Path) -> list[Path]:
    """Every data file under the root, in a stable order."""
    found: list[Path] = []
    for folder in (root / "indicators", root / "indicators" / "targets", root / "provinces"):
        if folder.is_dir():
            try:
                found.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))
            except OSError as exc:
                raise UsageError(f"cannot list the data folder {folder}: {exc.strerror or exc}") from None
    return found


def display_path(path: Path, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


# pydantic error type -> the catalogue key (`plain.*`, in both languages) of a plain message saying
# what the value must be and what was found. Types not listed keep pydantic's own words.
_PLAIN = {
    "float_type": "plain.number",
    "float_parsing": "plain.number",
    "int_type": "plain.whole",
    "int_from_float": "plain.whole",
    "int_parsing": "plain.whole",
    "string_type": "plain.text",
    "bool_type": "plain.bool",
    "dict_type": "plain.mapping",
    "model_type": "plain.mapping",
    "list_type": "plain.list",
    "date_type": "plain.date",
    "finite_number": "plain.finite",
    "greater_than_equal": "plain.at_least",
    "greater_than": "plain.more_than",
    "less_than_equal": "plain.at_most",
    "less_than": "plain.less_than",
    "string_too_short": "plain.not_empty",
    "too_short": "plain.not_empty_list",
    "literal_error": "plain.one_of",
    "enum": "plain.one_of",
}


def _bound(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _message(error: Any, lang: str = "en") -> str:
    """A validation error in plain words: what the value must be and what was found, after the
    name of the key (`numerator: expected a whole number, got 'twenty'`)."""
    from tracker.i18n import t

    kind = error["type"]
    ctx = error.get("ctx", {})
    names = [str(s) for s in error["loc"] if isinstance(s, str) and not s.startswith(("function-", "["))]
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        if " " in name:  # `note All facilities: 54 of 54`: a key's ':' left out, and one later in the value
            return t("plain.unknown_key_space", lang, name=name, first=name.split()[0])
        return t("plain.unknown_key", lang, name=name)
    if kind == "missing":
        where = t("plain.in", lang, parent=names[-2]) if len(names) > 1 else ""
        return t("plain.missing", lang, name=error["loc"][-1], where=where)
    key = _PLAIN.get(kind)
    if key is None:
        text = error["msg"]
        if "{value!r}" in text:  # pydantic fills `{value}` in custom messages, not `{value!r}`
            text = text.replace("{value!r}", repr(ctx.get("value", error["input"])))
    else:
        if key == "plain.at_least" and ctx.get("ge") == 0:
            key = "plain.not_negative"
        bound = next((ctx[b] for b in ("ge", "gt", "le", "lt", "min_length") if b in ctx), "")
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        text = t(key, lang, got=f"{error['input']!r:.60}", bound=_bound(bound), expected=expected)
    return f"{names[-1]}: {text}" if names and not text.startswith(names[-1]) else text


# Observations are dataclasses (see model.Observation), for which pydantic names two errors otherwise.
_AS_FOR_MODELS = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


def _validation_problems(exc: ValidationError, path: str) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        error["type"] = _AS_FOR_MODELS.get(error["type"], error["type"])
        loc: Loc = tuple(s for s in error["loc"] if not (isinstance(s, str) and s.startswith("function-")))
        kind = error["type"]
        rule = _RULES.get(kind) or (
            "wrong-type" if kind.endswith("_type") or "parsing" in kind or kind == "int_from_float" else "invalid-value"
        )
        if rule == "out-of-range" and error.get("ctx", {}).get("ge") == 0:
            rule = "negative-value"
        message = _message(error)
        if kind == "float_type" and isinstance(error["input"], int) and not isinstance(error["input"], bool):
            rule, message = "out-of-range", f"{loc[-1]}: a number with {len(str(error['input'])):,} digits is too large"
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            rule = "bad-id" if rule in ("bad-id", "wrong-type") else rule
        if kind == "missing":
            loc = loc[:-1]
        problems.append(
            Problem(path, 0, 0, "error", rule, message, loc=loc + (("@key",) if kind == "extra_forbidden" else ()))
        )
    return problems


def resolve_locations(problems: Iterable[Problem], text: str) -> list[Problem]:
    """Give problems found on parsed data their line and column, parsing the file once more (for
    the parser's positions) only because something is wrong with it."""
    problems = list(problems)
    pending = [(p.loc[:-1], True) if p.loc and p.loc[-1] == "@key" else (p.loc, False) for p in problems if p.line == 0]
    if not pending:
        return problems
    from tracker.yamlfile.locate import (
        locate_many,  # only for a file with problems: a warm run needs no parser
    )

    try:
        positions = iter(locate_many(text, pending))
    except UnreadableYaml:
        return problems
    resolved = []
    for p in problems:
        if p.line == 0:
            line, column = next(positions)
            loc = p.loc[:-1] if p.loc and p.loc[-1] == "@key" else p.loc
            p = Problem(p.path, line, column, p.level, p.rule, p.message, loc=loc)
        resolved.append(p)
    return resolved


def _read_bytes(path: Path) -> bytes:
    # Only a regular file is read, with the size guard: a FIFO named like a data file would block.
    return read_bytes(path)


def parse_text(text: str, shown: str, kind: str) -> tuple[Any, list[Problem]]:
    """Parse and validate one file's text. Returns (model or None, problems)."""
    from tracker.yamlfile.read import load_data, load_data_despite_duplicates  # not imported on a cache hit

    duplicate: list[Problem] = []
    try:
        data = load_data(text)
    except UnreadableYaml as exc:
        first = Problem(shown, exc.line, exc.column, "error", exc.rule, exc.message)
        if exc.rule != "duplicate-key":
            return None, [first]
        # A duplicate key must not hide the file's other problems: read on, the later value kept.
        try:
            data = load_data_despite_duplicates(text)
        except UnreadableYaml:
            return None, [first]
        duplicate = [first]
    parsed, problems = validate_data(data, shown, kind, escapes="\\" in text)
    located = resolve_locations(problems, text) if problems else []
    if duplicate:
        # With a duplicate key, the model (later values kept) still joins the dataset, so that the
        # rules between files check the rest of the file; the error keeps every command from scoring it.
        return (None if problems else parsed), duplicate + located
    return parsed, located


def validate_data(data: Any, shown: str, kind: str, escapes: bool = True) -> tuple[Any, list[Problem]]:
    """Validate one file's parsed data. Returns (model or None, problems); the problems are not
    located yet (line 0: see `resolve_locations`). `escapes`: look for control characters written
    as escapes (only a file with a backslash can hold one)."""
    if data is None:
        return None, [Problem(shown, 1, 1, "error", "empty-file", "file has no data")]
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, 1, "error", "not-a-mapping", "the top level must be a mapping of keys")]
    schema = model.FILE_MODELS.get(kind)
    if schema is None:
        return data, []
    escaped = _escaped_controls(data, shown) if escapes else []
    try:
        parsed = schema.model_validate(data)
    except ValidationError as exc:
        return None, escaped + _validation_problems(exc, shown)
    return (None, escaped) if escaped else (parsed, [])


# Control characters are refused in the text of a file (see yamlfile.guard); these are the ones a
# double-quoted scalar can still spell as an escape ("\0", "\e[31m"...), which would reach reports
# and terminals. Line breaks and tabs are text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _escaped_controls(data: Any, shown: str) -> list[Problem]:
    found = []
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            for text, where in ((key, (*loc, key, "@key")), (value, (*loc, key))):
                if isinstance(text, str) and (m := _CONTROL.search(text)):
                    name = next((str(s) for s in reversed((*loc, key)) if isinstance(s, str)), "value")
                    message = (
                        f"{_CONTROL.sub('?', name)}: control character U+{ord(m.group()):04X}"
                        " (written as an escape) is not allowed in text"
                    )
                    found.append(Problem(shown, 0, 0, "error", "control-character", message, loc=where))
            stack.append(((*loc, key), value))
    return found


def _unreadable(shown: str, exc: BaseException) -> Problem:
    if isinstance(exc, UnreadableYaml):
        return Problem(shown, exc.line, exc.column, "error", exc.rule, exc.message)
    if isinstance(exc, IsADirectoryError):
        return Problem(shown, 0, 0, "error", "unreadable", "is a directory, not a YAML file")
    message = getattr(exc, "strerror", None) or str(exc)
    return Problem(shown, 0, 0, "error", "unreadable", message)


def load_dataset(
    root: Path,
    only: list[Path] | None = None,
    texts: dict[Path, str] | None = None,
    use_cache: bool = True,
    data: dict[Path, Any] | None = None,
) -> tuple[model.Dataset, list[Problem]]:
    """Load the whole data root. `only` limits which files' problems are reported (the rest still
    load, since cross-file rules need them). `texts` stands in for the content of some files (an
    edit checked before it is written); `data` for their parsed content (an edit of a large file
    checks the part it touches without parsing the file again), whose problems are left unlocated.
    Parsed files are cached by content (see `cache.py`), so a warm run skips parsing; cross-file
    rules always run. Never raises for bad data: returns Problems."""
    # Loading makes a great many objects and frees none: without the cyclic collector, which would
    # otherwise walk the growing heap again and again, a large data root loads a third faster.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_dataset(root, only, texts, use_cache, data)
    finally:
        if collecting:
            gc.enable()


def _load_dataset(
    root: Path,
    only: list[Path] | None,
    texts: dict[Path, str] | None,
    use_cache: bool,
    data: dict[Path, Any] | None = None,
) -> tuple[model.Dataset, list[Problem]]:
    from tracker.cache import FileCache

    replaced = {os.path.abspath(p): t for p, t in (texts or {}).items()}
    parsed_data = {os.path.abspath(p): d for p, d in (data or {}).items()}
    # Files stood in for by `texts` are parsed from that text; the others may come from the cache,
    # so checking an edit re-reads only the edited file.
    cache = FileCache.open() if use_cache else None
    dataset = model.Dataset(root=root)
    problems: list[Problem] = []
    # The keys of every file read through the cache: when all of them were, they key the
    # cross-file checks as well (see `_cross_file`).
    keys: list[str] | None = [] if cache is not None and not replaced and not parsed_data else None
    # The files are under the root: their place in it by string (pathlib took a tenth of a warm run).
    under = os.path.join(os.path.abspath(root), "")
    for path in data_files(root):
        full = os.path.abspath(path)
        if full.startswith(under):
            parts = tuple(full[len(under) :].split(os.sep))
            kind, shown = _kind_of_parts(parts), "/".join(parts)
        else:
            kind, shown = kind_of(path, root), display_path(path, root)
        if kind is None:
            continue
        text = replaced.get(os.path.abspath(path))
        key = None
        try:
            if os.path.abspath(path) in parsed_data:
                parsed, found = validate_data(parsed_data[os.path.abspath(path)], shown, kind)
            elif text is None:
                raw = _read_bytes(path)
                key = cache.key(shown, kind, raw) if cache else None
                if keys is not None and key is not None:
                    keys.append(key)
                hit = cache.get(key) if cache and key else None
                if hit is not None:
                    parsed, found = hit
                else:
                    parsed, found = parse_text(decode(raw), shown, kind)
                    if cache and key:
                        cache.put(key, (parsed, found))
            else:
                parsed, found = parse_text(text, shown, kind)
        except (OSError, RuntimeError, UnreadableYaml) as exc:
            parsed, found = None, [_unreadable(shown, exc)]
            keys = None  # an unreadable file has no key: its absence must not pass for a known state
        problems.extend(found)
        if parsed is None:
            continue
        dataset.files[f"{kind}:{getattr(parsed, 'id', path.stem)}"] = shown
        if kind == "domains":
            dataset.domains.update((d.id, d) for d in parsed.domains)
            continue
        if kind == "maturity":
            dataset.maturity = parsed
            continue
        if kind == "tilemap":
            dataset.tilemap = parsed
            continue
        dataset.stems[f"{kind}:{parsed.id}"] = path.stem
        if kind == "indicator":
            dataset.indicators[parsed.id] = parsed
        elif kind == "framework":
            dataset.frameworks[parsed.id] = parsed
        elif kind == "province":
            dataset.regions[parsed.id] = parsed
    if cache is not None and keys is not None:
        dataset.mark_loaded(cache.key("", "content", "\n".join(keys).encode()))
    by_file: dict[str, list[Problem]] = {}
    for p in _cross_file(dataset, cache):
        by_file.setdefault(p.path, []).append(p)
    for shown, found in by_file.items():
        if os.path.abspath(root / shown) in parsed_data:
            problems.extend(found)
            continue
        text = replaced.get(os.path.abspath(root / shown))
        problems.extend(_located(found, text if text is not None else _text_or_empty(root / shown), shown, cache))
    if only is not None:
        wanted = {display_path(p, root) for p in only}
        problems = [p for p in problems if p.path in wanted]
    problems.sort(key=lambda p: (p.path, p.line, p.column, p.rule))
    return dataset, problems


def _cross_file(dataset: model.Dataset, cache: Any) -> list[Problem]:
    """`checks.check_dataset`, whose result is a function of the files' contents (every one of them:
    `Dataset.content_key`), the checking code (in the cache's salt) and today's date (future
    periods): a warm run over unchanged files takes it from the cache instead of walking every
    observation again."""
    from tracker import checks

    if cache is None or dataset.content_key is None:
        return list(checks.check_dataset(dataset))
    key = cache.key("", f"checks:{model.today().isoformat()}", dataset.content_key.encode())
    hit = cache.get(key)
    if isinstance(hit, list):
        return hit
    found = list(checks.check_dataset(dataset))
    cache.put(key, found)
    return found


def _located(found: list[Problem], text: str, shown: str, cache: Any) -> list[Problem]:
    """`resolve_locations` for the cross-file problems of one file, which are found afresh on every
    run: their positions are cached by the problems and the file's content, so a warm run does not
    parse a file with warnings once more, slowly, to say where they are."""
    if cache is None:
        return resolve_locations(found, text)
    key = cache.key(shown, "locations:" + repr(found), text.encode("utf-8", "surrogatepass"))
    hit = cache.get(key)
    if isinstance(hit, list):
        return hit
    located = resolve_locations(found, text)
    cache.put(key, located)
    return located


def _text_or_empty(path: Path) -> str:
    try:
        return decode(_read_bytes(path))
    except (OSError, UnreadableYaml):
        return ""
