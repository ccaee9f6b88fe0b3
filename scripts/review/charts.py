"""The review's figures, drawn with plotly from the marts of one week.

Each figure's title states what the marts say (a value, a change, the largest effect);
hover text carries the values, the owner and the thresholds. Nothing is computed here
that the marts do not already hold, beyond putting it on a page.
"""

import datetime

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from review.formatting import fmt_band, fmt_value, plot_text, short_name, unit_kind
from review.week import (
    SIX_WEEKS,
    STATUS_LABELS,
    axis_range,
    departments_of_week,
    flight_deck,
    month_series,
    rows_of_week,
    segment_rows,
    week_grain,
)
from review.words import DRIVER_WORDS, segment_effect_words, segment_label

FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
INK, MUTED, GRID = "#1a1a1a", "#5f5f5f", "#e3e3e3"
# Okabe-Ito colours, safe for colour-blind readers.
NORTH_STAR, DRIVER, RISE, FALL, LAST_WEEK = "#0072B2", "#56B4E9", "#009E73", "#D55E00", "#999999"
LAST_YEAR, PLAN, LIMITS = "#7f7f7f", "#CC79A7", "rgba(86,180,233,0.18)"
STATUS_COLORS = {"ok": "#009E73", "warn": "#E69F00", "critical": "#D55E00"}
SEGMENT_COLORS = ["#999999", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7", "#F0E442"]
SIZE = (1600, 900)
SCALE = 2

# (file stem, human title), in the order the review shows them.
WEEKLY_FIGURES = [
    ("six_twelve", "The last 6 weeks and 12 months"),
    ("waterfall", "What moved VPAC"),
    ("departments", "Departments behind the move"),
    ("segment_trends", "Segment VPAC"),
    ("distributions", "Distributions"),
    ("metric_tree", "Metric tree"),
]
SNAPSHOT_FIGURES = [
    ("scorecard", "Scorecard"),
    ("segments", "Segments (lifetime bands)"),
    ("metric_tree", "Metric tree"),
    ("distributions", "Distributions"),
]


def layout(fig, title, subtitle, size=SIZE):
    fig.update_layout(
        width=size[0],
        height=size[1],
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=FONT_FAMILY, size=16, color=INK),
        title=dict(
            text=f"<b>{plot_text(title)}</b>",
            x=0.02,
            xanchor="left",
            y=0.97,
            yanchor="top",
            subtitle=dict(text=plot_text(subtitle), font=dict(size=15, color=MUTED)),
            font=dict(size=24),
        ),
        margin=dict(l=70, r=40, t=130, b=60),
        hovermode="closest",
    )
    fig.update_xaxes(gridcolor=GRID, linecolor="#b0b0b0")
    fig.update_yaxes(gridcolor=GRID, linecolor="#b0b0b0")
    return fig


def by_metric(rows):
    return {row["metric_id"]: row for row in rows}


def hover_for(row):
    """Name, owner and the verdict (the week's signal and guardrail, or the snapshot's levels), for hover labels."""
    verdict = (
        f"{row['signal_text']}<br>guardrail: {row['guardrail_text']}"
        if "signal_text" in row
        else f"guardrail levels: {row['status_rule']}"
    )
    return f"{plot_text(row['display_name'])}<br>owner: {plot_text(row['owner_role'])}<br>{plot_text(verdict)}"


