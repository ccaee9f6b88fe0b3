"""Damaged input (issue 11, item 8): files broken the ways real exports break.

Each case builds with dbt on small data written here and checks four things: dbt's exit
code, the message the user reads on stdout, the per-file accounting in fct_data_quality
(every line counted byte by byte is staged, set aside or blank), and, when the build
succeeds, that the KPI marts equal those of a build of the clean rows alone. Builds are
shared between tests through module-scoped fixtures (each costs ~8 s).
"""

import collections
import csv
import datetime
import gzip
import io
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt
from test_bad_input import kpi_tables, write_dataset
from test_build import TINY_FILES, query

# A file past the warn threshold (default 0.1 %) is named on stdout; the error threshold is
# opened so that the tiny files, where one bad row is a large share, still build.
WARN_ONLY = {"rejected_share_error": 1.0}

# TINY_FILES plus a third customer whose rows another case rewrites in other accepted
# formats (8 for 8.0, 007 for 7): the clean rows every tiny case is compared with.
BASE_FILES = dict(TINY_FILES)
BASE_FILES["orders.csv"] += "30,3,prior,1,2,10,\n31,3,prior,2,4,11,8.0\n32,3,prior,3,5,12,8.0\n33,3,train,4,1,7,7.0\n"
BASE_FILES["order_products__prior.csv"] += "30,1,1,0\n30,3,2,0\n31,1,1,1\n32,1,1,1\n32,3,2,1\n"
BASE_FILES["order_products__train.csv"] += "33,3,1,1\n"

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LOG_TIME = re.compile(r"^[0-9]{2}:[0-9]{2}:[0-9]{2}  ", re.MULTILINE)

Build = collections.namedtuple("Build", "returncode stdout stderr db_path data_dir")


def build(work_dir, files=None, data_dir=None, dbt_vars=None):
    """`dbt build` on a data folder (written from files when given); stdout as the user reads
    it, without colours and log times."""
    if files is not None:
        data_dir = write_dataset(Path(work_dir) / "raw", files)
    db_path = Path(work_dir) / "instacart.duckdb"
    args = ["build"] + (["--vars", json.dumps(dbt_vars)] if dbt_vars else [])
    result = run_dbt(args, data_dir, db_path, work_dir, check=False)
    stdout = LOG_TIME.sub("", ANSI_ESCAPE.sub("", result.stdout))
    (Path(work_dir) / "dbt_stdout.txt").write_text(stdout)  # to read when a case fails
    return Build(result.returncode, stdout, result.stderr, db_path, Path(data_dir))


def assert_built(result):
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\bERROR=0\b", result.stdout)


def raw_bytes(path):
    path = Path(path)
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def line_counts(path):
    """(lines after the header, blank lines) of a file, counted by Python: bytes.splitlines
    ends a line at LF, CRLF or a lone CR, as the build's count does."""
    lines = raw_bytes(path).splitlines()[1:]
    return len(lines), sum(1 for line in lines if line == b"")


def data_rows(files):
    """Non-blank data rows per file name, of a dict of file texts or a folder."""
    if isinstance(files, Path):
        files = {path.name: raw_bytes(path) for path in files.iterdir() if ".csv" in path.name}
    counts = {}
    for name, text in files.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        counts[name] = sum(1 for line in data.splitlines()[1:] if line)
    return counts


def accounting(db_path):
    """fct_data_quality's per-file accounting: name -> (data_lines, blank_lines, staged, rejected, unaccounted)."""
    rows = query(
        db_path,
        """
        select source_file, data_lines, blank_lines, staged_rows, rejected_rows, unaccounted_lines
        from fct_data_quality""",
    )
    return {name: tuple(values) for name, *values in rows}


def expected_accounting(data_dir, staged, rejected=None):
    """The accounting the build must show: lines from the files' bytes, staged rows from the
    clean rows, set-aside rows as planted, nothing unaccounted."""
    rejected = rejected or {}
    expected = {}
    for path in sorted(Path(data_dir).iterdir()):
        if ".csv" not in path.name:
            continue
        data_lines, blank_lines = line_counts(path)
        key = path.name.removesuffix(".gz")
        expected[path.name] = (data_lines, blank_lines, staged[key], rejected.get(key, 0), 0)
    return expected


def rejected_rows(db_path):
    return sorted(query(db_path, "select source_file, raw_values, rejection_reason from fct_rejected_rows"))


def table_names(db_path):
    if not Path(db_path).exists():
        return set()
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {row[0] for row in con.sql("select table_name from information_schema.tables").fetchall()}


