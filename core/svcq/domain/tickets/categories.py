"""The category tree of a community: paths such as ``plumbing/leak``.

A tree is kept as its list of paths; every prefix of a path is a node too,
so a ticket may be filed under "plumbing" before anyone knows it is a leak.
"""

from __future__ import annotations

from collections.abc import Iterable


def normalize(category: str) -> str:
    """``" plumbing / leak/"`` -> ``"plumbing/leak"``; the empty category stays empty."""
    return "/".join(part.strip() for part in category.strip().strip("/").split("/") if part.strip())


def nodes(tree: Iterable[str]) -> frozenset[str]:
    """Every path of the tree and every prefix of one."""
    found: set[str] = set()
    for path in tree:
        parts = path.split("/")
        found.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return frozenset(found)


def in_tree(tree: Iterable[str], category: str) -> bool:
    """Whether ``category`` (normalised) is a node of ``tree``; uncategorised is always allowed."""
    category = normalize(category)
    return not category or category in nodes(tree)
