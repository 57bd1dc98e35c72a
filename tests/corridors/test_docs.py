"""docs/scenarios.md drifts from the loader: caught here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from corridor.corridors import (
    Weights,
    dump_scenario,
    load_scenario,
    plan_greedy,
    scenario_from_dict,
)

ROOT = Path(__file__).resolve().parents[2]


def keys(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            found |= keys(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= keys(inner)
    return found


def test_every_scenario_field_is_documented() -> None:
    docs = (ROOT / "docs" / "scenarios.md").read_text()
    scenario = load_scenario(
        ROOT / "examples" / "scenarios" / "aleppo-evacuation-2016-12.yaml"
    )
    extra = {"daily", "first", "days", "hours", "food_days_left", "as_of", "by"}
    fields = keys(dump_scenario(scenario)) | extra | set(Weights.__dataclass_fields__)
    missing = sorted(f for f in fields if f"`{f}`" not in docs)
    assert missing == []


def test_the_example_in_the_docs_loads_and_plans() -> None:
    docs = (ROOT / "docs" / "scenarios.md").read_text()
    block = re.search(r"```yaml\n(.*?)```", docs, flags=re.DOTALL)
    assert block is not None
    scenario = scenario_from_dict(yaml.safe_load(block.group(1)), "docs")
    assert [len(c.windows) for c in scenario.corridors] == [13]
    assert scenario.corridors[0].windows[2].cancelled
    assert scenario.fleet[2].seizures[0].count == 5
    assert scenario.needs[1].food is not None
    assert plan_greedy(scenario).movements