def assert_stopped_with_one_message(result, message):
    """The build stopped at the file check, with the message and no traceback or binary junk;
    nothing after the check was built."""
    assert result.returncode != 0
    assert result.stdout.count(message) == 1, result.stdout[-4000:]
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert all(char.isprintable() or char in "\n\t" for char in output), "unprintable characters in the output"
    assert "\ufffd" not in output
    # Only the file check failed (its message is printed once, in dbt's summary); all else skipped.
    assert re.search(r"ERROR=1\b", result.stdout), result.stdout[-2000:]
    assert "Completed with 1 error" in result.stdout
    assert not {"fct_data_quality", "kpi_north_star"} & table_names(result.db_path)


def warn_line(stdout, file_name):
    """The on-run-end report's line about one file, or None."""
    lines = [line for line in stdout.splitlines() if re.search(rf"(WARN|ERROR): {re.escape(file_name)}:", line)]
    assert len(lines) <= 1, lines
    return lines[0] if lines else None


@pytest.fixture(scope="module")
def clean_tiny(tmp_path_factory):
    """BASE_FILES as written: the clean rows the tiny cases are compared with."""
    result = build(tmp_path_factory.mktemp("clean_tiny"), BASE_FILES)
    assert_built(result)
    return result


@pytest.fixture(scope="module")
def clean_tiny_kpis(clean_tiny):
    tables = kpi_tables(clean_tiny.db_path)
    assert tables, "no kpi_ tables were built"
    return tables


# --- 1. A stray quote in an order-lines file --------------------------------------------

STRAY_QUOTE_LINE = '10,"3,1,0'


@pytest.fixture(scope="module")
def stray_quote_build(small_dataset, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("stray_quote")
    data_dir = work_dir / "raw"
    shutil.copytree(small_dataset, data_dir)
    path = data_dir / "order_products__prior.csv"
    lines = path.read_text().splitlines(keepends=True)
    middle = len(lines) // 2
    path.write_text("".join(lines[:middle]) + STRAY_QUOTE_LINE + "\n" + "".join(lines[middle:]))
    return build(work_dir, data_dir=data_dir)


def test_1_a_stray_quote_sets_aside_that_line_only(stray_quote_build, small_dataset, built_warehouse):
    result = stray_quote_build
    assert_built(result)
    # 1 of ~44k lines is below the warn threshold: the report stays silent.
    assert warn_line(result.stdout, "order_products__prior.csv") is None
    assert rejected_rows(result.db_path) == [("order_products__prior.csv", STRAY_QUOTE_LINE, "invalid_product_id")]
    text = (result.data_dir / "order_products__prior.csv").read_text()
    counted = accounting(result.db_path)
    assert counted["order_products__prior.csv"][0] == len(text.splitlines()) - 1
    # Every line after the quote is staged: a CSV reader would have run the quoted field on.
    assert counted == expected_accounting(result.data_dir, data_rows(small_dataset), {"order_products__prior.csv": 1})
    assert query(result.db_path, "select count(*) from fct_order_lines") == query(
        built_warehouse, "select count(*) from fct_order_lines"
    )
    assert kpi_tables(result.db_path) == kpi_tables(built_warehouse)


# --- 2. An order-lines file cut in half ---------------------------------------------------


@pytest.fixture(scope="module")
def cut_file(small_dataset, tmp_path_factory):
    """The generated files with order_products__prior.csv cut after half its lines, in the
    middle of the next one (its order id and the first digit of its product id kept)."""
    work_dir = tmp_path_factory.mktemp("cut")
    data_dir = work_dir / "raw"
    shutil.copytree(small_dataset, data_dir)
    path = data_dir / "order_products__prior.csv"
    lines = path.read_text().splitlines(keepends=True)
    half = len(lines) // 2
    order_id, product_id = lines[half].split(",")[:2]
    cut_line = f"{order_id},{product_id[0]}"
    path.write_text("".join(lines[:half]) + cut_line)
    return work_dir, data_dir, cut_line


def test_2_a_file_cut_in_half_fails_naming_it(cut_file, small_dataset):
    work_dir, data_dir, cut_line = cut_file
    result = build(work_dir, data_dir=data_dir)
    assert result.returncode != 0

    # Counted independently: prior orders in orders.csv whose lines are all gone.
    with open(data_dir / "orders.csv", newline="") as handle:
        prior_orders = {row["order_id"] for row in csv.DictReader(handle) if row["eval_set"] == "prior"}
    with open(data_dir / "order_products__prior.csv", newline="") as handle:
        kept = [row for row in csv.reader(handle)][1:-1]  # header and the cut line left out
    orders_with_lines = {row[0] for row in kept}
    with open(small_dataset / "order_products__prior.csv", newline="") as handle:
        assert {row["order_id"] for row in csv.DictReader(handle)} == prior_orders  # all had lines before the cut
    without = len(prior_orders - orders_with_lines)
    assert without > len(prior_orders) / 3

    message = warn_line(result.stdout, "order_products__prior.csv")
    assert message is not None, result.stdout[-4000:]
    assert message.startswith(
        f"ERROR: order_products__prior.csv: {without} of {len(prior_orders)} orders it should hold lines for have none"
    )
    assert "(order_without_lines" in message
    assert "looks cut short" in message
    # The failing check is the error-threshold test, and only that.
    assert "Failure in test assert_no_file_past_rejection_error_threshold" in result.stdout
    assert re.search(r"ERROR=1\b", result.stdout)

    assert query(
        result.db_path,
        """
        select orders_expecting_lines, orders_without_lines from fct_data_quality
        where source_file = 'order_products__prior.csv'""",
    ) == [(len(prior_orders), without)]
    # The cut line is set aside, every whole line before it is staged.
    assert rejected_rows(result.db_path) == [("order_products__prior.csv", cut_line, "malformed_line")]
    staged = data_rows(small_dataset) | {"order_products__prior.csv": len(kept)}
    assert accounting(result.db_path) == expected_accounting(data_dir, staged, {"order_products__prior.csv": 1})


# --- 3. Strict whole numbers -----------------------------------------------------------

NOT_WHOLE_NUMBERS = ["105.5", "0.6", "0x6A", "1.06e2", "1_0", "nan", "inf", "+5", " 5", "-3"]
ORDER_COLUMNS = [
    "order_id",
    "user_id",
    "eval_set",
    "order_number",
    "order_dow",
    "order_hour_of_day",
    "days_since_prior_order",
]
ORDER_TEMPLATE = ["40", "4", "prior", "2", "1", "8", "5.0"]  # fine as it is: a new order
LINE_COLUMNS = ["order_id", "product_id", "add_to_cart_order", "reordered"]
LINE_TEMPLATE = ["10", "3", "3", "0"]  # fine as it is: a third product in order 10


def strict_bad_rows():
    """(file, line, reason): each value above in each integer field of both files."""
    rows = []
    for name, columns, template in (
        ("orders.csv", ORDER_COLUMNS, ORDER_TEMPLATE),
        ("order_products__prior.csv", LINE_COLUMNS, LINE_TEMPLATE),
    ):
        for position, column in enumerate(columns):
            if column == "eval_set":
                continue
            for value in NOT_WHOLE_NUMBERS:
                fields = list(template)
                fields[position] = value
                rows.append((name, ",".join(fields), f"invalid_{column}"))
    return rows


def strict_files():
    """BASE_FILES with the third customer's rows in other accepted formats (8 for 8.0, 007 for
    7, 2.0 for 2, zero-padded ids) and the bad rows appended."""
    files = dict(BASE_FILES)
    files["orders.csv"] = (
        files["orders.csv"]
        .replace("31,3,prior,2,4,11,8.0\n", "31,3,prior,2,4,11,8\n")
        .replace("33,3,train,4,1,7,7.0\n", "33,3,train,4,1,007,7.0\n")
    )
    files["order_products__prior.csv"] = (
        files["order_products__prior.csv"]
        .replace("30,1,1,0\n", "030,001,001,000\n")
        .replace("32,3,2,1\n", "32,3,2.0,1\n")
    )
    for name, line, _ in strict_bad_rows():
        files[name] += line + "\n"
    return files


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory):
    return build(tmp_path_factory.mktemp("strict"), strict_files(), dbt_vars=WARN_ONLY)


