"""Build the project on DuckDB and on Spark from the same generated data, and compare the marts.

`make test-spark` runs this. It generates a small dated dataset, writes into it the raw-input
cases each engine reads its own way (plant_raw_input_cases), runs `dbt build` (models, seeds,
data tests and unit tests) on the default DuckDB target and on the `spark` target
(dbt-spark's session method, a local Spark on two cores), then compares every value of the
scorecard, weekly and attribution marts and of the data-quality and data-source marts, row
by row: counts and other whole numbers, texts, dates and flags equal; ratios and other
fractions within 1e-9 relative (docs/spark.md). Exits 1 naming each difference, or a failed
build with its log's tail.

The Spark tables are read from the Parquet files the build wrote into its warehouse folder
(no second Spark session, so no wait for a JVM and no lock on the Derby metastore).
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).with_name("dbt")
RELATIVE_TOLERANCE = 1e-9
# Below this size two floats are both rounding noise around zero (an LMDI or shift-share
# term that is exactly 0 on one engine can be 1e-17 on the other).
ABSOLUTE_FLOOR = 1e-12

# Each compared mart and the columns that identify its rows.
MARTS = {
    "kpi_north_star": ["as_of_date"],
    "kpi_scorecard": ["metric_id"],
    "kpi_guardrails": ["metric_id"],
    "kpi_metric_values": ["grain", "period_start", "segment", "metric_id"],
    "kpi_metric_comparisons": ["grain", "period_start", "segment", "metric_id"],
    "kpi_segments": ["grain", "period_start", "segment_name"],
    "kpi_sensitivity": ["driver_id"],
    "kpi_metric_tree": ["node_id"],
    "kpi_customer_order_counts": ["observed_orders", "segment_name"],
    "kpi_playbook": ["metric_id", "check_order"],
    "kpi_weekly_scorecard": ["week_start", "metric_id"],
    "kpi_weekly_basket_sizes": ["week_start", "items_in_order"],
    "kpi_wow_attribution": ["week_start", "component_type", "component", "effect"],
    "kpi_what_moved": ["week_start", "split", "component", "effect"],
    "kpi_metric_signals": ["week_start", "segment", "metric_id"],
    "kpi_exceptions": ["week_start", "kind", "metric_id", "segment"],
    "fct_data_quality": ["source_file"],
    "fct_rejected_rows_by_reason": ["source_file", "rejection_reason"],
    "fct_data_source": ["data_dir"],
    "dim_products": ["product_id"],
}
# A line longer than this is set aside (var raw_line_max_bytes, lowered so a planted line is cheap).
RAW_LINE_MAX_BYTES = 1000


def plant_raw_input_cases(data_dir):
    """Raw-input cases the engines read each their own way, written into the generated files:
    orders.csv with every field quoted, products whose quoted name runs over two lines, one
    line too long to read and one not UTF-8, and an annotations.csv whose text runs over two
    lines. The thresholds stay as they are: a few rows set aside of 50,000 products."""
    orders = data_dir / "orders.csv"
    lines = orders.read_text(encoding="utf-8").splitlines()
    orders.write_text("".join(",".join(f'"{field}"' for field in line.split(",")) + "\n" for line in lines))
    products = data_dir / "products.csv"
    text = products.read_bytes()
    next_id = 1 + max(int(line.split(b",", 1)[0]) for line in text.splitlines()[1:])
    products.write_bytes(
        text
        + f'{next_id},"Two-line\nproduct, ""quoted""",1,1\n'.encode()
        + f"{next_id + 1},{'x' * (RAW_LINE_MAX_BYTES + 200)},1,1\n".encode()
        + f"{next_id + 2},Caf\xe9,1,1\n".encode("latin-1")
    )
    (data_dir / "annotations.csv").write_text(
        "date,metric,kind,author,text\n"
        '2026-11-16,vpac,event,Growth Lead,"Checkout change, ""v2""\nrolled out"\n'
        "2026-11-17,all,comment,Data Team,Late export\n",
        encoding="utf-8",
    )


