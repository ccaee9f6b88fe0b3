"""Rows of the marts as views: the same fields, formatted for people. Shared by the memo and the figures."""

from review.formatting import (
    fmt_band, fmt_change, fmt_count, fmt_decimal, fmt_share, fmt_timestamp, fmt_value, humanize, short_name,
    unit_kind,
)
from review.picks import (
    band_label, by_key, is_informational, operator_symbol, recommended_actions, threshold_rule, top_band,
)

STATUS_LABELS = {"ok": "OK", "warn": "WARN", "critical": "CRITICAL", None: "n/a"}


def with_unit(value, unit):
    """'161.6 items per customer', '59.4%' (a share carries no unit word)."""
    text = fmt_value(value, unit)
    return text if unit_kind(unit) == "share" or not unit or text == "n/a" else f"{text} {unit}"


def metric_view(metric):
    """One scorecard metric, formatted."""
    return {
        "metric_id": metric["metric_id"],
        "display_name": metric["display_name"],
        "short_name": short_name(metric["display_name"]),
        "tier": metric["tier"],
        "owner": metric["owner_role"],
        "value": fmt_value(metric["value"], metric["unit"]),
        "value_with_unit": with_unit(metric["value"], metric["unit"]),
        "warn_rule": threshold_rule(metric, metric["warn_threshold"]) or "none",
        "critical_rule": threshold_rule(metric, metric["critical_threshold"]) or "none",
        "informational": is_informational(metric),
        "status": metric["status"],
        "status_label": STATUS_LABELS.get(metric["status"], str(metric["status"]).upper()),
    }


def north_star_view(root, scorecard_by_id):
    """The North Star's node with its scorecard status and owner."""
    metric = scorecard_by_id.get(root["node_id"])
    view = node_view(root)
    view["status_label"] = STATUS_LABELS.get(metric["status"]) if metric else "n/a"
    view["status"] = metric["status"] if metric else None
    view["owner"] = metric["owner_role"] if metric else "no owner in the scorecard"
    view["short_name"] = short_name(metric["display_name"] if metric else root["display_name"])
    return view


def node_view(node):
    """One metric-tree node, formatted."""
    return {
        "node_id": node["node_id"],
        "display_name": node["display_name"],
        "value": fmt_value(node["value"], node["unit"]),
        "value_with_unit": with_unit(node["value"], node["unit"]),
        "unit": node["unit"],
        "formula": node["formula"],
    }


def driver_view(node):
    """A child of the root, with the operator that joins it to the driver before it."""
    view = node_view(node)
    view["operator"] = operator_symbol(node)
    return view


def tree_row_view(depth, node, operator):
    """A line of the driver tree: indentation, the operator joining it to its sibling, the node."""
    view = node_view(node)
    view.update(depth=depth, operator=operator)
    return view


def sensitivity_view(pair, scorecard_by_id, root):
    """A driver's lever on the North Star, beside the driver it is compared with (picks.sensitivity_pairs)."""
    row, other = pair["lever"], pair["other"]
    driver_unit = scorecard_by_id.get(row["driver_id"], {}).get("unit")
    return {
        "display_name": row["display_name"],
        "current_value": fmt_value(row["current_value"], driver_unit),
        "gain_per_unit": fmt_value(row["vpac_gain_per_unit"], root["unit"]),
        "gain_per_one_percent": fmt_value(row["vpac_gain_per_one_percent"], root["unit"]),
        "is_larger_lever": bool(row["is_larger_lever"]),
        "other_display_name": other["display_name"],
        "other_gain_per_unit": fmt_value(other["vpac_gain_per_unit"], root["unit"]),
        "vpac_unit": root["unit"],
    }


