"""The byte-by-byte line count that every staged and set-aside row is reconciled with
(base_instacart__raw_files), checked on hand-made bytes, also across chunk boundaries."""

import importlib.util

import pytest

from conftest import PROJECT_ROOT

MODEL_FILE = PROJECT_ROOT / "models" / "staging" / "instacart" / "base" / "base_instacart__raw_files.py"


@pytest.fixture(scope="module")
def raw_files():
    spec = importlib.util.spec_from_file_location("base_instacart__raw_files", MODEL_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# bytes -> (lines including the header, blank lines, first blank line number), by hand.
CASES = {
    b"h\n1\n2\n": (3, 0, None),
    b"h\n1\n2": (3, 0, None),  # no line end after the last line: it still counts
    b"h\n\n1\n": (3, 1, 2),
    b"h\r\n1\r\n\r\n2\r\n": (4, 1, 3),  # CRLF: a blank line is CRLF CRLF
    b"h\r1\r\r2\r": (4, 1, 3),  # lone CR ends lines too
    b"h\n1\n\n\n": (4, 2, 3),  # two trailing blank lines
    b"h\n1\r\n2\n": (3, 0, None),  # mixed LF and CRLF
    b'h\n1,"2\n3,4\n': (3, 0, None),  # a stray quote does not join lines
}


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 64 << 20])
@pytest.mark.parametrize("data", list(CASES))
def test_lines_and_blank_lines_are_counted_by_hand(raw_files, tmp_path, monkeypatch, data, chunk_bytes):
    monkeypatch.setattr(raw_files, "CHUNK_BYTES", chunk_bytes)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    counted = raw_files.count_lines(path)
    assert (counted["lines"], counted["blank_lines"], counted["first_blank_line"]) == CASES[data]


def test_gzip_files_are_counted_decompressed(raw_files, tmp_path):
    import gzip

    path = tmp_path / "f.csv.gz"
    path.write_bytes(gzip.compress(b"h\n1\n\n2\n"))
    counted = raw_files.count_lines(path)
    assert (counted["lines"], counted["blank_lines"]) == (4, 1)
