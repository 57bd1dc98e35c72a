"""The ``corridor`` command. Thin: parse options, call one library function, print.

Library code raises typed errors (``errors.py``); only here do they become
``Error: ...`` on standard error and exit status 1.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

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
    bar = tqdm(
        total=len(sources),
        unit="file",
        disable=not sys.stderr.isatty(),
        file=sys.stderr,
        leave=False,
    )
    with bar:
        for outcome in batch.ingest(store, sources, options):
            bar.update(1)
            for warning in outcome.warnings:
                bar.write(f"Warning: {warning}", file=sys.stderr)
            if outcome.error is not None:
                rejected += 1
                bar.write(f"Error: {outcome.error}", file=sys.stderr)
            new += len(outcome.new)
            stored += len(outcome.stored)
    if skipped:
        click.echo(
            f"skipped {len(skipped)} file(s) of other types, such as {skipped[0]}",
            err=True,
        )
    click.echo(f"{new} new, {stored} already stored, {rejected} rejected")
    if rejected:
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
