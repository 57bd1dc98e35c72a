"""Export and import: the whole store as JSON Lines, log included, losslessly.

The first line is a header, ``{"corridor_export": 1, "schema_version": N,
"restricted": bool}``; every other line is ``{"table": NAME, "row": {...}}``,
tables in a fixed order and rows by primary key, so exporting, importing into
an empty store and exporting again gives the same bytes. Without
``include_restricted`` the witnesses' restricted fields are left out and the
importing store remembers that it is redacted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from corridor.errors import InputError, IntegrityError, NotEmptyError
from corridor.store import chain, schema
from corridor.store.engine import SCHEMA_VERSION, Store

FORMAT_VERSION = 1
REDACTED_KEY = "redacted"
TABLES: tuple[sa.Table, ...] = (
    schema.witness_keys,
    schema.documents,
    schema.restricted,
    schema.extractions,
    schema.claims,
    schema.events,
    schema.corrections,
    schema.plans,
    schema.notifications,
    schema.acknowledgements,
    schema.log,
)
"""What an export holds, in order. Users and API tokens are left out: they
belong to one deployment, and their password hashes to nobody else."""


def is_redacted(store: Store, conn: sa.Connection) -> bool:
    return store.get_meta(conn, REDACTED_KEY) == "true"


def export(store: Store, target: Path, *, include_restricted: bool = False) -> int:
    """Write the store to ``target`` (atomically); returns the number of rows."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            count = _write(store, out, include_restricted)
        if not include_restricted:  # witness identities stay readable by the owner only
            os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def umask() -> int:
    """The process's umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write(store: Store, out: IO[str], include_restricted: bool) -> int:
    count = 0
    with store.read() as conn:
        redacted = is_redacted(store, conn)
        header = {
            "corridor_export": FORMAT_VERSION,
            "schema_version": SCHEMA_VERSION,
            "restricted": include_restricted and not redacted,
        }
        out.write(chain.canonical_json(header) + "\n")
        for table in TABLES:
            if table is schema.restricted and not header["restricted"]:
                continue
            order = list(table.primary_key.columns)
            rows = conn.execution_options(yield_per=2000).execute(
                sa.select(table).order_by(*order)
            )
            for row in rows:
                line = {"table": table.name, "row": chain.row_json(dict(row._mapping))}
                out.write(chain.canonical_json(line) + "\n")
                count += 1
    return count


def import_(store: Store, source: Path) -> int:
    """Load an export into an empty store; nothing is kept unless its log verifies."""
    name = str(source)
    try:
        handle = source.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror}") from None
    with handle, store.transaction() as conn:
        entries = conn.execute(sa.select(sa.func.count()).select_from(schema.log))
        held = entries.scalar_one()
        if held:
            raise NotEmptyError(
                f"{store.url} already holds {held} log entries; "
                "import needs an empty store (choose a new --db)"
            )
        lines = _lines(handle, name)
        header = _header(next(lines, None), name)
        tables = {t.name: t for t in TABLES}
        count = 0
        for number, line in lines:
            table = tables.get(line.get("table", ""))
            row = line.get("row")
            if table is None or not isinstance(row, dict):
                raise InputError(
                    name,
                    f'line {number}: expected {{"table": one of '
                    f'{", ".join(tables)}, "row": {{...}}}}',
                )
            if table is schema.restricted and not header["restricted"]:
                raise InputError(
                    name,
                    f"line {number}: restricted rows in an export "
                    "whose header says it has none",
                )
            try:
                conn.execute(table.insert().values(**_typed(table, row, name, number)))
            except sa.exc.StatementError as exc:
                reason = str(getattr(exc, "orig", exc)).splitlines()[0]
                raise InputError(
                    name, f"line {number}: {table.name} row refused: {reason}"
                ) from None
            count += 1
        if not header["restricted"]:
            store.set_meta(conn, REDACTED_KEY, "true")
        result = chain.verify(conn, redacted=not header["restricted"])
        if not result.ok:
            raise IntegrityError(
                f"{name}: nothing imported, its evidence log does not "
                f"verify: {result.problem}"
            )
    return count


def _lines(handle: IO[str], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                name, f"line {number}: not valid JSON ({exc.msg})"
            ) from None
        if not isinstance(value, dict):
            raise InputError(name, f"line {number}: expected a JSON object")
        yield number, value


def _header(first: tuple[int, dict[str, Any]] | None, name: str) -> dict[str, Any]:
    if first is None:
        raise InputError(name, "is empty, not a corridor export")
    _, header = first
    if header.get("corridor_export") != FORMAT_VERSION:
        raise InputError(
            name,
            "line 1: not a corridor export header "
            f"(expected corridor_export {FORMAT_VERSION})",
        )
    if header.get("schema_version") != SCHEMA_VERSION:
        raise InputError(
            name,
            f"line 1: schema version {header.get('schema_version')}"
            f" differs from this corridor's {SCHEMA_VERSION}",
        )
    if not isinstance(header.get("restricted"), bool):
        raise InputError(name, "line 1: field 'restricted' must be true or false")
    return header


def _typed(
    table: sa.Table, row: dict[str, Any], name: str, number: int
) -> dict[str, Any]:
    columns = set(table.columns.keys())
    if set(row) != columns:
        missing = sorted(columns - set(row))
        extra = sorted(set(row) - columns)
        raise InputError(
            name,
            f"line {number}: {table.name} row has "
            f"{'missing ' + ', '.join(missing) if missing else ''}"
            f"{' ' if missing and extra else ''}"
            f"{'unknown ' + ', '.join(extra) if extra else ''} fields",
        )
    out = dict(row)
    for column in table.columns:
        value = out[column.name]
        if value is not None and isinstance(column.type, sa.Date):
            try:
                out[column.name] = dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise InputError(
                    name,
                    f"line {number}: field {column.name!r} must be "
                    f"a date like 2016-08-01, got {value!r}",
                ) from None
    return out
