"""What a run made: the record written to generation.json and the summary printed at the end."""

import numpy as np

from . import calendar as cal
from . import planted
from .calibration import MAX_ORDERS
from .project import ANNOTATIONS_FILE, KPI_WINDOW_DAYS, SMALL_BASKET_MAX_LINES
from .request import Request


def generation_record(request: Request, orders: dict, lines: dict, department_names: list, annotations: int) -> dict:
    """What generation.json holds: the request, the dates, the planted changes' truth, the annotations written."""
    record = {
        "seed": request.seed,
        "users": request.users,
        "dated": request.dated,
        "steady": request.steady,
        "end_date": None,
        "first_order_date": None,
        "as_of": None,
        "weeks": None,
        "complete_weeks": None,
        "reported_weeks": None,
        "planted_change": None,
        "planted_department_change": None,
        "annotations": annotations,
    }
    if not request.dated:
        return record
    day = orders["day"]
    record.update(
        end_date=request.end_date.isoformat(),
        first_order_date=cal.to_date(day.min()).isoformat(),
        as_of=cal.to_date(day.max()).isoformat(),
        **cal.weeks_covered(day),
    )
    if request.planted_change:
        lines_per_order = np.bincount(lines["order_index"], minlength=len(day))
        record["planted_change"] = planted.planted_change_truth(
            orders["user_id"], day, lines_per_order, lines["removed"], orders["planted"]
        )
        department_id = department_names.index(planted.DEPARTMENT_CHANGE_NAME) + 1
        record["planted_department_change"] = planted.department_change_truth(
            orders["user_id"],
            day,
            lines_per_order,
            lines["department_removed"],
            lines["department_lines_kept"],
            department_id,
            planted.DEPARTMENT_CHANGE_NAME,
        )
    return record


def describe_dates(record: dict) -> list:
    """Summary lines about the dates, the planted changes and the annotations (dated output only)."""
    if not record["dated"]:
        return []
    described = [
        f"dates: {record['first_order_date']} to {record['as_of']} (as_of; end date {record['end_date']}), "
        f"{record['weeks']} ISO weeks, {record['complete_weeks']} complete, "
        f"{record['reported_weeks']} with a full {KPI_WINDOW_DAYS}-day window"
    ]
    change = record["planted_change"]
    if change is None:
        reason = "--steady: the steady twin" if record["steady"] else "--no-planted-change"
        described.append(f"planted change: none ({reason})")
    else:
        described.append(
            f"planted change: week of {change['week_start']} (vs {change['comparison_week_start']}), power "
            f"customers' orders lose {change['fraction_of_lines_dropped']:.0%} of their lines: "
            f"{change['orders_affected']:,} orders, {change['lines_removed']:,} lines removed; VPAC "
            f"{change['expected_vpac_effect']:+.3f} ({change['relative_vpac_effect']:+.2%}) over "
            f"{change['active_customers_in_window']:,} active customers"
        )
    department = record["planted_department_change"]
    if department is not None:
        described.append(
            f"planted department change: week of {department['week_start']} (vs "
            f"{department['comparison_week_start']}), every order loses {department['fraction_of_lines_dropped']:.0%} "
            f"of its {department['department_name']} lines: {department['orders_affected']:,} orders, "
            f"{department['lines_removed']:,} lines removed; items per order "
            f"{department['expected_items_per_order_effect']:+.3f} "
            f"({department['relative_items_per_order_effect']:+.2%}) over {department['orders_in_window']:,} orders"
        )
    if record["annotations"] is not None:
        described.append(f"annotations: {record['annotations']} rows in {ANNOTATIONS_FILE}")
    return described


def summarise(orders: dict, lines: dict, record: dict) -> str:
    """Return the end-of-run summary: sizes and shape figures to compare with the release."""
    eval_counts = np.bincount(orders["eval_code"], minlength=3)
    sizes = np.bincount(lines["order_index"], minlength=len(orders["order_id"]))
    sizes = sizes[orders["eval_code"] != 2]
    size_counts = np.bincount(sizes)
    median = int(np.searchsorted(np.cumsum(size_counts), (len(sizes) + 1) / 2))
    dow = np.bincount(orders["order_dow"], minlength=7)
    hour = np.bincount(orders["order_hour_of_day"], minlength=24)
    n_users = len(orders["n_orders"])
    return "\n".join(
        (
            f"users: {n_users:,} (with 100 orders: {np.mean(orders['n_orders'] == MAX_ORDERS):.2%}; "
            f"orders per user mean {orders['n_orders'].mean():.2f}, median {np.median(orders['n_orders']):.0f})",
            f"orders: {len(orders['order_id']):,} (prior {eval_counts[0]:,}, train {eval_counts[1]:,}, "
            f"test {eval_counts[2]:,})",
            f"lines: {len(lines['product_id']):,} over {len(sizes):,} observed orders",
            f"basket: mean {sizes.mean():.2f}, median {median}, mode {size_counts[1:].argmax() + 1}, max {sizes.max()}",
            f"small baskets (at most {SMALL_BASKET_MAX_LINES} lines): "
            f"{np.mean(sizes <= SMALL_BASKET_MAX_LINES):.1%} of observed orders",
            f"reorder rate: {lines['reordered'].mean():.4f}",
            f"peaks: day of week {dow.argmax()} ({dow.max() / dow.sum():.1%}), "
            f"hour {hour.argmax()} ({hour.max() / hour.sum():.1%})",
            *describe_dates(record),
        )
    )
