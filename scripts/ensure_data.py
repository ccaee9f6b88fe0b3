"""Make sure the data folder holds the six Instacart CSVs, generating them when it is empty.

Used by `make data` (and so `make run`): a folder with all six files (each as .csv or
.csv.gz, as the build reads them) is used as it is (real Kaggle files or earlier generated
ones); an empty or missing folder gets the full-scale generated data; a folder with only
some of the files is an error, since generating into it would mix two datasets. The
folder's name is taken literally: nothing in it is expanded or matched as a pattern.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from generate_data import OUTPUT_FILES as INSTACART_FILES  # scripts/ is on the path when run

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/raw", help="folder of the six CSVs (default: data/raw)")
    args = parser.parse_args(argv)
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
    present = [name for name in INSTACART_FILES if (data_dir / name).exists() or (data_dir / f"{name}.gz").exists()]

    if len(present) == len(INSTACART_FILES):
        print(f"==> Using the Instacart files already in {data_dir}")
        return 0
    if present:
        missing = [name for name in INSTACART_FILES if name not in present]
        print(
            f"ERROR: {data_dir} holds only some of the Instacart files; missing: {', '.join(missing)}.\n"
            f"  Add the missing files, or empty the folder to have full-scale data generated there.",
            file=sys.stderr,
        )
        return 2

    print(f"==> {data_dir} has no Instacart files: generating full-scale data (about a minute)")
    generator = PROJECT_ROOT / "scripts" / "generate_data.py"
    return subprocess.call([sys.executable, str(generator), "--out", str(data_dir)])


if __name__ == "__main__":
    sys.exit(main())
