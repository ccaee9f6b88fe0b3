"""Bad input: fatal problems stop the build with one clear message; bad rows are set aside
with a reason and counted; the KPIs equal those of the clean rows alone."""

import duckdb
import pytest

from conftest import run_dbt
from test_build import TINY_FILES, query

# Thresholds wide open, so a fixture that is mostly bad rows still builds.
TOLERATE_REJECTS = ["--vars", "{rejected_share_warn: 1.0, rejected_share_error: 1.0}"]

# One bad row per problem: (file, raw line, expected reason). A repeated order id,
# product id or (order, product) line sets aside every copy: which one is right
# cannot be told.
BAD_ROWS = [
    ("orders.csv", "x1,3,prior,1,0,8,", "invalid_order_id"),
    ("orders.csv", "-5,3,prior,1,0,8,", "invalid_order_id"),
    ("orders.csv", "30,abc,prior,1,0,8,", "invalid_user_id"),
    ("orders.csv", "31,3,valid,1,0,8,", "invalid_eval_set"),
    ("orders.csv", "32,3,prior,0,0,8,", "invalid_order_number"),
    ("orders.csv", "33,3,prior,2,7,8,5.0", "invalid_order_dow"),
    ("orders.csv", "34,3,prior,2,1,24,5.0", "invalid_order_hour_of_day"),
    ("orders.csv", "35,3,prior,2,1,8,31.0", "invalid_days_since_prior_order"),
    ("orders.csv", "36,3,prior,1,1,8,4.0", "days_on_first_order"),
    ("orders.csv", "40,4,prior,1,1,8,", "duplicate_order_id"),
    ("orders.csv", "40,5,prior,1,2,9,", "duplicate_order_id"),
    ("orders.csv", "41,3,prior,2,1,8,soon", "invalid_days_since_prior_order"),
    ("orders.csv", "42,3,prior,2", "malformed_line"),
    ("order_products__prior.csv", "abc,1,1,0", "invalid_order_id"),
    ("order_products__prior.csv", "10,0,3,0", "invalid_product_id"),
    ("order_products__prior.csv", "10,3,0,0", "invalid_add_to_cart_order"),
    ("order_products__prior.csv", "10,3,3,2", "invalid_reordered"),
    ("order_products__prior.csv", "10,4,4,yes", "invalid_reordered"),
    ("order_products__prior.csv", ",,,", "invalid_order_id"),
    ("order_products__prior.csv", "10,3", "malformed_line"),
    ("order_products__train.csv", "12,1,1,0,7", "malformed_line"),
    ("order_products__prior.csv", "99,1,1,0", "unknown_order"),
    ("order_products__prior.csv", "10,999,3,0", "unknown_product"),
    ("order_products__prior.csv", "21,1,1,0", "line_on_test_order"),
    ("order_products__prior.csv", "12,3,2,0", "eval_set_mismatch"),
    ("order_products__prior.csv", "20,2,2,0", "duplicate_order_line"),
    ("order_products__prior.csv", "20,2,3,1", "duplicate_order_line"),
    ("products.csv", "abc,Thing,1,1", "invalid_product_id"),
    ("products.csv", "4,,1,1", "missing_product_name"),
    ("products.csv", "5,Lost Thing,99,1", "unknown_aisle"),
    ("products.csv", "6,Stray Thing,1,99", "unknown_department"),
    ("products.csv", "7,Twin One,1,1", "duplicate_product_id"),
    ("products.csv", "7,Twin Two,1,1", "duplicate_product_id"),
    ("products.csv", "8,Milk, whole,1,1", "malformed_line"),
    ("aisles.csv", "x,mystery aisle", "invalid_aisle_id"),
    ("aisles.csv", "8", "malformed_line"),
    ("departments.csv", "3,", "missing_department_name"),
    ("departments.csv", '4,"frozen, unclosed', "malformed_line"),
]


