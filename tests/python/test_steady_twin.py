"""On a steady business the review stays quiet: signals are noise, not news.

The generator's steady twin (`--steady`: the same customers as the default dated data, no
planted change, no drift) is built at 30,000 users, a size at which a week's noise is
realistic (a few thousand active customers: the default plan tolerances, 5 % and 2 points,
sit well outside it). Over its last 52 complete weeks at most 1 week in 10 may carry an
exception on a P0 or P1 metric (or a band's own VPAC): the natural limits, plan and
guardrails together must not cry wolf.
"""

import duckdb
import pytest

from conftest import generate, run_dbt

USERS, SEED = 30_000, 11
LAST_WEEKS = 52


def exception_weeks(db_path):
    """Weeks among the last 52 complete ones with an exception on a P0 or P1 metric or a band's VPAC."""
    sql = f"""
        with last_weeks as (
            select distinct week_start from kpi_weekly_scorecard order by week_start desc limit {LAST_WEEKS}
        )
        select count(distinct exceptions.week_start)
        from kpi_exceptions as exceptions
        inner join last_weeks on exceptions.week_start = last_weeks.week_start
        where exceptions.tier in ('P0', 'P1')
    """
    with duckdb.connect(str(db_path), read_only=True) as con:
        weeks = con.sql("select count(distinct week_start) from kpi_weekly_scorecard").fetchone()[0]
        return con.sql(sql).fetchone()[0], weeks


@pytest.fixture(scope="module")
def steady_warehouse(tmp_path_factory):
    work = tmp_path_factory.mktemp("steady")
    data = generate(work / "raw", users=USERS, seed=SEED, undated=False, extra=("--steady",))
    db_path = work / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data, db_path, work)
    return db_path


def test_the_steady_twin_raises_an_exception_in_at_most_1_week_in_10(steady_warehouse):
    found, weeks = exception_weeks(steady_warehouse)
    assert weeks >= LAST_WEEKS + 26, "the twin holds a baseline before the last 52 weeks"
    assert found <= LAST_WEEKS // 10, f"{found} of the last {LAST_WEEKS} weeks carry a P0/P1 exception"
