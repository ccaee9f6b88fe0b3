"""Write the MetricFlow metrics (models/marts/semantic/_semantic__metrics.yml) from the seed.

A metric's words and facts (display name, formula, owner, tier, type, unit, direction)
live once, in seeds/metric_definitions.csv, and the trailing window's length once, in
dbt_project.yml's var kpi_window_days. This script holds only how each metric is computed
(specs() below) and writes every label, description and meta from those two places; a test
fails when the file is not what this script would write, so run it after editing either:

  python scripts/generate_semantic_metrics.py            # rewrite the file
  python scripts/generate_semantic_metrics.py --check    # exit 1 when it is out of date
"""

import csv
import sys
from pathlib import Path

import yaml

from generated_file import write_or_check  # scripts/ is on the path when run

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED = PROJECT_ROOT / "seeds" / "metric_definitions.csv"
OUTPUT = PROJECT_ROOT / "models" / "marts" / "semantic" / "_semantic__metrics.yml"
# meta key: seed column (owner and tier as every model's meta names them).
SEED_FACTS = {
    "owner": "owner_role",
    "tier": "tier",
    "metric_type": "metric_type",
    "unit": "unit",
    "direction": "direction",
}


def simple(measure):
    return {"type": "simple", "type_params": {"measure": measure}}


def ratio(numerator, denominator):
    return {"type": "ratio", "type_params": {"numerator": numerator, "denominator": denominator}}


def derived(expr, *metrics):
    return {"type": "derived", "type_params": {"expr": expr, "metrics": list(metrics)}}


def trailing(measure, window_days):
    # period_agg last: at week grain the value is the window ending on the week's Sunday,
    # which is kpi_weekly's window.
    return {
        "type": "cumulative",
        "type_params": {
            "measure": measure,
            "cumulative_type_params": {"window": f"{window_days} days", "period_agg": "last"},
        },
    }


def week_over_week(metric, relative):
    last_week = f"{metric}_last_week"
    expr = f"({metric} - {last_week}) / nullif(abs({last_week}), 0)" if relative else f"{metric} - {last_week}"
    return derived(expr, {"name": metric}, {"name": metric, "offset_window": "1 week", "alias": last_week})


