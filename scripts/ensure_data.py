"""Make sure the data folder holds the six Instacart CSVs, generating them only where that is safe.

Used by `make data` (and so `make run`): a folder with all six files (each as .csv or
.csv.gz, as the build reads them) is used as it is (real Kaggle files or earlier generated
ones), and never written to. Data is generated only into the default folder, data/raw,
when it is missing or holds none of the files, or into another folder when asked for with
--generate (`make data GENERATE=1`): a mistyped INSTACART_DATA_DIR is an error naming the
folder, not 740 MB of generated files in a new place. A folder with only some of the files
is an error naming the missing ones, since generating into it would mix two datasets. The
folder's name is taken literally: nothing in it is expanded or matched as a pattern.
"""

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generate_data import OUTPUT_FILES as INSTACART_FILES  # scripts/ is on the path when run

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data" / "raw"
WHAT_TO_DO = (
    "  Point INSTACART_DATA_DIR at the folder that holds the six Instacart CSVs ({files}; each may be .csv.gz),\n"
    "  or ask for generated data there explicitly: make data GENERATE=1 (scripts/ensure_data.py --generate)."
)


@dataclass(frozen=True)
class Decision:
    """What to do with a data folder: "use" it, "generate" data into it, or stop with an "error"."""

    action: str
    message: str


def present_files(data_dir: Path) -> list[str]:
    """The Instacart files the folder holds, as <name> or <name>.gz."""
    return [name for name in INSTACART_FILES if (data_dir / name).exists() or (data_dir / f"{name}.gz").exists()]


def is_default_folder(data_dir: Path) -> bool:
    """Whether the folder is the project's data/raw, however it is written."""
    return data_dir.resolve() == DEFAULT_DATA_DIR.resolve()


def decide(data_dir: Path, generate: bool) -> Decision:
    """Decide what `make data` does with data_dir; generate: generated data was asked for explicitly."""
    if data_dir.exists() and not data_dir.is_dir():
        return Decision("error", f"ERROR: the data folder {data_dir} is a file, not a folder.")
    present = present_files(data_dir) if data_dir.exists() else []
    if len(present) == len(INSTACART_FILES):
        return Decision("use", f"==> Using the Instacart files already in {data_dir}")
    if present:
        missing = [name for name in INSTACART_FILES if name not in present]
        return Decision(
            "error",
            f"ERROR: {data_dir} holds only some of the Instacart files; missing: {', '.join(missing)}.\n"
            "  Add the missing files, or point INSTACART_DATA_DIR at a folder that holds all six.",
        )
    if generate or is_default_folder(data_dir):
        return Decision("generate", f"==> {data_dir} has no Instacart files: generating")
    if not data_dir.exists():
        problem = f"ERROR: the data folder {data_dir} does not exist."
    else:
        problem = f"ERROR: the data folder {data_dir} holds none of the Instacart files."
    return Decision("error", problem + "\n" + WHAT_TO_DO.format(files=", ".join(INSTACART_FILES)))


def parse_args(argv=None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/raw", help="folder of the six CSVs (default: data/raw)")
    parser.add_argument(
        "--generate",
        action="store_true",
        help="generate data into --data-dir when it is missing or empty, even if it is not data/raw",
    )
    parser.add_argument(
        "--users", type=int, help="users to generate (default: the full release, 206,209; about a minute)"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    """Entry point: decide, then use the folder, generate into it, or explain what to do."""
    args = parse_args(argv)
    if not args.data_dir:
        # Path("") is the current folder: the full-scale data would be generated into the project.
        print(
            "ERROR: the data folder is empty (INSTACART_DATA_DIR=''); set it to a folder, or unset it for data/raw.",
            file=sys.stderr,
        )
        return 2

    data_dir = Path(args.data_dir)
    if not data_dir.is_absolute():
        data_dir = PROJECT_ROOT / data_dir
    decision = decide(data_dir, args.generate)
    if decision.action == "error":
        print(decision.message, file=sys.stderr)
        return 2
    if decision.action == "use":
        print(decision.message)
        return 0

    size = "full-scale data (about a minute)" if args.users is None else f"data for {args.users:,} users"
    print(f"{decision.message} {size}", flush=True)
    generator = [sys.executable, str(PROJECT_ROOT / "scripts" / "generate_data.py"), "--out", str(data_dir)]
    if args.users is not None:
        generator += ["--users", str(args.users)]
    return subprocess.call(generator)


if __name__ == "__main__":
    sys.exit(main())
