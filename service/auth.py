"""Bearer tokens for the Salesforce client (seed 000, CSDXOCI-7): signed, 1-hour expiry.

HS256 JWTs with issuer, audience, subject (the client id) and expiry, and optionally the
roles the holder has (`roles`, e.g. `reviewer` for the review queue). The service only
verifies; `oci token issue` mints them with the same secret.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jwt

from service.settings import ConfigurationError

if TYPE_CHECKING:
    from service.settings import Settings

ISSUER = "omni-channel-insights"
AUDIENCE = "omni-channel-insights-api"
DEFAULT_TTL_S = 3600
# The longest `exp - iat` accepted: a leaked token must not stay useful for years, however
# validly it is signed (`OCI_AUTH_MAX_TOKEN_LIFETIME_S`).
DEFAULT_MAX_LIFETIME_S = 3600
MIN_SECRET_BYTES = 32
# Tokens remembered once verified. A Salesforce org sends the same token for its whole
# hour, so a few thousand cover every client a replica sees; beyond that the oldest go.
DEFAULT_REMEMBERED_TOKENS = 4096


class AuthError(Exception):
    """A missing, malformed, expired, forged or mis-addressed token.

    Attributes:
        reason: A code for metrics and logs (`missing_token`, `invalid_token`,
            `expired_token`, `wrong_audience`, `token_lifetime_too_long`); the message is
            what the client is told.
    """

    def __init__(self, message: str, reason: str = "invalid_token") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Principal:
    """Who called: the client id from the token's subject, and the roles it grants."""

    client_id: str
    expires_at: int
    roles: tuple[str, ...] = ()


class TokenAuthority:
    """Issues and verifies the service's bearer tokens.

    A token that verified once is remembered (by its exact text) until it expires: every
    request carries one, clients reuse theirs for an hour, and decoding and checking the
    signature again took about 3 % of a worker's CPU under `bench/service_overhead.py`.
    A remembered token still gets the expiry check on every use, and anything that failed
    is never remembered, so the answers are the same as verifying each time.
    """

    def __init__(
        self,
        secret: str,
        *,
        audience: str = AUDIENCE,
        issuer: str = ISSUER,
        clock: Callable[[], float] = time.time,
        remembered_tokens: int = DEFAULT_REMEMBERED_TOKENS,
        max_lifetime_s: int = DEFAULT_MAX_LIFETIME_S,
    ) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"auth secret must be at least {MIN_SECRET_BYTES} bytes")
        self._secret = secret
        self._audience = audience
        self._issuer = issuer
        self._clock = clock
        self._max_remembered = remembered_tokens
        self._max_lifetime_s = max_lifetime_s
        self._verified: dict[str, Principal] = {}

    def issue(
        self, client_id: str, *, ttl_s: int = DEFAULT_TTL_S, roles: tuple[str, ...] = ()
    ) -> str:
        """A signed token for `client_id`, valid for `ttl_s` seconds (default one hour),
        granting `roles` (none by default: the summary API needs none).

        Raises:
            ValueError: `ttl_s` is longer than this authority accepts.
        """
        if ttl_s > self._max_lifetime_s:
            limit = self._max_lifetime_s
            raise ValueError(f"ttl_s {ttl_s} exceeds the maximum token lifetime {limit} s")
        now = int(self._clock())
        claims: dict[str, object] = {
            "sub": client_id,
            "iss": self._issuer,
            "aud": self._audience,
            "iat": now,
            "exp": now + ttl_s,
        }
        if roles:
            claims["roles"] = sorted(set(roles))
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        """The caller, if the token is genuine, unexpired and addressed to this API.

        Raises:
            AuthError: With a reason safe to return to the client.
        """
        known = self._verified.get(token)
        if known is not None:
            if self._clock() >= known.expires_at:  # as PyJWT decides: expired at `exp`
                self._verified.pop(token, None)
                raise AuthError("token expired", "expired_token")
            return known
        principal = self._decode(token)
        if self._max_remembered > 0:
            while len(self._verified) >= self._max_remembered:
                # Insertion order: the oldest entry goes first.
                self._verified.pop(next(iter(self._verified)), None)
            self._verified[token] = principal
        return principal

    def _decode(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
                leeway=0,
            )
        except jwt.ExpiredSignatureError as error:
            raise AuthError("token expired", "expired_token") from error
        except jwt.InvalidAudienceError as error:
            raise AuthError("token is for another audience", "wrong_audience") from error
        except jwt.InvalidTokenError as error:
            raise AuthError("invalid token") from error
        if self._clock() >= int(claims["exp"]):  # PyJWT's rule, on this authority's clock
            raise AuthError("token expired", "expired_token")
        if int(claims["exp"]) - int(claims["iat"]) > self._max_lifetime_s:
            limit = self._max_lifetime_s
            raise AuthError(f"token lifetime exceeds {limit} s", "token_lifetime_too_long")
        roles = claims.get("roles", [])
        if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
            raise AuthError("invalid token", "invalid_token")
        return Principal(str(claims["sub"]), int(claims["exp"]), tuple(roles))


def dev_secret(path: Path) -> str:
    """A per-machine secret for the embedded default, created once with mode 0600.

    Created atomically, as workers and `oci token` may start at the same moment: the value
    is written in full to a private temporary file, linked into place only if no secret
    exists yet (`os.link` fails on an existing name), and the winner's file is read back.
    Checking then writing gave two processes different secrets, or one an empty file.
    Real backends and production set `OCI_AUTH_SECRET` instead (`build_auth` refuses to
    start there without one).
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(48))
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            Path(temporary).unlink()
    return path.read_text(encoding="utf-8").strip()


def authority_for(settings: Settings) -> TokenAuthority:
    """Token authority from `OCI_AUTH_SECRET`, or the per-machine dev secret.

    Raises:
        ConfigurationError: Real backends or production without `OCI_AUTH_SECRET` (an empty
            one counts as missing), or a secret too short to sign with.
    """
    missing = settings.missing_secret()
    if missing is not None:
        raise ConfigurationError(missing)
    secret = settings.auth_secret
    value = secret.get_secret_value() if secret else dev_secret(settings.dev_secret_path)
    try:
        return TokenAuthority(value, max_lifetime_s=settings.auth_max_token_lifetime_s)
    except ValueError as error:  # a secret too short to sign with: the operator's to fix
        raise ConfigurationError(f"OCI_AUTH_SECRET: {error}") from None
