"""Ed25519 signatures on witness reports.

A report is signed over its *signed payload*: the report object without its
``signature`` field, as canonical JSON (keys sorted, no spaces, UTF-8, with
``location.lat`` and ``location.lon`` as JSON numbers). Keys and signatures are
written in standard base64: a public key is 32 bytes, a signature 64.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from corridor.store.chain import canonical_json

Verdict = Literal["valid", "invalid", "unknown-key", "unsigned"]


class KeyFormatError(ValueError):
    """A key or signature is not the base64 of the right number of bytes."""


def decode_b64(text: str, size: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFormatError(f"{what} must be base64, got {text[:20]!r}") from None
    if len(raw) != size:
        raise KeyFormatError(f"{what} must be {size} bytes of base64, got {len(raw)}")
    return raw


def public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(decode_b64(text, 32, "a public key"))


def normalise_public_key(text: str) -> str:
    """The canonical base64 spelling of a public key (raises KeyFormatError)."""
    return base64.b64encode(decode_b64(text, 32, "a public key")).decode("ascii")


def signed_payload(report: Mapping[str, Any]) -> bytes:
    body = {key: value for key, value in report.items() if key != "signature"}
    return canonical_json(body).encode("utf-8")


def sign(report: Mapping[str, Any], private_key_b64: str) -> str:
    """The base64 signature of ``report`` by the 32-byte private key seed given."""
    key = Ed25519PrivateKey.from_private_bytes(
        decode_b64(private_key_b64, 32, "a private key")
    )
    return base64.b64encode(key.sign(signed_payload(report))).decode("ascii")


def check(report: Mapping[str, Any], keys: Mapping[str, str]) -> Verdict:
    """The verdict on ``report``'s signature, given registered keys by witness name.

    Raises KeyFormatError when the signature is not 64 bytes of base64.
    """
    signature = report.get("signature")
    if signature in (None, ""):
        return "unsigned"
    if not isinstance(signature, str):
        raise KeyFormatError("a signature must be a base64 string")
    raw = decode_b64(signature, 64, "the signature")
    name = report.get("witness")
    key = keys.get(name) if isinstance(name, str) else None
    if key is None:
        return "unknown-key"
    try:
        public_key(key).verify(raw, signed_payload(report))
    except InvalidSignature:
        return "invalid"
    return "valid"


def new_key_pair() -> tuple[str, str]:
    """A fresh (private seed, public key) pair, both base64."""
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()
