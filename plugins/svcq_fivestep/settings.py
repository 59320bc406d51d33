"""The five-step method's settings: one frozen dataclass holds every default.

The declared ``Setting`` records are derived from the dataclass fields, so a
default or a description lives in exactly one place. Numbers that come from
the source document (万科物业服务中心“五步一法”服务创新措施) say so; the others
are this plugin's choice where the document names the practice but no figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from types import MappingProxyType
from typing import Any

from svcq.plugin import Setting


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class FiveStepSettings:
    # -- know the customer (认识客户) -------------------------------------------
    welcome_pack_items: tuple[str, ...] = field(
        default=("welcome card", "service assistant's card", "home-safety handbook"),
        metadata=_doc("What every new resident receives (document: 欢迎贺卡、物业服务助理名片"
                      "及居家安全小手册)."))
    welcome_visit_days: int = field(default=7, metadata=_doc(
        "Days after move-in or transfer by which the service assistant visits "
        "(the document sets no figure)."))
    knowledge_check_valid_days: int = field(default=90, metadata=_doc(
        "Days a knowledge check on owners' names, units and plates counts; an older one "
        "counts as missing until the staff member is tested again (document: 定期考核, "
        "regular tests, no period given; ours: a quarter). 0: checks never expire."))
    service_assistant_staff_id: str = field(default="", metadata=_doc(
        "Staff member who receives the plugin's work items; empty: the first active "
        "front-desk staff member of the community."))
    # -- understand the customer (了解客户): star customers --------------------
    points_per_visit: int = field(default=1, metadata=_doc(
        "Star points per visit: a ticket received through a visit channel."))
    points_per_complaint: int = field(default=1, metadata=_doc("Star points per complaint."))
    points_per_suggestion: int = field(default=1, metadata=_doc("Star points per suggestion."))
    visit_channels: tuple[str, ...] = field(default=("FRONT_DESK",), metadata=_doc(
        "Ticket channels that mean the owner came in person (来小区的次数)."))
    points_per_star: int = field(default=10, metadata=_doc(
        "Points per star (document: 积分每达到10分晋升一个星级)."))
    follow_up_min_stars: int = field(default=3, metadata=_doc(
        "Stars from which an owner's tickets are flagged for customer-service follow-up."))
    return_visits_per_building: int = field(default=3, metadata=_doc(
        "Key customers per building the security liaison visits each month."))
    key_customer_min_stars: int = field(default=1, metadata=_doc(
        "Stars an owner needs to count as a key customer for return visits."))
    security_liaisons: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), metadata=_doc(
            "Building id -> staff id of its security liaison; buildings not named get "
            "security shift leaders (else any security staff) in turn."))
    # -- help the customer (帮助客户) -------------------------------------------
    help_on_move_in: bool = field(default=True, metadata=_doc(
        "Open a help work item when a household needing help moves in."))
    help_every_months: int = field(default=1, metadata=_doc(
        "Months between help visits to households needing help; 0: none."))
    # -- comprehend and touch the customer (理解/感动客户) ------------------------
    load_check_days: int = field(default=7, metadata=_doc(
        "Days after move-in for the free appliance load check (document: 入住一周内)."))
    housewarming_visits: bool = field(default=False, metadata=_doc(
        "Housewarming visit by the team (乔迁之喜拜访会); the document keeps it for "
        "high-end communities, so switch it on per community."))
    housewarming_days: int = field(default=30, metadata=_doc(
        "Days after move-in by which the housewarming visit is due."))
    holidays: tuple[str, ...] = field(
        default=("01-01 New Year's Day", "05-01 Labour Day", "10-01 National Day"),
        metadata=_doc("Holidays owners are greeted on: 'MM-DD name' every year, or "
                      "'YYYY-MM-DD name' for one year (lunar festivals)."))
    greeting_lead_days: int = field(default=7, metadata=_doc(
        "Days before a holiday from which its greetings list is produced."))
    expectant_care_tag: str = field(default="opt-in:expectant-care", metadata=_doc(
        "Owner tag by which an expectant mother agrees to the care visit; without it, "
        "no visit."))

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> FiveStepSettings:
        """Build from a plugin context's effective settings (tuples and frozen maps)."""
        return cls(**{f.name: values[f.name] for f in fields(cls)})


def _default(f: Field[Any]) -> Any:
    return f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]


def _setting_type(default: object) -> Any:
    if isinstance(default, tuple):
        return list[str]
    if isinstance(default, Mapping):
        return dict
    return type(default)


def declared() -> list[Setting]:
    """The ``Setting`` records ``svcq_register_settings`` registers."""
    result = []
    for f in fields(FiveStepSettings):
        default = _default(f)
        value = list(default) if isinstance(default, tuple) else (
            dict(default) if isinstance(default, Mapping) else default)
        result.append(Setting(f.name, _setting_type(default), value, f.metadata["doc"]))
    return result
