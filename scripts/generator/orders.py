"""Orders: how many each user places, when, and how large each basket is."""

import numpy as np

from . import calendar as cal
from . import planted
from .arrays import draw_categories, exclusive_cumsum, shares, sort_by_group
from .calibration import (
    BASKET_COUNTS_1_TO_10,
    BASKET_OBSERVED_ORDERS,
    BASKET_TAIL_A,
    BASKET_TAIL_B,
    BASKET_TAIL_EPS,
    BASKET_TAIL_SCALE,
    BASKET_USER_VARIANCE_SHARE,
    DAYS_HABIT,
    DAYS_ORDERS,
    DOW_HABIT,
    DOW_ORDERS,
    FULL_TEST_USERS,
    FULL_USERS,
    HOUR_HABIT,
    HOUR_ORDERS,
    MAX_BASKET,
    MAX_ORDERS,
    MIN_ORDERS,
    ORDER_ID_SPACE,
    ORDERS_PER_USER_DECAY,
    ORDERS_PER_USER_OFFSET,
    ORDERS_PER_USER_PILEUP,
    ORDERS_PER_USER_POWER,
    TRAIN_BASKET_SHIFT,
)
from .request import Request


def orders_per_user_distribution() -> np.ndarray:
    """Probabilities of 4..100 orders per user (heavy tail, pile-up at 100)."""
    n = np.arange(MIN_ORDERS, 2_000, dtype=np.float64)
    offset = n - MIN_ORDERS
    weight = (offset + ORDERS_PER_USER_OFFSET) ** -ORDERS_PER_USER_POWER * np.exp(-offset / ORDERS_PER_USER_DECAY)
    last = MAX_ORDERS - MIN_ORDERS
    probabilities = weight[: last + 1].copy()
    probabilities[last] = ORDERS_PER_USER_PILEUP * weight[last:].sum()
    return probabilities / probabilities.sum()


def basket_size_distribution() -> np.ndarray:
    """Probabilities of basket sizes 1..MAX_BASKET: published head, fitted tail."""
    head = np.asarray(BASKET_COUNTS_1_TO_10, dtype=np.float64) / BASKET_OBSERVED_ORDERS
    beyond = np.arange(11, MAX_BASKET + 1) - 10.0
    tail = np.exp(-BASKET_TAIL_A * beyond**BASKET_TAIL_B) + BASKET_TAIL_EPS * np.exp(-beyond / BASKET_TAIL_SCALE)
    tail *= (1.0 - head.sum()) / tail.sum()
    return np.concatenate((head, tail))


def draw_habitual(
    rng: np.random.Generator, probabilities: np.ndarray, owner: np.ndarray, n_owners: int, habit: float
) -> np.ndarray:
    """Draw one value per row; with chance `habit` reuse the owner's habitual value.

    Both the habitual and the fresh values follow `probabilities`, so the marginal
    distribution is exactly the published one.
    """
    habitual = draw_categories(rng, probabilities, n_owners)[owner]
    fresh = draw_categories(rng, probabilities, len(owner))
    return np.where(rng.random(len(owner)) < habit, habitual, fresh)


def draw_basket_sizes(
    rng: np.random.Generator,
    owner: np.ndarray,
    n_owners: int,
    shift: np.ndarray,
    user_share: float = BASKET_USER_VARIANCE_SHARE,
) -> np.ndarray:
    """Draw basket sizes with the published distribution and a per-user tendency.

    A latent score (user part + order part + shift) is ranked across all orders and
    the rank mapped through the size distribution's inverse CDF (a rank copula);
    user_share is the user part's share of its variance.
    """
    user_part = rng.standard_normal(n_owners)[owner]
    latent = np.sqrt(user_share) * user_part + np.sqrt(1 - user_share) * rng.standard_normal(len(owner)) + shift
    scaled = (latent - latent.min()) / (np.ptp(latent) + 1e-12) * 2.0**36  # monotone, integral
    uniform = np.empty(len(owner))
    uniform[sort_by_group(scaled.astype(np.int64))[0]] = (np.arange(len(owner)) + 0.5) / len(owner)
    cdf = np.cumsum(basket_size_distribution())
    return (np.searchsorted(cdf / cdf[-1], uniform, side="right") + 1).astype(np.int16)


