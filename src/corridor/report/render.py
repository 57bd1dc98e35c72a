"""Rendering a gathered report as HTML, PDF (WeasyPrint) or Markdown.

Files are written to a temporary name beside the target and moved into place,
so a failed render never leaves half a report.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import jinja2

from corridor.errors import ConfigError
from corridor.report.context import Report
from corridor.store.transfer import umask

FORMATS = (".html", ".pdf", ".md")


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corridor.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["svg_uri"] = lambda svg: (
        "data:image/svg+xml;base64,"
        + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    )
    env.filters["md"] = _markdown_cell
    return env


def _markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and HTML escaped."""
    text = " ".join(str(value).split())
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(
        r"[<>&]", lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}[m.group()], text
    )


def html(report: Report) -> str:
    return _environment(True).get_template("report.html.j2").render(r=report)


def markdown(report: Report, charts: dict[str, str]) -> str:
    return (
        _environment(False).get_template("report.md.j2").render(r=report, charts=charts)
    )


def _atomic(target: Path, write: Callable[[Path], object]) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp made it private; a report is not
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pdf(page: str, target: Path) -> None:
    with warnings.catch_warnings():
        # WeasyPrint warns, once per process, when the system lacks the
        # HarfBuzz subsetting library; fonts are then embedded whole, which
        # only makes the PDF larger.
        warnings.filterwarnings(
            "ignore", message="HarfBuzz-Subset", category=DeprecationWarning
        )
        from weasyprint import HTML

        HTML(string=page).write_pdf(target)


def write(report: Report, target: Path) -> list[Path]:
    """Write ``report`` to ``target`` (by suffix); returns every file written."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(
            f"--out {target}: the report format comes from the suffix, "
            f"one of {', '.join(FORMATS)}; got {suffix or 'none'!r}"
        )
    if not target.parent.is_dir():
        raise ConfigError(
            f"--out {target}: folder {str(target.parent)!r} does not exist"
        )
    if suffix == ".html":
        page = html(report)
        _atomic(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
        return [target]
    if suffix == ".pdf":
        page = html(report)
        _atomic(target, lambda tmp: _pdf(page, tmp))
        return [target]
    folder = target.with_name(target.stem + "_charts")
    folder.mkdir(exist_ok=True)
    written = []
    charts = {}
    for name, svg in [("projection", report.projection_chart or "")] + [
        (t["indicator"], t["svg"]) for t in report.timelines
    ]:
        if not svg:
            continue
        path = folder / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        charts[name] = f"{folder.name}/{path.name}"
        written.append(path)
    text = markdown(report, charts)
    _atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return [target, *written]
