"""Pick what the review says from the marts: lookups, what moved, segment facts and the action rules.

Values stay raw here; formatting happens where they are shown (memo.py, figures.py).
"""

from review.formatting import fmt_band, fmt_decimal, fmt_share, fmt_value, humanize, lower_first

STATUS_RANK = {"ok": 0, "warn": 1, "critical": 2}


def by_key(rows, key):
    """Index rows by one column."""
    return {row[key]: row for row in rows}


def tree_root(tree):
    """The root node of kpi_metric_tree (the North Star)."""
    return next(node for node in tree if node["parent_node_id"] is None)


def tree_children(tree, node_id):
    """Children of a node, in sort order."""
    children = [node for node in tree if node["parent_node_id"] == node_id]
    return sorted(children, key=lambda node: node["sort_order"])


def tree_in_order(tree):
    """(depth, node, operator) for every node, depth first; operator joins a node to the sibling before it."""
    rows = []

    def visit(node, depth, operator):
        rows.append((depth, node, operator))
        for position, child in enumerate(tree_children(tree, node["node_id"])):
            visit(child, depth + 1, operator_symbol(child) if position else "")

    visit(tree_root(tree), 0, "")
    return rows


def operator_symbol(node):
    """'×' for siblings that multiply, '+' for siblings that add."""
    return {"product": "×", "sum": "+"}.get(node["combine_with_siblings"], "")


def needs_attention(scorecard):
    """Scorecard rows in warn or critical, worst first."""
    flagged = [row for row in scorecard if row["status"] in ("warn", "critical")]
    return sorted(flagged, key=lambda row: (-STATUS_RANK[row["status"]], row["sort_order"]))


def is_informational(metric):
    """A metric with no thresholds is shown for information and cannot breach."""
    return metric["warn_threshold"] is None and metric["critical_threshold"] is None


def threshold_rule(metric, threshold):
    """'at or below 55.0%' or 'at or above 10.0%', by the metric's direction; None when there is no threshold.

    A value exactly at a threshold counts as breached (macro kpi_status), so the rule says "at or".
    """
    if threshold is None:
        return None
    word = "at or below" if metric["direction"] == "higher_is_better" else "at or above"
    return f"{word} {fmt_value(threshold, metric['unit'])}"


def top_band(segments):
    """The most frequent band that has customers."""
    populated = [row for row in segments if row["customers"]]
    return max(populated, key=lambda row: row["sort_order"]) if populated else None


def band_label(segment):
    """'Power (11+ orders)'."""
    band = fmt_band(segment["min_observed_orders"], segment["max_observed_orders"])
    noun = "order" if band == "1" else "orders"
    return f"{humanize(segment['segment_name'])} ({band} {noun})"


# The North Star's drivers, each with the kpi_vpac_change column that holds its share of the change.
VPAC_SPLIT_COLUMNS = {
    "orders_per_customer": "contribution_orders_per_customer",
    "items_per_order": "contribution_items_per_order",
}


def what_moved(metric_changes, vpac_change, scorecard, tree):
    """The latest build against the one before it, as kpi_metric_changes and kpi_vpac_change hold it.

    baseline=True when there is no earlier build (or no build at all); the rows follow the scorecard.
    """
    latest = metric_changes[0] if metric_changes else None
    baseline = not (latest and latest["has_previous_run"])
    changes = by_key(metric_changes, "metric_id")
    rows = [] if baseline else [moved_row(metric, changes.get(metric["metric_id"])) for metric in scorecard]
    return {
        "baseline": baseline,
        "latest_run": latest["current_run_started_at"] if latest else None,
        "previous_run": latest["previous_run_started_at"] if latest else None,
        "rows": rows,
        "split": vpac_split(vpac_change[0], tree) if vpac_change else None,
    }


def moved_row(metric, change):
    """One metric's previous and current value and status, and the change, from its kpi_metric_changes row."""
    change = change or {}
    return {
        "metric": metric,
        "previous": change.get("previous_value"),
        "current": change.get("current_value"),
        "change": change.get("change"),
        "previous_status": change.get("previous_status"),
        "current_status": change.get("current_status"),
    }


def vpac_split(row, tree):
    """The North Star's change over its drivers, from the kpi_vpac_change row; None when the mart has none
    (a baseline, or a value that is 0 or missing)."""
    nodes = by_key(tree, "node_id")
    contributions = [(nodes[node_id], row[column]) for node_id, column in VPAC_SPLIT_COLUMNS.items()]
    if not row["has_previous_run"] or any(amount is None for _, amount in contributions):
        return None
    return {
        "root": tree_root(tree),
        "previous": row["previous_vpac"],
        "current": row["current_vpac"],
        "change": row["vpac_change"],
        "contributions": contributions,
    }


