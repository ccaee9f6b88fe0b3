"""KPI marts checked a second way: every value recomputed in plain Python from the raw CSVs.

The Python below does not share code or SQL with the dbt models: it reads the six CSVs
and the seeds with the csv module, applies the metric definitions (observed order =
at least one line; active customer = at least one observed order; ratios of sums), and
compares with the marts of a warehouse dbt built from the same files, to floating-point
rounding (relative 1e-9).
"""

import csv
import json
import math
import re
import statistics
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import PROJECT_ROOT, run_dbt

REL_TOL = 1e-9
SEEDS = PROJECT_ROOT / "seeds"
SAMPLE_DIR = PROJECT_ROOT.parent / "shared" / "instacart-sample"


# ---------------------------------------------------------------- reading


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def optional_float(text):
    return float(text) if text not in ("", None) else None


def small_basket_max_lines():
    """The project var, read from dbt_project.yml rather than restated here."""
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    return int(project["vars"]["small_basket_max_lines"])


def read_marts(db_path):
    """Every KPI mart as a list of dicts; the warehouse is opened read-only and closed at once."""
    tables = [
        "kpi_north_star",
        "kpi_scorecard",
        "kpi_guardrails",
        "kpi_segments",
        "kpi_sensitivity",
        "kpi_metric_tree",
        "kpi_scorecard_history",
    ]
    with duckdb.connect(str(db_path), read_only=True) as con:
        marts = {}
        for table in tables:
            # kpi_segments holds every grain; the snapshot's rows are the lifetime bands.
            where = " where grain = 'snapshot'" if table == "kpi_segments" else ""
            result = con.sql(f"select * from {table}{where}")
            marts[table] = [dict(zip(result.columns, row)) for row in result.fetchall()]
    return marts


# ---------------------------------------------------------------- the second computation


def ratio(numerator, denominator):
    return numerator / denominator if denominator else None


def expected_kpis(data_dir):
    """North star, segment rows, statuses and sensitivity, from the CSVs and the seeds."""
    max_small = small_basket_max_lines()
    orders = read_csv(Path(data_dir) / "orders.csv")
    known_orders = {row["order_id"] for row in orders}

    lines_per_order = defaultdict(int)
    reordered_per_order = defaultdict(int)
    for file_name in ("order_products__prior.csv", "order_products__train.csv"):
        for line in read_csv(Path(data_dir) / file_name):
            if line["order_id"] in known_orders:
                lines_per_order[line["order_id"]] += 1
                reordered_per_order[line["order_id"]] += line["reordered"] == "1"

    customers = defaultdict(lambda: {"orders": 0, "items": 0, "reordered": 0, "small": 0})
    gaps = []
    for order in orders:
        if int(order["order_number"]) > 1 and order["days_since_prior_order"] != "":
            gaps.append(float(order["days_since_prior_order"]))
        lines = lines_per_order.get(order["order_id"], 0)
        if lines == 0:
            continue
        customer = customers[order["user_id"]]
        customer["orders"] += 1
        customer["items"] += lines
        customer["reordered"] += reordered_per_order[order["order_id"]]
        customer["small"] += lines <= max_small

    n_customers = len(customers)
    n_orders = sum(c["orders"] for c in customers.values())
    n_items = sum(c["items"] for c in customers.values())
    n_reordered = sum(c["reordered"] for c in customers.values())
    n_small = sum(c["small"] for c in customers.values())
    n_one_time = sum(1 for c in customers.values() if c["orders"] == 1)
    north_star = {
        "active_customers": n_customers,
        "observed_orders": n_orders,
        "items": n_items,
        "reordered_items": n_reordered,
        "new_items": n_items - n_reordered,
        "orders_per_customer": ratio(n_orders, n_customers),
        "items_per_order": ratio(n_items, n_orders),
        "vpac": ratio(n_items, n_customers),
        "reordered_items_per_order": ratio(n_reordered, n_orders),
        "new_items_per_order": ratio(n_items - n_reordered, n_orders),
        "reorder_rate": ratio(n_reordered, n_items),
        "small_basket_orders": n_small,
        "small_basket_share": ratio(n_small, n_orders),
        "median_days_between_orders": statistics.median(gaps) if gaps else None,
        "one_time_customers": n_one_time,
        "one_time_customer_share": ratio(n_one_time, n_customers),
    }

    segments = {}
    for band in read_csv(SEEDS / "segment_bands.csv"):
        low = int(band["min_observed_orders"])
        high = int(band["max_observed_orders"]) if band["max_observed_orders"] else math.inf
        members = [c for c in customers.values() if low <= c["orders"] <= high]
        seg_customers = len(members)
        seg_orders = sum(c["orders"] for c in members)
        seg_items = sum(c["items"] for c in members)
        seg_reordered = sum(c["reordered"] for c in members)
        seg_small = sum(c["small"] for c in members)
        seg_vpac = ratio(seg_items, seg_customers)
        segments[band["segment_name"]] = {
            "sort_order": int(band["sort_order"]),
            "customers": seg_customers,
            "orders": seg_orders,
            "items": seg_items,
            "reordered_items": seg_reordered,
            "small_basket_orders": seg_small,
            "share_of_customers": ratio(seg_customers, n_customers),
            "share_of_orders": ratio(seg_orders, n_orders),
            "share_of_items": ratio(seg_items, n_items),
            "orders_per_customer": ratio(seg_orders, seg_customers),
            "items_per_order": ratio(seg_items, seg_orders),
            "vpac": seg_vpac,
            "reorder_rate": ratio(seg_reordered, seg_items),
            "small_basket_share": ratio(seg_small, seg_orders),
            # Same quantity as customer share x band VPAC, computed the direct way.
            "contribution_to_vpac": seg_items / n_customers if n_customers else 0.0,
        }

    scorecard = {}
    for metric in read_csv(SEEDS / "metric_definitions.csv"):
        value = north_star[metric["metric_id"]]
        scorecard[metric["metric_id"]] = {
            "value": value,
            "status": expected_status(
                value,
                metric["direction"],
                optional_float(metric["warn_threshold"]),
                optional_float(metric["critical_threshold"]),
            ),
            "metric_type": metric["metric_type"],
            "owner_role": metric["owner_role"],
            "tier": metric["tier"],
        }

    opc, ipo = north_star["orders_per_customer"], north_star["items_per_order"]
    sensitivity = {
        "orders_per_customer": {
            "current_value": opc,
            "vpac_gain_per_unit": ipo,
            "vpac_gain_per_one_percent": north_star["vpac"] / 100,
            "is_larger_lever": ipo > opc,
            "other_driver_id": "items_per_order",
        },
        "items_per_order": {
            "current_value": ipo,
            "vpac_gain_per_unit": opc,
            "vpac_gain_per_one_percent": north_star["vpac"] / 100,
            "is_larger_lever": opc > ipo,
            "other_driver_id": "orders_per_customer",
        },
    }
    return {"north_star": north_star, "segments": segments, "scorecard": scorecard, "sensitivity": sensitivity}


