"""dbt build end to end: a hand-made dataset with known answers, and a generated one for row counts."""

import csv

import duckdb
import pytest

from conftest import run_dbt

TINY_FILES = {
    "departments.csv": "department_id,department\n1,produce\n2,dairy eggs\n",
    "aisles.csv": "aisle_id,aisle\n1,fresh fruits\n2,yogurt\n",
    "products.csv": (
        "product_id,product_name,aisle_id,department_id\n"
        "1,Banana,1,1\n"
        '2,"Yogurt, Greek ""Plain"" 6\\"" Cup",2,2\n'
        "3,Pomme Golden Délicieuse,1,1\n"
    ),
    "orders.csv": (
        "order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order\n"
        "10,1,prior,1,0,8,\n"
        "11,1,prior,2,3,09,7.0\n"
        "12,1,train,3,6,23,30.0\n"
        "20,2,prior,1,1,0,\n"
        "21,2,test,2,2,14,3.0\n"
    ),
    "order_products__prior.csv": (
        "order_id,product_id,add_to_cart_order,reordered\n10,1,1,0\n10,2,2,0\n11,1,1,1\n11,3,2,0\n11,2,3,1\n20,3,1,0\n"
    ),
    "order_products__train.csv": "order_id,product_id,add_to_cart_order,reordered\n12,1,1,1\n",
}


def query(db_path, sql):
    """Rows of one query on a built warehouse, opened read-only and closed at once."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def tiny_warehouse(tmp_path_factory):
    """The hand-made dataset above, built with dbt."""
    work_dir = tmp_path_factory.mktemp("tiny")
    data_dir = work_dir / "raw"
    data_dir.mkdir()
    for name, text in TINY_FILES.items():
        (data_dir / name).write_text(text, encoding="utf-8")
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build"], data_dir, db_path, work_dir)
    return db_path


def test_tiny_orders_have_hand_counted_baskets(tiny_warehouse):
    rows = query(
        tiny_warehouse,
        """
        select order_id, line_count, reordered_line_count, is_observed, is_small_basket,
               days_since_prior_order, is_first_order
        from fct_orders order by order_id""",
    )
    assert rows == [
        (10, 2, 0, True, True, None, True),
        (11, 3, 2, True, True, 7, False),
        (12, 1, 1, True, True, 30, False),
        (20, 1, 0, True, True, None, True),
        (21, 0, 0, False, False, 3, False),
    ]


def test_tiny_customers_and_segments(tiny_warehouse):
    rows = query(
        tiny_warehouse,
        """
        select user_id, orders_placed, observed_orders, items, reordered_items,
               first_order_number, last_order_number, segment_name
        from dim_customers order by user_id""",
    )
    assert rows == [
        (1, 3, 3, 6, 3, 1, 3, "occasional"),
        (2, 2, 1, 1, 0, 1, 2, "one_time"),
    ]


def test_tiny_products_keep_quotes_commas_and_accents(tiny_warehouse):
    rows = query(
        tiny_warehouse, "select product_id, product_name, aisle_name, department_name from dim_products order by 1"
    )
    assert rows[1] == (2, 'Yogurt, Greek "Plain" 6\\" Cup', "yogurt", "dairy eggs")
    assert rows[2][1] == "Pomme Golden Délicieuse"


def test_tiny_lines_union_both_files(tiny_warehouse):
    rows = query(tiny_warehouse, "select eval_set, count(*) from fct_order_lines group by 1 order by 1")
    assert rows == [("prior", 6), ("train", 1)]


def _data_rows(path):
    """Data rows of a CSV file, counted with Python's csv module (header excluded)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_generated_data_every_raw_row_is_staged(built_warehouse, small_dataset):
    quality = dict(
        (name, (raw, staged, rejected))
        for name, raw, staged, rejected in query(
            built_warehouse, "select source_file, raw_rows, staged_rows, rejected_rows from fct_data_quality"
        )
    )
    assert set(quality) == {path.name for path in small_dataset.glob("*.csv")}
    for name, (raw, staged, rejected) in quality.items():
        assert raw == _data_rows(small_dataset / name), name
        assert (staged, rejected) == (raw, 0), name


def test_generated_data_row_counts_match_files(built_warehouse, small_dataset):
    orders = _data_rows(small_dataset / "orders.csv")
    lines = _data_rows(small_dataset / "order_products__prior.csv") + _data_rows(
        small_dataset / "order_products__train.csv"
    )
    with open(small_dataset / "orders.csv", newline="") as handle:
        users = {row["user_id"] for row in csv.DictReader(handle)}
    assert query(built_warehouse, "select count(*) from fct_orders") == [(orders,)]
    assert query(built_warehouse, "select count(*) from fct_order_lines") == [(lines,)]
    assert query(built_warehouse, "select sum(line_count) from fct_orders") == [(lines,)]
    assert query(built_warehouse, "select count(*) from dim_customers") == [(len(users),)]
