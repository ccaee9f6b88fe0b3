"""The planted change: in the latest complete week the power customers' baskets shrink.

A known change for the weekly review to find; generation.json records its truth.
"""

import numpy as np

from . import calendar as cal
from .arrays import new_group, run_start
from .project import POWER_MIN_ORDERS

PLANTED_FRACTION = 0.4  # share of lines dropped from the planted orders


def orders_before(user: np.ndarray, day: np.ndarray, cutoff: int, n_users: int) -> np.ndarray:
    """Each user's number of orders dated before cutoff."""
    return np.bincount(user[day < cutoff], minlength=n_users)


def planted_orders(user: np.ndarray, day: np.ndarray, n_users: int) -> np.ndarray:
    """Mask of the power customers' orders dated in the latest complete week.

    Power: the power band's floor (seed segment_bands) or more orders dated before
    that week's window_start.
    """
    week_start = cal.latest_complete_week(int(day.max()))
    window_start, _ = cal.week_window(week_start)
    power = orders_before(user, day, window_start, n_users) >= POWER_MIN_ORDERS
    return power[user] & (day >= week_start) & (day <= week_start + 6)


def planted_drops(
    rng: np.random.Generator, line_order: np.ndarray, keep: np.ndarray, planted: np.ndarray
) -> np.ndarray:
    """Mask of the lines the planted change removes from the planted orders.

    Each planted order loses PLANTED_FRACTION of its kept lines, rounded to the
    nearest line but always leaving one; which lines go is drawn at random.
    """
    dropped = np.zeros(len(line_order), dtype=bool)
    candidates = np.flatnonzero(keep & planted[line_order])
    if len(candidates) == 0:
        return dropped
    shuffled = candidates[np.lexsort((rng.random(len(candidates)), line_order[candidates]))]
    order = line_order[shuffled]
    rank = np.arange(len(shuffled)) - run_start(new_group(order))
    size = np.bincount(order)[order]
    dropped[shuffled[rank < np.minimum(size - 1, np.floor(size * PLANTED_FRACTION + 0.5))]] = True
    return dropped


def planted_change_truth(
    user: np.ndarray, day: np.ndarray, lines_per_order: np.ndarray, removed_per_order: np.ndarray, planted: np.ndarray
) -> dict:
    """What the planted change did, for generation.json.

    lines_per_order counts the lines written (after the change); the effect on week 1's
    VPAC is minus the lines removed over the customers active in week 1's window.
    """
    week_start = cal.latest_complete_week(int(day.max()))
    window_start, window_end = cal.week_window(week_start)
    in_window = (day >= window_start) & (day <= window_end)
    active = len(np.unique(user[in_window]))
    removed = int(removed_per_order.sum())
    lines_before_change = int(lines_per_order[in_window].sum()) + removed
    effect = -removed / active if active else 0.0
    vpac_before_change = lines_before_change / active if active else 0.0
    return {
        "week_start": cal.to_date(week_start).isoformat(),
        "comparison_week_start": cal.to_date(week_start - 7).isoformat(),
        "window_start": cal.to_date(window_start).isoformat(),
        "window_end": cal.to_date(window_end).isoformat(),
        "segment": "power",
        "metric": "items_per_order",
        "effect": "rate",
        "direction": "down",
        "fraction_of_lines_dropped": PLANTED_FRACTION,
        "orders_in_scope": int(planted.sum()),
        "orders_affected": int((removed_per_order > 0).sum()),
        "lines_removed": removed,
        "active_customers_in_window": active,
        "vpac_without_change": vpac_before_change,
        "expected_vpac_effect": effect,
        "relative_vpac_effect": effect / vpac_before_change if vpac_before_change else 0.0,
    }


# The second planted change: in one full ISO week some weeks before the latest complete
# week, every order loses part of its lines in one mid-size department (snacks: 8.9% of
# the release's lines), for the review to find as a concentrated move.
DEPARTMENT_CHANGE_NAME = "snacks"
DEPARTMENT_CHANGE_FRACTION = 0.5  # share of the department's lines dropped from each order
DEPARTMENT_CHANGE_WEEKS_BACK = 5  # its week starts this many weeks before the latest complete week's