def expected_status(value, direction, warn, critical):
    """The status rules of the scorecard doc, written out again; at a threshold is breached."""
    if warn is None and critical is None:
        return "ok"
    if value is None:
        return "critical"
    breached = (lambda limit: value <= limit) if direction == "higher_is_better" else (lambda limit: value >= limit)
    if breached(critical):
        return "critical"
    if breached(warn):
        return "warn"
    return "ok"


def assert_close(actual, expected, label):
    if expected is None or actual is None:
        assert actual is None and expected is None, f"{label}: mart {actual!r}, python {expected!r}"
    elif isinstance(expected, (bool, str)):
        assert actual == expected, f"{label}: mart {actual!r}, python {expected!r}"
    else:
        assert math.isclose(float(actual), float(expected), rel_tol=REL_TOL, abs_tol=0.0), (
            f"{label}: mart {actual!r}, python {expected!r}"
        )


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def marts(built_warehouse):
    return read_marts(built_warehouse)


@pytest.fixture(scope="module")
def expected(small_dataset):
    return expected_kpis(small_dataset)


# ---------------------------------------------------------------- the comparisons


def test_north_star_matches_python(marts, expected):
    (row,) = marts["kpi_north_star"]
    assert row["active_customers"] > 0, "the generated dataset should have customers"
    for column, value in expected["north_star"].items():
        assert_close(row[column], value, f"kpi_north_star.{column}")


def test_every_scorecard_value_and_status_matches_python(marts, expected):
    rows = {row["metric_id"]: row for row in marts["kpi_scorecard"]}
    assert set(rows) == set(expected["scorecard"]), "one scorecard row per metric of the seed"
    for metric_id, want in expected["scorecard"].items():
        for column in ("value", "status", "metric_type", "owner_role", "tier"):
            assert_close(rows[metric_id][column], want[column], f"kpi_scorecard[{metric_id}].{column}")


def test_guardrails_are_the_scorecard_guardrails(marts, expected):
    guardrails = {row["metric_id"]: row for row in marts["kpi_guardrails"]}
    want = {m for m, row in expected["scorecard"].items() if row["metric_type"] == "guardrail"}
    assert set(guardrails) == want
    for metric_id in want:
        assert_close(guardrails[metric_id]["status"], expected["scorecard"][metric_id]["status"], metric_id)


def test_segment_rows_match_python(marts, expected):
    rows = {row["segment_name"]: row for row in marts["kpi_segments"]}
    assert set(rows) == set(expected["segments"]), "one row per band of the seed, empty bands included"
    for name, want in expected["segments"].items():
        for column, value in want.items():
            assert_close(rows[name][column], value, f"kpi_segments[{name}].{column}")


def test_sensitivity_matches_python(marts, expected):
    rows = {row["driver_id"]: row for row in marts["kpi_sensitivity"]}
    assert set(rows) == set(expected["sensitivity"])
    for driver, want in expected["sensitivity"].items():
        for column, value in want.items():
            assert_close(rows[driver][column], value, f"kpi_sensitivity[{driver}].{column}")


