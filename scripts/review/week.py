"""The week the review is about, and what it shows of it, picked from the marts.

Nothing is decided here: statuses, their order, the flight deck's members, what moved
and the actions all arrive decided in the marts. This module selects the rows of one
week and formats them for people.
"""

import datetime

from review.formatting import (
    fmt_band,
    fmt_change,
    fmt_count,
    fmt_date,
    fmt_share,
    fmt_value,
    short_name,
    unit_kind,
    without_negative_zero,
)

STATUS_LABELS = {"ok": "OK", "warn": "WARN", "critical": "CRITICAL"}
KIND_LABELS = {"signal": "signal", "plan": "plan miss", "guardrail": "guardrail"}
TREND_WEEKS = 12
SIX_WEEKS, TWELVE_MONTHS = 6, 12
SPARK_BARS = "▁▂▃▄▅▆▇█"
# A series without limits is drawn on an axis at least this wide, as a share of its level,
# so that a move of a fraction of a percent does not fill the whole height.
MIN_AXIS_SPAN = 0.10


class WeekError(Exception):
    """The requested week is not a complete week in the marts; the message says which are."""


def complete_weeks(marts):
    """The complete weeks the marts can review (each has a week before it), oldest first."""
    return sorted({row["week_start"] for row in marts["kpi_weekly_scorecard"]})


def pick_week(marts, requested=None):
    """The Monday of the week to review: the requested date's week, else the latest complete one.

    None on undated data (or with fewer than two complete weeks): the review is a snapshot.
    """
    weeks = complete_weeks(marts)
    if requested is None:
        latest = [row["week_start"] for row in marts["kpi_weekly_scorecard"] if row["is_latest_complete_week"]]
        return latest[0] if latest else None
    monday = requested - datetime.timedelta(days=requested.weekday())
    if monday in weeks:
        return monday
    if not weeks:
        raise WeekError(
            f"--week {requested}: these files carry no dates, so there are no weeks to review "
            "(leave --week out for the snapshot)."
        )
    raise WeekError(
        f"--week {requested}: the week of {monday} is not a complete week of this data; "
        f"complete weeks run from {weeks[0]} to {weeks[-1]}."
    )


def segment_name(name):
    """'one_time' -> 'One-time', as a table shows it."""
    text = name.replace("_", "-")
    return text[:1].upper() + text[1:]


def rows_of_week(rows, week_start):
    return [row for row in rows if row["week_start"] == week_start]


def with_unit(value, unit):
    """'20.58 items per customer', '59.4%' (a share carries no unit word)."""
    text = fmt_value(value, unit)
    return text if unit_kind(unit) == "share" or not unit or text == "n/a" else f"{text} {unit}"


def fmt_relative(value):
    """-0.0619 -> '-6.2%'; a change that rounds to nothing is '+0.0%', never '-0.0%'; None -> 'n/a'."""
    if value is None:
        return "n/a"
    return f"{without_negative_zero(value * 100, 1):+.1f}%"


def axis_range(values, low=None, high=None):
    """The axis a small chart of `values` is drawn on: the natural limits when there are some
    (and the values beyond them), else the values widened to at least MIN_AXIS_SPAN of their level."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    if low is not None and high is not None:
        return min(present + [low]), max(present + [high])
    bottom, top = min(present), max(present)
    middle, half = (bottom + top) / 2, max(top - bottom, MIN_AXIS_SPAN * abs((bottom + top) / 2)) / 2
    return middle - (half or 1.0), middle + (half or 1.0)


def sparkline(values, axis):
    """Eight-level bars for a series on a given axis: the shape, not the numbers (they are in the table)."""
    if axis is None:
        return ""
    low, high = axis
    span = (high - low) or 1.0
    return "".join(
        " " if value is None else SPARK_BARS[max(0, min(7, round((value - low) / span * (len(SPARK_BARS) - 1))))]
        for value in values
    )


def metric_series(marts, metric_id, week_start, weeks=TREND_WEEKS):
    """(week_start, value) of one metric over the `weeks` weeks ending with week_start."""
    first = week_start - datetime.timedelta(days=7 * (weeks - 1))
    return sorted(
        (row["week_start"], row["this_week_value"])
        for row in marts["kpi_weekly_scorecard"]
        if row["metric_id"] == metric_id and first <= row["week_start"] <= week_start
    )


def month_series(marts, metric_id, week_start, months=TWELVE_MONTHS):
    """The last `months` complete months up to the week's month: kpi_monthly_trends rows, oldest first."""
    rows = [
        row
        for row in marts["kpi_monthly_trends"]
        if row["metric_id"] == metric_id and row["is_complete"] and row["month_start"] <= week_start
    ]
    return sorted(rows, key=lambda row: row["month_start"])[-months:]


