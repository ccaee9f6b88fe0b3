"""Signals, plan and last year, checked a second way on a generated order log with dates.

The weekly values are recomputed here with SQL on the core marts (fct_orders, one row per
order), not the metric spine; the natural limits, the rules, last year's values and the
variances to plan are then worked out in plain Python from those values and the seeds, and
compared with kpi_metric_signals and kpi_weekly_scorecard. The planted week must reach the
owner of items per order with the seed's action, and --fail-on must exit 7 on it.
"""

import csv
import datetime
import os
import subprocess
import sys
from statistics import mean

import duckdb
import pytest
import yaml

from conftest import PROJECT_ROOT

REL = 1e-9
RENDER = PROJECT_ROOT / "scripts" / "render_review.py"
EXIT_FAIL_ON = 7


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def project_var(name):
    return yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"][name]


def seed(name):
    with open(PROJECT_ROOT / "seeds" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def weekly_values(dated_warehouse):
    """{metric_id: {week_start: value}} of the complete ISO weeks, from fct_orders alone."""
    rows = query(
        dated_warehouse,
        """
        with orders as (
            select user_id, cast(date_trunc('week', order_date) as date) as week_start, line_count,
                reordered_line_count, is_small_basket
            from fct_orders
            where is_observed
        ),
        dates as (select min(order_date) as first_date, max(order_date) as as_of_date from fct_orders)
        select
            week_start,
            count(distinct user_id) as customers,
            count(*) as orders,
            sum(line_count) as items,
            sum(reordered_line_count) as reordered,
            count(*) filter (where is_small_basket) as small
        from orders cross join dates
        -- Reported weeks: from the first starting on or after the first order date.
        where week_start + 6 <= as_of_date and week_start >= first_date
        group by week_start
        order by week_start
        """,
    )
    values = {}
    for row in rows:
        week = row["week_start"]
        values.setdefault("vpac", {})[week] = row["items"] / row["customers"]
        values.setdefault("orders_per_customer", {})[week] = row["orders"] / row["customers"]
        values.setdefault("items_per_order", {})[week] = row["items"] / row["orders"]
        values.setdefault("reorder_rate", {})[week] = row["reordered"] / row["items"]
        values.setdefault("small_basket_share", {})[week] = row["small"] / row["orders"]
        values.setdefault("items", {})[week] = float(row["items"])
    return values


def xmr(series, week):
    """(centre, mR, lower, upper, fired rules as a set) of one week judged against the weeks before it."""
    weeks = sorted(series)
    at = weeks.index(week)
    baseline = [series[w] for w in weeks[max(0, at - project_var("kpi_signal_baseline_weeks")) : at]]
    if len(baseline) < project_var("kpi_signal_min_baseline_weeks"):
        return None
    centre = mean(baseline)
    moving = mean(abs(b - a) for a, b in zip(baseline, baseline[1:]))
    lower, upper = centre - 2.66 * moving, centre + 2.66 * moving
    value = series[week]
    last8 = [series[w] for w in weeks[max(0, at - 7) : at + 1]]
    last4 = [series[w] for w in weeks[max(0, at - 3) : at + 1]]
    fired = set()
    if value > upper:
        fired.add("above")
    if value < lower:
        fired.add("below")
    if len(last8) == 8 and all(v > centre for v in last8):
        fired.add("run above")
    if len(last8) == 8 and all(v < centre for v in last8):
        fired.add("run below")
    if sum(v > centre + 1.33 * moving for v in last4) >= 3:
        fired.add("three above")
    if sum(v < centre - 1.33 * moving for v in last4) >= 3:
        fired.add("three below")
    return centre, moving, lower, upper, fired


@pytest.mark.parametrize("metric_id", ["vpac", "orders_per_customer", "items_per_order", "reorder_rate", "items"])
def test_natural_limits_and_rules_equal_a_computation_by_hand(dated_warehouse, weekly_values, metric_id):
    series = weekly_values[metric_id]
    signals = {
        row["week_start"]: row
        for row in query(
            dated_warehouse,
            f"select * from kpi_metric_signals where segment = 'all' and metric_id = '{metric_id}'",
        )
    }
    assert set(signals) == set(series), "one signal row per complete week"
    judged = 0
    for week in sorted(series)[-30:]:
        row, by_hand = signals[week], xmr(series, week)
        assert row["value"] == pytest.approx(series[week], rel=REL)
        if by_hand is None:
            assert not row["has_limits"] and not row["is_signal"]
            continue
        centre, moving, lower, upper, fired = by_hand
        judged += 1
        assert row["centre"] == pytest.approx(centre, rel=REL), week
        assert row["mean_moving_range"] == pytest.approx(moving, rel=REL, abs=1e-12), week
        assert row["lower_limit"] == pytest.approx(lower, rel=REL, abs=1e-12), week
        assert row["upper_limit"] == pytest.approx(upper, rel=REL, abs=1e-12), week
        assert row["is_signal"] == bool(fired), (week, fired)
        assert row["is_outside_limits"] == bool(fired & {"above", "below"}) or row["signal_direction"] is None
        assert row["is_run_of_eight"] == bool(fired & {"run above", "run below"}), week
        assert row["is_three_of_four"] == bool(fired & {"three above", "three below"}), week
    assert judged >= 20


def test_last_year_and_plan_equal_a_computation_by_hand(dated_warehouse, weekly_values):
    plans = {row["metric_id"]: row for row in seed("metric_plan")}
    units = {row["metric_id"]: row["unit"] for row in seed("metric_definitions")}
    directions = {row["metric_id"]: row["direction"] for row in seed("metric_definitions")}
    rows = query(dated_warehouse, "select * from kpi_weekly_scorecard where last_year_value is not null")
    assert rows, "three years of data hold weeks with a last year"
    checked = 0
    for row in rows:
        metric_id = row["metric_id"]
        if metric_id not in weekly_values:
            continue
        last_year_week = row["week_start"] - datetime.timedelta(days=364)
        assert row["last_year_week_start"] == last_year_week
        last_year = weekly_values[metric_id][last_year_week]
        assert row["last_year_value"] == pytest.approx(last_year, rel=REL)
        plan = plans.get(metric_id)
        if plan is None:
            assert row["plan_value"] is None
            continue
        assert plan["target_type"] == "growth_on_last_year"  # the defaults; a level is checked by unit tests
        planned = last_year * (1 + float(plan["target"]))
        this_week = weekly_values[metric_id][row["week_start"]]
        variance = this_week - planned if units[metric_id] == "share" else this_week / planned - 1
        tolerance = float(plan["tolerance"])
        miss = variance < -tolerance if directions[metric_id] == "higher_is_better" else variance > tolerance
        assert row["plan_value"] == pytest.approx(planned, rel=REL)
        assert row["variance_to_plan"] == pytest.approx(variance, rel=1e-6, abs=1e-12)
        assert row["is_plan_miss"] == miss, (metric_id, row["week_start"])
        checked += 1
    assert checked >= 50


def test_the_planted_week_reaches_the_owner_of_items_per_order(dated_warehouse, dated_dataset):
    import json

    truth = json.loads((dated_dataset / "generation.json").read_text())["planted_change"]
    week = datetime.date.fromisoformat(truth["week_start"])
    (row,) = query(
        dated_warehouse,
        f"select * from kpi_weekly_scorecard where week_start = '{week}' and metric_id = 'items_per_order'",
    )
    assert row["is_signal"] and row["signal_direction"] == "down" and row["is_signal_exception"]
    owner = {r["metric_id"]: r["owner_role"] for r in seed("metric_definitions")}["items_per_order"]
    action = {(r["metric_id"], r["kind"]): r["action"] for r in seed("metric_actions")}[("items_per_order", "signal")]
    exceptions = query(
        dated_warehouse,
        f"select * from kpi_exceptions where week_start = '{week}' and metric_id = 'items_per_order' "
        "and kind = 'signal'",
    )
    assert [(r["owner_role"], r["action"]) for r in exceptions] == [(owner, action)]
    # A segment's action fires only on that segment's own signal: every band action that week comes
    # from a band whose own VPAC signalled in the bad direction.
    bands = query(dated_warehouse, f"select * from kpi_exceptions where week_start = '{week}' and segment <> 'all'")
    for band in bands:
        (signal,) = query(
            dated_warehouse,
            f"select is_exception from kpi_metric_signals where week_start = '{week}' "
            f"and segment = '{band['segment']}' and metric_id = 'vpac'",
        )
        assert signal["is_exception"], band["segment"]


def render(db_path, out_dir, *args):
    return subprocess.run(
        [
            sys.executable,
            str(RENDER),
            "--db",
            str(db_path),
            "--output-dir",
            str(out_dir),
            "--format",
            "md",
            *map(str, args),
        ],
        cwd=PROJECT_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_fail_on_exits_7_only_when_the_week_has_what_it_names(dated_warehouse, tmp_path):
    latest = query(dated_warehouse, "select max(week_start) as week from kpi_weekly_scorecard")[0]["week"]
    severities = {
        row["severity"] for row in query(dated_warehouse, f"select * from kpi_exceptions where week_start = '{latest}'")
    }
    assert "critical" in severities, "the planted week has a critical exception"
    assert render(dated_warehouse, tmp_path / "a").returncode == 0
    result = render(dated_warehouse, tmp_path / "b", "--fail-on", "critical")
    assert result.returncode == EXIT_FAIL_ON and "--fail-on critical" in result.stderr
    assert (tmp_path / "b" / "weekly_business_review.md").exists(), "the review is written before the exit"
    assert render(dated_warehouse, tmp_path / "c", "--fail-on", "exception").returncode == EXIT_FAIL_ON
    quiet = query(
        dated_warehouse,
        "select week_start from kpi_weekly_scorecard group by week_start having not bool_or(is_exception) "
        "order by week_start desc limit 1",
    )
    assert quiet, "the generated data has a week without exceptions"
    assert (
        render(dated_warehouse, tmp_path / "d", "--fail-on", "exception", "--week", quiet[0]["week_start"]).returncode
        == 0
    )
    warn_only = query(
        dated_warehouse,
        "select week_start from kpi_exceptions where week_start is not null group by week_start "
        "having not bool_or(severity = 'critical') order by week_start desc limit 1",
    )
    if warn_only:
        week = warn_only[0]["week_start"]
        assert render(dated_warehouse, tmp_path / "e", "--fail-on", "critical", "--week", week).returncode == 0
        assert (
            render(dated_warehouse, tmp_path / "f", "--fail-on", "exception", "--week", week).returncode == EXIT_FAIL_ON
        )
