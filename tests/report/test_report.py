"""Reports rendered for real: HTML through Jinja2, PDF through WeasyPrint."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from corridor.store.engine import Store
from tests.conftest import Run
from tests.situation.builders import Corpus, claim, event

HOSTILE = '<script>alert("x")</script> 31,500 fled'


@pytest.fixture
def corpus(store: Store, tmp_path: Path) -> Corpus:
    corpus = Corpus(store, tmp_path)
    corpus.document(
        "UN desk",
        "2016-11-20",
        claims=[
            claim("people.trapped", 275000, quote="about 275,000 people remain"),
            claim(
                "food.stock_duration",
                30,
                as_of="2016-11-10",
                quote="food for one month",
            ),
            claim("people.injured", 400, quote="400 wounded need evacuation"),
            claim("health.hospitals", 0, quote="no hospitals functioning"),
        ],
    )
    corpus.document(
        "Wire one",
        "2016-11-30",
        claims=[claim("people.displaced", 31500, quote=HOSTILE)],
    )
    corpus.document(
        "Wire two",
        "2016-11-30",
        claims=[
            claim(
                "people.displaced",
                50000,
                None,
                modality="open",
                attribution="the Syrian Observatory said",
                quote="more than 50,000 people have fled",
            )
        ],
        events=[event("corridor.proposed", on="2016-12-01", count=4)],
    )
    return corpus


def test_html_report_footnotes_every_figure_and_escapes_report_text(
    run: Run, corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = run("report", "east aleppo", "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    cards = re.findall(r'<div class="card">(.*?)</div></div>', page, flags=re.DOTALL)
    assert len(cards) == 5  # trapped, stock, injured, hospitals, displaced
    assert all('href="#note-' in card for card in cards)
    notes = re.findall(r'<li id="note-(\d+)">', page)
    # six quoted claims and one quoted event, each numbered once, in order
    assert notes == [str(n) for n in range(1, 8)]
    assert "Conflicts (1)" in page and "Syrian Observatory for Human Rights" in page
    assert "food runs out" in page and "data:image/svg+xml;base64," in page
    assert "corridor.proposed (4)" in page


def test_pdf_report_is_a_real_pdf_with_the_figures(
    run: Run, corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    assert run("report", "East Aleppo", "--out", str(out)).exit_code == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    for expected in (
        "Situation report: East Aleppo",
        "275,000",
        ">=50,000",
        "Headline figures",
        "Corridor status",
    ):
        assert expected in text, expected


def test_markdown_report_writes_its_charts_beside_it(
    run: Run, corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    result = run("report", "East Aleppo", "--out", str(out))
    assert result.exit_code == 0 and "chart files" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "| people.displaced (people) | >=31,500 |" in text
    charts = re.findall(r"\]\((report_charts/[^)]+\.svg)\)", text)
    assert charts and all((tmp_path / c).read_text().startswith("<svg") for c in charts)
    assert "&lt;script&gt;" in text


def test_report_without_a_stock_figure_says_why_there_is_no_projection(
    run: Run, store: Store, tmp_path: Path
) -> None:
    Corpus(store, tmp_path).document(
        "A", "2016-12-01", claims=[claim("people.trapped", 100000)]
    )
    out = tmp_path / "r.html"
    assert run("report", "East Aleppo", "--out", str(out)).exit_code == 0
    assert "No projection: no figure of how long food lasts" in out.read_text()


def test_report_refuses_an_unknown_format_and_writes_nothing(
    run: Run, corpus: Corpus, tmp_path: Path
) -> None:
    result = run("report", "East Aleppo", "--out", str(tmp_path / "r.docx"))
    assert (
        result.exit_code == 1
        and "one of .html, .pdf, .md; got '.docx'" in result.stderr
    )
    assert list(tmp_path.glob("r.*")) == []


def test_situation_command_prints_conflicts_and_json_lines(
    run: Run, corpus: Corpus
) -> None:
    text = run("situation", "east aleppo")
    assert text.exit_code == 0
    assert "CONFLICTS (1)" in text.stdout and ">=31,500" in text.stdout
    lines = [
        json.loads(line) for line in run("situation", "--json").stdout.splitlines()
    ]
    assert lines[0]["type"] == "situation"
    assert {line["type"] for line in lines} == {
        "situation",
        "estimate",
        "conflict",
        "corridor",
        "rollup",
    }
    bad = run("situation", "--as-of", "01/12/2016")
    assert bad.exit_code == 2 and "must be a date like 2016-12-01" in bad.stderr


def test_project_command_gives_percentiles(run: Run, corpus: Corpus) -> None:
    result = run("project", "East Aleppo", "--as-of", "2016-11-20", "--json")
    assert result.exit_code == 0, result.output
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    # 30 days of food for everyone from 10 November: out on 10 December.
    assert data["p50"] == "2016-12-10" and data["days_left_p50"] == pytest.approx(20)
    assert data["medical_evacuation"]["urgent"] is True


def test_report_file_is_readable_like_any_file_the_user_writes(
    run: Run, corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert run("report", "East Aleppo", "--out", str(out)).exit_code == 0
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
