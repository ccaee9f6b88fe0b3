"""Tests for scripts/generate_data.py (run the script as a user would, on small data).

Every expected value is recomputed here from the files themselves, never copied
from the generator's output or its constants. The release-shaped tests run on an
--undated data set; the dated tests on the default (dated) output.
"""

import csv
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_ROOT / "scripts" / "generate_data.py"
# A week's window and the small-basket cut, as the build reads them: the vars' defaults.
DBT_VARS = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"]
KPI_WINDOW_DAYS = DBT_VARS["kpi_window_days"]
SMALL_BASKET_MAX_LINES = DBT_VARS["small_basket_max_lines"]
USERS = 300
SEED = 7
DATED_USERS = 2000
DATED_SEED = 11
DEFAULT_END_DATE = date(2026, 11, 28)  # issue 12: the fixed default end date
EARLIEST_DATE = date(2000, 1, 1)  # the generator's documented floor: no order is dated before it
UNDATED_ORDERS_HEADER = "order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order"
HEADERS = {
    "orders.csv": UNDATED_ORDERS_HEADER,
    "order_products__prior.csv": "order_id,product_id,add_to_cart_order,reordered",
    "order_products__train.csv": "order_id,product_id,add_to_cart_order,reordered",
    "products.csv": "product_id,product_name,aisle_id,department_id",
    "aisles.csv": "aisle_id,aisle",
    "departments.csv": "department_id,department",
}
GENERATION_FILE = "generation.json"
ANNOTATIONS_FILE = "annotations.csv"
# The release's weekday shares, Sunday first (instacart-stats README: 0 and 1 are the
# peaks at 17.6% and 17.2%, the rest 12.5-13.7%).
RELEASE_DOW_SHARES = (0.176, 0.172, 0.137, 0.128, 0.125, 0.133, 0.131)


