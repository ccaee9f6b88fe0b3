"""The metric spine's dated grains on a generated order log, checked a second way.

Every value of the metric spine (kpi_metric_values) for some weeks, trailing windows and
months, for all customers and every segment, is recomputed here in plain Python from the raw
CSVs with the definitions in docs/architecture.md ("Time": ISO weeks named by their Monday,
calendar months, a trailing window of kpi_window_days days ending on the Sunday, a
customer's segment from their orders before the period); the generator's planted change is
found by the attribution; and the same orders without their dates give the same snapshot.
"""

import csv
import json
import statistics
from collections import defaultdict
from datetime import date, timedelta

import duckdb
import pytest
import yaml

from conftest import DATED_SEED, DATED_USERS, PROJECT_ROOT, generate, run_dbt

REL_TOL = 1e-9
BANDS = [("one_time", 1, 1), ("occasional", 2, 4), ("regular", 5, 10), ("power", 11, None)]


def project_var(name):
    return yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"][name]


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def band_of(orders_before):
    if orders_before == 0:
        return "new"
    for name, low, high in BANDS:
        if orders_before >= low and (high is None or orders_before <= high):
            return name
    raise AssertionError(orders_before)


@pytest.fixture(scope="module")
def raw(dated_dataset):
    """The dated CSVs as plain Python: orders with their line counts."""
    orders = read_rows(dated_dataset / "orders.csv")
    lines = defaultdict(lambda: [0, 0])
    for name in ("order_products__prior.csv", "order_products__train.csv"):
        for line in read_rows(dated_dataset / name):
            counts = lines[line["order_id"]]
            counts[0] += 1
            counts[1] += int(line["reordered"])
    observed = []
    for order in orders:
        count, reordered = lines.get(order["order_id"], (0, 0))
        if count:
            observed.append(
                {
                    "user_id": order["user_id"],
                    "date": date.fromisoformat(order["order_date"]),
                    "lines": count,
                    "reordered": reordered,
                    "days": None if order["days_since_prior_order"] == "" else float(order["days_since_prior_order"]),
                    "first": order["order_number"] == "1",
                }
            )
    return {"orders": observed, "generation": json.loads((dated_dataset / "generation.json").read_text())}


def metric_definitions():
    return {row["metric_id"]: row for row in read_rows(PROJECT_ROOT / "seeds" / "metric_definitions.csv")}


def period_by_hand(raw, window_start, window_end):
    """{segment: {metric_id: value}} over the orders dated window_start..window_end, for all
    customers and each segment (the band of a customer's orders before window_start), every
    metric of the seed computed from the CSVs without SQL."""
    small = project_var("small_basket_max_lines")
    in_window = [o for o in raw["orders"] if window_start <= o["date"] <= window_end]
    before = defaultdict(int)
    to_date = defaultdict(int)
    for o in raw["orders"]:
        if o["date"] < window_start:
            before[o["user_id"]] += 1
        if o["date"] <= window_end:
            to_date[o["user_id"]] += 1
    groups = {"all": in_window, "new": [], **{name: [] for name, _, _ in BANDS}}
    for o in in_window:
        groups[band_of(before[o["user_id"]])].append(o)
    values = {}
    for segment, orders in groups.items():
        customers = {o["user_id"] for o in orders}
        items = sum(o["lines"] for o in orders)
        reordered = sum(o["reordered"] for o in orders)
        gaps = [o["days"] for o in orders if not o["first"] and o["days"] is not None]

        def ratio(numerator, denominator):
            return numerator / denominator if denominator else None

        values[segment] = {
            "active_customers": len(customers),
            "observed_orders": len(orders),
            "items": items,
            "vpac": ratio(items, len(customers)),
            "orders_per_customer": ratio(len(orders), len(customers)),
            "items_per_order": ratio(items, len(orders)),
            "reordered_items_per_order": ratio(reordered, len(orders)),
            "new_items_per_order": ratio(items - reordered, len(orders)),
            "reorder_rate": ratio(reordered, items),
            "small_basket_share": ratio(sum(o["lines"] <= small for o in orders), len(orders)),
            "median_days_between_orders": statistics.median(gaps) if gaps else None,
            "one_time_customer_share": ratio(sum(to_date[c] == 1 for c in customers), len(customers)),
        }
    return values


