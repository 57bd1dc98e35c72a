"""Witness reports as CSV: ``witness.read_csv`` with a registered key."""

from __future__ import annotations

from corridor.ingest import readers, witness
from fuzz.fuzz_witness_json import check, keys
from fuzz.seeds import files


def seeds() -> list[bytes]:
    return [
        *files("witness", "*.csv"),
        b"text,observed_at\nhello,2016-12-01\n",
        b'text,lat,lon,observed_at\n"a ""b""",1,2,2016-12-01\n',
    ]


def warm_up() -> None:
    pass


def one_input(data: bytes) -> None:
    for keep_invalid in (False, True):
        try:
            reports = witness.read_csv(data, keys(), keep_invalid)
        except readers.ReadError:
            continue
        check(reports)
