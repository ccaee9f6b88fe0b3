"""annotations.csv: events and owners' comments beside the dated data, context for the review.

Ordinary events of a grocery business, each also a year (and two years) earlier where
the data reaches, so a chart can show last year's events beside the same week last year:
US public holidays and a yearly promotion. A few owners' comments go with them. None
has any effect on the data, and none describes a planted change: the analysis has to
find those itself. Dates depend on the calendar only, not on the seed.
"""

import datetime as dt

from . import calendar as cal
from .project import seed_rows

HEADER = ["date", "metric", "kind", "author", "text"]
CALENDAR = "Marketing calendar"
# The latest promotion starts this many weeks before the latest complete week: outside the
# windows of the planted weeks and of the weeks they are compared with (up to 28 days long).
PROMOTION_WEEKS_BACK = 10
YEAR_DAYS = 364  # the same week last year: weekdays align


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def holiday_rows(first: dt.date, last: dt.date) -> list[list]:
    """US public holidays (Independence Day, Thanksgiving) of every year between first and last."""
    rows = []
    for year in range(first.year, last.year + 1):
        rows.append([dt.date(year, 7, 4), "all", "event", CALENDAR, "Independence Day (US public holiday)"])
        rows.append(
            [
                thanksgiving(year),
                "all",
                "event",
                CALENDAR,
                "US Thanksgiving (public holiday): stores and couriers on holiday hours",
            ]
        )
    return rows


def promotion_rows(latest_week: dt.date) -> list[list]:
    """The yearly pantry promotion: the latest one, the same week a year and two years before, and comments."""
    start = latest_week - dt.timedelta(days=7 * PROMOTION_WEEKS_BACK)
    rows = []
    for years_back in range(3):
        monday = start - dt.timedelta(days=YEAR_DAYS * years_back)
        rows.append([monday, "all", "event", CALENDAR, "Pantry promotion: 15% off pantry staples, Monday to Sunday"])
        rows.append(
            [
                monday,
                "items_per_order",
                "comment",
                "Basket Growth Lead",
                'Promotion week: pantry lines are on offer, the "add a staple" banner runs in checkout.',
            ]
        )
    rows.append(
        [
            start + dt.timedelta(days=2),
            "small_basket_share",
            "comment",
            "Marketplace Economics Lead",
            "Delivery fee and the small-basket threshold unchanged during the promotion",
        ]
    )
    return rows


def annotation_rows(day_first: int, day_last: int) -> list[list]:
    """The annotations dated within [day_first, day_last] (day numbers), sorted by date, as CSV rows."""
    first, last = cal.to_date(day_first), cal.to_date(day_last)
    latest_week = cal.to_date(cal.latest_complete_week(day_last))
    rows = holiday_rows(first, last) + promotion_rows(latest_week)
    metric_ids = {row["metric_id"] for row in seed_rows("metric_definitions")} | {"all"}
    unknown = {row[1] for row in rows} - metric_ids
    if unknown:
        raise ValueError(f"annotations name metrics that seed metric_definitions does not hold: {sorted(unknown)}")
    in_range = [row for row in rows if first <= row[0] <= last]
    in_range.sort(key=lambda row: (row[0], row[2] != "event", row[1]))  # a day's events before its comments
    return [[row[0].isoformat(), *row[1:]] for row in in_range]
