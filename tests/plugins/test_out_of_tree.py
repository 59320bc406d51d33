"""An out-of-tree plugin: scaffolded by ``svcq plugin new``, pip-installed, discovered.

The package is installed into the running environment (not editable: a
.pth file would only be read by a new interpreter) and uninstalled again.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import svcq
from svcq.cli import main
from svcq.testing import start_server
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import admin_pb2_grpc
from tests.plugins.support import toml
from tests.support import Factory

pytestmark = pytest.mark.installs

NAME = "oot_greeter"
DISTRIBUTION = "svcq-oot-greeter"


def pip(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet",
                             "--disable-pip-version-check"],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    pytest.importorskip("setuptools", reason="--no-build-isolation builds with this env's "
                                             "setuptools")
    target = tmp_path_factory.mktemp("oot") / DISTRIBUTION
    assert main(["plugin", "new", NAME, "--dir", str(target)]) == 0
    pip("install", "--no-deps", "--no-build-isolation", str(target))
    importlib.invalidate_caches()
    try:
        yield target
    finally:
        pip("uninstall", "--yes", DISTRIBUTION)
        importlib.invalidate_caches()


def test_installed_plugin_runs_in_one_community_only_and_a_reload_switches_it_off(
        installed, tmp_path):
    config = tmp_path / "svcq.toml"
    config.write_text("", encoding="utf-8")
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", config_file=str(config))
    try:
        factory = Factory(running.channel)
        admin = admin_pb2_grpc.AdminServiceStub(running.channel)
        here = factory.community()
        there = factory.community(here.region_id)
        listed = {p.name: p for p in admin.ListPlugins(apb.ListPluginsRequest()).plugins}
        assert (listed[NAME].distribution, listed[NAME].version) == (DISTRIBUTION, "0.1.0")
        assert NAME not in factory.owner(here.id).plugin_data

        config.write_text(toml({"plugins": {NAME: {"enabled_communities": [here.id],
                                                   "greeting": "Hi"}}}), encoding="utf-8")
        admin.ReloadConfig(apb.ReloadConfigRequest())
        assert dict(factory.owner(here.id).plugin_data[NAME]) == {"greeting": "Hi"}
        assert NAME not in factory.owner(there.id).plugin_data

        config.write_text("", encoding="utf-8")
        admin.ReloadConfig(apb.ReloadConfigRequest())
        assert NAME not in factory.owner(here.id).plugin_data
    finally:
        running.stop()


def _env() -> dict[str, str]:
    """This environment, with svcq importable from any folder (PYTHONPATH may be relative)."""
    core = str(Path(svcq.__file__).resolve().parents[1])
    paths = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
             if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([core, *paths])}


def test_the_scaffolded_test_passes_with_the_svcq_testing_fixtures(installed):
    # -p no:svcq -p svcq.testing: the same fixtures whether or not svcq's own
    # pytest11 entry point is installed in this environment.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:svcq",
         "-p", "svcq.testing", "tests"],
        cwd=installed, capture_output=True, text=True, timeout=120, env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
