"""Tests for scripts/ensure_data.py (what `make data` runs): data is generated only where that is safe.

The decisions are checked on folders made here; the project's own data/raw is never
touched (the default folder is pointed at a temporary one). Generation runs once, with a
few users.
"""

import sys

import pytest

from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import ensure_data  # noqa: E402  (scripts/ is put on the path just above)

SIX_FILES = (
    "orders.csv",
    "order_products__prior.csv",
    "order_products__train.csv",
    "products.csv",
    "aisles.csv",
    "departments.csv",
)


@pytest.fixture
def default_folder(tmp_path, monkeypatch):
    """A stand-in for data/raw: ensure_data takes it for the project's default folder."""
    folder = tmp_path / "project" / "data" / "raw"
    monkeypatch.setattr(ensure_data, "DEFAULT_DATA_DIR", folder)
    return folder


def fill(folder, names):
    """Put placeholder files with the given names into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("placeholder\n", encoding="utf-8")


def test_the_default_folder_missing_or_empty_gets_generated_data(default_folder):
    assert ensure_data.decide(default_folder, generate=False).action == "generate"
    default_folder.mkdir(parents=True)
    (default_folder / ".gitkeep").write_text("")
    assert ensure_data.decide(default_folder, generate=False).action == "generate"
    assert ensure_data.decide(default_folder / ".." / "raw", generate=False).action == "generate"


@pytest.mark.parametrize("state", ["missing", "empty", "holds other files"])
def test_another_folder_without_the_files_is_an_error_saying_what_to_do(tmp_path, default_folder, state):
    folder = tmp_path / "mistyped"
    if state != "missing":
        folder.mkdir()
    if state == "holds other files":
        fill(folder, ["notes.txt", "orders.parquet"])
    decision = ensure_data.decide(folder, generate=False)
    assert decision.action == "error"
    assert str(folder) in decision.message
    assert "INSTACART_DATA_DIR" in decision.message
    assert "GENERATE=1" in decision.message and "--generate" in decision.message
    for name in SIX_FILES:
        assert name in decision.message


def test_another_folder_gets_generated_data_only_when_asked(tmp_path, default_folder):
    assert ensure_data.decide(tmp_path / "new", generate=True).action == "generate"
    assert ensure_data.decide(tmp_path, generate=True).action == "generate"  # exists, holds none of the six


@pytest.mark.parametrize("generate", [False, True])
@pytest.mark.parametrize("where", ["default", "another"])
def test_a_folder_with_some_of_the_files_is_an_error_naming_the_missing_ones(tmp_path, default_folder, where, generate):
    folder = default_folder if where == "default" else tmp_path / "partial"
    fill(folder, ["orders.csv", "products.csv.gz"])
    decision = ensure_data.decide(folder, generate=generate)
    assert decision.action == "error"
    assert str(folder) in decision.message
    missing_part = decision.message.split("missing:", 1)[1].split("\n", 1)[0]
    assert [name.strip(" .") for name in missing_part.split(",")] == [
        "order_products__prior.csv",
        "order_products__train.csv",
        "aisles.csv",
        "departments.csv",
    ]


@pytest.mark.parametrize("generate", [False, True])
def test_a_complete_folder_is_used_as_it_is(tmp_path, default_folder, generate):
    fill(tmp_path / "real", [*SIX_FILES[:3], *(f"{name}.gz" for name in SIX_FILES[3:])])
    decision = ensure_data.decide(tmp_path / "real", generate=generate)
    assert decision.action == "use"
    assert str(tmp_path / "real") in decision.message


def test_a_file_given_as_the_folder_is_an_error(tmp_path, default_folder):
    (tmp_path / "orders.csv").write_text("not a folder\n")
    decision = ensure_data.decide(tmp_path / "orders.csv", generate=True)
    assert decision.action == "error" and "not a folder" in decision.message


def test_main_refuses_a_mistyped_folder_and_creates_nothing(tmp_path, default_folder, capsys):
    folder = tmp_path / "typo"
    assert ensure_data.main(["--data-dir", str(folder)]) == 2
    assert str(folder) in capsys.readouterr().err
    assert not folder.exists()


def test_main_generates_into_another_folder_when_asked(tmp_path, default_folder, capfd):
    folder = tmp_path / "asked"
    assert ensure_data.main(["--data-dir", str(folder), "--generate", "--users", "30"]) == 0
    assert f"{folder} has no Instacart files: generating data for 30 users" in capfd.readouterr().out
    assert set(SIX_FILES) <= {path.name for path in folder.iterdir()}
    assert ensure_data.decide(folder, generate=False).action == "use"
