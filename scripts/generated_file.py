"""Write a file generated from the seeds, or check that it is current (--check): the main()
of scripts/generate_metric_docs.py and scripts/generate_semantic_metrics.py."""

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def write_or_check(output: Path, text: str, script: str, description: str, argv=None) -> int:
    """Write `text` to `output` when it differs; with --check, write nothing and return 1 when it differs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is out of date; write nothing")
    parser.add_argument("--quiet", action="store_true", help="say nothing when the file is already current")
    args = parser.parse_args(argv)
    name = output.relative_to(PROJECT_ROOT)
    current = output.read_text(encoding="utf-8") if output.exists() else ""
    if args.check:
        if current != text:
            print(f"{name} is out of date: run python {script}", file=sys.stderr)
            return 1
        return 0
    if current == text:
        if not args.quiet:
            print(f"{name} is current")
        return 0
    output.write_text(text, encoding="utf-8")
    print(f"wrote {name} from the seeds")
    return 0
