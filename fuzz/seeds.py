"""Seed inputs built from ``examples/`` (nothing is kept on disk)."""

from __future__ import annotations

import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def files(folder: str, *patterns: str) -> list[bytes]:
    """The bytes of the example files in ``folder`` matching ``patterns``."""
    found: list[bytes] = []
    for pattern in patterns:
        found.extend(p.read_bytes() for p in sorted((EXAMPLES / folder).glob(pattern)))
    return found


def report_bodies() -> list[str]:
    """The text of every example report, front matter left out."""
    bodies = []
    for raw in files("reports", "*.md", "*.txt"):
        text = raw.decode("utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            text = text[end + 4 :] if end >= 0 else text
        bodies.append(text.strip())
    return bodies


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the catalog first), with its
    cross-reference table; ``trailer`` adds entries such as `` /Info 6 0 R``."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer.decode()} >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def pdf(pages: list[str | None], *, compress: bool = False, title: str = "") -> bytes:
    """A PDF with one page per item of ``pages`` (None: a page with no text)."""
    count = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(count))
        + f"] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        content = b""
        if text is not None:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            lines = [
                b"(" + line.encode("latin-1", "replace") + b") Tj T*"
                for line in escaped.splitlines()
            ]
            content = b"BT /F1 10 Tf 12 TL 40 760 Td " + b" ".join(lines) + b" ET"
        stream = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            + f"/Contents {5 + 2 * i} 0 R ".encode()
            + b"/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(
            f"<< /Length {len(stream)}".encode()
            + flate
            + b" >>\nstream\n"
            + stream
            + b"\nendstream"
        )
    info = b""
    if title:
        objects.append(
            f"<< /Title ({title}) /Author (corridor) "
            "/CreationDate (D:20161201120000Z) >>".encode("latin-1")
        )
        info = f" /Info {len(objects)} 0 R".encode()
    return pdf_file(objects, info)
