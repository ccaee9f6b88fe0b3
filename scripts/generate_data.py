#!/usr/bin/env python3
"""Generate synthetic Instacart-format CSVs, shaped like the real 2017 release.

Writes the six files of the public release (orders.csv, order_products__prior.csv,
order_products__train.csv, products.csv, aisles.csv, departments.csv) with exactly
its headers and value formats, plus generation.json saying how they were made. The
default run is full scale (206,209 users, ~3.4M orders, ~33.8M order lines);
calibration targets come from the release's published shape, copied into
scripts/generator/calibration.py, so nothing outside the project is read at run time.

Three shapes:
  - dated (the default): orders.csv gets an 8th column, order_date. Customers arrive
    over three years and order at their own rhythm; each user's last order is train,
    the others prior, and every order has lines. Two planted changes for the weekly
    review to find: in the latest complete week the power customers' baskets shrink,
    and five weeks earlier every order loses half its snacks lines; generation.json
    holds their truth. annotations.csv beside the files holds ordinary events
    (holidays, a promotion, each beside last year's) and owners' comments, context
    that does not touch the data and does not mention the planted changes.
  - steady (--steady): the dated data's steady twin, for checking that the weekly
    review stays quiet when nothing happens. The same customers (arrival days,
    rhythms), but each stays at most 70 weeks, places at most 100 orders and has no
    habitual basket size, so over the last 78 weeks the weekly mix of customers no
    longer drifts; no planted change.
  - undated (--undated): the release's snapshot, seven columns, 4..100 orders per
    user, a test holdout of last orders without lines.

This file is the command: its options and progress output. How the data is made is
in the generator package beside it (scripts/generator/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from generator import calendar as cal
from generator.calibration import FULL_USERS
from generator.dataset import generate
from generator.planted import (
    DEPARTMENT_CHANGE_FRACTION,
    DEPARTMENT_CHANGE_NAME,
    DEPARTMENT_CHANGE_WEEKS_BACK,
    PLANTED_FRACTION,
)
from generator.project import ANNOTATIONS_FILE, GENERATION_FILE, OUTPUT_FILES, PROJECT_ROOT
from generator.report import summarise
from generator.request import Request

__all__ = ["OUTPUT_FILES", "GENERATION_FILE", "main"]

DEFAULT_OUT = PROJECT_ROOT / "data" / "raw"
DEFAULT_SEED = 42


def iso_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date for argparse."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def parse_args(argv=None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Write synthetic Instacart-format CSVs (orders, order_products__prior/train,\n"
        "products, aisles, departments) shaped like the real 2017 release, and\n"
        "generation.json saying how they were made. Files are written to a temporary\n"
        "folder next to --out and moved in when complete.\n"
        "\n"
        "By default orders are dated: orders.csv gets an 8th column, order_date, from a\n"
        f"business simulated over {cal.PERIOD_WEEKS} weeks up to --end-date; each user's last order is\n"
        "train, the others prior. Two planted changes, recorded in generation.json: in the\n"
        f"latest complete week the power customers' orders lose {PLANTED_FRACTION:.0%} of their lines, and\n"
        f"{DEPARTMENT_CHANGE_WEEKS_BACK} weeks earlier every order loses {DEPARTMENT_CHANGE_FRACTION:.0%} of its "
        f"{DEPARTMENT_CHANGE_NAME} lines.\n"
        f"{ANNOTATIONS_FILE} beside them holds ordinary events and owners' comments (context only).\n"
        "--steady writes the same customers with no planted change and no drift.\n"
        "--undated writes the release's shape instead: seven columns, 4..100 orders per\n"
        "user, a test holdout whose baskets are unobserved.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  python scripts/generate_data.py                   # full scale, dated, into data/raw\n"
        "  python scripts/generate_data.py --users 500 --out /tmp/raw --force\n"
        "  python scripts/generate_data.py --seed 7 --quiet  # another deterministic data set\n"
        "  python scripts/generate_data.py --end-date 2025-06-30 --no-planted-change\n"
        "  python scripts/generate_data.py --steady          # the same customers, no change, no drift\n"
        "  python scripts/generate_data.py --undated         # the release's shape: no dates\n"
        "\nThe same seed and arguments always give byte-identical files.",
    )
    parser.add_argument(
        "--users",
        type=int,
        default=FULL_USERS,
        help=f"number of users (default {FULL_USERS:,}, the full release); "
        "products, aisles and departments stay full size",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder, created if missing (default: data/raw in the project)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files in --out")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument(
        "--end-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=f"last day of the simulated period (default {cal.DEFAULT_END_DATE}); no order is dated after it",
    )
    parser.add_argument(
        "--no-planted-change", action="store_true", help="plant neither change: every week as simulated"
    )
    parser.add_argument(
        "--steady",
        action="store_true",
        help="write the steady twin of the dated data: the same customers (arrival days, rhythms) as the "
        f"default for the seed, each staying at most {cal.STEADY_STAY_DAYS // 7} weeks, placing at most 100 "
        "orders and keeping no habitual basket size, so the weekly metrics hold steady over the last 78 "
        "weeks; no planted change",
    )
    parser.add_argument(
        "--no-annotations",
        action="store_true",
        help=f"write no {ANNOTATIONS_FILE} (dated output gets one by default: holidays, a promotion, owners' "
        "comments; context only, no effect on the data); an existing one is left as it is",
    )
    parser.add_argument(
        "--undated", action="store_true", help="write the release's undated shape (seven columns, test holdout)"
    )
    args = parser.parse_args(argv)
    if args.users < 1:
        parser.error("--users must be at least 1")
    if args.seed < 0:
        parser.error("--seed must be non-negative")
    dated_only = args.end_date is not None or args.no_planted_change or args.steady or args.no_annotations
    if args.undated and dated_only:
        parser.error(
            "--end-date, --no-planted-change, --steady and --no-annotations apply to dated output only, "
            "not with --undated"
        )
    if not args.undated:
        args.end_date = args.end_date or cal.DEFAULT_END_DATE
        if args.end_date < cal.earliest_end_date():
            parser.error(
                f"--end-date must be {cal.earliest_end_date()} or later, so that no order "
                f"is dated before {cal.EARLIEST_DATE}"
            )
    return args


def progress_printer(quiet: bool):
    """A progress callback: one line with the seconds since start to stderr, or nothing when quiet."""
    started = time.perf_counter()

    def progress(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    return progress


def main(argv=None) -> int:
    """Entry point: refuse to overwrite existing files unless --force, then generate."""
    args = parse_args(argv)
    request = Request(
        users=args.users,
        seed=args.seed,
        end_date=None if args.undated else args.end_date,
        planted_change=not (args.no_planted_change or args.steady),
        steady=args.steady,
        annotations=not args.no_annotations,
    )
    to_write = [*OUTPUT_FILES, GENERATION_FILE, *([ANNOTATIONS_FILE] if request.writes_annotations else [])]
    existing = [name for name in to_write if (args.out / name).exists()]
    if existing and not args.force:
        print(f"error: {args.out} already has {', '.join(existing)}; use --force to overwrite", file=sys.stderr)
        return 2
    orders, lines, record = generate(request, args.out, progress_printer(args.quiet))
    if not args.quiet:
        print(summarise(orders, lines, record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
