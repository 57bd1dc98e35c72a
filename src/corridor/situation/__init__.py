"""Situation: claims -> reconciled estimates, conflicts, corridor status."""

from corridor.situation.conflicts import Conflict
from corridor.situation.estimates import Estimate, Evidence, Rollup
from corridor.situation.picture import Situation, build, canonical_area
from corridor.situation.status import CorridorHistory

__all__ = [
    "Conflict",
    "CorridorHistory",
    "Estimate",
    "Evidence",
    "Rollup",
    "Situation",
    "build",
    "canonical_area",
]
