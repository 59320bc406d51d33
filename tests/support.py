"""Test helpers of the core's suite: the public ones plugin authors use too (svcq.testing)."""

from __future__ import annotations

from svcq.testing import Factory, details, unique

__all__ = ["Factory", "details", "unique"]
