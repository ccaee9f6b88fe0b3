"""Writing the files: the catalogue with Python's csv module, orders and lines through DuckDB."""

import csv
from pathlib import Path

import duckdb
import numpy as np

from .arrays import exclusive_cumsum


def write_small_csv(path: Path, header: list, rows) -> None:
    """Write a CSV with Python's csv module: minimal quoting, "" escaping, \\n endings."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_catalog(folder: Path, catalog: dict) -> None:
    """Write products.csv, aisles.csv and departments.csv."""
    write_small_csv(
        folder / "departments.csv", ["department_id", "department"], enumerate(catalog["department_names"], start=1)
    )
    write_small_csv(folder / "aisles.csv", ["aisle_id", "aisle"], enumerate(catalog["aisle_names"], start=1))
    write_small_csv(
        folder / "products.csv",
        ["product_id", "product_name", "aisle_id", "department_id"],
        zip(
            range(1, len(catalog["product_names"]) + 1),
            catalog["product_names"],
            catalog["aisle_id"].tolist(),
            catalog["department_id"].tolist(),
        ),
    )


def copy_to_csv(con: duckdb.DuckDBPyConnection, columns: dict, select: str, path: Path) -> None:
    """Write numpy columns through DuckDB: `select` reads from table `t`; keeps row order."""
    con.execute("SET preserve_insertion_order = true")  # the default, stated: rows keep array order
    con.register("t", columns)
    con.execute(f"COPY ({select}) TO '{path.as_posix()}' (HEADER, DELIMITER ',')")
    con.unregister("t")


def write_orders(con: duckdb.DuckDBPyConnection, folder: Path, orders: dict) -> None:
    """Write orders.csv: eval_set as text, days as a float or empty on first orders.

    Dated orders get an 8th column, order_date, as YYYY-MM-DD.
    """
    names = ["order_id", "user_id", "eval_code", "order_number", "order_dow", "order_hour_of_day", "days"]
    order_date = ""
    if "day" in orders:
        names.append("day")
        order_date = ", DATE '1970-01-01' + day AS order_date"
    copy_to_csv(
        con,
        {k: orders[k] for k in names},
        "SELECT order_id, user_id, ['prior', 'train', 'test'][eval_code + 1] AS eval_set, "
        "order_number, order_dow, order_hour_of_day, "
        f"CAST(NULLIF(days, -1) AS DOUBLE) AS days_since_prior_order{order_date} FROM t",
        folder / "orders.csv",
    )


def write_order_lines(con: duckdb.DuckDBPyConnection, path: Path, orders: dict, lines: dict, eval_code: int) -> int:
    """Write one order_products file for the orders of one eval_set, sorted by order_id.

    Lines are grouped by order, so sorting whole orders by order_id and gathering
    their line ranges gives the file order (order_id, add_to_cart_order).
    """
    n_orders = len(orders["order_id"])
    line_count = np.bincount(lines["order_index"], minlength=n_orders)
    line_start = exclusive_cumsum(line_count)
    by_id = np.full(orders["order_id"].max() + 1, -1, dtype=np.int64)  # order_id -> row (ids are unique)
    by_id[orders["order_id"]] = np.arange(n_orders)
    chosen = by_id[by_id >= 0]
    chosen = chosen[orders["eval_code"][chosen] == eval_code]
    counts = line_count[chosen]
    gather = np.repeat(line_start[chosen] - exclusive_cumsum(counts), counts) + np.arange(counts.sum())
    columns = {
        "order_id": np.repeat(orders["order_id"][chosen], counts),
        "product_id": lines["product_id"][gather],
        "add_to_cart_order": lines["add_to_cart_order"][gather],
        "reordered": lines["reordered"][gather],
    }
    del gather
    copy_to_csv(con, columns, "SELECT order_id, product_id, add_to_cart_order, reordered FROM t", path)
    return int(counts.sum())


def write_orders_and_catalog(folder: Path, orders: dict, catalog: dict) -> None:
    """Write orders.csv and the three catalogue files (run alongside line generation)."""
    write_catalog(folder, catalog)
    with duckdb.connect() as con:
        write_orders(con, folder, orders)
