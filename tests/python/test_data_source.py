"""Whether the data is generated (fct_data_source): generation.json, which
scripts/generate_data.py leaves beside the files it writes, read by
base_instacart__generation; the review labels generated numbers with it."""

import datetime
import importlib.util
import json

import pytest

from conftest import PROJECT_ROOT, run_dbt
from test_bad_input import write_dataset
from test_build import TINY_FILES, query

MODEL_FILE = PROJECT_ROOT / "models" / "staging" / "instacart" / "base" / "base_instacart__generation.py"
SOURCE_COLUMNS = (
    "data_dir, is_generated, generation_seed, generated_users, is_dated, generation_end_date, is_steady, "
    "planted_change_week_start, generation_problem"
)


@pytest.fixture(scope="module")
def generation():
    spec = importlib.util.spec_from_file_location("base_instacart__generation", MODEL_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(generation, tmp_path, text=None):
    if text is not None:
        (tmp_path / "generation.json").write_text(text, encoding="utf-8")
    return generation.describe_generation(str(tmp_path))


def test_a_folder_without_generation_json_is_not_generated(generation, tmp_path):
    assert describe(generation, tmp_path) == {"data_dir": str(tmp_path), "is_generated": False}


def test_generation_json_is_read_with_steady_and_the_planted_week(generation, tmp_path):
    record = {
        "seed": 42,
        "users": 2000,
        "dated": True,
        "end_date": "2026-11-28",
        "steady": True,
        "planted_change": {"week_start": "2026-11-16", "orders_affected": 10},
    }
    assert describe(generation, tmp_path, json.dumps(record)) == {
        "data_dir": str(tmp_path),
        "is_generated": True,
        "generation_seed": 42,
        "generated_users": 2000,
        "is_dated": True,
        "generation_end_date": datetime.date(2026, 11, 28),
        "is_steady": True,
        "planted_change_week_start": datetime.date(2026, 11, 16),
    }


def test_keys_absent_or_null_are_null(generation, tmp_path):
    """An undated run: no end date and no planted change; an older generator: no steady."""
    record = {"seed": 7, "users": 300, "dated": False, "end_date": None, "planted_change": None}
    row = describe(generation, tmp_path, json.dumps(record))
    assert (row["is_generated"], row["is_dated"], row["generation_end_date"]) == (True, False, None)
    assert row["is_steady"] is None and row["planted_change_week_start"] is None and "generation_problem" not in row


@pytest.mark.parametrize(
    "text, detail",
    [
        ("{not json", "Expecting property name"),
        ("[1, 2]", "it holds no JSON object"),
        ('{"seed": "forty-two"}', "seed is 'forty-two', not a whole number"),
        ('{"planted_change": {"week_start": "16/11/2026"}}', "Invalid isoformat string"),
    ],
)
def test_an_unreadable_generation_json_is_named_with_what_to_do(generation, tmp_path, text, detail):
    row = describe(generation, tmp_path, text)
    assert row["is_generated"] is True and row.get("generation_seed") is None
    problem = row["generation_problem"]
    assert problem.startswith(f"File '{tmp_path / 'generation.json'}' cannot be read as the generator writes it (")
    assert detail in problem and "scripts/generate_data.py --force" in problem


def source_row(db_path):
    (row,) = query(db_path, f"select {SOURCE_COLUMNS} from fct_data_source")
    return row


def test_a_build_of_files_not_generated_says_so(tmp_path):
    data_dir = write_dataset(tmp_path / "raw", TINY_FILES)
    db_path = tmp_path / "instacart.duckdb"
    run_dbt(["build", "--select", "+fct_data_source"], data_dir, db_path, tmp_path)
    assert source_row(db_path) == (str(data_dir), False, None, None, None, None, None, None, None)


def test_a_build_of_generated_files_says_how_they_were_made(built_warehouse, small_dataset):
    record = json.loads((small_dataset / "generation.json").read_text())
    assert source_row(built_warehouse) == (
        str(small_dataset),
        True,
        record["seed"],
        record["users"],
        False,  # the small dataset is release-shaped: undated, nothing planted
        None,
        record.get("steady"),
        None,
        None,
    )


def test_a_broken_generation_json_warns_and_the_build_goes_on(tmp_path):
    data_dir = write_dataset(tmp_path / "raw", dict(TINY_FILES, **{"generation.json": "{not json"}))
    db_path = tmp_path / "instacart.duckdb"
    result = run_dbt(
        ["build", "--select", "+fct_data_source", "assert_generation_file_is_readable"], data_dir, db_path, tmp_path
    )
    assert "WARN 1 assert_generation_file_is_readable" in result.stdout, result.stdout[-3000:]
    row = source_row(db_path)
    assert row[:3] == (str(data_dir), True, None) and "generation.json' cannot be read" in row[-1]
