"""The semantic layer (MetricFlow) on small built warehouses, checked against the metric spine.

`mf` runs as a user runs it (validate-configs, saved queries, `mf query --metrics ...`) on
the dated build conftest shares (3,000 users) and on the undated one (300 users). Every
seed metric at every grain (<id> the snapshot, <id>_weekly by ISO week, <id>_monthly by
month) must equal kpi_metric_values' value: the total (segment all) ungrouped or grouped by
the period, each segment's row grouped by metric_value__segment, the median included (it
reads the all rows only); ungrouped, a weekly or monthly metric is its latest period's
value; the week-over-week changes equal kpi_metric_comparisons'. The department question
(line-grain metrics, from the core marts) is checked against SQL on fct_order_lines, and a
ratio metric added to the seed reaches the semantic layer with no edit to the generator.
mf starts a process per call (a few seconds each), so each query asks for many metrics.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, dbt_env

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from generate_semantic_metrics import NOT_ADDITIVE_OVER_SEGMENTS  # noqa: E402

MF = Path(sys.executable).with_name("mf")
REL_TOL = 1e-9
SUFFIX = {"snapshot": "", "week": "_weekly", "month": "_monthly"}
PERIOD = {"week": "metric_time__week", "month": "metric_time__month"}
SEGMENT = "metric_value__segment"
LINE_METRICS = {"product_items", "product_reordered_items", "product_reorder_rate"}
SPINE_INPUTS = {"metric_numerator", "metric_denominator"}


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


def close(actual, expected):
    if expected is None:
        return actual is None
    return actual is not None and actual == pytest.approx(expected, rel=REL_TOL, abs=1e-12)


def read_seed(path=PROJECT_ROOT / "seeds" / "metric_definitions.csv"):
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["metric_id"]: row for row in csv.DictReader(handle)}


SEED = read_seed()
# A metric whose segments do not add up (the median) reads the spine's all rows only.
ALL_ROWS_ONLY = {
    metric_id for metric_id, row in SEED.items() if {row["numerator"], row["denominator"]} & NOT_ADDITIVE_OVER_SEGMENTS
}
WOW = [metric_id for metric_id, row in SEED.items() if row["tier"] in ("P0", "P1")]


def names(grain, seed=SEED):
    return [metric_id + SUFFIX[grain] for metric_id in seed]


def wow_names():
    return [f"{metric_id}_weekly_wow_{kind}" for metric_id in WOW for kind in ("change", "relative_change")]


def cell(column, text):
    """A period is a date, a segment text; a metric is a number, None when empty."""
    if column.startswith("metric_time__"):
        return datetime.fromisoformat(text).date() if text else None
    if "__" in column:
        return text
    return float(text) if text != "" else None


def make_mf(project_dir, env, out_dir):
    """Run one mf command in project_dir; a query returns its rows as dicts."""
    calls = []

    def run(*args):
        command = [str(MF), *args]
        csv_path = None
        if args[0] == "query":
            csv_path = Path(out_dir) / f"query_{len(calls)}.csv"
            command += ["--csv", str(csv_path), "--quiet"]
        calls.append(args)
        result = subprocess.run(command, cwd=project_dir, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"mf {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
        if csv_path is None:
            return result.stdout
        with open(csv_path, newline="", encoding="utf-8") as handle:
            return [{column: cell(column, text) for column, text in row.items()} for row in csv.DictReader(handle)]

    return run


def mf_on_build(data_dir, db_path, tmp_path_factory):
    # mf reads <project>/target/semantic_manifest.json whatever DBT_TARGET_PATH says, so it
    # runs in a folder holding the project file and the build's target (conftest builds in
    # db_path's folder), never the project's own target/ (another build's).
    project = tmp_path_factory.mktemp("mf_project")
    (project / "dbt_project.yml").symlink_to(PROJECT_ROOT / "dbt_project.yml")
    (project / "target").symlink_to(db_path.parent / "target", target_is_directory=True)
    env = dbt_env(data_dir, db_path, db_path.parent)
    env["DBT_PROJECT_DIR"] = str(project)
    return make_mf(project, env, tmp_path_factory.mktemp("mf_out"))


@pytest.fixture(scope="module")
def mf(dated_dataset, dated_warehouse, tmp_path_factory):
    return mf_on_build(dated_dataset, dated_warehouse, tmp_path_factory)


class Spine:
    """kpi_metric_values and kpi_metric_comparisons (grain week) of one build, keyed by
    (grain, period_start, segment, metric_id) and (period_start, segment, metric_id)."""

    def __init__(self, db_path):
        self.rows = {
            (r["grain"], r["period_start"], r["segment"], r["metric_id"]): r
            for r in query(db_path, "select * from kpi_metric_values where grain in ('snapshot', 'week', 'month')")
        }
        self.comparisons = {
            (r["period_start"], r["segment"], r["metric_id"]): r
            for r in query(db_path, "select * from kpi_metric_comparisons where grain = 'week'")
        }

    def periods(self, grain):
        return sorted({period for g, period, _, _ in self.rows if g == grain})

    def segments(self, grain, period):
        """The period's segments in the order tables show them (all last)."""
        rows = {
            r["segment"]: r["segment_sort_order"] for (g, p, _, _), r in self.rows.items() if (g, p) == (grain, period)
        }
        return sorted(rows, key=rows.get)

    def expected(self, grain, period, segment, metric_id, by_segment, column="value"):
        """What mf must show: the total ungrouped; by segment, each segment's row for a metric
        that sums them, the all row alone for one that reads the all rows only (the median)."""
        if by_segment and (segment == "all") != (metric_id in ALL_ROWS_ONLY):
            return None
        if column == "value":
            return self.rows[(grain, period, segment, metric_id)]["value"]
        return self.comparisons[(period, segment, metric_id)][column]


