"""One row per input file: where it is, its size and its lines, counted byte by byte.

The files are seed instacart_files' rows: the six of the Instacart release, required, and
annotations.csv, optional (an absent optional file has no row: its base model reads nothing).

This is the count every staged and set-aside row is reconciled with, so it is made
without any CSV reader: a line ends at a line feed, a carriage return + line feed, or a
lone carriage return (as DuckDB's reader ends lines), and a blank line is one with no
character at all. The lines longer than var raw_line_max_bytes are found here too, with
their line number, size and first bytes: DuckDB's reader sets such a line aside only up
to its buffer's size and drops a longer one without a word, so the base_ models leave
them all out of the read and set aside these instead (line_too_long). When the files
cannot be read at all (no folder, a missing or empty file, a compressed or UTF-16 file
under a .csv name, a header that is not the Instacart one) the rows carry one message
naming the file and what to do, and the model's post-hook stops the build with it (an
exception raised here would print a traceback).
"""

import gzip
import os
from pathlib import Path

# The files and their headers come from seed instacart_files (their one home): one
# (columns, optional last column, required) triple per file key, in the seed's order.
HOW_TO_FIX = (
    "Put the six Instacart CSVs there, point INSTACART_DATA_DIR (or --vars 'data_dir: ...') "
    "at the folder that has them, or run `make data` to generate them."
)
CHUNK_BYTES = 64 << 20
GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_LINE_BYTES = 2 << 20  # var raw_line_max_bytes


class InstacartFileError(Exception):
    """A raw file cannot be read at all; the message names it and says what to do."""


def file_named(path):
    """How a message names a file: its path in the data folder and, for a link, the file it
    points to, which is the one to fix."""
    link = f" (a link to '{os.path.realpath(path)}')" if path.is_symlink() else ""
    return f"File '{path}'{link}"


def find_file(folder, key):
    """The file for one key: <key>.csv, else <key>.csv.gz; refuses a folder that has both."""
    plain, packed = folder / f"{key}.csv", folder / f"{key}.csv.gz"
    if plain.is_file() and packed.is_file():
        raise InstacartFileError(f"Data folder '{folder}' holds both {plain.name} and {packed.name}; keep one of them.")
    if plain.is_file():
        return plain
    if packed.is_file():
        return packed
    return None


def open_bytes(path):
    """The file as a binary stream, decompressed when its name ends in .gz."""
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def check_encoding(path, head):
    """Refuse bytes that are not CSV text: gzip data under a .csv name, UTF-16, or no gzip under .gz."""
    if path.name.endswith(".gz"):
        if not head.startswith(GZIP_MAGIC):
            raise InstacartFileError(
                f"{file_named(path)} is named .gz but is not gzip-compressed. Rename it to {path.name[:-3]} "
                f"(it is then read as plain text) or compress it (gzip)."
            )
        return
    if head.startswith(GZIP_MAGIC):
        raise InstacartFileError(
            f"{file_named(path)} is gzip-compressed but named .csv. Rename it to {path.name}.gz "
            f"(it is then read as it is) or decompress it (gunzip)."
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:200]:
        raise InstacartFileError(
            f"{file_named(path)} is UTF-16 text; the files must be UTF-8. Convert it, e.g. "
            f"`iconv -f UTF-16 -t UTF-8 {path.name} > {path.stem}.utf8.csv`, and put that in its place."
        )


def check_header(path, key, first_line, files):
    """The header must be the release's (orders.csv may add order_date); returns True when dated."""
    expected, optional, required = files[key]
    text = first_line.decode("utf-8", errors="replace").lstrip("\ufeff")
    actual = [column.strip().strip('"').lower() for column in text.split(",")]
    if optional and actual == expected + [optional]:
        return True
    if actual == expected:
        return False
    accepted = ",".join(expected) + (f" (optionally followed by ,{optional})" if optional else "")
    advice = (
        f"Check that this is the Instacart {key}.csv export."
        if required
        else f"Write that header as the file's first line, or remove {path.name} (it is optional)."
    )
    if not set(actual) & set(expected + [optional]):
        # No column of the header: the first line is data (a file without its header, or
        # another file), which a message must not show.
        raise InstacartFileError(
            f"{file_named(path)} does not start with the header '{accepted}': its first line has none of "
            f"those columns (a file without its header line, or another file). {advice}"
        )
    shown = text if len(text) <= 200 else text[:200] + "..."
    absent = [column for column in expected if column not in actual]
    extra = [column for column in actual if column not in expected and column != optional]
    detail = "".join(
        (
            f"; missing columns: {', '.join(absent)}" if absent else "",
            f"; unexpected columns: {', '.join(extra)}" if extra else "",
            "; same columns in another order" if not absent and not extra else "",
        )
    )
    raise InstacartFileError(f"{file_named(path)} has the header '{shown}', expected '{accepted}'{detail}. {advice}")


