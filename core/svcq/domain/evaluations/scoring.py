"""Server-side scoring of a checklist (逐项分解量化打分).

Totals are always computed here, never taken from the client, so that the
monthly bulletin and staff appraisal rest on one arithmetic. Scores are
Decimals: half points are common and sums must be exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from svcq.domain.evaluations.kinds import Discipline, FindingCause, ScoringMethod
from svcq.domain.evaluations.templates import ChecklistItem, ChecklistTemplate
from svcq.errors import Violations


@dataclass(frozen=True)
class Finding:
    """One nonconformance seen by the inspector.

    ``recorded=False`` claims one of the exemptions of wi/fw-009; the domain
    checks the claim and stamps ``unrecorded_reason``.
    """

    description: str
    cause: FindingCause = FindingCause.OTHER
    #: Who is answerable; defaults to the item's responsible person.
    responsible_staff_id: str = ""
    recorded: bool = True
    #: Minutes it took to close the nonconformance, when it was closed at once.
    closed_within_minutes: int | None = None
    removed_on_spot: bool = False
    #: Required for findings outside the checklist (daily checks, patrols).
    discipline: Discipline | None = None
    #: Set by the domain: the rule that allowed leaving it unrecorded.
    unrecorded_reason: str = ""


@dataclass(frozen=True)
class ItemResult:
    """The inspector's entry for one checklist item; which number is needed depends on the
    item's :class:`ScoringMethod` (score for GRADED, deduction for DEDUCT, passed for PASS_FAIL).
    """

    item_id: str
    score: Decimal | None = None
    deduction: Decimal | None = None
    passed: bool | None = None
    #: Overrides the holder of the item's post, e.g. a stand-in that month.
    responsible_staff_id: str = ""
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Tally:
    score: Decimal = Decimal(0)
    max_score: Decimal = Decimal(0)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.score + other.score, self.max_score + other.max_score)

    @property
    def percent(self) -> Decimal | None:
        """Score as a percentage of the maximum, two decimals; None when nothing was scored."""
        if not self.max_score:
            return None
        return (self.score * 100 / self.max_score).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ScoredItem:
    item: ChecklistItem
    responsible_staff_id: str
    score: Decimal
    findings: tuple[Finding, ...]
    #: Position in the submitted results, so later checks can name ``results[n]``.
    result_index: int


@dataclass(frozen=True)
class InspectionScore:
    items: tuple[ScoredItem, ...]
    by_discipline: Mapping[Discipline, Tally]
    by_person: Mapping[str, Tally]
    overall: Tally
    unscored_item_ids: tuple[str, ...] = field(default=())


def score_results(
    template: ChecklistTemplate,
    results: Sequence[ItemResult],
    v: Violations,
    *,
    staff_by_post: Mapping[str, str] | None = None,
    require_all: bool = False,
) -> InspectionScore:
    """Score ``results`` against ``template``, adding every bad entry to ``v``.

    The caller raises ``v`` once it has checked the rest of the request, so
    an inspector sees all problems of one sheet together. Results go to the
    item's responsible person: the explicit ``responsible_staff_id`` or the
    holder of the item's post in ``staff_by_post``.
    """
    staff_by_post = staff_by_post or {}
    scored: list[ScoredItem] = []
    seen: set[str] = set()
    for n, result in enumerate(results):
        path = f"results[{n}]"
        item = template.item(result.item_id)
        if item is None:
            v.add(
                f"{path}.item_id",
                f"unknown item {result.item_id!r} in {template.key} v{template.version}",
            )
            continue
        if item.id in seen:
            v.add(f"{path}.item_id", f"item {item.id!r} is scored twice")
            continue
        seen.add(item.id)
        score = _item_score(item, result, path, v)
        staff = result.responsible_staff_id or staff_by_post.get(item.responsible_post, "")
        if not staff:
            v.add(
                f"{path}.responsible_staff_id",
                f"no one holds post {item.responsible_post!r}; name the responsible person",
            )
        if score is not None:
            if (
                score < item.max_score
                and item.method is not ScoringMethod.GRADED
                and not result.findings
            ):
                v.add(f"{path}.findings", "points were lost: name the nonconformance")
            scored.append(ScoredItem(item, staff, score, result.findings, n))
    unscored = tuple(i.id for i in template.items if i.id not in seen)
    if require_all and unscored:
        v.add("results", f"every item must be scored; missing: {', '.join(unscored)}")
    return _totals(scored, unscored)


def _item_score(
    item: ChecklistItem, result: ItemResult, path: str, v: Violations
) -> Decimal | None:
    limit = f"between 0 and the item's maximum {item.max_score}"
    match item.method:
        case ScoringMethod.GRADED:
            if result.score is None or not 0 <= result.score <= item.max_score:
                v.add(f"{path}.score", f"required for a graded item, {limit}")
                return None
            return result.score
        case ScoringMethod.DEDUCT:
            if result.deduction is None or not 0 <= result.deduction <= item.max_score:
                v.add(f"{path}.deduction", f"required for a deduct-points item, {limit}")
                return None
            return item.max_score - result.deduction
        case ScoringMethod.PASS_FAIL:
            if result.passed is None:
                v.add(f"{path}.passed", "required for a pass/fail item")
                return None
            return item.max_score if result.passed else Decimal(0)


def _totals(scored: list[ScoredItem], unscored: tuple[str, ...]) -> InspectionScore:
    by_discipline: dict[Discipline, Tally] = {}
    by_person: dict[str, Tally] = {}
    overall = Tally()
    for s in scored:
        t = Tally(s.score, s.item.max_score)
        by_discipline[s.item.discipline] = by_discipline.get(s.item.discipline, Tally()) + t
        by_person[s.responsible_staff_id] = by_person.get(s.responsible_staff_id, Tally()) + t
        overall += t
    return InspectionScore(tuple(scored), by_discipline, by_person, overall, unscored)
