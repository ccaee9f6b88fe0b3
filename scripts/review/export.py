"""Write the outputs: paths kept inside the output folder, HTML without a browser, PNG through kaleido."""

import asyncio
import os
import threading
from pathlib import Path

CHROME_HOWTO = (
    "PNG figures need Chrome or Chromium; the memo and any HTML figures are written without one.\n"
    "  Debian/Ubuntu:   sudo apt-get install chromium\n"
    "  with internet:   plotly_get_chrome   (kaleido's own download of Chrome)\n"
    "  elsewhere:       install Chrome, or set BROWSER_PATH to a Chrome/Chromium binary\n"
    "Then run this command again; --require-png makes a missing PNG an error."
)


class OutputPathError(Exception):
    """An output path would land outside the output folder."""


def inside(out_dir, name):
    """The path for an output file, refused when it resolves outside out_dir (e.g. through a symlink)."""
    root = Path(out_dir).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root:
        raise OutputPathError(f"refusing to write {name}: it resolves to {path}, outside {root}")
    return path


def write_text(out_dir, name, text):
    """Write a text file inside out_dir; returns its path."""
    path = inside(out_dir, name)
    path.write_text(text, encoding="utf-8")
    return path


def find_chrome():
    """Path of Chrome or Chromium: $BROWSER_PATH when set, else wherever kaleido would look; None if none."""
    from choreographer.browsers.chromium import Chromium

    override = os.environ.get("BROWSER_PATH")
    found = override if override else Chromium.find_browser(skip_local=False)
    if found and Path(found).is_file() and os.access(found, os.X_OK):
        return found
    return None


def write_pngs(jobs, chrome_path, scale, timeout_seconds=120):
    """Write (figure, path) jobs as PNG with ONE browser for all, closed at the end.

    kaleido's async API is used rather than its sync server: the sync server waits forever
    when the browser fails to start, this raises instead.
    """
    import kaleido

    async def render():
        async with kaleido.Kaleido(path=chrome_path, mathjax=False, timeout=timeout_seconds) as renderer:
            for fig, path in jobs:
                await renderer.write_fig(fig, path=path, opts={"format": "png", "scale": scale})

    asyncio.run(asyncio.wait_for(render(), timeout_seconds))
    return [path for _, path in jobs]


def start_pngs(jobs, chrome_path, scale):
    """Start write_pngs in a background thread, so the browser starts while the caller writes HTML.

    Figures are handed over as dicts (copies), so the two threads share no plotly object.
    Returns wait(), which blocks until the PNGs are written and re-raises any error.
    """
    copies = [(fig.to_dict(), path) for fig, path in jobs]
    outcome = {}

    def run():
        try:
            write_pngs(copies, chrome_path, scale)
        except Exception as error:  # handed to wait(), which raises it in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="png-export", daemon=True)
    thread.start()

    def wait():
        thread.join()
        if "error" in outcome:
            raise outcome["error"]

    return wait
