"""The stewardship's settings: one frozen dataclass holds every default.

The declared ``Setting`` records derive from the fields, so a default and
its description live in one place. Numbers from the source document
(华东区域客户满意度提升行动方案, 2012) say so; the others are this plugin's
choice where the document names the practice but no figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from svcq.plugin import Setting


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class ButlerSettings:
    vip_tags: tuple[str, ...] = field(default=("vip",), metadata=_doc(
        "Owner tags that make an owner a VIP (识别VIP客户; the document names no rule)."))
    vip_min_stars: int = field(default=5, metadata=_doc(
        "Star level from which an owner is a VIP, read from the star plugin's owner data; "
        "0: stars are not used."))
    star_plugin: str = field(default="fivestep", metadata=_doc(
        "Plugin whose owner data carries the star level as 'stars' (the five-step method)."))
    vip_deadline_factor: float = field(default=0.5, metadata=_doc(
        "Share of the core's response and completion times a VIP ticket gets "
        "(the document asks for tighter limits without a figure)."))
    visits_per_week: int = field(default=3, metadata=_doc(
        "Household visits each butler makes a week (document: 管家周日上门拜访客户3户)."))
    loyal_customers_per_manager: int = field(default=10, metadata=_doc(
        "Loyal customers each manager keeps at least (document: 10个以上固定的忠诚客户)."))
    manager_roles: tuple[str, ...] = field(default=("SUPERVISOR", "PROJECT_HEAD"), metadata=_doc(
        "Staff roles counted as managers (各级管理人员) for the loyal-customer figure."))
    forums_per_quarter: int = field(default=1, metadata=_doc(
        "Customer forums due each quarter (document: 每季度召开一次)."))

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ButlerSettings:
        """Build from a plugin context's effective settings (lists arrive as tuples)."""
        return cls(**{f.name: values[f.name] for f in fields(cls)})


def declared() -> list[Setting]:
    """The ``Setting`` records ``svcq_register_settings`` registers."""
    result = []
    for f in fields(ButlerSettings):
        default = f.default
        if isinstance(default, tuple):
            result.append(Setting(f.name, list[str], list(default), f.metadata["doc"]))
        else:
            result.append(Setting(f.name, type(default), default, f.metadata["doc"]))
    return result
