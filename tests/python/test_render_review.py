"""scripts/render_review.py on a small warehouse built by dbt: files, images, numbers, errors.

One full render (with the browser, when there is one) is shared by the module; no other
render starts a browser, so it starts at most once per session.
"""

import math
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RENDER = PROJECT_ROOT / "scripts" / "render_review.py"
sys.path.insert(0, str(PROJECT_ROOT / "scripts"))

from conftest import run_dbt  # noqa: E402
from review.export import find_chrome  # noqa: E402
from review.formatting import (  # noqa: E402
    fmt_band, fmt_change, fmt_count, fmt_days, fmt_decimal, fmt_share, fmt_timestamp, fmt_value, lower_first,
    short_name,
)

MEMO = "weekly_business_review.md"
FIGURES = ["executive_dashboard", "metric_tree", "driver_waterfall", "segment_comparison", "kpi_health_grid"]
# Slide sizes in pixels (layout size x scale 2): 16:9 panels and a 16:9 dashboard.
PNG_SIZES = {stem: (3200, 1800) for stem in FIGURES} | {"executive_dashboard": (3840, 2160)}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NO_BROWSER = {"BROWSER_PATH": "/nonexistent/chromium"}
EXIT_WAREHOUSE, EXIT_PNG_REQUIRED, EXIT_OUTPUT_PATH = 1, 3, 4
REL_TOL = 1e-9


def render(*args, env_extra=None):
    """Run the renderer as a user would; returns the completed process."""
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, str(RENDER), *map(str, args)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def read_mart(db_path, mart):
    """All rows of one mart as dicts, read here independently of the renderer."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        columns = [row[0] for row in con.execute(f"describe main.{mart}").fetchall()]
        order = "sort_order" if "sort_order" in columns else "1"
        rows = con.execute(f"select * from main.{mart} order by {order}").fetchall()
    finally:
        con.close()
    return [dict(zip(columns, row)) for row in rows]


def copy_warehouse(db_path, tmp_path):
    """A copy of the built warehouse that a test may change."""
    copy = tmp_path / "instacart.duckdb"
    shutil.copy(db_path, copy)
    return copy


def sections(memo):
    """{'## heading' text: body} of the memo."""
    parts = re.split(r"^## ", memo, flags=re.M)
    return {part.split("\n", 1)[0].strip(): part.split("\n", 1)[1] for part in parts[1:]}


def table_rows(text):
    """Rows of the first markdown table in text, as dicts keyed by header."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    split = lambda line: [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]  # noqa: E731
    header = split(lines[0])
    return [dict(zip(header, split(line))) for line in lines[2:]]


def png_size(path):
    """(width, height) from a PNG's IHDR chunk; fails if the file is not a PNG."""
    data = Path(path).read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path.name} has no IHDR chunk first"
    return struct.unpack(">II", data[16:24])


def unbold(cell):
    return cell.replace("*", "").strip()


@pytest.fixture(scope="module")
def full_render(built_warehouse, tmp_path_factory):
    """The one render with every figure (PNG when a browser is there, and HTML)."""
    out = tmp_path_factory.mktemp("review")
    result = render("--db", built_warehouse, "--out", out)
    return result, out


@pytest.fixture(scope="module")
def memo(full_render):
    result, out = full_render
    assert result.returncode == 0, result.stderr
    return (out / MEMO).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def marts(built_warehouse):
    names = ["kpi_north_star", "kpi_metric_tree", "kpi_segments", "kpi_scorecard", "kpi_guardrails",
             "kpi_sensitivity", "kpi_scorecard_history", "kpi_metric_changes", "kpi_vpac_change",
             "fct_data_quality", "fct_rejected_rows_by_reason"]
    return {name: read_mart(built_warehouse, name) for name in names}


# ---- files


def test_full_render_writes_memo_and_every_html_figure(full_render):
    result, out = full_render
    assert result.returncode == 0, result.stderr
    assert (out / MEMO).stat().st_size > 0
    for stem in FIGURES:
        html = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert "Plotly.newPlot" in html
        assert len(html) > 1_000_000, f"{stem}.html should inline plotly.js"
        assert not re.search(r"<script[^>]+src=[\"']https?:", html), f"{stem}.html loads a web script"