def six_twelve_figure(marts, week_start):
    """One row per flight-deck metric: the last 6 weeks (this year solid, the same weeks last year
    dashed, the plan dotted, the natural limits shaded, this week coloured by its status) beside
    the last 12 complete months (this year, last year, plan)."""
    deck = flight_deck(marts, week_start)
    titles = []
    for row in deck:
        titles += [f"{plot_text(row['display_name'])}: last 6 weeks", "last 12 months"]
    fig = make_subplots(
        rows=len(deck),
        cols=2,
        column_widths=[0.42, 0.58],
        subplot_titles=titles,
        vertical_spacing=0.35 / max(len(deck), 1),
        horizontal_spacing=0.06,
    )
    weekly = {
        (row["metric_id"], row["week_start"]): row
        for row in marts["kpi_weekly_scorecard"]
        if week_start - datetime.timedelta(days=7 * (SIX_WEEKS - 1)) <= row["week_start"] <= week_start
    }
    for index, item in enumerate(deck, start=1):
        row, unit = item["raw"], item["unit"]
        weeks = sorted(week for metric, week in weekly if metric == row["metric_id"])
        rows = [weekly[(row["metric_id"], week)] for week in weeks]
        lows, highs = [r["lower_limit"] for r in rows], [r["upper_limit"] for r in rows]
        if all(value is not None for value in lows + highs):
            fig.add_trace(
                go.Scatter(x=weeks, y=highs, mode="lines", line=dict(width=0), hoverinfo="skip"), row=index, col=1
            )
            fig.add_trace(
                go.Scatter(
                    x=weeks,
                    y=lows,
                    mode="lines",
                    line=dict(width=0),
                    fill="tonexty",
                    fillcolor=LIMITS,
                    name="natural limits",
                    hovertemplate="limits %{y}<extra></extra>",
                ),
                row=index,
                col=1,
            )
        for values, name, style in (
            ([r["plan_value"] for r in rows], "plan", dict(color=PLAN, dash="dot", width=3)),
            ([r["last_year_value"] for r in rows], "same week last year", dict(color=LAST_YEAR, dash="dash", width=2)),
            ([r["this_week_value"] for r in rows], "this year", dict(color=NORTH_STAR, width=3)),
        ):
            if any(value is not None for value in values):
                fig.add_trace(
                    go.Scatter(
                        x=weeks,
                        y=values,
                        mode="lines+markers" if name == "this year" else "lines",
                        line=style,
                        name=name,
                        customdata=[fmt_value(value, unit) for value in values],
                        hovertemplate=f"%{{x|%Y-%m-%d}} {name}: %{{customdata}}<extra></extra>",
                    ),
                    row=index,
                    col=1,
                )
        fig.add_trace(
            go.Scatter(
                x=[week_start],
                y=[row["this_week_value"]],
                mode="markers",
                marker=dict(size=14, color=STATUS_COLORS[row["status"]], line=dict(color=INK, width=1)),
                hovertemplate=(
                    f"this week: {item['this_week']} ({item['status_label']})<br>{hover_for(row)}<extra></extra>"
                ),
            ),
            row=index,
            col=1,
        )
        add_events(fig, marts, row["metric_id"], weeks[0] if weeks else week_start, week_start, 2 * index - 1, True)
        months = month_series(marts, row["metric_id"], week_start)
        x = [month["month_start"] for month in months]
        if months:
            last_day = months[-1]["month_start"] + datetime.timedelta(days=24)
            add_events(fig, marts, row["metric_id"], months[0]["month_start"], last_day, 2 * index, False)
        for key, name, style in (
            ("plan_value", "plan", dict(color=PLAN, dash="dot", width=3)),
            ("last_year_value", "same month last year", dict(color=LAST_YEAR, dash="dash", width=2)),
            ("value", "this year", dict(color=NORTH_STAR, width=3)),
        ):
            values = [month[key] for month in months]
            if any(value is not None for value in values):
                fig.add_trace(
                    go.Scatter(
                        x=x,
                        y=values,
                        mode="lines+markers" if key == "value" else "lines",
                        line=style,
                        name=name,
                        customdata=[fmt_value(value, unit) for value in values],
                        hovertemplate=f"%{{x|%Y-%m}} {name}: %{{customdata}}<extra></extra>",
                    ),
                    row=index,
                    col=2,
                )
        # The months' axis holds all three lines, at least MIN_AXIS_SPAN of their level wide.
        month_axis = axis_range([m[key] for m in months for key in ("value", "last_year_value", "plan_value")])
        if month_axis:
            low, high = month_axis
            margin = (high - low) * 0.05
            fig.update_yaxes(range=[low - margin, high + margin], row=index, col=2)
        if unit_kind(unit) == "share":
            fig.update_yaxes(tickformat=".1%", row=index, col=1)
            fig.update_yaxes(tickformat=".1%", row=index, col=2)
    exceptions = [item for item in deck if item["raw"]["is_exception"]]
    title = (
        f"{len(exceptions)} of {len(deck)} flight-deck metrics have an exception this week: "
        + ", ".join(item["short_name"] for item in exceptions)
        if exceptions
        else f"No exception on the flight deck this week: all {len(deck)} metrics are noise, on plan and in bounds"
    )
    layout(
        fig,
        title,
        "Left, weekly: this year (solid), the same weeks last year (dashed), plan (dotted), natural limits "
        "(shaded); the big dot is this week, coloured by status. Right: the last 12 complete months.",
        size=(SIZE[0], max(SIZE[1], 300 * len(deck) + 160)),
    )
    fig.update_layout(showlegend=False)
    return fig


