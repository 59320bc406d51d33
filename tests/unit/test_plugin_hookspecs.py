"""Keep the hook contract honest: named, typed, documented, firstresult said aloud."""

from __future__ import annotations

import inspect

import pytest

import svcq.hookspecs as hookspecs
from svcq.plugin import PROJECT_NAME

SPECS = {
    name: fn
    for name, fn in vars(hookspecs).items()
    if inspect.isfunction(fn) and hasattr(fn, f"{PROJECT_NAME}_spec")
}
REGISTRATION = {n for n in SPECS if n.startswith(("svcq_register_", "svcq_declare_"))}


def test_the_contract_has_the_expected_hooks():
    # Renaming or removing a hook breaks plugins: this list changes deliberately.
    assert sorted(SPECS) == sorted(
        [
            *["svcq_register_settings", "svcq_register_migrations", "svcq_register_services"],
            *["svcq_register_cli_commands", "svcq_register_jobs", "svcq_declare_conflicts"],
            *["svcq_owner_plugin_data", "svcq_owner_created", "svcq_owner_moved_in"],
            *["svcq_ticket_route", "svcq_ticket_deadlines", "svcq_ticket_validate"],
            *["svcq_ticket_created", "svcq_ticket_transitioned", "svcq_ticket_overdue"],
            *["svcq_ticket_plugin_data", "svcq_inspection_recorded", "svcq_defect_transitioned"],
            *["svcq_survey_sample_constraints", "svcq_survey_closed"],
        ]
    )


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hook_documents_every_parameter(name):
    fn = SPECS[name]
    doc = inspect.getdoc(fn) or ""
    for param in inspect.signature(fn).parameters:
        assert f":param {param}:" in doc, f"{name} does not document {param}"
    assert "return" in fn.__annotations__, f"{name} has no return annotation"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_per_community_hooks_take_ctx_registration_hooks_take_register(name):
    params = list(inspect.signature(SPECS[name]).parameters)
    assert params == ["register"] if name in REGISTRATION else params[-1] == "ctx"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_firstresult_hooks_say_so(name):
    fn = SPECS[name]
    opts = getattr(fn, f"{PROJECT_NAME}_spec")
    says = "stops at the first non-none result" in (inspect.getdoc(fn) or "").lower()
    assert opts["firstresult"] == says
    assert not opts["historic"]
