"""What the generator takes from the project itself: the list of input files."""

import csv
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# The six files, from the project's one list of them (seed instacart_files).
with open(PROJECT_ROOT / "seeds" / "instacart_files.csv", encoding="utf-8", newline="") as _seed:
    OUTPUT_FILES = tuple(
        f"{row['file_key']}.csv" for row in sorted(csv.DictReader(_seed), key=lambda row: int(row["sort_order"]))
    )
GENERATION_FILE = "generation.json"  # how the files were made; not an input of the pipeline