@pytest.fixture(scope="module")
def spine(dated_warehouse):
    return Spine(dated_warehouse)


def check_rows(rows, spine, grain, by_period, by_segment, seed=SEED):
    """Each row of an mf query (one period when by_period, else the grain's latest; one
    segment when by_segment, else the total) equals the spine, and the rows are every period
    and segment of the spine."""
    seen = set()
    for row in rows:
        period = row[PERIOD[grain]] if by_period else spine.periods(grain)[-1]
        segment = row[SEGMENT] if by_segment else "all"
        seen.add((period, segment))
        for metric_id in seed:
            expected = spine.expected(grain, period, segment, metric_id, by_segment)
            assert close(row[metric_id + SUFFIX[grain]], expected), (grain, period, segment, metric_id)
        for metric_id in WOW:
            for kind in ("change", "relative_change"):
                name = f"{metric_id}_weekly_wow_{kind}"
                if name in row:
                    expected = spine.expected(grain, period, segment, metric_id, by_segment, column=kind)
                    assert close(row[name], expected), (period, segment, name)
    periods = spine.periods(grain) if by_period else spine.periods(grain)[-1:]
    segments = {"all"}
    if by_segment:
        reads_all_rows = bool(ALL_ROWS_ONLY & set(seed))
        segments = {segment for period in periods for segment in spine.segments(grain, period)}
        segments -= set() if reads_all_rows else {"all"}
    assert seen == {(period, segment) for period in periods for segment in segments}, grain


