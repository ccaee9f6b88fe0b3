"""Adding a ratio metric is a seed row and one formula, and the rest follows.

On a copy of the project, the test makes exactly the edits docs/architecture.md lists under
"Adding a metric" (a row in seeds/metric_definitions.csv and one measure in
macros/kpi_order_measures.sql), then runs the README's commands (`make build`, `make review`)
on a small dated dataset and finds the metric in the metric spine, both scorecards, the
comparisons, the semantic layer, the docs facts and the rendered review, its values equal to
a computation from the CSVs.
"""

import csv
import re
import shutil
import subprocess
from collections import defaultdict
from datetime import date, timedelta

import duckdb
import pytest
import yaml

from conftest import PROJECT_ROOT, VENV, dbt_env

METRIC_ID = "large_basket_share"
MEASURE = "large_basket_orders"
LARGE_BASKET_LINES = 15
SEED_ROW = {
    "metric_id": METRIC_ID,
    "display_name": "Large-basket share",
    "tier": "P1",
    "metric_type": "guardrail",
    "owner_role": "Basket Growth Lead",
    "unit": "share",
    "direction": "higher_is_better",
    "review_cadence": "weekly",
    "refresh_cadence": "daily",
    "watchers": "Head of Growth",
    "escalation": "Basket Growth Lead, then Head of Growth",
    "formula": f"Observed orders with at least {LARGE_BASKET_LINES} items / observed orders",
    "numerator": MEASURE,
    "denominator": "observed_orders",
}
MEASURE_LINE = f"        ('{MEASURE}', 'case when line_count >= {LARGE_BASKET_LINES} then 1 else 0 end'),\n"