def department_change_week(day: np.ndarray) -> int:
    """Monday of the department change's week."""
    return cal.latest_complete_week(int(day.max())) - 7 * DEPARTMENT_CHANGE_WEEKS_BACK


def department_change_orders(day: np.ndarray) -> np.ndarray:
    """Mask of the orders dated in the department change's week (all customers)."""
    week_start = department_change_week(day)
    return (day >= week_start) & (day <= week_start + 6)


def department_drops(
    rng: np.random.Generator,
    line_order: np.ndarray,
    line_department: np.ndarray,
    keep: np.ndarray,
    in_scope: np.ndarray,
    department: int,
) -> np.ndarray:
    """Mask of the lines the department change removes from the orders in scope.

    Each order loses DEPARTMENT_CHANGE_FRACTION of its kept lines in the department
    (0-based index `department`), rounded down or up at random so that on average
    exactly that share goes, but never the order's last line; which lines go is random.
    """
    dropped = np.zeros(len(line_order), dtype=bool)
    candidates = np.flatnonzero(keep & in_scope[line_order] & (line_department == department))
    if len(candidates) == 0:
        return dropped
    shuffled = candidates[np.lexsort((rng.random(len(candidates)), line_order[candidates]))]
    order = line_order[shuffled]
    starts = new_group(order)
    rank = np.arange(len(shuffled)) - run_start(starts)
    in_department = np.bincount(order)[order]
    exact = in_department * DEPARTMENT_CHANGE_FRACTION
    rounding = rng.random(int(starts.sum()))[np.cumsum(starts) - 1]  # one draw per order
    to_drop = np.floor(exact) + (rounding < exact - np.floor(exact))
    lines_in_order = np.bincount(line_order[keep], minlength=int(order.max()) + 1)[order]
    dropped[shuffled[rank < np.minimum(to_drop, lines_in_order - 1)]] = True
    return dropped


def department_change_truth(
    user: np.ndarray,
    day: np.ndarray,
    lines_per_order: np.ndarray,
    removed_per_order: np.ndarray,
    department_lines_in_week: int,
    department_id: int,
    department_name: str,
) -> dict:
    """What the department change did, for generation.json.

    lines_per_order counts the lines written (after both changes); the effect on the
    week's items per order is minus the lines removed over the orders in the week's
    window, the window the weekly marts measure the week over.
    """
    week_start = department_change_week(day)
    window_start, window_end = cal.week_window(week_start)
    in_window = (day >= window_start) & (day <= window_end)
    in_week = (day >= week_start) & (day <= week_start + 6)
    orders_in_window = int(in_window.sum())
    removed = int(removed_per_order.sum())
    lines_before_change = int(lines_per_order[in_window].sum()) + removed
    items_per_order = lines_before_change / orders_in_window if orders_in_window else 0.0
    effect = -removed / orders_in_window if orders_in_window else 0.0
    return {
        "week_start": cal.to_date(week_start).isoformat(),
        "comparison_week_start": cal.to_date(week_start - 7).isoformat(),
        "window_start": cal.to_date(window_start).isoformat(),
        "window_end": cal.to_date(window_end).isoformat(),
        "department_id": department_id,
        "department_name": department_name,
        "segment": "all",
        "metric": "items_per_order",
        "direction": "down",
        "fraction_of_lines_dropped": DEPARTMENT_CHANGE_FRACTION,
        "orders_in_scope": int(in_week.sum()),
        "orders_affected": int((removed_per_order > 0).sum()),
        "lines_removed": removed,
        "department_lines_without_change": department_lines_in_week + removed,
        "active_customers_in_window": len(np.unique(user[in_window])),
        "orders_in_window": orders_in_window,
        "items_per_order_without_change": items_per_order,
        "expected_items_per_order_effect": effect,
        "relative_items_per_order_effect": effect / items_per_order if items_per_order else 0.0,
    }
