"""Situation pictures from hand-built claim sets with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.errors import NotFoundError
from corridor.situation import build
from corridor.store.engine import Store
from tests.situation.builders import Corpus, claim, event


@pytest.fixture
def corpus(store: Store, tmp_path: Path) -> Corpus:
    return Corpus(store, tmp_path)


def only(items: list, **fields: object) -> object:
    found = [i for i in items if all(getattr(i, k) == v for k, v in fields.items())]
    assert len(found) == 1, found
    return found[0]


def test_disjoint_figures_on_the_same_day_are_a_conflict(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "OCHA wire",
        "2016-11-30",
        claims=[claim("people.displaced", 31500, attribution="the UN said")],
    )
    corpus.document(
        "Levant Wire",
        "2016-11-30",
        claims=[
            claim(
                "people.displaced",
                50000,
                None,
                modality="open",
                attribution="according to the Syrian Observatory",
            )
        ],
    )
    corpus.document(
        "Meridian",
        "2016-11-30",
        claims=[claim("people.displaced", 27000, attribution="the UN envoy said")],
    )
    picture = build(store, "East Aleppo")
    (estimate,) = picture.estimates
    assert (estimate.low, estimate.high) == (27000, None)
    assert estimate.source_count == 3
    assert estimate.central == 31500  # median of 27,000, 31,500 and 50,000
    (conflict,) = picture.conflicts
    assert conflict.subject == "people.displaced"
    assert [s["low"] for s in conflict.sides] == [27000, 31500, 50000]
    assert {s["source"] for s in conflict.sides} == {
        "UN",
        "UN envoy",
        "Syrian Observatory for Human Rights",
    }


def test_overlapping_and_hedged_figures_are_not_a_conflict(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "Reuters-like",
        "2016-07-20",
        claims=[claim("people.trapped", 250000, 300000, modality="estimated")],
    )
    corpus.document("UN desk", "2016-07-21", claims=[claim("people.trapped", 275000)])
    corpus.document(
        "Other desk",
        "2016-07-21",
        claims=[
            claim("people.displaced", 30000, modality="estimated"),
            claim("people.trapped", 285000, modality="estimated"),
        ],
    )
    corpus.document(
        "Third desk", "2016-07-21", claims=[claim("people.displaced", 31500)]
    )
    assert build(store).conflicts == []


def test_figures_months_apart_are_a_series_not_a_conflict(
    corpus: Corpus, store: Store
) -> None:
    corpus.document("A", "2016-08-01", claims=[claim("people.trapped", 300000)])
    corpus.document("B", "2016-12-01", claims=[claim("people.trapped", 100000)])
    picture = build(store)
    assert [(e.start, e.central) for e in picture.estimates] == [
        (dt.date(2016, 8, 1), 300000),
        (dt.date(2016, 12, 1), 100000),
    ]
    assert picture.conflicts == []


def test_running_totals_growing_over_days_are_not_a_conflict(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "ICRC desk",
        "2016-12-16",
        claims=[claim("people.evacuated", 10000, as_of="2016-12-15")],
    )
    corpus.document("UN desk", "2016-12-19", claims=[claim("people.evacuated", 15000)])
    corpus.document("Wire", "2016-12-22", claims=[claim("people.evacuated", 35000)])
    picture = build(store)
    (estimate,) = picture.estimates
    assert (estimate.low, estimate.high, estimate.newest) == (
        10000,
        35000,
        dt.date(2016, 12, 22),
    )
    assert picture.conflicts == []


def test_repeated_attribution_counts_its_originator_once(
    corpus: Corpus, store: Store
) -> None:
    for paper in ("Paper one", "Paper two", "Paper three"):
        corpus.document(
            paper,
            "2016-11-20",
            claims=[claim("people.trapped", 275000, attribution="UN agencies say")],
        )
    corpus.document("Paper one", "2016-11-21", claims=[claim("people.trapped", 270000)])
    corpus.document("Paper one", "2016-11-21", claims=[claim("people.trapped", 271000)])
    (estimate,) = build(store).estimates
    assert estimate.sources == ["Paper one", "UN"]
    assert len(estimate.evidence) == 5


def test_witnesses_count_once_each(corpus: Corpus, store: Store) -> None:
    corpus.document(
        None, "2016-12-01", kind="witness", claims=[claim("health.hospitals", 0)]
    )
    corpus.document(
        None, "2016-12-01", kind="witness", claims=[claim("health.hospitals", 0)]
    )
    (estimate,) = build(store).estimates
    assert estimate.source_count == 2  # unsigned and without a name: two reports
    assert estimate.sources == ["witness report", "witness report"]


def test_as_of_shows_only_what_was_published_by_then(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "Early",
        "2016-07-21",
        claims=[claim("food.stock_duration", 30, as_of="2016-07-21")],
    )
    corpus.document(
        "Late",
        "2016-11-20",
        claims=[claim("food.stock_duration", 5), claim("health.hospitals", 0)],
    )
    then = build(store, "east aleppo", as_of=dt.date(2016, 8, 1))
    assert [(e.indicator, e.central) for e in then.estimates] == [
        ("food.stock_duration", 30)
    ]
    assert then.documents == 1
    assert len(build(store).estimates) == 3


def test_projected_and_negated_figures_are_set_aside(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "A",
        "2016-11-20",
        claims=[
            claim("people.killed", 1000, modality="projected"),
            claim("access.corridors", 3, modality="negated"),
            claim("people.killed", 30),
        ],
    )
    picture = build(store)
    assert [(e.indicator, e.central) for e in picture.estimates] == [
        ("people.killed", 30)
    ]
    assert picture.set_aside == 2


def test_rollup_sums_the_parts_and_says_what_it_summed(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "A",
        "2016-12-01",
        claims=[
            claim("people.killed", 100, area="East Aleppo"),
            claim("people.killed", 20, 30, area="West Aleppo"),
        ],
    )
    corpus.document(
        "B", "2016-12-02", claims=[claim("people.killed", 500, area="Aleppo")]
    )
    picture = build(store, "Aleppo")
    aleppo = only(picture.rollups, area="Aleppo", indicator="people.killed")
    assert (aleppo.low, aleppo.high, aleppo.central) == (120, 130, 125)
    assert aleppo.parts == [
        "East Aleppo (2016-12-01 to 2016-12-01)",
        "West Aleppo (2016-12-01 to 2016-12-01)",
    ]
    # Syria sums Aleppo's own figure, not Aleppo's parts again.
    syria = only(build(store).rollups, area="Syria", indicator="people.killed")
    assert syria.central == 500
    assert syria.parts == ["Aleppo (2016-12-02 to 2016-12-02)"]


def test_rollup_leaves_out_parts_from_another_time(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "A", "2016-07-01", claims=[claim("people.killed", 30, area="West Aleppo")]
    )
    corpus.document(
        "B", "2016-12-01", claims=[claim("people.killed", 100, area="East Aleppo")]
    )
    aleppo = only(build(store).rollups, area="Aleppo")
    assert aleppo.central == 100 and len(aleppo.parts) == 1


def test_contradicting_corridor_events_are_listed_side_by_side(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "Moscow wire",
        "2016-08-01",
        events=[
            event("corridor.announced", on="2016-07-28"),
            event("corridor.opened", on="2016-08-01"),
        ],
    )
    corpus.document(
        "Levant Wire",
        "2016-08-04",
        events=[event("corridor.not_materialised", on="2016-08-04")],
    )
    picture = build(store)
    (conflict,) = picture.conflicts
    assert conflict.kind == "events"
    assert [s["event"] for s in conflict.sides] == [
        "corridor.opened",
        "corridor.not_materialised",
    ]
    assert {s["source"] for s in conflict.sides} == {"Moscow wire", "Levant Wire"}
    (history,) = picture.corridors
    assert history.status == "corridor.not_materialised"
    assert history.since == dt.date(2016, 8, 4)
    assert history.disputed
    assert [h["event"] for h in history.entries] == [
        "corridor.announced",
        "corridor.opened",
        "corridor.not_materialised",
    ]


def test_one_source_telling_a_story_is_not_a_conflict(
    corpus: Corpus, store: Store
) -> None:
    corpus.document(
        "Wire",
        "2016-12-20",
        events=[
            event("convoy.blocked", on="2016-12-16"),
            event("convoy.entered", on="2016-12-19"),
        ],
    )
    assert build(store).conflicts == []


def test_unknown_area_is_named_with_the_known_ones(
    corpus: Corpus, store: Store
) -> None:
    corpus.document("A", "2016-12-01", claims=[claim("people.killed", 3)])
    with pytest.raises(
        NotFoundError,
        match=r"no claims or events about 'Homs'.*areas known: East Aleppo",
    ):
        build(store, "Homs")


def test_attributions_that_name_nobody_count_for_the_publisher() -> None:
    from corridor.situation.sources import originator, source_of

    assert originator("Where the government") is None
    assert originator("Has") is None
    assert originator("Syrian state television broadcast footage of what it said") is (
        None
    )
    assert originator("according to the Syrian\nObservatory") == (
        "Syrian Observatory for Human Rights"
    )
    assert originator("aid workers") == "Aid workers"
    assert source_of("He", "Levant Wire", "news", "d1") == (
        "pub:levant wire",
        "Levant Wire",
    )


def test_an_analysts_correction_changes_the_estimate_not_the_claim(
    corpus: Corpus, store: Store
) -> None:
    from corridor.store import chain, evidence
    from corridor.web.actions import correct_claim

    corpus.document("Wire", "2016-11-20", claims=[claim("people.trapped", 2750000)])
    with store.read() as conn:
        (stored,) = evidence.claims(conn)
    correct_claim(
        store,
        stored["id"],
        {"low": 275000, "high": 275000},
        "a zero too many in the wire copy",
        "analyst amal",
    )
    (estimate,) = build(store).estimates
    assert estimate.central == 275000
    with store.read() as conn:
        (original,) = evidence.claims(conn)
        assert original["low"] == 2750000  # the stored claim is untouched
        assert chain.verify(conn).ok
    correct_claim(
        store,
        stored["id"],
        {"indicator": "people.displaced"},
        "these people left",
        "analyst amal",
    )
    assert [e.indicator for e in build(store).estimates] == ["people.displaced"]