def add_events(fig, marts, metric_id, first, last, axis, with_last_year):
    """Mark the events (annotations.csv) on one panel (axis: its number among the figure's axes):
    this year's as solid lines at their date; with_last_year, last year's too, dotted, 364 days
    later, beside the same-week-last-year line. Each is named at the top of the panel."""
    end = last + datetime.timedelta(days=6)
    suffix = "" if axis == 1 else str(axis)
    kinds = [("event", 0, "solid", "")] + ([("last year", 364, "dot", "LY: ")] if with_last_year else [])
    for event in marts["kpi_annotations"]:
        if event["kind"] != "event" or event["metric_id"] not in (metric_id, "all"):
            continue
        for _, shift, dash, prefix in kinds:
            day = event["annotation_date"] + datetime.timedelta(days=shift)
            if not first <= day <= end:
                continue
            fig.add_shape(
                type="line",
                x0=day,
                x1=day,
                y0=0,
                y1=1,
                xref=f"x{suffix}",
                yref=f"y{suffix} domain",
                line=dict(color=MUTED, width=1.5, dash=dash),
            )
            fig.add_annotation(
                x=day,
                y=1,
                xref=f"x{suffix}",
                yref=f"y{suffix} domain",
                text=prefix + plot_text(event["text"].split(":")[0].split("(")[0].strip()[:24]),
                showarrow=False,
                font=dict(size=11, color=MUTED),
                yanchor="bottom",
                xanchor="right" if shift else "left",
            )


def window_words(row):
    """What a weekly value covers, from the mart's window length: 'the week (Monday to Sunday)' or
    'the 28-day window ending that Sunday'."""
    if row["window_days"] == 7:
        return "the week (Monday to Sunday)"
    return f"the {row['window_days']}-day window ending that Sunday"


def waterfall_figure(marts, week_start, sentence):
    """Last week's VPAC, each driver's share of the change, this week's VPAC; beside it,
    the segments' mix and rate effects, largest first (kpi_what_moved's order)."""
    moved = sorted(rows_of_week(marts["kpi_what_moved"], week_start), key=lambda row: row["rank_in_split"])
    drivers = [row for row in moved if row["split"] == "driver"]
    segments = [row for row in moved if row["split"] == "segment"]
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.45, 0.55],
        horizontal_spacing=0.18,
        subplot_titles=["VPAC over its drivers (LMDI)", "VPAC over segments (mix and rate)"],
    )
    if moved:
        first = moved[0]
        labels = ["last week"] + [DRIVER_WORDS.get(row["component"], "the rest") for row in drivers] + ["this week"]
        values = [first["previous_vpac"]] + [row["contribution"] for row in drivers] + [first["current_vpac"]]
        fig.add_trace(
            go.Waterfall(
                x=labels,
                y=values,
                measure=["absolute"] + ["relative"] * len(drivers) + ["total"],
                text=[
                    f"{value:.2f}" if i in (0, len(values) - 1) else f"{value:+.2f}" for i, value in enumerate(values)
                ],
                textposition="outside",
                connector=dict(line=dict(color=MUTED)),
                increasing=dict(marker=dict(color=RISE)),
                decreasing=dict(marker=dict(color=FALL)),
                totals=dict(marker=dict(color=NORTH_STAR)),
                hovertemplate="%{x}: %{text} items per active customer<extra></extra>",
            ),
            row=1,
            col=1,
        )
        low = min(first["previous_vpac"], first["current_vpac"])
        fig.update_yaxes(
            range=[
                low - 2 * abs(first["vpac_change"]) - 0.5,
                max(first["previous_vpac"], first["current_vpac"]) + abs(first["vpac_change"]) + 0.5,
            ],
            row=1,
            col=1,
        )
        names = [
            ("other segment effects" if row["component"] == "other" else segment_effect_words(row))
            + ("" if row["component"] == "other" else f" ({row['effect']})")
            for row in segments
        ]
        fig.add_trace(
            go.Bar(
                y=names[::-1],
                x=[row["contribution"] for row in segments][::-1],
                orientation="h",
                marker=dict(color=[RISE if row["contribution"] > 0 else FALL for row in segments][::-1]),
                text=[f"{row['contribution']:+.2f}" for row in segments][::-1],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:+.3f} items per active customer<extra></extra>",
            ),
            row=1,
            col=2,
        )
        reach = max([abs(row["contribution"]) for row in segments] + [0.01])
        fig.update_xaxes(range=[-1.35 * reach, 1.35 * reach], zeroline=True, zerolinecolor=MUTED, row=1, col=2)
    layout(
        fig,
        sentence.split(":")[0] if sentence else "VPAC's change",
        sentence.split(": ", 1)[1] if sentence and ": " in sentence else "",
    )
    fig.update_layout(showlegend=False, title_subtitle_font_size=13)
    return fig


