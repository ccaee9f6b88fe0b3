"""Pick what the review says from the marts: lookups, what moved, segment facts and the action rules.

Values stay raw here; formatting happens where they are shown (memo.py, figures.py).
"""

import math

from review.formatting import fmt_band, fmt_decimal, fmt_share, fmt_value, humanize

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
    """'below 55.0%' or 'above 10.0%', by the metric's direction; None when there is no threshold."""
    if threshold is None:
        return None
    word = "below" if metric["direction"] == "higher_is_better" else "above"
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


def history_runs(history):
    """Distinct builds in the history, latest first: list of (run_started_at, invocation_id)."""
    runs = {(row["run_started_at"], row["invocation_id"]) for row in history}
    return sorted(runs, reverse=True)


def what_moved(history, scorecard):
    """The latest build against the one before it; baseline=True when there is no earlier build."""
    runs = history_runs(history)
    latest = runs[0] if runs else None
    if len(runs) < 2:
        return {"baseline": True, "latest": latest, "previous": None, "rows": []}
    previous = runs[1]
    now = {row["metric_id"]: row for row in history if row["invocation_id"] == latest[1]}
    before = {row["metric_id"]: row for row in history if row["invocation_id"] == previous[1]}
    rows = [
        moved_row(metric, now.get(metric["metric_id"]), before.get(metric["metric_id"]))
        for metric in scorecard
    ]
    return {"baseline": False, "latest": latest, "previous": previous, "rows": rows}


def moved_row(metric, now, before):
    """One metric's previous and current value and status."""
    current = now["value"] if now else None
    previous = before["value"] if before else None
    change = current - previous if current is not None and previous is not None else None
    return {
        "metric": metric,
        "previous": previous,
        "current": current,
        "change": change,
        "previous_status": before["status"] if before else None,
        "current_status": now["status"] if now else None,
    }


def log_mean(a, b):
    """Logarithmic mean L(a, b) = (a - b) / (ln a - ln b), and a when a = b."""
    return a if a == b else (a - b) / (math.log(a) - math.log(b))


def vpac_move(moved, tree):
    """LMDI split of the North Star's change over its multiplied drivers (DESIGN.md), or None.

    Exact: the contributions sum to the change with no residual. None when there is no
    previous build, the root's children do not multiply, or a value is missing or not positive.
    """
    if moved["baseline"]:
        return None
    root = tree_root(tree)
    drivers = tree_children(tree, root["node_id"])
    if not drivers or any(node["combine_with_siblings"] != "product" for node in drivers):
        return None
    rows = {row["metric"]["metric_id"]: row for row in moved["rows"]}
    if not all(has_positive_values(rows.get(node["node_id"])) for node in [root, *drivers]):
        return None
    v0, v1 = float(rows[root["node_id"]]["previous"]), float(rows[root["node_id"]]["current"])
    weight = log_mean(v1, v0)
    contributions = [(node, weight * log_ratio(rows[node["node_id"]])) for node in drivers]
    return {"root": root, "previous": v0, "current": v1, "contributions": contributions}


def has_positive_values(row):
    """True when a metric has a previous and a current value, both above zero (logs need it)."""
    return bool(row) and all(row[key] is not None and row[key] > 0 for key in ("previous", "current"))


def log_ratio(row):
    """ln(current / previous) of one metric."""
    return math.log(float(row["current"]) / float(row["previous"]))


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
        "text": "{display_name} is {value}, past its critical line ({critical_rule}). "
                "Find the cause and bring a fix to the next review.",
    },
    {
        "rule": "warn_breach",
        "source": "scorecard",
        "when": lambda row: row["status"] == "warn",
        "metric": lambda row: row["metric_id"],
        "priority": 2,
        "text": "{display_name} is {value}, past its warning line ({warn_rule}). "
                "Explain the trend next week and say whether it needs a fix.",
    },
    {
        "rule": "larger_lever",
        "source": "sensitivity",
        "when": lambda row: bool(row["is_larger_lever"]),
        "metric": lambda row: row["driver_id"],
        "priority": 3,
        "text": "{display_name} is the larger lever on VPAC: every +1 adds {gain_per_unit} "
                "items per customer. Size one experiment that moves it.",
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


def rule_rows(marts):
    """The rows each rule source reads."""
    return {
        "scorecard": marts["kpi_scorecard"],
        "sensitivity": marts["kpi_sensitivity"],
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
        return {
            "display_name": row["display_name"],
            "gain_per_unit": fmt_decimal(row["vpac_gain_per_unit"]),
            "gain_per_one_percent": fmt_decimal(row["vpac_gain_per_one_percent"]),
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