def test_3_values_not_written_as_whole_numbers_are_set_aside_never_rounded(strict_build, clean_tiny, clean_tiny_kpis):
    result = strict_build
    assert_built(result)
    bad = strict_bad_rows()
    assert len(bad) == 100
    assert rejected_rows(result.db_path) == sorted(bad)
    for name, count in (("orders.csv", 60), ("order_products__prior.csv", 40)):
        message = warn_line(result.stdout, name)
        assert message and message.startswith(f"WARN: {name}: {count} of "), result.stdout[-4000:]
        assert "invalid_order_id: 10" in message
    assert warn_line(result.stdout, "products.csv") is None

    # Nothing rounded or reinterpreted: no order 106 (105.5, 1.06e2, 0x6A) or 5, no flag 1 from 0.6.
    for sql in (
        "select order_id from fct_orders order by 1",
        "select order_id, product_id, add_to_cart_order, is_reordered from fct_order_lines order by all",
    ):
        assert query(result.db_path, sql) == query(clean_tiny.db_path, sql)
    # 8.0 and 8 both load as 8, 007 as 7, 2.0 as 2, 030 as 30.
    assert query(
        result.db_path,
        """
        select order_id, days_since_prior_order, order_hour_of_day from fct_orders where user_id = 3 order by 1""",
    ) == [(30, None, 10), (31, 8, 11), (32, 8, 12), (33, 7, 7)]
    assert query(
        result.db_path,
        """
        select order_id, product_id, add_to_cart_order from fct_order_lines where order_id in (30, 32) order by all""",
    ) == [(30, 1, 1), (30, 3, 2), (32, 1, 1), (32, 3, 2)]

    rejected = collections.Counter(name for name, _, _ in bad)
    assert accounting(result.db_path) == expected_accounting(result.data_dir, data_rows(BASE_FILES), rejected)
    assert kpi_tables(result.db_path) == clean_tiny_kpis


