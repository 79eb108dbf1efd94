"""The benchmark of issues 6 and 17: start-up against the floors, and scale with the chronology.

Run it as ``python bench/run.py`` with the interpreter that has shusha installed. It measures what
a user feels, whole processes started the way a user starts them: the ``shusha`` console script
next to ``sys.executable`` (falling back to ``python -m shusha_cli`` when there is none). Each
child is started by a small spawner process and reaped with ``os.wait4``, so its wall time and
its own peak memory (``ru_maxrss``) are known: ``getrusage(RUSAGE_CHILDREN)`` would give the
maximum over all children, and a child of this process would inherit this process's peak.

1. Start-up: after a warm-up, rounds of the four commands of the issue and the floor
   (``python -c "import typer, rich.console, rich.table"``), each round in a rotated order so that
   drift on a busy machine falls on all of them alike; then ``python -X importtime`` for the
   package's own modules and for the imports beyond the floor's.
2. Scale: generated chronologies (bench/generate.py), each timed against libyaml's CSafeLoader
   parsing the same text in this process: the first query (empty cache directory, file just
   touched), a repeated query (cache warm), a narrow repeated query (a few rows), ``--no-cache``
   when the CLI has it, ``validate``, and the peak memory of each; plus an in-process breakdown of
   where a query's time goes.
3. A Markdown table of the figures and of the targets (PASS/FAIL) on stdout, progress on stderr,
   every figure as JSON (bench/results.json unless ``--json``).

Unix only (``os.wait4``). Stdlib and the package only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import io
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import generate
import yaml

BENCH = Path(__file__).resolve().parent
X = "\N{MULTIPLICATION SIGN}"
TOP = "(top level)"
FLOOR_CODE = "import typer, rich.console, rich.table"
STARTUP: list[tuple[str, list[str]]] = [
    ("timeline --from 2020-10-29", ["timeline", "--from", "2020-10-29"]),
    ("place Shusha", ["place", "Shusha"]),
    ("quotes --actor Strelkov", ["quotes", "--actor", "Strelkov"]),
    ("--help", ["--help"]),
    ("timeline --on 2020-11-10", ["timeline", "--on", "2020-11-10"]),
    ("timeline -f json", ["timeline", "-f", "json"]),
    ("export -f json", ["export", "-f", "json"]),
]
SCREENFUL = {"timeline --on 2020-11-10"}
"""Queries that print about one screen: issue 17 holds them to a tighter limit."""
JSON_COMMANDS = {"timeline -f json", "export -f json"}
"""Commands that import neither Rich nor the tables: measured against ``import typer`` alone."""
TYPER_FLOOR_CODE = "import typer"
YQ_QUERY = [".events"]
"""``yq '.events' events.yaml``: the same events as ``timeline -f json``, by a general tool."""
NARROW = ["timeline", "--on", generate.MIDDLE_DAY, "--type", "agreement"]
"""A repeated query that prints a few rows: the cache's path without a table of thousands."""
IMPORTTIME_REAL = ["timeline", "--from", "2020-10-29"]
COLUMNS = "120"
"""The terminal width given to every child, so that table rendering does the same work anywhere."""

# Environment variables that change how fast Python runs, or which data the CLI reads.
DROPPED_ENV = (
    "SHUSHA_DATA",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONTRACEMALLOC",
    "PYTHONDEVMODE",
    "PYTHONMALLOC",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONINSPECT",
    "SHUSHA_NO_CACHE",
)

# Targets of the issue.
STARTUP_LIMIT = 1.3
SCREENFUL_LIMIT = 1.2
JSON_LIMIT = 1.1
FIRST_QUERY_LIMIT = 1.2
REPEATED_10K_LIMIT = 1.5
GROWTH_SLACK = 1.2
"""Each step may grow by 1.2x the size ratio: 12x for a 10x step."""


class BenchError(Exception):
    """A child failed or the setup is unusable: the figures would mean nothing."""


# --- children ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    """One finished child process: wall time from spawn to reap, its own peak RSS, exit code."""

    seconds: float
    maxrss_kib: int
    code: int
    stderr: str


