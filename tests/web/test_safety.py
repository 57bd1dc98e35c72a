"""Witness safety and hostile text: what no page and no API response may show."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

import httpx

from corridor.store.engine import Store
from corridor.web import add_user
from tests.web.conftest import PASSWORD, Server, Team, csrf_of, login, restricted_values

HOSTILE = b"""---
title: <img src=x onerror=alert(1)> Hostile wire
publisher: <b>Bold</b> Wire
published: 2016-12-24
area: east Aleppo
---
<script>alert("owned")</script> An estimated 9,000 people remain trapped in
east Aleppo, the UN said on Saturday. </textarea><a href="javascript:alert(1)">x</a>
"""


def _upload(client: httpx.Client, name: str, body: bytes) -> None:
    form = client.get("/upload").text
    response = client.post(
        "/upload",
        data={"csrf_token": csrf_of(form)},
        files={"file": (name, body, "text/markdown")},
    )
    assert response.status_code == 201, response.text


def test_a_report_with_script_shows_it_as_text(
    serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    with server.client() as client:
        login(client, "analyst")
        _upload(client, "hostile.md", HOSTILE)
        docs = client.get("/api/v1/documents", params={"limit": 1000}).json()
        doc = next(d for d in docs["items"] if "Hostile" in (d["title"] or ""))
        page = client.get(f"/documents/{doc['id']}").text
        listing = client.get("/documents").text
        area = client.get("/areas/East%20Aleppo").text
    for html in (page, listing, area):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>Bold</b>" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def _witness_report(client: httpx.Client) -> None:
    form = client.get("/witness").text
    response = client.post(
        "/witness",
        data={
            "csrf_token": csrf_of(form),
            "text": "About 300 people wait at the crossing, 12 of them wounded.",
            "observed_at": "2016-12-18T09:10:00+02:00",
            "area": "east Aleppo",
            "contact": "signal-7733-private",
            "lat": "36.19871",
            "lon": "37.15377",
        },
    )
    assert response.status_code == 201, response.text


def _links(html: str) -> set[str]:
    return {
        link
        for link in re.findall(r'href="(/[^"#]*)', html)
        if not link.startswith(("/static/", "/api/"))
    }


def _crawl(client: httpx.Client, start: list[str]) -> dict[str, str]:
    """Every page reachable from ``start`` by GET links (one site, no static)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue:
        path = queue.pop()
        if path in seen or path == "/logout":
            continue
        response = client.get(path)
        assert response.status_code < 500, path
        seen[path] = response.text
        queue.extend(_links(response.text.replace("&amp;", "&")) - set(seen))
    return seen


def test_restricted_witness_fields_appear_on_no_page_and_no_api_response(
    serve: Callable[..., Server], team: Team, store: Store
) -> None:
    account = "hidden-witness-7"
    add_user(store, account, "witness", PASSWORD)
    server = serve()
    with server.client() as client:
        login(client, account)
        _witness_report(client)
    secrets = [*restricted_values(store), account]
    assert "signal-7733-private" in secrets and "36.19871" in secrets
    assert any(s.startswith("w-") for s in secrets)  # the example witnesses

    responses: dict[str, str] = {}
    with server.client() as client:
        login(client, "admin")
        responses.update(_crawl(client, ["/", "/documents", "/account", "/upload"]))
        areas = client.get("/api/v1/areas").json()["items"]
        api = [
            "/api/v1/documents?limit=1000",
            "/api/v1/documents?kind=witness",
            "/api/v1/claims?limit=1000",
            "/api/v1/situation",
            "/api/v1/conflicts",
            "/api/v1/areas",
            "/api/v1/log/verify",
            "/api/v1/me",
            "/api/v1/openapi.json",
        ]
        for item in areas:
            name = quote(item["area"])
            api += [f"/api/v1/situation?area={name}", f"/api/v1/conflicts?area={name}"]
            api.append(f"/api/v1/projection?area={name}&draws=200")
        docs = client.get("/api/v1/documents", params={"limit": 1000}).json()
        api += [f"/api/v1/documents/{d['id']}" for d in docs["items"]]
        for path in api:
            responses[path] = client.get(path).text
    assert "/admin/users" in responses
    witness_pages = [p for p in responses if p.startswith("/documents/")]
    assert len(witness_pages) >= 27  # every document page was reached
    assert any("/areas/" in p and p.endswith("/projection") for p in responses)
    # The admin's user list names accounts (that is its job) but never links
    # an account to a report; every other page must not name the witness.
    leaks = [
        (path, secret)
        for path, body in responses.items()
        for secret in secrets
        if secret in body and not (path == "/admin/users" and secret == account)
    ]
    assert leaks == [], leaks
