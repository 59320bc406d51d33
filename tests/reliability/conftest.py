"""Keep ``@pytest.mark.slow`` runs out of the normal suite: they run only when ``-m`` names them.

pyproject.toml declares the marker as excluded by default but nothing
deselected it; this hook does so for the tests in this folder.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords and "tests/reliability/" in item.nodeid:
            item.add_marker(skip)