def test_metric_tree_values_and_identities(marts, expected):
    nodes = {row["node_id"]: row for row in marts["kpi_metric_tree"]}
    for node_id, node in nodes.items():
        assert_close(node["value"], expected["north_star"][node_id], f"kpi_metric_tree[{node_id}].value")
    roots = [n for n in nodes.values() if n["parent_node_id"] is None]
    assert [r["node_id"] for r in roots] == ["vpac"]
    for parent_id in {n["parent_node_id"] for n in nodes.values() if n["parent_node_id"]}:
        children = [n for n in nodes.values() if n["parent_node_id"] == parent_id]
        (rule,) = {c["combine_with_siblings"] for c in children}
        combined = math.prod(c["value"] for c in children) if rule == "product" else sum(c["value"] for c in children)
        assert_close(nodes[parent_id]["value"], combined, f"tree {parent_id} = {rule} of children")
    assert max(n["node_level"] for n in nodes.values()) >= 2


def test_history_entry_of_this_data_is_this_scorecard(marts):
    history = marts["kpi_scorecard_history"]
    as_of = marts["kpi_north_star"][0]["as_of_date"]
    latest_rows = {row["metric_id"]: row for row in history if row["as_of_date"] == as_of}
    scorecard = {row["metric_id"]: row for row in marts["kpi_scorecard"]}
    assert set(latest_rows) == set(scorecard)
    for metric_id, row in scorecard.items():
        assert_close(latest_rows[metric_id]["value"], row["value"], f"history[{metric_id}].value")
        assert latest_rows[metric_id]["status"] == row["status"]


def test_make_test_runs_every_unit_test(dated_warehouse):
    """The weekly build skips unit tests (Makefile), so the suite's dated build must run them all."""
    declared = [
        case
        for path in sorted((PROJECT_ROOT / "models").rglob("*.yml"))
        for case in (yaml.safe_load(path.read_text()) or {}).get("unit_tests", [])
    ]
    results = json.loads((dated_warehouse.parent / "target" / "run_results.json").read_text())["results"]
    ran = {r["unique_id"].split(".")[-1]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert len(declared) >= 10
    assert ran == {case["name"]: "pass" for case in declared}


# ---------------------------------------------------------------- the metric dictionary


def test_every_metric_has_a_facts_block_naming_its_owner_and_tier():
    """Owner and tier live in the seed; the facts block written from it carries them to the docs
    site. A metric may have words of its own in _kpi__docs.md (metric_<id>); none names a metric
    the seed does not hold."""
    kpi = PROJECT_ROOT / "models" / "marts" / "kpi"
    pattern = r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}"
    words = dict(re.findall(pattern, (kpi / "_kpi__docs.md").read_text(encoding="utf-8"), flags=re.S))
    facts = dict(re.findall(pattern, (kpi / "_metric_facts.md").read_text(encoding="utf-8"), flags=re.S))
    metrics = read_csv(SEEDS / "metric_definitions.csv")
    for metric in metrics:
        block = facts.get(f"metric_facts_{metric['metric_id']}")
        assert block is not None and f"**Owner**: {metric['owner_role']} ({metric['tier']}" in block, (
            f"facts block of {metric['metric_id']} does not name owner {metric['owner_role']} and tier {metric['tier']}"
        )
    metric_ids = {metric["metric_id"] for metric in metrics}
    orphans = [name for name in words if name.startswith("metric_") and name[len("metric_") :] not in metric_ids]
    assert not orphans, f"doc blocks for metrics the seed does not hold: {orphans}"


# ---------------------------------------------------------------- the real sample


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory):
    if not (SAMPLE_DIR / "orders.csv").exists():
        pytest.skip(f"no real sample at {SAMPLE_DIR}")
    work_dir = tmp_path_factory.mktemp("sample")
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build"], SAMPLE_DIR, db_path, work_dir)
    return db_path


def test_sample_headline_figures_match_its_readme(sample_warehouse):
    """The figures the sample's README publishes (rounded as printed there)."""
    (row,) = read_marts(sample_warehouse)["kpi_north_star"]
    assert (row["active_customers"], row["observed_orders"], row["items"]) == (1194, 19084, 192987)
    assert round(row["orders_per_customer"], 2) == 15.98
    assert round(row["items_per_order"], 2) == 10.11
    assert round(row["vpac"], 1) == 161.6
    assert round(row["reorder_rate"], 3) == 0.594


def test_sample_matches_python(sample_warehouse):
    want = expected_kpis(SAMPLE_DIR)
    marts = read_marts(sample_warehouse)
    (row,) = marts["kpi_north_star"]
    for column, value in want["north_star"].items():
        assert_close(row[column], value, f"sample kpi_north_star.{column}")
    scorecard = {r["metric_id"]: r for r in marts["kpi_scorecard"]}
    for metric_id, metric in want["scorecard"].items():
        assert_close(scorecard[metric_id]["status"], metric["status"], f"sample status {metric_id}")
