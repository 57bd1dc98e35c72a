"""Witness reports, as JSON (one object or a list) or CSV (one report a row).

Schema (``docs/witness-reports.md``)::

    {"witness": "w-sakhour",                         restricted: key name
     "contact": "...",                               restricted, optional
     "location": {"lat": 36.21, "lon": 37.18},       restricted, optional
     "area": "east Aleppo",                          public, optional
     "observed_at": "2016-12-15T14:30:00+02:00",     ISO date or datetime
     "language": "en",                               optional, default en
     "text": "what the witness saw",
     "signature": "base64 Ed25519 over the rest"}    optional

CSV columns are the same, with ``lat`` and ``lon`` for the location; a row is
signed as the JSON object made of its non-empty cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corridor.ingest import metadata, signing
from corridor.ingest.readers import ReadError, text_of
from corridor.ingest.text import normalise
from corridor.store.chain import canonical_json

FIELDS = (
    "witness",
    "contact",
    "location",
    "area",
    "observed_at",
    "language",
    "text",
    "signature",
)
RESTRICTED = ("witness", "contact", "location", "signature")
CSV_COLUMNS = (
    "witness",
    "contact",
    "lat",
    "lon",
    "area",
    "observed_at",
    "language",
    "text",
    "signature",
)


MAX_REPORTS = 10_000
"""Reports one witness file may hold. A file is stored whole, in one
transaction that holds the store's write lock (2.6 s for 10,000 reports here;
20 MB of tiny reports, about 340,000, took 200 s)."""


def _count_ok(count: int) -> None:
    if count > MAX_REPORTS:
        raise ReadError(
            f"holds {count:,} witness reports, more than the {MAX_REPORTS:,} "
            f"one file may hold; split it into files of at most {MAX_REPORTS:,}"
        )


@dataclass(frozen=True)
class WitnessReport:
    """One checked witness report, ready to become a document."""

    text: str
    observed_at: str
    published: dt.date
    area: str | None
    language: str
    verdict: signing.Verdict
    restricted: dict[str, Any]

    @property
    def envelope(self) -> str:
        """What besides the text makes this report distinct (hashed into its id)."""
        return canonical_json(
            {
                "observed_at": self.observed_at,
                "area": self.area,
                "signature": self.restricted.get("signature"),
            }
        )


def read_json(
    raw: bytes, keys: Mapping[str, str], keep_invalid: bool
) -> list[WitnessReport]:
    try:
        data = json.loads(text_of(raw))
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise ReadError("is not JSON we can read: nested too deeply") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ReadError("holds an empty list, no witness report")
    _count_ok(len(items))
    where = "report {}: " if isinstance(data, list) else ""
    return [
        _check(item, where.format(i), keys, keep_invalid)
        for i, item in enumerate(items, start=1)
    ]


def read_csv(
    raw: bytes, keys: Mapping[str, str], keep_invalid: bool
) -> list[WitnessReport]:
    text = text_of(raw)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), strict=True))
        header = rows[0].keys() if rows else next(csv.reader(io.StringIO(text)), [])
    except csv.Error as exc:
        raise ReadError(f"is not valid CSV: {exc}") from None
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown or "text" not in header:
        raise ReadError(
            f"CSV columns must be among {', '.join(CSV_COLUMNS)} and "
            f"include text; got {metadata.shown(', '.join(map(str, header)))}"
        )
    if not rows:
        raise ReadError("CSV has a header but no rows")
    _count_ok(len(rows))
    reports = []
    for line, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ReadError(
                f"line {line}: has {len(row)} cells, the header has {len(header)}"
            )
        reports.append(
            _check(row_to_report(row, line), f"line {line}: ", keys, keep_invalid)
        )
    return reports


def row_to_report(row: Mapping[str, str], line: int = 0) -> dict[str, Any]:
    """The JSON form of a CSV row: non-empty cells, lat/lon as a location."""
    report: dict[str, Any] = {
        k: v for k, v in row.items() if v != "" and k not in ("lat", "lon")
    }
    lat, lon = row.get("lat", ""), row.get("lon", "")
    if lat or lon:
        try:
            report["location"] = {"lat": float(lat), "lon": float(lon)}
        except ValueError:
            raise ReadError(
                f"line {line}: lat and lon must be numbers, "
                f"got {metadata.shown(lat)}, {metadata.shown(lon)}"
            ) from None
    return report


def _check(
    item: Any, where: str, keys: Mapping[str, str], keep_invalid: bool
) -> WitnessReport:
    def bad(problem: str) -> ReadError:
        return ReadError(where + problem)

    if not isinstance(item, dict):
        raise bad(f"a witness report must be a JSON object, got {type(item).__name__}")
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise bad(
            f"field {metadata.shown(unknown[0])} is not part of a witness report "
            f"(fields: {', '.join(FIELDS)})"
        )
    for name in ("witness", "contact", "area", "language", "text", "observed_at"):
        if name in item and not isinstance(item[name], str):
            raise bad(
                f"field {name!r} must be a string, got {metadata.shown(item[name])}"
            )
    text = normalise(item.get("text") or "")
    if not text:
        raise bad("field 'text' is missing or empty")
    observed = item.get("observed_at")
    if not observed:
        raise bad("field 'observed_at' is missing: give a date like 2016-12-15")
    published = _date(observed)
    if published is None:
        raise bad(
            f"field 'observed_at' must be a date like 2016-12-15 or "
            f"2016-12-15T14:30:00+02:00, got {metadata.shown(observed)}"
        )
    location = item.get("location")
    if location is not None:
        _check_location(location, bad)
    try:
        verdict = signing.check(item, keys)
    except signing.KeyFormatError as exc:
        raise bad(f"field 'signature': {exc}") from None
    if verdict == "invalid" and not keep_invalid:
        raise bad(
            f"signature does not verify with the key registered for witness "
            f"{metadata.shown(item.get('witness'))}: forged or altered "
            "(use --keep-invalid to store it flagged)"
        )
    restricted = {k: item[k] for k in RESTRICTED if k in item}
    return WitnessReport(
        text=text,
        observed_at=observed.strip(),
        published=published,
        area=item.get("area") or None,
        language=item.get("language") or "en",
        verdict=verdict,
        restricted=restricted,
    )


def _check_location(location: Any, bad: Any) -> None:
    if not isinstance(location, dict) or set(location) != {"lat", "lon"}:
        raise bad('field \'location\' must be {"lat": number, "lon": number}')
    for axis, limit in (("lat", 90), ("lon", 180)):
        value = location[axis]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or abs(value) > limit
        ):
            raise bad(
                f"field 'location.{axis}' must be a number within ±{limit}, "
                f"got {metadata.shown(value)}"
            )


def _date(value: str) -> dt.date | None:
    try:
        return metadata.parse_date(value, "observed_at")
    except metadata.MetadataError:
        return None