# --- 4. Harmless formats ---------------------------------------------------------------


def harmless_files():
    """BASE_FILES as other tools write them: mixed CRLF and LF, blank lines in the middle,
    two trailing line ends, no final line end, a UTF-8 BOM, lone CRs."""

    def lines(name):
        return BASE_FILES[name].splitlines()

    orders = lines("orders.csv")
    prior = lines("order_products__prior.csv")
    products = lines("products.csv")
    return {
        # BOM, and CRLF and LF in turn.
        "orders.csv": b"\xef\xbb\xbf"
        + "".join(line + ("\r\n" if index % 2 else "\n") for index, line in enumerate(orders)).encode(),
        # Blank lines in the middle (LF LF, and a CRLF blank), two line ends at the end.
        "order_products__prior.csv": (
            "\n".join(prior[:3]) + "\n\n\n" + "\n".join(prior[3:6]) + "\r\n\r\n" + "\n".join(prior[6:]) + "\n\n"
        ).encode(),
        # No final line end.
        "order_products__train.csv": BASE_FILES["order_products__train.csv"].rstrip("\n").encode(),
        # CRLF throughout, a blank line, no final line end, a BOM.
        "products.csv": b"\xef\xbb\xbf" + ("\r\n".join(products[:2] + [""] + products[2:])).encode(),
        "aisles.csv": (BASE_FILES["aisles.csv"] + "\n").encode(),
        # Lone CR line ends (old Mac exports), counted and read as line ends too.
        "departments.csv": BASE_FILES["departments.csv"].replace("\n", "\r").encode(),
    }


def test_4_harmless_formats_load_like_the_plain_files(tmp_path, clean_tiny, clean_tiny_kpis):
    result = build(tmp_path, harmless_files())
    assert_built(result)
    assert "WARN:" not in result.stdout and "ERROR:" not in result.stdout
    assert rejected_rows(result.db_path) == []
    counted = accounting(result.db_path)
    assert counted == expected_accounting(result.data_dir, data_rows(BASE_FILES))
    assert {name: values[1] for name, values in counted.items()} == {
        "orders.csv": 0,
        "order_products__prior.csv": 4,
        "order_products__train.csv": 0,
        "products.csv": 1,
        "aisles.csv": 1,
        "departments.csv": 0,
    }
    assert query(result.db_path, "select product_id, product_name from dim_products order by 1") == query(
        clean_tiny.db_path, "select product_id, product_name from dim_products order by 1"
    )
    assert kpi_tables(result.db_path) == clean_tiny_kpis


# --- 5. A byte that is not UTF-8 ---------------------------------------------------------

LATIN1_PRODUCT = b"4,caf\xe9,1,1"
LATIN1_PRODUCT_LINE = "11,4,4,0"


def test_5_a_latin1_product_name_is_set_aside_as_invalid_utf8(tmp_path, clean_tiny_kpis):
    files = dict(BASE_FILES)
    products = BASE_FILES["products.csv"].encode().splitlines(keepends=True)
    # In the middle of the file, so that a line lost after it would show.
    files["products.csv"] = b"".join(products[:3]) + LATIN1_PRODUCT + b"\n" + b"".join(products[3:])
    files["order_products__prior.csv"] += LATIN1_PRODUCT_LINE + "\n"
    result = build(tmp_path, files, dbt_vars=WARN_ONLY)
    assert_built(result)

    rejected = rejected_rows(result.db_path)
    # The product is set aside as unreadable; its text as the reader shows it still names it.
    # Its order lines then have no product to join to: they are set aside as unknown_product.
    assert [(name, reason) for name, _, reason in rejected] == [
        ("order_products__prior.csv", "unknown_product"),
        ("products.csv", "invalid_utf8"),
    ]
    assert rejected[0][1] == LATIN1_PRODUCT_LINE
    # DuckDB's reader shows the bad byte as '??', which also covers the byte after it (here
    # the comma): '4,caf??1,1'. The line is counted and named; its text is not byte-exact.
    assert rejected[1][1].startswith("4,caf") and rejected[1][1].endswith("1,1")
    assert warn_line(result.stdout, "products.csv").startswith("WARN: products.csv: 1 of 4 rows set aside")
    assert "invalid_utf8: 1" in warn_line(result.stdout, "products.csv")
    assert "unknown_product: 1" in warn_line(result.stdout, "order_products__prior.csv")

    staged = data_rows(BASE_FILES)
    assert accounting(result.db_path) == expected_accounting(
        result.data_dir, staged, {"products.csv": 1, "order_products__prior.csv": 1}
    )
    # The line after it is read whole.
    assert query(result.db_path, "select product_name from dim_products where product_id = 3") == [
        ("Pomme Golden Délicieuse",)
    ]
    assert kpi_tables(result.db_path) == clean_tiny_kpis


