"""Read the KPI marts out of the warehouse into plain Python structures."""

from pathlib import Path

import duckdb

# Every mart the review reads, with the columns it reads from each (the marts' contract).
REQUIRED_MARTS = {
    "kpi_north_star": [
        "as_of_date", "active_customers", "observed_orders", "items", "reordered_items",
        "new_items", "orders_per_customer", "items_per_order", "vpac",
        "reordered_items_per_order", "new_items_per_order", "reorder_rate",
        "small_basket_orders", "small_basket_share", "median_days_between_orders",
    ],
    "kpi_metric_tree": [
        "node_id", "parent_node_id", "node_level", "display_name", "value", "unit",
        "formula", "combine_with_siblings", "sort_order",
    ],
    "kpi_segments": [
        "segment_name", "sort_order", "min_observed_orders", "max_observed_orders", "action",
        "customers", "orders", "items", "reordered_items", "small_basket_orders",
        "share_of_customers", "share_of_orders", "share_of_items", "orders_per_customer",
        "items_per_order", "vpac", "reorder_rate", "small_basket_share", "contribution_to_vpac",
    ],
    "kpi_scorecard": [
        "metric_id", "display_name", "tier", "metric_type", "owner_role", "unit", "direction",
        "value", "warn_threshold", "critical_threshold", "status", "formula", "sort_order",
    ],
    "kpi_guardrails": [
        "metric_id", "display_name", "tier", "metric_type", "owner_role", "unit", "direction",
        "value", "warn_threshold", "critical_threshold", "status", "formula", "sort_order",
    ],
    "kpi_sensitivity": [
        "driver_id", "display_name", "current_value", "vpac_gain_per_unit",
        "vpac_gain_per_one_percent", "is_larger_lever", "other_driver_id", "sort_order",
    ],
    "kpi_metric_changes": [
        "metric_id", "current_run_started_at", "previous_run_started_at", "current_value", "previous_value",
        "change", "current_status", "previous_status", "has_previous_run",
    ],
    "kpi_vpac_change": [
        "current_run_started_at", "previous_run_started_at", "has_previous_run", "previous_vpac", "current_vpac",
        "vpac_change", "contribution_orders_per_customer", "contribution_items_per_order",
    ],
    "fct_data_quality": [
        "source_file", "sort_order", "raw_rows", "staged_rows", "rejected_rows", "rejected_share", "status",
    ],
    "fct_rejected_rows_by_reason": ["source_file", "rejection_reason", "rejected_rows"],
}

# How each mart's rows are ordered when read.
ORDER_BY = {
    "kpi_north_star": "as_of_date",
    "kpi_metric_tree": "node_level, sort_order",
    "kpi_segments": "sort_order",
    "kpi_scorecard": "sort_order",
    "kpi_guardrails": "sort_order",
    "kpi_sensitivity": "sort_order",
    "kpi_metric_changes": "metric_id",
    "kpi_vpac_change": "current_run_started_at",
    "fct_data_quality": "sort_order",
    "fct_rejected_rows_by_reason": "source_file, rejected_rows desc, rejection_reason",
}


# Marts the review cannot be written without a row of; the others may be empty.
MUST_HAVE_ROWS = [
    "kpi_north_star", "kpi_metric_tree", "kpi_segments", "kpi_scorecard", "kpi_sensitivity",
    "kpi_vpac_change", "fct_data_quality",
]


class WarehouseError(Exception):
    """The warehouse or one of its marts cannot be read; the message says what to do."""


def read_marts(db_path):
    """Return {mart name: list of row dicts} for every required mart, closing the file before returning."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise WarehouseError(
            f"no warehouse at {db_path}. Run `dbt build` first (or pass --db PATH)."
        )
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(
            f"cannot open {db_path} read-only ({error}). "
            "If `dbt build` is running, wait for it to finish."
        ) from error
    try:
        check_contract(con, db_path)
        marts = {mart: read_rows(con, mart, columns) for mart, columns in REQUIRED_MARTS.items()}
    finally:
        con.close()
    empty = [mart for mart in MUST_HAVE_ROWS if not marts[mart]]
    if empty:
        raise WarehouseError(f"mart(s) {', '.join(empty)} in {db_path} have no rows. Run `dbt build` first.")
    return marts


def check_contract(con, db_path):
    """Raise WarehouseError naming every missing mart, or every missing column of a mart."""
    found = existing_columns(con)
    missing_marts = [mart for mart in REQUIRED_MARTS if mart not in found]
    if missing_marts:
        raise WarehouseError(
            f"the warehouse at {db_path} is missing {len(missing_marts)} mart(s): "
            f"{', '.join(missing_marts)}. Run `dbt build` first."
        )
    problems = [
        f"{mart} lacks {', '.join(sorted(set(columns) - found[mart]))}"
        for mart, columns in REQUIRED_MARTS.items()
        if set(columns) - found[mart]
    ]
    if problems:
        raise WarehouseError(
            f"marts in {db_path} do not match what the review reads: {'; '.join(problems)}. "
            "Run `dbt build` first to rebuild them."
        )


def existing_columns(con):
    """Map each table or view in schema main to the set of its column names."""
    rows = con.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'main'"
    ).fetchall()
    found = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def read_rows(con, mart, columns):
    """Read the named columns of one mart as a list of dicts."""
    query = f"select {', '.join(columns)} from main.{mart} order by {ORDER_BY[mart]}"
    return [dict(zip(columns, row)) for row in con.execute(query).fetchall()]
