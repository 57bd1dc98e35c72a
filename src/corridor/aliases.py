"""YAML's aliases let a few bytes name a structure many times ("billion
laughs"); the readers of front matter and scenario files count what a loaded
value holds before they use it."""

from __future__ import annotations

from typing import Any


def expanded_size(value: Any, limit: int) -> int:
    """How many values ``value`` holds with every shared (aliased) part counted
    each time it is used; counting stops past ``limit``."""
    count = 0
    todo = [value]
    while todo and count <= limit:
        item = todo.pop()
        count += 1
        if isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list | tuple | set):
            todo.extend(item)
    return count
