"""Measure the performance goals, each as a ratio against a baseline timed in the same run.

    python benchmarks/run.py                     # the full sizes of the goals (about 12 minutes here)
    python benchmarks/run.py --quick             # small sizes, to try the script (under a minute)
    python benchmarks/run.py --write-readme      # and put the table in README.md

It prints each goal's measured ratio beside its target, then a Markdown table for the README with the
machine it ran on. Every timing is the median of several runs (or the one run of a long job); the baselines
are measured in the same run, on the same files, so the ratios hold on a busy machine where the seconds do not.
Every process keeps its bytecode (in the run's scratch folder, whatever PYTHONDONTWRITEBYTECODE says), as an
installed package and frictionless in site-packages do: the first run of each command writes it.

1. import: `python -c "import caucasus_data"` against `python -c "pass"`, fresh processes;
2. load: `cd.load("events", backend="pyarrow")` against `pq.read_table` of the same file, fresh processes;
   `records()` of a 10,000-row table against the pyarrow read of that table;
3. lines: validation/ without the frictionless message templates;
4. the real package: `caucasus-data validate` and `caucasus-data build` of a copy of this checkout against
   `frictionless validate` of its descriptor, whole processes; and, as a reference, `caucasus-data validate`
   of the published folder alone (data/, what frictionless checks) against the same;
5. validation: `caucasus-data validate` against frictionless' validation of the same synthetic package
   (benchmarks/generate.py) of 20,000 and 100,000 articles, clean and with errors injected, each in a fresh
   process, timing the validation call (the median of three processes each, taking turns); the DuckDB
   checks' Table Schema findings must be frictionless' findings, in the same order (`validate` adds the
   package's own checks to them); peak memory (RSS above the RSS once the libraries are imported, edtf's
   grammar built and a first validation of the real package done) against the Parquet size of the package;
6. memory scaling: the validation's peak on 100,000 synthetic articles against its peak on a third of them
   (the median of three processes each);
7. build: `caucasus-data build` of 10,000 and 20,000 synthetic articles with 5,000 curated entities.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


@dataclass
class Goal:
    name: str
    measured: str  # what was timed, in words and seconds
    ratio: float
    target: str
    met: bool
    reference: bool = False  # a measure to read the goals by, with no target of its own


def wall(command: list[str], cwd: Path | None = None) -> float:
    """Seconds a command takes, start to exit; it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns so that load drifts hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # a first run of each warms the file cache
        wall(command)
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(wall(command))
    return {name: statistics.median(values) for name, values in times.items()}


def goal_import(repeat: int) -> Goal:
    t = medians({"bare": [PYTHON, "-c", "pass"], "import": [PYTHON, "-c", "import caucasus_data"]}, repeat)
    ratio = t["import"] / t["bare"]
    return Goal(
        "import caucasus_data",
        f"{t['import'] * 1000:.0f} ms vs bare python {t['bare'] * 1000:.0f} ms",
        ratio,
        "≤ 2",
        ratio <= 2,
    )


def goal_load(repeat: int) -> Goal:
    from caucasus_data.model.locate import installed_root

    path = installed_root() / "events.parquet"
    t = medians(
        {
            "read": [PYTHON, "-c", f"import pyarrow.parquet as pq; pq.read_table({str(path)!r})"],
            "load": [PYTHON, "-c", "import caucasus_data as cd; cd.load('events', backend='pyarrow')"],
        },
        repeat,
    )
    ratio = t["load"] / t["read"]
    return Goal(
        "load(events, pyarrow)",
        f"{t['load'] * 1000:.0f} ms vs pq.read_table {t['read'] * 1000:.0f} ms",
        ratio,
        "≤ 1.25",
        ratio <= 1.25,
    )


def goal_records(package: Path, repeat: int) -> Goal:
    """records() builds its models from an Arrow table; here the table is a 10,000-row synthetic one."""
    import pyarrow.parquet as pq

    from caucasus_data.reader.records import as_records

    path = package / "data" / "mentions.parquet"
    rows = pq.read_metadata(path).num_rows

    def timed(work) -> float:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    as_records("mentions", pq.read_table(path))  # builds the record model once, as a first call would
    read = timed(lambda: pq.read_table(path))
    records = timed(lambda: as_records("mentions", pq.read_table(path)))
    ratio = records / read
    return Goal(
        f"records() of {rows:,} rows",
        f"{records * 1000:.1f} ms vs pq.read_table {read * 1000:.1f} ms",
        ratio,
        "< 10",
        ratio < 10,
    )


