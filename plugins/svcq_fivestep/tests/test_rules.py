"""The five-step rules by hand: star maths, ranking, holidays, liaisons, cadence, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from svcq.errors import FailedPrecondition
from svcq_fivestep import rules
from svcq_fivestep.rules import StarEvent
from svcq_fivestep.settings import FiveStepSettings, declared

DEFAULTS = FiveStepSettings()


def test_every_setting_is_declared_with_the_documents_defaults():
    settings = {s.key: s for s in declared()}
    assert settings["points_per_star"].default == 10
    assert settings["load_check_days"].default == 7
    assert settings["housewarming_visits"].default is False
    assert settings["security_liaisons"].default == {}
    assert settings["welcome_pack_items"].default == [
        "welcome card", "service assistant's card", "home-safety handbook"]
    built = FiveStepSettings.of({k: s.default for k, s in settings.items()})
    assert (built.points_per_star, built.follow_up_min_stars) == (10, 3)

@pytest.mark.parametrize(("kind", "channel", "events"), [
    ("COMPLAINT", "FRONT_DESK", [StarEvent.VISIT, StarEvent.COMPLAINT]),
    ("COMPLAINT", "PHONE_HOTLINE", [StarEvent.COMPLAINT]),
    ("SUGGESTION", "APP", [StarEvent.SUGGESTION]),
    ("REPAIR", "FRONT_DESK", [StarEvent.VISIT]),
    ("REPAIR", "APP", []),
    ("PROACTIVE", "FRONT_DESK", []),
])
def test_what_a_ticket_earns(kind, channel, events):
    assert rules.star_events(kind, channel, DEFAULTS) == events


def test_points_and_stars_by_hand():
    weighted = replace(DEFAULTS, points_per_visit=2, points_per_complaint=5,
                       points_per_suggestion=3)
    counts = {"VISIT": 4, "COMPLAINT": 2, "SUGGESTION": 1}
    assert rules.points(counts, DEFAULTS) == 7  # 4 + 2 + 1
    assert rules.points(counts, weighted) == 21  # 4*2 + 2*5 + 1*3
    assert [rules.stars(p, DEFAULTS) for p in (0, 9, 10, 19, 20, 21)] == [0, 0, 1, 1, 2, 2]
    assert rules.stars(21, replace(DEFAULTS, points_per_star=7)) == 3


def test_ranking_shares_ranks_on_equal_points_and_cuts_below_min_stars():
    counts = {"ow_b": {"COMPLAINT": 12}, "ow_a": {"COMPLAINT": 12}, "ow_c": {"VISIT": 25},
              "ow_d": {"SUGGESTION": 3}}
    standings = rules.ranked(counts, DEFAULTS)
    assert [(s.owner_id, s.points, s.stars, s.rank) for s in standings] == [
        ("ow_c", 25, 2, 1), ("ow_a", 12, 1, 2), ("ow_b", 12, 1, 2), ("ow_d", 3, 0, 4)]
    assert [s.owner_id for s in rules.ranked(counts, DEFAULTS, min_stars=1)] == [
        "ow_c", "ow_a", "ow_b"]


def test_holidays_within_the_lead_days_across_new_year():
    entries = ["01-01 New Year", "12-25 Christmas", "2027-02-06 Eve", "2026-02-16 Eve"]
    assert rules.upcoming_holidays(entries, date(2026, 12, 24), 8) == [
        rules.Holiday(date(2026, 12, 25), "Christmas"), rules.Holiday(date(2027, 1, 1),
                                                                      "New Year")]
    assert rules.upcoming_holidays(entries, date(2027, 2, 6), 0) == [
        rules.Holiday(date(2027, 2, 6), "Eve")]
    assert rules.upcoming_holidays(entries, date(2026, 3, 1), 30) == []


@pytest.mark.parametrize("entry", ["13-01 Nope", "01-01", "tomorrow party", "2026-02-30 X"])
def test_a_bad_holiday_entry_is_refused_naming_its_place(entry):
    with pytest.raises(FailedPrecondition) as error:
        rules.upcoming_holidays(["01-01 New Year", entry], date(2026, 1, 1), 400)
    assert "holidays[1]" in error.value.message


def test_liaisons_configured_first_then_security_staff_in_turn():
    assert rules.liaisons(["b3", "b1", "b2", "b4"], {"b2": "st_named"}, ["st_x", "st_y"]) == {
        "b1": "st_x", "b2": "st_named", "b3": "st_y", "b4": "st_x"}
    assert rules.liaisons(["b1"], {}, []) == {}


def test_help_cadence_in_months():
    months = [date(2026, m, 1) for m in range(1, 13)]
    assert all(rules.help_month(d, 1) for d in months)
    assert [d.month for d in months if rules.help_month(d, 3)] == [1, 4, 7, 10]
    assert not any(rules.help_month(d, 0) for d in months)


def test_a_knowledge_check_expires_after_the_valid_days_or_never():
    at = datetime(2026, 3, 1, 2, 0)
    assert rules.check_expiry(at, 90) == at + timedelta(days=90)
    assert rules.check_expiry(at, 0) is None
    assert rules.check_expiry(at, -5) is None
    assert DEFAULTS.knowledge_check_valid_days == 90
