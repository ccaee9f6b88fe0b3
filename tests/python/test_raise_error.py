"""raise_error (macros/cross_engine/raise_error.sql) stops the query with its message. The
singular test of the cross-engine helpers cannot check an error, so this runs one query
through `dbt show` on DuckDB, on an empty database (nothing is built)."""

from conftest import run_dbt


def test_raise_error_stops_the_query_with_its_message(tmp_path):
    # The message is an expression, so the text below exists only if DuckDB evaluated it.
    query = "select {{ raise_error(\"'stopped on purpose after ' || (40 + 2) || ' rows'\") }} as stopped"
    result = run_dbt(
        ["show", "--inline", query], tmp_path / "raw", tmp_path / "instacart.duckdb", tmp_path, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "stopped on purpose after 42 rows" in output, output[-2000:]
    assert "Traceback" not in output