def test_png_figures_are_valid_images_of_slide_size(full_render):
    result, out = full_render
    if find_chrome() is None:
        assert "apt-get install chromium" in result.stderr
        assert not list(out.glob("*.png"))
        pytest.skip("PNG checks skipped: no Chrome/Chromium here (the render warned, wrote HTML and memo)")
    for stem in FIGURES:
        assert png_size(out / f"{stem}.png") == PNG_SIZES[stem], stem


def test_memo_links_every_figure(memo):
    summary = sections(memo)["Executive summary"]
    assert "![Executive dashboard](executive_dashboard.png)" in summary or find_chrome() is None
    for stem in FIGURES:
        assert f"({stem}.html)" in summary


def test_progress_lines_name_each_step(full_render):
    result, _ = full_render
    for step in ("reading marts", "warehouse closed", "drawing figures", "HTML figures", MEMO):
        assert step in result.stdout


def test_skip_viz_writes_the_memo_only(built_warehouse, tmp_path):
    result = render("--db", built_warehouse, "--out", tmp_path, "--skip-viz", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == [MEMO]


def test_without_a_browser_html_and_memo_are_written_with_a_warning(built_warehouse, tmp_path):
    result = render("--db", built_warehouse, "--out", tmp_path, "--quiet", env_extra=NO_BROWSER)
    assert result.returncode == 0, result.stderr
    assert "apt-get install chromium" in result.stderr
    assert "plotly_get_chrome" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([MEMO] + [f"{s}.html" for s in FIGURES])


def test_require_png_makes_a_missing_browser_an_error(built_warehouse, tmp_path):
    result = render("--db", built_warehouse, "--out", tmp_path, "--format", "png", "--require-png",
                    "--quiet", env_extra=NO_BROWSER)
    assert result.returncode == EXIT_PNG_REQUIRED
    assert "--require-png" in result.stderr
    assert not list(tmp_path.glob("*.png"))


# ---- errors


@pytest.mark.parametrize("change, named", [
    ("drop table kpi_segments", "kpi_segments"),
    ("drop table kpi_metric_changes", "kpi_metric_changes"),
    ("drop table kpi_vpac_change", "kpi_vpac_change"),
    ("delete from kpi_vpac_change", "kpi_vpac_change"),
    ("alter table kpi_vpac_change drop column contribution_items_per_order", "contribution_items_per_order"),
    ("drop table fct_data_quality", "fct_data_quality"),
    ("alter table kpi_scorecard drop column owner_role", "owner_role"),
    ("delete from kpi_north_star", "kpi_north_star"),
])
def test_missing_mart_gives_a_clear_error(built_warehouse, tmp_path, change, named):
    db = copy_warehouse(built_warehouse, tmp_path)
    con = duckdb.connect(str(db))
    con.execute(change)
    con.close()
    out = tmp_path / "out"
    result = render("--db", db, "--out", out)
    assert result.returncode == EXIT_WAREHOUSE
    assert named in result.stderr
    assert "dbt build" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / MEMO).exists()


def test_missing_database_gives_a_clear_error(tmp_path):
    result = render("--db", tmp_path / "absent.duckdb", "--out", tmp_path / "out")
    assert result.returncode == EXIT_WAREHOUSE
    assert "absent.duckdb" in result.stderr and "dbt build" in result.stderr
    assert "Traceback" not in result.stderr


def test_refuses_to_write_through_a_symlink_out_of_out(built_warehouse, tmp_path):
    out, outside = tmp_path / "out", tmp_path / "elsewhere.md"
    out.mkdir()
    outside.write_text("untouched")
    (out / MEMO).symlink_to(outside)
    result = render("--db", built_warehouse, "--out", out, "--skip-viz", "--quiet")
    assert result.returncode == EXIT_OUTPUT_PATH
    assert "outside" in result.stderr
    assert outside.read_text() == "untouched"


def test_unknown_format_is_a_usage_error(built_warehouse, tmp_path):
    result = render("--db", built_warehouse, "--out", tmp_path, "--format", "gif")
    assert result.returncode == 2
    assert "gif" in result.stderr


def test_help_shows_every_option_and_examples():
    result = render("--help")
    assert result.returncode == 0
    for text in ("--db", "--out", "--quiet", "--skip-viz", "--format", "--require-png", "examples:"):
        assert text in result.stdout


# ---- the memo's numbers, parsed back and compared with the marts


