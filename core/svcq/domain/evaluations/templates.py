"""Checklist templates (检查标准): versioned data, never code.

A template is read from a plain mapping (a TOML/JSON file or an API message
turned into a dict) so that a quality department can change its standard
without a release. Every problem is reported at once, named by its path
(``items[3].max_score``), because the people who edit these files are not
programmers and fix them best in one pass.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from svcq.domain.evaluations.kinds import Discipline, InspectionKind, ScoringMethod
from svcq.domain.validation import NUL
from svcq.errors import Violations

_E = TypeVar("_E", Discipline, ScoringMethod)

_TEMPLATE_KEYS = {"key", "name", "version", "kinds", "items"}
_ITEM_KEYS = {"id", "discipline", "title", "max_score", "method", "responsible_post"}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    discipline: Discipline
    title: str
    max_score: Decimal
    method: ScoringMethod
    #: The post answerable for this item (各檢查項目對應責任人); results feed its appraisal.
    responsible_post: str


@dataclass(frozen=True)
class ChecklistTemplate:
    #: Stable name shared by all versions of one standard.
    key: str
    name: str
    version: int
    kinds: frozenset[InspectionKind]
    items: tuple[ChecklistItem, ...]

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def max_total(self) -> Decimal:
        return sum((i.max_score for i in self.items), Decimal(0))


def parse_template(data: Mapping[str, Any]) -> ChecklistTemplate:
    """Build a template from a plain mapping, refusing it with every bad field named.

    Raises :class:`svcq.errors.InvalidArgument`.
    """
    v = Violations()
    for extra in sorted(set(data) - _TEMPLATE_KEYS):
        v.add(extra, "unknown key")
    key = _text(data, "key", "key", v)
    name = _text(data, "name", "name", v)
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        v.add("version", "must be a whole number >= 1")
    kinds = _kinds(data.get("kinds"), v)
    raw_items = data.get("items")
    items: list[ChecklistItem] = []
    if not isinstance(raw_items, Sequence) or isinstance(raw_items, str) or not raw_items:
        v.add("items", "must be a non-empty list of items")
    else:
        seen: set[str] = set()
        for n, raw in enumerate(raw_items):
            item = _item(raw, f"items[{n}]", v)
            if item is None:
                continue
            if item.id in seen:
                v.add(f"items[{n}].id", f"duplicate item id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    v.raise_if_any(reason="INVALID_TEMPLATE")
    return ChecklistTemplate(key, name, version, kinds, tuple(items))


def revise_template(current: ChecklistTemplate, data: Mapping[str, Any]) -> ChecklistTemplate:
    """The next version of ``current``: updates never rewrite a version already scored against."""
    revised = parse_template({**data, "key": current.key, "version": 1})
    return replace(revised, version=current.version + 1)


def load_template_file(path: str | Path) -> ChecklistTemplate:
    with open(path, "rb") as f:
        return parse_template(tomllib.load(f))


def default_template() -> ChecklistTemplate:
    """The monthly management-state checklist shipped with svcq as a starting point."""
    text = (
        resources.files(__package__)
        .joinpath("templates/monthly_management.toml")
        .read_text(encoding="utf-8")
    )
    return parse_template(tomllib.loads(text))


def _text(data: Mapping[str, Any], key: str, path: str, v: Violations) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        v.add(path, "required, a non-empty string")
        return ""
    if NUL in value:
        v.add(path, "must not contain NUL characters")
    return value.strip()


def _kinds(raw: object, v: Violations) -> frozenset[InspectionKind]:
    if raw is None:
        return frozenset(InspectionKind)
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        v.add("kinds", "must be a list of inspection kinds")
        return frozenset()
    kinds = set()
    for n, name in enumerate(raw):
        try:
            kinds.add(InspectionKind(name))
        except ValueError:
            v.add(f"kinds[{n}]", f"unknown inspection kind {name!r}")
    return frozenset(kinds)


def _item(raw: object, path: str, v: Violations) -> ChecklistItem | None:
    if not isinstance(raw, Mapping):
        v.add(path, "must be a table/object")
        return None
    before = len(v.items)
    for extra in sorted(set(raw) - _ITEM_KEYS):
        v.add(f"{path}.{extra}", "unknown key")
    item_id = _text(raw, "id", f"{path}.id", v)
    title = _text(raw, "title", f"{path}.title", v)
    post = _text(raw, "responsible_post", f"{path}.responsible_post", v)
    discipline = _enum(Discipline, raw.get("discipline"), f"{path}.discipline", v)
    method = _enum(ScoringMethod, raw.get("method", ScoringMethod.DEDUCT), f"{path}.method", v)
    max_score = to_decimal(raw.get("max_score"))
    if max_score is None or max_score <= 0:
        v.add(f"{path}.max_score", "required, a number > 0")
    if len(v.items) > before:
        return None
    assert discipline is not None and method is not None and max_score is not None
    return ChecklistItem(item_id, discipline, title, max_score, method, post)


def _enum(cls: type[_E], raw: object, path: str, v: Violations) -> _E | None:
    try:
        return cls(raw)
    except ValueError:
        v.add(path, f"must be one of {', '.join(cls)}")
        return None


def to_decimal(raw: object) -> Decimal | None:
    """A finite Decimal from an int, float or numeric string; None when it is not one.

    Floats go through ``str`` so ``0.5`` stays 0.5 and sums of scores are exact.
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
