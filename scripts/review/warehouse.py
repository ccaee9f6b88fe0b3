"""Read the KPI marts out of the warehouse into plain Python structures."""

from pathlib import Path

import duckdb

# Every mart the review reads, with the columns it reads from each (the marts' contract).
SCORECARD_COLUMNS = [
    "metric_id",
    "display_name",
    "tier",
    "metric_type",
    "owner_role",
    "unit",
    "direction",
    "value",
    "warn_threshold",
    "critical_threshold",
    "status",
    "status_rule",
    "status_rank",
    "formula",
    "sort_order",
]
REQUIRED_MARTS = {
    "kpi_north_star": [
        "as_of_date",
        "active_customers",
        "observed_orders",
        "items",
        "vpac",
        "orders_per_customer",
        "items_per_order",
    ],
    "kpi_scorecard": SCORECARD_COLUMNS,
    "kpi_weekly_scorecard": [
        "grain",
        "week_start",
        "previous_week_start",
        "is_latest_complete_week",
        "has_complete_data",
        "week_orders",
        "usual_orders",
        "window_start",
        "window_end",
        "window_days",
        "metric_id",
        "display_name",
        "tier",
        "metric_type",
        "owner_role",
        "unit",
        "direction",
        "harmful_move",
        "this_week_value",
        "last_week_value",
        "wow_change",
        "wow_relative_change",
        "last_year_week_start",
        "last_year_value",
        "relative_change_on_last_year",
        "plan_target_type",
        "plan_value",
        "variance_to_plan",
        "variance_unit",
        "plan_tolerance",
        "is_plan_miss",
        "has_limits",
        "centre",
        "lower_limit",
        "upper_limit",
        "is_signal",
        "signal_direction",
        "signal_rule",
        "is_signal_exception",
        "signal_text",
        "warn_threshold",
        "critical_threshold",
        "guardrail_status",
        "guardrail_text",
        "is_exception",
        "status",
        "status_rank",
        "is_on_flight_deck",
        "review_order",
        "sort_order",
    ],
    "kpi_what_moved": [
        "week_start",
        "split",
        "component",
        "effect",
        "contribution",
        "previous_value",
        "current_value",
        "vpac_change",
        "vpac_relative_change",
        "vpac_signal_text",
        "is_worth_splitting",
        "previous_vpac",
        "current_vpac",
        "share_of_change",
        "explains_most",
        "is_material",
        "main_driver",
        "effects_grouped",
        "rank_in_split",
    ],
    "kpi_wow_attribution": [
        "week_start",
        "previous_week_start",
        "component_type",
        "component",
        "effect",
        "contribution",
        "previous_value",
        "current_value",
        "previous_share_of_customers",
        "current_share_of_customers",
        "sort_order",
    ],
    "kpi_exceptions": [
        "week_start",
        "kind",
        "metric_id",
        "segment",
        "subject",
        "tier",
        "owner_role",
        "severity",
        "detail",
        "action",
        "comment_date",
        "owner_comment",
        "priority",
    ],
    "kpi_annotations": ["annotation_date", "week_start", "same_week_next_year", "metric_id", "kind", "author", "text"],
    "kpi_monthly_trends": ["month_start", "is_complete", "metric_id", "value", "last_year_value", "plan_value"],
    "kpi_department_splits": [
        "week_start",
        "metric_id",
        "split_by",
        "component_name",
        "department_name",
        "previous_share_of_items",
        "contribution",
        "share_of_change",
        "relative_change",
        "metric_change",
    ],
    "kpi_cell_splits": [
        "week_start",
        "segment_name",
        "department_name",
        "contribution",
        "share_of_change",
        "rank_in_week",
    ],
    "kpi_first_check_results": ["week_start", "metric_id", "check_order", "question", "source", "result"],
    "kpi_move_concentration": [
        "week_start",
        "metric_id",
        "verdict",
        "concentrated_departments",
        "concentrated_in",
        "leaders_share_of_change",
        "leaders_share_of_items",
        "largest_department",
    ],
    "kpi_segments": [
        "grain",
        "period_start",
        "segment_name",
        "sort_order",
        "min_observed_orders",
        "max_observed_orders",
        "customers",
        "share_of_customers",
        "orders_per_customer",
        "items_per_order",
        "vpac",
        "contribution_to_vpac",
    ],
    "kpi_weekly_basket_sizes": ["week_start", "items_in_order", "orders", "share_of_orders", "is_small_basket"],
    "kpi_customer_order_counts": [
        "observed_orders",
        "segment_name",
        "segment_sort_order",
        "customers",
        "share_of_customers",
    ],
    "kpi_metric_tree": [
        "node_id",
        "parent_node_id",
        "node_level",
        "combine_with_siblings",
        "display_name",
        "value",
        "unit",
        "formula",
        "sort_order",
    ],
    "kpi_playbook": [
        "metric_id",
        "display_name",
        "tier",
        "owner_role",
        "unit",
        "review_cadence",
        "refresh_cadence",
        "watchers",
        "escalation",
        "formula",
        "status_basis",
        "current_value",
        "wow_change",
        "status",
        "guardrail_rule",
        "status_rank",
        "sort_order",
        "plan_target_type",
        "plan_target",
        "plan_tolerance",
        "plan_note",
        "plan_value",
        "lower_limit",
        "upper_limit",
        "signal_text",
        "guardrail_text",
        "check_order",
        "check_question",
        "check_source",
    ],
    "kpi_metric_changes": [
        "metric_id",
        "current_as_of_date",
        "previous_as_of_date",
        "current_value",
        "previous_value",
        "change",
        "relative_change",
        "current_status",
        "previous_status",
        "has_previous_entry",
    ],
    "kpi_vpac_change": [
        "current_as_of_date",
        "previous_as_of_date",
        "has_previous_entry",
        "previous_vpac",
        "current_vpac",
        "vpac_change",
        "vpac_relative_change",
        "contribution_orders_per_customer",
        "contribution_items_per_order",
    ],
    "fct_data_quality": [
        "source_file",
        "sort_order",
        "data_lines",
        "blank_lines",
        "raw_rows",
        "staged_rows",
        "rejected_rows",
        "rejected_share",
        "orders_without_lines",
        "status",
    ],
    "fct_rejected_rows_by_reason": ["source_file", "rejection_reason", "rejected_rows"],
    "fct_data_source": ["data_dir", "is_generated", "generation_seed", "generated_users", "is_steady"],
    "kpi_exception_ledger": [
        "current_as_of_date",
        "previous_as_of_date",
        "metric_id",
        "segment",
        "kind",
        "subject",
        "owner_role",
        "previous_week_start",
        "ledger_status",
        "is_never_explained",
    ],
}

