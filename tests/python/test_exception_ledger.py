"""The exception ledger carried from one build to the next, and the generated-data label on
every output.

A copy of the dated warehouse (data as of 2026-11-28) gets a second build of the next week's
data (the same customers simulated one week further, as of 2026-12-05, without the planted
change: what it set off should resolve while the rest persists). The hook of each
successful build records that review's exceptions in exception_history; the memo's "Since the
last review" must then name exactly the previous review's exceptions that are still open, those
that closed, and those that persisted with no owner's comment, worked out here from the two
recorded reviews and from kpi_exceptions, not from the ledger."""

import json
import shutil

import pytest

from conftest import DATED_SEED, DATED_USERS, generate, run_dbt
from test_render_review import MEMO, query, render

NEXT_END_DATE = "2026-12-05"
KIND_LABELS = {"signal": "signal", "plan": "plan miss", "guardrail": "guardrail"}


def named(row):
    return f"{row['subject']} ({KIND_LABELS[row['kind']]}, {row['owner_role']})"


def listed(memo, label):
    """The names on the memo's "- **<label>**: a; b." line of "Since the last review"."""
    section = memo.split("## Since the last review", 1)[1].split("\n## ", 1)[0]
    (line,) = [line for line in section.splitlines() if line.startswith(f"- **{label}**")]
    text = line.split(": ", 1)[1].rstrip(".")
    return set() if text == "none" else set(text.split("; "))


def recorded(db_path, as_of_date):
    return query(
        db_path,
        "select metric_id, segment, kind, subject, owner_role, has_owner_comment "
        f"from exception_history where as_of_date = date '{as_of_date}'",
    )


@pytest.fixture(scope="module")
def two_reviews(dated_warehouse, tmp_path_factory):
    """The dated warehouse, copied, after a successful build of the next week's data."""
    work = tmp_path_factory.mktemp("ledger")
    db_path = work / "instacart.duckdb"
    shutil.copy(dated_warehouse, db_path)
    reviewed = "select max(week_start) from kpi_weekly_scorecard where is_latest_complete_week"
    first = {
        "exceptions": query(db_path, f"select * from kpi_exceptions where week_start = ({reviewed})"),
        "as_of": as_of_of(db_path),
    }
    later = generate(
        work / "raw",
        users=DATED_USERS,
        seed=DATED_SEED,
        undated=False,
        extra=["--end-date", NEXT_END_DATE, "--no-planted-change"],
    )
    run_dbt(["build"], later, db_path, work)
    out = work / "review"
    result = render("--db", db_path, "--output-dir", out, "--format", "md", "--export-csv")
    assert result.returncode == 0, result.stderr
    return {"db": db_path, "first": first, "out": out, "memo": (out / MEMO).read_text(encoding="utf-8")}


def as_of_of(db_path):
    return query(db_path, "select as_of_date from kpi_north_star")[0]["as_of_date"]


def test_each_build_records_the_exceptions_its_review_shows(two_reviews):
    """The first build's history entry: the exceptions of the week its review shows, one row each."""
    first = two_reviews["first"]
    shown = {(row["metric_id"], row["segment"], row["kind"]) for row in first["exceptions"]}
    kept = {(row["metric_id"], row["segment"], row["kind"]) for row in recorded(two_reviews["db"], first["as_of"])}
    assert shown and kept == shown


def test_the_next_review_says_what_persisted_resolved_and_was_never_explained(two_reviews):
    db_path, memo = two_reviews["db"], two_reviews["memo"]
    previous, current = two_reviews["first"]["as_of"], as_of_of(db_path)
    assert (previous.isoformat(), current.isoformat()) == ("2026-11-28", NEXT_END_DATE)
    before = {(row["metric_id"], row["segment"], row["kind"]): row for row in recorded(db_path, previous)}
    now = {(row["metric_id"], row["segment"], row["kind"]): row for row in recorded(db_path, current)}
    assert now.keys() & before.keys() and before.keys() - now.keys(), "some should persist and some resolve"
    expected = {
        "Persisted": {named(now[key]) for key in now.keys() & before.keys()},
        "Resolved": {named(before[key]) for key in before.keys() - now.keys()},
        "New": {named(now[key]) for key in now.keys() - before.keys()},
    }
    assert "Against the previous review (the data as of 2026-11-28):" in memo
    for label, names in expected.items():
        assert listed(memo, label) == names, label
    never = {
        named(now[key])
        for key in now.keys() & before.keys()
        if not now[key]["has_owner_comment"] and not before[key]["has_owner_comment"]
    }
    if never:
        assert listed(memo, "Never explained") == never
    else:
        assert "**Never explained**" not in memo


def test_a_first_review_has_nothing_to_compare_with(dated_warehouse, tmp_path):
    result = render("--db", dated_warehouse, "--output-dir", tmp_path, "--format", "md")
    assert result.returncode == 0, result.stderr
    memo = (tmp_path / MEMO).read_text(encoding="utf-8")
    assert "No earlier review to compare with" in memo.split("## Since the last review", 1)[1]


# ---- the generated-data label


def test_every_output_of_generated_data_says_so(two_reviews, dated_dataset):
    record = json.loads((dated_dataset / "generation.json").read_text())
    label = f"Generated data (scripts/generate_data.py, seed {record['seed']}, {record['users']:,} users)"
    out = two_reviews["out"]
    for name in (MEMO, "kpi_playbook.md"):
        assert f"> **{label}" in (out / name).read_text(encoding="utf-8"), name
    for name in ("flight_deck.csv", "attribution.csv"):
        header, first_row = (out / name).read_text(encoding="utf-8").splitlines()[:2]
        assert header.startswith("data_source,") and label in first_row, name


def test_figures_and_dashboard_of_generated_data_say_so(dated_warehouse, dated_dataset, tmp_path):
    from review.charts import build_figures
    from review.pages import render_dashboard, review_context
    from review.warehouse import read_marts

    marts = read_marts(dated_warehouse)
    week = next(row["week_start"] for row in marts["kpi_weekly_scorecard"] if row["is_latest_complete_week"])
    context = review_context(marts, week)
    assert context["generated"].startswith(f"Generated data (scripts/generate_data.py, seed {DATED_SEED}")
    figures = build_figures(marts, week, context["moved"], generated=context["generated"])
    for stem, fig in figures.items():
        assert "Generated data" in fig.layout.title.subtitle.text, stem
    assert 'id="generated-data"' in render_dashboard(context, figures)


def test_files_not_generated_get_no_label(built_warehouse, tmp_path):
    """A warehouse whose fct_data_source says not generated: no label anywhere."""
    import duckdb

    db_path = tmp_path / "instacart.duckdb"
    shutil.copy(built_warehouse, db_path)
    with duckdb.connect(str(db_path)) as con:
        con.execute("update fct_data_source set is_generated = false, generation_seed = null, generated_users = null")
    result = render("--db", db_path, "--output-dir", tmp_path / "out", "--export-csv")
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "out").iterdir():
        if path.suffix in (".md", ".csv", ".html"):
            assert "Generated data" not in path.read_text(encoding="utf-8"), path.name