def departments_figure(marts, week_start):
    """Each department's part of VPAC's change this week (bars, largest first) beside the part it
    would carry if every department had moved alike (its share of last week's items x the change):
    bars far from their marks are where a concentrated move sits; bars on their marks, a broad one."""
    concentration, splits, _ = departments_of_week(marts, week_start)
    rows = sorted((row for row in splits if row["split_by"] == "department"), key=lambda row: abs(row["contribution"]))[
        -15:
    ]
    fig = go.Figure()
    if rows:
        names = [plot_text(row["component_name"]) for row in rows]
        change = rows[0]["metric_change"]
        fig.add_trace(
            go.Bar(
                y=names,
                x=[row["contribution"] for row in rows],
                orientation="h",
                marker=dict(color=[RISE if row["contribution"] > 0 else FALL for row in rows]),
                text=[f"{row['contribution']:+.2f}" for row in rows],
                textposition="outside",
                cliponaxis=False,
                name="part of the change",
                hovertemplate="%{y}: %{x:+.3f} items per active customer<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                y=names,
                x=[row["previous_share_of_items"] * change for row in rows],
                mode="markers",
                marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=INK)),
                name="if every department moved alike",
                hovertemplate="%{y}: %{x:+.3f} if it had moved like the rest<extra></extra>",
            )
        )
        reach = max(abs(row["contribution"]) for row in rows + [{"contribution": change}])
        fig.update_xaxes(range=[-1.3 * reach, 1.3 * reach], zeroline=True, zerolinecolor=MUTED)
    if concentration is None:
        title = "No department split this week (departments are split on ISO weeks)"
    elif concentration["verdict"] == "concentrated":
        title = (
            f"Concentrated in {concentration['concentrated_in']}: "
            f"{concentration['leaders_share_of_change']:.0%} of VPAC's change with "
            f"{concentration['leaders_share_of_items']:.0%} of the items"
        )
    else:
        title = "Broad: every department moved alike, so look beyond any one category"
    layout(
        fig,
        title,
        "Bars: each department's part of VPAC's change this week (they add up to it). "
        "Ticks: the part it would carry had every department moved alike (its share of last week's items).",
    )
    fig.update_layout(legend=dict(orientation="h", y=-0.12))
    return fig


