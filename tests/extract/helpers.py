"""What the rule tests compare: claims as (indicator, low, high), event types."""

from __future__ import annotations

from corridor.extract import Claim, Event, Extractor


def claims(extractor: Extractor, text: str, **kw) -> list[tuple]:
    """(indicator, low, high) of each claim, in text order."""
    return [
        (c.indicator, c.low, c.high)
        for c in extractor.extract(text, **kw)
        if isinstance(c, Claim)
    ]


def events(extractor: Extractor, text: str) -> list[str]:
    """The event types found, sorted."""
    return sorted(i.event for i in extractor.extract(text) if isinstance(i, Event))
