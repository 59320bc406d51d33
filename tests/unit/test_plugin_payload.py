"""Reaction arguments kept for retry: round trip, and nothing untrusted rebuilt."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from svcq.domain.owners import OwnerRecord
from svcq.plugins.payload import decode, encode


def owner() -> OwnerRecord:
    return OwnerRecord(id="ow_1", community_id="cm_1", display_name="Li",
                       profile={"phones": ["13800138000"], "units": []}, archived=False,
                       version=2, create_time=datetime(2026, 1, 5, 1, 0),
                       update_time=datetime(2026, 1, 6, 2, 30), delete_time=None,
                       plugin_data={"greeter": {"greeting": "hi"}})


def test_records_dates_and_json_values_round_trip():
    arguments = {"owner": owner(), "unit_id": "un_1", "moved_in_on": date(2026, 1, 3),
                 "count": 3, "ratio": 0.5, "flags": ["a", "b"], "nothing": None}

    assert decode(encode(arguments)) == arguments


def test_a_value_it_cannot_keep_is_a_type_error():
    with pytest.raises(TypeError, match="cannot keep a set"):
        encode({"tags": {"a"}})


@dataclass
class Outsider:
    x: int


def test_only_svcq_dataclasses_are_rebuilt():
    outsider = json.dumps({"v": {"$record": "os:system", "fields": {}}})
    non_dataclass = json.dumps({"v": {"$record": "svcq.clock:FakeClock", "fields": {}}})
    test_class = encode({"v": Outsider(1)})

    for text in (outsider, non_dataclass, test_class):
        with pytest.raises(ValueError, match="refusing to rebuild"):
            decode(text)


def test_enums_keep_their_type_and_durations_their_length():
    from datetime import timedelta

    from svcq.plugin import Period

    back = decode(encode({"period": Period.WEEKLY, "paused": timedelta(hours=1, seconds=3)}))

    assert back["period"] is Period.WEEKLY
    assert back["paused"] == timedelta(seconds=3603)
