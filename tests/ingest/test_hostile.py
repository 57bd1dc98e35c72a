"""Hostile files through the real ``corridor`` CLI, in a subprocess held to
1.5 GB of address space and 60 s: each is refused with one line naming it,
nothing from it is stored, and the evidence log still verifies.

The files are made at test time by ``tests/ingest/hostile.py``. Each test
prints its peak memory and time (``pytest -s`` shows them).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from corridor.ingest import batch
from corridor.store import queries
from corridor.store.engine import open_store
from tests.ingest import hostile

CORRIDOR = Path(sys.executable).with_name("corridor")
ADDRESS_SPACE = 1536 * 1024 * 1024
TIMEOUT = 60.0
GOOD = "More than 50,000 people have fled east Aleppo, the UN said on Tuesday.\n"
SCENARIO = """\
name: hostile
start: 2016-12-01T00:00
corridors:
  - {id: c1, from: west, to: east, capacity: 10,
     windows: [{start: 2016-12-01T10:00, end: 2016-12-01T13:00}]}
fleet:
  - {id: truck, count: 5, tonnes: 10}
"""


@dataclass
class Ran:
    status: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


# The command runs as the child of a small Python launcher that sets the
# limit and reports the command's own peak RSS. Started straight from pytest,
# a child's peak RSS (wait4's ru_maxrss) would include pytest's own resident
# pages, copied at fork and kept across exec: a late test of a long run
# measured 405 MB for a command that peaks at 67.
_LAUNCHER = """
import os, resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2)
child = subprocess.Popen(sys.argv[3:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[2], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def corridor(
    db: Path, *args: str, stdin: Callable[[subprocess.Popen[bytes]], None] | None = None
) -> Ran:
    """``corridor --db DB ARGS`` under the limits; its peak RSS from wait4."""
    started = time.monotonic()
    peak = db.parent / "peak-rss.txt"
    launch = [sys.executable, "-c", _LAUNCHER, str(ADDRESS_SPACE), str(peak)]
    process = subprocess.Popen(
        [*launch, str(CORRIDOR), "--db", str(db), *args],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the timer kills the launcher and the command
        env={**os.environ, "COLUMNS": "200"},
    )
    timer = threading.Timer(TIMEOUT, os.killpg, (process.pid, signal.SIGKILL))
    timer.start()
    feeder = None
    if stdin is not None:
        feeder = threading.Thread(target=stdin, args=(process,))
        feeder.start()
    out, err = [], []
    readers = [
        threading.Thread(target=lambda: out.append(process.stdout.read())),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(process.stderr.read())),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    process.wait()
    timer.cancel()
    for thread in [*readers, *([feeder] if feeder else [])]:
        thread.join()
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()
    seconds = time.monotonic() - started
    assert seconds < TIMEOUT, f"killed after {TIMEOUT} s"
    return Ran(
        process.returncode,
        out[0].decode("utf-8", "replace"),
        err[0].decode("utf-8", "replace"),
        int(peak.read_text()) / 1024,
        seconds,
    )


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store holding one good report (so the log has an entry to verify)."""
    db = tmp_path / "corridor.db"
    good = tmp_path / "good" / "good.txt"
    good.parent.mkdir()
    good.write_text(GOOD, encoding="utf-8")
    store = open_store(str(db))
    try:
        (outcome,) = batch.ingest(
            store, [batch.Source(str(good), good)], batch.Options()
        )
        assert outcome.error is None and outcome.new
    finally:
        store.close()
    return db


def documents(db: Path) -> int:
    store = open_store(str(db))
    try:
        return len(queries.documents(store))
    finally:
        store.close()


def assert_log_verifies(db: Path, entries: int) -> None:
    ran = corridor(db, "log", "verify")
    assert ran.status == 0, ran.stderr
    assert f"ok: {entries} entries" in ran.stdout


def assert_refused(ran: Ran, name: str, problem: str) -> None:
    """Exit 1; exactly one stderr line, printable, naming the file and problem."""
    assert ran.status == 1, (ran.status, ran.stderr[-2000:])
    lines = ran.stderr.splitlines()
    assert len(lines) == 1, lines[:5]
    (line,) = lines
    assert line.isprintable(), repr(line)
    assert line.startswith(f"Error: {batch.printable(name)}: "), line
    assert re.search(problem, line), line


def record(label: str, ran: Ran) -> None:
    print(
        f"\nhostile {batch.printable(label)}: exit {ran.status}, "
        f"{ran.peak_mb:.0f} MB peak RSS, {ran.seconds:.2f} s: {ran.stderr.strip()}"
    )


FILES: list[tuple[str, Callable[[Path], Path], tuple[str, ...], str]] = [
    ("gzip bomb", hostile.gzip_bomb, (), "binary file"),
    ("gzip bomb named .txt", lambda d: hostile.gzip_bomb(d, "bomb.txt"), (), "binary"),
    ("bz2 bomb", hostile.bz2_bomb, (), "binary file|not valid UTF-8"),
    ("zip bomb", hostile.zip_bomb, (), "binary file"),
    ("PDF FlateDecode bomb", hostile.pdf_flate_bomb, (), "compression bomb"),
    ("PDF pages sharing a 6 MB stream", hostile.shared_content_pdf, (), "by page 4"),
    ("1 GB single line", hostile.sparse_line, (), "is 1 GB, over the 20 MB limit"),
    ("HTML nested 200,000 deep", hostile.nested_html, (), "main text|nested"),
    ("HTML of 800,000 elements", hostile.wide_html, (), "more than 100,000 elements"),
    ("PDF of 5,000 pages", hostile.many_pages_pdf, (), "5,000 pages"),
    (
        "PDF of 5,000 pages without text",
        lambda d: hostile.many_pages_pdf(d, "blank.pdf", text=False),
        (),
        "5,000 pages",
    ),
    ("invalid UTF-8", hostile.invalid_utf8, (), "not valid UTF-8: byte 0xe9"),
    ("control characters", hostile.control_chars, (), "too many control characters"),
    ("NUL bytes", hostile.nul_bytes, (), "NUL bytes"),
    ("witness JSON nested 100,000 deep", hostile.nested_json, (), "nested too deeply"),
    ("CSV with a 100 MB field", hostile.huge_csv_field, (), "over the 20 MB limit"),
    (
        "CSV with a 100 MB field, limit raised",
        hostile.huge_csv_field,
        ("--max-bytes", "200M"),
        "field larger than field limit",
    ),
    ("1 GB metadata sidecar", hostile.huge_sidecar, (), "sidecar .* is 1 GB"),
    ("billion laughs in front matter", hostile.laughs_front_matter, (), "aliases"),
    ("hostile file name", hostile.hostile_name, (), "is empty"),
    ("symlink loop named", hostile.symlink_loop, (), "symbolic links"),
]


@pytest.mark.parametrize(
    ("build", "flags", "problem"),
    [case[1:] for case in FILES],
    ids=[case[0] for case in FILES],
)
def test_hostile_file_is_refused_in_one_line_and_nothing_is_stored(
    seeded: Path,
    tmp_path: Path,
    build: Callable[[Path], Path],
    flags: tuple[str, ...],
    problem: str,
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    path = build(folder)
    ran = corridor(seeded, "ingest", *flags, str(path))
    record(path.name, ran)
    assert_refused(ran, str(path), problem)
    assert ran.stdout.strip() == "0 new, 0 already stored, 1 rejected"
    assert documents(seeded) == 1
    assert_log_verifies(seeded, 1)


def test_one_gigabyte_line_on_standard_input_is_refused_after_the_limit(
    seeded: Path,
) -> None:
    chunk, count = hostile.one_line_chunks()
    sent = []

    def feed(process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None
        try:
            for _ in range(count):
                process.stdin.write(chunk)
                sent.append(len(chunk))
            process.stdin.close()
        except BrokenPipeError:
            pass

    ran = corridor(seeded, "ingest", "-", stdin=feed)
    record("stdin", ran)
    assert_refused(ran, "-", "is 20 MB or more, over the 20 MB limit")
    assert sum(sent) < 64 * 1024 * 1024  # stopped reading soon after the limit
    assert ran.peak_mb < 400
    assert documents(seeded) == 1
    assert_log_verifies(seeded, 1)


def test_corpus_with_a_one_gigabyte_line_stores_the_other_records(
    seeded: Path, tmp_path: Path
) -> None:
    path = hostile.corpus_with_huge_line(tmp_path)
    ran = corridor(seeded, "ingest", str(path))
    record(path.name, ran)
    assert_refused(ran, str(path), "line 2: is over 120 MB, too long for a record")
    assert ran.stdout.strip() == "1 new, 0 already stored, 1 rejected"
    assert ran.peak_mb < 400
    assert documents(seeded) == 2
    assert_log_verifies(seeded, 2)


def test_parquet_dictionary_bomb_refuses_each_long_row_and_stores_the_rest(
    seeded: Path, tmp_path: Path
) -> None:
    path = hostile.parquet_dictionary_bomb(tmp_path)
    assert path.stat().st_size < 64 * 1024  # 1.3 GB of text once decoded
    ran = corridor(seeded, "ingest", str(path))
    record(path.name, ran)
    assert ran.status == 1
    lines = ran.stderr.splitlines()
    assert lines == [
        f"Error: {path}: row {row}: field 'text' is 22,020,096 characters, over "
        "the 20,971,520 limit"
        for row in range(2, 62)
    ]
    assert ran.stdout.strip() == "1 new, 0 already stored, 60 rejected"
    assert ran.peak_mb < 600
    assert documents(seeded) == 2
    assert_log_verifies(seeded, 2)


def test_parquet_rows_too_big_to_decode_are_refused_in_one_line(
    seeded: Path, tmp_path: Path
) -> None:
    path = hostile.parquet_dictionary_bomb(tmp_path, megabytes=300, rows=5000)
    ran = corridor(seeded, "ingest", str(path))
    record(path.name, ran)
    assert_refused(ran, str(path), r"row 1 on: could not be read \(.*malloc")
    assert ran.stdout.strip() == "0 new, 0 already stored, 1 rejected"
    assert documents(seeded) == 1
    assert_log_verifies(seeded, 1)


def test_folder_with_loop_fifo_and_device_stores_the_rest(
    seeded: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "day1.txt").write_text("Four corridors were proposed.\n", "utf-8")
    (folder / "day2.md").write_text("Food for one month remains.\n", "utf-8")
    bad = {
        hostile.symlink_loop(folder): "cannot be read: Too many levels of symbolic",
        hostile.fifo(folder): "is a FIFO \\(named pipe\\), not a regular file",
        hostile.device(folder): "is a character device, not a regular file",
    }
    hostile.gzip_bomb(folder)  # not a report type: skipped, counted
    ran = corridor(seeded, "ingest", str(folder))
    record("folder", ran)
    assert ran.status == 1
    errors = [line for line in ran.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == len(bad) + 1  # loop.txt's partner other-loop.txt too
    for path, problem in bad.items():
        (line,) = [e for e in errors if e.startswith(f"Error: {path}: ")]
        assert re.search(problem, line), line
    assert "skipped 1 file(s) of other types" in ran.stderr
    assert ran.stdout.strip() == "2 new, 0 already stored, 4 rejected"
    assert ran.peak_mb < 400
    assert documents(seeded) == 3
    assert_log_verifies(seeded, 3)


def test_billion_laughs_scenario_is_refused_by_plan(
    seeded: Path, tmp_path: Path
) -> None:
    path = hostile.laughs_scenario(tmp_path)
    ran = corridor(seeded, "plan", str(path))
    record("laughs.yaml", ran)
    assert ran.status == 1
    (line,) = ran.stderr.splitlines()
    assert line == (
        f"Error: {path}: holds more than 1,000,000 values once its YAML aliases "
        "are expanded"
    )
    assert ran.peak_mb < 400
    assert_log_verifies(seeded, 1)


def test_scenario_with_a_misspelt_key_is_refused_by_plan(
    seeded: Path, tmp_path: Path
) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(SCENARIO + "districs: []\n", encoding="utf-8")
    ran = corridor(seeded, "plan", str(path))
    assert ran.status == 1
    (line,) = ran.stderr.splitlines()
    assert line.startswith(f"Error: {path}: unknown top-level key 'districs' (known: ")
    assert_log_verifies(seeded, 1)
