"""YAML/JSON -> :class:`~corridor.corridors.scenario.Scenario`, and back.

Every problem is one :class:`ScenarioError` naming the file and the field::

    scenarios/aleppo.yaml: corridors[2].windows[0]: 'end' must be after 'start'

The schema, with every field, is in ``docs/scenarios.md``.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from corridor.aliases import expanded_size
from corridor.corridors.scenario import (
    DEFAULT_WOUNDED_DEADLINES,
    KINDS,
    SEVERITIES,
    Corridor,
    CorridorKind,
    FoodNeed,
    Need,
    PlanError,
    Scenario,
    ScenarioError,
    Seizure,
    Stock,
    VehicleType,
    Weights,
    Window,
    WoundedNeed,
    district_needs,
)

__all__ = [
    "dump_scenario",
    "format_duration",
    "load_scenario",
    "parse_duration",
    "scenario_from_dict",
]

TOP_LEVEL = (
    "name",
    "start",
    "horizon",
    "slot",
    "weights",
    "corridors",
    "fleet",
    "districts",
    "stock",
    "area",
    "parties",
)
"""Every top-level key a scenario may have (``area`` and ``parties`` are read by
``corridor plan`` and ``corridor verify``); any other is a typo."""
MAX_BYTES = 20 * 1024 * 1024
"""Largest scenario file read (the examples are 3 KB)."""
MAX_VALUES = 1_000_000
"""Most values a scenario may hold once YAML aliases are expanded."""

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$")
_UNIT_HOURS = {"m": 1 / 60, "min": 1 / 60, "h": 1.0, "d": 24.0, "w": 168.0}


def parse_duration(value: object) -> timedelta:
    """``"30d"``, ``"48h"``, ``"90m"``, ``"1w"`` or a number of hours."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration like 3h or 30d, got {_shown(value)}")
    if isinstance(value, int | float):
        hours = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        hours = float(match.group(1)) * _UNIT_HOURS[match.group(2)]
    else:
        raise ValueError(f"expected a duration like 3h or 30d, got {_shown(value)}")
    if not math.isfinite(hours) or hours < 0:
        raise ValueError(f"expected a duration >= 0, got {_shown(value)}")
    return timedelta(hours=hours)


def format_duration(value: timedelta) -> str:
    """The shortest exact form: ``30d``, ``48h``... (inverse of parse_duration)."""
    minutes = round(value.total_seconds() / 60)
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


class _Reader:
    """Walks the parsed document, raising one-line errors with the field path."""

    def __init__(self, source: str) -> None:
        self.source = _printable(source)

    def fail(self, where: str, problem: str) -> ScenarioError:
        return ScenarioError(self.source, f"{where}: {problem}" if where else problem)

    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping, got {_kind(value)}")
        return value

    def items(self, data: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(_join(where, key), f"expected a list, got {_kind(value)}")
        return value

    def required(self, data: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in data or data[key] is None:
            raise self.fail(where, f"'{key}' is required")
        return data[key]

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = self.required(data, key, where)
        if (
            not isinstance(value, str | int)
            or isinstance(value, bool)
            or not str(value)
        ):
            raise self.fail(
                where, f"'{key}' must be a non-empty string, got {_shown(value)}"
            )
        return str(value)

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        where: str,
        default: float | None = None,
        *,
        integer: bool = False,
        most: float | None = None,
    ) -> float:
        value = data.get(key)
        if value is None:
            if default is None:
                raise self.fail(where, f"'{key}' is required")
            return default
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and integer and float(value) != int(value):
            ok = False
        if not ok or not math.isfinite(value) or value < 0:
            kind = "a whole number" if integer else "a number"
            raise self.fail(where, f"'{key}' must be {kind} >= 0, got {_shown(value)}")
        if most is not None and value > most:
            raise self.fail(
                where, f"'{key}' must be at most {most:g}, got {_shown(value)}"
            )
        return float(value)

    def count(
        self, data: Mapping[str, Any], key: str, where: str, default: int | None = None
    ) -> int:
        fallback = None if default is None else float(default)
        return int(self.number(data, key, where, fallback, integer=True))

    def when(self, data: Mapping[str, Any], key: str, where: str) -> datetime:
        return self.moment(self.required(data, key, where), _join(where, key))

    def moment(self, value: object, where: str) -> datetime:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, time())
        elif isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.fail(
                    where,
                    f"expected a date-time like 2016-12-15T06:00, got {_shown(value)}",
                ) from None
        else:
            raise self.fail(
                where,
                f"expected a date-time like 2016-12-15T06:00, got {_shown(value)}",
            )
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment

    def duration(
        self, data: Mapping[str, Any], key: str, where: str, default: timedelta
    ) -> timedelta:
        if data.get(key) is None:
            return default
        try:
            return parse_duration(data[key])
        except ValueError as error:
            raise self.fail(_join(where, key), str(error)) from None

    def flag(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                where, f"'{key}' must be true or false, got {_shown(value)}"
            )
        return value


