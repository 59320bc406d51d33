"""Plugin-host tests run their own servers (SQLite) with exactly the plugins they load."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.plugins.support import Host, make_plugins


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "installs: pip-installs a package into the running environment (a few seconds)")


@pytest.fixture
def host(tmp_path) -> Iterator[Host]:
    running = Host(tmp_path, make_plugins(), {})
    try:
        yield running
    finally:
        running.stop()
