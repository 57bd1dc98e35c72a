"""Scenario files that broke the loader: a misspelt top-level key passed in
silence, and impossible YAML dates, deep nesting and alias bombs escaped as
Python errors (or ran out of memory) instead of one-line ScenarioErrors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.corridors import ScenarioError, load_scenario, scenario_from_dict
from corridor.corridors.loader import TOP_LEVEL

ROOT = Path(__file__).resolve().parents[2]
BASE = """\
name: mini
start: 2016-12-01T00:00
corridors:
  - {id: c1, from: west, to: east, capacity: 10,
     windows: [{start: 2016-12-01T10:00, end: 2016-12-01T13:00}]}
fleet:
  - {id: truck, count: 5, tonnes: 10}
"""


def load(tmp_path: Path, text: str, name: str = "s.yaml") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load_scenario(path)


def test_a_misspelt_top_level_key_names_the_key_and_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path, BASE + "horizn: 7d\n")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 's.yaml'}: unknown top-level key 'horizn'")
    assert "horizon" in message and "\n" not in message


def test_every_top_level_key_the_examples_use_is_known() -> None:
    import yaml

    for path in sorted((ROOT / "examples" / "scenarios").glob("*.yaml")):
        assert set(yaml.safe_load(path.read_text(encoding="utf-8"))) <= set(TOP_LEVEL)
        load_scenario(path)


def test_every_documented_top_level_key_is_known() -> None:
    docs = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    table = docs.split("### Top level", 1)[1].split("###", 1)[0]
    documented = {
        line.split("`")[1] for line in table.splitlines() if line.startswith("| `")
    }
    assert documented == set(TOP_LEVEL)


def test_unknown_key_in_a_dict_is_refused_too() -> None:
    with pytest.raises(ScenarioError, match="unknown top-level key 'stocks'"):
        scenario_from_dict({"stocks": []}, "x.json")


@pytest.mark.parametrize(
    "start", ["2016-13-01", "2016-02-30T10:00:00", "2016-12-01T25:00:00"]
)
def test_impossible_yaml_timestamp_is_a_scenario_error(
    tmp_path: Path, start: str
) -> None:
    # PyYAML's timestamp type raised ValueError ("month must be in 1..12").
    with pytest.raises(ScenarioError, match="a value YAML cannot use"):
        load(tmp_path, BASE.replace("2016-12-01T00:00", start))


@pytest.mark.parametrize(
    ("name", "text"),
    [("deep.json", "[" * 100_000), ("deep.yaml", "[" * 100_000)],
)
def test_scenario_nested_deeper_than_python_recurses(
    tmp_path: Path, name: str, text: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path, text, name)
    assert "\n" not in str(caught.value)


def test_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    with pytest.raises(ScenarioError, match="YAML aliases"):
        load(tmp_path, "\n".join(lines) + "\nname: *a9\n")


def test_huge_value_in_an_error_is_shown_cut_short() -> None:
    data = {"start": "2016-12-01T00:00", "horizon": ["x" * 10_000] * 10_000}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data, "s.yaml")
    assert len(str(caught.value)) < 300


def test_a_name_that_is_not_text_is_refused(tmp_path: Path) -> None:
    # A list or mapping became the scenario's name, printed whole (str()).
    with pytest.raises(ScenarioError, match="'name' must be a non-empty string"):
        load(tmp_path, BASE.replace("name: mini", "name: [a, b]"))


def test_scenario_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    # The whole file was read and decoded first: a 1 GB scenario took 2 GB.
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(BASE.encode())
        handle.truncate(1 << 30)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == (
        f"{path}: is 1024 MB, over the 20 MB a scenario file may have"
    )


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    # The name was echoed raw: a newline in it split the one-line error.
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path, "[", "bad\n\x1b[31m.yaml")
    assert str(caught.value).isprintable()
    assert "bad\\n\\x1b[31m.yaml: " in str(caught.value)
