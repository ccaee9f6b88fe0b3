"""The KPI playbook: one home per metric fact, a complete entry per metric, checks that run.

The seeds are the only home of each metric's owner, tier, thresholds, cadences, watchers,
escalation and first checks; the docs site's facts blocks are written from them by
scripts/generate_metric_docs.py and must be current; every check points at a model of the
project or an analyses/ query that compiles; kpi_playbook carries the seed's values.
"""

import csv
import subprocess
import sys

import duckdb
import pytest

from conftest import PROJECT_ROOT, run_dbt

SEEDS = PROJECT_ROOT / "seeds"


def seed(name):
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_docs_facts_are_written_from_the_seeds():
    result = subprocess.run(
        [sys.executable, "scripts/generate_metric_docs.py", "--check"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_hand_written_docs_copy_no_owner():
    text = (PROJECT_ROOT / "models" / "marts" / "kpi" / "_kpi__docs.md").read_text(encoding="utf-8")
    for metric in seed("metric_definitions"):
        assert metric["owner_role"] not in text, f"{metric['owner_role']} is copied into _kpi__docs.md"


def test_every_metric_has_a_complete_playbook_entry():
    checks = seed("metric_first_checks")
    for metric in seed("metric_definitions"):
        for field in ("owner_role", "review_cadence", "refresh_cadence", "watchers", "escalation", "formula"):
            assert metric[field].strip(), (metric["metric_id"], field)
        orders = sorted(int(c["check_order"]) for c in checks if c["metric_id"] == metric["metric_id"])
        assert orders == [1, 2, 3], metric["metric_id"]


def model_names():
    return {path.stem for path in (PROJECT_ROOT / "models").rglob("*.sql")} | {
        path.stem for path in SEEDS.glob("*.csv")
    }


@pytest.fixture(scope="module")
def compiled_analyses(small_dataset, built_warehouse, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("playbook")
    sources = {c["source"] for c in seed("metric_first_checks") if c["source"].startswith("analyses/")}
    names = sorted(source.removeprefix("analyses/").removesuffix(".sql") for source in sources)
    if names:
        run_dbt(["compile", "--select", *names], small_dataset, built_warehouse, work_dir)
    return {name: work_dir / "target" / "compiled" / "instacart_kpis" / "analyses" / f"{name}.sql" for name in names}


def test_every_check_points_at_a_model_or_an_analysis_that_runs(compiled_analyses, built_warehouse):
    models = model_names()
    for check in seed("metric_first_checks"):
        source = check["source"]
        if source.startswith("analyses/"):
            assert (PROJECT_ROOT / source).is_file(), source
        else:
            assert source in models, source
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        for name, path in compiled_analyses.items():
            assert con.sql(path.read_text(encoding="utf-8")).fetchall(), f"{name} returned no rows"


def test_the_playbook_mart_carries_the_seed(built_warehouse):
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        result = con.sql(
            "select metric_id, owner_role, escalation, check_order, check_question, check_source "
            "from kpi_playbook order by metric_id, check_order"
        )
        rows = result.fetchall()
    metrics = {m["metric_id"]: m for m in seed("metric_definitions")}
    expected = sorted(
        (
            c["metric_id"],
            metrics[c["metric_id"]]["owner_role"],
            metrics[c["metric_id"]]["escalation"],
            int(c["check_order"]),
            c["question"],
            c["source"],
        )
        for c in seed("metric_first_checks")
    )
    assert rows == expected
