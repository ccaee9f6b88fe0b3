"""Shared fixtures: a small generated dataset and a warehouse built from it with dbt.

make test runs the suite on two pytest-xdist workers: the session datasets and warehouses are
made once for both (the first worker to need one makes it under a lock, the other reads it).
dbt's unit tests check the SQL on fixed inputs, not on the data, so they run once, in the dated
warehouse's build; every other build here leaves them out.

dbt parses the whole project before each command (~7 s here), unless the target folder holds a
parse of the same files made with the same profile. A test's database path is part of the
profile, so run_dbt gives each work folder a look-alike of the project (links to the checkout's
files) whose warehouse/<database file name> links to the test's database: the profile then reads
the same for every database of that name, and one parse per name serves the whole run (dbt still
checks every file's checksum and re-parses what differs). The link keeps the file's name because
DuckDB names the catalog after it, and views name their catalog."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dbt_server import DbtServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
# Forks each dbt command from a process that has imported dbt once (dbt_server.py).
DBT_SERVER = DbtServer(sys.executable)
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
        # One thread: two test workers already keep both cores busy, and on small data a second
        # dbt thread only adds switching (measured: the same build, 10% more CPU with two).
        DBT_THREADS="1",
    )
    return env


# Entries of the checkout a look-alike project leaves out: its own warehouse, and dbt's outputs.
NOT_LINKED = {".git", ".venv", "warehouse", "target", "logs", "reports"}
# The run's temporary folders (set by the shared_parses fixture), where each parse is kept.
SHARED_PARSE = {}


def linked_project(work_dir, db_path):
    """A folder dbt reads as the project: links to the checkout's files and folders, with
    warehouse/<db_path's name> a link to db_path (made anew, so one work folder can build
    several databases in turn). Returns the folder and the database path relative to it."""
    project = Path(work_dir) / "linked-project"
    if not project.exists():
        (project / "warehouse").mkdir(parents=True)
        for entry in PROJECT_ROOT.iterdir():
            if entry.name not in NOT_LINKED:
                (project / entry.name).symlink_to(entry)
    for old in (project / "warehouse").iterdir():
        if old.is_symlink():
            old.unlink()
    relative = f"warehouse/{Path(db_path).name}"
    (project / relative).symlink_to(Path(db_path).resolve())
    return project, relative


def shared_parse(db_name, dbt_vars):
    """The target folder of one `dbt parse` per database file name and --vars for the whole run
    (dbt parses again when either differs)."""

    def parse(folder):
        args = ["parse", *(["--vars", dbt_vars] if dbt_vars else [])]
        run_dbt(args, PROJECT_ROOT / "data" / "raw", folder / db_name, folder, shared=False)

    key = hashlib.sha1(f"{db_name}\0{dbt_vars}".encode()).hexdigest()[:12]
    return made_once(SHARED_PARSE["factory"], f"parse-{key}", parse) / "target"


def run_dbt(args, data_dir, db_path, work_dir, check=True, unit_tests=False, shared=True):
    """Run one dbt command on the project; returns the completed process. A build leaves out
    the unit tests unless unit_tests is true. dbt starts from the run's shared parse for the
    database's file name when work_dir has no parse of its own."""
    if args[0] == "build" and not unit_tests and "unit_test" not in args:
        args = [*args, "--exclude-resource-type", "unit_test"]
    project, relative_db = linked_project(work_dir, db_path)
    target = Path(work_dir) / "target"
    if shared and SHARED_PARSE and not (target / "partial_parse.msgpack").exists():
        dbt_vars = args[args.index("--vars") + 1] if "--vars" in args else None
        parsed = shared_parse(Path(db_path).name, dbt_vars) / "partial_parse.msgpack"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(parsed, target / "partial_parse.msgpack")
    env = dbt_env(data_dir, relative_db, work_dir)
    env["DBT_PROJECT_DIR"] = str(project)
    result = DBT_SERVER.run(args, project, env)
    if result is None:
        result = subprocess.run([str(DBT), *args], cwd=project, env=env, capture_output=True, text=True)
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


@pytest.fixture(scope="session", autouse=True)
def shared_parses(tmp_path_factory):
    """Lets run_dbt keep its shared parses in the run's temporary folders."""
    SHARED_PARSE["factory"] = tmp_path_factory


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
