"""The semantic layer (MetricFlow) on a small built warehouse, checked against the marts.

`mf` runs as a user runs it (validate-configs, saved queries, `mf query --metrics ...`) on
one build of a small dated order log in which some baskets are withheld (so the measures'
observed-order filter has something to leave out), and every answer is compared with what
the project already computes, as ratios of sums equal to rounding: the snapshot with kpi_north_star
and kpi_scorecard, the segments with kpi_segments, the trailing window by week with
kpi_weekly and kpi_weekly_scorecard. MetricFlow's own weeks (metric_time__week: the orders
dated in the ISO week, not kpi_weekly's 28-day window), the order-number bands and a query
by department are checked against SQL on the core marts. The metrics' words and facts must
come from seed metric_definitions.
"""

import csv
import json
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import DATED_SEED, DATED_USERS, PROJECT_ROOT, dbt_env, generate, run_dbt

MF = Path(sys.executable).with_name("mf")
REL_TOL = 1e-9
# Seed metrics MetricFlow does not define: a customer's "only order to date" needs their
# whole history up to each period, which no measure over the period's rows can see.
NOT_IN_METRICFLOW = {"one_time_customer_share"}
SCORECARD = [
    "vpac",
    "orders_per_customer",
    "items_per_order",
    "reordered_items_per_order",
    "new_items_per_order",
    "reorder_rate",
    "small_basket_share",
    "median_days_between_orders",
    "active_customers",
    "observed_orders",
    "items",
]
RATIOS = ["orders_per_customer", "items_per_order", "vpac", "reorder_rate", "small_basket_share"]


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def value_of(column, text):
    """A group-by column (named entity__dimension) stays text; a metric is a number, empty for none."""
    if "__" in column:
        return text
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)


def close(actual, expected):
    if expected is None:
        return actual is None
    return actual == pytest.approx(expected, rel=REL_TOL, abs=1e-12)


def read_seed():
    with open(PROJECT_ROOT / "seeds" / "metric_definitions.csv", newline="", encoding="utf-8") as handle:
        return {row["metric_id"]: row for row in csv.DictReader(handle)}


def withhold_last_baskets(data_dir, every=7):
    """Make every `every`-th customer's last order a test order and remove its lines, as the
    release withholds its test baskets: a customer whose only order it was is not active."""
    with open(data_dir / "orders.csv", newline="", encoding="utf-8") as handle:
        orders = list(csv.DictReader(handle))
    last = {}
    for order in orders:
        user = order["user_id"]
        if int(user) % every == 0 and int(order["order_number"]) > int(
            last.get(user, {"order_number": 0})["order_number"]
        ):
            last[user] = order
    for order in last.values():
        order["eval_set"] = "test"
    withheld = {order["order_id"] for order in last.values()}
    lines_path = data_dir / "order_products__train.csv"
    with open(lines_path, newline="", encoding="utf-8") as handle:
        lines = [line for line in csv.DictReader(handle) if line["order_id"] not in withheld]
    for path, rows in ((data_dir / "orders.csv", orders), (lines_path, lines)):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """The dated order log conftest generates (3,000 users), some baskets withheld, built once:
    its data folder, database and work folder (target/ and logs/)."""
    work_dir = tmp_path_factory.mktemp("semantic")
    data_dir = generate(work_dir / "raw", users=DATED_USERS, seed=DATED_SEED, undated=False)
    withhold_last_baskets(data_dir)
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data_dir, db_path, work_dir)
    return data_dir, db_path, work_dir


@pytest.fixture(scope="module")
def warehouse(build):
    return build[1]


@pytest.fixture(scope="module")
def mf(build, tmp_path_factory):
    """Run one mf command on the build; a query returns its rows as dicts."""
    # mf reads <project>/target/semantic_manifest.json whatever DBT_TARGET_PATH says, so it
    # runs in a folder holding the project file and this build's target, never the
    # project's own target/ (another build's).
    data_dir, db_path, work_dir = build
    project = tmp_path_factory.mktemp("mf_project")
    (project / "dbt_project.yml").symlink_to(PROJECT_ROOT / "dbt_project.yml")
    (project / "target").symlink_to(work_dir / "target", target_is_directory=True)
    env = dbt_env(data_dir, db_path, work_dir)
    env["DBT_PROJECT_DIR"] = str(project)
    out_dir = tmp_path_factory.mktemp("mf_out")
    calls = []

    def run(*args):
        command = [str(MF), *args]
        csv_path = None
        if args[0] == "query":
            csv_path = out_dir / f"query_{len(calls)}.csv"
            command += ["--csv", str(csv_path), "--quiet"]
        calls.append(args)
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"mf {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
        if csv_path is None:
            return result.stdout
        with open(csv_path, newline="", encoding="utf-8") as handle:
            return [{column: value_of(column, text) for column, text in row.items()} for row in csv.DictReader(handle)]

    return run


def week_of(text):
    return datetime.fromisoformat(text).date()


