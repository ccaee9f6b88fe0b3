"""Remove what the build and the renderer wrote, and say what was removed (`make clean`).

Removes target/, logs/, the warehouse's DuckDB files and, in reports/, only the files the
renderer writes (render_review.owned_names(), the same list a render replaces): your own
files there, benchmark.json and .gitkeep stay. The data folder and .venv are never touched.
"""

import shutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def renderer_files(reports):
    """The renderer's files present in reports/, or None when its list cannot be read (no .venv)."""
    try:
        from render_review import owned_names  # scripts/ is on the path when run
    except ImportError:
        return None
    return [reports / name for name in sorted(owned_names()) if (reports / name).is_file()]


def main():
    removed = []
    for folder in ("target", "logs"):
        if (PROJECT_ROOT / folder).is_dir():
            shutil.rmtree(PROJECT_ROOT / folder)
            removed.append(f"{folder}/")
    for path in sorted((PROJECT_ROOT / "warehouse").glob("*.duckdb*")):
        path.unlink()
        removed.append(f"warehouse/{path.name}")
    reports = PROJECT_ROOT / "reports"
    files = renderer_files(reports)
    if files is None:
        print("reports/ left as it is: the renderer's list of its files needs .venv (make install, then make clean)")
    else:
        for path in files:
            path.unlink()
        if files:
            removed.append(f"{len(files)} rendered files in reports/")
    print("Removed " + ", ".join(removed) + "." if removed else "Nothing to remove.")
    kept = sorted(path.name for path in reports.iterdir() if path.name != ".gitkeep") if reports.is_dir() else []
    if kept and files is not None:
        print(f"Kept in reports/ (not the renderer's): {', '.join(kept)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
