"""One home per fact, and layers that read downward only.

The input files are listed once, in seed instacart_files: the source declarations must
name the same files with the same columns, and the scripts read the seed (the six required). No staging model
reads the model of another file: checks across files (an order line's order and product, a
product's aisle and department) live in intermediate models. No intermediate model reads a
mart. The KPI YAML copies no metric owner or tier: the metric seed is their home.
"""

import csv
import os
import re
import subprocess
import sys

import duckdb
import yaml

from conftest import PROJECT_ROOT

MODELS = PROJECT_ROOT / "models"
REF = re.compile(r"ref\(\s*'([a-z0-9_]+)'\s*\)")


def seed_files():
    with open(PROJECT_ROOT / "seeds" / "instacart_files.csv", newline="", encoding="utf-8") as handle:
        return sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))


def refs(path):
    return set(REF.findall(path.read_text(encoding="utf-8")))


def test_the_sources_declare_the_seeds_files_and_headers():
    sources = yaml.safe_load((MODELS / "staging" / "instacart" / "_instacart__sources.yml").read_text())
    tables = sources["sources"][0]["tables"]
    assert [table["name"] for table in tables] == [row["file_key"] for row in seed_files()]
    for table, row in zip(tables, seed_files()):
        expected = row["header"].split(",") + ([row["optional_last_column"]] if row["optional_last_column"] else [])
        assert [column["name"] for column in table["columns"]] == expected, table["name"]


def test_the_scripts_take_the_file_list_from_the_seed():
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    import generate_data

    required = [row for row in seed_files() if row["is_required"] == "true"]
    assert list(generate_data.OUTPUT_FILES) == [f"{row['file_key']}.csv" for row in required]
    raw_files = (MODELS / "staging" / "instacart" / "base" / "base_instacart__raw_files.py").read_text()
    assert "order_products__" not in raw_files, "the raw-file checks list the files; read seed instacart_files"


def file_of(model):
    """The raw file a staging model belongs to: base_instacart__order_lines -> order_lines."""
    entity = model.split("__", 1)[1]
    for suffix in ("_checked", "_repeats"):
        entity = entity.removesuffix(suffix)
    return "order_lines" if entity.startswith("order_line") else entity


def test_staging_reads_only_its_own_files_models():
    staging = {path.stem: path for path in (MODELS / "staging").rglob("*.sql")}
    for name, path in staging.items():
        if name == "base_instacart__raw_files":
            continue
        for parent in refs(path) & set(staging):
            if parent == "base_instacart__raw_files":
                continue  # every base model checks its file's place in the raw-file count
            assert file_of(parent) == file_of(name), f"{name} (staging) reads {parent}, another file's model"


def test_intermediate_reads_no_mart():
    marts = {path.stem for path in (MODELS / "marts").rglob("*.sql")}
    for path in (MODELS / "intermediate").glob("*.sql"):
        assert not refs(path) & marts, f"{path.stem} reads a mart: {refs(path) & marts}"


def test_the_kpi_yaml_copies_no_metric_owner():
    with open(PROJECT_ROOT / "seeds" / "metric_definitions.csv", newline="", encoding="utf-8") as handle:
        metrics = list(csv.DictReader(handle))
    metric_ids = {metric["metric_id"] for metric in metrics}
    for path in (MODELS / "marts" / "kpi").glob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            for column in model.get("columns", []):
                meta = (column.get("config") or {}).get("meta") or column.get("meta") or {}
                assert not ({"owner", "tier"} & set(meta)) or column["name"] not in metric_ids, (
                    f"{path.name}: {model['name']}.{column['name']} copies the metric seed's owner or tier"
                )


def test_a_broken_seed_rule_fails_the_build_naming_the_seed_the_row_and_the_rule(project_copy, tmp_path):
    """The seeds' rules are one test (assert_seeds_are_valid); a broken one fails the build,
    and the stored failing rows say which seed, which row and which rule."""
    seed_path = project_copy / "seeds" / "metric_definitions.csv"
    with open(seed_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    rows[1]["tier"] = "P9"
    rows[2]["sort_order"] = rows[3]["sort_order"]
    with open(seed_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    db_path = tmp_path / "instacart.duckdb"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DBT_")}
    env.update(INSTACART_DUCKDB_PATH=str(db_path), DBT_PROFILES_DIR=str(project_copy))
    dbt = str(project_copy / ".venv" / "bin" / "dbt")
    subprocess.run([dbt, "seed", "--quiet"], cwd=project_copy, env=env, check=True, capture_output=True)
    result = subprocess.run(
        [dbt, "test", "--select", "assert_seeds_are_valid"], cwd=project_copy, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0, result.stdout[-3000:]
    assert "assert_seeds_are_valid" in result.stdout and "See test failures" in result.stdout, result.stdout[-3000:]
    with duckdb.connect(str(db_path), read_only=True) as con:
        failures = set(
            con.execute("select seed_name, row_key, rule from main_dbt_test__audit.assert_seeds_are_valid").fetchall()
        )
    assert failures == {
        ("metric_definitions", rows[1]["metric_id"], "tier is not one of P0, P1, P2, P3"),
        ("metric_definitions", rows[2]["metric_id"], "sort_order is not unique"),
        ("metric_definitions", rows[3]["metric_id"], "sort_order is not unique"),
    }
