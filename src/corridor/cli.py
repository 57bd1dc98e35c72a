"""The ``corridor`` command. Thin: parse options, call one library function, print.

Library code raises typed errors (``errors.py``); only here do they become
``Error: ...`` on standard error and exit status 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click
import sqlalchemy.exc

from corridor import __version__
from corridor.errors import ConfigError, CorridorError
from corridor.settings import Settings, parse_size

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorridorError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlalchemy.exc.SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise click.ClickException(f"database error: {reason}") from None


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.find_object(Settings)
    assert settings is not None, "the corridor group always sets Settings"
    return settings


def _store(ctx: click.Context) -> Any:
    from corridor.store.engine import open_store

    store = open_store(_settings(ctx).db)
    ctx.call_on_close(store.close)
    return store


def json_option(func: F) -> F:
    """``--json``: one JSON object per line instead of a table."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON object per line."
    )(func)


def _emit_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    if not rows:
        click.echo("(none)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    click.echo(
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    )
    for r in cells:
        click.echo(
            "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
        )


def _cell(value: Any, width: int = 48) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corridor")
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="CORRIDOR_DB",
    default=None,
    help="SQLite file or database URL [env CORRIDOR_DB; default corridor.db].",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """corridor: sourced situation pictures from reports about besieged areas."""
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if db:
        settings = Settings(db=db, max_bytes=settings.max_bytes)
    ctx.obj = settings


# ingest ---------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--publisher", help="Publisher of reports that do not name one.")
@click.option("--published", metavar="DATE", help="Publication date, like 2016-08-01.")
@click.option(
    "--kind",
    type=click.Choice(["news", "editorial", "agency", "witness"]),
    help="Kind of reports that do not say.",
)
@click.option("--author", help="Author of reports that do not name one.")
@click.option("--url", help="Address of the report.")
@click.option(
    "--max-bytes",
    metavar="SIZE",
    help="Largest file accepted, like 20MB [env CORRIDOR_MAX_BYTES].",
)
@click.option(
    "--keep-invalid",
    is_flag=True,
    help="Store witness reports whose signature fails, flagged invalid.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    publisher: str | None,
    published: str | None,
    kind: str | None,
    author: str | None,
    url: str | None,
    max_bytes: str | None,
    keep_invalid: bool,
) -> None:
    """Store reports: files, folders (recursively) or - for standard input.

    Text and Markdown (YAML front matter), HTML, PDF, and witness reports as
    JSON or CSV. Prints one line per rejected file and a closing count; exits 1
    when anything was rejected.
    """
    from tqdm import tqdm

    from corridor.ingest import batch, metadata

    settings = _settings(ctx)
    limit = parse_size(max_bytes, "--max-bytes") if max_bytes else settings.max_bytes
    try:
        flags = metadata.clean(
            {
                "publisher": publisher,
                "published": published,
                "kind": kind,
                "author": author,
                "url": url,
            }
        )
    except metadata.MetadataError as exc:
        message = str(exc).replace("field 'published'", "--published")
        raise click.ClickException(message) from None
    store = _store(ctx)
    sources, skipped = batch.collect(paths)
    options = batch.Options(flags=flags, max_bytes=limit, keep_invalid=keep_invalid)
    new = stored = rejected = 0
    # No total: folders are walked as they are ingested, in bounded memory.
    bar = tqdm(
        unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr, leave=False
    )
    with bar:
        for outcome in batch.ingest(store, sources, options):
            bar.update(
                len(outcome.new) + len(outcome.stored) + (outcome.error is not None)
            )
            for warning in outcome.warnings:
                bar.write(f"Warning: {warning}", file=sys.stderr)
            if outcome.error is not None:
                rejected += 1
                bar.write(f"Error: {outcome.error}", file=sys.stderr)
            new += len(outcome.new)
            stored += len(outcome.stored)
    if skipped.count:
        click.echo(
            f"skipped {skipped.count} file(s) of other types, such as {skipped.first}",
            err=True,
        )
    click.echo(f"{new} new, {stored} already stored, {rejected} rejected")
    if rejected:
        ctx.exit(1)