# The spawner: a small Python process, started before this one grows, that runs each child and
# reaps it with wait4. On Linux a child's ru_maxrss starts from the high-water mark of the memory
# of the process that spawned it (it carries over fork and exec), so children spawned from this
# process, once it has parsed a 100 MB file, would all report its peak instead of their own.
SPAWNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["stderr"], "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(job["argv"], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=err, env=job["env"], cwd=job["cwd"])
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps([seconds, usage.ru_maxrss, proc.returncode]), flush=True)
"""


class Spawner:
    """Runs children through the spawner process; one child at a time, stdout to /dev/null."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.proc.stdin is None or self.proc.stdout is None:  # for the type checker
            raise BenchError("could not start the spawner process")
        self.send, self.receive = self.proc.stdin, self.proc.stdout

    def run(self, argv: Sequence[str], env: dict[str, str], cwd: Path) -> Child:
        """Wall time from spawn to reap (measured in the spawner), peak RSS, exit code, stderr."""
        err = self.work / "stderr.txt"
        job = {"argv": list(argv), "env": env, "cwd": str(cwd), "stderr": str(err)}
        self.send.write(json.dumps(job) + "\n")
        self.send.flush()
        line = self.receive.readline()
        if not line:
            raise BenchError("the spawner process died")
        seconds, maxrss, code = json.loads(line)
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        rss = maxrss // 1024 if sys.platform == "darwin" else maxrss
        return Child(seconds, rss, code, err.read_text(encoding="utf-8", errors="replace"))

    def close(self) -> None:
        self.send.close()
        self.proc.wait()


def summary(children: Sequence[Child]) -> dict[str, Any]:
    """Median, min and p90 of wall time, and the peak memory, of repeated runs."""
    times = [c.seconds for c in children]
    p90 = statistics.quantiles(times, n=10, method="inclusive")[-1] if len(times) > 1 else times[0]
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "p90_s": p90,
        "runs": len(times),
        "maxrss_kib": max(c.maxrss_kib for c in children),
        "samples_s": [round(t, 6) for t in times],
    }


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall times of ``fn()`` in this process, the result dropped and collected between runs."""
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        out.append(time.perf_counter() - start)
        del result
        gc.collect()
    return out


@contextmanager
def gc_off() -> Iterator[None]:
    """Switch the cyclic garbage collector off for a diagnostic, and back on after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# --- importtime --------------------------------------------------------------------------------

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


@dataclass
class Imported:
    """One line of ``-X importtime``: a module, its own and its subtree's µs, its importer."""

    name: str
    self_us: int
    cumulative_us: int
    parent: str | None
    order: int


def parse_importtime(stderr: str) -> list[Imported]:
    """Parse ``-X importtime`` output; a module's parent is the import it happened inside.

    A line is printed when its import finishes, after those of its children (indented one step
    more), so the children waiting at depth d+1 belong to the next line at depth d. A module left
    at depth 0 was imported by the ``-c`` code, the ``-m`` module or a function at run time.
    """
    out: list[Imported] = []
    pending: dict[int, list[Imported]] = {}
    for line in stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m is None:
            continue
        depth = (len(m.group(3)) - 1) // 2
        item = Imported(m.group(4), int(m.group(1)), int(m.group(2)), None, len(out))
        for child in pending.pop(depth + 1, []):
            child.parent = item.name
        pending.setdefault(depth, []).append(item)
        out.append(item)
    return out


def is_package(name: str) -> bool:
    return name == "shusha_cli" or name.startswith("shusha_cli.")


def merge_runs(runs: list[list[Imported]]) -> list[dict[str, Any]]:
    """One row per module, with the median self and cumulative time over the runs."""
    rows: dict[str, list[Imported]] = {}
    for run in runs:
        for item in run:
            rows.setdefault(item.name, []).append(item)
    merged: list[dict[str, Any]] = []
    for name, items in rows.items():
        merged.append(
            {
                "module": name,
                "self_us": round(statistics.median(i.self_us for i in items)),
                "cumulative_us": round(statistics.median(i.cumulative_us for i in items)),
                "imported_by": items[0].parent,
                "order": items[0].order,
            }
        )
    merged.sort(key=lambda r: r["order"])
    return merged


