"""The review's figures, drawn with plotly from the marts: four panels and a 2x2 dashboard.

Each panel is an add_* function that draws into a figure cell, so the dashboard reuses
the panels. Titles come from templates/figure_titles.j2 and state the finding.
"""

from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from review.formatting import fmt_change, fmt_date, fmt_decimal, fmt_share, fmt_value, plot_text, short_name
from review.memo import template_environment
from review.picks import (
    by_key, is_informational, needs_attention, operator_symbol, tree_children, tree_root, what_moved,
)
from review.views import (
    driver_view, metric_view, moved_view, north_star_view, segment_insight, segment_view,
)

FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
MUTED = "#5f5f5f"
GRID = "#e3e3e3"
# Okabe-Ito colours, safe for colour-blind readers; each has one role in every figure.
NORTH_STAR = "#0072B2"
DRIVER = "#56B4E9"
DRIVER_TINT = "#dcecf7"
DECREASE = "#E69F00"
CUSTOMERS = "#999999"
ORDERS = "#56B4E9"
ITEMS = "#CC79A7"
STATUS_COLORS = {"ok": "#009E73", "warn": "#E69F00", "critical": "#D55E00", "info": "#d9d9d9"}
# Status is never told by colour alone.
STATUS_MARKS = {"ok": "✓ OK", "warn": "▲ WARN", "critical": "✖ CRITICAL", "info": "– INFO"}

PANEL_SIZE = (1600, 900)
DASHBOARD_SIZE = (1920, 1080)
SCALE = 2

# (file stem, human title), in the order they are written.
FIGURES = [
    ("executive_dashboard", "Executive dashboard"),
    ("metric_tree", "Metric tree"),
    ("driver_waterfall", "Driver waterfall"),
    ("segment_comparison", "Segment comparison"),
    ("kpi_health_grid", "KPI health grid"),
]


@dataclass(frozen=True)
class TextSizes:
    """Font sizes for one layout: a standalone slide or a dashboard cell."""

    base: int
    label: int
    value: int
    operator: int
    table: int
    table_row: int


PANEL_TEXT = TextSizes(base=18, label=19, value=30, operator=44, table=20, table_row=54)
DASHBOARD_TEXT = TextSizes(base=13, label=12, value=19, operator=28, table=13, table_row=32)


def build_figures(marts):
    """All five figures, keyed by file stem."""
    story = figure_story(marts)
    return {
        "executive_dashboard": executive_dashboard(marts, story),
        "metric_tree": metric_tree_figure(marts, story),
        "driver_waterfall": waterfall_figure(marts, story),
        "segment_comparison": segments_figure(marts, story),
        "kpi_health_grid": health_figure(marts, story),
    }


def figure_story(marts):
    """What the figures need beside the marts: the North Star, its split over the drivers, the titles."""
    tree, scorecard = marts["kpi_metric_tree"], marts["kpi_scorecard"]
    moved = what_moved(marts["kpi_metric_changes"], marts["kpi_vpac_change"], scorecard, tree)
    north_star = north_star_view(tree_root(tree), by_key(scorecard, "metric_id"))
    return {
        "north_star": north_star,
        "split": moved["split"],
        "titles": figure_titles(marts, north_star, moved_view(moved) if moved["split"] else None),
    }


def figure_titles(marts, north_star, moved):
    """{figure: (title, subtitle)}, from the macros in templates/figure_titles.j2."""
    macros = template_environment().get_template("figure_titles.j2").module
    tree, scorecard = marts["kpi_metric_tree"], marts["kpi_scorecard"]
    drivers = [driver_view(node) for node in tree_children(tree, tree_root(tree)["node_id"])]
    largest = max(marts["kpi_segments"], key=lambda row: row["contribution_to_vpac"] or 0)
    attention = [metric_view(metric) for metric in needs_attention(scorecard)]
    if moved:
        waterfall = (macros.waterfall_moved(moved["split"]), macros.waterfall_moved_subtitle(moved))
    else:
        waterfall = (macros.waterfall_built(north_star, segment_view(largest)),
                     macros.waterfall_built_subtitle(north_star))
    titles = {
        "metric_tree": (macros.metric_tree(north_star, drivers), macros.metric_tree_subtitle()),
        "driver_waterfall": waterfall,
        "segment_comparison": (macros.segments(segment_insight(marts["kpi_segments"])),
                               macros.segments_subtitle()),
        "kpi_health_grid": (macros.health([metric_view(m) for m in scorecard], attention),
                            macros.health_subtitle()),
        "executive_dashboard": (
            macros.dashboard(fmt_date(marts["kpi_north_star"][0]["as_of_date"]), north_star), "",
        ),
    }
    return {name: (str(title), str(subtitle)) for name, (title, subtitle) in titles.items()}


