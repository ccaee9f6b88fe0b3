"""The review's pages: the memo, the one-page dashboard, the KPI playbook and the CSV exports.

Templates under templates/ hold the words; this module gathers what they show (from
review.week, review.words and the figures) and renders them.
"""

import csv
import datetime
import io
from pathlib import Path

import jinja2
from markupsafe import Markup

from review.formatting import fmt_change, fmt_count, fmt_date, fmt_value, lower_first, md_text
from review.warehouse import REQUIRED_MARTS
from review.week import (
    STATUS_LABELS,
    annotations_of_week,
    as_of,
    attention,
    data_quality,
    departments_of_week,
    exceptions,
    flight_deck,
    generated_label,
    incomplete_weeks,
    noise,
    owners_of,
    rows_of_week,
    segments_of_week,
    since_last_review,
    since_previous_entry,
    snapshot_scorecard,
    snapshot_segments,
    with_unit,
)
from review.words import entry_change, what_moved

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def template_environment():
    """Jinja over templates/: strict, and autoescaping everything but markdown."""
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


def spark_path(values, axis, x0, width, height):
    """SVG polyline points of a series on a given axis, drawn from x0 across width."""
    low, high = axis
    span = (high - low) or 1.0
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{x0 + i * step:.1f},{height - 2 - (value - low) / span * (height - 4):.1f}"
        for i, value in enumerate(values)
        if value is not None
    )


def spark_svg(trend, width=160, height=30):
    """The 6-12 sparkline as inline SVG: the last 6 weeks (with their natural limits shaded) and the
    last 12 months, each on the axis the marts' limits set (numbers only, so nothing to escape)."""
    parts = []
    week_values = [value for _, value in trend["weeks"]]
    week_axis = trend["week_axis"]
    if week_axis and len(week_values) > 1:
        low, high = week_axis
        limits = trend.get("limits")
        if limits and None not in limits:
            span = (high - low) or 1.0
            top = height - 2 - (limits[1] - low) / span * (height - 4)
            bottom = height - 2 - (limits[0] - low) / span * (height - 4)
            parts.append(
                f'<rect x="0" y="{top:.1f}" width="{width * 0.35:.1f}" height="{bottom - top:.1f}" fill="#e8f1f8"/>'
            )
        parts.append(
            f'<polyline fill="none" stroke="#0072B2" stroke-width="2" '
            f'points="{spark_path(week_values, week_axis, 0, width * 0.35, height)}"/>'
        )
    month_values = [month["value"] for month in trend["months"]]
    if trend["month_axis"] and len(month_values) > 1:
        parts.append(
            f'<polyline fill="none" stroke="#5f5f5f" stroke-width="2" '
            f'points="{spark_path(month_values, trend["month_axis"], width * 0.45, width * 0.55, height)}"/>'
        )
    if not parts:
        return Markup("")
    return Markup(
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="last 6 weeks and last 12 months">{"".join(parts)}</svg>'
    )


def first_checks(marts, week_start, week_exceptions):
    """The first checks, answered for the week, of every metric with an exception (the marts' order)."""
    checks = {}
    for row in marts["kpi_first_check_results"]:
        if row["week_start"] == week_start:
            checks.setdefault(row["metric_id"], []).append(row)
    listed = []
    for entry in week_exceptions:
        if entry["segment"] == "all" and entry["metric_id"] in checks:
            listed.append(
                {
                    "subject": entry["subject"],
                    "owner": entry["owner"],
                    "checks": sorted(checks.pop(entry["metric_id"]), key=lambda row: row["check_order"]),
                }
            )
    return listed


