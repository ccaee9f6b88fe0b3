"""`make lint` holds the house style: it fails, naming the file and the rule, on an upper-case
SQL keyword and on a model column without a description. Each case runs `make lint` on a copy
of the tracked project with one fault planted, sharing this checkout's virtual environment."""

import os
import subprocess


def make_lint(project):
    # -o: the shared .venv is installed already; the copy must not reinstall into it.
    return subprocess.run(
        ["make", "-o", ".venv/bin/.installed", "lint"],
        cwd=project,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if not key.startswith("DBT_")},
        timeout=600,
    )


def test_lint_fails_on_an_upper_case_keyword(project_copy):
    model = project_copy / "models" / "marts" / "kpi" / "kpi_north_star.sql"
    text = model.read_text(encoding="utf-8")
    assert "\nselect\n" in text
    model.write_text(text.replace("\nselect\n", "\nSELECT\n", 1), encoding="utf-8")

    result = make_lint(project_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "models/marts/kpi/kpi_north_star.sql" in output
    assert "CP01" in output, output[-3000:]


def test_lint_fails_on_an_undescribed_column(project_copy):
    yaml_file = project_copy / "models" / "marts" / "kpi" / "kpi_north_star.yml"
    lines = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    # The first column's description: the line after "- name: <column>" under columns:.
    columns_at = next(i for i, line in enumerate(lines) if line.strip() == "columns:")
    name_at = next(i for i in range(columns_at, len(lines)) if lines[i].strip().startswith("- name:"))
    described_at = next(i for i in range(name_at, len(lines)) if lines[i].strip().startswith("description:"))
    column = lines[name_at].split(":", 1)[1].strip()
    del lines[described_at]
    yaml_file.write_text("".join(lines), encoding="utf-8")

    result = make_lint(project_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "kpi_north_star" in output and "columns_have_description" in output, output[-3000:]
    assert column in output
