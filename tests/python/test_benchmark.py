"""The benchmark: its floor is fair (it computes the marts' headline counts), its bars are
judged right (a made-up slow build fails --check), and it runs end to end on small data.

The full-scale run belongs to `make bench`, not to the test suite.
"""

import gzip
import json
import shutil
import subprocess
import sys

import duckdb

from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import benchmark  # noqa: E402

NORTH_STAR = "select active_customers, observed_orders, items, reordered_items, small_basket_orders from kpi_north_star"
# The same five counts from the core facts, by another path than kpi_north_star's (which sums dim_customers).
CORE_FACTS = """
with orders as (
    select user_id, is_small_basket from fct_orders where is_observed
),
lines as (
    select count(*) as items, count(*) filter (where is_reordered) as reordered_items from fct_order_lines
)
select
    (select count(distinct user_id) from orders),
    (select count(*) from orders),
    lines.items,
    lines.reordered_items,
    (select count(*) filter (where is_small_basket) from orders)
from lines
"""


def mart_counts(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute(sql).fetchone()
    return dict(zip(benchmark.FLOOR_COLUMNS, row))


def test_the_floor_computes_the_marts_counts_on_undated_data(small_dataset, built_warehouse):
    floor = benchmark.floor_counts(small_dataset)
    assert floor["items"] > 0 and floor["small_basket_orders"] > 0  # a count that is always 0 proves nothing
    assert floor == mart_counts(built_warehouse, NORTH_STAR)
    assert floor == mart_counts(built_warehouse, CORE_FACTS)


def test_the_floor_computes_the_marts_counts_on_dated_data(dated_dataset, dated_warehouse):
    floor = benchmark.floor_counts(dated_dataset)
    assert "order_date" in benchmark.floor_sql(dated_dataset)
    assert floor == mart_counts(dated_warehouse, NORTH_STAR)
    assert floor == mart_counts(dated_warehouse, CORE_FACTS)


def test_the_floor_reads_gzipped_files(small_dataset, tmp_path):
    for name in ("orders", "order_products__prior", "order_products__train"):
        with open(small_dataset / f"{name}.csv", "rb") as plain, gzip.open(tmp_path / f"{name}.csv.gz", "wb") as packed:
            shutil.copyfileobj(plain, packed)
    assert ".csv.gz" in benchmark.floor_sql(tmp_path)
    assert benchmark.floor_counts(tmp_path) == benchmark.floor_counts(small_dataset)


def test_a_timed_process_that_writes_more_than_a_pipe_holds_does_not_hang():
    # The floor's progress bar once filled an unread 64 KB pipe and the benchmark waited for ever.
    wall, peak_mb = benchmark.timed_process([sys.executable, "-c", "print('x' * 1_000_000)"])
    assert wall < 30 and peak_mb > 0


def made_up_report(build_s, floor_s=2.0, peak_mb=1700, render_s=3.0, fixed_s=3.0, unit_tests_s=None):
    def step(best, peak=500):
        return {"best_s": best, "runs_s": [best], "peak_mb": peak}

    phases = {
        "start_and_parse_s": 2.0,
        **{name: {"nodes": 1, "span_s": 0.1, "busy_s": 0.1} for name in benchmark.PHASES},
    }
    full = {
        "users": 206209,
        "data_dir": "data/raw",
        "floor": step(floor_s),
        "dbt_build": step(build_s, peak_mb),
        "dbt_build_with_unit_tests": step(unit_tests_s or build_s + 2.0),
        "render_review": step(render_s),
        "build_over_floor": round(build_s / floor_s, 2),
        "build_with_unit_tests_over_floor": round((unit_tests_s or build_s + 2.0) / floor_s, 2),
        "phases": phases,
        "slowest_nodes": [{"node": "model.instacart_kpis.x", "seconds": 1.0}],
    }
    fixed = {**full, "users": 300, "dbt_build": step(fixed_s), "build_over_floor": 1.0}
    return {"machine": {"cores": 2, "memory_gb": 24}, "versions": {}, "full_scale": full, "fixed_cost": fixed}


def check_saved(path):
    """benchmark.py --check on figures saved in a file."""
    command = [sys.executable, "scripts/benchmark.py", "--check", "--from-json", str(path)]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_check_passes_a_build_within_the_bars():
    assert benchmark.check_bars(made_up_report(build_s=11.9, unit_tests_s=15.9)) == []


def test_check_names_every_bar_a_made_up_slow_build_misses(tmp_path):
    report = made_up_report(build_s=14.0, unit_tests_s=18.0, peak_mb=3100, render_s=11.0, fixed_s=4.5)
    missed = benchmark.check_bars(report)
    assert len(missed) == 5
    assert missed[0] == "the weekly dbt build is 7.0x the floor (14.0 s against 2.0 s); the bar is 6.0x"
    assert missed[1] == "dbt build with unit tests is 9.0x the floor (18.0 s against 2.0 s); the bar is 8.0x"
    assert "3100 MB" in missed[2] and "11.0 s" in missed[3] and "300 users takes 4.5 s" in missed[4]

    saved = tmp_path / "slow.json"
    saved.write_text(json.dumps(report))
    result = check_saved(saved)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Bars missed:" in result.stdout and "7.0x the floor" in result.stdout

    # Each figure just within its bar: the ratios at their limits, the rest just under.
    report["full_scale"]["dbt_build"]["best_s"] = 12.0
    report["full_scale"]["build_over_floor"] = 6.0
    report["full_scale"]["dbt_build_with_unit_tests"]["best_s"] = 16.0
    report["full_scale"]["build_with_unit_tests_over_floor"] = 8.0
    report["full_scale"]["dbt_build"]["peak_mb"] = 2900
    report["full_scale"]["render_review"]["best_s"] = 9.9
    report["fixed_cost"]["dbt_build"]["best_s"] = 3.9
    saved.write_text(json.dumps(report))
    result = check_saved(saved)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every bar met" in result.stdout


def test_benchmark_runs_end_to_end_on_small_data(small_dataset, tmp_path):
    report_path = tmp_path / "benchmark.json"
    result = subprocess.run(
        [
            sys.executable,
            "scripts/benchmark.py",
            "--runs",
            "1",
            "--data-dir",
            str(small_dataset),
            "--work-dir",
            str(tmp_path),
            "--json",
            str(report_path),
            "--check",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert report_path.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(report_path.read_text())
    # --check: exit 1 exactly when a bar is missed (on this machine the 300-user build may miss its bar).
    assert result.returncode == (1 if report["missed_bars"] else 0), result.stdout[-3000:] + result.stderr[-3000:]

    full, fixed = report["full_scale"], report["fixed_cost"]
    assert fixed["users"] == benchmark.OVERHEAD_USERS
    for step in ("floor", "dbt_build", "render_review"):
        assert full[step]["runs_s"] == [full[step]["best_s"]] and full[step]["best_s"] > 0
        assert full[step]["peak_mb"] > 0
    assert abs(full["build_over_floor"] - full["dbt_build"]["best_s"] / full["floor"]["best_s"]) <= 0.006

    # Every node of the timed build is in exactly one phase, and the ten slowest are listed.
    results = json.loads((tmp_path / "warehouse" / "bench_given_data" / "target" / "run_results.json").read_text())
    phases = full["phases"]
    assert sum(phases[name]["nodes"] for name in benchmark.PHASES) == len(results["results"])
    # The phases are the weekly build's: data tests, no unit tests; the build with them is timed too.
    assert phases["unit tests"]["nodes"] == 0 and phases["data tests"]["nodes"] > 0
    assert full["dbt_build_with_unit_tests"]["best_s"] > 0 and "build_with_unit_tests_over_floor" in full
    unit_run = json.loads(
        (tmp_path / "warehouse" / "bench_given_data" / "target-with-unit-tests" / "run_results.json").read_text()
    )
    assert any(result["unique_id"].startswith("unit_test.") for result in unit_run["results"])
    assert "dbt_build_with_unit_tests" not in fixed  # the fixed cost is the weekly build's
    assert full["order_lines"] == benchmark.floor_counts(small_dataset)["items"]
    assert full["build_s_per_million_lines"] == round(full["dbt_build"]["best_s"] / full["order_lines"] * 1e6, 3)
    assert sum(phases["node_types"].values()) == len(results["results"])
    assert phases["node_types"].get("unit_test", 0) == phases["unit tests"]["nodes"] == 0
    assert 0 < phases["start_and_parse_s"] < full["dbt_build"]["best_s"]
    assert 0 <= phases["after_last_node_s"] < full["dbt_build"]["best_s"] - phases["start_and_parse_s"]
    slowest = [node["seconds"] for node in full["slowest_nodes"]]
    assert len(slowest) == 10 and slowest == sorted(slowest, reverse=True)
    assert abs(max(result["execution_time"] for result in results["results"]) - slowest[0]) < 0.006

    assert "weekly build / floor" in result.stdout and "ten slowest nodes" in result.stdout
    assert "fixed_cost_build_s" in result.stdout and "nodes run:" in result.stdout
    assert report["missed_bars"] == benchmark.check_bars(report)
    # Nothing is written into the project: datasets and databases go under --work-dir.
    assert not (PROJECT_ROOT / "warehouse" / "bench_given_data").exists()
