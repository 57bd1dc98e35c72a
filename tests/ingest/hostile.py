"""Hostile files, generated at test time (nothing large is kept in the repo).

Each builder writes one file (or folder entry) under ``folder`` and returns its
path. The bombs are built from one compressed block repeated, so a file that
inflates to gigabytes takes milliseconds and a few megabytes to write:

* ``gzip_bomb``, ``bz2_bomb``, ``zip_bomb``: 2 GiB of zeros behind a few MB;
* ``pdf_flate_bomb``: a PDF whose page content (FlateDecode) inflates to 2 GiB;
* ``shared_content_pdf``: 900 pages drawing one 15 MB content stream;
* ``sparse_line``: a 1 GiB file with no newline (sparse: no disk is used);
* ``corpus_with_huge_line``: a JSON Lines corpus whose second line is 1 GB;
* ``parquet_dictionary_bomb``: a Parquet corpus of a few kilobytes whose rows
  repeat one dictionary value of ``megabytes`` MB (1.3 GB and 1.5 GB decoded);
* ``nested_html``: ``<div>`` nested 200,000 deep;
* ``wide_html``: 800,000 paragraphs in 19 MB;
* ``many_pages_pdf``: 5,000 pages, with or without a text layer;
* ``invalid_utf8``, ``control_chars``, ``nul_bytes``: not text;
* ``nested_json``: a witness report nested 100,000 deep;
* ``huge_csv_field``: a witness CSV with one 100 MB field;
* ``huge_sidecar``: a report whose ``.meta.json`` sidecar is 1 GB;
* ``laughs_front_matter``, ``laughs_scenario``: YAML "billion laughs";
* ``symlink_loop``, ``fifo``, ``device``: entries that are not regular files;
* ``hostile_name``: a file whose name holds a newline and terminal escapes.
"""

from __future__ import annotations

import bz2
import gzip
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from fuzz.seeds import pdf, pdf_file

GIB = 1 << 30
FORM = " /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
_CHUNK = 10 << 20  # 10 MiB of zeros (or spaces), compressed once, repeated
_REPEATS = 2 * GIB // _CHUNK


