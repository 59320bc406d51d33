"""The [evaluations] section: documents' defaults, overrides, and every bad key named."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from svcq.domain.evaluations.kinds import InspectionKind
from svcq.domain.evaluations.records import request_path
from svcq.domain.evaluations.settings import EvaluationSettings, parse_evaluation_settings
from svcq.errors import InvalidArgument


def test_empty_section_gives_the_documents_numbers():
    s = parse_evaluation_settings({})
    assert s == EvaluationSettings()
    assert (s.sampling.rate, s.sampling.mature_rate, s.sampling.mature_after_years) == (
        Decimal("0.30"), Decimal("0.15"), 5)
    assert (s.targets.owner_satisfaction, s.targets.third_party_satisfaction,
            s.targets.rectification_rate) == (Decimal("0.90"), Decimal("0.70"), Decimal("1.00"))
    assert (s.night_check.min_per_month, s.inspection.minor_close_minutes) == (4, 30)
    assert (s.survey.issue_days, s.survey.collect_days, s.survey.min_return_rate) == (
        3, 10, Decimal("0.75"))


def test_overrides_are_read_by_field_type():
    s = parse_evaluation_settings({
        "sampling": {"rate": 0.4, "mature_rate": "0.2"},
        "night_check": {"window_start": "21:30", "min_per_month": 6},
        "inspection": {"future_tolerance": "10m", "complete_scoring_kinds": ["MONTHLY"]},
        "survey": {"months": [11, 6, 6]},
        "template_files": ["/etc/svcq/quarterly.toml"],
    })
    assert (s.sampling.rate, s.sampling.mature_rate) == (Decimal("0.4"), Decimal("0.2"))
    assert (s.night_check.window_start, s.night_check.min_per_month) == (time(21, 30), 6)
    assert s.inspection.future_tolerance == timedelta(minutes=10)
    assert s.inspection.complete_scoring_kinds == frozenset({InspectionKind.MONTHLY})
    assert s.survey.months == (6, 11)
    assert s.template_files == ("/etc/svcq/quarterly.toml",)


def test_every_bad_key_is_named_at_once():
    with pytest.raises(InvalidArgument) as caught:
        parse_evaluation_settings({
            "sampling": {"rate": 1.5, "typo": 1},
            "night_check": {"window_start": "late", "min_per_month": True},
            "survey": {"satisfied_min_score": 9, "months": [13]},
            "inspection": {"complete_scoring_kinds": ["WEEKLY"]},
            "colour": "blue",
        })
    assert {v.field for v in caught.value.violations} == {
        "evaluations.sampling.rate", "evaluations.sampling.typo",
        "evaluations.night_check.window_start", "evaluations.night_check.min_per_month",
        "evaluations.survey.months", "evaluations.inspection.complete_scoring_kinds",
        "evaluations.colour", "evaluations.survey.satisfied_min_score",
    }


@pytest.mark.parametrize(("path", "prefix", "expected"), [
    ("inspected_at", "inspection", "inspection.inspect_time"),
    ("results[2].findings[0].recorded", "inspection", "inspection.results[2].findings[0].recorded"),
    ("template", "inspection", "inspection.template_id"),
    ("at", "", "inspection_id"),
    ("scores[noise]", "response", "response.scores[noise]"),
])
def test_rule_paths_become_request_paths(path, prefix, expected):
    renames = {"inspected_at": "inspect_time", "template": "template_id", "at": "inspection_id"}
    assert request_path(path, prefix, renames) == expected
