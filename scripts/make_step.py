"""Run one step of a make target quietly: one progress line on screen, the step's output in a log.

  python3 scripts/make_step.py --label "Building the warehouse" --log logs/dbt-build.log -- .venv/bin/dbt build

prints `==> Building the warehouse ... done in 46s` and writes everything the command printed to
the log. On failure it says so, shows the end of the log (from the last line matching --tail-from,
when given) on stderr with the log's path, and exits with the command's status. VERBOSE=1 in the
environment shows every line as well. Lines matching --show are shown as they come (`==> ...`
lines of a script, say); --all shows every line, as for a script that prints only warnings.
Standard library only: the first step runs before the virtual environment exists.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

TAIL_LINES = 25
FAILED_STATUSES = ("error", "fail", "runtime error")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", help="what the step does, shown as `==> LABEL ... done in Ns`")
    parser.add_argument("--log", type=Path, help="file that receives everything the command prints")
    parser.add_argument("--append", action="store_true", help="add to the log instead of replacing it")
    parser.add_argument("--show", type=re.compile, help="show the command's lines that match this pattern")
    parser.add_argument("--all", action="store_true", help="show every line the command prints")
    parser.add_argument("--tail-from", type=re.compile, help="on failure, show the log from the last matching line")
    parser.add_argument("--hint", help="a sentence shown on failure, after the log's path")
    parser.add_argument(
        "--dbt-results", type=Path, help="dbt's run_results.json: the done line counts the nodes by status"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command")
    args = parser.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    if not args.command:
        parser.error("no command given (put it after --)")
    return args


def duration(seconds):
    seconds = round(seconds)
    return f"{seconds // 60}m {seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Screen:
    """The progress line and the lines shown under it; a shown line first ends the open progress line."""

    def __init__(self):
        self.lock = threading.Lock()
        self.line_open = False

    def start(self, label):
        sys.stdout.write(f"==> {label} ... ")
        sys.stdout.flush()
        self.line_open = True

    def show(self, line, stream):
        with self.lock:
            self.end_line()
            stream.write(line)
            stream.flush()

    def end_line(self):
        if self.line_open:
            sys.stdout.write("\n")
            sys.stdout.flush()
            self.line_open = False

    def finish(self, text):
        """`done in 4s` on the progress line if it is still open, else on a line of its own."""
        with self.lock:
            sys.stdout.write(text + "\n" if self.line_open else f"    {text}\n")
            sys.stdout.flush()
            self.line_open = False


def dbt_counts(path, since):
    """'117 nodes: 112 passed, 5 no-op' from a run_results.json written after `since` (else None), and the warned."""
    try:
        if path.stat().st_mtime < since:
            return None, []
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return None, []
    counts = {}
    warned = []
    for result in results:
        status = str(result.get("status", "")).lower()
        word = {"success": "passed", "pass": "passed", "warn": "warned", "skipped": "skipped", "no-op": "no-op"}.get(
            status, "failed" if status in FAILED_STATUSES else status
        )
        counts[word] = counts.get(word, 0) + 1
        if word == "warned":
            warned.append(result.get("unique_id", "?").split(".")[-1])
    order = ["passed", "warned", "failed", "skipped", "no-op"]
    words = [f"{counts[word]} {word}" for word in order if counts.get(word)]
    words += [f"{count} {word}" for word, count in counts.items() if word not in order]
    return f"{len(results)} nodes: {', '.join(words)}", warned


def pump(source, stream, screen, log, log_lock, args, verbose):
    for line in iter(source.readline, ""):
        if log is not None:
            with log_lock:
                log.write(line)
                log.flush()
        if verbose or args.all or log is None or (args.show and args.show.search(line)):
            screen.show(line, stream)
    source.close()


def tail(log_path, pattern):
    lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = max(len(lines) - TAIL_LINES, 0)
    if pattern:
        matches = [number for number, line in enumerate(lines) if pattern.search(line)]
        if matches:
            start = matches[-1]
    return lines[start : start + 2 * TAIL_LINES]


def main(argv=None):
    args = parse_args(argv)
    verbose = os.environ.get("VERBOSE", "") not in ("", "0")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # dbt colours its lines unless told not to; only a person watching a terminal wants them.
    colours = "true" if verbose and sys.stdout.isatty() else "false"
    env.setdefault("DBT_USE_COLORS", colours)
    env.setdefault("DBT_USE_COLORS_FILE", "false")
    screen = Screen()
    log = None
    if args.log:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        log = open(args.log, "a" if args.append else "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    if args.label:
        screen.start(args.label)
    started_wall, started = time.time(), time.perf_counter()
    try:
        process = subprocess.Popen(
            args.command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as error:
        screen.end_line()
        print(f"ERROR: could not start {args.command[0]}: {error}", file=sys.stderr)
        return 127
    log_lock = threading.Lock()
    pumps = [
        threading.Thread(target=pump, args=(process.stdout, sys.stdout, screen, log, log_lock, args, verbose)),
        threading.Thread(target=pump, args=(process.stderr, sys.stderr, screen, log, log_lock, args, verbose)),
    ]
    for thread in pumps:
        thread.start()
    try:
        status = process.wait()
    except KeyboardInterrupt:
        process.wait()
        status = 130
    for thread in pumps:
        thread.join()
    if log is not None:
        log.close()
    elapsed = time.perf_counter() - started
    took = duration(elapsed)
    counts, warned = dbt_counts(args.dbt_results, started_wall) if args.dbt_results else (None, [])
    if status == 0:
        if args.label:
            screen.finish(f"done in {took}" + (f": {counts}" if counts else ""))
        elif elapsed >= 2 and args.log:
            screen.finish(f"done in {took} (output in {args.log})")
        if warned:
            print(f"    warnings: {', '.join(warned)} (details in {args.log})")
        return 0
    if args.label:
        screen.finish(f"FAILED after {took} (exit status {status})")
    if args.log and not verbose:
        print("\n".join(["", *tail(args.log, args.tail_from), ""]), file=sys.stderr)
    if args.log:
        print(f"The full log: {args.log}", file=sys.stderr)
    if args.hint:
        print(args.hint, file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
