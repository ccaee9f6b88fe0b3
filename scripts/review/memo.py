"""Render the weekly business review from its template."""

from pathlib import Path

import jinja2

from review.formatting import fmt_date, lower_first, md_text
from review.picks import (
    by_key, needs_attention, sensitivity_pairs, tree_children, tree_in_order, tree_root, what_moved,
)
from review.views import (
    data_quality_view, driver_view, metric_view, moved_view, north_star_view, recommended_action_views,
    rejection_view, segment_insight, segment_view, sensitivity_view, tree_row_view,
)

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
MEMO_TEMPLATE = "weekly_business_review.md.j2"


def template_environment():
    """Jinja environment over templates/: strict, and autoescaping everything but markdown."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=lambda name: not (name or "").endswith(".md.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["lower_first"] = lower_first
    return env


def render_memo(marts, figure_files):
    """The memo's markdown text."""
    template = template_environment().get_template(MEMO_TEMPLATE)
    return template.render(**memo_context(marts, figure_files))


def memo_context(marts, figure_files):
    """Everything the memo template shows, formatted."""
    scorecard = marts["kpi_scorecard"]
    scorecard_by_id = by_key(scorecard, "metric_id")
    tree = marts["kpi_metric_tree"]
    root = tree_root(tree)
    moved = what_moved(marts["kpi_metric_changes"], marts["kpi_vpac_change"], scorecard, tree)
    return {
        "as_of_date": fmt_date(marts["kpi_north_star"][0]["as_of_date"]),
        "north_star": north_star_view(root, scorecard_by_id),
        "drivers": [driver_view(node) for node in tree_children(tree, root["node_id"])],
        "tree_rows": [tree_row_view(depth, node, operator) for depth, node, operator in tree_in_order(tree)],
        "sensitivity": [
            sensitivity_view(pair, scorecard_by_id, root) for pair in sensitivity_pairs(marts["kpi_sensitivity"])
        ],
        "scorecard": [metric_view(metric) for metric in scorecard],
        "attention": [metric_view(metric) for metric in needs_attention(scorecard)],
        "segments": [segment_view(row) for row in marts["kpi_segments"]],
        "segment_insight": segment_insight(marts["kpi_segments"]),
        "guardrails": [metric_view(metric) for metric in marts["kpi_guardrails"]],
        "actions": recommended_action_views(marts),
        "moved": moved_view(moved),
        "data_quality": [data_quality_view(row) for row in marts["fct_data_quality"]],
        "rejections": [rejection_view(row) for row in marts["fct_rejected_rows_by_reason"]],
        "figures": figure_files,
    }