def analyse_imports(runs: list[list[Imported]], floor: set[str]) -> dict[str, Any]:
    """The package's own modules, and the roots of the imports the floor does not make.

    A root is a module beyond the floor imported by the package, by a floor module, or by running
    code; its cumulative time holds its own subtree, so roots do not count anything twice.
    Modules finished before the package's first one are the interpreter's (``runpy`` for ``-m``)
    and are left out.
    """
    merged = merge_runs(runs)
    first = next((r["order"] for r in merged if is_package(r["module"])), 0)
    package = [r for r in merged if is_package(r["module"])]
    beyond = {
        r["module"] for r in merged if r["module"] not in floor and not is_package(r["module"])
    }
    roots = [
        r
        for r in merged
        if r["module"] in beyond
        and r["order"] >= first
        and (r["imported_by"] is None or r["imported_by"] not in beyond)
    ]
    roots.sort(key=lambda r: -r["cumulative_us"])
    return {
        "package": [
            {k: r[k] for k in ("module", "self_us", "cumulative_us", "imported_by")}
            for r in package
        ],
        "package_self_us": sum(r["self_us"] for r in package),
        "beyond_floor_total_us": sum(r["cumulative_us"] for r in roots),
        "beyond_floor_modules": len(beyond),
        "beyond_floor_top": [
            {k: r[k] for k in ("module", "self_us", "cumulative_us", "imported_by")}
            for r in roots[:10]
        ],
    }


# --- the machine -------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures depend on: CPU, cores, load, Python and the libraries' versions."""
    cpu = None
    mem_kib = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
                break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for dist in ("shusha", "typer", "rich", "PyYAML", "python-dateutil", "click"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    libyaml = None
    if yaml.__with_libyaml__:
        from yaml import _yaml

        libyaml = str(_yaml.get_version_string())
    try:
        usable: int | None = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        usable = os.cpu_count()
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_mib": round(mem_kib / 1024) if mem_kib else None,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
        "versions": versions,
        "libyaml": libyaml,
        "loadavg_start": list(os.getloadavg()),
    }


