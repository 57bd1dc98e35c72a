"""The extractor: ``Extractor.extract`` never raises, offsets lie in the text."""

from __future__ import annotations

import datetime as dt
import functools

from corridor.extract import Claim, Event, Extractor
from fuzz.seeds import report_bodies


@functools.cache
def extractor() -> Extractor:
    return Extractor()


def seeds() -> list[bytes]:
    return [body.encode() for body in report_bodies()]


def warm_up() -> None:
    extractor().extract("More than 50,000 people fled east Aleppo.")


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    published = dt.date(2016, 12, 1) if len(data) % 2 else None
    for item in extractor().extract(text, published=published):
        assert isinstance(item, Claim | Event)
        assert 0 <= item.start <= item.end <= len(text), (item.start, item.end)
        assert item.quote == text[item.start : item.end]
