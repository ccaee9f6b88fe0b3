"""Numbers for people: thousands separators, percentages with one decimal, no long floats."""

import datetime
import html
import re

SHARE_UNITS = {"share", "rate", "ratio", "percent", "pct", "%", "proportion"}
COUNT_UNITS = {"count", "customers", "orders", "items", "rows", "lines", "users"}


def unit_kind(unit):
    """Classify a mart's unit as 'share', 'count', 'days' or 'decimal'."""
    text = (unit or "").strip().lower()
    if text in SHARE_UNITS or text.startswith("share"):
        return "share"
    if text in COUNT_UNITS:
        return "count"
    if text.startswith("day"):
        return "days"
    return "decimal"


def fmt_count(value):
    """1194 -> '1,194'."""
    if value is None:
        return "n/a"
    return f"{round(float(value)):,}"


def fmt_share(value):
    """0.5936 -> '59.4%'; a share too small to show at one decimal is '<0.1%', not '0.0%'."""
    if value is None:
        return "n/a"
    if 0 < abs(float(value)) < 0.0005:
        return "<0.1%"
    return f"{float(value) * 100:.1f}%"


def fmt_decimal(value):
    """161.63 -> '161.6', 15.983 -> '15.98': one decimal from 100 up, two below."""
    if value is None:
        return "n/a"
    value = float(value)
    places = 1 if abs(value) >= 100 else 2
    return f"{value:,.{places}f}"


def fmt_days(value):
    """7.0 -> '7.0'."""
    if value is None:
        return "n/a"
    return f"{float(value):,.1f}"


FORMATTERS = {"share": fmt_share, "count": fmt_count, "days": fmt_days, "decimal": fmt_decimal}


def fmt_value(value, unit):
    """Format a value by the kind of its unit."""
    return FORMATTERS[unit_kind(unit)](value)


def fmt_change(delta, unit, like=None):
    """A signed change: '+1.2 pp' for shares, '+35' for counts, else as many decimals as `like` gets."""
    if delta is None:
        return "n/a"
    kind = unit_kind(unit)
    delta = float(delta)
    if kind == "share":
        return f"{without_negative_zero(delta * 100, 1):+.1f} pp"
    if kind == "count":
        return f"{round(delta):+,}"
    if kind == "days":
        return f"{without_negative_zero(delta, 1):+,.1f}"
    places = 1 if abs(float(like if like is not None else delta)) >= 100 else 2
    return f"{without_negative_zero(delta, places):+,.{places}f}"


def without_negative_zero(value, places):
    """Round so that a tiny negative change prints as +0.0, not -0.0."""
    rounded = round(value, places)
    return 0.0 if rounded == 0 else rounded


def fmt_band(min_orders, max_orders):
    """A segment's band of observed orders: '1', '2–4', '11+'."""
    if max_orders is None:
        return f"{min_orders}+"
    if min_orders == max_orders:
        return f"{min_orders}"
    return f"{min_orders}–{max_orders}"


def fmt_date(value):
    """A date or timestamp as YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if value is not None else "n/a"


def fmt_timestamp(value):
    """A timestamp as 'YYYY-MM-DD HH:MM'."""
    if value is None:
        return "n/a"
    return value.strftime("%Y-%m-%d %H:%M")


def short_name(display_name):
    """The abbreviation a name ends with, for titles: 'Value per active customer (VPAC)' -> 'VPAC'."""
    match = re.search(r"\(([^()]+)\)\s*$", display_name or "")
    return match.group(1) if match else display_name


def lower_first(text):
    """A name mid-sentence: 'Items per order' -> 'items per order', but 'VPAC' stays 'VPAC'."""
    text = str(text)
    first_word = text.split(" ", 1)[0]
    return text if first_word.isupper() else text[:1].lower() + text[1:]


def humanize(identifier):
    """'one_time' -> 'One time'."""
    text = str(identifier).replace("_", " ")
    return text[:1].upper() + text[1:]


def md_text(text):
    """Mart text made safe for markdown: angle brackets escaped (no raw HTML), pipes too (tables)."""
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def plot_text(text):
    """Make text safe for plotly labels, which read a subset of HTML."""
    return html.escape(str(text), quote=False)
