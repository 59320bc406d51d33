"""The words a ticket is classified by; proto enums map onto these by name."""

from __future__ import annotations

import enum


class TicketKind(enum.StrEnum):
    #: 报事报修: something is broken.
    REPAIR = "REPAIR"
    #: 投诉: the customer is unhappy with the service.
    COMPLAINT = "COMPLAINT"
    #: 建议.
    SUGGESTION = "SUGGESTION"
    #: 咨询: a question.
    INQUIRY = "INQUIRY"
    #: 特约服务 / 有偿服务: priced before the work, evaluated by callback after it.
    PAID_SERVICE = "PAID_SERVICE"
    #: Raised by staff themselves (patrols, special-care visits), not by a customer.
    PROACTIVE = "PROACTIVE"


class Priority(enum.StrEnum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"