# ---- shared layout


def slide_layout(fig, title, subtitle, size, sizes):
    """Fonts, colours, margins and title shared by every figure."""
    width, height = size
    fig.update_layout(
        width=width,
        height=height,
        font=dict(family=FONT_FAMILY, size=sizes.base, color=INK),
        title=dict(
            text=f"<b>{title}</b>",
            subtitle=dict(text=subtitle, font=dict(size=sizes.base, color=MUTED)),
            x=0.02, xanchor="left", y=0.97, yanchor="top",
            font=dict(size=round(sizes.base * 1.55), color=INK),
        ),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=70, r=40, t=140 if subtitle else 110, b=70),
        showlegend=False,
    )
    return fig


def hide_axes(fig, cell, x_range, y_range):
    """A blank canvas for drawn shapes."""
    fig.update_xaxes(visible=False, range=x_range, fixedrange=True, **cell)
    fig.update_yaxes(visible=False, range=y_range, fixedrange=True, **cell)


def value_axes(fig, cell, title, tickformat=None):
    """A light value axis with gridlines, for bar charts."""
    fig.update_yaxes(
        title_text=title, gridcolor=GRID, zeroline=True, zerolinecolor="#b0b0b0",
        tickformat=tickformat, **cell,
    )
    fig.update_xaxes(showgrid=False, linecolor="#b0b0b0", **cell)


# ---- metric tree


def tree_positions(tree):
    """({node_id: x}, number of leaves): leaves take one slot each, parents sit over their children."""
    positions = {}
    next_leaf = [0]

    def place(node):
        children = tree_children(tree, node["node_id"])
        if not children:
            positions[node["node_id"]] = next_leaf[0] + 0.5
            next_leaf[0] += 1
        else:
            for child in children:
                place(child)
            xs = [positions[child["node_id"]] for child in children]
            positions[node["node_id"]] = sum(xs) / len(xs)

    place(tree_root(tree))
    return positions, next_leaf[0]


def add_metric_tree(fig, marts, cell, sizes):
    """VPAC and its drivers as boxes with values, joined by lines, with × or + between siblings."""
    tree = marts["kpi_metric_tree"]
    positions, leaves = tree_positions(tree)
    depth = max(node["node_level"] for node in tree)
    box_w, box_h = 0.88, 0.62
    for node in tree:
        add_tree_box(fig, node, positions[node["node_id"]], -node["node_level"], box_w, box_h, cell, sizes)
        children = tree_children(tree, node["node_id"])
        if children:
            add_tree_links(fig, node, children, positions, box_h, cell, sizes)
    add_tree_hover(fig, tree, positions, cell)
    hide_axes(fig, cell, [0, leaves], [-depth - 0.45, 0.45])


def add_tree_box(fig, node, x, y, box_w, box_h, cell, sizes):
    """One node: a box with its name, value and unit."""
    fill, border, text_colour = box_colours(node["node_level"])
    fig.add_shape(
        type="rect", x0=x - box_w / 2, x1=x + box_w / 2, y0=y - box_h / 2, y1=y + box_h / 2,
        fillcolor=fill, line=dict(color=border, width=2), layer="below", **cell,
    )
    lines = [
        (y + box_h * 0.28, plot_text(node["display_name"]), sizes.label),
        (y, f"<b>{fmt_value(node['value'], node['unit'])}</b>", sizes.value),
        (y - box_h * 0.28, plot_text(node["unit"] or ""), sizes.label),
    ]
    for line_y, text, size in lines:
        fig.add_annotation(
            x=x, y=line_y, text=text, showarrow=False, font=dict(size=size, color=text_colour), **cell,
        )


def box_colours(level):
    """(fill, border, text) by level: the North Star solid, drivers tinted, sub-drivers outlined."""
    if level == 0:
        return NORTH_STAR, NORTH_STAR, "white"
    if level == 1:
        return DRIVER_TINT, NORTH_STAR, INK
    return "white", DRIVER, INK