def line_ends(data):
    """Line ends in a run of bytes: LF, CRLF and lone CR each count once."""
    carriage_returns = data.count(b"\r")
    crlf_pairs = data.count(b"\r\n") if carriage_returns else 0
    return data.count(b"\n") + carriage_returns - crlf_pairs


def blank_line_positions(chunk):
    """Where, in a chunk, a line end is followed at once by another (LF LF, LF CR, CR CR).

    A CR LF pair is one line end, so it is not a blank line. Without any CR in the chunk
    only LF LF can occur, which spares two full searches on the usual file.
    """
    pairs = (b"\n\n", b"\n\r", b"\r\r") if b"\r" in chunk else (b"\n\n",)
    positions = []
    for pair in pairs:
        position = chunk.find(pair)
        while position != -1:
            positions.append(position)
            position = chunk.find(pair, position + 1)
    return positions


class LongLines:
    """The lines after the header longer than max_bytes (bytes between line ends), fed chunk
    by chunk: (line number, bytes, first bytes) each, in found.

    A line can only be too long where max_bytes + 1 bytes from its start hold no line end,
    so the search jumps to the last line end in that window: a few searches per max_bytes
    bytes of short lines, not one per line. A long line's bytes are counted, not kept; line
    numbers are counted only for the long lines.
    """

    PREFIX_BYTES = 200

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.pending = b""  # bytes not searched yet, from a line's start
        self.before = b""  # the byte before pending: a CR LF split between chunks is one line end
        self.long = None  # the long line being read: [line number, bytes so far, first bytes]
        self.found = []

    def feed(self, chunk, ends_before_chunk, final=False):
        """Searches the next chunk; ends_before_chunk: line ends before it (a CR LF split between
        two chunks counted in the first)."""
        # Line ends before pending: the ones before the chunk, less those in pending.
        ends_before = ends_before_chunk - (line_ends(self.before + self.pending) - line_ends(self.before))
        data = self.pending + chunk if self.pending else chunk
        ends = (b"\n", b"\r") if b"\r" in data else (b"\n",)
        position = self._read_long(data, 0, final) if self.long else 0
        while self.long is None:
            while position < len(data) and data[position] in b"\r\n":
                position += 1
            window_end = position + self.max_bytes + 1
            last = max(data.rfind(end, position, window_end) for end in ends)
            if last != -1:
                position = last + 1
            elif window_end > len(data):
                break  # what is left is shorter than the limit: the next chunk, or the file's end
            else:
                number = ends_before + line_ends(self.before + data[:position]) - line_ends(self.before) + 1
                self.long = [number, 0, b""]
                position = self._read_long(data, position, final)
        self.before = data[position - 1 : position] or self.before
        self.pending = data[position:]

    def _read_long(self, data, start, final):
        """Reads the long line from start to its end, or to the data's end; returns where it stopped."""
        ends = [found for found in (data.find(b"\n", start), data.find(b"\r", start)) if found != -1]
        end = min(ends) if ends else len(data)
        number, size, prefix = self.long
        self.long = [number, size + end - start, (prefix + data[start:end][: self.PREFIX_BYTES])[: self.PREFIX_BYTES]]
        if ends or final:
            if number > 1:  # a long first line is the header check's to name
                self.found.append(tuple(self.long))
            self.long = None
        return end


def count_lines(path, max_line_bytes=DEFAULT_MAX_LINE_BYTES):
    """Lines, blank lines and the first blank line's number (1 = the header) of a file, its
    first bytes, and its lines longer than max_line_bytes (LongLines).

    A blank line is two line ends in a row (blank_line_positions). Chunks overlap by one
    byte so that a line end or a pair split between two chunks is seen once.
    """
    ends_before = blank_lines = 0
    first_blank_line = None
    previous_last = b""
    head = b""
    long_lines = LongLines(max_line_bytes)
    with open_bytes(path) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            long_lines.feed(chunk, ends_before)
            head = head or chunk[:4096]
            joined = previous_last + chunk
            positions = blank_line_positions(joined)
            blank_lines += len(positions)
            if positions and first_blank_line is None:
                first = min(positions)
                first_blank_line = ends_before + line_ends(joined[: first + 1]) - line_ends(previous_last) + 1
            ends_before += line_ends(joined) - line_ends(previous_last)
            previous_last = chunk[-1:]
    long_lines.feed(b"", ends_before, final=True)
    ends_with_line_end = previous_last in (b"\n", b"\r")
    lines = ends_before + (0 if ends_with_line_end or not head else 1)
    return {
        "lines": lines,
        "blank_lines": blank_lines,
        "first_blank_line": first_blank_line,
        "head": head,
        "long_lines": long_lines.found,
    }


