"""Plans in the store: the plan as made, and the notifications it owes.

A stored plan keeps its scenario and schedule as canonical JSON, appended to
the evidence log like every record. Storing it also writes one notification
for each party (and the UN coordination office) and each corridor window the
plan uses: route, times and vehicles. A window is *deconflicted* only when
every notification for it has been acknowledged; in 2016 corridors were
announced without warning the UN agencies, and this makes that visible.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from corridor.corridors.run import PlanResult
from corridor.corridors.scenario import Scenario
from corridor.errors import InputError, NotFoundError
from corridor.store import schema
from corridor.store.chain import LogWriter, canonical_json, typed, utc_now
from corridor.store.engine import Store

UN_COORDINATION = "UN coordination office"


def _id(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode("utf-8")).hexdigest()


def parties_of(raw: dict[str, Any], source: str) -> list[str]:
    """The scenario's ``parties`` (every armed party to notify) plus the UN."""
    listed = raw.get("parties") or []
    if not isinstance(listed, list) or not all(
        isinstance(p, str) and p.strip() for p in listed
    ):
        raise InputError(source, "field 'parties' must be a list of names")
    names = [p.strip() for p in listed]
    return [
        *dict.fromkeys(names),
        *([] if UN_COORDINATION in names else [UN_COORDINATION]),
    ]


def store_plan(
    store: Store,
    scenario: Scenario,
    scenario_json: dict[str, Any],
    result: PlanResult,
    parties: Sequence[str],
) -> str:
    """Store the MILP plan of ``result`` and its notifications; returns the id."""
    plan = result.milp
    body = canonical_json(result.to_dict())
    scenario_text = canonical_json(scenario_json)
    # The id depends on what was planned, not on how long the solver took, so
    # planning the same scenario again stores nothing new.
    plan_id = _id(
        scenario_text,
        canonical_json([m.to_dict() for m in plan.movements]),
        canonical_json(plan.objective.to_dict()),
    )
    row = typed(
        schema.plans,
        {
            "id": plan_id,
            "scenario_name": scenario.name,
            "scenario": scenario_text,
            "method": plan.method,
            "objective": plan.objective.total,
            "gap": plan.gap,
            "seconds": plan.seconds,
            "body": body,
            "created_at": utc_now(),
        },
    )
    with store.transaction() as conn:
        exists = conn.execute(
            sa.select(schema.plans.c.id).where(schema.plans.c.id == plan_id)
        ).first()
        if exists is not None:
            return plan_id
        conn.execute(schema.plans.insert(), row)
        logged: list[tuple[str, str, dict[str, Any]]] = [("plans", plan_id, row)]
        for notice in _notices(plan_id, scenario, result, parties):
            conn.execute(schema.notifications.insert(), notice)
            logged.append(("notifications", notice["id"], notice))
        LogWriter(conn).extend(logged)
    return plan_id


def _notices(
    plan_id: str, scenario: Scenario, result: PlanResult, parties: Sequence[str]
) -> list[dict[str, Any]]:
    corridors = {c.id: c for c in scenario.corridors}
    vehicles: dict[tuple[str, int], dict[str, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for movement in result.milp.movements:
        vehicles[(movement.corridor, movement.window)][movement.vehicle] += (
            movement.count
        )
    notices = []
    now = utc_now()
    for (corridor_id, index), counts in sorted(vehicles.items()):
        corridor = corridors[corridor_id]
        window = corridor.windows[index]
        listed = ", ".join(f"{n} {kind} trips" for kind, n in sorted(counts.items()))
        for party in parties:
            notices.append(
                {
                    "id": _id(plan_id, corridor_id, index, party),
                    "plan_id": plan_id,
                    "party": party,
                    "corridor": corridor_id,
                    "route": f"{corridor.origin} -> {corridor.destination}",
                    "window_start": window.start.isoformat(timespec="minutes"),
                    "window_end": window.end.isoformat(timespec="minutes"),
                    "vehicles": listed,
                    "created_at": now,
                }
            )
    return notices


@dataclass(frozen=True)
class Notice:
    id: str
    plan_id: str
    party: str
    corridor: str
    route: str
    window_start: str
    window_end: str
    vehicles: str
    acknowledged_by: str | None
    acknowledged_at: str | None


def notices(store: Store, plan: str | None = None) -> list[Notice]:
    """Notifications (of the plan whose id starts with ``plan``), with any ack."""
    n, a = schema.notifications, schema.acknowledgements
    query = (
        sa.select(n, a.c.by, a.c.at)
        .select_from(n.outerjoin(a, a.c.notification_id == n.c.id))
        .order_by(n.c.plan_id, n.c.window_start, n.c.corridor, n.c.party)
    )
    if plan:
        query = query.where(n.c.plan_id.startswith(plan))
    with store.read() as conn:
        rows = conn.execute(query).all()
    return [
        Notice(
            r.id,
            r.plan_id,
            r.party,
            r.corridor,
            r.route,
            r.window_start,
            r.window_end,
            r.vehicles,
            r.by,
            r.at,
        )
        for r in rows
    ]


def acknowledge(store: Store, notification: str, by: str) -> Notice:
    """Record that ``by`` acknowledged the notification whose id starts with
    ``notification``; acknowledging twice keeps the first."""
    if not by.strip():
        raise InputError("--by", "name the party that acknowledges")
    matches = [x for x in notices(store) if x.id.startswith(notification)]
    if not matches:
        raise NotFoundError(f"no notification with an id starting {notification!r}")
    if len(matches) > 1:
        raise InputError(
            "ID",
            f"{notification!r} matches {len(matches)} "
            "notifications; give more of the id",
        )
    (notice,) = matches
    if by.strip() != notice.party:
        raise InputError(
            "--by",
            f"notification {notice.id[:12]} is addressed to "
            f"{notice.party!r}, not {by!r}",
        )
    if notice.acknowledged_by is not None:
        return notice
    row = {
        "id": _id(notice.id, "ack"),
        "notification_id": notice.id,
        "by": notice.party,
        "at": utc_now(),
    }
    with store.transaction() as conn:
        conn.execute(schema.acknowledgements.insert(), row)
        LogWriter(conn).append("acknowledgements", row["id"], row)
    return dataclasses.replace(
        notice, acknowledged_by=row["by"], acknowledged_at=row["at"]
    )


def stored_plan(store: Store, plan: str) -> dict[str, Any]:
    """A stored plan (by id prefix): its row, scenario and body parsed."""
    p = schema.plans
    with store.read() as conn:
        rows = conn.execute(sa.select(p).where(p.c.id.startswith(plan))).all()
    if not rows:
        raise NotFoundError(f"no plan with an id starting {plan!r} (see corridor plan)")
    if len(rows) > 1:
        raise InputError("PLAN", f"{plan!r} matches {len(rows)} plans; give more of it")
    row = dict(rows[0]._mapping)
    row["scenario"] = json.loads(row["scenario"])
    row["body"] = json.loads(row["body"])
    return row