def add_tree_links(fig, parent, children, positions, box_h, cell, sizes):
    """Elbow lines from a parent to its children, and the operator between adjacent children."""
    line = dict(color="#7f7f7f", width=2)
    top = -parent["node_level"] - box_h / 2
    bottom = -(parent["node_level"] + 1) + box_h / 2
    middle = (top + bottom) / 2
    xs = [positions[child["node_id"]] for child in children]
    px = positions[parent["node_id"]]
    fig.add_shape(type="line", x0=px, x1=px, y0=top, y1=middle, line=line, **cell)
    fig.add_shape(type="line", x0=min(xs), x1=max(xs), y0=middle, y1=middle, line=line, **cell)
    for x in xs:
        fig.add_shape(type="line", x0=x, x1=x, y0=middle, y1=bottom, line=line, **cell)
    level_y = -(parent["node_level"] + 1)
    for left, right in zip(children, children[1:]):
        symbol = operator_symbol(right) or "?"
        fig.add_annotation(
            x=(positions[left["node_id"]] + positions[right["node_id"]]) / 2, y=level_y,
            text=f"<b>{symbol}</b>", showarrow=False,
            font=dict(size=sizes.operator, color=NORTH_STAR), **cell,
        )


def add_tree_hover(fig, tree, positions, cell):
    """Invisible markers on the boxes so the HTML shows each formula on hover."""
    fig.add_trace(
        go.Scatter(
            x=[positions[node["node_id"]] for node in tree],
            y=[-node["node_level"] for node in tree],
            mode="markers",
            marker=dict(size=60, opacity=0),
            hovertext=[
                f"{plot_text(node['display_name'])} = {plot_text(node['formula'] or '')}" for node in tree
            ],
            hoverinfo="text",
            showlegend=False,
        ),
        **cell,
    )


def metric_tree_figure(marts, story):
    """The metric tree on its own slide."""
    fig = go.Figure()
    add_metric_tree(fig, marts, {}, PANEL_TEXT)
    return slide_layout(fig, *story["titles"]["metric_tree"], PANEL_SIZE, PANEL_TEXT)


# ---- driver waterfall


def add_waterfall(fig, marts, story, cell, sizes):
    """How VPAC moved over its drivers when a previous build exists, else how the bands build it."""
    if story["split"]:
        bars = moved_bars(story["split"])
    else:
        bars = built_bars(marts, story)
    labels, measures, values, texts = zip(*bars)
    fig.add_trace(
        go.Waterfall(
            x=list(labels), measure=list(measures), y=list(values), text=list(texts),
            textposition="outside", textfont=dict(size=sizes.label),
            connector=dict(line=dict(color="#9a9a9a", width=1, dash="dot")),
            increasing=dict(marker=dict(color=DRIVER)),
            decreasing=dict(marker=dict(color=DECREASE)),
            totals=dict(marker=dict(color=NORTH_STAR)),
            cliponaxis=False,
            hoverinfo="x+text",
            showlegend=False,
        ),
        **cell,
    )
    unit = tree_root(marts["kpi_metric_tree"])["unit"] or ""
    value_axes(fig, cell, plot_text(unit))
    fig.update_yaxes(range=waterfall_range(bars), **cell)


def built_bars(marts, story):
    """(label, measure, value, text): each band's contribution, then the North Star as the total."""
    root = tree_root(marts["kpi_metric_tree"])
    segments = marts["kpi_segments"]
    bars = [
        (label, "relative", segment["contribution_to_vpac"] or 0,
         fmt_decimal(segment["contribution_to_vpac"]) if segment["customers"] else "no customers")
        for label, segment in zip(segment_labels(segments, with_vpac=False), segments)
    ]
    total = fmt_value(root["value"], root["unit"])
    bars.append((plot_text(story["north_star"]["short_name"]), "total", 0, total))
    return bars


def moved_bars(split):
    """(label, measure, value, text): previous North Star, each driver's share of the change, current."""
    unit = split["root"]["unit"]
    name = plot_text(short_name(split["root"]["display_name"]))
    bars = [(f"{name}<br>previous build", "absolute", split["previous"], fmt_value(split["previous"], unit))]
    for node, amount in split["contributions"]:
        change = fmt_change(amount, unit, like=split["current"])
        bars.append((plot_text(node["display_name"]), "relative", amount, change))
    bars.append((f"{name}<br>this build", "total", 0, fmt_value(split["current"], unit)))
    return bars


def waterfall_range(bars):
    """A y range that shows every bar and its label; a change is zoomed in on, a build starts at zero."""
    levels, running = [], 0.0
    for _, measure, value, _ in bars:
        running = value if measure == "absolute" else running if measure == "total" else running + value
        levels.append(running)
    top = max(levels)
    if bars[0][1] != "absolute":
        return [0, top * 1.15]
    changes = [abs(value) for _, measure, value, _ in bars if measure == "relative"]
    spread = max(changes + [top * 0.02])
    bottom = max(0.0, min(levels) - 3 * spread)
    return [bottom, top + (top - bottom) * 0.15]


