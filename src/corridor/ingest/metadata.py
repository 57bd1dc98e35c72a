"""Report metadata: where it comes from and what a valid value looks like.

Sources, strongest first: the report's own YAML front matter, its sidecar
``NAME.meta.json``, the command-line flags, and what the reader found in the
file itself (an HTML page's date, a PDF's title). ``docs/ingest.md`` has the
fields and an example of each source.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import reprlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from corridor.aliases import expanded_size

# libyaml's C parser when PyYAML was built with it (the wheels are), else Python's.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("news", "editorial", "agency", "witness")
FIELDS = (
    "publisher",
    "author",
    "published",
    "kind",
    "url",
    "title",
    "language",
    "area",
)

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)


MAX_SIDECAR = 1024 * 1024
"""Largest ``.meta.json`` sidecar read: a handful of fields needs far less."""
FRONT_MATTER_VALUES = 10_000
"""Most values front matter may hold once YAML aliases are expanded."""


class MetadataError(ValueError):
    """A metadata field has a value we cannot use; the message names the field."""


def shown(value: Any) -> str:
    """``repr(value)`` cut short, for error messages: a value of any size (or a
    YAML alias bomb) gives one short line."""
    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxstring = short.maxother = 80
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 3
    text = short.repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def parse_date(value: Any, field: str) -> dt.date:
    """A date from ``2016-08-01``, an ISO datetime, or a YAML date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise MetadataError(
        f"field {field!r} must be a date like 2016-08-01, got {shown(value)}"
    )


def clean(fields: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """The known fields of ``fields``, checked and typed; unknown keys are ignored."""
    out: dict[str, Any] = {}
    for key in FIELDS:
        value = fields.get(key)
        if value is None or value == "":
            continue
        if key == "published":
            out[key] = parse_date(value, key)
        elif key == "kind":
            if value not in KINDS:
                raise MetadataError(
                    f"field 'kind' must be one of {', '.join(KINDS)}, "
                    f"got {shown(value)}"
                )
            out[key] = value
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            out[key] = str(value).strip()
        else:
            raise MetadataError(f"field {key!r} must be text, got {shown(value)}")
    return out


def clean_lenient(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``fields`` that check out; the rest are dropped quietly.

    For metadata a file format offered (an HTML page's date, a PDF's title),
    which may be malformed without the report being wrong.
    """
    out: dict[str, Any] = {}
    for key, value in fields.items():
        try:
            out.update(clean({key: value}))
        except MetadataError:
            continue
    return out


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """The front-matter mapping of ``text`` and the offset where the body starts."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    try:
        data = yaml.load(match.group(1), Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        raise MetadataError(f"front matter is not valid YAML{line}") from None
    except RecursionError:
        raise MetadataError("front matter is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # YAML's own types: a timestamp like 2016-13-01 is not a date.
        raise MetadataError(
            f"front matter holds a value YAML cannot use: {exc}"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MetadataError("front matter must be a mapping of field: value")
    if expanded_size(data, FRONT_MATTER_VALUES) > FRONT_MATTER_VALUES:
        raise MetadataError(
            f"front matter holds more than {FRONT_MATTER_VALUES:,} values once its "
            "YAML aliases are expanded"
        )
    return data, match.end()


def sidecar_path(path: Path) -> Path | None:
    """``day3.meta.json`` (or ``day3.txt.meta.json``) beside ``day3.txt``, if any."""
    for candidate in (
        path.with_name(path.stem + ".meta.json"),
        path.with_name(path.name + ".meta.json"),
    ):
        if candidate.is_file():
            return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(".meta.json")


def read_sidecar(path: Path) -> dict[str, Any]:
    """The JSON object in a sidecar (at most MAX_SIDECAR bytes are read)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SIDECAR + 1)
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    except OSError as exc:
        raise MetadataError(
            f"sidecar {path.name} cannot be read: {exc.strerror}"
        ) from None
    if size > MAX_SIDECAR:
        raise MetadataError(
            f"sidecar {path.name} is {human_size(size)}; a metadata sidecar "
            f"may be at most {human_size(MAX_SIDECAR)}"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(f"sidecar {path.name} is not valid JSON: {exc}") from None
    except RecursionError:
        raise MetadataError(f"sidecar {path.name} is nested too deeply") from None
    if not isinstance(data, dict):
        raise MetadataError(f"sidecar {path.name} must hold a JSON object")
    return data


def human_size(size: int) -> str:
    """``1 GB``, ``20 MB``, ``512 KB``, ``12 bytes``."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def merge(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Later layers win over earlier ones (weakest first)."""
    out: dict[str, Any] = {}
    for layer in layers:
        out.update({k: v for k, v in layer.items() if v is not None})
    return out
