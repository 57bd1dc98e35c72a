"""From claims to projection inputs: what the store says about food and people.

For an area (and the places inside it), as known on a date:

* population: the latest window of ``people.trapped`` figures (its envelope);
* stock figures: every ``food.stock_duration`` figure, stated or projected
  ("food would last one month" is a projection by nature), combined per date;
* deliveries: ``aid.delivered`` figures in tonnes, on their dates;
* wounded and hospitals: the latest windows of ``people.injured`` and
  ``health.hospitals``.

Negated and hypothetical figures are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from corridor.errors import NotFoundError
from corridor.situation.estimates import DEFAULT_WINDOW_DAYS, Evidence, windows
from corridor.situation.picture import (
    canonical_area,
    claim_evidence,
    contains,
    latest_publication,
    require_area,
)
from corridor.situation.projection import Delivery, ProjectionInputs, Range, StockFigure
from corridor.store.engine import Store

USABLE = frozenset({"asserted", "estimated", "reported", "projected"})


def projection_inputs(
    store: Store, area: str, as_of: dt.date | None = None
) -> ProjectionInputs:
    """Inputs for :func:`corridor.situation.projection.project` from the store.

    ``as_of`` defaults to the newest publication date in the store (never to
    today: the reports are the clock).
    """
    wanted = canonical_area(area)
    assert wanted is not None
    when = as_of or latest_publication(store)
    if when is None:
        raise NotFoundError(
            "the store holds no dated document yet; ingest reports first"
        )
    rows = claim_evidence(store, when)
    require_area(area, wanted, {r[0] for r in rows}, when)
    by_indicator: dict[str, list[Evidence]] = defaultdict(list)
    for claim_area, indicator, _unit, item, modality in rows:
        if modality in USABLE and contains(wanted, claim_area):
            by_indicator[indicator].append(item)
    population = _latest_range(by_indicator["people.trapped"])
    if population is None:
        raise NotFoundError(
            f"no figure of people trapped in {wanted} by {when}: the "
            "projection needs a population"
        )
    stocks = _stocks(by_indicator["food.stock_duration"])
    if not stocks:
        raise NotFoundError(
            f"no figure of how long food lasts in {wanted} by {when} "
            "(food.stock_duration): nothing to project from"
        )
    deliveries = [
        Delivery(on=e.on, tonnes=_range([e]))
        for e in by_indicator["aid.delivered"]
        if e.on is not None
    ]
    return ProjectionInputs(
        area=wanted,
        as_of=when,
        population=population,
        stocks=stocks,
        deliveries=deliveries,
        wounded=_latest_range(by_indicator["people.injured"]),
        hospitals=_latest_range(by_indicator["health.hospitals"]),
    )


def _range(items: Sequence[Evidence]) -> Range:
    lows = [e.low for e in items if e.low is not None]
    highs = [e.high for e in items if e.high is not None]
    open_ended = any(e.high is None for e in items)
    return Range(
        low=min(lows) if lows else None,
        high=None if open_ended and lows else (max(highs) if highs else None),
        source=", ".join(e.claim_id[:12] for e in items),
    )


def _latest_range(items: Sequence[Evidence]) -> Range | None:
    dated = [e for e in items if e.on is not None]
    if not dated:
        return None
    return _range(windows(dated, DEFAULT_WINDOW_DAYS)[-1])


def _stocks(items: Sequence[Evidence]) -> list[StockFigure]:
    by_date: dict[dt.date, list[Evidence]] = defaultdict(list)
    for item in items:
        if item.on is not None:
            by_date[item.on].append(item)
    return [
        StockFigure(as_of=day, days=_range(group))
        for day, group in sorted(by_date.items())
    ]
