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


class Channel(enum.StrEnum):
    """How a request reached the service centre (DOMAIN.md §2: visit, phone, letter, ...)."""

    FRONT_DESK = "FRONT_DESK"
    PHONE_HOTLINE = "PHONE_HOTLINE"
    APP = "APP"
    LETTER = "LETTER"
    ONLINE_FORUM = "ONLINE_FORUM"
    #: Found by staff on a patrol or inspection; the usual channel of proactive tickets.
    PATROL = "PATROL"
    #: Any staff member told in passing (人人是客服).
    STAFF_ON_BEHALF = "STAFF_ON_BEHALF"


class CallbackKind(enum.StrEnum):
    #: The customer's confirmation on completion (初级回访).
    CUSTOMER = "CUSTOMER"
    #: The quality department's callback of a sampled repair.
    QUALITY = "QUALITY"
    #: Due within a limit after a repaired defect recurred.
    SPECIAL = "SPECIAL"
