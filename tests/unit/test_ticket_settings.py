"""Reading the [tickets] section: values, inheritance of bases, and named errors."""

from __future__ import annotations

import textwrap
import tomllib
from datetime import timedelta

import pytest

from svcq.domain.calendar import TimeBasis
from svcq.domain.tickets import settings as settings_module
from svcq.domain.tickets.deadlines import Limit, SlaRule
from svcq.domain.tickets.escalation import EscalationPolicy
from svcq.domain.tickets.kinds import Priority, TicketKind
from svcq.domain.tickets.settings import TicketSettings, parse_duration, parse_ticket_settings
from svcq.errors import InvalidArgument

H = timedelta(hours=1)
M = timedelta(minutes=1)
WORKING, CLOCK = TimeBasis.WORKING, TimeBasis.CLOCK


def violations(raw):
    with pytest.raises(InvalidArgument) as caught:
        parse_ticket_settings(raw)
    assert caught.value.reason == "INVALID_TICKET_SETTINGS"
    return {v.field: v.description for v in caught.value.violations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", 30 * M),
        ("2h", 2 * H),
        ("1h30m", 90 * M),
        ("0", timedelta(0)),
        ("0m", timedelta(0)),
        (" 45m ", 45 * M),
        ("100h", 100 * H),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "5", "1d", "h", "1.5h", "30 m", "30m2h", 30, None, True])
def test_parse_duration_refuses(text):
    with pytest.raises(ValueError, match="expected a duration"):
        parse_duration(text)


def test_empty_section_gives_the_defaults():
    assert parse_ticket_settings({}) == TicketSettings()


def test_the_documented_example_parses():
    doc = settings_module.__doc__
    example = textwrap.dedent(doc[doc.index("::") + 2 :])
    parsed = parse_ticket_settings(tomllib.loads(example)["tickets"])
    assert parsed.sla.rules == (
        SlaRule(TicketKind.REPAIR, "plumbing", Priority.URGENT, respond=Limit(30 * M, WORKING)),
    )
    # Apart from the rule and the example year, the example restates the defaults.
    assert parsed == TicketSettings(sla=parsed.sla, calendar=parsed.calendar)
    assert parsed.calendar.years == {2027}
    assert parsed.sla.default_respond == Limit(2 * H, WORKING)


def test_values_and_inherited_bases():
    parsed = parse_ticket_settings(
        {
            "sla": {
                "emergency_respond": "15m",
                "emergency_on_clock": False,
                "defect_callback": "4h",
                "defect_callback_basis": "working",
                "default": {"respond": "1h", "resolve": "48h"},
                "rules": [
                    {"kind": "COMPLAINT", "resolve": "12h"},
                    {
                        "kind": "REPAIR",
                        "priority": "HIGH",
                        "respond": "20m",
                        "respond_basis": "clock",
                    },
                ],
            },
            "escalation": {"project_head_after": "2h", "company_after": "8h"},
        }
    )
    sla = parsed.sla
    # A changed number keeps the basis of the default it overrides.
    assert sla.default_respond == Limit(H, WORKING)
    assert sla.default_resolve == Limit(48 * H, CLOCK)
    assert sla.rules == (
        SlaRule(TicketKind.COMPLAINT, resolve=Limit(12 * H, CLOCK)),
        SlaRule(TicketKind.REPAIR, priority=Priority.HIGH, respond=Limit(20 * M, CLOCK)),
    )
    assert (sla.emergency_respond, sla.emergency_on_clock) == (15 * M, False)
    assert sla.defect_callback == Limit(4 * H, WORKING)
    assert parsed.escalation == EscalationPolicy(timedelta(0), 2 * H, 8 * H)


def test_every_problem_is_named_by_its_key():
    found = violations(
        {
            "colour": "red",
            "sla": {
                "emergency_on_clock": "yes",
                "default": {"respond": 30, "resolve": "24h", "resolve_basis": "lunar"},
                "rules": [
                    {"kind": "LEAK", "respond": "1h"},
                    {"respond": "1h", "priority": "MEDIUM"},
                    {"kind": "REPAIR"},
                    {
                        "kind": "REPAIR",
                        "category": "lift",
                        "respond": "1h",
                        "resolve_basis": "clock",
                    },
                    {"kind": "INQUIRY", "category": 7, "respond": "1h", "typo": 1},
                ],
            },
            "escalation": {"project_head_after": "30h"},
        }
    )
    assert set(found) == {
        "tickets.colour",
        "tickets.sla.emergency_on_clock",
        "tickets.sla.default.respond",
        "tickets.sla.default.resolve_basis",
        "tickets.sla.rules[0].kind",
        "tickets.sla.rules[1].kind",
        "tickets.sla.rules[1].priority",
        "tickets.sla.rules[2]",
        "tickets.sla.rules[3].resolve_basis",
        "tickets.sla.rules[4].category",
        "tickets.sla.rules[4].typo",
        "tickets.escalation.company_after",
    }
    assert "LEAK" in found["tickets.sla.rules[0].kind"]
    assert "REPAIR, COMPLAINT" in found["tickets.sla.rules[0].kind"]
    assert found["tickets.sla.rules[1].kind"] == "required"
    assert "working, clock" in found["tickets.sla.default.resolve_basis"]
    assert found["tickets.sla.rules[2]"] == "sets neither respond nor resolve"
    assert found["tickets.sla.rules[3].resolve_basis"] == "given without resolve"
    assert "project_head_after" in found["tickets.escalation.company_after"]


