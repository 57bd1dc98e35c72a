"""Every fuzz target runs here without atheris: its seeds, then hypothesis
inputs (random bytes and seeds with random edits), so no target can rot and
every finding a target would report fails ``make test`` too."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import TARGETS

EXAMPLES = {"extract": 40, "html": 60}
"""Hypothesis inputs per target where one input is slow; 150 for the others."""


def target(name: str) -> ModuleType:
    module = importlib.import_module(f"fuzz.fuzz_{name}")
    module.warm_up()
    return module


@st.composite
def edited(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few random insertions, deletions and replacements."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 16))
        data[at : at + cut] = draw(st.binary(max_size=16))
    return bytes(data)


def test_every_target_module_is_listed() -> None:
    from pathlib import Path

    import fuzz

    found = {
        p.stem.removeprefix("fuzz_")
        for p in Path(fuzz.__file__).parent.glob("fuzz_*.py")
    }
    assert found == set(TARGETS)


@pytest.mark.parametrize("name", TARGETS)
def test_fuzz_target_accepts_its_seeds(name: str) -> None:
    module = target(name)
    seeds = module.seeds()
    assert seeds
    for seed in seeds:
        module.one_input(seed)


@pytest.mark.parametrize("name", TARGETS)
def test_fuzz_target_survives_hypothesis_inputs(name: str) -> None:
    module = target(name)
    seeds = module.seeds()

    @settings(
        max_examples=EXAMPLES.get(name, 150),
        deadline=None,
        database=None,
        derandomize=True,  # the same inputs every run; the fuzzers explore
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.one_of(st.binary(max_size=512), edited(seeds)))
    def check(data: bytes) -> None:
        module.one_input(data)

    check()
