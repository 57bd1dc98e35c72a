"""The database schema, in SQLAlchemy Core, shared by SQLite and PostgreSQL.

Every table whose rows are evidence (documents, claims, events, witness keys)
is also written to the evidence log (``log``) in the same transaction; see
``chain.py``. ``restricted`` holds a witness's identity and exact coordinates:
it is never logged in clear (the document row carries a salted digest of it)
and never exported without ``--include-restricted``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

HASH = sa.String(64)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("publisher", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("observed_at", sa.String(40)),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("area", sa.Text),
    sa.Column("signature", sa.String(16)),
    sa.Column("restricted_sha256", HASH),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

restricted = sa.Table(
    "restricted",
    metadata,
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("salt", sa.String(32), nullable=False),
    sa.Column("fields", sa.Text, nullable=False),
)

witness_keys = sa.Table(
    "witness_keys",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("public_key", sa.String(64), nullable=False, unique=True),
    sa.Column("added_at", sa.String(32), nullable=False),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column(
        "document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("extractor", sa.String(64), nullable=False),
    sa.Column("digest", HASH, nullable=False),
    sa.Column("claims", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.UniqueConstraint("document_id", "number"),
)
"""One run of the extractor over one document. The claims and events of a
document's highest-numbered extraction are its current ones; earlier ones stay,
superseded, because the evidence log never forgets a record."""

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column(
        "extraction_id",
        HASH,
        sa.ForeignKey("extractions.id"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("indicator", sa.String(64), nullable=False, index=True),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("unit", sa.String(32), nullable=False),
    sa.Column("vague", sa.Boolean, nullable=False),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("area", sa.Text, index=True),
    sa.Column("actor", sa.Text),
    sa.Column("attribution", sa.Text),
    sa.Column("as_of", sa.Date),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column(
        "extraction_id",
        HASH,
        sa.ForeignKey("extractions.id"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("event", sa.String(64), nullable=False, index=True),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("area", sa.Text),
    sa.Column("actor", sa.Text),
    sa.Column("attribution", sa.Text),
    sa.Column("date", sa.Date),
    sa.Column("count", sa.Integer),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column("claim_id", HASH, sa.ForeignKey("claims.id"), nullable=False, index=True),
    sa.Column("changes", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
)
"""An analyst's correction of a claim: the fields it changes (canonical JSON of
column -> new value) and why. The claim row itself is never overwritten; readers
apply corrections in order."""

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column("scenario_name", sa.Text, nullable=False),
    sa.Column("scenario", sa.Text, nullable=False),
    sa.Column("method", sa.String(32), nullable=False),
    sa.Column("objective", sa.Float, nullable=False),
    sa.Column("gap", sa.Float),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
"""A corridor plan as made: its scenario (canonical JSON), the solver's
figures and the schedule (canonical JSON of the plan)."""

notifications = sa.Table(
    "notifications",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column("plan_id", HASH, sa.ForeignKey("plans.id"), nullable=False, index=True),
    sa.Column("party", sa.Text, nullable=False),
    sa.Column("corridor", sa.Text, nullable=False),
    sa.Column("route", sa.Text, nullable=False),
    sa.Column("window_start", sa.String(32), nullable=False),
    sa.Column("window_end", sa.String(32), nullable=False),
    sa.Column("vehicles", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
"""What a party (or the UN coordination office) must be told of one corridor
window of a plan: route, times, vehicles."""

acknowledgements = sa.Table(
    "acknowledgements",
    metadata,
    sa.Column("id", HASH, primary_key=True),
    sa.Column(
        "notification_id",
        HASH,
        sa.ForeignKey("notifications.id"),
        nullable=False,
        index=True,
    ),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
)
"""People who sign in to ``corridor serve``: viewer, witness, analyst or admin.
Never exported and never logged (the log is evidence; passwords are not)."""

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("token_sha256", HASH, primary_key=True),
    sa.Column(
        "user", sa.String(200), sa.ForeignKey("users.name"), nullable=False, index=True
    ),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
"""API tokens for scripts; only their SHA-256 is stored."""

log = sa.Table(
    "log",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("ref", sa.String(200), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("prev_hash", HASH, nullable=False),
    sa.Column("hash", HASH, nullable=False, unique=True),
    sa.Index("ix_log_kind_ref", "kind", "ref"),
)

LOGGED_TABLES: dict[str, sa.Table] = {
    t.name: t
    for t in (
        documents,
        witness_keys,
        extractions,
        claims,
        events,
        corrections,
        plans,
        notifications,
        acknowledgements,
    )
}
"""Tables whose every row has an entry in the evidence log, by log ``kind``."""
