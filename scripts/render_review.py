"""Render the weekly business review (memo and figures) from the KPI marts.

Reads only the marts of a built warehouse, opened read-only and closed before anything
is drawn, and writes into one output folder. Run `dbt build` first.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # write nothing outside --out, not even __pycache__

from review.export import (  # noqa: E402
    CHROME_HOWTO, OutputPathError, find_chrome, inside, start_pngs, write_html, write_text,
)
from review.memo import render_memo  # noqa: E402
from review.warehouse import WarehouseError, read_marts  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MEMO_FILE = "weekly_business_review.md"
FORMATS = ("png", "html")
EXIT_OK, EXIT_WAREHOUSE, EXIT_PNG_REQUIRED, EXIT_OUTPUT_PATH = 0, 1, 3, 4

EXAMPLES = f"""
examples:
  python scripts/render_review.py
      memo and every figure (PNG + HTML) from the dev warehouse into reports/
  python scripts/render_review.py --skip-viz
      the memo only, no figures and no browser
  python scripts/render_review.py --format html --out /tmp/review
      interactive HTML figures and the memo, into /tmp/review
  python scripts/render_review.py --db warehouse/instacart.duckdb --require-png --quiet
      fail (exit {EXIT_PNG_REQUIRED}) when no Chrome/Chromium can draw the PNGs; print warnings only

PNG figures need Chrome or Chromium (found on PATH, or set BROWSER_PATH to one). Without one the
HTML figures and the memo are still written, with a warning saying how to install one.

exit status:
  {EXIT_OK}  written
  {EXIT_WAREHOUSE}  the warehouse, a mart or a column is missing (run `dbt build` first)
  2  bad arguments
  {EXIT_PNG_REQUIRED}  --require-png was given and the PNGs could not be written
  {EXIT_OUTPUT_PATH}  --out is not writable, or an output path resolves outside it (e.g. a symlink)
"""


def default_db_path():
    """The dev target's database: $INSTACART_DUCKDB_PATH, else warehouse/instacart.duckdb.

    A relative path is taken from the project root, where dbt runs.
    """
    path = Path(os.environ.get("INSTACART_DUCKDB_PATH") or "warehouse/instacart.duckdb")
    return path if path.is_absolute() else PROJECT_ROOT / path


def formats_arg(text):
    """'png,html' -> ('png', 'html'), refusing unknown formats."""
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}"
        )
    return chosen


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="render_review.py",
        description="Render the weekly business review memo and its figures from the KPI marts.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", type=Path, default=None,
                        help="DuckDB warehouse to read (default: $INSTACART_DUCKDB_PATH, "
                             "else warehouse/instacart.duckdb in the project)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "reports",
                        help="folder to write into; nothing is written outside it (default: reports/)")
    parser.add_argument("--format", type=formats_arg, default=FORMATS, metavar="png,html",
                        help="figure formats, comma-separated (default: png,html)")
    parser.add_argument("--skip-viz", action="store_true", help="write the memo only, no figures")
    parser.add_argument("--require-png", action="store_true",
                        help=f"exit {EXIT_PNG_REQUIRED} when PNGs cannot be written (no browser)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines; warnings and errors only")
    return parser.parse_args(argv)


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


def render_figures(marts, out_dir, formats, progress):
    """Write the figures; returns ({stem: {format: file name}}, whether the PNGs were written)."""
    from review.figures import FIGURES, SCALE, build_figures  # plotly is imported only when drawing

    progress("drawing figures")
    figures = build_figures(marts)
    links = {stem: {} for stem, _ in FIGURES}
    png_export = start_png_figures(figures, out_dir, SCALE, progress) if "png" in formats else None
    if "html" in formats:
        for stem, _ in FIGURES:
            links[stem]["html"] = write_html(figures[stem], out_dir, f"{stem}.html").name
        progress(f"wrote {len(FIGURES)} interactive HTML figures")
    if "png" not in formats:
        return links, True
    pngs_written = finish_png_figures(png_export, progress)
    if pngs_written:
        for stem, _ in FIGURES:
            links[stem]["png"] = f"{stem}.png"
    return links, pngs_written


def start_png_figures(figures, out_dir, scale, progress):
    """Start the PNG export with one browser; None (with a warning) when there is no browser."""
    chrome = find_chrome()
    if chrome is None:
        warn(f"no Chrome or Chromium found, so no PNG figures.\n{CHROME_HOWTO}")
        return None
    progress(f"writing PNG figures with {chrome}")
    jobs = [(fig, inside(out_dir, f"{stem}.png")) for stem, fig in figures.items()]
    return {"chrome": chrome, "count": len(jobs), "wait": start_pngs(jobs, chrome, scale)}


def finish_png_figures(png_export, progress):
    """Wait for the PNGs; False (with a warning) when there was no browser or it failed."""
    if png_export is None:
        return False
    try:
        png_export["wait"]()
    except Exception as error:  # a browser that fails to start or render must not lose the memo
        reason = f"{type(error).__name__}: {error}"
        warn(f"PNG export with {png_export['chrome']} failed ({reason}).\n{CHROME_HOWTO}")
        return False
    progress(f"wrote {png_export['count']} PNG figures")
    return True


def figure_list(links):
    """[{title, png, html}] for the memo, in figure order; a format not written is None."""
    from review.figures import FIGURES

    return [
        {"title": title, "png": links[stem].get("png"), "html": links[stem].get("html")}
        for stem, title in FIGURES if links.get(stem)
    ]


def main(argv=None):
    args = parse_args(argv)
    progress = Progress(args.quiet)
    db_path = args.db or default_db_path()
    progress(f"reading marts from {db_path}")
    try:
        marts = read_marts(db_path)
    except WarehouseError as error:
        return fail(str(error), EXIT_WAREHOUSE)
    progress(f"read {len(marts)} marts; warehouse closed")

    out_dir = args.out
    links, pngs_written = {}, True
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not args.skip_viz:
            links, pngs_written = render_figures(marts, out_dir, args.format, progress)
        memo = render_memo(marts, figure_list(links) if links else [])
        memo_path = write_text(out_dir, MEMO_FILE, memo)
    except (OutputPathError, OSError) as error:
        return fail(f"cannot write into {out_dir}: {error}", EXIT_OUTPUT_PATH)
    progress(f"wrote {memo_path}")
    progress(f"done in {progress.elapsed():.1f}s: {out_dir.resolve()}")
    if args.require_png and not args.skip_viz and "png" in args.format and not pngs_written:
        return fail("--require-png was given and the PNG figures were not written", EXIT_PNG_REQUIRED)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