def test_duplicate_rule_is_named():
    rule = {"kind": "REPAIR", "category": "lift", "respond": "1h"}
    found = violations({"sla": {"rules": [rule, {**rule, "category": "lift/"}]}})
    assert set(found) == {"tickets.sla.rules[1]"}


@pytest.mark.parametrize(
    ("raw", "key", "text"),
    [
        ({"sla": []}, "tickets.sla", "expected a table, got list"),
        ({"sla": {"rules": {}}}, "tickets.sla.rules", "expected an array of tables"),
        ({"sla": {"rules": ["x"]}}, "tickets.sla.rules[0]", "expected a table, got str"),
    ],
)
def test_wrong_shapes(raw, key, text):
    assert violations(raw)[key] == text


def test_callbacks_schedule_events_and_categories():
    from datetime import time

    parsed = parse_ticket_settings({
        "categories": ["pool/filter", " gym/ "],
        "callbacks": {"quality_share": 0.25, "quality_seed": 9, "quality_within": "2h"},
        "schedule": {"interval": "0", "closure_time": "16:30", "sample_weekday": 2},
        "events": {"poll_seconds": 1, "batch_size": 10},
    })
    assert parsed.categories == ("pool/filter", "gym")
    assert parsed.callbacks.quality_share == 0.25 and parsed.callbacks.quality_seed == 9
    assert parsed.callbacks.quality_within == Limit(2 * H, WORKING)
    assert parsed.schedule.interval == timedelta(0)
    assert parsed.schedule.closure_time == time(16, 30) and parsed.schedule.sample_weekday == 2
    assert (parsed.events.poll_seconds, parsed.events.batch_size) == (1.0, 10)
    defaults = TicketSettings()
    assert defaults.callbacks.quality_share == 0.2  # DOMAIN.md §2: 20%
    assert defaults.schedule.closure_time == time(17, 0)


def test_new_sections_name_bad_keys():
    found = violations({
        "categories": ["ok", "", "ok"],
        "callbacks": {"quality_share": 1.5},
        "schedule": {"closure_time": "25:00", "sample_weekday": 0},
        "events": {"batch_size": True},
    })
    assert set(found) == {"tickets.categories[1]", "tickets.categories[2]",
                          "tickets.callbacks.quality_share", "tickets.schedule.closure_time",
                          "tickets.schedule.sample_weekday", "tickets.events.batch_size"}


def test_calendar_days_by_year():
    from datetime import date

    parsed = parse_ticket_settings({"calendar": {
        "2027": {"holidays": ["2027-01-01", " 2027-02-05 .. 2027-02-07 "],
                 "workdays": ["2027-02-13"]},
        "2028": {"holidays": []},
    }}).calendar
    assert parsed.holidays == {date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6),
                               date(2027, 2, 7)}
    assert parsed.workdays == {date(2027, 2, 13)}
    assert parsed.years == {2027, 2028}
    assert TicketSettings().calendar.years == frozenset()


def test_calendar_problems_are_named_by_year_and_item():
    found = violations({"calendar": {
        "next": {},
        "2027": {"holidays": ["2027-02-30", "2026-12-31", "2027-02-11..2027-02-05", 7],
                 "workdays": ["2027-01-01"], "closures": []},
        "2028": {"workdays": "2028-01-01"},
        "2029": [],
    }})
    assert found == {
        "tickets.calendar.next": "expected a year such as 2027, holding holidays and workdays",
        "tickets.calendar.2027.holidays[0]":
            "expected 'YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD', got '2027-02-30'",
        "tickets.calendar.2027.holidays[1]": "'2026-12-31' is not in 2027",
        "tickets.calendar.2027.holidays[2]": "'2027-02-11..2027-02-05' ends before it starts",
        "tickets.calendar.2027.holidays[3]":
            "expected 'YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD', got 7",
        "tickets.calendar.2027.closures": "unknown key (known: holidays, workdays)",
        "tickets.calendar.2028.workdays":
            "expected a list of 'YYYY-MM-DD' dates or 'YYYY-MM-DD..YYYY-MM-DD'",
        "tickets.calendar.2029": "expected a table, got list",
    }


def test_a_day_both_off_and_worked_is_refused():
    found = violations({"calendar": {"2027": {"holidays": ["2027-01-01..2027-01-03"],
                                              "workdays": ["2027-01-02"]}}})
    assert found == {"tickets.calendar.2027.workdays": "2027-01-02 is listed in holidays too"}
