"""Write the outputs: paths kept inside the output folder, HTML without a browser, PNG through kaleido."""

import contextlib
import os
from pathlib import Path

CHROME_HELP = (
    "No Chrome or Chromium was found, so PNG figures were not written (HTML figures and the memo were).\n"
    "  Debian/Ubuntu:      sudo apt-get install chromium\n"
    "  with internet:      plotly_get_chrome   (kaleido's own download, into the virtualenv)\n"
    "  elsewhere:          install Chrome, or set BROWSER_PATH to a Chrome/Chromium binary\n"
    "Then run this command again, or pass --require-png to make a missing browser an error."
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


def write_html(fig, out_dir, name):
    """A self-contained interactive HTML page (plotly.js inlined, no CDN); needs no browser."""
    path = inside(out_dir, name)
    fig.write_html(
        str(path), include_plotlyjs=True, full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    return path


def find_chrome():
    """Path of an installed Chrome or Chromium (as kaleido would find it), or None."""
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    if found and Path(found).is_file() and os.access(found, os.X_OK):
        return found
    return None


@contextlib.contextmanager
def browser(chrome_path):
    """One kaleido server (one browser) for the whole run, stopped at the end."""
    import kaleido

    kaleido.start_sync_server(path=chrome_path, mathjax=False, silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def write_png(fig, out_dir, name, scale):
    """A PNG of the figure at its layout size times scale; needs the browser() context."""
    path = inside(out_dir, name)
    fig.write_image(str(path), format="png", scale=scale)
    return path
