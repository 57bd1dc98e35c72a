"""What signed-in users change: uploaded reports, witness reports, corrections.

Uploads never reach the filesystem under a name the user chose: the bytes go
to a fresh private temporary folder as ``upload<suffix>`` (the suffix from an
allow-list), are ingested by :func:`corridor.ingest.batch.ingest` like any
file, and are deleted. The name the user gave is kept only as the document's
``source`` label, reduced to a plain file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import sqlalchemy as sa

from corridor.errors import InputError, NotFoundError
from corridor.extract import INDICATORS, MODALITIES, Extractor
from corridor.ingest import batch, metadata, readers
from corridor.runners import extract_stored
from corridor.situation import canonical_area
from corridor.store import schema
from corridor.store.chain import LogWriter, canonical_json, utc_now
from corridor.store.engine import Store

UPLOAD_SUFFIXES = tuple(sorted(readers.KNOWN_SUFFIXES))
WITNESS_FORM_SOURCE = "web form"
CORRECTABLE = (
    "indicator",
    "low",
    "high",
    "unit",
    "vague",
    "modality",
    "area",
    "actor",
    "attribution",
    "as_of",
)


@dataclass
class Stored:
    """What one upload or submission stored."""

    source: str
    new: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    claims: int = 0
    events: int = 0
    warnings: list[str] = field(default_factory=list)


def safe_name(given: str | None) -> str:
    """A plain file name from what a browser sent: no folders, no oddities."""
    raw = given or ""
    name = PureWindowsPath(PurePosixPath(raw).name).name
    name = re.sub(r"[^A-Za-z0-9._ -]", "_", name).strip(" .")
    return name[:120] or "upload"


def upload_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError(
            name,
            f"the file type must be one of {', '.join(UPLOAD_SUFFIXES)}, got "
            f"{suffix or 'no extension'!r}",
        )
    return suffix


def ingest_bytes(
    store: Store,
    extractor: Extractor,
    name: str,
    suffix: str,
    data: bytes,
    flags: Mapping[str, Any],
    max_bytes: int,
) -> Stored:
    """Ingest ``data`` as one file called ``name`` and extract what is new."""
    if len(data) > max_bytes:
        raise InputError(
            name, f"is {len(data):,} bytes, over the {max_bytes:,} byte limit"
        )
    with tempfile.TemporaryDirectory(prefix="corridor-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        options = batch.Options(flags=dict(flags), max_bytes=max_bytes)
        outcome = next(iter(batch.ingest(store, [batch.Source(name, path)], options)))
    if outcome.error is not None:
        problem = outcome.error.removeprefix(f"{name}: ")
        raise InputError(name, problem)
    result = Stored(name, new=outcome.new, already=outcome.stored)
    result.warnings = [w.removeprefix(f"{name}: ") for w in outcome.warnings]
    for done in extract_stored(store, extractor, outcome.new):
        result.claims += done.claims
        result.events += done.events
    return result


def upload_report(
    store: Store,
    extractor: Extractor,
    filename: str | None,
    data: bytes,
    fields: Mapping[str, Any],
    max_bytes: int,
) -> Stored:
    """Store an analyst's uploaded report (text, Markdown, HTML, PDF, or
    witness JSON/CSV) with the metadata ``fields`` the form gave."""
    name = safe_name(filename)
    suffix = upload_suffix(name)
    try:
        flags = metadata.clean(fields)
    except metadata.MetadataError as exc:
        raise InputError(name, str(exc)) from None
    return ingest_bytes(store, extractor, name, suffix, data, flags, max_bytes)


def submit_witness(
    store: Store,
    extractor: Extractor,
    witness: str,
    fields: Mapping[str, Any],
    max_bytes: int,
) -> Stored:
    """Store a report a signed-in witness typed in. Their user name, contact
    and location become restricted fields, like a signed report's."""
    report: dict[str, Any] = {"witness": witness}
    for key in ("text", "observed_at", "area", "contact", "language"):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            report[key] = value.strip()
    lat, lon = fields.get("lat"), fields.get("lon")
    if lat not in (None, "") or lon not in (None, ""):
        try:
            report["location"] = {"lat": float(str(lat)), "lon": float(str(lon))}
        except ValueError:
            raise InputError(
                WITNESS_FORM_SOURCE,
                f"latitude and longitude must both be numbers, got {lat!r}, {lon!r}",
            ) from None
        if not all(math.isfinite(v) for v in report["location"].values()):
            raise InputError(WITNESS_FORM_SOURCE, "the location must be finite")
    data = json.dumps(report, ensure_ascii=False).encode("utf-8")
    return ingest_bytes(
        store, extractor, WITNESS_FORM_SOURCE, ".json", data, {}, max_bytes
    )


