"""Read-only queries the CLI and the web layer share."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from corridor.store import schema
from corridor.store.engine import Store

PUBLIC_DOCUMENT_COLUMNS = tuple(
    c for c in schema.documents.columns if c.name not in ("text", "restricted_sha256")
)


def documents(
    store: Store, *, kind: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored documents' public fields (no text), by publication date then id."""
    docs = schema.documents
    length = sa.func.length(docs.c.text).label("characters")
    query = sa.select(*PUBLIC_DOCUMENT_COLUMNS, length).order_by(
        docs.c.published, docs.c.id
    )
    if kind is not None:
        query = query.where(docs.c.kind == kind)
    if limit is not None:
        query = query.limit(limit)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def counts(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {
            table.name: conn.execute(
                sa.select(sa.func.count()).select_from(table)
            ).scalar_one()
            for table in (schema.documents, schema.claims, schema.events, schema.log)
        }
