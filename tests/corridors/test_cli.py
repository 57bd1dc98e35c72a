"""corridor plan, notify and verify through the CLI, on a real store."""

from __future__ import annotations

import json
from pathlib import Path

from corridor.store.engine import Store
from tests.conftest import Run, write
from tests.situation.builders import Corpus, claim, event

SCENARIO = """
name: two-days
area: East Aleppo
parties: [Government forces, Opposition groups]
start: 2016-12-01T00:00
horizon: 2d
corridors:
  - id: south
    from: west-aleppo
    to: east-aleppo
    kind: both
    transit: 1h
    capacity: 10
    windows:
      - {start: 2016-12-01T10:00, end: 2016-12-01T13:00}
      - {start: 2016-12-02T10:00, end: 2016-12-02T13:00}
fleet:
  - {id: truck, count: 5, tonnes: 10, turnaround: 6h}
  - {id: ambulance, count: 4, stretchers: 2, turnaround: 6h}
districts:
  - id: sukkari
    population: 1000
    food_days_left: 0
    wounded: {critical: 4, serious: 4}
stock:
  - {id: west, tonnes: 200}
"""


def plan(run: Run, path: Path) -> dict:
    result = run("plan", str(path), "--closures", "10", "--json")
    assert result.exit_code == 0, result.output
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    return data


def test_plan_is_stored_once_with_its_notifications(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", SCENARIO)
    first = plan(run, path)
    assert first["plan"]["status"] == "optimal" and first["plan"]["movements"]
    assert first["notifications"] == 2 * 3  # two windows x (two parties + the UN)
    again = plan(run, path)
    assert again["id"] == first["id"]
    listed = [
        json.loads(x) for x in run("notify", "list", "--json").stdout.splitlines()
    ]
    assert len(listed) == 6
    assert {n["party"] for n in listed} == {
        "Government forces",
        "Opposition groups",
        "UN coordination office",
    }
    assert all(n["acknowledged_by"] is None for n in listed)
    text = run("plan", str(path), "--closures", "0").stdout
    assert "6 not acknowledged, so not deconflicted" in text
    assert run("log", "verify").exit_code == 0


def test_acknowledging_every_party_deconflicts_a_window(
    run: Run, tmp_path: Path
) -> None:
    data = plan(run, write(tmp_path / "s.yaml", SCENARIO))
    listed = [
        json.loads(x)
        for x in run(
            "notify", "list", "--plan", data["id"][:8], "--json"
        ).stdout.splitlines()
    ]
    first_window = [n for n in listed if n["window_start"] == "2016-12-01T10:00"]
    wrong = run("notify", "ack", first_window[0]["id"][:12], "--by", "Somebody")
    assert wrong.exit_code == 1 and "is addressed to" in wrong.stderr
    outputs = [
        run("notify", "ack", n["id"][:12], "--by", n["party"]).stdout
        for n in first_window
    ]
    assert "2 acknowledgement(s) still missing" in outputs[0]
    assert outputs[-1].rstrip().endswith(": deconflicted")
    missing = run("notify", "ack", "ffffffff", "--by", "x")
    assert missing.exit_code == 1 and "no notification" in missing.stderr
    assert run("log", "verify").exit_code == 0


def test_verify_confirms_contradicts_and_alerts(
    run: Run, store: Store, tmp_path: Path
) -> None:
    corpus = Corpus(store, tmp_path)
    corpus.document(
        None,
        "2016-12-01",
        kind="witness",
        events=[event("corridor.opened", on="2016-12-01")],
    )
    corpus.document(
        "Wire",
        "2016-12-02",
        events=[event("convoy.blocked", on="2016-12-02")],
        claims=[claim("access.convoys", 0, as_of="2016-12-02")],
    )
    data = plan(run, write(tmp_path / "s.yaml", SCENARIO))
    result = run("verify", data["id"][:12], "--json")
    assert result.exit_code == 0, result.output
    (report,) = [json.loads(x) for x in result.stdout.splitlines()]
    by_day = {o["day"]: o for o in report["observations"]}
    assert by_day["2016-12-01"]["status"] == "confirmed"
    assert by_day["2016-12-02"]["status"] == "contradicted"
    assert {e["event"] for e in by_day["2016-12-02"]["evidence"]} >= {"convoy.blocked"}
    assert report["alerts"] == 1
    assert report["corridors"] == {"south": "materialised"}
    text = run("verify", data["id"][:12]).stdout
    assert "CONTRADICTED" in text and "1 alert(s)" in text
    assert "witness report" in text


def test_needs_come_from_the_situation_when_the_scenario_has_none(
    run: Run, store: Store, tmp_path: Path
) -> None:
    Corpus(store, tmp_path).document(
        "UN desk",
        "2016-11-30",
        claims=[
            claim("people.trapped", 2000),
            claim("people.injured", 6),
            claim("food.stock_duration", 0, as_of="2016-11-30"),
        ],
    )
    scenario = SCENARIO.split("districts:")[0] + "stock:\n  - {id: west, tonnes: 200}\n"
    data = plan(run, write(tmp_path / "s.yaml", scenario))
    notes = " | ".join(data["assumptions"])
    assert "population 2,000" in notes and "6 wounded counted as serious" in notes
    assert "food runs out 2016-11-30" in notes
    assert data["plan"]["objective"]["wounded_moved"]["serious"] == 6


def test_bad_scenario_is_one_line(run: Run, tmp_path: Path) -> None:
    bad = SCENARIO.replace("end: 2016-12-01T13:00", "end: 2016-12-01T09:00")
    result = run("plan", str(write(tmp_path / "bad.yaml", bad)))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "bad.yaml: corridors[0].windows[0]: 'end' must be after 'start'" in line
    parties = run(
        "plan",
        str(
            write(
                tmp_path / "p.yaml",
                SCENARIO.replace("[Government forces, Opposition groups]", "7"),
            )
        ),
    )
    assert parties.exit_code == 1 and "'parties' must be a list" in parties.stderr