def segment_trend_figure(marts, week_start):
    """Each segment's own VPAC over 12 weeks (new customers first, then the bands)."""
    first = week_start - datetime.timedelta(days=7 * 11)
    grain = week_grain(marts, week_start)
    rows = [
        row for row in marts["kpi_segments"] if row["grain"] == grain and first <= row["period_start"] <= week_start
    ]
    fig = go.Figure()
    names = sorted({(row["sort_order"], row["segment_name"]) for row in rows})
    for index, (_, name) in enumerate(names):
        series = sorted(
            (row["period_start"], row["vpac"], row["customers"]) for row in rows if row["segment_name"] == name
        )
        fig.add_trace(
            go.Scatter(
                x=[s[0] for s in series],
                y=[s[1] for s in series],
                mode="lines+markers",
                name=f"{segment_label(name)} customers",
                line=dict(color=SEGMENT_COLORS[index % len(SEGMENT_COLORS)], width=3),
                customdata=[s[2] for s in series],
                hovertemplate=(
                    f"{segment_label(name)}: %{{y:.2f}} items per customer, %{{customdata:,}} customers<extra></extra>"
                ),
            )
        )
    top = [
        row
        for row in rows_of_week(marts["kpi_what_moved"], week_start)
        if row["split"] == "segment" and row["component"] != "other"
    ]
    top = min(top, key=lambda row: row["rank_in_split"]) if top else None
    title = (
        f"Largest segment effect this week: {segment_effect_words(top)} ({top['contribution']:+.2f}, {top['effect']})"
        if top
        else "Segment VPAC, 12 weeks"
    )
    window = rows_of_week(marts["kpi_weekly_scorecard"], week_start)[0]
    layout(
        fig,
        title,
        f"Each segment's items per active customer over {window_words(window)}; segment = orders before that.",
    )
    fig.update_yaxes(title_text="items per active customer")
    fig.update_layout(legend=dict(orientation="h", y=-0.12))
    return fig


def distributions_figure(marts, week_start):
    """Basket sizes this week against last week (small-basket line marked), and customers by
    their number of orders with the segment bands marked."""
    counts = sorted(marts["kpi_customer_order_counts"], key=lambda row: row["observed_orders"])
    has_weeks = week_start is not None
    fig = make_subplots(
        rows=1,
        cols=2 if has_weeks else 1,
        horizontal_spacing=0.1,
        subplot_titles=(["Basket sizes (share of the window's orders)"] if has_weeks else [])
        + ["Customers by observed orders, segment bands marked"],
    )
    customer_col = 2 if has_weeks else 1
    if has_weeks:
        for start, colour, label in (
            (week_start - datetime.timedelta(days=7), LAST_WEEK, "last week"),
            (week_start, NORTH_STAR, "this week"),
        ):
            sizes = sorted(
                (row["items_in_order"], row["share_of_orders"])
                for row in marts["kpi_weekly_basket_sizes"]
                if row["week_start"] == start and row["items_in_order"] <= 40
            )
            fig.add_trace(
                go.Scatter(
                    x=[s[0] for s in sizes],
                    y=[s[1] for s in sizes],
                    mode="lines+markers",
                    name=label,
                    line=dict(color=colour, width=3),
                    hovertemplate=f"{label}: %{{y:.1%}} of orders had %{{x}} items<extra></extra>",
                ),
                row=1,
                col=1,
            )
        small = max(
            (row["items_in_order"] for row in marts["kpi_weekly_basket_sizes"] if row["is_small_basket"]), default=None
        )
        if small is not None:
            fig.add_vrect(
                x0=0.5,
                x1=small + 0.5,
                fillcolor="rgba(230,159,0,0.15)",
                line_width=0,
                row=1,
                col=1,
                annotation_text="small baskets",
                annotation_position="top left",
            )
        fig.update_yaxes(tickformat=".0%", row=1, col=1)
        fig.update_xaxes(title_text="items in the order", row=1, col=1)
    bands = {}
    for row in counts:
        bands.setdefault((row["segment_sort_order"], row["segment_name"]), []).append(row)
    for index, ((_, name), rows) in enumerate(sorted(bands.items())):
        fig.add_trace(
            go.Bar(
                x=[row["observed_orders"] for row in rows],
                y=[row["customers"] for row in rows],
                name=f"{segment_label(name)} customers",
                marker=dict(color=SEGMENT_COLORS[(index + 1) % len(SEGMENT_COLORS)]),
                hovertemplate=f"{segment_label(name)}: %{{y:,}} customers with %{{x}} orders<extra></extra>",
            ),
            row=1,
            col=customer_col,
        )
    fig.update_xaxes(title_text="observed orders (through as_of)", row=1, col=customer_col)
    if has_weeks:
        week = by_metric(rows_of_week(marts["kpi_weekly_scorecard"], week_start))
        value = week["small_basket_share"]["this_week_value"]
    else:
        value = by_metric(marts["kpi_scorecard"])["small_basket_share"]["value"]
    snapshot = next(row["period_start"] for row in marts["kpi_segments"] if row["grain"] == "snapshot")
    power = [row for row in segment_rows(marts, "snapshot", snapshot) if row["customers"]]
    top = max(power, key=lambda row: row["sort_order"]) if power else None
    title = f"Small baskets are {fmt_value(value, 'share')} of orders" + (" this week" if has_weeks else "")
    if top:
        share = fmt_value(top["share_of_customers"], "share")
        title += f"; {segment_label(top['segment_name'])} customers are {share} of customers"
    window = rows_of_week(marts["kpi_weekly_scorecard"], week_start)[0] if has_weeks else None
    layout(
        fig,
        title,
        (f"Left: baskets of {window_words(window)} against last week's. Right: " if has_weeks else "")
        + "every active customer, by orders placed through as_of.",
    )
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.15))
    return fig


