"""Opaque, signed page tokens for keyset pagination (AIP-158).

A token carries the last key served and a digest of the query it belongs to,
signed with a secret shared by every replica (kept in the database). A forged,
truncated or reused-with-another-filter token is refused as INVALID_ARGUMENT
on ``page_token`` instead of silently serving the wrong page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from svcq.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class PageTokens:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:16]

    @staticmethod
    def _query_digest(query: str) -> str:
        return hashlib.sha256(query.encode()).hexdigest()[:16]

    def encode(self, last_key: str, query: str) -> str:
        payload = json.dumps({"k": last_key, "q": self._query_digest(query)}).encode()
        return base64.urlsafe_b64encode(self._sign(payload) + payload).decode().rstrip("=")

    def decode(self, token: str, query: str) -> str | None:
        """The last key of the previous page, or None for the first page."""
        if not token:
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            signature, payload = raw[:16], raw[16:]
            if not hmac.compare_digest(signature, self._sign(payload)):
                raise ValueError("bad signature")
            data = json.loads(payload)
            key = data["k"]
            if not isinstance(key, str):
                raise ValueError("bad key")
        except (ValueError, KeyError, TypeError):
            raise InvalidArgument.one(
                "page_token", "not a page token this server issued", reason="INVALID_PAGE_TOKEN"
            ) from None
        if data.get("q") != self._query_digest(query):
            raise InvalidArgument.one(
                "page_token",
                "the token belongs to a different filter; start again without a token",
                reason="INVALID_PAGE_TOKEN",
            )
        return key


def page_size(requested: int) -> int:
    """Clamp a requested page size: 0 means the default, above the maximum is capped."""
    if requested < 0:
        raise InvalidArgument.one("page_size", "must not be negative")
    if requested == 0:
        return DEFAULT_PAGE_SIZE
    return min(requested, MAX_PAGE_SIZE)