def long_line_value(number, size, prefix):
    """How a line too long to read shows in fct_rejected_rows: its first characters, where it is, its size."""
    return f"{prefix.decode('utf-8', 'replace')}... (line {number}, {size} bytes)"


def describe_file(folder, key, files, max_line_bytes=DEFAULT_MAX_LINE_BYTES):
    """Check one file and count its lines; one dict per file."""
    path = find_file(folder, key)
    size = path.stat().st_size
    columns, _, required = files[key]
    if size == 0:
        raise InstacartFileError(
            f"{file_named(path)} is empty (0 bytes); it should start with the header {','.join(columns)}. "
            + ("Replace it with a complete export." if required else f"Write the header, or remove {path.name}.")
        )
    with open(path, "rb") as raw:
        check_encoding(path, raw.read(4096))
    counted = count_lines(path, max_line_bytes)
    head = counted["head"]
    first_line = head.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n", 1)[0]
    is_dated = check_header(path, key, first_line, files)
    data_lines = counted["lines"] - 1
    if required and data_lines - counted["blank_lines"] <= 0:
        raise InstacartFileError(
            f"{file_named(path)} has no data rows (only '{first_line.decode('utf-8', 'replace')}'). "
            f"Replace it with a complete export."
        )
    return {
        "file_key": key,
        "source_file": path.name,
        "file_path": str(path),
        "file_bytes": size,
        "data_lines": data_lines,
        "blank_lines": counted["blank_lines"],
        "first_blank_line": counted["first_blank_line"],
        "has_order_date": is_dated,
        "long_lines": len(counted["long_lines"]),
        "long_line_values": [long_line_value(*line) for line in counted["long_lines"]],
    }


def describe_files(data_dir, files, max_line_bytes=DEFAULT_MAX_LINE_BYTES):
    """Check the folder and every file there; a list of dicts in the order of `files`, an
    optional file that is absent left out."""
    folder = Path(data_dir)
    found = {key: find_file(folder, key) if folder.is_dir() else None for key in files}
    required = [key for key, (_, _, is_required) in files.items() if is_required]
    names = ", ".join(f"{key}.csv" for key in required)
    if not any(found[key] for key in required):
        raise InstacartFileError(
            f"Data folder '{folder}' does not exist or holds none of the Instacart files ({names}). {HOW_TO_FIX}"
        )
    missing = [f"{key}.csv" for key in required if found[key] is None]
    if missing:
        raise InstacartFileError(f"Missing file(s) in data folder '{folder}': {', '.join(missing)}. {HOW_TO_FIX}")
    return [describe_file(folder, key, files, max_line_bytes) for key in files if found[key] is not None]


COLUMN_TYPES = {
    "file_key": "varchar",
    "source_file": "varchar",
    "file_path": "varchar",
    "file_bytes": "bigint",
    "data_lines": "bigint",
    "blank_lines": "bigint",
    "first_blank_line": "bigint",
    "has_order_date": "boolean",
    "long_lines": "bigint",
    "long_line_values": "varchar[]",
    "problem": "varchar",
}


def expected_files(dbt):
    """{file_key: (header columns, optional last column or None, required)} from seed instacart_files."""
    rows = dbt.ref("instacart_files").order("sort_order").fetchall()
    columns = [column[0] for column in dbt.ref("instacart_files").description]
    files = {}
    for row in rows:
        record = dict(zip(columns, row))
        files[record["file_key"]] = (
            record["header"].split(","),
            record["optional_last_column"] or None,
            bool(record["is_required"]),
        )
    return files


def model(dbt, session):
    dbt.config(materialized="table")
    files = expected_files(dbt)
    try:
        rows = describe_files(dbt.config.get("data_dir"), files, int(dbt.config.get("raw_line_max_bytes")))
    except InstacartFileError as error:
        rows = [{"file_key": key, "problem": str(error)} for key in files]
    placeholders = ", ".join(["(" + ", ".join(["?"] * len(COLUMN_TYPES)) + ")"] * len(rows))
    values = [row.get(column) for row in rows for column in COLUMN_TYPES]
    typed = ", ".join(f"cast({column} as {kind}) as {column}" for column, kind in COLUMN_TYPES.items())
    return session.sql(
        f"select {typed} from (values {placeholders}) as files ({', '.join(COLUMN_TYPES)})", params=values
    )