COMBINE_SYMBOLS = {"product": "×", "sum": "+"}


def tree_positions(nodes):
    """{node_id: x}: leaves one apart in the mart's order, each parent centred over its children."""
    children = {}
    for node in sorted(nodes, key=lambda node: node["sort_order"]):
        children.setdefault(node["parent_node_id"], []).append(node["node_id"])
    positions = {}

    def place(node_id):
        kids = children.get(node_id, [])
        if not kids:
            positions[node_id] = float(len([x for x in positions if x not in children]))
        else:
            for kid in kids:
                place(kid)
            positions[node_id] = sum(positions[kid] for kid in kids) / len(kids)

    for root in children.get(None, []):
        place(root)
    return positions


def metric_tree_figure(marts, week_start):
    """The driver tree as kpi_metric_tree gives it (parents, levels, how siblings combine), with this
    week's value, the change on last week and the status on each node (the snapshot's on undated data)."""
    nodes = marts["kpi_metric_tree"]
    tree = {row["node_id"]: row for row in nodes}
    week = by_metric(rows_of_week(marts["kpi_weekly_scorecard"], week_start)) if week_start else {}
    scorecard = by_metric(marts["kpi_scorecard"])
    positions = tree_positions(nodes)
    fig = go.Figure()
    xs, ys, hovers = [], [], []
    for node in sorted(nodes, key=lambda node: (node["node_level"], node["sort_order"])):
        node_id, x, y = node["node_id"], positions[node["node_id"]], -node["node_level"]
        metric = week.get(node_id) or scorecard[node_id]
        value = metric["this_week_value"] if week else metric["value"]
        lines = [f"<b>{plot_text(short_name(node['display_name']))}</b>", fmt_value(value, node["unit"])]
        if week:
            lines.append(f"{metric['wow_change']:+.2f} ({metric['wow_relative_change']:+.1%}) on last week")
        fig.add_shape(
            type="rect",
            x0=x - 0.45,
            x1=x + 0.45,
            y0=y - 0.3,
            y1=y + 0.3,
            line=dict(color=STATUS_COLORS[metric["status"]], width=4),
            fillcolor="white",
            layer="below",
        )
        fig.add_annotation(x=x, y=y, text="<br>".join(lines), showarrow=False, font=dict(size=17))
        parent = node["parent_node_id"]
        if parent:
            parent_x, parent_y = positions[parent], -tree[parent]["node_level"]
            fig.add_shape(
                type="line", x0=parent_x, y0=parent_y - 0.3, x1=x, y1=y + 0.3, line=dict(color=MUTED, width=2)
            )
        xs.append(x)
        ys.append(y)
        hovers.append(
            f"{plot_text(node['display_name'])}: {fmt_value(value, node['unit'])}<br>"
            f"{plot_text(node['formula'] or '')}<br>status: {STATUS_LABELS[metric['status']]}<br>{hover_for(metric)}"
        )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker=dict(size=60, opacity=0),
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
        )
    )
    # How each parent's children combine, between them.
    for parent_id in {node["parent_node_id"] for node in nodes if node["parent_node_id"]}:
        kids = [node for node in nodes if node["parent_node_id"] == parent_id]
        symbol = COMBINE_SYMBOLS.get(kids[0]["combine_with_siblings"], "")
        fig.add_annotation(
            x=positions[parent_id],
            y=-kids[0]["node_level"],
            text=f"<b>{symbol}</b>",
            showarrow=False,
            font=dict(size=34, color=MUTED),
        )
    fig.update_xaxes(visible=False, range=[min(xs) - 0.7, max(xs) + 0.7])
    fig.update_yaxes(visible=False, range=[min(ys) - 0.5, 0.5])
    vpac = week.get("vpac") if week else scorecard["vpac"]
    value = vpac["this_week_value"] if week else vpac["value"]
    title = f"VPAC {fmt_value(value, 'items per customer')} = orders per customer × items per order" + (
        f"; {STATUS_LABELS[vpac['status']]} this week" if week else " (snapshot: the files carry no dates)"
    )
    layout(
        fig,
        title,
        "Border colour: status (green ok, amber warn, red critical). Each node: value and change on last week.",
    )
    return fig


