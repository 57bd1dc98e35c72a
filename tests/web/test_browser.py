"""End to end in headless Chromium against a real uvicorn server: sign in,
upload a report, find its claims marked, see the situation change. Screenshots
at laptop and phone widths go to ``out/web/`` for a person to look at."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.conftest import PASSWORD, ROOT, Server, Team

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "out" / "web"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}

NEW_REPORT = """---
title: UN says 12,000 remain as the last districts empty
publisher: Browser Test Wire
published: 2016-12-27
area: east Aleppo
---
GENEVA, 27 December (Browser Test Wire) - An estimated 12,000 people remain
trapped in east Aleppo, the UN said on Tuesday, as buses kept leaving.
<script>document.title = "owned"</script>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "the browser tests need Debian's chromium: apt-get install chromium"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, server: Server, size: str) -> Page:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=server.url
    )
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None,
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: pytest.fail(f"a page opened a dialog: {d.message}"))
    page.outside = outside  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _shot(page: Page, name: str, size: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)


def _sign_in(page: Page, name: str, then: str, shot: str | None = None) -> None:
    page.goto(then)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    if shot is not None:
        _shot(page, "login", shot)
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _trapped(page: Page) -> str:
    card = page.locator("article.card").filter(has_text="People trapped").first
    return card.locator(".range").inner_text()


@pytest.mark.parametrize("size", list(SIZES))
def test_analyst_uploads_a_report_and_the_situation_changes(
    browser: Browser, serve: Callable[..., Server], team: Team, size: str
) -> None:
    server = serve()
    page = _page(browser, server, size)
    _sign_in(page, "analyst", "/areas/East%20Aleppo", shot=size)
    expect(page.locator("h1")).to_have_text("East Aleppo")
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(".leaflet-tooltip", has_text="East Aleppo")).to_be_visible()
    before = _trapped(page)
    _shot(page, "area-before", size)

    page.get_by_role("link", name="Upload").click()
    _shot(page, "upload", size)
    page.get_by_label("Report file").set_input_files(
        files=[
            {
                "name": "un-27-december.md",
                "mimeType": "text/markdown",
                "buffer": NEW_REPORT.encode(),
            }
        ]
    )
    page.get_by_role("button", name="Upload and extract").click()
    expect(page.locator("h1")).to_have_text("Stored")
    expect(page.locator("main")).to_contain_text("1 new document")

    page.get_by_role("link", name=re.compile("^Document ")).click()
    expect(page.locator("h1")).to_contain_text("12,000 remain")
    marks = page.locator(".doc-text mark")
    expect(marks.first).to_be_visible()
    claim = page.locator("li.claim").filter(has_text="People trapped").first
    expect(claim).to_contain_text("12,000")
    # the <script> in the report is text on the page, never run
    expect(page.locator(".doc-text")).to_contain_text(
        '<script>document.title = "owned"'
    )
    assert page.title() != "owned"
    # claim list -> highlight, and highlight -> claim list
    claim.locator("a.to-mark").click()
    assert re.search(r"#mark-[0-9a-f]{64}$", page.url)
    page.locator(".doc-text a.claim-no").first.click()
    assert re.search(r"#claim-[0-9a-f]{64}$", page.url)
    _shot(page, "document", size)

    page.goto("/areas/East%20Aleppo")
    after = _trapped(page)
    assert after != before
    assert "12,000" in after
    _shot(page, "area-after", size)

    for path, name in [
        ("/areas/East%20Aleppo/conflicts", "conflicts"),
        ("/areas/East%20Aleppo/corridors", "corridors"),
        ("/areas/East%20Aleppo/projection?as_of=2016-11-21", "projection"),
        ("/documents", "documents"),
    ]:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        _shot(page, name, size)
    assert page.outside == []  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]  # CSP, scripts
    page.context.close()


def test_pages_read_without_javascript(
    browser: Browser, serve: Callable[..., Server]
) -> None:
    server = serve()
    context = browser.new_context(java_script_enabled=False, base_url=server.url)
    page = context.new_page()
    page.goto("/areas/East%20Aleppo")
    expect(page.locator("article.card").first).to_be_visible()
    expect(page.locator("#map .nojs")).to_contain_text("needs JavaScript")
    page.locator("article.card details summary").first.click()
    page.locator("article.card .evidence a").first.click()
    assert "#mark-" in page.url
    expect(page.locator(".doc-text mark").first).to_be_visible()
    context.close()


def test_witness_form_on_a_phone(
    browser: Browser, serve: Callable[..., Server], team: Team
) -> None:
    server = serve()
    page = _page(browser, server, "phone")
    _sign_in(page, "witness", "/witness")
    expect(page.locator("h1")).to_have_text("Report what you see")
    _shot(page, "witness", "phone")
    page.get_by_label("What you saw").fill("Twenty buses left the crossing at noon.")
    page.get_by_label("When you saw it").fill("2016-12-18T12:00")
    page.get_by_label("Area").fill("east Aleppo")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator("h1")).to_have_text("Stored")
    page.context.close()


def test_map_draws_an_outline_without_fetching_tiles(
    browser: Browser, serve: Callable[..., Server], tmp_path: Path
) -> None:
    from tests.web.test_pages import OUTLINE

    path = tmp_path / "outlines.geojson"
    path.write_text(json.dumps(OUTLINE))
    server = serve(outlines=str(path))
    page = _page(browser, server, "laptop")
    page.goto("/areas/East%20Aleppo")
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_visible()
    page.locator("#map").screenshot(path=str(SHOTS / "map-outline-laptop.png"))
    assert page.outside == []  # type: ignore[attr-defined]
    page.context.close()
