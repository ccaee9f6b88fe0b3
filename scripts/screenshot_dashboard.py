"""Take a screenshot of reports/dashboard.html in headless Chromium (for the README).

Uses Playwright for Python with the system's Chrome/Chromium (nothing is downloaded):
`make screenshot` renders the review, then runs this. The top of the page (flight deck,
what moved, actions) is what the README shows.

  python scripts/screenshot_dashboard.py                      # reports/dashboard.html -> docs/images/dashboard.png
  python scripts/screenshot_dashboard.py --page X.html --out Y.png --full-page
"""

import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True
from review.export import CHROME_HOWTO, find_chrome  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# The flags that keep Chromium quiet on a machine without a network, and as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def screenshot(page_path, out_path, full_page=False, width=1600, height=1100):
    """Open the page, wait for every plotly chart to draw, save a PNG; returns the console errors."""
    from playwright.sync_api import sync_playwright

    chrome = find_chrome()
    if chrome is None:
        raise RuntimeError(f"no Chrome or Chromium found.\n{CHROME_HOWTO}")
    errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(Path(page_path).resolve().as_uri())
            page.wait_for_function(
                "Array.from(document.querySelectorAll('.js-plotly-plot')).every(plot => plot._fullLayout)",
                timeout=30_000,
            )
            Path(out_path).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out_path), full_page=full_page)
        finally:
            browser.close()
    return errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=PROJECT_ROOT / "reports" / "dashboard.html")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "images" / "dashboard.png")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only its top")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"error: no {args.page}; run `make review` first", file=sys.stderr)
        return 1
    try:
        errors = screenshot(args.page, args.out, args.full_page)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for error in errors:
        print(f"warning: the page logged an error: {error}", file=sys.stderr)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
