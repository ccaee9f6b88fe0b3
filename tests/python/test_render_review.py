"""scripts/render_review.py on small warehouses built by dbt: the week's review, the snapshot
review of undated data, the files, the numbers (parsed back and compared with the marts,
read here independently), the words of what moved, the options and the errors.

One render with PNGs (when a browser is there) is shared by the module; no other render
starts a browser, so it starts at most once per session.
"""

import csv
import datetime
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

from review.export import find_chrome  # noqa: E402
from review.formatting import fmt_band, fmt_change, fmt_value  # noqa: E402

MEMO, DASHBOARD, PLAYBOOK = "weekly_business_review.md", "dashboard.html", "kpi_playbook.md"
WEEKLY_FIGURES = ["six_twelve", "waterfall", "departments", "segment_trends", "distributions", "metric_tree"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NO_BROWSER = {"BROWSER_PATH": "/nonexistent/chromium"}
EXIT_WAREHOUSE, EXIT_USAGE, EXIT_PNG_REQUIRED, EXIT_OUTPUT_PATH, EXIT_WEEK = 1, 2, 3, 4, 5


def render(*args, env_extra=None):
    """Run the renderer as a user would; returns the completed process."""
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, str(RENDER), *map(str, args)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        result = con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]


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


def number(text):
    """'21.36' -> 21.36, '57.5%' -> 0.575, '-1,234' -> -1234, '+1.2 pp' -> 0.012."""
    text = text.replace(",", "").replace("**", "").strip()
    if text.endswith(" pp"):
        return float(text[:-3]) / 100
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def external_resources(html):
    """Tags that would load something from elsewhere (a script, stylesheet, image or frame with a source)."""
    from html.parser import HTMLParser

    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in ("script", "img", "iframe") and attrs.get("src") or tag == "link":
                found.append((tag, attrs))

    Tags().feed(html)
    return found


def png_size(path):
    data = Path(path).read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def weekly_render(dated_warehouse, tmp_path_factory):
    """The one full render of the latest complete week (PNG when a browser is there)."""
    out = tmp_path_factory.mktemp("review")
    result = render("--db", dated_warehouse, "--output-dir", out, "--export-csv")
    assert result.returncode == 0, result.stderr
    return {"result": result, "out": out, "memo": (out / MEMO).read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def latest_week(dated_warehouse):
    rows = query(dated_warehouse, "select distinct week_start from kpi_weekly_scorecard where is_latest_complete_week")
    return rows[0]["week_start"]


# ---- files and options


def test_a_full_render_writes_memo_dashboard_playbook_figures_and_csv(weekly_render):
    names = {path.name for path in weekly_render["out"].iterdir()}
    expected = {MEMO, DASHBOARD, PLAYBOOK, "flight_deck.csv", "attribution.csv"}
    assert expected <= names
    if find_chrome():
        assert {f"{stem}.png" for stem in WEEKLY_FIGURES} <= names
        for stem in WEEKLY_FIGURES:
            width, height = png_size(weekly_render["out"] / f"{stem}.png")
            # Twice the 1,600 px figure width; the 6-12 figure grows with the flight deck's rows.
            assert width == 3200 and (height == 1800 or stem == "six_twelve" and height > 1800), stem
    assert not [name for name in names if name.startswith(".render-")]


def test_progress_lines_name_the_week(weekly_render, latest_week):
    assert f"reviewing the week of {latest_week}" in weekly_render["result"].stdout


def test_format_md_writes_no_figure_and_needs_no_browser(dated_warehouse, tmp_path):
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "md", env_extra=NO_BROWSER)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [PLAYBOOK, MEMO]
    assert "No figures were drawn" in (tmp_path / MEMO).read_text(encoding="utf-8")


def test_without_a_browser_the_pages_are_written_with_a_warning(dated_warehouse, tmp_path):
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--quiet", env_extra=NO_BROWSER)
    assert result.returncode == 0
    assert "no Chrome or Chromium found" in result.stderr and "apt-get install chromium" in result.stderr
    assert (tmp_path / DASHBOARD).exists() and not list(tmp_path.glob("*.png"))
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--quiet", "--require-png", env_extra=NO_BROWSER)
    assert result.returncode == EXIT_PNG_REQUIRED