def segment_view(row):
    """One segment band, formatted."""
    return {
        "segment_name": row["segment_name"],
        "name": humanize(row["segment_name"]),
        "label": band_label(row),
        "band": fmt_band(row["min_observed_orders"], row["max_observed_orders"]),
        "customers": fmt_count(row["customers"]),
        "orders": fmt_count(row["orders"]),
        "items": fmt_count(row["items"]),
        "share_of_customers": fmt_share(row["share_of_customers"]),
        "share_of_orders": fmt_share(row["share_of_orders"]),
        "share_of_items": fmt_share(row["share_of_items"]),
        "orders_per_customer": fmt_decimal(row["orders_per_customer"]),
        "items_per_order": fmt_decimal(row["items_per_order"]),
        "vpac": fmt_decimal(row["vpac"]),
        "reorder_rate": fmt_share(row["reorder_rate"]),
        "small_basket_share": fmt_share(row["small_basket_share"]),
        "contribution_to_vpac": fmt_decimal(row["contribution_to_vpac"]),
        "action": row["action"],
        "is_empty": not row["customers"],
    }


def segment_insight(segments):
    """The bands the insight talks about: the most frequent populated band, occasional and regular."""
    named = by_key(segments, "segment_name")
    top = top_band(segments)
    occasional, regular = named.get("occasional"), named.get("regular")
    return {
        "top": segment_view(top) if top else None,
        "top_is_concentrated": bool(top) and top["share_of_orders"] > top["share_of_customers"],
        "occasional": segment_view(occasional) if occasional and occasional["customers"] else None,
        "regular": segment_view(regular) if regular and regular["customers"] else None,
        "empty_bands": [segment_view(row) for row in segments if not row["customers"]],
    }


def recommended_action_views(marts):
    """The recommended actions, with their trigger status formatted."""
    actions = recommended_actions(marts)
    for action in actions:
        action["status_label"] = STATUS_LABELS.get(action["status"], "n/a")
    return actions


def moved_view(moved):
    """The comparison with the previous build (picks.what_moved), formatted; baseline when there is none."""
    return {
        "baseline": moved["baseline"],
        "has_history": moved["latest_run"] is not None,
        "latest_run": fmt_timestamp(moved["latest_run"]),
        "previous_run": fmt_timestamp(moved["previous_run"]),
        "rows": [moved_row_view(row) for row in moved["rows"]],
        "split": split_view(moved["split"]) if moved["split"] else None,
    }


def moved_row_view(row):
    """One metric's previous, current and change."""
    unit = row["metric"]["unit"]
    return {
        "display_name": row["metric"]["display_name"],
        "previous": fmt_value(row["previous"], unit),
        "current": fmt_value(row["current"], unit),
        "change": fmt_change(row["change"], unit, like=row["current"]),
        "previous_status": STATUS_LABELS.get(row["previous_status"], "n/a"),
        "current_status": STATUS_LABELS.get(row["current_status"], "n/a"),
        "status_changed": row["previous_status"] != row["current_status"],
    }


def split_view(split):
    """The North Star's change split over its drivers."""
    unit = split["root"]["unit"]
    return {
        "display_name": split["root"]["display_name"],
        "short_name": short_name(split["root"]["display_name"]),
        "previous": fmt_value(split["previous"], unit),
        "current": fmt_value(split["current"], unit),
        "change": fmt_change(split["change"], unit, like=split["current"]),
        "contributions": [
            {"display_name": node["display_name"], "change": fmt_change(amount, unit, like=split["current"])}
            for node, amount in split["contributions"]
        ],
    }


def data_quality_view(row):
    """One source file's row counts."""
    return {
        "source_file": row["source_file"],
        "raw_rows": fmt_count(row["raw_rows"]),
        "staged_rows": fmt_count(row["staged_rows"]),
        "rejected_rows": fmt_count(row["rejected_rows"]),
        "rejected_share": fmt_share(row["rejected_share"]),
        "status": row["status"],
        "status_label": str(row["status"]).upper(),
    }


def rejection_view(row):
    """Rejected rows of one file for one reason."""
    return {
        "source_file": row["source_file"],
        "rejection_reason": row["rejection_reason"],
        "rejected_rows": fmt_count(row["rejected_rows"]),
    }
