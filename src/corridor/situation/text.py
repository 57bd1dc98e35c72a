"""The situation as plain text for a terminal, and as JSON Lines for machines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corridor.situation.picture import Situation


def figure(low: float | None, high: float | None) -> str:
    """``31,500``, ``250,000-300,000``, ``>=50,000``, ``<=250,000`` or ``?``."""

    def fmt(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"

    if low is None and high is None:
        return "?"
    if high is None:
        return f">={fmt(low)}" if low is not None else "?"
    if low is None:
        return f"<={fmt(high)}"
    return fmt(low) if low == high else f"{fmt(low)}-{fmt(high)}"


def _short(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    ]
    return lines


def render(situation: Situation) -> str:
    """A report for a terminal: estimates, roll-ups, conflicts, corridors."""
    known = f" as known on {situation.as_of}" if situation.as_of else ""
    out = [
        f"Situation: {situation.area or 'all areas'}{known} "
        f"({situation.documents} documents; figures grouped in "
        f"{situation.window_days}-day windows; {situation.set_aside} projected, "
        "conditional or negated figures set aside)",
        "",
    ]
    if not situation.estimates:
        out.append("No figures yet: ingest reports and run `corridor extract`.")
    else:
        out.append("ESTIMATES")
        rows = [
            [
                e.area,
                e.indicator,
                f"{e.start} to {e.end}",
                figure(e.low, e.high),
                figure(e.central, e.central),
                str(e.source_count),
                _short(", ".join(dict.fromkeys(e.sources)), 50),
            ]
            for e in situation.estimates
        ]
        out += _table(
            rows, ["area", "indicator", "window", "range", "central", "sources", "who"]
        )
    if situation.rollups:
        out += ["", "ROLL-UPS (sums of the parts' latest estimates)"]
        rows = [
            [
                r.area,
                r.indicator,
                figure(r.low, r.high),
                figure(r.central, r.central),
                "; ".join(r.parts),
            ]
            for r in situation.rollups
        ]
        out += _table(rows, ["area", "indicator", "range", "central", "summed"])
    out += ["", f"CONFLICTS ({len(situation.conflicts)})"]
    if not situation.conflicts:
        out.append("none")
    for conflict in situation.conflicts:
        out.append(
            f"* {conflict.area}, {conflict.subject}, {conflict.start} to "
            f"{conflict.end}: {conflict.reason}"
        )
        for side in conflict.sides:
            said = (
                figure(side["low"], side["high"])
                if "low" in side
                else f"{side['event']} ({side['modality']})"
            )
            out.append(
                f"    {side['source']}: {said} on {side['on']} -- "
                f'"{_short(side["quote"], 70)}"'
            )
    if situation.corridors:
        out += ["", "CORRIDORS"]
    for history in situation.corridors:
        status = history.status or "no factual report"
        flag = " (disputed)" if history.disputed else ""
        out.append(f"* {history.area}: {status} since {history.since}{flag}")
        for entry in history.entries:
            out.append(
                f"    {entry['on']}  {entry['event']:<26} {entry['modality']:<12} "
                f'{entry["source"]}: "{_short(entry["quote"], 60)}"'
            )
    return "\n".join(out)


def json_lines(situation: Situation) -> Iterator[dict[str, Any]]:
    """One object per line: a header, then estimates, roll-ups, conflicts, corridors."""
    data = situation.to_json()
    yield {
        "type": "situation",
        **{
            k: v
            for k, v in data.items()
            if k not in ("estimates", "rollups", "conflicts", "corridors")
        },
    }
    for key, kind in (
        ("estimates", "estimate"),
        ("rollups", "rollup"),
        ("conflicts", "conflict"),
        ("corridors", "corridor"),
    ):
        for item in data[key]:
            yield {"type": kind, **item}


def render_projection(projection: Any) -> str:
    """A projection for a terminal: dates, days left, need, and every assumption."""
    p = projection
    out = [
        f"Food in {p.area}, as known on {p.as_of} ({p.draws:,} draws, seed {p.seed}; "
        f"stock figure of {p.stock_as_of})",
        f"  runs out:   P10 {p.p10}   P50 {p.p50}   P90 {p.p90}",
        f"  days left:  P10 {p.days_left_p10:.1f}   P50 {p.days_left_p50:.1f}   "
        f"P90 {p.days_left_p90:.1f}   (already out in "
        f"{p.probability_out_by_as_of:.0%} of draws)",
        f"  daily need: {p.daily_need_tonnes:,.0f} t of food (P50)",
    ]
    need = p.medical_evacuation
    if need is not None:
        urgency = (
            "urgent: no functioning hospital"
            if need.urgent
            else "hospitals still function"
        )
        out.append(
            f"  medical evacuation: {need.p50:,} wounded (P10 {need.p10:,}, "
            f"P90 {need.p90:,}); {urgency}"
        )
    out += ["", "Assumptions:"] + [f"  - {line}" for line in p.assumptions]
    return "\n".join(out)
