"""Scenario files: YAML and JSON in, one-line errors naming file and field."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from corridor.corridors import (
    ScenarioError,
    dump_scenario,
    load_scenario,
    parse_duration,
    scenario_from_dict,
)
from corridor.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "scenarios"


def minimal() -> dict[str, Any]:
    return {
        "name": "mini",
        "start": "2016-12-01T00:00",
        "horizon": "7d",
        "corridors": [
            {
                "id": "c1",
                "from": "west",
                "to": "east",
                "kind": "both",
                "capacity": 10,
                "transit": "1h",
                "risk": 0.2,
                "windows": [{"start": "2016-12-01T10:00", "end": "2016-12-01T13:00"}],
            }
        ],
        "fleet": [{"id": "truck", "count": 5, "tonnes": 10, "turnaround": "6h"}],
        "districts": [
            {
                "id": "d1",
                "population": 10000,
                "food_days_left": 2,
                "wounded": {"critical": 3},
                "leaving": 100,
            }
        ],
        "stock": [{"id": "w", "tonnes": 100}],
    }


def write(tmp_path: Path, data: object, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump(data) if name.endswith(".yaml") else json.dumps(data)
    )
    return path


def error_for(tmp_path: Path, data: object) -> str:
    path = write(tmp_path, data)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: ") :]


def test_load_scenario_reads_yaml_and_json_alike(tmp_path: Path) -> None:
    from_yaml = load_scenario(write(tmp_path, minimal(), "s.yaml"))
    from_json = load_scenario(write(tmp_path, minimal(), "s.json"))
    assert from_yaml == from_json
    corridor = from_yaml.corridors[0]
    assert corridor.origin == "west"
    assert corridor.transit == timedelta(hours=1)
    assert corridor.windows[0].hours == 3
    assert from_yaml.horizon == timedelta(days=7)
    assert from_yaml.fleet[0].turnaround == timedelta(hours=6)


def test_dump_scenario_round_trips(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLES / "aleppo-four-corridors-2016-12-01.yaml")
    again = scenario_from_dict(json.loads(json.dumps(dump_scenario(scenario))))
    assert again == scenario


def test_district_numbers_become_daily_rations_from_depletion(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, minimal()))
    need = scenario.needs[0]
    assert need.depletion == datetime(2016, 12, 3)
    items = need.food_items(scenario.end)
    # 3, 4, 5, 6, 7 and 8 December (the horizon ends 8 December 00:00)
    assert [f.by.day for f in items] == [3, 4, 5, 6, 7, 8]
    assert items[0].tonnes == pytest.approx(10000 * 0.52 / 1000)
    assert need.wounded[0].by == datetime(2016, 12, 2)  # critical: 24 h


def test_daily_pauses_expand_to_one_window_a_day(tmp_path: Path) -> None:
    data = minimal()
    data["corridors"][0]["windows"] = []
    data["corridors"][0]["daily"] = {
        "first": "2016-12-01T10:00",
        "days": 3,
        "hours": "3h",
    }
    windows = load_scenario(write(tmp_path, data)).corridors[0].windows
    assert [(w.start.day, w.start.hour, w.hours) for w in windows] == [
        (1, 10, 3),
        (2, 10, 3),
        (3, 10, 3),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["corridors"][0]["windows"][0].update(end="2016-12-01T09:00"),
            "corridors[0].windows[0]: 'end' must be after 'start'",
        ),
        (
            lambda d: d["corridors"][0].update(kind="sideways"),
            "corridors[0]: 'kind' must be one of aid-in, evacuation-out, both, "
            "got 'sideways'",
        ),
        (
            lambda d: d["corridors"][0].update(risk=1.5),
            "corridors[0]: 'risk' must be at most 1, got 1.5",
        ),
        (
            lambda d: d["corridors"][0].update(transit="soon"),
            "corridors[0].transit: expected a duration like 3h or 30d, got 'soon'",
        ),
        (
            lambda d: d["fleet"][0].update(count=-2),
            "fleet[0]: 'count' must be a whole number >= 0, got -2",
        ),
        (
            lambda d: d["fleet"][0].pop("tonnes"),
            "fleet[0]: give 'tonnes', 'seats' or 'stretchers' (all are 0)",
        ),
        (
            lambda d: d["districts"][0].update(wounded={"grave": 2}),
            "districts[0].wounded: severity must be one of critical, serious, "
            "moderate, got 'grave'",
        ),
        (
            lambda d: d.pop("start"),
            "'start' is required",
        ),
        (
            lambda d: d["corridors"][0]["windows"][0].update(start="15/12/2016"),
            "corridors[0].windows[0].start: expected a date-time like "
            "2016-12-15T06:00, got '15/12/2016'",
        ),
        (
            lambda d: d["corridors"].append(dict(d["corridors"][0])),
            "corridors[1]: id 'c1' is used twice",
        ),
        (
            lambda d: d.update(weights={"glory": 3}),
            "weights: unknown weight 'glory' (known: critical, evacuee, food, "
            "moderate, risk, serious, waiting)",
        ),
    ],
)
def test_load_scenario_names_the_field_in_one_line(
    tmp_path: Path, change: Any, expected: str
) -> None:
    data = minimal()
    change(data)
    assert error_for(tmp_path, data) == expected


def test_load_scenario_rejects_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("corridors: [unclosed\n")
    with pytest.raises(ScenarioError, match=r"broken\.yaml: not valid YAML/JSON"):
        load_scenario(path)


def test_scenario_error_is_an_input_error() -> None:
    assert issubclass(ScenarioError, InputError)


@pytest.mark.parametrize(
    ("text", "hours"), [("30d", 720), ("48h", 48), ("90m", 1.5), ("1w", 168), (3, 3)]
)
def test_parse_duration_reads_days_hours_minutes(text: object, hours: float) -> None:
    assert parse_duration(text) == timedelta(hours=hours)


def test_examples_load() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert load_scenario(path).corridors
