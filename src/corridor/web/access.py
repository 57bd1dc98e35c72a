"""Who is asking: session cookies, API tokens, roles, and CSRF tokens.

A browser signs in with a password and carries a signed session cookie; every
form it POSTs carries the session's CSRF token. A script sends
``Authorization: Bearer <token>`` and needs no CSRF token (it sends no cookie).
Without any user the server is read-only: anyone may read, nobody may write.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable

from fastapi import HTTPException, Request

from corridor.store.engine import Store
from corridor.web import users
from corridor.web.config import WebOptions
from corridor.web.users import PERMISSIONS, User

READ_ONLY = (
    "this server is read-only: it has no users (add one with "
    "'corridor user add NAME --role admin')"
)
_ACTIONS = {
    "read": "read this server",
    "witness": "submit a witness report",
    "upload": "upload reports",
    "correct": "correct claims",
    "admin": "manage users",
}


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def options_of(request: Request) -> WebOptions:
    options: WebOptions = request.app.state.options
    return options


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header; 401 when malformed."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401,
            "the Authorization header must be 'Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def current_user(request: Request) -> User | None:
    """The signed-in user (by token or session), or None."""
    if hasattr(request.state, "user"):
        found: User | None = request.state.user
        return found
    store = store_of(request)
    token = bearer(request)
    user: User | None
    if token is not None:
        user = users.user_for_token(store, token)
        if user is None:
            raise HTTPException(
                401,
                "the API token is not valid (revoked, or its user is disabled)",
                headers={"WWW-Authenticate": "Bearer"},
            )
    else:
        name = request.session.get("user")
        stamp = request.session.get("stamp")
        user = (
            users.get_user(store, name, stamp=stamp)
            if isinstance(name, str) and isinstance(stamp, str)
            else None
        )
        if user is None and name is not None:
            request.session.clear()
    request.state.user = user
    return user


def has_users(request: Request) -> bool:
    if not hasattr(request.state, "has_users"):
        request.state.has_users = users.user_count(store_of(request)) > 0
    return bool(request.state.has_users)


def reader(request: Request) -> User | None:
    """Dependency of every read: 401 when this server needs a sign-in."""
    user = current_user(request)
    if user is None and has_users(request) and not options_of(request).public_read:
        raise HTTPException(
            401, "sign in to read this server", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


def requires(action: str) -> Callable[[Request], User]:
    """A dependency that lets through only users whose role may do ``action``."""
    allowed = PERMISSIONS[action]

    def check(request: Request) -> User:
        if not has_users(request):
            raise HTTPException(403, READ_ONLY)
        user = current_user(request)
        if user is None:
            raise HTTPException(
                401,
                f"sign in to {_ACTIONS[action]}",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not user.can(action):
            raise HTTPException(
                403,
                f"your role ({user.role}) cannot {_ACTIONS[action]}; that needs "
                f"the role {' or '.join(sorted(allowed))}",
            )
        return user

    return check


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    """403 unless ``given`` is this session's CSRF token."""
    expected = request.session.get("csrf")
    if (
        not isinstance(expected, str)
        or not given
        or not hmac.compare_digest(expected.encode(), given.encode())
    ):
        raise HTTPException(
            403,
            "this form has expired or did not come from this site; reload the "
            "page and send it again",
        )


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token too)."""
    request.session.clear()
    request.session["user"] = user.name
    request.session["stamp"] = users.session_stamp(store_of(request), user.name)
    request.session["csrf"] = secrets.token_urlsafe(32)
    request.state.user = user


def sign_out(request: Request) -> None:
    request.session.clear()
    request.state.user = None
