"""Scenario files (YAML or JSON): ``corridors.load_scenario``, as ``corridor
plan`` reads them; an accepted scenario must dump to a form that loads again."""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

from corridor.corridors import dump_scenario, load_scenario, scenario_from_dict
from corridor.corridors.scenario import ScenarioError
from fuzz.seeds import files

_holders: list[tempfile.TemporaryDirectory[str]] = []


@functools.cache
def _folder() -> Path:
    holder = tempfile.TemporaryDirectory(prefix="corridor-fuzz-")
    _holders.append(holder)
    return Path(holder.name)


def seeds() -> list[bytes]:
    out = files("scenarios", "*.yaml")
    for path in sorted(
        (Path(__file__).parent.parent / "examples/scenarios").glob("*.yaml")
    ):
        out.append(json.dumps(dump_scenario(load_scenario(path))).encode())
    return out


def warm_up() -> None:
    pass


def one_input(data: bytes) -> None:
    suffix = ".json" if data.lstrip()[:1] in (b"{", b"[") else ".yaml"
    path = _folder() / f"scenario{suffix}"
    path.write_bytes(data)
    try:
        scenario = load_scenario(path)
    except ScenarioError:
        return
    dumped = dump_scenario(scenario)
    again = scenario_from_dict(json.loads(json.dumps(dumped)), str(path))
    assert dump_scenario(again) == dumped