def review_context(marts, week_start, warning=None):
    """Everything the memo and the dashboard show, formatted; week_start None = the snapshot."""
    week_exceptions = exceptions(marts, week_start)
    context = {
        "as_of": as_of(marts),
        "warning": warning,
        "generated": generated_label(marts),
        "since_last": since_last_review(marts, marts["kpi_north_star"][0]["as_of_date"]),
        "data_quality": data_quality(marts),
        "exceptions": week_exceptions,
        "owners": owners_of(week_exceptions),
    }
    if week_start is None:
        scorecard = snapshot_scorecard(marts)
        since = since_previous_entry(marts)
        if since["state"] == "compared":
            since["words"] = entry_change(since["raw"])
        context.update(
            week=None,
            scorecard=scorecard,
            attention=attention(scorecard),
            all_statuses=len(scorecard),
            moved=None,
            deck=[],
            noise=[],
            annotations=[],
            incomplete=[],
            first_checks=[],
            segments=snapshot_segments(marts),
            since=since,
        )
        return context
    window = rows_of_week(marts["kpi_weekly_scorecard"], week_start)[0]
    week_end = week_start + datetime.timedelta(days=6)
    deck = flight_deck(marts, week_start)
    for row in deck:
        row["trend"]["limits"] = (row["raw"]["lower_limit"], row["raw"]["upper_limit"])
        row["spark_svg"] = spark_svg(row["trend"])
    context.update(
        week={
            "start": fmt_date(week_start),
            "end": fmt_date(week_end),
            "window_days": window["window_days"],
            "window_start": fmt_date(window["window_start"]),
        },
        deck=deck,
        noise=noise(marts, week_start),
        annotations=annotations_of_week(marts, week_start),
        incomplete=[
            {
                "week": fmt_date(week),
                "orders": fmt_count(orders),
                "usual": fmt_count(usual),
                "is_this_week": week == week_start,
            }
            for week, orders, usual in incomplete_weeks(marts, week_start)
        ],
        first_checks=first_checks(marts, week_start, week_exceptions),
        moved=what_moved(
            rows_of_week(marts["kpi_what_moved"], week_start), departments=departments_of_week(marts, week_start)
        ),
        segments=segments_of_week(marts, week_start),
        scorecard=[],
        attention=[],
        since=None,
    )
    return context


def render_memo(context, figures, dashboard_name):
    template = template_environment().get_template("weekly_business_review.md.j2")
    return template.render(**context, figures=figures, dashboard=dashboard_name)


def render_dashboard(context, figures):
    """The self-contained page: plotly.js inlined once, every figure as an interactive div."""
    import plotly.graph_objects as go
    import plotly.io
    import plotly.offline

    divs = [
        Markup(
            plotly.io.to_html(
                # The page's figures take the page's width (the PNGs keep their fixed size).
                go.Figure(fig).update_layout(width=None, autosize=True),
                full_html=False,
                include_plotlyjs=False,
                div_id=f"figure-{stem}",
                config={"displaylogo": False, "responsive": True},
            )
        )
        for stem, fig in figures.items()
    ]
    week = context["week"]
    title = (
        f"Weekly business review: week of {week['start']}"
        if week
        else f"Business review: snapshot as of {context['as_of']}"
    )
    template = template_environment().get_template("dashboard.html.j2")
    return template.render(**context, figures=divs, title=title, plotly_js=Markup(plotly.offline.get_plotlyjs()))


def plan_words(row):
    """The plan row in force, in words: 'hold the same week last year's level, a miss past 5%'."""
    if row["plan_target_type"] is None:
        return "none"
    tolerance = (
        f"{row['plan_tolerance'] * 100:.1f} points" if row["unit"] == "share" else f"{row['plan_tolerance']:.0%}"
    )
    if row["plan_target_type"] == "level":
        target = f"the level {fmt_value(row['plan_target'], row['unit'])}"
    elif row["plan_target"] == 0:
        target = "the same week last year's level"
    else:
        target = f"the same week last year {row['plan_target']:+.0%}"
    this_week = f"; this week {fmt_value(row['plan_value'], row['unit'])}" if row["plan_value"] is not None else ""
    return f"{target}, a miss past {tolerance}{this_week} ({row['plan_note']})"