def run_build(label, args, env, log_file):
    """Run one dbt build; its output goes to log_file. Returns the seconds it took."""
    started = time.monotonic()
    with open(log_file, "w") as log:
        result = subprocess.run(
            [str(DBT), "build", *args], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        tail = Path(log_file).read_text(errors="replace").splitlines()[-60:]
        print(f"FAILED: dbt build on {label} (exit {result.returncode}); the log's end ({log_file}):")
        print("\n".join(line for line in tail if " WARN " not in line))
        sys.exit(1)
    print(f"==> dbt build on {label}: passed in {seconds:.0f} s")
    return seconds


def base_env(data_dir, work_dir):
    env = dict(os.environ)
    env.update(
        INSTACART_DATA_DIR=str(data_dir),
        INSTACART_DUCKDB_PATH=str(work_dir / "duckdb" / "instacart.duckdb"),
        INSTACART_SPARK_DIR=str(work_dir / "spark"),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        DBT_PROJECT_DIR=str(PROJECT_ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def read_duckdb(db_path, table, keys):
    with duckdb.connect(str(db_path), read_only=True) as con:
        return fetch(con, f"main.{table}", keys)


def read_spark(spark_dir, table, keys):
    folder = spark_dir / "tables" / "instacart.db" / table
    with duckdb.connect() as con:
        return fetch(con, f"read_parquet('{folder}/*.parquet')", keys)


def fetch(con, source, keys):
    relation = con.sql(f"select * from {source} order by {', '.join(keys)}")
    columns = [column.lower() for column in relation.columns]
    return columns, relation.fetchall()


def values_agree(left, right):
    """Equal, or both floats within the relative tolerance (or both below the floor)."""
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, float) or isinstance(right, float):
        if isinstance(left, bool) or isinstance(right, bool):
            return left == right
        left, right = float(left), float(right)
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        if abs(left) < ABSOLUTE_FLOOR and abs(right) < ABSOLUTE_FLOOR:
            return True
        return abs(left - right) <= RELATIVE_TOLERANCE * max(abs(left), abs(right))
    return left == right


def compare(db_path, spark_dir):
    """Differences between the two builds' marts, as sentences; also the count of values compared."""
    problems, compared = [], 0
    for table, keys in MARTS.items():
        found_before = len(problems)
        duck_columns, duck_rows = read_duckdb(db_path, table, keys)
        spark_columns, spark_rows = read_spark(spark_dir, table, keys)
        if duck_columns != spark_columns:
            problems.append(f"{table}: columns differ: DuckDB {duck_columns}, Spark {spark_columns}")
            continue
        if len(duck_rows) != len(spark_rows):
            problems.append(f"{table}: {len(duck_rows)} rows on DuckDB, {len(spark_rows)} on Spark")
            continue
        for duck_row, spark_row in zip(duck_rows, spark_rows):
            key = {column: duck_row[duck_columns.index(column)] for column in keys}
            for column, left, right in zip(duck_columns, duck_row, spark_row):
                compared += 1
                if not values_agree(left, right):
                    problems.append(f"{table} {key}: {column} is {left!r} on DuckDB, {right!r} on Spark")
        if len(problems) == found_before:
            print(f"    {table}: {len(duck_rows)} rows x {len(duck_columns)} columns agree")
    return problems, compared


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500, help="users in the generated data (default 500)")
    parser.add_argument("--seed", type=int, default=7, help="the generator's seed (default 7)")
    parser.add_argument(
        "--work-dir",
        default=str(PROJECT_ROOT / "warehouse" / "engine-check"),
        help="folder for the data, both warehouses and their logs, emptied first (default warehouse/engine-check)",
    )
    args = parser.parse_args()
    started = time.monotonic()
    work_dir = Path(args.work_dir).resolve()
    shutil.rmtree(work_dir, ignore_errors=True)
    (work_dir / "duckdb").mkdir(parents=True)
    data_dir = work_dir / "raw"
    subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "scripts" / "generate_data.py"),
            "--users",
            str(args.users),
            "--seed",
            str(args.seed),
            "--out",
            str(data_dir),
            "--quiet",
        ],
        check=True,
    )
    plant_raw_input_cases(data_dir)
    print(f"==> Generated a dated dataset of {args.users} users into {data_dir} (raw-input cases planted)")
    env = base_env(data_dir, work_dir)
    dbt_vars = ["--vars", json.dumps({"raw_line_max_bytes": RAW_LINE_MAX_BYTES})]
    run_build(
        "DuckDB",
        [
            *dbt_vars,
            "--target-path",
            str(work_dir / "duckdb" / "target"),
            "--log-path",
            str(work_dir / "duckdb" / "logs"),
        ],
        env,
        work_dir / "duckdb" / "build.log",
    )
    run_build(
        "Spark",
        [
            *dbt_vars,
            "--target",
            "spark",
            "--target-path",
            str(work_dir / "spark" / "target"),
            "--log-path",
            str(work_dir / "spark" / "logs"),
        ],
        env,
        work_dir / "spark-build.log",
    )
    problems, compared = compare(work_dir / "duckdb" / "instacart.duckdb", work_dir / "spark")
    seconds = time.monotonic() - started
    if problems:
        print(f"FAILED: {len(problems)} value(s) differ between DuckDB and Spark (of {compared}):")
        print("\n".join(f"  {problem}" for problem in problems[:100]))
        sys.exit(1)
    print(
        f"==> DuckDB and Spark agree on {len(MARTS)} marts, {compared} values "
        f"(whole numbers, texts, dates equal; fractions to {RELATIVE_TOLERANCE:g} relative) in {seconds:.0f} s"
    )


if __name__ == "__main__":
    main()