def spine_rows(db_path, grain, period_start):
    """{segment: {metric_id: value}} of one period of kpi_metric_values."""
    rows = query(
        db_path,
        f"select segment, metric_id, value from kpi_metric_values "
        f"where grain = '{grain}' and period_start = '{period_start}'",
    )
    values = defaultdict(dict)
    for row in rows:
        values[row["segment"]][row["metric_id"]] = row["value"]
    return values


def assert_period_equals_hand(db_path, raw, grain, period_start, window_start, window_end):
    expected = period_by_hand(raw, window_start, window_end)
    found = spine_rows(db_path, grain, period_start)
    assert set(found) == set(expected), f"{grain} {period_start}: every segment is a row"
    assert set(found["all"]) == set(metric_definitions()), "every metric of the seed is in the spine"
    for segment, metrics in expected.items():
        for metric_id, value in metrics.items():
            label = f"{grain} {period_start} {segment} {metric_id}"
            if value is None:
                assert found[segment][metric_id] is None, label
            else:
                assert found[segment][metric_id] == pytest.approx(value, rel=REL_TOL), label


def latest_complete_week(raw):
    as_of = max(o["date"] for o in raw["orders"])
    monday = as_of - timedelta(days=as_of.weekday())
    return monday if monday + timedelta(days=6) <= as_of else monday - timedelta(days=7)


def test_periods_follow_the_calendar_and_as_of(dated_warehouse, raw):
    periods = query(
        dated_warehouse, "select * from int_calendar__periods where grain <> 'snapshot' order by grain, period_start"
    )
    as_of = max(o["date"] for o in raw["orders"])
    first = min(o["date"] for o in raw["orders"])
    window_days = project_var("kpi_window_days")
    grains = {p["grain"] for p in periods}
    assert grains == ({"week", "month"} if window_days == 7 else {"week", "month", "trailing_window"})
    for grain in grains:
        rows = [p for p in periods if p["grain"] == grain]
        assert rows[0]["window_start"] >= first, grain
        assert rows[-1]["period_start"] <= as_of <= rows[-1]["period_end"], grain
        assert [p["is_complete"] for p in rows] == [p["period_end"] <= as_of for p in rows], grain
        for earlier, later in zip(rows, rows[1:]):
            assert later["period_start"] == earlier["period_end"] + timedelta(days=1), grain
    weeks = [p for p in periods if p["grain"] != "month"]
    assert all(w["period_start"].weekday() == 0 and (w["period_end"] - w["period_start"]).days == 6 for w in weeks)
    assert first > [p for p in periods if p["grain"] == "week"][0]["period_start"] - timedelta(days=7)
    windows = [p for p in periods if p["grain"] == "trailing_window"]
    assert all((w["window_end"] - w["window_start"]).days == window_days - 1 for w in windows)
    months = [p for p in periods if p["grain"] == "month"]
    assert all(m["period_start"].day == 1 and (m["period_end"] + timedelta(days=1)).day == 1 for m in months)
    assert query(dated_warehouse, "select as_of_date from kpi_north_star")[0]["as_of_date"] == as_of


@pytest.mark.parametrize("weeks_back", [0, 1, 5])
def test_weekly_values_equal_a_computation_by_hand(dated_warehouse, raw, weeks_back):
    week_start = latest_complete_week(raw) - timedelta(days=7 * weeks_back)
    week_end = week_start + timedelta(days=6)
    assert_period_equals_hand(dated_warehouse, raw, "week", week_start, week_start, week_end)
    window_days = project_var("kpi_window_days")
    if window_days != 7:
        window_start = week_end - timedelta(days=window_days - 1)
        assert_period_equals_hand(dated_warehouse, raw, "trailing_window", week_start, window_start, week_end)


