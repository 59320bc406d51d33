"""Which closed repair tickets the quality department calls back (品质部回访).

DOMAIN.md §2: a random share (20%) of the week's repair work orders is called
back about quality, attitude and result. The sample is spread evenly: every
community gets its proportional share rather than a lottery over the whole
company that could skip a community for weeks. It is reproducible: the same
seed, week and tickets always give the same sample, so an auditor can redraw it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import date


def _rng(seed: int, week: date, community_id: str) -> random.Random:
    # A string seed is hashed (SHA-512) by random.Random: stable across runs and platforms.
    return random.Random(f"{seed}:{week.isoformat()}:{community_id}")


def quotas(counts: Mapping[str, int], share: float, *, seed: int, week: date) -> dict[str, int]:
    """Callbacks per community: ``round(share * total)`` split by largest remainder.

    Floors first, then one more for the communities with the largest
    remainders; ties are broken by a seeded draw, not by id, so the same small
    community does not always lose the tie.
    """
    total = sum(counts.values())
    wanted = math.floor(share * total + 0.5)
    exact = {community: share * n for community, n in counts.items()}
    result = {community: math.floor(value) for community, value in exact.items()}
    left = wanted - sum(result.values())
    tie = _rng(seed, week, "")
    order = sorted(
        (community for community in counts if result[community] < counts[community]),
        key=lambda c: (-(exact[c] - result[c]), tie.random()),
    )
    for community in order[: max(left, 0)]:
        result[community] += 1
    return result


def quality_sample(
    closed: Mapping[str, Sequence[str]], share: float, *, seed: int, week: date
) -> dict[str, list[str]]:
    """Community id -> the ticket ids to call back, in id order.

    :param closed: Closed repair tickets of the week, by community.
    :param share: Share to call back, 0..1.
    :param seed: Configured seed; with ``week`` and the community it fixes the draw.
    :param week: Monday of the sampled week.
    """
    counts = {community: len(set(ids)) for community, ids in sorted(closed.items())}
    sample: dict[str, list[str]] = {}
    for community, quota in quotas(counts, share, seed=seed, week=week).items():
        ids = sorted(set(closed[community]))
        sample[community] = sorted(_rng(seed, week, community).sample(ids, quota))
    return sample