def run_script(*args: str) -> subprocess.CompletedProcess:
    """Run the generator with the given arguments and capture its output."""
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def generate(out: Path, seed: int = SEED, *extra: str, users: int = USERS) -> subprocess.CompletedProcess:
    """Generate a small data set into `out` and fail loudly if the script fails."""
    result = run_script("--users", str(users), "--seed", str(seed), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return result


def read_rows(path: Path) -> list[dict]:
    """Read a CSV file into dicts with Python's csv module."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_lines(folder: Path) -> dict[str, list[dict]]:
    """Rows of both order_products files, by eval_set."""
    return {name: read_rows(folder / f"order_products__{name}.csv") for name in ("prior", "train")}


def read_generation(folder: Path) -> dict:
    """The generator's generation.json."""
    return json.loads((folder / GENERATION_FILE).read_text(encoding="utf-8"))


def line_counts(lines: dict[str, list[dict]]) -> Counter:
    """Lines per order_id over both order_products files."""
    return Counter(row["order_id"] for rows in lines.values() for row in rows)


def by_user(orders: list[dict]) -> dict[str, list[dict]]:
    """Each user's orders, sorted by order_number."""
    grouped = defaultdict(list)
    for row in orders:
        grouped[row["user_id"]].append(row)
    return {user: sorted(rows, key=lambda r: int(r["order_number"])) for user, rows in grouped.items()}


def order_date(row: dict) -> date:
    """An orders.csv row's order_date."""
    return date.fromisoformat(row["order_date"])


def latest_complete_week(as_of: date) -> date:
    """Monday of the latest ISO week whose Sunday is on or before as_of."""
    sunday = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
    return sunday - timedelta(days=6)


def window_of(week_start: date) -> tuple[date, date]:
    """The kpi_window_days days ending on a week's Sunday."""
    window_end = week_start + timedelta(days=6)
    return window_end - timedelta(days=KPI_WINDOW_DAYS - 1), window_end


def monday_of(day: date) -> date:
    """Monday of the ISO week holding day."""
    return day - timedelta(days=day.weekday())


def segment_of(orders_before_window: int) -> str:
    """A customer's segment from their orders before the window (the bands of seed segment_bands)."""
    if orders_before_window == 0:
        return "new"
    if orders_before_window == 1:
        return "one_time"
    if orders_before_window <= 4:
        return "occasional"
    return "regular" if orders_before_window <= 10 else "power"


def orders_before(orders: list[dict], cutoff: date) -> Counter:
    """Each user's number of orders dated before cutoff."""
    return Counter(row["user_id"] for row in orders if order_date(row) < cutoff)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One small --undated data set shared by the read-only tests, and the run's output."""
    out = tmp_path_factory.mktemp("gen") / "raw"
    return out, generate(out, SEED, "--undated")


@pytest.fixture(scope="module")
def data_dir(first_run) -> Path:
    """Folder of the shared undated data set."""
    return first_run[0]


@pytest.fixture(scope="module")
def orders(data_dir) -> list[dict]:
    """Rows of the undated orders.csv."""
    return read_rows(data_dir / "orders.csv")


@pytest.fixture(scope="module")
def lines(data_dir) -> dict[str, list[dict]]:
    """Rows of both undated order_products files, by eval_set."""
    return read_lines(data_dir)


@pytest.fixture(scope="module")
def dated_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One dated data set (the default) shared by the read-only tests, and the run's output."""
    out = tmp_path_factory.mktemp("dated") / "raw"
    return out, generate(out, DATED_SEED, users=DATED_USERS)


@pytest.fixture(scope="module")
def dated_dir(dated_run) -> Path:
    """Folder of the shared dated data set."""
    return dated_run[0]


@pytest.fixture(scope="module")
def dated_orders(dated_dir) -> list[dict]:
    """Rows of the dated orders.csv."""
    return read_rows(dated_dir / "orders.csv")


@pytest.fixture(scope="module")
def dated_lines(dated_dir) -> dict[str, list[dict]]:
    """Rows of both dated order_products files, by eval_set."""
    return read_lines(dated_dir)


@pytest.fixture(scope="module")
def no_change_dir(tmp_path_factory) -> Path:
    """The dated data set again, same seed, with --no-planted-change."""
    out = tmp_path_factory.mktemp("no_change") / "raw"
    generate(out, DATED_SEED, "--no-planted-change", "--quiet", users=DATED_USERS)
    return out


@pytest.fixture(scope="module")
def steady_dir(tmp_path_factory) -> Path:
    """The steady twin of the dated data set: same users and seed, --steady."""
    out = tmp_path_factory.mktemp("steady") / "raw"
    generate(out, DATED_SEED, "--steady", "--quiet", users=DATED_USERS)
    return out


@pytest.fixture(scope="module")
def steady_orders(steady_dir) -> list[dict]:
    """Rows of the steady twin's orders.csv."""
    return read_rows(steady_dir / "orders.csv")


@pytest.fixture(scope="module", params=["undated", "dated", "steady"])
def any_shape(request) -> tuple[Path, list[dict], dict[str, list[dict]]]:
    """Folder, orders and lines of each shared data set in turn, for checks all shapes share."""
    if request.param == "undated":
        folder = request.getfixturevalue("data_dir")
        return folder, request.getfixturevalue("orders"), request.getfixturevalue("lines")
    if request.param == "steady":
        folder = request.getfixturevalue("steady_dir")
        return folder, request.getfixturevalue("steady_orders"), read_lines(folder)
    folder = request.getfixturevalue("dated_dir")
    return folder, request.getfixturevalue("dated_orders"), request.getfixturevalue("dated_lines")


def test_help_has_examples():
    result = run_script("--help")
    assert result.returncode == 0
    for option in (
        "--users",
        "--seed",
        "--out",
        "--force",
        "--quiet",
        "--undated",
        "--end-date",
        "--no-planted-change",
        "--steady",
        "--no-annotations",
    ):
        assert option in result.stdout
    assert "examples" in result.stdout
    assert "order_date" in result.stdout


def test_headers_exact_and_unix_line_endings(data_dir):
    assert sorted(p.name for p in data_dir.iterdir()) == sorted([*HEADERS, GENERATION_FILE])
    for name, header in HEADERS.items():
        raw = (data_dir / name).read_bytes()
        assert raw.split(b"\n", 1)[0].decode() == header
        assert b"\r" not in raw
        assert raw.endswith(b"\n")


def test_no_staging_folder_left_behind(data_dir):
    assert [p.name for p in data_dir.parent.iterdir()] == [data_dir.name]


def test_numeric_fields_are_plain(data_dir):
    for name in (
        "orders.csv",
        "order_products__prior.csv",
        "order_products__train.csv",
        "aisles.csv",
        "departments.csv",
    ):
        assert '"' not in (data_dir / name).read_text(encoding="utf-8")
    number = re.compile(r"^[0-9]+$")
    for row in read_rows(data_dir / "orders.csv")[:500]:
        for column in ("order_id", "user_id", "order_number", "order_dow", "order_hour_of_day"):
            assert number.match(row[column]), row


def test_same_seed_gives_identical_bytes_and_force_overwrites(data_dir, tmp_path):
    out = tmp_path / "again"
    out.mkdir()
    (out / "orders.csv").write_text("stale\n")
    generate(out, SEED, "--undated", "--force", "--quiet")
    for name in [*HEADERS, GENERATION_FILE]:
        assert (out / name).read_bytes() == (data_dir / name).read_bytes(), name


def test_different_seed_differs_creates_out_folder_and_quiet_prints_nothing(data_dir, tmp_path):
    out = tmp_path / "a" / "b"
    result = generate(out, SEED + 1, "--undated", "--quiet")
    assert result.stdout == "" and result.stderr == ""
    for name in ("orders.csv", "order_products__prior.csv", "products.csv"):
        assert (out / name).read_bytes() != (data_dir / name).read_bytes(), name


# sha256 of the six CSVs of two small runs, recorded from the generator as it was before
# it was split into scripts/generator/ (the single-file generate_data.py of commit 62901a6),
# so a change of output for a seed cannot pass unnoticed. A deliberate change of the
# simulation changes these; say so in its commit.
PINNED_SHA256 = {
    "undated, --users 300 --seed 7": {
        "orders.csv": "f27acae4debbd87f35da7062abf6b14155ef81b888c922cb44baa7c94e33fa77",
        "order_products__prior.csv": "6abd6268cfc55dbe82e20de1c1d2a929822a2eecc741ff79ec7acf0a7aa3c509",
        "order_products__train.csv": "60be7d3d25b9437d04423ac3de1d1f3c603b36bd81a9769e60724203549d597e",
        "products.csv": "976bd8b75c18f92baf4c82b5832635ba6235b925733533eedf154967c18ee4d4",
        "aisles.csv": "6b316db2bdd609a0e9f2d086787bb27d3fdae44c540afb95119f5d5eb217c5fe",
        "departments.csv": "d87bb109df11a44a7c0137c55355cfcfb22db409e7bf6b40b9f59d8891d237d6",
    },
    "dated, --users 2000 --seed 11 --no-planted-change": {
        "orders.csv": "7c379b8b4e346c1fe7d0e290b14838c3ddaaaeb8f3cc50d9d546607e6f7f35b3",
        "order_products__prior.csv": "dd8e4c09369e3eb69518e5a6cd7ed6c71d3c34467301c4a4d75a96e8e728f363",
        "order_products__train.csv": "7372344137c4d588a18d351a233a4bc964ae8888ad56b85f1d5c202885003ac9",
        "products.csv": "4ac5f17975e8b4e0e361992114c710ce98fd8baf164bd9847b88aeda95289b22",
        "aisles.csv": "6b316db2bdd609a0e9f2d086787bb27d3fdae44c540afb95119f5d5eb217c5fe",
        "departments.csv": "d87bb109df11a44a7c0137c55355cfcfb22db409e7bf6b40b9f59d8891d237d6",
    },
}


@pytest.mark.parametrize("run", list(PINNED_SHA256))
def test_small_runs_give_the_pinned_bytes(run, request):
    folder = request.getfixturevalue("data_dir" if run.startswith("undated") else "no_change_dir")
    found = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in PINNED_SHA256[run]}
    assert found == PINNED_SHA256[run]


