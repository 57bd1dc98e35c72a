"""Tiny scenarios whose optimum can be worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

from corridor.corridors import (
    Corridor,
    CorridorKind,
    FleetLedger,
    FoodNeed,
    Need,
    Plan,
    Scenario,
    Stock,
    Timeline,
    VehicleType,
    Window,
    WoundedNeed,
)

T0 = datetime(2016, 12, 1, 6, 0)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def corridor(
    ident: str = "c1",
    *,
    kind: CorridorKind = "both",
    windows: list[tuple[float, float, int]] | None = None,
    transit: float = 1.0,
    risk: float = 0.0,
) -> Corridor:
    spans = windows if windows is not None else [(0, 1, 1)]
    return Corridor(
        id=ident,
        origin="outside",
        destination="inside",
        kind=kind,
        windows=tuple(Window(at(a), at(b), cap) for a, b, cap in spans),
        capacity=0,
        transit=timedelta(hours=transit),
        risk=risk,
    )


def truck(count: int = 1, turnaround: float = 0.0) -> VehicleType:
    return VehicleType(
        "truck", count, tonnes=10, turnaround=timedelta(hours=turnaround)
    )


def ambulance(count: int = 1, turnaround: float = 0.0) -> VehicleType:
    return VehicleType(
        "ambulance", count, stretchers=2, turnaround=timedelta(hours=turnaround)
    )


def bus(count: int = 1, turnaround: float = 0.0) -> VehicleType:
    return VehicleType("bus", count, seats=50, turnaround=timedelta(hours=turnaround))


def need(
    district: str = "d1",
    *,
    food: list[tuple[float, float]] | None = None,
    wounded: list[tuple[str, int, float]] | None = None,
    leaving: int = 0,
) -> Need:
    return Need(
        district=district,
        food=tuple(FoodNeed(t, at(by)) for t, by in (food or [])),
        wounded=tuple(WoundedNeed(s, n, at(by)) for s, n, by in (wounded or [])),
        leaving=leaving,
    )


def scenario(
    corridors: list[Corridor],
    fleet: list[VehicleType],
    needs: list[Need],
    *,
    horizon: float = 72.0,
    stock: list[tuple[float, float | None]] | None = None,
) -> Scenario:
    return Scenario(
        name="tiny",
        start=T0,
        horizon=timedelta(hours=horizon),
        corridors=tuple(corridors),
        fleet=tuple(fleet),
        needs=tuple(needs),
        stock=tuple(
            Stock(f"s{i}", t, None if a is None else at(a))
            for i, (t, a) in enumerate(stock or [])
        ),
    )


def violations(line: Timeline, plan: Plan) -> list[str]:
    """Book the plan's trips on a fresh ledger: what it breaks, if anything."""
    ledger = FleetLedger(line)
    for trip in plan.trips:
        ledger.book(trip.vehicle, line.slots[trip.slot], trip.count)
    return ledger.violations()