def _deflate_blocks(byte: bytes = b"\0") -> tuple[bytes, bytes]:
    """Raw deflate blocks for _CHUNK copies of ``byte`` (repeatable: each block
    refers only to the 32 KiB before it, which always holds the same byte), and
    the final empty block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(byte * _CHUNK) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block, compressor.flush(zlib.Z_FINISH)


def _crc_of_repeats(byte: bytes) -> int:
    chunk = byte * _CHUNK
    crc = 0
    for _ in range(_REPEATS):
        crc = zlib.crc32(chunk, crc)
    return crc


def gzip_bomb(folder: Path, name: str = "bomb.gz") -> Path:
    member = gzip.compress(b"\0" * _CHUNK, compresslevel=9)
    path = folder / name
    path.write_bytes(member * _REPEATS)  # a gzip file may hold many members
    return path


def bz2_bomb(folder: Path, name: str = "bomb.bz2") -> Path:
    stream = bz2.compress(b"\0" * _CHUNK, 9)
    path = folder / name
    path.write_bytes(stream * _REPEATS)  # bzip2 streams may be concatenated
    return path


def zip_bomb(folder: Path, name: str = "bomb.zip") -> Path:
    """One member, ``zeros.txt``, 2 GiB of zeros (zip64 not needed below 4 GiB)."""
    block, final = _deflate_blocks()
    data = block * _REPEATS + final
    size, crc, member = _REPEATS * _CHUNK, _crc_of_repeats(b"\0"), b"zeros.txt"
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(member), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        size,
        len(member),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory_at = len(local) + len(member) + len(data)
    directory = central + member
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), directory_at, 0
    )
    path = folder / name
    path.write_bytes(local + member + data + directory + end)
    return path


def pdf_flate_bomb(folder: Path, name: str = "bomb.pdf") -> Path:
    """A one-page PDF whose content stream inflates to 2 GiB of spaces."""
    block, final = _deflate_blocks(b" ")
    stream = b"\x78\xda" + block * _REPEATS + final  # zlib header; no checksum
    template = pdf(["placeholder"], compress=True)
    head, _, rest = template.partition(b"stream\n")
    _, _, tail = rest.partition(b"\nendstream")
    length = head[head.rindex(b"/Length ") :].split(b" ")[1]
    head = head.replace(b"/Length " + length, b"/Length " + str(len(stream)).encode())
    # The xref offsets after the stream are now off; PDF readers rebuild them.
    path = folder / name
    path.write_bytes(head + b"stream\n" + stream + b"\nendstream" + tail)
    return path


def shared_content_pdf(
    folder: Path, name: str = "shared.pdf", pages: int = 900, form: bool = False
) -> Path:
    """``pages`` pages that all draw one content stream of 6 MB (6 KB
    compressed): each page alone is fine, together they are 5.4 GB to inflate
    and parse."""
    content = zlib.compress(
        b"BT /F1 10 Tf " + (b"(A) Tj" + b" " * 994) * 6_000 + b" ET", 9
    )
    first = 6 if form else 5
    kids = " ".join(f"{first + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} /Filter /FlateDecode{FORM if form else ''} >>"
        "\nstream\n".encode()
        + content
        + b"\nendstream",
    ]
    if form:  # each page draws the stream as a form XObject: "/X Do"
        objects.append(b"<< /Length 8 >>\nstream\n/X0 Do  \nendstream")
    drawn = (
        f"{len(objects)} 0 R /Resources << /XObject << /X0 4 0 R >>"
        if form
        else ("4 0 R /Resources <<")
    )
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
    objects += [f"{page}{drawn} /Font << /F1 3 0 R >> >> >>".encode()] * pages
    path = folder / name
    path.write_bytes(pdf_file(objects))
    return path


def sparse_line(folder: Path, name: str = "line.txt", size: int = GIB) -> Path:
    """``size`` bytes with no newline: a sentence, then a sparse hole."""
    path = folder / name
    with path.open("wb") as handle:
        handle.write(b"More than 50,000 people have fled east Aleppo. ")
        handle.truncate(size)
    return path


def corpus_with_huge_line(folder: Path, name: str = "feed.jsonl") -> Path:
    """A JSON Lines corpus: one good record, then a 1 GB line (sparse)."""
    path = folder / name
    with path.open("wb") as handle:
        handle.write(b'{"text": "About 300 people fled the old city."}\n{"text": "')
        handle.truncate(GIB)
    return path


def parquet_dictionary_bomb(
    folder: Path, name: str = "feed.parquet", megabytes: int = 21, rows: int = 60
) -> Path:
    """A good record, then ``rows`` rows that all point at one dictionary value
    of ``megabytes`` MB: Parquet stores it once, a reader decodes it per row.

    Written by a child process: building the value takes ``megabytes`` MB and
    more in pyarrow, and a process started later from this one would report
    this one's size as its own peak RSS (Linux counts a child's peak from the
    parent's size at fork)."""
    path = folder / name
    subprocess.run(
        [sys.executable, "-c", _PARQUET_BOMB, str(path), str(megabytes), str(rows)],
        check=True,
        timeout=120,
    )
    return path


_PARQUET_BOMB = """\
import sys
import pyarrow as pa
import pyarrow.parquet as pq
path, megabytes, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
values = pa.array(
    ["About 300 people fled the old city.", "x" * (megabytes << 20)],
    type=pa.large_string(),
)
indices = pa.array([0] + [1] * rows, type=pa.int32())
text = pa.DictionaryArray.from_arrays(indices, values)
pq.write_table(pa.table({"text": text}), path, compression="zstd")
"""


def one_line_chunks(total: int = GIB, chunk: int = 1 << 20) -> tuple[bytes, int]:
    """A chunk of one long line and how many of it make ``total`` bytes."""
    return b"x" * chunk, total // chunk


def nested_html(folder: Path, name: str = "nested.html", depth: int = 200_000) -> Path:
    path = folder / name
    path.write_bytes(
        b"<!doctype html><html><head><title>deep</title></head><body>"
        + b"<div>" * depth
        + b"More than 50,000 people have fled east Aleppo."
        + b"</div>" * depth
        + b"</body></html>"
    )
    return path


