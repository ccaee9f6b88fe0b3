"""The project's dbt vars, read from dbt_project.yml, for scripts that must agree with the models."""

from pathlib import Path

import yaml

PROJECT_FILE = Path(__file__).resolve().parent.parent / "dbt_project.yml"


def project_vars(path=PROJECT_FILE):
    """The `vars:` mapping of dbt_project.yml (the defaults a build uses unless --vars overrides them)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["vars"]
