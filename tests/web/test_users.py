"""Users, roles, passwords and API tokens, as library functions."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from corridor.errors import ConfigError
from corridor.store import schema
from corridor.store.chain import verify
from corridor.store.engine import Store
from corridor.web import users
from tests.web.conftest import PASSWORD


def test_add_user_stores_an_argon2_hash_never_the_password(store: Store) -> None:
    users.add_user(store, "amira", "analyst", PASSWORD)
    with store.read() as conn:
        row = conn.execute(sa.select(schema.users)).one()
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert users.authenticate(store, "amira", PASSWORD) == users.User(
        "amira", "analyst"
    )
    assert users.authenticate(store, "amira", "wrong password!") is None
    assert users.authenticate(store, "nobody", PASSWORD) is None


def test_users_are_not_evidence_so_the_log_still_verifies(store: Store) -> None:
    users.add_user(store, "amira", "admin", PASSWORD)
    users.create_token(store, "amira", "script")
    with store.read() as conn:
        assert verify(conn).ok
        kinds = {r.kind for r in conn.execute(sa.select(schema.log.c.kind))}
    assert "users" not in kinds and "api_tokens" not in kinds


@pytest.mark.parametrize(
    ("name", "role", "password", "words"),
    [
        ("ok", "emperor", PASSWORD, "role must be one of viewer, witness"),
        ("bad name", "viewer", PASSWORD, "a user name must be"),
        ("ok", "viewer", "short", "at least 10 characters, got 5"),
    ],
)
def test_add_user_rejects_bad_input(
    store: Store, name: str, role: str, password: str, words: str
) -> None:
    with pytest.raises(ConfigError, match=words):
        users.add_user(store, name, role, password)


def test_add_user_twice_is_refused(store: Store) -> None:
    users.add_user(store, "amira", "viewer", PASSWORD)
    with pytest.raises(ConfigError, match="already exists"):
        users.add_user(store, "amira", "admin", PASSWORD)


def test_tokens_are_stored_as_digests_and_can_be_revoked(store: Store) -> None:
    users.add_user(store, "bot", "analyst", PASSWORD)
    token = users.create_token(store, "bot", "nightly import")
    with store.read() as conn:
        stored = conn.execute(sa.select(schema.api_tokens.c.token_sha256)).scalar()
    assert token not in str(stored)
    assert users.user_for_token(store, token) == users.User("bot", "analyst")
    listed = users.tokens_of(store, "bot")
    assert [t["label"] for t in listed] == ["nightly import"]
    assert users.revoke_token(store, "bot", listed[0]["id"])
    assert users.user_for_token(store, token) is None


def test_a_disabled_user_cannot_sign_in_or_use_tokens(store: Store) -> None:
    users.add_user(store, "gone", "analyst", PASSWORD)
    token = users.create_token(store, "gone", "t")
    users.update_user(store, "gone", disabled=True)
    assert users.authenticate(store, "gone", PASSWORD) is None
    assert users.user_for_token(store, token) is None
    assert users.user_count(store) == 0
