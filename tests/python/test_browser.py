"""The dashboard and the docs site in a real browser: headless Chromium (the system's, driven
by Playwright; nothing downloaded). Marked `browser`: `make test` runs them when Chromium
is there (it installs Debian's chromium when it can) and reports them skipped when not.
"""

import contextlib
import functools
import http.server
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, run_dbt

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from review.export import find_chrome  # noqa: E402
from review.formatting import fmt_value  # noqa: E402
from screenshot_dashboard import CHROMIUM_ARGS  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chrome() is None, reason="no Chrome or Chromium (make test installs Debian's chromium)"),
]
NOT_BLANK_BYTES = 30_000  # a blank 1600x1000 PNG is a few kB; a drawn page is far more


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=find_chrome(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def dashboard(dated_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser_review")
    result = subprocess.run(
        [
            sys.executable,
            "scripts/render_review.py",
            "--db",
            str(dated_warehouse),
            "--output-dir",
            str(out),
            "--format",
            "html",
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out / "dashboard.html"


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def test_the_dashboard_draws_every_chart_without_errors(browser, dashboard, dated_warehouse, tmp_path):
    page, errors = open_page(browser, dashboard.resolve().as_uri())
    page.wait_for_function("Array.from(document.querySelectorAll('.js-plotly-plot')).every(p => p._fullLayout)")
    charts = page.evaluate("""Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => ({
        id: plot.id,
        points: plot.data.reduce((n, trace) => n + ((trace.x || trace.y || []).length), 0),
        drawn: plot.querySelectorAll('.point, .bars path, .scatterlayer path.js-line, .waterfall path').length
    }))""")
    assert len(charts) == 6
    for chart in charts:
        assert chart["points"] > 0 and chart["drawn"] > 0, chart
    assert errors == []
    vpac = page.inner_text('tr[data-metric="vpac"] td.value')
    with duckdb.connect(str(dated_warehouse), read_only=True) as con:
        mart = con.sql(
            "select this_week_value from kpi_weekly_scorecard where is_latest_complete_week and metric_id = 'vpac'"
        ).fetchone()[0]
    assert vpac == fmt_value(mart, "items per customer")
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > NOT_BLANK_BYTES
    page.close()


def test_hover_shows_the_owner_and_the_verdict(browser, dashboard):
    page, _ = open_page(browser, dashboard.resolve().as_uri())
    page.wait_for_function(
        "document.getElementById('figure-six_twelve') && document.getElementById('figure-six_twelve')._fullLayout"
    )
    templates = page.evaluate("document.getElementById('figure-six_twelve').data.map(t => t.hovertemplate || '')")
    assert any("owner: Head of Growth" in text and "guardrail:" in text for text in templates)
    page.close()


@pytest.mark.parametrize("width", [1400, 900])
def test_the_dashboard_fits_the_window_without_sideways_scroll(browser, dashboard, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(dashboard.resolve().as_uri())
    page.wait_for_function("Array.from(document.querySelectorAll('.js-plotly-plot')).every(p => p._fullLayout)")
    page_width, window_width, widest = page.evaluate(
        """[document.documentElement.scrollWidth, window.innerWidth,
            Math.max(...Array.from(document.querySelectorAll('.js-plotly-plot, table, h1, p'))
                .map(e => e.getBoundingClientRect().right))]"""
    )
    assert page_width <= window_width and widest <= window_width, (page_width, window_width, widest)
    page.close()


def test_the_reports_folder_holds_plotly_once_and_stays_small(dashboard):
    folder = dashboard.parent
    scripts = [path.name for path in folder.iterdir() if "Plotly" in path.read_text(errors="ignore")[:2_000_000]]
    assert scripts == ["dashboard.html"], scripts
    assert sum(path.stat().st_size for path in folder.iterdir()) < 8_000_000


@contextlib.contextmanager
def served(folder):
    """Serve a folder on a free loopback port; yields the base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def test_the_docs_site_shows_vpac_formula_owner_plan_and_limits(browser, dated_dataset, dated_warehouse, tmp_path):
    run_dbt(["docs", "generate"], dated_dataset, dated_warehouse, tmp_path)
    with served(Path(tmp_path) / "target") as base:
        page, errors = open_page(browser, f"{base}/#!/model/model.instacart_kpis.kpi_north_star")
        page.wait_for_function("document.body.innerText.includes('items / active customers')", timeout=30_000)
        text = page.inner_text("body")
        assert "items / active customers" in text  # the formula (doc block metric_vpac)
        assert "Head of Growth" in text  # the owner, written from the seed
        assert "same week last year" in text and "Natural limits" in text  # the plan and limits, from the seeds
        shot = tmp_path / "docs.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > NOT_BLANK_BYTES
        page.close()
