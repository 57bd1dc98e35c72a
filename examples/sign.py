"""Re-sign the example witness reports with the example keys.

Every ``*.json`` and ``*.csv`` file under ``examples/witness/`` is signed again
with the private key of its witness, read from ``examples/keys/private/NAME.key``,
and rewritten in place:

- JSON files hold one report object or a list of them; they are written back
  pretty-printed (indent 2, non-ASCII kept as is).
- CSV files keep their columns. The signed object of a row is built from its
  non-empty cells: ``lat`` and ``lon`` go into ``"location": {"lat": ..., "lon": ...}``
  as numbers, every other column stays a string, and ``signature`` is left out.

The keys are example-only keys, published on purpose (see
``examples/keys/private/README.md``). Run from the repository root:

    python examples/sign.py
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from corridor.ingest.signing import sign

EXAMPLES = Path(__file__).resolve().parent
WITNESS_DIR = EXAMPLES / "witness"
PRIVATE_KEYS = EXAMPLES / "keys" / "private"


def load_private_keys() -> dict[str, str]:
    """The private seeds by witness name, one ``NAME.key`` file per witness."""
    return {
        path.stem: path.read_text(encoding="utf-8").strip()
        for path in sorted(PRIVATE_KEYS.glob("*.key"))
    }


def signed(report: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """``report`` with a fresh signature (its other fields unchanged)."""
    name = report.get("witness")
    if name not in keys:
        raise SystemExit(f"no private key for witness {name!r} in {PRIVATE_KEYS}")
    body = {key: value for key, value in report.items() if key != "signature"}
    return {**body, "signature": sign(body, keys[name])}


def row_to_report(row: dict[str, str]) -> dict[str, Any]:
    """The report a CSV row stands for: what its signature is computed over."""
    report: dict[str, Any] = {}
    for column, cell in row.items():
        if column in ("signature", "lat", "lon") or cell in (None, ""):
            continue
        report[column] = cell
    if row.get("lat") and row.get("lon"):
        report["location"] = {"lat": float(row["lat"]), "lon": float(row["lon"])}
    return report


def sign_json(path: Path, keys: dict[str, str]) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        data = [signed(report, keys) for report in data]
        count = len(data)
    else:
        data = signed(data, keys)
        count = 1
    path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return count


def sign_csv(path: Path, keys: dict[str, str]) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    for row in rows:
        row["signature"] = sign(row_to_report(row), keys[row["witness"]])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return len(rows)


def main() -> None:
    keys = load_private_keys()
    total = 0
    for path in sorted(WITNESS_DIR.iterdir()):
        if path.suffix == ".json":
            count = sign_json(path, keys)
        elif path.suffix == ".csv":
            count = sign_csv(path, keys)
        else:
            continue
        total += count
        print(f"signed {count} report(s) in {path.relative_to(EXAMPLES.parent)}")
    print(f"{total} witness report(s) signed")


if __name__ == "__main__":
    main()
