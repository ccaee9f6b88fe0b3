"""`make lint` holds the house style: it fails, naming the file and the rule, on an upper-case
SQL keyword (sqlfluff) and on a model column without a description (dbt-score), and one run
names both, since each linter runs even when one before it has failed. The run is `make lint`
on a copy of the tracked project with both faults planted, sharing this checkout's virtual
environment; sqlfluff is given the planted file alone (LINT_SQL), as the whole project takes it
a minute. (CI's own `make lint` proves the clean project passes.)"""

import os
import subprocess

PLANTED_SQL = "models/marts/kpi/kpi_north_star.sql"


def make_lint(project):
    # -o: the shared .venv is installed already; the copy must not reinstall into it.
    return subprocess.run(
        ["make", "-o", ".venv/bin/.installed", "lint", f"LINT_SQL={PLANTED_SQL}"],
        cwd=project,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if not key.startswith("DBT_")},
        timeout=600,
    )


def plant_upper_case_keyword(project):
    model = project / PLANTED_SQL
    text = model.read_text(encoding="utf-8")
    assert "\nselect\n" in text
    model.write_text(text.replace("\nselect\n", "\nSELECT\n", 1), encoding="utf-8")


def plant_undescribed_column(project):
    """Delete the description of kpi_north_star's first column; returns the column's name."""
    yaml_file = project / "models" / "marts" / "kpi" / "kpi_north_star.yml"
    lines = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    columns_at = next(i for i, line in enumerate(lines) if line.strip() == "columns:")
    name_at = next(i for i in range(columns_at, len(lines)) if lines[i].strip().startswith("- name:"))
    described_at = next(i for i in range(name_at, len(lines)) if lines[i].strip().startswith("description:"))
    del lines[described_at]
    yaml_file.write_text("".join(lines), encoding="utf-8")
    return lines[name_at].split(":", 1)[1].strip()


def test_lint_names_an_upper_case_keyword_and_an_undescribed_column_in_one_run(project_copy):
    plant_upper_case_keyword(project_copy)
    column = plant_undescribed_column(project_copy)

    result = make_lint(project_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert PLANTED_SQL in output and "CP01" in output, output[-3000:]
    assert "kpi_north_star" in output and "columns_have_description" in output and column in output, output[-3000:]
    assert "make lint failed: sqlfluff dbt-score" in output, output[-1000:]