# --- the benchmark -----------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Bench:
    """Holds the options, the temporary directories and the command line of ``shusha``."""

    def __init__(
        self, args: argparse.Namespace, work: Path, data_dir: Path, spawner: Spawner
    ) -> None:
        self.args = args
        self.spawner = spawner
        self.work = work
        self.data_dir = data_dir
        script = Path(sys.executable).parent / ("shusha.exe" if os.name == "nt" else "shusha")
        if script.is_file() and os.access(script, os.X_OK):
            self.shusha = [str(script)]
            self.how = f"console script {script}"
        else:
            self.shusha = [sys.executable, "-m", "shusha_cli"]
            self.how = f"{sys.executable} -m shusha_cli (no console script next to the interpreter)"
        self.python = sys.executable
        self.floor = [self.python, "-c", FLOOR_CODE]
        self._caches = 0

    def cache_dir(self) -> Path:
        """A new, empty XDG_CACHE_HOME: the CLI's cache starts cold in it."""
        self._caches += 1
        path = self.work / f"cache-{self._caches}"
        path.mkdir()
        return path

    def env(self, cache: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(XDG_CACHE_HOME=str(cache), COLUMNS=COLUMNS, LINES="50")
        return env

    def run(self, argv: Sequence[str], cache: Path) -> Child:
        """Run one child; a non-zero exit stops the benchmark (its figures would be wrong)."""
        child = self.spawner.run(argv, self.env(cache), self.work)
        if child.code != 0:
            raise BenchError(
                f"exit {child.code} from: {' '.join(argv)}\n{child.stderr.strip()[-2000:]}"
            )
        return child

    def help_text(self) -> str:
        done = subprocess.run(
            [*self.shusha, "--help"],
            capture_output=True,
            text=True,
            check=False,
            env=self.env(self.work),
            cwd=self.work,
        )
        return done.stdout

    # --- 1. start-up ---------------------------------------------------------------------------

    def startup(self) -> dict[str, Any]:
        cache = self.cache_dir()
        cmds = [("floor", self.floor), ("typer floor", [self.python, "-c", TYPER_FLOOR_CODE])]
        cmds += [(label, [*self.shusha, *a]) for label, a in STARTUP]
        yq = shutil.which("yq")
        if yq:
            shipped = BENCH.parent / "data" / "events.yaml"
            cmds.append(("yq", [yq, *YQ_QUERY, str(shipped)]))
        log(f"start-up: warm-up x{self.args.warmup}, then {self.args.runs} interleaved rounds")
        for _ in range(self.args.warmup):
            for _, argv in cmds:
                self.run(argv, cache)
        samples: dict[str, list[Child]] = {label: [] for label, _ in cmds}
        for r in range(self.args.runs):
            shift = r % len(cmds)
            for label, argv in cmds[shift:] + cmds[:shift]:
                samples[label].append(self.run(argv, cache))
        floor = summary(samples["floor"])
        typer_floor = summary(samples["typer floor"])
        commands = {}
        for label, _ in STARTUP:
            s = summary(samples[label])
            s["ratio"] = s["median_s"] / floor["median_s"]
            s["ratio_min"] = s["min_s"] / floor["min_s"]
            s["ratio_typer"] = s["median_s"] / typer_floor["median_s"]
            commands[label] = s
        out = {"floor": floor, "floor_code": FLOOR_CODE, "commands": commands}
        out["typer_floor"] = typer_floor
        out["typer_floor_code"] = TYPER_FLOOR_CODE
        if "yq" in samples:
            out["yq"] = summary(samples["yq"])
            out["yq_command"] = "yq " + " ".join(YQ_QUERY) + " data/events.yaml"
        return out

    def importtime(self) -> dict[str, Any]:
        cache = self.cache_dir()
        n = self.args.importtime_runs
        log(f"importtime: x{n} each of the floor, import shusha_cli.cli, and a real command")

        def runs(argv: list[str]) -> list[list[Imported]]:
            return [parse_importtime(self.run(argv, cache).stderr) for _ in range(n)]

        self.run([self.python, "-m", "shusha_cli", *IMPORTTIME_REAL], cache)  # warm .pyc, cache
        floor_runs = runs([self.python, "-X", "importtime", "-c", FLOOR_CODE])
        floor = {item.name for run in floor_runs for item in run}
        floor_total = statistics.median(
            sum(i.cumulative_us for i in run if i.parent is None) for run in floor_runs
        )
        cli = runs([self.python, "-X", "importtime", "-c", "import shusha_cli.cli"])
        real = runs([self.python, "-X", "importtime", "-m", "shusha_cli", *IMPORTTIME_REAL])
        return {
            "runs": n,
            "floor_modules": len(floor),
            "floor_total_us": round(floor_total),
            "import_cli": analyse_imports(cli, floor),
            "real_command": " ".join(["-m", "shusha_cli", *IMPORTTIME_REAL]),
            "real": analyse_imports(real, floor),
        }

    # --- 2. scale ------------------------------------------------------------------------------

    def repeats(self, events: int) -> int:
        """Fewer runs for the big files: at 100,000 events one query takes minutes."""
        runs = int(self.args.scale_runs)
        return runs if events <= 10_000 else min(runs, 3)

    def scale_one(self, events: int, has_no_cache: bool) -> dict[str, Any]:
        k = self.repeats(events)
        path = self.data_dir / f"events-{events}.yaml"
        log(f"scale {events:,}: generating {path.name}")
        start = time.perf_counter()
        size = generate.write(events, path, self.args.seed)
        gen_s = time.perf_counter() - start
        query = ["--data", str(path), "timeline", "--from", generate.MIDDLE_DAY]
        result: dict[str, Any] = {
            "events": events,
            "bytes": size,
            "file": str(path),
            "generate_s": gen_s,
            "runs": k,
            "query": " ".join(["shusha", *query]),
        }
        log(f"scale {events:,}: validate check ({size / 1e6:.1f} MB)")
        check = self.run([*self.shusha, "--data", str(path), "validate"], self.cache_dir())
        result["valid"] = check.code == 0

        text = path.read_text(encoding="utf-8")
        log(f"scale {events:,}: CSafeLoader baseline x{k} in-process")
        base = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), k)
        result["csafeloader_s"] = {"median_s": statistics.median(base), "min_s": min(base)}
        code = (
            "import sys, yaml; "
            "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
        )
        child = self.run([self.python, "-c", code, str(path)], self.work)
        result["csafeloader_process"] = {"s": child.seconds, "maxrss_kib": child.maxrss_kib}

        log(f"scale {events:,}: first query x{k} (file touched, empty cache each time)")
        firsts = []
        cache = self.work
        for _ in range(k):
            os.utime(path)
            cache = self.cache_dir()
            firsts.append(self.run([*self.shusha, *query], cache))
        result["first_query"] = summary(firsts)
        log(f"scale {events:,}: repeated query x{k} (cache warm)")
        result["repeated_query"] = summary(
            [self.run([*self.shusha, *query], cache) for _ in range(k)]
        )
        if has_no_cache:
            log(f"scale {events:,}: --no-cache query x{k}")
            argv = [*self.shusha, "--no-cache", *query]
            result["no_cache_query"] = summary([self.run(argv, cache) for _ in range(k)])
        log(f"scale {events:,}: narrow query x{k} (cache warm, a few rows)")
        argv = [*self.shusha, "--data", str(path), *NARROW]
        self.run(argv, cache)
        result["narrow_query"] = summary([self.run(argv, cache) for _ in range(k)])
        log(f"scale {events:,}: validate x{k}")
        argv = [*self.shusha, "--data", str(path), "validate"]
        result["validate"] = summary([self.run(argv, cache) for _ in range(k)])

        diag = 1 if events > 10_000 else k
        log(f"scale {events:,}: in-process breakdown x{diag}")
        result["breakdown"] = breakdown(path, text, diag, self.cache_dir())
        gc.collect()
        return result

    def scale(self) -> dict[str, Any]:
        has_no_cache = "--no-cache" in self.help_text()
        if not has_no_cache:
            log("scale: `shusha --help` has no --no-cache; the cache columns are skipped")
        sizes = []
        for events in self.args.sizes:
            sizes.append(self.scale_one(events, has_no_cache))
        for prev, cur in itertools.pairwise(sizes):
            step = cur["events"] / prev["events"]
            ratios: dict[str, float] = {"size": step}
            for key in (
                "first_query",
                "repeated_query",
                "no_cache_query",
                "narrow_query",
                "validate",
            ):
                if key in cur and key in prev:
                    ratios[key] = cur[key]["median_s"] / prev[key]["median_s"]
            ratios["csafeloader"] = (
                cur["csafeloader_s"]["median_s"] / prev["csafeloader_s"]["median_s"]
            )
            ratios["memory"] = cur["first_query"]["maxrss_kib"] / prev["first_query"]["maxrss_kib"]
            cur["growth"] = ratios
        for s in sizes:
            s["first_vs_csafeloader"] = (
                s["first_query"]["median_s"] / s["csafeloader_s"]["median_s"]
            )
        return {"no_cache_option": has_no_cache, "middle_day": generate.MIDDLE_DAY, "sizes": sizes}


