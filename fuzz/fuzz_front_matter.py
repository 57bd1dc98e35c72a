"""Front matter and sidecar metadata, as ``corridor ingest`` reads them.

The input is a report's bytes; what follows its first NUL byte, if any, is
written as the report's ``NAME.meta.json`` sidecar.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from corridor.ingest import metadata, readers
from fuzz.seeds import files


@functools.cache
def _folder() -> Path:
    # One scratch folder per process, removed when the process ends.
    holder = tempfile.TemporaryDirectory(prefix="corridor-fuzz-")
    _holders.append(holder)
    return Path(holder.name)


_holders: list[tempfile.TemporaryDirectory[str]] = []


def seeds() -> list[bytes]:
    reports = files("reports", "*.md")
    sidecars = files("reports", "*.meta.json")
    out = [r.split(b"\n---\n", 1)[0] + b"\n---\nbody\n" for r in reports]
    out += [b"body\n\x00" + s for s in sidecars]
    out.append(b"---\na: &a [1, 2]\nb: [*a, *a]\n---\nbody\n")
    out.append(b'---\npublished: 2016-13-01\n---\nbody\n\x00{"kind": "news"}')
    return out


def warm_up() -> None:
    pass


def one_input(data: bytes) -> None:
    report, nul, sidecar = data.partition(b"\x00")
    folder = _folder()
    path = folder / "report.md"
    side = folder / "report.meta.json"
    if nul:
        side.write_bytes(sidecar)
    else:
        side.unlink(missing_ok=True)
    try:
        own = metadata.clean(readers.read_text(report).own)
    except (readers.ReadError, metadata.MetadataError):
        own = None
    found = metadata.sidecar_path(path)
    assert (found is not None) == bool(nul)
    try:
        beside = metadata.clean(metadata.read_sidecar(found)) if found else {}
    except metadata.MetadataError:
        return
    if own is not None:
        merged = metadata.merge(beside, own)
        assert set(merged) <= set(metadata.FIELDS)
