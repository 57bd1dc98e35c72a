"""Reading uploads within their size limit, and the one extractor of the app."""

from __future__ import annotations

import threading

from fastapi import HTTPException, Request, UploadFile

from corridor.extract import Extractor

CHUNK = 64 * 1024


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    """The uploaded bytes; 413 as soon as they pass ``limit``."""
    parts: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise HTTPException(
                413, f"the file is over the {limit:,} byte limit (CORRIDOR_MAX_BYTES)"
            )
        parts.append(chunk)
    return b"".join(parts)


def extractor_of(request: Request) -> Extractor:
    """The app's extractor, built on first use (loading it takes a moment)."""
    state = request.app.state
    lock: threading.Lock = state.extractor_lock
    with lock:
        if state.extractor is None:
            state.extractor = Extractor()
        extractor: Extractor = state.extractor
    return extractor
