"""Signing in, CSRF, uploads, witness reports, corrections, users: over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa

from corridor.store import schema
from corridor.store.chain import verify
from corridor.store.engine import Store
from corridor.web import users
from tests.web.conftest import PASSWORD, Server, Team, csrf_of, login

REPORT = b"""---
title: Convoy reaches the east
publisher: Test Wire
published: 2016-12-24
area: east Aleppo
---
BEIRUT, 24 December (Test Wire) - An estimated 12,000 people remain trapped in
east Aleppo, the UN said on Saturday.
"""


def test_sign_in_needs_the_csrf_token(serve: Callable[..., Server], team: Team) -> None:
    server = serve()
    with server.client() as client:
        client.get("/login")
        refused = client.post("/login", data={"name": "admin", "password": PASSWORD})
        assert refused.status_code == 422  # csrf_token is a required field
        forged = client.post(
            "/login",
            data={"name": "admin", "password": PASSWORD, "csrf_token": "forged"},
        )
        assert forged.status_code == 403
        assert "did not come from this site" in forged.text


def test_wrong_password_is_refused(serve: Callable[..., Server], team: Team) -> None:
    server = serve()
    with server.client() as client:
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={"name": "admin", "password": "not it at all", "csrf_token": token},
        )
    assert response.status_code == 401
    assert "do not match" in response.text


def test_pages_redirect_to_sign_in_when_users_exist(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        response = client.get("/areas/East%20Aleppo")
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=%2Fareas%2FEast%20Aleppo"
        login(client, "viewer")
        assert client.get("/areas/East%20Aleppo").status_code == 200


def test_a_new_password_ends_every_session_made_with_the_old_one(
    serve: Callable[..., Server], team: Team, store: Store
) -> None:
    server = serve()
    with server.client() as stolen, server.client() as owner:
        login(stolen, "viewer")
        assert stolen.get("/areas/East%20Aleppo").status_code == 200
        users.set_password(store, "viewer", "a brand new passphrase")
        assert stolen.get("/areas/East%20Aleppo").status_code == 303
        login(owner, "viewer", "a brand new passphrase")
        assert owner.get("/areas/East%20Aleppo").status_code == 200


def test_sign_in_never_redirects_off_site(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        token = csrf_of(client.get("/login").text)
        response = client.post(
            "/login",
            data={
                "name": "viewer",
                "password": PASSWORD,
                "csrf_token": token,
                "next": "//evil.example.org/",
            },
        )
    assert response.headers["location"] == "/"


def test_analyst_uploads_a_report_and_its_claims_are_extracted(
    serve: Callable[..., Server], team: Team, store: Store
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        form = client.get("/upload").text
        response = client.post(
            "/upload",
            data={"csrf_token": csrf_of(form)},
            files={"file": ("../../etc/passwd.md", REPORT, "text/markdown")},
        )
        assert response.status_code == 201, response.text
        assert "1 new document" in response.text
        documents = client.get("/api/v1/documents", params={"limit": 1000}).json()
    ours = [d for d in documents["items"] if d["title"] == "Convoy reaches the east"]
    assert len(ours) == 1
    assert ours[0]["source"] == "passwd.md"  # a plain name, no folders
    with server.client(headers={"Authorization": f"Bearer {team.viewer}"}) as c:
        claims = c.get("/api/v1/claims", params={"document": ours[0]["id"]}).json()
    assert any(c["indicator"] == "people.trapped" for c in claims["items"])


def test_upload_refuses_unknown_types_and_oversized_files(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        token = csrf_of(client.get("/upload").text)
        exe = client.post(
            "/upload",
            data={"csrf_token": token},
            files={"file": ("tool.exe", b"MZ...", "application/octet-stream")},
        )
        big = client.post(
            "/upload",
            data={"csrf_token": token},
            files={"file": ("big.txt", b"x" * 300_000, "text/plain")},
        )
    assert exe.status_code == 422
    assert "file type must be one of" in exe.text
    assert big.status_code == 413


def test_viewer_cannot_upload(serve: Callable[..., Server], team: Team) -> None:
    server = serve()
    with server.client() as client:
        login(client, "viewer")
        assert client.get("/upload").status_code == 403


def test_upload_through_the_api_with_a_token(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client(headers={"Authorization": f"Bearer {team.analyst}"}) as c:
        response = c.post(
            "/api/v1/documents",
            data={"kind": "news"},
            files={"file": ("wire.md", REPORT, "text/markdown")},
        )
        again = c.post(
            "/api/v1/documents", files={"file": ("wire.md", REPORT, "text/markdown")}
        )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and len(body["new"]) == 1 and body["claims"] >= 1
    assert again.json()["already_stored"] == body["new"]


def test_api_writes_refuse_the_session_cookie(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        response = client.post(
            "/api/v1/documents", files={"file": ("wire.md", REPORT, "text/markdown")}
        )
    assert response.status_code == 401
    assert "Bearer" in response.json()["error"]


def _first_claim(client: object, server: Server, token: str) -> dict[str, object]:
    with server.client(headers={"Authorization": f"Bearer {token}"}) as c:
        body = c.get(
            "/api/v1/claims", params={"indicator": "people.trapped", "limit": 1}
        ).json()
    item: dict[str, object] = body["items"][0]
    return item


def test_a_correction_is_a_new_logged_row_never_an_overwrite(
    serve: Callable[..., Server], team: Team, store: Store
) -> None:
    server = serve()
    claim = _first_claim(None, server, team.viewer)
    with server.client() as client:
        login(client, "analyst")
        page = client.get(f"/documents/{claim['document']}").text
        response = client.post(
            f"/claims/{claim['id']}/correct",
            data={
                "csrf_token": csrf_of(page),
                "indicator": claim["indicator"],
                "low": "1000",
                "high": "2000",
                "reason": "the UN revised its figure on 2 December",
            },
        )
        assert response.status_code == 303
        page = client.get(response.headers["location"]).text
    assert "Corrected by analyst" in page
    with store.read() as conn:
        row = conn.execute(
            sa.select(schema.claims).where(schema.claims.c.id == claim["id"])
        ).one()
        fixes = conn.execute(sa.select(schema.corrections)).all()
        assert verify(conn).ok
        logged = conn.execute(
            sa.select(schema.log).where(schema.log.c.kind == "corrections")
        ).all()
    assert row.low == claim["low"] and row.high == claim["high"]  # untouched
    assert len(fixes) == 1 and len(logged) == 1
    assert json.loads(fixes[0].changes) == {"low": 1000.0, "high": 2000.0}
    assert fixes[0].by == "analyst"
    with server.client(headers={"Authorization": f"Bearer {team.viewer}"}) as c:
        shown = c.get("/api/v1/claims", params={"document": claim["document"]}).json()
    mine = next(i for i in shown["items"] if i["id"] == claim["id"])
    assert mine["corrected"] == {"low": 1000.0, "high": 2000.0}
    assert mine["low"] == claim["low"]


def test_correction_through_the_api_is_checked(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    claim = _first_claim(None, server, team.viewer)
    with server.client(headers={"Authorization": f"Bearer {team.analyst}"}) as c:
        bad = c.post(
            f"/api/v1/claims/{claim['id']}/corrections",
            json={"changes": {"low": 5, "high": 1}, "reason": "typo"},
        )
        unknown = c.post(
            f"/api/v1/claims/{claim['id']}/corrections",
            json={"changes": {"quote": "x"}, "reason": "typo"},
        )
        good = c.post(
            f"/api/v1/claims/{claim['id']}/corrections",
            json={"changes": {"modality": "estimated"}, "reason": "hedged"},
        )
        missing = c.post(
            "/api/v1/claims/" + "0" * 64 + "/corrections",
            json={"changes": {"modality": "estimated"}, "reason": "hedged"},
        )
    assert bad.status_code == 422 and "must not exceed high" in bad.json()["error"]
    assert (
        unknown.status_code == 422 and "cannot be corrected" in unknown.json()["error"]
    )
    assert good.status_code == 201 and good.json()["correction"]["by"] == "analyst"
    assert missing.status_code == 404


def test_witness_submits_a_report_through_the_form(
    serve: Callable[..., Server], team: Team, store: Store
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "witness")
        form = client.get("/witness").text
        response = client.post(
            "/witness",
            data={
                "csrf_token": csrf_of(form),
                "text": "About 300 people are waiting at the Ramouseh crossing.",
                "observed_at": "2016-12-18",
                "area": "east Aleppo",
                "contact": "+963 private number",
                "lat": "36.1",
                "lon": "37.1",
            },
        )
        assert response.status_code == 201, response.text
        assert "+963" not in response.text
    with store.read() as conn:
        held = conn.execute(sa.select(schema.restricted.c.fields)).all()
    assert any('"witness":"witness"' in r.fields for r in held)
    assert any("+963 private number" in r.fields for r in held)


def test_analyst_cannot_submit_as_a_witness(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        assert client.get("/witness").status_code == 403


def test_admin_adds_and_disables_users(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "admin")
        page = client.get("/admin/users").text
        token = csrf_of(page)
        added = client.post(
            "/admin/users",
            data={
                "csrf_token": token,
                "name": "newcomer",
                "role": "viewer",
                "password": "a long enough password",
            },
        )
        assert added.status_code == 303
        disabled = client.post(
            "/admin/users/newcomer", data={"csrf_token": token, "state": "disable"}
        )
        assert disabled.status_code == 303
        myself = client.post(
            "/admin/users/admin", data={"csrf_token": token, "state": "disable"}
        )
        assert myself.status_code == 422
        assert "newcomer" in client.get("/admin/users").text
    with server.client() as other:
        token = csrf_of(other.get("/login").text)
        refused = other.post(
            "/login",
            data={
                "name": "newcomer",
                "password": "a long enough password",
                "csrf_token": token,
            },
        )
        assert refused.status_code == 401


def test_non_admin_cannot_manage_users(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        assert client.get("/admin/users").status_code == 403


def test_account_page_makes_a_token_shown_once(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "viewer")
        page = client.get("/account").text
        made = client.post(
            "/account/tokens", data={"csrf_token": csrf_of(page), "label": "laptop"}
        )
        assert made.status_code == 201
        token = made.text.split('class="token">')[1].split("<")[0]
        assert "laptop" in made.text
        assert token not in client.get("/account").text
    with server.client(headers={"Authorization": f"Bearer {token}"}) as c:
        me = c.get("/api/v1/me").json()
    assert me["user"] == {"name": "viewer", "role": "viewer"}


def test_sign_out_needs_csrf_and_ends_the_session(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "viewer")
        page = client.get("/").text
        assert client.post("/logout", data={"csrf_token": "nope"}).status_code == 403
        assert (
            client.post("/logout", data={"csrf_token": csrf_of(page)}).status_code
            == 303
        )
        assert client.get("/").status_code == 303


def test_sign_in_is_throttled_after_five_failures(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        token = csrf_of(client.get("/login").text)
        statuses = [
            client.post(
                "/login",
                data={
                    "name": "admin",
                    "password": "guess number x",
                    "csrf_token": token,
                },
            ).status_code
            for _ in range(6)
        ]
        right = client.post(
            "/login", data={"name": "admin", "password": PASSWORD, "csrf_token": token}
        )
    assert statuses == [401] * 5 + [429]
    assert right.status_code == 429
    assert "Too many failed attempts" in right.text


def test_a_body_over_the_limit_is_refused_before_parsing(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client(headers={"Authorization": f"Bearer {team.analyst}"}) as c:
        response = c.post(
            "/api/v1/documents",
            files={"file": ("huge.txt", b"x" * 1_400_000, "text/plain")},
        )
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_admin_sets_a_new_password(serve: Callable[..., Server], team: Team) -> None:
    server = serve()
    with server.client() as client:
        login(client, "admin")
        token = csrf_of(client.get("/admin/users").text)
        short = client.post(
            "/admin/users/viewer/password", data={"csrf_token": token, "password": "x"}
        )
        assert short.status_code == 422
        done = client.post(
            "/admin/users/viewer/password",
            data={"csrf_token": token, "password": "a brand new password"},
        )
        assert done.status_code == 303
    with server.client() as client:
        login(client, "viewer", "a brand new password")
