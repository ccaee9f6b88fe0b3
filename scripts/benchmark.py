"""Benchmark the whole path at full scale: the weekly dbt build and the review against the floor.

The floor (FLOOR_SQL, defined here once) is one DuckDB pass over the CSVs that yields the
headline counts: both line files read once and grouped by order, joined to the orders,
giving active customers, observed orders, items, reordered items and small baskets. It is
the least work any implementation of the KPIs must do. The floor, the weekly build (`dbt
build --exclude-resource-type unit_test`, as `make run` runs it), `dbt build` with the unit
tests (as a user may type it) and render_review.py each run as a whole process, side by side
in the same run, best of three by default; each ratio is best build / best floor. The
weekly build on 300 generated users measures dbt's fixed cost (start-up, parsing, one query
per node), which does not grow with the data. --scale N runs the full-scale steps on N times
the release's users (generated once into data/bench/), to see how the build grows: the
report gives the seconds per million order lines.

For the best weekly build it prints each phase (start and parse, hooks, seeds, staging,
intermediate, marts, data tests, unit tests: wall-clock span and the nodes' summed time)
and the ten slowest nodes, from dbt's run_results.json; peak memory is the whole process
tree's resident memory, sampled every 50 ms. --check exits 1 when a bar is missed:

  weekly build / floor <= 6, with unit tests <= 8, build peak < 3 GB, render < 10 s,
  the 300-user weekly build < 4 s.

Examples:
  python scripts/benchmark.py                       # full scale (data/raw), best of 3
  python scripts/benchmark.py --runs 1              # one run each, quicker
  python scripts/benchmark.py --check               # and exit 1 past a bar
  python scripts/benchmark.py --scale 3 --runs 1    # three times the release (~620K users, ~100M lines)
  python scripts/benchmark.py --check --from-json reports/benchmark.json   # judge saved figures
"""

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from project_vars import project_vars  # scripts/ is on the path when run

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FULL_USERS = 206_209
OVERHEAD_USERS = 300
# The weekly build, as `make run` runs it: models, seeds and data tests (unit tests check the
# SQL on fixed inputs, not the week's data; make test runs them).
WEEKLY_BUILD = ["build", "--exclude-resource-type", "unit_test"]
# `dbt build` as a user may type it: the unit tests too.
BUILD_WITH_UNIT_TESTS = ["build"]
BARS = {
    "build_over_floor": 6.0,  # best weekly build / best floor, at most
    "build_with_unit_tests_over_floor": 8.0,  # best build with unit tests / best floor, at most
    "build_peak_gb": 3.0,  # either build's peak memory, under
    "render_s": 10.0,  # render_review.py, under
    "fixed_cost_build_s": 4.0,  # the weekly build on 300 users, under
}

# One read of both line files grouped by order, joined to the orders: the headline counts.
FLOOR_SQL = """
with lines as (
    select
        order_id,
        count(*) as line_count,
        sum(reordered) as reordered_count
    from read_csv(
        ['{prior}', '{train}'],
        header = true,
        columns = {{'order_id': 'INTEGER', 'product_id': 'INTEGER', 'add_to_cart_order': 'INTEGER',
                    'reordered': 'INTEGER'}}
    )
    group by order_id
)
select
    count(distinct orders.user_id) as active_customers,
    count(*) as observed_orders,
    sum(line_count) as items,
    sum(reordered_count) as reordered_items,
    count(*) filter (where line_count <= {small_basket_max_lines}) as small_basket_orders
from lines
inner join read_csv(
    '{orders}',
    header = true,
    columns = {{'order_id': 'INTEGER', 'user_id': 'INTEGER', 'eval_set': 'VARCHAR', 'order_number': 'INTEGER',
                'order_dow': 'INTEGER', 'order_hour_of_day': 'INTEGER',
                'days_since_prior_order': 'DOUBLE'{date_column}}}
) as orders
    on lines.order_id = orders.order_id
"""
FLOOR_COLUMNS = ["active_customers", "observed_orders", "items", "reordered_items", "small_basket_orders"]

# Phases of a build, by the kind and folder of each node in run_results.json.
PHASES = ["hooks", "seeds", "staging", "intermediate", "marts", "data tests", "unit tests"]


