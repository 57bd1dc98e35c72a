"""Runners: how extraction is driven over many documents.

``sequential`` (the default) works in this process, one document at a time;
``distributed`` ships batches to a Dask cluster and writes what comes back.
"""

from corridor.runners.distributed import extract_distributed
from corridor.runners.sequential import (
    ExtractOutcome,
    extract_files,
    extract_stored,
)

__all__ = [
    "ExtractOutcome",
    "extract_distributed",
    "extract_files",
    "extract_stored",
]