# --- 6. Compressed and UTF-16 files -----------------------------------------------------


def test_6a_gzipped_files_are_read_like_plain_ones(small_dataset, built_warehouse, tmp_path):
    data_dir = tmp_path / "raw"
    data_dir.mkdir()
    for path in small_dataset.glob("*.csv"):
        (data_dir / f"{path.name}.gz").write_bytes(gzip.compress(path.read_bytes()))
    result = build(tmp_path, data_dir=data_dir)
    assert_built(result)
    assert "WARN:" not in result.stdout and "ERROR:" not in result.stdout
    staged = data_rows(small_dataset)
    assert accounting(result.db_path) == expected_accounting(data_dir, staged)
    assert sorted(accounting(result.db_path)) == sorted(f"{name}.gz" for name in staged)
    assert kpi_tables(result.db_path) == kpi_tables(built_warehouse)


def test_6b_a_file_both_plain_and_gzipped_stops_with_one_message(tmp_path):
    files = dict(BASE_FILES)
    files["aisles.csv.gz"] = gzip.compress(BASE_FILES["aisles.csv"].encode())
    result = build(tmp_path, files)
    assert_stopped_with_one_message(result, "holds both aisles.csv and aisles.csv.gz; keep one of them.")


def test_6c_a_gzip_file_named_csv_stops_saying_rename_or_gunzip(tmp_path):
    files = dict(BASE_FILES)
    files["orders.csv"] = gzip.compress(BASE_FILES["orders.csv"].encode())
    result = build(tmp_path, files)
    assert_stopped_with_one_message(result, "orders.csv' is gzip-compressed but named .csv. Rename it to orders.csv.gz")
    assert "or decompress it (gunzip)" in result.stdout


def test_6e_a_plain_file_named_gz_stops_saying_rename_or_gzip(tmp_path):
    files = dict(BASE_FILES)
    del files["aisles.csv"]
    files["aisles.csv.gz"] = BASE_FILES["aisles.csv"]
    result = build(tmp_path, files)
    assert_stopped_with_one_message(
        result, "aisles.csv.gz' is named .gz but is not gzip-compressed. Rename it to aisles.csv"
    )


def test_6d_a_utf16_file_stops_saying_convert_it(tmp_path):
    files = dict(BASE_FILES)
    files["products.csv"] = BASE_FILES["products.csv"].encode("utf-16")
    result = build(tmp_path, files)
    assert_stopped_with_one_message(result, "products.csv' is UTF-16 text; the files must be UTF-8.")
    assert "iconv -f UTF-16 -t UTF-8 products.csv" in result.stdout


# --- 7. Folder names taken literally ------------------------------------------------------

# Every character a shell, YAML, SQL, Jinja or a glob would read: quotes, a semicolon,
# $HOME, backticks, [v2] (a glob class), * and ? (glob wildcards), {{ x }} (Jinja).
ODD_FOLDER = 'it\'s "my" data; $HOME `id` [v2] * ? {{ x }}'
# What the folder's name would match read as a glob ([v2] -> v, * -> XY, ? -> Z): a sibling
# holding other data (one customer less), which must never be read.
GLOB_SIBLING = 'it\'s "my" data; $HOME `id` v XY Z {{ x }}'


@pytest.fixture(scope="module")
def odd_folders(tmp_path_factory):
    parent = tmp_path_factory.mktemp("paths")
    named = write_dataset(parent / ODD_FOLDER, BASE_FILES)
    other = dict(BASE_FILES)
    other["orders.csv"] = "".join(
        line for line in BASE_FILES["orders.csv"].splitlines(keepends=True) if ",2," not in line[:6]
    )
    other["order_products__prior.csv"] = BASE_FILES["order_products__prior.csv"].replace("20,3,1,0\n", "")
    sibling = write_dataset(parent / GLOB_SIBLING, other)
    return parent, named, sibling


def assert_read_from_named_folder(result, named, clean_tiny_kpis):
    assert_built(result)
    paths = query(result.db_path, "select distinct file_path from base_instacart__raw_files")
    assert {Path(path).parent for (path,) in paths} == {named}
    assert accounting(result.db_path) == expected_accounting(named, data_rows(BASE_FILES))
    assert query(result.db_path, "select count(*) from dim_customers") == [(3,)]
    assert kpi_tables(result.db_path) == clean_tiny_kpis


def test_7a_an_odd_folder_name_works_literally_through_the_environment(odd_folders, tmp_path, clean_tiny_kpis):
    parent, named, sibling = odd_folders
    assert sibling.exists()
    result = build(tmp_path, data_dir=named)
    assert_read_from_named_folder(result, named, clean_tiny_kpis)