def raw_file(data_dir, name):
    """A raw file of the folder as the build reads it: name.csv, else name.csv.gz."""
    plain, gzipped = Path(data_dir) / f"{name}.csv", Path(data_dir) / f"{name}.csv.gz"
    return gzipped if gzipped.exists() and not plain.exists() else plain


def floor_sql(data_dir):
    """FLOOR_SQL for one data folder (orders.csv may carry an eighth column, order_date; any file may be .gz)."""
    orders = raw_file(data_dir, "orders")
    with (gzip.open if orders.suffix == ".gz" else open)(orders, "rt", encoding="utf-8") as handle:
        dated = "order_date" in handle.readline()
    return FLOOR_SQL.format(
        orders=orders.as_posix(),
        prior=raw_file(data_dir, "order_products__prior").as_posix(),
        train=raw_file(data_dir, "order_products__train").as_posix(),
        date_column=", 'order_date': 'DATE'" if dated else "",
        small_basket_max_lines=int(project_vars()["small_basket_max_lines"]),
    )


def floor_counts(data_dir):
    """The floor's headline counts, as a dict (the same numbers kpi_north_star holds)."""
    import duckdb

    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        row = con.sql(floor_sql(data_dir)).fetchone()
    return dict(zip(FLOOR_COLUMNS, row))


def log(message):
    print(message, file=sys.stderr, flush=True)


def tree_rss_bytes(root_pid):
    """Resident memory of a process and all its descendants, summed (from /proc)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError):
            continue
    total, stack = 0, [root_pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page
        except OSError:
            pass
        stack.extend(children.get(pid, []))
    return total


def timed_process(command, env=None):
    """Run a command; return (wall seconds, peak tree RSS in MB). Stops on a non-zero exit.

    Its output goes to a temporary file, not a pipe: a pipe nobody reads while the process runs
    fills at 64 KB (a progress bar, a long dbt log) and blocks the process for good.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_bytes(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            output.seek(0)
            sys.exit(f"ERROR: {' '.join(map(str, command))} exited {process.returncode}:\n{output.read()[-4000:]}")
    return round(wall, 2), round(peak / 1e6)


def best_of(samples):
    """Best (least) wall time of the runs, every run's time, and the largest peak."""
    return {
        "best_s": min(wall for wall, _ in samples),
        "runs_s": [wall for wall, _ in samples],
        "peak_mb": max(rss for _, rss in samples),
    }


def phase_of(result, manifest_nodes):
    unique_id = result["unique_id"]
    kind = unique_id.split(".", 1)[0]
    if kind == "operation":
        return "hooks"
    if kind == "seed":
        return "seeds"
    if kind == "unit_test":
        return "unit tests"
    if kind == "test":
        return "data tests"
    path = manifest_nodes.get(unique_id, {}).get("original_file_path", "")
    for layer in ("staging", "intermediate", "marts"):
        if path.startswith(f"models/{layer}/"):
            return layer
    return "marts"


def parse_time(stamp):
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def build_phases(target_dir, wall_s, started=None):
    """The build's phases and slowest nodes from run_results.json (the run just timed).

    started is when the process was started (UTC): the time before the first node is then dbt's
    start-up and parse, the time after the last its wrap-up (artefacts, exit). Without it the
    start and parse is the wall time outside run_results' elapsed_time.
    """
    results = json.loads((target_dir / "run_results.json").read_text())
    manifest = json.loads((target_dir / "manifest.json").read_text())
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    phases = {name: {"nodes": 0, "busy_s": 0.0, "first": None, "last": None} for name in PHASES}
    node_types = {}
    for result in results["results"]:
        kind = result["unique_id"].split(".", 1)[0]
        node_types[kind] = node_types.get(kind, 0) + 1
        phase = phases[phase_of(result, nodes)]
        phase["nodes"] += 1
        phase["busy_s"] += result["execution_time"]
        for timing in result.get("timing", []):
            began, ended = parse_time(timing["started_at"]), parse_time(timing["completed_at"])
            phase["first"] = began if phase["first"] is None else min(phase["first"], began)
            phase["last"] = ended if phase["last"] is None else max(phase["last"], ended)
    firsts = [phase["first"] for phase in phases.values() if phase["first"]]
    lasts = [phase["last"] for phase in phases.values() if phase["last"]]
    if started is not None and firsts:
        figures = {
            "start_and_parse_s": round((min(firsts) - started).total_seconds(), 2),
            "after_last_node_s": round(wall_s - (max(lasts) - started).total_seconds(), 2),
        }
    else:
        figures = {"start_and_parse_s": round(wall_s - results["elapsed_time"], 2)}
    figures["node_types"] = dict(sorted(node_types.items()))
    for name, phase in phases.items():
        span = (phase["last"] - phase["first"]).total_seconds() if phase["first"] else 0.0
        if name == "hooks":
            span = phase["busy_s"]  # they run at the start and at the end: their span is the whole build
        figures[name] = {"nodes": phase["nodes"], "span_s": round(span, 2), "busy_s": round(phase["busy_s"], 2)}
    ranked = sorted(results["results"], key=lambda r: r["execution_time"], reverse=True)[:10]
    slowest = [{"node": r["unique_id"], "seconds": round(r["execution_time"], 2)} for r in ranked]
    return figures, slowest


def ensure_data(data_dir, users):
    """Generate the dataset for this size once; reuse it afterwards."""
    if raw_file(data_dir, "orders").exists():  # .csv or .csv.gz: never generate beside a user's files
        return
    log(f"  generating {users:,} users into {data_dir}")
    command = [str(BIN / "python"), "scripts/generate_data.py", "--out", str(data_dir), "--quiet"]
    if users != FULL_USERS:
        command += ["--users", str(users)]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True)


