"""dbt commands for the tests without paying dbt's import each time.

Importing dbt takes about 2 s of the 3 to 10 s a small command takes here, and the suite runs
over a hundred. DbtServer starts one process that imports dbt once and, for each command,
forks a child that is then exactly a fresh `dbt` process: the command's own arguments,
environment and folder, stdout and stderr into files, its exit code returned. The server
itself runs nothing of dbt, so every child starts from the same clean state; a server that
cannot start or dies leaves run_dbt to fall back on a plain subprocess.
"""

import json
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path


def serve():
    """Read one JSON request per line on stdin, answer one JSON line per request on stdout."""
    # Not the DuckDB adapter: a child must load DuckDB itself, or it aborts on exit
    # (DuckDB's threads, made in the server, do not exist in a forked child).
    from dbt.cli.main import cli  # the import each command would otherwise pay

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            # A normal exit, as dbt's own: DuckDB writes its log into the database file on the
            # way out (os._exit would leave it beside the file).
            sys.exit(run_in_child(cli, request))
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


def run_in_child(cli, request):
    """Become the dbt process the request describes; returns its exit code."""
    code = 1
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["dbt", *request["args"]]
        returned = cli()
        code = returned if isinstance(returned, int) else 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


class DbtServer:
    """One server process per test process, started on first use."""

    def __init__(self, python):
        self.python = python
        self.process = None
        self.failed = False

    def start(self):
        self.process = subprocess.Popen(
            [self.python, __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        if json.loads(self.process.stdout.readline() or "{}").get("ready") is not True:
            raise RuntimeError("the dbt server did not start")

    def run(self, args, cwd, env):
        """Run `dbt args` in cwd with env; a CompletedProcess, or None when the server is unusable."""
        if self.failed:
            return None
        try:
            if self.process is None or self.process.poll() is not None:
                self.start()
            with tempfile.TemporaryDirectory() as folder:
                out, err = Path(folder) / "stdout", Path(folder) / "stderr"
                request = {"args": list(args), "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
                reply = json.loads(self.process.stdout.readline())
                return subprocess.CompletedProcess(
                    ["dbt", *args],
                    reply["returncode"],
                    out.read_text(encoding="utf-8", errors="replace"),
                    err.read_text(encoding="utf-8", errors="replace"),
                )
        except (OSError, ValueError, RuntimeError):
            self.failed = True
            return None


if __name__ == "__main__":
    serve()