def files_named_in_architecture(project):
    """The files docs/architecture.md says a new ratio metric touches (its 'Adding a metric' table)."""
    text = (project / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Adding a metric", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.M))


def add_the_metric(project):
    """The two edits: a seed row (every column the seed has; thresholds and the rest left empty) and one measure."""
    seed = project / "seeds" / "metric_definitions.csv"
    with open(seed, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames
        sort_orders = [int(row["sort_order"]) for row in reader]
    row = {column: SEED_ROW.get(column, "") for column in columns}
    row["sort_order"] = str(max(sort_orders) + 1)
    with open(seed, "a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=columns, lineterminator="\n").writerow(row)
    macro = project / "macros" / "kpi_order_measures.sql"
    text = macro.read_text(encoding="utf-8")
    anchor = "        ('small_basket_orders',"
    assert anchor in text
    macro.write_text(text.replace(anchor, MEASURE_LINE + anchor), encoding="utf-8")


def changed_files(original, project, names):
    """The tracked files whose bytes differ between the two copies."""
    return {name for name in names if (original / name).read_bytes() != (project / name).read_bytes()}


def make(project, target, data_dir):
    env = dbt_env(data_dir, project / "warehouse" / "instacart.duckdb", project)
    for key in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "DBT_PROJECT_DIR", "DBT_PROFILES_DIR"):
        env.pop(key)
    result = subprocess.run(["make", target], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    return result


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def share_by_hand(data_dir, first=None, last=None):
    """Observed orders with at least LARGE_BASKET_LINES lines / observed orders, dated first..last (all when None)."""
    lines = defaultdict(int)
    for name in ("order_products__prior.csv", "order_products__train.csv"):
        with open(data_dir / name, newline="", encoding="utf-8") as handle:
            for line in csv.DictReader(handle):
                lines[line["order_id"]] += 1
    with open(data_dir / "orders.csv", newline="", encoding="utf-8") as handle:
        counts = [
            lines[order["order_id"]]
            for order in csv.DictReader(handle)
            if lines[order["order_id"]] and (first is None or first <= date.fromisoformat(order["order_date"]) <= last)
        ]
    return sum(count >= LARGE_BASKET_LINES for count in counts) / len(counts)


@pytest.fixture(scope="module")
def project_with_new_metric(tmp_path_factory, dated_dataset):
    if not (VENV / "bin" / "dbt").exists():
        pytest.skip("needs the project's .venv (make install)")
    root = tmp_path_factory.mktemp("new_metric")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    names = [name for name in tracked if name and (PROJECT_ROOT / name).is_file()]
    for copy in ("original", "project"):
        for name in names:
            (root / copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_ROOT / name, root / copy / name)
    project = root / "project"
    (project / ".venv").symlink_to(VENV)
    add_the_metric(project)
    edited = changed_files(root / "original", project, names)
    make(project, "build", dated_dataset)
    make(project, "review", dated_dataset)
    return {"project": project, "edited": edited, "db": project / "warehouse" / "instacart.duckdb"}


def test_the_edits_are_exactly_the_files_the_architecture_page_names(project_with_new_metric):
    project = project_with_new_metric["project"]
    edited = project_with_new_metric["edited"]
    assert edited == files_named_in_architecture(project)
    assert edited == {"seeds/metric_definitions.csv", "macros/kpi_order_measures.sql"}


def test_the_spine_and_the_comparisons_hold_it_with_the_right_values(project_with_new_metric, dated_dataset):
    db = project_with_new_metric["db"]
    rows = query(db, f"select * from kpi_metric_values where metric_id = '{METRIC_ID}' and segment = 'all'")
    assert {row["grain"] for row in rows} >= {"snapshot", "week", "month"}
    (snapshot,) = [row for row in rows if row["grain"] == "snapshot"]
    assert snapshot["value"] == pytest.approx(share_by_hand(dated_dataset), rel=1e-12)
    week = max(row["period_start"] for row in rows if row["grain"] == "week" and row["is_complete"])
    (weekly,) = [row for row in rows if row["grain"] == "week" and row["period_start"] == week]
    by_hand = share_by_hand(dated_dataset, week, week + timedelta(days=6))
    assert weekly["value"] == pytest.approx(by_hand, rel=1e-12)
    comparisons = query(
        db,
        f"select * from kpi_metric_comparisons where metric_id = '{METRIC_ID}' and grain = 'week' "
        f"and segment = 'all' and period_start = '{week}'",
    )
    before = share_by_hand(dated_dataset, week - timedelta(days=7), week - timedelta(days=1))
    assert comparisons[0]["previous_value"] == pytest.approx(before, rel=1e-12)


def test_both_scorecards_and_the_playbook_hold_it(project_with_new_metric):
    db = project_with_new_metric["db"]
    assert query(db, f"select owner_role from kpi_scorecard where metric_id = '{METRIC_ID}'") == [
        {"owner_role": "Basket Growth Lead"}
    ]
    weekly = query(
        db, f"select * from kpi_weekly_scorecard where metric_id = '{METRIC_ID}' and is_latest_complete_week"
    )
    assert len(weekly) == 1 and weekly[0]["is_on_flight_deck"]
    assert query(db, f"select count(*) as n from kpi_playbook where metric_id = '{METRIC_ID}'")[0]["n"] >= 1


def test_the_semantic_layer_and_the_docs_facts_hold_it(project_with_new_metric):
    project = project_with_new_metric["project"]
    metrics = yaml.safe_load((project / "models" / "marts" / "semantic" / "_semantic__metrics.yml").read_text())
    names = {metric["name"]: metric for metric in metrics["metrics"]}
    assert any(name.startswith(METRIC_ID) for name in names), "no MetricFlow metric for the new seed row"
    facts = (project / "models" / "marts" / "kpi" / "_metric_facts.md").read_text(encoding="utf-8")
    assert f"{{% docs metric_facts_{METRIC_ID} %}}" in facts and "Basket Growth Lead (P1, guardrail)" in facts


def test_the_rendered_review_shows_it(project_with_new_metric):
    reports = project_with_new_metric["project"] / "reports"
    memo = (reports / "weekly_business_review.md").read_text(encoding="utf-8")
    deck = memo.split("## Flight deck", 1)[1].split("\n## ", 1)[0]
    assert "Large-basket share (P1)" in deck
    assert "Large-basket share" in (reports / "kpi_playbook.md").read_text(encoding="utf-8")
    assert "Large-basket share" in (reports / "dashboard.html").read_text(encoding="utf-8")
