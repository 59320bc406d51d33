"""Every built-in practice is shaped exactly like a regional team's package.

Checked for each entry point of ``svcq.plugins`` that lives under plugins/:
installed by its entry point (nothing else distinguishes it), a docs page
listing every setting it declares, settings the host validates (a typo or a
wrong type is refused naming the plugin), its own tests against a real
server, code that reaches svcq only through the plugin API, and tests that
need nothing a package installed from PyPI lacks: not this repository's
``tests`` folder, nor another practice's package.
"""

from __future__ import annotations

import ast
import importlib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from svcq.errors import InvalidArgument
from svcq.plugin import ENTRY_POINT_GROUP
from svcq.plugins import build_plugin_manager, load_plugin_settings

ROOT = Path(__file__).resolve().parents[2]
#: What a plugin's own code may import of svcq: the plugin API and the errors it raises.
PLUGIN_API = {"svcq.plugin", "svcq.errors"}
#: What its tests may import besides: the public test support and the generated protos.
PLUGIN_TEST_API = PLUGIN_API | {"svcq.testing", "svcq.v1"}
BUILT_IN = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)
            if ep.value.split(".")[0] in {p.name for p in (ROOT / "plugins").iterdir()}}


def package_of(name: str) -> Path:
    return ROOT / "plugins" / BUILT_IN[name].value.split(".")[0]


def test_the_five_practices_are_installed_by_entry_point():
    assert sorted(BUILT_IN) == ["big_customer_service", "eastchina", "fivestep", "vip_butler",
                                "welcome"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name, ep in BUILT_IN.items():
        assert ep.value == f"svcq_{name}.plugin"
        assert f'{name} = "svcq_{name}.plugin"' in pyproject


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_each_has_a_docs_page_listing_every_setting_it_declares(name):
    page = ROOT / "docs" / "plugins" / f"{name}.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert page.exists() and f"docs/plugins/{name}.md" in readme
    text = page.read_text(encoding="utf-8")
    catalog = build_plugin_manager(load_entrypoints=False,
                                   extra_plugins=[(name, BUILT_IN[name].load())]).catalog
    declared = [s.key for s in catalog.settings[name]]
    assert declared, f"{name} declares no settings"
    assert [k for k in declared if f"`{k}`" not in text] == [], f"undocumented in {page.name}"


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_each_has_its_settings_validated_by_the_host(name):
    catalog = build_plugin_manager(load_entrypoints=False,
                                   extra_plugins=[(name, BUILT_IN[name].load())]).catalog
    first = catalog.settings[name][0]
    wrong = [1] if first.type is str else "not a number"
    with pytest.raises(InvalidArgument) as refused:
        load_plugin_settings({"plugins": {name: {"enabled": True, "no_such_key": 1,
                                                 first.key: wrong}}}, catalog)
    assert sorted(v.field for v in refused.value.violations) == sorted(
        [f"plugins.{name}.no_such_key", f"plugins.{name}.{first.key}"])


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_each_has_its_own_tests_against_a_real_server(name):
    tests = sorted((package_of(name) / "tests").glob("test_*.py"))
    assert tests, f"{name} has no tests"
    servers = ("start_server(", "svcq_server")
    assert any(s in t.read_text(encoding="utf-8") for t in tests for s in servers)


def forbidden_imports(source: str, package: str, allowed: set[str]) -> list[str]:
    """Modules ``source`` imports that a package named ``package`` may not rely on.

    Of svcq only ``allowed`` (and their submodules); nothing of another
    built-in practice, nor of this repository's ``tests`` (not installed).
    """
    others = {f"svcq_{n}" for n in BUILT_IN} - {package}
    bad = []
    for node in ast.walk(ast.parse(source)):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                 else [])
        for module in names:
            top = module.split(".")[0]
            reachable = any(module == a or module.startswith(f"{a}.") for a in allowed)
            if (top == "svcq" and not reachable) or top in others or top == "tests":
                bad.append(module)
    return bad


def test_the_import_check_catches_the_repositorys_tests_and_svcq_internals():
    source = ("from tests.support import Factory\nimport tests.plugins.support\n"
              "from svcq.storage.db import database\nimport svcq_welcome.plugin\n"
              "from svcq.testing import details\nfrom svcq.v1 import ticket_pb2\n"
              "import svcq_fivestep.rules\nfrom . import world\n")
    assert forbidden_imports(source, "svcq_fivestep", PLUGIN_TEST_API) == [
        "tests.support", "tests.plugins.support", "svcq.storage.db", "svcq_welcome.plugin"]
    assert forbidden_imports("from svcq.testing import details\n", "svcq_fivestep",
                             PLUGIN_API) == ["svcq.testing"]


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_each_reaches_svcq_only_through_the_plugin_api(name):
    package = package_of(name)
    bad = []
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).parts
        if "v1" in parts:
            continue  # generated
        allowed = PLUGIN_TEST_API if "tests" in parts else PLUGIN_API
        bad += [f"{path.relative_to(ROOT)}: {module}" for module in
                forbidden_imports(path.read_text(encoding="utf-8"), package.name, allowed)]
    assert bad == []
    importlib.import_module(BUILT_IN[name].value)  # and the entry point imports