def test_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "products.csv").write_text("mine\n")
    result = run_script("--users", "5", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "products.csv" in result.stderr
    assert "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "products.csv").read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["products.csv"]


def test_progress_and_summary_when_not_quiet(first_run):
    result = first_run[1]
    assert re.search(r"\[\s*[0-9.]+s\] wrote orders\.csv \([0-9,]+ rows\)", result.stderr)
    for word in ("users", "prior", "train", "test", "basket", "reorder rate", "100 orders"):
        assert word in result.stdout


def test_users_have_4_to_100_orders_numbered_from_1(orders):
    by_user = defaultdict(list)
    for row in orders:
        by_user[int(row["user_id"])].append(int(row["order_number"]))
    assert sorted(by_user) == list(range(1, USERS + 1))
    for numbers in by_user.values():
        assert 4 <= len(numbers) <= 100
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_last_order_is_train_or_test_and_all_others_prior(orders):
    last = defaultdict(int)
    for row in orders:
        last[row["user_id"]] = max(last[row["user_id"]], int(row["order_number"]))
    eval_sets = set()
    for row in orders:
        is_last = int(row["order_number"]) == last[row["user_id"]]
        if is_last:
            assert row["eval_set"] in ("train", "test")
            eval_sets.add(row["eval_set"])
        else:
            assert row["eval_set"] == "prior"
    assert eval_sets == {"train", "test"}


def test_days_since_prior_empty_exactly_on_first_orders(orders):
    for row in orders:
        days = row["days_since_prior_order"]
        if row["order_number"] == "1":
            assert days == ""
        else:
            assert re.fullmatch(r"[0-9]+\.0", days), days
            assert 0 <= float(days) <= 30
        assert 0 <= int(row["order_dow"]) <= 6
        assert 0 <= int(row["order_hour_of_day"]) <= 23


def test_order_ids_unique_shuffled_and_in_range(orders):
    ids = [int(row["order_id"]) for row in orders]
    assert len(set(ids)) == len(ids)
    assert min(ids) >= 1 and max(ids) <= 3_500_000
    assert ids != sorted(ids)


def test_test_orders_have_no_lines_and_lines_match_their_eval_set(orders, lines):
    eval_of = {row["order_id"]: row["eval_set"] for row in orders}
    for name, rows in lines.items():
        assert rows
        for row in rows:
            assert eval_of[row["order_id"]] == name
    ordered = {row["order_id"] for rows in lines.values() for row in rows}
    observed = {order_id for order_id, eval_set in eval_of.items() if eval_set != "test"}
    assert ordered == observed


def test_lines_refer_to_existing_products(any_shape):
    data_dir, _, lines = any_shape
    product_ids = {row["product_id"] for row in read_rows(data_dir / "products.csv")}
    for rows in lines.values():
        for row in rows:
            assert row["product_id"] in product_ids


def test_no_duplicate_product_in_an_order_and_cart_order_runs_1_to_n(any_shape):
    lines = any_shape[2]
    products = defaultdict(list)
    carts = defaultdict(list)
    for rows in lines.values():
        for row in rows:
            products[row["order_id"]].append(row["product_id"])
            carts[row["order_id"]].append(int(row["add_to_cart_order"]))
    for order_id, items in products.items():
        assert len(items) == len(set(items)), order_id
        assert sorted(carts[order_id]) == list(range(1, len(items) + 1)), order_id


def test_lines_sorted_by_order_id_then_cart_order(any_shape):
    lines = any_shape[2]
    for rows in lines.values():
        keys = [(int(row["order_id"]), int(row["add_to_cart_order"])) for row in rows]
        assert keys == sorted(keys)


def test_reordered_flag_matches_each_users_history(any_shape):
    _, orders, lines = any_shape
    order_info = {row["order_id"]: (int(row["user_id"]), int(row["order_number"])) for row in orders}
    basket = defaultdict(list)
    for rows in lines.values():
        for row in rows:
            basket[row["order_id"]].append((row["product_id"], row["reordered"]))
    seen = defaultdict(set)
    flags = []
    for order_id in sorted(basket, key=lambda o: order_info[o]):
        user = order_info[order_id][0]
        for product_id, reordered in basket[order_id]:
            expected = "1" if product_id in seen[user] else "0"
            assert reordered == expected, (order_id, product_id)
            flags.append(expected)
        seen[user].update(product_id for product_id, _ in basket[order_id])
    # the history model makes reorders common but not universal
    assert 0.3 < flags.count("1") / len(flags) < 0.8


def test_first_orders_have_no_reorders(any_shape):
    _, orders, lines = any_shape
    first_orders = {row["order_id"] for row in orders if row["order_number"] == "1"}
    for rows in lines.values():
        for row in rows:
            if row["order_id"] in first_orders:
                assert row["reordered"] == "0"


def test_catalogue_is_full_size_and_consistent(data_dir):
    products = read_rows(data_dir / "products.csv")
    aisles = read_rows(data_dir / "aisles.csv")
    departments = read_rows(data_dir / "departments.csv")
    assert [int(p["product_id"]) for p in products] == list(range(1, 49_689))
    assert [int(a["aisle_id"]) for a in aisles] == list(range(1, 135))
    assert [int(d["department_id"]) for d in departments] == list(range(1, 22))
    assert {"produce", "dairy eggs", "missing"} <= {d["department"] for d in departments}
    aisle_ids = {a["aisle_id"] for a in aisles}
    department_ids = {d["department_id"] for d in departments}
    for product in products:
        assert product["aisle_id"] in aisle_ids and product["department_id"] in department_ids
    names = [p["product_name"] for p in products]
    assert len(set(names)) == len(names)
    # each aisle belongs to exactly one department
    department_of_aisle = defaultdict(set)
    for product in products:
        department_of_aisle[product["aisle_id"]].add(product["department_id"])
    assert all(len(found) == 1 for found in department_of_aisle.values())


def test_product_names_with_commas_quotes_and_non_ascii_round_trip(data_dir):
    raw_lines = (data_dir / "products.csv").read_text(encoding="utf-8").splitlines()[1:]
    with open(data_dir / "products.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == len(raw_lines)  # no field spans lines
    names = [row[1] for row in rows]
    assert all(len(row) == 4 for row in rows)
    assert any("," in name for name in names)
    assert any('"' in name for name in names)
    assert any(re.search(r"[^\x00-\x7f]", name) for name in names)
    for raw, row in zip(raw_lines, rows):
        name = row[1]
        needs_quotes = "," in name or '"' in name
        field = '"' + name.replace('"', '""') + '"' if needs_quotes else name
        assert raw == f"{row[0]},{field},{row[2]},{row[3]}"  # quoted only when needed, "" escaping


@pytest.mark.parametrize("name", [GENERATION_FILE, ANNOTATIONS_FILE])
def test_refuses_to_overwrite_generation_json_or_annotations_without_force(tmp_path, name):
    (tmp_path / name).write_text("mine\n")
    result = run_script("--users", "5", "--out", str(tmp_path))
    assert result.returncode == 2
    assert name in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_no_annotations_leaves_an_existing_annotations_file_alone(tmp_path):
    (tmp_path / ANNOTATIONS_FILE).write_text("mine\n")
    generate(tmp_path, SEED, "--no-annotations", "--quiet", users=5)
    assert (tmp_path / ANNOTATIONS_FILE).read_text() == "mine\n"


def test_undated_generation_json_says_undated(data_dir):
    generation = read_generation(data_dir)
    assert generation["seed"] == SEED and generation["users"] == USERS
    assert generation["dated"] is False
    assert generation["as_of"] is None and generation["planted_change"] is None
    assert generation["planted_department_change"] is None and generation["annotations"] is None


# Dated output (the default)


def test_dated_files_and_headers(dated_dir):
    assert sorted(p.name for p in dated_dir.iterdir()) == sorted([*HEADERS, GENERATION_FILE, ANNOTATIONS_FILE])
    assert [p.name for p in dated_dir.parent.iterdir()] == [dated_dir.name]
    for name, header in HEADERS.items():
        expected = header + ",order_date" if name == "orders.csv" else header
        raw = (dated_dir / name).read_bytes()
        assert raw.split(b"\n", 1)[0].decode() == expected
        assert b"\r" not in raw and raw.endswith(b"\n")


def test_every_dated_order_agrees_with_its_date(dated_orders):
    """Weekday, days since prior, order_number, eval_set and bounds, row by row."""
    users = by_user(dated_orders)
    assert sorted(int(user) for user in users) == list(range(1, DATED_USERS + 1))
    for rows in users.values():
        assert [int(row["order_number"]) for row in rows] == list(range(1, len(rows) + 1))
        assert len(rows) <= 100
        previous = None
        for row in rows:
            assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", row["order_date"]), row
            day = order_date(row)
            assert EARLIEST_DATE <= day <= DEFAULT_END_DATE, row
            assert int(row["order_dow"]) == (day.weekday() + 1) % 7, row
            assert 0 <= int(row["order_hour_of_day"]) <= 23, row
            if previous is None:
                assert row["days_since_prior_order"] == "", row
            else:
                assert day >= previous, row
                assert row["days_since_prior_order"] == f"{min((day - previous).days, 30)}.0", row
            previous = day
        assert [row["eval_set"] for row in rows] == ["prior"] * (len(rows) - 1) + ["train"]


def test_every_dated_order_has_lines_in_its_eval_sets_file(dated_orders, dated_lines):
    eval_of = {row["order_id"]: row["eval_set"] for row in dated_orders}
    for name, rows in dated_lines.items():
        for row in rows:
            assert eval_of[row["order_id"]] == name
    assert set(line_counts(dated_lines)) == set(eval_of)


def test_dated_history_looks_like_a_growing_business(dated_orders):
    """New customers every week, weekly shoppers, lapses and returns, the release's weekday mix."""
    users = by_user(dated_orders)
    first_dates = [order_date(rows[0]) for rows in users.values()]
    all_dates = [order_date(row) for row in dated_orders]
    first_week, last_week = monday_of(min(first_dates)), monday_of(max(all_dates))
    arrival_weeks = {monday_of(day) for day in first_dates}
    weeks = (last_week - first_week).days // 7 + 1
    assert weeks >= 104  # about two years or more
    assert len(arrival_weeks) == weeks  # somebody new every week
    year = timedelta(days=364)
    assert sum(day > max(all_dates) - year for day in first_dates) > sum(
        day <= min(first_dates) + year for day in first_dates
    )  # more arrivals lately

    gaps = Counter((order_date(b) - order_date(a)).days for rows in users.values() for a, b in zip(rows, rows[1:]))
    assert gaps.most_common(1)[0][0] == 7
    assert gaps[7] / sum(gaps.values()) > 0.1  # a good share of weekly rhythm
    assert sum(n for gap, n in gaps.items() if gap > 30) / sum(gaps.values()) > 0.03  # lapses, then returns
    counts = Counter(len(rows) for rows in users.values())
    assert counts[1] > 0 and max(counts) >= 50

    dow = Counter(int(row["order_dow"]) for row in dated_orders)
    shares = [dow[d] / len(dated_orders) for d in range(7)]
    assert sorted(range(7), key=lambda d: -shares[d])[:2] in ([0, 1], [1, 0])
    for share, release in zip(shares, RELEASE_DOW_SHARES):
        assert abs(share - release) < 0.025, shares


def test_generation_json_matches_the_dated_files(dated_dir, dated_orders, dated_lines):
    generation = read_generation(dated_dir)
    dates = [order_date(row) for row in dated_orders]
    assert generation["seed"] == DATED_SEED and generation["users"] == DATED_USERS
    assert generation["dated"] is True
    assert generation["end_date"] == DEFAULT_END_DATE.isoformat()
    assert generation["as_of"] == max(dates).isoformat()
    assert generation["first_order_date"] == min(dates).isoformat()
    as_of, first = max(dates), min(dates)
    weeks = (monday_of(as_of) - monday_of(first)).days // 7 + 1
    assert generation["weeks"] == weeks
    assert generation["complete_weeks"] == weeks - (as_of.weekday() != 6)
    first_reported = monday_of(first)
    while window_of(first_reported)[0] < first:
        first_reported += timedelta(days=7)
    assert generation["reported_weeks"] == (monday_of(as_of) - first_reported).days // 7 + 1

    change = generation["planted_change"]
    week_start = latest_complete_week(as_of)
    window_start, window_end = window_of(week_start)
    assert week_start.weekday() == 0 and week_start + timedelta(days=6) <= as_of
    assert change["week_start"] == week_start.isoformat()
    assert change["comparison_week_start"] == (week_start - timedelta(days=7)).isoformat()
    assert (change["window_start"], change["window_end"]) == (window_start.isoformat(), window_end.isoformat())
    assert (change["segment"], change["metric"], change["effect"], change["direction"]) == (
        "power",
        "items_per_order",
        "rate",
        "down",
    )
    assert 0 < change["fraction_of_lines_dropped"] < 1

    in_window = [row for row in dated_orders if window_start <= order_date(row) <= window_end]
    active = {row["user_id"] for row in in_window}
    assert change["active_customers_in_window"] == len(active)
    before = orders_before(dated_orders, window_start)
    in_scope = [
        row
        for row in dated_orders
        if segment_of(before[row["user_id"]]) == "power"
        and week_start <= order_date(row) <= week_start + timedelta(days=6)
    ]
    assert change["orders_in_scope"] == len(in_scope)
    assert 0 < change["orders_affected"] <= len(in_scope)
    assert change["lines_removed"] >= change["orders_affected"]
    counts = line_counts(dated_lines)
    lines_before_change = sum(counts[row["order_id"]] for row in in_window) + change["lines_removed"]
    assert change["vpac_without_change"] == pytest.approx(lines_before_change / len(active), rel=1e-12)
    assert change["expected_vpac_effect"] == pytest.approx(-change["lines_removed"] / len(active), rel=1e-12)
    assert change["relative_vpac_effect"] == pytest.approx(
        change["expected_vpac_effect"] / change["vpac_without_change"], rel=1e-12
    )


def products_per_order(lines: dict[str, list[dict]]) -> dict[str, set]:
    """Each order's set of product_ids."""
    products = defaultdict(set)
    for rows in lines.values():
        for row in rows:
            products[row["order_id"]].add(row["product_id"])
    return products


@pytest.fixture(scope="module")
def with_and_without_changes(dated_lines, no_change_dir) -> tuple[dict, dict]:
    """Products per order of the dated data set, and of the same seed with --no-planted-change."""
    return products_per_order(dated_lines), products_per_order(read_lines(no_change_dir))


def test_planted_change_only_shrinks_power_orders_of_week_1(
    dated_dir, dated_orders, no_change_dir, with_and_without_changes
):
    """Against the same seed without the changes: same orders, fewer lines exactly where planted.

    The department change's week is left to its own test.
    """
    assert (no_change_dir / "orders.csv").read_bytes() == (dated_dir / "orders.csv").read_bytes()
    assert read_generation(no_change_dir)["planted_change"] is None
    change = read_generation(dated_dir)["planted_change"]
    week_start = date.fromisoformat(change["week_start"])
    department_week = date.fromisoformat(read_generation(dated_dir)["planted_department_change"]["week_start"])
    before = orders_before(dated_orders, window_of(week_start)[0])
    row_of = {row["order_id"]: row for row in dated_orders}
    products, full = with_and_without_changes

    shrunk = [
        order_id
        for order_id in full
        if products[order_id] != full[order_id] and monday_of(order_date(row_of[order_id])) != department_week
    ]
    assert len(shrunk) == change["orders_affected"]
    assert sum(len(full[o]) - len(products[o]) for o in shrunk) == change["lines_removed"]
    fraction = change["fraction_of_lines_dropped"]
    for order_id in shrunk:
        row = row_of[order_id]
        assert week_start <= order_date(row) <= week_start + timedelta(days=6)
        assert segment_of(before[row["user_id"]]) == "power"
        assert products[order_id] < full[order_id]
        kept = len(products[order_id])
        assert kept >= 1 and abs((len(full[order_id]) - kept) - fraction * len(full[order_id])) <= 0.5


def test_department_change_takes_half_of_one_departments_lines_in_its_week(
    dated_dir, dated_orders, with_and_without_changes
):
    """In one full ISO week every order loses about half its lines of one mid-size department, nothing else."""
    generation = read_generation(dated_dir)
    change = generation["planted_department_change"]
    as_of = max(order_date(row) for row in dated_orders)
    week_start = date.fromisoformat(change["week_start"])
    assert week_start.weekday() == 0 and change["comparison_week_start"] == str(week_start - timedelta(days=7))
    weeks_back = (latest_complete_week(as_of) - week_start).days // 7
    assert 3 <= weeks_back <= 8  # about five weeks before the latest complete week, a complete week itself
    assert str(week_start) != generation["planted_change"]["comparison_week_start"]
    departments = {row["department_id"]: row["department"] for row in read_rows(dated_dir / "departments.csv")}
    assert departments[str(change["department_id"])] == change["department_name"]
    department_of = {row["product_id"]: row["department_id"] for row in read_rows(dated_dir / "products.csv")}
    department = str(change["department_id"])
    products, full = with_and_without_changes
    all_lines = [department_of[p] for items in full.values() for p in items]
    assert 0.08 <= all_lines.count(department) / len(all_lines) <= 0.17  # a mid-size department

    in_week = [row["order_id"] for row in dated_orders if monday_of(order_date(row)) == week_start]
    lines_before = lines_after = affected = 0
    for order_id in in_week:
        before, after = full[order_id], products[order_id]
        assert after and after <= before
        assert {p for p in before if department_of[p] != department} == {
            p for p in after if department_of[p] != department
        }, "only the department's lines go"
        lines_before += sum(department_of[p] == department for p in before)
        lines_after += sum(department_of[p] == department for p in after)
        affected += after != before
    assert 0.4 <= change["fraction_of_lines_dropped"] <= 0.6
    assert (lines_before - lines_after) / lines_before == pytest.approx(change["fraction_of_lines_dropped"], abs=0.08)
    assert (change["orders_in_scope"], change["orders_affected"]) == (len(in_week), affected)
    assert (change["lines_removed"], change["department_lines_without_change"]) == (
        lines_before - lines_after,
        lines_before,
    )

    window_start, window_end = window_of(week_start)
    in_window = [row["order_id"] for row in dated_orders if window_start <= order_date(row) <= window_end]
    items_without_change = sum(len(full[order_id]) for order_id in in_window)
    assert change["orders_in_window"] == len(in_window)
    assert change["items_per_order_without_change"] == pytest.approx(items_without_change / len(in_window))
    assert change["expected_items_per_order_effect"] == pytest.approx(-change["lines_removed"] / len(in_window))


def test_planted_change_dominates_week_to_week_noise(tmp_path):
    """At 3,000 users the power segment's rate effect is the largest part of week 1's VPAC change.

    Midpoint shift-share over segments: mix and rate per segment, VPAC
    per segment = items / customers over each week's window.
    """
    generate(tmp_path, 5, "--quiet", users=3000)
    orders = read_rows(tmp_path / "orders.csv")
    counts = line_counts(read_lines(tmp_path))
    as_of = max(order_date(row) for row in orders)
    week_1 = latest_complete_week(as_of)

    def segments(week_start):
        window_start, window_end = window_of(week_start)
        before = orders_before(orders, window_start)
        customers, items = defaultdict(set), Counter()
        for row in orders:
            if window_start <= order_date(row) <= window_end:
                segment = segment_of(before[row["user_id"]])
                customers[segment].add(row["user_id"])
                items[segment] += counts[row["order_id"]]
        total = sum(len(users) for users in customers.values())
        return {
            s: (len(customers[s]) / total, items[s] / len(customers[s]) if customers[s] else None)
            for s in ("new", "one_time", "occasional", "regular", "power")
        }

    now, then = segments(week_1), segments(week_1 - timedelta(days=7))
    effects = {}
    for segment in now:
        (w1, v1), (w0, v0) = now[segment], then[segment]
        v1, v0 = (v1 if v1 is not None else v0), (v0 if v0 is not None else v1)
        effects[(segment, "mix")] = (w1 - w0) * (v0 + v1) / 2 if v0 is not None else 0.0
        effects[(segment, "rate")] = (w0 + w1) / 2 * (v1 - v0) if v0 is not None else 0.0
    largest = max(effects, key=lambda key: abs(effects[key]))
    assert largest == ("power", "rate"), effects
    assert effects[largest] < 0
    expected = read_generation(tmp_path)["planted_change"]["expected_vpac_effect"]
    assert effects[largest] == pytest.approx(expected, rel=0.5)


def test_same_seed_dated_is_byte_identical_including_generation_json(dated_dir, tmp_path):
    generate(tmp_path, DATED_SEED, "--quiet", users=DATED_USERS)
    for name in [*HEADERS, GENERATION_FILE]:
        assert (tmp_path / name).read_bytes() == (dated_dir / name).read_bytes(), name


def test_end_date_moves_the_period(tmp_path):
    generate(tmp_path, SEED, "--quiet", "--end-date", "2025-06-29")
    dates = [order_date(row) for row in read_rows(tmp_path / "orders.csv")]
    generation = read_generation(tmp_path)
    assert max(dates) <= date(2025, 6, 29) and min(dates) >= EARLIEST_DATE
    assert generation["end_date"] == "2025-06-29"
    assert generation["as_of"] == max(dates).isoformat()
    assert generation["planted_change"]["week_start"] == latest_complete_week(max(dates)).isoformat()


@pytest.mark.parametrize(
    "arguments",
    [
        ["--end-date", "2026-13-01"],
        ["--end-date", "2001-06-30"],  # the period would start before 2000-01-01
        ["--undated", "--end-date", "2026-11-28"],
        ["--undated", "--no-planted-change"],
        ["--undated", "--steady"],
        ["--undated", "--no-annotations"],
    ],
)
def test_bad_dated_options_are_refused(tmp_path, arguments):
    result = run_script("--users", "5", "--out", str(tmp_path / "raw"), *arguments)
    assert result.returncode == 2
    assert "error" in result.stderr
    assert not (tmp_path / "raw").exists()


def test_dated_summary_reports_dates_and_planted_change(dated_run):
    stdout = dated_run[1].stdout
    generation = read_generation(dated_run[0])
    assert re.search(rf"dates: {generation['first_order_date']} to {generation['as_of']} \(as_of", stdout)
    assert f"{generation['weeks']} ISO weeks" in stdout
    planted = [line for line in stdout.splitlines() if line.startswith("planted change:")]
    assert len(planted) == 1
    assert generation["planted_change"]["week_start"] in planted[0]
    assert f"{generation['planted_change']['lines_removed']:,} lines removed" in planted[0]
    department = [line for line in stdout.splitlines() if line.startswith("planted department change:")]
    assert len(department) == 1
    assert generation["planted_department_change"]["week_start"] in department[0]
    assert generation["planted_department_change"]["department_name"] in department[0]
    assert f"annotations: {generation['annotations']} rows" in stdout
    assert "test 0" in stdout


# annotations.csv (dated output)


def fourth_thursday_of_november(year: int) -> date:
    """US Thanksgiving."""
    thursdays = [date(year, 11, day) for day in range(1, 31) if date(year, 11, day).weekday() == 3]
    return thursdays[3]


def test_annotations_are_well_formed_and_dated_within_the_data(dated_dir, dated_orders):
    raw = (dated_dir / ANNOTATIONS_FILE).read_text(encoding="utf-8")
    assert raw.split("\n", 1)[0] == "date,metric,kind,author,text"
    assert "\r" not in raw and raw.endswith("\n")
    rows = read_rows(dated_dir / ANNOTATIONS_FILE)
    assert read_generation(dated_dir)["annotations"] == len(rows) > 0
    metric_ids = {row["metric_id"] for row in read_rows(PROJECT_ROOT / "seeds" / "metric_definitions.csv")}
    dates = [order_date(row) for row in dated_orders]
    first, as_of = min(dates), max(dates)
    for row, line in zip(rows, raw.splitlines()[1:]):
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", row["date"]), row
        assert first <= date.fromisoformat(row["date"]) <= as_of, row
        assert row["metric"] in metric_ids | {"all"}, row
        assert row["kind"] in ("event", "comment"), row
        assert row["author"] and row["text"], row
        fields = [row[name] for name in ("date", "metric", "kind", "author", "text")]
        quoted = ['"' + f.replace('"', '""') + '"' if "," in f or '"' in f else f for f in fields]
        assert line == ",".join(quoted)  # quoted only when needed, "" escaping
    assert any("," in row["text"] for row in rows) and any('"' in row["text"] for row in rows)
    kinds = {row["kind"] for row in rows}
    assert kinds == {"event", "comment"}


def test_annotations_hold_ordinary_events_each_beside_last_years(dated_dir, dated_orders):
    rows = read_rows(dated_dir / ANNOTATIONS_FILE)
    events = [(date.fromisoformat(row["date"]), row["text"]) for row in rows if row["kind"] == "event"]
    dates = [order_date(row) for row in dated_orders]
    first, as_of = min(dates), max(dates)
    for year in range(first.year, as_of.year + 1):
        thanksgiving = fourth_thursday_of_november(year)
        if first <= thanksgiving <= as_of:
            assert any(day == thanksgiving and "Thanksgiving" in text for day, text in events), year
    assert any("promotion" in text.lower() for _, text in events)
    for day, text in events:
        if day - timedelta(days=371) >= first:  # the data reaches a year back: last year's is there too
            assert any(other == text and 357 <= (day - earlier).days <= 371 for earlier, other in events), (day, text)
    planted = read_generation(dated_dir)["planted_department_change"]["department_name"]
    for row in rows:
        assert planted not in row["text"].lower() and "power" not in row["text"].lower(), row


def test_no_annotations_flag_and_the_steady_twin_gets_the_same(dated_dir, steady_dir, tmp_path):
    assert (steady_dir / ANNOTATIONS_FILE).read_bytes() == (dated_dir / ANNOTATIONS_FILE).read_bytes()
    generate(tmp_path, SEED, "--no-annotations", "--quiet")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*HEADERS, GENERATION_FILE])
    assert read_generation(tmp_path)["annotations"] is None


