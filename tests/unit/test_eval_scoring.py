from __future__ import annotations

from decimal import Decimal as D

import pytest

from svcq.domain.evaluations.kinds import Discipline, InspectionKind, ScoringMethod
from svcq.domain.evaluations.scoring import Finding, ItemResult, score_results
from svcq.domain.evaluations.templates import (
    default_template,
    parse_template,
    revise_template,
)
from svcq.errors import InvalidArgument, Violations

SMALL = {
    "key": "small",
    "name": "small checklist",
    "version": 3,
    "kinds": ["MONTHLY", "PATROL"],
    "items": [
        {
            "id": "A",
            "discipline": "SECURITY",
            "title": "gate",
            "max_score": 10,
            "method": "DEDUCT",
            "responsible_post": "security supervisor",
        },
        {
            "id": "B",
            "discipline": "SECURITY",
            "title": "fire",
            "max_score": 5,
            "method": "PASS_FAIL",
            "responsible_post": "security supervisor",
        },
        {
            "id": "C",
            "discipline": "CLEANING",
            "title": "roads",
            "max_score": "10",
            "method": "GRADED",
            "responsible_post": "cleaning supervisor",
        },
    ],
}
POSTS = {"security supervisor": "s1", "cleaning supervisor": "c1"}
FOUND = (Finding("something wrong"),)


def fields(exc: pytest.ExceptionInfo[InvalidArgument]) -> set[str]:
    return {v.field for v in exc.value.violations}


def test_default_template_is_realistic_and_totals_100():
    t = default_template()
    assert t.key == "monthly-management" and t.version == 1
    assert len(t.items) == 12
    assert t.max_total == D(100)
    assert {i.discipline for i in t.items} == set(Discipline)
    assert t.kinds == {InspectionKind.MONTHLY, InspectionKind.QUARTERLY}


def test_parse_template_reads_plain_dict():
    t = parse_template(SMALL)
    assert t.version == 3
    assert t.item("C").max_score == D(10)
    assert t.item("B").method is ScoringMethod.PASS_FAIL
    assert t.item("Z") is None


def test_bad_template_names_every_bad_key():
    bad = {
        "key": "",
        "name": "x",
        "colour": "red",
        "kinds": ["WEEKLY"],
        "items": [
            {
                "id": "A",
                "discipline": "PLUMBING",
                "title": "t",
                "max_score": 1,
                "responsible_post": "p",
            },
            {
                "id": "B",
                "discipline": "SECURITY",
                "title": "t",
                "max_score": 0,
                "responsible_post": "p",
                "weight": 2,
            },
            {
                "id": "A",
                "discipline": "SECURITY",
                "title": "t",
                "max_score": 1,
                "method": "VIBES",
                "responsible_post": "",
            },
            "not a table",
            {
                "id": "D",
                "discipline": "SECURITY",
                "title": "t",
                "max_score": 2,
                "responsible_post": "p",
            },
            {
                "id": "D",
                "discipline": "SECURITY",
                "title": "t",
                "max_score": 2,
                "responsible_post": "p",
            },
        ],
    }
    with pytest.raises(InvalidArgument) as exc:
        parse_template(bad)
    assert exc.value.reason == "INVALID_TEMPLATE"
    assert fields(exc) == {
        "key",
        "colour",
        "kinds[0]",
        "items[0].discipline",
        "items[1].max_score",
        "items[1].weight",
        "items[2].method",
        "items[2].responsible_post",
        "items[3]",
        "items[5].id",
    }


def test_empty_items_refused():
    with pytest.raises(InvalidArgument) as exc:
        parse_template({"key": "k", "name": "n", "items": []})
    assert fields(exc) == {"items"}


def test_revision_is_a_new_version_with_the_same_key():
    current = parse_template(SMALL)
    revised = revise_template(current, {**SMALL, "key": "other", "name": "renamed"})
    assert (revised.key, revised.version, revised.name) == ("small", 4, "renamed")
    assert current.version == 3


def test_scores_per_discipline_person_and_overall_by_hand():
    t = parse_template(SMALL)
    v = Violations()
    s = score_results(
        t,
        [
            ItemResult("A", deduction=D("2.5"), findings=FOUND),  # 7.5 / 10
            ItemResult("B", passed=False, findings=FOUND),  # 0 / 5
            ItemResult("C", score=D(7)),  # 7 / 10 (graded: no finding needed)
        ],
        v,
        staff_by_post=POSTS,
    )
    assert not v
    assert s.by_discipline[Discipline.SECURITY].score == D("7.5")
    assert s.by_discipline[Discipline.SECURITY].max_score == D(15)
    assert s.by_discipline[Discipline.CLEANING].score == D(7)
    assert (s.overall.score, s.overall.max_score) == (D("14.5"), D(25))
    assert s.overall.percent == D("58.00")
    assert s.by_person["s1"].score == D("7.5") and s.by_person["c1"].score == D(7)


def test_explicit_responsible_person_overrides_post_holder():
    t = parse_template(SMALL)
    v = Violations()
    s = score_results(
        t, [ItemResult("B", passed=True, responsible_staff_id="stand-in")], v, staff_by_post=POSTS
    )
    assert not v
    assert list(s.by_person) == ["stand-in"]
    assert s.unscored_item_ids == ("A", "C")


def test_refuses_over_max_unknown_duplicate_missing_value_and_unowned():
    t = parse_template(SMALL)
    v = Violations()
    score_results(
        t,
        [
            ItemResult("C", score=D("10.5")),
            ItemResult("A", deduction=D(11)),
            ItemResult("Q", score=D(1)),
            ItemResult("C", score=D(1)),
            ItemResult("B"),
        ],
        v,
        staff_by_post={"cleaning supervisor": "c1"},
    )
    assert {f.field for f in v.items} == {
        "results[0].score",
        "results[1].deduction",
        "results[1].responsible_staff_id",
        "results[2].item_id",
        "results[3].item_id",
        "results[4].passed",
        "results[4].responsible_staff_id",
    }


def test_lost_points_need_a_finding_and_complete_sheets_every_item():
    t = parse_template(SMALL)
    v = Violations()
    score_results(
        t,
        [ItemResult("A", deduction=D(1)), ItemResult("B", passed=False)],
        v,
        staff_by_post=POSTS,
        require_all=True,
    )
    assert {f.field for f in v.items} == {"results[0].findings", "results[1].findings", "results"}
    assert "missing: C" in v.items[-1].description


def test_full_marks_score_100_percent():
    t = parse_template(SMALL)
    v = Violations()
    s = score_results(
        t,
        [
            ItemResult("A", deduction=D(0)),
            ItemResult("B", passed=True),
            ItemResult("C", score=D(10)),
        ],
        v,
        staff_by_post=POSTS,
    )
    assert not v and s.overall.percent == D("100.00")