def six_twelve(marts, row, week_start):
    """The metric's last 6 weeks and last 12 months, each with the axis it is drawn on."""
    weeks = metric_series(marts, row["metric_id"], week_start, SIX_WEEKS)
    months = month_series(marts, row["metric_id"], week_start)
    week_values = [value for _, value in weeks]
    month_values = [month["value"] for month in months]
    # The weeks are drawn on their natural limits' axis. A month's level can differ from a
    # week's (a customer orders more often in a month), so the months get an axis of their own.
    week_axis = axis_range(week_values, row["lower_limit"], row["upper_limit"])
    month_axis = axis_range(month_values)
    return {
        "weeks": weeks,
        "months": months,
        "week_axis": week_axis,
        "month_axis": month_axis,
        "text": f"{sparkline(week_values, week_axis)} · {sparkline(month_values, month_axis)}",
    }


def fmt_variance(value, unit_of_variance):
    """-0.062 -> '-6.2%' (relative), 0.013 -> '+1.3 pp' (points); None -> ''."""
    if value is None:
        return ""
    if unit_of_variance == "points":
        return f"{without_negative_zero(value * 100, 1):+.1f} pp"
    return f"{without_negative_zero(value * 100, 1):+.1f}%"


def signal_words(row):
    """'noise', 'signal ↓' or 'signal ↑' with the rule, 'no limits yet': the flight deck's short form."""
    if not row["has_limits"]:
        return "no limits yet"
    if not row["is_signal"]:
        return "noise"
    arrow = "↓" if row["signal_direction"] == "down" else "↑"
    return f"signal {arrow} ({row['signal_rule']})"


def flight_deck(marts, week_start):
    """The week's P0 and P1 metrics in the marts' review order, formatted, with their 6-12 trend."""
    rows = [row for row in rows_of_week(marts["kpi_weekly_scorecard"], week_start) if row["is_on_flight_deck"]]
    deck = []
    for row in sorted(rows, key=lambda row: row["review_order"]):
        trend = six_twelve(marts, row, week_start)
        deck.append(
            {
                "metric_id": row["metric_id"],
                "display_name": row["display_name"],
                "short_name": short_name(row["display_name"]),
                "tier": row["tier"],
                "owner": row["owner_role"],
                "unit": row["unit"],
                "this_week": fmt_value(row["this_week_value"], row["unit"]),
                "last_week": fmt_value(row["last_week_value"], row["unit"]),
                "change": fmt_change(row["wow_change"], row["unit"], like=row["this_week_value"]),
                "change_pct": fmt_relative(row["wow_relative_change"]),
                "last_year": fmt_value(row["last_year_value"], row["unit"]),
                "last_year_pct": fmt_relative(row["relative_change_on_last_year"]),
                "plan": fmt_value(row["plan_value"], row["unit"]) if row["plan_value"] is not None else "no plan",
                "plan_variance": fmt_variance(row["variance_to_plan"], row["variance_unit"]),
                "is_plan_miss": row["is_plan_miss"],
                "signal": signal_words(row),
                "signal_text": row["signal_text"],
                "guardrail": row["guardrail_text"],
                "status": row["status"],
                "status_label": STATUS_LABELS[row["status"]],
                "sparkline": trend["text"],
                "trend": trend,
                "raw": row,
            }
        )
    return deck