# The steady twin (--steady)

STEADY_USERS = 3000  # the size the project's dated test builds use
# The weekly signal rules (process behaviour, XmR): a week judged against the 26 complete
# weeks before it, over the last 52 complete weeks; lower is bad for every metric here
# but the small-basket share.
BASELINE_WEEKS, JUDGED_WEEKS = 26, 52
BAD_DIRECTION = {
    "vpac": -1,
    "orders_per_customer": -1,
    "items_per_order": -1,
    "reorder_rate": -1,
    "small_basket_share": 1,
}


def weekly_metrics(folder: Path) -> dict[str, list[float]]:
    """The five ratio metrics of every complete ISO week (Monday..Sunday) within the data's dates."""
    query = f"""
        with orders as (
            select order_id, user_id, order_date from read_csv('{folder}/orders.csv', header = true)
        ),
        lines as (
            select order_id, reordered from read_csv('{folder}/order_products__prior.csv', header = true)
            union all
            select order_id, reordered from read_csv('{folder}/order_products__train.csv', header = true)
        ),
        baskets as (
            select order_id, count(*) as line_count, sum(reordered) as reordered_count from lines group by order_id
        ),
        weeks as (
            select
                order_date - cast(isodow(order_date) - 1 as integer) as week_start,
                count(distinct user_id) as customers,
                count(*) as orders,
                sum(line_count) as items,
                sum(reordered_count) as reordered,
                count(*) filter (where line_count <= {SMALL_BASKET_MAX_LINES}) as small_orders
            from orders
            join baskets using (order_id)
            group by week_start
        )
        select customers, orders, items, reordered, small_orders
        from weeks
        where week_start >= (select min(order_date) from orders)
            and week_start + 6 <= (select max(order_date) from orders)
        order by week_start
    """
    with duckdb.connect() as con:
        rows = con.execute(query).fetchall()
    return {
        "vpac": [items / customers for customers, _, items, _, _ in rows],
        "orders_per_customer": [orders / customers for customers, orders, _, _, _ in rows],
        "items_per_order": [items / orders for _, orders, items, _, _ in rows],
        "reorder_rate": [reordered / items for _, _, items, reordered, _ in rows],
        "small_basket_share": [small / orders for _, orders, _, _, small in rows],
    }


