"""Drawing the survey sample: random, spread evenly across buildings, reproducible.

At least the rate overall (rounded up), allocated to buildings in proportion
to their size with largest-remainder rounding, so no building is over- or
under-represented by more than one household. Draws use
``random.Random(seed)`` over inputs sorted first, so the same seed and the
same household list give the same sample on any machine, whatever order
storage returned the rows in.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from svcq.domain.evaluations.settings import SamplingSettings
from svcq.errors import FailedPrecondition


@dataclass(frozen=True)
class Household:
    id: str
    building: str


@dataclass(frozen=True)
class Sample:
    rate: Fraction
    population: int
    #: Households drawn per building.
    allocation: Mapping[str, int]
    household_ids: tuple[str, ...]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def sample_rate(
    first_occupied_on: date, campaign_start: date, settings: SamplingSettings
) -> Fraction:
    """The lower rate applies when first occupation was more than N years before the campaign."""
    mature = _add_years(first_occupied_on, settings.mature_after_years) < campaign_start
    return Fraction(settings.mature_rate if mature else settings.rate)


def allocate(sizes: Mapping[str, int], rate: Fraction) -> dict[str, int]:
    """Households to draw per building: ceil(rate * total), split by largest remainder.

    Ties in the remainder go to the building that sorts first, to stay deterministic.
    """
    population = sum(sizes.values())
    target = math.ceil(rate * population)
    if not population:
        return {}
    quotas = {b: Fraction(n * target, population) for b, n in sizes.items()}
    counts = {b: math.floor(q) for b, q in quotas.items()}
    left = target - sum(counts.values())
    by_remainder = sorted(quotas, key=lambda b: (-(quotas[b] - counts[b]), b))
    for b in by_remainder[:left]:
        counts[b] += 1
    return dict(sorted(counts.items()))


def draw_sample(
    households: Iterable[Household],
    rate: Fraction,
    seed: int | str,
    *,
    required: AbstractSet[str] = frozenset(),
) -> Sample:
    """Draw ``rate`` of the households, building by building.

    ``required`` households (a plugin's constraint, e.g. key customers who must
    be asked) take the first places of their building's quota, which grows
    when they outnumber it; the rest of the quota is drawn at random, so the
    spread across buildings stays even.
    """
    buildings: dict[str, list[str]] = defaultdict(list)
    for h in households:
        buildings[h.building].append(h.id)
    if not buildings:
        raise FailedPrecondition(
            "the community has no households to survey", reason="NO_HOUSEHOLDS"
        )
    for ids in buildings.values():
        ids.sort()
    allocation = allocate({b: len(ids) for b, ids in buildings.items()}, rate)
    rng = random.Random(seed)
    drawn: list[str] = []
    for building, k in allocation.items():
        forced = [h for h in buildings[building] if h in required]
        others = [h for h in buildings[building] if h not in required]
        drawn.extend(forced)
        drawn.extend(rng.sample(others, max(k - len(forced), 0)))
        allocation[building] = max(k, len(forced))
    return Sample(rate, sum(map(len, buildings.values())), allocation, tuple(sorted(drawn)))