def bench_setup(users, root, data_dir=None):
    """Data folder (generated once) and a private database, target and log folder for this size."""
    name = f"bench_{users}" if data_dir is None else "bench_given_data"
    if data_dir is None:
        data_dir = PROJECT_ROOT / "data/raw" if users == FULL_USERS else root / "data/bench" / f"users_{users}"
        ensure_data(data_dir, users)
    work_dir = root / "warehouse" / name
    work_dir.mkdir(parents=True, exist_ok=True)
    db_path = work_dir / "instacart.duckdb"
    env = dict(
        os.environ,
        INSTACART_DATA_DIR=str(data_dir),
        INSTACART_DUCKDB_PATH=str(db_path),
        DBT_TARGET_PATH=str(work_dir / "target"),
        DBT_LOG_PATH=str(work_dir / "logs"),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
    )
    return data_dir, work_dir, db_path, env


def bench_build(users, runs, root, skip_render=False, data_dir=None, unit_tests=True):
    """Floor, weekly build, build with unit tests (unless unit_tests is false) and render side by
    side, `runs` times each; best of each."""
    data_dir, work_dir, db_path, env = bench_setup(users, root, data_dir)
    floor_script = (
        "import duckdb; con = duckdb.connect(); con.execute('set enable_progress_bar = false'); "
        f"print(con.sql({floor_sql(data_dir)!r}).fetchall())"
    )
    # The build with unit tests keeps its artefacts apart: the phases are the weekly build's.
    unit_test_env = dict(env, DBT_TARGET_PATH=str(work_dir / "target-with-unit-tests"))
    floor, build, with_unit_tests, render = [], [], [], []
    best_phases, best_wall = None, None
    for run in range(1, runs + 1):
        log(f"  {data_dir.name}, run {run}/{runs}: floor query")
        floor.append(timed_process([str(BIN / "python"), "-c", floor_script], env))
        log(f"  {data_dir.name}, run {run}/{runs}: weekly dbt build (no unit tests)")
        started = datetime.now(UTC)
        build.append(timed_process([str(BIN / "dbt"), *WEEKLY_BUILD], env))
        if best_wall is None or build[-1][0] < best_wall:
            best_wall = build[-1][0]
            best_phases = build_phases(work_dir / "target", best_wall, started)
        if unit_tests:
            log(f"  {data_dir.name}, run {run}/{runs}: dbt build with unit tests")
            with_unit_tests.append(timed_process([str(BIN / "dbt"), *BUILD_WITH_UNIT_TESTS], unit_test_env))
        if not skip_render:
            log(f"  {data_dir.name}, run {run}/{runs}: render_review.py")
            command = [str(BIN / "python"), "scripts/render_review.py", "--db", str(db_path)]
            render.append(timed_process([*command, "--output-dir", str(work_dir / "reports"), "--quiet"], env))
    lines = floor_counts(data_dir)["items"]
    figures = {
        "users": users,
        "data_dir": str(data_dir),
        "order_lines": lines,
        "floor": best_of(floor),
        "dbt_build": best_of(build),
        "phases": best_phases[0],
        "slowest_nodes": best_phases[1],
    }
    if with_unit_tests:
        figures["dbt_build_with_unit_tests"] = best_of(with_unit_tests)
    if render:
        figures["render_review"] = best_of(render)
    figures["build_over_floor"] = round(figures["dbt_build"]["best_s"] / figures["floor"]["best_s"], 2)
    if with_unit_tests:
        best = figures["dbt_build_with_unit_tests"]["best_s"]
        figures["build_with_unit_tests_over_floor"] = round(best / figures["floor"]["best_s"], 2)
    figures["build_s_per_million_lines"] = round(figures["dbt_build"]["best_s"] / max(lines, 1) * 1e6, 3)
    return figures


