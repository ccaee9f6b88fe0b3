"""Where a move comes from, on the generated order log with its two planted changes.

generation.json says what was planted and is not read by the pipeline: in the latest complete
week the power customers' baskets shrink in every department alike (a broad fall), and five
weeks earlier half of one department's lines go from every order (a concentrated one). The
department split must call the first broad and name the department of the second, in the
marts and in the rendered review; the split's parts must equal a count from the CSVs.
"""

import csv
import json
import os
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta

import duckdb
import pytest

from conftest import PROJECT_ROOT

RENDER = PROJECT_ROOT / "scripts" / "render_review.py"


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


@pytest.fixture(scope="module")
def truth(dated_dataset):
    return json.loads((dated_dataset / "generation.json").read_text())


def render_week(db_path, week, out_dir):
    result = subprocess.run(
        [sys.executable, str(RENDER), "--db", str(db_path), "--output-dir", str(out_dir), "--week", str(week)]
        + ["--format", "html,md", "--quiet"],
        cwd=PROJECT_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return {
        name: (out_dir / name).read_text(encoding="utf-8") for name in ("weekly_business_review.md", "kpi_playbook.md")
    }


def test_the_broad_week_reads_broad(dated_warehouse, truth, tmp_path):
    week = truth["planted_change"]["week_start"]
    verdicts = query(dated_warehouse, f"select * from kpi_move_concentration where week_start = '{week}'")
    assert {row["metric_id"]: row["verdict"] for row in verdicts} == {"vpac": "broad", "items_per_order": "broad"}
    pages = render_week(dated_warehouse, week, tmp_path)
    moved = pages["weekly_business_review.md"].split("## What moved", 1)[1].split("\n## ", 1)[0]
    assert "By department the move is broad" in moved and "checkout" in moved


def test_the_department_week_names_its_department(dated_warehouse, truth, tmp_path):
    planted = truth["planted_department_change"]
    week = planted["week_start"]
    (row,) = query(
        dated_warehouse,
        f"select * from kpi_move_concentration where week_start = '{week}' and metric_id = 'items_per_order'",
    )
    assert row["verdict"] == "concentrated" and row["concentrated_in"] == planted["department_name"]
    pages = render_week(dated_warehouse, week, tmp_path)
    checks = pages["kpi_playbook.md"].split("## Items per order", 1)[1].split("\n## ", 1)[0]
    assert f"concentrated: {planted['department_name']}" in checks


def test_a_department_split_equals_a_count_from_the_csvs(dated_warehouse, dated_dataset, truth):
    """Each department's part of items per order's change, counted line by line from the CSVs."""
    week = date.fromisoformat(truth["planted_department_change"]["week_start"])
    with open(dated_dataset / "products.csv", newline="", encoding="utf-8") as handle:
        department_of = {row["product_id"]: row["department_id"] for row in csv.DictReader(handle)}
    with open(dated_dataset / "departments.csv", newline="", encoding="utf-8") as handle:
        names = {row["department_id"]: row["department"] for row in csv.DictReader(handle)}
    with open(dated_dataset / "orders.csv", newline="", encoding="utf-8") as handle:
        week_of = {}
        for order in csv.DictReader(handle):
            day = date.fromisoformat(order["order_date"])
            week_of[order["order_id"]] = day - timedelta(days=day.weekday())
    items = defaultdict(lambda: defaultdict(int))
    orders = defaultdict(set)
    for name in ("order_products__prior.csv", "order_products__train.csv"):
        with open(dated_dataset / name, newline="", encoding="utf-8") as handle:
            for line in csv.DictReader(handle):
                monday = week_of[line["order_id"]]
                if monday in (week, week - timedelta(days=7)):
                    items[monday][names[department_of[line["product_id"]]]] += 1
                    orders[monday].add(line["order_id"])
    rows = query(
        dated_warehouse,
        f"select component_name, contribution from kpi_department_splits where week_start = '{week}' "
        "and metric_id = 'items_per_order' and split_by = 'department'",
    )
    assert rows
    for row in rows:
        name = row["component_name"]
        by_hand = items[week][name] / len(orders[week]) - items[week - timedelta(days=7)][name] / len(
            orders[week - timedelta(days=7)]
        )
        assert row["contribution"] == pytest.approx(by_hand, rel=1e-9, abs=1e-12), name
