"""The Makefile hands the data folder to the scripts literally: a name with quotes, spaces,
`;`, `$`, backticks, brackets and glob characters is neither expanded by make nor by the
shell, so `make data` checks the folder dbt will read."""

import os
import shutil
import subprocess

from conftest import PROJECT_ROOT
from test_build import TINY_FILES


def test_make_data_sees_an_odd_folder_name_literally(tmp_path):
    if shutil.which("make") is None:
        import pytest
        pytest.skip("no make on this machine")
    folder = tmp_path / "it's \"my\" data; $HOME `echo hi` [v2] *?"
    folder.mkdir()
    for name, text in TINY_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = subprocess.run(["make", "-s", "data"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            env=dict(os.environ, INSTACART_DATA_DIR=str(folder)), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Using the Instacart files already in {folder}" in result.stdout
    assert sorted(path.name for path in folder.iterdir()) == sorted(TINY_FILES)  # nothing generated there
