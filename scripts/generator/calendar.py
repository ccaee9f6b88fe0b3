"""Calendar time for the dated output: when each customer orders, and the week arithmetic.

A business simulated over PERIOD_WEEKS weeks ending on the end date. Customers arrive
throughout the period (more of them as it goes on), each with a habitual interval
between orders (a good share weekly), some jitter around it, occasional lapses of a
month or more, and a chance of leaving after each order. Each order is then moved by
at most three days to a weekday drawn from the release's weekday mix, so the weekday
shares match the release while weekly shoppers keep their own day.

Also here: the project's week definitions (docs/architecture.md), used to place the
planted change and to describe the dates in generation.json. Days are integers
counted from 1970-01-01 throughout.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calibration import (
    ARRIVAL_GROWTH,
    CHURN_MEDIAN,
    CHURN_SPREAD,
    FIRST_ORDER_CHURN,
    LAPSE_CHANCE,
    LAPSE_MEAN_DAYS,
    LAPSE_MIN_DAYS,
    RHYTHM_DAYS,
    RHYTHM_HABIT,
    RHYTHM_SHARES,
    RHYTHM_SPREAD,
    WEEKDAY_HABIT,
)
from .project import KPI_WINDOW_DAYS

EPOCH = dt.date(1970, 1, 1)  # a Thursday
DEFAULT_END_DATE = dt.date(2026, 11, 28)  # a Saturday: the week holding it is incomplete
EARLIEST_DATE = dt.date(2000, 1, 1)  # no order is dated before it
PERIOD_WEEKS = 156  # three years: long enough for weekly shoppers to reach 100 orders
PERIOD_DAYS = PERIOD_WEEKS * 7
MAX_WEEKDAY_SHIFT = 3  # an order moves at most this many days to land on its weekday
# The steady twin's customers stay at most this long after arriving: short enough that
# by the period's last 78 weeks every customer of an age arrived within the period.
STEADY_STAY_DAYS = 490


def day_number(date: dt.date) -> int:
    """Days from 1970-01-01 to `date`."""
    return (date - EPOCH).days


def to_date(day: int) -> dt.date:
    """The date `day` days after 1970-01-01."""
    return EPOCH + dt.timedelta(days=int(day))


def weekday_sunday_zero(day):
    """Weekday of day numbers with 0 = Sunday .. 6 = Saturday (the release's order_dow)."""
    return (day + 4) % 7


def week_monday(day):
    """Monday of the ISO week holding each day number."""
    return day - (day + 3) % 7


def first_period_day(end_day: int) -> int:
    """First day of the simulated period that ends on end_day."""
    return end_day - PERIOD_DAYS + 1


def earliest_end_date() -> dt.date:
    """Earliest end date whose period (and weekday moves) stays on or after EARLIEST_DATE."""
    return EARLIEST_DATE + dt.timedelta(days=PERIOD_DAYS - 1 + MAX_WEEKDAY_SHIFT)


def draw_arrivals(rng: np.random.Generator, n_users: int, first_day: int) -> np.ndarray:
    """Draw each customer's first day; arrivals per day grow ARRIVAL_GROWTH-fold over the period."""
    growth = np.log(ARRIVAL_GROWTH)
    position = np.log1p(rng.random(n_users) * (ARRIVAL_GROWTH - 1)) / growth  # inverse CDF of exp growth
    return first_day + np.minimum(np.floor(position * PERIOD_DAYS), PERIOD_DAYS - 1).astype(np.int64)


def draw_gaps(rng: np.random.Generator, interval: np.ndarray) -> np.ndarray:
    """Draw the days to each customer's next order: habitual, jittered, or with a lapse."""
    jittered = np.maximum(1, np.rint(interval * np.exp(rng.normal(0.0, RHYTHM_SPREAD, len(interval)))))
    gap = np.where(rng.random(len(interval)) < RHYTHM_HABIT, interval, jittered).astype(np.int64)
    lapse = rng.random(len(interval)) < LAPSE_CHANCE
    gap[lapse] += LAPSE_MIN_DAYS + np.floor(rng.exponential(LAPSE_MEAN_DAYS, int(lapse.sum()))).astype(np.int64)
    return gap


def simulate_rhythms(
    rng: np.random.Generator, arrival: np.ndarray, interval: np.ndarray, churn: np.ndarray, last_day
) -> tuple:
    """Step every customer from order to order until they leave or pass last_day (a day or one per customer).

    Returns (user index, day) of every order, in the order they were drawn, and
    (user index, day) of each next order that fell after last_day: customers still there.
    """
    last_day = np.broadcast_to(last_day, arrival.shape)
    active = np.arange(len(arrival))
    day = arrival.copy()
    users, days, after_users, after_days = [active], [day], [], []
    leave_chance = np.full(len(active), FIRST_ORDER_CHURN)
    while len(active):
        stays = rng.random(len(active)) >= leave_chance
        active, day = active[stays], day[stays]
        day = day + draw_gaps(rng, interval[active])
        in_period = day <= last_day[active]
        after_users.append(active[~in_period])
        after_days.append(day[~in_period])
        active, day = active[in_period], day[in_period]
        users.append(active)
        days.append(day)
        leave_chance = churn[active]
    return np.concatenate(users), np.concatenate(days), np.concatenate(after_users), np.concatenate(after_days)


def move_to_weekdays(
    rng: np.random.Generator, user: np.ndarray, day: np.ndarray, interval: np.ndarray, weekday_shares: np.ndarray
) -> np.ndarray:
    """Move each order by -3..+3 days to the weekday it is drawn to fall on.

    Habitual and fresh weekdays both follow weekday_shares (Sunday first), so the
    weekday mix is the release's whatever the mix of habits.
    """
    n_users = len(interval)
    habitual = rng.choice(7, size=n_users, p=weekday_shares)
    fresh = rng.choice(7, size=len(day), p=weekday_shares)
    keeps_habit = (interval[user] % 7 == 0) & (rng.random(len(day)) < WEEKDAY_HABIT)
    wanted = np.where(keeps_habit, habitual[user], fresh)
    return day + (wanted - weekday_sunday_zero(day) + MAX_WEEKDAY_SHIFT) % 7 - MAX_WEEKDAY_SHIFT


def keep_latest(user: np.ndarray, day: np.ndarray, max_orders: int) -> tuple:
    """Sort orders by (user, day) and keep each user's latest max_orders."""
    order = np.lexsort((day, user))
    user, day = user[order], day[order]
    from_end = np.bincount(user)[user] - (np.arange(len(user)) - np.searchsorted(user, user))
    keep = from_end <= max_orders
    return user[keep], day[keep]


def draw_customers(rng: np.random.Generator, n_users: int, first_day: int) -> tuple:
    """Each customer's arrival day, habitual interval and chance of leaving after an order."""
    arrival = draw_arrivals(rng, n_users, first_day)
    rhythm_shares = np.asarray(RHYTHM_SHARES) / sum(RHYTHM_SHARES)
    interval = np.asarray(RHYTHM_DAYS)[rng.choice(len(RHYTHM_DAYS), size=n_users, p=rhythm_shares)]
    churn = np.exp(rng.normal(np.log(CHURN_MEDIAN), CHURN_SPREAD, n_users))
    return arrival, interval, churn


def simulate_order_days(
    rng: np.random.Generator, n_users: int, end_day: int, weekday_shares: np.ndarray, max_orders: int
) -> tuple:
    """Draw every customer's order days over the period ending on end_day.

    Every customer orders at least once (on arrival). Returns (user index, day),
    sorted by user and day, at most max_orders (the latest) per user.
    """
    first_day = first_period_day(end_day)
    arrival, interval, churn = draw_customers(rng, n_users, first_day)
    user, day, _, _ = simulate_rhythms(rng, arrival, interval, churn, end_day + MAX_WEEKDAY_SHIFT)
    day = move_to_weekdays(rng, user, day, interval, weekday_shares)
    first_order = np.zeros(len(user), dtype=bool)
    first_order[:n_users] = True  # simulate_rhythms lists the arrivals first
    # a moved arrival stays in the period and on its weekday; other late orders never happened
    day = np.where(day < first_day, day + 7, day)
    day = np.where(first_order & (day > end_day), day - 7, day)
    in_period = day <= end_day
    return keep_latest(user[in_period], day[in_period], max_orders)


def count_orders_after(
    rng: np.random.Generator, user: np.ndarray, day: np.ndarray, arrival, interval, churn, n_users: int
) -> np.ndarray:
    """Orders each customer places from the given next orders (user, day) on, to the end of their stay."""
    after = np.bincount(user, minlength=n_users)
    active = user
    while len(active):
        stays = rng.random(len(active)) >= churn[active]
        active, day = active[stays], day[stays]
        day = day + draw_gaps(rng, interval[active])
        within_stay = day <= arrival[active] + STEADY_STAY_DAYS
        active, day = active[within_stay], day[within_stay]
        after += np.bincount(active, minlength=n_users)
    return after


def simulate_steady_order_days(
    rng: np.random.Generator,
    after_rng: np.random.Generator,
    n_users: int,
    end_day: int,
    weekday_shares: np.ndarray,
    max_orders: int,
) -> tuple:
    """The same customers as simulate_order_days, in a steady state over the period's later weeks.

    The same draws place the same arrivals, rhythms and order days; then every
    customer stays at most STEADY_STAY_DAYS after arriving and places at most
    max_orders orders (the first ones), so what a customer does depends on their
    age alone and, once every customer arrived within the period, the weekly mix
    of ages and habits no longer drifts. Returns (user index, day) sorted by user
    and day, and each customer's orders over their whole stay, after end_day
    included (drawn with after_rng), for what depends on how much they buy.
    """
    first_day = first_period_day(end_day)
    arrival, interval, churn = draw_customers(rng, n_users, first_day)
    user, drawn_day, after_user, after_day = simulate_rhythms(
        rng, arrival, interval, churn, end_day + MAX_WEEKDAY_SHIFT
    )
    day = move_to_weekdays(rng, user, drawn_day, interval, weekday_shares)
    first_order = np.zeros(len(user), dtype=bool)
    first_order[:n_users] = True  # simulate_rhythms lists the arrivals first
    day = np.where(day < first_day, day + 7, day)
    # an arrival moved past the end keeps its drawn day, so no complete week gets extra arrivals
    day = np.where(first_order & (day > end_day), drawn_day, day)
    # the stay runs from the first date written, so it keeps a prefix of each customer's orders
    first_date = np.full(n_users, end_day)
    np.minimum.at(first_date, user, day)
    in_stay = day <= first_date[user] + STEADY_STAY_DAYS
    still_there = after_day <= arrival[after_user] + STEADY_STAY_DAYS
    orders_in_stay = np.bincount(user[in_stay], minlength=n_users) + count_orders_after(
        after_rng, after_user[still_there], after_day[still_there], arrival, interval, churn, n_users
    )
    kept = in_stay & (day <= end_day)
    user, day = user[kept], day[kept]
    order = np.lexsort((day, user))
    user, day = user[order], day[order]
    first_orders = np.arange(len(user)) - np.searchsorted(user, user) < max_orders
    return user[first_orders], day[first_orders], np.minimum(orders_in_stay, max_orders)


def latest_complete_week(as_of: int) -> int:
    """Monday of the latest ISO week whose Sunday is on or before as_of."""
    return as_of - weekday_sunday_zero(as_of) - 6


def week_window(week_start: int) -> tuple:
    """(window_start, window_end) of a week: the kpi_window_days days ending on its Sunday."""
    window_end = week_start + 6
    return window_end - (KPI_WINDOW_DAYS - 1), window_end


def weeks_covered(day: np.ndarray) -> dict:
    """Count the ISO weeks from the first order's to as_of's, complete ones, and reported ones.

    Reported weeks run from the first whose window starts on or after the first order
    date through the week holding as_of.
    """
    first, as_of = int(day.min()), int(day.max())
    weeks = (week_monday(as_of) - week_monday(first)) // 7 + 1
    incomplete = int(weekday_sunday_zero(as_of) != 0)
    first_reported = week_monday(first + KPI_WINDOW_DAYS - 1)  # its window starts 0..6 days after first
    return {
        "weeks": int(weeks),
        "complete_weeks": int(weeks - incomplete),
        "reported_weeks": max(0, int((week_monday(as_of) - first_reported) // 7 + 1)),
    }