def build_orders(rng: np.random.Generator, n_users: int) -> dict:
    """Draw users' order histories: one row per order, sorted by user and order_number.

    Columns: user_id, order_number, eval_code (0 prior, 1 train, 2 test), order_dow,
    order_hour_of_day, days (-1 on first orders), order_id, basket (0 for test).
    """
    n_orders = (draw_categories(rng, orders_per_user_distribution(), n_users) + MIN_ORDERS).astype(np.int32)
    is_test = np.zeros(n_users, dtype=bool)
    is_test[rng.choice(n_users, size=round(n_users * FULL_TEST_USERS / FULL_USERS), replace=False)] = True

    user_index = np.repeat(np.arange(n_users, dtype=np.int32), n_orders)
    first_order = np.concatenate(([0], np.cumsum(n_orders)[:-1]))
    order_number = (np.arange(len(user_index)) - first_order[user_index] + 1).astype(np.int16)
    is_last = order_number == n_orders[user_index]
    eval_code = np.where(is_last, np.where(is_test[user_index], 2, 1), 0).astype(np.int8)

    days = draw_habitual(rng, shares(DAYS_ORDERS), user_index, n_users, DAYS_HABIT).astype(np.int8)
    days[order_number == 1] = -1
    observed = eval_code != 2
    basket = np.zeros(len(user_index), dtype=np.int16)
    basket[observed] = draw_basket_sizes(
        rng, user_index[observed], n_users, np.where(eval_code[observed] == 1, TRAIN_BASKET_SHIFT, 0.0)
    )
    id_space = max(ORDER_ID_SPACE, len(user_index))
    return {
        "user_id": user_index + 1,
        "order_number": order_number,
        "eval_code": eval_code,
        "order_dow": draw_habitual(rng, shares(DOW_ORDERS), user_index, n_users, DOW_HABIT).astype(np.int8),
        "order_hour_of_day": draw_habitual(rng, shares(HOUR_ORDERS), user_index, n_users, HOUR_HABIT).astype(np.int8),
        "days": days,
        "order_id": (rng.choice(id_space, size=len(user_index), replace=False) + 1).astype(np.int32),
        "basket": basket,
        "first_order": first_order,
        "n_orders": n_orders,
    }


def build_dated_orders(
    rng: np.random.Generator, n_users: int, end_day: int, steady_rng: np.random.Generator | None = None
) -> dict:
    """Draw users' dated order histories over the period ending on end_day.

    Same columns as build_orders plus day (days from 1970-01-01). order_dow is the
    date's weekday, days the gap to the user's previous order capped at 30, the last
    order of each user train and the others prior; same-day orders follow their hour.
    Order ids run 1..n in order of date and hour, like a live order log.
    With steady_rng, the customers are the steady twin's (calendar.simulate_steady_order_days)
    and orders_in_stay holds each one's orders over their whole stay.
    """
    extra = {}
    if steady_rng is None:
        user_index, day = cal.simulate_order_days(rng, n_users, end_day, shares(DOW_ORDERS), MAX_ORDERS)
    else:
        user_index, day, extra["orders_in_stay"] = cal.simulate_steady_order_days(
            rng, steady_rng, n_users, end_day, shares(DOW_ORDERS), MAX_ORDERS
        )
    user_index = user_index.astype(np.int32)
    hour = draw_habitual(rng, shares(HOUR_ORDERS), user_index, n_users, HOUR_HABIT).astype(np.int8)
    by_user_and_time = np.lexsort((hour, day, user_index))
    user_index, day, hour = user_index[by_user_and_time], day[by_user_and_time], hour[by_user_and_time]

    n_orders = np.bincount(user_index, minlength=n_users).astype(np.int32)
    first_order = exclusive_cumsum(n_orders)
    order_number = (np.arange(len(user_index)) - first_order[user_index] + 1).astype(np.int16)
    days = np.minimum(np.diff(day, prepend=day[0]), 30).astype(np.int8)
    days[order_number == 1] = -1
    # The steady twin's customers have no habitual basket size: as the same customers come
    # back week after week, the mix of habits among a week's customers wanders slowly, and
    # that wander reads as runs of weeks above or below the centre.
    user_share = 0.0 if steady_rng is not None else BASKET_USER_VARIANCE_SHARE
    basket = draw_basket_sizes(rng, user_index, n_users, np.zeros(len(user_index)), user_share)
    order_id = np.empty(len(day), dtype=np.int32)
    order_id[np.lexsort((rng.random(len(day)), hour, day))] = np.arange(1, len(day) + 1)
    return {
        "user_id": user_index + 1,
        "order_number": order_number,
        "eval_code": (order_number == n_orders[user_index]).astype(np.int8),
        "order_dow": cal.weekday_sunday_zero(day).astype(np.int8),
        "order_hour_of_day": hour,
        "days": days,
        "order_id": order_id,
        "basket": basket,
        "first_order": first_order,
        "n_orders": n_orders,
        "day": day.astype(np.int32),
        **extra,
    }


def build_all_orders(rng: np.random.Generator, request: Request, steady_seed: np.random.SeedSequence) -> dict:
    """Draw the orders the request asks for; dated ones carry the planted changes' masks."""
    if not request.dated:
        return build_orders(rng, request.users)
    steady_rng = np.random.default_rng(steady_seed) if request.steady else None
    orders = build_dated_orders(rng, request.users, cal.day_number(request.end_date), steady_rng)
    if request.planted_change:
        orders["planted"] = planted.planted_orders(orders["user_id"] - 1, orders["day"], request.users)
        orders["department_change"] = planted.department_change_orders(orders["day"])
    else:
        orders["planted"] = np.zeros(len(orders["day"]), dtype=bool)
    return orders
