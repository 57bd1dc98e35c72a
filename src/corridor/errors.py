"""The exceptions corridor raises.

Library code raises these; only the CLI turns them into ``Error: ...`` and exit
status 1, and only the web layer into HTTP errors::

    CorridorError
     ├── ConfigError          a setting or option has a value we cannot use
     ├── StoreError           the database cannot be opened, migrated or written
     │    └── NotEmptyError   an import was aimed at a store that holds records
     ├── InputError           one input (file, field, line) is unusable
     │    └── SignatureError  a witness report's signature is malformed or forged
     ├── IntegrityError       the evidence log does not verify
     ├── NotFoundError        a named record (or an area's data) does not exist
     └── ProjectionError      projection inputs cannot give a depletion date

Every message says what was expected, what arrived, and where.
"""

from __future__ import annotations


class CorridorError(Exception):
    """Base of every error corridor raises on purpose."""


class ConfigError(CorridorError):
    """A setting or command-line option has a value we cannot use."""


class StoreError(CorridorError):
    """The database cannot be opened, migrated or written."""


class NotEmptyError(StoreError):
    """An import was aimed at a store that already holds records."""


class InputError(CorridorError):
    """One input is unusable; ``source`` names the file (or ``<stdin>``)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class SignatureError(InputError):
    """A witness report's signature is malformed or does not verify."""


class IntegrityError(CorridorError):
    """The evidence log does not verify."""


class NotFoundError(CorridorError):
    """A named record (or any data about a named area) does not exist."""


class ProjectionError(CorridorError):
    """The projection inputs cannot give a depletion date."""
