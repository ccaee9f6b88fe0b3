"""The ad-hoc analyses compile and, run on a small built warehouse, give the values a
second computation straight from the CSVs gives."""

from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt
from test_kpi_marts import read_csv

ANALYSES = ["vpac_ratio_of_sums_vs_averages", "department_reorder_rates"]


@pytest.fixture(scope="module")
def analysis_rows(small_dataset, built_warehouse, tmp_path_factory):
    """Each analysis compiled by dbt and run read-only on the built warehouse."""
    # A target folder of its own: the build's run_results.json is read by other tests.
    work_dir = tmp_path_factory.mktemp("analyses")
    run_dbt(["compile", "--select", *ANALYSES], small_dataset, built_warehouse, work_dir)
    compiled = work_dir / "target" / "compiled" / "instacart_kpis" / "analyses"
    rows = {}
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        for name in ANALYSES:
            result = con.sql((compiled / f"{name}.sql").read_text(encoding="utf-8"))
            rows[name] = [dict(zip(result.columns, row)) for row in result.fetchall()]
    return rows


def lines_of_known_orders(data_dir):
    """(order_id, product_id, reordered) of every line whose order is in orders.csv."""
    known_orders = {row["order_id"]: row["user_id"] for row in read_csv(Path(data_dir) / "orders.csv")}
    for file_name in ("order_products__prior.csv", "order_products__train.csv"):
        for line in read_csv(Path(data_dir) / file_name):
            if line["order_id"] in known_orders:
                yield known_orders[line["order_id"]], line["order_id"], line["product_id"], line["reordered"] == "1"


def test_vpac_equals_product_of_ratios_of_sums_not_of_averages(analysis_rows, small_dataset):
    customers = defaultdict(lambda: {"orders": set(), "items": 0})
    for user_id, order_id, _, _ in lines_of_known_orders(small_dataset):
        customers[user_id]["orders"].add(order_id)
        customers[user_id]["items"] += 1
    n = len(customers)
    vpac = sum(c["items"] for c in customers.values()) / n
    mean_orders = sum(len(c["orders"]) for c in customers.values()) / n
    mean_items_per_order = sum(c["items"] / len(c["orders"]) for c in customers.values()) / n

    [row] = analysis_rows["vpac_ratio_of_sums_vs_averages"]
    assert row["vpac"] == pytest.approx(vpac, rel=1e-12)
    assert row["product_of_ratios_of_sums"] == pytest.approx(vpac, rel=1e-12)
    assert row["product_of_averages"] == pytest.approx(mean_orders * mean_items_per_order, rel=1e-12)
    assert row["product_of_averages_gap"] == pytest.approx(mean_orders * mean_items_per_order / vpac - 1, abs=1e-12)
    assert abs(row["product_of_averages_gap"]) > 1e-6, "averages happened to reconcile; the analysis shows nothing"


def test_department_reorder_rates(analysis_rows, small_dataset):
    departments = {row["department_id"]: row["department"] for row in read_csv(Path(small_dataset) / "departments.csv")}
    department_of = {
        row["product_id"]: departments[row["department_id"]] for row in read_csv(Path(small_dataset) / "products.csv")
    }
    items = defaultdict(int)
    reordered = defaultdict(int)
    for _, _, product_id, is_reordered in lines_of_known_orders(small_dataset):
        items[department_of[product_id]] += 1
        reordered[department_of[product_id]] += is_reordered
    total = sum(items.values())

    rows = analysis_rows["department_reorder_rates"]
    assert [row["department_name"] for row in rows] == sorted(items, key=lambda d: (-items[d], d))
    for row in rows:
        name = row["department_name"]
        assert row["items"] == items[name], name
        assert row["share_of_items"] == pytest.approx(items[name] / total, rel=1e-12), name
        assert row["reorder_rate"] == pytest.approx(reordered[name] / items[name], rel=1e-12), name