def test_a_stale_file_of_an_older_render_is_removed_and_others_are_kept(dated_warehouse, tmp_path):
    """A PNG of an earlier render with a browser goes when this one writes none (--format html);
    files the renderer does not write stay, a PNG of the user's own included."""
    for stale in ("six_twelve.png", "trends.png"):  # this version's figure, and an earlier version's
        (tmp_path / stale).write_bytes(PNG_SIGNATURE)
    (tmp_path / "my_notes.png").write_bytes(PNG_SIGNATURE)
    (tmp_path / "benchmark.json").write_text("{}")
    (tmp_path / ".gitkeep").write_text("")
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "html,md", "--quiet")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "six_twelve.png").exists() and not (tmp_path / "trends.png").exists()
    assert (tmp_path / "dashboard.html").exists() and not (tmp_path / "six_twelve.html").exists()
    assert (tmp_path / "my_notes.png").read_bytes() == PNG_SIGNATURE
    assert (tmp_path / "benchmark.json").read_text() == "{}" and (tmp_path / ".gitkeep").exists()


@pytest.mark.parametrize("step", ["render_memo", "render_playbook"])
def test_a_failed_render_leaves_the_earlier_set_untouched(dated_warehouse, tmp_path, monkeypatch, step):
    import render_review

    assert render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "html,md", "--quiet").returncode == 0
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(render_review, step, broken)
    assert (
        render_review.main(["--db", str(dated_warehouse), "--output-dir", str(tmp_path), "--format", "md", "--quiet"])
        == EXIT_OUTPUT_PATH
    )
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    assert not list(tmp_path.glob(".render-*"))


def test_the_files_are_replaced_together_or_not_at_all(dated_warehouse, tmp_path, monkeypatch):
    """The staging folder is inside the output folder (a mounted volume keeps every move on one
    device), and a move that fails half-way puts every file back: the earlier set stays whole."""
    import render_review

    assert render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "html,md", "--quiet").returncode == 0
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real_replace, moves = os.replace, []

    def failing_replace(source, destination):
        moves.append((Path(source), Path(destination)))
        if len(moves) == 3:
            raise OSError(18, "Invalid cross-device link")
        return real_replace(source, destination)

    monkeypatch.setattr(render_review.os, "replace", failing_replace)
    code = render_review.main(
        ["--db", str(dated_warehouse), "--output-dir", str(tmp_path), "--format", "md", "--quiet"]
    )
    assert code == EXIT_OUTPUT_PATH
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    folder = tmp_path.resolve()
    assert all(folder in source.resolve().parents and folder in target.resolve().parents for source, target in moves)


def test_a_killed_renders_staging_folder_is_removed_by_the_next(dated_warehouse, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".render-{dead.stdout.strip()}-abc123"
    (abandoned / ".earlier").mkdir(parents=True)
    (abandoned / "six_twelve.png").write_bytes(PNG_SIGNATURE)
    running = tmp_path / f".render-{os.getpid()}-def456"
    running.mkdir()
    assert render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "md", "--quiet").returncode == 0
    assert not abandoned.exists() and running.exists()


