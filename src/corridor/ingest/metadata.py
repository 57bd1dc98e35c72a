"""Report metadata: where it comes from and what a valid value looks like.

Sources, strongest first: the report's own YAML front matter, its sidecar
``NAME.meta.json``, the command-line flags, and what the reader found in the
file itself (an HTML page's date, a PDF's title). ``docs/ingest.md`` has the
fields and an example of each source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

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


class MetadataError(ValueError):
    """A metadata field has a value we cannot use; the message names the field."""


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
        f"field {field!r} must be a date like 2016-08-01, got {value!r}"
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
                    f"field 'kind' must be one of {', '.join(KINDS)}, got {value!r}"
                )
            out[key] = value
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            out[key] = str(value).strip()
        else:
            raise MetadataError(f"field {key!r} must be text, got {value!r}")
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
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MetadataError("front matter must be a mapping of field: value")
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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(f"sidecar {path.name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise MetadataError(f"sidecar {path.name} must hold a JSON object")
    return data


def merge(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Later layers win over earlier ones (weakest first)."""
    out: dict[str, Any] = {}
    for layer in layers:
        out.update({k: v for k, v in layer.items() if v is not None})
    return out
