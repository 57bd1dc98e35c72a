"""The JSON API under ``/api/v1``: reads for everyone allowed to read, and
uploads and corrections for analysts' scripts (``Authorization: Bearer``).

Every answer is an object with ``"ok": true``; every error is
``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Body,
    Depends,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    Security,
    UploadFile,
)
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPBearer

from corridor.extract import INDICATORS
from corridor.situation.inputs import projection_inputs
from corridor.situation.projection import project
from corridor.store import evidence
from corridor.store.chain import verify
from corridor.web import actions, data, geo
from corridor.web.access import (
    READ_ONLY,
    bearer,
    has_users,
    reader,
    requires,
    store_of,
)
from corridor.web.files import extractor_of, read_upload
from corridor.web.users import User

bearer_scheme = HTTPBearer(
    auto_error=False,
    description="An API token from the Account page: Authorization: Bearer TOKEN",
)
router = APIRouter(dependencies=[Security(bearer_scheme), Depends(reader)])

Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
AsOf = Annotated[
    dt.date | None,
    Query(description="Only what was published by this date, like 2016-12-01."),
]
Window = Annotated[
    int, Query(ge=1, le=365, description="Figures within this many days agree.")
]


def _page(
    request: Request, total: int, limit: int, offset: int, items: list[Any]
) -> dict[str, Any]:
    following = None
    if offset + limit < total:
        following = str(request.url.include_query_params(offset=offset + limit))
    return {
        "ok": True,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": following,
        "items": items,
    }


@router.get("/documents", summary="Stored documents (public fields, no text)")
def documents(
    request: Request,
    limit: Limit = 100,
    offset: Offset = 0,
    kind: Annotated[
        str | None, Query(pattern="^(news|editorial|agency|witness)$")
    ] = None,
) -> dict[str, Any]:
    total, rows = data.document_page(
        store_of(request), kind=kind, limit=limit, offset=offset
    )
    return _page(request, total, limit, offset, rows)


@router.get("/documents/{document_id}", summary="One document, its text and claims")
def document(request: Request, document_id: str) -> dict[str, Any]:
    store = store_of(request)
    full = data.resolve_document(store, document_id)
    found = data.document(store, full)
    found["claims"] = data.claims(store, evidence.ClaimFilter(document=full))
    return {"ok": True, "document": found}


@router.get("/claims", summary="Current claims with their quotes and sources")
def claims(
    request: Request,
    limit: Limit = 100,
    offset: Offset = 0,
    area: Annotated[str | None, Query(max_length=200)] = None,
    indicator: Annotated[
        str | None, Query(description="Like people.trapped.", max_length=64)
    ] = None,
    document: Annotated[
        str | None,
        Query(description="A document id or its prefix.", pattern="^[0-9a-f]{1,64}$"),
    ] = None,
    since: Annotated[dt.date | None, Query(description="Figures dated from.")] = None,
    until: Annotated[dt.date | None, Query(description="Figures dated to.")] = None,
) -> dict[str, Any]:
    if indicator is not None and indicator not in INDICATORS:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "indicator"),
                    "msg": f"must be one of {', '.join(INDICATORS)}",
                    "type": "value_error",
                }
            ]
        )
    where = evidence.ClaimFilter(
        area=area, indicator=indicator, document=document, since=since, until=until
    )
    total, rows = data.claim_page(store_of(request), where, limit=limit, offset=offset)
    return _page(request, total, limit, offset, rows)


@router.get("/areas", summary="Areas the claims and events name")
def areas(request: Request) -> dict[str, Any]:
    items = data.areas(store_of(request))
    for item in items:
        item["point"] = geo.point(item["area"])
    return {"ok": True, "items": items}


@router.get("/situation", summary="Estimates, roll-ups, conflicts, corridor status")
def situation(
    request: Request,
    area: Annotated[str | None, Query(max_length=200)] = None,
    as_of: AsOf = None,
    window: Window = 14,
) -> dict[str, Any]:
    picture = data.situation(store_of(request), area, as_of, window)
    return {"ok": True, "situation": picture.to_json()}


@router.get("/conflicts", summary="Sources that disagree, side by side")
def conflicts(
    request: Request,
    area: Annotated[str | None, Query(max_length=200)] = None,
    as_of: AsOf = None,
    window: Window = 14,
) -> dict[str, Any]:
    picture = data.situation(store_of(request), area, as_of, window)
    return {"ok": True, "items": [c.to_json() for c in picture.conflicts]}


@router.get("/projection", summary="When food runs out: P10, P50, P90")
def projection(
    request: Request,
    area: Annotated[str, Query(max_length=200)],
    as_of: AsOf = None,
    draws: Annotated[int, Query(ge=100, le=200_000)] = 20_000,
    seed: int = 2016,
) -> dict[str, Any]:
    inputs = projection_inputs(store_of(request), area, as_of)
    return {"ok": True, "projection": project(inputs, draws=draws, seed=seed).as_dict()}


@router.get("/log/verify", summary="Recompute the evidence log's hash chain")
def log_verify(request: Request) -> dict[str, Any]:
    with store_of(request).read() as conn:
        result = verify(conn)
    return {
        "ok": True,
        "verified": result.ok,
        "entries": result.entries,
        "head": result.head,
        "problem": result.problem,
        "seq": result.seq,
    }


@router.get("/me", summary="Who this request is signed in as")
def me(
    request: Request, user: Annotated[User | None, Depends(reader)]
) -> dict[str, Any]:
    if user is None:
        return {"ok": True, "user": None}
    return {"ok": True, "user": {"name": user.name, "role": user.role}}


def _script(request: Request) -> None:
    """Writes through the API take an API token, never the session cookie (a
    cookie would need a CSRF token). Without any user, nothing is written."""
    if not has_users(request):
        raise HTTPException(403, READ_ONLY)
    if bearer(request) is None:
        raise HTTPException(
            401,
            "writes through the API need 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post(
    "/documents",
    summary="Upload one report (analyst)",
    status_code=201,
    dependencies=[Depends(_script)],
)
async def upload(
    request: Request,
    user: Annotated[User, Depends(requires("upload"))],
    file: Annotated[UploadFile, File(description="A report file.")],
    publisher: Annotated[str | None, Form(max_length=200)] = None,
    published: Annotated[str | None, Form(max_length=40)] = None,
    kind: Annotated[str | None, Form(max_length=16)] = None,
    title: Annotated[str | None, Form(max_length=500)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    area: Annotated[str | None, Form(max_length=200)] = None,
) -> dict[str, Any]:
    settings = request.app.state.settings
    raw = await read_upload(file, settings.max_bytes)
    fields = {
        "publisher": publisher,
        "published": published,
        "kind": kind,
        "title": title,
        "url": url,
        "area": area,
    }
    stored = await run_in_threadpool(
        actions.upload_report,
        store_of(request),
        extractor_of(request),
        file.filename,
        raw,
        fields,
        settings.max_bytes,
    )
    return {
        "ok": True,
        "source": stored.source,
        "new": stored.new,
        "already_stored": stored.already,
        "claims": stored.claims,
        "events": stored.events,
        "warnings": stored.warnings,
    }


@router.post(
    "/claims/{claim_id}/corrections",
    summary="Correct a claim (analyst); the claim itself stays as it was",
    status_code=201,
    dependencies=[Depends(_script)],
)
def correct(
    request: Request,
    claim_id: str,
    user: Annotated[User, Depends(requires("correct"))],
    changes: Annotated[dict[str, Any], Body()],
    reason: Annotated[str, Body(min_length=1, max_length=2000)],
) -> dict[str, Any]:
    record = actions.correct_claim(
        store_of(request), claim_id, changes, reason, user.name
    )
    return {"ok": True, "correction": record}
