"""Bugs the fuzz targets and hostile files found in the readers, one test each."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.ingest import batch, metadata, readers, witness
from tests.conftest import Run, write
from tests.ingest import hostile


def test_front_matter_with_impossible_yaml_date_is_a_metadata_error() -> None:
    # YAML's timestamp type raised ValueError ("month must be in 1..12").
    with pytest.raises(readers.ReadError, match="front matter") as caught:
        readers.read_text(b"---\npublished: 2016-13-01\n---\nbody\n")
    assert "\n" not in str(caught.value)


def test_ingest_front_matter_with_impossible_date_is_one_error_line(
    run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path / "a.md", "---\npublished: 2016-02-30\n---\nbody\n")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: front matter")


def test_front_matter_alias_bomb_is_refused_without_expanding_it() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        levels.append(f"a{i}: &a{i} [{refs}]")
    text = "---\n" + "\n".join(levels) + "\ntitle: *a9\n---\nbody\n"
    with pytest.raises(readers.ReadError, match="front matter"):
        readers.read_text(text.encode())


def test_metadata_error_shows_a_short_value_for_a_huge_one() -> None:
    with pytest.raises(metadata.MetadataError) as caught:
        metadata.clean({"title": [list(range(1000))] * 1000})
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("opening", [b"[", b'{"a":'])
def test_witness_json_nested_deeper_than_python_recurses_is_a_read_error(
    opening: bytes,
) -> None:
    # json.loads raised RecursionError, which the CLI printed as a traceback.
    with pytest.raises(readers.ReadError, match="nested too deeply"):
        witness.read_json(opening * 100_000, {}, False)


def test_pdf_over_the_page_limit_is_refused_before_its_text_is_read(
    tmp_path: Path,
) -> None:
    # A 5,000-page PDF used to be read page by page and stored.
    path = hostile.many_pages_pdf(tmp_path, pages=readers.MAX_PDF_PAGES + 1)
    with pytest.raises(readers.ReadError, match="1,001 pages, over the 1,000-page"):
        readers.read_pdf(path.read_bytes())


@pytest.mark.parametrize("form", [False, True], ids=["contents", "form XObject"])
def test_pdf_pages_sharing_one_large_stream_are_cut_off_by_the_content_budget(
    tmp_path: Path, form: bool
) -> None:
    # 900 pages drawing one 6 MB stream took pypdf 591 s to read.
    path = hostile.shared_content_pdf(tmp_path, form=form)
    with pytest.raises(readers.ReadError, match="more than 20 MB by page 4"):
        readers.read_pdf(path.read_bytes())


def test_pdf_stream_past_pypdf_limits_names_the_limit(tmp_path: Path) -> None:
    path = hostile.pdf_flate_bomb(tmp_path)
    with pytest.raises(readers.ReadError) as caught:
        readers.read_pdf(path.read_bytes())
    assert str(caught.value).startswith("is a PDF past pypdf's safety limits (")
    assert str(caught.value).endswith("a compression bomb?")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("evil\n\x1b[31mred.txt", "evil\\n\\x1b[31mred.txt"),
        ("a\rb\x07c\x7f.md", "a\\rb\\x07c\\x7f.md"),
        ("\u202eexe.txt", "\\u202eexe.txt"),
        ("caf\udce9.txt", "caf\\xe9.txt"),  # an undecodable byte of a file name
        ("plain name ü.txt", "plain name ü.txt"),
    ],
)
def test_printable_escapes_what_would_break_an_error_line(
    name: str, shown: str
) -> None:
    assert batch.printable(name) == shown
    assert batch.printable(name).isprintable()


def test_error_for_a_file_with_a_hostile_name_is_one_printable_line(
    run: Run, tmp_path: Path
) -> None:
    # The name was echoed raw: its newline split the error in two lines and
    # its escape codes reached the terminal.
    path = hostile.hostile_name(tmp_path)
    result = run("ingest", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.isprintable()
    assert line.endswith("name.txt: is empty")


def test_csv_header_in_an_error_is_one_line() -> None:
    raw = b'"bad\ncolumn",text\nx,y\n'
    with pytest.raises(readers.ReadError) as caught:
        witness.read_csv(raw, {}, False)
    assert "\n" not in str(caught.value)


def test_html_page_of_too_many_elements_is_refused_before_extraction() -> None:
    # 800,000 paragraphs (19 MB) kept trafilatura busy for over 60 s and 1 GB.
    raw = b"<html><body>" + b"<p>People fled.</p>" * 100_001 + b"</body></html>"
    with pytest.raises(readers.ReadError, match="more than 100,000 elements"):
        readers.read_html(raw)


def test_pdf_with_an_unsupported_filter_is_a_read_error() -> None:
    # Found by the pdf fuzz target: pypdf raised NotImplementedError
    # ("Unsupported filter /FlateDecodX"), which the CLI printed as a traceback.
    from fuzz.seeds import pdf

    raw = pdf(["hello"], compress=True).replace(b"/FlateDecode", b"/FlateDecodX")
    with pytest.raises(readers.ReadError, match="Unsupported filter /FlateDecodX"):
        readers.read_pdf(raw)


def test_sidecar_over_a_megabyte_is_refused_unread(run: Run, tmp_path: Path) -> None:
    # A sidecar was read whole, whatever its size: a 1 GB one took 1 GB.
    report = write(tmp_path / "a.txt", "More than 50,000 people fled.\n")
    hostile.sparse_line(tmp_path, "a.meta.json")
    result = run("ingest", str(report))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line == (
        f"Error: {report}: sidecar a.meta.json is 1 GB; a metadata sidecar may "
        "be at most 1 MB"
    )


def test_sidecar_error_names_the_sidecar_once(run: Run, tmp_path: Path) -> None:
    report = write(tmp_path / "a.txt", "More than 50,000 people fled.\n")
    write(tmp_path / "a.meta.json", "{not json")
    result = run("ingest", str(report))
    (line,) = result.stderr.splitlines()
    assert line.count("a.meta.json") == 1, line
    assert "sidecar a.meta.json is not valid JSON" in line


def test_corpus_line_nested_too_deeply_is_refused_and_the_rest_go_in(
    run: Run, tmp_path: Path
) -> None:
    # json.loads raised RecursionError out of the corpus reader: a traceback,
    # and the records after it were never read.
    path = tmp_path / "feed.jsonl"
    good = '{"text": "About 300 people fled the old city."}'
    path.write_text(good + "\n" + "[" * 100_000 + "\n" + good.replace("300", "400"))
    result = run("ingest", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line == f"Error: {path}: line 2: not valid JSON (nested too deeply)"
    assert "2 new, 0 already stored, 1 rejected" in result.stdout


def test_corpus_line_over_the_limit_is_skipped_unread(run: Run, tmp_path: Path) -> None:
    # A corpus was read a line at a time, whatever the line's length: a 1 GB
    # line took 1 GB and more.
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "About 300 people fled the old city."}\n{"text": "')
    with path.open("ab") as handle:
        handle.write(b"x" * 3_000_000 + b'"}\n{"text": "About 400 people fled."}\n')
    result = run("ingest", "--max-bytes", "100K", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line == (
        f"Error: {path}: line 2: is over 600 KB, too long for a record of at most "
        "100 KB of text"
    )
    assert "2 new, 0 already stored, 1 rejected" in result.stdout


@pytest.mark.parametrize(
    "resources",
    [
        b"/Resources 7",
        b"/Resources << /XObject 7 >>",
        b"/Resources << /XObject << /X 7 >> >>",
    ],
)
def test_pdf_with_malformed_resources_is_read_or_refused(resources: bytes) -> None:
    # Found by the pdf fuzz target: the content budget walked /Resources as a
    # dictionary and raised AttributeError ('NumberObject' has no 'get').
    from fuzz.seeds import pdf

    raw = pdf(["More than 50,000 people fled."])
    resources = resources.ljust(len(b"/Resources << /Font << /F1 3 0 R >> >>"))
    raw = raw.replace(b"/Resources << /Font << /F1 3 0 R >> >>", resources)
    try:
        readers.read_pdf(raw)
    except readers.ReadError as exc:
        assert "\n" not in str(exc)


def test_pdf_page_whose_parent_is_missing_is_a_read_error() -> None:
    # Found by the pdf fuzz target: pypdf raised AttributeError ('NoneType'
    # object has no attribute 'get_object') looking up inherited resources.
    from fuzz.seeds import pdf

    raw = pdf(["More than 50,000 people fled."])
    raw = raw.replace(b"/Parent 2 0 R", b"/Parent 0 0 R")
    raw = raw.replace(b"/Resources", b"/Resourcez")
    with pytest.raises(readers.ReadError, match="is not a readable PDF: "):
        readers.read_pdf(raw)