def run_worker(kind: str, package: Path) -> dict:
    """A validation in a fresh process (see `worker`): its findings, seconds and memory."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([PYTHON, __file__, "--worker", kind, str(package), out.name], check=True)
        return json.loads(Path(out.name).read_text(encoding="utf-8"))


def worker(kind: str, package: Path, out: Path) -> None:
    """Validate `package` the fast way (what `caucasus-data validate` runs) or frictionless' way, and write
    the findings and the peak RSS above the RSS once the libraries are imported."""
    import resource

    from caucasus_data.validation import connect, validate
    from caucasus_data.validation.content import content_findings  # noqa: F401
    from caucasus_data.validation.tableschema import check

    def fast_findings(root):
        with connect(root) as con:
            return check(con, root)

    from caucasus_data.validation.tabular import frictionless_findings

    def rss_kib() -> int:
        return int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))

    # A first validation of the small real package loads most modules the work needs (frictionless loads
    # plugins when it first reads a package); edtf, which reads only the dates outside EDTF level 0, is
    # imported and builds its grammar here too (about 7 MiB, whatever the package). What is above that is what
    # this package needs.
    from caucasus_data.model.dates import bounds
    from caucasus_data.model.locate import installed_root

    validate(installed_root()) if kind != "reference" else frictionless_findings(installed_root())
    bounds("2021?")  # a level 1 date: the edtf package parses it
    imported = rss_kib()
    start = time.perf_counter()
    if kind == "fast":
        validate(package, per_file_limit=None)
    else:
        reference = frictionless_findings(package)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # What the DuckDB checks puts in place of frictionless (validate adds the package's own checks).
    findings = fast_findings(package).findings if kind == "fast" else reference
    out.write_text(
        json.dumps(
            {
                "findings": [dataclasses.astuple(f) for f in findings],
                "seconds": seconds,
                "memory": (peak - imported) * 1024,
            }
        ),
        encoding="utf-8",
    )


def compare(fast: list, reference: list) -> str | None:
    """None when the DuckDB checks's findings are frictionless' findings, in the same order."""
    if fast == reference:
        return None
    ours, theirs = set(map(tuple, fast)), set(map(tuple, reference))
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    return f"{len(missing)} missing (e.g. {missing[:1]}), {len(extra)} extra (e.g. {extra[:1]}), or in another order"


def goal_validation(articles: int, work: Path, runs: int = 3) -> list[Goal]:
    """Each side's median of `runs` fresh processes taking turns: one run's time moves by about a tenth, as
    much as the goal's margin."""
    goals = []
    for errors in (0, 300):
        package = work / f"package-{articles}-{errors}"
        generate(package, "--articles", str(articles), "--errors", str(errors), "--parquet")
        parquet = sum(p.stat().st_size for p in (package / "data").glob("*.parquet"))
        turns = [(run_worker("fast", package), run_worker("reference", package)) for _ in range(runs)]
        fast, reference = (_median_run([turn[side] for turn in turns]) for side in (0, 1))
        difference = compare(fast["findings"], reference["findings"])
        label = "with errors" if errors else "clean"
        ratio = reference["seconds"] / fast["seconds"]
        same = "the same findings" if difference is None else f"DIFFERENT findings: {difference}"
        goals.append(
            Goal(
                f"validate {articles:,} articles, {label}",
                f"{fast['seconds']:.1f} s vs frictionless {reference['seconds']:.1f} s, "
                f"{len(reference['findings']):,} frictionless findings, {same}",
                ratio,
                "≥ 10 faster",
                ratio >= 10 and difference is None,
            )
        )
        memory = fast["memory"] / parquet
        goals.append(
            Goal(
                f"validate memory, {articles:,} articles, {label}",
                f"peak {fast['memory'] / 2**20:.0f} MiB vs Parquet {parquet / 2**20:.0f} MiB",
                memory,
                "< 2",
                memory < 2,
            )
        )
    return goals


def _median_run(results: list[dict]) -> dict:
    """The first run's findings with the median seconds and memory of all (each run finds the same)."""
    if any(r["findings"] != results[0]["findings"] for r in results):
        raise RuntimeError("two runs of the same validation found different findings")
    middle = {key: statistics.median(r[key] for r in results) for key in ("seconds", "memory")}
    return results[0] | middle


def goal_lines() -> Goal:
    """The validation's code: validation/*.py without the frictionless message templates (messages.py)."""
    folder = REPO / "src" / "caucasus_data" / "validation"
    files = sorted(p for p in folder.glob("*.py") if p.name != "messages.py")
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    return Goal(
        "validation/ lines (without messages.py)",
        f"{lines:,} lines in {len(files)} modules",
        lines / 1000,
        "≤ 1 (1,000 lines)",
        lines <= 1000,
    )


