"""The benchmark runner: times whole `tracker` processes against floors measured in the same run.

Every figure is the wall time of a complete process (start-up, imports, reading, output), taken
several times; the table shows the median, the spread (fastest-slowest) and the ratio to a
*floor*: the least work any tool would need for the same job (importing typer, parsing the same
YAML with a C-accelerated safe loader and nothing else, copying the file, a ruamel round trip).
Peak memory is each process's own maximum resident set, read from `wait4`.

    python -m benchmarks            # the full run on the named sizes (minutes: see README.md)
    python -m benchmarks --quick    # the same rows on scaled-down data, under a minute
    python -m benchmarks --check    # exit 1 when a budget fails (or cannot be measured)

Datasets are generated into a temporary folder that is deleted afterwards (`--keep` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import generate

REPO = Path(__file__).resolve().parent.parent
GB = 1_000_000_000

# The parse floor: read the same files in the same order as the loader and parse each one with a
# C-accelerated safe loader, nothing else (no validation, no checks, no output).
PARSE_FLOOR = r"""
import os, sys
loader, root = sys.argv[1], sys.argv[2]
paths = []
for sub in ("indicators", os.path.join("indicators", "targets"), "provinces"):
    folder = os.path.join(root, sub)
    if os.path.isdir(folder):
        paths += sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith((".yaml", ".yml")))
if loader == "pyyaml":
    import yaml
    load = lambda handle: yaml.load(handle, Loader=yaml.CSafeLoader)
else:
    from ruamel.yaml import YAML
    load = YAML(typ="safe").load
for path in paths:
    with open(path, "rb") as handle:
        load(handle)
"""

# The record floor: the round trip `tracker record` cannot avoid (load keeping comments and
# layout, dump, write), through the same functions the tracker uses.
ROUNDTRIP_FLOOR = r"""
import sys
from pathlib import Path
from tracker.yamlfile.roundtrip import dump_roundtrip, load_roundtrip
source, target = Path(sys.argv[1]), Path(sys.argv[2])
target.write_text(dump_roundtrip(load_roundtrip(source.read_text(encoding="utf-8"))), encoding="utf-8")
"""


# ---------------------------------------------------------------------------------------------
# Measuring one process
# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_bytes: int | None
    code: int
    stdout: bytes
    stderr: bytes


def _maxrss_bytes(value: int) -> int:
    # ru_maxrss is in kilobytes on Linux and the BSDs, in bytes on macOS.
    return value if sys.platform == "darwin" else value * 1024


# Each process is started by this small wrapper, which times it and reads its peak RSS with
# wait4. Measuring from the runner itself would be wrong on Linux: a child started by vfork or
# posix_spawn inherits the peak RSS of the process that started it, and the runner grows large
# while it generates data. The wrapper is a bare interpreter (-S, os only, about 8 MB), so that is
# the smallest peak any row can show.
WRAPPER = r"""
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as handle:
    handle.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
_WRAP = hasattr(os, "posix_spawnp") and hasattr(os, "wait4")


def run_process(argv: list[str], env: dict[str, str], cwd: Path, scratch: Path) -> Run:
    """Run one process to completion: wall time, its own peak RSS, exit code, output."""
    out_path, err_path, usage_path = scratch / "stdout", scratch / "stderr", scratch / "usage"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        if _WRAP:
            wrapper = [sys.executable, "-S", "-c", WRAPPER, str(usage_path), *argv]
            subprocess.run(wrapper, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd, check=True)
            seconds, maxrss, code = usage_path.read_text().split()
            run_seconds, peak, exit_code = float(seconds), _maxrss_bytes(int(maxrss)), int(code)
        else:  # no posix_spawn/wait4 here: time from the runner, no memory figure
            start = time.perf_counter()
            exit_code = subprocess.run(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
            ).returncode
            run_seconds, peak = time.perf_counter() - start, None
    return Run(run_seconds, peak, exit_code, out_path.read_bytes(), err_path.read_bytes())


