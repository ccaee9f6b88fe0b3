"""Write the MetricFlow metrics (models/marts/semantic/_semantic__metrics.yml) from the seed.

Every metric of seeds/metric_definitions.csv is computed once, in the metric spine
(kpi_metric_values: one row per grain, period, segment and metric, with its numerator and
denominator). The semantic layer reads it through one semantic model (metric_values), and
this script writes, for every seed row and with nothing per metric, one MetricFlow metric
per grain, filtered to that metric_id and grain:

  <metric_id>           the snapshot: the whole history through as_of
  <metric_id>_weekly    the ISO week (Monday to Sunday), by metric_time__week
  <metric_id>_monthly   the calendar month, by metric_time__month

a ratio of the spine's numerator and denominator when the seed names a denominator, else
the numerator itself; and, for the flight deck's metrics (tier P0 and P1),
<metric_id>_weekly_wow_change and <metric_id>_weekly_wow_relative_change (the week against
the week before, as the flight deck shows it); and the saved query scorecard (every seed metric,
the snapshot). Labels, descriptions and meta (owner, tier, type,
unit, direction) come from the seed. The line-grain metrics that split by product,
department and aisle (LINE_METRICS) are read from the core marts. A test fails when the
file is not what this script would write, so run it after editing the seed:

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
# The metrics the weekly review's flight deck shows, each with its week-over-week change.
FLIGHT_DECK_TIERS = ("P0", "P1")
OUTPUT = PROJECT_ROOT / "models" / "marts" / "semantic" / "_semantic__metrics.yml"
# meta key: seed column (owner and tier as every model's meta names them).
SEED_FACTS = {
    "owner": "owner_role",
    "tier": "tier",
    "metric_type": "metric_type",
    "unit": "unit",
    "direction": "direction",
}
# The spine's grains the semantic layer exposes: grain -> (name suffix, label, metric_time
# granularity, what one period is). The spine's trailing_window grain (var kpi_window_days
# when it is not 7) is not exposed: the semantic layer's weeks are ISO weeks.
GRAINS = {
    "snapshot": ("", None, None, "the whole history through as_of (the snapshot)"),
    "week": ("_weekly", "ISO week", "week", "each ISO week (Monday to Sunday)"),
    "month": ("_monthly", "month", "month", "each calendar month"),
}
# How a grain's rows are read: grouped by its period, and with no period.
BY_PERIOD = {
    "snapshot": ("ungrouped, the", ""),
    "week": (
        "by metric_time__week, each week's",
        "; ungrouped, the latest week's (the week holding as_of), and by a coarser metric_time its last week's",
    ),
    "month": (
        "by metric_time__month, each month's",
        "; ungrouped, the latest month's (the month holding as_of), and by a coarser metric_time its last month's",
    ),
}
# Measures of the spine whose segment rows do not add up to the all row (a median of the
# segments is not the median of the whole). Every other measure is a sum or a count of
# customers, and a period's segments partition its customers (test
# assert_segments_add_up_to_all), so a metric of such measures is summed over the segment
# rows: grouped by metric_value__segment it gives each segment, ungrouped the total. A
# metric reading a measure listed here reads the all rows only.
NOT_ADDITIVE_OVER_SEGMENTS = {"median_days_between_orders"}
NUMERATOR = "metric_numerator"
DENOMINATOR = "metric_denominator"


def dimension(name):
    return "{{ Dimension('metric_value__" + name + "') }}"


def spine_metric(name, row, grain):
    """One seed metric at one grain: the spine's rows of that metric_id and grain."""
    suffix, grain_label, granularity, period = GRAINS[grain]
    measures = [row["numerator"], row["denominator"]]
    additive = not NOT_ADDITIVE_OVER_SEGMENTS.intersection(measures)
    segment_filter = f"{dimension('segment')} <> 'all'" if additive else f"{dimension('segment')} = 'all'"
    formula = row["formula"][0].lower() + row["formula"][1:]
    label = row["display_name"] if grain_label is None else f"{row['display_name']}, {grain_label}"
    by_period, ungrouped = BY_PERIOD[grain]
    if additive:
        total = " (the sum of the segment rows, which partition the period's customers)"
        segments = "by metric_value__segment, each segment's row"
    else:
        total = ""
        segments = (
            "read from the all rows only, as a median of segments does not add up: grouped by "
            "metric_value__segment it shows the all row alone"
        )
    description = (
        f"{row['display_name']} over {period}: {formula}. Equals kpi_metric_values' value at grain {grain}: "
        f"{by_period} all row{total}; {segments}{ungrouped}."
    )
    if row["denominator"]:
        computation = {"type": "ratio", "type_params": {"numerator": NUMERATOR, "denominator": DENOMINATOR}}
    else:
        computation = {"type": "simple", "type_params": {"measure": NUMERATOR}}
    entry = {"name": name + suffix, "label": label, "description": description}
    if granularity is not None:
        entry["time_granularity"] = granularity
    return {
        **entry,
        **computation,
        "filter": [
            f"{dimension('metric_id')} = '{row['metric_id']}'",
            f"{dimension('grain')} = '{grain}'",
            segment_filter,
        ],
        "config": {"meta": seed_meta(row)},
    }