def _extract_files_json(
    ctx: click.Context, paths: tuple[str, ...], rules_only: bool
) -> None:
    """``corridor extract --json FILE...``: folders walked as by ingest; a
    file that cannot be read gets one error line and prints nothing, the
    others go on, and the exit status is 1 if any failed."""
    from tqdm import tqdm

    from corridor.extract import Extractor
    from corridor.ingest import batch, metadata, readers
    from corridor.runners import extract_files

    extractor = Extractor(rules_only=rules_only)
    limit = _settings(ctx).max_bytes
    sources, skipped = batch.collect(paths)
    failed = 0
    # No total: folders are walked as they are read. Only on a terminal.
    bar = tqdm(
        unit="file", disable=not sys.stderr.isatty(), file=sys.stderr, leave=False
    )
    with bar:
        for source in sources:
            bar.update()
            try:  # one file's records at a time: none of a file that fails
                records = list(extract_files([source], extractor, max_bytes=limit))
            except (readers.ReadError, metadata.MetadataError) as exc:
                failed += 1
                bar.write(
                    f"Error: {batch.printable(f'{source.name}: {exc}')}",
                    file=sys.stderr,
                )
                continue
            _emit_json(records)
    if skipped.count:
        click.echo(
            f"skipped {skipped.count} file(s) of other types, such as {skipped.first}",
            err=True,
        )
    if failed:
        ctx.exit(1)


@cli.command()
@click.option("--kind", type=click.Choice(["news", "editorial", "agency", "witness"]))
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@json_option
@click.pass_context
def documents(
    ctx: click.Context, kind: str | None, limit: int | None, as_json: bool
) -> None:
    """List stored documents (public fields, no text)."""
    from corridor.store import queries

    rows = queries.documents(_store(ctx), kind=kind, limit=limit)
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["id"] = row["id"][:12]
        row["publisher"] = row["publisher"] or (
            "(witness)" if row["kind"] == "witness" else ""
        )
    _table(
        rows,
        ["id", "published", "kind", "publisher", "signature", "characters", "title"],
    )


# extract --------------------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, metavar="[FILE...]")
@click.option("--redo", is_flag=True, help="Extract every stored document again.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this Dask cluster, like tcp://host:8786.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Run on a local Dask cluster of N worker processes.",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    metavar="N",
    help="Documents written per transaction (default 100; 500 on a Dask cluster). "
    "A run cut short loses at most one batch, which the next run extracts.",
)
@click.option(
    "--rules-only",
    is_flag=True,
    help="Read with the rules alone, without the learned second opinions on "
    "each figure's indicator and modality (faster; less accurate).",
)
@json_option
@click.pass_context
def extract(
    ctx: click.Context,
    files: tuple[str, ...],
    redo: bool,
    scheduler: str | None,
    workers: int | None,
    batch: int | None,
    rules_only: bool,
    as_json: bool,
) -> None:
    """Extract claims and events from stored documents not yet extracted.

    With FILE... and --json, read those files (folders walked, - for
    standard input) directly, store nothing, and print one JSON object per
    claim or event.
    """
    from tqdm import tqdm

    from corridor.extract import Extractor
    from corridor.runners import extract_stored
    from corridor.store import evidence

    if files:
        if not as_json or redo or scheduler or workers or batch:
            raise click.UsageError(
                "FILE arguments are read directly and need --json (and no "
                "--redo, --scheduler, --workers or --batch); to store them, "
                "ingest them first"
            )
        _extract_files_json(ctx, files, rules_only)
        return
    if scheduler and workers:
        raise click.UsageError(
            "give --scheduler (a running cluster) or --workers (a local one), not both"
        )
    store = _store(ctx)
    todo = evidence.documents_to_extract(store, redo)
    if scheduler or workers:
        from corridor.runners import extract_distributed

        outcomes = extract_distributed(
            store,
            todo,
            scheduler=scheduler,
            workers=workers or 2,
            rules_only=rules_only,
            **({"batch_size": batch} if batch else {}),
        )
    else:
        outcomes = extract_stored(
            store,
            Extractor(rules_only=rules_only),
            todo,
            **({"batch": batch} if batch else {}),
        )
    totals = {"documents": 0, "claims": 0, "events": 0, "unchanged": 0}
    bar = tqdm(
        total=len(todo),
        unit="doc",
        disable=not sys.stderr.isatty(),
        file=sys.stderr,
        leave=False,
    )
    with bar:
        for outcome in outcomes:
            bar.update(1)
            totals["documents"] += 1
            totals["claims"] += outcome.claims
            totals["events"] += outcome.events
            totals["unchanged"] += not outcome.changed
            if as_json:
                _emit_json([dataclasses.asdict(outcome)])
    if not as_json:
        click.echo(
            "{documents} documents: {claims} claims, {events} events "
            "({unchanged} unchanged)".format(**totals)
        )


