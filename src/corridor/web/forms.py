"""Pages that change something: sign in and out, upload a report, submit a
witness report, correct a claim, API tokens, users. Every POST carries the
session's CSRF token."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from corridor.errors import ConfigError, InputError, NotFoundError
from corridor.web import actions, users
from corridor.web.access import (
    check_csrf,
    current_user,
    has_users,
    reader,
    requires,
    sign_in,
    sign_out,
    store_of,
)
from corridor.web.files import extractor_of, read_upload
from corridor.web.limits import SignInThrottle
from corridor.web.templating import render
from corridor.web.users import ROLES, User

router = APIRouter()
Csrf = Annotated[str, Form(alias="csrf_token", max_length=200)]
Text = Annotated[str, Form(max_length=500)]


def _local(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/`` (no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# signing in -------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html.j2", next=_local(next), problem=None, name="")


@router.post("/login", response_model=None)
def login(
    request: Request,
    csrf: Csrf,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    check_csrf(request, csrf)
    name = name.strip()
    throttle: SignInThrottle = request.app.state.throttle
    wait = throttle.blocked(name)
    if wait:
        return render(
            request,
            "login.html.j2",
            429,
            next=_local(next),
            problem=f"Too many failed attempts for {name!r}: try again in "
            f"{int(wait // 60) + 1} minutes.",
            name=name,
        )
    user = users.authenticate(store_of(request), name, password)
    if user is None:
        throttle.failed(name)
        problem = (
            "This server has no users yet, so nobody can sign in."
            if not has_users(request)
            else "That name and password do not match an active user."
        )
        return render(
            request,
            "login.html.j2",
            401,
            next=_local(next),
            problem=problem,
            name=name,
        )
    throttle.succeeded(name)
    sign_in(request, user)
    return _see(_local(next))


@router.post("/logout")
def logout(request: Request, csrf: Csrf) -> RedirectResponse:
    check_csrf(request, csrf)
    sign_out(request)
    return _see("/")


# analysts ---------------------------------------------------------------------


@router.get("/upload", response_class=HTMLResponse)
def upload_form(
    request: Request, user: Annotated[User, Depends(requires("upload"))]
) -> HTMLResponse:
    return render(
        request,
        "upload.html.j2",
        problem=None,
        suffixes=actions.UPLOAD_SUFFIXES,
        limit=request.app.state.settings.max_bytes,
    )


@router.post("/upload", response_class=HTMLResponse)
async def upload(
    request: Request,
    user: Annotated[User, Depends(requires("upload"))],
    csrf: Csrf,
    file: Annotated[UploadFile, File()],
    publisher: Text = "",
    published: Annotated[str, Form(max_length=40)] = "",
    kind: Annotated[str, Form(max_length=16)] = "",
    title: Text = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    area: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    check_csrf(request, csrf)
    limit = request.app.state.settings.max_bytes
    fields = {
        "publisher": publisher,
        "published": published,
        "kind": kind,
        "title": title,
        "url": url,
        "area": area,
    }
    try:
        raw = await read_upload(file, limit)
        stored = await run_in_threadpool(
            actions.upload_report,
            store_of(request),
            extractor_of(request),
            file.filename,
            raw,
            fields,
            limit,
        )
    except InputError as exc:
        return render(
            request,
            "upload.html.j2",
            422,
            problem=str(exc),
            suffixes=actions.UPLOAD_SUFFIXES,
            limit=limit,
        )
    return render(request, "stored.html.j2", 201, stored=stored)


@router.post("/claims/{claim_id}/correct", response_model=None)
def correct(
    request: Request,
    claim_id: str,
    user: Annotated[User, Depends(requires("correct"))],
    csrf: Csrf,
    reason: Annotated[str, Form(max_length=2000)],
    indicator: Annotated[str, Form(max_length=64)] = "",
    low: Annotated[str, Form(max_length=40)] = "",
    high: Annotated[str, Form(max_length=40)] = "",
    area: Annotated[str, Form(max_length=200)] = "",
    as_of: Annotated[str, Form(max_length=20)] = "",
    modality: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    check_csrf(request, csrf)
    store = store_of(request)
    current = actions.claim_values(store, claim_id)
    given = {
        "indicator": indicator,
        "low": low,
        "high": high,
        "area": area,
        "as_of": as_of,
        "modality": modality,
    }
    changes = actions.changed(current, given)
    record = actions.correct_claim(store, claim_id, changes, reason, user.name)
    return _see(f"/documents/{current['document_id']}#claim-{record['claim_id']}")


# witnesses --------------------------------------------------------------------


@router.get("/witness", response_class=HTMLResponse)
def witness_form(
    request: Request, user: Annotated[User, Depends(requires("witness"))]
) -> HTMLResponse:
    return render(request, "witness.html.j2", problem=None, values={})


@router.post("/witness", response_class=HTMLResponse)
def witness(
    request: Request,
    user: Annotated[User, Depends(requires("witness"))],
    csrf: Csrf,
    text: Annotated[str, Form(max_length=20_000)],
    observed_at: Annotated[str, Form(max_length=40)],
    area: Annotated[str, Form(max_length=200)] = "",
    contact: Annotated[str, Form(max_length=200)] = "",
    lat: Annotated[str, Form(max_length=20)] = "",
    lon: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    check_csrf(request, csrf)
    values = {"text": text, "observed_at": observed_at, "area": area}
    try:
        stored = actions.submit_witness(
            store_of(request),
            extractor_of(request),
            user.name,
            {**values, "contact": contact, "lat": lat, "lon": lon},
            request.app.state.settings.max_bytes,
        )
    except InputError as exc:
        # Never echo contact or location back: the page may be shared.
        return render(
            request, "witness.html.j2", 422, problem=exc.problem, values=values
        )
    return render(request, "stored.html.j2", 201, stored=stored)


# tokens and users -------------------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account(
    request: Request, user: Annotated[User | None, Depends(reader)]
) -> Response:
    if user is None:
        return _see("/login?next=" + quote("/account", safe=""))
    tokens = users.tokens_of(store_of(request), user.name)
    return render(request, "account.html.j2", tokens=tokens, new_token=None)


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(
    request: Request,
    csrf: Csrf,
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    check_csrf(request, csrf)
    user = current_user(request)
    if user is None:
        return _see("/login")
    store = store_of(request)
    token = users.create_token(store, user.name, label)
    return render(
        request,
        "account.html.j2",
        201,
        tokens=users.tokens_of(store, user.name),
        new_token=token,
    )


@router.post("/account/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: str, csrf: Csrf) -> RedirectResponse:
    check_csrf(request, csrf)
    user = current_user(request)
    if user is not None:
        users.revoke_token(store_of(request), user.name, token_id)
    return _see("/account")


@router.get("/admin/users", response_class=HTMLResponse)
def user_list(
    request: Request, admin: Annotated[User, Depends(requires("admin"))]
) -> HTMLResponse:
    return _users_page(request, None)


def _users_page(
    request: Request, problem: str | None, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "users.html.j2",
        status,
        people=users.list_users(store_of(request)),
        roles=ROLES,
        problem=problem,
    )


@router.post("/admin/users", response_model=None)
def add(
    request: Request,
    admin: Annotated[User, Depends(requires("admin"))],
    csrf: Csrf,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    check_csrf(request, csrf)
    try:
        users.add_user(store_of(request), name.strip(), role, password)
    except ConfigError as exc:
        return _users_page(request, str(exc), 422)
    return _see("/admin/users")


@router.post("/admin/users/{name}", response_model=None)
def change(
    request: Request,
    name: str,
    admin: Annotated[User, Depends(requires("admin"))],
    csrf: Csrf,
    role: Annotated[str, Form(max_length=16)] = "",
    state: Annotated[str, Form(pattern="^(|enable|disable)$")] = "",
) -> Response:
    check_csrf(request, csrf)
    if name == admin.name and (state == "disable" or (role and role != "admin")):
        return _users_page(
            request, "You cannot disable yourself or give up your own admin role.", 422
        )
    try:
        users.update_user(
            store_of(request),
            name,
            role=role or None,
            disabled=None if not state else state == "disable",
        )
    except (ConfigError, NotFoundError) as exc:
        return _users_page(request, str(exc), 422)
    return _see("/admin/users")


@router.post("/admin/users/{name}/password", response_model=None)
def reset_password(
    request: Request,
    name: str,
    admin: Annotated[User, Depends(requires("admin"))],
    csrf: Csrf,
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    check_csrf(request, csrf)
    try:
        users.set_password(store_of(request), name, password)
    except (ConfigError, NotFoundError) as exc:
        return _users_page(request, str(exc), 422)
    return _see("/admin/users")
