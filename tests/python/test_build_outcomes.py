"""Builds have an outcome: each records success or failure; the history and the review
take successful builds only; a failed or unfinished build stops the review unless asked."""

import os
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
    return subprocess.run([sys.executable, "scripts/render_review.py", "--db", str(db_path), "--output-dir", str(out),
                           "--format", "html,md", "--quiet", *args],
                          cwd=PROJECT_ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One dataset built twice successfully, then once more with a forced failure."""
    work = tmp_path_factory.mktemp("outcomes")
    data = generate(work / "raw", users=400, seed=5, undated=False)
    db = work / "w.duckdb"
    build = ["build", "--exclude-resource-type", "unit_test"]
    run_dbt(build, data, db, work)
    first = query(db, "select * from kpi_scorecard_history order by metric_id")
    run_dbt(build, data, db, work)
    second = query(db, "select * from kpi_scorecard_history order by metric_id")
    failed = run_dbt([*build, *FAIL_THE_BUILD], data, db, work, check=False)
    after_failure = query(db, "select * from kpi_scorecard_history order by metric_id")
    return {"work": work, "data": data, "db": db, "first": first, "second": second, "failed": failed,
            "after_failure": after_failure}


def test_every_build_records_its_outcome(builds):
    runs = query(builds["db"], "select * from build_runs order by started_at")
    assert [run["status"] for run in runs] == ["success", "success", "failed"]
    assert builds["failed"].returncode != 0
    assert all(run["finished_at"] is not None and run["command"] == "build" for run in runs)
    assert runs[-1]["nodes_failed"] > 0 and runs[0]["nodes_failed"] == 0
    quality = query(builds["db"], "select sum(data_lines) as lines, sum(staged_rows) as staged from fct_data_quality")[0]
    assert (runs[0]["data_lines"], runs[0]["staged_rows"]) == (quality["lines"], quality["staged"])


def test_the_same_data_built_twice_is_one_history_entry_replaced(builds):
    first, second = builds["first"], builds["second"]
    assert len({row["as_of_date"] for row in second}) == 1 and len(second) == len(first) == 12
    assert {row["invocation_id"] for row in second} != {row["invocation_id"] for row in first}
    assert [(r["metric_id"], r["value"]) for r in second] == [(r["metric_id"], r["value"]) for r in first]


def test_a_failed_build_leaves_the_history_as_it_was(builds):
    assert builds["after_failure"] == builds["second"]


def test_new_data_is_a_new_history_entry(builds, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(builds["db"], db)
    later = generate(tmp_path / "raw", users=400, seed=5, undated=False, extra=("--end-date", "2026-11-21"))
    run_dbt(["build", "--exclude-resource-type", "unit_test"], later, db, tmp_path)
    entries = query(db, "select as_of_date, count(*) as metrics from kpi_scorecard_history group by 1 order by 1")
    assert [row["metrics"] for row in entries] == [12, 12]
    assert entries[0]["as_of_date"] < entries[1]["as_of_date"]


def test_the_review_refuses_a_failed_build_unless_asked(builds, tmp_path):
    result = render(builds["db"], tmp_path / "refused")
    assert result.returncode == EXIT_FAILED_BUILD
    assert "the latest build (dbt build, started" in result.stderr and "failed" in result.stderr
    assert "--allow-failed-build" in result.stderr
    assert not (tmp_path / "refused" / "weekly_business_review.md").exists()
    result = render(builds["db"], tmp_path / "allowed", "--allow-failed-build")
    assert result.returncode == 0, result.stderr
    for name in ("weekly_business_review.md", "kpi_playbook.md", "dashboard.html"):
        text = (tmp_path / "allowed" / name).read_text(encoding="utf-8")
        assert "rendered from a failed or unfinished build" in text, name
    figure = (tmp_path / "allowed" / "trends.html").read_text(encoding="utf-8")
    assert "rendered from a failed or unfinished build" in figure


def test_a_build_that_did_not_finish_stops_the_review(builds, tmp_path):
    db = tmp_path / "killed.duckdb"
    shutil.copy(builds["db"], db)
    with duckdb.connect(str(db)) as con:  # what a killed build leaves: its row, still running
        con.execute("insert into build_runs (invocation_id, command, started_at, status) "
                    "values ('killed', 'build', current_localtimestamp() + interval 1 minute, 'running')")
    result = render(db, tmp_path / "out")
    assert result.returncode == EXIT_FAILED_BUILD and "did not finish" in result.stderr


def test_a_killed_build_leaves_its_row_running(builds, tmp_path):
    """Start a real build and kill it once it has started; its row stays 'running'."""
    import signal
    import time

    db = tmp_path / "w.duckdb"
    shutil.copy(builds["db"], db)
    env = dict(os.environ, INSTACART_DATA_DIR=str(builds["data"]), INSTACART_DUCKDB_PATH=str(db),
               DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"),
               DBT_PROFILES_DIR=str(PROJECT_ROOT), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    process = subprocess.Popen([str(DBT), "build", "--exclude-resource-type",
                                "unit_test"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        if "START sql table model" in line:
            break
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    runs = query(db, "select status from build_runs order by started_at")
    assert runs[-1]["status"] == "running" and len(runs) == 4