def exceptions(marts, week_start):
    """The week's exceptions (the snapshot's when week_start is None), one entry per subject (a metric,
    or a band's VPAC) in the marts' priority order, each with its owner and every kind it has."""
    rows = sorted(
        (row for row in marts["kpi_exceptions"] if row["week_start"] == week_start), key=lambda row: row["priority"]
    )
    subjects = {}
    for row in rows:
        entry = subjects.setdefault(
            (row["metric_id"], row["segment"]),
            {
                "subject": row["subject"],
                "owner": row["owner_role"],
                "severity": row["severity"],
                "severity_label": STATUS_LABELS[row["severity"]],
                "metric_id": row["metric_id"],
                "segment": row["segment"],
                "comment": row["owner_comment"],
                "comment_date": fmt_date(row["comment_date"]) if row["comment_date"] else None,
                "items": [],
            },
        )
        entry["items"].append(
            {"kind": KIND_LABELS[row["kind"]], "detail": row["detail"], "action": row["action"], "raw": row}
        )
    return list(subjects.values())


def annotations_of_week(marts, week_start):
    """The events and comments dated in the week, and last year's events of the same week (364 days
    earlier), as the memo quotes them: [{'date', 'metric', 'kind', 'author', 'text', 'last_year'}]."""
    rows = []
    for row in marts["kpi_annotations"]:
        this_week = row["week_start"] == week_start
        last_year = row["same_week_next_year"] == week_start and row["kind"] == "event"
        if this_week or last_year:
            rows.append(
                {
                    "date": fmt_date(row["annotation_date"]),
                    "metric": "every metric" if row["metric_id"] == "all" else row["metric_id"].replace("_", " "),
                    "kind": row["kind"],
                    "author": row["author"],
                    "text": row["text"],
                    "last_year": last_year and not this_week,
                }
            )
    return rows


def generated_label(marts):
    """A line saying the numbers come from the generator (fct_data_source), or None for real data."""
    source = marts["fct_data_source"][0] if marts["fct_data_source"] else None
    if not source or not source["is_generated"]:
        return None
    twin = ", the steady twin" if source["is_steady"] else ""
    return (
        f"Generated data (scripts/generate_data.py, seed {source['generation_seed']}, "
        f"{fmt_count(source['generated_users'])} users{twin}): not real customers."
    )


def since_last_review(marts, as_of_date):
    """The previous review's exceptions against this one's (kpi_exception_ledger):
    {'previous': date, 'persisted', 'resolved', 'new', 'never_explained': [names]}, or None when
    the history holds no earlier review than this data (kpi_vpac_change has no previous entry)."""
    entry = next((row for row in marts["kpi_vpac_change"] if row["current_as_of_date"] == as_of_date), None)
    if entry is None or not entry["has_previous_entry"]:
        return None
    rows = [row for row in marts["kpi_exception_ledger"] if row["current_as_of_date"] == as_of_date]

    def named(row):
        return f"{row['subject']} ({KIND_LABELS[row['kind']]}, {row['owner_role']})"

    return {
        "previous": fmt_date(entry["previous_as_of_date"]),
        "persisted": [named(row) for row in rows if row["ledger_status"] == "persisted"],
        "resolved": [named(row) for row in rows if row["ledger_status"] == "resolved"],
        "new": [named(row) for row in rows if row["ledger_status"] == "new"],
        "never_explained": [named(row) for row in rows if row["is_never_explained"]],
    }


def owners_of(exception_rows):
    """The owners the exceptions go to, in the order they first appear."""
    return list(dict.fromkeys(row["owner"] for row in exception_rows))