def judge_bars(report):
    """Each bar with its measured figure: (name, measured, limit, met, sentence). A pure function."""
    full, fixed = report["full_scale"], report["fixed_cost"]
    ratio, build, floor = full["build_over_floor"], full["dbt_build"]["best_s"], full["floor"]["best_s"]
    fixed_s = fixed["dbt_build"]["best_s"]
    builds = [full[step] for step in ("dbt_build", "dbt_build_with_unit_tests") if step in full]
    peak_mb = max(step["peak_mb"] for step in builds)
    judged = [
        (
            "build_over_floor",
            ratio,
            BARS["build_over_floor"],
            ratio <= BARS["build_over_floor"],
            f"the weekly dbt build is {ratio}x the floor ({build} s against {floor} s); "
            f"the bar is {BARS['build_over_floor']}x",
        )
    ]
    if "dbt_build_with_unit_tests" in full:
        ratio_unit, build_unit = full["build_with_unit_tests_over_floor"], full["dbt_build_with_unit_tests"]["best_s"]
        limit = BARS["build_with_unit_tests_over_floor"]
        judged.append(
            (
                "build_with_unit_tests_over_floor",
                ratio_unit,
                limit,
                ratio_unit <= limit,
                f"dbt build with unit tests is {ratio_unit}x the floor ({build_unit} s against {floor} s); "
                f"the bar is {limit}x",
            )
        )
    judged.append(
        (
            "build_peak_gb",
            round(peak_mb / 1000, 2),
            BARS["build_peak_gb"],
            peak_mb / 1000 < BARS["build_peak_gb"],
            f"dbt build peaks at {peak_mb} MB; the bar is under {BARS['build_peak_gb']} GB",
        )
    )
    if "render_review" in full:
        render_s = full["render_review"]["best_s"]
        judged.append(
            (
                "render_s",
                render_s,
                BARS["render_s"],
                render_s < BARS["render_s"],
                f"render_review.py takes {render_s} s; the bar is under {BARS['render_s']} s",
            )
        )
    judged.append(
        (
            "fixed_cost_build_s",
            fixed_s,
            BARS["fixed_cost_build_s"],
            fixed_s < BARS["fixed_cost_build_s"],
            f"the weekly dbt build on {fixed['users']} users takes {fixed_s} s (dbt's fixed cost); "
            f"the bar is under {BARS['fixed_cost_build_s']} s",
        )
    )
    return judged


def check_bars(report):
    """The bars a report misses, each as one sentence (empty when it meets them all)."""
    return [sentence for _, _, _, met, sentence in judge_bars(report) if not met]


STEP_NAMES = {
    "floor": "floor",
    "dbt_build": "weekly build",
    "dbt_build_with_unit_tests": "build with unit tests",
    "render_review": "render_review",
}


