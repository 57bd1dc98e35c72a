"""The food-depletion projection, pinned against values worked out by hand.

The hand-worked cases use point values, so every draw is the same and the
answer is exact. The scenario is east Aleppo, July 2016: UN food "for 145,000
people for one month" (30 days) said on 2016-07-21, 275,000 people inside.

    food on hand    = 30 days x 145,000 people x 0.52 kg = 2,262 t
    daily need      = 275,000 people x 0.52 kg           = 143 t a day
    food lasts      = 2,262 / 143 = 4,350,000 / 275,000  = 15.818... days

Day rule: the depletion date is the calendar day during which the stock
reaches zero, stock date + floor(days): 2016-07-21 + 15 = 2016-08-05.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.errors import CorridorError
from corridor.situation.projection import (
    Delivery,
    Projection,
    ProjectionError,
    ProjectionInputs,
    Range,
    StockFigure,
    project,
)

STOCK_DATE = date(2016, 7, 21)
LASTS = 4_350_000 / 275_000  # 15.818... days
DAILY_TONNES = 143.0  # 275,000 x 0.52 kg
CONVOY_DAYS = 440 / DAILY_TONNES  # 44 trucks x 10 t = 440 t -> 3.0769... days


def point(value: float) -> Range:
    return Range(value, value)


def aleppo(
    *,
    population: Range | None = None,
    days: Range | None = None,
    people: Range | None = None,
    deliveries: tuple[Delivery, ...] = (),
    as_of: date = STOCK_DATE,
    **extra: Range,
) -> ProjectionInputs:
    stock = StockFigure(
        STOCK_DATE, days or point(30), people if people is not None else point(145_000)
    )
    return ProjectionInputs(
        area="east Aleppo",
        as_of=as_of,
        population=population or point(275_000),
        stocks=[stock],
        deliveries=deliveries,
        **extra,
    )


def test_project_point_values_run_out_on_the_hand_worked_day() -> None:
    result = project(aleppo(), draws=1_000, seed=7)

    assert result.daily_need_tonnes == pytest.approx(DAILY_TONNES)
    for left in (result.days_left_p10, result.days_left_p50, result.days_left_p90):
        assert left == pytest.approx(LASTS)  # 15.818 days
    assert result.p10 == result.p50 == result.p90 == date(2016, 8, 5)
    assert result.probability_out_by_as_of == 0.0


def test_project_convoy_pushes_depletion_back_by_its_tonnes_over_daily_need() -> None:
    # 44 trucks x 10 t on day 4 (2016-07-25): 2,262 - 4 x 143 = 1,690 t left,
    # plus 440 t = 2,130 t, lasting 14.895 days: day 18.895 in all, 3.077
    # days (440 / 143) later than without it; 2016-07-21 + 18 = 2016-08-08.
    convoy = Delivery(date(2016, 7, 25), trucks=point(44))
    result = project(aleppo(deliveries=(convoy,)), draws=1_000)

    assert result.days_left_p50 == pytest.approx(LASTS + CONVOY_DAYS)
    assert result.days_left_p50 - LASTS == pytest.approx(3.0769, abs=1e-4)
    assert result.p50 == date(2016, 8, 8)


def test_project_convoy_uses_stated_truck_load() -> None:
    # 44 trucks x 15 t = 660 t = 4.615 days of 143 t: day 20.434, 2016-08-10.
    convoy = Delivery(date(2016, 7, 25), trucks=point(44), tonnes_per_truck=15)
    result = project(aleppo(deliveries=(convoy,)), draws=1_000)

    assert result.days_left_p50 == pytest.approx(LASTS + 660 / DAILY_TONNES)
    assert result.p50 == date(2016, 8, 10)


def test_project_delivery_after_runout_restarts_from_what_it_brings() -> None:
    # Food runs out on day 15.818; 440 t arrive on day 20 (2016-08-10) into an
    # empty store and last 3.077 days: out again on day 23.077, 2016-08-13.
    late = Delivery(date(2016, 8, 10), tonnes=point(440))
    result = project(aleppo(deliveries=(late,), as_of=date(2016, 8, 10)), draws=100)

    assert result.days_left_p50 == pytest.approx(CONVOY_DAYS)
    assert result.p50 == date(2016, 8, 13)
    assert result.probability_out_by_as_of == 0.0


def test_project_planned_delivery_after_a_gap_leaves_area_out_now() -> None:
    # On 2016-08-08 the food ran out 2.18 days ago (day 15.818, 2016-08-05);
    # the 440 t planned for 2016-08-10 do not change that.
    late = Delivery(date(2016, 8, 10), tonnes=point(440))
    result = project(aleppo(deliveries=(late,), as_of=date(2016, 8, 8)), draws=100)

    assert result.days_left_p50 == 0.0
    assert result.p50 == date(2016, 8, 5)
    assert result.probability_out_by_as_of == 1.0


def test_project_ignores_deliveries_dated_on_or_before_the_stock_figure() -> None:
    counted = Delivery(STOCK_DATE, trucks=point(44))
    result = project(aleppo(deliveries=(counted,)), draws=100)

    assert result.days_left_p50 == pytest.approx(LASTS)
    assert any("ignored" in line for line in result.assumptions)


def test_project_already_out_reports_zero_days_left() -> None:
    result = project(aleppo(as_of=date(2016, 11, 20)), draws=1_000)

    assert result.days_left_p10 == result.days_left_p50 == result.days_left_p90 == 0
    assert result.probability_out_by_as_of == 1.0
    assert result.p50 == date(2016, 8, 5)  # when it ran out, in the past
    assert result.days == [0]
    assert result.fraction_out == [1.0]


def test_project_counts_days_left_from_as_of_not_from_the_stock_date() -> None:
    # Ten days after the stock figure, 5.818 days are left; same date.
    result = project(aleppo(as_of=STOCK_DATE + timedelta(days=10)), draws=100)

    assert result.days_left_p50 == pytest.approx(LASTS - 10)
    assert result.p50 == date(2016, 8, 5)


def test_project_wider_ranges_widen_p10_to_p90() -> None:
    narrow = project(aleppo(population=Range(260_000, 290_000)), seed=1)
    wide = project(aleppo(population=Range(200_000, 350_000)), seed=1)

    def spread(p: Projection) -> float:
        return p.days_left_p90 - p.days_left_p10

    assert 0 < spread(narrow) < spread(wide)
    assert wide.p10 <= narrow.p10 <= narrow.p90 <= wide.p90


def test_project_open_ended_population_draws_up_to_one_and_a_half_times() -> None:
    # "more than 275,000": population uniform in [275,000, 412,500]; food
    # lasts 4,350,000 / population. Fewer people last longer, so the P10 of
    # days left is the P90 of population: 275,000 + 0.9 x 137,500 = 398,750
    # -> 10.909 days; P50 343,750 -> 12.655; P90 288,750 -> 15.065.
    result = project(aleppo(population=Range(275_000, None)))

    assert result.days_left_p10 == pytest.approx(4_350_000 / 398_750, rel=2e-3)
    assert result.days_left_p50 == pytest.approx(4_350_000 / 343_750, rel=2e-3)
    assert result.days_left_p90 == pytest.approx(4_350_000 / 288_750, rel=2e-3)
    # Every draw lies in [10.545, 15.818] days: none out by day 10, all by 16.
    assert result.days == list(range(17))
    assert result.fraction_out[10] == 0.0
    assert result.fraction_out[16] == 1.0


def test_range_with_only_a_high_draws_from_half_of_it() -> None:
    # "up to 300,000": population uniform in [150,000, 300,000]; median
    # 225,000 -> 4,350,000 / 225,000 = 19.333 days.
    assert Range(None, 300_000).bounds() == (150_000, 300_000)
    result = project(aleppo(population=Range(None, 300_000)))

    assert result.days_left_p50 == pytest.approx(4_350_000 / 225_000, rel=2e-3)


def test_stock_for_the_whole_population_lasts_its_stated_days() -> None:
    # No `people` on the stock figure: it covers whoever is there, so 30 days
    # whatever the population draw.
    inputs = ProjectionInputs(
        area="Madaya",
        as_of=date(2016, 1, 14),
        population=Range(20_000, 42_000),
        stocks=[StockFigure(date(2016, 1, 14), point(30))],
    )
    result = project(inputs, draws=1_000)

    assert result.days_left_p10 == pytest.approx(30)
    assert result.days_left_p90 == pytest.approx(30)
    assert result.p50 == date(2016, 2, 13)


def test_project_uses_latest_stock_figure_on_or_before_as_of() -> None:
    stocks = [
        StockFigure(date(2016, 7, 1), point(90), point(275_000)),
        StockFigure(STOCK_DATE, point(30), point(145_000)),
        StockFigure(date(2016, 12, 1), point(5), point(275_000)),  # after as_of
    ]
    inputs = ProjectionInputs("east Aleppo", STOCK_DATE, point(275_000), stocks)
    result = project(inputs, draws=100)

    assert result.stock_as_of == STOCK_DATE
    assert result.days_left_p50 == pytest.approx(LASTS)
    assert any("earlier figure" in line for line in result.assumptions)


def test_project_without_stock_figure_raises_projection_error() -> None:
    inputs = ProjectionInputs("east Aleppo", STOCK_DATE, point(275_000), stocks=[])

    with pytest.raises(ProjectionError, match="east Aleppo: expected a food stock"):
        project(inputs)
    assert issubclass(ProjectionError, CorridorError)


def test_project_with_only_later_stock_figures_names_their_dates() -> None:
    later = StockFigure(date(2016, 12, 1), point(5))
    inputs = ProjectionInputs("east Aleppo", STOCK_DATE, point(275_000), [later])

    with pytest.raises(ProjectionError, match="only figures dated 2016-12-01"):
        project(inputs)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Range(300, 200), "low must not exceed high"),
        (lambda: Range(None, None), "expected a low or a high"),
        (lambda: Range(-1, 5), "finite number >= 0"),
        (lambda: Delivery(STOCK_DATE), "either tonnes or trucks, got neither"),
        (
            lambda: Delivery(STOCK_DATE, tonnes=point(1), trucks=point(1)),
            "got both",
        ),
        (
            lambda: Delivery(STOCK_DATE, trucks=point(1), tonnes_per_truck=20),
            "at most 15",
        ),
    ],
)
def test_invalid_inputs_raise_projection_error(make, message) -> None:
    with pytest.raises(ProjectionError, match=message):
        make()


def test_project_rejects_a_population_that_could_be_zero() -> None:
    with pytest.raises(ProjectionError, match="population must be above 0"):
        project(aleppo(population=Range(0, 100)))


def test_project_is_deterministic_for_a_seed() -> None:
    inputs = aleppo(
        population=Range(250_000, 300_000),
        days=Range(25, 35),
        deliveries=(Delivery(date(2016, 7, 25), trucks=Range(30, 44)),),
    )
    first, again = project(inputs, seed=42), project(inputs, seed=42)
    other = project(inputs, seed=43)

    assert first == again
    assert first.fraction_out == again.fraction_out
    assert other.days_left_p50 != first.days_left_p50


def test_medical_evacuation_is_urgent_when_no_hospital_functions() -> None:
    result = project(aleppo(wounded=point(400), hospitals=point(0)), draws=100)

    need = result.medical_evacuation
    assert need is not None
    assert (need.p10, need.p50, need.p90, need.urgent) == (400, 400, 400, True)
    assert any("all are urgent" in line for line in result.assumptions)


def test_medical_evacuation_not_urgent_with_hospitals_or_without_figures() -> None:
    # Wounded 300-500, uniform: P10 320, P50 400, P90 480.
    with_hospitals = project(aleppo(wounded=Range(300, 500), hospitals=Range(1, 2)))
    unknown = project(aleppo(wounded=point(400)), draws=100)

    need = with_hospitals.medical_evacuation
    assert need is not None and not need.urgent
    assert need.p10 == pytest.approx(320, abs=3)
    assert need.p50 == pytest.approx(400, abs=3)
    assert need.p90 == pytest.approx(480, abs=3)
    assert unknown.medical_evacuation is not None
    assert not unknown.medical_evacuation.urgent


def test_project_without_wounded_has_no_medical_need() -> None:
    assert project(aleppo(), draws=10).medical_evacuation is None


def test_projection_as_dict_is_json_ready() -> None:
    result = project(aleppo(wounded=point(400), hospitals=point(0)), draws=100)
    data = json.loads(json.dumps(result.as_dict()))

    assert data["p50"] == "2016-08-05"
    assert data["medical_evacuation"]["urgent"] is True
    assert data["medical_evacuation"]["hospitals"] == {
        "low": 0,
        "high": 0,
        "source": "",
    }


def test_assumptions_state_every_constant_and_sampling_rule() -> None:
    text = " ".join(project(aleppo(), draws=10).assumptions)

    for needle in ("2,100 kcal", "0.52 kg", "10 t", "[X, 1.5 X]", "[0.5 X, X]"):
        assert needle in text


# Property: for any valid ranges the percentiles are ordered, days left are
# never negative and the curve rises from the share out now to at most 1.


@st.composite
def ranges(draw: st.DrawFn, low_min: float = 0, top: float = 1e6) -> Range:
    a = draw(st.floats(min_value=low_min, max_value=top))
    b = draw(st.floats(min_value=low_min, max_value=top))
    low, high = min(a, b), max(a, b)
    shape = draw(st.sampled_from(["point", "closed", "open", "only_high"]))
    if shape == "point":
        return Range(low, low)
    if shape == "open":
        return Range(low, None)
    if shape == "only_high":
        return Range(None, high)
    return Range(low, high)


@st.composite
def deliveries(draw: st.DrawFn) -> Delivery:
    on = STOCK_DATE + timedelta(days=draw(st.integers(-10, 200)))
    if draw(st.booleans()):
        return Delivery(on, tonnes=draw(ranges(top=5_000)))
    load = draw(st.floats(min_value=0.5, max_value=15))
    return Delivery(on, trucks=draw(ranges(top=100)), tonnes_per_truck=load)


@settings(max_examples=150, deadline=None)
@given(
    population=ranges(low_min=1_000),
    days=ranges(top=400),
    people=st.none() | ranges(),
    delivered=st.lists(deliveries(), max_size=4),
    as_of_offset=st.integers(0, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_project_percentiles_are_ordered_for_any_valid_ranges(
    population: Range,
    days: Range,
    people: Range | None,
    delivered: list[Delivery],
    as_of_offset: int,
    seed: int,
) -> None:
    inputs = ProjectionInputs(
        area="anywhere",
        as_of=STOCK_DATE + timedelta(days=as_of_offset),
        population=population,
        stocks=[StockFigure(STOCK_DATE, days, people)],
        deliveries=delivered,
    )
    result = project(inputs, draws=300, seed=seed)

    assert result.p10 <= result.p50 <= result.p90
    assert 0 <= result.days_left_p10 <= result.days_left_p50 <= result.days_left_p90
    assert 0 <= result.probability_out_by_as_of <= 1
    assert result.fraction_out[0] == result.probability_out_by_as_of
    assert all(a <= b for a, b in pairwise(result.fraction_out))
    assert result.fraction_out[-1] <= 1
