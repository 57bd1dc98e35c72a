"""The JSON API over real HTTP: reads, filters, pages, and the error shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.web.conftest import Server, Team


def test_documents_are_listed_in_pages_without_text(server: Server) -> None:
    with server.client() as client:
        first = client.get("/api/v1/documents", params={"limit": 5}).json()
        assert first["ok"] is True
        assert first["total"] == 26
        assert len(first["items"]) == 5
        assert "text" not in first["items"][0]
        assert "restricted_sha256" not in first["items"][0]
        second = client.get(first["next"]).json()
    assert second["offset"] == 5
    assert {d["id"] for d in first["items"]}.isdisjoint(
        d["id"] for d in second["items"]
    )


def test_documents_filter_by_kind(server: Server) -> None:
    with server.client() as client:
        body = client.get("/api/v1/documents", params={"kind": "witness"}).json()
    assert body["total"] > 0
    assert {d["kind"] for d in body["items"]} == {"witness"}
    assert {d["source"] for d in body["items"]} == {"witness report"}


def test_document_by_id_prefix_has_text_and_claims(server: Server) -> None:
    with server.client() as client:
        docs = client.get("/api/v1/documents", params={"kind": "agency"}).json()
        doc_id = docs["items"][0]["id"]
        body = client.get(f"/api/v1/documents/{doc_id[:12]}").json()
    document = body["document"]
    assert document["id"] == doc_id
    assert document["text"]
    for claim in document["claims"]:
        assert claim["document"] == doc_id
        assert document["text"][claim["start"] : claim["end"]] == claim["quote"]


def test_claims_filter_by_area_indicator_and_dates(server: Server) -> None:
    with server.client() as client:
        everything = client.get("/api/v1/claims", params={"limit": 1000}).json()
        trapped = client.get(
            "/api/v1/claims",
            params={"indicator": "people.trapped", "area": "east aleppo"},
        ).json()
        november = client.get(
            "/api/v1/claims", params={"since": "2016-11-01", "until": "2016-11-30"}
        ).json()
    assert everything["total"] == len(everything["items"]) > 50
    assert trapped["total"] > 0
    assert {c["indicator"] for c in trapped["items"]} == {"people.trapped"}
    assert {c["area"].lower() for c in trapped["items"]} == {"east aleppo"}
    assert 0 < november["total"] < everything["total"]
    for claim in november["items"]:
        on = claim["as_of"] or claim["published"]
        assert "2016-11-01" <= on <= "2016-11-30"


def test_claims_filter_by_document_and_paginate(server: Server) -> None:
    with server.client() as client:
        docs = client.get("/api/v1/documents", params={"limit": 1}).json()
        doc_id = docs["items"][0]["id"]
        mine = client.get("/api/v1/claims", params={"document": doc_id[:10]}).json()
        paged = client.get("/api/v1/claims", params={"limit": 2, "offset": 1}).json()
        every = client.get("/api/v1/claims", params={"limit": 3}).json()
    assert mine["total"] > 0
    assert {c["document"] for c in mine["items"]} == {doc_id}
    assert [c["id"] for c in paged["items"]] == [c["id"] for c in every["items"]][1:3]


def test_situation_conflicts_and_projection(server: Server) -> None:
    with server.client() as client:
        situation = client.get(
            "/api/v1/situation", params={"area": "east Aleppo"}
        ).json()
        conflicts = client.get(
            "/api/v1/conflicts", params={"area": "East Aleppo"}
        ).json()
        projection = client.get(
            "/api/v1/projection",
            params={"area": "east Aleppo", "as_of": "2016-11-21", "draws": 2000},
        ).json()
    assert situation["situation"]["area"] == "East Aleppo"
    assert situation["situation"]["estimates"]
    assert conflicts["items"] == situation["situation"]["conflicts"]
    assert conflicts["items"]
    assert projection["projection"]["area"] == "East Aleppo"
    assert projection["projection"]["p10"] <= projection["projection"]["p90"]


def test_log_verification(server: Server) -> None:
    with server.client() as client:
        body = client.get("/api/v1/log/verify").json()
    assert body["ok"] is True
    assert body["verified"] is True
    assert body["entries"] > 26


def test_areas_have_points(server: Server) -> None:
    with server.client() as client:
        body = client.get("/api/v1/areas").json()
    east = next(a for a in body["items"] if a["area"] == "East Aleppo")
    assert east["claims"] > 0
    assert 36 < east["point"]["lat"] < 37


def test_openapi_describes_the_api_only(server: Server) -> None:
    with server.client() as client:
        spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "corridor"
    assert "/api/v1/claims" in spec["paths"]
    assert all(path.startswith("/api/v1/") for path in spec["paths"])


ERROR_KEYS = {"ok", "error", "status"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/v1/nothing-here", 404, "nothing at /api/v1/nothing-here"),
        ("/api/v1/documents/0123456789abcdef", 404, "no document"),
        ("/api/v1/situation?area=Atlantis", 404, "areas known"),
        ("/api/v1/claims?limit=0", 422, "query parameter 'limit'"),
        ("/api/v1/claims?indicator=people.happy", 422, "must be one of"),
        ("/api/v1/claims?since=yesterday", 422, "query parameter 'since'"),
        ("/api/v1/projection", 422, "query parameter 'area'"),
        ("/api/v1/documents/xyz", 422, "hexadecimal"),
    ],
)
def test_every_error_has_one_shape(
    server: Server, path: str, status: int, words: str
) -> None:
    with server.client() as client:
        response = client.get(path)
    body = response.json()
    assert response.status_code == status
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False
    assert body["status"] == status
    assert words in body["error"]


def test_reads_need_a_sign_in_once_users_exist(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        anonymous = client.get("/api/v1/claims")
        bad = client.get(
            "/api/v1/claims", headers={"Authorization": "Bearer crd_wrong"}
        )
        good = client.get(
            "/api/v1/claims", headers={"Authorization": f"Bearer {team.viewer}"}
        )
    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "ok": False,
        "error": "sign in to read this server",
        "status": 401,
    }
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert bad.status_code == 401
    assert set(bad.json()) == ERROR_KEYS
    assert good.status_code == 200


def test_public_read_lets_anyone_read(serve: Callable[..., Server], team: Team) -> None:
    server = serve(public_read=True)
    with server.client() as client:
        assert client.get("/api/v1/claims").status_code == 200


def test_a_role_that_cannot_write_gets_403(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client(headers={"Authorization": f"Bearer {team.viewer}"}) as c:
        response = c.post(
            "/api/v1/documents",
            files={"file": ("r.txt", b"Some text", "text/plain")},
        )
    assert response.status_code == 403
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert "your role (viewer) cannot upload reports" in body["error"]


def test_without_users_the_server_is_read_only(server: Server) -> None:
    with server.client() as client:
        response = client.post(
            "/api/v1/documents",
            files={"file": ("r.txt", b"Some text", "text/plain")},
        )
    assert response.status_code == 403
    assert set(response.json()) == ERROR_KEYS
    assert "read-only" in response.json()["error"]