def test_metrics_yaml_is_what_the_generator_writes_from_the_seed():
    result = subprocess.run(
        [sys.executable, "scripts/generate_semantic_metrics.py", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_seed_metric_is_a_metric_at_each_grain_carrying_the_seed_facts(dated_warehouse):
    manifest = json.loads((dated_warehouse.parent / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    metrics = {metric["name"]: metric for metric in manifest["metrics"]}
    by_grain = {f"{metric_id}{SUFFIX[grain]}": (metric_id, grain) for metric_id in SEED for grain in SUFFIX}
    # One name, one number: these and nothing else (no trailing window, no order-grain twin).
    assert set(metrics) == set(by_grain) | set(wow_names()) | LINE_METRICS | SPINE_INPUTS
    for name, (metric_id, grain) in by_grain.items():
        metric, row = metrics[name], SEED[metric_id]
        where = " and ".join(f["where_sql_template"] for f in metric["filter"]["where_filters"])
        assert f"= '{metric_id}'" in where and f"= '{grain}'" in where, name
        assert f"kpi_metric_values' value at grain {grain}" in metric["description"], name
        assert metric["type"] == ("ratio" if row["denominator"] else "simple"), name
    for name, metric in metrics.items():
        meta = metric["config"]["meta"]
        seed_id = meta["seed_metric_id"]
        assert metric["description"], name
        if seed_id is None:
            assert "owner" not in meta, f"{name} is an input with no seed row, so it names no owner"
            continue
        row = SEED[seed_id]
        assert (meta["owner"], meta["tier"], meta["metric_type"], meta["unit"], meta["direction"]) == (
            row["owner_role"],
            row["tier"],
            row["metric_type"],
            row["unit"],
            row["direction"],
        ), name
        assert metric["label"].startswith(row["display_name"]), name
        assert metric["description"].startswith(row["display_name"]), name
        if name not in set(wow_names()):
            assert row["formula"][1:] in metric["description"], name
    for model in manifest["semantic_models"]:
        assert model["description"], model["name"]
        for element in model["entities"] + model["dimensions"] + model["measures"]:
            assert element["description"], f"{model['name']}.{element['name']}"
    for saved_query in manifest["saved_queries"]:
        assert saved_query["description"], saved_query["name"]


def test_validate_configs_passes(mf):
    output = mf("validate-configs")
    assert "Successfully validated the semantics of built manifest (ERRORS: 0" in output
    assert "Successfully validated metrics against data warehouse (ERRORS: 0" in output


def test_ungrouped_each_metric_is_the_total_of_its_grain_latest_period(mf, spine):
    """vpac is the snapshot, vpac_weekly the latest week's, vpac_monthly the latest month's."""
    (row,) = mf("query", "--metrics", ",".join(names("snapshot") + names("week") + names("month")))
    for grain in SUFFIX:
        check_rows([row], spine, grain, by_period=False, by_segment=False)


@pytest.mark.parametrize("grain", ["week", "month"])
def test_by_period_each_metric_equals_the_spine_total(mf, spine, grain):
    extra = wow_names() if grain == "week" else []
    rows = mf("query", "--metrics", ",".join(names(grain) + extra), "--group-by", PERIOD[grain])
    check_rows(rows, spine, grain, by_period=True, by_segment=False)


@pytest.mark.parametrize("grain", ["snapshot", "week", "month"])
def test_by_segment_each_metric_equals_the_segment_rows(mf, spine, grain):
    """Grouped by metric_value__segment: each segment's row, and the median's all row alone."""
    extra = wow_names() if grain == "week" else []
    group_by = [SEGMENT] + ([PERIOD[grain]] if grain in PERIOD else [])
    rows = mf("query", "--metrics", ",".join(names(grain) + extra), "--group-by", ",".join(group_by))
    check_rows(rows, spine, grain, by_period=grain in PERIOD, by_segment=True)


def test_saved_queries_equal_the_spine(mf, spine):
    (scorecard,) = mf("query", "--saved-query", "scorecard")
    assert list(scorecard) == sorted(SEED, key=lambda metric_id: int(SEED[metric_id]["sort_order"]))
    check_rows([scorecard], spine, "snapshot", by_period=False, by_segment=False)

    table = mf("query", "--saved-query", "segment_table")
    (snapshot,) = spine.periods("snapshot")
    assert [row[SEGMENT] for row in table] == spine.segments("snapshot", snapshot)[:-1]
    for row in table:
        for metric_id in set(row) - {SEGMENT, "metric_value__segment_sort_order"}:
            assert close(row[metric_id], spine.expected("snapshot", snapshot, row[SEGMENT], metric_id, True)), row

    trend = mf("query", "--saved-query", "weekly_trend")
    assert [row["metric_time__week"] for row in trend] == spine.periods("week")
    # Its metrics are the ISO-week metrics of some seed rows, and VPAC's change.
    seed = {
        name.removesuffix("_weekly"): SEED[name.removesuffix("_weekly")]
        for name in trend[0]
        if name.endswith("_weekly")
    }
    assert "vpac_weekly_wow_change" in trend[0] and len(seed) == len(trend[0]) - 2
    check_rows(trend, spine, "week", by_period=True, by_segment=False, seed=seed)


def test_department_query_equals_sql_on_the_lines(mf, dated_warehouse):
    rows = mf("query", "--metrics", "product_items,product_reorder_rate", "--group-by", "product__department")
    by_sql = {
        r["department_name"]: r
        for r in query(
            dated_warehouse,
            """
        select
            products.department_name,
            count(*) as items,
            count_if(lines.is_reordered) as reordered_items,
        from fct_order_lines as lines
        inner join dim_products as products
            on lines.product_id = products.product_id
        group by products.department_name
    """,
        )
    }
    assert {r["product__department"] for r in rows} == set(by_sql)
    for row in rows:
        sql = by_sql[row["product__department"]]
        assert row["product_items"] == sql["items"], row["product__department"]
        assert close(row["product_reorder_rate"], sql["reordered_items"] / sql["items"]), row["product__department"]
    north_star = query(dated_warehouse, "select items, reorder_rate from kpi_north_star")[0]
    assert sum(r["product_items"] for r in rows) == north_star["items"], "the lines add up to items"
    reordered = sum(r["product_items"] * r["product_reorder_rate"] for r in rows)
    assert close(reordered / north_star["items"], north_star["reorder_rate"])


def test_undated_data_has_the_snapshot_and_no_weeks(small_dataset, built_warehouse, tmp_path_factory):
    mf_undated = mf_on_build(small_dataset, built_warehouse, tmp_path_factory)
    undated = Spine(built_warehouse)
    assert undated.periods("week") == [] and undated.periods("month") == []
    (row,) = mf_undated("query", "--metrics", ",".join(names("snapshot") + ["vpac_weekly", "vpac_monthly"]))
    check_rows([row], undated, "snapshot", by_period=False, by_segment=False)
    assert row["vpac_weekly"] is None and row["vpac_monthly"] is None
    rows = mf_undated("query", "--metrics", ",".join(names("snapshot")), "--group-by", SEGMENT)
    check_rows(rows, undated, "snapshot", by_period=False, by_segment=True)


def test_a_ratio_metric_added_to_the_seed_reaches_the_semantic_layer(
    project_copy, dated_dataset, dated_warehouse, tmp_path
):
    """A seed row naming two existing measures, then the generator (unchanged): the metric
    is in the semantic layer at every grain, equal to the spine's value and to the ratio
    of the two measures."""
    seed_path = project_copy / "seeds" / "metric_definitions.csv"
    with open(seed_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    new_row = {column: "" for column in rows[0]} | {
        "metric_id": "reordered_items_per_customer",
        "display_name": "Reordered items per customer",
        "tier": "P3",
        "metric_type": "driver",
        "owner_role": "Growth Analytics Lead",
        "unit": "items per customer",
        "direction": "higher_is_better",
        "review_cadence": "monthly",
        "refresh_cadence": "daily",
        "watchers": "Head of Growth",
        "escalation": "Growth Analytics Lead",
        "formula": "Items the customer had bought before / active customers",
        "numerator": "reordered_items",
        "denominator": "active_customers",
        "sort_order": str(max(int(row["sort_order"]) for row in rows) + 1),
    }
    with open(seed_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + [new_row])
    # What make metric-files does: the docs facts block and the MetricFlow metrics, from the seed.
    python = str(project_copy / ".venv" / "bin" / "python")
    for script in ("generate_metric_docs.py", "generate_semantic_metrics.py"):
        generator = project_copy / "scripts" / script
        assert generator.read_bytes() == (PROJECT_ROOT / "scripts" / script).read_bytes()
        subprocess.run([python, str(generator)], cwd=project_copy, check=True, capture_output=True)

    # The dated build, its seed reloaded and its spine rebuilt with the new row.
    db_path = tmp_path / "instacart.duckdb"
    shutil.copy(dated_warehouse, db_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith("DBT_")}
    env.update(
        INSTACART_DATA_DIR=str(dated_dataset),
        INSTACART_DUCKDB_PATH=str(db_path),
        DBT_PROFILES_DIR=str(project_copy),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = str(project_copy / ".venv" / "bin" / "dbt")
    for args in (["seed", "--select", "metric_definitions"], ["run", "--select", "kpi_metric_values"]):
        result = subprocess.run([dbt, *args], cwd=project_copy, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-4000:]

    new_seed = {"reordered_items_per_customer": read_seed(seed_path)["reordered_items_per_customer"]}
    spine = Spine(db_path)
    mf_copy = make_mf(project_copy, env, tmp_path)
    (row,) = mf_copy("query", "--metrics", ",".join(names("snapshot", new_seed) + names("week", new_seed)))
    for grain in ("snapshot", "week"):
        check_rows([row], spine, grain, by_period=False, by_segment=False, seed=new_seed)
    rows = mf_copy(
        "query", "--metrics", ",".join(names("month", new_seed)), "--group-by", f"{PERIOD['month']},{SEGMENT}"
    )
    check_rows(rows, spine, "month", by_period=True, by_segment=True, seed=new_seed)
    manifest = json.loads((project_copy / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    (scorecard,) = [query for query in manifest["saved_queries"] if query["name"] == "scorecard"]
    assert scorecard["query_params"]["metrics"][-1] == "reordered_items_per_customer"
    # And the spine computed it from the two measures the row names.
    for (grain, period, segment, metric_id), row in spine.rows.items():
        if metric_id == "reordered_items_per_customer":
            reordered = spine.rows[(grain, period, segment, "reorder_rate")]["numerator"]
            customers = spine.rows[(grain, period, segment, "vpac")]["denominator"]
            assert (row["numerator"], row["denominator"]) == (reordered, customers), (grain, period, segment)