def test_7b_an_odd_folder_name_works_literally_through_vars(odd_folders, tmp_path, clean_tiny_kpis):
    parent, named, sibling = odd_folders
    # The environment points at the sibling: only --vars can lead the build to the named folder.
    result = build(tmp_path, data_dir=sibling, dbt_vars={"data_dir": str(named)})
    assert_read_from_named_folder(result, named, clean_tiny_kpis)


# --- 8. Dated orders ----------------------------------------------------------------------

DATES = {"10": "2024-03-04", "11": "2024-03-11", "12": "2024-04-10", "20": "2024-03-05", "21": "2024-03-08"}


def dated(orders_text, dates):
    lines = orders_text.splitlines()
    rows = [lines[0] + ",order_date"] + [f"{line},{dates[line.split(',')[0]]}" for line in lines[1:]]
    return "\n".join(rows) + "\n"


DATED_FILES = dict(TINY_FILES, **{"orders.csv": dated(TINY_FILES["orders.csv"], DATES)})


def dated_bad_rows():
    after_today = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    return [
        ("orders.csv", "30,3,prior,1,0,8,,2026-13-01", "invalid_order_date"),
        ("orders.csv", "31,3,prior,2,1,8,5.0,yesterday", "invalid_order_date"),
        ("orders.csv", "32,3,prior,3,1,8,5.0,1999-12-31", "order_date_before_2000"),
        ("orders.csv", f"33,3,prior,4,1,8,5.0,{after_today}", "order_date_after_build_day"),
        # User 1's fourth order, dated before the third (2024-04-10).
        ("orders.csv", "13,1,prior,4,2,10,5.0,2024-04-01", "order_date_out_of_order"),
    ]


@pytest.fixture(scope="module")
def clean_dated(tmp_path_factory):
    result = build(tmp_path_factory.mktemp("clean_dated"), DATED_FILES)
    assert_built(result)
    return result


def test_8a_bad_order_dates_are_set_aside_with_their_reasons(tmp_path, clean_dated):
    files = dict(DATED_FILES)
    files["orders.csv"] += "".join(line + "\n" for _, line, _ in dated_bad_rows())
    result = build(tmp_path, files, dbt_vars=WARN_ONLY)
    assert_built(result)
    assert rejected_rows(result.db_path) == sorted(dated_bad_rows())
    message = warn_line(result.stdout, "orders.csv")
    assert message.startswith("WARN: orders.csv: 5 of 10 rows set aside")
    for reason in (
        "invalid_order_date: 2",
        "order_date_before_2000: 1",
        "order_date_after_build_day: 1",
        "order_date_out_of_order: 1",
    ):
        assert reason in message
    assert accounting(result.db_path) == expected_accounting(result.data_dir, data_rows(DATED_FILES), {"orders.csv": 5})
    assert query(result.db_path, "select order_id, order_date from fct_orders order by 1") == query(
        clean_dated.db_path, "select order_id, order_date from fct_orders order by 1"
    )
    clean = kpi_tables(clean_dated.db_path)
    assert clean["kpi_weekly_scorecard"], "the dated build has no weeks"
    assert kpi_tables(result.db_path) == clean


def test_8b_a_dated_file_with_a_row_without_a_date_stops_naming_it(tmp_path):
    files = dict(DATED_FILES)
    files["orders.csv"] = files["orders.csv"].replace("11,1,prior,2,3,09,7.0,2024-03-11", "11,1,prior,2,3,09,7.0,")
    result = build(tmp_path, files)
    assert result.returncode != 0
    message = (
        "orders.csv has order_date in its header but 1 row(s) without a date, the first: "
        "'11,1,prior,2,3,09,7.0,'. Every order needs a date (YYYY-MM-DD) in the eighth column, "
        "or none does (drop the column)."
    )
    assert result.stdout.count(message) == 1, result.stdout[-4000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"ERROR=1\b", result.stdout)
    assert not {"fct_data_quality", "kpi_north_star"} & table_names(result.db_path)


# --- 9. Lines too long to read ------------------------------------------------------------


