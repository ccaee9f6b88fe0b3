"""Shared fixtures: a small generated dataset and a warehouse built from it with dbt."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
SMALL_USERS = 300
SMALL_SEED = 7


def dbt_env(data_dir, db_path, work_dir):
    """Environment that points dbt at a data folder and a database, with its own target and logs."""
    env = dict(os.environ)
    env.update(
        INSTACART_DATA_DIR=str(data_dir),
        INSTACART_DUCKDB_PATH=str(db_path),
        DBT_TARGET_PATH=str(Path(work_dir) / "target"),
        DBT_LOG_PATH=str(Path(work_dir) / "logs"),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        DBT_PROJECT_DIR=str(PROJECT_ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def run_dbt(args, data_dir, db_path, work_dir, check=True):
    """Run one dbt command on the project; returns the completed process."""
    result = subprocess.run(
        [str(DBT), *args],
        cwd=PROJECT_ROOT,
        env=dbt_env(data_dir, db_path, work_dir),
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result


def generate(out_dir, users=SMALL_USERS, seed=SMALL_SEED, undated=True, extra=()):
    """Write a small generated dataset into out_dir (release-shaped unless undated=False)."""
    subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "scripts" / "generate_data.py"),
            "--users",
            str(users),
            "--seed",
            str(seed),
            "--out",
            str(out_dir),
            "--quiet",
            *(["--undated"] if undated else []),
            *extra,
        ],
        check=True,
    )
    return Path(out_dir)


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory):
    """Folder with the six CSVs for a few hundred generated users."""
    return generate(tmp_path_factory.mktemp("data") / "raw")


@pytest.fixture(scope="session")
def built_warehouse(small_dataset, tmp_path_factory):
    """A DuckDB file built by `dbt build` from the small dataset; yields its path."""
    work_dir = tmp_path_factory.mktemp("build")
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build"], small_dataset, db_path, work_dir)
    return db_path


DATED_USERS = 3000
DATED_SEED = 11


@pytest.fixture(scope="session")
def dated_dataset(tmp_path_factory):
    """Folder with the six CSVs of a generated order log with dates (and generation.json)."""
    return generate(tmp_path_factory.mktemp("dated") / "raw", users=DATED_USERS, seed=DATED_SEED, undated=False)


@pytest.fixture(scope="session")
def dated_warehouse(dated_dataset, tmp_path_factory):
    """A DuckDB file built by `dbt build` from the dated dataset; yields its path."""
    work_dir = tmp_path_factory.mktemp("dated_build")
    db_path = work_dir / "instacart.duckdb"
    run_dbt(["build"], dated_dataset, db_path, work_dir)
    return db_path


VENV = PROJECT_ROOT / ".venv"


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the tracked project (as it is in the working tree), sharing this checkout's .venv."""
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.skip("needs make and git")
    if not (VENV / "bin" / "sqlfluff").exists():
        pytest.skip("the lint tools are not installed in .venv (make install)")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    copy = tmp_path / "project"
    for name in filter(None, tracked):
        source = PROJECT_ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(VENV)
    return copy
