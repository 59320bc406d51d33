"""The closed vocabularies of evaluations; names match the proto enums without prefix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Discipline(StrEnum):
    SECURITY = "SECURITY"
    CLEANING = "CLEANING"
    GREENING = "GREENING"
    ENGINEERING = "ENGINEERING"
    CUSTOMER_SERVICE = "CUSTOMER_SERVICE"
    MANAGEMENT = "MANAGEMENT"


class InspectionKind(StrEnum):
    DAILY = "DAILY"
    PATROL = "PATROL"
    NIGHT = "NIGHT"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    ANNUAL = "ANNUAL"


class DailyLevel(StrEnum):
    """The three layers of 日检: who checks decides the scope."""

    PROJECT_HEAD = "PROJECT_HEAD"
    SUPERVISOR = "SUPERVISOR"
    OPERATOR = "OPERATOR"


class ExternalResultKind(StrEnum):
    GOVERNMENT_RATING = "GOVERNMENT_RATING"
    CERTIFICATION_AUDIT = "CERTIFICATION_AUDIT"
    AWARD = "AWARD"


class ScoringMethod(StrEnum):
    """How an item is scored: the inspector records a score, a deduction, or pass/fail."""

    GRADED = "GRADED"
    DEDUCT = "DEDUCT"
    PASS_FAIL = "PASS_FAIL"


class FindingCause(StrEnum):
    """Why a nonconformance happened; it decides whether it may stay unrecorded."""

    MINOR = "MINOR"
    OBJECTIVE_RECURRING = "OBJECTIVE_RECURRING"
    STAFF_FAULT = "STAFF_FAULT"
    OTHER = "OTHER"


class AlertKind(StrEnum):
    TYPHOON = "TYPHOON"
    RAINSTORM = "RAINSTORM"


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, the period of bulletins, night-check quotas and surveys."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, not {self.month}")

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def next(self) -> YearMonth:
        return YearMonth(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> YearMonth:
        return YearMonth(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def days(self) -> list[date]:
        end = self.next().first_day
        return [date.fromordinal(o) for o in range(self.first_day.toordinal(), end.toordinal())]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
