"""Options of the web server, beside the shared :class:`corridor.settings.Settings`.

Each comes from an environment variable (``docs/web.md`` lists them); the
app factory takes them as an explicit object so tests can build their own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from corridor.errors import ConfigError

DEFAULT_DRAWS = 20_000
_TILE_URL = re.compile(r"\Ahttps?://[^\s\"'<>]+\Z")


@dataclass(frozen=True)
class WebOptions:
    """How ``corridor serve`` behaves."""

    secret_key: str | None = None
    """Signs session cookies (``CORRIDOR_SECRET_KEY``). When unset, a random
    key is made at start-up, so sessions end when the server restarts."""

    tile_url: str | None = None
    """Map tiles, like ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``
    (``CORRIDOR_TILE_URL``). Unset (the default): no tile is ever fetched."""

    tile_attribution: str = ""
    """Credit shown under the tiles (``CORRIDOR_TILE_ATTRIBUTION``)."""

    public_read: bool = False
    """Let anyone read pages and the API when users exist
    (``CORRIDOR_PUBLIC_READ=1``). Without any user, reading is always open
    and nothing can be written."""

    secure_cookies: bool = False
    """Send the session cookie over HTTPS only (``CORRIDOR_SECURE_COOKIES=1``);
    set it behind a TLS proxy."""

    draws: int = DEFAULT_DRAWS
    """Monte Carlo draws of the projection pages (``CORRIDOR_WEB_DRAWS``)."""

    outlines: str | None = None
    """A GeoJSON FeatureCollection of area outlines, each feature naming its
    area in ``properties.area`` (``CORRIDOR_AREA_OUTLINES``)."""

    def __post_init__(self) -> None:
        if self.tile_url is not None and not (
            _TILE_URL.match(self.tile_url)
            and all(p in self.tile_url for p in ("{z}", "{x}", "{y}"))
        ):
            raise ConfigError(
                "CORRIDOR_TILE_URL must be an http(s) address with {z}, {x} and "
                f"{{y}}, like https://tile.example.org/{{z}}/{{x}}/{{y}}.png; got "
                f"{self.tile_url!r}"
            )
        if self.secret_key is not None and len(self.secret_key) < 32:
            raise ConfigError(
                "CORRIDOR_SECRET_KEY must be at least 32 characters, got "
                f"{len(self.secret_key)}"
            )
        if not 100 <= self.draws <= 1_000_000:
            raise ConfigError(
                f"CORRIDOR_WEB_DRAWS must be between 100 and 1000000, got {self.draws}"
            )

    @property
    def tile_origin(self) -> str | None:
        """``https://tile.example.org``: what the content policy must allow."""
        if self.tile_url is None:
            return None
        scheme, _, rest = self.tile_url.partition("://")
        host = rest.split("/", 1)[0]
        return f"{scheme}://{host.replace('{s}', '*')}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebOptions:
        env = os.environ if environ is None else environ
        raw_draws = env.get("CORRIDOR_WEB_DRAWS")
        try:
            draws = DEFAULT_DRAWS if not raw_draws else int(raw_draws)
        except ValueError:
            raise ConfigError(
                f"CORRIDOR_WEB_DRAWS must be a whole number, got {raw_draws!r}"
            ) from None
        return cls(
            secret_key=env.get("CORRIDOR_SECRET_KEY") or None,
            tile_url=env.get("CORRIDOR_TILE_URL") or None,
            tile_attribution=env.get("CORRIDOR_TILE_ATTRIBUTION", ""),
            public_read=_flag(env, "CORRIDOR_PUBLIC_READ"),
            secure_cookies=_flag(env, "CORRIDOR_SECURE_COOKIES"),
            draws=draws,
            outlines=env.get("CORRIDOR_AREA_OUTLINES") or None,
        )


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {value!r}")
