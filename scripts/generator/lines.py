"""Order lines: each line's department and product, duplicates fixed, reorders flagged."""

from collections.abc import Callable

import numpy as np

from .arrays import exclusive_cumsum, new_group, run_start, sort_by_group
from .calibration import (
    DATED_LOYALTY_FEWEST,
    DATED_LOYALTY_MOST,
    DEPARTMENT_CONCENTRATION,
    FULL_PRODUCTS,
    LOYALTY_CONCENTRATION,
    LOYALTY_FEWEST,
    LOYALTY_MOST,
    MAX_ORDERS,
    MIN_ORDERS,
    REPERTOIRE_HALF_ITEMS,
)
from .planted import DEPARTMENT_CHANGE_NAME, department_drops, planted_drops

# Rounds of fixing duplicates within an order: in the first RECOPY_ROUNDS a
# duplicate copy re-picks another earlier purchase; other duplicates, and all in
# later rounds, get a new product. What is left after DEDUP_ROUNDS is dropped.
DEDUP_ROUNDS = 6
RECOPY_ROUNDS = 2
CHUNK_USERS = 16_384  # users per chunk of line generation (bounds memory)


def resolve_pointers(pointer: np.ndarray) -> np.ndarray:
    """Follow each line's copy pointer back to its root line (pointer doubling)."""
    while True:
        jumped = pointer[pointer]
        if np.array_equal(jumped, pointer):
            return pointer
        pointer = jumped


def draw_new_products(rng: np.random.Generator, department: np.ndarray, catalog: dict) -> np.ndarray:
    """Draw a product of each given department (0-based) by popularity within it.

    `new_product_cdf` holds, per department block, department index + cumulative
    popularity share, so one search over it draws from every block at once.
    """
    # keep the target strictly below department + 1, whatever the float rounding
    target = department + rng.random(len(department)) * (1 - 1e-9)
    return catalog["product_by_block"][np.searchsorted(catalog["new_product_cdf"], target, side="right")]


def earlier_purchases(line_order: np.ndarray, user_department: np.ndarray) -> dict:
    """Index, for each line, the user's purchases in the same department in earlier orders.

    Lines sorted by (user, department, draw order) list each user's purchases in a
    department oldest first; for line i they are sorted[first[i] : first[i] + count[i]].
    """
    line, group = sort_by_group(user_department)
    group_start = run_start(new_group(group))
    order_start = run_start(new_group(group) | new_group(line_order[line]))
    first = np.empty(len(line), dtype=np.int64)
    count = np.empty(len(line), dtype=np.int64)
    first[line] = group_start
    count[line] = order_start - group_start
    return {"sorted": line, "first": first, "count": count}


def pick_earlier(rng: np.random.Generator, lines: np.ndarray, earlier: dict) -> np.ndarray:
    """Pick, for each given line, one of its earlier purchases at random (a line index)."""
    offset = np.floor(rng.random(len(lines)) * earlier["count"][lines]).astype(np.int64)
    return earlier["sorted"][earlier["first"][lines] + offset]


def draw_user_departments(
    rng: np.random.Generator, share: np.ndarray, line_user: np.ndarray, n_users: int
) -> np.ndarray:
    """Draw each line's department from its user's own department mix.

    Mixes are Dirichlet(DEPARTMENT_CONCENTRATION * published share), so on average
    they give the published shares, while e.g. pet owners buy pet food repeatedly.
    """
    mix = rng.gamma(np.maximum(DEPARTMENT_CONCENTRATION * share, 1e-3), size=(n_users, len(share))) + 1e-12
    mix = np.cumsum(mix, axis=1) / mix.sum(axis=1, keepdims=True)
    mix[:, -1] = 1.0  # each user's row ends exactly at 1
    cdf = (np.arange(n_users)[:, None] + mix).ravel()
    target = line_user + rng.random(len(line_user)) * (1 - 1e-9)  # stays inside the user's row
    return (np.searchsorted(cdf, target, side="right") % len(share)).astype(np.int32)


def draw_loyalty(rng: np.random.Generator, n_orders: np.ndarray, fewest: float, most: float) -> np.ndarray:
    """Draw each user's loyalty (0..1): Beta-distributed, higher for frequent shoppers.

    The mean rises with log(orders) from `fewest` (4 orders) to `most` (100 orders),
    and keeps falling below 4; LOYALTY_CONCENTRATION sets the spread around it.
    """
    position = np.log(n_orders / MIN_ORDERS) / np.log(MAX_ORDERS / MIN_ORDERS)
    mean = fewest + (most - fewest) * position
    return rng.beta(mean * LOYALTY_CONCENTRATION, (1 - mean) * LOYALTY_CONCENTRATION)