def test_executive_summary_states_vpac_its_drivers_and_status(memo, marts):
    summary = sections(memo)["Executive summary"]
    vpac = next(row for row in marts["kpi_scorecard"] if row["metric_id"] == "vpac")
    assert f"**{fmt_value(vpac['value'], vpac['unit'])} {vpac['unit']}**" in summary
    assert f"status **{vpac['status'].upper()}**" in summary
    for node in marts["kpi_metric_tree"]:
        if node["parent_node_id"] == "vpac":
            value = fmt_value(node["value"], node["unit"])
            assert f"{lower_first(node['display_name'])} ({value})" in summary


def test_figures_show_the_mart_values(full_render, marts):
    """The interactive figures carry each value of the marts they draw, formatted as in the memo."""
    _, out = full_render
    tree = (out / "metric_tree.html").read_text(encoding="utf-8")
    for node in marts["kpi_metric_tree"]:
        assert fmt_value(node["value"], node["unit"]) in tree, node["node_id"]
    grid = (out / "kpi_health_grid.html").read_text(encoding="utf-8")
    for metric in marts["kpi_scorecard"]:
        assert fmt_value(metric["value"], metric["unit"]) in grid, metric["metric_id"]
    segments = (out / "segment_comparison.html").read_text(encoding="utf-8")
    for band in marts["kpi_segments"]:
        for share in ("share_of_customers", "share_of_orders", "share_of_items"):
            assert fmt_share(band[share]) in segments, (band["segment_name"], share)
        if band["vpac"] is not None:
            assert fmt_value(band["vpac"], "items per customer") in segments, band["segment_name"]


def test_driver_tree_and_sensitivity_match_the_marts(memo, marts):
    text = sections(memo)["Driver tree and sensitivity"]
    shown = dict(re.findall(r"\*\*(.+?)\*\*: (\S+)", text))
    for node in marts["kpi_metric_tree"]:
        assert shown[node["display_name"]] == fmt_value(node["value"], node["unit"])
    levers = re.findall(r"Every \+1 in (.+?) \(now (\S+)\) adds (\S+) .+?; every \+1% adds (\S+)\.", text)
    assert len(levers) == len(marts["kpi_sensitivity"])
    for (name, current, per_unit, per_percent), row in zip(levers, marts["kpi_sensitivity"]):
        assert name == lower_first(row["display_name"])
        assert current == fmt_decimal(row["current_value"])
        assert per_unit == fmt_decimal(row["vpac_gain_per_unit"])
        assert per_percent == fmt_decimal(row["vpac_gain_per_one_percent"])


def test_larger_lever_is_stated_as_a_per_unit_comparison(memo, marts):
    """+1 order per customer and +1 item per order are different units: the memo says so, with both gains."""
    text = sections(memo)["Driver tree and sensitivity"]
    drivers = {row["driver_id"]: row for row in marts["kpi_sensitivity"]}
    larger = [row for row in drivers.values() if row["is_larger_lever"]]
    assert text.count("larger lever") == len(larger)
    for row in larger:
        other = drivers[row["other_driver_id"]]
        assert row["vpac_gain_per_unit"] > other["vpac_gain_per_unit"]
        assert (f"Per unit it is **the larger lever**: its {fmt_decimal(row['vpac_gain_per_unit'])} is more than "
                f"the {fmt_decimal(other['vpac_gain_per_unit'])} that +1 in {lower_first(other['display_name'])} "
                "adds, though the units differ and +1% of either adds the same.") in text


def test_segment_table_matches_kpi_segments(memo, marts):
    rows = table_rows(sections(memo)["Segments"])
    segments = marts["kpi_segments"]
    assert len(rows) == len(segments)
    for row, segment in zip(rows, segments):
        band = fmt_band(segment["min_observed_orders"], segment["max_observed_orders"])
        assert row["Observed orders"] == band
        assert row["Customers"] == fmt_count(segment["customers"])
        for column in ("share_of_customers", "share_of_orders", "share_of_items"):
            assert row[column.replace("_", " ").capitalize()] == fmt_share(segment[column])
        assert row["Orders per customer"] == fmt_decimal(segment["orders_per_customer"])
        assert row["Items per order"] == fmt_decimal(segment["items_per_order"])
        assert row["VPAC"] == fmt_decimal(segment["vpac"])
        assert row["Contribution to VPAC"] == fmt_decimal(segment["contribution_to_vpac"])


