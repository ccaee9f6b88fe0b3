"""Builds have an outcome: each records success or failure; the history and the review
take successful builds only; a failed or unfinished build stops the review unless asked."""

import os
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import DBT, PROJECT_ROOT, generate, run_dbt

EXIT_FAILED_BUILD = 6
FAIL_THE_BUILD = ["--vars", "{rejected_share_error: -1}"]  # every file is then "past" the error threshold


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def render(db_path, out, *args):
    return subprocess.run(
        [
            sys.executable,
            "scripts/render_review.py",
            "--db",
            str(db_path),
            "--output-dir",
            str(out),
            "--format",
            "html,md",
            "--quiet",
            *args,
        ],
        cwd=PROJECT_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )


BUILD = ["build", "--exclude-resource-type", "unit_test"]


def comparison(db_path):
    """What the previous-entry marts say: each metric's row and VPAC's split."""
    return (
        query(db_path, "select * from kpi_metric_changes order by metric_id"),
        query(db_path, "select * from kpi_vpac_change"),
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One dataset built twice successfully, then once more with a forced failure."""
    work = tmp_path_factory.mktemp("outcomes")
    data = generate(work / "raw", users=400, seed=5, undated=False)
    db = work / "instacart.duckdb"
    run_dbt(BUILD, data, db, work)
    first = query(db, "select * from kpi_scorecard_history order by metric_id")
    run_dbt(BUILD, data, db, work)
    second = query(db, "select * from kpi_scorecard_history order by metric_id")
    succeeded = work / "succeeded" / db.name  # the same file name: DuckDB names the database after it
    succeeded.parent.mkdir()
    shutil.copy(db, succeeded)
    compared = comparison(db)
    failed = run_dbt([*BUILD, *FAIL_THE_BUILD], data, db, work, check=False)
    after_failure = query(db, "select * from kpi_scorecard_history order by metric_id")
    return {
        "work": work,
        "data": data,
        "db": db,
        "first": first,
        "second": second,
        "failed": failed,
        "after_failure": after_failure,
        "succeeded": succeeded,
        "compared": compared,
        "compared_after_failure": comparison(db),
    }


def test_every_build_records_its_outcome(builds):
    runs = query(builds["db"], "select * from build_runs order by started_at")
    assert [run["status"] for run in runs] == ["success", "success", "failed"]
    assert builds["failed"].returncode != 0
    assert all(run["finished_at"] is not None and run["command"] == "build" for run in runs)
    # the failed test, and the nodes downstream of what it tests (skipped): all count as failed
    failed = runs[-1]["nodes_by_status"]
    assert failed["fail"] == 1 and runs[-1]["nodes_failed"] == failed["fail"] + failed.get("skipped", 0)
    assert runs[-1]["failed_nodes"] == "assert_no_file_past_rejection_error_threshold"  # named; skipped ones not
    assert runs[0]["nodes_failed"] == 0 and runs[0]["failed_nodes"] is None
    # exposures are no-ops: a successful build has them and is still a success
    assert set(runs[0]["nodes_by_status"]) == {"success", "pass", "no-op"}
    assert all(sum(run["nodes_by_status"].values()) == run["nodes_passed"] + run["nodes_failed"] for run in runs)
    quality = query(
        builds["db"],
        "select sum(raw_rows) as raw, sum(data_lines) as lines, sum(staged_rows) as staged, "
        "sum(rejected_rows) as rejected from fct_data_quality",
    )[0]
    as_of = query(builds["db"], "select as_of_date from kpi_north_star")[0]["as_of_date"]
    for run in runs:
        assert (run["raw_rows"], run["data_lines"], run["staged_rows"], run["rejected_rows"], run["as_of_date"]) == (
            quality["raw"],
            quality["lines"],
            quality["staged"],
            quality["rejected"],
            as_of,
        )


def test_a_build_of_generated_dated_data_records_how_it_was_generated(builds):
    """fct_data_source: generation.json's seed, users, dates and the planted change's week."""
    import datetime
    import json

    record = json.loads((builds["data"] / "generation.json").read_text())
    (row,) = query(builds["succeeded"], "select * from fct_data_source")
    assert row == {
        "data_dir": str(builds["data"]),
        "is_generated": True,
        "generation_seed": record["seed"],
        "generated_users": record["users"],
        "is_dated": True,
        "generation_end_date": datetime.date.fromisoformat(record["end_date"]),
        "is_steady": record.get("steady"),
        "planted_change_week_start": datetime.date.fromisoformat(record["planted_change"]["week_start"]),
        "generation_problem": None,
    }


def test_a_successful_build_renders_without_a_warning(builds, tmp_path):
    result = render(builds["succeeded"], tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert "WARNING" not in (tmp_path / "out" / "weekly_business_review.md").read_text(encoding="utf-8")


def test_the_same_data_built_twice_is_one_history_entry_replaced(builds):
    first, second = builds["first"], builds["second"]
    assert len({row["as_of_date"] for row in second}) == 1 and len(second) == len(first) == 12
    assert {row["invocation_id"] for row in second} != {row["invocation_id"] for row in first}
    assert [(r["metric_id"], r["value"]) for r in second] == [(r["metric_id"], r["value"]) for r in first]


def test_a_failed_build_leaves_the_history_as_it_was(builds):
    assert builds["after_failure"] == builds["second"]
    assert builds["compared_after_failure"] == builds["compared"]


def test_the_same_data_built_again_is_not_compared_with_itself(builds):
    changes, (vpac,) = builds["compared"]
    as_of = builds["second"][0]["as_of_date"]
    assert len(changes) == 12 and all(row["current_as_of_date"] == as_of for row in changes)
    assert not any(row["has_previous_entry"] for row in changes) and not vpac["has_previous_entry"]
    assert vpac["current_as_of_date"] == as_of and vpac["vpac_change"] is None


def test_a_build_that_does_not_build_the_scorecard_records_no_entry(builds, tmp_path):
    db = tmp_path / builds["succeeded"].name
    shutil.copy(builds["succeeded"], db)
    run_dbt(["build", "--select", "fct_data_quality"], builds["data"], db, tmp_path)
    latest = query(db, "select * from build_runs order by started_at desc limit 1")[0]
    assert latest["status"] == "success" and latest["as_of_date"] is None  # kpi_north_star was not built
    assert latest["staged_rows"] is not None
    assert query(db, "select * from kpi_scorecard_history order by metric_id") == builds["second"]


def test_a_failing_data_quality_report_leaves_the_build_failed_not_running(builds, tmp_path):
    """The on-run-end report cannot read fct_rejected_rows_by_reason (a stale table of another
    shape): dbt stops at that hook, before the hooks after it; the log still says failed, counting
    the report as the failed node, and the history is untouched."""
    db = tmp_path / builds["succeeded"].name
    shutil.copy(builds["succeeded"], db)
    with duckdb.connect(str(db)) as con:
        con.execute("create or replace table fct_rejected_rows_by_reason as select 1 as stale_column")
    result = run_dbt(["build", "--select", "fct_data_quality"], builds["data"], db, tmp_path, check=False)
    assert result.returncode != 0
    assert "fct_rejected_rows_by_reason" in result.stdout, result.stdout[-3000:]  # the report's error
    latest = query(db, "select * from build_runs order by started_at desc limit 1")[0]
    assert (latest["status"], latest["nodes_failed"]) == ("failed", 1), latest
    # every node passed: the one failure is the report (hooks are counted in nodes_failed only)
    assert latest["finished_at"] is not None and set(latest["nodes_by_status"]) <= {"success", "pass"}
    assert latest["nodes_passed"] == sum(latest["nodes_by_status"].values())
    assert query(db, "select * from kpi_scorecard_history order by metric_id") == builds["second"]
    refused = render(db, tmp_path / "out")
    assert refused.returncode == EXIT_FAILED_BUILD
    assert "a partial build in" in refused.stderr and "status failed) failed: 1 node(s) failed" in refused.stderr


def test_new_data_is_a_new_history_entry_compared_with_the_as_of_before_it(builds, tmp_path):
    """Older data built last is the current entry (a baseline: nothing before it); the newer data
    built again is then compared with it."""
    db = tmp_path / builds["succeeded"].name
    shutil.copy(builds["succeeded"], db)
    earlier_data = generate(tmp_path / "raw", users=400, seed=5, undated=False, extra=("--end-date", "2026-11-21"))
    run_dbt(BUILD, earlier_data, db, tmp_path)
    entries = query(db, "select as_of_date, count(*) as metrics from kpi_scorecard_history group by 1 order by 1")
    assert [row["metrics"] for row in entries] == [12, 12]
    earlier, later = entries[0]["as_of_date"], entries[1]["as_of_date"]
    assert earlier < later
    changes, (vpac,) = comparison(db)
    assert {(row["current_as_of_date"], row["previous_as_of_date"]) for row in changes} == {(earlier, None)}
    assert not vpac["has_previous_entry"]

    run_dbt(BUILD, builds["data"], db, tmp_path)
    history = {
        (row["as_of_date"], row["metric_id"]): row["value"] for row in query(db, "select * from kpi_scorecard_history")
    }
    assert len(history) == 24
    changes, (vpac,) = comparison(db)
    assert len(changes) == 12
    for row in changes:
        assert (row["previous_as_of_date"], row["current_as_of_date"]) == (earlier, later)
        assert (row["previous_value"], row["current_value"]) == (
            history[earlier, row["metric_id"]],
            history[later, row["metric_id"]],
        )
        assert row["change"] == pytest.approx(row["current_value"] - row["previous_value"])
    assert vpac["vpac_change"] == pytest.approx(history[later, "vpac"] - history[earlier, "vpac"])
    assert vpac["contribution_orders_per_customer"] + vpac["contribution_items_per_order"] == pytest.approx(
        vpac["vpac_change"], rel=1e-9
    )


def test_the_review_refuses_a_failed_build_unless_asked(builds, tmp_path):
    result = render(builds["db"], tmp_path / "refused")
    assert result.returncode == EXIT_FAILED_BUILD
    named = (
        r"the latest full build in \S+ \(dbt build, started \d{4}-\d\d-\d\d \d\d:\d\d, status failed\) failed: "
        r"\d+ node\(s\) failed or were skipped: assert_no_file_past_rejection_error_threshold\."
    )
    assert re.search(named, result.stderr), result.stderr
    assert "--allow-failed-build" in result.stderr
    assert not (tmp_path / "refused" / "weekly_business_review.md").exists()
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    result = render(builds["db"], tmp_path / "allowed", "--allow-failed-build")
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / "allowed" / "weekly_business_review.md").read_text(encoding="utf-8")
    assert memo.splitlines()[0].startswith("> **WARNING: rendered from a failed or unfinished build")
    for name in ("kpi_playbook.md", "dashboard.html"):
        text = (tmp_path / "allowed" / name).read_text(encoding="utf-8")
        assert "rendered from a failed or unfinished build" in text, name
    for figure in (tmp_path / "allowed").glob("*.html"):
        assert "WARNING: rendered from a failed or unfinished build" in figure.read_text(encoding="utf-8"), figure.name


@pytest.mark.parametrize(
    "partial",
    [["build", "--select", "kpi_north_star"], ["run", "--select", "dim_products"]],
    ids=["build_one_mart", "run_one_model"],
)
def test_a_partial_build_cannot_clear_a_failed_full_build(builds, tmp_path, partial):
    """After the failed full build, a partial build or run that succeeds is the latest row of the
    log; the review still refuses, naming the full build and what it failed on."""
    db = tmp_path / builds["db"].name
    shutil.copy(builds["db"], db)
    run_dbt(partial, builds["data"], db, tmp_path)
    latest = query(db, "select status, is_full_build from build_runs order by started_at desc limit 1")[0]
    assert latest == {"status": "success", "is_full_build": False}
    result = render(db, tmp_path / "out")
    assert result.returncode == EXIT_FAILED_BUILD, result.stderr
    assert "the latest full build in" in result.stderr and "a partial build after it cannot clear that" in result.stderr
    assert "assert_no_file_past_rejection_error_threshold" in result.stderr  # what it failed on, by name
    assert not (tmp_path / "out" / "weekly_business_review.md").exists()


def test_a_warehouse_without_a_build_log_is_refused_as_unknown(builds, tmp_path):
    db = tmp_path / "old.duckdb"
    shutil.copy(builds["succeeded"], db)
    with duckdb.connect(str(db)) as con:  # as built before builds recorded their outcome
        con.execute("drop table build_runs")
    result = render(db, tmp_path / "out")
    assert result.returncode == EXIT_FAILED_BUILD
    assert "no record of a build" in result.stderr and "Run `make build` (or `dbt build`) again" in result.stderr


def test_a_build_that_did_not_finish_stops_the_review(builds, tmp_path):
    db = tmp_path / "killed.duckdb"
    shutil.copy(builds["db"], db)
    with duckdb.connect(str(db)) as con:  # what a killed build leaves: its row, still running
        con.execute(
            "insert into build_runs (invocation_id, command, started_at, status) "
            "values ('killed', 'build', current_localtimestamp() + interval 1 minute, 'running')"
        )
    result = render(db, tmp_path / "out")
    assert result.returncode == EXIT_FAILED_BUILD and "did not finish" in result.stderr


def test_a_killed_build_leaves_its_row_running(builds, tmp_path):
    """Start a real build and kill it once it has started; its row stays 'running'."""
    import signal
    import time

    db = tmp_path / "instacart.duckdb"
    shutil.copy(builds["db"], db)
    env = dict(
        os.environ,
        INSTACART_DATA_DIR=str(builds["data"]),
        INSTACART_DUCKDB_PATH=str(db),
        DBT_TARGET_PATH=str(tmp_path / "target"),
        DBT_LOG_PATH=str(tmp_path / "logs"),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    process = subprocess.Popen(
        [str(DBT), "build", "--exclude-resource-type", "unit_test"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in process.stdout:
        if "START sql table model" in line:
            break
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    runs = query(db, "select status, finished_at from build_runs order by started_at")
    assert runs[-1] == {"status": "running", "finished_at": None} and len(runs) == 4
    assert query(db, "select * from kpi_scorecard_history order by metric_id") == builds["after_failure"]
    result = render(db, tmp_path / "out")
    assert result.returncode == EXIT_FAILED_BUILD and "did not finish" in result.stderr


def test_the_snapshot_review_compares_with_the_previous_entry_and_names_both_dates(tmp_path):
    """Undated data: each build's as_of is a var; the memo compares with the data as of the
    previous entry, and says so; after a failed build of newer data it compares nothing."""
    db = tmp_path / "instacart.duckdb"
    run_dbt([*BUILD, "--vars", "{as_of: '2026-11-01'}"], generate(tmp_path / "a", users=250, seed=3), db, tmp_path)
    newer = generate(tmp_path / "b", users=300, seed=4)
    run_dbt([*BUILD, "--vars", "{as_of: '2026-11-08'}"], newer, db, tmp_path)
    result = render(db, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / "out" / "weekly_business_review.md").read_text(encoding="utf-8")
    moved = memo.split("## What moved")[1].split("\n## ")[0]
    assert (
        "Compared with the data as of 2026-11-01 (the previous entry of the KPI history), "
        "the data as of 2026-11-08: VPAC " in moved
    )
    (vpac,) = query(db, "select * from kpi_vpac_change")
    assert f"from {vpac['previous_vpac']:.2f} to {vpac['current_vpac']:.2f}" in moved
    assert f"{vpac['contribution_orders_per_customer']:+.2f} from order frequency" in moved
    rows = [line for line in moved.splitlines() if line.startswith("| ") and "(P" in line]
    assert len(rows) == len(query(db, "select * from kpi_metric_changes")) == 12
    active = query(db, "select * from kpi_metric_changes where metric_id = 'active_customers'")[0]
    assert (
        f"| Active customers (P3) | {active['previous_value']:,.0f} | {active['current_value']:,.0f} | "
        f"{active['change']:+,.0f} |" in moved
    )
    assert (
        "compared with the data as of 2026-11-01"
        in (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8").lower()
    )

    failed = run_dbt(
        [*BUILD, "--vars", "{as_of: '2026-11-15', rejected_share_error: -1}"], newer, db, tmp_path, check=False
    )
    assert failed.returncode != 0
    result = render(db, tmp_path / "failed", "--allow-failed-build")
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / "failed" / "weekly_business_review.md").read_text(encoding="utf-8")
    assert "The KPI history has no entry for this data (as of 2026-11-15)" in memo
    assert "Compared with the data as of" not in memo