# One entry per MetricFlow metric: (name, the seed row it measures, how it is computed, what
# it adds to the seed's words). The seed row gives the label, the formula and the facts; a
# metric that is only another metric's input (seed row None) carries its own words and no owner.
def specs(window_days):
    window = (
        f"over the trailing {window_days} days ending on the period's last day (at week grain, kpi_weekly's window)"
    )
    return [
        ("active_customers", "active_customers", simple("active_customers"), None),
        ("observed_orders", "observed_orders", simple("observed_orders"), None),
        ("items", "items", simple("items"), None),
        ("orders_per_customer", "orders_per_customer", ratio("observed_orders", "active_customers"), None),
        ("items_per_order", "items_per_order", ratio("items", "observed_orders"), None),
        ("vpac", "vpac", ratio("items", "active_customers"), None),
        ("reordered_items_per_order", "reordered_items_per_order", ratio("reordered_items", "observed_orders"), None),
        (
            "new_items_per_order",
            "new_items_per_order",
            derived(
                "(items - reordered_items) / nullif(observed_orders, 0)",
                {"name": "items"},
                {"name": "reordered_items"},
                {"name": "observed_orders"},
            ),
            None,
        ),
        ("reorder_rate", "reorder_rate", ratio("reordered_items", "items"), None),
        ("small_basket_share", "small_basket_share", ratio("small_basket_orders", "observed_orders"), None),
        ("median_days_between_orders", "median_days_between_orders", simple("days_between_orders_median"), None),
        (
            "reordered_items",
            None,
            simple("reordered_items"),
            (
                "Reordered items",
                "Lines of observed orders the customer had bought before; "
                "the input of reorder_rate and reordered_items_per_order.",
            ),
        ),
        (
            "small_basket_orders",
            None,
            simple("small_basket_orders"),
            (
                "Small-basket orders",
                "Observed orders with at most small_basket_max_lines lines; the input of small_basket_share.",
            ),
        ),
        (
            "product_items",
            "items",
            simple("order_lines"),
            (
                "by product",
                "counted line by line, so they split by product__department and product__aisle "
                "(equal to items otherwise)",
            ),
        ),
        (
            "product_reordered_items",
            None,
            simple("reordered_order_lines"),
            (
                "Reordered items by product",
                "Order lines the customer had bought before, counted line by line; the input of product_reorder_rate.",
            ),
        ),
        (
            "product_reorder_rate",
            "reorder_rate",
            ratio("product_reordered_items", "product_items"),
            (
                "by product",
                "counted line by line, so it splits by product__department and product__aisle "
                "(equal to reorder_rate otherwise)",
            ),
        ),
        (
            "vpac_wow_change",
            "vpac",
            week_over_week("vpac", relative=False),
            (
                "week-over-week change",
                "minus its value a week earlier (offset_window 1 week; at week grain, ISO week against ISO week)",
            ),
        ),
        (
            "vpac_wow_relative_change",
            "vpac",
            week_over_week("vpac", relative=True),
            (
                "week-over-week relative change",
                "minus its value a week earlier, as a fraction of that value (vpac_wow_change / last week's VPAC)",
            ),
        ),
        (
            "active_customers_trailing",
            "active_customers",
            trailing("active_customers", window_days),
            ("trailing window", window),
        ),
        (
            "observed_orders_trailing",
            "observed_orders",
            trailing("observed_orders", window_days),
            ("trailing window", window),
        ),
        ("items_trailing", "items", trailing("items", window_days), ("trailing window", window)),
        (
            "orders_per_customer_trailing",
            "orders_per_customer",
            ratio("observed_orders_trailing", "active_customers_trailing"),
            ("trailing window", window),
        ),
        (
            "items_per_order_trailing",
            "items_per_order",
            ratio("items_trailing", "observed_orders_trailing"),
            ("trailing window", window),
        ),
        ("vpac_trailing", "vpac", ratio("items_trailing", "active_customers_trailing"), ("trailing window", window)),
        (
            "vpac_trailing_wow_change",
            "vpac",
            week_over_week("vpac_trailing", relative=False),
            (
                "trailing window, week-over-week change",
                f"{window} minus its value a week earlier (at week grain, kpi_weekly_scorecard's wow_change for vpac)",
            ),
        ),
    ]


def read_seed():
    with open(SEED, newline="", encoding="utf-8") as handle:
        return {row["metric_id"]: row for row in csv.DictReader(handle)}


def window_days():
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    return int(project["vars"]["kpi_window_days"])


def metric_entry(name, seed_id, computation, words, seed):
    if seed_id is None:
        label, description = words
        meta = {"seed_metric_id": None}
    else:
        row = seed[seed_id]
        meta = {"seed_metric_id": seed_id, **{key: row[column] for key, column in SEED_FACTS.items()}}
        formula = row["formula"][0].lower() + row["formula"][1:]
        label = row["display_name"]
        description = f"{row['display_name']}: {formula}."
        if words is not None:
            variant, detail = words
            label = f"{label}, {variant}"
            description = f"{row['display_name']} {detail}: {formula}."
    return {"name": name, "label": label, "description": description, **computation, "config": {"meta": meta}}


def render():
    seed = read_seed()
    metrics = [metric_entry(*spec, seed) for spec in specs(window_days())]
    header = (
        "# Written by scripts/generate_semantic_metrics.py from seeds/metric_definitions.csv and\n"
        "# dbt_project.yml (var kpi_window_days); edit those or the script, then run it.\n"
    )
    body = yaml.safe_dump({"version": 2, "metrics": metrics}, sort_keys=False, width=1000, allow_unicode=True)
    return header + body


def main(argv=None):
    return write_or_check(OUTPUT, render(), "scripts/generate_semantic_metrics.py", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
