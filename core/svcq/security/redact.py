"""Masking of phones and plates in API responses, for roles that do not need them.

Applied by the interceptor to every response (plugin services included), by
field name, so a new message with a ``phone`` or ``plates`` field is masked
without anybody remembering to. Names are matched as whole words of the
snake_case field name: ``contact_phone`` and ``plates`` are personal,
``template_id`` is not.

JSON carried in ``google.protobuf.Struct`` / ``Value`` / ``ListValue``
(``plugin_data``, audit values, plugin responses) follows the same rule by
key: a key such as ``phone``, ``butlerPhones``, ``mobile``, ``tel`` or
``car_plate`` masks every string below it (and a phone stored as a number,
which becomes masked text); every other value is left exactly as it was.
Names are not masked in responses (masked roles still see owners' names),
so neither are they inside plugin data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from google.protobuf import struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from svcq.masking import mask_phone, mask_plate

#: phone/plate anywhere as a word (``plate_number``); mobile/tel only last (not ``mobile_app``).
_PERSONAL = re.compile(r"(?:^|_)(?:(phones?|plates?)(?:_|$)|(mobiles?|tel|telephones?)$)")
_KINDS = {"phone": "phone", "plate": "plate", "mobile": "phone", "tel": "phone",
          "telephone": "phone"}
#: A lower-case letter or digit followed by a capital: where camelCase words meet.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@lru_cache(maxsize=4096)
def personal_kind(name: str) -> str:
    """"phone" or "plate" when a field (or JSON key) of that name holds one; "" otherwise.

    The last dotted part counts; camelCase keys (JSON written by plugins)
    read like snake_case ones.
    """
    word = _CAMEL.sub("_", name.rsplit(".", 1)[-1]).lower()
    found = _PERSONAL.search(word)
    return "" if found is None else _KINDS[(found.group(1) or found.group(2)).rstrip("s")]


def mask_as(kind: str, value: Any) -> Any:
    """Mask a phone or plate value (strings, and lists of them, as stored in JSON)."""
    if isinstance(value, list):
        return [mask_as(kind, v) for v in value]
    if not isinstance(value, str) or not value:
        return value
    return mask_plate(value) if kind == "plate" else mask_phone(value)


def _mask_value(value: struct_pb2.Value, kind: str) -> None:
    """Mask a JSON value in place: strings (and numbers) below a personal key, nothing else."""
    which = value.WhichOneof("kind")
    if which == "struct_value":
        _mask_struct(value.struct_value, kind)
    elif which == "list_value":
        _mask_list(value.list_value, kind)
    elif not kind:
        return
    elif which == "string_value":
        value.string_value = mask_as(kind, value.string_value)
    elif which == "number_value":  # a phone kept as a number: masked, as text
        number = value.number_value
        text = str(int(number)) if number.is_integer() else str(number)
        value.string_value = mask_as(kind, text)


def _mask_struct(struct: struct_pb2.Struct, kind: str = "") -> None:
    for key, item in struct.fields.items():
        _mask_value(item, kind or personal_kind(key))


def _mask_list(values: struct_pb2.ListValue, kind: str = "") -> None:
    for item in values.values:
        _mask_value(item, kind)


#: The JSON types of protobuf, masked by key rather than by their own field names.
_JSON: dict[str, Any] = {
    "google.protobuf.Struct": _mask_struct,
    "google.protobuf.Value": _mask_value,
    "google.protobuf.ListValue": _mask_list,
}


def _mask_any(message: Message, kind: str) -> None:
    json = _JSON.get(message.DESCRIPTOR.full_name)
    if json is None:
        mask_message(message)
    else:
        json(message, kind)


def mask_message(message: Message) -> None:
    """Mask every phone and plate field of ``message`` and its sub-messages, in place."""
    json = _JSON.get(message.DESCRIPTOR.full_name)
    if json is not None:  # a plugin service answering with a bare Struct
        json(message, "")
        return
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
            kind = personal_kind(field.name)
            if field.message_type.GetOptions().map_entry:
                entry_value = field.message_type.fields_by_name["value"]
                if entry_value.type == FieldDescriptor.TYPE_MESSAGE:
                    for item in value.values():
                        _mask_any(item, kind)
            elif field.is_repeated:
                for item in value:
                    _mask_any(item, kind)
            else:
                _mask_any(value, kind)