# How each mart's rows are ordered when read.
ORDER_BY = {
    "kpi_north_star": "as_of_date",
    "kpi_scorecard": "sort_order",
    "kpi_weekly_scorecard": "week_start, review_order",
    "kpi_what_moved": "week_start, split, rank_in_split",
    "kpi_wow_attribution": "week_start, sort_order",
    "kpi_exceptions": "week_start, priority",
    "kpi_annotations": "annotation_date, metric_id, kind, author",
    "kpi_monthly_trends": "metric_id, month_start",
    "kpi_department_splits": "week_start, metric_id, split_by, abs(contribution) desc, component_name",
    "kpi_cell_splits": "week_start, rank_in_week",
    "kpi_first_check_results": "week_start, metric_id, check_order",
    "kpi_move_concentration": "week_start, metric_id",
    "kpi_segments": "grain, period_start, sort_order",
    "kpi_weekly_basket_sizes": "week_start, items_in_order",
    "kpi_customer_order_counts": "observed_orders",
    "kpi_metric_tree": "node_level, sort_order",
    "kpi_playbook": "status_rank, tier, sort_order, check_order",
    "kpi_metric_changes": "metric_id",
    "kpi_vpac_change": "current_as_of_date",
    "fct_data_quality": "sort_order",
    "fct_rejected_rows_by_reason": "source_file, rejected_rows desc, rejection_reason",
    "fct_data_source": "data_dir",
    "kpi_exception_ledger": "ledger_status, subject, kind",
}


# Marts the review cannot be written without a row of; the weekly ones are empty on undated data.
MUST_HAVE_ROWS = ["kpi_north_star", "kpi_scorecard", "kpi_metric_tree", "kpi_segments", "fct_data_quality"]


class WarehouseError(Exception):
    """The warehouse or one of its marts cannot be read; the message says what to do."""


