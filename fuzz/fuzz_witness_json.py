"""Witness reports as JSON: ``witness.read_json`` with a registered key."""

from __future__ import annotations

import datetime as dt
import functools

from corridor.ingest import readers, witness
from corridor.ingest.text import normalise
from fuzz.seeds import EXAMPLES, files


@functools.cache
def keys() -> dict[str, str]:
    return {
        p.stem: p.read_text(encoding="utf-8").strip()
        for p in sorted((EXAMPLES / "keys").glob("*.pub"))
    }


def seeds() -> list[bytes]:
    return [*files("witness", "*.json"), b"[]", b"{}", b'[{"text": 1}]']


def warm_up() -> None:
    pass


def check(reports: list[witness.WitnessReport]) -> None:
    assert reports, "an accepted file holds at least one report"
    for report in reports:
        assert report.text and normalise(report.text) == report.text
        assert isinstance(report.published, dt.date)
        assert report.verdict in ("valid", "invalid", "unsigned", "unknown-key")
        assert report.envelope


def one_input(data: bytes) -> None:
    for keep_invalid in (False, True):
        try:
            reports = witness.read_json(data, keys(), keep_invalid)
        except readers.ReadError:
            continue
        check(reports)
