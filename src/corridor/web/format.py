"""How figures read on a page: ``250,000-300,000``, ``more than 50,000``."""

from __future__ import annotations

INDICATOR_LABELS = {
    "people.trapped": "People trapped",
    "people.killed": "People killed",
    "people.injured": "People injured",
    "people.displaced": "People displaced",
    "people.evacuated": "People evacuated",
    "people.in_need": "People in need",
    "people.detained": "People detained or missing",
    "food.stock_duration": "Food stocks last",
    "aid.delivered": "Aid delivered",
    "access.days_without_aid": "Days without aid",
    "access.corridors": "Corridors",
    "access.convoys": "Convoys",
    "health.hospitals": "Hospitals functioning",
    "health.doctors": "Doctors present",
    "territory.control_share": "Share of territory held",
    "forces.troops": "Troops",
    "attacks.count": "Attacks",
    "conflict.duration": "Conflict duration",
}


def number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def figure(low: float | None, high: float | None, unit: str = "") -> str:
    """A range as a reader says it."""
    if low is None and high is None:
        text = "unknown"
    elif high is None:
        text = f"more than {number(low)}"
    elif low is None:
        text = f"up to {number(high)}"
    elif low == high:
        text = number(low)
    else:
        text = f"{number(low)}–{number(high)}"
    if unit == "percent":
        return text + "%"
    return f"{text} {unit}".strip()


def short(value: str | None, width: int = 12) -> str:
    return "" if value is None else value[:width]


def label(indicator: str) -> str:
    return INDICATOR_LABELS.get(indicator, indicator)