def _shown(value: object) -> str:
    """``repr(value)`` cut short: one short line for a value of any size."""
    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxstring = short.maxother = 80
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 3
    text = short.repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def _printable(text: str) -> str:
    """``text`` on one printable line: control characters, line breaks and
    bidirectional overrides of a file name shown as escapes (``\\n``)."""
    return _UNPRINTABLE.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(),
        text,
    )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario from a ``.yaml``/``.yml`` or ``.json`` file."""
    source = _printable(str(path))
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            size = max(len(raw), Path(path).stat().st_size)
            raise ScenarioError(
                source,
                f"is {size // 1024**2} MB, over the {MAX_BYTES // 1024**2} MB a "
                "scenario file may have",
            )
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(source, f"cannot read the file: {error}") from None
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        detail = " ".join(str(error).split())
        raise ScenarioError(source, f"not valid YAML/JSON: {detail}") from None
    except RecursionError:
        raise ScenarioError(
            source, "not YAML/JSON we can read: nested too deeply"
        ) from None
    except (ValueError, TypeError, OverflowError) as error:
        # YAML's own types: a timestamp like 2016-13-01 is not a date.
        detail = " ".join(str(error).split())
        raise ScenarioError(source, f"a value YAML cannot use: {detail}") from None
    if expanded_size(data, MAX_VALUES) > MAX_VALUES:
        raise ScenarioError(
            source,
            f"holds more than {MAX_VALUES:,} values once its YAML aliases are expanded",
        )
    return scenario_from_dict(data, source)


def scenario_from_dict(data: object, source: str = "<scenario>") -> Scenario:
    """Build and validate a :class:`Scenario` from parsed YAML/JSON."""
    read = _Reader(source)
    root = read.mapping(data, "")
    for key in root:
        if key not in TOP_LEVEL:
            raise read.fail(
                "",
                f"unknown top-level key {_shown(key)} (known: {', '.join(TOP_LEVEL)})",
            )
    start = read.when(root, "start", "")
    horizon = read.duration(root, "horizon", "", timedelta(days=30))
    if horizon <= timedelta(0):
        raise read.fail("horizon", "must be longer than zero")
    slot = read.duration(root, "slot", "", timedelta(hours=1))
    if slot <= timedelta(0):
        raise read.fail("slot", "must be longer than zero")
    corridors = tuple(
        _corridor(read, item, f"corridors[{i}]")
        for i, item in enumerate(read.items(root, "corridors", ""))
    )
    if not corridors:
        raise read.fail("corridors", "at least one corridor is required")
    _unique(read, [c.id for c in corridors], "corridors")
    fleet = tuple(
        _vehicle(read, item, f"fleet[{i}]")
        for i, item in enumerate(read.items(root, "fleet", ""))
    )
    if not fleet:
        raise read.fail("fleet", "at least one vehicle type is required")
    _unique(read, [v.id for v in fleet], "fleet")
    needs = tuple(
        _need(read, item, f"districts[{i}]", start)
        for i, item in enumerate(read.items(root, "districts", ""))
    )
    _unique(read, [n.district for n in needs], "districts")
    stock = tuple(
        _stock(read, item, f"stock[{i}]")
        for i, item in enumerate(read.items(root, "stock", ""))
    )
    return Scenario(
        name=read.text(root, "name", "")
        if root.get("name") not in (None, "")
        else Path(source).stem,
        start=start,
        horizon=horizon,
        corridors=corridors,
        fleet=fleet,
        needs=needs,
        stock=stock,
        weights=_weights(read, root.get("weights")),
        slot=slot,
    )


def _unique(read: _Reader, ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise read.fail(f"{where}[{i}]", f"id {_shown(ident)} is used twice")
        seen.add(ident)


def _corridor(read: _Reader, item: object, where: str) -> Corridor:
    data = read.mapping(item, where)
    kind = data.get("kind", "both")
    if kind not in KINDS:
        raise read.fail(
            where, f"'kind' must be one of {', '.join(KINDS)}, got {_shown(kind)}"
        )
    capacity = read.count(data, "capacity", where, 0)
    windows = [
        _window(read, w, f"{where}.windows[{i}]")
        for i, w in enumerate(read.items(data, "windows", where))
    ]
    daily = data.get("daily")
    if daily is not None:
        windows.extend(_daily(read, daily, f"{where}.daily"))
    if not windows:
        raise read.fail(where, "at least one window ('windows' or 'daily') is needed")
    for i, window in enumerate(windows):
        if window.capacity is None and not capacity and not window.cancelled:
            raise read.fail(
                f"{where}.windows[{i}]",
                "'capacity' is required (here or on the corridor)",
            )
    resolved: CorridorKind = kind
    return Corridor(
        id=read.text(data, "id", where),
        origin=read.text(data, "from", where),
        destination=read.text(data, "to", where),
        kind=resolved,
        windows=tuple(sorted(windows, key=lambda w: w.start)),
        capacity=capacity,
        transit=read.duration(data, "transit", where, timedelta(hours=1)),
        risk=read.number(data, "risk", where, 0.0, most=1.0),
    )


def _window(read: _Reader, item: object, where: str) -> Window:
    data = read.mapping(item, where)
    start = read.when(data, "start", where)
    if data.get("end") is None and data.get("hours") is not None:
        end = start + read.duration(data, "hours", where, timedelta(0))
    else:
        end = read.when(data, "end", where)
    if end <= start:
        raise read.fail(where, "'end' must be after 'start'")
    capacity = data.get("capacity")
    return Window(
        start=start,
        end=end,
        capacity=None if capacity is None else read.count(data, "capacity", where),
        cancelled=read.flag(data, "cancelled", where),
        risk=None
        if data.get("risk") is None
        else read.number(data, "risk", where, most=1.0),
    )


def _daily(read: _Reader, item: object, where: str) -> list[Window]:
    """``daily: {first: 2016-12-01T10:00, days: 7, hours: 3}``: daily pauses."""
    data = read.mapping(item, where)
    first = read.when(data, "first", where)
    days = read.count(data, "days", where)
    length = read.duration(data, "hours", where, timedelta(0))
    if length <= timedelta(0) or length > timedelta(days=1):
        raise read.fail(where, "'hours' must be longer than 0 and at most 24h")
    capacity = data.get("capacity")
    cap = None if capacity is None else read.count(data, "capacity", where)
    return [
        Window(first + timedelta(days=d), first + timedelta(days=d) + length, cap)
        for d in range(days)
    ]


def _vehicle(read: _Reader, item: object, where: str) -> VehicleType:
    data = read.mapping(item, where)
    seizures = []
    for i, entry in enumerate(read.items(data, "seized", where)):
        at = f"{where}.seized[{i}]"
        seized = read.mapping(entry, at)
        seizures.append(
            Seizure(read.when(seized, "at", at), read.count(seized, "count", at))
        )
    vehicle = VehicleType(
        id=read.text(data, "id", where),
        count=read.count(data, "count", where),
        tonnes=read.number(data, "tonnes", where, 0.0),
        seats=read.count(data, "seats", where, 0),
        stretchers=read.count(data, "stretchers", where, 0),
        turnaround=read.duration(data, "turnaround", where, timedelta(0)),
        one_way=read.flag(data, "one_way", where),
        seizures=tuple(sorted(seizures, key=lambda s: s.at)),
    )
    if not (vehicle.tonnes or vehicle.seats or vehicle.stretchers):
        raise read.fail(where, "give 'tonnes', 'seats' or 'stretchers' (all are 0)")
    return vehicle


def _need(read: _Reader, item: object, where: str, start: datetime) -> Need:
    data = read.mapping(item, where)
    district = read.text(data, "id", where)
    as_of = read.when(data, "as_of", where) if data.get("as_of") else start
    wounded_data = data.get("wounded") or {}
    counts: dict[str, int] = {}
    explicit: list[WoundedNeed] = []
    if isinstance(wounded_data, Mapping):
        for severity in wounded_data:
            if severity not in SEVERITIES:
                raise read.fail(
                    f"{where}.wounded",
                    f"severity must be one of {', '.join(SEVERITIES)}, "
                    f"got {_shown(severity)}",
                )
            counts[severity] = read.count(wounded_data, severity, f"{where}.wounded")
    elif isinstance(wounded_data, list):
        for i, entry in enumerate(wounded_data):
            at = f"{where}.wounded[{i}]"
            group = read.mapping(entry, at)
            severity = group.get("severity")
            if severity not in SEVERITIES:
                raise read.fail(
                    at,
                    f"'severity' must be one of {', '.join(SEVERITIES)}, "
                    f"got {_shown(severity)}",
                )
            by = (
                read.when(group, "by", at)
                if group.get("by") is not None
                else as_of + DEFAULT_WOUNDED_DEADLINES[severity]
            )
            explicit.append(WoundedNeed(severity, read.count(group, "count", at), by))
    else:
        raise read.fail(
            f"{where}.wounded",
            f"expected a mapping of severity to count or a list, got "
            f"{_kind(wounded_data)}",
        )
    days_left = data.get("food_days_left")
    try:
        need = district_needs(
            district,
            population=read.count(data, "population", where, 0),
            as_of=as_of,
            food_days_left=None
            if days_left is None
            else read.number(data, "food_days_left", where),
            depletion=read.when(data, "depletion", where)
            if data.get("depletion") is not None
            else None,
            wounded=counts,
            leaving=read.count(data, "leaving", where, 0),
        )
    except PlanError as error:
        raise read.fail(where, str(error)) from None
    if explicit:
        need = Need(
            need.district,
            need.population,
            need.depletion,
            need.food,
            tuple(explicit),
            need.leaving,
        )
    food = data.get("food")
    if food is not None:
        items = []
        entries = food if isinstance(food, list) else [food]
        for i, entry in enumerate(entries):
            at = f"{where}.food[{i}]"
            piece = read.mapping(entry, at)
            items.append(
                FoodNeed(read.number(piece, "tonnes", at), read.when(piece, "by", at))
            )
        need = Need(
            need.district,
            need.population,
            need.depletion,
            tuple(sorted(items, key=lambda f: f.by)),
            need.wounded,
            need.leaving,
        )
    return need


def _stock(read: _Reader, item: object, where: str) -> Stock:
    data = read.mapping(item, where)
    return Stock(
        id=read.text(data, "id", where),
        tonnes=read.number(data, "tonnes", where),
        available=read.when(data, "available", where)
        if data.get("available") is not None
        else None,
    )


def _weights(read: _Reader, value: object) -> Weights:
    if value is None:
        return Weights()
    data = read.mapping(value, "weights")
    known = set(Weights.__dataclass_fields__)
    for key in data:
        if key not in known:
            raise read.fail(
                "weights",
                f"unknown weight {_shown(key)} (known: {', '.join(sorted(known))})",
            )
    defaults = Weights()
    return Weights(
        **{
            key: read.number(data, key, "weights", getattr(defaults, key))
            for key in known
        }
    )


def _time(value: datetime) -> str:
    return value.isoformat(timespec="minutes")


def dump_scenario(scenario: Scenario) -> dict[str, Any]:
    """A JSON-ready dict that :func:`scenario_from_dict` reads back unchanged."""
    return {
        "name": scenario.name,
        "start": _time(scenario.start),
        "horizon": format_duration(scenario.horizon),
        "slot": format_duration(scenario.slot),
        "weights": {
            key: getattr(scenario.weights, key) for key in Weights.__dataclass_fields__
        },
        "corridors": [
            {
                "id": c.id,
                "from": c.origin,
                "to": c.destination,
                "kind": c.kind,
                "capacity": c.capacity,
                "transit": format_duration(c.transit),
                "risk": c.risk,
                "windows": [_dump_window(w) for w in c.windows],
            }
            for c in scenario.corridors
        ],
        "fleet": [_dump_vehicle(v) for v in scenario.fleet],
        "districts": [_dump_need(n) for n in scenario.needs],
        "stock": [
            {"id": s.id, "tonnes": s.tonnes}
            | ({"available": _time(s.available)} if s.available else {})
            for s in scenario.stock
        ],
    }


def _dump_window(window: Window) -> dict[str, Any]:
    out: dict[str, Any] = {"start": _time(window.start), "end": _time(window.end)}
    if window.capacity is not None:
        out["capacity"] = window.capacity
    if window.cancelled:
        out["cancelled"] = True
    if window.risk is not None:
        out["risk"] = window.risk
    return out


def _dump_vehicle(vehicle: VehicleType) -> dict[str, Any]:
    return {
        "id": vehicle.id,
        "count": vehicle.count,
        "tonnes": vehicle.tonnes,
        "seats": vehicle.seats,
        "stretchers": vehicle.stretchers,
        "turnaround": format_duration(vehicle.turnaround),
        "one_way": vehicle.one_way,
        "seized": [{"at": _time(s.at), "count": s.count} for s in vehicle.seizures],
    }


def _dump_need(need: Need) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": need.district,
        "population": need.population,
        "leaving": need.leaving,
        "wounded": [
            {"severity": w.severity, "count": w.count, "by": _time(w.by)}
            for w in need.wounded
        ],
    }
    if need.depletion is not None:
        out["depletion"] = _time(need.depletion)
    if need.food is not None:
        out["food"] = [{"tonnes": f.tonnes, "by": _time(f.by)} for f in need.food]
    return out
