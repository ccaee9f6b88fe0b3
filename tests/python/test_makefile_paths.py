"""The Makefile hands the data folder to the scripts literally: a name with quotes, spaces,
`;`, `$`, backticks, brackets, braces and glob characters is neither expanded by make nor by
the shell, so `make data` checks the folder dbt will read."""

import gzip
import os
import shutil
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT
from test_build import TINY_FILES

ODD_NAME = "it's \"my\" data; $HOME `echo hi` $(shell echo EXPANDED) {{ var('x') }} [v2] *?"


def make_data(data_dir):
    return subprocess.run(
        ["make", "-s", "data"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, INSTACART_DATA_DIR=str(data_dir)),
        timeout=300,
    )


@pytest.fixture
def odd_folder(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("no make on this machine")
    folder = tmp_path / ODD_NAME
    folder.mkdir()
    return folder


def test_make_data_sees_an_odd_folder_name_literally(odd_folder):
    for name, text in TINY_FILES.items():
        (odd_folder / name).write_text(text, encoding="utf-8")
    result = make_data(odd_folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Using the Instacart files already in {odd_folder}" in result.stdout
    assert sorted(path.name for path in odd_folder.iterdir()) == sorted(TINY_FILES)  # nothing generated there


def test_make_data_takes_gzipped_files_as_there(odd_folder):
    """The build reads <file>.csv.gz as well as <file>.csv: such a folder is complete, not empty."""
    for name, text in TINY_FILES.items():
        (odd_folder / f"{name}.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    result = make_data(odd_folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Using the Instacart files already in {odd_folder}" in result.stdout
    assert sorted(path.name for path in odd_folder.iterdir()) == sorted(f"{name}.gz" for name in TINY_FILES)


def test_make_data_refuses_a_partial_folder_naming_it(odd_folder):
    (odd_folder / "orders.csv").write_text(TINY_FILES["orders.csv"], encoding="utf-8")
    result = make_data(odd_folder)
    assert result.returncode != 0
    assert f"{odd_folder} holds only some of the Instacart files" in result.stderr
    assert [path.name for path in odd_folder.iterdir()] == ["orders.csv"]


def test_an_empty_data_folder_setting_is_refused_not_taken_as_the_project_folder():
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    import ensure_data

    assert ensure_data.main(["--data-dir="]) == 2
