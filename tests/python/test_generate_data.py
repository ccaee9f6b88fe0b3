"""Tests for scripts/generate_data.py (run the script as a user would, on a few hundred users).

Every expected value is recomputed here from the files themselves, never copied
from the generator's output or its constants.
"""

import csv
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_data.py"
USERS = 300
SEED = 7
HEADERS = {
    "orders.csv": "order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order",
    "order_products__prior.csv": "order_id,product_id,add_to_cart_order,reordered",
    "order_products__train.csv": "order_id,product_id,add_to_cart_order,reordered",
    "products.csv": "product_id,product_name,aisle_id,department_id",
    "aisles.csv": "aisle_id,aisle",
    "departments.csv": "department_id,department",
}


def run_script(*args: str) -> subprocess.CompletedProcess:
    """Run the generator with the given arguments and capture its output."""
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def generate(out: Path, seed: int = SEED, *extra: str) -> subprocess.CompletedProcess:
    """Generate a small data set into `out` and fail loudly if the script fails."""
    result = run_script("--users", str(USERS), "--seed", str(seed), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return result


def read_rows(path: Path) -> list[dict]:
    """Read a CSV file into dicts with Python's csv module."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One small generated data set shared by the read-only tests, and the run's output."""
    out = tmp_path_factory.mktemp("gen") / "raw"
    return out, generate(out)


@pytest.fixture(scope="module")
def data_dir(first_run) -> Path:
    """Folder of the shared data set."""
    return first_run[0]


@pytest.fixture(scope="module")
def orders(data_dir) -> list[dict]:
    """Rows of orders.csv."""
    return read_rows(data_dir / "orders.csv")


@pytest.fixture(scope="module")
def lines(data_dir) -> dict[str, list[dict]]:
    """Rows of both order_products files, by eval_set."""
    return {name: read_rows(data_dir / f"order_products__{name}.csv") for name in ("prior", "train")}


def test_help_has_examples():
    result = run_script("--help")
    assert result.returncode == 0
    for option in ("--users", "--seed", "--out", "--force", "--quiet"):
        assert option in result.stdout
    assert "examples" in result.stdout


def test_headers_exact_and_unix_line_endings(data_dir):
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(HEADERS)
    for name, header in HEADERS.items():
        raw = (data_dir / name).read_bytes()
        assert raw.split(b"\n", 1)[0].decode() == header
        assert b"\r" not in raw
        assert raw.endswith(b"\n")


def test_no_staging_folder_left_behind(data_dir):
    assert [p.name for p in data_dir.parent.iterdir()] == [data_dir.name]


def test_numeric_fields_are_plain(data_dir):
    for name in ("orders.csv", "order_products__prior.csv", "order_products__train.csv",
                 "aisles.csv", "departments.csv"):
        assert '"' not in (data_dir / name).read_text(encoding="utf-8")
    number = re.compile(r"^[0-9]+$")
    for row in read_rows(data_dir / "orders.csv")[:500]:
        for column in ("order_id", "user_id", "order_number", "order_dow", "order_hour_of_day"):
            assert number.match(row[column]), row


def test_same_seed_gives_identical_bytes_and_force_overwrites(data_dir, tmp_path):
    out = tmp_path / "again"
    out.mkdir()
    (out / "orders.csv").write_text("stale\n")
    generate(out, SEED, "--force", "--quiet")
    for name in HEADERS:
        assert (out / name).read_bytes() == (data_dir / name).read_bytes(), name


def test_different_seed_differs_creates_out_folder_and_quiet_prints_nothing(data_dir, tmp_path):
    out = tmp_path / "a" / "b"
    result = generate(out, SEED + 1, "--quiet")
    assert result.stdout == "" and result.stderr == ""
    for name in ("orders.csv", "order_products__prior.csv", "products.csv"):
        assert (out / name).read_bytes() != (data_dir / name).read_bytes(), name


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


def test_lines_refer_to_existing_products(data_dir, lines):
    product_ids = {row["product_id"] for row in read_rows(data_dir / "products.csv")}
    for rows in lines.values():
        for row in rows:
            assert row["product_id"] in product_ids


def test_no_duplicate_product_in_an_order_and_cart_order_runs_1_to_n(lines):
    products = defaultdict(list)
    carts = defaultdict(list)
    for rows in lines.values():
        for row in rows:
            products[row["order_id"]].append(row["product_id"])
            carts[row["order_id"]].append(int(row["add_to_cart_order"]))
    for order_id, items in products.items():
        assert len(items) == len(set(items)), order_id
        assert sorted(carts[order_id]) == list(range(1, len(items) + 1)), order_id


def test_lines_sorted_by_order_id_then_cart_order(lines):
    for rows in lines.values():
        keys = [(int(row["order_id"]), int(row["add_to_cart_order"])) for row in rows]
        assert keys == sorted(keys)


def test_reordered_flag_matches_each_users_history(orders, lines):
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


def test_first_orders_have_no_reorders(orders, lines):
    first_orders = {row["order_id"] for row in orders if row["order_number"] == "1"}
    for row in lines["prior"]:
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


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGKILL"])
def test_an_interrupted_run_leaves_no_half_file(tmp_path, signal_name):
    """Stopped mid-run (Ctrl-C, or killed outright), the output folder holds no CSV at all."""
    import signal
    import time

    out = tmp_path / "raw"
    # A shell that starts pytest in the background hands it SIGINT ignored, and a child
    # inherits that: Ctrl-C is restored so the generator gets it as a terminal would send it.
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--users", "40000", "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
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
    assert not out.exists() or not list(out.glob("*.csv"))
    if signal_name == "SIGINT":
        assert not list(tmp_path.glob(".generate_data-*")), "staging folder left behind"