def test_9a_a_line_longer_than_the_limit_is_set_aside_as_line_too_long(tmp_path, clean_tiny_kpis):
    """The limit lowered (var raw_line_max_bytes), so that lines of 607 and 1,001 bytes are too long:
    it is set aside with its reason, its first 200 characters, its line number and its size."""
    files = dict(BASE_FILES)
    long_product = "4," + "x" * 995 + ",1,1"
    long_order_line = "10," + "3" * 600 + ",3,0"
    files["products.csv"] += long_product + "\n"
    files["order_products__prior.csv"] += long_order_line + "\n"
    result = build(tmp_path, files, dbt_vars=dict(WARN_ONLY, raw_line_max_bytes=300))
    assert_built(result)
    prior_lines = len(files["order_products__prior.csv"].splitlines())
    assert rejected_rows(result.db_path) == [
        (
            "order_products__prior.csv",
            f"{long_order_line[:200]}... (line {prior_lines}, {len(long_order_line)} bytes)",
            "line_too_long",
        ),
        ("products.csv", f"{long_product[:200]}... (line 5, {len(long_product)} bytes)", "line_too_long"),
    ]
    assert "line_too_long: 1" in warn_line(result.stdout, "products.csv")
    assert "line ends" not in result.stdout
    assert accounting(result.db_path) == expected_accounting(
        result.data_dir, data_rows(BASE_FILES), {"products.csv": 1, "order_products__prior.csv": 1}
    )
    assert kpi_tables(result.db_path) == clean_tiny_kpis


def test_9b_a_line_longer_than_the_readers_buffer_is_set_aside_not_lost(tmp_path, clean_tiny_kpis):
    """34 MB on one line, past DuckDB's 32 MB buffer (which drops such a line without a word)
    and the default 2 MB limit: set aside and counted, every other line read."""
    files = dict(BASE_FILES)
    products = BASE_FILES["products.csv"].encode().splitlines(keepends=True)
    files["products.csv"] = b"".join(products[:2]) + b"4," + b"y" * (34 << 20) + b",1,1\n" + b"".join(products[2:])
    result = build(tmp_path, files, dbt_vars=WARN_ONLY)
    assert_built(result)
    assert rejected_rows(result.db_path) == [
        ("products.csv", "4," + "y" * 198 + f"... (line 3, {(34 << 20) + 6} bytes)", "line_too_long")
    ]
    assert "line ends" not in result.stdout
    assert accounting(result.db_path) == expected_accounting(
        result.data_dir, data_rows(BASE_FILES), {"products.csv": 1}
    )
    assert query(result.db_path, "select count(*) from dim_products") == [(3,)]
    assert kpi_tables(result.db_path) == clean_tiny_kpis


# --- 10. Quoted fields, as CSV means them -------------------------------------------------


def quote_all(text, columns=None):
    """A CSV text with its fields quoted as some tools export them: every field, or those of the given columns."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if columns is None else csv.QUOTE_MINIMAL, lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        if columns is None:
            writer.writerow(row)
        else:
            out.write(",".join(f'"{value}"' if index in columns else value for index, value in enumerate(row)) + "\n")
    return out.getvalue()


def test_10_quoted_fields_load_like_the_plain_files(tmp_path, clean_tiny, clean_tiny_kpis):
    """orders.csv and the order-lines files quoted as some tools write them (every field, the
    header too, or some columns only; an empty days field as ""): read as CSV means them."""
    files = {name: quote_all(text) for name, text in BASE_FILES.items()}
    files["order_products__train.csv"] = quote_all(BASE_FILES["order_products__train.csv"], columns={0, 3})
    assert files["orders.csv"].splitlines()[1] == '"10","1","prior","1","0","8",""'
    result = build(tmp_path, files)
    assert_built(result)
    assert "WARN:" not in result.stdout and "ERROR:" not in result.stdout
    assert rejected_rows(result.db_path) == []
    assert accounting(result.db_path) == expected_accounting(result.data_dir, data_rows(BASE_FILES))
    for sql in (
        "select * from fct_orders order by order_id",
        "select * from fct_order_lines order by order_id, product_id",
        "select * from dim_products order by product_id",
    ):
        assert query(result.db_path, sql) == query(clean_tiny.db_path, sql), sql
    assert kpi_tables(result.db_path) == clean_tiny_kpis


def test_10b_a_quoted_value_that_is_no_number_is_still_set_aside(tmp_path):
    """Quotes come off a value only as CSV means them: a quoted field holding a comma, or a stray
    quote, is not a number, and a line not quoted as CSV means keeps its quotes; the line is set
    aside, every other line read."""
    files = dict(BASE_FILES)
    bad = [
        ("orders.csv", '"40","4","prior","2","1","8","5,0"', "malformed_line"),
        ("orders.csv", '"41","4","prior","3","1","8",5.0"', "invalid_order_id"),
        ("order_products__prior.csv", '"10","3"3,"3","0"', "invalid_order_id"),  # quotes kept: "10" is no number
    ]
    for name, line, _ in bad:
        files[name] += line + "\n"
    result = build(tmp_path, files, dbt_vars=WARN_ONLY)
    assert_built(result)
    assert rejected_rows(result.db_path) == sorted(bad)
    assert accounting(result.db_path) == expected_accounting(
        result.data_dir, data_rows(BASE_FILES), {"orders.csv": 2, "order_products__prior.csv": 1}
    )


# --- 11. Line ends inside a quoted field ----------------------------------------------------

MULTILINE_PRODUCTS = (
    '4,"Organic\nBananas",1,1\n'  # a name over two lines
    '5,"Kale, ""Curly""\r\nBunch\n(large)",2,2\n'  # over three, a CR LF among them, quotes and a comma
    '6,"Unclosed name,1,1\n'  # a stray quote: this line only is set aside
    "7,Plain Thing,1,1\n"
)


def test_11_a_line_end_inside_a_quoted_name_is_part_of_the_name(tmp_path):
    """A product name that holds line ends is staged with them (each read as a line feed), its
    order lines are kept, and each of its lines is accounted for: the row counts them all."""
    files = dict(BASE_FILES)
    files["products.csv"] += MULTILINE_PRODUCTS
    files["order_products__prior.csv"] += "11,4,4,0\n20,5,2,0\n20,7,3,0\n"
    result = build(tmp_path, files, dbt_vars=WARN_ONLY)
    assert_built(result)
    assert query(
        result.db_path, "select product_id, product_name from dim_products where product_id >= 4 order by 1"
    ) == [
        (4, "Organic\nBananas"),
        (5, 'Kale, "Curly"\nBunch\n(large)'),
        (7, "Plain Thing"),
    ]
    assert rejected_rows(result.db_path) == [("products.csv", '6,"Unclosed name,1,1', "malformed_line")]
    assert query(
        result.db_path, "select order_id, product_id from fct_order_lines where order_id in (11, 20) order by 1, 2"
    ) == [(11, 1), (11, 2), (11, 3), (11, 4), (20, 3), (20, 5), (20, 7)]
    lines, _ = line_counts(result.data_dir / "products.csv")
    assert lines == 3 + 7
    assert query(
        result.db_path,
        """
        select data_lines, raw_rows, staged_rows, rejected_rows, continuation_lines, unaccounted_lines
        from fct_data_quality where source_file = 'products.csv'""",
    ) == [(10, 10, 6, 1, 3, 0)]
    counted = accounting(result.db_path)
    del counted["products.csv"]
    staged = data_rows(BASE_FILES) | {
        "order_products__prior.csv": data_rows(BASE_FILES)["order_products__prior.csv"] + 3
    }
    assert counted == {
        name: values for name, values in expected_accounting(result.data_dir, staged).items() if name != "products.csv"
    }


# --- 12. Files linked into the data folder ------------------------------------------------

HEADERLESS_FIRST_ROW = "12,1,1,1"  # order 12's train line, as a part file without its header has it


def everything_written(result, work_dir):
    """What the build showed and logged: stdout, stderr, dbt's log and run results."""
    written = [result.stdout, result.stderr]
    for path in (Path(work_dir) / "logs" / "dbt.log", Path(work_dir) / "target" / "run_results.json"):
        if path.exists():
            written.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(written)


