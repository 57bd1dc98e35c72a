"""The one gate between stored rows and what a page or API response shows.

Restricted witness fields live in their own table and are never read here;
besides, a witness report's file name and author may name the witness, so
both are replaced for witness documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corridor.store.chain import json_value

WITNESS_SOURCE = "witness report"
_HIDDEN = frozenset({"restricted_sha256", "extraction_id"})


def document(row: Mapping[str, Any]) -> dict[str, Any]:
    """A document's public fields (with its text only when ``row`` holds it)."""
    out = {k: json_value(v) for k, v in row.items() if k not in _HIDDEN}
    if out.get("kind") == "witness":
        out["source"] = WITNESS_SOURCE
        out["author"] = None
    return out


def claim(row: Mapping[str, Any]) -> dict[str, Any]:
    """A current claim with its document's public fields."""
    out = {k: json_value(v) for k, v in row.items() if k not in _HIDDEN}
    if out.get("kind") == "witness":
        out["source"] = WITNESS_SOURCE
    out["document"] = out.pop("document_id")
    return out
