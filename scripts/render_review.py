"""Render the weekly business review (memo, dashboard, figures, playbook) from the KPI marts.

Reads only the marts of a built warehouse, opened read-only and closed before anything
is drawn, and refuses a warehouse whose latest build failed or did not finish unless told.
Everything is written into a temporary folder inside the output folder and moved in at the
end, together or not at all, so the output folder always holds one complete review; files of an earlier render
that this one did not write are removed (only the renderer's own names). Run `dbt build` first.
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # write nothing outside the output folder, not even __pycache__

from review.export import CHROME_HOWTO, OutputPathError, find_chrome, inside, start_pngs  # noqa: E402
from review.pages import csv_exports, render_dashboard, render_memo, render_playbook, review_context  # noqa: E402
from review.warehouse import WarehouseError, build_problem, read_builds, read_marts  # noqa: E402
from review.week import WeekError, pick_week  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MEMO_FILE = "weekly_business_review.md"
DASHBOARD_FILE = "dashboard.html"
PLAYBOOK_FILE = "kpi_playbook.md"
FORMATS = ("png", "html", "md")
CSV_FILES = ("flight_deck.csv", "attribution.csv", "scorecard.csv")
# Figures earlier versions of the review drew: an upgrade removes them like any stale figure.
FORMER_FIGURE_STEMS = ("executive_dashboard", "driver_waterfall", "segment_comparison", "kpi_health_grid", "trends")
EXIT_OK, EXIT_WAREHOUSE, EXIT_PNG_REQUIRED, EXIT_OUTPUT_PATH, EXIT_WEEK, EXIT_FAILED_BUILD = 0, 1, 3, 4, 5, 6
EXIT_FAIL_ON = 7

EXAMPLES = f"""
examples:
  python scripts/render_review.py
      the latest complete week: memo, dashboard.html, figures (PNG + HTML), playbook, into reports/
  python scripts/render_review.py --week 2026-11-09
      review an earlier week (any date in it)
  python scripts/render_review.py --format md --export-csv --output-dir /tmp/review
      the memo and playbook only (no browser), plus flight_deck.csv and attribution.csv
  python scripts/render_review.py --require-png --quiet
      fail (exit {EXIT_PNG_REQUIRED}) when no Chrome/Chromium can draw the PNGs; print warnings only
  python scripts/render_review.py --fail-on exception
      write the review, then exit {EXIT_FAIL_ON} when the week has an exception, so a scheduler can alert

PNG figures need Chrome or Chromium (found on PATH, or set BROWSER_PATH to one). Without one the
HTML pages and the memo are still written, with a warning saying how to install one.
The review is written into a temporary folder inside the output folder (so a mounted volume works)
and moved in at the end, together or not at all: the output folder holds one render's complete
set, and a render that fails leaves the earlier set as it was. Only the files a render writes are
replaced, or removed when this render did not write them (a PNG left from a render with a browser,
say): the memo, kpi_playbook.md, dashboard.html, the figures' PNGs (and earlier versions' figure
pages), and the CSVs. Any other file there (benchmark.json, .gitkeep, your own) is left alone. A
temporary folder left by a render that was killed is removed by the next render.

exit status:
  {EXIT_OK}  written
  {EXIT_WAREHOUSE}  the warehouse, a mart or a column is missing (run `dbt build` first)
  2  bad arguments
  {EXIT_PNG_REQUIRED}  --require-png was given and the PNGs could not be written
  {EXIT_OUTPUT_PATH}  the output folder is not writable, or an output path resolves outside it
  {EXIT_WEEK}  --week is not a complete week of the data (the message lists the weeks there are)
  {EXIT_FAILED_BUILD}  the warehouse's latest full build failed, a build after it failed or did not finish (a
     partial build cannot clear a full build's failure), or the warehouse has no record of
     its builds (built before they were recorded: run `dbt build` again); --allow-failed-build
     renders anyway, with a warning on every page and figure
  {EXIT_FAIL_ON}  --fail-on was given and the reviewed week (or the snapshot) has what it names: an exception
     of severity critical (--fail-on critical) or any exception (--fail-on exception); the review is written first
"""


def default_db_path():
    """The dev target's database: $INSTACART_DUCKDB_PATH, else warehouse/instacart.duckdb (from the project root)."""
    path = Path(os.environ.get("INSTACART_DUCKDB_PATH") or "warehouse/instacart.duckdb")
    return path if path.is_absolute() else PROJECT_ROOT / path


def formats_arg(text):
    """'png,html,md' -> ('png', 'html', 'md'), refusing unknown formats."""
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}"
        )
    return chosen


