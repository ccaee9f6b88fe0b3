"""One row saying whether the data was generated: the data folder as given, whether it holds
generation.json (written by scripts/generate_data.py beside the files it generates), and
from it the seed, the users, whether the orders are dated, the end date, whether the
business was simulated steady, and the week of the planted change.

So the review can label generated numbers as such. A generation.json that cannot be read
gives the row (generated: the file is there) with its values null and a message in
generation_problem, which a warning test prints; it never stops the build (the raw files
are checked by base_instacart__raw_files).
"""

import datetime
import json
from pathlib import Path

GENERATION_FILE = "generation.json"

COLUMN_TYPES = {
    "data_dir": "varchar",
    "is_generated": "boolean",
    "generation_seed": "bigint",
    "generated_users": "bigint",
    "is_dated": "boolean",
    "generation_end_date": "date",
    "is_steady": "boolean",
    "planted_change_week_start": "date",
    "generation_problem": "varchar",
}

# column: (path of keys in generation.json, the type its value must have)
FIELDS = {
    "generation_seed": (("seed",), int),
    "generated_users": (("users",), int),
    "is_dated": (("dated",), bool),
    "generation_end_date": (("end_date",), datetime.date),
    "is_steady": (("steady",), bool),
    "planted_change_week_start": (("planted_change", "week_start"), datetime.date),
}


def field_value(record, keys, kind):
    """The value at keys, of kind; None when absent or null. Raises ValueError when it is of another kind."""
    value = record
    for key in keys:
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    if kind is datetime.date:
        if not isinstance(value, str):
            raise ValueError(f"{'.'.join(keys)} is {value!r}, not a YYYY-MM-DD date")
        return datetime.date.fromisoformat(value)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{'.'.join(keys)} is {value!r}, not a whole number")
    if kind is bool and not isinstance(value, bool):
        raise ValueError(f"{'.'.join(keys)} is {value!r}, not true or false")
    return value


def describe_generation(data_dir):
    """The row, as a dict."""
    row = {"data_dir": data_dir, "is_generated": False}
    path = Path(data_dir) / GENERATION_FILE
    if not path.is_file():
        return row
    row["is_generated"] = True
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict):
            raise ValueError("it holds no JSON object")
        for column, (keys, kind) in FIELDS.items():
            row[column] = field_value(record, keys, kind)
    except (OSError, UnicodeDecodeError, ValueError) as error:  # json.JSONDecodeError is a ValueError
        row = {"data_dir": data_dir, "is_generated": True}
        row["generation_problem"] = (
            f"File '{path}' cannot be read as the generator writes it ({error}); the data is taken as "
            f"generated, with nothing known of how. Generate the data again (scripts/generate_data.py "
            f"--force), or remove {GENERATION_FILE} if the files are not generated."
        )
    return row


def model(dbt, session):
    dbt.config(materialized="table")
    row = describe_generation(dbt.config.get("data_dir"))
    values = [row.get(column) for column in COLUMN_TYPES]
    typed = ", ".join(f"cast({column} as {kind}) as {column}" for column, kind in COLUMN_TYPES.items())
    placeholders = ", ".join(["?"] * len(COLUMN_TYPES))
    return session.sql(
        f"select {typed} from (values ({placeholders})) as generation ({', '.join(COLUMN_TYPES)})", params=values
    )