def write_dataset(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def files_with_bad_rows():
    files = dict(TINY_FILES)
    for name, line, _ in BAD_ROWS:
        files[name] = files[name] + line + "\n"
    return files


def kpi_tables(db_path):
    """Every KPI mart's rows (as_of_date left out), for comparing two builds.

    The build history and the marts that compare a build with the one before it change with
    every build by design, so they are left out, as are the two that report the inputs
    themselves: kpi_annotations (annotations.csv's rows) and kpi_first_check_results (whose
    data-gap check counts the rows set aside).
    """
    with duckdb.connect(str(db_path), read_only=True) as con:
        names = [
            row[0]
            for row in con.sql(
                "select table_name from information_schema.tables "
                "where table_name like 'kpi\\_%' escape '\\' "
                "and table_name not in ('kpi_scorecard_history', 'kpi_annotations', 'kpi_first_check_results') "
                "order by 1"
            ).fetchall()
        ]
        tables = {}
        for name in names:
            columns = [
                row[0]
                for row in con.sql(
                    f"select column_name from information_schema.columns where table_name = '{name}' "
                    "and column_name not in ('as_of_date') order by ordinal_position"
                ).fetchall()
            ]
            tables[name] = con.sql(f"select {', '.join(columns)} from {name} order by all").fetchall()
    return tables


@pytest.fixture(scope="module")
def dirty_build(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("dirty")
    data_dir = write_dataset(work_dir / "raw", files_with_bad_rows())
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build", *TOLERATE_REJECTS], data_dir, db_path, work_dir)
    return db_path


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("clean")
    data_dir = write_dataset(work_dir / "raw", TINY_FILES)
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build"], data_dir, db_path, work_dir)
    return db_path


def test_each_bad_row_is_set_aside_with_its_reason(dirty_build):
    rejected = query(dirty_build, "select source_file, raw_values, rejection_reason from fct_rejected_rows")
    expected = [(name, line, reason) for name, line, reason in BAD_ROWS]
    assert sorted(rejected) == sorted(expected)


def test_counts_reconcile_per_file(dirty_build):
    expected_rejects = {}
    for name, _, _ in BAD_ROWS:
        expected_rejects[name] = expected_rejects.get(name, 0) + 1
    rows = query(dirty_build, "select source_file, raw_rows, staged_rows, rejected_rows from fct_data_quality")
    for name, raw, staged, rejected in rows:
        clean_rows = TINY_FILES[name].count("\n") - 1
        assert rejected == expected_rejects.get(name, 0), name
        assert staged == clean_rows, name
        assert raw == clean_rows + rejected, name


def test_rejects_by_reason_match(dirty_build):
    rows = query(dirty_build, "select source_file, rejection_reason, rejected_rows from fct_rejected_rows_by_reason")
    counts = {}
    for name, _, reason in BAD_ROWS:
        counts[(name, reason)] = counts.get((name, reason), 0) + 1
    assert {(name, reason): n for name, reason, n in rows} == counts


def test_kpis_equal_those_of_the_clean_rows(dirty_build, clean_build):
    dirty, clean = kpi_tables(dirty_build), kpi_tables(clean_build)
    assert clean, "no kpi_ tables were built"
    assert dirty == clean


def test_too_many_rejects_fail_the_build_naming_the_file(tmp_path):
    data_dir = write_dataset(tmp_path / "raw", files_with_bad_rows())
    result = run_dbt(["build"], data_dir, tmp_path / "instacart.duckdb", tmp_path, check=False)
    assert result.returncode != 0
    assert "assert_no_file_past_rejection_error_threshold" in result.stdout
    assert "orders.csv" in result.stdout


def _crlf_bom_variants():
    """The tiny files as other tools write them: CRLF, a UTF-8 BOM, no final newline, days as 8."""
    variants = {}
    for name, text in TINY_FILES.items():
        text = text.replace("7.0", "7").replace("\n", "\r\n").rstrip("\r\n")
        variants[name] = b"\xef\xbb\xbf" + text.encode("utf-8")
    return variants


def test_crlf_bom_and_no_final_newline_load_like_the_plain_files(tmp_path, clean_build):
    data_dir = write_dataset(tmp_path / "raw", _crlf_bom_variants())
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build"], data_dir, db_path, tmp_path)
    assert kpi_tables(db_path) == kpi_tables(clean_build)
    assert query(db_path, "select product_name from dim_products where product_id = 2") == query(
        clean_build, "select product_name from dim_products where product_id = 2"
    )


def test_bad_rows_in_crlf_files_are_set_aside_with_their_text(tmp_path):
    """The raw text kept for a line DuckDB could not parse carries no line-break characters."""
    files = {name: text.replace("\n", "\r\n").encode("utf-8") for name, text in files_with_bad_rows().items()}
    data_dir = write_dataset(tmp_path / "raw", files)
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build", *TOLERATE_REJECTS], data_dir, db_path, tmp_path)
    rejected = query(db_path, "select source_file, raw_values, rejection_reason from fct_rejected_rows")
    assert sorted(rejected) == sorted(BAD_ROWS)


def test_a_folder_named_with_a_quote_a_semicolon_and_a_space_works(tmp_path, clean_build):
    data_dir = write_dataset(tmp_path / "it's my; data", TINY_FILES)
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build"], data_dir, db_path, tmp_path)
    assert kpi_tables(db_path) == kpi_tables(clean_build)


def test_building_twice_gives_identical_marts(tmp_path):
    data_dir = write_dataset(tmp_path / "raw", TINY_FILES)
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build"], data_dir, db_path, tmp_path)
    first = kpi_tables(db_path)
    run_dbt(["build"], data_dir, db_path, tmp_path)
    assert kpi_tables(db_path) == first


@pytest.mark.parametrize(
    "case, expected_message",
    [
        ("no_folder", "does not exist or holds none of the Instacart files"),
        ("missing_file", "Missing file(s) in data folder"),
        ("empty_file", "aisles.csv' is empty (0 bytes)"),
        ("header_only", "aisles.csv' has no data rows"),
        ("wrong_header", "missing columns: aisle; unexpected columns: aisle_name"),
        (
            "annotations_wrong_header",
            "annotations.csv' has the header 'day,metric,kind,author,text', expected 'date,metric,kind,author,text'; "
            "missing columns: date; unexpected columns: day. Write that header as the file's first line, "
            "or remove annotations.csv (it is optional).",
        ),
    ],
)
def test_fatal_problems_stop_with_one_clear_message(tmp_path, case, expected_message):
    data_dir = tmp_path / "raw"
    if case != "no_folder":
        write_dataset(data_dir, TINY_FILES)
    if case == "missing_file":
        (data_dir / "aisles.csv").unlink()
    elif case == "empty_file":
        (data_dir / "aisles.csv").write_text("")
    elif case == "header_only":
        (data_dir / "aisles.csv").write_text("aisle_id,aisle\n")
    elif case == "wrong_header":
        (data_dir / "aisles.csv").write_text("aisle_id,aisle_name\n1,fresh fruits\n")
    elif case == "annotations_wrong_header":
        (data_dir / "annotations.csv").write_text("day,metric,kind,author,text\n2024-03-04,vpac,event,Ann,Launch\n")
    result = run_dbt(["build"], data_dir, tmp_path / "instacart.duckdb", tmp_path, check=False)
    assert result.returncode != 0
    assert expected_message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# --- annotations.csv: optional; read and checked like every other file when present ---------

ANNOTATIONS_HEADER = "date,metric,kind,author,text\n"
# (line as written, staged values): an event on one metric, a comment on all of them whose
# quoted text holds a comma, quotes and a line end (two lines of the file).
GOOD_ANNOTATIONS = [
    (
        "2024-03-04,vpac,event,Growth Lead,Spring promotion starts",
        "vpac",
        "event",
        "Growth Lead",
        "Spring promotion starts",
    ),
    (
        '2024-03-05,all,comment,Data Team,"Late export, ""partial"" day\nnumbers revised"',
        "all",
        "comment",
        "Data Team",
        'Late export, "partial" day\nnumbers revised',
    ),
]
# (line, reason): one per check; an unknown metric is found against seed metric_definitions.
BAD_ANNOTATIONS = [
    ("2024-02-30,vpac,event,Ann,Not a day", "invalid_annotation_date"),
    ("04/03/2024,vpac,event,Ann,Not ISO", "invalid_annotation_date"),
    ("2024-03-04,,event,Ann,No metric", "missing_annotation_metric"),
    ("2024-03-04,vpac,launch,Ann,Unknown kind", "invalid_annotation_kind"),
    ("2024-03-04,vpac,event, ,No author", "missing_annotation_author"),
    ('2024-03-04,vpac,comment,Ann,""', "missing_annotation_text"),
    ("2024-03-04,vpac,event,Ann", "malformed_line"),
    ("2024-03-04,vpac,event,Ann,Too,many", "malformed_line"),
    ('2024-03-04,vpac,event,Ann,"unclosed', "malformed_line"),
    ("2024-03-06,vpacc,event,Ann,A typo in the metric", "unknown_metric"),
]


@pytest.fixture(scope="module")
def annotated_build(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("annotated")
    text = ANNOTATIONS_HEADER + "".join(line + "\n" for line, *_ in GOOD_ANNOTATIONS)
    text += "".join(line + "\n" for line, _ in BAD_ANNOTATIONS)
    data_dir = write_dataset(work_dir / "raw", dict(TINY_FILES, **{"annotations.csv": text}))
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build", *TOLERATE_REJECTS], data_dir, db_path, work_dir)
    return db_path


def test_annotations_are_staged_typed_and_their_bad_rows_set_aside(annotated_build, clean_build):
    import datetime

    used = query(
        annotated_build,
        "select annotation_date, metric_id, kind, author, text from int_annotations__matched "
        "where rejection_reason is null order by annotation_date",
    )
    dates = [datetime.date(2024, 3, 4), datetime.date(2024, 3, 5)]
    assert used == [(day, *values) for day, (_, *values) in zip(dates, GOOD_ANNOTATIONS)]
    # Staging checks each row's own values; the metric is checked across files, in intermediate.
    staged = query(annotated_build, "select * from stg_instacart__annotations order by annotation_date")
    assert staged == used + [(datetime.date(2024, 3, 6), "vpacc", "event", "Ann", "A typo in the metric")]
    rejected = query(
        annotated_build,
        "select raw_values, rejection_reason from fct_rejected_rows where source_file = 'annotations.csv'",
    )
    assert sorted(rejected) == sorted(BAD_ANNOTATIONS)
    lines = 1 + 2 + len(BAD_ANNOTATIONS)  # the comment runs over two lines
    assert query(
        annotated_build,
        """
        select data_lines, raw_rows, staged_rows, rejected_rows, continuation_lines, unaccounted_lines, sort_order
        from fct_data_quality where source_file = 'annotations.csv'""",
    ) == [(lines, lines, 2, len(BAD_ANNOTATIONS), 1, 0, 7)]
    # The other files and the KPIs are those of a build without annotations.
    assert kpi_tables(annotated_build) == kpi_tables(clean_build)


def test_without_annotations_the_build_passes_and_stages_none(clean_build):
    assert query(clean_build, "select count(*) from stg_instacart__annotations") == [(0,)]
    assert query(clean_build, "select count(*) from int_annotations__matched") == [(0,)]
    files = [name for (name,) in query(clean_build, "select source_file from fct_data_quality")]
    assert sorted(files) == sorted(TINY_FILES)  # no row for the absent optional file


def test_an_annotations_file_with_only_its_header_builds(tmp_path):
    data_dir = write_dataset(tmp_path / "raw", dict(TINY_FILES, **{"annotations.csv": ANNOTATIONS_HEADER}))
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build", "--exclude-resource-type", "unit_test"], data_dir, db_path, tmp_path)
    assert query(
        db_path,
        "select data_lines, staged_rows, rejected_rows, status from fct_data_quality "
        "where source_file = 'annotations.csv'",
    ) == [(0, 0, 0, "ok")]
