"""Benchmark the whole path at full scale: dbt build and render_review.py against the floor.

The floor is one DuckDB query computing the headline numbers (active customers,
observed orders, items, reordered items, small baskets) straight from the CSVs: the
least work any implementation must do. Each step runs as a whole process, several
times; the table shows median, min and max wall time and the peak memory of the
process tree (the process and everything it starts, summed, sampled every 50 ms).
The same `dbt build` on 300 generated users measures dbt's own fixed cost (start-up,
parsing, one query per node), which does not grow with the data.

Examples:
  python scripts/benchmark.py                     # full scale, 3 runs each
  python scripts/benchmark.py --runs 1            # one run each, quicker
  python scripts/benchmark.py --scale 0.25,0.5,1  # how time and memory grow with the lines
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FULL_USERS = 206_209
OVERHEAD_USERS = 300
# The weekly build, as `make build` runs it (unit tests run in `make test`).
DBT_BUILD = ["build", "--exclude-resource-type", "unit_test"]
BIN = Path(sys.executable).parent

FLOOR_SQL = """
with lines as (
    select order_id, count(*) as line_count, sum(reordered) as reordered_count
    from read_csv(['{data}/order_products__prior.csv', '{data}/order_products__train.csv'],
                  header = true, columns = {{'order_id': 'INTEGER', 'product_id': 'INTEGER',
                  'add_to_cart_order': 'INTEGER', 'reordered': 'INTEGER'}})
    group by order_id
)
select
    count(distinct orders.user_id) as active_customers,
    count(*) as observed_orders,
    sum(line_count) as items,
    sum(reordered_count) as reordered_items,
    count(*) filter (where line_count <= 3) as small_baskets
from lines
join read_csv('{data}/orders.csv', header = true, columns = {{'order_id': 'INTEGER', 'user_id': 'INTEGER',
              'eval_set': 'VARCHAR', 'order_number': 'INTEGER', 'order_dow': 'INTEGER',
              'order_hour_of_day': 'INTEGER', 'days_since_prior_order': 'DOUBLE'{date_column}}}) as orders
    using (order_id)
