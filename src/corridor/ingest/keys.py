"""The register of witness public keys, each registration logged."""

from __future__ import annotations

import sqlalchemy as sa

from corridor.errors import InputError
from corridor.ingest import signing
from corridor.store import schema
from corridor.store.chain import LogWriter, utc_now
from corridor.store.engine import Store


def add_witness_key(store: Store, name: str, public_key: str) -> bool:
    """Register ``public_key`` for witness ``name``; False if it already was.

    A name keeps its first key and a key its first name: registering either
    again with something different is refused rather than silently replaced.
    """
    if not name.strip() or len(name) > 200:
        raise InputError(
            "NAME", f"a witness name must be 1 to 200 characters, got {name!r}"
        )
    try:
        key = signing.normalise_public_key(public_key)
    except signing.KeyFormatError as exc:
        raise InputError("PUBLIC_KEY", str(exc)) from None
    table = schema.witness_keys
    with store.transaction() as conn:
        by_name = conn.execute(sa.select(table).where(table.c.name == name)).first()
        if by_name is not None:
            if by_name.public_key == key:
                return False
            raise InputError(
                "NAME",
                f"witness {name!r} already has a different key; "
                "register the new key under a new name",
            )
        by_key = conn.execute(sa.select(table).where(table.c.public_key == key)).first()
        if by_key is not None:
            raise InputError(
                "PUBLIC_KEY",
                f"this key is already registered for witness {by_key.name!r}",
            )
        row = {"name": name, "public_key": key, "added_at": utc_now()}
        conn.execute(table.insert(), row)
        LogWriter(conn).append(table.name, name, row)
    return True


def witness_keys(store: Store) -> list[dict[str, str]]:
    with store.read() as conn:
        rows = conn.execute(
            sa.select(schema.witness_keys).order_by(schema.witness_keys.c.name)
        )
        return [dict(r._mapping) for r in rows]
