"""One stray order dated days after the rest must not make the review lead with a near-empty
week as a fall: the week it leaves nearly empty is named as incomplete and not reviewed, and the
review shows the latest week whose data is complete.

The dated data ends on a Saturday; one new customer's order is dated nine days later (the
Monday after next). The calendar week between them is then complete by the calendar but holds
no orders; the week before it holds six days of orders."""

import csv
import datetime

import pytest

from conftest import generate, run_dbt
from test_render_review import MEMO, query, render

USERS, SEED = 400, 5
STRAY_DAYS_LATER = 9
# The order count below which a week is not read as complete (dbt_project.yml's default).
INCOMPLETE_SHARE = 0.5


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


@pytest.fixture(scope="module")
def stray(tmp_path_factory):
    work = tmp_path_factory.mktemp("stray")
    data = generate(work / "raw", users=USERS, seed=SEED, undated=False, extra=["--no-annotations"])
    with open(data / "orders.csv", newline="") as handle:
        orders = list(csv.DictReader(handle))
    last = max(datetime.date.fromisoformat(row["order_date"]) for row in orders)
    stray_date = last + datetime.timedelta(days=STRAY_DAYS_LATER)
    order_id = max(int(row["order_id"]) for row in orders) + 1
    user_id = max(int(row["user_id"]) for row in orders) + 1
    with open(data / "orders.csv", "a", newline="") as handle:
        handle.write(f"{order_id},{user_id},train,1,1,10,,{stray_date.isoformat()}\n")
    with open(data / "order_products__train.csv", newline="") as handle:
        product_id = next(csv.DictReader(handle))["product_id"]
    with open(data / "order_products__train.csv", "a", newline="") as handle:
        handle.write(f"{order_id},{product_id},1,0\n")
    db_path = work / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data, db_path, work)
    out = work / "review"
    result = render("--db", db_path, "--output-dir", out, "--format", "md")
    assert result.returncode == 0, result.stderr
    weeks = {}
    for row in orders:
        week = monday(datetime.date.fromisoformat(row["order_date"]))
        weeks[week] = weeks.get(week, 0) + 1
    return {
        "db": db_path,
        "memo": (out / MEMO).read_text(encoding="utf-8"),
        "last": last,
        "stray_date": stray_date,
        "weeks": weeks,
    }


def test_the_data_ends_on_a_saturday_and_the_stray_moves_as_of(stray):
    assert stray["last"].weekday() == 5
    (row,) = query(stray["db"], "select as_of_date from kpi_north_star")
    assert row["as_of_date"] == stray["stray_date"]


def test_the_empty_week_is_named_and_the_last_full_one_reviewed(stray):
    empty_week = monday(stray["last"]) + datetime.timedelta(days=7)
    reviewed = monday(stray["last"])
    usual = sum(stray["weeks"][empty_week - datetime.timedelta(days=7 * k)] for k in range(1, 5)) / 4
    assert stray["weeks"].get(empty_week, 0) < INCOMPLETE_SHARE * usual <= stray["weeks"][reviewed]
    memo = stray["memo"]
    assert f"# Weekly business review: week of {reviewed.isoformat()}" in memo
    named = (
        f"**The week of {empty_week.isoformat()} is not reviewed: its data looks incomplete**: "
        f"0 observed orders against {usual:,.0f} in a usual week"
    )
    assert named in memo


def test_the_marts_agree_which_week_is_the_latest_complete(stray):
    rows = query(
        stray["db"],
        "select distinct week_start, has_complete_data, is_latest_complete_week from kpi_weekly_scorecard "
        "order by week_start desc limit 2",
    )
    empty_week, reviewed = monday(stray["last"]) + datetime.timedelta(days=7), monday(stray["last"])
    assert [(row["week_start"], row["has_complete_data"], row["is_latest_complete_week"]) for row in rows] == [
        (empty_week, False, False),
        (reviewed, True, True),
    ]