@cli.command()
@click.option("--area", help="Only claims about this area (as extracted).")
@click.option("--indicator", help="Only this indicator, like people.displaced.")
@click.option("--document", metavar="ID", help="Only this document (an id prefix).")
@json_option
@click.pass_context
def claims(
    ctx: click.Context,
    area: str | None,
    indicator: str | None,
    document: str | None,
    as_json: bool,
) -> None:
    """List the current claims with their quotes and sources."""
    from corridor.extract import INDICATORS
    from corridor.situation.text import figure
    from corridor.store import evidence

    if indicator is not None and indicator not in INDICATORS:
        raise click.BadParameter(
            f"must be one of {', '.join(INDICATORS)}", param_hint="--indicator"
        )
    where = evidence.ClaimFilter(area=area, indicator=indicator, document=document)
    with _store(ctx).read() as conn:
        rows = list(evidence.claims(conn, where))
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["figure"] = figure(row["low"], row["high"]) + (
            " (vague)" if row["vague"] else ""
        )
        row["quote"] = " ".join(row["quote"].split())
    _table(
        rows,
        ["published", "publisher", "indicator", "figure", "modality", "area", "quote"],
    )


# situation ------------------------------------------------------------------------


def _date_option(name: str, help: str) -> Callable[[F], F]:
    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(
                f"must be a date like 2016-12-01, got {value!r}"
            ) from None

    return click.option(name, metavar="DATE", callback=parse, help=help)


@cli.command()
@click.argument("area", required=False)
@_date_option("--as-of", "Only what was published by this date, like 2016-12-01.")
@click.option(
    "--window",
    "window_days",
    type=click.IntRange(min=1),
    default=14,
    show_default=True,
    metavar="DAYS",
    help="Figures within this many days form one estimate.",
)
@json_option
@click.pass_context
def situation(
    ctx: click.Context,
    area: str | None,
    as_of: dt.date | None,
    window_days: int,
    as_json: bool,
) -> None:
    """Reconciled estimates, roll-ups, conflicts and corridor status for AREA
    (and the areas inside it; every area when none is given)."""
    from corridor.situation import build
    from corridor.situation.text import json_lines, render

    picture = build(_store(ctx), area, as_of, window_days)
    if as_json:
        _emit_json(json_lines(picture))
    else:
        click.echo(render(picture))


@cli.command()
@click.argument("area")
@_date_option("--as-of", "Project as known on this date [default: newest report].")
@click.option(
    "--draws",
    type=click.IntRange(min=100),
    default=100_000,
    show_default=True,
    help="Monte Carlo draws.",
)
@click.option(
    "--seed",
    type=int,
    default=2016,
    show_default=True,
    help="Random seed (the same seed gives the same answer).",
)
@json_option
@click.pass_context
def project(
    ctx: click.Context,
    area: str,
    as_of: dt.date | None,
    draws: int,
    seed: int,
    as_json: bool,
) -> None:
    """When food runs out in AREA: P10, P50 and P90 of the date and days left."""
    from corridor.situation.inputs import projection_inputs
    from corridor.situation.projection import project as run_projection
    from corridor.situation.text import render_projection

    inputs = projection_inputs(_store(ctx), area, as_of)
    result = run_projection(inputs, draws=draws, seed=seed)
    if as_json:
        data = result.as_dict()
        data.pop("days")
        data.pop("fraction_out")
        _emit_json([data])
    else:
        click.echo(render_projection(result))


