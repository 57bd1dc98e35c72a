"""Extraction: documents -> claims and events.

    >>> from corridor.extract import Extractor
    >>> ex = Extractor()
    >>> items = ex.extract(text, published=date(2016, 11, 30), area="East Aleppo")

Each item is a :class:`Claim` (an indicator's figure) or an :class:`Event`,
with character offsets into ``text`` and the quote they come from.
"""

from corridor.extract.pipeline import Extractor
from corridor.extract.records import EVENT_TYPES, INDICATORS, MODALITIES, Claim, Event

__all__ = ["EVENT_TYPES", "INDICATORS", "MODALITIES", "Claim", "Event", "Extractor"]