def noise(marts, week_start):
    """The week's flight-deck metrics with no exception, each with its value and usual range."""
    rows = [
        row
        for row in rows_of_week(marts["kpi_weekly_scorecard"], week_start)
        if row["is_on_flight_deck"] and not row["is_exception"]
    ]
    return [
        {
            "display_name": row["display_name"],
            "value": fmt_value(row["this_week_value"], row["unit"]),
            "signal_text": row["signal_text"],
        }
        for row in sorted(rows, key=lambda row: row["review_order"])
    ]


def snapshot_scorecard(marts):
    """Every scorecard metric of undated data (the snapshot), in the marts' order, formatted."""
    rows = sorted(marts["kpi_scorecard"], key=lambda row: (row["status_rank"], row["tier"], row["sort_order"]))
    return [
        {
            "display_name": row["display_name"],
            "tier": row["tier"],
            "owner": row["owner_role"],
            "value": with_unit(row["value"], row["unit"]),
            "threshold": row["status_rule"],
            "status": row["status"],
            "status_label": STATUS_LABELS[row["status"]],
            "raw": row,
        }
        for row in rows
    ]


def attention(deck_or_scorecard):
    """The rows past a threshold (the marts' order is kept)."""
    return [row for row in deck_or_scorecard if row["status"] != "ok"]


def departments_of_week(marts, week_start, metric_id="vpac"):
    """(concentration row, department and aisle rows, cell rows) of a metric's move in the week; the
    department split is on ISO weeks, so the concentration row is None when the week has none."""
    concentration = next(
        (
            row
            for row in marts["kpi_move_concentration"]
            if row["week_start"] == week_start and row["metric_id"] == metric_id
        ),
        None,
    )
    splits = [row for row in rows_of_week(marts["kpi_department_splits"], week_start) if row["metric_id"] == metric_id]
    cells = rows_of_week(marts["kpi_cell_splits"], week_start) if metric_id == "vpac" else []
    return concentration, splits, cells


def incomplete_weeks(marts, week_start):
    """The reviewed week, if its data looks incomplete, and every later complete week whose data does:
    [(week_start, its orders, the usual orders)], named so that none is read as a real fall."""
    weeks = {}
    for row in marts["kpi_weekly_scorecard"]:
        if row["week_start"] >= week_start and not row["has_complete_data"]:
            weeks[row["week_start"]] = (row["week_start"], row["week_orders"], row["usual_orders"])
    return [weeks[week] for week in sorted(weeks)]


def week_grain(marts, week_start):
    """The grain of kpi_metric_values the week's values are read from (kpi_weekly_scorecard.grain)."""
    return next(row["grain"] for row in rows_of_week(marts["kpi_weekly_scorecard"], week_start))


def segment_rows(marts, grain, period_start):
    """kpi_segments' rows of one period, least frequent first."""
    rows = [row for row in marts["kpi_segments"] if row["grain"] == grain and row["period_start"] == period_start]
    return sorted(rows, key=lambda row: row["sort_order"])


def segments_of_week(marts, week_start):
    """The week's segments (new first, then the bands), formatted."""
    grain = week_grain(marts, week_start)
    previous = {row["segment_name"]: row for row in segment_rows(marts, grain, week_start - datetime.timedelta(days=7))}
    views = []
    for row in segment_rows(marts, grain, week_start):
        last = previous.get(row["segment_name"], {})
        views.append(
            {
                "name": segment_name(row["segment_name"]),
                "band": "none before"
                if row["min_observed_orders"] is None
                else fmt_band(row["min_observed_orders"], row["max_observed_orders"]),
                "customers": fmt_count(row["customers"]),
                "share_of_customers": fmt_share(row["share_of_customers"]),
                "vpac": fmt_value(row["vpac"], "items per customer"),
                "last_week_vpac": fmt_value(last.get("vpac"), "items per customer"),
                "orders_per_customer": fmt_value(row["orders_per_customer"], "orders per customer"),
                "items_per_order": fmt_value(row["items_per_order"], "items per order"),
                "contribution_to_vpac": fmt_value(row["contribution_to_vpac"], "items per customer"),
            }
        )
    return views


