"""The README's commands run as written.

Every line of a ```sh block in README.md is a command a user types in the project folder,
outside the virtual environment (```text blocks are output and layouts, not commands). The
last test runs each of them, in the README's order, in a copy of the project (the tracked
files, sharing .venv) whose data/raw holds a small generated dataset, as a user's own files
would: so `make run` builds and renders in seconds instead of generating full-scale data.
The commands too slow for it are skipped, each with its reason, and checked to be make
targets; the README's placeholder folder is replaced by the small dataset's.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import PROJECT_ROOT, generate

README = PROJECT_ROOT / "README.md"
MAX_README_LINES = 200
MAX_RUN_LINES = 60
SMALL_USERS = 1000  # dated, so the review has weeks, signals and the planted exception

# Run elsewhere, not here: each is a make target.
SKIPPED = {
    "make test": "the whole test suite (this test is part of it); CI runs it",
    "make test-spark": "builds on Spark (a JVM, about 2 minutes); CI runs it after make test",
    "make bench": "full-scale builds, best of three (minutes, 2 GB)",
}
PLACEHOLDER_DATA_DIR = "/path/to/instacart"
# What the README says a command exits with, when not 0.
EXPECTED_STATUS = {".venv/bin/python scripts/render_review.py --fail-on exception": 7}
ANSI_ESCAPE = "\x1b["


def readme_commands():
    """Every command line of the README's ```sh blocks, in order (comments stay: the shell drops them)."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def make_targets():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))


def command_name(command):
    """The command without its trailing comment."""
    return command.split("  #")[0].strip()


def test_the_readme_is_short_and_its_links_exist():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < MAX_README_LINES, "the README is for the first hour; move details to docs/"
    links = re.findall(r"\]\(([^)#]+)\)", text)
    missing = [link for link in links if not link.startswith("http") and not (PROJECT_ROOT / link).exists()]
    assert links and not missing, f"the README links to files that do not exist: {missing}"


def test_every_make_target_the_readme_names_exists():
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", text))
    targets = make_targets()
    assert {"run", "test", "review", "clean"} <= named
    assert named <= targets, f"the README names make targets the Makefile lacks: {sorted(named - targets)}"
    skipped = {command.split()[1] for command in SKIPPED}
    assert skipped <= targets, f"skipped commands that are not make targets: {sorted(skipped - targets)}"


def test_the_readme_commands_are_sh_blocks_a_user_can_type():
    commands = [command_name(command) for command in readme_commands()]
    assert commands[:2] == ["make run", "make test"], "the README opens with the two commands"
    for command in commands:
        # Outside .venv a bare `python`, `dbt` or `pip` is not this project's: write .venv/bin/...
        assert not re.match(r"(python3?|dbt|pip|mf|pytest)\b", command), command
        assert not command.startswith(("source ", "export ", "cd ")), f"each line runs on its own: {command}"


def user_environment():
    """The environment of a user's shell: no virtual environment on PATH, no project settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INSTACART_", "DBT_", "MAKE"))
        and key not in ("VERBOSE", "VIRTUAL_ENV", "PYTHONPATH", "MFLAGS")
    }
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", "").split(os.pathsep) if not (Path(entry).parent / "pyvenv.cfg").exists()
    )
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    return env


def check_make_run(result, project):
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert len(lines) < MAX_RUN_LINES, f"make run printed {len(lines)} lines:\n{result.stdout}{result.stderr}"
    assert ANSI_ESCAPE not in result.stdout + result.stderr, "colour codes in output that is not a terminal"
    assert "exception" in result.stdout and "The week of" in result.stdout
    assert result.stdout.splitlines()[-2:] == [
        "    memo:      reports/weekly_business_review.md",
        "    dashboard: reports/dashboard.html",
    ]
    assert (project / "reports" / "dashboard.html").is_file() and (project / "logs" / "dbt-build.log").is_file()


CHECKS = {
    "make run": check_make_run,
    'make review ARGS="--week 2026-11-09"': lambda result, project: "The week of 2026-11-09" in result.stdout,
    'make review ARGS="--format md"': lambda result, project: not (project / "reports" / "dashboard.html").exists(),
    'make review ARGS="--export-csv"': lambda result, project: (project / "reports" / "flight_deck.csv").is_file(),
    ".venv/bin/python scripts/render_review.py --fail-on exception": lambda result, project: (
        "--fail-on exception" in result.stderr
    ),
    ".venv/bin/python scripts/render_review.py --help": lambda result, project: "exit status" in result.stdout,
    "make help": lambda result, project: "make run" in result.stdout,
    "make clean": lambda result, project: (
        not (project / "warehouse" / "instacart.duckdb").exists()
        and (project / "reports" / "my_notes.md").is_file()
        and "Removed" in result.stdout
    ),
}


def test_the_readme_commands_run_as_written(project_copy, tmp_path):
    small = generate(tmp_path / "small", users=SMALL_USERS, undated=False)
    shutil.copytree(small, project_copy / "data" / "raw")
    # The copy shares this checkout's installed .venv: make must not reinstall it.
    for name in ("requirements.txt", "requirements-spark.txt"):
        os.utime(project_copy / name, (0, 0))
    (project_copy / "reports" / "my_notes.md").write_text("mine\n", encoding="utf-8")  # make clean keeps it
    env = user_environment()
    commands = readme_commands()
    assert len(commands) >= 8
    ran = []
    for command in commands:
        name = command_name(command)
        if name in SKIPPED:
            continue
        typed = command.replace(PLACEHOLDER_DATA_DIR, str(small))
        result = subprocess.run(
            ["bash", "-c", typed], cwd=project_copy, env=env, capture_output=True, text=True, timeout=600
        )
        expected = EXPECTED_STATUS.get(name, 0)
        assert result.returncode == expected, (
            f"README command `{typed}` exited {result.returncode}, not {expected}:\n{result.stdout}\n{result.stderr}"
        )
        check = CHECKS.get(name)
        if check is not None:
            assert check(result, project_copy) is not False, f"`{typed}`:\n{result.stdout}\n{result.stderr}"
        ran.append(name)
    assert "make run" in ran and "make clean" in ran
    skipped = [command_name(command) for command in commands if command_name(command) in SKIPPED]
    assert skipped == ["make test"], f"the README's skipped commands changed: {skipped}"