def week_arg(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="render_review.py",
        description="Render the weekly business review (memo, dashboard, figures, KPI playbook) from the KPI marts.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB warehouse to read (default: $INSTACART_DUCKDB_PATH, else warehouse/instacart.duckdb)",
    )
    parser.add_argument(
        "--output-dir",
        "--out",
        dest="out",
        type=Path,
        default=PROJECT_ROOT / "reports",
        help="folder to write into; nothing is written outside it (default: reports/)",
    )
    parser.add_argument(
        "--week",
        type=week_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="review the complete week holding this date (default: the latest complete week)",
    )
    parser.add_argument(
        "--format",
        type=formats_arg,
        default=FORMATS,
        metavar="png,html,md",
        help="what to write, comma-separated: png figures, html (dashboard.html and interactive "
        "figures), md (the memo and the playbook); default all three",
    )
    parser.add_argument("--skip-viz", action="store_true", help="the same as --format md: no figures, no browser")
    parser.add_argument(
        "--export-csv",
        action="store_true",
        help="also write the flight deck and the attribution as CSV (the scorecard on undated data)",
    )
    parser.add_argument(
        "--require-png", action="store_true", help=f"exit {EXIT_PNG_REQUIRED} when PNGs cannot be written (no browser)"
    )
    parser.add_argument(
        "--allow-failed-build",
        action="store_true",
        help="render even when the latest build failed or did not finish; every output then "
        "carries a warning saying so",
    )
    parser.add_argument(
        "--fail-on",
        choices=("critical", "exception"),
        default=None,
        help=f"after writing, exit {EXIT_FAIL_ON} when the reviewed week has a critical exception (critical) "
        "or any exception (exception): a signal in a metric's bad direction, a miss of plan or a guardrail breach",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines; warnings and errors only")
    args = parser.parse_args(argv)
    if args.skip_viz:
        args.format = ("md",)
    return args


class Progress:
    """Progress lines on stdout with the time since start, unless quiet."""

    def __init__(self, quiet):
        self.quiet = quiet
        self.started = time.perf_counter()

    def elapsed(self):
        return time.perf_counter() - self.started

    def __call__(self, message):
        if not self.quiet:
            print(f"[{self.elapsed():5.1f}s] {message}", flush=True)


def warn(message):
    print(f"warning: {message}", file=sys.stderr, flush=True)


def fail(message, code):
    print(f"error: {message}", file=sys.stderr, flush=True)
    return code


def draw(marts, week_start, context, formats, staging, progress):
    """Figures (HTML and PNG) and the dashboard into staging; returns ([figure links], dashboard name, PNGs ok)."""
    from review.charts import SCALE, SNAPSHOT_FIGURES, WEEKLY_FIGURES, build_figures

    progress("drawing figures")
    figures = build_figures(marts, week_start, context["moved"], context["warning"], context["generated"])
    titles = dict(WEEKLY_FIGURES if week_start else SNAPSHOT_FIGURES)
    links = {stem: {} for stem in figures}
    waiting = None
    if "png" in formats:
        chrome = find_chrome()
        if chrome is None:
            warn(f"no Chrome or Chromium found, so no PNG figures.\n{CHROME_HOWTO}")
        else:
            progress(f"writing PNG figures with {chrome}")
            waiting = (
                chrome,
                start_pngs([(fig, inside(staging, f"{stem}.png")) for stem, fig in figures.items()], chrome, SCALE),
            )
    dashboard = None
    if "html" in formats:
        # One page holds every figure, interactive, with plotly.js once: each figure's link points into it.
        inside(staging, DASHBOARD_FILE).write_text(render_dashboard(context, figures), encoding="utf-8")
        dashboard = DASHBOARD_FILE
        for stem in figures:
            links[stem]["html"] = f"{DASHBOARD_FILE}#figure-{stem}"
        progress(f"wrote {DASHBOARD_FILE} with {len(figures)} interactive figures")
    pngs_ok = "png" not in formats
    if waiting:
        try:
            waiting[1]()
            pngs_ok = True
            for stem in figures:
                links[stem]["png"] = f"{stem}.png"
            progress(f"wrote {len(figures)} PNG figures")
        except Exception as error:  # a browser that fails must not lose the memo
            warn(f"PNG export with {waiting[0]} failed ({type(error).__name__}: {error}).\n{CHROME_HOWTO}")
    listed = [
        {"title": titles[stem], "png": links[stem].get("png"), "html": links[stem].get("html")}
        for stem in figures
        if links[stem]
    ]
    return listed, dashboard, pngs_ok


def owned_names():
    """Every file name a render writes, so may replace or remove; nothing else in the output folder is touched."""
    from review.charts import SNAPSHOT_FIGURES, WEEKLY_FIGURES

    stems = [stem for stem, _ in WEEKLY_FIGURES + SNAPSHOT_FIGURES] + list(FORMER_FIGURE_STEMS)
    return {MEMO_FILE, PLAYBOOK_FILE, DASHBOARD_FILE, *CSV_FILES} | {
        f"{stem}.{ext}" for stem in stems for ext in ("png", "html")
    }


STAGING_PREFIX = ".render-"


def move_into_place(staging, out_dir):
    """Replace the render's files in out_dir with the staged ones, together or not at all.

    Every destination is checked before the first file moves, so a refused one (a symlink out of
    the folder) leaves the earlier set whole. The earlier files (and those of an earlier render
    that this one did not write) are moved aside into the staging folder, then the new ones in;
    if any move fails, every file moved so far goes back, so the folder holds the earlier set or
    the new one, never a mix. The staging folder is inside out_dir, so no move crosses devices.
    """
    written = sorted(path.name for path in staging.iterdir())
    destinations = {name: inside(out_dir, name) for name in written}
    replaced = [
        out_dir / name
        for name in sorted(owned_names() | set(written))
        if (out_dir / name).is_symlink() or (out_dir / name).is_file()
    ]
    aside = staging / ".earlier"
    aside.mkdir()
    moved_aside, moved_in = [], []
    try:
        for path in replaced:
            os.replace(path, aside / path.name)
            moved_aside.append(path)
        for name, destination in destinations.items():
            os.replace(staging / name, destination)
            moved_in.append((name, destination))
    except OSError:
        for name, destination in moved_in:
            os.replace(destination, staging / name)
        for path in moved_aside:
            os.replace(aside / path.name, path)
        raise


def remove_abandoned_staging(out_dir):
    """Remove the staging folders of renders that were killed (their process is gone); a running one's stays."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def render(args, marts, week_start, progress, warning):
    """Write everything into a staging folder inside the output folder, then move it in."""
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir.resolve()))
    try:
        context = review_context(marts, week_start, warning)
        figures, dashboard, pngs_ok = ([], None, True)
        if "png" in args.format or "html" in args.format:
            figures, dashboard, pngs_ok = draw(marts, week_start, context, args.format, staging, progress)
        if "md" in args.format:
            inside(staging, MEMO_FILE).write_text(render_memo(context, figures, dashboard), encoding="utf-8")
            inside(staging, PLAYBOOK_FILE).write_text(
                render_playbook(marts, week_start, warning, context["generated"]), encoding="utf-8"
            )
            progress(f"wrote {MEMO_FILE} and {PLAYBOOK_FILE}")
        if args.export_csv:
            for name, text in csv_exports(marts, week_start, warning, context["generated"]).items():
                inside(staging, name).write_text(text, encoding="utf-8")
            progress("wrote the CSV exports")
        move_into_place(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return pngs_ok


def main(argv=None):
    args = parse_args(argv)
    progress = Progress(args.quiet)
    db_path = args.db or default_db_path()
    progress(f"reading marts from {db_path}")
    try:
        problem = build_problem(read_builds(db_path), db_path)
        if problem and not args.allow_failed_build:
            return fail(f"{problem} (--allow-failed-build renders anyway, marked as such)", EXIT_FAILED_BUILD)
        marts = read_marts(db_path)
    except WarehouseError as error:
        return fail(str(error), EXIT_WAREHOUSE)
    warning = None
    if problem:
        warning = f"rendered from a failed or unfinished build: {problem}"
        warn(warning)
    try:
        week_start = pick_week(marts, args.week)
    except WeekError as error:
        return fail(str(error), EXIT_WEEK)
    progress(
        f"read {len(marts)} marts; warehouse closed; "
        + (f"reviewing the week of {week_start}" if week_start else "no dated weeks: a snapshot review")
    )
    try:
        pngs_ok = render(args, marts, week_start, progress, warning)
    except (OutputPathError, OSError) as error:
        return fail(f"cannot write into {args.out}: {error}", EXIT_OUTPUT_PATH)
    progress(f"done in {progress.elapsed():.1f}s: {args.out.resolve()}")
    if args.require_png and "png" in args.format and not pngs_ok:
        return fail("--require-png was given and the PNG figures were not written", EXIT_PNG_REQUIRED)
    found = failing_exceptions(marts, week_start, args.fail_on)
    if found:
        subjects = "; ".join(f"{row['subject']} ({row['kind']}, {row['severity']})" for row in found)
        return fail(f"--fail-on {args.fail_on}: the review has {len(found)}: {subjects}", EXIT_FAIL_ON)
    return EXIT_OK


def failing_exceptions(marts, week_start, fail_on):
    """The reviewed week's exceptions that --fail-on names (none without the flag)."""
    if fail_on is None:
        return []
    rows = [row for row in marts["kpi_exceptions"] if row["week_start"] == week_start]
    return [row for row in rows if fail_on == "exception" or row["severity"] == "critical"]


if __name__ == "__main__":
    sys.exit(main())
