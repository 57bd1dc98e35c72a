"""Pages over real HTTP: readable without JavaScript, every figure linked."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from corridor.errors import ConfigError
from corridor.settings import Settings
from corridor.web import WebOptions, create_app
from corridor.web.highlight import Span, highlight, reflow
from tests.web.conftest import Server


def test_areas_page_lists_the_areas(server: Server) -> None:
    with server.client() as client:
        page = client.get("/")
    assert page.status_code == 200
    assert 'href="/areas/East%20Aleppo"' in page.text
    assert "read-only" in page.text


def test_area_overview_has_indicator_cards_with_ranges_and_sources(
    server: Server,
) -> None:
    with server.client() as client:
        page = client.get("/areas/east%20aleppo").text
    assert "<h1>East Aleppo</h1>" in page
    assert "People trapped" in page
    assert re.search(
        r"People trapped</h4>\s*<p class=\"range\"><a href=\"/documents/[0-9a-f]{64}"
        r"#mark-[0-9a-f]{64}\"[^>]*>(more than |up to )?[\d,–]+ people</a>",
        page,
    )
    assert re.search(r"\d+ independent sources?", page)
    assert "sources disagree" in page
    # Every card figure links to the sentence it came from.
    assert page.count('class="range"><a href="/documents/') == page.count(
        'class="range"'
    )
    assert "Corridors" in page and "Food" in page


def test_area_as_of_shows_what_was_known_then(server: Server) -> None:
    with server.client() as client:
        july = client.get("/areas/East%20Aleppo", params={"as_of": "2016-07-31"}).text
        later = client.get("/areas/East%20Aleppo").text
    assert "published by 2016-07-31" in july
    assert "People evacuated" not in july
    assert "People evacuated" in later


def test_conflicts_are_side_by_side_with_quotes(server: Server) -> None:
    with server.client() as client:
        page = client.get("/areas/East%20Aleppo/conflicts").text
    sides = re.findall(r'<li class="side">', page)
    assert len(sides) >= 4
    assert page.count("read it in the document") == len(sides)


def test_corridor_status_page(server: Server) -> None:
    with server.client() as client:
        page = client.get("/areas/East%20Aleppo/corridors").text
    assert "Status: <strong>proposed</strong>" in page
    assert "not materialised" in page


def test_projection_page_has_percentiles_curve_and_assumptions(
    server: Server,
) -> None:
    with server.client() as client:
        page = client.get(
            "/areas/East%20Aleppo/projection", params={"as_of": "2016-11-21"}
        ).text
    assert "Median (P50)" in page
    assert "<svg" in page
    assert "Assumptions" in page


def test_document_page_marks_every_claim_and_links_both_ways(server: Server) -> None:
    with server.client() as client:
        docs = client.get("/api/v1/documents", params={"kind": "agency"}).json()
        doc_id = docs["items"][0]["id"]
        claims = client.get("/api/v1/claims", params={"document": doc_id}).json()
        page = client.get(f"/documents/{doc_id}").text
    assert claims["total"] > 0
    for claim in claims["items"]:
        assert f'id="mark-{claim["id"]}"' in page
        assert f'href="#claim-{claim["id"]}"' in page
        assert f'id="claim-{claim["id"]}"' in page
        assert f'href="#mark-{claim["id"]}"' in page
    assert page.count("<mark") >= claims["total"]


def test_highlight_escapes_text_and_handles_overlaps() -> None:
    text = "a <script>x</script> 200 and 300 b"
    marked = highlight(text, [Span("c1", 2, 27), Span("c2", 21, 32)])
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert marked.count('id="mark-c1"') == 1
    assert marked.count('id="mark-c2"') == 1
    # the overlap "200 a" sits in one mark that names both claims
    assert 'data-claims="c1 c2"' in marked


def test_highlight_drops_spans_outside_the_text() -> None:
    marked = highlight("short", [Span("c1", 3, 99), Span("c2", 0, 5)])
    assert "mark-c1" not in marked
    assert "mark-c2" in marked


def test_reflow_keeps_offsets_headings_and_lists() -> None:
    text = (
        "HEADING\n- a list item that goes on long enough to be wrapped by its\n"
        "  writer here.\n- next item\n\nA paragraph line long enough to be "
        "wrapped at the column\nend."
    )
    flowed = reflow(text)
    assert len(flowed) == len(text)
    assert flowed.startswith("HEADING\n- a list")
    assert "\n- next item" in flowed
    assert "column end." in flowed


def test_documents_page_paginates_and_filters(server: Server) -> None:
    with server.client() as client:
        page = client.get("/documents", params={"kind": "witness"}).text
    assert "witness" in page
    assert "documents." in page or "document." in page


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/areas/Atlantis", 404),
        ("/documents/0123456789abcdef", 404),
        ("/nothing", 404),
        ("/areas/East%20Aleppo?as_of=someday", 422),
    ],
)
def test_page_errors_are_pages(server: Server, path: str, status: int) -> None:
    with server.client() as client:
        response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>" in response.text


def test_pages_carry_a_strict_content_policy(server: Server) -> None:
    with server.client() as client:
        response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "img-src 'self' data:;" in policy  # no tile server by default
    assert response.headers["x-frame-options"] == "DENY"


def test_tile_url_setting_reaches_the_map_and_the_policy(serve: object) -> None:
    assert callable(serve)
    server = serve(tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    with server.client() as client:
        response = client.get("/areas/East%20Aleppo")
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in response.text
    assert "https://tiles.example.org" in response.headers["content-security-policy"]


def test_map_has_the_area_point_and_works_offline(server: Server) -> None:
    with server.client() as client:
        page = client.get("/areas/East%20Aleppo").text
        leaflet = client.get("/static/leaflet/leaflet.js")
    assert 'id="map"' in page
    assert 'data-tiles=""' in page
    assert "36.205" in page  # the area's centre, shown without JavaScript too
    assert leaflet.status_code == 200


OUTLINE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"area": "east aleppo"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[37.16, 36.19], [37.20, 36.19], [37.20, 36.23], [37.16, 36.19]]
                ],
            },
        }
    ],
}


def test_area_outlines_reach_the_map(serve: object, tmp_path: Path) -> None:
    assert callable(serve)
    path = tmp_path / "outlines.geojson"
    path.write_text(json.dumps(OUTLINE))
    server = serve(outlines=str(path))
    with server.client() as client:
        page = client.get("/areas/East%20Aleppo").text
    assert "Polygon" in html.unescape(page.split('data-map="')[1].split('"')[0])


def test_a_bad_outline_file_is_a_config_error(db: str, tmp_path: Path) -> None:
    path = tmp_path / "outlines.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "x"}]}')
    with pytest.raises(ConfigError, match=r"feature 1 needs properties\.area"):
        create_app(Settings(db=db), WebOptions(outlines=str(path)))