def test_segment_insight_quotes_the_top_band(memo, marts):
    text = sections(memo)["Segments"]
    top = max((s for s in marts["kpi_segments"] if s["customers"]), key=lambda s: s["sort_order"])
    if top["share_of_orders"] > top["share_of_customers"]:
        assert (f"are {fmt_share(top['share_of_customers'])} of customers but place "
                f"{fmt_share(top['share_of_orders'])} of orders") in text


def test_guardrail_table_matches_kpi_guardrails(memo, marts):
    rows = table_rows(sections(memo)["Guardrails"])
    guardrails = marts["kpi_guardrails"]
    assert [row["Guardrail"] for row in rows] == [g["display_name"] for g in guardrails]
    for row, guardrail in zip(rows, guardrails):
        # A value exactly at a threshold is breached, so the rule reads "at or below" / "at or above".
        side = "at or below" if guardrail["direction"] == "higher_is_better" else "at or above"
        assert row["Owner"] == guardrail["owner_role"]
        assert row["Value"] == fmt_value(guardrail["value"], guardrail["unit"])
        assert row["Warn if"] == f"{side} {fmt_value(guardrail['warn_threshold'], guardrail['unit'])}"
        assert row["Critical if"] == f"{side} {fmt_value(guardrail['critical_threshold'], guardrail['unit'])}"
        assert unbold(row["Status"]) == guardrail["status"].upper()


def test_data_notes_match_fct_data_quality(memo, marts):
    rows = table_rows(sections(memo)["Data notes"])
    files = marts["fct_data_quality"]
    assert [row["Source file"] for row in rows] == [f["source_file"] for f in files]
    for row, source in zip(rows, files):
        assert row["Raw rows"] == fmt_count(source["raw_rows"])
        assert row["Staged rows"] == fmt_count(source["staged_rows"])
        assert row["Rejected rows"] == fmt_count(source["rejected_rows"])
        assert row["Rejected share"] == fmt_share(source["rejected_share"])
        assert row["Status"] == source["status"].upper()
    assert str(marts["kpi_north_star"][0]["as_of_date"]) in sections(memo)["Data notes"]


def test_one_build_is_called_a_baseline(memo, marts):
    assert len({row["invocation_id"] for row in marts["kpi_scorecard_history"]}) == 1
    assert marts["kpi_metric_changes"] and not any(row["has_previous_run"] for row in marts["kpi_metric_changes"])
    (vpac_change,) = marts["kpi_vpac_change"]
    assert not vpac_change["has_previous_run"]
    assert vpac_change["contribution_orders_per_customer"] is None
    assert vpac_change["contribution_items_per_order"] is None
    assert "This is a baseline" in sections(memo)["What moved"]


