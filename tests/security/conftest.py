"""A server that requires credentials, per backend, and a small world to point tokens at.

The world: region R1 with communities A and B, region R2 with community C;
each community has a building, a unit, a staff member and an owner with a
phone and a plate. Scoped tokens are confined to A (community) or R1
(region), so C is always outside their scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc
import pytest

from svcq.testing import RunningServer, make_token, start_server, token_channel
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from tests.conftest import fresh_database
from tests.support import Factory

PHONE = "13812345678"
PLATE = "沪A12345"


@dataclass
class Place:
    id: str
    region_id: str
    building: str = ""
    unit: str = ""
    staff: str = ""
    owner: str = ""


@dataclass
class World:
    server: RunningServer
    admin: grpc.Channel
    places: dict[str, Place] = field(default_factory=dict)
    channels: dict[str, grpc.Channel] = field(default_factory=dict)

    def channel(self, role: str, scope: str) -> grpc.Channel:
        """A channel with a token of ``role`` at ``scope`` (company / region / community)."""
        key = f"{role}:{scope}"
        if key not in self.channels:
            where = {"company": "company", "region": f"region:{self.places['A'].region_id}",
                     "community": f"community:{self.places['A'].id}"}[scope]
            self.channels[key] = token_channel(self.server, make_token(self.server, role, where))
        return self.channels[key]


def _place(f: Factory, region_id: str) -> Place:
    c = f.community(region_id)
    p = Place(c.id, region_id)
    p.building = f.building(c.id).id
    p.unit = f.unit(p.building).id
    p.staff = f.staff(c.id).id
    p.owner = f.owner(c.id, phones=[PHONE], plates=[PLATE],
                      units=[opb.OwnerUnit(unit_id=p.unit, role=opb.OWNER_ROLE_OWNER)]).id
    return p


@pytest.fixture(scope="session")
def world(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    url, pg = fresh_database(backend, tmp_path_factory)
    running = start_server(url, auth=True)
    admin = token_channel(running, make_token(running, "ADMIN", "company", name="world admin"))
    w = World(running, admin)
    f = Factory(admin)
    r1, r2 = f.region().id, f.region().id
    w.places = {"A": _place(f, r1), "B": _place(f, r1), "C": _place(f, r2)}
    try:
        yield w
    finally:
        for channel in [admin, *w.channels.values()]:
            channel.close()
        running.stop()
        if pg is not None:
            pg.drop()


def code_and_reason(call: object) -> tuple[grpc.StatusCode, str]:
    """Run ``call()``; (OK, "") or the error's code and ErrorInfo reason."""
    from tests.support import details

    try:
        call()  # type: ignore[operator]
    except grpc.RpcError as exc:
        try:
            reason = details(exc)[0]
        except AssertionError:
            reason = ""
        return exc.code(), reason
    return grpc.StatusCode.OK, ""


__all__ = ["PHONE", "PLATE", "World", "code_and_reason", "dpb"]