def stamp(fig, warning):
    """A red banner across the top of a figure drawn from a failed or unfinished build."""
    fig.add_annotation(
        text=f"<b>WARNING: {plot_text(warning)}</b>",
        xref="paper",
        yref="paper",
        x=0,
        y=1.13,
        xanchor="left",
        showarrow=False,
        font=dict(color="#D55E00", size=13),
        bgcolor="#fde2c8",
        bordercolor="#D55E00",
    )
    return fig


def scorecard_figure(marts):
    """The snapshot's metrics with guardrail levels: each value against its warn and critical zones."""
    rows = [row for row in sorted(marts["kpi_scorecard"], key=lambda row: row["sort_order"]) if row["warn_threshold"]]
    fig = make_subplots(
        rows=len(rows) or 1,
        cols=1,
        vertical_spacing=0.08,
        subplot_titles=[
            f"{plot_text(row['display_name'])}: {fmt_value(row['value'], row['unit'])} ({STATUS_LABELS[row['status']]})"
            for row in rows
        ],
    )
    for index, row in enumerate(rows, start=1):
        warn, critical, value = row["warn_threshold"], row["critical_threshold"], row["value"]
        low = min(v for v in (warn, critical, value) if v is not None)
        high = max(v for v in (warn, critical, value) if v is not None)
        pad = (high - low) * 0.6 or abs(high) * 0.1 or 1.0
        lower_is_better = row["direction"] == "lower_is_better"
        zones = (
            [
                (critical, high + pad, "rgba(213,94,0,0.25)"),
                (warn, critical, "rgba(230,159,0,0.25)"),
                (low - pad, warn, "rgba(0,158,115,0.15)"),
            ]
            if lower_is_better
            else [
                (low - pad, critical, "rgba(213,94,0,0.25)"),
                (critical, warn, "rgba(230,159,0,0.25)"),
                (warn, high + pad, "rgba(0,158,115,0.15)"),
            ]
        )
        axis = "" if index == 1 else str(index)
        for start, end, colour in zones:
            fig.add_shape(
                type="rect",
                x0=start,
                x1=end,
                y0=0,
                y1=1,
                xref=f"x{axis}",
                yref=f"y{axis} domain",
                fillcolor=colour,
                line_width=0,
                layer="below",
            )
        fig.add_trace(
            go.Scatter(
                x=[value],
                y=[0],
                mode="markers",
                marker=dict(size=18, color=STATUS_COLORS[row["status"]], line=dict(color=INK, width=1)),
                hovertemplate=f"{fmt_value(value, row['unit'])}<br>{hover_for(row)}<extra></extra>",
            ),
            row=index,
            col=1,
        )
        floor = max(low - pad, 0) if unit_kind(row["unit"]) in ("share", "days") else low - pad
        fig.update_xaxes(range=[floor, high + pad], row=index, col=1)
        fig.update_yaxes(visible=False, row=index, col=1)
        if unit_kind(row["unit"]) == "share":
            fig.update_xaxes(tickformat=".0%", row=index, col=1)
    breached = [row for row in rows if row["status"] != "ok"]
    title = (
        f"{len(breached)} of {len(rows)} guardrails breached: " + ", ".join(row["display_name"] for row in breached)
        if breached
        else f"All {len(rows)} guardrails hold over the whole history"
    )
    layout(
        fig,
        title,
        "Green: safe; amber: warn; red: critical (levels from seed metric_definitions). "
        "VPAC and the volumes have no levels: their size depends on the period.",
    )
    fig.update_layout(showlegend=False)
    return fig