def breakdown(path: Path, text: str, repeats: int, cache: Path) -> dict[str, Any]:
    """Where a query's time goes, in this process: compose, model, cache, query, table.

    Each step is timed with the garbage collector on (as the CLI runs) and the two parsing steps
    also with it off, because the collector's passes over millions of new YAML nodes can cost more
    than the parsing itself. Uses the package's internals, so a change there is reported, not
    fatal; the cache is read from ``cache`` (``XDG_CACHE_HOME`` is set for the call).
    """
    out: dict[str, Any] = {}
    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "SHUSHA_NO_CACHE")}
    try:
        from rich.console import Console

        from shusha_cli.core import query
        from shusha_cli.core.reading import parse as load
        from shusha_cli.render import timeline as render_timeline
        from shusha_cli.views import timeline as timeline_view

        def med(fn: Callable[[], object]) -> float:
            return statistics.median(timed(fn, repeats))

        def med_off(fn: Callable[[], object]) -> float:
            with gc_off():
                return statistics.median(timed(fn, repeats))

        out["csafeloader_gc_off_s"] = med_off(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        out["compose_s"] = med(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
        out["compose_gc_off_s"] = med_off(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
        out["load_s"] = med(lambda: load.load(path))
        out["load_gc_off_s"] = med_off(lambda: load.load(path))
        # The cache's hit path, when the package has one (datafile.open_chronology).
        opening = importlib.import_module("shusha_cli.core.reading.opening")
        opener = getattr(opening, "open_chronology", None)
        if opener is not None:
            os.environ["XDG_CACHE_HOME"] = str(cache)
            os.environ.pop("SHUSHA_NO_CACHE", None)
            opener(path)  # fills the cache if it is not yet
            out["cache_hit_s"] = med(lambda: opener(path))
        chron = load.load(path)
        given = query.FilterInput(date_from=generate.MIDDLE_DAY)

        def select() -> object:
            return query.timeline(chron, query.resolve_filter(chron, given))

        out["query_s"] = med(select)
        filt = query.resolve_filter(chron, given)
        events = query.timeline(chron, filt)
        out["events_selected"] = len(events)
        story = timeline_view.timeline(chron, filt)

        def render() -> None:
            console = Console(
                file=io.StringIO(),
                width=int(COLUMNS),
                no_color=True,
                color_system=None,
                markup=False,
                emoji=False,
                highlight=False,
            )
            render_timeline.print_timeline(console, chron, story, full=True)

        out["render_s"] = med(render)
    except Exception as exc:  # the package's internals may have moved: report, do not fail
        out["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out


# --- targets and report ------------------------------------------------------------------------


def targets(startup: dict[str, Any], scale: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured figure, its limit and PASS/FAIL."""
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, unit: str = X) -> None:
        ok = None if value is None else value <= limit
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "pass": ok})

    for label, s in startup["commands"].items():
        if label in JSON_COMMANDS:
            add(f"start-up `shusha {label}` / `import typer`", s["ratio_typer"], JSON_LIMIT)
            yq = startup.get("yq")
            if yq:
                add(f"`shusha {label}` / yq", s["median_s"] / yq["median_s"], 1.0)
        else:
            limit = SCREENFUL_LIMIT if label in SCREENFUL else STARTUP_LIMIT
            add(f"start-up `shusha {label}` / floor", s["ratio"], limit)
    for s in scale["sizes"]:
        add(
            f"first query {s['events']:,} / CSafeLoader",
            s["first_vs_csafeloader"],
            FIRST_QUERY_LIMIT,
        )
    ten_k = next((s for s in scale["sizes"] if s["events"] == 10_000), None)
    floor = startup["floor"]["median_s"]
    # Issue 17: "a cache hit on the 10k-event chronology, for a query that prints one screen":
    # the narrow query (a few rows), not the full timeline of thousands of rows.
    add(
        "cache hit 10,000, one screen (narrow query) / floor",
        ten_k["narrow_query"]["median_s"] / floor if ten_k else None,
        REPEATED_10K_LIMIT,
    )
    for s in scale["sizes"]:
        g = s.get("growth")
        if not g:
            continue
        limit = GROWTH_SLACK * g["size"]
        step = f"{round(s['events'] / g['size']):,}→{s['events']:,}"
        for key, what in (
            ("first_query", "first query time"),
            ("repeated_query", "repeated query time"),
            ("validate", "validate time"),
            ("memory", "peak memory"),
        ):
            add(f"{what} growth {step}", g.get(key), limit)
    return out


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def secs(seconds: float) -> str:
    if seconds >= 100:
        return f"{seconds:.0f}"
    if seconds >= 10:
        return f"{seconds:.1f}"
    return f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}{X}"


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A Markdown table padded to fixed width, so it reads as plain text too."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [("-" * (w - 1) + ":") if r else "-" * w for w, r in zip(widths, right, strict=True)]
    return "\n".join([line(headers), "| " + " | ".join(rule) + " |", *(line(r) for r in rows)])


def import_rows(rows: Sequence[dict[str, Any]]) -> list[list[str]]:
    """Rows of module, self, cumulative, importer; "(top level)" is not inside another import:
    the ``-c`` code, the ``-m`` module, or a function importing lazily at run time."""
    return [
        [r["module"], f"{r['self_us']:,}", f"{r['cumulative_us']:,}", r["imported_by"] or TOP]
        for r in rows
    ]


def report(results: dict[str, Any]) -> str:
    """The whole report as Markdown: machine, start-up, imports, scale, targets."""
    m, st, imp, sc = results["machine"], results["startup"], results["importtime"], results["scale"]
    v = m["versions"]
    parts = [
        "## Machine",
        "",
        md_table(
            ["", ""],
            [
                ["platform", m["platform"]],
                ["CPU", f"{m['cpu']} ({m['cores']} cores, {m['usable_cores']} usable)"],
                ["memory", f"{m['memory_mib']} MiB" if m["memory_mib"] else "unknown"],
                ["load average", f"{m['loadavg_start'][0]:.2f} → {m['loadavg_end'][0]:.2f}"],
                ["Python", m["python"]],
                [
                    "packages",
                    f"shusha {v['shusha']}, typer {v['typer']}, rich {v['rich']}, "
                    f"PyYAML {v['PyYAML']}, python-dateutil {v['python-dateutil']}",
                ],
                ["libyaml", m["libyaml"] or "not available (pure-Python loader)"],
                ["CLI run as", results["how"]],
                ["date", results["started"]],
            ],
            [False, False],
        ),
        "",
        f"## Start-up ({st['floor']['runs']} interleaved runs after warm-up; ms)",
        "",
    ]
    floor = st["floor"]
    rows = [
        [
            'floor: `python -c "' + FLOOR_CODE + '"`',
            ms(floor["median_s"]),
            ms(floor["min_s"]),
            ms(floor["p90_s"]),
            mib(floor["maxrss_kib"]),
            f"1.00{X}",
            f"1.00{X}",
        ]
    ]
    extra = [("typer_floor", 'floor: `python -c "' + TYPER_FLOOR_CODE + '"`')]
    if "yq" in st:
        extra.append(("yq", f"`{st['yq_command']}`"))
    for key, label in extra:
        s = st[key]
        rows.append(
            [
                label,
                ms(s["median_s"]),
                ms(s["min_s"]),
                ms(s["p90_s"]),
                mib(s["maxrss_kib"]),
                ratio(s["median_s"] / floor["median_s"]),
                ratio(s["min_s"] / floor["min_s"]),
            ]
        )
    for label, s in st["commands"].items():
        rows.append(
            [
                f"`shusha {label}`",
                ms(s["median_s"]),
                ms(s["min_s"]),
                ms(s["p90_s"]),
                mib(s["maxrss_kib"]),
                ratio(s["ratio"]),
                ratio(s["ratio_min"]),
            ]
        )
    parts += [
        md_table(
            ["command", "median", "min", "p90", "MiB", f"{X} floor", f"min {X} floor"],
            rows,
            [False, True, True, True, True, True, True],
        ),
        "",
    ]
    for key, title in (
        ("import_cli", '`python -X importtime -c "import shusha_cli.cli"`'),
        ("real", f"`python -X importtime {imp['real_command']}`"),
    ):
        a = imp[key]
        parts += [
            f"### {title} (median of {imp['runs']}; µs)",
            "",
            f"The package's own modules: {a['package_self_us']:,} µs self in total. Beyond the "
            f"floor ({imp['floor_total_us']:,} µs of imports): {a['beyond_floor_modules']} more "
            f"modules, {a['beyond_floor_total_us']:,} µs.",
            "",
            md_table(
                ["package module", "self", "cumulative", "imported by"],
                import_rows(a["package"]),
                [False, True, True, False],
            ),
            "",
        ]
        top = import_rows(a["beyond_floor_top"])
        if top:
            parts += [
                md_table(
                    ["top imports beyond the floor", "self", "cumulative", "imported by"],
                    top,
                    [False, True, True, False],
                ),
                "",
            ]
        else:
            parts += ["No import beyond the floor's.", ""]
    parts += [
        f"## Scale (`shusha --data F timeline --from {sc['middle_day']}`; seconds, MiB)",
        "",
    ]
    if not sc["no_cache_option"]:
        parts += [
            "`shusha --help` has no `--no-cache` yet: no cache, so the repeated query is uncached.",
            "",
        ]
    floor_s = st["floor"]["median_s"]

    def med(s: dict[str, Any], key: str) -> str:
        return secs(s[key]["median_s"]) if key in s else "n/a"

    def peak(s: dict[str, Any], key: str) -> str:
        return mib(s[key]["maxrss_kib"]) if key in s else "n/a"

    parts += [
        md_table(
            ["events", "MB", "CSafeLoader", "first query", "first / CSL", "repeated",
             f"repeated {X} floor", "narrow", f"narrow {X} floor", "no-cache", "validate", "runs"],
            [
                [f"{s['events']:,}", f"{s['bytes'] / 1e6:.1f}",
                 secs(s["csafeloader_s"]["median_s"]), med(s, "first_query"),
                 ratio(s["first_vs_csafeloader"]), med(s, "repeated_query"),
                 ratio(s["repeated_query"]["median_s"] / floor_s), med(s, "narrow_query"),
                 ratio(s["narrow_query"]["median_s"] / floor_s), med(s, "no_cache_query"),
                 med(s, "validate"), str(s["runs"])]
                for s in sc["sizes"]
            ],
            [True] * 12,
        ),
        "",
        f"*narrow*: `shusha --data F {' '.join(NARROW)}` with the cache warm (a few rows), the "
        "cache's path without rendering thousands of rows. Peak memory (MiB, ru_maxrss):",
        "",
        md_table(
            ["events", "CSafeLoader process", "first query", "repeated", "narrow", "no-cache",
             "validate"],
            [
                [f"{s['events']:,}", mib(s["csafeloader_process"]["maxrss_kib"]),
                 peak(s, "first_query"), peak(s, "repeated_query"), peak(s, "narrow_query"),
                 peak(s, "no_cache_query"), peak(s, "validate")]
                for s in sc["sizes"]
            ],
            [True] * 7,
        ),
        "",
    ]  # fmt: skip
    growth = [
        [f"{round(s['events'] / g['size']):,} → {s['events']:,}", ratio(g["size"]),
         ratio(g["csafeloader"]), ratio(g["first_query"]), ratio(g["repeated_query"]),
         ratio(g.get("narrow_query")), ratio(g.get("no_cache_query")), ratio(g["validate"]),
         ratio(g["memory"])]
        for s in sc["sizes"]
        if (g := s.get("growth"))
    ]  # fmt: skip
    if growth:
        parts += [
            "Growth from each size to the next (time: medians; memory: the first query's peak):",
            "",
            md_table(
                ["step", "size", "CSafeLoader", "first query", "repeated", "narrow", "no-cache",
                 "validate", "peak memory"],
                growth,
                [False] + [True] * 8,
            ),
            "",
        ]  # fmt: skip
    keys = ["csafeloader_gc_off_s", "compose_s", "compose_gc_off_s", "load_s", "load_gc_off_s",
            "cache_hit_s", "query_s", "render_s"]  # fmt: skip
    rows = []
    for s in sc["sizes"]:
        b = s["breakdown"]
        if "error" in b:
            rows.append([f"{s['events']:,}", b["error"], *[""] * len(keys)])
            continue
        cells = [secs(b[k]) if k in b else "n/a" for k in keys]
        rows.append([f"{s['events']:,}", *cells, f"{b['events_selected']:,}"])
    parts += [
        "In-process breakdown (seconds): CSafeLoader (CSL) and compose are libyaml alone; load is "
        "`shusha_cli.core.reading.parse.load` (compose + model + checks); cache hit is "
        "`shusha_cli.core.reading.opening.open_chronology` with the cache warm; query selects the "
        "rows; render prints the table of them to memory. *gc off*: with the garbage collector "
        "disabled.",
        "",
        md_table(
            [
                "events",
                "CSL gc off",
                "compose",
                "compose gc off",
                "load",
                "load gc off",
                "cache hit",
                "query",
                "render",
                "rows",
            ],
            rows,
            [True] * 10,
        ),
        "",
        "## Targets",
        "",
        md_table(
            ["target", "measured", "limit", "result"],
            [
                [
                    t["target"],
                    ratio(t["value"]),
                    f"≤ {t['limit']:.2f}{X}",
                    "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL"),
                ]
                for t in results["targets"]
            ],
            [False, True, True, False],
        ),
        "",
    ]
    return "\n".join(parts)


# --- entry point -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    def sizes(text: str) -> list[int]:
        values = [int(part) for part in text.split(",") if part.strip()]
        if not values or min(values) < 1:
            raise argparse.ArgumentTypeError("sizes are positive event counts, e.g. 1000,10000")
        return values

    p = argparse.ArgumentParser(description="Benchmark shusha: start-up against the floor, scale.")
    p.add_argument("--quick", action="store_true", help="a smoke check: fewer runs, sizes 1k,10k")
    p.add_argument("--runs", type=int, help="start-up rounds (default 15; 5 with --quick)")
    p.add_argument("--warmup", type=int, help="warm-up rounds (default 2; 1 with --quick)")
    p.add_argument("--importtime-runs", type=int, help="importtime runs (default 5; 2 --quick)")
    p.add_argument("--scale-runs", type=int, help="runs per scale figure (5, at most 3 above 10k)")
    p.add_argument("--sizes", type=sizes, help="event counts (default 1000,10000,100000)")
    p.add_argument("--seed", type=int, default=2020, help="generator seed (default 2020)")
    p.add_argument("--keep", type=Path, metavar="DIR", help="write generated files here, keep them")
    p.add_argument("--json", type=Path, default=BENCH / "results.json", metavar="OUT")
    args = p.parse_args(argv)
    quick = args.quick
    args.runs = args.runs or (5 if quick else 15)
    args.warmup = args.warmup if args.warmup is not None else (1 if quick else 2)
    args.importtime_runs = args.importtime_runs or (2 if quick else 5)
    args.scale_runs = args.scale_runs or (3 if quick else 5)
    args.sizes = args.sizes or ([1000, 10_000] if quick else [1000, 10_000, 100_000])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "schema": 1,
        "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": machine(),
    }
    with tempfile.TemporaryDirectory(prefix="shusha-bench-") as tmp:
        work = Path(tmp)
        data_dir = args.keep or work
        data_dir.mkdir(parents=True, exist_ok=True)
        spawner = Spawner(work)  # first, while this process is still small
        bench = Bench(args, work, data_dir, spawner)
        results["how"] = bench.how
        log(f"shusha: {bench.how}")
        try:
            results["startup"] = bench.startup()
            results["importtime"] = bench.importtime()
            results["scale"] = bench.scale()
        except BenchError as exc:
            log(f"bench: {exc}")
            return 1
        finally:
            spawner.close()
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    results["targets"] = targets(results["startup"], results["scale"])
    results["duration_s"] = time.perf_counter() - started
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    log(f"wrote {args.json} ({results['duration_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