def exception_weeks(values: list[float], bad: int) -> list[bool]:
    """For each of the last JUDGED_WEEKS weeks, whether a signal rule fires in the bad direction.

    Baseline: the BASELINE_WEEKS weeks before the week; centre their mean, mR their mean
    absolute week-to-week change. Rules: (1) the week beyond centre + 2.66 mR on the bad
    side; (2) the last 8 weeks all on the bad side of the centre; (3) 3 of the last 4 beyond
    the half-way line (centre + 1.33 mR) on the bad side.
    """
    fired = []
    for week in range(len(values) - JUDGED_WEEKS, len(values)):
        baseline = values[week - BASELINE_WEEKS : week]
        centre = sum(baseline) / len(baseline)
        moving_range = sum(abs(b - a) for a, b in zip(baseline, baseline[1:])) / (len(baseline) - 1)
        bad_side = [(value - centre) * bad for value in values[week - 7 : week + 1]]  # the last 8 weeks
        beyond_limit = bad_side[-1] > 2.66 * moving_range
        run_of_eight = all(side > 0 for side in bad_side)
        three_of_four = sum(side > 1.33 * moving_range for side in bad_side[-4:]) >= 3
        fired.append(beyond_limit or run_of_eight or three_of_four)
    return fired


def count_exception_weeks(folder: Path) -> int:
    """Weeks among the last JUDGED_WEEKS in which any of the five metrics signals in its bad direction."""
    metrics = weekly_metrics(folder)
    fired = [exception_weeks(metrics[name], bad) for name, bad in BAD_DIRECTION.items()]
    return sum(any(week) for week in zip(*fired))