def correct_claim(
    store: Store, claim_id: str, changes: Mapping[str, Any], reason: str, by: str
) -> dict[str, Any]:
    """Record a correction of claim ``claim_id``: a new ``corrections`` row,
    appended to the evidence log. The claim itself is never changed."""
    where = f"correction of claim {claim_id[:12]}"
    clean = _checked_changes(changes, where)
    reason = " ".join(reason.split())
    if not reason:
        raise InputError(where, "say why the claim is wrong (reason is empty)")
    if not clean:
        raise InputError(where, "nothing to change: every field is as stored")
    claims = schema.claims
    with store.transaction() as conn:
        row = conn.execute(sa.select(claims).where(claims.c.id == claim_id)).first()
        if row is None:
            raise NotFoundError(f"no claim {claim_id!r}")
        current = dict(row._mapping)
        low = clean.get("low", current["low"])
        high = clean.get("high", current["high"])
        if low is not None and high is not None and low > high:
            raise InputError(where, f"low ({low:g}) must not exceed high ({high:g})")
        at = utc_now()
        body = canonical_json(clean)
        record = {
            "id": hashlib.sha256(
                canonical_json([claim_id, body, reason, by, at]).encode("utf-8")
            ).hexdigest(),
            "claim_id": claim_id,
            "changes": body,
            "reason": reason,
            "by": by,
            "at": at,
        }
        conn.execute(schema.corrections.insert(), record)
        LogWriter(conn).append(schema.corrections.name, record["id"], record)
    return {**record, "changes": clean}


def _checked_changes(changes: Mapping[str, Any], where: str) -> dict[str, Any]:
    def bad(problem: str) -> InputError:
        return InputError(where, problem)

    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in CORRECTABLE:
            raise bad(
                f"field {key!r} cannot be corrected (fields: {', '.join(CORRECTABLE)})"
            )
        if isinstance(value, str):
            value = value.strip()
            if value == "" and key not in ("low", "high"):
                continue
        if key == "indicator" and value not in INDICATORS:
            raise bad(
                f"indicator must be one of {', '.join(INDICATORS)}, got {value!r}"
            )
        if key == "modality" and value not in MODALITIES:
            raise bad(f"modality must be one of {', '.join(MODALITIES)}, got {value!r}")
        if key in ("low", "high"):
            value = _number(value, key, bad)
        if key == "vague":
            if isinstance(value, str) and value in ("true", "false"):
                value = value == "true"
            if not isinstance(value, bool):
                raise bad(f"vague must be true or false, got {value!r}")
        if key == "as_of":
            try:
                value = dt.date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise bad(
                    f"as_of must be a date like 2016-12-01, got {value!r}"
                ) from None
        if key == "area":
            value = canonical_area(str(value))
        if key in ("unit", "actor", "attribution") and not isinstance(value, str):
            raise bad(f"{key} must be text, got {value!r}")
        out[key] = value
    if "indicator" in out and "unit" not in out:
        out["unit"] = INDICATORS[out["indicator"]]
    return out


def _number(value: Any, key: str, bad: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad(f"{key} must be a number >= 0 or empty (open-ended), got {value!r}")
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        raise bad(
            f"{key} must be a number >= 0 or empty (open-ended), got {value!r}"
        ) from None
    if not math.isfinite(number) or number < 0:
        raise bad(f"{key} must be a number >= 0 or empty (open-ended), got {value!r}")
    return number


def claim_values(store: Store, claim_id: str) -> dict[str, Any]:
    """A stored claim's fields after its corrections so far."""
    claims, fixes = schema.claims, schema.corrections
    with store.read() as conn:
        row = conn.execute(sa.select(claims).where(claims.c.id == claim_id)).first()
        if row is None:
            raise NotFoundError(f"no claim {claim_id!r}")
        values = dict(row._mapping)
        for fix in conn.execute(
            sa.select(fixes.c.changes)
            .where(fixes.c.claim_id == claim_id)
            .order_by(fixes.c.at, fixes.c.id)
        ):
            values.update(json.loads(fix.changes))
    if isinstance(values.get("as_of"), dt.date):
        values["as_of"] = values["as_of"].isoformat()
    return values


def changed(current: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, Any]:
    """The fields of a correction form that differ from ``current``."""
    out: dict[str, Any] = {}
    for key, raw in given.items():
        value = raw.strip()
        now = current.get(key)
        if key in ("low", "high"):
            was = "" if now is None else now
            try:
                same = (value == "" and was == "") or (
                    value != "" and was != "" and float(value.replace(",", "")) == was
                )
            except ValueError:
                same = False
            if not same:
                out[key] = value
        elif key == "area":
            if value and canonical_area(value) != canonical_area(now):
                out[key] = value
        elif value and value != ("" if now is None else str(now)):
            out[key] = value
    return out
