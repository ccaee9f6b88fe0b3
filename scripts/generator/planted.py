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