def print_report(report):
    machine = report["machine"]
    print(f"\nMachine: {machine['cores']} cores, {machine['memory_gb']} GB; {report['versions']}")
    for label, key in (("Full scale", "full_scale"), (f"Fixed cost ({OVERHEAD_USERS} users)", "fixed_cost")):
        figures = report[key]
        runs = len(figures["dbt_build"]["runs_s"])
        print(f"\n{label}: {figures['data_dir']}, best of {runs}")
        print(f"  {'step':<26} {'best s':>7}  {'runs s':<22} {'peak MB':>8}")
        for step in ("floor", "dbt_build", "dbt_build_with_unit_tests", "render_review"):
            if step in figures:
                s = figures[step]
                runs_text = ", ".join(f"{wall:g}" for wall in s["runs_s"])
                print(f"  {STEP_NAMES[step]:<26} {s['best_s']:>7}  {runs_text:<22} {s['peak_mb']:>8}")
        print(f"  weekly build / floor = {figures['build_over_floor']}x", end="")
        if "build_with_unit_tests_over_floor" in figures:
            print(f"; with unit tests {figures['build_with_unit_tests_over_floor']}x", end="")
        print()
        if "order_lines" in figures:
            print(
                f"  {figures['order_lines']:,} order lines: "
                f"{figures['build_s_per_million_lines']} s of weekly build per million lines"
            )
        phases = figures["phases"]
        print("  phases of the best weekly build (span: first start to last end; busy: nodes' time summed):")
        print(f"    {'start and parse':<16} {phases['start_and_parse_s']:>7} s  (before the first node)")
        for name in PHASES:
            phase = phases[name]
            print(f"    {name:<16} {phase['span_s']:>7} s span, {phase['busy_s']:>7} s busy, {phase['nodes']:>4} nodes")
        if "after_last_node_s" in phases:
            print(f"    {'wrap-up':<16} {phases['after_last_node_s']:>7} s  (after the last node: artefacts, exit)")
        if "node_types" in phases:
            types = ", ".join(f"{count} {kind}" for kind, count in phases["node_types"].items())
            print(f"  nodes run: {sum(phases['node_types'].values())} ({types})")
        print("  ten slowest nodes:")
        for node in figures["slowest_nodes"]:
            print(f"    {node['seconds']:>6} s  {node['node']}")


def print_bars(report):
    print("\nBars:")
    for name, measured, limit, met, _ in judge_bars(report):
        relation = "at most" if name.endswith("_over_floor") else "under"
        print(f"  {'met   ' if met else 'MISSED'} {name:<32} {measured:>8}  ({relation} {limit})")
    missed = check_bars(report)
    if missed:
        print("\nBars missed:")
        for sentence in missed:
            print(f"  - {sentence}")
    else:
        print("\nEvery bar met.")
    return missed


def versions():
    import dbt.version
    import duckdb

    return {"python": platform.python_version(), "dbt_core": dbt.version.__version__, "duckdb": duckdb.__version__}


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each step; the best counts (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar is missed (see below)")
    parser.add_argument("--skip-render", action="store_true", help="time the floor and dbt build only")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="the full-scale steps on this many times the release's users (default 1: data/raw); "
        "other scales are generated once into data/bench/ under --work-dir",
    )
    parser.add_argument(
        "--json", help="where to write the figures (default: reports/benchmark.json, reports/benchmark-3x.json at 3x)"
    )
    parser.add_argument("--from-json", type=Path, help="print and --check figures saved earlier; run nothing")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the full-scale data folder (default: data/raw, generated there when empty)",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=PROJECT_ROOT,
        help="where the 300-user dataset (data/bench/) and the benchmark databases (warehouse/bench_*) go "
        "(default: the project)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    if args.scale != 1 and args.data_dir:
        parser.error("--scale generates its own data: give --scale or --data-dir, not both")
    scale_label = f"{args.scale:g}x"
    json_path = args.json or ("reports/benchmark.json" if args.scale == 1 else f"reports/benchmark-{scale_label}.json")

    if args.from_json:
        report = json.loads(args.from_json.read_text())
    else:
        root = args.work_dir.resolve()
        report = {
            "machine": {
                "cores": os.cpu_count(),
                "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                "platform": platform.platform(),
            },
            "versions": versions(),
        }
        log(f"==> dbt's fixed cost: the weekly build on {OVERHEAD_USERS} users")
        report["fixed_cost"] = bench_build(OVERHEAD_USERS, args.runs, root, skip_render=True, unit_tests=False)
        users = round(FULL_USERS * args.scale)
        log(f"==> Full scale ({scale_label}, {users:,} users): floor, weekly build, build with unit tests, render")
        data_dir = args.data_dir.resolve() if args.data_dir else None
        report["full_scale"] = bench_build(users, args.runs, root, args.skip_render, data_dir)
        report["full_scale"]["scale"] = args.scale
        if data_dir:
            report["full_scale"]["users"] = None  # a given folder: its size is what it holds
        report["missed_bars"] = check_bars(report)
        out = Path(json_path) if Path(json_path).is_absolute() else PROJECT_ROOT / json_path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n")
        log(f"wrote {out}")

    print_report(report)
    missed = print_bars(report)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
