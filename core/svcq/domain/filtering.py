"""The List filter grammar: ``field op "value"`` terms joined by ``AND`` (a subset of AIP-160).

    community_id = "cm_01..." AND tag = "committee" AND move_in_date >= "2024-01-01"

Values are double-quoted strings (``\\"`` escapes a quote) or bare words for
enums and numbers. Each resource declares the fields and operators it
accepts; anything else is refused with a violation on ``filter`` that says
what is allowed, so a caller can fix the query from the message alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from peewee import Expression

from svcq.domain.validation import check_enum
from svcq.errors import InvalidArgument, Violations

MAX_FILTER_LENGTH = 2000

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<op>>=|<=|!=|=|<|>)
      | (?P<word>[A-Za-z0-9_.\-:+]+)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Term:
    field: str
    op: str
    value: str


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise _bad(f"unexpected character at position {pos + 1}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        out.append((kind, value))
        pos = match.end()
    return out


def _bad(description: str) -> InvalidArgument:
    return InvalidArgument.one("filter", description, reason="INVALID_FILTER")


def parse_filter(text: str, allowed: Mapping[str, frozenset[str]]) -> list[Term]:
    """Parse ``text`` into terms; ``allowed`` maps each field to its operators."""
    if not text.strip():
        return []
    if len(text) > MAX_FILTER_LENGTH:
        raise _bad(f"longer than {MAX_FILTER_LENGTH} characters")
    tokens = _tokens(text)
    terms: list[Term] = []
    i = 0
    while True:
        if i + 3 > len(tokens):
            raise _bad("expected `field op value`")
        (fkind, field), (okind, op), (vkind, value) = tokens[i : i + 3]
        if fkind != "word" or okind != "op" or vkind not in {"string", "word"}:
            raise _bad("expected `field op value`")
        if field not in allowed:
            raise _bad(f"unknown field {field!r}; allowed: {', '.join(sorted(allowed))}")
        if op not in allowed[field]:
            ops = " ".join(sorted(allowed[field]))
            raise _bad(f"operator {op!r} not allowed on {field}; allowed: {ops}")
        terms.append(Term(field, op, value))
        i += 3
        if i == len(tokens):
            return terms
        if tokens[i] != ("word", "AND"):
            raise _bad("terms must be joined by AND")
        i += 1


EQ = frozenset({"="})
ORDERED = frozenset({"=", "<", "<=", ">", ">="})


def enum_value(term: Term, enum: type[StrEnum], prefix: str) -> str:
    """A term's enum value by bare name; the proto spelling (``CARE_FLAG_ELDERLY``) works too."""
    v = Violations()
    value = check_enum(v, "filter", enum, term.value, prefix=prefix)
    v.raise_if_any(reason="INVALID_FILTER")
    return value


def bool_value(term: Term) -> bool:
    """``true`` or ``false`` (any case, bare or quoted), else INVALID_FILTER.

    Every boolean field goes through here: reading "anything but true" as
    false turned a typo (``active = yes``) into the opposite list, silently.
    """
    if term.value.lower() not in {"true", "false"}:
        raise InvalidArgument.one("filter", f"{term.field} takes true or false",
                                  reason="INVALID_FILTER")
    return term.value.lower() == "true"


def compare(column: Any, op: str, value: Any) -> Expression:
    """``column <op> value`` for the operators of :data:`ORDERED`."""
    return {"=": column == value, "<": column < value, "<=": column <= value,
            ">": column > value, ">=": column >= value}[op]