@cli.command()
@click.argument("area")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The report file: .html, .pdf or .md.",
)
@_date_option("--as-of", "Only what was published by this date, like 2016-12-01.")
@click.pass_context
def report(ctx: click.Context, area: str, out: Path, as_of: dt.date | None) -> None:
    """Write a situation report for AREA: headline figures, conflicts, the food
    projection, corridor status, timelines, and every figure footnoted."""
    from corridor.report import gather, write

    written = write(gather(_store(ctx), area, as_of), out)
    extra = f" (and {len(written) - 1} chart files)" if len(written) > 1 else ""
    click.echo(f"wrote {out}{extra}")


# corridors ------------------------------------------------------------------------


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--horizon", metavar="DURATION", help="Plan this long, like 30d.")
@click.option(
    "--closures",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="Score the plans over this many sampled corridor closures.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Solver time limit.",
)
@json_option
@click.pass_context
def plan(
    ctx: click.Context,
    scenario: Path,
    horizon: str | None,
    closures: int,
    time_limit: float,
    as_json: bool,
) -> None:
    """Plan convoys and evacuations through the corridors of SCENARIO (YAML or
    JSON): a mixed-integer program solved by HiGHS, against a greedy baseline.
    The plan and its notifications are stored."""
    import yaml

    from corridor.corridors import dump_scenario, load_scenario, parse_duration
    from corridor.corridors.needs import with_situation_needs
    from corridor.corridors.records import notices, parties_of, store_plan
    from corridor.corridors.run import plan_scenario
    from corridor.errors import InputError

    store = _store(ctx)
    loaded = load_scenario(scenario)
    raw = yaml.safe_load(scenario.read_text(encoding="utf-8")) or {}
    parties = parties_of(raw, str(scenario))
    notes: list[str] = []
    area = raw.get("area")
    if area is not None and not isinstance(area, str):
        raise InputError(str(scenario), "field 'area' must be a place name")
    if area and not loaded.needs:
        loaded, notes = with_situation_needs(store, loaded, area)
    span = None
    if horizon:
        try:
            span = parse_duration(horizon)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--horizon") from None
    result = plan_scenario(
        loaded, horizon=span, time_limit=time_limit, closures=closures
    )
    stored = {**dump_scenario(loaded), "area": area, "parties": parties}
    plan_id = store_plan(store, loaded, stored, result, parties)
    owed = notices(store, plan_id)
    if as_json:
        _emit_json(
            [
                {
                    "id": plan_id,
                    **result.to_dict(),
                    "assumptions": notes,
                    "notifications": len(owed),
                }
            ]
        )
        return
    click.echo(f"plan {plan_id[:12]} for {loaded.name}")
    click.echo(result.summary())
    for note in notes:
        click.echo(f"  assumed: {note}")
    waiting = sum(1 for n in owed if n.acknowledged_by is None)
    click.echo(
        f"notifications: {len(owed)} to {len(parties)} parties; {waiting} not "
        f"acknowledged, so {'not ' if waiting else ''}deconflicted "
        f"(corridor notify list --plan {plan_id[:12]})"
    )


@cli.group(cls=_Group)
def notify() -> None:
    """Notifications a plan owes each party and the UN coordination office."""


@notify.command("list")
@click.option("--plan", "plan_id", metavar="ID", help="Only this plan (an id prefix).")
@json_option
@click.pass_context
def notify_list(ctx: click.Context, plan_id: str | None, as_json: bool) -> None:
    """List notifications; unacknowledged ones leave their window not deconflicted."""
    from corridor.corridors.records import notices

    rows = notices(_store(ctx), plan_id)
    if as_json:
        _emit_json([dataclasses.asdict(n) for n in rows])
        return
    table = [
        {
            "id": n.id[:12],
            "plan": n.plan_id[:12],
            "party": n.party,
            "corridor": n.corridor,
            "window": f"{n.window_start} to {n.window_end}",
            "vehicles": n.vehicles,
            "acknowledged": (n.acknowledged_at or "")[:16]
            if n.acknowledged_by
            else "NO",
        }
        for n in rows
    ]
    _table(
        table, ["id", "plan", "party", "corridor", "window", "vehicles", "acknowledged"]
    )


