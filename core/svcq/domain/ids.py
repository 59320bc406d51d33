"""Resource ids: a type prefix and a time-ordered random part, e.g. ``ow_01kbx3...``.

Time-ordered ids make keyset pagination follow creation order without a
second sort column, and the prefix tells a support engineer at a glance
whether an id is an owner, a ticket or a community.
"""

from __future__ import annotations

import os
import threading
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case


_last = 0
_lock = threading.Lock()


def new_id(prefix: str) -> str:
    """48 bits of milliseconds then 40 random bits, base32: 18 sortable characters.

    Within one millisecond the random part only grows, so ids made by one
    process keep their creation order (pages list owners oldest first).
    """
    global _last
    value = (time.time_ns() // 1_000_000) << 40 | int.from_bytes(os.urandom(5), "big")
    with _lock:
        if value <= _last:
            value = _last + 1
        _last = value
    chars = []
    for _ in range(18):
        value, rem = divmod(value, 32)
        chars.append(_ALPHABET[rem])
    return f"{prefix}_{''.join(reversed(chars))}"