def connect(db_path):
    """The warehouse opened read-only, or WarehouseError saying why it cannot be."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise WarehouseError(f"no warehouse at {db_path}. Run `make build` (or `dbt build`) first (or pass --db PATH).")
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(
            f"cannot open {db_path} read-only ({error}). If `dbt build` is running, wait for it to finish."
        ) from error


def read_builds(db_path):
    """The rows of build_runs, latest first, read (and the file closed) before any mart: a build
    that failed or was killed may have left marts that do not match, and that is the news."""
    con = connect(db_path)
    try:
        return builds_logged(con)
    finally:
        con.close()


def read_marts(db_path):
    """Return {mart name: list of row dicts} for every required mart, closing the file before returning."""
    con = connect(db_path)
    try:
        check_contract(con, db_path)
        marts = {mart: read_rows(con, mart, columns) for mart, columns in REQUIRED_MARTS.items()}
    finally:
        con.close()
    empty = [mart for mart in MUST_HAVE_ROWS if not marts[mart]]
    if empty:
        raise WarehouseError(
            f"mart(s) {', '.join(empty)} in {db_path} have no rows. Run `make build` (or `dbt build`) first."
        )
    return marts


def check_contract(con, db_path):
    """Raise WarehouseError naming every missing mart, or every missing column of a mart."""
    found = existing_columns(con)
    missing_marts = [mart for mart in REQUIRED_MARTS if mart not in found]
    if missing_marts:
        raise WarehouseError(
            f"the warehouse at {db_path} is missing {len(missing_marts)} mart(s): "
            f"{', '.join(missing_marts)}. Run `make build` (or `dbt build`) first."
        )
    problems = [
        f"{mart} lacks {', '.join(sorted(set(columns) - found[mart]))}"
        for mart, columns in REQUIRED_MARTS.items()
        if set(columns) - found[mart]
    ]
    if problems:
        raise WarehouseError(
            f"marts in {db_path} do not match what the review reads: {'; '.join(problems)}. "
            "Run `make build` (or `dbt build`) first to rebuild them."
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


def builds_logged(con):
    """The rows of build_runs (the build hooks' log), latest first; None when there is no log. A log
    older than the columns is_full_build and failed_nodes reads them as null."""
    columns = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = 'build_runs'"
        ).fetchall()
    }
    if not columns:
        return None
    wanted = [
        "invocation_id",
        "command",
        "started_at",
        "finished_at",
        "status",
        "nodes_failed",
        "is_full_build",
        "failed_nodes",
    ]
    select = ", ".join(column if column in columns else f"null as {column}" for column in wanted)
    result = con.execute(f"select {select} from main.build_runs order by started_at desc")
    return [dict(zip(wanted, row)) for row in result.fetchall()]


def describe(build):
    started = build["started_at"].strftime("%Y-%m-%d %H:%M")
    return f"dbt {build['command']}, started {started}, status {build['status']}"


def what_failed(build):
    named = f": {build['failed_nodes']}" if build["failed_nodes"] else ""
    return f"{build['nodes_failed']} node(s) failed or were skipped{named}"


def build_problem(builds, db_path):
    """Why the review should not be rendered from this warehouse, or None. The marts it reads must be
    those of the latest full build, and it must have succeeded: a partial build (dbt build -s ...)
    rebuilds some marts and cannot clear a full build's failure, and a build after it that failed
    or did not finish may have left marts that do not match."""
    if not builds:
        return (
            f"the warehouse at {db_path} has no record of a build (it was built before builds recorded "
            "their outcome). Run `make build` (or `dbt build`) again."
        )
    latest = builds[0]
    if latest["status"] == "running":
        return (
            f"the latest build in {db_path} ({describe(latest)}) did not finish: it was stopped, is still "
            "running, or its on-run-end hook failed. Wait for it, or run `make build` again."
        )
    # A log older than is_full_build (null) counts every build as full.
    full = [build for build in builds if build["is_full_build"] is not False]
    if not full:
        return (
            f"the warehouse at {db_path} has no full build: only partial ones (dbt build --select ...), which "
            "cannot vouch for every mart. Run `make build` (a full dbt build)."
        )
    last_full = full[0]
    if last_full["status"] != "success":
        later = " (a partial build after it cannot clear that)" if last_full is not latest else ""
        return (
            f"the latest full build in {db_path} ({describe(last_full)}) failed{later}: {what_failed(last_full)}. "
            "Its marts may hold an earlier build's numbers. Fix what it reported and run `make build` again."
        )
    failed_since = [build for build in builds[: builds.index(last_full)] if build["status"] != "success"]
    if failed_since:
        build = failed_since[0]
        return (
            f"a partial build in {db_path} after the latest full one ({describe(build)}) failed: "
            f"{what_failed(build)}. Some marts may not match the rest. Run `make build` again."
        )
    return None
