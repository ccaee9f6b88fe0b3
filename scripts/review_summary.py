"""Say where the weekly review was written and how many exceptions its week has (the end of `make review`).

Takes render_review.py's own arguments (make passes it the same ARGS), so it names the same week,
folder and warehouse. The count is read from kpi_exceptions with the warehouse opened read-only and
closed at once; nothing is computed here that a mart does not hold.
"""

import sys
from pathlib import Path

import duckdb

from render_review import DASHBOARD_FILE, MEMO_FILE, default_db_path, parse_args  # scripts/ is on the path
from review.week import WeekError, pick_week


def exception_counts(db_path, requested_week):
    """(week_start or None for a snapshot, exceptions, critical ones) of the week the review shows."""
    with duckdb.connect(str(db_path), read_only=True) as connection:
        weeks = connection.sql("select distinct week_start, is_latest_complete_week from kpi_weekly_scorecard")
        rows = [{"week_start": week, "is_latest_complete_week": latest} for week, latest in weeks.fetchall()]
        week_start = pick_week({"kpi_weekly_scorecard": rows}, requested_week)
        total, critical = connection.execute(
            "select count(*), count(*) filter (where severity = 'critical') "
            "from kpi_exceptions where week_start is not distinct from ?",
            [week_start],
        ).fetchone()
    return week_start, total, critical


def shown(path):
    """A path as the user can type it: relative to the current folder when inside it."""
    path = path.resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv=None):
    args = parse_args(argv)
    db_path = args.db or default_db_path()
    try:
        week_start, total, critical = exception_counts(db_path, args.week)
    except (duckdb.Error, WeekError) as error:
        print(f"warning: could not count the week's exceptions in {db_path}: {error}", file=sys.stderr)
        headline = "The review is written"
    else:
        period = f"The week of {week_start}" if week_start else "The snapshot (undated data)"
        if total == 0:
            headline = f"{period} has no exceptions"
        else:
            headline = (
                f"{period} has {total} exception{'s' if total != 1 else ''} ({critical} critical); "
                "the memo lists each with its owner"
            )
    print(f"==> {headline}")
    for label, name in (("memo", MEMO_FILE), ("dashboard", DASHBOARD_FILE)):
        if (args.out / name).is_file():
            print(f"    {label + ':':<11}{shown(args.out / name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
