"""Masking of phones and plates in API responses, for roles that do not need them.

Applied by the interceptor to every response (plugin services included), by
field name, so a new message with a ``phone`` or ``plates`` field is masked
without anybody remembering to. Names are matched as whole words of the
snake_case field name: ``contact_phone`` and ``plates`` are personal,
``template_id`` is not.
"""

from __future__ import annotations

import re
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from svcq.masking import mask_phone, mask_plate

_PERSONAL = re.compile(r"(?:^|_)(phones?|plates?)(?:_|$)")


def personal_kind(name: str) -> str:
    """"phone" or "plate" when a field of that name holds one; "" otherwise."""
    found = _PERSONAL.search(name.rsplit(".", 1)[-1])
    return "" if found is None else found.group(1).rstrip("s")


def mask_as(kind: str, value: Any) -> Any:
    """Mask a phone or plate value (strings, and lists of them, as stored in JSON)."""
    if isinstance(value, list):
        return [mask_as(kind, v) for v in value]
    if not isinstance(value, str) or not value:
        return value
    return mask_plate(value) if kind == "plate" else mask_phone(value)


def mask_message(message: Message) -> None:
    """Mask every phone and plate field of ``message`` and its sub-messages, in place."""
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_STRING:
            kind = personal_kind(field.name)
            if not kind:
                continue
            if field.is_repeated:
                value[:] = [mask_as(kind, v) for v in value]
            else:
                setattr(message, field.name, mask_as(kind, value))
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                entry_value = field.message_type.fields_by_name["value"]
                if entry_value.type == FieldDescriptor.TYPE_MESSAGE:
                    for item in value.values():
                        mask_message(item)
            elif field.is_repeated:
                for item in value:
                    mask_message(item)
            else:
                mask_message(value)