"""


def order_date_column(data_dir):
    """The floor's extra column for a dated orders.csv (an eighth column, order_date), else nothing."""
    with open(Path(data_dir) / "orders.csv", encoding="utf-8") as handle:
        return ", 'order_date': 'DATE'" if "order_date" in handle.readline() else ""


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
    """Run a command; return (wall seconds, peak tree RSS in MB). Fails loudly on a non-zero exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_bytes(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    output = process.stdout.read()
    if process.returncode != 0:
        sys.exit(f"ERROR: {' '.join(map(str, command))} exited {process.returncode}:\n{output[-4000:]}")
    return wall, peak / 1e6


def summarise(samples):
    walls = [wall for wall, _ in samples]
    return {
        "median_s": round(statistics.median(walls), 2),
        "min_s": round(min(walls), 2),
        "max_s": round(max(walls), 2),
        "peak_rss_mb": round(max(rss for _, rss in samples)),
        "runs": len(samples),
    }


def ensure_data(data_dir, users):
    """Generate the dataset for this scale once; reuse it afterwards."""
    if (data_dir / "orders.csv").exists():
        return
    log(f"  generating {users:,} users into {data_dir}")
    command = [str(BIN / "python"), "scripts/generate_data.py", "--out", str(data_dir), "--quiet"]
    if users != FULL_USERS:
        command += ["--users", str(users)]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True)


def count_lines(data_dir):
    import duckdb

    with duckdb.connect() as con:
        return con.sql(
            f"select count(*) from read_csv(['{data_dir}/order_products__prior.csv', "
            f"'{data_dir}/order_products__train.csv'], header = true, all_varchar = true)"
        ).fetchone()[0]


def slowest_nodes(target_dir, top=5):
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    return [{"node": r["unique_id"], "seconds": round(r["execution_time"], 2)} for r in ranked]


def bench_setup(users, root):
    """Data folder (generated once) and a private database, target and log folder for this size."""
    data_dir = PROJECT_ROOT / "data/raw" if users == FULL_USERS else root / "data/bench" / f"users_{users}"
    ensure_data(data_dir, users)
    work_dir = root / "warehouse" / f"bench_{users}"
    work_dir.mkdir(parents=True, exist_ok=True)
    db_path = work_dir / "instacart.duckdb"
    env = dict(os.environ, INSTACART_DATA_DIR=str(data_dir), INSTACART_DUCKDB_PATH=str(db_path),
               DBT_TARGET_PATH=str(work_dir / "target"), DBT_LOG_PATH=str(work_dir / "logs"),
               DBT_PROFILES_DIR=str(PROJECT_ROOT))
    return data_dir, work_dir, db_path, env


def bench_overhead(runs, root):
    """dbt build on a dataset too small to cost anything: what every build pays before the data."""
    _, _, _, env = bench_setup(OVERHEAD_USERS, root)
    samples = []
    for run in range(1, runs + 1):
        log(f"  dbt's fixed cost: run {run}/{runs}: dbt build on {OVERHEAD_USERS} users")
        samples.append(timed_process([str(BIN / "dbt"), *DBT_BUILD], env))
    return summarise(samples)


def bench_scale(fraction, runs, skip_render, overhead, root):
    users = FULL_USERS if fraction == 1 else round(FULL_USERS * fraction)
    data_dir, work_dir, db_path, env = bench_setup(users, root)

    floor_sql = FLOOR_SQL.format(data=data_dir, date_column=order_date_column(data_dir))
    floor_script = f"import duckdb; con = duckdb.connect(); print(con.sql({floor_sql!r}).fetchall())"
    floor, build, render = [], [], []
    for run in range(1, runs + 1):
        log(f"  scale {fraction}: run {run}/{runs}: floor query")
        floor.append(timed_process([str(BIN / "python"), "-c", floor_script], env))
        log(f"  scale {fraction}: run {run}/{runs}: dbt build")
        build.append(timed_process([str(BIN / "dbt"), *DBT_BUILD], env))
        if not skip_render:
            log(f"  scale {fraction}: run {run}/{runs}: render_review.py")
            render.append(timed_process([str(BIN / "python"), "scripts/render_review.py", "--db", str(db_path),
                                         "--out", str(work_dir / "reports"), "--quiet"], env))
    figures = {
        "fraction": fraction,
        "users": users,
        "order_lines": count_lines(data_dir),
        "floor": summarise(floor),
        "dbt_build": summarise(build),
        "slowest_dbt_nodes": slowest_nodes(work_dir / "target"),
    }
    if render:
        figures["render_review"] = summarise(render)
    figures["build_over_floor"] = round(figures["dbt_build"]["median_s"] / figures["floor"]["median_s"], 2)
    # The part of the build that grows with the data, against the floor.
    figures["build_less_fixed_cost_over_floor"] = round(
        (figures["dbt_build"]["median_s"] - overhead["median_s"]) / figures["floor"]["median_s"], 2)
    return figures


def versions():
    import dbt.version
    import duckdb

    return {"python": platform.python_version(), "dbt_core": dbt.version.__version__, "duckdb": duckdb.__version__}


def print_table(report):
    print(f"\nMachine: {report['machine']['cores']} cores, {report['machine']['memory_gb']} GB; {report['versions']}")
    header = f"{'scale':>5} {'lines':>12} {'step':<14} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8}"
    print(header + "\n" + "-" * len(header))
    o = report["dbt_fixed_cost"]
    print(f"{'-':>5} {OVERHEAD_USERS:>12,} {'dbt fixed cost':<14} {o['median_s']:>9} {o['min_s']:>7} {o['max_s']:>7} "
          f"{o['peak_rss_mb']:>8}   (dbt build on {OVERHEAD_USERS} users)")
    for scale in report["scales"]:
        for step in ("floor", "dbt_build", "render_review"):
            if step in scale:
                s = scale[step]
                print(f"{scale['fraction']:>5} {scale['order_lines']:>12,} {step:<14} {s['median_s']:>9} "
                      f"{s['min_s']:>7} {s['max_s']:>7} {s['peak_rss_mb']:>8}")
        print(f"{'':>5} {'':>12} build / floor = {scale['build_over_floor']}x; "
              f"(build - dbt fixed cost) / floor = {scale['build_less_fixed_cost_over_floor']}x")
        print("      slowest dbt nodes: " + ", ".join(f"{n['node'].split('.')[-1]} {n['seconds']}s" for n in scale["slowest_dbt_nodes"]))
    if len(report["scales"]) > 1:
        fixed = report["dbt_fixed_cost"]["median_s"]
        print(f"\nGrowth with the number of lines (seconds per million lines; build less dbt's fixed {fixed} s):")
        for scale in report["scales"]:
            millions = scale["order_lines"] / 1e6
            print(f"  {scale['fraction']:>5}: build {(scale['dbt_build']['median_s'] - fixed) / millions:.2f} s/M lines, "
                  f"floor {scale['floor']['median_s'] / millions:.2f} s/M lines, "
                  f"build peak {scale['dbt_build']['peak_rss_mb']} MB")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=textwrap.dedent(__doc__.split("Examples:")[1]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="1", help="comma-separated fractions of the full user count (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each step per scale (default 3)")
    parser.add_argument("--skip-render", action="store_true", help="time the floor and dbt build only")
    parser.add_argument("--json", default="reports/benchmark.json", help="where to write the figures")
    parser.add_argument("--work-dir", type=Path, default=PROJECT_ROOT,
                        help="where the scaled-down datasets (data/bench/) and the benchmark databases "
                             "(warehouse/bench_*) go (default: the project; full scale always reads data/raw)")
    args = parser.parse_args(argv)

    fractions = [float(part) for part in args.scale.split(",")]
    if any(not 0 < f <= 1 for f in fractions):
        parser.error("--scale takes fractions in (0, 1], e.g. 0.25,0.5,1")
    report = {
        "machine": {"cores": os.cpu_count(),
                    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "platform": platform.platform()},
        "versions": versions(),
        "scales": [],
    }
    log("==> Measuring dbt's fixed cost")
    report["dbt_fixed_cost"] = bench_overhead(args.runs, args.work_dir.resolve())
    for fraction in sorted(fractions):
        log(f"==> Benchmarking at scale {fraction}")
        report["scales"].append(bench_scale(fraction, args.runs, args.skip_render, report["dbt_fixed_cost"],
                                             args.work_dir.resolve()))
    out = PROJECT_ROOT / args.json
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    print(f"\nWrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