def draw_chunk_lines(
    rng: np.random.Generator,
    basket: np.ndarray,
    order_user: np.ndarray,
    n_users: int,
    catalog: dict,
    loyalty_range: tuple,
    loyalty_orders: np.ndarray,
) -> dict:
    """Draw the lines of one chunk of users (orders sorted by user, order_number).

    Each line gets a department from its user's mix; it then copies the product of a
    random earlier purchase of the user in that department with chance
    loyalty * H / (H + REPERTOIRE_HALF_ITEMS) * the department's propensity, H =
    items the user bought before; otherwise it draws a new product by popularity.
    Loyalty rises with loyalty_orders, each user's number of orders. Returns the
    lines (grouped by order) as a dict of arrays.
    """
    line_order = np.repeat(np.arange(len(basket), dtype=np.int64), basket)
    items_before = exclusive_cumsum(basket)  # chunk-wide items bought before each order
    user_start = np.searchsorted(order_user, np.arange(n_users))
    history = items_before - items_before[user_start][order_user]  # this user's earlier items
    line_user = order_user[line_order].astype(np.int64)

    department = draw_user_departments(rng, catalog["department_share"], line_user, n_users)
    earlier = earlier_purchases(line_order, line_user * len(catalog["department_share"]) + department)
    loyalty = draw_loyalty(rng, loyalty_orders, *loyalty_range)[order_user]
    copy_chance = (loyalty * history / (history + REPERTOIRE_HALF_ITEMS))[line_order] * catalog["copy_propensity"][
        department
    ]
    is_copy = (rng.random(len(line_order)) < copy_chance) & (earlier["count"] > 0)

    pointer = np.arange(len(line_order), dtype=np.int64)
    copies = np.flatnonzero(is_copy)
    pointer[copies] = pick_earlier(rng, copies, earlier)
    pointer = resolve_pointers(pointer)
    roots = np.flatnonzero(pointer == np.arange(len(pointer)))
    product = np.zeros(len(pointer), dtype=np.int32)
    product[roots] = draw_new_products(rng, department[roots], catalog)
    return {
        "order": line_order,
        "user": line_user,
        "department": department,
        "product": product[pointer],
        "is_copy": is_copy,
        "earlier": earlier,
    }