# The action rules. Each names the mart rows it reads (source), when it fires, which
# scorecard metric triggers it (whose owner acts), its priority and its words.
# {fields} in the text come from facts_for(source, ...).
ACTION_RULES = [
    {
        "rule": "critical_breach",
        "source": "scorecard",
        "when": lambda row: row["status"] == "critical",
        "metric": lambda row: row["metric_id"],
        "priority": 1,
        "text": "{display_name} is {value}, which breaches its critical threshold ({critical_rule}). "
                "Find the cause and bring a fix to the next review.",
    },
    {
        "rule": "warn_breach",
        "source": "scorecard",
        "when": lambda row: row["status"] == "warn",
        "metric": lambda row: row["metric_id"],
        "priority": 2,
        "text": "{display_name} is {value}, which breaches its warning threshold ({warn_rule}). "
                "Explain the trend next week and say whether it needs a fix.",
    },
    {
        "rule": "larger_lever",
        "source": "sensitivity",
        "when": lambda pair: bool(pair["lever"]["is_larger_lever"]),
        "metric": lambda pair: pair["lever"]["driver_id"],
        "priority": 3,
        # Per unit only: +1 order per customer and +1 item per order are different units, and
        # +1% of either adds the same 1% of VPAC.
        "text": "{display_name} is the larger lever per unit: +1 adds {gain_per_unit} items per customer, "
                "more than the {other_gain_per_unit} that +1 in {other_display_name} adds (per +1% the two "
                "add the same). Size one experiment that moves it.",
    },
    {
        "rule": "occasional_to_regular",
        "source": "segment_step",
        "when": lambda step: step["from"]["segment_name"] == "occasional"
        and step["to"]["segment_name"] == "regular"
        and step["from"]["customers"] > 0
        and step["to"]["vpac"] is not None
        and step["from"]["vpac"] < step["to"]["vpac"],
        "metric": lambda step: "orders_per_customer",
        "priority": 4,
        "text": "Occasional customers are {from_share_of_customers} of customers at a VPAC of "
                "{from_vpac}; regular customers reach {to_vpac}. {from_action}",
    },
]


def segment_steps(segments):
    """Each band paired with the next more frequent band."""
    ordered = sorted(segments, key=lambda row: row["sort_order"])
    return [{"from": low, "to": high} for low, high in zip(ordered, ordered[1:])]


def sensitivity_pairs(sensitivity):
    """Each driver's kpi_sensitivity row with the row of the driver it is compared with."""
    by_driver = by_key(sensitivity, "driver_id")
    return [{"lever": row, "other": by_driver[row["other_driver_id"]]} for row in sensitivity]


def rule_rows(marts):
    """The rows each rule source reads."""
    return {
        "scorecard": marts["kpi_scorecard"],
        "sensitivity": sensitivity_pairs(marts["kpi_sensitivity"]),
        "segment_step": segment_steps(marts["kpi_segments"]),
    }


def facts_for(source, row):
    """The formatted fields a rule's text may use, for one row of its source."""
    if source == "scorecard":
        return {
            "display_name": row["display_name"],
            "value": fmt_value(row["value"], row["unit"]),
            "warn_rule": threshold_rule(row, row["warn_threshold"]),
            "critical_rule": threshold_rule(row, row["critical_threshold"]),
        }
    if source == "sensitivity":
        lever, other = row["lever"], row["other"]
        return {
            "display_name": lever["display_name"],
            "gain_per_unit": fmt_decimal(lever["vpac_gain_per_unit"]),
            "gain_per_one_percent": fmt_decimal(lever["vpac_gain_per_one_percent"]),
            "other_display_name": lower_first(other["display_name"]),
            "other_gain_per_unit": fmt_decimal(other["vpac_gain_per_unit"]),
        }
    facts = {}
    for side in ("from", "to"):
        segment = row[side]
        facts[f"{side}_share_of_customers"] = fmt_share(segment["share_of_customers"])
        facts[f"{side}_vpac"] = fmt_decimal(segment["vpac"])
        facts[f"{side}_action"] = segment["action"] or ""
    return facts


def recommended_actions(marts):
    """Fire every rule on its rows; each action names its rule, triggering metric and owner."""
    scorecard_by_id = by_key(marts["kpi_scorecard"], "metric_id")
    rows_by_source = rule_rows(marts)
    actions = []
    for rule in ACTION_RULES:
        for row in rows_by_source[rule["source"]]:
            if not rule["when"](row):
                continue
            metric_id = rule["metric"](row)
            metric = scorecard_by_id.get(metric_id, {})
            actions.append({
                "rule": rule["rule"],
                "priority": rule["priority"],
                "metric_id": metric_id,
                "metric_name": metric.get("display_name", metric_id),
                "status": metric.get("status"),
                "owner": metric.get("owner_role") or "no owner in the scorecard",
                "text": rule["text"].format(**facts_for(rule["source"], row)),
            })
    return sorted(actions, key=lambda action: action["priority"])