def week_over_week(row, relative):
    weekly = f"{row['metric_id']}_weekly"
    last_week = f"{weekly}_last_week"
    if relative:
        name, label, expr = (
            f"{weekly}_wow_relative_change",
            "week-over-week relative change",
            f"({weekly} - {last_week}) / nullif(abs({last_week}), 0)",
        )
        what = "the change from the ISO week before as a fraction of that week's value"
        equals = "relative_change"
    else:
        name, label, expr = f"{weekly}_wow_change", "week-over-week change", f"{weekly} - {last_week}"
        what = "minus its value in the ISO week before"
        equals = "change"
    return {
        "name": name,
        "label": f"{row['display_name']}, {label}",
        "description": (
            f"{row['display_name']}, ISO week, {what} ({weekly} against itself offset by one week; "
            f"by metric_time__week, which it needs): equals kpi_metric_comparisons' {equals} at grain week "
            "(segment all, or by metric_value__segment each segment's); empty for the first reported week."
        ),
        "type": "derived",
        "type_params": {
            "expr": expr,
            "metrics": [{"name": weekly}, {"name": weekly, "offset_window": "1 week", "alias": last_week}],
        },
        "config": {"meta": seed_meta(row)},
    }


def seed_meta(row):
    return {"seed_metric_id": row["metric_id"], **{key: row[column] for key, column in SEED_FACTS.items()}}


def spine_inputs():
    """The two metrics every ratio above is made of (a ratio's inputs must be metrics)."""
    words = "kpi_metric_values' {0} summed over the rows a query keeps: a number only once filtered to one "
    words += "metric_id and grain and to either the segment rows or the all rows, as every metric of a seed row is"
    return [
        {
            "name": name,
            "label": f"Spine {column}",
            "description": f"Input of the seed metrics: {words.format(column)}.",
            "type": "simple",
            "type_params": {"measure": name},
            "config": {"meta": {"seed_metric_id": None}},
        }
        for name, column in ((NUMERATOR, "numerator"), (DENOMINATOR, "denominator"))
    ]


# The line-grain metrics, read from fct_order_lines: the only ones a product's department or
# aisle splits (a period's measures in the spine have no product). Name, the seed row whose
# facts they carry (None: an input, with its own words), how, and the words they add.
LINE_METRICS = [
    (
        "product_items",
        "items",
        {"type": "simple", "type_params": {"measure": "order_lines"}},
        (
            "by product",
            "counted line by line from fct_order_lines, so they split by product__department and "
            "product__aisle (equal to items otherwise)",
        ),
    ),
    (
        "product_reordered_items",
        None,
        {"type": "simple", "type_params": {"measure": "reordered_order_lines"}},
        (
            "Reordered items by product",
            "Order lines the customer had bought before, counted line by line; the input of product_reorder_rate.",
        ),
    ),
    (
        "product_reorder_rate",
        "reorder_rate",
        {"type": "ratio", "type_params": {"numerator": "product_reordered_items", "denominator": "product_items"}},
        (
            "by product",
            "counted line by line from fct_order_lines, so it splits by product__department and "
            "product__aisle (equal to reorder_rate otherwise)",
        ),
    ),
]


def line_metric(name, seed_id, computation, words, seed):
    if seed_id is None:
        label, description = words
        meta = {"seed_metric_id": None}
    else:
        row = seed[seed_id]
        variant, detail = words
        formula = row["formula"][0].lower() + row["formula"][1:]
        label = f"{row['display_name']}, {variant}"
        description = f"{row['display_name']} {detail}: {formula}."
        meta = seed_meta(row)
    return {"name": name, "label": label, "description": description, **computation, "config": {"meta": meta}}


def read_seed():
    with open(SEED, newline="", encoding="utf-8") as handle:
        return {row["metric_id"]: row for row in csv.DictReader(handle)}


def render():
    seed = read_seed()
    rows = sorted(seed.values(), key=lambda row: int(row["sort_order"]))
    metrics = spine_inputs()
    for row in rows:
        metrics += [spine_metric(row["metric_id"], row, grain) for grain in GRAINS]
        if row["tier"] in FLIGHT_DECK_TIERS:
            metrics += [week_over_week(row, relative=False), week_over_week(row, relative=True)]
    metrics += [line_metric(*spec, seed) for spec in LINE_METRICS]
    scorecard = {
        "name": "scorecard",
        "description": (
            "The scorecard over the whole history (the snapshot), one row: every metric of seed "
            "metric_definitions, each equal to kpi_metric_values' value at grain snapshot, segment all "
            "(kpi_scorecard's value column)."
        ),
        "query_params": {"metrics": [row["metric_id"] for row in rows]},
    }
    header = (
        "# Written by scripts/generate_semantic_metrics.py from seeds/metric_definitions.csv;\n"
        "# edit the seed (or the script), then run it. The saved query scorecard is here because it\n"
        "# lists every seed metric; the other saved queries are in _semantic__models.yml.\n"
    )
    document = {"version": 2, "metrics": metrics, "saved_queries": [scorecard]}
    body = yaml.safe_dump(document, sort_keys=False, width=1000, allow_unicode=True)
    return header + body


def main(argv=None):
    return write_or_check(OUTPUT, render(), "scripts/generate_semantic_metrics.py", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
