"""People who sign in, their roles, and the API tokens of their scripts.

Roles, and what each may do beyond reading::

    viewer    read pages and the API
    witness   + submit a witness report through a form
    analyst   + upload reports, correct claims
    admin     + everything above, manage users

Passwords are hashed with Argon2id; a token is shown once and only its SHA-256
is stored. Users and tokens are never written to the evidence log.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corridor.errors import ConfigError, NotFoundError
from corridor.store import schema
from corridor.store.chain import utc_now
from corridor.store.engine import Store

ROLES = ("viewer", "witness", "analyst", "admin")
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "witness": frozenset({"witness", "admin"}),
    "upload": frozenset({"analyst", "admin"}),
    "correct": frozenset({"analyst", "admin"}),
    "admin": frozenset({"admin"}),
}
"""Action -> the roles allowed to do it."""

MIN_PASSWORD = 10
TOKEN_PREFIX = "crd_"
_NAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\Z")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("a password nobody has")


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ConfigError(
            "a user name must be 1 to 64 letters, digits, '.', '_', '@' or '-', "
            f"starting with a letter or digit; got {name!r}"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"a password must be at least {MIN_PASSWORD} characters, got "
            f"{len(password)}"
        )
    return password


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create user ``name`` with ``role``; raises ConfigError when it exists."""
    check_name(name)
    check_role(role)
    check_password(password)
    hashed = _HASHER.hash(password)
    table = schema.users
    with store.transaction() as conn:
        if conn.execute(sa.select(table.c.name).where(table.c.name == name)).first():
            raise ConfigError(f"user {name!r} already exists")
        conn.execute(
            table.insert().values(
                name=name,
                role=role,
                password_hash=hashed,
                created_at=utc_now(),
                disabled=False,
            )
        )
    return User(name, role)


def user_count(store: Store) -> int:
    """How many users can sign in (disabled ones are not counted)."""
    table = schema.users
    with store.read() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.disabled.is_(False))
            ).scalar_one()
        )


def get_user(store: Store, name: str, stamp: str | None = None) -> User | None:
    """The enabled user called ``name``, or None; with ``stamp``, only while it
    is still :func:`session_stamp` of that user (the password is unchanged)."""
    table = schema.users
    with store.read() as conn:
        row = conn.execute(
            sa.select(table.c.name, table.c.role, table.c.password_hash).where(
                table.c.name == name, table.c.disabled.is_(False)
            )
        ).first()
    if row is None:
        return None
    if stamp is not None and not hmac.compare_digest(
        stamp, _stamp(str(row.password_hash))
    ):
        return None
    return User(row.name, row.role)


def session_stamp(store: Store, name: str) -> str:
    """What a session carries of its user's password hash, so that a new
    password ends every session signed in with the old one."""
    table = schema.users
    with store.read() as conn:
        hashed = conn.execute(
            sa.select(table.c.password_hash).where(table.c.name == name)
        ).scalar_one()
    return _stamp(str(hashed))


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when ``password`` is theirs; None otherwise (same work either way)."""
    table = schema.users
    with store.read() as conn:
        row = conn.execute(
            sa.select(table).where(table.c.name == name, table.c.disabled.is_(False))
        ).first()
    stored = _DUMMY_HASH if row is None else str(row.password_hash)
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _HASHER.check_needs_rehash(stored):
        _set_hash(store, name, _HASHER.hash(password))
    return User(row.name, row.role)


def _set_hash(store: Store, name: str, hashed: str) -> None:
    table = schema.users
    with store.transaction() as conn:
        conn.execute(
            table.update().where(table.c.name == name).values(password_hash=hashed)
        )


def set_password(store: Store, name: str, password: str) -> None:
    check_password(password)
    _require(store, name)
    _set_hash(store, name, _HASHER.hash(password))


def update_user(
    store: Store, name: str, *, role: str | None = None, disabled: bool | None = None
) -> None:
    """Change a user's role or disable (re-enable) them; tokens of a disabled
    user stop working with them."""
    _require(store, name)
    values: dict[str, Any] = {}
    if role is not None:
        values["role"] = check_role(role)
    if disabled is not None:
        values["disabled"] = disabled
    if values:
        table = schema.users
        with store.transaction() as conn:
            conn.execute(table.update().where(table.c.name == name).values(**values))


def _require(store: Store, name: str) -> None:
    table = schema.users
    with store.read() as conn:
        if not conn.execute(
            sa.select(table.c.name).where(table.c.name == name)
        ).first():
            raise NotFoundError(f"no user called {name!r}")


def list_users(store: Store) -> list[dict[str, Any]]:
    """Every user's name, role, creation time and state (never the hash)."""
    table = schema.users
    with store.read() as conn:
        rows = conn.execute(
            sa.select(
                table.c.name, table.c.role, table.c.created_at, table.c.disabled
            ).order_by(table.c.name)
        )
        return [dict(r._mapping) for r in rows]


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, label: str) -> str:
    """A new API token for user ``name``; the only time it is seen in clear."""
    _require(store, name)
    label = " ".join(label.split())[:200] or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.transaction() as conn:
        conn.execute(
            schema.api_tokens.insert().values(
                token_sha256=_token_digest(token),
                user=name,
                label=label,
                created_at=utc_now(),
            )
        )
    return token


def user_for_token(store: Store, token: str) -> User | None:
    """The enabled user holding ``token``, or None."""
    tokens, users = schema.api_tokens, schema.users
    with store.read() as conn:
        row = conn.execute(
            sa.select(users.c.name, users.c.role)
            .join(tokens, tokens.c.user == users.c.name)
            .where(
                tokens.c.token_sha256 == _token_digest(token),
                users.c.disabled.is_(False),
            )
        ).first()
    return None if row is None else User(row.name, row.role)


def tokens_of(store: Store, name: str) -> list[dict[str, Any]]:
    """``name``'s tokens: an id (a prefix of the digest), label and date."""
    table = schema.api_tokens
    with store.read() as conn:
        rows = conn.execute(
            sa.select(table.c.token_sha256, table.c.label, table.c.created_at)
            .where(table.c.user == name)
            .order_by(table.c.created_at)
        )
        return [
            {"id": r.token_sha256[:16], "label": r.label, "created_at": r.created_at}
            for r in rows
        ]


def revoke_token(store: Store, name: str, token_id: str) -> bool:
    """Delete ``name``'s token whose id is ``token_id``; False when none is."""
    table = schema.api_tokens
    if not re.fullmatch(r"[0-9a-f]{16}", token_id):
        return False
    with store.transaction() as conn:
        result = conn.execute(
            table.delete().where(
                table.c.user == name, table.c.token_sha256.startswith(token_id)
            )
        )
    return bool(result.rowcount)