def linked_folder(work_dir, files):
    """A data folder whose every file is a symbolic link to a file kept elsewhere."""
    store = write_dataset(Path(work_dir) / "store", files)
    data_dir = Path(work_dir) / "raw"
    data_dir.mkdir()
    for path in store.iterdir():
        (data_dir / path.name).symlink_to(path)
    return data_dir


def test_12a_linked_files_build_and_log_no_data(tmp_path, clean_tiny_kpis):
    data_dir = linked_folder(tmp_path, BASE_FILES)
    result = build(tmp_path, data_dir=data_dir)
    assert_built(result)
    assert kpi_tables(result.db_path) == clean_tiny_kpis
    assert accounting(result.db_path) == expected_accounting(data_dir, data_rows(BASE_FILES))
    written = everything_written(result, tmp_path)
    for name, text in BASE_FILES.items():
        header, first_row = text.splitlines()[:2]
        assert first_row not in written, f"{name}'s first row is in the output or the logs"


def test_12b_a_link_to_a_file_without_its_header_is_named_and_its_first_row_not_shown(tmp_path):
    """A link to a part file with no header line (its first line is a data row): the build stops
    naming the link and the file it points to, and shows that row nowhere."""
    files = dict(BASE_FILES)
    del files["order_products__train.csv"]
    data_dir = linked_folder(tmp_path, files)
    part = write_dataset(tmp_path / "export", {"part-00001.csv": HEADERLESS_FIRST_ROW + "\n33,3,1,1\n"})
    (data_dir / "order_products__train.csv").symlink_to(part / "part-00001.csv")
    result = build(tmp_path, data_dir=data_dir)
    message = (
        f"File '{data_dir / 'order_products__train.csv'}' (a link to '{part / 'part-00001.csv'}') does not start "
        "with the header 'order_id,product_id,add_to_cart_order,reordered': its first line has none of those "
        "columns (a file without its header line, or another file). Check that this is the Instacart "
        "order_products__train.csv export."
    )
    assert_stopped_with_one_message(result, message)
    assert HEADERLESS_FIRST_ROW not in everything_written(result, tmp_path)
