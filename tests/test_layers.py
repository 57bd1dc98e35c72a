"""The data flow is the import graph: a stage imports only the stages before it
and the store; nothing imports the CLI or the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corridor"
BASE = {"errors", "settings", "aliases", "__init__"}

ALLOWED: dict[str, set[str]] = {
    "store": set(),
    "ingest": {"store"},
    "extract": {"store"},
    "runners": {"store", "ingest", "extract"},
    "situation": {"store", "extract"},
    "corridors": {"store", "extract", "situation"},
    "report": {"store", "extract", "situation", "corridors"},
    "web": {
        "store",
        "ingest",
        "extract",
        "runners",
        "situation",
        "corridors",
        "report",
    },
}
"""Stage -> the other parts of corridor it may import."""


def imported_parts(path: Path) -> set[str]:
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "corridor" and len(pieces) > 1:
                parts.add(pieces[1])
    return parts


def test_every_stage_imports_only_what_comes_before_it() -> None:
    broken = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        stage = relative.parts[0].removesuffix(".py")
        if stage in BASE or stage == "cli":
            allowed = set(ALLOWED) if stage == "cli" else set()
        else:
            assert stage in ALLOWED, f"{relative}: a new stage? add it to ALLOWED"
            allowed = ALLOWED[stage]
        for part in imported_parts(path) - BASE - {stage}:
            if part not in allowed:
                broken.append(f"{relative} imports corridor.{part}")
    assert not broken, "\n".join(broken)


def test_nothing_imports_the_cli() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "cli" in imported_parts(p) and p.name != "cli.py"
    ]
    assert not offenders
