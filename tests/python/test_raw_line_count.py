"""The byte-by-byte line count that every staged and set-aside row is reconciled with
(base_instacart__raw_files), checked on hand-made bytes, also across chunk boundaries; and
the lines too long to read, found in the same pass."""

import importlib.util
import random
import re

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


def lines_longer_than(data, max_bytes):
    """(line number, bytes, first 200 bytes) of each line after the header longer than max_bytes,
    by a plain split (what LongLines finds without holding the file)."""
    lines = re.split(rb"\r\n|\r|\n", data)
    if data.endswith((b"\n", b"\r")):
        lines = lines[:-1]
    return [
        (number, len(line), line[:200]) for number, line in enumerate(lines, 1) if number > 1 and len(line) > max_bytes
    ]


# bytes, limit: by hand at and around the limit, with each line end and a long last line.
LONG_CASES = [
    (b"h\n12345\n123456\n1\n", 5),  # 5 bytes fit, 6 do not
    (b"h\r\n12345\r\n123456\r\n", 5),  # the CR of a CR LF is a line end, not a byte of the line
    (b"h\r123456\r12345\r", 5),
    (b"h\n1\n" + b"x" * 1000, 5),  # the last line, without a line end
    (b"h\n" + b"y" * 300 + b"\n\n" + b"z" * 7 + b"\r\n", 5),  # a long line's first 200 bytes only
    (b"0123456789\n1\n", 5),  # a long header is the header check's to name
]


def random_lines(seed):
    rng = random.Random(seed)
    limit = rng.randint(1, 12)
    parts = [b"h" * rng.randint(0, 20)]
    for _ in range(rng.randint(0, 15)):
        parts.append(rng.choice([b"\n", b"\r\n", b"\r"]))
        size = rng.choice([0, 1, limit - 1, limit, limit + 1, limit + 2, rng.randint(0, 300)])
        parts.append(bytes(rng.choice(b"ab") for _ in range(size)))
    return b"".join(parts), limit


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 7, 64 << 20])
def test_lines_longer_than_the_limit_are_found_with_their_numbers(raw_files, tmp_path, monkeypatch, chunk_bytes):
    monkeypatch.setattr(raw_files, "CHUNK_BYTES", chunk_bytes)
    path = tmp_path / "f.csv"
    for data, limit in LONG_CASES + [random_lines(seed) for seed in range(300)]:
        path.write_bytes(data)
        counted = raw_files.count_lines(path, limit)
        assert counted["long_lines"] == lines_longer_than(data, limit), (data, limit)
        assert counted["lines"] == len(data.splitlines())  # the count itself does not change
    path.write_bytes(LONG_CASES[0][0])
    assert raw_files.count_lines(path, 5)["long_lines"] == [(3, 6, b"123456")]