def snapshot_segments_figure(marts):
    """The lifetime bands: each band's share of customers and its contribution to VPAC (they add up to it),
    with its own VPAC on the bars."""
    snapshot = next(row["period_start"] for row in marts["kpi_segments"] if row["grain"] == "snapshot")
    rows = segment_rows(marts, "snapshot", snapshot)
    names = [
        f"{segment_label(row['segment_name'])} ({fmt_band(row['min_observed_orders'], row['max_observed_orders'])})"
        for row in rows
    ]
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=["Share of active customers", "Contribution to VPAC (items per active customer)"],
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=[row["share_of_customers"] for row in rows],
            marker=dict(color=SEGMENT_COLORS[1 : len(rows) + 1]),
            text=[fmt_value(row["share_of_customers"], "share") for row in rows],
            textposition="outside",
            hovertemplate="%{x}: %{y:.1%} of customers<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=[row["contribution_to_vpac"] for row in rows],
            marker=dict(color=SEGMENT_COLORS[1 : len(rows) + 1]),
            text=[
                f"{row['contribution_to_vpac']:.1f} (own VPAC {fmt_value(row['vpac'], 'items per customer')})"
                for row in rows
            ],
            textposition="outside",
            hovertemplate="%{x}: %{y:.2f} of VPAC<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_yaxes(tickformat=".0%", row=1, col=1)
    carriers = [row for row in rows if row["customers"]]
    top = max(carriers, key=lambda row: row["contribution_to_vpac"]) if carriers else None
    vpac = by_metric(marts["kpi_scorecard"])["vpac"]["value"]
    title = (
        f"{segment_label(top['segment_name'])} customers (lifetime band) are "
        f"{fmt_value(top['share_of_customers'], 'share')} of customers and carry "
        f"{top['contribution_to_vpac'] / vpac:.0%} of VPAC"
        if top and vpac
        else "Segments by lifetime band"
    )
    layout(fig, title, "Bands of each customer's observed orders over the whole history (seed segment_bands).")
    fig.update_layout(showlegend=False)
    return fig


def label_generated(fig, generated):
    """Append the generated-data label to the figure's subtitle, so no copy of it passes for real data."""
    subtitle = fig.layout.title.subtitle.text or ""
    fig.update_layout(
        title_subtitle_text=f"{subtitle}<br><b>{plot_text(generated)}</b>" if subtitle else plot_text(generated)
    )
    return fig


def build_figures(marts, week_start, sentence, warning=None, generated=None):
    """{stem: figure} of the review: the weekly set on dated data, the snapshot set otherwise;
    each stamped with the warning of a failed build and labelled when the data is generated."""
    figures = (
        weekly_figures(marts, week_start, sentence)
        if week_start
        else {
            "scorecard": scorecard_figure(marts),
            "segments": snapshot_segments_figure(marts),
            "metric_tree": metric_tree_figure(marts, None),
            "distributions": distributions_figure(marts, None),
        }
    )
    if generated:
        figures = {stem: label_generated(fig, generated) for stem, fig in figures.items()}
    return {stem: stamp(fig, warning) if warning else fig for stem, fig in figures.items()}


def weekly_figures(marts, week_start, sentence):
    return {
        "six_twelve": six_twelve_figure(marts, week_start),
        "waterfall": waterfall_figure(marts, week_start, sentence),
        "departments": departments_figure(marts, week_start),
        "segment_trends": segment_trend_figure(marts, week_start),
        "distributions": distributions_figure(marts, week_start),
        "metric_tree": metric_tree_figure(marts, week_start),
    }
