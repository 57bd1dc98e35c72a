"""Settings, built once by the CLI (or an app factory) and passed down explicitly.

Each setting can come from an environment variable; the CLI's options win over
the environment. ``docs/settings.md`` lists them all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from corridor.errors import ConfigError

DEFAULT_DB = "corridor.db"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about where and how to work."""

    db: str = DEFAULT_DB
    """A SQLite file path or a SQLAlchemy URL (``CORRIDOR_DB``)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input file ingest accepts, in bytes (``CORRIDOR_MAX_BYTES``)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        db = env.get("CORRIDOR_DB") or DEFAULT_DB
        raw = env.get("CORRIDOR_MAX_BYTES")
        max_bytes = (
            DEFAULT_MAX_BYTES if raw is None else parse_size(raw, "CORRIDOR_MAX_BYTES")
        )
        return cls(db=db, max_bytes=max_bytes)


_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1024,
    "k": 1024,
    "mb": 1024**2,
    "m": 1024**2,
    "gb": 1024**3,
    "g": 1024**3,
}


def parse_size(text: str, name: str) -> int:
    """Read ``20MB``, ``512k`` or ``1048576`` as a number of bytes."""
    raw = text.strip().lower().replace(" ", "")
    digits = raw.rstrip("bkmg")
    unit = raw[len(digits) :]
    if not digits.isdigit() or unit not in _UNITS:
        raise ConfigError(f"{name} must be a size like 20MB or 1048576, got {text!r}")
    size = int(digits) * _UNITS[unit]
    if size <= 0:
        raise ConfigError(f"{name} must be larger than zero, got {text!r}")
    return size
