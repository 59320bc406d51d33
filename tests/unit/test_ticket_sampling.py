"""The quality department's 20% sample: proportional per community, reproducible from a seed."""

from __future__ import annotations

from datetime import date

from svcq.domain.tickets.sampling import quality_sample, quotas

WEEK = date(2026, 3, 9)


def tickets(community: str, n: int) -> list[str]:
    return [f"{community}-{i:03d}" for i in range(n)]


def test_twenty_percent_of_each_community():
    closed = {"a": tickets("a", 50), "b": tickets("b", 30), "c": tickets("c", 20)}
    sample = quality_sample(closed, 0.2, seed=7, week=WEEK)
    assert {c: len(ids) for c, ids in sample.items()} == {"a": 10, "b": 6, "c": 4}
    for community, ids in sample.items():
        assert set(ids) <= set(closed[community]) and len(set(ids)) == len(ids)


def test_remainders_go_to_the_largest_fractions():
    # 20% of 13 is 2.6 -> 3: floors 1 (a: 1.2) + 0 (b: 0.8) + 0 (c: 0.6) = 1, then b and c.
    assert quotas({"a": 6, "b": 4, "c": 3}, 0.2, seed=0, week=WEEK) == {"a": 1, "b": 1, "c": 1}
    assert quotas({"a": 0, "b": 0}, 0.2, seed=0, week=WEEK) == {"a": 0, "b": 0}
    assert quotas({"a": 3}, 1.0, seed=0, week=WEEK) == {"a": 3}


def test_ties_are_broken_by_the_seed_not_by_name():
    counts = {c: 1 for c in "abcdefghij"}  # 20% of 10 is 2: eight communities get none
    winners = {frozenset(c for c, n in quotas(counts, 0.2, seed=s, week=WEEK).items() if n)
               for s in range(20)}
    assert all(len(w) == 2 for w in winners)
    assert len(winners) > 1


def test_reproducible_from_seed_and_week():
    closed = {"a": tickets("a", 40), "b": tickets("b", 25)}
    one = quality_sample(closed, 0.2, seed=1, week=WEEK)
    assert quality_sample({"b": list(reversed(closed["b"])), "a": closed["a"]}, 0.2, seed=1,
                          week=WEEK) == one
    assert quality_sample(closed, 0.2, seed=2, week=WEEK) != one
    assert quality_sample(closed, 0.2, seed=1, week=date(2026, 3, 16)) != one
