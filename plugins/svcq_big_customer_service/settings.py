"""The big customer service's settings: one frozen dataclass holds every default.

The source (解密保利物业大客服体系) names its principles but no figures; the
24 hours are the service-hotline promise of DOMAIN.md §2 (服务一线通), the
30 minutes are ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from svcq.plugin import Setting


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class OneStandardSettings:
    single_sla: bool = field(default=True, metadata=_doc(
        "Standards simplified (标准和流程简化): one response and completion limit for every "
        "kind, category and priority; false keeps the core's table."))
    respond_minutes: int = field(default=30, metadata=_doc(
        "The single response limit, in minutes of plain clock time."))
    complete_hours: int = field(default=24, metadata=_doc(
        "The single completion limit, in hours of plain clock time (服务一线通: 24 hours)."))

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> OneStandardSettings:
        return cls(**{f.name: values[f.name] for f in fields(cls)})


def declared() -> list[Setting]:
    """The ``Setting`` records ``svcq_register_settings`` registers."""
    return [Setting(f.name, type(f.default), f.default, f.metadata["doc"])
            for f in fields(OneStandardSettings)]