@notify.command("ack")
@click.argument("notification", metavar="ID")
@click.option(
    "--by",
    "by",
    required=True,
    metavar="PARTY",
    help="The party acknowledging (the one it is addressed to).",
)
@click.pass_context
def notify_ack(ctx: click.Context, notification: str, by: str) -> None:
    """Record that PARTY acknowledged notification ID."""
    from corridor.corridors.records import acknowledge, notices

    notice = acknowledge(_store(ctx), notification, by)
    left = sum(
        1
        for n in notices(_store(ctx), notice.plan_id)
        if n.acknowledged_by is None
        and n.corridor == notice.corridor
        and n.window_start == notice.window_start
    )
    state = "deconflicted" if not left else f"{left} acknowledgement(s) still missing"
    click.echo(
        f"acknowledged {notice.id[:12]} by {notice.party}; window "
        f"{notice.corridor} {notice.window_start}: {state}"
    )


@cli.command("verify")
@click.argument("plan_id", metavar="PLAN")
@json_option
@click.pass_context
def verify_cmd(ctx: click.Context, plan_id: str, as_json: bool) -> None:
    """Check stored plan PLAN against extracted events and witness reports:
    each corridor-day confirmed, contradicted (an alert) or unobserved."""
    from corridor.corridors.compliance import verify_plan

    result = verify_plan(_store(ctx), plan_id)
    if as_json:
        _emit_json([result.to_json()])
        return
    click.echo(f"plan {result.plan_id[:12]} ({result.scenario})")
    for corridor, status in result.corridors.items():
        click.echo(f"  corridor {corridor}: {status}")
    for obs in result.observations:
        moved = ", ".join(f"{n} {v}" for v, n in sorted(obs.vehicles.items()))
        click.echo(
            f"{obs.day} {obs.corridor}: {obs.status.upper()} (planned {moved}; "
            f"{obs.evacuees:,} evacuees, {obs.stretcher_cases:,} stretcher "
            f"cases, {obs.food_tonnes:,.0f} t food)"
        )
        for item in obs.evidence:
            quote = " ".join(item["quote"].split())[:110]
            click.echo(
                f"    {item['says']}: {item['event']} ({item['modality']}) "
                f'{item["source"]}: "{quote}"'
            )
    click.echo(
        f"{len(result.alerts)} alert(s): planned movements contradicted by reports"
    )


# web ------------------------------------------------------------------------------

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the dashboard and the JSON API (/api/v1) over the same store.

    Until `corridor user add` has created a user, the server is read-only and
    listens only on this machine (127.0.0.1).
    """
    import sqlalchemy as sa

    from corridor.store import schema
    from corridor.web import serve as run_server

    store = _store(ctx)
    with store.read() as conn:
        users = conn.execute(
            sa.select(sa.func.count()).select_from(schema.users)
        ).scalar_one()
    if not users and host not in LOOPBACK:
        raise click.ClickException(
            f"--host {host}: with no users yet the server is read-only and listens "
            "only on 127.0.0.1; create an admin with `corridor user add NAME --role "
            "admin` first"
        )
    click.echo(
        f"corridor serving {store.url} on http://{host}:{port}/ "
        f"({'read-only: no users yet' if not users else f'{users} user(s)'})",
        err=True,
    )
    run_server(_settings(ctx), host=host, port=port)


@cli.group(cls=_Group)
def user() -> None:
    """People who sign in to `corridor serve`, and their API tokens."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["viewer", "witness", "analyst", "admin"]),
    required=True,
    help="What the user may do.",
)
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str) -> None:
    """Create user NAME. The password is asked for on a terminal, or read from
    CORRIDOR_PASSWORD when there is none; never from the command line."""
    import os

    from corridor.web import add_user

    password = os.environ.get("CORRIDOR_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise click.ClickException(
                "no terminal to ask for the password: set CORRIDOR_PASSWORD"
            )
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    created = add_user(_store(ctx), name, role, password)
    click.echo(f"created {created.role} {created.name}")


@user.command("token")
@click.argument("name")
@click.option(
    "--label", default="script", show_default=True, help="What the token is for."
)
@click.pass_context
def user_token(ctx: click.Context, name: str, label: str) -> None:
    """Print a new API token for NAME (shown once; only its hash is stored)."""
    from corridor.web import create_token

    click.echo(create_token(_store(ctx), name, label))


# log ------------------------------------------------------------------------------


@cli.group(cls=_Group)
def log() -> None:
    """The evidence log: a hash chain over every stored record."""


