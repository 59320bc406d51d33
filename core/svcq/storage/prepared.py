"""Queries compiled to SQL once and re-run with new parameters, for the hot paths.

peewee spends about 0.3 ms of Python building the SQL of every query, while
SQLite answers an indexed lookup in 0.01 ms: on a Get that is most of the
server's time. A :class:`Prepared` query is written as an ordinary peewee
query over placeholder arguments, compiled on first use for each database,
and afterwards costs only the driver call. Rows come back as model
instances, converted by peewee exactly as a normal query would.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from peewee import Model

from svcq.storage.db import database

_MARK = "\x00svcq:{}\x00"


def _as_text(param: Any) -> Any:
    """A placeholder as the text it started as (blob fields hand it back as bytes)."""
    param = getattr(param, "adapted", param)  # psycopg2.Binary wraps the bytes
    if isinstance(param, (bytes, bytearray, memoryview)):
        return bytes(param).decode("raw_unicode_escape", errors="replace")
    return param


class Prepared:
    """``Prepared(lambda owner_id: Owner.select().where(Owner.id == owner_id))``.

    Arguments are compiled as text placeholders, so they must be compared with
    or stored in text, blob or date-time columns; give integer values as
    constants of the query, or use an ordinary peewee query.
    """

    def __init__(self, build: Callable[..., Any]) -> None:
        self._build = build
        self._arity = len(inspect.signature(build).parameters)
        #: database object id -> (query, sql, params recipe)
        self._compiled: dict[int, tuple[Any, str, list[tuple[bool, Any]]]] = {}

    def _compile(self) -> tuple[Any, str, list[tuple[bool, Any]]]:
        key = id(database.obj)
        compiled = self._compiled.get(key)
        if compiled is None:
            marks = [_MARK.format(i) for i in range(self._arity)]
            query = self._build(*marks)
            sql, params = query.sql()
            # each parameter is either the i-th argument or a constant of the query
            recipe = [(True, marks.index(m)) if (m := _as_text(p)) in marks else (False, p)
                      for p in params]
            compiled = self._compiled[key] = (query, sql, recipe)
        return compiled

    def _run(self, args: tuple[Any, ...]) -> tuple[Any, Any]:
        query, sql, recipe = self._compile()
        params = [args[value] if is_arg else value for is_arg, value in recipe]
        return query, database.execute_sql(sql, params)

    def execute(self, *args: Any) -> int:
        """Run an INSERT, UPDATE or DELETE; returns the affected row count."""
        return self._run(args)[1].rowcount

    def all(self, *args: Any) -> list[Model]:
        query, cursor = self._run(args)
        return list(query._get_cursor_wrapper(cursor))

    def tuples(self, *args: Any) -> list[tuple[Any, ...]]:
        """Raw rows, for reads so hot that building model instances shows up in profiles."""
        return self._run(args)[1].fetchall()

    def first(self, *args: Any) -> Model | None:
        rows = self.all(*args)
        return rows[0] if rows else None