def snapshot_segments(marts):
    """The snapshot's lifetime bands (kpi_segments, grain snapshot), formatted."""
    snapshot = next((row["period_start"] for row in marts["kpi_segments"] if row["grain"] == "snapshot"), None)
    return [
        {
            "name": segment_name(row["segment_name"]),
            "band": fmt_band(row["min_observed_orders"], row["max_observed_orders"]),
            "customers": fmt_count(row["customers"]),
            "share_of_customers": fmt_share(row["share_of_customers"]),
            "vpac": fmt_value(row["vpac"], "items per customer"),
            "orders_per_customer": fmt_value(row["orders_per_customer"], "orders per customer"),
            "items_per_order": fmt_value(row["items_per_order"], "items per order"),
            "contribution_to_vpac": fmt_value(row["contribution_to_vpac"], "items per customer"),
        }
        for row in segment_rows(marts, "snapshot", snapshot)
    ]


def data_quality(marts):
    """One line per raw file: lines, staged, set aside (with reasons), blank lines, status."""
    reasons = {}
    for row in marts["fct_rejected_rows_by_reason"]:
        reasons.setdefault(row["source_file"], []).append(
            f"{row['rejection_reason']} {fmt_count(row['rejected_rows'])}"
        )
    return [
        {
            "source_file": row["source_file"],
            "data_lines": fmt_count(row["data_lines"]),
            "staged_rows": fmt_count(row["staged_rows"]),
            "rejected_rows": fmt_count(row["rejected_rows"]),
            "rejected_share": fmt_share(row["rejected_share"]),
            "blank_lines": fmt_count(row["blank_lines"]),
            "orders_without_lines": ""
            if row["orders_without_lines"] is None
            else fmt_count(row["orders_without_lines"]),
            "reasons": ", ".join(reasons.get(row["source_file"], [])) or "none",
            "status": row["status"],
            "status_label": row["status"].upper(),
        }
        for row in sorted(marts["fct_data_quality"], key=lambda row: row["sort_order"])
    ]


def as_of(marts):
    return fmt_date(marts["kpi_north_star"][0]["as_of_date"])


def since_previous_entry(marts):
    """The snapshot against the KPI history's previous entry (kpi_metric_changes), formatted.

    state: 'compared'; 'baseline' (the history's first entry is this data); or 'no_entry'
    when the history's current entry is not this data (the build that wrote the marts did
    not succeed), so that nothing is compared with data the marts do not hold.
    """
    vpac = marts["kpi_vpac_change"][0] if marts["kpi_vpac_change"] else {}
    as_of_date = marts["kpi_north_star"][0]["as_of_date"]
    if vpac.get("current_as_of_date") != as_of_date:
        return {"state": "no_entry"}
    if not vpac["has_previous_entry"]:
        return {"state": "baseline"}
    changes = {row["metric_id"]: row for row in marts["kpi_metric_changes"]}
    rows = []
    for row in sorted(marts["kpi_scorecard"], key=lambda row: row["sort_order"]):
        change = changes.get(row["metric_id"])
        if change is None:
            continue
        rows.append(
            {
                "display_name": row["display_name"],
                "tier": row["tier"],
                "previous": fmt_value(change["previous_value"], row["unit"]),
                "current": fmt_value(change["current_value"], row["unit"]),
                "change": fmt_change(change["change"], row["unit"], like=change["current_value"]),
                "change_pct": fmt_relative(change["relative_change"]),
            }
        )
    return {
        "state": "compared",
        "previous": fmt_date(vpac["previous_as_of_date"]),
        "current": fmt_date(vpac["current_as_of_date"]),
        "rows": rows,
        "raw": vpac,
    }