@log.command("verify")
@click.option(
    "--expect-head",
    metavar="HASH",
    help="Also require this head hash (one you wrote down earlier).",
)
@json_option
@click.pass_context
def log_verify(ctx: click.Context, expect_head: str | None, as_json: bool) -> None:
    """Recompute the chain; exit 1 naming the first bad entry."""
    from corridor.store import chain, transfer

    store = _store(ctx)
    with store.read() as conn:
        result = chain.verify(conn, redacted=transfer.is_redacted(store, conn))
    problem = result.problem
    if result.ok and expect_head and not result.head.startswith(expect_head.lower()):
        problem = (
            f"the head is {result.head}, not {expect_head}: entries after it "
            "were removed, or the log was replaced"
        )
    if as_json:
        _emit_json(
            [
                {
                    "ok": problem is None,
                    "entries": result.entries,
                    "head": result.head,
                    "problem": problem,
                    "seq": result.seq,
                }
            ]
        )
    elif problem is None:
        click.echo(f"ok: {result.entries} entries, head {result.head}")
    else:
        click.echo(f"Error: evidence log broken: {problem}", err=True)
    if problem is not None:
        ctx.exit(1)


@log.command("show")
@click.option(
    "--tail", type=click.IntRange(min=1), metavar="N", help="Only the last N entries."
)
@json_option
@click.pass_context
def log_show(ctx: click.Context, tail: int | None, as_json: bool) -> None:
    """Print the log's entries, oldest first."""
    from corridor.store import chain

    with _store(ctx).read() as conn:
        rows = chain.tail(conn, tail)
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["hash"] = row["hash"][:16]
        row["ref"] = row["ref"][:16]
    _table(rows, ["seq", "at", "kind", "ref", "hash"])


# witnesses ------------------------------------------------------------------------


@cli.group(cls=_Group)
def witness() -> None:
    """Witness public keys, used to check signed witness reports."""


@witness.command("add")
@click.argument("name")
@click.argument("public_key")
@click.pass_context
def witness_add(ctx: click.Context, name: str, public_key: str) -> None:
    """Register PUBLIC_KEY (base64 Ed25519) for witness NAME (a pseudonym)."""
    from corridor.ingest.keys import add_witness_key

    added = add_witness_key(_store(ctx), name, public_key)
    click.echo(f"{'registered' if added else 'already registered'}: {name}")


@witness.command("list")
@json_option
@click.pass_context
def witness_list(ctx: click.Context, as_json: bool) -> None:
    """List registered witness keys."""
    from corridor.ingest.keys import witness_keys

    rows = witness_keys(_store(ctx))
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["name", "public_key", "added_at"])


# export / import ------------------------------------------------------------------


@cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Include witnesses' identities and exact locations.",
)
@click.pass_context
def export_cmd(ctx: click.Context, file: Path, include_restricted: bool) -> None:
    """Write everything, evidence log included, to FILE (JSON Lines)."""
    from corridor.store.transfer import export

    count = export(_store(ctx), file, include_restricted=include_restricted)
    note = "" if include_restricted else " (restricted witness fields left out)"
    click.echo(f"exported {count} rows to {file}{note}")


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, file: Path) -> None:
    """Write a consistent backup of the store to FILE (SQLite online backup, or
    pg_dump for PostgreSQL), restricted witness fields included."""
    from corridor.store.backup import backup

    size = backup(_store(ctx), file)
    click.echo(f"backed up to {file} ({size:,} bytes)")


@cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, file: Path) -> None:
    """Restore backup FILE into a new or empty store; undone unless its evidence
    log verifies."""
    from corridor.store.backup import restore

    entries = restore(_settings(ctx).db, file)
    click.echo(f"restored {file}: {entries} evidence-log entries, verified")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """Load an export into an empty store; refused unless its log verifies."""
    from corridor.store.transfer import import_

    count = import_(_store(ctx), file)
    click.echo(f"imported {count} rows from {file}; evidence log verified")


def main() -> None:
    # Readers report unusable files as one line each; silence the libraries'
    # own log lines about the same problems.
    for name in ("trafilatura", "htmldate", "pypdf"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    cli(prog_name="corridor")


if __name__ == "__main__":
    main()