def duplicates_within_orders(line_order: np.ndarray, product: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Return those of the given lines (whole orders) that repeat a product earlier in their order."""
    line, order_product = sort_by_group(line_order[lines] * FULL_PRODUCTS + product[lines])
    return lines[line[~new_group(order_product)]]


def dedupe_chunk_lines(rng: np.random.Generator, lines: dict, catalog: dict) -> np.ndarray:
    """Replace products that repeat within an order; return the mask of lines to keep.

    A duplicate copy re-picks another earlier purchase (in the first RECOPY_ROUNDS
    rounds); other duplicates, and all in later rounds, get a new product of the
    same department, so department shares hold; the rare duplicate left after
    DEDUP_ROUNDS is dropped (never an order's first line).
    """
    order, product = lines["order"], lines["product"]
    checked = np.arange(len(order))
    for round_number in range(DEDUP_ROUNDS + 1):
        redo = duplicates_within_orders(order, product, checked)
        if round_number == DEDUP_ROUNDS or len(redo) == 0:
            break
        recopy = lines["is_copy"][redo] & (round_number < RECOPY_ROUNDS)
        product[redo[recopy]] = product[pick_earlier(rng, redo[recopy], lines["earlier"])]
        product[redo[~recopy]] = draw_new_products(rng, lines["department"][redo[~recopy]], catalog)
        changed = np.zeros(order[-1] + 1, dtype=bool)
        changed[order[redo]] = True
        checked = checked[changed[order[checked]]]  # only orders that changed need a new check

    keep = np.ones(len(order), dtype=bool)
    keep[redo] = False
    return keep


def number_and_flag_lines(lines: dict, keep: np.ndarray) -> tuple:
    """Return (add_to_cart_order, reordered) of the kept lines.

    add_to_cart_order runs 1..n over each order's kept lines. In kept lines sorted by
    (user, product, draw order) a line is a reorder exactly when it is not the first
    of its (user, product) run, so dropped lines never count as history.
    """
    kept = np.flatnonzero(keep)
    line, user_product = sort_by_group(lines["user"][kept] * FULL_PRODUCTS + lines["product"][kept])
    reordered = np.zeros(len(kept), dtype=np.int8)
    reordered[line] = ~new_group(user_product)
    kept_so_far = np.cumsum(keep)
    cart = kept_so_far - (kept_so_far - keep)[run_start(new_group(lines["order"]))]
    return cart[keep].astype(np.int16), reordered


def build_lines(
    orders: dict,
    catalog: dict,
    seed_sequence: np.random.SeedSequence,
    planted_seed: np.random.SeedSequence,
    department_seed: np.random.SeedSequence,
    progress: Callable[[str], None],
) -> dict:
    """Generate all order lines chunk by chunk of users.

    Returns order_index (row in `orders`), product_id, add_to_cart_order, reordered,
    grouped by order in the order of the `orders` rows, and, when `orders` has a
    planted mask, removed: lines the planted change took from each order. When it
    has a department_change mask (orders in scope), department_removed holds the
    lines that change took from each order and department_lines_kept the lines of
    the department left in those orders. Each change draws from its own seed, so the
    rest of the data is the same with or without it, but for `reordered`, which
    reads the history left after the drops. `progress` gets a line after each chunk.
    """
    n_users = len(orders["n_orders"])
    chunk_starts = range(0, n_users, CHUNK_USERS)
    seeds = seed_sequence.spawn(len(chunk_starts))
    loyalty_range = (LOYALTY_FEWEST, LOYALTY_MOST)
    if "day" in orders:
        loyalty_range = (DATED_LOYALTY_FEWEST, DATED_LOYALTY_MOST)
    # the steady twin's loyalty follows each customer's orders over their whole stay, not
    # those before the end date, which would make customers who arrived late less loyal
    loyalty_orders = orders.get("orders_in_stay", orders["n_orders"])
    planted = orders.get("planted")
    planted_seeds = planted_seed.spawn(len(chunk_starts))
    removed = np.zeros(len(orders["user_id"]), dtype=np.int16)
    department_scope = orders.get("department_change")
    department = catalog["department_names"].index(DEPARTMENT_CHANGE_NAME)
    department_seeds = department_seed.spawn(len(chunk_starts))
    department_removed = np.zeros(len(orders["user_id"]), dtype=np.int16)
    department_lines_kept = 0
    parts = []
    for seed, drop_seed, department_drop_seed, user_from in zip(seeds, planted_seeds, department_seeds, chunk_starts):
        user_to = min(user_from + CHUNK_USERS, n_users)
        order_from = orders["first_order"][user_from]
        order_to = orders["first_order"][user_to] if user_to < n_users else len(orders["user_id"])
        basket = orders["basket"][order_from:order_to].astype(np.int64)
        order_user = orders["user_id"][order_from:order_to] - 1 - user_from
        rng = np.random.default_rng(seed)
        lines = draw_chunk_lines(
            rng, basket, order_user, user_to - user_from, catalog, loyalty_range, loyalty_orders[user_from:user_to]
        )
        keep = dedupe_chunk_lines(rng, lines, catalog)
        if planted is not None:
            dropped = planted_drops(
                np.random.default_rng(drop_seed), lines["order"], keep, planted[order_from:order_to]
            )
            removed[order_from:order_to] = np.bincount(lines["order"][dropped], minlength=order_to - order_from)
            keep &= ~dropped
        if department_scope is not None:
            in_scope = department_scope[order_from:order_to]
            dropped = department_drops(
                np.random.default_rng(department_drop_seed),
                lines["order"],
                lines["department"],
                keep,
                in_scope,
                department,
            )
            department_removed[order_from:order_to] = np.bincount(
                lines["order"][dropped], minlength=order_to - order_from
            )
            keep &= ~dropped
            department_lines_kept += int((keep & in_scope[lines["order"]] & (lines["department"] == department)).sum())
        cart, reordered = number_and_flag_lines(lines, keep)
        parts.append(
            ((lines["order"][keep] + order_from).astype(np.int32), lines["product"][keep] + 1, cart, reordered)
        )
        progress(f"lines: users {user_from + 1:,}-{user_to:,}, {sum(len(p[0]) for p in parts):,} lines so far")
    return {
        "order_index": np.concatenate([p[0] for p in parts]),
        "product_id": np.concatenate([p[1] for p in parts]).astype(np.int32),
        "add_to_cart_order": np.concatenate([p[2] for p in parts]),
        "reordered": np.concatenate([p[3] for p in parts]),
        "removed": removed,
        "department_removed": department_removed,
        "department_lines_kept": department_lines_kept,
    }