def wide_html(folder: Path, name: str = "wide.html", count: int = 800_000) -> Path:
    """19 MB of paragraphs, under the size limit: 800,000 elements."""
    path = folder / name
    path.write_bytes(
        b"<!doctype html><html><body>"
        + b"<p>More people fled.</p>" * count
        + b"</body></html>"
    )
    return path


def many_pages_pdf(
    folder: Path, name: str = "pages.pdf", pages: int = 5_000, text: bool = True
) -> Path:
    path = folder / name
    line = "Day {}: more than 50,000 people have fled east Aleppo."
    path.write_bytes(
        pdf([line.format(i) if text else None for i in range(pages)], compress=True)
    )
    return path


def invalid_utf8(folder: Path, name: str = "latin1.txt") -> Path:
    path = folder / name
    path.write_bytes(b"Plus de 50 000 personnes ont fui Alep-Est, dit l'ONU. ")
    with path.open("ab") as handle:
        handle.write(b"D\xe9j\xe0 \xff\xfe la semaine derni\xe8re.\n")
    return path


def control_chars(folder: Path, name: str = "controls.txt") -> Path:
    path = folder / name
    path.write_bytes(b"fled \x1b[2J\x07\x08\x0e\x0f\x10\x11\x12\x13\x14 " * 2_000)
    return path


def nul_bytes(folder: Path, name: str = "nul.md") -> Path:
    path = folder / name
    path.write_bytes(b"More than 50,000 people fled.\x00\x00\x00 east Aleppo\n")
    return path


def nested_json(folder: Path, name: str = "nested.json", depth: int = 100_000) -> Path:
    path = folder / name
    path.write_bytes(b'{"text": ' * depth + b'"x"' + b"}" * depth)
    return path


def huge_csv_field(
    folder: Path, name: str = "field.csv", size: int = 100 * 1024 * 1024
) -> Path:
    path = folder / name
    with path.open("wb") as handle:
        handle.write(b'text,observed_at\n"')
        chunk = b"people fled " * 87_381  # about 1 MiB
        written = 0
        while written < size:
            handle.write(chunk)
            written += len(chunk)
        handle.write(b'",2016-12-01\n')
    return path


def huge_sidecar(folder: Path, name: str = "report.txt") -> Path:
    """A good report beside a 1 GB (sparse) ``.meta.json`` sidecar."""
    path = folder / name
    path.write_text("More than 50,000 people have fled.\n", encoding="utf-8")
    sparse_line(folder, Path(name).stem + ".meta.json")
    return path


def _laughs(indent: str = "") -> str:
    lines = [f"{indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"{indent}l{level}: &l{level} [{refs}]")
    return "\n".join(lines)


def laughs_front_matter(folder: Path, name: str = "laughs.md") -> Path:
    path = folder / name
    path.write_text(
        f"---\n{_laughs()}\ntitle: *l9\n---\nMore than 50,000 people fled.\n",
        encoding="utf-8",
    )
    return path


def laughs_scenario(folder: Path, name: str = "laughs.yaml") -> Path:
    """A scenario whose ``name`` expands to 10^10 strings."""
    path = folder / name
    path.write_text(
        f"{_laughs()}\nname: *l9\nstart: 2016-12-01T00:00\n", encoding="utf-8"
    )
    return path


def symlink_loop(folder: Path, name: str = "loop.txt") -> Path:
    path = folder / name
    other = folder / ("other-" + name)
    os.symlink(other.name, path)
    os.symlink(path.name, other)
    return path


def fifo(folder: Path, name: str = "pipe.txt") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def device(folder: Path, name: str = "zero.txt") -> Path:
    """A report-named link to /dev/zero: endless bytes if read."""
    path = folder / name
    os.symlink("/dev/zero", path)
    return path


HOSTILE_NAME = "evil\n\x1b[31mred\x1b[0m\x07\u202e\rname.txt"


def hostile_name(folder: Path) -> Path:
    """An empty report whose name holds a newline, escapes, a bell, a
    right-to-left override and a carriage return."""
    path = folder / HOSTILE_NAME
    path.write_bytes(b"")
    return path