def test_metrics_yaml_is_what_the_generator_writes_from_the_seed():
    result = subprocess.run(
        [sys.executable, "scripts/generate_semantic_metrics.py", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_metric_carries_the_seed_facts_and_every_element_a_description(build):
    manifest = json.loads((build[2] / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    seed = read_seed()
    metrics = {metric["name"]: metric for metric in manifest["metrics"]}
    assert set(seed) - NOT_IN_METRICFLOW <= set(metrics), "every seed metric but the listed ones is a MetricFlow metric"
    for name, metric in metrics.items():
        meta = metric["config"]["meta"]
        seed_id = meta["seed_metric_id"]
        assert metric["description"], name
        if seed_id is None:
            assert "owner" not in meta, f"{name} is an input with no seed row, so it names no owner"
            continue
        row = seed[seed_id]
        assert (meta["owner"], meta["tier"], meta["metric_type"], meta["unit"], meta["direction"]) == (
            row["owner_role"],
            row["tier"],
            row["metric_type"],
            row["unit"],
            row["direction"],
        ), name
        assert metric["label"].startswith(row["display_name"]), name
        assert metric["description"].startswith(row["display_name"]), name
        assert row["formula"][1:] in metric["description"], name
    for model in manifest["semantic_models"]:
        assert model["description"], model["name"]
        for element in model["entities"] + model["dimensions"] + model["measures"]:
            assert element["description"], f"{model['name']}.{element['name']}"
    for saved_query in manifest["saved_queries"]:
        assert saved_query["description"], saved_query["name"]


def test_the_data_has_orders_and_customers_the_metrics_must_leave_out(warehouse):
    (row,) = query(
        warehouse,
        """
        select
            (select count(*) from fct_orders where not is_observed) as unobserved_orders,
            (select count(*) from dim_customers where not is_active) as inactive_customers,
    """,
    )
    assert row["unobserved_orders"] > 0 and row["inactive_customers"] > 0


def test_validate_configs_passes(mf):
    output = mf("validate-configs")
    assert "Successfully validated the semantics of built manifest (ERRORS: 0" in output


def test_scorecard_equals_the_snapshot_marts(mf, warehouse):
    (row,) = mf("query", "--saved-query", "scorecard")
    assert set(row) == set(read_seed()) - NOT_IN_METRICFLOW == set(SCORECARD)
    north_star = query(warehouse, "select * from kpi_north_star")[0]
    scorecard = {r["metric_id"]: r["value"] for r in query(warehouse, "select metric_id, value from kpi_scorecard")}
    for metric, value in row.items():
        assert close(value, north_star[metric]), metric
        assert close(value, scorecard[metric]), metric
    assert close(row["vpac"], row["orders_per_customer"] * row["items_per_order"])


def test_every_metric_by_segment_equals_kpi_segments(mf, warehouse):
    saved = mf("query", "--saved-query", "segment_table")
    rows = {
        r["customer__segment"]: r
        for r in mf("query", "--metrics", ",".join(SCORECARD), "--group-by", "customer__segment")
    }
    segments = {r["segment_name"]: r for r in query(warehouse, "select * from kpi_segments where customers > 0")}
    medians = {
        r["segment_name"]: r["median_days"]
        for r in query(
            warehouse,
            """
        select
            customers.segment_name,
            median(orders.days_since_prior_order) filter (where not orders.is_first_order) as median_days,
        from fct_orders as orders
        inner join dim_customers as customers
            on orders.user_id = customers.user_id
        group by customers.segment_name
    """,
        )
    }
    assert [r["customer__segment"] for r in saved] == sorted(segments, key=lambda s: segments[s]["sort_order"])
    for row in saved:
        mart = segments[row["customer__segment"]]
        assert (row["active_customers"], row["observed_orders"], row["items"]) == (
            mart["customers"],
            mart["orders"],
            mart["items"],
        ), row["customer__segment"]
        for metric in RATIOS:
            assert close(row[metric], mart[metric]), (row["customer__segment"], metric)
    # Customers with no observed order have no segment: their orders are a null row counting nothing.
    assert set(rows) == set(segments) | {""}
    assert (rows[""]["active_customers"], rows[""]["observed_orders"], rows[""]["items"]) == (0, 0, 0)
    for name, mart in segments.items():
        o, i, r = mart["orders"], mart["items"], mart["reordered_items"]
        expected = {
            "active_customers": mart["customers"],
            "observed_orders": o,
            "items": i,
            **{metric: mart[metric] for metric in RATIOS},
            "reordered_items_per_order": r / o,
            "new_items_per_order": (i - r) / o,
            "median_days_between_orders": medians[name],
        }
        for metric, value in expected.items():
            assert close(rows[name][metric], value), (name, metric)


def test_iso_weeks_equal_sql_on_fct_orders(mf, warehouse):
    """metric_time__week counts the orders dated in the ISO week (Monday to Sunday)."""
    rows = mf(
        "query",
        "--metrics",
        ",".join(SCORECARD + ["vpac_wow_change", "vpac_wow_relative_change"]),
        "--group-by",
        "metric_time__week",
    )
    by_sql = {
        r["week_start"]: r
        for r in query(
            warehouse,
            """
        select
            cast(date_trunc('week', order_date) as date) as week_start,
            count(distinct user_id) filter (where is_observed) as active_customers,
            count(*) filter (where is_observed) as observed_orders,
            sum(line_count) as items,
            sum(reordered_line_count) as reordered_items,
            count(*) filter (where is_small_basket) as small_basket_orders,
            median(days_since_prior_order) filter (where not is_first_order) as median_days_between_orders,
        from fct_orders
        group by 1
    """,
        )
    }
    weeks = {week_of(r["metric_time__week"]): r for r in rows}
    assert set(weeks) == set(by_sql)
    assert all(week.weekday() == 0 for week in weeks)
    for week, row in weeks.items():
        sql = by_sql[week]
        c, o, i, r = sql["active_customers"], sql["observed_orders"], sql["items"], sql["reordered_items"]
        expected = {
            "active_customers": c,
            "observed_orders": o,
            "items": i,
            "orders_per_customer": o / c,
            "items_per_order": i / o,
            "vpac": i / c,
            "reordered_items_per_order": r / o,
            "new_items_per_order": (i - r) / o,
            "reorder_rate": r / i,
            "small_basket_share": sql["small_basket_orders"] / o,
            "median_days_between_orders": sql["median_days_between_orders"],
        }
        for metric, value in expected.items():
            assert close(row[metric], value), (week, metric)
        last_week = by_sql.get(week - timedelta(days=7))
        last_vpac = last_week["items"] / last_week["active_customers"] if last_week else None
        assert close(row["vpac_wow_change"], None if last_vpac is None else i / c - last_vpac), week
        assert close(row["vpac_wow_relative_change"], None if last_vpac is None else (i / c - last_vpac) / last_vpac), (
            week
        )


def test_trailing_window_by_week_equals_kpi_weekly(mf, warehouse):
    """The cumulative metrics (window var kpi_window_days, the window's last day at week grain)."""
    rows = mf("query", "--saved-query", "weekly_trend")
    trend = {week_of(r["metric_time__week"]): r for r in rows}
    weekly = {r["week_start"]: r for r in query(warehouse, "select * from kpi_weekly")}
    wow = {
        r["week_start"]: r["wow_change"]
        for r in query(warehouse, "select week_start, wow_change from kpi_weekly_scorecard where metric_id = 'vpac'")
    }
    assert weekly and wow
    assert set(weekly) <= set(trend)
    # Before kpi_weekly's first week the window reaches back past the first order date: MetricFlow
    # reports those weeks over the part it holds, kpi_weekly leaves them out.
    assert all(week < min(weekly) for week in set(trend) - set(weekly))
    for week, mart in weekly.items():
        row = trend[week]
        assert (row["active_customers_trailing"], row["observed_orders_trailing"], row["items_trailing"]) == (
            mart["active_customers"],
            mart["orders"],
            mart["items"],
        ), week
        for metric in ("vpac", "orders_per_customer", "items_per_order"):
            assert close(row[f"{metric}_trailing"], mart[metric]), (week, metric)
        if week in wow:
            assert close(row["vpac_trailing_wow_change"], wow[week]), week


def test_order_number_bands_equal_sql(mf, warehouse):
    rows = mf(
        "query", "--metrics", "active_customers,observed_orders,items,vpac", "--group-by", "order__order_number_band"
    )

    def band(order_number):
        return "01" if order_number == 1 else "02-04" if order_number <= 4 else "05-10" if order_number <= 10 else "11+"

    customers, orders, items = defaultdict(set), defaultdict(int), defaultdict(int)
    for r in query(warehouse, "select user_id, order_number, line_count from fct_orders where is_observed"):
        key = band(r["order_number"])
        customers[key].add(r["user_id"])
        orders[key] += 1
        items[key] += r["line_count"]
    assert {r["order__order_number_band"] for r in rows} == set(orders)
    for row in rows:
        key = row["order__order_number_band"]
        assert (row["active_customers"], row["observed_orders"], row["items"]) == (
            len(customers[key]),
            orders[key],
            items[key],
        ), key
        assert close(row["vpac"], items[key] / len(customers[key])), key


def test_department_query_equals_sql_on_the_lines(mf, warehouse):
    rows = mf("query", "--metrics", "product_items,product_reorder_rate", "--group-by", "product__department")
    by_sql = {
        r["department_name"]: r
        for r in query(
            warehouse,
            """
        select
            products.department_name,
            count(*) as items,
            count_if(lines.is_reordered) as reordered_items,
        from fct_order_lines as lines
        inner join dim_products as products
            on lines.product_id = products.product_id
        group by products.department_name
    """,
        )
    }
    assert {r["product__department"] for r in rows} == set(by_sql)
    for row in rows:
        sql = by_sql[row["product__department"]]
        assert row["product_items"] == sql["items"], row["product__department"]
        assert close(row["product_reorder_rate"], sql["reordered_items"] / sql["items"]), row["product__department"]
    north_star = query(warehouse, "select items, reorder_rate from kpi_north_star")[0]
    assert sum(r["product_items"] for r in rows) == north_star["items"], "the lines add up to items"
    reordered = sum(r["product_items"] * r["product_reorder_rate"] for r in rows)
    assert close(reordered / north_star["items"], north_star["reorder_rate"])