def goal_real_package(work: Path, repeat: int) -> list[Goal]:
    """The everyday run: `caucasus-data validate` and `build` of a copy of this checkout, against
    `frictionless validate` of its descriptor, whole processes."""
    import shutil

    copy = work / "checkout"
    for part in ("seeds", "curated", "schemas", "data", "datapackage.json"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, copy / part)
    command = [PYTHON, "-m", "caucasus_data"]
    t = medians(
        {
            "validate": [*command, "validate", str(copy)],
            "frictionless": [str(Path(PYTHON).parent / "frictionless"), "validate", str(copy / "datapackage.json")],
            "build": [*command, "build", "--root", str(copy)],
            "published": [*command, "validate", str(copy / "data")],
        },
        repeat,
    )
    speed, build = t["frictionless"] / t["validate"], t["build"] / t["validate"]
    published = t["frictionless"] / t["published"]
    return [
        Goal(
            "validate the real package",
            f"{t['validate']:.2f} s vs frictionless validate {t['frictionless']:.2f} s",
            speed,
            "≥ 3 faster",
            speed >= 3,
        ),
        Goal(
            "build the real package",
            f"{t['build']:.2f} s vs its validate {t['validate']:.2f} s",
            build,
            "≤ 1.5",
            build <= 1.5,
        ),
        Goal(
            "validate the real package's published folder alone",
            f"{t['published']:.2f} s vs frictionless validate {t['frictionless']:.2f} s (the curated inputs unchecked)",
            published,
            "reference",
            True,
            reference=True,
        ),
    ]


def goal_memory_scaling(articles: int, work: Path) -> Goal:
    """The validation's peak at three times the rows against its peak at a third of them, each the median of
    three fresh processes taking turns (one process's peak varies by a sixth from run to run)."""
    packages = [work / f"scaling-{size}" for size in (articles // 3, articles)]
    for package, size in zip(packages, (articles // 3, articles)):
        generate(package, "--articles", str(size))
    runs: list[list[float]] = [[], []]
    for _ in range(3):
        for n, package in enumerate(packages):
            runs[n].append(run_worker("fast", package)["memory"])
    peaks = [statistics.median(r) for r in runs]
    ratio = peaks[1] / peaks[0]
    return Goal(
        f"validate memory, {articles:,} vs {articles // 3:,} articles",
        f"peak {peaks[1] / 2**20:.0f} MiB vs {peaks[0] / 2**20:.0f} MiB",
        ratio,
        "≤ 1.3",
        ratio <= 1.3,
    )


def goal_build(sizes: tuple[int, int], work: Path) -> Goal:
    seconds = []
    for size in sizes:
        inputs = work / f"inputs-{size}"
        generate(inputs, "--inputs", "--articles", str(size), "--entities", "5000")
        seconds.append(wall([PYTHON, "-m", "caucasus_data", "build", "--root", str(inputs)]))
    ratio = seconds[1] / seconds[0]
    return Goal(
        f"build {sizes[1]:,} vs {sizes[0]:,} articles",
        f"{seconds[1]:.1f} s vs {seconds[0]:.1f} s (5,000 entities)",
        ratio,
        "≤ 2.2",
        ratio <= 2.2,
    )


def generate(out: Path, *args: str) -> None:
    subprocess.run([PYTHON, str(HERE / "generate.py"), str(out), *args], check=True, stderr=subprocess.DEVNULL)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {datetime.date.today().isoformat()}"
    )


def table(goals: list[Goal]) -> str:
    lines = ["| goal | measured | ratio | target | met |", "|---|---|---|---|---|"]
    lines += [f"| {g.name} | {g.measured} | {g.ratio:.2f} | {g.target} | {_met(g)} |" for g in goals]
    return "\n".join(lines) + f"\n\nMachine: {machine()}.\n"


def _met(goal: Goal) -> str:
    return "-" if goal.reference else "yes" if goal.met else "no"


def write_readme(text: str) -> None:
    readme = REPO / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = content.index(README_START) + len(README_START), content.index(README_END)
    readme.write_text(content[:start] + "\n" + text + content[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: try the script, not the goals")
    parser.add_argument("--write-readme", action="store_true", help="put the table in README.md")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PACKAGE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return 0
    repeat, articles, sizes = (5, 2_000, (1_000, 2_000)) if args.quick else (21, 100_000, (10_000, 20_000))
    validated = (articles,) if args.quick else (20_000, articles)
    goals = []
    with tempfile.TemporaryDirectory(prefix="caucasus-bench-") as tmp:
        work = Path(tmp)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")  # the checkout's tree stays as it is
        for step in (
            lambda: [goal_import(repeat)],
            lambda: [goal_load(repeat)],
            lambda: [goal_records(_records_package(work), repeat)],
            lambda: goal_real_package(work, repeat),
            lambda: [goal_lines()],
            *(partial(goal_validation, size, work, 1 if args.quick else 3) for size in validated),
            lambda: [goal_memory_scaling(articles, work)],
            lambda: [goal_build(sizes, work)],
        ):
            for goal in step():
                goals.append(goal)
                verdict = (
                    "(reference)" if goal.reference else f"(target {goal.target}) " + ("met" if goal.met else "NOT MET")
                )
                print(f"{goal.name}: {goal.ratio:.2f} {verdict} - {goal.measured}", flush=True)
    text = table(goals)
    print("\n" + text)
    if args.write_readme:
        write_readme(text)
    return 0 if all(g.met for g in goals) else 1


def _records_package(work: Path) -> Path:
    package = work / "records"
    generate(package, "--articles", "1000", "--parquet")  # 10 mentions an article: 10,000 rows
    return package


if __name__ == "__main__":
    sys.exit(main())
