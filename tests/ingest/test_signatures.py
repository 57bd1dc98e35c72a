"""Signed witness reports: valid, forged, unknown key, and restricted fields."""

from __future__ import annotations

import json
from pathlib import Path

from corridor.ingest.signing import new_key_pair
from tests.conftest import Run, signed_report, write_json
from tests.ingest.test_ingest import stored


def test_valid_signature_is_stored_as_valid(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    assert run("witness", "add", "w-one", public).exit_code == 0
    write_json(tmp_path / "r.json", signed_report(private))
    result = run("ingest", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    (doc,) = stored(db)
    assert (doc["kind"], doc["signature"]) == ("witness", "valid")
    assert str(doc["published"]) == "2016-12-15"
    assert doc["observed_at"] == "2016-12-15T14:30:00+02:00"


def test_forged_report_is_refused(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    run("witness", "add", "w-one", public)
    report = signed_report(private)
    report["text"] = "No buses at all left the crossing."  # altered after signing
    write_json(tmp_path / "forged.json", report)
    result = run("ingest", str(tmp_path / "forged.json"))
    assert result.exit_code == 1
    assert "forged.json: signature does not verify" in result.stderr
    assert stored(db) == []


def test_report_signed_by_another_key_is_refused(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    _, public = keypair
    impostor, _ = new_key_pair()
    run("witness", "add", "w-one", public)
    write_json(tmp_path / "r.json", signed_report(impostor))
    assert run("ingest", str(tmp_path / "r.json")).exit_code == 1
    assert stored(db) == []


def test_forged_report_kept_flagged_when_asked(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    run("witness", "add", "w-one", public)
    report = signed_report(private)
    report["area"] = "west Aleppo"
    write_json(tmp_path / "forged.json", report)
    result = run("ingest", "--keep-invalid", str(tmp_path / "forged.json"))
    assert result.exit_code == 0
    assert "signature is invalid" in result.stderr
    assert stored(db)[0]["signature"] == "invalid"


def test_unknown_key_is_stored_with_that_verdict(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, _ = keypair
    write_json(tmp_path / "r.json", signed_report(private, witness="w-stranger"))
    result = run("ingest", str(tmp_path / "r.json"))
    assert result.exit_code == 0
    assert "signature is unknown-key" in result.stderr
    assert stored(db)[0]["signature"] == "unknown-key"


def test_replayed_report_is_stored_once(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    run("witness", "add", "w-one", public)
    report = signed_report(private)
    write_json(tmp_path / "a.json", report)
    write_json(tmp_path / "b.json", report)
    result = run("ingest", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert "1 new, 1 already stored, 0 rejected" in result.stdout


def test_two_witnesses_with_the_same_words_are_two_documents(
    run: Run, db: str, tmp_path: Path
) -> None:
    one, one_pub = new_key_pair()
    two, two_pub = new_key_pair()
    run("witness", "add", "w-one", one_pub)
    run("witness", "add", "w-two", two_pub)
    write_json(
        tmp_path / "r.json", [signed_report(one), signed_report(two, witness="w-two")]
    )
    assert "2 new" in run("ingest", str(tmp_path / "r.json")).stdout


def test_witness_add_refuses_a_second_key_for_a_name(
    run: Run, keypair: tuple[str, str]
) -> None:
    _, public = keypair
    _, other = new_key_pair()
    assert "registered: w-one" in run("witness", "add", "w-one", public).stdout
    assert "already registered" in run("witness", "add", "w-one", public).stdout
    result = run("witness", "add", "w-one", other)
    assert result.exit_code == 1 and "already has a different key" in result.stderr
    bad = run("witness", "add", "w-two", "abc")
    assert bad.exit_code == 1 and "PUBLIC_KEY: a public key must be" in bad.stderr


def test_restricted_fields_never_shown_or_exported_by_default(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    run("witness", "add", "w-one", public)
    write_json(tmp_path / "r.json", signed_report(private, contact="+963 555 0101"))
    run("ingest", str(tmp_path / "r.json"))
    secrets = ("+963 555 0101", "36.2", "37.18")
    shown = (
        run("documents").stdout
        + run("documents", "--json").stdout
        + run("log", "show", "--json").stdout
    )
    assert not any(s in shown for s in secrets)
    run("export", str(tmp_path / "public.jsonl"))
    public_export = (tmp_path / "public.jsonl").read_text()
    assert not any(s in public_export for s in secrets)
    run("export", "--include-restricted", str(tmp_path / "full.jsonl"))
    full = (tmp_path / "full.jsonl").read_text()
    assert all(s in full for s in secrets)
    header = json.loads(full.splitlines()[0])
    assert header["restricted"] is True


def test_an_export_with_restricted_fields_is_private_to_its_owner(
    run: Run, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, public = keypair
    run("witness", "add", "w-one", public)
    write_json(tmp_path / "r.json", signed_report(private))
    run("ingest", str(tmp_path / "r.json"))
    run("export", "--include-restricted", str(tmp_path / "full.jsonl"))
    run("export", str(tmp_path / "public.jsonl"))
    assert (tmp_path / "full.jsonl").stat().st_mode & 0o077 == 0
    assert (tmp_path / "public.jsonl").stat().st_mode & 0o044 == 0o044