def waterfall_figure(marts, story):
    """The driver waterfall on its own slide."""
    fig = go.Figure()
    add_waterfall(fig, marts, story, {}, PANEL_TEXT)
    return slide_layout(fig, *story["titles"]["driver_waterfall"], PANEL_SIZE, PANEL_TEXT)


# ---- segments


def segment_labels(segments, with_vpac):
    """Category labels: band name and its orders, and VPAC when the VPAC bars are not shown."""
    labels = []
    for segment in segments:
        view = segment_view(segment)
        noun = "order" if view["band"] == "1" else "orders"
        label = f"{plot_text(view['name'])}<br>{view['band']} {noun}"
        if with_vpac:
            label += "<br>no customers" if view["is_empty"] else f"<br>VPAC {view['vpac']}"
        labels.append(label)
    return labels


def add_segment_shares(fig, marts, cell, sizes, with_vpac):
    """Share of customers against share of orders and of items, per band."""
    segments = marts["kpi_segments"]
    labels = segment_labels(segments, with_vpac)
    series = [
        ("share_of_customers", "Share of customers", CUSTOMERS),
        ("share_of_orders", "Share of orders", ORDERS),
        ("share_of_items", "Share of items", ITEMS),
    ]
    for column, name, colour in series:
        values = [segment[column] or 0 for segment in segments]
        fig.add_trace(
            go.Bar(
                x=labels, y=values, name=name, marker_color=colour,
                text=[fmt_share(value) for value in values], textposition="outside",
                textfont=dict(size=sizes.base - 2), cliponaxis=False, showlegend=True,
                hovertemplate=f"{name}: %{{text}}<extra></extra>",
            ),
            **cell,
        )
    top = max(max(segment[column] or 0 for segment in segments) for column, _, _ in series)
    value_axes(fig, cell, "share of total", tickformat=".0%")
    fig.update_yaxes(range=[0, max(top, 0.01) * 1.18], **cell)


def add_segment_vpac(fig, marts, cell, sizes):
    """VPAC in each band."""
    segments = marts["kpi_segments"]
    views = [segment_view(segment) for segment in segments]
    fig.add_trace(
        go.Bar(
            x=segment_labels(segments, with_vpac=False),
            y=[segment["vpac"] or 0 for segment in segments],
            text=[view["vpac"] if not view["is_empty"] else "no customers" for view in views],
            textposition="outside", textfont=dict(size=sizes.base - 2), cliponaxis=False,
            marker_color=NORTH_STAR, showlegend=False, name="VPAC",
            hovertemplate="VPAC: %{text}<extra></extra>",
        ),
        **cell,
    )
    top = max(segment["vpac"] or 0 for segment in segments)
    value_axes(fig, cell, "VPAC (items per customer)")
    fig.update_yaxes(range=[0, max(top, 1) * 1.15], **cell)


def segment_legend(fig, x_domain, y_domain, sizes):
    """The share legend, inside the top left of the share chart."""
    fig.update_layout(
        showlegend=True,
        legend=dict(
            x=x_domain[0] + 0.01, y=y_domain[1], xanchor="left", yanchor="top",
            bgcolor="rgba(255,255,255,0.85)", font=dict(size=sizes.base - 1), orientation="v",
        ),
        barmode="group",
        bargap=0.25,
    )


def segments_figure(marts, story):
    """The segment comparison on its own slide: shares on the left, VPAC per band on the right."""
    fig = make_subplots(
        rows=1, cols=2, column_widths=[0.64, 0.36], horizontal_spacing=0.08,
        subplot_titles=["Share of customers, orders and items", "VPAC per band"],
    )
    add_segment_shares(fig, marts, dict(row=1, col=1), PANEL_TEXT, with_vpac=False)
    add_segment_vpac(fig, marts, dict(row=1, col=2), PANEL_TEXT)
    slide_layout(fig, *story["titles"]["segment_comparison"], PANEL_SIZE, PANEL_TEXT)
    segment_legend(fig, fig.layout.xaxis.domain, fig.layout.yaxis.domain, PANEL_TEXT)
    fig.update_annotations(font=dict(size=PANEL_TEXT.base + 1, color=MUTED), selector=dict(yref="paper"))
    return fig


# ---- KPI health grid


def health_rows(marts):
    """Columns of the health table, and the status of each row."""
    rows = [metric_view(metric) for metric in marts["kpi_scorecard"]]
    statuses = [
        "info" if is_informational(metric) else metric["status"] for metric in marts["kpi_scorecard"]
    ]
    columns = {
        "Tier": [row["tier"] for row in rows],
        "Metric": [f"<b>{plot_text(short_name(row['display_name']))}</b>" for row in rows],
        "Value": [row["value"] for row in rows],
        "Warn if": [threshold_cell(row["warn_rule"]) for row in rows],
        "Critical if": [threshold_cell(row["critical_rule"]) for row in rows],
        "Owner": [plot_text(row["owner"]) for row in rows],
        "Status": [f"<b>{STATUS_MARKS.get(status, status)}</b>" for status in statuses],
    }
    return columns, statuses


