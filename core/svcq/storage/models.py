"""Every core model, in one list, for migrations and the schema-drift test."""

from __future__ import annotations

from svcq.storage.directory import Building, Community, Region, Staff, Unit
from svcq.storage.evaluations import EVALUATION_MODELS
from svcq.storage.events import EVENT_MODELS
from svcq.storage.owners import (
    Owner,
    OwnerCare,
    OwnerPhone,
    OwnerPlate,
    OwnerTag,
    OwnerUnit,
)
from svcq.storage.plugins import PLUGIN_HOST_MODELS
from svcq.storage.security import SECURITY_MODELS
from svcq.storage.system import IdempotencyKey, Meta
from svcq.storage.tickets import TICKET_MODELS

CORE_MODELS = [
    Meta,
    IdempotencyKey,
    Region,
    Community,
    Building,
    Unit,
    Staff,
    Owner,
    OwnerPhone,
    OwnerPlate,
    OwnerTag,
    OwnerCare,
    OwnerUnit,
    *PLUGIN_HOST_MODELS,
    *EVALUATION_MODELS,
    *TICKET_MODELS,
    *EVENT_MODELS,
    *SECURITY_MODELS,
]
