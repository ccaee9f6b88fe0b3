"""What the generator takes from the project itself, so that no setting is copied.

The list of input files (seed instacart_files), the power segment's floor (seed
segment_bands) and the vars of dbt_project.yml that shape what the generator writes
about weeks: kpi_window_days (a week's window) and small_basket_max_lines.
"""

import csv
from pathlib import Path

from project_vars import project_vars  # scripts/ is on the path wherever the generator package is

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT_ROOT / "seeds"


def seed_rows(name: str) -> list[dict]:
    """Rows of seeds/<name>.csv."""
    with open(SEEDS / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dbt_var(name: str) -> int:
    """An integer var from dbt_project.yml's vars: (its default; --vars overrides are the build's)."""
    return int(project_vars()[name])


def segment_floor(segment_name: str) -> int:
    """The fewest observed orders of a segment band (seed segment_bands)."""
    (band,) = [row for row in seed_rows("segment_bands") if row["segment_name"] == segment_name]
    return int(band["min_observed_orders"])


# The six required files; annotations.csv, the seed's optional file, is written on its own.
OUTPUT_FILES = tuple(
    f"{row['file_key']}.csv"
    for row in sorted(seed_rows("instacart_files"), key=lambda row: int(row["sort_order"]))
    if row["is_required"] == "true"
)
GENERATION_FILE = "generation.json"  # how the files were made; not an input of the pipeline
ANNOTATIONS_FILE = "annotations.csv"  # events and comments beside dated data; optional for the pipeline
KPI_WINDOW_DAYS = dbt_var("kpi_window_days")
SMALL_BASKET_MAX_LINES = dbt_var("small_basket_max_lines")
POWER_MIN_ORDERS = segment_floor("power")