def threshold_cell(rule):
    """A threshold as a symbol (≤ / ≥, a value at the line breaches), or a dash when there is none.

    Symbols keep each row on one line, so the table fits its panel.
    """
    if rule == "none":
        return "—"
    return rule.replace("at or below ", "≤ ").replace("at or above ", "≥ ")


# Relative width and alignment of each column of the health table.
HEALTH_COLUMNS = {
    "Tier": (0.5, "left"),
    "Metric": (2.3, "left"),
    "Value": (1.0, "right"),
    "Warn if": (1.25, "left"),
    "Critical if": (1.25, "left"),
    "Owner": (2.3, "left"),
    "Status": (1.3, "center"),
}


def add_health_grid(fig, marts, cell, sizes, height_px):
    """Every scorecard metric: tier, value, thresholds, owner and a status cell in its colour.

    Rows shrink to fit height_px, since a PNG cannot scroll.
    """
    columns, statuses = health_rows(marts)
    row_height = max(20, min(sizes.table_row, int(height_px / (len(statuses) + 1.5))))
    font_size = min(sizes.table, max(11, int(row_height * 0.48)))
    stripes = ["white" if index % 2 == 0 else "#f3f3f3" for index in range(len(statuses))]
    fills = [stripes] * (len(columns) - 1) + [[STATUS_COLORS.get(status, "white") for status in statuses]]
    widths = [HEALTH_COLUMNS[name][0] for name in columns]
    aligns = [HEALTH_COLUMNS[name][1] for name in columns]
    fig.add_trace(
        go.Table(
            columnwidth=widths,
            header=dict(
                values=[f"<b>{name}</b>" for name in columns], fill_color="#3a3a3a",
                font=dict(color="white", size=font_size), align=aligns,
                height=row_height, line_color="white",
            ),
            cells=dict(
                values=list(columns.values()), fill_color=fills,
                font=dict(color=INK, size=font_size), align=aligns,
                height=row_height, line_color="white",
            ),
        ),
        **cell,
    )


def health_figure(marts, story):
    """The KPI health grid on its own slide."""
    fig = go.Figure()
    slide_layout(fig, *story["titles"]["kpi_health_grid"], PANEL_SIZE, PANEL_TEXT)
    fig.update_layout(margin=dict(l=40, r=40, b=30))
    add_health_grid(fig, marts, {}, PANEL_TEXT, plot_height(fig))
    return fig


def plot_height(fig, domain=(0.0, 1.0)):
    """Pixels between the top and bottom margins, times a vertical domain."""
    layout = fig.layout
    return (layout.height - layout.margin.t - layout.margin.b) * (domain[1] - domain[0])


# ---- executive dashboard


def executive_dashboard(marts, story):
    """The four panels on one 2x2 page, each under its finding."""
    titles = story["titles"]
    fig = make_subplots(
        rows=2, cols=2,
        specs=[[{"type": "xy"}, {"type": "xy"}], [{"type": "xy"}, {"type": "table"}]],
        subplot_titles=[
            f"<b>{titles[name][0]}</b>"
            for name in ("metric_tree", "driver_waterfall", "segment_comparison", "kpi_health_grid")
        ],
        column_widths=[0.43, 0.57], horizontal_spacing=0.06, vertical_spacing=0.12,
    )
    add_metric_tree(fig, marts, dict(row=1, col=1), DASHBOARD_TEXT)
    add_waterfall(fig, marts, story, dict(row=1, col=2), DASHBOARD_TEXT)
    add_segment_shares(fig, marts, dict(row=2, col=1), DASHBOARD_TEXT, with_vpac=True)
    slide_layout(fig, *titles["executive_dashboard"], DASHBOARD_SIZE, DASHBOARD_TEXT)
    fig.update_layout(margin=dict(l=60, r=30, t=110, b=40))
    table_height = plot_height(fig, fig.layout.yaxis3.domain)
    add_health_grid(fig, marts, dict(row=2, col=2), DASHBOARD_TEXT, table_height)
    fig.update_annotations(font=dict(size=DASHBOARD_TEXT.base + 3), selector=dict(yref="paper"))
    segment_legend(fig, fig.layout.xaxis3.domain, fig.layout.yaxis3.domain, DASHBOARD_TEXT)
    return fig