def first_line(text: bytes) -> str:
    """The line that says what went wrong: the first `Error`/`error` line, else the first non-blank."""
    lines = [line.strip() for line in text.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in lines:
        if line.lower().startswith(("error", "traceback")) or "Error:" in line:
            return line[:100]
    return lines[0][:100] if lines else "(no output)"


# ---------------------------------------------------------------------------------------------
# Rows, budgets, results
# ---------------------------------------------------------------------------------------------


@dataclass
class Budget:
    text: str  # as printed, e.g. "<= 2x floor"
    max_ratio: float | None = None
    max_peak: int | None = None


@dataclass
class Row:
    key: str
    label: str
    argv: list[str]
    floor: str | None = None  # key of the floor row this one is compared with
    budgets: list[Budget] = field(default_factory=list)
    before: Callable[[], None] | None = None  # untimed set-up before each run
    check: Callable[[Run], str | None] | None = None  # a reason the output is wrong, or None
    runs: int | None = None  # overrides the default number of runs
    is_floor: bool = False


@dataclass
class Result:
    row: Row
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None

    @property
    def peak(self) -> int | None:
        return max(self.peaks) if self.peaks else None


def exit_zero(run: Run) -> str | None:
    return None if run.code == 0 else f"command failed: {first_line(run.stderr or run.stdout)}"


def _imports_every_row(run: Run) -> str | None:
    """`tracker import csv` of the generated rows: exit 0, every row accepted."""
    if run.code != 0 or b"every row accepted" not in run.stdout:
        return f"import failed (exit {run.code}): {first_line(run.stderr or run.stdout)}"
    return None


def validates_cleanly(run: Run) -> str | None:
    """`tracker validate` on generated data: exit 0 and not one problem, not even a warning."""
    if run.code != 0 and not run.stdout.strip():
        return f"command failed: {first_line(run.stderr)}"
    if run.code != 0 or run.stdout.strip():
        count = len(run.stdout.strip().splitlines())
        return f"data not clean ({count} problem(s)): {first_line(run.stdout)}"
    return None


class Bench:
    def __init__(self, work: Path, runs: int, row_seconds: float, verbose: bool = True) -> None:
        self.work = work
        self.runs = runs
        self.row_seconds = row_seconds
        self.verbose = verbose
        self.results: dict[str, Result] = {}
        self.order: list[tuple[str, list[str]]] = []  # (group title, row keys)
        self.notes: list[str] = []
        self.scaling: list[tuple[str, str, int]] = []  # (size, shown name, province observations)
        self.counts: dict[str, int] = {}
        self.floor_loader = "pyyaml"
        self.env = dict(os.environ)
        self.env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"})
        # PYTHONDONTWRITEBYTECODE is dropped: an installed tracker runs from compiled files (see `compile_tracker`).
        for name in (
            "TRACKER_DATA_DIR",
            "TRACKER_NO_CACHE",
            "TRACKER_CACHE_DIR",
            "PYTHONPROFILEIMPORTTIME",
            "PYTHONDONTWRITEBYTECODE",
        ):
            self.env.pop(name, None)
        self.env["TRACKER_CACHE_DIR"] = str(work / "cache-unused")
        self.scratch = work / "scratch"
        self.scratch.mkdir(exist_ok=True)

    def group(self, title: str) -> None:
        self.order.append((title, []))
        if self.verbose:
            print(f"-- {title}", file=sys.stderr, flush=True)

    def measure(self, row: Row, env: dict[str, str] | None = None) -> Result:
        result = Result(row)
        wanted = row.runs or self.runs
        check = row.check or exit_zero
        while len(result.times) < wanted:
            if row.before:
                row.before()
            run = run_process(row.argv, env or self.env, self.work, self.scratch)
            problem = check(run)
            if problem:
                result.error = f"n/a: {problem}"
                result.times.append(run.seconds)
                break
            result.times.append(run.seconds)
            if run.peak_bytes is not None:
                result.peaks.append(run.peak_bytes)
            # Long rows get fewer runs so the whole benchmark stays within minutes.
            if sum(result.times) + statistics.median(result.times) > self.row_seconds:
                break
        self.results[row.key] = result
        self.order[-1][1].append(row.key)
        if self.verbose:
            shown = result.error or f"{result.median:.3f} s median of {len(result.times)}"
            print(f"   {row.label}: {shown}", file=sys.stderr, flush=True)
        return result

    def alias(self, key: str, row: Row) -> None:
        """Show the runs of row `key` once more, compared with another floor."""
        source = self.results[key]
        self.results[row.key] = Result(row, source.times, source.peaks, source.error)
        self.order[-1][1].append(row.key)

    def ratio(self, key: str) -> float | None:
        result = self.results[key]
        floor = self.results.get(result.row.floor or "")
        if result.median is None or floor is None or not floor.median:
            return None
        return result.median / floor.median

    def verdicts(self, key: str) -> list[tuple[Budget, str]]:
        result = self.results[key]
        out = []
        for budget in result.row.budgets:
            if budget.max_ratio is not None:
                ratio = self.ratio(key)
                verdict = "n/a" if ratio is None else ("PASS" if ratio <= budget.max_ratio else "FAIL")
            else:
                peak = result.peak if result.median is not None else None
                verdict = "n/a" if peak is None else ("PASS" if peak < (budget.max_peak or 0) else "FAIL")
            out.append((budget, verdict))
        return out

    def failed(self) -> list[str]:
        return [
            f"{self.results[k].row.label}: {b.text} -> {v}"
            for _, keys in self.order
            for k in keys
            for b, v in self.verdicts(k)
            if v != "PASS"
        ]


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def table(bench: Bench) -> str:
    head = ["benchmark", "runs", "median s", "spread s", "vs floor", "peak RSS", "budget", "result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for title, keys in bench.order:
        lines.append(f"| **{title}** |" + " |" * (len(head) - 1))
        for key in keys:
            result = bench.results[key]
            row = result.row
            verdicts = bench.verdicts(key)
            budget = "; ".join(b.text for b, _ in verdicts)
            verdict = "; ".join(v for _, v in verdicts)
            if result.error:
                cells = [row.label, str(len(result.times)), result.error, "", "", "", budget, verdict]
            else:
                times = result.times
                spread = f"{_seconds(min(times))}-{_seconds(max(times))}" if len(times) > 1 else "-"
                ratio = bench.ratio(key)
                versus = (
                    "floor"
                    if row.is_floor
                    else "-"
                    if row.floor is None
                    else f"{ratio:.2f}x"
                    if ratio is not None
                    else "n/a"
                )
                peak = f"{result.peak / 1e6:.0f} MB" if result.peak else "-"
                cells = [
                    row.label,
                    str(len(times)),
                    _seconds(result.median or 0),
                    spread,
                    versus,
                    peak,
                    budget,
                    verdict,
                ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling_table(bench: Bench, sizes: list[tuple[str, str, int]]) -> str:
    """report (and validate) time per observation for M, L and 2xL: flat if cost is linear."""
    lines = [
        "| dataset | observations | report s | report us/obs | validate s | validate us/obs |",
        "|---|---|---|---|---|---|",
    ]
    for size, name, observations in sizes:
        cells = [name, f"{observations:,}"]
        for command in ("report", "validate"):
            result = bench.results.get(f"{command}-{size}")
            if result is None or result.median is None:
                cells += ["n/a", "n/a"]
            else:
                cells += [_seconds(result.median), f"{1e6 * result.median / observations:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
            memory = f", {kb / 1e6:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    versions = []
    for module in ("tracker", "yaml", "ruamel.yaml", "pydantic", "typer"):
        try:
            versions.append(f"{module} {__import__(module, fromlist=['_']).__version__}")
        except (ImportError, AttributeError):
            versions.append(f"{module} absent")
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}){memory}; "
        f"Python {platform.python_version()}; " + ", ".join(versions)
    )


# ---------------------------------------------------------------------------------------------
# The benchmark plan
# ---------------------------------------------------------------------------------------------


def tracker_command() -> list[str]:
    """The installed console script beside this interpreter (what users run), else `python -m tracker`."""
    script = Path(sys.executable).with_name("tracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]


def observations(root: Path) -> int:
    """Observations in the province files (the country's own figures are not counted)."""
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        load = lambda handle: yaml.load(handle, Loader=loader)  # noqa: E731
    except ImportError:  # PyYAML is optional (the `bench` extra): ruamel's safe loader counts as well
        from ruamel.yaml import YAML

        load = YAML(typ="safe").load
    total = 0
    for path in sorted((root / "provinces").glob("*.yaml")):
        with open(path, "rb") as handle:
            data = load(handle)
        if isinstance(data, dict) and data.get("level") == "province":
            total += sum(len(v or []) for v in (data.get("observations") or {}).values())
    return total


def _size(root: Path) -> str:
    files = list(root.rglob("*.yaml"))
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB"


SOURCE_ARG = "Synthetic benchmark data (not real figures)"


def compile_tracker() -> None:
    """Compile the tracker's modules, as installing a package does. With an editable install and a
    stale or missing __pycache__ (PYTHONDONTWRITEBYTECODE, files just edited), every run would
    compile them again, and start-up would measure the compiler."""
    import compileall

    compileall.compile_dir(str(REPO / "tracker"), quiet=2)


def plan(bench: Bench, args: argparse.Namespace) -> None:
    """Generate the data and measure every row, group by group."""
    compile_tracker()
    work = bench.work
    tracker = tracker_command()
    py = sys.executable
    # --quick keeps every row but shrinks the data, so the whole run takes about a minute.
    scale = 20 if args.quick else 1
    grids = {
        "M": generate.Grid(34, 25, 15, "month", "2025-12") if args.quick else generate.SIZES["M"],
        "L": generate.Grid(3000 // scale, 12, 8, "quarter", "2025-Q4"),
        "2xL": generate.Grid(6000 // scale, 12, 8, "quarter", "2025-Q4"),
        "C": generate.Grid(3321 // scale, 12, 24, "month", "2025-12"),
    }
    name = {"S": "S", "M": "M", "L": "L", "2xL": "2xL", "C": "C", "XL": "XL"}
    if args.quick:
        name.update({"M": "M/4", "L": "L/20", "2xL": "2xL/20", "C": "C/20", "XL": "XL/20"})
    groups = {"startup", "S", "M", "L", "scaling", "C", "XL"}
    only = set(args.only.split(",")) if args.only else groups
    if only - groups:
        raise SystemExit(
            f"--only: unknown group(s) {', '.join(sorted(only - groups))}; choose from {', '.join(sorted(groups))}"
        )

    def data(size: str) -> Path:
        root = work / name[size].replace("/", "-")
        if not root.exists():
            started = time.perf_counter()
            if size == "XL":
                generate.generate_xl(root, generate.XL_BYTES // scale)
                count = observations(root)
            else:
                generate.generate_grid(root, grids[size])
                count = grids[size].regions * grids[size].indicators * grids[size].periods
            bench.counts[size] = count
            bench.notes.append(
                f"{name[size]}: {_size(root)}, {count:,} province observations "
                f"(generated in {time.perf_counter() - started:.1f} s)"
            )
        return root

    def cli(root: Path, *words: str) -> list[str]:
        return [*tracker, "--data-dir", str(root), *words]

    try:
        import yaml  # noqa: F401  (PyYAML is only a candidate floor, not a tracker dependency)

        have_pyyaml = True
    except ImportError:
        have_pyyaml = False
    bench.floor_loader = "pyyaml" if have_pyyaml else "ruamel"

    def parse_floor(size: str, root: Path, compare: bool = False) -> str:
        """Measure the parse floor of a data root and return its row key. With `compare`, time both
        loaders and keep the faster one as the floor of this and every later size."""
        loaders = ["pyyaml", "ruamel"] if compare and have_pyyaml else [bench.floor_loader]
        for loader in loaders:
            label = "PyYAML CSafeLoader" if loader == "pyyaml" else "ruamel safe, C parser"
            bench.measure(
                Row(
                    f"parse-{loader}-{size}",
                    f"floor: parse {name[size]} ({label})",
                    [py, "-c", PARSE_FLOOR, loader, str(root)],
                    is_floor=True,
                )
            )
        timed = {loader: bench.results[f"parse-{loader}-{size}"].median for loader in loaders}
        timed = {loader: t for loader, t in timed.items() if t is not None}
        if timed:
            bench.floor_loader = min(timed, key=lambda loader: timed[loader])
        return f"parse-{bench.floor_loader}-{size}"

    one = Budget("<= 1.0x floor", max_ratio=1.0)
    memory = Budget("peak < 1 GB", max_peak=GB)
    memory_l = Budget("peak < 200 MB", max_peak=200_000_000)
    memory_c = Budget("peak < 500 MB", max_peak=500_000_000)
    report = ("report", "--format", "json")

    if "startup" in only:
        bench.group("start-up")
        fast = args.runs * 2
        bench.measure(
            Row("import-typer", 'floor: python -c "import typer"', [py, "-c", "import typer"], runs=fast, is_floor=True)
        )
        bench.measure(Row("version", "tracker --version", [*tracker, "--version"], floor="import-typer", runs=fast))
        bench.measure(
            Row(
                "help",
                "tracker --help",
                [*tracker, "--help"],
                floor="import-typer",
                runs=fast,
                budgets=[Budget("<= 1.2x floor", max_ratio=1.2)],
            )
        )

    if "S" in only and (REPO / "indicators").is_dir() and (REPO / "provinces").is_dir():
        bench.group("S: the bundled data")
        root = work / "S"
        # A snapshot, so every row sees the same files even while the data is being edited.
        shutil.copytree(REPO / "indicators", root / "indicators")
        shutil.copytree(REPO / "provinces", root / "provinces")
        bench.counts["S"] = observations(root)
        bench.notes.append(f"S: {_size(root)}, {bench.counts['S']:,} province observations (the bundled data)")
        floor = parse_floor("S", root, compare=True)
        # Real data may carry warnings (exit 0); only errors make this row n/a.
        bench.measure(Row("validate-S", "validate S --no-cache", cli(root, "--no-cache", "validate"), floor=floor))
        bench.measure(
            Row("report-S", "report --format json S --no-cache", cli(root, "--no-cache", *report), floor=floor)
        )
        # A ministry spreadsheet of figures for the former provinces, imported into the bundled data.
        csv_path = work / "import-S.csv"
        csv_path.write_text(generate.import_csv(root), encoding="utf-8")
        pristine = work / "S-provinces"
        shutil.copytree(root / "provinces", pristine)

        def restore_s() -> None:  # every import run starts from the bundled files
            shutil.rmtree(root / "provinces")
            shutil.copytree(pristine, root / "provinces")

        rows = generate.IMPORT_ROWS
        bench.measure(
            Row(
                "import-S",
                f"import csv of {rows:,} rows into S --no-cache",
                cli(root, "--no-cache", "import", "csv", str(csv_path)),
                floor="validate-S",
                before=restore_s,
                budgets=[Budget("<= 3x cold validate", max_ratio=3.0)],
                check=_imports_every_row,
            )
        )
        restore_s()

    if only & {"M", "scaling"}:
        grid = grids["M"]
        bench.group(f"{name['M']}: {grid.regions} provinces x {grid.indicators} indicators x {grid.periods} months")
        root = data("M")
        floor = parse_floor("M", root, compare=not args.quick)
        bench.measure(
            Row(
                "validate-M",
                f"validate {name['M']} --no-cache",
                cli(root, "--no-cache", "validate"),
                floor=floor,
                check=validates_cleanly,
            )
        )
        bench.measure(
            Row(
                "report-M",
                f"report --format json {name['M']} --no-cache",
                cli(root, "--no-cache", *report),
                floor=floor,
            )
        )

    if only & {"L", "scaling"}:
        grid = grids["L"]
        label = name["L"]
        bench.group(f"{label}: {grid.regions:,} provinces x {grid.indicators} indicators x {grid.periods} quarters")
        root = data("L")
        floor = parse_floor("L", root)
        bench.measure(
            Row(
                "validate-L",
                f"validate {label} --no-cache",
                cli(root, "--no-cache", "validate"),
                floor=floor,
                budgets=[one, memory],
                check=validates_cleanly,
            )
        )
        bench.measure(
            Row(
                "report-L",
                f"report --format json {label}, cold (--no-cache)",
                cli(root, "--no-cache", *report),
                floor=floor,
                budgets=[one, memory_l],
            )
        )
        if "L" in only:
            cache = work / "cache-L"
            warm = dict(bench.env, TRACKER_CACHE_DIR=str(cache))
            bench.measure(
                Row(
                    "report-L-fill",
                    f"report --format json {label}, filling an empty cache",
                    cli(root, *report),
                    floor=floor,
                    runs=1,
                    before=lambda: shutil.rmtree(cache, ignore_errors=True),
                ),
                env=warm,
            )
            bench.measure(
                Row(
                    "report-L-warm",
                    f"report --format json {label}, warm cache",
                    cli(root, *report),
                    floor=floor,
                    budgets=[Budget("<= 0.2x floor", max_ratio=0.2)],
                ),
                env=warm,
            )

    if "scaling" in only:
        bench.group(f"{name['2xL']}: {grids['2xL'].regions:,} provinces, for the scaling table")
        root = data("2xL")
        floor = parse_floor("2xL", root)
        bench.measure(
            Row(
                "report-2xL",
                f"report --format json {name['2xL']} --no-cache",
                cli(root, "--no-cache", *report),
                floor=floor,
            )
        )
        bench.measure(
            Row(
                "validate-2xL",
                f"validate {name['2xL']} --no-cache",
                cli(root, "--no-cache", "validate"),
                floor=floor,
                check=validates_cleanly,
            )
        )
        bench.scaling = [(s, name[s], bench.counts[s]) for s in ("M", "L", "2xL")]

    if "C" in only:
        grid = grids["C"]
        c = name["C"]
        bench.group(f"{c}: {grid.regions:,} communes x {grid.indicators} indicators x {grid.periods} months")
        root = data("C")
        floor = parse_floor("C", root)
        bench.measure(
            Row(
                "report-C",
                f"report --format json {c}, cold (--no-cache)",
                cli(root, "--no-cache", *report),
                floor=floor,
                budgets=[one, memory_c],
            )
        )

    if "XL" in only:
        x = name["XL"]
        root = data("XL")
        province = root / "provinces" / f"{generate.XL_REGION}.yaml"
        bench.group(f"{x}: one province file of {province.stat().st_size / 1e6:.1f} MB")
        pristine = work / "xl-pristine.yaml"
        shutil.copyfile(province, pristine)

        def restore() -> None:  # every record run edits the same file: start each from the original
            shutil.copyfile(pristine, province)

        floor = parse_floor("XL", root)
        bench.measure(
            Row(
                "validate-XL",
                f"validate {x} --no-cache",
                cli(root, "--no-cache", "validate"),
                floor=floor,
                check=validates_cleanly,
                runs=1,
            )
        )
        copy = shutil.which("cp")
        target = str(work / "xl-copy.yaml")
        copy_argv = (
            [copy, str(pristine), target]
            if copy
            else [py, "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])", str(pristine), target]
        )
        bench.measure(Row("copy-XL", f"floor: copy the {x} file", copy_argv, is_floor=True))
        if args.roundtrip:  # minutes and gigabytes: what `record` cost when it went through the round trip
            bench.measure(
                Row(
                    "roundtrip-XL",
                    f"ruamel round trip (load, dump, write) of the {x} file",
                    [py, "-c", ROUNDTRIP_FLOOR, str(pristine), str(work / "xl-roundtrip.yaml")],
                    floor=floor,
                    runs=1,
                )
            )
        # Append the day after the last one to the first indicator: the everyday use of `record`.
        record = cli(
            root, "record", generate.XL_REGION, generate.indicator_id(0), "2026-01-01", "5/6", "--source", SOURCE_ARG
        )
        bench.measure(
            Row(
                "record-XL",
                f"record on {x} (appends one observation)",
                record,
                floor=floor,
                before=restore,
                budgets=[Budget("<= 0.3x floor", max_ratio=0.3)],
            )
        )
        restore()
        # The same runs compared with the other floor: shown again, not run again.
        bench.alias(
            "record-XL", Row("record-XL-copy", f"record on {x}, against copying the file", record, floor="copy-XL")
        )


def _load() -> str:
    """The 1-minute load average: other work on the machine shows up in the timings."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="scaled-down data (M/4, L/20, 2xL/20, XL/20), under a minute"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if any budget fails or cannot be measured")
    parser.add_argument(
        "--runs", type=int, default=None, help="runs per row, start-up rows twice as many (default 5, --quick 3)"
    )
    parser.add_argument(
        "--row-seconds",
        type=float,
        default=None,
        help="stop repeating a row once it has used this long (default 75, --quick 4)",
    )
    parser.add_argument("--only", help="comma-separated groups: startup,S,M,L,scaling,C,XL (default all)")
    parser.add_argument(
        "--roundtrip",
        action="store_true",
        help="also time a ruamel round trip of the XL file (minutes, gigabytes): what record used to cost",
    )
    parser.add_argument("--json", type=Path, help="also write the raw timings to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated data and print where it is")
    args = parser.parse_args(argv)
    row_seconds = args.row_seconds if args.row_seconds is not None else (4.0 if args.quick else 75.0)
    args.runs = args.runs if args.runs is not None else (3 if args.quick else 5)

    started = time.perf_counter()
    load_before = _load()
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        bench = Bench(work, args.runs, row_seconds)
        plan(bench, args)
    finally:
        if args.keep:
            print(f"generated data kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Machine: {machine()}")
    print(
        f"Mode: {'--quick (scaled-down data)' if args.quick else 'full'}; up to {args.runs} runs a row, "
        f"fewer once a row has used {row_seconds:g} s; total {time.perf_counter() - started:.0f} s; "
        f"load average {load_before} before, {_load()} after"
    )
    for note in bench.notes:
        print(f"- {note}")
    print()
    print(table(bench))
    if bench.scaling:
        print()
        print(scaling_table(bench, bench.scaling))
    failed = bench.failed()
    print()
    print("Budgets: " + ("all pass" if not failed else f"{len(failed)} not met"))
    for line in failed:
        print(f"- {line}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "quick": args.quick,
                    "notes": bench.notes,
                    "rows": [
                        {
                            "key": k,
                            "label": bench.results[k].row.label,
                            "times": bench.results[k].times,
                            "peak_bytes": bench.results[k].peak,
                            "error": bench.results[k].error,
                            "floor": bench.results[k].row.floor,
                            "ratio": bench.ratio(k),
                            "budgets": [{"budget": b.text, "result": v} for b, v in bench.verdicts(k)],
                        }
                        for _, keys in bench.order
                        for k in keys
                    ],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