def test_monthly_values_equal_a_computation_by_hand(dated_warehouse, raw):
    as_of = max(o["date"] for o in raw["orders"])
    month_start = (as_of.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_end = as_of.replace(day=1) - timedelta(days=1)
    assert_period_equals_hand(dated_warehouse, raw, "month", month_start, month_start, month_end)


def test_both_splits_add_up_to_the_vpac_change(dated_warehouse, raw):
    week_start = latest_complete_week(raw)
    rows = query(dated_warehouse, "select * from kpi_wow_attribution where is_latest_complete_week")
    assert {r["week_start"] for r in rows} == {week_start}
    window_days = project_var("kpi_window_days")

    def vpac(start):
        end = start + timedelta(days=6)
        return period_by_hand(raw, end - timedelta(days=window_days - 1), end)["all"]["vpac"]

    this_week, last_week = vpac(week_start), vpac(week_start - timedelta(days=7))
    for component_type in ("driver", "segment"):
        total = sum(r["contribution"] for r in rows if r["component_type"] == component_type)
        assert total == pytest.approx(this_week - last_week, rel=1e-9, abs=1e-9), component_type


@pytest.fixture(scope="module")
def twin_warehouse(tmp_path_factory):
    """The same generated business without the planted change (only the dropped lines differ)."""
    work_dir = tmp_path_factory.mktemp("twin")
    data_dir = generate(
        work_dir / "raw", users=DATED_USERS, seed=DATED_SEED, undated=False, extra=("--no-planted-change",)
    )
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data_dir, db_path, work_dir)
    return db_path


def test_the_planted_change_is_recovered(dated_warehouse, twin_warehouse, raw):
    """generation.json says what was planted; the attribution must name it: the sign, the
    segment and the effect, and a size within 10 % once the week's ordinary movement (the
    same split on the twin without the change) is taken out."""
    truth = raw["generation"]["planted_change"]
    sql = (
        "select component_type, component, effect, contribution from kpi_wow_attribution where is_latest_complete_week"
    )
    planted = {
        (r["component_type"], r["component"], r["effect"]): r["contribution"] for r in query(dated_warehouse, sql)
    }
    ordinary = {
        (r["component_type"], r["component"], r["effect"]): r["contribution"] for r in query(twin_warehouse, sql)
    }
    assert str(latest_complete_week(raw)) == truth["week_start"]
    key = ("segment", truth["segment"], truth["effect"])
    segment_effects = {k: v for k, v in planted.items() if k[0] == "segment"}
    assert min(segment_effects, key=segment_effects.get) == key, "the largest fall is the planted one"
    assert planted[key] < 0 if truth["direction"] == "down" else planted[key] > 0
    drivers = {k[1]: v for k, v in planted.items() if k[0] == "driver"}
    assert min(drivers, key=drivers.get) == truth["metric"]
    recovered = planted[key] - ordinary[key]
    assert recovered == pytest.approx(truth["expected_vpac_effect"], rel=0.10)


def test_undated_and_dated_builds_of_the_same_orders_give_the_same_snapshot(dated_dataset, dated_warehouse, tmp_path):
    undated = tmp_path / "raw"
    undated.mkdir()
    for path in dated_dataset.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        if path.name == "orders.csv":
            text = "".join(line.rsplit(",", 1)[0] + "\n" for line in text.splitlines())
        (undated / path.name).write_text(text, encoding="utf-8")
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], undated, db_path, tmp_path)
    snapshot = "select metric_id, value from kpi_scorecard order by metric_id"
    assert query(db_path, snapshot) == query(dated_warehouse, snapshot)
    assert query(db_path, "select count(*) as n from kpi_metric_values where grain <> 'snapshot'")[0]["n"] == 0
    assert query(db_path, "select count(*) as n from kpi_wow_attribution")[0]["n"] == 0
    snapshot_spine = (
        "select segment, metric_id, value from kpi_metric_values where grain = 'snapshot' order by segment, metric_id"
    )
    assert query(db_path, snapshot_spine) == query(dated_warehouse, snapshot_spine)