def test_a_refused_path_leaves_the_earlier_set_whole(dated_warehouse, tmp_path):
    """Every destination is checked before the first file moves: the playbook (moved before the
    memo) keeps the earlier render's text when the memo's path is refused."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert render("--db", dated_warehouse, "--output-dir", out, "--format", "md", "--quiet").returncode == 0
    (out / PLAYBOOK).write_text("the earlier playbook")
    (out / MEMO).unlink()
    (out / MEMO).symlink_to(elsewhere / "memo.md")
    result = render("--db", dated_warehouse, "--output-dir", out, "--format", "md", "--quiet")
    assert result.returncode == EXIT_OUTPUT_PATH
    assert (out / PLAYBOOK).read_text() == "the earlier playbook"
    assert not (elsewhere / "memo.md").exists()


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--week", "2019-01-07"], EXIT_WEEK, "is not a complete week of this data; complete weeks run from"),
        (["--week", "next monday"], EXIT_USAGE, "is not a date; write it as YYYY-MM-DD"),
        (["--format", "pdf"], EXIT_USAGE, "unknown format pdf"),
    ],
)
def test_bad_options_say_what_to_do(dated_warehouse, tmp_path, args, code, message):
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, *args)
    assert result.returncode == code
    assert message in result.stderr


def test_missing_warehouse_and_missing_mart_give_a_clear_error(dated_warehouse, tmp_path):
    result = render("--db", tmp_path / "nope.duckdb", "--output-dir", tmp_path / "out")
    assert result.returncode == EXIT_WAREHOUSE and "Run `make build` (or `dbt build`) first" in result.stderr
    copy = tmp_path / "copy.duckdb"
    shutil.copy(dated_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table kpi_what_moved")
    result = render("--db", copy, "--output-dir", tmp_path / "out")
    assert result.returncode == EXIT_WAREHOUSE and "kpi_what_moved" in result.stderr


def test_refuses_to_write_through_a_symlink_out_of_the_folder(dated_warehouse, tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / MEMO).symlink_to(elsewhere / "memo.md")
    result = render("--db", dated_warehouse, "--output-dir", out, "--format", "md")
    assert result.returncode == EXIT_OUTPUT_PATH
    assert not (elsewhere / "memo.md").exists()


def test_help_shows_every_option_and_the_exit_codes():
    result = render("--help")
    for option in (
        "--week",
        "--output-dir",
        "--format",
        "--quiet",
        "--export-csv",
        "--require-png",
        "--db",
        "--allow-failed-build",
    ):
        assert option in result.stdout
    assert "exit status" in result.stdout and "examples" in result.stdout
    assert re.search(r"^  6  the warehouse's latest full build failed", result.stdout, flags=re.M)
    assert "benchmark.json" in result.stdout and "left alone" in result.stdout


# ---- numbers: every one parsed back and compared with the marts


def test_flight_deck_equals_the_weekly_scorecard(weekly_render, dated_warehouse, latest_week):
    deck = table_rows(sections(weekly_render["memo"])["Flight deck"])
    marts = query(
        dated_warehouse,
        f"select * from kpi_weekly_scorecard where week_start = '{latest_week}' "
        "and is_on_flight_deck order by review_order",
    )
    assert [row["Metric"] for row in deck] == [f"{m['display_name']} ({m['tier']})" for m in marts]
    with open(PROJECT_ROOT / "seeds" / "metric_definitions.csv", newline="", encoding="utf-8") as handle:
        seed_owners = {metric["metric_id"]: metric["owner_role"] for metric in csv.DictReader(handle)}

    def value_and_change(cell):
        """'11.34 (-19.2%)' -> ('11.34', '-19.2%')."""
        value, _, change = cell.partition(" (")
        return value, change.rstrip(")").split(",")[0]

    for row, mart in zip(deck, marts):
        assert row["Owner"] == seed_owners[mart["metric_id"]], mart["metric_id"]  # the seed's, through the marts
        assert row["Guardrail"] == mart["guardrail_text"]
        signal = row["Signal or noise"]
        assert signal == ("noise" if not mart["is_signal"] else signal) and (
            mart["is_signal"] == signal.startswith("signal")
        )
        last_week, last_week_change = value_and_change(row["Last week"])
        last_year, last_year_change = value_and_change(row["Same week last year"])
        plan, variance = value_and_change(row["Plan (variance)"])
        for text, value in (
            (row["This week"], mart["this_week_value"]),
            (last_week, mart["last_week_value"]),
            (last_year, mart["last_year_value"]),
            (plan, mart["plan_value"]),
            (last_week_change, mart["wow_relative_change"]),
            (last_year_change, mart["relative_change_on_last_year"]),
            (variance, mart["variance_to_plan"]),
        ):
            tolerance = 0.0006 if "%" in text or "pp" in text else 0.005 + 1e-12
            assert abs(number(text) - value) <= tolerance, (mart["metric_id"], text, value)
        assert ", miss" in row["Plan (variance)"] if mart["is_plan_miss"] else ", miss" not in row["Plan (variance)"]
        weeks, _, months = row["6 weeks · 12 months"].strip("`").partition(" · ")
        assert len(weeks) == 6 and 1 <= len(months) <= 12
    csv_rows = list(csv.DictReader((weekly_render["out"] / "flight_deck.csv").open(encoding="utf-8")))
    assert [row["metric_id"] for row in csv_rows] == [m["metric_id"] for m in marts]
    assert [float(row["this_week_value"]) for row in csv_rows] == [m["this_week_value"] for m in marts]


def test_what_moved_names_the_planted_change(weekly_render, dated_dataset, dated_warehouse, latest_week):
    import json

    truth = json.loads((dated_dataset / "generation.json").read_text())["planted_change"]
    text = sections(weekly_render["memo"])["What moved"].strip()
    assert truth["week_start"] == str(latest_week)
    assert text.startswith("VPAC fell ")
    assert f"{truth['segment']} customers' baskets explain most of it" in text
    moved = query(dated_warehouse, f"select * from kpi_what_moved where week_start = '{latest_week}'")
    vpac = moved[0]
    assert f"fell {abs(vpac['vpac_change']):.2f} items per active customer" in text
    assert f"({vpac['vpac_change'] / vpac['previous_vpac']:+.1%})" in text
    assert vpac["is_worth_splitting"]
    for row in moved:
        assert f"{row['contribution']:+.2f}" in text, row["component"]
    assert "(rate)" not in text or "rate)" in text


def test_a_week_without_exceptions_says_so_and_calls_noise_noise(dated_warehouse, tmp_path):
    quiet = query(
        dated_warehouse,
        "select week_start from kpi_weekly_scorecard group by week_start "
        "having not bool_or(is_exception) order by week_start desc limit 1",
    )
    assert quiet, "the generated data has no week without an exception"
    week = quiet[0]["week_start"] + datetime.timedelta(days=3)  # any day of the week names it
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "md", "--week", week)
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / MEMO).read_text(encoding="utf-8")
    assert f"week of {quiet[0]['week_start']}" in memo
    exceptions = sections(memo)["Exceptions"]
    assert "No exceptions this week" in exceptions
    deck = query(
        dated_warehouse,
        f"select display_name, signal_text from kpi_weekly_scorecard where week_start = '{quiet[0]['week_start']}' "
        "and is_on_flight_deck",
    )
    assert "Noise, not news:" in exceptions and all(row["signal_text"] in exceptions for row in deck)


def test_exceptions_come_from_the_mart_grouped_by_metric_in_priority_order(weekly_render, dated_warehouse, latest_week):
    rows = query(dated_warehouse, f"select * from kpi_exceptions where week_start = '{latest_week}' order by priority")
    text = sections(weekly_render["memo"])["Exceptions"]
    heads = [line for line in text.splitlines() if re.match(r"^\d+\. ", line)]
    subjects = list(dict.fromkeys((row["subject"], row["owner_role"]) for row in rows))
    assert len(heads) == len(subjects) > 0
    for head, (subject, owner) in zip(heads, subjects):
        assert f"**{subject}**" in head and f"**{owner}**" in head
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("- ")]
    owner_lines = [line for line in lines if line.startswith(("- The owner's comment", "- Awaiting a comment from"))]
    items = [line for line in lines if line not in owner_lines]
    assert len(items) == len(rows) and len(owner_lines) == len(subjects)
    for row in rows:
        assert any(row["detail"] in item and row["action"] in item for item in items), row["subject"]


def test_segment_table_equals_the_weekly_segments(weekly_render, dated_warehouse, latest_week):
    rows = table_rows(sections(weekly_render["memo"])["Segments this week"])
    marts = query(
        dated_warehouse,
        f"select segments.* from kpi_segments as segments inner join kpi_weekly_scorecard as weeks "
        f"on segments.grain = weeks.grain and segments.period_start = weeks.week_start "
        f"where weeks.week_start = '{latest_week}' and weeks.metric_id = 'vpac' order by segments.sort_order",
    )
    assert len(rows) == len(marts)
    for row, mart in zip(rows, marts):
        assert number(row["Customers"]) == mart["customers"]
        if mart["vpac"] is not None:
            assert abs(number(row["VPAC"]) - mart["vpac"]) <= 0.005 + 1e-12


def test_data_quality_equals_the_mart(weekly_render, dated_warehouse):
    rows = table_rows(sections(weekly_render["memo"])["Data quality"])
    marts = query(dated_warehouse, "select * from fct_data_quality order by sort_order")
    assert [(row["File"], number(row["Lines"]), number(row["Staged"]), number(row["Set aside"])) for row in rows] == [
        (m["source_file"], m["data_lines"], m["staged_rows"], m["rejected_rows"]) for m in marts
    ]


def test_the_playbook_shows_every_metric_with_its_owner_and_checks(weekly_render, dated_warehouse):
    text = (weekly_render["out"] / PLAYBOOK).read_text(encoding="utf-8")
    for metric in query(dated_warehouse, "select distinct metric_id, display_name, owner_role from kpi_playbook"):
        block = text.split(f"## {metric['display_name']} (")[1].split("\n## ")[0]
        assert f"**Owner**: {metric['owner_role']}." in block
        assert block.count("  1. ") == block.count("  2. ") == block.count("  3. ") == 1


def test_the_dashboard_is_one_self_contained_page(weekly_render, dated_warehouse, latest_week):
    html = (weekly_render["out"] / DASHBOARD).read_text(encoding="utf-8")
    assert external_resources(html) == []
    for stem in WEEKLY_FIGURES:
        assert f'id="figure-{stem}"' in html
    vpac = query(
        dated_warehouse,
        f"select this_week_value from kpi_weekly_scorecard where week_start = '{latest_week}' and metric_id = 'vpac'",
    )[0]["this_week_value"]
    row = html.split('id="flight-deck"')[1].split('data-metric="vpac"')[1].split("</tr>")[0]
    assert f'<td class="value"><b>{fmt_value(vpac, "items per customer")}</b></td>' in row
    assert "owner: Head of Growth" in html


def test_names_from_the_data_are_escaped(dated_warehouse, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(dated_warehouse, copy)
    hostile = "<script>alert(1)</script> | Lead"
    with duckdb.connect(str(copy)) as con:
        for table in ("kpi_weekly_scorecard", "kpi_exceptions"):
            column = "owner_role"
            con.execute(f"update {table} set {column} = ?", [hostile])
    result = render("--db", copy, "--output-dir", tmp_path / "out", "--format", "html,md", "--quiet")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / DASHBOARD).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    memo = (tmp_path / "out" / MEMO).read_text(encoding="utf-8")
    assert "<script>" not in memo and "&lt;script&gt;alert(1)&lt;/script&gt; \\| Lead" in memo


# ---- undated data: a snapshot


@pytest.fixture(scope="module")
def snapshot_render(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("snapshot")
    result = render("--db", built_warehouse, "--output-dir", out, "--format", "html,md", "--export-csv", "--quiet")
    assert result.returncode == 0, result.stderr
    return {"out": out, "memo": (out / MEMO).read_text(encoding="utf-8")}


def test_undated_data_gets_a_snapshot_review_that_says_why(snapshot_render, built_warehouse):
    memo = snapshot_render["memo"]
    assert "These files carry no dates" in memo and "order_date" in memo and "README" in memo
    assert "nothing can be said about what moved this week" in sections(memo)["What moved"]
    as_of = query(built_warehouse, "select as_of_date from kpi_north_star")[0]["as_of_date"]
    assert f"The KPI history holds no data older than this (as of {as_of}) to compare with" in memo
    rows = table_rows(sections(memo)["Scorecard"])
    marts = {m["display_name"]: m for m in query(built_warehouse, "select * from kpi_scorecard")}
    assert len(rows) == len(marts)
    for row in rows:
        mart = marts[row["Metric"].rsplit(" (", 1)[0]]
        assert row["Status"] == f"**{mart['status'].upper()}**"
        assert row["Value"].startswith(fmt_value(mart["value"], mart["unit"]))
    assert (snapshot_render["out"] / "scorecard.csv").exists()
    assert "no dates" in (snapshot_render["out"] / DASHBOARD).read_text(encoding="utf-8")


def test_week_on_undated_data_is_refused(built_warehouse, tmp_path):
    result = render("--db", built_warehouse, "--output-dir", tmp_path, "--week", "2026-11-16")
    assert result.returncode == EXIT_WEEK and "carry no dates" in result.stderr


# ---- formatting, pinned so the shared formatter cannot drift


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (1194, "customers", "1,194"),
        (0.5936410224522896, "share", "59.4%"),
        (0.00002, "share", "<0.1%"),
        (161.63065326633165, "items per customer", "161.6"),
        (15.98324958123953, "orders per customer", "15.98"),
        (7.0, "days", "7.0"),
        (None, "share", "n/a"),
    ],
)
def test_values_are_formatted_for_people(value, unit, expected):
    assert fmt_value(value, unit) == expected


@pytest.mark.parametrize(
    "delta, unit, like, expected",
    [
        (0.012, "share", None, "+1.2 pp"),
        (-35, "customers", None, "-35"),
        (1.7123, "items per customer", 161.6, "+1.7"),
        (-0.2012, "items per order", 10.1, "-0.20"),
        (-1e-9, "items per order", 10.1, "+0.00"),
    ],
)
def test_changes_are_signed_and_rounded(delta, unit, like, expected):
    assert fmt_change(delta, unit, like=like) == expected


def test_bands_read_as_ranges():
    assert [fmt_band(1, 1), fmt_band(2, 4), fmt_band(11, None)] == ["1", "2–4", "11+"]