@pytest.fixture(scope="module")
def steady_3000_dir(tmp_path_factory) -> Path:
    """The steady twin at the size of the project's dated test builds (3,000 users, seed 11)."""
    out = tmp_path_factory.mktemp("steady_3000") / "raw"
    generate(out, DATED_SEED, "--steady", "--quiet", users=STEADY_USERS)
    return out


def test_steady_twin_holds_steady_over_its_last_78_weeks(steady_3000_dir):
    """At most 1 week in 10 of the last 52 carries a signal in a bad direction."""
    metrics = weekly_metrics(steady_3000_dir)
    assert len(metrics["vpac"]) >= BASELINE_WEEKS + JUDGED_WEEKS
    assert count_exception_weeks(steady_3000_dir) <= JUDGED_WEEKS // 10


def test_steady_twin_has_the_default_customers(steady_orders, no_change_dir):
    """Every customer's steady history is the start of their default history: same arrival, same rhythm.

    Left out: customers whose default history holds 100 orders (it keeps the latest, the twin
    the first) and arrivals in the last days (the default moves one past the end a week back).
    """
    default = by_user(read_rows(no_change_dir / "orders.csv"))
    steady = by_user(steady_orders)
    assert steady.keys() == default.keys()
    compared = 0
    for user, rows in default.items():
        dates = [order_date(row) for row in rows]
        if len(dates) == 100 or dates[0] > DEFAULT_END_DATE - timedelta(days=7):
            continue
        twin = [order_date(row) for row in steady[user]]
        assert twin == dates[: len(twin)], user
        compared += 1
    assert compared > 0.95 * len(default)
    stays = [(order_date(rows[-1]) - order_date(rows[0])).days for rows in steady.values()]
    assert max(stays) <= 70 * 7  # --help: each customer stays at most 70 weeks
    assert max(len(rows) for rows in steady.values()) <= 100
    assert sum(len(rows) for rows in steady.values()) < sum(len(rows) for rows in default.values())


