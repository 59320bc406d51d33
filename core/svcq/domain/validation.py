"""Field checks shared by every service, reporting into a Violations collector.

Phones and plates are normalised before they are stored or compared, so a
lookup by ``138 1234 5678`` finds ``13812345678``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from svcq.errors import InvalidArgument, NotFound, Violations

#: Longest single-line text (names, titles) and free text (notes, descriptions).
MAX_NAME = 200
MAX_TEXT = 4000
MAX_LIST = 50

_PHONE = re.compile(r"^\+?[0-9]{5,20}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
# Province abbreviation, issuing-authority letter, then 5 (ordinary) or 6
# (new-energy) characters; the last may be a special-use suffix.
_PLATE = re.compile(
    r"^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]"
    r"[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$"
)


#: PostgreSQL cannot store NUL in text; refused as input so both backends answer alike.
NUL = "\x00"


def normalize_phone(raw: str) -> str:
    return _PHONE_SEPARATORS.sub("", raw)


def normalize_plate(raw: str) -> str:
    return raw.replace(" ", "").replace("·", "").upper()


def check_name(v: Violations, path: str, value: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        v.add(path, "required")
    elif len(value) > MAX_NAME:
        v.add(path, f"at most {MAX_NAME} characters")
    elif NUL in value:
        v.add(path, "must not contain NUL characters")
    return value


def check_text(v: Violations, path: str, value: str, limit: int = MAX_TEXT) -> str:
    if len(value) > limit:
        v.add(path, f"at most {limit} characters")
    elif NUL in value:
        v.add(path, "must not contain NUL characters")
    return value


def check_list(v: Violations, path: str, values: list, limit: int = MAX_LIST) -> bool:
    if len(values) > limit:
        v.add(path, f"at most {limit} entries")
        return False
    return True


def check_phones(v: Violations, path: str, raw: list[str]) -> list[str]:
    if not check_list(v, path, raw):
        return []
    phones: list[str] = []
    for i, value in enumerate(raw):
        phone = normalize_phone(value)
        if not _PHONE.match(phone):
            v.add(f"{path}[{i}]", "not a phone number: digits with an optional leading +")
        elif phone not in phones:
            phones.append(phone)
    return phones


def check_plates(v: Violations, path: str, raw: list[str]) -> list[str]:
    if not check_list(v, path, raw):
        return []
    plates: list[str] = []
    for i, value in enumerate(raw):
        plate = normalize_plate(value)
        if not _PLATE.match(plate):
            v.add(f"{path}[{i}]", "not a mainland car plate, e.g. 沪A12345 or 粤B12345D")
        elif plate not in plates:
            plates.append(plate)
    return plates


def check_tags(v: Violations, path: str, raw: list[str]) -> list[str]:
    if not check_list(v, path, raw):
        return []
    tags: list[str] = []
    for i, value in enumerate(raw):
        tag = value.strip()
        if not tag or len(tag) > 64:
            v.add(f"{path}[{i}]", "1 to 64 characters")
        elif tag not in tags:
            tags.append(tag)
    return tags


def check_time_zone(v: Violations, path: str, value: str) -> str:
    if not value:
        v.add(path, "required, an IANA time zone such as Asia/Shanghai")
        return value
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        v.add(path, f"unknown time zone {value!r}; use an IANA name such as Asia/Shanghai")
    return value


def check_id(v: Violations, path: str, value: str) -> str:
    if not value:
        v.add(path, "required")
    elif len(value) > 32 or NUL in value:
        v.add(path, "not an id this server issued")
    return value


def require_id(value: str, path: str = "id") -> None:
    """Refuse an empty or over-long id as bad input rather than answering NOT_FOUND."""
    v = Violations()
    check_id(v, path, value)
    v.raise_if_any()


def check_date_order(v: Violations, path: str, first: date | None, then: date | None) -> None:
    if first and then and then < first:
        v.add(path, "must not be before the move-in date")


def require_found(row: object | None, kind: str, ident: str) -> None:
    if row is None:
        raise NotFound(kind, ident)


def check_update_mask(fields: set[str], allowed: frozenset[str]) -> None:
    """An update must name at least one field, and only fields that may change."""
    unknown = sorted(fields - allowed)
    if unknown or not fields:
        names = ", ".join(sorted(allowed))
        raise InvalidArgument.one(
            "update_mask",
            f"unknown field {unknown[0]!r}; allowed: {names}" if unknown
            else f"name at least one field; allowed: {names}",
            reason="INVALID_UPDATE_MASK")


def check_enum(v: Violations, path: str, enum: type[StrEnum], value: str, *,
               required: bool = True, prefix: str = "") -> str:
    """A bare enum name (``ELDERLY``; ``prefix`` is stripped if a caller sent the proto name)."""
    if not value:
        if required:
            v.add(path, "required")
        return ""
    try:
        return enum(value.removeprefix(prefix)).value
    except ValueError:
        v.add(path, f"must be one of {', '.join(e.value for e in enum)}")
        return ""