def render_playbook(marts, week_start=None, warning=None, generated=None):
    """The KPI playbook; on dated data each metric's first checks carry their answers for the week under review."""
    answers = {
        (row["metric_id"], row["check_order"]): row["result"]
        for row in marts["kpi_first_check_results"]
        if row["week_start"] == week_start
    }
    metrics = {}
    for row in marts["kpi_playbook"]:
        metric = metrics.setdefault(
            row["metric_id"],
            {
                "display_name": row["display_name"],
                "tier": row["tier"],
                "owner": row["owner_role"],
                "status_label": STATUS_LABELS[row["status"]],
                "value": with_unit(row["current_value"], row["unit"]),
                "change": fmt_change(row["wow_change"], row["unit"], like=row["current_value"])
                if row["wow_change"] is not None
                else None,
                "formula": row["formula"],
                "plan": plan_words(row),
                "limits": row["signal_text"],
                "guardrail": row["guardrail_text"] or f"levels {row['guardrail_rule']}",
                "review_cadence": row["review_cadence"],
                "refresh_cadence": row["refresh_cadence"],
                "watchers": row["watchers"],
                "escalation": row["escalation"],
                "checks": [],
                "basis": row["status_basis"],
            },
        )
        if row["check_order"] is not None:
            metric["checks"].append(
                {
                    "order": row["check_order"],
                    "question": row["check_question"],
                    "source": row["check_source"],
                    "answer": answers.get((row["metric_id"], row["check_order"])),
                }
            )
    basis = next(iter(metrics.values()))["basis"] if metrics else "snapshot"
    template = template_environment().get_template("kpi_playbook.md.j2")
    return template.render(
        metrics=list(metrics.values()),
        as_of=as_of(marts),
        week=fmt_date(week_start) if week_start else None,
        warning=warning,
        generated=generated,
        basis="of the latest complete week" if basis == "latest_complete_week" else "of the snapshot",
    )


def csv_text(rows, columns):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column) for column in columns})
    return out.getvalue()


FLIGHT_DECK_COLUMNS = [
    "week_start",
    "metric_id",
    "display_name",
    "tier",
    "owner_role",
    "unit",
    "this_week_value",
    "last_week_value",
    "wow_change",
    "wow_relative_change",
    "last_year_value",
    "relative_change_on_last_year",
    "plan_value",
    "variance_to_plan",
    "variance_unit",
    "is_plan_miss",
    "lower_limit",
    "upper_limit",
    "is_signal",
    "signal_direction",
    "is_signal_exception",
    "signal_text",
    "warn_threshold",
    "critical_threshold",
    "guardrail_status",
    "guardrail_text",
    "status",
    "review_order",
]
# The attribution export: the mart's columns as the review reads them, less its sort key.
ATTRIBUTION_COLUMNS = [column for column in REQUIRED_MARTS["kpi_wow_attribution"] if column != "sort_order"]
SCORECARD_COLUMNS = [
    "metric_id",
    "display_name",
    "tier",
    "owner_role",
    "unit",
    "value",
    "warn_threshold",
    "critical_threshold",
    "status",
]


def csv_exports(marts, week_start, warning=None, generated=None):
    """{file name: text}: the flight deck and the attribution of the week, for a spreadsheet
    (the snapshot scorecard on undated data). Rendered from a failed build (warning) or from
    generated data, every row carries the warning or the label in a column of its own, so no
    copy of the numbers travels without it."""
    if week_start is None:
        tables = {"scorecard.csv": (marts["kpi_scorecard"], SCORECARD_COLUMNS)}
    else:
        deck = [row for row in rows_of_week(marts["kpi_weekly_scorecard"], week_start) if row["is_on_flight_deck"]]
        tables = {
            "flight_deck.csv": (sorted(deck, key=lambda row: row["review_order"]), FLIGHT_DECK_COLUMNS),
            "attribution.csv": (rows_of_week(marts["kpi_wow_attribution"], week_start), ATTRIBUTION_COLUMNS),
        }
    labels = {"warning": warning, "data_source": generated}
    labels = {column: text for column, text in labels.items() if text}
    return {
        name: csv_text([{**row, **labels} for row in rows], [*labels, *columns])
        for name, (rows, columns) in tables.items()
    }