def test_every_number_in_the_memo_comes_from_a_mart(memo, marts):
    allowed = allowed_numbers(marts)
    text = re.sub(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", " ", memo)  # dates of the build
    text = re.sub(r"^\d+\. ", "", text, flags=re.M)  # numbered-list markers
    tokens = re.findall(r"(?<![\w.])[+-]?\d[\d,]*(?:\.\d+)?%?(?: pp)?", text)
    unexplained = sorted({token for token in tokens if token not in allowed})
    assert not unexplained, f"numbers in the memo that no mart holds: {unexplained}"
    assert not re.search(r"\d\.\d{3,}", memo), "a long float reached the memo"


def allowed_numbers(marts):
    """Every way a mart value may be printed, the row counts the memo states, and the template's constants."""
    allowed = {"+1", "+1%", "30"}  # "every +1", "every +1%", days capped at 30
    for rows in marts.values():
        for row in rows:
            for value in row.values():
                if isinstance(value, bool) or value is None:
                    continue
                if isinstance(value, (int, float)):
                    allowed |= {fmt_count(value), fmt_share(value), fmt_decimal(value), fmt_days(value),
                                fmt_share(value).lstrip("<")}
                elif isinstance(value, str):
                    allowed |= set(re.findall(r"\d[\d,]*(?:\.\d+)?", value))
    scorecard = marts["kpi_scorecard"]
    informational = [m for m in scorecard if m["warn_threshold"] is None and m["critical_threshold"] is None]
    flagged = [m for m in scorecard if m["status"] != "ok"]
    breached = [g for g in marts["kpi_guardrails"] if g["status"] != "ok"]
    counts = {len(scorecard), len(scorecard) - len(informational), len(informational), len(flagged),
              len(marts["kpi_guardrails"]), len(breached)}
    return allowed | {str(count) for count in counts}


# ---- history and rules, on a changed copy of the warehouse


@pytest.fixture(scope="module")
def moved_render(built_warehouse, small_dataset, tmp_path_factory):
    """A copy with an earlier build added to the history (orders per customer 90% and items per order 95%
    of today's, so VPAC 85.5%; other metrics 90%; reorder rate warned), the change marts rebuilt from it
    by dbt, and reorder rate made critical now with an owner whose name needs escaping."""
    work = tmp_path_factory.mktemp("moved")
    db = copy_warehouse(built_warehouse, work)
    con = duckdb.connect(str(db))
    con.execute("""
        insert into kpi_scorecard_history
        select run_started_at - interval 7 day, 'earlier-build', metric_id,
            value * case metric_id
                when 'orders_per_customer' then 0.9
                when 'items_per_order' then 0.95
                when 'vpac' then 0.9 * 0.95
                else 0.9
            end,
            case when metric_id = 'reorder_rate' then 'warn' else status end
        from kpi_scorecard_history
    """)
    for mart in ("kpi_scorecard", "kpi_guardrails"):
        con.execute(f"""
            update {mart} set status = 'critical', owner_role = 'Catalog | Lead <script>x</script>'
            where metric_id = 'reorder_rate'
        """)
    con.close()
    # Only the two change marts (and their tests) are rebuilt; the history and scorecard stay as changed.
    run_dbt(["build", "--select", "kpi_metric_changes", "kpi_vpac_change"], small_dataset, db, work)
    out = work / "out"
    result = render("--db", db, "--out", out, "--format", "html", "--quiet")
    assert result.returncode == 0, result.stderr
    return {"db": db, "out": out, "memo": (out / MEMO).read_text(encoding="utf-8")}


def builds_in_history(db):
    """{metric_id: value} of the latest build and of the earlier one, read from the history here."""
    history = read_mart(db, "kpi_scorecard_history")
    now = {r["metric_id"]: r["value"] for r in history if r["invocation_id"] != "earlier-build"}
    before = {r["metric_id"]: r["value"] for r in history if r["invocation_id"] == "earlier-build"}
    return now, before


def test_metric_changes_mart_compares_the_two_builds(moved_render):
    now, before = builds_in_history(moved_render["db"])
    changes = read_mart(moved_render["db"], "kpi_metric_changes")
    assert {row["metric_id"] for row in changes} == set(now)
    for row in changes:
        key = row["metric_id"]
        assert row["has_previous_run"]
        assert (row["previous_value"], row["current_value"]) == (before[key], now[key])
        assert math.isclose(row["change"], now[key] - before[key], rel_tol=REL_TOL)


def test_what_moved_shows_kpi_metric_changes(moved_render):
    scorecard = read_mart(moved_render["db"], "kpi_scorecard")
    changes = {row["metric_id"]: row for row in read_mart(moved_render["db"], "kpi_metric_changes")}
    text = sections(moved_render["memo"])["What moved"]
    rows = table_rows(text)
    assert [row["Metric"] for row in rows] == [m["display_name"] for m in scorecard]
    for row, metric in zip(rows, scorecard):
        change, unit = changes[metric["metric_id"]], metric["unit"]
        assert row["Previous"] == fmt_value(change["previous_value"], unit)
        assert row["Current"] == fmt_value(change["current_value"], unit)
        assert row["Change"] == fmt_change(change["change"], unit, like=change["current_value"])
    reorder = next(row for row in rows if row["Metric"] == "Reorder rate")
    assert unbold(reorder["Status"]) == "WARN → OK"  # history holds the statuses of each build
    some = next(iter(changes.values()))
    assert (f"The build of {fmt_timestamp(some['current_run_started_at'])} against the previous build of "
            f"{fmt_timestamp(some['previous_run_started_at'])}") in text
    assert "baseline" not in text


def test_vpac_change_is_split_exactly_over_its_drivers(moved_render):
    # The LMDI split recomputed here from the history rows, independently of the SQL.
    now, before = builds_in_history(moved_render["db"])
    v0, v1 = before["vpac"], now["vpac"]
    weight = v1 if v1 == v0 else (v1 - v0) / (math.log(v1) - math.log(v0))
    expected = {d: weight * math.log(now[d] / before[d]) for d in ("orders_per_customer", "items_per_order")}
    assert math.isclose(sum(expected.values()), v1 - v0, rel_tol=REL_TOL)

    (mart,) = read_mart(moved_render["db"], "kpi_vpac_change")
    assert mart["has_previous_run"]
    assert (mart["previous_vpac"], mart["current_vpac"]) == (v0, v1)
    assert math.isclose(mart["vpac_change"], v1 - v0, rel_tol=REL_TOL)
    for driver, amount in expected.items():
        assert math.isclose(mart[f"contribution_{driver}"], amount, rel_tol=REL_TOL), driver

    text = sections(moved_render["memo"])["What moved"]
    shown = [fmt_change(mart[f"contribution_{d}"], "items per customer", like=v1) for d in expected]
    assert re.findall(r"contributed (\S+)", text) == shown
    assert f"moved by {fmt_change(mart['vpac_change'], 'items per customer', like=v1)}" in text
    waterfall = (moved_render["out"] / "driver_waterfall.html").read_text(encoding="utf-8")
    assert f"{short_name('Value per active customer (VPAC)')} moved from {fmt_decimal(v0)}" in waterfall


def test_a_breach_becomes_an_action_for_its_owner(moved_render):
    actions = sections(moved_render["memo"])["Recommended actions"]
    line = next(line for line in actions.splitlines() if "`reorder_rate`" in line)
    assert "rule `critical_breach`" in line
    assert "Catalog" in line and "Lead" in line
    summary = sections(moved_render["memo"])["Executive summary"]
    assert "reorder rate is CRITICAL" in summary


def test_every_action_names_its_metric_and_owner(moved_render):
    scorecard = {m["metric_id"]: m for m in read_mart(moved_render["db"], "kpi_scorecard")}
    actions = [line for line in sections(moved_render["memo"])["Recommended actions"].splitlines()
               if re.match(r"\d+\. ", line)]
    assert actions
    for line in actions:
        metric_id = re.search(r"`(\w+)`, status", line).group(1)
        assert metric_id in scorecard
        owner = re.match(r"\d+\. \*\*(.+?)\*\*:", line).group(1)
        unescaped = owner.replace("\\|", "|").replace("&lt;", "<").replace("&gt;", ">")
        assert unescaped == scorecard[metric_id]["owner_role"]


def test_names_are_escaped_in_memo_tables_and_html(moved_render):
    guardrails = table_rows(sections(moved_render["memo"])["Guardrails"])
    owner = next(row["Owner"] for row in guardrails if row["Guardrail"] == "Reorder rate")
    assert owner == "Catalog \\| Lead &lt;script&gt;x&lt;/script&gt;"
    for stem in FIGURES:
        html = (moved_render["out"] / f"{stem}.html").read_text(encoding="utf-8")
        assert "<script>x</script>" not in html


# ---- formatting, pinned so the shared formatter cannot drift


@pytest.mark.parametrize("value, unit, expected", [
    (1194, "customers", "1,194"),
    (192987.0, "items", "192,987"),
    (0.5936410224522896, "share", "59.4%"),
    (0.00002, "share", "<0.1%"),
    (0.0, "share", "0.0%"),
    (161.63065326633165, "items per customer", "161.6"),
    (15.98324958123953, "orders per customer", "15.98"),
    (7.0, "days", "7.0"),
    (None, "share", "n/a"),
])
def test_values_are_formatted_for_people(value, unit, expected):
    assert fmt_value(value, unit) == expected


@pytest.mark.parametrize("delta, unit, like, expected", [
    (0.012, "share", None, "+1.2 pp"),
    (-35, "customers", None, "-35"),
    (1.7123, "items per customer", 161.6, "+1.7"),
    (-0.2012, "items per order", 10.1, "-0.20"),
    (-1e-9, "items per order", 10.1, "+0.00"),
])
def test_changes_are_signed_and_rounded(delta, unit, like, expected):
    assert fmt_change(delta, unit, like=like) == expected


def test_bands_read_as_ranges():
    assert [fmt_band(1, 1), fmt_band(2, 4), fmt_band(11, None)] == ["1", "2–4", "11+"]