def test_steady_twin_has_no_planted_change(steady_dir, steady_orders, no_change_dir):
    generation = read_generation(steady_dir)
    assert generation["steady"] is True and generation["dated"] is True
    assert generation["planted_change"] is None and generation["planted_department_change"] is None
    assert read_generation(no_change_dir)["steady"] is False
    assert generation["as_of"] == max(order_date(row) for row in steady_orders).isoformat()


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGKILL"])
def test_an_interrupted_run_leaves_no_half_file(tmp_path, signal_name):
    """Stopped mid-run (Ctrl-C, or killed outright), the output folder holds no file at all."""
    import signal
    import time

    out = tmp_path / "raw"
    # A shell that starts pytest in the background hands it SIGINT ignored, and a child
    # inherits that: Ctrl-C is restored so the generator gets it as a terminal would send it.
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--users", "40000", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Wait until it is generating lines (the files are being written in its staging folder).
    for line in process.stderr:
        if "lines:" in line:
            break
    process.send_signal(getattr(signal, signal_name))
    process.wait(timeout=60)
    time.sleep(0.2)
    assert process.returncode != 0
    assert not out.exists() or not list(out.iterdir())
    if signal_name == "SIGINT":
        assert not list(tmp_path.glob(".generate_data-*")), "staging folder left behind"
