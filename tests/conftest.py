"""Shared fixtures: a real SQLite store in a temporary folder, and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from corridor.cli import cli
from corridor.ingest.signing import new_key_pair, sign
from corridor.store.engine import Store, open_store
from fuzz.seeds import pdf_file

Run = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "corridor.db")


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    opened = open_store(db)
    yield opened
    opened.close()


@pytest.fixture
def run(db: str) -> Run:
    """Run ``corridor --db DB ARGS...`` in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None) -> Result:
        return runner.invoke(
            cli, ["--db", db, *args], input=input, catch_exceptions=False
        )

    return invoke


@pytest.fixture
def keypair() -> tuple[str, str]:
    return new_key_pair()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def signed_report(private: str, **fields: Any) -> dict[str, Any]:
    report = {
        "witness": "w-one",
        "area": "east Aleppo",
        "observed_at": "2016-12-15T14:30:00+02:00",
        "location": {"lat": 36.2, "lon": 37.18},
        "contact": "+000 secret",
        "text": "Buses are leaving the Ramouseh crossing, about twenty of them.",
    }
    report.update(fields)
    report["signature"] = sign(report, private)
    return report


def write_json(path: Path, value: Any) -> Path:
    return write(path, json.dumps(value, ensure_ascii=False))


def minimal_pdf(text: str | None) -> bytes:
    """A one-page PDF whose text layer says ``text`` (no text layer when None)."""
    content = (
        b""
        if text is None
        else (b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET")
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length "
        + str(len(content)).encode()
        + b" >>\nstream\n"
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_file(objects)
