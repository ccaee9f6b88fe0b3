"""Weekly marts on a generated order log with dates, checked a second way.

Every weekly value of the latest complete weeks is recomputed here in plain Python from
the raw CSVs, with DESIGN.md's "Time" definitions (ISO weeks named by their Monday, a
trailing window of kpi_window_days days ending on the Sunday, segments from the orders
before the window); the generator's planted change is found by the attribution; and the
same orders without their dates give the same snapshot scorecard.
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


def week_by_hand(raw, week_start):
    """Every kpi_weekly value of one week, computed from the CSVs without SQL."""
    window_days = project_var("kpi_window_days")
    small = project_var("small_basket_max_lines")
    window_end = week_start + timedelta(days=6)
    window_start = window_end - timedelta(days=window_days - 1)
    in_window = [o for o in raw["orders"] if window_start <= o["date"] <= window_end]
    customers = {o["user_id"] for o in in_window}
    before = defaultdict(int)
    to_date = defaultdict(int)
    for o in raw["orders"]:
        if o["date"] < window_start:
            before[o["user_id"]] += 1
        if o["date"] <= window_end:
            to_date[o["user_id"]] += 1
    items = sum(o["lines"] for o in in_window)
    gaps = [o["days"] for o in in_window if not o["first"] and o["days"] is not None]
    segments = defaultdict(lambda: {"customers": set(), "orders": 0, "items": 0})
    for o in in_window:
        segment = segments[band_of(before[o["user_id"]])]
        segment["customers"].add(o["user_id"])
        segment["orders"] += 1
        segment["items"] += o["lines"]
    return {
        "window_start": window_start,
        "window_end": window_end,
        "active_customers": len(customers),
        "orders": len(in_window),
        "items": items,
        "vpac": items / len(customers),
        "orders_per_customer": len(in_window) / len(customers),
        "items_per_order": items / len(in_window),
        "reorder_rate": sum(o["reordered"] for o in in_window) / items,
        "small_basket_share": sum(o["lines"] <= small for o in in_window) / len(in_window),
        "median_days_between_orders": statistics.median(gaps),
        "one_time_customer_share": sum(to_date[c] == 1 for c in customers) / len(customers),
        "segments": {
            name: {"customers": len(s["customers"]), "orders": s["orders"], "items": s["items"]}
            for name, s in segments.items()
        },
    }


def latest_complete_week(raw):
    as_of = max(o["date"] for o in raw["orders"])
    monday = as_of - timedelta(days=as_of.weekday())
    return monday if monday + timedelta(days=6) <= as_of else monday - timedelta(days=7)


def test_weeks_follow_the_calendar_and_as_of(dated_warehouse, raw):
    weeks = query(dated_warehouse, "select * from kpi_weekly order by week_start")
    as_of = max(o["date"] for o in raw["orders"])
    first = min(o["date"] for o in raw["orders"])
    window_days = project_var("kpi_window_days")
    assert all(w["week_start"].weekday() == 0 for w in weeks)
    assert weeks[0]["window_start"] >= first > weeks[0]["window_start"] - timedelta(days=7)
    assert weeks[-1]["week_start"] <= as_of < weeks[-1]["week_start"] + timedelta(days=7)
    assert [w["week_start"] for w in weeks] == [
        weeks[0]["week_start"] + timedelta(days=7 * i) for i in range(len(weeks))
    ]
    assert all((w["window_end"] - w["window_start"]).days == window_days - 1 for w in weeks)
    assert [w["is_complete"] for w in weeks] == [w["window_end"] <= as_of for w in weeks]
    assert query(dated_warehouse, "select as_of_date from kpi_north_star")[0]["as_of_date"] == as_of


@pytest.mark.parametrize("weeks_back", [0, 1, 5])
def test_weekly_values_equal_a_computation_by_hand(dated_warehouse, raw, weeks_back):
    week_start = latest_complete_week(raw) - timedelta(days=7 * weeks_back)
    expected = week_by_hand(raw, week_start)
    row = query(dated_warehouse, f"select * from kpi_weekly where week_start = '{week_start}'")[0]
    for column, value in expected.items():
        if column == "segments":
            continue
        assert row[column] == pytest.approx(value, rel=REL_TOL), column
    segments = {
        r["segment_name"]: r
        for r in query(dated_warehouse, f"select * from kpi_weekly_segments where week_start = '{week_start}'")
    }
    assert set(segments) == {"new", *(name for name, _, _ in BANDS)}, "every band is a row every week"
    for name, row in segments.items():
        by_hand = expected["segments"].get(name, {"customers": 0, "orders": 0, "items": 0})
        assert (row["customers"], row["orders"], row["items"]) == (
            by_hand["customers"],
            by_hand["orders"],
            by_hand["items"],
        ), name


def test_both_splits_add_up_to_the_vpac_change(dated_warehouse, raw):
    week_start = latest_complete_week(raw)
    rows = query(dated_warehouse, "select * from kpi_wow_attribution where is_latest_complete_week")
    assert {r["week_start"] for r in rows} == {week_start}
    this_week = week_by_hand(raw, week_start)["vpac"]
    last_week = week_by_hand(raw, week_start - timedelta(days=7))["vpac"]
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
    db_path = work_dir / "twin.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data_dir, db_path, work_dir)
    return db_path


def test_the_planted_change_is_recovered(dated_warehouse, twin_warehouse, raw):
    """generation.json says what was planted; the attribution must name it: the sign, the
    segment and the effect, and a size within 10 % once the week's ordinary movement (the
    same split on the twin without the change) is taken out."""
    truth = raw["generation"]["planted_change"]
    sql = (
        "select component_type, component, effect, contribution from kpi_wow_attribution "
        "where is_latest_complete_week and component_type in ('driver', 'segment')"
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
    db_path = tmp_path / "undated.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], undated, db_path, tmp_path)
    snapshot = "select metric_id, value from kpi_scorecard order by metric_id"
    assert query(db_path, snapshot) == query(dated_warehouse, snapshot)
    assert query(db_path, "select count(*) as n from kpi_weekly")[0]["n"] == 0
    assert query(db_path, "select count(*) as n from kpi_wow_attribution")[0]["n"] == 0
    assert {r["status_basis"] for r in query(db_path, "select status_basis from kpi_scorecard")} == {"snapshot"}
