"""Shared fixtures: a small generated dataset and a warehouse built from it with dbt.

make test runs the suite on two pytest-xdist workers: the session datasets and warehouses are
made once for both (the first worker to need one makes it under a lock, the other reads it).
dbt's unit tests check the SQL on fixed inputs, not on the data, so they run once, in the dated
warehouse's build; every other build here leaves them out."""

import fcntl
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


def run_dbt(args, data_dir, db_path, work_dir, check=True, unit_tests=False):
    """Run one dbt command on the project; returns the completed process. A build leaves out
    the unit tests unless unit_tests is true."""
    if args[0] == "build" and not unit_tests and "unit_test" not in args:
        args = [*args, "--exclude-resource-type", "unit_test"]
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


def made_once(tmp_path_factory, name, make):
    """A folder made by make(folder) once per test run, shared by the xdist workers: the first
    to ask makes it under a lock; a failed make leaves no mark, so the next asker tries again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' base folders sit side by side in one run folder
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory):
    """Folder with the six CSVs for a few hundred generated users."""
    return made_once(tmp_path_factory, "data", lambda folder: generate(folder / "raw")) / "raw"


@pytest.fixture(scope="session")
def built_warehouse(small_dataset, tmp_path_factory):
    """A DuckDB file built by `dbt build` from the small dataset; yields its path."""

    def build(work_dir):
        run_dbt(["build"], small_dataset, work_dir / "instacart.duckdb", work_dir)

    return made_once(tmp_path_factory, "build", build) / "instacart.duckdb"


DATED_USERS = 3000
DATED_SEED = 11


@pytest.fixture(scope="session")
def dated_dataset(tmp_path_factory):
    """Folder with the six CSVs of a generated order log with dates (and generation.json)."""

    def make(folder):
        generate(folder / "raw", users=DATED_USERS, seed=DATED_SEED, undated=False)

    return made_once(tmp_path_factory, "dated", make) / "raw"


@pytest.fixture(scope="session")
def dated_warehouse(dated_dataset, tmp_path_factory):
    """A DuckDB file built by `dbt build` (with the unit tests) from the dated dataset; yields its path."""

    def build(work_dir):
        run_dbt(["build"], dated_dataset, work_dir / "instacart.duckdb", work_dir, unit_tests=True)

    return made_once(tmp_path_factory, "dated_build", build) / "instacart.duckdb"


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
