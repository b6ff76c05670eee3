"""Who may label: the service's bearer tokens, with the `reviewer` role.

`oci token --client <reviewer id> --role reviewer` mints a token; the reviewer pastes it on
the login page once, and it is kept in an HttpOnly, SameSite=Strict cookie for its lifetime
(at most `OCI_AUTH_MAX_TOKEN_LIFETIME_S`). A request may instead carry it as
`Authorization: Bearer`, as scripts do. A form posted with the cookie must also carry the
page's CSRF token (an HMAC of the session's token under a key of this process), so another
site cannot post labels in a reviewer's name.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request

from service.auth import AuthError, Principal, TokenAuthority

REVIEWER_ROLE = "reviewer"
COOKIE = "oci_review"


class AccessError(Exception):
    """A request that may not label: `status` 401 (who are you) or 403 (not a reviewer)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Reviewer:
    """The person behind a request: their id (the token's subject) and how they came."""

    id: str
    token: str
    by_cookie: bool


class ReviewAccess:
    """Verifies tokens and roles, and issues and checks CSRF tokens."""

    def __init__(self, authority: TokenAuthority) -> None:
        self._authority = authority
        self._csrf_key = secrets.token_bytes(32)

    def principal(self, token: str) -> Principal:
        """The token's principal, if it is valid and grants the reviewer role.

        Raises:
            AccessError: 401 for a missing or invalid token, 403 without the role.
        """
        try:
            principal = self._authority.verify(token)
        except AuthError as error:
            raise AccessError(401, str(error)) from error
        if REVIEWER_ROLE not in principal.roles:
            raise AccessError(
                403, f"{principal.client_id} has no reviewer role (oci token --role reviewer)"
            )
        return principal

    def reviewer(self, request: Request) -> Reviewer:
        """The reviewer a request comes from (bearer header first, then the cookie)."""
        scheme, _, header_token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and header_token.strip():
            token, by_cookie = header_token.strip(), False
        else:
            token, by_cookie = request.cookies.get(COOKIE, ""), True
        if not token:
            raise AccessError(401, "missing bearer token")
        return Reviewer(self.principal(token).client_id, token, by_cookie)

    def csrf(self, reviewer: Reviewer) -> str:
        """The CSRF token the reviewer's forms carry."""
        digest = hmac.new(self._csrf_key, reviewer.token.encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def check_csrf(self, reviewer: Reviewer, sent: str) -> None:
        """Refuse a cookie-authenticated form without this session's CSRF token (403)."""
        if reviewer.by_cookie and not hmac.compare_digest(self.csrf(reviewer), sent):
            raise AccessError(403, "the form's CSRF token does not match (reload the page)")
